/* Helpers the trace tools share (show, diff, the importers, Tarmac):
 *   - --from/--to ranges of records (instruction count, PC or symbol);
 *   - the register state of each core as the records go by, from which the
 *     translation regime and the VMID of an instruction are derived. */
#ifndef HYPSIM_TRACE_VIEW_H
#define HYPSIM_TRACE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/format.h"

/* ---- --from / --to ---- */

enum trace_bound_kind { TB_NONE, TB_ICOUNT, TB_PC };

struct trace_bound {
	int kind; /* enum trace_bound_kind */
	uint64_t value;
	const char *symbol; /* unresolved symbol name, or NULL */
};

/* "icount:N", "#N", an address (0x… or decimal) or a symbol name (kept
 * in b->symbol until trace_bound_resolve). false on a malformed number. */
bool trace_bound_parse(const char *s, struct trace_bound *b);
/* Resolve a symbol bound against a header's symbols (exact name). false
 * with a message in err when it names no symbol. */
bool trace_bound_resolve(struct trace_bound *b, const struct trace_header *h,
			 char *err, size_t errlen);

/* Which records a tool keeps: from the first one that meets `from` (the
 * icount reaches N, or the PC is the address) up to and including the
 * first one that meets `to`. One range per core (icounts are per core). */
struct trace_range {
	struct trace_bound from, to;
	unsigned n_cores;
	uint8_t *state; /* per core: 0 before, 1 inside, 2 after */
};

bool trace_range_init(struct trace_range *r, const struct trace_bound *from,
		      const struct trace_bound *to, unsigned n_cores);
void trace_range_free(struct trace_range *r);
/* Whether an instruction record is in the range (updates the state).
 * Snapshots are never "in": callers apply them to their state. */
bool trace_range_keep(struct trace_range *r, const struct trace_record *rec);
static inline bool trace_range_active(const struct trace_range *r)
{
	return r->from.kind != TB_NONE || r->to.kind != TB_NONE;
}

/* ---- per-core register state ---- */

struct trace_state {
	unsigned n_cores, n_regs;
	uint64_t **val;
	uint8_t **known;
	/* ids of the registers the regime needs, -1 if the table lacks them */
	int scr, hcr, vttbr;
};

bool trace_state_init(struct trace_state *s, const struct trace_header *h);
void trace_state_free(struct trace_state *s);
/* Apply a record: its register values, the system-register writes among
 * its events; a snapshot replaces what is known. */
void trace_state_apply(struct trace_state *s, const struct trace_record *r);
/* The translation regime of the core's current state in `mode` (ARM DDI
 * 0406C B3.1.2 / B3.1.4): "NS PL2" (Hyp mode), "NS PL1&0" or "S PL1&0",
 * with the VMID when stage 2 is on (HCR.VM, B4.1.65; VMID is
 * VTTBR[55:48], B4.1.160). Writes "" when the trace does not record the
 * registers it needs (SCR for the security state of a non-Hyp, non-Monitor
 * mode, HCR and VTTBR for the VMID). */
void trace_state_regime(const struct trace_state *s, unsigned core,
			unsigned mode, char *buf, size_t len);
/* Non-secure, as far as the trace says: Hyp is, Monitor is not, other
 * modes follow SCR.NS; false when SCR is unknown (its reset value). */
bool trace_state_nonsecure(const struct trace_state *s, unsigned core,
			   unsigned mode);

/* Whether an instruction passed its condition check, from the CPSR before
 * it (A8.3; Thumb: the IT state, or a conditional branch's own cond).
 * Used for Tarmac's IT/IS. */
bool trace_insn_executed(uint32_t enc, unsigned enc_size, bool thumb,
			 uint32_t cpsr);

#endif
