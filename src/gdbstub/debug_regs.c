/* Register writes and system-register lookups for debuggers (debug.h).
 * Reads go through regmap_read() and sysreg_peek(); the write side
 * follows the same banking rules as regmap.c (ARM DDI 0406C B1.3.2,
 * Figure B1-2): a banked copy that the current mode uses lives in
 * cpu->r[], every other copy in the bank arrays. */
#include <string.h>

#include "cp15/sysreg.h"
#include "cpu/regmap.h"
#include "gdbstub/debug.h"
#include "mmu/mmu.h"

/* Whether `mode` is one of the encodings of B1.3.1 Table B1-1. */
static bool mode_defined(unsigned mode)
{
	switch (mode) {
	case MODE_USR: case MODE_FIQ: case MODE_IRQ: case MODE_SVC:
	case MODE_MON: case MODE_ABT: case MODE_HYP: case MODE_UND:
	case MODE_SYS:
		return true;
	default:
		return false;
	}
}

bool dbg_core_reg_write(struct cpu *cpu, unsigned id, uint32_t val)
{
	const struct regmap_entry *e = regmap_get(id);
	if (!e)
		return false;
	cpu->ext_reg_writes++; /* observers' copies are stale (cpu.h) */
	unsigned mode = cpu_mode(cpu);
	/* Is this banked copy the one the current mode sees in r[]? */
	bool in_view = e->alias_modes & (1u << (mode & 0xfu));
	switch (e->kind) {
	case RM_VIEW:
		if (e->index == 15) {
			/* A debugger's PC write keeps the instruction set:
			 * the address is aligned to it (bit 0 of an ARM PC
			 * write would otherwise be UNPREDICTABLE state). */
			val &= cpu_thumb(cpu) ? ~1u : ~3u;
		}
		cpu->r[e->index] = val;
		return true;
	case RM_CPSR:
		/* A debugger may put the core in any defined mode (as
		 * halting debug's CPSR writes can); a reserved encoding
		 * would leave a state no rule explains, so it is refused. */
		if (!mode_defined(val & CPSR_M_MASK))
			return false;
		cpu_set_mode(cpu, val & CPSR_M_MASK);
		cpu->cpsr = val;
		mmu_context_changed(cpu);
		return true;
	case RM_R8_12:
		if (in_view)
			cpu->r[8 + e->index] = val;
		else if (e->bank == BANK_FIQ)
			cpu->bank_r8_12_fiq[e->index] = val;
		else
			cpu->bank_r8_12_usr[e->index] = val;
		return true;
	case RM_SP:
		if (in_view)
			cpu->r[13] = val;
		else
			cpu->bank_sp[e->bank] = val;
		return true;
	case RM_LR:
		if (in_view)
			cpu->r[14] = val;
		else
			cpu->bank_lr[e->bank] = val;
		return true;
	case RM_SPSR:
		cpu->bank_spsr[e->bank] = val;
		return true;
	case RM_ELR_HYP:
		cpu->elr_hyp = val;
		return true;
	default:
		return false;
	}
}

const struct sysreg *dbg_sysreg_for(const struct cpu *cpu, const char *name)
{
	size_t n = sysreg_count();
	for (unsigned id = 0; id < n; id++) {
		const struct sysreg *r = sysreg_by_id(id);
		if (r && strcmp(r->name, name) == 0 &&
		    !(r->access & SR_OPERATION) && sysreg_in_model(r, cpu->model))
			return r;
	}
	return NULL;
}

bool dbg_sysreg_value(struct cpu *cpu, const char *name, uint64_t *val)
{
	const struct sysreg *r = dbg_sysreg_for(cpu, name);
	return r && sysreg_peek(cpu, r, cpu_cp15_bank(cpu), val);
}
