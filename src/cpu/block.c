/* The block engine: straight-line runs of pre-decoded instructions, run
 * with exactly the effects the step engine (step.c) gives them.
 *
 * (Decoding a block, relinking it and --engine-check's comparison are
 * block_build.c's; this file finds blocks, runs them and links them.)
 *
 * What a block is. Up to BLOCK_MAX instructions that follow each other in
 * one 4 KiB page, decoded once (a32_predecode / t32_predecode, the
 * decoded-instruction cache's own entries) from the bytes a fetch would
 * return: the I-cache model's lines when the page is fetched through it,
 * else the page's RAM. A block ends before an instruction whose I-cache
 * line is not present (a miss is its fetch's: the step engine's, or, for
 * a block's first instruction, block_at's fill_first_line), before a T32
 * instruction that crosses the page, and after the first
 * instruction the decoder table says ends it (decode_flow_of, from the
 * line's writes and ends columns and its operands: FLOW_ENDS, as for
 * system register accesses, ISB, exclusives, CPSR writes, IT, WFI, …
 * (the A32 hints, preloads, DMB and DSB change no modelled state, and
 * are plain, as MRS of the CPSR is: a32_predecode.c); FLOW_ENDS_PC for
 * the PC writes that touch nothing else but registers, the CPSR and
 * memory: BX, BLX, loads into the PC, exception
 * returns) or after a direct branch taken whatever the flags (B, BL:
 * nothing after it can run from this entry). A run that an impure
 * instruction ends (or goes on after) is clean, like one a branch ends,
 * when the instruction stayed on the data fast path and left the CPSR
 * but its flags, SCR, VTTBR and everything step_one checks as it was,
 * and wrote the PC, if at all, as a FLOW_ENDS_PC one (impure_kept_clean).
 * Instructions without a specialised handler that the block goes on
 * after are the table's other loads and stores (FLOW_CONTINUES: the
 * User-register LDM/STM, the literal, T32 doubleword and
 * extension-register forms, …); such an instruction runs its decoder
 * table line's handler as in the step engine, so what it does is the
 * step engine's by construction, and
 * whatever it changes (mode, state, ITSTATE, the I-cache, the
 * translation) the block never assumed. A taken branch or an exception
 * ends the run where it happens.
 *
 * How a block is found. A direct-mapped table per core, indexed by the
 * PC, holds the blocks; a block is used when its key equals the current
 * fetch context: virtual PC (so the VIPT index bits), physical address
 * (from the step engine's fetch memo, which must be valid: same soft-TLB
 * generation, mode and SCR, so the translation is the one the step
 * engine would use without walking; for another page it is filled here
 * when the soft TLB answers as the step engine's fetch would find it,
 * memo_refill), instruction set (ARM, or Thumb with
 * ITSTATE = 0; in an IT block the step engine runs), whether the page is
 * fetched through the I-cache, and for a cached block CPSR.M, SCR (hence
 * NS) and VTTBR (the VMID an I-cache line may be tagged with). After a
 * clean run (plain instructions, branches, loads and stores that stayed
 * on the data fast path) none of that context can have moved, so the
 * next block in the same page is found from the last one
 * (block_chained): through a link the last one keeps to it while it
 * keeps its serial, or by its slot and a key equal to the last one's;
 * only its validity is checked again.
 *
 * Exact validity. Cached: every I-cache line the block was decoded from
 * still holds the stamp it had (icache_line.stamp, changed by every fill
 * and invalidation and by nothing else), checked at entry: the line is
 * present and holds the bytes the block was decoded from, so the step
 * engine's fetches would hit those lines and return those bytes, stale or
 * not. Nothing a block's instruction does can change a line (fills happen
 * in fetches, invalidations in system register writes, which end
 * blocks), and stores never do, so a stale line keeps running stale code
 * exactly as in the step engine. A block whose lines were refilled is
 * relinked when every fetch would hit a line with the same bytes (the
 * common case when a kernel's code does not fit the I-cache), else
 * decoded again. Uncached (--icache-model off, the I bit clear or a
 * Non-cacheable page): the block holds while its RAM page keeps the
 * code-write generation it recorded (mmu/bus.h: every write to RAM but
 * the data memo's moves the generation of a page code was decoded from,
 * and the memo does not store to such a page), checked at entry and
 * after every instruction that left the fast paths; when it moved, the
 * encodings are compared with the RAM the step engine would load them
 * from. So a store to the code being run (by the core, a D-cache
 * write-back, a debugger) ends the block right after the storing
 * instruction, and the step engine then fetches the new code.
 *
 * What each instruction commits is step_one's, in the same order: the
 * interrupt check before it, the I-cache hits of its fetches (LRU tick
 * and hit count, twice for a 32-bit T32 instruction), the handler, the PC
 * advance, icount, the history entry. Each instruction is one of
 * cpu_run's steps, so a block runs at most as many instructions as the
 * slice (--max-insns included) has steps left; an interrupt taken before
 * a block is a step too. Observers that want every step (cpu->obs_step)
 * make the core run the step engine (gdb, breakpoints, the maintenance
 * checker), unless every one of them follows block runs
 * (cpu_observer.follows_blocks: the trace writer, so --trace): then the
 * blocks run in run_block_traced, which calls them around each
 * instruction with the state step_one gives them, so a traced run's file
 * is the step engine's byte for byte.
 *
 * What is not redone between instructions, and why that is exact
 * (run_block, enum block_kind). A plain instruction reads and writes only
 * registers (never the PC) and flags, so around it nothing step_one
 * checks or commits can be looked at: it is its handler alone, and the
 * PC, icount, I-cache ages and hits and history it leaves are committed
 * before the next instruction that may look and at the end (the history
 * as one segment per block run, read by cpu_history_last and written
 * into the ring by cpu_history_flush). A branch reads the
 * PC, which is set before it. A specialised load or store gets what a
 * fault or a device needs (PC, icount, cpu->insn) when it leaves the data
 * fast path, in cpu_read/cpu_write (block_mem_commit; its fast path reads
 * none of them), and when it stayed on that path (RAM, no D-cache model,
 * no observer: cpu->slow_accesses did not move), nothing else was
 * touched. Every other
 * instruction is impure: it gets all of step_one's state before it, and
 * after it the checks step_one makes before the next instruction (run
 * state, observers, soft-TLB generation, mode, Thumb and IT bits, *stop,
 * the interrupt inputs); when they say anything may have changed, the
 * block ends and the next block_at (or step_one) starts again with the
 * full checks.
 *
 * Towards an x86-64 code generator. The block is the unit a translator
 * needs: a key (the fetch context above), a validity rule checked at
 * entry, a kind per instruction fixed when it is built, and decoded
 * entries whose fields are constant. The first steps are taken
 * (codegen_x86_64.c): a block gets host code when it has been entered
 * CODEGEN_AFTER times, kept beside its entries while the slot holds them (and
 * forgotten with the rest when the code buffer is full), doing this loop's
 * dispatch with the entries' kinds, conditions, addresses and handlers as
 * constants, with the data memo's probe of a load or store (the handler
 * as its full way), data processing and direct branches inline, and
 * returning here where the loop must look: run_block goes on from there,
 * so each exit and check is this loop's; a run cut by the budget takes
 * the loop from the start. An impure instruction that ends a block (a
 * return, an ISB, a system register access, …) the
 * code runs through block_ends_from_code, which gives it what the
 * loop gives an impure instruction and makes the loop's test of a clean
 * run after it; when the run is not clean, the loop takes over after the
 * handler (CG_RAN). The end of a clean run is in the code too (the
 * count, the PC, the history segment and, cached, the I-cache ages as
 * one store per line at a constant offset from the tick,
 * block.line_last, the lines' indices read from the block, which a
 * relink moves), and after it a jump into the next block's code while
 * the link for the PC holds, on the page or to another (block_chained's
 * fast checks as compares, the budget and the stop flag as one compare
 * each), so that a loop whose blocks have code runs without coming back
 * here until it leaves the fast paths, the budget ends or a link
 * fails; an end whose next PC is a constant jumps straight into the
 * next block's code once its link has been followed (a patched jump,
 * undone for a block whose slot is built again: codegen_unlink in
 * block_build). What remains, in
 * order of what it saves: r[] and the flags in host registers across a
 * block, written back before every call and exit; links made by the code
 * itself (today block_chained makes them, once). Blocks without code
 * keep this threaded loop, so the two coexist slot by slot, and both are
 * compared with the step engine, the reference
 * (tests/run/compare_engines.sh, test_block.c). */
