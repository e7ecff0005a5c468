/* The hang detector: an observer on every core that recognises runs that
 * can never make progress, stops the machine and writes a report. */
#ifndef HYPSIM_HANG_H
#define HYPSIM_HANG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;

enum hang_kind {
	HANG_NONE,
	HANG_RECURSIVE_EXCEPTION, /* same vector re-entered from its handler */
	HANG_BRANCH_TO_SELF,      /* b . with no interrupt able to arrive */
	HANG_NO_PROGRESS_LOOP,    /* a loop that returns to the same state */
	HANG_WAIT_FOREVER,        /* every core in WFI/WFE, no wake source */
};

struct hang_detector;

struct hang_detector *hang_detector_create(struct machine *m);
void hang_detector_destroy(struct hang_detector *h);
/* After every scheduling round: look for cores that make no progress. */
void hang_detector_poll(struct hang_detector *h);
/* Forget a reported hang and watch again from the current state (after a
 * debugger changed registers or memory and continues). */
void hang_detector_rearm(struct hang_detector *h);
/* The machine found every core waiting. */
void hang_detector_all_waiting(struct hang_detector *h);

enum hang_kind hang_detector_kind(const struct hang_detector *h);
/* Short names used by scenarios: "recursive-exception", "branch-to-self",
 * "no-progress", "wait-forever". */
const char *hang_kind_name(enum hang_kind k);
/* The core and PC the hang was reported at. */
unsigned hang_detector_cpu(const struct hang_detector *h);
uint32_t hang_detector_pc(const struct hang_detector *h);

/* The full report: core, model, mode, PC with disassembly and symbol, the
 * reason, the last instructions, the last system-register writes and
 * maintenance operations, and the cache lines and TLB entries involved.
 * `cpu_index` selects the core (the hung one for a hang; any core for
 * the monitor's `hang` command). */
void hang_report(const struct hang_detector *h, unsigned cpu_index,
		 FILE *out);

#endif
