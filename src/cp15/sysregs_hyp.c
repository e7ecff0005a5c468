/* PL2 (Hyp mode) registers of the Virtualization Extensions, ARM DDI
 * 0406C B4.1 (VPIDR … HTPIDR). Every one is accessible in Hyp mode and in
 * Monitor mode with SCR.NS = 1, and UNDEFINED at Non-secure PL1 and in
 * Secure PL1 modes other than that (the A_PL2 access bits; see
 * sysreg_access_ok()). Reset values the manual leaves UNKNOWN are zero,
 * with RES1 bits set. */
#include "cp15/sysreg_internal.h"

/* HCPTR (B4.1.74; Cortex-A15 TRM 4.3.? HCPTR bit assignments): TCPn of the
 * absent coprocessors 0-9, 12, 13 are RAO/WI, bit 14 RAZ/WI. A bit that
 * NSACR denies Non-secure state behaves as one for Non-secure accesses,
 * which all HCPTR accesses are (Hyp, or Monitor with SCR.NS = 1). */
#define HCPTR_TCP10 (1u << 10)
#define HCPTR_TCP11 (1u << 11)
#define HCPTR_TASE (1u << 15)
#define HCPTR_TTA (1u << 20)
#define HCPTR_TCPAC (1u << 31)
#define HCPTR_RAO 0x000033ffu
#define HCPTR_WRITABLE \
	(HCPTR_TCP10 | HCPTR_TCP11 | HCPTR_TASE | HCPTR_TTA | HCPTR_TCPAC)

uint32_t cp15_hcptr(const struct cpu *cpu)
{
	uint32_t v = (cpu->cp15.hcptr & HCPTR_WRITABLE) | HCPTR_RAO;
	uint32_t nsacr = cpu->cp15.nsacr;
	if (!(nsacr & (1u << 10)))
		v |= HCPTR_TCP10;
	if (!(nsacr & (1u << 11)))
		v |= HCPTR_TCP11;
	if (nsacr & (1u << 15))
		v |= HCPTR_TASE;
	return v;
}

static struct sysreg_result read_hcptr(struct cpu *cpu, const struct sysreg *r,
				       uint64_t *v)
{
	(void)r;
	*v = sr_raw() ? cpu->cp15.hcptr : cp15_hcptr(cpu);
	return sr_ok();
}

static struct sysreg_result write_hcptr(struct cpu *cpu, const struct sysreg *r,
					uint64_t v)
{
	(void)r;
	cpu->cp15.hcptr = (uint32_t)v & HCPTR_WRITABLE;
	return sr_ok();
}

/* HSTR (B4.1.76): T0-T3, T5-T13, T15, TTEE (16), TJDBX (17); T4 and T14
 * are UNK/SBZP and kept at zero. */
#define HSTR_IMPL 0x0003bfefu
/* HCR (B4.1.65): bits [31:28] are UNK/SBZP in ARMv7. */
#define HCR_IMPL 0x0fffffffu
/* HDCR (B4.1.66): HPMN[4:0] … TDRA[11]. */
#define HDCR_IMPL 0x00000fffu
/* HTCR (B4.1.77): T0SZ[2:0], IRGN0, ORGN0, SH0; bit 31 UNK/SBOP, read as
 * one. VTCR (B4.1.159): T0SZ[3:0], S, SL0, IRGN0, ORGN0, SH0; bit 31
 * likewise. */
#define HTCR_IMPL 0x00003f07u
#define VTCR_IMPL 0x00003fdfu
#define TCR_RES1 0x80000000u

#define PL2_CTX (A_PL2_RW | SR_MMU_CTX)

