/* T32 (Thumb and Thumb-2) instruction set of ARMv7-A as the Cortex-A15 and
 * Cortex-A7 implement it (ARM DDI 0406C, chapter A6): entry point, IT
 * blocks and the dispatch from the decoder tables.
 *
 * Decode is a table lookup (decode_table.h): t16.def for a 16-bit
 * encoding, t32.def for hw1:hw2 (t32_decode_line below, from an index of
 * the tables' partition built once). The line that matches names its
 * handler (the handler column); the dispatch arrays below and in t32_16.c are
 * built from the .def files, indexed by the line's position. No match is
 * UNDEFINED. The handlers live in t32_16.c (A6.2), t32_dp.c (data
 * processing, multiplies), t32_ls.c (loads and stores) and t32_ctl.c
 * (branches, control, coprocessors, and the DELEGATE lines, which hand
 * the Floating-point and Advanced SIMD encodings to vfp.c/neon*.c in
 * their A32 form); the semantics shared with A32 are in ops.c.
 *
 * The (0)/(1) bits of a line take no part in the match; an encoding whose
 * (0)/(1) bits have the other value is UNDEFINED, as in A32, except in
 * the hint space (t32_sbz_sbo_ok; unpredictable.def SBZ_SBO).
 *
 * ---- UNPREDICTABLE and UNKNOWN choices -------------------------------
 * The manual leaves these open; hypsim does the same thing every time.
 * The shared policy, A32 and T32, is src/cpu/unpredictable.def (which
 * generates tests/diff/UNPREDICTABLE.md); this list says how T32 applies
 * it.
 * The random-program generator excludes all of them.
 *
 *  IT blocks (A2.5.2, A8.8.55)
 *   - IT inside an IT block, IT with firstcond == 1111, and IT with
 *     firstcond == 1110 and more than one instruction: UNDEFINED.
 *   - Instructions that are "not permitted in an IT block" (CBZ, CBNZ,
 *     B<cond> T1/T3, CPS, SETEND, HVC, IT) are UNDEFINED when in an IT
 *     block and their condition passes; like every other instruction in a
 *     block they are NOPs when it fails (the condition is checked first).
 *   - Instructions that must be last in an IT block (branches, writes to
 *     the PC, exception returns, BKPT…) but are not: executed normally,
 *     ITSTATE then advances as for any other instruction (an exception
 *     return takes its ITSTATE from the SPSR instead).
 *   - 16-bit MOVS Rd, Rm (LSL #0, T2) in an IT block: executed as MOV
 *     Rd, Rm without flags, the flag rule of every other 16-bit data
 *     processing instruction.
 *   - BKPT is unconditional: it executes whatever the IT condition says.
 *   - An instruction in an IT block that fails its condition is a NOP
 *     even when its encoding is UNDEFINED or it would trap to Hyp mode
 *     (both are IMPLEMENTATION DEFINED for a failing condition, A8.3 and
 *     B1.14.1); A32 does the same for its condition field.
 *  Registers
 *   - A PC destination of a 32-bit data-processing, multiply, divide,
 *     saturate, extend, bit-field or MRS instruction (other than the
 *     compare forms, where Rd == 1111 means TST/TEQ/CMP/CMN): UNDEFINED.
 *     (ops_dp would otherwise make a flag-setting one an exception
 *     return, which only SUBS PC, LR is in Thumb.)
 *   - The PC among the registers of an exclusive load/store, as a
 *     destination of LDRD, or as a base written back (LDM/STM, LDRD/STRD
 *     with writeback), and a byte, halfword or unprivileged (LDRT) load
 *     into the PC that is not a preload hint: UNDEFINED.
 *   - Other SP or PC uses that an encoding forbids ("if n == 15 … then
 *     UNPREDICTABLE") keep their ordinary meaning: a read of the PC gives
 *     the instruction's address + 4 (Align(PC, 4) for a load/store base),
 *     the 16-bit ADD/MOV to the PC is ALUWritePC (a branch), a word load
 *     to the PC is LoadWritePC.
 *   - 16-bit CMP with two low registers in the high-register form (A8.8.38
 *     T2 with n, m < 8) and ADD PC, PC: executed as written.
 *   - Loads with writeback whose base is the loaded register: the loaded
 *     value is written last and wins. Stores with writeback whose base is
 *     the stored register store the original base value (ops.c).
 *   - LDM/POP/STM/PUSH with fewer registers than the encoding requires, or
 *     with a forbidden register (SP, PC and LR together…) in the list, or
 *     STM with the base in the list with writeback: executed as written
 *     (ops.c: loaded values win, stores use the original base). LDM with
 *     writeback and the base in the list: UNDEFINED, as in A32.
 *   - Bits the manual shows as (0) or (1) that have the other value: the
 *     instruction executes as if they were right.
 *  Immediates
 *   - ThumbExpandImm with imm8 == 0 in a replicated form (A6.3.2),
 *     BFI/BFC with msb < lsb, SBFX/UBFX with lsb + width > 32: UNDEFINED.
 *  Load/store
 *   - LDRD with t == t2, or writeback onto t/t2: as written, the base
 *     written first and the loaded values last.
 *   - STREX* with d == n, d == t or d == t2: UNDEFINED, as in A32.
 *   - SRS/RFE/LDM/STM with a base other than the allowed ones: as written.
 *  Branches and control
 *   - MSR/MRS banked forms that B9.3.9 makes UNPREDICTABLE: UNDEFINED
 *     (cpu_banked_read/write say which). MRS/MSR SPSR in User or System
 *     mode: UNDEFINED (ops.c).
 *   - SUBS PC, LR, #imm and ERET in User or System mode: UNDEFINED (B9.3.20
 *     allows it; ops.c and cpu.c). In Hyp mode SUBS PC, LR, #imm (imm != 0)
 *     is UNDEFINED as the manual says.
 *   - CPS with imod == 01: UNDEFINED. CPS to an invalid mode, or with mode
 *     bits and M clear: the mode part is skipped (B9.3.2, cpu.c) and the
 *     A/I/F part still applies.
 *   - MCR/MCRR/MRRC with the PC or (in Thumb) SP as a register: UNDEFINED
 *     (cp15/coproc.c decides).
 *   - BXJ: BX (the trivial Jazelle implementation; no HSTR.TJDBX trap is
 *     modelled). ENTERX/LEAVEX: UNDEFINED (ThumbEE state is not
 *     implemented; see t32_ctl.c).
 *  Unallocated encodings (everything the tables of A6.2 and A6.3 leave
 *  empty) are UNDEFINED. Unallocated hints execute as NOP (A6.3.4 says
 *  so). */
