/* The readline monitor: `hypsim run --monitor`.
 *
 * The machine starts stopped at its reset state and the console takes
 * commands (readline, with history and tab completion of commands,
 * register and symbol names): continue, step [N], core [N], break,
 * watch, delete, regs, sysregs, x/FMT, hyp, tlb [N], icache [N], gic [N],
 * hang [N], trace, translate VA [vmid N], view, quit (`help` lists
 * them). Ctrl-C during `continue` stops the machine between
 * instructions and returns to the prompt. A breakpoint, a
 * watchpoint, a hang or the guest's exit also return to the prompt.
 *
 * Stepping executes instructions on the current core only and holds the
 * others, as the gdb stub does (gdbstub/debug.h is the shared core).
 * When standard input is not a terminal, lines are read without readline
 * (no prompt, no echo), so the monitor can be scripted. */
#ifndef HYPSIM_MONITOR_H
#define HYPSIM_MONITOR_H

#include <stdint.h>
#include <stdio.h>

#include "sim/machine.h"

struct trace_writer;
struct monitor;

/* Run the console until `quit` (or end of input). Returns how the run
 * ended, for cmd_run's exit code: STOP_EXIT if the guest exited, STOP_HANG
 * if a hang was detected, else STOP_BREAK. */
enum stop_reason monitor_run(struct machine *m, struct trace_writer *trace,
			     uint64_t max_insns);

/* The pieces, for tests: create a monitor writing to `out`, execute one
 * command line (returns false for `quit`), destroy. */
struct monitor *monitor_create(struct machine *m, struct trace_writer *trace,
			       uint64_t max_insns, FILE *out);
bool monitor_execute(struct monitor *mon, const char *line);
enum stop_reason monitor_destroy(struct monitor *mon);

#endif
