/* Advanced SIMD two registers, miscellaneous (A7.4.5, Table A7-13): the
 * integer operations live here; the permutes (VSWP, VTRN, VUZP, VZIP) are
 * in neon_perm.c and the floating-point ones (float VABS/VNEG/compare with
 * zero, VCVT, VRECPE/VRSQRTE) in neon_float.c.
 *
 * neon.def dispatches the integer lines to neon_2reg_misc, which picks
 * the operation from A and B (the float rows with F = 1 go on to
 * neon_float.c). */
#include "cpu/neon_internal.h"

static unsigned clz_esize(uint64_t v, unsigned esize)
{
	unsigned n = 0;
	for (int i = (int)esize - 1; i >= 0 && !((v >> i) & 1u); i--)
		n++;
	return n;
}

/* Element-wise unary operation of A = 00 (size-preserving). */
static uint64_t misc_elem(struct cpu *cpu, unsigned b, unsigned esize,
			  uint64_t x, bool *sat)
{
	int64_t s = neon_sext(x, esize);
	switch (b >> 1) {
	case 8: /* VCLS: leading sign bits, not counting the sign */
		return clz_esize((uint64_t)(s < 0 ? ~s : s), esize) - 1;
	case 9: /* VCLZ */
		return clz_esize(x, esize);
	case 10: /* VCNT */
		return (uint64_t)__builtin_popcountll(x & neon_mask(esize));
	case 11: /* VMVN */
		return ~x;
	case 14: /* VQABS */
		return neon_sat_s(s < 0 ? -(__int128)s : s, esize, sat);
	default: /* 15: VQNEG */
		return neon_sat_s(-(__int128)s, esize, sat);
	}
}

/* A = 01, F = 0: integer compare with zero, VABS, VNEG (A8.8.29x). */
static uint64_t misc_cmp0(unsigned op, unsigned esize, uint64_t x)
{
	int64_t s = neon_sext(x, esize);
	uint64_t ones = neon_mask(esize);
	switch (op) {
	case 0: return s > 0 ? ones : 0;  /* VCGT #0 */
	case 1: return s >= 0 ? ones : 0; /* VCGE #0 */
	case 2: return s == 0 ? ones : 0; /* VCEQ #0 */
	case 3: return s <= 0 ? ones : 0; /* VCLE #0 */
	case 4: return s < 0 ? ones : 0;  /* VCLT #0 */
	case 6: return (uint64_t)(s < 0 ? -s : s); /* VABS (wraps) */
	default: return (uint64_t)-s;     /* 7: VNEG */
	}
}

/* VREV16/32/64 (A8.8.389-391): reverse esize elements within groups. */
static uint64_t vrev(uint64_t v, unsigned esize, unsigned group)
{
	uint64_t r = 0;
	unsigned per = group / esize;
	for (unsigned e = 0; e < 64 / esize; e++) {
		unsigned base = e - e % per, off = e % per;
		r = neon_set_elem(r, base + per - 1 - off, esize,
				  neon_elem(v, e, esize));
	}
	return r;
}

/* VPADDL / VPADAL (A8.8.360, A8.8.357): pairs widened and added. */
static uint64_t paddl(uint64_t v, unsigned esize, bool u, uint64_t acc,
		      bool accumulate)
{
	uint64_t r = 0;
	for (unsigned e = 0; e < 32 / esize; e++) {
		int64_t x = neon_int(neon_elem(v, 2 * e, esize), esize, u);
		int64_t y = neon_int(neon_elem(v, 2 * e + 1, esize), esize, u);
		uint64_t s = (uint64_t)x + (uint64_t)y;
		if (accumulate)
			s += neon_elem(acc, e, 2 * esize);
		r = neon_set_elem(r, e, 2 * esize, s);
	}
	return r;
}

