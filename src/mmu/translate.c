/* Address translation for the current regime (ARM DDI 0406C chapter B3):
 * regime selection, the soft-TLB fast path, the modelled TLB in front of
 * the table walks, permission checks, stage 1 + stage 2 combination and
 * the MMU-off default attributes. The walks themselves are in
 * translate_short.c, translate_long.c and translate_s2.c.
 *
 * The order of work for one access:
 *   1. soft-TLB (a 4 KiB shortcut keyed by the full context; it only ever
 *      holds translations that a modelled-TLB entry gives, or MMU-off flat
 *      ones, and only for access kinds that passed their checks);
 *   2. the modelled TLB (tlb.c): an entry of this context that covers the
 *      address is used as it is — however the tables or TTBRs changed since
 *      it was filled (B3.10.1);
 *   3. a table walk, whose result fills the TLB before permissions are
 *      checked (an entry that gives a Permission or Domain fault is still a
 *      valid translation and may be cached; Translation, Access flag and
 *      external-abort results are never cached, B3.10.1). */
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/errata.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/dcache_model.h"
#include "mmu/mmu.h"
#include "mmu/mmu_internal.h"
#include "mmu/tlb.h"

#define TTBCR_EAE (1u << 31)
#define TTBCR_A1 (1u << 22)

/* ---- contexts ---- */

static void ctx_pl10(const struct cpu *cpu, bool secure, bool pl0,
		     struct mmu_ctx *ctx)
{
	const struct cp15 *c = &cpu->cp15;
	unsigned bank = secure ? 0 : 1;
	uint32_t sctlr = c->sctlr[bank];
	uint32_t ttbcr = c->ttbcr[bank];
	/* HCR applies to the Non-secure PL1&0 regime only (B4.1.65). */
	uint32_t hcr = secure ? 0 : c->hcr;

	memset(ctx, 0, sizeof *ctx);
	ctx->regime = secure ? MMU_REGIME_S_PL10 : MMU_REGIME_NS_PL10;
	ctx->bank = (uint8_t)bank;
	ctx->pl0 = pl0;
	/* HCR.DC (B4.1.65): stage 1 behaves as disabled and its accesses
	 * are Normal Write-Back. Following ARMv8 (HCR_EL2.DC "treated as
	 * if HCR.VM is 1"), DC also enables stage 2: ARMv7 makes DC=1 with
	 * VM=0 UNPREDICTABLE, and this is one permitted behaviour. */
	ctx->dc = (hcr & HCR_DC) != 0;
	ctx->s2_on = (hcr & (HCR_VM | HCR_DC)) != 0;
	ctx->s1_on = (sctlr & SCTLR_M) && !ctx->dc;
	ctx->lpae = (ttbcr & TTBCR_EAE) != 0;
	ctx->ee = (sctlr & SCTLR_EE) != 0;
	ctx->icache_on = (sctlr & SCTLR_I) != 0;
	if (ctx->lpae) {
		uint64_t ttbr = (ttbcr & TTBCR_A1) ? c->ttbr1[bank]
						   : c->ttbr0[bank];
		ctx->asid = (uint8_t)(ttbr >> 48);
	} else {
		ctx->asid = (uint8_t)c->contextidr[bank];
	}
	/* Non-secure PL1&0 entries carry the VMID of VTTBR whether or not
	 * stage 2 is enabled (B3.9 "Translation Lookaside Buffers (TLBs)", VMID
	 * tagging): a hypervisor that runs its host with HCR.VM=0 keeps it
	 * apart from guests by VMID. */
	ctx->vmid = secure ? 0 : (uint8_t)(c->vttbr >> 48);
}

void mmu_ctx_hyp(const struct cpu *cpu, struct mmu_ctx *ctx)
{
	uint32_t hsctlr = cpu->cp15.hsctlr;
	memset(ctx, 0, sizeof *ctx);
	ctx->regime = MMU_REGIME_HYP;
	ctx->bank = 1;
	ctx->s1_on = (hsctlr & HSCTLR_M) != 0;
	ctx->lpae = true; /* Hyp uses the long-descriptor format only */
	ctx->ee = (hsctlr & HSCTLR_EE) != 0;
	ctx->icache_on = (hsctlr & HSCTLR_I) != 0;
}

