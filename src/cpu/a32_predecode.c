/* A32 entries of the decoded-instruction cache (decode_cache.h): the
 * common classes get handlers specialised by opcode and S bit, with their
 * fields extracted once; everything else runs the full decoder.
 *
 * A specialised handler is chosen only where the full decoder would take
 * the same path with no UNPREDICTABLE or PC rule in play: no operand or
 * destination is the PC, the should-be-zero fields are zero, and for
 * loads/stores there is no writeback. The class tests below mirror
 * a32_execute's decode (A5.1, A5.2, A5.3, A5.4). Semantics stay those of
 * ops.h (ops_dp_compute, alu_shift_c, the data side in memory.c). */
#include <stdlib.h>

#include "cpu/a32_internal.h"
#include "cpu/decode_cache.h"
#include "cpu/predecode_internal.h"

uint16_t decode_cond_pass_mask[16];

/* ---- every class without a specialised handler: the handler of its
 * a32.def line, found once by a32_decode (imm holds the line, or
 * A32_UNDEF_INDEX). The caller has checked the condition. ---- */

static enum exec_result run_decoder(struct cpu *cpu,
				    const struct decoded_insn *d)
{
	return a32_handlers[d->imm](cpu, d->insn);
}

/* ---- data processing (A5.2.1, A5.2.3), Rd/Rn/Rm not the PC ---- */

static inline __attribute__((always_inline)) enum exec_result
dp_finish(struct cpu *cpu, enum dp_op op, bool s, unsigned rd, uint32_t n,
	  uint32_t m, bool carry)
{
	uint32_t nzcv;
	uint32_t r = ops_dp_compute(op, n, m, carry, cpu->cpsr, &nzcv);
	bool test = op >= DP_TST && op <= DP_CMN;
	if (!test)
		cpu->r[rd] = r;
	if (s || test)
		cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) | nzcv;
	return EXEC_OK;
}

/* A shifted register operand, one handler per shift type so that the
 * shift is the type's own code with no switch (alu_shift_c inlined with a
 * constant type). */
#define DP_SH_HANDLER(OP, S, T)                                                \
	static enum exec_result dp_sh_##OP##_##S##_##T(                        \
		struct cpu *cpu, const struct decoded_insn *d)                 \
	{                                                                      \
		bool c = (cpu->cpsr & CPSR_C) != 0;                            \
		uint32_t m = alu_shift_c(cpu->r[d->rm], T, d->shift_amount, c, \
					 &c);                                  \
		return dp_finish(cpu, OP, S, d->rd, cpu->r[d->rn], m, c);      \
	}

/* <opc>{S} Rd, Rn, Rm (no shift), <opc>{S} Rd, Rn, Rm, <shift> #n, and
 * <opc>{S} Rd, Rn, #<const>, for one opcode and S. */
#define DP_HANDLERS(OP, S)                                                     \
	static enum exec_result dp_reg_##OP##_##S(struct cpu *cpu,             \
						  const struct decoded_insn *d) \
	{                                                                      \
		return dp_finish(cpu, OP, S, d->rd, cpu->r[d->rn],             \
				 cpu->r[d->rm], (cpu->cpsr & CPSR_C) != 0);    \
	}                                                                      \
	DP_SH_HANDLER(OP, S, SRTYPE_LSL)                                       \
	DP_SH_HANDLER(OP, S, SRTYPE_LSR)                                       \
	DP_SH_HANDLER(OP, S, SRTYPE_ASR)                                       \
	DP_SH_HANDLER(OP, S, SRTYPE_ROR)                                       \
	DP_SH_HANDLER(OP, S, SRTYPE_RRX)                                       \
	static enum exec_result dp_imm_##OP##_##S(struct cpu *cpu,             \
						  const struct decoded_insn *d) \
	{                                                                      \
		bool c = d->imm_carry ? (d->imm >> 31) != 0                    \
				      : (cpu->cpsr & CPSR_C) != 0;             \
		return dp_finish(cpu, OP, S, d->rd, cpu->r[d->rn], d->imm, c); \
	}

