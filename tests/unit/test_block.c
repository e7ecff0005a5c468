/* The block engine (src/cpu/block.c) against the step engine: the same
 * program on two machines, one per engine, must leave the same registers,
 * retired count, I-cache LRU ages and hit count, and history, also
 * when the code changes under a stale I-cache line (which keeps running)
 * and when it changes under uncached fetches (which see it at once, even
 * in the middle of a block). And the I-cache ages do not wrap at 2^32. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/cp15.h"
#include "cpu/block.h"
#include "cpu/block_internal.h"
#include "gdbstub/debug.h"
#include "mmu/bus.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "mmu/cache_ops.h"
#include "sim/machine.h"

#define RAM 0x40000000u
#define CODE (RAM + 0x1000u)

static struct machine ms[2]; /* [0] step engine, [1] block engine */
static const volatile int no_stop;
/* rounds of a loop that build its blocks, give them code and link them */
enum { WARM = CODEGEN_AFTER + 2 };
/* the block engine with generated code (tcase "generated") or the
 * threaded loop alone ("threaded"): every test runs with both */
static bool codegen;

static void build(bool icache_on_in_guest, bool icache_model)
{
	unit_engine_pair(ms, RAM, CODE, icache_model, icache_on_in_guest,
			 codegen);
}

static void with_codegen(void)
{
	codegen = true;
}

static void without_codegen(void)
{
	codegen = false;
}

static void teardown(void)
{
	machine_destroy(&ms[0]);
	machine_destroy(&ms[1]);
}

/* A write to RAM from outside the cores, as the loader makes one: the
 * code-write generation told (mmu/bus.h). */
static void poke(uint32_t pa, uint32_t v)
{
	for (unsigned k = 0; k < 2; k++) {
		memcpy(bus_ram_ptr(&ms[k].bus, pa, 4), &v, 4);
		bus_ram_written(&ms[k].bus, pa, 4);
	}
}

static void run(uint64_t n)
{
	for (unsigned k = 0; k < 2; k++)
		ck_assert_uint_eq(cpu_run(&ms[k].cpus[0], n, &no_stop), n);
}

/* Everything the two engines must agree on. */
static void assert_same(void)
{
	const struct cpu *a = &ms[0].cpus[0], *b = &ms[1].cpus[0];
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(a->r[i], b->r[i]);
	ck_assert_uint_eq(a->cpsr, b->cpsr);
	ck_assert_uint_eq(a->icount, b->icount);
	ck_assert_uint_eq(a->insn, b->insn);
	ck_assert_uint_eq(a->step_writes, b->step_writes);
	ck_assert_uint_eq(a->stores, b->stores); /* (the hang detector's) */
	/* as the hang report reads them: the block engine's runs may still
	 * be segments */
	for (unsigned k = 1; k <= CPU_HISTORY && k <= a->icount; k++) {
		struct cpu_history ha = cpu_history_last(a, k),
				   hb = cpu_history_last(b, k);
		ck_assert_uint_eq(ha.pc, hb.pc);
		ck_assert_uint_eq(ha.insn, hb.insn);
		ck_assert_uint_eq(ha.meta, hb.meta);
	}
	ck_assert_uint_eq(a->icache.tick, b->icache.tick);
	ck_assert_uint_eq(icache_hits(&a->icache), icache_hits(&b->icache));
	ck_assert_uint_eq(a->icache.fills, b->icache.fills);
	unsigned n = a->icache.sets * a->icache.ways;
	for (unsigned i = 0; i < n; i++) {
		const struct icache_line *la = &a->icache.lines[i],
					 *lb = &b->icache.lines[i];
		ck_assert_uint_eq(la->lru, lb->lru);
		ck_assert_uint_eq(la->valid, lb->valid);
		ck_assert_uint_eq(la->pa_tag, lb->pa_tag);
		ck_assert_uint_eq(la->filled_at, lb->filled_at);
		ck_assert_uint_eq(la->stamp, lb->stamp);
	}
}

/* `rounds` times, a slice of each length in slices[0..n), the two
 * engines compared after each. */
static void run_slices(const unsigned *slices, unsigned n, unsigned rounds)
{
	for (unsigned round = 0; round < rounds; round++)
		for (unsigned k = 0; k < n; k++) {
			run(slices[k]);
			assert_same();
		}
}

/* run_slices, and with generated code, blocks were entered from the code
 * of the block before (the code ran, not only the threaded loop) */
static void run_slices_in_code(const unsigned *slices, unsigned n,
			       unsigned rounds)
{
	run_slices(slices, n, rounds);
	struct block_stats st;
	block_get_stats(&ms[1].cpus[0], &st);
	if (codegen)
		ck_assert_uint_gt(st.code_chained, 100);
}

static uint64_t block_insns(void)
{
	struct block_stats s;
	block_get_stats(&ms[1].cpus[0], &s);
	return s.insns;
}

/* loop: add r0, r0, #1; add r1, r1, #1; b loop */
static void put_loop(void)
{
	poke(CODE + 0, 0xe2800001);
	poke(CODE + 4, 0xe2811001);
	poke(CODE + 8, 0xeafffffc);
}

START_TEST(stale_line_keeps_running_stale_code)
{
	build(true, true);
	put_loop();
	run(30);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 10);
	assert_same();
	ck_assert_uint_gt(block_insns(), 20); /* blocks did run */
	ck_assert(ms[1].cpus[0].fetch_memo.cached); /* through the lines */
	/* a data write: add r0, r0, #2. The line is stale, both engines
	 * keep adding 1 */
	poke(CODE, 0xe2800002);
	run(30);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 20);
	assert_same();
	/* after ICIALLU the new code runs */
	icache_invalidate_all(&ms[0].cpus[0], false);
	icache_invalidate_all(&ms[1].cpus[0], false);
	run(30);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 40);
	assert_same();
}
END_TEST

/* A block whose line was invalidated and then filled again, by another
 * block's fetch, with other bytes is decoded again, not relinked: a block
 * is valid again only with the bytes it was decoded from (block_relink).
 *   X: CODE    add r0, r0, #1 (then add r0, r0, #2)   Y: CODE+8 add r1, #1
 *      CODE+4  b Y                                        CODE+12 b X
 * Both blocks in one line; after ICIALLU the run restarts at Y, whose
 * fetch fills the line with X's new instruction. */
START_TEST(refilled_line_with_other_bytes_is_decoded_again)
{
	build(true, true);
	poke(CODE, 0xe2800001);      /* add r0, r0, #1 */
	poke(CODE + 4, 0xeaffffff);  /* b CODE + 8 */
	poke(CODE + 8, 0xe2811001);  /* add r1, r1, #1 */
	poke(CODE + 12, 0xeafffffb); /* b CODE */
	run(4 * (CODEGEN_AFTER + 2));
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[0], CODEGEN_AFTER + 2);
	poke(CODE, 0xe2800002); /* add r0, r0, #2 */
	for (unsigned k = 0; k < 2; k++) {
		ms[k].cpus[0].r[15] = CODE + 8;
		icache_invalidate_all(&ms[k].cpus[0], false);
	}
	run(4 * 10);
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[0], CODEGEN_AFTER + 2 + 2 * 10);
}
END_TEST

/* Uncached fetches: a store to the next instruction of the block that
 * holds it is seen by that very fetch.
 *   str r2, [r3]     @ r3 = CODE + 8, r2 = mov r4, #7
 *   add r0, r0, #1
 *   mov r4, #1       @ replaced by the store before it runs
 *   b .                                                         */
static void self_modifying(bool icache_model)
{
	build(false, icache_model);
	poke(CODE + 0, 0xe5832000);
	poke(CODE + 4, 0xe2800001);
	poke(CODE + 8, 0xe3a04001);
	poke(CODE + 12, 0xeafffffe);
	for (unsigned k = 0; k < 2; k++) {
		ms[k].cpus[0].r[2] = 0xe3a04007;
		ms[k].cpus[0].r[3] = CODE + 8;
	}
	/* first pass decodes the block with the old mov; run it again
	 * from the start with the new one in RAM, then the other way */
	run(5);
	ck_assert_uint_eq(ms[1].cpus[0].r[4], 7);
	assert_same();
	for (unsigned k = 0; k < 2; k++) {
		ms[k].cpus[0].r[15] = CODE;
		ms[k].cpus[0].r[2] = 0xe3a04003;
	}
	run(5);
	ck_assert_uint_eq(ms[1].cpus[0].r[4], 3);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 2);
	assert_same();
	ck_assert(!ms[1].cpus[0].fetch_memo.cached);
	ck_assert_uint_gt(block_insns(), 0);
}

START_TEST(uncached_store_to_code_is_seen_mid_block)
{
	self_modifying(true);
}
END_TEST

START_TEST(model_off_store_to_code_is_seen_mid_block)
{
	self_modifying(false);
}
END_TEST

/* Uncached: stores to a page blocks were decoded from, first to data on
 * it and then to the code, the store memo warm from the first ones. The
 * memo must not take the stores that could change the code (the page's
 * code-write generation is odd while blocks hold its code): without that
 * rule the fourth pass would run the mov it decoded before the store.
 *   0x00 str r2, [r3]    @ r3 = CODE + 0x80, then CODE + 0x14
 *   0x04 add r0, r0, #1
 *   0x08 cmp r0, #3
 *   0x0c moveq r3, r4    @ r4 = CODE + 0x14
 *   0x10 add r1, r1, #1
 *   0x14 mov r5, #1      @ becomes mov r5, #9 (r2) in the fourth pass
 *   0x18 b 0x00                                                      */
static void store_memo_and_decoded_code(uint32_t store)
{
	build(false, true);
	static const uint32_t code[] = {0, 0xe2800001, 0xe3500003,
					0x01a03004, 0xe2811001, 0xe3a05001,
					0xeafffff8};
	poke(CODE, store);
	for (unsigned i = 1; i < 7; i++)
		poke(CODE + 4 * i, code[i]);
	for (unsigned k = 0; k < 2; k++) {
		ms[k].cpus[0].r[2] = 0xe3a05009;
		ms[k].cpus[0].r[3] = CODE + 0x80;
		ms[k].cpus[0].r[4] = CODE + 0x14;
	}
	run(3 * 7); /* three passes: r5 = 1 */
	ck_assert_uint_eq(ms[1].cpus[0].r[5], 1);
	assert_same();
	run(6); /* the fourth pass up to the mov, which is the new one */
	ck_assert_uint_eq(ms[1].cpus[0].r[5], 9);
	assert_same();
	ck_assert(!ms[1].cpus[0].fetch_memo.cached);
	ck_assert_uint_gt(block_insns(), 20);
}

START_TEST(store_memo_never_writes_decoded_code)
{
	store_memo_and_decoded_code(0xe5832000); /* str r2, [r3] */
}
END_TEST

/* The same with a store multiple, which writes its words to the memo's
 * page at once: stmia r3, {r2} */
START_TEST(store_multiple_never_writes_decoded_code)
{
	store_memo_and_decoded_code(0xe8830004);
}
END_TEST

/* Uncached: a debugger's write to code between runs (gdb's M packet,
 * the monitor) is seen by the next run: add r0, r0, #1 becomes #5. */
START_TEST(debugger_write_to_code_is_seen)
{
	build(false, true);
	put_loop();
	run(30);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 10);
	ck_assert_uint_gt(block_insns(), 20);
	const uint8_t add5[4] = {0x05, 0x00, 0x80, 0xe2};
	for (unsigned k = 0; k < 2; k++)
		ck_assert_uint_eq(dbg_mem_write(&ms[k].cpus[0], CODE, add5, 4,
						true),
				  4);
	run(30);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 60);
	assert_same();
}
END_TEST

/* The data memo's context inside a block: SETEND BE between two loads of
 * a word the memo holds makes the second one big-endian, on its second
 * pass too (the memo warm from the first, the block already built).
 *   ldr r0, [r1]; setend be; ldr r2, [r1]; setend le; b .-16  */
START_TEST(setend_in_a_block_reaches_the_data_memo)
{
	build(false, true);
	static const uint32_t code[] = {0xe5910000, 0xf1010200, 0xe5912000,
					0xf1010000, 0xeafffffa};
	for (unsigned i = 0; i < 5; i++)
		poke(CODE + 4 * i, code[i]);
	poke(RAM + 0x8000, 0x11223344);
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[1] = RAM + 0x8000;
	for (unsigned pass = 0; pass < 3; pass++) {
		run(5);
		ck_assert_uint_eq(ms[1].cpus[0].r[0], 0x11223344);
		ck_assert_uint_eq(ms[1].cpus[0].r[2], 0x44332211);
		assert_same();
	}
	ck_assert_uint_gt(block_insns(), 5);
}
END_TEST

/* Links between blocks (block_chained): a block reached from another in
 * its page is linked from it, and a link is followed only while its
 * block is still the one linked. Here the slot of the second block is
 * taken by a block of another page (same PC[13:2]), which the first
 * block's link must not run in its place; then the I-cache lines are
 * invalidated under the links.
 *   CODE:         add r0, r0, #1; b CODE + 0x100
 *   CODE + 0x100: add r1, r1, #1; b CODE
 *   CODE + 0x4100: add r2, r2, #1; b CODE          */
