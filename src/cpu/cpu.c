/* Core state: modes and banked registers, CPSR writes, exception return,
 * observers. The step loop and instruction fetch are in step.c, memory
 * accesses in memory.c, exception entry in src/hyp/exception.c. */
#include "cpu/cpu.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/pmu.h"
#include "cp15/sysreg.h"
#include "cpu/block.h"
#include "cpu/decode_cache.h"
#include "cpu/fp.h"
#include "cpu/observer.h"
#include "hyp/exception.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"

enum cpu_bank cpu_bank_of(unsigned mode)
{
	switch (mode) {
	case MODE_FIQ: return BANK_FIQ;
	case MODE_IRQ: return BANK_IRQ;
	case MODE_SVC: return BANK_SVC;
	case MODE_ABT: return BANK_ABT;
	case MODE_UND: return BANK_UND;
	case MODE_MON: return BANK_MON;
	case MODE_HYP: return BANK_HYP;
	default: return BANK_USR;
	}
}

const char *cpu_mode_name(unsigned mode)
{
	switch (mode) {
	case MODE_USR: return "usr";
	case MODE_FIQ: return "fiq";
	case MODE_IRQ: return "irq";
	case MODE_SVC: return "svc";
	case MODE_MON: return "mon";
	case MODE_ABT: return "abt";
	case MODE_HYP: return "hyp";
	case MODE_UND: return "und";
	case MODE_SYS: return "sys";
	default: return "???";
	}
}

bool cpu_is_secure(const struct cpu *cpu)
{
	/* B1.5.1: Monitor mode is always Secure; otherwise SCR.NS decides.
	 * Hyp mode exists only in Non-secure state. */
	if (cpu_mode(cpu) == MODE_MON)
		return true;
	return (cpu->cp15.scr & SCR_NS) == 0;
}

unsigned cpu_current_pl(const struct cpu *cpu)
{
	switch (cpu_mode(cpu)) {
	case MODE_USR: return 0;
	case MODE_HYP: return 2;
	default: return 1;
	}
}

/* Whether a mode number names a mode this core can be in now (B1.3.1):
 * Monitor only in Secure state, Hyp only in Non-secure state. */
bool cpu_mode_valid(const struct cpu *cpu, unsigned mode)
{
	switch (mode) {
	case MODE_USR: case MODE_FIQ: case MODE_IRQ: case MODE_SVC:
	case MODE_ABT: case MODE_UND: case MODE_SYS:
		return true;
	case MODE_MON:
		return (cpu->cp15.scr & SCR_NS) == 0 || cpu_mode(cpu) == MODE_MON;
	case MODE_HYP:
		return (cpu->cp15.scr & SCR_NS) != 0 || cpu_mode(cpu) == MODE_MON;
	default:
		return false;
	}
}

void cpu_set_mode(struct cpu *cpu, unsigned mode)
{
	unsigned old = cpu_mode(cpu);
	if (old == mode)
		return;
	enum cpu_bank ob = cpu_bank_of(old), nb = cpu_bank_of(mode);

	/* B1.3.2: Hyp mode banks SP and SPSR but uses the User LR. */
	cpu->bank_sp[ob] = cpu->r[13];
	cpu->bank_lr[old == MODE_HYP ? BANK_USR : ob] = cpu->r[14];
	if ((old == MODE_FIQ) != (mode == MODE_FIQ)) {
		uint32_t *save = old == MODE_FIQ ? cpu->bank_r8_12_fiq
						 : cpu->bank_r8_12_usr;
		const uint32_t *load = mode == MODE_FIQ ? cpu->bank_r8_12_fiq
							: cpu->bank_r8_12_usr;
		memcpy(save, &cpu->r[8], 5 * sizeof(uint32_t));
		memcpy(&cpu->r[8], load, 5 * sizeof(uint32_t));
	}
	cpu->r[13] = cpu->bank_sp[nb];
	cpu->r[14] = cpu->bank_lr[mode == MODE_HYP ? BANK_USR : nb];
	/* No mmu_context_changed(): the MMU's fast path keys on CPSR.M. */
	cpu->cpsr = (cpu->cpsr & ~CPSR_M_MASK) | mode;
}

void cpu_set_itstate(struct cpu *cpu, unsigned it)
{
	cpu->cpsr = (cpu->cpsr & ~CPSR_IT_MASK) |
		    ((it & 3u) << CPSR_IT_LO_SHIFT) |
		    (((it >> 2) & 0x3fu) << CPSR_IT_HI_SHIFT);
}