#include "cpu/block.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/block_internal.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
#include "cpu/observer.h"
#include "hyp/exception.h"
#include "mmu/bus.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"

bool block_cache_create(struct cpu *cpu)
{
	/* (aligned: a block's first cache line is its own) */
	struct block_cache *bc = aligned_alloc(_Alignof(struct block_cache),
					       sizeof *bc);
	cpu->blocks = bc;
	if (!bc)
		return false;
	/* the slots empty and the rest zeroed; a body is written by
	 * block_build before anything reads it, and so touched as used */
	memset(bc->slot, 0, sizeof bc->slot);
	memset(&bc->stats, 0,
	       sizeof *bc - offsetof(struct block_cache, stats));
	for (unsigned k = 0; k < BLOCK_SLOTS; k++) {
		bc->slot[k].code = bc->body[k].code;
		bc->slot[k].hist = bc->body[k].hist;
		bc->slot[k].insn = bc->body[k].insn;
	}
	if (cpu->engine_codegen)
		bc->cg = codegen_create();
	return true;
}

void block_cache_destroy(struct cpu *cpu)
{
	/* pending history segments point into the blocks */
	if (cpu_history_pending(cpu))
		cpu_history_flush(cpu);
	if (cpu->blocks)
		codegen_destroy(cpu->blocks->cg);
	free(cpu->blocks);
	cpu->blocks = NULL;
}

void block_get_stats(const struct cpu *cpu, struct block_stats *s)
{
	if (cpu->blocks) {
		*s = cpu->blocks->stats;
		codegen_usage(cpu->blocks->cg, &s->code_bytes,
			      &s->code_resets);
	} else {
		memset(s, 0, sizeof *s);
	}
}

/* b's generated code, when the core has a code generator; a full buffer
 * is forgotten at once (every block's code) and filled again. */
static void generate(struct block_cache *bc, struct block *b)
{
	const size_t k = (size_t)(b - bc->slot);
	b->host_code = codegen_emit(bc->cg, b, &b->host_direct);
	if (!b->host_code) {
		for (unsigned w = 0; w < BLOCK_SLOTS / 64; w++) {
			for (uint64_t m = bc->coded[w]; m; m &= m - 1)
				bc->slot[64 * w + (unsigned)__builtin_ctzll(m)]
					.host_code = NULL;
			bc->coded[w] = 0;
		}
		codegen_reset(bc->cg);
		b->host_code = codegen_emit(bc->cg, b, &b->host_direct);
	}
	if (b->host_code)
		bc->coded[k / 64] |= 1ull << (k % 64);
}

/* The step engine's fetch memo key (step.c fetch_memo_valid). */
static inline bool memo_valid(const struct cpu *cpu, uint32_t va)
{
	const struct fetch_memo *fm = &cpu->fetch_memo;
	return fm->va_page == va >> 12 && fm->tlb_gen == cpu->tlb.gen &&
	       fm->mode == cpu_mode(cpu) && fm->scr == cpu->cp15.scr;
}

/* Cached: whether every line the block was decoded from is unchanged, so
 * that the step engine's fetches of all its instructions would hit them
 * and return its encodings. Nothing an instruction of the block does can
 * change a line (fills happen in fetches, invalidations in system
 * register writes, which end blocks), so this holds for the whole run. */
static inline bool lines_valid(const struct cpu *cpu, struct block *b)
{
	const struct icache *ic = &cpu->icache;
	if (b->valid_at == ic->stamp_next)
		return true;
	for (unsigned k = 0; k < b->nlines; k++)
		if (b->line[k]->stamp != b->stamp[k])
			return false;
	b->valid_at = ic->stamp_next;
	return true;
}

/* Uncached: whether the step engine's fetches of the block's instructions
 * from `off` on (from its page's RAM) would return the block's encodings
 * (after the page's code-write generation moved: code_unchanged). Compared
 * by 8-byte words from the one holding `off`: a change in the bytes
 * before it (code already run) ends the block early, which is always
 * exact, only slower. */
static inline bool code_valid(const struct block *b, unsigned off)
{
	const uint8_t *p = b->host + (b->va & 0xfffu);
	if (off == 0 && b->code_len == BLOCK_CODE_BYTES) {
		/* a whole block: one fixed-size compare */
		uint64_t v[BLOCK_CODE_BYTES / 8];
		memcpy(v, p, sizeof v);
		uint64_t d = 0;
		for (unsigned w = 0; w < BLOCK_CODE_BYTES / 8; w++)
			d |= v[w] ^ b->code[w];
		return d == 0;
	}
	for (unsigned w = off / 8; 8 * w < b->code_len; w++) {
		uint64_t v = 0;
		unsigned len = b->code_len - 8 * w;
		if (len >= 8)
			memcpy(&v, p + 8 * w, 8);
		else
			memcpy(&v, p + 8 * w, len);
		if (v != b->code[w])
			return false;
	}
	return true;
}

/* Uncached: whether the block's encodings from `off` on are still those
 * in RAM: its page's generation did not move, or the bytes compare equal.
 * The page is marked again either way, so that the next store to it
 * leaves the data memo's way and is seen; from the first instruction on,
 * a match is recorded as the block's generation. */
static inline bool code_unchanged(struct block *b, struct cpu *cpu,
				  unsigned off)
{
	if (__builtin_expect(*b->gen == b->gen_val, 1))
		return true;
	uint32_t g = cpu_code_gen_mark(cpu, b->gen, b->host);
	if (!code_valid(b, off))
		return false;
	if (off == 0)
		b->gen_val = g;
	return true;
}

static inline bool key_matches(const struct cpu *cpu, const struct block *b,
			       uint32_t pc, uint64_t pa, bool thumb)
{
	const struct fetch_memo *fm = &cpu->fetch_memo;
	if (b->n == 0 || b->va != pc || b->pa != pa || b->thumb != thumb ||
	    b->cached != fm->cached)
		return false;
	return !b->cached ||
	       (b->mode == cpu_mode(cpu) && b->scr == cpu->cp15.scr &&
		b->vttbr == cpu->cp15.vttbr);
}

void block_mem_commit(struct cpu *cpu)
{
	const struct block_insn *bi = cpu->mem_insn;
	cpu->r[15] = bi->pc;
	cpu->icount = cpu->mem_icount0 + bi->idx;
	cpu->insn = bi->raw;
	cpu->insn_size = bi->size;
	cpu->mem_insn = NULL;
}

/* The I-cache hits of instructions [from, to) of a cached block, as the
 * step engine's fetches leave them: each line's age is the tick of its
 * last fetch, the tick and the hit count move by the number of fetches.
 * Nothing between the fetches reads them (handlers never fetch), so they
 * are written when something may look: before an impure instruction and
 * at the end. */
