/* A32 (ARM state) decoder of ARMv7-A as the Cortex-A15 and Cortex-A7
 * implement it: ARM DDI 0406C chapter A5 (encodings), A8 (instructions),
 * B9 (system instructions). This file holds the top-level decode, data
 * processing, the miscellaneous and system instructions, branches,
 * coprocessor dispatch and the unconditional space; a32_ldst.c and
 * a32_media.c the rest. The semantics shared with T32 are in ops.c.
 *
 * Decode is a switch on insn[27:25], then on the class's own fields
 * (insn[24:20] and insn[7:4]); no tables are built, nothing is allocated.
 *
 * ---- UNPREDICTABLE and other choices (the shared A32/T32 policy is
 * ---- src/cpu/unpredictable.def, which generates tests/diff/UNPREDICTABLE.md;
 * ---- for the random-program generator:
 * ---- these encodings must be excluded when comparing with QEMU) ----
 *
 *  U1  Register 15 where the manual says UNPREDICTABLE (Rd/Rn/Rm/Rs/Ra = PC
 *      of register-shifted data processing, MOVW/MOVT, all multiplies and
 *      divides, saturating, parallel, pack/extend/reverse, bit fields, CLZ,
 *      SEL, USAD8, MRS/MSR, exclusives, LDRB/STRB/LDRH/STRH/LDRSB/LDRSH Rt,
 *      LDRD/STRD Rt2, LDM/STM Rn, BLX Rm, MCR/MCRR/MRRC Rt/Rt2, PLD/PLI Rm,
 *      PLDW Rn): UNDEFINED.
 *  U2  Should-be-zero / should-be-one fields ((0)/(1) in the encoding
 *      diagrams) with other values: UNDEFINED, as QEMU's decoder does. The
 *      exception is the hint space (MSR-immediate with mask 0), whose
 *      insn[11:8] is ignored (QEMU: NOP).
 *      In particular TST/TEQ/CMP/CMN with Rd != 0000 and MOV/MVN with
 *      Rn != 0000 are UNDEFINED.
 *  U3  Writeback with Rn = PC (every load/store, LDM/STM): UNDEFINED.
 *  U4  LDR/LDRB/LDRH/LDRSB/LDRSH and their T forms with writeback (or
 *      post-indexing) and Rn == Rt: the loaded value ends in the register
 *      (QEMU). STR/STRB/STRH and T forms with writeback and Rn == Rt store
 *      the value before writeback (QEMU).
 *  U5  LDRD/STRD with odd Rt, Rt = LR, P=0 W=1, writeback to Rt or Rt2;
 *      LDRD with Rm == Rt/Rt2: UNDEFINED.
 *  U6  LDRT/LDRBT/LDRHT/LDRSBT/LDRSHT with Rt = PC, STRBT/STRHT with Rt =
 *      PC, and every T form with Rn = PC: UNDEFINED. In Hyp mode
 *      (UNPREDICTABLE) they are ordinary accesses, as in QEMU.
 *  U7  LDM/STM with an empty list: UNDEFINED (QEMU too). LDM with
 *      writeback and Rn in the list: UNDEFINED (QEMU too). STM with
 *      writeback and Rn in the list but not lowest: the original Rn is
 *      stored (QEMU).
 *  U8  LDM^/STM^ (User registers) with writeback, and every ^ form in User
 *      mode: UNDEFINED. LDM^ with the PC in System mode (no SPSR):
 *      UNDEFINED. STM^/LDM^ without PC in System mode transfer the
 *      (identical) User registers. (In Hyp mode: UNDEFINED, architectural.)
 *  U9  Data processing with S and Rd = PC (SUBS PC, LR and related) in User
 *      or System mode: UNDEFINED (QEMU UNDEFs in User mode; System mode has
 *      no SPSR). (Hyp mode: UNDEFINED, architectural.)
 *  U10 UMULL/UMLAL/SMULL/SMLAL/UMAAL/SMLALxy/SMLALD/SMLSLD with RdHi ==
 *      RdLo: the register gets the high word (RdLo is written first), as
 *      in QEMU.
 *  U11 SMMLS{R} with Ra = PC: computes SMMUL{R}, as QEMU does.
 *  U12 BFI/BFC with msb < lsb, SBFX/UBFX with lsb + width > 32: UNDEFINED.
 *  U13 STREX* with Rd == Rn, Rd == Rt or Rd == Rt2; LDREXD/STREXD with odd Rt
 *      or Rt = LR: UNDEFINED (QEMU too).
 *  U14 MSR with mask 0000 (CPSR or SPSR, register or immediate): NOP, as
 *      QEMU. MRS/MSR of the SPSR in User or System mode: UNDEFINED.
 *  U15 MRS/MSR (banked register) with a SYSm that is UNPREDICTABLE for the
 *      current mode (cpu_banked_read/write decide), or in User mode:
 *      UNDEFINED.
 *  U16 CPS with imod = 01, imod<1> = 1 and no A/I/F, imod<1> = 0 with
 *      A/I/F, M = 0 with a mode, or imod = 00 with M = 0: UNDEFINED. A mode
 *      change CPS/MSR may not make leaves the mode unchanged (cpu.c).
 *  U17 SRS in User or System mode, to Hyp mode or an invalid mode number,
 *      or to Monitor mode from Non-secure state: UNDEFINED (QEMU too). RFE
 *      in User mode: UNDEFINED.
 *  U18 BKPT, HVC with cond != 1110 (UNPREDICTABLE): executed conditionally,
 *      as QEMU does.
 *  U19 ERET in User or System mode: UNDEFINED (cpu.c).
 *  U20 MCR with Rt = PC, MCRR/MRRC with Rt or Rt2 = PC, MRRC with Rt == Rt2:
 *      UNDEFINED. MRC with Rt = PC is the APSR_nzcv form (architectural;
 *      the coprocessor decides).
 *  U21 The UNPREDICTABLE rows of the unconditional space (1010011,
 *      1011x11, 11xxx11 with op2 even, barrier/CLREX options 0000, 001x,
 *      0111, 1xxx) and PLDW (immediate) with Rn = PC: UNDEFINED.
 *  U22 MRS CPSR in User mode reads the CPSR with the execution-state bits
 *      masked, as in the other modes (the non-APSR bits are UNKNOWN).
 *  U23 LDR PC / LDM PC / BX to an ARM address with bit 1 set, and
 *      exception return to an unaligned ARM address: the PC is aligned
 *      (cpu.c).
 *  U24 Coprocessor instructions for CP10/CP11 (VFP) and the Advanced SIMD
 *      spaces of the unconditional encodings: decoded by vfp.c and neon*.c,
 *      whose own choices are listed there (V1-V9 in vfp.c).
 *
 * Not a choice but worth knowing when comparing with QEMU 7.2: the
 * "unallocated memory hint" rows (100x001, 110x001 with op2 even) are
 * NOPs (A5.7.1 says "treat as NOP"); QEMU UNDEFs them. SWP/SWPB are
 * UNDEFINED on these cores (ID_ISAR0.Swap_instrs = 0); QEMU executes them.
 */
