/* 32-bit Thumb branches and miscellaneous control (ARM DDI 0406C A6.3.4)
 * and the coprocessor space (A6.3.18). The UNPREDICTABLE choices are
 * listed at the top of t32.c. */
#include "cpu/fp.h"
#include "cpu/t32_old.h"

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

/* CPS T2, hints (A6.3.4 "Change Processor State, and hints"). */
static enum exec_result cps_hints(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw2 = t->insn & 0xffffu;
	unsigned imod = tb(hw2, 10, 9);

	if (tb(hw2, 10, 8) == 0)
		return ops_hint(cpu, tb(hw2, 7, 0));
	/* CPS<effect>.W <iflags>{, #<mode>} / CPS #<mode> (B9.3.2) */
	if (t->in_it || imod == 1)
		return cpu_undefined(cpu); /* UNPREDICTABLE, see t32.c */
	return ops_cps(cpu, imod, tbit(hw2, 7), tbit(hw2, 6), tbit(hw2, 5),
		       tbit(hw2, 8), tb(hw2, 4, 0));
}

/* CLREX, DSB, DMB, ISB (A6.3.4 "Miscellaneous control instructions").
 * The option field is ignored: every option is at least as strong as the
 * instruction-accurate model needs (A8.8.43: options other than SY may be
 * implemented as SY). */
static enum exec_result misc_control(struct t32 *t)
{
	switch (tb(t->insn, 7, 4)) {
	case 2:
		cpu_clear_exclusive(t->cpu);
		return EXEC_OK;
	case 4:
		cpu_barrier(t->cpu, BARRIER_DSB);
		return EXEC_OK;
	case 5:
		cpu_barrier(t->cpu, BARRIER_DMB);
		return EXEC_OK;
	case 6:
		cpu_barrier(t->cpu, BARRIER_ISB);
		return EXEC_OK;
	default:
		/* 0000 LEAVEX / 0001 ENTERX are ThumbEE (A9.3); hypsim
		 * executes no ThumbEE state, and outside it LEAVEX is
		 * UNDEFINED anyway. The rest is unallocated. */
		return cpu_undefined(t->cpu);
	}
}

/* A6.3.4: branches and miscellaneous control. */
enum exec_result t32old_exec_branch_misc(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t insn = t->insn, hw1 = insn >> 16;
	unsigned op = tb(hw1, 10, 4), op1 = tb(insn, 14, 12);

	if ((op1 & 5) == 0) { /* op1 = 0x0 */
		if ((op & 0x38) != 0x38) {
			/* B<c>.W T3 (A8.8.18) */
			if (t->in_it)
				return cpu_undefined(cpu);
			uint32_t v = (tbit(insn, 26) << 20) |
				     (tbit(insn, 11) << 19) |
				     (tbit(insn, 13) << 18) |
				     (tb(insn, 21, 16) << 12) |
				     (tb(insn, 10, 0) << 1);
			if (cpu_condition_passed(cpu, tb(hw1, 9, 6)))
				cpu_branch(cpu, cpu_reg_read(cpu, 15) +
							t32_sext(v, 21));
			return EXEC_OK;
		}
		switch (op) {
		case 0x38: /* MSR (register) CPSR (B9.3.12, A8.8.109) */
		case 0x39: /* MSR (register) SPSR */
			if (tbit(insn, 5)) /* MSR (banked register), B9.3.10 */
				return ops_msr_banked(
					cpu, tbit(hw1, 4),
					(tbit(insn, 4) << 4) | tb(insn, 11, 8),
					tb(hw1, 3, 0));
			return ops_msr(cpu, tbit(hw1, 4), tb(insn, 11, 8),
				       cpu_reg_read(cpu, tb(hw1, 3, 0)));
		case 0x3a:
			return cps_hints(t);
		case 0x3b:
			return misc_control(t);
		case 0x3c: /* BXJ (A8.8.28): with the trivial Jazelle
			    * implementation of these cores it is BX */
			cpu_branch_interwork(cpu, cpu_reg_read(cpu, tb(hw1, 3, 0)));
			return EXEC_OK;
		case 0x3d: { /* SUBS PC, LR, #imm8 (B9.3.20); ERET = #0 */
			enum exec_result r;
			uint32_t imm8 = tb(insn, 7, 0);
			if (imm8 == 0)
				r = cpu_eret(cpu);
			else
				r = ops_dp(cpu, DP_SUB, true, 15,
					   cpu_reg_read(cpu, 14), imm8, false);
			if (r == EXEC_OK)
				t->it_written = true;
			return r;
		}
		case 0x3e: /* MRS CPSR (A8.8.107, B9.3.8) */
		case 0x3f: /* MRS SPSR */
			if (tb(insn, 11, 8) == 15) /* UNPREDICTABLE Rd */
				return cpu_undefined(cpu);
			if (tbit(insn, 5)) /* MRS (banked register), B9.3.9 */
				return ops_mrs_banked(
					cpu, tb(insn, 11, 8), tbit(hw1, 4),
					(tbit(insn, 4) << 4) | tb(hw1, 3, 0));
			return ops_mrs(cpu, tb(insn, 11, 8), tbit(hw1, 4));
		case 0x7e: /* HVC (B9.3.4) */
			if (op1 != 0)
				break;
			if (t->in_it)
				return cpu_undefined(cpu);
			return cpu_hvc(cpu, (tb(hw1, 3, 0) << 12) |
						    tb(insn, 11, 0));
		case 0x7f: /* SMC (B9.3.14); UDF T2 (A8.8.247) when op1 = 010 */
			if (op1 == 0)
				return cpu_smc(cpu);
			return cpu_undefined(cpu);
		default:
			break;
		}
		return cpu_undefined(cpu);
	}
	if ((op1 & 5) == 1) { /* B.W T4 */
		cpu_branch(cpu, cpu_reg_read(cpu, 15) + branch_imm25(insn));
		return EXEC_OK;
	}
	/* BL T1 (op1 = 1x1), BLX (immediate) T2 (op1 = 1x0), A8.8.25 */
	uint32_t lr = cpu_reg_read(cpu, 15) | 1u;
	if (op1 & 1) {
		uint32_t target = cpu_reg_read(cpu, 15) + branch_imm25(insn);
		cpu->r[14] = lr;
		cpu_branch(cpu, target);
		return EXEC_OK;
	}
	if (tbit(insn, 0)) /* H == 1 */
		return cpu_undefined(cpu);
	uint32_t target = t32_pc_aligned(cpu) + branch_imm25(insn);
	cpu->r[14] = lr;
	cpu_branch_interwork(cpu, target & ~3u); /* to ARM state */
	return EXEC_OK;
}

