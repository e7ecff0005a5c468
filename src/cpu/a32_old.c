/* THROWAWAY: the switch-tree A32 decoder as it was before the table
 * dispatch (a32.c, a32_ldst.c, a32_media.c at dddf664), renamed, kept only
 * for the equivalence test test_a32_table_equiv; removed in the next
 * commit. */
#include "cpu/a32_internal.h"
#include "cpu/fp.h"
enum exec_result a32_execute_old(struct cpu *cpu, uint32_t insn);
/* A32 loads and stores: word and unsigned byte (A5.3), the extra
 * load/store instructions (A5.2.8, A5.2.9), synchronization primitives
 * (A5.2.10) and block transfers (A5.5). Decoding only; the semantics are
 * ops_ldst, ops_ldst_dual, ops_ldm/ops_stm and ops_ldrex/ops_strex.
 * The UNPREDICTABLE choices are listed at the top of a32.c. */

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
static enum exec_result old_ldst_word_byte(struct cpu *cpu, uint32_t insn)
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
static enum exec_result old_ldst_extra(struct cpu *cpu, uint32_t insn)
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
static enum exec_result old_sync(struct cpu *cpu, uint32_t insn)
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
static enum exec_result old_block(struct cpu *cpu, uint32_t insn)
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
/* A32 media instructions (A5.4: parallel add/subtract, packing, unpacking,
 * saturation, reversal, signed multiplies, divide, USAD8, bit fields) and
 * the multiply groups of the data-processing space (A5.2.5, A5.2.7).
 * Decoding only; the semantics are in ops.c. */

/* Parallel addition and subtraction, signed (A5.4.1) and unsigned
 * (A5.4.2):
 *   <prefix>{ADD16,ASX,SAX,SUB16,ADD8,SUB8}<c> <Rd>, <Rn>, <Rm>
 *   (SADD16 A8.8.159 … UHSUB8 A8.8.249) */
static enum exec_result exec_parallel(struct cpu *cpu, uint32_t insn)
{
	static const signed char prefixes[8] = {
		-1, PAR_S, PAR_Q, PAR_SH, -1, PAR_U, PAR_UQ, PAR_UH,
	};
	unsigned op1 = (insn >> 20) & 7, op2 = (insn >> 5) & 7;
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);

	if (prefixes[op1] < 0 || op2 == 5 || op2 == 6)
		return cpu_undefined(cpu);
	/* (1)(1)(1)(1) in [11:8]; PC operands: UNPREDICTABLE */
	if (((insn >> 8) & 15) != 15 || rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_parallel(cpu, (enum par_prefix)prefixes[op1],
			    (enum par_op)op2, rd, rn, rm);
}

