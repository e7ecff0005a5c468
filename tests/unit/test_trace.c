/* The core-register map (src/cpu/regmap) and the trace file format
 * (src/trace): encoder/decoder round trip of every record and field kind,
 * and strict reading — every truncation and every single-byte corruption of
 * a file is reported, never decoded into wrong records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/sink.h"
#include "trace/tools.h"

/* ---- regmap ---- */

START_TEST(test_regmap_names)
{
	ck_assert_int_eq(REGMAP_COUNT, 50);
	for (unsigned i = 0; i < REGMAP_COUNT; i++) {
		const struct regmap_entry *e = regmap_get(i);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(regmap_find(e->name), (int)i);
		for (unsigned j = 0; j < i; j++) {
			ck_assert_str_ne(e->name, regmap_get(j)->name);
			ck_assert_uint_ne(e->gdb_regnum, regmap_get(j)->gdb_regnum);
		}
	}
	ck_assert_int_eq(regmap_find("sp_SVC"), REG_SP_SVC);
	ck_assert_int_eq(regmap_find("R13"), REG_SP);
	ck_assert_int_eq(regmap_find("r15"), REG_PC);
	ck_assert_int_eq(regmap_find("LR_hyp"), -1); /* Hyp has no LR */
	ck_assert_int_eq(regmap_find("nonsense"), -1);
	ck_assert_ptr_null(regmap_get(REGMAP_COUNT));
	ck_assert_uint_eq(regmap_get(REG_CPSR)->gdb_regnum, 25);
	ck_assert_str_eq(regmap_get(REG_SP)->gdb_name, "sp");
	ck_assert_int_eq(regmap_mode_from_name("hyp"), MODE_HYP);
	ck_assert_str_eq(regmap_mode_name(MODE_UND), "und");
	ck_assert_str_eq(regmap_mode_name(0x14), "???");
}
END_TEST

static struct cpu *new_cpu(void)
{
	struct cpu *cpu = calloc(1, sizeof(*cpu));
	ck_assert_ptr_nonnull(cpu);
	cpu_reset(cpu, &cortex_a15_model, NULL, 0);
	return cpu;
}

static void free_cpu(struct cpu *cpu)
{
	cpu_destroy(cpu);
	free(cpu);
}

START_TEST(test_regmap_banking)
{
	struct cpu *cpu = new_cpu();
	cpu_set_mode(cpu, MODE_SVC);
	cpu->r[13] = 0x5c5c0000;
	cpu->r[14] = 0x1e1e0000;
	cpu->r[8] = 0x88;
	cpu_set_mode(cpu, MODE_FIQ);
	cpu->r[8] = 0xf8;
	cpu->r[13] = 0xf13;
	cpu->bank_spsr[BANK_FIQ] = 0x600001d3;
	/* in FIQ: the views are FIQ's, SVC's copies are in the banks */
	ck_assert_uint_eq(regmap_read(cpu, REG_R8), 0xf8);
	ck_assert_uint_eq(regmap_read(cpu, REG_R8_FIQ), 0xf8);
	ck_assert_uint_eq(regmap_read(cpu, REG_R8_USR), 0x88);
	ck_assert_uint_eq(regmap_read(cpu, REG_SP_FIQ), 0xf13);
	ck_assert_uint_eq(regmap_read(cpu, REG_SP_SVC), 0x5c5c0000);
	ck_assert_uint_eq(regmap_read(cpu, REG_LR_SVC), 0x1e1e0000);
	ck_assert_uint_eq(regmap_read(cpu, REG_SPSR_FIQ), 0x600001d3);
	/* back in SVC the other way round */
	cpu_set_mode(cpu, MODE_SVC);
	ck_assert_uint_eq(regmap_read(cpu, REG_R8), 0x88);
	ck_assert_uint_eq(regmap_read(cpu, REG_R8_FIQ), 0xf8);
	ck_assert_uint_eq(regmap_read(cpu, REG_SP), 0x5c5c0000);
	ck_assert_uint_eq(regmap_read(cpu, REG_SP_FIQ), 0xf13);
	/* Hyp: own SP, the User LR, ELR_hyp */
	cpu_set_mode(cpu, MODE_SYS);
	cpu->r[14] = 0x11e;
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_uint_eq(regmap_read(cpu, REG_LR), 0x11e);
	ck_assert_uint_eq(regmap_read(cpu, REG_LR_USR), 0x11e);
	cpu->r[13] = 0x4e4e;
	cpu->elr_hyp = 0xe1e1;
	ck_assert_uint_eq(regmap_read(cpu, REG_SP_HYP), 0x4e4e);
	ck_assert_uint_eq(regmap_read(cpu, REG_ELR_HYP), 0xe1e1);
	ck_assert_uint_eq(regmap_read(cpu, REG_CPSR) & 0x1f, MODE_HYP);
	free_cpu(cpu);
}
END_TEST

