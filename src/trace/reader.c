/* Trace format, reading side: header parsing and the record decoder, the
 * mirror of codec.c. Nothing in a file is trusted: lengths, counts, ids,
 * core numbers and checksums are all checked, and the first problem ends
 * reading with one line saying what and where. */
#include "trace/reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct trace_reader {
	FILE *f;
	char *path;
	struct trace_header hdr;
	struct trace_codec codec;
	uint64_t file_off; /* offset of the current block's payload */
	uint8_t *blk;
	size_t blk_len, blk_cap, pos;
	bool ended;     /* end record seen */
	bool failed;
	uint64_t n_records, n_insn, dropped;
	unsigned end_reason;
	char err[512];
	/* decoded record storage */
	struct trace_reg_val *regs;
	unsigned cap_regs;
	struct trace_mem *mem;
	unsigned cap_mem;
	struct trace_event *ev;
	unsigned cap_ev;
};

static int fail(struct trace_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(struct trace_reader *r, const char *fmt, ...)
{
	if (r->failed)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	int n = snprintf(r->err, sizeof(r->err), "%s: ", r->path);
	if (n < 0 || (size_t)n >= sizeof(r->err))
		n = 0;
	vsnprintf(r->err + n, sizeof(r->err) - (size_t)n, fmt, ap);
	va_end(ap);
	r->failed = true;
	return -1;
}

/* ---- bounded cursor ---- */

struct cur {
	const uint8_t *p;
	size_t len, pos;
	bool bad;
};

static uint64_t c_varint(struct cur *c)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (c->pos >= c->len) {
			c->bad = true;
			return 0;
		}
		uint8_t b = c->p[c->pos++];
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	c->bad = true; /* more than 10 bytes */
	return 0;
}

static uint8_t c_u8(struct cur *c)
{
	if (c->pos >= c->len) {
		c->bad = true;
		return 0;
	}
	return c->p[c->pos++];
}

static const uint8_t *c_bytes(struct cur *c, size_t n)
{
	if (n > c->len - c->pos) {
		c->bad = true;
		return NULL;
	}
	const uint8_t *p = c->p + c->pos;
	c->pos += n;
	return p;
}

static char *c_str(struct cur *c)
{
	uint64_t n = c_varint(c);
	if (c->bad || n > c->len - c->pos) {
		c->bad = true;
		return NULL;
	}
	char *s = malloc((size_t)n + 1);
	if (!s) {
		c->bad = true;
		return NULL;
	}
	memcpy(s, c->p + c->pos, (size_t)n);
	s[n] = 0;
	c->pos += (size_t)n;
	return s;
}

/* ---- header ---- */

static int sym_cmp(const void *a, const void *b)
{
	const struct trace_symbol *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return 0;
}

