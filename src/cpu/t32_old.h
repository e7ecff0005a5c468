/* TEMPORARY: the switch-tree T32 decoder before the table-driven decode
 * (t32old*.c), for test_t32_equiv only. */
#ifndef HYPSIM_T32_OLD_H
#define HYPSIM_T32_OLD_H

#include "cpu/t32_internal.h"

enum exec_result t32old_execute(struct cpu *cpu, uint32_t insn,
				unsigned size);
enum exec_result t32old_exec16(struct t32 *t);
enum exec_result t32old_exec_dp_modimm(struct t32 *t);
enum exec_result t32old_exec_dp_plainimm(struct t32 *t);
enum exec_result t32old_exec_dp_shiftreg(struct t32 *t);
enum exec_result t32old_exec_dp_reg(struct t32 *t);
enum exec_result t32old_exec_mul(struct t32 *t);
enum exec_result t32old_exec_mul_long(struct t32 *t);
enum exec_result t32old_exec_ldst_multiple(struct t32 *t);
enum exec_result t32old_exec_ldst_dual_excl(struct t32 *t);
enum exec_result t32old_exec_ldst_single(struct t32 *t);
enum exec_result t32old_exec_branch_misc(struct t32 *t);
enum exec_result t32old_exec_coproc(struct t32 *t);

#endif
