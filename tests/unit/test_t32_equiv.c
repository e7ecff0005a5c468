/* TEMPORARY (removed with the old decoder): the table-driven T32 decode
 * (t32_execute: decoder tables t32.def/t16.def and their handlers)
 * against the switch-tree decoder it replaces (t32old_execute, a frozen
 * copy of t32*.c as of dddf664), by running both on two identical
 * machines and comparing the outcome: the exec_result, UNDEFINED or not,
 * every general-purpose and banked register, the CPSR (ITSTATE
 * included), the SPSRs, ELR_hyp, the extension registers, FPSCR/FPEXC,
 * the local exclusive monitor, CP15 and 64 KiB of RAM around the
 * registers' targets.
 *
 * Encodings: every 16-bit one (below 11101), out of and inside an IT
 * block; SAMPLES per cube of the T32 table's partition
 * (decode_table_partition, as test_decode_table), out of and inside an
 * IT block; and RANDOM random 32-bit encodings (hw1 >= 11101). The
 * starting state is drawn per sample: flags, ITSTATE, registers
 * (pointers into RAM or random values). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/decode_table.h"
#include "sim/machine.h"

enum exec_result t32old_execute(struct cpu *cpu, uint32_t insn,
				unsigned size);

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00010000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)
#define SAMPLES 64
#define RANDOM (1u << 20)

static struct machine ms[2];
static struct cpu *cs[2];
static uint8_t ram0[RAM_SIZE];
static struct cp15 cp15_0[2];
static uint32_t fpexc0;

static uint64_t rng_state = 0x243f6a8885a308d3ull;
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static void setup(void)
{
	for (unsigned k = 0; k < 2; k++) {
		unit_machine(&ms[k], &cortex_a15_model, 1, RAM_BASE, RAM_SIZE,
			     ENTRY_SVC, CODE);
		struct cpu *c = cs[k] = &ms[k].cpus[0];
		/* FP/Advanced SIMD enabled for Non-secure PL1, as in
		 * test_decode_table */
		c->cp15.nsacr = (c->cp15.nsacr | 3u << 10) & ~(3u << 14);
		c->cp15.cpacr = (c->cp15.cpacr | 0xfu << 20) & ~(3u << 30);
		c->fp.fpexc |= 1u << 30;
		fpexc0 = c->fp.fpexc;
		cp15_0[k] = c->cp15;
	}
	for (unsigned i = 0; i < RAM_SIZE; i++)
		ram0[i] = (uint8_t)(i * 37u + (i >> 8));
	for (unsigned k = 0; k < 2; k++)
		memcpy(bus_ram_ptr(&ms[k].bus, RAM_BASE, RAM_SIZE), ram0,
		       RAM_SIZE);
}

static void teardown(void)
{
	machine_destroy(&ms[0]);
	machine_destroy(&ms[1]);
}

struct start {
	uint32_t r[15], flags;
	unsigned it;
};

static void draw(struct start *s, bool in_it)
{
	for (unsigned i = 0; i < 15; i++)
		s->r[i] = (i == 0 || (rnd() & 1u))
				  ? DATA + 0x100u * i + (rnd() & 0x3cu)
				  : rnd();
	s->flags = rnd() & 0xf80f0000u; /* NZCVQ, GE */
	s->it = 0;
	if (in_it) {
		unsigned mask = rnd() & 0xfu;
		s->it = ((rnd() % 15u) << 4) | (mask ? mask : 8u);
	}
}

static enum exec_result run(unsigned k, const struct start *s, uint32_t insn,
			    unsigned size)
{
	struct cpu *c = cs[k];
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F | CPSR_T |
		  s->flags;
	cpu_set_itstate(c, s->it);
	memcpy(c->r, s->r, sizeof s->r);
	c->r[15] = CODE;
	for (unsigned i = 0; i < 32; i++)
		c->fp.d[i] = 0x0101010101010101ull * (i + 1);
	c->fp.fpexc = fpexc0;
	c->fp.fpscr = 0;
	cpu_clear_exclusive(c);
	c->insn = insn;
	c->insn_size = size;
	c->pc_written = false;
	return k == 0 ? t32old_execute(c, insn, size)
		      : t32_execute(c, insn, size);
}

