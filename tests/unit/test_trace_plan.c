/* Planned trace records (writer.c plan_block/after_planned, format.h
 * trace_planned_*): the planned encoder writes the bytes
 * trace_encode_record writes for the same record and leaves the codec in
 * the same state, and a block's plan never outlives the code it was made
 * from: a loop that rewrites one of its own instructions (with a
 * different destination register) is traced by the block engine byte
 * for byte as by the step engine, with the rewritten code reaching the
 * block engine through RAM (uncached fetches) and through an I-cache
 * invalidation (cached fetches). Had the writer kept the plan of the
 * first encoding, it would compare the register the old instruction
 * writes, miss the new one's change, and the files would differ. */
#include <check.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "unit_machine.h"
#include "unit_trace_pair.h"
#include "cp15/cp15.h"
#include "cpu/block.h"
#include "cpu/regmap.h"
#include "mmu/bus.h"
#include "sim/machine.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/trace.h"

/* ---- the encoder ---- */

START_TEST(varint32_is_varint)
{
	static const uint32_t edges[] = {
		0, 1, 0x7f, 0x80, 0x81, 0x3fff, 0x4000, 0x1fffff, 0x200000,
		0xfffffff, 0x10000000, 0x7fffffff, 0x80000000u, 0xfffffffeu,
		0xffffffffu,
	};
	uint32_t x = 12345;
	for (unsigned i = 0; i < 20000; i++) {
		uint32_t v;
		if (i < sizeof edges / sizeof edges[0]) {
			v = edges[i];
		} else {
			x = x * 1103515245u + 12345u;
			v = x >> (x & 31);
		}
		uint8_t a[16], b[16];
		memset(a, 0xaa, sizeof a);
		memset(b, 0xaa, sizeof b);
		size_t na = trace_put_varint(a, v);
		size_t nb = (size_t)(trace_put_varint32(b, v) - b);
		ck_assert_uint_eq(na, nb);
		ck_assert_msg(memcmp(a, b, na) == 0, "varint of 0x%x", v);
	}
}
END_TEST

static uint32_t rnd_state;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1664525u + 1013904223u;
	return rnd_state >> 8;
}

static void same_state(const struct trace_codec *a, const struct trace_codec *b)
{
	ck_assert_uint_eq(a->cur_core, b->cur_core);
	for (unsigned c = 0; c < a->n_cores; c++) {
		const struct trace_core_state *x = &a->cores[c], *y = &b->cores[c];
		ck_assert_uint_eq(x->next_icount, y->next_icount);
		ck_assert_uint_eq(x->next_pc, y->next_pc);
		ck_assert_uint_eq(x->prev_valid, y->prev_valid);
		if (x->prev_valid)
			ck_assert_uint_eq(x->prev_pc, y->prev_pc);
		ck_assert_uint_eq(x->mode, y->mode);
		ck_assert(memcmp(x->values, y->values,
				 a->n_regs * sizeof(uint64_t)) == 0);
		for (unsigned k = 0; k < TRACE_ENC_CACHE_SIZE; k++) {
			const struct trace_enc_cache_entry *p = &x->cache[k],
							   *q = &y->cache[k];
			ck_assert_uint_eq(p->code, q->code);
			if (!p->code)
				continue;
			ck_assert_uint_eq(p->pc, q->pc);
			ck_assert_uint_eq(p->enc, q->enc);
			ck_assert_uint_eq(p->has_succ, q->has_succ);
			if (p->has_succ)
				ck_assert_uint_eq(p->succ, q->succ);
		}
	}
}

/* Random records over a few addresses (A32, T16 and T32 encodings; an
 * address 8 KiB away shares an encoding-cache slot; loops teach
 * successors), two cores, mode changes, jumps in icount and PC,
 * snapshots, any core registers: each planned record's bytes are
 * trace_encode_record's, and so is the codec's state after it. */
