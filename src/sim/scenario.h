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

struct scenario {
	char path[512];
	char name[128];
	char description[256];
	struct run_options run; /* machine, images, budget */
	char image[512];
	char errata[256];
	char loads[RUN_MAX_IMAGES][512];
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
	char golden_trace[512]; /* relative to the scenario's repository */
	char trace_ignore[256];
	bool check_maintenance;
	char warning[SCENARIO_MAX_MARKERS][256];
	unsigned n_warning;
	char warning_absent[SCENARIO_MAX_MARKERS][256];
	unsigned n_warning_absent;
	bool no_warnings;
};

/* Parse `path`. Image paths are resolved against images_dir, golden traces
 * against traces_dir. On error returns false with "file:line: reason" in
 * err. */
bool scenario_parse(struct scenario *s, const char *path,
		    const char *images_dir, const char *traces_dir, char *err,
		    size_t errlen);

struct scenario_result {
	bool pass;
	char reason[512];
	uint64_t insns;
	double seconds;
	char *details; /* hang report or trace divergence (malloc'd) */
};

/* Run one scenario; trace_out (optional) receives the run's trace path
 * (for `bless`). */
void scenario_run(const struct scenario *s, const char *trace_out,
		  struct scenario_result *r);

#endif
