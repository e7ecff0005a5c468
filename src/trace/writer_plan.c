/* The trace writer's records of block runs (block.c run_block_traced),
 * made from their blocks' plans: see writer.c's opening comment. */
#include <stdlib.h>
#include <string.h>

#include "cpu/decode_cache.h"
#include "trace/writer_internal.h"

/* ---- planned records (cpu_observer.plan_block, after_planned) ----
 *
 * A pure instruction of a block run (registers and flags only) is
 * recorded from its block's plan: what writer_finish_step would find is only
 * which of the registers its entry can write changed, so only those are
 * compared, and the record is encoded straight into the sink
 * (trace_sink_put_planned) with the same bytes trace_sink_put gives it.
 * writer_begin_step has nothing to do for it while the conditions
 * plan_block checks at the start of the run hold, and nothing in a pure
 * instruction can change them. */

bool writer_plan_block(void *ctx, struct cpu *cpu, uint32_t va, bool thumb,
		       unsigned n)
{
	struct core_ctx *c = ctx;
	struct trace_writer *w = c->w;
	/* the ring keeps decoded records, and the full-diff mode exists
	 * to check the writes fast path: both record every step */
	if (w->ring || w->full_diff || !w->enabled || !w->started ||
	    n > PLAN_MAX || w->sink.failed || w->sink.closed)
		return false;
	/* an exception-only step still open: writer_begin_step would close
	 * it */
	if (c->armed && c->lazy)
		writer_finish_step(c, cpu);
	unsigned mode = cpu->cpsr & CPSR_M_MASK;
	/* writer_begin_step's conditions for a recorded step without a
	 * snapshot */
	if (c->armed || !c->have_post || c->need_snapshot ||
	    c->ext_seen != cpu->ext_reg_writes ||
	    !writer_mode_selected(w, mode) ||
	    ((c->before.cpsr ^ cpu->cpsr) & (CPSR_M_MASK | CPSR_T)))
		return false;
	if (!c->plans) {
		c->plans = calloc(PLAN_SLOTS, sizeof(*c->plans));
		if (!c->plans)
			return false;
	}
	struct block_plan *bp = &c->plans[(va >> 1) & (PLAN_SLOTS - 1)];
	if (!bp->used || bp->va != va || bp->thumb != thumb ||
	    bp->mode != mode) {
		bp->va = va;
		bp->thumb = thumb;
		bp->mode = (uint8_t)mode;
		bp->used = true;
		for (unsigned k = 0; k < PLAN_MAX; k++)
			bp->insn[k].key_pc = bp->insn[k].rec.pc = 1;
	}
	if (c->behind_mode != mode) {
		memset(c->view_of, 0, sizeof(c->view_of));
		for (unsigned v = 8; v <= 14; v++) {
			unsigned id = regmap_behind_view(v, mode);
			c->behind[v - 8] = (uint8_t)id;
			c->view_of[id] = (uint8_t)v;
		}
		c->behind_mode = mode;
	}
	c->plan = bp;
	c->cs = &w->sink.codec.cores[cpu->index];
	return true;
}

/* Derive entry pi of the current plan from what the block says. */
static void plan_fill(struct core_ctx *c, struct plan_insn *pi, uint32_t pc,
		      uint32_t raw, uint32_t writes)
{
	bool thumb = c->plan->thumb;
	/* a 32-bit T32 encoding is hw1 << 16 | hw2, hw1 >= 0xe800 */
	unsigned size = thumb && raw <= 0xffffu ? 2 : 4;
	pi->raw = raw;
	pi->writes = writes;
	pi->vmask = (uint16_t)(writes & 0x7fffu);
	pi->cpsr = (writes & DECODE_WRITES_CPSR) != 0;
	/* writer_finish_step compares everything after a full-decoder step, and
	 * the floating-point registers after a VFP or Advanced SIMD
	 * encoding: no pure instruction is either, but if one were, its
	 * record stays writer_finish_step's */
	pi->generic = writes == DECODE_WRITES_ANY ||
		      insn_may_write_fp(raw, size, thumb);
	trace_plan_insn(&pi->rec, pc, raw, size, thumb);
	pi->key_pc = pi->generic ? 1 : pc;
	/* the views, the flags, and a banked copy behind each of R8-R14 */
	unsigned most = (unsigned)__builtin_popcount(pi->vmask) + pi->cpsr +
			(unsigned)__builtin_popcount(pi->vmask & 0x7f00u);
	pi->max_bound = (uint16_t)TRACE_PLANNED_BOUND(most);
}

/* writer_finish_step for a planned instruction, with the state
 * writer_begin_step would have set before it (no event or memory access
 * can have come). */