#define DP_OPS(X)                                                              \
	X(DP_AND) X(DP_EOR) X(DP_SUB) X(DP_RSB) X(DP_ADD) X(DP_ADC) X(DP_SBC)  \
	X(DP_RSC) X(DP_TST) X(DP_TEQ) X(DP_CMP) X(DP_CMN) X(DP_ORR) X(DP_MOV)  \
	X(DP_BIC) X(DP_MVN)
#define DP_BOTH(OP) DP_HANDLERS(OP, 0) DP_HANDLERS(OP, 1)
DP_OPS(DP_BOTH)

#define DP_ROW(KIND, OP) {KIND##_##OP##_0, KIND##_##OP##_1},
#define DP_REG_ROW(OP) DP_ROW(dp_reg, OP)
#define DP_IMM_ROW(OP) DP_ROW(dp_imm, OP)
#define DP_SH_ROW_T(OP, T) {dp_sh_##OP##_0_##T, dp_sh_##OP##_1_##T},
#define DP_SH_LSL(OP) DP_SH_ROW_T(OP, SRTYPE_LSL)
#define DP_SH_LSR(OP) DP_SH_ROW_T(OP, SRTYPE_LSR)
#define DP_SH_ASR(OP) DP_SH_ROW_T(OP, SRTYPE_ASR)
#define DP_SH_ROR(OP) DP_SH_ROW_T(OP, SRTYPE_ROR)
#define DP_SH_RRX(OP) DP_SH_ROW_T(OP, SRTYPE_RRX)
const decoded_fn predecode_dp_reg_fns[16][2] = {DP_OPS(DP_REG_ROW)};
const decoded_fn predecode_dp_sh_fns[5][16][2] = {
	{DP_OPS(DP_SH_LSL)}, {DP_OPS(DP_SH_LSR)}, {DP_OPS(DP_SH_ASR)},
	{DP_OPS(DP_SH_ROR)}, {DP_OPS(DP_SH_RRX)},
};
const decoded_fn predecode_dp_imm_fns[16][2] = {DP_OPS(DP_IMM_ROW)};

/* The should-be-zero register fields of A5.2 (U2 in a32.c). */
static bool dp_fields_ok(unsigned op, unsigned rd, unsigned rn)
{
	if (op >= DP_TST && op <= DP_CMN)
		return rd == 0;
	if (op == DP_MOV || op == DP_MVN)
		return rn == 0;
	return true;
}

uint32_t predecode_dp_writes(enum dp_op op, bool s, unsigned rd)
{
	bool test = op >= DP_TST && op <= DP_CMN;
	return (test ? 0 : DECODE_WRITES_R(rd)) |
	       (s || test ? DECODE_WRITES_CPSR : 0);
}

/* ---- MOVW/MOVT (A8.8.102, A8.8.106) ---- */

enum exec_result predecode_movw(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu->r[d->rd] = d->imm;
	return EXEC_OK;
}

enum exec_result predecode_movt(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu->r[d->rd] = (cpu->r[d->rd] & 0xffffu) | (d->imm << 16);
	return EXEC_OK;
}

/* ---- B/BL (A8.8.18, A8.8.25): imm is the displacement ---- */

static enum exec_result branch(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu_branch(cpu, cpu->r[15] + 8 + d->imm);
	return EXEC_OK;
}

static enum exec_result branch_link(struct cpu *cpu,
				    const struct decoded_insn *d)
{
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch(cpu, cpu->r[15] + 8 + d->imm);
	return EXEC_OK;
}

/* ---- LDR/STR/LDRB/STRB, offset addressing, no writeback (A8.8.63..) ----
 * The syndrome is valid for these forms (ACC_NO_SYNDROME not set), as in
 * ops_ldst. The offset's sign is folded into imm (two's complement). */

