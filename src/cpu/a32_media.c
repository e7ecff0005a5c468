/* A32 media instructions (A5.4: parallel add/subtract, packing, unpacking,
 * saturation, reversal, signed multiplies, divide, USAD8, bit fields) and
 * the multiply groups of the data-processing space (A5.2.5, A5.2.7): the
 * handlers of their a32.def lines. The table has decided the instruction
 * (and the (0)/(1) fields); the handlers extract the operands and apply
 * the PC rules (U1). The semantics are in ops.c. */
#include "cpu/a32_internal.h"

/* ---- parallel addition and subtraction, signed (A5.4.1) and unsigned
 * (A5.4.2) ----
 *   <prefix>{ADD16,ASX,SAX,SUB16,ADD8,SUB8}<c> <Rd>, <Rn>, <Rm>
 *   (SADD16 A8.8.159 … UHSUB8 A8.8.249): one handler for the 36 lines,
 * insn[22:20] gives the prefix and insn[7:5] the operation (enum par_op). */
enum exec_result a32_parallel(struct cpu *cpu, uint32_t insn)
{
	/* the prefixes of insn[22:20] = 001 … 111; 000 and 100 have no
	 * line in the table */
	static const unsigned char prefixes[8] = {
		0, PAR_S, PAR_Q, PAR_SH, 0, PAR_U, PAR_UQ, PAR_UH,
	};
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);

	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_parallel(cpu, (enum par_prefix)prefixes[(insn >> 20) & 7],
			    (enum par_op)((insn >> 5) & 7), rd, rn, rm);
}

/* ---- packing, unpacking, saturation and reversal (A5.4.3) ---- */

/* SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>} (A8.8.161) and USAT (A8.8.253) */
static inline enum exec_result saturate(struct cpu *cpu, uint32_t insn,
					bool unsigned_sat)
{
	unsigned rd = A32_RD(insn), n = A32_RM(insn), amount;
	unsigned sat = (insn >> 16) & 31;
	enum shift_type t = alu_decode_imm_shift((insn >> 5) & 2, insn >> 7,
						 &amount);
	if (rd == 15 || n == 15)
		return a32_unpredictable(cpu);
	if (unsigned_sat)
		return ops_usat(cpu, rd, sat, n, t, amount);
	return ops_ssat(cpu, rd, sat + 1, n, t, amount);
}

enum exec_result a32_SSAT(struct cpu *cpu, uint32_t insn)
{
	return saturate(cpu, insn, false);
}

enum exec_result a32_USAT(struct cpu *cpu, uint32_t insn)
{
	return saturate(cpu, insn, true);
}

/* SSAT16<c> <Rd>, #<imm>, <Rn> (A8.8.162), USAT16<c> <Rd>, #<imm4>, <Rn>
 * (A8.8.254) */
enum exec_result a32_SSAT16(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_ssat16(cpu, rd, ((insn >> 16) & 15) + 1, rm);
}

enum exec_result a32_USAT16(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_usat16(cpu, rd, (insn >> 16) & 15, rm);
}

/* PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>} / PKHTB … ASR #<imm> (A8.8.125):
 * tb = insn[6] */
enum exec_result a32_PKH(struct cpu *cpu, uint32_t insn)
{
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	bool tb = A32_BIT(insn, 6);
	unsigned amount;

	alu_decode_imm_shift(tb ? SRTYPE_ASR : SRTYPE_LSL, insn >> 7, &amount);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_pkh(cpu, tb, rd, rn, rm, amount);
}

/* SXTAB16/SXTB16, SXTAB/SXTB, SXTAH/SXTH, UXTAB16/UXTB16, UXTAB/UXTB,
 * UXTAH/UXTH (A8.8.220.. / A8.8.271..):
 *   SXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}; Rn = 1111 is SXTB.
 * One handler for the 12 lines: insn[22:20] is the operation. */
enum exec_result a32_extend(struct cpu *cpu, uint32_t insn)
{
	/* insn[22:20] = 001 and 101 have no line in the table */
	static const unsigned char ext[8] = {
		EXT_SXTB16, 0, EXT_SXTB, EXT_SXTH,
		EXT_UXTB16, 0, EXT_UXTB, EXT_UXTH,
	};
	unsigned rd = A32_RD(insn), rm = A32_RM(insn);