static inline void commit_fetches(struct icache *ic, const struct block *b,
				  unsigned from, unsigned to, uint64_t tick0,
				  unsigned *line_cursor)
{
	if (from >= to)
		return;
	/* fetches (from, upto] are the ones of instructions [from, to):
	 * the lines before the cursor had all their fetches committed, the
	 * ones up to the last instruction's line take the tick of their last
	 * fetch in the block, that line the tick of `upto` (later fetches
	 * of it, if any, move it again) */
	const struct block_insn *last = &b->insn[to - 1];
	const unsigned upto = last->fetch0 + last->nfetch, kend = last->line_k;
	for (unsigned k = *line_cursor; k < kend; k++)
		b->line[k]->lru = tick0 + b->line_last[k];
	b->line[kend]->lru = tick0 + upto;
	*line_cursor = kend;
	ic->tick = tick0 + upto; /* (hits: icache_hits) */
}

/* What step_one leaves of the last instruction of a clean run, last:
 * its encoding, size and what it may have written (nothing when it
 * failed its condition, but a plain one's entry, which names its own
 * writes either way). */
static inline void commit_last_insn(struct cpu *cpu,
				    const struct block_insn *last,
				    bool skipped)
{
	cpu->insn = last->raw;
	cpu->insn_size = last->size;
	cpu->step_writes =
		skipped && last->kind != BK_PLAIN ? 0 : last->d.writes;
}

/* The step engine's history entries for instructions [0, i) of b, as a
 * segment (cpu.h), cpu->icount being the count after them: the entries
 * are written when something may read them (cpu_history_flush). */
static inline void commit_history(struct cpu *cpu, const struct block *b,
				  unsigned i, uint32_t meta, bool exception)
{
	if (i == 0)
		return; /* (its place would be the last segment's) */
	struct cpu_history_seg *g = cpu_history_seg_push(cpu, i);
	g->src = b->hist;
	g->meta = meta == b->hist_meta ? 0 : meta;
	g->exception = exception;
}

/* step_one's order: an interrupt is taken between instructions, and
 * taking it is a step (hyp_check_interrupts leaves insn_size 0, as
 * step_one does). */
static inline bool interrupt_at_entry(struct cpu *cpu, enum exec_result *r)
{
	if (__builtin_expect(cpu_interrupt_inputs(cpu), 0) &&
	    hyp_check_interrupts(cpu)) {
		*r = EXEC_EXCEPTION;
		return true;
	}
	return false;
}

/* What a block run keeps from its start: the retired count, the I-cache
 * tick, the soft-TLB generation, the history meta, and the CPSR bits a
 * block assumes (mode, Thumb, ITSTATE). Starting the run also clears
 * pc_written and, for uncached code, watches its page for stores. */
#define RUN_STATE_BITS (CPSR_M_MASK | CPSR_T | CPSR_IT_MASK)
struct run_start {
	uint64_t icount0, tick0;
	uint32_t tlb_gen, meta, state;
};

static inline struct run_start run_begin(struct cpu *cpu, bool cached,
					 bool chained)
{
	struct run_start rs = {
		.icount0 = cpu->icount,
		.tick0 = cached ? cpu->icache.tick : 0,
		.tlb_gen = cpu->tlb.gen,
		.meta = ((cpu->cpsr & CPSR_M_MASK) << 3) |
			((cpu->cpsr & CPSR_T) << 3),
		.state = cpu->cpsr & RUN_STATE_BITS,
	};
	(void)cached;
	cpu->pc_written = false;
	cpu->mem_icount0 = rs.icount0;
	/* (chained: the previous run's context, which nothing changed) */
	if (!chained)
		cpu_memo_ctx_update(cpu);
	return rs;
}

/* After an impure instruction, the checks step_one makes before the next
 * one: false when any says something may have changed (the run state, an
 * observer, the soft-TLB generation, the mode, Thumb and IT bits, the
 * stop flag, the interrupt inputs). */
static inline bool unchanged_after_impure(const struct cpu *cpu,
					  const struct run_start *rs,
					  const volatile int *stop)
{
	return cpu->state == CPU_RUNNING && !cpu->obs_step &&
	       cpu->tlb.gen == rs->tlb_gen &&
	       (cpu->cpsr & RUN_STATE_BITS) == rs->state && *stop == 0 &&
	       !cpu_interrupt_inputs(cpu);
}

/* The state step_one gives an impure instruction bi of block b, whose
 * run began at icount0 and I-cache tick tick0 with the fetches of the
 * instructions before *fetched committed: the PC, the count, the I-cache
 * hits of its fetches and of those before, its encoding (run_block's
 * loop, and block_ends_from_code for generated code). */
static inline void impure_begin(struct cpu *cpu, const struct block *b,
				const struct block_insn *bi, uint64_t icount0,
				uint64_t tick0, unsigned *fetched,
				unsigned *line_cursor)
{
	cpu->mem_insn = NULL;
	cpu->r[15] = bi->pc;
	cpu->icount = icount0 + bi->idx;
	if (b->cached) {
		commit_fetches(&cpu->icache, b, *fetched, bi->idx + 1u, tick0,
			       line_cursor);
		*fetched = bi->idx + 1u;
	}
	cpu->insn = bi->raw;
	cpu->insn_size = bi->size;
}

/* What an impure instruction may change that a clean run's next block
 * relies on, taken before it (impure_kept_clean). */
struct impure_before {
	uint32_t cpsr, scr;
	uint64_t devices, vttbr;
};

static inline struct impure_before impure_before(const struct cpu *cpu)
{
	return (struct impure_before){.cpsr = cpu->cpsr,
				      .scr = cpu->cp15.scr,
				      .devices = cpu->device_accesses,
				      .vttbr = cpu->cp15.vttbr};
}

/* After an impure instruction bi that ran (its handler returned res) in
 * a run clean until it: whether the run stays clean, so that the next
 * block may follow without block_at (block_chained, or generated code
 * going on into the next block's). It does when bi touched no device
 * (its accesses, if any, to RAM, on the data fast path or not; what a
 * device does to the machine, its interrupt lines, events and cores, is
 * left to the full checks of block_at's way), changed nothing of the
 * CPSR but the flags and the A, I and F masks (with no interrupt input,
 * virtual interrupt or asynchronous abort pending, which
 * unchanged_after_impure asks, what a mask lets through cannot matter
 * before the next such check: in a run, only the core's own device
 * accesses and system register writes move those, and both are
 * checked), left SCR and VTTBR (the key of a cached block, which a
 * link does not compare again) and everything step_one checks before
 * the next instruction as they were, and wrote the PC only as a
 * FLOW_ENDS_PC instruction does (BX, BLX, POP/LDM/LDR to the PC: to
 * where the run's links lead). Then nothing
 * block_chained relies on changed: the translation, the mode and SCR
 * give the fetch memo's rule the answer they gave it (what else a
 * system register write changes, the step engine's fetch memo does not
 * look at either), and the I-cache lines and the page's code are checked
 * at the next block's entry; a walk that filled the TLB moved its
 * generation. A barrier, a hint, an exclusive to RAM, CPSID/CPSIE, a
 * system register read or a write of one the context does not hold keep
 * it clean. */
