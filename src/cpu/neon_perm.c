/* Advanced SIMD permutes: VSWP, VTRN, VUZP, VZIP (two registers,
 * miscellaneous, A = 10, B = 00xxx), VEXT, VTBL/VTBX and VDUP (scalar).
 * VREV lives in neon_misc.c with the other element-wise operations.
 *
 * One handler per neon.def line (neon_VSWP, …); VTRN, VUZP and VZIP
 * share permute's operand checks and element buffers. */
#include "cpu/neon_internal.h"

/* The registers of a D or Q operand as an array of elements. */
struct vecbuf {
	uint64_t e[16];
	unsigned n;
};

static void vec_load(const struct cpu *cpu, struct vecbuf *v, unsigned reg,
		     unsigned regs, unsigned esize)
{
	unsigned per = 64 / esize;
	v->n = regs * per;
	for (unsigned i = 0; i < v->n; i++)
		v->e[i] = neon_elem(neon_d(cpu, reg + i / per), i % per, esize);
}

static void vec_store(struct cpu *cpu, const struct vecbuf *v, unsigned reg,
		      unsigned esize)
{
	unsigned per = 64 / esize;
	for (unsigned r = 0; r < v->n / per; r++) {
		uint64_t x = 0;
		for (unsigned i = 0; i < per; i++)
			x = neon_set_elem(x, i, esize, v->e[r * per + i]);
		neon_set_d(cpu, reg + r, x);
	}
}

/* VSWP<c>{.<dt>} <Qd>, <Qm> (A8.8 VSWP): size 00 only. */
enum exec_result neon_VSWP(struct cpu *cpu, uint32_t insn)
{
	unsigned size = NBITS(insn, 19, 18);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, m) || size != 0)
		return cpu_undefined(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
		uint64_t t = neon_d(cpu, d + r);
		neon_set_d(cpu, d + r, neon_d(cpu, m + r));
		neon_set_d(cpu, m + r, t);
	}
	return EXEC_OK;
}

/* The element permutes: vd, vm the operands' elements in, od, om their
 * results (initialised to vd, vm). */
typedef void perm_fn(const struct vecbuf *vd, const struct vecbuf *vm,
		     struct vecbuf *od, struct vecbuf *om);

/* VTRN, VUZP, VZIP: Q operands even, size 11 UNDEFINED, and size 10
 * with D registers when `no_d32` (VUZP, VZIP: "if Q == '0' && size ==
 * '10' then UNDEFINED"). d == m is UNPREDICTABLE: hypsim computes from
 * both operands read first and writes Vd, then Vm, so Vm's result is what
 * the register holds (QEMU's order). */
NEON_INLINE enum exec_result permute(struct cpu *cpu, uint32_t insn,
				     bool no_d32, perm_fn *op)
{
	unsigned size = NBITS(insn, 19, 18), esize = 8u << size;
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned regs = q ? 2 : 1;
	if (neon_q_bad(q, d) || neon_q_bad(q, m) || size == 3 ||
	    (no_d32 && !q && size == 2))
		return cpu_undefined(cpu);
	struct vecbuf vd, vm, od, om;
	vec_load(cpu, &vd, d, regs, esize);
	vec_load(cpu, &vm, m, regs, esize);
	od = vd;
	om = vm;
	op(&vd, &vm, &od, &om);
	vec_store(cpu, &od, d, esize);
	vec_store(cpu, &om, m, esize);
	return EXEC_OK;
}

/* VTRN<c>.<size> <Qd>, <Qm> (A8.8 VTRN): the odd elements of Vd swap
 * with the even ones of Vm. */
static inline void op_vtrn(const struct vecbuf *vd, const struct vecbuf *vm,
			   struct vecbuf *od, struct vecbuf *om)
{
	for (unsigned i = 1; i < vd->n; i += 2) {
		od->e[i] = vm->e[i - 1];
		om->e[i - 1] = vd->e[i];
	}
}
enum exec_result neon_VTRN(struct cpu *cpu, uint32_t insn)
{
	return permute(cpu, insn, false, op_vtrn);
}

/* VUZP<c>.<size> <Qd>, <Qm> (A8.8 VUZP): of the concatenation Vm:Vd
 * (Vd's elements first), Vd gets the even elements, Vm the odd. */
