/* T32 entries of the decoded-instruction cache (decode_cache.h): the
 * common 16-bit classes and a few 32-bit ones get the handlers the A32
 * half uses (predecode_internal.h), with the fields at their T32
 * positions; every other encoding gets its decoder-table line (t16.def,
 * t32.def), looked up once here, and calls that line's handler directly
 * (run_t16_entry, run_t32_entry), as t32_execute would after its lookup.
 *
 * The step uses an entry only outside an IT block (ITSTATE = 0), so every
 * 16-bit data-processing instruction chosen here is its flag-setting form
 * (A6.2: "S" is !InITBlock()), and no handler has to advance ITSTATE. As
 * in the A32 half, a handler is chosen only where t32_execute would take
 * the same path without an UNPREDICTABLE rule or the PC in play: no
 * operand or destination is the PC, and for the 32-bit forms not SP
 * either. The PC reads as this instruction + 4 in Thumb state (A2.3).
 * tests/unit/test_decode_cache.c runs random T32 encodings both ways. */
#include "cpu/decode_cache.h"
#include "cpu/ops.h"
#include "cpu/predecode_internal.h"
#include "cpu/t32_internal.h"

/* The generic entries: the decoder table's line for the encoding, looked
 * up once here, and its handler called directly (t32_execute without the
 * lookup). They are used outside IT blocks only (step.c), where
 * t32_execute would neither check a condition nor advance ITSTATE; should
 * one run inside a block anyway, t32_execute takes over. */
static enum exec_result run_t16_entry(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	if (__builtin_expect((cpu->cpsr & CPSR_IT_MASK) != 0, 0))
		return t32_execute(cpu, d->insn, 2);
	struct t32 t = { .cpu = cpu, .insn = d->insn };
	return t16_handlers[d->imm](&t);
}

static enum exec_result run_t32_entry(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	if (__builtin_expect((cpu->cpsr & CPSR_IT_MASK) != 0, 0))
		return t32_execute(cpu, d->insn, 4);
	struct t32 t = { .cpu = cpu, .insn = d->insn };
	return t32_handlers[d->imm](&t);
}

/* No line: unallocated, UNDEFINED. */
static enum exec_result run_t32_unallocated(struct cpu *cpu,
					    const struct decoded_insn *d)
{
	if (__builtin_expect((cpu->cpsr & CPSR_IT_MASK) != 0, 0))
		return t32_execute(cpu, d->insn, d->insn > 0xffffu ? 4 : 2);
	return cpu_undefined(cpu);
}

bool t32_predecode_is_decoder(const struct decoded_insn *d)
{
	return d->fn == run_t16_entry || d->fn == run_t32_entry ||
	       d->fn == run_t32_unallocated;
}

/* B<c> (T1), B (T2, T4), BL (T1): imm is the displacement from PC + 4;
 * op the condition of T1 (A8.8.18, A8.8.25). */
static enum exec_result pd_b(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu_branch(cpu, cpu->r[15] + 4 + d->imm);
	return EXEC_OK;
}

static enum exec_result pd_bcond(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	if (decode_cond_passed(cpu->cpsr, d->op))
		cpu_branch(cpu, cpu->r[15] + 4 + d->imm);
	return EXEC_OK;
}

static enum exec_result pd_bl(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu->r[14] = (cpu->r[15] + 4) | 1u;
	cpu_branch(cpu, cpu->r[15] + 4 + d->imm);
	return EXEC_OK;
}

static inline unsigned bits(uint32_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1u);
}

static void set_regs(struct decoded_insn *d, unsigned rd, unsigned rn,
		     unsigned rm)
{
	d->rd = (uint8_t)rd;
	d->rn = (uint8_t)rn;
	d->rm = (uint8_t)rm;
}

