/* THROWAWAY (removed with src/cpu/a32_old.c in the next commit): the
 * table-dispatched A32 decoder (a32_execute, and the decoded-instruction
 * cache's generic path) against the switch-tree decoder it replaces
 * (a32_execute_old, a verbatim copy), on
 *   - every cube of the A32 partition (decode_table_partition): SAMPLES
 *     encodings each, half with tamed register fields, half of those
 *     with the winning line's (0)/(1) bits set as drawn;
 *   - a random sweep of SWEEP encodings (A32_EQUIV_SWEEP overrides; cond =
 *     1110 three times in four, else as drawn).
 * Two identical machines run the same encoding from the same random state
 * (registers near the data or random, random flags, SVC mode): the
 * result (UNDEFINED or not, exception or not), the registers of every
 * mode, CPSR, SPSRs, the FP registers, CP15, the run state, the exclusive
 * monitor and RAM must be identical. Writes to CP14/CP15 (MCR, MCRR, LDC,
 * STC, CDP with coproc 14/15) are not run: they would change the
 * machines' configuration for every later sample (both alike, but the
 * samples would then fault). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
#include "mmu/bus.h"
#include "sim/machine.h"

enum exec_result a32_execute_old(struct cpu *cpu, uint32_t insn);

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00010000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)
#define SAMPLES 64
#define SWEEP 3000000u

static struct machine ma, mb;
static struct decoded_insn dcache;

static void enable_fp(struct cpu *c)
{
	c->cp15.nsacr = (c->cp15.nsacr | 3u << 10) & ~(3u << 14);
	c->cp15.cpacr = (c->cp15.cpacr | 0xfu << 20) & ~(3u << 30);
	c->fp.fpexc |= 1u << 30;
}

static void setup(void)
{
	unit_machine(&ma, &cortex_a15_model, 1, RAM_BASE, RAM_SIZE, ENTRY_SVC,
		     CODE);
	unit_machine(&mb, &cortex_a15_model, 1, RAM_BASE, RAM_SIZE, ENTRY_SVC,
		     CODE);
	enable_fp(&ma.cpus[0]);
	enable_fp(&mb.cpus[0]);
}

static void teardown(void)
{
	machine_destroy(&ma);
	machine_destroy(&mb);
}

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}

struct state {
	uint32_t r[15], flags, mode;
	uint64_t d[32];
};

static void random_state(struct state *s)
{
	static const uint32_t modes[] = { MODE_SVC, MODE_SVC, MODE_SVC,
					  MODE_USR, MODE_SYS, MODE_ABT };
	bool tame = rnd() & 1;
	for (unsigned i = 0; i < 15; i++) {
		uint32_t v = rnd();
		s->r[i] = tame ? DATA + 0x100u * i
			       : ((v & 7) ? DATA + (rnd() & 0x3ffcu) : v);
	}
	s->flags = rnd() & 0xf80f0000u; /* NZCVQ, GE */
	s->mode = modes[rnd() % 6];
	for (unsigned i = 0; i < 32; i++)
		s->d[i] = ((uint64_t)rnd() << 32) | rnd();
}

static void load_state(struct cpu *c, const struct state *s)
{
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F;
	cpu_set_mode(c, s->mode);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F |
		  s->flags;
	memcpy(c->r, s->r, sizeof s->r);
	c->r[15] = CODE;
	memcpy(c->fp.d, s->d, sizeof s->d);
	c->state = CPU_RUNNING;
	c->event_register = false;
	c->excl.open = false;
}

static enum exec_result run(struct cpu *c, uint32_t insn, int how)
{
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	if (how == 0)
		return a32_execute_old(c, insn);
	if (how == 1)
		return a32_execute(c, insn);
	/* the decoded-instruction cache, as step.c uses it */
	if (dcache.insn != insn || (rnd() & 1))
		a32_predecode(&dcache, insn);
	unsigned cond = insn >> 28;
	if (cond < 0xe && !decode_cond_passed(c->cpsr, cond))
		return EXEC_OK;
	return dcache.fn(c, &dcache);
}

static const char *differs(const struct cpu *a, const struct cpu *b)
{
	if (memcmp(a->r, b->r, sizeof a->r))
		return "registers";
	if (a->cpsr != b->cpsr)
		return "CPSR";
	if (memcmp(a->bank_r8_12_usr, b->bank_r8_12_usr,
		   sizeof a->bank_r8_12_usr) ||
	    memcmp(a->bank_r8_12_fiq, b->bank_r8_12_fiq,
		   sizeof a->bank_r8_12_fiq) ||
	    memcmp(a->bank_sp, b->bank_sp, sizeof a->bank_sp) ||
	    memcmp(a->bank_lr, b->bank_lr, sizeof a->bank_lr) ||
	    memcmp(a->bank_spsr, b->bank_spsr, sizeof a->bank_spsr) ||
	    a->elr_hyp != b->elr_hyp)
		return "banked registers";
	if (memcmp(a->fp.d, b->fp.d, sizeof a->fp.d) ||
	    a->fp.fpscr != b->fp.fpscr || a->fp.fpexc != b->fp.fpexc)
		return "FP state";
	if (memcmp(&a->cp15, &b->cp15, sizeof a->cp15))
		return "CP15";
	if (a->state != b->state || a->event_register != b->event_register ||
	    a->pc_written != b->pc_written)
		return "run state";
	if (a->excl.open != b->excl.open ||
	    (a->excl.open &&
	     (a->excl.pa != b->excl.pa || a->excl.size != b->excl.size)))
		return "exclusive monitor";
	if (memcmp(bus_ram_ptr(&ma.bus, RAM_BASE, RAM_SIZE),
		   bus_ram_ptr(&mb.bus, RAM_BASE, RAM_SIZE), RAM_SIZE))
		return "memory";
	return NULL;
}

