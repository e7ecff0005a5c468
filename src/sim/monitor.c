/* The readline monitor (see monitor.h). Run control, breakpoints and
 * register/memory access come from the debugger core shared with the gdb
 * stub (gdbstub/debug.h); this file is the command language. */
#include "sim/monitor.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cp15/sysreg.h"
#include "cpu/regmap.h"
#include "gdbstub/debug.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "sim/disasm.h"
#include "sim/hang.h"
#include "trace/trace.h"

struct monitor {
	struct machine *m;
	struct debugger *d;
	FILE *out;
	unsigned cur; /* current core */
	enum dbg_view view; /* what x/ without p goes through */
	bool hang_seen;
	char last[128]; /* repeated by an empty line (step) */
};

static const char *const commands[] = {
	"help", "continue", "step", "core", "break", "watch", "rwatch",
	"awatch", "delete", "info", "regs", "sysregs", "x", "hyp", "tlb",
	"icache", "gic", "hang", "trace", "translate", "view", "quit", NULL,
};

static const char help_text[] =
	"  continue (c)          run every core until a stop (Ctrl-C stops)\n"
	"  step (s) [N]          execute N instructions on the current core,\n"
	"                        the other cores held\n"
	"  core [N]              select the current core / list the cores\n"
	"  break (b) ADDR|SYMBOL breakpoint on every core; no argument: list\n"
	"  watch|rwatch|awatch ADDR|SYMBOL [LEN]  data watchpoint (write,\n"
	"                        read, either); stops after the access\n"
	"  delete (d) [N]        delete breakpoint N (no N: every breakpoint\n"
	"                        and watchpoint)\n"
	"  info break            breakpoints and watchpoints\n"
	"  regs                  core, banked and HYP registers\n"
	"  sysregs [NAME]        system registers (all, or one)\n"
	"  x/FMT ADDR            memory: FMT = [count][x|d|u|i|s][b|h|w][p];\n"
	"                        p = ADDR is physical, else virtual through\n"
	"                        the memory view (e.g. x/8xw $sp, x/4i pc)\n"
	"  view [current|guest|hyp]  what x/ reads through: the core's\n"
	"                        regime, the guest's stage 1 + stage 2, or\n"
	"                        Hyp's stage 1\n"
	"  hyp                   HYP state decoded\n"
	"  tlb [N]               the modelled TLB's entries (core N)\n"
	"  icache [N] [stale]    the L1 I-cache model's lines (core N)\n"
	"  gic [N]               the GIC's state for core N, and why a\n"
	"                        pending interrupt is not delivered\n"
	"  hang [N]              the hang report (any core)\n"
	"  trace on|off          pause or resume --trace recording\n"
	"  translate ADDR [vmid N] [hyp|guest|current]\n"
	"                        VA -> IPA -> PA with each stage's attributes\n"
	"                        and faults; from Hyp mode the guest's\n"
	"                        Non-secure PL1&0 regime and its stage 2\n"
	"  quit (q)              end the run\n"
	"ADDR: a number (0x… hex), a symbol, or a register ($pc, sp, ELR_hyp,\n"
	"HVBAR…), with an optional +N or -N.\n";

static struct cpu *cur_cpu(struct monitor *mon)
{
	return &mon->m->cpus[mon->cur];
}

/* ---- expressions ---- */

/* A number that fits 64 bits: one that does not is refused, not
 * clamped (strtoull gives ULLONG_MAX for it). */
static bool parse_number(const char *s, uint64_t *v)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return *end == 0 && errno != ERANGE;
}

/* A number, a symbol, or a register of the current core, optionally
 * followed by +N / -N. */
