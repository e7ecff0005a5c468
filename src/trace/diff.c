/* `hypsim trace diff A B`: the first point where two traces part.
 *
 * Each core is compared on its own (records of core n in A against those of
 * core n in B). Records are paired:
 *   - by instruction count (--align icount, the default): the same icount
 *     on both sides, for two runs of the same machine;
 *   - by program counter (--align pc): the same PC (and encoding when both
 *     have one), for different core models or simulators. One side may run
 *     records the other lacks only where that is explicable: an exception
 *     entry recorded on its own (an interrupt taken between instructions),
 *     or a run of records entered through an exception (an interrupt taken
 *     on one side only, a handler), after which both sides meet again at
 *     the same PC within --window records.
 *
 * Registers are compared where they matter: at each pair, every register
 * either side changed since the previous pair must hold the same value on
 * both, among the registers both sides know (an imported QEMU trace knows
 * only R0-R15 and CPSR). A register neither side touched is not compared;
 * the start states are reported as notes, because architecturally UNKNOWN
 * reset values (flags, banked registers) may differ between simulators
 * without consequence. Memory accesses and events (exceptions, system
 * register writes, maintenance) are compared unless either side's header
 * says it could not record them, or --ignore names them.
 *
 * Comparing two simulators (mask.h): --mask files excuse the differences
 * known and explained (a register or some of its bits after an instruction
 * in a PC range or of a class, a start-state register, an exception
 * field). An excused register stays excused, bit by bit, until the two
 * sides agree on it again, so one known difference does not come back
 * at every later write. --max-diffs N goes on after a difference: a
 * register that parted is excused the same way (it was reported), a pair
 * whose events, memory accesses or mode differ is passed, and where the
 * instruction streams part the two sides are realigned at the nearest
 * pair of records with the same PC (confirmed by the two records after
 * it), from where instruction counts are compared with the offset found.
 * --from/--to limit the comparison to a range of each core's records; the
 * state before the range is the start state.
 *
 * Exit: 0 equal, 1 different, 2 error. */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/regmap.h"
#include "trace/mask.h"
#include "trace/reader.h"
#include "trace/tools.h"
#include "trace/view.h"

/* how far realignment after a parting looks on each side */
#define REALIGN_WINDOW 4096u

/* ---- record copies ---- */

struct rec {
	struct trace_record r;
	unsigned cap_regs, cap_mem, cap_ev;
	uint64_t no; /* position among this core's records on its side */
};

static bool rec_copy(struct rec *d, const struct trace_record *s)
{
	if (s->n_regs > d->cap_regs) {
		void *p = realloc(d->r.regs, s->n_regs * sizeof(*s->regs));
		if (!p)
			return false;
		d->r.regs = p;
		d->cap_regs = s->n_regs;
	}
	if (s->n_mem > d->cap_mem) {
		void *p = realloc(d->r.mem, s->n_mem * sizeof(*s->mem));
		if (!p)
			return false;
		d->r.mem = p;
		d->cap_mem = s->n_mem;
	}
	if (s->n_ev > d->cap_ev) {
		void *p = realloc(d->r.ev, s->n_ev * sizeof(*s->ev));
		if (!p)
			return false;
		d->r.ev = p;
		d->cap_ev = s->n_ev;
	}
	struct trace_reg_val *regs = d->r.regs;
	struct trace_mem *mem = d->r.mem;
	struct trace_event *ev = d->r.ev;
	d->r = *s;
	d->r.regs = regs;
	d->r.mem = mem;
	d->r.ev = ev;
	if (s->n_regs)
		memcpy(regs, s->regs, s->n_regs * sizeof(*s->regs));
	if (s->n_mem)
		memcpy(mem, s->mem, s->n_mem * sizeof(*s->mem));
	if (s->n_ev)
		memcpy(ev, s->ev, s->n_ev * sizeof(*s->ev));
	return true;
}

static void rec_free(struct rec *r)
{
	if (!r)
		return;
	free(r->r.regs);
	free(r->r.mem);
	free(r->r.ev);
	free(r);
}

/* ---- one side ---- */

struct side {
	const char *label; /* "A" / "B" */
	const char *path;
	struct trace_reader *rd;
	const struct trace_header *h;
	unsigned core;
	bool eof;
	uint64_t read_no;
	/* lookahead queue (circular) */
	struct rec **q;
	size_t q_head, q_len, q_cap;
	/* the last `context + 1` consumed records (circular) */
	struct rec **hist;
	unsigned hist_cap, hist_len, hist_pos;
	/* spare copies */
	struct rec **pool;
	size_t pool_len, pool_cap;
	/* register state in A's id space */
	int32_t *map; /* this side's id -> A id, -1 if A has no such name */
	uint64_t *val;
	uint8_t *known;
	bool start_seen;
	bool prev_exc; /* the last consumed record entered an exception */
	uint8_t prev_mode;
	bool have_prev;
	bool last_no_post;
	uint64_t n_insn;   /* consumed instruction records */
	uint64_t n_extra;  /* consumed without a partner */
	struct trace_range range; /* --from/--to */
	bool ranged;
};

struct diff {
	const struct trace_diff_options *o;
	FILE *out, *err;
	struct side s[2];
	unsigned n_regs; /* A's */
	uint8_t *ignore_reg; /* A ids */
	bool ign_mem, ign_events, ign_exc, ign_sysreg, ign_maint;
	bool ign_syndrome, ign_far, ign_vector, ign_return, ign_removed;
	bool ign_encoding, ign_mode;
	bool cmp_mem, cmp_events;
	/* what one side's producer could not record (header absent mask) */
	bool no_sysreg_events, no_maint_events;
	uint8_t *dirty;
	uint32_t *dirty_list;
	unsigned n_dirty;
	uint64_t agreed;
	bool notes_done;
	bool failed; /* error, exit 2 */
	struct trace_masks masks;
	uint64_t *excused; /* A ids: bits excused until both sides agree */
	uint64_t n_diffs, n_masked;
	int64_t icount_off; /* B's icount minus A's, after a realignment */
	struct trace_bound from, to; /* resolved */
};