#include "cpu/a32_internal.h"
#include "cpu/fp.h"

static inline bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* ---------------------------------------------------------------- */
/* data processing (A5.2.1, A5.2.2, A5.2.3)                          */

/* TST/TEQ/CMP/CMN have (0)(0)(0)(0) for Rd, MOV/MVN for Rn (U2). */
static inline bool dp_sbz_ok(unsigned op, uint32_t insn)
{
	if (op >= DP_TST && op <= DP_CMN)
		return A32_RD(insn) == 0;
	if (op == DP_MOV || op == DP_MVN)
		return A32_RN(insn) == 0;
	return true;
}

/* <opc>{S}<c> <Rd>, <Rn>, <Rm>{, <shift>} — AND (A8.8.14) … MVN (A8.8.116)
 * register forms, including MOV (register), LSL/LSR/ASR/ROR (immediate) and
 * RRX, which are MOV with a shift (A8.8.105, A8.8.95 …). */
static enum exec_result exec_DP_reg(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned imm5 = (insn >> 7) & 31, type = (insn >> 5) & 3;
	uint32_t m = cpu_reg_read(cpu, A32_RM(insn));
	bool c = carry_flag(cpu);

	if (!dp_sbz_ok(op, insn))
		return a32_unpredictable(cpu);
	if (imm5 | type) {
		unsigned amount;
		enum shift_type t = alu_decode_imm_shift(type, imm5, &amount);
		m = alu_shift_c(m, t, amount, c, &c);
	}
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), A32_RD(insn),
		      cpu_reg_read(cpu, A32_RN(insn)), m, c);
}

