/* VFP decode and execute (ARM DDI 0406C A7.5 "Floating-point data-
 * processing instructions", A7.6 "Extension register load/store
 * instructions", A7.8 "8, 16, and 32-bit transfer between ARM core and
 * extension registers", A7.9 "64-bit transfers"), for A32 and for T32
 * (whose CP10/CP11 encodings are the A32 ones with cond = 1110), and the
 * hand-over of the Advanced SIMD spaces to neon_dp.c / neon_ls.c.
 *
 * Decode is the table vfp.def (decode_table.h): the four entry points at
 * the end of this file (the A32 DELEGATE lines, and T32's through
 * decode_table_translate) look the encoding up, apply the should-be
 * policy V2 to the line's (0)/(1) bits and call the line's handler from
 * vfp_handlers[], built from vfp.def's handler column (one handler per
 * instruction; a few serve two lines). The handlers extract the fields
 * and apply the per-operand rules below; none re-decides which
 * instruction it is.
 *
 * Order inside an instruction (the manual's "decode, then
 * CheckVFPEnabled"): the table decode (unallocated and V2: UNDEFINED),
 * the handler's encoding checks (UNDEFINED, the UNPREDICTABLE choices
 * below, CPACR.D32DIS for D16-D31, FPSCR.LEN/STRIDE), then
 * fp_check_access() (fp_access.c), then the operation. The Advanced
 * SIMD spaces check access before their lookup (vfp_neon_dp/_ls). The
 * condition check happened in the callers.
 *
 * ---- UNPREDICTABLE and IMPLEMENTATION DEFINED choices (the random
 * ---- generator must not produce these when comparing with QEMU) ----
 *  V1  FPSCR.LEN != 0 or FPSCR.STRIDE != 0: the short-vector capable
 *      instructions (VABS, VADD, VDIV, VMLA, VMLS, VMOV immediate and
 *      register, VMUL, VNEG, VNMLA, VNMLS, VNMUL, VSQRT, VSUB) and the
 *      fused VFMA/VFMS/VFNMA/VFNMS are UNDEFINED: these cores do not
 *      implement short vectors (MVFR0.ShortVectors = 0; the Cortex-A9 and
 *      A15 TRMs: "a non-zero Len makes the VFP data-processing
 *      instructions generate exceptions"). QEMU does the same.
 *  V2  Should-be-zero bits ((0) in the encoding diagrams, and so in
 *      vfp.def) that are not zero: UNDEFINED (the U2 rule of a32.c),
 *      e.g. VCMP #0.0 with a non-zero Vm field, VMOV/VMRS with non-zero
 *      low bits, VCVTB/VCVTT with sz = 1 (V8). Checked by vfp_dispatch
 *      before the handler, whatever the access controls say.
 *  V3  Rt = PC (other than VMRS APSR_nzcv, FPSCR), Rt = SP in Thumb,
 *      VMOV to two core registers with Rt == Rt2, VMOV of two singles
 *      with Sm = S31: UNDEFINED.
 *  V4  VLDM/VSTM with no registers, more than 16 doubles, or a list
 *      running past D31 / S31; writeback with Rn = PC, and Rn = PC in
 *      Thumb for VLDM/VSTM: UNDEFINED.
 *  V5  VLDM/VSTM of doubles with an odd imm8 (FLDMX/FSTMX, deprecated):
 *      imm8 / 2 doubles transferred, the base moved by imm8 * 4 bytes for
 *      both increment-after and decrement-before (the manual's imm32).
 *      QEMU moves a decrement-before base by 8 * (imm8 / 2).
 *  V6  VCVT between floating point and fixed point with frac_bits < 0
 *      (16-bit form with imm5 > 16): UNDEFINED.
 *  V7  VMRS/VMSR of registers other than FPSID, FPSCR, MVFR0, MVFR1,
 *      FPEXC (FPINST, FPINST2 and the rest, which these cores do not
 *      have), and VMSR to MVFR0/MVFR1: UNDEFINED. VMSR to FPSID is
 *      ignored (the manual).
 *  V8  VCVTB/VCVTT with sz = 1 (double, ARMv8 only): UNDEFINED.
 *  V9  VLDR/VSTR/VLDM/VSTM data aborts report no instruction syndrome
 *      (HSR.ISV = 0, as for LDM/STM).
 */
#include "cpu/fp.h"

#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/neon.h"
#include "cpu/vfp_decode.h"
#include "hyp/exception.h"
#include "hyp/traps.h"

#define BIT(i, n) (((i) >> (n)) & 1u)
#define BITS(i, hi, lo) (((i) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

