/* Boot scenarios: parsing and running one (see scenario.h and
 * tests/scenarios/README.md). */
#define _GNU_SOURCE
#include "sim/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
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
	const char *images_dir;
	char dir[512]; /* the scenario file's folder */
	FILE *f;
	int line;       /* the physical line inih is working on (1-based) */
	int err_line;   /* the first line we refused, 0 = none */
	char err[256];  /* ...and why */
	int mem_line, mem_base_line;
	bool have_image;
};

/* inih's reader: one physical line per call, so that our line count is
 * inih's. A line longer than inih's buffer is cut there (the rest is
 * skipped) and refused; inih itself would take the rest for a new line. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_ctx *c = stream;
	int ch, n = 0;
	bool cut = false;
	while ((ch = fgetc(c->f)) != EOF) {
		if (ch == '\n')
			break;
		if (n < num - 1)
			str[n++] = (char)ch;
		else
			cut = true;
	}
	if (ch == EOF && n == 0 && !cut)
		return NULL;
	str[n] = 0;
	c->line++;
	if (cut && !c->err_line) {
		c->err_line = c->line;
		snprintf(c->err, sizeof c->err, "line longer than %d characters",
			 num - 1);
	}
	return str;
}

static bool copy_str(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

/* Keep the first error only: inih goes on after a refused line and
 * reports the first line, so a later message must not replace it. */
static int fail(struct parse_ctx *c, const char *fmt, const char *a,
		const char *b)
{
	if (!c->err_line) {
		c->err_line = c->line;
		snprintf(c->err, sizeof c->err, fmt, a, b);
	}
	return 0;
}

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* image = / load = FILE: absolute, or relative to the scenario's folder,
 * or to the images folder (--images), in that order. */
static int find_file(struct parse_ctx *c, const char *key, const char *v,
		     char *dst, size_t len)
{
	int n;
	if (v[0] == '/') {
		n = snprintf(dst, len, "%s", v);
		if (n < 0 || (size_t)n >= len)
			return fail(c, "%s: path too long%s", key, "");
		if (!readable(dst))
			return fail(c, "%s: cannot read '%s'", key, v);
		return 1;
	}
	n = snprintf(dst, len, "%s/%s", c->dir, v);
	if (n >= 0 && (size_t)n < len && readable(dst))
		return 1;
	if (c->images_dir) {
		n = snprintf(dst, len, "%s/%s", c->images_dir, v);
		if (n >= 0 && (size_t)n < len && readable(dst))
			return 1;
	}
	char msg[224];
	snprintf(msg, sizeof msg, "'%.50s' is neither in %.70s%s%.70s", v, c->dir,
		 c->images_dir ? " nor in " : "",
		 c->images_dir ? c->images_dir : "");
	return fail(c, "%s: %s", key, msg);
}

static int add_marker(struct parse_ctx *c, const char *name,
		      const char *value, char (*list)[256], unsigned *n,
		      unsigned max)
{
	if (!value[0])
		return fail(c, "%s needs a text%s", name, "");
	if (*n == max)
		return fail(c, "too many %s lines%s", name, "");
	if (!copy_str(list[*n], sizeof list[0], value))
		return fail(c, "%s marker too long%s", name, "");
	(*n)++;
	return 1;
}

/* LOC is a number or symbol[+number]: the symbol itself is looked up
 * once the image is loaded. */
static bool valid_location(const char *loc, size_t len)
{
	char buf[128];
	uint64_t v;
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, loc, len);
	buf[len] = 0;
	char *plus = strchr(buf, '+');
	if (plus) {
		*plus = 0;
		if (!run_parse_size(plus + 1, &v))
			return false;
	}
	if (run_parse_size(buf, &v))
		return v <= UINT32_MAX;
	if (!buf[0] || isdigit((unsigned char)buf[0]))
		return false;
	for (const char *p = buf; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' &&
		    *p != '$')
			return false;
	return true;
}

