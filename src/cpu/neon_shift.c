/* Advanced SIMD shifts: by a register (VSHL, VQSHL, VRSHL, VQRSHL, rows
 * of A7.4.1) and by an immediate, two registers and a shift amount
 * (A7.4.4): VSHR, VSRA, VRSHR, VRSRA, VSRI, VSHL, VSLI, VQSHL, VQSHLU,
 * VSHRN, VRSHRN, VQSHRN, VQRSHRN, VQSHRUN, VQRSHRUN, VSHLL (VMOVL is
 * VSHLL by 0). VCVT (fixed-point), the float row of A7.4.4, is in
 * neon_float.c.
 *
 * One handler per neon.def line (neon_VSHR, …); the element-wise ones
 * run their operation in neon_internal.h's loop, the narrowing and
 * lengthening ones in shift_narrow and shift_long. */
#include "cpu/neon_internal.h"

/* (v + round) >> n for n in 1..127, arithmetic, on 128 bits; the result
 * of an n past the value's width is 0 or -1 (0 when rounding). */
static inline __int128 shr_wide(__int128 v, unsigned n, bool round)
{
	if (n > 100)
		n = 100; /* beyond any 65-bit value: same result */
	if (round)
		v += (__int128)1 << (n - 1);
	return v >> n;
}

/* Left shift with saturation of an element already sign- or zero-
 * extended: any non-zero value shifted by esize or more saturates. */
static inline uint64_t qshl_wide(__int128 v, unsigned n, unsigned esize,
				 bool unsigned_result, bool *sat)
{
	if (v == 0)
		return 0;
	if (n >= esize) {
		/* |v| << esize is out of range for every non-zero v */
		__int128 big = v > 0 ? ((__int128)1 << 100)
				     : -((__int128)1 << 100);
		return neon_sat(big, esize, unsigned_result, sat);
	}
	return neon_sat(v * ((__int128)1 << n), esize, unsigned_result, sat);
}

/* ---- shifts by a register: the shift is the bottom byte of Vn's element
 * (signed; negative shifts right), the data Vm's ---- */

NEON_INLINE uint64_t shl_reg(struct neon_elem_ctx *x, uint64_t a,
			     uint64_t b, bool round, bool saturate)
{
	unsigned esize = x->esize;
	int shift = (int8_t)a;
	__int128 v = neon_wide(b, esize, x->u);
	if (shift < 0)
		return (uint64_t)shr_wide(v, (unsigned)-shift, round);
	if (saturate)
		return qshl_wide(v, (unsigned)shift, esize, x->u, &x->sat);
	return shift >= (int)esize ? 0 : (uint64_t)v << shift;
}

/* The operands of A7.4.1 (every size: 64-bit elements too). */
NEON_INLINE enum exec_result shift_reg(struct cpu *cpu, uint32_t insn,
				       neon_elem_fn *op)
{
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned size = NBITS(insn, 21, 20);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	neon_map(cpu, d, n, m, q ? 2 : 1, 8u << size, u, 0, op);
	return EXEC_OK;
}

/* VSHL<c>.<type><size> <Qd>, <Qm>, <Qn> (A8.8 VSHL (register)) */
static inline uint64_t op_vshl_reg(struct neon_elem_ctx *x, uint64_t a,
				   uint64_t b, uint64_t acc)
{
	return shl_reg(x, a, b, false, false);
}
enum exec_result neon_VSHL_reg(struct cpu *cpu, uint32_t insn)
{
	return shift_reg(cpu, insn, op_vshl_reg);
}

/* VQSHL<c>.<type><size> <Qd>, <Qm>, <Qn> (A8.8 VQSHL (register)) */
static inline uint64_t op_vqshl_reg(struct neon_elem_ctx *x, uint64_t a,
				    uint64_t b, uint64_t acc)
{
	return shl_reg(x, a, b, false, true);
}
enum exec_result neon_VQSHL_reg(struct cpu *cpu, uint32_t insn)
{
	return shift_reg(cpu, insn, op_vqshl_reg);
}

/* VRSHL<c>.<type><size> <Qd>, <Qm>, <Qn> (A8.8 VRSHL) */
static inline uint64_t op_vrshl(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return shl_reg(x, a, b, true, false);
}
enum exec_result neon_VRSHL(struct cpu *cpu, uint32_t insn)
{
	return shift_reg(cpu, insn, op_vrshl);
}

/* VQRSHL<c>.<type><size> <Qd>, <Qm>, <Qn> (A8.8 VQRSHL) */
static inline uint64_t op_vqrshl(struct neon_elem_ctx *x, uint64_t a,
				 uint64_t b, uint64_t acc)
{
	return shl_reg(x, a, b, true, true);
}
enum exec_result neon_VQRSHL(struct cpu *cpu, uint32_t insn)
{
	return shift_reg(cpu, insn, op_vqrshl);
}