/* Register numbers: Sd = Vd:D, Dd = D:Vd (A7.3 "Register encoding"). */
static inline unsigned reg_d(uint32_t insn, bool dp)
{
	return dp ? (BIT(insn, 22) << 4) | BITS(insn, 15, 12)
		  : (BITS(insn, 15, 12) << 1) | BIT(insn, 22);
}
static inline unsigned reg_n(uint32_t insn, bool dp)
{
	return dp ? (BIT(insn, 7) << 4) | BITS(insn, 19, 16)
		  : (BITS(insn, 19, 16) << 1) | BIT(insn, 7);
}
static inline unsigned reg_m(uint32_t insn, bool dp)
{
	return dp ? (BIT(insn, 5) << 4) | BITS(insn, 3, 0)
		  : (BITS(insn, 3, 0) << 1) | BIT(insn, 5);
}

static inline bool bad_core_reg(const struct cpu *cpu, unsigned rt)
{
	return rt == 15 || (rt == 13 && cpu_thumb(cpu));
}

static inline uint64_t rd(const struct cpu *cpu, unsigned n, bool dp)
{
	return dp ? fp_d_read(cpu, n) : fp_s_read(cpu, n);
}
static inline void wr(struct cpu *cpu, unsigned n, bool dp, uint64_t v)
{
	if (dp)
		fp_d_write(cpu, n, v);
	else
		fp_s_write(cpu, n, (uint32_t)v);
}

/* ---------------------------------------------------------------- */
/* data processing (A7.5)                                            */

enum dp_op {
	OP_VMLA, OP_VMLS, OP_VNMLS, OP_VNMLA, OP_VMUL, OP_VNMUL, OP_VADD,
	OP_VSUB, OP_VDIV, OP_VFNMS, OP_VFNMA, OP_VFMA, OP_VFMS,
};

static uint64_t neg(uint64_t v, bool dp)
{
	return dp ? fp64_neg(v) : fp32_neg((uint32_t)v);
}
static uint64_t add(uint64_t a, uint64_t b, bool dp, struct fp_status *st)
{
	return dp ? fp64_add(a, b, st) : fp32_add((uint32_t)a, (uint32_t)b, st);
}
static uint64_t mul(uint64_t a, uint64_t b, bool dp, struct fp_status *st)
{
	return dp ? fp64_mul(a, b, st) : fp32_mul((uint32_t)a, (uint32_t)b, st);
}
static uint64_t muladd(uint64_t c, uint64_t a, uint64_t b, bool dp,
		       struct fp_status *st)
{
	return dp ? fp64_muladd(c, a, b, st)
		  : fp32_muladd((uint32_t)c, (uint32_t)a, (uint32_t)b, st);
}

/* VMLA, VMLS, VNMLA, VNMLS, VMUL, VNMUL, VADD, VSUB, VDIV (A8.8.337 …)
 * and VFMA, VFMS, VFNMA, VFNMS (A8.8.318, A8.8.319). */
static uint64_t three_reg(enum dp_op op, uint64_t d, uint64_t n, uint64_t m,
			  bool dp, struct fp_status *st)
{
	switch (op) {
	case OP_VMLA: /* FPAdd(D, FPMul(N, M)) */
		return add(d, mul(n, m, dp, st), dp, st);
	case OP_VMLS:
		return add(d, neg(mul(n, m, dp, st), dp), dp, st);
	case OP_VNMLA:
		return add(neg(d, dp), neg(mul(n, m, dp, st), dp), dp, st);
	case OP_VNMLS:
		return add(neg(d, dp), mul(n, m, dp, st), dp, st);
	case OP_VMUL:
		return mul(n, m, dp, st);
	case OP_VNMUL:
		return neg(mul(n, m, dp, st), dp);
	case OP_VADD:
		return add(n, m, dp, st);
	case OP_VSUB:
		return dp ? fp64_sub(n, m, st)
			  : fp32_sub((uint32_t)n, (uint32_t)m, st);
	case OP_VDIV:
		return dp ? fp64_div(n, m, st)
			  : fp32_div((uint32_t)n, (uint32_t)m, st);
	case OP_VFMA: /* FPMulAdd(D, N, M) */
		return muladd(d, n, m, dp, st);
	case OP_VFMS:
		return muladd(d, neg(n, dp), m, dp, st);
	case OP_VFNMA:
		return muladd(neg(d, dp), neg(n, dp), m, dp, st);
	case OP_VFNMS:
		return muladd(neg(d, dp), n, m, dp, st);
	}
	return 0;
}

/* VFPExpandImm (A7.5.1) */
static uint64_t vfp_expand_imm(unsigned imm8, bool dp)
{
	uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1u, rest = imm8 & 0x3fu;
	if (dp)
		return (sign << 63) | ((b6 ^ 1u) << 62) |
		       ((b6 ? 0xffull : 0) << 54) | (rest << 48);
	return (sign << 31) | ((b6 ^ 1u) << 30) | ((b6 ? 0x1full : 0) << 25) |
	       (rest << 19);
}

