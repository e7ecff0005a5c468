/* A32 entries of the decoded-instruction cache (decode_cache.h): the
 * common classes get handlers specialised by opcode and S bit, with their
 * fields extracted once; everything else calls the handler of its a32.def
 * line, found once here (a32_decode) and kept in the entry.
 *
 * Which class an encoding is comes from the table: a32_decode gives the
 * line (after the (0)/(1) policy), and the line's handler (a32_DP_imm,
 * a32_LDR_reg, …) the class. A specialised handler is chosen only where
 * the line's handler would take the same path with no UNPREDICTABLE or PC
 * rule in play: no operand or destination is the PC and, for the loads
 * and stores, Rt is not the written-back base. Semantics stay those of
 * ops.h (ops_dp_compute, alu_shift_c, the data side in memory.c). */
#include <pthread.h>
#include <stdlib.h>

#include "cpu/a32_internal.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
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

/* ---- BX Rm, Rm not the PC (A8.8.27): BXWritePC, interworking ---- */

enum exec_result predecode_bx(struct cpu *cpu, const struct decoded_insn *d)
{
	cpu_branch_interwork(cpu, cpu->r[d->rm]);
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

bool a32_predecode_direct_branch(const struct decoded_insn *d, uint32_t pc,
				 struct direct_branch *b)
{
	if (d->fn != branch && d->fn != branch_link)
		return false;
	*b = (struct direct_branch){
		.target = (pc + 8 + d->imm) & ~3u,
		.lr = pc + 4,
		.link = d->fn == branch_link,
		.cond = 14,
	};
	return true;
}

/* ---- LDR/STR/LDRB/STRB, offset addressing, no writeback (A8.8.63..) ----
 * The syndrome is valid for these forms (ACC_NO_SYNDROME not set), as in
 * ops_ldst. The offset's sign is folded into imm (two's complement). */

/* The full way of the specialised loads and stores (cpu_read/cpu_write:
 * translation, D-cache model, devices, faults), out of line so that the
 * data memo's hit needs no stack frame (the flags are only made here). */
static __attribute__((noinline)) enum exec_result
load_slow(struct cpu *cpu, const struct decoded_insn *d, uint32_t va,
	  unsigned size, bool sign)
{
	uint32_t v;
	if (!cpu_read(cpu, va, size, &v,
		      ACC_RT(d->rd) | (sign ? ACC_SIGNED : 0)))
		return EXEC_EXCEPTION;
	cpu->r[d->rd] = sign ? (uint32_t)alu_sext(v, size * 8) : v;
	return EXEC_OK;
}

static __attribute__((noinline)) enum exec_result
store_slow(struct cpu *cpu, const struct decoded_insn *d, uint32_t va,
	   unsigned size, uint32_t v)
{
	return cpu_write(cpu, va, size, v, ACC_RT(d->rd)) ? EXEC_OK
							  : EXEC_EXCEPTION;
}

/* Rt = the `size`-byte value at va (sign-extended when `sign`). */
static inline __attribute__((always_inline)) enum exec_result
load_rt(struct cpu *cpu, const struct decoded_insn *d, uint32_t va,
	unsigned size, bool sign)
{
	uint32_t v;
	if (__builtin_expect(!cpu_read_memo(cpu, va, size, &v), 0))
		return load_slow(cpu, d, va, size, sign);
	cpu->r[d->rd] = sign ? (uint32_t)alu_sext(v, size * 8) : v;
	return EXEC_OK;
}

/* The low `size` bytes of Rt to va. */
static inline __attribute__((always_inline)) enum exec_result
store_rt(struct cpu *cpu, const struct decoded_insn *d, uint32_t va,
	 unsigned size)
{
	uint32_t v = cpu->r[d->rd];
	if (size < 4)
		v &= (1u << (size * 8)) - 1u;
	if (__builtin_expect(!cpu_write_memo(cpu, va, size, v), 0))
		return store_slow(cpu, d, va, size, v);
	return EXEC_OK;
}

/* Rn +/- Rm shifted (DecodeImmShift's shift, without carry out). */
static inline uint32_t reg_offset_address(const struct cpu *cpu,
					  const struct decoded_insn *d)
{
	uint32_t off = cpu->r[d->rm];
	if (d->shift_amount != 0 || d->shift_type != SRTYPE_LSL)
		off = alu_shift(off, (enum shift_type)d->shift_type,
				d->shift_amount, (cpu->cpsr & CPSR_C) != 0);
	return d->imm ? cpu->r[d->rn] - off : cpu->r[d->rn] + off;
}

#define LDST_HANDLERS(NAME, SIZE)                                              \
	static enum exec_result ldr##NAME##_imm(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		return load_rt(cpu, d, cpu->r[d->rn] + d->imm, SIZE, false);   \
	}                                                                      \
	static enum exec_result str##NAME##_imm(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		return store_rt(cpu, d, cpu->r[d->rn] + d->imm, SIZE);         \
	}                                                                      \
	static enum exec_result ldr##NAME##_reg(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		return load_rt(cpu, d, reg_offset_address(cpu, d), SIZE,       \
			       false);                                         \
	}                                                                      \
	static enum exec_result str##NAME##_reg(struct cpu *cpu,               \
						const struct decoded_insn *d)  \
	{                                                                      \
		return store_rt(cpu, d, reg_offset_address(cpu, d), SIZE);    \
	}
LDST_HANDLERS(, 4)
LDST_HANDLERS(b, 1)

/* LDR (literal) at a known address (a32_predecode_literal): the word at
 * the address the predecoder computed from it. */
static enum exec_result ldr_literal(struct cpu *cpu,
				    const struct decoded_insn *d)
{
	return load_rt(cpu, d, d->imm, 4, false);
}

decoded_fn predecode_ldr_literal_fn(void)
{
	return ldr_literal;
}

