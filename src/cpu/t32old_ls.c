/* 32-bit Thumb loads and stores, ARM DDI 0406C A6.3.5 (load/store
 * multiple, SRS, RFE), A6.3.6 (dual, exclusive, table branch), A6.3.7-
 * A6.3.10 (single data item and memory hints). The UNPREDICTABLE choices
 * are listed at the top of t32.c. */
#include "cpu/t32_old.h"

/* A6.3.5: load/store multiple, SRS, RFE. */
enum exec_result t32old_exec_ldst_multiple(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	uint16_t list = (uint16_t)(t->insn & 0xffffu);
	unsigned op = tb(hw1, 8, 7), rn = tb(hw1, 3, 0);
	bool wback = tbit(hw1, 5), load = tbit(hw1, 4);

	if (rn == 15 && (op == 1 || op == 2))
		return cpu_undefined(cpu); /* UNPREDICTABLE base PC, t32.c */
	/* LDM with writeback and the base in the list: UNPREDICTABLE
	 * (A8.8 LDM T2, LDMDB T1), UNDEFINED as in A32 (unpredictable.def
	 * LDM_WB_BASE). */
	if (load && wback && (op == 1 || op == 2) && ((list >> rn) & 1u))
		return cpu_undefined(cpu);
	switch (op) {
	case 1: /* STM/STMIA/STMEA T2; LDM/LDMIA/LDMFD T2, POP T2 */
		if (load)
			return ops_ldm(cpu, rn, list, true, false, wback, false);
		return ops_stm(cpu, rn, list, true, false, wback, false);
	case 2: /* STMDB/STMFD T1, PUSH T2; LDMDB/LDMEA T1 */
		if (load)
			return ops_ldm(cpu, rn, list, false, true, wback, false);
		return ops_stm(cpu, rn, list, false, true, wback, false);
	default: { /* 00: SRSDB, RFEDB; 11: SRSIA, RFEIA (B9.3.16, B9.3.13) */
		bool increment = op == 3, before = op == 0;
		if (!load)
			return ops_srs(cpu, tb(list, 4, 0), increment, before,
				       wback);
		enum exec_result r = ops_rfe(cpu, rn, increment, before, wback);
		if (r == EXEC_OK)
			t->it_written = true; /* ITSTATE came from the SPSR */
		return r;
	}
	}
}

/* TBB, TBH (A8.8.237): branch forward by twice a table entry. */
static enum exec_result table_branch(struct t32 *t, bool half)
{
	struct cpu *cpu = t->cpu;
	uint32_t base = cpu_reg_read(cpu, tb(t->insn >> 16, 3, 0));
	uint32_t idx = cpu_reg_read(cpu, tb(t->insn, 3, 0));
	uint32_t entry;

	if (!cpu_read_fast(cpu, half ? base + (idx << 1) : base + idx, half ? 2 : 1,
		      &entry, 0))
		return EXEC_EXCEPTION;
	cpu_branch(cpu, cpu_reg_read(cpu, 15) + 2 * entry);
	return EXEC_OK;
}

/* A6.3.6: load/store dual, load/store exclusive, table branch. */
enum exec_result t32old_exec_ldst_dual_excl(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16;
	unsigned op1 = tb(hw1, 8, 7), op2 = tb(hw1, 5, 4);
	unsigned op3 = tb(t->insn, 7, 4);
	unsigned rn = tb(hw1, 3, 0), rt = tb(t->insn, 15, 12);
	unsigned rt2 = tb(t->insn, 11, 8), rd = tb(t->insn, 3, 0);
	uint32_t imm8x4 = tb(t->insn, 7, 0) << 2;

	/* A PC among the registers of an exclusive (or SP, which is
	 * ordinary here), and a PC destination or written-back PC base of
	 * LDRD/STRD, are UNPREDICTABLE: UNDEFINED (t32.c). */
	if (op1 == 0 && op2 == 0) { /* STREX (A8.8.212): Rd is hw2<11:8> */
		/* d == n or d == t: UNPREDICTABLE, UNDEFINED as in A32
		 * (unpredictable.def STREX_RD) */
		if (rt == 15 || rt2 == 15 || rt2 == rn || rt2 == rt)
			return cpu_undefined(cpu);
		return ops_strex(cpu, 4, rt2, rt, 0, rn, imm8x4);
	}
	if (op1 == 0 && op2 == 1) { /* LDREX (A8.8.75) */
		if (rt == 15)
			return cpu_undefined(cpu);
		return ops_ldrex(cpu, 4, rt, 0, rn, imm8x4);
	}
	if (op1 == 1 && op2 == 0) {
		if (rt == 15 || rd == 15 || (op3 == 7 && rt2 == 15) ||
		    rd == rn || rd == rt || (op3 == 7 && rd == rt2))
			return cpu_undefined(cpu); /* STREX_RD as above */
		switch (op3) {
		case 4: /* STREXB */
			return ops_strex(cpu, 1, rd, rt, 0, rn, 0);
		case 5: /* STREXH */
			return ops_strex(cpu, 2, rd, rt, 0, rn, 0);
		case 7: /* STREXD */
			return ops_strex(cpu, 8, rd, rt, rt2, rn, 0);
		default:
			return cpu_undefined(cpu);
		}
	}
	if (op1 == 1 && op2 == 1) {
		switch (op3) {
		case 0: /* TBB */
		case 1: /* TBH */
			return table_branch(t, op3 == 1);
		case 4: /* LDREXB */
		case 5: /* LDREXH */
		case 7: /* LDREXD */
			if (rt == 15 || (op3 == 7 && rt2 == 15))
				return cpu_undefined(cpu);
			return ops_ldrex(cpu, op3 == 7 ? 8 : op3 == 5 ? 2 : 1, rt,
					 rt2, rn, 0);
		default:
			return cpu_undefined(cpu);
		}
	}
	if ((tbit(op2, 0) && (rt == 15 || rt2 == 15)) ||
	    (rn == 15 && tbit(op2, 1)))
		return cpu_undefined(cpu);
	/* STRD/LDRD (immediate, literal), A8.8.210 / A8.8.72-73: P = op1<1>,
	 * U = op1<0>, W = op2<1>, L = op2<0>. P == W == 0 was decoded
	 * above as the exclusives. Rn == PC is the literal form (base
	 * Align(PC, 4)); a store with Rn == PC is UNPREDICTABLE and, like
	 * every PC base, reads Align(PC, 4) in ops_ldst_dual. */
	return ops_ldst_dual(cpu, tbit(op2, 0), rt, rt2, rn, imm8x4,
			     tbit(op1, 0), tbit(op1, 1), tbit(op2, 1));
}

