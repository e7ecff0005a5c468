/* Exception routing and entry (src/hyp/exception.c, src/cpu/exceptions.c)
 * for what the test images cannot reach on a board without an interrupt
 * controller: physical IRQ and FIQ routing and masking by SCR.IRQ/FIQ/FW,
 * HCR.IMO/FMO/TGE and CPSR.I/F (ARM DDI 0406C B1.8.6 and "Virtual
 * exceptions in the Virtualization Extensions"), virtual
 * interrupts and their priority, WFI wake-up, and the corner cases of HVC,
 * SMC, BKPT with HDCR.TDE and exceptions taken from Monitor mode.
 *
 * Each test uses core 0 of a `bare` machine started in Secure SVC and puts
 * it in the state under test directly. */
#include <check.h>
#include <stdint.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "hyp/exception.h"
#include "mmu/mmu.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define PC 0x40001000u
#define HVBAR 0x40010000u
#define VBAR_S 0x40020000u
#define VBAR_NS 0x40030000u
#define MVBAR 0x40040000u

static struct machine tm;
static struct cpu *c;

static void setup(void)
{
	unit_machine(&tm, &cortex_a15_model, 1, RAM_BASE,
		     0x100000, ENTRY_SECURE_SVC, PC);
	c = &tm.cpus[0];
	c->cp15.hvbar = HVBAR;
	c->cp15.vbar[0] = VBAR_S;
	c->cp15.vbar[1] = VBAR_NS;
	c->cp15.mvbar = MVBAR;
	c->cp15.hsr = 0x12345678u; /* to see whether an entry writes it */
}

static void teardown(void)
{
	machine_destroy(&tm);
}

/* Put the core in `mode` with the given SCR, CPSR mask bits (A/I/F) and
 * HCR; the PC at PC, ARM state, flags N and C set to see them in SPSR. */
static void state(unsigned mode, uint32_t scr, uint32_t masks, uint32_t hcr)
{
	c->cp15.scr = scr;
	c->cp15.hcr = hcr;
	cpu_set_mode(c, mode);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | masks | CPSR_N | CPSR_C;
	c->r[15] = PC;
	c->insn = 0xe320f000u; /* NOP */
	c->insn_size = 4;
	c->irq_line = c->fiq_line = false;
	mmu_context_changed(c);
}

static bool irq(void)
{
	c->irq_line = true;
	return hyp_check_interrupts(c);
}

static bool fiq(void)
{
	c->fiq_line = true;
	return hyp_check_interrupts(c);
}

/* ---- physical IRQ ---- */

START_TEST(irq_secure_to_irq_mode)
{
	state(MODE_SVC, 0, CPSR_F, 0);
	uint32_t old = c->cpsr;
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_IRQ);
	ck_assert_uint_eq(c->r[15], VBAR_S + 0x18);
	ck_assert_uint_eq(c->r[14], PC + 4); /* Table B1-7: IRQ +4 */
	ck_assert_uint_eq(c->bank_spsr[BANK_IRQ], old);
	/* I and A set, F kept (TakePhysicalIRQException) */
	ck_assert_uint_eq(c->cpsr & (CPSR_A | CPSR_I | CPSR_F),
			  CPSR_A | CPSR_I | CPSR_F);
	ck_assert_uint_eq(c->cp15.hsr, 0x12345678u);
}
END_TEST

START_TEST(irq_secure_masked)
{
	state(MODE_SVC, 0, CPSR_I, 0);
	ck_assert(!irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_SVC);
	ck_assert_uint_eq(c->r[15], PC);
}
END_TEST

START_TEST(irq_thumb_lr)
{
	state(MODE_SVC, SCR_NS, 0, 0);
	c->cpsr |= CPSR_T;
	c->r[15] = PC + 2;
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_IRQ);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x18);
	ck_assert_uint_eq(c->r[14], PC + 6);
	ck_assert(c->bank_spsr[BANK_IRQ] & CPSR_T);
	ck_assert(!(c->cpsr & CPSR_T)); /* SCTLR.TE = 0 */
}
END_TEST

START_TEST(irq_scr_irq_to_monitor)
{
	state(MODE_SVC, SCR_IRQ, 0, 0);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	ck_assert_uint_eq(c->r[15], MVBAR + 0x18);
	ck_assert_uint_eq(c->r[14], PC + 4);
	ck_assert_uint_eq(c->cpsr & (CPSR_A | CPSR_I | CPSR_F),
			  CPSR_A | CPSR_I | CPSR_F);
}
END_TEST