bool cpu_condition_passed(const struct cpu *cpu, unsigned cond)
{
	uint32_t f = cpu->cpsr;
	bool n = f & CPSR_N, z = f & CPSR_Z, c = f & CPSR_C, v = f & CPSR_V;
	bool r;
	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = c && !z; break;
	case 5: r = n == v; break;
	case 6: r = n == v && !z; break;
	default: return true; /* AL, and 0b1111 treated as always here */
	}
	return (cond & 1) && cond != 0xf ? !r : r;
}

/* Whether an instruction-initiated change from the current mode to `mode`
 * is allowed (B9.3.11 CPSRWriteByInstr, B1.3.1). Changes that the manual
 * calls UNPREDICTABLE — into Monitor from Non-secure state, into Hyp from
 * any other mode, out of Hyp other than by exception return, into FIQ from
 * Non-secure state with NSACR.RFR — leave the mode unchanged (the choice
 * QEMU makes too, and the one ARMv8 AArch32 later made architectural). */
static bool mode_change_allowed(const struct cpu *cpu, unsigned mode,
				bool is_excpt_return)
{
	unsigned cur = cpu_mode(cpu);
	if (mode == cur)
		return true;
	if (!cpu_mode_valid(cpu, mode))
		return false;
	bool secure = cpu_is_secure(cpu);
	if (mode == MODE_MON && !secure)
		return false;
	if (mode == MODE_HYP && cur != MODE_MON && !is_excpt_return)
		return false;
	if (mode == MODE_HYP && secure && cur != MODE_MON)
		return false;
	if (cur == MODE_HYP && !is_excpt_return)
		return false;
	if (mode == MODE_FIQ && !secure && (cpu->cp15.nsacr & (1u << 19)))
		return false;
	/* Exception return to Hyp from Monitor requires SCR.NS=1; to Monitor
	 * from Non-secure state is refused above. */
	if (is_excpt_return && mode == MODE_HYP && cur == MODE_MON &&
	    !(cpu->cp15.scr & SCR_NS))
		return false;
	return true;
}

/* CPSRWriteByInstr (B9.3.11) with byte mask bits 0..3 = c, x, s, f. */
static void cpsr_write(struct cpu *cpu, uint32_t val, unsigned mask,
		       bool is_excpt_return)
{
	bool privileged = cpu_current_pl(cpu) > 0;
	bool secure = cpu_is_secure(cpu);
	const bool have_virt = true; /* Cortex-A15 and A7 */
	uint32_t scr = cpu->cp15.scr;
	uint32_t nmfi = cpu->cp15.sctlr[secure ? 0 : 1] & SCTLR_NMFI;
	uint32_t cpsr = cpu->cpsr;

	if (mask & 8) {
		cpsr = (cpsr & ~0xf8000000u) | (val & 0xf8000000u);
		/* IT[1:0] and J: only on exception return. J is kept clear:
		 * Jazelle is the trivial implementation and ThumbEE state is
		 * not modelled (ENTERX is UNDEFINED). */
		if (is_excpt_return)
			cpsr = (cpsr & ~CPSR_IT_LO_MASK) | (val & CPSR_IT_LO_MASK);
	}
	if (mask & 4)
		cpsr = (cpsr & ~CPSR_GE_MASK) | (val & CPSR_GE_MASK);
	if (mask & 2) {
		if (is_excpt_return)
			cpsr = (cpsr & ~CPSR_IT_HI_MASK) | (val & CPSR_IT_HI_MASK);
		cpsr = (cpsr & ~CPSR_E) | (val & CPSR_E);
		/* CPSRWriteByInstr: "IsSecure() || SCR.AW == '1' ||
		 * HaveVirtExt()". Both modelled cores have the
		 * Virtualization Extensions, so SCR.AW/FW do not restrict
		 * writes here; they act on masking instead (B1.8.6,
		 * src/hyp/exception.c). */
		if (privileged && (secure || (scr & SCR_AW) || have_virt))
			cpsr = (cpsr & ~CPSR_A) | (val & CPSR_A);
	}
	if (mask & 1) {
		if (privileged)
			cpsr = (cpsr & ~CPSR_I) | (val & CPSR_I);
		if (privileged && (!nmfi || !(val & CPSR_F)) &&
		    (secure || (scr & SCR_FW) || have_virt))
			cpsr = (cpsr & ~CPSR_F) | (val & CPSR_F);
		if (is_excpt_return)
			cpsr = (cpsr & ~CPSR_T) | (val & CPSR_T);
	}
	unsigned new_mode = val & CPSR_M_MASK;
	bool change_mode = (mask & 1) && privileged &&
			   mode_change_allowed(cpu, new_mode, is_excpt_return);
	cpsr &= ~CPSR_J;
	/* Flags and masks first, then the mode switch banks registers. */
	cpu->cpsr = (cpsr & ~CPSR_M_MASK) | cpu_mode(cpu);
	if (change_mode) {
		/* the PMU filters by mode: count up to here first */
		pmu_mode_change(cpu, is_excpt_return);
		cpu_set_mode(cpu, new_mode);
	}
}

