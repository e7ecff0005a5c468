/* Address translation: every regime of ARMv7-A with LPAE and the
 * Virtualization Extensions (ARM DDI 0406C chapter B3), in front of the
 * modelled TLB (tlb.h). The walker returns a result or a fault as data; the
 * fault is turned into DFSR/IFSR/HSR in one place (mmu_fault_*). */
#ifndef HYPSIM_MMU_H
#define HYPSIM_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct cpu;

enum mmu_access { MMU_FETCH = 0, MMU_READ = 1, MMU_WRITE = 2 };

enum fault_type {
	FAULT_NONE = 0,
	FAULT_ALIGNMENT,
	FAULT_TRANSLATION,
	FAULT_ACCESS_FLAG,
	FAULT_DOMAIN,
	FAULT_PERMISSION,
	FAULT_ADDRESS_SIZE,
	FAULT_EXTERNAL,      /* synchronous external abort on the access */
	FAULT_EXTERNAL_WALK, /* synchronous external abort on a table walk */
	FAULT_DEBUG,
};

struct mmu_fault {
	enum fault_type type;
	unsigned level;   /* lookup level of translation/AF/permission faults */
	unsigned domain;  /* short-descriptor domain */
	bool stage2;      /* the fault came from stage 2 */
	bool s1ptw;       /* stage-2 fault on a stage-1 table walk */
	bool long_format; /* the stage-1 regime uses the long-descriptor format
			     (TTBCR.EAE, or HYP): selects the FSR format */
	uint64_t ipa;     /* faulting IPA (for HPFAR) when stage2 */
	bool ea_ext;      /* external abort type bit (DFSR.ExT) */
	bool cm;          /* raised by a cache maintenance or address
			     translation operation (HSR.CM, DFSR.CM) */
};

struct mmu_result {
	uint64_t pa;
	uint8_t memattr; /* MAIR-style attribute byte: 0x00 SO, 0x04 Device,
			    0x44 NC, 0xff WB… (stage 1 and 2 combined) */
	bool ns;
	/* Host pointer to the byte at pa when pa is RAM (valid to the end of
	 * its 4 KiB page), else NULL. Set by mmu_translate. */
	uint8_t *host;
};

/* Memory attributes that mean the access may allocate into a cache. */
static inline bool mmu_attr_inner_cacheable(uint8_t memattr)
{
	unsigned inner = memattr & 0xfu;
	/* 0b0100 = Non-cacheable; 0b00xx with outer 0b0000 = Device/SO */
	if ((memattr & 0xf0u) == 0)
		return false;
	return inner != 0x4u && inner != 0;
}

/* Translate va for the current regime (mode, security state, HCR.VM…).
 * flags: ACC_UNPRIV for LDRT/STRT. Returns false with *fault filled. */
bool mmu_translate(struct cpu *cpu, uint32_t va, enum mmu_access acc,
		   unsigned flags, struct mmu_result *res,
		   struct mmu_fault *fault);

/* mmu_translate's answer when it comes from the soft TLB as things are
 * (its key current, DACR unchanged since the slot was filled): then
 * mmu_translate would change nothing either, so asking this first is
 * exactly like not asking. False when mmu_translate would do more (a
 * walk, a fault, refreshing its key): only it may. */
bool mmu_translate_cached(const struct cpu *cpu, uint32_t va,
			  enum mmu_access acc, struct mmu_result *res);

/* Translate as the current regime would, for a debugger, a monitor, a
 * hang report: entries already in the TLB are used (so the answer is what
 * the core would see, stale entries included) but nothing is filled into
 * the TLB or the soft-TLB. A walk still reads the tables through the bus. */
bool mmu_translate_debug(struct cpu *cpu, uint32_t va, enum mmu_access acc,
			 struct mmu_result *res, struct mmu_fault *fault);

/* The translation context changed (mode, SCTLR/HSCTLR/HCR/TTBCR/…
 * writes): drop whatever fast paths depend on it. Never removes modelled
 * TLB entries. */
void mmu_context_changed(struct cpu *cpu);

/* Fault status encodings (B3.13.3 short, B3.13.4 long). */
uint32_t mmu_fault_fsr_short(const struct mmu_fault *f, bool is_write);
uint32_t mmu_fault_fsr_long(const struct mmu_fault *f, bool is_write);
/* Six-bit long-format fault status code for HSR.DFSC/IFSC. */
uint32_t mmu_fault_fsc_long(const struct mmu_fault *f);

