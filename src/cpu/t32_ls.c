/* 32-bit Thumb loads and stores, ARM DDI 0406C A6.3.5 (load/store
 * multiple, SRS, RFE), A6.3.6 (dual, exclusive, table branch), A6.3.7-
 * A6.3.10 (single data item and memory hints): the handlers of these
 * lines of t32.def. The UNPREDICTABLE choices are listed at the top of
 * t32.c. */
#include "cpu/t32_internal.h"

/* ---- A6.3.7 - A6.3.10: load/store single data item, memory hints ----
 * hw1<8> = sign extension, hw1<6:5> = size, hw1<4> = load; Rn hw1<3:0>,
 * Rt hw2<15:12>. */

struct single {
	bool load, sign;
	unsigned size, flags, rn, rt;
};

static struct single single_fields(uint32_t insn)
{
	struct single s = {
		.load = tbit(insn, 20),
		.sign = tbit(insn, 24),
		.size = 1u << tb(insn, 22, 21),
		.rn = tb(insn, 19, 16),
		.rt = tb(insn, 15, 12),
	};
	s.flags = s.sign ? ACC_SIGNED : 0;
	return s;
}

/* LDR/STR{B,H}, LDRS{B,H} [Rn, #imm12]. */
enum exec_result t32_ldst_imm12(struct t32 *t)
{
	struct single s = single_fields(t->insn);
	return ops_ldst(t->cpu, s.load, s.size, s.sign, s.flags, s.rt, s.rn,
			tb(t->insn, 11, 0), true, true, false);
}

/* The imm8 forms, post-indexed or pre-indexed ({!}): hw2<10:8> = P U W.
 * A byte or halfword load into the PC here is no hint: UNPREDICTABLE,
 * UNDEFINED (t32.c). */
enum exec_result t32_ldst_imm8(struct t32 *t)
{
	struct single s = single_fields(t->insn);
	if (s.load && s.rt == 15 && s.size < 4)
		return cpu_undefined(t->cpu);
	return ops_ldst(t->cpu, s.load, s.size, s.sign, s.flags, s.rt, s.rn,
			tb(t->insn, 7, 0), tbit(t->insn, 9), tbit(t->insn, 10),
			tbit(t->insn, 8));
}

/* LDRT, STRT, LDRBT, … (unprivileged): a load into the PC is
 * UNPREDICTABLE, UNDEFINED (t32.c). */
enum exec_result t32_ldst_unpriv(struct t32 *t)
{
	struct single s = single_fields(t->insn);
	if (s.load && s.rt == 15)
		return cpu_undefined(t->cpu);
	return ops_ldst(t->cpu, s.load, s.size, s.sign, s.flags | ACC_UNPRIV,
			s.rt, s.rn, tb(t->insn, 7, 0), true, true, false);
}

/* [Rn, Rm, LSL #imm2]. */
enum exec_result t32_ldst_reg(struct t32 *t)
{
	struct single s = single_fields(t->insn);
	uint32_t off = cpu_reg_read(t->cpu, tb(t->insn, 3, 0))
		       << tb(t->insn, 5, 4);
	return ops_ldst(t->cpu, s.load, s.size, s.sign, s.flags, s.rt, s.rn,
			off, true, true, false);
}

/* The literal loads: [Align(PC, 4), #+/-imm12], hw1<7> = U (A8.8.64
 * etc.). */
enum exec_result t32_ldr_lit(struct t32 *t)
{
	struct single s = single_fields(t->insn);
	return ops_ldst(t->cpu, true, s.size, s.sign, s.flags, s.rt, 15,
			tb(t->insn, 11, 0), tbit(t->insn, 23), true, false);
}

/* PLD, PLDW, PLI and the unallocated memory hints: NOPs here, no memory
 * model in hypsim gains from them and they never fault. */
enum exec_result t32_preload(struct t32 *t)
{
	(void)t;
	return EXEC_OK;
}

/* ---- A6.3.5: load/store multiple, SRS, RFE ----
 * hw1<8:7> = 01 increment after, 10 decrement before (SRS/RFE: 00 DB,
 * 11 IA); hw1<5> = W. */

/* An LDM/STM base of PC, and LDM with writeback and the base in the list
 * (UNPREDICTABLE, A8.8 LDM T2, LDMDB T1): UNDEFINED, as in A32
 * (unpredictable.def LDM_WB_BASE). */
static bool bad_multiple(const struct t32 *t, bool load)
{
	unsigned rn = tb(t->insn, 19, 16);
	return rn == 15 ||
	       (load && tbit(t->insn, 21) && ((t->insn >> rn) & 1u));
}

/* STM/STMIA/STMEA T2, STMDB/STMFD T1 (PUSH T2). */
enum exec_result t32_stm(struct t32 *t)
{
	if (bad_multiple(t, false))
		return cpu_undefined(t->cpu);
	return ops_stm(t->cpu, tb(t->insn, 19, 16), (uint16_t)t->insn,
		       tbit(t->insn, 23), tbit(t->insn, 24), tbit(t->insn, 21),
		       false);
}

/* LDM/LDMIA/LDMFD T2 (POP T2), LDMDB/LDMEA T1. */
enum exec_result t32_ldm(struct t32 *t)
{
	if (bad_multiple(t, true))
		return cpu_undefined(t->cpu);
	return ops_ldm(t->cpu, tb(t->insn, 19, 16), (uint16_t)t->insn,
		       tbit(t->insn, 23), tbit(t->insn, 24), tbit(t->insn, 21),
		       false);
}

/* SRSDB, SRSIA (B9.3.16). */
enum exec_result t32_srs(struct t32 *t)
{
	return ops_srs(t->cpu, tb(t->insn, 4, 0), tbit(t->insn, 23),
		       !tbit(t->insn, 24), tbit(t->insn, 21));
}

