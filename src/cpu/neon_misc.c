/* Advanced SIMD two registers, miscellaneous (A7.4.5, Table A7-13): the
 * integer operations live here; the permutes (VSWP, VTRN, VUZP, VZIP) are
 * in neon_perm.c and the floating-point ones (VCVT, VRECPE/VRSQRTE, and
 * the float rows of the compare-with-zero, VABS and VNEG lines) in
 * neon_float.c.
 *
 * One handler per neon.def line (neon_VREV64, …). The compare-with-zero,
 * VABS and VNEG lines have an F bit (the manual's one instruction for
 * integer and float elements): F = 1 goes on to the neon_*_f function of
 * neon_float.c. */
#include "cpu/neon_internal.h"

/* The element-wise forms: D:Vd, M:Vm, Q (Q operands even), size among
 * `sizes`; Vd[e] = op(Vm[e], Vd[e]). */
NEON_INLINE enum exec_result misc1(struct cpu *cpu, uint32_t insn,
				   unsigned sizes, neon_elem_fn *op)
{
	unsigned size = NBITS(insn, 19, 18);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, m) ||
	    !neon_size_ok(sizes, size))
		return cpu_undefined(cpu);
	neon_map(cpu, d, m, m, q ? 2 : 1, 8u << size, false, 0, op);
	return EXEC_OK;
}

/* ---- A = 00 ---- */

/* VREV16/32/64: reverse the esize elements within each `group`-bit
 * group of each D register; UNDEFINED when the elements are not smaller
 * than the group. */
NEON_INLINE enum exec_result vrev(struct cpu *cpu, uint32_t insn,
				  unsigned group)
{
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, m) || esize >= group)
		return cpu_undefined(cpu);
	unsigned per = group / esize;
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, m + r), res = 0;
		for (unsigned e = 0; e < 64 / esize; e++) {
			unsigned base = e - e % per, off = e % per;
			res = neon_set_elem(res, base + per - 1 - off, esize,
					    neon_elem(v, e, esize));
		}
		neon_set_d(cpu, d + r, res);
	}
	return EXEC_OK;
}

/* VREV64<c>.<size> <Qd>, <Qm> (A8.8 VREV16, VREV32, VREV64) */
enum exec_result neon_VREV64(struct cpu *cpu, uint32_t insn)
{
	return vrev(cpu, insn, 64);
}

/* VREV32<c>.<size> <Qd>, <Qm> */
enum exec_result neon_VREV32(struct cpu *cpu, uint32_t insn)
{
	return vrev(cpu, insn, 32);
}

/* VREV16<c>.<size> <Qd>, <Qm> */
enum exec_result neon_VREV16(struct cpu *cpu, uint32_t insn)
{
	return vrev(cpu, insn, 16);
}

/* VPADDL and VPADAL: adjacent pairs of Vm's elements, extended by op
 * (bit 7: 1 unsigned), added into 2*esize-bit elements, then added to
 * Vd's for VPADAL; sizes 8-32. */
NEON_INLINE enum exec_result paddl(struct cpu *cpu, uint32_t insn,
				   bool accumulate)
{
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	bool q = NBIT(insn, 6), u = NBIT(insn, 7);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, m) || size == 3)
		return cpu_undefined(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, m + r), acc = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < 32 / esize; e++) {
			int64_t x = neon_int(neon_elem(v, 2 * e, esize), esize,
					     u);
			int64_t y = neon_int(neon_elem(v, 2 * e + 1, esize),
					     esize, u);
			uint64_t s = (uint64_t)x + (uint64_t)y;
			if (accumulate)
				s += neon_elem(acc, e, 2 * esize);
			res = neon_set_elem(res, e, 2 * esize, s);
		}
		neon_set_d(cpu, d + r, res);
	}
	return EXEC_OK;
}

/* VPADDL<c>.<dt> <Qd>, <Qm> (A8.8 VPADDL) */
enum exec_result neon_VPADDL(struct cpu *cpu, uint32_t insn)
{
	return paddl(cpu, insn, false);
}

