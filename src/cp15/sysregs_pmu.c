/* Performance Monitors, PMUv2 (ARM DDI 0406C chapter C12, registers
 * C12.? PMCR … PMXEVCNTR, and the Virtualization Extensions' HDCR
 * partitioning). Counting follows virtual time: the cycle counter counts
 * one cycle per retired instruction (one in 64 with PMCR.D), and event
 * counters count the events this model can see exactly — 0x00 SW_INCR
 * (by PMSWINC), 0x08 INST_RETIRED and 0x11 CPU_CYCLES (one per retired
 * instruction). Other events are accepted and never count. The event
 * filter bits of PMXEVTYPER are kept but not applied. Counters are
 * brought up to date (pmu_sync) whenever software looks at them. */
#include "cp15/sysreg_internal.h"

#define PMCR_E (1u << 0)
#define PMCR_P (1u << 1)
#define PMCR_C (1u << 2)
#define PMCR_D (1u << 3)
#define PMCR_WRITABLE 0x3du /* E, D, X, DP (P and C are actions) */
#define PMCR_N_SHIFT 11
#define HDCR_HPMN_MASK 0x1fu
#define HDCR_HPME (1u << 7)
#define PMU_C (1u << 31) /* the cycle counter's bit in the set/clear regs */
#define EVT_SW_INCR 0x00u
#define EVT_INST_RETIRED 0x08u
#define EVT_CPU_CYCLES 0x11u

static unsigned pmcr_n(const struct cpu *cpu)
{
	unsigned n = (cpu->cp15.pmcr >> PMCR_N_SHIFT) & 0x1fu;
	return n > 8 ? 8 : n; /* struct cp15 holds 8 counters */
}

unsigned pmu_visible_counters(const struct cpu *cpu)
{
	unsigned n = pmcr_n(cpu);
	if (!sr_raw() && sr_ns_below_hyp(cpu)) {
		unsigned hpmn = cpu->cp15.hdcr & HDCR_HPMN_MASK;
		if (hpmn < n)
			n = hpmn;
	}
	return n;
}

static uint32_t visible_mask(const struct cpu *cpu)
{
	return ((1u << pmu_visible_counters(cpu)) - 1u) | PMU_C;
}

/* Counter n counts when enabled by PMCNTENSET and by PMCR.E, or, for the
 * counters HDCR.HPMN reserves for Hyp mode, by HDCR.HPME (C12.?). */
static bool counter_enabled(const struct cpu *cpu, unsigned n)
{
	if (!(cpu->cp15.pmcnten & (1u << n)))
		return false;
	if (n < (cpu->cp15.hdcr & HDCR_HPMN_MASK))
		return (cpu->cp15.pmcr & PMCR_E) != 0;
	return (cpu->cp15.hdcr & HDCR_HPME) != 0;
}

static bool counts_instructions(uint32_t evtype)
{
	uint32_t evt = evtype & 0xffu;
	return evt == EVT_INST_RETIRED || evt == EVT_CPU_CYCLES;
}

void pmu_sync(struct cpu *cpu)
{
	struct cp15 *c = &cpu->cp15;
	uint64_t now = cpu->icount;
	if ((c->pmcr & PMCR_E) && (c->pmcnten & PMU_C)) {
		uint64_t delta = now - c->pmccntr_at;
		if (c->pmcr & PMCR_D) {
			delta += c->pmccntr_frac;
			c->pmccntr_frac = (uint32_t)(delta % 64u);
			delta /= 64u;
		}
		uint64_t v = (uint64_t)c->pmccntr + delta;
		if (v >> 32)
			c->pmovsr |= PMU_C;
		c->pmccntr = (uint32_t)v;
	}
	c->pmccntr_at = now;
	for (unsigned n = 0; n < pmcr_n(cpu); n++) {
		if (counter_enabled(cpu, n) &&
		    counts_instructions(c->pmevtyper[n])) {
			uint64_t v = (uint64_t)c->pmevcntr[n] +
				     (now - c->pmevcntr_at[n]);
			if (v >> 32)
				c->pmovsr |= 1u << n;
			c->pmevcntr[n] = (uint32_t)v;
		}
		c->pmevcntr_at[n] = now;
	}
}

void pmu_reset(struct cpu *cpu)
{
	cpu->cp15.pmccntr_at = cpu->icount;
	for (unsigned n = 0; n < 8; n++)
		cpu->cp15.pmevcntr_at[n] = cpu->icount;
}

