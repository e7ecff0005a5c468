/* 32-bit Thumb data processing and multiplies, ARM DDI 0406C A6.3.1
 * (modified immediate), A6.3.3 (plain binary immediate), A6.3.11 (shifted
 * register), A6.3.12-A6.3.15 (register, parallel add/subtract,
 * miscellaneous), A6.3.16-A6.3.17 (multiplies, long multiplies, divide):
 * the handlers of these lines of t32.def. The table decided which
 * instruction an encoding is; a handler reads the operation from the
 * opcode field of its lines where several lines share it.
 * A destination of PC is UNPREDICTABLE in all of them; hypsim takes
 * UNDEFINED (listed in t32.c). */
#include "cpu/t32_internal.h"

static bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* The shared opcode field of A6.3.1 and A6.3.11, hw1<8:5>, for the lines
 * that have an operation there (the others have no line). */
static const enum dp_op dp_ops[16] = {
	[0x0] = DP_AND, [0x1] = DP_BIC, [0x2] = DP_ORR, [0x3] = DP_ORN,
	[0x4] = DP_EOR, [0x8] = DP_ADD, [0xa] = DP_ADC, [0xb] = DP_SBC,
	[0xd] = DP_SUB, [0xe] = DP_RSB,
};

/* TST, TEQ, CMN, CMP: the AND, EOR, ADD, SUB opcodes with Rd = 1111 and
 * S = 1. */
static const enum dp_op cmp_ops[16] = {
	[0x0] = DP_TST, [0x4] = DP_TEQ, [0x8] = DP_CMN, [0xd] = DP_CMP,
};

static unsigned dp_opcode(uint32_t insn)
{
	return tb(insn, 24, 21);
}

/* ThumbExpandImm_C of A6.3.1's imm12 (i:imm3:imm8); false for the
 * UNPREDICTABLE zero replicated byte (UNDEFINED, t32.c). */
static bool modimm(struct t32 *t, uint32_t *imm, bool *carry)
{
	uint32_t imm12 = (tbit(t->insn, 26) << 11) |
			 (tb(t->insn, 14, 12) << 8) | tb(t->insn, 7, 0);
	bool unpred;
	*imm = alu_thumb_expand_imm_c(imm12, carry_flag(t->cpu), carry,
				      &unpred);
	return !unpred;
}

/* Rm shifted by A6.3.11's imm3:imm2 and type (DecodeImmShift). */
static uint32_t shifted_rm(struct t32 *t, bool *carry)
{
	struct cpu *cpu = t->cpu;
	unsigned imm5 = (tb(t->insn, 14, 12) << 2) | tb(t->insn, 7, 6);
	unsigned amount;
	enum shift_type st =
		alu_decode_imm_shift(tb(t->insn, 5, 4), imm5, &amount);
	return alu_shift_c(cpu_reg_read(cpu, tb(t->insn, 3, 0)), st, amount,
			   carry_flag(cpu), carry);
}

/* <op>{S}.W Rd, Rn, operand2 (AND, BIC, ORR, ORN, EOR, ADD, ADC, SBC,
 * SUB, RSB). */
static enum exec_result dp_rd(struct t32 *t, uint32_t m, bool carry)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = tb(t->insn, 11, 8);

	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	return ops_dp_fast(cpu, dp_ops[dp_opcode(t->insn)], tbit(t->insn, 20),
			   rd, cpu_reg_read(cpu, tb(t->insn, 19, 16)), m,
			   carry);
}

/* TST, TEQ, CMN, CMP .W Rn, operand2. */
static enum exec_result dp_compare(struct t32 *t, uint32_t m, bool carry)
{
	struct cpu *cpu = t->cpu;
	return ops_dp_fast(cpu, cmp_ops[dp_opcode(t->insn)], true, 0,
			   cpu_reg_read(cpu, tb(t->insn, 19, 16)), m, carry);
}

/* MOV{S}.W, MVN{S}.W Rd, operand2 (ORR/ORN with Rn = 1111; hw1<5>
 * says which). */
