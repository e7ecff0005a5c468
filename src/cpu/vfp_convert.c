/* Floating-point conversions with ARM's rules (ARM DDI 0406C A2.7
 * pseudocode FPToFixed, FixedToFP, FPSingleToDouble, FPDoubleToSingle,
 * FPHalfToSingle, FPSingleToHalf), exact in integers like vfp_arith.c. */
#include "cpu/vfp_internal.h"

/* FPToFixed (A2.7): NaN gives 0 and Invalid Operation; out-of-range
 * values (infinities included) saturate with Invalid Operation and no
 * Inexact; otherwise Inexact when the rounding dropped bits. */
static uint32_t to_fixed(uint64_t bits, const struct fp_fmt *fmt,
			 unsigned size, unsigned fbits, bool is_unsigned,
			 enum fp_rounding rmode, struct fp_status *st)
{
	struct fp_val v = fp_unpack(bits, fmt, st);
	__int128 max = is_unsigned ? (((__int128)1) << size) - 1
				   : (((__int128)1) << (size - 1)) - 1;
	__int128 min = is_unsigned ? 0 : -(((__int128)1) << (size - 1));
	__int128 result;
	int err = 0; /* of the magnitude: 0 exact, 1 <half, 2 half, 3 >half */

	if (fp_is_nan(&v)) {
		st->exc |= FPSCR_IOC;
		return 0;
	}
	if (v.type == FPT_ZERO)
		return 0;
	if (v.type == FPT_INF) {
		st->exc |= FPSCR_IOC;
		result = v.sign ? min : max;
		goto out;
	}
	int exp = v.exp + (int)fbits;
	fp_u128 ip; /* integer part of the magnitude */
	if (exp >= 0) {
		if (exp > 70) { /* far beyond 32 bits: saturate */
			st->exc |= FPSCR_IOC;
			result = v.sign ? min : max;
			goto out;
		}
		ip = (fp_u128)v.mant << exp;
	} else if (-exp > 64) {
		ip = 0;
		err = 1;
	} else {
		int sh = -exp;
		fp_u128 m = v.mant;
		fp_u128 rem = m & ((((fp_u128)1) << sh) - 1u);
		fp_u128 half = ((fp_u128)1) << (sh - 1);
		ip = m >> sh;
		err = rem == 0 ? 0 : rem < half ? 1 : rem == half ? 2 : 3;
	}
	/* int_result = RoundDown(value), error = value - int_result */
	__int128 int_result;
	int error; /* of the signed value, same classes */
	if (!v.sign) {
		int_result = (__int128)ip;
		error = err;
	} else {
		int_result = -(__int128)ip - (err ? 1 : 0);
		error = err == 0 ? 0 : 4 - err; /* 1 - frac */
	}
	bool round_up;
	switch (rmode) {
	case FPROUND_TIEEVEN:
		round_up = error == 3 || (error == 2 && (int_result & 1));
		break;
	case FPROUND_POSINF:
		round_up = error != 0;
		break;
	case FPROUND_NEGINF:
		round_up = false;
		break;
	default:
		round_up = error != 0 && int_result < 0;
		break;
	}
	if (round_up)
		int_result++;
	if (int_result > max || int_result < min) {
		st->exc |= FPSCR_IOC;
		result = int_result > max ? max : min;
	} else {
		result = int_result;
		if (error != 0)
			st->exc |= FPSCR_IXC;
	}
out:
	return (uint32_t)(uint64_t)result;
}

uint32_t fp32_to_fixed(uint32_t a, unsigned size, unsigned fbits,
		       bool is_unsigned, enum fp_rounding rmode,
		       struct fp_status *st)
{
	uint32_t r = to_fixed(a, &fp_fmt32, size, fbits, is_unsigned, rmode, st);
	if (size == 16) /* the 16-bit result extended as the caller wants */
		r = is_unsigned ? (r & 0xffffu)
				: (uint32_t)(int32_t)(int16_t)(uint16_t)r;
	return r;
}

uint32_t fp64_to_fixed(uint64_t a, unsigned size, unsigned fbits,
		       bool is_unsigned, enum fp_rounding rmode,
		       struct fp_status *st)
{
	uint32_t r = to_fixed(a, &fp_fmt64, size, fbits, is_unsigned, rmode, st);
	if (size == 16)
		r = is_unsigned ? (r & 0xffffu)
				: (uint32_t)(int32_t)(int16_t)(uint16_t)r;
	return r;
}

