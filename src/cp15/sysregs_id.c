/* CP15 c0: identification registers (ARM DDI 0406C B4.1.? MIDR … AIDR,
 * B3.17.1 "c0 register summary"). Every value comes from the core model;
 * the only architected behaviour here is where each is visible, which HCR
 * TIDn group traps it, and the virtualized views of MIDR/MPIDR. */
#include "cp15/sysreg_internal.h"

/* MIDR/MPIDR (B4.1.105/106): Non-secure PL1 reads return VPIDR/VMPIDR
 * (B4.1.160/161, "the value returned by a Non-secure PL1 read of
 * MIDR"). HYP and Secure state read the physical value. */
static struct sysreg_result read_midr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	(void)r;
	if (!sr_raw() && sr_ns_below_hyp(cpu))
		*v = cpu->cp15.vpidr;
	else
		*v = cpu->cp15.midr;
	return sr_ok();
}

static struct sysreg_result read_mpidr(struct cpu *cpu, const struct sysreg *r,
				       uint64_t *v)
{
	(void)r;
	if (!sr_raw() && sr_ns_below_hyp(cpu))
		*v = cpu->cp15.vmpidr;
	else
		*v = cpu->cp15.mpidr;
	return sr_ok();
}

#define MODEL_READ(fn, expr)                                                \
	static struct sysreg_result fn(struct cpu *cpu,                    \
				       const struct sysreg *r, uint64_t *v) \
	{                                                                   \
		(void)r;                                                    \
		const struct core_model *m = cpu->model;                    \
		*v = m ? (uint64_t)(expr) : 0;                              \
		return sr_ok();                                             \
	}

MODEL_READ(read_ctr, m->ctr)
MODEL_READ(read_tcmtr, m->tcmtr)
MODEL_READ(read_tlbtr, m->tlbtr)
MODEL_READ(read_revidr, m->revidr)
MODEL_READ(read_id_pfr0, m->id_pfr0)
MODEL_READ(read_id_pfr1, m->id_pfr1)
MODEL_READ(read_id_dfr0, m->id_dfr0)
MODEL_READ(read_id_afr0, m->id_afr0)
MODEL_READ(read_id_mmfr0, m->id_mmfr[0])
MODEL_READ(read_id_mmfr1, m->id_mmfr[1])
MODEL_READ(read_id_mmfr2, m->id_mmfr[2])
MODEL_READ(read_id_mmfr3, m->id_mmfr[3])
MODEL_READ(read_id_isar0, m->id_isar[0])
MODEL_READ(read_id_isar1, m->id_isar[1])
MODEL_READ(read_id_isar2, m->id_isar[2])
MODEL_READ(read_id_isar3, m->id_isar[3])
MODEL_READ(read_id_isar4, m->id_isar[4])
MODEL_READ(read_id_isar5, m->id_isar[5])
MODEL_READ(read_clidr, m->clidr)
MODEL_READ(read_aidr, m->aidr)

/* CCSIDR (B4.1.19) describes the cache CSSELR selects, in the bank the
 * access uses. A CSSELR value naming no cache gives an UNKNOWN CCSIDR
 * (B4.1.41); the model table holds 0 there, and that is what reads. */
static struct sysreg_result read_ccsidr(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	(void)r;
	unsigned sel = cpu->cp15.csselr[sr_bank(cpu)] & 0xfu;
	*v = cpu->model ? cpu->model->ccsidr[sel] : 0;
	return sr_ok();
}

#define ID_RO (A_PL1_R | SR_CONST)

/* The reserved ID encodings c0, opc1 0, CRm c3-c7 (and c2 opc2 6-7) read
 * as zero (B3.17.1 "these encodings are RAZ"); HCR.TID3 traps them with
 * the feature registers (B4.1.65). */
#define RAZ_ID(nm, m, o2)                                                  \
	{.name = nm, CP15(0, 0, m, o2), .access = ID_RO | SR_NO_GDB,       \
	 .traps = TRAP_TID3, NOFLD, .description = "reserved ID space, RAZ"}

