/* Internal interface of the T32 (Thumb/Thumb-2) decoder: t32.c (entry,
 * IT blocks, 32-bit top level), t32_16.c (16-bit encodings, A6.2),
 * t32_dp.c (32-bit data processing and multiplies, A6.3.1-A6.3.4,
 * A6.3.11-A6.3.17), t32_ls.c (32-bit loads and stores, A6.3.5-A6.3.10),
 * t32_ctl.c (branches, miscellaneous control, coprocessor, A6.3.4 and
 * A6.3.18). Not for use outside these files. */
#ifndef HYPSIM_T32_INTERNAL_H
#define HYPSIM_T32_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/ops.h"

/* One instruction being executed. Lives on the stack of t32_execute. */
struct t32 {
	struct cpu *cpu;
	uint32_t insn;    /* hw1 (16-bit) or hw1:hw2 (32-bit) */
	bool in_it;       /* InITBlock() */
	bool last_in_it;  /* LastInITBlock() */
	/* The instruction wrote ITSTATE itself (IT, or an exception return
	 * that restored the CPSR): ITAdvance() must not follow it. */
	bool it_written;
};

/* insn<hi:lo> */
static inline uint32_t tb(uint32_t x, unsigned hi, unsigned lo)
{
	return (x >> lo) & ((hi - lo >= 31) ? 0xffffffffu
					    : ((1u << (hi - lo + 1)) - 1u));
}
static inline bool tbit(uint32_t x, unsigned n)
{
	return (x >> n) & 1u;
}
/* SignExtend(x<bits-1:0>) */
static inline uint32_t t32_sext(uint32_t x, unsigned bits)
{
	uint32_t m = 1u << (bits - 1);
	x &= (bits >= 32) ? 0xffffffffu : ((1u << bits) - 1u);
	return (x ^ m) - m;
}

/* Align(PC, 4) as ADR and the literal loads read it (A8.8.12, A8.8.64). */
static inline uint32_t t32_pc_aligned(const struct cpu *cpu)
{
	return cpu_reg_read(cpu, 15) & ~3u;
}

enum exec_result t32_exec16(struct t32 *t);
enum exec_result t32_exec_dp_modimm(struct t32 *t);
enum exec_result t32_exec_dp_plainimm(struct t32 *t);
enum exec_result t32_exec_dp_shiftreg(struct t32 *t);
enum exec_result t32_exec_dp_reg(struct t32 *t);
enum exec_result t32_exec_mul(struct t32 *t);
enum exec_result t32_exec_mul_long(struct t32 *t);
enum exec_result t32_exec_ldst_multiple(struct t32 *t);
enum exec_result t32_exec_ldst_dual_excl(struct t32 *t);
enum exec_result t32_exec_ldst_single(struct t32 *t);
enum exec_result t32_exec_branch_misc(struct t32 *t);
enum exec_result t32_exec_coproc(struct t32 *t);

/* Shared by the 16- and 32-bit paths. */
enum exec_result t32_exec_it(struct t32 *t, unsigned firstcond,
			     unsigned mask);

#endif
