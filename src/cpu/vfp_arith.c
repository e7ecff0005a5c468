/* IEEE 754 arithmetic with ARM's rules (ARM DDI 0406C A2.7, the
 * pseudocode FPUnpack, FPRound, FPProcessNaN(s), FPAdd, FPSub, FPMul,
 * FPDiv, FPSqrt, FPMulAdd, FPMax, FPMin, FPCompare and the Advanced SIMD
 * estimate and step functions), computed exactly in integers: each
 * operation forms the exact result (or a sticky-bit approximation that
 * rounds identically, see vfp_internal.h) and rounds it once with
 * fp_round(). No host floating point is used, so neither the host's
 * rounding mode nor its NaN and underflow conventions (x86 detects
 * tininess after rounding, ARM before) can leak in. */
#include "cpu/vfp_internal.h"

const struct fp_fmt fp_fmt16 = {16, 5, 10};
const struct fp_fmt fp_fmt32 = {32, 8, 23};
const struct fp_fmt fp_fmt64 = {64, 11, 52};

static inline int fmt_bias(const struct fp_fmt *fmt)
{
	return (1 << (fmt->e - 1)) - 1;
}
static inline uint64_t fmt_frac_mask(const struct fp_fmt *fmt)
{
	return (1ull << fmt->f) - 1u;
}
static inline uint64_t fmt_exp_mask(const struct fp_fmt *fmt)
{
	return ((1ull << fmt->e) - 1u) << fmt->f;
}
static inline uint64_t fmt_sign(const struct fp_fmt *fmt)
{
	return 1ull << (fmt->n - 1);
}
static inline bool ahp(const struct fp_fmt *fmt, const struct fp_status *st)
{
	return fmt->n == 16 && (st->ctl & FPSCR_AHP);
}

uint64_t fp_default_nan(const struct fp_fmt *fmt)
{
	/* FPDefaultNaN: sign 0, exponent all ones, fraction 100…0 */
	return fmt_exp_mask(fmt) | (1ull << (fmt->f - 1));
}
uint64_t fp_infinity(const struct fp_fmt *fmt, bool sign)
{
	return (sign ? fmt_sign(fmt) : 0) | fmt_exp_mask(fmt);
}
uint64_t fp_zero(const struct fp_fmt *fmt, bool sign)
{
	return sign ? fmt_sign(fmt) : 0;
}
static uint64_t fp_max_normal(const struct fp_fmt *fmt, bool sign)
{
	return (sign ? fmt_sign(fmt) : 0) |
	       (fmt_exp_mask(fmt) - (1ull << fmt->f)) | fmt_frac_mask(fmt);
}

struct fp_val fp_unpack(uint64_t bits, const struct fp_fmt *fmt,
			struct fp_status *st)
{
	struct fp_val v = {FPT_ZERO, false, 0, 0};
	uint64_t frac = bits & fmt_frac_mask(fmt);
	unsigned exp = (unsigned)((bits & fmt_exp_mask(fmt)) >> fmt->f);
	int bias = fmt_bias(fmt);

	v.sign = (bits & fmt_sign(fmt)) != 0;
	if (exp == 0) {
		if (frac == 0)
			return v;
		if (fmt->n != 16 && (st->ctl & FPSCR_FZ)) {
			st->exc |= FPSCR_IDC; /* flushed: Input Denormal */
			return v;
		}
		v.type = FPT_NONZERO;
		v.mant = frac;
		v.exp = 1 - bias - (int)fmt->f;
		return v;
	}
	if (exp == (1u << fmt->e) - 1u && !ahp(fmt, st)) {
		if (frac == 0)
			v.type = FPT_INF;
		else
			v.type = (frac >> (fmt->f - 1)) & 1u ? FPT_QNAN : FPT_SNAN;
		return v;
	}
	v.type = FPT_NONZERO;
	v.mant = frac | (1ull << fmt->f);
	v.exp = (int)exp - bias - (int)fmt->f;
	return v;
}

uint64_t fp_process_nan(const struct fp_val *v, uint64_t bits,
			const struct fp_fmt *fmt, struct fp_status *st)
{
	if (v->type == FPT_SNAN) {
		st->exc |= FPSCR_IOC;
		bits |= 1ull << (fmt->f - 1);
	}
	if (st->ctl & FPSCR_DN)
		return fp_default_nan(fmt);
	return bits & ((fmt->n == 64) ? ~0ull : ((1ull << fmt->n) - 1u));
}

