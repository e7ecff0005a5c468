/* gdb remote protocol packets (gdb manual, Appendix E "GDB Remote Serial
 * Protocol", sections "Packets", "Stop Reply Packets", "General Query
 * Packets"). Every malformed packet gets an error reply ("E01" for
 * syntax, "E14" for memory that cannot be accessed, "E22" for a value or
 * register refused); an unknown packet gets the empty reply. */
#include <stdlib.h>
#include <string.h>

#include "cpu/regmap.h"
#include "gdbstub/gdb_internal.h"
#include "sim/hang.h"
#include "sim/machine.h"

#define E_SYNTAX "E01"
#define E_FAULT "E14"
#define E_INVAL "E22"

/* Largest m/M/X transfer: its hex form must fit one packet. */
#define MEM_MAX ((GDB_PACKET_MAX - 32) / 2)

static struct cpu *gcpu(struct gdb_stub *s)
{
	return &s->m->cpus[s->g_cpu < s->m->n_cpus ? s->g_cpu : 0];
}

static bool starts(const char *p, const char *prefix)
{
	return strncmp(p, prefix, strlen(prefix)) == 0;
}

/* Thread ids: "-1" all, "0" any, else core + 1 (hex). Also accepts the
 * multiprocess form pPID.TID. Returns false for a malformed or unknown
 * id; *cpu = -1 for "all", -2 for "any". */
static bool parse_thread(struct gdb_stub *s, const char **pp, int *cpu)
{
	const char *p = *pp;
	if (*p == 'p') {
		p++;
		if (*p == '-') {
			/* only "p-1" (all processes): a lone "p-" must not
			 * step past the packet's terminating NUL */
			if (p[1] != '1')
				return false;
			p += 2;
		} else {
			uint64_t pid;
			if (!gdb_parse_hex(&p, &pid))
				return false;
		}
		if (*p != '.') {
			*cpu = -1;
			*pp = p;
			return true;
		}
		p++;
	}
	if (p[0] == '-' && p[1] == '1') {
		*cpu = -1;
		*pp = p + 2;
		return true;
	}
	uint64_t t;
	if (!gdb_parse_hex(&p, &t))
		return false;
	if (t == 0)
		*cpu = -2;
	else if (t <= s->m->n_cpus)
		*cpu = (int)(t - 1);
	else
		return false;
	*pp = p;
	return true;
}

/* ---- stop replies ---- */

static size_t expedite(struct gdb_stub *s, unsigned cpu, char *buf, size_t n)
{
	/* pc and cpsr with every stop, so gdb needs no 'g' to show where
	 * the core is. */
	struct cpu *c = &s->m->cpus[cpu];
	uint8_t v[8];
	char hex[17];
	size_t used = 0;
	const unsigned nums[] = {15, REGMAP_GDB_CPSR};
	for (unsigned i = 0; i < 2; i++) {
		bool avail;
		unsigned sz = gdb_reg_get(&s->regs, c, nums[i], v, &avail);
		gdb_hex_encode(v, sz, hex);
		hex[2 * sz] = 0;
		used += (size_t)snprintf(buf + used, n - used, "%02x:%s;", nums[i],
					 hex);
	}
	return used;
}

