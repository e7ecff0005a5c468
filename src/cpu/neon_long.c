/* Advanced SIMD three registers of different lengths (A7.4.2: long, wide
 * and narrow forms) and two registers and a scalar (A7.4.3).
 *
 * neon.def dispatches these lines to neon_3diff and neon_2reg_scalar,
 * which pick the operation from the opcode bits. */
#include "cpu/neon_internal.h"

/* Carry-less multiply of two 8-bit polynomials, 16-bit result
 * (VMULL.P8, A8.8.351). */
static uint64_t pmull8(uint64_t a, uint64_t b)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)
		if ((b >> i) & 1u)
			r ^= (a & 0xffu) << i;
	return r;
}

/* Element-wise operations producing 2*esize results from esize operands
 * (A = opc of Table A7-9): `a` and `b` already extended, `acc` the
 * destination element. */
static uint64_t long_elem(struct cpu *cpu, unsigned opc, unsigned esize,
			  __int128 a, __int128 b, uint64_t acc, bool *sat)
{
	unsigned w = 2 * esize;
	__int128 p;
	switch (opc) {
	case 0: case 1: /* VADDL, VADDW */
		return (uint64_t)(a + b);
	case 2: case 3: /* VSUBL, VSUBW */
		return (uint64_t)(a - b);
	case 5: /* VABAL */
		return acc + (uint64_t)(a > b ? a - b : b - a);
	case 7: /* VABDL */
		return (uint64_t)(a > b ? a - b : b - a);
	case 8: /* VMLAL */
		return acc + (uint64_t)(a * b);
	case 10: /* VMLSL */
		return acc - (uint64_t)(a * b);
	case 9: case 11: /* VQDMLAL, VQDMLSL: two saturations */
		p = neon_sat_s(2 * a * b, w, sat);
		p = neon_sext((uint64_t)p, w);
		if (opc == 9)
			p = neon_sext(acc, w) + p;
		else
			p = neon_sext(acc, w) - p;
		return neon_sat_s(p, w, sat);
	case 12: /* VMULL */
		return (uint64_t)(a * b);
	case 13: /* VQDMULL */
		return neon_sat_s(2 * a * b, w, sat);
	default: /* 14: VMULL.P8 */
		return pmull8((uint64_t)a, (uint64_t)b);
	}
}

/* Write a 128-bit result held as 2 D values, for the long forms. */
static enum exec_result long_op(struct cpu *cpu, unsigned opc, bool u,
				unsigned esize, unsigned d, unsigned n,
				unsigned m, bool wide_n, bool scalar,
				uint64_t scalar_val)
{
	unsigned w = 2 * esize, per = 32 / esize;
	uint64_t nv[2] = {neon_d(cpu, n), wide_n ? neon_d(cpu, n + 1) : 0};
	uint64_t mv = neon_d(cpu, m);
	uint64_t out[2] = {neon_d(cpu, d), neon_d(cpu, d + 1)};
	uint64_t acc[2] = {out[0], out[1]};
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		__int128 a, b;
		if (wide_n)
			a = u ? (__int128)neon_elem(nv[e / per], e % per, w)
			      : neon_sext(neon_elem(nv[e / per], e % per, w), w);
		else
			a = neon_int(neon_elem(nv[0], e, esize), esize, u);
		uint64_t bm = scalar ? scalar_val : neon_elem(mv, e, esize);
		b = neon_int(bm, esize, u);
		if (opc == 14) { /* polynomial: raw bits */
			a = (__int128)neon_elem(nv[0], e, esize);
			b = (__int128)bm;
		}
		uint64_t r = long_elem(cpu, opc, esize, a, b,
				       neon_elem(acc[e / per], e % per, w),
				       &sat);
		out[e / per] = neon_set_elem(out[e / per], e % per, w, r);
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, out[0]);
	neon_set_d(cpu, d + 1, out[1]);
	return EXEC_OK;
}

/* VADDHN, VRADDHN, VSUBHN, VRSUBHN (A8.8.283, A8.8.376, A8.8.407,
 * A8.8.386): Dd = high halves of Qn +/- Qm. */
static void narrow_op(struct cpu *cpu, bool sub, bool round, unsigned esize,
		      unsigned d, unsigned n, unsigned m)
{
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
}