void cpu_write_cpsr_by_instr(struct cpu *cpu, uint32_t val, unsigned mask)
{
	cpsr_write(cpu, val, mask, false);
}

void cpu_exception_return(struct cpu *cpu, uint32_t addr, uint32_t spsr)
{
	cpsr_write(cpu, spsr, 0xf, true);
	/* DDI 0406C "Exception return": return to ARM state with addr[1:0] != 0
	 * is UNPREDICTABLE: the address is force-aligned, as BranchWritePC
	 * does. */
	cpu->r[15] = addr & ((cpu->cpsr & CPSR_T) ? ~1u : ~3u);
	cpu->pc_written = true;
	cpu->exception_returns++;
	cpu_clear_exclusive(cpu); /* exception return clears the monitor */
}

void cpu_branch_interwork(struct cpu *cpu, uint32_t addr)
{
	if (addr & 1) {
		cpu->cpsr |= CPSR_T;
		cpu->r[15] = addr & ~1u;
	} else {
		cpu->cpsr &= ~CPSR_T;
		/* BXWritePC to ARM with addr[1] set is UNPREDICTABLE: aligned. */
		cpu->r[15] = addr & ~3u;
	}
	cpu->pc_written = true;
}

void cpu_write_reg_alu(struct cpu *cpu, unsigned n, uint32_t val)
{
	if (n != 15) {
		cpu->r[n] = val;
		return;
	}
	/* ALUWritePC (A2.3.2): interworking in ARM state, plain branch in
	 * Thumb. */
	if (cpu_thumb(cpu))
		cpu_branch(cpu, val);
	else
		cpu_branch_interwork(cpu, val);
}

void cpu_write_reg_load(struct cpu *cpu, unsigned n, uint32_t val)
{
	if (n != 15) {
		cpu->r[n] = val;
		return;
	}
	/* LoadWritePC: always interworking in ARMv7. */
	cpu_branch_interwork(cpu, val);
}

uint32_t cpu_user_reg_read(const struct cpu *cpu, unsigned n)
{
	unsigned mode = cpu_mode(cpu);
	if (n >= 8 && n <= 12 && mode == MODE_FIQ)
		return cpu->bank_r8_12_usr[n - 8];
	if (n == 13 && mode != MODE_USR && mode != MODE_SYS)
		return cpu->bank_sp[BANK_USR];
	if (n == 14 && mode != MODE_USR && mode != MODE_SYS && mode != MODE_HYP)
		return cpu->bank_lr[BANK_USR];
	return cpu_reg_read(cpu, n);
}

void cpu_user_reg_write(struct cpu *cpu, unsigned n, uint32_t val)
{
	unsigned mode = cpu_mode(cpu);
	if (n >= 8 && n <= 12 && mode == MODE_FIQ)
		cpu->bank_r8_12_usr[n - 8] = val;
	else if (n == 13 && mode != MODE_USR && mode != MODE_SYS)
		cpu->bank_sp[BANK_USR] = val;
	else if (n == 14 && mode != MODE_USR && mode != MODE_SYS &&
		 mode != MODE_HYP)
		cpu->bank_lr[BANK_USR] = val;
	else if (n < 15)
		cpu->r[n] = val;
}

bool cpu_spsr_read(const struct cpu *cpu, uint32_t *val)
{
	unsigned mode = cpu_mode(cpu);
	if (mode == MODE_USR || mode == MODE_SYS)
		return false;
	*val = cpu->bank_spsr[cpu_bank_of(mode)];
	return true;
}

bool cpu_spsr_write(struct cpu *cpu, uint32_t val, unsigned mask)
{
	unsigned mode = cpu_mode(cpu);
	if (mode == MODE_USR || mode == MODE_SYS)
		return false;
	uint32_t *spsr = &cpu->bank_spsr[cpu_bank_of(mode)];
	uint32_t m = 0;
	for (unsigned i = 0; i < 4; i++)
		if (mask & (1u << i))
			m |= 0xffu << (8 * i);
	*spsr = (*spsr & ~m) | (val & m);
	return true;
}