START_TEST(planned_encoder_is_the_encoder)
{
	struct trace_header h = { 0 };
	h.n_cores = 2;
	ck_assert(trace_header_fill_regs(&h));
	struct trace_codec ca, cb;
	ck_assert(trace_codec_init(&ca, &h));
	ck_assert(trace_codec_init(&cb, &h));
	rnd_state = 7;
	static const uint32_t pcs[] = {
		0x8000, 0x8004, 0x8008, 0x800c, 0x8010, 0xa000, 0xa002,
		0xa004, 0xa008, 0x8000 + 8192, 0x8004 + 8192,
	};
	uint64_t icount[2] = { 0, 0 };
	unsigned mode[2] = { MODE_SVC, MODE_SVC };
	uint8_t out_a[1024], out_b[1024];
	struct trace_reg_val regs[REGMAP_COUNT];
	for (unsigned step = 0; step < 30000; step++) {
		unsigned core = rnd() % 16 == 0 ? 1 : 0;
		if (rnd() % 64 == 0)
			mode[core] = rnd() % 2 ? MODE_SVC : MODE_HYP;
		if (step == 0 || rnd() % 500 == 0) {
			/* a snapshot, as begin_step writes one */
			unsigned n = 0;
			for (unsigned id = 0; id < REGMAP_COUNT; id++) {
				regs[n].id = id;
				regs[n].value = rnd();
				n++;
			}
			struct trace_record s = {
				.kind = TREC_SNAPSHOT, .core = core,
				.icount = icount[core], .mode = (uint8_t)mode[core],
				.pc = pcs[0], .n_regs = n, .regs = regs,
			};
			size_t la = trace_encode_record(&ca, &s, out_a);
			size_t lb = trace_encode_record(&cb, &s, out_b);
			ck_assert_uint_eq(la, lb);
			continue;
		}
		unsigned k = rnd() % (sizeof pcs / sizeof pcs[0]);
		uint32_t pc = pcs[k];
		bool thumb = (pc & 0x2000) != 0;
		unsigned size = thumb && rnd() % 2 ? 2 : 4;
		/* mostly the same encoding at an address, sometimes another */
		uint32_t enc = rnd() % 8 ? pc * 2654435761u : rnd();
		if (size == 2)
			enc &= 0xffffu;
		if (rnd() % 32 == 0)
			icount[core] += rnd() % 5;
		uint8_t ids[REGMAP_COUNT];
		uint32_t vals[REGMAP_COUNT];
		unsigned n = 0;
		for (unsigned id = 0; id < REGMAP_COUNT; id++) {
			if (id == REG_PC || rnd() % 8)
				continue;
			ids[n] = (uint8_t)id;
			vals[n] = rnd() % 4 ? (uint32_t)ca.cores[core].values[id] +
						      rnd() % 300 - 150
					    : rnd() << 8;
			regs[n].id = id;
			regs[n].value = vals[n];
			n++;
		}
		struct trace_record r = {
			.kind = TREC_INSN, .flags = thumb ? TREC_F_THUMB : 0,
			.mode = (uint8_t)mode[core],
			.enc_size = (uint8_t)size, .core = core,
			.icount = icount[core], .pc = pc, .enc = enc,
			.n_regs = n, .regs = regs,
		};
		struct trace_planned_insn pi;
		trace_plan_insn(&pi, pc, enc, size, thumb);
		size_t la = trace_encode_record(&ca, &r, out_a);
		size_t lb = trace_encode_planned(&cb, &pi, core, icount[core],
						 mode[core], ids, vals, n, out_b);
		ck_assert_msg(la == lb && memcmp(out_a, out_b, la) == 0,
			      "record %u differs", step);
		ck_assert_uint_le(lb, TRACE_PLANNED_BOUND(n));
		icount[core]++;
		if (step % 1000 == 0)
			same_state(&ca, &cb);
	}
	same_state(&ca, &cb);
	trace_codec_free(&ca);
	trace_codec_free(&cb);
	trace_header_free(&h);
}
END_TEST

/* ---- stale plans ---- */

#define RAM 0x40000000u
#define CODE (RAM + 0x1000u)
#define DATA (RAM + 0x8000u)

#define ADD_R0 0xe2800001u /* add r0, r0, #1 */
#define ADD_R1 0xe2811003u /* add r1, r1, #3 */

/* The loop rewrites its first instruction each time round, alternating
 * the two encodings (DATA holds the next one and the other), and runs
 * the rewritten one three times, so that a block is built from it while
 * its I-cache line is present:
 *   0 add r0, r0, #1  <-> add r1, r1, #3
 *   4 add r2, r2, #1      8 eor r7, r7, r2     12 subs r9, r9, #1
 *  16 bne 0              20 mov r9, #3         24 ldr r4, [r3]
 *  28 ldr r5, [r3, #4]   32 str r5, [r3]       36 str r4, [r3, #4]
 *  40 str r4, [r6]       44 ICIALLU (cached) or mov r8, r8
 *  48 b 0 */
