/* A32 loads and stores: word and unsigned byte (A5.3), the extra
 * load/store instructions (A5.2.8, A5.2.9), synchronization primitives
 * (A5.2.10) and block transfers (A5.5): the handlers of their a32.def
 * lines. The table has decided the instruction and its form (immediate or
 * register offset, the unprivileged T forms, which are nested in the
 * ordinary patterns at P = 0, W = 1); the handlers extract the fields and
 * apply the operand rules. The semantics are ops_ldst, ops_ldst_dual,
 * ops_ldm/ops_stm and ops_ldrex/ops_strex. The UNPREDICTABLE choices are
 * listed at the top of a32.c. */
#include "cpu/a32_internal.h"

#define ALWAYS_INLINE static inline __attribute__((always_inline))

static inline bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* The unprivileged (T) forms in Hyp mode are UNPREDICTABLE (A8.8 "LDRT",
 * "STRT" and the other T forms):
 * hypsim executes them as ordinary accesses, as QEMU does. */
static inline unsigned unpriv_flags(const struct cpu *cpu)
{
	return cpu_mode(cpu) == MODE_HYP ? 0 : ACC_UNPRIV;
}

/* ---- LDR/LDRB/STR/STRB and their T forms (A5.3) ----
 *   LDR<c> <Rt>, [<Rn>{, #+/-<imm12>}]          (A8.8.63, offset/pre/post)
 *   LDR<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.66)
 *   LDRT<c> <Rt>, [<Rn>], #+/-<imm12>           (A8.8.92)
 * and likewise LDRB (A8.8.67..), STR (A8.8.203..), STRB (A8.8.206..). */

/* The offset of the immediate or register form; false when Rm is the PC
 * (UNPREDICTABLE: UNDEFINED, U1). */
ALWAYS_INLINE bool word_offset(const struct cpu *cpu, uint32_t insn,
			       bool reg_form, uint32_t *offset)
{
	if (!reg_form) {
		*offset = insn & 0xfff;
		return true;
	}
	unsigned rm = A32_RM(insn), amount;
	if (rm == 15)
		return false;
	enum shift_type t = alu_decode_imm_shift(insn >> 5, insn >> 7, &amount);
	*offset = alu_shift(cpu->r[rm], t, amount, carry_flag(cpu));
	return true;
}

ALWAYS_INLINE enum exec_result ldst_word(struct cpu *cpu, uint32_t insn,
					 bool reg_form, bool load, bool byte)
{
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool wback = !p || A32_BIT(insn, 21);
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	uint32_t offset;

	/* Writeback to the PC, and byte transfers of the PC, are
	 * UNPREDICTABLE. wback with n == t is UNPREDICTABLE too; there hypsim
	 * follows QEMU (see ops_ldst). */
	if (!word_offset(cpu, insn, reg_form, &offset) ||
	    (wback && rn == 15) || (byte && rt == 15))
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, load, byte ? 1 : 4, false, 0, rt, rn, offset, u, p,
			wback);
}

/* LDRT/LDRBT/STRT/STRBT: post-indexed, unprivileged. n == 15 and t == 15
 * for the loads and byte forms are UNPREDICTABLE (U6); n == t too, where
 * hypsim follows QEMU as for U4. */
ALWAYS_INLINE enum exec_result ldst_word_t(struct cpu *cpu, uint32_t insn,
					   bool reg_form, bool load, bool byte)
{
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	uint32_t offset;

	if (!word_offset(cpu, insn, reg_form, &offset) || rn == 15 ||
	    (rt == 15 && (load || byte)))
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, load, byte ? 1 : 4, false, unpriv_flags(cpu), rt,
			rn, offset, A32_BIT(insn, 23), false, true);
}

#define WORD_HANDLERS(NAME, LOAD, BYTE)                                        \
	enum exec_result a32_##NAME##_imm(struct cpu *cpu, uint32_t insn)      \
	{                                                                      \
		return ldst_word(cpu, insn, false, LOAD, BYTE);                \
	}                                                                      \
	enum exec_result a32_##NAME##_reg(struct cpu *cpu, uint32_t insn)      \
	{                                                                      \
		return ldst_word(cpu, insn, true, LOAD, BYTE);                 \
	}                                                                      \
	enum exec_result a32_##NAME##T_imm(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return ldst_word_t(cpu, insn, false, LOAD, BYTE);              \
	}                                                                      \
	enum exec_result a32_##NAME##T_reg(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return ldst_word_t(cpu, insn, true, LOAD, BYTE);               \
	}
WORD_HANDLERS(STR, false, false)
WORD_HANDLERS(STRB, false, true)
WORD_HANDLERS(LDR, true, false)
WORD_HANDLERS(LDRB, true, true)

