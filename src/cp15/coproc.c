/* Coprocessor instructions of CP14 and CP15: MCR/MRC (A8.8.? MCR, MRC),
 * MCRR/MRRC and LDC/STC/CDP, as the decoders hand them over. The order of
 * the decisions (B1.14.? "Trapping to Hyp mode", and the pseudocode's
 * checks):
 *   1. UNPREDICTABLE register choices, made UNDEFINED here;
 *   2. Hyp traps defined by encoding at Non-secure PL1 (HSTR, TIDCP);
 *   3. the register exists and is accessible at this PL and security
 *      state, else UNDEFINED;
 *   4. the register's Hyp traps (and HSTR from PL0);
 *   5. the access itself, through the table, whose result (done,
 *      UNDEFINED, a trap to Hyp, or an abort with its fault) this file
 *      turns into the exception of the instruction (access_result). */
#include "cp15/sysreg_internal.h"
#include "hyp/exception.h"
#include "hyp/traps.h"

static bool is_sp_in_thumb(const struct cpu *cpu, unsigned r)
{
	return r == 13 && cpu_thumb(cpu);
}

/* Act on what the access did. An abort (an address translation operation
 * whose stage-1 walk met a stage-2 fault, B4.2.6) is a Data Abort of this
 * instruction: no instruction syndrome (ISV = 0), WnR = 1 as for every
 * fault of a cache maintenance or address translation operation, CM from
 * the fault (B3.13.6, the Data Abort ISS). */
static enum exec_result access_result(struct cpu *cpu,
				      const struct sysreg_result *res,
				      unsigned ec, uint32_t iss)
{
	switch (res->status) {
	case SR_DONE:
		return EXEC_OK;
	case SR_TRAP:
		return hyp_trap_instruction(cpu, ec, iss);
	case SR_ABORT:
		return hyp_data_abort(cpu, res->far, &res->fault, true, 0,
				      ACC_NO_SYNDROME);
	case SR_UNDEF:
	default:
		return cpu_undefined(cpu);
	}
}

enum exec_result cpu_coproc_rt(struct cpu *cpu, unsigned coproc, bool is_read,
			       unsigned opc1, unsigned crn, unsigned crm,
			       unsigned opc2, unsigned rt)
{
	/* CP0-CP13: not implemented here (CP10/CP11 are decoded as VFP
	 * and Advanced SIMD by the VFP decoder): UNDEFINED. */
	if (coproc != 14 && coproc != 15)
		return cpu_undefined(cpu);
	/* A8.8.? MCR: t == 15, or t == 13 in Thumb, is UNPREDICTABLE; MRC
	 * allows t == 15 (APSR_nzcv). This model makes them UNDEFINED. */
	if ((!is_read && rt == 15) || is_sp_in_thumb(cpu, rt))
		return cpu_undefined(cpu);

	struct sysreg_encoding e = {(uint8_t)coproc, 0, (uint8_t)opc1,
				    (uint8_t)crn, (uint8_t)crm, (uint8_t)opc2};
	unsigned ec = coproc == 15 ? EC_CP15_RT : EC_CP14_RT;
	if (hyp_traps_cp_encoding(cpu, &e, is_read))
		return hyp_trap_instruction(cpu, ec,
					    hyp_iss_cp_rt(&e, rt, is_read));
	const struct sysreg *r = sysreg_lookup(cpu, &e);
	if (!r || r->width != 32 || !sysreg_access_ok(cpu, r, is_read))
		return cpu_undefined(cpu);
	if (hyp_traps_sysreg(cpu, r, is_read))
		return hyp_trap_instruction(cpu, ec,
					    hyp_iss_cp_rt(&e, rt, is_read));

	uint32_t iss = hyp_iss_cp_rt(&e, rt, is_read);
	struct sysreg_result res;
	if (is_read) {
		res = sysreg_read(cpu, r);
		if (res.status != SR_DONE)
			return access_result(cpu, &res, ec, iss);
		uint64_t v = res.value;
		if (rt == 15) /* MRC APSR_nzcv: flags from bits [31:28] */
			cpu->cpsr = (cpu->cpsr & ~CPSR_NZCV) |
				    ((uint32_t)v & CPSR_NZCV);
		else
			cpu->r[rt] = (uint32_t)v;
		return EXEC_OK;
	}
	res = sysreg_write(cpu, r, cpu->r[rt]);
	return access_result(cpu, &res, ec, iss);
}

