/* 16-bit Thumb encodings, ARM DDI 0406C A6.2: the handlers of t16.def's
 * lines (its handler column) and their dispatch array. The table has
 * decided which instruction an encoding is; a handler extracts its fields
 * and executes it. The UNPREDICTABLE choices are listed at the top of
 * t32.c. 16-bit data-processing instructions set the flags only outside
 * an IT block (the "S" of their syntax is !InITBlock()); the compares
 * always do. */
#include "cpu/t32_internal.h"

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

/* ---- A6.2.1: shift (immediate), add, subtract, move, and compare ---- */

/* LSL, LSR, ASR (immediate) T1: <op>S Rd, Rm, #imm5 (hw<12:11> is the
 * shift type); LSL #0 is MOV (register) T2, MOVS Rd, Rm. */
static enum exec_result t16_shift_imm(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw = t->insn;
	unsigned amount;
	enum shift_type type =
		alu_decode_imm_shift(tb(hw, 12, 11), tb(hw, 10, 6), &amount);
	bool c;
	uint32_t v = alu_shift_c(cpu_reg_read(cpu, tb(hw, 5, 3)), type, amount,
				 carry_flag(cpu), &c);
	return dp(t, DP_MOV, tb(hw, 2, 0), 0, v, c);
}

/* ADD (register) T1: ADDS Rd, Rn, Rm. */
static enum exec_result t16_add_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	return dp(t, DP_ADD, tb(t->insn, 2, 0),
		  cpu_reg_read(cpu, tb(t->insn, 5, 3)),
		  cpu_reg_read(cpu, tb(t->insn, 8, 6)), false);
}

/* SUB (register) T1. */
static enum exec_result t16_sub_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	return dp(t, DP_SUB, tb(t->insn, 2, 0),
		  cpu_reg_read(cpu, tb(t->insn, 5, 3)),
		  cpu_reg_read(cpu, tb(t->insn, 8, 6)), false);
}

/* ADD (immediate) T1: ADDS Rd, Rn, #imm3. */
static enum exec_result t16_add_imm3(struct t32 *t)
{
	return dp(t, DP_ADD, tb(t->insn, 2, 0),
		  cpu_reg_read(t->cpu, tb(t->insn, 5, 3)), tb(t->insn, 8, 6),
		  false);
}

/* SUB (immediate) T1. */
static enum exec_result t16_sub_imm3(struct t32 *t)
{
	return dp(t, DP_SUB, tb(t->insn, 2, 0),
		  cpu_reg_read(t->cpu, tb(t->insn, 5, 3)), tb(t->insn, 8, 6),
		  false);
}

/* MOV (immediate) T1: MOVS Rd, #imm8 (C unchanged). */
static enum exec_result t16_mov_imm(struct t32 *t)
{
	return dp(t, DP_MOV, tb(t->insn, 10, 8), 0, tb(t->insn, 7, 0),
		  carry_flag(t->cpu));
}

/* CMP (immediate) T1. */
static enum exec_result t16_cmp_imm(struct t32 *t)
{
	return compare(t, DP_CMP, cpu_reg_read(t->cpu, tb(t->insn, 10, 8)),
		       tb(t->insn, 7, 0));
}

/* ADD (immediate) T2: ADDS Rdn, #imm8. */
static enum exec_result t16_add_imm8(struct t32 *t)
{
	unsigned rdn = tb(t->insn, 10, 8);
	return dp(t, DP_ADD, rdn, cpu_reg_read(t->cpu, rdn), tb(t->insn, 7, 0),
		  false);
}

/* SUB (immediate) T2. */
static enum exec_result t16_sub_imm8(struct t32 *t)
{
	unsigned rdn = tb(t->insn, 10, 8);
	return dp(t, DP_SUB, rdn, cpu_reg_read(t->cpu, rdn), tb(t->insn, 7, 0),
		  false);
}

/* ---- A6.2.2: data processing on two low registers ---- */

/* AND, EOR, ADC, SBC, ORR, BIC (register) T1: <op>S Rdn, Rm; the
 * operation is the line's opcode hw<9:6>. */
static enum exec_result t16_dp_reg(struct t32 *t)
{
	static const enum dp_op ops[16] = {
		[0x0] = DP_AND, [0x1] = DP_EOR, [0x5] = DP_ADC,
		[0x6] = DP_SBC, [0xc] = DP_ORR, [0xe] = DP_BIC,
	};
	struct cpu *cpu = t->cpu;
	unsigned rdn = tb(t->insn, 2, 0);
	return dp(t, ops[tb(t->insn, 9, 6)], rdn, cpu_reg_read(cpu, rdn),
		  cpu_reg_read(cpu, tb(t->insn, 5, 3)), carry_flag(cpu));
}