#define LDST_HANDLERS(NAME, SIZE)                                              \
	static enum exec_result ldr##NAME##_imm(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		uint32_t v;                                                    \
		if (!cpu_read_fast(cpu, cpu->r[d->rn] + d->imm, SIZE, &v,      \
				   ACC_RT(d->rd)))                             \
			return EXEC_EXCEPTION;                                 \
		cpu->r[d->rd] = v;                                             \
		return EXEC_OK;                                                \
	}                                                                      \
	static enum exec_result str##NAME##_imm(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		uint32_t v = cpu->r[d->rd];                                    \
		if (SIZE < 4)                                                  \
			v &= 0xffu;                                            \
		return cpu_write_fast(cpu, cpu->r[d->rn] + d->imm, SIZE, v,    \
				      ACC_RT(d->rd))                           \
			       ? EXEC_OK                                       \
			       : EXEC_EXCEPTION;                               \
	}                                                                      \
	static inline uint32_t offset##NAME(const struct cpu *cpu,             \
					    const struct decoded_insn *d)      \
	{                                                                      \
		uint32_t off = cpu->r[d->rm];                                  \
		if (d->shift_amount != 0 || d->shift_type != SRTYPE_LSL)       \
			off = alu_shift(off, (enum shift_type)d->shift_type,   \
					d->shift_amount,                       \
					(cpu->cpsr & CPSR_C) != 0);            \
		return d->imm ? cpu->r[d->rn] - off : cpu->r[d->rn] + off;     \
	}                                                                      \
	static enum exec_result ldr##NAME##_reg(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		uint32_t v;                                                    \
		if (!cpu_read_fast(cpu, offset##NAME(cpu, d), SIZE, &v,        \
				   ACC_RT(d->rd)))                             \
			return EXEC_EXCEPTION;                                 \
		cpu->r[d->rd] = v;                                             \
		return EXEC_OK;                                                \
	}                                                                      \
	static enum exec_result str##NAME##_reg(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		uint32_t v = cpu->r[d->rd];                                    \
		if (SIZE < 4)                                                  \
			v &= 0xffu;                                            \
		return cpu_write_fast(cpu, offset##NAME(cpu, d), SIZE, v,      \
				      ACC_RT(d->rd))                           \
			       ? EXEC_OK                                       \
			       : EXEC_EXCEPTION;                               \
	}
LDST_HANDLERS(, 4)
LDST_HANDLERS(b, 1)

/* [byte][load][register form] */
const decoded_fn predecode_ldst_fns[2][2][2] = {
	{{str_imm, str_reg}, {ldr_imm, ldr_reg}},
	{{strb_imm, strb_reg}, {ldrb_imm, ldrb_reg}},
};

/* ---- the same with writeback: pre-indexed (P = 1, W = 1: the access at
 * Rn + offset, which Rn then holds) and post-indexed (P = 0, W = 0: the
 * access at Rn, then Rn + offset), Rt != Rn, neither the PC (A8.8.63 …).
 * As in ops_ldst: no syndrome (HSR.ISV = 0 for writeback forms, B3.13.6),
 * and the base is written only after the access succeeded. ---- */

static inline enum exec_result ldst_wb(struct cpu *cpu,
				       const struct decoded_insn *d,
				       unsigned size, bool load, bool index,
				       uint32_t offset_addr)
{
	uint32_t address = index ? offset_addr : cpu->r[d->rn];
	unsigned flags = ACC_RT(d->rd) | ACC_NO_SYNDROME;
	if (load) {
		uint32_t v;
		if (!cpu_read_fast(cpu, address, size, &v, flags))
			return EXEC_EXCEPTION;
		cpu->r[d->rn] = offset_addr;
		cpu->r[d->rd] = v;
		return EXEC_OK;
	}
	uint32_t v = cpu->r[d->rd];
	if (size < 4)
		v &= 0xffu;
	if (!cpu_write_fast(cpu, address, size, v, flags))
		return EXEC_EXCEPTION;
	cpu->r[d->rn] = offset_addr;
	return EXEC_OK;
}

