/* The system-register table: one description per register (DESIGN.md
 * principle 5). It drives execution (MRC/MCR/MRRC/MCRR), the trace format
 * (registers by table id), the gdb target description, the monitor's
 * `sysregs` command and `hypsim sysregs`. */
#ifndef HYPSIM_SYSREG_H
#define HYPSIM_SYSREG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/mmu.h"

struct cpu;
struct core_model;

/* Encoding key: 32-bit form p<cp>, opc1, CRn, CRm, opc2, or the 64-bit
 * MCRR/MRRC form p<cp>, opc1, CRm. */
struct sysreg_encoding {
	uint8_t coproc; /* 14 or 15 */
	uint8_t is64;
	uint8_t opc1, crn, crm, opc2;
};

#define SYSREG_KEY(cp, is64, opc1, crn, crm, opc2)                       \
	(((uint32_t)(cp) << 16) | ((uint32_t)(is64) << 15) |             \
	 ((uint32_t)(opc1) << 11) | ((uint32_t)(crn) << 7) |              \
	 ((uint32_t)(crm) << 3) | (uint32_t)(opc2))

/* Minimum privilege and special access rules. */
enum sysreg_access {
	SR_PL0_R = 1u << 0, /* readable at PL0 */
	SR_PL0_W = 1u << 1,
	SR_PL1_R = 1u << 2,
	SR_PL1_W = 1u << 3,
	SR_PL2_R = 1u << 4, /* readable in HYP (and Monitor with SCR.NS=1) */
	SR_PL2_W = 1u << 5,
	SR_SECURE_ONLY = 1u << 6, /* UNDEFINED in Non-secure state */
	SR_BANKED = 1u << 7,      /* Secure/Non-secure copies by SCR.NS */
	SR_MON_ONLY = 1u << 8,    /* accessible only in Monitor mode */
	SR_CONST = 1u << 9,       /* value fixed (ID registers) */
	SR_NO_GDB = 1u << 10,     /* operations, not registers: hidden from gdb/trace */
	SR_OPERATION = 1u << 11,  /* cache/TLB/AT operation (write-only op) */
	/* A write changes the translation context: mmu_context_changed()
	 * follows it (SCTLR, TTBRs, TTBCR, DACR, MAIRs, CONTEXTIDR, HCR…). */
	SR_MMU_CTX = 1u << 12,
	/* An alias of another table entry (MIDR synonyms, the 32-bit views of
	 * 64-bit registers): hidden from gdb/trace register lists. */
	SR_ALIAS = 1u << 13,
};

/* The HYP trap controls that apply to a register (the HYP issue acts on
 * them in src/hyp/). HSTR by CRn applies to every CP15 register anyway. */
enum sysreg_trap {
	TRAP_NONE = 0,
	TRAP_TVM = 1u << 0,   /* HCR.TVM: writes to the VM control registers */
	TRAP_TID0 = 1u << 1,  /* HCR.TID0 (FPSID, JIDR) */
	TRAP_TID1 = 1u << 2,  /* HCR.TID1 (TCMTR, TLBTR, REVIDR, AIDR) */
	TRAP_TID2 = 1u << 3,  /* HCR.TID2 (CTR, CCSIDR, CLIDR, CSSELR) */
	TRAP_TID3 = 1u << 4,  /* HCR.TID3 (ID_PFR0 … MVFR) */
	TRAP_TAC = 1u << 5,   /* HCR.TAC (ACTLR) */
	TRAP_TSW = 1u << 6,   /* HCR.TSW (set/way cache operations) */
	TRAP_TPC = 1u << 7,   /* HCR.TPC (cache ops to PoC) */
	TRAP_TPU = 1u << 8,   /* HCR.TPU (cache ops to PoU) */
	TRAP_TTLB = 1u << 9,  /* HCR.TTLB (TLB maintenance) */
	TRAP_TIDCP = 1u << 10, /* HCR.TIDCP (implementation defined CRn=9,10,11,15) */
	TRAP_HCPTR_TCPAC = 1u << 11, /* HCPTR.TCPAC (CPACR) */
	TRAP_HDCR_TPM = 1u << 12,    /* HDCR.TPM (PMU) */
	TRAP_HDCR_TPMCR = 1u << 13,  /* HDCR.TPMCR (PMCR) */
	TRAP_HDCR_TDRA = 1u << 14,   /* HDCR.TDRA (debug ROM) */
	TRAP_HDCR_TDOSA = 1u << 15,  /* HDCR.TDOSA (OS lock/powerdown) */
	TRAP_HDCR_TDA = 1u << 16,    /* HDCR.TDA (other debug) */
	TRAP_HCPTR_TTA = 1u << 17,   /* HCPTR.TTA (trace registers) */
	TRAP_CNTHCTL_PCT = 1u << 18, /* CNTHCTL.PL1PCTEN == 0 (CNTPCT) */
	TRAP_CNTHCTL_PC = 1u << 19,  /* CNTHCTL.PL1PCEN == 0 (CNTP_*) */
	TRAP_HSTR_TTEE = 1u << 20,   /* HSTR.TTEE (ThumbEE registers) */
	TRAP_HSTR_TJDBX = 1u << 21,  /* HSTR.TJDBX (JOSCR, JMCR) */
};