static void links_follow_only_their_block(bool icache_on_in_guest)
{
	build(icache_on_in_guest, true);
	poke(CODE + 0x000, 0xe2800001);
	poke(CODE + 0x004, 0xea00003d);
	poke(CODE + 0x100, 0xe2811001);
	poke(CODE + 0x104, 0xeaffffbd);
	poke(CODE + 0x4100, 0xe2822001);
	poke(CODE + 0x4104, 0xeaffefbd);
	run(40);
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 10);
	assert_same();
	uint64_t before = block_insns();
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[15] = CODE + 0x4100;
	run(40);
	ck_assert_uint_eq(ms[1].cpus[0].r[2], 1); /* ran once, then the loop */
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 19);
	assert_same();
	ck_assert_uint_gt(block_insns(), before + 30);
	icache_invalidate_all(&ms[0].cpus[0], false);
	icache_invalidate_all(&ms[1].cpus[0], false);
	poke(CODE + 0x100, 0xe2811003); /* add r1, r1, #3: seen after the
					 * invalidation, or at once uncached */
	run(40);
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 19 + 3 * 10);
	assert_same();
}

START_TEST(links_follow_only_their_block_cached)
{
	links_follow_only_their_block(true);
}
END_TEST

START_TEST(links_follow_only_their_block_uncached)
{
	links_follow_only_their_block(false);
}
END_TEST

/* The budget: a block never makes more steps than cpu_run is given. */
START_TEST(blocks_stop_at_the_budget)
{
	build(true, true);
	put_loop();
	for (unsigned n = 1; n < 8; n++) {
		run(n);
		assert_same();
	}
}
END_TEST

/* More generated code than its buffer holds (4 MiB a core): four 12 KiB
 * loops of ADDs, 64 KiB apart so that their blocks share slots four ways
 * (each pass decodes them again, and generates their code when a loop
 * goes round the CODEGEN_AFTER-th time), then a block in a slot none of
 * them uses, which is decoded once and runs every pass:
 *   Rk: add r0, r0, #1 ...; subs r2, r2, #1; bne Rk; mov r2, #L;
 *       b R(k+1) (R3: b S)   (L = CODEGEN_AFTER)
 *   S:  add r1, r1, #1 (three times); b R0
 * The buffer is reset on the way; the code of the block at S, written
 * before a reset, is not run after it (it would be other blocks' code by
 * then): it gets new code. */
START_TEST(code_buffer_full_is_reset)
{
	/* (the runs STRIDE instructions apart share their block slots) */
	enum { RUN = 3072, STRIDE = BLOCK_SLOTS }; /* instructions */
	const uint32_t s = CODE + 4 * (RUN + 16);
	build(false, true);
	for (unsigned r = 0; r < 4; r++) {
		const uint32_t at = CODE + 4 * STRIDE * r;
		for (unsigned k = 0; k + 4 < RUN; k++)
			poke(at + 4 * k, 0xe2800001); /* add r0, r0, #1 */
		uint32_t p = at + 4 * (RUN - 4);
		poke(p, 0xe2522001); /* subs r2, r2, #1 */
		poke(p + 4, 0x1a000000 | (((at - (p + 4) - 8) >> 2) & 0xffffffu));
		poke(p + 8, 0xe3a02000 | CODEGEN_AFTER); /* mov r2, #L */
		uint32_t to = r < 3 ? at + 4 * STRIDE : s;
		poke(p + 12, 0xea000000 | (((to - (p + 12) - 8) >> 2) & 0xffffffu));
	}
	for (unsigned k = 0; k < 3; k++)
		poke(s + 4 * k, 0xe2811001); /* add r1, r1, #1 */
	poke(s + 12, 0xea000000 | (((CODE - (s + 12) - 8) >> 2) & 0xffffffu));
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[2] = CODEGEN_AFTER;
	const unsigned pass = 4 * (CODEGEN_AFTER * (RUN - 2) + 2) + 4;
	/* each slice ends in R0, so that S runs whole */
	run(100);
	for (unsigned k = 0; k < 24; k++) {
		run(pass);
		assert_same();
	}
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0], 100 + 24u * 4 * CODEGEN_AFTER * (RUN - 4));
	ck_assert_uint_eq(b->r[1], 3 * 24);
	struct block_stats st;
	block_get_stats(b, &st);
	if (codegen)
		ck_assert_uint_gt(st.code_resets, 0);
	else
		ck_assert_uint_eq(st.code_resets, 0);
}
END_TEST

/* A32 B<cond> from `from` to `to`. */
static uint32_t a32_b(unsigned cond, uint32_t from, uint32_t to)
{
	return cond << 28 | 0x0a000000u | (((to - from - 8u) >> 2) & 0xffffffu);
}

/* A clean end whose next PC is a constant jumps straight into the next
 * block's code once the link has been followed (its jump patched), and
 * when that block's slot is built again for another block, the old
 * code's direct entry goes back to the chain tail (codegen_unlink): the
 * end never runs code whose block is gone, and is patched again to the
 * new block. X's and Y's loop shares Y's slot with Z's, on another page,
 * so every round builds Y and Z again:
 *   X: add r0, r0, #1; b Y
 *   Y: add r1, r1, #1; subs r2, r2, #1; bne X; mov r2, #N; b Z
 *   Z: add r3, r3, #1; subs r4, r4, #1; bne Z; mov r4, #N; b X
 * (N rounds of each loop: each block gets code and its ends are
 * patched.) Without the unlinking, X's end would run Y's old code for
 * the slot that holds Z: history segments from Z's entries, the wrong
 * block left in cpu->cg_block. */
static void patched_end_follows_a_rebuilt_slot(bool cached)
{
	enum { N = CODEGEN_AFTER + 8, ROUNDS = 6 };
	const uint32_t x = CODE, y = CODE + 0x40u, z = y + 4u * BLOCK_SLOTS;
	build(cached, true);
	poke(x, 0xe2800001);
	poke(x + 4, a32_b(14, x + 4, y));
	poke(y, 0xe2811001);
	poke(y + 4, 0xe2522001);
	poke(y + 8, a32_b(1, y + 8, x));
	poke(y + 12, 0xe3a02000 | N);
	poke(y + 16, a32_b(14, y + 16, z));
	poke(z, 0xe2833001);
	poke(z + 4, 0xe2544001);
	poke(z + 8, a32_b(1, z + 8, z));
	poke(z + 12, 0xe3a04000 | N);
	poke(z + 16, a32_b(14, z + 16, x));
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[2] = ms[k].cpus[0].r[4] = N;
	const unsigned round = 5 * N + 2 + 3 * N + 2;
	for (unsigned r = 0; r < ROUNDS; r++) {
		run(round);
		assert_same();
	}
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0], ROUNDS * N);
	ck_assert_uint_eq(b->r[1], ROUNDS * N);
	ck_assert_uint_eq(b->r[3], ROUNDS * N);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_ge(st.built, 2 * ROUNDS);
	/* each round: X's end to the new Y, the new Y's BNE to X, the new
	 * Z's BNE to itself */
	if (codegen)
		ck_assert_uint_ge(st.code_patched, 3 * ROUNDS);
	else
		ck_assert_uint_eq(st.code_patched, 0);
}

START_TEST(patched_end_follows_a_rebuilt_slot_cached)
{
	patched_end_follows_a_rebuilt_slot(true);
}
END_TEST

START_TEST(patched_end_follows_a_rebuilt_slot_uncached)
{
	patched_end_follows_a_rebuilt_slot(false);
}
END_TEST

/* Many blocks in one cpu_run: the history holds the last instructions in
 * order, read from the runs' segments (more of them than the ring has
 * entries) and, once they are written into the ring, from the ring: the
 * step engine's ring, entry for entry. */
static void assert_same_ring(void)
{
	const struct cpu *a = &ms[0].cpus[0];
	struct cpu *b = &ms[1].cpus[0];
	ck_assert(cpu_history_pending(b)); /* the blocks' runs pending */
	cpu_history_flush(b);
	ck_assert(!cpu_history_pending(b));
	ck_assert_uint_eq(a->history_pos, b->history_pos);
	ck_assert(memcmp(a->history, b->history, sizeof a->history) == 0);
}

START_TEST(history_after_many_block_runs)
{
	build(true, true);
	put_loop();
	run(1000);
	assert_same();
	assert_same_ring();
	run(7);
	assert_same();
	assert_same_ring();
}
END_TEST

/* A slot decoded over while a pending history segment that is not the
 * newest still points into its entries: A, B and C run in turn and C is
 * in A's slot, so each build of C (or of A again) decodes over a block
 * whose run is the one before the last. The history still shows what
 * ran: history_release looks at every segment among the last
 * CPU_HISTORY entries, not only the newest. */
static void history_kept_when_an_older_run_is_decoded_over(bool cached)
{
	const uint32_t a = CODE, b = CODE + 0x100u, c = a + 4u * BLOCK_SLOTS;
	build(cached, true);
	poke(a, 0xe2800001); /* add r0, r0, #1; b B */
	poke(a + 4, a32_b(14, a + 4, b));
	poke(b, 0xe2811001); /* add r1, r1, #1; b C */
	poke(b + 4, a32_b(14, b + 4, c));
	poke(c, 0xe2822001); /* add r2, r2, #1; b A */
	poke(c + 4, a32_b(14, c + 4, a));
	enum { ROUNDS = 12 };
	for (unsigned r = 0; r < ROUNDS; r++) {
		run(6);
		assert_same();
	}
	const struct cpu *cpu = &ms[1].cpus[0];
	ck_assert_uint_eq(cpu->r[0], ROUNDS);
	ck_assert_uint_eq(cpu->r[2], ROUNDS);
	struct block_stats st;
	block_get_stats(cpu, &st);
	ck_assert_uint_ge(st.built, 2 * ROUNDS);
}

START_TEST(history_kept_when_an_older_run_is_decoded_over_cached)
{
	history_kept_when_an_older_run_is_decoded_over(true);
}
END_TEST

START_TEST(history_kept_when_an_older_run_is_decoded_over_uncached)
{
	history_kept_when_an_older_run_is_decoded_over(false);
}
END_TEST

/* --engine-check: a line whose bytes changed behind its stamp (which no
 * correct path does: a model bug) is caught at the block's entry, and the
 * step engine runs the code the fetch returns, so the results stay the
 * step engine's. Without the check the block would go on with what it
 * decoded. */
START_TEST(engine_check_catches_a_line_changed_behind_its_stamp)
{
	build(true, true);
	ms[1].cpus[0].engine_check = true;
	put_loop();
	run(30);
	assert_same();
	struct block_stats st;
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(st.check_failures, 0);
	ck_assert_uint_gt(st.insns, 20);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		struct icache_line *l = (struct icache_line *)
			icache_lookup_line(cpu, CODE, CODE);
		ck_assert_ptr_nonnull(l);
		uint32_t add2 = 0xe2800002; /* add r0, r0, #2 */
		memcpy(l->bytes + (CODE & (cpu->icache.line_bytes - 1)), &add2,
		       4);
	}
	run(30);
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 30);
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_gt(st.check_failures, 0);
}
END_TEST

/* Every way generated code returns (codegen_x86_64.c), and the same
 * with the threaded loop: a condition passed and failed on a plain
 * instruction and on a load, a load that stays on the data fast path, a
 * load that leaves it and aborts in the middle of a block (CG_SLOW with
 * an exception), an impure instruction in the middle of a block
 * (CG_IMPURE), a taken branch (CG_BRANCHED) and a block whose last
 * instruction (the last of its page) fails its condition. Run in slices
 * of every length from 12 down to 1 steps, so that blocks are also cut
 * by the budget (the threaded loop runs those).
 *   P+00 cmp r0, r0          P+18 mrc p15, 0, r7, c0, c0, 0 (MIDR)
 *   P+04 addeq r1, r1, #1    P+1c add r0, r0, #1
 *   P+08 addne r1, r1, #16   P+20 cmp r0, #0
 *   P+0c ldr r2, [r3]        P+24 nop
 *   P+10 ldrne r2, [r4]      P+28 nop
 *   P+14 ldr r2, [r4]        P+2c addeq r8, r8, #1   (end of the page)
 *   next page: b P
 * r4 is then set to an address with nothing behind it; the data abort
 * handler (vectors at RAM) sets it to r3 again and returns past the
 * load. */