#define LDST_WB_HANDLER(NAME, SIZE, LOAD, INDEX)                               \
	static enum exec_result NAME##_imm(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		return ldst_wb(cpu, d, SIZE, LOAD, INDEX,                      \
			       cpu->r[d->rn] + d->imm);                        \
	}                                                                      \
	static enum exec_result NAME##_reg(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		return ldst_wb(cpu, d, SIZE, LOAD, INDEX, offset(cpu, d));     \
	}
LDST_WB_HANDLER(str_post, 4, false, false)
LDST_WB_HANDLER(str_pre, 4, false, true)
LDST_WB_HANDLER(ldr_post, 4, true, false)
LDST_WB_HANDLER(ldr_pre, 4, true, true)
LDST_WB_HANDLER(strb_post, 1, false, false)
LDST_WB_HANDLER(strb_pre, 1, false, true)
LDST_WB_HANDLER(ldrb_post, 1, true, false)
LDST_WB_HANDLER(ldrb_pre, 1, true, true)

/* ---- LDM/STM without the User-registers forms and without the PC
 * loaded (A8.8.58 …, A8.8.199 …): the decoder's own ops_ldm/ops_stm with
 * the fields decoded once. op: bit 0 increment, bit 1 before, bit 2
 * writeback; imm the register list. Also the 16-bit T32 PUSH, POP,
 * LDM and STM (t32_predecode.c). ---- */

enum exec_result predecode_ldm(struct cpu *cpu, const struct decoded_insn *d)
{
	return ops_ldm(cpu, d->rn, (uint16_t)d->imm, d->op & 1, d->op & 2,
		       d->op & 4, false);
}

enum exec_result predecode_stm(struct cpu *cpu, const struct decoded_insn *d)
{
	return ops_stm(cpu, d->rn, (uint16_t)d->imm, d->op & 1, d->op & 2,
		       d->op & 4, false);
}

/* [byte][load][register form][pre-indexed] */
const decoded_fn predecode_ldst_wb_fns[2][2][2][2] = {
	{{{str_post_imm, str_pre_imm}, {str_post_reg, str_pre_reg}},
	 {{ldr_post_imm, ldr_pre_imm}, {ldr_post_reg, ldr_pre_reg}}},
	{{{strb_post_imm, strb_pre_imm}, {strb_post_reg, strb_pre_reg}},
	 {{ldrb_post_imm, ldrb_pre_imm}, {ldrb_post_reg, ldrb_pre_reg}}},
};

/* ---- LDRH/STRH/LDRSB/LDRSH, offset addressing, no writeback (A5.2.8):
 * the semantics of ops_ldst, called as the full decoder calls it ---- */

/* What ops_ldst does for these forms (offset addressing, no writeback,
 * neither Rt nor Rn the PC: the predecoders leave those to the decoder),
 * without its general cases. */
static inline enum exec_result ldst_extra(struct cpu *cpu,
					  const struct decoded_insn *d,
					  uint32_t offset)
{
	uint32_t base = cpu->r[d->rn];
	uint32_t address = d->imm_carry ? base + offset : base - offset;
	unsigned size = d->op, flags = ACC_RT(d->rd);
	if (d->s & 1) {
		uint32_t v;
		if (d->s & 2)
			flags |= ACC_SIGNED;
		if (!cpu_read_fast(cpu, address, size, &v, flags))
			return EXEC_EXCEPTION;
		if (d->s & 2)
			v = (uint32_t)alu_sext(v, size * 8);
		cpu->r[d->rd] = v;
		return EXEC_OK;
	}
	uint32_t v = cpu->r[d->rd] & ((1u << (size * 8)) - 1u);
	return cpu_write_fast(cpu, address, size, v, flags) ? EXEC_OK
							    : EXEC_EXCEPTION;
}

enum exec_result predecode_ldst_extra_imm(struct cpu *cpu,
					  const struct decoded_insn *d)
{
	return ldst_extra(cpu, d, d->imm);
}

enum exec_result predecode_ldst_extra_reg(struct cpu *cpu,
					  const struct decoded_insn *d)
{
	return ldst_extra(cpu, d, cpu->r[d->rm]);
}