uint64_t fp_round(bool sign, int exp, fp_u128 mant, const struct fp_fmt *fmt,
		  enum fp_rounding rmode, struct fp_status *st)
{
	int bias = fmt_bias(fmt);
	int minimum_exp = 1 - bias;
	int F = (int)fmt->f;
	/* the value is in [2^e, 2^(e+1)) */
	int e = exp + (int)fp_msb128(mant);

	if (fmt->n != 16 && (st->ctl & FPSCR_FZ) && e < minimum_exp) {
		/* Flush-to-zero: Underflow, never Inexact */
		st->exc |= FPSCR_UFC;
		return fp_zero(fmt, sign);
	}
	int biased_exp = e - minimum_exp + 1;
	if (biased_exp < 0)
		biased_exp = 0;
	/* int_mant = RoundDown(value / 2^(max(e, minimum_exp) - F)) */
	int shift = (e > minimum_exp ? e : minimum_exp) - F - exp;
	uint64_t int_mant;
	int err; /* 0 exact, 1 below half, 2 half, 3 above half */
	if (shift <= 0) {
		int_mant = (uint64_t)(mant << -shift);
		err = 0;
	} else if (shift > 128) {
		int_mant = 0;
		err = 1;
	} else {
		fp_u128 rem, half;
		if (shift == 128) {
			int_mant = 0;
			rem = mant;
		} else {
			int_mant = (uint64_t)(mant >> shift);
			rem = mant & ((((fp_u128)1) << shift) - 1u);
		}
		half = ((fp_u128)1) << (shift - 1);
		err = rem == 0 ? 0 : rem < half ? 1 : rem == half ? 2 : 3;
	}
	/* Underflow: tiny before rounding and inexact (the trap enable UFE
	 * is RAZ on these cores) */
	if (biased_exp == 0 && err != 0)
		st->exc |= FPSCR_UFC;
	bool round_up, overflow_to_inf;
	switch (rmode) {
	case FPROUND_TIEEVEN:
		round_up = err == 3 || (err == 2 && (int_mant & 1u));
		overflow_to_inf = true;
		break;
	case FPROUND_POSINF:
		round_up = err != 0 && !sign;
		overflow_to_inf = !sign;
		break;
	case FPROUND_NEGINF:
		round_up = err != 0 && sign;
		overflow_to_inf = sign;
		break;
	default:
		round_up = false;
		overflow_to_inf = false;
		break;
	}
	if (round_up) {
		int_mant++;
		if (int_mant == (1ull << F)) /* denormal rounded to normal */
			biased_exp = 1;
		if (int_mant == (1ull << (F + 1))) {
			biased_exp++;
			int_mant >>= 1;
		}
	}
	uint64_t result;
	if (!ahp(fmt, st)) {
		if (biased_exp >= (1 << fmt->e) - 1) {
			result = overflow_to_inf ? fp_infinity(fmt, sign)
						 : fp_max_normal(fmt, sign);
			st->exc |= FPSCR_OFC;
			err = 1; /* Overflow is always Inexact */
		} else {
			result = (sign ? fmt_sign(fmt) : 0) |
				 ((uint64_t)biased_exp << fmt->f) |
				 (int_mant & fmt_frac_mask(fmt));
		}
	} else {
		if (biased_exp >= (1 << fmt->e)) {
			/* alternative half precision: saturate, Invalid */
			result = fmt_sign(fmt) * sign | (fmt_sign(fmt) - 1u);
			st->exc |= FPSCR_IOC;
			err = 0;
		} else {
			result = (sign ? fmt_sign(fmt) : 0) |
				 ((uint64_t)biased_exp << fmt->f) |
				 (int_mant & fmt_frac_mask(fmt));
		}
	}
	if (err != 0)
		st->exc |= FPSCR_IXC;
	return result;
}

/* ---- NaN operands (FPProcessNaNs, FPProcessNaNs3) ---- */

static bool process_nans(const struct fp_val *v1, const struct fp_val *v2,
			 uint64_t a, uint64_t b, const struct fp_fmt *fmt,
			 struct fp_status *st, uint64_t *out)
{
	if (v1->type == FPT_SNAN)
		*out = fp_process_nan(v1, a, fmt, st);
	else if (v2->type == FPT_SNAN)
		*out = fp_process_nan(v2, b, fmt, st);
	else if (v1->type == FPT_QNAN)
		*out = fp_process_nan(v1, a, fmt, st);
	else if (v2->type == FPT_QNAN)
		*out = fp_process_nan(v2, b, fmt, st);
	else
		return false;
	return true;
}