static struct rec *rec_get(struct side *s)
{
	if (s->pool_len)
		return s->pool[--s->pool_len];
	return calloc(1, sizeof(struct rec));
}

static void rec_put(struct side *s, struct rec *r)
{
	if (s->pool_len == s->pool_cap) {
		size_t cap = s->pool_cap ? s->pool_cap * 2 : 64;
		struct rec **p = realloc(s->pool, cap * sizeof(*p));
		if (!p) {
			rec_free(r);
			return;
		}
		s->pool = p;
		s->pool_cap = cap;
	}
	s->pool[s->pool_len++] = r;
}

static struct rec *q_at(const struct side *s, size_t i)
{
	return s->q[(s->q_head + i) % s->q_cap];
}

static void set_reg(struct diff *d, struct side *s, uint32_t sid, uint64_t v,
		    bool dirty);

/* A record before --from: its state, quietly (it is the start state). */
static void apply_quiet(struct diff *d, struct side *s,
			const struct trace_record *r)
{
	if (r->kind == TREC_SNAPSHOT)
		memset(s->known, 0, d->n_regs);
	for (unsigned i = 0; i < r->n_regs; i++)
		set_reg(d, s, r->regs[i].id, r->regs[i].value, false);
	for (unsigned i = 0; i < r->n_ev; i++)
		if (r->ev[i].type == TEV_SYSREG)
			set_reg(d, s, r->ev[i].u.sysreg.id, r->ev[i].u.sysreg.new_val,
				false);
	s->start_seen = true;
	s->prev_mode = r->mode;
}

/* --from/--to: whether fill queues the record; the ones before the range
 * make the start state, the end of the range is the end of the trace. */
static bool range_admit(struct diff *d, struct side *s,
			const struct trace_record *r)
{
	uint8_t st = s->range.state[s->core];
	if (r->kind == TREC_SNAPSHOT) {
		if (st == 0)
			apply_quiet(d, s, r);
		return st == 1;
	}
	if (trace_range_keep(&s->range, r))
		return true;
	if (s->range.state[s->core] == 2)
		s->eof = true;
	else
		apply_quiet(d, s, r);
	return false;
}

/* Make sure the queue holds at least n records (fewer at the end). */
static bool fill(struct diff *d, struct side *s, size_t n)
{
	while (s->q_len < n && !s->eof) {
		struct trace_record r;
		if (s->ranged && s->range.state[s->core] == 2) {
			s->eof = true;
			break;
		}
		int res = trace_reader_next(s->rd, &r);
		if (res < 0) {
			fprintf(d->err, "hypsim trace diff: %s\n", trace_reader_error(s->rd));
			d->failed = true;
			return false;
		}
		if (res == 0) {
			s->eof = true;
			break;
		}
		if (r.core != s->core)
			continue;
		if (s->ranged && !range_admit(d, s, &r))
			continue;
		if (s->q_len == s->q_cap) {
			size_t cap = s->q_cap ? s->q_cap * 2 : 64;
			struct rec **nq = malloc(cap * sizeof(*nq));
			if (!nq)
				goto oom;
			for (size_t i = 0; i < s->q_len; i++)
				nq[i] = q_at(s, i);
			free(s->q);
			s->q = nq;
			s->q_cap = cap;
			s->q_head = 0;
		}
		struct rec *c = rec_get(s);
		if (!c || !rec_copy(c, &r)) {
			rec_free(c);
			goto oom;
		}
		c->no = s->read_no++;
		s->q[(s->q_head + s->q_len) % s->q_cap] = c;
		s->q_len++;
	}
	return true;
oom:
	fprintf(d->err, "hypsim trace diff: out of memory\n");
	d->failed = true;
	return false;
}

static struct rec *q_pop(struct side *s)
{
	struct rec *r = s->q[s->q_head];
	s->q_head = (s->q_head + 1) % s->q_cap;
	s->q_len--;
	return r;
}

static void hist_push(struct side *s, struct rec *r)
{
	if (s->hist_cap == 0) {
		rec_put(s, r);
		return;
	}
	if (s->hist_len == s->hist_cap) {
		/* full: the oldest slot takes the newest record */
		rec_put(s, s->hist[s->hist_pos]);
		s->hist[s->hist_pos] = r;
		s->hist_pos = (s->hist_pos + 1) % s->hist_cap;
	} else {
		s->hist[(s->hist_pos + s->hist_len) % s->hist_cap] = r;
		s->hist_len++;
	}
}

static struct rec *hist_at(const struct side *s, unsigned i)
{
	return s->hist[(s->hist_pos + i) % s->hist_cap];
}

/* ---- state ---- */

static void mark_dirty(struct diff *d, uint32_t id)
{
	if (!d->dirty[id]) {
		d->dirty[id] = 1;
		d->dirty_list[d->n_dirty++] = id;
	}
}

static void clear_dirty(struct diff *d)
{
	for (unsigned i = 0; i < d->n_dirty; i++)
		d->dirty[d->dirty_list[i]] = 0;
	d->n_dirty = 0;
}

static void set_reg(struct diff *d, struct side *s, uint32_t sid, uint64_t v,
		    bool dirty)
{
	if (sid >= s->h->n_regs || s->map[sid] < 0)
		return;
	uint32_t id = (uint32_t)s->map[sid];
	if (dirty && (!s->known[id] || s->val[id] != v))
		mark_dirty(d, id);
	s->val[id] = v;
	s->known[id] = 1;
}

