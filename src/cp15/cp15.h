/* CP15 register state of one core. The tables of src/cp15/sysregs_*.c
 * (one per group: ID, VMSA, Hyp, timers, PMU, operations…, gathered by
 * sysreg.c) describe each register (encoding, access, reset, traps) and
 * point at its field here; the MMU, the exception router and the caches
 * read the fields directly.
 *
 * Registers banked by security state (ARM DDI 0406C B3.15.3 "Banked
 * system control registers") are arrays indexed by cp15 bank: [0] the
 * Secure copy, [1] the Non-secure copy (see cpu_cp15_bank()). */
#ifndef HYPSIM_CP15_H
#define HYPSIM_CP15_H

#include <stdint.h>

/* SCTLR / HSCTLR bits, B4.1.130 / B4.1.67. */
#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_C (1u << 2)
#define SCTLR_CP15BEN (1u << 5)
#define SCTLR_SW (1u << 10)
#define SCTLR_Z (1u << 11)
#define SCTLR_I (1u << 12)
#define SCTLR_V (1u << 13)
#define SCTLR_WXN (1u << 19)
#define SCTLR_UWXN (1u << 20)
#define SCTLR_FI (1u << 21)
#define SCTLR_VE (1u << 24)
#define SCTLR_EE (1u << 25)
#define SCTLR_NMFI (1u << 27)
#define SCTLR_TRE (1u << 28)
#define SCTLR_AFE (1u << 29)
#define SCTLR_TE (1u << 30)

#define HSCTLR_M SCTLR_M
#define HSCTLR_A SCTLR_A
#define HSCTLR_C SCTLR_C
#define HSCTLR_I SCTLR_I
#define HSCTLR_WXN SCTLR_WXN
#define HSCTLR_FI SCTLR_FI
#define HSCTLR_EE SCTLR_EE
#define HSCTLR_TE SCTLR_TE
/* HSCTLR bits that read as one (B4.1.67): 3,4,5,6,11,16,18,22,23,28,29. */
#define HSCTLR_RES1 0x30c50878u
/* HSCTLR bits software can change. */
#define HSCTLR_WRITABLE                                                     \
	(HSCTLR_M | HSCTLR_A | HSCTLR_C | HSCTLR_I | HSCTLR_WXN | HSCTLR_FI | \
	 HSCTLR_EE | HSCTLR_TE)

/* SCR bits, B4.1.129. */
#define SCR_NS (1u << 0)
#define SCR_IRQ (1u << 1)
#define SCR_FIQ (1u << 2)
#define SCR_EA (1u << 3)
#define SCR_FW (1u << 4)
#define SCR_AW (1u << 5)
#define SCR_NET (1u << 6)
#define SCR_SCD (1u << 7)
#define SCR_HCE (1u << 8)
#define SCR_SIF (1u << 9)

/* HCR bits, B4.1.65. */
#define HCR_VM (1u << 0)
#define HCR_SWIO (1u << 1)
#define HCR_PTW (1u << 2)
#define HCR_FMO (1u << 3)
#define HCR_IMO (1u << 4)
#define HCR_AMO (1u << 5)
#define HCR_VF (1u << 6)
#define HCR_VI (1u << 7)
#define HCR_VA (1u << 8)
#define HCR_FB (1u << 9)
#define HCR_BSU_MASK (3u << 10)
#define HCR_DC (1u << 12)
#define HCR_TWI (1u << 13)
#define HCR_TWE (1u << 14)
#define HCR_TID0 (1u << 15)
#define HCR_TID1 (1u << 16)
#define HCR_TID2 (1u << 17)
#define HCR_TID3 (1u << 18)
#define HCR_TSC (1u << 19)
#define HCR_TIDCP (1u << 20)
#define HCR_TAC (1u << 21)
#define HCR_TSW (1u << 22)
#define HCR_TPC (1u << 23)
#define HCR_TPU (1u << 24)
#define HCR_TTLB (1u << 25)
#define HCR_TVM (1u << 26)
#define HCR_TGE (1u << 27)

/* HSR exception classes, B3.13.6, the table of EC values (numbers as in the
 * manual). */
enum hsr_ec {
	EC_UNKNOWN = 0x00,
	EC_WFI_WFE = 0x01,
	EC_CP15_RT = 0x03,
	EC_CP15_RRT = 0x04,
	EC_CP14_RT = 0x05,
	EC_CP14_LDC = 0x06,
	EC_HCPTR = 0x07,
	EC_CP10_ID = 0x08,
	EC_JAZELLE = 0x09,
	EC_BXJ = 0x0a,
	EC_CP14_RRT = 0x0c,
	EC_SVC_HYP = 0x11,
	EC_HVC = 0x12,
	EC_SMC = 0x13,
	EC_PABT_LOWER = 0x20,
	EC_PABT_HYP = 0x21,
	EC_DABT_LOWER = 0x24,
	EC_DABT_HYP = 0x25,
};
#define HSR_EC_SHIFT 26
#define HSR_IL (1u << 25)

