/* Exception routing, written once (DESIGN.md; ARM DDI 0406C B1.8 and
 * B1.14 "Hyp mode"): every source of an exception — the decoder, the MMU,
 * the CP15 table, the interrupt controller — says only what happened, and
 * hyp_take_exception() decides the target mode (PL1, HYP or Monitor),
 * the vector, the return address and the syndrome registers. */
#ifndef HYPSIM_HYP_EXCEPTION_H
#define HYPSIM_HYP_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/mmu.h"

enum exception_kind {
	EXC_RESET,
	EXC_UNDEF,
	EXC_SVC,
	EXC_SMC,
	EXC_HVC,
	EXC_PABT,
	EXC_DABT,
	EXC_IRQ,
	EXC_FIQ,
	EXC_HYP_TRAP, /* a trap to HYP (HCR/HSTR/HCPTR/HDCR); hsr says what */
	EXC_VIRQ,
	EXC_VFIQ,
	EXC_VABT,
};

struct exception {
	enum exception_kind kind;
	uint32_t return_addr; /* preferred return address (B1.8.3) */
	uint32_t hsr;         /* syndrome when it is taken to HYP */
	/* aborts */
	uint32_t far;
	struct mmu_fault fault;
	bool is_write;
	unsigned access_size;  /* for HSR ISS: 1, 2, 4; 0 = no valid ISS */
	unsigned access_rt;
	bool access_signed;
	/* EXC_DABT only: a physical asynchronous abort (an external abort
	 * the core reports asynchronously, cpu->async_abort_pending); `fault`
	 * and `far` are unused: the FSR says asynchronous external abort and
	 * DFAR/HDFAR are UNKNOWN (left unchanged). */
	bool async;
};

/* Take the exception: routing, banked state, vector. After it the core is
 * in the target mode with the PC at the vector. */
void hyp_take_exception(struct cpu *cpu, struct exception *e);

/* Take a Hyp Trap exception for the current instruction with syndrome EC
 * and ISS (IL from the instruction size; CV/COND added for ARM state where
 * the EC has them). */
enum exec_result hyp_trap_instruction(struct cpu *cpu, unsigned ec,
				      uint32_t iss);
/* CV and COND fields (HSR[24:20]) for the current instruction. */
uint32_t hyp_syndrome_cond(const struct cpu *cpu);

/* Abort raised by a memory access of the current instruction. */
enum exec_result hyp_data_abort(struct cpu *cpu, uint32_t va,
				const struct mmu_fault *fault, bool is_write,
				unsigned size, unsigned flags);
enum exec_result hyp_prefetch_abort(struct cpu *cpu, uint32_t va,
				    const struct mmu_fault *fault);
/* An external abort on a data write: if the core model reports those
 * asynchronously (core_model.async_store_aborts), the abort becomes
 * pending on the core (taken by hyp_check_interrupts() when the routing
 * and CPSR.A allow, B1.8.6, B1.9) and true is returned: the store then
 * completes as a no-op. False: the caller raises a synchronous abort. */
bool hyp_async_store_abort(struct cpu *cpu);
/* Whether a physical asynchronous abort is pending and would be taken
 * before the next instruction (its routing and CPSR.A allow it). */
bool hyp_async_abort_deliverable(const struct cpu *cpu);

/* Interrupts: check pending physical and virtual IRQ/FIQ/abort lines and
 * take one if it is unmasked for the current state (B1.8.6, DDI 0406C "Virtual
 * exceptions in the Virtualization Extensions"). Returns true if an exception
 * was taken. */
bool hyp_check_interrupts(struct cpu *cpu);
/* Whether a pending interrupt (physical or virtual) could wake a WFI even
 * if masked (B1.8.14 WFI wake-up events). */
bool hyp_interrupt_pending(const struct cpu *cpu);

/* Trap decisions shared by the decoder (src/hyp/traps.c). Each returns true
 * if the instruction traps to HYP (the caller then calls
 * hyp_trap_instruction). */
bool hyp_traps_wfx(const struct cpu *cpu, bool is_wfe);
bool hyp_traps_smc(const struct cpu *cpu);

#endif
