/* Performance Monitors, PMUv2 (ARM DDI 0406C chapter C12; registers
 * B4.1.117-B4.1.128 PMCCNTR … PMXEVTYPER; the Virtualization Extensions'
 * HDCR partitioning, B4.1.66 and C12.8).
 *
 * What is counted. Time is the instruction count (DESIGN.md principle 1),
 * so the events this model can count exactly are:
 *   0x00 SW_INCR      writes to PMSWINC;
 *   0x08 INST_RETIRED instructions architecturally executed: every step
 *                     (cpu->icount, conditional instructions that fail
 *                     their condition included) except those that took
 *                     an Undefined Instruction, Prefetch or Data Abort
 *                     or Hyp Trap exception instead of executing
 *                     (SVC, HVC and SMC are executed);
 *   0x09 EXC_TAKEN    exceptions taken, interrupts included;
 *   0x0A EXC_RETURN   exception returns (ERET, RFE, SUBS PC / LDM ^);
 *   0x11 CPU_CYCLES   one cycle per step (as virtual time), aborted and
 *                     undefined instructions included.
 * Every other event number (0x12 BR_PRED too: branches would need work in
 * the step loop, which this model keeps free of PMU code) is accepted by
 * PMXEVTYPER and never counts. PMCEID0/1 say which (the core model's
 * pmceid).
 *
 * How. Nothing is done per instruction. Each counter remembers the value
 * of its event source (icount, icount minus the steps not executed, the
 * exceptions taken, cpu->exception_returns) when it was last brought up to
 * date, and adds the difference the next time (pmu_sync): at every access
 * to a PMU register, every change of an enable or a filter, and before
 * every change of mode, since the filters (P, U, NSK, NSU, NSH) depend on
 * the PL and security state. Mode changes made by instructions and by
 * exceptions call pmu_mode_change() / pmu_exception_entry() first
 * (cp15/pmu.h), so filtered counting is exact: an instruction is counted
 * in the state in which it began, the one that changes mode included
 * (SVC from User counts at PL0, ERET from Hyp counts in Hyp), an
 * exception is counted (EXC_TAKEN) in the state it is taken from, an
 * exception return in the state it returns from.
 * What is not followed: a change of security state by a write to SCR.NS
 * outside Monitor mode (which B1.5.1 deprecates) and changes made from a
 * debugger (gdb, monitor) go unseen until the next PMU update: the
 * instructions since the previous update are then filtered by the state
 * found at that update.
 *
 * An access to a PMU register sees the counts of the instructions before
 * it; the instruction that enables a counter is its first counted one,
 * the one that disables it is not counted. */
#include "cp15/pmu.h"
#include "cp15/sysreg_internal.h"
#include "hyp/exception.h"

#define PMCR_E (1u << 0)
#define PMCR_P (1u << 1)
#define PMCR_C (1u << 2)
#define PMCR_D (1u << 3)
#define PMCR_WRITABLE 0x3du /* E, D, X, DP (P and C are actions) */
#define PMCR_N_SHIFT 11
#define HDCR_HPMN_MASK 0x1fu
#define HDCR_HPME (1u << 7)
#define HDCR_WRITABLE 0x00000fffu /* B4.1.66: HPMN … TDRA */
#define PMU_C (1u << 31) /* the cycle counter's bit in the set/clear regs */
#define PMSELR_CCNT 31u  /* PMSELR.SEL selecting the cycle counter filter */
/* PMXEVTYPER (B4.1.126): P [31], U [30], NSK [29], NSU [28], NSH [27]
 * (NSH with the Virtualization Extensions), evtCount [7:0]. */
#define EVT_P (1u << 31)
#define EVT_U (1u << 30)
#define EVT_NSK (1u << 29)
#define EVT_NSU (1u << 28)
#define EVT_NSH (1u << 27)
#define EVT_FILTER_BITS 0xf8000000u
#define PMXEVTYPER_BITS (EVT_FILTER_BITS | 0xffu)

#define EVT_SW_INCR 0x00u
#define EVT_INST_RETIRED 0x08u
#define EVT_EXC_TAKEN 0x09u
#define EVT_EXC_RETURN 0x0au
#define EVT_CPU_CYCLES 0x11u

/* ---- event sources ---- */

enum pmu_source { SRC_NONE, SRC_CYCLES, SRC_INSNS, SRC_EXC_TAKEN, SRC_EXC_RET };