/* Packing, unpacking, saturation and reversal (A5.4.3). */
static enum exec_result exec_pack_sat_rev(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 7, op2 = (insn >> 5) & 7;
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	unsigned sbo = (insn >> 8) & 15;

	/* SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>} (A8.8.161) and USAT
	 * (A8.8.253): op1 = 01x / 11x, op2 = xx0 */
	if ((op1 & 2) && !(op2 & 1)) {
		unsigned sat = (insn >> 16) & 31, amount;
		unsigned n = A32_RM(insn);
		enum shift_type t = alu_decode_imm_shift((insn >> 5) & 2,
							 insn >> 7, &amount);
		if (rd == 15 || n == 15)
			return a32_unpredictable(cpu);
		if (op1 & 4)
			return ops_usat(cpu, rd, sat, n, t, amount);
		return ops_ssat(cpu, rd, sat + 1, n, t, amount);
	}
	/* PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>} / PKHTB … ASR #<imm>
	 * (A8.8.125): op1 = 000, op2 = xx0 */
	if (op1 == 0 && !(op2 & 1)) {
		bool tb = A32_BIT(insn, 6);
		unsigned amount;
		alu_decode_imm_shift(tb ? SRTYPE_ASR : SRTYPE_LSL, insn >> 7,
				     &amount);
		if (rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_pkh(cpu, tb, rd, rn, rm, amount);
	}
	/* SXTAB16/SXTB16, SXTAB/SXTB, SXTAH/SXTH, UXTAB16/UXTB16,
	 * UXTAB/UXTB, UXTAH/UXTH (A8.8.220.. / A8.8.271..):
	 *   SXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}; Rn = 1111 is SXTB. */
	if (op2 == 3) {
		static const signed char ext[8] = {
			EXT_SXTB16, -1, EXT_SXTB, EXT_SXTH,
			EXT_UXTB16, -1, EXT_UXTB, EXT_UXTH,
		};
		if (ext[op1] < 0)
			return cpu_undefined(cpu);
		/* (0)(0) in [9:8] */
		if ((insn & 0x300) != 0 || rd == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_extend(cpu, (enum ext_op)ext[op1], rd, rn, rm,
				  ((insn >> 10) & 3) * 8);
	}
	/* The rest has (1)(1)(1)(1) in [11:8]. */
	switch (op1 << 3 | op2) {
	case 0 << 3 | 5: /* SEL<c> <Rd>, <Rn>, <Rm> (A8.8.151) */
		if (sbo != 15 || rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_sel(cpu, rd, rn, rm);
	case 2 << 3 | 1: /* SSAT16<c> <Rd>, #<imm>, <Rn> (A8.8.162) */
	case 6 << 3 | 1: /* USAT16<c> <Rd>, #<imm4>, <Rn> (A8.8.254) */
		if (sbo != 15 || rd == 15 || rm == 15)
			return a32_unpredictable(cpu);
		if (op1 == 6)
			return ops_usat16(cpu, rd, (insn >> 16) & 15, rm);
		return ops_ssat16(cpu, rd, ((insn >> 16) & 15) + 1, rm);
	case 3 << 3 | 1: /* REV<c> <Rd>, <Rm> (A8.8.145) */
	case 3 << 3 | 5: /* REV16<c> <Rd>, <Rm> (A8.8.146) */
	case 7 << 3 | 1: /* RBIT<c> <Rd>, <Rm> (A8.8.144) */
	case 7 << 3 | 5: /* REVSH<c> <Rd>, <Rm> (A8.8.147) */ {
		enum rev_op op = op1 == 3 ? (op2 == 1 ? REV_REV : REV_REV16)
					  : (op2 == 1 ? REV_RBIT : REV_REVSH);
		if (sbo != 15 || rn != 15 || rd == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_rev(cpu, op, rd, rm);
	}
	default:
		return cpu_undefined(cpu);
	}
}

/* Signed multiply, signed and unsigned divide (A5.4.4). Here Rd is
 * insn[19:16], Ra insn[15:12], Rm insn[11:8], Rn insn[3:0]. */
static enum exec_result exec_signed_multiply(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 7, op2 = (insn >> 5) & 7;
	unsigned rd = A32_RN(insn), ra = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);
	bool mx = A32_BIT(insn, 5);

	switch (op1) {
	case 0:
		/* SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra> (A8.8.177), SMUAD{X}
		 * (A8.8.194) when Ra = 1111; SMLSD{X} (A8.8.186), SMUSD{X}
		 * (A8.8.197) */
		if (op2 >= 4)
			return cpu_undefined(cpu);
		if (rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_smlad(cpu, op2 >= 2, rd, rn, rm, ra, mx);
	case 1:
	case 3:
		/* SDIV<c> <Rd>, <Rn>, <Rm> (A8.8.165), UDIV (A8.8.248):
		 * ID_ISAR0.Divide_instrs = 2 on both cores */
		if (op2 != 0)
			return cpu_undefined(cpu);
		if (ra != 15 || rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_div(cpu, op1 == 1, rd, rn, rm);
	case 4:
		/* SMLALD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm> (A8.8.178),
		 * SMLSLD{X} (A8.8.187): RdLo = insn[15:12], RdHi = [19:16] */
		if (op2 >= 4)
			return cpu_undefined(cpu);
		if (ra == 15 || rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_smlald(cpu, op2 >= 2, ra, rd, rn, rm, mx);
	case 5:
		/* SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra> (A8.8.189), SMMUL{R}
		 * (A8.8.193) when Ra = 1111, SMMLS{R} (A8.8.191) */
		if (op2 != 0 && op2 != 1 && op2 != 6 && op2 != 7)
			return cpu_undefined(cpu);
		if (rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		/* SMMLS with Ra = 1111 is UNPREDICTABLE: hypsim computes
		 * SMMUL{R}, as QEMU does. */
		return ops_smmul(cpu, op2 >= 6 && ra != 15, mx, rd, rn, rm,
				 ra);
	default:
		return cpu_undefined(cpu);
	}
}

/* Media instructions (A5.4): insn[27:25] = 011, insn[4] = 1. */
static enum exec_result old_media(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 31, op2 = (insn >> 5) & 7;
	unsigned rd = A32_RD(insn), rn = A32_RM(insn);

	switch (op1 >> 3) {
	case 0:
		return exec_parallel(cpu, insn);
	case 1:
		return exec_pack_sat_rev(cpu, insn);
	case 2:
		return exec_signed_multiply(cpu, insn);
	default:
		break;
	}
	switch (op1) {
	case 0x18:
		/* USAD8<c> <Rd>, <Rn>, <Rm> (A8.8.252) when Ra = 1111, USADA8
		 * (A8.8.253); Rd = insn[19:16], Ra = [15:12], Rm = [11:8] */
		if (op2 != 0)
			break;
		if (A32_RN(insn) == 15 || rn == 15 || A32_RS(insn) == 15)
			return a32_unpredictable(cpu);
		return ops_usad8(cpu, A32_RN(insn), rn, A32_RS(insn), rd);
	case 0x1a:
	case 0x1b:
	case 0x1e:
	case 0x1f:
		/* SBFX<c> <Rd>, <Rn>, #<lsb>, #<width> (A8.8.164), UBFX
		 * (A8.8.246); UDF (A8.8.247) at op1 = 11111, op2 = 111 */
		if (op1 == 0x1f && op2 == 7)
			return cpu_undefined(cpu);
		if ((op2 & 3) != 2)
			break;
		{
			unsigned lsb = (insn >> 7) & 31;
			unsigned widthm1 = (insn >> 16) & 31;
			if (rd == 15 || rn == 15 || lsb + widthm1 > 31)
				return a32_unpredictable(cpu);
			return ops_bfx(cpu, op1 < 0x1e, rd, rn, lsb, widthm1);
		}
	case 0x1c:
	case 0x1d:
		/* BFI<c> <Rd>, <Rn>, #<lsb>, #<width> (A8.8.21); BFC (A8.8.20)
		 * when Rn = 1111 */
		if ((op2 & 3) != 0)
			break;
		{
			unsigned lsb = (insn >> 7) & 31, msb = (insn >> 16) & 31;
			if (rd == 15 || msb < lsb)
				return a32_unpredictable(cpu);
			return ops_bfi(cpu, rd, rn, lsb, msb);
		}
	default:
		break;
	}
	return cpu_undefined(cpu);
}

/* Multiply and multiply accumulate (A5.2.5), insn[7:4] = 1001:
 *   MUL{S}<c> <Rd>, <Rn>, <Rm>           (A8.8.114)
 *   MLA{S}<c> <Rd>, <Rn>, <Rm>, <Ra>     (A8.8.100), MLS (A8.8.101)
 *   UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>  (A8.8.255)
 *   UMULL, UMLAL, SMULL, SMLAL {S}       (A8.8.257, .256, .196, .178)
 * Rd/RdHi = insn[19:16], Ra/RdLo = [15:12], Rm = [11:8], Rn = [3:0]. */
static enum exec_result old_multiply(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 7;
	bool s = A32_BIT(insn, 20);
	unsigned rd = A32_RN(insn), ra = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);

	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	switch (op) {
	case 0: /* MUL: (0)(0)(0)(0) in [15:12] */
		if (ra != 0)
			return a32_unpredictable(cpu);
		return ops_mul(cpu, MUL_MUL, s, rd, rn, rm, 0);
	case 1:
		if (ra == 15)
			return a32_unpredictable(cpu);
		return ops_mul(cpu, MUL_MLA, s, rd, rn, rm, ra);
	case 2: /* UMAAL; S = 1 is unallocated */
	case 3: /* MLS; S = 1 is unallocated */
		if (s)
			return cpu_undefined(cpu);
		if (ra == 15)
			return a32_unpredictable(cpu);
		if (op == 3)
			return ops_mul(cpu, MUL_MLS, false, rd, rn, rm, ra);
		return ops_mull(cpu, MULL_UMAAL, false, ra, rd, rn, rm);
	default: {
		static const enum mull_op ops[4] = {
			MULL_UMULL, MULL_UMLAL, MULL_SMULL, MULL_SMLAL,
		};
		/* RdHi == RdLo is UNPREDICTABLE: RdHi wins (U10) */
		if (ra == 15)
			return a32_unpredictable(cpu);
		return ops_mull(cpu, ops[op - 4], s, ra, rd, rn, rm);
	}
	}
}

/* Halfword multiply and multiply accumulate (A5.2.7), insn[7] = 1,
 * insn[4] = 0, op1 = insn[22:21]:
 *   SMLA<x><y><c> <Rd>, <Rn>, <Rm>, <Ra>     (A8.8.176)
 *   SMLAW<y>, SMULW<y>                       (A8.8.181, A8.8.199)
 *   SMLAL<x><y><c> <RdLo>, <RdHi>, <Rn>, <Rm> (A8.8.179)
 *   SMUL<x><y><c> <Rd>, <Rn>, <Rm>           (A8.8.198) */
static enum exec_result old_halfword_multiply(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 21) & 3;
	unsigned rd = A32_RN(insn), ra = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);
	bool n_high = A32_BIT(insn, 5), m_high = A32_BIT(insn, 6);

	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	switch (op1) {
	case 0:
		if (ra == 15)
			return a32_unpredictable(cpu);
		return ops_smul_xy(cpu, true, rd, rn, rm, ra, n_high, m_high);
	case 1:
		if (!n_high) { /* SMLAW<y> */
			if (ra == 15)
				return a32_unpredictable(cpu);
			return ops_smulw_y(cpu, true, rd, rn, rm, ra, m_high);
		}
		if (ra != 0) /* SMULW<y>: (0)(0)(0)(0) in [15:12] */
			return a32_unpredictable(cpu);
		return ops_smulw_y(cpu, false, rd, rn, rm, 0, m_high);
	case 2:
		if (ra == 15)
			return a32_unpredictable(cpu);
		return ops_smlal_xy(cpu, ra, rd, rn, rm, n_high, m_high);
	default:
		if (ra != 0)
			return a32_unpredictable(cpu);
		return ops_smul_xy(cpu, false, rd, rn, rm, 0, n_high, m_high);
	}
}
/* A32 (ARM state) decoder of ARMv7-A as the Cortex-A15 and Cortex-A7
 * implement it: ARM DDI 0406C chapter A5 (encodings), A8 (instructions),
 * B9 (system instructions). This file holds the top-level decode, data
 * processing, the miscellaneous and system instructions, branches,
 * coprocessor dispatch and the unconditional space; a32_ldst.c and
 * a32_media.c the rest. The semantics shared with T32 are in ops.c.
 *
 * Decode is a switch on insn[27:25], then on the class's own fields
 * (insn[24:20] and insn[7:4]); no tables are built, nothing is allocated.
 *
 * ---- UNPREDICTABLE and other choices (the shared A32/T32 policy is
 * ---- src/cpu/unpredictable.def, which generates tests/diff/UNPREDICTABLE.md;
 * ---- for the random-program generator:
 * ---- these encodings must be excluded when comparing with QEMU) ----
 *
 *  U1  Register 15 where the manual says UNPREDICTABLE (Rd/Rn/Rm/Rs/Ra = PC
 *      of register-shifted data processing, MOVW/MOVT, all multiplies and
 *      divides, saturating, parallel, pack/extend/reverse, bit fields, CLZ,
 *      SEL, USAD8, MRS/MSR, exclusives, LDRB/STRB/LDRH/STRH/LDRSB/LDRSH Rt,
 *      LDRD/STRD Rt2, LDM/STM Rn, BLX Rm, MCR/MCRR/MRRC Rt/Rt2, PLD/PLI Rm,
 *      PLDW Rn): UNDEFINED.
 *  U2  Should-be-zero / should-be-one fields ((0)/(1) in the encoding
 *      diagrams) with other values: UNDEFINED, as QEMU's decoder does. The
 *      exception is the hint space (MSR-immediate with mask 0), whose
 *      insn[11:8] is ignored (QEMU: NOP).
 *      In particular TST/TEQ/CMP/CMN with Rd != 0000 and MOV/MVN with
 *      Rn != 0000 are UNDEFINED.
 *  U3  Writeback with Rn = PC (every load/store, LDM/STM): UNDEFINED.
 *  U4  LDR/LDRB/LDRH/LDRSB/LDRSH and their T forms with writeback (or
 *      post-indexing) and Rn == Rt: the loaded value ends in the register
 *      (QEMU). STR/STRB/STRH and T forms with writeback and Rn == Rt store
 *      the value before writeback (QEMU).
 *  U5  LDRD/STRD with odd Rt, Rt = LR, P=0 W=1, writeback to Rt or Rt2;
 *      LDRD with Rm == Rt/Rt2: UNDEFINED.
 *  U6  LDRT/LDRBT/LDRHT/LDRSBT/LDRSHT with Rt = PC, STRBT/STRHT with Rt =
 *      PC, and every T form with Rn = PC: UNDEFINED. In Hyp mode
 *      (UNPREDICTABLE) they are ordinary accesses, as in QEMU.
 *  U7  LDM/STM with an empty list: UNDEFINED (QEMU too). LDM with
 *      writeback and Rn in the list: UNDEFINED (QEMU too). STM with
 *      writeback and Rn in the list but not lowest: the original Rn is
 *      stored (QEMU).
 *  U8  LDM^/STM^ (User registers) with writeback, and every ^ form in User
 *      mode: UNDEFINED. LDM^ with the PC in System mode (no SPSR):
 *      UNDEFINED. STM^/LDM^ without PC in System mode transfer the
 *      (identical) User registers. (In Hyp mode: UNDEFINED, architectural.)
 *  U9  Data processing with S and Rd = PC (SUBS PC, LR and related) in User
 *      or System mode: UNDEFINED (QEMU UNDEFs in User mode; System mode has
 *      no SPSR). (Hyp mode: UNDEFINED, architectural.)
 *  U10 UMULL/UMLAL/SMULL/SMLAL/UMAAL/SMLALxy/SMLALD/SMLSLD with RdHi ==
 *      RdLo: the register gets the high word (RdLo is written first), as
 *      in QEMU.
 *  U11 SMMLS{R} with Ra = PC: computes SMMUL{R}, as QEMU does.
 *  U12 BFI/BFC with msb < lsb, SBFX/UBFX with lsb + width > 32: UNDEFINED.
 *  U13 STREX* with Rd == Rn, Rd == Rt or Rd == Rt2; LDREXD/STREXD with odd Rt
 *      or Rt = LR: UNDEFINED (QEMU too).
 *  U14 MSR with mask 0000 (CPSR or SPSR, register or immediate): NOP, as
 *      QEMU. MRS/MSR of the SPSR in User or System mode: UNDEFINED.
 *  U15 MRS/MSR (banked register) with a SYSm that is UNPREDICTABLE for the
 *      current mode (cpu_banked_read/write decide), or in User mode:
 *      UNDEFINED.
 *  U16 CPS with imod = 01, imod<1> = 1 and no A/I/F, imod<1> = 0 with
 *      A/I/F, M = 0 with a mode, or imod = 00 with M = 0: UNDEFINED. A mode
 *      change CPS/MSR may not make leaves the mode unchanged (cpu.c).
 *  U17 SRS in User or System mode, to Hyp mode or an invalid mode number,
 *      or to Monitor mode from Non-secure state: UNDEFINED (QEMU too). RFE
 *      in User mode: UNDEFINED.
 *  U18 BKPT, HVC with cond != 1110 (UNPREDICTABLE): executed conditionally,
 *      as QEMU does.
 *  U19 ERET in User or System mode: UNDEFINED (cpu.c).
 *  U20 MCR with Rt = PC, MCRR/MRRC with Rt or Rt2 = PC, MRRC with Rt == Rt2:
 *      UNDEFINED. MRC with Rt = PC is the APSR_nzcv form (architectural;
 *      the coprocessor decides).
 *  U21 The UNPREDICTABLE rows of the unconditional space (1010011,
 *      1011x11, 11xxx11 with op2 even, barrier/CLREX options 0000, 001x,
 *      0111, 1xxx) and PLDW (immediate) with Rn = PC: UNDEFINED.
 *  U22 MRS CPSR in User mode reads the CPSR with the execution-state bits
 *      masked, as in the other modes (the non-APSR bits are UNKNOWN).
 *  U23 LDR PC / LDM PC / BX to an ARM address with bit 1 set, and
 *      exception return to an unaligned ARM address: the PC is aligned
 *      (cpu.c).
 *  U24 Coprocessor instructions for CP10/CP11 (VFP) and the Advanced SIMD
 *      spaces of the unconditional encodings: decoded by vfp.c and neon*.c,
 *      whose own choices are listed there (V1-V9 in vfp.c).
 *
 * Not a choice but worth knowing when comparing with QEMU 7.2: the
 * "unallocated memory hint" rows (100x001, 110x001 with op2 even) are
 * NOPs (A5.7.1 says "treat as NOP"); QEMU UNDEFs them. SWP/SWPB are
 * UNDEFINED on these cores (ID_ISAR0.Swap_instrs = 0); QEMU executes them.
 */


/* ---------------------------------------------------------------- */
/* data processing (A5.2.1, A5.2.2, A5.2.3)                          */

/* TST/TEQ/CMP/CMN have (0)(0)(0)(0) for Rd, MOV/MVN for Rn (U2). */
static inline bool dp_sbz_ok(unsigned op, uint32_t insn)
{
	if (op >= DP_TST && op <= DP_CMN)
		return A32_RD(insn) == 0;
	if (op == DP_MOV || op == DP_MVN)
		return A32_RN(insn) == 0;
	return true;
}

/* <opc>{S}<c> <Rd>, <Rn>, <Rm>{, <shift>} — AND (A8.8.14) … MVN (A8.8.116)
 * register forms, including MOV (register), LSL/LSR/ASR/ROR (immediate) and
 * RRX, which are MOV with a shift (A8.8.105, A8.8.95 …). */
static enum exec_result exec_DP_reg(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned imm5 = (insn >> 7) & 31, type = (insn >> 5) & 3;
	uint32_t m = cpu_reg_read(cpu, A32_RM(insn));
	bool c = carry_flag(cpu);

	if (!dp_sbz_ok(op, insn))
		return a32_unpredictable(cpu);
	if (imm5 | type) {
		unsigned amount;
		enum shift_type t = alu_decode_imm_shift(type, imm5, &amount);
		m = alu_shift_c(m, t, amount, c, &c);
	}
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), A32_RD(insn),
		      cpu_reg_read(cpu, A32_RN(insn)), m, c);
}

/* <opc>{S}<c> <Rd>, <Rn>, <Rm>, <type> <Rs> — the register-shifted
 * register forms (A8.8.3 ADC … A8.8.117 MVN), and LSL/LSR/ASR/ROR
 * (register). The shift amount is Rs<7:0>: 0 keeps C, 32 and more follow
 * Shift_C's extension. */
static enum exec_result exec_DP_rsr(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned rd = A32_RD(insn), rn = A32_RN(insn), rm = A32_RM(insn);
	unsigned rs = A32_RS(insn);
	bool c = carry_flag(cpu);

	if (!dp_sbz_ok(op, insn) || rd == 15 || rn == 15 || rm == 15 ||
	    rs == 15)
		return a32_unpredictable(cpu);
	uint32_t m = alu_shift_c(cpu->r[rm], (enum shift_type)((insn >> 5) & 3),
				 cpu->r[rs] & 0xff, c, &c);
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), rd, cpu->r[rn],
		      m, c);
}

