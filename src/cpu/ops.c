/* Instruction semantics shared by the A32 and T32 decoders: the
 * "Operation" parts of ARM DDI 0406C chapter A8 (and B9 for the system
 * instructions). See ops.h for the conventions. */
#include "cpu/ops.h"

#include <string.h>

/* Write a result register: the PC goes through ALUWritePC (cpu.c); every
 * other register is a plain store, which keeps the common path short. */
static inline void set_reg(struct cpu *cpu, unsigned rd, uint32_t v)
{
	if (rd != 15)
		cpu->r[rd] = v;
	else
		cpu_write_reg_alu(cpu, rd, v);
}

static inline uint32_t reg(const struct cpu *cpu, unsigned n)
{
	return cpu_reg_read(cpu, n);
}

static inline void set_q(struct cpu *cpu)
{
	cpu->cpsr |= CPSR_Q;
}

/* ------------------------------------------------------------------ */
/* data processing                                                     */

static inline uint32_t nz_of(uint32_t r)
{
	return (r & CPSR_N) | (r == 0 ? CPSR_Z : 0);
}

static inline bool dp_is_test(enum dp_op op)
{
	return op >= DP_TST && op <= DP_CMN;
}

enum exec_result ops_dp(struct cpu *cpu, enum dp_op op, bool setflags,
			unsigned rd, uint32_t n, uint32_t m,
			bool shifter_carry)
{
	uint32_t nzcv;
	uint32_t r = ops_dp_compute(op, n, m, shifter_carry, cpu->cpsr, &nzcv);

	if (dp_is_test(op)) {
		cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) | nzcv;
		return EXEC_OK;
	}
	if (rd == 15 && setflags) {
		/* ALUExceptionReturn, B9.3.20 SUBS PC, LR and related. UNDEFINED
		 * in Hyp mode; UNPREDICTABLE in User and System mode, where
		 * hypsim takes UNDEFINED (System has no SPSR; QEMU UNDEFs in
		 * User mode). The flags are not written: CPSR comes from SPSR. */
		unsigned mode = cpu_mode(cpu);
		uint32_t spsr;
		if (mode == MODE_HYP || mode == MODE_USR || mode == MODE_SYS ||
		    !cpu_spsr_read(cpu, &spsr))
			return cpu_undefined(cpu);
		cpu_exception_return(cpu, r, spsr);
		return EXEC_OK;
	}
	set_reg(cpu, rd, r);
	if (setflags)
		cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) | nzcv;
	return EXEC_OK;
}

void ops_set_nz(struct cpu *cpu, uint32_t result)
{
	cpu->cpsr = (cpu->cpsr & ~(CPSR_N | CPSR_Z)) | nz_of(result);
}

void ops_set_nzc(struct cpu *cpu, uint32_t result, bool carry)
{
	cpu->cpsr = (cpu->cpsr & ~(CPSR_N | CPSR_Z | CPSR_C)) | nz_of(result) |
		    (carry ? CPSR_C : 0);
}

/* ------------------------------------------------------------------ */
/* multiplies                                                          */

enum exec_result ops_mul(struct cpu *cpu, enum mul_op op, bool setflags,
			 unsigned rd, unsigned rn, unsigned rm, unsigned ra)
{
	uint32_t p = reg(cpu, rn) * reg(cpu, rm);
	if (op == MUL_MLA)
		p += reg(cpu, ra);
	else if (op == MUL_MLS)
		p = reg(cpu, ra) - p;
	set_reg(cpu, rd, p);
	/* A8.8.114 MUL: ARMv7 leaves C and V unchanged */
	if (setflags)
		ops_set_nz(cpu, p);
	return EXEC_OK;
}

enum exec_result ops_mull(struct cpu *cpu, enum mull_op op, bool setflags,
			  unsigned rdlo, unsigned rdhi, unsigned rn,
			  unsigned rm)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm);
	uint64_t acc = ((uint64_t)reg(cpu, rdhi) << 32) | reg(cpu, rdlo);
	uint64_t r;

	switch (op) {
	case MULL_UMULL:
		r = (uint64_t)n * m;
		break;
	case MULL_UMLAL:
		r = (uint64_t)n * m + acc;
		break;
	case MULL_SMULL:
		r = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
		break;
	case MULL_SMLAL:
		r = (uint64_t)((int64_t)(int32_t)n * (int32_t)m) + acc;
		break;
	case MULL_UMAAL:
	default:
		/* A8.8.255: n*m + RdLo + RdHi never overflows 64 bits */
		r = (uint64_t)n * m + reg(cpu, rdlo) + reg(cpu, rdhi);
		setflags = false;
		break;
	}
	/* RdLo then RdHi: with RdHi == RdLo (UNPREDICTABLE) RdHi wins, as
	 * in QEMU */
	set_reg(cpu, rdlo, (uint32_t)r);
	set_reg(cpu, rdhi, (uint32_t)(r >> 32));
	if (setflags)
		cpu->cpsr = (cpu->cpsr & ~(CPSR_N | CPSR_Z)) |
			    ((r >> 63) ? CPSR_N : 0) | (r == 0 ? CPSR_Z : 0);
	return EXEC_OK;
}