/* <opc>{S}<c> <Rd>, <Rn>, <Rm>, <type> <Rs> — the register-shifted
 * register forms (A8.8.3 ADC … A8.8.117 MVN), and LSL/LSR/ASR/ROR
 * (register). The shift amount is Rs<7:0>: 0 keeps C, 32 and more follow
 * Shift_C's extension. */
static enum exec_result exec_DP_rsr(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned rd = A32_RD(insn), rn = A32_RN(insn), rm = A32_RM(insn);
	unsigned rs = A32_RS(insn);
	bool c = carry_flag(cpu);

	if (!dp_sbz_ok(op, insn) || rd == 15 || rn == 15 || rm == 15 ||
	    rs == 15)
		return a32_unpredictable(cpu);
	uint32_t m = alu_shift_c(cpu->r[rm], (enum shift_type)((insn >> 5) & 3),
				 cpu->r[rs] & 0xff, c, &c);
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), rd, cpu->r[rn],
		      m, c);
}

/* <opc>{S}<c> <Rd>, <Rn>, #<const> — immediate forms (A8.8.1 ADC … ), ADR
 * (A8.8.12) is ADD/SUB with Rn = PC. ARMExpandImm_C gives the carry. */
static enum exec_result exec_DP_imm(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	bool c;
	uint32_t m = alu_arm_expand_imm_c(insn & 0xfff, carry_flag(cpu), &c);

	if (!dp_sbz_ok(op, insn))
		return a32_unpredictable(cpu);
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), A32_RD(insn),
		      cpu_reg_read(cpu, A32_RN(insn)), m, c);
}

/* MOVW<c> <Rd>, #<imm16> (A8.8.102) / MOVT<c> <Rd>, #<imm16> (A8.8.106) */
static enum exec_result exec_MOVW_MOVT(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	uint32_t imm16 = ((insn >> 4) & 0xf000) | (insn & 0xfff);
	if (rd == 15)
		return a32_unpredictable(cpu);
	if (A32_BIT(insn, 22))
		cpu->r[rd] = (cpu->r[rd] & 0xffff) | (imm16 << 16);
	else
		cpu->r[rd] = imm16;
	return EXEC_OK;
}

/* MSR<c> <spec_reg>, #<const> (A8.8.110 / B9.3.11) and the hints
 * NOP/YIELD/WFE/WFI/SEV/DBG (A8.8.119 …), op1 = 10x10 with I = 1. */
static enum exec_result exec_MSR_imm_hints(struct cpu *cpu, uint32_t insn)
{
	bool r = A32_BIT(insn, 22);
	unsigned mask = A32_RN(insn);

	if (A32_RD(insn) != 15) /* (1)(1)(1)(1) */
		return a32_unpredictable(cpu);
	if (!r && mask == 0)
		return ops_hint(cpu, insn & 0xff);
	if (mask == 0) /* U14 */
		return EXEC_OK;
	return ops_msr(cpu, r, mask,
		       alu_ror(insn & 0xff, ((insn >> 8) & 15) * 2));
}

