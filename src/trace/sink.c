/* Buffered block writer of trace files (sink.h). Records are encoded
 * straight into one buffer; a block is closed (its length filled in) when
 * it reaches TRACE_BLOCK_MAX, and the buffer goes to the file when it is
 * nearly full, its blocks' CRCs computed then (seal_blocks): by the
 * sink's writer thread, which write(2)s it while the producer fills the
 * other buffer, or from here when no thread could be started. No
 * per-record allocation, no stdio. */
#include "trace/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SINK_BUF (2u << 20)
#define END_RESERVE 64 /* room for a block header and the end record */
/* How long trace_sink_close_from_signal waits for the writer thread's
 * write(2) to finish (a pipe nobody reads would block it for ever): the
 * second Ctrl-C always ends the run, after at most this. */
#define SIGNAL_WAIT_MS 2000

static void start_thread(struct trace_sink *s);
static void stop_thread(struct trace_sink *s);

static void set_err(struct trace_sink *s, const char *what)
{
	s->fast_limit = 0;
	if (!s->failed)
		snprintf(s->err, sizeof(s->err), "%s: %s", what, strerror(errno));
	s->failed = true;
}

static void set_cap(struct trace_sink *s, size_t cap)
{
	s->cap = cap;
	s->fast_limit = 0;
}

/* write(2) all of it, retrying on EINTR; async-signal-safe. */
static bool write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool trace_sink_open(struct trace_sink *s, const char *path,
		     struct trace_header *hdr, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->hdr = *hdr;
	memset(hdr, 0, sizeof(*hdr));
	s->blk_start = TRACE_SINK_NO_BLOCK;
	s->hdr.version = TRACE_VERSION;
	size_t blen;
	uint8_t *body = trace_header_serialize(&s->hdr, &blen);
	set_cap(s, SINK_BUF);
	s->buf = malloc(s->cap);
	if (!body || !s->buf || !trace_codec_init(&s->codec, &s->hdr)) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(body);
		return false;
	}
	/* With the writer thread, an existing file is cut back by the
	 * thread (after the header, below), not by O_TRUNC: freeing a large
	 * old trace's pages takes milliseconds the simulation need not
	 * wait for. */
	start_thread(s);
	s->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
				   (s->threaded ? 0 : O_TRUNC), 0644);
	if (s->fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(body);
		stop_thread(s);
		return false;
	}
	uint8_t fh[TRACE_FILE_HEADER_LEN];
	memcpy(fh, TRACE_MAGIC, TRACE_MAGIC_LEN);
	trace_put_u32(fh + 8, TRACE_VERSION);
	trace_put_u32(fh + 12, (uint32_t)blen);
	trace_put_u32(fh + 16, trace_crc32c(0, body, blen));
	bool ok = write_all(s->fd, fh, sizeof(fh)) && write_all(s->fd, body, blen);
	free(body);
	s->good_off = sizeof(fh) + blen;
	if (!ok) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(s->fd);
		s->fd = -1;
		stop_thread(s);
		return false;
	}
	if (s->threaded) {
		atomic_store(&s->cut, 1);
		sem_post(&s->work);
	}
	return true;
}

/* The CRCs of the blocks that fill buf[0, len) back to back (their tags
 * and lengths filled in): computed when the buffer goes to the file, on
 * the writer thread when there is one, so the simulation does not pay
 * for them. Async-signal-safe. */
static void seal_blocks(uint8_t *buf, size_t len)
{
	for (size_t b = 0; b + TRACE_BLOCK_HEADER_LEN <= len;) {
		size_t payload = trace_get_u32(buf + b + 1);
		trace_put_u32(buf + b + 5,
			      trace_crc32c(0, buf + b + TRACE_BLOCK_HEADER_LEN,
					   payload));
		b += TRACE_BLOCK_HEADER_LEN + payload;
	}
}

/* Fill in the open block's tag and length (its CRC: seal_blocks); drop
 * it if it is empty. */
