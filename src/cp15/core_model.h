/* Everything IMPLEMENTATION DEFINED about a core lives in one struct
 * core_model per core (DESIGN.md principle 4). Architected code reads these
 * fields and never asks which core it is running on. */
#ifndef HYPSIM_CORE_MODEL_H
#define HYPSIM_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sysreg;

/* L1 instruction-cache indexing, as CTR.L1Ip reports it (B4.1.42). */
enum icache_index_policy {
	ICACHE_PIPT, /* physically indexed, physically tagged */
	ICACHE_VIPT, /* virtually indexed, physically tagged */
};

/* Which lines an instruction-cache maintenance operation reaches. The
 * architecture leaves this partly IMPLEMENTATION DEFINED for caches that are
 * tagged with the regime or VMID that filled them (see each model's
 * comment for the text the choice rests on). */
struct icache_policy {
	enum icache_index_policy index;
	/* Lines carry the regime (HYP or PL1&0) and VMID that filled them, and
	 * a lookup only hits lines of the current regime/VMID. */
	bool tags_regime;
	/* ICIALLU/ICIALLUIS/BPIALL executed at Non-secure PL1 also invalidate
	 * lines filled by HYP. Only meaningful with tags_regime. */
	bool ns_pl1_invalidate_reaches_hyp;
	/* ICIALLU at Non-secure PL1 reaches lines of other VMIDs. */
	bool ns_pl1_invalidate_reaches_other_vmids;
	/* Contents at reset: invalidated by hardware, or UNKNOWN. */
	bool reset_invalidated;
};

struct cache_level_geometry {
	uint32_t ccsidr; /* as read with CSSELR selecting this cache */
};

struct tlb_geometry {
	unsigned entries; /* main (unified) TLB entries */
	unsigned ways;
};

/* A behaviour beyond the architecture, switchable with --errata. */
struct erratum {
	unsigned id; /* enum erratum_id (cp15/errata.h) */
	const char *name;
	const char *summary;
	const char *source;
	bool default_on;
};

struct core_model {
	const char *name;     /* "cortex-a15" */
	const char *part;     /* "Cortex-A15 r4p0" */
	uint32_t midr, revidr, aidr;
	uint32_t id_pfr0, id_pfr1, id_dfr0, id_afr0;
	uint32_t id_mmfr[4];
	uint32_t id_isar[6];
	uint32_t mvfr0, mvfr1, fpsid;
	uint32_t ctr, clidr;
	/* CCSIDR for CSSELR = (level-1)<<1 | InD; index = CSSELR value,
	 * 0 where the cache does not exist. */
	uint32_t ccsidr[16];
	uint32_t sctlr_reset;
	uint32_t actlr_reset;
	uint32_t pmcr_reset;
	uint32_t dbgdidr;
	uint32_t cntfrq_reset;
	/* added for the CP14/PMU/ID tables (cp15 issue) */
	uint32_t dbgdevid, dbgdevid1; /* C11.11.?; 0 when DBGDIDR.DEVID_imp=0 */
	uint32_t pmceid[2];           /* PMCEID0/1: events the model counts */
	uint32_t tcmtr, tlbtr;        /* B4.1.153 / B4.1.157 */
	struct icache_policy icache;
	struct tlb_geometry tlb;
	/* An external abort on a data write (a store to a physical address
	 * with nothing behind it, or that a device refuses) is reported as
	 * an asynchronous abort (ARM DDI 0406C B3.12 "VMSA memory aborts",
	 * External aborts: which external aborts are synchronous and which
	 * asynchronous is IMPLEMENTATION DEFINED). The store completes as a
	 * no-op and the abort is left pending on the core
	 * (cpu->async_abort_pending, taken through src/hyp/exception.c when
	 * CPSR.A, SCR.EA/AW and HCR.AMO allow). Loads, instruction fetches,
	 * translation table walks and Store Exclusives stay synchronous. */
	bool async_store_aborts;
	/* Translation table walks are coherent with the data cache: a walk
	 * sees what the core (or another core) wrote through its L1 data
	 * cache, with no clean (ID_MMFR3.CohWalk, bits [23:20], = 1: "updates
	 * to the translation tables do not require a clean to the point of
	 * unification"; ARM DDI 0406C B4.1.92). Must agree with id_mmfr[3]
	 * (a unit test checks it). With --dcache-model on, a core without
	 * it (or with the noncoherent-walk quirk, cp15/errata.h) walks
	 * memory and needs the clean (mmu/dcache.c). */
	bool coherent_walk;
	/* implementation-defined CP15 registers, searched before the
	 * architected table */
	const struct sysreg *impl_regs;
	size_t n_impl_regs;
	const struct erratum *errata;
	size_t n_errata;
};

extern const struct core_model cortex_a15_model;
extern const struct core_model cortex_a7_model;

/* Look a model up by its command-line name; NULL if unknown. */
const struct core_model *core_model_find(const char *name);
/* All models, NULL-terminated, for listing. */
extern const struct core_model *const core_models[];

/* Geometry decoded from a CCSIDR value (B4.1.19). */
static inline unsigned ccsidr_line_bytes(uint32_t ccsidr)
{
	return 16u << (ccsidr & 7u);
}
static inline unsigned ccsidr_ways(uint32_t ccsidr)
{
	return ((ccsidr >> 3) & 0x3ffu) + 1u;
}
static inline unsigned ccsidr_sets(uint32_t ccsidr)
{
	return ((ccsidr >> 13) & 0x7fffu) + 1u;
}
/* CSSELR value of the L1 instruction cache. */
#define CSSELR_L1I 1u
#define CSSELR_L1D 0u
#define CSSELR_L2 2u

#endif
