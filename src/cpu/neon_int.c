/* Advanced SIMD integer and logical instructions with three registers of
 * the same length (A7.4.1), and one register and a modified immediate
 * (A7.4.6). The floating-point part of A7.4.1 is in neon_float.c, the
 * shifts by a register (VSHL, VQSHL, VRSHL, VQRSHL) in neon_shift.c.
 *
 * One handler per neon.def line (neon_VHADD, …): each checks its
 * instruction's operand rules and runs its per-element operation in the
 * shared loop of neon_internal.h (same3) or its own (the logical and
 * pairwise forms); VMOV, VORR, VMVN and VBIC (immediate) have one
 * handler for the several lines the cmode ranges draw. */
#include "cpu/neon_internal.h"

/* ---- three registers of the same length, element-wise ---- */

/* The operands of A7.4.1: D:Vd, N:Vn, M:Vm, Q, U and size; a Q operand
 * must be even, and the size one the instruction has (`sizes`). */
NEON_INLINE enum exec_result same3(struct cpu *cpu, uint32_t insn,
				   unsigned sizes, neon_elem_fn *op)
{
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned size = NBITS(insn, 21, 20);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m) ||
	    !neon_size_ok(sizes, size))
		return cpu_undefined(cpu);
	neon_map(cpu, d, n, m, q ? 2 : 1, 8u << size, u, 0, op);
	return EXEC_OK;
}

/* The operands as integers of the instruction's signedness (U). */
static inline __int128 wa(const struct neon_elem_ctx *x, uint64_t a)
{
	return neon_wide(a, x->esize, x->u);
}

static inline uint64_t ones(const struct neon_elem_ctx *x)
{
	return neon_mask(x->esize);
}

static inline uint64_t absdiff(__int128 a, __int128 b)
{
	return (uint64_t)(a > b ? a - b : b - a);
}

/* VHADD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VHADD): (Vn + Vm) >> 1, exact */
static inline uint64_t op_vhadd(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return (uint64_t)((wa(x, a) + wa(x, b)) >> 1);
}
enum exec_result neon_VHADD(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vhadd);
}

/* VQADD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VQADD): saturating, sets QC */
static inline uint64_t op_vqadd(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return neon_sat(wa(x, a) + wa(x, b), x->esize, x->u, &x->sat);
}
enum exec_result neon_VQADD(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_ALL, op_vqadd);
}

/* VRHADD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VRHADD): (Vn + Vm + 1) >> 1 */
static inline uint64_t op_vrhadd(struct neon_elem_ctx *x, uint64_t a,
				 uint64_t b, uint64_t acc)
{
	return (uint64_t)((wa(x, a) + wa(x, b) + 1) >> 1);
}
enum exec_result neon_VRHADD(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vrhadd);
}

/* VHSUB<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VHSUB): (Vn - Vm) >> 1 */
static inline uint64_t op_vhsub(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return (uint64_t)((wa(x, a) - wa(x, b)) >> 1);
}
enum exec_result neon_VHSUB(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vhsub);
}

/* VQSUB<c>.<type><size> <Qd>, <Qn>, <Qm> (A8.8 VQSUB) */
static inline uint64_t op_vqsub(struct neon_elem_ctx *x, uint64_t a,
				uint64_t b, uint64_t acc)
{
	return neon_sat(wa(x, a) - wa(x, b), x->esize, x->u, &x->sat);
}
enum exec_result neon_VQSUB(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_ALL, op_vqsub);
}

/* VCGT<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VCGT (register)): all ones when
 * Vn > Vm */
static inline uint64_t op_vcgt(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return wa(x, a) > wa(x, b) ? ones(x) : 0;
}
enum exec_result neon_VCGT_reg(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vcgt);
}

/* VCGE<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VCGE (register)) */
static inline uint64_t op_vcge(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return wa(x, a) >= wa(x, b) ? ones(x) : 0;
}
enum exec_result neon_VCGE_reg(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vcge);
}

/* VMAX<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VMAX, VMIN (integer)) */
static inline uint64_t op_vmax(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return wa(x, a) > wa(x, b) ? a : b;
}
enum exec_result neon_VMAX_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vmax);
}

/* VMIN<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VMAX, VMIN (integer)) */
static inline uint64_t op_vmin(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return wa(x, a) < wa(x, b) ? a : b;
}
enum exec_result neon_VMIN_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vmin);
}

/* VABD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VABD (integer)): |Vn - Vm| */
static inline uint64_t op_vabd(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return absdiff(wa(x, a), wa(x, b));
}
enum exec_result neon_VABD_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vabd);
}

