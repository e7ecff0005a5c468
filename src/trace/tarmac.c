/* Tarmac out (`trace show --format tarmac`, `trace export`) and in
 * (`trace import-tarmac`).
 *
 * The variant is the one Arm Fast Models' Tarmac plugin writes, as Arm's
 * tarmac-trace-utilities parse it (its tests/parsertest.txt, "Trace lines
 * seen in the output of Fast Models's Tarmac plugin", with the `cpuN` core
 * tag of its multi-core samples) and gem5's TarmacParser reads it: one
 * event per line, "<time> clk cpu<N> <kind> …".
 *
 *   instructions  <t> clk cpu0 IT (<icount>) <pc> <enc> A|T <mode>_s|n : <disasm>
 *                 IT executed, IS failed its condition check; <enc> is 8
 *                 hex digits (ARM, or a 32-bit Thumb instruction, first
 *                 halfword first) or 4 (16-bit Thumb), "--------" when
 *                 the trace does not know it; _s/_n the security state.
 *   registers     <t> clk cpu0 R <name> <value>
 *                 r0-r12, r13_<bank>/r14_<bank> (Fast Models' names of SP
 *                 and LR: the bank of the mode, usr for User/System and
 *                 Hyp's LR), cpsr, spsr_<mode>, elr_hyp, r8_fiq…, d0-d31,
 *                 fpscr, fpexc; a system-register write is an R line with
 *                 its name in capitals (HCR, VTTBR: 16 digits when 64-bit).
 *   memory        <t> clk cpu0 MR<size>|MW<size> <va>:<pa, 12 digits> <value>
 *                 (8-byte values as two words joined by "_").
 *   exceptions    <t> clk cpu0 E <pc> <kind> CoreEvent_<NAME> vector=<v>
 *                 return=<r> from=<mode> to=<mode> syndrome=<s> far=<f>
 *                 Fast Models writes the first three fields; the rest are
 *                 hypsim's additions (the utilities keep an E line's text
 *                 as it is). <kind> is hyp/exception.h's number.
 *   maintenance   <t> clk cpu0 R <OP> <arg>:<entries removed>
 *                 (the form of the "R DC CISW …" lines).
 * <t> is the core's instruction count (hypsim has no clock of its own
 * worth printing): an instruction's lines share its time; the state a
 * core starts in is R lines before its first instruction; an exception
 * taken between instructions is an E line with a time of its own,
 * followed by its R lines.
 *
 * The importer reads that, and what an FVP or gem5 writes of it: the time
 * and its unit are optional and any unit is accepted, the core tag is
 * optional (core 0), lines it does not know (CADI, SIGNAL, CACHE …, text
 * events) are skipped and counted. Every line is checked as it is read;
 * the file is read twice (the first pass finds the cores and which kinds
 * of lines the trace has, for the header's `absent` mask). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "sim/disasm.h"
#include "trace/reader.h"
#include "trace/sink.h"
#include "trace/tools.h"
#include "trace/view.h"

#define TARMAC_MAX_CORES 64

/* ---- names ---- */

/* The bank whose SP (n 13) or LR (n 14) the view register shows in mode. */
static const char *view_bank(unsigned n, unsigned mode)
{
	if (mode == MODE_SYS || (n == 14 && mode == MODE_HYP))
		return "usr";
	return regmap_mode_name(mode);
}

/* Tarmac name of register id of header h, shown in `mode`. */
static void tarmac_reg_name(const struct trace_header *h, uint32_t id,
			    unsigned mode, char *buf, size_t len)
{
	if (id == REG_SP || id == REG_LR) {
		snprintf(buf, len, "r%u_%s", id, view_bank(id, mode));
		return;
	}
	const char *nm = id < h->n_regs ? h->regs[id].name : "?";
	bool upper = id < h->n_regs && h->regs[id].group == REGMAP_GROUP_SYSREG;
	if (!upper && (strncasecmp(nm, "SP_", 3) == 0 ||
		       strncasecmp(nm, "LR_", 3) == 0)) {
		snprintf(buf, len, "r1%c_%s", nm[0] == 'S' || nm[0] == 's' ? '3' : '4',
			 nm + 3);
		return;
	}
	size_t i = 0;
	for (; nm[i] && i + 1 < len; i++)
		buf[i] = (char)(upper ? toupper((unsigned char)nm[i])
				      : tolower((unsigned char)nm[i]));
	buf[i] = 0;
}

/* ---- export ---- */

struct tx {
	FILE *out;
	const struct trace_header *h;
	struct trace_state st;
	uint8_t *need_state; /* per core: dump the state before its next line */
};

static void put_value(FILE *out, const struct trace_header *h, uint32_t id,
		      uint64_t v)
{
	if (id < h->n_regs && h->regs[id].width == 64)
		fprintf(out, "%016" PRIx64 "\n", v);
	else
		fprintf(out, "%08" PRIx64 "\n", v);
}