static bool eval(struct monitor *mon, const char *expr, uint64_t *val)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", expr);
	/* The offset is added modulo 2^64: negating it as a signed number
	 * would overflow for 9223372036854775808 (issue 17). */
	uint64_t off = 0;
	char *op = strpbrk(buf + 1, "+-");
	if (op) {
		uint64_t o;
		if (!parse_number(op + 1, &o))
			return false;
		off = *op == '-' ? 0 - o : o;
		*op = 0;
	}
	const char *name = buf[0] == '$' ? buf + 1 : buf;
	uint64_t v;
	if (parse_number(name, &v)) {
		*val = v + off;
		return true;
	}
	const struct symbol *sym = machine_symbol_by_name(mon->m, name);
	if (sym) {
		*val = sym->addr + off;
		return true;
	}
	int id = regmap_find(name);
	if (id < 0) {
		for (unsigned i = 0; i < REGMAP_COUNT; i++)
			if (!strcasecmp(regmap_get(i)->gdb_name, name))
				id = (int)i;
	}
	if (id >= 0) {
		*val = regmap_read(cur_cpu(mon), (unsigned)id) + off;
		return true;
	}
	const struct sysreg *r = dbg_sysreg_for(cur_cpu(mon), name);
	if (r && sysreg_peek(cur_cpu(mon), r, cpu_cp15_bank(cur_cpu(mon)), &v)) {
		*val = v + off;
		return true;
	}
	return false;
}

/* ---- output helpers ---- */

static void print_symbolic(struct monitor *mon, uint32_t addr)
{
	const struct symbol *s = machine_find_symbol(mon->m, addr);
	if (!s)
		return;
	if (addr == s->addr)
		fprintf(mon->out, " <%s>", s->name);
	else
		fprintf(mon->out, " <%s+%u>", s->name, addr - s->addr);
}

/* Disassemble the instruction at va (memory as a debugger reads it:
 * the I-cache model may hold other bytes, see `icache`). Returns its
 * size, 0 if memory could not be read. */
static unsigned disasm_at(struct monitor *mon, struct cpu *cpu, uint64_t addr,
			  bool thumb, enum dbg_view v, char *buf, size_t len)
{
	uint8_t b[4];
	size_t got = dbg_mem_read_view(cpu, addr, b, thumb ? 2 : 4, v);
	if (got < (thumb ? 2u : 4u)) {
		snprintf(buf, len, "(cannot read memory)");
		return 0;
	}
	uint32_t insn;
	unsigned size;
	if (thumb) {
		uint32_t hw1 = b[0] | (uint32_t)b[1] << 8;
		size = 2;
		insn = hw1;
		if (t32_is_32bit((uint16_t)hw1) &&
		    dbg_mem_read_view(cpu, addr + 2, b + 2, 2, v) == 2) {
			insn = hw1 << 16 | b[2] | (uint32_t)b[3] << 8;
			size = 4;
		}
	} else {
		insn = b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
		       (uint32_t)b[3] << 24;
		size = 4;
	}
	disasm_one(insn, size, thumb, (uint32_t)addr, buf, len);
	return size;
}

static void print_location(struct monitor *mon, struct cpu *cpu)
{
	char dis[96];
	uint32_t pc = cpu->r[15];
	disasm_at(mon, cpu, pc, cpu_thumb(cpu), DBG_VIEW_CURRENT, dis,
		  sizeof dis);
	fprintf(mon->out, "core %u [%s] 0x%08x", cpu->index,
		regmap_mode_name(cpu_mode(cpu)), pc);
	print_symbolic(mon, pc);
	fprintf(mon->out, ": %s\n", dis);
}

static void report_stop(struct monitor *mon, const struct dbg_stop *st)
{
	struct machine *m = mon->m;
	struct cpu *cpu = &m->cpus[st->cpu];
	switch (st->ev) {
	case DBG_EV_STEP:
		break;
	case DBG_EV_BREAK:
		fprintf(mon->out, "breakpoint hit on core %u\n", st->cpu);
		break;
	case DBG_EV_WATCH:
		fprintf(mon->out, "watchpoint: core %u %s 0x%08x\n", st->cpu,
			st->watch_type == DBG_WATCH_READ ? "read" : "accessed",
			st->watch_addr);
		break;
	case DBG_EV_INTERRUPT:
		fprintf(mon->out, "interrupted after %" PRIu64 " instructions\n",
			machine_total_icount(m));
		break;
	case DBG_EV_HANG:
		mon->hang_seen = true;
		if (m->hang)
			fprintf(mon->out, "hang (%s) on core %u at 0x%08x: "
					  "`hang` prints the report\n",
				hang_kind_name(hang_detector_kind(m->hang)),
				hang_detector_cpu(m->hang),
				hang_detector_pc(m->hang));
		else
			fprintf(mon->out, "every core waits and nothing can wake "
					  "them\n");
		break;
	case DBG_EV_EXIT:
		fprintf(mon->out, "the guest exited with code %d\n", st->exit_code);
		return;
	case DBG_EV_BUDGET:
		fprintf(mon->out, "instruction budget of %" PRIu64 " exhausted\n",
			mon->d->max_insns);
		break;
	case DBG_EV_NONE:
		return;
	}
	mon->cur = st->cpu;
	print_location(mon, cpu);
}