static bool process_nans3(const struct fp_val *v1, const struct fp_val *v2,
			  const struct fp_val *v3, uint64_t a, uint64_t b,
			  uint64_t c, const struct fp_fmt *fmt,
			  struct fp_status *st, uint64_t *out)
{
	if (v1->type == FPT_SNAN)
		*out = fp_process_nan(v1, a, fmt, st);
	else if (v2->type == FPT_SNAN)
		*out = fp_process_nan(v2, b, fmt, st);
	else if (v3->type == FPT_SNAN)
		*out = fp_process_nan(v3, c, fmt, st);
	else if (v1->type == FPT_QNAN)
		*out = fp_process_nan(v1, a, fmt, st);
	else if (v2->type == FPT_QNAN)
		*out = fp_process_nan(v2, b, fmt, st);
	else if (v3->type == FPT_QNAN)
		*out = fp_process_nan(v3, c, fmt, st);
	else
		return false;
	return true;
}

static uint64_t invalid(const struct fp_fmt *fmt, struct fp_status *st)
{
	st->exc |= FPSCR_IOC;
	return fp_default_nan(fmt);
}

/* ---- exact real arithmetic ---- */

struct real {
	bool sign;
	int exp;
	fp_u128 mant; /* 0: the value is zero */
};

static struct real real_of(const struct fp_val *v)
{
	struct real r = {v->sign, v->exp, v->type == FPT_NONZERO ? v->mant : 0};
	return r;
}

/* Put the most significant bit at bit 120 (left shifts are exact). */
static struct real real_norm(struct real r)
{
	if (r.mant) {
		int sh = 120 - (int)fp_msb128(r.mant);
		if (sh > 0) {
			r.mant <<= sh;
			r.exp -= sh;
		}
	}
	return r;
}

static fp_u128 shift_right_jam(fp_u128 m, int sh)
{
	if (sh <= 0)
		return m;
	if (sh >= 127)
		return m != 0;
	fp_u128 lost = m & ((((fp_u128)1) << sh) - 1u);
	return (m >> sh) | (lost != 0);
}

/* a + b; the mantissas have at most 107 significant bits. */
static struct real real_add(struct real a, struct real b)
{
	if (!a.mant)
		return b;
	if (!b.mant)
		return a;
	a = real_norm(a);
	b = real_norm(b);
	if (a.exp < b.exp) {
		struct real t = a;
		a = b;
		b = t;
	}
	b.mant = shift_right_jam(b.mant, a.exp - b.exp);
	struct real r = {a.sign, a.exp, 0};
	if (a.sign == b.sign) {
		r.mant = a.mant + b.mant;
	} else if (a.mant >= b.mant) {
		r.mant = a.mant - b.mant;
	} else {
		r.mant = b.mant - a.mant;
		r.sign = b.sign;
	}
	return r;
}

static struct real real_mul(struct real a, struct real b)
{
	struct real r = {a.sign != b.sign, a.exp + b.exp, a.mant * b.mant};
	return r;
}

/* ---- FPAdd / FPSub ---- */

static uint64_t fp_addsub(uint64_t a, uint64_t b, bool sub,
			  const struct fp_fmt *fmt, struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, fmt, st, &res))
		return res;
	if (sub)
		v2.sign = !v2.sign;
	bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
	bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
	if (inf1 && inf2 && v1.sign != v2.sign)
		return invalid(fmt, st);
	if (inf1 || inf2)
		return fp_infinity(fmt, inf1 ? v1.sign : v2.sign);
	if (zero1 && zero2 && v1.sign == v2.sign)
		return fp_zero(fmt, v1.sign);
	struct real r = real_add(real_of(&v1), real_of(&v2));
	if (!r.mant) /* exact zero: -0 only when rounding towards -inf */
		return fp_zero(fmt, fp_status_rounding(st) == FPROUND_NEGINF);
	return fp_round(r.sign, r.exp, r.mant, fmt, fp_status_rounding(st), st);
}

/* ---- FPMul ---- */