bool a32_predecode_literal(struct decoded_insn *d, uint32_t pc)
{
	/* LDR<c> <Rt>, [PC, #+/-<imm12>] (A8.8.64 LDR (literal) A1: P = 1,
	 * W = 0, B = 0, L = 1, Rn = 1111), Rt not the PC (a branch). The
	 * base is Align(PC, 4) with the PC reading as the instruction + 8
	 * (A2.3); the syndrome is valid, as ops_ldst gives it for an
	 * offset form. */
	const uint32_t insn = d->insn;
	if ((insn & 0x0f7f0000u) != 0x051f0000u || A32_RD(insn) == 15 ||
	    (insn >> 28) == 15)
		return false;
	const uint32_t base = (pc + 8u) & ~3u, off = insn & 0xfffu;
	d->rd = (uint8_t)A32_RD(insn);
	d->imm = A32_BIT(insn, 23) ? base + off : base - off;
	d->fn = ldr_literal;
	d->mem = 1;
	/* (d->writes stays the entry's: what the step engine, which runs
	 * the decoder's handler, reports, so that traces are the same) */
	d->flow = FLOW_MEM;
	return true;
}

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

static __attribute__((noinline)) enum exec_result
ldst_wb_slow(struct cpu *cpu, const struct decoded_insn *d, unsigned size,
	     bool load, bool sign, uint32_t address, uint32_t offset_addr)
{
	unsigned flags = ACC_RT(d->rd) | ACC_NO_SYNDROME;
	if (load) {
		uint32_t v;
		if (!cpu_read(cpu, address, size, &v,
			      flags | (sign ? ACC_SIGNED : 0)))
			return EXEC_EXCEPTION;
		cpu->r[d->rn] = offset_addr;
		cpu->r[d->rd] = sign ? (uint32_t)alu_sext(v, size * 8) : v;
		return EXEC_OK;
	}
	uint32_t v = cpu->r[d->rd];
	if (size < 4)
		v &= (1u << (size * 8)) - 1u;
	if (!cpu_write(cpu, address, size, v, flags))
		return EXEC_EXCEPTION;
	cpu->r[d->rn] = offset_addr;
	return EXEC_OK;
}

/* The data memo inline, the full way out of line (as load_rt/store_rt). */
static inline __attribute__((always_inline)) enum exec_result
ldst_wb(struct cpu *cpu, const struct decoded_insn *d, unsigned size,
	bool load, bool sign, bool index, uint32_t offset_addr)
{
	uint32_t address = index ? offset_addr : cpu->r[d->rn];
	if (load) {
		uint32_t v;
		if (__builtin_expect(!cpu_read_memo(cpu, address, size, &v), 0))
			return ldst_wb_slow(cpu, d, size, true, sign, address,
					    offset_addr);
		cpu->r[d->rn] = offset_addr;
		cpu->r[d->rd] = sign ? (uint32_t)alu_sext(v, size * 8) : v;
		return EXEC_OK;
	}
	uint32_t v = cpu->r[d->rd];
	if (size < 4)
		v &= (1u << (size * 8)) - 1u;
	if (__builtin_expect(!cpu_write_memo(cpu, address, size, v), 0))
		return ldst_wb_slow(cpu, d, size, false, false, address,
				    offset_addr);
	cpu->r[d->rn] = offset_addr;
	return EXEC_OK;
}

/* The handlers of an operation with writeback, one per offset form:
 * ldst_wb at the address IMM_ADDR(cpu, d) or REG_ADDR(cpu, d) gives. */
#define LDST_WB_HANDLERS(NAME, SIZE, LOAD, SIGN, INDEX, IMM_ADDR, REG_ADDR)    \
	static enum exec_result NAME##_imm(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		return ldst_wb(cpu, d, SIZE, LOAD, SIGN, INDEX,                \
			       IMM_ADDR(cpu, d));                              \
	}                                                                      \
	static enum exec_result NAME##_reg(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		return ldst_wb(cpu, d, SIZE, LOAD, SIGN, INDEX,                \
			       REG_ADDR(cpu, d));                              \
	}

/* Rn + imm (the predecoder's signed offset) */
static inline uint32_t imm_offset_address(const struct cpu *cpu,
					  const struct decoded_insn *d)
{
	return cpu->r[d->rn] + d->imm;
}

#define LDST_WB_HANDLER(NAME, SIZE, LOAD, INDEX)                               \
	LDST_WB_HANDLERS(NAME, SIZE, LOAD, false, INDEX, imm_offset_address,   \
			 reg_offset_address)
LDST_WB_HANDLER(str_post, 4, false, false)
LDST_WB_HANDLER(str_pre, 4, false, true)
LDST_WB_HANDLER(ldr_post, 4, true, false)
LDST_WB_HANDLER(ldr_pre, 4, true, true)
LDST_WB_HANDLER(strb_post, 1, false, false)
LDST_WB_HANDLER(strb_pre, 1, false, true)
LDST_WB_HANDLER(ldrb_post, 1, true, false)
LDST_WB_HANDLER(ldrb_pre, 1, true, true)

/* ---- LDM/STM without the User-registers forms (A8.8.58 …, A8.8.199
 * …): the decoder's own ops_ldm/ops_stm with the fields decoded once.
 * op: bit 0 increment, bit 1 before, bit 2 writeback; imm the register
 * list, with the PC for an A32 load (a branch). Also the 16-bit T32
 * PUSH, POP, LDM and STM without the PC (t32_predecode.c). ---- */

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
 * without its general cases: one handler per operation and offset form,
 * the address Rn +/- imm (imm_carry: add) or Rn +/- Rm. */
static inline uint32_t extra_address(const struct cpu *cpu,
				     const struct decoded_insn *d,
				     uint32_t offset)
{
	uint32_t base = cpu->r[d->rn];
	return d->imm_carry ? base + offset : base - offset;
}

#define LDST_EXTRA_HANDLERS(NAME, SIZE, LOAD, SIGN)                            \
	static enum exec_result NAME##_imm(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		uint32_t va = extra_address(cpu, d, d->imm);                   \
		return LOAD ? load_rt(cpu, d, va, SIZE, SIGN)                  \
			    : store_rt(cpu, d, va, SIZE);                      \
	}                                                                      \
	static enum exec_result NAME##_reg(struct cpu *cpu,                    \
					   const struct decoded_insn *d)       \
	{                                                                      \
		uint32_t va = extra_address(cpu, d, cpu->r[d->rm]);            \
		return LOAD ? load_rt(cpu, d, va, SIZE, SIGN)                  \
			    : store_rt(cpu, d, va, SIZE);                      \
	}