/* <opc>{S}<c> <Rd>, <Rn>, #<const> — immediate forms (A8.8.1 ADC … ), ADR
 * (A8.8.12) is ADD/SUB with Rn = PC. ARMExpandImm_C gives the carry. */
static enum exec_result exec_DP_imm(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	bool c;
	uint32_t m = alu_arm_expand_imm_c(insn & 0xfff, carry_flag(cpu), &c);

	if (!dp_sbz_ok(op, insn))
		return a32_unpredictable(cpu);
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), A32_RD(insn),
		      cpu_reg_read(cpu, A32_RN(insn)), m, c);
}

/* MOVW<c> <Rd>, #<imm16> (A8.8.102) / MOVT<c> <Rd>, #<imm16> (A8.8.106) */
static enum exec_result exec_MOVW_MOVT(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	uint32_t imm16 = ((insn >> 4) & 0xf000) | (insn & 0xfff);
	if (rd == 15)
		return a32_unpredictable(cpu);
	if (A32_BIT(insn, 22))
		cpu->r[rd] = (cpu->r[rd] & 0xffff) | (imm16 << 16);
	else
		cpu->r[rd] = imm16;
	return EXEC_OK;
}

/* MSR<c> <spec_reg>, #<const> (A8.8.110 / B9.3.11) and the hints
 * NOP/YIELD/WFE/WFI/SEV/DBG (A8.8.119 …), op1 = 10x10 with I = 1. */