/* VABA<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VABA): Vd + |Vn - Vm| */
static inline uint64_t op_vaba(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return acc + absdiff(wa(x, a), wa(x, b));
}
enum exec_result neon_VABA(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vaba);
}

/* VADD<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VADD (integer)) */
static inline uint64_t op_vadd(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return a + b;
}
enum exec_result neon_VADD_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_ALL, op_vadd);
}

/* VSUB<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VSUB (integer)) */
static inline uint64_t op_vsub(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return a - b;
}
enum exec_result neon_VSUB_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_ALL, op_vsub);
}

/* VTST<c>.<size> <Qd>, <Qn>, <Qm> (A8.8 VTST): all ones when Vn AND Vm
 * is not zero */
static inline uint64_t op_vtst(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return (a & b & ones(x)) != 0 ? ones(x) : 0;
}
enum exec_result neon_VTST(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vtst);
}

/* VCEQ<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VCEQ (register), integer) */
static inline uint64_t op_vceq(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return ((a ^ b) & ones(x)) == 0 ? ones(x) : 0;
}
enum exec_result neon_VCEQ_reg(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vceq);
}

/* VMLA<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VMLA, VMLS (integer)):
 * Vd + Vn * Vm */
static inline uint64_t op_vmla(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return acc + a * b;
}
enum exec_result neon_VMLA_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vmla);
}

/* VMLS<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VMLA, VMLS (integer)):
 * Vd - Vn * Vm */
static inline uint64_t op_vmls(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return acc - a * b;
}
enum exec_result neon_VMLS_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vmls);
}

/* VMUL<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VMUL (integer and polynomial),
 * op = 0) */
static inline uint64_t op_vmul(struct neon_elem_ctx *x, uint64_t a,
			       uint64_t b, uint64_t acc)
{
	return a * b;
}
enum exec_result neon_VMUL_int(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8_32, op_vmul);
}

/* VMUL<c>.P8 <Qd>, <Qn>, <Qm> (A8.8 VMUL (integer and polynomial),
 * op = 1): carry-less multiply, the low 8 bits; 8-bit elements only. */
static inline uint64_t op_vmul_poly(struct neon_elem_ctx *x, uint64_t a,
				    uint64_t b, uint64_t acc)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < x->esize; i++)
		if ((b >> i) & 1u)
			r ^= a << i;
	return r;
}
enum exec_result neon_VMUL_poly(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_8, op_vmul_poly);
}

/* VQDMULH and VQRDMULH: the high half of 2 * Vn * Vm (signed), rounded
 * for VQRDMULH, saturated (only -2^(esize-1) squared saturates). */
static inline uint64_t qdmulh(struct neon_elem_ctx *x, uint64_t a,
			      uint64_t b, bool round)
{
	unsigned esize = x->esize;
	__int128 p = 2 * (__int128)neon_sext(a, esize) * neon_sext(b, esize);
	if (round)
		p += (__int128)1 << (esize - 1);
	return neon_sat_s(p >> esize, esize, &x->sat);
}

/* VQDMULH<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VQDMULH) */
static inline uint64_t op_vqdmulh(struct neon_elem_ctx *x, uint64_t a,
				  uint64_t b, uint64_t acc)
{
	return qdmulh(x, a, b, false);
}
enum exec_result neon_VQDMULH(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_16_32, op_vqdmulh);
}

/* VQRDMULH<c>.<dt> <Qd>, <Qn>, <Qm> (A8.8 VQRDMULH) */
static inline uint64_t op_vqrdmulh(struct neon_elem_ctx *x, uint64_t a,
				   uint64_t b, uint64_t acc)
{
	return qdmulh(x, a, b, true);
}
enum exec_result neon_VQRDMULH(struct cpu *cpu, uint32_t insn)
{
	return same3(cpu, insn, NEON_SIZES_16_32, op_vqrdmulh);
}

/* ---- the logical operations: whole registers ---- */

typedef uint64_t logic_fn(uint64_t dv, uint64_t n, uint64_t m);

/* VAND, VBIC, VORR, VORN, VEOR, VBSL, VBIT, VBIF (register): bitwise on
 * D or Q registers, no element size (the size field is their opcode). */
NEON_INLINE enum exec_result logic3(struct cpu *cpu, uint32_t insn,
				    logic_fn *op)
{
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (neon_q_bad(q, d) || neon_q_bad(q, n) || neon_q_bad(q, m))
		return cpu_undefined(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++)
		neon_set_d(cpu, d + r,
			   op(neon_d(cpu, d + r), neon_d(cpu, n + r),
			      neon_d(cpu, m + r)));
	return EXEC_OK;
}