static void close_block(struct trace_sink *s)
{
	s->fast_limit = 0;
	size_t b = s->blk_start;
	if (b == TRACE_SINK_NO_BLOCK)
		return;
	size_t payload = s->len - b - TRACE_BLOCK_HEADER_LEN;
	if (payload == 0) {
		s->len = b;
	} else {
		s->buf[b] = TRACE_BLOCK_TAG;
		trace_put_u32(s->buf + b + 1, (uint32_t)payload);
	}
	atomic_signal_fence(memory_order_seq_cst);
	s->blk_start = TRACE_SINK_NO_BLOCK;
	s->committed = s->len;
}

/* A write failed (ENOSPC, EIO…) part way through the buffer: cut the
 * file back to the end of the last buffer written whole, where a block
 * ends, and put an end record there, so readers see every record up to
 * it and why the trace ends. Truncating first gives back the space the
 * partial write took; if even the end record cannot be written the file
 * is cut back again and ends at a block boundary without it. A pipe or a
 * device cannot be cut: what it got stays as it is. */
static void salvage(struct trace_sink *s)
{
	if (s->fd < 0)
		return;
	if (ftruncate(s->fd, (off_t)s->good_off) == 0 &&
	    lseek(s->fd, (off_t)s->good_off, SEEK_SET) == (off_t)s->good_off) {
		/* one block holding the end record, built at the start of
		 * the buffer (its contents are lost anyway) */
		size_t payload = trace_encode_end(s->buf + TRACE_BLOCK_HEADER_LEN,
						  s->good_insn, 0,
						  TRACE_END_WRITE_ERROR);
		size_t n = TRACE_BLOCK_HEADER_LEN + payload;
		s->buf[0] = TRACE_BLOCK_TAG;
		trace_put_u32(s->buf + 1, (uint32_t)payload);
		trace_put_u32(s->buf + 5,
			      trace_crc32c(0, s->buf + TRACE_BLOCK_HEADER_LEN,
					   payload));
		if (!write_all(s->fd, s->buf, n))
			(void)ftruncate(s->fd, (off_t)s->good_off);
	}
	close(s->fd);
	s->fd = -1;
	s->closed = true;
	s->fast_limit = 0;
	s->len = 0;
	s->committed = 0;
	s->blk_start = TRACE_SINK_NO_BLOCK;
}

/* Called on the writer thread, or from the signal handler once the thread
 * cannot touch the buffer: the posted buffer goes to the file. */
static void put_posted(struct trace_sink *s)
{
	seal_blocks(s->out_buf, s->out_len);
	if (write_all(s->fd, s->out_buf, s->out_len)) {
		s->good_off += s->out_len;
		s->good_insn = s->out_insn;
	} else {
		int e = errno ? errno : EIO;
		atomic_store(&s->werr, e);
	}
	s->done_buf = s->out_buf;
}

/* The thread's first job: an existing regular file is cut to the header
 * trace_sink_open wrote (the O_TRUNC it did not do). A failure is a
 * write error like any other. Before any buffer: the thread does its jobs
 * in order. */
static void cut_old_file(struct trace_sink *s)
{
	if (!atomic_load(&s->cut))
		return;
	struct stat st;
	if (fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > (off_t)s->good_off &&
	    ftruncate(s->fd, (off_t)s->good_off) != 0)
		atomic_store(&s->werr, errno ? errno : EIO);
	atomic_store(&s->cut, 0);
}

static void *writer_thread(void *arg)
{
	struct trace_sink *s = arg;
	for (;;) {
		while (sem_wait(&s->work) != 0)
			; /* EINTR; every signal is blocked here anyway */
		cut_old_file(s);
		if (atomic_load(&s->quit))
			return NULL;
		int posted = 1;
		if (!atomic_compare_exchange_strong(&s->slot, &posted, 2))
			continue; /* the signal handler took it */
		put_posted(s);
		atomic_store(&s->slot, 0);
		sem_post(&s->idle);
	}
}

/* The second buffer and the thread; without them (no memory, no thread)
 * the sink writes from the producer's thread, as it did before. */