static enum exec_result exec_MSR_imm_hints(struct cpu *cpu, uint32_t insn)
{
	bool r = A32_BIT(insn, 22);
	unsigned mask = A32_RN(insn);

	if (A32_RD(insn) != 15) /* (1)(1)(1)(1) */
		return a32_unpredictable(cpu);
	if (!r && mask == 0)
		return ops_hint(cpu, insn & 0xff);
	if (mask == 0) /* U14 */
		return EXEC_OK;
	return ops_msr(cpu, r, mask,
		       alu_ror(insn & 0xff, ((insn >> 8) & 15) * 2));
}

/* ---------------------------------------------------------------- */
/* miscellaneous (A5.2.12), saturating add/subtract (A5.2.6)         */

static enum exec_result exec_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 3, op2 = (insn >> 4) & 7;
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	bool r = A32_BIT(insn, 22);

	switch (op2) {
	case 0:
		if (A32_BIT(insn, 9)) {
			/* MRS<c> <Rd>, <banked_reg> (B9.3.9)
			 * MSR<c> <banked_reg>, <Rn> (B9.3.10) */
			unsigned sysm = (A32_BIT(insn, 8) << 4) | rn;
			if (insn & 0xc00)
				return a32_unpredictable(cpu);
			if (op & 1) {
				if (rd != 15 || rm == 15)
					return a32_unpredictable(cpu);
				return ops_msr_banked(cpu, r, sysm, rm);
			}
			if (rm != 0 || rd == 15)
				return a32_unpredictable(cpu);
			return ops_mrs_banked(cpu, rd, r, sysm);
		}
		if (op & 1) {
			/* MSR<c> <spec_reg>, <Rn> (A8.8.111 / B9.3.12) */
			if (rd != 15 || (insn & 0xf00) || rm == 15)
				return a32_unpredictable(cpu);
			if (rn == 0) /* mask 0000, U14 */
				return EXEC_OK;
			return ops_msr(cpu, r, rn, cpu->r[rm]);
		}
		/* MRS<c> <Rd>, <spec_reg> (A8.8.109 / B9.3.8) */
		if (rn != 15 || (insn & 0xf0f) || rd == 15)
			return a32_unpredictable(cpu);
		return ops_mrs(cpu, rd, r);
	case 1:
		if (op == 1) {
			/* BX<c> <Rm> (A8.8.27) */
			if ((insn & 0xfff00) != 0xfff00)
				return a32_unpredictable(cpu);
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, rm));
			return EXEC_OK;
		}
		if (op == 3) {
			/* CLZ<c> <Rd>, <Rm> (A8.8.33) */
			if (rn != 15 || A32_RS(insn) != 15 || rd == 15 ||
			    rm == 15)
				return a32_unpredictable(cpu);
			return ops_clz(cpu, rd, rm);
		}
		break;
	case 2:
		if (op == 1) {
			/* BXJ<c> <Rm> (A8.8.28): Jazelle is the trivial
			 * implementation on both cores (ID_PFR0.State2 = 0001,
			 * JMCR.JE RAZ), so BXJ is BX. */
			if ((insn & 0xfff00) != 0xfff00)
				return a32_unpredictable(cpu);
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, rm));
			return EXEC_OK;
		}
		break;
	case 3:
		if (op == 1) {
			/* BLX<c> <Rm> (A8.8.26) */
			if ((insn & 0xfff00) != 0xfff00 || rm == 15)
				return a32_unpredictable(cpu);
			uint32_t target = cpu->r[rm];
			cpu->r[14] = cpu->r[15] + 4;
			cpu_branch_interwork(cpu, target);
			return EXEC_OK;
		}
		break;
	case 5:
		/* QADD/QSUB/QDADD/QDSUB<c> <Rd>, <Rm>, <Rn> (A8.8.124, .131,
		 * .127, .128) */
		if ((insn & 0xf00) || rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_qaddsub(cpu, (enum qadd_op)op, rd, rm, rn);
	case 6:
		if (op == 3) {
			/* ERET<c> (B9.3.3) */
			if ((insn & 0xfff0f) != 0xe)
				return a32_unpredictable(cpu);
			return cpu_eret(cpu);
		}
		break;
	case 7: {
		uint32_t imm16 = ((insn >> 4) & 0xfff0) | (insn & 0xf);
		if (op == 1) /* BKPT #<imm16> (A8.8.24) */
			return cpu_bkpt(cpu, imm16);
		if (op == 2) /* HVC #<imm16> (B9.3.4) */
			return cpu_hvc(cpu, imm16);
		if (op == 3) { /* SMC<c> #<imm4> (B9.3.14) */
			if (insn & 0xfff00)
				return a32_unpredictable(cpu);
			return cpu_smc(cpu);
		}
		break;
	}
	default:
		break;
	}
	return cpu_undefined(cpu);
}