enum exec_result neon_3diff(struct cpu *cpu, uint32_t insn)
{
	unsigned opc = NBITS(insn, 11, 8), size = NBITS(insn, 21, 20);
	unsigned esize = 8u << size;
	bool u = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (opc == 15 || (u && (opc == 9 || opc == 11 || opc == 13 ||
				opc == 14)))
		return cpu_undefined(cpu);
	if ((opc == 9 || opc == 11 || opc == 13) && size == 0)
		return cpu_undefined(cpu);
	if (opc == 14 && size != 0) /* VMULL.P64 is ARMv8 crypto */
		return cpu_undefined(cpu);
	if (opc == 4 || opc == 6) {
		/* narrow: Vn, Vm are Q registers */
		if ((n & 1) || (m & 1))
			return cpu_undefined(cpu);
		narrow_op(cpu, opc == 6, u, esize, d, n, m);
		return EXEC_OK;
	}
	bool wide_n = opc == 1 || opc == 3;
	if ((d & 1) || (wide_n && (n & 1)))
		return cpu_undefined(cpu);
	return long_op(cpu, opc, u, esize, d, n, m, wide_n, false, 0);
}

/* Two registers and a scalar (A7.4.3, Table A7-10). */
enum exec_result neon_2reg_scalar(struct cpu *cpu, uint32_t insn)
{
	unsigned opc = NBITS(insn, 11, 8), size = NBITS(insn, 21, 20);
	unsigned esize = 8u << size;
	bool u = NBIT(insn, 24); /* Q for the non-long forms */
	unsigned d = NEON_VD(insn), n = NEON_VN(insn);
	unsigned vm = NBITS(insn, 3, 0), mbit = NBIT(insn, 5);
	unsigned m, index;
	if (opc >= 14 || size == 0)
		return cpu_undefined(cpu);
	if (size == 1) {
		m = vm & 7;
		index = (mbit << 1) | (vm >> 3);
	} else {
		m = vm;
		index = mbit;
	}
	bool f = (opc & 1) && opc < 10 && (opc & 2) == 0;
	if (f) /* VMLA/VMLS/VMUL (float, scalar) */
		return neon_scalar_float(cpu, insn);
	uint64_t sc = neon_elem(neon_d(cpu, m), index, esize);
	switch (opc) {
	case 2: case 6: /* VMLAL, VMLSL */
		if (d & 1)
			return cpu_undefined(cpu);
		return long_op(cpu, opc == 2 ? 8 : 10, u, esize, d, n, 0, false,
			       true, sc);
	case 3: case 7: case 11: /* VQDMLAL, VQDMLSL, VQDMULL */
		if (u || (d & 1))
			return cpu_undefined(cpu);
		return long_op(cpu, opc == 3 ? 9 : opc == 7 ? 11 : 13, false,
			       esize, d, n, 0, false, true, sc);
	case 10: /* VMULL */
		if (d & 1)
			return cpu_undefined(cpu);
		return long_op(cpu, 12, u, esize, d, n, 0, false, true, sc);
	default:
		break;
	}
	/* VMLA, VMLS, VMUL, VQDMULH, VQRDMULH (integer): Q = bit 24 */
	bool q = u;
	if (neon_q_bad(q, d) || neon_q_bad(q, n))
		return cpu_undefined(cpu);
	bool sat = false;
	int64_t ss = neon_sext(sc, esize);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t a = neon_d(cpu, n + r), acc = neon_d(cpu, d + r);
		uint64_t res = 0;
		for (unsigned e = 0; e < 64 / esize; e++) {
			uint64_t x = neon_elem(a, e, esize), o;
			__int128 p;
			switch (opc) {
			case 0: o = neon_elem(acc, e, esize) + x * sc; break;
			case 4: o = neon_elem(acc, e, esize) - x * sc; break;
			case 8: o = x * sc; break;
			default: /* 12 VQDMULH, 13 VQRDMULH */
				p = 2 * (__int128)neon_sext(x, esize) * ss;
				if (opc == 13)
					p += (__int128)1 << (esize - 1);
				o = neon_sat_s(p >> esize, esize, &sat);
				break;
			}
			res = neon_set_elem(res, e, esize, o);
		}
		neon_set_d(cpu, d + r, res);
	}
	if (sat)
		neon_set_qc(cpu);
	return EXEC_OK;
}
