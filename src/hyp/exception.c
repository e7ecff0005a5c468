/* Exception routing and entry (ARM DDI 0406C B1.8 "Exception handling",
 * B1.14 "Hyp mode", B3.13.6 "Use of the HSR"). Every source of an
 * exception describes what happened in a struct exception; this file
 * decides where it goes (PL1 mode, Hyp, Monitor), writes the syndrome
 * registers, banks the state and branches to the vector. */
#include "hyp/exception.h"

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/pmu.h"
#include "cpu/observer.h"
#include "mmu/mmu.h"

/* Vector offsets, B1.8.1 Table B1-3 and B1.14.? (Hyp vector table). */
enum {
	VEC_RESET = 0x00,
	VEC_UNDEF = 0x04,
	VEC_SVC = 0x08,  /* also SMC at MVBAR, HVC/SVC taken in Hyp */
	VEC_PABT = 0x0c,
	VEC_DABT = 0x10,
	VEC_HYP_TRAP = 0x14,
	VEC_IRQ = 0x18,
	VEC_FIQ = 0x1c,
};

static inline unsigned sec_bank(bool secure)
{
	return secure ? 0u : 1u;
}

uint32_t hyp_syndrome_cond(const struct cpu *cpu)
{
	/* B3.13.6: CV=1 and COND from the instruction. For ARM state the
	 * cond field (0b1110 for unconditional encodings); for Thumb the
	 * condition of the IT block, or AL outside one. The manual permits
	 * CV=0 for Thumb; hypsim always reports a valid COND (as QEMU). */
	unsigned cond = 0xe;
	if (cpu_thumb(cpu)) {
		unsigned it = cpu_itstate(cpu);
		if (it & 0xf)
			cond = it >> 4;
	} else {
		cond = cpu->insn >> 28;
		if (cond == 0xf)
			cond = 0xe;
	}
	return (1u << 24) | (cond << 20);
}

static uint32_t syndrome_il(const struct cpu *cpu)
{
	return cpu->insn_size == 4 ? HSR_IL : 0;
}

/* HCR.{FMO,IMO,AMO} as they act: HCR.TGE with any of them clear is
 * UNPREDICTABLE (B4.1.65 requires them set with TGE); hypsim treats them as
 * set whenever TGE is, as ARMv8 made architectural. Secure state ignores
 * the HCR. */
static uint32_t effective_hcr(const struct cpu *cpu)
{
	if (cpu_is_secure(cpu))
		return 0;
	uint32_t hcr = cpu->cp15.hcr;
	if (hcr & HCR_TGE)
		hcr |= HCR_FMO | HCR_IMO | HCR_AMO;
	return hcr;
}

/* Hyp entry, B1.14.? EnterHypMode: SPSR_hyp, ELR_hyp, CPSR with Hyp mode,
 * HSCTLR.TE/EE, masks set unless SCR routes that class to Monitor. */
static void enter_hyp(struct cpu *cpu, uint32_t return_addr, unsigned offset,
		      struct exception_event *ev)
{
	uint32_t old = cpu->cpsr;
	cpu_set_mode(cpu, MODE_HYP);
	cpu->bank_spsr[BANK_HYP] = old;
	cpu->elr_hyp = return_addr;
	uint32_t cpsr = cpu->cpsr & ~(CPSR_IT_MASK | CPSR_J | CPSR_T | CPSR_E);
	uint32_t hsctlr = cpu->cp15.hsctlr;
	if (hsctlr & HSCTLR_TE)
		cpsr |= CPSR_T;
	if (hsctlr & HSCTLR_EE)
		cpsr |= CPSR_E;
	uint32_t scr = cpu->cp15.scr;
	if (!(scr & SCR_EA))
		cpsr |= CPSR_A;
	if (!(scr & SCR_IRQ))
		cpsr |= CPSR_I;
	if (!(scr & SCR_FIQ))
		cpsr |= CPSR_F;
	cpu->cpsr = cpsr;
	cpu->r[15] = (cpu->cp15.hvbar & ~0x1fu) + offset;
	cpu->pc_written = true;
	ev->to_mode = MODE_HYP;
	ev->vector = cpu->r[15];
}

