/* The gdb stub's connection and run loop (see gdbstub.h for the design).
 * Packets are handled in commands.c. */
#define _GNU_SOURCE /* accept4, SOCK_CLOEXEC */
#include "gdbstub/gdbstub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdbstub/gdb_internal.h"
#include "sim/hang.h"

/* ---- sockets ---- */

static void print_addr(const struct sockaddr *sa, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
		port = ntohs(in->sin_port);
		snprintf(buf, len, "%s:%u", host, port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
		port = ntohs(in6->sin6_port);
		snprintf(buf, len, "[%s]:%u", host, port);
	} else {
		snprintf(buf, len, "?");
	}
}

static bool setup_listen(struct gdb_stub *s)
{
	const char *addr = s->cfg->listen_addr ? s->cfg->listen_addr
					       : "127.0.0.1";
	char port[16];
	snprintf(port, sizeof port, "%d", s->cfg->port);
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	/* numeric only: no name lookup behind the user's back */
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV | AI_NUMERICHOST;
	int rc = getaddrinfo(addr, port, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "hypsim: --gdb-listen %s: %s\n", addr,
			gai_strerror(rc));
		return false;
	}
	int fd = -1, err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
			    ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 1) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		fprintf(stderr, "hypsim: --gdb %s:%d: %s\n", addr, s->cfg->port,
			strerror(err));
		return false;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char where[80] = "?";
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		print_addr((struct sockaddr *)&ss, where, sizeof where);
	/* Tests and scripts read this line for the port (--gdb 0). */
	fprintf(stderr, "hypsim: gdb: listening on %s\n", where);
	s->listen_fd = fd;
	return true;
}