static void apply(struct diff *d, struct side *s, const struct trace_record *r)
{
	if (r->kind == TREC_SNAPSHOT) {
		/* A snapshot after the start (recording resumed) marks what
		 * changed meanwhile; registers it leaves out become unknown. */
		bool mid = s->start_seen;
		uint8_t *keep = calloc(d->n_regs + 1, 1);
		for (unsigned i = 0; i < r->n_regs; i++) {
			uint32_t sid = r->regs[i].id;
			set_reg(d, s, sid, r->regs[i].value, mid);
			if (keep && sid < s->h->n_regs && s->map[sid] >= 0)
				keep[s->map[sid]] = 1;
		}
		for (unsigned i = 0; keep && i < d->n_regs; i++)
			if (!keep[i])
				s->known[i] = 0;
		free(keep);
		s->start_seen = true;
		return;
	}
	for (unsigned i = 0; i < r->n_regs; i++)
		set_reg(d, s, r->regs[i].id, r->regs[i].value, true);
	s->prev_exc = (r->flags & TREC_F_NO_INSN) != 0;
	for (unsigned i = 0; i < r->n_ev; i++) {
		const struct trace_event *e = &r->ev[i];
		if (e->type == TEV_SYSREG)
			set_reg(d, s, e->u.sysreg.id, e->u.sysreg.new_val, true);
		if (e->type == TEV_EXCEPTION)
			s->prev_exc = true;
	}
	s->prev_mode = r->mode;
	s->have_prev = true;
	s->last_no_post = (r->flags & TREC_F_NO_POST) != 0;
	if (!(r->flags & TREC_F_NO_INSN))
		s->n_insn++;
}

/* Consume the front record of a side. */
static void consume(struct diff *d, struct side *s, bool extra)
{
	struct rec *r = q_pop(s);
	apply(d, s, &r->r);
	if (r->r.kind == TREC_SNAPSHOT) {
		rec_put(s, r);
		return;
	}
	if (extra)
		s->n_extra++;
	hist_push(s, r);
}

/* ---- comparison ---- */

enum div_kind {
	DIV_NONE,
	DIV_REG,     /* a register's value, after the previous pair */
	DIV_PC,      /* instruction streams part */
	DIV_ICOUNT,
	DIV_ENC,
	DIV_MODE,
	DIV_EVENT,
	DIV_MEM,
	DIV_END,     /* one side ends before the other */
	DIV_FINAL,   /* a register after the last pair */
};

struct divergence {
	enum div_kind kind;
	uint32_t reg; /* A id, for DIV_REG / DIV_FINAL */
	uint64_t va, vb;
	char what[256];
};

static bool same_insn(const struct diff *d, const struct trace_record *a,
		      const struct trace_record *b)
{
	if ((a->flags & TREC_F_NO_INSN) != (b->flags & TREC_F_NO_INSN))
		return false;
	if (a->pc != b->pc)
		return false;
	if (d->o->align == TRACE_ALIGN_ICOUNT &&
	    a->icount + (uint64_t)d->icount_off != b->icount)
		return false;
	if (!d->ign_encoding && a->enc_size && b->enc_size &&
	    (a->enc_size != b->enc_size || a->enc != b->enc))
		return false;
	return true;
}

static const struct trace_record *last_rec(const struct side *s)
{
	return s->hist_len ? &hist_at(s, s->hist_len - 1)->r : NULL;
}

/* The bits of a register's difference nothing excuses: bits excused
 * before stay so while they differ; masks excuse more (and count it). */
static uint64_t unexcused(struct diff *d, uint32_t id, uint64_t x,
			  const struct trace_record *ra,
			  const struct trace_record *rb)
{
	d->excused[id] &= x;
	x &= ~d->excused[id];
	if (!x || !d->masks.n)
		return x;
	struct trace_mask *by = NULL;
	uint64_t mb = trace_masks_reg(&d->masks, id, ra, rb, &by);
	if (mb & x) {
		if (!(x & ~mb)) {
			by->used++;
			d->n_masked++;
		}
		d->excused[id] |= x & mb;
		x &= ~mb;
	}
	return x;
}

/* Registers either side changed since the last pair, which both know. */
static bool compare_dirty(struct diff *d, struct divergence *dv)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	const struct trace_record *ra = last_rec(a), *rb = last_rec(b);
	/* lowest id first, so the report is stable */
	uint32_t best = UINT32_MAX;
	for (unsigned i = 0; i < d->n_dirty; i++) {
		uint32_t id = d->dirty_list[i];
		if (d->ignore_reg[id] || !a->known[id] || !b->known[id])
			continue;
		if (id == REG_PC)
			continue; /* compared as the next instruction's address */
		uint64_t x = unexcused(d, id, a->val[id] ^ b->val[id], ra, rb);
		if (x && id < best)
			best = id;
	}
	if (best == UINT32_MAX)
		return false;
	dv->reg = best;
	dv->va = a->val[best];
	dv->vb = b->val[best];
	return true;
}

static bool event_kept(const struct diff *d, const struct side *s,
		       const struct trace_event *e)
{
	switch (e->type) {
	case TEV_EXCEPTION:
		return !d->ign_exc;
	case TEV_SYSREG:
		if (d->ign_sysreg || d->no_sysreg_events)
			return false;
		if (e->u.sysreg.id < s->h->n_regs && s->map[e->u.sysreg.id] >= 0 &&
		    d->ignore_reg[s->map[e->u.sysreg.id]])
			return false;
		return true;
	case TEV_MAINT:
		return !d->ign_maint && !d->no_maint_events;
	}
	return true;
}

static const struct trace_event *nth_event(const struct diff *d,
					   const struct side *s,
					   const struct trace_record *r,
					   unsigned n)
{
	for (unsigned i = 0; i < r->n_ev; i++)
		if (event_kept(d, s, &r->ev[i]) && n-- == 0)
			return &r->ev[i];
	return NULL;
}

static bool exc_differs(struct diff *d, int field, unsigned kind, uint32_t pc,
			uint32_t x, uint32_t y)
{
	if (x == y)
		return false;
	struct trace_mask *by = NULL;
	uint64_t mb = trace_masks_exc(&d->masks, field, kind, pc, &by);
	if (((x ^ y) & ~mb) == 0) {
		by->used++;
		d->n_masked++;
		return false;
	}
	return true;
}