START_TEST(every_exit_of_generated_code)
{
	const uint32_t p = RAM + 0x2000u - 0x30u, data = RAM + 0x8000u;
	static const uint32_t code[] = {
		0xe1500000, 0x02811001, 0x12811010, 0xe5932000,
		0x15942000, 0xe5942000, 0xee107f10, 0xe2800001,
		0xe3500000, 0xe1a00000, 0xe1a00000, 0x02888001,
		0xeafffff2,
	};
	build(false, true);
	for (unsigned k = 0; k < sizeof code / sizeof code[0]; k++)
		poke(p + 4 * k, code[k]);
	poke(RAM + 0x10u, 0xe1a04003); /* mov r4, r3 */
	poke(RAM + 0x14u, 0xe25ef004); /* subs pc, lr, #4 */
	poke(data, 0x12345678);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned bank = 0; bank < 2; bank++) {
			cpu->cp15.sctlr[bank] &= ~SCTLR_V;
			cpu->cp15.vbar[bank] = RAM;
		}
		cpu->r[3] = data;
		cpu->r[4] = data;
		cpu->r[15] = p;
	}
	for (unsigned round = 0; round < 4; round++) {
		/* the data memo warm: the second round's first slice runs
		 * the block at P + 4 whole, up to the abort */
		if (round == 1)
			for (unsigned k = 0; k < 2; k++)
				ms[k].cpus[0].r[4] = 0x00100000u; /* nothing */
		for (unsigned slice = 12; slice >= 1; slice--) {
			run(slice);
			assert_same();
		}
	}
	const struct cpu *b = &ms[1].cpus[0];
	/* the abort was taken once, then the loop went round */
	ck_assert_uint_eq(b->r[4], data);
	ck_assert_uint_eq(b->r[2], 0x12345678);
	ck_assert_uint_gt(b->r[0], 10);
	/* addeq ran once a round, addne never */
	ck_assert_uint_le(b->r[1] - b->r[0], 1);
	ck_assert_uint_eq(b->r[8], 0);
	ck_assert_uint_eq(b->r[7], b->cp15.midr);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, 0);
	if (codegen)
		ck_assert_uint_gt(st.code_bytes, 0);
	else
		ck_assert_uint_eq(st.code_bytes, 0);
}
END_TEST

/* Generated code going on into the next block's (codegen_x86_64.c,
 * emit_chain_tail), and the same runs with the threaded loop: a loop of
 * three blocks (one a block's successor through link 0, one through link
 * 1, one its own), whose store with writeback leaves the data fast path
 * each time it enters a new page, in whatever block run the code has
 * gone on into by then; then a loop of one block, its own successor,
 * whose store does the same. In slices of many lengths, so that the
 * chains end at the budget too, and fetched through the I-cache's lines
 * or uncached. The stores (the data) must be the step engine's.
 *   P+00 cmp r0, r1              P+18 mla r4, r10, r11, r4
 *   P+04 strlo r2, [r0], #4      P+1c mul r9, r4, r10
 *   P+08 ldr r5, [r6, #4]!       P+20 b P
 *   P+0c addlo r3, r3, #1        P+30 cmp r0, r7
 *   P+10 blo P+18                P+34 strlo r2, [r0], #4
 *   P+14 b P+30                  P+38 blo P+30
 *                                P+3c b .                          */
static void code_goes_on(bool cached)
{
	/* (P + 0x10 the first word of an I-cache line, A15's or A7's: the
	 * first block is decoded from two) */
	const uint32_t p = CODE + 0x130u, data = RAM + 0x8000u;
	static const uint32_t code[] = {
		0xe1500001, 0x34802004, 0xe5b65004, 0x32833001,
		0x3a000000, 0xea000005, 0xe0244b9a, 0xe0090a94,
		0xeafffff6, 0xe1a00000, 0xe1a00000, 0xe1a00000,
		0xe1500007, 0x34802004, 0x3afffffc, 0xeafffffe,
	};
	static const unsigned slices[] = {1000, 997, 7, 131, 64, 3, 2000};
	build(cached, true);
	for (unsigned k = 0; k < sizeof code / sizeof code[0]; k++)
		poke(p + 4 * k, code[k]);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[0] = data;
		cpu->r[1] = data + 0x3000u; /* three pages of stores */
		cpu->r[7] = data + 0x6000u; /* and three more */
		cpu->r[2] = 0x5a5a0000u;
		cpu->r[6] = RAM + 0x100u;
		cpu->r[10] = 3;
		cpu->r[11] = 5;
		cpu->r[15] = p;
	}
	run_slices(slices, sizeof slices / sizeof slices[0], 9);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[15], p + 0x3cu); /* both loops ended */
	ck_assert_uint_eq(b->r[0], data + 0x6000u);
	ck_assert_uint_eq(b->r[3], 0x3000u / 4);
	ck_assert_uint_eq(b->r[4], 15 * (0x3000u / 4));
	ck_assert_uint_eq(b->r[9], 3 * b->r[4]);
	/* (the load runs once more as the loop ends) */
	ck_assert_uint_eq(b->r[6], RAM + 0x104u + 0x3000u);
	ck_assert(memcmp(bus_ram_ptr(&ms[0].bus, data, 0x6000u),
			 bus_ram_ptr(&ms[1].bus, data, 0x6000u), 0x6000u) == 0);
	ck_assert_uint_eq(*(const uint32_t *)bus_ram_ptr(&ms[1].bus,
							 data + 0x5ffcu, 4),
			  0x5a5a0000u);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.entered, 3000);
	if (codegen)
		ck_assert_uint_gt(st.code_chained, st.entered / 2);
	else
		ck_assert_uint_eq(st.code_chained, 0);
	/* of the 9216 accesses, the code's own (inline: the data memo's
	 * probe) left the fast path only on the pages' first ones and at
	 * the slices' first runs */
	if (codegen) {
		ck_assert_uint_gt(st.code_full_ways, 0);
		ck_assert_uint_lt(st.code_full_ways, 64);
	} else {
		ck_assert_uint_eq(st.code_full_ways, 0);
	}
}

START_TEST(generated_code_goes_on_from_block_to_block_cached)
{
	code_goes_on(true);
}
END_TEST

START_TEST(generated_code_goes_on_from_block_to_block_uncached)
{
	code_goes_on(false);
}
END_TEST

/* A stop request (Ctrl-C, a debugger's interrupt) is seen between block
 * runs, also by generated code going on from block to block: cpu_run
 * with the flag set runs one block of the loop (three instructions), not
 * its whole budget. */
START_TEST(generated_code_sees_the_stop_flag)
{
	static const volatile int stop = 1;
	build(true, true);
	put_loop();
	run(300); /* the loop's code generated, its block linked to itself */
	assert_same();
	struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(cpu_run(b, 1000, &stop), 3);
	ck_assert_uint_eq(b->r[0], 101);
	ck_assert_uint_eq(cpu_run(&ms[0].cpus[0], 3, &no_stop), 3);
	assert_same();
}
END_TEST

/* A32 data processing, immediate (A5.2.3): rot is the rotation / 2. */
static uint32_t dp_imm(unsigned op, bool s, unsigned rn, unsigned rd,
		       unsigned rot, unsigned imm8)
{
	return 0xe2000000u | op << 21 | (unsigned)s << 20 | rn << 16 |
	       rd << 12 | rot << 8 | imm8;
}

/* A32 data processing, register shifted by an immediate (A5.2.1):
 * type 0 LSL, 1 LSR, 2 ASR, 3 ROR. */
static uint32_t dp_reg(unsigned op, bool s, unsigned rn, unsigned rd,
		       unsigned amount, unsigned type, unsigned rm)
{
	return 0xe0000000u | op << 21 | (unsigned)s << 20 | rn << 16 |
	       rd << 12 | amount << 7 | type << 5 | rm;
}

/* Both machines built (I-cache model and I-cache on), with body[0..n) at
 * CODE and after it a branch back to CODE: the loop the tests below run
 * in slices. */
static void put_body_loop(const uint32_t *body, unsigned n)
{
	build(true, true);
	for (unsigned k = 0; k < n; k++)
		poke(CODE + 4 * k, body[k]);
	poke(CODE + 4 * n, 0xea000000u | (((0u - 4 * n - 8u) >> 2) &
					  0xffffffu)); /* b CODE */
}

/* A32 data processing, register shifted by a register (A5.2.2). */
static uint32_t dp_rsr(unsigned op, bool s, unsigned rn, unsigned rd,
		       unsigned rs, unsigned type, unsigned rm)
{
	return 0xe0000010u | op << 21 | (unsigned)s << 20 | rn << 16 |
	       rd << 12 | rs << 8 | type << 5 | rm;
}

/* The data processing generated code does inline (emit_inline_dp, and
 * emit_inline_mul_long, emit_inline_extend, emit_inline_movw and
 * emit_inline_clz_rev), with
 * and without S, with an immediate (rotated or not: the immediate's
 * carry), a register, a register shifted by an immediate and by a
 * register, every operation (ADC, SBC and RSC read the carry), each
 * against its handler in the step engine:
 * a loop whose values and flags change every round, in slices of many
 * lengths (a slice that cuts a block runs the threaded loop, which calls
 * the handlers). r0-r12 end as the step engine leaves them. */
START_TEST(generated_data_processing_is_the_handlers)
{
	enum { AND, EOR, SUB, RSB, ADD, ADC, SBC, RSC, TST, TEQ, CMP, CMN,
	       ORR, MOV, BIC, MVN };
	const uint32_t body[] = {
		dp_reg(ADD, true, 0, 0, 0, 0, 1),    /* adds r0, r0, r1 */
		dp_reg(ADC, true, 2, 2, 0, 0, 3),    /* adcs r2, r2, r3 */
		dp_reg(SBC, true, 4, 4, 0, 0, 5),    /* sbcs r4, r4, r5 */
		dp_reg(RSC, true, 6, 6, 0, 0, 7),    /* rscs r6, r6, r7 */
		dp_imm(ADC, false, 8, 8, 8, 0x3f),   /* adc r8, #0x3f0000 */
		dp_reg(SBC, false, 9, 9, 3, 0, 0),   /* sbc r9, r0, lsl #3 */
		dp_reg(RSC, false, 10, 10, 5, 1, 1), /* rsc r10, r1, lsr #5 */
		dp_reg(EOR, false, 1, 1, 7, 3, 0),   /* eor r1, r0, ror #7 */
		dp_reg(ADC, true, 11, 11, 2, 2, 2),  /* adcs r11, r2, asr #2 */
		dp_imm(SBC, true, 12, 12, 0, 1),     /* sbcs r12, #1 */
		dp_imm(RSC, true, 3, 3, 1, 0xc0),    /* rscs r3, #0xc0000000 */
		dp_imm(ADC, true, 5, 5, 0, 0),       /* adcs r5, #0 */
		dp_reg(SUB, true, 7, 7, 31, 0, 9),   /* subs r7, r9, lsl #31 */
		dp_imm(RSB, true, 8, 0, 0, 7),       /* rsbs r0, r8, #7 */
		dp_reg(CMP, true, 4, 0, 0, 0, 6),    /* cmp r4, r6 */
		dp_reg(CMN, true, 1, 0, 32 & 31, 1, 2), /* cmn r1, r2, lsr #32 */
		dp_imm(TST, true, 11, 0, 1, 0x80),   /* tst r11, #0x80000000 */
		dp_reg(TEQ, true, 12, 0, 0, 0, 3),   /* teq r12, r3 */
		dp_imm(AND, true, 2, 6, 0, 0xfe),    /* ands r6, r2, #0xfe */
		dp_imm(ORR, true, 9, 9, 4, 0x81),    /* orrs r9, #0x81000000 */
		dp_imm(BIC, true, 10, 10, 0, 0x0f),  /* bics r10, #0xf */
		dp_reg(MOV, true, 0, 12, 0, 0, 7),   /* movs r12, r7 */
		dp_imm(MVN, true, 0, 3, 15, 0x01),   /* mvns r3, #4 */
		dp_reg(ADD, false, 5, 5, 0, 0, 4),   /* add r5, r5, r4 */
		/* shifted by a register (emit_shift_by_register), by amounts
		 * of 0 to 63 (r6) and of any low byte; with S the
		 * arithmetic ones, the logical ones the handler */
		dp_imm(AND, false, 0, 6, 0, 0x3f),   /* and r6, r0, #0x3f */
		dp_rsr(ADD, false, 1, 2, 6, 0, 3),   /* add r2, r1, r3, lsl r6 */
		dp_rsr(SUB, false, 4, 5, 6, 1, 7),   /* sub r5, r4, r7, lsr r6 */
		dp_rsr(RSB, false, 8, 9, 6, 2, 10),  /* rsb r9, r8, r10, asr r6 */
		dp_rsr(EOR, false, 11, 12, 6, 3, 1), /* eor r12, r11, r1, ror r6 */
		dp_rsr(MOV, false, 0, 7, 0, 2, 11),  /* mov r7, r11, asr r0 */
		dp_rsr(ADC, true, 3, 3, 2, 0, 4),    /* adcs r3, r3, r4, lsl r2 */
		dp_rsr(CMP, true, 7, 0, 6, 1, 8),    /* cmp r7, r8, lsr r6 */
		dp_rsr(SBC, false, 10, 10, 6, 3, 9), /* sbc r10, r10, r9, ror r6 */
		dp_rsr(ORR, true, 12, 1, 6, 1, 5),   /* orrs r1, r12, r5, lsr r6 */
		/* the long multiplies (emit_inline_mul_long; with S, and
		 * RdHi == RdLo, the handler) */
		0xe0810392, /* umull r0, r1, r2, r3 */
		0xe0a54796, /* umlal r4, r5, r6, r7 */
		0xe0c98b9a, /* smull r8, r9, r10, r11 */
		0xe0e2c493, /* smlal r12, r2, r3, r4 */
		0xe0c66091, /* smull r6, r6, r1, r0 */
		0xe09ba59c, /* umulls r10, r11, r12, r5 */
		/* the extends (emit_inline_extend; with accumulate, the
		 * handler) */
		0xe6ef1472, /* uxtb r1, r2, ror #8 */
		0xe6ff3074, /* uxth r3, r4 */
		0xe6af5876, /* sxtb r5, r6, ror #16 */
		0xe6bf7c78, /* sxth r7, r8, ror #24 */
		0xe6fa907b, /* uxtah r9, r10, r11 */
		0xe6afc070, /* sxtb r12, r0 */
		/* MOVW/MOVT (emit_inline_movw), after the registers were
		 * used: the upper half kept by MOVW, the lower by MOVT */
		0xe30b1eef, /* movw r1, #0xbeef */
		0xe34d1ead, /* movt r1, #0xdead */
		0xe3482000, /* movt r2, #0x8000 */
		0x13012234, /* movwne r2, #0x1234 */
		0x03043321, /* movweq r3, #0x4321 */
		0xe0833002, /* add r3, r3, r2 */
		/* CLZ and REV (emit_inline_clz_rev), CLZ of 0 too */
		0xe16f4f15, /* clz r4, r5 */
		0xe6bf6f37, /* rev r6, r7 */
		0x116f8f19, /* clzne r8, r9 */
		0xe3a0a000, /* mov r10, #0 */
		0xe16faf1a, /* clz r10, r10 */
		0xe08aa001, /* add r10, r10, r1 */
		0xe6bfaf3a, /* rev r10, r10 */
	};
	const unsigned n = sizeof body / sizeof body[0];
	static const unsigned slices[] = {997, 25, 24, 7, 1, 300, 13};
	put_body_loop(body, n);
	static const uint32_t init[13] = {
		0x9e3779b9, 0x7f4a7c15, 0xffffffff, 0x00000001, 0x80000000,
		0x7fffffff, 0x12345678, 0xfedcba98, 0, 0x0badf00d,
		0x55555555, 0xaaaaaaaa, 0x00010000,
	};
	for (unsigned k = 0; k < 2; k++)
		for (unsigned r = 0; r < 13; r++)
			ms[k].cpus[0].r[r] = init[r];
	run_slices_in_code(slices, sizeof slices / sizeof slices[0], 4);
}
END_TEST

