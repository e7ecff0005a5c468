/* Cortex-A15 MPCore, revision r4p0 (ARM DDI 0438, Cortex-A15 MPCore TRM).
 *
 * The identification values are the ones QEMU 7.2 gives its "cortex-a15"
 * (reference/cores.md 1.1: MIDR 0x414FC0F0 = r4p0, chosen there to avoid
 * the early revisions' TLB errata), so that differential tests against
 * QEMU agree. Where QEMU departs from the TRM the TRM wins, and the test
 * images say so: the L2 CCSIDR here describes the 1 MB, 16-way L2 of a
 * TC2 A15 cluster (0x707FE07A; QEMU has 0x711FE07A).
 *
 * Everything here is data: the architected code in src/cp15 reads these
 * fields and never asks which core it runs on. */
#include "cp15/errata.h"
#include "cp15/sysreg_internal.h"

static const struct sysreg a15_regs[] = {
	/* ACTLR (TRM 4.3.28): bit 6 SMP (coherency), bit 0 enables the BTB
	 * invalidate by ICIALLU (Linux's Spectre-v2 hardening); all bits
	 * are kept as written from Secure state. */
	{.name = "ACTLR", CP15(0, 1, 0, 1), .access = A_PL1_RW,
	 .traps = TRAP_TAC, FLD(actlr), .write = impl_write_actlr,
	 .description = "Auxiliary Control (bit 6 SMP)"},
	/* L2CTLR (TRM 4.3.48): [31] L2RSTDISABLE monitor (input low) and
	 * [25:24] cores - 1 are read-only, [30:26] RAZ/WI. */
	{.name = "L2CTLR", CP15(1, 9, 0, 2), .access = A_PL1_RW, FLD(l2ctlr),
	 .read = impl_read_l2ctlr, .write = impl_write_secure_only,
	 .ro_mask = 0x83000000u, .res0 = 0x7c000000u,
	 .description = "L2 Control ([25:24] = cores in cluster - 1)"},
	/* L2ECTLR (TRM 4.3.49): AXI/internal asynchronous error flags and
	 * the dynamic retention control. */
	{.name = "L2ECTLR", CP15(1, 9, 0, 3), .access = A_PL1_RW,
	 FLD(l2ectlr), .write = impl_write_secure_only,
	 .res0 = ~0x60000007ull, .description = "L2 Extended Control"},
	{.name = "L2ACTLR", CP15(1, 15, 0, 0), .access = A_PL1_RW,
	 FLD(impl[0]), .write = impl_write_secure_only,
	 .description = "L2 Auxiliary Control"},
	/* L2PFR (Cortex-A15 TRM, DDI 0438, 4.3 "L2 Prefetch Control Register"):
	 * L2 prefetch control; Linux's TC2 power code writes 0x400 here before
	 * flushing the L2 (cores.md 1.3). */
	{.name = "L2PFR", CP15(1, 15, 0, 3), .access = A_PL1_RW,
	 FLD(impl[1]), .write = impl_write_secure_only,
	 .description = "L2 Prefetch Control"},
	{.name = "ACTLR2", CP15(1, 15, 0, 4), .access = A_PL1_RW,
	 FLD(impl[2]), .write = impl_write_secure_only,
	 .description = "Auxiliary Control 2"},
	{.name = "CBAR", CP15(4, 15, 0, 0), .access = A_PL1_R | SR_CONST,
	 NOFLD, .read = impl_read_cbar,
	 .description = "Configuration Base Address (PERIPHBASE)"},
};

/* Errata and quirks this model can show (cp15/errata.h). */
static const struct erratum a15_errata[] = {
	{ERRATUM_L1RSTDISABLE, "l1rstdisable",
	 "L1RSTDISABLE held high: the L1 caches are not invalidated at reset and "
	 "hold UNKNOWN (seeded, --cache-seed) contents; boot code must "
	 "invalidate them itself",
	 "Cortex-A15 MPCore TRM (ARM DDI 0438), section Reset, signal L1RSTDISABLE", false},
	{ERRATUM_NONCOHERENT_WALK, "noncoherent-walk",
	 "with --dcache-model on, translation table walks read memory, not the "
	 "data cache, as on a core whose ID_MMFR3.CohWalk is 0: table updates "
	 "not cleaned to PoU are not seen (this core needs no clean)",
	 "ARM DDI 0406C B4.1.92 ID_MMFR3, Coherent walk", false},
};