/* ---------------------------------------------------------------- */
/* miscellaneous (A5.2.12), saturating add/subtract (A5.2.6)         */

static enum exec_result exec_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 3, op2 = (insn >> 4) & 7;
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	bool r = A32_BIT(insn, 22);

	switch (op2) {
	case 0:
		if (A32_BIT(insn, 9)) {
			/* MRS<c> <Rd>, <banked_reg> (B9.3.9)
			 * MSR<c> <banked_reg>, <Rn> (B9.3.10) */
			unsigned sysm = (A32_BIT(insn, 8) << 4) | rn;
			if (insn & 0xc00)
				return a32_unpredictable(cpu);
			if (op & 1) {
				if (rd != 15 || rm == 15)
					return a32_unpredictable(cpu);
				return ops_msr_banked(cpu, r, sysm, rm);
			}
			if (rm != 0 || rd == 15)
				return a32_unpredictable(cpu);
			return ops_mrs_banked(cpu, rd, r, sysm);
		}
		if (op & 1) {
			/* MSR<c> <spec_reg>, <Rn> (A8.8.111 / B9.3.12) */
			if (rd != 15 || (insn & 0xf00) || rm == 15)
				return a32_unpredictable(cpu);
			if (rn == 0) /* mask 0000, U14 */
				return EXEC_OK;
			return ops_msr(cpu, r, rn, cpu->r[rm]);
		}
		/* MRS<c> <Rd>, <spec_reg> (A8.8.109 / B9.3.8) */
		if (rn != 15 || (insn & 0xf0f) || rd == 15)
			return a32_unpredictable(cpu);
		return ops_mrs(cpu, rd, r);
	case 1:
		if (op == 1) {
			/* BX<c> <Rm> (A8.8.27) */
			if ((insn & 0xfff00) != 0xfff00)
				return a32_unpredictable(cpu);
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, rm));
			return EXEC_OK;
		}
		if (op == 3) {
			/* CLZ<c> <Rd>, <Rm> (A8.8.33) */
			if (rn != 15 || A32_RS(insn) != 15 || rd == 15 ||
			    rm == 15)
				return a32_unpredictable(cpu);
			return ops_clz(cpu, rd, rm);
		}
		break;
	case 2:
		if (op == 1) {
			/* BXJ<c> <Rm> (A8.8.28): Jazelle is the trivial
			 * implementation on both cores (ID_PFR0.State2 = 0001,
			 * JMCR.JE RAZ), so BXJ is BX. */
			if ((insn & 0xfff00) != 0xfff00)
				return a32_unpredictable(cpu);
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, rm));
			return EXEC_OK;
		}
		break;
	case 3:
		if (op == 1) {
			/* BLX<c> <Rm> (A8.8.26) */
			if ((insn & 0xfff00) != 0xfff00 || rm == 15)
				return a32_unpredictable(cpu);
			uint32_t target = cpu->r[rm];
			cpu->r[14] = cpu->r[15] + 4;
			cpu_branch_interwork(cpu, target);
			return EXEC_OK;
		}
		break;
	case 5:
		/* QADD/QSUB/QDADD/QDSUB<c> <Rd>, <Rm>, <Rn> (A8.8.124, .131,
		 * .127, .128) */
		if ((insn & 0xf00) || rd == 15 || rn == 15 || rm == 15)
			return a32_unpredictable(cpu);
		return ops_qaddsub(cpu, (enum qadd_op)op, rd, rm, rn);
	case 6:
		if (op == 3) {
			/* ERET<c> (B9.3.3) */
			if ((insn & 0xfff0f) != 0xe)
				return a32_unpredictable(cpu);
			return cpu_eret(cpu);
		}
		break;
	case 7: {
		uint32_t imm16 = ((insn >> 4) & 0xfff0) | (insn & 0xf);
		if (op == 1) /* BKPT #<imm16> (A8.8.24) */
			return cpu_bkpt(cpu, imm16);
		if (op == 2) /* HVC #<imm16> (B9.3.4) */
			return cpu_hvc(cpu, imm16);
		if (op == 3) { /* SMC<c> #<imm4> (B9.3.14) */
			if (insn & 0xfff00)
				return a32_unpredictable(cpu);
			return cpu_smc(cpu);
		}
		break;
	}
	default:
		break;
	}
	return cpu_undefined(cpu);
}

