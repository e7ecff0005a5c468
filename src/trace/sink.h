/* The output side of a trace file: a buffered, block-framed record stream
 * written with write(2). Used by the simulator's writer (writer.c) and the
 * QEMU-log importer (qemu_import.c). */
#ifndef HYPSIM_TRACE_SINK_H
#define HYPSIM_TRACE_SINK_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/format.h"

#define TRACE_SINK_NO_BLOCK SIZE_MAX

struct trace_sink {
	int fd;
	struct trace_header hdr; /* owned */
	struct trace_codec codec;
	uint8_t *buf;
	size_t cap, len;
	/* offset in buf of the open block's header, or TRACE_SINK_NO_BLOCK;
	 * `committed` is the end of the last complete record. Both are read
	 * by trace_sink_close_from_signal. */
	volatile size_t blk_start;
	volatile size_t committed;
	volatile sig_atomic_t busy; /* inside write(2) of buf */
	/* instruction records up to `committed`; while `updating` is set the
	 * record ending at `len` is complete and the count is insn_before +
	 * pending_insn */
	volatile uint64_t n_insn;
	volatile uint64_t insn_before;
	volatile sig_atomic_t pending_insn, updating;
	bool failed, closed;
	char err[256];
	/* the file's length after the last write that succeeded whole, and
	 * the instruction records up to it: a failed write (a full disk) is
	 * cut back to there and ended, so the file stays readable */
	uint64_t good_off;
	uint64_t good_insn;
};

/* Create path and write the header; takes ownership of *hdr (also on
 * failure). Returns false with the reason in err. */
bool trace_sink_open(struct trace_sink *s, const char *path,
		     struct trace_header *hdr, char *err, size_t errlen);
/* Append a record (buffered). False once writing has failed; the file is
 * then already closed, ending with the records written whole before the
 * failure and an end record of reason TRACE_END_WRITE_ERROR (when the
 * file can still take it). */
bool trace_sink_put(struct trace_sink *s, const struct trace_record *r);
/* Write out everything as complete blocks. */
bool trace_sink_flush(struct trace_sink *s);
/* End record, flush, close the file. */
bool trace_sink_close(struct trace_sink *s, uint64_t dropped);
/* Async-signal-safe variant: only write(2) and close(2). */
void trace_sink_close_from_signal(struct trace_sink *s, uint64_t dropped);
/* Free memory (after close). */
void trace_sink_free(struct trace_sink *s);

#endif
