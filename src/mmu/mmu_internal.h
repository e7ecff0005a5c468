/* Private interface between the translation files of src/mmu/
 * (translate.c, translate_short.c, translate_long.c, translate_s2.c,
 * tlb.c, ats.c). Nothing outside src/mmu/ includes this header. */
#ifndef HYPSIM_MMU_INTERNAL_H
#define HYPSIM_MMU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/mmu.h"
#include "mmu/tlb.h"

struct cpu;

/* Translation regimes as the walker sees them (B3.1, B3.3). */
enum mmu_regime {
	MMU_REGIME_S_PL10,  /* Secure PL1&0 */
	MMU_REGIME_NS_PL10, /* Non-secure PL1&0 (stage 2 when HCR.VM/DC) */
	MMU_REGIME_HYP,     /* Non-secure PL2 */
};

/* Everything about the current translation context a walk or a TLB
 * lookup depends on, read once from the registers. */
struct mmu_ctx {
	uint8_t regime;  /* enum mmu_regime */
	uint8_t bank;    /* cp15 bank of the PL1&0 registers: 0 S, 1 NS */
	bool pl0;        /* permissions checked as PL0 */
	bool s1_on;      /* stage 1 enabled (SCTLR.M/HSCTLR.M, not HCR.DC) */
	bool s2_on;      /* stage 2 enabled (NS PL1&0 with HCR.VM or DC) */
	bool dc;         /* HCR.DC: stage 1 off gives Normal WB memory */
	bool lpae;       /* stage 1 uses the long-descriptor format */
	bool ee;         /* stage 1 table walks are big-endian */
	bool icache_on;  /* SCTLR.I/HSCTLR.I (default fetch attributes) */
	uint8_t asid;
	uint8_t vmid;
	bool no_fill;    /* debugger/report lookup: use entries, fill none */
	bool no_lookup;  /* walk the tables even when an entry holds the
			    address (with no_fill: what a walk gives now) */
};

/* Read the context of the current mode; `flags` are the ACC_* flags of
 * the access (ACC_UNPRIV makes a PL1 access checked as PL0). */
void mmu_ctx_current(const struct cpu *cpu, unsigned flags,
		     struct mmu_ctx *ctx);
/* The Non-secure PL1&0 context as software in `cpu`'s current mode would
 * see it for ATS12NSO* and ATS1C* from Hyp mode. */
void mmu_ctx_ns_pl10(const struct cpu *cpu, bool pl0, struct mmu_ctx *ctx);
/* A PL1&0 context of either security state (stale-entry checks). */
void mmu_ctx_pl10(const struct cpu *cpu, bool secure, struct mmu_ctx *ctx);
/* The Hyp context (ATS1H*). */
void mmu_ctx_hyp(const struct cpu *cpu, struct mmu_ctx *ctx);

/* The result of a stage-1 walk, before it becomes a TLB entry. */
struct mmu_walk_result {
	uint64_t oa;        /* output address (IPA or PA) of the input address */
	uint8_t size_log2;  /* size of the block/page the descriptor maps */
	uint8_t memattr;    /* MAIR-style attribute byte */
	uint8_t sh;         /* shareability: 0 non, 2 outer, 3 inner */
	uint8_t level;      /* lookup level of the final descriptor */
	uint8_t domain;     /* short-descriptor domain */
	uint16_t perms;     /* TLB_PERM_* */
	bool ns;            /* output NS */
	bool global;        /* nG == 0 */
	bool short_format;
	bool supersection;
	bool nos;           /* short format: Not Outer Shareable (PAR.NOS) */
};

/* What a finished translation produced (TLB hit or walk). */
struct mmu_xlat {
	uint64_t pa;       /* final output address */
	uint64_t ipa;      /* stage 1 output (== pa without stage 2) */
	uint8_t memattr;   /* combined attributes */
	uint8_t s1attr;    /* stage 1 attributes alone */
	uint8_t sh;
	bool ns;
	bool supersection;
	bool nos;
	bool s1_long;      /* the stage 1 result came from a long descriptor */
	int tlb_index;     /* entry that holds it, -1 if none */
};

/* A stage-1 walker fetches its descriptors through this, which applies
 * stage 2 to the table address when the regime has it (B3.3.2). */
struct mmu_walker {
	struct cpu *cpu;
	const struct mmu_ctx *ctx;
	bool s2_walks; /* table addresses are IPAs, translated by stage 2 */
	bool ee;       /* descriptors are big-endian (SCTLR.EE/HSCTLR.EE) */
	/* When set, receives the PA of each descriptor read: after a walk
	 * that succeeds, the final (block or page) descriptor's, which the
	 * TLB entry records (tlb_entry.desc_pa). */
	uint64_t *desc_pa;
};
/* Read a `size`-byte (4 or 8) descriptor at table address `addr` for a
 * walk at lookup `level`. On failure *fault is filled (external abort on
 * the walk, or a stage-2 fault with s1ptw). */
bool mmu_walk_read(const struct mmu_walker *w, uint64_t addr, unsigned size,
		   unsigned level, uint64_t *val, struct mmu_fault *fault);

/* Stage 1 walks (translate_short.c, translate_long.c). They return the
 * descriptor's permissions in r->perms without checking the access; the
 * caller checks. Faults: translation, access flag, address size, external
 * abort on walk, stage 2 on the walk. */
