/* Trace format, writing side: header serialization, the register table of
 * this build, and the record encoder (format.h describes the bytes). The
 * decoder in reader.c mirrors every state change made here. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cp15/sysreg.h"
#include "cpu/regmap.h"
#include "trace/format.h"

/* ---- header ---- */

void trace_header_free(struct trace_header *h)
{
	if (!h)
		return;
	free(h->producer);
	free(h->board);
	free(h->options);
	for (unsigned i = 0; i < h->n_cores; i++)
		free(h->core_models ? h->core_models[i] : NULL);
	free(h->core_models);
	for (unsigned i = 0; i < h->n_images; i++)
		free(h->images[i].path);
	free(h->images);
	for (unsigned i = 0; i < h->n_regs; i++)
		free(h->regs[i].name);
	free(h->regs);
	for (size_t i = 0; i < h->n_syms; i++)
		free((char *)h->syms[i].name);
	free(h->syms);
	memset(h, 0, sizeof(*h));
}

bool trace_header_fill_regs(struct trace_header *h)
{
	size_t n_sys = sysreg_count();
	/* core registers, system registers, then the floating-point ones
	 * (after the system registers so that the ids of everything a
	 * trace had before VFP stay the same) */
	unsigned n = REGMAP_COUNT + (unsigned)n_sys + REGMAP_FP_COUNT;
	h->regs = calloc(n, sizeof(*h->regs));
	if (!h->regs)
		return false;
	h->n_regs = n;
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		const struct regmap_entry *e = regmap_get(id);
		struct trace_reg_desc *d = &h->regs[id];
		d->name = strdup(e->name);
		d->group = e->group;
		d->width = 32;
		d->alias_view = e->alias_modes ? e->alias_view : 0xff;
		d->alias_modes = e->alias_modes;
		d->gdb_regnum = e->gdb_regnum;
		if (!d->name)
			return false;
	}
	for (size_t i = 0; i < n_sys; i++) {
		const struct sysreg *r = sysreg_by_id((unsigned)i);
		struct trace_reg_desc *d = &h->regs[REGMAP_COUNT + i];
		d->name = strdup(r && r->name ? r->name : "?");
		d->group = REGMAP_GROUP_SYSREG;
		d->width = r && r->width == 64 ? 64 : 32;
		d->alias_view = 0xff;
		/* The gdb stub numbers system registers itself. */
		d->gdb_regnum = UINT32_MAX;
		if (!d->name)
			return false;
	}
	for (unsigned i = 0; i < REGMAP_FP_COUNT; i++) {
		const struct regmap_fp_entry *e = regmap_fp_get(i);
		struct trace_reg_desc *d = &h->regs[REGMAP_COUNT + n_sys + i];
		d->name = strdup(e->name);
		d->group = REGMAP_GROUP_FP;
		d->width = e->width;
		d->alias_view = 0xff;
		d->gdb_regnum = e->gdb_regnum;
		if (!d->name)
			return false;
	}
	return true;
}

int trace_header_find_reg(const struct trace_header *h, const char *name)
{
	for (unsigned i = 0; i < h->n_regs; i++)
		if (strcasecmp(h->regs[i].name, name) == 0)
			return (int)i;
	static const char *const alias[3][2] = {
		{ "R13", "SP" }, { "R14", "LR" }, { "R15", "PC" } };
	for (unsigned i = 0; i < 3; i++)
		if (strcasecmp(name, alias[i][0]) == 0)
			return trace_header_find_reg(h, alias[i][1]);
	return -1;
}

const struct trace_symbol *trace_header_symbol(const struct trace_header *h,
					       uint64_t addr)
{
	/* Last symbol with syms[i].addr <= addr. */
	size_t lo = 0, hi = h->n_syms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	/* A sized symbol must cover addr; a symbol without a size (assembly
	 * labels) covers everything up to the next one. Nested sized symbols
	 * are looked for a few entries back. */
	for (size_t i = lo, seen = 0; i-- > 0 && seen < 16; seen++) {
		const struct trace_symbol *s = &h->syms[i];
		if (s->size == 0)
			return i == lo - 1 ? s : NULL;
		if (addr - s->addr < s->size)
			return s;
	}
	return NULL;
}

