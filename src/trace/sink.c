/* Buffered block writer of trace files (sink.h).
 *
 * Two sides. The producer (trace_sink_put, in the simulation thread)
 * checks a record and copies it, with everything it points to, into one
 * entry of a ring of bytes, then goes on. The encoding thread takes the
 * entries strictly in order and does what the synchronous sink does in
 * put: records are encoded straight into one buffer; a block is closed
 * (length and CRC filled in) when it reaches TRACE_BLOCK_MAX, and the
 * buffer goes to the file with write(2) when it is nearly full. Flush and
 * close are entries of the ring too, so block boundaries fall exactly
 * where the synchronous sink puts them, and the file's bytes depend only
 * on the records and the calls, never on timing. No per-record
 * allocation, no stdio.
 *
 * Hand-over: `head` (producer) and `tail` (encoder) are byte positions that
 * only grow; an entry never wraps (a PAD entry fills the end of the ring).
 * Each side sleeps on its own semaphore and is woken by the other through
 * a flag set before sleeping (a seq_cst fence on both sides, so one of
 * them always sees the other). The producer wakes a sleeping encoder only
 * every WAKE bytes (and at flush, close and a full ring), so a fast
 * encoder costs one wake-up per many records, not one per record. */
#include "trace/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define SINK_BUF (2u << 20)
#define END_RESERVE 64 /* room for a block header and the end record */
#define RING_MIN 4096u
#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)

/* entry commands */
enum { ENT_PAD, ENT_REC, ENT_FLUSH, ENT_FAIL, ENT_END };

/* Every entry starts so; a command's argument follows at offset 8. */
struct ent {
	uint16_t size; /* of the whole entry, a multiple of 8 */
	uint8_t cmd;
	uint8_t pad_[5];
};

/* A record, packed: the ring's bytes cross from one core's cache to the
 * other's, and they are most of what the hand-over costs (a loop's
 * record with one register takes 40 bytes, not the 130 of the structures
 * themselves). After the header: n_regs ids (u16, from offset 28, padded
 * to 8), n_regs values (u64), n_mem struct trace_mem, n_ev struct
 * trace_event, then the maintenance op names they point to. Records that
 * do not fit these fields go the inline way (trace_sink_put). */
struct ent_rec {
	uint16_t size;
	uint8_t cmd, kind, flags, mode, enc_size, core;
	uint32_t pc, enc;
	uint64_t icount;
	uint16_t n_regs;
	uint8_t n_mem, n_ev;
	uint16_t ids[];
};
#define ENT_MAX 0xfff8u

struct trace_sink_ring {
	/* Each group on its own cache line: a line one side writes often
	 * must not hold what the other side reads at every record. */
	/* read-mostly: set up once, or written only at an error or the end */
	uint8_t *mem;
	size_t cap;	  /* power of two */
	size_t wake;	  /* producer wakes the encoder every this many bytes */
	size_t publish;	  /* and moves head every this many */
	pthread_t thread;
	bool running;	  /* thread created and not joined */
	atomic_int exited; /* the encoding thread has returned */
	atomic_int quit;   /* trace_sink_free without close: stop at once */
	/* trace_sink_close_from_signal hand-shake */
	atomic_int sig_req, sig_parked, sig_done;
	/* the encoder's first error, published by enc_failed (release) */
	atomic_int enc_failed;
	char enc_err[256];
	sem_t c_sem, p_sem;
	struct trace_reg_val *dec_regs; /* the encoder's, n_regs of the table */
	/* producer's own */
	_Alignas(64) uint64_t p_head; /* entries complete up to here */
	uint64_t p_tail;	      /* last tail seen */
	uint64_t pub_mark;	      /* head as last published */
	uint64_t wake_mark;
	uint64_t full_waits;
	/* encoder's own */
	_Alignas(64) uint64_t c_tail;
	/* shared, one writer each */
	_Alignas(64) _Atomic uint64_t head;
	_Alignas(64) _Atomic uint64_t tail;
	_Alignas(64) atomic_int c_sleeping;
	_Alignas(64) atomic_int p_sleeping;
	char end_[64 - sizeof(atomic_int)];
};

/* Set in the encoding thread: a signal handler running there must not
 * wait for it (trace_sink_close_from_signal). */
static _Thread_local bool sink_in_encoder;

/* ---- the encoding side (runs in the encoding thread, or inline) ---- */

