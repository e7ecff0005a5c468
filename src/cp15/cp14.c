/* CP14: the v7.1 Debug registers of the CP14 interface (ARM DDI 0406C
 * C11, table C11-? "CP14 debug register map"; Cortex-A15 TRM Table 10-1
 * "CP14 debug register summary"), and the ThumbEE (A2.?, B4.?
 * TEECR/TEEHBR) and trivial Jazelle (A2.?, JIDR/JOSCR/JMCR) registers.
 *
 * Trace: there are no CP14 trace registers (opc1 = 1, the ETM/PTM CP14
 * interface). Both cores report ID_DFR0[15:12] (coprocessor trace model)
 * = 0: the A15's PTM and the A7's ETM are reached through their
 * memory-mapped (APB) interface only, so every MRC/MCR p14, 1 is
 * UNDEFINED (no table entry), and HCPTR.TTA has no CP14 register to
 * trap. tests/images/cp14_id.S reads ETMIDR and friends to show it.
 * The v7.0-only registers the A15 TRM lists as "not implemented"
 * (DBGDSCCR c0,c10,0; DBGDSMCR c0,c11,0) are likewise UNDEFINED. Debug events themselves are not modelled: breakpoint and
 * watchpoint registers hold what software writes, which is what Linux,
 * Xen and KVM read back at boot.
 *
 * How many breakpoints, watchpoints and context comparators exist comes
 * from the model's DBGDIDR (C11.11.?): WRPs [31:28], BRPs [27:24],
 * CTX_CMPs [23:20], each "number - 1"; the registers beyond are
 * UNDEFINED. */
#include "cp15/sysreg_internal.h"

#define DSCR_RESTARTED (1u << 1)
#define DSCR_TXFULL (1u << 29)
#define DSCR_RXFULL (1u << 30)
#define DSCR_UDCCDIS (1u << 12)
#define DSCR_NS (1u << 18)
/* DBGDSCR bits software can write through DBGDSCRext: INTdis, UDCCdis,
 * ITRen, HDBGen, MDBGen, ExtDCCmode. */
#define DSCR_WRITABLE 0x0030f800u
#define OSLSR_OSLM1 (1u << 3)
#define OSLSR_OSLK (1u << 1)
#define OSLAR_KEY 0xc5acce55u

static unsigned dbg_brps(const struct cpu *cpu)
{
	return cpu->model ? ((cpu->model->dbgdidr >> 24) & 0xfu) + 1 : 0;
}
static unsigned dbg_wrps(const struct cpu *cpu)
{
	return cpu->model ? ((cpu->model->dbgdidr >> 28) & 0xfu) + 1 : 0;
}
static unsigned dbg_ctx_cmps(const struct cpu *cpu)
{
	return cpu->model ? ((cpu->model->dbgdidr >> 20) & 0xfu) + 1 : 0;
}

void cp14_reset(struct cpu *cpu)
{
	/* The OS Lock is set by a cold reset (C11.?, DBGOSLSR.OSLK), with
	 * OSLM = 0b10 (the v7.1 OS Lock model). */
	cpu->cp15.dbgoslsr = OSLSR_OSLM1 | OSLSR_OSLK;
	cpu->cp15.dbgdscr = 0;
}

/* PL0 may use DBGDIDR, DBGDRAR, DBGDSAR, DBGDSCRint and the DCC
 * registers unless DBGDSCR.UDCCdis is set (C11.?). */
static bool check_udcc(const struct cpu *cpu, const struct sysreg *r,
		       bool is_read)
{
	(void)r;
	(void)is_read;
	return cpu_mode(cpu) != MODE_USR ||
	       !(cpu->cp15.dbgdscr & DSCR_UDCCDIS);
}

static struct sysreg_result read_dbgdidr(struct cpu *cpu,
					 const struct sysreg *r, uint64_t *v)
{
	(void)r;
	*v = cpu->model ? cpu->model->dbgdidr : 0;
	return sr_ok();
}

static struct sysreg_result read_devid(struct cpu *cpu, const struct sysreg *r,
				       uint64_t *v)
{
	const struct core_model *m = cpu->model;
	*v = !m ? 0 : r->enc.crm == 2 ? m->dbgdevid : m->dbgdevid1;
	return sr_ok();
}

