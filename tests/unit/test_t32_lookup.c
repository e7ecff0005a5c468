/* The Thumb interpreter's own index of the decoder tables
 * (t32_decode_line, t32.c) against decode_table_lookup_local: every
 * 16-bit encoding, 256 samples of every cube of the T32 partition and
 * 2^21 random 32-bit encodings must get the same line (or none). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>

#include "check_main.h"
#include "cpu/decode_table.h"
#include "cpu/t32_internal.h"

static uint64_t rng_state = 0x853c49e6748fea9bull;
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

struct tally {
	unsigned long compared, allocated, wrong;
};

static void one(struct tally *t, uint32_t insn, unsigned size)
{
	const struct decode_entry *want = decode_table_lookup_local(
		size == 2 ? DECODE_T16 : DECODE_T32, insn);
	/* the step loop never hands a 16-bit halfword to the 32-bit table */
	if (size == 4 && (insn >> 16) < 0xe800u)
		want = NULL;
	const struct decode_entry *got = t32_decode_line(insn, size);
	t->compared++;
	t->allocated += want != NULL;
	if (got != want && t->wrong++ < 20)
		printf("%s %08x: index says %s, table %s\n",
		       size == 2 ? "T16" : "T32", insn,
		       got ? got->name : "(none)",
		       want ? want->name : "(none)");
}

START_TEST(test_t16_every_encoding)
{
	struct tally t = {0};
	for (uint32_t hw = 0; hw < 0x10000u; hw++)
		one(&t, hw, 2);
	printf("t32_decode_line T16: %lu encodings, %lu allocated, %lu "
	       "wrong\n", t.compared, t.allocated, t.wrong);
	ck_assert_uint_eq(t.wrong, 0);
	ck_assert_uint_gt(t.allocated, 50000);
}
END_TEST

static bool cube(void *arg, uint32_t mask, uint32_t value,
		 const struct decode_entry *e)
{
	(void)e;
	for (unsigned i = 0; i < 256; i++)
		one(arg, (rnd() & ~mask) | (value & mask), 4);
	return true;
}

START_TEST(test_t32_cubes_and_random)
{
	struct tally t = {0};
	decode_table_partition(DECODE_T32, cube, &t);
	for (unsigned i = 0; i < (1u << 21); i++)
		one(&t, rnd(), 4);
	printf("t32_decode_line T32: %lu encodings, %lu allocated, %lu "
	       "wrong\n", t.compared, t.allocated, t.wrong);
	ck_assert_uint_eq(t.wrong, 0);
	ck_assert_uint_gt(t.allocated, 100000);
}
END_TEST

static Suite *t32_lookup_suite(void)
{
	Suite *s = suite_create("t32_lookup");
	TCase *tc = tcase_create("lookup");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_t16_every_encoding);
	tcase_add_test(tc, test_t32_cubes_and_random);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(t32_lookup_suite)