struct pmu_now {
	uint64_t src[5]; /* by enum pmu_source; SRC_NONE stays 0 */
};

/* The sources now. `inflight` is 1 when an instruction that has not been
 * added to icount yet is to be counted before the state changes (the
 * hooks), `inflight_ret` likewise for an exception return. */
static void pmu_now(const struct cpu *cpu, unsigned inflight,
		    unsigned inflight_ret, struct pmu_now *n)
{
	uint64_t steps = cpu->icount + inflight;
	n->src[SRC_NONE] = 0;
	n->src[SRC_CYCLES] = steps;
	n->src[SRC_INSNS] = steps - cpu->cp15.pmu_unexec;
	n->src[SRC_EXC_TAKEN] = cpu->cp15.pmu_exc_taken;
	n->src[SRC_EXC_RET] = cpu->exception_returns + inflight_ret;
}

static enum pmu_source event_source(uint32_t evtyper)
{
	switch (evtyper & 0xffu) {
	case EVT_INST_RETIRED: return SRC_INSNS;
	case EVT_CPU_CYCLES: return SRC_CYCLES;
	case EVT_EXC_TAKEN: return SRC_EXC_TAKEN;
	case EVT_EXC_RETURN: return SRC_EXC_RET;
	default: return SRC_NONE; /* SW_INCR (by PMSWINC) and the rest */
	}
}

/* ---- enables and filters ---- */

static unsigned pmcr_n(const struct cpu *cpu)
{
	unsigned n = (cpu->cp15.pmcr >> PMCR_N_SHIFT) & 0x1fu;
	return n > 8 ? 8 : n; /* struct cp15 holds 8 counters */
}

/* HDCR.HPMN (B4.1.66). A value above PMCR.N is UNPREDICTABLE; this model
 * treats it as PMCR.N (every counter is the guest's). */
static unsigned hpmn(const struct cpu *cpu)
{
	unsigned h = cpu->cp15.hdcr & HDCR_HPMN_MASK;
	unsigned n = pmcr_n(cpu);
	return h > n ? n : h;
}

/* Counters a Non-secure PL1/PL0 access reaches are 0 … HPMN-1; Hyp mode
 * and Secure state reach all PMCR.N (C12.8, B4.1.66). */
unsigned pmu_visible_counters(const struct cpu *cpu)
{
	if (!sr_raw() && sr_ns_below_hyp(cpu))
		return hpmn(cpu);
	return pmcr_n(cpu);
}

static uint32_t visible_mask(const struct cpu *cpu)
{
	return ((1u << pmu_visible_counters(cpu)) - 1u) | PMU_C;
}

/* Counter n counts when its PMCNTENSET bit is set and, for 0 … HPMN-1,
 * PMCR.E is set, for HPMN … N-1 (reserved for Hyp mode) HDCR.HPME is set
 * (B4.1.66). The cycle counter follows PMCR.E. */
static bool counter_enabled(const struct cpu *cpu, unsigned n)
{
	if (n >= pmcr_n(cpu) || !(cpu->cp15.pmcnten & (1u << n)))
		return false;
	if (n < hpmn(cpu))
		return (cpu->cp15.pmcr & PMCR_E) != 0;
	return (cpu->cp15.hdcr & HDCR_HPME) != 0;
}

static bool cycle_counter_enabled(const struct cpu *cpu)
{
	return (cpu->cp15.pmcr & PMCR_E) && (cpu->cp15.pmcnten & PMU_C);
}

/* Whether events in the current state are counted under filter `f`
 * (B4.1.126 PMXEVTYPER, C12.? "Filtering by privilege level and security
 * state"): Secure PL1 (Monitor included) unless P, Secure PL0 unless U;
 * Non-secure PL1 when P == NSK, Non-secure PL0 when U == NSU; Hyp mode
 * only with NSH. */
static bool filter_counts(const struct cpu *cpu, uint32_t f)
{
	unsigned mode = cpu_mode(cpu);
	bool p = f & EVT_P, u = f & EVT_U;
	if (mode == MODE_HYP)
		return (f & EVT_NSH) != 0;
	bool pl0 = mode == MODE_USR;
	if (cpu_is_secure(cpu))
		return pl0 ? !u : !p;
	if (pl0)
		return u == ((f & EVT_NSU) != 0);
	return p == ((f & EVT_NSK) != 0);
}