/* A data-processing handler: reg (no shift), shifted or immediate. */
static void dp(struct decoded_insn *d, enum dp_op op, bool s, unsigned rd,
	       unsigned rn, unsigned rm)
{
	set_regs(d, rd, rn, rm);
	d->fn = predecode_dp_reg_fns[op][s];
	d->writes = predecode_dp_writes(op, s, rd);
}

static void dp_imm(struct decoded_insn *d, enum dp_op op, bool s, unsigned rd,
		   unsigned rn, uint32_t imm)
{
	set_regs(d, rd, rn, 0);
	d->imm = imm;
	d->imm_carry = 0;
	d->fn = predecode_dp_imm_fns[op][s];
	d->writes = predecode_dp_writes(op, s, rd);
}

static void dp_shift(struct decoded_insn *d, enum dp_op op, bool s,
		     unsigned rd, unsigned rn, unsigned rm, unsigned type,
		     unsigned imm5)
{
	unsigned amount;
	enum shift_type t = alu_decode_imm_shift(type, imm5, &amount);
	set_regs(d, rd, rn, rm);
	d->shift_type = (uint8_t)t;
	d->shift_amount = (uint8_t)amount;
	d->fn = (t == SRTYPE_LSL && amount == 0) ? predecode_dp_reg_fns[op][s]
						 : predecode_dp_sh_fns[t][op][s];
	d->writes = predecode_dp_writes(op, s, rd);
}

/* Loads/stores of words and bytes: [byte][load][register offset]. */
static void ldst(struct decoded_insn *d, bool byte, bool load, unsigned rt,
		 unsigned rn, unsigned rm, bool reg, uint32_t imm)
{
	set_regs(d, rt, rn, rm);
	d->imm = reg ? 0 : imm; /* register form: 0 adds */
	d->shift_type = SRTYPE_LSL;
	d->shift_amount = 0;
	d->fn = predecode_ldst_fns[byte][load][reg];
	d->mem = 1;
	d->writes = load ? DECODE_WRITES_R(rt) : 0;
}

/* Halfword and signed loads/stores. */
static void ldst_extra(struct decoded_insn *d, unsigned size, bool load,
		       bool sign, unsigned rt, unsigned rn, unsigned rm,
		       bool reg, uint32_t imm)
{
	set_regs(d, rt, rn, rm);
	d->op = (uint8_t)size;
	d->s = (uint8_t)(load | (sign << 1));
	d->imm_carry = 1; /* add */
	d->imm = imm;
	d->fn = reg ? predecode_ldst_extra_reg : predecode_ldst_extra_imm;
	d->mem = 1;
	d->writes = load ? DECODE_WRITES_R(rt) : 0;
}

/* MUL/MLA (ops_mul's operands: Rd = Rn * Rm (+ Ra)). */
static void mul(struct decoded_insn *d, enum mul_op op, bool s, unsigned rd,
		unsigned rn, unsigned rm, unsigned ra)
{
	set_regs(d, rd, rn, rm);
	d->ra = (uint8_t)ra;
	d->op = (uint8_t)op;
	d->s = s;
	d->fn = predecode_mul;
	d->writes = DECODE_WRITES_R(rd) | (s ? DECODE_WRITES_CPSR : 0);
}

/* SXTB, UXTAH, …: Rd = extend(Rm rotated) (+ Rn unless Rn is 15). */
static void extend(struct decoded_insn *d, unsigned op, unsigned rd,
		   unsigned rn, unsigned rm, unsigned rotation)
{
	set_regs(d, rd, rn, rm);
	d->ra = (uint8_t)rn;
	d->op = (uint8_t)op;
	d->shift_amount = (uint8_t)rotation;
	d->fn = predecode_extend;
	d->writes = DECODE_WRITES_R(rd);
}

/* REV, REV16, REVSH, RBIT (op enum rev_op), and CLZ. */
static void rev(struct decoded_insn *d, unsigned op, unsigned rd,
		unsigned rm)
{
	set_regs(d, rd, 0, rm);
	d->op = (uint8_t)op;
	d->fn = predecode_rev;
	d->writes = DECODE_WRITES_R(rd);
}