static bool sysreg_differs(struct diff *d, uint32_t id, uint64_t x, uint64_t y,
			   const struct trace_record *ra,
			   const struct trace_record *rb)
{
	if (x == y)
		return false;
	struct trace_mask *by = NULL;
	uint64_t mb = trace_masks_reg(&d->masks, id, ra, rb, &by);
	if (((x ^ y) & ~mb) == 0) {
		by->used++;
		d->n_masked++;
		d->excused[id] |= x ^ y;
		return false;
	}
	return true;
}

static bool events_differ(struct diff *d, const struct trace_record *ra,
			  const struct trace_record *rb, char *what, size_t len)
{
	const struct side *a = &d->s[0], *b = &d->s[1];
	for (unsigned n = 0;; n++) {
		const struct trace_event *x = nth_event(d, a, ra, n);
		const struct trace_event *y = nth_event(d, b, rb, n);
		if (!x && !y)
			return false;
		if (!x || !y) {
			snprintf(what, len, "event %u exists only in %s", n,
				 x ? "A" : "B");
			return true;
		}
		if (x->type != y->type) {
			snprintf(what, len, "event %u is of different kinds", n);
			return true;
		}
		switch (x->type) {
		case TEV_EXCEPTION: {
			const char *f = NULL;
			unsigned k = x->u.exc.kind;
			if (x->u.exc.kind != y->u.exc.kind)
				f = "kind";
			else if (x->u.exc.from_mode != y->u.exc.from_mode ||
				 x->u.exc.to_mode != y->u.exc.to_mode)
				f = "modes";
			else if (!d->ign_vector &&
				 exc_differs(d, MF_VECTOR, k, ra->pc, x->u.exc.vector,
					     y->u.exc.vector))
				f = "vector";
			else if (!d->ign_return &&
				 exc_differs(d, MF_RETURN, k, ra->pc,
					     x->u.exc.return_addr, y->u.exc.return_addr))
				f = "return address";
			else if (!d->ign_syndrome &&
				 exc_differs(d, MF_SYNDROME, k, ra->pc,
					     x->u.exc.syndrome, y->u.exc.syndrome))
				f = "syndrome";
			else if (!d->ign_far &&
				 exc_differs(d, MF_FAR, k, ra->pc, x->u.exc.fault_addr,
					     y->u.exc.fault_addr))
				f = "fault address";
			if (f) {
				snprintf(what, len, "exception %s: %s differs", 
					 trace_exception_name(x->u.exc.kind), f);
				return true;
			}
			break;
		}
		case TEV_SYSREG: {
			int32_t ia = x->u.sysreg.id < a->h->n_regs ? a->map[x->u.sysreg.id] : -1;
			int32_t ib = y->u.sysreg.id < b->h->n_regs ? b->map[y->u.sysreg.id] : -1;
			if (ia != ib || ia < 0) {
				snprintf(what, len, "system-register writes to %s and %s",
					 x->u.sysreg.id < a->h->n_regs ? a->h->regs[x->u.sysreg.id].name : "?",
					 y->u.sysreg.id < b->h->n_regs ? b->h->regs[y->u.sysreg.id].name : "?");
				return true;
			}
			if (sysreg_differs(d, (uint32_t)ia, x->u.sysreg.new_val,
					   y->u.sysreg.new_val, ra, rb)) {
				snprintf(what, len, "write to %s: A=%08" PRIx64 " B=%08" PRIx64,
					 a->h->regs[x->u.sysreg.id].name,
					 x->u.sysreg.new_val, y->u.sysreg.new_val);
				return true;
			}
			break;
		}
		case TEV_MAINT:
			if (strcmp(x->u.maint.op, y->u.maint.op) != 0 ||
			    x->u.maint.arg != y->u.maint.arg ||
			    (!d->ign_removed && x->u.maint.removed != y->u.maint.removed)) {
				snprintf(what, len, "maintenance %s (arg %08x, removed %u) vs "
						    "%s (arg %08x, removed %u)",
					 x->u.maint.op, x->u.maint.arg, x->u.maint.removed,
					 y->u.maint.op, y->u.maint.arg, y->u.maint.removed);
				return true;
			}
			break;
		}
	}
}

static bool mem_differs(const struct trace_record *a, const struct trace_record *b,
			char *what, size_t len)
{
	if (a->n_mem != b->n_mem) {
		snprintf(what, len, "%u memory accesses in A, %u in B", a->n_mem, b->n_mem);
		return true;
	}
	for (unsigned i = 0; i < a->n_mem; i++) {
		const struct trace_mem *x = &a->mem[i], *y = &b->mem[i];
		if (x->va != y->va || x->pa != y->pa || x->size != y->size ||
		    x->is_write != y->is_write || x->value != y->value) {
			snprintf(what, len, "memory access %u: A %c%u %08x=%" PRIx64
					    ", B %c%u %08x=%" PRIx64,
				 i, x->is_write ? 'W' : 'R', x->size, x->va, x->value,
				 y->is_write ? 'W' : 'R', y->size, y->va, y->value);
			return true;
		}
	}
	return false;
}

/* Compare a pair (the fronts of both queues). */
static bool compare_pair(struct diff *d, const struct trace_record *a,
			 const struct trace_record *b, struct divergence *dv)
{
	if (!d->ign_mode && a->mode != b->mode) {
		dv->kind = DIV_MODE;
		snprintf(dv->what, sizeof(dv->what), "mode: A %s, B %s",
			 regmap_mode_name(a->mode), regmap_mode_name(b->mode));
		return true;
	}
	if (d->cmp_events && events_differ(d, a, b, dv->what, sizeof(dv->what))) {
		dv->kind = DIV_EVENT;
		return true;
	}
	if (d->cmp_mem && mem_differs(a, b, dv->what, sizeof(dv->what))) {
		dv->kind = DIV_MEM;
		return true;
	}
	return false;
}

/* --align pc: whether the span side->q[0..k) can be skipped: it begins
 * where this side entered an exception the other did not take. */
