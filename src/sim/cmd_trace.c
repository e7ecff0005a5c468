/* hypsim trace show | export | diff | import-qemu | import-tarmac: the
 * command line of the trace
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
		"usage: hypsim trace show FILE [--format text|qemu|tarmac] [--from P] [--to P]\n"
		"       hypsim trace export FILE [--from P] [--to P]   (Tarmac)\n"
		"       hypsim trace diff A B [--align icount|pc] [--ignore NAME,...]\n"
		"                             [--mask FILE]... [--max-diffs N]\n"
		"                             [--from P] [--to P] [--context N] [--window N]\n"
		"       hypsim trace import-qemu LOG -o FILE [--elf IMAGE] [--cpu NAME]\n"
		"                                [--from P] [--to P]\n"
		"       hypsim trace import-tarmac TARMAC -o FILE [--cpu NAME] [--from P] [--to P]\n"
		"\n"
		"P (for --from/--to) is icount:N (or #N), an address, or a symbol of the\n"
		"trace (import-qemu: of --elf); records from the first that meets --from\n"
		"to the first that meets --to, both included, on each core.\n"
		"show         one line per instruction: icount, core, mode, PC, symbol,\n"
		"             encoding, disassembly, changed registers, memory accesses,\n"
		"             the translation regime {S PL1&0 | NS PL1&0 [VMID n] | NS PL2}\n"
		"             when the trace records SCR/HCR/VTTBR, events; --format qemu\n"
		"             prints the form of qemu-system-arm -d exec,cpu (register\n"
		"             dump before each instruction; host addresses and TB flags as\n"
		"             zeros); --format tarmac the Fast Models Tarmac form (IT/IS,\n"
		"             R, MR/MW with physical addresses, E, one core per line)\n"
		"export       the same as show --format tarmac\n"
		"diff         divergences with --context records (default 5) around them\n"
		"             on both sides, and a summary. --align icount (default)\n"
		"             pairs instructions by count; --align pc by address,\n"
		"             tolerating exception handling seen on one side only\n"
		"             (within --window records, default 100000). --max-diffs N\n"
		"             reports up to N differences (default 1), realigning after\n"
		"             each by PC and instruction count. --mask FILE excuses known\n"
		"             differences (see tests/trace/masks/README). --ignore takes\n"
		"             register names (R0, CPSR, SP_svc, MIDR…) and fields: mem,\n"
		"             events, exception, sysreg, maint, syndrome, far, vector,\n"
		"             return, removed, encoding, mode. Registers are compared\n"
		"             where either side changed them; differing start states\n"
		"             are notes. Each core is compared on its own. Exit 0 equal,\n"
		"             1 different, 2 error.\n"
		"import-qemu  convert a log of qemu-system-arm -d exec,cpu,int,nochain\n"
		"             -singlestep -D LOG; --elf reads the encodings from the\n"
		"             image (an instruction outside it is \"encoding unknown\").\n"
		"             With -d int the exceptions are events. Memory accesses,\n"
		"             banked and system registers cannot come from such a log;\n"
		"             diff skips them.\n"
		"import-tarmac convert a Tarmac trace (an FVP's, gem5's, or hypsim's\n"
		"             export) so diff can compare it\n");
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

/* --from / --to: 1 consumed (ok), 0 not this option, -1 error. */
static int bound_opt(int argc, char **argv, int *i, const char *cmd,
		     struct trace_bound *from, struct trace_bound *to)
{
	const char *name = is_opt(argv[*i], "--from") ? "--from"
			   : is_opt(argv[*i], "--to") ? "--to" : NULL;
	if (!name)
		return 0;
	const char *v = opt_value(argc, argv, i, name);
	if (!v)
		return -1;
	if (!trace_bound_parse(v, name[2] == 'f' ? from : to)) {
		fprintf(stderr, "hypsim trace %s: bad %s '%s' (icount:N, an address "
				"or a symbol)\n", cmd, name, v);
		return -1;
	}
	return 1;
}