#include <pthread.h>
#include <stdlib.h>

#include "cpu/decode_table.h"
#include "cpu/t32_internal.h"

/* ITAdvance() (A2.5.2). */
static unsigned it_advance(unsigned it)
{
	if ((it & 7u) == 0)
		return 0;
	return (it & 0xe0u) | ((it << 1) & 0x1fu);
}

/* IT (A8.8.55). `mask` != 0 (the caller decoded mask == 0 as a hint). */
enum exec_result t32_exec_it(struct t32 *t, unsigned firstcond,
			     unsigned mask)
{
	if (t->in_it || firstcond == 0xf ||
	    (firstcond == 0xe && __builtin_popcount(mask) != 1))
		return cpu_undefined(t->cpu);
	cpu_set_itstate(t->cpu, (firstcond << 4) | mask);
	t->it_written = true;
	return EXEC_OK;
}

/* The handlers of t32.def's lines, in line order (decode_entry.index). */
const t32_handler t32_handlers[] = {
#define DECODE_DEF "cpu/t32.def"
#define DECODE_DELEGATE(n) t32_delegate_##n
#include "cpu/decode_handlers.h"
};

/* The lines that are allocated but UNDEFINED on these cores (ENDS_UNDEF),
 * shared with t16.def's UDF. */
enum exec_result t32_undefined(struct t32 *t)
{
	return cpu_undefined(t->cpu);
}

