/* gdb `monitor` commands (qRcmd): hypsim's view of the state that gdb's
 * own commands cannot show. They act on the core gdb has selected (the
 * current thread). */
#include <string.h>
#include <strings.h>

#include "gdbstub/gdb_internal.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "sim/hang.h"
#include "sim/machine.h"
#include "trace/trace.h"

static const char help_text[] =
	"hypsim monitor commands (they act on gdb's current thread = core):\n"
	"  hyp              HYP state: HCR, HSCTLR, HVBAR, HSR, ELR_hyp,\n"
	"                   SPSR_hyp, HTTBR, VTTBR, … decoded\n"
	"  regs             core, banked and HYP registers\n"
	"  sysregs [NAME]   system registers (all, or one with its description)\n"
	"  tlb              the modelled TLB's valid entries\n"
	"  icache [stale]   the L1 I-cache model's valid (or stale) lines\n"
	"  hang             the hang report (for any core, hang or not)\n"
	"  phys on|off      m/M packets use physical addresses (now: %s)\n"
	"  trace on|off     pause or resume the --trace recording\n"
	"  translate VA     VA through the current regime, as m/M do\n";

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
	struct cpu *cpu = &m->cpus[s->g_cpu < m->n_cpus ? s->g_cpu : 0];
	bool on;

	if (!*cmd || !strcmp(cmd, "help")) {
		fprintf(out, help_text, s->phys ? "on" : "off");
	} else if (!strcmp(cmd, "hyp")) {
		dbg_print_hyp(cpu, out);
	} else if (!strcmp(cmd, "regs")) {
		dbg_print_regs(cpu, out);
	} else if (!strcmp(cmd, "sysregs")) {
		if (!dbg_print_sysregs(cpu, *arg ? arg : NULL, out))
			fprintf(out, "no system register '%s' on this core\n", arg);
	} else if (!strcmp(cmd, "tlb")) {
		fprintf(out, "core %u TLB:\n", cpu->index);
		tlb_dump(cpu, out);
	} else if (!strcmp(cmd, "icache")) {
		fprintf(out, "core %u L1 I-cache%s:\n", cpu->index,
			!strcmp(arg, "stale") ? " (stale lines)" : "");
		icache_dump(cpu, out, !strcmp(arg, "stale"));
	} else if (!strcmp(cmd, "hang")) {
		if (!m->hang)
			fputs("hang detection is off (--no-hang-detect)\n", out);
		else if (hang_detector_kind(m->hang) != HANG_NONE &&
			 !*arg)
			hang_report(m->hang, hang_detector_cpu(m->hang), out);
		else
			hang_report(m->hang, cpu->index, out);
	} else if (!strcmp(cmd, "phys")) {
		if (*arg && !on_off(arg, &on)) {
			fputs("usage: monitor phys on|off\n", out);
			return;
		}
		if (*arg)
			s->phys = on;
		fprintf(out, "m/M packets use %s addresses\n",
			s->phys ? "physical" : "virtual (current regime)");
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
		const char *p = arg;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			p += 2;
		uint64_t va, pa;
		if (!gdb_parse_hex(&p, &va) || *p || va > 0xffffffffu)
			fputs("usage: monitor translate VA (hex)\n", out);
		else if (!dbg_translate(cpu, (uint32_t)va, &pa))
			fprintf(out, "0x%08x: no translation in the current "
				     "regime\n", (uint32_t)va);
		else
			fprintf(out, "0x%08x -> PA 0x%010llx\n", (uint32_t)va,
				(unsigned long long)pa);
	} else {
		fprintf(out, "unknown command '%s' (monitor help)\n", cmd);
	}
}
