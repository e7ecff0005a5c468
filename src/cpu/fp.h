/* The floating-point unit of the Cortex-A15 and Cortex-A7: VFPv4-D32 with
 * Advanced SIMD (FPSID/MVFR0/MVFR1 in the core models,
 * src/cp15/cortex_a15.c and cortex_a7.c), as ARM DDI 0406C describes it in
 * A2.6-A2.7 (registers, FPSCR, floating-point data types and arithmetic), B1.11
 * and B4.1.40 / B4.1.111 / B4.1.74 (the CPACR, NSACR and HCPTR access controls)
 * and A8.8 (the instructions).
 *
 * The shared infrastructure of the VFP decoder (vfp*.c) and the Advanced
 * SIMD decoder (neon*.c):
 *   - the register file in struct cpu (cpu->fp, declared in cpu.h) and
 *     its S / D / Q views,
 *   - the access check every CP10/CP11 instruction makes first,
 *   - IEEE 754 arithmetic with ARM's rules (FPUnpack, FPRound, the NaN
 *     rules of FPProcessNaN(s), flush-to-zero, default NaN), written out
 *     exactly in integer arithmetic so that the host's floating point does
 *     not leak in (vfp_arith.c, vfp_convert.c).
 *
 * Arithmetic helpers take their controls and return their exceptions
 * through struct fp_status: the VFP instructions use fp_status_vfp() (the
 * FPSCR), Advanced SIMD uses fp_status_standard() (StandardFPSCRValue(),
 * A2.7 "Floating-point data types and arithmetic": FZ=1, DN=1, round to
 * nearest, AHP from the FPSCR); after the operation fp_status_commit() ORs the
 * cumulative flags into the FPSCR. Floating-point exception trapping is not
 * implemented by these cores (FPSCR.IDE/IXE/UFE/OFE/DZE/IOE are UNK/SBZP in the
 * Cortex-A15 and Cortex-A7 TRMs; hypsim makes them RAZ/WI), so every exception
 * only sets its cumulative flag. */
#ifndef HYPSIM_CPU_FP_H
#define HYPSIM_CPU_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* ---- FPSCR (A2.7.3) ---- */
#define FPSCR_N (1u << 31)
#define FPSCR_Z (1u << 30)
#define FPSCR_C (1u << 29)
#define FPSCR_V (1u << 28)
#define FPSCR_NZCV 0xf0000000u
#define FPSCR_QC (1u << 27)
#define FPSCR_AHP (1u << 26)
#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_RMODE_MASK (3u << 22)
#define FPSCR_STRIDE_MASK (3u << 20)
#define FPSCR_LEN_MASK (7u << 16)
#define FPSCR_IDC (1u << 7)
#define FPSCR_IXC (1u << 4)
#define FPSCR_UFC (1u << 3)
#define FPSCR_OFC (1u << 2)
#define FPSCR_DZC (1u << 1)
#define FPSCR_IOC (1u << 0)
#define FPSCR_EXC_MASK 0x9fu
/* The bits a VMSR FPSCR writes: everything but bit 19 and the trap
 * enables [15:8] (UNK/SBZP on these cores: RAZ/WI here, as QEMU) and
 * bits [6:5]. LEN and STRIDE are stored: a non-zero value makes the
 * short-vector capable instructions UNDEFINED (vfp.c), since
 * MVFR0.ShortVectors is 0 (A2.7 "VFP vector operation support"). */
#define FPSCR_WRITABLE 0xfff7009fu

/* ---- FPEXC (DDI 0406C "FPEXC, Floating-Point Exception Control register" /
 * Cortex-A15 TRM, DDI 0438, chapter 14 "Floating-point Unit"): only EN is
 * implemented; EX and the subarchitecture bits are RAZ/WI since these cores
 * never take asynchronous (deferred) floating-point exceptions. ---- */
#define FPEXC_EX (1u << 31)
#define FPEXC_EN (1u << 30)
#define FPEXC_WRITABLE FPEXC_EN

/* FPSCR.RMode encodings (A2.7.3). */
enum fp_rounding {
	FPROUND_TIEEVEN = 0, /* RN */
	FPROUND_POSINF = 1,  /* RP */
	FPROUND_NEGINF = 2,  /* RM */
	FPROUND_ZERO = 3,    /* RZ */
};