static enum exec_result dp_move(struct t32 *t, uint32_t m, bool carry)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = tb(t->insn, 11, 8);

	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	return ops_dp_fast(cpu, tbit(t->insn, 21) ? DP_MVN : DP_MOV,
			   tbit(t->insn, 20), rd, 0, m, carry);
}

/* A6.3.1: AND, BIC, ORR, ORN, EOR, ADD, ADC, SBC, SUB, RSB (immediate). */
enum exec_result t32_dp_imm(struct t32 *t)
{
	uint32_t imm;
	bool carry;
	if (!modimm(t, &imm, &carry))
		return cpu_undefined(t->cpu);
	return dp_rd(t, imm, carry);
}

/* A6.3.1: TST, TEQ, CMN, CMP (immediate). */
enum exec_result t32_compare_imm(struct t32 *t)
{
	uint32_t imm;
	bool carry;
	if (!modimm(t, &imm, &carry))
		return cpu_undefined(t->cpu);
	return dp_compare(t, imm, carry);
}

/* A6.3.1: MOV, MVN (immediate). */
enum exec_result t32_mov_imm(struct t32 *t)
{
	uint32_t imm;
	bool carry;
	if (!modimm(t, &imm, &carry))
		return cpu_undefined(t->cpu);
	return dp_move(t, imm, carry);
}

/* A6.3.11: AND, BIC, ORR, ORN, EOR, ADD, ADC, SBC, SUB, RSB (register). */
enum exec_result t32_dp_reg(struct t32 *t)
{
	bool carry;
	uint32_t m = shifted_rm(t, &carry);
	return dp_rd(t, m, carry);
}

/* A6.3.11: TST, TEQ, CMN, CMP (register). */
enum exec_result t32_compare_reg(struct t32 *t)
{
	bool carry;
	uint32_t m = shifted_rm(t, &carry);
	return dp_compare(t, m, carry);
}

/* A6.3.11: MOV (register), LSL, LSR, ASR, ROR (immediate), RRX, MVN
 * (register). */
enum exec_result t32_mov_reg(struct t32 *t)
{
	bool carry;
	uint32_t m = shifted_rm(t, &carry);
	return dp_move(t, m, carry);
}

/* PKHBT, PKHTB (A8.8.125): hw2<5> = tb. */
enum exec_result t32_pkh(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = tb(t->insn, 11, 8);
	unsigned imm5 = (tb(t->insn, 14, 12) << 2) | tb(t->insn, 7, 6);
	bool tbform = tbit(t->insn, 5);

	if (rd == 15)
		return cpu_undefined(cpu);
	return ops_pkh(cpu, tbform, rd, tb(t->insn, 19, 16), tb(t->insn, 3, 0),
		       (tbform && imm5 == 0) ? 32 : imm5);
}

/* ---- A6.3.3: data processing (plain binary immediate) ---- */

static unsigned plain_rd(const struct t32 *t)
{
	return tb(t->insn, 11, 8);
}

/* i:imm3:imm8 */
static uint32_t plain_imm12(const struct t32 *t)
{
	return (tbit(t->insn, 26) << 11) | (tb(t->insn, 14, 12) << 8) |
	       tb(t->insn, 7, 0);
}

/* imm4:i:imm3:imm8 */
static uint32_t plain_imm16(const struct t32 *t)
{
	return (tb(t->insn, 19, 16) << 12) | plain_imm12(t);
}

/* imm3:imm2, the lsb or shift amount */
static unsigned plain_lsb(const struct t32 *t)
{
	return (tb(t->insn, 14, 12) << 2) | tb(t->insn, 7, 6);
}

/* ADDW (A8.8.4 T4), SUBW (A8.8.222 T4), ADR T3 / T2 (A8.8.12). */
static enum exec_result add_sub_wide(struct t32 *t, enum dp_op op,
				     uint32_t base)
{
	unsigned rd = plain_rd(t);
	if (rd == 15)
		return cpu_undefined(t->cpu); /* UNPREDICTABLE, see t32.c */
	return ops_dp(t->cpu, op, false, rd, base, plain_imm12(t), false);
}

