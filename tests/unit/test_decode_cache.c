/* The decoded-instruction cache (src/cpu/decode_cache.h, a32_predecode.c)
 * against the full decoder: random encodings of every class that has a
 * specialised handler (data processing register/immediate with every
 * opcode, S and shift; MOVW/MOVT; B/BL; LDR/STR/LDRB/STRB and
 * LDRH/STRH/LDRSB/LDRSH without writeback; MUL/MLA and the long multiplies
 * UMULL/UMLAL/SMULL/SMLAL; data processing with a register-shifted
 * register; CLZ; the extends and reversals), with random conditions, flags and operands, run on two
 * identical machines — one through a32_execute, one through the cached
 * entry and its condition check — must leave identical registers, CPSR,
 * fault registers and memory. Plus: the classes meant to be specialised
 * are (so the comparison is not vacuous), the PC forms are not, and an
 * entry is re-decoded when the fetched encoding changes. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
#include "mmu/bus.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00040000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)

static struct machine ma, mb;

static void init_machine(struct machine *m)
{
	unit_machine(m, &cortex_a15_model, 1, RAM_BASE,
		     RAM_SIZE, ENTRY_SVC, CODE);
}

static void setup(void)
{
	init_machine(&ma);
	init_machine(&mb);
}

static void teardown(void)
{
	machine_destroy(&ma);
	machine_destroy(&mb);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* Step bookkeeping as in step.c around the two ways of executing. */
static enum exec_result run_decoder(struct cpu *c, uint32_t insn)
{
	uint32_t pc = c->r[15];
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	enum exec_result r = a32_execute(c, insn);
	if (r != EXEC_EXCEPTION && !c->pc_written)
		c->r[15] = pc + 4;
	return r;
}

static enum exec_result run_cached(struct cpu *c, struct decoded_insn *d,
				   uint32_t insn)
{
	uint32_t pc = c->r[15];
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	if (d->insn != insn)
		a32_predecode(d, insn);
	enum exec_result r = EXEC_OK;
	unsigned cond = insn >> 28;
	if (cond >= 0xe || decode_cond_passed(c->cpsr, cond))
		r = d->fn(c, d);
	if (r != EXEC_EXCEPTION && !c->pc_written)
		c->r[15] = pc + 4;
	return r;
}

/* Registers: base registers near DATA so most accesses hit RAM, some
 * random (aborts must agree too); flags random. */
static void randomise(uint32_t *regs, uint32_t *cpsr_flags)
{
	for (unsigned i = 0; i < 15; i++) {
		uint32_t v = rnd();
		regs[i] = (v & 3) ? DATA + (rnd() & 0x3ffcu) : v;
	}
	*cpsr_flags = rnd() & 0xf0000000u;
}

static void load_state(struct cpu *c, const uint32_t *regs, uint32_t flags)
{
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F | flags;
	memcpy(c->r, regs, 15 * sizeof *regs);
	c->r[15] = CODE;
}

static void assert_same(const struct cpu *a, const struct cpu *b,
			uint32_t insn)
{
	for (unsigned i = 0; i < 16; i++)
		ck_assert_msg(a->r[i] == b->r[i],
			      "%08x: r%u decoder %08x cached %08x", insn, i,
			      a->r[i], b->r[i]);
	ck_assert_msg(a->cpsr == b->cpsr, "%08x: cpsr %08x vs %08x", insn,
		      a->cpsr, b->cpsr);
	ck_assert_msg(memcmp(a->bank_lr, b->bank_lr, sizeof a->bank_lr) == 0 &&
			      memcmp(a->bank_spsr, b->bank_spsr,
				     sizeof a->bank_spsr) == 0,
		      "%08x: banked LR/SPSR differ", insn);
	ck_assert_msg(memcmp(&a->cp15, &b->cp15, sizeof a->cp15) == 0,
		      "%08x: CP15 state (fault registers) differs", insn);
	ck_assert_msg(memcmp(bus_ram_ptr(&ma.bus, RAM_BASE, RAM_SIZE),
			     bus_ram_ptr(&mb.bus, RAM_BASE, RAM_SIZE),
			     RAM_SIZE) == 0,
		      "%08x: memory differs", insn);
}

