/* Advanced SIMD floating-point operations: three registers of the same
 * length (A7.4.1, float rows), the float rows of two registers
 * miscellaneous (A7.4.5), VMLA/VMLS/VMUL by a scalar (A7.4.3) and VCVT
 * between floating-point and fixed-point (A7.4.4).
 *
 * Every operation uses the "standard FPSCR value" for its controls
 * (StandardFPSCRValue(), A2.7.4: flush-to-zero, default NaN, round to
 * nearest; AHP from the FPSCR) and ORs the exceptions it raises into the
 * FPSCR's cumulative flags (fp_status_commit). Only single precision
 * exists here: sz = 1 is UNDEFINED in every encoding (A8.8, "if sz == '1'
 * then UNDEFINED"), there is no half-precision arithmetic in ARMv7. The
 * arithmetic is the VFP helper's (fp.h).
 *
 * One handler per neon.def line (neon_VADD_float, …), its lane operation
 * run by float3, float3_pairwise, float1 or by_scalar. The compare-with-
 * zero, VABS and VNEG lines cover the integer (F = 0) and float (F = 1)
 * forms: their handlers are in neon_misc.c and hand F = 1 over to the
 * neon_*_f functions here. */
#include "cpu/fp.h"
#include "cpu/neon_internal.h"

static inline uint32_t lane32(uint64_t v, unsigned e)
{
	return (uint32_t)(v >> (32 * e));
}
static inline uint64_t set_lane32(uint64_t v, unsigned e, uint32_t x)
{
	return neon_set_elem(v, e, 32, x);
}

/* ---- three registers of the same length ---- */

/* One lane: n is Vn's, m Vm's, d Vd's. */
typedef uint32_t f3_fn(uint32_t n, uint32_t m, uint32_t d,
		       struct fp_status *st);

/* The element-wise forms: sz = 1 UNDEFINED, Q operands even. */
NEON_INLINE enum exec_result float3(struct cpu *cpu, uint32_t insn,
				    f3_fn *op)
{
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (NBIT(insn, 20) || neon_q_bad(q, d) || neon_q_bad(q, n) ||
	    neon_q_bad(q, m))
		return cpu_undefined(cpu);
	struct fp_status st = fp_status_standard(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t vn = neon_d(cpu, n + r), vm = neon_d(cpu, m + r);
		uint64_t vd = neon_d(cpu, d + r), res = 0;
		for (unsigned e = 0; e < 2; e++)
			res = set_lane32(res, e,
					 op(lane32(vn, e), lane32(vm, e),
					    lane32(vd, e), &st));
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VPADD, VPMAX, VPMIN: D registers only (Q = 1 UNDEFINED); lane 0 from
 * Dn's pair, lane 1 from Dm's. */
NEON_INLINE enum exec_result float3_pairwise(struct cpu *cpu, uint32_t insn,
					     f3_fn *op)
{
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (NBIT(insn, 20) || NBIT(insn, 6))
		return cpu_undefined(cpu);
	struct fp_status st = fp_status_standard(cpu);
	uint64_t vn = neon_d(cpu, n), vm = neon_d(cpu, m), r = 0;
	r = set_lane32(r, 0, op(lane32(vn, 0), lane32(vn, 1), 0, &st));
	r = set_lane32(r, 1, op(lane32(vm, 0), lane32(vm, 1), 0, &st));
	neon_set_d(cpu, d, r);
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VFMA<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VFMA, VFMS): fused Vd + Vn * Vm */
static inline uint32_t op_vfma(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_muladd(d, n, m, st);
}
enum exec_result neon_VFMA_simd(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vfma);
}

/* VFMS<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VFMA, VFMS): fused Vd - Vn * Vm */
static inline uint32_t op_vfms(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_muladd(d, fp32_neg(n), m, st);
}
enum exec_result neon_VFMS_simd(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vfms);
}

/* VADD<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VADD (floating-point)) */
static inline uint32_t op_vadd(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_add(n, m, st);
}
enum exec_result neon_VADD_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vadd);
}

/* VSUB<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VSUB (floating-point)) */
static inline uint32_t op_vsub(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_sub(n, m, st);
}
enum exec_result neon_VSUB_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vsub);
}

/* VPADD<c>.F32 <Dd>, <Dn>, <Dm> (A8.8 VPADD (floating-point)) */
enum exec_result neon_VPADD_float(struct cpu *cpu, uint32_t insn)
{
	return float3_pairwise(cpu, insn, op_vadd);
}

/* VABD<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VABD (floating-point)): |Vn - Vm| */
static inline uint32_t op_vabd(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_abs(fp32_sub(n, m, st));
}
enum exec_result neon_VABD_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vabd);
}

/* VMLA<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VMLA, VMLS (floating-point)): not
 * fused, the product is rounded first */