/* ---- commands ---- */

static void cmd_continue(struct monitor *mon)
{
	struct dbg_stop st;
	if (mon->hang_seen) {
		/* The hang detector stops only runs that cannot continue
		 * differently, and the monitor cannot change the state: a
		 * continue would spin for ever. */
		fputs("the machine is hung: `hang` shows why; step still "
		      "executes single instructions\n", mon->out);
		return;
	}
	mon->m->interrupt_requested = 0;
	fputs("continuing (Ctrl-C stops)\n", mon->out);
	fflush(mon->out);
	dbg_continue(mon->d, 0, &st);
	fflush(mon->m->console);
	report_stop(mon, &st);
}

static void cmd_step(struct monitor *mon, const char *arg)
{
	uint64_t n = 1;
	if (*arg && (!parse_number(arg, &n) || n == 0)) {
		fprintf(mon->out, "usage: step [N]\n");
		return;
	}
	struct dbg_stop st = {0};
	mon->m->interrupt_requested = 0;
	struct cpu *cpu = &mon->m->cpus[mon->cur];
	for (uint64_t i = 0; i < n; i++) {
		uint64_t icount = machine_total_icount(mon->m);
		uint32_t pc = cpu->r[15], cpsr = cpu->cpsr;
		dbg_step(mon->d, mon->cur, &st);
		if (st.ev != DBG_EV_STEP || mon->m->interrupt_requested)
			break;
		/* A core that moves nothing (off until PSCI CPU_ON, or in
		 * WFI while machine time stands still) would do the same
		 * nothing N times, and the budget never runs out: `core 1`
		 * then `step 18446744073709551615` hung (found by
		 * fuzz_monitor). Stop at the first such step. */
		if (machine_total_icount(mon->m) == icount &&
		    cpu->r[15] == pc && cpu->cpsr == cpsr)
			break;
	}
	mon->m->interrupt_requested = 0;
	report_stop(mon, &st);
}

static void cmd_core(struct monitor *mon, const char *arg)
{
	struct machine *m = mon->m;
	if (*arg) {
		uint64_t n;
		if (!parse_number(arg, &n) || n >= m->n_cpus) {
			fprintf(mon->out, "no core '%s' (0-%u)\n", arg, m->n_cpus - 1);
			return;
		}
		mon->cur = (unsigned)n;
		print_location(mon, cur_cpu(mon));
		return;
	}
	for (unsigned i = 0; i < m->n_cpus; i++) {
		char name[64];
		dbg_core_name(&m->cpus[i], name, sizeof name);
		static const char *const st[] = {"running", "WFI", "WFE",
						 "powered off", "halted"};
		fprintf(mon->out, "%c %s, %s, icount %" PRIu64 ", ",
			i == mon->cur ? '*' : ' ', name,
			(unsigned)m->cpus[i].state < 5 ? st[m->cpus[i].state] : "?",
			m->cpus[i].icount);
		print_location(mon, &m->cpus[i]);
	}
}

static void list_points(struct monitor *mon)
{
	struct debugger *d = mon->d;
	bool any = false;
	for (unsigned i = 0; i < DBG_MAX_BREAKPOINTS; i++) {
		if (!d->bp[i].used)
			continue;
		fprintf(mon->out, "breakpoint %u at 0x%08x", i, d->bp[i].addr);
		print_symbolic(mon, d->bp[i].addr);
		fputc('\n', mon->out);
		any = true;
	}
	static const char *const wt[] = {"", "watch", "rwatch", "awatch"};
	for (unsigned i = 0; i < DBG_MAX_WATCHPOINTS; i++) {
		if (!d->wp[i].used)
			continue;
		fprintf(mon->out, "%s 0x%08x, %u bytes\n", wt[d->wp[i].type & 3],
			d->wp[i].addr, d->wp[i].len);
		any = true;
	}
	if (!any)
		fprintf(mon->out, "no breakpoints or watchpoints\n");
}