/* Data-processing and miscellaneous instructions with insn[27:25] = 000
 * (A5.2). */
static enum exec_result exec_dp_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 31, op2 = (insn >> 4) & 15;
	bool misc_space = (op1 & 0x19) == 0x10; /* 10xx0 */

	if (!(op2 & 1)) {
		if (!misc_space)
			return exec_DP_reg(cpu, insn);
		if (op2 & 8)
			return a32_halfword_multiply(cpu, insn);
		return exec_misc(cpu, insn);
	}
	if (!(op2 & 8)) {
		if (misc_space)
			return exec_misc(cpu, insn);
		return exec_DP_rsr(cpu, insn);
	}
	if (op2 == 9)
		return (op1 & 0x10) ? a32_sync(cpu, insn)
				    : a32_multiply(cpu, insn);
	return a32_ldst_extra(cpu, insn);
}

/* Data-processing immediate, MOVW/MOVT, MSR (immediate) and hints:
 * insn[27:25] = 001. */
static enum exec_result exec_dp_imm_space(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 31;
	if ((op1 & 0x19) != 0x10)
		return exec_DP_imm(cpu, insn);
	if (op1 == 0x10 || op1 == 0x14)
		return exec_MOVW_MOVT(cpu, insn);
	if ((op1 & 0x1b) == 0x12)
		return exec_MSR_imm_hints(cpu, insn);
	return cpu_undefined(cpu);
}

/* ---------------------------------------------------------------- */
/* branches (A5.5)                                                   */

/* B<c> <label> (A8.8.18) / BL<c> <label> (A8.8.25) */
static enum exec_result exec_B_BL(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6);
	uint32_t target = cpu->r[15] + 8 + imm32;
	if (A32_BIT(insn, 24))
		cpu->r[14] = cpu->r[15] + 4;
	cpu_branch(cpu, target);
	return EXEC_OK;
}

/* BLX <label> (A8.8.25, encoding A2): to Thumb, H gives bit 1. */
static enum exec_result exec_BLX_imm(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6) |
			 (A32_BIT(insn, 24) << 1);
	uint32_t target = cpu->r[15] + 8 + imm32;
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch_interwork(cpu, target | 1);
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* coprocessor instructions and SVC (A5.6)                           */

/* MCR/MRC{2}<c> <coproc>, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>} (A8.8.98,
 * A8.8.108), MCRR/MRRC{2} (A8.8.99, A8.8.109), LDC/STC{2} (A8.8.56,
 * A8.8.119), CDP{2} (A8.8.28): the coprocessor decides (UNDEFINED or a Hyp
 * trap included). */
static enum exec_result exec_coproc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 63, coproc = (insn >> 8) & 15;
	unsigned rt = A32_RD(insn), rt2 = A32_RN(insn);

	if ((op1 & 0x3e) == 0)
		return cpu_undefined(cpu);
	if ((coproc & 0xe) == 0xa) /* VFP (vfp.c) */
		return ((insn >> 25) & 7) == 6 ? vfp_ldst_or_64(cpu, insn)
						 : vfp_cdp_or_transfer(cpu, insn);
	if (op1 == 0x04 || op1 == 0x05) {
		bool read = op1 & 1;
		if (rt == 15 || rt2 == 15 || (read && rt == rt2))
			return a32_unpredictable(cpu);
		return cpu_coproc_rrt(cpu, coproc, read, (insn >> 4) & 15,
				      A32_RM(insn), rt, rt2);
	}
	if (!(op1 & 0x20) || !(insn & 0x10))
		return cpu_coproc_other(cpu, coproc); /* LDC, STC, CDP */
	bool read = op1 & 1;
	if (!read && rt == 15)
		return a32_unpredictable(cpu);
	return cpu_coproc_rt(cpu, coproc, read, (insn >> 21) & 7,
			     A32_RN(insn), A32_RM(insn), (insn >> 5) & 7, rt);
}

