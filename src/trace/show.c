/* `hypsim trace show`: a trace as text, one line per instruction, or in the
 * form qemu-system-arm 7.2 prints with `-d exec,cpu` (for 32-bit ARM: a
 * "Trace" line per translation block — one instruction with -singlestep —
 * and the register dump taken before it). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "sim/disasm.h"
#include "trace/reader.h"
#include "trace/tools.h"
#include "trace/view.h"

const char *trace_exception_name(unsigned kind)
{
	/* enum exception_kind, hyp/exception.h */
	static const char *const names[] = {
		"RESET", "UNDEF", "SVC", "SMC", "HVC", "PABT", "DABT",
		"IRQ", "FIQ", "HYP_TRAP", "VIRQ", "VFIQ", "VABT",
	};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

struct out {
	char *p;
	size_t len, pos;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	if (o->pos >= o->len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->p + o->pos, o->len - o->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n;
	if (o->pos >= o->len)
		o->pos = o->len - 1;
}

static const char *reg_name(const struct trace_header *h, uint32_t id)
{
	return id < h->n_regs ? h->regs[id].name : "?";
}

static void put_value(struct out *o, const struct trace_header *h, uint32_t id,
		      uint64_t v)
{
	if (id < h->n_regs && h->regs[id].width == 64)
		put(o, "%016" PRIx64, v);
	else
		put(o, "%08" PRIx64, v);
}

/* A banked copy changed together with the view register that shows it,
 * to the same value (SP and SP_svc after a push in Supervisor mode): only
 * the view register is printed. */
static bool is_alias_duplicate(const struct trace_header *h,
			       const struct trace_record *r, unsigned i)
{
	const struct trace_reg_val *v = &r->regs[i];
	if (v->id >= h->n_regs)
		return false;
	const struct trace_reg_desc *d = &h->regs[v->id];
	if (!d->alias_modes || d->alias_view == 0xff)
		return false;
	unsigned post_mode = r->mode;
	bool view_same = false;
	for (unsigned k = 0; k < r->n_regs; k++) {
		if (r->regs[k].id == d->alias_view && r->regs[k].value == v->value)
			view_same = true;
		if (r->regs[k].id < h->n_regs &&
		    strcmp(h->regs[r->regs[k].id].name, "CPSR") == 0)
			post_mode = (unsigned)(r->regs[k].value & 0x1f);
	}
	return view_same && (d->alias_modes & (1u << (post_mode & 0xf)));
}

static void put_event(struct out *o, const struct trace_header *h,
		      const struct trace_event *e)
{
	switch (e->type) {
	case TEV_EXCEPTION:
		put(o, "exception %s %s->%s vector=%08x return=%08x syndrome=%08x far=%08x",
		    trace_exception_name(e->u.exc.kind),
		    regmap_mode_name(e->u.exc.from_mode),
		    regmap_mode_name(e->u.exc.to_mode), e->u.exc.vector,
		    e->u.exc.return_addr, e->u.exc.syndrome, e->u.exc.fault_addr);
		break;
	case TEV_SYSREG:
		put(o, "sysreg %s ", reg_name(h, e->u.sysreg.id));
		put_value(o, h, e->u.sysreg.id, e->u.sysreg.old_val);
		put(o, " -> ");
		put_value(o, h, e->u.sysreg.id, e->u.sysreg.new_val);
		break;
	case TEV_MAINT:
		put(o, "maintenance %s arg=%08x removed=%u", e->u.maint.op,
		    e->u.maint.arg, e->u.maint.removed);
		break;
	}
}

static void put_symbol(struct out *o, const struct trace_header *h,
		       uint32_t pc)
{
	const struct trace_symbol *s = trace_header_symbol(h, pc);
	char b[64];
	if (!s)
		b[0] = 0;
	else if (pc == s->addr)
		snprintf(b, sizeof(b), "<%.48s>", s->name);
	else
		snprintf(b, sizeof(b), "<%.40s+0x%" PRIx64 ">", s->name, pc - s->addr);
	put(o, "%-24s", b);
}

void trace_format_record(const struct trace_header *h,
			 const struct trace_record *r, bool inline_events,
			 char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	buf[0] = 0;
	if (r->kind == TREC_SNAPSHOT) {
		put(&o, "-- c%u state at icount %" PRIu64 " in %s:", r->core,
		    r->icount, regmap_mode_name(r->mode));
		unsigned others = 0;
		for (unsigned i = 0; i < r->n_regs; i++) {
			uint32_t id = r->regs[i].id;
			if (id < h->n_regs && h->regs[id].group == REGMAP_GROUP_CORE) {
				put(&o, " %s=", reg_name(h, id));
				put_value(&o, h, id, r->regs[i].value);
			} else {
				others++;
			}
		}
		if (others)
			put(&o, " (+%u banked and system registers)", others);
		return;
	}
	put(&o, "%10" PRIu64 " c%u %-3s %08x ", r->icount, r->core,
	    regmap_mode_name(r->mode), r->pc);
	put_symbol(&o, h, r->pc);
	bool thumb = (r->flags & TREC_F_THUMB) != 0;
	if (r->flags & TREC_F_NO_INSN) {
		put(&o, " %-8s  %-34s", "--------", "(exception entry)");
	} else if (r->enc_size == 0) {
		/* An imported trace may not know an encoding (code a
		 * hypervisor copied into RAM is not in the ELF): that is not
		 * a fetch that aborted, which only hypsim's own traces say. */
		put(&o, " %-8s  %-34s", "--------",
		    (h->flags & TRACE_HDR_IMPORTED) ? "(encoding unknown)"
		    : (h->absent & TRACE_ABSENT_ENCODING) ? "(encoding not recorded)"
							 : "(fetch aborted)");
	} else {
		char dis[96];
		disasm_one(r->enc, r->enc_size, thumb, r->pc, dis, sizeof(dis));
		if (r->enc_size == 2)
			put(&o, " %04x      %-34s", r->enc, dis);
		else if (thumb)
			put(&o, " %04x %04x %-34s", r->enc >> 16, r->enc & 0xffff, dis);
		else
			put(&o, " %08x  %-34s", r->enc, dis);
	}
	for (unsigned i = 0; i < r->n_regs; i++) {
		if (is_alias_duplicate(h, r, i))
			continue;
		put(&o, " %s=", reg_name(h, r->regs[i].id));
		put_value(&o, h, r->regs[i].id, r->regs[i].value);
	}
	for (unsigned i = 0; i < r->n_mem; i++) {
		const struct trace_mem *m = &r->mem[i];
		put(&o, " [%c%u %08x", m->is_write ? 'W' : 'R', m->size, m->va);
		if (m->pa != m->va)
			put(&o, " pa=%010" PRIx64, m->pa);
		put(&o, m->size == 8 ? "=%016" PRIx64 "]" : "=%08" PRIx64 "]", m->value);
	}
	if (r->flags & TREC_F_NO_POST)
		put(&o, " (state after it not recorded)");
	for (unsigned i = 0; i < r->n_ev; i++) {
		put(&o, inline_events ? " ! " : "\n%26s! ", "");
		put_event(&o, h, &r->ev[i]);
	}
	/* trim the padding of a line that ends with the disassembly */
	while (o.pos > 0 && buf[o.pos - 1] == ' ')
		buf[--o.pos] = 0;
}

/* ---- QEMU form ---- */

/* One TB's log as QEMU 7.2 writes it for a 32-bit A-profile core
 * (accel/tcg "Trace %d: %p [cs_base/pc/flags/cflags] symbol" and
 * arm_cpu_dump_state). What a trace cannot know — the host address of the
 * translated block, cs_base, the TB flags and cflags — is printed as zeros;
 * the symbol is the one the trace header holds. */
static void print_qemu(FILE *out, const struct trace_header *h,
		       const struct trace_record *r,
		       const struct trace_core_state *st)
{
	const struct trace_symbol *s = trace_header_symbol(h, r->pc);
	fprintf(out, "Trace %u: 0x0000000000000000 [00000000/%08x/00000000/00000000] %s\n",
		r->core, r->pc, s ? s->name : "");
	for (unsigned i = 0; i < 16; i++) {
		uint32_t v = i == 15 ? r->pc : (uint32_t)st->values[i];
		fprintf(out, "R%02u=%08x%c", i, v, (i % 4) == 3 ? '\n' : ' ');
	}
	uint32_t psr = (uint32_t)st->values[REG_CPSR];
	fprintf(out, "PSR=%08x %c%c%c%c %c %s%d\n", psr,
		(psr & CPSR_N) ? 'N' : '-', (psr & CPSR_Z) ? 'Z' : '-',
		(psr & CPSR_C) ? 'C' : '-', (psr & CPSR_V) ? 'V' : '-',
		(psr & CPSR_T) ? 'T' : 'A', regmap_mode_name(psr & 0x1f),
		(psr & 0x10) ? 32 : 26);
}

/* The translation regime (and VMID) an instruction runs in, as a line of
 * its own where it changes ("-- c0 regime: NS PL1&0 VMID 3"), so the
 * instruction lines keep their form. last: the core's previous one. */
static void put_regime(FILE *out, const struct trace_state *st,
		       const struct trace_record *r, char (*last)[48])
{
	char tag[48];
	if (r->core >= st->n_cores)
		return;
	trace_state_regime(st, r->core, r->mode, tag, sizeof(tag));
	if (!tag[0] || strcmp(tag, last[r->core]) == 0)
		return;
	fprintf(out, "-- c%u regime: %s\n", r->core, tag);
	memcpy(last[r->core], tag, sizeof(tag));
}

int trace_show(const char *path, enum trace_show_format fmt, FILE *out,
	       FILE *err)
{
	return trace_show_range(path, fmt, NULL, NULL, out, err);
}

int trace_show_range(const char *path, enum trace_show_format fmt,
		     const struct trace_bound *from,
		     const struct trace_bound *to, FILE *out, FILE *err)
{
	if (fmt == TRACE_SHOW_TARMAC)
		return trace_export_tarmac(path, from, to, out, err);
	char msg[512];
	struct trace_reader *rd = trace_reader_open(path, msg, sizeof(msg));
	if (!rd) {
		fprintf(err, "hypsim trace show: %s\n", msg);
		return 2;
	}
	const struct trace_header *h = trace_reader_header(rd);
	struct trace_bound f = from ? *from : (struct trace_bound){ 0 };
	struct trace_bound u = to ? *to : (struct trace_bound){ 0 };
	if (!trace_bound_resolve(&f, h, msg, sizeof(msg)) ||
	    !trace_bound_resolve(&u, h, msg, sizeof(msg))) {
		fprintf(err, "hypsim trace show: %s\n", msg);
		trace_reader_close(rd);
		return 2;
	}
	struct trace_state st;
	struct trace_range range;
	bool st_ok = trace_state_init(&st, h);
	if (!st_ok || !trace_range_init(&range, &f, &u, h->n_cores)) {
		fprintf(err, "hypsim trace show: out of memory\n");
		trace_state_free(&st);
		trace_reader_close(rd);
		return 2;
	}
	if (fmt == TRACE_SHOW_TEXT) {
		fprintf(out, "# hypsim trace v%u by %s: board %s, %u core%s:", h->version,
			h->producer, h->board[0] ? h->board : "-", h->n_cores,
			h->n_cores == 1 ? "" : "s");
		for (unsigned i = 0; i < h->n_cores; i++)
			fprintf(out, " %s", h->core_models[i][0] ? h->core_models[i] : "?");
		fprintf(out, "\n");
		if (h->options[0])
			fprintf(out, "# options: %s\n", h->options);
		for (unsigned i = 0; i < h->n_images; i++) {
			fprintf(out, "# image %s", h->images[i].path);
			if (h->images[i].hash_kind == TRACE_HASH_SHA256) {
				fprintf(out, " sha256 ");
				for (int k = 0; k < 32; k++)
					fprintf(out, "%02x", h->images[i].hash[k]);
			}
			fprintf(out, "\n");
		}
		if ((h->flags & TRACE_HDR_IMPORTED) &&
		    (h->absent & (TRACE_ABSENT_MEM | TRACE_ABSENT_EVENTS |
				  TRACE_ABSENT_ENCODING))) {
			/* what the producer could not record, in the order
			 * import-qemu's users are used to */
			const char *parts[3];
			unsigned n = 0;
			if (h->absent & TRACE_ABSENT_MEM)
				parts[n++] = "memory accesses";
			if (h->absent & TRACE_ABSENT_EVENTS)
				parts[n++] = "events";
			if (h->absent & TRACE_ABSENT_ENCODING)
				parts[n++] = "encodings";
			fprintf(out, "# imported: ");
			for (unsigned i = 0; i < n; i++)
				fprintf(out, "%s%s", i ? ", " : "", parts[i]);
			fprintf(out, " %s not recorded\n", n == 1 ? "is" : "are");
		}
	}
	struct trace_record r;
	int res;
	char line[4096];
	bool ranged = trace_range_active(&range);
	char (*last_regime)[48] = calloc(h->n_cores + 1, sizeof(*last_regime));
	while ((res = trace_reader_next(rd, &r)) == 1) {
		bool keep = r.kind == TREC_SNAPSHOT ? !ranged
						    : trace_range_keep(&range, &r);
		if (keep && fmt == TRACE_SHOW_TEXT) {
			if (r.kind == TREC_INSN && last_regime)
				put_regime(out, &st, &r, last_regime);
			trace_format_record(h, &r, false, line, sizeof(line));
			fprintf(out, "%s\n", line);
		} else if (keep && r.kind == TREC_INSN &&
			   !(r.flags & TREC_F_NO_INSN) && r.core < st.n_cores) {
			/* QEMU logs no block for an exception entry; its
			 * effect shows in the next block's registers. */
			struct trace_core_state cs = { .values = st.val[r.core],
						       .known = st.known[r.core] };
			print_qemu(out, h, &r, &cs);
		}
		trace_state_apply(&st, &r);
	}
	int rc = 0;
	if (res < 0) {
		fflush(out);
		fprintf(err, "hypsim trace show: %s\n", trace_reader_error(rd));
		rc = 2;
	} else if (fmt == TRACE_SHOW_TEXT) {
		fprintf(out, "# end: %" PRIu64 " records", trace_reader_count(rd));
		if (trace_reader_dropped(rd))
			fprintf(out, ", %" PRIu64 " earlier ones dropped by --trace-last",
				trace_reader_dropped(rd));
		if (trace_reader_end_reason(rd) == TRACE_END_SIGNAL)
			fprintf(out, ", written from a signal handler");
		else if (trace_reader_end_reason(rd) == TRACE_END_WRITE_ERROR)
			fprintf(out, ", cut at the last whole block after a "
				     "write error (the run stopped there)");
		fprintf(out, "\n");
	}
	free(last_regime);
	trace_range_free(&range);
	trace_state_free(&st);
	trace_reader_close(rd);
	return rc;
}
