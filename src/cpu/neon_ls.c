/* Advanced SIMD element and structure loads and stores, A7.7 (VLD1-VLD4,
 * VST1-VST4: multiple structures, single structure to one lane, single
 * structure to all lanes), A8.8.320-A8.8.343.
 *
 * neon.def dispatches each line to the handler of its form
 * (neon_VSTn_multi, neon_VLDn_multi, neon_VSTn_lane, neon_VLDn_lane,
 * neon_VLDn_all), which plans the transfer (registers, lanes, element
 * size, alignment) and runs it.
 *
 * Memory goes through cpu_read/cpu_write (translation, D-cache model, bus,
 * observers), one access per element in the order the pseudocode gives:
 *   - endianness: MemU[address, ebytes] reverses the bytes of each element
 *     when CPSR.E is set (A3.3.1); a 64-bit element is read as two words
 *     whose order follows the endianness;
 *   - alignment (A3.2.1): the :align qualifier is checked on the base
 *     address first and faults whatever SCTLR.A says; otherwise each element
 *     is checked against its own size when SCTLR.A (HSCTLR.A in HYP) is
 *     set, and unaligned elements are allowed when it is clear;
 *   - aborts: the syndrome has no ISV (ACC_NO_SYNDROME), as for every
 *     multi-register transfer (B3.13.6).
 *
 * A fault in the middle of a transfer (hypsim's choice among what A3.5.x
 * and B1.9 "Exception descriptions" allow): a load has read every element into
 * a buffer before any register is written, so a fault leaves D0-D31 and the
 * base register unchanged; a store may have written the elements before the
 * faulting one (memory UNKNOWN is permitted) and leaves the base register
 * unchanged. */
#include "cp15/cp15.h"
#include "cpu/neon_internal.h"
#include "hyp/exception.h"
#include "mmu/mmu.h"

/* One element of a transfer in memory order: register and lane. */
struct ls_elem {
	uint8_t reg;
	uint8_t lane;
};

#define LS_MAX 32 /* VLD1 of four registers, or VLD4, of bytes */

/* SCTLR.A, or HSCTLR.A in Hyp mode. */
static bool align_checked(const struct cpu *cpu)
{
	if (cpu_mode(cpu) == MODE_HYP)
		return cpu->cp15.hsctlr & HSCTLR_A;
	return cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1] & SCTLR_A;
}

static enum exec_result alignment_fault(struct cpu *cpu, uint32_t va,
					bool is_write, unsigned size)
{
	struct mmu_fault f = {.type = FAULT_ALIGNMENT};
	f.long_format = cpu_regime_long_format(cpu);
	return hyp_data_abort(cpu, va, &f, is_write, size, ACC_NO_SYNDROME);
}

/* MemU[va, ebytes] read. */
static bool elem_read(struct cpu *cpu, uint32_t va, unsigned ebytes,
		      uint64_t *val)
{
	if (ebytes < 8) {
		uint32_t v;
		if (!cpu_read_fast(cpu, va, ebytes, &v, ACC_NO_SYNDROME))
			return false;
		*val = v;
		return true;
	}
	/* A 64-bit element: its alignment to 8 is checked here when SCTLR.A
	 * is set; the two word accesses check their own. */
	if ((va & 7u) && align_checked(cpu)) {
		alignment_fault(cpu, va, false, 8);
		return false;
	}
	uint32_t w0, w1;
	if (!cpu_read_fast(cpu, va, 4, &w0, ACC_NO_SYNDROME) ||
	    !cpu_read_fast(cpu, va + 4, 4, &w1, ACC_NO_SYNDROME))
		return false;
	/* Big-endian: the word at the lower address holds the most
	 * significant half (each word already byte-reversed by cpu_read). */
	if (cpu->cpsr & CPSR_E)
		*val = ((uint64_t)w0 << 32) | w1;
	else
		*val = ((uint64_t)w1 << 32) | w0;
	return true;
}

