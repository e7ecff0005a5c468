/* A32 decoder corner cases (src/cpu/a32*.c): UNDEFINED encodings, the
 * documented choices for UNPREDICTABLE encodings (the U-list at the top of
 * a32.c), a few semantics the test images cannot reach (aborted LDM/STR
 * leave the registers alone, exception-return forms per mode, PLD to
 * nowhere), and a random-encoding run that must never crash.
 *
 * Each test executes single encodings with a32_execute() on core 0 of a
 * `bare` machine (RAM at 0x40000000, Non-secure SVC entry), doing what the
 * step loop does around it. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00100000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)

static struct machine tm;
static struct cpu *c;

static void setup_entry(enum entry_state entry)
{
	unit_machine(&tm, &cortex_a15_model, 1, RAM_BASE,
		     RAM_SIZE, entry, CODE);
	c = &tm.cpus[0];
	for (unsigned i = 0; i < 15; i++)
		c->r[i] = DATA + 0x100 * i;
}

static void setup(void)
{
	setup_entry(ENTRY_SVC);
}

static void setup_hyp(void)
{
	setup_entry(ENTRY_HYP);
}

static void teardown(void)
{
	machine_destroy(&tm);
}

/* What cpu_step does around a32_execute. */
static enum exec_result exec(uint32_t insn)
{
	uint32_t pc = c->r[15];
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	enum exec_result r = a32_execute(c, insn);
	if ((r == EXEC_OK || r == EXEC_WAIT) && !c->pc_written)
		c->r[15] = pc + 4;
	return r;
}

static void wr32(uint32_t pa, uint32_t v)
{
	ck_assert(bus_write(&tm.bus, pa, 4, v, NULL));
}

static uint32_t rd32(uint32_t pa)
{
	uint64_t v = 0;
	ck_assert(bus_read(&tm.bus, pa, 4, &v, NULL));
	return (uint32_t)v;
}

/* Back to SVC mode at CODE for the next encoding of a table. */
static void back_to_svc(void)
{
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F;
	c->r[15] = CODE;
	for (unsigned i = 0; i < 15; i++)
		c->r[i] = DATA + 0x100 * i;
}

static void assert_undef(uint32_t insn)
{
	back_to_svc();
	enum exec_result r = exec(insn);
	ck_assert_msg(r == EXEC_EXCEPTION && cpu_mode(c) == MODE_UND,
		      "%08x: result %d mode %02x, expected UNDEFINED", insn, r,
		      cpu_mode(c));
	ck_assert_msg(c->bank_lr[BANK_UND] == CODE + 4 || c->r[14] == CODE + 4,
		      "%08x: LR_und", insn);
}

static void assert_ok(uint32_t insn)
{
	back_to_svc();
	enum exec_result r = exec(insn);
	ck_assert_msg(r == EXEC_OK && cpu_mode(c) == MODE_SVC &&
			      c->r[15] == CODE + 4,
		      "%08x: result %d mode %02x pc %08x, expected a NOP", insn,
		      r, cpu_mode(c), c->r[15]);
}

/* ---- architecturally UNDEFINED ---- */

START_TEST(test_undefined_space)
{
	static const uint32_t undef[] = {
		0xe1021091, /* SWP r1, r1, [r2]: not on these cores */
		0xe1421091, /* SWPB */
		0xe7f000f0, /* UDF */
		0xe0500091, /* UMAAL with S */
		0xe0700091, /* MLS with S */
		0xe1000070, /* HLT (ARMv8) */
		0xe1010042, /* CRC32B (ARMv8) */
		0xe1920c9f, /* LDA (ARMv8) */
		0xe182fc91, /* STL (ARMv8) */
		0xe1100091, /* sync primitives op 0001 */
		0xe6000f10, /* parallel op1 000 */
		0xe6100fb0, /* parallel op2 101 */
		0xe6900f30, /* pack op1 001 */
		0xe7200010, /* signed multiply op1 010 */
		0xe7500090, /* SMMLA op2 100 */
		0xe7900010, /* media op1 11001 */
		0xe1200010, /* misc op2 001 op 00 */
		0xe1000060, /* misc op2 110 op 00 */
		0xec000000, /* coprocessor op1 00000x */
		0xf8000000, /* unconditional 100xxxxx neither SRS nor RFE */
		0xff000000, /* unconditional 1111xxxx */
		0xf2000000, /* Advanced SIMD (no decoder yet: U24) */
		0xee000a10, /* VMOV (cp10): U24 */
		0xf7f000f0, /* unconditional permanently UNDEFINED */
	};
	for (unsigned i = 0; i < sizeof undef / sizeof undef[0]; i++)
		assert_undef(undef[i]);
}
END_TEST

