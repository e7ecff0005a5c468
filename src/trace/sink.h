/* The output side of a trace file: a buffered, block-framed record stream
 * written with write(2). Used by the simulator's writer (writer.c) and the
 * importers (qemu_import.c, tarmac.c).
 *
 * Two buffers: the producer fills one while a writer thread of the sink's
 * own puts the other in the file, so the simulator does not wait for the
 * file system. Everything that decides the file's bytes (where blocks and
 * buffers end) is the producer's, so the file is the same byte for byte
 * with or without the thread. */
#ifndef HYPSIM_TRACE_SINK_H
#define HYPSIM_TRACE_SINK_H

#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
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
	volatile sig_atomic_t busy; /* inside write(2) of buf (no thread) */
	/* instruction records up to `committed`; while `updating` is set the
	 * records ending at `len` are complete and the count is insn_before +
	 * pending_insn */
	volatile uint64_t n_insn;
	volatile uint64_t insn_before;
	volatile sig_atomic_t pending_insn, updating;
	bool failed, closed;
	/* A record of `bound` bytes at len needs nothing of
	 * trace_sink_reserve_slow while len + bound <= fast_limit: the
	 * smaller of the open block's end (blk_start + header +
	 * TRACE_BLOCK_MAX) and the buffer's (cap - header - the end
	 * record's reserve); 0 when no block is open or writing is over.
	 * Set by trace_sink_reserve_slow, cleared by whatever changes
	 * those. */
	size_t fast_limit;
	char err[256];
	/* the file's length after the last write that succeeded whole, and
	 * the instruction records up to it: a failed write (a full disk) is
	 * cut back to there and ended, so the file stays readable */
	uint64_t good_off;
	uint64_t good_insn;

	/* The writer thread (when it could be started): `spare` is the
	 * buffer the producer is not filling. A full buffer is posted as
	 * out_*; `slot` is 0 while nothing is posted, 1 when a buffer waits
	 * for the thread, 2 while the thread writes it (3: the signal
	 * handler took it). done_buf is the last buffer written whole or in
	 * part; werr the errno of a failed write. The producer learns of a
	 * failure only when it posts the next buffer (or closes), which is
	 * a point that depends on the records alone: the run stops after
	 * the same instruction on every run. */
	bool threaded, posted;
	pthread_t thread;
	sem_t work, idle;
	uint8_t *spare;
	size_t spare_cap;
	uint8_t *out_buf;
	size_t out_len;
	uint64_t out_insn;
	uint8_t *volatile done_buf;
	_Atomic int slot, werr, quit;
	_Atomic int cut; /* the old file's tail is still to be cut off */
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
/* The same for an instruction record from a plan (format.h
 * trace_encode_planned): the same bytes trace_sink_put writes for it. The
 * caller guarantees what trace_sink_put checks (core within the header,
 * ids increasing, within the core registers). */
bool trace_sink_put_planned(struct trace_sink *s,
			    const struct trace_planned_insn *pi, unsigned core,
			    uint64_t icount, unsigned mode, const uint8_t *ids,
			    const uint32_t *vals, unsigned n);

/* Writing a record in place, for the trace writer's planned records:
 * trace_sink_reserve returns where a record of at most `bound` bytes
 * goes (NULL once writing has failed), making the same block and buffer
 * decisions trace_sink_put makes for a record of that bound; the caller
 * encodes it there and calls trace_sink_commit with its end. */
bool trace_sink_reserve_slow(struct trace_sink *s, size_t bound);

static inline uint8_t *trace_sink_reserve(struct trace_sink *s, size_t bound)
{
	if (__builtin_expect(s->len + bound > s->fast_limit, 0) &&
	    !trace_sink_reserve_slow(s, bound))
		return NULL;
	return s->buf + s->len;
}

/* Where a record goes when every record of at most `bound` bytes needs
 * nothing of trace_sink_reserve (it neither ends the open block nor
 * writes the buffer out): then one of fewer bytes does not either, and a
 * writer may encode before it knows the exact bound. NULL otherwise. */
static inline uint8_t *trace_sink_room(struct trace_sink *s, size_t bound)
{
	if (__builtin_expect(s->len + bound > s->fast_limit, 0))
		return NULL;
	return s->buf + s->len;
}

/* The records that end at `end` are complete, n_insn of them instruction
 * records (the order of these stores is what trace_sink_close_from_signal
 * relies on). A writer may encode several records in place before one
 * commit, each after a trace_sink_room check of its own bound made at its
 * own start (end of the previous one); a signal between them closes the
 * file at the previous commit. */
static inline void trace_sink_commit_n(struct trace_sink *s, uint8_t *end,
				       unsigned n_insn)
{
	const size_t len = (size_t)(end - s->buf);
	const uint64_t n = s->n_insn; /* only this thread writes it */
	s->len = len;
	s->insn_before = n;
	s->pending_insn = (sig_atomic_t)n_insn;
	atomic_signal_fence(memory_order_seq_cst);
	s->updating = 1;
	atomic_signal_fence(memory_order_seq_cst);
	s->committed = len;
	s->n_insn = n + n_insn;
	atomic_signal_fence(memory_order_seq_cst);
	s->updating = 0;
}

/* The record that ends at `end` is complete. */
static inline void trace_sink_commit(struct trace_sink *s, uint8_t *end,
				     bool insn)
{
	trace_sink_commit_n(s, end, insn);
}
/* Write out everything as complete blocks, and wait until it is in the
 * file. */
bool trace_sink_flush(struct trace_sink *s);
/* End record, flush, close the file. */
bool trace_sink_close(struct trace_sink *s, uint64_t dropped);
/* Async-signal-safe variant: only write(2) and close(2). */
void trace_sink_close_from_signal(struct trace_sink *s, uint64_t dropped);
/* Free memory (after close). */
void trace_sink_free(struct trace_sink *s);

#endif