START_TEST(irq_ns_to_monitor_masked_by_i)
{
	/* From Non-secure state CPSR.I masks an IRQ routed to Monitor... */
	state(MODE_SVC, SCR_NS | SCR_IRQ, CPSR_I, 0);
	ck_assert(!irq());
	/* ...unless HCR.IMO, below Hyp, leaves CPSR.I to virtual IRQs. */
	state(MODE_SVC, SCR_NS | SCR_IRQ | SCR_HCE, CPSR_I, HCR_IMO);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, SCR_NS); /* not from Monitor */
}
END_TEST

START_TEST(irq_imo_to_hyp_unmaskable)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, CPSR_A | CPSR_I | CPSR_F, HCR_IMO);
	uint32_t old = c->cpsr;
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x18); /* not the trap vector */
	ck_assert_uint_eq(c->elr_hyp, PC);          /* no offset in Hyp */
	ck_assert_uint_eq(c->bank_spsr[BANK_HYP], old);
	ck_assert_uint_eq(c->cp15.hsr, 0x12345678u); /* HSR not written */
}
END_TEST

START_TEST(irq_imo_from_usr)
{
	state(MODE_USR, SCR_NS | SCR_HCE, 0, HCR_IMO);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x18);
}
END_TEST

START_TEST(irq_tge_acts_as_imo)
{
	/* TGE with IMO clear is UNPREDICTABLE: hypsim routes as with IMO. */
	state(MODE_USR, SCR_NS | SCR_HCE, CPSR_I, HCR_TGE);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
}
END_TEST

START_TEST(irq_ns_no_imo_to_ns_irq_mode)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, 0);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_IRQ);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x18);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, SCR_NS);
	/* and masked there by CPSR.I */
	state(MODE_SVC, SCR_NS | SCR_HCE, CPSR_I, 0);
	ck_assert(!irq());
}
END_TEST

START_TEST(irq_in_hyp)
{
	/* Not routed to Hyp: the target is PL1, below Hyp: stays pending. */
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, 0);
	ck_assert(!irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	/* Routed to Hyp: masked by CPSR.I in Hyp. */
	state(MODE_HYP, SCR_NS | SCR_HCE, CPSR_I, HCR_IMO);
	ck_assert(!irq());
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, HCR_IMO);
	ck_assert(irq());
	ck_assert_uint_eq(c->r[15], HVBAR + 0x18);
	ck_assert_uint_eq(c->elr_hyp, PC);
	ck_assert(c->cpsr & CPSR_I);
}
END_TEST

START_TEST(irq_hyp_entry_keeps_monitor_routed_masks)
{
	/* EnterHypMode sets CPSR.I/F/A only when SCR does not route that
	 * class to Monitor. */
	state(MODE_SVC, SCR_NS | SCR_HCE | SCR_FIQ | SCR_EA, 0, HCR_IMO);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->cpsr & (CPSR_A | CPSR_I | CPSR_F), CPSR_I);
}
END_TEST

START_TEST(irq_from_monitor_clears_ns)
{
	state(MODE_MON, SCR_NS, 0, 0);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_IRQ);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, 0);
	ck_assert_uint_eq(c->r[15], VBAR_S + 0x18);
}
END_TEST

/* ---- physical FIQ ---- */

START_TEST(fiq_to_monitor_and_fw)
{
	/* Routed to Monitor from Non-secure state: CPSR.F masks it only when
	 * SCR.FW lets Non-secure software own it. */
	state(MODE_SVC, SCR_NS | SCR_FIQ, CPSR_F, 0);
	ck_assert(fiq());
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	ck_assert_uint_eq(c->r[15], MVBAR + 0x1c);
	ck_assert_uint_eq(c->r[14], PC + 4);
	state(MODE_SVC, SCR_NS | SCR_FIQ | SCR_FW, CPSR_F, 0);
	ck_assert(!fiq());
	state(MODE_SVC, SCR_NS | SCR_FIQ | SCR_FW, CPSR_F, HCR_FMO);
	ck_assert(fiq());
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	/* Secure state: CPSR.F masks. */
	state(MODE_SVC, SCR_FIQ, CPSR_F, 0);
	ck_assert(!fiq());
}
END_TEST

START_TEST(fiq_fmo_to_hyp)
{
	state(MODE_ABT, SCR_NS | SCR_HCE, CPSR_F, HCR_FMO);
	ck_assert(fiq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x1c);
	ck_assert_uint_eq(c->elr_hyp, PC);
}
END_TEST

