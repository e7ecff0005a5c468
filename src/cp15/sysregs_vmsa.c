/* CP15 PL1 system control and memory-system registers: c1 (SCTLR, CPACR,
 * SCR, SDER, NSACR), c2/c3 (translation table base and control, DACR),
 * c5/c6 (fault status and address), c7 PAR, c10 (PRRR/NMRR = MAIR0/1,
 * AMAIR), c12 (VBAR, MVBAR, ISR) and c13 (FCSEIDR, CONTEXTIDR, TPIDRs).
 * ARM DDI 0406C B4.1; banking per B4.1.? "Banked system control
 * registers"; HCR.TVM per B4.1.65. */
#include "cp15/sysreg_internal.h"

/* ---- SCTLR (B4.1.130) ----
 * Bits 3,4,6,16,18,22,23 are RAO/SBOP in ARMv7 with the Virtualization
 * Extensions (the old W, P, U, XP … bits). B (7), S/R (8,9), bit 15,
 * HA (17, no hardware Access flag), 26 and 31 are RAZ/SBZP. NMFI (27)
 * is read-only, reflecting the CFGNMFI input, which is low here. */
#define SCTLR_RES1 0x00c50058u
#define SCTLR_RES0 0x84028380u
#define SCTLR_RO SCTLR_NMFI

/* ---- CPACR (B4.1.40) ----
 * cp10/cp11 fields, D32DIS and ASEDIS are the only implemented bits (the
 * fields of absent coprocessors are RAZ/WI). From Non-secure state a
 * field NSACR does not grant reads as zero and ignores writes; with
 * NSACR.NSASEDIS, ASEDIS reads as one (B4.1.111). */
#define CPACR_CP10 (3u << 20)
#define CPACR_CP11 (3u << 22)
#define CPACR_D32DIS (1u << 30)
#define CPACR_ASEDIS (1u << 31)
#define CPACR_IMPL (CPACR_CP10 | CPACR_CP11 | CPACR_D32DIS | CPACR_ASEDIS)
#define NSACR_CP10 (1u << 10)
#define NSACR_CP11 (1u << 11)
#define NSACR_NSD32DIS (1u << 14)
#define NSACR_NSASEDIS (1u << 15)

static uint32_t cpacr_ns_mask(const struct cpu *cpu)
{
	uint32_t nsacr = cpu->cp15.nsacr, m = CPACR_IMPL;
	if (!(nsacr & NSACR_CP10))
		m &= ~CPACR_CP10;
	if (!(nsacr & NSACR_CP11))
		m &= ~CPACR_CP11;
	return m;
}

static struct sysreg_result read_cpacr(struct cpu *cpu, const struct sysreg *r,
				       uint64_t *v)
{
	(void)r;
	uint32_t val = cpu->cp15.cpacr;
	if (!sr_raw() && !cpu_is_secure(cpu)) {
		val &= cpacr_ns_mask(cpu);
		if (cpu->cp15.nsacr & NSACR_NSASEDIS)
			val |= CPACR_ASEDIS;
		if (cpu->cp15.nsacr & NSACR_NSD32DIS)
			val |= CPACR_D32DIS;
	}
	*v = val;
	return sr_ok();
}

static struct sysreg_result write_cpacr(struct cpu *cpu, const struct sysreg *r,
					uint64_t v)
{
	(void)r;
	uint32_t mask = CPACR_IMPL;
	if (!sr_raw() && !cpu_is_secure(cpu))
		mask = cpacr_ns_mask(cpu);
	cpu->cp15.cpacr = (cpu->cp15.cpacr & ~mask) | ((uint32_t)v & mask);
	return sr_ok();
}

/* ---- NSACR (B4.1.111): read from either state, written only from
 * Secure PL1. Implemented bits: cp10, cp11, NSD32DIS, NSASEDIS, and the
 * IMPLEMENTATION DEFINED NS_SMP (bit 18, ACTLR.SMP writable from
 * Non-secure) and RFR (bit 19) that both cores' TRMs define; the other
 * bits are RAZ/WI. */
