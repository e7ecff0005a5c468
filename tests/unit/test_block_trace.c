/* Traced block runs (block.c run_block_traced): the trace writer attached
 * to a core that runs the block engine gives the same file, byte for
 * byte, as on a core that runs the step engine, and blocks did run while
 * it was attached. The program has plain instructions, a store and a load
 * (their memory records), a flag-setting instruction and a conditional
 * one that fails, an SVC and an undefined instruction inside blocks (the
 * exception record comes with the instruction that took it, and the
 * handler's instructions follow), in cached and uncached code, with
 * budgets that cut blocks anywhere, and with --trace-from (a PC and an
 * instruction count in the middle of a block) and --trace-modes windows. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "unit_machine.h"
#include "unit_trace_pair.h"
#include "cp15/cp15.h"
#include "cpu/block.h"
#include "cpu/observer.h"
#include "mmu/bus.h"
#include "sim/machine.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/trace.h"

#define RAM 0x40000000u
#define CODE (RAM + 0x1000u)
#define DATA (RAM + 0x8000u)

static void build(bool icache_on_in_guest)
{
	unit_engine_pair(ms, RAM, CODE, true, icache_on_in_guest, true);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned bank = 0; bank < 2; bank++) {
			cpu->cp15.sctlr[bank] &= ~SCTLR_V;
			cpu->cp15.vbar[bank] = RAM; /* vectors in RAM */
		}
		cpu->r[3] = DATA;
	}
}

/* Vectors: undefined (RAM + 4) returns to the next instruction; SVC
 * (RAM + 8) counts in r5 and returns. The loop:
 *   0 add r0, r0, #1      4 str r0, [r3]        8 ldr r1, [r3]
 *  12 add r2, r2, r1     16 adds r4, r4, #0    20 movne r6, #1
 *  24 svc #0             28 add r7, r7, #1     32 udf #0
 *  36 add r8, r8, #1     40 b 0                                       */
static void put_program(void)
{
	poke(RAM + 4, 0xe1b0f00e);  /* movs pc, lr */
	poke(RAM + 8, 0xe2855001);  /* add r5, r5, #1 */
	poke(RAM + 12, 0xe1b0f00e); /* movs pc, lr */
	static const uint32_t loop[] = {
		0xe2800001, 0xe5830000, 0xe5931000, 0xe0822001,
		0xe2944000, 0x13a06001, 0xef000000, 0xe2877001,
		0xe7f000f0, 0xe2888001, 0xeafffff4,
	};
	for (unsigned i = 0; i < sizeof loop / sizeof loop[0]; i++)
		poke(CODE + 4 * i, loop[i]);
}

static void open_traces(const struct trace_options *opts)
{
	trace_pair_open(opts);
	for (unsigned k = 0; k < 2; k++)
		ck_assert_uint_eq(ms[k].cpus[0].n_obs, 1);
}

/* What the block engine's trace holds. */
struct seen {
	uint64_t insns, exceptions, stores, loads;
	uint64_t first_icount;
	uint32_t first_pc;
};

static struct seen read_trace(const char *p)
{
	char err[256];
	struct trace_reader *r = trace_reader_open(p, err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	struct seen s = { 0 };
	struct trace_record rec;
	int k;
	while ((k = trace_reader_next(r, &rec)) == 1) {
		if (rec.kind != TREC_INSN)
			continue;
		if (s.insns++ == 0) {
			s.first_icount = rec.icount;
			s.first_pc = rec.pc;
		}
		for (unsigned i = 0; i < rec.n_ev; i++)
			s.exceptions += rec.ev[i].type == TEV_EXCEPTION;
		for (unsigned i = 0; i < rec.n_mem; i++) {
			s.stores += rec.mem[i].is_write;
			s.loads += !rec.mem[i].is_write;
		}
	}
	ck_assert_msg(k == 0, "%s", trace_reader_error(r));
	trace_reader_close(r);
	return s;
}

/* Run both machines `total` steps in cpu_run calls of `chunk` steps (a
 * budget that cuts blocks), close the traces and compare them. Returns
 * what the block engine's trace holds. */
static struct seen run_and_compare(uint64_t total, uint64_t chunk)
{
	trace_pair_run(total, chunk);
	const struct cpu *b = &ms[1].cpus[0];
	/* the program went round: SVCs and undefined instructions taken */
	ck_assert_uint_gt(b->r[5], 3);
	ck_assert_uint_gt(b->r[8], 3);
	trace_pair_close_and_compare();
	/* blocks ran while the writer was attached */
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, total / 2);
	return read_trace(path[1]);
}