START_TEST(fiq_pl1_entry)
{
	state(MODE_SVC, 0, 0, 0);
	ck_assert(fiq());
	ck_assert_uint_eq(cpu_mode(c), MODE_FIQ);
	ck_assert_uint_eq(c->r[15], VBAR_S + 0x1c);
	ck_assert_uint_eq(c->r[14], PC + 4);
	ck_assert_uint_eq(c->cpsr & (CPSR_A | CPSR_I | CPSR_F),
			  CPSR_A | CPSR_I | CPSR_F);
}
END_TEST

START_TEST(fiq_before_irq)
{
	state(MODE_SVC, 0, 0, 0);
	c->irq_line = true;
	ck_assert(fiq());
	ck_assert_uint_eq(cpu_mode(c), MODE_FIQ);
}
END_TEST

/* ---- virtual interrupts ---- */

START_TEST(virq_needs_imo)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VI);
	ck_assert(!hyp_check_interrupts(c));
	ck_assert(!hyp_interrupt_pending(c));
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VI | HCR_IMO);
	ck_assert(hyp_interrupt_pending(c));
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_IRQ);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x18);
	ck_assert_uint_eq(c->r[14], PC + 4);
	/* HCR.VI stays set: the hypervisor clears it */
	ck_assert(c->cp15.hcr & HCR_VI);
}
END_TEST

START_TEST(virq_masked_but_wakes)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, CPSR_I, HCR_VI | HCR_IMO);
	ck_assert(!hyp_check_interrupts(c));
	ck_assert(hyp_interrupt_pending(c)); /* WFI wakes, B1.8.13 */
}
END_TEST

START_TEST(virq_not_in_hyp_secure_or_tge)
{
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, HCR_VI | HCR_IMO);
	ck_assert(!hyp_check_interrupts(c));
	ck_assert(!hyp_interrupt_pending(c));
	state(MODE_SVC, 0, 0, HCR_VI | HCR_IMO);
	ck_assert(!hyp_check_interrupts(c));
	state(MODE_USR, SCR_NS | SCR_HCE, 0, HCR_VI | HCR_IMO | HCR_TGE);
	ck_assert(!hyp_check_interrupts(c));
}
END_TEST

START_TEST(vfiq_and_vabt)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VF | HCR_FMO);
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_FIQ);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x1c);
	ck_assert_uint_eq(c->r[14], PC + 4);

	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VA | HCR_AMO);
	c->cp15.ttbcr[1] = 0;
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x10);
	ck_assert_uint_eq(c->r[14], PC + 8);
	ck_assert_uint_eq(c->cp15.dfsr[1], 0x406u); /* async external */
	ck_assert(!(c->cp15.hcr & HCR_VA));          /* cleared when taken */
	ck_assert(!(c->cpsr & CPSR_F));

	/* long-descriptor DFSR when TTBCR.EAE */
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VA | HCR_AMO);
	c->cp15.ttbcr[1] = 1u << 31;
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(c->cp15.dfsr[1], 0x211u);
}
END_TEST

START_TEST(virtual_priority)
{
	uint32_t all = HCR_VA | HCR_VF | HCR_VI | HCR_AMO | HCR_FMO | HCR_IMO;
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, all);
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, all & ~HCR_VA);
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_FIQ);
	/* a physical IRQ routed to Hyp comes before the virtual IRQ */
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_VI | HCR_IMO);
	ck_assert(irq());
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
}
END_TEST

START_TEST(wfi_wakes_on_masked_physical)
{
	state(MODE_HYP, SCR_NS | SCR_HCE, CPSR_I, 0);
	c->irq_line = true;
	ck_assert(hyp_interrupt_pending(c));
	ck_assert(!hyp_check_interrupts(c));
}
END_TEST

/* ---- HVC, SMC, BKPT, Monitor ---- */

START_TEST(hvc_undefined_cases)
{
	/* Secure state */
	state(MODE_SVC, SCR_HCE, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 1), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	ck_assert_uint_eq(c->r[15], VBAR_S + 4);
	/* Non-secure User mode */
	state(MODE_USR, SCR_NS | SCR_HCE, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 1), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	ck_assert_uint_eq(c->r[14], PC + 4);
	/* SCR.HCE = 0 at Non-secure PL1 */
	state(MODE_SVC, SCR_NS, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 1), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	/* SCR.HCE = 0 in Hyp (UNPREDICTABLE: UNDEFINED to Hyp vector +4) */
	state(MODE_HYP, SCR_NS, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 1), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 4);
	ck_assert_uint_eq(c->elr_hyp, PC);
	ck_assert_uint_eq(c->cp15.hsr, 0);
}
END_TEST

