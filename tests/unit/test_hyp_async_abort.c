/* Physical asynchronous aborts (src/hyp/exception.c take_async_abort,
 * async_abort_taken; src/cpu/memory.c): the routing and masking corners
 * the test images do not all reach — SCR.EA with and without SCR.AW from
 * each security state and from Hyp mode, HCR.AMO against SCR.EA, HCR.TGE,
 * Secure state ignoring the HCR (ARM DDI 0406C B1.8.6, B1.9
 * TakeDataAbortException, B4.1.129 SCR, B4.1.65 HCR) — and the memory
 * side: a store to nothing leaves the abort pending, a load and a Store
 * Exclusive abort synchronously, a model without the property aborts
 * stores synchronously.
 *
 * Each test uses core 0 of a `bare` machine (RAM at 0x40000000, 1 MiB; a
 * physical address at 0x50000000 has nothing behind it). */
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
#define NOWHERE 0x50000000u

/* HSR for an asynchronous external abort: EC 0x24 (from a lower mode) or
 * 0x25 (taken in Hyp), IL 0, ISS DFSC 0b010001 (B3.13.6). */
#define HSR_ASYNC_LOWER 0x90000011u
#define HSR_ASYNC_HYP 0x94000011u

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
	/* known values, to see what an entry writes and what it leaves */
	c->cp15.hsr = 0x12345678u;
	c->cp15.hdfar = 0x4dfa4dfau;
	c->cp15.dfar[0] = 0x5dfa5dfau;
	c->cp15.dfar[1] = 0x6dfa6dfau;
	c->cp15.dfsr[0] = c->cp15.dfsr[1] = 0xffffu;
}

static void teardown(void)
{
	machine_destroy(&tm);
}

/* Core in `mode` with SCR, CPSR masks and HCR; one physical asynchronous
 * abort pending; flags N and C set to see them in the SPSR. */
static void state(unsigned mode, uint32_t scr, uint32_t masks, uint32_t hcr)
{
	c->cp15.scr = scr;
	c->cp15.hcr = hcr;
	cpu_set_mode(c, mode);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | masks | CPSR_N | CPSR_C;
	c->r[15] = PC;
	c->insn_size = 4;
	c->irq_line = c->fiq_line = false;
	c->async_abort_pending = true;
	mmu_context_changed(c);
}

/* Not taken: still pending, nothing changed, and it still wakes a WFI. */
static void assert_held(unsigned mode)
{
	ck_assert(!hyp_check_interrupts(c));
	ck_assert(c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), mode);
	ck_assert_uint_eq(c->r[15], PC);
	ck_assert(hyp_interrupt_pending(c));
}

static void assert_taken_pl1(unsigned mode, uint32_t vector, unsigned bank,
			     uint32_t dfsr, uint32_t old_mode)
{
	ck_assert(hyp_check_interrupts(c));
	ck_assert(!c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), mode);
	ck_assert_uint_eq(c->r[15], vector);
	ck_assert_uint_eq(c->r[14], PC + 8); /* B1.8.3 Table B1-7 */
	ck_assert_uint_eq(c->bank_spsr[cpu_bank_of(mode)] & CPSR_M_MASK,
			  old_mode);
	ck_assert_uint_eq(c->cp15.dfsr[bank], dfsr);
	ck_assert_uint_eq(c->cp15.dfsr[bank ^ 1], 0xffffu);
	/* DFAR UNKNOWN: left as it was, both banks */
	ck_assert_uint_eq(c->cp15.dfar[0], 0x5dfa5dfau);
	ck_assert_uint_eq(c->cp15.dfar[1], 0x6dfa6dfau);
	ck_assert_uint_eq(c->cp15.hsr, 0x12345678u);
	ck_assert(c->cpsr & CPSR_A);
	ck_assert(c->cpsr & CPSR_I);
}

static void assert_taken_hyp(uint32_t vector, uint32_t hsr, uint32_t old)
{
	ck_assert(hyp_check_interrupts(c));
	ck_assert(!c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->r[15], vector);
	ck_assert_uint_eq(c->elr_hyp, PC); /* no offset on Hyp entry */
	ck_assert_uint_eq(c->bank_spsr[BANK_HYP], old);
	ck_assert_uint_eq(c->cp15.hsr, hsr);
	ck_assert_uint_eq(c->cp15.hdfar, 0x4dfa4dfau); /* UNKNOWN: unchanged */
	ck_assert_uint_eq(c->cp15.dfsr[0], 0xffffu);
	ck_assert_uint_eq(c->cp15.dfsr[1], 0xffffu);
	/* SCR.EA = 0 here, so Hyp entry sets A (and I, F) */
	ck_assert_uint_eq(c->cpsr & (CPSR_A | CPSR_I | CPSR_F),
			  CPSR_A | CPSR_I | CPSR_F);
}

/* ---- SCR.EA = 0 ---- */

