/* Internal interface of the T32 (Thumb/Thumb-2) interpreter: t32.c (entry,
 * IT blocks, table dispatch), t32_16.c (16-bit encodings, A6.2),
 * t32_dp.c (32-bit data processing and multiplies, A6.3.1-A6.3.4,
 * A6.3.11-A6.3.17), t32_ls.c (32-bit loads and stores, A6.3.5-A6.3.10),
 * t32_ctl.c (branches, miscellaneous control, coprocessor, A6.3.4 and
 * A6.3.18). Not for use outside these files. */
#ifndef HYPSIM_T32_INTERNAL_H
#define HYPSIM_T32_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/decode_table.h"
#include "cpu/ops.h"

/* One instruction being executed. Lives on the stack of t32_execute. */
struct t32 {
	struct cpu *cpu;
	uint32_t insn;    /* hw1 (16-bit) or hw1:hw2 (32-bit) */
	bool in_it;       /* InITBlock() */
	bool last_in_it;  /* LastInITBlock() */
	/* The instruction wrote ITSTATE itself (IT, or an exception return
	 * that restored the CPSR): ITAdvance() must not follow it. */
	bool it_written;
	/* The decoder table's line for insn (its handler is running). */
	const struct decode_entry *entry;
};

/* insn<hi:lo> */
static inline uint32_t tb(uint32_t x, unsigned hi, unsigned lo)
{
	return (x >> lo) & ((hi - lo >= 31) ? 0xffffffffu
					    : ((1u << (hi - lo + 1)) - 1u));
}
static inline bool tbit(uint32_t x, unsigned n)
{
	return (x >> n) & 1u;
}
/* SignExtend(x<bits-1:0>) */
static inline uint32_t t32_sext(uint32_t x, unsigned bits)
{
	uint32_t m = 1u << (bits - 1);
	x &= (bits >= 32) ? 0xffffffffu : ((1u << bits) - 1u);
	return (x ^ m) - m;
}

/* Align(PC, 4) as ADR and the literal loads read it (A8.8.12, A8.8.64). */
static inline uint32_t t32_pc_aligned(const struct cpu *cpu)
{
	return cpu_reg_read(cpu, 15) & ~3u;
}

/* A handler: executes one encoding that the decoder table gave to its
 * line (t32.def or t16.def, the handler column). It reads the fields it
 * needs and applies the UNPREDICTABLE policy to operand values (listed
 * in t32.c), but never tells encodings apart: the table did. */
typedef enum exec_result (*t32_handler)(struct t32 *t);

/* The handlers of the 32-bit lines (t32_dp.c, t32_ls.c, t32_ctl.c,
 * t32.c), declared from t32.def's handler column; a DELEGATE line's is
 * t32_delegate_<name> (t32_ctl.c). */
#define DECODE_DEF "cpu/t32.def"
#define DECODE_PROTO struct t32 *t
#define DECODE_DELEGATE(n) t32_delegate_##n
#include "cpu/decode_handlers.h"

/* The dispatch arrays, indexed by decode_entry.index: t32.def's
 * (t32.c) and t16.def's (t32_16.c). */
extern const t32_handler t32_handlers[];
extern const t32_handler t16_handlers[];

/* The line of t16.def (size 2) or t32.def (size 4, hw1:hw2) that
 * decodes `insn`, NULL for none: decode_table_lookup_local()'s answer,
 * from an index of the partition (t32.c). */
const struct decode_entry *t32_decode_line(uint32_t insn, unsigned size);
/* Whether insn's (0)/(1) bits let its line e execute it (t32.c). */
bool t32_sbz_sbo_ok(const struct decode_entry *e, uint32_t insn);

/* IT (A8.8.55), t16.def's IT line (mask != 0). */
enum exec_result t32_exec_it(struct t32 *t, unsigned firstcond,
			     unsigned mask);

#endif