/* Entry to a PL1 mode or Monitor, B1.8.3 / the TakeXException
 * pseudocode. `lr_offset` is added to the preferred return address. */
static void enter_pl1(struct cpu *cpu, unsigned mode, uint32_t return_addr,
		      unsigned lr_offset, unsigned offset, bool set_a,
		      bool set_f, struct exception_event *ev)
{
	uint32_t old = cpu->cpsr;
	/* Every TakeXException: "if CPSR.M == '10110' then SCR.NS = '0'": an
	 * exception taken from Monitor mode ends in Secure state, and the
	 * banked SCTLR/VBAR/FSR used below are the Secure copies. */
	if (cpu_mode(cpu) == MODE_MON && (cpu->cp15.scr & SCR_NS)) {
		cpu->cp15.scr &= ~SCR_NS;
		mmu_context_changed(cpu);
	}
	cpu_set_mode(cpu, mode);
	cpu->bank_spsr[cpu_bank_of(mode)] = old;
	cpu->r[14] = return_addr + lr_offset;
	bool secure = cpu_is_secure(cpu);
	uint32_t sctlr = cpu->cp15.sctlr[sec_bank(secure)];
	uint32_t cpsr = cpu->cpsr & ~(CPSR_IT_MASK | CPSR_J | CPSR_T | CPSR_E);
	cpsr |= CPSR_I;
	/* With the Virtualization Extensions, SCR.AW/FW no longer stop the
	 * A and F bits being set on entry (TakeDataAbortException etc.:
	 * "if ... HaveVirtExt() ... then CPSR.A = '1'"). */
	if (set_a)
		cpsr |= CPSR_A;
	if (set_f)
		cpsr |= CPSR_F;
	if (sctlr & SCTLR_TE)
		cpsr |= CPSR_T;
	if (sctlr & SCTLR_EE)
		cpsr |= CPSR_E;
	cpu->cpsr = cpsr;
	uint32_t base;
	if (mode == MODE_MON)
		base = cpu->cp15.mvbar & ~0x1fu;
	else if (sctlr & SCTLR_V)
		base = 0xffff0000u;
	else
		base = cpu->cp15.vbar[sec_bank(secure)] & ~0x1fu;
	cpu->r[15] = base + offset;
	cpu->pc_written = true;
	ev->to_mode = mode;
	ev->vector = cpu->r[15];
}

static bool is_external(const struct mmu_fault *f)
{
	return f->type == FAULT_EXTERNAL || f->type == FAULT_EXTERNAL_WALK;
}

/* Abort syndrome for HSR (B3.13.6, ISS of EC 0x20/0x21/0x24/0x25). */
static uint32_t abort_iss(const struct cpu *cpu, const struct exception *e,
			  bool lower)
{
	const struct mmu_fault *f = &e->fault;
	uint32_t iss = mmu_fault_fsc_long(f) & 0x3fu;
	if (f->s1ptw)
		iss |= 1u << 7;
	if (f->ea_ext)
		iss |= 1u << 9;
	if (e->kind == EXC_DABT) {
		if (e->is_write)
			iss |= 1u << 6;
		/* CM: the abort comes from a cache maintenance or address
		 * translation operation (B3.13.6, Data Abort ISS). */
		if (f->cm)
			iss |= 1u << 8;
		/* ISV: instruction syndrome only for a stage-2 fault of a
		 * single load/store with no writeback ambiguity (B3.13.6);
		 * hypsim reports it for stage-2 aborts of accesses flagged
		 * with a size, 0 otherwise (and always 0 for aborts taken
		 * from Hyp mode, EC 0x25). */
		if (lower && f->stage2 && e->access_size) {
			unsigned sas = e->access_size == 1 ? 0
				     : e->access_size == 2 ? 1 : 2;
			iss |= 1u << 24 | sas << 22 |
			       (e->access_signed ? 1u << 21 : 0) |
			       (e->access_rt & 0xfu) << 16;
		}
	}
	(void)cpu;
	return iss;
}