/* ---- two registers and a shift amount (A7.4.4) ---- */

/* The element size of L:imm6 (A7.4.4: 1xxxxxx 64, 01xxxxx 32, 001xxxx
 * 16, 0001xxx 8; 0000xxx is one register and a modified immediate, a
 * neon.def line of its own that wins over these). */
static inline unsigned shift_esize(uint32_t insn)
{
	unsigned imm6 = NBITS(insn, 21, 16);
	if (NBIT(insn, 7))
		return 64;
	if (imm6 & 0x20)
		return 32;
	if (imm6 & 0x10)
		return 16;
	return 8;
}

/* The right shift amount of imm6: 2 * esize - imm6 (64 - imm6 for 64-bit
 * elements), 1 … esize. */
static inline unsigned shift_right(uint32_t insn, unsigned esize)
{
	return (esize == 64 ? 64 : 2 * esize) - NBITS(insn, 21, 16);
}

/* The left shift amount: imm6 - esize (imm6 for 64-bit elements),
 * 0 … esize - 1. */
static inline unsigned shift_left(uint32_t insn, unsigned esize)
{
	return (NBITS(insn, 21, 16) - (esize == 64 ? 0 : esize)) & 63u;
}

/* The element-wise forms: Vd[e] = op(Vm[e], Vd[e]) with the shift amount
 * (`left` or right) in the context. */
NEON_INLINE enum exec_result shift_imm(struct cpu *cpu, uint32_t insn,
				       bool left, neon_elem_fn *op)
{
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned esize = shift_esize(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	unsigned shift = left ? shift_left(insn, esize)
			      : shift_right(insn, esize);
	neon_map(cpu, d, m, m, q ? 2 : 1, esize, u, shift, op);
	return EXEC_OK;
}

/* Vm's element shifted right by the immediate, rounded or not. */
static inline uint64_t shr_elem(const struct neon_elem_ctx *x, uint64_t v,
				bool round)
{
	return (uint64_t)shr_wide(neon_wide(v, x->esize, x->u), x->shift,
				  round);
}

/* VSHR<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VSHR) */
static inline uint64_t op_vshr(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return shr_elem(x, a, false);
}
enum exec_result neon_VSHR(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, false, op_vshr);
}

/* VSRA<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VSRA): Vd + (Vm >> imm) */
static inline uint64_t op_vsra(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return shr_elem(x, a, false) + acc;
}
enum exec_result neon_VSRA(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, false, op_vsra);
}

/* VRSHR<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VRSHR) */
static inline uint64_t op_vrshr(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return shr_elem(x, a, true);
}
enum exec_result neon_VRSHR(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, false, op_vrshr);
}

/* VRSRA<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VRSRA) */
static inline uint64_t op_vrsra(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return shr_elem(x, a, true) + acc;
}
enum exec_result neon_VRSRA(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, false, op_vrsra);
}

/* VSRI<c>.<size> <Qd>, <Qm>, #<imm> (A8.8 VSRI): Vm >> imm inserted,
 * Vd's top imm bits kept */
static inline uint64_t op_vsri(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	unsigned right = x->shift;
	uint64_t mask = right >= 64 ? 0 : neon_mask(x->esize) >> right;
	uint64_t sh = right >= 64 ? 0 : a >> right;
	return (acc & ~mask) | (sh & mask);
}
enum exec_result neon_VSRI(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, false, op_vsri);
}

/* VSHL<c>.I<size> <Qd>, <Qm>, #<imm> (A8.8 VSHL (immediate)) */
static inline uint64_t op_vshl_imm(struct neon_elem_ctx *x, uint64_t a,
				   uint64_t b, uint64_t acc)
{
	return a << x->shift;
}
enum exec_result neon_VSHL_imm(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, true, op_vshl_imm);
}

/* VSLI<c>.<size> <Qd>, <Qm>, #<imm> (A8.8 VSLI): Vm << imm inserted,
 * Vd's bottom imm bits kept */
static inline uint64_t op_vsli(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	uint64_t mask = neon_mask(x->esize) << x->shift;
	return (acc & ~mask) | ((a << x->shift) & mask);
}
enum exec_result neon_VSLI(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, true, op_vsli);
}

/* VQSHLU<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VQSHL, VQSHLU
 * (immediate)): signed source, unsigned result */
static inline uint64_t op_vqshlu(struct neon_elem_ctx *x, uint64_t a,
				 uint64_t b, uint64_t acc)
{
	return qshl_wide(neon_wide(a, x->esize, false), x->shift, x->esize,
			 true, &x->sat);
}
enum exec_result neon_VQSHLU_imm(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, true, op_vqshlu);
}

/* VQSHL<c>.<type><size> <Qd>, <Qm>, #<imm> (A8.8 VQSHL, VQSHLU
 * (immediate)): source and result of the signedness U */