struct sysreg;

/* What a register access did (ARM DDI 0406C B3.17/B4.1 usage constraints,
 * B1.14 traps to Hyp mode, B4.2.6 address translation operations). Every
 * hook returns one, and sysreg_read/sysreg_write hand it to the
 * instruction (src/cp15/coproc.c), so an exception an access raises can
 * never be lost on the way: there is no boolean to squeeze it into. */
enum sysreg_status {
	SR_DONE,  /* the access happened (a read's value is in *val) */
	SR_UNDEF, /* the access is UNDEFINED */
	SR_TRAP,  /* the access traps to Hyp mode; the instruction builds
		     its syndrome (EC/ISS of MCR, MCRR, LDC...) */
	SR_ABORT, /* the access takes a Data Abort: `fault` and `far` */
};

struct sysreg_result {
	enum sysreg_status status;
	uint64_t value;         /* SR_DONE of sysreg_read: the value read */
	uint32_t far;           /* SR_ABORT: the faulting virtual address */
	struct mmu_fault fault; /* SR_ABORT: routed like any data abort */
};

static inline struct sysreg_result sr_ok(void)
{
	return (struct sysreg_result){.status = SR_DONE};
}
static inline struct sysreg_result sr_undef(void)
{
	return (struct sysreg_result){.status = SR_UNDEF};
}
static inline struct sysreg_result sr_trap(void)
{
	return (struct sysreg_result){.status = SR_TRAP};
}
static inline struct sysreg_result sr_abort(const struct mmu_fault *f,
					    uint32_t far)
{
	return (struct sysreg_result){.status = SR_ABORT, .far = far,
				      .fault = *f};
}

/* Read/write hooks. A read hook stores the value in *val when it returns
 * SR_DONE (sysreg_read puts it in the result). */
typedef struct sysreg_result (*sysreg_read_fn)(struct cpu *cpu,
					       const struct sysreg *r,
					       uint64_t *val);
typedef struct sysreg_result (*sysreg_write_fn)(struct cpu *cpu,
						const struct sysreg *r,
						uint64_t val);
/* Extra access rule checked with the PL/security rules, before any HYP
 * trap (PL0 enables such as PMUSERENR.EN, CNTKCTL, SCTLR.CP15BEN;
 * Secure-only writes). Returns false for UNDEFINED. */
typedef bool (*sysreg_check_fn)(const struct cpu *cpu,
				const struct sysreg *r, bool is_read);

struct sysreg {
	const char *name;
	struct sysreg_encoding enc;
	uint8_t width; /* 32 or 64 */
	uint32_t access; /* enum sysreg_access */
	uint32_t traps;  /* enum sysreg_trap */
	uint64_t reset;
	uint64_t res1, res0, ro_mask; /* field rules on writes */
	/* backing storage: offset of the field in struct cp15 (the Secure
	 * copy for SR_BANKED; the Non-secure copy is the next element), or
	 * SIZE_MAX for registers computed by hooks */
	size_t offset;
	sysreg_read_fn read;
	sysreg_write_fn write;
	const char *description;
	unsigned id; /* table id (filled at start-up) */
	sysreg_check_fn check; /* NULL: the access bits alone decide */
};

