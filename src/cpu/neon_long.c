/* Advanced SIMD three registers of different lengths (A7.4.2: long, wide
 * and narrow forms) and two registers and a scalar (A7.4.3) but its
 * floating-point rows (neon_float.c).
 *
 * One handler per neon.def line (neon_VADDL, neon_VMLA_scalar, …): the
 * long and wide forms run their per-element operation in long_op, the
 * narrow ones in narrow_op, the same-length by-scalar ones in
 * scalar_same. */
#include "cpu/neon_internal.h"

/* One element of a long form: a and b the operands already extended to
 * 128 bits (by U), acc the destination's 2*esize-bit element. */
typedef uint64_t long_fn(__int128 a, __int128 b, uint64_t acc, unsigned esize,
			 bool *sat);

/* Qd[e] = op(Vn[e], Vm[e] or the scalar, Qd[e]) with 2*esize-bit
 * results; wide_n: Vn is a Q register of 2*esize-bit elements (the W
 * forms); poly: the operands are the raw bits (VMULL.P8). Every operand
 * is read before Qd is written. */
NEON_INLINE void long_esize(struct cpu *cpu, bool u, unsigned esize,
			    unsigned d, unsigned n, unsigned m, bool wide_n,
			    bool poly, bool scalar, uint64_t scalar_val,
			    long_fn *op)
{
	unsigned w = 2 * esize, per = 32 / esize;
	uint64_t nv[2] = {neon_d(cpu, n), wide_n ? neon_d(cpu, n + 1) : 0};
	uint64_t mv = scalar ? 0 : neon_d(cpu, m);
	uint64_t acc[2] = {neon_d(cpu, d), neon_d(cpu, d + 1)};
	uint64_t out[2] = {0, 0};
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		__int128 a, b;
		uint64_t bm = scalar ? scalar_val : neon_elem(mv, e, esize);
		if (poly) {
			a = (__int128)neon_elem(nv[0], e, esize);
			b = (__int128)bm;
		} else {
			if (wide_n)
				a = neon_wide(neon_elem(nv[e / per], e % per,
							w),
					      w, u);
			else
				a = neon_int(neon_elem(nv[0], e, esize), esize,
					     u);
			b = neon_int(bm, esize, u);
		}
		uint64_t r = op(a, b, neon_elem(acc[e / per], e % per, w),
				esize, &sat);
		out[e / per] = neon_set_elem(out[e / per], e % per, w, r);
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, out[0]);
	neon_set_d(cpu, d + 1, out[1]);
}

NEON_INLINE void long_op(struct cpu *cpu, bool u, unsigned esize,
			 unsigned d, unsigned n, unsigned m, bool wide_n,
			 bool poly, bool scalar, uint64_t scalar_val,
			 long_fn *op)
{
	switch (esize) {
	case 8:
		long_esize(cpu, u, 8, d, n, m, wide_n, poly, scalar,
			   scalar_val, op);
		break;
	case 16:
		long_esize(cpu, u, 16, d, n, m, wide_n, poly, scalar,
			   scalar_val, op);
		break;
	default:
		long_esize(cpu, u, 32, d, n, m, wide_n, poly, scalar,
			   scalar_val, op);
		break;
	}
}

/* ---- three registers of different lengths (A7.4.2) ---- */

/* The long and wide forms: Qd (even), Dn or Qn (wide_n, even), Dm; the
 * sizes `sizes` (size = 11 is another table's, A7.4). */
NEON_INLINE enum exec_result diff3(struct cpu *cpu, uint32_t insn,
				   unsigned sizes, bool wide_n, bool poly,
				   long_fn *op)
{
	unsigned size = NBITS(insn, 21, 20);
	bool u = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (!neon_size_ok(sizes, size) || (d & 1) || (wide_n && (n & 1)))
		return cpu_undefined(cpu);
	long_op(cpu, u, 8u << size, d, n, m, wide_n, poly, false, 0, op);
	return EXEC_OK;
}

static inline uint64_t op_add(__int128 a, __int128 b, uint64_t acc,
			      unsigned esize, bool *sat)
{
	return (uint64_t)(a + b);
}
static inline uint64_t op_sub(__int128 a, __int128 b, uint64_t acc,
			      unsigned esize, bool *sat)
{
	return (uint64_t)(a - b);
}

/* VADDL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VADDL, VADDW) */
enum exec_result neon_VADDL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_add);
}

/* VADDW<c>.<dt> <Qd>, <Qn>, <Dm> (A8.8 VADDL, VADDW) */
enum exec_result neon_VADDW(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, true, false, op_add);
}

