/* Private to vfp.c: the handlers of vfp.def's lines. A handler runs once
 * the table has matched its line, the (0)/(1) bits are right (V2 in
 * vfp.c) and the condition has passed; it extracts the fields, applies
 * the per-operand UNDEFINED/UNPREDICTABLE rules, checks access
 * (fp_check_access) and executes. One handler may serve several lines
 * (the increment-after and decrement-before VLDM, VCMP with a register
 * or #0.0, …). */
#ifndef HYPSIM_CPU_VFP_DECODE_H
#define HYPSIM_CPU_VFP_DECODE_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/decode_table.h"

typedef enum exec_result (*vfp_handler)(struct cpu *cpu, uint32_t insn);

#define INSN(n, p, h, w, e, s, m) \
	enum exec_result h(struct cpu *cpu, uint32_t insn);
#define INSN_PRIO(n, p, h, w, e, s, m) \
	enum exec_result h(struct cpu *cpu, uint32_t insn);
#include "cpu/vfp.def"
#undef INSN
#undef INSN_PRIO

#endif