/* hang_at = LOC or LOC..LOC */
static bool valid_hang_at(const char *v)
{
	const char *dots = strstr(v, "..");
	if (!dots)
		return valid_location(v, strlen(v));
	return valid_location(v, (size_t)(dots - v)) &&
	       valid_location(dots + 2, strlen(dots + 2));
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
				return fail(c, "%s too long%s", name, "");
		} else if (!strcmp(name, "description")) {
			snprintf(s->description, sizeof s->description, "%s", value);
		} else if (!strcmp(name, "board")) {
			if (!strcmp(value, "bare"))
				s->run.machine.board = "bare";
			else if (!strcmp(value, "virt"))
				s->run.machine.board = "virt";
			else
				return fail(c, "unknown board '%s' (bare, virt)",
					    value, "");
		} else if (!strcmp(name, "cpus") || !strcmp(name, "cpu")) {
			char e[160];
			if (!run_parse_cpus(&s->run.machine, value, e, sizeof e))
				return fail(c, "%s: %s", name, e);
		} else if (!strcmp(name, "mem")) {
			if (!run_parse_size(value, &v) || !v)
				return fail(c, "bad %s '%s'", name, value);
			if (v > (1ull << PA_BITS))
				return fail(c, "%s '%s' is larger than the 40-bit "
					       "physical address space", name, value);
			s->run.machine.mem_size = v;
			c->mem_line = c->line;
		} else if (!strcmp(name, "mem_base")) {
			if (!run_parse_size(value, &v))
				return fail(c, "bad %s '%s'", name, value);
			s->run.machine.mem_base = v;
			c->mem_base_line = c->line;
		} else if (!strcmp(name, "mem_alias")) {
			if (!run_parse_alias(value, &s->run.machine.alias_base,
					     &s->run.machine.alias_size))
				return fail(c, "bad %s '%s' (BASE:SIZE)", name, value);
		} else if (!strcmp(name, "entry")) {
			if (!run_parse_entry(value, &s->run.machine.entry))
				return fail(c, "entry must be svc, hyp or secure-svc, "
					       "not '%s'%s", value, "");
		} else if (!strcmp(name, "image")) {
			if (!find_file(c, name, value, s->image, sizeof s->image))
				return 0;
			c->have_image = true;
		} else if (!strcmp(name, "initrd")) {
			if (!find_file(c, name, value, s->initrd, sizeof s->initrd))
				return 0;
			s->run.initrd = s->initrd;
		} else if (!strcmp(name, "append")) {
			if (!copy_str(s->append, sizeof s->append, value))
				return fail(c, "%s too long%s", name, "");
			s->run.append = s->append;
		} else if (!strcmp(name, "load")) {
			if (s->run.n_loads == RUN_MAX_IMAGES)
				return fail(c, "too many %s lines%s", name, "");
			char tmp[512];
			snprintf(tmp, sizeof tmp, "%s", value);
			char *at = strrchr(tmp, '@');
			uint64_t addr = UINT64_MAX;
			if (at) {
				*at = 0;
				if (!run_parse_size(at + 1, &addr) ||
				    addr >= 1ull << PA_BITS)
					return fail(c, "bad load address '%s' (a 40-bit "
						       "physical address)", at + 1, "");
			}
			unsigned i = s->run.n_loads;
			if (!find_file(c, name, tmp, s->loads[i], sizeof s->loads[i]))
				return 0;
			s->run.n_loads++;
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
		} else if (!strcmp(name, "dcc_console")) {
			if (strcmp(value, "on") && strcmp(value, "off"))
				return fail(c, "%s must be on or off, not '%s'", name, value);
			s->run.machine.dcc_console = !strcmp(value, "on");
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
			errno = 0;
			long code = strtol(value, &end, 0);
			/* 4294967296 must not become 0 */
			if (*end || end == value || errno || code < INT_MIN ||
			    code > INT_MAX)
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
			if (!valid_hang_at(value))
				return fail(c, "bad %s '%s' (ADDR, SYMBOL[+OFF] or "
					       "LOC..LOC)", name, value);
		} else if (!strcmp(name, "hang_cpu")) {
			char *end;
			long n = strtol(value, &end, 0);
			if (*end || end == value || n < 0 || n >= MACHINE_MAX_CPUS)
				return fail(c, "bad %s '%s'", name, value);
			s->hang_cpu = (int)n;
		} else if (!strcmp(name, "console")) {
			return add_marker(c, name, value, s->console, &s->n_console,
					  SCENARIO_MAX_MARKERS);
		} else if (!strcmp(name, "console_absent")) {
			return add_marker(c, name, value, s->console_absent,
					  &s->n_console_absent, SCENARIO_MAX_MARKERS);
		} else if (!strcmp(name, "expect_console")) {
			return add_marker(c, name, value, s->expect_console,
					  &s->n_expect_console, SCENARIO_MAX_CONSOLE);
		} else if (!strcmp(name, "fail_console")) {
			return add_marker(c, name, value, s->fail_console,
					  &s->n_fail_console, SCENARIO_MAX_MARKERS);
		} else if (!strcmp(name, "console_tail")) {
			char *end;
			long n = strtol(value, &end, 0);
			if (*end || end == value || n < 0 || n > 100000)
				return fail(c, "bad %s '%s' (0 to 100000 lines)", name,
					    value);
			s->console_tail = (unsigned)n;
		} else if (!strcmp(name, "warning")) {
			return add_marker(c, name, value, s->warning, &s->n_warning,
					  SCENARIO_MAX_MARKERS);
		} else if (!strcmp(name, "warning_absent")) {
			return add_marker(c, name, value, s->warning_absent,
					  &s->n_warning_absent, SCENARIO_MAX_MARKERS);
		} else if (!strcmp(name, "no_warnings")) {
			if (strcmp(value, "true") && strcmp(value, "false"))
				return fail(c, "%s must be true or false, not '%s'", name, value);
			s->no_warnings = !strcmp(value, "true");
		} else if (!strcmp(name, "golden_trace")) {
			int n = value[0] == '/'
				? snprintf(s->golden_trace, sizeof s->golden_trace,
					   "%s", value)
				: snprintf(s->golden_trace, sizeof s->golden_trace,
					   "%s/%s", c->dir, value);
			if (n < 0 || (size_t)n >= sizeof s->golden_trace)
				return fail(c, "%s: path too long%s", name, "");
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
		    const char *images_dir, char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	run_options_defaults(&s->run);
	s->run.max_insns = 50000000;
	s->hang_cpu = -1;
	s->console_tail = 20;
	snprintf(s->path, sizeof s->path, "%s", path);
	struct parse_ctx c = {.s = s, .images_dir = images_dir};
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(c.dir, sizeof c.dir, ".");
	else if (slash == path)
		snprintf(c.dir, sizeof c.dir, "/");
	else
		snprintf(c.dir, sizeof c.dir, "%.*s", (int)(slash - path), path);
	c.f = fopen(path, "r");
	if (!c.f) {
		snprintf(err, errlen, "%s: cannot read the file", path);
		return false;
	}
	int line = ini_parse_stream(read_line, &c, on_key, &c);
	fclose(c.f);
	if (line < 0) {
		snprintf(err, errlen, "%s: cannot read the file", path);
		return false;
	}
	/* inih reports the first bad line, ours or its own (syntax). */
	if (line > 0 && (!c.err_line || line < c.err_line)) {
		snprintf(err, errlen, "%s:%d: syntax error", path, line);
		return false;
	}
	if (c.err_line) {
		snprintf(err, errlen, "%s:%d: %s", path, c.err_line, c.err);
		return false;
	}
	const struct machine_config *mc = &s->run.machine;
	if (mc->mem_base > (1ull << PA_BITS) ||
	    mc->mem_size > (1ull << PA_BITS) - mc->mem_base) {
		snprintf(err, errlen, "%s:%d: RAM at 0x%llx of 0x%llx bytes ends "
			 "beyond the 40-bit physical address space", path,
			 c.mem_line > c.mem_base_line ? c.mem_line : c.mem_base_line,
			 (unsigned long long)mc->mem_base,
			 (unsigned long long)mc->mem_size);
		return false;
	}
	if (!c.have_image) {
		snprintf(err, errlen, "%s: no image (give image = FILE in [scenario])",
			 path);
		return false;
	}
	if (!s->expect_exit && !s->expect_hang && !s->n_console &&
	    !s->n_expect_console && !s->golden_trace[0]) {
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
			       uint32_t pc, bool *unknown, char *why, size_t len)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", spec);
	char *dots = strstr(buf, "..");
	uint32_t lo, hi;
	if (dots) {
		*dots = 0;
		if (!resolve_location(m, buf, &lo) ||
		    !resolve_location(m, dots + 2, &hi)) {
			snprintf(why, len, "hang_at '%s' names a symbol the image "
				 "lacks", spec);
			*unknown = true;
			return false;
		}
		if (pc >= lo && pc < hi)
			return true;
	} else {
		if (!resolve_location(m, buf, &lo)) {
			snprintf(why, len, "hang_at '%s' names a symbol the image "
				 "lacks", spec);
			*unknown = true;
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

/* The scenario could not run as written: bad input, reported as an
 * ERROR (exit 2) rather than a verdict on the guest. */
static void input_error(struct scenario_result *r, const char *fmt,
			const char *a)
{
	if (!r->error) {
		r->reason[0] = 0;
		r->pass = false;
	}
	r->error = true;
	verdict(r, false, fmt, a);
}

/* ---- the console ---- */

bool scenario_console_open(struct scenario_console *c)
{
	memset(c, 0, sizeof *c);
	c->fail_index = -1;
	c->f = open_memstream(&c->buf, &c->len);
	return c->f != NULL;
}

void scenario_console_close(struct scenario_console *c)
{
	if (c->f)
		fclose(c->f);
	free(c->buf);
	memset(c, 0, sizeof *c);
	c->fail_index = -1;
}

bool scenario_console_watch(struct scenario_console *c,
			    const struct scenario *s)
{
	if (c->fail_index >= 0)
		return true;
	if (!c->f)
		return false;
	fflush(c->f);
	if (c->len == c->scanned || !c->buf)
		return false;
	size_t best_end = SIZE_MAX;
	for (unsigned i = 0; i < s->n_fail_console; i++) {
		const char *t = s->fail_console[i];
		size_t tl = strlen(t);
		/* an occurrence ending after `scanned` may start up to
		 * tl - 1 bytes before it, in output already searched */
		size_t from = c->scanned >= tl - 1 ? c->scanned - (tl - 1) : 0;
		const char *hit = memmem(c->buf + from, c->len - from, t, tl);
		if (!hit)
			continue;
		size_t end = (size_t)(hit - c->buf) + tl;
		if (end < best_end) {
			best_end = end;
			c->fail_index = (int)i;
			c->fail_end = end;
		}
	}
	c->scanned = c->len;
	return c->fail_index >= 0;
}

int scenario_console_expect(const struct scenario_console *c,
			    const struct scenario *s, char *why, size_t len)
{
	size_t pos = 0;
	if (c->f)
		fflush(c->f); /* (open_memstream updates buf and len here) */
	const char *buf = c->buf ? c->buf : "";
	for (unsigned i = 0; i < s->n_expect_console; i++) {
		const char *t = s->expect_console[i];
		size_t tl = strlen(t);
		const char *hit = memmem(buf + pos, c->len - pos, t, tl);
		if (hit) {
			pos = (size_t)(hit - buf) + tl;
			continue;
		}
		if (i > 0 && memmem(buf, c->len, t, tl))
			snprintf(why, len, "console shows \"%.200s\" only before "
				 "\"%.200s\" (expect_console %u of %u: out of "
				 "order)", t, s->expect_console[i - 1], i + 1,
				 s->n_expect_console);
		else
			snprintf(why, len, "console never showed \"%.200s\" "
				 "(expect_console %u of %u)", t, i + 1,
				 s->n_expect_console);
		return (int)i;
	}
	return -1;
}

char *scenario_console_tail(const struct scenario_console *c, unsigned n)
{
	if (c->f)
		fflush(c->f);
	if (!n || !c->buf || !c->len)
		return NULL;
	size_t start = c->len;
	if (start && c->buf[start - 1] == '\n')
		start--; /* the last line's own newline */
	unsigned lines = 0;
	while (start > 0) {
		if (c->buf[start - 1] == '\n' && ++lines == n)
			break;
		start--;
	}
	char *out = malloc(c->len - start + 2);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = start; i < c->len; i++) {
		unsigned char ch = (unsigned char)c->buf[i];
		if (ch == '\r')
			continue;
		out[k++] = ch < 0x20 && ch != '\n' && ch != '\t' ? '.'
								  : (char)ch;
	}
	if (k && out[k - 1] != '\n')
		out[k++] = '\n';
	out[k] = 0;
	return out;
}

/* Runs after every scheduling round: stop as soon as a fail_console text
 * appears, so a panic's endless loop does not run to the budget. */
struct console_watch {
	struct scenario_console *con;
	const struct scenario *s;
	uint64_t insns; /* when a fail_console text was seen */
};

static void watch_round(struct machine *m, void *ctx)
{
	struct console_watch *w = ctx;
	if (scenario_console_watch(w->con, w->s)) {
		w->insns = machine_total_icount(m);
		m->stop = STOP_BREAK;
	}
}

/* ---- running ---- */

static void add_details(char **details, const char *title, const char *text)
{
	if (!text || !text[0])
		return;
	char *n = NULL;
	if (asprintf(&n, "%s%s%s%s", *details ? *details : "",
		     *details ? "\n" : "", title, text) < 0)
		return;
	free(*details);
	*details = n;
}

void scenario_run(const struct scenario *s, const char *trace_out,
		  struct scenario_result *r)
{
	memset(r, 0, sizeof *r);
	double t0 = now_seconds();
	struct machine m;
	char err[256];
	struct scenario_console con;
	char tmp_trace[PATH_MAX] = "";
	struct trace_writer *tw = NULL;
	char *warnings = NULL;
	size_t warnings_len = 0;
	FILE *wf = NULL;
	struct maintcheck *mc = NULL;
	struct console_watch watch = {.con = &con, .s = s};
	char *hang_rep = NULL, *diff = NULL;
	bool keep_trace = false;

	if (!scenario_console_open(&con)) {
		input_error(r, "out of memory%s", "");
		r->seconds = now_seconds() - t0;
		return;
	}
	if (!machine_init(&m, &s->run.machine, err, sizeof err)) {
		input_error(r, "machine: %s", err);
		machine_destroy(&m);
		scenario_console_close(&con);
		r->seconds = now_seconds() - t0;
		return;
	}
	m.console = con.f;
	if (m.virt) {
		/* the virt board boots its image as a bootloader does */
		struct run_options boot = s->run;
		boot.kernel = s->image;
		if (!run_boot_virt(&m, &boot, err, sizeof err)) {
			input_error(r, "%s", err);
			goto out;
		}
	} else if (!run_load_image(&m, s->image, 0, true, err, sizeof err)) {
		char msg[800];
		snprintf(msg, sizeof msg, "%s: %s", s->image, err);
		input_error(r, "%s", msg);
		goto out;
	}
	for (unsigned i = 0; i < s->run.n_loads; i++) {
		if (!run_load_image(&m, s->run.loads[i].path, s->run.loads[i].addr,
				    false, err, sizeof err)) {
			char msg[800];
			snprintf(msg, sizeof msg, "%s: %s", s->run.loads[i].path, err);
			input_error(r, "%s", msg);
			goto out;
		}
	}
	if (s->hang_at[0]) {
		/* a symbol the image lacks is a mistake in the scenario,
		 * whether or not the guest hangs */
		char why[200];
		bool unknown = false;
		hang_place_matches(&m, s->hang_at, 0, &unknown, why, sizeof why);
		if (unknown) {
			input_error(r, "%s", why);
			goto out;
		}
	}
	machine_reset(&m, (uint32_t)m.entry_point);
	hang_detector_create(&m);
	if (s->check_maintenance) {
		wf = open_memstream(&warnings, &warnings_len);
		mc = wf ? maintcheck_create(&m, wf) : NULL;
	}
	if (s->n_fail_console) {
		m.round_hook = watch_round;
		m.round_ctx = &watch;
	}

	const char *trace_path = trace_out;
	if (!trace_path && s->golden_trace[0]) {
		/* kept when the comparison fails, so name it after the
		 * scenario */
		const char *tmp = getenv("TMPDIR");
		char base[104];
		snprintf(base, sizeof base, "%.100s", s->name);
		for (char *p = base; *p; p++)
			if (*p == '/')
				*p = '_';
		snprintf(tmp_trace, sizeof tmp_trace, "%s/hypsim-%s-XXXXXX.trace",
			 tmp && tmp[0] ? tmp : "/tmp", base);
		int fd = mkstemps(tmp_trace, 6);
		if (fd < 0) {
			tmp_trace[0] = 0;
			input_error(r, "cannot create a temporary trace%s", "");
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
			input_error(r, "trace: %s", err);
			goto out;
		}
	}

	enum stop_reason stop = machine_run(&m, s->run.max_insns);
	r->insns = machine_total_icount(&m);
	m.round_hook = NULL;
	if (tw) {
		trace_writer_close(tw);
		tw = NULL;
	}
	/* output of the last round (an exit, a hang, the budget) */
	if (s->n_fail_console && con.fail_index < 0 &&
	    scenario_console_watch(&con, s))
		watch.insns = r->insns;
	r->pass = true;

	/* What happened, against what was expected. */
	if (con.fail_index >= 0) {
		char msg[400];
		snprintf(msg, sizeof msg, "console showed \"%.200s\" (fail_console) "
			 "after %llu instructions", s->fail_console[con.fail_index],
			 (unsigned long long)watch.insns);
		verdict(r, false, "%s", msg);
	}
	if (s->expect_hang) {
		if (stop == STOP_EXIT) {
			char msg[96];
			snprintf(msg, sizeof msg, "expected a hang, the guest exited "
				 "with code %d", m.exit_code);
			verdict(r, false, "%s", msg);
		} else if (stop != STOP_HANG) {
			verdict(r, false, "expected a hang, the run %s",
				stop == STOP_BUDGET ? "ran out of instructions"
						    : "stopped");
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
			bool unknown = false;
			if (s->hang_at[0] &&
			    !hang_place_matches(&m, s->hang_at,
						m.cpus[hang_detector_cpu(m.hang)].r[15],
						&unknown, why, sizeof why)) {
				if (unknown)
					input_error(r, "%s", why);
				else
					verdict(r, false, "%s", why);
			}
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
	fflush(con.f);
	const char *text = con.buf ? con.buf : "";
	for (unsigned i = 0; i < s->n_console; i++)
		if (!memmem(text, con.len, s->console[i], strlen(s->console[i])))
			verdict(r, false, "console lacks \"%s\"", s->console[i]);
	char why[600];
	if (scenario_console_expect(&con, s, why, sizeof why) >= 0)
		verdict(r, false, "%s", why);
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
		if (memmem(text, con.len, s->console_absent[i],
			   strlen(s->console_absent[i])))
			verdict(r, false, "console has \"%s\"", s->console_absent[i]);
	if (stop == STOP_HANG && m.hang) {
		size_t rl = 0;
		FILE *f = open_memstream(&hang_rep, &rl);
		if (f) {
			hang_report(m.hang, hang_detector_cpu(m.hang), f);
			fclose(f);
		}
	}
	if (s->golden_trace[0] && !trace_out) {
		struct trace_diff_options o = {.align = TRACE_ALIGN_ICOUNT,
					       .ignore = s->trace_ignore[0] ? s->trace_ignore : NULL,
					       .context = 5};
		size_t dl = 0;
		FILE *f = open_memstream(&diff, &dl);
		int d = f ? trace_diff(s->golden_trace, tmp_trace, &o, f, f) : 2;
		if (f)
			fclose(f);
		if (d != 0) {
			/* keep what was compared, for trace diff or bless */
			char msg[512];
			snprintf(msg, sizeof msg, "%s %.200s (this run's trace is "
				 "kept in %.200s)", d == 1 ? "trace differs from"
						       : "cannot compare with",
				 s->golden_trace, tmp_trace);
			verdict(r, false, "%s", msg);
			keep_trace = true;
		} else {
			free(diff);
			diff = NULL;
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
	if (tmp_trace[0] && !keep_trace)
		unlink(tmp_trace);
	m.console = stdout;
	m.round_hook = NULL;
	/* a passing hang scenario keeps its report (it says where) */
	add_details(&r->details, "", hang_rep);
	if (!r->pass) {
		add_details(&r->details, "", diff);
		char *tail = scenario_console_tail(&con, s->console_tail);
		char title[96];
		snprintf(title, sizeof title, "console (last %u lines):\n",
			 s->console_tail);
		add_details(&r->details, title, tail);
		free(tail);
	}
	free(hang_rep);
	free(diff);
	scenario_console_close(&con);
	machine_destroy(&m);
	r->seconds = now_seconds() - t0;
}