/* VSUBL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VSUBL, VSUBW) */
enum exec_result neon_VSUBL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_sub);
}

/* VSUBW<c>.<dt> <Qd>, <Qn>, <Dm> (A8.8 VSUBL, VSUBW) */
enum exec_result neon_VSUBW(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, true, false, op_sub);
}

static inline uint64_t absdiff(__int128 a, __int128 b)
{
	return (uint64_t)(a > b ? a - b : b - a);
}

/* VABAL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VABA, VABAL): Qd + |Dn - Dm| */
static inline uint64_t op_vabal(__int128 a, __int128 b, uint64_t acc,
				unsigned esize, bool *sat)
{
	return acc + absdiff(a, b);
}
enum exec_result neon_VABAL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_vabal);
}

/* VABDL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VABD, VABDL (integer)) */
static inline uint64_t op_vabdl(__int128 a, __int128 b, uint64_t acc,
				unsigned esize, bool *sat)
{
	return absdiff(a, b);
}
enum exec_result neon_VABDL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_vabdl);
}

/* Qd + Dn * Dm, Qd - Dn * Dm, Dn * Dm */
static inline uint64_t op_mla(__int128 a, __int128 b, uint64_t acc,
			      unsigned esize, bool *sat)
{
	return acc + (uint64_t)(a * b);
}
static inline uint64_t op_mls(__int128 a, __int128 b, uint64_t acc,
			      unsigned esize, bool *sat)
{
	return acc - (uint64_t)(a * b);
}
static inline uint64_t op_mul(__int128 a, __int128 b, uint64_t acc,
			      unsigned esize, bool *sat)
{
	return (uint64_t)(a * b);
}

/* VMLAL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VMLA, VMLAL, VMLS, VMLSL
 * (integer)) */
enum exec_result neon_VMLAL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_mla);
}

/* VMLSL<c>.<dt> <Qd>, <Dn>, <Dm> */
enum exec_result neon_VMLSL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_mls);
}

/* VMULL<c>.<dt> <Qd>, <Dn>, <Dm> (A8.8 VMUL, VMULL (integer and
 * polynomial), op = 0) */
enum exec_result neon_VMULL_int(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8_32, false, false, op_mul);
}

/* VMULL<c>.P8 <Qd>, <Dn>, <Dm> (op = 1): carry-less multiply of 8-bit
 * polynomials, 16-bit result; size 00 only (VMULL.P64 is ARMv8) */
static inline uint64_t op_pmull8(__int128 a, __int128 b, uint64_t acc,
				 unsigned esize, bool *sat)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)
		if (((uint64_t)b >> i) & 1u)
			r ^= ((uint64_t)a & 0xffu) << i;
	return r;
}
enum exec_result neon_VMULL_poly(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_8, false, true, op_pmull8);
}

/* The doubling saturating forms, signed: 2 * Dn * Dm saturated to
 * 2*esize bits, then added to or subtracted from Qd and saturated
 * again. */
static inline uint64_t op_vqdmull(__int128 a, __int128 b, uint64_t acc,
				  unsigned esize, bool *sat)
{
	return neon_sat_s(2 * a * b, 2 * esize, sat);
}
static inline uint64_t op_vqdmlal(__int128 a, __int128 b, uint64_t acc,
				  unsigned esize, bool *sat)
{
	unsigned w = 2 * esize;
	__int128 p = neon_sext(neon_sat_s(2 * a * b, w, sat), w);
	return neon_sat_s(neon_sext(acc, w) + p, w, sat);
}
static inline uint64_t op_vqdmlsl(__int128 a, __int128 b, uint64_t acc,
				  unsigned esize, bool *sat)
{
	unsigned w = 2 * esize;
	__int128 p = neon_sext(neon_sat_s(2 * a * b, w, sat), w);
	return neon_sat_s(neon_sext(acc, w) - p, w, sat);
}

/* VQDMLAL<c>.S<size> <Qd>, <Dn>, <Dm> (A8.8 VQDMLAL, VQDMLSL): sizes 16
 * and 32 */
enum exec_result neon_VQDMLAL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_16_32, false, false, op_vqdmlal);
}

/* VQDMLSL<c>.S<size> <Qd>, <Dn>, <Dm> (A8.8 VQDMLAL, VQDMLSL) */
enum exec_result neon_VQDMLSL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_16_32, false, false, op_vqdmlsl);
}

/* VQDMULL<c>.S<size> <Qd>, <Dn>, <Dm> (A8.8 VQDMULL) */
enum exec_result neon_VQDMULL(struct cpu *cpu, uint32_t insn)
{
	return diff3(cpu, insn, NEON_SIZES_16_32, false, false, op_vqdmull);
}