static bool parse_header(struct trace_header *h, const uint8_t *p, size_t len,
			 const char **what)
{
	struct cur c = { p, len, 0, false };
	*what = "header";
	h->flags = (uint32_t)c_varint(&c);
	h->absent = (uint32_t)c_varint(&c);
	h->producer = c_str(&c);
	h->board = c_str(&c);
	h->options = c_str(&c);
	uint64_t n = c_varint(&c);
	if (c.bad || n > 4096 || n == 0) {
		*what = "core count";
		return false;
	}
	h->core_models = calloc(n, sizeof(char *));
	if (!h->core_models)
		return false;
	h->n_cores = (unsigned)n;
	for (unsigned i = 0; i < h->n_cores; i++)
		h->core_models[i] = c_str(&c);
	n = c_varint(&c);
	if (c.bad || n > len) {
		*what = "image table";
		return false;
	}
	h->images = calloc(n ? n : 1, sizeof(*h->images));
	if (!h->images)
		return false;
	h->n_images = (unsigned)n;
	for (unsigned i = 0; i < h->n_images && !c.bad; i++) {
		h->images[i].path = c_str(&c);
		h->images[i].hash_kind = c_u8(&c);
		if (h->images[i].hash_kind == TRACE_HASH_SHA256) {
			const uint8_t *hp = c_bytes(&c, 32);
			if (hp)
				memcpy(h->images[i].hash, hp, 32);
		} else if (h->images[i].hash_kind != TRACE_HASH_NONE) {
			*what = "image hash kind";
			return false;
		}
	}
	n = c_varint(&c);
	if (c.bad || n > len || n > 65536) {
		*what = "register table";
		return false;
	}
	h->regs = calloc(n ? n : 1, sizeof(*h->regs));
	if (!h->regs)
		return false;
	h->n_regs = (unsigned)n;
	for (unsigned i = 0; i < h->n_regs && !c.bad; i++) {
		struct trace_reg_desc *d = &h->regs[i];
		d->name = c_str(&c);
		d->group = c_u8(&c);
		d->width = c_u8(&c);
		d->alias_view = c_u8(&c);
		d->alias_modes = (uint16_t)c_varint(&c);
		d->gdb_regnum = (uint32_t)c_varint(&c);
		if (!c.bad && d->width != 32 && d->width != 64) {
			*what = "register width";
			return false;
		}
	}
	n = c_varint(&c);
	if (c.bad || n > len) {
		*what = "symbol table";
		return false;
	}
	h->syms = calloc(n ? n : 1, sizeof(*h->syms));
	if (!h->syms)
		return false;
	h->n_syms = (size_t)n;
	for (size_t i = 0; i < h->n_syms && !c.bad; i++) {
		h->syms[i].name = c_str(&c);
		h->syms[i].addr = c_varint(&c);
		h->syms[i].size = c_varint(&c);
	}
	if (c.bad)
		return false;
	if (c.pos != len) {
		*what = "header length";
		return false;
	}
	qsort(h->syms, h->n_syms, sizeof(*h->syms), sym_cmp);
	return true;
}

struct trace_reader *trace_reader_open(const char *path, char *err,
				       size_t errlen)
{
	struct trace_reader *r = calloc(1, sizeof(*r));
	uint8_t *body = NULL;
	if (!r || !(r->path = strdup(path))) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(r);
		return NULL;
	}
	r->f = fopen(path, "rb");
	if (!r->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out_fail;
	}
	uint8_t fh[TRACE_FILE_HEADER_LEN];
	size_t got = fread(fh, 1, sizeof(fh), r->f);
	if (got == 0) {
		/* fread of a directory fails with EISDIR: say that, not
		 * "empty" */
		if (ferror(r->f))
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		else
			snprintf(err, errlen, "%s: empty file, not a hypsim trace",
				 path);
		goto out_fail;
	}
	if (memcmp(fh, TRACE_MAGIC, got < TRACE_MAGIC_LEN ? got : TRACE_MAGIC_LEN) != 0) {
		snprintf(err, errlen, "%s: not a hypsim trace (bad magic)", path);
		goto out_fail;
	}
	if (got < sizeof(fh)) {
		snprintf(err, errlen, "%s: truncated: file ends inside the header (%zu bytes)",
			 path, got);
		goto out_fail;
	}
	uint32_t version = trace_get_u32(fh + 8);
	uint32_t blen = trace_get_u32(fh + 12);
	uint32_t crc = trace_get_u32(fh + 16);
	if (version != TRACE_VERSION) {
		snprintf(err, errlen, "%s: unsupported trace version %u (this hypsim reads %u)",
			 path, version, TRACE_VERSION);
		goto out_fail;
	}
	if (blen > TRACE_BLOCK_LIMIT * 4u) {
		snprintf(err, errlen, "%s: corrupted: header length %u", path, blen);
		goto out_fail;
	}
	body = malloc(blen ? blen : 1);
	if (!body) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out_fail;
	}
	got = fread(body, 1, blen, r->f);
	if (got != blen) {
		snprintf(err, errlen, "%s: truncated: file ends inside the header", path);
		goto out_fail;
	}
	if (trace_crc32c(0, body, blen) != crc) {
		snprintf(err, errlen, "%s: corrupted: header checksum mismatch", path);
		goto out_fail;
	}
	const char *what;
	if (!parse_header(&r->hdr, body, blen, &what)) {
		snprintf(err, errlen, "%s: corrupted: malformed %s", path, what);
		goto out_fail;
	}
	r->hdr.version = version;
	if (!trace_codec_init(&r->codec, &r->hdr)) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out_fail;
	}
	free(body);
	r->file_off = TRACE_FILE_HEADER_LEN + (uint64_t)blen;
	return r;