static const char *differs(void)
{
	struct cpu *a = cs[0], *b = cs[1];
	if (memcmp(a->r, b->r, sizeof a->r))
		return "registers";
	if (a->cpsr != b->cpsr)
		return "CPSR";
	if (memcmp(a->bank_r8_12_usr, b->bank_r8_12_usr,
		   sizeof a->bank_r8_12_usr) ||
	    memcmp(a->bank_r8_12_fiq, b->bank_r8_12_fiq,
		   sizeof a->bank_r8_12_fiq) ||
	    memcmp(a->bank_sp, b->bank_sp, sizeof a->bank_sp) ||
	    memcmp(a->bank_lr, b->bank_lr, sizeof a->bank_lr))
		return "banked registers";
	if (memcmp(a->bank_spsr, b->bank_spsr, sizeof a->bank_spsr) ||
	    a->elr_hyp != b->elr_hyp)
		return "SPSR/ELR_hyp";
	if (memcmp(&a->fp, &b->fp, sizeof a->fp))
		return "extension registers/FPSCR/FPEXC";
	if (memcmp(&a->excl, &b->excl, sizeof a->excl))
		return "exclusive monitor";
	if (memcmp(&a->cp15, &b->cp15, sizeof a->cp15))
		return "CP15";
	if (a->pc_written != b->pc_written)
		return "pc_written";
	if (memcmp(bus_ram_ptr(&ms[0].bus, RAM_BASE, RAM_SIZE),
		   bus_ram_ptr(&ms[1].bus, RAM_BASE, RAM_SIZE), RAM_SIZE))
		return "memory";
	return NULL;
}

struct tally {
	unsigned long compared, undefined, mismatches;
};

static void compare(struct tally *t, uint32_t insn, unsigned size, bool in_it)
{
	struct start s;
	draw(&s, in_it);
	enum exec_result r0 = run(0, &s, insn, size);
	bool u0 = r0 == EXEC_EXCEPTION && cpu_mode(cs[0]) == MODE_UND;
	enum exec_result r1 = run(1, &s, insn, size);
	bool u1 = r1 == EXEC_EXCEPTION && cpu_mode(cs[1]) == MODE_UND;
	const char *d = r0 != r1 ? "exec_result" : u0 != u1 ? "UNDEFINED"
							   : differs();
	t->compared++;
	t->undefined += u0;
	if (d && t->mismatches++ < 30)
		printf("%s %0*x (IT %02x): %s differ (old %s, table %s; "
		       "entry %s)\n",
		       size == 2 ? "T16" : "T32", size == 2 ? 4 : 8, insn,
		       s.it, d, u0 ? "UNDEFINED" : "executes",
		       u1 ? "UNDEFINED" : "executes",
		       decode_table_lookup_local(size == 2 ? DECODE_T16
							   : DECODE_T32,
						 insn)
			       ? decode_table_lookup_local(
					 size == 2 ? DECODE_T16 : DECODE_T32,
					 insn)->name
			       : "unallocated");
	/* back to the same start: RAM and CP15 (an MCR may have written
	 * it) */
	for (unsigned k = 0; k < 2; k++) {
		uint8_t *p = bus_ram_ptr(&ms[k].bus, RAM_BASE, RAM_SIZE);
		if (memcmp(p, ram0, RAM_SIZE))
			memcpy(p, ram0, RAM_SIZE);
		if (memcmp(&cs[k]->cp15, &cp15_0[k], sizeof cp15_0[k]))
			cs[k]->cp15 = cp15_0[k];
	}
}

static void report(const char *what, const struct tally *t)
{
	printf("t32 equivalence, %s: %lu encodings compared (%lu UNDEFINED "
	       "in both), %lu mismatches\n",
	       what, t->compared, t->undefined, t->mismatches);
}

START_TEST(test_t16_every_encoding)
{
	struct tally t = {0};
	for (uint32_t hw = 0; hw < 0xe800u; hw++) {
		compare(&t, hw, 2, false);
		compare(&t, hw, 2, true);
	}
	report("every 16-bit encoding, out of and in an IT block", &t);
	ck_assert_uint_eq(t.mismatches, 0);
}
END_TEST

static bool cube(void *arg, uint32_t mask, uint32_t value,
		 const struct decode_entry *e)
{
	struct tally *t = arg;
	(void)e;
	if ((value >> 16) < 0xe800u && (mask & 0xf8000000u) == 0xf8000000u)
		return true; /* a 16-bit prefix: never a 32-bit encoding */
	for (unsigned i = 0; i < SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if ((x >> 16) < 0xe800u)
			continue;
		compare(t, x, 4, i & 1u);
	}
	return true;
}

START_TEST(test_t32_cubes)
{
	struct tally t = {0};
	decode_table_partition(DECODE_T32, cube, &t);
	report("T32 partition cubes (64 samples each), out of and in an IT "
	       "block", &t);
	ck_assert_uint_eq(t.mismatches, 0);
}
END_TEST

START_TEST(test_t32_random)
{
	struct tally t = {0};
	for (unsigned i = 0; i < RANDOM;) {
		uint32_t x = rnd();
		if ((x >> 16) < 0xe800u)
			continue;
		compare(&t, x, 4, i & 1u);
		i++;
	}
	report("random 32-bit encodings, out of and in an IT block", &t);
	ck_assert_uint_eq(t.mismatches, 0);
}
END_TEST

static Suite *t32_equiv_suite(void)
{
	Suite *s = suite_create("t32_equiv");
	TCase *tc = tcase_create("equiv");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_t16_every_encoding);
	tcase_add_test(tc, test_t32_cubes);
	tcase_add_test(tc, test_t32_random);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(t32_equiv_suite)