/* Encodings of the specialised classes, condition random (AL half the
 * time), registers random including the PC now and then. */
static uint32_t random_encoding(unsigned cls)
{
	uint32_t cond = (rnd() & 1) ? 0xeu : rnd() % 15;
	uint32_t r = rnd();
	uint32_t insn;
	switch (cls) {
	case 0: /* data processing, register, immediate shift */
		insn = (r & 0x01fff0efu);
		break;
	case 1: /* data processing, immediate */
		insn = 0x02000000u | (r & 0x01ffffffu);
		break;
	case 2: /* MOVW / MOVT */
		insn = ((r & 1) ? 0x03400000u : 0x03000000u) | (r & 0x000ffffeu);
		break;
	case 3: /* B / BL */
		insn = 0x0a000000u | (r & 0x01ffffffu);
		break;
	case 4: /* LDR/STR/LDRB/STRB immediate offset, indexed or not */
		insn = 0x05000000u | (r & 0x00df0fffu);
		if (rnd() & 1) /* writeback: pre- or post-indexed, or T */
			insn ^= (rnd() & 1) ? 0x00200000u : 0x01000000u;
		insn = (insn & ~0x000f0000u) | ((rnd() & 7u) << 16);
		break;
	case 5: /* register offset with shift, indexed or not */
		insn = 0x07000000u | (r & 0x00df0fefu);
		if (rnd() & 1)
			insn ^= (rnd() & 1) ? 0x00200000u : 0x01000000u;
		insn = (insn & ~0x000f000fu) | ((rnd() & 7u) << 16) |
		       (rnd() & 1u);
		break;
	case 6: /* MUL/MLA and their neighbours in the multiply space */
		insn = 0x00000090u | (r & 0x00ffff0fu);
		if (r & 0x80000000u)
			insn &= ~0x0000f000u; /* MUL's (0)(0)(0)(0) */
		break;
	case 7: /* LDRH/STRH/LDRSB/LDRSH, immediate and register offset */
		insn = 0x00000090u | (r & 0x01f00f60u) | (rnd() & 0xfu);
		insn |= 0x01000000u; /* P */
		if ((rnd() & 3) == 0) /* post-indexed (with W: LDRHT…) */
			insn &= ~0x01000000u;
		insn = (insn & ~0x000f0000u) | ((rnd() & 7u) << 16);
		if (!(insn & 0x60u))
			insn |= 0x20u;
		if (!(insn & 0x00400000u)) /* register form: Rm near 0 */
			insn &= ~0x00000f08u;
		break;
	case 8: /* CLZ (and misc-space neighbours) */
		insn = 0x016f0f10u | (r & 0x0000f00fu);
		if (r & 0x10000u)
			insn ^= 1u << (r >> 27); /* a broken field now and then */
		break;
	case 9: /* LDM/STM, every addressing mode, bases near the data */
		insn = 0x08000000u | (r & 0x01f0ffffu);
		insn = (insn & ~0x000f0000u) | ((rnd() & 7u) << 16);
		if (r & 0x40000000u)
			insn &= ~0x00400000u; /* mostly without the S bit */
		break;
	case 11: /* data processing, register-shifted register */
		insn = 0x00000010u | (r & 0x01ffff6fu);
		break;
	case 13: { /* SDIV/UDIV, SBFX/UBFX, BFI/BFC: any register, any field
		    * (past bit 31, a PC operand: UNPREDICTABLE) */
		static const uint32_t base[] = {0x0710f010u, 0x0730f010u,
						0x07a00050u, 0x07e00050u,
						0x07c00010u};
		const unsigned k = rnd() % 5;
		/* (the divides: [7:4] = 0001) */
		insn = base[k] | (r & (k < 2 ? 0x000fff0fu : 0x000fff8fu));
		break;
	}
	case 12: /* LDRD/STRD, every addressing mode, bases near the data,
		  * any Rt (odd, the PC: UNPREDICTABLE) */
		insn = ((r & 0x20u) ? 0x000000f0u : 0x000000d0u) |
		       (r & 0x01e0f000u) | ((rnd() & 7u) << 16);
		if (insn & 0x00400000u) /* immediate: small offsets */
			insn |= r & 0x0000000fu;
		else /* register: Rm near 0 now and then the PC */
			insn |= (r & 0x8u) ? (r >> 28) : (r & 0x7u);
		break;
	default: /* media: extends (with rotation, accumulate) and reversals */
		insn = 0x06800070u | (r & 0x007fff0fu);
		if (r & 1u)
			insn = (insn & ~0x000000f0u) | ((r & 0x40u) ? 0xb0u : 0x30u);
		if (r & 0x100u)
			insn |= 0x000f0000u;
		if (!(r & 0x200u))
			insn &= ~0x00000300u;
		break;
	}
	/* keep offsets small enough to stay in RAM most of the time */
	if (cls == 4)
		insn &= ~0x00000f00u;
	return (cond << 28) | insn;
}