void mmu_ctx_ns_pl10(const struct cpu *cpu, bool pl0, struct mmu_ctx *ctx)
{
	ctx_pl10(cpu, false, pl0, ctx);
}

void mmu_ctx_pl10(const struct cpu *cpu, bool secure, struct mmu_ctx *ctx)
{
	ctx_pl10(cpu, secure, false, ctx);
}

void mmu_ctx_current(const struct cpu *cpu, unsigned flags,
		     struct mmu_ctx *ctx)
{
	unsigned mode = cpu_mode(cpu);
	if (mode == MODE_HYP) {
		/* LDRT/STRT in Hyp mode are UNPREDICTABLE (A8.8 "LDRT",
		 * "STRT"): hypsim checks them as Hyp accesses. */
		mmu_ctx_hyp(cpu, ctx);
		return;
	}
	/* Secure: SCR.NS == 0, or Monitor mode (B1.5.1). */
	bool secure = !(cpu->cp15.scr & SCR_NS) || mode == MODE_MON;
	bool pl0 = mode == MODE_USR || (flags & ACC_UNPRIV);
	ctx_pl10(cpu, secure, pl0, ctx);
}

/* ---- attributes ---- */

uint8_t mmu_default_attrs(const struct mmu_ctx *ctx, enum mmu_access acc)
{
	if (ctx->dc)
		return 0xff; /* HCR.DC: Normal, Inner/Outer WB-WA */
	/* B3.2.1: with the stage 1 MMU disabled, data accesses are
	 * Strongly-ordered; instruction fetches are Normal, Write-Through
	 * cacheable when SCTLR.I (HSCTLR.I) is 1, else Non-cacheable. */
	if (acc == MMU_FETCH)
		return ctx->icache_on ? 0xaa : 0x44;
	return 0x00;
}

/* Cacheability class of one MAIR nibble: 0 NC, 1 WT, 2 WB. */
static unsigned nibble_class(unsigned n)
{
	if (n == 0x4)
		return 0;
	switch (n >> 2) {
	case 0: /* 0b00RW (RW != 0): Write-Through transient in ARMv8 */
	case 2:
		return 1;
	default:
		return 2;
	}
}

static unsigned combine_nibble(unsigned s1, unsigned s2)
{
	unsigned c1 = nibble_class(s1), c2 = nibble_class(s2);
	unsigned c = c1 < c2 ? c1 : c2;
	if (c == 0)
		return 0x4;
	/* Allocation hints come from stage 1 (stage 2 has none). */
	unsigned hints = (s1 & 3u) ? (s1 & 3u) : 3u;
	return (c == 1 ? 0x8u : 0xcu) | hints;
}

uint8_t mmu_combine_attrs(uint8_t s1, uint8_t s2)
{
	/* DDI 0406C "Combining the stage 1 and stage 2 attributes": the
	 * result is the more restrictive of the two. Device beats Normal,
	 * Strongly-ordered beats Device, and for Normal memory each of
	 * inner and outer takes the weaker cacheability. */
	bool d1 = (s1 & 0xf0u) == 0, d2 = (s2 & 0xf0u) == 0;
	if (d1 || d2) {
		if ((d1 && s1 == 0) || (d2 && s2 == 0))
			return 0x00;
		return 0x04;
	}
	return (uint8_t)(combine_nibble(s1 >> 4, s2 >> 4) << 4 |
			 combine_nibble(s1 & 0xfu, s2 & 0xfu));
}

/* ---- table-walk memory accesses ---- */