/* Index the architected table plus the model's table; call once. */
void sysreg_init(void);
/* Look up by encoding for a core model (model table searched first). */
const struct sysreg *sysreg_lookup(const struct cpu *cpu,
				   const struct sysreg_encoding *enc);
/* Every register the tables describe, in id order (architected, then each
 * model's), for the trace, gdb and the monitor. */
size_t sysreg_count(void);
/* Lookup for a model without a core (listings, tests). */
const struct sysreg *sysreg_lookup_model(const struct core_model *m,
					 const struct sysreg_encoding *enc);
/* Whether r is one of m's registers (architected ones belong to all). */
bool sysreg_in_model(const struct sysreg *r, const struct core_model *m);
const struct sysreg *sysreg_by_id(unsigned id);
const struct sysreg *sysreg_by_name(const char *name);
/* Read a register's current value as software at `bank` would (for
 * gdb/monitor/trace; no side effects, no access checks). */
bool sysreg_peek(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		 uint64_t *val);
bool sysreg_poke(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		 uint64_t val);

/* Reset every CP15/CP14 register of cpu from the architected table and its
 * model (cpu->model), with MPIDR from cpu->cluster/core_in_cluster. */
void cp15_reset(struct cpu *cpu);

/* Whether an MRC/MCR (or MRRC/MCRR) of r is permitted at the current
 * PL and security state (access bits, then r->check). False means the
 * access is UNDEFINED. HYP traps are decided separately (hyp/traps.h). */
bool sysreg_access_ok(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read);
/* Execute a permitted access (no access or trap checks): a read returns
 * the value software sees (in .value); a write applies the field rules and
 * side effects. The result says whether the access happened, is UNDEFINED
 * after all, traps, or takes an abort (address translation operations):
 * the caller must act on it. Register writes are reported to observers
 * here. */
__attribute__((warn_unused_result))
struct sysreg_result sysreg_read(struct cpu *cpu, const struct sysreg *r);
__attribute__((warn_unused_result))
struct sysreg_result sysreg_write(struct cpu *cpu, const struct sysreg *r,
				  uint64_t val);

/* Generic timer (B8): the physical count CNTPCT and the virtual count
 * CNTVCT = CNTPCT - CNTVOFF, from the machine's virtual time (cpu_time)
 * at cpu->cp15.counter_hz. */
uint64_t cp15_cntpct(const struct cpu *cpu);
uint64_t cp15_cntvct(const struct cpu *cpu);
/* The timers of one core, for the interrupt outputs (B8.1.?): */
enum cp15_timer {
	CP15_TIMER_PHYS_S,  /* Secure PL1 physical timer (CNTP_* Secure copy) */
	CP15_TIMER_PHYS_NS, /* Non-secure PL1 physical timer */
	CP15_TIMER_VIRT,    /* virtual timer (CNTV_*) */
	CP15_TIMER_HYP,     /* PL2 physical timer (CNTHP_*) */
};
/* CTL.ISTATUS: enabled and the count has reached CVAL. */
bool cp15_timer_istatus(const struct cpu *cpu, enum cp15_timer t);
/* The timer's output: ISTATUS and not IMASK. */
bool cp15_timer_irq(const struct cpu *cpu, enum cp15_timer t);
/* Drive cpu->timer_out[] from the timers' state and schedule the event at
 * which each enabled, unmasked timer will fire (src/cp15/sysregs_timer.c). */
void cp15_timer_update(struct cpu *cpu);

/* HCPTR as it acts (B4.1.74): the stored controls plus the RAO bits of
 * absent coprocessors and the bits NSACR forces to one. */
uint32_t cp15_hcptr(const struct cpu *cpu);

/* Virtual time (DESIGN.md principle 1): derived from the instruction count
 * only. One retired instruction is one nanosecond of virtual time. */
#define VIRTUAL_NS_PER_INSN 1u

#endif