START_TEST(test_cached_matches_decoder)
{
	struct cpu *a = &ma.cpus[0], *b = &mb.cpus[0];
	struct decoded_insn d;
	a32_predecode(&d, 0);
	unsigned specialised = 0, total = 0;
	for (unsigned cls = 0; cls < 14; cls++) {
		for (unsigned n = 0; n < 4000; n++) {
			uint32_t regs[15], flags;
			randomise(regs, &flags);
			uint32_t insn = random_encoding(cls);
			load_state(a, regs, flags);
			load_state(b, regs, flags);
			enum exec_result ra = run_decoder(a, insn);
			enum exec_result rb = run_cached(b, &d, insn);
			ck_assert_msg(ra == rb, "%08x: result %d vs %d", insn,
				      ra, rb);
			assert_same(a, b, insn);
			total++;
			specialised += decode_is_specialised(&d);
		}
	}
	/* Most of these encodings avoid the PC: most must be specialised. */
	ck_assert_msg(specialised > total / 2, "only %u of %u specialised",
		      specialised, total);
}
END_TEST

START_TEST(test_which_are_specialised)
{
	struct decoded_insn d;
	static const uint32_t yes[] = {
		0xe0821003, /* add r1, r2, r3 */
		0xe0b21163, /* adcs r1, r2, r3, ror #2 */
		0xe3a0102a, /* mov r1, #42 */
		0xe3540c01, /* cmp r4, #0x100 */
		0xe3001234, /* movw r1, #0x234 */
		0xeafffffe, /* b . */
		0xeb000010, /* bl */
		0xe5921004, /* ldr r1, [r2, #4] */
		0xe7c21103, /* strb r1, [r2, r3, lsl #2] */
		0xe0010392, /* mul r1, r2, r3 */
		0xe0214392, /* mla r1, r2, r3, r4 */
		0xe0810392, /* umull r0, r1, r2, r3 */
		0xe0f10392, /* smlals r0, r1, r2, r3 */
		0xe0a10392, /* umlal r0, r1, r2, r3 */
		0xe0c10392, /* smull r0, r1, r2, r3 */
		0xe1a02032, /* mov r2, r2, lsr r0 */
		0x108eec13, /* addne lr, lr, r3, lsl ip */
		0xe0110372, /* ands r0, r1, r2, ror r3 */
		0xe16f1f12, /* clz r1, r2 */
		0xe6bf1f32, /* rev r1, r2 */
		0xe6ef1472, /* uxtb r1, r2, ror #8 */
		0xe1d210b2, /* ldrh r1, [r2, #2] */
		0xe1f210b2, /* ldrh r1, [r2, #2]! */
		0xe0d210b2, /* ldrh r1, [r2], #2 */
		0xe09210f3, /* ldrsh r1, [r2], r3 */
		0xe16210b4, /* strh r1, [r2, #-4]! */
		0xe5b21004, /* ldr r1, [r2, #4]! */
		0xe4921004, /* ldr r1, [r2], #4 */
		0xe6c21003, /* strb r1, [r2], r3 */
		0xe92d4010, /* push {r4, lr} */
		0xe8bd0030, /* pop {r4, r5} */
		0xe19210d3, /* ldrsb r1, [r2, r3] */
		0xe1c200d8, /* ldrd r0, r1, [r2, #8] */
		0xe16d20f8, /* strd r2, r3, [sp, #-8]! */
		0xe711f312, /* sdiv r1, r2, r3 */
		0xe730f110, /* udiv r0, r0, r1 */
		0xe7e83054, /* ubfx r3, r4, #0, #9 */
		0xe7a71252, /* sbfx r1, r2, #4, #8 */
		0xe7cb1412, /* bfi r1, r2, #8, #4 */
		0xe7c7119f, /* bfc r1, #3, #5 */
		0xe8bd8010, /* pop {r4, pc}: a branch (FLOW_ENDS_PC, below) */
		0xe12fff1e, /* bx lr: likewise */
		0xe49df004, /* ldr pc, [sp], #4: likewise */
		0xf57ff04f, /* dsb: changes nothing (nop_plain) */
		0xf57ff05b, /* dmb ish */
		0xe320f000, /* nop */
		0xf5d2f040, /* pld [r2, #64] */
		0xf7d2f003, /* pld [r2, r3] */
		0xe10f1000, /* mrs r1, apsr */
	};
	static const uint32_t no[] = {
		0xe08f1003, /* add r1, pc, r3: PC operand */
		0xe082f003, /* add pc, r2, r3: PC destination */
		0xe1a0f00e, /* mov pc, lr */
		0xe12fff1f, /* bx pc: reads PC + 8 */
		0xe5b22004, /* ldr r2, [r2, #4]!: Rt = Rn with writeback */
		0xe4b21004, /* ldrt r1, [r2], #4: unprivileged */
		0xe59f1004, /* ldr r1, [pc, #4]: literal */
		0xe1f220b2, /* ldrh r2, [r2, #2]!: Rt = Rn with writeback */
		0xe0f210b2, /* ldrht r1, [r2], #2: unprivileged */
		0xe0d1f0b2, /* ldrh pc, [r1], #2 */
		0xe1200070, /* bkpt */
		0xe081039f, /* umull r0, r1, pc, r3: PC operand */
		0xe0810f12, /* add r0, r1, r2, lsl pc: PC shift */
		0xe8d20006, /* ldm r2, {r1, r2}^: User registers */
		0xf57ff06f, /* isb: ends its block */
		0xf51ff000, /* pldw [pc]: UNPREDICTABLE */
		0xe14f1000, /* mrs r1, spsr: UNDEFINED in User mode */
		0xe10ff000, /* mrs pc, apsr */
		0xe1c310d0, /* ldrd r1, r2, [r3]: odd Rt */
		0xe1cf00d8, /* ldrd r0, r1, [pc, #8]: literal */
		0xe1e100d8, /* ldrd r0, r1, [r1, #8]!: writeback to Rt2 */
		0xe73ff110, /* udiv pc, r0, r1 */
		0xe7e73e54, /* ubfx r3, r4, #28, #8: past bit 31 */
		0xe0121003, /* ands r1, r2, r3 ok, but ... */
	};
	for (unsigned i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		a32_predecode(&d, yes[i]);
		ck_assert_msg(decode_is_specialised(&d), "%08x", yes[i]);
	}
	/* the last entry of `no` is a control: it is specialised */
	for (unsigned i = 0; i + 1 < sizeof no / sizeof no[0]; i++) {
		a32_predecode(&d, no[i]);
		ck_assert_msg(!decode_is_specialised(&d), "%08x", no[i]);
	}
	a32_predecode(&d, no[sizeof no / sizeof no[0] - 1]);
	ck_assert(decode_is_specialised(&d));
	/* a load of the PC by LDM is a branch, not a fast access, and a BX
	 * one that may change CPSR.T: both end their blocks as impure
	 * instructions, whose runs stay clean only with T unchanged */
	a32_predecode(&d, 0xe8bd8010);
	ck_assert_uint_eq(d.flow, FLOW_ENDS_PC);
	ck_assert_uint_eq(d.mem, 0);
	a32_predecode(&d, 0xe12fff1e);
	ck_assert_uint_eq(d.flow, FLOW_ENDS_PC);
	ck_assert_uint_eq(d.writes, DECODE_WRITES_CPSR);
	a32_predecode(&d, 0xe49df004);
	ck_assert_uint_eq(d.flow, FLOW_ENDS_PC);
	ck_assert_uint_eq(d.mem, 0);
	ck_assert_uint_eq(d.writes, DECODE_WRITES_CPSR | DECODE_WRITES_R(13));
}
END_TEST

