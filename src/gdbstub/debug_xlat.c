/* Two-stage translation for the debugger (see debug.h): a chosen view of
 * memory (the current regime, the guest's Non-secure PL1&0 regime with
 * its stage 2, Hyp's own stage 1) and the stage-by-stage breakdown the
 * `translate` commands print.
 *
 * mmu.h exports only the translation of the current regime; the
 * breakdown needs the regime contexts and the stage-2 lookup of
 * mmu_internal.h. They are used here with ctx.no_fill set, the flag the
 * MMU itself honours for mmu_translate_debug: TLB entries are looked up
 * (the core would use them, stale or not) and nothing is filled; no
 * cache model is touched (table descriptors are read from the bus, as
 * the walker always reads them). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "gdbstub/debug.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/mmu_internal.h"

const char *dbg_view_name(enum dbg_view v)
{
	switch (v) {
	case DBG_VIEW_GUEST: return "guest";
	case DBG_VIEW_HYP: return "hyp";
	case DBG_VIEW_PHYS: return "phys";
	default: return "current";
	}
}

static void view_ctx(const struct cpu *cpu, enum dbg_view v,
		     struct mmu_ctx *ctx)
{
	if (v == DBG_VIEW_GUEST)
		mmu_ctx_ns_pl10(cpu, false, ctx);
	else if (v == DBG_VIEW_HYP)
		mmu_ctx_hyp(cpu, ctx);
	else
		mmu_ctx_current(cpu, 0, ctx);
	ctx->no_fill = true;
}

bool dbg_translate_view(struct cpu *cpu, enum dbg_view v, uint32_t va,
			uint64_t *pa)
{
	if (v == DBG_VIEW_PHYS) {
		*pa = va;
		return true;
	}
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

bool dbg_xlat_explain(struct cpu *cpu, enum dbg_view v, uint32_t va,
		      int vmid, struct dbg_xlat *out)
{
	struct mmu_ctx ctx;
	memset(out, 0, sizeof *out);
	out->va = va;
	if (v == DBG_VIEW_PHYS)
		v = DBG_VIEW_CURRENT;
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

/* A MAIR-style attribute byte in words (B3.8.1, the form mmu.h uses). */
static void attr_text(uint8_t a, char *buf, size_t len)
{
	static const char *const nib[16] = {
		"?", "WT-T", "WT-T", "WT-T", "NC", "WB-T", "WB-T", "WB-T",
		"WT", "WT", "WT", "WT", "WB", "WB", "WB", "WB",
	};
	if (a == 0x00)
		snprintf(buf, len, "Strongly-ordered");
	else if ((a & 0xf0u) == 0)
		snprintf(buf, len, "Device");
	else
		snprintf(buf, len, "Normal inner %s outer %s",
			 nib[a & 0xfu], nib[a >> 4]);
}

static const char *fault_name(enum fault_type t)
{
	switch (t) {
	case FAULT_ALIGNMENT: return "Alignment";
	case FAULT_TRANSLATION: return "Translation";
	case FAULT_ACCESS_FLAG: return "Access flag";
	case FAULT_DOMAIN: return "Domain";
	case FAULT_PERMISSION: return "Permission";
	case FAULT_ADDRESS_SIZE: return "Address size";
	case FAULT_EXTERNAL: return "External abort";
	case FAULT_EXTERNAL_WALK: return "External abort on the table walk";
	case FAULT_DEBUG: return "Debug";
	default: return "no";
	}
}

