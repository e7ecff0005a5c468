/* Corner cases of the T32 decoder (src/cpu/t32*.c): IT-block rules, the
 * UNPREDICTABLE choices listed at the top of t32.c, unallocated encodings,
 * exception returns and ITSTATE, literal and PC-relative forms. Each test
 * writes a few halfwords into RAM of a one-core bare machine and steps the
 * core through cpu_step(), as the run loop does. Encodings were checked
 * with arm-none-eabi-as/objdump. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "sim/machine.h"

#define CODE 0x40000000u
#define DATA 0x40100000u

static struct machine tm;
static struct cpu *cpu;

static void setup(void)
{
	unit_machine(&tm, &cortex_a15_model, 1, 0x40000000u,
		     0x00400000u, ENTRY_SVC, CODE | 1u);
	cpu = &tm.cpus[0];
}

static void teardown(void)
{
	machine_destroy(&tm);
}

/* Write `n` halfwords at CODE, PC = CODE in Thumb state, flags = nzcv. */
static void load(const uint16_t *hw, size_t n, uint32_t nzcv)
{
	for (size_t i = 0; i < n; i++)
		ck_assert(bus_write(&tm.bus, CODE + 2 * i, 2, hw[i], NULL));
	cpu->r[15] = CODE;
	cpu->cpsr = (cpu->cpsr & ~(CPSR_NZCV | CPSR_IT_MASK)) | CPSR_T | nzcv;
}

static void w32(uint32_t pa, uint32_t v)
{
	ck_assert(bus_write(&tm.bus, pa, 4, v, NULL));
}

/* A new machine inside a test (the fixture tears the last one down). */
static void fresh(void)
{
	teardown();
	setup();
}

static enum exec_result step(void)
{
	return cpu_step(cpu);
}

/* The last step took the Undefined Instruction exception. */
static void assert_undef(enum exec_result r)
{
	ck_assert_int_eq(r, EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_UND);
	ck_assert_uint_eq(cpu->r[15], 0x4u);
}

static uint32_t spsr_of(unsigned bank)
{
	return cpu->bank_spsr[bank];
}

/* ITSTATE bits of a PSR value. */
static unsigned it_of(uint32_t psr)
{
	return ((psr >> CPSR_IT_LO_SHIFT) & 3u) |
	       (((psr >> CPSR_IT_HI_SHIFT) & 0x3fu) << 2);
}

/* ------------------------------------------------------------------ */

START_TEST(it_block_runs_and_skips)
{
	/* itt eq; moveq r0, #1; moveq r1, #2; adds r0, #1 */
	static const uint16_t code[] = { 0xbf04, 0x2001, 0x2102, 0x3001 };
	for (int z = 0; z < 2; z++) {
		load(code, 4, z ? CPSR_Z : 0);
		cpu->r[0] = 10;
		cpu->r[1] = 20;
		ck_assert_int_eq(step(), EXEC_OK);
		ck_assert_uint_eq(cpu_itstate(cpu), 0x04u);
		ck_assert_int_eq(step(), EXEC_OK);
		ck_assert_uint_eq(cpu_itstate(cpu), 0x08u);
		ck_assert_int_eq(step(), EXEC_OK);
		ck_assert_uint_eq(cpu_itstate(cpu), 0u);
		ck_assert_uint_eq(cpu->r[0], z ? 1u : 10u);
		ck_assert_uint_eq(cpu->r[1], z ? 2u : 20u);
		ck_assert_int_eq(step(), EXEC_OK); /* outside: sets flags */
		ck_assert_uint_eq(cpu->r[0], z ? 2u : 11u);
		ck_assert_uint_eq(cpu->cpsr & CPSR_Z, 0u);
		ck_assert_uint_eq(cpu->r[15], CODE + 8);
	}
}
END_TEST

START_TEST(it_16bit_no_flags_inside)
{
	/* itt eq; adds r0, #1 (no S inside); movs r0, r1 (LSL #0 form) */
	static const uint16_t code[] = { 0xbf04, 0x3001, 0x0008 };
	load(code, 3, CPSR_Z | CPSR_C);
	cpu->r[0] = 0xffffffffu;
	cpu->r[1] = 0x80000000u;
	step();
	step();
	ck_assert_uint_eq(cpu->r[0], 0u);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, CPSR_Z | CPSR_C);
	step();
	ck_assert_uint_eq(cpu->r[0], 0x80000000u);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, CPSR_Z | CPSR_C);
}
END_TEST