/* T32: what the step does (decode_cache.h; step.c execute_t32). */
static enum exec_result run_t32(struct cpu *c, struct decoded_insn *d,
				uint32_t insn, bool cached)
{
	uint32_t pc = c->r[15];
	unsigned size = insn > 0xffffu ? 4 : 2;
	c->insn = insn;
	c->insn_size = size;
	c->pc_written = false;
	enum exec_result r;
	if (!cached || (c->cpsr & CPSR_IT_MASK)) {
		r = t32_execute(c, insn, size);
	} else {
		if (d->insn != insn)
			t32_predecode(d, insn);
		r = d->fn(c, d);
	}
	if (r != EXEC_EXCEPTION && !c->pc_written)
		c->r[15] = pc + size;
	return r;
}

/* One T32 encoding from the same random state on both machines, with
 * CPSR bits `t` (T, and ITSTATE when inside an IT block), through the
 * decoder on a and the cached entry on b: the same result and state. */
static void t32_both_ways(struct decoded_insn *d, uint32_t insn, uint32_t t)
{
	struct cpu *a = &ma.cpus[0], *b = &mb.cpus[0];
	uint32_t regs[15], flags;
	randomise(regs, &flags);
	regs[13] = DATA + 0x2000u; /* SP-relative forms hit RAM */
	load_state(a, regs, flags);
	load_state(b, regs, flags);
	a->cpsr |= t;
	b->cpsr |= t;
	enum exec_result ra = run_t32(a, NULL, insn, false);
	enum exec_result rb = run_t32(b, d, insn, true);
	ck_assert_msg(ra == rb, "%08x: result %d vs %d", insn, ra, rb);
	assert_same(a, b, insn);
}

