/* A32 (ARM state) decoder of ARMv7-A as the Cortex-A15 and Cortex-A7
 * implement it: ARM DDI 0406C chapter A5 (encodings), A8 (instructions),
 * B9 (system instructions). This file holds the table dispatch, data
 * processing, the miscellaneous and system instructions, branches,
 * coprocessor instructions and the unconditional space; a32_ldst.c and
 * a32_media.c the rest. The semantics shared with T32 are in ops.c.
 *
 * Decode is the table a32.def (decode_table.h): a32_decode looks the
 * encoding up (decode_table_lookup_local, a bucketed mask/value match),
 * applies the should-be-zero/one policy (U2) to the winning line's (0)/(1)
 * bits and returns the line's position in a32.def; a32_handlers[] is built
 * from the same file's handler column, so the line's handler runs with
 * the encoding and only extracts its fields and applies the per-operand
 * UNPREDICTABLE rules below (nothing re-decides which instruction it is).
 * DELEGATE lines dispatch to the Floating-point and Advanced SIMD entry
 * points (vfp.c, neon*.c), which look the encoding up in vfp.def or
 * neon.def the same way.
 * The decoded-instruction cache (a32_predecode.c) calls a32_decode once
 * per encoding and keeps the handler's index.
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
#include "cpu/decode_table.h"
#include "cpu/fp.h"

static inline bool carry_flag(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_C) != 0;
}

/* ---------------------------------------------------------------- */
/* data processing (A5.2.1, A5.2.2, A5.2.3); the (0)(0)(0)(0) Rd of
 * TST/TEQ/CMP/CMN and Rn of MOV/MVN are the table's (U2)             */

/* <opc>{S}<c> <Rd>, <Rn>, <Rm>{, <shift>} — AND (A8.8.14) … MVN (A8.8.116)
 * register forms, including MOV (register), LSL/LSR/ASR/ROR (immediate) and
 * RRX, which are MOV with a shift (A8.8.105, A8.8.95 …). */
enum exec_result a32_DP_reg(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned imm5 = (insn >> 7) & 31, type = (insn >> 5) & 3;
	uint32_t m = cpu_reg_read(cpu, A32_RM(insn));
	bool c = carry_flag(cpu);

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
enum exec_result a32_DP_rsr(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	unsigned rd = A32_RD(insn), rn = A32_RN(insn), rm = A32_RM(insn);
	unsigned rs = A32_RS(insn);
	bool c = carry_flag(cpu);

	if (rd == 15 || rn == 15 || rm == 15 || rs == 15)
		return a32_unpredictable(cpu);
	uint32_t m = alu_shift_c(cpu->r[rm], (enum shift_type)((insn >> 5) & 3),
				 cpu->r[rs] & 0xff, c, &c);
	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), rd,
			   cpu->r[rn], m, c);
}

/* <opc>{S}<c> <Rd>, <Rn>, #<const> — immediate forms (A8.8.1 ADC … ), ADR
 * (A8.8.12) is ADD/SUB with Rn = PC. ARMExpandImm_C gives the carry. */
enum exec_result a32_DP_imm(struct cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 15;
	bool c;
	uint32_t m = alu_arm_expand_imm_c(insn & 0xfff, carry_flag(cpu), &c);

	return ops_dp_fast(cpu, (enum dp_op)op, A32_BIT(insn, 20), A32_RD(insn),
		      cpu_reg_read(cpu, A32_RN(insn)), m, c);
}

/* MOVW<c> <Rd>, #<imm16> (A8.8.102) */
enum exec_result a32_MOVW(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	if (rd == 15)
		return a32_unpredictable(cpu);
	cpu->r[rd] = ((insn >> 4) & 0xf000) | (insn & 0xfff);
	return EXEC_OK;
}

/* MOVT<c> <Rd>, #<imm16> (A8.8.106) */
enum exec_result a32_MOVT(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	uint32_t imm16 = ((insn >> 4) & 0xf000) | (insn & 0xfff);
	if (rd == 15)
		return a32_unpredictable(cpu);
	cpu->r[rd] = (cpu->r[rd] & 0xffff) | (imm16 << 16);
	return EXEC_OK;
}

/* MSR<c> <spec_reg>, #<const> (A8.8.110 / B9.3.11); with R = 0 and mask
 * 0000 the table gives the hints instead. */
enum exec_result a32_MSR_imm(struct cpu *cpu, uint32_t insn)
{
	unsigned mask = A32_RN(insn);

	if (mask == 0) /* U14 */
		return EXEC_OK;
	return ops_msr(cpu, A32_BIT(insn, 22), mask,
		       alu_ror(insn & 0xff, ((insn >> 8) & 15) * 2));
}

/* NOP<c>, YIELD<c>, DBG<c> #<option> (A8.8.119, A8.8.300, A8.8.42) and
 * the unallocated hints of A5.2.11, which execute as NOP. */
