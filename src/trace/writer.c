/* The trace writer: a cpu_observer on each traced core that turns every
 * retired instruction into a record (format.h) and hands it to the sink,
 * or to the in-memory ring with --trace-last.
 *
 * Per instruction: before_insn copies the core registers (a fixed 208-byte
 * copy), after_insn copies them again and compares (regmap_snapshot_diff);
 * memory accesses and events arriving in between are appended to per-core
 * arrays that only grow. Nothing is allocated per record.
 *
 * The floating-point registers (D0-D31, FPSCR, FPEXC: 264 bytes) are not
 * copied per instruction: only an instruction whose encoding is in the
 * CP10/CP11 or Advanced SIMD spaces can change them (A5/A6, the ARM and Thumb
 * encodings: VFP and Advanced SIMD instructions are the only writers; exception
 * entry and CP15 leave them alone), so after such an instruction alone the
 * writer compares them with its copy. A debugger's write to them between
 * instructions is not seen until the next such instruction, whose record then
 * carries it (core registers written that way give a snapshot).
 *
 * In a block run (block.c run_block_traced) the writer is the planner
 * (cpu_observer.plan_block): instructions that touch only registers and
 * flags, and specialised loads and stores, are recorded from the block's
 * plan (block_plan: per instruction the registers its decoded entry can
 * write and the record's constant part), comparing only those registers
 * and encoding straight into the sink; the bytes are those the path
 * above gives the same step (tests/unit/test_trace_plan.c). Consecutive
 * pure instructions come in one call after the last of them
 * (after_planned_run, with the registers each wrote), encoded one after
 * the other and committed to the sink together.
 *
 * Whenever recording (re)starts on a core — the first instruction, after
 * `trace off`, after instructions skipped by --trace-modes, after the
 * --trace-from condition — a snapshot of the whole state goes first, so a
 * reader never depends on what it did not see. */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"
#include "cpu/observer.h"
#include "cpu/regmap.h"
#include "hyp/exception.h"
#include "trace/format.h"
#include "trace/sink.h"
#include "trace/trace.h"

volatile sig_atomic_t trace_stop_requested;

/* A block's plan (cpu_observer.plan_block): for each instruction, what
 * its records share — the register ids it can write and the record's
 * constant part (format.h trace_planned_insn) — derived once from its
 * address, encoding and decoded writes, and used while those stay the
 * same. */
#define PLAN_SLOTS 1024u
#define PLAN_MAX 64u /* instructions; longer blocks run unplanned */

struct plan_insn {
	/* what it was derived from (its PC, raw, writes): checked at every
	 * use, so a block built again from other code or another decode
	 * gets a new entry, never a stale one. key_pc is the PC, or 1 (odd:
	 * no instruction has it) for an unused entry or one finish_step
	 * records (`generic`), so that one compare sends both to the slow
	 * path. */
	uint32_t key_pc, raw, writes;
	uint16_t vmask; /* view registers R0-R14 the entry can write */
	bool cpsr;      /* … and the flags */
	bool generic;   /* recorded by finish_step (see plan_fill) */
	uint16_t max_bound; /* TRACE_PLANNED_BOUND of the most it can write */
	struct trace_planned_insn rec;
};

struct block_plan {
	uint32_t va;
	bool thumb, used;
	uint8_t mode;
	struct plan_insn insn[PLAN_MAX];
};

struct core_ctx {
	struct trace_writer *w;
	struct cpu *cpu;
	const struct regmap_snapshot *live; /* regmap_live(cpu) */
	struct cpu_observer obs;
	bool attached;
	bool armed;         /* a step is open */
	bool lazy;          /* …opened by an event, not by before_insn */
	bool recording;     /* the current step is being recorded */
	bool need_snapshot; /* recording (re)starts: state goes first */
	bool have_post; /* `before` holds the state the last step left */
	uint32_t ext_seen; /* cpu->ext_reg_writes when `before` was taken */
	struct regmap_snapshot before;
	uint32_t pc;
	uint8_t mode;
	bool thumb;
	uint64_t icount;
	uint32_t insn_before;
	unsigned size_before;
	struct trace_reg_val regs[REGMAP_COUNT + REGMAP_FP_COUNT];
	struct cpu_fp fp_before; /* FP registers as last recorded */
	struct trace_mem *mem;
	unsigned n_mem, cap_mem;
	struct trace_event *ev;
	unsigned n_ev, cap_ev;
	/* plans, direct-mapped by the block's address (allocated at the
	 * first planned run), and the one of the block run in progress */
	struct block_plan *plans;
	struct block_plan *plan;
	struct trace_core_state *cs; /* the sink codec's state of this core */
	/* for the plan's mode: the banked copy behind view register 8-14,
	 * and the view register in front of each banked copy */
	unsigned behind_mode;
	uint8_t behind[7];
	uint8_t view_of[REGMAP_COUNT];
};

/* --trace-last: records are kept in two generations of at most N
 * instruction records each; at the end the last N of them are written,
 * preceded by each core's state, which is found by replaying the dropped
 * part of the older generation from the state saved when it began. */
struct ring_gen {
	uint8_t *buf;
	size_t len, cap;
	uint64_t n_insn;
	uint64_t **base;  /* [core][reg]: state when the generation began */
	uint8_t **known;
};