/* LDM/STM as t32_16.c runs them (ops_ldm/ops_stm). */
static void multiple(struct decoded_insn *d, bool load, unsigned rn,
		     uint16_t list, bool increment, bool before, bool wback)
{
	set_regs(d, 0, rn, 0);
	d->imm = list;
	d->op = (uint8_t)(increment | before << 1 | wback << 2);
	d->fn = load ? predecode_ldm : predecode_stm;
	d->writes = (load ? list : 0) | (wback ? DECODE_WRITES_R(rn) : 0);
	d->mem = 1;
}

/* A6.2: 16-bit encodings. */
static void predecode16(struct decoded_insn *d, unsigned hw)
{
	unsigned lo3 = bits(hw, 2, 0), mid3 = bits(hw, 5, 3);
	unsigned hi3 = bits(hw, 8, 6), r10 = bits(hw, 10, 8);

	switch (hw >> 11) {
	case 0x00: case 0x01: case 0x02: /* LSL/LSR/ASR (immediate) T1 */
		dp_shift(d, DP_MOV, true, lo3, 0, mid3, hw >> 11,
			 bits(hw, 10, 6));
		return;
	case 0x03: /* ADD/SUB register or 3-bit immediate */
		if (bits(hw, 10, 10))
			dp_imm(d, bits(hw, 9, 9) ? DP_SUB : DP_ADD, true, lo3,
			       mid3, hi3);
		else
			dp(d, bits(hw, 9, 9) ? DP_SUB : DP_ADD, true, lo3,
			   mid3, hi3);
		return;
	case 0x04: /* MOVS Rd, #imm8 (C unchanged: imm_carry 0) */
		dp_imm(d, DP_MOV, true, r10, 0, bits(hw, 7, 0));
		return;
	case 0x05:
		dp_imm(d, DP_CMP, true, 0, r10, bits(hw, 7, 0));
		return;
	case 0x06:
		dp_imm(d, DP_ADD, true, r10, r10, bits(hw, 7, 0));
		return;
	case 0x07:
		dp_imm(d, DP_SUB, true, r10, r10, bits(hw, 7, 0));
		return;
	case 0x08:
		if (!bits(hw, 10, 10)) {
			/* A6.2.2: <op>S Rdn, Rm; the shifts by register and
			 * MULS stay with the decoder */
			static const signed char op[16] = {
				DP_AND, DP_EOR, -1, -1, -1, DP_ADC, DP_SBC, -1,
				DP_TST, DP_RSB, DP_CMP, DP_CMN, DP_ORR, -1,
				DP_BIC, DP_MVN,
			};
			int o = op[bits(hw, 9, 6)];
			if (bits(hw, 9, 6) == 13) {
				/* MULS Rdm, Rn, Rdm (A8.8.114 T1) */
				mul(d, MUL_MUL, true, lo3, mid3, lo3, 0);
				return;
			}
			if (o < 0)
				return;
			if (o == DP_RSB) /* NEGS Rd, Rn = RSBS Rd, Rn, #0 */
				dp_imm(d, DP_RSB, true, lo3, mid3, 0);
			else if (o >= DP_TST && o <= DP_CMN)
				dp(d, (enum dp_op)o, true, 0, lo3, mid3);
			else if (o == DP_MVN)
				dp(d, DP_MVN, true, lo3, 0, mid3);
			else
				dp(d, (enum dp_op)o, true, lo3, lo3, mid3);
			return;
		}
		{
			/* A6.2.3: ADD, CMP, MOV with high registers */
			unsigned rdn = bits(hw, 7, 7) << 3 | lo3;
			unsigned rm = bits(hw, 6, 3);
			if (rdn == 15 || rm == 15)
				return;
			switch (bits(hw, 9, 8)) {
			case 0:
				dp(d, DP_ADD, false, rdn, rdn, rm);
				return;
			case 1:
				if (rdn >= 8 || rm >= 8)
					dp(d, DP_CMP, true, 0, rdn, rm);
				return;
			case 2:
				dp(d, DP_MOV, false, rdn, 0, rm);
				return;
			default:
				return; /* BX, BLX */
			}
		}
	case 0x0a: case 0x0b: { /* A6.2.4: register offset */
		static const struct { signed char size, load, sign; } f[8] = {
			{4, 0, 0}, {2, 0, 0}, {1, 0, 0}, {1, 1, 1},
			{4, 1, 0}, {2, 1, 0}, {1, 1, 0}, {2, 1, 1},
		};
		unsigned opb = bits(hw, 11, 9);
		if (f[opb].size == 2 || f[opb].sign)
			ldst_extra(d, (unsigned)f[opb].size, f[opb].load,
				   f[opb].sign, lo3, mid3, hi3, true, 0);
		else
			ldst(d, f[opb].size == 1, f[opb].load, lo3, mid3, hi3,
			     true, 0);
		return;
	}
	case 0x0c: case 0x0d: /* STR/LDR (immediate) T1 */
		ldst(d, false, bits(hw, 11, 11), lo3, mid3, 0, false,
		     bits(hw, 10, 6) * 4);
		return;
	case 0x0e: case 0x0f: /* STRB/LDRB (immediate) T1 */
		ldst(d, true, bits(hw, 11, 11), lo3, mid3, 0, false,
		     bits(hw, 10, 6));
		return;
	case 0x10: case 0x11: /* STRH/LDRH (immediate) T1 */
		ldst_extra(d, 2, bits(hw, 11, 11), false, lo3, mid3, 0, false,
			   bits(hw, 10, 6) * 2);
		return;
	case 0x12: case 0x13: /* STR/LDR (SP plus immediate) T2 */
		ldst(d, false, bits(hw, 11, 11), r10, 13, 0, false,
		     bits(hw, 7, 0) * 4);
		return;
	case 0x15: /* ADD Rd, SP, #imm8 * 4 */
		dp_imm(d, DP_ADD, false, r10, 13, bits(hw, 7, 0) * 4);
		return;
	case 0x16:
		if (bits(hw, 10, 8) == 0) /* ADD/SUB SP, SP, #imm7 * 4 */
			dp_imm(d, bits(hw, 7, 7) ? DP_SUB : DP_ADD, false, 13,
			       13, bits(hw, 6, 0) * 4);
		if (bits(hw, 10, 9) == 2) /* PUSH: STMDB SP!, list (+ LR) */
			multiple(d, false, 13,
				 (uint16_t)(bits(hw, 8, 8) << 14 | bits(hw, 7, 0)),
				 false, true, true);
		if (bits(hw, 10, 8) == 2) { /* SXTH, SXTB, UXTH, UXTB T1 */
			static const unsigned char ext[4] = {
				EXT_SXTH, EXT_SXTB, EXT_UXTH, EXT_UXTB};
			extend(d, ext[bits(hw, 7, 6)], lo3, 15, mid3, 0);
		}
		return;
	case 0x17:
		if (bits(hw, 10, 9) == 2 && !bits(hw, 8, 8)) /* POP, no PC */
			multiple(d, true, 13, (uint16_t)bits(hw, 7, 0), true,
				 false, true);
		if (bits(hw, 10, 8) == 2 && bits(hw, 7, 6) != 2) {
			/* REV, REV16, REVSH T1 (10 is not allocated in v7) */
			static const unsigned char op[4] = {
				REV_REV, REV_REV16, 0, REV_REVSH};
			rev(d, op[bits(hw, 7, 6)], lo3, mid3);
		}
		return;
	case 0x18: /* STM T1: STMIA Rn!, list */
		multiple(d, false, r10, (uint16_t)bits(hw, 7, 0), true, false,
			 true);
		return;
	case 0x19: /* LDM T1: LDMIA Rn{!}, list (writeback unless Rn is in
		    * the list) */
		multiple(d, true, r10, (uint16_t)bits(hw, 7, 0), true, false,
			 !((hw >> r10) & 1));
		return;
	case 0x1a: case 0x1b: { /* B<c> T1; 1110 UDF, 1111 SVC */
		unsigned cond = bits(hw, 11, 8);
		if (cond >= 0xe)
			return;
		d->op = (uint8_t)cond;
		d->imm = (uint32_t)((int32_t)(hw << 24) >> 23);
		d->fn = pd_bcond;
		d->writes = 0;
		return;
	}
	case 0x1c: /* B T2 */
		d->imm = (uint32_t)((int32_t)(hw << 21) >> 20);
		d->fn = pd_b;
		d->writes = 0;
		return;
	default:
		return;
	}
}

