/* 32-bit Thumb data processing and multiplies, ARM DDI 0406C A6.3.1
 * (modified immediate), A6.3.3 (plain binary immediate), A6.3.11 (shifted
 * register), A6.3.12-A6.3.15 (register, parallel add/subtract,
 * miscellaneous), A6.3.16-A6.3.17 (multiplies, long multiplies, divide).
 * A destination of PC is UNPREDICTABLE in all of them; hypsim takes
 * UNDEFINED (listed in t32.c). */
#include "cpu/t32_old.h"

static bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* The shared opcode table of A6.3.1 and A6.3.11 (hw1<8:5>), -1 where it
 * is unallocated. */
static const int dp_ops[16] = {
	DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, -1,     -1,     -1,
	DP_ADD, -1,     DP_ADC, DP_SBC, -1,     DP_SUB, DP_RSB, -1,
};

/* One instruction of the A6.3.1 / A6.3.11 table, operand2 already
 * computed. Rd == 1111 with S turns AND/EOR/ADD/SUB into TST/TEQ/CMN/CMP;
 * Rn == 1111 turns ORR/ORN into MOV/MVN. */
static enum exec_result dp_common(struct t32 *t, unsigned op, uint32_t m,
				  bool carry)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	bool s = tbit(hw1, 4);
	unsigned rn = tb(hw1, 3, 0), rd = tb(t->insn, 11, 8);
	int o = dp_ops[op];

	if (o < 0)
		return cpu_undefined(cpu);
	if (rd == 15 && s) {
		static const int cmp_ops[16] = {
			[0] = DP_TST, [4] = DP_TEQ, [8] = DP_CMN, [13] = DP_CMP,
		};
		if (op == 0 || op == 4 || op == 8 || op == 13)
			return ops_dp_fast(cpu, (enum dp_op)cmp_ops[op], true,
					   0, cpu_reg_read(cpu, rn), m, carry);
	}
	if (rn == 15 && (o == DP_ORR || o == DP_ORN))
		o = o == DP_ORR ? DP_MOV : DP_MVN;
	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	return ops_dp_fast(cpu, (enum dp_op)o, s, rd, cpu_reg_read(cpu, rn), m,
			   carry);
}

/* A6.3.1: data processing (modified immediate). */
enum exec_result t32old_exec_dp_modimm(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	uint32_t imm12 = (tbit(hw1, 10) << 11) | (tb(t->insn, 14, 12) << 8) |
			 tb(t->insn, 7, 0);
	bool carry, unpred;
	uint32_t imm = alu_thumb_expand_imm_c(imm12, carry_flag(cpu), &carry,
					      &unpred);

	if (unpred) /* UNPREDICTABLE zero replicated byte: UNDEFINED */
		return cpu_undefined(cpu);
	return dp_common(t, tb(hw1, 8, 5), imm, carry);
}

/* A6.3.11: data processing (shifted register). */
enum exec_result t32old_exec_dp_shiftreg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned op = tb(hw1, 8, 5);
	unsigned rm = tb(t->insn, 3, 0), rd = tb(t->insn, 11, 8);
	unsigned imm5 = (tb(t->insn, 14, 12) << 2) | tb(t->insn, 7, 6);
	unsigned type = tb(t->insn, 5, 4);

	if (op == 6) { /* PKHBT, PKHTB (A8.8.125) */
		if (tbit(hw1, 4) || tbit(t->insn, 4))
			return cpu_undefined(cpu);
		if (rd == 15)
			return cpu_undefined(cpu);
		bool tbform = tbit(t->insn, 5);
		return ops_pkh(cpu, tbform, rd, tb(hw1, 3, 0), rm,
			       (tbform && imm5 == 0) ? 32 : imm5);
	}
	unsigned amount;
	enum shift_type st = alu_decode_imm_shift(type, imm5, &amount);
	bool carry;
	uint32_t m = alu_shift_c(cpu_reg_read(cpu, rm), st, amount,
				 carry_flag(cpu), &carry);
	return dp_common(t, op, m, carry);
}

