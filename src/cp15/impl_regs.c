/* Hooks for the implementation-defined CP15 registers the core models
 * share (Cortex-A15 TRM r4p0 4.3.?, Cortex-A7 TRM r0p5 4.3.?): ACTLR,
 * L2CTLR/L2ECTLR and the other L2 configuration registers, CBAR. Which
 * registers a core has, their encodings, masks and reset values stay in
 * the model's own table (cortex_a15.c, cortex_a7.c). */
#include "cp15/sysreg_internal.h"

#define ACTLR_SMP (1u << 6)
#define NSACR_NS_SMP (1u << 18)

/* ACTLR is common to both security states on both cores. Secure PL1
 * writes every bit the model's table allows; Non-secure writes reach
 * only ACTLR.SMP, and only when NSACR.NS_SMP is set; other Non-secure
 * writes are ignored (both TRMs: "RO in Non-secure state"). Both copies
 * of the cp15 array are kept equal so readers of actlr[bank] agree. */
struct sysreg_result impl_write_actlr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v)
{
	uint32_t old = cpu->cp15.actlr[0];
	uint32_t val;
	if (sr_raw() || cpu_is_secure(cpu))
		val = (uint32_t)sr_apply_masks(r, old, v);
	else if (cpu->cp15.nsacr & NSACR_NS_SMP)
		val = (old & ~ACTLR_SMP) | ((uint32_t)v & ACTLR_SMP);
	else
		val = old;
	cpu->cp15.actlr[0] = cpu->cp15.actlr[1] = val;
	return sr_ok();
}

/* L2CTLR[25:24]: number of cores in the cluster minus one, read-only. */
struct sysreg_result impl_read_l2ctlr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	(void)r;
	unsigned n = cpu->cores_in_cluster ? cpu->cores_in_cluster : 1;
	*v = (cpu->cp15.l2ctlr & ~(3u << 24)) | (((n - 1) & 3u) << 24);
	return sr_ok();
}

/* The L2 configuration registers are read/write in Secure PL1 and
 * read-only, write-ignored, in Non-secure PL1 and PL2 (Cortex-A15 TRM
 * 4.3.48 L2CTLR usage constraints; the same rule is applied to the
 * other L2 and auxiliary registers of the models' tables). */
struct sysreg_result impl_write_secure_only(struct cpu *cpu,
					    const struct sysreg *r, uint64_t v)
{
	if (!sr_raw() && !cpu_is_secure(cpu))
		return sr_ok();
	uint64_t old = sr_field_get(cpu, r, 0);
	sr_field_set(cpu, r, 0, sr_apply_masks(r, old, v));
	return sr_ok();
}

/* CBAR (both TRMs): PERIPHBASE[31:15] in bits [31:15] and
 * PERIPHBASE[39:32] in bits [7:0], from the board's input. */
struct sysreg_result impl_read_cbar(struct cpu *cpu, const struct sysreg *r,
				    uint64_t *v)
{
	(void)r;
	uint64_t base = cpu->cp15.periphbase;
	*v = ((uint32_t)base & 0xffff8000u) | (uint32_t)((base >> 32) & 0xffu);
	return sr_ok();
}
