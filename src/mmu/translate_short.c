/* Short-descriptor translation table walk, PL1&0 stage 1 with
 * TTBCR.EAE == 0 (ARM DDI 0406C B3.5): sections, supersections with a
 * 40-bit output address, large and small pages, domains, AP[2:0] with
 * SCTLR.AFE, TEX remap (SCTLR.TRE with PRRR/NMRR), XN/PXN, nG and NS. */
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/mmu_internal.h"

#define TTBCR_PD0 (1u << 4)
#define TTBCR_PD1 (1u << 5)

/* MAIR nibble for the short-descriptor cacheability encodings
 * (B3.8.2 Table B3-11: 00 NC, 01 WB-WA, 10 WT no WA, 11 WB no WA). */
static uint8_t short_cache_nibble(unsigned v)
{
	static const uint8_t nib[4] = {0x4, 0xf, 0xa, 0xe};
	return nib[v & 3u];
}

/* Memory type, shareability and NOS from TEX[2:0], C, B and S
 * (B3.8.2 without remap, B3.8.3 with SCTLR.TRE). */
static void short_attrs(const struct cpu *cpu, unsigned bank, unsigned tex,
			unsigned c, unsigned b, unsigned s,
			struct mmu_walk_result *r)
{
	const struct cp15 *cp = &cpu->cp15;
	r->nos = false;
	if (cp->sctlr[bank] & SCTLR_TRE) {
		unsigned n = ((tex & 1u) << 2) | (c << 1) | b;
		uint32_t prrr = cp->prrr[bank], nmrr = cp->nmrr[bank];
		unsigned tr = (prrr >> (2 * n)) & 3u;
		switch (tr) {
		case 1: /* Device; shareable per PRRR.DS0/DS1 */
			r->memattr = 0x04;
			r->sh = ((prrr >> (s ? 17 : 16)) & 1u) ? 2 : 0;
			return;
		case 2: { /* Normal; NMRR IRn/ORn */
			unsigned ir = (nmrr >> (2 * n)) & 3u;
			unsigned orr = (nmrr >> (16 + 2 * n)) & 3u;
			r->memattr = (uint8_t)(short_cache_nibble(orr) << 4 |
					       short_cache_nibble(ir));
			bool shareable = (prrr >> (s ? 19 : 18)) & 1u;
			r->nos = shareable && ((prrr >> (24 + n)) & 1u);
			r->sh = shareable ? (r->nos ? 3 : 2) : 0;
			return;
		}
		case 0:
		default:
			/* 0b00 Strongly-ordered; 0b11 is reserved
			 * (UNPREDICTABLE, B3.8.3): hypsim treats it as
			 * Strongly-ordered, the most restrictive type. */
			r->memattr = 0x00;
			r->sh = 2;
			return;
		}
	}
	if (tex & 4u) {
		/* TEX = 0b1BB: Normal, outer from TEX[1:0], inner from C,B */
		r->memattr = (uint8_t)(short_cache_nibble(tex & 3u) << 4 |
				       short_cache_nibble((c << 1) | b));
		r->sh = s ? 2 : 0;
		return;
	}
	unsigned cb = (c << 1) | b;
	switch (tex) {
	case 0:
		switch (cb) {
		case 0: r->memattr = 0x00; r->sh = 2; return; /* SO */
		case 1: r->memattr = 0x04; r->sh = 2; return; /* Shareable Device */
		case 2: r->memattr = 0xaa; break; /* WT, no WA */
		default: r->memattr = 0xee; break; /* WB, no WA */
		}
		r->sh = s ? 2 : 0;
		return;
	case 1:
		/* 0b001/11 WB-WA; 0b001/00 NC. 0b001/01 is reserved and
		 * 0b001/10 IMPLEMENTATION DEFINED: hypsim makes both Normal
		 * Non-cacheable (neither A15 nor A7 TRM gives them a
		 * cacheable meaning). */
		r->memattr = cb == 3 ? 0xff : 0x44;
		r->sh = s ? 2 : 0;
		return;
	case 2:
		/* 0b010/00 Non-shareable Device; the other C,B values are
		 * reserved: hypsim makes them Device too. */
		r->memattr = 0x04;
		r->sh = 0;
		return;
	default:
		/* TEX = 0b011 is reserved: Normal Non-cacheable. */
		r->memattr = 0x44;
		r->sh = s ? 2 : 0;
		return;
	}
}

