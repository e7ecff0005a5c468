/* Cortex-A7 MPCore, revision r0p5 (ARM DDI 0464, Cortex-A7 MPCore TRM).
 *
 * MIDR and the feature registers are QEMU 7.2's "cortex-a7" values
 * (reference/cores.md 1.1, MIDR 0x410FC075 = r0p5) so that differential
 * tests agree. The cache geometry follows the Cortex-A7 TRM instead of
 * QEMU, which gives its A7 the A15's CCSIDRs (a known QEMU gap, visible
 * there as a CTR with 32-byte I-cache lines beside a CCSIDR with 64-byte
 * ones): L1 I 32 KB 2-way 32-byte lines VIPT, L1 D 32 KB 4-way 64-byte
 * lines, L2 512 KB 8-way. SCTLR resets with bit 11 (Z) set, as KVM's
 * Cortex-A7 guest reset value records (cores.md 1.1). */
#include "cp15/errata.h"
#include "cp15/sysreg_internal.h"

static const struct sysreg a7_regs[] = {
	/* ACTLR (TRM 4.3.31): bit 6 SMP; other bits kept as written from
	 * Secure state. */
	{.name = "ACTLR", CP15(0, 1, 0, 1), .access = A_PL1_RW,
	 .traps = TRAP_TAC, FLD(actlr), .write = impl_write_actlr,
	 .description = "Auxiliary Control (bit 6 SMP)"},
	/* L2CTLR (Cortex-A7 TRM, DDI 0464, 4.3 "L2 Control Register"): [25:24]
	 * cores - 1 read-only. */
	{.name = "L2CTLR", CP15(1, 9, 0, 2), .access = A_PL1_RW, FLD(l2ctlr),
	 .read = impl_read_l2ctlr, .write = impl_write_secure_only,
	 .ro_mask = 0x83000000u, .res0 = 0x7c000000u,
	 .description = "L2 Control ([25:24] = cores in cluster - 1)"},
	{.name = "L2ECTLR", CP15(1, 9, 0, 3), .access = A_PL1_RW,
	 FLD(l2ectlr), .write = impl_write_secure_only,
	 .res0 = ~0x40000007ull, .description = "L2 Extended Control"},
	{.name = "CBAR", CP15(4, 15, 0, 0), .access = A_PL1_R | SR_CONST,
	 NOFLD, .read = impl_read_cbar,
	 .description = "Configuration Base Address (PERIPHBASE)"},
};

/* Errata and quirks this model can show (cp15/errata.h). */
static const struct erratum a7_errata[] = {
	{ERRATUM_L1RSTDISABLE, "l1rstdisable",
	 "L1RSTDISABLE held high: the L1 caches are not invalidated at reset and "
	 "hold UNKNOWN (seeded, --cache-seed) contents; boot code must "
	 "invalidate them itself",
	 "Cortex-A7 MPCore TRM (ARM DDI 0464), section Reset, signal L1RSTDISABLE", false},
	{ERRATUM_NONCOHERENT_WALK, "noncoherent-walk",
	 "with --dcache-model on, translation table walks read memory, not the "
	 "data cache, as on a core whose ID_MMFR3.CohWalk is 0: table updates "
	 "not cleaned to PoU are not seen (this core needs no clean)",
	 "ARM DDI 0406C B4.1.92 ID_MMFR3, Coherent walk", false},
};