START_TEST(it_failed_load_is_nop)
{
	/* it ne; ldr r0, [r1] with r1 = 0 (no memory there) */
	static const uint16_t code[] = { 0xbf18, 0x6808 };
	load(code, 2, CPSR_Z);
	cpu->r[0] = 0x1234;
	cpu->r[1] = 0;
	step();
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[0], 0x1234u);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_SVC);
	ck_assert_uint_eq(cpu->r[15], CODE + 4);
	ck_assert_uint_eq(cpu_itstate(cpu), 0u);
}
END_TEST

START_TEST(it_bkpt_unconditional)
{
	/* it ne; bkpt #1: taken although NE fails (A8.8.24) */
	static const uint16_t code[] = { 0xbf18, 0xbe01 };
	load(code, 2, CPSR_Z);
	step();
	ck_assert_int_eq(step(), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_ABT);
	ck_assert_uint_eq(cpu->r[15], 0xcu);
}
END_TEST

START_TEST(it_invalid_forms_undefined)
{
	/* itt eq; it eq: IT inside IT */
	static const uint16_t nested[] = { 0xbf04, 0xbf08 };
	load(nested, 2, CPSR_Z);
	step();
	assert_undef(step());
	/* the UNDEFINED instruction's own ITSTATE is saved */
	ck_assert_uint_eq(it_of(spsr_of(BANK_UND)), 0x04u);
	ck_assert_uint_eq(cpu->r[14], CODE + 4); /* LR_und */

	static const uint16_t nv[] = { 0xbff8 }; /* firstcond 1111 */
	fresh();
	load(nv, 1, 0);
	assert_undef(step());

	static const uint16_t al_else[] = { 0xbfec }; /* ite al */
	fresh();
	load(al_else, 1, 0);
	assert_undef(step());

	static const uint16_t al_tt[] = { 0xbfe4, 0x3001, 0x3001 };
	fresh();
	load(al_tt, 3, 0);
	cpu->r[0] = 0;
	step();
	step();
	step();
	ck_assert_uint_eq(cpu->r[0], 2u);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, 0u); /* no flags in IT */
}
END_TEST

START_TEST(not_permitted_in_it)
{
	/* it eq; <insn>: UNDEFINED when the condition passes, NOP when not */
	static const uint16_t insns[][2] = {
		{ 0xb100, 0 },      /* cbz r0 */
		{ 0xd0fe, 0 },      /* beq . */
		{ 0xf43f, 0xafe1 }, /* beq.w */
		{ 0xb672, 0 },      /* cpsid i */
		{ 0xb658, 0 },      /* setend be */
		{ 0xf7e0, 0x8001 }, /* hvc #1 */
		{ 0xf3af, 0x8640 }, /* cpsid.w i (CPS T2) */
	};
	for (size_t i = 0; i < sizeof insns / sizeof insns[0]; i++) {
		uint16_t code[3] = { 0xbf08, insns[i][0], insns[i][1] };
		fresh();
		load(code, insns[i][1] ? 3 : 2, CPSR_Z);
		step();
		assert_undef(step());
		fresh();
		load(code, insns[i][1] ? 3 : 2, 0);
		step();
		ck_assert_int_eq(step(), EXEC_OK);
		ck_assert_uint_eq(cpu->r[15], CODE + 2 + (insns[i][1] ? 4 : 2));
		ck_assert_uint_eq(cpu_mode(cpu), MODE_SVC);
	}
}
END_TEST

START_TEST(svc_and_undef_save_itstate)
{
	/* itt eq; svc #9; ... : SPSR_svc holds ITSTATE advanced past the SVC */
	static const uint16_t svc[] = { 0xbf04, 0xdf09, 0x3001 };
	load(svc, 3, CPSR_Z);
	step();
	ck_assert_int_eq(step(), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_SVC);
	ck_assert_uint_eq(cpu->r[15], 0x8u);
	ck_assert_uint_eq(it_of(spsr_of(BANK_SVC)), 0x08u);
	ck_assert_uint_eq(cpu->r[14], CODE + 4);
	ck_assert_uint_eq(cpu_itstate(cpu), 0u);

	/* itt eq; udf #3: SPSR_und holds the UDF's own ITSTATE */
	static const uint16_t udf[] = { 0xbf04, 0xde03, 0x3001 };
	fresh();
	load(udf, 3, CPSR_Z);
	step();
	assert_undef(step());
	ck_assert_uint_eq(it_of(spsr_of(BANK_UND)), 0x04u);
	ck_assert_uint_eq(cpu->r[14], CODE + 4); /* LR_und */
}
END_TEST

