/* Machine-wide virtual time and the events scheduled on it (DESIGN.md
 * principle 1). Time belongs to the machine, not to a core: it is counted
 * in instruction periods (one period = the time a core takes to retire one
 * instruction, 1/ips seconds; `hypsim run --ips N`, default 1e9) since
 * reset, and every core and device reads the same clock. Never the host
 * clock: the same inputs give the same times on every run.
 *
 * The scheduler runs the cores in rounds. A round starts at `round_start`
 * and lasts `round_len` periods, bounded by the next scheduled event; each
 * core runs up to round_len instructions in its slice, and its own time is
 * round_start + the instructions it has retired in this round (a waiting
 * core's time stands still until the round ends). At the end of a round
 * the clock advances by round_len and every event that is due fires, in
 * order of time and then of scheduling. An event a core schedules during
 * a round for a time inside it shortens the round to end then (the core
 * stops after the instruction that scheduled it and runs on to the new
 * end: early_event), so it fires on time, unless a core has already run
 * past it in this round: then at the end of what that core ran. When
 * every core waits, the clock jumps to the next event.
 *
 * This is the bottom layer: it knows no core, no device and no board. */
#ifndef HYPSIM_TIMING_H
#define HYPSIM_TIMING_H

#include <stdbool.h>
#include <stdint.h>

#define TIMING_NEVER UINT64_MAX
#define TIMING_DEFAULT_IPS 1000000000ull

struct timing_event {
	uint64_t when; /* machine time, in instruction periods */
	uint64_t seq;  /* order among events due at the same time */
	void (*fire)(void *opaque, uint64_t now);
	void *opaque;
	const char *name; /* for reports ("cpu0 CNTV", "pl011 rx") */
	bool scheduled;
	struct timing_event *next;
};

struct timing {
	uint64_t ips;         /* instruction periods per second */
	uint64_t round_start; /* machine time at the start of this round */
	uint64_t round_len;   /* periods in this round */
	/* the core running now: its retired count and that count at the
	 * start of its slice (NULL between slices), so a device accessed
	 * from a core reads that core's time */
	const uint64_t *cur_icount;
	uint64_t cur_icount0;
	struct timing_event *head; /* sorted by (when, seq) */
	uint64_t seq;
	/* called when a core, in its slice, schedules an event for a time
	 * before the round's end: the scheduler then ends the round at that
	 * time (or where a core already is, if later), so that the event
	 * fires when it is due instead of at the end of a longer round */
	void (*early_event)(void *ctx, uint64_t when);
	void *early_event_ctx;
};

void timing_init(struct timing *t, uint64_t ips);
/* (Re)schedule ev at machine time `when` (an event already scheduled is
 * moved). fire runs with the time it was due. */
void timing_schedule(struct timing *t, struct timing_event *ev,
		     uint64_t when);
void timing_cancel(struct timing *t, struct timing_event *ev);
/* Time of the earliest scheduled event, TIMING_NEVER if none. */
static inline uint64_t timing_next(const struct timing *t)
{
	return t->head ? t->head->when : TIMING_NEVER;
}
/* The time now: the running core's own time inside a slice, the round's
 * start between slices. */
static inline uint64_t timing_now(const struct timing *t)
{
	return t->round_start + (t->cur_icount ? *t->cur_icount - t->cur_icount0 : 0);
}
/* Fire, in order, every event due at or before `now` (events a handler
 * schedules for a time <= now fire too, after it). */
void timing_run_due(struct timing *t, uint64_t now);

/* Conversions between machine time and a counter running at hz: the value
 * such a counter holds at time `time` (floor), and the first time at which
 * it holds at least `count` (ceiling). 128-bit arithmetic; saturate at
 * TIMING_NEVER. */
uint64_t timing_to_count(const struct timing *t, uint64_t time, uint64_t hz);
uint64_t timing_from_count(const struct timing *t, uint64_t count,
			   uint64_t hz);

#endif