/* ---- bringing the counters up to date ---- */

struct pmu_update {
	uint32_t pmccntr, frac;
	uint32_t pmevcntr[8];
	uint32_t overflow; /* PMOVSR bits that become set */
};

/* The counter values at `now`, from the stored values and the sources'
 * progress since the last update, counted in the current state. */
static void pmu_compute(const struct cpu *cpu, const struct pmu_now *now,
			struct pmu_update *u)
{
	const struct cp15 *c = &cpu->cp15;
	u->overflow = 0;
	u->pmccntr = c->pmccntr;
	u->frac = c->pmccntr_frac;
	if (cycle_counter_enabled(cpu) && filter_counts(cpu, c->pmccfiltr)) {
		uint64_t delta = now->src[SRC_CYCLES] - c->pmccntr_at;
		/* PMCR.D: one count every 64 cycles (B4.1.117). */
		if (c->pmcr & PMCR_D) {
			delta += u->frac;
			u->frac = (uint32_t)(delta % 64u);
			delta /= 64u;
		}
		uint64_t v = (uint64_t)c->pmccntr + delta;
		/* PMCCNTR is 32 bits on v7: overflow on a wrap of bit 31
		 * (there is no PMCR.LC). */
		if (v >> 32)
			u->overflow |= PMU_C;
		u->pmccntr = (uint32_t)v;
	}
	for (unsigned n = 0; n < 8; n++) {
		u->pmevcntr[n] = c->pmevcntr[n];
		enum pmu_source s = event_source(c->pmevtyper[n]);
		if (s == SRC_NONE || !counter_enabled(cpu, n) ||
		    !filter_counts(cpu, c->pmevtyper[n]))
			continue;
		uint64_t v = (uint64_t)c->pmevcntr[n] +
			     (now->src[s] - c->pmevcntr_at[n]);
		if (v >> 32)
			u->overflow |= 1u << n;
		u->pmevcntr[n] = (uint32_t)v;
	}
}

static void pmu_sync_to(struct cpu *cpu, const struct pmu_now *now)
{
	struct cp15 *c = &cpu->cp15;
	struct pmu_update u;
	pmu_compute(cpu, now, &u);
	c->pmccntr = u.pmccntr;
	c->pmccntr_frac = u.frac;
	c->pmccntr_at = now->src[SRC_CYCLES];
	for (unsigned n = 0; n < 8; n++) {
		c->pmevcntr[n] = u.pmevcntr[n];
		c->pmevcntr_at[n] = now->src[event_source(c->pmevtyper[n])];
	}
	c->pmovsr |= u.overflow;
}

void pmu_sync(struct cpu *cpu)
{
	struct pmu_now now;
	pmu_now(cpu, 0, 0, &now);
	pmu_sync_to(cpu, &now);
}

/* The values a read would see now, without changing the core: for the
 * debugger's peeks (sysreg_peek, from other threads) and the IRQ line. */
static void pmu_current(const struct cpu *cpu, struct pmu_update *u)
{
	struct pmu_now now;
	pmu_now(cpu, 0, 0, &now);
	pmu_compute(cpu, &now, u);
}

void pmu_reset(struct cpu *cpu)
{
	/* Every source counts from here; the counters themselves reset to
	 * zero with struct cp15 (their reset values are UNKNOWN, B4.1.117
	 * and C12.?: zero is the choice). */
	struct pmu_now now;
	pmu_now(cpu, 0, 0, &now);
	cpu->cp15.pmccntr_at = now.src[SRC_CYCLES];
	for (unsigned n = 0; n < 8; n++)
		cpu->cp15.pmevcntr_at[n] =
			now.src[event_source(cpu->cp15.pmevtyper[n])];
}

/* ---- the hooks (cp15/pmu.h) ---- */