/* VPADAL<c>.<dt> <Qd>, <Qm> (A8.8 VPADAL) */
enum exec_result neon_VPADAL(struct cpu *cpu, uint32_t insn)
{
	return paddl(cpu, insn, true);
}

static inline unsigned clz_esize(uint64_t v, unsigned esize)
{
	unsigned n = 0;
	for (int i = (int)esize - 1; i >= 0 && !((v >> i) & 1u); i--)
		n++;
	return n;
}

/* VCLS<c>.<dt> <Qd>, <Qm> (A8.8 VCLS): leading sign bits, not counting
 * the sign */
static inline uint64_t op_vcls(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	int64_t s = neon_sext(a, x->esize);
	return clz_esize((uint64_t)(s < 0 ? ~s : s), x->esize) - 1;
}
enum exec_result neon_VCLS(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vcls);
}

/* VCLZ<c>.<dt> <Qd>, <Qm> (A8.8 VCLZ) */
static inline uint64_t op_vclz(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return clz_esize(a, x->esize);
}
enum exec_result neon_VCLZ(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vclz);
}

/* VCNT<c>.8 <Qd>, <Qm> (A8.8 VCNT): size 00 only */
static inline uint64_t op_vcnt(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return (uint64_t)__builtin_popcountll(a & neon_mask(x->esize));
}
enum exec_result neon_VCNT(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8, op_vcnt);
}

/* VMVN<c>{.<dt>} <Qd>, <Qm> (A8.8 VMVN (register)): size 00 only */
static inline uint64_t op_vmvn(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return ~a;
}
enum exec_result neon_VMVN_reg(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8, op_vmvn);
}

/* VQABS<c>.S<size> <Qd>, <Qm> (A8.8 VQABS) */
static inline uint64_t op_vqabs(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	int64_t s = neon_sext(a, x->esize);
	return neon_sat_s(s < 0 ? -(__int128)s : s, x->esize, &x->sat);
}
enum exec_result neon_VQABS(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vqabs);
}

/* VQNEG<c>.S<size> <Qd>, <Qm> (A8.8 VQNEG) */
static inline uint64_t op_vqneg(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return neon_sat_s(-(__int128)neon_sext(a, x->esize), x->esize,
			  &x->sat);
}
enum exec_result neon_VQNEG(struct cpu *cpu, uint32_t insn)
{
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vqneg);
}

/* ---- A = 01: compare with zero, VABS, VNEG; F = 1 is float ---- */

static inline int64_t sx(const struct neon_elem_ctx *x, uint64_t a)
{
	return neon_sext(a, x->esize);
}

/* VCGT<c>.<dt> <Qd>, <Qm>, #0 (A8.8 VCGT (immediate #0)) */
static inline uint64_t op_vcgt0(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return sx(x, a) > 0 ? neon_mask(x->esize) : 0;
}
enum exec_result neon_VCGT_zero(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VCGT_zero_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vcgt0);
}

/* VCGE<c>.<dt> <Qd>, <Qm>, #0 (A8.8 VCGE (immediate #0)) */
static inline uint64_t op_vcge0(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return sx(x, a) >= 0 ? neon_mask(x->esize) : 0;
}
enum exec_result neon_VCGE_zero(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VCGE_zero_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vcge0);
}

/* VCEQ<c>.<dt> <Qd>, <Qm>, #0 (A8.8 VCEQ (immediate #0)) */
static inline uint64_t op_vceq0(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return sx(x, a) == 0 ? neon_mask(x->esize) : 0;
}
enum exec_result neon_VCEQ_zero(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VCEQ_zero_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vceq0);
}

/* VCLE<c>.<dt> <Qd>, <Qm>, #0 (A8.8 VCLE (immediate #0)) */
static inline uint64_t op_vcle0(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return sx(x, a) <= 0 ? neon_mask(x->esize) : 0;
}
enum exec_result neon_VCLE_zero(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VCLE_zero_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vcle0);
}

/* VCLT<c>.<dt> <Qd>, <Qm>, #0 (A8.8 VCLT (immediate #0)) */
static inline uint64_t op_vclt0(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return sx(x, a) < 0 ? neon_mask(x->esize) : 0;
}
enum exec_result neon_VCLT_zero(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VCLT_zero_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vclt0);
}