static inline bool impure_kept_clean(const struct cpu *cpu,
				     const struct block_insn *bi,
				     enum exec_result res,
				     const struct impure_before *was,
				     const struct run_start *rs,
				     const volatile int *stop)
{
	return res == EXEC_OK &&
	       (!cpu->pc_written || bi->d.flow == FLOW_ENDS_PC) &&
	       cpu->device_accesses == was->devices &&
	       ((cpu->cpsr ^ was->cpsr) &
		~(CPSR_NZCV | CPSR_Q | CPSR_GE_MASK | CPSR_A | CPSR_I |
		  CPSR_F)) == 0 &&
	       cpu->cp15.scr == was->scr && cpu->cp15.vttbr == was->vttbr &&
	       unchanged_after_impure(cpu, rs, stop);
}

/* What run_block's loop does for an impure instruction (its default
 * case and the checks after it), for the last one of a block when the
 * block's generated code has run the others clean: the state before it
 * (the PC, the count, the I-cache hits of the block's fetches, its
 * encoding), the handler, and whether the run is still clean. In a clean
 * run the count is still the run's first and the I-cache tick its first
 * (the code commits both at the end), and the soft-TLB generation and
 * the run-state bits the run's own. */
uint32_t block_ends_from_code(struct cpu *cpu, const struct block_insn *bi)
{
	/* the slot whose body holds bi */
	const struct block_cache *bc = cpu->blocks;
	const struct block *b =
		&bc->slot[(size_t)((const char *)(bi - bi->idx) -
				   (const char *)bc->body[0].insn) /
			  sizeof bc->body[0]];
	const unsigned i = bi->idx + 1u;
	const struct run_start rs = {
		.tlb_gen = cpu->tlb.gen,
		.state = cpu->cpsr & RUN_STATE_BITS,
	};
	const struct impure_before was = impure_before(cpu);
	unsigned fetched = 0, cursor = 0;
	impure_begin(cpu, b, bi, cpu->mem_icount0, cpu->icache.tick, &fetched,
		     &cursor);
	cpu->step_writes = bi->d.writes;
	const enum exec_result res = bi->d.fn(cpu, &bi->d);
	/* (the block ends here: whether its page's code changed is the next
	 * block's entry check; the data memo's context is what the checks
	 * found unchanged) */
	if (impure_kept_clean(cpu, bi, res, &was, &rs, cpu->run_stop)) {
		if (!cpu->pc_written)
			cpu->r[15] = bi->pc + bi->size;
		cpu->icount++;
		/* the code ends the run: pc_written clear for the next
		 * block's, cpu->insn and the rest as set above (cpu.h) */
		cpu->pc_written = false;
		cpu->cg_end = i;
		return 0;
	}
	return i | (uint32_t)CG_RAN << 8 | (uint32_t)res << 24;
}

/* Run up to n instructions of block b, validated at its first: each one a
 * step with step_one's effects. Instantiated for each instruction set and
 * validity kind so that the loop carries no test of either.
 *
 * A plain instruction (BK_PLAIN, BK_CPLAIN) reads and writes only
 * general-purpose registers (never the PC) and the flags, so around it
 * nothing the step engine checks or commits between instructions can be
 * looked at: the interrupt inputs, the run state and the validity of the
 * block can only change through an impure instruction, and the PC,
 * icount, the I-cache ages and the history ring are read only by impure
 * instructions (through virtual time, exception entry, a fill), by
 * observers (which never watch a block) and after the run. So a plain
 * instruction is its handler alone; what it leaves behind is committed
 * before the next impure instruction and at the end. A branch (BK_BRANCH)
 * reads the PC, which is set before it. An impure instruction gets the
 * state step_one gives it (icount, the I-cache hits of its fetches and of
 * those before, the PC, cpu->insn) and after it the checks step_one makes
 * before the next instruction (run state, observers, the soft-TLB
 * generation, mode, Thumb and IT bits, *stop, the interrupt inputs, for
 * uncached code the RAM it came from); when one says anything may have
 * changed, the block ends there and the next block_at (or step_one)
 * starts again with the full checks.
 *
 * *chain says, on entry, that the block was found by block_chained after
 * a clean run (nothing the interrupt check looks at can have changed
 * since the last one), and on return whether this run was clean: only
 * plain instructions, branches and loads and stores that stayed on the
 * data fast path ran. Generated code may go on into other blocks (up to
 * `left` instructions in all, this run's included): the count returned
 * is all of theirs, and *ran the last block run, the one *chain is
 * about. */
