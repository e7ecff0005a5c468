/* The scenario console (src/sim/scenario.c): fail_console texts found
 * when they arrive split over several chunks of output (as rounds of the
 * scheduler cut them), the earliest of several, NUL bytes in the output;
 * expect_console in order, missing, out of order, repeated; the tail shown
 * on failure; and the parser's new keys, first-error line numbers and
 * image lookup next to the scenario file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "sim/scenario.h"

static struct scenario *sc;
static struct scenario_console con;

static void setup(void)
{
	sc = calloc(1, sizeof *sc);
	ck_assert_ptr_nonnull(sc);
	ck_assert(scenario_console_open(&con));
}

static void teardown(void)
{
	scenario_console_close(&con);
	free(sc);
}

static void add_fail(const char *t)
{
	snprintf(sc->fail_console[sc->n_fail_console++], 256, "%s", t);
}

static void add_expect(const char *t)
{
	snprintf(sc->expect_console[sc->n_expect_console++], 256, "%s", t);
}

static void put(const char *t)
{
	fputs(t, con.f);
}

START_TEST(fail_text_split_over_chunks)
{
	add_fail("Kernel panic");
	put("[    1.0] Kernel pa");
	ck_assert(!scenario_console_watch(&con, sc));
	put("n");
	ck_assert(!scenario_console_watch(&con, sc));
	put("ic - not syncing\n");
	ck_assert(scenario_console_watch(&con, sc));
	ck_assert_int_eq(con.fail_index, 0);
	ck_assert_uint_eq(con.fail_end, strlen("[    1.0] Kernel panic"));
}
END_TEST

START_TEST(fail_text_one_byte_at_a_time)
{
	add_fail("Oops");
	const char *out = "OOps Oop Oops";
	size_t n = strlen(out);
	for (size_t i = 0; i < n; i++) {
		fputc(out[i], con.f);
		bool seen = scenario_console_watch(&con, sc);
		/* found with its last byte, not before */
		ck_assert_int_eq(seen, i == n - 1);
	}
	ck_assert_uint_eq(con.fail_end, n);
}
END_TEST

START_TEST(fail_text_no_output_no_match)
{
	add_fail("panic");
	ck_assert(!scenario_console_watch(&con, sc));
	put("all is well\n");
	ck_assert(!scenario_console_watch(&con, sc));
	ck_assert(!scenario_console_watch(&con, sc));
	ck_assert_int_eq(con.fail_index, -1);
}
END_TEST

START_TEST(fail_earliest_of_several)
{
	add_fail("second");
	add_fail("first");
	put("...first then second\n");
	ck_assert(scenario_console_watch(&con, sc));
	ck_assert_int_eq(con.fail_index, 1);
	ck_assert_uint_eq(con.fail_end, strlen("...first"));
	/* once seen, it stays seen */
	put("more");
	ck_assert(scenario_console_watch(&con, sc));
	ck_assert_int_eq(con.fail_index, 1);
}
END_TEST

START_TEST(fail_after_nul_bytes)
{
	add_fail("BUG:");
	fputc(0, con.f);
	put("noise");
	fputc(0, con.f);
	ck_assert(!scenario_console_watch(&con, sc));
	put("BU");
	ck_assert(!scenario_console_watch(&con, sc));
	put("G: bad page");
	ck_assert(scenario_console_watch(&con, sc));
}
END_TEST

START_TEST(expect_in_order)
{
	char why[600] = "";
	add_expect("Booting Linux");
	add_expect("Calibrating");
	add_expect("Freeing unused");
	put("Booting Linux on physical CPU 0x0\nCalibrating delay loop\n"
	    "Freeing unused kernel memory\n");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), -1);
}
END_TEST

START_TEST(expect_missing)
{
	char why[600] = "";
	add_expect("Booting Linux");
	add_expect("Run /init");
	add_expect("Freeing unused");
	put("Booting Linux\nFreeing unused kernel memory\n");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), 1);
	ck_assert_str_eq(why, "console never showed \"Run /init\" "
			      "(expect_console 2 of 3)");
}
END_TEST

START_TEST(expect_out_of_order)
{
	char why[600] = "";
	add_expect("second");
	add_expect("first");
	put("first\nsecond\n");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), 1);
	ck_assert_ptr_nonnull(strstr(why, "\"first\" only before \"second\""));
	ck_assert_ptr_nonnull(strstr(why, "out of order"));
}
END_TEST