START_TEST(secure_abort_mode_masked_by_a)
{
	state(MODE_SVC, 0, CPSR_A, 0);
	assert_held(MODE_SVC);
	c->cpsr &= ~CPSR_A;
	assert_taken_pl1(MODE_ABT, VBAR_S + 0x10, 0, 0x406u, MODE_SVC);
	/* an Abort-mode entry leaves F alone */
	ck_assert(!(c->cpsr & CPSR_F));
}
END_TEST

START_TEST(secure_ignores_hcr_amo)
{
	/* Secure state: the HCR has no effect, CPSR.A still masks */
	state(MODE_SVC, 0, CPSR_A, HCR_AMO | HCR_TGE);
	assert_held(MODE_SVC);
}
END_TEST

START_TEST(nonsecure_abort_mode_long_format)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, CPSR_A, 0);
	assert_held(MODE_SVC);
	c->cpsr &= ~CPSR_A;
	c->cp15.ttbcr[1] = 1u << 31; /* EAE: long-descriptor DFSR */
	assert_taken_pl1(MODE_ABT, VBAR_NS + 0x10, 1, 0x211u, MODE_SVC);
}
END_TEST

START_TEST(amo_to_hyp_unmasked)
{
	/* HCR.AMO: CPSR.A masks only virtual aborts at NS PL1/PL0, and the
	 * physical one goes to the Hyp Trap vector with EC 0x24 */
	state(MODE_SVC, SCR_NS | SCR_HCE, CPSR_A | CPSR_I | CPSR_F, HCR_AMO);
	uint32_t old = c->cpsr;
	assert_taken_hyp(HVBAR + 0x14, HSR_ASYNC_LOWER, old);
	/* from User mode too */
	state(MODE_USR, SCR_NS | SCR_HCE, CPSR_A, HCR_AMO);
	old = c->cpsr;
	assert_taken_hyp(HVBAR + 0x14, HSR_ASYNC_LOWER, old);
}
END_TEST

START_TEST(tge_routes_like_amo)
{
	/* HCR.TGE with AMO clear is UNPREDICTABLE (B4.1.65); hypsim treats
	 * AMO as set (effective_hcr), as ARMv8 made architectural */
	state(MODE_USR, SCR_NS | SCR_HCE, CPSR_A, HCR_TGE);
	uint32_t old = c->cpsr;
	assert_taken_hyp(HVBAR + 0x14, HSR_ASYNC_LOWER, old);
}
END_TEST

START_TEST(hyp_mode_stays_in_hyp)
{
	/* In Hyp mode the abort is taken in Hyp (HVBAR + 0x10, EC 0x25)
	 * whatever HCR.AMO says, masked by CPSR.A */
	state(MODE_HYP, SCR_NS | SCR_HCE, CPSR_A, 0);
	assert_held(MODE_HYP);
	state(MODE_HYP, SCR_NS | SCR_HCE, CPSR_A, HCR_AMO);
	assert_held(MODE_HYP);
	c->cpsr &= ~CPSR_A;
	uint32_t old = c->cpsr;
	assert_taken_hyp(HVBAR + 0x10, HSR_ASYNC_HYP, old);
}
END_TEST

/* ---- SCR.EA = 1: Monitor mode ---- */

START_TEST(ea_secure_masked_by_a)
{
	state(MODE_SVC, SCR_EA, CPSR_A, 0);
	assert_held(MODE_SVC);
	c->cpsr &= ~CPSR_A;
	assert_taken_pl1(MODE_MON, MVBAR + 0x10, 0, 0x406u, MODE_SVC);
	ck_assert(c->cpsr & CPSR_F); /* Monitor entry sets F too */
}
END_TEST

START_TEST(ea_nonsecure_aw_clear_unmaskable)
{
	/* SCR.AW = 0: CPSR.A cannot mask an abort routed to Monitor in
	 * Non-secure state; the Secure DFSR is written; SCR.NS stays 1 */
	state(MODE_SVC, SCR_NS | SCR_EA | SCR_HCE, CPSR_A, 0);
	assert_taken_pl1(MODE_MON, MVBAR + 0x10, 0, 0x406u, MODE_SVC);
	ck_assert(c->cp15.scr & SCR_NS);
	/* also from Hyp mode */
	c->cp15.dfsr[0] = 0xffffu;
	state(MODE_HYP, SCR_NS | SCR_EA | SCR_HCE, CPSR_A, 0);
	assert_taken_pl1(MODE_MON, MVBAR + 0x10, 0, 0x406u, MODE_HYP);
}
END_TEST

START_TEST(ea_nonsecure_aw_set_masked_by_a)
{
	state(MODE_SVC, SCR_NS | SCR_EA | SCR_AW | SCR_HCE, CPSR_A, 0);
	assert_held(MODE_SVC);
	state(MODE_HYP, SCR_NS | SCR_EA | SCR_AW | SCR_HCE, CPSR_A, HCR_AMO);
	assert_held(MODE_HYP); /* AMO does not unmask in Hyp itself */
	c->cpsr &= ~CPSR_A;
	c->cp15.ttbcr[0] = 1u << 31; /* the Secure bank's format */
	assert_taken_pl1(MODE_MON, MVBAR + 0x10, 0, 0x211u, MODE_HYP);
}
END_TEST

