/* Instruction semantics shared by the A32 and T32 decoders (ARM DDI 0406C
 * chapter A8 "Operation" sections). The decoders extract the operands
 * (register numbers, immediates, shifted values), check the encoding's
 * UNDEFINED/UNPREDICTABLE rules and the condition, and call one of these;
 * what an instruction *does* is written only here.
 *
 * Conventions:
 *   - Register arguments are register numbers; reads go through
 *     cpu_reg_read(), so a PC operand reads as this instruction + 8 (ARM) or
 *     + 4 (Thumb). Value arguments (uint32_t n, m…) are already-read
 *     operands.
 *   - Every function returns EXEC_OK, or EXEC_EXCEPTION when an abort or
 *     UNDEFINED was taken; in that case no register was written (base
 *     writeback included), as B1.9.6 asks for an aborted instruction.
 *   - Register writes of results go through cpu_write_reg_alu (for
 *     data-processing results: ALUWritePC for the PC) or cpu_write_reg_load.
 *   - Decoders own the UNPREDICTABLE choices listed at the top of a32.c /
 *     t32.c; the few made here are documented at the function. */
#ifndef HYPSIM_OPS_H
#define HYPSIM_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/alu.h"
#include "cpu/cpu.h"

/* ---- data processing (A8.4, A5.2) ---- */

/* The 16 opcodes of the ARM data-processing group, in encoding order
 * (bits [24:21]); DP_ORN is Thumb-only (T32 encodes it where ARM has no
 * equivalent). */
enum dp_op {
	DP_AND = 0,
	DP_EOR = 1,
	DP_SUB = 2,
	DP_RSB = 3,
	DP_ADD = 4,
	DP_ADC = 5,
	DP_SBC = 6,
	DP_RSC = 7,
	DP_TST = 8,
	DP_TEQ = 9,
	DP_CMP = 10,
	DP_CMN = 11,
	DP_ORR = 12,
	DP_MOV = 13,
	DP_BIC = 14,
	DP_MVN = 15,
	DP_ORN = 16,
};

/* Result and NZCV of a data-processing operation, no side effects.
 * n = first operand (Rn), m = second operand (shifted register or
 * expanded immediate), shifter_carry = carry out of the shifter/immediate
 * expansion (used by the logical operations). Returns the result and puts
 * the new NZCV (in CPSR bit positions) in *nzcv, starting from the current
 * C and V in `cpsr`. (Inline: it is the hot path of both decoders.) */
static inline __attribute__((always_inline)) uint32_t
ops_dp_compute(enum dp_op op, uint32_t n, uint32_t m, bool shifter_carry,
	       uint32_t cpsr, uint32_t *nzcv)
{
	bool c, v;
	uint32_t r;

	int32_t sr;
	switch (op) {
	/* AddWithCarry with a constant carry in, as the host computes it:
	 * x + ~y + 1 = x - y, whose carry out is "no borrow" (x >= y), and
	 * the signed overflow of the same sum (A2.2.1) */
	case DP_SUB:
	case DP_CMP:
		v = __builtin_sub_overflow((int32_t)n, (int32_t)m, &sr);
		r = (uint32_t)sr;
		c = n >= m;
		goto arith;
	case DP_RSB:
		v = __builtin_sub_overflow((int32_t)m, (int32_t)n, &sr);
		r = (uint32_t)sr;
		c = m >= n;
		goto arith;
	case DP_ADD:
	case DP_CMN:
		v = __builtin_add_overflow((int32_t)n, (int32_t)m, &sr);
		r = (uint32_t)sr;
		c = r < n;
		goto arith;
	case DP_ADC:
		r = alu_add_with_carry(n, m, (cpsr & CPSR_C) != 0, &c, &v);
		goto arith;
	case DP_SBC:
		r = alu_add_with_carry(n, ~m, (cpsr & CPSR_C) != 0, &c, &v);
		goto arith;
	case DP_RSC:
		r = alu_add_with_carry(~n, m, (cpsr & CPSR_C) != 0, &c, &v);
		goto arith;
	case DP_AND:
	case DP_TST:
		r = n & m;
		break;
	case DP_EOR:
	case DP_TEQ:
		r = n ^ m;
		break;
	case DP_ORR:
		r = n | m;
		break;
	case DP_MOV:
		r = m;
		break;
	case DP_BIC:
		r = n & ~m;
		break;
	case DP_MVN:
		r = ~m;
		break;
	case DP_ORN:
	default:
		r = n | ~m;
		break;
	}
	/* logical operations: C from the shifter, V unchanged (A8.8.*) */
	*nzcv = (r & CPSR_N) | (r == 0 ? CPSR_Z : 0) |
		(shifter_carry ? CPSR_C : 0) | (cpsr & CPSR_V);
	return r;
arith:
	*nzcv = (r & CPSR_N) | (r == 0 ? CPSR_Z : 0) | (c ? CPSR_C : 0) |
		(v ? CPSR_V : 0);
	return r;
}