/* ---- the extra load/store instructions (A5.2.8) and their unprivileged
 * forms (A5.2.9) ----
 *   STRH<c> <Rt>, [<Rn>{, #+/-<imm8>}]  / [<Rn>, +/-<Rm>]   (A8.8.217..)
 *   LDRH, LDRSB, LDRSH (A8.8.80.., A8.8.84.., A8.8.88..)
 *   LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm8>}] (A8.8.72..), STRD (A8.8.210..)
 *   STRHT, LDRHT, LDRSBT, LDRSHT (A8.8.218, A8.8.83, A8.8.87, A8.8.91)
 * The register forms' (0)(0)(0)(0) in [11:8] are the table's. */

/* false when Rm is the PC (U1) */
ALWAYS_INLINE bool extra_offset(const struct cpu *cpu, uint32_t insn,
				bool imm_form, uint32_t *offset)
{
	if (imm_form) {
		*offset = ((insn >> 4) & 0xf0) | (insn & 0xf);
		return true;
	}
	if (A32_RM(insn) == 15)
		return false;
	*offset = cpu->r[A32_RM(insn)];
	return true;
}

ALWAYS_INLINE enum exec_result ldst_half(struct cpu *cpu, uint32_t insn,
					 bool imm_form, bool load,
					 unsigned size, bool sign)
{
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool wback = !p || A32_BIT(insn, 21);
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	uint32_t offset;

	if (!extra_offset(cpu, insn, imm_form, &offset) || rt == 15 ||
	    (wback && rn == 15))
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, load, size, sign, 0, rt, rn, offset, u, p, wback);
}

/* STRHT/LDRHT/LDRSBT/LDRSHT: t == 15 or n == 15 UNPREDICTABLE (U6);
 * n == t follows QEMU (U4) */
ALWAYS_INLINE enum exec_result ldst_half_t(struct cpu *cpu, uint32_t insn,
					   bool imm_form, bool load,
					   unsigned size, bool sign)
{
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	uint32_t offset;

	if (!extra_offset(cpu, insn, imm_form, &offset) || rt == 15 ||
	    rn == 15)
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, load, size, sign, unpriv_flags(cpu), rt, rn,
			offset, A32_BIT(insn, 23), false, true);
}

#define HALF_HANDLERS(NAME, LOAD, SIZE, SIGN)                                  \
	enum exec_result a32_##NAME##_imm(struct cpu *cpu, uint32_t insn)      \
	{                                                                      \
		return ldst_half(cpu, insn, true, LOAD, SIZE, SIGN);           \
	}                                                                      \
	enum exec_result a32_##NAME##_reg(struct cpu *cpu, uint32_t insn)      \
	{                                                                      \
		return ldst_half(cpu, insn, false, LOAD, SIZE, SIGN);          \
	}                                                                      \
	enum exec_result a32_##NAME##T_imm(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return ldst_half_t(cpu, insn, true, LOAD, SIZE, SIGN);         \
	}                                                                      \
	enum exec_result a32_##NAME##T_reg(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return ldst_half_t(cpu, insn, false, LOAD, SIZE, SIGN);        \
	}
HALF_HANDLERS(STRH, false, 2, false)
HALF_HANDLERS(LDRH, true, 2, false)
HALF_HANDLERS(LDRSB, true, 1, true)
HALF_HANDLERS(LDRSH, true, 2, true)

/* LDRD/STRD. P = 0 W = 1 (no T form), odd Rt, Rt2 = PC, writeback to the
 * PC or to a transferred register, and for LDRD Rm overlapping Rt/Rt2,
 * are UNPREDICTABLE (A8.8.74, A8.8.211; STRD allows Rm == Rt): U5. */
ALWAYS_INLINE enum exec_result ldst_dual(struct cpu *cpu, uint32_t insn,
					 bool imm_form, bool load)
{
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool w = A32_BIT(insn, 21);
	bool wback = !p || w;
	unsigned rn = A32_RN(insn), rt = A32_RD(insn), rm = A32_RM(insn);
	unsigned rt2 = rt + 1;
	uint32_t offset;

	if (!extra_offset(cpu, insn, imm_form, &offset) || (!p && w) ||
	    (rt & 1) || rt2 == 15 ||
	    (wback && (rn == 15 || rn == rt || rn == rt2)) ||
	    (load && !imm_form && (rm == rt || rm == rt2)))
		return a32_unpredictable(cpu);
	return ops_ldst_dual(cpu, load, rt, rt2, rn, offset, u, p, wback);
}

enum exec_result a32_LDRD_imm(struct cpu *cpu, uint32_t insn)
{
	return ldst_dual(cpu, insn, true, true);
}

enum exec_result a32_LDRD_reg(struct cpu *cpu, uint32_t insn)
{
	return ldst_dual(cpu, insn, false, true);
}

enum exec_result a32_STRD_imm(struct cpu *cpu, uint32_t insn)
{
	return ldst_dual(cpu, insn, true, false);
}