out_fail:
	free(body);
	trace_reader_close(r);
	return NULL;
}

void trace_reader_close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	trace_header_free(&r->hdr);
	trace_codec_free(&r->codec);
	free(r->blk);
	free(r->regs);
	free(r->mem);
	free(r->ev);
	free(r->path);
	free(r);
}

const struct trace_header *trace_reader_header(const struct trace_reader *r)
{
	return &r->hdr;
}

const char *trace_reader_error(const struct trace_reader *r)
{
	return r->err;
}

const struct trace_core_state *trace_reader_core(const struct trace_reader *r,
						 unsigned core)
{
	return core < r->codec.n_cores ? &r->codec.cores[core] : NULL;
}

uint64_t trace_reader_dropped(const struct trace_reader *r)
{
	return r->dropped;
}

unsigned trace_reader_end_reason(const struct trace_reader *r)
{
	return r->end_reason;
}

uint64_t trace_reader_count(const struct trace_reader *r)
{
	return r->n_records;
}

/* ---- blocks ---- */

/* Load the next block: 1 loaded, 0 clean end of file, -1 error. */
static int next_block(struct trace_reader *r)
{
	uint8_t bh[TRACE_BLOCK_HEADER_LEN];
	uint64_t off = r->file_off + r->blk_len;
	size_t got = fread(bh, 1, sizeof(bh), r->f);
	if (got == 0) {
		if (ferror(r->f))
			return fail(r, "read error: %s", strerror(errno));
		if (r->ended)
			return 0;
		return fail(r, "truncated: no end record after %llu records "
			       "(the writer did not finish; file ends at offset %llu)",
			    (unsigned long long)r->n_records,
			    (unsigned long long)off);
	}
	if (r->ended)
		return fail(r, "corrupted: data after the end record at offset %llu",
			    (unsigned long long)off);
	if (got < sizeof(bh))
		return fail(r, "truncated: file ends inside a block header at offset %llu "
			       "after %llu records",
			    (unsigned long long)off, (unsigned long long)r->n_records);
	if (bh[0] != TRACE_BLOCK_TAG)
		return fail(r, "corrupted: bad block tag 0x%02x at offset %llu",
			    bh[0], (unsigned long long)off);
	uint32_t len = trace_get_u32(bh + 1);
	uint32_t crc = trace_get_u32(bh + 5);
	if (len == 0 || len > TRACE_BLOCK_LIMIT)
		return fail(r, "corrupted: block length %u at offset %llu", len,
			    (unsigned long long)off);
	if (len > r->blk_cap) {
		uint8_t *nb = realloc(r->blk, len);
		if (!nb)
			return fail(r, "out of memory");
		r->blk = nb;
		r->blk_cap = len;
	}
	got = fread(r->blk, 1, len, r->f);
	if (got != len)
		return fail(r, "truncated: file ends inside the block at offset %llu "
			       "(%zu of %u bytes) after %llu records",
			    (unsigned long long)off, got, len,
			    (unsigned long long)r->n_records);
	if (trace_crc32c(0, r->blk, len) != crc)
		return fail(r, "corrupted: checksum mismatch in the block at offset %llu",
			    (unsigned long long)off);
	r->file_off = off + TRACE_BLOCK_HEADER_LEN;
	r->blk_len = len;
	r->pos = 0;
	return 1;
}