/* VABS<c>.<dt> <Qd>, <Qm> (A8.8 VABS): wraps (the most negative value
 * stays) */
static inline uint64_t op_vabs(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	int64_t s = sx(x, a);
	return (uint64_t)(s < 0 ? -s : s);
}
enum exec_result neon_VABS_simd(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VABS_simd_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vabs);
}

/* VNEG<c>.<dt> <Qd>, <Qm> (A8.8 VNEG) */
static inline uint64_t op_vneg(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return (uint64_t)-sx(x, a);
}
enum exec_result neon_VNEG_simd(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 10))
		return neon_VNEG_simd_f(cpu, insn);
	return misc1(cpu, insn, NEON_SIZES_8_32, op_vneg);
}

/* ---- A = 10: narrowing and lengthening moves ---- */

typedef uint64_t movn_fn(uint64_t x, unsigned esize, bool *sat);

/* Dd[e] = op(Qm[e]) from 2*esize to esize bits; sizes 8-32 (of the
 * result), Vm even. */
NEON_INLINE enum exec_result movn(struct cpu *cpu, uint32_t insn,
				  movn_fn *op)
{
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (size == 3 || (m & 1))
		return cpu_undefined(cpu);
	uint64_t src[2] = {neon_d(cpu, m), neon_d(cpu, m + 1)}, r = 0;
	unsigned per = 32 / esize;
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t x = neon_elem(src[e / per], e % per, 2 * esize);
		r = neon_set_elem(r, e, esize, op(x, esize, &sat));
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, r);
	return EXEC_OK;
}

/* VMOVN<c>.<dt> <Dd>, <Qm> (A8.8 VMOVN): the low halves */
static inline uint64_t op_vmovn(uint64_t x, unsigned esize, bool *sat)
{
	return x;
}
enum exec_result neon_VMOVN(struct cpu *cpu, uint32_t insn)
{
	return movn(cpu, insn, op_vmovn);
}

/* VQMOVUN<c>.<type><size> <Dd>, <Qm> (A8.8 VQMOVN, VQMOVUN): signed to
 * unsigned */
static inline uint64_t op_vqmovun(uint64_t x, unsigned esize, bool *sat)
{
	return neon_sat_u(neon_sext(x, 2 * esize), esize, sat);
}
enum exec_result neon_VQMOVUN(struct cpu *cpu, uint32_t insn)
{
	return movn(cpu, insn, op_vqmovun);
}

/* VQMOVN<c>.<type><size> <Dd>, <Qm> (A8.8 VQMOVN, VQMOVUN): op<0> (bit
 * 6) = 1 unsigned to unsigned, 0 signed to signed */
static inline uint64_t op_vqmovn_s(uint64_t x, unsigned esize, bool *sat)
{
	return neon_sat_s(neon_sext(x, 2 * esize), esize, sat);
}
static inline uint64_t op_vqmovn_u(uint64_t x, unsigned esize, bool *sat)
{
	return neon_sat_u((__int128)x, esize, sat);
}
enum exec_result neon_VQMOVN(struct cpu *cpu, uint32_t insn)
{
	if (NBIT(insn, 6))
		return movn(cpu, insn, op_vqmovn_u);
	return movn(cpu, insn, op_vqmovn_s);
}

/* VSHLL<c>.<type><size> <Qd>, <Dm>, #<imm> (A8.8 VSHLL A2, the shift
 * equal to the element size): Qd[e] = Dm[e] << esize; sizes 8-32, Vd
 * even. */
enum exec_result neon_VSHLL_max(struct cpu *cpu, uint32_t insn)
{
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (size == 3 || (d & 1))
		return cpu_undefined(cpu);
	uint64_t src = neon_d(cpu, m), out[2] = {0, 0};
	unsigned per = 32 / esize;
	for (unsigned e = 0; e < 2 * per; e++)
		out[e / per] = neon_set_elem(out[e / per], e % per, 2 * esize,
					     neon_elem(src, e, esize) << esize);
	neon_set_d(cpu, d, out[0]);
	neon_set_d(cpu, d + 1, out[1]);
	return EXEC_OK;
}
