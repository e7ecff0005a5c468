/* Stage 2 translation of the Non-secure PL1&0 regime (ARM DDI 0406C
 * B3.6 with the Virtualization Extensions): VTTBR (BADDR, VMID[55:48]),
 * VTCR (signed T0SZ, SL0, concatenated first tables), S2AP, MemAttr, XN,
 * AF; the stage-2 TLB entries; HCR.PTW. */
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/mmu_internal.h"

#define DESC_AF (1ull << 10)
#define DESC_XN (1ull << 54)

/* Stage-2 MemAttr[3:0] as a MAIR-style byte (B3.8.? Table B3-?):
 * MemAttr[3:2] == 0 is Strongly-ordered (MemAttr[1:0] == 0) or Device;
 * otherwise [3:2] outer and [1:0] inner: 01 NC, 10 WT, 11 WB. */
static uint8_t s2_memattr(unsigned m)
{
	static const uint8_t nib[4] = {0x4, 0x4, 0xa, 0xf};
	unsigned outer = (m >> 2) & 3u, inner = m & 3u;
	if (outer == 0)
		/* MemAttr 0b0010/0b0011 are reserved: hypsim treats them as
		 * Device. */
		return inner == 0 ? 0x00 : 0x04;
	/* inner == 0 with a Normal outer is UNPREDICTABLE: Non-cacheable
	 * (nib[0]). */
	return (uint8_t)(nib[outer] << 4 | nib[inner]);
}

bool mmu_walk_s2(struct cpu *cpu, const struct mmu_ctx *ctx, uint64_t ipa,
		 struct mmu_s2_result *r, struct mmu_fault *fault)
{
	const struct cp15 *cp = &cpu->cp15;
	uint32_t vtcr = cp->vtcr;
	/* T0SZ is a signed 4-bit field (VTCR.S is meant to equal T0SZ[3];
	 * hypsim uses T0SZ[3] as the sign when they differ). */
	int t0sz = (int)(vtcr & 0xfu);
	if (t0sz & 8)
		t0sz -= 16;
	unsigned sl0 = (vtcr >> 6) & 3u;
	int inputsize = 32 - t0sz;

	memset(r, 0, sizeof *r);
	r->tlb_index = -1;
	fault->stage2 = true;
	fault->ipa = ipa;
	fault->level = 1;

	/* B3.6.6: SL0 = 0 starts at level 2 (up to 16 concatenated tables:
	 * input sizes 25..34), SL0 = 1 at level 1 (31..40). Other
	 * combinations are a programming error that gives a stage-2 level
	 * 1 Translation fault (as QEMU does). */
	unsigned start;
	if (sl0 == 0 && inputsize >= 25 && inputsize <= 34)
		start = 2;
	else if (sl0 == 1 && inputsize >= 31 && inputsize <= 40)
		start = 1;
	else {
		fault->type = FAULT_TRANSLATION;
		return false;
	}
	if (inputsize < 64 && (ipa >> inputsize) != 0) {
		fault->type = FAULT_TRANSLATION;
		return false;
	}

	struct mmu_walker w = {
		.cpu = cpu, .ctx = ctx, .s2_walks = false,
		/* Stage-2 tables are read with Hyp's endianness. */
		.ee = (cp->hsctlr & HSCTLR_EE) != 0,
	};
	struct mmu_lpae_walk lw;
	if (!mmu_lpae_walk(&w, ipa, (unsigned)inputsize, start,
			   cp->vttbr & PA_MASK, &lw, fault)) {
		fault->stage2 = true;
		fault->ipa = ipa;
		return false;
	}
	if (!(lw.desc & DESC_AF)) {
		fault->type = FAULT_ACCESS_FLAG;
		fault->level = lw.level;
		return false;
	}
	unsigned s2ap = (lw.desc >> 6) & 3u;
	r->pa = lw.oa;
	r->memattr = s2_memattr((unsigned)(lw.desc >> 2) & 0xfu);
	r->perms = (uint8_t)(((s2ap & 1u) ? MMU_S2_R : 0) |
			     ((s2ap & 2u) ? MMU_S2_W : 0) |
			     ((lw.desc & DESC_XN) ? 0 : MMU_S2_X));
	r->level = lw.level;
	r->size_log2 = lw.size_log2;
	fault->stage2 = false;
	fault->level = 0;
	return true;
}