/* ---- MUL/MLA (A8.8.114, A8.8.100), CLZ (A8.8.33), REV/REV16/RBIT/REVSH
 * (A8.8.144..), the SXT and UXT extends, accumulating or not (A8.8.220..)
 * ---- */

enum exec_result predecode_mul(struct cpu *cpu,
				 const struct decoded_insn *d)
{
	return ops_mul(cpu, (enum mul_op)d->op, d->s, d->rd, d->rn, d->rm,
		       d->ra);
}

enum exec_result predecode_clz(struct cpu *cpu,
				 const struct decoded_insn *d)
{
	return ops_clz(cpu, d->rd, d->rm);
}

enum exec_result predecode_rev(struct cpu *cpu,
				 const struct decoded_insn *d)
{
	return ops_rev(cpu, (enum rev_op)d->op, d->rd, d->rm);
}

enum exec_result predecode_extend(struct cpu *cpu,
				   const struct decoded_insn *d)
{
	return ops_extend(cpu, (enum ext_op)d->op, d->rd, d->ra, d->rm,
			  d->shift_amount);
}

/* ---- the predecoder ---- */

/* insn[27:25] = 000 with insn[7] = insn[4] = 1: multiplies and the extra
 * loads/stores (A5.2, A5.2.5, A5.2.8). */
static void predecode_mul_extra(struct decoded_insn *d, uint32_t insn)
{
	unsigned op2 = (insn >> 5) & 3;
	if (op2 == 0) {
		/* MUL/MLA: Rd = [19:16], Ra = [15:12], Rm = [11:8], Rn = [3:0] */
		unsigned op = (insn >> 21) & 0x7fu;
		unsigned rd = A32_RN(insn), ra = A32_RD(insn);
		unsigned rm = A32_RS(insn), rn = A32_RM(insn);
		if (op > 1 || rd == 15 || rn == 15 || rm == 15 ||
		    (op == 0 && ra != 0) || ra == 15)
			return;
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)rn;
		d->rm = (uint8_t)rm;
		d->ra = (uint8_t)ra;
		d->op = op ? MUL_MLA : MUL_MUL;
		d->s = (uint8_t)A32_BIT(insn, 20);
		d->fn = predecode_mul;
		d->writes = DECODE_WRITES_R(rd) |
			    (d->s ? DECODE_WRITES_CPSR : 0);
		return;
	}
	bool p = A32_BIT(insn, 24), imm_form = A32_BIT(insn, 22);
	bool w = A32_BIT(insn, 21), l = A32_BIT(insn, 20);
	if (!p || w || (!l && op2 != 1) || d->rd == 15 || d->rn == 15)
		return; /* writeback, T forms, LDRD/STRD, PC: the decoder */
	d->op = op2 == 2 ? 1 : 2;                 /* size */
	d->s = (uint8_t)(l | ((op2 != 1) << 1)); /* load, sign */
	d->imm_carry = (uint8_t)A32_BIT(insn, 23); /* add */
	d->writes = l ? DECODE_WRITES_R(d->rd) : 0;
	if (imm_form) {
		d->imm = ((insn >> 4) & 0xf0u) | (insn & 0xfu);
		d->fn = predecode_ldst_extra_imm;
		d->mem = 1;
	} else if ((insn & 0xf00u) == 0 && d->rm != 15) {
		d->fn = predecode_ldst_extra_reg;
		d->mem = 1;
	}
}