static void cmd_break(struct monitor *mon, const char *arg)
{
	if (!*arg) {
		list_points(mon);
		return;
	}
	uint64_t a;
	if (!eval(mon, arg, &a) || a > 0xffffffffu) {
		fprintf(mon->out, "cannot evaluate '%s'\n", arg);
		return;
	}
	int slot = dbg_break_add(mon->d, (uint32_t)a, DBG_BP_HW);
	if (slot < 0) {
		fprintf(mon->out, "no breakpoint slot left\n");
		return;
	}
	fprintf(mon->out, "breakpoint %d at 0x%08x", slot, (uint32_t)a);
	print_symbolic(mon, (uint32_t)a);
	fputc('\n', mon->out);
}

static void cmd_watch(struct monitor *mon, enum dbg_watch_type type,
		      char *arg)
{
	char *len_s = strchr(arg, ' ');
	uint64_t a, len = 4;
	if (len_s) {
		*len_s++ = 0;
		while (*len_s == ' ')
			len_s++;
		if (!parse_number(len_s, &len) || len == 0 || len > 0x100000) {
			fprintf(mon->out, "bad length '%s'\n", len_s);
			return;
		}
	}
	if (!*arg || !eval(mon, arg, &a) || a + len > 0x100000000ull) {
		fprintf(mon->out, "usage: watch ADDR|SYMBOL [LEN]\n");
		return;
	}
	if (dbg_watch_add(mon->d, (uint32_t)a, (uint32_t)len, type) < 0)
		fprintf(mon->out, "no watchpoint slot left\n");
	else
		fprintf(mon->out, "watchpoint on 0x%08x, %u bytes\n", (uint32_t)a,
			(unsigned)len);
}

static void cmd_delete(struct monitor *mon, const char *arg)
{
	if (!*arg) {
		dbg_break_clear(mon->d);
		dbg_watch_clear(mon->d);
		fprintf(mon->out, "deleted every breakpoint and watchpoint\n");
		return;
	}
	uint64_t n;
	if (!parse_number(arg, &n) || n >= DBG_MAX_BREAKPOINTS ||
	    !dbg_break_delete(mon->d, (unsigned)n))
		fprintf(mon->out, "no breakpoint %s\n", arg);
}

/* x/FMT ADDR */
static void cmd_x(struct monitor *mon, const char *fmt, const char *arg)
{
	uint64_t count = 1;
	char f = 'x', unit = 'w';
	bool phys = false;
	const char *p = fmt;
	if (*p == '/') {
		p++;
		if (isdigit((unsigned char)*p)) {
			char *end;
			count = strtoull(p, &end, 10);
			p = end;
		}
		for (; *p; p++) {
			if (strchr("xdui s", *p) && *p != ' ')
				f = *p;
			else if (strchr("bhw", *p))
				unit = *p;
			else if (*p == 'p')
				phys = true;
			else {
				fprintf(mon->out, "bad format letter '%c'\n", *p);
				return;
			}
		}
	} else if (*p) {
		fprintf(mon->out, "usage: x/FMT ADDR\n");
		return;
	}
	uint64_t addr;
	if (!*arg || !eval(mon, arg, &addr)) {
		fprintf(mon->out, "cannot evaluate '%s'\n", arg);
		return;
	}
	if (count == 0 || count > 4096)
		count = count ? 4096 : 1;
	struct cpu *cpu = cur_cpu(mon);
	enum dbg_view view = phys ? DBG_VIEW_PHYS : mon->view;
	if (f == 'i') {
		bool thumb = cpu_thumb(cpu);
		for (uint64_t i = 0; i < count; i++) {
			char dis[96];
			unsigned sz = disasm_at(mon, cpu, addr, thumb, view, dis,
						sizeof dis);
			fprintf(mon->out, "0x%08" PRIx64, addr);
			if (!phys)
				print_symbolic(mon, (uint32_t)addr);
			fprintf(mon->out, ": %s\n", dis);
			if (!sz)
				return;
			addr += sz;
		}
		return;
	}
	if (f == 's') {
		for (uint64_t i = 0; i < count; i++) {
			fprintf(mon->out, "0x%08" PRIx64 ": \"", addr);
			for (unsigned k = 0; k < 1024; k++, addr++) {
				uint8_t c;
				if (dbg_mem_read_view(cpu, addr, &c, 1, view) != 1) {
					fputs("\" (cannot read memory)\n", mon->out);
					return;
				}
				if (!c)
					break;
				if (isprint(c))
					fputc(c, mon->out);
				else
					fprintf(mon->out, "\\x%02x", c);
			}
			addr++;
			fputs("\"\n", mon->out);
		}
		return;
	}
	unsigned size = unit == 'b' ? 1 : unit == 'h' ? 2 : 4;
	unsigned per_line = 16 / size;
	for (uint64_t i = 0; i < count; i++) {
		uint8_t b[4] = {0};
		if (i % per_line == 0)
			fprintf(mon->out, "%s0x%08" PRIx64 ":", i ? "\n" : "",
				addr + i * size);
		if (dbg_mem_read_view(cpu, addr + i * size, b, size, view) !=
		    size) {
			fputs(" (cannot read memory)", mon->out);
			break;
		}
		uint32_t v = 0;
		for (unsigned k = 0; k < size; k++)
			v |= (uint32_t)b[k] << (8 * k);
		if (f == 'x')
			fprintf(mon->out, " 0x%0*x", (int)size * 2, v);
		else if (f == 'u')
			fprintf(mon->out, " %u", v);
		else {
			int32_t sv = size == 1 ? (int8_t)v : size == 2 ? (int16_t)v
								   : (int32_t)v;
			fprintf(mon->out, " %d", sv);
		}
	}
	fputc('\n', mon->out);
}

