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
 * neon.def dispatches the float lines of A7.4.1 to neon_3same_float and
 * VCVT (half, integer), VRECPE, VRSQRTE to neon_misc_float; the float
 * compares, VABS and VNEG with zero reach neon_misc_float through
 * neon_2reg_misc, the by-scalar and fixed-point forms through their
 * classes. */
#include "cpu/fp.h"
#include "cpu/neon_internal.h"

static uint32_t lane32(uint64_t v, unsigned e)
{
	return (uint32_t)(v >> (32 * e));
}
static uint64_t set_lane32(uint64_t v, unsigned e, uint32_t x)
{
	return neon_set_elem(v, e, 32, x);
}

/* One element of the float 3-same group; `kind` is opc:B:U:op. */
enum f3 {
	F3_VFMA, F3_VFMS, F3_VADD, F3_VSUB, F3_VABD, F3_VMLA, F3_VMLS, F3_VMUL,
	F3_VCEQ, F3_VCGE, F3_VCGT, F3_VACGE, F3_VACGT, F3_VMAX, F3_VMIN,
	F3_VRECPS, F3_VRSQRTS,
};

static uint32_t f3_elem(enum f3 k, uint32_t n, uint32_t m, uint32_t d,
			struct fp_status *st)
{
	switch (k) {
	case F3_VFMA: return fp32_muladd(d, n, m, st);
	case F3_VFMS: return fp32_muladd(d, fp32_neg(n), m, st);
	case F3_VADD: return fp32_add(n, m, st);
	case F3_VSUB: return fp32_sub(n, m, st);
	case F3_VABD: return fp32_abs(fp32_sub(n, m, st));
	/* VMLA/VMLS (floating-point, Advanced SIMD): not fused, the product
	 * is rounded first (A8.8.337). */
	case F3_VMLA: return fp32_add(d, fp32_mul(n, m, st), st);
	case F3_VMLS: return fp32_sub(d, fp32_mul(n, m, st), st);
	case F3_VMUL: return fp32_mul(n, m, st);
	case F3_VCEQ: return fp32_compare_eq(n, m, st) ? ~0u : 0;
	case F3_VCGE: return fp32_compare_ge(n, m, st) ? ~0u : 0;
	case F3_VCGT: return fp32_compare_gt(n, m, st) ? ~0u : 0;
	case F3_VACGE:
		return fp32_compare_ge(fp32_abs(n), fp32_abs(m), st) ? ~0u : 0;
	case F3_VACGT:
		return fp32_compare_gt(fp32_abs(n), fp32_abs(m), st) ? ~0u : 0;
	case F3_VMAX: return fp32_max(n, m, st);
	case F3_VMIN: return fp32_min(n, m, st);
	case F3_VRECPS: return fp32_recip_step(n, m, st);
	default: return fp32_rsqrt_step(n, m, st);
	}
}