static bool short_vectors(const struct cpu *cpu)
{
	return (cpu->fp.fpscr & (FPSCR_LEN_MASK | FPSCR_STRIDE_MASK)) != 0;
}

/* Registers named by the instruction: D16-D31 need fp_d32_enabled. */
static bool regs_ok(const struct cpu *cpu, bool dp, unsigned a, unsigned b,
		    unsigned c)
{
	if (!dp || ((a | b | c) & 16u) == 0)
		return true;
	return fp_d32_enabled(cpu);
}

/* The three-register forms: the operation is the line's (vfp.def). */
static enum exec_result dp3(struct cpu *cpu, uint32_t insn, enum dp_op op)
{
	bool dp = BIT(insn, 8);
	enum exec_result r;

	unsigned d = reg_d(insn, dp), n = reg_n(insn, dp), m = reg_m(insn, dp);
	if (!regs_ok(cpu, dp, d, n, m) || short_vectors(cpu)) /* V1 */
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	uint64_t res = three_reg(op, rd(cpu, d, dp), rd(cpu, n, dp),
				 rd(cpu, m, dp), dp, &st);
	wr(cpu, d, dp, res);
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

#define DP3(name)                                                    \
	enum exec_result vfp_##name(struct cpu *cpu, uint32_t insn) \
	{                                                            \
		return dp3(cpu, insn, OP_##name);                    \
	}
DP3(VMLA)
DP3(VMLS)
DP3(VNMLS)
DP3(VNMLA)
DP3(VMUL)
DP3(VNMUL)
DP3(VADD)
DP3(VSUB)
DP3(VDIV)
DP3(VFNMS)
DP3(VFNMA)
DP3(VFMA)
DP3(VFMS)
#undef DP3

/* VMOV<c>.F32/.F64 <Sd>, #<imm> (A8.8.339) */
enum exec_result vfp_VMOV_imm(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8);
	unsigned d = reg_d(insn, dp);
	enum exec_result r;

	if (!regs_ok(cpu, dp, d, 0, 0) || short_vectors(cpu)) /* V1 */
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	wr(cpu, d, dp,
	   vfp_expand_imm((BITS(insn, 19, 16) << 4) | BITS(insn, 3, 0), dp));
	return EXEC_OK;
}

enum two_op { TWO_VMOV, TWO_VABS, TWO_VNEG, TWO_VSQRT };

/* VMOV (register) (A8.8.340), VABS (A8.8.280), VNEG (A8.8.355), VSQRT
 * (A8.8.401): the short-vector capable two-register forms. */
static enum exec_result two_reg(struct cpu *cpu, uint32_t insn,
				enum two_op op)
{
	bool dp = BIT(insn, 8);
	unsigned d = reg_d(insn, dp), m = reg_m(insn, dp);
	enum exec_result r;