static void build(bool cached)
{
	unit_engine_pair(ms, RAM, CODE, true, cached, true);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[3] = DATA;
		cpu->r[6] = CODE;
		cpu->r[9] = 3;
	}
	static const uint32_t loop[] = {
		ADD_R0, 0xe2822001, 0xe0277002, 0xe2599001, 0x1afffffa,
		0xe3a09003, 0xe5934000, 0xe5935004, 0xe5835000, 0xe5834004,
		0xe5864000, 0, 0xeafffff2,
	};
	for (unsigned i = 0; i < sizeof loop / sizeof loop[0]; i++)
		poke(CODE + 4 * i, loop[i]);
	poke(CODE + 44, cached ? 0xee070f15 : 0xe1a08008);
	poke(DATA, ADD_R1);
	poke(DATA + 4, ADD_R0);
}

static void open_traces(void)
{
	const struct trace_options o = { 0 };
	trace_pair_open(&o);
}

static void run_and_compare(uint64_t total, uint64_t chunk)
{
	trace_pair_run(total, chunk);
	const struct cpu *b = &ms[1].cpus[0];
	/* both encodings ran, many times */
	ck_assert_uint_gt(b->r[0], total / 40);
	ck_assert_uint_gt(b->r[1], 3 * (total / 40));
	trace_pair_close_and_compare();
	/* blocks ran traced, and were found stale and built again */
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, total / 2);
	ck_assert_uint_gt(st.stale, total / 40);
}

START_TEST(rewritten_code_uncached)
{
	build(false);
	open_traces();
	run_and_compare(4000, 4000);
}
END_TEST

START_TEST(rewritten_code_icache_invalidated)
{
	build(true);
	open_traces();
	run_and_compare(4000, 4000);
}
END_TEST

/* budgets that cut the blocks at every instruction */
START_TEST(rewritten_code_small_budgets)
{
	build(_i & 1);
	open_traces();
	run_and_compare(3 * 7 * 200, (uint64_t)(_i >> 1) + 1);
}
END_TEST

/* Loads and stores of a planned run: one faults (an unaligned load with
 * SCTLR.A set: an alignment fault, B3.12.4, taken to the abort vector,
 * whose handler returns to the next instruction), so its record is
 * finish_step's with the exception; the others are planned with their
 * accesses. */
START_TEST(loads_stores_and_a_fault)
{
	unit_engine_pair(ms, RAM, CODE, true, _i != 0, true);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned bank = 0; bank < 2; bank++) {
			cpu->cp15.sctlr[bank] &= ~SCTLR_V;
			cpu->cp15.sctlr[bank] |= SCTLR_A;
			cpu->cp15.vbar[bank] = RAM;
		}
		cpu->r[3] = DATA;
	}
	poke(RAM + 0x10, 0xe25ef004); /* subs pc, lr, #4 */
	static const uint32_t loop[] = {
		0xe2800001, /* add r0, r0, #1 */
		0xe5934001, /* ldr r4, [r3, #1]: alignment fault */
		0xe2822001, /* add r2, r2, #1 */
		0xe5935000, /* ldr r5, [r3] */
		0xe5830008, /* str r0, [r3, #8] */
		0xeafffff9, /* b 0 */
	};
	for (unsigned i = 0; i < sizeof loop / sizeof loop[0]; i++)
		poke(CODE + 4 * i, loop[i]);
	open_traces();
	const uint64_t total = 3000;
	for (unsigned k = 0; k < 2; k++)
		ck_assert_uint_eq(cpu_run(&ms[k].cpus[0], total, &no_stop),
				  total);
	trace_pair_close_and_compare();
	struct block_stats st;
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_gt(st.insns, total / 2);
	/* the faults were taken, and the accesses recorded */
	char err[256];
	struct trace_reader *r = trace_reader_open(path[1], err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	struct trace_record rec;
	uint64_t exc = 0, stores = 0, loads = 0;
	int got;
	while ((got = trace_reader_next(r, &rec)) == 1) {
		for (unsigned i = 0; i < rec.n_ev; i++)
			exc += rec.ev[i].type == TEV_EXCEPTION;
		for (unsigned i = 0; i < rec.n_mem; i++) {
			stores += rec.mem[i].is_write;
			loads += !rec.mem[i].is_write;
		}
	}
	ck_assert_int_eq(got, 0);
	trace_reader_close(r);
	ck_assert_uint_gt(exc, total / 10);
	ck_assert_uint_gt(stores, total / 10);
	ck_assert_uint_gt(loads, total / 10);
}
END_TEST

