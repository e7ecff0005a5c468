/* The Advanced SIMD dispatch: neon.def (A7.4 data processing, A7.7
 * element and structure load/store, in their A32 form) looked up with
 * decode_table_lookup_local, each line's handler called with the
 * encoding. A data-processing line has a handler of its own, named after
 * it (neon_VHADD, … in neon_int.c, neon_shift.c, neon_long.c,
 * neon_misc.c, neon_perm.c, neon_float.c; neon_internal.h), which never
 * decodes the instruction again; the load/store lines have their form's
 * (neon_ls.c). */
#include "cpu/decode_table.h"
#include "cpu/neon_internal.h"

/* neon.def's ENDS_UNDEF lines: the modified immediate cmode = 1111 with
 * op = 1 (A7.4.6), and the 1x11x region's encodings no nested line
 * claims (A7.4, Table A7-8). */
enum exec_result neon_UNDEFINED(struct cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_undefined(cpu);
}

/* [i]: the handler of line i of neon.def (its decode_entry's index). */
static const neon_handler neon_handlers[] = {
#define DECODE_DEF "cpu/neon.def"
#include "cpu/decode_handlers.h"
};

enum exec_result neon_dispatch(struct cpu *cpu, uint32_t insn)
{
	const struct decode_entry *e =
		decode_table_lookup_local(DECODE_NEON, insn);
	/* Unallocated: UNDEFINED. neon.def draws no (0)/(1) bits (the
	 * manual's A7.4/A7.7 diagrams have none); the check keeps the
	 * shared should-be policy (V2 in vfp.c) if a line gets one. */
	if (!e || (insn & e->sbz) || (~insn & e->sbo))
		return cpu_undefined(cpu);
	return neon_handlers[e->index](cpu, insn);
}

/* A7.4 encodings only (test_neon calls this directly). */
enum exec_result neon_dp_execute(struct cpu *cpu, uint32_t insn)
{
	if ((insn & 0xfe000000u) != 0xf2000000u)
		return cpu_undefined(cpu);
	return neon_dispatch(cpu, insn);
}