static void planned_generic(struct core_ctx *c, struct cpu *cpu,
			    const struct plan_insn *pi)
{
	c->armed = true;
	c->lazy = false;
	c->recording = true;
	c->n_mem = 0;
	c->n_ev = 0;
	c->pc = pi->rec.pc;
	c->mode = c->plan->mode;
	c->thumb = c->plan->thumb;
	c->icount = cpu->icount - 1;
	c->insn_before = ~cpu->insn;
	c->size_before = cpu->insn_size;
	writer_finish_step(c, cpu);
}

_Static_assert(REGMAP_COUNT < 128,
	       "a planned record's register count is one byte");

/* emit's report of a failure to record */
static void planned_failed(struct trace_writer *w)
{
	if (w->error_told)
		return;
	w->error_told = true;
	if (w->on_error)
		w->on_error(w->on_error_arg, trace_writer_error(w));
}

/* A planned record when the sink's room for it depends on its exact
 * size: the changed registers counted first, as trace_sink_put would
 * see them. */
static __attribute__((noinline)) void
planned_exact(struct core_ctx *c, struct cpu *cpu, const struct plan_insn *pi,
	      unsigned n_mem)
{
	struct trace_writer *w = c->w;
	w->n_records++;
	const uint32_t *now = cpu->r;
	uint32_t views = 0;
	unsigned n = 0;
	for (uint32_t m = pi->vmask; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctz(m);
		if (c->before.r[id] != now[id]) {
			views |= 1u << id;
			n++;
		}
	}
	const uint32_t cpsr = cpu->cpsr;
	const bool flags = pi->cpsr && c->before.cpsr != cpsr;
	n += flags;
	uint64_t banked = 0;
	for (uint32_t m = views >> 8; m; m &= m - 1) {
		banked |= 1ull << c->behind[__builtin_ctz(m)];
		n++;
	}
	struct trace_sink *sk = &w->sink;
	uint8_t *out = trace_sink_reserve(sk, TRACE_PLANNED_BOUND(n) +
					      (size_t)n_mem * TRACE_MEM_BOUND);
	if (!out) {
		planned_failed(w);
		return;
	}
	const uint64_t icount = cpu->icount - 1;
	struct trace_core_state *cs = c->cs;
	struct trace_enc_cache_entry *ce = &cs->cache[pi->rec.cache_idx];
	uint8_t *p = trace_planned_head(&sk->codec, cs, ce, &pi->rec,
					cpu->index, icount, c->plan->mode, out);
	*p++ = (uint8_t)n;
	unsigned prev = 0;
	for (uint32_t m = views; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctz(m);
		c->before.r[id] = now[id];
		p = trace_planned_reg(cs, p, id, now[id], &prev);
	}
	if (flags)
		p = trace_planned_reg(cs, p, REG_CPSR, cpsr, &prev);
	for (uint64_t m = banked; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctzll(m);
		p = trace_planned_reg(cs, p, id, now[c->view_of[id]], &prev);
	}
	if (n_mem) {
		out[0] |= TENC_MEM;
		p = trace_encode_mems(cs, c->mem, n_mem, p);
	}
	trace_planned_end(cs, ce, &pi->rec, icount);
	trace_sink_commit(sk, p, true);
	if (sk->failed) /* a write-out in trace_sink_reserve */
		planned_failed(w);
	c->before.r[15] = now[15];
	c->before.cpsr = cpsr;
}

/* Before a load or store of a planned run: writer_begin_step's state for a
 * recorded step (or writer_begin_step itself when the run's conditions no
 * longer hold), so that its memory accesses and events are kept; its
 * record is made by after_planned, planned when only accesses came. */
void writer_before_planned(void *ctx, struct cpu *cpu)
{
	struct core_ctx *c = ctx;
	if (__builtin_expect(c->armed || !c->have_post || c->need_snapshot ||
				     c->ext_seen != cpu->ext_reg_writes, 0)) {
		writer_begin_step(c, cpu, true);
		return;
	}
	c->armed = true;
	c->lazy = false;
	c->recording = true;
	c->n_mem = 0;
	c->n_ev = 0;
	c->pc = cpu->r[15];
	c->mode = c->plan->mode;
	c->thumb = c->plan->thumb;
	c->icount = cpu->icount;
	c->insn_before = cpu->insn;
	c->size_before = cpu->insn_size;
}

/* after_planned with a step open (a load or store, writer_before_planned)
 * or an entry writer_finish_step records: true when the record is still to be
 * made as a pure instruction's (a load or store that made no access). */