enum exec_result a32_NOP(struct cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return EXEC_OK;
}

/* WFE<c> (A8.8.424), WFI<c> (A8.8.425), SEV<c> (A8.8.168) */
enum exec_result a32_WFE(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_wfe(cpu);
}

enum exec_result a32_WFI(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_wfi(cpu);
}

enum exec_result a32_SEV(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	cpu_sev(cpu);
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* miscellaneous (A5.2.12), saturating add/subtract (A5.2.6)         */

/* MRS<c> <Rd>, <spec_reg> (A8.8.109 / B9.3.8) */
enum exec_result a32_MRS(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	if (rd == 15)
		return a32_unpredictable(cpu);
	return ops_mrs(cpu, rd, A32_BIT(insn, 22));
}

/* MRS<c> <Rd>, <banked_reg> (B9.3.9) */
enum exec_result a32_MRS_banked(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn);
	unsigned sysm = (A32_BIT(insn, 8) << 4) | A32_RN(insn);
	if (rd == 15)
		return a32_unpredictable(cpu);
	return ops_mrs_banked(cpu, rd, A32_BIT(insn, 22), sysm);
}

/* MSR<c> <spec_reg>, <Rn> (A8.8.111 / B9.3.12) */
enum exec_result a32_MSR_reg(struct cpu *cpu, uint32_t insn)
{
	unsigned rm = A32_RM(insn), mask = A32_RN(insn);
	if (rm == 15)
		return a32_unpredictable(cpu);
	if (mask == 0) /* U14 */
		return EXEC_OK;
	return ops_msr(cpu, A32_BIT(insn, 22), mask, cpu->r[rm]);
}

/* MSR<c> <banked_reg>, <Rn> (B9.3.10) */
enum exec_result a32_MSR_banked(struct cpu *cpu, uint32_t insn)
{
	unsigned rm = A32_RM(insn);
	unsigned sysm = (A32_BIT(insn, 8) << 4) | A32_RN(insn);
	if (rm == 15)
		return a32_unpredictable(cpu);
	return ops_msr_banked(cpu, A32_BIT(insn, 22), sysm, rm);
}

/* BX<c> <Rm> (A8.8.27); BXJ<c> <Rm> (A8.8.28): Jazelle is the trivial
 * implementation on both cores (ID_PFR0.State2 = 0001, JMCR.JE RAZ), so
 * BXJ is BX and shares this handler. */
enum exec_result a32_BX(struct cpu *cpu, uint32_t insn)
{
	cpu_branch_interwork(cpu, cpu_reg_read(cpu, A32_RM(insn)));
	return EXEC_OK;
}

/* BLX<c> <Rm> (A8.8.26) */
enum exec_result a32_BLX_reg(struct cpu *cpu, uint32_t insn)
{
	unsigned rm = A32_RM(insn);
	if (rm == 15)
		return a32_unpredictable(cpu);
	uint32_t target = cpu->r[rm];
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch_interwork(cpu, target);
	return EXEC_OK;
}

/* CLZ<c> <Rd>, <Rm> (A8.8.33) */
enum exec_result a32_CLZ(struct cpu *cpu, uint32_t insn)
{
	unsigned rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_clz(cpu, rd, rm);
}

/* QADD/QSUB/QDADD/QDSUB<c> <Rd>, <Rm>, <Rn> (A8.8.124, .131, .127, .128):
 * insn[22:21] is enum qadd_op. */
enum exec_result a32_QADDSUB(struct cpu *cpu, uint32_t insn)
{
	unsigned rn = A32_RN(insn), rd = A32_RD(insn), rm = A32_RM(insn);
	if (rd == 15 || rn == 15 || rm == 15)
		return a32_unpredictable(cpu);
	return ops_qaddsub(cpu, (enum qadd_op)((insn >> 21) & 3), rd, rm, rn);
}

/* ERET<c> (B9.3.3) */
enum exec_result a32_ERET(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_eret(cpu);
}

static inline uint32_t imm16_misc(uint32_t insn)
{
	return ((insn >> 4) & 0xfff0) | (insn & 0xf);
}

/* BKPT #<imm16> (A8.8.24) */
enum exec_result a32_BKPT(struct cpu *cpu, uint32_t insn)
{
	return cpu_bkpt(cpu, imm16_misc(insn));
}

/* HVC #<imm16> (B9.3.4) */
enum exec_result a32_HVC(struct cpu *cpu, uint32_t insn)
{
	return cpu_hvc(cpu, imm16_misc(insn));
}

/* SMC<c> #<imm4> (B9.3.14) */
enum exec_result a32_SMC(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_smc(cpu);
}

/* ---------------------------------------------------------------- */
/* branches (A5.5)                                                   */

