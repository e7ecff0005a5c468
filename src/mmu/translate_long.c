/* Long-descriptor (LPAE) translation (ARM DDI 0406C B3.6): the lookup
 * shared by every long-descriptor regime, and stage 1 of PL1&0 with
 * TTBCR.EAE == 1 (TTBR0/TTBR1 split by T0SZ/T1SZ, MAIR0/1, AP[2:1], AF,
 * SH, XN, PXN, the hierarchical APTable/XNTable/PXNTable/NSTable) and of
 * Hyp mode (HTTBR, HTCR, HMAIR0/1, HSCTLR.WXN). */
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/mmu_internal.h"

#define DESC_AF (1ull << 10)
#define DESC_NG (1ull << 11)
#define DESC_CONTIG (1ull << 52)
#define DESC_PXN (1ull << 53)
#define DESC_XN (1ull << 54)
/* Output address and next-level table address, bits [39:12]. ARMv7
 * descriptors hold no address bits above 39; bits [47:40] are ignored
 * here (ARMv8 would raise an Address size fault for them; QEMU's ARMv7
 * cores ignore them too). */
#define DESC_ADDR_MASK 0x000000fffffff000ull

bool mmu_lpae_walk(const struct mmu_walker *w, uint64_t ia,
		   unsigned inputsize, unsigned start, uint64_t base,
		   struct mmu_lpae_walk *out, struct mmu_fault *fault)
{
	memset(out, 0, sizeof *out);
	unsigned level = start;
	/* Bits the start level resolves; with stage 2 more than 9 means
	 * concatenated tables (B3.6.6). The table is aligned to its size:
	 * base bits below it are ignored (BADDR[x-1:0] are UNK/SBZ). */
	unsigned first_bits = inputsize - (39 - 9 * start);
	uint64_t table = base & PA_MASK & ~((1ull << (first_bits + 3)) - 1);

	for (;;) {
		unsigned shift = 39 - 9 * level; /* 30, 21, 12 */
		unsigned bits = level == start ? first_bits : 9;
		uint64_t index = (ia >> shift) & ((1ull << bits) - 1);
		uint64_t desc;
		if (!mmu_walk_read(w, table + index * 8, 8, level, &desc,
				   fault))
			return false;
		if (!(desc & 1u) || (level == 3 && (desc & 3u) != 3u)) {
			/* Invalid, or the reserved 0b01 at level 3. */
			fault->type = FAULT_TRANSLATION;
			fault->level = level;
			return false;
		}
		if (level < 3 && (desc & 3u) == 3u) {
			/* Table descriptor: the hierarchical attributes
			 * accumulate (B3.6.1). */
			out->nstable |= (desc >> 63) & 1u;
			out->aptable |= (uint8_t)((desc >> 61) & 3u);
			out->xntable |= (desc >> 60) & 1u;
			out->pxntable |= (desc >> 59) & 1u;
			table = desc & DESC_ADDR_MASK;
			level++;
			continue;
		}
		unsigned size = shift;
		/* Contiguous hint (B3.6 "Long-descriptor translation table
		 * format"): sixteen adjacent entries with consistent attributes
		 * may be held as one TLB entry. hypsim does so, so a
		 * misprogrammed hint shows as the TLB would (any one of the
		 * entries' output may be used). Only where the level resolves
		 * at least 4 bits. */
		if ((desc & DESC_CONTIG) && bits >= 4)
			size = shift + 4;
		uint64_t mask = (1ull << size) - 1;
		out->desc = desc;
		out->level = (uint8_t)level;
		out->size_log2 = (uint8_t)size;
		out->oa = ((desc & DESC_ADDR_MASK) & ~mask) | (ia & mask);
		return true;
	}
}

/* Permissions of a stage 1 block/page descriptor (B3.7.1 Table B3-9,
 * B3.7.2). */
static uint16_t long_perms(const struct mmu_ctx *ctx, uint64_t desc,
			   const struct mmu_lpae_walk *lw, uint32_t sctlr)
{
	unsigned ap = (desc >> 6) & 3u; /* AP[2:1] */
	bool xn = (desc & DESC_XN) || lw->xntable;
	bool wxn = sctlr & SCTLR_WXN;
	uint16_t p;
	if (ctx->regime == MMU_REGIME_HYP) {
		/* Hyp: AP[2] selects read-only; AP[1] and APTable[0] have no
		 * meaning (SBO/SBZ, ignored here); PXN and PXNTable are not
		 * used. */
		bool w = !(ap & 2u) && !(lw->aptable & 2u);
		p = TLB_PERM_PL1_R | (w ? TLB_PERM_PL1_W : 0);
		if (!xn && !(wxn && w))
			p |= TLB_PERM_PL1_X;
		return p;
	}
	bool pl1_w = !(ap & 2u) && !(lw->aptable & 2u);
	bool pl0_r = (ap & 1u) && !(lw->aptable & 1u);
	bool pl0_w = pl0_r && pl1_w;
	bool pxn = (desc & DESC_PXN) || lw->pxntable;
	bool uwxn = sctlr & SCTLR_UWXN;
	p = TLB_PERM_PL1_R;
	if (pl1_w)
		p |= TLB_PERM_PL1_W;
	if (pl0_r)
		p |= TLB_PERM_PL0_R;
	if (pl0_w)
		p |= TLB_PERM_PL0_W;
	if (!xn && !pxn && !(wxn && pl1_w) && !(uwxn && pl0_w))
		p |= TLB_PERM_PL1_X;
	if (pl0_r && !xn && !(wxn && pl0_w))
		p |= TLB_PERM_PL0_X;
	return p;
}

