/* Fuzz harness of the trace reader (src/trace/reader.c) and of the tools
 * that read traces (src/trace/show.c, diff.c): the input is a trace file;
 * every record is read with trace_reader_next() to the end or the first
 * error, then `trace show` (all three formats) and `trace diff` of the file
 * against itself run on it, their output to /dev/null. A malformed file
 * must give one line (`FILE: truncated: …`, `FILE: corrupted: …`) and exit
 * code 2, never a crash. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "trace/reader.h"
#include "trace/tools.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tmp_file(0, "t.trace", data, size);
	if (!path)
		return 0;
	FILE *null = fuzz_devnull();
	char err[512] = "";
	struct trace_reader *r = trace_reader_open(path, err, sizeof err);
	if (r) {
		struct trace_record rec;
		const struct trace_header *h = trace_reader_header(r);
		char line[4096];
		int k;
		/* bounded: a valid file of many records is not slower to
		 * read than its size says */
		while ((k = trace_reader_next(r, &rec)) == 1)
			trace_format_record(h, &rec, (rec.icount & 1) != 0,
					    line, sizeof line);
		if (k < 0 && !trace_reader_error(r)) {
			fprintf(stderr, "fuzz_trace: an error without a reason\n");
			abort();
		}
		trace_reader_close(r);
	} else if (!err[0] || strchr(err, '\n')) {
		fprintf(stderr, "fuzz_trace: bad error message \"%s\"\n", err);
		abort();
	}
	int rc = trace_show(path, TRACE_SHOW_TEXT, null, null);
	if (rc != 0 && rc != 2)
		abort();
	trace_show(path, TRACE_SHOW_QEMU, null, null);
	trace_show(path, TRACE_SHOW_TARMAC, null, null);
	struct trace_diff_options o = {.align = (size & 1) ? TRACE_ALIGN_PC
							     : TRACE_ALIGN_ICOUNT,
				       .context = 2, .window = 64};
	rc = trace_diff(path, path, &o, null, null);
	if (rc == 1) {
		fprintf(stderr, "fuzz_trace: a trace differs from itself\n");
		abort();
	}
	return 0;
}