/* ---- records ---- */

static bool grow(void **arr, unsigned *cap, unsigned need, size_t elem)
{
	if (need <= *cap)
		return true;
	unsigned n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	void *p = realloc(*arr, (size_t)n * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = n;
	return true;
}

static int bad_record(struct trace_reader *r, const char *what)
{
	return fail(r, "corrupted: %s in record %llu (block at offset %llu)", what,
		    (unsigned long long)r->n_records, (unsigned long long)r->file_off);
}

static int read_string(struct trace_reader *r, struct cur *c)
{
	struct trace_codec *k = &r->codec;
	uint64_t id = c_varint(c);
	char *s = c_str(c);
	if (c->bad || !s) {
		free(s);
		return bad_record(r, "malformed string definition");
	}
	if (id != k->n_strings) {
		free(s);
		return bad_record(r, "string defined out of order");
	}
	if (k->n_strings == k->cap_strings) {
		unsigned cap = k->cap_strings ? k->cap_strings * 2 : 16;
		struct trace_string *ns = realloc(k->strings, cap * sizeof(*ns));
		if (!ns) {
			free(s);
			return fail(r, "out of memory");
		}
		k->strings = ns;
		k->cap_strings = cap;
	}
	k->strings[k->n_strings].s = s;
	k->strings[k->n_strings].owned = s;
	k->n_strings++;
	return 0;
}

static int read_snapshot(struct trace_reader *r, struct cur *c,
			 struct trace_record *rec)
{
	struct trace_codec *k = &r->codec;
	uint64_t core = c_varint(c);
	uint64_t icount = c_varint(c);
	uint8_t mode = c_u8(c);
	uint64_t n = c_varint(c);
	if (c->bad)
		return bad_record(r, "malformed snapshot");
	if (core >= k->n_cores)
		return bad_record(r, "core number out of range");
	if (n > k->n_regs)
		return bad_record(r, "too many registers in snapshot");
	if (!grow((void **)&r->regs, &r->cap_regs, (unsigned)n + 1, sizeof(*r->regs)))
		return fail(r, "out of memory");
	struct trace_core_state *cs = &k->cores[core];
	memset(cs->known, 0, k->n_regs);
	uint64_t id = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t gap = c_varint(c);
		id = i ? id + gap + 1 : gap;
		uint64_t v = c_varint(c);
		if (c->bad || id >= k->n_regs)
			return bad_record(r, "register id out of range in snapshot");
		if (k->widths[id] == 32 && v > UINT32_MAX)
			return bad_record(r, "32-bit register value out of range");
		r->regs[i].id = (uint32_t)id;
		r->regs[i].old = cs->values[id];
		r->regs[i].value = v;
		cs->values[id] = v;
		cs->known[id] = 1;
		if (id == 15)
			cs->next_pc = (uint32_t)v;
	}
	cs->mode = mode;
	cs->next_icount = icount;
	cs->prev_valid = false;
	k->cur_core = (unsigned)core;
	memset(rec, 0, sizeof(*rec));
	rec->kind = TREC_SNAPSHOT;
	rec->core = (unsigned)core;
	rec->icount = icount;
	rec->mode = mode;
	rec->pc = cs->next_pc;
	rec->n_regs = (unsigned)n;
	rec->regs = r->regs;
	return 1;
}

