/* Boot scenarios: parsing and running one (see scenario.h and
 * tests/scenarios/README.md). */
#define _GNU_SOURCE
#include "sim/scenario.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cp15/core_model.h"
#include "sim/hang.h"
#include "sim/machine.h"
#include "sim/maintcheck.h"
#include "trace/tools.h"

struct parse_ctx {
	struct scenario *s;
	const char *images_dir, *traces_dir;
	char err[256];
	bool have_image;
};

static bool copy_str(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static void resolve(char *dst, size_t len, const char *dir, const char *v)
{
	int n = (v[0] == '/' || !dir) ? snprintf(dst, len, "%s", v)
				       : snprintf(dst, len, "%s/%s", dir, v);
	if (n < 0 || (size_t)n >= len)
		dst[0] = 0; /* too long: reported as a missing file */
}

static int fail(struct parse_ctx *c, const char *fmt, const char *a,
		const char *b)
{
	snprintf(c->err, sizeof c->err, fmt, a, b);
	return 0; /* inih then reports this line */
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct parse_ctx *c = user;
	struct scenario *s = c->s;
	uint64_t v;
	if (!strcmp(section, "scenario")) {
		if (!strcmp(name, "name")) {
			if (!copy_str(s->name, sizeof s->name, value))
				return fail(c, "%s too long", name, NULL);
		} else if (!strcmp(name, "description")) {
			snprintf(s->description, sizeof s->description, "%s", value);
		} else if (!strcmp(name, "board")) {
			if (strcmp(value, "bare"))
				return fail(c, "unknown board '%s' (bare)", value, NULL);
		} else if (!strcmp(name, "cpus") || !strcmp(name, "cpu")) {
			char e[160];
			if (!run_parse_cpus(&s->run.machine, value, e, sizeof e))
				return fail(c, "%s: %s", name, e);
		} else if (!strcmp(name, "mem")) {
			if (!run_parse_size(value, &v) || !v)
				return fail(c, "bad %s '%s'", name, value);
			s->run.machine.mem_size = v;
		} else if (!strcmp(name, "mem_base")) {
			if (!run_parse_size(value, &v))
				return fail(c, "bad %s '%s'", name, value);
			s->run.machine.mem_base = v;
		} else if (!strcmp(name, "mem_alias")) {
			if (!run_parse_alias(value, &s->run.machine.alias_base,
					     &s->run.machine.alias_size))
				return fail(c, "bad %s '%s' (BASE:SIZE)", name, value);
		} else if (!strcmp(name, "entry")) {
			if (!run_parse_entry(value, &s->run.machine.entry))
				return fail(c, "entry must be svc, hyp or secure-svc, "
					       "not '%s'%s", value, "");
		} else if (!strcmp(name, "image")) {
			resolve(s->image, sizeof s->image, c->images_dir, value);
			c->have_image = true;
		} else if (!strcmp(name, "load")) {
			if (s->run.n_loads == RUN_MAX_IMAGES)
				return fail(c, "too many %s lines%s", name, "");
			char tmp[512];
			snprintf(tmp, sizeof tmp, "%s", value);
			char *at = strrchr(tmp, '@');
			uint64_t addr = UINT64_MAX;
			if (at) {
				*at = 0;
				if (!run_parse_size(at + 1, &addr))
					return fail(c, "bad load address '%s'%s", at + 1, "");
			}
			unsigned i = s->run.n_loads++;
			resolve(s->loads[i], sizeof s->loads[i], c->images_dir, tmp);
			s->run.loads[i].path = s->loads[i];
			s->run.loads[i].addr = addr;
		} else if (!strcmp(name, "max_insns")) {
			if (!run_parse_size(value, &v) || !v)
				return fail(c, "bad %s '%s'", name, value);
			s->run.max_insns = v;
		} else if (!strcmp(name, "errata")) {
			if (!copy_str(s->errata, sizeof s->errata, value))
				return fail(c, "%s too long%s", name, "");
			s->run.machine.errata = s->errata;
		} else if (!strcmp(name, "cache_seed")) {
			if (!run_parse_size(value, &v))
				return fail(c, "bad %s '%s'", name, value);
			s->run.machine.cache_seed = v;
		} else if (!strcmp(name, "dcache_model")) {
			if (strcmp(value, "on") && strcmp(value, "off"))
				return fail(c, "%s must be on or off, not '%s'", name, value);
			s->run.machine.dcache_model = !strcmp(value, "on");
		} else if (!strcmp(name, "check_maintenance")) {
			if (strcmp(value, "on") && strcmp(value, "off"))
				return fail(c, "%s must be on or off, not '%s'", name, value);
			s->check_maintenance = !strcmp(value, "on");
		} else if (!strcmp(name, "icache_model")) {
			if (strcmp(value, "on") && strcmp(value, "off"))
				return fail(c, "%s must be on or off, not '%s'", name, value);
			s->run.machine.icache_model = !strcmp(value, "on");
		} else {
			return fail(c, "unknown key '%s' in [%s]", name, section);
		}
		return 1;
	}
	if (!strcmp(section, "expect")) {
		if (!strcmp(name, "exit_code")) {
			char *end;
			long code = strtol(value, &end, 0);
			if (*end || end == value)
				return fail(c, "bad %s '%s'", name, value);
			s->expect_exit = true;
			s->exit_code = (int)code;
		} else if (!strcmp(name, "hang")) {
			if (strcmp(value, "any") && strcmp(value, "recursive-exception") &&
			    strcmp(value, "branch-to-self") && strcmp(value, "no-progress") &&
			    strcmp(value, "wait-forever"))
				return fail(c, "hang must be any, recursive-exception, "
					       "branch-to-self, no-progress or "
					       "wait-forever, not '%s'%s", value, "");
			s->expect_hang = true;
			snprintf(s->hang_kind, sizeof s->hang_kind, "%s", value);
		} else if (!strcmp(name, "hang_at")) {
			if (!copy_str(s->hang_at, sizeof s->hang_at, value))
				return fail(c, "%s too long%s", name, "");
		} else if (!strcmp(name, "hang_cpu")) {
			char *end;
			long n = strtol(value, &end, 0);
			if (*end || end == value || n < 0 || n >= MACHINE_MAX_CPUS)
				return fail(c, "bad %s '%s'", name, value);
			s->hang_cpu = (int)n;
		} else if (!strcmp(name, "console")) {
			if (s->n_console == SCENARIO_MAX_MARKERS)
				return fail(c, "too many %s lines%s", name, "");
			if (!copy_str(s->console[s->n_console++], sizeof s->console[0], value))
				return fail(c, "%s marker too long%s", name, "");
		} else if (!strcmp(name, "console_absent")) {
			if (s->n_console_absent == SCENARIO_MAX_MARKERS)
				return fail(c, "too many %s lines%s", name, "");
			if (!copy_str(s->console_absent[s->n_console_absent++],
				      sizeof s->console_absent[0], value))
				return fail(c, "%s marker too long%s", name, "");
		} else if (!strcmp(name, "warning")) {
			if (s->n_warning == SCENARIO_MAX_MARKERS)
				return fail(c, "too many %s lines%s", name, "");
			if (!copy_str(s->warning[s->n_warning++], sizeof s->warning[0], value))
				return fail(c, "%s marker too long%s", name, "");
		} else if (!strcmp(name, "warning_absent")) {
			if (s->n_warning_absent == SCENARIO_MAX_MARKERS)
				return fail(c, "too many %s lines%s", name, "");
			if (!copy_str(s->warning_absent[s->n_warning_absent++],
				      sizeof s->warning_absent[0], value))
				return fail(c, "%s marker too long%s", name, "");
		} else if (!strcmp(name, "no_warnings")) {
			if (strcmp(value, "true") && strcmp(value, "false"))
				return fail(c, "%s must be true or false, not '%s'", name, value);
			s->no_warnings = !strcmp(value, "true");
		} else if (!strcmp(name, "golden_trace")) {
			resolve(s->golden_trace, sizeof s->golden_trace, c->traces_dir,
				value);
		} else if (!strcmp(name, "trace_ignore")) {
			if (!copy_str(s->trace_ignore, sizeof s->trace_ignore, value))
				return fail(c, "%s too long%s", name, "");
		} else {
			return fail(c, "unknown key '%s' in [%s]", name, section);
		}
		return 1;
	}
	return fail(c, "unknown section [%s]%s", section, "");
}

bool scenario_parse(struct scenario *s, const char *path,
		    const char *images_dir, const char *traces_dir, char *err,
		    size_t errlen)
{
	memset(s, 0, sizeof *s);
	run_options_defaults(&s->run);
	s->run.max_insns = 50000000;
	s->hang_cpu = -1;
	snprintf(s->path, sizeof s->path, "%s", path);
	struct parse_ctx c = {.s = s, .images_dir = images_dir,
			      .traces_dir = traces_dir};
	int line = ini_parse(path, on_key, &c);
	if (line < 0) {
		snprintf(err, errlen, "%s: cannot read the file", path);
		return false;
	}
	if (line > 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line,
			 c.err[0] ? c.err : "syntax error");
		return false;
	}
	if (!c.have_image) {
		snprintf(err, errlen, "%s: no image (give image = FILE in [scenario])",
			 path);
		return false;
	}
	if (!s->expect_exit && !s->expect_hang && !s->n_console &&
	    !s->golden_trace[0]) {
		snprintf(err, errlen, "%s: no expectation in [expect]", path);
		return false;
	}
	if ((s->n_warning || s->n_warning_absent || s->no_warnings) &&
	    !s->check_maintenance) {
		snprintf(err, errlen, "%s: warning/no_warnings need check_maintenance "
				      "= on in [scenario]", path);
		return false;
	}
	if (s->expect_exit && s->expect_hang) {
		snprintf(err, errlen, "%s: [expect] cannot ask for both exit_code "
				      "and hang", path);
		return false;
	}
	if (!s->name[0]) {
		const char *base = strrchr(path, '/');
		snprintf(s->name, sizeof s->name, "%s", base ? base + 1 : path);
		char *dot = strrchr(s->name, '.');
		if (dot)
			*dot = 0;
	}
	s->run.kernel = s->image;
	return true;
}