/* ---- the lookup ----
 * decode_table_lookup_local() answers from buckets of lines in priority
 * order, about 200 host instructions for a T32 encoding. The Thumb
 * interpreter looks up every instruction of an IT block and every miss
 * of the decoded-instruction cache, so it keeps its own index, built
 * once from decode_table_partition() (disjoint cubes, each wholly
 * given to one line, exactly what decode_table_lookup_local answers):
 * for the 16-bit table, the line of every halfword; for the 32-bit one,
 * for every hw1 (11101 to 11111), the cubes that hw1 can be in, as
 * hw2 mask/value pairs (21564 in all, at most 27 for one hw1). Without
 * host memory for them, lookups go to decode_table_lookup_local(). */

#define T16_SPACE 0xe800u  /* halfwords below 11101 */
#define HW1_FIRST 0xe800u
#define HW1_COUNT 0x1800u

struct hw2_cube {
	uint16_t mask, value;
	uint16_t line; /* decode_entry.index */
};

static struct {
	bool ready;
	const struct decode_entry *t16, *t32; /* the lines by index */
	uint8_t t16_line[T16_SPACE]; /* index + 1; 0 unallocated */
	uint32_t start[HW1_COUNT + 1]; /* cubes[start[h] .. start[h + 1]) */
	struct hw2_cube *cubes;
} idx;

static pthread_once_t idx_once = PTHREAD_ONCE_INIT;

static bool t16_cube(void *arg, uint32_t mask, uint32_t value,
		     const struct decode_entry *e)
{
	(void)arg;
	if (!e)
		return true;
	/* every halfword of the cube: value with the free bits counted up */
	uint32_t free_bits = ~mask & 0xffffu, hw = 0;
	value &= mask;
	do {
		uint32_t x = value | hw;
		if (x < T16_SPACE)
			idx.t16_line[x] = (uint8_t)(e->index + 1);
		hw = (hw - free_bits) & free_bits;
	} while (hw);
	return true;
}

struct hw2_fill {
	bool fill; /* false: count only */
};

static bool t32_cube(void *arg, uint32_t mask, uint32_t value,
		     const struct decode_entry *e)
{
	struct hw2_fill *f = arg;
	if (!e)
		return true;
	uint32_t hm = mask >> 16, hv = (value & mask) >> 16;
	uint32_t free_bits = ~hm & 0xffffu, h = 0;
	do {
		uint32_t hw1 = hv | h;
		if (hw1 >= HW1_FIRST) {
			uint32_t k = hw1 - HW1_FIRST;
			if (f->fill)
				idx.cubes[idx.start[k]++] = (struct hw2_cube){
					(uint16_t)mask,
					(uint16_t)(value & mask), e->index };
			else
				idx.start[k + 1]++;
		}
		h = (h - free_bits) & free_bits;
	} while (h);
	return true;
}

/* Whether each line's index is its position (no malformed line was left
 * out) and fits the index's type. */
static bool indexes_are_positions(const struct decode_entry *es, unsigned n,
				  unsigned limit)
{
	for (unsigned i = 0; i < n; i++)
		if (es[i].index != i)
			return false;
	return n < limit;
}