void pmu_exception_entry(struct cpu *cpu, const struct exception *e)
{
	struct cp15 *c = &cpu->cp15;
	/* Taken between instructions: interrupts, asynchronous aborts,
	 * reset. Otherwise the instruction being executed caused it, and is
	 * counted in the state it began in: as executed for SVC, HVC and
	 * SMC, as a cycle only for the others (it did not execute). (A
	 * physical asynchronous abort, once struct exception marks one,
	 * belongs with the interrupts.) */
	bool between = e->kind == EXC_IRQ || e->kind == EXC_FIQ ||
		       e->kind == EXC_VIRQ || e->kind == EXC_VFIQ ||
		       e->kind == EXC_VABT || e->kind == EXC_RESET;
	bool executed = e->kind == EXC_SVC || e->kind == EXC_HVC ||
			e->kind == EXC_SMC;
	if (!between && !executed)
		c->pmu_unexec++;
	c->pmu_exc_taken++;
	/* With no counter enabled nothing accumulates, and enabling one
	 * brings every source up to date first. */
	if (!c->pmcnten)
		return;
	struct pmu_now now;
	pmu_now(cpu, between ? 0 : 1, 0, &now);
	pmu_sync_to(cpu, &now);
}

void pmu_mode_change(struct cpu *cpu, bool is_excpt_return)
{
	if (!cpu->cp15.pmcnten)
		return;
	struct pmu_now now;
	pmu_now(cpu, 1, is_excpt_return ? 1 : 0, &now);
	pmu_sync_to(cpu, &now);
}

bool pmu_irq_asserted(const struct cpu *cpu)
{
	struct pmu_update u;
	pmu_current(cpu, &u);
	uint32_t implemented = ((1u << pmcr_n(cpu)) - 1u) | PMU_C;
	return ((cpu->cp15.pmovsr | u.overflow) & cpu->cp15.pminten &
		implemented) != 0;
}

/* ---- registers ---- */

/* PMCR (B4.1.117): N reads as HDCR.HPMN from Non-secure PL1/PL0. */
static struct sysreg_result read_pmcr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	(void)r;
	uint32_t val = cpu->cp15.pmcr;
	val = (val & ~(0x1fu << PMCR_N_SHIFT)) |
	      (pmu_visible_counters(cpu) << PMCR_N_SHIFT);
	*v = val;
	return sr_ok();
}

static struct sysreg_result write_pmcr(struct cpu *cpu, const struct sysreg *r,
				       uint64_t v)
{
	(void)r;
	uint32_t val = (uint32_t)v;
	pmu_sync(cpu);
	/* P resets the event counters the access reaches: from Non-secure
	 * PL1/PL0 only 0 … HPMN-1 (B4.1.66). */
	if (val & PMCR_P)
		for (unsigned n = 0; n < pmu_visible_counters(cpu); n++)
			cpu->cp15.pmevcntr[n] = 0;
	if (val & PMCR_C) {
		cpu->cp15.pmccntr = 0;
		cpu->cp15.pmccntr_frac = 0;
	}
	cpu->cp15.pmcr = (cpu->cp15.pmcr & ~PMCR_WRITABLE) |
			 (val & PMCR_WRITABLE);
	return sr_ok();
}

/* HDCR (B4.1.66) lives in the Hyp table; its HPMN and HPME fields change
 * which counters count, so the counters are brought up to date first. */
struct sysreg_result pmu_write_hdcr(struct cpu *cpu, const struct sysreg *r,
				    uint64_t v)
{
	(void)r;
	pmu_sync(cpu);
	cpu->cp15.hdcr = (uint32_t)v & HDCR_WRITABLE;
	return sr_ok();
}

/* The set/clear pairs: PMCNTENSET/CLR (c12, 1/2), PMOVSR (c12, 3,
 * write-one-to-clear) and PMOVSSET (c14, 3), PMINTENSET/CLR (c14, 1/2). */
static uint32_t *setclr_field(struct cpu *cpu, const struct sysreg *r)
{
	if (r->enc.crm == 12)
		return r->enc.opc2 == 3 ? &cpu->cp15.pmovsr : &cpu->cp15.pmcnten;
	return r->enc.opc2 == 3 ? &cpu->cp15.pmovsr : &cpu->cp15.pminten;
}

static struct sysreg_result read_setclr(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	uint32_t val;
	if (sr_raw()) {
		struct pmu_update u;
		pmu_current(cpu, &u);
		val = *setclr_field(cpu, r);
		if (setclr_field(cpu, r) == &cpu->cp15.pmovsr)
			val |= u.overflow;
	} else {
		pmu_sync(cpu);
		val = *setclr_field(cpu, r);
	}
	*v = val & visible_mask(cpu);
	return sr_ok();
}