/* ThumbExpandImm_C (A6.3.2): false for the UNPREDICTABLE zero patterns. */
static bool thumb_expand_imm(unsigned imm12, uint32_t *imm, bool *rotated)
{
	unsigned imm8 = imm12 & 0xffu;
	*rotated = (imm12 >> 10) != 0;
	if (*rotated) {
		uint32_t unrot = 0x80u | (imm12 & 0x7fu);
		unsigned n = (imm12 >> 7) & 31u;
		*imm = (unrot >> n) | (unrot << (32 - n));
		return true;
	}
	if (imm8 == 0 && (imm12 >> 8) != 0)
		return false;
	switch (imm12 >> 8) {
	case 0:
		*imm = imm8;
		break;
	case 1:
		*imm = imm8 * 0x00010001u;
		break;
	case 2:
		*imm = imm8 * 0x01000100u;
		break;
	default:
		*imm = imm8 * 0x01010101u;
		break;
	}
	return true;
}

/* The T32 data-processing opcodes with an A32 twin, and which of them are
 * MOV/MVN when Rn = 1111 (A6.3.1, A6.3.11). */
static int t32_dp_op(unsigned op, unsigned rn)
{
	static const signed char map[16] = {
		DP_AND, DP_BIC, DP_ORR, -1, DP_EOR, -1, -1, -1,
		DP_ADD, -1, DP_ADC, DP_SBC, -1, DP_SUB, DP_RSB, -1,
	};
	if (rn == 15) /* MOV and MVN; ORN has no A32 twin */
		return op == 2 ? DP_MOV : op == 3 ? DP_MVN : -1;
	return map[op];
}