START_TEST(test_regmap_diff)
{
	struct cpu *cpu = new_cpu();
	cpu_set_mode(cpu, MODE_SVC);
	struct regmap_snapshot a, b;
	regmap_snapshot_take(cpu, &a);
	ck_assert(regmap_snapshot_equal(&a, regmap_live(cpu)));
	ck_assert_uint_eq(regmap_snapshot_diff(&a, regmap_live(cpu)), 0);
	cpu->r[3] = 7;
	cpu->r[13] -= 8;
	/* SP in SVC is SP_svc too */
	ck_assert_uint_eq(regmap_snapshot_diff(&a, regmap_live(cpu)),
			  (1ull << REG_R3) | (1ull << REG_SP) | (1ull << REG_SP_SVC));
	ck_assert(!regmap_snapshot_equal(&a, regmap_live(cpu)));
	regmap_snapshot_take(cpu, &a);
	/* an SPSR write alone */
	cpu->bank_spsr[BANK_SVC] ^= 1;
	ck_assert_uint_eq(regmap_snapshot_diff(&a, regmap_live(cpu)),
			  1ull << REG_SPSR_SVC);
	regmap_snapshot_take(cpu, &a);
	/* a mode change: CPSR, and SP/LR views now show IRQ's copies */
	cpu->bank_sp[BANK_IRQ] = cpu->r[13] + 0x100;
	cpu->bank_lr[BANK_IRQ] = cpu->r[14] + 0x100;
	regmap_snapshot_take(cpu, &a);
	cpu_set_mode(cpu, MODE_IRQ);
	regmap_snapshot_take(cpu, &b);
	ck_assert_uint_eq(regmap_snapshot_diff(&a, &b),
			  (1ull << REG_CPSR) | (1ull << REG_SP) | (1ull << REG_LR));
	free_cpu(cpu);
}
END_TEST

/* ---- codec round trip ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return rng_state >> 17;
}

static char *tmp_path(const char *tag)
{
	char *p = malloc(64);
	/* memory-backed when there is one: the corruption tests write the
	 * file once per byte */
	snprintf(p, 64, "%s/hypsim_test_%s_XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", tag);
	int fd = mkstemp(p);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return p;
}

static void make_header(struct trace_header *h, unsigned n_cores)
{
	memset(h, 0, sizeof(*h));
	h->producer = strdup("unit test");
	h->board = strdup("bare");
	h->options = strdup("--test");
	h->n_cores = n_cores;
	h->core_models = calloc(n_cores, sizeof(char *));
	for (unsigned i = 0; i < n_cores; i++)
		h->core_models[i] = strdup(i ? "cortex-a7" : "cortex-a15");
	h->n_images = 1;
	h->images = calloc(1, sizeof(*h->images));
	h->images[0].path = strdup("image.elf");
	h->images[0].hash_kind = TRACE_HASH_SHA256;
	trace_sha256("abc", 3, h->images[0].hash);
	ck_assert(trace_header_fill_regs(h));
	h->n_syms = 2;
	h->syms = calloc(2, sizeof(*h->syms));
	h->syms[0] = (struct trace_symbol){ strdup("_start"), 0x40000000, 0x20 };
	h->syms[1] = (struct trace_symbol){ strdup("main"), 0x40000100, 0 };
}

#define N_RECORDS 600

struct gen_rec {
	struct trace_record r;
	struct trace_reg_val regs[8];
	struct trace_mem mem[4];
	struct trace_event ev[3];
};