static inline int32_t half(uint32_t x, bool high)
{
	return high ? (int32_t)x >> 16 : (int16_t)x;
}

/* Write a 64-bit signed sum to Rd; Q if it does not fit in 32 bits. */
static inline void set_reg_q(struct cpu *cpu, unsigned rd, int64_t r)
{
	if (r != (int32_t)r)
		set_q(cpu);
	set_reg(cpu, rd, (uint32_t)r);
}

enum exec_result ops_smul_xy(struct cpu *cpu, bool accumulate, unsigned rd,
			     unsigned rn, unsigned rm, unsigned ra,
			     bool n_high, bool m_high)
{
	int64_t r = (int64_t)half(reg(cpu, rn), n_high) *
		    half(reg(cpu, rm), m_high);
	if (!accumulate) {
		/* SMULxy: 0x8000 * 0x8000 fits, no Q (A8.8.200) */
		set_reg(cpu, rd, (uint32_t)r);
		return EXEC_OK;
	}
	set_reg_q(cpu, rd, r + (int32_t)reg(cpu, ra));
	return EXEC_OK;
}

enum exec_result ops_smulw_y(struct cpu *cpu, bool accumulate, unsigned rd,
			     unsigned rn, unsigned rm, unsigned ra,
			     bool m_high)
{
	int64_t p = (int64_t)(int32_t)reg(cpu, rn) * half(reg(cpu, rm), m_high);
	if (!accumulate) {
		set_reg(cpu, rd, (uint32_t)(p >> 16));
		return EXEC_OK;
	}
	/* A8.8.182 SMLAWy: (product + (Ra << 16)) >> 16, Q on overflow */
	int64_t r = (p + (int64_t)(int32_t)reg(cpu, ra) * 65536) >> 16;
	set_reg_q(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_smlal_xy(struct cpu *cpu, unsigned rdlo, unsigned rdhi,
			      unsigned rn, unsigned rm, bool n_high,
			      bool m_high)
{
	int64_t p = (int64_t)half(reg(cpu, rn), n_high) *
		    half(reg(cpu, rm), m_high);
	uint64_t acc = ((uint64_t)reg(cpu, rdhi) << 32) | reg(cpu, rdlo);
	uint64_t r = acc + (uint64_t)p;
	/* RdLo then RdHi: with RdHi == RdLo (UNPREDICTABLE) RdHi wins, as
	 * in QEMU */
	set_reg(cpu, rdlo, (uint32_t)r);
	set_reg(cpu, rdhi, (uint32_t)(r >> 32));
	return EXEC_OK;
}

static inline void dual_products(struct cpu *cpu, unsigned rn, unsigned rm,
				 bool m_swap, int64_t *p1, int64_t *p2)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm);
	if (m_swap)
		m = alu_ror(m, 16);
	*p1 = (int64_t)half(n, false) * half(m, false);
	*p2 = (int64_t)half(n, true) * half(m, true);
}