static struct sysreg_result write_setclr(struct cpu *cpu,
					 const struct sysreg *r, uint64_t v)
{
	uint32_t bits = (uint32_t)v & visible_mask(cpu);
	uint32_t *f = setclr_field(cpu, r);
	pmu_sync(cpu);
	bool set = (r->enc.crm == 12 && r->enc.opc2 == 1) ||
		   (r->enc.crm == 14 && (r->enc.opc2 == 1 || r->enc.opc2 == 3));
	if (set)
		*f |= bits;
	else
		*f &= ~bits;
	return sr_ok();
}

/* PMSWINC (B4.1.123): enabled counters counting SW_INCR, whose bit is
 * written as one, step by one, in any state (the filters do not apply
 * to software increments; C12.? "SW_INCR"). */
static struct sysreg_result write_pmswinc(struct cpu *cpu,
					  const struct sysreg *r, uint64_t v)
{
	(void)r;
	pmu_sync(cpu);
	for (unsigned n = 0; n < pmu_visible_counters(cpu); n++) {
		if (!((uint32_t)v & (1u << n)) || !counter_enabled(cpu, n) ||
		    (cpu->cp15.pmevtyper[n] & 0xffu) != EVT_SW_INCR)
			continue;
		if (++cpu->cp15.pmevcntr[n] == 0)
			cpu->cp15.pmovsr |= 1u << n;
	}
	return sr_ok();
}

static struct sysreg_result read_pmceid(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	*v = cpu->model ? cpu->model->pmceid[r->enc.opc2 & 1] : 0;
	return sr_ok();
}

static struct sysreg_result read_pmccntr(struct cpu *cpu,
					 const struct sysreg *r, uint64_t *v)
{
	(void)r;
	if (sr_raw()) {
		struct pmu_update u;
		pmu_current(cpu, &u);
		*v = u.pmccntr;
		return sr_ok();
	}
	pmu_sync(cpu);
	*v = cpu->cp15.pmccntr;
	return sr_ok();
}

static struct sysreg_result write_pmccntr(struct cpu *cpu,
					  const struct sysreg *r, uint64_t v)
{
	(void)r;
	pmu_sync(cpu);
	cpu->cp15.pmccntr = (uint32_t)v;
	cpu->cp15.pmccntr_frac = 0;
	return sr_ok();
}

/* PMXEVTYPER/PMXEVCNTR reach the counter PMSELR.SEL selects; SEL = 31
 * makes PMXEVTYPER the cycle counter's filter (B4.1.126, PMCCFILTR in
 * later manuals), whose event field reads as zero. SEL naming no counter
 * the access reaches, and PMXEVCNTR with SEL = 31, are UNPREDICTABLE
 * (B4.1.125/126): this model reads zero and ignores writes. */
static int selected(const struct cpu *cpu)
{
	unsigned sel = cpu->cp15.pmselr & 0x1fu;
	if (sel == PMSELR_CCNT)
		return (int)PMSELR_CCNT;
	return sel < pmu_visible_counters(cpu) ? (int)sel : -1;
}

static struct sysreg_result read_xev(struct cpu *cpu, const struct sysreg *r,
				     uint64_t *v)
{
	int n = selected(cpu);
	bool type = r->enc.opc2 == 1;
	struct pmu_update u;
	if (sr_raw()) {
		pmu_current(cpu, &u);
	} else {
		pmu_sync(cpu);
		for (unsigned k = 0; k < 8; k++)
			u.pmevcntr[k] = cpu->cp15.pmevcntr[k];
	}
	if (n < 0 || (n == (int)PMSELR_CCNT && !type))
		*v = 0;
	else if (n == (int)PMSELR_CCNT)
		*v = cpu->cp15.pmccfiltr;
	else
		*v = type ? cpu->cp15.pmevtyper[n] : u.pmevcntr[n];
	return sr_ok();
}

static struct sysreg_result write_xev(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v)
{
	int n = selected(cpu);
	bool type = r->enc.opc2 == 1;
	if (n < 0 || (n == (int)PMSELR_CCNT && !type))
		return sr_ok();
	pmu_sync(cpu);
	if (n == (int)PMSELR_CCNT) {
		cpu->cp15.pmccfiltr = (uint32_t)v & EVT_FILTER_BITS;
	} else if (type) {
		/* A new event: its source counts from now. */
		uint32_t t = (uint32_t)v & PMXEVTYPER_BITS;
		struct pmu_now now;
		pmu_now(cpu, 0, 0, &now);
		cpu->cp15.pmevtyper[n] = t;
		cpu->cp15.pmevcntr_at[n] = now.src[event_source(t)];
	} else {
		cpu->cp15.pmevcntr[n] = (uint32_t)v;
	}
	return sr_ok();
}