#define NSACR_IMPL 0x000ccc00u

static bool check_secure_write(const struct cpu *cpu, const struct sysreg *r,
			       bool is_read)
{
	(void)r;
	return is_read || cpu_is_secure(cpu);
}

/* ---- TTBR0/TTBR1 32-bit views (B4.1.154/155): with LPAE the registers
 * are 64 bits; MCR/MRC reach bits [31:0] and leave [63:32] unchanged. */
static struct sysreg_result read_ttbr_lo(struct cpu *cpu,
					 const struct sysreg *r, uint64_t *v)
{
	const uint64_t *t = r->enc.opc2 == 0 ? cpu->cp15.ttbr0 : cpu->cp15.ttbr1;
	*v = (uint32_t)t[sr_bank(cpu)];
	return sr_ok();
}

static struct sysreg_result write_ttbr_lo(struct cpu *cpu,
					  const struct sysreg *r, uint64_t v)
{
	uint64_t *t = r->enc.opc2 == 0 ? cpu->cp15.ttbr0 : cpu->cp15.ttbr1;
	unsigned b = sr_bank(cpu);
	t[b] = (t[b] & 0xffffffff00000000ull) | (uint32_t)v;
	return sr_ok();
}

/* ---- TTBCR (B4.1.153): the field layout depends on EAE of the value
 * written. Short-descriptor: N[2:0], PD0[4], PD1[5]; long-descriptor:
 * T0SZ, EPD0, IRGN0, ORGN0, SH0, T1SZ, A1, EPD1, IRGN1, ORGN1, SH1.
 * The UNK/SBZP bits of each format read as zero; bit 30 is
 * IMPLEMENTATION DEFINED and not implemented by either core. */
#define TTBCR_EAE (1u << 31)
#define TTBCR_SHORT_BITS 0x00000037u
#define TTBCR_LONG_BITS 0x3fc73f87u

static struct sysreg_result write_ttbcr(struct cpu *cpu, const struct sysreg *r,
					uint64_t v)
{
	(void)r;
	uint32_t val = (uint32_t)v;
	uint32_t keep = (val & TTBCR_EAE) ? TTBCR_LONG_BITS : TTBCR_SHORT_BITS;
	cpu->cp15.ttbcr[sr_bank(cpu)] = val & (keep | TTBCR_EAE);
	return sr_ok();
}

/* ---- PAR 32-bit view (B4.1.112): bits [31:0] of the 64-bit PAR. */
static struct sysreg_result read_par_lo(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	(void)r;
	*v = (uint32_t)cpu->cp15.par[sr_bank(cpu)];
	return sr_ok();
}

static struct sysreg_result write_par_lo(struct cpu *cpu,
					 const struct sysreg *r, uint64_t v)
{
	(void)r;
	/* A 32-bit write gives the short-descriptor format result; the
	 * upper word is UNKNOWN afterwards and is cleared. */
	cpu->cp15.par[sr_bank(cpu)] = (uint32_t)v;
	return sr_ok();
}

/* ---- ISR (B4.1.83): pending A/I/F. From Non-secure PL1 with
 * HCR.AMO/IMO/FMO set, the bit shows the virtual exception instead. */
static struct sysreg_result read_isr(struct cpu *cpu, const struct sysreg *r,
				     uint64_t *v)
{
	(void)r;
	uint32_t hcr = cpu->cp15.hcr;
	bool virt = sr_ns_below_hyp(cpu);
	uint32_t isr = 0;
	/* the virtual lines: HCR.VI/VF or the GIC's virtual interface */
	bool i = virt && (hcr & HCR_IMO) ? (hcr & HCR_VI) || cpu->virq_line
					 : cpu->irq_line;
	bool f = virt && (hcr & HCR_FMO) ? (hcr & HCR_VF) || cpu->vfiq_line
					 : cpu->fiq_line;
	bool a = virt && (hcr & HCR_AMO) ? (hcr & HCR_VA) != 0
					 : cpu->async_abort_pending;
	if (a)
		isr |= 1u << 8;
	if (i)
		isr |= 1u << 7;
	if (f)
		isr |= 1u << 6;
	*v = isr;
	return sr_ok();
}

