/* Trap decisions: which instructions executed at Non-secure PL1 or PL0 are
 * taken to Hyp mode instead of executing (ARM DDI 0406C B1.14 "Traps to
 * the hypervisor"). Nothing traps in Hyp mode or in Secure state; a trap
 * only replaces an access that would otherwise be permitted, except the
 * encoding traps of HSTR and HCR.TIDCP at PL1, which the architecture
 * defines by encoding and which therefore precede the UNDEFINED of an
 * unallocated or PL-forbidden encoding (the order QEMU adopted in 2023).
 * Grouped by the control that routes them, each citing its register. */
#include "hyp/traps.h"

#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "hyp/exception.h"

static bool ns_below_hyp(const struct cpu *cpu)
{
	return !cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_HYP;
}

/* ---- WFI/WFE and SMC (HCR.TWI, TWE, TSC; B4.1.65) ---- */

bool hyp_traps_wfx(const struct cpu *cpu, bool is_wfe)
{
	if (!ns_below_hyp(cpu))
		return false;
	return (cpu->cp15.hcr & (is_wfe ? HCR_TWE : HCR_TWI)) != 0;
}

/* SMC at PL0 is UNDEFINED before any trap; HCR.TSC traps it from
 * Non-secure PL1 (whatever SCR.SCD says: the trap comes first). */
bool hyp_traps_smc(const struct cpu *cpu)
{
	if (!ns_below_hyp(cpu) || cpu_mode(cpu) == MODE_USR)
		return false;
	return (cpu->cp15.hcr & HCR_TSC) != 0;
}

/* ---- HSTR (B4.1.76) ---- */

static bool hstr_traps(const struct cpu *cpu, const struct sysreg_encoding *e)
{
	if (e->coproc != 15)
		return false;
	unsigned t = e->is64 ? e->crm : e->crn;
	if (t == 4 || t == 14) /* T4 and T14 do not exist */
		return false;
	return (cpu->cp15.hstr & (1u << t)) != 0;
}

/* ---- HCR.TIDCP (B4.1.65): the IMPLEMENTATION DEFINED space of MCR/MRC
 * CP15 accesses, CRn c9 with CRm c0-c2 or c5-c8; CRn c10 with CRm c0,
 * c1, c4 or c8; CRn c11 with CRm c0-c8 or c15; any opc1 and opc2. ---- */
static bool tidcp_space(const struct sysreg_encoding *e)
{
	if (e->coproc != 15 || e->is64)
		return false;
	unsigned m = e->crm;
	switch (e->crn) {
	case 9: return m <= 2 || (m >= 5 && m <= 8);
	case 10: return m == 0 || m == 1 || m == 4 || m == 8;
	case 11: return m <= 8 || m == 15;
	default: return false;
	}
}

bool hyp_traps_cp_encoding(const struct cpu *cpu,
			   const struct sysreg_encoding *enc, bool is_read)
{
	(void)is_read;
	if (!ns_below_hyp(cpu) || cpu_mode(cpu) == MODE_USR)
		return false;
	if (hstr_traps(cpu, enc))
		return true;
	return (cpu->cp15.hcr & HCR_TIDCP) && tidcp_space(enc);
}

/* ---- the register's own controls ---- */

#define HDCR_TPMCR (1u << 5)
#define HDCR_TPM (1u << 6)
#define HDCR_TDE (1u << 8)
#define HDCR_TDA (1u << 9)
#define HDCR_TDOSA (1u << 10)
#define HDCR_TDRA (1u << 11)
#define HCPTR_TTA (1u << 20)
#define HCPTR_TCPAC (1u << 31)
#define HSTR_TTEE (1u << 16)
#define HSTR_TJDBX (1u << 17)
#define CNTHCTL_PL1PCTEN (1u << 0)
#define CNTHCTL_PL1PCEN (1u << 1)

/* HDCR.TDE makes TDA, TDOSA and TDRA behave as one (B4.1.66). */
static uint32_t hdcr_effective(const struct cpu *cpu)
{
	uint32_t hdcr = cpu->cp15.hdcr;
	if (hdcr & HDCR_TDE)
		hdcr |= HDCR_TDA | HDCR_TDOSA | HDCR_TDRA;
	return hdcr;
}