void dbg_xlat_print(const struct cpu *cpu, const struct dbg_xlat *x,
		    FILE *out)
{
	char a[64];
	const struct cp15 *c = &cpu->cp15;
	fprintf(out, "VA 0x%08x, %s regime (core %u in %s)\n", x->va,
		x->regime, cpu->index, cpu_mode_name(cpu_mode(cpu)));
	/* stage 1 */
	if (!x->s1_on) {
		fprintf(out, "  stage 1: off%s: IPA = VA\n",
			x->dc ? " (HCR.DC: Normal Write-Back)" : "");
	} else {
		fprintf(out, "  stage 1: on, %s descriptors, ASID %u\n",
			x->s1_long ? "long" : "short", x->asid);
	}
	if (x->faulted && !x->fault.stage2) {
		fprintf(out, "  stage 1: %s fault at level %u",
			fault_name(x->fault.type), x->fault.level);
		if (x->fault.type == FAULT_DOMAIN)
			fprintf(out, " (domain %u)", x->fault.domain);
		fprintf(out, "\n  VA 0x%08x -> fault in stage 1\n", x->va);
		return;
	}
	if (x->faulted && x->fault.s1ptw) {
		fprintf(out, "  stage 2: %s fault at level %u on the stage-1 "
			     "table walk (table IPA 0x%010" PRIx64 ")\n",
			fault_name(x->fault.type), x->fault.level, x->fault.ipa);
		fprintf(out, "  VA 0x%08x -> fault in stage 2 (stage-1 walk)\n",
			x->va);
		return;
	}
	if (x->s1_done) {
		attr_text(x->s1attr, a, sizeof a);
		fprintf(out, "  stage 1: VA 0x%08x -> %s 0x%010" PRIx64
			     ", %s (0x%02x)\n",
			x->va, x->s2_on ? "IPA" : "PA", x->ipa, a, x->s1attr);
	}
	/* stage 2 */
	if (!x->s2_on) {
		fprintf(out, "  stage 2: off\n");
		fprintf(out, "  VA 0x%08x -> PA 0x%010" PRIx64 "%s\n", x->va,
			x->pa, x->from_tlb ? " (TLB entry)" : "");
		return;
	}
	fprintf(out, "  stage 2: on, VTTBR 0x%016" PRIx64 " VMID %u, VTCR "
		     "0x%08x\n",
		(uint64_t)c->vttbr, x->vmid, c->vtcr);
	if (x->faulted) {
		fprintf(out, "  stage 2: %s fault at level %u for IPA 0x%010"
			     PRIx64 "\n",
			fault_name(x->fault.type), x->fault.level, x->fault.ipa);
		fprintf(out, "  VA 0x%08x -> IPA 0x%010" PRIx64
			     " -> fault in stage 2\n",
			x->va, x->ipa);
		return;
	}
	if (x->s2_done) {
		attr_text(x->s2attr, a, sizeof a);
		fprintf(out, "  stage 2: IPA 0x%010" PRIx64 " -> PA 0x%010" PRIx64
			     " level %u, S2AP %c%c, %s, %s (0x%02x)\n",
			x->ipa, x->pa, x->s2level,
			x->s2perms & MMU_S2_R ? 'r' : '-',
			x->s2perms & MMU_S2_W ? 'w' : '-',
			x->s2perms & MMU_S2_X ? "executable" : "XN", a,
			x->s2attr);
	}
	attr_text(x->attr, a, sizeof a);
	fprintf(out, "  VA 0x%08x -> IPA 0x%010" PRIx64 " -> PA 0x%010" PRIx64
		     ", %s (0x%02x)%s\n",
		x->va, x->ipa, x->pa, a, x->attr,
		x->from_tlb ? " (TLB entry)" : "");
}

/* ---- the `translate` command, shared by the monitor and gdb ---- */

bool dbg_translate_cmd(struct cpu *cpu, uint32_t va, const char *opts,
		       FILE *out)
{
	/* From Hyp mode the interesting translation is the guest's: the
	 * Non-secure PL1&0 registers as the guest left them. */
	enum dbg_view v = cpu_mode(cpu) == MODE_HYP ? DBG_VIEW_GUEST
						    : DBG_VIEW_CURRENT;
	int vmid = -1;
	char buf[128];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "vmid")) {
			char *n = strtok_r(NULL, " \t", &save), *end;
			if (!n)
				return false;
			unsigned long id = strtoul(n, &end, 0);
			if (*end || end == n || id > 255) {
				fprintf(out, "VMID '%s' is not 0-255\n", n);
				return true;
			}
			vmid = (int)id;
			v = DBG_VIEW_GUEST;
		} else if (!strcmp(w, "hyp")) {
			v = DBG_VIEW_HYP;
		} else if (!strcmp(w, "guest")) {
			v = DBG_VIEW_GUEST;
		} else if (!strcmp(w, "current")) {
			v = DBG_VIEW_CURRENT;
		} else {
			return false;
		}
	}
	struct dbg_xlat x;
	if (!dbg_xlat_explain(cpu, v, va, vmid, &x)) {
		fprintf(out, "translate 0x%08x: refused: %s\n", va, x.refused);
		return true;
	}
	dbg_xlat_print(cpu, &x, out);
	return true;
}
