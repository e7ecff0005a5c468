/* The `hypsim trace` tools on trace files: show, diff, import-qemu.
 * Each returns the process exit code: 0 ok (diff: equal), 1 diff: the
 * traces differ, 2 error (unreadable, truncated or corrupted input; the
 * reason is one line on `err`). */
#ifndef HYPSIM_TRACE_TOOLS_H
#define HYPSIM_TRACE_TOOLS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/format.h"
#include "trace/view.h"

enum trace_show_format {
	TRACE_SHOW_TEXT, /* one line per instruction, hypsim's own */
	TRACE_SHOW_QEMU, /* as qemu-system-arm -d exec,cpu prints it */
	TRACE_SHOW_TARMAC, /* Arm Tarmac (tarmac.c says which variant) */
};

int trace_show(const char *path, enum trace_show_format fmt, FILE *out,
	       FILE *err);
/* With --from/--to (either may be NULL). */
int trace_show_range(const char *path, enum trace_show_format fmt,
		     const struct trace_bound *from,
		     const struct trace_bound *to, FILE *out, FILE *err);
/* The Tarmac form (trace show --format tarmac, trace export). */
int trace_export_tarmac(const char *path, const struct trace_bound *from,
			const struct trace_bound *to, FILE *out, FILE *err);

/* One record as a line of `trace show` (without a newline). With
 * `inline_events` the events follow on the same line (for diff context),
 * else each is a further line starting with a newline. */
void trace_format_record(const struct trace_header *h,
			 const struct trace_record *r, bool inline_events,
			 char *buf, size_t len);
/* Name of an exception kind (hyp/exception.h), "IRQ", "HYP_TRAP", … */
const char *trace_exception_name(unsigned kind);

enum trace_align { TRACE_ALIGN_ICOUNT, TRACE_ALIGN_PC };

struct trace_diff_options {
	enum trace_align align;
	const char *ignore; /* comma-separated names, or NULL */
	unsigned context;   /* records before and after the divergence */
	uint64_t window;    /* --align pc: how far to look to resync */
	const char *const *masks; /* --mask FILEs (mask.c), n_masks of them */
	unsigned n_masks;
	uint64_t max_diffs; /* report up to this many (0 = 1) */
	struct trace_bound from, to; /* TB_NONE: the whole trace */
};

int trace_diff(const char *path_a, const char *path_b,
	       const struct trace_diff_options *o, FILE *out, FILE *err);

struct trace_import_options {
	const char *elf; /* optional: fill encodings from this image */
	const char *cpu; /* core model name for the header, or NULL */
	struct trace_bound from, to; /* records kept (TB_NONE: all) */
};

int trace_import_qemu(const char *log_path, const char *out_path,
		      const struct trace_import_options *o, FILE *err);
/* A Tarmac trace (Fast Models, an FVP, gem5, or hypsim's export). */
int trace_import_tarmac(const char *path, const char *out_path,
			const struct trace_import_options *o, FILE *err);

#endif