const struct core_model cortex_a7_model = {
	.name = "cortex-a7",
	.part = "Cortex-A7 r0p5",
	.midr = 0x410fc075u,
	.revidr = 0,
	.aidr = 0,
	.id_pfr0 = 0x00001131u,
	.id_pfr1 = 0x00011011u,
	.id_dfr0 = 0x02010555u,
	.id_afr0 = 0,
	.id_mmfr = {0x10101105u, 0x40000000u, 0x01240000u, 0x02102211u},
	.id_isar = {0x02101110u, 0x13112111u, 0x21232041u, 0x11112131u,
		    0x10011142u, 0},
	.mvfr0 = 0x10110222u,
	.mvfr1 = 0x11111111u,
	.fpsid = 0x41023075u,
	/* CTR: L1Ip = 0b10 VIPT, IminLine 32 B, DminLine 64 B. */
	.ctr = 0x84448003u,
	.clidr = 0x0a200023u,
	.ccsidr = {
		[CSSELR_L1D] = 0x700fe01au, /* 32 KB, 4-way, 64 B, WB RA WA */
		[CSSELR_L1I] = 0x203fe009u, /* 32 KB, 2-way, 32 B, RA */
		[CSSELR_L2] = 0x707fe03au,  /* 512 KB, 8-way, 64 B */
	},
	.sctlr_reset = 0x00c50878u,
	.actlr_reset = 0,
	.pmcr_reset = 0x41072000u, /* IMP 0x41, IDCODE 0x07, N = 4 */
	.dbgdidr = 0x3515f005u,
	.cntfrq_reset = 62500000u,
	/* DBGDEVID (C11 "DBGDEVID, Debug Device ID register"): PCsample 3
	 * (DBGPCSR, DBGCIDSR, DBGVIDSR), WPAddrMask 1, BPAddrMask 0xF (none),
	 * VectorCatch 0 (address form), VirtExtns 1, DoubleLock 1, AuxRegs 1
	 * (DBGEACR), CIDMask 0; DBGDIDR.DEVID_imp is 1. DBGDEVID1.PCSROffset
	 * (C11 "DBGDEVID1") is 1 on the A7. The TRM's values, as QEMU from 8.0
	 * gives them (7.2 makes both UNDEFINED: excused in
	 * tests/diff/line-excuses.txt). */
	.dbgdevid = 0x01110f13u,
	.dbgdevid1 = 0x1u,
	.pmceid = {0x00020701u, 0}, /* as the A15's (sysregs_pmu.c) */
	.tcmtr = 0,
	.tlbtr = 0,
	/* L1 I-cache policy (the choice behind the 2013 HSCTLR hang; see
	 * README.md and src/mmu/icache.c):
	 *  - index: VIPT, as CTR.L1Ip = 0b10 and the A7 TRM's L1 memory
	 *    system chapter describe it (32 KB, 2-way, 32-byte lines).
	 *  - tags_regime: a VIPT cache that may be shared by several
	 *    translation regimes must keep them apart for virtually indexed
	 *    lines; the A7 model keeps, with each line, whether HYP or the
	 *    PL1&0 regime (and which VMID) filled it, and a lookup only hits
	 *    lines of the current regime. ARM DDI 0406C B3.11 ("Caches in a
	 *    VMSA implementation") allows instruction caches to be tagged by
	 *    VMID and by Hyp/Non-Hyp state.
	 *  - ns_pl1_invalidate_reaches_hyp = false: B4.2.1 and B3.11 require
	 *    an ICIALLU executed at Non-secure PL1 to invalidate every entry
	 *    the current virtual machine could use; whether it also removes
	 *    entries of Hyp mode or of other VMIDs is IMPLEMENTATION DEFINED.
	 *    The A7 model does not: a guest (or a host kernel at PL1) cannot
	 *    clean Hyp's lines. This is the one property that makes the A7,
	 *    and not the A15, run stale Hyp code after the HSCTLR write, and
	 *    it explains all three 2013 observations (I clear: no lookup;
	 *    ICIALLU in HYP: reaches Hyp's lines). It is our reading, not a
	 *    documented A7 behaviour: no public source explained the hang. */
	.icache = {
		.index = ICACHE_VIPT,
		.tags_regime = true,
		.ns_pl1_invalidate_reaches_hyp = false,
		.ns_pl1_invalidate_reaches_other_vmids = false,
		.reset_invalidated = true,
	},
	.tlb = {.entries = 256, .ways = 2},
	/* Cortex-A7 MPCore TRM (ARM DDI 0464F) 5.7.1 "External aborts on
	 * data write": errors on a data write can be asynchronous and DFAR is
	 * then UNKNOWN; reads abort synchronously. (The TRM adds that errors
	 * on cacheable writes raise nAXIERRIRQ instead of an abort; hypsim's
	 * bare board has no interrupt controller to take that line, so such
	 * a write aborts asynchronously too.) */
	.async_store_aborts = true,
	/* ID_MMFR3 = 0x02102211: CohWalk [23:20] = 1 (TRM, ID_MMFR3). */
	.coherent_walk = true,
	.impl_regs = a7_regs,
	.n_impl_regs = sizeof a7_regs / sizeof a7_regs[0],
	.errata = a7_errata,
	.n_errata = sizeof a7_errata / sizeof a7_errata[0],
};