/* A6.3.3: data processing (plain binary immediate). */
enum exec_result t32old_exec_dp_plainimm(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16, hw2 = t->insn & 0xffffu;
	unsigned rn = tb(hw1, 3, 0), rd = tb(hw2, 11, 8);
	uint32_t imm12 = (tbit(hw1, 10) << 11) | (tb(hw2, 14, 12) << 8) |
			 tb(hw2, 7, 0);
	uint32_t imm16 = (tb(hw1, 3, 0) << 12) | imm12;
	unsigned lsb = (tb(hw2, 14, 12) << 2) | tb(hw2, 7, 6);
	unsigned field = tb(hw2, 4, 0);

	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	switch (tb(hw1, 8, 4)) {
	case 0x00: /* ADDW (A8.8.4 T4), ADR T3 (A8.8.12) */
		return ops_dp(cpu, DP_ADD, false, rd,
			      rn == 15 ? t32_pc_aligned(cpu)
				       : cpu_reg_read(cpu, rn),
			      imm12, false);
	case 0x0a: /* SUBW (A8.8.222 T4), ADR T2 */
		return ops_dp(cpu, DP_SUB, false, rd,
			      rn == 15 ? t32_pc_aligned(cpu)
				       : cpu_reg_read(cpu, rn),
			      imm12, false);
	case 0x04: /* MOVW (A8.8.102 T3) */
		return ops_dp(cpu, DP_MOV, false, rd, 0, imm16,
			      carry_flag(cpu));
	case 0x0c: /* MOVT (A8.8.106): Rd<31:16> = imm16 */
		/* TODO(ops): shared with A32 MOVT; belongs in ops.c */
		cpu_write_reg_alu(cpu, rd,
				  (cpu->r[rd] & 0xffffu) | (imm16 << 16));
		return EXEC_OK;
	case 0x10: /* SSAT (A8.8.152), shift LSL */
	case 0x12: /* SSAT (shift ASR) / SSAT16 (A8.8.153) when imm5 == 0 */
		if (tbit(hw1, 5) && lsb == 0) {
			if (tbit(hw2, 4) || tbit(hw2, 5))
				return cpu_undefined(cpu); /* (0) bits */
			return ops_ssat16(cpu, rd, tb(hw2, 3, 0) + 1, rn);
		} else {
			unsigned amount;
			enum shift_type st = alu_decode_imm_shift(
				tbit(hw1, 5) << 1, lsb, &amount);
			return ops_ssat(cpu, rd, field + 1, rn, st, amount);
		}
	case 0x18: /* USAT (A8.8.252) */
	case 0x1a: /* USAT / USAT16 (A8.8.253) */
		if (tbit(hw1, 5) && lsb == 0) {
			if (tbit(hw2, 4) || tbit(hw2, 5))
				return cpu_undefined(cpu);
			return ops_usat16(cpu, rd, tb(hw2, 3, 0), rn);
		} else {
			unsigned amount;
			enum shift_type st = alu_decode_imm_shift(
				tbit(hw1, 5) << 1, lsb, &amount);
			return ops_usat(cpu, rd, field, rn, st, amount);
		}
	case 0x14: /* SBFX (A8.8.164) */
	case 0x1c: /* UBFX (A8.8.246) */
		if (lsb + field > 31) /* UNPREDICTABLE: UNDEFINED */
			return cpu_undefined(cpu);
		return ops_bfx(cpu, tb(hw1, 8, 4) == 0x14, rd, rn, lsb, field);
	case 0x16: /* BFI (A8.8.21), BFC (A8.8.20) when Rn == 1111 */
		if (field < lsb) /* msb < lsb: UNPREDICTABLE, UNDEFINED */
			return cpu_undefined(cpu);
		return ops_bfi(cpu, rd, rn, lsb, field);
	default:
		return cpu_undefined(cpu);
	}
}

/* A6.3.13 / A6.3.14: parallel addition and subtraction. */
static enum exec_result parallel(struct t32 *t, bool is_unsigned)
{
	static const int ops[8] = {
		[0] = PAR_ADD8,  [1] = PAR_ADD16, [2] = PAR_ASX,
		[3] = -1,        [4] = PAR_SUB8,  [5] = PAR_SUB16,
		[6] = PAR_SAX,   [7] = -1,
	};
	static const enum par_prefix pre[2][3] = {
		{ PAR_S, PAR_Q, PAR_SH },
		{ PAR_U, PAR_UQ, PAR_UH },
	};
	uint32_t hw1 = t->insn >> 16;
	int op = ops[tb(hw1, 6, 4)];
	unsigned p = tb(t->insn, 5, 4);

