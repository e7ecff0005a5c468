/* The host end of the machine's UART: what the guest sends is written to
 * a FILE (standard output by default), what the user types or a pipe
 * holds is handed to the guest.
 *
 * Output is flushed at every line end and by console_flush() and
 * console_close() (call one when the run stops).
 *
 * Input when it is a terminal: the terminal is put in raw mode, so every
 * key (Ctrl-C, Ctrl-Z, Ctrl-D, arrows) goes to the guest, as a serial
 * line would carry it; output processing stays on, so a bare "\n" from
 * the guest still starts a new line. The terminal's settings are restored
 * by console_close(), at exit (atexit) and on a signal that would end
 * hypsim (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGABRT, SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL) when nothing else handles that signal.
 *
 * Input when it is not a terminal (a pipe, a file, /dev/null): read
 * without blocking and fed to the guest as fast as its UART takes it; at
 * end of file reading stops and the guest receives nothing more.
 *
 * Escape keys, as QEMU's -nographic has them, in both cases:
 *   Ctrl-A x       end the run (console_poll returns true)
 *   Ctrl-A Ctrl-A  send one Ctrl-A to the guest
 *   Ctrl-A h       print this list on the output
 *   Ctrl-A other   nothing (both bytes are dropped)
 *
 * The console holds host resources (the terminal, a file descriptor), so
 * it lives outside the machine's checkpointed state. */
#ifndef HYPSIM_CONSOLE_H
#define HYPSIM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONSOLE_ESCAPE 0x01 /* Ctrl-A */

struct console;

/* out: where guest output goes (NULL: stdout). in_fd: where input comes
 * from (usually 0), -1 for none. Returns NULL with a reason in err when
 * the terminal cannot be set up. */
struct console *console_open(FILE *out, int in_fd, char *err,
			     size_t errlen);
/* Flushes the output, restores the terminal, frees c (NULL is allowed).
 * Neither out nor in_fd is closed. */
void console_close(struct console *c);

/* One byte from the guest: the UART's tx callback (opaque = c). */
void console_put(struct console *c, uint8_t byte);
void console_flush(struct console *c);

/* Read waiting input without blocking and pass bytes to deliver(dev, b)
 * while can_receive(dev) says there is room; bytes the device cannot take
 * yet wait in the console for the next call. Returns true when the user
 * typed the escape sequence that ends the run. Called by the machine
 * between scheduling rounds. */
bool console_poll(struct console *c, bool (*can_receive)(void *),
		  bool (*deliver)(void *, uint8_t), void *dev);

/* Every core waits and nothing else is scheduled: block until input
 * arrives (or a signal), then deliver it as console_poll does. False when
 * no input can come any more (none, end of file, or the device cannot take
 * what is queued); *quit as console_poll's result. */
bool console_wait(struct console *c, bool (*can_receive)(void *),
		  bool (*deliver)(void *, uint8_t), void *dev, bool *quit);

/* Input reached end of file (not a terminal); nothing more will come. */
bool console_input_eof(const struct console *c);

#endif