static inline uint64_t op_vqshl_imm(struct neon_elem_ctx *x, uint64_t a,
				    uint64_t b, uint64_t acc)
{
	return qshl_wide(neon_wide(a, x->esize, x->u), x->shift, x->esize,
			 x->u, &x->sat);
}
enum exec_result neon_VQSHL_imm(struct cpu *cpu, uint32_t insn)
{
	return shift_imm(cpu, insn, true, op_vqshl_imm);
}

/* The narrowing shifts: Dd[e] = narrow((Qm[e] + round) >> imm), esize the
 * result's element size; src_unsigned, dst_unsigned the signedness of
 * the source and of the saturated result (saturate false: truncated). */
NEON_INLINE enum exec_result shift_narrow(struct cpu *cpu, uint32_t insn,
					  bool round, bool saturate,
					  bool src_unsigned,
					  bool dst_unsigned)
{
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned esize = shift_esize(insn), shift = shift_right(insn, esize);
	if (m & 1)
		return cpu_undefined(cpu);
	uint64_t src[2] = {neon_d(cpu, m), neon_d(cpu, m + 1)}, res = 0;
	unsigned per = 32 / esize; /* source elements per D register */
	bool sat = false;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t x = neon_elem(src[e / per], e % per, 2 * esize);
		__int128 v = shr_wide(neon_wide(x, 2 * esize, src_unsigned),
				      shift, round);
		uint64_t o = saturate ? neon_sat(v, esize, dst_unsigned, &sat)
				      : (uint64_t)v;
		res = neon_set_elem(res, e, esize, o);
	}
	if (sat)
		neon_set_qc(cpu);
	neon_set_d(cpu, d, res);
	return EXEC_OK;
}

/* VSHRN<c>.I<size> <Dd>, <Qm>, #<imm> (A8.8 VSHRN) */
enum exec_result neon_VSHRN(struct cpu *cpu, uint32_t insn)
{
	return shift_narrow(cpu, insn, false, false, false, true);
}

/* VRSHRN<c>.I<size> <Dd>, <Qm>, #<imm> (A8.8 VRSHRN) */
enum exec_result neon_VRSHRN(struct cpu *cpu, uint32_t insn)
{
	return shift_narrow(cpu, insn, true, false, false, true);
}

/* VQSHRUN<c>.<type><size> <Dd>, <Qm>, #<imm> (A8.8 VQSHRN, VQSHRUN):
 * signed source, unsigned result */
enum exec_result neon_VQSHRUN(struct cpu *cpu, uint32_t insn)
{
	return shift_narrow(cpu, insn, false, true, false, true);
}

/* VQRSHRUN<c>.<type><size> <Dd>, <Qm>, #<imm> (A8.8 VQRSHRN,
 * VQRSHRUN) */
enum exec_result neon_VQRSHRUN(struct cpu *cpu, uint32_t insn)
{
	return shift_narrow(cpu, insn, true, true, false, true);
}

/* VQSHRN<c>.<type><size> <Dd>, <Qm>, #<imm> (A8.8 VQSHRN, VQSHRUN):
 * source and result of the signedness U */
enum exec_result neon_VQSHRN(struct cpu *cpu, uint32_t insn)
{
	bool u = NBIT(insn, 24);
	return shift_narrow(cpu, insn, false, true, u, u);
}

/* VQRSHRN<c>.<type><size> <Dd>, <Qm>, #<imm> (A8.8 VQRSHRN,
 * VQRSHRUN) */
enum exec_result neon_VQRSHRN(struct cpu *cpu, uint32_t insn)
{
	bool u = NBIT(insn, 24);
	return shift_narrow(cpu, insn, true, true, u, u);
}

/* VSHLL<c>.<type><size> <Qd>, <Dm>, #<imm> (A8.8 VSHLL A1, imm < esize;
 * VMOVL when imm = 0): Qd[e] = Extend(Dm[e], U) << imm */
enum exec_result neon_VSHLL(struct cpu *cpu, uint32_t insn)
{
	bool u = NBIT(insn, 24);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned esize = shift_esize(insn), shift = shift_left(insn, esize);
	if (d & 1)
		return cpu_undefined(cpu);
	uint64_t src = neon_d(cpu, m), out[2] = {0, 0};
	unsigned per = 32 / esize;
	for (unsigned e = 0; e < 2 * per; e++) {
		uint64_t v = (uint64_t)neon_wide(neon_elem(src, e, esize),
						 esize, u)
			     << shift;
		out[e / per] = neon_set_elem(out[e / per], e % per, 2 * esize,
					     v);
	}
	neon_set_d(cpu, d, out[0]);
	neon_set_d(cpu, d + 1, out[1]);
	return EXEC_OK;
}