bool hyp_traps_sysreg(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read)
{
	if (!ns_below_hyp(cpu))
		return false;
	uint32_t t = r->traps;
	uint32_t hcr = cpu->cp15.hcr;
	/* PL0 accesses that are permitted are trapped by HSTR too; PL1
	 * ones were decided by hyp_traps_cp_encoding() already. */
	if (cpu_mode(cpu) == MODE_USR && hstr_traps(cpu, &r->enc))
		return true;
	if (!t)
		return false;

	/* HCR (B4.1.65) */
	if ((t & TRAP_TVM) && !is_read && (hcr & HCR_TVM))
		return true;
	if ((t & TRAP_TID0) && is_read && (hcr & HCR_TID0))
		return true;
	if ((t & TRAP_TID1) && is_read && (hcr & HCR_TID1))
		return true;
	/* TID2 traps CSSELR writes as well as the reads of the group. */
	if ((t & TRAP_TID2) && (hcr & HCR_TID2))
		return true;
	if ((t & TRAP_TID3) && is_read && (hcr & HCR_TID3))
		return true;
	if ((t & TRAP_TAC) && (hcr & HCR_TAC))
		return true;
	if ((t & TRAP_TSW) && (hcr & HCR_TSW))
		return true;
	if ((t & TRAP_TPC) && (hcr & HCR_TPC))
		return true;
	if ((t & TRAP_TPU) && (hcr & HCR_TPU))
		return true;
	if ((t & TRAP_TTLB) && (hcr & HCR_TTLB))
		return true;

	/* HCPTR (B4.1.74): TCPAC traps CPACR; TTA traps the CP14 trace
	 * registers a model implements. */
	if ((t & TRAP_HCPTR_TCPAC) && (cpu->cp15.hcptr & HCPTR_TCPAC))
		return true;
	if ((t & TRAP_HCPTR_TTA) && (cpu->cp15.hcptr & HCPTR_TTA))
		return true;

	/* HDCR (B4.1.66) */
	uint32_t hdcr = hdcr_effective(cpu);
	if ((t & TRAP_HDCR_TPM) && (hdcr & HDCR_TPM))
		return true;
	if ((t & TRAP_HDCR_TPMCR) && (hdcr & HDCR_TPMCR))
		return true;
	if ((t & TRAP_HDCR_TDRA) && (hdcr & HDCR_TDRA))
		return true;
	if ((t & TRAP_HDCR_TDOSA) && (hdcr & HDCR_TDOSA))
		return true;
	if ((t & TRAP_HDCR_TDA) && (hdcr & HDCR_TDA))
		return true;

	/* CNTHCTL (B4.1.26): with PL1PCTEN / PL1PCEN clear, Non-secure PL1
	 * and PL0 accesses to CNTPCT / the CNTP_* registers go to Hyp. */
	uint32_t cnthctl = cpu->cp15.cnthctl;
	if ((t & TRAP_CNTHCTL_PCT) && !(cnthctl & CNTHCTL_PL1PCTEN))
		return true;
	if ((t & TRAP_CNTHCTL_PC) && !(cnthctl & CNTHCTL_PL1PCEN))
		return true;

	/* HSTR.TTEE / TJDBX (B4.1.76): ThumbEE and Jazelle registers. */
	if ((t & TRAP_HSTR_TTEE) && (cpu->cp15.hstr & HSTR_TTEE))
		return true;
	if ((t & TRAP_HSTR_TJDBX) && (cpu->cp15.hstr & HSTR_TJDBX))
		return true;
	return false;
}

/* ---- syndromes (B3.13.6 "Use of the HSR", the ISS encodings) ---- */

uint32_t hyp_iss_cp_rt(const struct sysreg_encoding *enc, unsigned rt,
		       bool is_read)
{
	return ((uint32_t)(enc->opc2 & 7u) << 17) |
	       ((uint32_t)(enc->opc1 & 7u) << 14) |
	       ((uint32_t)(enc->crn & 15u) << 10) | ((rt & 15u) << 5) |
	       ((uint32_t)(enc->crm & 15u) << 1) | (is_read ? 1u : 0u);
}

uint32_t hyp_iss_cp_rrt(unsigned opc1, unsigned crm, unsigned rt,
			unsigned rt2, bool is_read)
{
	return ((opc1 & 15u) << 16) | ((rt2 & 15u) << 10) | ((rt & 15u) << 5) |
	       ((crm & 15u) << 1) | (is_read ? 1u : 0u);
}

/* ---- HCPTR (B4.1.74) ---- */

enum hcptr_result hyp_traps_hcptr(const struct cpu *cpu, unsigned coproc,
				  bool is_simd)
{
	if (cpu_is_secure(cpu) || coproc > 13)
		return HCPTR_ALLOW;
	uint32_t hcptr = cp15_hcptr(cpu);
	bool trapped = (hcptr & (1u << coproc)) != 0;
	if (is_simd && (hcptr & (1u << 15))) /* TASE */
		trapped = true;
	if (!trapped)
		return HCPTR_ALLOW;
	/* In Hyp mode the access cannot be trapped to Hyp mode: it is
	 * UNDEFINED, taken to Hyp mode's own vector (B1.14.12, the HCPTR
	 * traps). */
	return cpu_mode(cpu) == MODE_HYP ? HCPTR_UNDEF : HCPTR_TRAP;
}

/* EC 0x07: TA[5] for an Advanced SIMD access, CoprocIndex[3:0]. */
uint32_t hyp_iss_hcptr(unsigned coproc, bool is_simd)
{
	return (is_simd ? 1u << 5 : 0) | (coproc & 15u);
}

/* ---- LDC/STC to CP14 (EC 0x06) ---- */

bool hyp_traps_cp14_ldc(const struct cpu *cpu, uint32_t insn, uint32_t *iss)
{
	/* cccc 110P UDWL nnnn dddd 1110 iiiiiiii (ARM; T32 alike) */
	if (((insn >> 25) & 7u) != 6u || ((insn >> 8) & 15u) != 14u)
		return false;
	unsigned crd = (insn >> 12) & 15u;
	if (crd != 5 || !ns_below_hyp(cpu))
		return false;
	if (!(hdcr_effective(cpu) & HDCR_TDA))
		return false;
	bool p = (insn >> 24) & 1u, u = (insn >> 23) & 1u;
	bool w = (insn >> 21) & 1u, load = (insn >> 20) & 1u;
	unsigned rn = (insn >> 16) & 15u;
	unsigned am;
	if (rn == 15 && load && !w)
		am = p ? 6u : 4u; /* literal offset / literal unindexed */
	else if (!p)
		am = w ? 1u : 0u; /* post-indexed / unindexed */
	else
		am = w ? 3u : 2u; /* pre-indexed / offset */
	/* Direction: 0 = write to the coprocessor (LDC), 1 = read (STC). */
	*iss = ((insn & 0xffu) << 12) | (rn << 5) | ((uint32_t)u << 4) |
	       (am << 1) | (load ? 0u : 1u);
	return true;
}
