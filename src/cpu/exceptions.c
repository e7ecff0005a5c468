/* Exceptions raised by instructions: each says what happened and hands it
 * to the router in src/hyp/exception.c. Preferred return addresses are
 * those of B1.8.3 Table B1-6. */
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "hyp/exception.h"

static uint32_t next_insn(const struct cpu *cpu)
{
	return cpu->r[15] + cpu->insn_size;
}

enum exec_result cpu_undefined(struct cpu *cpu)
{
	struct exception e = {.kind = EXC_UNDEF, .return_addr = cpu->r[15]};
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

/* ITAdvance (A2.5.2). */
static void it_advance(struct cpu *cpu)
{
	unsigned it = cpu_itstate(cpu);
	if ((it & 7u) == 0)
		it = 0;
	else
		it = (it & 0xe0u) | ((it << 1) & 0x1fu);
	cpu_set_itstate(cpu, it);
}

enum exec_result cpu_svc(struct cpu *cpu, uint32_t imm)
{
	/* ARM semihosting for A-profile: SVC 0x123456 (ARM) or SVC 0xAB
	 * (Thumb), honoured from privileged modes only, as QEMU does for
	 * system emulation. */
	if (cpu->semihost_call && cpu_current_pl(cpu) > 0 &&
	    imm == (cpu_thumb(cpu) ? 0xabu : 0x123456u)) {
		enum exec_result r = cpu->semihost_call(cpu);
		if (cpu_thumb(cpu))
			it_advance(cpu);
		return r;
	}
	/* TakeSVCException advances ITSTATE before saving the CPSR so the
	 * handler returns into the rest of the IT block. */
	if (cpu_thumb(cpu))
		it_advance(cpu);
	struct exception e = {.kind = EXC_SVC, .return_addr = next_insn(cpu),
			      .hsr = imm & 0xffffu};
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

enum exec_result cpu_hvc(struct cpu *cpu, uint32_t imm16)
{
	/* B9.3 "HVC": UNDEFINED in Secure state (Monitor mode included) and
	 * in User mode. With SCR.HCE = 0 it is UNDEFINED at Non-secure PL1
	 * and UNPREDICTABLE in Hyp mode: UNDEFINED there too (the choice
	 * QEMU makes), taken to Hyp mode's own Undefined vector. */
	enum exec_result fw;
	if (cpu->firmware_call && !cpu_is_secure(cpu) &&
	    cpu_current_pl(cpu) == 1 && cpu->firmware_call(cpu, true, &fw))
		return fw;
	if (cpu_is_secure(cpu) || cpu_current_pl(cpu) == 0 ||
	    !(cpu->cp15.scr & SCR_HCE))
		return cpu_undefined(cpu);
	/* TakeHVCException: ITAdvance() before the CPSR is saved. HVC in an
	 * IT block is UNPREDICTABLE; advancing keeps SPSR_hyp consistent
	 * with ELR_hyp (the next instruction). */
	if (cpu_thumb(cpu))
		it_advance(cpu);
	struct exception e = {.kind = EXC_HVC, .return_addr = next_insn(cpu),
			      .hsr = imm16 & 0xffffu};
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

enum exec_result cpu_smc(struct cpu *cpu)
{
	/* B9.3 "SMC (previously SMI)": UNDEFINED in User mode, before any
	 * trap. */
	if (cpu_current_pl(cpu) == 0)
		return cpu_undefined(cpu);
	/* HCR.TSC traps SMC from Non-secure PL1 to Hyp (EC 0x13) whatever
	 * SCR.SCD says: the pseudocode checks the trap first. The trapped
	 * SMC's ELR_hyp is the SMC itself (TakeHypTrapException); its ISS is
	 * UNK/SBZP in ARMv7: written as 0. */
	if (hyp_traps_smc(cpu))
		return hyp_trap_instruction(cpu, EC_SMC, 0);
	/* A board's firmware (PSCI) answers in place of Monitor code. */
	enum exec_result fw;
	if (cpu->firmware_call && cpu->firmware_call(cpu, false, &fw))
		return fw;
	/* SCR.SCD: UNDEFINED in Non-secure state (Hyp mode included);
	 * UNPREDICTABLE in Secure state, where hypsim takes the SMC to
	 * Monitor mode as if SCD were 0. */
	if (!cpu_is_secure(cpu) && (cpu->cp15.scr & SCR_SCD))
		return cpu_undefined(cpu);
	/* TakeSMCException: ITAdvance() before the CPSR is saved, so that
	 * the Monitor returns into the rest of an IT block. */
	if (cpu_thumb(cpu))
		it_advance(cpu);
	struct exception e = {.kind = EXC_SMC, .return_addr = next_insn(cpu)};
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

enum exec_result cpu_bkpt(struct cpu *cpu, uint32_t imm16)
{
	/* With no external debugger, BKPT is a debug event taken as a
	 * Prefetch Abort (C4 "Debug Exceptions", IFSR.FS = debug event). */
	struct mmu_fault f = {.type = FAULT_DEBUG};
	f.long_format = cpu_mode(cpu) == MODE_HYP ||
			(cpu->cp15.ttbcr[cpu_is_secure(cpu) ? 0 : 1] >> 31);
	(void)imm16;
	/* IFAR (or HIFAR) is UNKNOWN for a BKPT debug event: written as 0,
	 * the value QEMU gives. */
	return hyp_prefetch_abort(cpu, 0, &f);
}

enum exec_result cpu_wfi(struct cpu *cpu)
{
	if (hyp_traps_wfx(cpu, false))
		return hyp_trap_instruction(cpu, EC_WFI_WFE, 0);
	/* A pending interrupt completes the WFI at once. */
	if (hyp_interrupt_pending(cpu))
		return EXEC_OK;
	cpu->state = CPU_WAIT_WFI;
	return EXEC_WAIT;
}

enum exec_result cpu_wfe(struct cpu *cpu)
{
	if (hyp_traps_wfx(cpu, true))
		return hyp_trap_instruction(cpu, EC_WFI_WFE, 1);
	if (cpu->event_register) {
		cpu->event_register = false;
		return EXEC_OK;
	}
	if (hyp_interrupt_pending(cpu))
		return EXEC_OK;
	cpu->state = CPU_WAIT_WFE;
	return EXEC_WAIT;
}

void cpu_sev(struct cpu *cpu)
{
	if (!cpu->group) {
		cpu->event_register = true;
		return;
	}
	for (unsigned i = 0; i < cpu->group->n; i++)
		cpu->group->cpus[i]->event_register = true;
}

enum exec_result cpu_eret(struct cpu *cpu)
{
	unsigned mode = cpu_mode(cpu);
	/* B9.3.3: ERET in User or System mode is UNPREDICTABLE: UNDEFINED
	 * here (QEMU does the same). */
	if (mode == MODE_USR || mode == MODE_SYS)
		return cpu_undefined(cpu);
	if (mode == MODE_HYP) {
		cpu_exception_return(cpu, cpu->elr_hyp,
				     cpu->bank_spsr[BANK_HYP]);
		return EXEC_OK;
	}
	uint32_t spsr;
	cpu_spsr_read(cpu, &spsr);
	cpu_exception_return(cpu, cpu->r[14], spsr);
	return EXEC_OK;
}

void cpu_barrier(struct cpu *cpu, unsigned kind)
{
	/* Each instruction is atomic and in order (DESIGN.md principle 1):
	 * barriers have no further effect on the modelled state. */
	(void)cpu;
	(void)kind;
}
