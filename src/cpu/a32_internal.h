/* Private to the A32 decoder (a32.c, a32_ldst.c, a32_media.c): field
 * extraction, the handlers of a32.def's lines and the table dispatch.
 * The semantics live in ops.c; these files only decode (ARM DDI 0406C
 * chapter A5). */
#ifndef HYPSIM_A32_INTERNAL_H
#define HYPSIM_A32_INTERNAL_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/ops.h"

/* Register fields at their usual A32 positions. */
#define A32_RN(i) (((i) >> 16) & 15u)
#define A32_RD(i) (((i) >> 12) & 15u)
#define A32_RS(i) (((i) >> 8) & 15u)
#define A32_RM(i) ((i) & 15u)
#define A32_BIT(i, n) (((i) >> (n)) & 1u)

/* Every UNPREDICTABLE case this decoder resolves by UNDEFINED goes through
 * here, so a breakpoint or a counter can find them. */
static inline enum exec_result a32_unpredictable(struct cpu *cpu)
{
	return cpu_undefined(cpu);
}

/* The handlers of a32.def's lines (a32.c, a32_ldst.c, a32_media.c): the
 * encoding is known to match the line, its (0)/(1) bits to be right and
 * its condition to have passed; a handler extracts the fields, applies
 * the per-operand UNPREDICTABLE rules and executes. */
typedef enum exec_result (*a32_handler)(struct cpu *cpu, uint32_t insn);

#define DECODE_DEF "cpu/a32.def"
#define DECODE_PROTO struct cpu *cpu, uint32_t insn
#include "cpu/decode_handlers.h"

/* A32_LINE_<name>: the position of each line in a32.def, which is its
 * decode_entry's index; A32_UNDEF_INDEX (one past the last line) stands
 * for UNDEFINED. */
enum a32_line {
#define INSN(n, p, h, w, e, s, m) A32_LINE_##n,
#define INSN_PRIO(n, p, h, w, e, s, m) A32_LINE_##n,
#define DELEGATE(n, p, t, s, m) A32_LINE_##n,
#include "cpu/a32.def"
#undef INSN
#undef INSN_PRIO
#undef DELEGATE
	A32_UNDEF_INDEX
};

/* [line]: the handler of each line, DELEGATE lines the Floating-point /
 * Advanced SIMD decoders; [A32_UNDEF_INDEX] takes the Undefined
 * Instruction exception. */
extern const a32_handler a32_handlers[];

/* The table decode of `insn` (its condition not looked at): the line of
 * a32.def, or A32_UNDEF_INDEX for an unallocated encoding or one whose
 * (0)/(1) bits break the should-be policy (U2 in a32.c). */
unsigned a32_decode(uint32_t insn);

#endif