/* Every 16-bit T32 encoding, and random 32-bit ones, outside and (now
 * and then) inside an IT block, with random flags and operands: the
 * cached entry and t32_execute leave the same state. */
START_TEST(test_t32_cached_matches_decoder)
{
	struct decoded_insn d;
	t32_predecode(&d, 0);
	unsigned specialised = 0, total = 0;
	for (unsigned n = 0; n < 0x10000u + 120000u; n++) {
		uint32_t insn;
		if (n < 0x10000u) {
			if (t32_is_32bit((uint16_t)n))
				continue;
			insn = n;
		} else {
			insn = ((0xe800u + rnd() % 0x1800u) << 16) |
			       (rnd() & 0xffffu);
		}
		uint32_t t = CPSR_T;
		if ((rnd() & 7) == 0) /* inside an IT block: IT 0x18 (NE, 1 left) */
			t |= (0x18u >> 2) << CPSR_IT_HI_SHIFT;
		t32_both_ways(&d, insn, t);
		if (!(t & CPSR_IT_MASK)) {
			t32_predecode(&d, insn);
			total++;
			specialised += decode_is_specialised(&d);
		}
	}
	ck_assert_msg(specialised > total / 8, "only %u of %u specialised",
		      specialised, total);
}
END_TEST

/* The 32-bit classes with handlers that random encodings rarely reach
 * (MUL/MLA, the reversals and CLZ, the extends, MVN): their encoding
 * spaces with random fields, against t32_execute. */