static inline uint32_t op_vmla(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_add(d, fp32_mul(n, m, st), st);
}
enum exec_result neon_VMLA_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vmla);
}

/* VMLS<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VMLA, VMLS (floating-point)) */
static inline uint32_t op_vmls(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_sub(d, fp32_mul(n, m, st), st);
}
enum exec_result neon_VMLS_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vmls);
}

/* VMUL<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VMUL (floating-point)) */
static inline uint32_t op_vmul(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_mul(n, m, st);
}
enum exec_result neon_VMUL_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vmul);
}

/* VCEQ<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VCEQ (register)) */
static inline uint32_t op_vceq(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_compare_eq(n, m, st) ? ~0u : 0;
}
enum exec_result neon_VCEQ_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vceq);
}

/* VCGE<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VCGE (register)) */
static inline uint32_t op_vcge(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_compare_ge(n, m, st) ? ~0u : 0;
}
enum exec_result neon_VCGE_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vcge);
}

/* VCGT<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VCGT (register)) */
static inline uint32_t op_vcgt(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_compare_gt(n, m, st) ? ~0u : 0;
}
enum exec_result neon_VCGT_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vcgt);
}

/* VACGE<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VACGE, VACGT, VACLE, VACLT):
 * |Vn| >= |Vm| */
static inline uint32_t op_vacge(uint32_t n, uint32_t m, uint32_t d,
				struct fp_status *st)
{
	return fp32_compare_ge(fp32_abs(n), fp32_abs(m), st) ? ~0u : 0;
}
enum exec_result neon_VACGE(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vacge);
}

/* VACGT<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VACGE, VACGT, VACLE, VACLT) */
static inline uint32_t op_vacgt(uint32_t n, uint32_t m, uint32_t d,
				struct fp_status *st)
{
	return fp32_compare_gt(fp32_abs(n), fp32_abs(m), st) ? ~0u : 0;
}
enum exec_result neon_VACGT(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vacgt);
}

/* VMAX<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VMAX, VMIN (floating-point)) */
static inline uint32_t op_vmax(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_max(n, m, st);
}
enum exec_result neon_VMAX_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vmax);
}

/* VMIN<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VMAX, VMIN (floating-point)) */
static inline uint32_t op_vmin(uint32_t n, uint32_t m, uint32_t d,
			       struct fp_status *st)
{
	return fp32_min(n, m, st);
}
enum exec_result neon_VMIN_float(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vmin);
}

/* VPMAX<c>.F32 <Dd>, <Dn>, <Dm> (A8.8 VPMAX, VPMIN (floating-point)) */
enum exec_result neon_VPMAX_float(struct cpu *cpu, uint32_t insn)
{
	return float3_pairwise(cpu, insn, op_vmax);
}

/* VPMIN<c>.F32 <Dd>, <Dn>, <Dm> (A8.8 VPMAX, VPMIN (floating-point)) */
enum exec_result neon_VPMIN_float(struct cpu *cpu, uint32_t insn)
{
	return float3_pairwise(cpu, insn, op_vmin);
}

/* VRECPS<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VRECPS): 2 - Vn * Vm */
static inline uint32_t op_vrecps(uint32_t n, uint32_t m, uint32_t d,
				 struct fp_status *st)
{
	return fp32_recip_step(n, m, st);
}
enum exec_result neon_VRECPS(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vrecps);
}

/* VRSQRTS<c>.F32 <Qd>, <Qn>, <Qm> (A8.8 VRSQRTS): (3 - Vn * Vm) / 2 */
static inline uint32_t op_vrsqrts(uint32_t n, uint32_t m, uint32_t d,
				  struct fp_status *st)
{
	return fp32_rsqrt_step(n, m, st);
}
enum exec_result neon_VRSQRTS(struct cpu *cpu, uint32_t insn)
{
	return float3(cpu, insn, op_vrsqrts);
}

/* ---- two registers and a scalar (A7.4.3, F = 1) ---- */

/* Vd[e] = op(Vn[e], Dm[x], Vd[e]): Q is bit 24, sizes other than 32
 * UNDEFINED; the scalar is Dm[x] with m = Vm, x = M. */
NEON_INLINE enum exec_result by_scalar(struct cpu *cpu, uint32_t insn,
				       f3_fn *op)
{
	bool q = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn);
	unsigned m = NBITS(insn, 3, 0), index = NBIT(insn, 5);
	if (NBITS(insn, 21, 20) != 2 || neon_q_bad(q, d) || neon_q_bad(q, n))
		return cpu_undefined(cpu);
	uint32_t sc = lane32(neon_d(cpu, m), index);
	struct fp_status st = fp_status_standard(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t vn = neon_d(cpu, n + r), vd = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < 2; e++)
			res = set_lane32(res, e,
					 op(lane32(vn, e), sc, lane32(vd, e),
					    &st));
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VMLA<c>.F32 <Qd>, <Qn>, <Dm[x]> (A8.8 VMLA, VMLS (by scalar), F = 1) */
enum exec_result neon_VMLA_scalar_f(struct cpu *cpu, uint32_t insn)
{
	return by_scalar(cpu, insn, op_vmla);
}