/* "sym", "sym+0x10", "0x40001000" → address; false if unknown. */
static bool resolve_location(const struct machine *m, const char *text,
			     uint32_t *addr)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", text);
	char *plus = strchr(buf, '+');
	uint64_t off = 0;
	if (plus) {
		*plus = 0;
		if (!run_parse_size(plus + 1, &off))
			return false;
	}
	uint64_t v;
	if (run_parse_size(buf, &v)) {
		*addr = (uint32_t)(v + off);
		return true;
	}
	const struct symbol *s = machine_symbol_by_name(m, buf);
	if (!s)
		return false;
	*addr = (uint32_t)(s->addr + off);
	return true;
}

/* hang_at = LOC or LOC..LOC (a half-open range). */
static bool hang_place_matches(const struct machine *m, const char *spec,
			       uint32_t pc, char *why, size_t len)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", spec);
	char *dots = strstr(buf, "..");
	uint32_t lo, hi;
	if (dots) {
		*dots = 0;
		if (!resolve_location(m, buf, &lo) ||
		    !resolve_location(m, dots + 2, &hi)) {
			snprintf(why, len, "hang_at '%s' names an unknown symbol", spec);
			return false;
		}
		if (pc >= lo && pc < hi)
			return true;
	} else {
		if (!resolve_location(m, buf, &lo)) {
			snprintf(why, len, "hang_at '%s' names an unknown symbol", spec);
			return false;
		}
		if (pc == lo)
			return true;
	}
	snprintf(why, len, "hung at PC 0x%08x, expected %s", pc, spec);
	return false;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void verdict(struct scenario_result *r, bool pass, const char *fmt,
		    const char *a)
{
	if (!r->pass && r->reason[0])
		return; /* keep the first reason */
	r->pass = pass;
	char buf[1024];
	snprintf(buf, sizeof buf, fmt, a);
	snprintf(r->reason, sizeof r->reason, "%.500s", buf);
}