START_TEST(exception_return_takes_itstate_from_spsr)
{
	/* it eq; subs pc, lr, #4 as the last instruction of the block: the
	 * CPSR (ITSTATE included) comes from SPSR_svc, not ITAdvance */
	static const uint16_t code[] = { 0xbf08, 0xf3de, 0x8f04 };
	uint32_t spsr = MODE_SVC | CPSR_T | CPSR_A | CPSR_I | CPSR_F | CPSR_C |
			(0x2u << CPSR_IT_LO_SHIFT) | (0x03u << CPSR_IT_HI_SHIFT);
	load(code, 3, CPSR_Z);
	cpu->bank_spsr[BANK_SVC] = spsr;
	cpu->r[14] = DATA + 0x104;
	step();
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[15], DATA + 0x100);
	ck_assert_uint_eq(cpu->cpsr, spsr);

	/* ERET (subs pc, lr, #0) from SVC, outside a block */
	static const uint16_t eret[] = { 0xf3de, 0x8f00 };
	fresh();
	load(eret, 2, 0);
	cpu->bank_spsr[BANK_SVC] = MODE_SVC | CPSR_A | CPSR_I | CPSR_F;
	cpu->r[14] = DATA;
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[15], DATA);
	ck_assert(!cpu_thumb(cpu)); /* back to ARM state from the SPSR */
}
END_TEST

START_TEST(subs_pc_lr_in_hyp)
{
	/* SUBS PC, LR, #4 is UNDEFINED in Hyp mode; ERET is not */
	static const uint16_t subs[] = { 0xf3de, 0x8f04 };
	cpu_set_mode(cpu, MODE_HYP);
	load(subs, 2, 0);
	ck_assert_int_eq(step(), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_HYP);

	static const uint16_t eret[] = { 0xf3de, 0x8f00 };
	fresh();
	cpu_set_mode(cpu, MODE_HYP);
	load(eret, 2, 0);
	cpu->elr_hyp = DATA | 0;
	cpu->bank_spsr[BANK_HYP] = MODE_SVC | CPSR_T | CPSR_A | CPSR_I |
				   CPSR_F;
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_SVC);
	ck_assert_uint_eq(cpu->r[15], DATA);
	ck_assert(cpu_thumb(cpu));
}
END_TEST

START_TEST(modified_immediates)
{
	/* movs.w r0, #0x00010001 / mov.w r0, #0x00ff00ff, and the
	 * UNPREDICTABLE zero replicated byte movs.w r0, #(imm12 0x100) */
	static const uint16_t ok[] = { 0xf05f, 0x1001, 0xf04f, 0x10ff };
	load(ok, 4, CPSR_C | CPSR_V);
	step();
	ck_assert_uint_eq(cpu->r[0], 0x00010001u);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, CPSR_C | CPSR_V);
	step();
	ck_assert_uint_eq(cpu->r[0], 0x00ff00ffu);

	/* movs.w r0, #0x80000000 (rotation 8): C = bit 31 */
	static const uint16_t rot[] = { 0xf05f, 0x4000 };
	load(rot, 2, 0);
	step();
	ck_assert_uint_eq(cpu->r[0], 0x80000000u);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, CPSR_N | CPSR_C);

	static const uint16_t bad[] = { 0xf05f, 0x1000 };
	load(bad, 2, 0);
	assert_undef(step());
}
END_TEST

START_TEST(dp_destination_pc)
{
	/* and.w pc, r1, #1 (S = 0): UNPREDICTABLE, UNDEFINED here;
	 * tst.w r1, #1 (AND with Rd = PC and S) is a compare */
	static const uint16_t tst[] = { 0xf011, 0x0f01 };
	load(tst, 2, 0);
	cpu->r[1] = 2;
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->cpsr & CPSR_Z, CPSR_Z);
	ck_assert_uint_eq(cpu->r[15], CODE + 4);

	static const uint16_t andpc[] = { 0xf001, 0x0f01 };
	load(andpc, 2, 0);
	assert_undef(step());
}
END_TEST