/* Controls and accumulated exceptions of one operation (see the top). */
struct fp_status {
	uint32_t ctl; /* FPSCR image: AHP, DN, FZ, RMode are used */
	uint32_t exc; /* FPSCR_IOC … FPSCR_IDC raised so far */
};

/* ---- register file views (A2.6.1): S<2n> is D<n>[31:0], S<2n+1> is
 * D<n>[63:32]; Q<n> is D<2n+1>:D<2n>. ---- */
static inline uint32_t fp_s_read(const struct cpu *cpu, unsigned n)
{
	return (uint32_t)(cpu->fp.d[(n >> 1) & 15u] >> ((n & 1u) * 32));
}
static inline void fp_s_write(struct cpu *cpu, unsigned n, uint32_t v)
{
	uint64_t *d = &cpu->fp.d[(n >> 1) & 15u];
	unsigned sh = (n & 1u) * 32;
	*d = (*d & ~(0xffffffffull << sh)) | ((uint64_t)v << sh);
}
static inline uint64_t fp_d_read(const struct cpu *cpu, unsigned n)
{
	return cpu->fp.d[n & 31u];
}
static inline void fp_d_write(struct cpu *cpu, unsigned n, uint64_t v)
{
	cpu->fp.d[n & 31u] = v;
}
/* Q<n>, n = 0..15: lo = D<2n>, hi = D<2n+1>. */
static inline void fp_q_read(const struct cpu *cpu, unsigned n, uint64_t *lo,
			     uint64_t *hi)
{
	*lo = cpu->fp.d[(2 * n) & 31u];
	*hi = cpu->fp.d[(2 * n + 1) & 31u];
}
static inline void fp_q_write(struct cpu *cpu, unsigned n, uint64_t lo,
			      uint64_t hi)
{
	cpu->fp.d[(2 * n) & 31u] = lo;
	cpu->fp.d[(2 * n + 1) & 31u] = hi;
}

/* ---- reset and access control (fp_access.c) ---- */

/* Reset state: FPEXC.EN = 0 (B1.9.1 "Reset": the floating-point unit is
 * disabled at reset); FPSCR and the registers are UNKNOWN, hypsim makes
 * them 0. */
void fp_reset(struct cpu *cpu);

/* The checks every instruction in the CP10/CP11 and Advanced SIMD spaces
 * makes before it has any effect, in the order of the manual's
 * CheckAdvSIMDOrVFPEnabled() (B1.11 / A2.6; the same order ARMv8's
 * AArch32.CheckAdvSIMDOrFPEnabled keeps):
 *   1. NSACR.cp10 (and NSASEDIS for Advanced SIMD) from Non-secure state:
 *      UNDEFINED (B4.1.111);
 *   2. outside Hyp mode, CPACR.cp10 (00 or the reserved 10: no access; 01:
 *      PL1 only) and CPACR.ASEDIS for Advanced SIMD: UNDEFINED (B4.1.40);
 *   3. FPEXC.EN = 0: UNDEFINED, unless `fpexc_check` is false (VMRS/VMSR
 *      of FPSID, FPEXC, MVFR0/1);
 *   4. from Non-secure state, HCPTR.TCP10/TCP11 (and TASE for Advanced
 *      SIMD): a Hyp Trap with HSR EC 0x07 from PL0/PL1, UNDEFINED in Hyp
 *      mode (B4.1.74, B3.13.6). Secure state ignores HCPTR.
 * UNDEFINED checks come before the trap: "traps are only taken to Hyp
 * mode if the operation would not otherwise be UNDEFINED" (B1.14 "Traps to the
 * hypervisor"). Returns true when the instruction may go on; otherwise the
 * exception was taken and *r is EXEC_EXCEPTION. */
bool fp_check_access_ex(struct cpu *cpu, bool advsimd, bool fpexc_check,
			enum exec_result *r);