/* VMLS<c>.F32 <Qd>, <Qn>, <Dm[x]> (A8.8 VMLA, VMLS (by scalar), F = 1) */
enum exec_result neon_VMLS_scalar_f(struct cpu *cpu, uint32_t insn)
{
	return by_scalar(cpu, insn, op_vmls);
}

/* VMUL<c>.F32 <Qd>, <Qn>, <Dm[x]> (A8.8 VMUL (by scalar), F = 1) */
enum exec_result neon_VMUL_scalar_f(struct cpu *cpu, uint32_t insn)
{
	return by_scalar(cpu, insn, op_vmul);
}

/* ---- two registers: one lane in, one lane out ---- */

/* What a one-operand lane operation needs besides the lane: the
 * signedness of its integer side, its fraction bits, the FP status. */
struct f1_ctx {
	bool u;
	unsigned fbits;
	struct fp_status st;
};
typedef uint32_t f1_fn(struct f1_ctx *c, uint32_t x);

/* Vd[e] = op(Vm[e]) over the D or Q operands; the operand checks are the
 * caller's. */
NEON_INLINE enum exec_result float1(struct cpu *cpu, unsigned d, unsigned m,
				    bool q, bool u, unsigned fbits,
				    f1_fn *op)
{
	struct f1_ctx c = {u, fbits, fp_status_standard(cpu)};
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, m + r), res = 0;
		for (unsigned e = 0; e < 2; e++)
			res = set_lane32(res, e, op(&c, lane32(v, e)));
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &c.st);
	return EXEC_OK;
}

/* The two-registers-miscellaneous float forms (A7.4.5): size 10 only,
 * Q operands even. */
NEON_INLINE enum exec_result misc_f(struct cpu *cpu, uint32_t insn,
				    f1_fn *op)
{
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (NBITS(insn, 19, 18) != 2 || neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	return float1(cpu, d, m, q, false, 0, op);
}

/* VCGT<c>.F32 <Qd>, <Qm>, #0 (A8.8 VCGT (immediate #0), F = 1) */
static inline uint32_t op_vcgt0(struct f1_ctx *c, uint32_t x)
{
	return fp32_compare_gt(x, 0, &c->st) ? ~0u : 0;
}
enum exec_result neon_VCGT_zero_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vcgt0);
}

/* VCGE<c>.F32 <Qd>, <Qm>, #0 (A8.8 VCGE (immediate #0), F = 1) */
static inline uint32_t op_vcge0(struct f1_ctx *c, uint32_t x)
{
	return fp32_compare_ge(x, 0, &c->st) ? ~0u : 0;
}
enum exec_result neon_VCGE_zero_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vcge0);
}

/* VCEQ<c>.F32 <Qd>, <Qm>, #0 (A8.8 VCEQ (immediate #0), F = 1) */
static inline uint32_t op_vceq0(struct f1_ctx *c, uint32_t x)
{
	return fp32_compare_eq(x, 0, &c->st) ? ~0u : 0;
}
enum exec_result neon_VCEQ_zero_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vceq0);
}

/* VCLE<c>.F32 <Qd>, <Qm>, #0 (A8.8 VCLE (immediate #0), F = 1): 0 >= x */
static inline uint32_t op_vcle0(struct f1_ctx *c, uint32_t x)
{
	return fp32_compare_ge(0, x, &c->st) ? ~0u : 0;
}
enum exec_result neon_VCLE_zero_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vcle0);
}

/* VCLT<c>.F32 <Qd>, <Qm>, #0 (A8.8 VCLT (immediate #0), F = 1): 0 > x */
static inline uint32_t op_vclt0(struct f1_ctx *c, uint32_t x)
{
	return fp32_compare_gt(0, x, &c->st) ? ~0u : 0;
}
enum exec_result neon_VCLT_zero_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vclt0);
}

/* VABS<c>.F32 <Qd>, <Qm> (A8.8 VABS, F = 1): the sign bit cleared */
static inline uint32_t op_vabs(struct f1_ctx *c, uint32_t x)
{
	return fp32_abs(x);
}
enum exec_result neon_VABS_simd_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vabs);
}

/* VNEG<c>.F32 <Qd>, <Qm> (A8.8 VNEG, F = 1): the sign bit inverted */
static inline uint32_t op_vneg(struct f1_ctx *c, uint32_t x)
{
	return fp32_neg(x);
}
enum exec_result neon_VNEG_simd_f(struct cpu *cpu, uint32_t insn)
{
	return misc_f(cpu, insn, op_vneg);
}