struct trace_writer {
	struct trace_options opts;
	struct trace_sink sink;
	unsigned n_cores;
	struct core_ctx **cores;
	bool enabled;
	bool started; /* the --trace-from condition has been met */
	uint64_t n_records;
	unsigned n_regs;
	unsigned fp_base; /* trace id of D0 (after the system registers) */
	/* HYPSIM_TRACE_FULL_DIFF set: compare every register after every
	 * step, never only the ones a decoded-cache entry names; the test
	 * tests/trace/test_writes_fast_path.sh checks both give the same
	 * bytes. */
	bool full_diff;
	struct trace_reg_val *snap_regs; /* n_regs, for snapshots */
	char err[256];
	/* trace_writer_on_error: told once, at the first failure */
	void (*on_error)(void *arg, const char *why);
	void *on_error_arg;
	bool error_told;
	/* ring mode */
	bool ring;
	struct ring_gen gen[2]; /* gen[cur] fills, gen[!cur] is older */
	unsigned cur;
	uint64_t **cur_val; /* [core][reg]: state after its last record */
	uint8_t **cur_known;
	uint64_t ring_total;
};

/* ---- snapshots ---- */

/* The whole state of a core as a snapshot record (regs in id order). */
static void build_snapshot(struct trace_writer *w, struct core_ctx *c,
			   struct trace_record *rec)
{
	struct cpu *cpu = c->cpu;
	unsigned n = 0;
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		w->snap_regs[n].id = id;
		w->snap_regs[n].value = regmap_read(cpu, id);
		n++;
	}
	size_t n_sys = w->fp_base - REGMAP_COUNT;
	unsigned bank = cpu_cp15_bank(cpu);
	for (size_t i = 0; i < n_sys; i++) {
		const struct sysreg *r = sysreg_by_id((unsigned)i);
		uint64_t v;
		if (!r || (r->access & (SR_OPERATION | SR_NO_GDB)))
			continue;
		if (!sysreg_peek(cpu, r, bank, &v))
			continue;
		w->snap_regs[n].id = REGMAP_COUNT + (unsigned)i;
		w->snap_regs[n].value = r->width == 64 ? v : (uint32_t)v;
		n++;
	}
	for (unsigned i = 0; i < REGMAP_FP_COUNT; i++) {
		w->snap_regs[n].id = w->fp_base + i;
		w->snap_regs[n].value = regmap_fp_read(cpu, i);
		n++;
	}
	c->fp_before = cpu->fp;
	memset(rec, 0, sizeof(*rec));
	rec->kind = TREC_SNAPSHOT;
	rec->core = cpu->index;
	rec->icount = cpu->icount;
	rec->mode = (uint8_t)cpu_mode(cpu);
	rec->pc = cpu->r[15];
	rec->n_regs = n;
	rec->regs = w->snap_regs;
}

/* ---- ring ---- */

struct ring_hdr {
	uint32_t size; /* whole entry, 8-aligned */
	uint8_t kind, flags, mode, enc_size;
	uint32_t core;
	uint32_t pc, enc;
	uint32_t n_regs, n_mem, n_ev;
	uint64_t icount;
};

static size_t ring_entry_size(const struct trace_record *r)
{
	size_t n = sizeof(struct ring_hdr) + r->n_regs * sizeof(struct trace_reg_val) +
		   r->n_mem * sizeof(struct trace_mem) +
		   r->n_ev * sizeof(struct trace_event);
	return (n + 7) & ~(size_t)7;
}

static bool ring_gen_alloc_base(struct trace_writer *w, struct ring_gen *g)
{
	g->base = calloc(w->n_cores, sizeof(*g->base));
	g->known = calloc(w->n_cores, sizeof(*g->known));
	if (!g->base || !g->known)
		return false;
	for (unsigned i = 0; i < w->n_cores; i++) {
		g->base[i] = calloc(w->n_regs, sizeof(uint64_t));
		g->known[i] = calloc(w->n_regs, 1);
		if (!g->base[i] || !g->known[i])
			return false;
	}
	return true;
}

/* Apply a record to the running per-core state. */
static void state_apply(uint64_t *val, uint8_t *known, unsigned n_regs,
			const struct trace_record *r)
{
	if (r->kind == TREC_SNAPSHOT)
		memset(known, 0, n_regs);
	for (unsigned i = 0; i < r->n_regs; i++) {
		val[r->regs[i].id] = r->regs[i].value;
		known[r->regs[i].id] = 1;
	}
	for (unsigned i = 0; i < r->n_ev; i++) {
		const struct trace_event *e = &r->ev[i];
		if (e->type == TEV_SYSREG && e->u.sysreg.id < n_regs) {
			val[e->u.sysreg.id] = e->u.sysreg.new_val;
			known[e->u.sysreg.id] = 1;
		}
	}
}

static bool ring_put(struct trace_writer *w, const struct trace_record *r)
{
	struct ring_gen *g = &w->gen[w->cur];
	if (r->kind == TREC_INSN && g->n_insn == w->opts.last_n) {
		/* This generation is full: it becomes the older one and the
		 * state now is the new one's base. */
		w->cur ^= 1;
		g = &w->gen[w->cur];
		g->len = 0;
		g->n_insn = 0;
		for (unsigned c = 0; c < w->n_cores; c++) {
			memcpy(g->base[c], w->cur_val[c], w->n_regs * sizeof(uint64_t));
			memcpy(g->known[c], w->cur_known[c], w->n_regs);
		}
	}
	size_t need = ring_entry_size(r);
	if (g->len + need > g->cap) {
		size_t cap = g->cap ? g->cap : 1u << 16;
		while (cap < g->len + need)
			cap *= 2;
		uint8_t *nb = realloc(g->buf, cap);
		if (!nb) {
			snprintf(w->err, sizeof(w->err), "trace ring: out of memory");
			return false;
		}
		g->buf = nb;
		g->cap = cap;
	}
	uint8_t *p = g->buf + g->len;
	struct ring_hdr h = {
		.size = (uint32_t)need, .kind = r->kind, .flags = r->flags,
		.mode = r->mode, .enc_size = r->enc_size, .core = r->core,
		.pc = r->pc, .enc = r->enc, .n_regs = r->n_regs,
		.n_mem = r->n_mem, .n_ev = r->n_ev, .icount = r->icount,
	};
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	memcpy(p, r->regs, r->n_regs * sizeof(*r->regs));
	p += r->n_regs * sizeof(*r->regs);
	if (r->n_mem)
		memcpy(p, r->mem, r->n_mem * sizeof(*r->mem));
	p += r->n_mem * sizeof(*r->mem);
	if (r->n_ev)
		memcpy(p, r->ev, r->n_ev * sizeof(*r->ev));
	g->len += need;
	if (r->kind == TREC_INSN) {
		g->n_insn++;
		w->ring_total++;
	}
	state_apply(w->cur_val[r->core], w->cur_known[r->core], w->n_regs, r);
	return true;
}