/* Access permissions from AP[2:0] (B3.7.1 Table B3-8) or, with
 * SCTLR.AFE, from AP[2:1] (Table B3-9). */
static uint16_t short_perms(unsigned ap, bool afe)
{
	enum { P1R = TLB_PERM_PL1_R, P1W = TLB_PERM_PL1_W,
	       P0R = TLB_PERM_PL0_R, P0W = TLB_PERM_PL0_W };
	if (afe) {
		static const uint16_t simple[4] = {
			P1R | P1W, P1R | P1W | P0R | P0W, P1R, P1R | P0R,
		};
		return simple[(ap >> 1) & 3u];
	}
	static const uint16_t full[8] = {
		0,                     /* 000 no access */
		P1R | P1W,             /* 001 PL1 RW */
		P1R | P1W | P0R,       /* 010 PL1 RW, PL0 RO */
		P1R | P1W | P0R | P0W, /* 011 full access */
		0,                     /* 100 reserved: hypsim gives no access */
		P1R,                   /* 101 PL1 RO */
		P1R | P0R,             /* 110 RO (deprecated encoding) */
		P1R | P0R,             /* 111 RO */
	};
	return full[ap & 7u];
}

/* Add the execute permissions: XN, PXN, SCTLR.WXN and SCTLR.UWXN
 * (B3.7.2). Executing needs read permission at that level. */
static uint16_t add_execute(uint16_t p, bool xn, bool pxn, uint32_t sctlr)
{
	bool pl1_w = p & TLB_PERM_PL1_W, pl0_w = p & TLB_PERM_PL0_W;
	bool wxn = sctlr & SCTLR_WXN, uwxn = sctlr & SCTLR_UWXN;
	if ((p & TLB_PERM_PL1_R) && !xn && !pxn && !(wxn && pl1_w) &&
	    !(uwxn && pl0_w))
		p |= TLB_PERM_PL1_X;
	if ((p & TLB_PERM_PL0_R) && !xn && !(wxn && pl0_w))
		p |= TLB_PERM_PL0_X;
	return p;
}

static bool pxn_implemented(const struct cpu *cpu)
{
	/* ID_MMFR0.VMSA >= 4: VMSAv7 with PXN (B4.1.89). Without a
	 * model, assume the LPAE cores hypsim targets. */
	if (!cpu->model)
		return true;
	return (cpu->model->id_mmfr[0] & 0xfu) >= 4;
}

bool mmu_walk_short(const struct mmu_walker *w, uint32_t va,
		    struct mmu_walk_result *r, struct mmu_fault *fault)
{
	const struct cpu *cpu = w->cpu;
	const struct cp15 *cp = &cpu->cp15;
	unsigned bank = w->ctx->bank;
	uint32_t ttbcr = cp->ttbcr[bank];
	unsigned n = ttbcr & 7u;

	memset(r, 0, sizeof *r);
	r->short_format = true;

	/* B3.5.4: TTBR1 translates VA[31:32-N] != 0 when N > 0. */
	bool use_ttbr1 = n != 0 && (va >> (32 - n)) != 0;
	if (ttbcr & (use_ttbr1 ? TTBCR_PD1 : TTBCR_PD0)) {
		/* PD0/PD1: no walk, a section Translation fault. */
		fault->type = FAULT_TRANSLATION;
		fault->level = 1;
		return false;
	}
	uint32_t l1_addr;
	if (use_ttbr1) {
		uint32_t base = (uint32_t)cp->ttbr1[bank] & 0xffffc000u;
		l1_addr = base | ((va >> 20) << 2);
	} else {
		uint32_t base = (uint32_t)cp->ttbr0[bank] &
				~((1u << (14 - n)) - 1u);
		l1_addr = base | (((va << n) >> (20 + n)) << 2);
	}