bool mmu_stage2_xlat(struct cpu *cpu, const struct mmu_ctx *ctx,
		     uint64_t ipa, struct mmu_s2_result *r,
		     struct mmu_fault *fault)
{
	int idx = tlb_find(cpu, ctx, TLB_REGIME_S2, ipa);
	if (idx >= 0) {
		const struct tlb_entry *e = &cpu->tlb.entries[idx];
		uint64_t mask = (1ull << e->size_log2) - 1;
		r->pa = e->pa | (ipa & mask);
		r->memattr = e->memattr;
		r->perms = (uint8_t)(e->aux & 7u);
		r->level = (uint8_t)(e->fault_info >> 4);
		r->size_log2 = e->size_log2;
		r->tlb_index = idx;
		cpu->tlb.hits += !ctx->no_fill;
		return true;
	}
	cpu->tlb.walks += !ctx->no_fill;
	if (!mmu_walk_s2(cpu, ctx, ipa, r, fault))
		return false;
	if (ctx->no_fill)
		return true;
	uint64_t mask = (1ull << r->size_log2) - 1;
	struct tlb_entry e = {
		.valid = true,
		.regime = TLB_REGIME_S2,
		.ns = true,
		.global = true,
		.vmid = ctx->vmid,
		.size_log2 = r->size_log2,
		.memattr = r->memattr,
		.fault_info = (uint8_t)(r->level << 4),
		.va = ipa & ~mask,
		.pa = r->pa & ~mask,
		.ipa = ipa & ~mask,
		.aux = r->perms & 7u,
	};
	r->tlb_index = tlb_insert(cpu, &e);
	return true;
}

bool mmu_stage2_check(const struct cpu *cpu, const struct mmu_ctx *ctx,
		      const struct mmu_s2_result *r, uint64_t ipa,
		      enum mmu_access acc, bool s1ptw,
		      struct mmu_fault *fault)
{
	bool ok;
	if (s1ptw) {
		/* A stage-1 table walk is checked as a read; with HCR.PTW a
		 * walk that reaches Device or Strongly-ordered memory is a
		 * stage-2 Permission fault (B4.1.65). */
		ok = (r->perms & MMU_S2_R) &&
		     !((cpu->cp15.hcr & HCR_PTW) && (r->memattr & 0xf0u) == 0);
	} else if (acc == MMU_FETCH) {
		/* ARMv7 checks an instruction fetch against the stage-2
		 * permissions as a read (HAP[1]; B3.7.1 "Access
		 * permissions", and the stage-2 permission check of
		 * "Pseudocode details of VMSA memory system operations" at
		 * the end of chapter B3, which a fetch reaches as a read)
		 * and then against XN (B3.7.2 "Execute-never restrictions
		 * on instruction fetching"): a block with HAP = 0b00 or
		 * 0b10 is not executable even with XN clear. The ARMv8
		 * AArch32 CheckS2Permission checks XN alone; these are
		 * ARMv7 cores. QEMU 7.2 agrees (its AArch32 stage 2 grants
		 * execute only with read). */
		ok = (r->perms & MMU_S2_X) && (r->perms & MMU_S2_R);
	} else if (acc == MMU_WRITE) {
		ok = r->perms & MMU_S2_W;
	} else {
		ok = r->perms & MMU_S2_R;
	}
	if (ok)
		return true;
	fault->type = FAULT_PERMISSION;
	fault->stage2 = true;
	fault->s1ptw = s1ptw;
	fault->ipa = ipa;
	fault->level = r->level;
	fault->long_format = ctx->lpae;
	return false;
}

bool mmu_stage2(struct cpu *cpu, const struct mmu_ctx *ctx, uint64_t ipa,
		enum mmu_access acc, bool s1ptw, struct mmu_s2_result *r,
		struct mmu_fault *fault)
{
	if (!mmu_stage2_xlat(cpu, ctx, ipa, r, fault)) {
		/* Faults of the stage-2 walk itself. */
		fault->stage2 = true;
		fault->s1ptw = s1ptw;
		fault->ipa = ipa;
		fault->long_format = ctx->lpae;
		return false;
	}
	return mmu_stage2_check(cpu, ctx, r, ipa, acc, s1ptw, fault);
}