void scenario_run(const struct scenario *s, const char *trace_out,
		  struct scenario_result *r)
{
	memset(r, 0, sizeof *r);
	double t0 = now_seconds();
	struct machine m;
	char err[256];
	char *console = NULL;
	size_t console_len = 0;
	char tmp_trace[64] = "";
	struct trace_writer *tw = NULL;
	char *warnings = NULL;
	size_t warnings_len = 0;
	FILE *wf = NULL;
	struct maintcheck *mc = NULL;

	if (!machine_init(&m, &s->run.machine, err, sizeof err)) {
		verdict(r, false, "machine: %s", err);
		machine_destroy(&m);
		return;
	}
	FILE *con = open_memstream(&console, &console_len);
	if (!con) {
		verdict(r, false, "out of memory%s", "");
		machine_destroy(&m);
		return;
	}
	m.console = con;
	if (!run_load_image(&m, s->image, 0, true, err, sizeof err)) {
		char msg[800];
		snprintf(msg, sizeof msg, "%s: %s", s->image, err);
		verdict(r, false, "%s", msg);
		goto out;
	}
	for (unsigned i = 0; i < s->run.n_loads; i++) {
		if (!run_load_image(&m, s->run.loads[i].path, s->run.loads[i].addr,
				    false, err, sizeof err)) {
			char msg[800];
			snprintf(msg, sizeof msg, "%s: %s", s->run.loads[i].path, err);
			verdict(r, false, "%s", msg);
			goto out;
		}
	}
	machine_reset(&m, (uint32_t)m.entry_point);
	hang_detector_create(&m);
	if (s->check_maintenance) {
		wf = open_memstream(&warnings, &warnings_len);
		mc = wf ? maintcheck_create(&m, wf) : NULL;
	}