enum exec_result ops_smlad(struct cpu *cpu, bool subtract, unsigned rd,
			   unsigned rn, unsigned rm, unsigned ra, bool m_swap)
{
	int64_t p1, p2;
	dual_products(cpu, rn, rm, m_swap, &p1, &p2);
	int64_t r = subtract ? p1 - p2 : p1 + p2;
	if (ra != 15)
		r += (int32_t)reg(cpu, ra);
	set_reg_q(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_smlald(struct cpu *cpu, bool subtract, unsigned rdlo,
			    unsigned rdhi, unsigned rn, unsigned rm,
			    bool m_swap)
{
	int64_t p1, p2;
	dual_products(cpu, rn, rm, m_swap, &p1, &p2);
	uint64_t acc = ((uint64_t)reg(cpu, rdhi) << 32) | reg(cpu, rdlo);
	uint64_t r = acc + (uint64_t)(subtract ? p1 - p2 : p1 + p2);
	/* RdLo then RdHi: with RdHi == RdLo (UNPREDICTABLE) RdHi wins, as
	 * in QEMU */
	set_reg(cpu, rdlo, (uint32_t)r);
	set_reg(cpu, rdhi, (uint32_t)(r >> 32));
	return EXEC_OK;
}

enum exec_result ops_smmul(struct cpu *cpu, bool subtract, bool round,
			   unsigned rd, unsigned rn, unsigned rm,
			   unsigned ra)
{
	/* A8.8.190..: all arithmetic modulo 2^64 */
	uint64_t p = (uint64_t)((int64_t)(int32_t)reg(cpu, rn) *
				(int32_t)reg(cpu, rm));
	uint64_t acc = ra != 15 ? (uint64_t)reg(cpu, ra) << 32 : 0;
	uint64_t r = subtract ? acc - p : acc + p;
	if (round)
		r += 0x80000000u;
	set_reg(cpu, rd, (uint32_t)(r >> 32));
	return EXEC_OK;
}

enum exec_result ops_div(struct cpu *cpu, bool is_signed, unsigned rd,
			 unsigned rn, unsigned rm)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm), r;
	/* A8.8.165 SDIV / A8.8.248 UDIV: divide by zero gives zero when no
	 * trap is implemented (ARMv7-A has none); INT_MIN / -1 gives INT_MIN */
	if (m == 0)
		r = 0;
	else if (is_signed)
		r = (uint32_t)(int32_t)((int64_t)(int32_t)n / (int32_t)m);
	else
		r = n / m;
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* saturation                                                          */

enum exec_result ops_qaddsub(struct cpu *cpu, enum qadd_op op, unsigned rd,
			     unsigned rm, unsigned rn)
{
	int64_t m = (int32_t)reg(cpu, rm), n = (int32_t)reg(cpu, rn);
	bool sat1 = false, sat2;
	if (op == QOP_QDADD || op == QOP_QDSUB)
		n = (int32_t)alu_signed_sat_q(2 * n, 32, &sat1);
	uint32_t r = alu_signed_sat_q(op == QOP_QADD || op == QOP_QDADD ?
					      m + n :
					      m - n,
				      32, &sat2);
	set_reg(cpu, rd, r);
	if (sat1 || sat2)
		set_q(cpu);
	return EXEC_OK;
}

enum exec_result ops_ssat(struct cpu *cpu, unsigned rd, unsigned sat_to,
			  unsigned rn, enum shift_type type, unsigned amount)
{
	bool sat;
	int32_t operand = (int32_t)alu_shift(reg(cpu, rn), type, amount,
					     (cpu->cpsr & CPSR_C) != 0);
	set_reg(cpu, rd, alu_signed_sat_q(operand, sat_to, &sat));
	if (sat)
		set_q(cpu);
	return EXEC_OK;
}

enum exec_result ops_usat(struct cpu *cpu, unsigned rd, unsigned sat_to,
			  unsigned rn, enum shift_type type, unsigned amount)
{
	bool sat;
	int32_t operand = (int32_t)alu_shift(reg(cpu, rn), type, amount,
					     (cpu->cpsr & CPSR_C) != 0);
	set_reg(cpu, rd, alu_unsigned_sat_q(operand, sat_to, &sat));
	if (sat)
		set_q(cpu);
	return EXEC_OK;
}

enum exec_result ops_ssat16(struct cpu *cpu, unsigned rd, unsigned sat_to,
			    unsigned rn)
{
	uint32_t n = reg(cpu, rn);
	bool s1, s2;
	uint32_t lo = alu_signed_sat_q((int16_t)n, sat_to, &s1);
	uint32_t hi = alu_signed_sat_q((int16_t)(n >> 16), sat_to, &s2);
	set_reg(cpu, rd, (lo & 0xffff) | (hi << 16));
	if (s1 || s2)
		set_q(cpu);
	return EXEC_OK;
}

enum exec_result ops_usat16(struct cpu *cpu, unsigned rd, unsigned sat_to,
			    unsigned rn)
{
	uint32_t n = reg(cpu, rn);
	bool s1, s2;
	uint32_t lo = alu_unsigned_sat_q((int16_t)n, sat_to, &s1);
	uint32_t hi = alu_unsigned_sat_q((int16_t)(n >> 16), sat_to, &s2);
	set_reg(cpu, rd, (lo & 0xffff) | (hi << 16));
	if (s1 || s2)
		set_q(cpu);
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* parallel add/subtract                                               */

/* One lane of a parallel operation (A8.8.* SADD16 … UHSUB8): operands of
 * `bits` width at the lane's position, already extracted; returns the
 * lane's result bits and its GE condition. */
static inline uint32_t par_lane(enum par_prefix prefix, bool sub,
				uint32_t a, uint32_t b, unsigned bits,
				bool *ge)
{
	bool is_signed = prefix <= PAR_SH;
	*ge = false;
	int32_t x = is_signed ? alu_sext(a, bits) : (int32_t)a;
	int32_t y = is_signed ? alu_sext(b, bits) : (int32_t)b;
	int32_t r = sub ? x - y : x + y;
	uint32_t mask = (1u << bits) - 1;
	bool sat;

	switch (prefix) {
	case PAR_S:
		*ge = r >= 0;
		return (uint32_t)r & mask;
	case PAR_U:
		*ge = sub ? r >= 0 : r >= (int32_t)(1u << bits);
		return (uint32_t)r & mask;
	case PAR_Q:
		return alu_signed_sat_q(r, bits, &sat) & mask;
	case PAR_UQ:
		return alu_unsigned_sat_q(r, bits, &sat) & mask;
	case PAR_SH:
	case PAR_UH:
	default:
		return (uint32_t)(r >> 1) & mask;
	}
}

enum exec_result ops_parallel(struct cpu *cpu, enum par_prefix prefix,
			      enum par_op op, unsigned rd, unsigned rn,
			      unsigned rm)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm), r = 0, ge = 0;
	bool g = false;

	if (op == PAR_ADD8 || op == PAR_SUB8) {
		for (unsigned i = 0; i < 4; i++) {
			r |= par_lane(prefix, op == PAR_SUB8,
				      (n >> (8 * i)) & 0xff,
				      (m >> (8 * i)) & 0xff, 8, &g)
			     << (8 * i);
			ge |= (uint32_t)g << i;
		}
	} else {
		/* lane 0 (bits 15:0) and lane 1 (bits 31:16); ASX/SAX cross
		 * the halves of Rm (A8.8.* SASX: lo = n.lo - m.hi,
		 * hi = n.hi + m.lo; SSAX the other way round) */
		uint32_t m0 = m & 0xffff, m1 = m >> 16;
		bool sub0 = op == PAR_SUB16 || op == PAR_ASX;
		bool sub1 = op == PAR_SUB16 || op == PAR_SAX;
		if (op == PAR_ASX || op == PAR_SAX) {
			m0 = m >> 16;
			m1 = m & 0xffff;
		}
		r = par_lane(prefix, sub0, n & 0xffff, m0, 16, &g);
		ge = g ? 3 : 0;
		r |= par_lane(prefix, sub1, n >> 16, m1, 16, &g) << 16;
		ge |= g ? 0xc : 0;
	}
	set_reg(cpu, rd, r);
	/* only the S and U prefixes write APSR.GE */
	if (prefix == PAR_S || prefix == PAR_U)
		cpu->cpsr = (cpu->cpsr & ~CPSR_GE_MASK) |
			    (ge << CPSR_GE_SHIFT);
	return EXEC_OK;
}