bool mmu_walk_short(const struct mmu_walker *w, uint32_t va,
		    struct mmu_walk_result *r, struct mmu_fault *fault);
bool mmu_walk_long(const struct mmu_walker *w, uint32_t va,
		   struct mmu_walk_result *r, struct mmu_fault *fault);

/* Stage 2 (translate_s2.c). */
struct mmu_s2_result {
	uint64_t pa;
	uint8_t memattr;   /* stage-2 attributes as a MAIR-style byte */
	uint8_t perms;     /* MMU_S2_R/W/X */
	uint8_t level;
	uint8_t size_log2;
	int tlb_index;
	uint64_t desc_pa;  /* PA of the final stage-2 descriptor */
};
/* Walk stage 2 for `ipa` (no TLB). */
bool mmu_walk_s2(struct cpu *cpu, const struct mmu_ctx *ctx, uint64_t ipa,
		 struct mmu_s2_result *r, struct mmu_fault *fault);
/* Stage 2 through the TLB (S2 entries), walking and filling on a miss;
 * translation-kind faults only. */
bool mmu_stage2_xlat(struct cpu *cpu, const struct mmu_ctx *ctx,
		     uint64_t ipa, struct mmu_s2_result *r,
		     struct mmu_fault *fault);
/* The stage-2 permission check for `acc` (s1ptw: the access is a stage-1
 * table read, checked as a read and, with HCR.PTW, against Device
 * memory). */
bool mmu_stage2_check(const struct cpu *cpu, const struct mmu_ctx *ctx,
		      const struct mmu_s2_result *r, uint64_t ipa,
		      enum mmu_access acc, bool s1ptw,
		      struct mmu_fault *fault);
/* Both. */
bool mmu_stage2(struct cpu *cpu, const struct mmu_ctx *ctx, uint64_t ipa,
		enum mmu_access acc, bool s1ptw, struct mmu_s2_result *r,
		struct mmu_fault *fault);

/* The long-descriptor lookup shared by stage 1 and stage 2 (B3.6):
 * walks from `start` level through the table at `base` for input address
 * `ia` of `inputsize` bits, and returns the final block or page
 * descriptor. */
struct mmu_lpae_walk {
	uint64_t desc;      /* block or page descriptor */
	uint64_t oa;        /* output address of ia */
	uint8_t level;
	uint8_t size_log2;  /* with the contiguous hint applied */
	uint8_t aptable;    /* APTable bits accumulated (OR) */
	bool xntable, pxntable, nstable;
};
bool mmu_lpae_walk(const struct mmu_walker *w, uint64_t ia,
		   unsigned inputsize, unsigned start, uint64_t base,
		   struct mmu_lpae_walk *out, struct mmu_fault *fault);

/* Attributes. */
uint8_t mmu_combine_attrs(uint8_t s1, uint8_t s2);
/* Default attributes when a stage 1 is disabled (B3.2.1). */
uint8_t mmu_default_attrs(const struct mmu_ctx *ctx, enum mmu_access acc);

/* The translation used by mmu_translate and the ATS operations.
 * stage1_only: stop at the IPA (ATS1C* with stage 2 enabled). check:
 * check permissions for acc/ctx->pl0. */
bool mmu_translate_ctx(struct cpu *cpu, const struct mmu_ctx *ctx,
		       uint32_t va, enum mmu_access acc, bool stage1_only,
		       struct mmu_xlat *x, struct mmu_fault *fault);

/* ---- the modelled TLB (tlb.c) ---- */

/* tlb_entry.aux bits. */
enum {
	TLB_AUX_S2_R = 1u << 0,   /* stage-2 permissions of a combined */
	TLB_AUX_S2_W = 1u << 1,   /* stage 1+2 entry (all set when the */
	TLB_AUX_S2_X = 1u << 2,   /* entry has no stage 2) */
	TLB_AUX_SHORT = 1u << 3,  /* from a short descriptor: domain check */
	TLB_AUX_HAS_S2 = 1u << 4, /* combined with stage 2 */
	TLB_AUX_SS = 1u << 5,     /* supersection (PAR.SS) */
	TLB_AUX_NOS = 1u << 6,    /* PAR.NOS */
	TLB_AUX_OUT_NS = 1u << 7, /* output NS (res->ns) */
	TLB_AUX_SH_SHIFT = 8,     /* 2 bits: shareability */
	TLB_AUX_S1ATTR_SHIFT = 16, /* 8 bits: stage-1 attributes alone */
};
/* tlb_entry.fault_info: stage-1 level in [3:0], stage-2 level in [7:4]. */

/* Look up an entry for `va` (an IPA for stage 2) in the context; returns
 * its index or -1. */
int tlb_find(const struct cpu *cpu, const struct mmu_ctx *ctx,
	     enum tlb_regime regime, uint64_t va);
/* Insert an entry (replacing by the set's round-robin pointer); returns
 * its index. filled_at is set from cpu->icount. */
int tlb_insert(struct cpu *cpu, const struct tlb_entry *e);
/* Drop soft-TLB slots (all of them). */
void tlb_soft_flush(struct cpu *cpu);

/* Bit helpers. */
static inline uint64_t mmu_bits(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((hi - lo == 63) ? ~0ull : ((1ull << (hi - lo + 1)) - 1));
}

#endif