static uint64_t fp_mul(uint64_t a, uint64_t b, const struct fp_fmt *fmt,
		       struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, fmt, st, &res))
		return res;
	bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
	bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
	bool sign = v1.sign != v2.sign;
	if ((inf1 && zero2) || (zero1 && inf2))
		return invalid(fmt, st);
	if (inf1 || inf2)
		return fp_infinity(fmt, sign);
	if (zero1 || zero2)
		return fp_zero(fmt, sign);
	struct real r = real_mul(real_of(&v1), real_of(&v2));
	return fp_round(r.sign, r.exp, r.mant, fmt, fp_status_rounding(st), st);
}

/* ---- FPDiv ---- */

static uint64_t fp_div(uint64_t a, uint64_t b, const struct fp_fmt *fmt,
		       struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, fmt, st, &res))
		return res;
	bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
	bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
	bool sign = v1.sign != v2.sign;
	if ((inf1 && inf2) || (zero1 && zero2))
		return invalid(fmt, st);
	if (inf1 || zero2) {
		if (!inf1)
			st->exc |= FPSCR_DZC;
		return fp_infinity(fmt, sign);
	}
	if (zero1 || inf2)
		return fp_zero(fmt, sign);
	/* quotient with at least 63 significant bits, remainder as sticky */
	unsigned sh = 116 - fp_msb128(v1.mant);
	fp_u128 n = (fp_u128)v1.mant << sh;
	fp_u128 q = n / v2.mant;
	if (n % v2.mant)
		q |= 1u;
	return fp_round(sign, v1.exp - (int)sh - v2.exp, q, fmt,
			fp_status_rounding(st), st);
}

/* ---- FPSqrt ---- */