static inline __attribute__((always_inline)) uint64_t
run_block(struct cpu *cpu, struct block *b, unsigned n, uint64_t left,
	  const volatile int *stop, enum exec_result *r, const bool thumb,
	  const bool cached, bool *chain, struct block **ran)
{
	struct icache *ic = &cpu->icache;
	const bool chained = *chain;
	*chain = false;
	*ran = b;
	if (!chained && interrupt_at_entry(cpu, r))
		return 1;
	struct run_start rs = run_begin(cpu, cached, chained);
	const uint64_t icount_entry = rs.icount0;
	bool clean = true;
	unsigned fetched = 0; /* instructions whose fetches are committed */
	unsigned line_cursor = 0; /* commit_fetches' first open line */
	enum exec_result res = EXEC_OK;
	/* what an impure instruction may change that a clean run relies on */
	struct impure_before was = {0};
	bool ended = false; /* the PC is already the next instruction's */
	bool skipped = false; /* the last instruction failed its condition */
	/* bi walks the block; the loop ends with bi one past the last
	 * instruction run */
	const struct block_insn *bi = b->insn, *end = b->insn + n;
	/* the block's generated code, when it has some and runs whole: what
	 * this loop would do up to where it returns (codegen_x86_64.c), the
	 * end of a clean run included, and the clean runs of the blocks it
	 * went on into; the loop goes on from where it returned */
	if (b->host_code && n == b->n) {
		cpu->cg_block = b;
		/* (the code does not look at the stop flag between blocks:
		 * only this run's own instructions could set it, and they
		 * end a run that does; one set already gets one block) */
		const uint32_t x = b->host_code(cpu, *stop ? n : left);
		if (cpu->mem_icount0 != rs.icount0) {
			/* it went on into other blocks' code (or this one's
			 * again): the last one entered, as if run_block had
			 * been called for it after the clean runs before (a
			 * chained run: what rs holds but the count and the
			 * tick is unchanged). Its first count is the one the
			 * code gave mem_icount0 (cpu->icount may be a load's
			 * or store's since: block_mem_commit); the tick is
			 * still its first (only fetches move it). */
			b = (struct block *)cpu->cg_block;
			*ran = b;
			n = b->n;
			end = b->insn + n;
			rs.icount0 = cpu->mem_icount0;
			rs.tick0 = cached ? ic->tick : 0;
		}
		bi = b->insn + CG_I(x);
		skipped = CG_SKIPPED(x);
		switch (CG_EXIT(x)) {
		case CG_DONE: {
			/* what the last clean end left (cpu.h cg_end) */
			commit_last_insn(
				cpu,
				&cpu->cg_block->insn[(cpu->cg_end & 0xffu) - 1],
				cpu->cg_end >> 8 & 1);
			*chain = true;
			*r = EXEC_OK;
			return cpu->icount - icount_entry;
		}
		case CG_SLOW:
			res = CG_RES(x);
			goto left_fast_path;
		case CG_IMPURE:
			break;
		case CG_RAN:
			/* the last instruction ran, and the run is not
			 * clean: the loop's checks after it */
			res = CG_RES(x);
			fetched = CG_I(x);
			clean = false;
			goto impure_ran;
		}
	}
	while (bi < end) {
		const unsigned run = bi->plain_run;
		if (__builtin_expect(run != 0, 1)) {
			/* a run of plain instructions: their handlers */
			if (run == 1) {
				(void)bi->d.fn(cpu, &bi->d);
				bi++;
				continue;
			}
			const struct block_insn *run_end = bi + run;
			if (run_end > end)
				run_end = end;
			do
				(void)bi->d.fn(cpu, &bi->d);
			while (++bi < run_end);
			continue;
		}
		switch (bi->kind) {
		case BK_MEM:
			skipped = bi->cond < 14 &&
				  !decode_cond_passed(cpu->cpsr, bi->cond);
			if (skipped) {
				bi++;
				continue;
			}
			/* what a fault or a device needs (the PC, the
			 * instruction and the time) is written only when
			 * the access leaves the fast path: block_mem_commit */
			cpu->mem_insn = bi;
			const uint64_t slow = cpu->slow_accesses;
			res = bi->d.fn(cpu, &bi->d);
			bi++;
			if (__builtin_expect(cpu->slow_accesses == slow, 1)) {
				/* RAM only, and no page code was decoded
				 * from (the memo's rule): go on */
				continue;
			}
			/* the full way: the rest of the fetches, and every
			 * check, as for an impure instruction */
		left_fast_path:
			if (cached) {
				commit_fetches(ic, b, fetched, bi[-1].idx + 1u,
					       rs.tick0, &line_cursor);
				fetched = bi[-1].idx + 1u;
			}
			cpu->step_writes = bi[-1].d.writes;
			break;
		case BK_CPLAIN:
			skipped = !decode_cond_passed(cpu->cpsr, bi->cond);
			if (!skipped)
				(void)bi->d.fn(cpu, &bi->d);
			bi++;
			continue;
		case BK_BRANCH:
			skipped = bi->cond < 14 &&
				  !decode_cond_passed(cpu->cpsr, bi->cond);
			cpu->r[15] = bi->pc;
			if (!skipped)
				(void)bi->d.fn(cpu, &bi->d);
			bi++;
			if (cpu->pc_written) {
				ended = true;
				goto run_end;
			}
			continue;
		default: /* BK_IMPURE: the state step_one would give it */
			was = impure_before(cpu);
			skipped = bi->cond < 14 &&
				  !decode_cond_passed(cpu->cpsr, bi->cond);
			impure_begin(cpu, b, bi, rs.icount0, rs.tick0, &fetched,
				     &line_cursor);
			if (skipped) {
				cpu->step_writes = 0;
				res = EXEC_OK;
			} else {
				cpu->step_writes = bi->d.writes;
				res = bi->d.fn(cpu, &bi->d);
			}
			bi++;
			break;
		}
	impure_ran:;
		/* the one just run */
		const uint32_t next_off = bi[-1].off + bi[-1].size;
		ended = true;
		const bool was_clean = clean;
		clean = false;
		if (res == EXEC_EXCEPTION)
			break;
		if (cpu->pc_written) {
			/* a return may keep the run clean */
			clean = was_clean &&
				impure_kept_clean(cpu, &bi[-1], res, &was, &rs,
						  stop);
			break;
		}
		cpu->r[15] = b->va + next_off;
		if (res != EXEC_OK)
			break;
		/* what it may have changed: the checks step_one makes before
		 * the next instruction, which then runs from a new block */
		if (!unchanged_after_impure(cpu, &rs, stop))
			break;
		/* one that failed its condition did nothing (its handler
		 * was not called): the run is as clean as it was */
		clean = was_clean &&
			(skipped || impure_kept_clean(cpu, &bi[-1], res, &was,
						      &rs, stop));
		/* RAM may have changed under uncached code (a store to its
		 * page, a D-cache write-back) */
		if (!cached && !code_unchanged(b, cpu, next_off))
			break;
		/* an instruction that left the fast paths: the data memo's
		 * context again (it ends the block if it changed the mode or
		 * the soft-TLB generation, but not CPSR.E or SCR.NS) */
		cpu_memo_ctx_update(cpu);
		ended = false;
	}
run_end:;
	cpu->mem_insn = NULL;
	/* i instructions ran (at least one: n > 0); the last one is bi[-1] */
	const struct block_insn *last = &bi[-1];
	const unsigned i = last->idx + 1u;
	cpu->icount = rs.icount0 + i;
	if (cached)
		commit_fetches(ic, b, fetched, i, rs.tick0, &line_cursor);
	commit_history(cpu, b, i, rs.meta, res == EXEC_EXCEPTION);
	if (!ended)
		cpu->r[15] = last->pc + last->size;
	if (last->kind != BK_IMPURE)
		commit_last_insn(cpu, last, skipped);
	*chain = clean;
	*r = res;
	return cpu->icount - icount_entry;
}

/* Whether every observer that wants each instruction (before_insn,
 * after_insn) follows block runs (cpu_observer.follows_blocks). */
static inline bool observers_follow_blocks(const struct cpu *cpu)
{
	for (unsigned i = 0; i < cpu->n_obs; i++) {
		const struct cpu_observer *o = cpu->obs[i];
		if ((o->before_insn || o->after_insn) && !o->follows_blocks)
			return false;
	}
	return true;
}

/* The observer that records pure instructions from per-block plans
 * (cpu_observer.plan_block): the core's only one with before_insn or
 * after_insn, if it has them (the others, such as the hang detector,
 * watch events a pure instruction never raises). */
static inline const struct cpu_observer *traced_planner(const struct cpu *cpu)
{
	const struct cpu_observer *p = NULL;
	for (unsigned i = 0; i < cpu->n_obs; i++) {
		const struct cpu_observer *o = cpu->obs[i];
		if (!o->before_insn && !o->after_insn)
			continue;
		if (p || !o->plan_block || !o->after_planned ||
		    !o->before_planned)
			return NULL;
		p = o;
	}
	return p;
}

static inline void traced_before(struct cpu *cpu)
{
	for (unsigned i = 0; i < cpu->n_obs; i++)
		if (cpu->obs[i]->before_insn)
			(void)cpu->obs[i]->before_insn(cpu->obs[i]->ctx, cpu);
}

static inline void traced_after(struct cpu *cpu, enum exec_result res)
{
	for (unsigned i = 0; i < cpu->n_obs; i++) {
		const struct cpu_observer *o = cpu->obs[i];
		if (o->after_insn)
			o->after_insn(o->ctx, cpu, (int)res);
	}
}

/* The batch of run_block_traced: nb pure instructions ending before
 * instruction i of b, whose states are steps[0..nb). The core gets what
 * step_one leaves after the last of them (its icount, encoding, size and
 * writes; r[15] is already its next PC), then the planner their records. */
static inline void traced_flush(struct cpu *cpu, const struct block *b,
				const struct cpu_observer *po, unsigned i,
				unsigned nb, uint64_t icount0,
				const uint32_t *base_r,
				const struct planned_step *steps)
{
	const struct block_insn *last = &b->insn[i - 1];
	cpu->icount = icount0 + i;
	cpu->insn = last->raw;
	cpu->insn_size = last->size;
	cpu->step_writes = steps[nb - 1].step_writes;
	po->after_planned_run(po->ctx, cpu, i - nb, nb, icount0 + i - nb,
			      base_r, steps);
}

