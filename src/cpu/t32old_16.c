/* 16-bit Thumb encodings, ARM DDI 0406C A6.2. The UNPREDICTABLE choices
 * are listed at the top of t32.c. 16-bit data-processing instructions set
 * the flags only outside an IT block (the "S" of their syntax is
 * !InITBlock()); the compares always do. */
#include "cpu/t32_old.h"

static bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* A data-processing instruction of the flag-setting-outside-IT kind. */
static enum exec_result dp(struct t32 *t, enum dp_op op, unsigned rd,
			   uint32_t n, uint32_t m, bool carry)
{
	return ops_dp_fast(t->cpu, op, !t->in_it, rd, n, m, carry);
}

/* TST, CMP, CMN: flags always, no destination. */
static enum exec_result compare(struct t32 *t, enum dp_op op, uint32_t n,
				uint32_t m)
{
	return ops_dp_fast(t->cpu, op, true, 0, n, m, carry_flag(t->cpu));
}

/* A6.2.1: shift (immediate), add, subtract, move, and compare. */
static enum exec_result shift_add_sub_mov_cmp(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned op = tb(hw, 13, 9);
	unsigned rd = tb(hw, 2, 0), rn = tb(hw, 5, 3), rm = tb(hw, 8, 6);
	unsigned rdn = tb(hw, 10, 8);
	uint32_t imm8 = tb(hw, 7, 0);

	switch (op >> 2) {
	case 0: /* LSL (immediate) T1; imm5 == 0 is MOV (register) T2 */
	case 1: /* LSR (immediate) T1 */
	case 2: { /* ASR (immediate) T1 */
		unsigned amount;
		enum shift_type type =
			alu_decode_imm_shift(op >> 2, tb(hw, 10, 6), &amount);
		bool c;
		uint32_t v = alu_shift_c(cpu_reg_read(cpu, rn), type, amount,
					 carry_flag(cpu), &c);
		return dp(t, DP_MOV, rd, 0, v, c);
	}
	case 3:
		switch (op & 3) {
		case 0: /* ADD (register) T1: ADDS Rd, Rn, Rm */
			return dp(t, DP_ADD, rd, cpu_reg_read(cpu, rn),
				  cpu_reg_read(cpu, rm), false);
		case 1: /* SUB (register) T1 */
			return dp(t, DP_SUB, rd, cpu_reg_read(cpu, rn),
				  cpu_reg_read(cpu, rm), false);
		case 2: /* ADD (immediate) T1: ADDS Rd, Rn, #imm3 */
			return dp(t, DP_ADD, rd, cpu_reg_read(cpu, rn),
				  tb(hw, 8, 6), false);
		default: /* SUB (immediate) T1 */
			return dp(t, DP_SUB, rd, cpu_reg_read(cpu, rn),
				  tb(hw, 8, 6), false);
		}
	case 4: /* MOV (immediate) T1: MOVS Rd, #imm8 (C unchanged) */
		return dp(t, DP_MOV, rdn, 0, imm8, carry_flag(cpu));
	case 5: /* CMP (immediate) T1 */
		return compare(t, DP_CMP, cpu_reg_read(cpu, rdn), imm8);
	case 6: /* ADD (immediate) T2: ADDS Rdn, #imm8 */
		return dp(t, DP_ADD, rdn, cpu_reg_read(cpu, rdn), imm8, false);
	default: /* SUB (immediate) T2 */
		return dp(t, DP_SUB, rdn, cpu_reg_read(cpu, rdn), imm8, false);
	}
}