/* Shifts by a register inline (emit_shift_by_register) at the amounts
 * where x86's shifts by CL (modulo 32) and Shift (A8.4.3) part: 0, 1, 31,
 * 32, 33, 64, 255, and 0x100 and 0x121 (amounts are Rs[7:0]: 0 and 33),
 * each type on a value whose sign changes every round:
 *   L: mov r0, #<amount> (0x121: mov, orr)
 *      add r1, r1, r8, lsl r0; eor r2, r2, r8, lsr r0
 *      add r3, r3, r8, asr r0; eor r4, r4, r8, ror r0   (each amount)
 *      add r8, r8, r7; b L                                              */
START_TEST(register_shift_amounts_in_generated_code)
{
	enum { EOR = 1, ADD = 4, ORR = 12, MOV = 13 };
	static const uint16_t amount[] = {0,   1,   31,    32,   33,
					  64,  255, 0x100, 0x121};
	uint32_t body[6 * 9 + 1];
	unsigned n = 0;
	for (unsigned k = 0; k < 9; k++) {
		/* mov r0, #amount (0x100 is 1 ror 24; 0x121 that, then
		 * orr r0, r0, #0x21) */
		if (amount[k] >= 0x100)
			body[n++] = dp_imm(MOV, false, 0, 0, 12, 1);
		else
			body[n++] = dp_imm(MOV, false, 0, 0, 0, amount[k]);
		if (amount[k] > 0x100)
			body[n++] = dp_imm(ORR, false, 0, 0, 0,
					   amount[k] & 0xffu);
		body[n++] = dp_rsr(ADD, false, 1, 1, 0, 0, 8);
		body[n++] = dp_rsr(EOR, false, 2, 2, 0, 1, 8);
		body[n++] = dp_rsr(ADD, false, 3, 3, 0, 2, 8);
		body[n++] = dp_rsr(EOR, false, 4, 4, 0, 3, 8);
	}
	body[n++] = dp_reg(ADD, false, 8, 8, 0, 0, 7);
	static const unsigned slices[] = {997, 47, 46, 9, 1, 300, 13};
	put_body_loop(body, n);
	for (unsigned k = 0; k < 2; k++) {
		ms[k].cpus[0].r[7] = 0x9e3779b9;
		ms[k].cpus[0].r[8] = 0x87654321;
	}
	run_slices_in_code(slices, sizeof slices / sizeof slices[0], 4);
}
END_TEST

/* The operands the two tests of the flags below start from on both
 * machines: r0 and r1 that overflow and carry when added, r2 = 3, r8 a
 * step that changes r0 every round, r10 the load's address. */
static void set_flag_operands(uint32_t r10)
{
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[0] = 0x7ffffff0;
		cpu->r[1] = 0x80000001;
		cpu->r[2] = 3;
		cpu->r[8] = 0x9e3779b9;
		cpu->r[10] = r10;
	}
}

/* Conditions read where generated code keeps the flags (R15D after an
 * inline addition or subtraction that set them, CPSR otherwise:
 * enum flags_reg): after every kind of flag-setting instruction (a
 * subtraction, an addition, with carry in, a handler's, a logical one,
 * whose C and V stay CPSR's),
 * after conditional ones that set them (the two ways joining with the
 * same kind of flags or not) and across a load, each of the 14 conditions
 * toggles its own bit of a register (eor<c>), and ADC and SBC read the
 * carry; a loop whose values change every round, in slices of many
 * lengths, against the step engine (r0-r12, CPSR). */
START_TEST(conditions_read_where_the_flags_are)
{
	enum { AND, EOR, SUB, RSB, ADD, ADC, SBC, RSC, TST, TEQ, CMP, CMN,
	       ORR, MOV, BIC, MVN };
	const uint32_t setters[] = {
		dp_reg(CMP, true, 0, 0, 0, 0, 1),    /* cmp r0, r1 */
		dp_reg(ADD, true, 0, 3, 0, 0, 1),    /* adds r3, r0, r1 */
		dp_reg(CMN, true, 1, 0, 1, 0, 0),    /* cmn r1, r0, lsl #1 */
		dp_imm(SUB, true, 0, 3, 0, 0x80),    /* subs r3, r0, #0x80 */
		dp_reg(ADC, true, 0, 3, 0, 0, 1),    /* adcs r3, r0, r1 */
		dp_reg(SBC, true, 1, 3, 0, 0, 0),    /* sbcs r3, r1, r0 */
		0xe0903211,                          /* adds r3, r0, r1, lsl r2 */
		dp_imm(RSB, true, 0, 3, 0, 0),       /* rsbs r3, r0, #0 */
		dp_reg(AND, true, 0, 3, 0, 0, 1),    /* ands r3, r0, r1 */
		/* conditional ones after a subtraction: the same kind, an
		 * addition, a logical one */
		dp_reg(CMP, true, 0, 0, 0, 0, 1),
		(dp_imm(SUB, true, 0, 3, 0, 1) & 0x0fffffffu) | 0x10000000u,
		(dp_reg(CMN, true, 0, 0, 0, 0, 1) & 0x0fffffffu) | 0x40000000u,
		(dp_reg(AND, true, 0, 3, 0, 0, 1) & 0x0fffffffu) | 0x10000000u,
		/* a load between the compare and the conditions */
		dp_reg(CMP, true, 1, 0, 0, 0, 0),
		0xe59a9000,                          /* ldr r9, [r10] */
	};
	uint32_t body[16 * 18 + 8];
	unsigned n = 0;
	body[n++] = dp_reg(ADD, false, 0, 0, 0, 0, 8); /* add r0, r0, r8 */
	body[n++] = dp_reg(EOR, false, 1, 1, 13, 3, 0); /* eor r1, r0, ror 13 */
	body[n++] = dp_reg(ADD, false, 2, 2, 0, 0, 1); /* add r2, r2, r1 */
	for (unsigned j = 0; j < sizeof setters / sizeof setters[0]; j++) {
		const unsigned rd = 4 + j % 4;
		/* the handler's right after a subtraction's, the logical
		 * one's after a compare's (whose C it keeps) */
		if (setters[j] == 0xe0903211)
			body[n++] = dp_imm(SUB, true, 0, 3, 0, 1);
		if (setters[j] == dp_reg(AND, true, 0, 3, 0, 0, 1))
			body[n++] = dp_reg(CMP, true, 1, 0, 0, 0, 0);
		body[n++] = setters[j];
		if (setters[j] == dp_reg(AND, true, 0, 3, 0, 0, 1))
			body[n++] = dp_reg(ADC, false, 11, 11, 0, 0, 1);
		/* mov rd, rd, ror #1; eor<c> rd, rd, #(1 << c) for c < 14 */
		body[n++] = dp_reg(MOV, false, 0, rd, 1, 3, rd);
		for (unsigned c = 0; c < 14; c++)
			body[n++] = (dp_imm(EOR, false, rd, rd, c < 8 ? 0 : 12,
					    1u << (c % 8)) &
				     0x0fffffffu) |
				    c << 28;
		/* adc r11, r11, r0; sbc r12, r12, r1: C from where it is */
		body[n++] = dp_reg(ADC, false, 11, 11, 0, 0, 0);
		body[n++] = dp_reg(SBC, false, 12, 12, 0, 0, 1);
	}
	ck_assert_uint_le(n + 1, sizeof body / sizeof body[0]);
	static const unsigned slices[] = {997, 25, 24, 7, 1, 300, 13, 2000};
	put_body_loop(body, n);
	poke(RAM + 0x8000u, 0x12345678u);
	set_flag_operands(RAM + 0x8000u);
	run_slices_in_code(slices, sizeof slices / sizeof slices[0], 6);
}
END_TEST

/* Conditional MOV and MVN of an immediate after an inline addition or
 * subtraction, which generated code does as a conditional move
 * (emit_predicated_dp: the conditions one test of R15D decides; the
 * others, MOV with S, a block's last instruction and flags a block
 * begins with in CPSR, by a jump), each of the 14 conditions after each
 * kind, the values they leave added up: against the step engine, in
 * slices of many lengths, with operands that change every round. */
START_TEST(conditional_moves_after_flags_in_r15)
{
	enum { SUB = 2, ADD = 4, ADC = 5, SBC = 6, CMP = 10, MOV = 13,
	       MVN = 15, EOR = 1 };
	const uint32_t setters[] = {
		dp_reg(CMP, true, 0, 0, 0, 0, 1),  /* cmp r0, r1 */
		dp_reg(ADD, true, 0, 3, 0, 0, 1),  /* adds r3, r0, r1 */
		dp_imm(SUB, true, 0, 3, 0, 0x80),  /* subs r3, r0, #0x80 */
		dp_reg(ADC, true, 0, 3, 0, 0, 1),  /* adcs r3, r0, r1 */
		dp_reg(SBC, true, 1, 3, 0, 0, 0),  /* sbcs r3, r1, r0 */
	};
	uint32_t body[5 * (1 + 14 * 4) + 8];
	unsigned n = 0;
	body[n++] = dp_reg(ADD, false, 0, 0, 0, 0, 8); /* add r0, r0, r8 */
	body[n++] = dp_reg(EOR, false, 1, 1, 13, 3, 0); /* eor r1, r0, ror 13 */
	for (unsigned j = 0; j < sizeof setters / sizeof setters[0]; j++) {
		body[n++] = setters[j];
		for (unsigned c = 0; c < 14; c++) {
			const uint32_t cc = (uint32_t)c << 28;
			/* mov<c> r4, #(1 << c); mvn<c> r6, #(c << 8);
			 * add r5, r5, r4; add r7, r7, r6 (movs<c> once) */
			const bool with_s = j == 2 && c == 3;
			body[n++] = (dp_imm(MOV, with_s, 0, 4,
					    c < 8 ? 0 : 12, 1u << (c % 8)) &
				     0x0fffffffu) | cc;
			body[n++] = (dp_imm(MVN, false, 0, 6, 12, c) &
				     0x0fffffffu) | cc;
			body[n++] = dp_reg(ADD, false, 5, 5, 0, 0, 4);
			body[n++] = dp_reg(ADD, false, 7, 7, 0, 0, 6);
		}
	}
	body[n++] = dp_reg(CMP, true, 0, 0, 0, 0, 8);
	body[n++] = (dp_imm(MOV, false, 0, 9, 0, 1) & 0x0fffffffu) | 3u << 28;
	ck_assert_uint_le(n + 1, sizeof body / sizeof body[0]);
	static const unsigned slices[] = {997, 25, 24, 7, 1, 300, 13, 2000};
	put_body_loop(body, n);
	set_flag_operands(RAM + 0x8000u);
	run_slices_in_code(slices, sizeof slices / sizeof slices[0], 6);
}
END_TEST

