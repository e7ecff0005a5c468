/* The debugger core: breakpoints, watchpoints and run control (see
 * debug.h). */
#include "gdbstub/debug.h"

#include <stdlib.h>
#include <string.h>

#include "sim/hang.h"
#include "sim/machine.h"

/* ---- the observer on each core ---- */

static void stop_machine(struct debugger *d, struct cpu *cpu,
			 const struct dbg_stop *st)
{
	struct machine *m = d->m;
	if (d->pending.ev == DBG_EV_NONE)
		d->pending = *st;
	/* (a round cut is the scheduler's own, not a reason to stop) */
	if (m->stop == STOP_NONE || m->stop == STOP_ROUND_CUT) {
		m->stop = STOP_BREAK;
		m->stopped_cpu = cpu->index;
	}
}

static bool obs_before(void *ctx, struct cpu *cpu)
{
	struct dbg_core *c = ctx;
	struct debugger *d = c->d;
	c->watch_hit = false;
	bool skip = c->skip_once && c->skip_pc == cpu->r[15];
	c->skip_once = false;
	if (skip || d->stepping || d->n_bp == 0)
		return true;
	uint32_t pc = cpu->r[15];
	for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
		const struct dbg_breakpoint *b = &d->bp[i];
		if (b->used && b->addr == pc) {
			struct dbg_stop st = {.ev = DBG_EV_BREAK,
					      .cpu = cpu->index,
					      .bp_kind = b->kind};
			stop_machine(d, cpu, &st);
			return false; /* stop before executing it */
		}
	}
	return true;
}

static void obs_mem(void *ctx, struct cpu *cpu, uint32_t va, uint64_t pa,
		    unsigned size, uint64_t val, bool is_write)
{
	struct dbg_core *c = ctx;
	struct debugger *d = c->d;
	if (d->n_wp == 0 || c->watch_hit)
		return;
	uint64_t lo = va, hi = (uint64_t)va + size;
	for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
		const struct dbg_watchpoint *w = &d->wp[i];
		if (!w->used)
			continue;
		if (!(w->type & (is_write ? DBG_WATCH_WRITE : DBG_WATCH_READ)))
			continue;
		uint64_t wlo = w->addr, whi = (uint64_t)w->addr + w->len;
		if (lo < whi && wlo < hi) {
			c->watch_hit = true;
			c->watch_type = w->type;
			c->watch_addr = (uint32_t)(lo > wlo ? lo : wlo);
			return;
		}
	}
}

static void obs_after(void *ctx, struct cpu *cpu, int result)
{
	struct dbg_core *c = ctx;
	if (!c->watch_hit)
		return;
	c->watch_hit = false;
	struct dbg_stop st = {.ev = DBG_EV_WATCH,
			      .cpu = cpu->index,
			      .watch_type = c->watch_type,
			      .watch_addr = c->watch_addr};
	stop_machine(c->d, cpu, &st);
}

struct debugger *dbg_create(struct machine *m, struct trace_writer *trace,
			    uint64_t max_insns)
{
	struct debugger *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->m = m;
	d->trace = trace;
	d->max_insns = max_insns;
	d->cores = calloc(m->n_cpus, sizeof *d->cores);
	if (!d->cores) {
		free(d);
		return NULL;
	}
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct dbg_core *c = &d->cores[i];
		c->d = d;
		c->obs = (struct cpu_observer){
			.ctx = c,
			.before_insn = obs_before,
			.after_insn = obs_after,
			.mem_access = obs_mem,
		};
		cpu_add_observer(&m->cpus[i], &c->obs);
	}
	return d;
}

void dbg_destroy(struct debugger *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < d->m->n_cpus; i++)
		cpu_remove_observer(&d->m->cpus[i], &d->cores[i].obs);
	d->m->held_cpus = 0;
	free(d->cores);
	free(d);
}

/* ---- breakpoints and watchpoints ---- */

int dbg_break_add(struct debugger *d, uint32_t addr, enum dbg_bp_kind kind)
{
	int free_slot = -1;
	for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
		struct dbg_breakpoint *b = &d->bp[i];
		if (b->used && b->addr == addr && b->kind == kind)
			return (int)i;
		if (!b->used && free_slot < 0)
			free_slot = (int)i;
	}
	if (free_slot < 0)
		return -1;
	d->bp[free_slot] = (struct dbg_breakpoint){true, (uint8_t)kind, addr};
	d->n_bp++;
	return free_slot;
}

bool dbg_break_delete(struct debugger *d, unsigned slot)
{
	if (slot >= DBG_MAX_BREAKPOINTS || !d->bp[slot].used)
		return false;
	d->bp[slot].used = false;
	d->n_bp--;
	return true;
}

bool dbg_break_remove(struct debugger *d, uint32_t addr, enum dbg_bp_kind kind)
{
	for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
		struct dbg_breakpoint *b = &d->bp[i];
		if (b->used && b->addr == addr && b->kind == kind)
			return dbg_break_delete(d, i);
	}
	return false;
}

void dbg_break_clear(struct debugger *d)
{
	memset(d->bp, 0, sizeof d->bp);
	d->n_bp = 0;
}

int dbg_watch_add(struct debugger *d, uint32_t addr, uint32_t len,
		  enum dbg_watch_type type)
{
	if (len == 0)
		return -1;
	int free_slot = -1;
	for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
		struct dbg_watchpoint *w = &d->wp[i];
		if (w->used && w->addr == addr && w->len == len && w->type == type)
			return (int)i;
		if (!w->used && free_slot < 0)
			free_slot = (int)i;
	}
	if (free_slot < 0)
		return -1;
	d->wp[free_slot] = (struct dbg_watchpoint){true, (uint8_t)type, addr, len};
	d->n_wp++;
	return free_slot;
}