LDST_EXTRA_HANDLERS(strh, 2, false, false)
LDST_EXTRA_HANDLERS(ldrh, 2, true, false)
LDST_EXTRA_HANDLERS(ldrsh, 2, true, true)
LDST_EXTRA_HANDLERS(ldrsb, 1, true, true)
/* (no encoding of these classes is a plain byte access, but the
 * selector is total) */
LDST_EXTRA_HANDLERS(ldrb_extra, 1, true, false)
LDST_EXTRA_HANDLERS(strb_extra, 1, false, false)

decoded_fn predecode_ldst_extra_fn(unsigned size, bool load, bool sign,
				   bool reg)
{
	if (!load && size == 2)
		return reg ? strh_reg : strh_imm;
	if (!load)
		return reg ? strb_extra_reg : strb_extra_imm;
	if (size == 2)
		return sign ? (reg ? ldrsh_reg : ldrsh_imm)
			    : (reg ? ldrh_reg : ldrh_imm);
	return sign ? (reg ? ldrsb_reg : ldrsb_imm)
		    : (reg ? ldrb_extra_reg : ldrb_extra_imm);
}

/* The same with writeback (ldst_wb: no syndrome, the base written after
 * the access succeeded), pre-indexed (P = 1, W = 1) or post-indexed
 * (P = 0, W = 0), Rt != Rn and neither the PC (the predecoders leave
 * those to the decoder, whose policy they are). */
static inline uint32_t extra_imm_address(const struct cpu *cpu,
					 const struct decoded_insn *d)
{
	return extra_address(cpu, d, d->imm);
}
static inline uint32_t extra_reg_address(const struct cpu *cpu,
					 const struct decoded_insn *d)
{
	return extra_address(cpu, d, cpu->r[d->rm]);
}
#define LDST_EXTRA_WB_HANDLERS(NAME, SIZE, LOAD, SIGN, INDEX)                  \
	LDST_WB_HANDLERS(NAME, SIZE, LOAD, SIGN, INDEX, extra_imm_address,     \
			 extra_reg_address)
LDST_EXTRA_WB_HANDLERS(strh_post, 2, false, false, false)
LDST_EXTRA_WB_HANDLERS(strh_pre, 2, false, false, true)
LDST_EXTRA_WB_HANDLERS(ldrh_post, 2, true, false, false)
LDST_EXTRA_WB_HANDLERS(ldrh_pre, 2, true, false, true)
LDST_EXTRA_WB_HANDLERS(ldrsh_post, 2, true, true, false)
LDST_EXTRA_WB_HANDLERS(ldrsh_pre, 2, true, true, true)
LDST_EXTRA_WB_HANDLERS(ldrsb_post, 1, true, true, false)
LDST_EXTRA_WB_HANDLERS(ldrsb_pre, 1, true, true, true)
LDST_EXTRA_WB_HANDLERS(ldrb_extra_post, 1, true, false, false)
LDST_EXTRA_WB_HANDLERS(ldrb_extra_pre, 1, true, false, true)
LDST_EXTRA_WB_HANDLERS(strb_extra_post, 1, false, false, false)
LDST_EXTRA_WB_HANDLERS(strb_extra_pre, 1, false, false, true)

decoded_fn predecode_ldst_extra_wb_fn(unsigned size, bool load, bool sign,
				      bool reg, bool pre)
{
	/* [operation][register form][pre-indexed] */
	static const decoded_fn fns[6][2][2] = {
		{{strh_post_imm, strh_pre_imm}, {strh_post_reg, strh_pre_reg}},
		{{ldrh_post_imm, ldrh_pre_imm}, {ldrh_post_reg, ldrh_pre_reg}},
		{{ldrsh_post_imm, ldrsh_pre_imm},
		 {ldrsh_post_reg, ldrsh_pre_reg}},
		{{ldrsb_post_imm, ldrsb_pre_imm},
		 {ldrsb_post_reg, ldrsb_pre_reg}},
		{{ldrb_extra_post_imm, ldrb_extra_pre_imm},
		 {ldrb_extra_post_reg, ldrb_extra_pre_reg}},
		{{strb_extra_post_imm, strb_extra_pre_imm},
		 {strb_extra_post_reg, strb_extra_pre_reg}},
	};
	const unsigned op = !load ? (size == 2 ? 0 : 5)
			    : size == 2 ? (sign ? 2 : 1)
					: (sign ? 3 : 4);
	return fns[op][reg][pre];
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

/* The commonest of these with their operation fixed (MUL, MULS, MLA,
 * the extends without accumulate). The predecoders give them no PC operand (A32) or only the
 * registers the T32 encodings allow, so r[] is read and written as it is
 * (ops_mul's reg() and set_reg() differ from that only for the PC). */
static enum exec_result mul_plain(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	cpu->r[d->rd] = cpu->r[d->rn] * cpu->r[d->rm];
	return EXEC_OK;
}

/* MULS (the 16-bit Thumb form outside IT blocks): N and Z; ARMv7 leaves
 * C and V unchanged (A8.8.114) */
static enum exec_result muls_plain(struct cpu *cpu,
				   const struct decoded_insn *d)
{
	uint32_t p = cpu->r[d->rn] * cpu->r[d->rm];
	cpu->r[d->rd] = p;
	ops_set_nz(cpu, p);
	return EXEC_OK;
}

static enum exec_result mla_plain(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	cpu->r[d->rd] = cpu->r[d->rn] * cpu->r[d->rm] + cpu->r[d->ra];
	return EXEC_OK;
}

static enum exec_result rev_plain(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	cpu->r[d->rd] = __builtin_bswap32(cpu->r[d->rm]);
	return EXEC_OK;
}

static enum exec_result clz_plain(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	cpu->r[d->rd] = alu_clz(cpu->r[d->rm]);
	return EXEC_OK;
}

/* UMULL/UMLAL/SMULL/SMLAL{S} (op enum mull_op, s the S bit): RdLo in rd,
 * RdHi in ra, none of them the PC (predecode_mul_long). */
static enum exec_result mul_long_plain(struct cpu *cpu,
				       const struct decoded_insn *d)
{
	return ops_mull(cpu, (enum mull_op)d->op, d->s, d->rd, d->ra, d->rn,
			d->rm);
}

#define EXTEND_PLAIN(NAME, TYPE)                                               \
	static enum exec_result NAME##_plain(struct cpu *cpu,                  \
					     const struct decoded_insn *d)     \
	{                                                                      \
		cpu->r[d->rd] = (uint32_t)(TYPE)alu_ror(cpu->r[d->rm],         \
							d->shift_amount);      \
		return EXEC_OK;                                                \
	}