/* VAND<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VAND (register)) */
static inline uint64_t op_vand(uint64_t dv, uint64_t n, uint64_t m)
{
	return n & m;
}
enum exec_result neon_VAND(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vand);
}

/* VBIC<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VBIC (register)) */
static inline uint64_t op_vbic(uint64_t dv, uint64_t n, uint64_t m)
{
	return n & ~m;
}
enum exec_result neon_VBIC_reg(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vbic);
}

/* VORR<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VORR (register); VMOV when
 * Vn == Vm) */
static inline uint64_t op_vorr(uint64_t dv, uint64_t n, uint64_t m)
{
	return n | m;
}
enum exec_result neon_VORR_reg(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vorr);
}

/* VORN<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VORN (register)) */
static inline uint64_t op_vorn(uint64_t dv, uint64_t n, uint64_t m)
{
	return n | ~m;
}
enum exec_result neon_VORN(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vorn);
}

/* VEOR<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VEOR) */
static inline uint64_t op_veor(uint64_t dv, uint64_t n, uint64_t m)
{
	return n ^ m;
}
enum exec_result neon_VEOR(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_veor);
}

/* VBSL<c>{.<dt>} <Qd>, <Qn>, <Qm> (A8.8 VBIF, VBIT, VBSL): Vd selects
 * Vn (1) or Vm (0) */
static inline uint64_t op_vbsl(uint64_t dv, uint64_t n, uint64_t m)
{
	return (n & dv) | (m & ~dv);
}
enum exec_result neon_VBSL(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vbsl);
}

/* VBIT<c>{.<dt>} <Qd>, <Qn>, <Qm>: Vn's bits where Vm is 1 */
static inline uint64_t op_vbit(uint64_t dv, uint64_t n, uint64_t m)
{
	return (n & m) | (dv & ~m);
}
enum exec_result neon_VBIT(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vbit);
}

/* VBIF<c>{.<dt>} <Qd>, <Qn>, <Qm>: Vn's bits where Vm is 0 */
static inline uint64_t op_vbif(uint64_t dv, uint64_t n, uint64_t m)
{
	return (dv & m) | (n & ~m);
}
enum exec_result neon_VBIF(struct cpu *cpu, uint32_t insn)
{
	return logic3(cpu, insn, op_vbif);
}

/* ---- pairwise: VPADD, VPMAX, VPMIN (integer) ---- */

typedef uint64_t pair_fn(uint64_t x, uint64_t y, unsigned esize, bool u);

/* D registers only (Q = 1 UNDEFINED), sizes 8-32; the low half of the
 * result comes from pairs of Dn, the high half from pairs of Dm. */
NEON_INLINE void pairwise_esize(struct cpu *cpu, unsigned esize, bool u,
				unsigned d, unsigned n, unsigned m,
				pair_fn *op)
{
	uint64_t src[2] = {neon_d(cpu, n), neon_d(cpu, m)}, r = 0;
	unsigned h = 32 / esize; /* elements per half */
	for (unsigned i = 0; i < 2 * h; i++) {
		uint64_t v = src[i / h];
		unsigned j = (i % h) * 2;
		r = neon_set_elem(r, i, esize,
				  op(neon_elem(v, j, esize),
				     neon_elem(v, j + 1, esize), esize, u));
	}
	neon_set_d(cpu, d, r);
}

NEON_INLINE enum exec_result pairwise(struct cpu *cpu, uint32_t insn,
				      pair_fn *op)
{
	bool u = NBIT(insn, 24), q = NBIT(insn, 6);
	unsigned size = NBITS(insn, 21, 20);
	unsigned d = NEON_VD(insn), n = NEON_VN(insn), m = NEON_VM(insn);
	if (q || size == 3)
		return cpu_undefined(cpu);
	switch (size) {
	case 0:
		pairwise_esize(cpu, 8, u, d, n, m, op);
		break;
	case 1:
		pairwise_esize(cpu, 16, u, d, n, m, op);
		break;
	default:
		pairwise_esize(cpu, 32, u, d, n, m, op);
		break;
	}
	return EXEC_OK;
}

/* VPADD<c>.<dt> <Dd>, <Dn>, <Dm> (A8.8 VPADD (integer)) */
static inline uint64_t op_vpadd(uint64_t x, uint64_t y, unsigned esize,
				bool u)
{
	return x + y;
}
enum exec_result neon_VPADD_int(struct cpu *cpu, uint32_t insn)
{
	return pairwise(cpu, insn, op_vpadd);
}

