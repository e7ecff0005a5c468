/* The output side of a trace file: a buffered, block-framed record stream
 * written with write(2). Used by the simulator's writer (writer.c) and the
 * QEMU-log importer (qemu_import.c).
 *
 * By default the encoding runs on a thread of its own: trace_sink_put only
 * copies the record (deeply: registers, accesses, events, op names) into a
 * bounded ring and returns, and the encoding thread encodes the records
 * strictly in order, frames the blocks, computes their CRCs and writes
 * them. The file is byte for byte the one a synchronous sink writes
 * (trace_sink_open_sync), whatever the timing. When the ring is full the
 * producer waits; nothing is dropped. An error of the encoding thread
 * (disk full, EIO) is reported by the next put, flush or close. */
#ifndef HYPSIM_TRACE_SINK_H
#define HYPSIM_TRACE_SINK_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/format.h"

#define TRACE_SINK_NO_BLOCK SIZE_MAX
/* Default size of the hand-over ring (bytes, a power of two). */
#define TRACE_SINK_RING_DEFAULT (4u << 20)

struct trace_sink_ring; /* sink.c: the ring and the encoding thread */

struct trace_sink {
	int fd;
	struct trace_header hdr; /* owned */
	char pad0_[64]; /* keeps the two sides below on their own cache lines */

	/* ---- encoding side: the encoding thread's while it runs (the
	 * caller's in synchronous mode, or once the thread has ended) ---- */
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
	bool enc_stop; /* write nothing more (a write failed, or the producer) */
	char pad1_[64];

	/* ---- producer side: the caller's thread ---- */
	bool failed, closed;
	char err[256];
	unsigned n_cores, n_regs; /* of the header, for checking records */
	struct trace_sink_ring *ring; /* NULL: synchronous */
};

/* Create path and write the header; takes ownership of *hdr (also on
 * failure). Returns false with the reason in err. Starts the encoding
 * thread (if that fails the sink silently works synchronously). */
bool trace_sink_open(struct trace_sink *s, const char *path,
		     struct trace_header *hdr, char *err, size_t errlen);
/* The same, encoding and writing in the caller's thread: the reference
 * the threaded sink is tested against. */
bool trace_sink_open_sync(struct trace_sink *s, const char *path,
			  struct trace_header *hdr, char *err, size_t errlen);
/* The same with a ring of ring_bytes (a power of two, at least 4 KiB; 0
 * for the default): small rings are for tests of a full ring. */
bool trace_sink_open_ring(struct trace_sink *s, const char *path,
			  struct trace_header *hdr, size_t ring_bytes,
			  char *err, size_t errlen);
/* Append a record. False once writing has failed (the reason in err). The
 * record and everything it points to may be reused at once. */
bool trace_sink_put(struct trace_sink *s, const struct trace_record *r);
/* Write out everything as complete blocks (waits for the encoding
 * thread). */
bool trace_sink_flush(struct trace_sink *s);
/* End record, flush, close the file (waits for the encoding thread and
 * ends it). */
bool trace_sink_close(struct trace_sink *s, uint64_t dropped);
/* Async-signal-safe variant: only atomics, sem_post, nanosleep, write(2)
 * and close(2); see sink.c for what it does while the encoding thread
 * runs. */
void trace_sink_close_from_signal(struct trace_sink *s, uint64_t dropped);
/* Free memory (after close); ends the encoding thread if still running. */
void trace_sink_free(struct trace_sink *s);
/* How often the producer found the ring full and waited (tests,
 * benchmarks). */
uint64_t trace_sink_full_waits(const struct trace_sink *s);

#endif
