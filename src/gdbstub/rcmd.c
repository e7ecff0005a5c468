/* gdb `monitor` commands (qRcmd): hypsim's view of the state that gdb's
 * own commands cannot show. They act on the core gdb last named (Hg, a
 * stop, or the T packet gdb sends when `thread apply N monitor …`
 * switches thread without reading registers), or on core N when the
 * command names one. gdb does not tell the stub when it switches back
 * to a thread whose registers it has cached, so after `thread apply` a
 * plain `monitor CMD` may still act on the last thread applied: give
 * the core number then. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gdbstub/gdb_internal.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "sim/hang.h"
#include "sim/machine.h"
#include "trace/trace.h"

static const char help_text[] =
	"hypsim monitor commands (they act on gdb's current thread = core,\n"
	"or on core N where one is given):\n"
	"  hyp [N]          HYP state: HCR, HSCTLR, HVBAR, HSR, ELR_hyp,\n"
	"                   SPSR_hyp, HTTBR, VTTBR, … decoded\n"
	"  regs [N]         core, banked and HYP registers\n"
	"  sysregs [N] [NAME]  system registers (all, or one described)\n"
	"  tlb [N]          the modelled TLB's valid entries\n"
	"  icache [N] [stale]  the L1 I-cache model's valid (or stale) lines\n"
	"  gic [N]          the GIC's state for the core, and why a pending\n"
	"                   interrupt is not delivered\n"
	"  hang [N]         the hang report (for any core, hang or not)\n"
	"  view current|guest|hyp|phys  what m/M packets go through\n"
	"                   (now: %s): the core's regime, the guest's\n"
	"                   stage 1 + stage 2, Hyp's stage 1, or none\n"
	"  phys on|off      the same as view phys / view current\n"
	"  trace on|off     pause or resume the --trace recording\n"
	"  translate VA [vmid N] [hyp|guest|current]  VA -> IPA -> PA, each\n"
	"                   stage's attributes and faults (from Hyp mode: the\n"
	"                   guest's Non-secure PL1&0 regime and stage 2)\n";

/* Split "word rest" at the first blank; returns the rest (may be ""). */
static char *split(char *s)
{
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (!*s)
		return s;
	*s++ = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool on_off(const char *arg, bool *on)
{
	if (!strcasecmp(arg, "on"))
		*on = true;
	else if (!strcasecmp(arg, "off"))
		*on = false;
	else
		return false;
	return true;
}

/* An optional leading core number: "N rest". On a number that names no
 * core, says so and returns false. */
static bool take_core(struct machine *m, char **arg, struct cpu **cpu,
		      FILE *out)
{
	char *a = *arg;
	if (!isdigit((unsigned char)*a))
		return true;
	char *rest = split(a), *end;
	unsigned long n = strtoul(a, &end, 10);
	if (*end || n >= m->n_cpus) {
		fprintf(out, "no core '%s' (0-%u)\n", a, m->n_cpus - 1);
		return false;
	}
	*cpu = &m->cpus[n];
	*arg = rest;
	return true;
}

void gdb_rcmd(struct gdb_stub *s, const char *command, FILE *out)
{
	char line[256];
	snprintf(line, sizeof line, "%s", command);
	char *cmd = line;
	while (*cmd == ' ')
		cmd++;
	char *arg = split(cmd);
	size_t al = strlen(arg);
	while (al && (arg[al - 1] == ' ' || arg[al - 1] == '\n'))
		arg[--al] = 0;
	struct machine *m = s->m;
	struct cpu *cpu = &m->cpus[s->mon_cpu < m->n_cpus ? s->mon_cpu : 0];
	bool on;

	if (!*cmd || !strcmp(cmd, "help")) {
		fprintf(out, help_text, dbg_view_name(s->view));
	} else if (!strcmp(cmd, "hyp")) {
		if (take_core(m, &arg, &cpu, out))
			dbg_print_hyp(cpu, out);
	} else if (!strcmp(cmd, "regs")) {
		if (take_core(m, &arg, &cpu, out))
			dbg_print_regs(cpu, out);
	} else if (!strcmp(cmd, "sysregs")) {
		if (!take_core(m, &arg, &cpu, out))
			return;
		if (!dbg_print_sysregs(cpu, *arg ? arg : NULL, out))
			fprintf(out, "no system register '%s' on this core\n", arg);
	} else if (!strcmp(cmd, "tlb")) {
		if (!take_core(m, &arg, &cpu, out))
			return;
		fprintf(out, "core %u TLB:\n", cpu->index);
		tlb_dump(cpu, out);
	} else if (!strcmp(cmd, "icache")) {
		if (!take_core(m, &arg, &cpu, out))
			return;
		fprintf(out, "core %u L1 I-cache%s:\n", cpu->index,
			!strcmp(arg, "stale") ? " (stale lines)" : "");
		icache_dump(cpu, out, !strcmp(arg, "stale"));
	} else if (!strcmp(cmd, "gic")) {
		if (!take_core(m, &arg, &cpu, out))
			return;
		dbg_print_gic(m, cpu->index, out);
	} else if (!strcmp(cmd, "hang")) {
		bool given = *arg != 0;
		if (!take_core(m, &arg, &cpu, out))
			return;
		if (!m->hang)
			fputs("hang detection is off (--no-hang-detect)\n", out);
		else if (hang_detector_kind(m->hang) != HANG_NONE && !given)
			hang_report(m->hang, hang_detector_cpu(m->hang), out);
		else
			hang_report(m->hang, cpu->index, out);
	} else if (!strcmp(cmd, "phys")) {
		if (*arg && !on_off(arg, &on)) {
			fputs("usage: monitor phys on|off\n", out);
			return;
		}
		if (*arg)
			s->view = on ? DBG_VIEW_PHYS : DBG_VIEW_CURRENT;
		fprintf(out, "m/M packets use %s addresses\n",
			s->view == DBG_VIEW_PHYS ? "physical"
						 : "virtual (monitor view)");
	} else if (!strcmp(cmd, "view")) {
		static const enum dbg_view all[] = {
			DBG_VIEW_CURRENT, DBG_VIEW_GUEST, DBG_VIEW_HYP,
			DBG_VIEW_PHYS};
		bool found = !*arg;
		for (unsigned i = 0; i < 4 && !found; i++)
			if (!strcasecmp(arg, dbg_view_name(all[i]))) {
				s->view = all[i];
				found = true;
			}
		if (!found) {
			fputs("usage: monitor view current|guest|hyp|phys\n",
			      out);
			return;
		}
		static const char *const what[] = {
			[DBG_VIEW_CURRENT] = "the current regime of the core",
			[DBG_VIEW_GUEST] = ("the guest's Non-secure PL1&0 "
					    "stage 1 and stage 2"),
			[DBG_VIEW_HYP] = "Hyp's stage 1",
			[DBG_VIEW_PHYS] = "no translation (physical addresses)",
		};
		fprintf(out, "memory view: %s: %s\n", dbg_view_name(s->view),
			what[s->view]);
	} else if (!strcmp(cmd, "trace")) {
		if (!on_off(arg, &on)) {
			fputs("usage: monitor trace on|off\n", out);
		} else if (!s->d->trace) {
			fputs("no trace is being recorded (run with --trace FILE)\n",
			      out);
		} else {
			trace_writer_set_enabled(s->d->trace, on);
			fprintf(out, "trace recording %s\n", on ? "on" : "off");
		}
	} else if (!strcmp(cmd, "translate")) {
		char *opts = split(arg);
		const char *p = arg;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			p += 2;
		uint64_t va;
		if (!gdb_parse_hex(&p, &va) || *p || va > 0xffffffffu ||
		    !dbg_translate_cmd(cpu, (uint32_t)va, opts, out))
			fputs("usage: monitor translate VA (hex) [vmid N] "
			      "[hyp|guest|current]\n", out);
	} else {
		fprintf(out, "unknown command '%s' (monitor help)\n", cmd);
	}
}