static bool is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static int cmd_show(int argc, char **argv, bool export)
{
	const char *path = NULL;
	enum trace_show_format fmt = export ? TRACE_SHOW_TARMAC : TRACE_SHOW_TEXT;
	struct trace_bound from = { 0 }, to = { 0 };
	for (int i = 0; i < argc; i++) {
		int b;
		if (is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if ((b = bound_opt(argc, argv, &i, "show", &from, &to)) != 0) {
			if (b < 0)
				return 2;
		} else if (!export && is_opt(argv[i], "--format")) {
			const char *v = opt_value(argc, argv, &i, "--format");
			if (!v)
				return 2;
			if (strcmp(v, "qemu") == 0)
				fmt = TRACE_SHOW_QEMU;
			else if (strcmp(v, "text") == 0)
				fmt = TRACE_SHOW_TEXT;
			else if (strcmp(v, "tarmac") == 0)
				fmt = TRACE_SHOW_TARMAC;
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
	return trace_show_range(path, fmt, &from, &to, stdout, stderr);
}

static int cmd_diff(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL };
	unsigned n_files = 0;
	struct trace_diff_options o = { .align = TRACE_ALIGN_ICOUNT, .context = 5,
					.window = 100000, .max_diffs = 1 };
	const char **masks = calloc((size_t)argc + 1, sizeof(*masks));
	if (!masks)
		return 2;
	o.masks = masks;
	int rc = 2;
	for (int i = 0; i < argc; i++) {
		const char *v;
		uint64_t n;
		int b;
		if (is_help(argv[i])) {
			usage(stdout);
			rc = 0;
			goto out;
		}
		if ((b = bound_opt(argc, argv, &i, "diff", &o.from, &o.to)) != 0) {
			if (b < 0)
				goto out;
		} else if (is_opt(argv[i], "--mask")) {
			if (!(v = opt_value(argc, argv, &i, "--mask")))
				goto out;
			masks[o.n_masks++] = v;
		} else if (is_opt(argv[i], "--max-diffs")) {
			if (!(v = opt_value(argc, argv, &i, "--max-diffs")))
				goto out;
			if (!parse_u64(v, &n) || n == 0) {
				fprintf(stderr, "hypsim trace diff: bad --max-diffs '%s'\n", v);
				goto out;
			}
			o.max_diffs = n;
		} else if (is_opt(argv[i], "--align")) {
			if (!(v = opt_value(argc, argv, &i, "--align")))
				goto out;
			if (strcmp(v, "icount") == 0)
				o.align = TRACE_ALIGN_ICOUNT;
			else if (strcmp(v, "pc") == 0)
				o.align = TRACE_ALIGN_PC;
			else {
				fprintf(stderr, "hypsim trace diff: --align icount or pc\n");
				goto out;
			}
		} else if (is_opt(argv[i], "--ignore")) {
			if (!(v = opt_value(argc, argv, &i, "--ignore")))
				goto out;
			o.ignore = v;
		} else if (is_opt(argv[i], "--context")) {
			if (!(v = opt_value(argc, argv, &i, "--context")))
				goto out;
			if (!parse_u64(v, &n) || n > 1000) {
				fprintf(stderr, "hypsim trace diff: bad --context '%s'\n", v);
				goto out;
			}
			o.context = (unsigned)n;
		} else if (is_opt(argv[i], "--window")) {
			if (!(v = opt_value(argc, argv, &i, "--window")))
				goto out;
			if (!parse_u64(v, &n) || n == 0) {
				fprintf(stderr, "hypsim trace diff: bad --window '%s'\n", v);
				goto out;
			}
			o.window = n;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "hypsim trace diff: unknown option '%s'\n", argv[i]);
			goto out;
		} else if (n_files < 2) {
			files[n_files++] = argv[i];
		} else {
			fprintf(stderr, "hypsim trace diff: two files\n");
			goto out;
		}
	}
	if (n_files != 2) {
		usage(stderr);
		goto out;
	}
	rc = trace_diff(files[0], files[1], &o, stdout, stderr);
out:
	free(masks);
	return rc;
}

static int cmd_import(int argc, char **argv, bool tarmac)
{
	const char *log = NULL, *out = NULL;
	const char *cmd = tarmac ? "import-tarmac" : "import-qemu";
	struct trace_import_options o = { 0 };
	for (int i = 0; i < argc; i++) {
		int b;
		if (is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if ((b = bound_opt(argc, argv, &i, cmd, &o.from, &o.to)) != 0) {
			if (b < 0)
				return 2;
		} else if (is_opt(argv[i], "-o") || is_opt(argv[i], "--output")) {
			if (!(out = opt_value(argc, argv, &i,
					      argv[i][1] == 'o' ? "-o" : "--output")))
				return 2;
		} else if (!tarmac && is_opt(argv[i], "--elf")) {
			if (!(o.elf = opt_value(argc, argv, &i, "--elf")))
				return 2;
		} else if (is_opt(argv[i], "--cpu")) {
			if (!(o.cpu = opt_value(argc, argv, &i, "--cpu")))
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "hypsim trace %s: unknown option '%s'\n",
				cmd, argv[i]);
			return 2;
		} else if (!log) {
			log = argv[i];
		} else {
			fprintf(stderr, "hypsim trace %s: one file at a time\n", cmd);
			return 2;
		}
	}
	if (!log || !out) {
		usage(stderr);
		return 2;
	}
	if (tarmac)
		return trace_import_tarmac(log, out, &o, stderr);
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
		return cmd_show(argc - 2, argv + 2, false);
	if (strcmp(sub, "export") == 0)
		return cmd_show(argc - 2, argv + 2, true);
	if (strcmp(sub, "diff") == 0)
		return cmd_diff(argc - 2, argv + 2);
	if (strcmp(sub, "import-qemu") == 0)
		return cmd_import(argc - 2, argv + 2, false);
	if (strcmp(sub, "import-tarmac") == 0)
		return cmd_import(argc - 2, argv + 2, true);
	fprintf(stderr, "hypsim trace: unknown subcommand '%s'\n", sub);
	usage(stderr);
	return 2;
}