/* insn[27:25] = 011 with insn[4] = 1 (A5.4): the extends and reversals. */
static void predecode_media(struct decoded_insn *d, uint32_t insn)
{
	static const signed char ext[8] = {
		EXT_SXTB16, -1, EXT_SXTB, EXT_SXTH,
		EXT_UXTB16, -1, EXT_UXTB, EXT_UXTH,
	};
	unsigned op1 = (insn >> 20) & 7;
	if (((insn >> 23) & 3) != 1 || d->rd == 15 || d->rm == 15)
		return;
	if ((insn & 0xf0u) == 0x70u && ext[op1] >= 0 && !(insn & 0x300u)) {
		d->op = (uint8_t)ext[op1];
		d->ra = d->rn; /* 1111: no accumulate */
		d->shift_amount = (uint8_t)(((insn >> 10) & 3) * 8);
		d->fn = predecode_extend;
		d->writes = DECODE_WRITES_R(d->rd);
		return;
	}
	if ((insn & 0x000f0f00u) != 0x000f0f00u || (op1 != 3 && op1 != 7))
		return;
	switch ((insn >> 4) & 15) {
	case 0x3:
		d->op = op1 == 3 ? REV_REV : REV_RBIT;
		break;
	case 0xb:
		d->op = op1 == 3 ? REV_REV16 : REV_REVSH;
		break;
	default:
		return;
	}
	d->fn = predecode_rev;
	d->writes = DECODE_WRITES_R(d->rd);
}

static void predecode_dp(struct decoded_insn *d, uint32_t insn, bool imm_form)
{
	unsigned op = (insn >> 21) & 15, s = A32_BIT(insn, 20);
	if (d->rd == 15 || d->rn == 15 || !dp_fields_ok(op, d->rd, d->rn))
		return;
	d->writes = predecode_dp_writes((enum dp_op)op, s, d->rd);
	if (imm_form) {
		unsigned rot = (insn >> 8) & 15;
		d->imm = alu_ror(insn & 0xffu, rot * 2);
		d->imm_carry = rot != 0;
		d->fn = predecode_dp_imm_fns[op][s];
		return;
	}
	if (d->rm == 15)
		return;
	unsigned amount;
	enum shift_type t =
		alu_decode_imm_shift(insn >> 5, insn >> 7, &amount);
	d->shift_type = (uint8_t)t;
	d->shift_amount = (uint8_t)amount;
	d->fn = (t == SRTYPE_LSL && amount == 0) ? predecode_dp_reg_fns[op][s]
						 : predecode_dp_sh_fns[t][op][s];
}

static void predecode_ldst(struct decoded_insn *d, uint32_t insn)
{
	bool reg_form = A32_BIT(insn, 25), p = A32_BIT(insn, 24);
	bool u = A32_BIT(insn, 23), byte = A32_BIT(insn, 22);
	bool w = A32_BIT(insn, 21), load = A32_BIT(insn, 20);
	bool wback = !p || w;
	if ((!p && w) || d->rn == 15 || d->rd == 15 ||
	    (wback && d->rn == d->rd))
		return; /* T forms, literal, PC, Rt = Rn: the decoder */
	if (reg_form) {
		if (d->rm == 15)
			return;
		unsigned amount;
		d->shift_type = (uint8_t)alu_decode_imm_shift(insn >> 5,
							     insn >> 7, &amount);
		d->shift_amount = (uint8_t)amount;
		d->imm = !u; /* subtract the offset */
	} else {
		uint32_t off = insn & 0xfffu;
		d->imm = u ? off : 0u - off;
	}
	d->fn = wback ? predecode_ldst_wb_fns[byte][load][reg_form][p]
		      : predecode_ldst_fns[byte][load][reg_form];
	d->mem = 1;
	d->writes = (load ? DECODE_WRITES_R(d->rd) : 0) |
		    (wback ? DECODE_WRITES_R(d->rn) : 0);
}

static void a32_predecode_fast(struct decoded_insn *d, uint32_t insn);

void a32_predecode(struct decoded_insn *d, uint32_t insn)
{
	*d = (struct decoded_insn){
		.insn = insn,
		.rd = (uint8_t)A32_RD(insn),
		.rn = (uint8_t)A32_RN(insn),
		.rm = (uint8_t)A32_RM(insn),
		.fn = run_decoder,
		.writes = DECODE_WRITES_ANY,
	};
	a32_predecode_fast(d, insn);
	if (d->fn == run_decoder)
		d->imm = a32_decode(insn);
}