	if (!regs_ok(cpu, dp, d, m, 0) || short_vectors(cpu)) /* V1 */
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	uint64_t v = rd(cpu, m, dp);
	struct fp_status st = fp_status_vfp(cpu);
	switch (op) {
	case TWO_VMOV:
		break;
	case TWO_VABS:
		v = dp ? fp64_abs(v) : fp32_abs((uint32_t)v);
		break;
	case TWO_VNEG:
		v = neg(v, dp);
		break;
	case TWO_VSQRT:
		v = dp ? fp64_sqrt(v, &st) : fp32_sqrt((uint32_t)v, &st);
		break;
	}
	wr(cpu, d, dp, v);
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

enum exec_result vfp_VMOV_reg(struct cpu *cpu, uint32_t insn)
{
	return two_reg(cpu, insn, TWO_VMOV);
}
enum exec_result vfp_VABS(struct cpu *cpu, uint32_t insn)
{
	return two_reg(cpu, insn, TWO_VABS);
}
enum exec_result vfp_VNEG(struct cpu *cpu, uint32_t insn)
{
	return two_reg(cpu, insn, TWO_VNEG);
}
enum exec_result vfp_VSQRT(struct cpu *cpu, uint32_t insn)
{
	return two_reg(cpu, insn, TWO_VSQRT);
}

/* VCVTB, VCVTT (A8.8.307): bit 16 = 1 single to half. The sz bit is a
 * (0) in vfp.def, so the double forms (ARMv8) are UNDEFINED by the
 * should-be-zero policy before this runs (V2, V8). */
enum exec_result vfp_VCVTB_VCVTT(struct cpu *cpu, uint32_t insn)
{
	bool to_half = BIT(insn, 16), top = BIT(insn, 7);
	unsigned sd = reg_d(insn, false), sm = reg_m(insn, false);
	enum exec_result r;

	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	if (to_half) {
		uint16_t h = fp32_to_fp16(fp_s_read(cpu, sm), &st);
		uint32_t old = fp_s_read(cpu, sd);
		fp_s_write(cpu, sd, top ? (old & 0xffffu) | ((uint32_t)h << 16)
					: (old & 0xffff0000u) | h);
	} else {
		uint32_t v = fp_s_read(cpu, sm);
		fp_s_write(cpu, sd,
			   fp16_to_fp32((uint16_t)(top ? v >> 16 : v), &st));
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCMP{E} (A8.8.301), both lines: bit 16 = 1 compares with +0.0 (whose
 * Vm and M are (0) bits, checked by the policy, V2). */
enum exec_result vfp_VCMP(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8), with_zero = BIT(insn, 16), e = BIT(insn, 7);
	unsigned d = reg_d(insn, dp), m = reg_m(insn, dp);
	enum exec_result r;

	if (!regs_ok(cpu, dp, d, with_zero ? 0 : m, 0))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	uint64_t b = with_zero ? 0 : rd(cpu, m, dp);
	unsigned nzcv = dp ? fp64_compare(rd(cpu, d, dp), b, e, &st)
			   : fp32_compare((uint32_t)rd(cpu, d, dp),
					  (uint32_t)b, e, &st);
	cpu->fp.fpscr = (cpu->fp.fpscr & ~FPSCR_NZCV) | (nzcv << 28);
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT (between double and single) (A8.8.306): sz = 1 Sd <- Dm, sz = 0
 * Dd <- Sm. */
enum exec_result vfp_VCVT_ds(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8);
	unsigned dd = reg_d(insn, !dp), mm = reg_m(insn, dp);
	enum exec_result r;

	if (!regs_ok(cpu, true, dp ? mm : dd, 0, 0))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	if (dp)
		fp_s_write(cpu, dd, fp64_to_fp32(fp_d_read(cpu, mm), &st));
	else
		fp_d_write(cpu, dd, fp32_to_fp64(fp_s_read(cpu, mm), &st));
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT (integer to floating point) (A8.8.305): bit 7 = 1 signed; the
 * FPSCR rounding mode. */
enum exec_result vfp_VCVT_to_fp(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8), is_unsigned = !BIT(insn, 7);
	unsigned d = reg_d(insn, dp), sm = reg_m(insn, false);
	enum exec_result r;

	if (!regs_ok(cpu, dp, d, 0, 0))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	uint32_t v = fp_s_read(cpu, sm);
	enum fp_rounding rm = fp_status_rounding(&st);
	if (dp)
		fp_d_write(cpu, d,
			   fp64_from_fixed(v, 32, 0, is_unsigned, rm, &st));
	else
		fp_s_write(cpu, d,
			   fp32_from_fixed(v, 32, 0, is_unsigned, rm, &st));
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT (between floating point and fixed point) (A8.8.309): op = bit 18
 * (to fixed), U = bit 16, sx = bit 7 (32-bit). */
enum exec_result vfp_VCVT_fixed(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8);
	bool to_fixed = BIT(insn, 18), is_unsigned = BIT(insn, 16);
	unsigned d = reg_d(insn, dp);
	unsigned size = BIT(insn, 7) ? 32u : 16u;
	unsigned imm5 = (BITS(insn, 3, 0) << 1) | BIT(insn, 5);
	enum exec_result r;

	if (imm5 > size) /* V6 */
		return cpu_undefined(cpu);
	unsigned fbits = size - imm5;
	if (!regs_ok(cpu, dp, d, 0, 0))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	if (to_fixed) {
		uint32_t v = dp ? fp64_to_fixed(fp_d_read(cpu, d), size, fbits,
						is_unsigned, FPROUND_ZERO, &st)
				: fp32_to_fixed(fp_s_read(cpu, d), size, fbits,
						is_unsigned, FPROUND_ZERO, &st);
		if (dp) /* the 32-bit result extended to 64 bits */
			fp_d_write(cpu, d,
				   is_unsigned ? (uint64_t)v
					       : (uint64_t)(int64_t)(int32_t)v);
		else
			fp_s_write(cpu, d, v);
	} else {
		/* FixedToFP with round_to_nearest = TRUE: the FPSCR rounding
		 * mode does not apply (A8.8.309) */
		enum fp_rounding rm = FPROUND_TIEEVEN;
		uint32_t v = (uint32_t)rd(cpu, d, dp);
		if (dp)
			fp_d_write(cpu, d, fp64_from_fixed(v, size, fbits,
							   is_unsigned, rm, &st));
		else
			fp_s_write(cpu, d, fp32_from_fixed(v, size, fbits,
							   is_unsigned, rm, &st));
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT{R} (floating point to integer) (A8.8.305): bit 16 = signed, bit 7
 * = 1 round towards zero, else the FPSCR mode. */
enum exec_result vfp_VCVT_to_int(struct cpu *cpu, uint32_t insn)
{
	bool dp = BIT(insn, 8);
	bool is_unsigned = !BIT(insn, 16), round_zero = BIT(insn, 7);
	unsigned sd = reg_d(insn, false), m = reg_m(insn, dp);
	enum exec_result r;

	if (!regs_ok(cpu, dp, m, 0, 0))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	struct fp_status st = fp_status_vfp(cpu);
	enum fp_rounding rm =
		round_zero ? FPROUND_ZERO : fp_status_rounding(&st);
	uint32_t v = dp ? fp64_to_fixed(fp_d_read(cpu, m), 32, 0, is_unsigned,
					rm, &st)
			: fp32_to_fixed(fp_s_read(cpu, m), 32, 0, is_unsigned,
					rm, &st);
	fp_s_write(cpu, sd, v);
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* 8, 16 and 32-bit transfers (A7.8)                                 */

/* VMRS / VMSR system registers (A8.8.348 VMRS, A8.8.349 VMSR, and the registers
 * they reach: FPSID, FPSCR, MVFR0/1, FPEXC) */
enum { VFP_FPSID = 0, VFP_FPSCR = 1, VFP_MVFR1 = 6, VFP_MVFR0 = 7,
       VFP_FPEXC = 8 };

/* HCR.TID0 (FPSID) and HCR.TID3 (MVFR0/1) trap VMRS at Non-secure PL1
 * with EC 0x08 and the MRC-like ISS of VMRS = MRC p10, 7, Rt, c<reg>,
 * c0, 0 (B3.13.6, B4.1.65). */
static bool vmrs_traps(struct cpu *cpu, unsigned reg)
{
	if (cpu_is_secure(cpu) || cpu_mode(cpu) == MODE_HYP)
		return false;
	uint32_t hcr = cpu->cp15.hcr;
	if (reg == VFP_FPSID)
		return (hcr & HCR_TID0) != 0;
	if (reg == VFP_MVFR0 || reg == VFP_MVFR1)
		return (hcr & HCR_TID3) != 0;
	return false;
}

static enum exec_result exec_VMRS(struct cpu *cpu, unsigned reg, unsigned rt)
{
	enum exec_result r;
	uint32_t v;

	if (reg != VFP_FPSID && reg != VFP_FPSCR && reg != VFP_MVFR0 &&
	    reg != VFP_MVFR1 && reg != VFP_FPEXC) /* V7 */
		return cpu_undefined(cpu);
	if ((rt == 15 && reg != VFP_FPSCR) || (rt == 13 && cpu_thumb(cpu)))
		return cpu_undefined(cpu); /* V3 */
	if (reg == VFP_FPSCR) {
		if (!fp_check_access(cpu, false, &r))
			return r;
		v = cpu->fp.fpscr;
		if (rt == 15) { /* VMRS APSR_nzcv, FPSCR */
			cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) | (v & CPSR_NZCV);
			return EXEC_OK;
		}
		cpu->r[rt] = v;
		return EXEC_OK;
	}
	if (cpu_current_pl(cpu) == 0)
		return cpu_undefined(cpu);
	if (!fp_check_access_ex(cpu, false, false, &r))
		return r;
	if (vmrs_traps(cpu, reg)) {
		struct sysreg_encoding e = {10, 0, 7, (uint8_t)reg, 0, 0};
		return hyp_trap_instruction(cpu, EC_CP10_ID,
					    hyp_iss_cp_rt(&e, rt, true));
	}
	switch (reg) {
	case VFP_FPSID: v = cpu->model->fpsid; break;
	case VFP_MVFR0: v = cpu->model->mvfr0; break;
	case VFP_MVFR1: v = cpu->model->mvfr1; break;
	default: v = cpu->fp.fpexc; break;
	}
	cpu->r[rt] = v;
	return EXEC_OK;
}

static enum exec_result exec_VMSR(struct cpu *cpu, unsigned reg, unsigned rt)
{
	enum exec_result r;

	if (reg != VFP_FPSID && reg != VFP_FPSCR && reg != VFP_FPEXC) /* V7 */
		return cpu_undefined(cpu);
	if (bad_core_reg(cpu, rt)) /* V3 */
		return cpu_undefined(cpu);
	if (reg == VFP_FPSCR) {
		if (!fp_check_access(cpu, false, &r))
			return r;
		cpu->fp.fpscr = cpu->r[rt] & FPSCR_WRITABLE;
		return EXEC_OK;
	}
	if (cpu_current_pl(cpu) == 0)
		return cpu_undefined(cpu);
	if (!fp_check_access_ex(cpu, false, false, &r))
		return r;
	if (reg == VFP_FPEXC)
		cpu->fp.fpexc = cpu->r[rt] & FPEXC_WRITABLE;
	/* FPSID: the write is ignored */
	return EXEC_OK;
}

/* opc1:opc2 of VMOV (scalar) (A8.8.341, A8.8.342): element size and
 * index; false for the UNDEFINED 0x10 pattern. */
static bool scalar_lane(unsigned opc1, unsigned opc2, unsigned *esize,
			unsigned *index)
{
	if (opc1 & 2) {
		*esize = 8;
		*index = ((opc1 & 1u) << 2) | opc2;
	} else if (opc2 & 1) {
		*esize = 16;
		*index = ((opc1 & 1u) << 1) | (opc2 >> 1);
	} else if (opc2 == 0) {
		*esize = 32;
		*index = opc1 & 1u;
	} else {
		return false;
	}
	return true;
}

/* VMRS (A8.8.348) and VMSR (A8.8.349); their (0) bits are checked by the
 * policy (V2). */
enum exec_result vfp_VMRS(struct cpu *cpu, uint32_t insn)
{
	return exec_VMRS(cpu, BITS(insn, 19, 16), BITS(insn, 15, 12));
}

enum exec_result vfp_VMSR(struct cpu *cpu, uint32_t insn)
{
	return exec_VMSR(cpu, BITS(insn, 19, 16), BITS(insn, 15, 12));
}

/* VMOV (between ARM core register and single-precision register)
 * (A8.8.343): bit 20 = 1 to the core register. */
enum exec_result vfp_VMOV_core_single(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = BITS(insn, 15, 12), sn = reg_n(insn, false);
	enum exec_result r;

	if (bad_core_reg(cpu, rt)) /* V3 */
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	if (BIT(insn, 20))
		cpu->r[rt] = fp_s_read(cpu, sn);
	else
		fp_s_write(cpu, sn, cpu->r[rt]);
	return EXEC_OK;
}

/* VDUP (ARM core register) (A8.8.315): Advanced SIMD. */
enum exec_result vfp_VDUP_core(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = BITS(insn, 15, 12);
	unsigned dreg = (BIT(insn, 7) << 4) | BITS(insn, 19, 16);
	unsigned be = (BIT(insn, 22) << 1) | BIT(insn, 5);
	bool q = BIT(insn, 21);
	enum exec_result r;

	if (bad_core_reg(cpu, rt)) /* V3 */
		return cpu_undefined(cpu);
	if (be == 3 || (q && (dreg & 1)))
		return cpu_undefined(cpu);
	if ((dreg | (q ? 1u : 0u)) >= 16 && !fp_d32_enabled(cpu))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, true, &r))
		return r;
	uint64_t v = cpu->r[rt];
	if (be == 0) /* 32-bit */
		v = (v & 0xffffffffu) * 0x0000000100000001ull;
	else if (be == 1) /* 16-bit */
		v = (v & 0xffffu) * 0x0001000100010001ull;
	else
		v = (v & 0xffu) * 0x0101010101010101ull;
	fp_d_write(cpu, dreg, v);
	if (q)
		fp_d_write(cpu, dreg + 1, v);
	return EXEC_OK;
}

/* VMOV (ARM core register to scalar) (A8.8.341) and VMOV (scalar to ARM
 * core register) (A8.8.342), both lines: bit 20 = 1 to the core
 * register, U (bit 23) its zero extension. */
enum exec_result vfp_VMOV_scalar(struct cpu *cpu, uint32_t insn)
{
	unsigned rt = BITS(insn, 15, 12);
	unsigned dreg = (BIT(insn, 7) << 4) | BITS(insn, 19, 16);
	unsigned opc1 = BITS(insn, 22, 21), opc2 = BITS(insn, 6, 5);
	bool l = BIT(insn, 20), u = BIT(insn, 23);
	unsigned esize, index;
	enum exec_result r;