/* A6.3.18: coprocessor instructions, and the Advanced SIMD and
 * Floating-point space. */
enum exec_result t32old_exec_coproc(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t insn = t->insn, hw1 = insn >> 16;
	unsigned op1 = tb(hw1, 9, 4), coproc = tb(insn, 11, 8);
	bool two = tbit(hw1, 12); /* the MCR2/MRC2/… forms */

	if ((op1 & 0x30) == 0x30)
		/* Advanced SIMD data processing (A7.4): T32 111U 1111 is A32
		 * 1111 001U (neon.h) */
		return vfp_neon_dp(cpu, (insn & 0x00ffffffu) | 0xf2000000u |
						 (tbit(insn, 28) ? 1u << 24 : 0));
	if ((op1 & 0x3e) == 0)
		return cpu_undefined(cpu);
	if (two)
		/* MCR2, MRC2, MCRR2, MRRC2, LDC2, STC2, CDP2: CP14 and
		 * CP15 have none and no other coprocessor exists on these
		 * cores (and the CP10/11 space has no "2" forms in ARMv7). */
		return cpu_undefined(cpu);
	if ((coproc & 0xe) == 0xa)
		/* CP10/CP11: Floating-point and Advanced SIMD (A7.5-A7.9);
		 * the T32 encodings are the A32 ones with cond = 1110 */
		return tb(hw1, 11, 9) == 6 ? vfp_ldst_or_64(cpu, insn)
					    : vfp_cdp_or_transfer(cpu, insn);
	if ((op1 & 0x3e) == 0x04) /* MCRR / MRRC (A8.8.100, A8.8.110) */
		return cpu_coproc_rrt(cpu, coproc, tbit(op1, 0),
				      tb(insn, 7, 4), tb(insn, 3, 0),
				      tb(insn, 15, 12), tb(hw1, 3, 0));
	if ((op1 & 0x20) == 0) /* LDC, STC */
		return cpu_coproc_other(cpu, coproc);
	if (!tbit(insn, 4)) /* CDP */
		return cpu_coproc_other(cpu, coproc);
	/* MCR / MRC (A8.8.99, A8.8.108) */
	return cpu_coproc_rt(cpu, coproc, tbit(op1, 0), tb(hw1, 7, 5),
			     tb(hw1, 3, 0), tb(insn, 3, 0), tb(insn, 7, 5),
			     tb(insn, 15, 12));
}