/* A specialised handler for `insn`, where one applies (d->fn left as
 * run_decoder otherwise). */
static void a32_predecode_fast(struct decoded_insn *d, uint32_t insn)
{
	if ((insn >> 28) == 0xf)
		return; /* the unconditional space */
	unsigned op1 = (insn >> 20) & 31;
	bool misc_space = (op1 & 0x19) == 0x10; /* 10xx0 (A5.2) */
	switch ((insn >> 25) & 7) {
	case 0: /* data processing (register), A5.2.1 */
		if (!(insn & 0x10) && !misc_space)
			predecode_dp(d, insn, false);
		else if ((insn & 0x90u) == 0x90u && !(op1 & 0x10 && !(insn & 0x60u)))
			predecode_mul_extra(d, insn);
		else if ((insn & 0x0fff0ff0u) == 0x016f0f10u && d->rd != 15 &&
			 d->rm != 15)
			d->fn = predecode_clz, d->writes = DECODE_WRITES_R(d->rd);
		return;
	case 1:
		if (!misc_space) {
			predecode_dp(d, insn, true);
		} else if ((op1 == 0x10 || op1 == 0x14) && d->rd != 15) {
			d->imm = ((insn >> 4) & 0xf000u) | (insn & 0xfffu);
			d->fn = op1 == 0x14 ? predecode_movt : predecode_movw;
			d->writes = DECODE_WRITES_R(d->rd);
		}
		return;
	case 2:
		predecode_ldst(d, insn);
		return;
	case 3:
		if (!(insn & 0x10))
			predecode_ldst(d, insn);
		else
			predecode_media(d, insn);
		return;
	case 4: { /* LDM/STM, A5.5: what a32_block takes to ops_ldm/ops_stm
		   * with user = false, except a load of the PC (a branch) */
		bool load = A32_BIT(insn, 20), w = A32_BIT(insn, 21);
		uint16_t list = (uint16_t)insn;
		if (A32_BIT(insn, 22) || d->rn == 15 || list == 0 ||
		    (load && ((list >> 15) & 1)) ||
		    (w && load && ((list >> d->rn) & 1)))
			return;
		d->imm = list;
		d->op = (uint8_t)(A32_BIT(insn, 23) | A32_BIT(insn, 24) << 1 |
				  (unsigned)w << 2);
		d->fn = load ? predecode_ldm : predecode_stm;
		d->writes = (load ? list : 0) | (w ? DECODE_WRITES_R(d->rn) : 0);
		d->mem = 1;
		return;
	}
	case 5:
		d->imm = (uint32_t)((int32_t)(insn << 8) >> 6);
		d->fn = A32_BIT(insn, 24) ? branch_link : branch;
		d->writes = A32_BIT(insn, 24) ? DECODE_WRITES_R(14) : 0;
		return;
	default:
		return;
	}
}

bool decode_is_specialised(const struct decoded_insn *d)
{
	return d->fn != run_decoder && !t32_predecode_is_decoder(d);
}

/* ---- lifecycle ---- */

static void build_cond_masks(void)
{
	struct cpu probe = {0};
	for (unsigned cond = 0; cond < 16; cond++) {
		uint16_t mask = 0;
		for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
			probe.cpsr = nzcv << 28;
			if (cpu_condition_passed(&probe, cond))
				mask |= (uint16_t)(1u << nzcv);
		}
		decode_cond_pass_mask[cond] = mask;
	}
}

bool decode_cache_create(struct cpu *cpu)
{
	build_cond_masks();
	struct decode_cache *c = malloc(sizeof *c);
	if (!c)
		return false;
	for (unsigned i = 0; i < DECODE_CACHE_ENTRIES; i++) {
		a32_predecode(&c->a32[i], 0);
		t32_predecode(&c->t32[i], 0);
	}
	cpu->decoded = c;
	return true;
}

void decode_cache_destroy(struct cpu *cpu)
{
	free(cpu->decoded);
	cpu->decoded = NULL;
}