/* Whole data-processing instruction: computes, writes Rd (not for
 * TST/TEQ/CMP/CMN) via cpu_write_reg_alu, sets the flags if `setflags`.
 * rd == 15 with setflags is the exception-return form (SUBS PC, LR and
 * friends, B9.3.20): CPSR <- SPSR, PC <- result, through
 * cpu_exception_return. In Hyp mode that form is UNDEFINED (B9.3.20);
 * in User/System mode it is UNPREDICTABLE and hypsim takes UNDEFINED (no
 * SPSR to restore; QEMU also UNDEFs in User mode). */
enum exec_result ops_dp(struct cpu *cpu, enum dp_op op, bool setflags,
			unsigned rd, uint32_t n, uint32_t m,
			bool shifter_carry);

/* ops_dp with the common case (Rd not the PC) inline, for the decoders'
 * fast path; same semantics. */
static inline __attribute__((always_inline)) enum exec_result
ops_dp_fast(struct cpu *cpu, enum dp_op op, bool setflags, unsigned rd,
	    uint32_t n, uint32_t m, bool shifter_carry)
{
	uint32_t nzcv;
	if (__builtin_expect(rd == 15, 0))
		return ops_dp(cpu, op, setflags, rd, n, m, shifter_carry);
	uint32_t r = ops_dp_compute(op, n, m, shifter_carry, cpu->cpsr, &nzcv);
	if (op < DP_TST || op > DP_CMN)
		cpu->r[rd] = r;
	else
		setflags = true;
	if (setflags)
		cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) | nzcv;
	return EXEC_OK;
}

/* Set N and Z from `result` (and C if `carry` >= 0) without touching V:
 * the flag rule of MUL/MOV-like S forms. */
void ops_set_nz(struct cpu *cpu, uint32_t result);
void ops_set_nzc(struct cpu *cpu, uint32_t result, bool carry);

/* ---- multiplies (A8.8.*) ---- */

/* MUL/MLA/MLS: Rd = Rn*Rm (+ Ra / Ra - Rn*Rm). ra is ignored for MUL.
 * S sets N,Z only (C and V unchanged in ARMv7). */
enum mul_op { MUL_MUL, MUL_MLA, MUL_MLS };
enum exec_result ops_mul(struct cpu *cpu, enum mul_op op, bool setflags,
			 unsigned rd, unsigned rn, unsigned rm, unsigned ra);

/* UMULL/SMULL/UMLAL/SMLAL/UMAAL: RdHi:RdLo. S sets N,Z (not for UMAAL). */
enum mull_op { MULL_UMULL, MULL_UMLAL, MULL_SMULL, MULL_SMLAL, MULL_UMAAL };
enum exec_result ops_mull(struct cpu *cpu, enum mull_op op, bool setflags,
			  unsigned rdlo, unsigned rdhi, unsigned rn,
			  unsigned rm);

/* SMULxy (ra ignored when !accumulate) / SMLAxy (Q on overflow of the
 * accumulate): n_high/m_high choose the top halfwords (the x/y = T). */
