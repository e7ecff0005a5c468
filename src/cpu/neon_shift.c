/* Advanced SIMD shifts: by a register (the helper the 3-same group
 * uses) and two registers and a shift amount (A7.4.4): VSHR, VSRA, VRSHR,
 * VRSRA, VSRI, VSHL, VSLI, VQSHL, VQSHLU, VSHRN, VRSHRN, VQSHRN, VQRSHRN,
 * VQSHRUN, VQRSHRUN, VSHLL, VMOVL, VCVT (fixed-point).
 *
 * neon.def dispatches the A7.4.4 lines to neon_2reg_shift, which picks
 * the operation from A, L, B and U. */
#include "cpu/neon_internal.h"

/* Element value as a 128-bit integer of the given signedness. */
static inline __int128 wide(uint64_t v, unsigned esize, bool is_unsigned)
{
	if (is_unsigned)
		return (__int128)(v & neon_mask(esize));
	return neon_sext(v, esize);
}

/* (v + round) >> n for n in 1..127, arithmetic, on 128 bits; the result
 * of an n past the value's width is 0 or -1 (0 when rounding). */
static __int128 shr_wide(__int128 v, unsigned n, bool round)
{
	if (n > 100)
		n = 100; /* beyond any 65-bit value: same result */
	if (round)
		v += (__int128)1 << (n - 1);
	return v >> n;
}

/* Left shift with saturation of an element already sign- or zero-
 * extended: any non-zero value shifted by esize or more saturates. */
static uint64_t qshl_wide(__int128 v, unsigned n, unsigned esize,
			  bool unsigned_result, bool *sat)
{
	if (v == 0)
		return 0;
	if (n >= esize) {
		/* |v| << esize is out of range for every non-zero v */
		__int128 big = v > 0 ? ((__int128)1 << 100) : -((__int128)1 << 100);
		return neon_sat(big, esize, unsigned_result, sat);
	}
	return neon_sat(v * ((__int128)1 << n), esize, unsigned_result, sat);
}

uint64_t neon_shl_reg(struct cpu *cpu, uint64_t a, int shift, unsigned esize,
		      bool is_unsigned, bool round, bool saturate)
{
	__int128 v = wide(a, esize, is_unsigned);
	uint64_t r;
	if (shift >= 0) {
		if (saturate) {
			bool sat = false;
			r = qshl_wide(v, (unsigned)shift, esize, is_unsigned,
				      &sat);
			if (sat)
				neon_set_qc(cpu);
			return r;
		}
		r = shift >= (int)esize ? 0 : (uint64_t)v << shift;
	} else {
		r = (uint64_t)shr_wide(v, (unsigned)-shift, round);
	}
	return r & neon_mask(esize);
}

/* Narrowing shifts (A = 1000, 1001): Dd = narrow(Qm >> shift). */
static enum exec_result shift_narrow(struct cpu *cpu, uint32_t insn,
				     unsigned esize, unsigned shift)
{
	bool u = NBIT(insn, 24), round = NBIT(insn, 6);
	bool sat_op = NBIT(insn, 8) || u;
	/* A = 1000, U = 0: VSHRN/VRSHRN (no saturation); U = 1: VQSHRUN
	 * (signed source, unsigned result); A = 1001: VQSHRN, signedness U. */
	bool src_unsigned = NBIT(insn, 8) ? u : false;
	bool dst_unsigned = NBIT(insn, 8) ? u : true;
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (m & 1)
		return cpu_undefined(cpu);
	uint64_t src[2] = {neon_d(cpu, m), neon_d(cpu, m + 1)}, res = 0;
	unsigned per = 32 / esize; /* source elements per D register */
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t x = neon_elem(src[e / per], e % per, 2 * esize);
		__int128 v = shr_wide(wide(x, 2 * esize, src_unsigned), shift,
				      round);
		uint64_t o = sat_op ? neon_sat(v, esize, dst_unsigned, &sat)
				    : (uint64_t)v;
		res = neon_set_elem(res, e, esize, o);
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, res);
	return EXEC_OK;
}

/* VSHLL (immediate, shift < esize) and VMOVL: Qd = Dm << shift. */
static enum exec_result shift_long(struct cpu *cpu, uint32_t insn,
				   unsigned esize, unsigned shift)
{
	bool u = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (d & 1)
		return cpu_undefined(cpu);
	uint64_t src = neon_d(cpu, m), out[2] = {0, 0};
	unsigned per = 32 / esize;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t v = (uint64_t)wide(neon_elem(src, e, esize), esize, u)
			     << shift;
		out[e / per] = neon_set_elem(out[e / per], e % per, 2 * esize,
					     v);
	}
	neon_set_d(cpu, d, out[0]);
	neon_set_d(cpu, d + 1, out[1]);
	return EXEC_OK;
}

enum exec_result neon_2reg_shift(struct cpu *cpu, uint32_t insn)
{
	unsigned a = NBITS(insn, 11, 8), l = NBIT(insn, 7);
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned imm6 = NBITS(insn, 21, 16);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned esize;
	if (l)
		esize = 64;
	else if (imm6 & 0x20)
		esize = 32;
	else if (imm6 & 0x10)
		esize = 16;
	else
		esize = 8;
	/* left shift amount imm6 - esize (mod 64), right 2*esize - imm6 */
	unsigned left = (imm6 - (esize == 64 ? 0 : esize)) & 63u;
	unsigned right = (esize == 64 ? 64 : 2 * esize) - imm6;

	if (a >= 8) {
		if (l)
			return cpu_undefined(cpu);
		switch (a) {
		case 8: case 9:
			/* VSHRN etc.: esize is the result's, imm6 as for a
			 * right shift of the double-width source */
			return shift_narrow(cpu, insn, esize, right);
		case 10:
			if (q)
				return cpu_undefined(cpu);
			return shift_long(cpu, insn, esize, left);
		case 14: case 15:
			return neon_vcvt_fixed(cpu, insn);
		default:
			return cpu_undefined(cpu);
		}
	}
	if (neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	if ((a == 4 && !u) || (a == 6 && !u))
		return cpu_undefined(cpu);
	uint64_t ones = neon_mask(esize);
	unsigned elems = 64 / esize;
	bool sat = false;
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t src = neon_d(cpu, m + r), dst = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < elems; e++) {
			uint64_t x = neon_elem(src, e, esize);
			uint64_t o = neon_elem(dst, e, esize), v;
			switch (a) {
			case 0: case 1: case 2: case 3: /* VSHR VSRA VRSHR VRSRA */
				v = (uint64_t)shr_wide(wide(x, esize, u), right,
						       a >= 2);
				if (a & 1)
					v += o;
				break;
			case 4: { /* VSRI */
				uint64_t mask = right >= 64 ? 0 : ones >> right;
				uint64_t sh = right >= 64 ? 0 : x >> right;
				v = (o & ~mask) | (sh & mask);
				break;
			}
			case 5: /* VSHL / VSLI */
				v = x << left;
				if (u) {
					uint64_t mask = ones << left;
					v = (o & ~mask) | (v & mask);
				}
				break;
			case 6: /* VQSHLU: signed source, unsigned result */
				v = qshl_wide(wide(x, esize, false), left, esize,
					      true, &sat);
				break;
			default: /* VQSHL (immediate) */
				v = qshl_wide(wide(x, esize, u), left, esize, u,
					      &sat);
				break;
			}
			res = neon_set_elem(res, e, esize, v);
		}
		neon_set_d(cpu, d + r, res);
	}
	if (sat)
		neon_set_qc(cpu);
	return EXEC_OK;
}