/* A6.3: the 32-bit classes with handlers. */
static void predecode32(struct decoded_insn *d, uint32_t insn)
{
	unsigned hw1 = insn >> 16, hw2 = insn & 0xffffu;

	if ((hw1 & 0xf800u) == 0xf000u && (hw2 & 0x8000u)) {
		/* B T4 (10x1) and BL T1 (11x1), A6.3.4 */
		unsigned op = (hw2 >> 12) & 5u;
		if (op != 1 && op != 5)
			return;
		unsigned s = bits(hw1, 10, 10);
		unsigned i1 = !(bits(hw2, 13, 13) ^ s);
		unsigned i2 = !(bits(hw2, 11, 11) ^ s);
		uint32_t imm = (s << 24) | (i1 << 23) | (i2 << 22) |
			       (bits(hw1, 9, 0) << 12) | (bits(hw2, 10, 0) << 1);
		d->imm = (uint32_t)((int32_t)(imm << 7) >> 7);
		d->fn = op == 5 ? pd_bl : pd_b;
		d->writes = op == 5 ? DECODE_WRITES_R(14) : 0;
		return;
	}
	unsigned rn = bits(hw1, 3, 0), rd = bits(hw2, 11, 8);
	bool s = bits(hw1, 4, 4);
	unsigned rm = bits(hw2, 3, 0);
	bool bad_rd = rd == 13 || rd == 15, bad_rm = rm == 13 || rm == 15;
	if ((hw1 & 0xfa00u) == 0xf000u && !(hw2 & 0x8000u)) {
		/* data processing (modified immediate), A6.3.1 */
		int op = t32_dp_op(bits(hw1, 8, 5), rn);
		uint32_t imm;
		bool rotated;
		unsigned imm12 = (bits(hw1, 10, 10) << 11) |
				 (bits(hw2, 14, 12) << 8) | (hw2 & 0xffu);
		if (op < 0 || rd >= 13 || (rn == 13) ||
		    !thumb_expand_imm(imm12, &imm, &rotated))
			return;
		dp_imm(d, (enum dp_op)op, s, rd,
		       op == DP_MOV || op == DP_MVN ? 0 : rn, imm);
		d->imm_carry = rotated;
		return;
	}
	if ((hw1 & 0xfb70u) == 0xf240u && !(hw2 & 0x8000u)) {
		/* MOVW / MOVT T1/T3, A6.3.3 */
		if (rd >= 13)
			return;
		set_regs(d, rd, 0, 0);
		d->imm = (bits(hw1, 3, 0) << 12) | (bits(hw1, 10, 10) << 11) |
			 (bits(hw2, 14, 12) << 8) | (hw2 & 0xffu);
		d->fn = bits(hw1, 7, 7) ? predecode_movt : predecode_movw;
		d->writes = DECODE_WRITES_R(rd);
		return;
	}
	if ((hw1 & 0xfe00u) == 0xea00u && !(hw2 & 0x8000u)) {
		/* data processing (shifted register), A6.3.11 */
		int op = t32_dp_op(bits(hw1, 8, 5), rn);
		if (op < 0 || rd >= 13 || rn == 13 || rm >= 13)
			return;
		dp_shift(d, (enum dp_op)op, s, rd,
			 op == DP_MOV || op == DP_MVN ? 0 : rn, rm,
			 bits(hw2, 5, 4),
			 (bits(hw2, 14, 12) << 2) | bits(hw2, 7, 6));
		return;
	}
	if ((hw1 & 0xfff0u) == 0xfb00u && (hw2 & 0xf0u) == 0) {
		/* MUL, MLA T1 (A6.3.16; MLS and the SP/PC operands, which are
		 * UNPREDICTABLE, stay with the decoder) */
		unsigned ra = bits(hw2, 15, 12);
		if (bad_rd || bad_rm || rn == 13 || rn == 15 || ra == 13)
			return;
		if (ra == 15)
			mul(d, MUL_MUL, false, rd, rn, rm, 0);
		else
			mul(d, MUL_MLA, false, rd, rn, rm, ra);
		return;
	}
	if ((hw1 & 0xffc0u) == 0xfa80u && (hw2 & 0xf0c0u) == 0xf080u) {
		/* REV, REV16, RBIT, REVSH (hw1[4] = 1), CLZ (op1 = 11, op2 =
		 * 00), A6.3.18: Rm twice, the two copies equal */
		unsigned op1 = bits(hw1, 5, 4), op2 = bits(hw2, 5, 4);
		static const unsigned char revs[4] = {
			REV_REV, REV_REV16, REV_RBIT, REV_REVSH};
		if (bad_rd || bad_rm || rn != rm)
			return;
		if (op1 == 1)
			rev(d, revs[op2], rd, rm);
		else if (op1 == 3 && op2 == 0) {
			rev(d, 0, rd, rm);
			d->fn = predecode_clz;
		}
		return;
	}
	if ((hw1 & 0xff80u) == 0xfa00u && (hw2 & 0xf0c0u) == 0xf080u) {
		/* SXTAH … UXTB, A6.3.12 (op1 110 and 111 are not extends) */
		static const signed char ext[8] = {
			EXT_SXTH, EXT_UXTH, EXT_SXTB16, EXT_UXTB16,
			EXT_SXTB, EXT_UXTB, -1, -1};
		int op = ext[bits(hw1, 6, 4)];
		if (op < 0 || bad_rd || bad_rm || rn == 13)
			return;
		extend(d, (unsigned)op, rd, rn, rm, bits(hw2, 5, 4) * 8);
		return;
	}
	if ((hw1 & 0xff80u) == 0xf880u) {
		/* LDR/STR/LDRB/STRB/LDRH/STRH (immediate, 12-bit), A6.3.10 */
		unsigned rt = bits(hw2, 15, 12), size = bits(hw1, 6, 5);
		bool load = bits(hw1, 4, 4);
		if (rn == 15 || rt >= 13 || size == 3)
			return;
		uint32_t imm = hw2 & 0xfffu;
		if (size == 1)
			ldst_extra(d, 2, load, false, rt, rn, 0, false, imm);
		else
			ldst(d, size == 0, load, rt, rn, 0, false, imm);
		return;
	}
	if ((hw1 & 0xff80u) == 0xf800u) {
		/* the same with an 8-bit immediate (negative offset, pre- and
		 * post-indexed) or a register shifted left by 0-3 (A6.3.10
		 * T4 and T2 forms); the unprivileged forms (LDRT …) and the
		 * UNDEFINED P = W = 0 stay with the decoder, as do halfword
		 * writeback and shifts */
		unsigned rt = bits(hw2, 15, 12), size = bits(hw1, 6, 5);
		bool load = bits(hw1, 4, 4), byte = size == 0;
		if (rn == 15 || rt >= 13 || size == 3)
			return;
		if ((hw2 & 0x0fc0u) == 0) { /* register, LSL #imm2 */
			unsigned sh = bits(hw2, 5, 4);
			if (bad_rm || (size == 1 && sh != 0))
				return;
			if (size == 1) {
				ldst_extra(d, 2, load, false, rt, rn, rm, true, 0);
				return;
			}
			ldst(d, byte, load, rt, rn, rm, true, 0);
			d->shift_amount = (uint8_t)sh;
			return;
		}
		if (!(hw2 & 0x0800u))
			return;
		bool p = bits(hw2, 10, 10), u = bits(hw2, 9, 9);
		bool w = bits(hw2, 8, 8);
		uint32_t imm8 = hw2 & 0xffu, off = u ? imm8 : 0u - imm8;
		if ((p && u && !w) || (!p && !w))
			return; /* LDRT/STRT…, UNDEFINED */
		if (p && !w) { /* offset, subtracted */
			if (size == 1) {
				ldst_extra(d, 2, load, false, rt, rn, 0, false,
					   imm8);
				d->imm_carry = 0; /* subtract */
			} else {
				ldst(d, byte, load, rt, rn, 0, false, off);
			}
			return;
		}
		if (size == 1 || rt == rn)
			return; /* writeback: Rt = Rn is UNPREDICTABLE */
		ldst(d, byte, load, rt, rn, 0, false, off);
		d->fn = predecode_ldst_wb_fns[byte][load][0][p];
		d->writes |= DECODE_WRITES_R(rn);
	}
}

void t32_predecode(struct decoded_insn *d, uint32_t insn)
{
	bool wide = insn > 0xffffu;
	*d = (struct decoded_insn){ .insn = insn, .writes = DECODE_WRITES_ANY };
	if (wide)
		predecode32(d, insn);
	else
		predecode16(d, insn);
	if (d->fn)
		return;
	/* no fast handler: the table's line */
	const struct decode_entry *e = decode_table_lookup_local(
		wide ? DECODE_T32 : DECODE_T16, insn);
	d->fn = !e ? run_t32_unallocated : wide ? run_t32_entry : run_t16_entry;
	d->imm = e ? e->index : 0;
	d->writes = DECODE_WRITES_ANY;
	d->mem = 0;
}