struct bytes {
	uint8_t *p;
	size_t len, cap;
	bool oom;
};

static void b_need(struct bytes *b, size_t n)
{
	if (b->oom || b->len + n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return;
	}
	b->p = p;
	b->cap = cap;
}

static void b_varint(struct bytes *b, uint64_t v)
{
	b_need(b, 10);
	if (!b->oom)
		b->len += trace_put_varint(b->p + b->len, v);
}

static void b_raw(struct bytes *b, const void *p, size_t n)
{
	b_need(b, n);
	if (!b->oom) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
	}
}

static void b_str(struct bytes *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	b_varint(b, n);
	b_raw(b, s, n);
}

static void b_u8(struct bytes *b, unsigned v)
{
	uint8_t c = (uint8_t)v;
	b_raw(b, &c, 1);
}

uint8_t *trace_header_serialize(const struct trace_header *h, size_t *len)
{
	struct bytes b = { 0 };
	b_varint(&b, h->flags);
	b_varint(&b, h->absent);
	b_str(&b, h->producer);
	b_str(&b, h->board);
	b_str(&b, h->options);
	b_varint(&b, h->n_cores);
	for (unsigned i = 0; i < h->n_cores; i++)
		b_str(&b, h->core_models[i]);
	b_varint(&b, h->n_images);
	for (unsigned i = 0; i < h->n_images; i++) {
		b_str(&b, h->images[i].path);
		b_u8(&b, h->images[i].hash_kind);
		if (h->images[i].hash_kind == TRACE_HASH_SHA256)
			b_raw(&b, h->images[i].hash, 32);
	}
	b_varint(&b, h->n_regs);
	for (unsigned i = 0; i < h->n_regs; i++) {
		const struct trace_reg_desc *d = &h->regs[i];
		b_str(&b, d->name);
		b_u8(&b, d->group);
		b_u8(&b, d->width);
		b_u8(&b, d->alias_view);
		b_varint(&b, d->alias_modes);
		b_varint(&b, d->gdb_regnum);
	}
	b_varint(&b, h->n_syms);
	for (size_t i = 0; i < h->n_syms; i++) {
		b_str(&b, h->syms[i].name);
		b_varint(&b, h->syms[i].addr);
		b_varint(&b, h->syms[i].size);
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* ---- codec state ---- */

bool trace_codec_init(struct trace_codec *c, const struct trace_header *h)
{
	memset(c, 0, sizeof(*c));
	c->n_cores = h->n_cores;
	c->n_regs = h->n_regs;
	c->width_buf = malloc(h->n_regs ? h->n_regs : 1);
	c->cores = calloc(h->n_cores ? h->n_cores : 1, sizeof(*c->cores));
	if (!c->width_buf || !c->cores)
		goto fail;
	for (unsigned i = 0; i < h->n_regs; i++)
		c->width_buf[i] = h->regs[i].width == 64 ? 64 : 32;
	c->widths = c->width_buf;
	for (unsigned i = 0; i < h->n_cores; i++) {
		struct trace_core_state *cs = &c->cores[i];
		cs->values = calloc(h->n_regs ? h->n_regs : 1, sizeof(uint64_t));
		cs->known = calloc(h->n_regs ? h->n_regs : 1, 1);
		cs->cache = calloc(TRACE_ENC_CACHE_SIZE, sizeof(*cs->cache));
		if (!cs->values || !cs->known || !cs->cache)
			goto fail;
	}
	return true;
fail:
	trace_codec_free(c);
	return false;
}

void trace_codec_free(struct trace_codec *c)
{
	if (c->cores) {
		for (unsigned i = 0; i < c->n_cores; i++) {
			free(c->cores[i].values);
			free(c->cores[i].known);
			free(c->cores[i].cache);
		}
	}
	free(c->cores);
	free(c->width_buf);
	for (unsigned i = 0; i < c->n_strings; i++)
		free(c->strings[i].owned);
	free(c->strings);
	memset(c, 0, sizeof(*c));
}

/* ---- encoder ---- */

#define MAX_STRING 256 /* longer op names are cut (they are short literals) */

size_t trace_encode_bound(const struct trace_record *r)
{
	size_t n = TRACE_PLANNED_BOUND(r->n_regs) +
		   (size_t)r->n_mem * TRACE_MEM_BOUND + (size_t)r->n_ev * 48;
	if (!r->n_ev)
		return n;
	for (unsigned i = 0; i < r->n_ev; i++)
		if (r->ev[i].type == TEV_MAINT)
			n += MAX_STRING + 24;
	return n;
}

/* The string id of s, or -1 if s is new (then *fresh gets its new id and
 * the caller emits the definition). */
static int intern(struct trace_codec *c, const char *s, unsigned *fresh)
{
	/* Stored strings are cut at MAX_STRING: a longer name matches the
	 * copy of its first MAX_STRING characters (comparing whole strings
	 * would define it again at every use). */
	for (unsigned i = 0; i < c->n_strings; i++)
		if (c->strings[i].s == s ||
		    strncmp(c->strings[i].s, s, MAX_STRING) == 0)
			return (int)i;
	if (c->n_strings == c->cap_strings) {
		unsigned cap = c->cap_strings ? c->cap_strings * 2 : 16;
		struct trace_string *ns = realloc(c->strings, cap * sizeof(*ns));
		if (!ns)
			return -2;
		c->strings = ns;
		c->cap_strings = cap;
	}
	/* Keep our own copy: the caller's string may not outlive the run. */
	char *copy = strndup(s, MAX_STRING);
	if (!copy)
		return -2;
	c->strings[c->n_strings].s = copy;
	c->strings[c->n_strings].owned = copy;
	*fresh = c->n_strings++;
	return -1;
}

static size_t encode_snapshot(struct trace_codec *c,
			      const struct trace_record *r, uint8_t *out)
{
	struct trace_core_state *cs = &c->cores[r->core];
	size_t p = 0;
	out[p++] = TENC_SNAPSHOT;
	p += trace_put_varint(out + p, r->core);
	p += trace_put_varint(out + p, r->icount);
	out[p++] = r->mode;
	p += trace_put_varint(out + p, r->n_regs);
	memset(cs->known, 0, c->n_regs);
	uint32_t prev = 0;
	for (unsigned i = 0; i < r->n_regs; i++) {
		uint32_t id = r->regs[i].id;
		p += trace_put_varint(out + p, i ? id - prev - 1 : id);
		p += trace_put_varint(out + p, r->regs[i].value);
		prev = id;
		cs->values[id] = r->regs[i].value;
		cs->known[id] = 1;
		if (id == 15)
			cs->next_pc = (uint32_t)r->regs[i].value;
	}
	cs->mode = r->mode;
	cs->next_icount = r->icount;
	cs->prev_valid = false;
	c->cur_core = r->core;
	return p;
}

size_t trace_encode_record(struct trace_codec *c, const struct trace_record *r,
			   uint8_t *out)
{
	if (r->kind == TREC_SNAPSHOT)
		return encode_snapshot(c, r, out);

	struct trace_core_state *cs = &c->cores[r->core];
	size_t p = 0;
	/* String definitions go before the record that first uses them. */
	for (unsigned i = 0; i < r->n_ev; i++) {
		if (r->ev[i].type != TEV_MAINT)
			continue;
		unsigned fresh;
		const char *op = r->ev[i].u.maint.op ? r->ev[i].u.maint.op : "?";
		int id = intern(c, op, &fresh);
		if (id == -1) {
			const char *s = c->strings[fresh].s;
			size_t n = strlen(s);
			out[p++] = TENC_STRING;
			p += trace_put_varint(out + p, fresh);
			p += trace_put_varint(out + p, n);
			memcpy(out + p, s, n);
			p += n;
			id = (int)fresh;
		}
	}

	size_t hp = p++;
	uint8_t hdr = 0;
	if (r->core != c->cur_core) {
		hdr |= TENC_CORE;
		p += trace_put_varint(out + p, r->core);
		c->cur_core = r->core;
	}
	uint8_t xf = r->flags & (TREC_F_NO_INSN | TREC_F_NO_POST);
	if (xf) {
		hdr |= TENC_XFLAGS;
		out[p++] = xf;
	}
	if (r->icount == cs->next_icount && r->pc == cs->next_pc) {
		hdr |= TENC_SEQ;
	} else {
		p += trace_put_varint(out + p,
				      trace_zigzag((int64_t)(r->icount - cs->next_icount)));
		p += trace_put_varint(out + p,
				      trace_zigzag((int32_t)(r->pc - cs->next_pc)));
	}
	if (r->mode != cs->mode) {
		hdr |= TENC_MODE;
		out[p++] = r->mode;
	}

	bool thumb = (r->flags & TREC_F_THUMB) != 0;
	unsigned code = r->enc_size == 2 ? 1 : r->enc_size == 4 ? (thumb ? 3 : 2) : 0;
	struct trace_enc_cache_entry *ce =
		&cs->cache[(r->pc >> 1) & (TRACE_ENC_CACHE_SIZE - 1)];
	if (code && ce->code == code && ce->pc == r->pc && ce->enc == r->enc) {
		hdr |= TENC_CACHED;
	} else {
		out[p++] = (uint8_t)(code | (thumb ? 4u : 0u));
		if (code == 1) {
			out[p++] = (uint8_t)r->enc;
			out[p++] = (uint8_t)(r->enc >> 8);
		} else if (code) {
			trace_put_u32(out + p, r->enc);
			p += 4;
		}
		if (code) {
			ce->pc = r->pc;
			ce->enc = r->enc;
			ce->code = (uint8_t)code;
			ce->has_succ = 0;
		}
	}

	p += trace_put_varint(out + p, r->n_regs);
	uint32_t prev = 0;
	for (unsigned i = 0; i < r->n_regs; i++) {
		uint32_t id = r->regs[i].id;
		unsigned w = c->widths[id];
		p += trace_put_varint(out + p, i ? id - prev - 1 : id);
		p += trace_put_varint(out + p,
				      trace_zigzag(trace_reg_delta(r->regs[i].value,
								   cs->values[id], w)));
		cs->values[id] = r->regs[i].value;
		prev = id;
	}

	if (r->n_mem) {
		hdr |= TENC_MEM;
		p = (size_t)(trace_encode_mems(cs, r->mem, r->n_mem, out + p) -
			     out);
	}

	if (r->n_ev) {
		hdr |= TENC_EVENTS;
		p += trace_put_varint(out + p, r->n_ev);
		for (unsigned i = 0; i < r->n_ev; i++) {
			const struct trace_event *e = &r->ev[i];
			out[p++] = e->type;
			switch (e->type) {
			case TEV_EXCEPTION:
				p += trace_put_varint(out + p, e->u.exc.kind);
				p += trace_put_varint(out + p, e->u.exc.from_mode);
				p += trace_put_varint(out + p, e->u.exc.to_mode);
				p += trace_put_varint(out + p, e->u.exc.return_addr);
				p += trace_put_varint(out + p, e->u.exc.vector);
				p += trace_put_varint(out + p, e->u.exc.syndrome);
				p += trace_put_varint(out + p, e->u.exc.fault_addr);
				break;
			case TEV_SYSREG:
				p += trace_put_varint(out + p, e->u.sysreg.id);
				p += trace_put_varint(out + p, e->u.sysreg.old_val);
				p += trace_put_varint(out + p, e->u.sysreg.new_val);
				if (e->u.sysreg.id < c->n_regs) {
					cs->values[e->u.sysreg.id] = e->u.sysreg.new_val;
					cs->known[e->u.sysreg.id] = 1;
				}
				break;
			case TEV_MAINT: {
				/* defined by the pass above; 0 if memory ran out */
				unsigned fresh;
				int sid = intern(c, e->u.maint.op ? e->u.maint.op : "?",
						 &fresh);
				p += trace_put_varint(out + p, sid >= 0 ? (unsigned)sid : 0);
				p += trace_put_varint(out + p, e->u.maint.arg);
				p += trace_put_varint(out + p, e->u.maint.removed);
				break;
			}
			}
		}
	}

	out[hp] = hdr;
	cs->mode = r->mode;
	trace_codec_after_insn(cs, r);
	return p;
}

void trace_codec_after_insn(struct trace_core_state *cs,
			    const struct trace_record *r)
{
	if (r->flags & TREC_F_NO_INSN) {
		/* an exception entry: the next record is the vector's */
		cs->next_icount = r->icount;
		cs->next_pc = r->pc;
		cs->prev_valid = false;
		return;
	}
	cs->next_icount = r->icount + 1;
	if (cs->prev_valid) {
		struct trace_enc_cache_entry *pe =
			&cs->cache[(cs->prev_pc >> 1) & (TRACE_ENC_CACHE_SIZE - 1)];
		if (pe->code && pe->pc == cs->prev_pc) {
			pe->succ = r->pc;
			pe->has_succ = 1;
		}
	}
	struct trace_enc_cache_entry *ce =
		&cs->cache[(r->pc >> 1) & (TRACE_ENC_CACHE_SIZE - 1)];
	bool thumb = (r->flags & TREC_F_THUMB) != 0;
	unsigned step = r->enc_size ? r->enc_size : (thumb ? 2 : 4);
	if (ce->code && ce->pc == r->pc && ce->has_succ)
		cs->next_pc = ce->succ;
	else
		cs->next_pc = r->pc + step;
	cs->prev_pc = r->pc;
	cs->prev_ce = ce;
	cs->prev_valid = true;
}

/* ---- planned records (format.h) ----
 *
 * trace_encode_record and trace_codec_after_insn for the one kind of
 * record a planned instruction gives, with what depends only on the
 * instruction (size code, encoding bytes, cache slot) taken from the plan
 * and everything that depends on the codec's state (core, sequence,
 * mode, encoding cache, successor, register values) decided here exactly
 * as they decide it: the two must write the same bytes and leave the
 * same state, which tests/unit/test_trace_plan.c checks record by record
 * and the engine comparisons check file by file. */

void trace_plan_insn(struct trace_planned_insn *pi, uint32_t pc, uint32_t enc,
		     unsigned size, bool thumb)
{
	pi->pc = pc;
	pi->size = (uint8_t)(size == 2 ? 2 : 4);
	pi->enc = pi->size == 2 ? enc & 0xffffu : enc;
	pi->code = (uint8_t)(pi->size == 2 ? 1 : thumb ? 3 : 2);
	pi->code_byte = (uint8_t)(pi->code | (thumb ? 4u : 0u));
	pi->cache_idx = (uint16_t)((pc >> 1) & (TRACE_ENC_CACHE_SIZE - 1));
}

size_t trace_encode_planned(struct trace_codec *c,
			    const struct trace_planned_insn *pi, unsigned core,
			    uint64_t icount, unsigned mode, const uint8_t *ids,
			    const uint32_t *vals, unsigned n, uint8_t *out)
{
	struct trace_core_state *cs = &c->cores[core];
	struct trace_enc_cache_entry *ce = &cs->cache[pi->cache_idx];
	uint8_t *p = trace_planned_head(c, cs, ce, pi, core, icount, mode, out);
	p += trace_put_varint(p, n);
	unsigned prev = 0;
	for (unsigned i = 0; i < n; i++)
		p = trace_planned_reg(cs, p, ids[i], vals[i], &prev);
	trace_planned_end(cs, ce, pi, icount);
	return (size_t)(p - out);
}

size_t trace_encode_end(uint8_t *out, uint64_t n_insn, uint64_t dropped,
			unsigned reason)
{
	size_t p = 0;
	out[p++] = TENC_END;
	p += trace_put_varint(out + p, n_insn);
	p += trace_put_varint(out + p, dropped);
	out[p++] = (uint8_t)reason;
	return p;
}
