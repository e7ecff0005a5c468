/* TEMPORARY (issue 14): the table-driven Floating-point and Advanced SIMD
 * entry points (vfp_cdp_or_transfer, vfp_ldst_or_64, vfp_neon_dp,
 * vfp_neon_ls: vfp.def / neon.def lookup, the (0)/(1) policy, the access
 * checks, the line's handler) against the switch-tree decoders they
 * replace (old_vfp_neon_decoders.inc, a copy taken before the change).
 *
 * Two identical machines: the old entry point runs on one, the new on
 * the other, from the same state (copied from one to the other), for samples of every cube of
 * decode_table_partition(DECODE_VFP / DECODE_NEON) and a random sweep of
 * the four spaces, each in A32 and in T32 form (Thumb state: Rt = SP and
 * Rn = PC rules differ), under several access configurations (enabled;
 * FPEXC.EN clear; CPACR.D32DIS/ASEDIS; Non-secure with HCPTR trapping to
 * Hyp mode; User mode) and FPSCR values (LEN/STRIDE non-zero: V1). The
 * result, every architectural register (core, banked, FP, FPSCR, FPEXC,
 * CP15: a trap's HSR, a fault's DFAR) and the memory the registers point
 * at must be the same. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/decode_table.h"
#include "cpu/fp.h"
#include "mmu/bus.h"
#include "sim/machine.h"

#include "old_vfp_neon_decoders.inc"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00100000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)
#define WIN_BASE (DATA - 0x2000u)
#define WIN_SIZE 0x6000u
#define CUBE_SAMPLES 24
#ifndef SWEEP
#define SWEEP 400000u
#endif

static struct machine tm[2];

static void setup(void)
{
	for (unsigned k = 0; k < 2; k++)
		unit_machine(&tm[k], &cortex_a15_model, 1, RAM_BASE, RAM_SIZE,
			     ENTRY_SVC, CODE);
}

static void teardown(void)
{
	for (unsigned k = 0; k < 2; k++)
		machine_destroy(&tm[k]);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}

typedef enum exec_result (*entry_fn)(struct cpu *, uint32_t);

struct stats {
	unsigned long samples, undef, trap, ok, other, mismatches;
};

/* The state both machines start a sample from: a function of `seed`. */
static void prepare(struct cpu *c, uint64_t seed, bool thumb, uint32_t insn)
{
	uint64_t keep = rng;
	rng = seed | 1;
	unsigned variant = rnd() % 8u;
	cpu_set_mode(c, variant == 6 ? MODE_USR : MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F |
		  (thumb ? CPSR_T : 0) | (rnd() & 0xf0000000u);
	c->cp15.scr &= ~SCR_NS;
	c->cp15.hcptr = 0;
	/* NSACR.CP10/CP11 without NSASEDIS/NSD32DIS, CPACR full access
	 * without ASEDIS/D32DIS, FPEXC.EN (B4.1.111, B4.1.40, B6.1.6). */
	c->cp15.nsacr = (c->cp15.nsacr | 3u << 10) & ~(3u << 14);
	c->cp15.cpacr = (c->cp15.cpacr | 0xfu << 20) & ~(3u << 30);
	c->fp.fpexc = 1u << 30;
	switch (variant) {
	case 1: /* FPEXC.EN clear */
		c->fp.fpexc = 0;
		break;
	case 2: /* CPACR.D32DIS */
		c->cp15.cpacr |= 1u << 30;
		break;
	case 3: /* CPACR.ASEDIS */
		c->cp15.cpacr |= 1u << 31;
		break;
	case 4: /* Non-secure, HCPTR.TCP10/TCP11: a trap to Hyp mode */
		c->cp15.scr |= SCR_NS;
		c->cp15.hcptr = 3u << 10;
		break;
	case 5: /* Non-secure, HCPTR.TASE */
		c->cp15.scr |= SCR_NS;
		c->cp15.hcptr = 1u << 15;
		break;
	default:
		break;
	}
	c->r[15] = CODE;
	for (unsigned i = 0; i < 15; i++)
		c->r[i] = (rnd() & 7u) ? DATA + 0x100u * i + (rnd() & 0x30u)
				       : rnd();
	for (unsigned i = 0; i < 32; i++)
		c->fp.d[i] = ((uint64_t)rnd() << 32) | rnd();
	c->fp.fpscr = rnd() & FPSCR_WRITABLE;
	if (rnd() & 3u) /* mostly no short vectors (V1) */
		c->fp.fpscr &= ~(FPSCR_LEN_MASK | FPSCR_STRIDE_MASK);
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	uint8_t *w = bus_ram_ptr(&tm[0].bus, WIN_BASE, WIN_SIZE);
	for (unsigned i = 0; i < WIN_SIZE; i += 4) {
		uint32_t v = rnd();
		memcpy(w + i, &v, 4);
	}
	bus_ram_written(&tm[0].bus, WIN_BASE, WIN_SIZE);
	rng = keep;
}

static bool same_state(void)
{
	const struct cpu *a = &tm[0].cpus[0], *b = &tm[1].cpus[0];
	size_t lo = offsetof(struct cpu, r), hi = offsetof(struct cpu, model);
	if (memcmp((const char *)a + lo, (const char *)b + lo, hi - lo))
		return false;
	return memcmp(bus_ram_ptr(&tm[0].bus, WIN_BASE, WIN_SIZE),
		      bus_ram_ptr(&tm[1].bus, WIN_BASE, WIN_SIZE),
		      WIN_SIZE) == 0;
}

/* Machine 1 gets machine 0's architectural state and memory window, so
 * that a divergence of an earlier sample (in state prepare() does not
 * set, such as a banked SPSR) cannot show up in a later one. */
static void same_start(void)
{
	struct cpu *a = &tm[0].cpus[0], *b = &tm[1].cpus[0];
	size_t lo = offsetof(struct cpu, r), hi = offsetof(struct cpu, model);
	memcpy((char *)b + lo, (const char *)a + lo, hi - lo);
	memcpy(bus_ram_ptr(&tm[1].bus, WIN_BASE, WIN_SIZE),
	       bus_ram_ptr(&tm[0].bus, WIN_BASE, WIN_SIZE), WIN_SIZE);
	bus_ram_written(&tm[1].bus, WIN_BASE, WIN_SIZE);
	b->insn = a->insn;
	b->insn_size = a->insn_size;
	b->pc_written = a->pc_written;
}

/* One encoding (A32 form) through the entry point its A32 DELEGATE line
 * names, old on machine 0 and new on machine 1. */
static void compare_one(struct stats *s, uint32_t x, bool thumb)
{
	if (thumb && (x >> 28) != 0xfu)
		x = (x & 0x0fffffffu) | 0xe0000000u; /* T32 VFP: 1110 */
	if (!thumb && (x >> 28) == 0xfu && (x & 0x0e000000u) != 0x02000000u &&
	    (x & 0x0f100000u) != 0x04000000u)
		return;
	const struct decode_entry *d = decode_table_lookup_local(DECODE_A32, x);
	if (!d || d->ends != ENDS_DELEGATE)
		return;
	entry_fn old_fn, new_fn;
	if (!strcmp(d->name, "VFP_cdp_xfer")) {
		old_fn = old_vfp_cdp_or_transfer;
		new_fn = vfp_cdp_or_transfer;
	} else if (!strcmp(d->name, "VFP_ldst_64")) {
		old_fn = old_vfp_ldst_or_64;
		new_fn = vfp_ldst_or_64;
	} else if (!strcmp(d->name, "NEON_dp")) {
		old_fn = old_vfp_neon_dp;
		new_fn = vfp_neon_dp;
	} else {
		old_fn = old_vfp_neon_ls;
		new_fn = vfp_neon_ls;
	}
	uint64_t seed = ((uint64_t)rnd() << 32) | rnd();
	enum exec_result res[2];
	prepare(&tm[0].cpus[0], seed, thumb, x);
	same_start();
	for (unsigned k = 0; k < 2; k++)
		res[k] = (k ? new_fn : old_fn)(&tm[k].cpus[0], x);
	s->samples++;
	struct cpu *c = &tm[1].cpus[0];
	if (res[1] == EXEC_EXCEPTION && cpu_mode(c) == MODE_UND)
		s->undef++;
	else if (res[1] == EXEC_EXCEPTION && cpu_mode(c) == MODE_HYP)
		s->trap++;
	else if (res[1] == EXEC_OK)
		s->ok++;
	else
		s->other++;
	if (res[0] != res[1] || !same_state()) {
		if (s->mismatches++ < 20)
			printf("%s %08x (%s): old %d new %d, states %s\n",
			       thumb ? "T32" : "A32", x, d->name, res[0],
			       res[1], same_state() ? "same" : "differ");
	}
}

struct cube_arg {
	struct stats *s;
	unsigned long cubes;
};

static bool cube(void *arg, uint32_t mask, uint32_t value,
		 const struct decode_entry *e)
{
	struct cube_arg *a = arg;
	(void)e;
	a->cubes++;
	for (unsigned i = 0; i < CUBE_SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if (i & 2) /* the (0)/(1) bits of the line as drawn */
			x = e ? (x & ~e->sbz) | e->sbo : x;
		compare_one(a->s, x, i & 1);
	}
	return true;
}

static void report(const char *what, const struct stats *s)
{
	printf("old vs table %s: %lu samples (%lu UNDEFINED, %lu Hyp traps, "
	       "%lu executed, %lu other exceptions), %lu mismatches\n",
	       what, s->samples, s->undef, s->trap, s->ok, s->other,
	       s->mismatches);
}

START_TEST(test_partition_cubes)
{
	static struct stats s;
	memset(&s, 0, sizeof s);
	struct cube_arg vfp = {&s, 0}, neon = {&s, 0};
	decode_table_partition(DECODE_VFP, cube, &vfp);
	decode_table_partition(DECODE_NEON, cube, &neon);
	printf("partition: %lu VFP cubes, %lu NEON cubes\n", vfp.cubes,
	       neon.cubes);
	report("(partition cubes)", &s);
	ck_assert_uint_gt(s.samples, 10000);
	ck_assert_uint_gt(s.undef, 1000);
	ck_assert_uint_gt(s.trap, 100);
	ck_assert_uint_gt(s.ok, 1000);
	ck_assert_uint_eq(s.mismatches, 0);
}
END_TEST

START_TEST(test_random_sweep)
{
	static struct stats s;
	memset(&s, 0, sizeof s);
	for (unsigned i = 0; i < SWEEP; i++) {
		uint32_t x = rnd();
		switch (i & 3u) {
		case 0: /* CP10/CP11 data processing and transfers */
			x = (x & 0xf0fff1ffu) | 0x0e000a00u;
			break;
		case 1: /* CP10/CP11 load/store and 64-bit transfers */
			x = (x & 0xf1fff1ffu) | 0x0c000a00u;
			break;
		case 2:
			x = (x & 0x01ffffffu) | 0xf2000000u;
			break;
		default:
			x = (x & 0x00efffffu) | 0xf4000000u;
			break;
		}
		compare_one(&s, x, (i >> 2) & 1u);
	}
	report("(random sweep)", &s);
	ck_assert_uint_gt(s.samples, SWEEP / 2);
	ck_assert_uint_eq(s.mismatches, 0);
}
END_TEST

static Suite *equiv_suite(void)
{
	Suite *s = suite_create("vfp_table_equiv");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_partition_cubes);
	tcase_add_test(tc, test_random_sweep);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(equiv_suite)
