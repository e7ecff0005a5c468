/* Register traces: what the simulator calls to record one (DESIGN.md
 * "Trace record"). The writer is a cpu_observer on each traced core; the
 * file format is in trace/format.h, reading in trace/reader.h, the
 * `hypsim trace` tools in trace/tools.h.
 *
 * Usage from src/sim:
 *   w = trace_writer_open(&opts, &info, err, sizeof err);
 *   for each core: trace_writer_attach(w, cpu);
 *   … run …  (the monitor or gdb may call trace_writer_set_enabled)
 *   trace_writer_close(w);   on every exit path: normal end, hang report,
 *                            SIGINT, the simulator's own error exits.
 * A fatal signal handler that cannot return to the run loop calls
 * trace_writer_close_from_signal(w), which is async-signal-safe.
 *
 * The writer is not thread-safe: the cores it observes must be stepped
 * from one thread (the scheduler's), or the caller serializes. */
#ifndef HYPSIM_TRACE_H
#define HYPSIM_TRACE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;

/* Start condition (--trace-from). */
enum trace_from {
	TRACE_FROM_START,  /* from the first instruction */
	TRACE_FROM_PC,     /* from the first instruction at this address */
	TRACE_FROM_ICOUNT, /* from a core's instruction count */
};

struct trace_options {
	const char *path;
	uint32_t core_mask; /* bit n = core n; 0 = every core */
	int from_kind;      /* enum trace_from */
	uint64_t from_value;
	uint32_t mode_mask; /* bit n = mode 0x10 + n; 0 = every mode */
	uint64_t last_n;    /* ring mode: keep the last N records; 0 = off */
};

/* A symbol the lead's loader found, kept in the header for `trace show`. */
struct trace_symbol {
	const char *name;
	uint64_t addr, size;
};

struct trace_header_info {
	const char *board;
	unsigned n_cores;
	const char *const *core_models; /* n_cores names */
	const char *options;            /* the command line, for the record */
	unsigned n_images;
	const char *const *image_paths; /* hashed (SHA-256) into the header */
	const struct trace_symbol *syms;
	size_t n_syms;
};

struct trace_writer;

/* Create the file and write its header. NULL with a one-line reason in err
 * on failure (the file cannot be created, an image cannot be read). */
struct trace_writer *trace_writer_open(const struct trace_options *opts,
				       const struct trace_header_info *info,
				       char *err, size_t errlen);
/* Observe a core (adds a cpu_observer). Cores outside opts->core_mask are
 * left alone. */
void trace_writer_attach(struct trace_writer *w, struct cpu *cpu);
/* `trace on|off` from the monitor or gdb. Records resume with a snapshot of
 * each core's state, so a reader needs nothing from the gap. */
void trace_writer_set_enabled(struct trace_writer *w, bool on);
/* Write out everything buffered as complete blocks (the file stays valid
 * up to them, but has no end record until close). */
int trace_writer_flush(struct trace_writer *w);
/* Detach from the cores, flush, write the end record, close the file and
 * free the writer. Returns 0, or -1 if writing failed at any point (the
 * reason is in trace_writer_error before the close, and printed to stderr
 * by close). NULL is accepted. */
int trace_writer_close(struct trace_writer *w);
/* For a fatal-signal handler: writes the buffered complete records and the
 * end record with write(2) only (no malloc, no stdio), closes the file.
 * The writer must not be used afterwards except by trace_writer_close,
 * which then only frees it. */
void trace_writer_close_from_signal(struct trace_writer *w);
/* Set from a signal handler (e.g. SIGINT) to ask the run loop to stop; the
 * writer never reads it — it is here so the lead and the monitor share one
 * flag. */
extern volatile sig_atomic_t trace_stop_requested;
/* Call fn(arg, reason) once, at the first failure to record (a write
 * error such as a full disk, the ring out of memory), from inside the run
 * — so the run can stop there. A write error is learnt when the sink hands
 * its writer thread the next buffer (sink.h): a point the records decide,
 * the same on every run. The file is by then closed and readable
 * up to the last buffer written whole (sink.h); trace_writer_close does
 * not print the reason again. */
void trace_writer_on_error(struct trace_writer *w,
			   void (*fn)(void *arg, const char *why), void *arg);
/* Records written so far (instruction records, after filters). */
uint64_t trace_writer_records(const struct trace_writer *w);
const char *trace_writer_error(const struct trace_writer *w);

/* ---- option parsing helpers for the command line ---- */

/* "0,2" or "0-3" -> core mask. false on syntax error. */
bool trace_parse_cores(const char *s, uint32_t *mask);
/* "hyp,svc" -> mode mask. false on an unknown mode name. */
bool trace_parse_modes(const char *s, uint32_t *mask);
/* --trace-from: "icount:N" or "#N" -> TRACE_FROM_ICOUNT; a number
 * (0x… or decimal) -> TRACE_FROM_PC. Returns 1 if s is neither, i.e. a
 * symbol the caller resolves to an address; 0 when parsed; -1 on a
 * malformed number. */
int trace_parse_from(const char *s, int *kind, uint64_t *value);

#endif