/* run_block with observers that follow blocks (the trace writer): the
 * same instructions, the same effects, and around each one the
 * observers' calls step_one makes, with the state step_one gives them.
 * Before it: r[15] = its address, icount = the count before it,
 * cpu->insn and insn_size still the previous step's (the writer's
 * fetch-fault test compares them). After it: icount + 1, cpu->insn,
 * insn_size, step_writes (its entry's writes, or 0 when its condition
 * failed, as execute_a32 sets them), and r[15] = the next instruction
 * unless it wrote the PC or took an exception. Events (exception entry,
 * system register writes, maintenance, memory accesses) arrive from the
 * handler between the two calls, as in step_one. So an observer sees
 * exactly the step engine's sequence, and the trace's bytes are the
 * same; a --trace-from condition, checked in before_insn, starts at the
 * same instruction. cpu_run checks *stop after every step, so this does
 * too (a trace write error stops the run after the failing step), except
 * inside a batch of pure instructions (after_planned_run): their records
 * are made after the last of them, so an error in one is seen, and the
 * run stops, after the batch, at the latest at the end of the block run
 * (the file still holds each record up to the failure once, and the
 * step engine's bytes: test_trace_plan write_error_inside_a_batch). What
 * is committed between instructions (I-cache ages, history) is
 * run_block's: observers never read it. Kept apart from run_block so
 * that the untraced loop carries none of this. */
static inline __attribute__((always_inline)) uint64_t
run_block_traced(struct cpu *cpu, struct block *b, unsigned n,
		 const volatile int *stop, enum exec_result *r,
		 const bool cached)
{
	struct icache *ic = &cpu->icache;
	if (interrupt_at_entry(cpu, r))
		return 1;
	const struct run_start rs = run_begin(cpu, cached, false);
	unsigned fetched = 0; /* instructions whose fetches are committed */
	unsigned line_cursor = 0; /* commit_fetches' first open line */
	enum exec_result res = EXEC_OK;
	unsigned i = 0; /* instructions run */
	/* pure instructions reported by the planner's after_planned alone
	 * (they touch registers and flags only, so between its calls
	 * nothing but their values can change), specialised loads and
	 * stores between before_planned and after_planned (observer.h) */
	const struct cpu_observer *po = traced_planner(cpu);
	const bool planned = po && po->plan_block(po->ctx, cpu, b->va,
						  b->thumb, b->n);
	/* With after_planned_run, consecutive pure instructions are
	 * reported in one call (traced_flush): before the next other
	 * instruction, and at the end of the run. Until then cpu->insn,
	 * insn_size, step_writes and icount are left as they are (a pure
	 * handler reads none of them) and set once for the last one. */
	const bool batched = planned && po->after_planned_run;
	struct planned_step steps[BLOCK_MAX];
	uint32_t base_r[15]; /* R0-R14 before the batch's first */
	unsigned nb = 0; /* pure instructions in steps[], ending before i */
	_Static_assert(PLANNED_BATCH_MAX >= BLOCK_MAX,
		       "a block run's pure instructions fit one batch");
	while (i < n) {
		const struct block_insn *bi = &b->insn[i];
		const uint32_t next_off = bi->off + bi->size;
		if (batched && (bi->kind == BK_PLAIN || bi->kind == BK_CPLAIN ||
				bi->kind == BK_BRANCH)) {
			if (!nb)
				for (unsigned k = 0; k < 15; k++)
					base_r[k] = cpu->r[k];
			/* only the registers each can write (a copy of all
			 * would load what the handler just stored, a stall);
			 * r[15] is set before a branch and after each run */
			unsigned end_i = i + (bi->plain_run ? bi->plain_run : 1);
			if (end_i > n)
				end_i = n;
			do {
				bi = &b->insn[i];
				const bool skipped =
					bi->kind != BK_PLAIN &&
					bi->cond < 14 &&
					!decode_cond_passed(cpu->cpsr,
							    bi->cond);
				if (bi->kind == BK_BRANCH)
					cpu->r[15] = b->va + bi->off;
				if (!skipped)
					(void)bi->d.fn(cpu, &bi->d);
				i++;
				struct planned_step *st = &steps[nb++];
				for (uint32_t m = bi->d.writes & 0x7fffu; m;
				     m &= m - 1)
					st->r[__builtin_ctz(m)] =
						cpu->r[__builtin_ctz(m)];
				st->cpsr = cpu->cpsr;
				st->pc = b->va + bi->off;
				st->raw = bi->raw;
				st->writes = bi->d.writes;
				st->step_writes = skipped ? 0 : bi->d.writes;
			} while (i < end_i && *stop == 0);
			if (!cpu->pc_written)
				cpu->r[15] = b->va + bi->off + bi->size;
			if (*stop != 0 || cpu->pc_written)
				break;
			continue;
		}
		if (nb) {
			traced_flush(cpu, b, po, i, nb, rs.icount0, base_r,
				     steps);
			nb = 0;
			/* a write error reported by the batch */
			if (*stop != 0)
				break;
		}
		if (planned && (bi->kind == BK_PLAIN || bi->kind == BK_CPLAIN ||
				bi->kind == BK_BRANCH)) {
			/* what step_one leaves around a pure instruction
			 * (whose handler reads neither icount nor, unless it
			 * is a branch, the PC), and the one call after it */
			const uint32_t pc = b->va + bi->off;
			cpu->r[15] = pc;
			const bool skipped =
				bi->cond < 14 &&
				!decode_cond_passed(cpu->cpsr, bi->cond);
			cpu->insn = bi->raw;
			cpu->insn_size = bi->size;
			cpu->step_writes = skipped ? 0 : bi->d.writes;
			if (!skipped)
				(void)bi->d.fn(cpu, &bi->d);
			i++;
			cpu->icount = rs.icount0 + i;
			if (!cpu->pc_written)
				cpu->r[15] = b->va + next_off;
			po->after_planned(po->ctx, cpu, i - 1, pc, bi->raw,
					  bi->d.writes);
			if (*stop != 0 || cpu->pc_written)
				break;
			continue;
		}
		/* a load or store: the planner's calls around it */
		const bool mplan = planned && bi->kind == BK_MEM;
		cpu->r[15] = b->va + bi->off;
		cpu->icount = rs.icount0 + i;
		if (mplan)
			po->before_planned(po->ctx, cpu);
		else
			traced_before(cpu);
		bool skipped = bi->cond < 14 &&
			       !decode_cond_passed(cpu->cpsr, bi->cond);
		if (cached && bi->kind == BK_IMPURE) {
			commit_fetches(ic, b, fetched, i + 1, rs.tick0,
				       &line_cursor);
			fetched = i + 1;
		}
		cpu->insn = bi->raw;
		cpu->insn_size = bi->size;
		uint64_t slow = cpu->slow_accesses;
		res = EXEC_OK;
		if (skipped) {
			cpu->step_writes = 0;
		} else {
			cpu->step_writes = bi->d.writes;
			enum exec_result x = bi->d.fn(cpu, &bi->d);
			/* (run_block ignores a pure handler's result) */
			if (bi->kind == BK_MEM || bi->kind == BK_IMPURE)
				res = x;
		}
		i++;
		cpu->icount = rs.icount0 + i;
		if (!cpu->pc_written && res != EXEC_EXCEPTION)
			cpu->r[15] = b->va + next_off;
		if (mplan)
			po->after_planned(po->ctx, cpu, i - 1, b->va + bi->off,
					  bi->raw, bi->d.writes);
		else
			traced_after(cpu, res);
		if (*stop != 0)
			break;
		if (bi->kind == BK_PLAIN || bi->kind == BK_CPLAIN)
			continue;
		if (bi->kind == BK_BRANCH) {
			if (cpu->pc_written)
				break;
			continue;
		}
		if (bi->kind == BK_MEM) {
			if (skipped)
				continue;
			if (cpu->slow_accesses == slow)
				continue;
			if (cached) {
				commit_fetches(ic, b, fetched, i, rs.tick0,
					       &line_cursor);
				fetched = i;
			}
		}
		/* run_block's checks after an impure instruction, and the
		 * observers still all follow blocks */
		if (res != EXEC_OK || cpu->pc_written)
			break;
		if (cpu->state != CPU_RUNNING || !cpu->obs_step ||
		    !observers_follow_blocks(cpu) || cpu->tlb.gen != rs.tlb_gen ||
		    (cpu->cpsr & RUN_STATE_BITS) != rs.state ||
		    cpu_interrupt_inputs(cpu))
			break;
		if (!cached && !code_unchanged(b, cpu, next_off))
			break;
		cpu_memo_ctx_update(cpu);
	}
	if (nb)
		traced_flush(cpu, b, po, i, nb, rs.icount0, base_r, steps);
	if (cached)
		commit_fetches(ic, b, fetched, i, rs.tick0, &line_cursor);
	commit_history(cpu, b, i, rs.meta, res == EXEC_EXCEPTION);
	*r = res;
	return i;
}

