/* Private to the A32 decoder (a32.c, a32_ldst.c, a32_media.c): field
 * extraction and the class decoders each file provides. The semantics
 * live in ops.c; these files only decode (ARM DDI 0406C chapter A5). */
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

/* a32_ldst.c */
enum exec_result a32_ldst_word_byte(struct cpu *cpu, uint32_t insn);
enum exec_result a32_ldst_extra(struct cpu *cpu, uint32_t insn);
enum exec_result a32_sync(struct cpu *cpu, uint32_t insn);
enum exec_result a32_block(struct cpu *cpu, uint32_t insn);

/* a32_media.c */
enum exec_result a32_media(struct cpu *cpu, uint32_t insn);
enum exec_result a32_multiply(struct cpu *cpu, uint32_t insn);
enum exec_result a32_halfword_multiply(struct cpu *cpu, uint32_t insn);

#endif