enum exec_result ops_sel(struct cpu *cpu, unsigned rd, unsigned rn,
			 unsigned rm)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm), r = 0;
	unsigned ge = (cpu->cpsr >> CPSR_GE_SHIFT) & 0xf;
	for (unsigned i = 0; i < 4; i++) {
		uint32_t byte = 0xffu << (8 * i);
		r |= ((ge >> i) & 1) ? (n & byte) : (m & byte);
	}
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_usad8(struct cpu *cpu, unsigned rd, unsigned rn,
			   unsigned rm, unsigned ra)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm);
	uint32_t sum = ra != 15 ? reg(cpu, ra) : 0;
	for (unsigned i = 0; i < 4; i++) {
		int32_t d = (int32_t)((n >> (8 * i)) & 0xff) -
			    (int32_t)((m >> (8 * i)) & 0xff);
		sum += (uint32_t)(d < 0 ? -d : d);
	}
	set_reg(cpu, rd, sum);
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* pack, extend, reverse, bit fields                                   */

enum exec_result ops_pkh(struct cpu *cpu, bool tb, unsigned rd, unsigned rn,
			 unsigned rm, unsigned amount)
{
	uint32_t n = reg(cpu, rn), m = reg(cpu, rm), r;
	if (tb) {
		uint32_t op2 = alu_shift(m, SRTYPE_ASR, amount, false);
		r = (n & 0xffff0000u) | (op2 & 0xffff);
	} else {
		uint32_t op2 = alu_shift(m, SRTYPE_LSL, amount, false);
		r = (op2 & 0xffff0000u) | (n & 0xffff);
	}
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_extend(struct cpu *cpu, enum ext_op op, unsigned rd,
			    unsigned rn, unsigned rm, unsigned rotation)
{
	uint32_t x = alu_ror(reg(cpu, rm), rotation);
	uint32_t acc = rn != 15 ? reg(cpu, rn) : 0;
	uint32_t r;

	switch (op) {
	case EXT_SXTB:
		r = acc + (uint32_t)(int8_t)x;
		break;
	case EXT_SXTH:
		r = acc + (uint32_t)(int16_t)x;
		break;
	case EXT_UXTB:
		r = acc + (x & 0xff);
		break;
	case EXT_UXTH:
		r = acc + (x & 0xffff);
		break;
	case EXT_SXTB16: {
		uint32_t lo = acc + (uint32_t)(int8_t)x;
		uint32_t hi = (acc >> 16) + (uint32_t)(int8_t)(x >> 16);
		r = (lo & 0xffff) | (hi << 16);
		break;
	}
	case EXT_UXTB16:
	default: {
		uint32_t lo = acc + (x & 0xff);
		uint32_t hi = (acc >> 16) + ((x >> 16) & 0xff);
		r = (lo & 0xffff) | (hi << 16);
		break;
	}
	}
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_rev(struct cpu *cpu, enum rev_op op, unsigned rd,
			 unsigned rm)
{
	uint32_t m = reg(cpu, rm), r;
	switch (op) {
	case REV_REV:
		r = __builtin_bswap32(m);
		break;
	case REV_REV16:
		r = ((m >> 8) & 0x00ff00ffu) | ((m << 8) & 0xff00ff00u);
		break;
	case REV_REVSH:
		r = (uint32_t)(int32_t)(int16_t)(((m & 0xff) << 8) |
						 ((m >> 8) & 0xff));
		break;
	case REV_RBIT:
	default:
		r = alu_rbit(m);
		break;
	}
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

enum exec_result ops_clz(struct cpu *cpu, unsigned rd, unsigned rm)
{
	set_reg(cpu, rd, alu_clz(reg(cpu, rm)));
	return EXEC_OK;
}

static inline uint32_t field_mask(unsigned lsb, unsigned msb)
{
	uint32_t top = msb >= 31 ? 0xffffffffu : (2u << msb) - 1;
	return top & ~((1u << lsb) - 1);
}

enum exec_result ops_bfi(struct cpu *cpu, unsigned rd, unsigned rn,
			 unsigned lsb, unsigned msb)
{
	uint32_t mask = field_mask(lsb, msb);
	uint32_t src = rn != 15 ? reg(cpu, rn) << lsb : 0;
	set_reg(cpu, rd, (cpu->r[rd] & ~mask) | (src & mask));
	return EXEC_OK;
}

enum exec_result ops_bfx(struct cpu *cpu, bool is_signed, unsigned rd,
			 unsigned rn, unsigned lsb, unsigned widthminus1)
{
	uint32_t x = reg(cpu, rn) >> lsb;
	unsigned width = widthminus1 + 1;
	uint32_t r;
	if (width >= 32)
		r = x;
	else if (is_signed)
		r = (uint32_t)alu_sext(x & ((1u << width) - 1), width);
	else
		r = x & ((1u << width) - 1);
	set_reg(cpu, rd, r);
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* loads and stores                                                    */

/* The base of an addressing mode: Align(PC, 4) for the literal forms. */
static inline uint32_t base_of(const struct cpu *cpu, unsigned rn)
{
	return rn == 15 ? cpu_reg_read(cpu, 15) & ~3u : cpu->r[rn];
}

enum exec_result ops_ldst(struct cpu *cpu, bool load, unsigned size,
			  bool sign_extend, unsigned flags, unsigned rt,
			  unsigned rn, uint32_t offset, bool add, bool index,
			  bool wback)
{
	uint32_t base = base_of(cpu, rn);
	uint32_t offset_addr = add ? base + offset : base - offset;
	uint32_t address = index ? offset_addr : base;

	/* B3.13.6 / HSR ISS: valid only for the forms without writeback
	 * (post-indexed forms write back too), as QEMU also reports. */
	if (wback || !index)
		flags |= ACC_NO_SYNDROME;
	/* HSR.SRT of a stage-2 abort names the transfer register. */
	flags |= ACC_RT(rt);
	if (load) {
		uint32_t v;
		if (sign_extend)
			flags |= ACC_SIGNED;
		if (!cpu_read_fast(cpu, address, size, &v, flags))
			return EXEC_EXCEPTION;
		if (sign_extend)
			v = (uint32_t)alu_sext(v, size * 8);
		if (wback)
			cpu->r[rn] = offset_addr;
		if (rt == 15)
			cpu_write_reg_load(cpu, 15, v);
		else
			cpu->r[rt] = v;
		return EXEC_OK;
	}
	/* PCStoreValue: the PC reads as this instruction + 8 (A2.3) */
	uint32_t v = reg(cpu, rt);
	if (size < 4)
		v &= (1u << (size * 8)) - 1;
	if (!cpu_write_fast(cpu, address, size, v, flags))
		return EXEC_EXCEPTION;
	if (wback)
		cpu->r[rn] = offset_addr;
	return EXEC_OK;
}

enum exec_result ops_ldst_dual(struct cpu *cpu, bool load, unsigned rt,
			       unsigned rt2, unsigned rn, uint32_t offset,
			       bool add, bool index, bool wback)
{
	uint32_t base = base_of(cpu, rn);
	uint32_t offset_addr = add ? base + offset : base - offset;
	uint32_t address = index ? offset_addr : base;
	const unsigned flags = ACC_ALIGNED | ACC_NO_SYNDROME;

	/* A8.8.72 LDRD / A8.8.210 STRD: two words, Rt at the lower address,
	 * each word in the current data endianness; cpu_read64/cpu_write64
	 * check both words before either is accessed and put the word at the
	 * lower address in bits [31:0]. */
	if (load) {
		uint64_t v;
		if (!cpu_read64(cpu, address, &v, flags))
			return EXEC_EXCEPTION;
		if (wback)
			cpu->r[rn] = offset_addr;
		cpu->r[rt] = (uint32_t)v;
		cpu->r[rt2] = (uint32_t)(v >> 32);
		return EXEC_OK;
	}
	uint64_t v = reg(cpu, rt) | ((uint64_t)reg(cpu, rt2) << 32);
	if (!cpu_write64(cpu, address, v, flags))
		return EXEC_EXCEPTION;
	if (wback)
		cpu->r[rn] = offset_addr;
	return EXEC_OK;
}

/* The registers in a load or store multiple's list: a popcount the
 * compiler inlines (__builtin_popcount is a library call on an x86-64
 * host without POPCNT, which the build does not assume; perf found it at
 * 0.8% of a Linux boot). */
static inline unsigned reglist_count(uint16_t list)
{
	unsigned v = list;
	v = v - ((v >> 1) & 0x5555u);
	v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
	v = (v + (v >> 4)) & 0x0f0fu;
	return (v + (v >> 8)) & 0x1fu;
}

/* Start address and written-back base of a multiple transfer of `count`
 * words (A8.8.58 LDM/LDMIA, LDMIB, LDMDA, LDMDB). */
static inline uint32_t multi_start(uint32_t base, unsigned count,
				   bool increment, bool before,
				   uint32_t *new_base)
{
	if (increment) {
		*new_base = base + 4 * count;
		return before ? base + 4 : base;
	}
	*new_base = base - 4 * count;
	return before ? base - 4 * count : base - 4 * count + 4;
}

enum exec_result ops_ldm(struct cpu *cpu, unsigned rn, uint16_t list,
			 bool increment, bool before, bool wback, bool user)
{
	const unsigned flags = ACC_ALIGNED | ACC_NO_SYNDROME;
	uint32_t vals[16];
	uint32_t new_base;
	uint32_t address = multi_start(cpu->r[rn],
				       reglist_count(list),
				       increment, before, &new_base);
	bool pc = (list >> 15) & 1;
	uint32_t spsr = 0;

	if (user) {
		/* B9.3.4 LDM (exception return) / B9.3.5 LDM (User registers):
		 * UNDEFINED in Hyp mode, UNPREDICTABLE in User mode (and
		 * System mode for the exception return, which has no SPSR):
		 * hypsim takes UNDEFINED, as QEMU does in User mode. */
		unsigned mode = cpu_mode(cpu);
		if (mode == MODE_HYP || mode == MODE_USR)
			return cpu_undefined(cpu);
		if (pc && !cpu_spsr_read(cpu, &spsr))
			return cpu_undefined(cpu);
	}
	/* every load before any register write: an abort changes nothing;
	 * words all in one page the data memo holds are read from it at
	 * once (what each word's cpu_read_fast would do) */
	const unsigned count = reglist_count(list);
	const uint8_t *page;
	if (!user && ((address ^ (address + 4 * count - 1)) & ~0xfffu) == 0 &&
	    cpu_read_memo_page(cpu, address, 4, &page)) {
		const uint8_t *p = page + (address & 0xfffu);
		for (uint32_t l = list; l; l &= l - 1, p += 4)
			memcpy(&vals[__builtin_ctz(l)], p, 4);
	} else {
		for (uint32_t l = list; l; l &= l - 1) {
			unsigned i = (unsigned)__builtin_ctz(l);
			if (!cpu_read_fast(cpu, address, 4, &vals[i], flags))
				return EXEC_EXCEPTION;
			address += 4;
		}
	}
	if (wback)
		cpu->r[rn] = new_base;
	for (uint32_t l = list & 0x7fff; l; l &= l - 1) {
		unsigned i = (unsigned)__builtin_ctz(l);
		if (user && !pc)
			cpu_user_reg_write(cpu, i, vals[i]);
		else
			cpu->r[i] = vals[i];
	}
	if (pc) {
		if (user)
			cpu_exception_return(cpu, vals[15], spsr);
		else
			cpu_write_reg_load(cpu, 15, vals[15]);
	}
	return EXEC_OK;
}

enum exec_result ops_stm(struct cpu *cpu, unsigned rn, uint16_t list,
			 bool increment, bool before, bool wback, bool user)
{
	const unsigned flags = ACC_ALIGNED | ACC_NO_SYNDROME;
	uint32_t new_base;
	uint32_t address = multi_start(cpu->r[rn],
				       reglist_count(list),
				       increment, before, &new_base);

	if (user) {
		/* B9.3.6 STM (User registers): UNDEFINED in Hyp mode,
		 * UNPREDICTABLE in User mode: UNDEFINED (QEMU too). */
		unsigned mode = cpu_mode(cpu);
		if (mode == MODE_HYP || mode == MODE_USR)
			return cpu_undefined(cpu);
	}
	/* words all in one page the data memo holds are written to it at
	 * once (what each word's cpu_write_fast would do) */
	const unsigned count = reglist_count(list);
	uint8_t *page;
	if (!user && ((address ^ (address + 4 * count - 1)) & ~0xfffu) == 0 &&
	    cpu_write_memo_page(cpu, address, 4, &page)) {
		uint8_t *p = page + (address & 0xfffu);
		for (uint32_t l = list; l; l &= l - 1, p += 4) {
			/* the PC stores as PCStoreValue (+8 ARM); Rn stores
			 * its original value (writeback comes last) */
			uint32_t v = reg(cpu, (unsigned)__builtin_ctz(l));
			memcpy(p, &v, 4);
		}
		cpu->stores += count;
	} else {
		for (uint32_t l = list; l; l &= l - 1) {
			unsigned i = (unsigned)__builtin_ctz(l);
			uint32_t v = user && i != 15
					     ? cpu_user_reg_read(cpu, i)
					     : reg(cpu, i);
			if (!cpu_write_fast(cpu, address, 4, v, flags))
				return EXEC_EXCEPTION;
			address += 4;
		}
	}
	if (wback)
		cpu->r[rn] = new_base;
	return EXEC_OK;
}

enum exec_result ops_ldrex(struct cpu *cpu, unsigned size, unsigned rt,
			   unsigned rt2, unsigned rn, uint32_t imm)
{
	uint64_t v;
	if (!cpu_load_exclusive(cpu, cpu->r[rn] + imm, size, &v))
		return EXEC_EXCEPTION;
	if (size == 8) {
		/* A8.8.77 LDREXD: Rt from the lower address; cpu.c returns
		 * the word at the lower address in bits [31:0] */
		cpu->r[rt] = (uint32_t)v;
		cpu->r[rt2] = (uint32_t)(v >> 32);
	} else {
		cpu->r[rt] = (uint32_t)v;
	}
	return EXEC_OK;
}

enum exec_result ops_strex(struct cpu *cpu, unsigned size, unsigned rd,
			   unsigned rt, unsigned rt2, unsigned rn,
			   uint32_t imm)
{
	uint64_t v = cpu->r[rt];
	uint32_t status;
	if (size == 8)
		v |= (uint64_t)cpu->r[rt2] << 32;
	if (!cpu_store_exclusive(cpu, cpu->r[rn] + imm, size, v, &status))
		return EXEC_EXCEPTION;
	cpu->r[rd] = status;
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* status registers and modes                                          */

enum exec_result ops_mrs(struct cpu *cpu, unsigned rd, bool spsr)
{
	uint32_t v;
	if (spsr) {
		/* B9.3.9: UNPREDICTABLE in User/System mode: UNDEFINED */
		if (!cpu_spsr_read(cpu, &v))
			return cpu_undefined(cpu);
	} else {
		/* B9.3.9: the execution-state bits (IT, J, T) read as zero.
		 * In User mode the manual leaves the non-APSR bits UNKNOWN;
		 * hypsim returns them like the other modes (as QEMU does). */
		v = cpu->cpsr & 0xf8ff03dfu;
	}
	cpu->r[rd] = v;
	return EXEC_OK;
}

enum exec_result ops_msr(struct cpu *cpu, bool spsr, unsigned mask,
			 uint32_t value)
{
	if (spsr) {
		/* B9.3.12: UNPREDICTABLE in User/System mode: UNDEFINED */
		if (!cpu_spsr_write(cpu, value, mask))
			return cpu_undefined(cpu);
		return EXEC_OK;
	}
	cpu_write_cpsr_by_instr(cpu, value, mask);
	return EXEC_OK;
}

enum exec_result ops_mrs_banked(struct cpu *cpu, unsigned rd, bool r,
				unsigned sysm)
{
	uint32_t v;
	/* B9.3.9: UNDEFINED in User mode; the UNPREDICTABLE register/mode
	 * combinations also UNDEF (cpu_banked_read decides, as QEMU) */
	if (cpu_mode(cpu) == MODE_USR || !cpu_banked_read(cpu, r, sysm, &v))
		return cpu_undefined(cpu);
	cpu->r[rd] = v;
	return EXEC_OK;
}

enum exec_result ops_msr_banked(struct cpu *cpu, bool r, unsigned sysm,
				unsigned rn)
{
	if (cpu_mode(cpu) == MODE_USR ||
	    !cpu_banked_write(cpu, r, sysm, cpu->r[rn]))
		return cpu_undefined(cpu);
	return EXEC_OK;
}

enum exec_result ops_cps(struct cpu *cpu, unsigned imod, bool a, bool i,
			 bool f, bool change_mode, unsigned mode)
{
	/* B9.3.2 CPS: no effect in User mode */
	if (cpu_mode(cpu) == MODE_USR)
		return EXEC_OK;
	uint32_t v = cpu->cpsr;
	uint32_t bits = (a ? CPSR_A : 0) | (i ? CPSR_I : 0) | (f ? CPSR_F : 0);
	if (imod == 2)
		v &= ~bits;
	else if (imod == 3)
		v |= bits;
	if (change_mode)
		v = (v & ~CPSR_M_MASK) | (mode & CPSR_M_MASK);
	/* CPSRWriteByInstr(cpsr_val, '1111', FALSE); only A (x field) and
	 * I/F/M (c field) can differ */
	cpu_write_cpsr_by_instr(cpu, v, 0x3);
	return EXEC_OK;
}

enum exec_result ops_setend(struct cpu *cpu, bool big_endian)
{
	/* A8.8.152 SETEND: allowed at every privilege level */
	if (big_endian)
		cpu->cpsr |= CPSR_E;
	else
		cpu->cpsr &= ~CPSR_E;
	return EXEC_OK;
}

/* The stack pointer of `mode` as SRS sees it (B9.3.16 Rmode[13, mode]). */
static uint32_t *mode_sp(struct cpu *cpu, unsigned mode)
{
	if (mode == cpu_mode(cpu) ||
	    (cpu_bank_of(mode) == cpu_bank_of(cpu_mode(cpu))))
		return &cpu->r[13];
	return &cpu->bank_sp[cpu_bank_of(mode)];
}

enum exec_result ops_srs(struct cpu *cpu, unsigned mode, bool increment,
			 bool before, bool wback)
{
	unsigned cur = cpu_mode(cpu);
	uint32_t spsr;
	const unsigned flags = ACC_ALIGNED | ACC_NO_SYNDROME;

	/* B9.3.16: UNDEFINED in Hyp mode. UNPREDICTABLE (hypsim, like QEMU:
	 * UNDEFINED) in User/System mode, for an invalid mode number, for
	 * Hyp mode from PL1, and for Monitor mode from Non-secure state. */
	if (cur == MODE_HYP || cur == MODE_USR || cur == MODE_SYS)
		return cpu_undefined(cpu);
	switch (mode) {
	case MODE_USR:
	case MODE_FIQ:
	case MODE_IRQ:
	case MODE_SVC:
	case MODE_ABT:
	case MODE_UND:
	case MODE_SYS:
		break;
	case MODE_MON:
		if (!cpu_is_secure(cpu))
			return cpu_undefined(cpu);
		break;
	default: /* MODE_HYP is at a higher privilege level than PL1 */
		return cpu_undefined(cpu);
	}
	if (!cpu_spsr_read(cpu, &spsr))
		return cpu_undefined(cpu);
	uint32_t *sp = mode_sp(cpu, mode);
	uint32_t base = *sp;
	uint32_t address = increment ? base : base - 8;
	if (increment == before) /* wordhigher: IB or DA */
		address += 4;
	if (!cpu_write_fast(cpu, address, 4, cpu->r[14], flags) ||
	    !cpu_write_fast(cpu, address + 4, 4, spsr, flags))
		return EXEC_EXCEPTION;
	if (wback)
		*sp = increment ? base + 8 : base - 8;
	return EXEC_OK;
}

enum exec_result ops_rfe(struct cpu *cpu, unsigned rn, bool increment,
			 bool before, bool wback)
{
	unsigned cur = cpu_mode(cpu);
	const unsigned flags = ACC_ALIGNED | ACC_NO_SYNDROME;
	uint32_t new_pc, spsr;

	/* B9.3.13: UNDEFINED in Hyp mode; UNPREDICTABLE in User mode, where
	 * hypsim (like QEMU) takes UNDEFINED */
	if (cur == MODE_HYP || cur == MODE_USR)
		return cpu_undefined(cpu);
	uint32_t base = cpu->r[rn];
	uint32_t address = increment ? base : base - 8;
	if (increment == before)
		address += 4;
	if (!cpu_read_fast(cpu, address, 4, &new_pc, flags) ||
	    !cpu_read_fast(cpu, address + 4, 4, &spsr, flags))
		return EXEC_EXCEPTION;
	if (wback)
		cpu->r[rn] = increment ? base + 8 : base - 8;
	cpu_exception_return(cpu, new_pc, spsr);
	return EXEC_OK;
}

/* ------------------------------------------------------------------ */
/* hints                                                               */

enum exec_result ops_hint(struct cpu *cpu, unsigned op)
{
	switch (op) {
	case HINT_WFE:
		return cpu_wfe(cpu);
	case HINT_WFI:
		return cpu_wfi(cpu);
	case HINT_SEV:
		cpu_sev(cpu);
		return EXEC_OK;
	default:
		/* NOP, YIELD, DBG and the unallocated hints (A8.8.119) */
		return EXEC_OK;
	}
}