enum exec_result ops_smul_xy(struct cpu *cpu, bool accumulate, unsigned rd,
			     unsigned rn, unsigned rm, unsigned ra,
			     bool n_high, bool m_high);
/* SMULWy / SMLAWy: (Rn * Rm.half) >> 16 (+ Ra, Q on overflow). */
enum exec_result ops_smulw_y(struct cpu *cpu, bool accumulate, unsigned rd,
			     unsigned rn, unsigned rm, unsigned ra,
			     bool m_high);
/* SMLALxy: RdHi:RdLo += Rn.half * Rm.half. */
enum exec_result ops_smlal_xy(struct cpu *cpu, unsigned rdlo, unsigned rdhi,
			      unsigned rn, unsigned rm, bool n_high,
			      bool m_high);
/* SMUAD/SMUSD/SMLAD/SMLSD(X): dual 16x16. ra == 15 means no accumulate
 * (SMUAD/SMUSD, which encode Ra = 1111 in ARM). m_swap = the X suffix.
 * Q is set if the (accumulated) sum overflows. */
enum exec_result ops_smlad(struct cpu *cpu, bool subtract, unsigned rd,
			   unsigned rn, unsigned rm, unsigned ra, bool m_swap);
/* SMLALD/SMLSLD(X): 64-bit accumulate. */
enum exec_result ops_smlald(struct cpu *cpu, bool subtract, unsigned rdlo,
			    unsigned rdhi, unsigned rn, unsigned rm,
			    bool m_swap);
/* SMMUL/SMMLA/SMMLS(R): most significant word. ra == 15 means SMMUL
 * (which encodes Ra = 1111). */
enum exec_result ops_smmul(struct cpu *cpu, bool subtract, bool round,
			   unsigned rd, unsigned rn, unsigned rm,
			   unsigned ra);
/* SDIV/UDIV: divide by zero gives 0 (ARMv7-A: no DZ trap, A8.8.165). */
enum exec_result ops_div(struct cpu *cpu, bool is_signed, unsigned rd,
			 unsigned rn, unsigned rm);

/* ---- saturation (A8.8.123…, A8.8.155…) ---- */

enum qadd_op { QOP_QADD, QOP_QSUB, QOP_QDADD, QOP_QDSUB };
/* QADD Rd, Rm, Rn: note the operand order of the manual (Rm first). */
enum exec_result ops_qaddsub(struct cpu *cpu, enum qadd_op op, unsigned rd,
			     unsigned rm, unsigned rn);
/* SSAT/USAT Rd, #sat, Rn{, shift}: `sat_to` is the saturation width as
 * the instruction means it (SSAT: 1..32, USAT: 0..31). The operand is
 * Shift(Rn, type, amount) with type LSL or ASR. */
enum exec_result ops_ssat(struct cpu *cpu, unsigned rd, unsigned sat_to,
			  unsigned rn, enum shift_type type, unsigned amount);
enum exec_result ops_usat(struct cpu *cpu, unsigned rd, unsigned sat_to,
			  unsigned rn, enum shift_type type, unsigned amount);
/* SSAT16 (sat_to 1..16) / USAT16 (sat_to 0..15). */
enum exec_result ops_ssat16(struct cpu *cpu, unsigned rd, unsigned sat_to,
			    unsigned rn);
enum exec_result ops_usat16(struct cpu *cpu, unsigned rd, unsigned sat_to,
			    unsigned rn);

/* ---- parallel add/subtract (A5.4.1, A5.4.2) ---- */

/* The prefix: S/Q/SH set GE only for S and U. Values match the ARM
 * encoding's op1 field low bits in the order the manual lists them. */
enum par_prefix { PAR_S, PAR_Q, PAR_SH, PAR_U, PAR_UQ, PAR_UH };
/* The operation, = ARM op2 field (bits [7:5]) except that 5/6 are unused. */
enum par_op {
	PAR_ADD16 = 0,
	PAR_ASX = 1,
	PAR_SAX = 2,
	PAR_SUB16 = 3,
	PAR_ADD8 = 4,
	PAR_SUB8 = 7,
};
enum exec_result ops_parallel(struct cpu *cpu, enum par_prefix prefix,
			      enum par_op op, unsigned rd, unsigned rn,
			      unsigned rm);