/* DBGDSCR: the stored control bits plus the status the core shows: NS
 * (current security state), RESTARTED (not in Debug state), and the DCC
 * flags RXfull/TXfull. */
static struct sysreg_result read_dscr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	(void)r;
	uint32_t val = (cpu->cp15.dbgdscr & DSCR_WRITABLE) | DSCR_RESTARTED |
		       (cpu->cp15.dcc_flags & (DSCR_RXFULL | DSCR_TXFULL));
	if (!cpu_is_secure(cpu))
		val |= DSCR_NS;
	*v = val;
	return sr_ok();
}

static struct sysreg_result write_dscr(struct cpu *cpu, const struct sysreg *r,
				       uint64_t v)
{
	(void)r;
	cpu->cp15.dbgdscr = (uint32_t)v & DSCR_WRITABLE;
	return sr_ok();
}

/* ---- Debug Communications Channel (C6.4.? "DCC and ITR access modes",
 * C11.11.? DBGDTRRX/DBGDTRTX) ----
 * The host side is the board's (cpu->dcc_tx, `hypsim run --dcc`): it
 * takes every word written to DBGDTRTXint at once, so TXfull never stays
 * set and a guest that polls it (Linux's hvc_dcc, early printk) never
 * waits. With no host side the words are discarded the same way. Nothing
 * ever comes from the host: RXfull stays 0, and DBGDTRRXint, whose value
 * is UNKNOWN while RXfull is 0, reads the last value the register held
 * (zero, or what DBGDTRRXext last wrote). */
uint32_t cp14_dcc_read(struct cpu *cpu)
{
	cpu->cp15.dcc_flags &= ~DSCR_RXFULL;
	return cpu->cp15.dbgdtrrx;
}

void cp14_dcc_write(struct cpu *cpu, uint32_t word)
{
	cpu->cp15.dbgdtrtx = word;
	if (cpu->dcc_tx)
		cpu->dcc_tx(cpu, word);
	cpu->cp15.dcc_flags &= ~DSCR_TXFULL; /* taken by the host */
}

static struct sysreg_result read_dtrrx_int(struct cpu *cpu,
					   const struct sysreg *r, uint64_t *v)
{
	(void)r;
	*v = sr_raw() ? cpu->cp15.dbgdtrrx : cp14_dcc_read(cpu);
	return sr_ok();
}

static struct sysreg_result write_dtrtx_int(struct cpu *cpu,
					    const struct sysreg *r, uint64_t v)
{
	(void)r;
	if (sr_raw())
		cpu->cp15.dbgdtrtx = (uint32_t)v;
	else
		cp14_dcc_write(cpu, (uint32_t)v);
	return sr_ok();
}

/* The external views through CP14 (for saving and restoring the DCC):
 * the registers themselves, with no effect on the flags. */
static struct sysreg_result read_dtr_ext(struct cpu *cpu,
					 const struct sysreg *r, uint64_t *v)
{
	*v = r->enc.crm == 0 ? cpu->cp15.dbgdtrrx : cpu->cp15.dbgdtrtx;
	return sr_ok();
}

static struct sysreg_result write_dtr_ext(struct cpu *cpu,
					  const struct sysreg *r, uint64_t v)
{
	if (r->enc.crm == 0)
		cpu->cp15.dbgdtrrx = (uint32_t)v;
	else
		cpu->cp15.dbgdtrtx = (uint32_t)v;
	return sr_ok();
}

/* Breakpoint and watchpoint registers: CRm = n, opc2 4 BVR, 5 BCR, 6 WVR,
 * 7 WCR (C11.11.?); DBGBXVRn at CRn c1, opc2 1 for the context-matching
 * breakpoints (the last CTX_CMPs). */
static bool check_bp(const struct cpu *cpu, const struct sysreg *r,
		     bool is_read)
{
	(void)is_read;
	unsigned n = r->enc.crm;
	if (r->enc.crn == 1) { /* DBGBXVR */
		unsigned brps = dbg_brps(cpu);
		return n < brps && n >= brps - dbg_ctx_cmps(cpu);
	}
	if (r->enc.opc2 <= 5)
		return n < dbg_brps(cpu);
	return n < dbg_wrps(cpu);
}