/* ---- banked register access (MRS/MSR banked, B9.3.9 / B9.2.3) ---- */

/* Decode R:SYSm into a storage location and the mode that owns it. */
static uint32_t *banked_location(struct cpu *cpu, unsigned r, unsigned sysm,
				 unsigned *owner_mode)
{
	if (r) {
		static const unsigned spsr_modes[32] = {
			[0x0e] = MODE_FIQ, [0x10] = MODE_IRQ, [0x12] = MODE_SVC,
			[0x14] = MODE_ABT, [0x16] = MODE_UND, [0x1c] = MODE_MON,
			[0x1e] = MODE_HYP,
		};
		unsigned m = spsr_modes[sysm & 31];
		if (!m)
			return NULL;
		*owner_mode = m;
		return &cpu->bank_spsr[cpu_bank_of(m)];
	}
	switch (sysm) {
	case 0x00: case 0x01: case 0x02: case 0x03: case 0x04:
		*owner_mode = MODE_USR; /* R8_usr … R12_usr */
		return NULL;            /* handled by caller (live or bank) */
	case 0x05: *owner_mode = MODE_USR; return &cpu->bank_sp[BANK_USR];
	case 0x06: *owner_mode = MODE_USR; return &cpu->bank_lr[BANK_USR];
	case 0x08: case 0x09: case 0x0a: case 0x0b: case 0x0c:
		*owner_mode = MODE_FIQ;
		return NULL;
	case 0x0d: *owner_mode = MODE_FIQ; return &cpu->bank_sp[BANK_FIQ];
	case 0x0e: *owner_mode = MODE_FIQ; return &cpu->bank_lr[BANK_FIQ];
	case 0x10: *owner_mode = MODE_IRQ; return &cpu->bank_lr[BANK_IRQ];
	case 0x11: *owner_mode = MODE_IRQ; return &cpu->bank_sp[BANK_IRQ];
	case 0x12: *owner_mode = MODE_SVC; return &cpu->bank_lr[BANK_SVC];
	case 0x13: *owner_mode = MODE_SVC; return &cpu->bank_sp[BANK_SVC];
	case 0x14: *owner_mode = MODE_ABT; return &cpu->bank_lr[BANK_ABT];
	case 0x15: *owner_mode = MODE_ABT; return &cpu->bank_sp[BANK_ABT];
	case 0x16: *owner_mode = MODE_UND; return &cpu->bank_lr[BANK_UND];
	case 0x17: *owner_mode = MODE_UND; return &cpu->bank_sp[BANK_UND];
	case 0x1c: *owner_mode = MODE_MON; return &cpu->bank_lr[BANK_MON];
	case 0x1d: *owner_mode = MODE_MON; return &cpu->bank_sp[BANK_MON];
	case 0x1e: *owner_mode = MODE_HYP; return &cpu->elr_hyp;
	case 0x1f: *owner_mode = MODE_HYP; return &cpu->bank_sp[BANK_HYP];
	default: return NULL;
	}
}

/* B9.3.9: banked access is UNPREDICTABLE from User mode, to the current
 * mode's own registers, to Monitor registers from Non-secure state, and to
 * Hyp registers other than from Hyp (ELR_hyp, SPSR_hyp) or Monitor. These
 * cases are UNDEFINED here (the choice QEMU makes). */
static bool banked_access_allowed(const struct cpu *cpu, unsigned r,
				  unsigned sysm, unsigned owner)
{
	unsigned cur = cpu_mode(cpu);
	if (cur == MODE_USR || cur == MODE_SYS)
		return false;
	if (owner == MODE_MON && !cpu_is_secure(cpu))
		return false;
	if (owner == MODE_HYP) {
		/* ELR_hyp is accessible from Hyp itself; SPSR_hyp and SP_hyp
		 * only from Monitor (from Hyp, SPSR_hyp is the current SPSR,
		 * which MRS/MSR SPSR reach: the banked form is UNPREDICTABLE,
		 * UNDEFINED here as in QEMU). */
		if (cur == MODE_HYP)
			return !r && sysm == 0x1e;
		return cur == MODE_MON;
	}
	if (owner == cur)
		return false;
	if (owner == MODE_USR && cur != MODE_FIQ && !(sysm == 5 || sysm == 6))
		return false; /* R8_usr..R12_usr from a non-FIQ mode: own regs */
	return true;
}