void gdb_report_stop(struct gdb_stub *s, const struct dbg_stop *st,
		     bool console)
{
	char buf[256];
	unsigned tid = st->cpu + 1;
	s->absorb = false;
	switch (st->ev) {
	case DBG_EV_EXIT:
		snprintf(buf, sizeof buf, "W%02x", (unsigned)st->exit_code & 0xffu);
		gdb_send_str(s, buf);
		return;
	case DBG_EV_HANG: {
		if (!console)
			break;
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		if (f) {
			if (s->m->hang)
				hang_report(s->m->hang, st->cpu, f);
			else
				fputs("hypsim: every core waits and nothing can "
				      "wake them\n", f);
			if (fclose(f) == 0)
				gdb_send_console(s, text, len);
			free(text);
		}
		break;
	}
	case DBG_EV_BUDGET: {
		if (!console)
			break;
		char msg[128];
		int n = snprintf(msg, sizeof msg,
				 "hypsim: instruction budget of %llu exhausted\n",
				 (unsigned long long)s->d->max_insns);
		gdb_send_console(s, msg, (size_t)n);
		break;
	}
	default:
		break;
	}
	int sig = (st->ev == DBG_EV_INTERRUPT && !s->last_attach) ? 2 : 5;
	size_t n = (size_t)snprintf(buf, sizeof buf, "T%02xthread:%x;", sig, tid);
	n += expedite(s, st->cpu, buf + n, sizeof buf - n);
	if (st->ev == DBG_EV_BREAK) {
		snprintf(buf + n, sizeof buf - n, "%s:;",
			 st->bp_kind == DBG_BP_HW ? "hwbreak" : "swbreak");
	} else if (st->ev == DBG_EV_WATCH) {
		const char *kind = st->watch_type == DBG_WATCH_WRITE ? "watch"
				   : st->watch_type == DBG_WATCH_READ ? "rwatch"
								     : "awatch";
		snprintf(buf + n, sizeof buf - n, "%s:%x;", kind, st->watch_addr);
		/* gdb's ARM support treats watchpoints as stopping before
		 * the access (gdbarch "nonsteppable" watchpoints) and steps
		 * over the instruction, with the watchpoint removed, before
		 * it looks at the value. hypsim stops after the access
		 * (debug.h), so that one step has already happened: it is
		 * answered without executing anything (handle_step). */
		s->absorb = true;
		s->absorb_cpu = st->cpu;
		s->absorb_pc = s->m->cpus[st->cpu].r[15];
		s->absorb_wp = (struct dbg_watchpoint){true, st->watch_type,
						       st->watch_addr, 1};
	}
	gdb_send_str(s, buf);
}

/* ---- run control ---- */

static void do_continue(struct gdb_stub *s, uint32_t hold)
{
	s->absorb = false;
	if (s->d->exited) {
		gdb_report_stop(s, &s->last, true);
		return;
	}
	if (s->hang_seen && !s->changed_since_hang) {
		/* The hang detector stops only runs that cannot continue
		 * differently (sim/hang.c); unless gdb changed a register or
		 * memory since, running on would spin for ever, so the hang
		 * is reported again at once. */
		struct dbg_stop st = s->hang_stop;
		s->last = st;
		gdb_report_stop(s, &st, true);
		return;
	}
	if (s->hang_seen && s->m->hang) {
		/* gdb changed the state: the run may now go on, and a
		 * later hang must be found again. */
		hang_detector_rearm(s->m->hang);
		s->hang_seen = false;
		s->changed_since_hang = false;
	}
	s->run_hold = hold;
	s->state = GDB_RUNNING;
}

/* Whether a watchpoint covering the absorbed hit is still inserted. */
static bool absorbed_wp_inserted(struct gdb_stub *s)
{
	for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
		const struct dbg_watchpoint *w = &s->d->wp[i];
		if (w->used && (w->type & s->absorb_wp.type) &&
		    s->absorb_wp.addr >= w->addr &&
		    s->absorb_wp.addr - w->addr < w->len)
			return true;
	}
	return false;
}

static void handle_step(struct gdb_stub *s, unsigned cpu)
{
	struct dbg_stop st;
	if (s->absorb && cpu == s->absorb_cpu &&
	    s->m->cpus[cpu].r[15] == s->absorb_pc && !absorbed_wp_inserted(s)) {
		/* gdb stepping over the watchpoint it was just told about
		 * (see gdb_report_stop): the access is already done. */
		s->absorb = false;
		st = (struct dbg_stop){.ev = DBG_EV_STEP, .cpu = cpu};
	} else {
		s->absorb = false;
		dbg_step(s->d, cpu, &st);
		if (st.ev == DBG_EV_HANG)
			gdb_note_hang(s, &st);
	}
	s->last = st;
	s->last_attach = false;
	s->g_cpu = s->mon_cpu = st.cpu;
	gdb_report_stop(s, &st, true);
}

/* vCont;ACTION[:TID];… (leftmost action that names a core wins). A step
 * of a core holds every other core, whatever action they were given
 * (documented in gdbstub.h). */