/* HDCR.TDE (B4.1.66): debug exceptions from Non-secure PL1/PL0 go to Hyp.
 * HCR.TGE with TDE clear is UNPREDICTABLE (B4.1.65 requires TDE set with
 * TGE); hypsim treats TDE as set then, as ARMv8 made architectural. */
#define HDCR_TDE (1u << 8)

/* Status codes of an asynchronous external abort (B4.1.52 DFSR,
 * B3.13.6 HSR): short format FS = 0b10110 (FS[4] is DFSR bit 10), long
 * format 0b010001. */
#define FSR_SHORT_ASYNC_EXT 0x406u
#define FSC_LONG_ASYNC_EXT 0x11u
#define FSR_LONG_LPAE (1u << 9)
#define FSR_EXT (1u << 12)

/* A physical asynchronous abort (cpu->async_abort_pending), routed as
 * TakeDataAbortException routes an asynchronous external abort (B1.9.?,
 * B1.8.6 with the Security and Virtualization Extensions):
 *   - SCR.EA = 1: Monitor mode, MVBAR + 0x10, the Secure DFSR;
 *   - taken in Hyp mode: Hyp, HVBAR + 0x10, HSR EC 0x25;
 *   - from Non-secure PL1/PL0 with HCR.AMO = 1 (or TGE, effective_hcr):
 *     Hyp, the Hyp Trap vector HVBAR + 0x14, HSR EC 0x24;
 *   - otherwise the Abort mode of the current security state.
 * LR = preferred return address (the first instruction not executed) + 8,
 * B1.8.3 Table B1-7; ELR_hyp = that address. UNKNOWN fields, written
 * deterministically: DFSR.WnR / HSR.WnR are UNKNOWN for an asynchronous
 * abort (B4.1.52, B3.13.6) and written 0; DFAR and HDFAR are UNKNOWN
 * (the TRMs: "DFAR is UNKNOWN/unpredictable when an asynchronous abort
 * occurs") and left unchanged; HPFAR is not written (not a stage-2 abort).
 * DFSR.ExT / HSR.EA (IMPLEMENTATION DEFINED classification) is 0 for an
 * access with nothing behind it, as for the synchronous external aborts
 * of fault.c. HSR.ISV = 0 (no instruction syndrome), so IL is written 0. */
static void take_async_abort(struct cpu *cpu, struct exception *e,
			     struct exception_event *ev)
{
	unsigned mode = cpu_mode(cpu);
	bool secure = cpu_is_secure(cpu);
	uint32_t hcr = effective_hcr(cpu);
	bool to_mon = (cpu->cp15.scr & SCR_EA) != 0;

	if (!to_mon && (mode == MODE_HYP || (!secure && (hcr & HCR_AMO)))) {
		bool in_hyp = mode == MODE_HYP;
		unsigned ec = in_hyp ? EC_DABT_HYP : EC_DABT_LOWER;
		cpu->cp15.hsr = (ec << HSR_EC_SHIFT) | FSC_LONG_ASYNC_EXT;
		ev->syndrome = cpu->cp15.hsr;
		enter_hyp(cpu, e->return_addr,
			  in_hyp ? VEC_DABT : VEC_HYP_TRAP, ev);
		return;
	}
	unsigned bank = sec_bank(to_mon ? true : secure);
	/* The FSR format follows TTBCR.EAE of the bank written (B4.1.52). */
	bool lpae = (cpu->cp15.ttbcr[bank] >> 31) & 1;
	uint32_t fsr = lpae ? FSR_LONG_LPAE | FSC_LONG_ASYNC_EXT
			    : FSR_SHORT_ASYNC_EXT;
	cpu->cp15.dfsr[bank] = fsr;
	ev->syndrome = fsr;
	enter_pl1(cpu, to_mon ? MODE_MON : MODE_ABT, e->return_addr, 8,
		  VEC_DABT, true, to_mon, ev);
}