/* MVN (register) T1: MVNS Rd, Rm. */
static enum exec_result t16_mvn_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	return dp(t, DP_MVN, tb(t->insn, 2, 0), 0,
		  cpu_reg_read(cpu, tb(t->insn, 5, 3)), carry_flag(cpu));
}

/* LSL, LSR, ASR, ROR (register) T1: the amount is Rm<7:0>. */
static enum exec_result t16_shift_reg(struct t32 *t)
{
	static const enum shift_type types[16] = {
		[0x2] = SRTYPE_LSL, [0x3] = SRTYPE_LSR,
		[0x4] = SRTYPE_ASR, [0x7] = SRTYPE_ROR,
	};
	struct cpu *cpu = t->cpu;
	unsigned rdn = tb(t->insn, 2, 0);
	bool sc;
	uint32_t v = alu_shift_c(cpu_reg_read(cpu, rdn),
				 types[tb(t->insn, 9, 6)],
				 cpu_reg_read(cpu, tb(t->insn, 5, 3)) & 0xffu,
				 carry_flag(cpu), &sc);
	return dp(t, DP_MOV, rdn, 0, v, sc);
}

/* TST, CMP, CMN (register) T1. */
static enum exec_result t16_compare_reg(struct t32 *t)
{
	static const enum dp_op ops[4] = {
		[0] = DP_TST, [2] = DP_CMP, [3] = DP_CMN,
	};
	struct cpu *cpu = t->cpu;
	return compare(t, ops[tb(t->insn, 7, 6)],
		       cpu_reg_read(cpu, tb(t->insn, 2, 0)),
		       cpu_reg_read(cpu, tb(t->insn, 5, 3)));
}

/* RSB (immediate) T1: RSBS Rd, Rn, #0 (NEG). */
static enum exec_result t16_rsb_imm(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	return dp(t, DP_RSB, tb(t->insn, 2, 0),
		  cpu_reg_read(cpu, tb(t->insn, 5, 3)), 0, carry_flag(cpu));
}

/* MUL T1: MULS Rdm, Rn, Rdm. */
static enum exec_result t16_mul(struct t32 *t)
{
	unsigned rdm = tb(t->insn, 2, 0);
	return ops_mul(t->cpu, MUL_MUL, !t->in_it, rdm, tb(t->insn, 5, 3), rdm,
		       0);
}

/* ---- A6.2.3: special data instructions and branch and exchange ---- */

/* ADD (register) T2, ADD (SP plus register) T1/T2; a write to the PC is
 * ALUWritePC = BranchWritePC in Thumb. */
static enum exec_result t16_add_reg_high(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rdn = (tbit(t->insn, 7) << 3) | tb(t->insn, 2, 0);
	return ops_dp(cpu, DP_ADD, false, rdn, cpu_reg_read(cpu, rdn),
		      cpu_reg_read(cpu, tb(t->insn, 6, 3)), false);
}

/* CMP (register) T2 (both low: executed as written). */
static enum exec_result t16_cmp_reg_high(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rn = (tbit(t->insn, 7) << 3) | tb(t->insn, 2, 0);
	return compare(t, DP_CMP, cpu_reg_read(cpu, rn),
		       cpu_reg_read(cpu, tb(t->insn, 6, 3)));
}

/* MOV (register) T1, no flags. */
static enum exec_result t16_mov_reg_high(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	unsigned rd = (tbit(t->insn, 7) << 3) | tb(t->insn, 2, 0);
	return ops_dp(cpu, DP_MOV, false, rd, 0,
		      cpu_reg_read(cpu, tb(t->insn, 6, 3)), carry_flag(cpu));
}

/* BX Rm (A8.8.27). */
static enum exec_result t16_bx(struct t32 *t)
{
	cpu_branch_interwork(t->cpu, cpu_reg_read(t->cpu, tb(t->insn, 6, 3)));
	return EXEC_OK;
}

/* BLX (register) T1 (A8.8.26). */
static enum exec_result t16_blx_reg(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t target = cpu_reg_read(cpu, tb(t->insn, 6, 3));
	/* LR = next_instr_addr<31:1>:'1' */
	cpu->r[14] = (cpu->r[15] + 2) | 1u;
	cpu_branch_interwork(cpu, target);
	return EXEC_OK;
}

/* ---- loads and stores, A6.2 and A6.2.4 ---- */