/* A6.2.2: data processing on two low registers, <op>S Rdn, Rm. */
static enum exec_result data_processing(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned rdn = tb(hw, 2, 0), rm = tb(hw, 5, 3);
	uint32_t a = cpu_reg_read(cpu, rdn), b = cpu_reg_read(cpu, rm);
	bool c = carry_flag(cpu);

	switch (tb(hw, 9, 6)) {
	case 0x0:
		return dp(t, DP_AND, rdn, a, b, c);
	case 0x1:
		return dp(t, DP_EOR, rdn, a, b, c);
	case 0x2: /* LSL (register): the amount is Rm<7:0> */
	case 0x3: /* LSR (register) */
	case 0x4: /* ASR (register) */
	case 0x7: { /* ROR (register) */
		static const enum shift_type types[8] = {
			[2] = SRTYPE_LSL, [3] = SRTYPE_LSR,
			[4] = SRTYPE_ASR, [7] = SRTYPE_ROR,
		};
		bool sc;
		uint32_t v = alu_shift_c(a, types[tb(hw, 9, 6)], b & 0xffu,
					 c, &sc);
		return dp(t, DP_MOV, rdn, 0, v, sc);
	}
	case 0x5:
		return dp(t, DP_ADC, rdn, a, b, c);
	case 0x6:
		return dp(t, DP_SBC, rdn, a, b, c);
	case 0x8:
		return compare(t, DP_TST, a, b);
	case 0x9: /* RSB (immediate) T1: RSBS Rd, Rn, #0 (NEG) */
		return dp(t, DP_RSB, rdn, b, 0, c);
	case 0xa:
		return compare(t, DP_CMP, a, b);
	case 0xb:
		return compare(t, DP_CMN, a, b);
	case 0xc:
		return dp(t, DP_ORR, rdn, a, b, c);
	case 0xd: /* MUL T1: MULS Rdm, Rn, Rdm */
		return ops_mul(cpu, MUL_MUL, !t->in_it, rdn, rm, rdn, 0);
	case 0xe:
		return dp(t, DP_BIC, rdn, a, b, c);
	default:
		return dp(t, DP_MVN, rdn, 0, b, c);
	}
}

/* A6.2.3: special data instructions and branch and exchange. */
static enum exec_result special_data_branch(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned rm = tb(hw, 6, 3);
	unsigned rdn = (tbit(hw, 7) << 3) | tb(hw, 2, 0);

	switch (tb(hw, 9, 8)) {
	case 0: /* ADD (register) T2, ADD (SP plus register) T1/T2; a
		 * write to the PC is ALUWritePC = BranchWritePC in Thumb */
		return ops_dp(cpu, DP_ADD, false, rdn, cpu_reg_read(cpu, rdn),
			      cpu_reg_read(cpu, rm), false);
	case 1: /* CMP (register) T2 (0100, both low, executed as written) */
		return compare(t, DP_CMP, cpu_reg_read(cpu, rdn),
			       cpu_reg_read(cpu, rm));
	case 2: /* MOV (register) T1, no flags */
		return ops_dp(cpu, DP_MOV, false, rdn, 0, cpu_reg_read(cpu, rm),
			      carry_flag(cpu));
	default:
		if (!tbit(hw, 7)) { /* BX Rm (A8.8.27) */
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, rm));
			return EXEC_OK;
		} else { /* BLX (register) T1 (A8.8.26) */
			uint32_t target = cpu_reg_read(cpu, rm);
			/* LR = next_instr_addr<31:1>:'1' */
			cpu->r[14] = (cpu->r[15] + 2) | 1u;
			cpu_branch_interwork(cpu, target);
			return EXEC_OK;
		}
	}
}