static fp_u128 isqrt128(fp_u128 m, fp_u128 *rem)
{
	fp_u128 res = 0, bit = ((fp_u128)1) << 126;
	while (bit > m)
		bit >>= 2;
	while (bit) {
		if (m >= res + bit) {
			m -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	*rem = m;
	return res;
}

static uint64_t fp_sqrt(uint64_t a, const struct fp_fmt *fmt,
			struct fp_status *st)
{
	struct fp_val v = fp_unpack(a, fmt, st);
	if (fp_is_nan(&v))
		return fp_process_nan(&v, a, fmt, st);
	if (v.type == FPT_ZERO)
		return fp_zero(fmt, v.sign);
	if (v.type == FPT_INF && !v.sign)
		return fp_infinity(fmt, false);
	if (v.sign)
		return invalid(fmt, st);
	int e = v.exp;
	fp_u128 m = v.mant;
	if (e & 1) {
		m <<= 1;
		e -= 1;
	}
	/* shift by an even amount so m has its top bit at 124 or 125 */
	int sh = (124 - (int)fp_msb128(m)) & ~1;
	m <<= sh;
	e -= sh;
	fp_u128 rem, r = isqrt128(m, &rem);
	if (rem)
		r |= 1u;
	return fp_round(false, e / 2, r, fmt, fp_status_rounding(st), st);
}

/* ---- FPMulAdd (fused) ---- */

static uint64_t fp_muladd(uint64_t addend, uint64_t a, uint64_t b,
			  const struct fp_fmt *fmt, struct fp_status *st)
{
	struct fp_val va = fp_unpack(addend, fmt, st);
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	bool inf1 = v1.type == FPT_INF, inf2 = v2.type == FPT_INF;
	bool zero1 = v1.type == FPT_ZERO, zero2 = v2.type == FPT_ZERO;
	uint64_t res;
	bool done = process_nans3(&va, &v1, &v2, addend, a, b, fmt, st, &res);
	/* (inf * 0) + qNaN: Invalid Operation and the default NaN (the rule
	 * ARMv8 writes into FPMulAdd; QEMU applies it to these cores) */
	if (va.type == FPT_QNAN && ((inf1 && zero2) || (zero1 && inf2)))
		return invalid(fmt, st);
	if (done)
		return res;
	bool infa = va.type == FPT_INF, zeroa = va.type == FPT_ZERO;
	bool signp = v1.sign != v2.sign;
	bool infp = inf1 || inf2, zerop = zero1 || zero2;
	if ((inf1 && zero2) || (zero1 && inf2) ||
	    (infa && infp && va.sign != signp))
		return invalid(fmt, st);
	if ((infa && !va.sign) || (infp && !signp))
		return fp_infinity(fmt, false);
	if ((infa && va.sign) || (infp && signp))
		return fp_infinity(fmt, true);
	if (zeroa && zerop && va.sign == signp)
		return fp_zero(fmt, va.sign);
	struct real r =
		real_add(real_of(&va), real_mul(real_of(&v1), real_of(&v2)));
	if (!r.mant)
		return fp_zero(fmt, fp_status_rounding(st) == FPROUND_NEGINF);
	return fp_round(r.sign, r.exp, r.mant, fmt, fp_status_rounding(st), st);
}

/* ---- comparisons ---- */

/* Order of two non-NaN values: -1, 0, 1 (±0 are equal). */
static int real_cmp(const struct fp_val *x, const struct fp_val *y)
{
	/* map to a signed magnitude key: infinities above every number */
	struct fp_val a = *x, b = *y;
	int sa, sb;
	if (a.type == FPT_ZERO && b.type == FPT_ZERO)
		return 0;
	sa = a.type == FPT_ZERO ? 0 : a.sign ? -1 : 1;
	sb = b.type == FPT_ZERO ? 0 : b.sign ? -1 : 1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	/* same sign, both non-zero */
	int mag;
	if (a.type == FPT_INF || b.type == FPT_INF) {
		mag = (a.type == FPT_INF) - (b.type == FPT_INF);
	} else {
		struct real ra = real_norm(real_of(&a)), rb = real_norm(real_of(&b));
		if (ra.exp != rb.exp)
			mag = ra.exp < rb.exp ? -1 : 1;
		else
			mag = ra.mant < rb.mant ? -1 : ra.mant > rb.mant ? 1 : 0;
	}
	return sa < 0 ? -mag : mag;
}

static unsigned fp_compare(uint64_t a, uint64_t b, bool quiet_nan_exc,
			   const struct fp_fmt *fmt, struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	if (fp_is_nan(&v1) || fp_is_nan(&v2)) {
		if (quiet_nan_exc || v1.type == FPT_SNAN || v2.type == FPT_SNAN)
			st->exc |= FPSCR_IOC;
		return 0x3; /* unordered: 0011 */
	}
	int c = real_cmp(&v1, &v2);
	return c == 0 ? 0x6 : c < 0 ? 0x8 : 0x2;
}

/* ---- FPMax / FPMin ---- */

static uint64_t fp_maxmin(uint64_t a, uint64_t b, bool is_max,
			  const struct fp_fmt *fmt, struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, fmt, st), v2 = fp_unpack(b, fmt, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, fmt, st, &res))
		return res;
	int c = real_cmp(&v1, &v2);
	const struct fp_val *w;
	uint64_t wbits;
	if (is_max ? c > 0 : c < 0) {
		w = &v1;
		wbits = a;
	} else {
		w = &v2;
		wbits = b;
	}
	if (w->type == FPT_INF)
		return fp_infinity(fmt, w->sign);
	if (w->type == FPT_ZERO) {
		bool sign = is_max ? (v1.sign && v2.sign) : (v1.sign || v2.sign);
		if (v1.type != FPT_ZERO || v2.type != FPT_ZERO)
			sign = w->sign;
		return fp_zero(fmt, sign);
	}
	/* FPRound of a representable value is the value itself */
	return wbits;
}

/* ---- the exported single and double precision operations ---- */