/* An error of the encoding side: first one wins, nothing more is written. */
static void enc_set_err(struct trace_sink *s, const char *what)
{
	int e = errno;
	s->enc_stop = true;
	struct trace_sink_ring *q = s->ring;
	if (atomic_load_explicit(&q->enc_failed, memory_order_relaxed))
		return;
	snprintf(q->enc_err, sizeof(q->enc_err), "%s: %s", what, strerror(e));
	atomic_store_explicit(&q->enc_failed, 1, memory_order_release);
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

/* Fill in the open block's header; drop it if it is empty. */
static void close_block(struct trace_sink *s)
{
	size_t b = s->blk_start;
	if (b == TRACE_SINK_NO_BLOCK)
		return;
	size_t payload = s->len - b - TRACE_BLOCK_HEADER_LEN;
	if (payload == 0) {
		s->len = b;
	} else {
		s->buf[b] = TRACE_BLOCK_TAG;
		trace_put_u32(s->buf + b + 1, (uint32_t)payload);
		trace_put_u32(s->buf + b + 5,
			      trace_crc32c(0, s->buf + b + TRACE_BLOCK_HEADER_LEN,
					   payload));
	}
	atomic_signal_fence(memory_order_seq_cst);
	s->blk_start = TRACE_SINK_NO_BLOCK;
	s->committed = s->len;
}

static bool write_out(struct trace_sink *s)
{
	close_block(s);
	if (s->len == 0)
		return !s->enc_stop;
	s->busy = 1;
	atomic_signal_fence(memory_order_seq_cst);
	bool ok = !s->enc_stop && write_all(s->fd, s->buf, s->len);
	int e = errno;
	s->len = 0;
	s->committed = 0;
	atomic_signal_fence(memory_order_seq_cst);
	s->busy = 0;
	if (!ok && !s->enc_stop) {
		errno = e;
		enc_set_err(s, "writing the trace");
	}
	return ok;
}

/* Encode one (checked) record into the buffer. */
static void enc_record(struct trace_sink *s, const struct trace_record *r)
{
	if (s->enc_stop)
		return;
	size_t bound = trace_encode_bound(r);
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
				enc_set_err(s, "trace buffer");
				return;
			}
			s->buf = nb;
			s->cap = cap;
		}
	}
	if (s->enc_stop)
		return;
	if (s->blk_start == TRACE_SINK_NO_BLOCK) {
		/* Order matters for trace_sink_close_from_signal: it must see
		 * either no open block, or one whose header ends at or before
		 * `committed`. */
		s->blk_start = s->len;
		atomic_signal_fence(memory_order_seq_cst);
		s->len += TRACE_BLOCK_HEADER_LEN;
		s->committed = s->len;
	}
	s->len += trace_encode_record(&s->codec, r, s->buf + s->len);
	s->insn_before = s->n_insn;
	s->pending_insn = r->kind == TREC_INSN;
	atomic_signal_fence(memory_order_seq_cst);
	s->updating = 1;
	atomic_signal_fence(memory_order_seq_cst);
	s->committed = s->len;
	s->n_insn = s->insn_before + (uint64_t)s->pending_insn;
	atomic_signal_fence(memory_order_seq_cst);
	s->updating = 0;
}

/* The end record and the last write (not the close(2): the caller's). */
static void enc_end(struct trace_sink *s, uint64_t dropped)
{
	if (s->len + END_RESERVE > s->cap)
		write_out(s);
	if (s->blk_start == TRACE_SINK_NO_BLOCK) {
		s->blk_start = s->len;
		s->len += TRACE_BLOCK_HEADER_LEN;
	}
	/* Always room: every record leaves END_RESERVE bytes free. */
	s->len += trace_encode_end(s->buf + s->len, s->n_insn, dropped,
				   TRACE_END_NORMAL);
	write_out(s);
}

/* ---- the encoding thread ---- */

static void sem_wait_intr(sem_t *sem)
{
	while (sem_wait(sem) != 0 && errno == EINTR)
		;
}

static void publish_tail(struct trace_sink_ring *q)
{
	atomic_store_explicit(&q->tail, q->c_tail, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&q->p_sleeping, memory_order_relaxed) &&
	    atomic_exchange(&q->p_sleeping, 0))
		sem_post(&q->p_sem);
}