/* Decode a ring entry in place (arrays point into the ring). */
static size_t ring_get(uint8_t *p, struct trace_record *r)
{
	struct ring_hdr h;
	memcpy(&h, p, sizeof(h));
	memset(r, 0, sizeof(*r));
	r->kind = h.kind;
	r->flags = h.flags;
	r->mode = h.mode;
	r->enc_size = h.enc_size;
	r->core = h.core;
	r->pc = h.pc;
	r->enc = h.enc;
	r->icount = h.icount;
	r->n_regs = h.n_regs;
	r->n_mem = h.n_mem;
	r->n_ev = h.n_ev;
	uint8_t *q = p + sizeof(h);
	r->regs = (struct trace_reg_val *)(void *)q;
	q += h.n_regs * sizeof(struct trace_reg_val);
	r->mem = (struct trace_mem *)(void *)q;
	q += h.n_mem * sizeof(struct trace_mem);
	r->ev = (struct trace_event *)(void *)q;
	return h.size;
}

/* Write the last N records of the ring to the sink. */
static void ring_drain(struct trace_writer *w)
{
	struct ring_gen *old = &w->gen[w->cur ^ 1], *cur = &w->gen[w->cur];
	uint64_t keep = w->opts.last_n;
	uint64_t avail = old->n_insn + cur->n_insn;
	uint64_t skip = avail > keep ? avail - keep : 0; /* from old only */
	uint64_t **val = calloc(w->n_cores, sizeof(*val));
	uint8_t **known = calloc(w->n_cores, sizeof(*known));
	bool *started = calloc(w->n_cores, sizeof(*started));
	struct trace_reg_val *sregs = calloc(w->n_regs, sizeof(*sregs));
	if (!val || !known || !started || !sregs)
		goto out;
	for (unsigned c = 0; c < w->n_cores; c++) {
		val[c] = old->base[c];
		known[c] = old->known[c];
	}
	struct ring_gen *gens[2] = { old, cur };
	for (unsigned gi = 0; gi < 2; gi++) {
		struct ring_gen *g = gens[gi];
		size_t off = 0;
		while (off < g->len) {
			struct trace_record r;
			off += ring_get(g->buf + off, &r);
			if (skip && gi == 0) {
				/* dropped: only replayed into the state */
				state_apply(val[r.core], known[r.core], w->n_regs, &r);
				if (r.kind == TREC_INSN)
					skip--;
				continue;
			}
			if (!started[r.core] && r.kind == TREC_INSN) {
				/* the core's state before its first kept record */
				struct trace_record s = { .kind = TREC_SNAPSHOT,
					.core = r.core, .icount = r.icount,
					.mode = r.mode, .pc = r.pc, .regs = sregs };
				for (unsigned id = 0; id < w->n_regs; id++) {
					if (!known[r.core][id] && id != REG_PC)
						continue;
					sregs[s.n_regs].id = id;
					sregs[s.n_regs].value =
						id == REG_PC ? r.pc : val[r.core][id];
					s.n_regs++;
				}
				trace_sink_put(&w->sink, &s);
			}
			started[r.core] = true;
			trace_sink_put(&w->sink, &r);
		}
	}
out:
	free(val);
	free(known);
	free(started);
	free(sregs);
}

/* ---- recording ---- */

static void emit(struct trace_writer *w, const struct trace_record *r)
{
	bool ok = w->ring ? ring_put(w, r) : trace_sink_put(&w->sink, r);
	if (r->kind == TREC_INSN)
		w->n_records++;
	if (!ok && !w->error_told) {
		w->error_told = true;
		if (w->on_error)
			w->on_error(w->on_error_arg, trace_writer_error(w));
	}
}

void trace_writer_on_error(struct trace_writer *w,
			   void (*fn)(void *arg, const char *why), void *arg)
{
	w->on_error = fn;
	w->on_error_arg = arg;
}

static bool mode_selected(const struct trace_writer *w, unsigned mode)
{
	return w->opts.mode_mask == 0 ||
	       ((mode & 0x10u) && (w->opts.mode_mask & (1u << (mode & 0xfu))));
}

static void finish_step(struct core_ctx *c, struct cpu *cpu);

/* Start of a step: decide whether it is recorded and take the state
 * before it. `have_before` is false when the core reports an event without
 * a before_insn call: cpu_step takes an interrupt between instructions
 * that way (and calls neither before_insn nor after_insn), so the step is
 * opened here and closed by the next before_insn or by close. */