START_TEST(traced_blocks_cached)
{
	build(true);
	put_program();
	struct trace_options o = { 0 };
	open_traces(&o);
	struct seen s = run_and_compare(3000, 3000);
	ck_assert_uint_eq(s.insns, 3000);
	ck_assert_uint_gt(s.exceptions, 200); /* SVC, UDF: 2 in 14 steps */
	ck_assert_uint_gt(s.stores, 200);
	ck_assert_uint_gt(s.loads, 200);
}
END_TEST

START_TEST(traced_blocks_uncached)
{
	build(false);
	put_program();
	struct trace_options o = { 0 };
	open_traces(&o);
	run_and_compare(3000, 3000);
}
END_TEST

/* budgets of 1 to 7 steps end blocks at every instruction */
START_TEST(traced_blocks_small_budgets)
{
	build(true);
	put_program();
	struct trace_options o = { 0 };
	open_traces(&o);
	run_and_compare(7 * 300, _i);
}
END_TEST

/* --trace-from a PC in the middle of the loop's first block (the ldr),
 * and an instruction count in the middle of a later block */
START_TEST(traced_blocks_from_pc)
{
	build(true);
	put_program();
	struct trace_options o = { .from_kind = TRACE_FROM_PC,
				   .from_value = CODE + 8 };
	open_traces(&o);
	struct seen s = run_and_compare(2000, 2000);
	ck_assert_uint_eq(s.first_pc, CODE + 8);
	ck_assert_uint_eq(s.first_icount, 2);
	ck_assert_uint_eq(s.insns, 1998);
}
END_TEST

START_TEST(traced_blocks_from_icount)
{
	build(false);
	put_program();
	struct trace_options o = { .from_kind = TRACE_FROM_ICOUNT,
				   .from_value = 1003 };
	open_traces(&o);
	struct seen s = run_and_compare(3000, 3000);
	ck_assert_uint_eq(s.first_icount, 1003);
	ck_assert_uint_eq(s.insns, 3000 - 1003);
}
END_TEST

/* --trace-modes svc: the undefined handler's records are left out, and
 * recording starts again with a snapshot when the core is back */
START_TEST(traced_blocks_modes)
{
	build(true);
	put_program();
	struct trace_options o = { .mode_mask = 1u << (MODE_SVC & 0xf) };
	open_traces(&o);
	struct seen s = run_and_compare(2000, 2000);
	/* one step in 14 is the undefined handler's */
	ck_assert_uint_lt(s.insns, 2000 - 100);
	ck_assert_uint_gt(s.insns, 1500);
}
END_TEST

static unsigned counted;
static void count_after(void *ctx, struct cpu *cpu, int result)
{
	(void)ctx;
	(void)cpu;
	(void)result;
	counted++;
}

/* An observer that wants every step and does not follow blocks (as gdb,
 * breakpoints and the maintenance checker) keeps the traced core on the
 * step engine: no block runs, it sees every step, and the trace is the
 * same. Once it leaves, blocks run traced. */
START_TEST(other_observer_keeps_the_step_engine)
{
	build(true);
	put_program();
	struct trace_options o = { 0 };
	open_traces(&o);
	struct cpu_observer other = { .after_insn = count_after };
	struct cpu *b = &ms[1].cpus[0];
	cpu_add_observer(b, &other);
	ck_assert_uint_eq(cpu_run(b, 500, &no_stop), 500);
	ck_assert_uint_eq(counted, 500);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_eq(st.insns, 0);
	cpu_remove_observer(b, &other);
	ck_assert_uint_eq(cpu_run(&ms[0].cpus[0], 500, &no_stop), 500);
	/* run_and_compare runs 3000 more on both and wants blocks to have
	 * made more than half of them */
	run_and_compare(3000, 3000);
	ck_assert_uint_eq(counted, 500);
}
END_TEST

static Suite *block_trace_suite(void)
{
	Suite *s = suite_create("block_trace");
	TCase *t = tcase_create("traced");
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, traced_blocks_cached);
	tcase_add_test(t, traced_blocks_uncached);
	tcase_add_loop_test(t, traced_blocks_small_budgets, 1, 8);
	tcase_add_test(t, traced_blocks_from_pc);
	tcase_add_test(t, traced_blocks_from_icount);
	tcase_add_test(t, traced_blocks_modes);
	tcase_add_test(t, other_observer_keeps_the_step_engine);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(block_trace_suite)