START_TEST(expect_repeated_text_needs_two)
{
	char why[600] = "";
	add_expect("CPU up");
	add_expect("CPU up");
	put("CPU up\n");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), 1);
	put("CPU up\n");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), -1);
}
END_TEST

START_TEST(expect_does_not_overlap)
{
	/* the second text must start after the first one ends */
	char why[600] = "";
	add_expect("abc");
	add_expect("cde");
	put("abcde");
	ck_assert_int_eq(scenario_console_expect(&con, sc, why, sizeof why), 1);
}
END_TEST

START_TEST(tail_lines)
{
	put("one\r\ntwo\nthree\x01\nfour");
	char *t = scenario_console_tail(&con, 2);
	ck_assert_str_eq(t, "three.\nfour\n");
	free(t);
	t = scenario_console_tail(&con, 20);
	ck_assert_str_eq(t, "one\ntwo\nthree.\nfour\n");
	free(t);
	ck_assert_ptr_null(scenario_console_tail(&con, 0));
	put("\n");
	t = scenario_console_tail(&con, 1);
	ck_assert_str_eq(t, "four\n");
	free(t);
}
END_TEST

START_TEST(tail_empty)
{
	ck_assert_ptr_null(scenario_console_tail(&con, 20));
}
END_TEST

/* ---- the parser ---- */

static char tmpdir[64];
static char ini[128];

static void dir_setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/hypsim_scen_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(ini, sizeof ini, "%s/s.ini", tmpdir);
	char img[128];
	snprintf(img, sizeof img, "%s/kernel.bin", tmpdir);
	FILE *f = fopen(img, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not really a kernel", f);
	fclose(f);
}

static void dir_teardown(void)
{
	char p[160];
	snprintf(p, sizeof p, "%s/kernel.bin", tmpdir);
	unlink(p);
	unlink(ini);
	rmdir(tmpdir);
}

static void write_ini(const char *text)
{
	FILE *f = fopen(ini, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(parse_console_keys)
{
	struct scenario *s = calloc(1, sizeof *s);
	char err[512] = "";
	write_ini("[scenario]\nimage = kernel.bin\n[expect]\n"
		  "expect_console = Booting Linux\n"
		  "expect_console = Run /init\n"
		  "fail_console = Kernel panic\n"
		  "console_tail = 7\n");
	ck_assert_msg(scenario_parse(s, ini, "/nonexistent", err, sizeof err),
		      "%s", err);
	ck_assert_uint_eq(s->n_expect_console, 2);
	ck_assert_str_eq(s->expect_console[1], "Run /init");
	ck_assert_uint_eq(s->n_fail_console, 1);
	ck_assert_str_eq(s->fail_console[0], "Kernel panic");
	ck_assert_uint_eq(s->console_tail, 7);
	/* found beside the scenario file, not in the images folder */
	char want[160];
	snprintf(want, sizeof want, "%s/kernel.bin", tmpdir);
	ck_assert_str_eq(s->image, want);
	free(s);
}
END_TEST

START_TEST(parse_defaults)
{
	struct scenario *s = calloc(1, sizeof *s);
	char err[512] = "";
	write_ini("[scenario]\nimage = kernel.bin\n[expect]\nexit_code = 0\n");
	ck_assert_msg(scenario_parse(s, ini, NULL, err, sizeof err), "%s", err);
	ck_assert_uint_eq(s->console_tail, 20);
	ck_assert_uint_eq(s->run.max_insns, 50000000);
	free(s);
}
END_TEST

START_TEST(parse_first_error_keeps_its_line)
{
	struct scenario *s = calloc(1, sizeof *s);
	char err[512] = "", want[256];
	write_ini("[scenario]\nimage = kernel.bin\nfail_console = x\n"
		  "colour = red\n[expect]\nexit_code = zero\n");
	ck_assert(!scenario_parse(s, ini, NULL, err, sizeof err));
	/* line 3: fail_console belongs in [expect] */
	snprintf(want, sizeof want, "%s:3: unknown key 'fail_console' in "
		 "[scenario]", ini);
	ck_assert_str_eq(err, want);
	free(s);
}
END_TEST

START_TEST(parse_missing_image_is_an_error)
{
	struct scenario *s = calloc(1, sizeof *s);
	char err[512] = "";
	write_ini("[scenario]\n\nimage = vmlinuz\n[expect]\nexit_code = 0\n");
	ck_assert(!scenario_parse(s, ini, "/nonexistent", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, ":3: image: 'vmlinuz' is neither in"));
	ck_assert_ptr_nonnull(strstr(err, "nor in /nonexistent"));
	free(s);
}
END_TEST

START_TEST(parse_hang_at_forms)
{
	static const char *const good[] = {
		"0x40001000", "main", "main+0x10", "fw_page..fw_page+0x1000",
		"0x40000000..0x40001000", "$a.1",
	};
	static const char *const bad[] = {
		"main+", "+4", "1abc", "main..", "..main", "a b", "main+zz",
		"0x123456789",
	};
	char text[256], err[512];
	struct scenario *s = calloc(1, sizeof *s);
	for (unsigned i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(text, sizeof text, "[scenario]\nimage = kernel.bin\n"
			 "[expect]\nhang = any\nhang_at = %s\n", good[i]);
		write_ini(text);
		ck_assert_msg(scenario_parse(s, ini, NULL, err, sizeof err),
			      "%s: %s", good[i], err);
	}
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[scenario]\nimage = kernel.bin\n"
			 "[expect]\nhang = any\nhang_at = %s\n", bad[i]);
		write_ini(text);
		ck_assert_msg(!scenario_parse(s, ini, NULL, err, sizeof err),
			      "%s accepted", bad[i]);
		ck_assert_msg(strstr(err, ":5: bad hang_at"), "%s", err);
	}
	free(s);
}
END_TEST