static void handle_vcont(struct gdb_stub *s, const char *p)
{
	enum { NONE, CONT, STEP };
	uint8_t act[MACHINE_MAX_CPUS] = {0};
	unsigned n = s->m->n_cpus;
	while (*p == ';') {
		p++;
		int a;
		switch (*p) {
		case 'c': a = CONT; p++; break;
		case 's': a = STEP; p++; break;
		case 'C': case 'S': {
			a = *p == 'C' ? CONT : STEP;
			p++;
			uint64_t sig;
			if (!gdb_parse_hex(&p, &sig)) {
				gdb_send_str(s, E_SYNTAX);
				return;
			}
			break; /* signals mean nothing to a bare machine */
		}
		default:
			gdb_send_str(s, E_SYNTAX);
			return;
		}
		int cpu = -1;
		if (*p == ':') {
			p++;
			if (!parse_thread(s, &p, &cpu)) {
				gdb_send_str(s, E_SYNTAX);
				return;
			}
			if (cpu == -2)
				cpu = (int)s->g_cpu;
		}
		for (unsigned i = 0; i < n; i++)
			if ((cpu < 0 || (unsigned)cpu == i) && act[i] == NONE)
				act[i] = (uint8_t)a;
	}
	if (*p) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	for (unsigned i = 0; i < n; i++)
		if (act[i] == STEP) {
			handle_step(s, i);
			return;
		}
	uint32_t hold = 0;
	bool any = false;
	for (unsigned i = 0; i < n; i++) {
		if (act[i] == CONT)
			any = true;
		else
			hold |= 1u << i;
	}
	if (!any) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	do_continue(s, hold);
}

/* c [ADDR] / s [ADDR] (and C/S with a signal, ignored). */
static void handle_legacy_resume(struct gdb_stub *s, char kind, const char *p)
{
	uint64_t v;
	if (kind == 'C' || kind == 'S') {
		if (!gdb_parse_hex(&p, &v)) {
			gdb_send_str(s, E_SYNTAX);
			return;
		}
		if (*p == ';')
			p++;
	}
	unsigned cpu = s->c_cpu >= 0 ? (unsigned)s->c_cpu : s->g_cpu;
	if (*p) {
		if (!gdb_parse_hex(&p, &v) || *p || v > 0xffffffffu) {
			gdb_send_str(s, E_SYNTAX);
			return;
		}
		dbg_core_reg_write(&s->m->cpus[cpu], REG_PC, (uint32_t)v);
		s->changed_since_hang = true;
	}
	if (kind == 's' || kind == 'S')
		handle_step(s, cpu);
	else
		do_continue(s, 0);
}

/* ---- registers ---- */

static void handle_g(struct gdb_stub *s)
{
	char buf[GDB_G_REGS * 8 + 1];
	size_t n = 0;
	for (unsigned i = 0; i < GDB_G_REGS; i++) {
		uint8_t v[8];
		bool avail;
		unsigned sz = gdb_reg_get(&s->regs, gcpu(s), gdb_g_regnum(i), v,
					  &avail);
		gdb_hex_encode(v, sz, buf + n);
		n += 2 * sz;
	}
	gdb_send(s, buf, n);
}

static void handle_G(struct gdb_stub *s, const char *p, size_t len)
{
	if (len != GDB_G_REGS * 8) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	uint8_t v[GDB_G_REGS][4];
	for (unsigned i = 0; i < GDB_G_REGS; i++)
		if (!gdb_hex_decode(p + 8 * i, 4, v[i])) {
			gdb_send_str(s, E_SYNTAX);
			return;
		}
	/* CPSR first: a mode change it makes decides which copies the
	 * view registers r8-r14 that follow are written to. */
	struct cpu *cpu = gcpu(s);
	if (!gdb_reg_set(&s->regs, cpu, REGMAP_GDB_CPSR, v[GDB_G_REGS - 1], 4)) {
		gdb_send_str(s, E_INVAL);
		return;
	}
	for (unsigned i = 0; i + 1 < GDB_G_REGS; i++)
		gdb_reg_set(&s->regs, cpu, gdb_g_regnum(i), v[i], 4);
	s->changed_since_hang = true;
	gdb_send_str(s, "OK");
}

static void handle_p(struct gdb_stub *s, const char *p)
{
	uint64_t num;
	if (!gdb_parse_hex(&p, &num) || *p) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	uint8_t v[8];
	bool avail;
	unsigned sz = num < 0x10000 ? gdb_reg_get(&s->regs, gcpu(s),
						  (unsigned)num, v, &avail)
				    : 0;
	if (!sz) {
		gdb_send_str(s, E_INVAL);
		return;
	}
	char hex[17];
	if (avail)
		gdb_hex_encode(v, sz, hex);
	else
		memset(hex, 'x', 2 * sz);
	gdb_send(s, hex, 2 * sz);
}