static bool elem_write(struct cpu *cpu, uint32_t va, unsigned ebytes,
		       uint64_t val)
{
	if (ebytes < 8)
		return cpu_write_fast(cpu, va, ebytes, (uint32_t)val,
				 ACC_NO_SYNDROME);
	if ((va & 7u) && align_checked(cpu)) {
		alignment_fault(cpu, va, true, 8);
		return false;
	}
	uint32_t lo = (uint32_t)val, hi = (uint32_t)(val >> 32);
	bool big = cpu->cpsr & CPSR_E;
	return cpu_write_fast(cpu, va, 4, big ? hi : lo, ACC_NO_SYNDROME) &&
	       cpu_write_fast(cpu, va + 4, 4, big ? lo : hi, ACC_NO_SYNDROME);
}

/* A decoded transfer: elements in memory order from the base address. */
struct ls_plan {
	struct ls_elem e[LS_MAX];
	unsigned count;
	unsigned ebytes;
	unsigned alignment;  /* :align in bytes, 1 when none */
	bool all_lanes;      /* replicate each element to every lane */
	unsigned nregs;      /* all lanes: registers per structure member */
	unsigned inc;        /* all lanes: register spacing of members */
	unsigned nstruct;    /* all lanes: structure members (1-4) */
};

/* Multiple structures (A7.7 A=0): VLDn/VSTn {list}, [Rn{:align}]. */
static bool plan_multiple(uint32_t insn, struct ls_plan *p, bool *unpred)
{
	unsigned type = NBITS(insn, 11, 8), size = NBITS(insn, 7, 6);
	unsigned align = NBITS(insn, 5, 4);
	unsigned d = NEON_VD(insn);
	unsigned nstruct, regs, inc;
	switch (type) {
	case 7: case 10: case 6: case 2: /* VLD1/VST1 */
		nstruct = 1;
		inc = 1;
		regs = type == 7 ? 1 : type == 10 ? 2 : type == 6 ? 3 : 4;
		if ((regs == 1 || regs == 3) && (align & 2))
			return false;
		if (regs == 2 && align == 3)
			return false;
		break;
	case 8: case 9: case 3: /* VLD2/VST2 */
		nstruct = 2;
		regs = type == 3 ? 2 : 1;
		inc = type == 9 ? 2 : 1;
		/* align = 11 (:256) is UNDEFINED only for the one-register
		 * forms (A8.8.324) */
		if (size == 3 || (regs == 1 && align == 3))
			return false;
		break;
	case 4: case 5: /* VLD3/VST3 */
		nstruct = 3;
		regs = 1;
		inc = type == 4 ? 1 : 2;
		if (size == 3 || (align & 2))
			return false;
		break;
	case 0: case 1: /* VLD4/VST4 */
		nstruct = 4;
		regs = 1;
		inc = type == 0 ? 1 : 2;
		if (size == 3)
			return false;
		break;
	default:
		return false;
	}
	p->ebytes = 1u << size;
	if (nstruct == 3)
		p->alignment = (align & 1) ? 8 : 1;
	else
		p->alignment = align == 0 ? 1 : 4u << align;
	unsigned elements = 8 / p->ebytes;
	/* VLD1: d+regs > 32; VLD2: d2+regs > 32; VLD3: d3 > 31; VLD4: d4 > 31
	 * are UNPREDICTABLE. The VLD2 two-register form (type 0011) uses
	 * d, d+1 for the first member and d+2, d+3 for the second. */
	unsigned last;
	if (nstruct == 1)
		last = d + regs - 1;
	else if (nstruct == 2)
		last = d + (type == 3 ? 2 : inc) + regs - 1;
	else
		last = d + (nstruct - 1) * inc;
	if (last > 31)
		*unpred = true;
	p->count = 0;
	p->all_lanes = false;
	p->nregs = 1; /* unused: every element names its own register */
	if (nstruct == 1) {
		for (unsigned r = 0; r < regs; r++)
			for (unsigned e = 0; e < elements; e++)
				p->e[p->count++] = (struct ls_elem){
					(uint8_t)(d + r), (uint8_t)e};
	} else if (nstruct == 2) {
		unsigned d2 = d + (type == 3 ? 2 : inc);
		for (unsigned r = 0; r < regs; r++)
			for (unsigned e = 0; e < elements; e++) {
				p->e[p->count++] = (struct ls_elem){
					(uint8_t)(d + r), (uint8_t)e};
				p->e[p->count++] = (struct ls_elem){
					(uint8_t)(d2 + r), (uint8_t)e};
			}
	} else {
		for (unsigned e = 0; e < elements; e++)
			for (unsigned s = 0; s < nstruct; s++)
				p->e[p->count++] = (struct ls_elem){
					(uint8_t)(d + s * inc), (uint8_t)e};
	}
	return true;
}

