/* Number parsing of the command line and scenario files (run_options.c):
 * the values the outside audit found accepted — negative numbers wrapped
 * to 2^64 - n, overflowing numbers, K/M/G suffixes that shift bits out,
 * core counts that wrap to 32 bits — are refused. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "sim/run_options.h"

START_TEST(size_accepts_plain_and_suffixed)
{
	uint64_t v;
	ck_assert(run_parse_size("128M", &v) && v == 128ull << 20);
	ck_assert(run_parse_size("0x1000", &v) && v == 0x1000);
	ck_assert(run_parse_size("4KB", &v) && v == 4096);
	ck_assert(run_parse_size("0xffffffffffffffff", &v) && v == UINT64_MAX);
	ck_assert(run_parse_size("0x3fffffffffffffK", &v) &&
		  v == 0x3fffffffffffffull << 10);
}
END_TEST

START_TEST(size_refuses_overflow_and_signs)
{
	uint64_t v = 7;
	ck_assert(!run_parse_size("0x10000000000000000", &v));
	ck_assert(!run_parse_size("99999999999999999999999", &v));
	/* the shift would drop the top bits: 1 KiB */
	ck_assert(!run_parse_size("0x40000000000001K", &v));
	ck_assert(!run_parse_size("0x40000000000000K", &v));
	ck_assert(!run_parse_size("-5", &v));
	ck_assert(!run_parse_size("+5", &v));
	ck_assert(!run_parse_size(" 5", &v));
	ck_assert(!run_parse_size("", &v));
	ck_assert(!run_parse_size("5Q", &v));
	ck_assert_uint_eq(v, 7); /* untouched on failure */
}
END_TEST

START_TEST(u64_has_no_suffixes)
{
	uint64_t v;
	ck_assert(run_parse_u64("42", &v) && v == 42);
	ck_assert(!run_parse_u64("4K", &v));
	ck_assert(!run_parse_u64("-1", &v));
	ck_assert(!run_parse_u64("18446744073709551616", &v));
}
END_TEST

START_TEST(core_count_does_not_wrap)
{
	struct machine_config mc;
	char err[160];
	memset(&mc, 0, sizeof mc);
	ck_assert(!run_parse_cpus(&mc, "cortex-a15x4294967297", err, sizeof err));
	ck_assert(strstr(err, "1 to 4 cores") != NULL);
	ck_assert(!run_parse_cpus(&mc, "cortex-a15x99999999999999999999", err,
				  sizeof err));
	ck_assert(run_parse_cpus(&mc, "cortex-a15x2,cortex-a7x3", err, sizeof err));
	ck_assert_uint_eq(mc.n_clusters, 2);
	ck_assert_uint_eq(mc.clusters[1].count, 3);
}
END_TEST

START_TEST(ram_range_checked_before_allocation)
{
	char err[160];
	ck_assert(run_check_ram(0x40000000, 128ull << 20, err, sizeof err));
	ck_assert(!run_check_ram(0x40000000, 0xfffffffffffff000ull, err,
				 sizeof err));
	ck_assert(run_check_ram(0xffffffffffull, 1, err, sizeof err));
	ck_assert(!run_check_ram(1ull << 40, 1, err, sizeof err));
	ck_assert(!run_check_ram(0, 0, err, sizeof err));
	ck_assert(run_check_ram(0, 1ull << 40, err, sizeof err));
	ck_assert(!run_check_ram(1, 1ull << 40, err, sizeof err));
}
END_TEST

START_TEST(alias_text_is_not_cut)
{
	uint64_t b, s;
	char longtext[80];
	/* longer than the parser's buffer: cut short it would be some
	 * other number */
	memset(longtext, '0', sizeof longtext);
	memcpy(longtext, "0x80000000:1", 12);
	longtext[sizeof longtext - 1] = 0;
	ck_assert(!run_parse_alias(longtext, &b, &s));
	ck_assert(run_parse_alias("0x80000000:0x1000", &b, &s) &&
		  b == 0x80000000 && s == 0x1000);
}
END_TEST

static Suite *run_options_suite(void)
{
	Suite *s = suite_create("run_options");
	TCase *t = tcase_create("numbers");
	tcase_add_test(t, size_accepts_plain_and_suffixed);
	tcase_add_test(t, size_refuses_overflow_and_signs);
	tcase_add_test(t, u64_has_no_suffixes);
	tcase_add_test(t, core_count_does_not_wrap);
	tcase_add_test(t, ram_range_checked_before_allocation);
	tcase_add_test(t, alias_text_is_not_cut);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(run_options_suite)
