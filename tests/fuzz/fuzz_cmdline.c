/* Fuzz harness of `hypsim run`'s command line (src/sim/run_options.c):
 * the input is the argument list, the arguments separated by NUL bytes
 * (argv[0] is "run"), parsed with run_options_parse(); a command line it
 * accepts then builds its machine (machine_init) when the RAM is small
 * enough to be quick, as cmd_run does next. Its messages go to stderr.
 * After each, "run --kernel k" must still parse: getopt's state from one
 * command line must not leak into the next.
 *
 * RAM sizes above 256 MiB are not built: a size that overflows is
 * allocated before it is range-checked today (issue 17, defect 2), and
 * large ones only make the run slow. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "sim/machine.h"
#include "sim/run_options.h"

#define FUZZ_MAX_ARGS 64
#define FUZZ_MAX_MEM (256ull << 20)

const char *const *fuzz_tokens(void);
const char *const *fuzz_tokens(void)
{
	static const char *const t[] = {
		"\0--cpu\0", "\0--smp\0", "\0--cpus\0", "\0--board\0", "\0--mem\0",
		"\0--mem-base\0", "\0--mem-alias\0", "\0--kernel\0", "\0--load\0",
		"\0--entry\0", "\0--max-insns\0", "\0--icache-model\0",
		"\0--dcache-model\0", "\0--errata\0", "\0--cache-seed\0",
		"\0--check-maintenance", "\0--no-hang-detect", "\0--hang-report\0",
		"\0--trace\0", "\0--trace-cores\0", "\0--trace-from\0",
		"\0--trace-modes\0", "\0--trace-last\0", "\0--help",
		"\0--state-report", "\0--gdb\0", "\0--gdb-listen\0", "\0--gdb-wait",
		"\0--monitor", "\0--dcc\0", "\0--ips\0", "\0--append\0",
		"\0--initrd\0", "\0--dtb\0", "\0--dumpdtb\0", "\0--module\0",
		"\0--module-args\0", "\0--symbols\0", "\0--rtc-epoch\0",
		"\0--reboot", "cortex-a15", "cortex-a7", "cortex-a15x2,cortex-a7x3",
		"virt", "bare", "hyp", "svc", "secure-svc", "on", "off", "stdout",
		"list", "+", "-", "@0x40000000", "=", ":", ",", "-", "--",
		"0x40000000:0x100000", "K", "M", "G", NULL,
	};
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	char *argv[FUZZ_MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = (char *)"run";
	for (size_t i = 0; i < size && argc < FUZZ_MAX_ARGS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;

	static struct run_options o;
	int rc = run_options_parse(&o, argc, argv);
	if (rc != 0 && rc != 1 && rc != 2 && rc != -1) {
		fprintf(stderr, "fuzz_cmdline: run_options_parse returned %d\n",
			rc);
		abort();
	}
	/* Whatever the previous command line left behind (getopt keeps
	 * state between calls), a good one parses. */
	static char a0[] = "run", a1[] = "--kernel", a2[] = "k";
	char *good[] = {a0, a1, a2, NULL};
	static struct run_options o2;
	if (run_options_parse(&o2, 3, good) != 0 || strcmp(o2.kernel, "k")) {
		fprintf(stderr, "fuzz_cmdline: \"run --kernel k\" is refused "
				"after this command line\n");
		abort();
	}
	if (rc == 0 && o.machine.mem_size <= FUZZ_MAX_MEM &&
	    o.machine.alias_size <= FUZZ_MAX_MEM) {
		static struct machine m;
		char err[512] = "";
		if (machine_init(&m, &o.machine, err, sizeof err))
			m.console = fuzz_devnull();
		else if (!err[0])
			abort(); /* a refusal says why (an argument with a
				  * newline may be quoted with it) */
		machine_destroy(&m);
	}
	free(buf);
	return 0;
}
