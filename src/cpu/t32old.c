/* TEMPORARY: the switch-tree T32 decoder as it was before the table-driven
 * decode (t32.c at dddf664), kept only so that test_t32_equiv can compare
 * the two; deleted once the comparison passed. */
#include "cpu/fp.h"
#include "cpu/t32_old.h"

/* ITAdvance() (A2.5.2). */
static unsigned it_advance(unsigned it)
{
	if ((it & 7u) == 0)
		return 0;
	return (it & 0xe0u) | ((it << 1) & 0x1fu);
}

/* 32-bit encodings, A6.3 Table A6-9. */
static enum exec_result old_exec32(struct t32 *t)
{
	uint32_t hw1 = t->insn >> 16;
	unsigned op1 = tb(hw1, 12, 11);
	unsigned op2 = tb(hw1, 10, 4);
	bool op = tbit(t->insn, 15);

	switch (op1) {
	case 1:
		if ((op2 & 0x64u) == 0x00u)
			return t32old_exec_ldst_multiple(t);
		if ((op2 & 0x64u) == 0x04u)
			return t32old_exec_ldst_dual_excl(t);
		if ((op2 & 0x60u) == 0x20u)
			return t32old_exec_dp_shiftreg(t);
		return t32old_exec_coproc(t);
	case 2:
		if (op)
			return t32old_exec_branch_misc(t);
		if ((op2 & 0x20u) == 0)
			return t32old_exec_dp_modimm(t);
		return t32old_exec_dp_plainimm(t);
	case 3:
		if ((op2 & 0x71u) == 0x00u)
			return t32old_exec_ldst_single(t); /* stores */
		if ((op2 & 0x67u) == 0x07u)
			return cpu_undefined(t->cpu);
		if ((op2 & 0x61u) == 0x01u)
			return t32old_exec_ldst_single(t); /* loads */
		if ((op2 & 0x71u) == 0x10u)
			/* Advanced SIMD element or structure load/store
			 * (A7.7): T32 1111 1001 is A32 1111 0100 (neon.h) */
			return vfp_neon_ls(t->cpu,
					   (t->insn & 0x00ffffffu) | 0xf4000000u);
		if ((op2 & 0x70u) == 0x20u)
			return t32old_exec_dp_reg(t);
		if ((op2 & 0x78u) == 0x30u)
			return t32old_exec_mul(t);
		if ((op2 & 0x78u) == 0x38u)
			return t32old_exec_mul_long(t);
		return t32old_exec_coproc(t);
	default:
		/* op1 == 0 is a 16-bit encoding; the step loop never hands it
		 * here as 32-bit. */
		return cpu_undefined(t->cpu);
	}
}

enum exec_result t32old_execute(struct cpu *cpu, uint32_t insn, unsigned size)
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

	enum exec_result r = size == 2 ? t32old_exec16(&t) : old_exec32(&t);

	/* After an exception the entry has already saved the CPSR (with the
	 * ITSTATE of the faulting instruction, or advanced for SVC) and
	 * cleared ITSTATE. */
	if (r != EXEC_EXCEPTION && t.in_it && !t.it_written)
		cpu_set_itstate(cpu, it_advance(it));
	return r;
}