static void start_thread(struct trace_sink *s)
{
	s->spare = malloc(s->cap);
	if (!s->spare)
		return;
	s->spare_cap = s->cap;
	if (sem_init(&s->work, 0, 0) == 0) {
		if (sem_init(&s->idle, 0, 0) == 0) {
			/* the thread takes no signal: the run's handlers
			 * (cmd_run.c) must run on the simulator's thread,
			 * and a SIGPIPE of its write(2) is the producer's to
			 * see as EPIPE */
			sigset_t all, old;
			sigfillset(&all);
			pthread_sigmask(SIG_SETMASK, &all, &old);
			int rc = pthread_create(&s->thread, NULL, writer_thread, s);
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			if (rc == 0) {
				s->threaded = true;
				return;
			}
			sem_destroy(&s->idle);
		}
		sem_destroy(&s->work);
	}
	free(s->spare);
	s->spare = NULL;
}

/* The thread is done with the buffer posted last. */
static void wait_idle(struct trace_sink *s)
{
	if (!s->posted)
		return;
	while (sem_wait(&s->idle) != 0)
		; /* EINTR: a stop signal; the write goes on */
	s->posted = false;
}

/* The buffer posted last is in the file (or failed to get there: then
 * the file is cut back to its last whole buffer and closed). */
static bool wait_written(struct trace_sink *s)
{
	wait_idle(s);
	int e = atomic_load(&s->werr);
	if (e && !s->failed) {
		errno = e;
		set_err(s, "writing the trace");
		salvage(s);
	}
	return !s->failed;
}

static void stop_thread(struct trace_sink *s)
{
	if (!s->threaded)
		return;
	wait_idle(s);
	atomic_store(&s->quit, 1);
	sem_post(&s->work);
	pthread_join(s->thread, NULL);
	sem_destroy(&s->work);
	sem_destroy(&s->idle);
	s->threaded = false;
}

/* The whole buffer (its blocks closed) to the writer thread, once the
 * one before is written; the producer goes on in the other. The order of
 * the stores is what trace_sink_close_from_signal relies on: the
 * buffer's records count as written from the store of `slot` on, and the
 * producer's view (committed, len, then buf) changes only after it. */
static bool post_buffer(struct trace_sink *s)
{
	if (!wait_written(s))
		return false;
	s->out_buf = s->buf;
	s->out_len = s->len;
	s->out_insn = s->n_insn;
	atomic_store(&s->slot, 1);
	s->posted = true;
	sem_post(&s->work);
	s->committed = 0;
	s->len = 0;
	atomic_signal_fence(memory_order_seq_cst);
	uint8_t *b = s->buf;
	size_t cap = s->cap;
	s->buf = s->spare;
	set_cap(s, s->spare_cap);
	s->spare = b;
	s->spare_cap = cap;
	return true;
}

static bool write_out(struct trace_sink *s)
{
	close_block(s);
	if (s->len == 0)
		return !s->failed;
	if (s->threaded)
		return !s->failed && post_buffer(s);
	seal_blocks(s->buf, s->len);
	s->busy = 1;
	atomic_signal_fence(memory_order_seq_cst);
	bool ok = !s->failed && write_all(s->fd, s->buf, s->len);
	if (ok) {
		s->good_off += s->len;
		s->good_insn = s->n_insn;
	}
	s->len = 0;
	s->committed = 0;
	atomic_signal_fence(memory_order_seq_cst);
	s->busy = 0;
	if (!ok && !s->failed) {
		set_err(s, "writing the trace");
		salvage(s);
	}
	return ok;
}

/* Room for a record of at most `bound` bytes at s->len, in an open block:
 * the open block is closed first when the record might take it past
 * TRACE_BLOCK_MAX, the buffer written out when it might not fit. Where a
 * block ends depends only on the bounds, which is why a planned record
 * must have the bound trace_encode_bound gives the same record. */
