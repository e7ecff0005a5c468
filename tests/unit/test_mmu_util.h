/* Helpers shared by the MMU unit tests (test_mmu*.c): a two-core machine
 * with RAM at 0x40000000 and above 4 GiB, descriptor builders, and an
 * observer that records TLB maintenance reports. Page tables are written
 * into guest RAM through the bus and translated with mmu_translate(). */
#ifndef HYPSIM_TEST_MMU_UTIL_H
#define HYPSIM_TEST_MMU_UTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/tlb.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x01000000ull   /* 16 MiB */
#define HIGH_RAM 0x100000000ull  /* 1 MiB at 4 GiB */
#define TOP_RAM 0xff00000000ull  /* 1 MiB near the top of 40 bits */

/* Table and data areas inside RAM. */
#define L1_SHORT 0x40004000u /* 16 KiB aligned */
#define L1_SHORT_B 0x40008000u
#define L2_SHORT 0x4000c000u /* 1 KiB aligned tables */
#define LPAE_L1 0x40020000u
#define LPAE_L2 0x40021000u
#define LPAE_L3 0x40022000u
#define LPAE_L2B 0x40023000u
#define HYP_L1 0x40030000u
#define HYP_L2 0x40031000u
#define HYP_L3 0x40032000u
#define S2_L1 0x40040000u /* 8 KiB: two concatenated level-1 tables */
#define S2_L2 0x40042000u
#define S2_L3 0x40043000u
#define DATA 0x40100000u

static struct machine tm;
static struct cpu *c0, *c1;

struct maint_log {
	char op[32];
	uint32_t arg;
	unsigned removed;
	unsigned count;
};
static struct maint_log mlog;

static inline void maint_cb(void *ctx, struct cpu *cpu,
		     const struct maintenance_event *ev)
{
	(void)ctx;
	(void)cpu;
	snprintf(mlog.op, sizeof mlog.op, "%s", ev->op);
	mlog.arg = ev->arg;
	mlog.removed = ev->removed;
	mlog.count++;
}
static struct cpu_observer maint_obs = {.maintenance = maint_cb};

static inline void machine_setup(void)
{
	struct machine_config cfg = {0};
	cfg.board = "bare";
	cfg.clusters[0].model = &cortex_a15_model;
	cfg.clusters[0].count = 2;
	cfg.n_clusters = 1;
	cfg.mem_base = RAM_BASE;
	cfg.mem_size = RAM_SIZE;
	cfg.entry = ENTRY_SECURE_SVC;
	char err[200];
	ck_assert_msg(machine_init(&tm, &cfg, err, sizeof err), "%s", err);
	const char *why = NULL;
	ck_assert(bus_add_ram(&tm.bus, HIGH_RAM, 0x100000, "high", &why));
	ck_assert(bus_add_ram(&tm.bus, TOP_RAM, 0x100000, "top", &why));
	c0 = &tm.cpus[0];
	c1 = &tm.cpus[1];
	memset(&mlog, 0, sizeof mlog);
	cpu_add_observer(c0, &maint_obs);
}

static inline void machine_teardown(void)
{
	machine_destroy(&tm);
}

static inline void w32(uint64_t pa, uint32_t v)
{
	ck_assert_msg(bus_write(&tm.bus, pa, 4, v, NULL), "w32 %llx",
		      (unsigned long long)pa);
}
static inline void w64(uint64_t pa, uint64_t v)
{
	ck_assert_msg(bus_write(&tm.bus, pa, 8, v, NULL), "w64 %llx",
		      (unsigned long long)pa);
}

/* Tests write CP15 fields directly; like the CP15 table after a write of
 * a translation-control register, they then call mmu_context_changed(). */

/* Put a core in Non-secure state (SCR.NS, HVC enabled) in `mode`. */
static inline void go_ns(struct cpu *cpu, unsigned mode)
{
	cpu->cp15.scr = SCR_NS | SCR_HCE;
	cpu_set_mode(cpu, mode);
	mmu_context_changed(cpu);
}

/* ---- short-descriptor builders (B3.5.1) ---- */