/* Before b is decoded over: when a pending history segment among those
 * that hold the last CPU_HISTORY entries (the only ones ever read, a few
 * block runs' worth) points into b's entries, the pending segments are
 * written into the ring (all of them, which keeps them in order); else
 * nothing is written. */
static void history_release(struct cpu *cpu, const struct block *b)
{
	const uintptr_t lo = (uintptr_t)b->hist;
	uint64_t at = cpu->icount;
	unsigned seen = 0;
	for (const struct cpu_history_seg *g;
	     seen < CPU_HISTORY && (g = cpu_history_seg_older(cpu, &at));) {
		if ((uintptr_t)g->src - lo < BLOCK_MAX * sizeof b->hist[0]) {
			cpu_history_flush(cpu);
			return;
		}
		seen += g->n;
	}
}

/* The fetch memo for the PC's page when it holds another one (a branch
 * to another page, an exception, a change of translation), filled as the
 * step engine's next fetch would fill it, when its translation comes
 * from the soft TLB unchanged (mmu_translate_cached: the fetch's
 * translation would change nothing) and the page is RAM: the first
 * instruction there then runs in a block too. Anything else (a walk, a
 * fault, a device) stays the step engine's fetch. Like that fetch, it
 * forgets the memo's I-cache lines (cpu_fetch_memo_fill); the I-cache
 * itself is not touched: the block's run counts the hit, and a miss
 * leaves the block unbuilt and the fetch to the step engine. */
static bool memo_refill(struct cpu *cpu, uint32_t va)
{
	struct mmu_result res;
	if (!mmu_translate_cached(cpu, va, MMU_FETCH, &res) || !res.host)
		return false;
	cpu_fetch_memo_fill(cpu, va, &res);
	return true;
}

/* A block about to be entered at its first instruction, valid, that
 * ended where a fetch missed the I-cache when it was built (the first
 * run of a loop whose next line was not filled yet): built again before
 * its code is generated, from what the fetches would return now, as a
 * block first built here would be, so that the code runs on over the
 * lines filled since instead of ending every run there. Only while the
 * fetch memo holds its page (block_at's, or a link's on that page);
 * false when the block cannot be built again (block_build's false: the
 * slot emptied, or as it was when its first fetch would miss). */
static bool build_again(struct cpu *cpu, struct block *b)
{
	const struct fetch_memo *fm = &cpu->fetch_memo;
	if (!memo_valid(cpu, b->va) || fm->cached != b->cached ||
	    (fm->pa_page | (b->va & 0xfffu)) != b->pa)
		return true;
	history_release(cpu, b);
	return block_build(cpu, b, b->va, b->pa, b->thumb);
}

/* A block's first fetch that would miss the I-cache: its line filled
 * now, as the step engine's fetch of that instruction would fill it,
 * where nothing could come between the two (step_one's order: the run
 * state, an interrupt, the observers before an instruction, then the
 * fetch): untraced, and no interrupt input for run_block's entry to look
 * at. The block's run counts that fetch as a hit, which moves the tick
 * as the miss would have (icache_hits); so the block starts at the PC,
 * where a step would have left the next block to start one instruction
 * on. True when a line was filled. */
static bool fill_first_line(struct cpu *cpu, uint32_t pc, uint64_t pa,
			    bool traced)
{
	return !traced && cpu->fetch_memo.cached && cpu->icache.lines &&
	       !cpu_interrupt_inputs(cpu) && icache_fill_for_fetch(cpu, pc, pa);
}

/* The block at the PC, found or built; NULL when none can run there now.
 * *limit: how many of its instructions can run from its lines now (all,
 * but for a stale block whose later lines are gone: block_relink_prefix). */
static struct block *block_at(struct cpu *cpu, bool traced, unsigned *limit)
{
	*limit = BLOCK_MAX;
	struct block_cache *bc = cpu->blocks;
	uint32_t pc = cpu->r[15];
	bool thumb = (cpu->cpsr & CPSR_T) != 0;
	/* observers wanting each instruction: blocks run only traced (all
	 * follow blocks), and traced only with them */
	if (cpu->state != CPU_RUNNING || cpu->obs_step != traced ||
	    (traced && !observers_follow_blocks(cpu)) ||
	    (pc & (thumb ? 1u : 3u)) != 0 ||
	    (thumb && (cpu->cpsr & CPSR_IT_MASK) != 0) ||
	    (!memo_valid(cpu, pc) && !memo_refill(cpu, pc)))
		return NULL;
	const struct fetch_memo *fm = &cpu->fetch_memo;
	uint64_t pa = fm->pa_page | (pc & 0xfffu);
	/* A32 code has PC[1] = 0: index it by PC[13:2] */
	struct block *b =
		&bc->slot[(pc >> (thumb ? 1 : 2)) & (BLOCK_SLOTS - 1)];
	if (!key_matches(cpu, b, pc, pa, thumb)) {
		history_release(cpu, b);
		(void)fill_first_line(cpu, pc, pa, traced);
		if (!block_build(cpu, b, pc, pa, thumb))
			return NULL;
	} else if (b->cached ? !lines_valid(cpu, b)
			     : !code_unchanged(b, cpu, 0)) {
		bc->stats.stale++;
		/* (a line evicted and filled again with the same bytes: the
		 * block as it was) */
		if (!(b->cached &&
		      (block_relink(cpu, b) ||
		       (fill_first_line(cpu, pc, pa, traced) &&
			block_relink(cpu, b))))) {
			/* a later line gone (evicted, or invalidated by a
			 * maintenance operation): the instructions before it
			 * run from their lines as a run cut short runs, and
			 * the block keeps its entries and code for when the
			 * line is back (the next block_at, at the first
			 * instruction of that line, fills it); else built
			 * again */
			const unsigned prefix =
				b->cached && !cpu->engine_check
					? block_relink_prefix(cpu, b)
					: 0;
			if (prefix) {
				*limit = prefix;
			} else {
				history_release(cpu, b);
				if (!block_build(cpu, b, pc, pa, thumb))
					return NULL;
			}
		}
	}
	if (__builtin_expect(cpu->engine_check, 0) && !block_check(cpu, b))
		return NULL;
	return b;
}

/* The block at the PC after a clean run of `prev` (only plain
 * instructions, branches and loads and stores on the data fast path):
 * such a run changes none of what block_at checks before the slot (run
 * state, observers, mode, ITSTATE, the soft-TLB generation, SCR, VTTBR,
 * the fetch memo), nor the interrupt inputs, so when the PC is still in
 * prev's page, in the same instruction set, the fetch memo that gave
 * prev its physical address gives this one's, and a block whose key
 * equals prev's context there is the one block_at would find. Its
 * validity is checked as in block_at; anything else (another page, a
 * stale or absent block, --engine-check) is left to block_at.
 *
 * The block found is linked from prev: a linked block that still has
 * the serial it had then has the key it had then, which matched prev's
 * (fixed) key, which matches the context now, so only the PC, the
 * instruction set and the validity are compared. */
