/* The modelled TLB: a cache of translations that keeps what it holds until a
 * TLB maintenance operation or its own replacement removes it (ARM DDI 0406C
 * B3.10 "TLB maintenance requirements": a TLB may hold any entry that was
 * valid at some time, until invalidated). Geometry comes from the core model.
 * In front of it, a soft-TLB for speed that only ever holds entries present
 * in the modelled TLB. */
#ifndef HYPSIM_TLB_H
#define HYPSIM_TLB_H

#include <stdbool.h>
#include <stdint.h>

/* Translation regimes an entry can belong to. */
enum tlb_regime {
	TLB_REGIME_PL10 = 0, /* Secure or Non-secure PL1&0 (stage 1, or stage 1+2 combined) */
	TLB_REGIME_HYP = 1,  /* Non-secure PL2 stage 1 */
	TLB_REGIME_S2 = 2,   /* stage 2 only (IPA -> PA) */
};

/* Permission bits kept in an entry (already combined across stages). */
enum {
	TLB_PERM_PL1_R = 1u << 0,
	TLB_PERM_PL1_W = 1u << 1,
	TLB_PERM_PL1_X = 1u << 2,
	TLB_PERM_PL0_R = 1u << 3,
	TLB_PERM_PL0_W = 1u << 4,
	TLB_PERM_PL0_X = 1u << 5,
};

struct tlb_entry {
	bool valid;
	uint8_t regime;    /* enum tlb_regime */
	bool ns;           /* entry belongs to the Non-secure state */
	bool global;       /* nG == 0 */
	uint8_t asid;      /* meaningful when !global */
	uint8_t vmid;      /* PL1&0 NS and stage 2 entries */
	uint8_t size_log2; /* 12, 16, 20, 21, 24, 30 */
	uint8_t domain;    /* short-descriptor domain */
	uint16_t perms;    /* TLB_PERM_* */
	uint8_t memattr;   /* MAIR-style attribute byte of the result */
	uint8_t fault_info; /* permission-fault level / descriptor format info */
	uint64_t va;        /* input address, aligned to the size */
	uint64_t pa;        /* output address, aligned to the size */
	uint64_t ipa;       /* for combined stage 1+2 entries */
	uint64_t filled_at; /* core icount at fill, for hang reports */
	uint32_t aux;       /* MMU-private bits (AP, XN, descriptor kind) */
	/* Where the entry came from: the PA of the final descriptor of its
	 * walk (stage 1, or stage 2 for an S2 entry) and, for a combined
	 * stage 1+2 entry, of the final stage-2 descriptor of its output
	 * (0 when none). --check-maintenance watches writes to them. */
	uint64_t desc_pa;
	uint64_t s2_desc_pa;
};

/* Soft-TLB slot: a direct-mapped shortcut to a host page for one regime
 * context. Cleared whenever the modelled TLB drops anything or the
 * translation context changes. */
struct soft_tlb_slot {
	uint32_t va_page;  /* VA >> 12, with SOFT_TLB_INVALID when empty */
	uint32_t context;  /* regime/ASID/VMID/mode key */
	uint8_t *host;     /* host pointer of the page's first byte */
	uint64_t pa_page;  /* PA of the page */
	uint8_t memattr;
	bool ns;           /* output NS of the translation */
	int32_t tlb_index; /* modelled entry it came from, -1 if none (MMU off) */
};

#define SOFT_TLB_SLOTS 256
#define SOFT_TLB_INVALID 0xffffffffu

struct tlb {
	struct tlb_entry *entries; /* sets * ways, set-major */
	unsigned n_entries;
	unsigned ways;
	unsigned next_victim; /* round-robin replacement pointer per machine */
	struct soft_tlb_slot soft[3][SOFT_TLB_SLOTS]; /* fetch, read, write */
	unsigned sets;        /* n_entries / ways, a power of two */
	uint8_t *victim;      /* round-robin replacement pointer per set */
	uint32_t soft_dacr;   /* DACR the soft-TLB's domain checks used */
	uint64_t fills, hits, walks; /* statistics for the monitor */
	/* The soft-TLB key of the current context (translate.c), kept until
	 * mmu_context_changed() or a change of CPSR.M or SCR. */
	bool key_valid;
	bool key_hyp;      /* Hyp regime: ACC_UNPRIV does not apply */
	bool key_dacr;     /* short-descriptor stage 1: DACR check */
	uint8_t key_mode;
	uint8_t key_bank;
	uint32_t key_scr;
	uint32_t key_base; /* key for accesses without ACC_UNPRIV */
	/* Bumped whenever a soft-TLB slot may have been dropped or the key
	 * changed: fast paths outside the MMU (the fetch memo in
	 * cpu/step.c) stay valid only while it does not move. */
	uint32_t gen;
};

struct cpu;
/* The entry the current context would use to translate va (what a fetch
 * of va would hit now), or NULL: for hang reports ("PC translated by the
 * entry filled at icount N"). Never walks, never changes the TLB. */
const struct tlb_entry *tlb_lookup_for_report(const struct cpu *cpu,
					      uint32_t va);
/* Number of valid entries (monitor, tests). */
unsigned tlb_count_valid(const struct cpu *cpu);
/* Print one entry as tlb_dump does, without the trailing newline. */
void tlb_format_entry(const struct tlb_entry *e, char *buf, unsigned len);

#endif