/* A trace write error (the file size limit, RLIMIT_FSIZE: write(2) fails
 * with EFBIG) while the block engine reports a batch of pure instructions
 * (cpu_observer.after_planned_run): the sink writes its 2 MiB buffer out
 * when a record would not fit it, which in a loop of 30 pure instructions
 * and a branch falls inside a batch. The file must be the step engine's
 * byte for byte (the records up to the failure, each once, and the end
 * record saying why), and the core must stop at the end of that block run:
 * after the step engine's core, by less than one block. */
static volatile int stop_flag[2];

static void on_write_error(void *arg, const char *why)
{
	(void)why;
	*(volatile int *)arg = 1;
}

START_TEST(write_error_inside_a_batch)
{
	unit_engine_pair(ms, RAM, CODE, true, _i != 0, true);
	for (unsigned i = 0; i < 30; i++) /* add rN, rN, #(i + 1), N = i % 13 */
		poke(CODE + 4 * i, 0xe2800000u | (i % 13) << 16 |
					   (i % 13) << 12 | (i + 1));
	poke(CODE + 120, 0xeaffffe0); /* b CODE */
	struct rlimit old, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 3u << 20; /* one 2 MiB buffer (sink.c) fits */
	void (*old_sig)(int) = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	open_traces();
	uint64_t ran[2];
	for (unsigned k = 0; k < 2; k++) {
		stop_flag[k] = 0;
		trace_writer_on_error(tw[k], on_write_error,
				      (void *)&stop_flag[k]);
		ran[k] = cpu_run(&ms[k].cpus[0], 4000000, &stop_flag[k]);
		ck_assert_int_eq(stop_flag[k], 1);
	}
	/* the step engine stops after the failing step; the block engine
	 * at the end of its block run, and it ran batches */
	ck_assert_uint_lt(ran[0], 4000000);
	ck_assert_uint_ge(ran[1], ran[0]);
	ck_assert_uint_lt(ran[1], ran[0] + 31);
	struct block_stats st;
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_gt(st.insns, ran[1] / 2);
	for (unsigned k = 0; k < 2; k++) {
		ck_assert_int_ne(trace_writer_close(tw[k]), 0);
		tw[k] = NULL;
	}
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_sig);
	size_t la, lb;
	uint8_t *fa = slurp(path[0], &la), *fb = slurp(path[1], &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(fa, fb, la), 0);
	free(fa);
	free(fb);
	/* the records are consecutive from the first, and end with the
	 * write error's end record */
	char err[256];
	struct trace_reader *r = trace_reader_open(path[1], err, sizeof err);
	ck_assert_msg(r != NULL, "%s", err);
	struct trace_record rec;
	uint64_t next = 0;
	int got;
	while ((got = trace_reader_next(r, &rec)) == 1)
		if (rec.kind == TREC_INSN)
			ck_assert_uint_eq(rec.icount, next++);
	ck_assert_int_eq(got, 0);
	ck_assert_uint_gt(next, 100000);
	ck_assert_uint_lt(next, ran[0]);
	ck_assert_int_eq(trace_reader_end_reason(r), TRACE_END_WRITE_ERROR);
	trace_reader_close(r);
}
END_TEST

static Suite *trace_plan_suite(void)
{
	Suite *s = suite_create("trace_plan");
	TCase *t = tcase_create("encoder");
	tcase_add_test(t, varint32_is_varint);
	tcase_add_test(t, planned_encoder_is_the_encoder);
	suite_add_tcase(s, t);
	t = tcase_create("stale");
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, rewritten_code_uncached);
	tcase_add_test(t, rewritten_code_icache_invalidated);
	tcase_add_loop_test(t, rewritten_code_small_budgets, 0, 14);
	tcase_add_loop_test(t, loads_stores_and_a_fault, 0, 2);
	suite_add_tcase(s, t);
	/* a million instructions on each engine: minutes under the
	 * sanitizers on a loaded machine */
	t = tcase_create("write_error");
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_set_timeout(t, 300);
	tcase_add_loop_test(t, write_error_inside_a_batch, 0, 2);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(trace_plan_suite)