static bool span_explicable(const struct side *s, size_t k)
{
	if (k == 0)
		return false;
	const struct trace_record *first = &q_at(s, 0)->r;
	if (first->flags & TREC_F_NO_INSN)
		return true;
	for (unsigned i = 0; i < first->n_ev; i++)
		if (first->ev[i].type == TEV_EXCEPTION)
			return true; /* the span's own first record takes it */
	if (s->prev_exc)
		return true;
	/* imported traces have no events: a mode change into an exception
	 * mode at the span's start is the entry */
	return s->have_prev && first->mode != s->prev_mode &&
	       first->mode != 0x10 /* usr */ && first->mode != 0x1f /* sys */;
}

/* Try to resynchronize; returns the side to skip (0/1) and its count, or
 * -1. */
static int resync(struct diff *d, size_t *count)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	uint64_t w = d->o->window ? d->o->window : 100000;
	for (size_t k = 1; k <= w; k++) {
		for (int side = 0; side < 2; side++) {
			struct side *x = &d->s[side];
			if (!fill(d, x, k + 1))
				return -1;
			if (x->q_len <= k)
				continue;
			const struct trace_record *rx = &q_at(x, k)->r;
			if (rx->kind != TREC_INSN)
				continue;
			if (same_insn(d, side ? &q_at(a, 0)->r : rx,
				      side ? rx : &q_at(b, 0)->r) &&
			    span_explicable(x, k)) {
				*count = k;
				return side;
			}
		}
		if (a->eof && b->eof && a->q_len <= k && b->q_len <= k)
			break;
	}
	return -1;
}

/* ---- report ---- */

static void print_rec(struct diff *d, const struct side *s, const struct rec *r,
		      bool mark)
{
	char line[2048];
	trace_format_record(s->h, &r->r, true, line, sizeof(line));
	fprintf(d->out, "  %c%s\n", mark ? '>' : ' ', line);
}

/* The context of one side around the divergent record: `at_hist` says it
 * is the last consumed one (a register that parted after it), else the
 * queue's front. */
static void print_context(struct diff *d, struct side *s, bool at_hist)
{
	unsigned n = d->o->context;
	fprintf(d->out, "%s (%s):\n", s->label, s->path);
	unsigned from = s->hist_len > n + (at_hist ? 1 : 0)
				? s->hist_len - n - (at_hist ? 1 : 0)
				: 0;
	for (unsigned i = from; i < s->hist_len; i++)
		print_rec(d, s, hist_at(s, i), at_hist && i == s->hist_len - 1);
	fill(d, s, n + 1);
	unsigned shown = 0;
	for (size_t i = 0; i < s->q_len && shown < n + (at_hist ? 0 : 1); i++) {
		struct rec *r = q_at(s, i);
		if (r->r.kind == TREC_SNAPSHOT)
			continue;
		print_rec(d, s, r, !at_hist && shown == 0);
		shown++;
	}
	if (s->q_len == 0 && s->eof)
		fprintf(d->out, "   (end of trace)\n");
}

static const struct rec *div_record(const struct side *s, bool at_hist)
{
	if (at_hist)
		return s->hist_len ? hist_at(s, s->hist_len - 1) : NULL;
	for (size_t i = 0; i < s->q_len; i++)
		if (q_at(s, i)->r.kind == TREC_INSN)
			return q_at(s, i);
	return NULL;
}

static void summary_side(struct diff *d, const struct side *s, bool at_hist)
{
	const struct rec *r = div_record(s, at_hist);
	if (!r) {
		fprintf(d->out, "  %s: (end of trace after %" PRIu64 " instructions)\n",
			s->label, s->n_insn);
		return;
	}
	char line[2048];
	trace_format_record(s->h, &r->r, true, line, sizeof(line));
	fprintf(d->out, "  %s:%s\n", s->label, line);
}

static void report(struct diff *d, const struct divergence *dv)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	bool at_hist = dv->kind == DIV_REG || dv->kind == DIV_FINAL;
	const char *rn = dv->reg < d->n_regs ? a->h->regs[dv->reg].name : "?";
	const char *which = d->n_diffs ? "difference" : "first difference";
	if (d->n_diffs)
		fprintf(d->out, "core %u: difference %" PRIu64 ", after %" PRIu64
				" instructions agreed\n",
			a->core, d->n_diffs + 1, d->agreed);
	else
		fprintf(d->out, "core %u: traces differ after %" PRIu64
				" instructions agreed\n", a->core, d->agreed);
	switch (dv->kind) {
	case DIV_REG:
	case DIV_FINAL:
		fprintf(d->out, "%s: %s = %08" PRIx64 " in A, %08" PRIx64
				" in B, after the marked instruction\n",
			which, rn, dv->va, dv->vb);
		break;
	default:
		fprintf(d->out, "%s: %s\n", which, dv->what);
		break;
	}
	print_context(d, a, at_hist);
	print_context(d, b, at_hist);
	fprintf(d->out, "summary: %" PRIu64 " instructions agreed", d->agreed);
	if (a->n_extra || b->n_extra)
		fprintf(d->out, " (%" PRIu64 " records only in A, %" PRIu64
				" only in B, skipped as exception handling)",
			a->n_extra, b->n_extra);
	fprintf(d->out, "\n");
	const struct rec *ra = div_record(a, at_hist);
	if (at_hist)
		fprintf(d->out, "  first register to part: %s in %s mode\n", rn,
			ra ? regmap_mode_name(ra->r.mode) : "?");
	else
		fprintf(d->out, "  first difference in: %s\n",
			dv->kind == DIV_PC ? "the instruction stream (PC)" :
			dv->kind == DIV_ICOUNT ? "the instruction count" :
			dv->kind == DIV_ENC ? "the instruction encoding" :
			dv->kind == DIV_MODE ? "the mode" :
			dv->kind == DIV_EVENT ? "the events" :
			dv->kind == DIV_MEM ? "the memory accesses" : "the length");
	summary_side(d, a, at_hist);
	summary_side(d, b, at_hist);
}