bool cpu_banked_read(struct cpu *cpu, unsigned r, unsigned sysm, uint32_t *val)
{
	unsigned owner = 0;
	uint32_t *loc = banked_location(cpu, r, sysm, &owner);
	if (!owner || !banked_access_allowed(cpu, r, sysm, owner))
		return false;
	if (!loc) { /* R8-R12 of usr or fiq */
		unsigned i = sysm & 7;
		if (i > 4)
			return false;
		/* the live registers belong to the current side */
		bool want_fiq = owner == MODE_FIQ;
		bool live = want_fiq == (cpu_mode(cpu) == MODE_FIQ);
		*val = live ? cpu->r[8 + i]
			    : (want_fiq ? cpu->bank_r8_12_fiq[i]
					: cpu->bank_r8_12_usr[i]);
		return true;
	}
	*val = *loc;
	return true;
}

bool cpu_banked_write(struct cpu *cpu, unsigned r, unsigned sysm, uint32_t val)
{
	unsigned owner = 0;
	uint32_t *loc = banked_location(cpu, r, sysm, &owner);
	if (!owner || !banked_access_allowed(cpu, r, sysm, owner))
		return false;
	if (!loc) {
		unsigned i = sysm & 7;
		if (i > 4)
			return false;
		bool want_fiq = owner == MODE_FIQ;
		bool live = want_fiq == (cpu_mode(cpu) == MODE_FIQ);
		if (live)
			cpu->r[8 + i] = val;
		else if (want_fiq)
			cpu->bank_r8_12_fiq[i] = val;
		else
			cpu->bank_r8_12_usr[i] = val;
		return true;
	}
	*loc = val;
	return true;
}

/* ---- observers ---- */

static void observers_changed(struct cpu *cpu)
{
	cpu->obs_step = cpu->obs_mem = false;
	for (unsigned i = 0; i < cpu->n_obs; i++) {
		if (cpu->obs[i]->before_insn || cpu->obs[i]->after_insn)
			cpu->obs_step = true;
		if (cpu->obs[i]->mem_access)
			cpu->obs_mem = true;
	}
	/* the data memo skips observers: start it again without them */
	cpu_data_memo_clear(cpu);
	cpu->step_writes = DECODE_WRITES_ANY;
}

void cpu_add_observer(struct cpu *cpu, struct cpu_observer *obs)
{
	if (cpu->n_obs < sizeof cpu->obs / sizeof cpu->obs[0])
		cpu->obs[cpu->n_obs++] = obs;
	observers_changed(cpu);
}

void cpu_remove_observer(struct cpu *cpu, struct cpu_observer *obs)
{
	for (unsigned i = 0; i < cpu->n_obs; i++) {
		if (cpu->obs[i] == obs) {
			memmove(&cpu->obs[i], &cpu->obs[i + 1],
				(cpu->n_obs - i - 1) * sizeof cpu->obs[0]);
			cpu->n_obs--;
			observers_changed(cpu);
			return;
		}
	}
}

void cpu_notify_exception(struct cpu *cpu, const struct exception_event *ev)
{
	for (unsigned i = 0; i < cpu->n_obs; i++)
		if (cpu->obs[i]->exception)
			cpu->obs[i]->exception(cpu->obs[i]->ctx, cpu, ev);
}

void cpu_notify_sysreg_write(struct cpu *cpu, unsigned sysreg_id,
			     uint64_t old_val, uint64_t new_val)
{
	for (unsigned i = 0; i < cpu->n_obs; i++)
		if (cpu->obs[i]->sysreg_write)
			cpu->obs[i]->sysreg_write(cpu->obs[i]->ctx, cpu,
						  sysreg_id, old_val, new_val);
}

void cpu_notify_maintenance(struct cpu *cpu, const char *op, uint32_t arg,
			    unsigned removed)
{
	struct maintenance_event ev = {op, arg, removed};
	for (unsigned i = 0; i < cpu->n_obs; i++)
		if (cpu->obs[i]->maintenance)
			cpu->obs[i]->maintenance(cpu->obs[i]->ctx, cpu, &ev);
}

/* ---- lifecycle ---- */