static void accept_client(struct gdb_stub *s)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (s->client_fd >= 0) {
		/* One debugger at a time: a second one is told so (an
		 * "E.text" error reply, which gdb prints) and turned away,
		 * not left waiting in the backlog. Best effort and never
		 * blocking: it may not even be a debugger. */
		static const char busy[] = "hypsim: another debugger is attached";
		char out[2 * sizeof busy + 16];
		char where[80];
		char msg[sizeof busy + 2] = "E.";
		memcpy(msg + 2, busy, sizeof busy - 1);
		size_t n = gdb_frame(msg, sizeof msg - 1, out, sizeof out);
		if (n && send(fd, out, n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
			n = 0;
		/* end our side first and take what it sent: closing with
		 * unread input would reset the connection and could discard
		 * the reply before it is read */
		shutdown(fd, SHUT_WR);
		char sink[256];
		while (recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0)
			;
		close(fd);
		print_addr((struct sockaddr *)&ss, where, sizeof where);
		fprintf(stderr, "hypsim: gdb: connection from %s refused: "
				"another debugger is attached\n", where);
		return;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	char where[80];
	print_addr((struct sockaddr *)&ss, where, sizeof where);
	fprintf(stderr, "hypsim: gdb: connection from %s\n", where);
	s->client_fd = fd;
	gdb_rx_init(&s->rx);
	s->in_pos = s->in_len = 0;
	s->no_ack = false;
	s->tx_len = 0;
	s->n_dropped = 0;
	s->absorb = false;
	s->g_cpu = s->last.cpu < s->m->n_cpus ? s->last.cpu : 0;
	s->mon_cpu = s->g_cpu;
	s->c_cpu = -1;
}

void gdb_drop_client(struct gdb_stub *s, const char *why)
{
	if (s->client_fd < 0)
		return;
	close(s->client_fd);
	s->client_fd = -1;
	s->in_pos = s->in_len = 0;
	s->absorb = false;
	fprintf(stderr, "hypsim: gdb: %s\n", why);
}

/* A debugger that stops reading must not hold the simulator: a send
 * waits for room at most this long without any progress, and a signal
 * (Ctrl-C, SIGTERM) while it waits ends the session, so the run ends
 * cleanly with its trace. */
#define GDB_SEND_STALL_MS 10000

static bool send_raw(struct gdb_stub *s, const void *buf, size_t len)
{
	const char *p = buf;
	while (len && s->client_fd >= 0) {
		/* MSG_NOSIGNAL: a closed connection is an error to handle,
		 * not a SIGPIPE that would end hypsim. */
		ssize_t n = send(s->client_fd, p, len,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR) {
			gdb_drop_client(s, "connection lost while sending");
			return false;
		}
		struct pollfd pf = {.fd = s->client_fd, .events = POLLOUT};
		int r = n < 0 && errno == EINTR ? -1
						 : poll(&pf, 1, GDB_SEND_STALL_MS);
		if (r < 0 && errno == EINTR) {
			gdb_drop_client(s, "a signal while gdb was not reading "
					   "what the stub sent: connection "
					   "dropped, the run ends");
			s->end = STOP_BREAK;
			s->state = GDB_END;
			return false;
		}
		if (r == 0) {
			gdb_drop_client(s, "gdb read nothing of what the stub "
					   "sent for 10 s: connection dropped");
			return false;
		}
	}
	return s->client_fd >= 0;
}

bool gdb_send(struct gdb_stub *s, const void *payload, size_t len)
{
	if (s->client_fd < 0)
		return false;
	size_t need = 2 * len + 8;
	if (need > s->tx_cap) {
		char *n = realloc(s->tx, need);
		if (!n)
			return false;
		s->tx = n;
		s->tx_cap = need;
	}
	s->tx_len = gdb_frame(payload, len, s->tx, s->tx_cap);
	return s->tx_len && send_raw(s, s->tx, s->tx_len);
}

bool gdb_send_str(struct gdb_stub *s, const char *payload)
{
	return gdb_send(s, payload, strlen(payload));
}

bool gdb_send_console(struct gdb_stub *s, const char *text, size_t len)
{
	/* O packets carry hex: keep each well inside PacketSize. */
	enum { CHUNK = 1024 };
	char buf[1 + 2 * CHUNK];
	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;
		buf[0] = 'O';
		gdb_hex_encode((const uint8_t *)text, n, buf + 1);
		if (!gdb_send(s, buf, 1 + 2 * n))
			return false;
		text += n;
		len -= n;
	}
	return true;
}

/* Read what the connection has (waiting up to timeout_ms, -1 forever).
 * 1: data, 0: nothing (timeout or a signal), -1: connection closed. */
static int read_more(struct gdb_stub *s, int timeout_ms)
{
	/* the listening socket too: a second debugger is answered at once */
	struct pollfd p[2] = {{.fd = s->client_fd, .events = POLLIN | POLLRDHUP},
			      {.fd = s->listen_fd, .events = POLLIN}};
	int r = poll(p, 2, timeout_ms);
	if (r <= 0)
		return 0;
	/* The attached client first: a debugger that closed its connection
	 * and connects again at once has both ready here (its last bytes, its
	 * end of stream, the new connection), and the new connection must not
	 * be refused as a second debugger: while the client's end is pending
	 * (POLLRDHUP) the new one waits in the backlog, to be accepted as the
	 * client once the old one is dropped. */
	int got = 0;
	if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
		ssize_t n = recv(s->client_fd, s->in, sizeof s->in, 0);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
			gdb_drop_client(s, n == 0 ? "gdb disconnected"
						  : "connection error");
			return -1;
		}
		if (n > 0) {
			s->in_pos = 0;
			s->in_len = (size_t)n;
			got = 1;
		}
	}
	if ((p[1].revents & POLLIN) &&
	    !(p[0].revents & (POLLRDHUP | POLLHUP | POLLERR)))
		accept_client(s);
	return got;
}

/* Feed received bytes to the framer and act on what they complete. While
 * running only an interrupt means something (all-stop mode: gdb sends
 * nothing else until it has a stop reply). Stops early when a handler
 * resumed the machine; the rest waits for the next stop. */
