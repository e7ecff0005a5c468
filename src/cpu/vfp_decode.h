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

#define DECODE_DEF "cpu/vfp.def"
#define DECODE_PROTO struct cpu *cpu, uint32_t insn
#include "cpu/decode_handlers.h"

#endif
