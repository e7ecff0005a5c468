/* Corner cases of the ARM floating-point arithmetic (src/cpu/vfp_arith.c,
 * vfp_convert.c) that a host FPU gets differently: tininess before
 * rounding (ARM) against after (x86), flush-to-zero of inputs and outputs,
 * default NaN, NaN operand priority, saturating conversions, alternative
 * half precision and the Advanced SIMD estimates (ARM DDI 0406C A2.7). */
#include "check_main.h"

#include "cpu/fp.h"

static struct fp_status st_of(uint32_t ctl)
{
	struct fp_status st = {ctl, 0};
	return st;
}

START_TEST(tininess_before_rounding)
{
	/* 0x00800000 * (1 - 2^-24) rounds up to the smallest normal in
	 * round-to-nearest, but the exact result is tiny and inexact:
	 * ARM raises Underflow (x86 would not). */
	struct fp_status st = st_of(0);
	ck_assert_uint_eq(fp32_mul(0x00800000u, 0x3f7fffffu, &st), 0x00800000u);
	ck_assert_uint_eq(st.exc, FPSCR_UFC | FPSCR_IXC);
	/* an exact denormal result: no Underflow */
	st = st_of(0);
	ck_assert_uint_eq(fp32_mul(0x00800000u, 0x3f000000u, &st), 0x00400000u);
	ck_assert_uint_eq(st.exc, 0);
}
END_TEST

START_TEST(flush_to_zero)
{
	/* FZ: denormal input is zero with IDC; tiny output is zero with UFC
	 * and no IXC; the sign is kept */
	struct fp_status st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp32_add(0x00000001u, 0x80000000u, &st), 0x00000000u);
	ck_assert_uint_eq(st.exc, FPSCR_IDC);
	st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp32_mul(0x80800000u, 0x3f000000u, &st), 0x80000000u);
	ck_assert_uint_eq(st.exc, FPSCR_UFC);
	/* the rounded-up case above is tiny before rounding: flushed */
	st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp32_mul(0x00800000u, 0x3f7fffffu, &st), 0);
	ck_assert_uint_eq(st.exc, FPSCR_UFC);
	/* double: denormal input flushed */
	st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp64_add(1, 0x3ff0000000000000ull, &st),
			    0x3ff0000000000000ull);
	ck_assert_uint_eq(st.exc, FPSCR_IDC);
}
END_TEST

START_TEST(nan_rules)
{
	/* signalling before quiet, first operand first; quieted; IOC */
	struct fp_status st = st_of(0);
	ck_assert_uint_eq(fp32_add(0x7fc00001u, 0xff800002u, &st), 0xffc00002u);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	st = st_of(0);
	ck_assert_uint_eq(fp32_add(0x7fc00001u, 0xffc00002u, &st), 0x7fc00001u);
	ck_assert_uint_eq(st.exc, 0);
	/* DN: the default NaN */
	st = st_of(FPSCR_DN);
	ck_assert_uint_eq(fp32_mul(0xffc00005u, 0x3f800000u, &st), 0x7fc00000u);
	/* invalid operations give the default NaN (positive, unlike x86) */
	st = st_of(0);
	ck_assert_uint_eq(fp64_sub(0x7ff0000000000000ull,
				     0x7ff0000000000000ull, &st),
			    0x7ff8000000000000ull);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	/* fused: (inf * 0) + qNaN is the default NaN with IOC */
	st = st_of(0);
	ck_assert_uint_eq(fp32_muladd(0x7fc00123u, 0x7f800000u, 0, &st),
			  0x7fc00000u);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	/* sqrt(-0) = -0, sqrt(-1) invalid */
	st = st_of(0);
	ck_assert_uint_eq(fp32_sqrt(0x80000000u, &st), 0x80000000u);
	ck_assert_uint_eq(fp32_sqrt(0xbf800000u, &st), 0x7fc00000u);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
}
END_TEST

START_TEST(rounding_modes_and_zero_sign)
{
	/* x + (-x) is +0, except -0 when rounding towards minus infinity */
	struct fp_status st = st_of(0);
	ck_assert_uint_eq(fp32_add(0x3f800000u, 0xbf800000u, &st), 0);
	st = st_of(FPROUND_NEGINF << FPSCR_RMODE_SHIFT);
	ck_assert_uint_eq(fp32_add(0x3f800000u, 0xbf800000u, &st), 0x80000000u);
	/* overflow: infinity or the largest normal by mode, OFC and IXC */
	st = st_of(FPROUND_ZERO << FPSCR_RMODE_SHIFT);
	ck_assert_uint_eq(fp32_mul(0x7f7fffffu, 0x40000000u, &st), 0x7f7fffffu);
	ck_assert_uint_eq(st.exc, FPSCR_OFC | FPSCR_IXC);
	st = st_of(FPROUND_POSINF << FPSCR_RMODE_SHIFT);
	ck_assert_uint_eq(fp32_mul(0xff7fffffu, 0x40000000u, &st), 0xff7fffffu);
	ck_assert_uint_eq(fp32_mul(0x7f7fffffu, 0x40000000u, &st), 0x7f800000u);
	/* divide by zero */
	st = st_of(0);
	ck_assert_uint_eq(fp32_div(0xbf800000u, 0, &st), 0xff800000u);
	ck_assert_uint_eq(st.exc, FPSCR_DZC);
}
END_TEST