enum exec_result neon_3same_float(struct cpu *cpu, uint32_t insn)
{
	unsigned opc = NBITS(insn, 11, 8), bbit = NBIT(insn, 4);
	bool u = NBIT(insn, 24), op = NBIT(insn, 21), q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (NBIT(insn, 20))
		return cpu_undefined(cpu); /* sz = 1 */
	enum f3 k;
	bool pairwise = false;
	switch (opc * 2 + bbit) {
	case 25: /* 1100 B=1 */
		if (u)
			return cpu_undefined(cpu);
		k = op ? F3_VFMS : F3_VFMA;
		break;
	case 26: /* 1101 B=0 */
		if (u) {
			k = op ? F3_VABD : F3_VADD;
			pairwise = !op; /* VPADD */
		} else {
			k = op ? F3_VSUB : F3_VADD;
		}
		break;
	case 27: /* 1101 B=1 */
		if (u && op)
			return cpu_undefined(cpu);
		k = u ? F3_VMUL : op ? F3_VMLS : F3_VMLA;
		break;
	case 28: /* 1110 B=0 */
		if (!u && op)
			return cpu_undefined(cpu);
		k = !u ? F3_VCEQ : op ? F3_VCGT : F3_VCGE;
		break;
	case 29: /* 1110 B=1 */
		if (!u)
			return cpu_undefined(cpu);
		k = op ? F3_VACGT : F3_VACGE;
		break;
	case 30: /* 1111 B=0 */
		k = op ? F3_VMIN : F3_VMAX;
		pairwise = u; /* VPMAX, VPMIN */
		break;
	case 31: /* 1111 B=1 */
		if (u)
			return cpu_undefined(cpu);
		k = op ? F3_VRSQRTS : F3_VRECPS;
		break;
	default:
		return cpu_undefined(cpu);
	}
	struct fp_status st = fp_status_standard(cpu);
	if (pairwise) {
		if (q)
			return cpu_undefined(cpu);
		uint64_t vn = neon_d(cpu, n), vm = neon_d(cpu, m), r = 0;
		r = set_lane32(r, 0, f3_elem(k, lane32(vn, 0), lane32(vn, 1),
					     0, &st));
		r = set_lane32(r, 1, f3_elem(k, lane32(vm, 0), lane32(vm, 1),
					     0, &st));
		neon_set_d(cpu, d, r);
		fp_status_commit(cpu, &st);
		return EXEC_OK;
	}
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t vn = neon_d(cpu, n + r), vm = neon_d(cpu, m + r);
		uint64_t vd = neon_d(cpu, d + r), res = 0;
		for (unsigned e = 0; e < 2; e++)
			res = set_lane32(res, e,
					 f3_elem(k, lane32(vn, e), lane32(vm, e),
						 lane32(vd, e), &st));
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT.F16.F32 / VCVT.F32.F16 (A8.8.310): Dd <- Qm or Qd <- Dm. */
static enum exec_result vcvt_half(struct cpu *cpu, uint32_t insn)
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

enum exec_result neon_misc_float(struct cpu *cpu, uint32_t insn)
{
	unsigned a = NBITS(insn, 17, 16), b = NBITS(insn, 10, 6);
	unsigned size = NBITS(insn, 19, 18);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (a == 2)
		return vcvt_half(cpu, insn);
	if (size != 2 || neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	unsigned op = (b >> 1) & 7;
	if (a == 1 && op == 5)
		return cpu_undefined(cpu);
	struct fp_status st = fp_status_standard(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, m + r), res = 0;
		for (unsigned e = 0; e < 2; e++) {
			uint32_t x = lane32(v, e), o;
			if (a == 1) { /* compare with zero, VABS, VNEG */
				switch (op) {
				case 0: o = fp32_compare_gt(x, 0, &st); break;
				case 1: o = fp32_compare_ge(x, 0, &st); break;
				case 2: o = fp32_compare_eq(x, 0, &st); break;
				case 3: o = fp32_compare_ge(0, x, &st); break;
				case 4: o = fp32_compare_gt(0, x, &st); break;
				case 6: o = fp32_abs(x); break;
				default: o = fp32_neg(x); break;
				}
				if (op < 5)
					o = o ? ~0u : 0;
			} else if (!(b & 8)) { /* 10x0x VRECPE, 10x1x VRSQRTE */
				bool f = NBIT(insn, 8), rsqrt = NBIT(insn, 7);
				if (f)
					o = rsqrt ? fp32_rsqrt_estimate(x, &st)
						  : fp32_recip_estimate(x, &st);
				else
					o = rsqrt ? fp_u32_rsqrt_estimate(x)
						  : fp_u32_recip_estimate(x);
			} else { /* VCVT between float and integer, A8.8.305 */
				unsigned cop = NBITS(insn, 8, 7);
				bool is_unsigned = cop & 1;
				if (cop & 2)
					o = fp32_to_fixed(x, 32, 0, is_unsigned,
							  FPROUND_ZERO, &st);
				else
					o = fp32_from_fixed(x, 32, 0, is_unsigned,
							    FPROUND_TIEEVEN,
							    &st);
			}
			res = set_lane32(res, e, o);
		}
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

enum exec_result neon_scalar_float(struct cpu *cpu, uint32_t insn)
{
	unsigned opc = NBITS(insn, 11, 8), size = NBITS(insn, 21, 20);
	bool q = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn);
	unsigned m = NBITS(insn, 3, 0), index = NBIT(insn, 5);
	if (size != 2 || neon_q_bad(q, d) || neon_q_bad(q, n))
		return cpu_undefined(cpu);
	enum f3 k = opc == 1 ? F3_VMLA : opc == 5 ? F3_VMLS : F3_VMUL;
	uint32_t sc = lane32(neon_d(cpu, m), index);
	struct fp_status st = fp_status_standard(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t vn = neon_d(cpu, n + r), vd = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < 2; e++)
			res = set_lane32(res, e,
					 f3_elem(k, lane32(vn, e), sc,
						 lane32(vd, e), &st));
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}

/* VCVT between floating-point and fixed-point, Advanced SIMD (A8.8.308):
 * to fixed rounds towards zero, from fixed to nearest. */
enum exec_result neon_vcvt_fixed(struct cpu *cpu, uint32_t insn)
{
	unsigned imm6 = NBITS(insn, 21, 16);
	bool to_fixed = NBIT(insn, 8), u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (!(imm6 & 0x20) || neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	unsigned fbits = 64 - imm6;
	struct fp_status st = fp_status_standard(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, m + r), res = 0;
		for (unsigned e = 0; e < 2; e++) {
			uint32_t x = lane32(v, e);
			res = set_lane32(
				res, e,
				to_fixed ? fp32_to_fixed(x, 32, fbits, u,
							 FPROUND_ZERO, &st)
					 : fp32_from_fixed(x, 32, fbits, u,
							   FPROUND_TIEEVEN,
							   &st));
		}
		neon_set_d(cpu, d + r, res);
	}
	fp_status_commit(cpu, &st);
	return EXEC_OK;
}
