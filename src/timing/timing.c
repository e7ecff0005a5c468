/* Machine-wide virtual time (see timing.h). */
#include "timing/timing.h"

#include <stddef.h>

void timing_init(struct timing *t, uint64_t ips)
{
	*t = (struct timing){.ips = ips ? ips : TIMING_DEFAULT_IPS};
}

static void unlink_event(struct timing *t, struct timing_event *ev)
{
	for (struct timing_event **p = &t->head; *p; p = &(*p)->next) {
		if (*p == ev) {
			*p = ev->next;
			break;
		}
	}
	ev->next = NULL;
	ev->scheduled = false;
}

void timing_schedule(struct timing *t, struct timing_event *ev,
		     uint64_t when)
{
	if (ev->scheduled)
		unlink_event(t, ev);
	ev->when = when;
	ev->seq = t->seq++;
	ev->scheduled = true;
	struct timing_event **p = &t->head;
	while (*p && ((*p)->when < when ||
		      ((*p)->when == when && (*p)->seq < ev->seq)))
		p = &(*p)->next;
	ev->next = *p;
	*p = ev;
	if (t->cur_icount && when < t->round_start + t->round_len &&
	    t->early_event)
		t->early_event(t->early_event_ctx, when);
}

void timing_cancel(struct timing *t, struct timing_event *ev)
{
	if (ev->scheduled)
		unlink_event(t, ev);
}

void timing_run_due(struct timing *t, uint64_t now)
{
	while (t->head && t->head->when <= now) {
		struct timing_event *ev = t->head;
		t->head = ev->next;
		ev->next = NULL;
		ev->scheduled = false;
		ev->fire(ev->opaque, ev->when);
	}
}

uint64_t timing_to_count(const struct timing *t, uint64_t time, uint64_t hz)
{
	unsigned __int128 c = (unsigned __int128)time * hz / t->ips;
	return c > UINT64_MAX ? UINT64_MAX : (uint64_t)c;
}

uint64_t timing_from_count(const struct timing *t, uint64_t count,
			   uint64_t hz)
{
	if (!hz)
		return TIMING_NEVER;
	unsigned __int128 n = (unsigned __int128)count * t->ips + hz - 1;
	unsigned __int128 time = n / hz;
	return time >= TIMING_NEVER ? TIMING_NEVER : (uint64_t)time;
}