static void process_input(struct gdb_stub *s, bool running)
{
	while (s->in_pos < s->in_len && s->client_fd >= 0) {
		if (!running && s->state != GDB_STOPPED)
			return;
		enum gdb_rx_event ev = gdb_rx_feed(&s->rx, s->in[s->in_pos++]);
		switch (ev) {
		case GDB_RX_PACKET:
			if (!s->no_ack && !send_raw(s, "+", 1))
				return;
			if (running) {
				fprintf(stderr, "hypsim: gdb: packet ignored while "
						"running: %.40s\n", s->rx.buf);
				break;
			}
			gdb_handle_packet(s, s->rx.buf, s->rx.len);
			break;
		case GDB_RX_BAD_CHECKSUM:
			/* With acknowledgments, ask for it again; without,
			 * gdb will not resend, and a reply to a packet we
			 * could not read would be a guess: drop it. */
			if (!s->no_ack)
				send_raw(s, "-", 1);
			else if (++s->n_dropped <= 3)
				fprintf(stderr, "hypsim: gdb: packet with a bad "
						"checksum dropped%s\n",
					s->n_dropped == 3 ? " (no more such "
							    "messages)" : "");
			break;
		case GDB_RX_OVERSIZE:
			if (!s->no_ack && !send_raw(s, "+", 1))
				return;
			if (!running)
				gdb_send_str(s, "E01");
			break;
		case GDB_RX_INTERRUPT:
			if (running) {
				s->want_interrupt = true;
				s->m->interrupt_requested = 1;
			}
			break;
		case GDB_RX_NAK:
			if (s->tx_len)
				send_raw(s, s->tx, s->tx_len);
			break;
		case GDB_RX_ACK:
		case GDB_RX_NONE:
			break;
		}
	}
}

static void forget_debug_state(struct gdb_stub *s)
{
	/* The debugger that set them is gone: nothing would report them. */
	dbg_break_clear(s->d);
	dbg_watch_clear(s->d);
	s->view = DBG_VIEW_CURRENT;
}

/* ---- while the machine runs ---- */

static void round_hook(struct machine *m, void *ctx)
{
	struct gdb_stub *s = ctx;
	static const unsigned max_rounds = 64;
	uint64_t ic = machine_total_icount(m);
	if (ic - s->last_poll_icount < GDB_POLL_INSNS &&
	    ++s->rounds_since_poll < max_rounds)
		return;
	s->rounds_since_poll = 0;
	s->last_poll_icount = ic;
	if (s->client_fd >= 0) {
		if (read_more(s, 0) < 0) {
			forget_debug_state(s);
			return;
		}
		process_input(s, true);
		return;
	}
	struct pollfd p = {.fd = s->listen_fd, .events = POLLIN};
	if (poll(&p, 1, 0) > 0) {
		accept_client(s);
		if (s->client_fd >= 0) {
			s->want_attach = true;
			m->interrupt_requested = 1;
		}
	}
}

static void hang_line(struct gdb_stub *s, FILE *out)
{
	struct machine *m = s->m;
	if (!m->hang) {
		fprintf(out, "hypsim: every core waits and nothing can wake them\n");
		return;
	}
	fprintf(out, "hypsim: hang (%s) on core %u at 0x%08x\n",
		hang_kind_name(hang_detector_kind(m->hang)),
		hang_detector_cpu(m->hang), hang_detector_pc(m->hang));
}

void gdb_note_hang(struct gdb_stub *s, const struct dbg_stop *st)
{
	s->hang_seen = true;
	s->hang_stop = *st;
	s->changed_since_hang = false;
}

static void on_stop(struct gdb_stub *s, struct dbg_stop *st)
{
	bool client = s->client_fd >= 0;
	s->last_attach = false;
	if (st->ev == DBG_EV_INTERRUPT && s->want_attach) {
		s->last_attach = true;
	} else if (st->ev == DBG_EV_INTERRUPT && !s->want_interrupt && !client) {
		/* Ctrl-C with no debugger attached ends the run, as
		 * without --gdb. */
		s->end = STOP_BREAK;
		s->state = GDB_END;
		return;
	}
	if (st->ev == DBG_EV_HANG) {
		gdb_note_hang(s, st);
		hang_line(s, stderr);
	}
	fflush(s->m->console);
	s->last = *st;
	s->state = GDB_STOPPED;
	if (client) {
		s->g_cpu = s->mon_cpu = st->cpu;
		if (!s->last_attach)
			gdb_report_stop(s, st, true);
		return;
	}
	switch (st->ev) {
	case DBG_EV_EXIT:
		s->end = STOP_EXIT;
		s->state = GDB_END;
		break;
	case DBG_EV_BUDGET:
		s->end = STOP_BUDGET;
		s->state = GDB_END;
		break;
	case DBG_EV_HANG:
		if (s->m->hang)
			hang_report(s->m->hang, hang_detector_cpu(s->m->hang),
				    stderr);
		fprintf(stderr, "hypsim: gdb: the machine is stopped; waiting "
				"for gdb\n");
		break;
	default:
		break;
	}
}