EXTEND_PLAIN(uxtb, uint8_t)
EXTEND_PLAIN(uxth, uint16_t)
EXTEND_PLAIN(sxtb, int8_t)
EXTEND_PLAIN(sxth, int16_t)

decoded_fn predecode_mul_fn(enum mul_op op, bool s)
{
	if (op == MUL_MUL)
		return s ? muls_plain : mul_plain;
	return op == MUL_MLA && !s ? mla_plain : predecode_mul;
}

decoded_fn predecode_rev_fn(enum rev_op op)
{
	return op == REV_REV ? rev_plain : predecode_rev;
}

decoded_fn predecode_clz_fn(void)
{
	return clz_plain;
}

decoded_fn predecode_mul_long_fn(void)
{
	return mul_long_plain;
}

/* ---- hints and barriers, MRS of the CPSR ---- */

/* NOP, YIELD and the unallocated hints (A5.2.11), PLD, PLDW, PLI and the
 * unallocated memory hints (A5.7.1: no access is made, so nothing can
 * fault; a32_PLD_imm), DMB and DSB (each instruction is atomic and in
 * order, so a barrier changes no modelled state: cpu_barrier): nothing,
 * which makes them plain instructions that a block runs on over
 * (decode_flow_of) and generated code emits nothing for (HK_NOP). ISB
 * keeps ending its block (ENDS_YES: a context synchronization event),
 * and SEV, WFE and WFI their own handlers. */
static enum exec_result nop_plain(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	(void)cpu;
	(void)d;
	return EXEC_OK;
}

decoded_fn predecode_nop_fn(void)
{
	return nop_plain;
}

static void predecode_nop(struct decoded_insn *d)
{
	d->fn = nop_plain;
	d->writes = 0;
}

/* MRS <Rd>, CPSR (B9.3.8), Rd not the PC: the flags (which generated
 * code writes into CPSR before it calls a handler) and state that no
 * plain instruction changes; it cannot fault, unlike MRS of the SPSR
 * (UNDEFINED in User and System modes), which keeps its line's handler. */
static enum exec_result mrs_cpsr_plain(struct cpu *cpu,
				       const struct decoded_insn *d)
{
	return ops_mrs(cpu, d->rd, false);
}

decoded_fn predecode_extend_fn(enum ext_op op, bool accumulate)
{
	if (accumulate)
		return predecode_extend;
	switch (op) {
	case EXT_UXTB: return uxtb_plain;
	case EXT_UXTH: return uxth_plain;
	case EXT_SXTB: return sxtb_plain;
	case EXT_SXTH: return sxth_plain;
	default: return predecode_extend;
	}
}

/* ---- the predecoder: the table (a32_decode) says which line an
 * encoding is, the line's handler which class; the class's specialised
 * handler is chosen where its operands allow it ---- */

/* MUL/MLA (A8.8.114, A8.8.100): Rd = [19:16], Ra = [15:12], Rm = [11:8],
 * Rn = [3:0]; MUL's Ra is zero (the table's (0)(0)(0)(0)). */
static void predecode_mul_mla(struct decoded_insn *d, uint32_t insn,
			      bool accumulate)
{
	unsigned rd = A32_RN(insn), ra = A32_RD(insn);
	unsigned rm = A32_RS(insn), rn = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15 || ra == 15)
		return;
	d->rd = (uint8_t)rd;
	d->rn = (uint8_t)rn;
	d->rm = (uint8_t)rm;
	d->ra = (uint8_t)ra;
	d->op = accumulate ? MUL_MLA : MUL_MUL;
	d->s = (uint8_t)A32_BIT(insn, 20);
	d->fn = predecode_mul_fn((enum mul_op)d->op, d->s);
	d->writes = DECODE_WRITES_R(rd) | (d->s ? DECODE_WRITES_CPSR : 0);
}

/* UMULL/UMLAL/SMULL/SMLAL (A8.8.257, A8.8.256, A8.8.189, A8.8.178):
 * RdHi = [19:16], RdLo = [15:12], Rm = [11:8], Rn = [3:0], none the PC
 * (the handler's UNPREDICTABLE case); RdHi == RdLo is U10's, which
 * ops_mull implements for both. Pure: registers and N, Z only, so a
 * block goes on after it. */
static void predecode_mul_long(struct decoded_insn *d, uint32_t insn,
			       enum mull_op op)
{
	unsigned rdhi = A32_RN(insn), rdlo = A32_RD(insn);
	unsigned rm = A32_RS(insn), rn = A32_RM(insn);
	if (rdhi == 15 || rdlo == 15 || rn == 15 || rm == 15)
		return;
	d->rd = (uint8_t)rdlo;
	d->ra = (uint8_t)rdhi;
	d->rn = (uint8_t)rn;
	d->rm = (uint8_t)rm;
	d->op = (uint8_t)op;
	d->s = (uint8_t)A32_BIT(insn, 20);
	d->fn = mul_long_plain;
	d->writes = DECODE_WRITES_R(rdlo) | DECODE_WRITES_R(rdhi) |
		    (d->s ? DECODE_WRITES_CPSR : 0);
}

/* LDRH/STRH/LDRSB/LDRSH (A5.2.8) with offset addressing (P = 1, W = 0)
 * or with writeback, pre-indexed (P = 1, W = 1) or post-indexed (P = 0;
 * W = 1 there is the unprivileged form, another line), neither Rt nor Rn
 * the PC, nor Rt = Rn with writeback; the register form's (0)(0)(0)(0)
 * is the table's. */