/* A6.2.4: load/store single data item. */
static enum exec_result load_store_single(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned rt = tb(hw, 2, 0), rn = tb(hw, 5, 3);
	uint32_t imm5 = tb(hw, 10, 6);
	bool load = tbit(hw, 11);

	switch (tb(hw, 15, 12)) {
	case 0x5: { /* register offset: [Rn, Rm] */
		uint32_t off = cpu_reg_read(cpu, tb(hw, 8, 6));
		static const struct {
			bool load;
			unsigned size;
			bool sign;
		} f[8] = {
			{ false, 4, false }, /* STR */
			{ false, 2, false }, /* STRH */
			{ false, 1, false }, /* STRB */
			{ true, 1, true },   /* LDRSB */
			{ true, 4, false },  /* LDR */
			{ true, 2, false },  /* LDRH */
			{ true, 1, false },  /* LDRB */
			{ true, 2, true },   /* LDRSH */
		};
		unsigned op = tb(hw, 11, 9);
		return ops_ldst(cpu, f[op].load, f[op].size, f[op].sign,
				f[op].sign ? ACC_SIGNED : 0, rt, rn, off, true,
				true, false);
	}
	case 0x6: /* STR/LDR (immediate) T1: [Rn, #imm5*4] */
		return ops_ldst(cpu, load, 4, false, 0, rt, rn, imm5 << 2, true,
				true, false);
	case 0x7: /* STRB/LDRB (immediate) T1 */
		return ops_ldst(cpu, load, 1, false, 0, rt, rn, imm5, true,
				true, false);
	case 0x8: /* STRH/LDRH (immediate) T1 */
		return ops_ldst(cpu, load, 2, false, 0, rt, rn, imm5 << 1, true,
				true, false);
	default: /* 0x9: STR/LDR (SP plus immediate) T2 / T2 */
		return ops_ldst(cpu, load, 4, false, 0, tb(hw, 10, 8), 13,
				tb(hw, 7, 0) << 2, true, true, false);
	}
}

/* CBZ, CBNZ (A8.8.29). */
static enum exec_result cbz(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;

	if (t->in_it)
		return cpu_undefined(cpu); /* UNPREDICTABLE: see t32.c */
	bool nonzero = tbit(hw, 11);
	uint32_t imm = (tbit(hw, 9) << 6) | (tb(hw, 7, 3) << 1);
	if (nonzero != (cpu->r[tb(hw, 2, 0)] == 0))
		cpu_branch(cpu, cpu_reg_read(cpu, 15) + imm);
	return EXEC_OK;
}

/* A6.2.5: miscellaneous 16-bit instructions. */
static enum exec_result misc(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned op = tb(hw, 11, 5);
	unsigned rd = tb(hw, 2, 0), rm = tb(hw, 5, 3);

	switch (op >> 3) {
	case 0x0: { /* ADD/SUB (SP minus immediate): SP = SP +/- imm7*4 */
		uint32_t imm = tb(hw, 6, 0) << 2;
		return ops_dp(cpu, tbit(hw, 7) ? DP_SUB : DP_ADD, false, 13,
			      cpu->r[13], imm, false);
	}
	case 0x1: case 0x3: case 0x9: case 0xb:
		return cbz(t, hw);
	case 0x2: { /* SXTH, SXTB, UXTH, UXTB (T1), no rotation */
		static const enum ext_op ext[4] = { EXT_SXTH, EXT_SXTB,
						    EXT_UXTH, EXT_UXTB };
		return ops_extend(cpu, ext[tb(hw, 7, 6)], rd, 15, rm, 0);
	}
	case 0x4: case 0x5: /* PUSH (A8.8.133 T1): STMDB SP!, list */
		return ops_stm(cpu, 13,
			       (uint16_t)((tbit(hw, 8) << 14) | tb(hw, 7, 0)),
			       false, true, true, false);
	case 0x6:
		if (op == 0x32) { /* SETEND (A8.8.148) */
			if (t->in_it)
				return cpu_undefined(cpu);
			return ops_setend(cpu, tbit(hw, 3));
		}
		if (op == 0x33) { /* CPS T1 (B9.3.2): imod 10 IE, 11 ID */
			if (t->in_it)
				return cpu_undefined(cpu);
			return ops_cps(cpu, tbit(hw, 4) ? 3 : 2, tbit(hw, 2),
				       tbit(hw, 1), tbit(hw, 0), false, 0);
		}
		return cpu_undefined(cpu);
	case 0xc: case 0xd: /* POP (A8.8.131 T1): LDMIA SP!, list */
		return ops_ldm(cpu, 13,
			       (uint16_t)((tbit(hw, 8) << 15) | tb(hw, 7, 0)),
			       true, false, true, false);
	case 0xe: /* BKPT #imm8 (A8.8.24) */
		return cpu_bkpt(cpu, tb(hw, 7, 0));
	case 0xf: /* IT and hints (A6.2.5 Table A6-8) */
		if (tb(hw, 3, 0) != 0)
			return t32_exec_it(t, tb(hw, 7, 4), tb(hw, 3, 0));
		return ops_hint(cpu, tb(hw, 7, 4));
	case 0xa: { /* REV, REV16, (1010 10x unallocated), REVSH */
		static const int rev[4] = { REV_REV, REV_REV16, -1,
					    REV_REVSH };
		int r = rev[tb(hw, 7, 6)];
		if (r < 0)
			return cpu_undefined(cpu);
		return ops_rev(cpu, (enum rev_op)r, rd, rm);
	}
	default:
		return cpu_undefined(cpu);
	}
}