static void run_once(struct gdb_stub *s)
{
	struct dbg_stop st;
	s->want_attach = s->want_interrupt = false;
	s->rounds_since_poll = 0;
	s->last_poll_icount = machine_total_icount(s->m);
	dbg_continue(s->d, s->run_hold, &st);
	s->run_hold = 0;
	on_stop(s, &st);
}

/* ---- while the machine is stopped ---- */

#define GDB_WAIT_SLICE_MS 250

static void serve_stopped(struct gdb_stub *s)
{
	struct machine *m = s->m;
	if (s->client_fd < 0) {
		if (s->d->exited) {
			s->end = STOP_EXIT;
			s->state = GDB_END;
			return;
		}
		/* in slices: a signal that came just before the poll is
		 * seen at the end of the slice, not lost until the next */
		struct pollfd p = {.fd = s->listen_fd, .events = POLLIN};
		int r = poll(&p, 1, GDB_WAIT_SLICE_MS);
		if (r <= 0 && m->interrupt_requested) {
			m->interrupt_requested = 0;
			s->state = GDB_END;
			return;
		}
		if (r > 0)
			accept_client(s);
		return;
	}
	if (s->in_pos < s->in_len) {
		process_input(s, false);
		return;
	}
	int r = read_more(s, GDB_WAIT_SLICE_MS);
	if (r < 0) {
		forget_debug_state(s);
		if (!s->d->exited)
			fprintf(stderr, "hypsim: gdb: the machine stays stopped; "
					"waiting for gdb\n");
		return;
	}
	if (r == 0 && m->interrupt_requested) {
		/* Ctrl-C in hypsim's terminal while gdb holds the machine:
		 * the user wants hypsim to end. */
		m->interrupt_requested = 0;
		s->state = GDB_END;
	}
}

bool gdb_stub_run(struct machine *m, const struct gdb_stub_config *cfg,
		  struct trace_writer *trace, uint64_t max_insns,
		  enum stop_reason *stop)
{
	struct gdb_stub *s = calloc(1, sizeof *s);
	if (!s) {
		fprintf(stderr, "hypsim: out of memory\n");
		return false;
	}
	s->m = m;
	s->cfg = cfg;
	s->listen_fd = s->client_fd = -1;
	s->c_cpu = -1;
	s->end = STOP_BREAK;
	gdb_rx_init(&s->rx);
	bool ok = gdb_regs_init(&s->regs, m);
	if (ok)
		s->d = dbg_create(m, trace, max_insns);
	if (!ok || !s->d) {
		fprintf(stderr, "hypsim: gdb: out of memory\n");
		ok = false;
	}
	if (ok)
		ok = setup_listen(s);
	if (ok) {
		m->round_hook = round_hook;
		m->round_ctx = s;
		/* The reset state is reported like a breakpoint stop at
		 * the first instruction of core 0. */
		s->last = (struct dbg_stop){.ev = DBG_EV_STEP, .cpu = 0};
		s->state = cfg->wait ? GDB_STOPPED : GDB_RUNNING;
		if (cfg->wait)
			fprintf(stderr, "hypsim: gdb: waiting for gdb at reset\n");
		while (s->state != GDB_END) {
			if (s->state == GDB_RUNNING)
				run_once(s);
			else
				serve_stopped(s);
		}
		if (s->d->exited)
			*stop = STOP_EXIT;
		else if (s->hang_seen)
			*stop = STOP_HANG;
		else
			*stop = s->end;
		m->round_hook = NULL;
		m->round_ctx = NULL;
	}
	if (s->client_fd >= 0)
		close(s->client_fd);
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	dbg_destroy(s->d);
	gdb_regs_destroy(&s->regs);
	free(s->tx);
	free(s);
	return ok;
}
