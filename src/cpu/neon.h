/* Advanced SIMD (NEON) instructions of ARMv7-A as the Cortex-A15 and
 * Cortex-A7 implement them (NEON with VFPv4 fused multiply-add; no
 * cryptography, no ARMv8 additions).
 *
 * ARM DDI 0406C A7.4 "Advanced SIMD data-processing instructions" and A7.7
 * "Advanced SIMD element or structure load/store instructions"; the
 * individual instructions are in A8.8.
 *
 * Callers (the VFP/NEON decoder hooks in a32.c and t32.c) run the access
 * check (CPACR, NSACR, HCPTR, FPEXC.EN) first, and hand over the encoding in
 * its A32 form: a T32 data-processing encoding 111U 1111 ... becomes
 * 1111 001U ..., a T32 load/store 1111 1001 ... becomes 1111 0100 ....
 * Every unallocated or UNDEFINED encoding returns cpu_undefined(cpu).
 *
 * Not implemented yet (UNDEFINED until done): see the list kept at the end
 * of this comment as the work progresses.
 */
#ifndef HYPSIM_CPU_NEON_H
#define HYPSIM_CPU_NEON_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Advanced SIMD data-processing (A7.4): insn is 1111 001U xxxx ... */
enum exec_result neon_dp_execute(struct cpu *cpu, uint32_t insn);

/* Advanced SIMD element or structure load/store (A7.7): insn is
 * 1111 0100 xxx0 ... */
enum exec_result neon_ls_execute(struct cpu *cpu, uint32_t insn);

/* hypsim_core is a static library and vfp.c keeps weak fallbacks of the
 * two functions above: a weak definition already linked keeps the linker
 * from loading neon_dp.o / neon_ls.o from the archive. Every file that
 * includes this header (vfp.c does) references these two anchors, which
 * only neon_dp.c and neon_ls.c define, so both objects and their strong
 * definitions are always in the link. */
extern const char neon_dp_anchor, neon_ls_anchor;
static const char *const neon_anchors[2] __attribute__((used)) = {
	&neon_dp_anchor, &neon_ls_anchor};

#endif
