/* Fuzz harness of the gdb stub without a network: the packet framer
 * (src/gdbstub/packet.c) and the command dispatcher (commands.c, rcmd.c
 * for qRcmd) on a stopped two-core virt machine, as gdbstub.c's
 * process_input drives them. The stub's replies go to one end of a
 * socketpair whose other end a thread reads and discards, so a reply of
 * any size never blocks. A resume (c, s, vCont) runs the machine as
 * gdbstub.c's run_once does, within a budget of instructions.
 *
 * Input: a mode byte, then
 *   mode bit 0 clear: packet payloads separated by '\n', each framed by
 *           the harness ($payload#checksum, checksum right unless mode
 *           bit 1) so that mutations reach the commands;
 *   mode bit 0 set: the raw byte stream from gdb (framing, acks, Ctrl-C,
 *           escapes and checksums all from the input).
 * Mode bit 2 starts in no-ack mode. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cp15/core_model.h"
#include "fuzz_util.h"
#include "gdbstub/gdb_internal.h"
#include "sim/machine.h"

#define FUZZ_MEM_BASE 0x40000000u
#define FUZZ_MEM_SIZE (16u << 20)
#define FUZZ_BUDGET 20000u

static void *drain(void *arg)
{
	int fd = (int)(intptr_t)arg;
	char buf[65536];
	while (read(fd, buf, sizeof buf) > 0)
		;
	close(fd);
	return NULL;
}

/* A connected client_fd whose replies are discarded. */
static int open_client(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return -1;
	pthread_t t;
	if (pthread_create(&t, NULL, drain, (void *)(intptr_t)sv[1]) != 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	pthread_detach(t);
	return sv[0];
}

/* A program for the cores to run: a loop that counts, stores, loads and
 * calls Hyp (the cores start in Hyp mode, so HVC traps to HVBAR = 0). */
static const uint32_t program[] = {
	0xe3a00000u, /* mov r0, #0 */
	0xe59f1010u, /* ldr r1, [pc, #16]  (the RAM base) */
	0xe2800001u, /* loop: add r0, r0, #1 */
	0xe5810100u, /* str r0, [r1, #256] */
	0xe5912100u, /* ldr r2, [r1, #256] */
	0xeafffffbu, /* b loop */
	FUZZ_MEM_BASE,
};

/* What process_input does with a completed event, and a resume run. */
static void handle(struct gdb_stub *s, enum gdb_rx_event ev)
{
	switch (ev) {
	case GDB_RX_PACKET:
		gdb_handle_packet(s, s->rx.buf, s->rx.len);
		break;
	case GDB_RX_OVERSIZE:
		gdb_send_str(s, "E01");
		break;
	/* a NAK resends the last reply as it was: nothing parsed */
	default:
		break;
	}
	if (s->state == GDB_RUNNING) {
		struct dbg_stop st;
		dbg_continue(s->d, s->run_hold, &st);
		s->run_hold = 0;
		if (st.ev != DBG_EV_NONE) {
			s->last = st;
			gdb_report_stop(s, &st, true);
		}
		if (s->state == GDB_RUNNING)
			s->state = GDB_STOPPED;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size, 0};
	unsigned mode = fuzz_u8(&in);

	static struct machine m;
	fuzz_virt_machine(&m, &cortex_a15_model, 2, true, FUZZ_MEM_SIZE,
			  program, sizeof program / 4, "fuzz_gdb");

	static struct gdb_stub s;
	static const struct gdb_stub_config scfg = {.port = 1};
	memset(&s, 0, sizeof s);
	s.m = &m;
	s.cfg = &scfg;
	s.listen_fd = -1;
	s.client_fd = open_client();
	s.c_cpu = -1;
	s.end = STOP_BREAK;
	s.no_ack = (mode & 4) != 0;
	s.last = (struct dbg_stop){.ev = DBG_EV_STEP, .cpu = 0};
	s.state = GDB_STOPPED;
	gdb_rx_init(&s.rx);
	if (s.client_fd < 0 || !gdb_regs_init(&s.regs, &m) ||
	    !(s.d = dbg_create(&m, NULL, FUZZ_BUDGET))) {
		fprintf(stderr, "fuzz_gdb: set-up failed\n");
		abort();
	}

	if (mode & 1) {
		while (in.pos < in.n && s.state == GDB_STOPPED &&
		       s.client_fd >= 0)
			handle(&s, gdb_rx_feed(&s.rx, fuzz_u8(&in)));
	} else {
		while (in.pos < in.n && s.state == GDB_STOPPED &&
		       s.client_fd >= 0) {
			const uint8_t *p = in.p + in.pos;
			const uint8_t *nl = memchr(p, '\n', in.n - in.pos);
			size_t len = nl ? (size_t)(nl - p) : in.n - in.pos;
			in.pos += len + (nl != NULL);
			uint8_t sum = 0;
			enum gdb_rx_event ev = gdb_rx_feed(&s.rx, '$');
			for (size_t i = 0; i < len; i++) {
				sum = (uint8_t)(sum + p[i]);
				ev = gdb_rx_feed(&s.rx, p[i]);
				if (ev != GDB_RX_NONE)
					handle(&s, ev);
			}
			if (mode & 2)
				sum ^= 1;
			static const char hex[] = "0123456789abcdef";
			gdb_rx_feed(&s.rx, '#');
			gdb_rx_feed(&s.rx, (uint8_t)hex[sum >> 4]);
			handle(&s, gdb_rx_feed(&s.rx, (uint8_t)hex[sum & 15]));
		}
	}

	if (s.client_fd >= 0)
		close(s.client_fd);
	dbg_destroy(s.d);
	gdb_regs_destroy(&s.regs);
	free(s.tx);
	machine_destroy(&m);
	return 0;
}