	uint64_t d1;
	if (!mmu_walk_read(w, l1_addr, 4, 1, &d1, fault))
		return false;
	uint32_t desc = (uint32_t)d1;
	unsigned type = desc & 3u;
	if (type == 0 || (type == 3 && !pxn_implemented(cpu))) {
		fault->type = FAULT_TRANSLATION;
		fault->level = 1;
		return false;
	}

	unsigned tex, c, b, s, ap, domain;
	bool xn, pxn, ng, ns;
	uint64_t oa;
	unsigned size, level;
	if (type == 1) {
		/* Page table */
		domain = (desc >> 5) & 0xfu;
		pxn = (desc >> 2) & 1u;
		ns = (desc >> 3) & 1u;
		uint32_t l2_addr = (desc & 0xfffffc00u) | ((va >> 10) & 0x3fcu);
		uint64_t d2;
		if (!mmu_walk_read(w, l2_addr, 4, 2, &d2, fault)) {
			fault->domain = domain;
			return false;
		}
		uint32_t pd = (uint32_t)d2;
		if ((pd & 3u) == 0) {
			fault->type = FAULT_TRANSLATION;
			fault->level = 2;
			fault->domain = domain;
			return false;
		}
		if ((pd & 3u) == 1) {
			/* Large page, 64 KiB */
			oa = (pd & 0xffff0000u) | (va & 0xffffu);
			size = 16;
			xn = (pd >> 15) & 1u;
			tex = (pd >> 12) & 7u;
		} else {
			/* Small page, 4 KiB */
			oa = (pd & 0xfffff000u) | (va & 0xfffu);
			size = 12;
			xn = pd & 1u;
			tex = (pd >> 6) & 7u;
		}
		b = (pd >> 2) & 1u;
		c = (pd >> 3) & 1u;
		ap = ((pd >> 4) & 3u) | (((pd >> 9) & 1u) << 2);
		s = (pd >> 10) & 1u;
		ng = (pd >> 11) & 1u;
		level = 2;
	} else {
		/* Section or supersection (type 3 = PXN set) */
		pxn = type == 3;
		b = (desc >> 2) & 1u;
		c = (desc >> 3) & 1u;
		xn = (desc >> 4) & 1u;
		ap = ((desc >> 10) & 3u) | (((desc >> 15) & 1u) << 2);
		tex = (desc >> 12) & 7u;
		s = (desc >> 16) & 1u;
		ng = (desc >> 17) & 1u;
		ns = (desc >> 19) & 1u;
		if (desc & (1u << 18)) {
			/* Supersection, 16 MiB: PA[39:36] from bits[8:5],
			 * PA[35:32] from bits[23:20]; domain 0 (B3.5.1). */
			oa = (uint64_t)(desc & 0xff000000u) |
			     (uint64_t)((desc >> 20) & 0xfu) << 32 |
			     (uint64_t)((desc >> 5) & 0xfu) << 36 |
			     (va & 0x00ffffffu);
			size = 24;
			domain = 0;
			r->supersection = true;
		} else {
			oa = (desc & 0xfff00000u) | (va & 0x000fffffu);
			size = 20;
			domain = (desc >> 5) & 0xfu;
		}
		level = 1;
	}

	uint32_t sctlr = cp->sctlr[bank];
	bool afe = sctlr & SCTLR_AFE;
	/* B3.7.3: with AFE, AP[0] is the Access flag; no hardware
	 * management, so AF == 0 faults. Checked before domains and
	 * permissions (B3.12.3 fault priority). */
	if (afe && !(ap & 1u)) {
		fault->type = FAULT_ACCESS_FLAG;
		fault->level = level;
		fault->domain = domain;
		return false;
	}

	r->oa = oa;
	r->size_log2 = (uint8_t)size;
	r->level = (uint8_t)level;
	r->domain = (uint8_t)domain;
	r->global = !ng;
	/* The NS bit matters only in the Secure regime; Non-secure
	 * translations always output Non-secure addresses (B3.5.1). */
	r->ns = w->ctx->regime == MMU_REGIME_S_PL10 ? ns : true;
	r->perms = add_execute(short_perms(ap, afe), xn, pxn, sctlr);
	short_attrs(cpu, bank, tex, c, b, s, r);
	return true;
}