enum exec_result t32_addw(struct t32 *t)
{
	return add_sub_wide(t, DP_ADD,
			    cpu_reg_read(t->cpu, tb(t->insn, 19, 16)));
}

enum exec_result t32_subw(struct t32 *t)
{
	return add_sub_wide(t, DP_SUB,
			    cpu_reg_read(t->cpu, tb(t->insn, 19, 16)));
}

enum exec_result t32_adr_add(struct t32 *t)
{
	return add_sub_wide(t, DP_ADD, t32_pc_aligned(t->cpu));
}

enum exec_result t32_adr_sub(struct t32 *t)
{
	return add_sub_wide(t, DP_SUB, t32_pc_aligned(t->cpu));
}

/* MOVW (A8.8.102 T3). */
enum exec_result t32_movw(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = plain_rd(t);
	if (rd == 15)
		return cpu_undefined(cpu);
	return ops_dp(cpu, DP_MOV, false, rd, 0, plain_imm16(t),
		      carry_flag(cpu));
}

/* MOVT (A8.8.106): Rd<31:16> = imm16. */
enum exec_result t32_movt(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = plain_rd(t);
	if (rd == 15)
		return cpu_undefined(cpu);
	/* TODO(ops): shared with A32 MOVT; belongs in ops.c */
	cpu_write_reg_alu(cpu, rd,
			  (cpu->r[rd] & 0xffffu) | (plain_imm16(t) << 16));
	return EXEC_OK;
}

/* SSAT (A8.8.152): hw1<5> = sh (ASR), saturate to imm5 + 1 bits. */
enum exec_result t32_ssat(struct t32 *t)
{
	unsigned rd = plain_rd(t), amount;
	if (rd == 15)
		return cpu_undefined(t->cpu);
	enum shift_type st = alu_decode_imm_shift(tbit(t->insn, 21) << 1,
						  plain_lsb(t), &amount);
	return ops_ssat(t->cpu, rd, tb(t->insn, 4, 0) + 1,
			tb(t->insn, 19, 16), st, amount);
}

/* USAT (A8.8.252). */
enum exec_result t32_usat(struct t32 *t)
{
	unsigned rd = plain_rd(t), amount;
	if (rd == 15)
		return cpu_undefined(t->cpu);
	enum shift_type st = alu_decode_imm_shift(tbit(t->insn, 21) << 1,
						  plain_lsb(t), &amount);
	return ops_usat(t->cpu, rd, tb(t->insn, 4, 0), tb(t->insn, 19, 16), st,
			amount);
}

/* SSAT16 (A8.8.153); its (0) bits hw2<5:4> with the other value are
 * UNDEFINED (unpredictable.def SBZ_SBO). */
enum exec_result t32_ssat16(struct t32 *t)
{
	unsigned rd = plain_rd(t);
	if (rd == 15 || tb(t->insn, 5, 4) != 0)
		return cpu_undefined(t->cpu);
	return ops_ssat16(t->cpu, rd, tb(t->insn, 3, 0) + 1,
			  tb(t->insn, 19, 16));
}

/* USAT16 (A8.8.253), the same (0) bits. */
enum exec_result t32_usat16(struct t32 *t)
{
	unsigned rd = plain_rd(t);
	if (rd == 15 || tb(t->insn, 5, 4) != 0)
		return cpu_undefined(t->cpu);
	return ops_usat16(t->cpu, rd, tb(t->insn, 3, 0), tb(t->insn, 19, 16));
}

/* SBFX (A8.8.164), UBFX (A8.8.246): hw1<7> = unsigned. */
enum exec_result t32_bfx(struct t32 *t)
{
	unsigned rd = plain_rd(t), lsb = plain_lsb(t);
	unsigned widthm1 = tb(t->insn, 4, 0);
	if (rd == 15 || lsb + widthm1 > 31) /* UNPREDICTABLE: UNDEFINED */
		return cpu_undefined(t->cpu);
	return ops_bfx(t->cpu, !tbit(t->insn, 23), rd, tb(t->insn, 19, 16), lsb,
		       widthm1);
}