uint32_t fp32_add(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_addsub(a, b, false, &fp_fmt32, st);
}
uint32_t fp32_sub(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_addsub(a, b, true, &fp_fmt32, st);
}
uint32_t fp32_mul(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_mul(a, b, &fp_fmt32, st);
}
uint32_t fp32_div(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_div(a, b, &fp_fmt32, st);
}
uint32_t fp32_sqrt(uint32_t a, struct fp_status *st)
{
	return (uint32_t)fp_sqrt(a, &fp_fmt32, st);
}
uint32_t fp32_muladd(uint32_t addend, uint32_t op1, uint32_t op2,
		     struct fp_status *st)
{
	return (uint32_t)fp_muladd(addend, op1, op2, &fp_fmt32, st);
}
uint32_t fp32_max(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_maxmin(a, b, true, &fp_fmt32, st);
}
uint32_t fp32_min(uint32_t a, uint32_t b, struct fp_status *st)
{
	return (uint32_t)fp_maxmin(a, b, false, &fp_fmt32, st);
}
uint64_t fp64_add(uint64_t a, uint64_t b, struct fp_status *st)
{
	return fp_addsub(a, b, false, &fp_fmt64, st);
}
uint64_t fp64_sub(uint64_t a, uint64_t b, struct fp_status *st)
{
	return fp_addsub(a, b, true, &fp_fmt64, st);
}
uint64_t fp64_mul(uint64_t a, uint64_t b, struct fp_status *st)
{
	return fp_mul(a, b, &fp_fmt64, st);
}
uint64_t fp64_div(uint64_t a, uint64_t b, struct fp_status *st)
{
	return fp_div(a, b, &fp_fmt64, st);
}
uint64_t fp64_sqrt(uint64_t a, struct fp_status *st)
{
	return fp_sqrt(a, &fp_fmt64, st);
}
uint64_t fp64_muladd(uint64_t addend, uint64_t op1, uint64_t op2,
		     struct fp_status *st)
{
	return fp_muladd(addend, op1, op2, &fp_fmt64, st);
}
unsigned fp32_compare(uint32_t a, uint32_t b, bool quiet_nan_exc,
		      struct fp_status *st)
{
	return fp_compare(a, b, quiet_nan_exc, &fp_fmt32, st);
}
unsigned fp64_compare(uint64_t a, uint64_t b, bool quiet_nan_exc,
		      struct fp_status *st)
{
	return fp_compare(a, b, quiet_nan_exc, &fp_fmt64, st);
}
bool fp32_compare_eq(uint32_t a, uint32_t b, struct fp_status *st)
{
	return fp_compare(a, b, false, &fp_fmt32, st) == 0x6;
}
bool fp32_compare_ge(uint32_t a, uint32_t b, struct fp_status *st)
{
	unsigned r = fp_compare(a, b, true, &fp_fmt32, st);
	return r == 0x6 || r == 0x2;
}
bool fp32_compare_gt(uint32_t a, uint32_t b, struct fp_status *st)
{
	return fp_compare(a, b, true, &fp_fmt32, st) == 0x2;
}

/* ---- Advanced SIMD estimates and steps (A2.7, "Reciprocal
 * estimate and step", "Reciprocal square root") ---- */

/* recip_estimate() for a = (q + 0.5) / 512, q = 256..511: the integer s
 * of s / 256 = RoundToNearest(256 / a) / 256, in 257..511. */
static unsigned recip_estimate_s(unsigned q)
{
	unsigned y = 2 * q + 1; /* a = y / 1024 */
	/* s = floor(256 * 1024 / y + 0.5) */
	return (2u * 262144u + y) / (2u * y);
}

/* recip_sqrt_estimate(): for q0 (a < 0.5, a = (q0 + 0.5) / 512) k = 26,
 * for q1 (a >= 0.5, a = (q1 + 0.5) / 256) k = 25; s = floor(256 /
 * sqrt(a) + 0.5), i.e. the largest s with (2s - 1)^2 * y <= 4 * 2^k. */
