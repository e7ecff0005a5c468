/* The host end of the UART: see console.h. */
#include "sim/console.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Bytes read from the input and not yet taken by the guest. */
#define CONSOLE_QUEUE 1024

struct console {
	FILE *out;
	int in_fd;
	bool tty;      /* in_fd is a terminal we put in raw mode */
	bool eof;      /* the input ended (or failed) */
	bool escape;   /* Ctrl-A seen, its command key not yet */
	bool quit;     /* Ctrl-A x seen */
	bool dirty;    /* output written since the last flush */
	uint8_t q[CONSOLE_QUEUE];
	unsigned qhead, qcount;
};

/* The terminal's settings before raw mode. Process-wide on purpose: the
 * terminal is, and a signal handler or atexit() must find them. Only one
 * console at a time may own the terminal. */
static struct termios saved_tty;
static int saved_tty_fd = -1;
static volatile sig_atomic_t tty_raw;
static bool atexit_done;

static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
	SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL,
};
#define N_FATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static bool handler_installed[N_FATAL];

static void tty_restore(void)
{
	if (tty_raw) {
		tcsetattr(saved_tty_fd, TCSANOW, &saved_tty);
		tty_raw = 0;
	}
}

/* Installed with SA_RESETHAND: after restoring the terminal the signal is
 * raised again and takes its default action (async-signal-safe calls
 * only). */
static void tty_signal(int sig)
{
	tty_restore();
	raise(sig);
}

static void install_handlers(void)
{
	for (size_t i = 0; i < N_FATAL; i++) {
		struct sigaction old, sa;

		handler_installed[i] = false;
		if (sigaction(fatal_signals[i], NULL, &old) != 0)
			continue;
		/* a signal someone else handles or ignores is theirs; they
		 * end the run through console_close() */
		if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = tty_signal;
		sa.sa_flags = SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		if (sigaction(fatal_signals[i], &sa, NULL) == 0)
			handler_installed[i] = true;
	}
}

static void remove_handlers(void)
{
	for (size_t i = 0; i < N_FATAL; i++) {
		struct sigaction cur;

		if (!handler_installed[i])
			continue;
		handler_installed[i] = false;
		if (sigaction(fatal_signals[i], NULL, &cur) == 0 &&
		    !(cur.sa_flags & SA_SIGINFO) &&
		    cur.sa_handler == tty_signal)
			signal(fatal_signals[i], SIG_DFL);
	}
}

static bool tty_make_raw(int fd, char *err, size_t errlen)
{
	if (tty_raw) {
		snprintf(err, errlen, "console: the terminal is in use");
		return false;
	}
	if (tcgetattr(fd, &saved_tty) != 0) {
		snprintf(err, errlen, "console: tcgetattr: %s",
			 strerror(errno));
		return false;
	}
	struct termios raw = saved_tty;
	/* raw input, every key to the guest; output processing (OPOST)
	 * kept so "\n" still returns the carriage */
	raw.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP |
				   INLCR | IGNCR | ICRNL | IXON);
	raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	saved_tty_fd = fd;
	if (!atexit_done && atexit(tty_restore) == 0)
		atexit_done = true;
	install_handlers();
	tty_raw = 1;
	if (tcsetattr(fd, TCSANOW, &raw) != 0) {
		snprintf(err, errlen, "console: tcsetattr: %s",
			 strerror(errno));
		tty_raw = 0;
		remove_handlers();
		return false;
	}
	return true;
}

struct console *console_open(FILE *out, int in_fd, char *err, size_t errlen)
{
	struct console *c = calloc(1, sizeof(*c));

	if (!c) {
		snprintf(err, errlen, "console: out of memory");
		return NULL;
	}
	c->out = out ? out : stdout;
	c->in_fd = in_fd;
	c->eof = in_fd < 0;
	if (in_fd >= 0 && isatty(in_fd)) {
		if (!tty_make_raw(in_fd, err, errlen)) {
			free(c);
			return NULL;
		}
		c->tty = true;
	}
	return c;
}

void console_flush(struct console *c)
{
	if (c && c->dirty) {
		fflush(c->out);
		c->dirty = false;
	}
}

void console_close(struct console *c)
{
	if (!c)
		return;
	fflush(c->out);
	if (c->tty) {
		tty_restore();
		remove_handlers();
	}
	free(c);
}