START_TEST(ea_wins_over_amo)
{
	/* SCR.EA routes to Monitor before HCR.AMO routes to Hyp; with AMO
	 * the abort is not masked at NS PL1 even with SCR.AW = 1 */
	state(MODE_SVC, SCR_NS | SCR_EA | SCR_AW | SCR_HCE, CPSR_A, HCR_AMO);
	assert_taken_pl1(MODE_MON, MVBAR + 0x10, 0, 0x406u, MODE_SVC);
	ck_assert_uint_eq(c->cp15.hsr, 0x12345678u);
}
END_TEST

/* ---- priority, WFI ---- */

START_TEST(physical_before_virtual_abort)
{
	state(MODE_SVC, SCR_NS | SCR_HCE, 0, HCR_AMO | HCR_VA);
	ck_assert(hyp_check_interrupts(c));
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_uint_eq(c->cp15.hsr, HSR_ASYNC_LOWER);
	ck_assert(c->cp15.hcr & HCR_VA); /* the virtual one stays pending */
}
END_TEST

START_TEST(wfi_completes_when_masked)
{
	state(MODE_SVC, 0, CPSR_A, 0);
	c->insn = 0xe320f003u; /* WFI */
	ck_assert_int_eq(cpu_wfi(c), EXEC_OK);
	ck_assert(c->async_abort_pending);
}
END_TEST

/* ---- the memory side ---- */

START_TEST(store_to_nothing_is_pending)
{
	state(MODE_SVC, 0, CPSR_A, 0);
	c->async_abort_pending = false;
	/* MMU off: VA = PA, Strongly-ordered */
	ck_assert(cpu_write(c, NOWHERE, 4, 0x1234u, 0));
	ck_assert(c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), MODE_SVC);
	ck_assert_uint_eq(c->cp15.dfsr[0], 0xffffu);
	/* a load aborts synchronously */
	c->async_abort_pending = false;
	uint32_t v;
	ck_assert(!cpu_read(c, NOWHERE, 4, &v, 0));
	ck_assert(!c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->cp15.dfsr[0], 0x008u);
	ck_assert_uint_eq(c->cp15.dfar[0], NOWHERE);
}
END_TEST

START_TEST(store_exclusive_is_synchronous)
{
	state(MODE_SVC, 0, CPSR_A, 0);
	c->async_abort_pending = false;
	c->excl.open = true;
	c->excl.pa = NOWHERE;
	c->excl.size = 4;
	if (c->group && c->group->global)
		c->group->global[c->index] = c->excl;
	uint32_t status = 7;
	ck_assert(!cpu_store_exclusive(c, NOWHERE, 4, 1, &status));
	ck_assert(!c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->cp15.dfsr[0], 0x808u); /* WnR, sync external */
}
END_TEST

START_TEST(model_without_async_stores)
{
	struct core_model m = cortex_a15_model;
	m.async_store_aborts = false;
	c->model = &m;
	state(MODE_SVC, 0, CPSR_A, 0);
	c->async_abort_pending = false;
	ck_assert(!cpu_write(c, NOWHERE, 4, 0x1234u, 0));
	ck_assert(!c->async_abort_pending);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	ck_assert_uint_eq(c->cp15.dfsr[0], 0x808u);
	c->model = &cortex_a15_model;
	/* both shipped models report store errors asynchronously */
	ck_assert(cortex_a15_model.async_store_aborts);
	ck_assert(cortex_a7_model.async_store_aborts);
}
END_TEST

static Suite *hyp_async_abort_suite(void)
{
	Suite *s = suite_create("hyp_async_abort");
	TCase *t = tcase_create("async_abort");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, secure_abort_mode_masked_by_a);
	tcase_add_test(t, secure_ignores_hcr_amo);
	tcase_add_test(t, nonsecure_abort_mode_long_format);
	tcase_add_test(t, amo_to_hyp_unmasked);
	tcase_add_test(t, tge_routes_like_amo);
	tcase_add_test(t, hyp_mode_stays_in_hyp);
	tcase_add_test(t, ea_secure_masked_by_a);
	tcase_add_test(t, ea_nonsecure_aw_clear_unmaskable);
	tcase_add_test(t, ea_nonsecure_aw_set_masked_by_a);
	tcase_add_test(t, ea_wins_over_amo);
	tcase_add_test(t, physical_before_virtual_abort);
	tcase_add_test(t, wfi_completes_when_masked);
	tcase_add_test(t, store_to_nothing_is_pending);
	tcase_add_test(t, store_exclusive_is_synchronous);
	tcase_add_test(t, model_without_async_stores);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(hyp_async_abort_suite)