/* FixedToFP: the size-bit integer v scaled by 2^-fbits, rounded. */
static uint64_t from_fixed(uint32_t v, unsigned size, unsigned fbits,
			   bool is_unsigned, enum fp_rounding rmode,
			   const struct fp_fmt *fmt, struct fp_status *st)
{
	int64_t x;
	if (size == 16)
		x = is_unsigned ? (int64_t)(v & 0xffffu) : (int64_t)(int16_t)v;
	else
		x = is_unsigned ? (int64_t)v : (int64_t)(int32_t)v;
	if (x == 0)
		return fp_zero(fmt, false);
	bool sign = x < 0;
	uint64_t mag = sign ? (uint64_t)(-x) : (uint64_t)x;
	return fp_round(sign, -(int)fbits, mag, fmt, rmode, st);
}

uint32_t fp32_from_fixed(uint32_t v, unsigned size, unsigned fbits,
			 bool is_unsigned, enum fp_rounding rmode,
			 struct fp_status *st)
{
	return (uint32_t)from_fixed(v, size, fbits, is_unsigned, rmode,
				    &fp_fmt32, st);
}

uint64_t fp64_from_fixed(uint32_t v, unsigned size, unsigned fbits,
			 bool is_unsigned, enum fp_rounding rmode,
			 struct fp_status *st)
{
	return from_fixed(v, size, fbits, is_unsigned, rmode, &fp_fmt64, st);
}

/* A NaN converted between formats keeps its sign and the top fraction
 * bits, quietened (FPSingleToDouble, FPDoubleToSingle, FPHalfToSingle,
 * FPSingleToHalf); Invalid for a signalling one; DN: the default NaN. */
static uint64_t convert_nan(const struct fp_val *v, uint64_t bits,
			    const struct fp_fmt *from, const struct fp_fmt *to,
			    struct fp_status *st)
{
	if (v->type == FPT_SNAN)
		st->exc |= FPSCR_IOC;
	if (st->ctl & FPSCR_DN)
		return fp_default_nan(to);
	uint64_t frac = bits & ((1ull << from->f) - 1u);
	if (to->f >= from->f)
		frac <<= to->f - from->f;
	else
		frac >>= from->f - to->f;
	return (v->sign ? 1ull << (to->n - 1) : 0) | fp_default_nan(to) | frac;
}

static uint64_t convert(uint64_t bits, const struct fp_fmt *from,
			const struct fp_fmt *to, struct fp_status *st)
{
	struct fp_val v = fp_unpack(bits, from, st);
	bool to_ahp = to->n == 16 && (st->ctl & FPSCR_AHP);
	if (fp_is_nan(&v)) {
		if (to_ahp) { /* no NaNs in AHP: zero, Invalid */
			st->exc |= FPSCR_IOC;
			return fp_zero(to, v.sign);
		}
		return convert_nan(&v, bits, from, to, st);
	}
	if (v.type == FPT_INF) {
		if (to_ahp) { /* no infinities in AHP: largest, Invalid */
			st->exc |= FPSCR_IOC;
			return (v.sign ? 0x8000u : 0) | 0x7fffu;
		}
		return fp_infinity(to, v.sign);
	}
	if (v.type == FPT_ZERO)
		return fp_zero(to, v.sign);
	return fp_round(v.sign, v.exp, v.mant, to, fp_status_rounding(st), st);
}

uint64_t fp32_to_fp64(uint32_t a, struct fp_status *st)
{
	return convert(a, &fp_fmt32, &fp_fmt64, st);
}
uint32_t fp64_to_fp32(uint64_t a, struct fp_status *st)
{
	return (uint32_t)convert(a, &fp_fmt64, &fp_fmt32, st);
}
uint16_t fp32_to_fp16(uint32_t a, struct fp_status *st)
{
	return (uint16_t)convert(a, &fp_fmt32, &fp_fmt16, st);
}
uint32_t fp16_to_fp32(uint16_t a, struct fp_status *st)
{
	return (uint32_t)convert(a, &fp_fmt16, &fp_fmt32, st);
}