/* Single structure to one lane (A7.7 A=1, size != 11). */
static bool plan_one_lane(uint32_t insn, struct ls_plan *p, bool *unpred)
{
	unsigned size = NBITS(insn, 11, 10), n = NBITS(insn, 9, 8) + 1;
	unsigned ia = NBITS(insn, 7, 4);
	unsigned d = NEON_VD(insn);
	unsigned index, inc = 1, alignment = 1;
	switch (size) {
	case 0:
		index = ia >> 1;
		if ((n == 1 || n == 3) && (ia & 1))
			return false;
		if (n == 2)
			alignment = (ia & 1) ? 2 : 1;
		else if (n == 4)
			alignment = (ia & 1) ? 4 : 1;
		break;
	case 1:
		index = ia >> 2;
		if (n == 1) {
			if (ia & 2)
				return false;
			alignment = (ia & 1) ? 2 : 1;
		} else {
			inc = (ia & 2) ? 2 : 1;
			if (n == 3 && (ia & 1))
				return false;
			if (n == 2)
				alignment = (ia & 1) ? 4 : 1;
			else if (n == 4)
				alignment = (ia & 1) ? 8 : 1;
		}
		break;
	default: /* size 10 */
		index = ia >> 3;
		if (n == 1) {
			if ((ia & 4) || ((ia & 3) != 0 && (ia & 3) != 3))
				return false;
			alignment = (ia & 3) ? 4 : 1;
		} else {
			inc = (ia & 4) ? 2 : 1;
			if (n == 2) {
				if (ia & 2)
					return false;
				alignment = (ia & 1) ? 8 : 1;
			} else if (n == 3) {
				if (ia & 3)
					return false;
			} else {
				if ((ia & 3) == 3)
					return false;
				alignment = (ia & 3) ? 4u << (ia & 3) : 1;
			}
		}
		break;
	}
	if (d + (n - 1) * inc > 31)
		*unpred = true;
	p->ebytes = 1u << size;
	p->alignment = alignment;
	p->all_lanes = false;
	p->nregs = 1; /* unused: every element names its own register */
	p->count = n;
	for (unsigned s = 0; s < n; s++)
		p->e[s] = (struct ls_elem){(uint8_t)(d + s * inc),
					   (uint8_t)index};
	return true;
}

/* Single structure to all lanes (A7.7 A=1, size = 11; loads only). */
static bool plan_all_lanes(uint32_t insn, struct ls_plan *p, bool *unpred)
{
	unsigned n = NBITS(insn, 9, 8) + 1, size = NBITS(insn, 7, 6);
	unsigned t = NBIT(insn, 5), a = NBIT(insn, 4);
	unsigned d = NEON_VD(insn);
	unsigned ebytes = 1u << size, alignment = 1;
	p->nregs = 1;
	p->inc = 1;
	switch (n) {
	case 1:
		if (size == 3 || (size == 0 && a))
			return false;
		p->nregs = t ? 2 : 1;
		alignment = a ? ebytes : 1;
		break;
	case 2:
		if (size == 3)
			return false;
		p->inc = t ? 2 : 1;
		alignment = a ? 2 * ebytes : 1;
		break;
	case 3:
		if (size == 3 || a)
			return false;
		p->inc = t ? 2 : 1;
		break;
	default:
		p->inc = t ? 2 : 1;
		if (size == 3) {
			if (!a)
				return false;
			ebytes = 4;
			alignment = 16;
		} else if (size == 2) {
			alignment = a ? 8 : 1;
		} else {
			alignment = a ? 4 * ebytes : 1;
		}
		break;
	}
	if (d + (n - 1) * p->inc + p->nregs - 1 > 31)
		*unpred = true;
	p->ebytes = ebytes;
	p->alignment = alignment;
	p->all_lanes = true;
	p->nstruct = n;
	p->count = n;
	for (unsigned s = 0; s < n; s++)
		p->e[s] = (struct ls_elem){(uint8_t)(d + s * p->inc), 0};
	return true;
}

