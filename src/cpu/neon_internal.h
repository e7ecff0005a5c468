/* Private to the Advanced SIMD files (neon*.c): register and element
 * access, saturation, the element loops the handlers share, and the
 * handlers' declarations.
 *
 * Registers: D<n> is cpu->fp.d[n]; Q<n> is D<2n> (low half) and D<2n+1>
 * (high half), A2.6 / A8.8 "Advanced SIMD and Floating-point registers".
 * Element e of size esize bits in a D register is bits
 * [e*esize + esize-1 : e*esize] (Elem[], A2.6.3). */
#ifndef HYPSIM_CPU_NEON_INTERNAL_H
#define HYPSIM_CPU_NEON_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/neon.h"

#define NBIT(i, n) (((i) >> (n)) & 1u)
#define NBITS(i, hi, lo) (((i) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

/* The D:Vd, N:Vn, M:Vm register numbers of the data-processing
 * encodings (A7.4). */
#define NEON_VD(i) ((NBIT(i, 22) << 4) | NBITS(i, 15, 12))
#define NEON_VN(i) ((NBIT(i, 7) << 4) | NBITS(i, 19, 16))
#define NEON_VM(i) ((NBIT(i, 5) << 4) | NBITS(i, 3, 0))

/* FPSCR.QC, the cumulative saturation flag (A2.7.3). */
#define NEON_FPSCR_QC (1u << 27)

static inline uint64_t neon_d(const struct cpu *cpu, unsigned n)
{
	return cpu->fp.d[n & 31u];
}
static inline void neon_set_d(struct cpu *cpu, unsigned n, uint64_t v)
{
	cpu->fp.d[n & 31u] = v;
}
static inline void neon_set_qc(struct cpu *cpu)
{
	cpu->fp.fpscr |= NEON_FPSCR_QC;
}

static inline uint64_t neon_mask(unsigned esize)
{
	return esize >= 64 ? ~0ull : (1ull << esize) - 1u;
}
static inline uint64_t neon_elem(uint64_t v, unsigned e, unsigned esize)
{
	return (v >> (e * esize)) & neon_mask(esize);
}
static inline uint64_t neon_set_elem(uint64_t v, unsigned e, unsigned esize,
				     uint64_t x)
{
	uint64_t m = neon_mask(esize) << (e * esize);
	return (v & ~m) | ((x << (e * esize)) & m);
}
static inline int64_t neon_sext(uint64_t v, unsigned esize)
{
	if (esize >= 64)
		return (int64_t)v;
	unsigned sh = 64 - esize;
	return (int64_t)(v << sh) >> sh;
}
/* Element as an integer of the given signedness. */
static inline int64_t neon_int(uint64_t v, unsigned esize, bool is_unsigned)
{
	return is_unsigned ? (int64_t)(v & neon_mask(esize))
			   : neon_sext(v, esize);
}

/* SignedSatQ / UnsignedSatQ (A2.2.1) on a 128-bit intermediate: returns
 * the saturated value (as esize bits) and sets *sat when it saturated. */
static inline uint64_t neon_sat_s(__int128 v, unsigned esize, bool *sat)
{
	__int128 max = ((__int128)1 << (esize - 1)) - 1;
	__int128 min = -((__int128)1 << (esize - 1));
	if (v > max) {
		*sat = true;
		v = max;
	} else if (v < min) {
		*sat = true;
		v = min;
	}
	return (uint64_t)v & neon_mask(esize);
}
static inline uint64_t neon_sat_u(__int128 v, unsigned esize, bool *sat)
{
	__int128 max = ((__int128)1 << esize) - 1;
	if (v > max) {
		*sat = true;
		v = max;
	} else if (v < 0) {
		*sat = true;
		v = 0;
	}
	return (uint64_t)v & neon_mask(esize);
}
static inline uint64_t neon_sat(__int128 v, unsigned esize, bool is_unsigned,
				bool *sat)
{
	return is_unsigned ? neon_sat_u(v, esize, sat)
			   : neon_sat_s(v, esize, sat);
}

/* A Q-form operand (Q bit set) must name an even D register; an odd one
 * is UNDEFINED in every encoding that has a Q bit (A8.8). */
static inline bool neon_q_bad(bool q, unsigned reg)
{
	return q && (reg & 1u);
}

/* Every UNPREDICTABLE case of these files that is resolved by UNDEFINED
 * goes through here (ARMv7 permits UNDEFINED for UNPREDICTABLE, and QEMU
 * makes the same choice for the register-range cases). */
static inline enum exec_result neon_unpredictable(struct cpu *cpu)
{
	return cpu_undefined(cpu);
}

/* Inlined into every caller, so that a handler built from the loops below
 * gets its per-element operation inlined (no call per element) and its
 * element size a constant. */
#define NEON_INLINE static inline __attribute__((always_inline))

/* An element as a 128-bit integer of the given signedness. */
static inline __int128 neon_wide(uint64_t v, unsigned esize, bool is_unsigned)
{
	if (is_unsigned)
		return (__int128)(v & neon_mask(esize));
	return neon_sext(v, esize);
}

/* What a per-element operation knows besides its operands: the element
 * size, the instruction's unsigned bit (U, or the op bit that plays its
 * role), a shift amount, and FPSCR.QC to set (A2.7.3: set when any
 * element saturated). */