static void put_reg(struct tx *t, uint64_t ts, unsigned core, uint32_t id,
		    unsigned mode, uint64_t v)
{
	char nm[64];
	tarmac_reg_name(t->h, id, mode, nm, sizeof(nm));
	fprintf(t->out, "%" PRIu64 " clk cpu%u R %s ", ts, core, nm);
	put_value(t->out, t->h, id, v);
}

static unsigned mode_of(const struct trace_state *s, unsigned core,
			unsigned dflt)
{
	if (core < s->n_cores && s->known[core][REG_CPSR])
		return (unsigned)(s->val[core][REG_CPSR] & CPSR_M_MASK);
	return dflt;
}

/* The whole known state of a core: the lines before its first
 * instruction (or after a gap in the recording). */
static void dump_state(struct tx *t, unsigned core, uint64_t ts,
		       unsigned dflt_mode, uint32_t pc)
{
	unsigned mode = mode_of(&t->st, core, dflt_mode);
	const uint8_t *known = t->st.known[core];
	const uint64_t *val = t->st.val[core];
	if (known[REG_CPSR])
		put_reg(t, ts, core, REG_CPSR, mode, val[REG_CPSR]);
	for (uint32_t id = 0; id < t->h->n_regs; id++) {
		if (!known[id] || id == REG_CPSR)
			continue;
		if (id == REG_PC) {
			/* records do not carry R15: the next one's PC is it */
			fprintf(t->out, "%" PRIu64 " clk cpu%u R pc %08x\n", ts,
				core, pc);
			continue;
		}
		/* the copy behind a view register is the view's line */
		const struct trace_reg_desc *d = &t->h->regs[id];
		if (d->alias_modes && d->alias_view != 0xff &&
		    (d->alias_modes & (1u << (mode & 0xf))))
			continue;
		put_reg(t, ts, core, id, mode, val[id]);
	}
}

static bool is_dup(const struct trace_header *h, const struct trace_record *r,
		   unsigned i, unsigned post_mode)
{
	const struct trace_reg_val *v = &r->regs[i];
	if (v->id >= h->n_regs)
		return false;
	const struct trace_reg_desc *d = &h->regs[v->id];
	if (!d->alias_modes || d->alias_view == 0xff ||
	    !(d->alias_modes & (1u << (post_mode & 0xf))))
		return false;
	for (unsigned k = 0; k < r->n_regs; k++)
		if (r->regs[k].id == d->alias_view && r->regs[k].value == v->value)
			return true;
	return false;
}

static void put_exception(struct tx *t, uint64_t ts, unsigned core,
			  uint32_t pc, const struct trace_event *e)
{
	fprintf(t->out, "%" PRIu64 " clk cpu%u E %08x %08x CoreEvent_%s vector=%08x "
			"return=%08x from=%s to=%s syndrome=%08x far=%08x\n",
		ts, core, pc, e->u.exc.kind, trace_exception_name(e->u.exc.kind),
		e->u.exc.vector, e->u.exc.return_addr,
		regmap_mode_name(e->u.exc.from_mode),
		regmap_mode_name(e->u.exc.to_mode), e->u.exc.syndrome,
		e->u.exc.fault_addr);
}

static void export_record(struct tx *t, const struct trace_record *r)
{
	unsigned c = r->core;
	uint64_t ts = r->icount;
	if (t->need_state[c]) {
		dump_state(t, c, ts, r->mode, r->pc);
		t->need_state[c] = 0;
	}
	bool thumb = r->flags & TREC_F_THUMB;
	if (!(r->flags & TREC_F_NO_INSN)) {
		/* IS needs the flags before it; unknown flags say IT */
		bool exec = true;
		if (t->st.known[c][REG_CPSR])
			exec = trace_insn_executed(r->enc, r->enc_size, thumb,
					(uint32_t)t->st.val[c][REG_CPSR]);
		char dis[96] = "";
		char enc[16];
		if (r->enc_size == 4)
			snprintf(enc, sizeof(enc), "%08x", r->enc);
		else if (r->enc_size == 2)
			snprintf(enc, sizeof(enc), "%04x", r->enc & 0xffff);
		else
			snprintf(enc, sizeof(enc), "--------");
		if (r->enc_size)
			disasm_one(r->enc, r->enc_size, thumb, r->pc, dis, sizeof(dis));
		fprintf(t->out, "%" PRIu64 " clk cpu%u %s (%" PRIu64 ") %08x %s %c %s_%c : %s\n",
			ts, c, exec ? "IT" : "IS", r->icount, r->pc, enc,
			thumb ? 'T' : 'A', regmap_mode_name(r->mode),
			trace_state_nonsecure(&t->st, c, r->mode) ? 'n' : 's', dis);
	}
	for (unsigned i = 0; i < r->n_ev; i++)
		if (r->ev[i].type == TEV_EXCEPTION)
			put_exception(t, ts, c, r->pc, &r->ev[i]);
	/* the mode after the record names SP and LR; CPSR goes first so a
	 * reader knows it before their lines */
	unsigned post = r->mode;
	for (unsigned i = 0; i < r->n_regs; i++) {
		if (r->regs[i].id == REG_CPSR) {
			post = (unsigned)(r->regs[i].value & CPSR_M_MASK);
			put_reg(t, ts, c, REG_CPSR, post, r->regs[i].value);
		}
	}
	for (unsigned i = 0; i < r->n_regs; i++) {
		uint32_t id = r->regs[i].id;
		if (id == REG_CPSR || id == REG_PC || is_dup(t->h, r, i, post))
			continue;
		put_reg(t, ts, c, id, post, r->regs[i].value);
	}
	for (unsigned i = 0; i < r->n_mem; i++) {
		const struct trace_mem *m = &r->mem[i];
		fprintf(t->out, "%" PRIu64 " clk cpu%u M%c%u %08x:%012" PRIx64 " ", ts,
			c, m->is_write ? 'W' : 'R', m->size, m->va, m->pa);
		if (m->size == 8)
			fprintf(t->out, "%08" PRIx64 "_%08" PRIx64 "\n", m->value >> 32,
				m->value & 0xffffffffu);
		else
			fprintf(t->out, "%0*" PRIx64 "\n", m->size * 2, m->value);
	}
	for (unsigned i = 0; i < r->n_ev; i++) {
		const struct trace_event *e = &r->ev[i];
		if (e->type == TEV_SYSREG)
			put_reg(t, ts, c, e->u.sysreg.id, post, e->u.sysreg.new_val);
		else if (e->type == TEV_MAINT)
			fprintf(t->out, "%" PRIu64 " clk cpu%u R %s %08x:%08x\n", ts, c,
				e->u.maint.op, e->u.maint.arg, e->u.maint.removed);
	}
}