bool mmu_walk_read(const struct mmu_walker *w, uint64_t addr, unsigned size,
		   unsigned level, uint64_t *val, struct mmu_fault *fault)
{
	struct cpu *cpu = w->cpu;
	uint64_t pa = addr;
	if (w->s2_walks) {
		/* B3.3.2: with stage 2 enabled, the stage-1 table addresses
		 * are IPAs, translated by stage 2 as reads. */
		struct mmu_s2_result s2;
		if (!mmu_stage2(cpu, w->ctx, addr, MMU_READ, true, &s2, fault))
			return false;
		pa = s2.pa;
	}
	if (w->desc_pa)
		*w->desc_pa = pa & PA_MASK;
	if (w->ctx->no_lookup && !bus_ram_ptr(cpu->bus, pa & PA_MASK, size)) {
		/* A report's re-walk (stale-entry check) reads RAM only: a
		 * device read could have side effects. */
		fault->type = FAULT_EXTERNAL_WALK;
		fault->level = level;
		fault->stage2 = false;
		return false;
	}
	uint64_t v = 0;
	/* A walker that is coherent with the data cache reads the tables
	 * as the data side last wrote them; another reads memory (the
	 * software must clean the tables to PoU first). */
	bool coherent = cpu->model && cpu->model->coherent_walk &&
			!cpu_erratum(cpu, ERRATUM_NONCOHERENT_WALK);
	bool ok = cpu->bus->dcache && coherent
			  ? dcache_walk_read(cpu, pa & PA_MASK, size, &v)
			  : bus_read(cpu->bus, pa & PA_MASK, size, &v, cpu);
	if (!ok) {
		fault->type = FAULT_EXTERNAL_WALK;
		fault->level = level;
		fault->stage2 = false;
		return false;
	}
	if (w->ee)
		v = size == 8 ? __builtin_bswap64(v)
			      : __builtin_bswap32((uint32_t)v);
	*val = v;
	return true;
}

/* ---- permission checks on an entry ---- */

static bool check_stage1(const struct cpu *cpu, const struct mmu_ctx *ctx,
			 const struct tlb_entry *e, enum mmu_access acc,
			 struct mmu_fault *fault)
{
	unsigned level = e->fault_info & 0xfu;
	if ((e->aux & TLB_AUX_SHORT) && ctx->regime != MMU_REGIME_HYP) {
		/* B3.7.3 domains: 0b00 No access and 0b10 (reserved, which
		 * hypsim treats as No access) fault; 0b11 Manager skips
		 * every permission check, XN included (B3.7.2). */
		unsigned d = (cpu->cp15.dacr[ctx->bank] >> (2 * e->domain)) & 3u;
		if (d == 0 || d == 2) {
			fault->type = FAULT_DOMAIN;
			fault->level = level;
			fault->domain = e->domain;
			return false;
		}
		if (d == 3)
			return true;
	}
	unsigned need = acc == MMU_FETCH   ? TLB_PERM_PL1_X
			: acc == MMU_WRITE ? TLB_PERM_PL1_W
					   : TLB_PERM_PL1_R;
	if (ctx->pl0 && ctx->regime != MMU_REGIME_HYP)
		need <<= 3; /* TLB_PERM_PL0_* */
	if (!(e->perms & need)) {
		fault->type = FAULT_PERMISSION;
		fault->level = level;
		fault->domain = e->domain;
		return false;
	}
	return true;
}

static bool check_stage2_entry(const struct cpu *cpu,
			       const struct mmu_ctx *ctx,
			       const struct tlb_entry *e, uint32_t va,
			       enum mmu_access acc, struct mmu_fault *fault)
{
	uint64_t mask = (1ull << e->size_log2) - 1;
	struct mmu_s2_result s2 = {
		.pa = e->pa,
		.memattr = (uint8_t)e->memattr,
		.perms = (uint8_t)(e->aux & 7u),
		.level = (uint8_t)(e->fault_info >> 4),
		.size_log2 = e->size_log2,
	};
	return mmu_stage2_check(cpu, ctx, &s2, e->ipa | (va & mask), acc,
				false, fault);
}

/* ---- the translation ---- */

