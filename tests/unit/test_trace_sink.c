/* The threaded trace sink (src/trace/sink.c): whatever the timing, its
 * file is byte for byte the synchronous sink's, and its block payloads are
 * exactly the encoder's output for the records run inline; a full ring
 * makes the producer wait and loses nothing; a write error of the encoding
 * thread is reported by flush and close; records are copied deeply (the
 * producer scribbles over its buffers after each put). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "cpu/regmap.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/sink.h"

static uint64_t rng;

static uint64_t rnd(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return rng >> 17;
}

static char *tmp_path(const char *tag)
{
	char *p = malloc(80);
	snprintf(p, 80, "%s/hypsim_sink_%s_XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", tag);
	int fd = mkstemp(p);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return p;
}

static void make_header(struct trace_header *h)
{
	memset(h, 0, sizeof(*h));
	h->producer = strdup("sink test");
	h->board = strdup("bare");
	h->options = strdup("");
	h->n_cores = 2;
	h->core_models = calloc(2, sizeof(char *));
	h->core_models[0] = strdup("cortex-a15");
	h->core_models[1] = strdup("cortex-a7");
	ck_assert(trace_header_fill_regs(h));
}

static unsigned table_regs(void)
{
	struct trace_header h;
	make_header(&h);
	unsigned n = h.n_regs;
	trace_header_free(&h);
	return n;
}

/* One record's storage, reused for every record as a producer does. */
#define MAX_MEM 300
struct gen {
	struct trace_record r;
	struct trace_reg_val regs[1024];
	struct trace_mem mem[MAX_MEM];
	struct trace_event ev[4];
	char op[400];
	uint32_t pc[2];
	uint64_t ic[2];
};

static uint8_t widths[1024]; /* of the register table */

/* A value for register id in its width (the reader checks). */
static uint64_t reg_value(uint32_t id)
{
	uint64_t v = rnd() << 21 ^ rnd();
	return widths[id] == 64 ? v : (uint32_t)v;
}

static void gen_start(struct gen *g, uint64_t seed)
{
	struct trace_header h;
	make_header(&h);
	for (unsigned i = 0; i < h.n_regs && i < 1024; i++)
		widths[i] = h.regs[i].width;
	trace_header_free(&h);
	memset(g, 0, sizeof(*g));
	rng = seed;
	g->pc[0] = 0x40000000;
	g->pc[1] = 0x40100000;
}

/* Record i: snapshots (some with every register), instructions with 0-3
 * registers (32- and 64-bit), memory accesses, exceptions, system-register
 * writes, maintenance ops named by literals, by a buffer the producer
 * rewrites, by a 200-character name, or not at all; now and then a record
 * too big for a ring entry. */
