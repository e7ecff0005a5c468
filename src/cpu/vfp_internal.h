/* Private to vfp_arith.c and vfp_convert.c: the manual's FPUnpack and
 * FPRound (ARM DDI 0406C A2.7, pseudocode "Floating-point value
 * unpacking" and "Floating-point rounding") over an exact representation
 * of real numbers, value = mant * 2^exp with an integer mant. A mant whose
 * low bit stands for "some non-zero bits were dropped here" (a sticky
 * bit) is still exact for rounding as long as it sits at least two bits
 * below the rounding position; the operations keep far more than that. */
#ifndef HYPSIM_VFP_INTERNAL_H
#define HYPSIM_VFP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/fp.h"

typedef unsigned __int128 fp_u128;

/* A binary interchange format: N bits, E exponent bits, F fraction bits. */
struct fp_fmt {
	unsigned n, e, f;
};
extern const struct fp_fmt fp_fmt16, fp_fmt32, fp_fmt64;

enum fp_type { FPT_ZERO, FPT_NONZERO, FPT_INF, FPT_QNAN, FPT_SNAN };

struct fp_val {
	enum fp_type type;
	bool sign;
	int exp;       /* value = mant * 2^exp when NONZERO */
	uint64_t mant; /* at most F+1 bits */
};

/* FPUnpack: flush-to-zero of single and double inputs (FPSCR.FZ) with
 * Input Denormal (IDC); half precision never flushes, and with AHP has no
 * infinities or NaNs. */
struct fp_val fp_unpack(uint64_t bits, const struct fp_fmt *fmt,
			struct fp_status *st);
/* FPRound of the non-zero real sign * mant * 2^exp to fmt with rounding
 * mode rmode (FPSCR.FZ flushes tiny single/double results to zero with
 * Underflow; Overflow, Underflow and Inexact as the pseudocode raises
 * them; AHP half precision saturates with Invalid Operation). */
uint64_t fp_round(bool sign, int exp, fp_u128 mant, const struct fp_fmt *fmt,
		  enum fp_rounding rmode, struct fp_status *st);

uint64_t fp_default_nan(const struct fp_fmt *fmt);
uint64_t fp_infinity(const struct fp_fmt *fmt, bool sign);
uint64_t fp_zero(const struct fp_fmt *fmt, bool sign);
/* FPProcessNaN: quieten a signalling NaN (Invalid Operation), default
 * NaN under FPSCR.DN. */
uint64_t fp_process_nan(const struct fp_val *v, uint64_t bits,
			const struct fp_fmt *fmt, struct fp_status *st);

static inline bool fp_is_nan(const struct fp_val *v)
{
	return v->type == FPT_QNAN || v->type == FPT_SNAN;
}

static inline unsigned fp_msb128(fp_u128 x)
{
	uint64_t hi = (uint64_t)(x >> 64);
	if (hi)
		return 127u - (unsigned)__builtin_clzll(hi);
	return 63u - (unsigned)__builtin_clzll((uint64_t)x);
}

#endif