/* Route and take an abort, TakePrefetchAbortException and
 * TakeDataAbortException (B1.9.?): an external abort goes to Monitor
 * mode when SCR.EA is set; an abort taken in Hyp mode stays there
 * (HVBAR + 0x0C / 0x10); from Non-secure PL1 and PL0 it goes to Hyp
 * through the Hyp Trap vector when it is a stage-2 abort, a debug event
 * with HDCR.TDE, or — from User mode with HCR.TGE — an alignment fault or
 * a synchronous external abort; anything else goes to Abort mode of the
 * current security state. (A stage-1 translation, domain or permission
 * fault at PL0 with TGE set is the guest's own, taken to its Abort mode,
 * as the pseudocode says.) */
static void take_abort(struct cpu *cpu, struct exception *e,
		       struct exception_event *ev)
{
	bool is_data = e->kind == EXC_DABT;
	unsigned mode = cpu_mode(cpu);
	bool secure = cpu_is_secure(cpu);
	const struct mmu_fault *f = &e->fault;
	bool tge = !secure && mode == MODE_USR && (cpu->cp15.hcr & HCR_TGE);
	bool tde = !secure && ((cpu->cp15.hdcr & HDCR_TDE) ||
			       (cpu->cp15.hcr & HCR_TGE));

	if (is_external(f) && (cpu->cp15.scr & SCR_EA)) {
		goto pl1_or_mon;
	}
	bool route = !secure &&
		     (f->stage2 ||
		      (mode != MODE_HYP && f->type == FAULT_DEBUG && tde) ||
		      (tge && (f->type == FAULT_ALIGNMENT || is_external(f))));
	if (mode == MODE_HYP || route) {
		bool in_hyp = mode == MODE_HYP;
		unsigned ec = is_data ? (in_hyp ? EC_DABT_HYP : EC_DABT_LOWER)
				      : (in_hyp ? EC_PABT_HYP : EC_PABT_LOWER);
		uint32_t iss = abort_iss(cpu, e, !in_hyp);
		uint32_t il = (iss & (1u << 24)) ? syndrome_il(cpu) : 0;
		cpu->cp15.hsr = (ec << HSR_EC_SHIFT) | il | iss;
		if (is_data)
			cpu->cp15.hdfar = e->far;
		else
			cpu->cp15.hifar = e->far;
		/* HPFAR holds the faulting IPA for stage-2 faults
		 * (B4.1.72): [31:4] = IPA[39:12]. */
		if (f->stage2)
			cpu->cp15.hpfar = (uint32_t)((f->ipa >> 12) << 4);
		ev->syndrome = cpu->cp15.hsr;
		enter_hyp(cpu, e->return_addr,
			  in_hyp ? (is_data ? VEC_DABT : VEC_PABT) : VEC_HYP_TRAP,
			  ev);
		return;
	}
pl1_or_mon:;
	bool to_mon = is_external(f) && (cpu->cp15.scr & SCR_EA);
	unsigned bank = sec_bank(to_mon ? true : secure);
	/* The FSR format follows TTBCR.EAE of the bank written (B4.1.52). */
	bool lpae = (cpu->cp15.ttbcr[bank] >> 31) & 1;
	struct mmu_fault fmt = *f;
	fmt.long_format = lpae;
	uint32_t fsr = lpae ? mmu_fault_fsr_long(&fmt, e->is_write)
			    : mmu_fault_fsr_short(&fmt, e->is_write);
	if (is_data) {
		cpu->cp15.dfsr[bank] = fsr;
		cpu->cp15.dfar[bank] = e->far;
	} else {
		cpu->cp15.ifsr[bank] = fsr;
		cpu->cp15.ifar[bank] = e->far;
	}
	ev->syndrome = fsr;
	/* LR offsets, B1.8.3 Table B1-7: prefetch abort +4, data abort +8,
	 * in both instruction sets. */
	enter_pl1(cpu, to_mon ? MODE_MON : MODE_ABT, e->return_addr,
		  is_data ? 8 : 4, is_data ? VEC_DABT : VEC_PABT, true,
		  to_mon, ev);
}

