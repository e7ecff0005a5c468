/* The host console (src/sim/console.c): input from a pipe fed through a
 * device that takes a limited number of bytes, the Ctrl-A escape keys,
 * end of file, output flushing, and a pseudo-terminal's raw mode and its
 * restoration on close, exit and a fatal signal. */
#include <check.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check_main.h"
#include "sim/console.h"

/* A device that takes up to `room` bytes, then waits to be read. */
struct sink {
	uint8_t got[4096];
	unsigned n;
	unsigned room;
};

static bool sink_can(void *dev)
{
	struct sink *s = dev;
	return s->room > 0;
}

static bool sink_take(void *dev, uint8_t b)
{
	struct sink *s = dev;
	ck_assert_uint_gt(s->room, 0);
	s->room--;
	s->got[s->n++] = b;
	return true;
}

static int pfd[2];
static FILE *out;
static char *out_buf;
static size_t out_len;
static struct console *con;
static struct sink dev;

static void setup(void)
{
	char err[128];

	ck_assert_int_eq(pipe(pfd), 0);
	out = open_memstream(&out_buf, &out_len);
	ck_assert_ptr_nonnull(out);
	con = console_open(out, pfd[0], err, sizeof err);
	ck_assert_msg(con != NULL, "%s", err);
	memset(&dev, 0, sizeof(dev));
	dev.room = 1000;
}

static void teardown(void)
{
	console_close(con);
	fclose(out);
	free(out_buf);
	close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
}

static void feed(const char *s, size_t n)
{
	ck_assert_int_eq(write(pfd[1], s, n), (ssize_t)n);
}

static bool poll_once(void)
{
	return console_poll(con, sink_can, sink_take, &dev);
}

START_TEST(pipe_bytes_reach_the_device)
{
	feed("ls -l\n", 6);
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 6);
	ck_assert(memcmp(dev.got, "ls -l\n", 6) == 0);
	ck_assert(!poll_once()); /* nothing more, no blocking */
	ck_assert_uint_eq(dev.n, 6);
	ck_assert(!console_input_eof(con));
}
END_TEST

START_TEST(escape_x_ends_the_run)
{
	feed("ab\001xcd", 6);
	ck_assert(poll_once());
	ck_assert_uint_eq(dev.n, 2);
	ck_assert(memcmp(dev.got, "ab", 2) == 0);
}
END_TEST

START_TEST(escape_split_across_reads)
{
	feed("a\001", 2);
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 1);
	feed("x", 1);
	ck_assert(poll_once());
	ck_assert_uint_eq(dev.n, 1);
}
END_TEST

START_TEST(escape_escape_sends_one_ctrl_a)
{
	feed("\001\001y\001\001\001x", 7);
	ck_assert(poll_once());
	ck_assert_uint_eq(dev.n, 3);
	ck_assert_uint_eq(dev.got[0], 0x01);
	ck_assert_uint_eq(dev.got[1], 'y');
	ck_assert_uint_eq(dev.got[2], 0x01);
}
END_TEST

START_TEST(escape_h_prints_help_other_keys_dropped)
{
	feed("\001h\001zq", 5);
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 1);
	ck_assert_uint_eq(dev.got[0], 'q');
	fflush(out);
	ck_assert_ptr_nonnull(strstr(out_buf, "C-a x"));
	ck_assert_ptr_nonnull(strstr(out_buf, "C-a C-a"));
}
END_TEST

/* The device takes 3 bytes at a time: the rest waits in order; the run
 * ends only once what came before Ctrl-A x is delivered. */
START_TEST(backpressure_and_ordered_quit)
{
	feed("abcdefg\001x", 9);
	dev.room = 3;
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 3);
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 3);
	dev.room = 3;
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 6);
	dev.room = 3;
	ck_assert(poll_once());
	ck_assert_uint_eq(dev.n, 7);
	ck_assert(memcmp(dev.got, "abcdefg", 7) == 0);
}
END_TEST

/* More than the console's queue: nothing is lost from a pipe. */
START_TEST(large_input_not_lost)
{
	static char big[3000];
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	feed(big, sizeof(big));
	close(pfd[1]);
	pfd[1] = -1;
	unsigned rounds = 0;
	while (!console_input_eof(con) || dev.n < sizeof(big)) {
		dev.room = 100;
		ck_assert(!poll_once());
		ck_assert_uint_lt(++rounds, 1000);
	}
	ck_assert_uint_eq(dev.n, sizeof(big));
	ck_assert(memcmp(dev.got, big, sizeof(big)) == 0);
}
END_TEST

START_TEST(eof_stops_reading)
{
	feed("hi", 2);
	close(pfd[1]);
	pfd[1] = -1;
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 2);
	ck_assert(console_input_eof(con));
	ck_assert(!poll_once());
	ck_assert_uint_eq(dev.n, 2);
}
END_TEST

START_TEST(dev_null_gives_nothing)
{
	char err[128];
	int fd = open("/dev/null", O_RDONLY);
	ck_assert_int_ge(fd, 0);
	struct console *c = console_open(out, fd, err, sizeof err);
	ck_assert_ptr_nonnull(c);
	ck_assert(!console_poll(c, sink_can, sink_take, &dev));
	ck_assert_uint_eq(dev.n, 0);
	ck_assert(console_input_eof(c));
	console_close(c);
	close(fd);
}
END_TEST

START_TEST(no_input)
{
	char err[128];
	struct console *c = console_open(out, -1, err, sizeof err);
	ck_assert_ptr_nonnull(c);
	ck_assert(!console_poll(c, sink_can, sink_take, &dev));
	ck_assert_uint_eq(dev.n, 0);
	console_close(c);
}
END_TEST