/* SEL Rd, Rn, Rm: bytes chosen by APSR.GE. */
enum exec_result ops_sel(struct cpu *cpu, unsigned rd, unsigned rn,
			 unsigned rm);
/* USAD8 (ra == 15) / USADA8. */
enum exec_result ops_usad8(struct cpu *cpu, unsigned rd, unsigned rn,
			   unsigned rm, unsigned ra);

/* ---- pack, extend, reverse, bit fields ---- */

/* PKHBT (tb = false, LSL #amount) / PKHTB (tb = true, ASR #amount; amount
 * 32 for the encoding imm5 = 0). */
enum exec_result ops_pkh(struct cpu *cpu, bool tb, unsigned rd, unsigned rn,
			 unsigned rm, unsigned amount);
/* SXTB/SXTH/SXTB16/UXTB/UXTH/UXTB16 and the accumulating SXTA* / UXTA*
 * forms (rn != 15). rotation is 0, 8, 16 or 24. */
enum ext_op { EXT_SXTB, EXT_SXTH, EXT_SXTB16, EXT_UXTB, EXT_UXTH, EXT_UXTB16 };
enum exec_result ops_extend(struct cpu *cpu, enum ext_op op, unsigned rd,
			    unsigned rn, unsigned rm, unsigned rotation);
enum rev_op { REV_REV, REV_REV16, REV_REVSH, REV_RBIT };
enum exec_result ops_rev(struct cpu *cpu, enum rev_op op, unsigned rd,
			 unsigned rm);
enum exec_result ops_clz(struct cpu *cpu, unsigned rd, unsigned rm);
/* BFI Rd, Rn, #lsb, #width (rn == 15: BFC). msb = lsb + width - 1; the
 * caller rejects msb < lsb (UNPREDICTABLE). */
enum exec_result ops_bfi(struct cpu *cpu, unsigned rd, unsigned rn,
			 unsigned lsb, unsigned msb);
/* UBFX/SBFX Rd, Rn, #lsb, #width (widthminus1 = width - 1). */
enum exec_result ops_bfx(struct cpu *cpu, bool is_signed, unsigned rd,
			 unsigned rn, unsigned lsb, unsigned widthminus1);

/* ---- loads and stores (A8.8.*, A3.2) ---- */

/* Single load/store of size 1, 2 or 4 bytes.
 *   base   = R[rn], or Align(PC, 4) when rn == 15
 *   offset_addr = add ? base + offset : base - offset
 *   address = index ? offset_addr : base; wback writes offset_addr to Rn.
 * `flags` are extra ACC_* flags (ACC_UNPRIV for the T forms). A load of
 * the PC (size 4) is LoadWritePC. A load with writeback and rt == rn
 * (UNPREDICTABLE) leaves the loaded value in the register, as QEMU does;
 * a store with rt == rn stores the value before writeback. */
enum exec_result ops_ldst(struct cpu *cpu, bool load, unsigned size,
			  bool sign_extend, unsigned flags, unsigned rt,
			  unsigned rn, uint32_t offset, bool add, bool index,
			  bool wback);
/* LDRD/STRD Rt, Rt2 (rt2 need not be rt + 1: T32 encodes both). Same
 * addressing as ops_ldst. The access is two words, always checked for word
 * alignment (A3.2.1 Table A3-1), with no valid HSR ISS. */
enum exec_result ops_ldst_dual(struct cpu *cpu, bool load, unsigned rt,
			       unsigned rt2, unsigned rn, uint32_t offset,
			       bool add, bool index, bool wback);