static uint32_t *bp_field(struct cpu *cpu, const struct sysreg *r)
{
	unsigned n = r->enc.crm;
	if (r->enc.crn == 1)
		return &cpu->cp15.dbgbxvr[n];
	switch (r->enc.opc2) {
	case 4: return &cpu->cp15.dbgbvr[n];
	case 5: return &cpu->cp15.dbgbcr[n];
	case 6: return &cpu->cp15.dbgwvr[n];
	default: return &cpu->cp15.dbgwcr[n];
	}
}

/* Writable bits (C11.11.?): BVR [31:2] for address comparators, all 32
 * bits for context comparators; BCR BT, LBN, SSC, HMC, BAS, PMC, E;
 * WVR [31:2]; WCR MASK, WT, LBN, SSC, HMC, BAS, LSC, PAC, E; BXVR VMID. */
static uint32_t bp_mask(const struct cpu *cpu, const struct sysreg *r)
{
	if (r->enc.crn == 1)
		return 0xffu;
	switch (r->enc.opc2) {
	case 4:
		return r->enc.crm >= dbg_brps(cpu) - dbg_ctx_cmps(cpu)
			       ? 0xffffffffu
			       : 0xfffffffcu;
	case 5: return 0x00ffe1e7u;
	case 6: return 0xfffffffcu;
	default: return 0x1f1fffffu;
	}
}

static struct sysreg_result read_bp(struct cpu *cpu, const struct sysreg *r,
				    uint64_t *v)
{
	*v = *bp_field(cpu, r);
	return sr_ok();
}

static struct sysreg_result write_bp(struct cpu *cpu, const struct sysreg *r,
				     uint64_t v)
{
	*bp_field(cpu, r) = (uint32_t)v & bp_mask(cpu, r);
	return sr_ok();
}

/* OS Lock (C11.?): writing the key to DBGOSLAR locks, anything else
 * unlocks; DBGOSLSR shows it. DBGPRSR shows the core powered up, with
 * the OS Lock and OS Double Lock states. */
static struct sysreg_result write_oslar(struct cpu *cpu, const struct sysreg *r,
					uint64_t v)
{
	(void)r;
	if ((uint32_t)v == OSLAR_KEY)
		cpu->cp15.dbgoslsr |= OSLSR_OSLK;
	else
		cpu->cp15.dbgoslsr &= ~OSLSR_OSLK;
	return sr_ok();
}

static struct sysreg_result read_prsr(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	(void)r;
	uint32_t val = 1u; /* PU: powered up */
	if (cpu->cp15.dbgoslsr & OSLSR_OSLK)
		val |= 1u << 5;
	if (cpu->cp15.dbgosdlr & 1u)
		val |= 1u << 6;
	*v = val;
	return sr_ok();
}

/* Claim tags (C11.?): eight bits; DBGCLAIMSET reads as the implemented
 * bits (0xff) and sets, DBGCLAIMCLR reads the tags and clears. */
static struct sysreg_result read_claimset(struct cpu *cpu,
					  const struct sysreg *r, uint64_t *v)
{
	(void)cpu;
	(void)r;
	*v = 0xff;
	return sr_ok();
}

static struct sysreg_result write_claim(struct cpu *cpu, const struct sysreg *r,
					uint64_t v)
{
	if (r->enc.crm == 8)
		cpu->cp15.dbgclaim |= (uint32_t)v & 0xffu;
	else
		cpu->cp15.dbgclaim &= ~((uint32_t)v & 0xffu);
	return sr_ok();
}

static struct sysreg_result read_claimclr(struct cpu *cpu,
					  const struct sysreg *r, uint64_t *v)
{
	(void)r;
	*v = cpu->cp15.dbgclaim;
	return sr_ok();
}

/* ThumbEE (B4.1.? TEECR, TEEHBR): TEEHBR is UNDEFINED at PL0 when
 * TEECR.XED is 1. */
static bool check_teehbr(const struct cpu *cpu, const struct sysreg *r,
			 bool is_read)
{
	(void)r;
	(void)is_read;
	return cpu_mode(cpu) != MODE_USR || !(cpu->cp15.teecr & 1u);
}

#define DBG_R(nm, o1, n, m, o2, acc, tr, rd, chk, desc)                      \
	{.name = nm, CP14(o1, n, m, o2), .access = (acc), .traps = (tr),     \
	 NOFLD, .read = rd, .check = chk, .description = desc}
