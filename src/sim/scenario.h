/* Boot scenarios: one INI file per scenario in tests/scenarios/ (format in
 * tests/scenarios/README.md), parsed with libinih. */
#ifndef HYPSIM_SCENARIO_H
#define HYPSIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/run_options.h"

#define SCENARIO_MAX_MARKERS 16
/* expect_console lines: a boot log is checked step by step */
#define SCENARIO_MAX_CONSOLE 64
/* A Cortex-A15 or Cortex-A7 MPCore cluster has one to four cores
 * (Cortex-A15 MPCore TRM r4p0 1.1, Cortex-A7 MPCore TRM 1.1). */

struct scenario {
	char path[512];
	char name[128];
	char description[256];
	struct run_options run; /* machine, images, budget */
	char image[512];
	char errata[256];
	char loads[RUN_MAX_IMAGES][512];
	char initrd[512], append[512]; /* the virt board's boot */
	/* expectations */
	bool expect_exit, expect_hang;
	int exit_code;
	char hang_kind[32];  /* "any" or a hang_kind_name() */
	char hang_at[128];   /* symbol[+off] or address; empty = anywhere */
	int hang_cpu;        /* -1 = any */
	char console[SCENARIO_MAX_MARKERS][256];
	unsigned n_console;
	char console_absent[SCENARIO_MAX_MARKERS][256];
	unsigned n_console_absent;
	/* must appear in this order (each after the end of the previous) */
	char expect_console[SCENARIO_MAX_CONSOLE][256];
	unsigned n_expect_console;
	/* stops the run as a FAIL as soon as it appears */
	char fail_console[SCENARIO_MAX_MARKERS][256];
	unsigned n_fail_console;
	unsigned console_tail; /* console lines shown on failure */
	char golden_trace[512]; /* relative to the scenario's repository */
	char trace_ignore[256];
	bool check_maintenance;
	char warning[SCENARIO_MAX_MARKERS][256];
	unsigned n_warning;
	char warning_absent[SCENARIO_MAX_MARKERS][256];
	unsigned n_warning_absent;
	bool no_warnings;
};

/* Parse `path`. A relative image or load path is looked up in the
 * scenario file's folder, then in images_dir (NULL: the folder only); a
 * file found in neither is an error. A relative golden trace is relative
 * to the scenario file's folder. On error returns false with
 * "file:line: reason" (or "file: reason" for what concerns the whole file)
 * in err; the line is the first bad one. */
bool scenario_parse(struct scenario *s, const char *path,
		    const char *images_dir, char *err, size_t errlen);

struct scenario_result {
	bool pass;
	/* the scenario could not be run as written (an image that does not
	 * load, a hang_at symbol the image lacks, a machine that cannot be
	 * built): bad input, not a verdict on the guest */
	bool error;
	char reason[512];
	uint64_t insns;
	double seconds;
	/* hang report, trace divergence, then the console's last lines
	 * (malloc'd) */
	char *details;
};

/* Run one scenario; trace_out (optional) receives the run's trace path
 * (for `bless`). */
void scenario_run(const struct scenario *s, const char *trace_out,
		  struct scenario_result *r);

/* The console of a scenario run: what the guest writes to m->console is
 * kept in memory, matched against the scenario's console texts and shown
 * (its last console_tail lines) when the scenario fails. */
struct scenario_console {
	FILE *f;        /* m->console during the run */
	char *buf;      /* the bytes written so far, valid after fflush(f) */
	size_t len;
	size_t scanned; /* bytes already searched for fail_console texts */
	int fail_index; /* the fail_console text that appeared, or -1 */
	size_t fail_end; /* the offset just past its first occurrence */
};

bool scenario_console_open(struct scenario_console *c);
void scenario_console_close(struct scenario_console *c);
/* Flush the console and search what was written since the last call for
 * the fail_console texts of s, including occurrences that straddle the
 * earlier output. Returns true (and sets fail_index) once one appeared;
 * of several, the one whose first occurrence ends first. */
bool scenario_console_watch(struct scenario_console *c,
			    const struct scenario *s);
/* Check the expect_console texts of s in order. Returns -1 if each
 * appears after the end of the previous one, else the index of the first
 * that does not, with the reason in why. */
int scenario_console_expect(const struct scenario_console *c,
			    const struct scenario *s, char *why, size_t len);
/* The last n lines of the console (control characters other than tab and
 * newline shown as '.', carriage returns dropped), malloc'd; NULL if
 * there is nothing to show. */
char *scenario_console_tail(const struct scenario_console *c, unsigned n);

#endif