#define BANKED_VM (A_PL1_RW | SR_BANKED | SR_MMU_CTX)

const struct sysreg sysregs_vmsa[] = {
	/* c1 */
	{.name = "SCTLR", CP15(0, 1, 0, 0), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(sctlr), .reset = 0x00c50078u,
	 .res1 = SCTLR_RES1, .res0 = SCTLR_RES0, .ro_mask = SCTLR_RO,
	 .description = "System Control (reset value from the model)"},
	{.name = "CPACR", CP15(0, 1, 0, 2), .access = A_PL1_RW,
	 .traps = TRAP_HCPTR_TCPAC, FLD(cpacr), .read = read_cpacr,
	 .write = write_cpacr, .description = "Coprocessor Access Control"},
	{.name = "SCR", CP15(0, 1, 1, 0),
	 .access = A_PL1_RW | SR_SECURE_ONLY | SR_MMU_CTX, FLD(scr),
	 .res0 = ~0x3ffull, .description = "Secure Configuration"},
	{.name = "SDER", CP15(0, 1, 1, 1), .access = A_PL1_RW | SR_SECURE_ONLY,
	 FLD(sder), .res0 = ~0x3ull,
	 .description = "Secure Debug Enable"},
	{.name = "NSACR", CP15(0, 1, 1, 2), .access = A_PL1_RW, FLD(nsacr),
	 .res0 = ~(uint64_t)NSACR_IMPL, .check = check_secure_write,
	 .description = "Non-Secure Access Control"},

	/* c2, c3 */
	{.name = "TTBR0_32", CP15(0, 2, 0, 0),
	 .access = BANKED_VM | SR_ALIAS | SR_NO_GDB, .traps = TRAP_TVM, NOFLD,
	 .read = read_ttbr_lo, .write = write_ttbr_lo,
	 .description = "TTBR0 bits [31:0]"},
	{.name = "TTBR1_32", CP15(0, 2, 0, 1),
	 .access = BANKED_VM | SR_ALIAS | SR_NO_GDB, .traps = TRAP_TVM, NOFLD,
	 .read = read_ttbr_lo, .write = write_ttbr_lo,
	 .description = "TTBR1 bits [31:0]"},
	{.name = "TTBCR", CP15(0, 2, 0, 2), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(ttbcr), .write = write_ttbcr,
	 .description = "Translation Table Base Control"},
	/* 64-bit TTBRs (B4.1.154/155): BADDR[39:0], ASID[55:48]; bits
	 * [47:40] and [63:56] are UNK/SBZP. */
	{.name = "TTBR0", CP15_64(0, 2), .access = BANKED_VM, .traps = TRAP_TVM,
	 FLD(ttbr0), .res0 = 0xff00ff0000000000ull,
	 .description = "Translation Table Base 0 (64-bit)"},
	{.name = "TTBR1", CP15_64(1, 2), .access = BANKED_VM, .traps = TRAP_TVM,
	 FLD(ttbr1), .res0 = 0xff00ff0000000000ull,
	 .description = "Translation Table Base 1 (64-bit)"},
	{.name = "DACR", CP15(0, 3, 0, 0), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(dacr), .description = "Domain Access Control"},

	/* c5, c6: the fault registers keep every bit written (the bits the
	 * formats leave UNK/SBZP then read back as written, one of the
	 * permitted UNKNOWN values). ADFSR/AIFSR are IMPLEMENTATION DEFINED
	 * and unused by both cores: RAZ/WI. */
	{.name = "DFSR", CP15(0, 5, 0, 0), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, FLD(dfsr), .description = "Data Fault Status"},
	{.name = "IFSR", CP15(0, 5, 0, 1), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, FLD(ifsr),
	 .description = "Instruction Fault Status"},
	{.name = "ADFSR", CP15(0, 5, 1, 0), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, NOFLD,
	 .description = "Auxiliary Data Fault Status (RAZ/WI)"},
	{.name = "AIFSR", CP15(0, 5, 1, 1), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, NOFLD,
	 .description = "Auxiliary Instruction Fault Status (RAZ/WI)"},
	{.name = "DFAR", CP15(0, 6, 0, 0), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, FLD(dfar), .description = "Data Fault Address"},
	{.name = "IFAR", CP15(0, 6, 0, 2), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, FLD(ifar),
	 .description = "Instruction Fault Address"},

	/* c7: PAR. The 64-bit form (long-descriptor results): PA[39:12],
	 * attributes; bits [63:40] UNK/SBZP. */
	{.name = "PAR_32", CP15(0, 7, 4, 0),
	 .access = A_PL1_RW | SR_BANKED | SR_ALIAS | SR_NO_GDB, NOFLD,
	 .read = read_par_lo, .write = write_par_lo,
	 .description = "PAR bits [31:0]"},
	{.name = "PAR", CP15_64(0, 7), .access = A_PL1_RW | SR_BANKED,
	 FLD(par), .res0 = 0xffffff0000000000ull,
	 .description = "Physical Address (64-bit)"},

	/* c10: PRRR/NMRR are MAIR0/MAIR1 when TTBCR.EAE is 1 (B4.1.127,
	 * B4.1.110, B4.1.97); every bit is defined in one format or the
	 * other. AMAIR0/1 are IMPLEMENTATION DEFINED: RAZ/WI here. */
	{.name = "PRRR", CP15(0, 10, 2, 0), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(prrr), .reset = 0,
	 .description = "Primary Region Remap / MAIR0"},
	{.name = "NMRR", CP15(0, 10, 2, 1), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(nmrr), .reset = 0,
	 .description = "Normal Memory Remap / MAIR1"},
	{.name = "AMAIR0", CP15(0, 10, 3, 0), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, NOFLD,
	 .description = "Auxiliary Memory Attribute Indirection 0 (RAZ/WI)"},
	{.name = "AMAIR1", CP15(0, 10, 3, 1), .access = A_PL1_RW | SR_BANKED,
	 .traps = TRAP_TVM, NOFLD,
	 .description = "Auxiliary Memory Attribute Indirection 1 (RAZ/WI)"},

	/* c12 */
	{.name = "VBAR", CP15(0, 12, 0, 0), .access = A_PL1_RW | SR_BANKED,
	 FLD(vbar), .res0 = 0x1f, .description = "Vector Base Address"},
	{.name = "MVBAR", CP15(0, 12, 0, 1), .access = A_PL1_RW | SR_SECURE_ONLY,
	 FLD(mvbar), .res0 = 0x1f,
	 .description = "Monitor Vector Base Address"},
	{.name = "ISR", CP15(0, 12, 1, 0), .access = A_PL1_R, NOFLD,
	 .read = read_isr, .description = "Interrupt Status"},

	/* c13. FCSE is not implemented (ID_MMFR0.FCSE = 0), so FCSEIDR is
	 * RAZ/WI (B4.1.57). */
	{.name = "FCSEIDR", CP15(0, 13, 0, 0), .access = A_PL1_RW, NOFLD,
	 .description = "FCSE PID (RAZ/WI)"},
	{.name = "CONTEXTIDR", CP15(0, 13, 0, 1), .access = BANKED_VM,
	 .traps = TRAP_TVM, FLD(contextidr), .description = "Context ID"},
	{.name = "TPIDRURW", CP15(0, 13, 0, 2), .access = A_PL0_RW | SR_BANKED,
	 FLD(tpidrurw), .description = "User Read/Write Thread ID"},
	{.name = "TPIDRURO", CP15(0, 13, 0, 3),
	 .access = A_PL0_R | SR_PL1_W | SR_BANKED, FLD(tpidruro),
	 .description = "User Read-Only Thread ID"},
	{.name = "TPIDRPRW", CP15(0, 13, 0, 4), .access = A_PL1_RW | SR_BANKED,
	 FLD(tpidrprw), .description = "PL1 only Thread ID"},
};
const size_t sysregs_vmsa_count = sizeof sysregs_vmsa / sizeof sysregs_vmsa[0];