static inline bool fp_check_access(struct cpu *cpu, bool advsimd,
				   enum exec_result *r)
{
	return fp_check_access_ex(cpu, advsimd, true, r);
}
/* Whether D16-D31 are usable (CPACR.D32DIS outside Hyp mode, NSACR.NSD32DIS
 * in Non-secure state, B4.1.40): an instruction that names one of them
 * when they are not is UNDEFINED (VFPSmallRegisterBank()). */
bool fp_d32_enabled(const struct cpu *cpu);

/* ---- the FPSCR as the arithmetic sees it ---- */
static inline struct fp_status fp_status_vfp(const struct cpu *cpu)
{
	struct fp_status st = {cpu->fp.fpscr, 0};
	return st;
}
/* StandardFPSCRValue() (A2.7): '00000' : AHP : '11000000…' */
static inline struct fp_status fp_status_standard(const struct cpu *cpu)
{
	struct fp_status st = {(cpu->fp.fpscr & FPSCR_AHP) | FPSCR_DN |
				       FPSCR_FZ,
			       0};
	return st;
}
static inline void fp_status_commit(struct cpu *cpu,
				    const struct fp_status *st)
{
	cpu->fp.fpscr |= st->exc & FPSCR_EXC_MASK;
}
static inline enum fp_rounding fp_status_rounding(const struct fp_status *st)
{
	return (enum fp_rounding)((st->ctl >> FPSCR_RMODE_SHIFT) & 3u);
}

/* ---- arithmetic (vfp_arith.c), A2.7 pseudocode: FPAdd, FPSub,
 * FPMul, FPDiv, FPSqrt, FPMulAdd (fused, VFMA), FPMax/FPMin (Advanced
 * SIMD VMAX/VMIN), FPCompare. fp32 operands are single-precision bit
 * patterns, fp64 double-precision. ---- */
