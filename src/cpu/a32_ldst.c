/* A32 loads and stores: word and unsigned byte (A5.3), the extra
 * load/store instructions (A5.2.8, A5.2.9), synchronization primitives
 * (A5.2.10) and block transfers (A5.5). Decoding only; the semantics are
 * ops_ldst, ops_ldst_dual, ops_ldm/ops_stm and ops_ldrex/ops_strex.
 * The UNPREDICTABLE choices are listed at the top of a32.c. */
#include "cpu/a32_internal.h"

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

/* LDR/LDRB/STR/STRB and their T forms (A5.3):
 *   LDR<c> <Rt>, [<Rn>{, #+/-<imm12>}]          (A8.8.63, offset/pre/post)
 *   LDR<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  (A8.8.66)
 *   LDRT<c> <Rt>, [<Rn>], #+/-<imm12>           (A8.8.92)
 * and likewise LDRB (A8.8.67..), STR (A8.8.203..), STRB (A8.8.206..). */
enum exec_result a32_ldst_word_byte(struct cpu *cpu, uint32_t insn)
{
	bool reg_form = A32_BIT(insn, 25);
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool byte = A32_BIT(insn, 22), w = A32_BIT(insn, 21);
	bool load = A32_BIT(insn, 20);
	unsigned rn = A32_RN(insn), rt = A32_RD(insn);
	unsigned size = byte ? 1 : 4;
	uint32_t offset;

	if (reg_form) {
		unsigned rm = A32_RM(insn), amount;
		if (rm == 15)
			return a32_unpredictable(cpu);
		enum shift_type t = alu_decode_imm_shift(insn >> 5,
							 insn >> 7, &amount);
		offset = alu_shift(cpu->r[rm], t, amount, carry_flag(cpu));
	} else {
		offset = insn & 0xfff;
	}
	if (!p && w) {
		/* LDRT/LDRBT/STRT/STRBT: post-indexed, unprivileged. n == 15
		 * and t == 15 for the loads and byte forms are UNPREDICTABLE
		 * (U6); n == t too, where hypsim follows QEMU as for U4. */
		if (rn == 15 || (rt == 15 && (load || byte)))
			return a32_unpredictable(cpu);
		return ops_ldst(cpu, load, size, false, unpriv_flags(cpu), rt,
				rn, offset, u, false, true);
	}
	bool wback = !p || w;
	/* Writeback to the PC, and byte transfers of the PC, are
	 * UNPREDICTABLE. wback with n == t is UNPREDICTABLE too; there hypsim
	 * follows QEMU (see ops_ldst). */
	if ((wback && rn == 15) || (byte && rt == 15))
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, load, size, false, 0, rt, rn, offset, u, p, wback);
}

/* The extra load/store instructions (A5.2.8) and their unprivileged forms
 * (A5.2.9), op2 = insn[6:5] != 00:
 *   STRH<c> <Rt>, [<Rn>{, #+/-<imm8>}]  / [<Rn>, +/-<Rm>]   (A8.8.217..)
 *   LDRH, LDRSB, LDRSH (A8.8.80.., A8.8.84.., A8.8.88..)
 *   LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm8>}] (A8.8.72..), STRD (A8.8.210..)
 *   STRHT, LDRHT, LDRSBT, LDRSHT (A8.8.218, A8.8.83, A8.8.87, A8.8.91) */
enum exec_result a32_ldst_extra(struct cpu *cpu, uint32_t insn)
{
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool imm_form = A32_BIT(insn, 22), w = A32_BIT(insn, 21);
	bool l = A32_BIT(insn, 20);
	unsigned op2 = (insn >> 5) & 3;
	unsigned rn = A32_RN(insn), rt = A32_RD(insn), rm = A32_RM(insn);
	uint32_t offset;

	if (imm_form) {
		offset = ((insn >> 4) & 0xf0) | (insn & 0xf);
	} else {
		/* (0)(0)(0)(0) in [11:8]: other values UNPREDICTABLE */
		if ((insn & 0xf00) != 0 || rm == 15)
			return a32_unpredictable(cpu);
		offset = cpu->r[rm];
	}

	/* LDRD/STRD: op2 = 1x with L = 0 */
	if (!l && op2 != 1) {
		bool load = op2 == 2;
		bool wback = !p || w;
		unsigned rt2 = rt + 1;
		/* P=0 W=1 (no T form), odd Rt, Rt2 = PC, writeback to the PC
		 * or to a transferred register, and for LDRD Rm overlapping
		 * Rt/Rt2, are UNPREDICTABLE (A8.8.74, A8.8.211; STRD allows
		 * Rm == Rt). */
		if ((!p && w) || (rt & 1) || rt2 == 15 ||
		    (wback && (rn == 15 || rn == rt || rn == rt2)) ||
		    (load && !imm_form && (rm == rt || rm == rt2)))
			return a32_unpredictable(cpu);
		return ops_ldst_dual(cpu, load, rt, rt2, rn, offset, u, p,
				     wback);
	}