static const char *const ops[] = { "ICIALLU", "TLBIALLH", "DCCMVAC" };
static char dyn_op[32];
/* longer than the codec keeps (256): it must read back cut, every time */
static char long_op[300];

/* A reproducible mix of every kind of record and field. */
static void generate(struct gen_rec *g, unsigned n, const struct trace_header *h)
{
	unsigned n_regs = h->n_regs;
	uint32_t pc[2] = { 0x40000000, 0x40010000 };
	uint64_t ic[2] = { 0, 0 };
	rng_state = 12345;
	snprintf(dyn_op, sizeof(dyn_op), "BPIALL%d", 2);
	memset(long_op, 'X', sizeof(long_op) - 1);
	for (unsigned i = 0; i < n; i++) {
		struct trace_record *r = &g[i].r;
		memset(&g[i], 0, sizeof(g[i]));
		r->regs = g[i].regs;
		r->mem = g[i].mem;
		r->ev = g[i].ev;
		unsigned core = i < 2 ? i : (unsigned)(rnd() % 7 == 0 ? rnd() % 2 : (unsigned)g[i - 1].r.core);
		r->core = core;
		r->mode = (uint8_t)(rnd() % 9 == 0 ? 0x1a : 0x13);
		if (i < 2 || rnd() % 50 == 0) {
			r->kind = TREC_SNAPSHOT;
			r->icount = ic[core];
			r->pc = pc[core];
			/* some registers, always with the PC (as writers do) */
			unsigned k = 0;
			bool pc_done = false;
			for (uint32_t id = (uint32_t)(rnd() % 8); id < n_regs && k < 7;
			     id += 1 + (uint32_t)(rnd() % 60)) {
				if (!pc_done && id >= REG_PC) {
					r->regs[k].id = REG_PC;
					r->regs[k].value = pc[core];
					k++;
					pc_done = true;
					if (id == REG_PC)
						continue;
				}
				r->regs[k].id = id;
				r->regs[k].value = (uint32_t)rnd();
				k++;
			}
			if (!pc_done) {
				r->regs[k].id = REG_PC;
				r->regs[k].value = pc[core];
				k++;
			}
			r->n_regs = k;
			continue;
		}
		r->kind = TREC_INSN;
		bool thumb = rnd() % 3 == 0;
		if (thumb)
			r->flags |= TREC_F_THUMB;
		if (rnd() % 40 == 0) {
			r->flags |= TREC_F_NO_INSN;
		} else {
			unsigned s = (unsigned)(rnd() % 8);
			r->enc_size = s == 0 ? 0 : (thumb && s < 4) ? 2 : 4;
			/* repeat encodings at repeated PCs for the cache */
			r->enc = r->enc_size == 2 ? (uint32_t)(pc[core] * 7 & 0xffff)
						  : pc[core] * 2654435761u;
		}
		if (rnd() % 60 == 0)
			r->flags |= TREC_F_NO_POST;
		if (rnd() % 5 == 0)
			pc[core] = 0x40000000 + (uint32_t)(rnd() % 64) * 4;
		if (rnd() % 30 == 0)
			ic[core] += rnd() % 1000; /* a gap */
		r->pc = pc[core];
		r->icount = ic[core];
		if (!(r->flags & TREC_F_NO_INSN)) {
			ic[core]++;
			pc[core] += r->enc_size ? r->enc_size : (thumb ? 2 : 4);
		}
		unsigned nr = (unsigned)(rnd() % 4);
		uint32_t id = (uint32_t)(rnd() % 20);
		for (unsigned k = 0; k < nr && id < n_regs; k++) {
			r->regs[k].id = id;
			bool wide = h->regs[id].width == 64;
			r->regs[k].value = wide ? rnd() << 20 ^ rnd() : (uint32_t)rnd();
			r->n_regs++;
			id += 1 + (uint32_t)(rnd() % (k == 1 ? 200 : 10));
		}
		r->n_mem = (unsigned)(rnd() % 4 == 0 ? rnd() % 5 : 0);
		for (unsigned k = 0; k < r->n_mem; k++) {
			static const uint8_t sizes[4] = { 1, 2, 4, 8 };
			struct trace_mem *m = &r->mem[k];
			m->va = 0x40fff000 + (uint32_t)(rnd() % 4096);
			m->pa = rnd() % 3 == 0 ? 0x80000000ull + m->va : m->va;
			m->size = sizes[rnd() % 4];
			m->is_write = rnd() % 2;
			m->value = m->size == 8 ? rnd() << 30 : rnd() & 0xffffffffu;
		}
		r->n_ev = (unsigned)(rnd() % 6 == 0 ? 1 + rnd() % 3 : 0);
		for (unsigned k = 0; k < r->n_ev; k++) {
			struct trace_event *e = &r->ev[k];
			e->type = (uint8_t)(rnd() % TEV_COUNT);
			if (e->type == TEV_EXCEPTION) {
				e->u.exc.kind = (uint32_t)(rnd() % 13);
				e->u.exc.from_mode = 0x13;
				e->u.exc.to_mode = 0x1a;
				e->u.exc.return_addr = (uint32_t)rnd();
				e->u.exc.vector = 0x40000014;
				e->u.exc.syndrome = (uint32_t)rnd();
				e->u.exc.fault_addr = (uint32_t)rnd();
			} else if (e->type == TEV_SYSREG) {
				e->u.sysreg.id = REGMAP_COUNT + (uint32_t)(rnd() % (n_regs - REGMAP_COUNT));
				e->u.sysreg.old_val = (uint32_t)rnd();
				e->u.sysreg.new_val = (uint32_t)rnd();
			} else {
				unsigned w = (unsigned)(rnd() % 5);
				e->u.maint.op = w < 3 ? ops[w] : w == 3 ? dyn_op : long_op;
				e->u.maint.arg = (uint32_t)rnd();
				e->u.maint.removed = (uint32_t)(rnd() % 100);
			}
		}
	}
}