START_TEST(branches_and_interworking)
{
	/* blx with H = 1: UNDEFINED */
	static const uint16_t blx_h[] = { 0xf000, 0xe801 };
	load(blx_h, 2, 0);
	assert_undef(step());

	/* blx to ARM at Align(PC, 4) + 4: from CODE+2 the target is CODE+8 */
	static const uint16_t blx[] = { 0xbf00, 0xf000, 0xe802 };
	fresh();
	load(blx, 3, 0);
	step();
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert(!cpu_thumb(cpu));
	ck_assert_uint_eq(cpu->r[15], CODE + 8);
	ck_assert_uint_eq(cpu->r[14], (CODE + 6) | 1u);

	/* bx r0 with bit 0 clear: ARM; ldr.w pc, [r0, #4] with an odd
	 * value: Thumb */
	static const uint16_t bx[] = { 0x4700 };
	fresh();
	load(bx, 1, 0);
	cpu->r[0] = DATA;
	step();
	ck_assert(!cpu_thumb(cpu));
	ck_assert_uint_eq(cpu->r[15], DATA);
	static const uint16_t ldrpc[] = { 0xf8d0, 0xf004 };
	load(ldrpc, 2, 0);
	w32(DATA + 4, DATA + 0x41);
	cpu->r[0] = DATA;
	step();
	ck_assert(cpu_thumb(cpu));
	ck_assert_uint_eq(cpu->r[15], DATA + 0x40);

	/* cbz r0, +4 taken; cbnz not */
	static const uint16_t cbz[] = { 0xb110, 0xb910 };
	load(cbz, 2, CPSR_Z);
	cpu->r[0] = 0;
	step();
	ck_assert_uint_eq(cpu->r[15], CODE + 8);
	load(cbz, 2, 0);
	cpu->r[0] = 0;
	cpu->r[15] = CODE + 2; /* cbnz r0: not taken */
	step();
	ck_assert_uint_eq(cpu->r[15], CODE + 4);
	ck_assert_uint_eq(cpu->cpsr & CPSR_NZCV, 0u);
}
END_TEST

START_TEST(literal_and_table_forms)
{
	/* nop; ldrd r0, r1, [pc, #8]: from CODE+2, Align(PC, 4) = CODE+4,
	 * so the pair is at CODE+12 */
	static const uint16_t ldrd[] = { 0xbf00, 0xe9df, 0x0102 };
	load(ldrd, 3, 0);
	w32(CODE + 12, 0x11111111u);
	w32(CODE + 16, 0x22222222u);
	step();
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[0], 0x11111111u);
	ck_assert_uint_eq(cpu->r[1], 0x22222222u);

	/* tbb [pc, r0] with the table right after it: entry 1 = 3 halfwords
	 * from CODE + 4 */
	static const uint16_t tbb[] = { 0xe8df, 0xf000, 0x0302 };
	load(tbb, 3, 0);
	cpu->r[0] = 1;
	step();
	ck_assert_uint_eq(cpu->r[15], CODE + 4 + 6);
	/* tbh [r1, r0, lsl #1] */
	static const uint16_t tbh[] = { 0xe8d1, 0xf010 };
	load(tbh, 2, 0);
	w32(DATA, 0x01000010u);
	cpu->r[0] = 1;
	cpu->r[1] = DATA;
	step();
	ck_assert_uint_eq(cpu->r[15], CODE + 4 + 0x200);

	/* adr r0, #8 at CODE+2 (Align(PC, 4) + 8) */
	static const uint16_t adr[] = { 0xbf00, 0xa002 };
	load(adr, 2, 0);
	step();
	step();
	ck_assert_uint_eq(cpu->r[0], CODE + 4 + 8);
}
END_TEST