int trace_export_tarmac(const char *path, const struct trace_bound *from,
			const struct trace_bound *to, FILE *out, FILE *err)
{
	char msg[512];
	struct trace_reader *rd = trace_reader_open(path, msg, sizeof(msg));
	if (!rd) {
		fprintf(err, "hypsim trace show: %s\n", msg);
		return 2;
	}
	const struct trace_header *h = trace_reader_header(rd);
	struct tx t = { .out = out, .h = h };
	struct trace_range range;
	struct trace_bound f = from ? *from : (struct trace_bound){ 0 };
	struct trace_bound u = to ? *to : (struct trace_bound){ 0 };
	int rc = 2;
	if (!trace_bound_resolve(&f, h, msg, sizeof(msg)) ||
	    !trace_bound_resolve(&u, h, msg, sizeof(msg))) {
		fprintf(err, "hypsim trace show: %s\n", msg);
		trace_reader_close(rd);
		return 2;
	}
	t.need_state = calloc(h->n_cores + 1, 1);
	if (!t.need_state || !trace_state_init(&t.st, h) ||
	    !trace_range_init(&range, &f, &u, h->n_cores)) {
		fprintf(err, "hypsim trace show: out of memory\n");
		goto out;
	}
	struct trace_record r;
	int res;
	while ((res = trace_reader_next(rd, &r)) == 1) {
		if (r.core >= h->n_cores)
			continue;
		if (r.kind == TREC_SNAPSHOT) {
			t.need_state[r.core] = 1;
		} else if (trace_range_keep(&range, &r)) {
			export_record(&t, &r);
		} else if (trace_range_active(&range)) {
			/* outside the range: the state goes on, and whoever
			 * reads from the range's start needs it whole */
			t.need_state[r.core] = 1;
		}
		trace_state_apply(&t.st, &r);
	}
	if (res < 0) {
		fflush(out);
		fprintf(err, "hypsim trace show: %s\n", trace_reader_error(rd));
	} else {
		rc = 0;
	}
out:
	trace_range_free(&range);
	trace_state_free(&t.st);
	free(t.need_state);
	trace_reader_close(rd);
	return rc;
}

/* ---- import ---- */

struct tline {
	bool has_ts;
	uint64_t ts;
	unsigned core;
	const char *kind; /* points into the line */
	char *rest;       /* after the kind token */
};