static char *write_generated(struct gen_rec *g, unsigned n)
{
	struct trace_header h;
	make_header(&h, 2);
	generate(g, n, &h);
	char *path = tmp_path("codec");
	struct trace_sink s;
	char err[256];
	ck_assert_msg(trace_sink_open(&s, path, &h, err, sizeof(err)), "%s", err);
	for (unsigned i = 0; i < n; i++)
		ck_assert(trace_sink_put(&s, &g[i].r));
	ck_assert(trace_sink_close(&s, 7));
	trace_sink_free(&s);
	return path;
}

static void check_same(const struct trace_record *a, const struct trace_record *b,
		       unsigned i)
{
	ck_assert_msg(a->kind == b->kind, "record %u kind", i);
	ck_assert_uint_eq(a->core, b->core);
	ck_assert_msg(a->icount == b->icount, "record %u icount %llu vs %llu", i,
		      (unsigned long long)a->icount, (unsigned long long)b->icount);
	ck_assert_msg(a->pc == b->pc, "record %u pc %x vs %x", i, a->pc, b->pc);
	ck_assert_uint_eq(a->mode, b->mode);
	ck_assert_uint_eq(a->n_regs, b->n_regs);
	for (unsigned k = 0; k < a->n_regs; k++) {
		ck_assert_uint_eq(a->regs[k].id, b->regs[k].id);
		ck_assert_msg(a->regs[k].value == b->regs[k].value, "record %u reg %u", i, k);
	}
	if (a->kind == TREC_SNAPSHOT)
		return;
	ck_assert_msg(a->flags == b->flags || (a->enc_size == 0 && b->enc_size == 0 &&
					     (a->flags & ~TREC_F_THUMB) == (b->flags & ~TREC_F_THUMB)),
		      "record %u flags %x vs %x", i, a->flags, b->flags);
	ck_assert_uint_eq(a->enc_size, b->enc_size);
	if (a->enc_size)
		ck_assert_uint_eq(a->enc, b->enc);
	ck_assert_uint_eq(a->n_mem, b->n_mem);
	for (unsigned k = 0; k < a->n_mem; k++) {
		ck_assert_uint_eq(a->mem[k].va, b->mem[k].va);
		ck_assert(a->mem[k].pa == b->mem[k].pa);
		ck_assert_uint_eq(a->mem[k].size, b->mem[k].size);
		ck_assert_uint_eq(a->mem[k].is_write, b->mem[k].is_write);
		ck_assert(a->mem[k].value == b->mem[k].value);
	}
	ck_assert_uint_eq(a->n_ev, b->n_ev);
	for (unsigned k = 0; k < a->n_ev; k++) {
		const struct trace_event *x = &a->ev[k], *y = &b->ev[k];
		ck_assert_uint_eq(x->type, y->type);
		if (x->type == TEV_MAINT) {
			ck_assert(strncmp(x->u.maint.op, y->u.maint.op, 256) == 0);
			ck_assert_uint_le(strlen(y->u.maint.op), 256);
			ck_assert_uint_eq(x->u.maint.arg, y->u.maint.arg);
			ck_assert_uint_eq(x->u.maint.removed, y->u.maint.removed);
		} else if (x->type == TEV_SYSREG) {
			ck_assert_uint_eq(x->u.sysreg.id, y->u.sysreg.id);
			ck_assert(x->u.sysreg.old_val == y->u.sysreg.old_val);
			ck_assert(x->u.sysreg.new_val == y->u.sysreg.new_val);
		} else {
			ck_assert(memcmp(&x->u.exc, &y->u.exc, sizeof(x->u.exc)) == 0);
		}
	}
}