/* Start states: notes only (see the comment at the top). */
static void start_notes(struct diff *d)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	unsigned shown = 0, total = 0;
	for (uint32_t id = 0; id < d->n_regs; id++) {
		d->excused[id] = trace_masks_start(&d->masks, id);
		if (d->ignore_reg[id] || !a->known[id] || !b->known[id])
			continue;
		/* start masks excuse the bits that differ, until they agree */
		uint64_t x = a->val[id] ^ b->val[id];
		d->excused[id] &= x;
		if (!x)
			continue;
		if (!(x & ~d->excused[id])) {
			d->n_masked++;
			for (unsigned i = 0; i < d->masks.n; i++)
				if (d->masks.m[i].kind == MASK_START &&
				    d->masks.m[i].reg_id == (int)id) {
					d->masks.m[i].used++;
					break;
				}
			continue;
		}
		if (shown < 8) {
			fprintf(d->out, "note: core %u start state: %s = %08" PRIx64
					" in A, %08" PRIx64 " in B\n",
				a->core, a->h->regs[id].name, a->val[id], b->val[id]);
			shown++;
		}
		total++;
	}
	if (total > shown)
		fprintf(d->out, "note: core %u start state: %u more registers differ\n",
			a->core, total - shown);
}

/* ---- driver ---- */

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->q_len; i++)
		rec_free(q_at(s, i));
	free(s->q);
	for (unsigned i = 0; i < s->hist_len; i++)
		rec_free(hist_at(s, i));
	free(s->hist);
	for (size_t i = 0; i < s->pool_len; i++)
		rec_free(s->pool[i]);
	free(s->pool);
	free(s->map);
	free(s->val);
	free(s->known);
	trace_range_free(&s->range);
	trace_reader_close(s->rd);
	memset(s, 0, sizeof(*s));
}

static bool side_open(struct diff *d, struct side *s, const char *label,
		      const char *path, unsigned core, const struct trace_header *ha)
{
	char msg[512];
	s->label = label;
	s->path = path;
	s->core = core;
	s->rd = trace_reader_open(path, msg, sizeof(msg));
	if (!s->rd) {
		fprintf(d->err, "hypsim trace diff: %s\n", msg);
		return false;
	}
	s->h = trace_reader_header(s->rd);
	if (!ha)
		ha = s->h;
	s->map = malloc((s->h->n_regs + 1) * sizeof(*s->map));
	s->val = calloc(ha->n_regs + 1, sizeof(*s->val));
	s->known = calloc(ha->n_regs + 1, 1);
	s->hist_cap = d->o->context + 1;
	s->hist = calloc(s->hist_cap, sizeof(*s->hist));
	if (!s->map || !s->val || !s->known || !s->hist) {
		fprintf(d->err, "hypsim trace diff: out of memory\n");
		return false;
	}
	for (unsigned i = 0; i < s->h->n_regs; i++)
		s->map[i] = ha == s->h ? (int32_t)i
				       : trace_header_find_reg(ha, s->h->regs[i].name);
	return true;
}

static bool parse_ignore(struct diff *d, const struct trace_header *ha,
			 const struct trace_header *hb)
{
	if (!d->o->ignore)
		return true;
	char *list = strdup(d->o->ignore), *save = NULL;
	if (!list)
		return false;
	bool ok = true;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		static const struct {
			const char *name;
			size_t off;
		} fields[] = {
			{ "mem", offsetof(struct diff, ign_mem) },
			{ "memory", offsetof(struct diff, ign_mem) },
			{ "events", offsetof(struct diff, ign_events) },
			{ "exception", offsetof(struct diff, ign_exc) },
			{ "exceptions", offsetof(struct diff, ign_exc) },
			{ "sysreg", offsetof(struct diff, ign_sysreg) },
			{ "sysregs", offsetof(struct diff, ign_sysreg) },
			{ "maint", offsetof(struct diff, ign_maint) },
			{ "maintenance", offsetof(struct diff, ign_maint) },
			{ "syndrome", offsetof(struct diff, ign_syndrome) },
			{ "far", offsetof(struct diff, ign_far) },
			{ "fault_addr", offsetof(struct diff, ign_far) },
			{ "vector", offsetof(struct diff, ign_vector) },
			{ "return", offsetof(struct diff, ign_return) },
			{ "removed", offsetof(struct diff, ign_removed) },
			{ "encoding", offsetof(struct diff, ign_encoding) },
			{ "mode", offsetof(struct diff, ign_mode) },
		};
		bool found = false;
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			if (strcasecmp(t, fields[i].name) == 0) {
				*(bool *)((char *)d + fields[i].off) = true;
				found = true;
			}
		}
		int id = trace_header_find_reg(ha, t);
		if (id >= 0) {
			d->ignore_reg[id] = 1;
			found = true;
		} else if (trace_header_find_reg(hb, t) >= 0) {
			found = true; /* only B has it: never compared anyway */
		}
		if (!found) {
			fprintf(d->err, "hypsim trace diff: --ignore: '%s' is neither a "
					"register of the traces nor a field (mem, events, "
					"exception, sysreg, maint, syndrome, far, vector, "
					"return, removed, encoding, mode)\n", t);
			ok = false;
		}
	}
	free(list);
	return ok;
}

/* After a reported difference: whether to stop (--max-diffs reached). */
static bool count_diff(struct diff *d, const struct divergence *dv)
{
	report(d, dv);
	d->n_diffs++;
	return d->n_diffs >= (d->o->max_diffs ? d->o->max_diffs : 1);
}

/* Everything on which the sides now differ is excused until it agrees:
 * consequences of a difference already reported. */
static void excuse_all(struct diff *d)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	for (uint32_t id = 0; id < d->n_regs; id++)
		if (a->known[id] && b->known[id])
			d->excused[id] |= a->val[id] ^ b->val[id];
	clear_dirty(d);
}