/* Flags an inline addition or subtraction leaves in R15D alone reach
 * CPSR wherever something else reads it there (codegen_x86_64_internal.h
 * enum flags_reg): the C loop after a load that left the data fast path
 * (a new page every 16 rounds, whose first access misses the data memo),
 * conditions where a conditional compare's way joins an
 * addition's (taken about a third of the time), a handler that reads C
 * (a register-shifted register operand), the C loop after an impure
 * instruction the block goes on after (LDRT), and MRS (a plain
 * instruction whose handler reads CPSR), before an ISB that ends the
 * block (so that generated code goes on into the next).
 *   L: add r0, r0, r8          subs r11, r11, #1
 *      cmp r0, r1              adc r6, r6, r0, lsl r2
 *      ldr r9, [r10]           cmp r2, #3
 *      add r10, r10, #0x100    ldrt r7, [r10]
 *      bic r10, r10, #0x100000 eorhi r4, r4, #32
 *      eorhi r4, r4, #1        cmp r0, r1
 *      eorlt r4, r4, #2        mrs r7, apsr
 *      eoreq r4, r4, #4        eor r4, r4, r7
 *      adds r3, r0, r8         b L
 *      cmpcc r0, r2            isb
 *      eorge r4, r4, #8
 *      eorcs r4, r4, #16
 * (The flags each condition would read if the ones before were not
 * written into CPSR differ from the ones it needs: r2 is 3, r1 and r8
 * give different carries.)                                              */
START_TEST(pending_flags_reach_cpsr_where_it_is_read)
{
	enum { EOR = 1, SUB = 2, ADD = 4, CMP = 10, BIC = 14 };
	const uint32_t body[] = {
		dp_reg(ADD, false, 0, 0, 0, 0, 8),
		dp_reg(CMP, true, 0, 0, 0, 0, 1),
		0xe59a9000,
		dp_imm(ADD, false, 10, 10, 12, 1),
		dp_imm(BIC, false, 10, 10, 6, 1),
		(dp_imm(EOR, false, 4, 4, 0, 1) & 0x0fffffffu) | 0x8u << 28,
		(dp_imm(EOR, false, 4, 4, 0, 2) & 0x0fffffffu) | 0xbu << 28,
		(dp_imm(EOR, false, 4, 4, 0, 4) & 0x0fffffffu) | 0x0u << 28,
		dp_reg(ADD, true, 0, 3, 0, 0, 8),
		(dp_reg(CMP, true, 0, 0, 0, 0, 2) & 0x0fffffffu) | 0x3u << 28,
		(dp_imm(EOR, false, 4, 4, 0, 8) & 0x0fffffffu) | 0xau << 28,
		(dp_imm(EOR, false, 4, 4, 0, 16) & 0x0fffffffu) | 0x2u << 28,
		dp_imm(SUB, true, 11, 11, 0, 1),
		0xe0a66210,
		dp_imm(CMP, true, 2, 0, 0, 3),
		0xe4ba7000,
		(dp_imm(EOR, false, 4, 4, 0, 32) & 0x0fffffffu) | 0x8u << 28,
		dp_reg(CMP, true, 0, 0, 0, 0, 1),
		0xe10f7000,
		0xf57ff06f,
		dp_reg(EOR, false, 4, 4, 0, 0, 7),
	};
	const unsigned n = sizeof body / sizeof body[0];
	static const unsigned slices[] = {997, 17, 16, 5, 1, 300, 11, 2000};
	put_body_loop(body, n);
	set_flag_operands(RAM);
	run_slices_in_code(slices, sizeof slices / sizeof slices[0], 6);
}
END_TEST

/* A program of n words at p; with `bytes` of data at src, a word pattern
 * no two words of which are equal; and the slice lengths the loops below
 * run in, the engines compared after each. */
static void poke_program(uint32_t p, const uint32_t *body, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		poke(p + 4 * k, body[k]);
}
static void poke_program_and_data(uint32_t p, const uint32_t *body,
				  unsigned n, uint32_t src, uint32_t bytes)
{
	poke_program(p, body, n);
	for (uint32_t a = 0; a < bytes; a += 4)
		poke(src + a, 0x9e3779b9u * (a + 1));
}
static const unsigned mem_slices[] = {997, 13, 9, 4, 1, 250, 2000};

/* LDRD and STRD with their specialised handler (predecode_ldst_dual, a
 * load or store the block goes on after, on the data fast path or not),
 * immediate and register offsets, pre- and post-indexed, with and without
 * writeback, against the step engine: a loop that copies three pages
 * (each new page leaves the data fast path once) in slices of many
 * lengths; the copies and r0-r12 must be the step engine's.
 *   P: ldrd r0, r1, [r8, #8]      P+14 add r4, r4, r0
 *      strd r0, r1, [r9], #8      P+18 eor r5, r5, r3
 *      ldrd r2, r3, [r8, r10]!    P+1c subs r11, r11, #1
 *      strd r2, r3, [r9, -r10]    P+20 bne P
 *      strd r2, r3, [r12, #-8]!   P+24 b .                         */
START_TEST(load_store_dual_in_blocks)
{
	const uint32_t p = CODE + 0x400u, src = RAM + 0x8000u,
		       dst = RAM + 0x20000u, sp = RAM + 0x40000u;
	const uint32_t body[] = {
		0xe1c800d8, /* ldrd r0, r1, [r8, #8] */
		0xe0c900f8, /* strd r0, r1, [r9], #8 */
		0xe1a820da, /* ldrd r2, r3, [r8, r10]! */
		0xe10920fa, /* strd r2, r3, [r9, -r10] */
		0xe16c20f8, /* strd r2, r3, [r12, #-8]! */
		0xe0844000, /* add r4, r4, r0 */
		0xe0255003, /* eor r5, r5, r3 */
		0xe25bb001, /* subs r11, r11, #1 */
		0x1afffff6, /* bne L */
		0xeafffffe, /* b . */
	};
	build(true, true);
	poke_program_and_data(p, body, sizeof body / sizeof body[0], src,
			      0x3010u);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[8] = src;
		cpu->r[9] = dst;
		cpu->r[10] = 8;
		cpu->r[11] = 0x3000u / 8;
		cpu->r[12] = sp;
		cpu->r[15] = p;
	}
	run_slices(mem_slices, sizeof mem_slices / sizeof mem_slices[0], 5);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[15], p + 0x24u); /* the loop ended */
	ck_assert_uint_eq(b->r[8], src + 0x3000u);
	ck_assert_uint_eq(b->r[12], sp - 0x3000u);
	ck_assert(memcmp(bus_ram_ptr(&ms[0].bus, dst, 0x3000u),
			 bus_ram_ptr(&ms[1].bus, dst, 0x3000u), 0x3000u) == 0);
	ck_assert(memcmp(bus_ram_ptr(&ms[0].bus, sp - 0x3000u, 0x3000u),
			 bus_ram_ptr(&ms[1].bus, sp - 0x3000u, 0x3000u),
			 0x3000u) == 0);
	/* the first pair copied: [src + 8] to dst */
	ck_assert_uint_eq(*(const uint32_t *)bus_ram_ptr(&ms[1].bus, dst, 4),
			  0x9e3779b9u * 9);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, 5000);
}
END_TEST

/* LDRH/STRH/LDRSB/LDRSH with writeback, pre- and post-indexed
 * (predecode_ldst_extra_wb_fn), and LDR (literal) forwards, backwards and
 * under a condition (a32_predecode_literal, the block's copy made a load
 * of a known address): fast accesses in a block, inline in generated
 * code, against the step engine in slices of many lengths.
 *   P: ldrh r1, [r8], #2           P+1c add r5, r5, r3
 *      ldrsb r2, [r9, r10]!        P+20 eor r6, r6, r4
 *      strh r1, [r11, #-2]!        P+24 add r6, r6, r2
 *      ldr r3, P+0x34              P+28 subs r7, r7, #1
 *      ldr r4, P+4                 P+2c bne P
 *      ldreq r12, P+0x34           P+30 b .
 *      ldrsh r0, [r8], -r10        P+34 .word 0x12345678             */
START_TEST(extra_writeback_and_literal_loads_in_blocks)
{
	const uint32_t p = CODE + 0x400u, src = RAM + 0x8000u,
		       dst = RAM + 0x20000u;
	const uint32_t body[] = {
		0xe0d810b2, 0xe1b920da, 0xe16b10b2, 0xe59f3020,
		0xe51f4014, 0x059fc018, 0xe01800fa, 0xe0855003,
		0xe0266004, 0xe0866002, 0xe2577001, 0x1afffff3,
		0xeafffffe, 0x12345678,
	};
	build(true, true);
	poke_program_and_data(p, body, sizeof body / sizeof body[0], src,
			      0x4000u);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[8] = src + 0x3000u;
		cpu->r[9] = src;
		cpu->r[10] = 4;
		cpu->r[11] = dst + 0x2000u;
		cpu->r[7] = 0x300u;
		cpu->r[15] = p;
	}
	run_slices(mem_slices, sizeof mem_slices / sizeof mem_slices[0], 3);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[15], p + 0x30u); /* the loop ended */
	ck_assert_uint_eq(b->r[8], src + 0x3000u - 2u * 0x300u);
	ck_assert_uint_eq(b->r[9], src + 4u * 0x300u);
	ck_assert_uint_eq(b->r[11], dst + 0x2000u - 2u * 0x300u);
	ck_assert_uint_eq(b->r[3], 0x12345678u);
	ck_assert_uint_eq(b->r[4], body[1]); /* the word at P + 4 */
	ck_assert_uint_eq(b->r[5], 0x12345678u * 0x300u);
	ck_assert(memcmp(bus_ram_ptr(&ms[0].bus, dst, 0x2000u),
			 bus_ram_ptr(&ms[1].bus, dst, 0x2000u), 0x2000u) == 0);
	/* the last halfword stored: the one the last LDRH loaded */
	ck_assert_uint_eq(*(const uint16_t *)bus_ram_ptr(
				  &ms[1].bus, dst + 0x2000u - 2u * 0x300u, 2),
			  (uint16_t)b->r[1]);
	/* in the block at P, every load and store a fast access */
	const struct block *blk =
		&b->blocks->slot[(p >> 2) & (BLOCK_SLOTS - 1)];
	ck_assert_uint_eq(blk->va, p);
	ck_assert_uint_eq(blk->n, 13); /* (to the b .) */
	for (unsigned k = 0; k < 7; k++)
		ck_assert_msg(blk->insn[k].kind == BK_MEM, "insn %u: kind %u",
			      k, blk->insn[k].kind);
}
END_TEST

/* LDM/STM (predecode_ldm, predecode_stm), which generated code does
 * inline when their words are in one page the data memo holds
 * (emit_inline_multiple) and else through the handler: every addressing
 * mode, with and without writeback, a condition, the base in the list,
 * fourteen registers, a base that walks across pages (the words then
 * span two, or the memo misses), and the T16 PUSH and POP, against the
 * step engine in slices of many lengths; the memory and r0-r14 must be
 * the step engine's.
 *   P: push {r0-r12, lr}         P+18 ldmdb r9!, {r2, r3}
 *      add r0, r0, #3            P+1c stmia r9!, {r2, r3}
 *      tst r0, #4                P+20 pop {r0-r12, lr}
 *      ldmne sp, {r1-r4}         P+24 add r9, r9, #0x40
 *      ldmib sp, {r5, r6}        P+28 add r0, r0, #1
 *      stmda r9, {r1, r5, r6, r9}  P+2c b P
 *   T (Thumb): push {r0-r7, lr}; adds r0, #1; pop {r0-r7}; pop {r1};
 *      adds r0, #2; b T                                              */
static void multiple_in_blocks(bool thumb)
{
	const uint32_t p = CODE + 0x600u, t = CODE + 0x700u;
	const uint32_t walk = RAM + 0x10f00u, sp = RAM + 0x40000u;
	static const uint32_t body[] = {
		0xe92d5fff, 0xe2800003, 0xe3100004, 0x189d001e,
		0xe99d0060, 0xe8090262, 0xe939000c, 0xe8a9000c,
		0xe8bd5fff, 0xe2899040, 0xe2800001, 0xeafffff3,
	};
	static const uint32_t tbody[] = {0x3001b5ff, 0xbc02bcff, 0xe7f93002};
	static const unsigned slices[] = {997, 14, 12, 5, 1, 300, 2000};
	build(true, true);
	for (unsigned k = 0; k < sizeof body / sizeof body[0]; k++)
		poke(p + 4 * k, body[k]);
	for (unsigned k = 0; k < sizeof tbody / sizeof tbody[0]; k++)
		poke(t + 4 * k, tbody[k]);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned r = 0; r < 13; r++)
			cpu->r[r] = 0x01010101u * (r + 1);
		cpu->r[9] = walk;
		cpu->r[13] = sp;
		cpu->r[14] = 0x5a5a5a5au;
		cpu->r[15] = thumb ? t : p;
		if (thumb)
			cpu->cpsr |= CPSR_T;
	}
	run_slices(slices, sizeof slices / sizeof slices[0], 3);
	const struct cpu *b = &ms[1].cpus[0];
	/* balanced: at most one push pending */
	ck_assert_uint_ge(b->r[13], sp - 56u);
	ck_assert_uint_le(b->r[13], sp);
	ck_assert(memcmp(bus_ram_ptr(&ms[0].bus, RAM + 0x10000u, 0x40000u),
			 bus_ram_ptr(&ms[1].bus, RAM + 0x10000u, 0x40000u),
			 0x40000u) == 0);
	if (thumb) {
		ck_assert_uint_gt(b->r[0], 2000);
	} else {
		/* r9 went across pages (a round moves it 0x40) */
		ck_assert_uint_gt(b->r[9], walk + 0x2000u);
		/* stmda r9, {r1, r5, r6, r9} of the second round: r9 at r9
		 * (the loaded r1, r5, r6 below it) */
		ck_assert_uint_eq(*(const uint32_t *)bus_ram_ptr(
					  &ms[1].bus, walk + 0x40u, 4),
				  walk + 0x40u);
	}
	struct block_stats st;
	block_get_stats(b, &st);
	if (codegen)
		ck_assert_uint_gt(st.code_chained, 100);
}