START_TEST(hvc_taken)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 0xabcd), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x14);
	ck_assert_uint_eq(c->elr_hyp, PC + 4);
	ck_assert_uint_eq(c->cp15.hsr, 0x4a00abcdu);
	/* in Hyp: vector 0x08 */
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, 0);
	ck_assert_int_eq(cpu_hvc(c, 7), EXEC_EXCEPTION);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x08);
	ck_assert_uint_eq(c->elr_hyp, PC + 4);
}
END_TEST

START_TEST(smc_cases)
{
	/* User mode: UNDEFINED, even with HCR.TSC */
	state(MODE_USR, SCR_NS | SCR_HCE, 0, HCR_TSC);
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	/* HCR.TSC traps before SCR.SCD: EC 0x13, ELR_hyp = the SMC */
	state(MODE_SVC, SCR_NS | SCR_HCE | SCR_SCD, 0, HCR_TSC);
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x14);
	ck_assert_uint_eq(c->elr_hyp, PC);
	ck_assert_uint_eq(c->cp15.hsr, 0x4e000000u);
	/* SCR.SCD without the trap: UNDEFINED in Non-secure state */
	state(MODE_SVC, SCR_NS | SCR_HCE | SCR_SCD, 0, 0);
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 4);
	/* Hyp mode is not trapped by TSC: to Monitor, SCR.NS kept */
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, HCR_TSC);
	uint32_t old = c->cpsr;
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	ck_assert_uint_eq(c->r[15], MVBAR + 8);
	ck_assert_uint_eq(c->r[14], PC + 4);
	ck_assert_uint_eq(c->bank_spsr[BANK_MON], old);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, SCR_NS);
	/* From Monitor with SCR.NS = 1: SCR.NS cleared */
	state(MODE_MON, SCR_NS, 0, 0);
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, 0);
}
END_TEST

START_TEST(smc_thumb_it_advance)
{
	state(MODE_SVC, 0, 0, 0);
	c->cpsr |= CPSR_T;
	cpu_set_itstate(c, 0x08); /* "IT EQ": SMCEQ is the last in the block */
	ck_assert_int_eq(cpu_smc(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_MON);
	ck_assert_uint_eq(c->bank_spsr[BANK_MON] & CPSR_IT_MASK, 0);
	ck_assert(c->bank_spsr[BANK_MON] & CPSR_T);
	ck_assert_uint_eq(c->r[14], PC + 4);
}
END_TEST

START_TEST(undef_from_monitor_clears_ns)
{
	state(MODE_MON, SCR_NS, 0, 0);
	c->cp15.sctlr[0] |= SCTLR_TE; /* Secure SCTLR decides the state */
	ck_assert_int_eq(cpu_undefined(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	ck_assert_uint_eq(c->cp15.scr & SCR_NS, 0);
	ck_assert_uint_eq(c->r[15], VBAR_S + 4);
	ck_assert(c->cpsr & CPSR_T);
	ck_assert_uint_eq(c->r[14], PC + 4);
}
END_TEST

START_TEST(bkpt_with_tde_to_hyp)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, 0);
	c->cp15.hdcr = 1u << 8; /* TDE */
	c->cp15.hifar = 0x5555u;
	ck_assert_int_eq(cpu_bkpt(c, 0), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x14);
	ck_assert_uint_eq(c->elr_hyp, PC);
	ck_assert_uint_eq(c->cp15.hsr, (0x20u << 26) | 0x22u);
	ck_assert_uint_eq(c->cp15.hifar, 0); /* UNKNOWN: written as 0 */
	/* without TDE: the guest Prefetch Abort, LR +4 */
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, 0);
	c->cp15.hdcr = 0;
	ck_assert_int_eq(cpu_bkpt(c, 0), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->r[15], VBAR_NS + 0x0c);
	ck_assert_uint_eq(c->r[14], PC + 4);
	/* in Hyp: the Hyp Prefetch Abort vector, EC 0x21 */
	state(MODE_HYP, SCR_NS | SCR_HCE, 0, 0);
	c->cp15.hdcr = 1u << 8;
	ck_assert_int_eq(cpu_bkpt(c, 0), EXEC_EXCEPTION);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x0c);
	ck_assert_uint_eq(c->cp15.hsr, (0x21u << 26) | 0x22u);
}
END_TEST