#define BP(nm, m, o2)                                                       \
	{.name = nm, CP14(0, 0, m, o2), .access = A_PL1_RW,                 \
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_bp, .write = write_bp,  \
	 .check = check_bp, .description = "breakpoint/watchpoint"}
#define BP4(n)                                                              \
	BP("DBGBVR" #n, n, 4), BP("DBGBCR" #n, n, 5), BP("DBGWVR" #n, n, 6), \
		BP("DBGWCR" #n, n, 7)
#define BXVR(n)                                                             \
	{.name = "DBGBXVR" #n, CP14(0, 1, n, 1), .access = A_PL1_RW,         \
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_bp, .write = write_bp,  \
	 .check = check_bp, .description = "breakpoint extended value (VMID)"}

const struct sysreg sysregs_cp14[] = {
	/* ---- Debug, CRn c0 ---- */
	DBG_R("DBGDIDR", 0, 0, 0, 0, A_PL0_R | SR_CONST, TRAP_HDCR_TDA,
	      read_dbgdidr, check_udcc, "Debug ID"),
	{.name = "DBGDSCRint", CP14(0, 0, 1, 0), .access = A_PL0_R,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_dscr, .check = check_udcc,
	 .description = "Debug Status and Control (internal view)"},
	/* The DCC (see cp14_dcc_write): MRC reads DBGDTRRXint, MCR writes
	 * DBGDTRTXint; from PL0 unless DBGDSCR.UDCCdis. */
	{.name = "DBGDTRint", CP14(0, 0, 5, 0), .access = A_PL0_RW | SR_NO_GDB,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_dtrrx_int,
	 .write = write_dtrtx_int, .check = check_udcc,
	 .description = "DBGDTRRXint (read) / DBGDTRTXint (write)"},
	{.name = "DBGDTRRXext", CP14(0, 0, 0, 2), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_dtr_ext,
	 .write = write_dtr_ext,
	 .description = "Host to Target Data Transfer (external view)"},
	{.name = "DBGDSCRext", CP14(0, 0, 2, 2), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_dscr,
	 .write = write_dscr,
	 .description = "Debug Status and Control (external view)"},
	{.name = "DBGDTRTXext", CP14(0, 0, 3, 2), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_dtr_ext,
	 .write = write_dtr_ext,
	 .description = "Target to Host Data Transfer (external view)"},
	{.name = "DBGWFAR", CP14(0, 0, 6, 0), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, FLD(dbgwfar),
	 .description = "Watchpoint Fault Address"},
	{.name = "DBGVCR", CP14(0, 0, 7, 0), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, FLD(dbgvcr),
	 .description = "Vector Catch"},
	BP4(0), BP4(1), BP4(2), BP4(3), BP4(4), BP4(5), BP4(6), BP4(7),
	BP4(8), BP4(9), BP4(10), BP4(11), BP4(12), BP4(13), BP4(14), BP4(15),
	/* ---- Debug, CRn c1/c2: ROM and self address, OS Lock, power ---- */
	DBG_R("DBGDRAR_32", 0, 1, 0, 0, A_PL0_R | SR_CONST | SR_ALIAS,
	      TRAP_HDCR_TDRA, NULL, check_udcc,
	      "Debug ROM Address (32-bit; no ROM table: Valid = 0)"),
	BXVR(0), BXVR(1), BXVR(2), BXVR(3), BXVR(4), BXVR(5), BXVR(6),
	BXVR(7), BXVR(8), BXVR(9), BXVR(10), BXVR(11), BXVR(12), BXVR(13),
	BXVR(14), BXVR(15),
	{.name = "DBGOSLAR", CP14(0, 1, 0, 4), .access = SR_PL1_W | SR_NO_GDB,
	 .traps = TRAP_HDCR_TDOSA, NOFLD, .write = write_oslar,
	 .description = "OS Lock Access"},
	{.name = "DBGOSLSR", CP14(0, 1, 1, 4), .access = A_PL1_R,
	 .traps = TRAP_HDCR_TDOSA, FLD(dbgoslsr),
	 .description = "OS Lock Status"},
	{.name = "DBGOSDLR", CP14(0, 1, 3, 4), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDOSA, FLD(dbgosdlr), .res0 = ~1ull,
	 .description = "OS Double Lock"},
	{.name = "DBGPRCR", CP14(0, 1, 4, 4), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDOSA, FLD(dbgprcr), .res0 = ~1ull,
	 .description = "Device Powerdown and Reset Control"},
	/* DBGPRSR is a powerdown register like DBGPRCR and is trapped with
	 * it by HDCR.TDOSA. */
	DBG_R("DBGPRSR", 0, 1, 5, 4, A_PL1_R, TRAP_HDCR_TDOSA, read_prsr, NULL,
	      "Device Powerdown and Reset Status"),
	DBG_R("DBGDSAR_32", 0, 2, 0, 0, A_PL0_R | SR_CONST | SR_ALIAS,
	      TRAP_HDCR_TDRA, NULL, check_udcc,
	      "Debug Self Address Offset (32-bit; Valid = 0)"),
	/* ---- Debug, CRn c7: claim tags, identification ---- */
	DBG_R("DBGDEVID1", 0, 7, 1, 7, A_PL1_R | SR_CONST, TRAP_HDCR_TDA,
	      read_devid, NULL, "Debug Device ID 1"),
	DBG_R("DBGDEVID", 0, 7, 2, 7, A_PL1_R | SR_CONST, TRAP_HDCR_TDA,
	      read_devid, NULL, "Debug Device ID"),
	{.name = "DBGCLAIMSET", CP14(0, 7, 8, 6), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_claimset,
	 .write = write_claim, .description = "Claim Tag Set"},
	{.name = "DBGCLAIMCLR", CP14(0, 7, 9, 6), .access = A_PL1_RW,
	 .traps = TRAP_HDCR_TDA, NOFLD, .read = read_claimclr,
	 .write = write_claim, .description = "Claim Tag Clear"},
	/* DBGAUTHSTATUS (C11.?): every debug kind implemented, and disabled
	 * because the authentication signals are low. */
	{.name = "DBGAUTHSTATUS", CP14(0, 7, 14, 6),
	 .access = A_PL1_R | SR_CONST, .traps = TRAP_HDCR_TDA, NOFLD,
	 .reset = 0xaa, .description = "Authentication Status"},
	/* 64-bit forms of DBGDRAR and DBGDSAR (MRRC p14, 0, c1 / c2). */
	{.name = "DBGDRAR", CP14_64(0, 1), .access = A_PL0_R | SR_CONST,
	 .traps = TRAP_HDCR_TDRA, NOFLD, .check = check_udcc,
	 .description = "Debug ROM Address (no ROM table: Valid = 0)"},
	{.name = "DBGDSAR", CP14_64(0, 2), .access = A_PL0_R | SR_CONST,
	 .traps = TRAP_HDCR_TDRA, NOFLD, .check = check_udcc,
	 .description = "Debug Self Address Offset (Valid = 0)"},

	/* ---- ThumbEE ---- */
	{.name = "TEECR", CP14(6, 0, 0, 0), .access = A_PL1_RW,
	 .traps = TRAP_HSTR_TTEE, FLD(teecr), .res0 = ~1ull,
	 .description = "ThumbEE Configuration"},
	{.name = "TEEHBR", CP14(6, 1, 0, 0), .access = A_PL0_RW,
	 .traps = TRAP_HSTR_TTEE, FLD(teehbr), .res0 = 0x3,
	 .check = check_teehbr, .description = "ThumbEE Handler Base"},

	/* ---- Jazelle, trivial implementation (A2.10.?): JIDR reads as
	 * zero, JOSCR and JMCR are RAZ/WI. ---- */
	{.name = "JIDR", CP14(7, 0, 0, 0), .access = A_PL0_R | SR_PL1_W,
	 .traps = TRAP_TID0, NOFLD, .description = "Jazelle ID (RAZ)"},
	{.name = "JOSCR", CP14(7, 1, 0, 0), .access = A_PL1_RW,
	 .traps = TRAP_HSTR_TJDBX, NOFLD,
	 .description = "Jazelle OS Control (RAZ/WI)"},
	{.name = "JMCR", CP14(7, 2, 0, 0), .access = A_PL1_RW,
	 .traps = TRAP_HSTR_TJDBX, NOFLD,
	 .description = "Jazelle Main Configuration (RAZ/WI)"},
};
const size_t sysregs_cp14_count = sizeof sysregs_cp14 / sizeof sysregs_cp14[0];