/* BFI (A8.8.21), BFC (A8.8.20, Rn = 1111). */
enum exec_result t32_bfi(struct t32 *t)
{
	unsigned rd = plain_rd(t), lsb = plain_lsb(t);
	unsigned msb = tb(t->insn, 4, 0);
	if (rd == 15 || msb < lsb) /* msb < lsb: UNPREDICTABLE, UNDEFINED */
		return cpu_undefined(t->cpu);
	return ops_bfi(t->cpu, rd, tb(t->insn, 19, 16), lsb, msb);
}

/* ---- A6.3.12 - A6.3.15: data processing (register) ---- */

/* The Rd of A6.3.12-A6.3.17; a PC is UNDEFINED (t32.c). */
static bool bad_rd(const struct t32 *t)
{
	return tb(t->insn, 11, 8) == 15;
}

/* LSL, LSR, ASR, ROR (register) T2: Rd = Shift(Rn, Rm<7:0>); hw1<6:5> is
 * the shift type, hw1<4> S. */
enum exec_result t32_shift_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	bool c;
	if (bad_rd(t))
		return cpu_undefined(cpu);
	uint32_t v = alu_shift_c(cpu_reg_read(cpu, tb(t->insn, 19, 16)),
				 (enum shift_type)tb(t->insn, 22, 21),
				 cpu_reg_read(cpu, tb(t->insn, 3, 0)) & 0xffu,
				 carry_flag(cpu), &c);
	return ops_dp(cpu, DP_MOV, tbit(t->insn, 20), tb(t->insn, 11, 8), 0, v,
		      c);
}

/* SXTAH/SXTH, UXTAH/UXTH, SXTAB16/SXTB16, UXTAB16/UXTB16, SXTAB/SXTB,
 * UXTAB/UXTB (hw1<6:4>); Rn = 1111 is the plain form. The (0) bit hw2<6>
 * with the other value is UNDEFINED (unpredictable.def SBZ_SBO). */
enum exec_result t32_extend(struct t32 *t)
{
	static const enum ext_op ext[8] = { EXT_SXTH,   EXT_UXTH, EXT_SXTB16,
					    EXT_UXTB16, EXT_SXTB, EXT_UXTB };
	if (bad_rd(t) || tbit(t->insn, 6))
		return cpu_undefined(t->cpu);
	return ops_extend(t->cpu, ext[tb(t->insn, 22, 20)], tb(t->insn, 11, 8),
			  tb(t->insn, 19, 16), tb(t->insn, 3, 0),
			  tb(t->insn, 5, 4) * 8);
}

/* A6.3.13 / A6.3.14: parallel addition and subtraction; hw1<6:4> the
 * operation, hw2<6> unsigned, hw2<5:4> the prefix (plain, Q, H). */
enum exec_result t32_parallel(struct t32 *t)
{
	static const enum par_op ops[8] = {
		[0] = PAR_ADD8, [1] = PAR_ADD16, [2] = PAR_ASX,
		[4] = PAR_SUB8, [5] = PAR_SUB16, [6] = PAR_SAX,
	};
	static const enum par_prefix pre[2][3] = {
		{ PAR_S, PAR_Q, PAR_SH },
		{ PAR_U, PAR_UQ, PAR_UH },
	};
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_parallel(t->cpu, pre[tbit(t->insn, 6)][tb(t->insn, 5, 4)],
			    ops[tb(t->insn, 22, 20)], tb(t->insn, 11, 8),
			    tb(t->insn, 19, 16), tb(t->insn, 3, 0));
}

/* QADD, QDADD, QSUB, QDSUB: <op> Rd, Rm, Rn (hw2<5:4>). */
enum exec_result t32_qaddsub(struct t32 *t)
{
	static const enum qadd_op q[4] = { QOP_QADD, QOP_QDADD, QOP_QSUB,
					   QOP_QDSUB };
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_qaddsub(t->cpu, q[tb(t->insn, 5, 4)], tb(t->insn, 11, 8),
			   tb(t->insn, 3, 0), tb(t->insn, 19, 16));
}