	if (rd == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_extend(cpu, (enum ext_op)ext[(insn >> 20) & 7], rd,
			  A32_RN(insn), rm, ((insn >> 10) & 3) * 8);
}

/* SEL<c> <Rd>, <Rn>, <Rm> (A8.8.151) */
enum exec_result a32_SEL(struct cpu *cpu, uint32_t insn)
{
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_sel(cpu, rd, rn, rm);
}

/* REV<c> <Rd>, <Rm> (A8.8.145), REV16 (A8.8.146), RBIT (A8.8.144), REVSH
 * (A8.8.147) */
static inline enum exec_result reverse(struct cpu *cpu, uint32_t insn,
				       enum rev_op op)
{
	unsigned rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_rev(cpu, op, rd, rm);
}

enum exec_result a32_REV(struct cpu *cpu, uint32_t insn)
{
	return reverse(cpu, insn, REV_REV);
}

enum exec_result a32_REV16(struct cpu *cpu, uint32_t insn)
{
	return reverse(cpu, insn, REV_REV16);
}

enum exec_result a32_RBIT(struct cpu *cpu, uint32_t insn)
{
	return reverse(cpu, insn, REV_RBIT);
}

enum exec_result a32_REVSH(struct cpu *cpu, uint32_t insn)
{
	return reverse(cpu, insn, REV_REVSH);
}

/* ---- signed multiply, signed and unsigned divide (A5.4.4) ----
 * Here Rd is insn[19:16], Ra insn[15:12], Rm insn[11:8], Rn insn[3:0]; M
 * (or R) is insn[5]. */

/* SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra> (A8.8.177), SMUAD{X} (A8.8.194)
 * when Ra = 1111; SMLSD{X} (A8.8.186), SMUSD{X} (A8.8.197) */
static inline enum exec_result dual_multiply(struct cpu *cpu, uint32_t insn,
					     bool subtract)
{
	unsigned rd = A32_RN(insn), ra = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_smlad(cpu, subtract, rd, rn, rm, ra, A32_BIT(insn, 5));
}

enum exec_result a32_SMLAD(struct cpu *cpu, uint32_t insn)
{
	return dual_multiply(cpu, insn, false);
}

enum exec_result a32_SMLSD(struct cpu *cpu, uint32_t insn)
{
	return dual_multiply(cpu, insn, true);
}

/* SDIV<c> <Rd>, <Rn>, <Rm> (A8.8.165), UDIV (A8.8.248):
 * ID_ISAR0.Divide_instrs = 2 on both cores */
static inline enum exec_result divide(struct cpu *cpu, uint32_t insn,
				      bool is_signed)
{
	unsigned rd = A32_RN(insn), rm = A32_RS(insn), rn = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_div(cpu, is_signed, rd, rn, rm);
}

enum exec_result a32_SDIV(struct cpu *cpu, uint32_t insn)
{
	return divide(cpu, insn, true);
}

enum exec_result a32_UDIV(struct cpu *cpu, uint32_t insn)
{
	return divide(cpu, insn, false);
}

/* SMLALD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm> (A8.8.178), SMLSLD{X}
 * (A8.8.187): RdLo = insn[15:12], RdHi = [19:16] */
static inline enum exec_result dual_multiply_long(struct cpu *cpu,
						  uint32_t insn, bool subtract)
{
	unsigned hi = A32_RN(insn), lo = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);
	if (lo == 15 || hi == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_smlald(cpu, subtract, lo, hi, rn, rm, A32_BIT(insn, 5));
}

enum exec_result a32_SMLALD(struct cpu *cpu, uint32_t insn)
{
	return dual_multiply_long(cpu, insn, false);
}

enum exec_result a32_SMLSLD(struct cpu *cpu, uint32_t insn)
{
	return dual_multiply_long(cpu, insn, true);
}

/* SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra> (A8.8.189), SMMUL{R} (A8.8.193) when
 * Ra = 1111, SMMLS{R} (A8.8.191). SMMLS with Ra = 1111 is UNPREDICTABLE:
 * hypsim computes SMMUL{R}, as QEMU does (U11). */
static inline enum exec_result most_significant(struct cpu *cpu,
						uint32_t insn, bool subtract)
{
	unsigned rd = A32_RN(insn), ra = A32_RD(insn), rm = A32_RS(insn);
	unsigned rn = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_smmul(cpu, subtract && ra != 15, A32_BIT(insn, 5), rd, rn,
			 rm, ra);
}

enum exec_result a32_SMMLA(struct cpu *cpu, uint32_t insn)
{
	return most_significant(cpu, insn, false);
}

enum exec_result a32_SMMLS(struct cpu *cpu, uint32_t insn)
{
	return most_significant(cpu, insn, true);
}

/* ---- the other media instructions (A5.4) ---- */

/* USAD8<c> <Rd>, <Rn>, <Rm> (A8.8.252) when Ra = 1111, USADA8 (A8.8.253);
 * Rd = insn[19:16], Ra = [15:12], Rm = [11:8], Rn = [3:0] */
enum exec_result a32_USADA8(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RN(insn), rm = A32_RS(insn), rn = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_usad8(cpu, rd, rn, rm, A32_RD(insn));
}

/* SBFX<c> <Rd>, <Rn>, #<lsb>, #<width> (A8.8.164), UBFX (A8.8.246) */
static inline enum exec_result extract(struct cpu *cpu, uint32_t insn,
				       bool is_signed)
{
	unsigned rd = A32_RD(insn), rn = A32_RM(insn);
	unsigned lsb = (insn >> 7) & 31, widthm1 = (insn >> 16) & 31;
	if (rd == 15 || rn == 15 || lsb + widthm1 > 31) /* U12 */
		return a32_unpredictable(cpu);
	return ops_bfx(cpu, is_signed, rd, rn, lsb, widthm1);
}

enum exec_result a32_SBFX(struct cpu *cpu, uint32_t insn)
{
	return extract(cpu, insn, true);
}

enum exec_result a32_UBFX(struct cpu *cpu, uint32_t insn)
{
	return extract(cpu, insn, false);
}

/* BFI<c> <Rd>, <Rn>, #<lsb>, #<width> (A8.8.21); BFC (A8.8.20) is Rn =
 * 1111, which ops_bfi takes as the zero source */
enum exec_result a32_BFI(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	unsigned lsb = (insn >> 7) & 31, msb = (insn >> 16) & 31;
	if (rd == 15 || msb < lsb) /* U12 */
		return a32_unpredictable(cpu);
	return ops_bfi(cpu, rd, A32_RM(insn), lsb, msb);
}

/* ---- multiply and multiply accumulate (A5.2.5), insn[7:4] = 1001 ----
 *   MUL{S}<c> <Rd>, <Rn>, <Rm>           (A8.8.114)
 *   MLA{S}<c> <Rd>, <Rn>, <Rm>, <Ra>     (A8.8.100), MLS (A8.8.101)
 *   UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>  (A8.8.255)
 *   UMULL, UMLAL, SMULL, SMLAL {S}       (A8.8.257, .256, .196, .178)
 * Rd/RdHi = insn[19:16], Ra/RdLo = [15:12], Rm = [11:8], Rn = [3:0]; MUL's
 * (0)(0)(0)(0) Ra is the table's. RdHi == RdLo is UNPREDICTABLE: RdHi
 * wins (U10, ops_mull). */

/* false when a register the encoding forbids is the PC (U1) */
static inline bool mul_regs_ok(uint32_t insn, bool ra_used)
{
	return A32_RN(insn) != 15 && A32_RM(insn) != 15 &&
	       A32_RS(insn) != 15 && !(ra_used && A32_RD(insn) == 15);
}

static inline enum exec_result multiply(struct cpu *cpu, uint32_t insn,
					enum mul_op op, bool ra_used)
{
	if (!mul_regs_ok(insn, ra_used))
		return a32_unpredictable(cpu);
	return ops_mul(cpu, op, op != MUL_MLS && A32_BIT(insn, 20),
		       A32_RN(insn), A32_RM(insn), A32_RS(insn),
		       ra_used ? A32_RD(insn) : 0);
}

enum exec_result a32_MUL(struct cpu *cpu, uint32_t insn)
{
	return multiply(cpu, insn, MUL_MUL, false);
}

enum exec_result a32_MLA(struct cpu *cpu, uint32_t insn)
{
	return multiply(cpu, insn, MUL_MLA, true);
}

enum exec_result a32_MLS(struct cpu *cpu, uint32_t insn)
{
	return multiply(cpu, insn, MUL_MLS, true);
}

static inline enum exec_result multiply_long(struct cpu *cpu, uint32_t insn,
					     enum mull_op op)
{
	if (!mul_regs_ok(insn, true))
		return a32_unpredictable(cpu);
	return ops_mull(cpu, op, op != MULL_UMAAL && A32_BIT(insn, 20),
			A32_RD(insn), A32_RN(insn), A32_RM(insn),
			A32_RS(insn));
}

enum exec_result a32_UMAAL(struct cpu *cpu, uint32_t insn)
{
	return multiply_long(cpu, insn, MULL_UMAAL);
}

enum exec_result a32_UMULL(struct cpu *cpu, uint32_t insn)
{
	return multiply_long(cpu, insn, MULL_UMULL);
}

enum exec_result a32_UMLAL(struct cpu *cpu, uint32_t insn)
{
	return multiply_long(cpu, insn, MULL_UMLAL);
}

enum exec_result a32_SMULL(struct cpu *cpu, uint32_t insn)
{
	return multiply_long(cpu, insn, MULL_SMULL);
}

enum exec_result a32_SMLAL(struct cpu *cpu, uint32_t insn)
{
	return multiply_long(cpu, insn, MULL_SMLAL);
}

/* ---- halfword multiply and multiply accumulate (A5.2.7) ----
 *   SMLA<x><y><c> <Rd>, <Rn>, <Rm>, <Ra>     (A8.8.176)
 *   SMLAW<y>, SMULW<y>                       (A8.8.181, A8.8.199)
 *   SMLAL<x><y><c> <RdLo>, <RdHi>, <Rn>, <Rm> (A8.8.179)
 *   SMUL<x><y><c> <Rd>, <Rn>, <Rm>           (A8.8.198)
 * x (N high) is insn[5], y (M high) insn[6]; the (0)(0)(0)(0) Ra of
 * SMULW<y> and SMUL<x><y> is the table's. */

enum exec_result a32_SMLAxy(struct cpu *cpu, uint32_t insn)
{
	if (!mul_regs_ok(insn, true))
		return a32_unpredictable(cpu);
	return ops_smul_xy(cpu, true, A32_RN(insn), A32_RM(insn), A32_RS(insn),
			   A32_RD(insn), A32_BIT(insn, 5), A32_BIT(insn, 6));
}

enum exec_result a32_SMULxy(struct cpu *cpu, uint32_t insn)
{
	if (!mul_regs_ok(insn, false))
		return a32_unpredictable(cpu);
	return ops_smul_xy(cpu, false, A32_RN(insn), A32_RM(insn),
			   A32_RS(insn), 0, A32_BIT(insn, 5), A32_BIT(insn, 6));
}

enum exec_result a32_SMLAWy(struct cpu *cpu, uint32_t insn)
{
	if (!mul_regs_ok(insn, true))
		return a32_unpredictable(cpu);
	return ops_smulw_y(cpu, true, A32_RN(insn), A32_RM(insn), A32_RS(insn),
			   A32_RD(insn), A32_BIT(insn, 6));
}

enum exec_result a32_SMULWy(struct cpu *cpu, uint32_t insn)
{
	if (!mul_regs_ok(insn, false))
		return a32_unpredictable(cpu);
	return ops_smulw_y(cpu, false, A32_RN(insn), A32_RM(insn),
			   A32_RS(insn), 0, A32_BIT(insn, 6));
}

enum exec_result a32_SMLALxy(struct cpu *cpu, uint32_t insn)
{
	if (!mul_regs_ok(insn, true))
		return a32_unpredictable(cpu);
	return ops_smlal_xy(cpu, A32_RD(insn), A32_RN(insn), A32_RM(insn),
			    A32_RS(insn), A32_BIT(insn, 5), A32_BIT(insn, 6));
}
