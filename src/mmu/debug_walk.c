/* The debugger's translations (mmu.h): a chosen regime's stage 1 and
 * stage 2, stage by stage, with ctx.no_fill set, the flag the walker
 * honours for mmu_translate_debug — TLB entries are looked up (the core
 * would use them, stale or not) and nothing is filled; no cache model is
 * touched (table descriptors are read from the bus, as the walker always
 * reads them). */
#include <stdio.h>
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/mmu_internal.h"

static void view_ctx(const struct cpu *cpu, enum mmu_view v,
		     struct mmu_ctx *ctx)
{
	if (v == MMU_VIEW_GUEST)
		mmu_ctx_ns_pl10(cpu, false, ctx);
	else if (v == MMU_VIEW_HYP)
		mmu_ctx_hyp(cpu, ctx);
	else
		mmu_ctx_current(cpu, 0, ctx);
	ctx->no_fill = true;
}

bool mmu_debug_view_translate(struct cpu *cpu, enum mmu_view v, uint32_t va,
			      uint64_t *pa)
{
	struct mmu_ctx ctx;
	struct mmu_xlat x;
	struct mmu_fault f;
	view_ctx(cpu, v, &ctx);
	if (!mmu_translate_ctx(cpu, &ctx, va, MMU_READ, false, &x, &f))
		return false;
	*pa = x.pa & PA_MASK;
	return true;
}

static const char *regime_name(const struct mmu_ctx *ctx)
{
	switch (ctx->regime) {
	case MMU_REGIME_HYP: return "Hyp";
	case MMU_REGIME_S_PL10: return "Secure PL1&0";
	default: return "Non-secure PL1&0";
	}
}

bool mmu_debug_stages(struct cpu *cpu, enum mmu_view v, uint32_t va, int vmid,
		      struct mmu_stages *out)
{
	struct mmu_ctx ctx;
	memset(out, 0, sizeof *out);
	out->va = va;
	view_ctx(cpu, v, &ctx);
	unsigned vttbr_vmid = (unsigned)(cpu->cp15.vttbr >> 48) & 0xffu;
	out->vttbr_vmid = (uint8_t)vttbr_vmid;
	if (vmid >= 0) {
		if (ctx.regime != MMU_REGIME_NS_PL10) {
			snprintf(out->refused, sizeof out->refused,
				 "the %s regime has no stage 2: vmid applies to "
				 "the Non-secure PL1&0 regime only",
				 regime_name(&ctx));
			return false;
		}
		if ((unsigned)vmid != vttbr_vmid) {
			/* Only the current VTTBR is known to the model: a
			 * hypervisor keeps the other guests' stage-2 roots
			 * in its own data structures. */
			snprintf(out->refused, sizeof out->refused,
				 "VTTBR holds VMID %u, not %d: hypsim knows only "
				 "the stage 2 of the current VTTBR (VMID %u)",
				 vttbr_vmid, vmid, vttbr_vmid);
			return false;
		}
		/* An explicit VMID asks for its stage 2 even while HCR.VM
		 * is clear (a hypervisor running its own code). */
		ctx.s2_on = true;
	}
	out->regime = regime_name(&ctx);
	out->s1_on = ctx.s1_on;
	out->s1_long = ctx.lpae;
	out->s2_on = ctx.s2_on;
	out->vmid = ctx.vmid;
	out->asid = ctx.asid;
	out->dc = ctx.dc;

	struct mmu_xlat x;
	struct mmu_fault f;
	bool ok = mmu_translate_ctx(cpu, &ctx, va, MMU_READ, false, &x, &f);
	if (!ok) {
		out->fault = f;
		out->faulted = true;
		if (f.stage2 && !f.s1ptw) {
			/* Stage 1 gave an IPA that stage 2 refused. */
			struct mmu_xlat s1;
			struct mmu_fault f1;
			if (mmu_translate_ctx(cpu, &ctx, va, MMU_READ, true, &s1,
					      &f1)) {
				out->s1_done = true;
				out->ipa = s1.ipa;
				out->s1attr = s1.s1attr;
			} else {
				out->ipa = f.ipa;
			}
		}
		return true;
	}
	out->s1_done = true;
	out->ipa = x.ipa;
	out->pa = x.pa & PA_MASK;
	out->s1attr = x.s1attr;
	out->attr = x.memattr;
	out->ns = x.ns;
	if (ctx.s2_on) {
		struct mmu_s2_result s2;
		struct mmu_fault f2;
		if (mmu_stage2_xlat(cpu, &ctx, x.ipa, &s2, &f2)) {
			out->s2_done = true;
			out->s2attr = s2.memattr;
			out->s2perms = s2.perms;
			out->s2level = s2.level;
			out->s2_from_tlb = s2.tlb_index >= 0;
		}
	}
	out->from_tlb = x.tlb_index >= 0;
	return true;
}


/* ---- stale TLB entries ----
 * A TLB may keep an entry after its descriptor changed until a TLB
 * maintenance operation removes it (ARM DDI 0406C B3.10.1 "General TLB
 * maintenance requirements"). Such an entry is stale: the walk it came
 * from, done again now with the current tables and registers, gives
 * another output address, size, attributes or permissions, or a fault.
 * The walk here neither looks the TLB up nor fills it (no_lookup,
 * no_fill), and reads the tables as the core's walker does, from RAM
 * only: tables elsewhere are not read (a device read may have side
 * effects), and such an entry cannot be judged. */

