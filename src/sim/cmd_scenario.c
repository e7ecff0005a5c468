/* hypsim scenario: the regression-suite runner lands with issue 9. */
#include <stdio.h>

#include "sim/commands.h"

int cmd_scenario(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "hypsim scenario: the scenario runner is not part of "
			"this build yet\n");
	return 2;
}