START_TEST(load_store_multiple_in_blocks_a32)
{
	multiple_in_blocks(false);
}
END_TEST

START_TEST(load_store_multiple_in_blocks_t16)
{
	multiple_in_blocks(true);
}
END_TEST

/* Between the stats st0 and st, `runs` block runs, each but cpu_run's
 * first found from the block before (block_chained, in C or, with
 * generated code, from the code itself, which must then have found them
 * all), none by block_at. */
static void assert_runs_followed(const struct block_stats *st0,
				 const struct block_stats *st, uint64_t runs)
{
	ck_assert_uint_eq(st->entered - st0->entered, runs);
	ck_assert_uint_eq((st->followed - st0->followed) +
				  (st->code_chained - st0->code_chained),
			  runs - 1);
	if (codegen)
		ck_assert_uint_eq(st->code_chained - st0->code_chained,
				  runs - 1);
}

/* A32 BL from `from` to `to`. */
static uint32_t a32_bl(uint32_t from, uint32_t to)
{
	return 0xeb000000u | (((to - from - 8u) >> 2) & 0xffffffu);
}

/* Returns by BX and by POP {.., pc} (FLOW_ENDS_PC) that stay on the data
 * fast path end clean runs, as branches do: the block after them is found
 * from the block before (block_chained), not by block_at. A loop of six
 * blocks, every run clean, the same on both engines:
 *   main: bl f          f:  bx lr
 *         bl g          g:  push {r4, lr}; b g2
 *         b main        g2: add r0, r0, #1; pop {r4, pc}          */
static void returns_end_clean_runs(bool cached)
{
	const uint32_t f = CODE + 0x100u, g = CODE + 0x200u, g2 = g + 0x40u;
	build(cached, true);
	poke(CODE, a32_bl(CODE, f));
	poke(CODE + 4, a32_bl(CODE + 4, g));
	poke(CODE + 8, 0xea000000u | (((CODE - CODE - 8u - 8u) >> 2) &
				     0xffffffu)); /* b main */
	poke(f, 0xe12fff1e); /* bx lr */
	poke(g, 0xe92d4010); /* push {r4, lr} */
	poke(g + 4, 0xea000000u | (((g2 - g - 4u - 8u) >> 2) & 0xffffffu));
	poke(g2, 0xe2800001); /* add r0, r0, #1 */
	poke(g2 + 4, 0xe8bd8010); /* pop {r4, pc} */
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[13] = RAM + 0x10000u;
	/* the blocks built, given code and linked: WARM rounds of 8 */
	run(8 * WARM);
	assert_same();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	run(800); /* 100 rounds of the loop's 8 instructions */
	assert_same();
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], WARM + 100);
	ck_assert_uint_eq(st.insns - st0.insns, 800);
	/* a BX or POP that ended the run unclean would send two runs a
	 * round to block_at; generated code runs the returns itself */
	assert_runs_followed(&st0, &st, 600);
}

/* A loop entered, the first time, from a branch while its second
 * I-cache line was not filled yet: its first block ends where that
 * fetch missed, and the rest of the loop is a block of its own once the
 * step engine has filled the line. The first block is built again before
 * its code is generated (build_again), over both lines: with generated
 * code, one block run a round from then on, the same steps and state as
 * the step engine's (the threaded loop, which generates nothing, keeps
 * the two blocks).
 *   CODE: b head   head: add r0; add r1 | (next line) add r2; b head */
START_TEST(loop_split_at_a_miss_is_one_block_in_code)
{
	build(true, true);
	const uint32_t line = ms[1].cpus[0].icache.line_bytes;
	const uint32_t head = CODE + line - 8u;
	poke(CODE, 0xea000000u | (((head - CODE - 8u) >> 2) & 0xffffffu));
	poke(head, 0xe2800001);      /* add r0, r0, #1 */
	poke(head + 4, 0xe2811001);  /* add r1, r1, #1 */
	poke(head + 8, 0xe2822001);  /* add r2, r2, #1 (next line) */
	poke(head + 12, 0xeafffffb); /* b head */
	run(1 + 4 * WARM);
	assert_same();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	run(400); /* 100 rounds */
	assert_same();
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[2], WARM + 100);
	ck_assert_uint_eq(st.insns - st0.insns, 400);
	ck_assert_uint_eq(st.entered - st0.entered, codegen ? 100 : 200);
}
END_TEST

/* A loop of two blocks in two I-cache lines, run until both have code
 * and back at CODE (2 * CODEGEN_AFTER rounds):
 *   CODE: add r0, r0, #1; b CODE + 0x40
 *   CODE + 0x40: add r1, r1, #1; b CODE                                */
static void run_two_line_loop(void)
{
	build(true, true);
	poke(CODE, 0xe2800001);
	poke(CODE + 4, 0xea00000d);
	poke(CODE + 0x40, 0xe2811001);
	poke(CODE + 0x44, 0xeaffffed);
	run(8 * CODEGEN_AFTER);
	assert_same();
}

/* After a fill or an invalidation of some other line (each gives the
 * I-cache's next stamp), a block's lines are compared with their stamps
 * where its entry is checked, in the generated code: the blocks of a
 * loop go on into each other there, none is found again from C. */
START_TEST(lines_seen_unchanged_in_code_after_a_fill_elsewhere)
{
	run_two_line_loop();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	for (unsigned k = 0; k < 10; k++) {
		ms[1].cpus[0].icache.stamp_next++; /* a fill elsewhere */
		run(40);
		assert_same();
	}
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(st.insns - st0.insns, 400);
	/* each run's first block from block_at, the 19 after it from the
	 * code (with generated code), or all from C */
	ck_assert_uint_eq(st.code_chained - st0.code_chained,
			  codegen ? 190 : 0);
	ck_assert_uint_eq(st.followed - st0.followed, codegen ? 0 : 190);
}
END_TEST

/* ... and a block one of whose lines was invalidated (ICIMVAU) is not
 * entered from the code of the block before: the new code (add r1, r1,
 * #2) runs once the step engine's fetch has filled the line again. */
START_TEST(invalidated_line_is_seen_where_code_enters_a_block)
{
	run_two_line_loop();
	poke(CODE + 0x40, 0xe2811002);
	for (unsigned k = 0; k < 2; k++)
		icache_invalidate_mva(&ms[k].cpus[0], CODE + 0x40);
	run(40);
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 2 * CODEGEN_AFTER + 2 * 10);
}
END_TEST

/* A block's first fetch that would miss is filled by the block engine
 * only where nothing can come between the two (fill_first_line): with an
 * interrupt pending and unmasked, the step engine takes it before the
 * fetch, and the line at the PC stays unfilled in both engines.
 *   CODE: add r0, r0, #1; b CODE + 0x40     CODE + 0x40: add r1, r1, #1;
 *   b CODE + 0x40     IRQ vector (VBAR CODE + 0x800): mov r5, #1; b .   */
START_TEST(no_fill_ahead_of_a_pending_interrupt)
{
	build(true, true);
	poke(CODE, 0xe2800001);
	poke(CODE + 4, 0xea00000d);
	poke(CODE + 0x40, 0xe2811001);
	poke(CODE + 0x44, 0xeafffffe);
	poke(CODE + 0x818, 0xe3a05001);
	poke(CODE + 0x81c, 0xeafffffe);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *c = &ms[k].cpus[0];
		c->cp15.vbar[0] = c->cp15.vbar[1] = CODE + 0x800u;
		c->cpsr &= ~CPSR_I;
	}
	run(2); /* at CODE + 0x40, whose line was never fetched */
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[15], CODE + 0x40);
	const uint64_t fills = ms[1].cpus[0].icache.fills;
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].irq_line = true;
	/* the IRQ taken (a step that retires nothing), then its handler */
	uint64_t ran[2];
	for (unsigned k = 0; k < 2; k++)
		ran[k] = cpu_run(&ms[k].cpus[0], 3, &no_stop);
	ck_assert_uint_eq(ran[0], ran[1]);
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[5], 1);
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 0);
	/* only the handler's line filled */
	ck_assert_uint_eq(ms[1].cpus[0].icache.fills, fills + 1);
}
END_TEST

/* A block over two I-cache lines whose second line was invalidated
 * (ICIMVAU) runs its first instructions from the first line, as a run cut
 * short, and keeps its entries and its code (block_relink_prefix): the
 * step engine's results, no block built (the one that starts where the
 * line was, from the first round, whose first fetch fills the line
 * again, is relinked, and then the whole block), and from the next
 * round on the block's code runs again, without CODEGEN_AFTER entries to
 * wait; then with new bytes in the line, where both are built again.
 *   L (CODE + 0x38): add r0, r0, #1; add r1, r1, #1
 *   CODE + 0x40:     add r2, r2, #1; b L                               */
START_TEST(prefix_runs_while_a_line_is_gone)
{
	build(true, true);
	const uint32_t l = CODE + 0x38u;
	poke(l, 0xe2800001);
	poke(l + 4, 0xe2811001);
	poke(l + 8, 0xe2822001);
	poke(l + 12, a32_b(14, l + 12, l));
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[15] = l;
	/* (WARM rounds of 4) */
	run(4 * WARM);
	assert_same();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	for (unsigned k = 0; k < 2; k++)
		icache_invalidate_mva(&ms[k].cpus[0], l + 8);
	run(4 * 20);
	assert_same();
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[2], WARM + 20);
	ck_assert_uint_eq(st.built - st0.built, 0);
	ck_assert_uint_eq(st.insns - st0.insns, 80);
	/* the first round: L's two (from C) and the new block's two; the
	 * other 19 rounds: L's block whole, 18 of them from the code of the
	 * block before (the first from C, after the new block's run) */
	ck_assert_uint_eq(st.entered - st0.entered, 21);
	if (codegen)
		ck_assert_uint_eq(st.code_chained - st0.code_chained, 18);
	/* new bytes in the line: the block is decoded again from them */
	poke(l + 8, 0xe2822002); /* add r2, r2, #2 */
	for (unsigned k = 0; k < 2; k++)
		icache_invalidate_mva(&ms[k].cpus[0], l + 8);
	block_get_stats(&ms[1].cpus[0], &st0);
	run(4 * 20);
	assert_same();
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[2], WARM + 20 + 2 * 20);
	ck_assert_uint_eq(st.built - st0.built, 2);
}
END_TEST

/* Uncached: a block on another page, reached from a block's links after
 * its page was written, is compared with its own page's bytes, not with
 * those of the page the fetch memo holds (the one block_at last found a
 * block on): here the other page holds, at the same offset, the bytes the
 * block was decoded from, and its own page new ones.
 *   X (CODE): add r0, r0, #1; b Y      Y (CODE + 0x2000): add r1, r1, #1
 *   CODE + 0x40: Y's two words, never run                 b X          */
START_TEST(uncached_block_is_compared_with_its_own_page)
{
	build(false, false);
	const uint32_t y = CODE + 0x2040u;
	poke(CODE, 0xe2800001);
	poke(CODE + 4, 0xea000000u | (((y - CODE - 12u) >> 2) & 0xffffffu));
	poke(y, 0xe2811001);
	poke(y + 4, 0xea000000u | (((CODE - y - 12u) >> 2) & 0xffffffu));
	poke(CODE + 0x40, 0xe2811001);
	poke(CODE + 0x44, 0xea000000u | (((CODE - y - 12u) >> 2) & 0xffffffu));
	run(8 * CODEGEN_AFTER); /* back at X: the memo holds X's page */
	assert_same();
	poke(y, 0xe2811002); /* add r1, r1, #2 */
	run(40);
	assert_same();
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 2 * CODEGEN_AFTER + 2 * 10);
}
END_TEST

/* A block whose first fetch would miss the I-cache has that line filled
 * as the step engine's fetch would fill it (block.c fill_first_line) and
 * is built at the PC, not one instruction on after a step: the I-cache's
 * ticks, fills and LRU stay the step engine's (assert_same), and no
 * instruction is left to the step engine.
 *   CODE: add r0, r0, #1; cmp r0, #3; bne CODE; b PRE
 *   PRE (FAR + 0x800, FAR's page): b FAR
 *   FAR (CODE + 4 * BLOCK_SLOTS, CODE's slot): add r1, r1, #1; b CODE  */
START_TEST(first_fetch_miss_fills_the_line_and_builds_at_the_pc)
{
	build(true, true);
	const uint32_t far = CODE + 4u * BLOCK_SLOTS, pre = far + 0x800u;
	poke(CODE, 0xe2800001);
	poke(CODE + 4, 0xe3500003);
	poke(CODE + 8, 0x1afffffc);
	poke(CODE + 12, 0xea000000u | (((pre - CODE - 20u) >> 2) & 0xffffffu));
	poke(pre, 0xea000000u | (((far - pre - 8u) >> 2) & 0xffffffu));
	poke(far, 0xe2811001);
	poke(far + 4, 0xea000000u | (((CODE - far - 12u) >> 2) & 0xffffffu));
	/* CODE and PRE stepped (pages the fetch memo never held: their
	 * translations are walks, their lines filled by those steps); the
	 * blocks at CODE + 4 (to the taken bne), CODE (twice: bne taken,
	 * then on to b PRE), FAR (its line filled for it, in CODE's slot),
	 * CODE's again (to the taken bne) */
	run(16);
	assert_same();
	struct block_stats st;
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], 4);
	ck_assert_uint_eq(ms[1].cpus[0].r[1], 1);
	ck_assert_uint_eq(ms[1].cpus[0].icache.fills, 3);
	ck_assert_uint_eq(st.built, 4);
	ck_assert_uint_eq(st.insns, 14);
}
END_TEST