/* Data-processing and miscellaneous instructions with insn[27:25] = 000
 * (A5.2). */
static enum exec_result exec_dp_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 31, op2 = (insn >> 4) & 15;
	bool misc_space = (op1 & 0x19) == 0x10; /* 10xx0 */

	if (!(op2 & 1)) {
		if (!misc_space)
			return exec_DP_reg(cpu, insn);
		if (op2 & 8)
			return old_halfword_multiply(cpu, insn);
		return exec_misc(cpu, insn);
	}
	if (!(op2 & 8)) {
		if (misc_space)
			return exec_misc(cpu, insn);
		return exec_DP_rsr(cpu, insn);
	}
	if (op2 == 9)
		return (op1 & 0x10) ? old_sync(cpu, insn)
				    : old_multiply(cpu, insn);
	return old_ldst_extra(cpu, insn);
}

/* Data-processing immediate, MOVW/MOVT, MSR (immediate) and hints:
 * insn[27:25] = 001. */
static enum exec_result exec_dp_imm_space(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 31;
	if ((op1 & 0x19) != 0x10)
		return exec_DP_imm(cpu, insn);
	if (op1 == 0x10 || op1 == 0x14)
		return exec_MOVW_MOVT(cpu, insn);
	if ((op1 & 0x1b) == 0x12)
		return exec_MSR_imm_hints(cpu, insn);
	return cpu_undefined(cpu);
}