/* ---- the UNPREDICTABLE choices of a32.c ---- */

START_TEST(test_unpredictable_undef)
{
	static const uint32_t undef[] = {
		0xe0810f12, /* U1 add r0, r1, r2, lsl pc */
		0xe300f000, /* U1 movw pc, #0 */
		0xe00f0291, /* U1 mul pc, r1, r2 */
		0xe16fff11, /* U1 clz pc, r1 */
		0xe5d1f000, /* U1 ldrb pc, [r1] */
		0xe191ff9f, /* U1 ldrex pc, [r1] */
		0xe12fff3f, /* U1 blx pc */
		0xe6a0f011, /* U1 ssat pc, #1, r1 */
		0xe1111002, /* U2 tst r1, r2 with Rd = 1 */
		0xe1a10002, /* U2 mov r0, r2 with Rn = 1 */
		0xe10f0001, /* U2 mrs r0, cpsr with insn[0] set */
		0xe6af0171, /* U2 sxtb r0, r1 with insn[9:8] != 0 */
		0xe12fff01 & ~0x100u, /* U2 bx r1 with a (1) bit clear */
		0xe5bf0004, /* U3 ldr r0, [pc, #4]! */
		0xe49f0004, /* U3 ldr r0, [pc], #4 */
		0xe8bf0003, /* U3 ldm pc!, {r0, r1} */
		0xe1c010d0, /* U5 ldrd r1, r2, [r0] (odd Rt) */
		0xe1c0e0d0, /* U5 ldrd lr, pc, [r0] */
		0xe0e000d4, /* U5 ldrd, P=0 W=1 */
		0xe1e000d8, /* U5 ldrd r0, r1, [r0, #8]! (wback to Rt) */
		0xe4bf0004, /* U6 ldrt r0, [pc], #4 */
		0xe4f0f004, /* U6 ldrbt pc, [r0], #4 */
		0xe8900000, /* U7 ldm r0, {} */
		0xe8e00002, /* U8 stmia r0!, {r1}^ */
		0xe8f08001, /* U8 ldmia r0!, {r0, pc}^ */
		0xe8b10003, /* U7 ldmia r1!, {r0, r1} */
		0xe7c40411, /* U12 bfi r0, r1 with msb < lsb */
		0xe7e30f51, /* U12 ubfx r0, r1, #30, #4 */
		0xe1800f91, /* U13 strex r0, r1, [r0] (Rd == Rn) */
		0xe1810f90, /* U13 strex r0, r0, [r1] (Rd == Rt) */
		0xe1b11f9f, /* U13 ldrexd r1, r2, [r1] (odd Rt) */
		0xf1040000, /* U16 cps with imod = 01 */
		0xf10c0000, /* U16 cpsid with no A/I/F */
		0xf1080093, /* U16 cpsie i with a mode but M = 0 */
		0xf96d051a, /* U17 srsdb sp!, #hyp */
		0xf96d0500, /* U17 srsdb sp!, #0 (invalid mode) */
		0xee01ff10, /* U20 mcr p15, 0, pc, c1, c0, 0 */
		0xec4f0f10, /* U20 mcrr p15, 0, r0, pc, c0 */
		0xec500f10, /* U20 mrrc p15, 1, r0, r0, c0 (Rt == Rt2) */
		0xf57ff000, /* U21 barrier option 0000 */
		0xf57ff070, /* U21 barrier option 0111 */
		0xf5bff000, /* U21 1011x11 */
		0xf51ff000, /* U21 PLDW with Rn = PC */
		0xf5d0e000, /* U2 PLD with insn[15:12] != 1111 */
	};
	for (unsigned i = 0; i < sizeof undef / sizeof undef[0]; i++)
		assert_undef(undef[i]);
}
END_TEST

START_TEST(test_unpredictable_nops)
{
	assert_ok(0xe120f000); /* U14 msr cpsr_?, r0 with mask 0000 */
	assert_ok(0xe320f000 | (1u << 22)); /* U14 msr spsr_, #0 */
	assert_ok(0xe320ff00); /* U2 NOP with insn[11:8] set */
	assert_ok(0xe320f005); /* SEVL: unallocated hint */
	assert_ok(0xf410f000); /* unallocated memory hint: NOP */
	assert_ok(0xf610f000); /* unallocated memory hint (register) */
}
END_TEST