uint32_t fp32_add(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_sub(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_mul(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_div(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_sqrt(uint32_t a, struct fp_status *st);
/* FPMulAdd(addend, op1, op2): addend + op1 * op2 with one rounding. For
 * VFMS/VFNMA the caller negates op1 / addend first (FPNeg). */
uint32_t fp32_muladd(uint32_t addend, uint32_t op1, uint32_t op2,
		     struct fp_status *st);
uint32_t fp32_max(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_min(uint32_t a, uint32_t b, struct fp_status *st);
uint64_t fp64_add(uint64_t a, uint64_t b, struct fp_status *st);
uint64_t fp64_sub(uint64_t a, uint64_t b, struct fp_status *st);
uint64_t fp64_mul(uint64_t a, uint64_t b, struct fp_status *st);
uint64_t fp64_div(uint64_t a, uint64_t b, struct fp_status *st);
uint64_t fp64_sqrt(uint64_t a, struct fp_status *st);
uint64_t fp64_muladd(uint64_t addend, uint64_t op1, uint64_t op2,
		     struct fp_status *st);

/* FPNeg / FPAbs: sign bit only, no NaN processing, no flags (A2.7). */
static inline uint32_t fp32_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t fp32_abs(uint32_t a) { return a & 0x7fffffffu; }
static inline uint64_t fp64_neg(uint64_t a) { return a ^ (1ull << 63); }
static inline uint64_t fp64_abs(uint64_t a) { return a & ~(1ull << 63); }

/* FPCompare (VCMP/VCMPE): the FPSCR N,Z,C,V flags in bits [3:0] (0110
 * equal, 1000 less, 0010 greater, 0011 unordered). `quiet_nan_exc`: any
 * NaN raises Invalid Operation (VCMPE); otherwise only signalling NaNs. */
unsigned fp32_compare(uint32_t a, uint32_t b, bool quiet_nan_exc,
		      struct fp_status *st);
unsigned fp64_compare(uint64_t a, uint64_t b, bool quiet_nan_exc,
		      struct fp_status *st);
/* FPCompareEQ / FPCompareGE / FPCompareGT (Advanced SIMD VCEQ, VCGE,
 * VCGT, VACGE, VACGT): false for unordered; EQ raises Invalid only for a
 * signalling NaN, GE/GT for any NaN. */
bool fp32_compare_eq(uint32_t a, uint32_t b, struct fp_status *st);
bool fp32_compare_ge(uint32_t a, uint32_t b, struct fp_status *st);
bool fp32_compare_gt(uint32_t a, uint32_t b, struct fp_status *st);

/* Advanced SIMD reciprocal and reciprocal square root (A2.7,
 * FPRecipEstimate, FPRSqrtEstimate, UnsignedRecipEstimate,
 * UnsignedRSqrtEstimate, FPRecipStep = 2 - a*b, FPRSqrtStep =
 * (3 - a*b) / 2). Always with the standard FPSCR value the caller's st
 * carries. */
uint32_t fp32_recip_estimate(uint32_t a, struct fp_status *st);
uint32_t fp32_rsqrt_estimate(uint32_t a, struct fp_status *st);
uint32_t fp_u32_recip_estimate(uint32_t a);
uint32_t fp_u32_rsqrt_estimate(uint32_t a);
uint32_t fp32_recip_step(uint32_t a, uint32_t b, struct fp_status *st);
uint32_t fp32_rsqrt_step(uint32_t a, uint32_t b, struct fp_status *st);

/* ---- conversions (vfp_convert.c) ---- */

/* FPToFixed: to a `size`-bit (16 or 32) signed or unsigned integer with
 * `fbits` fraction bits (0 for an integer), rounded with `rmode` (VCVT
 * to integer and every to-fixed form use FPROUND_ZERO; VCVTR the FPSCR
 * mode). Saturates with Invalid Operation; a NaN gives 0 and Invalid.
 * The result is the size-bit value zero- or sign-extended to 32 bits. */
uint32_t fp32_to_fixed(uint32_t a, unsigned size, unsigned fbits,
		       bool is_unsigned, enum fp_rounding rmode,
		       struct fp_status *st);
uint32_t fp64_to_fixed(uint64_t a, unsigned size, unsigned fbits,
		       bool is_unsigned, enum fp_rounding rmode,
		       struct fp_status *st);
/* FixedToFP: `v` holds a `size`-bit (16 or 32) signed or unsigned value
 * with `fbits` fraction bits; rounded with `rmode`. */
uint32_t fp32_from_fixed(uint32_t v, unsigned size, unsigned fbits,
			 bool is_unsigned, enum fp_rounding rmode,
			 struct fp_status *st);
uint64_t fp64_from_fixed(uint32_t v, unsigned size, unsigned fbits,
			 bool is_unsigned, enum fp_rounding rmode,
			 struct fp_status *st);
/* FPSingleToDouble / FPDoubleToSingle (VCVT.F64.F32 / .F32.F64). */
uint64_t fp32_to_fp64(uint32_t a, struct fp_status *st);
uint32_t fp64_to_fp32(uint64_t a, struct fp_status *st);
/* FPSingleToHalf / FPHalfToSingle (VCVTB/VCVTT, VCVT.F16.F32): the
 * alternative half-precision format when st->ctl has AHP; flush-to-zero
 * never applies to the half-precision side. */
uint16_t fp32_to_fp16(uint32_t a, struct fp_status *st);
uint32_t fp16_to_fp32(uint16_t a, struct fp_status *st);

/* ---- the VFP decoder (vfp.c): the A32 encodings of the CP10/CP11
 * spaces (T32 encodings use the same bit layout in hw1:hw2 apart from
 * the condition field, which the T32 caller replaces by 1110). ---- */

/* cond 110x xxxx … 101x: VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP and VMOV between
 * two core registers and two singles or a double (A7.6, A7.8). */
enum exec_result vfp_ldst_or_64(struct cpu *cpu, uint32_t insn);
/* cond 1110 xxxx … 101x: data processing (bit 4 = 0, A7.5) and the 8, 16
 * and 32-bit transfers (bit 4 = 1, A7.8): VMOV, VMRS, VMSR, VDUP. */
enum exec_result vfp_cdp_or_transfer(struct cpu *cpu, uint32_t insn);
/* Advanced SIMD data processing / element load-store, A32 form (see
 * neon.h): the access check, then the neon decoder. */
enum exec_result vfp_neon_dp(struct cpu *cpu, uint32_t insn);
enum exec_result vfp_neon_ls(struct cpu *cpu, uint32_t insn);

#endif
