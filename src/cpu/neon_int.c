/* Advanced SIMD integer and logical instructions with three registers of
 * the same length (A7.4.1), and one register and a modified immediate
 * (A7.4.6). The floating-point part of A7.4.1 is in neon_float.c.
 *
 * neon.def dispatches its lines to neon_3same and neon_1reg_imm, which
 * pick the operation from the opcode bits (A, B, U; cmode, op). */
#include "cpu/neon_internal.h"

/* A8.8.351 VMUL (polynomial): carry-less multiply, low esize bits. */
static uint64_t poly_mul(uint64_t a, uint64_t b, unsigned esize)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < esize; i++)
		if ((b >> i) & 1u)
			r ^= a << i;
	return r & neon_mask(esize);
}

/* The per-element operation of the integer 3-same group; `a` is the Vn
 * element, `b` the Vm element, `acc` the Vd element. */
static uint64_t int3_elem(struct cpu *cpu, unsigned opc, unsigned bbit,
			  bool u, unsigned esize, uint64_t a, uint64_t b,
			  uint64_t acc)
{
	int64_t sa = neon_int(a, esize, u), sb = neon_int(b, esize, u);
	__int128 wa = sa, wb = sb;
	if (u) { /* 64-bit unsigned elements do not fit int64_t */
		wa = (__int128)(a & neon_mask(esize));
		wb = (__int128)(b & neon_mask(esize));
	}
	uint64_t ones = neon_mask(esize);
	bool sat = false;
	uint64_t r = 0;
	switch (opc * 2 + bbit) {
	case 0: /* VHADD */
		r = (uint64_t)((wa + wb) >> 1);
		break;
	case 1: /* VQADD */
		r = neon_sat(wa + wb, esize, u, &sat);
		break;
	case 2: /* VRHADD */
		r = (uint64_t)((wa + wb + 1) >> 1);
		break;
	case 4: /* VHSUB */
		r = (uint64_t)((wa - wb) >> 1);
		break;
	case 5: /* VQSUB */
		r = neon_sat(wa - wb, esize, u, &sat);
		break;
	case 6: /* VCGT */
		r = wa > wb ? ones : 0;
		break;
	case 7: /* VCGE */
		r = wa >= wb ? ones : 0;
		break;
	case 8: /* VSHL (register): data in Vm, shift in Vn */
		return neon_shl_reg(cpu, b, (int8_t)a, esize, u, false, false);
	case 9: /* VQSHL (register) */
		return neon_shl_reg(cpu, b, (int8_t)a, esize, u, false, true);
	case 10: /* VRSHL */
		return neon_shl_reg(cpu, b, (int8_t)a, esize, u, true, false);
	case 11: /* VQRSHL */
		return neon_shl_reg(cpu, b, (int8_t)a, esize, u, true, true);
	case 12: /* VMAX */
		r = (uint64_t)(wa > wb ? wa : wb);
		break;
	case 13: /* VMIN */
		r = (uint64_t)(wa < wb ? wa : wb);
		break;
	case 14: /* VABD */
		r = (uint64_t)(wa > wb ? wa - wb : wb - wa);
		break;
	case 15: /* VABA */
		r = acc + (uint64_t)(wa > wb ? wa - wb : wb - wa);
		break;
	case 16: /* VADD / VSUB */
		r = u ? a - b : a + b;
		break;
	case 17: /* VTST / VCEQ */
		if (u)
			r = ((a ^ b) & ones) == 0 ? ones : 0;
		else
			r = (a & b & ones) != 0 ? ones : 0;
		break;
	case 18: /* VMLA / VMLS */
		r = u ? acc - a * b : acc + a * b;
		break;
	case 19: /* VMUL (integer, or polynomial when U) */
		r = u ? poly_mul(a, b, esize) : a * b;
		break;
	case 22: { /* VQDMULH / VQRDMULH: signed */
		__int128 p = 2 * (__int128)neon_sext(a, esize) *
			     neon_sext(b, esize);
		if (u)
			p += (__int128)1 << (esize - 1);
		r = neon_sat_s(p >> esize, esize, &sat);
		break;
	}
	default:
		break;
	}
	if (sat)
		neon_set_qc(cpu);
	return r & ones;
}

/* VPADD / VPMAX / VPMIN (integer), A8.8.362, A8.8.364: D registers
 * only; the low half of the result comes from pairs of Dn, the high half
 * from pairs of Dm. */
static void int3_pairwise(struct cpu *cpu, unsigned kind, bool u,
			  unsigned esize, unsigned d, unsigned n, unsigned m)
{
	uint64_t src[2] = {neon_d(cpu, n), neon_d(cpu, m)}, r = 0;
	unsigned h = 32 / esize; /* elements per half */
	for (unsigned i = 0; i < 2 * h; i++) {
		uint64_t v = src[i / h];
		unsigned j = (i % h) * 2;
		uint64_t x = neon_elem(v, j, esize), y = neon_elem(v, j + 1, esize);
		int64_t sx = neon_int(x, esize, u), sy = neon_int(y, esize, u);
		uint64_t e;
		if (kind == 0) /* VPADD */
			e = x + y;
		else if (kind == 1) /* VPMAX */
			e = sx > sy ? x : y;
		else /* VPMIN */
			e = sx < sy ? x : y;
		r = neon_set_elem(r, i, esize, e);
	}
	neon_set_d(cpu, d, r);
}