/* U4: load with writeback and Rn == Rt keeps the loaded value. */
START_TEST(test_load_wback_same_reg)
{
	c->r[0] = DATA;
	wr32(DATA + 4, 0x12345678);
	ck_assert_int_eq(exec(0xe5b00004), EXEC_OK); /* ldr r0, [r0, #4]! */
	ck_assert_uint_eq(c->r[0], 0x12345678);
	/* STR with writeback and Rn == Rt stores the old value */
	c->r[1] = DATA + 0x20;
	ck_assert_int_eq(exec(0xe5a11004), EXEC_OK); /* str r1, [r1, #4]! */
	ck_assert_uint_eq(rd32(DATA + 0x24), DATA + 0x20);
	ck_assert_uint_eq(c->r[1], DATA + 0x24);
}
END_TEST

/* U7: STM stores the original Rn even when it is not the lowest
 * register; LDM without writeback may load its base. */
START_TEST(test_ldm_stm_base_in_list)
{
	c->r[1] = DATA;
	wr32(DATA, 0xaaaa0000);
	wr32(DATA + 4, 0xbbbb0000);
	ck_assert_int_eq(exec(0xe8910003), EXEC_OK); /* ldmia r1, {r0, r1} */
	ck_assert_uint_eq(c->r[0], 0xaaaa0000);
	ck_assert_uint_eq(c->r[1], 0xbbbb0000);
	c->r[0] = 0x1111;
	c->r[1] = DATA + 0x40;
	ck_assert_int_eq(exec(0xe8a10003), EXEC_OK); /* stmia r1!, {r0, r1} */
	ck_assert_uint_eq(rd32(DATA + 0x40), 0x1111);
	ck_assert_uint_eq(rd32(DATA + 0x44), DATA + 0x40);
	ck_assert_uint_eq(c->r[1], DATA + 0x48);
}
END_TEST

/* U10: RdHi == RdLo gets the high word; U4 for a T form. */
START_TEST(test_rdhi_rdlo_same)
{
	c->r[1] = 0x10000;
	c->r[2] = 0x30000;
	ck_assert_int_eq(exec(0xe0800291), EXEC_OK); /* umull r0, r0, r1, r2 */
	ck_assert_uint_eq(c->r[0], 3);
	c->r[0] = DATA;
	wr32(DATA, 0xfeedf00d);
	ck_assert_int_eq(exec(0xe4b00004), EXEC_OK); /* ldrt r0, [r0], #4 */
	ck_assert_uint_eq(c->r[0], 0xfeedf00d);
}
END_TEST

/* U11: SMMLS with Ra = PC computes SMMUL. */
START_TEST(test_smmls_ra_pc)
{
	c->r[1] = 0x40000000;
	c->r[2] = 0x00000008;
	/* smmls r0, r1, r2, pc: cond 0111 0101 Rd=0 Ra=15 Rm=2 1101 Rn=1 */
	ck_assert_int_eq(exec(0xe750f2d1), EXEC_OK);
	ck_assert_uint_eq(c->r[0], 2);
}
END_TEST

/* U9 / B9.3.20: SUBS PC, LR is an exception return in SVC, UNDEFINED in
 * User and System (hypsim's choice). */
START_TEST(test_subs_pc_lr)
{
	c->bank_spsr[BANK_SVC] = 0x600001d3u;
	c->r[14] = CODE + 0x104;
	ck_assert_int_eq(exec(0xe25ef004), EXEC_OK); /* subs pc, lr, #4 */
	ck_assert_uint_eq(c->r[15], CODE + 0x100);
	ck_assert_uint_eq(c->cpsr, 0x600001d3u);

	back_to_svc();
	cpu_set_mode(c, MODE_SYS);
	ck_assert_int_eq(exec(0xe25ef004), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	back_to_svc();
	cpu_set_mode(c, MODE_USR);
	ck_assert_int_eq(exec(0xe1b0f00e), EXEC_EXCEPTION); /* movs pc, lr */
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
	/* LDM^ with the PC in System mode (no SPSR): UNDEFINED */
	back_to_svc();
	cpu_set_mode(c, MODE_SYS);
	ck_assert_int_eq(exec(0xe8d08000), EXEC_EXCEPTION); /* ldm r0, {pc}^ */
	ck_assert_uint_eq(cpu_mode(c), MODE_UND);
}
END_TEST

/* In Hyp mode the exception-return forms are UNDEFINED (B9.3.20). */
START_TEST(test_hyp_exception_return_forms)
{
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP);
	ck_assert_int_eq(exec(0xe25ef004), EXEC_EXCEPTION); /* subs pc, lr */
	ck_assert_uint_eq(cpu_mode(c), MODE_HYP); /* Undef taken to Hyp */
	ck_assert_uint_ne(c->r[15], CODE + 4);
}
END_TEST