static void begin_step(struct core_ctx *c, struct cpu *cpu, bool have_before)
{
	struct trace_writer *w = c->w;
	if (c->armed && c->lazy)
		finish_step(c, cpu);
	/* (armed by before_insn without after_insn: another observer stopped
	 * the step before it executed; nothing happened, nothing is kept) */
	c->armed = true;
	c->lazy = !have_before;
	c->recording = false;
	c->n_mem = 0;
	c->n_ev = 0;
	if (!w->enabled)
		return;
	if (!w->started) {
		bool hit = w->opts.from_kind == TRACE_FROM_START ||
			   (w->opts.from_kind == TRACE_FROM_PC &&
			    cpu->r[15] == (uint32_t)w->opts.from_value) ||
			   (w->opts.from_kind == TRACE_FROM_ICOUNT &&
			    cpu->icount >= w->opts.from_value);
		if (!hit || !have_before)
			return;
		w->started = true;
	}
	/* The state before: this step's copy, or for an exception-only step
	 * (reported after the exception was entered) the state the previous
	 * step left. */
	if (!c->have_post) {
		memcpy(&c->before, c->live, sizeof(c->before));
	} else if (have_before && c->ext_seen != cpu->ext_reg_writes) {
		/* Registers changed between steps (a debugger, the monitor,
		 * which bump cpu->ext_reg_writes instead of this comparing
		 * every register at every step): not this instruction's
		 * doing; a snapshot says so. */
		memcpy(&c->before, c->live, sizeof(c->before));
		c->need_snapshot = true;
	}
	c->ext_seen = cpu->ext_reg_writes;
	unsigned mode = c->before.cpsr & CPSR_M_MASK;
	if (!mode_selected(w, mode)) {
		c->need_snapshot = true;
		return;
	}
	if (c->need_snapshot) {
		struct trace_record s;
		build_snapshot(w, c, &s);
		if (!have_before) {
			/* core registers from before the exception; the
			 * system registers are as the cpu has them now */
			for (unsigned i = 0; i < REGMAP_COUNT; i++)
				s.regs[i].value = regmap_snapshot_read(&c->before, i);
			s.mode = (uint8_t)mode;
			s.pc = c->before.r[15];
		}
		emit(w, &s);
		c->need_snapshot = false;
	}
	c->recording = true;
	c->pc = c->before.r[15];
	c->mode = (uint8_t)mode;
	c->thumb = (c->before.cpsr & CPSR_T) != 0;
	c->icount = cpu->icount;
	c->insn_before = cpu->insn;
	c->size_before = cpu->insn_size;
}

static bool obs_before(void *ctx, struct cpu *cpu)
{
	begin_step(ctx, cpu, true);
	return true;
}

/* Whether the step's fetch faulted, leaving cpu->insn as the previous
 * step's: a Prefetch Abort at this instruction's address while cpu->insn
 * did not change. (BKPT also reports a Prefetch Abort at its own address,
 * C4 "Debug Exceptions"; it is told apart by the fresh cpu->insn, except for a
 * BKPT right after an identical one — then its encoding is left out too.) */
static bool fetch_faulted(const struct core_ctx *c, const struct cpu *cpu)
{
	if (cpu->insn != c->insn_before || cpu->insn_size != c->size_before)
		return false;
	for (unsigned i = 0; i < c->n_ev; i++) {
		const struct trace_event *e = &c->ev[i];
		if (e->type == TEV_EXCEPTION && e->u.exc.kind == EXC_PABT &&
		    e->u.exc.fault_addr - c->pc < 4)
			return true;
		if (e->type == TEV_EXCEPTION && e->u.exc.kind == EXC_HYP_TRAP &&
		    ((e->u.exc.syndrome >> HSR_EC_SHIFT) == EC_PABT_LOWER ||
		     (e->u.exc.syndrome >> HSR_EC_SHIFT) == EC_PABT_HYP))
			return true;
	}
	return false;
}

/* Whether a 32-bit encoding is in the spaces of the instructions that
 * can write the floating-point registers: coprocessor 10/11 (VFP: A7.5,
 * A7.6, A7.8; the T32 forms have the same bits with hw1 in [31:16]) and
 * Advanced SIMD (A7.4 data processing, A7.7 element and structure
 * loads/stores). A superset is harmless (the compare then finds
 * nothing); 16-bit Thumb instructions never qualify. */
static inline bool insn_may_write_fp(uint32_t insn, unsigned size, bool thumb)
{
	if (size != 4)
		return false;
	if (!thumb) {
		if ((insn >> 28) == 0xf)
			return (insn & 0xfe000000u) == 0xf2000000u ||
			       (insn & 0xff100000u) == 0xf4000000u;
	} else {
		if ((insn & 0xef000000u) == 0xef000000u ||
		    (insn & 0xff100000u) == 0xf9000000u)
			return true;
		if ((insn >> 29) != 7)
			return false;
	}
	/* cond/111x 110x (LDC/STC/MCRR/MRRC) or 1110 (CDP/MCR/MRC) with
	 * coproc 101x */
	return ((insn & 0x0e000000u) == 0x0c000000u ||
		(insn & 0x0f000000u) == 0x0e000000u) &&
	       (insn & 0xe00u) == 0xa00u;
}

/* Append the floating-point registers that differ from the writer's copy
 * to c->regs (from index n), and update the copy. */
static unsigned fp_changes(struct core_ctx *c, const struct cpu *cpu,
			   unsigned n)
{
	const struct cpu_fp *now = &cpu->fp;
	struct cpu_fp *old = &c->fp_before;
	unsigned base = c->w->fp_base;
	if (memcmp(old, now, sizeof(*old)) == 0)
		return n;
	for (unsigned i = 0; i < 32; i++)
		if (old->d[i] != now->d[i]) {
			c->regs[n].id = base + REG_FP_D0 + i;
			c->regs[n].value = now->d[i];
			n++;
		}
	if (old->fpscr != now->fpscr) {
		c->regs[n].id = base + REG_FP_FPSCR;
		c->regs[n].value = now->fpscr;
		n++;
	}
	if (old->fpexc != now->fpexc) {
		c->regs[n].id = base + REG_FP_FPEXC;
		c->regs[n].value = now->fpexc;
		n++;
	}
	*old = *now;
	return n;
}