static unsigned rsqrt_estimate_s(unsigned q, unsigned k)
{
	uint64_t y = 2u * (uint64_t)q + 1u, lim = 4ull << k;
	unsigned lo = 1, hi = 1024;
	while (lo < hi) {
		unsigned mid = (lo + hi + 1) / 2;
		uint64_t t = 2ull * mid - 1u;
		if (t * t * y <= lim)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

uint32_t fp32_recip_estimate(uint32_t a, struct fp_status *st)
{
	struct fp_val v = fp_unpack(a, &fp_fmt32, st);
	if (fp_is_nan(&v))
		return (uint32_t)fp_process_nan(&v, a, &fp_fmt32, st);
	if (v.type == FPT_INF)
		return (uint32_t)fp_zero(&fp_fmt32, v.sign);
	if (v.type == FPT_ZERO) {
		st->exc |= FPSCR_DZC;
		return (uint32_t)fp_infinity(&fp_fmt32, v.sign);
	}
	unsigned exp = (a >> 23) & 0xffu;
	if (exp >= 253) { /* |a| >= 2^126: the result would be tiny */
		st->exc |= FPSCR_UFC;
		return (uint32_t)fp_zero(&fp_fmt32, v.sign);
	}
	if (exp == 0) {
		/* a denormal input when FZ is off (never with the standard
		 * FPSCR value): treat as the smallest normal exponent's
		 * neighbour is not defined by v7; the result overflows. */
		st->exc |= FPSCR_OFC | FPSCR_IXC;
		return (uint32_t)fp_infinity(&fp_fmt32, v.sign);
	}
	unsigned q = 256u + ((a & 0x7fffffu) >> 15);
	unsigned s = recip_estimate_s(q);
	unsigned result_exp = 253u - exp;
	return (v.sign ? 0x80000000u : 0) | (result_exp << 23) |
	       ((s - 256u) << 15);
}

uint32_t fp32_rsqrt_estimate(uint32_t a, struct fp_status *st)
{
	struct fp_val v = fp_unpack(a, &fp_fmt32, st);
	if (fp_is_nan(&v))
		return (uint32_t)fp_process_nan(&v, a, &fp_fmt32, st);
	if (v.type == FPT_ZERO) {
		st->exc |= FPSCR_DZC;
		return (uint32_t)fp_infinity(&fp_fmt32, v.sign);
	}
	if (v.sign)
		return (uint32_t)invalid(&fp_fmt32, st);
	if (v.type == FPT_INF)
		return 0;
	unsigned exp = (a >> 23) & 0xffu;
	if (exp == 0) {
		/* denormal with FZ off (not reachable with the standard
		 * FPSCR value): not defined by v7; the largest estimate */
		return 0x7f7f8000u;
	}
	unsigned q = 128u + ((a & 0x7fffffu) >> 16);
	unsigned s = rsqrt_estimate_s(q, (exp & 1u) ? 26u : 25u);
	unsigned result_exp = (380u - exp) / 2u;
	return (result_exp << 23) | ((s - 256u) << 15);
}

uint32_t fp_u32_recip_estimate(uint32_t a)
{
	if (!(a >> 31))
		return 0xffffffffu;
	unsigned s = recip_estimate_s(a >> 23);
	return 0x80000000u | ((s - 256u) << 23);
}

uint32_t fp_u32_rsqrt_estimate(uint32_t a)
{
	if (!(a >> 30))
		return 0xffffffffu;
	unsigned s = (a >> 31) ? rsqrt_estimate_s(a >> 24, 25)
			       : rsqrt_estimate_s(a >> 23, 26);
	/* UnsignedRSqrtEstimate: the estimate 256..511 in bits [31:23]
	 * (A2.8; the float version drops the implicit bit, this one keeps
	 * it) */
	return s << 23;
}

/* FPRecipStep: 2 - a * b, the product rounded first (v7 is not fused). */
uint32_t fp32_recip_step(uint32_t a, uint32_t b, struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, &fp_fmt32, st);
	struct fp_val v2 = fp_unpack(b, &fp_fmt32, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, &fp_fmt32, st, &res))
		return (uint32_t)res;
	if ((v1.type == FPT_INF && v2.type == FPT_ZERO) ||
	    (v1.type == FPT_ZERO && v2.type == FPT_INF))
		return 0x40000000u; /* 2.0 */
	uint32_t p = fp32_mul(a, b, st);
	return fp32_sub(0x40000000u, p, st);
}

/* FPRSqrtStep: (3 - a * b) / 2, the product rounded first, then
 * FPHalvedSub with one rounding. */
uint32_t fp32_rsqrt_step(uint32_t a, uint32_t b, struct fp_status *st)
{
	struct fp_val v1 = fp_unpack(a, &fp_fmt32, st);
	struct fp_val v2 = fp_unpack(b, &fp_fmt32, st);
	uint64_t res;
	if (process_nans(&v1, &v2, a, b, &fp_fmt32, st, &res))
		return (uint32_t)res;
	if ((v1.type == FPT_INF && v2.type == FPT_ZERO) ||
	    (v1.type == FPT_ZERO && v2.type == FPT_INF))
		return 0x3fc00000u; /* 1.5 */
	uint32_t p = fp32_mul(a, b, st);
	struct fp_val vp = fp_unpack(p, &fp_fmt32, st);
	if (vp.type == FPT_INF)
		return (uint32_t)fp_infinity(&fp_fmt32, !vp.sign);
	struct real three = {false, 0, 3};
	vp.sign = !vp.sign;
	struct real r = real_add(three, real_of(&vp));
	if (!r.mant)
		return 0;
	return (uint32_t)fp_round(r.sign, r.exp - 1, r.mant, &fp_fmt32,
				  fp_status_rounding(st), st);
}