static inline struct block *block_chained(struct cpu *cpu,
					  struct block *prev)
{
	uint32_t pc = cpu->r[15];
	if (cpu->engine_check)
		return NULL;
	/* (a link joins blocks of one instruction set, and a clean run of
	 * prev left CPSR.T as prev's) */
	unsigned j = pc != prev->link_va[0];
	struct block *l = prev->link[j];
	if (l && prev->link_va[j] == pc && l->serial == prev->link_serial[j])
		return (l->cached ? lines_valid(cpu, l)
				  : code_unchanged(l, cpu, 0))
			       ? l
			       : NULL;
	/* on another page: the block block_at found there, while the
	 * translation that gave its physical address is the one a fetch
	 * memo filled then would still give (memo_valid's rule) */
	l = prev->xlink;
	if (l && prev->xlink_va == pc && l->serial == prev->xlink_serial &&
	    prev->xlink_tlb_gen == cpu->tlb.gen &&
	    prev->xlink_mode == cpu_mode(cpu) &&
	    prev->xlink_scr == cpu->cp15.scr)
		return (l->cached ? lines_valid(cpu, l)
				  : code_unchanged(l, cpu, 0))
			       ? l
			       : NULL;
	bool thumb = (cpu->cpsr & CPSR_T) != 0;
	if (((pc ^ prev->va) & ~0xfffu) != 0 || thumb != prev->thumb ||
	    (pc & (thumb ? 1u : 3u)) != 0)
		return NULL;
	struct block *b = &cpu->blocks->slot[(pc >> (thumb ? 1 : 2)) &
					     (BLOCK_SLOTS - 1)];
	if (b->n == 0 || b->va != pc ||
	    b->pa != ((prev->pa & ~0xfffull) | (pc & 0xfffu)) ||
	    b->thumb != thumb || b->cached != prev->cached)
		return NULL;
	if (b->cached) {
		if (b->mode != prev->mode || b->scr != prev->scr ||
		    b->vttbr != prev->vttbr || !lines_valid(cpu, b))
			return NULL;
	} else if (!code_unchanged(b, cpu, 0)) {
		return NULL;
	}
	/* the first successor stays in link 0 while it lasts, the others
	 * take link 1 */
	j = prev->link[0] != NULL &&
	    prev->link[0]->serial == prev->link_serial[0] &&
	    prev->link_va[0] != pc;
	prev->link[j] = b;
	prev->link_va[j] = pc;
	prev->link_serial[j] = b->serial;
	return b;
}

/* After a clean run of prev, block_at found b on another page: link it
 * (block_chained) with the fetch memo's validity now. A block whose key
 * matched the context then matches it while the context is unchanged:
 * the mode, SCR and, through the soft-TLB generation, the translation
 * (the TLB's replacement is round-robin, so no hit changes it); the
 * instruction set is prev's (a clean run leaves CPSR.T). Only a block
 * fetched as prev is (both through the I-cache or both not) is linked:
 * generated code checks a linked block's validity by the rule of the
 * block it comes from (the chain tail for cached or uncached blocks),
 * and the uncached rule reads a page generation a cached block has
 * not. */
static void link_other_page(struct cpu *cpu, struct block *prev,
			    struct block *b)
{
	uint32_t pc = cpu->r[15];
	if (((pc ^ prev->va) & ~0xfffu) == 0 || b->thumb != prev->thumb ||
	    b->cached != prev->cached || b->va != pc)
		return;
	prev->xlink = b;
	prev->xlink_va = pc;
	prev->xlink_serial = b->serial;
	prev->xlink_tlb_gen = cpu->tlb.gen;
	prev->xlink_mode = (uint8_t)cpu_mode(cpu);
	prev->xlink_scr = cpu->cp15.scr;
}

/* Blocks follow one another here while they can (each found from the PC
 * as if cpu_run had called again: the same steps, fewer returns). */
uint64_t block_run(struct cpu *cpu, uint64_t max, const volatile int *stop,
		   enum exec_result *r)
{
	struct block_cache *bc = cpu->blocks;
	uint64_t total = 0;
	enum exec_result res = EXEC_OK;
	if (!bc)
		return 0;
	const bool traced = cpu->obs_step;
	struct block *prev = NULL;
	bool chain = false; /* the last run was clean (run_block) */
	uint64_t stepped = 0; /* steps the step engine made */
	cpu->run_stop = stop;
	while (total < max) {
		struct block *b = chain ? block_chained(cpu, prev) : NULL;
		unsigned limit = BLOCK_MAX; /* (block_at's) */
		const bool after_clean = chain;
		chain = b != NULL;
		if (b) {
			bc->stats.followed++;
		} else {
			b = block_at(cpu, traced, &limit);
			if (b && after_clean && !cpu->engine_check)
				link_other_page(cpu, prev, b);
		}
		if (!b) {
			/* no block can run here now (a first fetch that
			 * misses the I-cache with an interrupt input to
			 * look at, a core waiting, an observer
			 * wanting each instruction, a device page): the step
			 * engine's step, as cpu_run would make it, without
			 * a return to cpu_run that would only look for the
			 * block again */
			res = cpu_step(cpu);
			total++;
			stepped++;
			chain = false;
			if (*stop != 0 || res != EXEC_OK)
				break;
			continue;
		}
		bc->stats.entered++;
		/* code for a block entered again (most blocks a kernel builds
		 * run once or twice: not worth their code), or whose code was
		 * forgotten with a full buffer */
		if (__builtin_expect(!b->host_code, 0) && bc->cg && !traced &&
		    limit >= b->n && ++b->entries >= CODEGEN_AFTER) {
			if (b->ends_at_miss && !build_again(cpu, b))
				break;
			generate(bc, b);
		}
		uint64_t left = max - total;
		unsigned n = b->n < left ? b->n : (unsigned)left;
		if (n > limit)
			n = limit;
		uint64_t steps;
		struct block *ran = b; /* the last block run */
		if (__builtin_expect(traced, 0)) {
			chain = false; /* (run_block_traced: block_at each time) */
			steps = b->cached ? run_block_traced(cpu, b, n, stop,
							     &res, true)
					  : run_block_traced(cpu, b, n, stop,
							     &res, false);
		} else if (b->thumb)
			steps = b->cached ? run_block(cpu, b, n, left, stop,
						      &res, true, true, &chain,
						      &ran)
					  : run_block(cpu, b, n, left, stop,
						      &res, true, false, &chain,
						      &ran);
		else
			steps = b->cached ? run_block(cpu, b, n, left, stop,
						      &res, false, true, &chain,
						      &ran)
					  : run_block(cpu, b, n, left, stop,
						      &res, false, false, &chain,
						      &ran);
		prev = ran;
		total += steps;
		/* cpu_run's own tests after a step, and anything that is
		 * not a plain end of block goes back to it */
		if (steps == 0 || *stop != 0 || res != EXEC_OK)
			break;
	}
	bc->stats.insns += total - stepped;
	bc->stats.entered += cpu->cg_entered;
	bc->stats.code_chained += cpu->cg_entered;
	bc->stats.code_patched += cpu->cg_patched;
	bc->stats.code_full_ways += cpu->cg_full_ways;
	cpu->cg_entered = cpu->cg_patched = cpu->cg_full_ways = 0;
	*r = res;
	return total;
}