static inline void op_vuzp(const struct vecbuf *vd, const struct vecbuf *vm,
			   struct vecbuf *od, struct vecbuf *om)
{
	unsigned h = vd->n / 2;
	for (unsigned i = 0; i < vd->n; i++) {
		const struct vecbuf *src = i < h ? vd : vm;
		unsigned j = 2 * (i % h);
		od->e[i] = src->e[j];
		om->e[i] = src->e[j + 1];
	}
}
enum exec_result neon_VUZP(struct cpu *cpu, uint32_t insn)
{
	return permute(cpu, insn, true, op_vuzp);
}

/* VZIP<c>.<size> <Qd>, <Qm> (A8.8 VZIP): Vd and Vm interleaved, the low
 * half into Vd, the high half into Vm. */
static inline void op_vzip(const struct vecbuf *vd, const struct vecbuf *vm,
			   struct vecbuf *od, struct vecbuf *om)
{
	unsigned h = vd->n / 2;
	for (unsigned i = 0; i < vd->n; i++) {
		struct vecbuf *dst = i < h ? od : om;
		unsigned j = 2 * (i % h);
		dst->e[j] = vd->e[i];
		dst->e[j + 1] = vm->e[i];
	}
}
enum exec_result neon_VZIP(struct cpu *cpu, uint32_t insn)
{
	return permute(cpu, insn, true, op_vzip);
}

/* VEXT<c>.8 <Qd>, <Qn>, <Qm>, #<imm> (A8.8 VEXT): bytes imm4 … of
 * Vm:Vn. */
enum exec_result neon_VEXT(struct cpu *cpu, uint32_t insn)
{
	bool q = NBIT(insn, 6);
	unsigned imm4 = NBITS(insn, 11, 8);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m) ||
	    (!q && imm4 >= 8))
		return cpu_undefined(cpu);
	unsigned regs = q ? 2 : 1;
	struct vecbuf vn, vm, out;
	vec_load(cpu, &vn, n, regs, 8);
	vec_load(cpu, &vm, m, regs, 8);
	out.n = vn.n;
	for (unsigned i = 0; i < out.n; i++) {
		unsigned j = i + imm4;
		out.e[i] = j < vn.n ? vn.e[j] : vm.e[j - vn.n];
	}
	vec_store(cpu, &out, d, 8);
	return EXEC_OK;
}

/* V<op><c>.8 <Dd>, <list>, <Dm> (A8.8 VTBL, VTBX, one instruction whose
 * op bit says what an index past the table gives: 0 for VTBL, Dd's byte
 * kept for VTBX): table lookup in D<n>..D<n+len>. A list past D31 is
 * UNPREDICTABLE: UNDEFINED here. */
enum exec_result neon_VTBL(struct cpu *cpu, uint32_t insn)
{
	unsigned len = NBITS(insn, 9, 8) + 1;
	bool tbx = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (n + len > 32)
		return neon_unpredictable(cpu);
	uint8_t table[32];
	for (unsigned r = 0; r < len; r++)
		for (unsigned i = 0; i < 8; i++)
			table[8 * r + i] =
				(uint8_t)(neon_d(cpu, n + r) >> (8 * i));
	uint64_t idx = neon_d(cpu, m), old = neon_d(cpu, d), res = 0;
	for (unsigned i = 0; i < 8; i++) {
		unsigned k = (unsigned)(idx >> (8 * i)) & 0xffu;
		uint64_t byte = k < 8 * len ? table[k]
					    : tbx ? (old >> (8 * i)) & 0xffu : 0;
		res |= byte << (8 * i);
	}
	neon_set_d(cpu, d, res);
	return EXEC_OK;
}

/* VDUP<c>.<size> <Qd>, <Dm[x]> (A8.8 VDUP (scalar)). */
enum exec_result neon_VDUP_scalar(struct cpu *cpu, uint32_t insn)
{
	unsigned imm4 = NBITS(insn, 19, 16);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), m = NEON_VM(insn);
	unsigned esize, index;
	if (imm4 & 1) {
		esize = 8;
		index = imm4 >> 1;
	} else if (imm4 & 2) {
		esize = 16;
		index = imm4 >> 2;
	} else if (imm4 & 4) {
		esize = 32;
		index = imm4 >> 3;
	} else {
		return cpu_undefined(cpu);
	}
	if (neon_q_bad(q, d))
		return cpu_undefined(cpu);
	uint64_t x = neon_elem(neon_d(cpu, m), index, esize), r = 0;
	for (unsigned e = 0; e < 64 / esize; e++)
		r = neon_set_elem(r, e, esize, x);
	for (unsigned i = 0; i < (q ? 2u : 1u); i++)
		neon_set_d(cpu, d + i, r);
	return EXEC_OK;
}