/* Unpack a record entry and encode it. */
static void enc_entry(struct trace_sink *s, const struct ent_rec *e)
{
	struct trace_reg_val *regs = s->ring->dec_regs;
	struct trace_record r = {
		.kind = e->kind, .flags = e->flags, .mode = e->mode,
		.enc_size = e->enc_size, .core = e->core, .icount = e->icount,
		.pc = e->pc, .enc = e->enc, .n_regs = e->n_regs, .regs = regs,
		.n_mem = e->n_mem, .n_ev = e->n_ev,
	};
	const uint8_t *p = (const uint8_t *)e +
			   ALIGN8(offsetof(struct ent_rec, ids) + e->n_regs * 2u);
	const uint64_t *val = (const uint64_t *)p;
	for (unsigned i = 0; i < r.n_regs; i++) {
		regs[i].id = e->ids[i];
		regs[i].value = val[i];
	}
	p += e->n_regs * sizeof(uint64_t);
	r.mem = (struct trace_mem *)p;
	p += e->n_mem * sizeof(struct trace_mem);
	r.ev = (struct trace_event *)p;
	enc_record(s, &r);
}

/* Run the entries up to head. Returns true after the END entry. With
 * `yield`, returns early (false) when a signal hand-shake is asked for. */
static bool run_entries(struct trace_sink *s, uint64_t head, bool yield)
{
	struct trace_sink_ring *q = s->ring;
	uint64_t mark = q->c_tail;
	while (q->c_tail != head) {
		const struct ent *e =
			(const struct ent *)(q->mem + (q->c_tail & (q->cap - 1)));
		const void *body = e + 1;
		switch (e->cmd) {
		case ENT_REC:
			enc_entry(s, (const struct ent_rec *)e);
			break;
		case ENT_FLUSH:
			write_out(s);
			break;
		case ENT_FAIL:
			s->enc_stop = true;
			break;
		case ENT_END: {
			uint64_t dropped;
			memcpy(&dropped, body, sizeof(dropped));
			enc_end(s, dropped);
			q->c_tail += e->size;
			publish_tail(q);
			return true;
		}
		default: /* ENT_PAD */
			break;
		}
		q->c_tail += e->size;
		if (q->c_tail - mark >= q->wake) {
			/* let a waiting producer go on while we work */
			publish_tail(q);
			mark = q->c_tail;
			if (yield && atomic_load(&q->sig_req))
				return false;
		}
	}
	publish_tail(q);
	return false;
}

static void *encoder_main(void *arg)
{
	struct trace_sink *s = arg;
	struct trace_sink_ring *q = s->ring;
	sink_in_encoder = true;
	prctl(PR_SET_NAME, "hypsim-trace"); /* for top and perf */
	for (;;) {
		if (atomic_load(&q->quit))
			break;
		if (atomic_load(&q->sig_req)) {
			/* trace_sink_close_from_signal: finish what was
			 * handed over, then stand still at a record boundary
			 * while the handler writes the end. */
			if (run_entries(s, atomic_load_explicit(&q->head,
						memory_order_acquire), false))
				break;
			atomic_store_explicit(&q->sig_parked, 1, memory_order_release);
			while (!atomic_load_explicit(&q->sig_done, memory_order_acquire))
				sem_wait_intr(&q->c_sem);
			break;
		}
		uint64_t head = atomic_load_explicit(&q->head, memory_order_acquire);
		if (head != q->c_tail) {
			if (run_entries(s, head, true))
				break;
			continue;
		}
		atomic_store_explicit(&q->c_sleeping, 1, memory_order_relaxed);
		atomic_thread_fence(memory_order_seq_cst);
		if (atomic_load_explicit(&q->head, memory_order_relaxed) == q->c_tail &&
		    !atomic_load(&q->sig_req) && !atomic_load(&q->quit))
			sem_wait_intr(&q->c_sem);
		atomic_store_explicit(&q->c_sleeping, 0, memory_order_relaxed);
	}
	atomic_store_explicit(&q->exited, 1, memory_order_release);
	/* a producer waiting for room must not wait for ever */
	atomic_thread_fence(memory_order_seq_cst);
	sem_post(&q->p_sem);
	return NULL;
}

/* ---- the producer side ---- */

static void wake_encoder(struct trace_sink_ring *q)
{
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&q->c_sleeping, memory_order_relaxed) &&
	    atomic_exchange(&q->c_sleeping, 0))
		sem_post(&q->c_sem);
}

/* Wait until the encoder has taken everything before position `target`.
 * False if it has ended (after trace_sink_close_from_signal). */