static void cmd_hang(struct monitor *mon, int core)
{
	struct machine *m = mon->m;
	if (!m->hang) {
		fprintf(mon->out, "hang detection is off (--no-hang-detect)\n");
		return;
	}
	unsigned c = core >= 0 ? (unsigned)core
		     : hang_detector_kind(m->hang) != HANG_NONE
			     ? hang_detector_cpu(m->hang) : mon->cur;
	hang_report(m->hang, c, mon->out);
}

static void cmd_trace(struct monitor *mon, const char *arg)
{
	bool on = !strcasecmp(arg, "on");
	if (!on && strcasecmp(arg, "off")) {
		fprintf(mon->out, "usage: trace on|off\n");
		return;
	}
	if (!mon->d->trace) {
		fprintf(mon->out, "no trace is being recorded (run with --trace "
				  "FILE)\n");
		return;
	}
	trace_writer_set_enabled(mon->d->trace, on);
	fprintf(mon->out, "trace recording %s\n", on ? "on" : "off");
}

static void cmd_translate(struct monitor *mon, char *arg)
{
	uint64_t va;
	char *opts = arg;
	while (*opts && !isspace((unsigned char)*opts))
		opts++;
	if (*opts)
		*opts++ = 0;
	if (!*arg || !eval(mon, arg, &va) || va > 0xffffffffu ||
	    !dbg_translate_cmd(cur_cpu(mon), (uint32_t)va, opts, mon->out))
		fprintf(mon->out, "usage: translate ADDR [vmid N] "
				  "[hyp|guest|current]\n");
}

/* An optional leading core number of `tlb`, `icache`, `gic`, `hang`:
 * sets *cpu and skips it; false (said) for a number that names no core. */
static bool take_core(struct monitor *mon, const char **arg, unsigned *cpu)
{
	const char *a = *arg;
	if (!isdigit((unsigned char)*a))
		return true;
	char num[32];
	size_t n = strcspn(a, " \t");
	snprintf(num, sizeof num, "%.*s", (int)(n < 31 ? n : 31), a);
	uint64_t v;
	if (!parse_number(num, &v) || v >= mon->m->n_cpus) {
		fprintf(mon->out, "no core '%s' (0-%u)\n", num,
			mon->m->n_cpus - 1);
		return false;
	}
	*cpu = (unsigned)v;
	a += n;
	while (isspace((unsigned char)*a))
		a++;
	*arg = a;
	return true;
}