static void build_index(void)
{
	unsigned n16, n32;
	idx.t16 = decode_table_entries(DECODE_T16, &n16);
	idx.t32 = decode_table_entries(DECODE_T32, &n32);
	if (!indexes_are_positions(idx.t16, n16, 255) ||
	    !indexes_are_positions(idx.t32, n32, 65535))
		return;
	/* (without host memory for the partitions, no index: every lookup
	 * is then decode_table_lookup_local's) */
	struct hw2_fill f = { false };
	if (!decode_table_partition(DECODE_T16, t16_cube, NULL) ||
	    !decode_table_partition(DECODE_T32, t32_cube, &f))
		return;
	for (unsigned k = 0; k < HW1_COUNT; k++)
		idx.start[k + 1] += idx.start[k];
	idx.cubes = malloc((idx.start[HW1_COUNT] ? idx.start[HW1_COUNT] : 1) *
			   sizeof *idx.cubes);
	if (!idx.cubes)
		return;
	/* fill, advancing start[k] to the end of its list, then back */
	f.fill = true;
	if (!decode_table_partition(DECODE_T32, t32_cube, &f))
		return;
	for (unsigned k = HW1_COUNT; k > 0; k--)
		idx.start[k] = idx.start[k - 1];
	idx.start[0] = 0;
	idx.ready = true;
}

const struct decode_entry *t32_decode_line(uint32_t insn, unsigned size)
{
	if (__builtin_expect(!idx.ready, 0)) {
		pthread_once(&idx_once, build_index);
		if (!idx.ready)
			return decode_table_lookup_local(
				size == 2 ? DECODE_T16 : DECODE_T32, insn);
	}
	if (size == 2) {
		unsigned k = insn < T16_SPACE ? idx.t16_line[insn] : 0;
		return k ? &idx.t16[k - 1] : NULL;
	}
	uint32_t hw1 = insn >> 16;
	if (hw1 < HW1_FIRST)
		return NULL;
	uint32_t hw2 = insn & 0xffffu, k = hw1 - HW1_FIRST;
	for (uint32_t i = idx.start[k]; i < idx.start[k + 1]; i++)
		if ((hw2 & idx.cubes[i].mask) == idx.cubes[i].value)
			return &idx.t32[idx.cubes[i].line];
	return NULL;
}

/* The shared (0)/(1) policy (unpredictable.def SBZ_SBO, as A32's
 * a32_decode): a should-be bit with the other value is UNDEFINED, except
 * in the hint space (NOP.W and the unallocated hints, A6.3.4), whose
 * should-be bits are ignored as A32's are (a NOP). */
bool t32_sbz_sbo_ok(const struct decode_entry *e, uint32_t insn)
{
	uint32_t bad = (insn & e->sbz) | (~insn & e->sbo);
	return __builtin_expect(bad == 0, 1) ||
	       (e->width == 32 && (insn & 0xfff0d700u) == 0xf3a08000u);
}

enum exec_result t32_execute(struct cpu *cpu, uint32_t insn, unsigned size)
{
	unsigned it = cpu_itstate(cpu);
	struct t32 t = {
		.cpu = cpu,
		.insn = insn,
		.in_it = (it & 0xfu) != 0,
		.last_in_it = (it & 0xfu) == 0x8u,
		.it_written = false,
	};

	if (t.in_it) {
		/* A8.8.24: BKPT executes whatever the IT condition is. */
		bool bkpt = size == 2 && (insn & 0xff00u) == 0xbe00u;

		if (!bkpt && !cpu_condition_passed(cpu, it >> 4)) {
			cpu_set_itstate(cpu, it_advance(it));
			return EXEC_OK;
		}
	}

	const struct decode_entry *e = t32_decode_line(insn, size);
	enum exec_result r;
	if (!e || !t32_sbz_sbo_ok(e, insn)) /* unallocated (A6.2, A6.3) */
		r = cpu_undefined(cpu);
	else {
		t.entry = e;
		r = (size == 2 ? t16_handlers : t32_handlers)[e->index](&t);
	}

	/* After an exception the entry has already saved the CPSR (with the
	 * ITSTATE of the faulting instruction, or advanced for SVC) and
	 * cleared ITSTATE. */
	if (r != EXEC_EXCEPTION && t.in_it && !t.it_written)
		cpu_set_itstate(cpu, it_advance(it));
	return r;
}
