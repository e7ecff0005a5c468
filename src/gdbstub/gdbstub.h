/* The gdb remote stub: `hypsim run --gdb PORT`.
 *
 * Design (single-threaded): the stub and the simulation share one thread.
 * While the machine runs, machine->round_hook polls the sockets after
 * scheduling rounds (at least every GDB_POLL_INSNS instructions): a 0x03
 * from gdb or a new connection asks the machine to stop between
 * instructions. While the machine is stopped the stub blocks on the
 * socket. Nothing is shared between threads, so there is no locking, and
 * polling never changes what the machine does: a run that gdb does not
 * stop interleaves its cores exactly as a run without --gdb, and a stop
 * and a resume continue the interrupted round where it stopped
 * (machine_run), so they do not change the interleaving either.
 *
 * Threads are cores: gdb thread N is core N-1. Continuing runs every core
 * (or, with vCont per-thread actions, the cores given 'c'); a single step
 * executes one instruction on the stepped core and holds every other core
 * (so `stepi` never moves another core, whatever gdb's scheduler-locking
 * setting says).
 *
 * Life of a session:
 *   - without --gdb-wait the machine runs at once; a gdb that connects
 *     stops it; with --gdb-wait it waits at the reset state;
 *   - a hang stops the machine and is reported to gdb (the report as
 *     console output, then a stop); hypsim then keeps serving gdb;
 *     a hang with no gdb connected prints the report and waits for one;
 *   - `detach` lets the machine run on freely (and a later gdb can
 *     attach again), or ends the run if the guest has exited or hung;
 *     `kill` ends the run;
 *   - a connection that drops without detaching leaves the machine
 *     stopped, waiting for the next connection;
 *   - malformed packets get an error reply (bad checksums a '-' while
 *     acknowledgments are on) and never end the session.
 */
#ifndef HYPSIM_GDBSTUB_H
#define HYPSIM_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/machine.h"

struct trace_writer;

/* Poll the sockets at least this often while running (instructions). */
#define GDB_POLL_INSNS 20000

struct gdb_stub_config {
	const char *listen_addr; /* NULL: 127.0.0.1 */
	int port;                /* 0: a free port, printed on stderr */
	bool wait;               /* --gdb-wait: stay at reset until gdb
				    continues */
};

/* Serve gdb over machine m until the run ends; *stop is the reason
 * (for cmd_run's exit code): STOP_EXIT when the guest exited, STOP_HANG
 * after a hang, STOP_BUDGET when --max-insns ran out with no gdb
 * attached, STOP_BREAK when gdb killed the run or hypsim got SIGINT.
 * Returns false (after a one-line message on stderr) when the socket
 * cannot be set up. */
bool gdb_stub_run(struct machine *m, const struct gdb_stub_config *cfg,
		  struct trace_writer *trace, uint64_t max_insns,
		  enum stop_reason *stop);

#endif