static void gen_next(struct gen *g, unsigned i, unsigned n_regs)
{
	static const char *const ops[] = { "ICIALLU", "TLBIALLH", "DCCIMVAC" };
	struct trace_record *r = &g->r;
	unsigned prev_core = r->core;
	memset(r, 0, sizeof(*r));
	r->regs = g->regs;
	r->mem = g->mem;
	r->ev = g->ev;
	unsigned core = i < 2 ? i : (rnd() % 9 == 0 ? (unsigned)(rnd() % 2) : prev_core);
	r->core = core;
	r->mode = rnd() % 7 == 0 ? 0x1a : 0x13;
	if (i < 2 || rnd() % 997 == 0) {
		r->kind = TREC_SNAPSHOT;
		r->icount = g->ic[core];
		r->pc = g->pc[core];
		bool all = rnd() % 2;
		for (unsigned id = 0; id < n_regs; id += all ? 1 : 1 + (unsigned)(rnd() % 40)) {
			g->regs[r->n_regs].id = id;
			g->regs[r->n_regs].value = id == REG_PC ? g->pc[core] : reg_value(id);
			r->n_regs++;
		}
		return;
	}
	r->kind = TREC_INSN;
	bool thumb = rnd() % 4 == 0;
	if (thumb)
		r->flags |= TREC_F_THUMB;
	if (rnd() % 50 == 0) {
		r->flags |= TREC_F_NO_INSN;
	} else {
		r->enc_size = thumb && rnd() % 2 ? 2 : 4;
		r->enc = r->enc_size == 2 ? (g->pc[core] * 7) & 0xffff
					  : g->pc[core] * 2654435761u;
	}
	if (rnd() % 16 == 0)
		g->pc[core] = 0x40000000 + (uint32_t)(rnd() % 128) * 4;
	r->pc = g->pc[core];
	r->icount = g->ic[core];
	if (!(r->flags & TREC_F_NO_INSN)) {
		g->ic[core]++;
		g->pc[core] += r->enc_size;
	}
	uint32_t id = (uint32_t)(rnd() % 17);
	for (unsigned k = (unsigned)(rnd() % 4); k && id < n_regs; k--) {
		g->regs[r->n_regs].id = id;
		g->regs[r->n_regs].value = reg_value(id);
		r->n_regs++;
		id += 1 + (uint32_t)(rnd() % 150);
	}
	if (rnd() % 5 == 0) {
		r->n_mem = rnd() % 500 == 0 ? MAX_MEM : 1 + (unsigned)(rnd() % 4);
		for (unsigned k = 0; k < r->n_mem; k++) {
			struct trace_mem *m = &g->mem[k];
			m->va = 0x40800000 + (uint32_t)(rnd() % 65536);
			m->pa = rnd() % 3 ? m->va : 0x100000000ull + m->va;
			m->size = (uint8_t)(1u << (rnd() % 4));
			m->is_write = rnd() % 2;
			m->value = rnd();
		}
	}
	if (rnd() % 11 == 0) {
		r->n_ev = 1 + (unsigned)(rnd() % 3);
		for (unsigned k = 0; k < r->n_ev; k++) {
			struct trace_event *e = &g->ev[k];
			memset(e, 0, sizeof(*e));
			e->type = (uint8_t)(rnd() % TEV_COUNT);
			if (e->type == TEV_EXCEPTION) {
				e->u.exc.kind = (uint32_t)(rnd() % 12);
				e->u.exc.from_mode = 0x13;
				e->u.exc.to_mode = 0x1a;
				e->u.exc.return_addr = (uint32_t)rnd();
				e->u.exc.vector = 0x40000008;
				e->u.exc.syndrome = (uint32_t)rnd();
				e->u.exc.fault_addr = (uint32_t)rnd();
			} else if (e->type == TEV_SYSREG) {
				e->u.sysreg.id = REGMAP_COUNT +
					(uint32_t)(rnd() % (n_regs - REGMAP_COUNT));
				e->u.sysreg.old_val = reg_value(e->u.sysreg.id);
				e->u.sysreg.new_val = reg_value(e->u.sysreg.id);
			} else {
				unsigned w = (unsigned)(rnd() % 6);
				if (w < 3) {
					e->u.maint.op = ops[w];
				} else if (w == 3) {
					snprintf(g->op, sizeof(g->op), "DYN%u",
						 (unsigned)(rnd() % 5));
					e->u.maint.op = g->op;
				} else if (w == 4) {
					/* long, but within the codec's 256 (a
					 * longer name is re-interned at every use,
					 * which the reader refuses: codec.c) */
					memset(g->op, 'L', 200);
					g->op[200] = 0;
					e->u.maint.op = g->op;
				} else {
					e->u.maint.op = NULL;
				}
				e->u.maint.arg = (uint32_t)rnd();
				e->u.maint.removed = (uint32_t)(rnd() % 50);
			}
		}
	}
}

/* After a put the producer's buffers may be reused at once. */
static void scribble(struct gen *g)
{
	memset(g->regs, 0xa5, sizeof(g->regs));
	memset(g->mem, 0xa5, sizeof(g->mem));
	memset(g->ev, 0xa5, sizeof(g->ev));
	memset(g->op, 'X', sizeof(g->op) - 1);
	g->op[sizeof(g->op) - 1] = 0;
}

enum { OPEN_THREAD, OPEN_SYNC, OPEN_RING };

static void open_sink(struct trace_sink *s, const char *path, int how,
		      size_t ring)
{
	struct trace_header h;
	make_header(&h);
	char err[256];
	bool ok = how == OPEN_SYNC ? trace_sink_open_sync(s, path, &h, err, sizeof(err))
		: how == OPEN_RING ? trace_sink_open_ring(s, path, &h, ring, err, sizeof(err))
		: trace_sink_open(s, path, &h, err, sizeof(err));
	ck_assert_msg(ok, "%s", err);
}

#define SEED 0x5eedull

