/* 32-bit Thumb branches and miscellaneous control (ARM DDI 0406C A6.3.4),
 * the coprocessor space (A6.3.18) and the DELEGATE lines of t32.def (the
 * Floating-point and Advanced SIMD spaces, A7): their handlers. The
 * UNPREDICTABLE choices are listed at the top of t32.c. */
#include "cpu/decode_table.h"
#include "cpu/fp.h"
#include "cpu/t32_internal.h"

/* I1 = NOT(J1 EOR S), I2 = NOT(J2 EOR S): the 25-bit offset of B T4, BL
 * and BLX (A8.8.18, A8.8.25). */
static uint32_t branch_imm25(uint32_t insn)
{
	uint32_t s = tbit(insn, 26);
	uint32_t i1 = !(tbit(insn, 13) ^ s), i2 = !(tbit(insn, 11) ^ s);
	uint32_t v = (s << 24) | (i1 << 23) | (i2 << 22) |
		     (tb(insn, 25, 16) << 12) | (tb(insn, 10, 0) << 1);
	return t32_sext(v, 25);
}

/* B<c>.W T3 (A8.8.18): not permitted in an IT block. */
enum exec_result t32_b_cond(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t insn = t->insn;

	if (t->in_it)
		return cpu_undefined(cpu);
	uint32_t v = (tbit(insn, 26) << 20) | (tbit(insn, 11) << 19) |
		     (tbit(insn, 13) << 18) | (tb(insn, 21, 16) << 12) |
		     (tb(insn, 10, 0) << 1);
	if (cpu_condition_passed(cpu, tb(insn, 25, 22)))
		cpu_branch(cpu, cpu_reg_read(cpu, 15) + t32_sext(v, 21));
	return EXEC_OK;
}

/* B.W T4 (A8.8.18). */
enum exec_result t32_b(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	cpu_branch(cpu, cpu_reg_read(cpu, 15) + branch_imm25(t->insn));
	return EXEC_OK;
}

/* BL T1 (A8.8.25): LR = next_instr_addr<31:1>:'1'. */
enum exec_result t32_bl(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t lr = cpu_reg_read(cpu, 15) | 1u;
	uint32_t target = cpu_reg_read(cpu, 15) + branch_imm25(t->insn);
	cpu->r[14] = lr;
	cpu_branch(cpu, target);
	return EXEC_OK;
}

/* BLX (immediate) T2 (A8.8.25): to ARM state at Align(PC, 4) + imm. */
enum exec_result t32_blx_imm(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t lr = cpu_reg_read(cpu, 15) | 1u;
	uint32_t target = t32_pc_aligned(cpu) + branch_imm25(t->insn);
	cpu->r[14] = lr;
	cpu_branch_interwork(cpu, target & ~3u);
	return EXEC_OK;
}

/* MSR (register) CPSR/SPSR (B9.3.12, A8.8.109): hw1<4> = R, hw2<11:8>
 * the mask. */
enum exec_result t32_msr(struct t32 *t)
{
	uint32_t insn = t->insn;
	return ops_msr(t->cpu, tbit(insn, 20), tb(insn, 11, 8),
		       cpu_reg_read(t->cpu, tb(insn, 19, 16)));
}

/* MSR (banked register), B9.3.10: SYSm = hw2<4>:hw2<11:8>. */
enum exec_result t32_msr_banked(struct t32 *t)
{
	uint32_t insn = t->insn;
	return ops_msr_banked(t->cpu, tbit(insn, 20),
			      (tbit(insn, 4) << 4) | tb(insn, 11, 8),
			      tb(insn, 19, 16));
}

/* MRS CPSR/SPSR (A8.8.107, B9.3.8); Rd = PC is UNPREDICTABLE,
 * UNDEFINED. */
enum exec_result t32_mrs(struct t32 *t)
{
	unsigned rd = tb(t->insn, 11, 8);
	if (rd == 15)
		return cpu_undefined(t->cpu);
	return ops_mrs(t->cpu, rd, tbit(t->insn, 20));
}

/* MRS (banked register), B9.3.9: SYSm = hw2<4>:hw1<3:0>. */
enum exec_result t32_mrs_banked(struct t32 *t)
{
	uint32_t insn = t->insn;
	unsigned rd = tb(insn, 11, 8);
	if (rd == 15)
		return cpu_undefined(t->cpu);
	return ops_mrs_banked(t->cpu, rd, tbit(insn, 20),
			      (tbit(insn, 4) << 4) | tb(insn, 19, 16));
}

/* NOP, YIELD, WFE, WFI, SEV, DBG and the unallocated hints (A6.3.4
 * "Change Processor State, and hints"): hw2<7:0>. */
enum exec_result t32_hint(struct t32 *t)
{
	return ops_hint(t->cpu, tb(t->insn, 7, 0));
}

/* CPS<effect>.W <iflags>{, #<mode>} / CPS #<mode> (B9.3.2): not
 * permitted in an IT block; imod = 01 is UNPREDICTABLE, UNDEFINED. */
enum exec_result t32_cps(struct t32 *t)
{
	uint32_t hw2 = t->insn & 0xffffu;
	unsigned imod = tb(hw2, 10, 9);

	if (t->in_it || imod == 1)
		return cpu_undefined(t->cpu);
	return ops_cps(t->cpu, imod, tbit(hw2, 7), tbit(hw2, 6), tbit(hw2, 5),
		       tbit(hw2, 8), tb(hw2, 4, 0));
}