	if (op < 0 || p == 3)
		return cpu_undefined(t->cpu);
	return ops_parallel(t->cpu, pre[is_unsigned][p], (enum par_op)op,
			    tb(t->insn, 11, 8), tb(hw1, 3, 0), tb(t->insn, 3, 0));
}

/* A6.3.15: miscellaneous operations. */
static enum exec_result misc_ops(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned rn = tb(hw1, 3, 0), rd = tb(t->insn, 11, 8);
	unsigned rm = tb(t->insn, 3, 0);
	unsigned op2 = tb(t->insn, 5, 4);

	switch (tb(hw1, 5, 4)) {
	case 0: { /* QADD, QDADD, QSUB, QDSUB: <op> Rd, Rm, Rn */
		static const enum qadd_op q[4] = { QOP_QADD, QOP_QDADD,
						   QOP_QSUB, QOP_QDSUB };
		return ops_qaddsub(cpu, q[op2], rd, rm, rn);
	}
	case 1: { /* REV, REV16, RBIT, REVSH; Rm is also in hw1<3:0> (if it
		   * differs, UNPREDICTABLE: hw2's copy is used) */
		static const enum rev_op r[4] = { REV_REV, REV_REV16,
						  REV_RBIT, REV_REVSH };
		return ops_rev(cpu, r[op2], rd, rm);
	}
	case 2: /* SEL */
		if (op2 != 0)
			return cpu_undefined(cpu);
		return ops_sel(cpu, rd, rn, rm);
	default: /* CLZ */
		if (op2 != 0)
			return cpu_undefined(cpu);
		return ops_clz(cpu, rd, rm);
	}
}

/* A6.3.12: data processing (register). */
enum exec_result t32old_exec_dp_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned op1 = tb(hw1, 7, 4), op2 = tb(t->insn, 7, 4);
	unsigned rn = tb(hw1, 3, 0), rd = tb(t->insn, 11, 8);
	unsigned rm = tb(t->insn, 3, 0);

	if (tb(t->insn, 15, 12) != 0xf)
		return cpu_undefined(cpu);
	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	if (op1 < 8 && op2 == 0) {
		/* LSL, LSR, ASR, ROR (register) T2: Rd = Shift(Rn, Rm<7:0>) */
		bool c;
		uint32_t v = alu_shift_c(cpu_reg_read(cpu, rn),
					 (enum shift_type)(op1 >> 1),
					 cpu_reg_read(cpu, rm) & 0xffu,
					 carry_flag(cpu), &c);
		return ops_dp(cpu, DP_MOV, tbit(op1, 0), rd, 0, v, c);
	}
	if (op1 < 8 && (op2 & 8)) {
		/* SXTAH/SXTH, UXTAH/UXTH, SXTAB16/SXTB16, UXTAB16/UXTB16,
		 * SXTAB/SXTB, UXTAB/UXTB; Rn == 1111 is the plain form */
		static const int ext[8] = { EXT_SXTH, EXT_UXTH, EXT_SXTB16,
					    EXT_UXTB16, EXT_SXTB, EXT_UXTB,
					    -1, -1 };
		if (ext[op1] < 0 || tbit(op2, 2))
			return cpu_undefined(cpu);
		return ops_extend(cpu, (enum ext_op)ext[op1], rd, rn, rm,
				  tb(op2, 1, 0) * 8);
	}
	if (op1 >= 8 && (op2 & 0xc) == 0x0)
		return parallel(t, false);
	if (op1 >= 8 && (op2 & 0xc) == 0x4)
		return parallel(t, true);
	if ((op1 & 0xc) == 0x8 && (op2 & 0xc) == 0x8)
		return misc_ops(t);
	return cpu_undefined(cpu);
}