/* VAND, VBIC, VORR, VORN, VEOR, VBSL, VBIT, VBIF (A8.8.280 ff.). */
static uint64_t logic3(unsigned op, uint64_t dv, uint64_t n, uint64_t m)
{
	switch (op) {
	case 0: return n & m;   /* VAND */
	case 1: return n & ~m;  /* VBIC */
	case 2: return n | m;   /* VORR (VMOV when n == m) */
	case 3: return n | ~m;  /* VORN */
	case 4: return n ^ m;   /* VEOR */
	case 5: return (n & dv) | (m & ~dv); /* VBSL */
	case 6: return (n & m) | (dv & ~m);  /* VBIT */
	default: return (dv & m) | (n & ~m); /* VBIF */
	}
}

enum exec_result neon_3same(struct cpu *cpu, uint32_t insn)
{
	unsigned opc = NBITS(insn, 11, 8), bbit = NBIT(insn, 4);
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned size = NBITS(insn, 21, 20), esize = 8u << size;
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	/* the floating-point rows (B = 1100 with the B bit, 1101-1111) are
	 * neon.def lines of their own (neon_3same_float) */
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	unsigned regs = q ? 2 : 1;
	if (opc == 1 && bbit) {
		unsigned op = (u ? 4 : 0) | size;
		for (unsigned r = 0; r < regs; r++)
			neon_set_d(cpu, d + r,
				   logic3(op, neon_d(cpu, d + r),
					  neon_d(cpu, n + r),
					  neon_d(cpu, m + r)));
		return EXEC_OK;
	}
	if (opc == 10 || (opc == 11 && bbit)) {
		/* VPMAX/VPMIN; VPADD (U = 1 UNDEFINED) */
		if (q || size == 3 || (opc == 11 && u))
			return cpu_undefined(cpu);
		int3_pairwise(cpu, opc == 11 ? 0 : 1 + bbit, u, esize, d, n,
			      m);
		return EXEC_OK;
	}
	/* Which operations take 64-bit elements: VQADD, VQSUB, the register
	 * shifts, VADD/VSUB. VQDMULH/VQRDMULH take 16 and 32 only; the
	 * polynomial VMUL 8 only; the rest 8, 16, 32. */
	bool allow64 = (opc == 0 && bbit) || (opc == 2 && bbit) ||
		       opc == 4 || opc == 5 || (opc == 8 && !bbit);
	if (size == 3 && !allow64)
		return cpu_undefined(cpu);
	if (opc == 11 && (size == 0 || size == 3))
		return cpu_undefined(cpu);
	if (opc == 9 && bbit && u && size != 0)
		return cpu_undefined(cpu);
	unsigned elems = 64 / esize;
	for (unsigned r = 0; r < regs; r++) {
		uint64_t a = neon_d(cpu, n + r), b = neon_d(cpu, m + r);
		uint64_t acc = neon_d(cpu, d + r), res = 0;
		for (unsigned e = 0; e < elems; e++)
			res = neon_set_elem(
				res, e, esize,
				int3_elem(cpu, opc, bbit, u, esize,
					  neon_elem(a, e, esize),
					  neon_elem(b, e, esize),
					  neon_elem(acc, e, esize)));
		neon_set_d(cpu, d + r, res);
	}
	return EXEC_OK;
}

/* AdvSIMDExpandImm (A7.4.6): false for the UNDEFINED op = 1, cmode = 1111
 * combination. */
static bool expand_imm(unsigned op, unsigned cmode, unsigned imm8,
		       uint64_t *out)
{
	uint64_t i = imm8, v;
	switch (cmode >> 1) {
	case 0: v = i; break;
	case 1: v = i << 8; break;
	case 2: v = i << 16; break;
	case 3: v = i << 24; break;
	case 4: v = i * 0x0001000100010001ull; *out = v; return true;
	case 5: v = (i << 8) * 0x0001000100010001ull; *out = v; return true;
	case 6:
		v = (cmode & 1) ? (i << 16) | 0xffff : (i << 8) | 0xff;
		break;
	default:
		if (!(cmode & 1)) {
			if (!op) {
				*out = i * 0x0101010101010101ull;
				return true;
			}
			v = 0;
			for (unsigned b = 0; b < 8; b++)
				if ((imm8 >> b) & 1u)
					v |= 0xffull << (8 * b);
			*out = v;
			return true;
		}
		if (op)
			return false;
		/* VFPExpandImm for single precision:
		 * a:NOT(b):bbbbb:cdefgh:Zeros(19) */
		{
			uint32_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
			uint32_t f = (a << 31) | ((b ^ 1u) << 30) |
				     ((b ? 0x1fu : 0u) << 25) |
				     ((imm8 & 0x3fu) << 19);
			v = f;
		}
		break;
	}
	*out = v | (v << 32);
	return true;
}

/* VMOV, VMVN, VORR, VBIC (immediate), A8.8.339, A8.8.355, A8.8.366,
 * A8.8.282. */
enum exec_result neon_1reg_imm(struct cpu *cpu, uint32_t insn)
{
	unsigned cmode = NBITS(insn, 11, 8), op = NBIT(insn, 5);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn);
	unsigned imm8 = (NBIT(insn, 24) << 7) | (NBITS(insn, 18, 16) << 4) |
			NBITS(insn, 3, 0);
	uint64_t imm;
	if (neon_q_bad(q, d) || !expand_imm(op, cmode, imm8, &imm))
		return cpu_undefined(cpu);
	/* VORR/VBIC: cmode 0xx1 and 10x1; everything else moves. */
	bool logical = (cmode & 1) && cmode < 12;
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t v = neon_d(cpu, d + r);
		if (logical)
			v = op ? v & ~imm : v | imm;
		else
			v = op && cmode != 14 ? ~imm : imm;
		neon_set_d(cpu, d + r, v);
	}
	return EXEC_OK;
}