/* CLREX, DSB, DMB, ISB (A6.3.4 "Miscellaneous control instructions").
 * The option field is ignored: every option is at least as strong as the
 * instruction-accurate model needs (A8.8.43: options other than SY may be
 * implemented as SY). */
enum exec_result t32_clrex(struct t32 *t)
{
	cpu_clear_exclusive(t->cpu);
	return EXEC_OK;
}

enum exec_result t32_dsb(struct t32 *t)
{
	cpu_barrier(t->cpu, BARRIER_DSB);
	return EXEC_OK;
}

enum exec_result t32_dmb(struct t32 *t)
{
	cpu_barrier(t->cpu, BARRIER_DMB);
	return EXEC_OK;
}

enum exec_result t32_isb(struct t32 *t)
{
	cpu_barrier(t->cpu, BARRIER_ISB);
	return EXEC_OK;
}

/* BXJ (A8.8.28): with the trivial Jazelle implementation of these cores
 * it is BX. (LEAVEX/ENTERX are ThumbEE, A9.3: hypsim executes no ThumbEE
 * state, and outside it LEAVEX is UNDEFINED anyway; their lines are
 * t32_undefined.) */
enum exec_result t32_bxj(struct t32 *t)
{
	cpu_branch_interwork(t->cpu, cpu_reg_read(t->cpu, tb(t->insn, 19, 16)));
	return EXEC_OK;
}

/* SUBS PC, LR, #imm8 (B9.3.20), imm8 != 0 (0 is ERET's line). */
enum exec_result t32_subs_pc_lr(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	enum exec_result r = ops_dp(cpu, DP_SUB, true, 15,
				    cpu_reg_read(cpu, 14), tb(t->insn, 7, 0),
				    false);
	if (r == EXEC_OK)
		t->it_written = true;
	return r;
}

/* ERET (B9.3.3). */
enum exec_result t32_eret(struct t32 *t)
{
	enum exec_result r = cpu_eret(t->cpu);
	if (r == EXEC_OK)
		t->it_written = true;
	return r;
}

/* HVC (B9.3.4): not permitted in an IT block. */
enum exec_result t32_hvc(struct t32 *t)
{
	if (t->in_it)
		return cpu_undefined(t->cpu);
	return cpu_hvc(t->cpu,
		       (tb(t->insn, 19, 16) << 12) | tb(t->insn, 11, 0));
}

/* SMC (B9.3.14). */
enum exec_result t32_smc(struct t32 *t)
{
	return cpu_smc(t->cpu);
}

/* ---- A6.3.18: coprocessor instructions (coproc hw2<11:8>; CP10/CP11
 * are the DELEGATE lines below). The "2" forms are t32_undefined: CP14
 * and CP15 have none and no other coprocessor exists on these cores. */

/* MCRR, MRRC (A8.8.100, A8.8.110). */
enum exec_result t32_mcrr_mrrc(struct t32 *t)
{
	uint32_t insn = t->insn;
	return cpu_coproc_rrt(t->cpu, tb(insn, 11, 8), tbit(insn, 20),
			      tb(insn, 7, 4), tb(insn, 3, 0), tb(insn, 15, 12),
			      tb(insn, 19, 16));
}

/* LDC, STC (A8.8.57, A8.8.199): the coprocessor decides. */
enum exec_result t32_ldc_stc(struct t32 *t)
{
	return cpu_coproc_other(t->cpu, tb(t->insn, 11, 8));
}

/* CDP (A8.8.31). */
enum exec_result t32_cdp(struct t32 *t)
{
	return cpu_coproc_other(t->cpu, tb(t->insn, 11, 8));
}

/* MCR, MRC (A8.8.99, A8.8.108). */
enum exec_result t32_mcr_mrc(struct t32 *t)
{
	uint32_t insn = t->insn;
	return cpu_coproc_rt(t->cpu, tb(insn, 11, 8), tbit(insn, 20),
			     tb(insn, 23, 21), tb(insn, 19, 16), tb(insn, 3, 0),
			     tb(insn, 7, 5), tb(insn, 15, 12));
}

/* ---- the DELEGATE lines: the encoding in its A32 form
 * (decode_table_translate) to the Floating-point and Advanced SIMD
 * execute entry points, which look it up in vfp.def or neon.def. */

static uint32_t a32_form(const struct t32 *t)
{
	const struct decode_entry *e = t->entry;
	if (!e) /* see t32_predecode.c's t32_lines */
		e = decode_table_lookup_local(DECODE_T32, t->insn);
	return decode_table_translate(DECODE_T32, t->insn, e);
}

/* CP10/CP11 data processing and register transfers (A7.5, A7.8). */
enum exec_result t32_delegate_VFP_cdp_xfer(struct t32 *t)
{
	return vfp_cdp_or_transfer(t->cpu, a32_form(t));
}

/* CP10/CP11 loads/stores and 64-bit transfers (A7.6, A7.9). */
enum exec_result t32_delegate_VFP_ldst_64(struct t32 *t)
{
	return vfp_ldst_or_64(t->cpu, a32_form(t));
}

/* Advanced SIMD data processing (A7.4). */
enum exec_result t32_delegate_NEON_dp(struct t32 *t)
{
	return vfp_neon_dp(t->cpu, a32_form(t));
}

/* Advanced SIMD element or structure loads/stores (A7.7). */
enum exec_result t32_delegate_NEON_ls(struct t32 *t)
{
	return vfp_neon_ls(t->cpu, a32_form(t));
}