	if (bad_core_reg(cpu, rt)) /* V3 */
		return cpu_undefined(cpu);
	if (!scalar_lane(opc1, opc2, &esize, &index))
		return cpu_undefined(cpu);
	if (l && u && esize == 32)
		return cpu_undefined(cpu);
	if (dreg >= 16 && !fp_d32_enabled(cpu))
		return cpu_undefined(cpu);
	/* the 32-bit forms are VFP, the 8 and 16-bit ones Advanced SIMD */
	if (!fp_check_access(cpu, esize != 32, &r))
		return r;
	uint64_t dv = fp_d_read(cpu, dreg);
	unsigned sh = index * esize;
	uint64_t mask = (esize == 32 ? 0xffffffffull : (1ull << esize) - 1u);
	if (!l) {
		dv = (dv & ~(mask << sh)) |
		     (((uint64_t)cpu->r[rt] & mask) << sh);
		fp_d_write(cpu, dreg, dv);
	} else {
		uint64_t e = (dv >> sh) & mask;
		if (!u && esize < 32 && (e >> (esize - 1)))
			e |= ~mask; /* sign extension */
		cpu->r[rt] = (uint32_t)e;
	}
	return EXEC_OK;
}

/* ---------------------------------------------------------------- */
/* extension register load/store (A7.6) and 64-bit transfers (A7.9)  */

/* VMOV (between two ARM core registers and two singles / a double)
 * (A8.8.345, A8.8.346), both lines: cond 1100 010 op Rt2 Rt 101 C 00 M 1
 * Vm. */
enum exec_result vfp_VMOV_2core(struct cpu *cpu, uint32_t insn)
{
	bool to_core = BIT(insn, 20), dp = BIT(insn, 8);
	unsigned rt = BITS(insn, 15, 12), rt2 = BITS(insn, 19, 16);
	unsigned m = reg_m(insn, dp);
	enum exec_result r;