static enum exec_result exec_coproc_svc(struct cpu *cpu, uint32_t insn)
{
	/* SVC<c> #<imm24> (A8.8.228) */
	if ((insn & 0x0f000000) == 0x0f000000)
		return cpu_svc(cpu, insn & 0xffffff);
	return exec_coproc(cpu, insn);
}

/* ---------------------------------------------------------------- */
/* unconditional instructions (A5.7)                                 */

/* CPS<effect> <iflags>{, #<mode>} / CPS #<mode> (B9.3.2) */
static enum exec_result exec_CPS(struct cpu *cpu, uint32_t insn)
{
	unsigned imod = (insn >> 18) & 3, mode = insn & 31;
	bool m = A32_BIT(insn, 17);
	bool a = A32_BIT(insn, 8), i = A32_BIT(insn, 7), f = A32_BIT(insn, 6);
	bool any = a || i || f;

	if ((insn & 0xfe00) || (mode && !m) || ((imod & 2) && !any) ||
	    (!(imod & 2) && any) || (imod == 0 && !m) || imod == 1)
		return a32_unpredictable(cpu);
	return ops_cps(cpu, imod, a, i, f, m, mode);
}

/* PLD/PLDW/PLI (A8.8.126..A8.8.130) and the unallocated memory hints:
 * decoded, no effect (no access, so nothing can fault). */
static enum exec_result exec_preload(struct cpu *cpu, uint32_t insn,
				     bool reg_form, bool pldw)
{
	if (A32_RD(insn) != 15) /* (1)(1)(1)(1) */
		return a32_unpredictable(cpu);
	if (reg_form && A32_RM(insn) == 15)
		return a32_unpredictable(cpu);
	if (pldw && A32_RN(insn) == 15)
		return a32_unpredictable(cpu);
	return EXEC_OK;
}

/* Memory hints, Advanced SIMD, miscellaneous (A5.7.1): cond = 1111,
 * insn[27] = 0. */
static enum exec_result exec_uncond_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 0x7f, op2 = (insn >> 4) & 15;

	if (op1 == 0x10) {
		if (!A32_BIT(insn, 16) && !(op2 & 2))
			return exec_CPS(cpu, insn);
		if (A32_BIT(insn, 16) && op2 == 0) {
			/* SETEND <endian_specifier> (A8.8.152) */
			if ((insn & 0x000ffdff) != 0x00010000)
				return a32_unpredictable(cpu);
			return ops_setend(cpu, A32_BIT(insn, 9));
		}
		return cpu_undefined(cpu);
	}
	if ((op1 & 0x60) == 0x20) /* Advanced SIMD data processing */
		return vfp_neon_dp(cpu, insn);
	if ((op1 & 0x71) == 0x40) /* Advanced SIMD element load/store */
		return vfp_neon_ls(cpu, insn);
	if (op1 == 0x57) {
		/* CLREX (A8.8.32), DSB (A8.8.44), DMB (A8.8.43), ISB
		 * (A8.8.54); the option field is not checked: every value
		 * is a full-system barrier here. */
		if ((insn & 0x000fff00) != 0x000ff000)
			return a32_unpredictable(cpu);
		switch (op2) {
		case 1:
			if ((insn & 15) != 15)
				return a32_unpredictable(cpu);
			cpu_clear_exclusive(cpu);
			return EXEC_OK;
		case 4:
			cpu_barrier(cpu, BARRIER_DSB);
			return EXEC_OK;
		case 5:
			cpu_barrier(cpu, BARRIER_DMB);
			return EXEC_OK;
		case 6:
			cpu_barrier(cpu, BARRIER_ISB);
			return EXEC_OK;
		default:
			return a32_unpredictable(cpu); /* U21 */
		}
	}
	bool reg_form = op1 & 0x20;
	if (reg_form && (op2 & 1))
		return cpu_undefined(cpu);
	switch (op1 & 0x77) {
	case 0x41: /* unallocated memory hints: treat as NOP */
	case 0x61:
		return EXEC_OK;
	case 0x45: /* PLI */
	case 0x65:
	case 0x55: /* PLD */
	case 0x75:
		return exec_preload(cpu, insn, reg_form, false);
	case 0x51: /* PLDW */
	case 0x71:
		return exec_preload(cpu, insn, reg_form, true);
	default:
		/* 1010011, 1011x11, 11xxx11: UNPREDICTABLE (U21); the rest,
		 * UDF 1111111/1111 included, UNDEFINED */
		return cpu_undefined(cpu);
	}
}