/* The narrow forms: Dd = the high halves of Qn +/- Qm, rounded for the
 * R forms. */
NEON_INLINE enum exec_result narrow_op(struct cpu *cpu, uint32_t insn,
				       bool sub, bool round)
{
	unsigned esize = 8u << NBITS(insn, 21, 20);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if ((n & 1) || (m & 1))
		return cpu_undefined(cpu);
	unsigned w = 2 * esize, per = 32 / esize;
	uint64_t r = 0;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t a = neon_elem(neon_d(cpu, n + e / per), e % per, w);
		uint64_t b = neon_elem(neon_d(cpu, m + e / per), e % per, w);
		uint64_t s = sub ? a - b : a + b;
		if (round)
			s += 1ull << (esize - 1);
		r = neon_set_elem(r, e, esize, (s & neon_mask(w)) >> esize);
	}
	neon_set_d(cpu, d, r);
	return EXEC_OK;
}

/* VADDHN<c>.<dt> <Dd>, <Qn>, <Qm> (A8.8 VADDHN) */
enum exec_result neon_VADDHN(struct cpu *cpu, uint32_t insn)
{
	return narrow_op(cpu, insn, false, false);
}

/* VRADDHN<c>.<dt> <Dd>, <Qn>, <Qm> (A8.8 VRADDHN) */
enum exec_result neon_VRADDHN(struct cpu *cpu, uint32_t insn)
{
	return narrow_op(cpu, insn, false, true);
}

/* VSUBHN<c>.<dt> <Dd>, <Qn>, <Qm> (A8.8 VSUBHN) */
enum exec_result neon_VSUBHN(struct cpu *cpu, uint32_t insn)
{
	return narrow_op(cpu, insn, true, false);
}

/* VRSUBHN<c>.<dt> <Dd>, <Qn>, <Qm> (A8.8 VRSUBHN) */
enum exec_result neon_VRSUBHN(struct cpu *cpu, uint32_t insn)
{
	return narrow_op(cpu, insn, true, true);
}

/* ---- two registers and a scalar (A7.4.3), integer ---- */

/* The scalar Dm[x]: size 01 m = Vm<2:0>, x = M:Vm<3>; size 10 m = Vm,
 * x = M (size 00 is UNDEFINED, 11 another table's). */
static inline uint64_t scalar_operand(const struct cpu *cpu, uint32_t insn,
				      unsigned esize)
{
	unsigned vm = NBITS(insn, 3, 0), mbit = NBIT(insn, 5);
	if (esize == 16)
		return neon_elem(neon_d(cpu, vm & 7), (mbit << 1) | (vm >> 3),
				 16);
	return neon_elem(neon_d(cpu, vm), mbit, 32);
}

/* The long forms by scalar: Qd (even) = op(Dn[e], Dm[x], Qd[e]). */
NEON_INLINE enum exec_result scalar_long(struct cpu *cpu, uint32_t insn,
					 long_fn *op)
{
	unsigned size = NBITS(insn, 21, 20), esize = 8u << size;
	bool u = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn);
	if (size == 0 || (d & 1))
		return cpu_undefined(cpu);
	long_op(cpu, u, esize, d, n, 0, false, false, true,
		scalar_operand(cpu, insn, esize), op);
	return EXEC_OK;
}

/* VMLAL<c>.<dt> <Qd>, <Dn>, <Dm[x]> (A8.8 VMLA, VMLAL, VMLS, VMLSL (by
 * scalar)) */
enum exec_result neon_VMLAL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_mla);
}

/* VMLSL<c>.<dt> <Qd>, <Dn>, <Dm[x]> */
enum exec_result neon_VMLSL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_mls);
}

/* VMULL<c>.<dt> <Qd>, <Dn>, <Dm[x]> (A8.8 VMUL, VMULL (by scalar)) */
enum exec_result neon_VMULL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_mul);
}

/* VQDMLAL<c>.S<size> <Qd>, <Dn>, <Dm[x]> (A8.8 VQDMLAL, VQDMLSL) */
enum exec_result neon_VQDMLAL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_vqdmlal);
}

/* VQDMLSL<c>.S<size> <Qd>, <Dn>, <Dm[x]> (A8.8 VQDMLAL, VQDMLSL) */
enum exec_result neon_VQDMLSL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_vqdmlsl);
}

/* VQDMULL<c>.S<size> <Qd>, <Dn>, <Dm[x]> (A8.8 VQDMULL) */
enum exec_result neon_VQDMULL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_long(cpu, insn, op_vqdmull);
}