enum exec_result a32_STRD_reg(struct cpu *cpu, uint32_t insn)
{
	return ldst_dual(cpu, insn, false, false);
}

/* ---- synchronization primitives (A5.2.10) ----
 * SWP/SWPB are UNDEFINED on these cores (a32_UNDEFINED: the Cortex-A15
 * and A7 do not implement them, ID_ISAR0.Swap_instrs = 0, cores.md; QEMU
 * 7.2 executes them). The exclusives:
 *   LDREX<c> <Rt>, [<Rn>]               (A8.8.75)
 *   STREX<c> <Rd>, <Rt>, [<Rn>]         (A8.8.212)
 *   LDREXB/LDREXH/LDREXD, STREXB/STREXH/STREXD (A8.8.76.., A8.8.213..)
 * The (1)(1)(1)(1) fields are the table's (the v8 acquire/release forms
 * live there; ARMv7 has none). */

ALWAYS_INLINE enum exec_result ldrex(struct cpu *cpu, uint32_t insn,
				     unsigned size)
{
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	if (rn == 15 || rt == 15 || (size == 8 && ((rt & 1) || rt == 14)))
		return a32_unpredictable(cpu);
	return ops_ldrex(cpu, size, rt, rt + 1, rn, 0);
}

/* U13 */
ALWAYS_INLINE enum exec_result strex(struct cpu *cpu, uint32_t insn,
				     unsigned size)
{
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rt = A32_RM(insn);
	if (rd == 15 || rt == 15 || rn == 15 || rd == rn || rd == rt ||
	    (size == 8 && ((rt & 1) || rt == 14 || rd == rt + 1)))
		return a32_unpredictable(cpu);
	return ops_strex(cpu, size, rd, rt, rt + 1, rn, 0);
}

#define EXCL_HANDLERS(SUFFIX, SIZE)                                            \
	enum exec_result a32_LDREX##SUFFIX(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return ldrex(cpu, insn, SIZE);                                 \
	}                                                                      \
	enum exec_result a32_STREX##SUFFIX(struct cpu *cpu, uint32_t insn)     \
	{                                                                      \
		return strex(cpu, insn, SIZE);                                 \
	}
EXCL_HANDLERS(, 4)
EXCL_HANDLERS(D, 8)
EXCL_HANDLERS(B, 1)
EXCL_HANDLERS(H, 2)

/* ---- block data transfer (A5.5) ----
 *   LDM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>     (A8.8.58..61)
 *   STM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>     (A8.8.199..202)
 *   LDM{amode}<c> <Rn>{!}, <registers_with_pc>^  (B9.3.4, exception return)
 *   LDM{amode}<c> <Rn>, <registers_without_pc>^  (B9.3.5, User registers)
 *   STM{amode}<c> <Rn>, <registers>^             (B9.3.6, User registers)
 * The addressing mode (P, U) and W are operands of ops_ldm/ops_stm. Rn =
 * PC and an empty list are UNPREDICTABLE (QEMU UNDEFs too). LDM with
 * writeback and Rn in the list is UNPREDICTABLE in ARMv7 (A8.8.58):
 * UNDEFINED, as QEMU. The User-registers forms have no writeback (their
 * W is the table's (0)). STM with Rn in the list stores the original Rn
 * (the manual's value when Rn is the lowest register, UNKNOWN otherwise;
 * QEMU does the same). */

ALWAYS_INLINE enum exec_result block(struct cpu *cpu, uint32_t insn,
				     bool load, bool user)
{
	bool w = A32_BIT(insn, 21);
	unsigned rn = A32_RN(insn);
	uint16_t list = (uint16_t)insn;

	if (rn == 15 || list == 0 || (w && load && ((list >> rn) & 1)))
		return a32_unpredictable(cpu);
	if (load)
		return ops_ldm(cpu, rn, list, A32_BIT(insn, 23),
			       A32_BIT(insn, 24), w, user);
	return ops_stm(cpu, rn, list, A32_BIT(insn, 23), A32_BIT(insn, 24), w,
		       user);
}

enum exec_result a32_LDM(struct cpu *cpu, uint32_t insn)
{
	return block(cpu, insn, true, false);
}

enum exec_result a32_STM(struct cpu *cpu, uint32_t insn)
{
	return block(cpu, insn, false, false);
}

/* The ^ forms: LDM (User registers), STM (User registers), and LDM
 * (exception return), which ops_ldm tells from LDM (User registers) by
 * the PC in the list. */
enum exec_result a32_LDM_usr(struct cpu *cpu, uint32_t insn)
{
	return block(cpu, insn, true, true);
}

enum exec_result a32_STM_usr(struct cpu *cpu, uint32_t insn)
{
	return block(cpu, insn, false, true);
}

enum exec_result a32_LDM_eret(struct cpu *cpu, uint32_t insn)
{
	return block(cpu, insn, true, true);
}