static void entry_from_walk(const struct mmu_ctx *ctx, uint32_t va,
			    const struct mmu_walk_result *r,
			    struct tlb_entry *e)
{
	uint64_t mask = (1ull << r->size_log2) - 1;
	memset(e, 0, sizeof *e);
	e->valid = true;
	e->regime = ctx->regime == MMU_REGIME_HYP ? TLB_REGIME_HYP
						  : TLB_REGIME_PL10;
	e->ns = ctx->regime != MMU_REGIME_S_PL10;
	e->global = r->global || ctx->regime == MMU_REGIME_HYP;
	e->asid = ctx->asid;
	e->vmid = ctx->regime == MMU_REGIME_NS_PL10 ? ctx->vmid : 0;
	e->size_log2 = r->size_log2;
	e->domain = r->domain;
	e->perms = r->perms;
	e->memattr = r->memattr;
	e->fault_info = r->level & 0xfu;
	e->va = va & ~mask;
	e->pa = r->oa & ~mask;
	e->ipa = e->pa;
	e->aux = TLB_AUX_S2_R | TLB_AUX_S2_W | TLB_AUX_S2_X |
		 (r->short_format ? TLB_AUX_SHORT : 0) |
		 (r->supersection ? TLB_AUX_SS : 0) |
		 (r->nos ? TLB_AUX_NOS : 0) | (r->ns ? TLB_AUX_OUT_NS : 0) |
		 ((uint32_t)(r->sh & 3u) << TLB_AUX_SH_SHIFT) |
		 ((uint32_t)r->memattr << TLB_AUX_S1ATTR_SHIFT);
}

bool mmu_translate_ctx(struct cpu *cpu, const struct mmu_ctx *ctx,
		       uint32_t va, enum mmu_access acc, bool stage1_only,
		       struct mmu_xlat *x, struct mmu_fault *fault)
{
	memset(fault, 0, sizeof *fault);
	memset(x, 0, sizeof *x);
	fault->long_format = ctx->lpae;
	x->tlb_index = -1;
	x->s1_long = ctx->lpae;
	bool do_s2 = ctx->s2_on && !stage1_only;

	if (!ctx->s1_on) {
		/* Flat stage 1 (B3.2.1): PA (or IPA) = VA. */
		uint8_t s1 = mmu_default_attrs(ctx, acc);
		x->ipa = va;
		x->s1attr = s1;
		x->memattr = s1;
		x->pa = va;
		x->ns = ctx->regime != MMU_REGIME_S_PL10;
		/* Strongly-ordered and the default Normal memory of
		 * instruction fetches are Outer Shareable; HCR.DC memory is
		 * Non-shareable (B3.2.1, B4.1.65). */
		x->sh = ctx->dc ? 0 : 2;
		if (do_s2) {
			struct mmu_s2_result s2;
			if (!mmu_stage2(cpu, ctx, va, acc, false, &s2, fault))
				return false;
			x->pa = s2.pa;
			x->memattr = mmu_combine_attrs(s1, s2.memattr);
			x->tlb_index = s2.tlb_index;
		}
		return true;
	}

	enum tlb_regime tr = ctx->regime == MMU_REGIME_HYP ? TLB_REGIME_HYP
							   : TLB_REGIME_PL10;
	struct tlb_entry tmp;
	const struct tlb_entry *e;
	int idx = tlb_find(cpu, ctx, tr, va);
	if (idx >= 0) {
		e = &cpu->tlb.entries[idx];
		cpu->tlb.hits += !ctx->no_fill;
	} else {
		uint64_t desc_pa = 0;
		struct mmu_walker w = {
			.cpu = cpu, .ctx = ctx, .s2_walks = ctx->s2_on,
			.ee = ctx->ee, .desc_pa = &desc_pa,
		};
		struct mmu_walk_result r;
		cpu->tlb.walks += !ctx->no_fill;
		bool ok = ctx->lpae ? mmu_walk_long(&w, va, &r, fault)
				    : mmu_walk_short(&w, va, &r, fault);
		if (!ok)
			return false;
		entry_from_walk(ctx, va, &r, &tmp);
		tmp.desc_pa = desc_pa;
		if (do_s2) {
			/* A stage-1 fault comes before any stage-2 lookup
			 * of the output address (B3.12 "VMSA memory aborts",
			 * fault priority): the access never reaches stage 2.
			 * Nothing is cached then, as no combined entry exists
			 * yet. */
			if (!check_stage1(cpu, ctx, &tmp, acc, fault))
				return false;
			struct mmu_s2_result s2;
			if (!mmu_stage2_xlat(cpu, ctx, r.oa, &s2, fault))
				return false;
			unsigned size = r.size_log2 < s2.size_log2
						? r.size_log2 : s2.size_log2;
			uint64_t mask = (1ull << size) - 1;
			tmp.size_log2 = (uint8_t)size;
			tmp.va = va & ~mask;
			tmp.ipa = r.oa & ~mask;
			tmp.pa = s2.pa & ~mask;
			tmp.memattr = mmu_combine_attrs(r.memattr, s2.memattr);
			tmp.aux = (tmp.aux & ~7u) | TLB_AUX_HAS_S2 |
				  (s2.perms & 7u);
			tmp.fault_info |= (uint8_t)(s2.level << 4);
			tmp.s2_desc_pa = s2.desc_pa;
		}
		/* An ATS1C* with stage 2 enabled stops at the IPA: its
		 * result is not the combined translation the TLB holds for
		 * this context, so it is not cached. */
		if (!(stage1_only && ctx->s2_on) && !ctx->no_fill)
			idx = tlb_insert(cpu, &tmp);
		e = idx >= 0 ? &cpu->tlb.entries[idx] : &tmp;
	}