static int read_insn(struct trace_reader *r, struct cur *c, uint8_t hdr,
		     struct trace_record *rec)
{
	struct trace_codec *k = &r->codec;
	memset(rec, 0, sizeof(*rec));
	rec->kind = TREC_INSN;
	if (hdr & TENC_CORE) {
		uint64_t core = c_varint(c);
		if (c->bad || core >= k->n_cores)
			return bad_record(r, "core number out of range");
		k->cur_core = (unsigned)core;
	}
	if (k->cur_core >= k->n_cores)
		return bad_record(r, "core number out of range");
	struct trace_core_state *cs = &k->cores[k->cur_core];
	rec->core = k->cur_core;
	if (hdr & TENC_XFLAGS) {
		uint8_t xf = c_u8(c);
		if (xf & ~(TREC_F_NO_INSN | TREC_F_NO_POST))
			return bad_record(r, "unknown record flags");
		rec->flags = xf;
	}
	if (hdr & TENC_SEQ) {
		rec->icount = cs->next_icount;
		rec->pc = cs->next_pc;
	} else {
		int64_t di = trace_unzigzag(c_varint(c));
		int64_t dp = trace_unzigzag(c_varint(c));
		rec->icount = cs->next_icount + (uint64_t)di;
		rec->pc = cs->next_pc + (uint32_t)dp;
	}
	rec->mode = (hdr & TENC_MODE) ? c_u8(c) : cs->mode;
	struct trace_enc_cache_entry *ce =
		&cs->cache[(rec->pc >> 1) & (TRACE_ENC_CACHE_SIZE - 1)];
	unsigned code;
	bool thumb;
	if (hdr & TENC_CACHED) {
		if (!ce->code || ce->pc != rec->pc)
			return bad_record(r, "reference to an encoding never seen");
		code = ce->code;
		rec->enc = ce->enc;
		thumb = code != 2;
	} else {
		uint8_t cb = c_u8(c);
		if (cb & ~7u)
			return bad_record(r, "bad encoding size code");
		code = cb & 3u;
		thumb = code ? code != 2 : (cb & 4u) != 0;
		if (code == 1) {
			const uint8_t *p = c_bytes(c, 2);
			rec->enc = p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : 0;
		} else if (code) {
			const uint8_t *p = c_bytes(c, 4);
			rec->enc = p ? trace_get_u32(p) : 0;
		}
		if (code && !c->bad) {
			ce->pc = rec->pc;
			ce->enc = rec->enc;
			ce->code = (uint8_t)code;
			ce->has_succ = 0;
		}
	}
	rec->enc_size = code == 1 ? 2 : code ? 4 : 0;
	if (thumb)
		rec->flags |= TREC_F_THUMB;