START_TEST(parse_machine_limits)
{
	static const struct {
		const char *line, *msg;
	} cases[] = {
		{"cpus = cortex-a15x9", ":2: cpus: a cluster has 1 to 4 cores"},
		{"cpus = cortex-a15x4,cortex-a7x5", ":2: cpus: a cluster"},
		{"mem = 1025G", ":2: mem '1025G' is larger than"},
		{"mem_base = 0xffffff000000", ":2: RAM at 0xffffff000000"},
	};
	char text[256], err[512];
	struct scenario *s = calloc(1, sizeof *s);
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(text, sizeof text, "[scenario]\n%s\nimage = kernel.bin\n"
			 "[expect]\nexit_code = 0\n", cases[i].line);
		write_ini(text);
		ck_assert_msg(!scenario_parse(s, ini, NULL, err, sizeof err),
			      "%s accepted", cases[i].line);
		ck_assert_msg(strstr(err, cases[i].msg), "%s: %s", cases[i].line,
			      err);
	}
	/* four cores per cluster and 1 TiB of RAM from 0 are fine */
	write_ini("[scenario]\ncpus = cortex-a15x4,cortex-a7x4\nmem_base = 0\n"
		  "mem = 1024G\nimage = kernel.bin\n[expect]\nexit_code = 0\n");
	ck_assert_msg(scenario_parse(s, ini, NULL, err, sizeof err), "%s", err);
	free(s);
}
END_TEST

static Suite *scenario_console_suite(void)
{
	Suite *s = suite_create("scenario_console");
	TCase *tc = tcase_create("console");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fail_text_split_over_chunks);
	tcase_add_test(tc, fail_text_one_byte_at_a_time);
	tcase_add_test(tc, fail_text_no_output_no_match);
	tcase_add_test(tc, fail_earliest_of_several);
	tcase_add_test(tc, fail_after_nul_bytes);
	tcase_add_test(tc, expect_in_order);
	tcase_add_test(tc, expect_missing);
	tcase_add_test(tc, expect_out_of_order);
	tcase_add_test(tc, expect_repeated_text_needs_two);
	tcase_add_test(tc, expect_does_not_overlap);
	tcase_add_test(tc, tail_lines);
	tcase_add_test(tc, tail_empty);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("parse");
	tcase_add_checked_fixture(tp, dir_setup, dir_teardown);
	tcase_add_test(tp, parse_console_keys);
	tcase_add_test(tp, parse_defaults);
	tcase_add_test(tp, parse_first_error_keeps_its_line);
	tcase_add_test(tp, parse_missing_image_is_an_error);
	tcase_add_test(tp, parse_hang_at_forms);
	tcase_add_test(tp, parse_machine_limits);
	suite_add_tcase(s, tp);
	return s;
}

CHECK_MAIN(scenario_console_suite)