bool monitor_execute(struct monitor *mon, const char *input)
{
	char line[512];
	while (isspace((unsigned char)*input))
		input++;
	if (!*input)
		input = mon->last; /* an empty line repeats a step */
	snprintf(line, sizeof line, "%s", input);
	size_t n = strlen(line);
	while (n && isspace((unsigned char)line[n - 1]))
		line[--n] = 0;
	if (!n)
		return true;
	char *cmd = line, *arg = line;
	while (*arg && !isspace((unsigned char)*arg) && *arg != '/')
		arg++;
	char fmt[32] = "";
	if (*arg == '/') {
		char *e = arg;
		while (*e && !isspace((unsigned char)*e))
			e++;
		snprintf(fmt, sizeof fmt, "%.*s", (int)(e - arg), arg);
		*arg = 0;
		arg = e;
	} else if (*arg) {
		*arg++ = 0;
	}
	while (isspace((unsigned char)*arg))
		arg++;
	mon->last[0] = 0;
	struct cpu *cpu = cur_cpu(mon);

	if (!strcmp(cmd, "help") || !strcmp(cmd, "?")) {
		fputs(help_text, mon->out);
	} else if (!strcmp(cmd, "continue") || !strcmp(cmd, "c")) {
		cmd_continue(mon);
	} else if (!strcmp(cmd, "step") || !strcmp(cmd, "s") ||
		   !strcmp(cmd, "stepi") || !strcmp(cmd, "si")) {
		cmd_step(mon, arg);
		snprintf(mon->last, sizeof mon->last, "step %.100s", arg);
	} else if (!strcmp(cmd, "core")) {
		cmd_core(mon, arg);
	} else if (!strcmp(cmd, "break") || !strcmp(cmd, "b")) {
		cmd_break(mon, arg);
	} else if (!strcmp(cmd, "watch")) {
		cmd_watch(mon, DBG_WATCH_WRITE, arg);
	} else if (!strcmp(cmd, "rwatch")) {
		cmd_watch(mon, DBG_WATCH_READ, arg);
	} else if (!strcmp(cmd, "awatch")) {
		cmd_watch(mon, DBG_WATCH_ACCESS, arg);
	} else if (!strcmp(cmd, "delete") || !strcmp(cmd, "d")) {
		cmd_delete(mon, arg);
	} else if (!strcmp(cmd, "info")) {
		list_points(mon);
	} else if (!strcmp(cmd, "regs")) {
		dbg_print_regs(cpu, mon->out);
	} else if (!strcmp(cmd, "sysregs")) {
		if (!dbg_print_sysregs(cpu, *arg ? arg : NULL, mon->out))
			fprintf(mon->out, "no system register '%s' on core %u\n",
				arg, cpu->index);
	} else if (!strcmp(cmd, "x")) {
		cmd_x(mon, fmt, arg);
	} else if (!strcmp(cmd, "hyp")) {
		dbg_print_hyp(cpu, mon->out);
	} else if (!strcmp(cmd, "tlb") || !strcmp(cmd, "icache") ||
		   !strcmp(cmd, "gic") || !strcmp(cmd, "hang")) {
		const char *a = arg;
		unsigned c = mon->cur;
		bool given = isdigit((unsigned char)*a);
		if (!take_core(mon, &a, &c)) {
			fflush(mon->out);
			return true;
		}
		if (!strcmp(cmd, "tlb")) {
			fprintf(mon->out, "core %u TLB:\n", c);
			tlb_dump(&mon->m->cpus[c], mon->out);
		} else if (!strcmp(cmd, "icache")) {
			fprintf(mon->out, "core %u L1 I-cache:\n", c);
			icache_dump(&mon->m->cpus[c], mon->out,
				    !strcmp(a, "stale"));
		} else if (!strcmp(cmd, "gic")) {
			dbg_print_gic(mon->m, c, mon->out);
		} else {
			cmd_hang(mon, given ? (int)c : -1);
		}
	} else if (!strcmp(cmd, "trace")) {
		cmd_trace(mon, arg);
	} else if (!strcmp(cmd, "view")) {
		if (!strcasecmp(arg, "current"))
			mon->view = DBG_VIEW_CURRENT;
		else if (!strcasecmp(arg, "guest"))
			mon->view = DBG_VIEW_GUEST;
		else if (!strcasecmp(arg, "hyp"))
			mon->view = DBG_VIEW_HYP;
		else if (*arg)
			fprintf(mon->out, "usage: view [current|guest|hyp]\n");
		fprintf(mon->out, "memory view: %s\n", dbg_view_name(mon->view));
	} else if (!strcmp(cmd, "translate")) {
		cmd_translate(mon, arg);
	} else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q") ||
		   !strcmp(cmd, "exit")) {
		return false;
	} else {
		fprintf(mon->out, "unknown command '%s' (help lists them)\n", cmd);
	}
	fflush(mon->out);
	return true;
}