START_TEST(test_t32_classes_match_decoder)
{
	static const struct {
		uint32_t mask, value; /* of hw1 << 16 | hw2 */
	} cls[] = {
		{0xfff000f0u, 0xfb000000u}, /* MUL, MLA */
		{0xffc0f0c0u, 0xfa80f080u}, /* REV…, CLZ, QADD…, SEL */
		{0xff80f0c0u, 0xfa00f080u}, /* extends */
		{0xffef8000u, 0xea6f0000u}, /* MVN (register) */
		{0xfbef8000u, 0xf06f0000u}, /* MVN (immediate) */
		{0xff800000u, 0xf8000000u}, /* LDR…/STR… imm8, register */
	};
	struct decoded_insn d;
	unsigned specialised[6] = {0};
	for (unsigned n = 0; n < 60000u; n++) {
		unsigned k = n % 6;
		uint32_t insn = (rnd() & ~cls[k].mask) | cls[k].value;
		if ((rnd() & 3) == 0) /* Rm copies equal (REV, CLZ) */
			insn = (insn & ~0x000f0000u) | ((insn & 0xfu) << 16);
		t32_both_ways(&d, insn, CPSR_T);
		t32_predecode(&d, insn);
		specialised[k] += decode_is_specialised(&d);
	}
	for (unsigned k = 0; k < 6; k++)
		ck_assert_msg(specialised[k] > 300, "class %u: %u specialised",
			      k, specialised[k]);
}
END_TEST

/* Code rewritten in place: the next fetch of the same address returns
 * the new encoding and the step must execute that, not the old entry. */
START_TEST(test_rewritten_code_runs_new_encoding)
{
	struct cpu *b = &mb.cpus[0];
	ck_assert(b->decoded != NULL);
	ck_assert(bus_write(&mb.bus, CODE, 4, 0xe3a0102a, NULL)); /* mov r1,#42 */
	b->r[15] = CODE;
	ck_assert_int_eq(cpu_step(b), EXEC_OK);
	ck_assert_uint_eq(b->r[1], 42);
	ck_assert(bus_write(&mb.bus, CODE, 4, 0xe3a01007, NULL)); /* mov r1,#7 */
	b->r[15] = CODE;
	ck_assert_int_eq(cpu_step(b), EXEC_OK);
	ck_assert_uint_eq(b->r[1], 7);
}
END_TEST

/* The condition table agrees with cpu_condition_passed for every
 * condition and flag combination. */
START_TEST(test_condition_table)
{
	struct cpu *a = &ma.cpus[0];
	for (unsigned cond = 0; cond < 16; cond++)
		for (unsigned f = 0; f < 16; f++) {
			a->cpsr = (a->cpsr & 0x0fffffffu) | (f << 28);
			ck_assert_msg(decode_cond_passed(a->cpsr, cond) ==
					      cpu_condition_passed(a, cond),
				      "cond %x flags %x", cond, f);
		}
}
END_TEST

static Suite *decode_cache_suite(void)
{
	Suite *s = suite_create("decode_cache");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cached_matches_decoder);
	tcase_add_test(tc, test_which_are_specialised);
	tcase_add_test(tc, test_t32_cached_matches_decoder);
	tcase_add_test(tc, test_t32_classes_match_decoder);
	tcase_add_test(tc, test_rewritten_code_runs_new_encoding);
	tcase_add_test(tc, test_condition_table);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(decode_cache_suite)