static void handle_P(struct gdb_stub *s, const char *p)
{
	uint64_t num;
	if (!gdb_parse_hex(&p, &num) || *p != '=' || num >= 0x10000) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	p++;
	uint8_t cur[8], v[8];
	bool avail;
	unsigned sz = gdb_reg_get(&s->regs, gcpu(s), (unsigned)num, cur, &avail);
	if (!sz || strlen(p) != 2 * sz || !gdb_hex_decode(p, sz, v)) {
		gdb_send_str(s, sz ? E_SYNTAX : E_INVAL);
		return;
	}
	bool ok = gdb_reg_set(&s->regs, gcpu(s), (unsigned)num, v, sz);
	if (ok)
		s->changed_since_hang = true;
	gdb_send_str(s, ok ? "OK" : E_INVAL);
}

/* ---- memory ---- */

static bool parse_addr_len(const char **pp, uint64_t *addr, uint64_t *len)
{
	const char *p = *pp;
	if (!gdb_parse_hex(&p, addr) || *p++ != ',' || !gdb_parse_hex(&p, len))
		return false;
	*pp = p;
	return true;
}

static void handle_m(struct gdb_stub *s, const char *p)
{
	uint64_t addr, len;
	if (!parse_addr_len(&p, &addr, &len) || *p) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	if (len > MEM_MAX)
		len = MEM_MAX; /* gdb accepts a shorter reply and asks again */
	uint8_t *data = malloc(len ? len : 1);
	char *hex = malloc(2 * len + 1);
	if (!data || !hex) {
		free(data);
		free(hex);
		gdb_send_str(s, E_FAULT);
		return;
	}
	size_t got = dbg_mem_read_view(gcpu(s), addr, data, (size_t)len,
				       s->view);
	if (got == 0 && len) {
		gdb_send_str(s, E_FAULT);
	} else {
		gdb_hex_encode(data, got, hex);
		gdb_send(s, hex, 2 * got);
	}
	free(data);
	free(hex);
}

static void write_mem(struct gdb_stub *s, uint64_t addr, const uint8_t *data,
		      size_t len)
{
	size_t done = len ? dbg_mem_write_view(gcpu(s), addr, data, len,
						   s->view) : 0;
	if (done)
		s->changed_since_hang = true;
	gdb_send_str(s, done == len ? "OK" : E_FAULT);
}

static void handle_M(struct gdb_stub *s, const char *p)
{
	uint64_t addr, len;
	if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' || len > MEM_MAX ||
	    strlen(p) != 2 * len) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	uint8_t *data = malloc(len ? len : 1);
	if (!data) {
		gdb_send_str(s, E_FAULT);
		return;
	}
	if (!gdb_hex_decode(p, (size_t)len, data))
		gdb_send_str(s, E_SYNTAX);
	else
		write_mem(s, addr, data, (size_t)len);
	free(data);
}

static void handle_X(struct gdb_stub *s, char *pkt, size_t pkt_len)
{
	const char *p = pkt + 1;
	uint64_t addr, len;
	if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' || len > MEM_MAX) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	/* The data is binary and may hold NULs: its length is what is left
	 * of the packet, not strlen. Decoded in place (it only shrinks). */
	size_t raw = pkt_len - (size_t)(p - pkt), got;
	uint8_t *data = (uint8_t *)pkt + (p - pkt);
	if (!gdb_unescape(p, raw, data, &got) || got != len) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	write_mem(s, addr, data, got);
}

/* ---- breakpoints and watchpoints ---- */

static void handle_Z(struct gdb_stub *s, const char *p, bool insert)
{
	unsigned type = (unsigned)(p[0] - '0');
	uint64_t addr, kind;
	p++;
	if (type > 4 || *p++ != ',' || !parse_addr_len(&p, &addr, &kind) ||
	    addr > 0xffffffffu || (*p && *p != ';')) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	bool ok;
	if (type <= 1) {
		/* kind is the breakpoint length (2, 3 or 4): the PC match
		 * does not need it. */
		enum dbg_bp_kind k = type == 0 ? DBG_BP_SW : DBG_BP_HW;
		ok = insert ? dbg_break_add(s->d, (uint32_t)addr, k) >= 0
			    : dbg_break_remove(s->d, (uint32_t)addr, k);
	} else {
		static const enum dbg_watch_type wt[] = {
			[2] = DBG_WATCH_WRITE, [3] = DBG_WATCH_READ,
			[4] = DBG_WATCH_ACCESS};
		if (kind == 0 || kind > 0x100000 ||
		    addr + kind > 0x100000000ull) {
			gdb_send_str(s, E_INVAL);
			return;
		}
		ok = insert ? dbg_watch_add(s->d, (uint32_t)addr, (uint32_t)kind,
					    wt[type]) >= 0
			    : dbg_watch_remove(s->d, (uint32_t)addr,
					       (uint32_t)kind, wt[type]);
	}
	/* Removing what is not there is not an error for gdb. */
	gdb_send_str(s, ok || !insert ? "OK" : "E28");
}