bool mmu_walk_long(const struct mmu_walker *w, uint32_t va,
		   struct mmu_walk_result *r, struct mmu_fault *fault)
{
	const struct cpu *cpu = w->cpu;
	const struct cp15 *cp = &cpu->cp15;
	const struct mmu_ctx *ctx = w->ctx;
	bool hyp = ctx->regime == MMU_REGIME_HYP;
	unsigned tsz;
	uint64_t ttbr;

	memset(r, 0, sizeof *r);
	fault->level = 1;
	if (hyp) {
		/* HTCR.T0SZ; one table, no TTBR1 (B3.6.4). */
		tsz = cp->htcr & 7u;
		if (tsz && (va >> (32 - tsz)) != 0) {
			fault->type = FAULT_TRANSLATION;
			return false;
		}
		ttbr = cp->httbr;
	} else {
		/* TTBR0/TTBR1 regions (B3.6.4): TTBR0 covers
		 * [0, 2^(32-T0SZ)), TTBR1 covers [2^32 - 2^(32-T1SZ), 2^32);
		 * a size field of 0 lets that TTBR take everything the
		 * other does not. Addresses in neither fault at level 1. */
		uint32_t ttbcr = cp->ttbcr[ctx->bank];
		unsigned t0 = ttbcr & 7u, t1 = (ttbcr >> 16) & 7u;
		bool in0, in1;
		if (t0 == 0 && t1 == 0) {
			in0 = true;
			in1 = false;
		} else {
			in0 = t0 ? (va >> (32 - t0)) == 0
				 : !((va >> (32 - t1)) == ((1u << t1) - 1u));
			in1 = t1 ? (va >> (32 - t1)) == ((1u << t1) - 1u)
				 : !in0;
			if (in0 && in1)
				in1 = false;
		}
		if (!in0 && !in1) {
			fault->type = FAULT_TRANSLATION;
			return false;
		}
		bool epd = in1 ? (ttbcr >> 23) & 1u : (ttbcr >> 7) & 1u;
		if (epd) {
			/* EPD0/EPD1: no walk, Translation fault level 1. */
			fault->type = FAULT_TRANSLATION;
			return false;
		}
		tsz = in1 ? t1 : t0;
		ttbr = in1 ? cp->ttbr1[ctx->bank] : cp->ttbr0[ctx->bank];
	}

	/* Start level (B3.6.6): T0SZ 0-1 at level 1, 2-7 at level 2. */
	unsigned inputsize = 32 - tsz;
	unsigned start = tsz <= 1 ? 1 : 2;
	struct mmu_lpae_walk lw;
	if (!mmu_lpae_walk(w, va, inputsize, start, ttbr & PA_MASK, &lw, fault))
		return false;

	uint64_t desc = lw.desc;
	if (!(desc & DESC_AF)) {
		/* No hardware Access flag management in ARMv7. */
		fault->type = FAULT_ACCESS_FLAG;
		fault->level = lw.level;
		return false;
	}
	uint32_t sctlr = hyp ? cp->hsctlr : cp->sctlr[ctx->bank];
	unsigned attrindx = (desc >> 2) & 7u;
	uint32_t mair;
	if (hyp)
		mair = attrindx < 4 ? cp->hmair0 : cp->hmair1;
	else /* MAIR0/MAIR1 share PRRR/NMRR's storage (B4.1.104) */
		mair = attrindx < 4 ? cp->prrr[ctx->bank] : cp->nmrr[ctx->bank];

	r->oa = lw.oa;
	r->size_log2 = lw.size_log2;
	r->level = lw.level;
	r->memattr = (uint8_t)(mair >> (8 * (attrindx & 3u)));
	r->sh = (uint8_t)((desc >> 8) & 3u);
	if ((r->memattr & 0xf0u) == 0)
		r->sh = 2; /* Device and SO: Outer Shareable (B3.8) */
	r->global = hyp || !(desc & DESC_NG);
	/* NS and NSTable matter only in the Secure regime; once NSTable is
	 * set every later level is Non-secure (B3.6.1). */
	r->ns = ctx->regime == MMU_REGIME_S_PL10
			? (lw.nstable || ((desc >> 5) & 1u))
			: true;
	r->perms = long_perms(ctx, desc, &lw, sctlr);
	return true;
}