START_TEST(hints_and_pc_loads)
{
	/* pld [r0]; pld [r0, #-4] with r0 = 0 (no memory): no abort */
	static const uint16_t pld[] = { 0xf890, 0xf000, 0xf810, 0xfc04 };
	load(pld, 4, 0);
	cpu->r[0] = 0;
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[15], CODE + 8);

	/* ldrb pc, [r0, #4]! and ldrbt pc, [r0, #4]: UNPREDICTABLE,
	 * UNDEFINED here (not hints) */
	static const uint16_t ldrbpc[] = { 0xf810, 0xff04 };
	load(ldrbpc, 2, 0);
	cpu->r[0] = DATA;
	assert_undef(step());
	ck_assert_uint_eq(cpu->r[0], DATA);
	fresh();
	static const uint16_t ldrbt[] = { 0xf810, 0xfe04 };
	load(ldrbt, 2, 0);
	cpu->r[0] = DATA;
	assert_undef(step());
}
END_TEST

START_TEST(unallocated_encodings)
{
	static const uint16_t enc[][2] = {
		{ 0xf0a0, 0x0000 }, /* modified immediate op 0101 */
		{ 0xf220, 0x0000 }, /* plain binary immediate op 00010 */
		{ 0xfa60, 0xf080 }, /* extend op1 0110 */
		{ 0xfab0, 0xf000 }, /* parallel op1<2:0> 011 */
		{ 0xfb00, 0xf0c0 }, /* multiply with hw2<7:6> = 11 */
		{ 0xfb80, 0xf0f0 }, /* long multiply op1 000 op2 1111 */
		{ 0xe8c0, 0x0f8f }, /* STREX* op3 1000 */
		{ 0xf3bf, 0x8f3f }, /* miscellaneous control op 0011 */
		{ 0xf8f0, 0x0000 }, /* load/store size 11 */
		{ 0xf900, 0x0000 }, /* Advanced SIMD element load/store */
		{ 0xef00, 0x0000 }, /* Advanced SIMD data processing */
		{ 0xf7f0, 0xa000 }, /* UDF.W */
		{ 0xba80, 0 },      /* REV-space op 10 */
		{ 0xb700, 0 },      /* miscellaneous 0111xxx */
		{ 0xde00, 0 },      /* UDF */
	};
	for (size_t i = 0; i < sizeof enc / sizeof enc[0]; i++) {
		fresh();
		load(enc[i], enc[i][1] ? 2 : 1, 0);
		enum exec_result r = step();
		ck_assert_msg(r == EXEC_EXCEPTION && cpu_mode(cpu) == MODE_UND,
			      "%04x %04x not UNDEFINED", enc[i][0], enc[i][1]);
	}
}
END_TEST

START_TEST(pc_operands_undefined)
{
	/* UNPREDICTABLE uses of the PC that would write it behind the
	 * step's back: UNDEFINED (t32.c), with no register changed */
	static const uint16_t enc[][2] = {
		{ 0xe851, 0xff00 }, /* ldrex pc, [r1] */
		{ 0xe9d0, 0xf100 }, /* ldrd pc, r1, [r0] */
		{ 0xe9ff, 0x0102 }, /* ldrd r0, r1, [pc, #8]! */
		{ 0xf3ef, 0x8f00 }, /* mrs pc, apsr */
		{ 0xe8bf, 0x0003 }, /* ldmia pc!, {r0, r1} */
		{ 0xea4f, 0x0f01 }, /* mov.w pc, r1 */
		{ 0xfb00, 0xff01 }, /* mul pc, r0, r1 */
	};
	for (size_t i = 0; i < sizeof enc / sizeof enc[0]; i++) {
		fresh();
		load(enc[i], 2, 0);
		cpu->r[0] = DATA;
		cpu->r[1] = DATA;
		enum exec_result r = step();
		ck_assert_msg(r == EXEC_EXCEPTION && cpu_mode(cpu) == MODE_UND,
			      "%04x %04x not UNDEFINED", enc[i][0], enc[i][1]);
		ck_assert_uint_eq(cpu->r[0], DATA);
		ck_assert_uint_eq(cpu->r[1], DATA);
		ck_assert_uint_eq(cpu->r[14], CODE + 2);
	}
}
END_TEST