/* ---------------------------------------------------------------- */
/* branches (A5.5)                                                   */

/* B<c> <label> (A8.8.18) / BL<c> <label> (A8.8.25) */
static enum exec_result exec_B_BL(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6);
	uint32_t target = cpu->r[15] + 8 + imm32;
	if (A32_BIT(insn, 24))
		cpu->r[14] = cpu->r[15] + 4;
	cpu_branch(cpu, target);
	return EXEC_OK;
}

/* BLX <label> (A8.8.25, encoding A2): to Thumb, H gives bit 1. */
static enum exec_result exec_BLX_imm(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6) |
			 (A32_BIT(insn, 24) << 1);
	uint32_t target = cpu->r[15] + 8 + imm32;
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch_interwork(cpu, target | 1);
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* coprocessor instructions and SVC (A5.6)                           */

/* MCR/MRC{2}<c> <coproc>, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>} (A8.8.98,
 * A8.8.108), MCRR/MRRC{2} (A8.8.99, A8.8.109), LDC/STC{2} (A8.8.56,
 * A8.8.119), CDP{2} (A8.8.28): the coprocessor decides (UNDEFINED or a Hyp
 * trap included). */
static enum exec_result exec_coproc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 63, coproc = (insn >> 8) & 15;
	unsigned rt = A32_RD(insn), rt2 = A32_RN(insn);

	if ((op1 & 0x3e) == 0)
		return cpu_undefined(cpu);
	if ((coproc & 0xe) == 0xa) /* VFP (vfp.c) */
		return ((insn >> 25) & 7) == 6 ? vfp_ldst_or_64(cpu, insn)
						 : vfp_cdp_or_transfer(cpu, insn);
	if (op1 == 0x04 || op1 == 0x05) {
		bool read = op1 & 1;
		if (rt == 15 || rt2 == 15 || (read && rt == rt2))
			return a32_unpredictable(cpu);
		return cpu_coproc_rrt(cpu, coproc, read, (insn >> 4) & 15,
				      A32_RM(insn), rt, rt2);
	}
	if (!(op1 & 0x20) || !(insn & 0x10))
		return cpu_coproc_other(cpu, coproc); /* LDC, STC, CDP */
	bool read = op1 & 1;
	if (!read && rt == 15)
		return a32_unpredictable(cpu);
	return cpu_coproc_rt(cpu, coproc, read, (insn >> 21) & 7,
			     A32_RN(insn), A32_RM(insn), (insn >> 5) & 7, rt);
}