/* B<c> <label> (A8.8.18) */
enum exec_result a32_B(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6);
	cpu_branch(cpu, cpu->r[15] + 8 + imm32);
	return EXEC_OK;
}

/* BL<c> <label> (A8.8.25, encoding A1) */
enum exec_result a32_BL(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6);
	uint32_t target = cpu->r[15] + 8 + imm32;
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch(cpu, target);
	return EXEC_OK;
}

/* BLX <label> (A8.8.25, encoding A2): to Thumb, H gives bit 1. */
enum exec_result a32_BLX_imm(struct cpu *cpu, uint32_t insn)
{
	uint32_t imm32 = (uint32_t)((int32_t)(insn << 8) >> 6) |
			 (A32_BIT(insn, 24) << 1);
	uint32_t target = cpu->r[15] + 8 + imm32;
	cpu->r[14] = cpu->r[15] + 4;
	cpu_branch_interwork(cpu, target | 1);
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* coprocessor instructions and SVC (A5.6); CP10/CP11 are the DELEGATE
 * lines (vfp.c)                                                      */

/* SVC<c> #<imm24> (A8.8.228) */
enum exec_result a32_SVC(struct cpu *cpu, uint32_t insn)
{
	return cpu_svc(cpu, insn & 0xffffff);
}

/* LDC/STC<c> (A8.8.56, A8.8.119), CDP<c> (A8.8.28): the coprocessor
 * decides (UNDEFINED, or a Hyp trap). */
enum exec_result a32_COP_other(struct cpu *cpu, uint32_t insn)
{
	return cpu_coproc_other(cpu, (insn >> 8) & 15);
}

/* MCRR<c> / MRRC<c> <coproc>, <opc1>, <Rt>, <Rt2>, <CRm> (A8.8.99,
 * A8.8.109) */
enum exec_result a32_MCRR(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = A32_RD(insn), rt2 = A32_RN(insn);
	if (rt == 15 || rt2 == 15)
		return a32_unpredictable(cpu);
	return cpu_coproc_rrt(cpu, (insn >> 8) & 15, false, (insn >> 4) & 15,
			      A32_RM(insn), rt, rt2);
}

enum exec_result a32_MRRC(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = A32_RD(insn), rt2 = A32_RN(insn);
	if (rt == 15 || rt2 == 15 || rt == rt2)
		return a32_unpredictable(cpu);
	return cpu_coproc_rrt(cpu, (insn >> 8) & 15, true, (insn >> 4) & 15,
			      A32_RM(insn), rt, rt2);
}

/* MCR<c> / MRC<c> <coproc>, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>}
 * (A8.8.98, A8.8.108); MRC with Rt = PC is the APSR_nzcv form (the
 * coprocessor decides). */
enum exec_result a32_MCR(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = A32_RD(insn);
	if (rt == 15)
		return a32_unpredictable(cpu);
	return cpu_coproc_rt(cpu, (insn >> 8) & 15, false, (insn >> 21) & 7,
			     A32_RN(insn), A32_RM(insn), (insn >> 5) & 7, rt);
}

enum exec_result a32_MRC(struct cpu *cpu, uint32_t insn)
{
	return cpu_coproc_rt(cpu, (insn >> 8) & 15, true, (insn >> 21) & 7,
			     A32_RN(insn), A32_RM(insn), (insn >> 5) & 7,
			     A32_RD(insn));
}

/* ---------------------------------------------------------------- */
/* unconditional instructions (A5.7)                                 */

/* CPS<effect> <iflags>{, #<mode>} / CPS #<mode> (B9.3.2) */
enum exec_result a32_CPS(struct cpu *cpu, uint32_t insn)
{
	unsigned imod = (insn >> 18) & 3, mode = insn & 31;
	bool m = A32_BIT(insn, 17);
	bool a = A32_BIT(insn, 8), i = A32_BIT(insn, 7), f = A32_BIT(insn, 6);
	bool any = a || i || f;