static bool plain_insn(const struct side *s, size_t i)
{
	const struct trace_record *r = &q_at(s, i)->r;
	return r->kind == TREC_INSN && !(r->flags & TREC_F_NO_INSN);
}

/* The PCs of the next two instructions after position i agree too. */
static bool confirmed(const struct side *a, size_t i, const struct side *b,
		      size_t j)
{
	for (unsigned n = 0; n < 2; n++) {
		do
			i++;
		while (i < a->q_len && !plain_insn(a, i));
		do
			j++;
		while (j < b->q_len && !plain_insn(b, j));
		if (i >= a->q_len || j >= b->q_len)
			return i >= a->q_len && j >= b->q_len;
		if (q_at(a, i)->r.pc != q_at(b, j)->r.pc)
			return false;
	}
	return true;
}

/* Where the instruction streams parted: find the nearest pair (i, j),
 * smallest i + j first, of records with the same PC, skip what comes
 * before it on each side and compare instruction counts with the offset
 * found. false when there is none within the window. */
static bool realign(struct diff *d)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	size_t w = d->o->window < REALIGN_WINDOW ? d->o->window : REALIGN_WINDOW;
	if (!fill(d, a, w + 8) || !fill(d, b, w + 8))
		return false;
	for (size_t k = 1; k <= 2 * w; k++) {
		size_t i0 = k > w ? k - w : 0;
		for (size_t i = i0; i <= k && i <= w; i++) {
			size_t j = k - i;
			if (i >= a->q_len || j >= b->q_len || !plain_insn(a, i) ||
			    !plain_insn(b, j))
				continue;
			const struct trace_record *ra = &q_at(a, i)->r;
			const struct trace_record *rb = &q_at(b, j)->r;
			if (ra->pc != rb->pc || !confirmed(a, i, b, j))
				continue;
			d->icount_off = (int64_t)(rb->icount - ra->icount);
			fprintf(d->out, "realigned at %08x: A icount %" PRIu64 ", B icount %"
					PRIu64 " (%zu records skipped in A, %zu in B)\n",
				ra->pc, ra->icount, rb->icount, i, j);
			while (i--)
				consume(d, a, true);
			while (j--)
				consume(d, b, true);
			excuse_all(d);
			return true;
		}
	}
	fprintf(d->out, "cannot realign within %zu records: stopping\n", w);
	return false;
}

/* Compare one core. Returns 0 equal, 1 different, 2 error. */
static int diff_core(struct diff *d)
{
	struct side *a = &d->s[0], *b = &d->s[1];
	struct divergence dv;
	for (;;) {
		memset(&dv, 0, sizeof(dv));
		if (!fill(d, a, 1) || !fill(d, b, 1))
			return 2;
		/* snapshots first */
		if (a->q_len && q_at(a, 0)->r.kind == TREC_SNAPSHOT) {
			consume(d, a, false);
			continue;
		}
		if (b->q_len && q_at(b, 0)->r.kind == TREC_SNAPSHOT) {
			consume(d, b, false);
			continue;
		}
		if (!d->notes_done && a->start_seen && b->start_seen) {
			start_notes(d);
			d->notes_done = true;
			clear_dirty(d);
		}
		if (!a->q_len && !b->q_len) {
			/* after the last pair */
			if (!a->last_no_post && !b->last_no_post && compare_dirty(d, &dv)) {
				dv.kind = DIV_FINAL;
				count_diff(d, &dv);
				return 1;
			}
			return d->n_diffs ? 1 : 0;
		}
		if (!a->q_len || !b->q_len) {
			struct side *more = a->q_len ? a : b;
			dv.kind = DIV_END;
			snprintf(dv.what, sizeof(dv.what), "%s ends; %s goes on",
				 more == a ? "B" : "A", more->label);
			count_diff(d, &dv);
			return 1;
		}
		const struct trace_record *ra = &q_at(a, 0)->r, *rb = &q_at(b, 0)->r;
		bool na = ra->flags & TREC_F_NO_INSN, nb = rb->flags & TREC_F_NO_INSN;
		if (na != nb) {
			/* an exception entry recorded on its own on one side */
			consume(d, na ? a : b, true);
			continue;
		}
		if (!same_insn(d, ra, rb)) {
			size_t k;
			int side = d->o->align == TRACE_ALIGN_PC ? resync(d, &k) : -1;
			if (d->failed)
				return 2;
			if (side >= 0) {
				while (k--)
					consume(d, &d->s[side], true);
				continue;
			}
			if (ra->pc != rb->pc) {
				dv.kind = DIV_PC;
				snprintf(dv.what, sizeof(dv.what),
					 "instruction streams part: A at %08x, B at %08x",
					 ra->pc, rb->pc);
			} else if (ra->icount + (uint64_t)d->icount_off != rb->icount &&
				   d->o->align == TRACE_ALIGN_ICOUNT) {
				dv.kind = DIV_ICOUNT;
				snprintf(dv.what, sizeof(dv.what),
					 "instruction count: A %" PRIu64 ", B %" PRIu64
					 " at %08x", ra->icount, rb->icount, ra->pc);
			} else {
				dv.kind = DIV_ENC;
				snprintf(dv.what, sizeof(dv.what),
					 "encoding at %08x: A %08x, B %08x", ra->pc,
					 ra->enc, rb->enc);
			}
			if (count_diff(d, &dv))
				return 1;
			if (dv.kind == DIV_ICOUNT) {
				/* same place, counted differently: go on with
				 * the counts' offset */
				d->icount_off = (int64_t)(rb->icount - ra->icount);
				continue;
			}
			if (!realign(d))
				return d->failed ? 2 : 1;
			continue;
		}
		if (compare_dirty(d, &dv)) {
			dv.kind = DIV_REG;
			if (count_diff(d, &dv))
				return 1;
			excuse_all(d);
			continue;
		}
		clear_dirty(d);
		if (compare_pair(d, ra, rb, &dv)) {
			if (count_diff(d, &dv))
				return 1;
			consume(d, a, false);
			consume(d, b, false);
			excuse_all(d);
			continue;
		}
		/* an encoding one side does not know is the other's (the
		 * same instruction at the same PC) */
		if (!q_at(a, 0)->r.enc_size && rb->enc_size) {
			q_at(a, 0)->r.enc = rb->enc;
			q_at(a, 0)->r.enc_size = rb->enc_size;
		} else if (!q_at(b, 0)->r.enc_size && ra->enc_size) {
			q_at(b, 0)->r.enc = ra->enc;
			q_at(b, 0)->r.enc_size = ra->enc_size;
		}
		consume(d, a, false);
		consume(d, b, false);
		if (!na)
			d->agreed++;
	}
}

