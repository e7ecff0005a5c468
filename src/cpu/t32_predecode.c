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
#include <string.h>

#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
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

/* t32.def's lines by index, for the DELEGATE handlers (classify() sets
 * it; NULL if a malformed line made positions and indexes differ). */
static const struct decode_entry *t32_lines;

static enum exec_result run_t32_entry(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	if (__builtin_expect((cpu->cpsr & CPSR_IT_MASK) != 0, 0))
		return t32_execute(cpu, d->insn, 4);
	struct t32 t = { .cpu = cpu, .insn = d->insn,
			 .entry = t32_lines ? &t32_lines[d->imm] : NULL };
	return t32_handlers[d->imm](&t);
}

/* No line (or a wrong (0)/(1) bit): UNDEFINED. */
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

bool t32_predecode_direct_branch(const struct decoded_insn *d, uint32_t pc,
				 struct direct_branch *b)
{
	if (d->fn != pd_b && d->fn != pd_bcond && d->fn != pd_bl)
		return false;
	*b = (struct direct_branch){
		.target = (pc + 4 + d->imm) & ~1u,
		.lr = (pc + 4) | 1u,
		.link = d->fn == pd_bl,
		.cond = d->fn == pd_bcond ? d->op : 14,
	};
	return true;
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
	d->fn = predecode_ldst_extra_fn(size, load, sign, reg);
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
	d->fn = predecode_mul_fn(op, s);
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
	d->fn = predecode_extend_fn((enum ext_op)op, rn != 15);
	d->writes = DECODE_WRITES_R(rd);
}