bool dbg_watch_remove(struct debugger *d, uint32_t addr, uint32_t len,
		      enum dbg_watch_type type)
{
	for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
		struct dbg_watchpoint *w = &d->wp[i];
		if (w->used && w->addr == addr && w->len == len && w->type == type) {
			w->used = false;
			d->n_wp--;
			return true;
		}
	}
	return false;
}

void dbg_watch_clear(struct debugger *d)
{
	memset(d->wp, 0, sizeof d->wp);
	d->n_wp = 0;
}

/* ---- run control ---- */

/* --max-insns counts every instruction of the run, whoever asks for
 * it: a step or a continue once the budget is spent executes nothing
 * (the monitor's `step N` with a large N, gdb's stepi and continue). */
static bool budget_spent(struct debugger *d, struct dbg_stop *st)
{
	struct machine *m = d->m;
	if (!d->max_insns || machine_total_icount(m) < d->max_insns)
		return false;
	*st = (struct dbg_stop){.ev = DBG_EV_BUDGET,
				.cpu = m->stopped_cpu < m->n_cpus
					       ? m->stopped_cpu : 0};
	return true;
}

/* What machine->stop means, once the machine has stopped. */
static void collect_stop(struct debugger *d, unsigned ran_cpu,
			 struct dbg_stop *st)
{
	struct machine *m = d->m;
	memset(st, 0, sizeof *st);
	st->cpu = ran_cpu;
	switch (m->stop) {
	case STOP_EXIT:
		st->ev = DBG_EV_EXIT;
		st->cpu = m->stopped_cpu;
		st->exit_code = m->exit_code;
		d->exited = true;
		d->exit_code = m->exit_code;
		break;
	case STOP_HANG:
		st->ev = DBG_EV_HANG;
		st->cpu = m->hang ? hang_detector_cpu(m->hang) : m->stopped_cpu;
		break;
	case STOP_BUDGET:
		st->ev = DBG_EV_BUDGET;
		st->cpu = m->stopped_cpu;
		break;
	case STOP_BREAK:
		if (d->pending.ev != DBG_EV_NONE) {
			*st = d->pending;
		} else {
			st->ev = DBG_EV_INTERRUPT;
			st->cpu = m->stopped_cpu < m->n_cpus ? m->stopped_cpu
							     : ran_cpu;
		}
		break;
	case STOP_NONE:
	case STOP_RESET: /* these two are handled inside machine_run */
	case STOP_ROUND_CUT:
		st->ev = DBG_EV_STEP;
		break;
	}
	if (st->cpu >= m->n_cpus)
		st->cpu = 0;
	d->pending.ev = DBG_EV_NONE;
}

void dbg_continue(struct debugger *d, uint32_t hold_mask, struct dbg_stop *st)
{
	struct machine *m = d->m;
	if (d->exited) {
		*st = (struct dbg_stop){.ev = DBG_EV_EXIT, .cpu = m->stopped_cpu,
					.exit_code = d->exit_code};
		return;
	}
	if (budget_spent(d, st))
		return;
	/* A core resumed from a breakpoint executes the instruction there
	 * before the breakpoint can stop it again. */
	unsigned first = 0;
	bool have_first = false;
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct dbg_core *c = &d->cores[i];
		c->skip_once = !(hold_mask & (1u << i));
		c->skip_pc = m->cpus[i].r[15];
		c->watch_hit = false;
		if (c->skip_once && !have_first) {
			first = i;
			have_first = true;
		}
	}
	d->pending.ev = DBG_EV_NONE;
	d->stepping = false;
	m->held_cpus = hold_mask;
	m->stopped_cpu = first;
	machine_run(m, d->max_insns);
	m->held_cpus = 0;
	for (unsigned i = 0; i < m->n_cpus; i++)
		d->cores[i].skip_once = false;
	collect_stop(d, first, st);
}

void dbg_step(struct debugger *d, unsigned cpu_index, struct dbg_stop *st)
{
	struct machine *m = d->m;
	if (d->exited) {
		*st = (struct dbg_stop){.ev = DBG_EV_EXIT, .cpu = m->stopped_cpu,
					.exit_code = d->exit_code};
		return;
	}
	if (cpu_index >= m->n_cpus)
		cpu_index = 0;
	if (budget_spent(d, st)) {
		st->cpu = cpu_index;
		return;
	}
	struct cpu *cpu = &m->cpus[cpu_index];
	d->pending.ev = DBG_EV_NONE;
	d->stepping = true;
	d->cores[cpu_index].watch_hit = false;
	m->stop = STOP_NONE;
	m->stopped_cpu = cpu_index;
	/* The other cores are held simply by not being stepped: the step
	 * is one cpu_step of this core, outside the scheduler. */
	cpu_step(cpu);
	d->stepping = false;
	collect_stop(d, cpu_index, st);
	/* A watchpoint hit by the stepped instruction is reported as such;
	 * any other stop that is not an exit or a hang is the end of the
	 * step. */
	if (st->ev == DBG_EV_BREAK || st->ev == DBG_EV_INTERRUPT) {
		st->ev = DBG_EV_STEP;
		st->cpu = cpu_index;
	}
	if (m->stop == STOP_BREAK)
		m->stop = STOP_NONE;
}