void cpu_reset(struct cpu *cpu, const struct core_model *model,
	       struct bus *bus, unsigned index)
{
	/* Keep what the machine set up before reset. */
	struct cpu_group *group = cpu->group;
	unsigned cluster = cpu->cluster, core = cpu->core_in_cluster;
	unsigned ncl = cpu->cores_in_cluster;
	enum exec_result (*semihost)(struct cpu *) = cpu->semihost_call;
	void (*dcc_tx)(struct cpu *, uint32_t) = cpu->dcc_tx;
	bool (*firmware)(struct cpu *, bool, enum exec_result *) =
		cpu->firmware_call;
	void *board = cpu->board;
	bool icache_model = cpu->icache.enabled_model;
	uint64_t periphbase = cpu->cp15.periphbase;
	uint32_t errata = cpu->errata;
	uint64_t cache_seed = cpu->cache_seed;
	bool engine_block = cpu->engine_block;
	bool engine_check = cpu->engine_check;
	bool engine_codegen = cpu->engine_codegen;
	uint32_t ext_reg_writes = cpu->ext_reg_writes;
	/* The machine's clock, the interrupt inputs (the controller drives
	 * them, not the core) and where the timer outputs are wired stay;
	 * the timers themselves reset disabled, so their outputs fall and
	 * their events go. */
	struct timing *clock = cpu->clock;
	uint32_t lines = cpu->lines;
	/* Observers (trace, gdb, hang detector) watch the core through a
	 * reset, as a core powered on by PSCI is reset while they run. */
	struct cpu_observer *obs[sizeof cpu->obs / sizeof cpu->obs[0]];
	unsigned n_obs = cpu->n_obs;
	memcpy(obs, cpu->obs, sizeof obs);
	bool obs_step = cpu->obs_step, obs_mem = cpu->obs_mem;
	struct irq_line timer_out[CPU_TIMERS];
	for (unsigned t = 0; t < CPU_TIMERS; t++) {
		if (clock)
			timing_cancel(clock, &cpu->timer_ev[t]);
		irq_line_set(&cpu->timer_out[t], false);
		timer_out[t] = cpu->timer_out[t];
	}

	/* A core reset again (the machine resets after loading images)
	 * releases what its previous reset allocated. */
	if (cpu->model) {
		tlb_destroy(cpu);
		icache_destroy(cpu);
		decode_cache_destroy(cpu);
		block_cache_destroy(cpu);
	}
	memset(cpu, 0, sizeof *cpu);
	cpu->model = model;
	cpu->bus = bus;
	cpu->index = index;
	cpu->group = group;
	cpu->cluster = cluster;
	cpu->core_in_cluster = core;
	cpu->cores_in_cluster = ncl ? ncl : 1;
	cpu->semihost_call = semihost;
	cpu->dcc_tx = dcc_tx;
	cpu->firmware_call = firmware;
	cpu->board = board;
	cpu->cp15.periphbase = periphbase;
	cpu->errata = errata;
	cpu->cache_seed = cache_seed;
	cpu->engine_block = engine_block;
	cpu->engine_check = engine_check;
	cpu->engine_codegen = engine_codegen;
	/* every register changed: observers' copies are stale (cpu.h) */
	cpu->ext_reg_writes = ext_reg_writes + 1;
	cpu->clock = clock;
	cpu->lines = lines;
	memcpy(cpu->obs, obs, sizeof obs);
	cpu->n_obs = n_obs;
	cpu->obs_step = obs_step;
	cpu->obs_mem = obs_mem;
	for (unsigned t = 0; t < CPU_TIMERS; t++)
		cpu->timer_out[t] = timer_out[t];

	/* B1.9.1 reset: Secure Supervisor mode, ARM state (SCTLR.TE is 0
	 * at reset), A/I/F masked, PC at the reset vector. */
	cpu->cpsr = MODE_SVC | CPSR_A | CPSR_I | CPSR_F;
	cp15_reset(cpu);
	fp_reset(cpu);
	cpu->r[15] = (cpu->cp15.sctlr[0] & SCTLR_V) ? 0xffff0000u : 0;
	cpu->state = CPU_RUNNING;
	cpu->fetch_memo.va_page = ~0u;
	cpu_data_memo_clear(cpu);
	tlb_init(cpu);
	cpu->icache.enabled_model = icache_model;
	icache_init(cpu);
	/* Out of host memory the core runs without it (decode_cache.h). */
	(void)decode_cache_create(cpu);
	if (cpu->engine_block && cpu->decoded)
		(void)block_cache_create(cpu);
}

void cpu_destroy(struct cpu *cpu)
{
	tlb_destroy(cpu);
	icache_destroy(cpu);
	decode_cache_destroy(cpu);
	block_cache_destroy(cpu);
}