	if (bad_core_reg(cpu, rt) || bad_core_reg(cpu, rt2) ||
	    (to_core && rt == rt2) || (!dp && m == 31)) /* V3 */
		return cpu_undefined(cpu);
	if (dp && m >= 16 && !fp_d32_enabled(cpu))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	if (dp) {
		if (to_core) {
			uint64_t v = fp_d_read(cpu, m);
			cpu->r[rt] = (uint32_t)v;
			cpu->r[rt2] = (uint32_t)(v >> 32);
		} else {
			fp_d_write(cpu, m,
				   ((uint64_t)cpu->r[rt2] << 32) | cpu->r[rt]);
		}
	} else if (to_core) {
		cpu->r[rt] = fp_s_read(cpu, m);
		cpu->r[rt2] = fp_s_read(cpu, m + 1);
	} else {
		fp_s_write(cpu, m, cpu->r[rt]);
		fp_s_write(cpu, m + 1, cpu->r[rt2]);
	}
	return EXEC_OK;
}

/* One 64-bit register from memory as two word accesses, in the order
 * and with the word order the manual gives (MemA: always aligned;
 * big-endian data swaps the words, A8.8.333 VLDR). */
static bool load_d(struct cpu *cpu, uint32_t addr, uint64_t *v)
{
	uint32_t w1, w2;
	unsigned fl = ACC_ALIGNED | ACC_NO_SYNDROME;
	if (!cpu_read_fast(cpu, addr, 4, &w1, fl) ||
	    !cpu_read_fast(cpu, addr + 4, 4, &w2, fl))
		return false;
	bool be = (cpu->cpsr & CPSR_E) != 0;
	*v = be ? ((uint64_t)w1 << 32) | w2 : ((uint64_t)w2 << 32) | w1;
	return true;
}
static bool store_d(struct cpu *cpu, uint32_t addr, uint64_t v)
{
	unsigned fl = ACC_ALIGNED | ACC_NO_SYNDROME;
	bool be = (cpu->cpsr & CPSR_E) != 0;
	uint32_t lo = (uint32_t)v, hi = (uint32_t)(v >> 32);
	return cpu_write_fast(cpu, addr, 4, be ? hi : lo, fl) &&
	       cpu_write_fast(cpu, addr + 4, 4, be ? lo : hi, fl);
}

/* VLDR (A8.8.333) / VSTR (A8.8.413). */
static enum exec_result ldr_str(struct cpu *cpu, uint32_t insn, bool load)
{
	bool u = BIT(insn, 23), dp = BIT(insn, 8);
	unsigned n = BITS(insn, 19, 16), d = reg_d(insn, dp);
	uint32_t imm32 = (insn & 0xffu) << 2;
	enum exec_result r;