/* A6.3.7-A6.3.10: load/store single data item, memory hints. hw1<8> =
 * sign extension, hw1<7> = the 12-bit immediate form (or U of the literal
 * form), hw1<6:5> = size, hw1<4> = load. */
enum exec_result t32old_exec_ldst_single(struct t32 *t)
{
	struct cpu *cpu = t->cpu;
	uint32_t hw1 = t->insn >> 16, hw2 = t->insn & 0xffffu;
	unsigned rn = tb(hw1, 3, 0), rt = tb(hw2, 15, 12);
	bool sign = tbit(hw1, 8), load = tbit(hw1, 4);
	unsigned sz = tb(hw1, 6, 5);
	unsigned size = 1u << sz;
	unsigned flags = sign ? ACC_SIGNED : 0;
	/* A load of a byte or halfword into the PC is a preload hint (PLD,
	 * PLDW, PLI) or an unallocated memory hint, all NOPs here: no
	 * memory model in hypsim gains from them and they never fault. */
	bool hint = load && rt == 15 && size < 4;

	if (sz == 3 || (sign && (size == 4 || !load)))
		return cpu_undefined(cpu);
	if (rn == 15) {
		/* literal: [Align(PC, 4), #+/-imm12] (A8.8.64 etc.) */
		if (!load)
			return cpu_undefined(cpu);
		if (hint)
			return EXEC_OK;
		return ops_ldst(cpu, true, size, sign, flags, rt, 15,
				tb(hw2, 11, 0), tbit(hw1, 7), true, false);
	}
	if (tbit(hw1, 7)) { /* [Rn, #imm12] */
		if (hint)
			return EXEC_OK;
		return ops_ldst(cpu, load, size, sign, flags, rt, rn,
				tb(hw2, 11, 0), true, true, false);
	}
	if (tbit(hw2, 11)) { /* imm8 forms: hw2<10:8> = P U W */
		bool p = tbit(hw2, 10), u = tbit(hw2, 9), w = tbit(hw2, 8);
		uint32_t imm8 = tb(hw2, 7, 0);
		if (!p && !w)
			return cpu_undefined(cpu);
		if (p && u && !w) { /* LDRT, STRBT, LDRSHT… (unprivileged) */
			if (load && rt == 15)
				return cpu_undefined(cpu); /* UNPREDICTABLE */
			return ops_ldst(cpu, load, size, sign,
					flags | ACC_UNPRIV, rt, rn, imm8, true,
					true, false);
		}
		if (hint && p && !u && !w)
			return EXEC_OK; /* PLD/PLDW/PLI [Rn, #-imm8] */
		if (hint)
			return cpu_undefined(cpu); /* UNPREDICTABLE */
		return ops_ldst(cpu, load, size, sign, flags, rt, rn, imm8, u, p,
				w);
	}
	if (tb(hw2, 11, 6) == 0) { /* [Rn, Rm, LSL #imm2] */
		if (hint)
			return EXEC_OK;
		uint32_t off = cpu_reg_read(cpu, tb(hw2, 3, 0))
			       << tb(hw2, 5, 4);
		return ops_ldst(cpu, load, size, sign, flags, rt, rn, off, true,
				true, false);
	}
	return cpu_undefined(cpu);
}