/* n generated records through a sink, with flushes at fixed points. */
static char *write_run(int how, size_t ring, unsigned n, uint64_t *waits)
{
	char *path = tmp_path("run");
	struct trace_sink s;
	open_sink(&s, path, how, ring);
	static struct gen g;
	gen_start(&g, SEED);
	unsigned n_regs = s.n_regs;
	for (unsigned i = 0; i < n; i++) {
		gen_next(&g, i, n_regs);
		ck_assert(trace_sink_put(&s, &g.r));
		scribble(&g);
		if (i % 7919 == 7918)
			ck_assert(trace_sink_flush(&s));
	}
	ck_assert_msg(trace_sink_close(&s, 3), "%s", s.err);
	if (waits)
		*waits = trace_sink_full_waits(&s);
	trace_sink_free(&s);
	return path;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	uint8_t *x = slurp(a, &la), *y = slurp(b, &lb);
	ck_assert_uint_eq(la, lb);
	size_t i = 0;
	while (i < la && x[i] == y[i])
		i++;
	ck_assert_msg(i == la, "files differ at byte %zu of %zu", i, la);
	free(x);
	free(y);
}

/* The concatenated block payloads of a file (checking each CRC). */
static uint8_t *payloads(const char *path, size_t *out_len, unsigned *blocks)
{
	size_t len;
	uint8_t *f = slurp(path, &len);
	ck_assert_uint_ge(len, TRACE_FILE_HEADER_LEN);
	ck_assert_int_eq(memcmp(f, TRACE_MAGIC, TRACE_MAGIC_LEN), 0);
	size_t p = TRACE_FILE_HEADER_LEN + trace_get_u32(f + 12);
	uint8_t *out = malloc(len);
	size_t o = 0;
	*blocks = 0;
	while (p < len) {
		ck_assert_uint_eq(f[p], TRACE_BLOCK_TAG);
		uint32_t n = trace_get_u32(f + p + 1);
		ck_assert_uint_le(p + TRACE_BLOCK_HEADER_LEN + n, len);
		ck_assert_uint_eq(trace_get_u32(f + p + 5),
				  trace_crc32c(0, f + p + TRACE_BLOCK_HEADER_LEN, n));
		memcpy(out + o, f + p + TRACE_BLOCK_HEADER_LEN, n);
		o += n;
		p += TRACE_BLOCK_HEADER_LEN + n;
		(*blocks)++;
	}
	free(f);
	*out_len = o;
	return out;
}

/* The same records encoded inline with a codec of our own. */
static uint8_t *encode_inline(unsigned n, uint64_t n_insn_dropped, size_t *out_len)
{
	struct trace_header h;
	make_header(&h);
	struct trace_codec c;
	ck_assert(trace_codec_init(&c, &h));
	size_t cap = 1u << 20, len = 0;
	uint8_t *out = malloc(cap);
	static struct gen g;
	gen_start(&g, SEED);
	uint64_t n_insn = 0;
	for (unsigned i = 0; i < n; i++) {
		gen_next(&g, i, h.n_regs);
		size_t need = trace_encode_bound(&g.r) + 8192;
		if (len + need > cap) {
			cap = cap * 2 + need;
			out = realloc(out, cap);
		}
		len += trace_encode_record(&c, &g.r, out + len);
		n_insn += g.r.kind == TREC_INSN;
	}
	len += trace_encode_end(out + len, n_insn, n_insn_dropped, TRACE_END_NORMAL);
	trace_codec_free(&c);
	trace_header_free(&h);
	*out_len = len;
	return out;
}

#define N_VARIED 60000