static __attribute__((noinline)) bool
planned_step_open(struct core_ctx *c, struct cpu *cpu,
		  const struct plan_insn *pi)
{
	if (c->armed && c->lazy)
		/* (plan_block closed any such step) */
		writer_finish_step(c, cpu);
	if (!c->armed) {
		if (!pi->generic)
			return true;
		planned_generic(c, cpu, pi);
		return false;
	}
	/* writer_finish_step unless only memory accesses came; then the
	 * record has the registers the entry names (writer_finish_step's own
	 * fast path) and the accesses */
	if (c->n_ev || !c->recording || pi->generic) {
		writer_finish_step(c, cpu);
		return false;
	}
	c->armed = false;
	c->recording = false;
	if (!c->n_mem)
		return true;
	planned_exact(c, cpu, pi, c->n_mem);
	return false;
}

/* writer_finish_step's writes fast path for entry pi, whose key matches and
 * whose step is not open, encoded at out, where the sink has room for
 * pi->max_bound: the registers the entry names that changed, in id
 * order — the views, CPSR, then the banked copies behind changed views
 * 8-14 — with `before` following. Encoded as they are found; their
 * count goes in the byte reserved for it. now and cpsr are the core's
 * registers after the instruction, icount its count before it. Returns
 * the record's end. */
static inline __attribute__((always_inline)) uint8_t *
planned_encode(struct core_ctx *c, struct trace_codec *codec,
	       struct trace_core_state *cs, const struct plan_insn *pi,
	       unsigned core, unsigned mode, const uint32_t *now,
	       uint32_t cpsr, uint64_t icount, uint8_t *out, const bool next)
{
	struct trace_enc_cache_entry *ce = &cs->cache[pi->rec.cache_idx];
	uint8_t *p = next ? trace_planned_head_next(cs, ce, &pi->rec, out)
			  : trace_planned_head(codec, cs, ce, &pi->rec, core,
					       icount, mode, out);
	uint8_t *count = p++; /* a varint: n <= REGMAP_COUNT < 128 */
	unsigned n = 0, prev = 0;
	uint64_t banked = 0;
	for (uint32_t m = pi->vmask; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctz(m);
		uint32_t v = now[id];
		if (c->before.r[id] == v)
			continue;
		c->before.r[id] = v;
		p = trace_planned_reg(cs, p, id, v, &prev);
		n++;
		if (id >= 8)
			banked |= 1ull << c->behind[id - 8];
	}
	if (pi->cpsr && c->before.cpsr != cpsr) {
		p = trace_planned_reg(cs, p, REG_CPSR, cpsr, &prev);
		n++;
	}
	for (uint64_t m = banked; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctzll(m);
		p = trace_planned_reg(cs, p, id, now[c->view_of[id]], &prev);
		n++;
	}
	*count = (uint8_t)n;
	if (next)
		trace_planned_end_next(cs, ce, &pi->rec, icount);
	else
		trace_planned_end(cs, ce, &pi->rec, icount);
	/* a banked copy's value in `before` is its view's (the bank
	 * arrays hold only the other modes' copies, which a pure
	 * instruction never writes) */
	c->before.cpsr = cpsr;
	return p;
}

void writer_after_planned(void *ctx, struct cpu *cpu, unsigned idx,
			  uint32_t pc, uint32_t raw, uint32_t writes)
{
	struct core_ctx *c = ctx;
	struct trace_writer *w = c->w;
	struct plan_insn *pi = &c->plan->insn[idx];
	if (__builtin_expect(pi->key_pc != pc || pi->raw != raw ||
				     pi->writes != writes || c->armed, 0)) {
		if (pi->rec.pc != pc || pi->raw != raw || pi->writes != writes)
			plan_fill(c, pi, pc, raw, writes);
		if ((c->armed || pi->generic) &&
		    !planned_step_open(c, cpu, pi))
			return;
	}
	/* encoded before the exact bound is known when the sink has room
	 * for the most the entry can write (all but the last few records
	 * of each file block) */
	struct trace_sink *sk = &w->sink;
	uint8_t *out = trace_sink_room(sk, pi->max_bound);
	if (__builtin_expect(!out, 0)) {
		planned_exact(c, cpu, pi, 0);
		return;
	}
	w->n_records++;
	uint8_t *p = planned_encode(c, &sk->codec, c->cs, pi, cpu->index,
				    c->plan->mode, cpu->r, cpu->cpsr,
				    cpu->icount - 1, out, false);
	trace_sink_commit(sk, p, true);
	c->before.r[15] = cpu->r[15];
}

/* after_planned for one instruction of a batch whose entry needs more
 * than planned_encode (a new entry, a step open, the sink's block
 * ending): the core is put in the state after it for the call (only its
 * registers, flags and what step_one sets differ from now), then back. */