struct neon_elem_ctx {
	unsigned esize;
	bool u;
	unsigned shift;
	bool sat;
};

/* One element of a size-preserving operation: a is Vn's element (Vm's for
 * the two-register forms), b Vm's, acc Vd's, each zero-extended; the
 * result's low esize bits are Vd's element. */
typedef uint64_t neon_elem_fn(struct neon_elem_ctx *x, uint64_t a,
			      uint64_t b, uint64_t acc);

NEON_INLINE void neon_map_esize(struct cpu *cpu, unsigned d, unsigned n,
				unsigned m, unsigned regs, unsigned esize,
				bool u, unsigned shift, neon_elem_fn *op)
{
	struct neon_elem_ctx x = {esize, u, shift, false};
	for (unsigned r = 0; r < regs; r++) {
		/* each register pair is read before its result is written,
		 * so Vd may be Vn or Vm */
		uint64_t a = neon_d(cpu, n + r), b = neon_d(cpu, m + r);
		uint64_t acc = neon_d(cpu, d + r), res = 0;
		for (unsigned e = 0; e < 64 / esize; e++)
			res = neon_set_elem(res, e, esize,
					    op(&x, neon_elem(a, e, esize),
					       neon_elem(b, e, esize),
					       neon_elem(acc, e, esize)));
		neon_set_d(cpu, d + r, res);
	}
	if (x.sat)
		neon_set_qc(cpu);
}

/* Vd[e] = op(Vn[e], Vm[e], Vd[e]) over `regs` D registers (2 for a Q
 * operand), one copy of the loop per element size. The two-register
 * forms pass Vm as n and m. */
NEON_INLINE void neon_map(struct cpu *cpu, unsigned d, unsigned n,
			  unsigned m, unsigned regs, unsigned esize, bool u,
			  unsigned shift, neon_elem_fn *op)
{
	switch (esize) {
	case 8:
		neon_map_esize(cpu, d, n, m, regs, 8, u, shift, op);
		break;
	case 16:
		neon_map_esize(cpu, d, n, m, regs, 16, u, shift, op);
		break;
	case 32:
		neon_map_esize(cpu, d, n, m, regs, 32, u, shift, op);
		break;
	default:
		neon_map_esize(cpu, d, n, m, regs, 64, u, shift, op);
		break;
	}
}

/* Element sizes an instruction accepts, by its size field: bit `size`
 * set when it is allowed (the rest are UNDEFINED, A8.8 "if size == …
 * then UNDEFINED"). */
#define NEON_SIZES_ALL 0xfu  /* 8, 16, 32, 64 */
#define NEON_SIZES_8_32 0x7u /* 8, 16, 32 */
#define NEON_SIZES_16_32 0x6u
#define NEON_SIZES_8 0x1u
static inline bool neon_size_ok(unsigned sizes, unsigned size)
{
	return (sizes >> size) & 1u;
}

/* The handlers of neon.def's lines, one per line (named after the line:
 * neon_<name>) except the lines that are one instruction drawn in several
 * encodings (VMOV, VORR, VMVN, VBIC (immediate)) and the UNDEFINED lines,
 * declared at the end of this file from the handler column. Each executes
 * its instruction; it reads the operand fields (size, Q, U, D:Vd, …) but
 * not which instruction it is, which the table has decided.
 *
 * neon_int.c: integer and logical three registers of the same length
 *   (A7.4.1) but the register shifts, one register and a modified
 *   immediate (A7.4.6);
 * neon_shift.c: the shifts by register (A7.4.1) and by an immediate, two
 *   registers and a shift amount (A7.4.4) but VCVT;
 * neon_long.c: three registers of different lengths (A7.4.2), two
 *   registers and a scalar (A7.4.3) but the floating-point ones;
 * neon_misc.c: two registers, miscellaneous (A7.4.5), integer;
 * neon_perm.c: VSWP, VTRN, VUZP, VZIP, VEXT, VTBL/VTBX, VDUP (scalar);
 * neon_float.c: everything single-precision: three registers of the same
 *   length, by scalar, VCVT (fixed-point, integer, half), VRECPE,
 *   VRSQRTE, and the float rows (F = 1) of the compare-with-zero, VABS
 *   and VNEG lines, which the neon_misc.c handlers hand over to: */
enum exec_result neon_VCGT_zero_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VCGE_zero_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VCEQ_zero_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VCLE_zero_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VCLT_zero_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VABS_simd_f(struct cpu *cpu, uint32_t insn);
enum exec_result neon_VNEG_simd_f(struct cpu *cpu, uint32_t insn);

/* neon_dp.c: neon_handlers[], the handler column of neon.def (the
 * data-processing handlers above, the load/store forms of neon_ls.c),
 * called once the table has matched their line; neon_dispatch looks the
 * A32 form up in neon.def (unallocated: UNDEFINED). */
typedef enum exec_result (*neon_handler)(struct cpu *cpu, uint32_t insn);
#define DECODE_DEF "cpu/neon.def"
#define DECODE_PROTO struct cpu *cpu, uint32_t insn
#include "cpu/decode_handlers.h"
enum exec_result neon_dispatch(struct cpu *cpu, uint32_t insn);

#endif