static bool wait_tail(struct trace_sink_ring *q, uint64_t target)
{
	q->pub_mark = q->p_head;
	atomic_store_explicit(&q->head, q->p_head, memory_order_release);
	for (;;) {
		q->p_tail = atomic_load_explicit(&q->tail, memory_order_acquire);
		if (q->p_tail >= target)
			return true;
		if (atomic_load_explicit(&q->exited, memory_order_acquire))
			return false;
		wake_encoder(q);
		atomic_store_explicit(&q->p_sleeping, 1, memory_order_relaxed);
		atomic_thread_fence(memory_order_seq_cst);
		if (atomic_load_explicit(&q->tail, memory_order_relaxed) < target &&
		    !atomic_load(&q->exited))
			sem_wait_intr(&q->p_sem);
		atomic_store_explicit(&q->p_sleeping, 0, memory_order_relaxed);
	}
}

/* Room for an entry of `size` bytes (not wrapping), or NULL if the
 * encoder has ended. */
static struct ent *ring_reserve(struct trace_sink_ring *q, size_t size)
{
	uint64_t h = q->p_head;
	size_t off = (size_t)(h & (q->cap - 1));
	size_t pad = q->cap - off < size ? q->cap - off : 0;
	if (h + pad + size - q->p_tail > q->cap) {
		q->full_waits++;
		if (!wait_tail(q, h + pad + size - q->cap))
			return NULL;
	}
	if (pad) {
		struct ent *p = (struct ent *)(q->mem + off);
		p->size = (uint16_t)pad;
		p->cmd = ENT_PAD;
		q->p_head = h + pad; /* published with the entry that follows */
		off = 0;
	}
	return (struct ent *)(q->mem + off);
}

static void ring_publish(struct trace_sink_ring *q, struct ent *e, bool wake)
{
	/* head moves every `publish` bytes: the encoder takes batches, and
	 * the cache line of head does not travel between the cores at every
	 * record */
	q->p_head += e->size;
	if (!wake && q->p_head - q->pub_mark < q->publish)
		return;
	q->pub_mark = q->p_head;
	atomic_store_explicit(&q->head, q->p_head, memory_order_release);
	if (wake || q->p_head - q->wake_mark >= q->wake) {
		q->wake_mark = q->p_head;
		wake_encoder(q);
	}
}

/* A command entry; with `sync`, waits until the encoder has run it. */
static bool ring_command(struct trace_sink *s, unsigned cmd, uint64_t arg,
			 bool sync)
{
	struct trace_sink_ring *q = s->ring;
	size_t size = sizeof(struct ent) + sizeof(uint64_t);
	struct ent *e = ring_reserve(q, size);
	if (!e)
		return false;
	e->size = (uint16_t)size;
	e->cmd = (uint8_t)cmd;
	memcpy(e + 1, &arg, sizeof(arg));
	ring_publish(q, e, true);
	return !sync || wait_tail(q, q->p_head);
}

/* The entry size of r, or 0 if it does not fit an entry. */
static size_t rec_entry_size(const struct trace_record *r)
{
	if (r->n_mem > 0xff || r->n_ev > 0xff || r->core > 0xff)
		return 0;
	size_t n = ALIGN8(offsetof(struct ent_rec, ids) + r->n_regs * 2u) +
		   (size_t)r->n_regs * sizeof(uint64_t) +
		   (size_t)r->n_mem * sizeof(struct trace_mem) +
		   (size_t)r->n_ev * sizeof(struct trace_event);
	for (unsigned i = 0; i < r->n_ev; i++)
		if (r->ev[i].type == TEV_MAINT && r->ev[i].u.maint.op)
			n += strlen(r->ev[i].u.maint.op) + 1;
	n = ALIGN8(n);
	return n <= ENT_MAX ? n : 0;
}