	if ((mode && !m) || ((imod & 2) && !any) || (!(imod & 2) && any) ||
	    (imod == 0 && !m) || imod == 1)
		return a32_unpredictable(cpu);
	return ops_cps(cpu, imod, a, i, f, m, mode);
}

/* SETEND <endian_specifier> (A8.8.152) */
enum exec_result a32_SETEND(struct cpu *cpu, uint32_t insn)
{
	return ops_setend(cpu, A32_BIT(insn, 9));
}

/* PLD/PLDW/PLI (A8.8.126..A8.8.130) and the unallocated memory hints
 * (a32_NOP): decoded, no effect (no access, so nothing can fault). PLDW
 * is PLD with R = 0. */
enum exec_result a32_PLI_imm(struct cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return EXEC_OK;
}

enum exec_result a32_PLD_imm(struct cpu *cpu, uint32_t insn)
{
	if (!A32_BIT(insn, 22) && A32_RN(insn) == 15) /* PLDW (literal) */
		return a32_unpredictable(cpu);
	return EXEC_OK;
}

enum exec_result a32_PLI_reg(struct cpu *cpu, uint32_t insn)
{
	if (A32_RM(insn) == 15)
		return a32_unpredictable(cpu);
	return EXEC_OK;
}

enum exec_result a32_PLD_reg(struct cpu *cpu, uint32_t insn)
{
	if (A32_RM(insn) == 15 || (!A32_BIT(insn, 22) && A32_RN(insn) == 15))
		return a32_unpredictable(cpu);
	return EXEC_OK;
}

/* CLREX (A8.8.32) */
enum exec_result a32_CLREX(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	cpu_clear_exclusive(cpu);
	return EXEC_OK;
}

/* DSB (A8.8.44), DMB (A8.8.43), ISB (A8.8.54): the option field is not
 * checked, every value is a full-system barrier here. */
enum exec_result a32_DSB(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	cpu_barrier(cpu, BARRIER_DSB);
	return EXEC_OK;
}

enum exec_result a32_DMB(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	cpu_barrier(cpu, BARRIER_DMB);
	return EXEC_OK;
}

enum exec_result a32_ISB(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	cpu_barrier(cpu, BARRIER_ISB);
	return EXEC_OK;
}

/* SRS{<amode>} SP{!}, #<mode> (B9.3.16) */
enum exec_result a32_SRS(struct cpu *cpu, uint32_t insn)
{
	return ops_srs(cpu, insn & 31, A32_BIT(insn, 23), A32_BIT(insn, 24),
		       A32_BIT(insn, 21));
}

/* RFE{<amode>} <Rn>{!} (B9.3.13) */
enum exec_result a32_RFE(struct cpu *cpu, uint32_t insn)
{
	if (A32_RN(insn) == 15)
		return a32_unpredictable(cpu);
	return ops_rfe(cpu, A32_RN(insn), A32_BIT(insn, 23), A32_BIT(insn, 24),
		       A32_BIT(insn, 21));
}

/* The lines that are allocated but UNDEFINED on these cores (ENDS_UNDEF:
 * SWP/SWPB, UDF, coprocessor op1 = 00000x, the "2" coprocessor forms —
 * no coprocessor of these cores accepts them: CP14 and CP15 have only
 * MCR/MRC/MCRR/MRRC and LDC/STC for DBGDTR, B3.17.1, C6.2), and the
 * unallocated encodings and (0)/(1) violations (a32_decode). */
enum exec_result a32_UNDEFINED(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_undefined(cpu);
}

/* ---------------------------------------------------------------- */
/* the dispatch (a32.def)                                            */

/* A DELEGATE line hands the encoding to the Floating-point or Advanced
 * SIMD entry point, which looks it up in vfp.def or neon.def. */
#define a32_via_VFP_cdp_xfer vfp_cdp_or_transfer
#define a32_via_VFP_ldst_64 vfp_ldst_or_64
#define a32_via_NEON_dp vfp_neon_dp
#define a32_via_NEON_ls vfp_neon_ls

/* [i]: the handler of line i of a32.def (its decode_entry's index);
 * [A32_UNDEF_INDEX]: UNDEFINED. */
const a32_handler a32_handlers[] = {
#define DECODE_DEF "cpu/a32.def"
#define DECODE_DELEGATE(n) a32_via_##n
#include "cpu/decode_handlers.h"
	a32_UNDEFINED,
};

_Static_assert(sizeof a32_handlers / sizeof a32_handlers[0] ==
		       A32_UNDEF_INDEX + 1,
	       "A32_UNDEF_INDEX is the number of lines of a32.def");

unsigned a32_decode(uint32_t insn)
{
	const struct decode_entry *e =
		decode_table_lookup_local(DECODE_A32, insn);
	if (!e)
		return A32_UNDEF_INDEX; /* unallocated */
	/* U2: a (0)/(1) bit with the other value is UNDEFINED, except
	 * insn[11:8] of the hint space (MSR (immediate) with R = 0 and mask
	 * 0000, A5.2.11), which is ignored. */
	uint32_t bad = (insn & e->sbz) | (~insn & e->sbo);
	if (__builtin_expect(bad != 0, 0) &&
	    ((insn & 0x0fff0000u) != 0x03200000u || (bad & ~0x00000f00u)))
		return A32_UNDEF_INDEX;
	return e->index;
}

enum exec_result a32_execute(struct cpu *cpu, uint32_t insn)
{
	unsigned cond = insn >> 28;

	if (cond < 0xe && !cpu_condition_passed(cpu, cond))
		return EXEC_OK;
	return a32_handlers[a32_decode(insn)](cpu, insn);
}