/* LDR (literal) T1: [Align(PC, 4), #imm8*4]. */
static enum exec_result t16_ldr_lit(struct t32 *t)
{
	return ops_ldst(t->cpu, true, 4, false, 0, tb(t->insn, 10, 8), 15,
			tb(t->insn, 7, 0) << 2, true, true, false);
}

/* STR, STRH, STRB, LDRSB, LDR, LDRH, LDRB, LDRSH (register) T1:
 * [Rn, Rm]; hw<11:9> is the line's opcode. */
static enum exec_result t16_ldst_reg(struct t32 *t)
{
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
	struct cpu *cpu = t->cpu;
	uint32_t hw = t->insn;
	unsigned op = tb(hw, 11, 9);
	return ops_ldst(cpu, f[op].load, f[op].size, f[op].sign,
			f[op].sign ? ACC_SIGNED : 0, tb(hw, 2, 0), tb(hw, 5, 3),
			cpu_reg_read(cpu, tb(hw, 8, 6)), true, true, false);
}

/* STR/LDR (immediate) T1: [Rn, #imm5*4]; hw<11> = load. */
static enum exec_result t16_ldst_word_imm(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_ldst(t->cpu, tbit(hw, 11), 4, false, 0, tb(hw, 2, 0),
			tb(hw, 5, 3), tb(hw, 10, 6) << 2, true, true, false);
}

/* STRB/LDRB (immediate) T1. */
static enum exec_result t16_ldst_byte_imm(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_ldst(t->cpu, tbit(hw, 11), 1, false, 0, tb(hw, 2, 0),
			tb(hw, 5, 3), tb(hw, 10, 6), true, true, false);
}

/* STRH/LDRH (immediate) T1. */
static enum exec_result t16_ldst_half_imm(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_ldst(t->cpu, tbit(hw, 11), 2, false, 0, tb(hw, 2, 0),
			tb(hw, 5, 3), tb(hw, 10, 6) << 1, true, true, false);
}

/* STR/LDR (SP plus immediate) T2. */
static enum exec_result t16_ldst_sp(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_ldst(t->cpu, tbit(hw, 11), 4, false, 0, tb(hw, 10, 8), 13,
			tb(hw, 7, 0) << 2, true, true, false);
}

/* ---- PC- and SP-relative addresses ---- */

/* ADR T1: Rd = Align(PC, 4) + imm8*4. */
static enum exec_result t16_adr(struct t32 *t)
{
	return ops_dp(t->cpu, DP_ADD, false, tb(t->insn, 10, 8),
		      t32_pc_aligned(t->cpu), tb(t->insn, 7, 0) << 2, false);
}

/* ADD (SP plus immediate) T1: Rd = SP + imm8*4. */
static enum exec_result t16_add_sp_imm(struct t32 *t)
{
	return ops_dp(t->cpu, DP_ADD, false, tb(t->insn, 10, 8), t->cpu->r[13],
		      tb(t->insn, 7, 0) << 2, false);
}

/* ---- A6.2.5: miscellaneous 16-bit instructions ---- */

/* ADD (SP plus immediate) T2, SUB (SP minus immediate) T1: SP = SP +/-
 * imm7*4 (hw<7> = subtract). */
static enum exec_result t16_add_sub_sp_imm7(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	return ops_dp(cpu, tbit(t->insn, 7) ? DP_SUB : DP_ADD, false, 13,
		      cpu->r[13], tb(t->insn, 6, 0) << 2, false);
}

/* CBZ, CBNZ (A8.8.29). */
static enum exec_result t16_cbz(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw = t->insn;

	if (t->in_it)
		return cpu_undefined(cpu); /* UNPREDICTABLE: see t32.c */
	bool nonzero = tbit(hw, 11);
	uint32_t imm = (tbit(hw, 9) << 6) | (tb(hw, 7, 3) << 1);
	if (nonzero != (cpu->r[tb(hw, 2, 0)] == 0))
		cpu_branch(cpu, cpu_reg_read(cpu, 15) + imm);
	return EXEC_OK;
}

/* SXTH, SXTB, UXTH, UXTB T1 (no rotation); hw<7:6> is the line's. */
static enum exec_result t16_extend(struct t32 *t)
{
	static const enum ext_op ext[4] = { EXT_SXTH, EXT_SXTB, EXT_UXTH,
					    EXT_UXTB };
	return ops_extend(t->cpu, ext[tb(t->insn, 7, 6)], tb(t->insn, 2, 0), 15,
			  tb(t->insn, 5, 3), 0);
}