/* REV, REV16, REVSH, RBIT (op enum rev_op), and CLZ. */
static void rev(struct decoded_insn *d, unsigned op, unsigned rd,
		unsigned rm)
{
	set_regs(d, rd, 0, rm);
	d->op = (uint8_t)op;
	d->fn = predecode_rev_fn((enum rev_op)op);
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

/* The fast classes, chosen by the decoder-table line of the encoding
 * (t16.def, t32.def): classify() maps each line's name to one, once. */
enum pd_class {
	PD_NONE, /* the line's handler (run_t16_entry, run_t32_entry) */
	/* 16-bit, A6.2 */
	PD16_SHIFT_IMM, PD16_ADDSUB_REG, PD16_ADDSUB_IMM3, PD16_MOV_IMM,
	PD16_CMP_IMM, PD16_ADD_IMM8, PD16_SUB_IMM8, PD16_DP_REG, PD16_MUL,
	PD16_ADD_HIGH, PD16_CMP_HIGH, PD16_MOV_HIGH, PD16_LDST_REG,
	PD16_LDST_WORD, PD16_LDST_BYTE, PD16_LDST_HALF, PD16_LDST_SP,
	PD16_ADD_SP_IMM, PD16_ADDSUB_SP, PD16_PUSH, PD16_EXTEND, PD16_POP,
	PD16_REV, PD16_STM, PD16_LDM, PD16_B_COND, PD16_B,
	/* 32-bit, A6.3 */
	PD32_B, PD32_BL, PD32_DP_IMM, PD32_MOVW, PD32_MOVT, PD32_DP_SHIFT,
	PD32_MUL, PD32_REV, PD32_CLZ, PD32_EXTEND, PD32_LDST_IMM12,
	PD32_LDST_IMM8, PD32_LDST_REG,
};

static const struct {
	enum decode_isa isa;
	const char *name;
	enum pd_class class;
} pd_lines[] = {
	{ DECODE_T16, "LSL_imm", PD16_SHIFT_IMM },
	{ DECODE_T16, "MOV_reg_T2", PD16_SHIFT_IMM },
	{ DECODE_T16, "LSR_imm", PD16_SHIFT_IMM },
	{ DECODE_T16, "ASR_imm", PD16_SHIFT_IMM },
	{ DECODE_T16, "ADD_reg", PD16_ADDSUB_REG },
	{ DECODE_T16, "SUB_reg", PD16_ADDSUB_REG },
	{ DECODE_T16, "ADD_imm3", PD16_ADDSUB_IMM3 },
	{ DECODE_T16, "SUB_imm3", PD16_ADDSUB_IMM3 },
	{ DECODE_T16, "MOV_imm", PD16_MOV_IMM },
	{ DECODE_T16, "CMP_imm", PD16_CMP_IMM },
	{ DECODE_T16, "ADD_imm8", PD16_ADD_IMM8 },
	{ DECODE_T16, "SUB_imm8", PD16_SUB_IMM8 },
	{ DECODE_T16, "AND_reg", PD16_DP_REG },
	{ DECODE_T16, "EOR_reg", PD16_DP_REG },
	{ DECODE_T16, "ADC_reg", PD16_DP_REG },
	{ DECODE_T16, "SBC_reg", PD16_DP_REG },
	{ DECODE_T16, "TST_reg", PD16_DP_REG },
	{ DECODE_T16, "RSB_imm", PD16_DP_REG },
	{ DECODE_T16, "CMP_reg", PD16_DP_REG },
	{ DECODE_T16, "CMN_reg", PD16_DP_REG },
	{ DECODE_T16, "ORR_reg", PD16_DP_REG },
	{ DECODE_T16, "BIC_reg", PD16_DP_REG },
	{ DECODE_T16, "MVN_reg", PD16_DP_REG },
	{ DECODE_T16, "MUL", PD16_MUL },
	{ DECODE_T16, "ADD_reg_T2", PD16_ADD_HIGH },
	{ DECODE_T16, "CMP_reg_T2", PD16_CMP_HIGH },
	{ DECODE_T16, "MOV_reg", PD16_MOV_HIGH },
	{ DECODE_T16, "STR_reg", PD16_LDST_REG },
	{ DECODE_T16, "STRH_reg", PD16_LDST_REG },
	{ DECODE_T16, "STRB_reg", PD16_LDST_REG },
	{ DECODE_T16, "LDRSB_reg", PD16_LDST_REG },
	{ DECODE_T16, "LDR_reg", PD16_LDST_REG },
	{ DECODE_T16, "LDRH_reg", PD16_LDST_REG },
	{ DECODE_T16, "LDRB_reg", PD16_LDST_REG },
	{ DECODE_T16, "LDRSH_reg", PD16_LDST_REG },
	{ DECODE_T16, "STR_imm", PD16_LDST_WORD },
	{ DECODE_T16, "LDR_imm", PD16_LDST_WORD },
	{ DECODE_T16, "STRB_imm", PD16_LDST_BYTE },
	{ DECODE_T16, "LDRB_imm", PD16_LDST_BYTE },
	{ DECODE_T16, "STRH_imm", PD16_LDST_HALF },
	{ DECODE_T16, "LDRH_imm", PD16_LDST_HALF },
	{ DECODE_T16, "STR_sp", PD16_LDST_SP },
	{ DECODE_T16, "LDR_sp", PD16_LDST_SP },
	{ DECODE_T16, "ADD_sp_imm", PD16_ADD_SP_IMM },
	{ DECODE_T16, "ADD_sp_imm7", PD16_ADDSUB_SP },
	{ DECODE_T16, "SUB_sp_imm7", PD16_ADDSUB_SP },
	{ DECODE_T16, "PUSH", PD16_PUSH },
	{ DECODE_T16, "SXTH", PD16_EXTEND },
	{ DECODE_T16, "SXTB", PD16_EXTEND },
	{ DECODE_T16, "UXTH", PD16_EXTEND },
	{ DECODE_T16, "UXTB", PD16_EXTEND },
	{ DECODE_T16, "POP", PD16_POP },
	{ DECODE_T16, "REV", PD16_REV },
	{ DECODE_T16, "REV16", PD16_REV },
	{ DECODE_T16, "REVSH", PD16_REV },
	{ DECODE_T16, "STM", PD16_STM },
	{ DECODE_T16, "LDM", PD16_LDM },
	{ DECODE_T16, "B_cond", PD16_B_COND },
	{ DECODE_T16, "B", PD16_B },
	{ DECODE_T32, "B", PD32_B },
	{ DECODE_T32, "BL", PD32_BL },
	/* A6.3.1: the A32 twins (ORN has none; TST, TEQ, CMN, CMP have Rd =
	 * 1111, which predecode32 leaves to the handler) */
	{ DECODE_T32, "AND_imm", PD32_DP_IMM },
	{ DECODE_T32, "BIC_imm", PD32_DP_IMM },
	{ DECODE_T32, "ORR_imm", PD32_DP_IMM },
	{ DECODE_T32, "MOV_imm", PD32_DP_IMM },
	{ DECODE_T32, "MVN_imm", PD32_DP_IMM },
	{ DECODE_T32, "EOR_imm", PD32_DP_IMM },
	{ DECODE_T32, "ADD_imm", PD32_DP_IMM },
	{ DECODE_T32, "ADC_imm", PD32_DP_IMM },
	{ DECODE_T32, "SBC_imm", PD32_DP_IMM },
	{ DECODE_T32, "SUB_imm", PD32_DP_IMM },
	{ DECODE_T32, "RSB_imm", PD32_DP_IMM },
	{ DECODE_T32, "MOVW", PD32_MOVW },
	{ DECODE_T32, "MOVT", PD32_MOVT },
	/* A6.3.11, the same operations */
	{ DECODE_T32, "AND_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "BIC_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "ORR_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "MOV_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "LSL_imm", PD32_DP_SHIFT },
	{ DECODE_T32, "LSR_imm", PD32_DP_SHIFT },
	{ DECODE_T32, "ASR_imm", PD32_DP_SHIFT },
	{ DECODE_T32, "ROR_imm", PD32_DP_SHIFT },
	{ DECODE_T32, "RRX", PD32_DP_SHIFT },
	{ DECODE_T32, "MVN_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "EOR_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "ADD_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "ADC_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "SBC_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "SUB_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "RSB_reg", PD32_DP_SHIFT },
	{ DECODE_T32, "MUL", PD32_MUL },
	{ DECODE_T32, "MLA", PD32_MUL },
	{ DECODE_T32, "REV", PD32_REV },
	{ DECODE_T32, "REV16", PD32_REV },
	{ DECODE_T32, "RBIT", PD32_REV },
	{ DECODE_T32, "REVSH", PD32_REV },
	{ DECODE_T32, "CLZ", PD32_CLZ },
	{ DECODE_T32, "SXTAH", PD32_EXTEND },
	{ DECODE_T32, "SXTH", PD32_EXTEND },
	{ DECODE_T32, "UXTAH", PD32_EXTEND },
	{ DECODE_T32, "UXTH", PD32_EXTEND },
	{ DECODE_T32, "SXTAB16", PD32_EXTEND },
	{ DECODE_T32, "SXTB16", PD32_EXTEND },
	{ DECODE_T32, "UXTAB16", PD32_EXTEND },
	{ DECODE_T32, "UXTB16", PD32_EXTEND },
	{ DECODE_T32, "SXTAB", PD32_EXTEND },
	{ DECODE_T32, "SXTB", PD32_EXTEND },
	{ DECODE_T32, "UXTAB", PD32_EXTEND },
	{ DECODE_T32, "UXTB", PD32_EXTEND },
	/* A6.3.10: words, bytes and halfwords, not signed (their A32 twins
	 * are other classes), not unprivileged, not literal */
	{ DECODE_T32, "STRB_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "STRH_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "STR_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "LDRB_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "LDRH_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "LDR_imm12", PD32_LDST_IMM12 },
	{ DECODE_T32, "STRB_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "STRB_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "STRH_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "STRH_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "STR_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "STR_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDRB_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDRB_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDRH_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDRH_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDR_post", PD32_LDST_IMM8 },
	{ DECODE_T32, "LDR_pre", PD32_LDST_IMM8 },
	{ DECODE_T32, "STRB_reg", PD32_LDST_REG },
	{ DECODE_T32, "STRH_reg", PD32_LDST_REG },
	{ DECODE_T32, "STR_reg", PD32_LDST_REG },
	{ DECODE_T32, "LDRB_reg", PD32_LDST_REG },
	{ DECODE_T32, "LDRH_reg", PD32_LDST_REG },
	{ DECODE_T32, "LDR_reg", PD32_LDST_REG },
};

/* The class of each line, by decode_entry.index (DECODE_T16, DECODE_T32). */
#define PD_MAX_LINES 512
static uint8_t pd_class16[PD_MAX_LINES], pd_class32[PD_MAX_LINES];
static bool pd_classified;

static void classify(void)
{
	for (unsigned k = 0; k < 2; k++) {
		enum decode_isa isa = k ? DECODE_T32 : DECODE_T16;
		uint8_t *cls = k ? pd_class32 : pd_class16;
		unsigned n;
		const struct decode_entry *es = decode_table_entries(isa, &n);
		for (unsigned i = 0; i < n && es[i].index < PD_MAX_LINES; i++)
			for (unsigned j = 0;
			     j < sizeof pd_lines / sizeof pd_lines[0]; j++)
				if (pd_lines[j].isa == isa &&
				    strcmp(pd_lines[j].name, es[i].name) == 0)
					cls[es[i].index] =
						(uint8_t)pd_lines[j].class;
	}
	unsigned n;
	const struct decode_entry *es = decode_table_entries(DECODE_T32, &n);
	t32_lines = es;
	for (unsigned i = 0; i < n; i++)
		if (es[i].index != i)
			t32_lines = NULL;
	pd_classified = true;
}

static enum pd_class class_of(const struct decode_entry *e, uint32_t insn)
{
	if (!e || e->index >= PD_MAX_LINES)
		return PD_NONE;
	/* the fast handlers assume the (0)/(1) bits as drawn; otherwise
	 * the line's handler decides (t32.c) */
	if ((insn & (e->sbz | e->sbo)) != e->sbo)
		return PD_NONE;
	return (enum pd_class)(e->isa == DECODE_T32 ? pd_class32
						   : pd_class16)[e->index];
}

/* A6.2: 16-bit encodings. */
static void predecode16(struct decoded_insn *d, unsigned hw,
			enum pd_class class)
{
	unsigned lo3 = bits(hw, 2, 0), mid3 = bits(hw, 5, 3);
	unsigned hi3 = bits(hw, 8, 6), r10 = bits(hw, 10, 8);

	switch (class) {
	case PD16_SHIFT_IMM: /* LSL/LSR/ASR (immediate) T1, MOVS Rd, Rm */
		dp_shift(d, DP_MOV, true, lo3, 0, mid3, hw >> 11,
			 bits(hw, 10, 6));
		return;
	case PD16_ADDSUB_REG: /* ADDS/SUBS Rd, Rn, Rm (hw<9> = subtract) */
		dp(d, bits(hw, 9, 9) ? DP_SUB : DP_ADD, true, lo3, mid3, hi3);
		return;
	case PD16_ADDSUB_IMM3:
		dp_imm(d, bits(hw, 9, 9) ? DP_SUB : DP_ADD, true, lo3, mid3,
		       hi3);
		return;
	case PD16_MOV_IMM: /* MOVS Rd, #imm8 (C unchanged: imm_carry 0) */
		dp_imm(d, DP_MOV, true, r10, 0, bits(hw, 7, 0));
		return;
	case PD16_CMP_IMM:
		dp_imm(d, DP_CMP, true, 0, r10, bits(hw, 7, 0));
		return;
	case PD16_ADD_IMM8:
		dp_imm(d, DP_ADD, true, r10, r10, bits(hw, 7, 0));
		return;
	case PD16_SUB_IMM8:
		dp_imm(d, DP_SUB, true, r10, r10, bits(hw, 7, 0));
		return;
	case PD16_DP_REG: {
		/* A6.2.2: <op>S Rdn, Rm; the opcode hw<9:6> of the line (the
		 * shifts by register stay with their handler) */
		static const signed char op[16] = {
			DP_AND, DP_EOR, -1, -1, -1, DP_ADC, DP_SBC, -1,
			DP_TST, DP_RSB, DP_CMP, DP_CMN, DP_ORR, -1,
			DP_BIC, DP_MVN,
		};
		int o = op[bits(hw, 9, 6)];
		if (o == DP_RSB) /* NEGS Rd, Rn = RSBS Rd, Rn, #0 */
			dp_imm(d, DP_RSB, true, lo3, mid3, 0);
		else if (o >= DP_TST && o <= DP_CMN)
			dp(d, (enum dp_op)o, true, 0, lo3, mid3);
		else if (o == DP_MVN)
			dp(d, DP_MVN, true, lo3, 0, mid3);
		else if (o >= 0)
			dp(d, (enum dp_op)o, true, lo3, lo3, mid3);
		return;
	}
	case PD16_MUL: /* MULS Rdm, Rn, Rdm (A8.8.114 T1) */
		mul(d, MUL_MUL, true, lo3, mid3, lo3, 0);
		return;
	case PD16_ADD_HIGH:
	case PD16_CMP_HIGH:
	case PD16_MOV_HIGH: {
		/* A6.2.3: ADD, CMP, MOV with high registers, not the PC */
		unsigned rdn = bits(hw, 7, 7) << 3 | lo3;
		unsigned rm = bits(hw, 6, 3);
		if (rdn == 15 || rm == 15)
			return;
		if (class == PD16_ADD_HIGH)
			dp(d, DP_ADD, false, rdn, rdn, rm);
		else if (class == PD16_MOV_HIGH)
			dp(d, DP_MOV, false, rdn, 0, rm);
		else if (rdn >= 8 || rm >= 8)
			dp(d, DP_CMP, true, 0, rdn, rm);
		return;
	}
	case PD16_LDST_REG: { /* A6.2.4: register offset */
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
	case PD16_LDST_WORD: /* STR/LDR (immediate) T1 */
		ldst(d, false, bits(hw, 11, 11), lo3, mid3, 0, false,
		     bits(hw, 10, 6) * 4);
		return;
	case PD16_LDST_BYTE: /* STRB/LDRB (immediate) T1 */
		ldst(d, true, bits(hw, 11, 11), lo3, mid3, 0, false,
		     bits(hw, 10, 6));
		return;
	case PD16_LDST_HALF: /* STRH/LDRH (immediate) T1 */
		ldst_extra(d, 2, bits(hw, 11, 11), false, lo3, mid3, 0, false,
			   bits(hw, 10, 6) * 2);
		return;
	case PD16_LDST_SP: /* STR/LDR (SP plus immediate) T2 */
		ldst(d, false, bits(hw, 11, 11), r10, 13, 0, false,
		     bits(hw, 7, 0) * 4);
		return;
	case PD16_ADD_SP_IMM: /* ADD Rd, SP, #imm8 * 4 */
		dp_imm(d, DP_ADD, false, r10, 13, bits(hw, 7, 0) * 4);
		return;
	case PD16_ADDSUB_SP: /* ADD/SUB SP, SP, #imm7 * 4 */
		dp_imm(d, bits(hw, 7, 7) ? DP_SUB : DP_ADD, false, 13, 13,
		       bits(hw, 6, 0) * 4);
		return;
	case PD16_PUSH: /* STMDB SP!, list (+ LR) */
		multiple(d, false, 13,
			 (uint16_t)(bits(hw, 8, 8) << 14 | bits(hw, 7, 0)),
			 false, true, true);
		return;
	case PD16_EXTEND: { /* SXTH, SXTB, UXTH, UXTB T1 */
		static const unsigned char ext[4] = {
			EXT_SXTH, EXT_SXTB, EXT_UXTH, EXT_UXTB};
		extend(d, ext[bits(hw, 7, 6)], lo3, 15, mid3, 0);
		return;
	}
	case PD16_POP: /* LDMIA SP!, list, without the PC */
		if (!bits(hw, 8, 8))
			multiple(d, true, 13, (uint16_t)bits(hw, 7, 0), true,
				 false, true);
		return;
	case PD16_REV: { /* REV, REV16, REVSH T1 */
		static const unsigned char op[4] = {
			REV_REV, REV_REV16, 0, REV_REVSH};
		rev(d, op[bits(hw, 7, 6)], lo3, mid3);
		return;
	}
	case PD16_STM: /* STM T1: STMIA Rn!, list */
		multiple(d, false, r10, (uint16_t)bits(hw, 7, 0), true, false,
			 true);
		return;
	case PD16_LDM: /* LDM T1: LDMIA Rn{!}, list (writeback unless Rn is
			* in the list) */
		multiple(d, true, r10, (uint16_t)bits(hw, 7, 0), true, false,
			 !((hw >> r10) & 1));
		return;
	case PD16_B_COND: /* B<c> T1 (cond 1110 and 1111 are other lines) */
		d->op = (uint8_t)bits(hw, 11, 8);
		d->imm = (uint32_t)((int32_t)(hw << 24) >> 23);
		d->fn = pd_bcond;
		d->writes = 0;
		return;
	case PD16_B: /* B T2 */
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
static void predecode32(struct decoded_insn *d, uint32_t insn,
			enum pd_class class)
{
	unsigned hw1 = insn >> 16, hw2 = insn & 0xffffu;
	unsigned rn = bits(hw1, 3, 0), rd = bits(hw2, 11, 8);
	bool s = bits(hw1, 4, 4);
	unsigned rm = bits(hw2, 3, 0);
	bool bad_rd = rd == 13 || rd == 15, bad_rm = rm == 13 || rm == 15;

	switch (class) {
	case PD32_B: /* B T4, A6.3.4 */
	case PD32_BL: { /* BL T1 */
		unsigned sign = bits(hw1, 10, 10);
		unsigned i1 = !(bits(hw2, 13, 13) ^ sign);
		unsigned i2 = !(bits(hw2, 11, 11) ^ sign);
		uint32_t imm = (sign << 24) | (i1 << 23) | (i2 << 22) |
			       (bits(hw1, 9, 0) << 12) |
			       (bits(hw2, 10, 0) << 1);
		d->imm = (uint32_t)((int32_t)(imm << 7) >> 7);
		d->fn = class == PD32_BL ? pd_bl : pd_b;
		d->writes = class == PD32_BL ? DECODE_WRITES_R(14) : 0;
		return;
	}
	case PD32_DP_IMM: {
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
	case PD32_MOVW: /* MOVW / MOVT T1/T3, A6.3.3 */
	case PD32_MOVT:
		if (rd >= 13)
			return;
		set_regs(d, rd, 0, 0);
		d->imm = (bits(hw1, 3, 0) << 12) | (bits(hw1, 10, 10) << 11) |
			 (bits(hw2, 14, 12) << 8) | (hw2 & 0xffu);
		d->fn = class == PD32_MOVT ? predecode_movt : predecode_movw;
		d->writes = DECODE_WRITES_R(rd);
		return;
	case PD32_DP_SHIFT: {
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
	case PD32_MUL: {
		/* MUL T2, MLA T1 (A6.3.16; MLS and the SP/PC operands, which
		 * are UNPREDICTABLE, stay with the handler) */
		unsigned ra = bits(hw2, 15, 12);
		if (bad_rd || bad_rm || rn == 13 || rn == 15 || ra == 13)
			return;
		if (ra == 15)
			mul(d, MUL_MUL, false, rd, rn, rm, 0);
		else
			mul(d, MUL_MLA, false, rd, rn, rm, ra);
		return;
	}
	case PD32_REV: /* REV, REV16, RBIT, REVSH: Rm twice, the copies equal */
	case PD32_CLZ: {
		static const unsigned char revs[4] = {
			REV_REV, REV_REV16, REV_RBIT, REV_REVSH};
		if (bad_rd || bad_rm || rn != rm)
			return;
		rev(d, revs[bits(hw2, 5, 4)], rd, rm);
		if (class == PD32_CLZ)
			d->fn = predecode_clz_fn();
		return;
	}
	case PD32_EXTEND: {
		/* SXTAH … UXTB, A6.3.12 (hw1<6:4>) */
		static const unsigned char ext[8] = {
			EXT_SXTH, EXT_UXTH, EXT_SXTB16, EXT_UXTB16,
			EXT_SXTB, EXT_UXTB};
		if (bad_rd || bad_rm || rn == 13)
			return;
		extend(d, ext[bits(hw1, 6, 4)], rd, rn, rm,
		       bits(hw2, 5, 4) * 8);
		return;
	}
	default:
		break;
	}

	/* LDR/STR/LDRB/STRB/LDRH/STRH, A6.3.10; the literal forms are other
	 * lines, the PC and SP as Rt stay with the handler */
	unsigned rt = bits(hw2, 15, 12), size = bits(hw1, 6, 5);
	bool load = bits(hw1, 4, 4), byte = size == 0;
	if (rt >= 13)
		return;
	switch (class) {
	case PD32_LDST_IMM12: { /* [Rn, #imm12] */
		uint32_t imm = hw2 & 0xfffu;
		if (size == 1)
			ldst_extra(d, 2, load, false, rt, rn, 0, false, imm);
		else
			ldst(d, byte, load, rt, rn, 0, false, imm);
		return;
	}
	case PD32_LDST_REG: { /* [Rn, Rm, LSL #imm2] */
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
	case PD32_LDST_IMM8: {
		/* [Rn, #-imm8], [Rn, #+/-imm8]!, [Rn], #+/-imm8 */
		bool p = bits(hw2, 10, 10), u = bits(hw2, 9, 9);
		bool w = bits(hw2, 8, 8);
		uint32_t imm8 = hw2 & 0xffu, off = u ? imm8 : 0u - imm8;
		if (p && !w) { /* offset, subtracted (P U W = 1 1 0 is LDRT) */
			if (size == 1) {
				ldst_extra(d, 2, load, false, rt, rn, 0, false,
					   imm8);
				d->imm_carry = 0; /* subtract */
			} else {
				ldst(d, byte, load, rt, rn, 0, false, off);
			}
			return;
		}
		if (rt == rn)
			return; /* writeback: Rt = Rn is UNPREDICTABLE */
		if (size == 1) {
			ldst_extra(d, 2, load, false, rt, rn, 0, false, imm8);
			d->imm_carry = (uint8_t)u;
			d->fn = predecode_ldst_extra_wb_fn(2, load, false,
							   false, p);
			d->writes |= DECODE_WRITES_R(rn);
			return;
		}
		ldst(d, byte, load, rt, rn, 0, false, off);
		d->fn = predecode_ldst_wb_fns[byte][load][0][p];
		d->writes |= DECODE_WRITES_R(rn);
		return;
	}
	default:
		return;
	}
}

void t32_predecode(struct decoded_insn *d, uint32_t insn)
{
	bool wide = insn > 0xffffu;
	if (!pd_classified)
		classify();
	const struct decode_entry *e = t32_decode_line(insn, wide ? 4 : 2);
	if (e && !t32_sbz_sbo_ok(e, insn))
		e = NULL; /* a wrong (0)/(1) bit: UNDEFINED, as t32_execute */
	enum pd_class class = class_of(e, insn);
	*d = (struct decoded_insn){ .insn = insn, .writes = DECODE_WRITES_ANY };
	if (wide)
		predecode32(d, insn, class);
	else
		predecode16(d, insn, class);
	if (d->fn) {
		d->flow = (uint8_t)decode_flow_of(e, insn, true, d->mem);
		return;
	}
	/* no fast handler: the line's */
	d->fn = !e ? run_t32_unallocated : wide ? run_t32_entry : run_t16_entry;
	d->imm = e ? e->index : 0;
	d->writes = DECODE_WRITES_ANY;
	d->mem = 0;
	d->flow = (uint8_t)decode_flow_of(e, insn, false, false);
}