/* PL0 may use the PMU when PMUSERENR.EN is 1 (B4.1.124, C12.?): every
 * register but PMUSERENR itself (readable, never writable at PL0) and
 * PMINTENSET/CLR (PL1 only); otherwise PL0 accesses are UNDEFINED. */
static bool check_pmu_pl0(const struct cpu *cpu, const struct sysreg *r,
			  bool is_read)
{
	(void)r;
	(void)is_read;
	return cpu_mode(cpu) != MODE_USR || (cpu->cp15.pmuserenr & 1u);
}

#define PMU_ACC (A_PL0_RW)
#define PMU_TRAP TRAP_HDCR_TPM
#define PMU(nm, m, o2, acc, rd, wr, desc)                                  \
	{.name = nm, CP15(0, 9, m, o2), .access = (acc), .traps = PMU_TRAP, \
	 NOFLD, .read = rd, .write = wr, .check = check_pmu_pl0,            \
	 .description = desc}

const struct sysreg sysregs_pmu[] = {
	{.name = "PMCR", CP15(0, 9, 12, 0), .access = PMU_ACC,
	 .traps = PMU_TRAP | TRAP_HDCR_TPMCR, FLD(pmcr), .read = read_pmcr,
	 .write = write_pmcr, .check = check_pmu_pl0,
	 .description = "Performance Monitors Control (reset from the model)"},
	PMU("PMCNTENSET", 12, 1, PMU_ACC, read_setclr, write_setclr,
	    "Count Enable Set"),
	PMU("PMCNTENCLR", 12, 2, PMU_ACC | SR_ALIAS, read_setclr,
	    write_setclr, "Count Enable Clear"),
	PMU("PMOVSR", 12, 3, PMU_ACC, read_setclr, write_setclr,
	    "Overflow Flag Status"),
	PMU("PMSWINC", 12, 4, SR_PL0_W | SR_PL1_W | SR_NO_GDB, NULL,
	    write_pmswinc, "Software Increment"),
	{.name = "PMSELR", CP15(0, 9, 12, 5), .access = PMU_ACC,
	 .traps = PMU_TRAP, FLD(pmselr), .res0 = ~0x1full,
	 .check = check_pmu_pl0, .description = "Event Counter Selection"},
	PMU("PMCEID0", 12, 6, A_PL0_R | SR_CONST, read_pmceid, NULL,
	    "Common Event Identification 0"),
	PMU("PMCEID1", 12, 7, A_PL0_R | SR_CONST, read_pmceid, NULL,
	    "Common Event Identification 1"),
	PMU("PMCCNTR", 13, 0, PMU_ACC, read_pmccntr, write_pmccntr,
	    "Cycle Count"),
	PMU("PMXEVTYPER", 13, 1, PMU_ACC | SR_NO_GDB, read_xev, write_xev,
	    "Event Type Select (counter PMSELR selects; SEL 31: cycle filter)"),
	PMU("PMXEVCNTR", 13, 2, PMU_ACC | SR_NO_GDB, read_xev, write_xev,
	    "Event Count (counter PMSELR selects)"),
	{.name = "PMUSERENR", CP15(0, 9, 14, 0), .access = A_PL0_R | SR_PL1_W,
	 .traps = PMU_TRAP, FLD(pmuserenr), .res0 = ~0x1ull,
	 .description = "User Enable"},
	{.name = "PMINTENSET", CP15(0, 9, 14, 1), .access = A_PL1_RW,
	 .traps = PMU_TRAP, NOFLD, .read = read_setclr, .write = write_setclr,
	 .description = "Interrupt Enable Set"},
	{.name = "PMINTENCLR", CP15(0, 9, 14, 2), .access = A_PL1_RW | SR_ALIAS,
	 .traps = PMU_TRAP, NOFLD, .read = read_setclr, .write = write_setclr,
	 .description = "Interrupt Enable Clear"},
	PMU("PMOVSSET", 14, 3, PMU_ACC | SR_ALIAS, read_setclr, write_setclr,
	    "Overflow Flag Status Set"),
};
const size_t sysregs_pmu_count = sizeof sysregs_pmu / sizeof sysregs_pmu[0];