static void rec_copy(struct ent_rec *e, size_t size, const struct trace_record *r)
{
	e->size = (uint16_t)size;
	e->cmd = ENT_REC;
	e->kind = r->kind;
	e->flags = r->flags;
	e->mode = r->mode;
	e->enc_size = r->enc_size;
	e->core = (uint8_t)r->core;
	e->pc = r->pc;
	e->enc = r->enc;
	e->icount = r->icount;
	e->n_regs = (uint16_t)r->n_regs; /* ids < n_regs < 0x10000 (open) */
	e->n_mem = (uint8_t)r->n_mem;
	e->n_ev = (uint8_t)r->n_ev;
	uint8_t *p = (uint8_t *)e +
		     ALIGN8(offsetof(struct ent_rec, ids) + r->n_regs * 2u);
	uint64_t *val = (uint64_t *)p;
	for (unsigned i = 0; i < r->n_regs; i++) {
		e->ids[i] = (uint16_t)r->regs[i].id;
		val[i] = r->regs[i].value;
	}
	p += r->n_regs * sizeof(uint64_t);
	/* struct sizes are multiples of 8: p stays aligned */
	if (r->n_mem) {
		memcpy(p, r->mem, r->n_mem * sizeof(*r->mem));
		p += r->n_mem * sizeof(*r->mem);
	}
	if (r->n_ev) {
		/* maint.op may be a static literal or the producer's buffer:
		 * copied either way (the encoder interns by content) */
		struct trace_event *ev = (struct trace_event *)p;
		memcpy(p, r->ev, r->n_ev * sizeof(*r->ev));
		p += r->n_ev * sizeof(*r->ev);
		for (unsigned i = 0; i < r->n_ev; i++) {
			if (ev[i].type != TEV_MAINT || !ev[i].u.maint.op)
				continue;
			size_t n = strlen(ev[i].u.maint.op) + 1;
			memcpy(p, ev[i].u.maint.op, n);
			ev[i].u.maint.op = (const char *)p;
			p += n;
		}
	}
}

/* The encoder's first error becomes the producer's. */
static void take_err(struct trace_sink *s)
{
	struct trace_sink_ring *q = s->ring;
	if (s->failed || !q ||
	    !atomic_load_explicit(&q->enc_failed, memory_order_acquire))
		return;
	memcpy(s->err, q->enc_err, sizeof(s->err));
	s->failed = true;
}

/* Threaded, and the thread still takes entries. */
static bool threaded(const struct trace_sink *s)
{
	return s->ring && s->ring->running &&
	       !atomic_load_explicit(&s->ring->exited, memory_order_acquire);
}

bool trace_sink_put(struct trace_sink *s, const struct trace_record *r)
{
	if (s->closed || s->failed)
		return false;
	struct trace_sink_ring *q = s->ring;
	if (!q)
		return false;
	if (atomic_load_explicit(&q->enc_failed, memory_order_relaxed)) {
		take_err(s);
		return false;
	}
	/* The encoder needs registers in increasing id order, within the
	 * table, and a core the header names: anything else is a bug of the
	 * producer, refused rather than written as a corrupt file. */
	bool ok = r->core < s->n_cores;
	for (unsigned i = 0; ok && i < r->n_regs; i++)
		ok = r->regs[i].id < s->n_regs &&
		     (i == 0 || r->regs[i].id > r->regs[i - 1].id);
	for (unsigned i = 0; ok && i < r->n_ev; i++)
		ok = r->ev[i].type < TEV_COUNT &&
		     (r->ev[i].type != TEV_SYSREG || r->ev[i].u.sysreg.id < s->n_regs);
	if (!ok) {
		snprintf(s->err, sizeof(s->err),
			 "internal error: malformed record (core %u, icount %llu)",
			 r->core, (unsigned long long)r->icount);
		s->failed = true;
		/* what the encoder has not written yet stays unwritten, as
		 * in the synchronous sink */
		if (threaded(s))
			ring_command(s, ENT_FAIL, 0, false);
		else
			s->enc_stop = true;
		return false;
	}
	if (!threaded(s)) {
		enc_record(s, r);
		take_err(s);
		return !s->failed;
	}
	size_t size = rec_entry_size(r);
	if (size == 0 || size > q->cap / 4) {
		/* Too big for the ring (never from the simulator's writer):
		 * once the encoder has taken everything before it, it stands
		 * still until head moves, so the record is encoded here. */
		if (!wait_tail(q, q->p_head))
			return false;
		enc_record(s, r);
		take_err(s);
		return !s->failed;
	}
	struct ent *e = ring_reserve(q, size);
	if (!e)
		return false;
	rec_copy((struct ent_rec *)e, size, r);
	ring_publish(q, e, false);
	return true;
}

bool trace_sink_flush(struct trace_sink *s)
{
	if (s->closed)
		return !s->failed;
	if (threaded(s))
		ring_command(s, ENT_FLUSH, 0, true);
	else
		write_out(s);
	take_err(s);
	return !s->failed;
}

