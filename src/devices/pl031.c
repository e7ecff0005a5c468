/* ARM PrimeCell Real Time Clock (PL031): see pl031.h. Section numbers are
 * those of the PL031 TRM (ARM DDI 0224). */
#include "devices/pl031.h"

#include <string.h>

/* RTCPeriphID0-3 and RTCPCellID0-3 (TRM 3.3.9-3.3.16): part 0x031,
 * designer 0x41 (ARM), revision 0, then the PrimeCell preamble. */
static const uint8_t pl031_id[8] = {
	0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

#define PL031_INT_MATCH 1u
#define COUNTER_PERIOD (1ull << 32) /* seconds until the counter wraps */

/* Whole seconds of machine time at `now`: the ticks of CLK1HZ so far. */
static uint64_t ticks(const struct pl031 *r, uint64_t now)
{
	return now / r->clock->ips;
}

static uint32_t counter_at(const struct pl031 *r, uint64_t now)
{
	return r->offset + (uint32_t)ticks(r, now);
}

uint32_t pl031_counter(const struct pl031 *r)
{
	return counter_at(r, timing_now(r->clock));
}

static void update_irq(struct pl031 *r)
{
	irq_line_set(&r->irq, (r->ris & r->imsc & PL031_INT_MATCH) != 0);
}

/* Schedule match_ev for the next tick after `now` at which the counter
 * becomes RTCMR. A match a whole counter period (2^32 s, 136 years) away
 * is left unscheduled: it would only make an idle machine jump that far. */
static void schedule_match(struct pl031 *r, uint64_t now)
{
	uint64_t s = ticks(r, now);
	uint32_t diff = r->mr - counter_at(r, now);

	timing_cancel(r->clock, &r->match_ev);
	if (!diff)
		return;
	unsigned __int128 when =
		(unsigned __int128)(s + diff) * r->clock->ips;
	if (when >= TIMING_NEVER)
		return;
	timing_schedule(r->clock, &r->match_ev, (uint64_t)when);
}

/* The tick at which the counter equals RTCMR (TRM 2.2): the raw match
 * interrupt is set whatever the mask says. */
static void match_fire(void *opaque, uint64_t now)
{
	struct pl031 *r = opaque;

	r->ris |= PL031_INT_MATCH;
	update_irq(r);
}

void pl031_init(struct pl031 *r, struct timing *clock, uint64_t epoch)
{
	memset(r, 0, sizeof(*r));
	r->clock = clock;
	r->epoch = epoch;
	/* The counter holds the low 32 bits of the epoch at time 0 (it
	 * wraps in 2106, as the hardware's does). */
	r->offset = (uint32_t)epoch;
	r->match_ev.fire = match_fire;
	r->match_ev.opaque = r;
	r->match_ev.name = "pl031 match";
}

static uint32_t reg_read(struct pl031 *r, uint64_t off)
{
	if (off >= PL031_PERIPHID0 && off < PL031_SIZE)
		return pl031_id[(off - PL031_PERIPHID0) / 4];
	switch (off) {
	case PL031_DR:
		return pl031_counter(r);
	case PL031_MR:
		return r->mr;
	case PL031_LR:
		/* the last value loaded, not the counter (TRM 3.3.3) */
		return r->lr;
	case PL031_CR:
		/* RTCCR.RTCstart (TRM 3.3.4): the counter runs from reset,
		 * started by the board as a battery-backed RTC would be, so
		 * this reads 1; once started, writes have no effect until
		 * reset, so writes are ignored. */
		return 1;
	case PL031_IMSC:
		return r->imsc;
	case PL031_RIS:
		return r->ris;
	case PL031_MIS:
		return r->ris & r->imsc;
	default:
		/* RTCICR is write-only; reserved and test registers read
		 * as zero. */
		return 0;
	}
}

static void reg_write(struct pl031 *r, uint64_t off, uint32_t val)
{
	uint64_t now = timing_now(r->clock);

	switch (off) {
	case PL031_MR:
		r->mr = val;
		schedule_match(r, now);
		break;
	case PL031_LR:
		/* The counter takes the value now and counts on from it at
		 * the next tick of the free-running 1 Hz clock (TRM 2.2). A
		 * loaded value equal to RTCMR is a match. */
		r->lr = val;
		r->offset = val - (uint32_t)ticks(r, now);
		if (val == r->mr)
			r->ris |= PL031_INT_MATCH;
		schedule_match(r, now);
		break;
	case PL031_IMSC:
		r->imsc = val & PL031_INT_MATCH;
		break;
	case PL031_ICR:
		r->ris &= ~(val & PL031_INT_MATCH);
		break;
	default:
		/* RTCDR, RTCCR (see reg_read), RTCRIS, RTCMIS and the ID
		 * registers: writes ignored */
		return;
	}
	update_irq(r);
}

/* Accesses as for the PL011 (pl011.c): 1, 2 or 4 bytes at a word offset,
 * 8 bytes as two words, anything else RAZ/WI. */
static bool pl031_read(void *opaque, uint64_t offset, unsigned size,
		       uint64_t *val, struct cpu *cpu)
{
	struct pl031 *r = opaque;

	*val = 0;
	if (offset >= PL031_SIZE)
		return true;
	if (size == 8) {
		if (offset & 7)
			return true;
		uint64_t lo = reg_read(r, offset);
		*val = lo | (uint64_t)reg_read(r, offset + 4) << 32;
		return true;
	}
	if ((size != 1 && size != 2 && size != 4) || (offset & 3))
		return true;
	uint32_t v = reg_read(r, offset);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return true;
}

static bool pl031_write(void *opaque, uint64_t offset, unsigned size,
			uint64_t val, struct cpu *cpu)
{
	struct pl031 *r = opaque;

	if (offset >= PL031_SIZE)
		return true;
	if (size == 8) {
		if (offset & 7)
			return true;
		reg_write(r, offset, (uint32_t)val);
		reg_write(r, offset + 4, (uint32_t)(val >> 32));
		return true;
	}
	if ((size != 1 && size != 2 && size != 4) || (offset & 3))
		return true;
	if (size < 4)
		val &= (1u << (8 * size)) - 1;
	reg_write(r, offset, (uint32_t)val);
	return true;
}

const struct bus_device_ops pl031_ops = {
	.read = pl031_read,
	.write = pl031_write,
};
