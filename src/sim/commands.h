/* Subcommands of the hypsim command line; main.c dispatches to these.
 * Each returns the process exit code (0 ok, 1 "different"/failed, 2 error). */
#ifndef HYPSIM_COMMANDS_H
#define HYPSIM_COMMANDS_H

int cmd_run(int argc, char **argv);      /* sim/cmd_run.c */
int cmd_info(int argc, char **argv);     /* sim/cmd_info.c: hypsim info --cpu NAME */
int cmd_sysregs(int argc, char **argv);  /* sim/cmd_info.c: hypsim sysregs [--cpu NAME] */
int cmd_trace(int argc, char **argv);    /* sim/cmd_trace.c: show | diff | import-qemu */
int cmd_scenario(int argc, char **argv); /* sim/cmd_scenario.c: run | bless */

#endif
