/* Reading a trace file with strict validation: every length, id and
 * checksum is checked, and a truncated or corrupted file gives one clear
 * line (`FILE: truncated: …`, `FILE: corrupted: …`) instead of records. */
#ifndef HYPSIM_TRACE_READER_H
#define HYPSIM_TRACE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "trace/format.h"

struct trace_reader;

/* Open and read the header; NULL with the reason in err. */
struct trace_reader *trace_reader_open(const char *path, char *err,
				       size_t errlen);
void trace_reader_close(struct trace_reader *r);

const struct trace_header *trace_reader_header(const struct trace_reader *r);

/* Next record: 1 with *rec filled (its arrays belong to the reader and are
 * valid until the next call), 0 at the end of a complete file, -1 on a
 * malformed one (trace_reader_error says why). Instruction records carry
 * each changed register's previous value in regs[i].old. */
int trace_reader_next(struct trace_reader *r, struct trace_record *rec);
const char *trace_reader_error(const struct trace_reader *r);

/* Register state of a core after the records read so far. */
const struct trace_core_state *trace_reader_core(const struct trace_reader *r,
						 unsigned core);
/* From the end record (valid once trace_reader_next returned 0). */
uint64_t trace_reader_dropped(const struct trace_reader *r);
unsigned trace_reader_end_reason(const struct trace_reader *r);
/* Records returned so far. */
uint64_t trace_reader_count(const struct trace_reader *r);

#endif