/* TLB maintenance operations (B4.2.2), dispatched from the CP15 table. */
enum tlbi_op {
	TLBI_ALL,       /* TLBIALL (and ITLBIALL, DTLBIALL) */
	TLBI_MVA,       /* TLBIMVA */
	TLBI_ASID,      /* TLBIASID */
	TLBI_MVAA,      /* TLBIMVAA */
	TLBI_ALLH,      /* TLBIALLH */
	TLBI_MVAH,      /* TLBIMVAH */
	TLBI_ALLNSNH,   /* TLBIALLNSNH */
	TLBI_IPAS2,     /* no ARMv7 encoding (the CP15 table never issues
			   it); mmu_tlb_maintenance removes nothing for it */
};
/* inner_shareable: the IS form, broadcast to every core of the machine. */
void mmu_tlb_maintenance(struct cpu *cpu, enum tlbi_op op, uint32_t arg,
			 bool inner_shareable);

/* Address translation operations (B4.2.6): ATS1CPR… write PAR. */
enum ats_op {
	ATS1CPR, ATS1CPW, ATS1CUR, ATS1CUW,
	ATS12NSOPR, ATS12NSOPW, ATS12NSOUR, ATS12NSOUW,
	ATS1HR, ATS1HW,
};
/* Perform the operation: PAR gets the result or the fault, and true is
 * returned. False: the operation instead takes a Data Abort, described in
 * *abort (never NULL), and PAR is unchanged. That is the case of an ATS1C*
 * executed at Non-secure PL1 whose stage-1 table walk meets a stage-2
 * fault (B4.2.6): the abort goes to Hyp mode with HSR.S1PTW and HPFAR
 * (abort->stage2, s1ptw, ipa, cm set). The caller must raise it, which is
 * why the result cannot be ignored. */
__attribute__((warn_unused_result))
bool mmu_address_translate(struct cpu *cpu, enum ats_op op, uint32_t va,
			   struct mmu_fault *abort);

/* Allocate/reset the modelled TLB from the core model geometry. */
void tlb_init(struct cpu *cpu);
void tlb_destroy(struct cpu *cpu);
/* Monitor/gdb/hang report: print valid entries, one per line. */
void tlb_dump(const struct cpu *cpu, FILE *out);


/* ---- the debugger's translations (src/mmu/debug_walk.c): no TLB entry
 * is filled and no cache model touched; TLB entries are looked up, stale
 * or not, as the core would use them ---- */
/* stage-2 permissions (HAP and XN of a stage-2 descriptor) */
enum { MMU_S2_R = 1u << 0, MMU_S2_W = 1u << 1, MMU_S2_X = 1u << 2 };
enum mmu_view {
	MMU_VIEW_CURRENT, /* the core's current regime (a load would) */
	MMU_VIEW_GUEST,   /* Non-secure PL1&0 stage 1 as the guest left its
			     registers, then stage 2 when HCR.VM/DC */
	MMU_VIEW_HYP,     /* Hyp's own stage 1 (HTTBR/HTCR/HSCTLR) */
};
/* The stage-by-stage translation of one VA (the debugger's `translate`
 * commands). */
struct mmu_stages {
	uint32_t va;
	const char *regime; /* "Hyp", "Non-secure PL1&0", "Secure PL1&0" */
	bool s1_on, s1_long, s2_on, dc;
	uint8_t vmid, asid, vttbr_vmid;
	bool faulted;       /* fault below says where */
	struct mmu_fault fault;
	bool s1_done;       /* ipa and s1attr are known */
	uint64_t ipa, pa;
	uint8_t s1attr, attr; /* stage 1 alone, combined */
	bool s2_done;       /* the stage-2 fields are known */
	uint8_t s2attr, s2perms, s2level;
	bool s2_from_tlb, from_tlb, ns;
	char refused[160];  /* why the request was refused */
};
/* Translate va as a read in view v. */
bool mmu_debug_view_translate(struct cpu *cpu, enum mmu_view v, uint32_t va,
			      uint64_t *pa);
/* vmid < 0: the regime's own stage 2. vmid >= 0: walk stage 2 for that
 * VMID (even with HCR.VM clear); refused (false, x->refused says why)
 * when VTTBR holds another VMID, since the model knows only the current
 * VTTBR, or when the view is not the Non-secure PL1&0 regime. */
bool mmu_debug_stages(struct cpu *cpu, enum mmu_view v, uint32_t va, int vmid,
		      struct mmu_stages *x);
/* Whether TLB entry e is stale: the walk it came from, done again now
 * (no TLB lookup, nothing filled), gives another output, size,
 * attributes or permissions, or a fault. 1 stale (why says how), 0 it
 * matches, -1 cannot tell (an ASID or VMID whose tables the registers
 * do not name now, or a Secure entry seen from Non-secure state). */
struct tlb_entry;
int mmu_tlb_entry_stale(struct cpu *cpu, const struct tlb_entry *e,
			char *why, unsigned len);

#endif