/* A6.3.16: multiply, multiply accumulate, and absolute difference. */
enum exec_result t32old_exec_mul(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned rn = tb(hw1, 3, 0), ra = tb(t->insn, 15, 12);
	unsigned rd = tb(t->insn, 11, 8), rm = tb(t->insn, 3, 0);
	unsigned op2 = tb(t->insn, 5, 4);
	bool n_high = tbit(t->insn, 5), m_high = tbit(t->insn, 4);

	if (tb(t->insn, 7, 6) != 0)
		return cpu_undefined(cpu);
	if (rd == 15)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	switch (tb(hw1, 6, 4)) {
	case 0: /* MUL, MLA, MLS */
		if (op2 == 0)
			return ops_mul(cpu, ra == 15 ? MUL_MUL : MUL_MLA, false,
				       rd, rn, rm, ra);
		if (op2 == 1)
			return ops_mul(cpu, MUL_MLS, false, rd, rn, rm, ra);
		return cpu_undefined(cpu);
	case 1: /* SMULxy, SMLAxy */
		return ops_smul_xy(cpu, ra != 15, rd, rn, rm, ra, n_high,
				   m_high);
	case 2: /* SMUAD{X}, SMLAD{X} */
		if (op2 > 1)
			return cpu_undefined(cpu);
		return ops_smlad(cpu, false, rd, rn, rm, ra, m_high);
	case 3: /* SMULWy, SMLAWy */
		if (op2 > 1)
			return cpu_undefined(cpu);
		return ops_smulw_y(cpu, ra != 15, rd, rn, rm, ra, m_high);
	case 4: /* SMUSD{X}, SMLSD{X} */
		if (op2 > 1)
			return cpu_undefined(cpu);
		return ops_smlad(cpu, true, rd, rn, rm, ra, m_high);
	case 5: /* SMMUL{R}, SMMLA{R} */
		if (op2 > 1)
			return cpu_undefined(cpu);
		return ops_smmul(cpu, false, m_high, rd, rn, rm, ra);
	case 6: /* SMMLS{R} (Ra == 1111 is UNPREDICTABLE: as SMMUL's rule
		 * in ops_smmul) */
		if (op2 > 1)
			return cpu_undefined(cpu);
		return ops_smmul(cpu, true, m_high, rd, rn, rm, ra);
	default: /* USAD8, USADA8 */
		if (op2 != 0)
			return cpu_undefined(cpu);
		return ops_usad8(cpu, rd, rn, rm, ra);
	}
}

/* A6.3.17: long multiply, long multiply accumulate, and divide. */
enum exec_result t32old_exec_mul_long(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned rn = tb(hw1, 3, 0), rdlo = tb(t->insn, 15, 12);
	unsigned rdhi = tb(t->insn, 11, 8), rm = tb(t->insn, 3, 0);
	unsigned op1 = tb(hw1, 6, 4), op2 = tb(t->insn, 7, 4);

	/* a destination of PC: UNPREDICTABLE, UNDEFINED here (t32.c) */
	if (op1 != 1 && op1 != 3 && (rdlo == 15 || rdhi == 15))
		return cpu_undefined(cpu);
	switch (op1) {
	case 0: /* SMULL */
		if (op2 == 0)
			return ops_mull(cpu, MULL_SMULL, false, rdlo, rdhi, rn,
					rm);
		break;
	case 1: /* SDIV (A8.8.165): hw2<15:12> is (1)(1)(1)(1) */
	case 3: /* UDIV (A8.8.248) */
		if (op2 == 0xf) {
			if (rdhi == 15)
				return cpu_undefined(cpu);
			return ops_div(cpu, op1 == 1, rdhi, rn, rm);
		}
		break;
	case 2: /* UMULL */
		if (op2 == 0)
			return ops_mull(cpu, MULL_UMULL, false, rdlo, rdhi, rn,
					rm);
		break;
	case 4: /* SMLAL, SMLALxy, SMLALD{X} */
		if (op2 == 0)
			return ops_mull(cpu, MULL_SMLAL, false, rdlo, rdhi, rn,
					rm);
		if ((op2 & 0xc) == 0x8)
			return ops_smlal_xy(cpu, rdlo, rdhi, rn, rm,
					    tbit(op2, 1), tbit(op2, 0));
		if ((op2 & 0xe) == 0xc)
			return ops_smlald(cpu, false, rdlo, rdhi, rn, rm,
					  tbit(op2, 0));
		break;
	case 5: /* SMLSLD{X} */
		if ((op2 & 0xe) == 0xc)
			return ops_smlald(cpu, true, rdlo, rdhi, rn, rm,
					  tbit(op2, 0));
		break;
	case 6: /* UMLAL, UMAAL */
		if (op2 == 0)
			return ops_mull(cpu, MULL_UMLAL, false, rdlo, rdhi, rn,
					rm);
		if (op2 == 6)
			return ops_mull(cpu, MULL_UMAAL, false, rdlo, rdhi, rn,
					rm);
		break;
	default:
		break;
	}
	return cpu_undefined(cpu);
}