/* End of a step: compare the state with the one before and emit. */
static void finish_step(struct core_ctx *c, struct cpu *cpu)
{
	struct trace_writer *w = c->w;
	bool lazy = c->lazy;
	c->armed = false;
	c->lazy = false;
	if (!c->recording) {
		c->have_post = false;
		return;
	}
	c->recording = false;
	const struct regmap_snapshot *now = c->live;
	uint64_t mask;
	uint32_t writes = cpu->step_writes;
	if (!lazy && c->n_ev == 0 && writes != DECODE_WRITES_ANY &&
	    !w->full_diff) {
		/* A decoded-cache handler ran (or the condition failed): only
		 * the registers its entry names can have changed, never the
		 * mode or a banked copy (decode_cache.h); an exception or
		 * any other event would have been recorded in c->ev. */
		mask = 0;
		for (uint32_t m = writes & 0x7fffu; m; m &= m - 1) {
			unsigned id = (unsigned)__builtin_ctz(m);
			if (c->before.r[id] != now->r[id]) {
				mask |= 1ull << id;
				if (id >= 8) /* and the copy behind the view */
					mask |= 1ull << regmap_behind_view(
							id, now->cpsr);
			}
		}
		if ((writes & DECODE_WRITES_CPSR) && c->before.cpsr != now->cpsr)
			mask |= 1ull << REG_CPSR;
	} else {
		mask = regmap_snapshot_diff(&c->before, now) & ~(1ull << REG_PC);
	}
	bool full = (mask >> (REG_CPSR + 1)) != 0 ||
		    ((c->before.cpsr ^ now->cpsr) & CPSR_M_MASK);
	unsigned n = 0;
	for (uint64_t m = mask; m; m &= m - 1) {
		unsigned id = (unsigned)__builtin_ctzll(m);
		c->regs[n].id = id;
		c->regs[n].value = id < REG_CPSR ? now->r[id]
						  : regmap_snapshot_read(now, id);
		n++;
	}
	if (!lazy && insn_may_write_fp(cpu->insn, cpu->insn_size, c->thumb))
		n = fp_changes(c, cpu, n);
	/* `before` becomes the state after this step, for an exception taken
	 * before the next one (begin_step without before_insn). */
	if (full) {
		memcpy(&c->before, now, sizeof(c->before));
	} else {
		for (uint64_t m = mask & 0x7fffu; m; m &= m - 1) {
			unsigned id = (unsigned)__builtin_ctzll(m);
			c->before.r[id] = now->r[id];
		}
		c->before.r[15] = now->r[15];
		c->before.cpsr = now->cpsr;
	}
	c->have_post = true;
	struct trace_record r = {
		.kind = TREC_INSN,
		.mode = c->mode,
		.core = cpu->index,
		.icount = c->icount,
		.pc = c->pc,
		.n_regs = n,
		.regs = c->regs,
		.n_mem = c->n_mem,
		.mem = c->mem,
		.n_ev = c->n_ev,
		.ev = c->ev,
	};
	if (c->thumb)
		r.flags |= TREC_F_THUMB;
	if (lazy) {
		r.flags |= TREC_F_NO_INSN;
	} else if (!fetch_faulted(c, cpu)) {
		r.enc = cpu->insn;
		r.enc_size = (uint8_t)(cpu->insn_size == 2 ? 2 : 4);
		if (r.enc_size == 2)
			r.enc &= 0xffffu;
	}
	emit(w, &r);
}

/* ---- planned records (cpu_observer.plan_block, after_planned) ----
 *
 * A pure instruction of a block run (registers and flags only) is
 * recorded from its block's plan: what finish_step would find is only
 * which of the registers its entry can write changed, so only those are
 * compared, and the record is encoded straight into the sink
 * (trace_sink_put_planned) with the same bytes trace_sink_put gives it.
 * begin_step has nothing to do for it while the conditions plan_block
 * checks at the start of the run hold, and nothing in a pure instruction
 * can change them. */

static bool plan_block(void *ctx, struct cpu *cpu, uint32_t va, bool thumb,
		       unsigned n)
{
	struct core_ctx *c = ctx;
	struct trace_writer *w = c->w;
	/* the ring keeps decoded records, and the full-diff mode exists
	 * to check the writes fast path: both record every step */
	if (w->ring || w->full_diff || !w->enabled || !w->started ||
	    n > PLAN_MAX || w->sink.failed || w->sink.closed)
		return false;
	/* an exception-only step still open: begin_step would close it */
	if (c->armed && c->lazy)
		finish_step(c, cpu);
	unsigned mode = cpu->cpsr & CPSR_M_MASK;
	/* begin_step's conditions for a recorded step without a snapshot */
	if (c->armed || !c->have_post || c->need_snapshot ||
	    c->ext_seen != cpu->ext_reg_writes || !mode_selected(w, mode) ||
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
	/* finish_step compares everything after a full-decoder step, and
	 * the floating-point registers after a VFP or Advanced SIMD
	 * encoding: no pure instruction is either, but if one were, its
	 * record stays finish_step's */
	pi->generic = writes == DECODE_WRITES_ANY ||
		      insn_may_write_fp(raw, size, thumb);
	trace_plan_insn(&pi->rec, pc, raw, size, thumb);
	pi->key_pc = pi->generic ? 1 : pc;
	/* the views, the flags, and a banked copy behind each of R8-R14 */
	unsigned most = (unsigned)__builtin_popcount(pi->vmask) + pi->cpsr +
			(unsigned)__builtin_popcount(pi->vmask & 0x7f00u);
	pi->max_bound = (uint16_t)TRACE_PLANNED_BOUND(most);
}

/* finish_step for a planned instruction, with the state begin_step would
 * have set before it (no event or memory access can have come). */
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
	finish_step(c, cpu);
}