static enum exec_result exec_uncond(struct cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 0xff;

	if (!(op1 & 0x80))
		return exec_uncond_misc(cpu, insn);
	switch (op1 >> 5) {
	case 4:
		if ((op1 & 5) == 4) {
			/* SRS{<amode>} SP{!}, #<mode> (B9.3.16) */
			if ((insn & 0x000fffe0) != 0x000d0500)
				return a32_unpredictable(cpu);
			return ops_srs(cpu, insn & 31, A32_BIT(insn, 23),
				       A32_BIT(insn, 24), A32_BIT(insn, 21));
		}
		if ((op1 & 5) == 1) {
			/* RFE{<amode>} <Rn>{!} (B9.3.13) */
			if ((insn & 0xffff) != 0x0a00 || A32_RN(insn) == 15)
				return a32_unpredictable(cpu);
			return ops_rfe(cpu, A32_RN(insn), A32_BIT(insn, 23),
				       A32_BIT(insn, 24), A32_BIT(insn, 21));
		}
		return cpu_undefined(cpu);
	case 5:
		return exec_BLX_imm(cpu, insn);
	case 6:
	case 7:
		/* LDC2/STC2/MCRR2/MRRC2/CDP2/MCR2/MRC2 (A8.8.*, encoding A2):
		 * these cores implement no coprocessor that accepts the "2"
		 * forms (CP14 and CP15 only have MCR/MRC/MCRR/MRRC, and LDC/STC
		 * for DBGDTR; B3.17.1, C6.2), and coproc 101x is UNDEFINED in
		 * this space: all UNDEFINED. */
		return cpu_undefined(cpu);
	default:
		return cpu_undefined(cpu);
	}
}

/* ---------------------------------------------------------------- */

enum exec_result a32_execute(struct cpu *cpu, uint32_t insn)
{
	unsigned cond = insn >> 28;

	if (cond != 0xe) {
		if (cond == 0xf)
			return exec_uncond(cpu, insn);
		if (!cpu_condition_passed(cpu, cond))
			return EXEC_OK;
	}
	switch ((insn >> 25) & 7) {
	case 0:
		return exec_dp_misc(cpu, insn);
	case 1:
		return exec_dp_imm_space(cpu, insn);
	case 2:
		return a32_ldst_word_byte(cpu, insn);
	case 3:
		if (insn & 0x10)
			return a32_media(cpu, insn);
		return a32_ldst_word_byte(cpu, insn);
	case 4:
		return a32_block(cpu, insn);
	case 5:
		return exec_B_BL(cpu, insn);
	default:
		return exec_coproc_svc(cpu, insn);
	}
}