/* PUSH (A8.8.133 T1): STMDB SP!, list (+ LR). */
static enum exec_result t16_push(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_stm(t->cpu, 13,
		       (uint16_t)((tbit(hw, 8) << 14) | tb(hw, 7, 0)), false,
		       true, true, false);
}

/* SETEND (A8.8.148): not permitted in an IT block. */
static enum exec_result t16_setend(struct t32 *t)
{
	if (t->in_it)
		return cpu_undefined(t->cpu);
	return ops_setend(t->cpu, tbit(t->insn, 3));
}

/* CPS T1 (B9.3.2): imod 10 IE, 11 ID; not permitted in an IT block. */
static enum exec_result t16_cps(struct t32 *t)
{
	uint32_t hw = t->insn;
	if (t->in_it)
		return cpu_undefined(t->cpu);
	return ops_cps(t->cpu, tbit(hw, 4) ? 3 : 2, tbit(hw, 2), tbit(hw, 1),
		       tbit(hw, 0), false, 0);
}

/* REV, REV16, REVSH T1 (hw<7:6> = 10 is unallocated: no line). */
static enum exec_result t16_rev(struct t32 *t)
{
	static const enum rev_op rev[4] = { REV_REV, REV_REV16, REV_REV,
					    REV_REVSH };
	return ops_rev(t->cpu, rev[tb(t->insn, 7, 6)], tb(t->insn, 2, 0),
		       tb(t->insn, 5, 3));
}

/* POP (A8.8.131 T1): LDMIA SP!, list (+ PC). */
static enum exec_result t16_pop(struct t32 *t)
{
	uint32_t hw = t->insn;
	return ops_ldm(t->cpu, 13,
		       (uint16_t)((tbit(hw, 8) << 15) | tb(hw, 7, 0)), true,
		       false, true, false);
}

/* BKPT #imm8 (A8.8.24). */
static enum exec_result t16_bkpt(struct t32 *t)
{
	return cpu_bkpt(t->cpu, tb(t->insn, 7, 0));
}

/* IT (A8.8.55); mask 0000 is the hint space (its own lines). */
static enum exec_result t16_it(struct t32 *t)
{
	return t32_exec_it(t, tb(t->insn, 7, 4), tb(t->insn, 3, 0));
}

/* NOP, YIELD, WFE, WFI, SEV and the unallocated hints (NOP). */
static enum exec_result t16_hint(struct t32 *t)
{
	return ops_hint(t->cpu, tb(t->insn, 7, 4));
}

/* ---- A6.2 and A6.2.6: load/store multiple, branches, SVC ---- */

/* STM T1: STMIA Rn!, list. */
static enum exec_result t16_stm(struct t32 *t)
{
	return ops_stm(t->cpu, tb(t->insn, 10, 8), (uint16_t)tb(t->insn, 7, 0),
		       true, false, true, false);
}

/* LDM T1: LDMIA Rn{!}, list (writeback unless Rn is in the list). */
static enum exec_result t16_ldm(struct t32 *t)
{
	unsigned rn = tb(t->insn, 10, 8);
	uint16_t list = (uint16_t)tb(t->insn, 7, 0);
	return ops_ldm(t->cpu, rn, list, true, false, !tbit(list, rn), false);
}

/* B<c> T1 (A8.8.18): not permitted in an IT block. */
static enum exec_result t16_b_cond(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw = t->insn;

	if (t->in_it)
		return cpu_undefined(cpu);
	if (cpu_condition_passed(cpu, tb(hw, 11, 8)))
		cpu_branch(cpu, cpu_reg_read(cpu, 15) +
					t32_sext(tb(hw, 7, 0) << 1, 9));
	return EXEC_OK;
}

/* SVC #imm8 (A8.8.228). cpu_svc advances ITSTATE itself, as
 * TakeSVCException and the semihosting call (SVC 0xAB) both need. */
static enum exec_result t16_svc(struct t32 *t)
{
	enum exec_result r = cpu_svc(t->cpu, tb(t->insn, 7, 0));
	t->it_written = true;
	return r;
}

/* B T2 (A8.8.18): 11100 imm11. */
static enum exec_result t16_b(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	cpu_branch(cpu, cpu_reg_read(cpu, 15) +
				t32_sext(tb(t->insn, 10, 0) << 1, 12));
	return EXEC_OK;
}

/* The handlers of t16.def's lines, in line order (decode_entry.index). */
const t32_handler t16_handlers[] = {
#define DECODE_DEF "cpu/t16.def"
#include "cpu/decode_handlers.h"
};