START_TEST(conversions)
{
	struct fp_status st = st_of(0);
	/* NaN to integer: 0 and IOC; saturation: IOC without IXC */
	ck_assert_uint_eq(fp32_to_fixed(0x7fc00000u, 32, 0, false, FPROUND_ZERO,
					&st), 0);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	st = st_of(0);
	ck_assert_uint_eq(fp32_to_fixed(0x4f000000u, 32, 0, false, FPROUND_ZERO,
					&st), 0x7fffffffu);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	st = st_of(0);
	ck_assert_uint_eq(fp32_to_fixed(0xbf800000u, 32, 0, true, FPROUND_ZERO,
					&st), 0);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	/* -2.5 to nearest even: -2, inexact; towards +inf: -2; -inf: -3 */
	st = st_of(0);
	ck_assert_uint_eq(fp32_to_fixed(0xc0200000u, 32, 0, false,
					FPROUND_TIEEVEN, &st), 0xfffffffeu);
	ck_assert_uint_eq(st.exc, FPSCR_IXC);
	ck_assert_uint_eq(fp32_to_fixed(0xc0200000u, 32, 0, false,
					FPROUND_NEGINF, &st), 0xfffffffdu);
	/* 16-bit fixed point, sign-extended */
	st = st_of(0);
	ck_assert_uint_eq(fp32_to_fixed(0xbf000000u, 16, 8, false, FPROUND_ZERO,
					&st), 0xffffff80u);
	ck_assert_uint_eq(fp32_from_fixed(0xff80u, 16, 8, false,
					  FPROUND_TIEEVEN, &st), 0xbf000000u);
	/* double to single: tiny result with FZ flushed, NaN keeps payload */
	st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp64_to_fp32(0x3800000000000000ull, &st), 0);
	ck_assert_uint_eq(st.exc, FPSCR_UFC);
	st = st_of(0);
	ck_assert_uint_eq(fp64_to_fp32(0xfff0000012345678ull, &st), 0xffc00000u);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	/* half precision: IEEE infinity; AHP has none (largest, IOC) */
	st = st_of(0);
	ck_assert_uint_eq(fp32_to_fp16(0x7f800000u, &st), 0x7c00u);
	st = st_of(FPSCR_AHP);
	ck_assert_uint_eq(fp32_to_fp16(0x7f800000u, &st), 0x7fffu);
	ck_assert_uint_eq(st.exc, FPSCR_IOC);
	st = st_of(FPSCR_AHP);
	ck_assert_uint_eq(fp16_to_fp32(0x7c00u, &st), 0x47800000u);
	/* half denormals are not flushed by FZ */
	st = st_of(FPSCR_FZ);
	ck_assert_uint_eq(fp16_to_fp32(0x0001u, &st), 0x33800000u);
	ck_assert_uint_eq(st.exc, 0);
}
END_TEST

START_TEST(simd_estimates)
{
	struct fp_status st = st_of(FPSCR_FZ | FPSCR_DN);
	/* 1/1.0 estimate: 0x3f7f8000 (s = 511 for q = 256), 1/sqrt(1.0):
	 * 0x3f7f8000 as well (the tables' first entries) */
	ck_assert_uint_eq(fp32_recip_estimate(0x3f800000u, &st), 0x3f7f8000u);
	ck_assert_uint_eq(fp32_rsqrt_estimate(0x3f800000u, &st), 0x3f7f8000u);
	ck_assert_uint_eq(fp32_recip_estimate(0x80000000u, &st), 0xff800000u);
	ck_assert_uint_eq(st.exc, FPSCR_DZC);
	ck_assert_uint_eq(fp_u32_recip_estimate(0x7fffffffu), 0xffffffffu);
	ck_assert_uint_eq(fp_u32_recip_estimate(0x80000000u), 0xff800000u);
	/* steps: inf * 0 gives 2.0 and 1.5 exactly */
	ck_assert_uint_eq(fp32_recip_step(0x7f800000u, 0, &st), 0x40000000u);
	ck_assert_uint_eq(fp32_rsqrt_step(0, 0xff800000u, &st), 0x3fc00000u);
	/* VMAX/VMIN of zeros: +0 / -0 */
	ck_assert_uint_eq(fp32_max(0x80000000u, 0, &st), 0);
	ck_assert_uint_eq(fp32_min(0, 0x80000000u, &st), 0x80000000u);
}
END_TEST

static Suite *vfp_suite(void)
{
	Suite *s = suite_create("vfp_arith");
	TCase *tc = tcase_create("ieee");
	tcase_add_test(tc, tininess_before_rounding);
	tcase_add_test(tc, flush_to_zero);
	tcase_add_test(tc, nan_rules);
	tcase_add_test(tc, rounding_modes_and_zero_sign);
	tcase_add_test(tc, conversions);
	tcase_add_test(tc, simd_estimates);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(vfp_suite)