	if (!check_stage1(cpu, ctx, e, acc, fault))
		return false;
	bool has_s2 = (e->aux & TLB_AUX_HAS_S2) != 0;
	if (do_s2 && has_s2 && !check_stage2_entry(cpu, ctx, e, va, acc, fault))
		return false;

	uint64_t off = va & ((1ull << e->size_log2) - 1);
	x->ipa = e->ipa | off;
	x->s1attr = (uint8_t)(e->aux >> TLB_AUX_S1ATTR_SHIFT);
	if (stage1_only && has_s2) {
		x->pa = x->ipa;
		x->memattr = x->s1attr;
	} else {
		x->pa = e->pa | off;
		x->memattr = e->memattr;
	}
	x->sh = (uint8_t)((e->aux >> TLB_AUX_SH_SHIFT) & 3u);
	x->ns = (e->aux & TLB_AUX_OUT_NS) != 0;
	x->supersection = (e->aux & TLB_AUX_SS) != 0;
	x->nos = (e->aux & TLB_AUX_NOS) != 0;
	x->s1_long = !(e->aux & TLB_AUX_SHORT);
	x->tlb_index = idx;
	return true;
}

/* ---- soft-TLB ---- */

/* Everything that decides what a translation gives, besides the TLB
 * contents and DACR (handled apart): bit 31 is always set so that a
 * zeroed slot never matches. */
#define SOFT_KEY_PL0 (1u << 2)
static uint32_t soft_context(const struct mmu_ctx *ctx)
{
	return 1u << 31 | (uint32_t)ctx->regime | (uint32_t)ctx->pl0 << 2 |
	       (uint32_t)ctx->s1_on << 3 | (uint32_t)ctx->s2_on << 4 |
	       (uint32_t)ctx->dc << 5 | (uint32_t)ctx->lpae << 6 |
	       (uint32_t)ctx->icache_on << 7 | (uint32_t)ctx->asid << 8 |
	       (uint32_t)ctx->vmid << 16 | (uint32_t)ctx->bank << 24;
}

void mmu_context_changed(struct cpu *cpu)
{
	tlb_soft_flush(cpu);
	cpu->tlb.key_valid = false;
}

/* Recompute the soft-TLB key of the current context. The registers it
 * reads are written through the CP15 table, which calls
 * mmu_context_changed(); CPSR.M and SCR are checked at every access as
 * well, since mode changes and a reset can set them directly. */
static void refresh_key(struct cpu *cpu)
{
	struct tlb *t = &cpu->tlb;
	struct mmu_ctx ctx;
	mmu_ctx_current(cpu, 0, &ctx);
	t->key_base = soft_context(&ctx);
	t->key_hyp = ctx.regime == MMU_REGIME_HYP;
	t->key_dacr = !ctx.lpae && ctx.s1_on;
	t->key_bank = ctx.bank;
	t->key_mode = (uint8_t)cpu_mode(cpu);
	t->key_scr = cpu->cp15.scr;
	t->key_valid = true;
	t->gen++;
}

/* The translation of va a soft-TLB slot for its page holds. */
static inline void soft_slot_result(const struct soft_tlb_slot *slot,
				    uint32_t va, struct mmu_result *res)
{
	uint32_t off = va & 0xfffu;
	res->pa = slot->pa_page | off;
	res->memattr = slot->memattr;
	res->ns = slot->ns;
	res->host = slot->host ? slot->host + off : NULL;
}