static char *skip_ws(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static char *token(char **s)
{
	char *p = skip_ws(*s);
	if (!*p)
		return NULL;
	char *b = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = 0;
	*s = p;
	return b;
}

/* "<time> [unit] [cpuN] KIND rest". 0 not an event line (blank, comment),
 * 1 parsed, -1 malformed core tag. */
static int split_line(char *line, struct tline *l)
{
	memset(l, 0, sizeof(*l));
	char *s = line;
	char *t = token(&s);
	if (!t || t[0] == '#' || t[0] == ';')
		return 0;
	if (isdigit((unsigned char)t[0])) {
		char *end;
		l->ts = strtoull(t, &end, 10);
		l->has_ts = true;
		/* the unit, glued ("271ns") or a word of its own */
		if (!*end) {
			char *save = s;
			char *u = token(&s);
			if (u && !(strcmp(u, "clk") == 0 || strcmp(u, "ns") == 0 ||
				   strcmp(u, "ps") == 0 || strcmp(u, "cs") == 0 ||
				   strcmp(u, "tic") == 0 || strcmp(u, "cyc") == 0 ||
				   strcmp(u, "us") == 0)) {
				/* no unit: that was the next token */
				s = save;
			}
		}
		t = token(&s);
		if (!t)
			return 0;
	}
	if (strncmp(t, "cpu", 3) == 0 && isdigit((unsigned char)t[3])) {
		char *end;
		unsigned long c = strtoul(t + 3, &end, 10);
		if (*end || c >= TARMAC_MAX_CORES)
			return -1;
		l->core = (unsigned)c;
		t = token(&s);
		if (!t)
			return 0;
	}
	l->kind = t;
	l->rest = s;
	return 1;
}

static bool parse_hex(const char *s, uint64_t *v)
{
	char buf[40];
	size_t n = 0;
	for (; *s; s++) {
		if (*s == '_' || *s == ' ')
			continue;
		if (!isxdigit((unsigned char)*s) || n + 1 >= sizeof(buf))
			return false;
		buf[n++] = *s;
	}
	if (n == 0 || n > 16)
		return false;
	buf[n] = 0;
	*v = strtoull(buf, NULL, 16);
	return true;
}

/* Bank name -> mode (usr/fiq/irq/svc/abt/und/mon/hyp). */
static int bank_mode(const char *b)
{
	int m = regmap_mode_from_name(b);
	return m == MODE_SYS ? MODE_USR : m;
}

struct pend {
	bool open;
	bool has_ts;
	uint64_t ts;
	struct trace_record r;
	struct trace_reg_val regs[256];
	struct trace_mem mem[64];
	struct trace_event ev[32];
	uint64_t next_icount;
	bool started;    /* the start snapshot is written */
	bool state_dirty; /* R lines outside a record since then */
	unsigned mode;   /* current mode, from CPSR */
};

struct importer {
	struct trace_sink sink;
	const struct trace_header *h;
	struct trace_state st;
	struct trace_range range;
	struct pend *cores; /* n_cores */
	unsigned n_cores;
	char **ops; /* maintenance op names, interned */
	unsigned n_ops;
	uint64_t skipped;
	struct trace_reg_val *snap; /* n_regs */
	const char *path;
	uint64_t line_no;
	char err[512];
};

static const char *intern_op(struct importer *im, const char *op)
{
	for (unsigned i = 0; i < im->n_ops; i++)
		if (strcmp(im->ops[i], op) == 0)
			return im->ops[i];
	char **n = realloc(im->ops, (im->n_ops + 1) * sizeof(*n));
	if (!n)
		return NULL;
	im->ops = n;
	if (!(n[im->n_ops] = strdup(op)))
		return NULL;
	return n[im->n_ops++];
}

static bool put_snapshot(struct importer *im, unsigned core, uint64_t icount)
{
	unsigned n = 0;
	for (uint32_t id = 0; id < im->h->n_regs; id++) {
		if (!im->st.known[core][id])
			continue;
		im->snap[n].id = id;
		im->snap[n].value = im->st.val[core][id];
		n++;
	}
	struct pend *p = &im->cores[core];
	struct trace_record s = {
		.kind = TREC_SNAPSHOT, .core = core, .icount = icount,
		.mode = (uint8_t)p->mode, .n_regs = n, .regs = im->snap,
	};
	return trace_sink_put(&im->sink, &s);
}

static int cmp_reg(const void *x, const void *y)
{
	const struct trace_reg_val *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

static bool flush_core(struct importer *im, unsigned core)
{
	struct pend *p = &im->cores[core];
	if (!p->open)
		return true;
	p->open = false;
	/* the format wants registers in id order; Tarmac has its own */
	qsort(p->regs, p->r.n_regs, sizeof(p->regs[0]), cmp_reg);
	bool keep = trace_range_keep(&im->range, &p->r);
	if (keep && (!p->started || p->state_dirty)) {
		if (!put_snapshot(im, core, p->r.icount))
			return false;
		p->started = true;
		p->state_dirty = false;
	}
	if (!keep)
		p->state_dirty = true; /* resume with the whole state */
	trace_state_apply(&im->st, &p->r);
	if (!(p->r.flags & TREC_F_NO_INSN))
		p->next_icount = p->r.icount + 1;
	return !keep || trace_sink_put(&im->sink, &p->r);
}

static bool fail(struct importer *im, const char *what)
{
	snprintf(im->err, sizeof(im->err), "%s:%" PRIu64 ": %s", im->path,
		 im->line_no, what);
	return false;
}

static void open_record(struct pend *p, const struct tline *l, unsigned core)
{
	memset(&p->r, 0, sizeof(p->r));
	p->r.kind = TREC_INSN;
	p->r.core = core;
	p->r.regs = p->regs;
	p->r.mem = p->mem;
	p->r.ev = p->ev;
	p->open = true;
	p->has_ts = l->has_ts;
	p->ts = l->ts;
}

/* Whether a line belongs to the core's open record (same time). */
static bool attached(const struct pend *p, const struct tline *l)
{
	return p->open && (!l->has_ts || !p->has_ts || l->ts == p->ts);
}

static bool set_reg(struct importer *im, unsigned core, uint32_t id,
		    uint64_t v)
{
	struct pend *p = &im->cores[core];
	/* More hex digits than a 32-bit register holds: refused here, or
	 * the trace written would be one the reader calls corrupted (found
	 * by fuzz_tarmac). */
	if (im->h->regs[id].width != 64 && v > UINT32_MAX)
		return fail(im, "register value wider than the register");
	if (id == REG_CPSR)
		p->mode = (unsigned)(v & CPSR_M_MASK);
	if (!p->open) {
		/* state outside a record: the start state, or a change the
		 * producer wrote on its own */
		im->st.val[core][id] = v;
		im->st.known[core][id] = 1;
		p->state_dirty = p->started;
		return true;
	}
	for (unsigned i = 0; i < p->r.n_regs; i++) {
		if (p->regs[i].id == id) {
			p->regs[i].value = v;
			return true;
		}
	}
	if (p->r.n_regs >= sizeof(p->regs) / sizeof(p->regs[0]))
		return fail(im, "too many register lines for one instruction");
	p->regs[p->r.n_regs].id = id;
	p->regs[p->r.n_regs].value = v;
	p->r.n_regs++;
	return true;
}

static struct trace_event *new_event(struct importer *im, struct pend *p)
{
	if (p->r.n_ev >= sizeof(p->ev) / sizeof(p->ev[0])) {
		fail(im, "too many events for one instruction");
		return NULL;
	}
	struct trace_event *e = &p->ev[p->r.n_ev++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* A view register n (0-14) written in the core's mode: the view, and the
 * copy behind it. */
static bool set_view(struct importer *im, unsigned core, unsigned n, uint64_t v)
{
	unsigned mode = im->cores[core].mode;
	if (!set_reg(im, core, REG_R0 + n, v))
		return false;
	if (n >= 8 && (mode & 0x10)) {
		unsigned b = regmap_behind_view(n, mode);
		if (b < REGMAP_COUNT && b != REG_R0 + n)
			return set_reg(im, core, b, v);
	}
	return true;
}

static bool do_reg(struct importer *im, const struct tline *l, unsigned core)
{
	struct pend *p = &im->cores[core];
	char *s = l->rest;
	char *name = token(&s);
	if (!name)
		return fail(im, "R line without a register");
	char *val = skip_ws(s);
	/* maintenance: "R <OP> <arg>:<removed>", or two words ("DC CISW") */
	char *colon = strchr(val, ':');
	int id = trace_header_find_reg(im->h, name);
	/* (operations such as TLBIALLH are write-only system registers of
	 * the table too: the colon tells them apart) */
	if (colon && (id < 0 || im->h->regs[id].group == REGMAP_GROUP_SYSREG)) {
		char op[64];
		char *v2 = val;
		if (!isxdigit((unsigned char)val[0]) || strchr(val, ' ')) {
			char *w = token(&v2);
			snprintf(op, sizeof(op), "%s %s", name, w ? w : "");
			v2 = skip_ws(v2);
			colon = strchr(v2, ':');
		} else {
			snprintf(op, sizeof(op), "%s", name);
		}
		if (!colon)
			return fail(im, "malformed maintenance line");
		*colon = 0;
		uint64_t arg, removed;
		if (!parse_hex(v2, &arg) || !parse_hex(colon + 1, &removed))
			return fail(im, "malformed maintenance line");
		if (!attached(p, l))
			return true; /* no instruction to hang it on */
		struct trace_event *e = new_event(im, p);
		if (!e)
			return false;
		e->type = TEV_MAINT;
		e->u.maint.op = intern_op(im, op);
		if (!e->u.maint.op)
			return fail(im, "out of memory");
		e->u.maint.arg = (uint32_t)arg;
		e->u.maint.removed = (uint32_t)removed;
		return true;
	}
	uint64_t v;
	if (!parse_hex(val, &v)) {
		if (strncmp(val, "--------", 8) == 0)
			return true; /* value not known to the producer */
		return fail(im, "malformed register value");
	}
	if (p->open && !attached(p, l) && !flush_core(im, core))
		return false;
	/* Fast Models' names of SP/LR copies: r13_<bank>, r14_<bank> */
	if ((strncasecmp(name, "r13_", 4) == 0 || strncasecmp(name, "r14_", 4) == 0)) {
		unsigned n = name[2] == '3' ? 13 : 14;
		int bm = bank_mode(name + 4);
		if (bm < 0)
			return fail(im, "unknown register bank");
		char bn[16];
		snprintf(bn, sizeof(bn), "%s_%s", n == 13 ? "SP" : "LR", name + 4);
		if (strcasecmp(name + 4, view_bank(n, p->mode)) == 0)
			return set_view(im, core, n, v);
		id = trace_header_find_reg(im->h, bn);
		if (id < 0)
			return fail(im, "unknown register bank");
		return set_reg(im, core, (uint32_t)id, v);
	}
	if (id < 0) {
		im->skipped++;
		return true; /* a register hypsim does not model */
	}
	if (id == REG_PC && !p->open) {
		return set_reg(im, core, REG_PC, v);
	}
	if (id < REG_PC)
		return set_view(im, core, (unsigned)id, v);
	if (id == REG_PC)
		return true; /* the next instruction's address says it */
	if (im->h->regs[id].group == REGMAP_GROUP_SYSREG) {
		if (!p->open)
			return set_reg(im, core, (uint32_t)id, v);
		if (im->h->regs[id].width != 64 && v > UINT32_MAX)
			return fail(im, "register value wider than the register");
		struct trace_event *e = new_event(im, p);
		if (!e)
			return false;
		e->type = TEV_SYSREG;
		e->u.sysreg.id = (uint32_t)id;
		e->u.sysreg.old_val = im->st.val[core][id];
		e->u.sysreg.new_val = v;
		return true;
	}
	/* a banked copy: also the view when the mode shows it */
	const struct trace_reg_desc *d = &im->h->regs[id];
	if (d->alias_modes && d->alias_view != 0xff &&
	    (d->alias_modes & (1u << (p->mode & 0xf))))
		return set_view(im, core, d->alias_view, v);
	return set_reg(im, core, (uint32_t)id, v);
}

static bool do_insn(struct importer *im, const struct tline *l, unsigned core)
{
	struct pend *p = &im->cores[core];
	if (!flush_core(im, core))
		return false;
	char *s = l->rest;
	char *t = token(&s);
	uint64_t icount = p->next_icount;
	if (t && t[0] == '(') {
		char *end;
		icount = strtoull(t + 1, &end, 0);
		if (*end != ')')
			return fail(im, "malformed instruction count");
		t = token(&s);
	}
	if (!t)
		return fail(im, "instruction line without an address");
	char *colon = strchr(t, ':');
	if (colon)
		*colon = 0; /* the physical address is not recorded */
	uint64_t pc;
	if (!parse_hex(t, &pc) || pc > UINT32_MAX)
		return fail(im, "malformed instruction address");
	char *enc = token(&s), *iset = token(&s), *mode = token(&s);
	if (!enc || !iset || !mode)
		return fail(im, "instruction line needs an encoding, A|T and a mode");
	open_record(p, l, core);
	p->r.icount = icount;
	p->r.pc = (uint32_t)pc;
	if (strcmp(iset, "T") == 0 || strcmp(iset, "T16") == 0 ||
	    strcmp(iset, "T32") == 0)
		p->r.flags |= TREC_F_THUMB;
	else if (strcmp(iset, "A") != 0)
		return fail(im, "instruction set must be A or T (AArch64 \"O\" is not "
				"an ARMv7-A trace)");
	size_t n = strlen(enc);
	uint64_t e;
	if (enc[0] != '-') {
		if ((n != 8 && n != 4) || !parse_hex(enc, &e))
			return fail(im, "malformed encoding");
		p->r.enc = (uint32_t)e;
		p->r.enc_size = (uint8_t)(n / 2);
	}
	char mname[16];
	snprintf(mname, sizeof(mname), "%s", mode);
	char *us = strchr(mname, '_');
	if (us)
		*us = 0;
	int m = regmap_mode_from_name(mname);
	if (m < 0)
		return fail(im, "unknown mode");
	p->r.mode = (uint8_t)m;
	p->mode = (unsigned)m;
	return true;
}

static bool do_exception(struct importer *im, const struct tline *l,
			 unsigned core)
{
	struct pend *p = &im->cores[core];
	char *s = l->rest;
	char *a = token(&s), *k = token(&s), *name = token(&s);
	uint64_t pc, kind;
	if (!a || !k || !parse_hex(a, &pc) || !parse_hex(k, &kind))
		return fail(im, "malformed E line");
	if (!name || strncmp(name, "CoreEvent_", 10) != 0) {
		im->skipped++; /* a debug or simulator event */
		return true;
	}
	if (!attached(p, l)) {
		/* taken between instructions: a record of its own */
		if (!flush_core(im, core))
			return false;
		open_record(p, l, core);
		p->r.flags |= TREC_F_NO_INSN;
		p->r.icount = p->next_icount;
		p->r.pc = (uint32_t)pc;
		p->r.mode = (uint8_t)p->mode;
		if (im->st.known[core][REG_CPSR] &&
		    (im->st.val[core][REG_CPSR] & CPSR_T))
			p->r.flags |= TREC_F_THUMB;
	}
	struct trace_event *e = new_event(im, p);
	if (!e)
		return false;
	e->type = TEV_EXCEPTION;
	e->u.exc.kind = (uint32_t)kind;
	e->u.exc.from_mode = p->mode;
	e->u.exc.to_mode = p->mode;
	for (char *f; (f = token(&s));) {
		char *eq = strchr(f, '=');
		if (!eq)
			continue;
		*eq++ = 0;
		uint64_t v = 0;
		int md = -1;
		if (strcmp(f, "from") == 0 || strcmp(f, "to") == 0)
			md = regmap_mode_from_name(eq);
		else if (!parse_hex(eq, &v))
			return fail(im, "malformed E line field");
		if (strcmp(f, "vector") == 0)
			e->u.exc.vector = (uint32_t)v;
		else if (strcmp(f, "return") == 0)
			e->u.exc.return_addr = (uint32_t)v;
		else if (strcmp(f, "syndrome") == 0)
			e->u.exc.syndrome = (uint32_t)v;
		else if (strcmp(f, "far") == 0)
			e->u.exc.fault_addr = (uint32_t)v;
		else if (strcmp(f, "from") == 0 && md >= 0)
			e->u.exc.from_mode = (uint32_t)md;
		else if (strcmp(f, "to") == 0 && md >= 0)
			e->u.exc.to_mode = (uint32_t)md;
	}
	return true;
}

static bool do_mem(struct importer *im, const struct tline *l, unsigned core)
{
	struct pend *p = &im->cores[core];
	const char *k = l->kind;
	char *endp;
	unsigned long size = strtoul(k + 2, &endp, 10);
	if (*endp || !(size == 1 || size == 2 || size == 4 || size == 8))
		return fail(im, "memory access size must be 1, 2, 4 or 8");
	char *s = l->rest;
	char *addr = token(&s);
	char *val = skip_ws(s);
	if (!addr)
		return fail(im, "memory line without an address");
	if (strstr(val, "ABORTED"))
		return true; /* an access that did not happen */
	char *colon = strchr(addr, ':');
	uint64_t va, pa, v;
	if (colon) {
		*colon = 0;
		char *sfx = strchr(colon + 1, '_');
		if (sfx)
			*sfx = 0; /* _NS/_S */
		if (!parse_hex(colon + 1, &pa))
			return fail(im, "malformed physical address");
	}
	if (!parse_hex(addr, &va) || va > UINT32_MAX || !parse_hex(val, &v))
		return fail(im, "malformed memory line");
	if (!colon)
		pa = va;
	if (!attached(p, l))
		return true; /* not part of an instruction (a fetch, a walk) */
	if (p->r.n_mem >= sizeof(p->mem) / sizeof(p->mem[0]))
		return fail(im, "too many memory accesses for one instruction");
	struct trace_mem *m = &p->mem[p->r.n_mem++];
	m->va = (uint32_t)va;
	m->pa = pa;
	m->size = (uint8_t)size;
	m->is_write = k[1] == 'W';
	m->value = v;
	return true;
}

static bool handle_line(struct importer *im, char *line)
{
	struct tline l;
	int sr = split_line(line, &l);
	if (sr < 0)
		return fail(im, "core tag out of range (cpu0-cpu63)");
	if (sr == 0)
		return true;
	if (l.core >= im->n_cores)
		return fail(im, "core not seen by the first pass");
	const char *k = l.kind;
	if (strcmp(k, "IT") == 0 || strcmp(k, "IS") == 0)
		return do_insn(im, &l, l.core);
	if (strcmp(k, "R") == 0)
		return do_reg(im, &l, l.core);
	if (strcmp(k, "E") == 0)
		return do_exception(im, &l, l.core);
	if ((k[0] == 'M') && (k[1] == 'R' || k[1] == 'W') && isdigit((unsigned char)k[2]))
		return do_mem(im, &l, l.core);
	im->skipped++;
	return true;
}

/* First pass: the cores and what kinds of lines there are. */
struct prescan {
	unsigned n_cores;
	bool mem, exc, sysreg, banked, enc;
	uint64_t insns;
};

static bool prescan(const char *path, const struct trace_header *h,
		    struct prescan *ps, char *err, size_t errlen)
{
	memset(ps, 0, sizeof(*ps));
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	uint64_t no = 0;
	bool ok = true;
	while (getline(&line, &cap, f) >= 0) {
		no++;
		line[strcspn(line, "\r\n")] = 0;
		struct tline l;
		int sr = split_line(line, &l);
		if (sr < 0) {
			snprintf(err, errlen, "%s:%" PRIu64 ": core tag out of range "
					      "(cpu0-cpu63)", path, no);
			ok = false;
			break;
		}
		if (sr == 0)
			continue;
		if (l.core + 1 > ps->n_cores)
			ps->n_cores = l.core + 1;
		if (strcmp(l.kind, "IT") == 0 || strcmp(l.kind, "IS") == 0) {
			ps->insns++;
			char *s = l.rest, *t = token(&s);
			if (t && t[0] == '(')
				t = token(&s);
			t = token(&s);
			if (t && t[0] != '-')
				ps->enc = true;
		} else if (l.kind[0] == 'M') {
			ps->mem = true;
		} else if (strcmp(l.kind, "E") == 0) {
			ps->exc = true;
		} else if (strcmp(l.kind, "R") == 0) {
			char *s = l.rest, *t = token(&s);
			int id = t ? trace_header_find_reg(h, t) : -1;
			if (id >= 0 && h->regs[id].group == REGMAP_GROUP_SYSREG)
				ps->sysreg = true;
			if ((id >= 0 && h->regs[id].group == REGMAP_GROUP_BANKED) ||
			    (t && (strncasecmp(t, "r13_", 4) == 0 ||
				   strncasecmp(t, "r14_", 4) == 0)))
				ps->banked = true;
		}
	}
	free(line);
	fclose(f);
	if (ok && ps->insns == 0) {
		snprintf(err, errlen, "%s: no instruction (IT/IS) lines: not a "
				      "Tarmac trace", path);
		ok = false;
	}
	return ok;
}

int trace_import_tarmac(const char *path, const char *out_path,
			const struct trace_import_options *o, FILE *errf)
{
	char err[512];
	struct trace_header h = { 0 };
	struct importer *im = calloc(1, sizeof(*im));
	int rc = 2;
	if (!im || !trace_header_fill_regs(&h)) {
		fprintf(errf, "hypsim trace import-tarmac: out of memory\n");
		trace_header_free(&h);
		free(im);
		return 2;
	}
	im->sink.fd = -1;
	struct prescan ps;
	if (!prescan(path, &h, &ps, err, sizeof(err))) {
		fprintf(errf, "hypsim trace import-tarmac: %s\n", err);
		trace_header_free(&h);
		goto out;
	}
	struct trace_bound from = o->from, to = o->to;
	if (from.symbol || to.symbol) {
		fprintf(errf, "hypsim trace import-tarmac: a Tarmac trace has no "
			      "symbols: give --from/--to as an address or icount:N\n");
		trace_header_free(&h);
		goto out;
	}
	h.flags = TRACE_HDR_IMPORTED;
	if (!ps.mem)
		h.absent |= TRACE_ABSENT_MEM;
	if (!ps.exc && !ps.sysreg)
		h.absent |= TRACE_ABSENT_EVENTS;
	if (!ps.sysreg)
		h.absent |= TRACE_ABSENT_SYSREGS;
	if (!ps.banked)
		h.absent |= TRACE_ABSENT_BANKED;
	if (!ps.enc)
		h.absent |= TRACE_ABSENT_ENCODING;
	size_t plen = strlen(path) + 32;
	h.producer = malloc(plen);
	if (h.producer)
		snprintf(h.producer, plen, "tarmac (%s)", path);
	h.board = strdup("tarmac");
	h.options = strdup("");
	h.n_cores = ps.n_cores;
	h.core_models = calloc(ps.n_cores, sizeof(char *));
	bool ok = h.producer && h.board && h.options && h.core_models;
	for (unsigned i = 0; ok && i < ps.n_cores; i++)
		ok = (h.core_models[i] = strdup(o->cpu ? o->cpu : "")) != NULL;
	if (!ok) {
		fprintf(errf, "hypsim trace import-tarmac: out of memory\n");
		trace_header_free(&h);
		goto out;
	}
	if (!trace_sink_open(&im->sink, out_path, &h, err, sizeof(err))) {
		fprintf(errf, "hypsim trace import-tarmac: %s\n", err);
		goto out;
	}
	im->h = &im->sink.hdr;
	im->path = path;
	im->n_cores = ps.n_cores;
	im->cores = calloc(ps.n_cores, sizeof(*im->cores));
	im->snap = calloc(im->h->n_regs + 1, sizeof(*im->snap));
	if (!im->cores || !im->snap || !trace_state_init(&im->st, im->h) ||
	    !trace_range_init(&im->range, &from, &to, ps.n_cores)) {
		fprintf(errf, "hypsim trace import-tarmac: out of memory\n");
		goto out;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(errf, "hypsim trace import-tarmac: %s: %s\n", path,
			strerror(errno));
		goto out;
	}
	char *line = NULL;
	size_t cap = 0;
	ok = true;
	while (ok && getline(&line, &cap, f) >= 0) {
		im->line_no++;
		line[strcspn(line, "\r\n")] = 0;
		ok = handle_line(im, line);
	}
	free(line);
	fclose(f);
	for (unsigned c = 0; ok && c < im->n_cores; c++)
		ok = flush_core(im, c);
	if (!ok) {
		fprintf(errf, "hypsim trace import-tarmac: %s\n",
			im->err[0] ? im->err : im->sink.err);
		trace_sink_free(&im->sink);
		remove(out_path);
		goto out;
	}
	if (!trace_sink_close(&im->sink, 0)) {
		fprintf(errf, "hypsim trace import-tarmac: %s: %s\n", out_path,
			im->sink.err);
		goto out;
	}
	if (im->skipped)
		fprintf(errf, "hypsim trace import-tarmac: note: %" PRIu64 " lines "
			      "skipped (events and registers hypsim does not "
			      "record)\n", im->skipped);
	rc = 0;
out:
	trace_sink_free(&im->sink);
	trace_state_free(&im->st);
	trace_range_free(&im->range);
	for (unsigned i = 0; i < im->n_ops; i++)
		free(im->ops[i]);
	free(im->ops);
	free(im->cores);
	free(im->snap);
	free(im);
	return rc;
}