START_TEST(tge_translation_fault_stays_with_guest)
{
	/* TGE routes only alignment faults and external aborts of PL0; a
	 * stage-1 translation fault is the guest's. */
	state(MODE_USR, SCR_NS | SCR_HCE, 0, HCR_TGE | HCR_IMO | HCR_FMO |
						  HCR_AMO);
	struct mmu_fault f = {.type = FAULT_TRANSLATION, .level = 1};
	ck_assert_int_eq(hyp_data_abort(c, 0x1000, &f, false, 4, 0),
			 EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->r[14], PC + 8);
	state(MODE_USR, SCR_NS | SCR_HCE, 0, HCR_TGE | HCR_IMO | HCR_FMO |
						  HCR_AMO);
	struct mmu_fault a = {.type = FAULT_ALIGNMENT};
	ck_assert_int_eq(hyp_data_abort(c, 0x1001, &a, true, 4, 0),
			 EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], HVBAR + 0x14);
	ck_assert_uint_eq(c->cp15.hsr, (0x24u << 26) | (1u << 6) | 0x21u);
	ck_assert_uint_eq(c->cp15.hdfar, 0x1001);
}
END_TEST

START_TEST(eret_forms)
{
	state(MODE_HYP, SCR_NS | SCR_HCE, CPSR_A | CPSR_I | CPSR_F, 0);
	c->elr_hyp = 0x40002001u;
	c->bank_spsr[BANK_HYP] = MODE_SVC | CPSR_T | CPSR_Z;
	ck_assert_int_eq(cpu_eret(c), EXEC_OK);
	ck_assert_uint_eq(cpu_mode(c), MODE_SVC);
	ck_assert_uint_eq(c->r[15], 0x40002000u);
	ck_assert(c->cpsr & CPSR_T);
	ck_assert(c->cpsr & CPSR_Z);
	/* in a PL1 mode: SUBS PC, LR, #0 */
	state(MODE_ABT, SCR_NS | SCR_HCE, 0, 0);
	c->r[14] = 0x40003000u;
	c->bank_spsr[BANK_ABT] = MODE_USR;
	ck_assert_int_eq(cpu_eret(c), EXEC_OK);
	ck_assert_uint_eq(cpu_mode(c), MODE_USR);
	ck_assert_uint_eq(c->r[15], 0x40003000u);
	/* in User mode: UNDEFINED */
	ck_assert_int_eq(cpu_eret(c), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
}
END_TEST

static Suite *hyp_exception_suite(void)
{
	Suite *s = suite_create("hyp_exception");
	TCase *t = tcase_create("irq");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, irq_secure_to_irq_mode);
	tcase_add_test(t, irq_secure_masked);
	tcase_add_test(t, irq_thumb_lr);
	tcase_add_test(t, irq_scr_irq_to_monitor);
	tcase_add_test(t, irq_ns_to_monitor_masked_by_i);
	tcase_add_test(t, irq_imo_to_hyp_unmaskable);
	tcase_add_test(t, irq_imo_from_usr);
	tcase_add_test(t, irq_tge_acts_as_imo);
	tcase_add_test(t, irq_ns_no_imo_to_ns_irq_mode);
	tcase_add_test(t, irq_in_hyp);
	tcase_add_test(t, irq_hyp_entry_keeps_monitor_routed_masks);
	tcase_add_test(t, irq_from_monitor_clears_ns);
	suite_add_tcase(s, t);

	t = tcase_create("fiq");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, fiq_to_monitor_and_fw);
	tcase_add_test(t, fiq_fmo_to_hyp);
	tcase_add_test(t, fiq_pl1_entry);
	tcase_add_test(t, fiq_before_irq);
	suite_add_tcase(s, t);

	t = tcase_create("virtual");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, virq_needs_imo);
	tcase_add_test(t, virq_masked_but_wakes);
	tcase_add_test(t, virq_not_in_hyp_secure_or_tge);
	tcase_add_test(t, vfiq_and_vabt);
	tcase_add_test(t, virtual_priority);
	tcase_add_test(t, wfi_wakes_on_masked_physical);
	suite_add_tcase(s, t);

	t = tcase_create("instructions");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, hvc_undefined_cases);
	tcase_add_test(t, hvc_taken);
	tcase_add_test(t, smc_cases);
	tcase_add_test(t, smc_thumb_it_advance);
	tcase_add_test(t, undef_from_monitor_clears_ns);
	tcase_add_test(t, bkpt_with_tde_to_hyp);
	tcase_add_test(t, tge_translation_fault_stays_with_guest);
	tcase_add_test(t, eret_forms);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(hyp_exception_suite)