	if (dp && d >= 16 && !fp_d32_enabled(cpu))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	uint32_t base = n == 15 ? (cpu_reg_read(cpu, 15) & ~3u) : cpu->r[n];
	uint32_t addr = u ? base + imm32 : base - imm32;
	if (dp) {
		uint64_t v;
		if (load) {
			if (!load_d(cpu, addr, &v))
				return EXEC_EXCEPTION;
			fp_d_write(cpu, d, v);
		} else if (!store_d(cpu, addr, fp_d_read(cpu, d))) {
			return EXEC_EXCEPTION;
		}
	} else {
		uint32_t v;
		unsigned fl = ACC_ALIGNED | ACC_NO_SYNDROME;
		if (load) {
			if (!cpu_read_fast(cpu, addr, 4, &v, fl))
				return EXEC_EXCEPTION;
			fp_s_write(cpu, d, v);
		} else if (!cpu_write_fast(cpu, addr, 4, fp_s_read(cpu, d),
					   fl)) {
			return EXEC_EXCEPTION;
		}
	}
	return EXEC_OK;
}

enum exec_result vfp_VLDR(struct cpu *cpu, uint32_t insn)
{
	return ldr_str(cpu, insn, true);
}
enum exec_result vfp_VSTR(struct cpu *cpu, uint32_t insn)
{
	return ldr_str(cpu, insn, false);
}

/* VLDM/VSTM (A8.8.332, A8.8.412), VPUSH/VPOP (A8.8.368, .367): the
 * lines are increment after (P=0 U=1, W either) and decrement before
 * (P=1 U=0 W=1). */
static enum exec_result ldm_stm(struct cpu *cpu, uint32_t insn, bool load)
{
	bool u = BIT(insn, 23), w = BIT(insn, 21), dp = BIT(insn, 8);
	unsigned n = BITS(insn, 19, 16), d = reg_d(insn, dp);
	uint32_t imm8 = insn & 0xffu, imm32 = imm8 << 2;
	enum exec_result r;