/* VMOVN, VQMOVN, VQMOVUN (A8.8.343, A8.8.374): Dd = narrow(Qm). */
static enum exec_result movn(struct cpu *cpu, unsigned op, unsigned esize,
			     unsigned d, unsigned m)
{
	if (m & 1)
		return cpu_undefined(cpu);
	uint64_t src[2] = {neon_d(cpu, m), neon_d(cpu, m + 1)}, r = 0;
	unsigned per = 32 / esize;
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t x = neon_elem(src[e / per], e % per, 2 * esize);
		uint64_t o;
		if (op == 0) /* VMOVN */
			o = x;
		else if (op == 1) /* VQMOVUN: signed to unsigned */
			o = neon_sat_u(neon_sext(x, 2 * esize), esize, &sat);
		else if (op == 2) /* VQMOVN.S */
			o = neon_sat_s(neon_sext(x, 2 * esize), esize, &sat);
		else /* VQMOVN.U */
			o = neon_sat_u((__int128)x, esize, &sat);
		r = neon_set_elem(r, e, esize, o);
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, r);
	return EXEC_OK;
}

/* VSHLL with the maximum shift (A8.8.370 encoding A2): Qd = Dm << esize. */
static enum exec_result shll_max(struct cpu *cpu, unsigned esize, unsigned d,
				 unsigned m)
{
	if (d & 1)
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

enum exec_result neon_2reg_misc(struct cpu *cpu, uint32_t insn)
{
	unsigned a = NBITS(insn, 17, 16), b = NBITS(insn, 10, 6);
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned regs = q ? 2 : 1;

	/* neon.def sends the permutes (A = 10, B = 00xxx) to neon_perm_misc,
	 * VCVT (half) and the A = 11 rows to neon_misc_float directly. */
	if (a == 2) {
		if ((b >> 2) == 2) { /* 010xx: VMOVN, VQMOVUN, VQMOVN */
			if (size == 3)
				return cpu_undefined(cpu);
			return movn(cpu, b & 3, esize, d, m);
		}
		if (b == 12) { /* VSHLL (maximum shift) */
			if (size == 3)
				return cpu_undefined(cpu);
			return shll_max(cpu, esize, d, m);
		}
		return cpu_undefined(cpu);
	}
	if (a == 1 && (b & 0x10))
		return neon_misc_float(cpu, insn); /* F = 1 */
	if (neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	if (a == 1) {
		unsigned op = (b >> 1) & 7;
		if (size == 3 || op == 5)
			return cpu_undefined(cpu);
		for (unsigned r = 0; r < regs; r++) {
			uint64_t v = neon_d(cpu, m + r), res = 0;
			for (unsigned e = 0; e < 64 / esize; e++)
				res = neon_set_elem(
					res, e, esize,
					misc_cmp0(op, esize,
						  neon_elem(v, e, esize)));
			neon_set_d(cpu, d + r, res);
		}
		return EXEC_OK;
	}
	/* a == 0 */
	unsigned op = b >> 1;
	switch (op) {
	case 0: case 1: case 2: { /* VREV64, VREV32, VREV16 */
		if (op + size >= 3)
			return cpu_undefined(cpu);
		unsigned group = 64u >> op;
		for (unsigned r = 0; r < regs; r++)
			neon_set_d(cpu, d + r,
				   vrev(neon_d(cpu, m + r), esize, group));
		return EXEC_OK;
	}
	case 4: case 5: case 12: case 13: { /* VPADDL, VPADAL */
		if (size == 3)
			return cpu_undefined(cpu);
		bool u = NBIT(insn, 7), acc = op >= 12;
		for (unsigned r = 0; r < regs; r++)
			neon_set_d(cpu, d + r,
				   paddl(neon_d(cpu, m + r), esize, u,
					 neon_d(cpu, d + r), acc));
		return EXEC_OK;
	}
	case 8: case 9: case 10: case 11: case 14: case 15:
		if (size == 3 || ((op == 10 || op == 11) && size != 0))
			return cpu_undefined(cpu);
		break;
	default:
		return cpu_undefined(cpu);
	}
	bool sat = false;
	for (unsigned r = 0; r < regs; r++) {
		uint64_t v = neon_d(cpu, m + r), res = 0;
		for (unsigned e = 0; e < 64 / esize; e++)
			res = neon_set_elem(res, e, esize,
					    misc_elem(cpu, b, esize,
						      neon_elem(v, e, esize),
						      &sat));
		neon_set_d(cpu, d + r, res);
	}
	if (sat)
		neon_set_qc(cpu);
	return EXEC_OK;
}