_Static_assert(REGMAP_COUNT < 128, "a planned record's register count is one byte");

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

/* Before a load or store of a planned run: begin_step's state for a
 * recorded step (or begin_step itself when the run's conditions no
 * longer hold), so that its memory accesses and events are kept; its
 * record is made by after_planned, planned when only accesses came. */
static void obs_before_planned(void *ctx, struct cpu *cpu)
{
	struct core_ctx *c = ctx;
	if (__builtin_expect(c->armed || !c->have_post || c->need_snapshot ||
				     c->ext_seen != cpu->ext_reg_writes, 0)) {
		begin_step(c, cpu, true);
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

/* after_planned with a step open (a load or store, obs_before_planned)
 * or an entry finish_step records: true when the record is still to be
 * made as a pure instruction's (a load or store that made no access). */
static __attribute__((noinline)) bool
planned_step_open(struct core_ctx *c, struct cpu *cpu,
		  const struct plan_insn *pi)
{
	if (c->armed && c->lazy)
		finish_step(c, cpu); /* (plan_block closed any such step) */
	if (!c->armed) {
		if (!pi->generic)
			return true;
		planned_generic(c, cpu, pi);
		return false;
	}
	/* finish_step unless only memory accesses came; then the record
	 * has the registers the entry names (finish_step's own fast path)
	 * and the accesses */
	if (c->n_ev || !c->recording || pi->generic) {
		finish_step(c, cpu);
		return false;
	}
	c->armed = false;
	c->recording = false;
	if (!c->n_mem)
		return true;
	planned_exact(c, cpu, pi, c->n_mem);
	return false;
}

/* finish_step's writes fast path for entry pi, whose key matches and
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

static void obs_after_planned(void *ctx, struct cpu *cpu, unsigned idx,
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
	obs_after_planned(c, cpu, idx, st->pc, st->raw, st->writes);
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
static void obs_after_planned_run(void *ctx, struct cpu *cpu, unsigned idx0,
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

static void obs_after(void *ctx, struct cpu *cpu, int result)
{
	struct core_ctx *c = ctx;
	if (!c->armed || c->lazy)
		begin_step(c, cpu, false);
	finish_step(c, cpu);
}

/* Events may arrive without before_insn (an interrupt taken between
 * instructions); they then open an exception-only step. */
static struct trace_event *new_event(struct core_ctx *c, struct cpu *cpu)
{
	if (!c->armed)
		begin_step(c, cpu, false);
	if (!c->recording)
		return NULL;
	if (c->n_ev == c->cap_ev) {
		unsigned cap = c->cap_ev ? c->cap_ev * 2 : 8;
		struct trace_event *ne = realloc(c->ev, cap * sizeof(*ne));
		if (!ne)
			return NULL;
		c->ev = ne;
		c->cap_ev = cap;
	}
	struct trace_event *e = &c->ev[c->n_ev++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void obs_exception(void *ctx, struct cpu *cpu,
			  const struct exception_event *ev)
{
	struct trace_event *e = new_event(ctx, cpu);
	if (!e)
		return;
	e->type = TEV_EXCEPTION;
	e->u.exc.kind = ev->kind;
	e->u.exc.from_mode = ev->from_mode;
	e->u.exc.to_mode = ev->to_mode;
	e->u.exc.return_addr = ev->return_addr;
	e->u.exc.vector = ev->vector;
	e->u.exc.syndrome = ev->syndrome;
	e->u.exc.fault_addr = ev->fault_addr;
}

static void obs_sysreg(void *ctx, struct cpu *cpu, unsigned sysreg_id,
		       uint64_t old_val, uint64_t new_val)
{
	struct core_ctx *c = ctx;
	if (REGMAP_COUNT + sysreg_id >= c->w->n_regs)
		return; /* not in the table the header describes */
	struct trace_event *e = new_event(c, cpu);
	if (!e)
		return;
	e->type = TEV_SYSREG;
	e->u.sysreg.id = REGMAP_COUNT + sysreg_id;
	e->u.sysreg.old_val = old_val;
	e->u.sysreg.new_val = new_val;
}

static void obs_maintenance(void *ctx, struct cpu *cpu,
			    const struct maintenance_event *ev)
{
	struct trace_event *e = new_event(ctx, cpu);
	if (!e)
		return;
	e->type = TEV_MAINT;
	e->u.maint.op = ev->op;
	e->u.maint.arg = ev->arg;
	e->u.maint.removed = ev->removed;
}

static void obs_mem(void *ctx, struct cpu *cpu, uint32_t va, uint64_t pa,
		    unsigned size, uint64_t val, bool is_write)
{
	struct core_ctx *c = ctx;
	if (!c->recording)
		return;
	if (c->n_mem == c->cap_mem) {
		unsigned cap = c->cap_mem ? c->cap_mem * 2 : 32;
		struct trace_mem *nm = realloc(c->mem, cap * sizeof(*nm));
		if (!nm)
			return;
		c->mem = nm;
		c->cap_mem = cap;
	}
	struct trace_mem *m = &c->mem[c->n_mem++];
	m->va = va;
	m->pa = pa;
	m->size = (uint8_t)size;
	m->is_write = is_write;
	m->value = val;
}

/* ---- API ---- */

static bool hash_file(const char *path, uint8_t out[32], char *err,
		      size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	size_t size = (size_t)st.st_size;
	uint8_t *buf = malloc(size ? size : 1);
	size_t got = 0;
	while (buf && got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (!buf || got != size) {
		snprintf(err, errlen, "%s: cannot read the image to hash it", path);
		free(buf);
		return false;
	}
	trace_sha256(buf, size, out);
	free(buf);
	return true;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static int sym_cmp(const void *a, const void *b)
{
	const struct trace_symbol *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return 0;
}

struct trace_writer *trace_writer_open(const struct trace_options *opts,
				       const struct trace_header_info *info,
				       char *err, size_t errlen)
{
	struct trace_header h = { 0 };
	struct trace_writer *w = calloc(1, sizeof(*w));
	if (!w)
		goto oom;
	w->opts = *opts;
	w->enabled = true;
	w->full_diff = getenv("HYPSIM_TRACE_FULL_DIFF") != NULL;
	w->ring = opts->last_n != 0;
	w->n_cores = info->n_cores ? info->n_cores : 1;

	h.flags = w->ring ? TRACE_HDR_RING : 0;
	h.producer = strdup("hypsim");
	h.board = dup_or_empty(info->board);
	h.options = dup_or_empty(info->options);
	h.n_cores = w->n_cores;
	h.core_models = calloc(w->n_cores, sizeof(char *));
	if (!h.producer || !h.board || !h.options || !h.core_models)
		goto oom;
	for (unsigned i = 0; i < w->n_cores; i++) {
		h.core_models[i] = dup_or_empty(info->core_models && i < info->n_cores
						? info->core_models[i] : NULL);
		if (!h.core_models[i])
			goto oom;
	}
	h.images = calloc(info->n_images ? info->n_images : 1, sizeof(*h.images));
	if (!h.images)
		goto oom;
	h.n_images = info->n_images;
	for (unsigned i = 0; i < info->n_images; i++) {
		h.images[i].path = dup_or_empty(info->image_paths[i]);
		if (!h.images[i].path)
			goto oom;
		if (!hash_file(info->image_paths[i], h.images[i].hash, err, errlen))
			goto fail;
		h.images[i].hash_kind = TRACE_HASH_SHA256;
	}
	if (!trace_header_fill_regs(&h))
		goto oom;
	h.syms = calloc(info->n_syms ? info->n_syms : 1, sizeof(*h.syms));
	if (!h.syms)
		goto oom;
	h.n_syms = info->n_syms;
	for (size_t i = 0; i < info->n_syms; i++) {
		h.syms[i] = info->syms[i];
		h.syms[i].name = dup_or_empty(info->syms[i].name);
		if (!h.syms[i].name)
			goto oom;
	}
	/* stable order, so equal runs give equal files */
	qsort(h.syms, h.n_syms, sizeof(*h.syms), sym_cmp);
	w->n_regs = h.n_regs;
	w->fp_base = h.n_regs - REGMAP_FP_COUNT;
	w->snap_regs = calloc(w->n_regs, sizeof(*w->snap_regs));
	w->cores = calloc(w->n_cores, sizeof(*w->cores));
	if (!w->snap_regs || !w->cores)
		goto oom;
	if (w->ring) {
		w->cur_val = calloc(w->n_cores, sizeof(*w->cur_val));
		w->cur_known = calloc(w->n_cores, sizeof(*w->cur_known));
		if (!w->cur_val || !w->cur_known ||
		    !ring_gen_alloc_base(w, &w->gen[0]) ||
		    !ring_gen_alloc_base(w, &w->gen[1]))
			goto oom;
		for (unsigned i = 0; i < w->n_cores; i++) {
			w->cur_val[i] = calloc(w->n_regs, sizeof(uint64_t));
			w->cur_known[i] = calloc(w->n_regs, 1);
			if (!w->cur_val[i] || !w->cur_known[i])
				goto oom;
		}
	}
	if (!trace_sink_open(&w->sink, opts->path, &h, err, errlen)) {
		trace_sink_free(&w->sink);
		w->sink.fd = -1;
		goto fail_sink;
	}
	return w;
oom:
	snprintf(err, errlen, "trace: out of memory");
fail:
	trace_header_free(&h);
fail_sink:
	if (w) {
		w->sink.closed = true;
		w->sink.fd = -1;
		trace_writer_close(w);
	}
	return NULL;
}

void trace_writer_attach(struct trace_writer *w, struct cpu *cpu)
{
	if (!w || cpu->index >= w->n_cores)
		return;
	if (w->opts.core_mask && !(w->opts.core_mask & (1u << cpu->index)))
		return;
	if (w->cores[cpu->index])
		return;
	struct core_ctx *c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->w = w;
	c->cpu = cpu;
	c->live = regmap_live(cpu);
	c->need_snapshot = true;
	c->obs.ctx = c;
	c->obs.before_insn = obs_before;
	c->obs.after_insn = obs_after;
	/* obs_before never stops a step, and the callbacks read only what
	 * the block engine gives them too (observer.h) */
	c->obs.follows_blocks = true;
	c->obs.plan_block = plan_block;
	c->obs.after_planned = obs_after_planned;
	c->obs.before_planned = obs_before_planned;
	c->obs.after_planned_run = obs_after_planned_run;
	c->obs.exception = obs_exception;
	c->obs.sysreg_write = obs_sysreg;
	c->obs.maintenance = obs_maintenance;
	c->obs.mem_access = obs_mem;
	w->cores[cpu->index] = c;
	if (w->enabled) {
		cpu_add_observer(cpu, &c->obs);
		c->attached = true;
	}
}

void trace_writer_set_enabled(struct trace_writer *w, bool on)
{
	if (!w || w->enabled == on)
		return;
	w->enabled = on;
	/* Off costs nothing: the observers leave the cores. */
	for (unsigned i = 0; i < w->n_cores; i++) {
		struct core_ctx *c = w->cores[i];
		if (!c)
			continue;
		c->need_snapshot = true;
		c->armed = false;
		c->recording = false;
		c->have_post = false;
		if (on && !c->attached) {
			cpu_add_observer(c->cpu, &c->obs);
			c->attached = true;
		} else if (!on && c->attached) {
			cpu_remove_observer(c->cpu, &c->obs);
			c->attached = false;
		}
	}
}

int trace_writer_flush(struct trace_writer *w)
{
	if (!w)
		return 0;
	if (w->ring)
		return 0; /* ring mode writes only at the end */
	return trace_sink_flush(&w->sink) ? 0 : -1;
}

uint64_t trace_writer_records(const struct trace_writer *w)
{
	return w ? w->n_records : 0;
}

const char *trace_writer_error(const struct trace_writer *w)
{
	if (!w)
		return "";
	if (w->sink.failed)
		return w->sink.err;
	return w->err;
}

static void free_gen(struct trace_writer *w, struct ring_gen *g)
{
	free(g->buf);
	for (unsigned i = 0; g->base && i < w->n_cores; i++)
		free(g->base[i]);
	for (unsigned i = 0; g->known && i < w->n_cores; i++)
		free(g->known[i]);
	free(g->base);
	free(g->known);
}

int trace_writer_close(struct trace_writer *w)
{
	if (!w)
		return 0;
	int rc = 0;
	for (unsigned i = 0; w->cores && i < w->n_cores; i++) {
		struct core_ctx *c = w->cores[i];
		if (!c)
			continue;
		if (c->armed && c->lazy)
			finish_step(c, c->cpu);
		if (c->attached)
			cpu_remove_observer(c->cpu, &c->obs);
		free(c->mem);
		free(c->ev);
		free(c->plans);
		free(c);
	}
	if (!w->sink.closed) {
		uint64_t dropped = 0;
		if (w->ring) {
			ring_drain(w);
			uint64_t kept = w->gen[0].n_insn + w->gen[1].n_insn;
			if (kept > w->opts.last_n)
				kept = w->opts.last_n;
			dropped = w->ring_total - kept;
		}
		if (!trace_sink_close(&w->sink, dropped) || w->err[0]) {
			if (!w->error_told)
				fprintf(stderr, "hypsim: trace %s: %s\n",
					w->opts.path, trace_writer_error(w));
			rc = -1;
		}
	} else if (w->sink.failed) {
		rc = -1;
	}
	trace_sink_free(&w->sink);
	for (unsigned g = 0; g < 2; g++)
		free_gen(w, &w->gen[g]);
	for (unsigned i = 0; w->cur_val && i < w->n_cores; i++)
		free(w->cur_val[i]);
	for (unsigned i = 0; w->cur_known && i < w->n_cores; i++)
		free(w->cur_known[i]);
	free(w->cur_val);
	free(w->cur_known);
	free(w->snap_regs);
	free(w->cores);
	free(w);
	return rc;
}

void trace_writer_close_from_signal(struct trace_writer *w)
{
	if (!w)
		return;
	/* Ring mode keeps its records in a form that needs work (and memory)
	 * to write; from a signal only the buffered file stream is written,
	 * so a ring trace ends with just its header and end record. */
	trace_sink_close_from_signal(&w->sink, w->ring ? w->ring_total : 0);
}

/* ---- option parsing ---- */

bool trace_parse_cores(const char *s, uint32_t *mask)
{
	uint32_t m = 0;
	const char *p = s;
	while (*p) {
		char *end;
		unsigned long a = strtoul(p, &end, 10);
		if (end == p || a > 31)
			return false;
		unsigned long b = a;
		if (*end == '-') {
			p = end + 1;
			b = strtoul(p, &end, 10);
			if (end == p || b > 31 || b < a)
				return false;
		}
		for (unsigned long i = a; i <= b; i++)
			m |= 1u << i;
		if (*end == ',')
			end++;
		else if (*end)
			return false;
		p = end;
	}
	if (!m)
		return false;
	*mask = m;
	return true;
}

bool trace_parse_modes(const char *s, uint32_t *mask)
{
	uint32_t m = 0;
	char buf[16];
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n >= sizeof(buf))
			return false;
		memcpy(buf, p, n);
		buf[n] = 0;
		int mode = regmap_mode_from_name(buf);
		if (mode < 0)
			return false;
		m |= 1u << (mode & 0xf);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!m)
		return false;
	*mask = m;
	return true;
}

int trace_parse_from(const char *s, int *kind, uint64_t *value)
{
	const char *num = NULL;
	int k = TRACE_FROM_PC;
	if (strncmp(s, "icount:", 7) == 0) {
		num = s + 7;
		k = TRACE_FROM_ICOUNT;
	} else if (s[0] == '#') {
		num = s + 1;
		k = TRACE_FROM_ICOUNT;
	} else if (s[0] >= '0' && s[0] <= '9') {
		num = s;
	} else {
		return 1;
	}
	char *end;
	errno = 0;
	unsigned long long v = strtoull(num, &end, 0);
	if (end == num || *end || errno)
		return -1;
	*kind = k;
	*value = v;
	return 0;
}