bool trace_sink_reserve_slow(struct trace_sink *s, size_t bound)
{
	if (s->closed || s->failed)
		return false;
	if (s->blk_start != TRACE_SINK_NO_BLOCK &&
	    s->len - s->blk_start - TRACE_BLOCK_HEADER_LEN + bound > TRACE_BLOCK_MAX)
		close_block(s);
	if (s->len + TRACE_BLOCK_HEADER_LEN + bound + END_RESERVE > s->cap) {
		write_out(s);
		if (TRACE_BLOCK_HEADER_LEN + bound + END_RESERVE > s->cap) {
			/* a record larger than the buffer: grow once */
			size_t cap = TRACE_BLOCK_HEADER_LEN + bound + END_RESERVE;
			uint8_t *nb = realloc(s->buf, cap);
			if (!nb) {
				errno = ENOMEM;
				set_err(s, "trace buffer");
				return false;
			}
			s->buf = nb;
			set_cap(s, cap);
		}
	}
	if (s->blk_start == TRACE_SINK_NO_BLOCK) {
		/* Order matters for trace_sink_close_from_signal: it must see
		 * either no open block, or one whose header ends at or before
		 * `committed`. */
		s->blk_start = s->len;
		atomic_signal_fence(memory_order_seq_cst);
		s->len += TRACE_BLOCK_HEADER_LEN;
		s->committed = s->len;
	}
	if (!s->closed && !s->failed) {
		size_t blk_end = s->blk_start + TRACE_BLOCK_HEADER_LEN +
				 TRACE_BLOCK_MAX;
		size_t buf_end = s->cap - TRACE_BLOCK_HEADER_LEN - END_RESERVE;
		s->fast_limit = blk_end < buf_end ? blk_end : buf_end;
	}
	return true;
}

bool trace_sink_put(struct trace_sink *s, const struct trace_record *r)
{
	if (s->closed || s->failed)
		return false;
	/* The encoder needs registers in increasing id order, within the
	 * table, and a core the header names: anything else is a bug of the
	 * producer, refused rather than written as a corrupt file. */
	bool ok = r->core < s->codec.n_cores;
	for (unsigned i = 0; ok && i < r->n_regs; i++)
		ok = r->regs[i].id < s->codec.n_regs &&
		     (i == 0 || r->regs[i].id > r->regs[i - 1].id);
	for (unsigned i = 0; ok && i < r->n_ev; i++)
		ok = r->ev[i].type < TEV_COUNT &&
		     (r->ev[i].type != TEV_SYSREG || r->ev[i].u.sysreg.id < s->codec.n_regs);
	if (!ok) {
		snprintf(s->err, sizeof(s->err),
			 "internal error: malformed record (core %u, icount %llu)",
			 r->core, (unsigned long long)r->icount);
		s->failed = true;
		s->fast_limit = 0;
		return false;
	}
	size_t bound = trace_encode_bound(r);
	if (!trace_sink_reserve_slow(s, bound))
		return false;
	trace_sink_commit(s, s->buf + s->len +
				     trace_encode_record(&s->codec, r,
							 s->buf + s->len),
			  r->kind == TREC_INSN);
	return !s->failed;
}

bool trace_sink_put_planned(struct trace_sink *s,
			    const struct trace_planned_insn *pi, unsigned core,
			    uint64_t icount, unsigned mode, const uint8_t *ids,
			    const uint32_t *vals, unsigned n)
{
	uint8_t *out = trace_sink_reserve(s, TRACE_PLANNED_BOUND(n));
	if (!out)
		return false;
	trace_sink_commit(s, out + trace_encode_planned(&s->codec, pi, core,
							icount, mode, ids,
							vals, n, out),
			  true);
	return !s->failed;
}

bool trace_sink_flush(struct trace_sink *s)
{
	if (s->closed)
		return !s->failed;
	return write_out(s) && (!s->threaded || wait_written(s));
}

static size_t append_end(struct trace_sink *s, size_t at, uint64_t dropped,
			 unsigned reason)
{
	/* Always room: every put leaves END_RESERVE bytes free. */
	return at + trace_encode_end(s->buf + at, s->n_insn, dropped, reason);
}