/* Section: ap = AP[2:0], tex/c/b memory type. */
static inline uint32_t sect(uint32_t pa, unsigned ap, unsigned dom, unsigned tex,
		     unsigned c, unsigned b, bool xn, bool ng)
{
	return (pa & 0xfff00000u) | ((ap >> 2) & 1u) << 15 | (tex & 7u) << 12 |
	       (ap & 3u) << 10 | (dom & 15u) << 5 | (unsigned)xn << 4 |
	       (c & 1u) << 3 | (b & 1u) << 2 | (unsigned)ng << 17 | 2u;
}
/* Section mapping Normal WB-WA (TEX=001 C=1 B=1), full access. */
static inline uint32_t sect_rw(uint32_t pa, unsigned dom)
{
	return sect(pa, 3, dom, 1, 1, 1, false, false);
}
static inline uint32_t page_table(uint32_t l2, unsigned dom, bool pxn)
{
	return (l2 & 0xfffffc00u) | (dom & 15u) << 5 | (unsigned)pxn << 2 | 1u;
}
static inline uint32_t small_page(uint32_t pa, unsigned ap, unsigned tex,
			   unsigned c, unsigned b, bool xn, bool ng)
{
	return (pa & 0xfffff000u) | (unsigned)ng << 11 | ((ap >> 2) & 1u) << 9 |
	       (tex & 7u) << 6 | (ap & 3u) << 4 | (c & 1u) << 3 |
	       (b & 1u) << 2 | 2u | (unsigned)xn;
}
static inline uint32_t large_page(uint32_t pa, unsigned ap, bool xn)
{
	return (pa & 0xffff0000u) | (unsigned)xn << 15 | 1u << 12 |
	       ((ap >> 2) & 1u) << 9 | (ap & 3u) << 4 | 1u << 3 | 1u << 2 | 1u;
}

/* Secure PL1&0 short-descriptor MMU on, TTBR0 = L1_SHORT, all domains
 * client. */
static inline void short_on(struct cpu *cpu, unsigned bank)
{
	cpu->cp15.ttbr0[bank] = L1_SHORT;
	cpu->cp15.ttbcr[bank] = 0;
	cpu->cp15.dacr[bank] = 0x55555555u;
	cpu->cp15.sctlr[bank] |= SCTLR_M;
	mmu_context_changed(cpu);
}

/* ---- long-descriptor builders (B3.6.1) ---- */

#define LD_AF (1ull << 10)
#define LD_NG (1ull << 11)
#define LD_PXN (1ull << 53)
#define LD_XN (1ull << 54)
#define LD_CONTIG (1ull << 52)
static inline uint64_t ld_table(uint64_t next)
{
	return (next & 0xfffffff000ull) | 3u;
}
/* Block (level 1 or 2) or page (level 3): attrindx, AP[2:1], SH. */
static inline uint64_t ld_leaf(uint64_t oa, unsigned attrindx, unsigned ap21,
			unsigned sh, bool page)
{
	return (oa & 0xfffffff000ull) | LD_AF | (sh & 3u) << 8 |
	       (ap21 & 3u) << 6 | (attrindx & 7u) << 2 | (page ? 3u : 1u);
}
/* Stage 2 leaf: MemAttr[3:0], S2AP. */
static inline uint64_t s2_leaf(uint64_t oa, unsigned memattr, unsigned s2ap,
			bool page)
{
	return (oa & 0xfffffff000ull) | LD_AF | 3u << 8 | (s2ap & 3u) << 6 |
	       (memattr & 15u) << 2 | (page ? 3u : 1u);
}

/* Identity stage 2 for 0x40000000..0x7fffffff as 1 GiB block... made of
 * 2 MiB blocks where the tests need finer control: VTCR T0SZ=0 (32-bit
 * IPA), SL0=1 (start at level 1). */
static inline void s2_setup(struct cpu *cpu, uint8_t vmid)
{
	cpu->cp15.vtcr = 1u << 31 | 1u << 6; /* SL0=1, T0SZ=0 */
	cpu->cp15.vttbr = (uint64_t)vmid << 48 | S2_L1;
	/* IPA 0x40000000 (level-1 index 1) -> level-2 table */
	w64(S2_L1 + 8 * 1, ld_table(S2_L2));
	for (unsigned i = 0; i < 8; i++) /* IPA 0x40000000..0x40ffffff */
		w64(S2_L2 + 8 * i, s2_leaf(RAM_BASE + i * 0x200000ull, 0xf, 3,
					   false));
	mmu_context_changed(cpu);
}

#endif