/* One element of a same-length form by scalar: x Vn's element, sc the
 * scalar, acc Vd's element. */
typedef uint64_t scalar_fn(uint64_t x, uint64_t sc, uint64_t acc,
			   unsigned esize, bool *sat);

NEON_INLINE void scalar_same_esize(struct cpu *cpu, unsigned esize,
				   unsigned d, unsigned n, unsigned regs,
				   uint64_t sc, scalar_fn *op)
{
	bool sat = false;
	for (unsigned r = 0; r < regs; r++) {
		uint64_t a = neon_d(cpu, n + r), acc = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < 64 / esize; e++)
			res = neon_set_elem(res, e, esize,
					    op(neon_elem(a, e, esize), sc,
					       neon_elem(acc, e, esize), esize,
					       &sat));
		neon_set_d(cpu, d + r, res);
	}
	if (sat)
		neon_set_qc(cpu);
}

/* The same-length forms by scalar: Q is bit 24, Vd and Vn even when it
 * is set; Vd[e] = op(Vn[e], Dm[x], Vd[e]). */
NEON_INLINE enum exec_result scalar_same(struct cpu *cpu, uint32_t insn,
					 scalar_fn *op)
{
	unsigned size = NBITS(insn, 21, 20), esize = 8u << size;
	bool q = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn);
	if (size == 0 || neon_q_bad(q, d) || neon_q_bad(q, n))
		return cpu_undefined(cpu);
	uint64_t sc = scalar_operand(cpu, insn, esize);
	if (esize == 16)
		scalar_same_esize(cpu, 16, d, n, q ? 2 : 1, sc, op);
	else
		scalar_same_esize(cpu, 32, d, n, q ? 2 : 1, sc, op);
	return EXEC_OK;
}

/* VMLA<c>.<dt> <Qd>, <Qn>, <Dm[x]> (A8.8 VMLA, VMLAL, VMLS, VMLSL (by
 * scalar), integer) */
static inline uint64_t op_vmla_sc(uint64_t x, uint64_t sc, uint64_t acc,
				  unsigned esize, bool *sat)
{
	return acc + x * sc;
}
enum exec_result neon_VMLA_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_same(cpu, insn, op_vmla_sc);
}

/* VMLS<c>.<dt> <Qd>, <Qn>, <Dm[x]> */
static inline uint64_t op_vmls_sc(uint64_t x, uint64_t sc, uint64_t acc,
				  unsigned esize, bool *sat)
{
	return acc - x * sc;
}
enum exec_result neon_VMLS_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_same(cpu, insn, op_vmls_sc);
}

/* VMUL<c>.<dt> <Qd>, <Qn>, <Dm[x]> (A8.8 VMUL, VMULL (by scalar)) */
static inline uint64_t op_vmul_sc(uint64_t x, uint64_t sc, uint64_t acc,
				  unsigned esize, bool *sat)
{
	return x * sc;
}
enum exec_result neon_VMUL_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_same(cpu, insn, op_vmul_sc);
}

/* The high half of 2 * Vn[e] * Dm[x] (signed), rounded for VQRDMULH,
 * saturated. */
static inline uint64_t qdmulh_sc(uint64_t x, uint64_t sc, unsigned esize,
				 bool round, bool *sat)
{
	__int128 p = 2 * (__int128)neon_sext(x, esize) * neon_sext(sc, esize);
	if (round)
		p += (__int128)1 << (esize - 1);
	return neon_sat_s(p >> esize, esize, sat);
}

/* VQDMULH<c>.S<size> <Qd>, <Qn>, <Dm[x]> (A8.8 VQDMULH) */
static inline uint64_t op_vqdmulh_sc(uint64_t x, uint64_t sc, uint64_t acc,
				     unsigned esize, bool *sat)
{
	return qdmulh_sc(x, sc, esize, false, sat);
}
enum exec_result neon_VQDMULH_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_same(cpu, insn, op_vqdmulh_sc);
}

/* VQRDMULH<c>.S<size> <Qd>, <Qn>, <Dm[x]> (A8.8 VQRDMULH) */
static inline uint64_t op_vqrdmulh_sc(uint64_t x, uint64_t sc, uint64_t acc,
				      unsigned esize, bool *sat)
{
	return qdmulh_sc(x, sc, esize, true, sat);
}
enum exec_result neon_VQRDMULH_scalar(struct cpu *cpu, uint32_t insn)
{
	return scalar_same(cpu, insn, op_vqrdmulh_sc);
}