/* RFEDB, RFEIA (B9.3.13). */
enum exec_result t32_rfe(struct t32 *t)
{
	enum exec_result r = ops_rfe(t->cpu, tb(t->insn, 19, 16),
				     tbit(t->insn, 23), !tbit(t->insn, 24),
				     tbit(t->insn, 21));
	if (r == EXEC_OK)
		t->it_written = true; /* ITSTATE came from the SPSR */
	return r;
}

/* ---- A6.3.6: load/store dual, load/store exclusive, table branch ----
 * Rn hw1<3:0>, Rt hw2<15:12>, Rt2 (or STREX's Rd) hw2<11:8>, Rd of the
 * byte/halfword/doubleword exclusives hw2<3:0>. A PC among the
 * registers of an exclusive (SP is ordinary here), and a PC destination
 * or written-back PC base of LDRD/STRD, are UNPREDICTABLE: UNDEFINED
 * (t32.c); so are STREX* with Rd == Rn or Rd == Rt/Rt2, as in A32
 * (unpredictable.def STREX_RD). */

/* STRD, LDRD (immediate, literal), A8.8.210 / A8.8.72-73: P = hw1<8>,
 * U = hw1<7>, W = hw1<5>, L = hw1<4>. Rn == PC is the literal form (base
 * Align(PC, 4)); a store with Rn == PC is UNPREDICTABLE and, like every
 * PC base, reads Align(PC, 4) in ops_ldst_dual. */
enum exec_result t32_ldst_dual(struct t32 *t)
{
	uint32_t insn = t->insn;
	unsigned rn = tb(insn, 19, 16), rt = tb(insn, 15, 12);
	unsigned rt2 = tb(insn, 11, 8);
	bool load = tbit(insn, 20), wback = tbit(insn, 21);

	if ((load && (rt == 15 || rt2 == 15)) || (rn == 15 && wback))
		return cpu_undefined(t->cpu);
	return ops_ldst_dual(t->cpu, load, rt, rt2, rn, tb(insn, 7, 0) << 2,
			     tbit(insn, 23), tbit(insn, 24), wback);
}

/* STREX (A8.8.212): Rd is hw2<11:8>. */
enum exec_result t32_strex(struct t32 *t)
{
	uint32_t insn = t->insn;
	unsigned rn = tb(insn, 19, 16), rt = tb(insn, 15, 12);
	unsigned rd = tb(insn, 11, 8);

	if (rt == 15 || rd == 15 || rd == rn || rd == rt)
		return cpu_undefined(t->cpu);
	return ops_strex(t->cpu, 4, rd, rt, 0, rn, tb(insn, 7, 0) << 2);
}

/* LDREX (A8.8.75). */
enum exec_result t32_ldrex(struct t32 *t)
{
	unsigned rt = tb(t->insn, 15, 12);
	if (rt == 15)
		return cpu_undefined(t->cpu);
	return ops_ldrex(t->cpu, 4, rt, 0, tb(t->insn, 19, 16),
			 tb(t->insn, 7, 0) << 2);
}

/* The size of STREXB/H/D and LDREXB/H/D, from hw2<5:4> (00 byte, 01
 * halfword, 11 doubleword, whose Rt2 is used). */
static unsigned excl_size(uint32_t insn)
{
	static const unsigned sizes[4] = { 1, 2, 8, 8 };
	return sizes[tb(insn, 5, 4)];
}

/* STREXB, STREXH, STREXD (A8.8.213-215). */
enum exec_result t32_strex_bhd(struct t32 *t)
{
	uint32_t insn = t->insn;
	unsigned rn = tb(insn, 19, 16), rt = tb(insn, 15, 12);
	unsigned rt2 = tb(insn, 11, 8), rd = tb(insn, 3, 0);
	unsigned size = excl_size(insn);
	bool dual = size == 8;

	if (rt == 15 || rd == 15 || (dual && rt2 == 15) || rd == rn ||
	    rd == rt || (dual && rd == rt2))
		return cpu_undefined(t->cpu);
	return ops_strex(t->cpu, size, rd, rt, dual ? rt2 : 0, rn, 0);
}

/* LDREXB, LDREXH, LDREXD (A8.8.76-78). */
enum exec_result t32_ldrex_bhd(struct t32 *t)
{
	uint32_t insn = t->insn;
	unsigned rt = tb(insn, 15, 12), rt2 = tb(insn, 11, 8);
	unsigned size = excl_size(insn);

	if (rt == 15 || (size == 8 && rt2 == 15))
		return cpu_undefined(t->cpu);
	return ops_ldrex(t->cpu, size, rt, rt2, tb(insn, 19, 16), 0);
}

/* TBB, TBH (A8.8.237): branch forward by twice a table entry. */
static enum exec_result table_branch(struct t32 *t, bool half)
{
	struct cpu *cpu = t->cpu;
	uint32_t base = cpu_reg_read(cpu, tb(t->insn, 19, 16));
	uint32_t idx = cpu_reg_read(cpu, tb(t->insn, 3, 0));
	uint32_t entry;

	if (!cpu_read_fast(cpu, half ? base + (idx << 1) : base + idx,
			   half ? 2 : 1, &entry, 0))
		return EXEC_EXCEPTION;
	cpu_branch(cpu, cpu_reg_read(cpu, 15) + 2 * entry);
	return EXEC_OK;
}

enum exec_result t32_tbb(struct t32 *t)
{
	return table_branch(t, false);
}

enum exec_result t32_tbh(struct t32 *t)
{
	return table_branch(t, true);
}