static bool side_range(struct diff *d, struct side *s)
{
	s->ranged = d->from.kind != TB_NONE || d->to.kind != TB_NONE;
	if (!s->ranged)
		return true;
	if (!trace_range_init(&s->range, &d->from, &d->to, s->h->n_cores)) {
		fprintf(d->err, "hypsim trace diff: out of memory\n");
		return false;
	}
	return true;
}

int trace_diff(const char *path_a, const char *path_b,
	       const struct trace_diff_options *o, FILE *out, FILE *err)
{
	struct diff d = { .o = o, .out = out, .err = err };
	int rc = 2;
	if (!side_open(&d, &d.s[0], "A", path_a, 0, NULL))
		goto out;
	if (!side_open(&d, &d.s[1], "B", path_b, 0, d.s[0].h))
		goto out;
	const struct trace_header *ha = d.s[0].h, *hb = d.s[1].h;
	d.n_regs = ha->n_regs;
	d.ignore_reg = calloc(d.n_regs + 1, 1);
	d.dirty = calloc(d.n_regs + 1, 1);
	d.dirty_list = calloc(d.n_regs + 1, sizeof(*d.dirty_list));
	d.excused = calloc(d.n_regs + 1, sizeof(*d.excused));
	if (!d.ignore_reg || !d.dirty || !d.dirty_list || !d.excused) {
		fprintf(err, "hypsim trace diff: out of memory\n");
		goto out;
	}
	if (!parse_ignore(&d, ha, hb))
		goto out;
	char msg[512];
	for (unsigned i = 0; i < o->n_masks; i++) {
		if (!trace_masks_load(&d.masks, o->masks[i], msg, sizeof(msg))) {
			fprintf(err, "hypsim trace diff: --mask %s\n", msg);
			goto out;
		}
	}
	if (!trace_masks_resolve(&d.masks, ha, hb, msg, sizeof(msg))) {
		fprintf(err, "hypsim trace diff: --mask %s\n", msg);
		goto out;
	}
	/* --from/--to symbols: A's, else B's (the same image) */
	d.from = o->from;
	d.to = o->to;
	struct trace_bound *bs[2] = { &d.from, &d.to };
	for (int i = 0; i < 2; i++) {
		if (!trace_bound_resolve(bs[i], ha, msg, sizeof(msg)) &&
		    !trace_bound_resolve(bs[i], hb, msg, sizeof(msg))) {
			fprintf(err, "hypsim trace diff: %s\n", msg);
			goto out;
		}
	}
	if (!side_range(&d, &d.s[0]) || !side_range(&d, &d.s[1]))
		goto out;
	d.cmp_events = !d.ign_events &&
		       !((ha->absent | hb->absent) & TRACE_ABSENT_EVENTS);
	d.cmp_mem = !d.ign_mem && !((ha->absent | hb->absent) & TRACE_ABSENT_MEM);
	uint32_t absent = ha->absent | hb->absent;
	d.no_sysreg_events = absent & TRACE_ABSENT_SYSREGS;
	d.no_maint_events = absent & TRACE_ABSENT_MAINT;
	if (absent & TRACE_ABSENT_EXC_DETAIL)
		d.ign_return = d.ign_far = true;
	unsigned n_cores = ha->n_cores > hb->n_cores ? ha->n_cores : hb->n_cores;
	if (ha->n_cores != hb->n_cores)
		fprintf(out, "note: A has %u cores, B %u\n", ha->n_cores, hb->n_cores);
	uint64_t total = 0;
	uint64_t max = o->max_diffs ? o->max_diffs : 1;
	int worst = 0;
	rc = 0;
	for (unsigned core = 0; core < n_cores && d.n_diffs < max; core++) {
		if (core > 0) {
			/* each core is a fresh pass over both files */
			side_free(&d.s[0]);
			side_free(&d.s[1]);
			if (!side_open(&d, &d.s[0], "A", path_a, core, NULL) ||
			    !side_open(&d, &d.s[1], "B", path_b, core, d.s[0].h) ||
			    !side_range(&d, &d.s[0]) || !side_range(&d, &d.s[1])) {
				rc = 2;
				break;
			}
		}
		d.agreed = 0;
		d.icount_off = 0;
		memset(d.excused, 0, (d.n_regs + 1) * sizeof(*d.excused));
		d.notes_done = false;
		clear_dirty(&d);
		rc = diff_core(&d);
		total += d.agreed;
		if (rc == 2)
			break;
		if (rc == 1)
			worst = 1;
		if (rc == 0 && (d.s[0].n_extra || d.s[1].n_extra))
			fprintf(out, "note: core %u: %" PRIu64 " records only in A, %" PRIu64
				     " only in B, skipped as exception handling\n",
				core, d.s[0].n_extra, d.s[1].n_extra);
	}
	if (rc != 2) {
		rc = worst;
		trace_masks_report(&d.masks, out);
	}
	if (rc == 0)
		fprintf(out, "equal: %" PRIu64 " instructions agreed on %u core%s\n",
			total, n_cores, n_cores == 1 ? "" : "s");
out:
	trace_masks_free(&d.masks);
	free(d.excused);
	side_free(&d.s[0]);
	side_free(&d.s[1]);
	free(d.ignore_reg);
	free(d.dirty);
	free(d.dirty_list);
	return rc;
}