	unsigned regs = dp ? imm8 / 2 : imm8; /* V5: odd imm8 is FLDMX */
	if (regs == 0 || (dp && regs > 16) || d + regs > 32) /* V4 */
		return cpu_undefined(cpu);
	if (n == 15 && (w || cpu_thumb(cpu)))
		return cpu_undefined(cpu);
	if (dp && d + regs > 16 && !fp_d32_enabled(cpu))
		return cpu_undefined(cpu);
	if (!fp_check_access(cpu, false, &r))
		return r;
	uint32_t base = cpu_reg_read(cpu, n);
	uint32_t addr = u ? base : base - imm32;
	for (unsigned i = 0; i < regs; i++) {
		if (dp) {
			uint64_t v;
			if (load) {
				if (!load_d(cpu, addr, &v))
					return EXEC_EXCEPTION;
				fp_d_write(cpu, d + i, v);
			} else if (!store_d(cpu, addr, fp_d_read(cpu, d + i))) {
				return EXEC_EXCEPTION;
			}
			addr += 8;
		} else {
			uint32_t v;
			unsigned fl = ACC_ALIGNED | ACC_NO_SYNDROME;
			if (load) {
				if (!cpu_read_fast(cpu, addr, 4, &v, fl))
					return EXEC_EXCEPTION;
				fp_s_write(cpu, d + i, v);
			} else if (!cpu_write_fast(cpu, addr, 4,
						   fp_s_read(cpu, d + i), fl)) {
				return EXEC_EXCEPTION;
			}
			addr += 4;
		}
	}
	if (w)
		cpu->r[n] = u ? base + imm32 : base - imm32;
	return EXEC_OK;
}

enum exec_result vfp_VLDM(struct cpu *cpu, uint32_t insn)
{
	return ldm_stm(cpu, insn, true);
}
enum exec_result vfp_VSTM(struct cpu *cpu, uint32_t insn)
{
	return ldm_stm(cpu, insn, false);
}

/* ---------------------------------------------------------------- */
/* the dispatch (vfp.def)                                            */

/* [i]: the handler of line i of vfp.def (its decode_entry's index). */
static const vfp_handler vfp_handlers[] = {
#define DECODE_DEF "cpu/vfp.def"
#include "cpu/decode_handlers.h"
};

/* The four entry points of the A32 DELEGATE lines (and T32's, through
 * decode_table_translate). The Floating-point spaces decode first and
 * check access in the handler (the manual's "decode, then
 * CheckVFPEnabled"): an unallocated encoding or a (0)/(1) bit with the
 * other value is UNDEFINED whatever CPACR/NSACR/HCPTR/FPEXC say (V2).
 * vfp.def's regions are disjoint, so one lookup serves both. */
static enum exec_result vfp_dispatch(struct cpu *cpu, uint32_t insn)
{
	const struct decode_entry *e =
		decode_table_lookup_local(DECODE_VFP, insn);
	if (!e || (insn & e->sbz) || (~insn & e->sbo))
		return cpu_undefined(cpu);
	return vfp_handlers[e->index](cpu, insn);
}

enum exec_result vfp_cdp_or_transfer(struct cpu *cpu, uint32_t insn)
{
	return vfp_dispatch(cpu, insn);
}

enum exec_result vfp_ldst_or_64(struct cpu *cpu, uint32_t insn)
{
	return vfp_dispatch(cpu, insn);
}

/* The Advanced SIMD spaces check access first, as CheckAdvSIMDEnabled
 * comes before the decode in these encodings' pseudocode: a trap to Hyp
 * mode wins over UNDEFINED (neon_dp.c, neon_ls.c look the encoding up in
 * neon.def). */
enum exec_result vfp_neon_dp(struct cpu *cpu, uint32_t insn)
{
	enum exec_result r;
	if (!fp_check_access(cpu, true, &r))
		return r;
	return neon_dp_execute(cpu, insn);
}

enum exec_result vfp_neon_ls(struct cpu *cpu, uint32_t insn)
{
	enum exec_result r;
	if (!fp_check_access(cpu, true, &r))
		return r;
	return neon_ls_execute(cpu, insn);
}