static void join_encoder(struct trace_sink *s)
{
	struct trace_sink_ring *q = s->ring;
	if (!q || !q->running)
		return;
	pthread_join(q->thread, NULL);
	q->running = false;
}

bool trace_sink_close(struct trace_sink *s, uint64_t dropped)
{
	if (s->closed)
		return !s->failed;
	if (threaded(s)) {
		ring_command(s, ENT_END, dropped, false);
		join_encoder(s);
	} else {
		enc_end(s, dropped);
	}
	take_err(s);
	if (s->fd >= 0 && close(s->fd) != 0 && !s->failed) {
		snprintf(s->err, sizeof(s->err), "closing the trace: %s",
			 strerror(errno));
		s->failed = true;
	}
	s->fd = -1;
	s->closed = true;
	return !s->failed;
}

/* What a signal handler can do while the encoding thread runs. The
 * records handed over are still in the ring, and only the encoder can
 * encode them (the codec may allocate). So the handler asks the encoder to
 * finish what was handed over and stand still at a record boundary
 * (atomics and sem_post, both async-signal-safe), waits for that with
 * nanosleep for at most SIG_WAIT_NS, and then writes the encoder's framed
 * bytes and the end record itself, as the synchronous sink does.
 * - If the handler runs in the encoding thread itself (a fault there; the
 *   thread blocks every other signal), or the thread does not answer in
 *   time (stuck in write(2)), the handler does not wait: in the first case
 *   it writes what is framed so far (the synchronous rules: an encoding
 *   cut short is left out), in the second it writes nothing more and the
 *   reader calls the file truncated.
 * - If the thread has already ended (close was under way and wrote the
 *   normal end record), the file is complete and nothing is written.
 * A record the producer was copying when the signal came is not in the
 * file, as an encoding cut short is not in the synchronous sink's. The
 * handler first publishes the entries the producer copied but has not
 * published yet (ring_publish batches them): exact when it runs in the
 * producer's thread, as trace.h asks (from any other thread, up to
 * `publish` bytes of the latest records may be missing). */
#define SIG_WAIT_NS 3000000000ll
#define SIG_POLL_NS 100000l

void trace_sink_close_from_signal(struct trace_sink *s, uint64_t dropped)
{
	if (s->closed || s->fd < 0)
		return;
	s->closed = true;
	struct trace_sink_ring *q = s->ring;
	bool asked = false;
	if (q && q->running && !sink_in_encoder &&
	    !atomic_load_explicit(&q->exited, memory_order_acquire)) {
		asked = true;
		/* entries copied but not yet published (this runs in the
		 * producer's thread: p_head only ever covers whole entries) */
		atomic_store_explicit(&q->head, q->p_head, memory_order_release);
		atomic_store(&q->sig_req, 1);
		sem_post(&q->c_sem);
		struct timespec ts = { 0, SIG_POLL_NS };
		for (long long t = 0; t < SIG_WAIT_NS; t += SIG_POLL_NS) {
			if (atomic_load_explicit(&q->sig_parked, memory_order_acquire) ||
			    atomic_load_explicit(&q->exited, memory_order_acquire))
				break;
			nanosleep(&ts, NULL);
		}
		if (!atomic_load_explicit(&q->sig_parked, memory_order_acquire)) {
			/* ended by itself (complete file) or stuck: leave the
			 * file to it */
			atomic_store_explicit(&q->sig_done, 1, memory_order_release);
			sem_post(&q->c_sem);
			return;
		}
	}
	if (s->busy) {
		/* Interrupted inside write(2): what reached the file stays; the
		 * reader will call it truncated. */
		close(s->fd);
		s->fd = -1;
	} else {
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
		trace_put_u32(s->buf + b + 5,
			      trace_crc32c(0, s->buf + b + TRACE_BLOCK_HEADER_LEN,
					   payload));
		write_all(s->fd, s->buf, end);
		close(s->fd);
		s->fd = -1;
	}
	if (asked) {
		/* the encoder may end now (trace_sink_free joins it) */
		atomic_store_explicit(&q->sig_done, 1, memory_order_release);
		sem_post(&q->c_sem);
	}
}

/* ---- open and free ---- */