/* LDM/STM (and PUSH/POP, which T32 maps here with rn = 13).
 *   increment/before select IA (1,0), IB (1,1), DA (0,0), DB (0,1).
 *   user:  the ^ forms. For STM, and LDM without the PC: User-mode
 *          registers (B9.3.5/B9.3.6). For LDM with the PC: exception
 *          return, CPSR <- SPSR (B9.3.4). UNDEFINED in Hyp mode; in User
 *          mode (UNPREDICTABLE) hypsim takes UNDEFINED, as QEMU.
 * All loads are done before any register is written, so an abort leaves
 * every register unchanged. LDM with writeback and Rn in the list is
 * UNPREDICTABLE and both decoders UNDEF it (as QEMU); were it called, the
 * loaded value would end in Rn. STM with Rn in the list stores the
 * original value of Rn. In System mode the exception-return form has no
 * SPSR and is UNDEFINED here; the User-register forms there transfer the
 * (same) User registers. */
enum exec_result ops_ldm(struct cpu *cpu, unsigned rn, uint16_t list,
			 bool increment, bool before, bool wback, bool user);
enum exec_result ops_stm(struct cpu *cpu, unsigned rn, uint16_t list,
			 bool increment, bool before, bool wback, bool user);

/* LDREX{B,H,D} / STREX{B,H,D}: size 1, 2, 4 or 8 (rt2 used for 8). The
 * address is R[rn] + imm (imm is 0 except T32 LDREX/STREX). Status 0/1 in
 * Rd. */
enum exec_result ops_ldrex(struct cpu *cpu, unsigned size, unsigned rt,
			   unsigned rt2, unsigned rn, uint32_t imm);
enum exec_result ops_strex(struct cpu *cpu, unsigned size, unsigned rd,
			   unsigned rt, unsigned rt2, unsigned rn,
			   uint32_t imm);

/* ---- status registers and modes (B9.3) ---- */

/* MRS Rd, CPSR/SPSR. SPSR in User/System is UNPREDICTABLE: UNDEFINED. */
enum exec_result ops_mrs(struct cpu *cpu, unsigned rd, bool spsr);
/* MSR CPSR/SPSR_<fields>, value. `mask` bit 0..3 = c, x, s, f. */
enum exec_result ops_msr(struct cpu *cpu, bool spsr, unsigned mask,
			 uint32_t value);
/* MRS Rd, <banked_reg> / MSR <banked_reg>, Rn (B9.3.9, B9.3.10). */
enum exec_result ops_mrs_banked(struct cpu *cpu, unsigned rd, bool r,
				unsigned sysm);
enum exec_result ops_msr_banked(struct cpu *cpu, bool r, unsigned sysm,
				unsigned rn);
/* CPS (B9.3.2): imod 2 = IE (enable), 3 = ID (disable), 0 = no change of
 * A/I/F; affect bits a, i, f; change_mode with mode. NOP in User mode. */
enum exec_result ops_cps(struct cpu *cpu, unsigned imod, bool a, bool i,
			 bool f, bool change_mode, unsigned mode);
/* SETEND BE/LE. */
enum exec_result ops_setend(struct cpu *cpu, bool big_endian);
/* SRS{DA,DB,IA,IB} SP!, #mode (B9.3.16): LR and SPSR of the current mode
 * stored at the banked SP of `mode`. */
enum exec_result ops_srs(struct cpu *cpu, unsigned mode, bool increment,
			 bool before, bool wback);
/* RFE{DA,DB,IA,IB} Rn! (B9.3.13). */
enum exec_result ops_rfe(struct cpu *cpu, unsigned rn, bool increment,
			 bool before, bool wback);

/* ---- hints (A8.8.*: NOP, YIELD, WFE, WFI, SEV, DBG) ---- */
enum hint_op { HINT_NOP = 0, HINT_YIELD = 1, HINT_WFE = 2, HINT_WFI = 3,
	       HINT_SEV = 4 };
/* `op` is the 8-bit hint number of the encoding; unallocated hints and
 * DBG (0xf0..0xff) execute as NOP (A8.8.119). */
enum exec_result ops_hint(struct cpu *cpu, unsigned op);

#endif