void hyp_take_exception(struct cpu *cpu, struct exception *e)
{
	struct exception_event ev = {
		.kind = e->kind,
		.from_mode = cpu_mode(cpu),
		.return_addr = e->return_addr,
		.fault_addr = e->far,
	};
	unsigned mode = cpu_mode(cpu);
	bool secure = cpu_is_secure(cpu);
	bool thumb = cpu_thumb(cpu);
	uint32_t hcr = effective_hcr(cpu);
	bool tge = !secure && mode == MODE_USR && (hcr & HCR_TGE);

	pmu_exception_entry(cpu, e); /* PMU: EXC_TAKEN, count up to here */
	switch (e->kind) {
	case EXC_RESET:
		enter_pl1(cpu, MODE_SVC, 0, 0, VEC_RESET, true, true, &ev);
		break;
	case EXC_UNDEF:
		if (mode == MODE_HYP || tge) {
			/* EC 0x00 "unknown reason"; IL is UNK/SBZP for this
			 * EC on ARMv7: written as 0. */
			cpu->cp15.hsr = EC_UNKNOWN << HSR_EC_SHIFT;
			ev.syndrome = cpu->cp15.hsr;
			enter_hyp(cpu, e->return_addr,
				  mode == MODE_HYP ? VEC_UNDEF : VEC_HYP_TRAP, &ev);
		} else {
			enter_pl1(cpu, MODE_UND, e->return_addr, thumb ? 2 : 4,
				  VEC_UNDEF, false, false, &ev);
		}
		break;
	case EXC_SVC:
		/* CallSupervisor: HSR.ISS holds imm16 for an unconditional
		 * SVC and is UNKNOWN otherwise; hypsim writes the immediate in
		 * both cases. */
		if (mode == MODE_HYP || tge) {
			cpu->cp15.hsr = (EC_SVC_HYP << HSR_EC_SHIFT) |
					syndrome_il(cpu) | (e->hsr & 0xffffu);
			ev.syndrome = cpu->cp15.hsr;
			enter_hyp(cpu, e->return_addr,
				  mode == MODE_HYP ? VEC_SVC : VEC_HYP_TRAP, &ev);
		} else {
			enter_pl1(cpu, MODE_SVC, e->return_addr, 0, VEC_SVC,
				  false, false, &ev);
		}
		break;
	case EXC_HVC:
		cpu->cp15.hsr = (EC_HVC << HSR_EC_SHIFT) | syndrome_il(cpu) |
				(e->hsr & 0xffffu);
		ev.syndrome = cpu->cp15.hsr;
		enter_hyp(cpu, e->return_addr,
			  mode == MODE_HYP ? VEC_SVC : VEC_HYP_TRAP, &ev);
		break;
	case EXC_SMC:
		/* TakeSMCException: to Monitor mode, MVBAR + 0x08, LR = the
		 * next instruction (SMC is 4 bytes in both instruction sets);
		 * SCR.NS is cleared when taken from Monitor (enter_pl1). */
		enter_pl1(cpu, MODE_MON, e->return_addr, 0, VEC_SVC, true, true,
			  &ev);
		break;
	case EXC_HYP_TRAP:
		cpu->cp15.hsr = e->hsr;
		ev.syndrome = e->hsr;
		enter_hyp(cpu, e->return_addr, VEC_HYP_TRAP, &ev);
		break;
	case EXC_PABT:
	case EXC_DABT:
		if (e->async)
			take_async_abort(cpu, e, &ev);
		else
			take_abort(cpu, e, &ev);
		break;
	case EXC_IRQ:
	case EXC_FIQ: {
		bool fiq = e->kind == EXC_FIQ;
		uint32_t route_mon = fiq ? SCR_FIQ : SCR_IRQ;
		uint32_t route_hyp = fiq ? HCR_FMO : HCR_IMO;
		unsigned vec = fiq ? VEC_FIQ : VEC_IRQ;
		if (cpu->cp15.scr & route_mon)
			enter_pl1(cpu, MODE_MON, e->return_addr, 4, vec, true,
				  true, &ev);
		else if (mode == MODE_HYP || (!secure && (hcr & route_hyp)))
			enter_hyp(cpu, e->return_addr, vec, &ev);
		else
			enter_pl1(cpu, fiq ? MODE_FIQ : MODE_IRQ, e->return_addr,
				  4, vec, true, fiq, &ev);
		break;
	}
	case EXC_VIRQ:
		enter_pl1(cpu, MODE_IRQ, e->return_addr, 4, VEC_IRQ, true, false,
			  &ev);
		break;
	case EXC_VFIQ:
		enter_pl1(cpu, MODE_FIQ, e->return_addr, 4, VEC_FIQ, true, true,
			  &ev);
		break;
	case EXC_VABT: {
		/* B1.8.? Virtual Abort: an asynchronous abort to the guest's
		 * Abort mode; DFSR reports an asynchronous external abort
		 * (short FS 0b10110 / long 0x11). */
		unsigned bank = 1;
		bool lpae = cpu->cp15.ttbcr[bank] >> 31;
		cpu->cp15.dfsr[bank] = lpae ? (1u << 9) | 0x11u : 0x406u;
		ev.syndrome = cpu->cp15.dfsr[bank];
		enter_pl1(cpu, MODE_ABT, e->return_addr, 8, VEC_DABT, true, false,
			  &ev);
		break;
	}
	}
	cpu_clear_exclusive(cpu);
	if (cpu->n_obs)
		cpu_notify_exception(cpu, &ev);
}