struct cp15 {
	/* identification as the core presents it (from the core model, with
	 * MPIDR from the machine) */
	uint32_t midr, mpidr;
	uint32_t csselr[2];

	/* system control */
	uint32_t sctlr[2];
	uint32_t actlr[2];
	uint32_t cpacr;
	uint32_t scr, sder, nsacr;

	/* memory system, PL1&0 */
	uint64_t ttbr0[2], ttbr1[2];
	uint32_t ttbcr[2];
	uint32_t dacr[2];
	uint32_t dfsr[2], ifsr[2], adfsr[2], aifsr[2];
	uint32_t dfar[2], ifar[2];
	uint64_t par[2];
	uint32_t prrr[2], nmrr[2]; /* = MAIR0/MAIR1 when TTBCR.EAE */
	uint32_t amair0[2], amair1[2];
	uint32_t vbar[2], mvbar;
	uint32_t fcseidr, contextidr[2];
	uint32_t tpidrurw[2], tpidruro[2], tpidrprw[2];

	/* Virtualization Extensions, B4.1 (PL2 registers) */
	uint32_t vpidr, vmpidr;
	uint32_t hsctlr, hactlr, hcr, hdcr, hcptr, hstr, hacr;
	uint32_t htcr, vtcr;
	uint64_t httbr, vttbr;
	uint32_t hsr, hdfar, hifar, hpfar;
	uint32_t hadfsr, haifsr;
	uint32_t hmair0, hmair1, hamair0, hamair1;
	uint32_t hvbar, htpidr;

	/* generic timer, B8 */
	uint32_t cntfrq, cntkctl, cnthctl;
	uint32_t cntp_ctl[2], cntv_ctl, cnthp_ctl;
	uint64_t cntp_cval[2], cntv_cval, cnthp_cval, cntvoff;

	/* performance monitors, C12 */
	uint32_t pmcr, pmcnten, pmovsr, pmselr, pmuserenr, pminten;
	uint64_t pmccntr_base; /* icount at which PMCCNTR read as 0 */
	uint32_t pmevtyper[8], pmevcntr[8], pmccfiltr;

	/* implementation defined, interpreted by the core model */
	uint32_t l2ctlr, l2ectlr, cbar;
	uint64_t periphbase; /* board private-peripheral base (CBAR source) */
	uint32_t impl[8]; /* spare storage for a model's own registers */

	/* System counter frequency in Hz (B8.1.1): the rate CNTPCT counts at
	 * in virtual time. 0 at cp15_reset() means the model's cntfrq_reset;
	 * a board may set it after reset. */
	uint64_t counter_hz;

	/* ---- performance monitors: counting state (sysregs_pmu.c) ---- */
	uint32_t pmccntr;        /* PMCCNTR as of icount pmccntr_at */
	uint64_t pmccntr_at;
	uint32_t pmccntr_frac;   /* instructions not yet counted with PMCR.D */
	uint64_t pmevcntr_at[8]; /* icount of the last pmevcntr[] update */

	/* ---- CP14: v7.1 Debug (C11), ThumbEE, Jazelle ---- */
	uint32_t dbgbvr[16], dbgbcr[16], dbgwvr[16], dbgwcr[16];
	uint32_t dbgbxvr[16];
	uint32_t dbgdscr, dbgvcr, dbgwfar, dbgclaim;
	uint32_t dbgoslsr, dbgosdlr, dbgprcr;
	uint32_t teecr, teehbr;

	/* ---- performance monitors: lazy event sources (sysregs_pmu.c).
	 * pmevcntr_at[n] holds the value of counter n's event source at its
	 * last update, pmccntr_at the cycle source's. ---- */
	uint64_t pmu_unexec;    /* steps not architecturally executed */
	uint64_t pmu_exc_taken; /* exceptions taken (event 0x09) */

	/* ---- CP14 debug communications channel (cp14.c; DDI 0406C "DCC and
	 * ITR access modes") ---- */
	uint32_t dbgdtrrx, dbgdtrtx; /* the two data transfer registers */
	uint32_t dcc_flags;          /* DBGDSCR.RXfull [30], TXfull [29] */
};

#endif
