/* State of a gdb session, shared by the connection code (gdbstub.c) and
 * the packet handlers (commands.c, rcmd.c). */
#ifndef HYPSIM_GDB_INTERNAL_H
#define HYPSIM_GDB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gdbstub/debug.h"
#include "gdbstub/gdbstub.h"
#include "gdbstub/packet.h"
#include "gdbstub/regs.h"

/* What the session does next. */
enum gdb_state {
	GDB_STOPPED, /* the machine is stopped; serve packets */
	GDB_RUNNING, /* run (continue) until a stop */
	GDB_END,     /* the run ends (kill, SIGINT, a finished detach) */
};

struct gdb_stub {
	struct machine *m;
	struct debugger *d;
	struct gdb_regs regs;
	const struct gdb_stub_config *cfg;
	int listen_fd, client_fd;
	struct gdb_rx rx;
	uint8_t in[4096]; /* received, not yet fed to rx */
	size_t in_pos, in_len;
	bool no_ack;
	unsigned n_dropped; /* bad packets dropped in no-ack mode */
	char *tx;      /* framed outgoing packet (kept for a NAK) */
	size_t tx_len, tx_cap;

	enum gdb_state state;
	uint32_t run_hold; /* cores held by the continue in progress */
	unsigned g_cpu;    /* Hg: core for registers and memory */
	/* the core gdb last named (Hg, T, a stop): the one its user has
	 * selected, which `monitor` commands act on; gdb does not resend
	 * Hg for a thread whose registers it has cached */
	unsigned mon_cpu;
	int c_cpu;         /* Hc: core for s/c, -1 = all */
	enum dbg_view view; /* monitor view/phys: what m/M/X go through */

	struct dbg_stop last; /* the stop '?' reports */
	bool hang_seen;       /* a hang was reported (the run is finished) */
	struct dbg_stop hang_stop;
	bool changed_since_hang; /* gdb wrote registers or memory since */
	/* why interrupt_requested was set while running */
	bool want_attach, want_interrupt;
	bool last_attach; /* the last stop was a debugger attaching */
	uint64_t last_poll_icount;
	unsigned rounds_since_poll;
	enum stop_reason end; /* how the run ends when state is GDB_END */

	/* the watchpoint step-over (see commands.c) */
	bool absorb;
	unsigned absorb_cpu;
	uint32_t absorb_pc;
	struct dbg_watchpoint absorb_wp;
};

/* Send one packet (framed, escaped). False if the connection dropped. */
bool gdb_send(struct gdb_stub *s, const void *payload, size_t len);
bool gdb_send_str(struct gdb_stub *s, const char *payload);
/* Console output to gdb as O packets (hex), split as needed. */
bool gdb_send_console(struct gdb_stub *s, const char *text, size_t len);
/* Drop the connection (abrupt or after detach). */
void gdb_drop_client(struct gdb_stub *s, const char *why);

/* Handle one received packet (commands.c). */
void gdb_handle_packet(struct gdb_stub *s, char *pkt, size_t len);
/* Send the stop reply for st; with `console`, a hang's report (or the
 * budget message) goes first as O packets (only while gdb waits for a
 * resume to end, not as the answer to '?'). */
void gdb_report_stop(struct gdb_stub *s, const struct dbg_stop *st,
		     bool console);
/* Remember a hang stop (continuing re-reports it until gdb changes the
 * machine's state). */
void gdb_note_hang(struct gdb_stub *s, const struct dbg_stop *st);
/* qRcmd: run a monitor command, output to `out` (rcmd.c). */
void gdb_rcmd(struct gdb_stub *s, const char *cmd, FILE *out);

#endif
