/* ARM PrimeCell Real Time Clock (PL031), as described by the PrimeCell
 * Real Time Clock (PL031) Technical Reference Manual (ARM DDI 0224) and as
 * Linux's rtc-pl031 driver uses it.
 *
 * Time is the machine's virtual time, never the host's: the counter's
 * 1 Hz clock ticks at every whole second of machine time (ips instruction
 * periods), and the counter reads epoch + machine time / ips until the
 * guest loads another value through RTCLR. `epoch` is the wall-clock time
 * (seconds since 1970) the board gives the machine at reset; the same
 * epoch and the same run give the same readings.
 *
 * The match interrupt (RTCRIS bit 0) is raised at the tick where the
 * counter becomes equal to RTCMR, or when RTCLR loads a value equal to
 * it; a timing event is scheduled for that tick whenever RTCMR or RTCLR
 * is written. The output `irq` is RTCMIS (RTCINTR).
 *
 * Register accesses as for the PL011 (pl011.h): 1, 2 or 4 bytes at a
 * register's word offset, 8 bytes as two words; everything else RAZ/WI,
 * never an abort. */
#ifndef HYPSIM_PL031_H
#define HYPSIM_PL031_H

#include <stdint.h>

#include "mmu/bus.h"
#include "timing/irq.h"
#include "timing/timing.h"

#define PL031_SIZE 0x1000u

/* Register offsets (PL031 TRM table 3-1) */
#define PL031_DR 0x000
#define PL031_MR 0x004
#define PL031_LR 0x008
#define PL031_CR 0x00c
#define PL031_IMSC 0x010
#define PL031_RIS 0x014
#define PL031_MIS 0x018
#define PL031_ICR 0x01c
#define PL031_PERIPHID0 0xfe0

struct pl031 {
	struct timing *clock;
	uint64_t epoch;
	/* the counter reads (offset + whole seconds of machine time)
	 * mod 2^32; RTCLR writes move offset */
	uint32_t offset;
	uint32_t mr, lr;
	uint32_t imsc, ris;
	struct irq_line irq; /* RTCINTR */
	struct timing_event match_ev;
};

/* Reset state, counting from epoch at machine time 0. irq unconnected. */
void pl031_init(struct pl031 *r, struct timing *clock, uint64_t epoch);

/* The registers, PL031_SIZE bytes; opaque is the struct pl031. */
extern const struct bus_device_ops pl031_ops;

/* The counter's value now (RTCDR). */
uint32_t pl031_counter(const struct pl031 *r);

#endif