START_TEST(test_codec_roundtrip)
{
	static struct gen_rec g[N_RECORDS];
	char *path = write_generated(g, N_RECORDS);
	char err[512];
	struct trace_reader *rd = trace_reader_open(path, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	const struct trace_header *h = trace_reader_header(rd);
	ck_assert_str_eq(h->producer, "unit test");
	ck_assert_str_eq(h->board, "bare");
	ck_assert_uint_eq(h->n_cores, 2);
	ck_assert_str_eq(h->core_models[1], "cortex-a7");
	ck_assert_uint_eq(h->n_regs, REGMAP_COUNT + sysreg_count() + REGMAP_FP_COUNT);
	/* the floating-point registers come last, D<n> 64 bits wide */
	int d0 = trace_header_find_reg(h, "D0");
	ck_assert_int_eq(d0, (int)(REGMAP_COUNT + sysreg_count()));
	ck_assert_uint_eq(h->regs[d0].width, 64);
	ck_assert_uint_eq(h->regs[d0].group, REGMAP_GROUP_FP);
	ck_assert_int_eq(trace_header_find_reg(h, "d31"), d0 + 31);
	ck_assert_int_eq(trace_header_find_reg(h, "FPSCR"), d0 + 32);
	ck_assert_uint_eq(h->regs[d0 + 32].width, 32);
	ck_assert_int_eq(trace_header_find_reg(h, "FPEXC"), d0 + 33);
	ck_assert_str_eq(h->regs[REG_SP_SVC].name, "SP_svc");
	ck_assert_uint_eq(h->regs[REG_SP_SVC].alias_view, REG_SP);
	ck_assert_str_eq(h->images[0].path, "image.elf");
	/* SHA-256("abc"), FIPS 180-2 appendix B.1 */
	static const uint8_t abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
		0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
		0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
	ck_assert(memcmp(h->images[0].hash, abc, 32) == 0);
	ck_assert_ptr_nonnull(trace_header_symbol(h, 0x40000004));
	ck_assert_str_eq(trace_header_symbol(h, 0x40000004)->name, "_start");
	ck_assert_ptr_null(trace_header_symbol(h, 0x40000040)); /* past _start's size */
	ck_assert_str_eq(trace_header_symbol(h, 0x40000400)->name, "main");
	ck_assert_int_eq(trace_header_find_reg(h, "r14"), REG_LR);
	ck_assert_int_eq(trace_header_find_reg(h, "MIDR") >= REGMAP_COUNT, 1);

	struct trace_record r;
	unsigned i = 0;
	int res;
	while ((res = trace_reader_next(rd, &r)) == 1) {
		ck_assert_uint_lt(i, N_RECORDS);
		check_same(&g[i].r, &r, i);
		i++;
	}
	ck_assert_msg(res == 0, "%s", trace_reader_error(rd));
	ck_assert_uint_eq(i, N_RECORDS);
	ck_assert_uint_eq(trace_reader_dropped(rd), 7);
	ck_assert_uint_eq(trace_reader_end_reason(rd), TRACE_END_NORMAL);
	trace_reader_close(rd);
	unlink(path);
	free(path);
}
END_TEST

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

static uint8_t *slurp(const char *path, long *n)
{
	*n = file_size(path);
	uint8_t *b = malloc((size_t)*n);
	FILE *f = fopen(path, "rb");
	ck_assert_uint_eq(fread(b, 1, (size_t)*n, f), (size_t)*n);
	fclose(f);
	return b;
}

static void spit(const char *path, const uint8_t *b, long n)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
}