/* A6.2.6: conditional branch, and supervisor call. */
static enum exec_result cond_branch_svc(struct t32 *t, uint32_t hw)
{
	struct cpu *cpu = t->cpu;
	unsigned cond = tb(hw, 11, 8);

	if (cond == 0xe) /* UDF #imm8 (A8.8.247): permanently UNDEFINED */
		return cpu_undefined(cpu);
	if (cond == 0xf) { /* SVC #imm8 (A8.8.228) */
		/* cpu_svc advances ITSTATE itself, as TakeSVCException and
		 * the semihosting call (SVC 0xAB) both need. */
		enum exec_result r = cpu_svc(cpu, tb(hw, 7, 0));
		t->it_written = true;
		return r;
	}
	/* B<c> T1 (A8.8.18) */
	if (t->in_it)
		return cpu_undefined(cpu);
	if (cpu_condition_passed(cpu, cond))
		cpu_branch(cpu, cpu_reg_read(cpu, 15) +
					t32_sext(tb(hw, 7, 0) << 1, 9));
	return EXEC_OK;
}

enum exec_result t32old_exec16(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw = t->insn & 0xffffu;

	switch (tb(hw, 15, 12)) {
	case 0x0: case 0x1: case 0x2: case 0x3:
		return shift_add_sub_mov_cmp(t, hw);
	case 0x4:
		if (tb(hw, 11, 10) == 0)
			return data_processing(t, hw);
		if (tb(hw, 11, 10) == 1)
			return special_data_branch(t, hw);
		/* LDR (literal) T1: [Align(PC, 4), #imm8*4] */
		return ops_ldst(cpu, true, 4, false, 0, tb(hw, 10, 8), 15,
				tb(hw, 7, 0) << 2, true, true, false);
	case 0x5: case 0x6: case 0x7: case 0x8: case 0x9:
		return load_store_single(t, hw);
	case 0xa: { /* ADR T1 / ADD (SP plus immediate) T1 */
		uint32_t imm = tb(hw, 7, 0) << 2;
		uint32_t base = tbit(hw, 11) ? cpu->r[13]
					     : t32_pc_aligned(cpu);
		return ops_dp(cpu, DP_ADD, false, tb(hw, 10, 8), base, imm,
			      false);
	}
	case 0xb:
		return misc(t, hw);
	case 0xc: { /* STM T1 (STMIA Rn!), LDM T1 (LDMIA Rn{!}) */
		unsigned rn = tb(hw, 10, 8);
		uint16_t list = (uint16_t)tb(hw, 7, 0);
		if (tbit(hw, 11))
			return ops_ldm(cpu, rn, list, true, false,
				       !tbit(list, rn), false);
		return ops_stm(cpu, rn, list, true, false, true, false);
	}
	case 0xd:
		return cond_branch_svc(t, hw);
	case 0xe: /* B T2 (A8.8.18): 11100 imm11 */
		if (tbit(hw, 11)) /* 11101: a 32-bit prefix, never here */
			return cpu_undefined(cpu);
		cpu_branch(cpu, cpu_reg_read(cpu, 15) +
					t32_sext(tb(hw, 10, 0) << 1, 12));
		return EXEC_OK;
	default: /* 1111x: 32-bit prefixes, never here */
		return cpu_undefined(cpu);
	}
}