const struct sysreg sysregs_id[] = {
	{.name = "MIDR", CP15(0, 0, 0, 0), .access = ID_RO,
	 .read = read_midr, NOFLD, .description = "Main ID"},
	{.name = "CTR", CP15(0, 0, 0, 1), .access = ID_RO, .traps = TRAP_TID2,
	 .read = read_ctr, NOFLD, .description = "Cache Type"},
	{.name = "TCMTR", CP15(0, 0, 0, 2), .access = ID_RO, .traps = TRAP_TID1,
	 .read = read_tcmtr, NOFLD, .description = "TCM Type"},
	{.name = "TLBTR", CP15(0, 0, 0, 3), .access = ID_RO, .traps = TRAP_TID1,
	 .read = read_tlbtr, NOFLD, .description = "TLB Type"},
	/* opc2 4 and 7 are not allocated in a VMSA; they read as MIDR
	 * (B3.17.1 note on unimplemented c0,c0 encodings), as on QEMU. */
	{.name = "MIDR_4", CP15(0, 0, 0, 4),
	 .access = ID_RO | SR_ALIAS | SR_NO_GDB, .read = read_midr, NOFLD,
	 .description = "alias of MIDR"},
	{.name = "MPIDR", CP15(0, 0, 0, 5), .access = ID_RO,
	 .read = read_mpidr, NOFLD, .description = "Multiprocessor Affinity"},
	{.name = "REVIDR", CP15(0, 0, 0, 6), .access = ID_RO,
	 .traps = TRAP_TID1, .read = read_revidr, NOFLD,
	 .description = "Revision ID"},
	{.name = "MIDR_7", CP15(0, 0, 0, 7),
	 .access = ID_RO | SR_ALIAS | SR_NO_GDB, .read = read_midr, NOFLD,
	 .description = "alias of MIDR"},

	{.name = "ID_PFR0", CP15(0, 0, 1, 0), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_pfr0, NOFLD,
	 .description = "Processor Feature 0"},
	{.name = "ID_PFR1", CP15(0, 0, 1, 1), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_pfr1, NOFLD,
	 .description = "Processor Feature 1"},
	{.name = "ID_DFR0", CP15(0, 0, 1, 2), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_dfr0, NOFLD,
	 .description = "Debug Feature 0"},
	{.name = "ID_AFR0", CP15(0, 0, 1, 3), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_afr0, NOFLD,
	 .description = "Auxiliary Feature 0"},
	{.name = "ID_MMFR0", CP15(0, 0, 1, 4), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_mmfr0, NOFLD,
	 .description = "Memory Model Feature 0"},
	{.name = "ID_MMFR1", CP15(0, 0, 1, 5), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_mmfr1, NOFLD,
	 .description = "Memory Model Feature 1"},
	{.name = "ID_MMFR2", CP15(0, 0, 1, 6), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_mmfr2, NOFLD,
	 .description = "Memory Model Feature 2"},
	{.name = "ID_MMFR3", CP15(0, 0, 1, 7), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_mmfr3, NOFLD,
	 .description = "Memory Model Feature 3"},
	{.name = "ID_ISAR0", CP15(0, 0, 2, 0), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar0, NOFLD,
	 .description = "Instruction Set Attribute 0"},
	{.name = "ID_ISAR1", CP15(0, 0, 2, 1), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar1, NOFLD,
	 .description = "Instruction Set Attribute 1"},
	{.name = "ID_ISAR2", CP15(0, 0, 2, 2), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar2, NOFLD,
	 .description = "Instruction Set Attribute 2"},
	{.name = "ID_ISAR3", CP15(0, 0, 2, 3), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar3, NOFLD,
	 .description = "Instruction Set Attribute 3"},
	{.name = "ID_ISAR4", CP15(0, 0, 2, 4), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar4, NOFLD,
	 .description = "Instruction Set Attribute 4"},
	{.name = "ID_ISAR5", CP15(0, 0, 2, 5), .access = ID_RO,
	 .traps = TRAP_TID3, .read = read_id_isar5, NOFLD,
	 .description = "Instruction Set Attribute 5"},
	RAZ_ID("ID_RAZ_c2_6", 2, 6), RAZ_ID("ID_RAZ_c2_7", 2, 7),
	RAZ_ID("ID_RAZ_c3_0", 3, 0), RAZ_ID("ID_RAZ_c3_1", 3, 1),
	RAZ_ID("ID_RAZ_c3_2", 3, 2), RAZ_ID("ID_RAZ_c3_3", 3, 3),
	RAZ_ID("ID_RAZ_c3_4", 3, 4), RAZ_ID("ID_RAZ_c3_5", 3, 5),
	RAZ_ID("ID_RAZ_c3_6", 3, 6), RAZ_ID("ID_RAZ_c3_7", 3, 7),
	RAZ_ID("ID_RAZ_c4_0", 4, 0), RAZ_ID("ID_RAZ_c4_1", 4, 1),
	RAZ_ID("ID_RAZ_c4_2", 4, 2), RAZ_ID("ID_RAZ_c4_3", 4, 3),
	RAZ_ID("ID_RAZ_c4_4", 4, 4), RAZ_ID("ID_RAZ_c4_5", 4, 5),
	RAZ_ID("ID_RAZ_c4_6", 4, 6), RAZ_ID("ID_RAZ_c4_7", 4, 7),
	RAZ_ID("ID_RAZ_c5_0", 5, 0), RAZ_ID("ID_RAZ_c5_1", 5, 1),
	RAZ_ID("ID_RAZ_c5_2", 5, 2), RAZ_ID("ID_RAZ_c5_3", 5, 3),
	RAZ_ID("ID_RAZ_c5_4", 5, 4), RAZ_ID("ID_RAZ_c5_5", 5, 5),
	RAZ_ID("ID_RAZ_c5_6", 5, 6), RAZ_ID("ID_RAZ_c5_7", 5, 7),
	RAZ_ID("ID_RAZ_c6_0", 6, 0), RAZ_ID("ID_RAZ_c6_1", 6, 1),
	RAZ_ID("ID_RAZ_c6_2", 6, 2), RAZ_ID("ID_RAZ_c6_3", 6, 3),
	RAZ_ID("ID_RAZ_c6_4", 6, 4), RAZ_ID("ID_RAZ_c6_5", 6, 5),
	RAZ_ID("ID_RAZ_c6_6", 6, 6), RAZ_ID("ID_RAZ_c6_7", 6, 7),
	RAZ_ID("ID_RAZ_c7_0", 7, 0), RAZ_ID("ID_RAZ_c7_1", 7, 1),
	RAZ_ID("ID_RAZ_c7_2", 7, 2), RAZ_ID("ID_RAZ_c7_3", 7, 3),
	RAZ_ID("ID_RAZ_c7_4", 7, 4), RAZ_ID("ID_RAZ_c7_5", 7, 5),
	RAZ_ID("ID_RAZ_c7_6", 7, 6), RAZ_ID("ID_RAZ_c7_7", 7, 7),

	{.name = "CCSIDR", CP15(1, 0, 0, 0), .access = ID_RO,
	 .traps = TRAP_TID2, .read = read_ccsidr, NOFLD,
	 .description = "Cache Size ID (cache selected by CSSELR)"},
	{.name = "CLIDR", CP15(1, 0, 0, 1), .access = ID_RO, .traps = TRAP_TID2,
	 .read = read_clidr, NOFLD, .description = "Cache Level ID"},
	{.name = "AIDR", CP15(1, 0, 0, 7), .access = ID_RO, .traps = TRAP_TID1,
	 .read = read_aidr, NOFLD, .description = "Auxiliary ID"},
	/* CSSELR (B4.1.41): Level[3:1], InD[0]; banked with the Security
	 * Extensions. Bits [31:4] are UNK/SBZP: kept at zero. */
	{.name = "CSSELR", CP15(2, 0, 0, 0), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TID2, FLD(csselr), .res0 = ~0xfull,
	 .description = "Cache Size Selection"},
};
const size_t sysregs_id_count = sizeof sysregs_id / sizeof sysregs_id[0];