/* A block of BLOCK_MAX instructions without the I-cache model keeps all
 * their encodings (block.code), so that after a write elsewhere in its
 * page (the page's code-write generation moves) it is found unchanged by
 * comparing them with RAM, not decoded again.
 *   CODE: 31 x add r0, r0, #1; b CODE                                   */
START_TEST(longest_uncached_block_survives_a_write_in_its_page)
{
	build(false, false);
	for (unsigned k = 0; k + 1 < BLOCK_MAX; k++)
		poke(CODE + 4 * k, 0xe2800001);
	poke(CODE + 4 * (BLOCK_MAX - 1),
	     0xea000000u | (((0u - 4 * (BLOCK_MAX - 1) - 8u) >> 2) &
			    0xffffffu));
	run(BLOCK_MAX * (CODEGEN_AFTER + 2));
	assert_same();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	poke(CODE + 0x800u, 0xe1a00000); /* the same page, not the block */
	run(BLOCK_MAX * 4);
	assert_same();
	block_get_stats(&ms[1].cpus[0], &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[0],
			  (BLOCK_MAX - 1) * (CODEGEN_AFTER + 2 + 4));
	ck_assert_uint_eq(st.built, st0.built);
	ck_assert_uint_eq(st.stale, st0.stale);
	ck_assert_uint_eq(st.insns - st0.insns, BLOCK_MAX * 4);
}
END_TEST

START_TEST(returns_end_clean_runs_cached)
{
	returns_end_clean_runs(true);
}
END_TEST

START_TEST(returns_end_clean_runs_uncached)
{
	returns_end_clean_runs(false);
}
END_TEST

/* A context synchronization barrier and a system register read end
 * their blocks (a DMB does not: a32_predecode.c nop_plain), and a run
 * that ends with one stays clean when it changed nothing the next block
 * relies on (impure_kept_clean): the next block is found from the one
 * before, by generated code after block_ends_from_code, with no return
 * to block_at, and the step engine's results:
 *   loop: add r0, r0, #1; dmb ish; isb; mrc p15, 0, r2, c13, c0, 3
 *         (TPIDRURO); b loop */
/* The loop poked at CODE, of round_len instructions a round: WARM rounds
 * (to build its blocks, give them code and link them), then `rounds` more
 * with the block engine's stats before (*st0) and after (*st), both
 * engines compared after each part. */
static void warm_then_run(unsigned round_len, unsigned rounds,
			  struct block_stats *st0, struct block_stats *st)
{
	run(round_len * WARM);
	assert_same();
	block_get_stats(&ms[1].cpus[0], st0);
	run(round_len * rounds);
	assert_same();
	block_get_stats(&ms[1].cpus[0], st);
}

static void barriers_end_clean_runs(bool cached)
{
	build(cached, true);
	poke_program(CODE,
		     (const uint32_t[]){0xe2800001, 0xf57ff05b, 0xf57ff06f,
					0xee1d2f70,
					a32_b(14, CODE + 16, CODE)},
		     5);
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].cp15.tpidruro[0] = ms[k].cpus[0].cp15.tpidruro[1] =
			0x1234u;
	struct block_stats st0, st;
	warm_then_run(5, 100, &st0, &st);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], WARM + 100);
	ck_assert_uint_eq(ms[1].cpus[0].r[2], 0x1234u);
	/* three blocks a round: [add, dmb, isb], [mrc], [b] */
	assert_runs_followed(&st0, &st, 300);
}

/* Exclusives to RAM end clean runs although they leave the data fast
 * path (they translate and mark the monitor on the full way): what the
 * run relies on is unchanged, and no device was touched. Three blocks a
 * round, each found from the one before:
 *   CODE: ldrex r1, [r2] | add r1, r1, #1; strex r3, r1, [r2] |
 *         add r0, r0, #1; b CODE                                      */
static void exclusives_end_clean_runs(bool cached)
{
	const uint32_t data = RAM + 0x8000u;
	build(cached, true);
	poke_program(CODE,
		     (const uint32_t[]){0xe1921f9f, 0xe2811001, 0xe1823f91,
					0xe2800001,
					a32_b(14, CODE + 16, CODE)},
		     5);
	poke(data, 0);
	for (unsigned k = 0; k < 2; k++)
		ms[k].cpus[0].r[2] = data;
	struct block_stats st0, st;
	warm_then_run(5, 100, &st0, &st);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0], WARM + 100);
	ck_assert_uint_eq(b->r[3], 0); /* every STREX passed */
	ck_assert_uint_eq(*(const uint32_t *)bus_ram_ptr(&ms[1].bus, data, 4),
			  WARM + 100);
	/* (both exclusives took the full way every round) */
	ck_assert_uint_eq(b->slow_accesses, 2 * (WARM + 100));
	assert_runs_followed(&st0, &st, 300);
}

/* Masking and unmasking interrupts (CPSID i, CPSIE i, MSR CPSR_c with the
 * mode unchanged) ends clean runs while no interrupt is pending: four
 * blocks a round, each found from the one before.
 *   CODE: cpsid i | add r0, r0, #1; cpsie i | msr cpsr_c, r4 | b CODE
 * (r4 the mode with I and F set) */
START_TEST(interrupt_masks_end_clean_runs)
{
	build(true, true);
	poke_program(CODE,
		     (const uint32_t[]){0xf10c0080, 0xe2800001, 0xf1080080,
					0xe121f004,
					a32_b(14, CODE + 16, CODE)},
		     5);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[4] = (cpu->cpsr & CPSR_M_MASK) | CPSR_I | CPSR_F;
	}
	struct block_stats st0, st;
	warm_then_run(5, 100, &st0, &st);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0], WARM + 100);
	ck_assert_uint_eq(b->cpsr & (CPSR_I | CPSR_F), CPSR_I | CPSR_F);
	assert_runs_followed(&st0, &st, 400);
}
END_TEST

/* ... but a device access leaves the run unclean (what a device does to
 * the machine is left to block_at's full checks): after LDRT from a
 * device, the next block is looked up by block_at each round, never
 * followed.
 *   CODE: ldrt r1, [r2] (a device); add r0, r0, #1; b CODE          */
static bool const_device_read(void *opaque, uint64_t offset, unsigned size,
			      uint64_t *val, struct cpu *cpu)
{
	(void)opaque, (void)offset, (void)size, (void)cpu;
	*val = 0x55u;
	return true;
}
static bool const_device_write(void *opaque, uint64_t offset, unsigned size,
			       uint64_t val, struct cpu *cpu)
{
	(void)opaque, (void)offset, (void)size, (void)val, (void)cpu;
	return true;
}

START_TEST(device_access_leaves_the_run_unclean)
{
	static const struct bus_device_ops ops = {const_device_read,
						  const_device_write};
	const uint32_t dev = 0x10000000u;
	build(true, true);
	for (unsigned k = 0; k < 2; k++) {
		const char *err = NULL;
		ck_assert(bus_add_device(&ms[k].bus, dev, 0x1000, "const",
					 &ops, NULL, &err));
		ms[k].cpus[0].r[2] = dev;
	}
	poke_program(CODE,
		     (const uint32_t[]){0xe4b21000, 0xe2800001,
					a32_b(14, CODE + 8, CODE)},
		     3);
	struct block_stats st0, st;
	warm_then_run(3, 100, &st0, &st);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0], WARM + 100);
	ck_assert_uint_eq(b->r[1], 0x55u);
	ck_assert_uint_eq(b->device_accesses, WARM + 100);
	ck_assert_uint_eq(st.entered - st0.entered, 100);
	ck_assert_uint_eq((st.followed - st0.followed) +
				  (st.code_chained - st0.code_chained),
			  0);
}
END_TEST

START_TEST(exclusives_end_clean_runs_cached)
{
	exclusives_end_clean_runs(true);
}
END_TEST

START_TEST(exclusives_end_clean_runs_uncached)
{
	exclusives_end_clean_runs(false);
}
END_TEST

START_TEST(barriers_end_clean_runs_cached)
{
	barriers_end_clean_runs(true);
}
END_TEST

START_TEST(barriers_end_clean_runs_uncached)
{
	barriers_end_clean_runs(false);
}
END_TEST

/* Returns that generated code runs (block_ends_pc_from_code) and that
 * leave the run unclean or do not run, compared with the step engine in
 * slices of every length from 13 down to 1 (blocks cut by the budget run
 * in the threaded loop): a BXNE whose condition fails (the run stays
 * clean), a BX into Thumb code and a BX back (CPSR.T changes: CG_RAN),
 * an LDR to the PC whose load leaves the data fast path every time (its
 * two addresses take the same data memo entry) and, in the second round,
 * one that takes a Data Abort; the handler points r6 at the data and
 * returns to the load.
 *   P:      add r0, r0, #1     f = P+0x40: bx lr
 *           bl f               h = P+0x80: cmp r0, r0; bxne lr
 *           bl h                   P+0x88: bx r9        (r9 = T | 1)
 *           bl k               k = P+0xc0: eor r6, r6, r7; ldr pc, [r6]
 *           b P                T (next page): adds r1, #1; bx lr    */
START_TEST(returns_leaving_runs_unclean)
{
	const uint32_t p = CODE + 0x300u, t = CODE + 0x1010u;
	const uint32_t data0 = RAM + 0x8000u, data1 = RAM + 0x88000u;
	build(true, true);
	poke(p, 0xe2800001);
	poke(p + 0x4u, a32_bl(p + 0x4u, p + 0x40u));
	poke(p + 0x8u, a32_bl(p + 0x8u, p + 0x80u));
	poke(p + 0xcu, a32_bl(p + 0xcu, p + 0xc0u));
	poke(p + 0x10u, 0xea000000u | (((0u - 0x10u - 8u) >> 2) & 0xffffffu));
	poke(p + 0x40u, 0xe12fff1e);
	poke(p + 0x80u, 0xe1500000);
	poke(p + 0x84u, 0x112fff1e);
	poke(p + 0x88u, 0xe12fff19);
	poke(p + 0xc0u, 0xe0266007);
	poke(p + 0xc4u, 0xe596f000);
	poke(t, 0x47703101);
	poke(data0, p + 0x10u);
	poke(data1, p + 0x10u);
	poke(RAM + 0x10u, 0xe1a06003); /* mov r6, r3 */
	poke(RAM + 0x14u, 0xe25ef008); /* subs pc, lr, #8 */
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned bank = 0; bank < 2; bank++) {
			cpu->cp15.sctlr[bank] &= ~SCTLR_V;
			cpu->cp15.vbar[bank] = RAM;
		}
		cpu->r[3] = data0;
		cpu->r[6] = data1;
		cpu->r[7] = data0 ^ data1;
		cpu->r[9] = t | 1u;
		cpu->r[15] = p;
	}
	for (unsigned round = 0; round < 6; round++) {
		if (round == 2) /* an address with nothing behind it */
			for (unsigned k = 0; k < 2; k++)
				ms[k].cpus[0].r[6] = 0x00100000u ^ data0 ^
						     data1;
		for (unsigned slice = 13; slice >= 1; slice--) {
			run(slice);
			assert_same();
		}
	}
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_gt(b->r[0], 20);
	ck_assert_uint_le(b->r[0] - b->r[1], 1); /* Thumb ran each round */
	ck_assert(b->r[6] == data0 || b->r[6] == data1); /* aborted once */
	ck_assert_uint_eq(b->cpsr & CPSR_T, 0);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, 0);
	if (codegen)
		ck_assert_uint_gt(st.code_bytes, 0);
}
END_TEST

/* POP {…, pc} and LDR PC end a block; generated code loads them inline
 * when the words are on one page the data memo holds and the PC is an
 * ARM address (emit_inline_return), and takes block_ends_from_code's full
 * way otherwise: to a Thumb address (interworking), to an address with
 * bit 1 set (aligned: cpu_branch_interwork's UNPREDICTABLE choice) and
 * for words on two pages. Compared with the step engine after a warm-up
 * that gives the blocks code, in slices of every length from 13 down to
 * 1.
 *   P:       add r0, r0, #1; mov sp, r8; pop {r4, pc}     (S: P+0x40)
 *   P+0x40:  add r1, r1, #1; pop {r4, pc}                 (T | 1)
 *   T (next page): adds r2, #1; bx r9                     (r9 = P+0x80)
 *   P+0x80:  add r3, r3, #1; pop {r5, pc}                 (P+0xc2)
 *   P+0xc0:  mov sp, r10; pop {r4, pc}   (r10: the words at a page's
 *                                         last word and the next)
 *   P+0x100: ldr pc, [r11, #4]                            (P+0x140)
 *   P+0x140: add sp, r8, #32; ldr pc, [sp], #4            (T2 | 1)
 *   T2 = T+4: adds r7, #1; bx r12                         (P+0x180)
 *   P+0x180: add sp, r8, #36; ldr pc, [sp], #4            (P) */
