/* hypsim: the command line. Subcommands live in cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "sim/commands.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: hypsim COMMAND [options]\n"
		"\n"
		"commands:\n"
		"  run        run an image on a machine (hypsim run --help)\n"
		"  info       describe a core model (hypsim info --cpu cortex-a7)\n"
		"  sysregs    list the system-register table\n"
		"  trace      show | diff | import-qemu register traces\n"
		"  scenario   run | bless boot scenarios\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "info"))
		return cmd_info(argc - 1, argv + 1);
	if (!strcmp(cmd, "sysregs"))
		return cmd_sysregs(argc - 1, argv + 1);
	if (!strcmp(cmd, "trace"))
		return cmd_trace(argc - 1, argv + 1);
	if (!strcmp(cmd, "scenario"))
		return cmd_scenario(argc - 1, argv + 1);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "hypsim: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