static enum exec_result exec_coproc_svc(struct cpu *cpu, uint32_t insn)
{
	/* SVC<c> #<imm24> (A8.8.228) */
	if ((insn & 0x0f000000) == 0x0f000000)
		return cpu_svc(cpu, insn & 0xffffff);
	return exec_coproc(cpu, insn);
}

/* ---------------------------------------------------------------- */
/* unconditional instructions (A5.7)                                 */

/* CPS<effect> <iflags>{, #<mode>} / CPS #<mode> (B9.3.2) */
static enum exec_result exec_CPS(struct cpu *cpu, uint32_t insn)
{
	unsigned imod = (insn >> 18) & 3, mode = insn & 31;
	bool m = A32_BIT(insn, 17);
	bool a = A32_BIT(insn, 8), i = A32_BIT(insn, 7), f = A32_BIT(insn, 6);
	bool any = a || i || f;

	if ((insn & 0xfe00) || (mode && !m) || ((imod & 2) && !any) ||
	    (!(imod & 2) && any) || (imod == 0 && !m) || imod == 1)
		return a32_unpredictable(cpu);
	return ops_cps(cpu, imod, a, i, f, m, mode);
}

/* PLD/PLDW/PLI (A8.8.126..A8.8.130) and the unallocated memory hints:
 * decoded, no effect (no access, so nothing can fault). */
static enum exec_result exec_preload(struct cpu *cpu, uint32_t insn,
				     bool reg_form, bool pldw)
{
	if (A32_RD(insn) != 15) /* (1)(1)(1)(1) */
		return a32_unpredictable(cpu);
	if (reg_form && A32_RM(insn) == 15)
		return a32_unpredictable(cpu);
	if (pldw && A32_RN(insn) == 15)
		return a32_unpredictable(cpu);
	return EXEC_OK;
}

