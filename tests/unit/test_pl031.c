/* The PL031 RTC (src/devices/pl031.c): the counter follows machine time
 * (a fake clock: struct timing's round_start moved by hand), RTCLR loads
 * it, the match interrupt fires through timing_run_due, and any access at
 * any offset completes. */
#include <check.h>

#include "check_main.h"
#include "devices/pl031.h"

#define IPS 1000u /* one second = 1000 periods */
#define EPOCH 1700000000u

static struct timing clk;
static struct pl031 r;
static bool irq_level;
static unsigned irq_changes;

static void irq_sink(void *opaque, unsigned n, bool level)
{
	ck_assert_uint_eq(n, 34);
	irq_level = level;
	irq_changes++;
}

static uint32_t rd(uint32_t off)
{
	uint64_t v = 0xdeadbeef;
	ck_assert(pl031_ops.read(&r, off, 4, &v, NULL));
	return (uint32_t)v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert(pl031_ops.write(&r, off, 4, v, NULL));
}

/* Let machine time reach t, firing what is due, as the scheduler does at
 * the end of a round. */
static void advance_to(uint64_t t)
{
	clk.round_start = t;
	timing_run_due(&clk, t);
}

static void setup(void)
{
	timing_init(&clk, IPS);
	pl031_init(&r, &clk, EPOCH);
	irq_line_connect(&r.irq, irq_sink, NULL, 34);
	irq_level = false;
	irq_changes = 0;
}

START_TEST(dr_follows_machine_time)
{
	ck_assert_uint_eq(rd(PL031_DR), EPOCH);
	clk.round_start = IPS - 1;
	ck_assert_uint_eq(rd(PL031_DR), EPOCH);
	clk.round_start = IPS;
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 1);
	clk.round_start = 1000 * IPS + 999;
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 1000);
	/* DR is read-only */
	wr(PL031_DR, 5);
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 1000);
	ck_assert_uint_eq(rd(PL031_CR), 1);
}
END_TEST

/* Inside a core's slice the core's own time counts (timing_now). */
START_TEST(dr_reads_the_running_core_time)
{
	uint64_t icount = 100;
	clk.round_start = 10 * IPS;
	clk.cur_icount = &icount;
	clk.cur_icount0 = 100;
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 10);
	icount += 2 * IPS;
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 12);
	clk.cur_icount = NULL;
}
END_TEST

START_TEST(load_register)
{
	clk.round_start = 5 * IPS + 700;
	wr(PL031_LR, 100);
	ck_assert_uint_eq(rd(PL031_DR), 100);
	ck_assert_uint_eq(rd(PL031_LR), 100);
	/* the 1 Hz clock runs on: the next tick is at 6 s of machine time */
	clk.round_start = 6 * IPS - 1;
	ck_assert_uint_eq(rd(PL031_DR), 100);
	clk.round_start = 6 * IPS;
	ck_assert_uint_eq(rd(PL031_DR), 101);
	clk.round_start = 60 * IPS;
	ck_assert_uint_eq(rd(PL031_DR), 155);
	ck_assert_uint_eq(rd(PL031_LR), 100);
	/* wrapping past 2^32 - 1 */
	wr(PL031_LR, 0xffffffff);
	clk.round_start = 61 * IPS;
	ck_assert_uint_eq(rd(PL031_DR), 0);
}
END_TEST

START_TEST(match_interrupt)
{
	wr(PL031_IMSC, 1);
	wr(PL031_MR, EPOCH + 3);
	ck_assert_uint_eq(rd(PL031_MR), EPOCH + 3);
	ck_assert(r.match_ev.scheduled);
	ck_assert_uint_eq(timing_next(&clk), 3 * IPS);
	advance_to(3 * IPS - 1);
	ck_assert_uint_eq(rd(PL031_RIS), 0);
	ck_assert(!irq_level);
	advance_to(3 * IPS);
	ck_assert_uint_eq(rd(PL031_DR), EPOCH + 3);
	ck_assert_uint_eq(rd(PL031_RIS), 1);
	ck_assert_uint_eq(rd(PL031_MIS), 1);
	ck_assert(irq_level);
	/* ICR clears it; the match is not repeated */
	wr(PL031_ICR, 1);
	ck_assert(!irq_level);
	ck_assert_uint_eq(rd(PL031_RIS), 0);
	ck_assert(!r.match_ev.scheduled);
}
END_TEST