/* Read everything; returns the error line, or NULL if the file read
 * cleanly. */
static const char *read_all(const char *path, char *err, size_t errlen)
{
	struct trace_reader *rd = trace_reader_open(path, err, errlen);
	if (!rd)
		return err;
	struct trace_record r;
	int res;
	while ((res = trace_reader_next(rd, &r)) == 1)
		;
	const char *out = NULL;
	if (res < 0) {
		snprintf(err, errlen, "%s", trace_reader_error(rd));
		out = err;
	}
	trace_reader_close(rd);
	return out;
}

START_TEST(test_every_truncation_is_reported)
{
	static struct gen_rec g[N_RECORDS];
	char *path = write_generated(g, 120);
	long n;
	uint8_t *b = slurp(path, &n);
	char *cut = tmp_path("cut");
	char err[512];
	ck_assert_ptr_null(read_all(path, err, sizeof(err)));
	for (long len = 0; len < n; len++) {
		spit(cut, b, len);
		const char *e = read_all(cut, err, sizeof(err));
		ck_assert_msg(e != NULL, "a file cut to %ld of %ld bytes read cleanly", len, n);
		ck_assert_msg(strstr(e, cut) != NULL, "message without the path: %s", e);
		ck_assert_msg(strstr(e, "truncated") || (len == 0 && strstr(e, "empty")),
			      "cut to %ld: %s", len, e);
		ck_assert_msg(strchr(e, '\n') == NULL, "not one line: %s", e);
	}
	unlink(cut);
	unlink(path);
	free(cut);
	free(path);
	free(b);
}
END_TEST

START_TEST(test_every_byte_flip_is_reported)
{
	static struct gen_rec g[N_RECORDS];
	char *path = write_generated(g, 120);
	long n;
	uint8_t *b = slurp(path, &n);
	char *bad = tmp_path("flip");
	char err[512];
	for (long pos = 0; pos < n; pos++) {
		b[pos] ^= 0x21;
		spit(bad, b, n);
		b[pos] ^= 0x21;
		const char *e = read_all(bad, err, sizeof(err));
		ck_assert_msg(e != NULL, "a flip at byte %ld of %ld went unnoticed", pos, n);
		ck_assert_msg(strstr(e, "corrupted") || strstr(e, "truncated") ||
				      strstr(e, "not a hypsim trace") ||
				      strstr(e, "unsupported trace version"),
			      "flip at %ld: %s", pos, e);
	}
	/* and one byte too many */
	uint8_t *more = malloc((size_t)n + 1);
	memcpy(more, b, (size_t)n);
	more[n] = 'B';
	spit(bad, more, n + 1);
	ck_assert_ptr_nonnull(read_all(bad, err, sizeof(err)));
	ck_assert_msg(strstr(err, "after the end record"), "%s", err);
	free(more);
	unlink(bad);
	unlink(path);
	free(bad);
	free(path);
	free(b);
}
END_TEST