const struct core_model cortex_a15_model = {
	.name = "cortex-a15",
	.part = "Cortex-A15 r4p0",
	.midr = 0x414fc0f0u,
	.revidr = 0,
	.aidr = 0,
	.id_pfr0 = 0x00001131u, /* ARM, Thumb-2, trivial Jazelle, ThumbEE */
	.id_pfr1 = 0x00011011u, /* Security, Virtualization, Generic Timer */
	.id_dfr0 = 0x02010555u, /* v7.1 Debug, PMUv2 */
	.id_afr0 = 0,
	.id_mmfr = {0x10201105u, 0x20000000u, 0x01240000u, 0x02102211u},
	.id_isar = {0x02101110u, 0x13112111u, 0x21232041u, 0x11112131u,
		    0x10011142u, 0},
	.mvfr0 = 0x10110222u,
	.mvfr1 = 0x11111111u,
	.fpsid = 0x410430f0u,
	/* CTR: v7 format, CWG/ERG/DminLine 64 B, L1Ip = 0b11 PIPT,
	 * IminLine 64 B. CLIDR: split L1, unified L2, LoUIS 1, LoC 2,
	 * LoUU 1. */
	.ctr = 0x8444c004u,
	.clidr = 0x0a200023u,
	.ccsidr = {
		[CSSELR_L1D] = 0x701fe00au, /* 32 KB, 2-way, 64 B, WB RA WA */
		[CSSELR_L1I] = 0x201fe00au, /* 32 KB, 2-way, 64 B, RA */
		[CSSELR_L2] = 0x707fe07au,  /* 1 MB, 16-way, 64 B, WB RA WA */
	},
	.sctlr_reset = 0x00c50078u,
	.actlr_reset = 0,
	.pmcr_reset = 0x410f3000u, /* IMP 0x41, IDCODE 0x0F, N = 6 */
	.dbgdidr = 0x3515f021u,    /* 4 WRPs, 6 BRPs, 2 CTX_CMPs, v7.1 */
	.cntfrq_reset = 62500000u, /* QEMU's counter for this CPU type */
	/* DBGDEVID (C11 "DBGDEVID, Debug Device ID register"): PCsample 3
	 * (DBGPCSR, DBGCIDSR, DBGVIDSR), WPAddrMask 1, BPAddrMask 0xF (none),
	 * VectorCatch 0 (address form), VirtExtns 1, DoubleLock 1, AuxRegs 1
	 * (DBGEACR), CIDMask 0; DBGDIDR.DEVID_imp is 1. DBGDEVID1.PCSROffset
	 * (C11 "DBGDEVID1") is 0 on the A15. The TRM's values, as QEMU from 8.0
	 * gives them (7.2 makes both UNDEFINED: excused in
	 * tests/diff/line-excuses.txt). */
	.dbgdevid = 0x01110f13u,
	.dbgdevid1 = 0,
	/* Events the model counts (sysregs_pmu.c): SW_INCR, INST_RETIRED,
	 * EXC_TAKEN, EXC_RETURN, CPU_CYCLES. */
	.pmceid = {0x00020701u, 0},
	.tcmtr = 0,
	.tlbtr = 0, /* unified TLB, no lockdown */
	/* L1 I-cache policy: PIPT (CTR.L1Ip = 0b11; A15 TRM, L1 memory
	 * system: 32 KB, 2-way, 64-byte lines, physically indexed and
	 * tagged). A PIPT cache has no aliases and the A15 model keeps no
	 * regime or VMID tag: a line is found by its physical address and
	 * security state only, so an ICIALLU from Non-secure PL1 removes
	 * every Non-secure line, Hyp's included (the IMPLEMENTATION DEFINED
	 * latitude of B4.2.1 taken the widest way). */
	.icache = {
		.index = ICACHE_PIPT,
		.tags_regime = false,
		.ns_pl1_invalidate_reaches_hyp = true,
		.ns_pl1_invalidate_reaches_other_vmids = false,
		.reset_invalidated = true,
	},
	.tlb = {.entries = 512, .ways = 4},
	/* Cortex-A15 MPCore TRM (ARM DDI 0438), Memory Management Unit
	 * chapter, "External aborts": an error reported for a data read is a
	 * synchronous abort, one reported for a data write is asynchronous
	 * (LR_abt need not point at the store, DFAR is UNKNOWN). */
	.async_store_aborts = true,
	/* ID_MMFR3 = 0x02102211: CohWalk [23:20] = 1 (TRM, ID_MMFR3). */
	.coherent_walk = true,
	.impl_regs = a15_regs,
	.n_impl_regs = sizeof a15_regs / sizeof a15_regs[0],
	.errata = a15_errata,
	.n_errata = sizeof a15_errata / sizeof a15_errata[0],
};