/* ---- queries ---- */

/* Reply to qXfer:OBJECT:read:ANNEX:OFF,LEN from a document. */
static void xfer_reply(struct gdb_stub *s, const char *doc, size_t doc_len,
		       const char *p)
{
	uint64_t off, len;
	if (!parse_addr_len(&p, &off, &len) || *p) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	if (len > GDB_PACKET_MAX / 2)
		len = GDB_PACKET_MAX / 2; /* escapes may double it */
	if (off >= doc_len) {
		gdb_send_str(s, "l");
		return;
	}
	size_t n = doc_len - off < len ? doc_len - (size_t)off : (size_t)len;
	char *buf = malloc(n + 1);
	if (!buf) {
		gdb_send_str(s, E_FAULT);
		return;
	}
	buf[0] = off + n < doc_len ? 'm' : 'l';
	memcpy(buf + 1, doc + off, n);
	gdb_send(s, buf, n + 1);
	free(buf);
}

static char *threads_xml(struct gdb_stub *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	fputs("<?xml version=\"1.0\"?>\n<threads>\n", f);
	for (unsigned i = 0; i < s->m->n_cpus; i++) {
		char name[64];
		dbg_core_name(&s->m->cpus[i], name, sizeof name);
		fprintf(f, "  <thread id=\"%x\" core=\"%u\" name=\"%s\"/>\n",
			i + 1, i, name);
	}
	fputs("</threads>\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void handle_rcmd(struct gdb_stub *s, const char *hex)
{
	size_t n = strlen(hex);
	char *cmd = malloc(n / 2 + 1);
	if (!cmd || n % 2 || !gdb_hex_decode(hex, n / 2, (uint8_t *)cmd)) {
		free(cmd);
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	cmd[n / 2] = 0;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f) {
		free(cmd);
		gdb_send_str(s, E_FAULT);
		return;
	}
	gdb_rcmd(s, cmd, f);
	free(cmd);
	if (fclose(f) == 0 && len)
		gdb_send_console(s, text, len);
	free(text);
	gdb_send_str(s, "OK");
}

static void handle_query(struct gdb_stub *s, char *pkt)
{
	char buf[256];
	if (starts(pkt, "qSupported")) {
		snprintf(buf, sizeof buf,
			 "PacketSize=%x;qXfer:features:read+;"
			 "qXfer:threads:read+;QStartNoAckMode+;"
			 "vContSupported+;swbreak+;hwbreak+",
			 GDB_PACKET_MAX);
		gdb_send_str(s, buf);
	} else if (starts(pkt, "qXfer:features:read:target.xml:")) {
		xfer_reply(s, s->regs.xml, s->regs.xml_len,
			   pkt + strlen("qXfer:features:read:target.xml:"));
	} else if (starts(pkt, "qXfer:features:read:")) {
		gdb_send_str(s, E_INVAL); /* no other annex */
	} else if (starts(pkt, "qXfer:threads:read::")) {
		size_t len = 0;
		char *doc = threads_xml(s, &len);
		if (!doc) {
			gdb_send_str(s, E_FAULT);
			return;
		}
		xfer_reply(s, doc, len, pkt + strlen("qXfer:threads:read::"));
		free(doc);
	} else if (!strcmp(pkt, "qfThreadInfo")) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "m");
		for (unsigned i = 0; i < s->m->n_cpus; i++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%x",
					      i ? "," : "", i + 1);
		gdb_send_str(s, buf);
	} else if (!strcmp(pkt, "qsThreadInfo")) {
		gdb_send_str(s, "l");
	} else if (starts(pkt, "qThreadExtraInfo,")) {
		const char *p = pkt + strlen("qThreadExtraInfo,");
		int cpu;
		if (!parse_thread(s, &p, &cpu) || cpu < 0 || *p) {
			gdb_send_str(s, E_SYNTAX);
			return;
		}
		char name[64], hex[129];
		dbg_core_name(&s->m->cpus[cpu], name, sizeof name);
		gdb_hex_encode((const uint8_t *)name, strlen(name), hex);
		gdb_send(s, hex, 2 * strlen(name));
	} else if (!strcmp(pkt, "qC")) {
		snprintf(buf, sizeof buf, "QC%x", s->g_cpu + 1);
		gdb_send_str(s, buf);
	} else if (starts(pkt, "qAttached")) {
		/* "attached to an existing process": gdb detaches on quit,
		 * and the machine runs on. */
		gdb_send_str(s, "1");
	} else if (starts(pkt, "qRcmd,")) {
		handle_rcmd(s, pkt + strlen("qRcmd,"));
	} else if (starts(pkt, "qSymbol")) {
		gdb_send_str(s, "OK");
	} else {
		gdb_send_str(s, ""); /* qOffsets, qTStatus, …: unsupported */
	}
}