static const char *size_text(unsigned log2, char *buf, unsigned len)
{
	if (log2 >= 30)
		snprintf(buf, len, "%uG", 1u << (log2 - 30));
	else if (log2 >= 20)
		snprintf(buf, len, "%uM", 1u << (log2 - 20));
	else
		snprintf(buf, len, "%uK", 1u << (log2 - 10));
	return buf;
}

static int stale_s1(struct cpu *cpu, const struct mmu_ctx *ctx,
		    const struct tlb_entry *e, char *why, unsigned len)
{
	uint64_t desc_pa = 0;
	struct mmu_walker w = {
		.cpu = cpu, .ctx = ctx,
		.s2_walks = (e->aux & TLB_AUX_HAS_S2) != 0,
		.ee = ctx->ee, .desc_pa = &desc_pa,
	};
	struct mmu_walk_result r;
	struct mmu_fault f;
	bool ok = ctx->lpae ? mmu_walk_long(&w, (uint32_t)e->va, &r, &f)
			    : mmu_walk_short(&w, (uint32_t)e->va, &r, &f);
	if (!ok) {
		if (f.type == FAULT_EXTERNAL_WALK)
			return -1; /* tables outside RAM: not read */
		snprintf(why, len, "the tables now give a %s fault",
			 f.stage2 ? "stage-2" : "stage-1");
		return 1;
	}
	uint64_t ipa = r.oa;
	uint8_t s1attr = (uint8_t)(e->aux >> TLB_AUX_S1ATTR_SHIFT);
	if (!(e->aux & TLB_AUX_HAS_S2)) {
		if (ipa != e->pa || r.size_log2 != e->size_log2) {
			char sz[16];
			snprintf(why, len, "the tables now map it to PA "
				 "0x%010llx (%s)", (unsigned long long)ipa,
				 size_text(r.size_log2, sz, sizeof sz));
			return 1;
		}
	} else if (ipa != e->ipa || r.size_log2 < e->size_log2) {
		snprintf(why, len, "stage 1 now maps it to IPA 0x%010llx",
			 (unsigned long long)ipa);
		return 1;
	}
	bool global = r.global || ctx->regime == MMU_REGIME_HYP;
	if (r.perms != e->perms || r.memattr != s1attr || global != e->global) {
		snprintf(why, len, "the descriptor's permissions or attributes "
			 "changed");
		return 1;
	}
	if (!(e->aux & TLB_AUX_HAS_S2))
		return 0;
	struct mmu_s2_result s2;
	if (!mmu_walk_s2(cpu, ctx, ipa, &s2, &f)) {
		if (f.type == FAULT_EXTERNAL_WALK)
			return -1;
		snprintf(why, len, "stage 2 now faults for IPA 0x%010llx",
			 (unsigned long long)ipa);
		return 1;
	}
	if ((s2.pa & ~((1ull << e->size_log2) - 1)) != e->pa ||
	    s2.size_log2 < e->size_log2 || (s2.perms & 7u) != (e->aux & 7u)) {
		snprintf(why, len, "stage 2 now maps IPA 0x%010llx to PA "
			 "0x%010llx", (unsigned long long)ipa,
			 (unsigned long long)s2.pa);
		return 1;
	}
	return 0;
}

int mmu_tlb_entry_stale(struct cpu *cpu, const struct tlb_entry *e,
			char *why, unsigned len)
{
	struct mmu_ctx ctx;
	char scratch[8];
	if (!why || !len) {
		why = scratch;
		len = sizeof scratch;
	}
	why[0] = 0;
	if (!e->valid)
		return -1;
	switch (e->regime) {
	case TLB_REGIME_HYP:
		mmu_ctx_hyp(cpu, &ctx);
		break;
	case TLB_REGIME_S2: {
		mmu_ctx_pl10(cpu, false, &ctx);
		if (e->vmid != ctx.vmid)
			return -1; /* another VMID: its VTTBR is not known */
		ctx.no_fill = ctx.no_lookup = true;
		struct mmu_s2_result s2;
		struct mmu_fault f;
		if (!mmu_walk_s2(cpu, &ctx, e->va, &s2, &f)) {
			if (f.type == FAULT_EXTERNAL_WALK)
				return -1;
			snprintf(why, len, "stage 2 now faults");
			return 1;
		}
		if (s2.pa != e->pa || s2.size_log2 != e->size_log2 ||
		    s2.memattr != e->memattr || (s2.perms & 7u) != (e->aux & 7u)) {
			char sz[16];
			snprintf(why, len, "stage 2 now maps it to PA 0x%010llx "
				 "(%s)", (unsigned long long)s2.pa,
				 size_text(s2.size_log2, sz, sizeof sz));
			return 1;
		}
		return 0;
	}
	default:
		if (!e->ns && !cpu_is_secure(cpu))
			return -1; /* Secure entries, judged from Secure state */
		mmu_ctx_pl10(cpu, !e->ns, &ctx);
		if (e->ns && e->vmid != ctx.vmid)
			return -1;
		if (!e->global && e->asid != ctx.asid)
			return -1; /* another process's tables */
		if (!!(e->aux & TLB_AUX_SHORT) == ctx.lpae)
			return -1; /* the format changed since: TTBCR.EAE */
		break;
	}
	/* The entry exists, so its stage 1 was on when it was filled: walk
	 * the tables the registers name now even if the MMU is off. */
	ctx.s1_on = true;
	ctx.no_fill = ctx.no_lookup = true;
	return stale_s1(cpu, &ctx, e, why, len);
}