/* VRECPE<c>.<dt> <Qd>, <Qm> (A8.8 VRECPE): F = 1 the float estimate,
 * F = 0 the unsigned fixed-point one (U32). */
static inline uint32_t op_vrecpe_f(struct f1_ctx *c, uint32_t x)
{
	return fp32_recip_estimate(x, &c->st);
}
static inline uint32_t op_vrecpe_u(struct f1_ctx *c, uint32_t x)
{
	return fp_u32_recip_estimate(x);
}
enum exec_result neon_VRECPE(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 8))
		return misc_f(cpu, insn, op_vrecpe_f);
	return misc_f(cpu, insn, op_vrecpe_u);
}

/* VRSQRTE<c>.<dt> <Qd>, <Qm> (A8.8 VRSQRTE): F as for VRECPE. */
static inline uint32_t op_vrsqrte_f(struct f1_ctx *c, uint32_t x)
{
	return fp32_rsqrt_estimate(x, &c->st);
}
static inline uint32_t op_vrsqrte_u(struct f1_ctx *c, uint32_t x)
{
	return fp_u32_rsqrt_estimate(x);
}
enum exec_result neon_VRSQRTE(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 8))
		return misc_f(cpu, insn, op_vrsqrte_f);
	return misc_f(cpu, insn, op_vrsqrte_u);
}

/* Float to fixed point (towards zero) and back (to nearest), 32-bit,
 * c->fbits fraction bits, c->u unsigned. */
static inline uint32_t op_to_fixed(struct f1_ctx *c, uint32_t x)
{
	return fp32_to_fixed(x, 32, c->fbits, c->u, FPROUND_ZERO, &c->st);
}
static inline uint32_t op_from_fixed(struct f1_ctx *c, uint32_t x)
{
	return fp32_from_fixed(x, 32, c->fbits, c->u, FPROUND_TIEEVEN,
			       &c->st);
}

/* VCVT<c>.<Td>.<Tm> <Qd>, <Qm> (A8.8 VCVT (between floating-point and
 * integer, Advanced SIMD)): op<1> = 1 to integer, op<0> = 1 unsigned. */
enum exec_result neon_VCVT_fp_int_simd(struct cpu *cpu, uint32_t insn)
{
	bool q = NBIT(insn, 6), to_integer = NBIT(insn, 8);
	bool is_unsigned = NBIT(insn, 7);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (NBITS(insn, 19, 18) != 2 || neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	if (to_integer)
		return float1(cpu, d, m, q, is_unsigned, 0, op_to_fixed);
	return float1(cpu, d, m, q, is_unsigned, 0, op_from_fixed);
}

/* VCVT<c>.<Td>.<Tm> <Qd>, <Qm>, #<fbits> (A8.8 VCVT (between
 * floating-point and fixed-point, Advanced SIMD)): imm6 = 1xxxxx, fbits
 * 64 - imm6; op = 1 to fixed. */
enum exec_result neon_VCVT_fixed_simd(struct cpu *cpu, uint32_t insn)
{
	unsigned imm6 = NBITS(insn, 21, 16);
	bool to_fixed = NBIT(insn, 8), u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (!(imm6 & 0x20) || neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	if (to_fixed)
		return float1(cpu, d, m, q, u, 64 - imm6, op_to_fixed);
	return float1(cpu, d, m, q, u, 64 - imm6, op_from_fixed);
}

/* VCVT<c>.F32.F16 <Qd>, <Dm> / VCVT<c>.F16.F32 <Dd>, <Qm> (A8.8 VCVT
 * (between half-precision and single-precision, Advanced SIMD)): op = 1
 * half to single. */
enum exec_result neon_VCVT_half(struct cpu *cpu, uint32_t insn)
{
	unsigned size = NBITS(insn, 19, 18);
	bool to_single = NBIT(insn, 8);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (size != 1 || (to_single && (d & 1)) || (!to_single && (m & 1)))
		return cpu_undefined(cpu);
	struct fp_status st = fp_status_standard(cpu);
	if (to_single) {
		uint64_t src = neon_d(cpu, m), out[2] = {0, 0};
		for (unsigned e = 0; e < 4; e++)
			out[e / 2] = set_lane32(
				out[e / 2], e % 2,
				fp16_to_fp32((uint16_t)(src >> (16 * e)), &st));
		neon_set_d(cpu, d, out[0]);
		neon_set_d(cpu, d + 1, out[1]);
	} else {
		uint64_t src[2] = {neon_d(cpu, m), neon_d(cpu, m + 1)}, r = 0;
		for (unsigned e = 0; e < 4; e++)
			r = neon_set_elem(r, e, 16,
					  fp32_to_fp16(lane32(src[e / 2], e % 2),
						       &st));
		neon_set_d(cpu, d, r);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}