/* An aborted LDM or STR writes no register (B1.9.6 / ops.h). */
START_TEST(test_aborted_transfers)
{
	uint32_t top = RAM_BASE + RAM_SIZE - 4;
	wr32(top, 0x77777777);
	c->r[0] = top;
	c->r[1] = 0x1111;
	c->r[2] = 0x2222;
	/* ldmia r0!, {r1, r2}: second word is past the end of RAM */
	ck_assert_int_eq(exec(0xe8b00006), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	cpu_set_mode(c, MODE_SVC);
	ck_assert_uint_eq(c->r[0], top);
	ck_assert_uint_eq(c->r[1], 0x1111);
	ck_assert_uint_eq(c->r[2], 0x2222);

	/* A store past the end of RAM does not abort synchronously on these
	 * cores (core_model.async_store_aborts): it completes, writeback
	 * included, with an asynchronous abort left pending. An alignment
	 * fault (SCTLR.A) aborts the store synchronously: no writeback. */
	back_to_svc();
	c->r[0] = top;
	ck_assert_int_eq(exec(0xe5a01004), EXEC_OK); /* str r1,[r0,#4]! */
	ck_assert_uint_eq(c->r[0], top + 4);
	ck_assert(c->async_abort_pending);
	c->async_abort_pending = false;

	back_to_svc();
	unsigned bank = cpu_is_secure(c) ? 0 : 1;
	c->cp15.sctlr[bank] |= SCTLR_A;
	c->r[0] = top - 5;
	ck_assert_int_eq(exec(0xe5a01004), EXEC_EXCEPTION); /* unaligned */
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
	cpu_set_mode(c, MODE_SVC);
	c->cp15.sctlr[bank] &= ~SCTLR_A;
	ck_assert_uint_eq(c->r[0], top - 5);
}
END_TEST

/* PLD/PLI/PLDW have no effect: no access, so nothing faults. */
START_TEST(test_preload_no_access)
{
	back_to_svc();
	c->r[0] = 0x00001000; /* nothing on the bus there */
	c->r[1] = 0x100;
	ck_assert_int_eq(exec(0xf5d0f000), EXEC_OK); /* pld [r0] */
	ck_assert_int_eq(exec(0xf590f000), EXEC_OK); /* pldw [r0] */
	ck_assert_int_eq(exec(0xf4d0f000), EXEC_OK); /* pli [r0] */
	ck_assert_int_eq(exec(0xf7d0f001), EXEC_OK); /* pld [r0, r1] */
	ck_assert_uint_eq(cpu_mode(c), MODE_SVC);
}
END_TEST

/* Assorted semantics: conditions, divide by zero, BXJ, shifts by
 * register >= 32, MSR SPSR immediate. */
START_TEST(test_semantics)
{
	/* a failed condition does nothing */
	c->cpsr &= ~CPSR_Z;
	c->r[0] = 5;
	ck_assert_int_eq(exec(0x02800001), EXEC_OK); /* addeq r0, r0, #1 */
	ck_assert_uint_eq(c->r[0], 5);
	ck_assert_uint_eq(c->r[15], CODE + 4);
	/* SDIV/UDIV by zero give 0, INT_MIN / -1 gives INT_MIN */
	c->r[1] = 100;
	c->r[2] = 0;
	ck_assert_int_eq(exec(0xe710f211), EXEC_OK); /* sdiv r0, r1, r2 */
	ck_assert_uint_eq(c->r[0], 0);
	ck_assert_int_eq(exec(0xe730f211), EXEC_OK); /* udiv r0, r1, r2 */
	ck_assert_uint_eq(c->r[0], 0);
	c->r[1] = 0x80000000u;
	c->r[2] = 0xffffffffu;
	ck_assert_int_eq(exec(0xe710f211), EXEC_OK);
	ck_assert_uint_eq(c->r[0], 0x80000000u);
	/* BXJ is BX */
	c->r[3] = CODE + 0x201;
	ck_assert_int_eq(exec(0xe12fff23), EXEC_OK); /* bxj r3 */
	ck_assert(cpu_thumb(c));
	ck_assert_uint_eq(c->r[15], CODE + 0x200);
	back_to_svc();
	/* movs r0, r1, lsl r2 with r2 = 32 and 33 */
	c->r[1] = 0x80000001u;
	c->r[2] = 32;
	ck_assert_int_eq(exec(0xe1b00211), EXEC_OK);
	ck_assert_uint_eq(c->r[0], 0);
	ck_assert(c->cpsr & CPSR_C);
	ck_assert(c->cpsr & CPSR_Z);
	c->r[2] = 33;
	ck_assert_int_eq(exec(0xe1b00211), EXEC_OK);
	ck_assert(!(c->cpsr & CPSR_C));
	/* asr by 0x120 (Rs<7:0> = 0x20 = 32): sign fill, C = bit 31 */
	c->r[2] = 0x120;
	ck_assert_int_eq(exec(0xe1b00251), EXEC_OK); /* movs r0, r1, asr r2 */
	ck_assert_uint_eq(c->r[0], 0xffffffffu);
	ck_assert(c->cpsr & CPSR_C);
	/* msr spsr_fsxc, #imm writes the SPSR */
	ck_assert_int_eq(exec(0xe36ff0ff), EXEC_OK); /* msr spsr_fsxc, #0xff */
	ck_assert_uint_eq(c->bank_spsr[BANK_SVC], 0xff);
	/* HVC with a condition that fails does nothing (U18) */
	c->cpsr &= ~CPSR_Z;
	ck_assert_int_eq(exec(0x01400070), EXEC_OK); /* hvceq #0 */
	ck_assert_uint_eq(cpu_mode(c), MODE_SVC);
}
END_TEST

/* The guest can never crash the simulator: random encodings (and every
 * [27:20]:[7:4] bucket with random other bits) from random register
 * values. Every result must be one of the four, and the core must stay in
 * a valid mode. */
START_TEST(test_random_encodings)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < 400000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		uint32_t insn = (uint32_t)x;
		if (i < 4096 * 16)
			insn = (insn & 0xf00fff0fu) | ((i >> 4) & 0xff) << 20 |
			       (i & 15) << 4;
		if ((i & 1023) == 1023) { /* whatever CP15 state it made */
			machine_destroy(&tm);
			setup();
		}
		back_to_svc();
		for (unsigned r = 0; r < 15; r++)
			c->r[r] = (r & 1) ? (uint32_t)(x >> 32) : DATA + 64 * r;
		c->cpsr |= (uint32_t)(x >> 8) & 0xf80f0000u;
		c->state = CPU_RUNNING;
		enum exec_result res = exec(insn);
		ck_assert_msg(res == EXEC_OK || res == EXEC_EXCEPTION ||
				      res == EXEC_WAIT || res == EXEC_HALT,
			      "%08x", insn);
		ck_assert_msg(cpu_mode_valid(c, cpu_mode(c)), "%08x mode %x",
			      insn, cpu_mode(c));
	}
}
END_TEST

static Suite *a32_decode_suite(void)
{
	Suite *s = suite_create("a32_decode");
	TCase *tc = tcase_create("svc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_undefined_space);
	tcase_add_test(tc, test_unpredictable_undef);
	tcase_add_test(tc, test_unpredictable_nops);
	tcase_add_test(tc, test_load_wback_same_reg);
	tcase_add_test(tc, test_ldm_stm_base_in_list);
	tcase_add_test(tc, test_rdhi_rdlo_same);
	tcase_add_test(tc, test_smmls_ra_pc);
	tcase_add_test(tc, test_subs_pc_lr);
	tcase_add_test(tc, test_aborted_transfers);
	tcase_add_test(tc, test_preload_no_access);
	tcase_add_test(tc, test_semantics);
	tcase_add_test(tc, test_random_encodings);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	TCase *th = tcase_create("hyp");
	tcase_add_checked_fixture(th, setup_hyp, teardown);
	tcase_add_test(th, test_hyp_exception_return_forms);
	suite_add_tcase(s, th);
	return s;
}

CHECK_MAIN(a32_decode_suite)