/* PMCR (C12.?): N reads as HDCR.HPMN from Non-secure PL1/PL0. */
static bool read_pmcr(struct cpu *cpu, const struct sysreg *r, uint64_t *v)
{
	(void)r;
	uint32_t val = cpu->cp15.pmcr;
	val = (val & ~(0x1fu << PMCR_N_SHIFT)) |
	      (pmu_visible_counters(cpu) << PMCR_N_SHIFT);
	*v = val;
	return true;
}

static bool write_pmcr(struct cpu *cpu, const struct sysreg *r, uint64_t v)
{
	(void)r;
	uint32_t val = (uint32_t)v;
	pmu_sync(cpu);
	if (val & PMCR_P) /* reset the event counters (those visible) */
		for (unsigned n = 0; n < pmu_visible_counters(cpu); n++)
			cpu->cp15.pmevcntr[n] = 0;
	if (val & PMCR_C) {
		cpu->cp15.pmccntr = 0;
		cpu->cp15.pmccntr_frac = 0;
	}
	cpu->cp15.pmcr = (cpu->cp15.pmcr & ~PMCR_WRITABLE) |
			 (val & PMCR_WRITABLE);
	return true;
}

/* The set/clear pairs: PMCNTENSET/CLR (c12, 1/2), PMOVSR (c12, 3,
 * write-one-to-clear) and PMOVSSET (c14, 3), PMINTENSET/CLR (c14, 1/2). */
static uint32_t *setclr_field(struct cpu *cpu, const struct sysreg *r)
{
	if (r->enc.crm == 12)
		return r->enc.opc2 == 3 ? &cpu->cp15.pmovsr : &cpu->cp15.pmcnten;
	return r->enc.opc2 == 3 ? &cpu->cp15.pmovsr : &cpu->cp15.pminten;
}

static bool read_setclr(struct cpu *cpu, const struct sysreg *r, uint64_t *v)
{
	pmu_sync(cpu);
	*v = *setclr_field(cpu, r) & visible_mask(cpu);
	return true;
}

static bool write_setclr(struct cpu *cpu, const struct sysreg *r,
			 uint64_t v)
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
	return true;
}

/* PMSWINC (C12.?): counters counting SW_INCR and enabled step by one. */
static bool write_pmswinc(struct cpu *cpu, const struct sysreg *r,
			  uint64_t v)
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
	return true;
}

static bool read_pmceid(struct cpu *cpu, const struct sysreg *r, uint64_t *v)
{
	*v = cpu->model ? cpu->model->pmceid[r->enc.opc2 & 1] : 0;
	return true;
}

static bool read_pmccntr(struct cpu *cpu, const struct sysreg *r,
			 uint64_t *v)
{
	(void)r;
	pmu_sync(cpu);
	*v = cpu->cp15.pmccntr;
	return true;
}

static bool write_pmccntr(struct cpu *cpu, const struct sysreg *r,
			  uint64_t v)
{
	(void)r;
	pmu_sync(cpu);
	cpu->cp15.pmccntr = (uint32_t)v;
	cpu->cp15.pmccntr_frac = 0;
	return true;
}

/* PMXEVTYPER/PMXEVCNTR reach the counter PMSELR.SEL selects. SEL naming
 * no visible counter is UNPREDICTABLE (C12.?); this model reads zero and
 * ignores writes. */
static int selected(const struct cpu *cpu)
{
	unsigned sel = cpu->cp15.pmselr & 0x1fu;
	return sel < pmu_visible_counters(cpu) ? (int)sel : -1;
}

#define PMXEVTYPER_BITS 0xf80000ffu /* filter P,U,NSK,NSU,NSH; evtCount */

static bool read_xev(struct cpu *cpu, const struct sysreg *r, uint64_t *v)
{
	int n = selected(cpu);
	pmu_sync(cpu);
	if (n < 0)
		*v = 0;
	else if (r->enc.opc2 == 1)
		*v = cpu->cp15.pmevtyper[n];
	else
		*v = cpu->cp15.pmevcntr[n];
	return true;
}

static bool write_xev(struct cpu *cpu, const struct sysreg *r, uint64_t v)
{
	int n = selected(cpu);
	pmu_sync(cpu);
	if (n < 0)
		return true;
	if (r->enc.opc2 == 1)
		cpu->cp15.pmevtyper[n] = (uint32_t)v & PMXEVTYPER_BITS;
	else
		cpu->cp15.pmevcntr[n] = (uint32_t)v;
	return true;
}

/* PL0 access to the PMU when PMUSERENR.EN is 1 (C12.?), except the
 * interrupt enable registers, which are PL1 only. */
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
	    "Event Type Select (counter PMSELR selects)"),
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