START_TEST(plain_immediates)
{
	/* movt r0, #0x1234; bfi r0, r1, #4, #8; sbfx r0, r1, #30, #2 */
	static const uint16_t code[] = { 0xf2c1, 0x2034, 0xf361, 0x100b,
					 0xf341, 0x7081 };
	load(code, 6, 0);
	cpu->r[0] = 0xffff5678u;
	cpu->r[1] = 0x800000abu;
	step();
	ck_assert_uint_eq(cpu->r[0], 0x12345678u);
	step();
	ck_assert_uint_eq(cpu->r[0], 0x12345ab8u);
	step();
	ck_assert_uint_eq(cpu->r[0], 0xfffffffeu);

	/* sbfx with lsb + width > 32 (UNPREDICTABLE): UNDEFINED */
	static const uint16_t bad[] = { 0xf341, 0x7083 }; /* #30, #4 */
	load(bad, 2, 0);
	assert_undef(step());
}
END_TEST

START_TEST(system_forms)
{
	/* mrs r0, SPSR_und; mrc p15, 0, r0, c13, c0, 3 (TPIDRURO) */
	static const uint16_t code[] = { 0xf3f6, 0x8030, 0xee1d, 0x0f70 };
	load(code, 4, 0);
	cpu->bank_spsr[BANK_UND] = 0x600001dbu;
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[0], 0x600001dbu);
	ck_assert_int_eq(step(), EXEC_OK);
	ck_assert_uint_eq(cpu->r[15], CODE + 8);

	/* ldrex r0, [r1, #4]; strex r2, r0, [r1, #4] */
	static const uint16_t excl[] = { 0xe851, 0x0f01, 0xe841, 0x0201 };
	load(excl, 4, 0);
	w32(DATA + 4, 0xabcdu);
	cpu->r[1] = DATA;
	step();
	ck_assert_uint_eq(cpu->r[0], 0xabcdu);
	cpu->r[2] = 7;
	step();
	ck_assert_uint_eq(cpu->r[2], 0u);

	/* setend be; cpsid i outside IT */
	static const uint16_t ctl[] = { 0xb658, 0xb661 };
	load(ctl, 2, 0);
	cpu->cpsr &= ~(CPSR_A);
	step();
	ck_assert(cpu->cpsr & CPSR_E);
	cpu->cpsr |= CPSR_F;
	step(); /* cpsie f */
	ck_assert_uint_eq(cpu->cpsr & CPSR_F, 0u);
}
END_TEST

START_TEST(hvc_and_smc)
{
	/* hvc #0x1234 from Non-secure SVC (SCR.HCE set): Hyp mode, ELR_hyp
	 * = the next instruction, HSR = EC 0x12, IL = 1, imm16 */
	static const uint16_t hvc[] = { 0xf7e1, 0x8234 };
	load(hvc, 2, 0);
	ck_assert_int_eq(step(), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_HYP);
	ck_assert_uint_eq(cpu->elr_hyp, CODE + 4);
	ck_assert_uint_eq(cpu->cp15.hsr, (0x12u << 26) | (1u << 25) | 0x1234u);

	/* smc #0: Monitor mode, LR_mon = the next instruction */
	static const uint16_t smc[] = { 0xf7f0, 0x8000 };
	fresh();
	load(smc, 2, 0);
	ck_assert_int_eq(step(), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_MON);
	ck_assert_uint_eq(cpu->r[14], CODE + 4);
}
END_TEST

static Suite *t32_suite(void)
{
	Suite *s = suite_create("t32_decode");
	TCase *tc = tcase_create("t32");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, it_block_runs_and_skips);
	tcase_add_test(tc, it_16bit_no_flags_inside);
	tcase_add_test(tc, it_failed_load_is_nop);
	tcase_add_test(tc, it_bkpt_unconditional);
	tcase_add_test(tc, it_invalid_forms_undefined);
	tcase_add_test(tc, not_permitted_in_it);
	tcase_add_test(tc, svc_and_undef_save_itstate);
	tcase_add_test(tc, exception_return_takes_itstate_from_spsr);
	tcase_add_test(tc, subs_pc_lr_in_hyp);
	tcase_add_test(tc, modified_immediates);
	tcase_add_test(tc, dp_destination_pc);
	tcase_add_test(tc, branches_and_interworking);
	tcase_add_test(tc, literal_and_table_forms);
	tcase_add_test(tc, hints_and_pc_loads);
	tcase_add_test(tc, unallocated_encodings);
	tcase_add_test(tc, pc_operands_undefined);
	tcase_add_test(tc, plain_immediates);
	tcase_add_test(tc, system_forms);
	tcase_add_test(tc, hvc_and_smc);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(t32_suite)