START_TEST(match_masked)
{
	wr(PL031_MR, EPOCH + 2);
	advance_to(10 * IPS);
	ck_assert_uint_eq(rd(PL031_RIS), 1);
	ck_assert_uint_eq(rd(PL031_MIS), 0);
	ck_assert(!irq_level);
	wr(PL031_IMSC, 1);
	ck_assert(irq_level);
	wr(PL031_IMSC, 0);
	ck_assert(!irq_level);
	ck_assert_uint_eq(rd(PL031_IMSC), 0);
}
END_TEST

/* An RTCLR write moves the match: loading close to MR brings it nearer,
 * loading MR itself matches at once. */
START_TEST(load_moves_match)
{
	wr(PL031_IMSC, 1);
	wr(PL031_MR, 1000);
	clk.round_start = 2 * IPS + 500;
	wr(PL031_LR, 990);
	/* 990 now, 991 at 3 s, ... 1000 at 12 s */
	ck_assert_uint_eq(timing_next(&clk), 12 * IPS);
	advance_to(11 * IPS);
	ck_assert(!irq_level);
	advance_to(12 * IPS);
	ck_assert(irq_level);
	ck_assert_uint_eq(rd(PL031_DR), 1000);
	wr(PL031_ICR, 1);
	wr(PL031_LR, 1000);
	ck_assert(irq_level);
	/* a match in the past is 2^32 s away: not before a long time */
	wr(PL031_ICR, 1);
	wr(PL031_MR, 999);
	advance_to(1000000 * (uint64_t)IPS);
	ck_assert(!irq_level);
}
END_TEST

START_TEST(id_registers)
{
	static const uint8_t id[8] = {0x31, 0x10, 0x04, 0x00,
				      0x0d, 0xf0, 0x05, 0xb1};
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(PL031_PERIPHID0 + 4 * i), id[i]);
}
END_TEST

START_TEST(sweep_every_offset_and_size)
{
	static const unsigned sizes[] = {1, 2, 3, 4, 8, 16, 0};
	static const uint64_t vals[] = {0, ~0ull, 0x5a5a5a5a5a5a5a5aull};

	for (unsigned off = 0; off < PL031_SIZE + 16; off++) {
		for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]);
		     s++) {
			uint64_t v = 0x1234;
			ck_assert(pl031_ops.read(&r, off, sizes[s], &v, NULL));
			if ((off >= 0x20 && off < 0xfe0) ||
			    off >= PL031_SIZE || (off & 3))
				ck_assert_uint_eq(v, 0);
			for (unsigned k = 0; k < 3; k++)
				ck_assert(pl031_ops.write(&r, off, sizes[s],
							  vals[k], NULL));
		}
		clk.round_start += 7;
		timing_run_due(&clk, clk.round_start);
	}
	ck_assert_uint_eq(rd(PL031_PERIPHID0), 0x31);
}
END_TEST

static Suite *pl031_suite(void)
{
	Suite *s = suite_create("pl031");
	TCase *tc = tcase_create("pl031");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, dr_follows_machine_time);
	tcase_add_test(tc, dr_reads_the_running_core_time);
	tcase_add_test(tc, load_register);
	tcase_add_test(tc, match_interrupt);
	tcase_add_test(tc, match_masked);
	tcase_add_test(tc, load_moves_match);
	tcase_add_test(tc, id_registers);
	tcase_add_test(tc, sweep_every_offset_and_size);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pl031_suite)