static void predecode_ldst_half(struct decoded_insn *d, uint32_t insn,
				bool imm_form, bool load, unsigned size,
				bool sign)
{
	const bool p = A32_BIT(insn, 24);
	const bool wback = !p || A32_BIT(insn, 21);
	if ((!p && A32_BIT(insn, 21)) || d->rd == 15 || d->rn == 15 ||
	    (wback && d->rn == d->rd) || (!imm_form && d->rm == 15))
		return; /* the unprivileged form, the PC, Rt = Rn with
			 * writeback: the handler */
	d->op = (uint8_t)size;
	d->s = (uint8_t)(load | (sign << 1));
	d->imm_carry = (uint8_t)A32_BIT(insn, 23); /* add */
	d->writes = (load ? DECODE_WRITES_R(d->rd) : 0) |
		    (wback ? DECODE_WRITES_R(d->rn) : 0);
	if (imm_form)
		d->imm = ((insn >> 4) & 0xf0u) | (insn & 0xfu);
	d->fn = wback ? predecode_ldst_extra_wb_fn(size, load, sign, !imm_form,
						   p)
		      : predecode_ldst_extra_fn(size, load, sign, !imm_form);
	d->mem = 1;
}

/* The extends (A8.8.220.., A8.8.271..), insn[22:20] the operation as in
 * a32_extend; Rn = 1111 (no accumulate) is ra = 15. */
static void predecode_extend_line(struct decoded_insn *d, uint32_t insn)
{
	static const unsigned char ext[8] = {
		EXT_SXTB16, 0, EXT_SXTB, EXT_SXTH,
		EXT_UXTB16, 0, EXT_UXTB, EXT_UXTH,
	};
	if (d->rd == 15 || d->rm == 15)
		return;
	d->op = ext[(insn >> 20) & 7];
	d->ra = d->rn;
	d->shift_amount = (uint8_t)(((insn >> 10) & 3) * 8);
	d->fn = predecode_extend_fn((enum ext_op)d->op, d->ra != 15);
	d->writes = DECODE_WRITES_R(d->rd);
}

static void predecode_rev_line(struct decoded_insn *d, enum rev_op op)
{
	if (d->rd == 15 || d->rm == 15)
		return;
	d->op = (uint8_t)op;
	d->fn = predecode_rev_fn(op);
	d->writes = DECODE_WRITES_R(d->rd);
}

/* Data processing (register with an immediate shift, or immediate),
 * Rd and Rn not the PC; the (0)(0)(0)(0) Rd/Rn of TST…CMN and MOV/MVN
 * are the table's. */
static void predecode_dp(struct decoded_insn *d, uint32_t insn, bool imm_form)
{
	unsigned op = (insn >> 21) & 15, s = A32_BIT(insn, 20);
	if (d->rd == 15 || d->rn == 15)
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
	d->fn = (t == SRTYPE_LSL && amount == 0)
			? predecode_dp_reg_fns[op][s]
			: predecode_dp_sh_fns[t][op][s];
}

/* Data processing with a register-shifted register (A8.4.3: the shift
 * amount Rs[7:0]), none of Rd, Rn, Rm, Rs the PC (a32_DP_rsr's
 * UNPREDICTABLE case, the handler's): Rs in ra. Its computation is
 * a32_DP_rsr's (alu_shift_c, ops_dp_fast), so a block goes on after it. */
static enum exec_result dp_rsr_plain(struct cpu *cpu,
				     const struct decoded_insn *d)
{
	bool c = (cpu->cpsr & CPSR_C) != 0;
	uint32_t m = alu_shift_c(cpu->r[d->rm], (enum shift_type)d->shift_type,
				 cpu->r[d->ra] & 0xffu, c, &c);
	return ops_dp_fast(cpu, (enum dp_op)d->op, d->s, d->rd, cpu->r[d->rn],
			   m, c);
}

decoded_fn predecode_dp_rsr_fn(void)
{
	return dp_rsr_plain;
}

static void predecode_dp_rsr(struct decoded_insn *d, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15, s = A32_BIT(insn, 20);
	unsigned rs = A32_RS(insn);
	if (d->rd == 15 || d->rn == 15 || d->rm == 15 || rs == 15)
		return;
	d->ra = (uint8_t)rs;
	d->op = (uint8_t)op;
	d->s = (uint8_t)s;
	d->shift_type = (uint8_t)((insn >> 5) & 3);
	d->writes = predecode_dp_writes((enum dp_op)op, s, d->rd);
	d->fn = dp_rsr_plain;
}

/* LDR PC, [Rn, #±imm]{!} and LDR PC, [Rn], #±imm (POP {pc}), Rn not
 * the PC: a32_LDR_imm itself (LoadWritePC, interworking) with the
 * fields the generator reads decoded (imm the signed offset; op bit 0
 * pre-indexed, bit 1 writeback). */
enum exec_result predecode_ldr_pc(struct cpu *cpu,
				  const struct decoded_insn *d)
{
	return a32_LDR_imm(cpu, d->insn);
}

/* LDR/STR/LDRB/STRB (not the T forms, which are lines of their own) with
 * Rn and Rt not the PC and, with writeback, Rt != Rn; and LDR (immediate)
 * to the PC, a branch (not a fast access: FLOW_ENDS_PC) whose list's
 * DECODE_WRITES_CPSR says the T bit may change. */