	const char *trace_path = trace_out;
	if (!trace_path && s->golden_trace[0]) {
		snprintf(tmp_trace, sizeof tmp_trace, "/tmp/hypsim-scenario-XXXXXX");
		int fd = mkstemp(tmp_trace);
		if (fd < 0) {
			verdict(r, false, "cannot create a temporary trace%s", "");
			goto out;
		}
		close(fd);
		trace_path = tmp_trace;
	}
	if (trace_path) {
		struct run_options o = s->run;
		o.trace.path = trace_path;
		const char *images[1] = {s->image};
		tw = run_open_trace(&m, &o, images, 1, 0, NULL, err, sizeof err);
		if (!tw) {
			verdict(r, false, "trace: %s", err);
			goto out;
		}
	}

	enum stop_reason stop = machine_run(&m, s->run.max_insns);
	r->insns = machine_total_icount(&m);
	if (tw) {
		trace_writer_close(tw);
		tw = NULL;
	}
	fflush(con);
	r->pass = true;

	/* What happened, against what was expected. */
	if (s->expect_hang) {
		if (stop != STOP_HANG) {
			verdict(r, false, stop == STOP_EXIT
					  ? "expected a hang, the guest exited"
					  : "expected a hang, the run %s",
				stop == STOP_BUDGET ? "ran out of instructions" : "stopped");
		} else {
			enum hang_kind k = hang_detector_kind(m.hang);
			if (strcmp(s->hang_kind, "any") &&
			    strcmp(s->hang_kind, hang_kind_name(k))) {
				char msg[128];
				snprintf(msg, sizeof msg, "expected a %s hang, got %s",
					 s->hang_kind, hang_kind_name(k));
				verdict(r, false, "%s", msg);
			}
			if (s->hang_cpu >= 0 &&
			    (unsigned)s->hang_cpu != hang_detector_cpu(m.hang)) {
				char msg[128];
				snprintf(msg, sizeof msg, "expected the hang on core %d, "
					 "got core %u", s->hang_cpu,
					 hang_detector_cpu(m.hang));
				verdict(r, false, "%s", msg);
			}
			char why[200];
			if (s->hang_at[0] &&
			    !hang_place_matches(&m, s->hang_at,
						m.cpus[hang_detector_cpu(m.hang)].r[15],
						why, sizeof why))
				verdict(r, false, "%s", why);
		}
	} else if (stop == STOP_HANG) {
		verdict(r, false, "unexpected hang (%s)",
			hang_kind_name(hang_detector_kind(m.hang)));
	} else if (stop == STOP_BUDGET) {
		verdict(r, false, "instruction budget exhausted%s", "");
	}
	if (s->expect_exit && stop == STOP_EXIT && m.exit_code != s->exit_code) {
		char msg[96];
		snprintf(msg, sizeof msg, "exit code %d, expected %d", m.exit_code,
			 s->exit_code);
		verdict(r, false, "%s", msg);
	}
	for (unsigned i = 0; i < s->n_console; i++)
		if (!console || !strstr(console, s->console[i]))
			verdict(r, false, "console lacks \"%s\"", s->console[i]);
	if (mc) {
		fflush(wf);
		for (unsigned i = 0; i < s->n_warning; i++)
			if (!warnings || !strstr(warnings, s->warning[i]))
				verdict(r, false, "no check-maintenance warning \"%s\"",
					s->warning[i]);
		for (unsigned i = 0; i < s->n_warning_absent; i++)
			if (warnings && strstr(warnings, s->warning_absent[i]))
				verdict(r, false, "check-maintenance warned \"%s\"",
					s->warning_absent[i]);
		if (s->no_warnings && maintcheck_warnings(mc))
			verdict(r, false, "check-maintenance warned: %s",
				warnings ? warnings : "");
	}
	for (unsigned i = 0; i < s->n_console_absent; i++)
		if (console && strstr(console, s->console_absent[i]))
			verdict(r, false, "console has \"%s\"", s->console_absent[i]);
	if (stop == STOP_HANG && m.hang) {
		char *rep = NULL;
		size_t rl = 0;
		FILE *f = open_memstream(&rep, &rl);
		if (f) {
			hang_report(m.hang, hang_detector_cpu(m.hang), f);
			fclose(f);
			r->details = rep;
		}
	}
	if (s->golden_trace[0] && !trace_out) {
		struct trace_diff_options o = {.align = TRACE_ALIGN_ICOUNT,
					       .ignore = s->trace_ignore[0] ? s->trace_ignore : NULL,
					       .context = 5};
		char *diff = NULL;
		size_t dl = 0;
		FILE *f = open_memstream(&diff, &dl);
		int d = f ? trace_diff(s->golden_trace, tmp_trace, &o, f, f) : 2;
		if (f)
			fclose(f);
		if (d != 0) {
			verdict(r, false, d == 1 ? "trace differs from %s"
						 : "cannot compare with %s",
				s->golden_trace);
			free(r->details);
			r->details = diff;
		} else {
			free(diff);
		}
	}
out:
	if (mc)
		maintcheck_destroy(mc);
	if (wf)
		fclose(wf);
	free(warnings);
	if (tw)
		trace_writer_close(tw);
	if (tmp_trace[0])
		unlink(tmp_trace);
	fclose(con);
	m.console = stdout;
	if (!r->pass && console && console[0] && !r->details) {
		r->details = console;
		console = NULL;
	}
	free(console);
	machine_destroy(&m);
	r->seconds = now_seconds() - t0;
}