	uint64_t n = c_varint(c);
	if (c->bad || n > k->n_regs)
		return bad_record(r, "bad changed-register count");
	if (!grow((void **)&r->regs, &r->cap_regs, (unsigned)n + 1, sizeof(*r->regs)))
		return fail(r, "out of memory");
	uint64_t id = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t gap = c_varint(c);
		id = i ? id + gap + 1 : gap;
		int64_t d = trace_unzigzag(c_varint(c));
		if (c->bad || id >= k->n_regs)
			return bad_record(r, "register id out of range");
		r->regs[i].id = (uint32_t)id;
		r->regs[i].old = cs->values[id];
		r->regs[i].value = trace_reg_apply(cs->values[id], d, k->widths[id]);
		cs->values[id] = r->regs[i].value;
		cs->known[id] = 1;
	}
	rec->n_regs = (unsigned)n;
	rec->regs = r->regs;

	if (hdr & TENC_MEM) {
		n = c_varint(c);
		if (c->bad || n == 0 || n > c->len)
			return bad_record(r, "bad memory-access count");
		if (!grow((void **)&r->mem, &r->cap_mem, (unsigned)n, sizeof(*r->mem)))
			return fail(r, "out of memory");
		for (unsigned i = 0; i < n; i++) {
			struct trace_mem *m = &r->mem[i];
			uint8_t b = c_u8(c);
			if (b & ~15u)
				return bad_record(r, "bad memory-access flags");
			static const uint8_t sizes[4] = { 1, 2, 4, 8 };
			m->size = sizes[b & 3u];
			m->is_write = (b & 4u) != 0;
			m->va = cs->last_mem_va + (uint32_t)trace_unzigzag(c_varint(c));
			cs->last_mem_va = m->va;
			m->pa = (b & 8u) ? m->va : c_varint(c);
			m->value = c_varint(c);
		}
		rec->n_mem = (unsigned)n;
		rec->mem = r->mem;
	}

	if (hdr & TENC_EVENTS) {
		n = c_varint(c);
		if (c->bad || n == 0 || n > c->len)
			return bad_record(r, "bad event count");
		if (!grow((void **)&r->ev, &r->cap_ev, (unsigned)n, sizeof(*r->ev)))
			return fail(r, "out of memory");
		for (unsigned i = 0; i < n; i++) {
			struct trace_event *e = &r->ev[i];
			e->type = c_u8(c);
			switch (e->type) {
			case TEV_EXCEPTION:
				e->u.exc.kind = (uint32_t)c_varint(c);
				e->u.exc.from_mode = (uint32_t)c_varint(c);
				e->u.exc.to_mode = (uint32_t)c_varint(c);
				e->u.exc.return_addr = (uint32_t)c_varint(c);
				e->u.exc.vector = (uint32_t)c_varint(c);
				e->u.exc.syndrome = (uint32_t)c_varint(c);
				e->u.exc.fault_addr = (uint32_t)c_varint(c);
				break;
			case TEV_SYSREG: {
				uint64_t sid = c_varint(c);
				e->u.sysreg.old_val = c_varint(c);
				e->u.sysreg.new_val = c_varint(c);
				if (c->bad || sid >= k->n_regs)
					return bad_record(r, "system register id out of range");
				e->u.sysreg.id = (uint32_t)sid;
				cs->values[sid] = e->u.sysreg.new_val;
				cs->known[sid] = 1;
				break;
			}
			case TEV_MAINT: {
				uint64_t sid = c_varint(c);
				if (c->bad || sid >= k->n_strings)
					return bad_record(r, "undefined string id");
				e->u.maint.op = k->strings[sid].s;
				e->u.maint.arg = (uint32_t)c_varint(c);
				e->u.maint.removed = (uint32_t)c_varint(c);
				break;
			}
			default:
				return bad_record(r, "unknown event type");
			}
		}
		rec->n_ev = (unsigned)n;
		rec->ev = r->ev;
	}
	if (c->bad)
		return bad_record(r, "record runs past the end of its block");

	cs->mode = rec->mode;
	trace_codec_after_insn(cs, rec);
	r->n_insn++;
	return 1;
}

int trace_reader_next(struct trace_reader *r, struct trace_record *rec)
{
	if (r->failed)
		return -1;
	for (;;) {
		if (r->pos >= r->blk_len) {
			int b = next_block(r);
			if (b <= 0)
				return b;
		}
		struct cur c = { r->blk, r->blk_len, r->pos, false };
		uint8_t hdr = c_u8(&c);
		int res;
		if (r->ended)
			return fail(r, "corrupted: records after the end record");
		if (hdr < 0x80) {
			res = read_insn(r, &c, hdr, rec);
		} else if (hdr == TENC_SNAPSHOT) {
			res = read_snapshot(r, &c, rec);
		} else if (hdr == TENC_STRING) {
			res = read_string(r, &c);
		} else if (hdr == TENC_END) {
			uint64_t n_insn = c_varint(&c);
			r->dropped = c_varint(&c);
			r->end_reason = c_u8(&c);
			if (c.bad)
				return bad_record(r, "malformed end record");
			if (n_insn != r->n_insn)
				return fail(r, "corrupted: end record counts %llu instruction "
					       "records, the file holds %llu",
					    (unsigned long long)n_insn,
					    (unsigned long long)r->n_insn);
			if (c.pos != c.len)
				return fail(r, "corrupted: data after the end record");
			r->ended = true;
			r->pos = c.pos;
			continue;
		} else {
			return bad_record(r, "unknown record type");
		}
		if (res < 0)
			return -1;
		r->pos = c.pos;
		if (res == 1) {
			r->n_records++;
			return 1;
		}
	}
}