/* Output reaches the file at a line end, on console_flush/console_poll
 * and on close, not before (the FILE is fully buffered). */
START_TEST(output_flushing)
{
	char err[128];
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(setvbuf(f, NULL, _IOFBF, 4096), 0);
	int fd = fileno(f);
	char buf[16];
	struct console *c = console_open(f, -1, err, sizeof err);

	console_put(c, 'a');
	ck_assert_int_eq(pread(fd, buf, sizeof buf, 0), 0);
	console_put(c, '\n');
	ck_assert_int_eq(pread(fd, buf, sizeof buf, 0), 2);
	console_put(c, '#');
	ck_assert_int_eq(pread(fd, buf, sizeof buf, 0), 2);
	console_poll(c, sink_can, sink_take, &dev); /* a prompt shows */
	ck_assert_int_eq(pread(fd, buf, sizeof buf, 0), 3);
	console_put(c, ' ');
	console_close(c);
	ck_assert_int_eq(pread(fd, buf, sizeof buf, 0), 4);
	ck_assert(memcmp(buf, "a\n# ", 4) == 0);
	fclose(f);
}
END_TEST

static bool tty_is_raw(int fd)
{
	struct termios t;
	ck_assert_int_eq(tcgetattr(fd, &t), 0);
	return !(t.c_lflag & (ICANON | ECHO | ISIG));
}

START_TEST(tty_raw_mode_and_restore)
{
	int master, slave;
	char err[128];
	ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	ck_assert(!tty_is_raw(slave));

	struct console *c = console_open(out, slave, err, sizeof err);
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(tty_is_raw(slave));
	struct termios t;
	tcgetattr(slave, &t);
	ck_assert(t.c_oflag & OPOST);
	/* a second console cannot take the terminal */
	ck_assert_ptr_null(console_open(out, slave, err, sizeof err));

	/* Ctrl-C reaches the guest; Ctrl-A x ends the run at once even
	 * with a device that takes nothing */
	ck_assert_int_eq(write(master, "\003", 1), 1);
	usleep(20000);
	ck_assert(!console_poll(c, sink_can, sink_take, &dev));
	ck_assert_uint_eq(dev.n, 1);
	ck_assert_uint_eq(dev.got[0], 3);
	dev.room = 0;
	ck_assert_int_eq(write(master, "zz\001x", 4), 4);
	usleep(20000);
	ck_assert(console_poll(c, sink_can, sink_take, &dev));
	ck_assert_uint_eq(dev.n, 1);

	console_close(c);
	ck_assert(!tty_is_raw(slave));
	close(master);
	close(slave);
}
END_TEST

/* In a child: the terminal is restored by a fatal signal (how = 0) or by
 * exit() without console_close (how = 1). */
static void restored_after(int how)
{
	int master, slave;
	char err[128];
	ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* Check's runner handles SIGTERM (it kills its process
		 * group); hypsim leaves it at the default */
		signal(SIGTERM, SIG_DFL);
		struct console *c = console_open(NULL, slave, err, sizeof err);
		if (!c || !tty_is_raw(slave))
			_exit(3);
		if (how == 0)
			raise(SIGTERM);
		exit(0);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (how == 0) {
		ck_assert(WIFSIGNALED(status));
		ck_assert_int_eq(WTERMSIG(status), SIGTERM);
	} else {
		ck_assert(WIFEXITED(status));
		ck_assert_int_eq(WEXITSTATUS(status), 0);
	}
	ck_assert(!tty_is_raw(slave));
	close(master);
	close(slave);
}

START_TEST(tty_restored_on_signal)
{
	restored_after(0);
}
END_TEST

START_TEST(tty_restored_at_exit)
{
	restored_after(1);
}
END_TEST

static void other_handler(int sig)
{
	(void)sig;
}

/* A signal the program handles itself (cmd_run's SIGINT) is left to it;
 * the handlers the console installs go on close. */
START_TEST(tty_leaves_handled_signals_alone)
{
	int master, slave;
	char err[128];
	struct sigaction sa = {.sa_handler = other_handler}, cur;
	struct sigaction old_int, old_term;

	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGINT, &sa, &old_int), 0);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &old_term), 0);
	signal(SIGTERM, SIG_DFL);
	ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	struct console *c = console_open(out, slave, err, sizeof err);
	ck_assert_ptr_nonnull(c);
	sigaction(SIGINT, NULL, &cur);
	ck_assert(cur.sa_handler == other_handler);
	sigaction(SIGTERM, NULL, &cur);
	ck_assert(cur.sa_handler != SIG_DFL);
	console_close(c);
	sigaction(SIGTERM, NULL, &cur);
	ck_assert(cur.sa_handler == SIG_DFL);
	sigaction(SIGINT, NULL, &cur);
	ck_assert(cur.sa_handler == other_handler);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	close(master);
	close(slave);
}
END_TEST

static Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("pipe");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pipe_bytes_reach_the_device);
	tcase_add_test(tc, escape_x_ends_the_run);
	tcase_add_test(tc, escape_split_across_reads);
	tcase_add_test(tc, escape_escape_sends_one_ctrl_a);
	tcase_add_test(tc, escape_h_prints_help_other_keys_dropped);
	tcase_add_test(tc, backpressure_and_ordered_quit);
	tcase_add_test(tc, large_input_not_lost);
	tcase_add_test(tc, eof_stops_reading);
	tcase_add_test(tc, dev_null_gives_nothing);
	tcase_add_test(tc, no_input);
	tcase_add_test(tc, output_flushing);
	tcase_add_test(tc, tty_raw_mode_and_restore);
	tcase_add_test(tc, tty_restored_on_signal);
	tcase_add_test(tc, tty_restored_at_exit);
	tcase_add_test(tc, tty_leaves_handled_signals_alone);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(console_suite)