/* MCR, MCRR, LDC, STC, CDP (and their "2" forms) to CP14/CP15. */
static bool system_write(uint32_t insn)
{
	unsigned coproc = (insn >> 8) & 15;
	if (coproc < 14 || (insn & 0x0c000000u) != 0x0c000000u)
		return false;
	if ((insn & 0x0f000000u) == 0x0f000000u)
		return false; /* SVC */
	if ((insn & 0x0f100010u) == 0x0e100010u)
		return false; /* MRC */
	if ((insn & 0x0ff00000u) == 0x0c500000u)
		return false; /* MRRC */
	return true;
}

struct equiv {
	uint64_t compared, undefined, mismatches;
};

static void compare(struct equiv *q, uint32_t insn)
{
	struct cpu *a = &ma.cpus[0], *b = &mb.cpus[0];
	struct state s;
	if (system_write(insn))
		return;
	random_state(&s);
	load_state(a, &s);
	load_state(b, &s);
	enum exec_result ra = run(a, insn, 0);
	enum exec_result rb = run(b, insn, 1 + (int)(q->compared & 1));
	bool ua = ra == EXEC_EXCEPTION && cpu_mode(a) == MODE_UND;
	q->compared++;
	q->undefined += ua;
	const char *what = ra != rb ? "result" : differs(a, b);
	if (what) {
		if (q->mismatches++ < 30)
			printf("A32 %08x (%s): old and table decoders differ "
			       "in %s (old result %d, new %d)\n",
			       insn,
			       decode_table_lookup(DECODE_A32, insn)
				       ? decode_table_lookup(DECODE_A32, insn)
						 ->name
				       : "unallocated",
			       what, (int)ra, (int)rb);
		/* resynchronise */
		memcpy(bus_ram_ptr(&mb.bus, RAM_BASE, RAM_SIZE),
		       bus_ram_ptr(&ma.bus, RAM_BASE, RAM_SIZE), RAM_SIZE);
		b->cp15 = a->cp15;
		b->fp = a->fp;
		memcpy(b->r, a->r, sizeof a->r);
		b->cpsr = a->cpsr;
		memcpy(b->bank_r8_12_usr, a->bank_r8_12_usr,
		       sizeof a->bank_r8_12_usr);
		memcpy(b->bank_r8_12_fiq, a->bank_r8_12_fiq,
		       sizeof a->bank_r8_12_fiq);
		memcpy(b->bank_sp, a->bank_sp, sizeof a->bank_sp);
		memcpy(b->bank_lr, a->bank_lr, sizeof a->bank_lr);
		memcpy(b->bank_spsr, a->bank_spsr, sizeof a->bank_spsr);
		b->elr_hyp = a->elr_hyp;
	}
}

static uint32_t tame(uint32_t x, uint32_t fixed)
{
	for (unsigned bit = 0; bit < 32; bit += 4) {
		uint32_t nib = 0xfu << bit, v;
		if (fixed & nib)
			continue;
		switch (rnd() & 3u) {
		case 0: v = rnd() % 13u; break;
		case 1: v = 0; break;
		case 2: v = 15; break;
		default: v = rnd() & 15u; break;
		}
		x = (x & ~nib) | (v << bit);
	}
	return x;
}

static bool cube(void *arg, uint32_t mask, uint32_t value,
		 const struct decode_entry *e)
{
	struct equiv *q = arg;
	for (unsigned i = 0; i < SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if (i & 1)
			x = (tame(x, mask) & ~mask) | value;
		if (e && (i & 2)) {
			const struct decode_entry *f =
				decode_table_lookup_local(DECODE_A32, x);
			if (f && f->ends != ENDS_DELEGATE)
				x = (x & ~(f->sbz | f->sbo)) | f->sbo;
		}
		/* the condition passes (flags random otherwise) */
		if ((x >> 28) != 0xfu && (i & 4))
			x = (x & 0x0fffffffu) | 0xe0000000u;
		compare(q, x);
	}
	return true;
}

START_TEST(test_equivalence)
{
	struct equiv cubes = {0}, sweep = {0};
	decode_table_partition(DECODE_A32, cube, &cubes);
	printf("A32 table vs switch tree, partition cubes: %llu encodings "
	       "compared (%llu UNDEFINED), %llu differ\n",
	       (unsigned long long)cubes.compared,
	       (unsigned long long)cubes.undefined,
	       (unsigned long long)cubes.mismatches);
	const char *env = getenv("A32_EQUIV_SWEEP");
	uint32_t n = env ? (uint32_t)strtoul(env, NULL, 0) : SWEEP;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t x = rnd();
		if ((x >> 28) != 0xfu && (i & 3))
			x = (x & 0x0fffffffu) | 0xe0000000u;
		compare(&sweep, x);
	}
	printf("A32 table vs switch tree, random sweep: %llu encodings "
	       "compared (%llu UNDEFINED), %llu differ\n",
	       (unsigned long long)sweep.compared,
	       (unsigned long long)sweep.undefined,
	       (unsigned long long)sweep.mismatches);
	ck_assert_uint_gt(cubes.compared, 100000);
	ck_assert_uint_eq(cubes.mismatches, 0);
	ck_assert_uint_eq(sweep.mismatches, 0);
}
END_TEST

static Suite *a32_table_equiv_suite(void)
{
	Suite *s = suite_create("a32_table_equiv");
	TCase *tc = tcase_create("equiv");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_equivalence);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(a32_table_equiv_suite)
