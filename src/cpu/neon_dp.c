/* Advanced SIMD data-processing instructions: the top-level decode of
 * A7.4 (Table A7-8), A32 form 1111 001U A(23:19) .... B(11:8) C(7:4). Each
 * class lives in its own file (neon_internal.h). */
#include "cpu/neon_internal.h"

const char neon_dp_anchor = 1; /* see neon.h */

enum exec_result neon_dp_execute(struct cpu *cpu, uint32_t insn)
{
	if ((insn & 0xfe000000u) != 0xf2000000u)
		return cpu_undefined(cpu);
	unsigned u = NBIT(insn, 24), a = NBITS(insn, 23, 19);
	unsigned b = NBITS(insn, 11, 8), c = NBITS(insn, 7, 4);
	if (!(a & 0x10))
		return neon_3same(cpu, insn);
	if ((c & 1) != 0) {
		/* A = 1x000, C = 0xx1: one register and a modified immediate;
		 * every other A = 1xxxx with C = xxx1 is two registers and a
		 * shift amount (A = 1x000 with C = 1xx1 included: L = 1). */
		if ((a & 0x7) == 0 && !(c & 8))
			return neon_1reg_imm(cpu, insn);
		return neon_2reg_shift(cpu, insn);
	}
	if ((a & 0x6) != 0x6) {
		/* A = 1x0xx or 1x10x, C = xxx0 */
		if (!(c & 4))
			return neon_3diff(cpu, insn);
		return neon_2reg_scalar(cpu, insn);
	}
	/* A = 1x11x, C = xxx0 */
	if (!u)
		return neon_vext(cpu, insn);
	if (!(b & 8))
		return neon_2reg_misc(cpu, insn);
	if ((b & 0xc) == 8)
		return neon_vtbl(cpu, insn);
	if (b == 0xc && !(c & 8))
		return neon_vdup_scalar(cpu, insn);
	return cpu_undefined(cpu);
}
