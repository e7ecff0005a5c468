/* Pure arithmetic of the ARM instruction sets: shifts, add-with-carry,
 * immediate expansion, saturation, bit tricks. Shared by the A32 and T32
 * decoders and src/cpu/ops.c. No state: everything here is a function of
 * its arguments, named after the pseudocode of ARM DDI 0406C A2.2 / A8.4. */
#ifndef HYPSIM_ALU_H
#define HYPSIM_ALU_H

#include <stdbool.h>
#include <stdint.h>

/* SRType, A8.4.1. The values of LSL..ROR equal the instruction's two-bit
 * "type" field, so alu_decode_imm_shift is a small fix-up. */
enum shift_type {
	SRTYPE_LSL = 0,
	SRTYPE_LSR = 1,
	SRTYPE_ASR = 2,
	SRTYPE_ROR = 3,
	SRTYPE_RRX = 4,
};

static inline uint32_t alu_ror(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

/* DecodeImmShift(), A8.4.1: type field + imm5 to (shift type, amount).
 * LSR/ASR #0 encode #32; ROR #0 encodes RRX. */
static inline enum shift_type alu_decode_imm_shift(unsigned type,
						   unsigned imm5,
						   unsigned *amount)
{
	type &= 3;
	imm5 &= 31;
	switch (type) {
	case SRTYPE_LSL:
		*amount = imm5;
		return SRTYPE_LSL;
	case SRTYPE_LSR:
	case SRTYPE_ASR:
		*amount = imm5 ? imm5 : 32;
		return (enum shift_type)type;
	default:
		if (imm5 == 0) {
			*amount = 1;
			return SRTYPE_RRX;
		}
		*amount = imm5;
		return SRTYPE_ROR;
	}
}

/* Shift_C(), A8.4.3, with the extension of the register-shifted forms:
 * `amount` may be anything 0..255 (Rs<7:0>). Amount 0 returns the value
 * unchanged with carry_in as carry out (for RRX the amount is ignored). */
static inline uint32_t alu_shift_c(uint32_t value, enum shift_type type,
				   unsigned amount, bool carry_in,
				   bool *carry_out)
{
	if (type == SRTYPE_RRX) {
		*carry_out = value & 1;
		return (value >> 1) | ((uint32_t)carry_in << 31);
	}
	if (amount == 0) {
		*carry_out = carry_in;
		return value;
	}
	switch (type) {
	case SRTYPE_LSL: /* LSL_C */
		if (amount < 32) {
			*carry_out = (value >> (32 - amount)) & 1;
			return value << amount;
		}
		*carry_out = amount == 32 ? (value & 1) : 0;
		return 0;
	case SRTYPE_LSR: /* LSR_C */
		if (amount < 32) {
			*carry_out = (value >> (amount - 1)) & 1;
			return value >> amount;
		}
		*carry_out = amount == 32 ? (value >> 31) : 0;
		return 0;
	case SRTYPE_ASR: /* ASR_C: amounts >= 32 fill with the sign */
		if (amount < 32) {
			*carry_out = ((int32_t)value >> (amount - 1)) & 1;
			return (uint32_t)((int32_t)value >> amount);
		}
		*carry_out = value >> 31;
		return (uint32_t)((int32_t)value >> 31);
	default: { /* ROR_C: the carry is bit 31 of the result */
		uint32_t r = alu_ror(value, amount);
		*carry_out = r >> 31;
		return r;
	}
	}
}

/* Shift(): Shift_C without the carry. */
static inline uint32_t alu_shift(uint32_t value, enum shift_type type,
				 unsigned amount, bool carry_in)
{
	bool c;
	return alu_shift_c(value, type, amount, carry_in, &c);
}

/* AddWithCarry(), A2.2.1. */
static inline uint32_t alu_add_with_carry(uint32_t x, uint32_t y,
					  bool carry_in, bool *carry_out,
					  bool *overflow)
{
	uint64_t usum = (uint64_t)x + y + carry_in;
	uint32_t r = (uint32_t)usum;
	*carry_out = (usum >> 32) != 0;
	/* signed overflow: operands of equal sign, result of the other */
	*overflow = ((~(x ^ y) & (x ^ r)) >> 31) != 0;
	return r;
}

/* ARMExpandImm_C(), A5.2.4: imm8 rotated right by 2*rotate. The carry is
 * unchanged for a zero rotation, else bit 31 of the result. */
static inline uint32_t alu_arm_expand_imm_c(uint32_t imm12, bool carry_in,
					    bool *carry_out)
{
	unsigned rot = ((imm12 >> 8) & 15) * 2;
	uint32_t v = alu_ror(imm12 & 0xff, rot);
	*carry_out = rot ? (v >> 31) : carry_in;
	return v;
}

/* ThumbExpandImm_C(), A6.3.2. *unpredictable is set for the patterns the
 * manual calls UNPREDICTABLE (imm8 == 0 with a replicating form). */
static inline uint32_t alu_thumb_expand_imm_c(uint32_t imm12, bool carry_in,
					      bool *carry_out,
					      bool *unpredictable)
{
	uint32_t imm8 = imm12 & 0xff;
	*unpredictable = false;
	if ((imm12 >> 10) == 0) {
		*carry_out = carry_in;
		switch ((imm12 >> 8) & 3) {
		case 0:
			return imm8;
		case 1:
			*unpredictable = imm8 == 0;
			return imm8 * 0x00010001u;
		case 2:
			*unpredictable = imm8 == 0;
			return imm8 * 0x01000100u;
		default:
			*unpredictable = imm8 == 0;
			return imm8 * 0x01010101u;
		}
	}
	uint32_t v = alu_ror(0x80 | (imm12 & 0x7f), (imm12 >> 7) & 31);
	*carry_out = v >> 31;
	return v;
}

/* SignedSatQ(i, N), A2.2.1: saturate to an N-bit signed range, 1 <= N <= 32.
 * Returns the value as a 32-bit pattern (sign-extended from N bits). */
static inline uint32_t alu_signed_sat_q(int64_t i, unsigned n, bool *sat)
{
	int64_t max = ((int64_t)1 << (n - 1)) - 1;
	int64_t min = -((int64_t)1 << (n - 1));
	*sat = true;
	if (i > max)
		return (uint32_t)max;
	if (i < min)
		return (uint32_t)min;
	*sat = false;
	return (uint32_t)i;
}

/* UnsignedSatQ(i, N), A2.2.1: saturate to 0 .. 2^N - 1, 0 <= N <= 32. */
static inline uint32_t alu_unsigned_sat_q(int64_t i, unsigned n, bool *sat)
{
	int64_t max = ((int64_t)1 << n) - 1;
	*sat = true;
	if (i > max)
		return (uint32_t)max;
	if (i < 0)
		return 0;
	*sat = false;
	return (uint32_t)i;
}

/* CountLeadingZeroBits(), A2.2.1. */
static inline unsigned alu_clz(uint32_t x)
{
	return x ? (unsigned)__builtin_clz(x) : 32;
}

static inline uint32_t alu_rbit(uint32_t x)
{
	x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
	x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
	x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
	return __builtin_bswap32(x);
}

static inline int32_t alu_sext(uint32_t x, unsigned bits)
{
	unsigned s = 32 - bits;
	return s ? (int32_t)(x << s) >> s : (int32_t)x;
}

#endif