START_TEST(test_show_truncated_exits_2)
{
	static struct gen_rec g[N_RECORDS];
	char *path = write_generated(g, 100);
	long n;
	uint8_t *b = slurp(path, &n);
	spit(path, b, n - 3);
	char *out_buf = NULL, *err_buf = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *out = open_memstream(&out_buf, &out_len);
	FILE *errf = open_memstream(&err_buf, &err_len);
	int rc = trace_show(path, TRACE_SHOW_TEXT, out, errf);
	fclose(out);
	fclose(errf);
	ck_assert_int_eq(rc, 2);
	ck_assert_msg(strstr(err_buf, "truncated") != NULL, "%s", err_buf);
	ck_assert_uint_eq(strchr(err_buf, '\n') - err_buf, err_len - 1); /* one line */
	/* what could be read was shown first */
	ck_assert_ptr_nonnull(strstr(out_buf, "# hypsim trace v1 by unit test"));
	free(out_buf);
	free(err_buf);
	/* and a complete file shows with 0 */
	spit(path, b, n);
	out = open_memstream(&out_buf, &out_len);
	errf = open_memstream(&err_buf, &err_len);
	rc = trace_show(path, TRACE_SHOW_TEXT, out, errf);
	fclose(out);
	fclose(errf);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out_buf, "# end: 100 records, 7 earlier ones dropped"));
	ck_assert_ptr_nonnull(strstr(out_buf, "maintenance "));
	ck_assert_ptr_nonnull(strstr(out_buf, "exception "));
	ck_assert_uint_eq(err_len, 0);
	free(out_buf);
	free(err_buf);
	unlink(path);
	free(path);
	free(b);
}
END_TEST

START_TEST(test_sha256_vectors)
{
	/* FIPS 180-2 appendix B.2 (two blocks) and the empty message */
	uint8_t h[32];
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	trace_sha256(m, strlen(m), h);
	static const uint8_t want[32] = {
		0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26,
		0x93, 0x0c, 0x3e, 0x60, 0x39, 0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff,
		0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1 };
	ck_assert(memcmp(h, want, 32) == 0);
	trace_sha256("", 0, h);
	ck_assert_uint_eq(h[0], 0xe3);
	ck_assert_uint_eq(h[31], 0x55);
	/* CRC-32C check value (RFC 3720 B.4: 32 bytes of zeros) */
	uint8_t z[32] = { 0 };
	ck_assert_uint_eq(trace_crc32c(0, z, 32), 0x8a9136aa);
	ck_assert_uint_eq(trace_crc32c(0, "123456789", 9), 0xe3069283);
	ck_assert_uint_eq(trace_crc32c_sw(0, z, 32), 0x8a9136aa);
	ck_assert_uint_eq(trace_crc32c_sw(0, "123456789", 9), 0xe3069283);
	/* the hardware path (where the host has one) and the table agree on
	 * every length and alignment, and when chained */
	uint8_t buf[300];
	for (unsigned i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 37u + 11u);
	for (unsigned off = 0; off < 8; off++)
		for (unsigned len = 0; len + off <= sizeof buf; len += 7) {
			uint32_t a = trace_crc32c(0, buf + off, len);
			ck_assert_uint_eq(a, trace_crc32c_sw(0, buf + off, len));
			ck_assert_uint_eq(trace_crc32c(a, buf, 13),
					  trace_crc32c_sw(a, buf, 13));
		}
}
END_TEST

/* ---- the sink's writer thread (sink.c) ---- */

/* The generated records put `passes` times over (several of the sink's
 * 2 MiB buffers); after the put for which `stop_at` returns true, the
 * sink is ended as the second stop signal ends it. Returns the records
 * put. */
static uint64_t put_passes(struct trace_sink *s, const char *path,
			   struct gen_rec *g, unsigned passes,
			   bool (*stop_at)(const struct trace_sink *, uint64_t))
{
	struct trace_header h;
	make_header(&h, 2);
	generate(g, N_RECORDS, &h);
	char err[256];
	ck_assert_msg(trace_sink_open(s, path, &h, err, sizeof(err)), "%s", err);
	uint64_t n = 0;
	for (unsigned p = 0; p < passes; p++)
		for (unsigned i = 0; i < N_RECORDS; i++) {
			ck_assert(trace_sink_put(s, &g[i].r));
			n++;
			if (stop_at && stop_at(s, n)) {
				trace_sink_close_from_signal(s, 0);
				return n;
			}
		}
	ck_assert(trace_sink_close(s, 0));
	return n;
}