/* The transfer of a planned VLDn/VSTn (every line of A7.7 ends here). */
static enum exec_result ls_run(struct cpu *cpu, uint32_t insn, bool ok,
			       const struct ls_plan *plan, bool unpred)
{
	bool load = NBIT(insn, 21);
	unsigned rn = NBITS(insn, 19, 16), rm = NBITS(insn, 3, 0);
	struct ls_plan p = *plan;
	if (!ok)
		return cpu_undefined(cpu);
	/* Register lists past D31 are UNPREDICTABLE (A8.8.320 ff.), and so
	 * is writing back to the PC: both UNDEFINED here. Rn = 15 without
	 * writeback reads the PC as an operand (Align(PC, 4) + 8 in A32). */
	if (unpred || (rn == 15 && rm != 15))
		return neon_unpredictable(cpu);

	uint32_t base = rn == 15 ? cpu_reg_read(cpu, 15) & ~3u : cpu->r[rn];
	if (base & (p.alignment - 1)) {
		alignment_fault(cpu, base, !load, p.ebytes);
		return EXEC_EXCEPTION;
	}
	uint32_t addr = base;
	if (load) {
		uint64_t vals[LS_MAX];
		for (unsigned i = 0; i < p.count; i++, addr += p.ebytes)
			if (!elem_read(cpu, addr, p.ebytes, &vals[i]))
				return EXEC_EXCEPTION;
		unsigned esize = 8 * p.ebytes;
		for (unsigned i = 0; i < p.count; i++) {
			const struct ls_elem *e = &p.e[i];
			if (!p.all_lanes) {
				neon_set_d(cpu, e->reg,
					   neon_set_elem(neon_d(cpu, e->reg),
							 e->lane, esize,
							 vals[i]));
				continue;
			}
			uint64_t rep = 0;
			for (unsigned l = 0; l < 64 / esize; l++)
				rep = neon_set_elem(rep, l, esize, vals[i]);
			for (unsigned r = 0; r < p.nregs; r++)
				neon_set_d(cpu, e->reg + r, rep);
		}
	} else {
		unsigned esize = 8 * p.ebytes;
		for (unsigned i = 0; i < p.count; i++, addr += p.ebytes) {
			uint64_t v = neon_elem(neon_d(cpu, p.e[i].reg),
					       p.e[i].lane, esize);
			if (!elem_write(cpu, addr, p.ebytes, v))
				return EXEC_EXCEPTION;
		}
	}
	/* Writeback: Rm = 15 none, Rm = 13 by the transfer size, else by
	 * Rm (read before Rn is written). */
	if (rm != 15) {
		uint32_t bytes = p.count * p.ebytes;
		cpu->r[rn] = base + (rm == 13 ? bytes : cpu->r[rm]);
	}
	return EXEC_OK;
}

/* The handlers of neon.def's A7.7 lines: the plan (registers, lanes,
 * element size and alignment) of the line's form, then the transfer. */
enum exec_result neon_VSTn_multi(struct cpu *cpu, uint32_t insn)
{
	struct ls_plan p;
	bool unpred = false, ok = plan_multiple(insn, &p, &unpred);
	return ls_run(cpu, insn, ok, &p, unpred);
}

enum exec_result neon_VLDn_multi(struct cpu *cpu, uint32_t insn)
{
	return neon_VSTn_multi(cpu, insn); /* bit 21 tells load from store */
}

enum exec_result neon_VSTn_lane(struct cpu *cpu, uint32_t insn)
{
	struct ls_plan p;
	bool unpred = false, ok = plan_one_lane(insn, &p, &unpred);
	return ls_run(cpu, insn, ok, &p, unpred);
}

enum exec_result neon_VLDn_lane(struct cpu *cpu, uint32_t insn)
{
	return neon_VSTn_lane(cpu, insn);
}

enum exec_result neon_VLDn_all(struct cpu *cpu, uint32_t insn)
{
	struct ls_plan p;
	bool unpred = false, ok = plan_all_lanes(insn, &p, &unpred);
	return ls_run(cpu, insn, ok, &p, unpred);
}

/* A7.7 encodings only (test_neon calls this directly). */
enum exec_result neon_ls_execute(struct cpu *cpu, uint32_t insn)
{
	if ((insn & 0xff100000u) != 0xf4000000u)
		return cpu_undefined(cpu);
	return neon_dispatch(cpu, insn);
}