bool trace_sink_close(struct trace_sink *s, uint64_t dropped)
{
	if (s->closed)
		return !s->failed;
	if (s->len + END_RESERVE > s->cap)
		write_out(s);
	if (s->blk_start == TRACE_SINK_NO_BLOCK) {
		s->blk_start = s->len;
		s->len += TRACE_BLOCK_HEADER_LEN;
	}
	s->len = append_end(s, s->len, dropped, TRACE_END_NORMAL);
	write_out(s);
	if (s->threaded)
		wait_written(s);
	stop_thread(s);
	if (s->fd >= 0 && close(s->fd) != 0)
		set_err(s, "closing the trace");
	s->fd = -1;
	s->closed = true;
	s->fast_limit = 0;
	return !s->failed;
}

/* Sleep, a millisecond at a time, while *v == busy: false when it still
 * is after SIGNAL_WAIT_MS. Async-signal-safe. */
static bool wait_while(_Atomic int *v, int busy)
{
	struct timespec ms = {0, 1000000};
	for (unsigned i = 0; atomic_load(v) == busy; i++) {
		if (i == SIGNAL_WAIT_MS)
			return false;
		nanosleep(&ms, NULL);
	}
	return true;
}

/* With a writer thread: the buffer it may hold is written first. One
 * posted and not yet taken is written from here; one being written is
 * waited for, SIGNAL_WAIT_MS at most. Then done_buf tells whether the
 * producer's buffer is the one just written (a signal between the post
 * and the switch to the other buffer) or holds records of its own. False
 * when nothing more may be written: the file was closed or cut back. */
static bool settle_thread_from_signal(struct trace_sink *s)
{
	(void)wait_while(&s->cut, 1);
	int posted = 1;
	if (atomic_compare_exchange_strong(&s->slot, &posted, 3)) {
		put_posted(s);
		atomic_store(&s->slot, 0);
		s->posted = false; /* the thread will not answer for it */
	} else if (!wait_while(&s->slot, 2)) {
		/* still inside write(2): what reached the file stays; the
		 * reader calls it truncated */
		close(s->fd);
		s->fd = -1;
		return false;
	}
	if (atomic_load(&s->werr)) {
		errno = atomic_load(&s->werr);
		salvage(s);
		return false;
	}
	if (s->done_buf == s->buf) {
		s->committed = 0;
		s->updating = 0;
		s->blk_start = TRACE_SINK_NO_BLOCK;
	}
	return true;
}

void trace_sink_close_from_signal(struct trace_sink *s, uint64_t dropped)
{
	if (s->closed || s->fd < 0)
		return;
	s->closed = true;
	s->fast_limit = 0;
	if (s->threaded && !settle_thread_from_signal(s))
		return;
	if (s->busy) {
		/* Interrupted inside write(2): what reached the file stays; the
		 * reader will call it truncated. */
		close(s->fd);
		s->fd = -1;
		return;
	}
	size_t end = s->committed;
	uint64_t n = s->n_insn;
	if (s->updating) {
		end = s->len;
		n = s->insn_before + (uint64_t)s->pending_insn;
	}
	size_t b = s->blk_start;
	if (b == TRACE_SINK_NO_BLOCK || b >= end) {
		b = end;
		end += TRACE_BLOCK_HEADER_LEN;
	}
	end += trace_encode_end(s->buf + end, n, dropped, TRACE_END_SIGNAL);
	size_t payload = end - b - TRACE_BLOCK_HEADER_LEN;
	s->buf[b] = TRACE_BLOCK_TAG;
	trace_put_u32(s->buf + b + 1, (uint32_t)payload);
	seal_blocks(s->buf, end);
	write_all(s->fd, s->buf, end);
	close(s->fd);
	s->fd = -1;
}

void trace_sink_free(struct trace_sink *s)
{
	stop_thread(s);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	free(s->spare);
	s->spare = NULL;
	trace_codec_free(&s->codec);
	trace_header_free(&s->hdr);
}