bool mmu_translate(struct cpu *cpu, uint32_t va, enum mmu_access acc,
		   unsigned flags, struct mmu_result *res,
		   struct mmu_fault *fault)
{
	struct tlb *t = &cpu->tlb;
	unsigned kind = (unsigned)acc < 3 ? (unsigned)acc : MMU_READ;

	if (!t->key_valid || t->key_mode != cpu_mode(cpu) ||
	    t->key_scr != cpu->cp15.scr)
		refresh_key(cpu);
	uint32_t key = t->key_base;
	if ((flags & ACC_UNPRIV) && !t->key_hyp)
		key |= SOFT_KEY_PL0;
	/* Short-descriptor entries are checked against DACR at every use
	 * (DACR is not cached in the TLB, B3.7.3); a soft-TLB slot holds
	 * the outcome of that check, so a DACR change empties it. */
	if (t->key_dacr) {
		uint32_t dacr = cpu->cp15.dacr[t->key_bank];
		if (dacr != t->soft_dacr) {
			tlb_soft_flush(cpu);
			t->soft_dacr = dacr;
		}
	}
	uint32_t page = va >> 12;
	struct soft_tlb_slot *slot = &t->soft[kind][page % SOFT_TLB_SLOTS];
	if (slot->va_page == page && slot->context == key) {
		soft_slot_result(slot, va, res);
		return true;
	}

	struct mmu_ctx ctx;
	mmu_ctx_current(cpu, flags, &ctx);
	struct mmu_xlat x;
	if (!mmu_translate_ctx(cpu, &ctx, va, acc, false, &x, fault))
		return false;
	res->pa = x.pa & PA_MASK;
	res->memattr = x.memattr;
	res->ns = x.ns;
	uint64_t pa_page = res->pa & ~0xfffull;
	uint8_t *host = bus_ram_ptr(cpu->bus, pa_page, 0x1000);
	res->host = host ? host + (va & 0xfffu) : NULL;

	/* Only what the modelled TLB holds (or a flat translation with no
	 * stage enabled) may be remembered. */
	if (x.tlb_index >= 0 || (!ctx.s1_on && !ctx.s2_on)) {
		slot->va_page = page;
		slot->context = soft_context(&ctx);
		slot->pa_page = pa_page;
		slot->host = host;
		slot->memattr = x.memattr;
		slot->ns = x.ns;
		slot->tlb_index = x.tlb_index;
	}
	return true;
}

bool mmu_translate_cached(const struct cpu *cpu, uint32_t va,
			  enum mmu_access acc, struct mmu_result *res)
{
	const struct tlb *t = &cpu->tlb;
	unsigned kind = (unsigned)acc < 3 ? (unsigned)acc : MMU_READ;
	/* the tests mmu_translate makes before its slot, none of them
	 * allowed to change anything here */
	if (!t->key_valid || t->key_mode != cpu_mode(cpu) ||
	    t->key_scr != cpu->cp15.scr ||
	    (t->key_dacr && cpu->cp15.dacr[t->key_bank] != t->soft_dacr))
		return false;
	uint32_t page = va >> 12;
	const struct soft_tlb_slot *slot =
		&t->soft[kind][page % SOFT_TLB_SLOTS];
	if (slot->va_page != page || slot->context != t->key_base)
		return false;
	soft_slot_result(slot, va, res);
	return true;
}

bool mmu_translate_debug(struct cpu *cpu, uint32_t va, enum mmu_access acc,
			 struct mmu_result *res, struct mmu_fault *fault)
{
	struct mmu_ctx ctx;
	mmu_ctx_current(cpu, 0, &ctx);
	ctx.no_fill = true;
	struct mmu_xlat x;
	if (!mmu_translate_ctx(cpu, &ctx, va, acc, false, &x, fault))
		return false;
	res->pa = x.pa & PA_MASK;
	res->memattr = x.memattr;
	res->ns = x.ns;
	uint8_t *host = bus_ram_ptr(cpu->bus, res->pa & ~0xfffull, 0x1000);
	res->host = host ? host + (va & 0xfffu) : NULL;
	return true;
}