static bool start_encoder(struct trace_sink *s)
{
	struct trace_sink_ring *q = s->ring;
	if (s->n_regs > 0x10000) /* ids would not fit the entries */
		return false;
	q->mem = malloc(q->cap);
	q->dec_regs = calloc(s->n_regs ? s->n_regs : 1, sizeof(*q->dec_regs));
	if (!q->mem || !q->dec_regs)
		goto fail_mem;
	if (sem_init(&q->c_sem, 0, 0) != 0)
		goto fail_mem;
	if (sem_init(&q->p_sem, 0, 0) != 0)
		goto fail_c;
	/* The thread blocks every signal: asynchronous ones (SIGINT …) go to
	 * the simulation thread, whose handlers expect them there. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&q->thread, NULL, encoder_main, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto fail_p;
	q->running = true;
	return true;
fail_p:
	sem_destroy(&q->p_sem);
fail_c:
	sem_destroy(&q->c_sem);
fail_mem:
	free(q->mem);
	free(q->dec_regs);
	q->mem = NULL;
	q->dec_regs = NULL;
	return false;
}

static bool open_sink(struct trace_sink *s, const char *path,
		      struct trace_header *hdr, bool thread, size_t ring_bytes,
		      char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->hdr = *hdr;
	memset(hdr, 0, sizeof(*hdr));
	s->blk_start = TRACE_SINK_NO_BLOCK;
	s->hdr.version = TRACE_VERSION;
	size_t blen;
	uint8_t *body = trace_header_serialize(&s->hdr, &blen);
	s->cap = SINK_BUF;
	s->buf = malloc(s->cap);
	s->ring = aligned_alloc(64, sizeof(*s->ring)); /* a multiple of 64 */
	if (!body || !s->buf || !s->ring ||
	    !trace_codec_init(&s->codec, &s->hdr)) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(body);
		return false;
	}
	memset(s->ring, 0, sizeof(*s->ring));
	s->n_cores = s->codec.n_cores;
	s->n_regs = s->codec.n_regs;
	s->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (s->fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(body);
		return false;
	}
	uint8_t fh[TRACE_FILE_HEADER_LEN];
	memcpy(fh, TRACE_MAGIC, TRACE_MAGIC_LEN);
	trace_put_u32(fh + 8, TRACE_VERSION);
	trace_put_u32(fh + 12, (uint32_t)blen);
	trace_put_u32(fh + 16, trace_crc32c(0, body, blen));
	bool ok = write_all(s->fd, fh, sizeof(fh)) && write_all(s->fd, body, blen);
	free(body);
	if (!ok) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(s->fd);
		s->fd = -1;
		return false;
	}
	if (thread) {
		struct trace_sink_ring *q = s->ring;
		q->cap = TRACE_SINK_RING_DEFAULT;
		if (ring_bytes >= RING_MIN && !(ring_bytes & (ring_bytes - 1)))
			q->cap = ring_bytes;
		q->wake = q->cap / 16;
		q->publish = q->cap / 256 < 4096 ? q->cap / 256 : 4096;
		/* without a thread the sink works synchronously */
		start_encoder(s);
	}
	return true;
}

bool trace_sink_open(struct trace_sink *s, const char *path,
		     struct trace_header *hdr, char *err, size_t errlen)
{
	return open_sink(s, path, hdr, true, 0, err, errlen);
}

bool trace_sink_open_sync(struct trace_sink *s, const char *path,
			  struct trace_header *hdr, char *err, size_t errlen)
{
	return open_sink(s, path, hdr, false, 0, err, errlen);
}

bool trace_sink_open_ring(struct trace_sink *s, const char *path,
			  struct trace_header *hdr, size_t ring_bytes,
			  char *err, size_t errlen)
{
	return open_sink(s, path, hdr, true, ring_bytes, err, errlen);
}

uint64_t trace_sink_full_waits(const struct trace_sink *s)
{
	return s->ring ? s->ring->full_waits : 0;
}

void trace_sink_free(struct trace_sink *s)
{
	struct trace_sink_ring *q = s->ring;
	if (q && q->running) {
		/* not closed (or closed from a signal): end the thread without
		 * writing more */
		atomic_store(&q->quit, 1);
		sem_post(&q->c_sem);
		join_encoder(s);
	}
	if (q && q->mem) {
		sem_destroy(&q->c_sem);
		sem_destroy(&q->p_sem);
		free(q->mem);
		free(q->dec_regs);
	}
	free(q);
	s->ring = NULL;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	trace_codec_free(&s->codec);
	trace_header_free(&s->hdr);
}