	unsigned size = op2 == 2 ? 1 : 2;
	bool sign = op2 != 1;
	if (!p && w) {
		/* STRHT/LDRHT/LDRSBT/LDRSHT: t == 15 or n == 15 UNPREDICTABLE
		 * (U6); n == t follows QEMU (U4) */
		if (rt == 15 || rn == 15)
			return a32_unpredictable(cpu);
		return ops_ldst(cpu, l, size, sign, unpriv_flags(cpu), rt, rn,
				offset, u, false, true);
	}
	bool wback = !p || w;
	if (rt == 15 || (wback && rn == 15))
		return a32_unpredictable(cpu);
	return ops_ldst(cpu, l, size, sign, 0, rt, rn, offset, u, p, wback);
}

/* Synchronization primitives (A5.2.10): SWP/SWPB are UNDEFINED on these
 * cores (the Cortex-A15 and A7 do not implement them: ID_ISAR0.Swap_instrs
 * = 0, cores.md; QEMU 7.2 executes them). The exclusives:
 *   LDREX<c> <Rt>, [<Rn>]               (A8.8.75)
 *   STREX<c> <Rd>, <Rt>, [<Rn>]         (A8.8.212)
 *   LDREXB/LDREXH/LDREXD, STREXB/STREXH/STREXD (A8.8.76.., A8.8.213..) */
enum exec_result a32_sync(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 20) & 15;
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rt = A32_RM(insn);
	static const unsigned sizes[4] = {4, 8, 1, 2};

	if (op < 8)
		return cpu_undefined(cpu); /* SWP, SWPB, unallocated */
	/* (1)(1)(1)(1) in [11:8]; the loads also (1)(1)(1)(1) in [3:0]: other
	 * values are UNPREDICTABLE (the v8 acquire/release forms live
	 * there; ARMv7 has none). */
	if (((insn >> 8) & 15) != 15)
		return a32_unpredictable(cpu);
	unsigned size = sizes[(op >> 1) & 3];
	if (op & 1) {
		/* loads: Rt is insn[15:12] */
		if (rt != 15)
			return a32_unpredictable(cpu);
		rt = rd;
		if (rn == 15 || rt == 15 ||
		    (size == 8 && ((rt & 1) || rt == 14)))
			return a32_unpredictable(cpu);
		return ops_ldrex(cpu, size, rt, rt + 1, rn, 0);
	}
	if (rd == 15 || rt == 15 || rn == 15 || rd == rn || rd == rt ||
	    (size == 8 && ((rt & 1) || rt == 14 || rd == rt + 1)))
		return a32_unpredictable(cpu);
	return ops_strex(cpu, size, rd, rt, rt + 1, rn, 0);
}

/* Block data transfer (A5.5):
 *   LDM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>     (A8.8.58..61)
 *   STM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>     (A8.8.199..202)
 *   LDM{amode}<c> <Rn>{!}, <registers_with_pc>^  (B9.3.4, exception return)
 *   LDM{amode}<c> <Rn>, <registers_without_pc>^  (B9.3.5, User registers)
 *   STM{amode}<c> <Rn>, <registers>^             (B9.3.6, User registers) */
enum exec_result a32_block(struct cpu *cpu, uint32_t insn)
{
	bool before = A32_BIT(insn, 24), increment = A32_BIT(insn, 23);
	bool user = A32_BIT(insn, 22), w = A32_BIT(insn, 21);
	bool load = A32_BIT(insn, 20);
	unsigned rn = A32_RN(insn);
	uint16_t list = (uint16_t)insn;
	bool rn_in_list = (list >> rn) & 1;

	/* Rn = PC and an empty list are UNPREDICTABLE (QEMU UNDEFs too). */
	if (rn == 15 || list == 0)
		return a32_unpredictable(cpu);
	/* LDM with writeback and Rn in the list is UNPREDICTABLE in ARMv7
	 * (A8.8.58): UNDEFINED, as QEMU. The User-registers forms have no
	 * writeback (B9.3.5, B9.3.6): UNDEFINED too. STM with Rn in the list
	 * stores the original Rn (the manual's value when Rn is the lowest
	 * register, UNKNOWN otherwise; QEMU does the same). */
	if (w && ((load && rn_in_list) ||
		  (user && !(load && (list & 0x8000)))))
		return a32_unpredictable(cpu);
	if (load)
		return ops_ldm(cpu, rn, list, increment, before, w, user);
	return ops_stm(cpu, rn, list, increment, before, w, user);
}