/* VPMAX<c>.<dt> <Dd>, <Dn>, <Dm> (A8.8 VPMAX, VPMIN (integer)) */
static inline uint64_t op_vpmax(uint64_t x, uint64_t y, unsigned esize,
				bool u)
{
	return neon_int(x, esize, u) > neon_int(y, esize, u) ? x : y;
}
enum exec_result neon_VPMAX_int(struct cpu *cpu, uint32_t insn)
{
	return pairwise(cpu, insn, op_vpmax);
}

/* VPMIN<c>.<dt> <Dd>, <Dn>, <Dm> (A8.8 VPMAX, VPMIN (integer)) */
static inline uint64_t op_vpmin(uint64_t x, uint64_t y, unsigned esize,
				bool u)
{
	return neon_int(x, esize, u) < neon_int(y, esize, u) ? x : y;
}
enum exec_result neon_VPMIN_int(struct cpu *cpu, uint32_t insn)
{
	return pairwise(cpu, insn, op_vpmin);
}

/* ---- one register and a modified immediate (A7.4.6) ---- */

/* AdvSIMDExpandImm (A7.4.6): false for the UNDEFINED op = 1, cmode = 1111
 * combination (its own neon.def line, NEON_imm_undef). */
NEON_INLINE bool expand_imm(unsigned op, unsigned cmode, unsigned imm8,
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

typedef uint64_t imm_fn(uint64_t dv, uint64_t imm);

/* The operands of A7.4.6: D:Vd, Q, and imm64 = AdvSIMDExpandImm(op,
 * cmode, i:imm3:imm4); Vd = op(Vd, imm64) for each of its registers. */
NEON_INLINE enum exec_result imm1(struct cpu *cpu, uint32_t insn,
				  imm_fn *op)
{
	unsigned cmode = NBITS(insn, 11, 8), opbit = NBIT(insn, 5);
	bool q = NBIT(insn, 6);
	unsigned d = NEON_VD(insn);
	unsigned imm8 = (NBIT(insn, 24) << 7) | (NBITS(insn, 18, 16) << 4) |
			NBITS(insn, 3, 0);
	uint64_t imm;
	if (neon_q_bad(q, d) || !expand_imm(opbit, cmode, imm8, &imm))
		return cpu_undefined(cpu);
	for (unsigned r = 0; r < (q ? 2u : 1u); r++)
		neon_set_d(cpu, d + r, op(neon_d(cpu, d + r), imm));
	return EXEC_OK;
}

/* VMOV<c>.<dt> <Qd>, #<imm> (A8.8 VMOV (immediate) A1): lines
 * VMOV_imm_1 … VMOV_imm_4, cmode 0xx0, 10x0, 11xx with op = 0 and 1110
 * with op = 1 (the byte mask) */
static inline uint64_t op_vmov_imm(uint64_t dv, uint64_t imm)
{
	return imm;
}
enum exec_result neon_VMOV_imm(struct cpu *cpu, uint32_t insn)
{
	return imm1(cpu, insn, op_vmov_imm);
}

/* VMVN<c>.<dt> <Qd>, #<imm> (A8.8 VMVN (immediate) A1): lines VMVN_imm_1
 * … VMVN_imm_3, cmode 0xx0, 10x0, 110x */
static inline uint64_t op_vmvn_imm(uint64_t dv, uint64_t imm)
{
	return ~imm;
}
enum exec_result neon_VMVN_imm(struct cpu *cpu, uint32_t insn)
{
	return imm1(cpu, insn, op_vmvn_imm);
}

/* VORR<c>.<dt> <Qd>, #<imm> (A8.8 VORR (immediate) A1): lines VORR_imm_1
 * and VORR_imm_2, cmode 0xx1 and 10x1 */
static inline uint64_t op_vorr_imm(uint64_t dv, uint64_t imm)
{
	return dv | imm;
}
enum exec_result neon_VORR_imm(struct cpu *cpu, uint32_t insn)
{
	return imm1(cpu, insn, op_vorr_imm);
}

/* VBIC<c>.<dt> <Qd>, #<imm> (A8.8 VBIC (immediate) A1): lines VBIC_imm_1
 * and VBIC_imm_2, cmode 0xx1 and 10x1 */
static inline uint64_t op_vbic_imm(uint64_t dv, uint64_t imm)
{
	return dv & ~imm;
}
enum exec_result neon_VBIC_imm(struct cpu *cpu, uint32_t insn)
{
	return imm1(cpu, insn, op_vbic_imm);
}