const struct sysreg sysregs_hyp[] = {
	{.name = "VPIDR", CP15(4, 0, 0, 0), .access = A_PL2_RW, FLD(vpidr),
	 .description = "Virtualization Processor ID (MIDR for NS PL1)"},
	{.name = "VMPIDR", CP15(4, 0, 0, 5), .access = A_PL2_RW, FLD(vmpidr),
	 .description = "Virtualization Multiprocessor ID (MPIDR for NS PL1)"},
	/* HSCTLR (B4.1.67): bits 3,4,5,6,11,16,18,22,23,28,29 read as one
	 * and ignore writes (Linux's hyp stub writes 0 there). */
	{.name = "HSCTLR", CP15(4, 1, 0, 0), .access = PL2_CTX,
	 FLD(hsctlr), .reset = HSCTLR_RES1, .res1 = HSCTLR_RES1,
	 .res0 = ~(uint64_t)(HSCTLR_RES1 | HSCTLR_WRITABLE),
	 .description = "Hyp System Control"},
	{.name = "HACTLR", CP15(4, 1, 0, 1), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Control (RAZ/WI)"},
	{.name = "HCR", CP15(4, 1, 1, 0), .access = PL2_CTX, FLD(hcr),
	 .res0 = ~(uint64_t)HCR_IMPL, .description = "Hyp Configuration"},
	{.name = "HDCR", CP15(4, 1, 1, 1), .access = A_PL2_RW, FLD(hdcr),
	 .res0 = ~(uint64_t)HDCR_IMPL, .write = pmu_write_hdcr,
	 .description = "Hyp Debug Configuration (HPMN resets to PMCR.N)"},
	{.name = "HCPTR", CP15(4, 1, 1, 2), .access = A_PL2_RW, FLD(hcptr),
	 .read = read_hcptr, .write = write_hcptr,
	 .description = "Hyp Coprocessor Trap"},
	{.name = "HSTR", CP15(4, 1, 1, 3), .access = A_PL2_RW, FLD(hstr),
	 .res0 = ~(uint64_t)HSTR_IMPL, .description = "Hyp System Trap"},
	{.name = "HACR", CP15(4, 1, 1, 7), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Configuration (RAZ/WI)"},
	{.name = "HTCR", CP15(4, 2, 0, 2), .access = PL2_CTX, FLD(htcr),
	 .reset = TCR_RES1, .res1 = TCR_RES1,
	 .res0 = ~(uint64_t)(HTCR_IMPL | TCR_RES1),
	 .description = "Hyp Translation Control"},
	{.name = "VTCR", CP15(4, 2, 1, 2), .access = PL2_CTX, FLD(vtcr),
	 .reset = TCR_RES1, .res1 = TCR_RES1,
	 .res0 = ~(uint64_t)(VTCR_IMPL | TCR_RES1),
	 .description = "Virtualization Translation Control"},
	/* HTTBR (B4.1.79): BADDR[39:0], no ASID. VTTBR (B4.1.160):
	 * BADDR[39:0], VMID[55:48]. Other bits UNK/SBZP. */
	{.name = "HTTBR", CP15_64(4, 2), .access = PL2_CTX, FLD(httbr),
	 .res0 = 0xffffff0000000000ull,
	 .description = "Hyp Translation Table Base"},
	{.name = "VTTBR", CP15_64(6, 2), .access = PL2_CTX, FLD(vttbr),
	 .res0 = 0xff00ff0000000000ull,
	 .description = "Virtualization Translation Table Base"},
	{.name = "HADFSR", CP15(4, 5, 1, 0), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Data Fault Status (RAZ/WI)"},
	{.name = "HAIFSR", CP15(4, 5, 1, 1), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Instruction Fault Status (RAZ/WI)"},
	{.name = "HSR", CP15(4, 5, 2, 0), .access = A_PL2_RW, FLD(hsr),
	 .description = "Hyp Syndrome"},
	{.name = "HDFAR", CP15(4, 6, 0, 0), .access = A_PL2_RW, FLD(hdfar),
	 .description = "Hyp Data Fault Address"},
	{.name = "HIFAR", CP15(4, 6, 0, 2), .access = A_PL2_RW, FLD(hifar),
	 .description = "Hyp Instruction Fault Address"},
	{.name = "HPFAR", CP15(4, 6, 0, 4), .access = A_PL2_RW, FLD(hpfar),
	 .res0 = 0xf, .description = "Hyp IPA Fault Address"},
	{.name = "HMAIR0", CP15(4, 10, 2, 0), .access = PL2_CTX, FLD(hmair0),
	 .description = "Hyp Memory Attribute Indirection 0"},
	{.name = "HMAIR1", CP15(4, 10, 2, 1), .access = PL2_CTX, FLD(hmair1),
	 .description = "Hyp Memory Attribute Indirection 1"},
	{.name = "HAMAIR0", CP15(4, 10, 3, 0), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Memory Attribute Indirection 0 "
			"(RAZ/WI)"},
	{.name = "HAMAIR1", CP15(4, 10, 3, 1), .access = A_PL2_RW, NOFLD,
	 .description = "Hyp Auxiliary Memory Attribute Indirection 1 "
			"(RAZ/WI)"},
	{.name = "HVBAR", CP15(4, 12, 0, 0), .access = A_PL2_RW, FLD(hvbar),
	 .res0 = 0x1f, .description = "Hyp Vector Base Address"},
	{.name = "HTPIDR", CP15(4, 13, 0, 2), .access = A_PL2_RW, FLD(htpidr),
	 .description = "Hyp Software Thread ID"},
};
const size_t sysregs_hyp_count = sizeof sysregs_hyp / sizeof sysregs_hyp[0];
