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
 * (cpu_observer.plan_block; writer_plan.c): instructions that touch only
 * registers and flags, and specialised loads and stores, are recorded
 * from the block's plan (block_plan: per instruction the registers its
 * decoded entry can write and the record's constant part), comparing
 * only those registers and encoding straight into the sink; the bytes
 * are those the path above gives the same step
 * (tests/unit/test_trace_plan.c). Consecutive
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
#include "trace/writer_internal.h"

volatile sig_atomic_t trace_stop_requested;

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

bool writer_mode_selected(const struct trace_writer *w, unsigned mode)
{
	return w->opts.mode_mask == 0 ||
	       ((mode & 0x10u) && (w->opts.mode_mask & (1u << (mode & 0xfu))));
}


/* Start of a step: decide whether it is recorded and take the state
 * before it. `have_before` is false when the core reports an event without
 * a before_insn call: cpu_step takes an interrupt between instructions
 * that way (and calls neither before_insn nor after_insn), so the step is
 * opened here and closed by the next before_insn or by close. */
void writer_begin_step(struct core_ctx *c, struct cpu *cpu, bool have_before)
{
	struct trace_writer *w = c->w;
	if (c->armed && c->lazy)
		writer_finish_step(c, cpu);
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
	if (!writer_mode_selected(w, mode)) {
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
	writer_begin_step(ctx, cpu, true);
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
void writer_finish_step(struct core_ctx *c, struct cpu *cpu)
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
	 * before the next one (writer_begin_step without before_insn). */
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

static void obs_after(void *ctx, struct cpu *cpu, int result)
{
	struct core_ctx *c = ctx;
	if (!c->armed || c->lazy)
		writer_begin_step(c, cpu, false);
	writer_finish_step(c, cpu);
}

/* Events may arrive without before_insn (an interrupt taken between
 * instructions); they then open an exception-only step. */
static struct trace_event *new_event(struct core_ctx *c, struct cpu *cpu)
{
	if (!c->armed)
		writer_begin_step(c, cpu, false);
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
	c->obs.plan_block = writer_plan_block;
	c->obs.after_planned = writer_after_planned;
	c->obs.before_planned = writer_before_planned;
	c->obs.after_planned_run = writer_after_planned_run;
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
			writer_finish_step(c, c->cpu);
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