/* Memory hints, Advanced SIMD, miscellaneous (A5.7.1): cond = 1111,
 * insn[27] = 0. */
static enum exec_result exec_uncond_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 0x7f, op2 = (insn >> 4) & 15;

	if (op1 == 0x10) {
		if (!A32_BIT(insn, 16) && !(op2 & 2))
			return exec_CPS(cpu, insn);
		if (A32_BIT(insn, 16) && op2 == 0) {
			/* SETEND <endian_specifier> (A8.8.152) */
			if ((insn & 0x000ffdff) != 0x00010000)
				return a32_unpredictable(cpu);
			return ops_setend(cpu, A32_BIT(insn, 9));
		}
		return cpu_undefined(cpu);
	}
	if ((op1 & 0x60) == 0x20) /* Advanced SIMD data processing */
		return vfp_neon_dp(cpu, insn);
	if ((op1 & 0x71) == 0x40) /* Advanced SIMD element load/store */
		return vfp_neon_ls(cpu, insn);
	if (op1 == 0x57) {
		/* CLREX (A8.8.32), DSB (A8.8.44), DMB (A8.8.43), ISB
		 * (A8.8.54); the option field is not checked: every value
		 * is a full-system barrier here. */
		if ((insn & 0x000fff00) != 0x000ff000)
			return a32_unpredictable(cpu);
		switch (op2) {
		case 1:
			if ((insn & 15) != 15)
				return a32_unpredictable(cpu);
			cpu_clear_exclusive(cpu);
			return EXEC_OK;
		case 4:
			cpu_barrier(cpu, BARRIER_DSB);
			return EXEC_OK;
		case 5:
			cpu_barrier(cpu, BARRIER_DMB);
			return EXEC_OK;
		case 6:
			cpu_barrier(cpu, BARRIER_ISB);
			return EXEC_OK;
		default:
			return a32_unpredictable(cpu); /* U21 */
		}
	}
	bool reg_form = op1 & 0x20;
	if (reg_form && (op2 & 1))
		return cpu_undefined(cpu);
	switch (op1 & 0x77) {
	case 0x41: /* unallocated memory hints: treat as NOP */
	case 0x61:
		return EXEC_OK;
	case 0x45: /* PLI */
	case 0x65:
	case 0x55: /* PLD */
	case 0x75:
		return exec_preload(cpu, insn, reg_form, false);
	case 0x51: /* PLDW */
	case 0x71:
		return exec_preload(cpu, insn, reg_form, true);
	default:
		/* 1010011, 1011x11, 11xxx11: UNPREDICTABLE (U21); the rest,
		 * UDF 1111111/1111 included, UNDEFINED */
		return cpu_undefined(cpu);
	}
}

static enum exec_result exec_uncond(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 0xff;

	if (!(op1 & 0x80))
		return exec_uncond_misc(cpu, insn);
	switch (op1 >> 5) {
	case 4:
		if ((op1 & 5) == 4) {
			/* SRS{<amode>} SP{!}, #<mode> (B9.3.16) */
			if ((insn & 0x000fffe0) != 0x000d0500)
				return a32_unpredictable(cpu);
			return ops_srs(cpu, insn & 31, A32_BIT(insn, 23),
				       A32_BIT(insn, 24), A32_BIT(insn, 21));
		}
		if ((op1 & 5) == 1) {
			/* RFE{<amode>} <Rn>{!} (B9.3.13) */
			if ((insn & 0xffff) != 0x0a00 || A32_RN(insn) == 15)
				return a32_unpredictable(cpu);
			return ops_rfe(cpu, A32_RN(insn), A32_BIT(insn, 23),
				       A32_BIT(insn, 24), A32_BIT(insn, 21));
		}
		return cpu_undefined(cpu);
	case 5:
		return exec_BLX_imm(cpu, insn);
	case 6:
	case 7:
		/* LDC2/STC2/MCRR2/MRRC2/CDP2/MCR2/MRC2 (A8.8.*, encoding A2):
		 * these cores implement no coprocessor that accepts the "2"
		 * forms (CP14 and CP15 only have MCR/MRC/MCRR/MRRC, and LDC/STC
		 * for DBGDTR; B3.17.1, C6.2), and coproc 101x is UNDEFINED in
		 * this space: all UNDEFINED. */
		return cpu_undefined(cpu);
	default:
		return cpu_undefined(cpu);
	}
}

/* ---------------------------------------------------------------- */

enum exec_result a32_execute_old(struct cpu *cpu, uint32_t insn)
{
	unsigned cond = insn >> 28;

	if (cond != 0xe) {
		if (cond == 0xf)
			return exec_uncond(cpu, insn);
		if (!cpu_condition_passed(cpu, cond))
			return EXEC_OK;
	}
	switch ((insn >> 25) & 7) {
	case 0:
		return exec_dp_misc(cpu, insn);
	case 1:
		return exec_dp_imm_space(cpu, insn);
	case 2:
		return old_ldst_word_byte(cpu, insn);
	case 3:
		if (insn & 0x10)
			return old_media(cpu, insn);
		return old_ldst_word_byte(cpu, insn);
	case 4:
		return old_block(cpu, insn);
	case 5:
		return exec_B_BL(cpu, insn);
	default:
		return exec_coproc_svc(cpu, insn);
	}
}