void console_put(struct console *c, uint8_t byte)
{
	fputc(byte, c->out);
	c->dirty = true;
	if (byte == '\n')
		console_flush(c);
}

bool console_input_eof(const struct console *c)
{
	return c->eof;
}

static void print_help(struct console *c)
{
	fputs("\n"
	      "C-a h    print this help\n"
	      "C-a x    exit hypsim\n"
	      "C-a C-a  send C-a to the guest\n",
	      c->out);
	c->dirty = true;
	console_flush(c);
}

static void queue_byte(struct console *c, uint8_t b)
{
	/* full only for a terminal (a pipe is read no faster than the
	 * guest takes it): a key typed at a guest that does not read is
	 * lost, as on a serial line */
	if (c->qcount < CONSOLE_QUEUE) {
		c->q[(c->qhead + c->qcount) % CONSOLE_QUEUE] = b;
		c->qcount++;
	}
}

/* One input byte through the escape keys (console.h). */
static void input_byte(struct console *c, uint8_t b)
{
	if (!c->escape) {
		if (b == CONSOLE_ESCAPE)
			c->escape = true;
		else
			queue_byte(c, b);
		return;
	}
	c->escape = false;
	switch (b) {
	case 'x':
	case 'X':
		c->quit = true;
		break;
	case CONSOLE_ESCAPE:
		queue_byte(c, b);
		break;
	case 'h':
	case 'H':
	case '?':
		print_help(c);
		break;
	default:
		break;
	}
}

/* Read what is waiting, without blocking: poll() first, so the file
 * descriptor's flags (shared with the shell for a terminal) stay as they
 * are. A terminal is read whatever the queue holds, so Ctrl-A x works
 * with a guest that reads nothing; other input no faster than the guest
 * takes it, and not past a Ctrl-A x. */
static void read_input(struct console *c)
{
	uint8_t buf[256];

	while (!c->eof && !(c->quit && !c->tty)) {
		size_t want = sizeof(buf);

		if (!c->tty) {
			want = CONSOLE_QUEUE - c->qcount;
			if (want > sizeof(buf))
				want = sizeof(buf);
			if (!want)
				return;
		}
		struct pollfd p = {.fd = c->in_fd, .events = POLLIN};
		int r = poll(&p, 1, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) {
			if (p.revents & POLLNVAL)
				c->eof = true;
			return;
		}
		ssize_t n = read(c->in_fd, buf, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			c->eof = true;
			return;
		}
		if (n == 0) {
			/* end of file; for a terminal, a hang-up */
			c->eof = true;
			return;
		}
		for (ssize_t i = 0; i < n; i++) {
			input_byte(c, buf[i]);
			if (c->quit && !c->tty)
				break; /* the rest is dropped: the run ends */
		}
	}
}

bool console_poll(struct console *c, bool (*can_receive)(void *),
		  bool (*deliver)(void *, uint8_t), void *dev)
{
	console_flush(c);
	read_input(c);
	while (c->qcount && can_receive(dev)) {
		uint8_t b = c->q[c->qhead];

		c->qhead = (c->qhead + 1) % CONSOLE_QUEUE;
		c->qcount--;
		deliver(dev, b);
	}
	/* From a pipe, what came before Ctrl-A x reaches the guest first;
	 * from a terminal, the user means now. */
	return c->quit && (c->tty || !c->qcount);
}

bool console_wait(struct console *c, bool (*can_receive)(void *),
		  bool (*deliver)(void *, uint8_t), void *dev, bool *quit)
{
	*quit = false;
	/* a queued byte the device has room for now */
	if (c->qcount && can_receive(dev)) {
		*quit = console_poll(c, can_receive, deliver, dev);
		return true;
	}
	while (!c->eof && c->in_fd >= 0 && !c->qcount) {
		struct pollfd p = {.fd = c->in_fd, .events = POLLIN};
		int r = poll(&p, 1, -1);
		if (r < 0 && errno == EINTR)
			return true; /* a signal: let the machine look */
		if (r < 0)
			return false;
		unsigned before = c->qcount;
		bool q = console_poll(c, can_receive, deliver, dev);
		if (q) {
			*quit = true;
			return true;
		}
		if (c->qcount != before || !c->eof)
			return true;
	}
	return false;
}