static void handle_H(struct gdb_stub *s, const char *p)
{
	char which = *p++;
	int cpu;
	if ((which != 'g' && which != 'c') || !parse_thread(s, &p, &cpu) || *p) {
		gdb_send_str(s, E_SYNTAX);
		return;
	}
	if (which == 'g') {
		if (cpu >= 0)
			s->g_cpu = s->mon_cpu = (unsigned)cpu;
	} else {
		s->c_cpu = cpu >= 0 ? cpu : -1;
	}
	gdb_send_str(s, "OK");
}

static void handle_v(struct gdb_stub *s, char *pkt)
{
	if (!strcmp(pkt, "vCont?")) {
		gdb_send_str(s, "vCont;c;C;s;S");
	} else if (starts(pkt, "vCont;")) {
		handle_vcont(s, pkt + 5);
	} else if (starts(pkt, "vKill")) {
		gdb_send_str(s, "OK");
		s->end = STOP_BREAK;
		s->state = GDB_END;
	} else {
		gdb_send_str(s, ""); /* vMustReplyEmpty, vFile, vRun, … */
	}
}

static void handle_detach(struct gdb_stub *s)
{
	gdb_send_str(s, "OK");
	dbg_break_clear(s->d);
	dbg_watch_clear(s->d);
	s->view = DBG_VIEW_CURRENT;
	gdb_drop_client(s, "gdb detached");
	if (s->d->exited || s->hang_seen) {
		/* Nothing left to run: the run ends as it would have. */
		s->state = GDB_END;
		return;
	}
	s->run_hold = 0;
	s->state = GDB_RUNNING;
}

void gdb_handle_packet(struct gdb_stub *s, char *pkt, size_t len)
{
	if (len == 0) {
		gdb_send_str(s, "");
		return;
	}
	switch (pkt[0]) {
	case '?':
		/* Only a stop reply: gdb does not take console output (O
		 * packets) as the answer to '?'. */
		gdb_report_stop(s, &s->last, false);
		break;
	case 'g':
		handle_g(s);
		break;
	case 'G':
		handle_G(s, pkt + 1, len - 1);
		break;
	case 'p':
		handle_p(s, pkt + 1);
		break;
	case 'P':
		handle_P(s, pkt + 1);
		break;
	case 'm':
		handle_m(s, pkt + 1);
		break;
	case 'M':
		handle_M(s, pkt + 1);
		break;
	case 'X':
		handle_X(s, pkt, len);
		break;
	case 'Z':
	case 'z':
		handle_Z(s, pkt + 1, pkt[0] == 'Z');
		break;
	case 'c': case 's': case 'C': case 'S':
		handle_legacy_resume(s, pkt[0], pkt + 1);
		break;
	case 'H':
		handle_H(s, pkt + 1);
		break;
	case 'T': {
		const char *p = pkt + 1;
		int cpu;
		bool alive = parse_thread(s, &p, &cpu) && cpu >= 0 && !*p;
		/* gdb asks whether a thread is alive when it switches to it
		 * without reading its registers (`thread apply N monitor
		 * …`): its monitor commands are meant for that thread. */
		if (alive)
			s->mon_cpu = (unsigned)cpu;
		gdb_send_str(s, alive ? "OK" : "E01");
		break;
	}
	case 'q':
		handle_query(s, pkt);
		break;
	case 'Q':
		if (!strcmp(pkt, "QStartNoAckMode")) {
			gdb_send_str(s, "OK"); /* acknowledged by gdb */
			s->no_ack = true;
		} else {
			gdb_send_str(s, "");
		}
		break;
	case 'v':
		handle_v(s, pkt);
		break;
	case 'D':
		handle_detach(s);
		break;
	case 'k':
		/* No reply (gdb does not wait for one). */
		s->end = STOP_BREAK;
		s->state = GDB_END;
		break;
	default:
		gdb_send_str(s, "");
		break;
	}
}