START_TEST(test_threaded_equals_inline)
{
	uint64_t waits;
	ck_assert_uint_lt(table_regs(), 1024); /* struct gen's regs */
	char *thr = write_run(OPEN_THREAD, 0, N_VARIED, NULL);
	char *syn = write_run(OPEN_SYNC, 0, N_VARIED, NULL);
	/* 4 KiB ring: full all the time, and the snapshots and the records
	 * with 300 accesses are too big for it (the inline way) */
	char *small = write_run(OPEN_RING, 4096, N_VARIED, &waits);
	assert_same_file(thr, syn);
	assert_same_file(small, syn);
	ck_assert_uint_gt(waits, 0);

	size_t pl, el;
	unsigned blocks;
	uint8_t *p = payloads(thr, &pl, &blocks);
	uint8_t *e = encode_inline(N_VARIED, 3, &el);
	ck_assert_uint_gt(blocks, 7); /* the flushes ended blocks */
	ck_assert_uint_eq(pl, el);
	ck_assert_int_eq(memcmp(p, e, pl), 0);

	/* and the reader takes it */
	char err[256];
	struct trace_reader *rd = trace_reader_open(thr, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	struct trace_record r;
	int rc;
	while ((rc = trace_reader_next(rd, &r)) == 1)
		;
	ck_assert_msg(rc == 0, "%s", trace_reader_error(rd));
	ck_assert_uint_eq(trace_reader_dropped(rd), 3);
	ck_assert_uint_eq(trace_reader_end_reason(rd), TRACE_END_NORMAL);
	trace_reader_close(rd);
	free(p);
	free(e);
	unlink(thr);
	unlink(syn);
	unlink(small);
	free(thr);
	free(syn);
	free(small);
}
END_TEST

/* ---- a full ring for certain: the file is a FIFO read late ---- */

struct slow_reader {
	const char *path;
	uint8_t *data;
	size_t len, cap;
};

static void *slow_read(void *arg)
{
	struct slow_reader *sr = arg;
	int fd = open(sr->path, O_RDONLY);
	if (fd < 0)
		return NULL;
	usleep(300000); /* the pipe and the encoder's buffer fill meanwhile */
	for (;;) {
		if (sr->len + 65536 > sr->cap) {
			sr->cap = sr->cap * 2 + 65536;
			sr->data = realloc(sr->data, sr->cap);
		}
		ssize_t n = read(fd, sr->data + sr->len, 65536);
		if (n <= 0)
			break;
		sr->len += (size_t)n;
	}
	close(fd);
	return NULL;
}

/* Enough records for more than the encoder's 2 MiB buffer and the pipe. */
#define N_FULL 700000

START_TEST(test_full_ring)
{
	char *fifo = tmp_path("fifo");
	unlink(fifo);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	struct slow_reader sr = { .path = fifo };
	pthread_t th;
	ck_assert_int_eq(pthread_create(&th, NULL, slow_read, &sr), 0);
	struct trace_sink s;
	open_sink(&s, fifo, OPEN_RING, 65536);
	static struct gen g;
	gen_start(&g, SEED);
	for (unsigned i = 0; i < N_FULL; i++) {
		gen_next(&g, i, s.n_regs);
		ck_assert(trace_sink_put(&s, &g.r));
		scribble(&g);
		if (i % 7919 == 7918)
			ck_assert(trace_sink_flush(&s));
	}
	ck_assert_msg(trace_sink_close(&s, 3), "%s", s.err);
	/* the encoder stood in write(2) for 300 ms: the producer waited */
	ck_assert_uint_gt(trace_sink_full_waits(&s), 0);
	trace_sink_free(&s);
	pthread_join(th, NULL);
	unlink(fifo);

	char *syn = write_run(OPEN_SYNC, 0, N_FULL, NULL);
	size_t len;
	uint8_t *want = slurp(syn, &len);
	/* the header names no path: the bytes must agree */
	ck_assert_uint_eq(sr.len, len);
	ck_assert_int_eq(memcmp(sr.data, want, len), 0);
	free(want);
	free(sr.data);
	unlink(syn);
	free(syn);
	free(fifo);
}
END_TEST

/* ---- errors ---- */

static void put_some(struct trace_sink *s, unsigned n)
{
	static struct gen g;
	gen_start(&g, SEED);
	for (unsigned i = 0; i < n; i++) {
		gen_next(&g, i, s->n_regs);
		if (!trace_sink_put(s, &g.r))
			break;
	}
}

START_TEST(test_write_error_at_close)
{
	char *path = tmp_path("full");
	struct trace_sink s;
	open_sink(&s, path, OPEN_THREAD, 0);
	/* from now on every write(2) of the encoder fails with ENOSPC */
	int full = open("/dev/full", O_WRONLY);
	ck_assert_int_ge(full, 0);
	ck_assert_int_ge(dup2(full, s.fd), 0);
	close(full);
	put_some(&s, 2000); /* less than a buffer: nothing written yet */
	ck_assert(!trace_sink_close(&s, 0));
	ck_assert_msg(strstr(s.err, "writing the trace") &&
		      strstr(s.err, strerror(ENOSPC)), "%s", s.err);
	ck_assert(!trace_sink_put(&s, &(struct trace_record){ .kind = TREC_INSN }));
	trace_sink_free(&s);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_write_error_at_put_and_flush)
{
	char *path = tmp_path("full2");
	struct trace_sink s;
	open_sink(&s, path, OPEN_THREAD, 0);
	int full = open("/dev/full", O_WRONLY);
	ck_assert_int_ge(dup2(full, s.fd), 0);
	close(full);
	/* enough for the encoder to write (and fail) while puts go on */
	static struct gen g;
	gen_start(&g, SEED);
	unsigned i = 0;
	bool refused = false;
	for (; i < 3000000 && !refused; i++) {
		gen_next(&g, i, s.n_regs);
		refused = !trace_sink_put(&s, &g.r);
	}
	if (!refused)
		ck_assert(!trace_sink_flush(&s));
	ck_assert_msg(strstr(s.err, strerror(ENOSPC)), "%s", s.err);
	ck_assert(!trace_sink_flush(&s));
	ck_assert(!trace_sink_close(&s, 0));
	trace_sink_free(&s);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_zero_records)
{
	char *a = tmp_path("zero_t"), *b = tmp_path("zero_s");
	struct trace_sink s;
	open_sink(&s, a, OPEN_THREAD, 0);
	ck_assert(trace_sink_close(&s, 0));
	trace_sink_free(&s);
	open_sink(&s, b, OPEN_SYNC, 0);
	ck_assert(trace_sink_close(&s, 0));
	trace_sink_free(&s);
	assert_same_file(a, b);
	char err[256];
	struct trace_reader *rd = trace_reader_open(a, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	struct trace_record r;
	ck_assert_int_eq(trace_reader_next(rd, &r), 0);
	ck_assert_uint_eq(trace_reader_end_reason(rd), TRACE_END_NORMAL);
	trace_reader_close(rd);
	/* opened and freed without a close: the thread ends, no hang */
	open_sink(&s, a, OPEN_THREAD, 0);
	put_some(&s, 100);
	trace_sink_free(&s);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}
END_TEST

/* A malformed record: refused, and the file is what the synchronous sink
 * leaves (nothing after what it had written). */
START_TEST(test_malformed_same_as_sync)
{
	char *p[2] = { tmp_path("bad_t"), tmp_path("bad_s") };
	for (int k = 0; k < 2; k++) {
		struct trace_sink s;
		open_sink(&s, p[k], k ? OPEN_SYNC : OPEN_THREAD, 0);
		put_some(&s, 1000);
		struct trace_reg_val bad[2] = { { .id = 5 }, { .id = 3 } };
		struct trace_record r = { .kind = TREC_INSN, .n_regs = 2, .regs = bad };
		ck_assert(!trace_sink_put(&s, &r));
		ck_assert_msg(strstr(s.err, "malformed"), "%s", s.err);
		ck_assert(!trace_sink_close(&s, 0));
		ck_assert_msg(strstr(s.err, "malformed"), "%s", s.err);
		trace_sink_free(&s);
	}
	assert_same_file(p[0], p[1]);
	for (int k = 0; k < 2; k++) {
		unlink(p[k]);
		free(p[k]);
	}
}
END_TEST

/* Closed from a "signal handler" (called in the producer's thread, as a
 * handler runs): every record handed over is in the file, then the
 * signal end record. */
START_TEST(test_close_from_signal)
{
	char *path = tmp_path("sig");
	struct trace_sink s;
	open_sink(&s, path, OPEN_THREAD, 0);
	put_some(&s, 5000);
	trace_sink_close_from_signal(&s, 9);
	ck_assert(trace_sink_close(&s, 0)); /* already closed: nothing */
	trace_sink_free(&s);
	char err[256];
	struct trace_reader *rd = trace_reader_open(path, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	struct trace_record r;
	int rc;
	while ((rc = trace_reader_next(rd, &r)) == 1)
		;
	ck_assert_msg(rc == 0, "%s", trace_reader_error(rd));
	ck_assert_uint_eq(trace_reader_count(rd), 5000);
	ck_assert_uint_eq(trace_reader_dropped(rd), 9);
	ck_assert_uint_eq(trace_reader_end_reason(rd), TRACE_END_SIGNAL);
	trace_reader_close(rd);
	unlink(path);
	free(path);
}
END_TEST

static Suite *sink_suite(void)
{
	Suite *s = suite_create("trace_sink");
	TCase *tc = tcase_create("sink");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_threaded_equals_inline);
	tcase_add_test(tc, test_full_ring);
	tcase_add_test(tc, test_write_error_at_close);
	tcase_add_test(tc, test_write_error_at_put_and_flush);
	tcase_add_test(tc, test_zero_records);
	tcase_add_test(tc, test_malformed_same_as_sync);
	tcase_add_test(tc, test_close_from_signal);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sink_suite)