/* REV, REV16, RBIT, REVSH (hw2<5:4>); Rm is also in hw1<3:0> (if it
 * differs, UNPREDICTABLE: hw2's copy is used). */
enum exec_result t32_rev(struct t32 *t)
{
	static const enum rev_op r[4] = { REV_REV, REV_REV16, REV_RBIT,
					  REV_REVSH };
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_rev(t->cpu, r[tb(t->insn, 5, 4)], tb(t->insn, 11, 8),
		       tb(t->insn, 3, 0));
}

/* SEL (A8.8.144). */
enum exec_result t32_sel(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_sel(t->cpu, tb(t->insn, 11, 8), tb(t->insn, 19, 16),
		       tb(t->insn, 3, 0));
}

/* CLZ (A8.8.33); Rm twice, hw2's copy used. */
enum exec_result t32_clz(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_clz(t->cpu, tb(t->insn, 11, 8), tb(t->insn, 3, 0));
}

/* ---- A6.3.16: multiply, multiply accumulate, absolute difference ---- */

/* The register fields of A6.3.16: Rn hw1<3:0>, Ra hw2<15:12>, Rd
 * hw2<11:8>, Rm hw2<3:0>. */
#define MUL_RD tb(t->insn, 11, 8)
#define MUL_RN tb(t->insn, 19, 16)
#define MUL_RM tb(t->insn, 3, 0)
#define MUL_RA tb(t->insn, 15, 12)

enum exec_result t32_mla(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_mul(t->cpu, MUL_MLA, false, MUL_RD, MUL_RN, MUL_RM, MUL_RA);
}

enum exec_result t32_mul(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_mul(t->cpu, MUL_MUL, false, MUL_RD, MUL_RN, MUL_RM, MUL_RA);
}

enum exec_result t32_mls(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_mul(t->cpu, MUL_MLS, false, MUL_RD, MUL_RN, MUL_RM, MUL_RA);
}

/* SMLA<x><y>, SMUL<x><y>: hw2<5> = N high half, hw2<4> = M high half. */
static enum exec_result smul_xy(struct t32 *t, bool acc)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_smul_xy(t->cpu, acc, MUL_RD, MUL_RN, MUL_RM, MUL_RA,
			   tbit(t->insn, 5), tbit(t->insn, 4));
}

enum exec_result t32_smla_xy(struct t32 *t)
{
	return smul_xy(t, true);
}

enum exec_result t32_smul_xy(struct t32 *t)
{
	return smul_xy(t, false);
}

/* SMLAD{X}, SMUAD{X}, SMLSD{X}, SMUSD{X}: hw2<4> = M (exchange); Ra = 1111
 * (the SMUAD/SMUSD lines) is no accumulator in ops_smlad. */
static enum exec_result smlad(struct t32 *t, bool sub)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_smlad(t->cpu, sub, MUL_RD, MUL_RN, MUL_RM, MUL_RA,
			 tbit(t->insn, 4));
}

enum exec_result t32_smlad(struct t32 *t)
{
	return smlad(t, false);
}

enum exec_result t32_smuad(struct t32 *t)
{
	return smlad(t, false);
}

enum exec_result t32_smlsd(struct t32 *t)
{
	return smlad(t, true);
}

enum exec_result t32_smusd(struct t32 *t)
{
	return smlad(t, true);
}

/* SMLAW<y>, SMULW<y>: hw2<4> = M high half. */
static enum exec_result smulw_y(struct t32 *t, bool acc)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_smulw_y(t->cpu, acc, MUL_RD, MUL_RN, MUL_RM, MUL_RA,
			   tbit(t->insn, 4));
}

enum exec_result t32_smlaw_y(struct t32 *t)
{
	return smulw_y(t, true);
}

enum exec_result t32_smulw_y(struct t32 *t)
{
	return smulw_y(t, false);
}