enum exec_result hyp_trap_instruction(struct cpu *cpu, unsigned ec,
				      uint32_t iss)
{
	struct exception e = {
		.kind = EXC_HYP_TRAP,
		.return_addr = cpu->r[15],
	};
	bool has_cond = ec != EC_UNKNOWN && ec != EC_SVC_HYP && ec != EC_HVC &&
			ec != EC_SMC && ec < 0x20;
	e.hsr = ((uint32_t)ec << HSR_EC_SHIFT) | syndrome_il(cpu) |
		(has_cond ? hyp_syndrome_cond(cpu) : 0) | (iss & 0x1ffffffu);
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

enum exec_result hyp_data_abort(struct cpu *cpu, uint32_t va,
				const struct mmu_fault *fault, bool is_write,
				unsigned size, unsigned flags)
{
	struct exception e = {
		.kind = EXC_DABT,
		.return_addr = cpu->r[15],
		.far = va,
		.fault = *fault,
		.is_write = is_write,
		.access_size = (flags & ACC_NO_SYNDROME) ? 0 : size,
		.access_rt = 0,
		.access_signed = (flags & ACC_SIGNED) != 0,
	};
	/* Rt for the syndrome: the decoders pass it in the flags' upper
	 * bits when they know it (ACC_RT()). */
	e.access_rt = (flags >> 24) & 0xfu;
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

enum exec_result hyp_prefetch_abort(struct cpu *cpu, uint32_t va,
				    const struct mmu_fault *fault)
{
	struct exception e = {
		.kind = EXC_PABT,
		.return_addr = cpu->r[15],
		.far = va,
		.fault = *fault,
	};
	hyp_take_exception(cpu, &e);
	return EXEC_EXCEPTION;
}

bool hyp_async_store_abort(struct cpu *cpu)
{
	if (!cpu->model || !cpu->model->async_store_aborts)
		return false;
	/* One pending abort: a second error before the first is taken is
	 * not recorded separately (the architecture has a single pending
	 * asynchronous abort, ISR.A). */
	cpu->async_abort_pending = true;
	return true;
}

/* ---- interrupts (B1.8.6, B1.14.? virtual exceptions) ---- */

/* Whether the virtual interrupt `vbit` (HCR.VI/VF/VA) is pending for the
 * current state: only at Non-secure PL1 and PL0, only with its routing
 * bit (IMO/FMO/AMO) set, and never with HCR.TGE (B1.14.? "Virtual
 * exceptions"). */
static bool virtual_pending(const struct cpu *cpu, uint32_t vbit,
			    uint32_t route)
{
	uint32_t hcr = cpu->cp15.hcr;
	/* The GIC's virtual CPU interface asserts the core's virtual IRQ/FIQ
	 * input; the core ORs it with HCR.VI/VF (Cortex-A15 TRM, the
	 * nVIRQ/nVFIQ signals; B1.8.6 "virtual interrupts"). There is no
	 * virtual abort input. */
	bool line = (vbit == HCR_VI && cpu->virq_line) ||
		    (vbit == HCR_VF && cpu->vfiq_line);
	return !cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_HYP &&
	       !(hcr & HCR_TGE) && ((hcr & vbit) || line) && (hcr & route);
}

bool hyp_interrupt_pending(const struct cpu *cpu)
{
	/* B1.8.13 (WFI) / B1.8.14 (WFE): a physical IRQ, FIQ or
	 * asynchronous abort wakes the core whatever CPSR.I/F/A say (and
	 * whatever the routing: a pending abort is always taken at some
	 * level once unmasked); a virtual one wakes it when it is
	 * pending for the current state (CPSR masks aside). */
	return cpu->irq_line || cpu->fiq_line || cpu->async_abort_pending ||
	       virtual_pending(cpu, HCR_VI, HCR_IMO) ||
	       virtual_pending(cpu, HCR_VF, HCR_FMO) ||
	       virtual_pending(cpu, HCR_VA, HCR_AMO);
}

/* Whether a physical IRQ (fiq=false) or FIQ can be taken now (B1.8.6
 * "Asynchronous exception masking", with the Security and Virtualization
 * Extensions):
 *   - routed to Monitor mode (SCR.IRQ/FIQ): from Secure state CPSR.I/F
 *     mask it; from Non-secure state CPSR.I masks an IRQ, and CPSR.F masks
 *     an FIQ only when SCR.FW lets Non-secure software set it; below Hyp,
 *     HCR.IMO/FMO make the CPSR bit mask only virtual interrupts;
 *   - routed to Hyp mode (HCR.IMO/FMO, Non-secure PL1/PL0): never masked;
 *   - in Hyp mode and routed there: masked by CPSR.I/F; not routed there:
 *     the target is below the current level, the interrupt stays pending;
 *   - otherwise (PL1 target, same security state): masked by CPSR.I/F. */
static bool physical_taken(const struct cpu *cpu, bool fiq)
{
	uint32_t mask = fiq ? CPSR_F : CPSR_I;
	uint32_t route_mon = fiq ? SCR_FIQ : SCR_IRQ;
	uint32_t route_hyp = fiq ? HCR_FMO : HCR_IMO;
	unsigned mode = cpu_mode(cpu);
	bool secure = cpu_is_secure(cpu);
	uint32_t hcr = effective_hcr(cpu);
	bool masked = (cpu->cpsr & mask) != 0;
	if (cpu->cp15.scr & route_mon) {
		if (secure)
			return !masked;
		if (mode != MODE_HYP && (hcr & route_hyp))
			return true;
		if (fiq && !(cpu->cp15.scr & SCR_FW))
			return true;
		return !masked;
	}
	if (mode == MODE_HYP)
		return (hcr & route_hyp) && !masked;
	if (hcr & route_hyp)
		return true;
	return !masked;
}

/* Whether a pending physical asynchronous abort can be taken now (B1.8.6
 * "Asynchronous exception masking" with the Security and Virtualization
 * Extensions; the routing is take_async_abort's):
 *   - routed to Monitor mode (SCR.EA = 1): from Secure state CPSR.A masks
 *     it; from Non-secure state CPSR.A masks it only when SCR.AW = 1 (with
 *     the Virtualization Extensions AW no longer controls whether
 *     Non-secure software can write CPSR.A but whether CPSR.A masks an
 *     abort routed to Monitor), and never at Non-secure PL1/PL0 with
 *     HCR.AMO = 1, where CPSR.A masks only virtual aborts;
 *   - in Hyp mode, taken to Hyp mode (TakeDataAbortException: an abort
 *     taken from Hyp mode stays there): masked by CPSR.A;
 *   - routed to Hyp from Non-secure PL1/PL0 (HCR.AMO, or HCR.TGE which
 *     effective_hcr treats as setting AMO): never masked;
 *   - otherwise (Abort mode of the current state): masked by CPSR.A. */
static bool async_abort_taken(const struct cpu *cpu)
{
	unsigned mode = cpu_mode(cpu);
	bool secure = cpu_is_secure(cpu);
	uint32_t hcr = effective_hcr(cpu);
	bool masked = (cpu->cpsr & CPSR_A) != 0;
	if (cpu->cp15.scr & SCR_EA) {
		if (secure)
			return !masked;
		if (mode != MODE_HYP && (hcr & HCR_AMO))
			return true;
		if (!(cpu->cp15.scr & SCR_AW))
			return true;
		return !masked;
	}
	if (mode == MODE_HYP)
		return !masked;
	if (!secure && (hcr & HCR_AMO))
		return true;
	return !masked;
}

bool hyp_async_abort_deliverable(const struct cpu *cpu)
{
	return cpu->async_abort_pending && async_abort_taken(cpu);
}

bool hyp_check_interrupts(struct cpu *cpu)
{
	struct exception e = {.return_addr = cpu->r[15]};

	/* Priority (B1.8.?: IMPLEMENTATION DEFINED among simultaneous
	 * asynchronous exceptions): physical abort, virtual abort, FIQ,
	 * virtual FIQ, IRQ, virtual IRQ. */
	if (hyp_async_abort_deliverable(cpu)) {
		/* Taking it consumes it (ISR.A reads 0 afterwards). */
		cpu->async_abort_pending = false;
		e.kind = EXC_DABT;
		e.async = true;
	} else if (virtual_pending(cpu, HCR_VA, HCR_AMO) &&
		   !(cpu->cpsr & CPSR_A)) {
		/* Taking a virtual abort clears HCR.VA (B4.1.65). */
		cpu->cp15.hcr &= ~HCR_VA;
		e.kind = EXC_VABT;
	} else if (cpu->fiq_line && physical_taken(cpu, true)) {
		e.kind = EXC_FIQ;
	} else if (virtual_pending(cpu, HCR_VF, HCR_FMO) &&
		   !(cpu->cpsr & CPSR_F)) {
		e.kind = EXC_VFIQ;
	} else if (cpu->irq_line && physical_taken(cpu, false)) {
		e.kind = EXC_IRQ;
	} else if (virtual_pending(cpu, HCR_VI, HCR_IMO) &&
		   !(cpu->cpsr & CPSR_I)) {
		e.kind = EXC_VIRQ;
	} else {
		return false;
	}
	cpu->insn_size = 0;
	hyp_take_exception(cpu, &e);
	return true;
}