enum exec_result cpu_coproc_rrt(struct cpu *cpu, unsigned coproc,
				bool is_read, unsigned opc1, unsigned crm,
				unsigned rt, unsigned rt2)
{
	if (coproc != 14 && coproc != 15)
		return cpu_undefined(cpu);
	/* A8.8.? MCRR/MRRC: t or t2 == 15 (or 13 in Thumb), and MRRC with
	 * t == t2, are UNPREDICTABLE: UNDEFINED here. */
	if (rt == 15 || rt2 == 15 || is_sp_in_thumb(cpu, rt) ||
	    is_sp_in_thumb(cpu, rt2) || (is_read && rt == rt2))
		return cpu_undefined(cpu);

	struct sysreg_encoding e = {(uint8_t)coproc, 1, (uint8_t)opc1, 0,
				    (uint8_t)crm, 0};
	unsigned ec = coproc == 15 ? EC_CP15_RRT : EC_CP14_RRT;
	uint32_t iss = hyp_iss_cp_rrt(opc1, crm, rt, rt2, is_read);
	if (hyp_traps_cp_encoding(cpu, &e, is_read))
		return hyp_trap_instruction(cpu, ec, iss);
	const struct sysreg *r = sysreg_lookup(cpu, &e);
	if (!r || r->width != 64 || !sysreg_access_ok(cpu, r, is_read))
		return cpu_undefined(cpu);
	if (hyp_traps_sysreg(cpu, r, is_read))
		return hyp_trap_instruction(cpu, ec, iss);

	struct sysreg_result res;
	if (is_read) {
		res = sysreg_read(cpu, r);
		if (res.status != SR_DONE)
			return access_result(cpu, &res, ec, iss);
		cpu->r[rt] = (uint32_t)res.value;
		cpu->r[rt2] = (uint32_t)(res.value >> 32);
		return EXEC_OK;
	}
	uint64_t v = ((uint64_t)cpu->r[rt2] << 32) | cpu->r[rt];
	res = sysreg_write(cpu, r, v);
	return access_result(cpu, &res, ec, iss);
}

/* LDC/STC to the DCC (A8.8.? LDC, STC; C6.4.? "DCC and ITR access
 * modes"): LDC p14, c5 writes the loaded word to DBGDTRTXint, STC p14, c5
 * stores DBGDTRRXint. One word per instruction (the coprocessor takes one
 * transfer); the long form (D = 1) and other CRd are UNDEFINED. The access
 * rules are MCR/MRC's to DBGDTRint (PL0 unless DBGDSCR.UDCCdis), then the
 * HDCR.TDA trap (EC 0x06). Rn = 15 with writeback, or STC with Rn = 15
 * in Thumb or with writeback, is UNPREDICTABLE: UNDEFINED here. */
static enum exec_result dcc_ldc_stc(struct cpu *cpu, uint32_t insn)
{
	bool p = (insn >> 24) & 1u, u = (insn >> 23) & 1u;
	bool d = (insn >> 22) & 1u, w = (insn >> 21) & 1u;
	bool load = (insn >> 20) & 1u;
	unsigned rn = (insn >> 16) & 15u;
	uint32_t offset = (insn & 0xffu) << 2;
	if (d || (!p && !w && !u))
		return cpu_undefined(cpu);
	if (rn == 15 && (w || (!load && cpu_thumb(cpu))))
		return cpu_undefined(cpu);
	struct sysreg_encoding e = {14, 0, 0, 0, 5, 0};
	const struct sysreg *r = sysreg_lookup(cpu, &e);
	/* STC reads DBGDTRRXint, LDC writes DBGDTRTXint */
	if (!r || !sysreg_access_ok(cpu, r, !load))
		return cpu_undefined(cpu);
	uint32_t iss;
	if (hyp_traps_cp14_ldc(cpu, insn, &iss))
		return hyp_trap_instruction(cpu, EC_CP14_LDC, iss);

	uint32_t base = rn == 15 ? (cpu_reg_read(cpu, 15) & ~3u) : cpu->r[rn];
	uint32_t offset_addr = u ? base + offset : base - offset;
	uint32_t addr = p ? offset_addr : base;
	if (load) {
		uint32_t word;
		if (!cpu_read(cpu, addr, 4, &word, ACC_ALIGNED | ACC_NO_SYNDROME))
			return EXEC_EXCEPTION;
		cp14_dcc_write(cpu, word);
	} else {
		if (!cpu_write(cpu, addr, 4, cpu->cp15.dbgdtrrx,
			       ACC_ALIGNED | ACC_NO_SYNDROME))
			return EXEC_EXCEPTION;
		(void)cp14_dcc_read(cpu); /* the read empties RX */
	}
	if (w)
		cpu->r[rn] = offset_addr;
	return EXEC_OK;
}

/* LDC/STC/CDP. The only CP14 LDC/STC target is the DCC (CRd c5, above).
 * CP15 has no LDC/STC/CDP (B3.17), and the other coprocessors are absent
 * or decoded as VFP elsewhere. */
enum exec_result cpu_coproc_other(struct cpu *cpu, unsigned coproc)
{
	uint32_t insn = cpu->insn;
	/* cccc 110P UDWL nnnn dddd 1110 iiiiiiii (ARM; T32 alike) */
	bool ldc_stc = ((insn >> 25) & 7u) == 6u;
	if (coproc == 14 && ldc_stc && ((insn >> 12) & 15u) == 5u)
		return dcc_ldc_stc(cpu, insn);
	uint32_t iss;
	if (coproc == 14 && hyp_traps_cp14_ldc(cpu, insn, &iss))
		return hyp_trap_instruction(cpu, EC_CP14_LDC, iss);
	return cpu_undefined(cpu);
}
