/* Private to the Advanced SIMD files (neon*.c): register and element
 * access, saturation, the class decoders each file provides.
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

/* neon_int.c: three registers of the same length (integer and logical),
 * one register and a modified immediate. */
enum exec_result neon_3same(struct cpu *cpu, uint32_t insn);
enum exec_result neon_1reg_imm(struct cpu *cpu, uint32_t insn);
/* neon_misc.c: two registers, miscellaneous (A7.4.5). */
enum exec_result neon_2reg_misc(struct cpu *cpu, uint32_t insn);
/* neon_shift.c: two registers and a shift amount (A7.4.4), and the shift
 * helpers the register forms share. */
enum exec_result neon_2reg_shift(struct cpu *cpu, uint32_t insn);
/* VSHL/VRSHL/VQSHL/VQRSHL by a signed per-element amount (A8.8.3xx). */
uint64_t neon_shl_reg(struct cpu *cpu, uint64_t a, int shift, unsigned esize,
		      bool is_unsigned, bool round, bool saturate);
/* neon_long.c: three registers of different lengths (A7.4.2), two
 * registers and a scalar (A7.4.3). */
enum exec_result neon_3diff(struct cpu *cpu, uint32_t insn);
enum exec_result neon_2reg_scalar(struct cpu *cpu, uint32_t insn);
/* neon_perm.c: VSWP/VTRN/VUZP/VZIP, VEXT, VTBL/VTBX, VDUP (scalar). */
enum exec_result neon_perm_misc(struct cpu *cpu, uint32_t insn);
enum exec_result neon_vext(struct cpu *cpu, uint32_t insn);
enum exec_result neon_vtbl(struct cpu *cpu, uint32_t insn);
enum exec_result neon_vdup_scalar(struct cpu *cpu, uint32_t insn);
/* neon_float.c: floating-point three registers of the same length. */
enum exec_result neon_3same_float(struct cpu *cpu, uint32_t insn);
/* Floating-point two registers, miscellaneous (A7.4.5): float compare
 * with zero, VABS, VNEG, VCVT (half, integer), VRECPE, VRSQRTE. */
enum exec_result neon_misc_float(struct cpu *cpu, uint32_t insn);
/* VMLA, VMLS, VMUL (floating-point, by scalar), A8.8.338, A8.8.352. */
enum exec_result neon_scalar_float(struct cpu *cpu, uint32_t insn);
/* VCVT between floating-point and fixed-point (A8.8.308), from the
 * shift-amount class. */
enum exec_result neon_vcvt_fixed(struct cpu *cpu, uint32_t insn);

/* neon_dp.c: the handlers of neon.def's lines (the class handlers above
 * and the load/store forms of neon_ls.c), called once the table has
 * matched their line; neon_dispatch looks the A32 form up in neon.def
 * (unallocated: UNDEFINED). */
typedef enum exec_result (*neon_handler)(struct cpu *cpu, uint32_t insn);
#define DECODE_DEF "cpu/neon.def"
#define DECODE_PROTO struct cpu *cpu, uint32_t insn
#include "cpu/decode_handlers.h"
enum exec_result neon_dispatch(struct cpu *cpu, uint32_t insn);

#endif
