/* Shared by the files of the system-register table (src/cp15/): the entry
 * macros, the field helpers, the per-group tables and their hooks. Not for
 * use outside src/cp15 (everything else goes through sysreg.h). */
#ifndef HYPSIM_SYSREG_INTERNAL_H
#define HYPSIM_SYSREG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"

/* ---- how a hook sees the register ----
 * Execution reads and writes as the current state selects (bank from
 * SCR.NS, MIDR as VPIDR from Non-secure PL1…). sysreg_peek/poke ask for
 * one bank and the raw value, with no side effects; they set this view
 * for the duration of the hook. Thread-local, so that a peek from another
 * thread could never see an execution's view (the gdb stub today runs on
 * the simulator's own thread). */
struct sr_view {
	int bank; /* -1: from the state (cpu_cp15_bank) */
	bool raw; /* peek/poke: no substitution, no side effects */
};
extern _Thread_local struct sr_view sr_view;

static inline unsigned sr_bank(const struct cpu *cpu)
{
	return sr_view.bank >= 0 ? (unsigned)sr_view.bank : cpu_cp15_bank(cpu);
}
static inline bool sr_raw(void)
{
	return sr_view.raw;
}

/* Non-secure PL1 or PL0, i.e. where HYP traps and virtual IDs apply. */
static inline bool sr_ns_below_hyp(const struct cpu *cpu)
{
	return !cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_HYP;
}

/* Storage of a field-backed register for bank `bank`. */
static inline void *sr_field_ptr(struct cpu *cpu, const struct sysreg *r,
				 unsigned bank)
{
	size_t off = r->offset;
	if (r->access & SR_BANKED)
		off += (size_t)bank * (r->width == 64 ? 8u : 4u);
	return (char *)&cpu->cp15 + off;
}
uint64_t sr_field_get(const struct cpu *cpu, const struct sysreg *r,
		      unsigned bank);
void sr_field_set(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		  uint64_t v);
/* The write rules of the entry: read-only bits keep `old`, RES0 bits
 * read as zero, RES1 bits read as one. */
uint64_t sr_apply_masks(const struct sysreg *r, uint64_t old, uint64_t val);

/* ---- entry macros ---- */
#define E32(cp, o1, n, m, o2)                                              \
	.enc = {(cp), 0, (o1), (n), (m), (o2)}, .width = 32
#define E64(cp, o1, m) .enc = {(cp), 1, (o1), 0, (m), 0}, .width = 64
#define CP15(o1, n, m, o2) E32(15, o1, n, m, o2)
#define CP15_64(o1, m) E64(15, o1, m)
#define CP14(o1, n, m, o2) E32(14, o1, n, m, o2)
#define CP14_64(o1, m) E64(14, o1, m)
#define FLD(f) .offset = offsetof(struct cp15, f)
#define NOFLD .offset = SIZE_MAX

/* Access shorthands. PL1 rights include HYP (PL2) in Non-secure state;
 * PL2 rights alone make a PL2 register (B4.1 "PL2-mode registers"). */
#define A_PL1_R SR_PL1_R
#define A_PL1_W SR_PL1_W
#define A_PL1_RW (SR_PL1_R | SR_PL1_W)
#define A_PL0_R (SR_PL0_R | SR_PL1_R)
#define A_PL0_RW (SR_PL0_R | SR_PL0_W | SR_PL1_R | SR_PL1_W)
#define A_PL2_R SR_PL2_R
#define A_PL2_W SR_PL2_W
#define A_PL2_RW (SR_PL2_R | SR_PL2_W)
#define A_OP_PL1 (SR_PL1_W | SR_OPERATION | SR_NO_GDB)
#define A_OP_PL2 (SR_PL2_W | SR_OPERATION | SR_NO_GDB)

/* ---- the architected tables, one per group ---- */
struct sysreg_group {
	const char *name;
	const struct sysreg *regs;
	size_t n;
};
extern const struct sysreg sysregs_id[];
extern const size_t sysregs_id_count;
extern const struct sysreg sysregs_vmsa[];
extern const size_t sysregs_vmsa_count;
extern const struct sysreg sysregs_ops[];
extern const size_t sysregs_ops_count;
extern const struct sysreg sysregs_hyp[];
extern const size_t sysregs_hyp_count;
extern const struct sysreg sysregs_timer[];
extern const size_t sysregs_timer_count;
extern const struct sysreg sysregs_pmu[];
extern const size_t sysregs_pmu_count;
extern const struct sysreg sysregs_cp14[];
extern const size_t sysregs_cp14_count;

/* ---- hooks shared between files ---- */
/* PMU (sysregs_pmu.c): bring counters up to date with cpu->icount. */
void pmu_sync(struct cpu *cpu);
/* Number of event counters visible at the current PL/security state
 * (PMCR.N, or HDCR.HPMN from Non-secure PL1/PL0, C12.?). */
unsigned pmu_visible_counters(const struct cpu *cpu);
/* HDCR's write hook (the Hyp table): HPMN/HPME change which counters
 * count, so the counters are brought up to date first. */
struct sysreg_result pmu_write_hdcr(struct cpu *cpu, const struct sysreg *r,
				    uint64_t v);
/* Model reset parts of each group. */
void pmu_reset(struct cpu *cpu);
void cp14_reset(struct cpu *cpu);

/* The debug communications channel (cp14.c), also reached by LDC/STC
 * (coproc.c): a guest read of DBGDTRRXint, a guest write of DBGDTRTXint. */
uint32_t cp14_dcc_read(struct cpu *cpu);
void cp14_dcc_write(struct cpu *cpu, uint32_t word);

/* Implementation-defined registers shared by the core models
 * (impl_regs.c): hooks the models' tables point at. */
struct sysreg_result impl_read_l2ctlr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v);
struct sysreg_result impl_read_cbar(struct cpu *cpu, const struct sysreg *r,
				    uint64_t *v);
struct sysreg_result impl_write_actlr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v);
struct sysreg_result impl_write_secure_only(struct cpu *cpu,
					    const struct sysreg *r,
					    uint64_t v);

#endif
