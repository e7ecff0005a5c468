/* hypsim info [--cpu NAME]     the identity of a core model
 * hypsim sysregs [--cpu NAME]  the system-register table
 * Both read only the register tables and the core models (src/cp15). */
#include <stdio.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/describe.h"
#include "cp15/sysreg.h"
#include "sim/commands.h"

static void list_models(FILE *out)
{
	fprintf(out, "known cpus:");
	for (const struct core_model *const *m = core_models; *m; m++)
		fprintf(out, " %s", (*m)->name);
	fprintf(out, "\n");
}

/* Parse [--cpu NAME | --cpu=NAME] [--help]. Returns -1 to continue, or
 * an exit code. */
static int parse_cpu(int argc, char **argv, const char *cmd,
		     const struct core_model **model)
{
	*model = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *name = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			printf("usage: hypsim %s [--cpu NAME]\n", cmd);
			list_models(stdout);
			return 0;
		}
		if (!strcmp(a, "--cpu")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "hypsim %s: --cpu needs a name\n",
					cmd);
				return 2;
			}
			name = argv[++i];
		} else if (!strncmp(a, "--cpu=", 6)) {
			name = a + 6;
		} else {
			fprintf(stderr, "hypsim %s: unknown option '%s'\n", cmd,
				a);
			return 2;
		}
		*model = core_model_find(name);
		if (!*model) {
			fprintf(stderr, "hypsim %s: unknown cpu '%s' (known:",
				cmd, name);
			for (const struct core_model *const *m = core_models;
			     *m; m++)
				fprintf(stderr, " %s", (*m)->name);
			fprintf(stderr, ")\n");
			return 2;
		}
	}
	return -1;
}

int cmd_info(int argc, char **argv)
{
	const struct core_model *model;
	int rc = parse_cpu(argc, argv, "info", &model);
	if (rc >= 0)
		return rc;
	sysreg_init();
	if (model) {
		describe_core(stdout, model);
		return 0;
	}
	for (const struct core_model *const *m = core_models; *m; m++) {
		if (m != core_models)
			printf("\n");
		describe_core(stdout, *m);
	}
	return 0;
}

int cmd_sysregs(int argc, char **argv)
{
	const struct core_model *model;
	int rc = parse_cpu(argc, argv, "sysregs", &model);
	if (rc >= 0)
		return rc;
	sysreg_init();
	describe_sysregs(stdout, model);
	return 0;
}
