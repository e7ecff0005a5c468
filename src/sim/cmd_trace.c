/* hypsim trace show | diff | import-qemu: the command line of the trace
 * tools in src/trace (tools.h). Exit codes: 0 ok / equal, 1 the traces
 * differ, 2 bad arguments or unreadable, truncated or corrupted input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/commands.h"
#include "trace/tools.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: hypsim trace show FILE [--format text|qemu]\n"
		"       hypsim trace diff A B [--align icount|pc] [--ignore NAME,...]\n"
		"                             [--context N] [--window N]\n"
		"       hypsim trace import-qemu LOG -o FILE [--elf IMAGE] [--cpu NAME]\n"
		"\n"
		"show         one line per instruction: icount, core, mode, PC, symbol,\n"
		"             encoding, disassembly, changed registers, memory accesses,\n"
		"             events; --format qemu prints the form of\n"
		"             qemu-system-arm -d exec,cpu (register dump before each\n"
		"             instruction; host addresses and TB flags as zeros)\n"
		"diff         first divergence with --context records (default 5) around\n"
		"             it on both sides, and a summary. --align icount (default)\n"
		"             pairs instructions by count; --align pc by address,\n"
		"             tolerating exception handling seen on one side only\n"
		"             (within --window records, default 100000). --ignore takes\n"
		"             register names (R0, CPSR, SP_svc, MIDR…) and fields: mem,\n"
		"             events, exception, sysreg, maint, syndrome, far, vector,\n"
		"             return, removed, encoding, mode. Registers are compared\n"
		"             where either side changed them; differing start states\n"
		"             are notes. Exit 0 equal, 1 different, 2 error.\n"
		"import-qemu  convert a log of qemu-system-arm -d exec,cpu,nochain\n"
		"             -singlestep -D LOG; --elf reads the encodings from the\n"
		"             image. Memory accesses, events, banked and system\n"
		"             registers cannot come from such a log; diff skips them.\n");
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (end == s || *end || errno || s[0] == '-')
		return false;
	*v = x;
	return true;
}

/* Value of option argv[*i] (either --opt=VALUE or --opt VALUE). */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name) == 0) {
		if (*i + 1 >= argc) {
			fprintf(stderr, "hypsim trace: %s needs a value\n", name);
			return NULL;
		}
		return argv[++*i];
	}
	return NULL;
}

static bool is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, name, n) == 0 && (arg[n] == 0 || arg[n] == '=');
}

static int cmd_show(int argc, char **argv)
{
	const char *path = NULL;
	enum trace_show_format fmt = TRACE_SHOW_TEXT;
	for (int i = 0; i < argc; i++) {
		if (is_opt(argv[i], "--format")) {
			const char *v = opt_value(argc, argv, &i, "--format");
			if (!v)
				return 2;
			if (strcmp(v, "qemu") == 0)
				fmt = TRACE_SHOW_QEMU;
			else if (strcmp(v, "text") == 0)
				fmt = TRACE_SHOW_TEXT;
			else {
				fprintf(stderr, "hypsim trace show: unknown format '%s'\n", v);
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "hypsim trace show: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (!path) {
			path = argv[i];
		} else {
			fprintf(stderr, "hypsim trace show: one file at a time\n");
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	return trace_show(path, fmt, stdout, stderr);
}

static int cmd_diff(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL };
	unsigned n_files = 0;
	struct trace_diff_options o = { .align = TRACE_ALIGN_ICOUNT, .context = 5,
					.window = 100000 };
	for (int i = 0; i < argc; i++) {
		const char *v;
		uint64_t n;
		if (is_opt(argv[i], "--align")) {
			if (!(v = opt_value(argc, argv, &i, "--align")))
				return 2;
			if (strcmp(v, "icount") == 0)
				o.align = TRACE_ALIGN_ICOUNT;
			else if (strcmp(v, "pc") == 0)
				o.align = TRACE_ALIGN_PC;
			else {
				fprintf(stderr, "hypsim trace diff: --align icount or pc\n");
				return 2;
			}
		} else if (is_opt(argv[i], "--ignore")) {
			if (!(v = opt_value(argc, argv, &i, "--ignore")))
				return 2;
			o.ignore = v;
		} else if (is_opt(argv[i], "--context")) {
			if (!(v = opt_value(argc, argv, &i, "--context")))
				return 2;
			if (!parse_u64(v, &n) || n > 1000) {
				fprintf(stderr, "hypsim trace diff: bad --context '%s'\n", v);
				return 2;
			}
			o.context = (unsigned)n;
		} else if (is_opt(argv[i], "--window")) {
			if (!(v = opt_value(argc, argv, &i, "--window")))
				return 2;
			if (!parse_u64(v, &n) || n == 0) {
				fprintf(stderr, "hypsim trace diff: bad --window '%s'\n", v);
				return 2;
			}
			o.window = n;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "hypsim trace diff: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (n_files < 2) {
			files[n_files++] = argv[i];
		} else {
			fprintf(stderr, "hypsim trace diff: two files\n");
			return 2;
		}
	}
	if (n_files != 2) {
		usage(stderr);
		return 2;
	}
	return trace_diff(files[0], files[1], &o, stdout, stderr);
}

static int cmd_import(int argc, char **argv)
{
	const char *log = NULL, *out = NULL;
	struct trace_import_options o = { 0 };
	for (int i = 0; i < argc; i++) {
		if (is_opt(argv[i], "-o") || is_opt(argv[i], "--output")) {
			if (!(out = opt_value(argc, argv, &i,
					      argv[i][1] == 'o' ? "-o" : "--output")))
				return 2;
		} else if (is_opt(argv[i], "--elf")) {
			if (!(o.elf = opt_value(argc, argv, &i, "--elf")))
				return 2;
		} else if (is_opt(argv[i], "--cpu")) {
			if (!(o.cpu = opt_value(argc, argv, &i, "--cpu")))
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "hypsim trace import-qemu: unknown option '%s'\n",
				argv[i]);
			return 2;
		} else if (!log) {
			log = argv[i];
		} else {
			fprintf(stderr, "hypsim trace import-qemu: one log at a time\n");
			return 2;
		}
	}
	if (!log || !out) {
		usage(stderr);
		return 2;
	}
	return trace_import_qemu(log, out, &o, stderr);
}

int cmd_trace(int argc, char **argv)
{
	/* argv[0] is "trace" */
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "show") == 0)
		return cmd_show(argc - 2, argv + 2);
	if (strcmp(sub, "diff") == 0)
		return cmd_diff(argc - 2, argv + 2);
	if (strcmp(sub, "import-qemu") == 0)
		return cmd_import(argc - 2, argv + 2);
	fprintf(stderr, "hypsim trace: unknown subcommand '%s'\n", sub);
	usage(stderr);
	return 2;
}