/* Every record put, in order, and the end record's reason. */
static void check_passes(const char *path, struct gen_rec *g, uint64_t n,
			 unsigned reason)
{
	char err[512];
	struct trace_reader *rd = trace_reader_open(path, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	struct trace_record r;
	uint64_t i = 0;
	int res;
	bool in_order = true;
	while ((res = trace_reader_next(rd, &r)) == 1 && in_order) {
		/* check_same's per-field assertions once per record would
		 * be millions of Check messages: the key fields here, all of
		 * them on the first pass and at a difference */
		const struct trace_record *a = &g[i % N_RECORDS].r;
		in_order = i < n && a->kind == r.kind && a->icount == r.icount &&
			   a->pc == r.pc && a->n_regs == r.n_regs &&
			   a->n_mem == r.n_mem && a->n_ev == r.n_ev;
		if (i < N_RECORDS || !in_order)
			check_same(a, &r, (unsigned)(i % N_RECORDS));
		i++;
	}
	ck_assert_msg(res == 0, "%s", trace_reader_error(rd));
	ck_assert_uint_eq(i, n);
	ck_assert_uint_eq(trace_reader_end_reason(rd), reason);
	trace_reader_close(rd);
}

/* A trace written over a longer old file is the one a new file gets:
 * the writer thread cuts the old tail off (the O_TRUNC the sink leaves
 * to it), and the buffers it writes arrive whole and in order. */
START_TEST(test_sink_over_an_old_file)
{
	static struct gen_rec g[N_RECORDS];
	char *fresh = tmp_path("sink_fresh"), *old = tmp_path("sink_old");
	struct trace_sink s;
	uint64_t n = put_passes(&s, fresh, g, 400, NULL);
	trace_sink_free(&s);
	long fresh_len;
	uint8_t *want = slurp(fresh, &fresh_len);
	ck_assert_int_gt(fresh_len, 5l << 20); /* more than two buffers */
	/* an old file longer than the new trace, not a trace at all */
	long junk_len = fresh_len + (3l << 20);
	uint8_t *junk = malloc((size_t)junk_len);
	memset(junk, 0xa5, (size_t)junk_len);
	spit(old, junk, junk_len);
	free(junk);
	ck_assert_uint_eq(put_passes(&s, old, g, 400, NULL), n);
	trace_sink_free(&s);
	long old_len;
	uint8_t *got = slurp(old, &old_len);
	ck_assert_int_eq(old_len, fresh_len);
	ck_assert(memcmp(got, want, (size_t)fresh_len) == 0);
	check_passes(old, g, n, TRACE_END_NORMAL);
	free(got);
	free(want);
	unlink(fresh);
	unlink(old);
	free(fresh);
	free(old);
}
END_TEST

static uint64_t posts_seen;
static bool after_posts(const struct trace_sink *s, uint64_t n)
{
	(void)n;
	/* a buffer was just handed to the thread (out_buf changed) */
	static const uint8_t *last;
	if (s->out_buf && s->out_buf != last) {
		last = s->out_buf;
		return ++posts_seen == 2;
	}
	return false;
}

static bool after_records(const struct trace_sink *s, uint64_t n)
{
	(void)s;
	return n == 70001;
}

/* Ended from a signal right after a buffer went to the thread (which may
 * still be writing it), or in the middle of one: the file holds every
 * record put, once, and says it was ended by a signal. */
START_TEST(test_sink_ended_from_a_signal)
{
	static struct gen_rec g[N_RECORDS];
	char *path = tmp_path("sink_signal");
	struct trace_sink s;
	posts_seen = 0;
	uint64_t n = put_passes(&s, path, g, 300,
				_i == 0 ? after_posts : after_records);
	ck_assert_uint_lt(n, 300u * N_RECORDS);
	trace_sink_free(&s);
	check_passes(path, g, n, TRACE_END_SIGNAL);
	unlink(path);
	free(path);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("regmap");
	tcase_add_test(tc, test_regmap_names);
	tcase_add_test(tc, test_regmap_banking);
	tcase_add_test(tc, test_regmap_diff);
	suite_add_tcase(s, tc);
	tc = tcase_create("format");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_codec_roundtrip);
	tcase_add_test(tc, test_every_truncation_is_reported);
	tcase_add_test(tc, test_every_byte_flip_is_reported);
	tcase_add_test(tc, test_show_truncated_exits_2);
	suite_add_tcase(s, tc);
	tc = tcase_create("sink");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sink_over_an_old_file);
	tcase_add_loop_test(tc, test_sink_ended_from_a_signal, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(trace_suite)