static __attribute__((noinline)) void
planned_replay(struct core_ctx *c, struct cpu *cpu, unsigned idx,
	       uint64_t icount, const uint32_t *base_r,
	       const struct planned_step *st0, unsigned k, unsigned n)
{
	const struct planned_step *st = &st0[k];
	uint32_t r[16];
	memcpy(r, cpu->r, sizeof(r));
	const uint32_t cpsr = cpu->cpsr;
	const uint64_t ic = cpu->icount;
	const uint32_t insn = cpu->insn, step_writes = cpu->step_writes;
	const unsigned insn_size = cpu->insn_size;
	memcpy(cpu->r, base_r, 15 * sizeof(uint32_t));
	for (unsigned j = 0; j <= k; j++)
		for (uint32_t m = st0[j].writes & 0x7fffu; m; m &= m - 1) {
			unsigned id = (unsigned)__builtin_ctz(m);
			cpu->r[id] = st0[j].r[id];
		}
	if (k + 1 < n)
		cpu->r[15] = st0[k + 1].pc;
	cpu->cpsr = st->cpsr;
	cpu->icount = icount + 1;
	cpu->insn = st->raw;
	cpu->insn_size = c->plan->thumb && st->raw <= 0xffffu ? 2 : 4;
	cpu->step_writes = st->step_writes;
	writer_after_planned(c, cpu, idx, st->pc, st->raw, st->writes);
	memcpy(cpu->r, r, sizeof(r));
	cpu->cpsr = cpsr;
	cpu->icount = ic;
	cpu->insn = insn;
	cpu->insn_size = insn_size;
	cpu->step_writes = step_writes;
}

_Static_assert(offsetof(struct plan_insn, raw) == 4 &&
		       offsetof(struct plan_insn, writes) == 8 &&
		       offsetof(struct planned_step, raw) -
				       offsetof(struct planned_step, pc) == 4 &&
		       offsetof(struct planned_step, writes) -
				       offsetof(struct planned_step, pc) == 8,
	       "a batch compares an entry's key as 12 bytes");

/* The largest max_bound of a plan entry: R0-R14, CPSR and the banked
 * copies behind R8-R14. */
#define PLANNED_WORST_BOUND TRACE_PLANNED_BOUND(15 + 1 + 7)

/* cpu_observer.after_planned_run: the records after_planned would make
 * for each, encoded one after the other into the sink and committed
 * together (planned_replay for those that need more). A write error
 * (in trace_sink_reserve, only on the replay path) is reported as
 * after_planned reports it; the records after it find the sink failed
 * and are dropped, so the file holds each record up to the failure
 * once. */
void writer_after_planned_run(void *ctx, struct cpu *cpu, unsigned idx0,
			      unsigned n, uint64_t icount0,
			      const uint32_t *base_r,
			      const struct planned_step *st0)
{
	const struct planned_step *st = st0;
	struct core_ctx *c = ctx;
	struct trace_writer *w = c->w;
	struct trace_sink *sk = &w->sink;
	struct trace_core_state *cs = c->cs;
	const struct plan_insn *pi = &c->plan->insn[idx0];
	const unsigned core = cpu->index, mode = c->plan->mode;
	uint8_t *p = sk->buf + sk->len;
	unsigned done = 0; /* records encoded since the last commit */
	/* When the sink has room for n records of the largest bound any
	 * entry has (all core registers, the flags and the seven banked
	 * copies), each record's own trace_sink_room check would pass:
	 * none is made; else each is. No step is open either (plan_block
	 * and the planned load or store before closed theirs, and a pure
	 * instruction opens none), unless a replay leaves one. */
	bool follows = false;
	bool checked = sk->len + (size_t)n * PLANNED_WORST_BOUND <=
			       sk->fast_limit &&
		       !c->armed;
	for (unsigned k = 0; k < n; k++, pi++, st++) {
		/* key_pc, raw, writes against pc, raw, writes */
		if (__builtin_expect(memcmp(&pi->key_pc, &st->pc, 12) != 0,
				     0) ||
		    (!checked &&
		     (c->armed || (size_t)(p - sk->buf) + pi->max_bound >
					  sk->fast_limit))) {
			if (done) {
				trace_sink_commit_n(sk, p, done);
				w->n_records += done;
				done = 0;
			}
			planned_replay(c, cpu, idx0 + k, icount0 + k, base_r,
				       st0, k, n);
			p = sk->buf + sk->len;
			checked = false;
			follows = false;
			continue;
		}
		/* after a record made here, the codec's core and mode are
		 * these and its next icount this one */
		if (follows)
			p = planned_encode(c, &sk->codec, cs, pi, core, mode,
					   st->r, st->cpsr, icount0 + k, p,
					   true);
		else
			p = planned_encode(c, &sk->codec, cs, pi, core, mode,
					   st->r, st->cpsr, icount0 + k, p,
					   false);
		follows = true;
		done++;
	}
	if (done) {
		trace_sink_commit_n(sk, p, done);
		w->n_records += done;
	}
	c->before.r[15] = cpu->r[15];
}