static void predecode_ldst(struct decoded_insn *d, uint32_t insn,
			   bool reg_form, bool load, bool byte)
{
	bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	bool wback = !p || A32_BIT(insn, 21);
	if (!reg_form && load && !byte && d->rd == 15 && d->rn != 15) {
		uint32_t off = insn & 0xfffu;
		d->imm = u ? off : 0u - off;
		d->op = (uint8_t)(p | (unsigned)wback << 1);
		d->fn = predecode_ldr_pc;
		d->writes = DECODE_WRITES_CPSR |
			    (wback ? DECODE_WRITES_R(d->rn) : 0);
		return;
	}
	if (d->rn == 15 || d->rd == 15 || (wback && d->rn == d->rd))
		return; /* literal, PC, Rt = Rn: the handler */
	if (reg_form) {
		if (d->rm == 15)
			return;
		unsigned amount;
		d->shift_type = (uint8_t)alu_decode_imm_shift(
			insn >> 5, insn >> 7, &amount);
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

enum exec_result predecode_ldst_dual(struct cpu *cpu,
				     const struct decoded_insn *d)
{
	const uint32_t offset = (d->op & 2) ? cpu->r[d->rm] : d->imm;
	return ops_ldst_dual(cpu, d->op & 1, d->rd, d->rd + 1u, d->rn, offset,
			     d->op & 4, d->op & 8, d->op & 16);
}

/* LDRD/STRD (A8.8.72.., A8.8.210..): what a32_ldst.c ldst_dual takes to
 * ops_ldst_dual, but its UNPREDICTABLE forms and a base or offset in the
 * PC (the handler's: the block engine commits no PC before a load or
 * store on the data fast path). */
static void predecode_ldst_dual_line(struct decoded_insn *d, uint32_t insn,
				     bool imm_form, bool load)
{
	const bool p = A32_BIT(insn, 24), u = A32_BIT(insn, 23);
	const bool w = A32_BIT(insn, 21), wback = !p || w;
	const unsigned rt = d->rd, rt2 = rt + 1u;
	if ((!imm_form && d->rm == 15) || (!p && w) || (rt & 1) ||
	    rt2 == 15 || d->rn == 15 || (wback && (d->rn == rt ||
						   d->rn == rt2)) ||
	    (load && !imm_form && (d->rm == rt || d->rm == rt2)))
		return;
	d->op = (uint8_t)((unsigned)load | (unsigned)!imm_form << 1 |
			  (unsigned)u << 2 | (unsigned)p << 3 |
			  (unsigned)wback << 4);
	d->imm = ((insn >> 4) & 0xf0u) | (insn & 0xfu);
	d->fn = predecode_ldst_dual;
	d->writes = (load ? DECODE_WRITES_R(rt) | DECODE_WRITES_R(rt2) : 0) |
		    (wback ? DECODE_WRITES_R(d->rn) : 0);
	d->mem = 1;
}

/* ---- SDIV/UDIV (A8.8.165, A8.8.248), SBFX/UBFX (A8.8.164, A8.8.246),
 * BFI/BFC (A8.8.21, A8.8.20) without their UNPREDICTABLE forms (a PC
 * operand, a field past bit 31): a32_media.c's ops calls with the
 * fields decoded once, so that they are plain instructions a block runs
 * without returning (a Linux boot divides 1.7 M times). op: signed. ---- */

static enum exec_result predecode_div(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	return ops_div(cpu, d->op, d->rd, d->rn, d->rm);
}

static enum exec_result predecode_bfx(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	return ops_bfx(cpu, d->op, d->rd, d->rn, d->shift_amount, d->imm);
}

static enum exec_result predecode_bfi(struct cpu *cpu,
				      const struct decoded_insn *d)
{
	return ops_bfi(cpu, d->rd, d->rn, d->shift_amount, d->imm);
}

static void predecode_div_line(struct decoded_insn *d, uint32_t insn,
			       bool is_signed)
{
	d->rd = (uint8_t)A32_RN(insn);
	d->rn = (uint8_t)A32_RM(insn);
	d->rm = (uint8_t)A32_RS(insn);
	if (d->rd == 15 || d->rn == 15 || d->rm == 15)
		return;
	d->op = is_signed;
	d->fn = predecode_div;
	d->writes = DECODE_WRITES_R(d->rd);
}

static void predecode_bitfield_line(struct decoded_insn *d, uint32_t insn,
				    bool bfi, bool is_signed)
{
	const unsigned lsb = (insn >> 7) & 31, hi = (insn >> 16) & 31;
	d->rn = (uint8_t)A32_RM(insn);
	if (d->rd == 15 ||
	    (bfi ? hi < lsb : d->rn == 15 || lsb + hi > 31))
		return;
	d->op = is_signed;
	d->shift_amount = (uint8_t)lsb;
	d->imm = hi; /* msb for BFI, width - 1 for the extracts */
	d->fn = bfi ? predecode_bfi : predecode_bfx;
	d->writes = DECODE_WRITES_R(d->rd);
}

/* LDM/STM (not the ^ forms, which are lines of their own): what a32_LDM
 * and a32_STM take to ops_ldm/ops_stm. A load of the PC (POP {…, pc}, a
 * return) is a branch by LoadWritePC: not a fast access (it ends the
 * block, FLOW_ENDS_PC), and its list's bit 15 is DECODE_WRITES_CPSR
 * (the T bit may change). */
static void predecode_block(struct decoded_insn *d, uint32_t insn, bool load)
{
	bool w = A32_BIT(insn, 21);
	uint16_t list = (uint16_t)insn;
	if (d->rn == 15 || list == 0 || (w && load && ((list >> d->rn) & 1)))
		return;
	d->imm = list;
	d->op = (uint8_t)(A32_BIT(insn, 23) | A32_BIT(insn, 24) << 1 |
			  (unsigned)w << 2);
	d->fn = load ? predecode_ldm : predecode_stm;
	d->writes = (load ? list : 0) | (w ? DECODE_WRITES_R(d->rn) : 0);
	d->mem = !(load && (list >> 15) & 1);
}

static void predecode_branch(struct decoded_insn *d, uint32_t insn, bool link)
{
	d->imm = (uint32_t)((int32_t)(insn << 8) >> 6);
	d->fn = link ? branch_link : branch;
	d->writes = link ? DECODE_WRITES_R(14) : 0;
}

/* BX (and BXJ, the same handler: a32_BX) with Rm not the PC (which
 * reads PC + 8: the handler). It may change CPSR.T (DECODE_WRITES_CPSR):
 * a branch that ends the block as an impure one (FLOW_ENDS_PC), so that
 * a run goes on clean only when the T bit stayed as it was. */
static void predecode_bx_line(struct decoded_insn *d)
{
	if (d->rm == 15)
		return;
	d->fn = predecode_bx;
	d->writes = DECODE_WRITES_CPSR;
}

static void predecode_movw_movt(struct decoded_insn *d, uint32_t insn,
				bool top)
{
	if (d->rd == 15)
		return;
	d->imm = ((insn >> 4) & 0xf000u) | (insn & 0xfffu);
	d->fn = top ? predecode_movt : predecode_movw;
	d->writes = DECODE_WRITES_R(d->rd);
}

/* The classes with specialised handlers, by the handler of their line. */
enum pd_class {
	PD_NONE, PD_DP_REG, PD_DP_IMM, PD_LDR_IMM, PD_LDR_REG, PD_STR_IMM,
	PD_STR_REG, PD_LDRB_IMM, PD_LDRB_REG, PD_STRB_IMM, PD_STRB_REG, PD_B,
	PD_BL, PD_MOVW, PD_MOVT, PD_LDM, PD_STM, PD_LDRH_IMM, PD_LDRH_REG,
	PD_STRH_IMM, PD_STRH_REG, PD_LDRSB_IMM, PD_LDRSB_REG, PD_LDRSH_IMM,
	PD_LDRSH_REG, PD_MUL, PD_MLA, PD_CLZ, PD_EXTEND, PD_REV, PD_REV16,
	PD_RBIT, PD_REVSH, PD_UMULL, PD_UMLAL, PD_SMULL, PD_SMLAL, PD_DP_RSR,
	PD_LDRD_IMM, PD_LDRD_REG, PD_STRD_IMM, PD_STRD_REG, PD_SDIV, PD_UDIV,
	PD_SBFX, PD_UBFX, PD_BFI, PD_BX, PD_NOP, PD_PLD_IMM, PD_PLD_REG,
	PD_PLI_REG, PD_MRS,
};

static const struct {
	a32_handler h;
	enum pd_class cls;
} pd_classes[] = {
	{ a32_DP_reg, PD_DP_REG }, { a32_DP_imm, PD_DP_IMM },
	{ a32_LDR_imm, PD_LDR_IMM }, { a32_LDR_reg, PD_LDR_REG },
	{ a32_STR_imm, PD_STR_IMM }, { a32_STR_reg, PD_STR_REG },
	{ a32_LDRB_imm, PD_LDRB_IMM }, { a32_LDRB_reg, PD_LDRB_REG },
	{ a32_STRB_imm, PD_STRB_IMM }, { a32_STRB_reg, PD_STRB_REG },
	{ a32_B, PD_B }, { a32_BL, PD_BL },
	{ a32_MOVW, PD_MOVW }, { a32_MOVT, PD_MOVT },
	{ a32_LDM, PD_LDM }, { a32_STM, PD_STM },
	{ a32_LDRH_imm, PD_LDRH_IMM }, { a32_LDRH_reg, PD_LDRH_REG },
	{ a32_STRH_imm, PD_STRH_IMM }, { a32_STRH_reg, PD_STRH_REG },
	{ a32_LDRSB_imm, PD_LDRSB_IMM }, { a32_LDRSB_reg, PD_LDRSB_REG },
	{ a32_LDRSH_imm, PD_LDRSH_IMM }, { a32_LDRSH_reg, PD_LDRSH_REG },
	{ a32_MUL, PD_MUL }, { a32_MLA, PD_MLA }, { a32_CLZ, PD_CLZ },
	{ a32_extend, PD_EXTEND }, { a32_REV, PD_REV },
	{ a32_REV16, PD_REV16 }, { a32_RBIT, PD_RBIT },
	{ a32_REVSH, PD_REVSH }, { a32_UMULL, PD_UMULL },
	{ a32_UMLAL, PD_UMLAL }, { a32_SMULL, PD_SMULL },
	{ a32_SMLAL, PD_SMLAL }, { a32_DP_rsr, PD_DP_RSR },
	{ a32_LDRD_imm, PD_LDRD_IMM }, { a32_LDRD_reg, PD_LDRD_REG },
	{ a32_STRD_imm, PD_STRD_IMM }, { a32_STRD_reg, PD_STRD_REG },
	{ a32_SDIV, PD_SDIV }, { a32_UDIV, PD_UDIV },
	{ a32_SBFX, PD_SBFX }, { a32_UBFX, PD_UBFX }, { a32_BFI, PD_BFI },
	{ a32_BX, PD_BX }, { a32_NOP, PD_NOP }, { a32_PLI_imm, PD_NOP },
	{ a32_DMB, PD_NOP }, { a32_DSB, PD_NOP }, { a32_PLD_imm, PD_PLD_IMM },
	{ a32_PLD_reg, PD_PLD_REG }, { a32_PLI_reg, PD_PLI_REG },
	{ a32_MRS, PD_MRS },
};

#define N_PD_CLASSES (sizeof pd_classes / sizeof pd_classes[0])

/* [line]: the class of each line of a32.def, from its handler; built
 * once (constant data, whatever the guest does). */
static uint8_t line_class[A32_UNDEF_INDEX + 1];
static pthread_once_t line_class_once = PTHREAD_ONCE_INIT;

static const struct decode_entry *a32_entries;

static void build_line_class(void)
{
	unsigned n;
	a32_entries = decode_table_entries(DECODE_A32, &n);
	for (unsigned line = 0; line <= A32_UNDEF_INDEX; line++)
		for (unsigned k = 0; k < N_PD_CLASSES; k++)
			if (a32_handlers[line] == pd_classes[k].h)
				line_class[line] = (uint8_t)pd_classes[k].cls;
}

/* The specialised handler of the class of line `line`, where the
 * operands allow one (d->fn stays run_decoder otherwise). */
static void a32_predecode_fast(struct decoded_insn *d, uint32_t insn,
			       unsigned line)
{
	switch ((enum pd_class)line_class[line]) {
	case PD_NONE:
		return;
	case PD_DP_REG:
		predecode_dp(d, insn, false);
		return;
	case PD_DP_IMM:
		predecode_dp(d, insn, true);
		return;
	case PD_DP_RSR:
		predecode_dp_rsr(d, insn);
		return;
	case PD_LDR_IMM:
		predecode_ldst(d, insn, false, true, false);
		return;
	case PD_LDR_REG:
		predecode_ldst(d, insn, true, true, false);
		return;
	case PD_STR_IMM:
		predecode_ldst(d, insn, false, false, false);
		return;
	case PD_STR_REG:
		predecode_ldst(d, insn, true, false, false);
		return;
	case PD_LDRB_IMM:
		predecode_ldst(d, insn, false, true, true);
		return;
	case PD_LDRB_REG:
		predecode_ldst(d, insn, true, true, true);
		return;
	case PD_STRB_IMM:
		predecode_ldst(d, insn, false, false, true);
		return;
	case PD_STRB_REG:
		predecode_ldst(d, insn, true, false, true);
		return;
	case PD_BX:
		predecode_bx_line(d);
		return;
	case PD_B:
	case PD_BL:
		predecode_branch(d, insn, line_class[line] == PD_BL);
		return;
	case PD_MOVW:
	case PD_MOVT:
		predecode_movw_movt(d, insn, line_class[line] == PD_MOVT);
		return;
	case PD_LDM:
	case PD_STM:
		predecode_block(d, insn, line_class[line] == PD_LDM);
		return;
	case PD_LDRH_IMM:
		predecode_ldst_half(d, insn, true, true, 2, false);
		return;
	case PD_LDRH_REG:
		predecode_ldst_half(d, insn, false, true, 2, false);
		return;
	case PD_STRH_IMM:
		predecode_ldst_half(d, insn, true, false, 2, false);
		return;
	case PD_STRH_REG:
		predecode_ldst_half(d, insn, false, false, 2, false);
		return;
	case PD_LDRSB_IMM:
		predecode_ldst_half(d, insn, true, true, 1, true);
		return;
	case PD_LDRSB_REG:
		predecode_ldst_half(d, insn, false, true, 1, true);
		return;
	case PD_LDRSH_IMM:
		predecode_ldst_half(d, insn, true, true, 2, true);
		return;
	case PD_LDRSH_REG:
		predecode_ldst_half(d, insn, false, true, 2, true);
		return;
	case PD_MUL:
	case PD_MLA:
		predecode_mul_mla(d, insn, line_class[line] == PD_MLA);
		return;
	case PD_CLZ:
		if (d->rd != 15 && d->rm != 15) {
			d->fn = predecode_clz_fn();
			d->writes = DECODE_WRITES_R(d->rd);
		}
		return;
	case PD_EXTEND:
		predecode_extend_line(d, insn);
		return;
	case PD_REV:
		predecode_rev_line(d, REV_REV);
		return;
	case PD_REV16:
		predecode_rev_line(d, REV_REV16);
		return;
	case PD_RBIT:
		predecode_rev_line(d, REV_RBIT);
		return;
	case PD_REVSH:
		predecode_rev_line(d, REV_REVSH);
		return;
	case PD_UMULL:
		predecode_mul_long(d, insn, MULL_UMULL);
		return;
	case PD_UMLAL:
		predecode_mul_long(d, insn, MULL_UMLAL);
		return;
	case PD_SMULL:
		predecode_mul_long(d, insn, MULL_SMULL);
		return;
	case PD_SMLAL:
		predecode_mul_long(d, insn, MULL_SMLAL);
		return;
	case PD_LDRD_IMM:
	case PD_LDRD_REG:
	case PD_STRD_IMM:
	case PD_STRD_REG: {
		const enum pd_class c = (enum pd_class)line_class[line];
		predecode_ldst_dual_line(d, insn,
					 c == PD_LDRD_IMM || c == PD_STRD_IMM,
					 c == PD_LDRD_IMM || c == PD_LDRD_REG);
		return;
	}
	case PD_NOP:
		predecode_nop(d);
		return;
	case PD_PLD_IMM: /* not PLDW (literal): UNPREDICTABLE */
		if (A32_BIT(insn, 22) || d->rn != 15)
			predecode_nop(d);
		return;
	case PD_PLD_REG: /* Rm the PC, or PLDW with Rn the PC: the same */
		if (d->rm != 15 && (A32_BIT(insn, 22) || d->rn != 15))
			predecode_nop(d);
		return;
	case PD_PLI_REG:
		if (d->rm != 15)
			predecode_nop(d);
		return;
	case PD_MRS:
		if (!A32_BIT(insn, 22) && d->rd != 15) {
			d->fn = mrs_cpsr_plain;
			d->writes = DECODE_WRITES_R(d->rd);
		}
		return;
	case PD_SDIV:
	case PD_UDIV:
		predecode_div_line(d, insn, line_class[line] == PD_SDIV);
		return;
	case PD_SBFX:
	case PD_UBFX:
	case PD_BFI:
		predecode_bitfield_line(d, insn, line_class[line] == PD_BFI,
					line_class[line] == PD_SBFX);
		return;
	}
}

void a32_predecode(struct decoded_insn *d, uint32_t insn)
{
	unsigned line = a32_decode(insn);
	pthread_once(&line_class_once, build_line_class);
	*d = (struct decoded_insn){
		.insn = insn,
		.rd = (uint8_t)A32_RD(insn),
		.rn = (uint8_t)A32_RN(insn),
		.rm = (uint8_t)A32_RM(insn),
		.fn = run_decoder,
		.writes = DECODE_WRITES_ANY,
	};
	a32_predecode_fast(d, insn, line);
	if (d->fn == run_decoder)
		d->imm = line;
	const struct decode_entry *e =
		line < A32_UNDEF_INDEX ? &a32_entries[line] : NULL;
	if (e && e->ends == ENDS_DELEGATE)
		e = decode_table_lookup(DECODE_A32, insn);
	d->flow = (uint8_t)decode_flow_of(e, insn, d->fn != run_decoder,
					  d->mem);
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
	/* every entry starts as encoding 0's, decoded once: an entry is
	 * used only for the encoding it holds, wherever it is */
	a32_predecode(&c->a32[0], 0);
	t32_predecode(&c->t32[0], 0);
	for (unsigned i = 1; i < DECODE_CACHE_ENTRIES; i++) {
		c->a32[i] = c->a32[0];
		c->t32[i] = c->t32[0];
	}
	cpu->decoded = c;
	return true;
}

void decode_cache_destroy(struct cpu *cpu)
{
	free(cpu->decoded);
	cpu->decoded = NULL;
}
