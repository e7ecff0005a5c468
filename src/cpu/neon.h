/* Advanced SIMD (NEON) instructions of ARMv7-A as the Cortex-A15 and
 * Cortex-A7 implement them (NEON with VFPv4 fused multiply-add; no
 * cryptography, no ARMv8 additions).
 *
 * ARM DDI 0406C A7.4 "Advanced SIMD data-processing instructions" and A7.7
 * "Advanced SIMD element or structure load/store instructions"; the
 * individual instructions are in A8.8.
 *
 * Callers (vfp_neon_dp/vfp_neon_ls in vfp.c, the entry points of the A32
 * and T32 DELEGATE lines) run the access check (CPACR, NSACR, HCPTR,
 * FPEXC.EN) first, and hand over the encoding in its A32 form: a T32
 * data-processing encoding 111U 1111 ... becomes 1111 001U ..., a T32
 * load/store 1111 1001 ... becomes 1111 0100 .... Decode is the table
 * neon.def (neon_dp.c: lookup, then the line's handler). Every
 * unallocated or UNDEFINED encoding returns cpu_undefined(cpu).
 *
 * Implemented: every instruction of A7.4 and A7.7 that the Cortex-A15 and
 * Cortex-A7 have (integer and polynomial, saturating with FPSCR.QC,
 * single-precision with the standard FPSCR value, VFMA/VFMS, half <->
 * single conversion, element/structure loads and stores of every form).
 * Not implemented: nothing in these two spaces; ARMv8 additions (VMULL.P64,
 * crypto, VRINT*, VCVT{A,N,P,M}, VMAXNM/VMINNM, VSEL) are UNDEFINED as on
 * these cores.
 *
 * UNPREDICTABLE encodings and their deterministic behaviour here:
 *   - VLDn/VSTn whose register list goes past D31, VTBL/VTBX whose table
 *     does: UNDEFINED (QEMU 7.2 makes VTBL UNDEFINED but executes such
 *     loads/stores on state beyond D31; the images avoid them);
 *   - VLDn/VSTn with Rn = 15 and writeback: UNDEFINED; Rn = 15 without
 *     writeback uses the PC as an operand;
 *   - VTRN/VUZP/VZIP with Vd = Vm: both operands are read first, Vd is
 *     written, then Vm (so the register holds Vm's result, as QEMU);
 *   - a fault half-way through VLDn leaves every register unchanged; half-
 *     way through VSTn the elements before it may be written (neon_ls.c).
 * The Q-form rule (an odd D register number with Q = 1) is UNDEFINED in
 * every encoding, as the manual says.
 */
#ifndef HYPSIM_CPU_NEON_H
#define HYPSIM_CPU_NEON_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Advanced SIMD data-processing (A7.4): insn is 1111 001U xxxx ...; the
 * neon.def lookup and the line's handler, no access check. */
enum exec_result neon_dp_execute(struct cpu *cpu, uint32_t insn);

/* Advanced SIMD element or structure load/store (A7.7): insn is
 * 1111 0100 xxx0 ... */
enum exec_result neon_ls_execute(struct cpu *cpu, uint32_t insn);

#endif
