/* The UNPREDICTABLE policy list (src/cpu/unpredictable.def): the committed
 * tests/diff/UNPREDICTABLE.md is what unpredictable_write_md() produces
 * (HYPSIM_UPDATE_UNPREDICTABLE=1 rewrites it instead), and the cases where
 * the A32 and T32 decoders were made to agree behave the same in both. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/unpredictable.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00100000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)
#define MD_PATH HYPSIM_SOURCE_DIR "/tests/diff/UNPREDICTABLE.md"

static struct machine tm;
static struct cpu *c;

static void setup(void)
{
	unit_machine(&tm, &cortex_a15_model, 1, RAM_BASE, RAM_SIZE, ENTRY_SVC,
		     CODE);
	c = &tm.cpus[0];
}

static void teardown(void)
{
	machine_destroy(&tm);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	do {
		if (n + 4096 > cap) {
			cap = cap * 2 + 4096;
			char *nb = realloc(buf, cap);
			ck_assert_ptr_nonnull(nb);
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

START_TEST(test_md_is_generated)
{
	char *gen = NULL;
	size_t gen_len = 0;
	FILE *m = open_memstream(&gen, &gen_len);
	ck_assert_ptr_nonnull(m);
	unpredictable_write_md(m);
	fclose(m);

	if (getenv("HYPSIM_UPDATE_UNPREDICTABLE")) {
		FILE *f = fopen(MD_PATH, "wb");
		ck_assert_msg(f != NULL, "cannot write %s", MD_PATH);
		ck_assert_uint_eq(fwrite(gen, 1, gen_len, f), gen_len);
		fclose(f);
	}
	size_t len = 0;
	char *committed = slurp(MD_PATH, &len);
	ck_assert_msg(committed != NULL, "cannot read %s", MD_PATH);
	size_t i = 0;
	while (i < len && i < gen_len && committed[i] == gen[i])
		i++;
	ck_assert_msg(len == gen_len && i == len,
		      "%s differs from what unpredictable.def generates at "
		      "byte %zu (run HYPSIM_UPDATE_UNPREDICTABLE=1 %s)",
		      MD_PATH, i, "build/tests/test_unpredictable");
	free(committed);
	free(gen);
}
END_TEST

START_TEST(test_every_case_filled)
{
	for (unsigned i = 0; i < UNPRED_COUNT; i++) {
		ck_assert_ptr_nonnull(unpredictable_case(i));
		ck_assert(unpredictable_case(i)[0] != '\0');
		ck_assert(unpredictable_choice(i)[0] != '\0');
	}
	ck_assert_ptr_null(unpredictable_case(UNPRED_COUNT));
	ck_assert_uint_ge(UNPRED_COUNT, 40);
}
END_TEST

/* Run one encoding in Non-secure SVC; true when it was UNDEFINED. */
static bool undefs(uint32_t insn, bool thumb)
{
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F |
		  (thumb ? CPSR_T : 0);
	c->r[15] = CODE;
	for (unsigned i = 0; i < 15; i++)
		c->r[i] = DATA + 0x100 * i;
	c->insn = insn;
	c->insn_size = 4;
	c->pc_written = false;
	enum exec_result r = thumb ? t32_execute(c, insn, 4)
				   : a32_execute(c, insn);
	return r == EXEC_EXCEPTION && cpu_mode(c) == MODE_UND;
}

/* STREX_RD: UNDEFINED in A32 and T32 (T32 used to store and write the
 * status over the base). */
START_TEST(test_strex_rd_overlap)
{
	ck_assert(undefs(0xe1800f91u, false));  /* strex r0, r1, [r0] */
	ck_assert(undefs(0xe1801f91u, false));  /* strex r1, r1, [r0] */
	ck_assert(undefs(0xe8401000u, true));   /* strex r0, r1, [r0] */
	ck_assert(undefs(0xe8401100u, true));   /* strex r1, r1, [r0] */
	ck_assert(undefs(0xe8c01f40u, true));   /* strexb r0, r1, [r0] */
	ck_assert(undefs(0xe8c01f51u, true));   /* strexh r1, r1, [r0] */
	ck_assert(undefs(0xe8c02373u, true));   /* strexd r3, r2, r3, [r0] */
	/* the same with distinct registers executes */
	ck_assert(!undefs(0xe1802f91u, false)); /* strex r2, r1, [r0] */
	ck_assert(!undefs(0xe8401200u, true));  /* strex r2, r1, [r0] */
	ck_assert(!undefs(0xe8c01f42u, true));  /* strexb r2, r1, [r0] */
	ck_assert(!undefs(0xe8c02374u, true));  /* strexd r4, r2, r3, [r0] */
}
END_TEST

/* LDM_WB_BASE: UNDEFINED in A32 and T32 (T32 used to load and let the
 * loaded value win). */
START_TEST(test_ldm_writeback_base_in_list)
{
	ck_assert(undefs(0xe8b00003u, false));  /* ldmia r0!, {r0, r1} */
	ck_assert(undefs(0xe8b00003u, true));   /* ldmia.w r0!, {r0, r1} */
	ck_assert(undefs(0xe9320006u, true));   /* ldmdb r2!, {r1, r2} */
	ck_assert(!undefs(0xe8900003u, true));  /* ldmia.w r0, {r0, r1} */
	ck_assert(!undefs(0xe8b00006u, true));  /* ldmia.w r0!, {r1, r2} */
	/* STM with the base in the list stores the original base */
	ck_assert(!undefs(0xe8a00003u, true));  /* stmia.w r0!, {r0, r1} */
}
END_TEST

static Suite *unpredictable_suite(void)
{
	Suite *s = suite_create("unpredictable");
	TCase *tc = tcase_create("policy");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_md_is_generated);
	tcase_add_test(tc, test_every_case_filled);
	tcase_add_test(tc, test_strex_rd_overlap);
	tcase_add_test(tc, test_ldm_writeback_base_in_list);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(unpredictable_suite)