struct monitor *monitor_create(struct machine *m, struct trace_writer *trace,
			       uint64_t max_insns, FILE *out)
{
	struct monitor *mon = calloc(1, sizeof *mon);
	if (!mon)
		return NULL;
	mon->m = m;
	mon->out = out;
	mon->d = dbg_create(m, trace, max_insns);
	if (!mon->d) {
		free(mon);
		return NULL;
	}
	return mon;
}

enum stop_reason monitor_destroy(struct monitor *mon)
{
	if (!mon)
		return STOP_BREAK;
	enum stop_reason r = mon->d->exited ? STOP_EXIT
			     : mon->hang_seen ? STOP_HANG : STOP_BREAK;
	dbg_destroy(mon->d);
	free(mon);
	return r;
}

/* ---- readline: completion of commands, registers, symbols ---- */

static struct monitor *completing;

/* Candidates for the word being completed: command names for the first
 * word, else register names (core, banked, system) and symbols. */
static char *complete_gen(const char *text, int state)
{
	static size_t idx, len;
	static bool first_word;
	if (!state) {
		idx = 0;
		len = strlen(text);
		first_word = rl_point == (int)len ||
			     strspn(rl_line_buffer, " ") + len == (size_t)rl_point;
	}
	struct monitor *mon = completing;
	if (first_word) {
		while (commands[idx]) {
			const char *c = commands[idx++];
			if (!strncmp(c, text, len))
				return strdup(c);
		}
		return NULL;
	}
	size_t n_core = REGMAP_COUNT, n_sys = sysreg_count();
	size_t n_sym = mon ? mon->m->n_syms : 0;
	while (idx < n_core + n_sys + n_sym) {
		size_t i = idx++;
		const char *name;
		if (i < n_core) {
			name = regmap_get((unsigned)i)->name;
		} else if (i < n_core + n_sys) {
			const struct sysreg *r = sysreg_by_id((unsigned)(i - n_core));
			if (!r || (r->access & (SR_OPERATION | SR_ALIAS)) ||
			    (mon && !sysreg_in_model(r, cur_cpu(mon)->model)))
				continue;
			name = r->name;
		} else {
			name = mon->m->syms[i - n_core - n_sys].name;
		}
		if (!strncasecmp(name, text, len))
			return strdup(name);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1; /* no file names */
	return rl_completion_matches(text, complete_gen);
}

static char *read_line(bool tty)
{
	if (tty)
		return readline("(hypsim) ");
	char *line = NULL;
	size_t cap = 0;
	if (getline(&line, &cap, stdin) < 0) {
		free(line);
		return NULL;
	}
	return line;
}

enum stop_reason monitor_run(struct machine *m, struct trace_writer *trace,
			     uint64_t max_insns)
{
	struct monitor *mon = monitor_create(m, trace, max_insns, stdout);
	if (!mon) {
		fprintf(stderr, "hypsim: out of memory\n");
		return STOP_BREAK;
	}
	bool tty = isatty(STDIN_FILENO);
	if (tty) {
		completing = mon;
		rl_readline_name = "hypsim";
		rl_attempted_completion_function = complete;
	}
	char name[64];
	dbg_core_name(&m->cpus[0], name, sizeof name);
	fprintf(stdout, "hypsim monitor: %u core%s, stopped at reset ('help' "
			"lists the commands)\n",
		m->n_cpus, m->n_cpus == 1 ? "" : "s");
	print_location(mon, &m->cpus[0]);
	fflush(stdout);
	for (;;) {
		char *line = read_line(tty);
		if (!line)
			break; /* end of input: as quit */
		if (tty && *line)
			add_history(line);
		bool go_on = monitor_execute(mon, line);
		free(line);
		if (!go_on)
			break;
	}
	completing = NULL;
	return monitor_destroy(mon);
}
