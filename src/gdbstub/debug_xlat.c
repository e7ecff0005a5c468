/* Two-stage translation for the debugger (see debug.h): a chosen view of
 * memory (the current regime, the guest's Non-secure PL1&0 regime with
 * its stage 2, Hyp's own stage 1) and the stage-by-stage breakdown the
 * `translate` commands print.
 * The walks themselves are the MMU's (mmu_debug_stages in
 * src/mmu/debug_walk.c); this file chooses the view and prints. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "gdbstub/debug.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"

const char *dbg_view_name(enum dbg_view v)
{
	switch (v) {
	case DBG_VIEW_GUEST: return "guest";
	case DBG_VIEW_HYP: return "hyp";
	case DBG_VIEW_PHYS: return "phys";
	default: return "current";
	}
}

static enum mmu_view mmu_view_of(enum dbg_view v)
{
	return v == DBG_VIEW_GUEST ? MMU_VIEW_GUEST
	       : v == DBG_VIEW_HYP ? MMU_VIEW_HYP
				   : MMU_VIEW_CURRENT;
}

bool dbg_translate_view(struct cpu *cpu, enum dbg_view v, uint32_t va,
			uint64_t *pa)
{
	if (v == DBG_VIEW_PHYS) {
		*pa = va;
		return true;
	}
	return mmu_debug_view_translate(cpu, mmu_view_of(v), va, pa);
}

bool dbg_xlat_explain(struct cpu *cpu, enum dbg_view v, uint32_t va,
		      int vmid, struct mmu_stages *out)
{
	return mmu_debug_stages(cpu, mmu_view_of(v), va, vmid, out);
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

void dbg_xlat_print(const struct cpu *cpu, const struct mmu_stages *x,
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
	struct mmu_stages x;
	if (!dbg_xlat_explain(cpu, v, va, vmid, &x)) {
		fprintf(out, "translate 0x%08x: refused: %s\n", va, x.refused);
		return true;
	}
	dbg_xlat_print(cpu, &x, out);
	return true;
}