/* SMMLA{R}, SMMUL{R} (Ra = 1111), SMMLS{R}: hw2<4> = R (round); ops_smmul
 * takes Ra = 1111 as no accumulator (SMMLS with Ra = 1111 is
 * UNPREDICTABLE: unpredictable.def SMMLS_RA_PC). */
static enum exec_result smmul(struct t32 *t, bool sub)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_smmul(t->cpu, sub, tbit(t->insn, 4), MUL_RD, MUL_RN, MUL_RM,
			 MUL_RA);
}

enum exec_result t32_smmla(struct t32 *t)
{
	return smmul(t, false);
}

enum exec_result t32_smmul(struct t32 *t)
{
	return smmul(t, false);
}

enum exec_result t32_smmls(struct t32 *t)
{
	return smmul(t, true);
}

/* USADA8, USAD8 (Ra = 1111: no accumulator in ops_usad8). */
enum exec_result t32_usad8(struct t32 *t)
{
	if (bad_rd(t))
		return cpu_undefined(t->cpu);
	return ops_usad8(t->cpu, MUL_RD, MUL_RN, MUL_RM, MUL_RA);
}

/* ---- A6.3.17: long multiply, long multiply accumulate, divide ---- */

/* RdLo hw2<15:12>, RdHi hw2<11:8>; a PC among them is UNDEFINED. */
static bool bad_rdlo_rdhi(const struct t32 *t)
{
	return tb(t->insn, 15, 12) == 15 || tb(t->insn, 11, 8) == 15;
}

/* SMULL, UMULL, SMLAL, UMLAL, UMAAL: hw1<6:4> the operation, hw2<6>
 * UMAAL's op2 = 0110 against UMLAL's 0000. */
enum exec_result t32_mull(struct t32 *t)
{
	static const enum mull_op ops[8][2] = {
		[0] = { MULL_SMULL, MULL_SMULL },
		[2] = { MULL_UMULL, MULL_UMULL },
		[4] = { MULL_SMLAL, MULL_SMLAL },
		[6] = { MULL_UMLAL, MULL_UMAAL },
	};
	if (bad_rdlo_rdhi(t))
		return cpu_undefined(t->cpu);
	return ops_mull(t->cpu, ops[tb(t->insn, 22, 20)][tbit(t->insn, 6)],
			false, tb(t->insn, 15, 12), tb(t->insn, 11, 8),
			tb(t->insn, 19, 16), tb(t->insn, 3, 0));
}

/* SDIV (A8.8.165), UDIV (A8.8.248): hw1<5> = unsigned; hw2<15:12> is
 * (1)(1)(1)(1), executed as if right (t32.c). */
enum exec_result t32_div(struct t32 *t)
{
	unsigned rd = tb(t->insn, 11, 8);
	if (rd == 15)
		return cpu_undefined(t->cpu);
	return ops_div(t->cpu, !tbit(t->insn, 21), rd, tb(t->insn, 19, 16),
		       tb(t->insn, 3, 0));
}

/* SMLAL<x><y>: hw2<5> = N high, hw2<4> = M high. */
enum exec_result t32_smlal_xy(struct t32 *t)
{
	if (bad_rdlo_rdhi(t))
		return cpu_undefined(t->cpu);
	return ops_smlal_xy(t->cpu, tb(t->insn, 15, 12), tb(t->insn, 11, 8),
			    tb(t->insn, 19, 16), tb(t->insn, 3, 0),
			    tbit(t->insn, 5), tbit(t->insn, 4));
}

/* SMLALD{X}, SMLSLD{X}: hw1<4> = subtract, hw2<4> = M (exchange). */
enum exec_result t32_smlald(struct t32 *t)
{
	if (bad_rdlo_rdhi(t))
		return cpu_undefined(t->cpu);
	return ops_smlald(t->cpu, tbit(t->insn, 20), tb(t->insn, 15, 12),
			  tb(t->insn, 11, 8), tb(t->insn, 19, 16),
			  tb(t->insn, 3, 0), tbit(t->insn, 4));
}
