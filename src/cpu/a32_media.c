/* A32 media instructions (A5.4: parallel add/subtract, packing, unpacking,
 * saturation, reversal, signed multiplies, divide, USAD8, bit fields) and
 * the multiply groups of the data-processing space (A5.2.5, A5.2.7).
 * Decoding only; the semantics are in ops.c. */
#include "cpu/a32_internal.h"

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
enum exec_result a32_media(struct cpu *cpu, uint32_t insn)
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
enum exec_result a32_multiply(struct cpu *cpu, uint32_t insn)
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
enum exec_result a32_halfword_multiply(struct cpu *cpu, uint32_t insn)
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
