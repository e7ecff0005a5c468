/* Shared by the A32 and T32 halves of the decoded-instruction cache
 * (a32_predecode.c, t32_predecode.c): the handlers whose semantics are the
 * same in both instruction sets once the fields are extracted. */
#ifndef HYPSIM_PREDECODE_INTERNAL_H
#define HYPSIM_PREDECODE_INTERNAL_H

#include "cpu/decode_cache.h"
#include "cpu/ops.h"

/* Data processing, [enum dp_op][S]: Rd = op(Rn, Rm), op(Rn, Rm shifted by
 * shift_amount with Shift_C, [enum shift_type] first), op(Rn, imm with
 * imm_carry). */
extern const decoded_fn predecode_dp_reg_fns[16][2];
extern const decoded_fn predecode_dp_sh_fns[5][16][2];
extern const decoded_fn predecode_dp_imm_fns[16][2];
/* DECODE_WRITES_* of a data-processing entry. */
uint32_t predecode_dp_writes(enum dp_op op, bool s, unsigned rd);
/* LDR/STR/LDRB/STRB, no writeback, [byte][load][register offset]:
 * address Rn + imm (imm form, imm signed), Rn +/- shifted Rm (imm = 1
 * subtracts). */
extern const decoded_fn predecode_ldst_fns[2][2][2];
/* The same with writeback, [byte][load][register offset][pre-indexed]:
 * post-indexed (P = 0, W = 0) or pre-indexed (P = 1, W = 1). */
extern const decoded_fn predecode_ldst_wb_fns[2][2][2][2];
/* LDRH/STRH/LDRSB/LDRSH (and the 16-bit T32 LDRB forms that share
 * their encoding shape), no writeback: the handler of the operation
 * (`size` bytes, load or store, sign-extended), imm_carry = add, offset
 * imm or Rm (reg). */
decoded_fn predecode_ldst_extra_fn(unsigned size, bool load, bool sign,
				   bool reg);
/* The same with writeback: post-indexed (the access at Rn) or pre-indexed
 * (at the offset address), Rn = the offset address after the access. */
decoded_fn predecode_ldst_extra_wb_fn(unsigned size, bool load, bool sign,
				      bool reg, bool pre);
/* An A32 LDR (literal) whose address is known (a block's copy of the
 * decoded entry, not the decoded-instruction cache's, which holds an
 * encoding wherever it is): made a load of the word at the address it
 * names (predecode_ldr_literal_fn's handler, d->imm the address), a
 * fast access; false, d unchanged, for any other entry. */
bool a32_predecode_literal(struct decoded_insn *d, uint32_t pc);
decoded_fn predecode_ldr_literal_fn(void);
/* The specialised direct branches, B and BL (A32) and B, B<c> and BL
 * (T32), of an entry at `pc`: the target (aligned as cpu_branch aligns
 * it), whether it links and the value LR gets, and the condition the
 * handler itself tests (14 for none: the A32 condition is the
 * instruction's). False for any other entry. */
struct direct_branch {
	uint32_t target, lr;
	bool link;
	unsigned cond;
};
bool a32_predecode_direct_branch(const struct decoded_insn *d, uint32_t pc,
				 struct direct_branch *b);
bool t32_predecode_direct_branch(const struct decoded_insn *d, uint32_t pc,
				 struct direct_branch *b);
/* Whether a T32 entry runs the full decoder (t32_predecode.c). */
bool t32_predecode_is_decoder(const struct decoded_insn *d);
/* LDR PC, [Rn, #±imm] with any indexing, Rn not the PC (A32). */
enum exec_result predecode_ldr_pc(struct cpu *cpu,
				  const struct decoded_insn *d);
/* BX Rm, Rm not the PC (A32; interworking). */
enum exec_result predecode_bx(struct cpu *cpu, const struct decoded_insn *d);
/* MOVW / MOVT Rd, #imm. */
enum exec_result predecode_movw(struct cpu *cpu, const struct decoded_insn *d);
enum exec_result predecode_movt(struct cpu *cpu, const struct decoded_insn *d);
/* MUL/MLA (op enum mul_op, s the S bit, ra the accumulator), CLZ, the
 * reversals (op enum rev_op) and the extends (op enum ext_op, ra = Rn or
 * 15 for none, shift_amount the rotation): Rd from Rm as A32 names them. */
enum exec_result predecode_mul(struct cpu *cpu, const struct decoded_insn *d);
/* The handler for these classes with their operands decoded: one
 * specialised for the operation where it is common (MUL, MULS, MLA;
 * REV; UXTB/UXTH/SXTB/SXTH without accumulate) or always (CLZ), else the
 * generic one above. */
decoded_fn predecode_mul_fn(enum mul_op op, bool s);
decoded_fn predecode_rev_fn(enum rev_op op);
decoded_fn predecode_clz_fn(void);
/* the hints and barriers that change nothing (A32 NOP, PLD, DMB, …) */
decoded_fn predecode_nop_fn(void);
/* A32 data processing with a register-shifted register operand (op the
 * operation, s the S bit, ra = Rs, shift_type; no register the PC) */
decoded_fn predecode_dp_rsr_fn(void);
/* UMULL, UMLAL, SMULL, SMLAL (op: enum mull_op, s: S; rd RdLo, ra RdHi,
 * rn, rm; none the PC) */
decoded_fn predecode_mul_long_fn(void);
decoded_fn predecode_extend_fn(enum ext_op op, bool accumulate);
enum exec_result predecode_rev(struct cpu *cpu, const struct decoded_insn *d);
enum exec_result predecode_extend(struct cpu *cpu,
				  const struct decoded_insn *d);
/* LDM/STM (op: bit 0 increment, bit 1 before, bit 2 writeback; imm the
 * register list, without the PC for a load). */
enum exec_result predecode_ldm(struct cpu *cpu, const struct decoded_insn *d);
enum exec_result predecode_stm(struct cpu *cpu, const struct decoded_insn *d);
/* LDRD/STRD (op: bit 0 load, bit 1 register offset Rm, bit 2 add, bit 3
 * index, bit 4 writeback; rd Rt, imm the immediate offset). */
enum exec_result predecode_ldst_dual(struct cpu *cpu,
				     const struct decoded_insn *d);

#endif