START_TEST(pop_pc_inline_and_its_full_way)
{
	const uint32_t p = CODE + 0x300u, t = CODE + 0x1010u;
	const uint32_t stack = RAM + 0x8000u, cross = RAM + 0x9000u - 4u;
	build(true, true);
	const uint32_t code[][2] = {
		{p, 0xe2800001},	{p + 0x4u, 0xe1a0d008},
		{p + 0x8u, 0xe8bd8010},	{p + 0x40u, 0xe2811001},
		{p + 0x44u, 0xe8bd8010}, {t, 0x47483201},
		{p + 0x80u, 0xe2833001}, {p + 0x84u, 0xe8bd8020},
		{p + 0xc0u, 0xe1a0d00a}, {p + 0xc4u, 0xe8bd8010},
		{stack, 0x11},		{stack + 4u, p + 0x40u},
		{stack + 8u, 0x22},	{stack + 12u, t | 1u},
		{stack + 16u, 0x55},	{stack + 20u, p + 0xc2u},
		{cross, 0x33},		{cross + 4u, p + 0x100u},
		{p + 0x100u, 0xe59bf004}, {stack + 28u, p + 0x140u},
		{p + 0x140u, 0xe288d020}, {p + 0x144u, 0xe49df004},
		{stack + 32u, (t + 4u) | 1u}, {t + 4u, 0x47603701},
		{p + 0x180u, 0xe288d024}, {p + 0x184u, 0xe49df004},
		{stack + 36u, p},
	};
	for (unsigned k = 0; k < sizeof code / sizeof code[0]; k++)
		poke(code[k][0], code[k][1]);
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *cpu = &ms[k].cpus[0];
		cpu->r[8] = stack;
		cpu->r[9] = p + 0x80u;
		cpu->r[10] = cross;
		cpu->r[11] = stack + 24u;
		cpu->r[12] = p + 0x180u;
		cpu->r[15] = p;
	}
	/* one round is 18 instructions */
	run(18 * (CODEGEN_AFTER + 4));
	assert_same();
	for (unsigned round = 0; round < 4; round++)
		for (unsigned slice = 13; slice >= 1; slice--) {
			run(slice);
			assert_same();
		}
	const struct cpu *b = &ms[1].cpus[0];
	const uint32_t rounds = b->r[0];
	ck_assert_uint_gt(rounds, CODEGEN_AFTER + 4);
	/* every part of every round ran: each counter one behind at most */
	ck_assert_uint_le(rounds - b->r[1], 1);
	ck_assert_uint_le(rounds - b->r[2], 1);
	ck_assert_uint_le(rounds - b->r[3], 1);
	ck_assert_uint_le(rounds - b->r[7], 1);
	/* the popped words reached their registers, and the core is in
	 * Thumb state exactly while it runs T or T2 */
	ck_assert_uint_eq(b->r[5], 0x55);
	ck_assert(b->r[4] == 0x11 || b->r[4] == 0x22 || b->r[4] == 0x33);
	ck_assert_uint_eq((b->cpsr & CPSR_T) != 0,
			  b->r[15] >= t && b->r[15] < t + 8u);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, 18 * CODEGEN_AFTER);
	if (codegen)
		ck_assert_uint_gt(st.code_chained, 0);
}
END_TEST

/* A branch to another page: the fetch memo holds the page branched from,
 * and when the soft TLB holds the new page's translation unchanged the
 * block engine fills the memo as the step engine's fetch would and runs
 * the first instruction there in a block too (block.c memo_refill), with
 * the same I-cache hits. Two pages calling each other, fetched through
 * the lines or uncached: after the first round trips every instruction
 * runs in blocks, each found from the one before.
 *   A:      add r0, r0, #1; b B
 *   B = A + 0x1000: add r1, r1, #1; b A                          */
static void branches_between_pages(bool cached)
{
	build(cached, true);
	poke(CODE, 0xe2800001);
	poke(CODE + 4, 0xea000000 | ((0x1000u - 12u) >> 2)); /* b B */
	poke(CODE + 0x1000u, 0xe2811001);
	poke(CODE + 0x1004u, /* b A */
	     0xea000000 | ((0u - 0x100cu) >> 2 & 0xffffffu));
	/* (WARM rounds of 4) */
	run(4 * WARM);
	assert_same();
	const uint64_t before = block_insns();
	struct block_stats st0, st;
	block_get_stats(&ms[1].cpus[0], &st0);
	run(400);
	assert_same();
	ck_assert_uint_eq(block_insns() - before, 400);
	/* and after the first of cpu_run's 200 block runs, each block was
	 * found from the one before on the other page (block.xlink), not
	 * by block_at */
	block_get_stats(&ms[1].cpus[0], &st);
	assert_runs_followed(&st0, &st, 200);
	ck_assert_uint_eq(ms[1].cpus[0].r[0], WARM + 100);
	ck_assert_uint_eq(ms[1].cpus[0].r[1], WARM + 100);
	ck_assert_uint_eq(ms[1].cpus[0].fetch_memo.cached, cached);
}

/* Code on a cacheable page and on a Non-cacheable one, branching to
 * each other: a block fetched through the I-cache and one from RAM,
 * whose validity rules differ (the lines' stamps, the page's code-write
 * generation). Going from one to the other after a clean run, neither
 * the C loop nor generated code may check the block reached by the rule
 * of the block it comes from (the uncached rule reads a page generation
 * a cached block does not have). Short-descriptor small pages map the
 * 1 MiB of RAM flat, Normal write-back, but the page at B Normal
 * Non-cacheable (TEX = 001, C = B = 0):
 *   A: add r0, r0, #1; b B        B: add r1, r1, #1; b A */
START_TEST(branches_between_cacheable_and_non_cacheable_pages)
{
	const uint32_t a = CODE, bpage = CODE + 0x1000u;
	const uint32_t l1 = RAM + 0x80000u, l2 = RAM + 0x84000u;
	build(true, true);
	poke(l1 + 4 * (RAM >> 20), l2 | 1u); /* a page table, domain 0 */
	for (uint32_t k = 0; k < 256; k++) {
		const uint32_t pa = RAM + (k << 12);
		/* small page, AP = 11 (full access), TEX C B */
		const uint32_t attr = pa == bpage ? 1u << 6 : 3u << 2;
		poke(l2 + 4 * k, pa | 3u << 4 | attr | 2u);
	}
	poke(a, 0xe2800001);
	poke(a + 4, a32_b(14, a + 4, bpage));
	poke(bpage, 0xe2811001);
	poke(bpage + 4, a32_b(14, bpage + 4, a));
	for (unsigned k = 0; k < 2; k++)
		unit_short_mmu_on(&ms[k].cpus[0], l1);
	const unsigned slices[] = {7, 64, 1, 200};
	run_slices(slices, 4, 4);
	const struct cpu *b = &ms[1].cpus[0];
	ck_assert_uint_eq(b->r[0] + b->r[1], 4 * (7 + 64 + 1 + 200) / 2);
	/* A's fetches go through the I-cache, B's do not: one hit or fill
	 * a round for each of A's two instructions (each moves the tick),
	 * none for B's */
	ck_assert_uint_eq(b->icache.tick, b->r[0] * 2);
	struct block_stats st;
	block_get_stats(b, &st);
	ck_assert_uint_gt(st.insns, 0);
}
END_TEST

START_TEST(first_instruction_of_a_page_runs_in_a_block_cached)
{
	branches_between_pages(true);
}
END_TEST

START_TEST(first_instruction_of_a_page_runs_in_a_block_uncached)
{
	branches_between_pages(false);
}
END_TEST

/* LRU ages across 2^32: the line filled after the wrap is the most
 * recent, so the next miss in the set evicts the oldest line, not it. */
START_TEST(lru_ages_do_not_wrap)
{
	build(true, true);
	struct cpu *cpu = &ms[0].cpus[0];
	struct icache *ic = &cpu->icache;
	uint32_t stride = ic->sets * ic->line_bytes; /* same set */
	uint32_t v;
	ic->tick = 0xffffffffull - 1;
	for (unsigned w = 0; w < ic->ways; w++)
		ck_assert(icache_fetch(cpu, RAM + w * stride, RAM + w * stride,
				       4, &v));
	ck_assert_uint_gt(ic->tick, 0xffffffffull);
	/* a miss in the full set evicts way 0's line, the oldest */
	uint32_t extra = RAM + ic->ways * stride;
	ck_assert(icache_fetch(cpu, extra, extra, 4, &v));
	ck_assert_ptr_null(icache_lookup_line(cpu, RAM, RAM));
	uint32_t newest = RAM + (ic->ways - 1) * stride;
	ck_assert_ptr_nonnull(icache_lookup_line(cpu, newest, newest));
}
END_TEST

static void add_engine_tests(TCase *t)
{
	tcase_add_test(t, stale_line_keeps_running_stale_code);
	tcase_add_test(t, uncached_store_to_code_is_seen_mid_block);
	tcase_add_test(t, store_memo_never_writes_decoded_code);
	tcase_add_test(t, store_multiple_never_writes_decoded_code);
	tcase_add_test(t, debugger_write_to_code_is_seen);
	tcase_add_test(t, setend_in_a_block_reaches_the_data_memo);
	tcase_add_test(t, model_off_store_to_code_is_seen_mid_block);
	tcase_add_test(t, blocks_stop_at_the_budget);
	tcase_add_test(t, links_follow_only_their_block_cached);
	tcase_add_test(t, links_follow_only_their_block_uncached);
	tcase_add_test(t, lru_ages_do_not_wrap);
	tcase_add_test(t, history_after_many_block_runs);
	tcase_add_test(t,
		       history_kept_when_an_older_run_is_decoded_over_cached);
	tcase_add_test(
		t, history_kept_when_an_older_run_is_decoded_over_uncached);
	tcase_add_test(t, engine_check_catches_a_line_changed_behind_its_stamp);
	tcase_add_test(t, every_exit_of_generated_code);
	tcase_add_test(t, generated_code_goes_on_from_block_to_block_cached);
	tcase_add_test(t, generated_code_goes_on_from_block_to_block_uncached);
	tcase_add_test(t, generated_code_sees_the_stop_flag);
	tcase_add_test(t, returns_end_clean_runs_cached);
	tcase_add_test(t, returns_end_clean_runs_uncached);
	tcase_add_test(t, barriers_end_clean_runs_cached);
	tcase_add_test(t, barriers_end_clean_runs_uncached);
	tcase_add_test(t, exclusives_end_clean_runs_cached);
	tcase_add_test(t, exclusives_end_clean_runs_uncached);
	tcase_add_test(t, device_access_leaves_the_run_unclean);
	tcase_add_test(t, interrupt_masks_end_clean_runs);
	tcase_add_test(t, returns_leaving_runs_unclean);
	tcase_add_test(t, pop_pc_inline_and_its_full_way);
	tcase_add_test(t, generated_data_processing_is_the_handlers);
	tcase_add_test(t, register_shift_amounts_in_generated_code);
	tcase_add_test(t, conditions_read_where_the_flags_are);
	tcase_add_test(t, conditional_moves_after_flags_in_r15);
	tcase_add_test(t, pending_flags_reach_cpsr_where_it_is_read);
	tcase_add_test(t, load_store_dual_in_blocks);
	tcase_add_test(t, extra_writeback_and_literal_loads_in_blocks);
	tcase_add_test(t, load_store_multiple_in_blocks_a32);
	tcase_add_test(t, load_store_multiple_in_blocks_t16);
	tcase_add_test(t, branches_between_cacheable_and_non_cacheable_pages);
	tcase_add_test(t, first_instruction_of_a_page_runs_in_a_block_cached);
	tcase_add_test(t, first_instruction_of_a_page_runs_in_a_block_uncached);
	tcase_add_test(t, code_buffer_full_is_reset);
	tcase_add_test(t, patched_end_follows_a_rebuilt_slot_cached);
	tcase_add_test(t, patched_end_follows_a_rebuilt_slot_uncached);
	tcase_add_test(t, loop_split_at_a_miss_is_one_block_in_code);
	tcase_add_test(t, first_fetch_miss_fills_the_line_and_builds_at_the_pc);
	tcase_add_test(t, lines_seen_unchanged_in_code_after_a_fill_elsewhere);
	tcase_add_test(t, invalidated_line_is_seen_where_code_enters_a_block);
	tcase_add_test(t, prefix_runs_while_a_line_is_gone);
	tcase_add_test(t, no_fill_ahead_of_a_pending_interrupt);
	tcase_add_test(t, uncached_block_is_compared_with_its_own_page);
	tcase_add_test(t, refilled_line_with_other_bytes_is_decoded_again);
	tcase_add_test(t, longest_uncached_block_survives_a_write_in_its_page);
}

static Suite *block_suite(void)
{
	Suite *s = suite_create("block");
	TCase *t = tcase_create("threaded");
	tcase_add_checked_fixture(t, without_codegen, teardown);
	add_engine_tests(t);
	suite_add_tcase(s, t);
	t = tcase_create("generated");
	tcase_add_checked_fixture(t, with_codegen, teardown);
	add_engine_tests(t);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(block_suite)
