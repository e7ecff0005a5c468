/* The modelled TLB keeps stale entries (hypsim issue 5): changing page
 * tables, TTBRs or the MMU enable never removes an entry; only TLB
 * maintenance (or replacement) does. Also the context tags (ASID, VMID,
 * security state, Hyp), the IS broadcast to the other core, the removal
 * counts reported to observers, replacement and the reports. */
#include <stdio.h>
#include <stdlib.h>

#include "check_main.h"
#include "test_mmu_util.h"
#include "mmu/mmu_internal.h"

static struct mmu_result res;
static struct mmu_fault flt;

static uint64_t pa_of(struct cpu *cpu, uint32_t va)
{
	memset(&flt, 0, sizeof flt);
	if (!mmu_translate(cpu, va, MMU_READ, 0, &res, &flt))
		return ~0ull; /* faulted */
	return res.pa;
}
#define FAULTED (~0ull)

START_TEST(stale_entry_survives_table_ttbr_and_mmu_changes)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 0);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40200010);
	/* Change the mapping without maintenance: the old one is used. */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40200010);
	/* Removing the descriptor does not fault either. */
	w32(L1_SHORT + 4 * 0x001, 0);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40200010);
	/* Nor does pointing TTBR0 at an empty table, or MMU off and on. */
	c0->cp15.ttbr0[0] = L1_SHORT_B;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40200010);
	c0->cp15.sctlr[0] &= ~SCTLR_M;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x00100010);
	c0->cp15.sctlr[0] |= SCTLR_M;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40200010);
	/* Other addresses walk the new table and fault. */
	ck_assert_uint_eq(pa_of(c0, 0x00200010), FAULTED);
	ck_assert_int_eq(flt.type, FAULT_TRANSLATION);

	/* TLBIMVA with the right address removes it: the new (empty) table
	 * is walked. */
	mmu_tlb_maintenance(c0, TLBI_MVA, 0x00100000, false);
	ck_assert_str_eq(mlog.op, "TLBIMVA");
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100010), FAULTED);
	w32(L1_SHORT_B + 4 * 0x001, sect_rw(0x40500000, 0));
	ck_assert_uint_eq(pa_of(c0, 0x00100010), 0x40500010);
}
END_TEST

START_TEST(stale_entry_used_by_fetch_and_write_paths)
{
	/* The soft-TLB per access kind stays a subset of the TLB. */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 0);
	struct mmu_result r;
	ck_assert(mmu_translate(c0, 0x00100000, MMU_FETCH, 0, &r, &flt));
	ck_assert(mmu_translate(c0, 0x00100000, MMU_WRITE, 0, &r, &flt));
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert(mmu_translate(c0, 0x00100000, MMU_FETCH, 0, &r, &flt));
	ck_assert_uint_eq(r.pa, 0x40300000);
	ck_assert(mmu_translate(c0, 0x00100004, MMU_WRITE, 0, &r, &flt));
	ck_assert_uint_eq(r.pa, 0x40300004);
}
END_TEST

START_TEST(two_cores_local_and_inner_shareable)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 0);
	short_on(c1, 0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000);
	ck_assert_uint_eq(pa_of(c1, 0x00100000), 0x40200000);
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	/* TLBIALL on core 0 only: core 1 keeps its stale entry. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_str_eq(mlog.op, "TLBIALL");
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	ck_assert_uint_eq(pa_of(c1, 0x00100000), 0x40200000);
	/* The IS form from core 0 reaches core 1. */
	mmu_tlb_maintenance(c0, TLBI_MVAA, 0x00100000, true);
	ck_assert_str_eq(mlog.op, "TLBIMVAAIS");
	ck_assert_uint_eq(mlog.removed, 1); /* counted on the issuer */
	ck_assert_uint_eq(pa_of(c1, 0x00100000), 0x40300000);
	/* HCR.FB makes a Non-secure PL1 operation broadcast. */
	go_ns(c0, MODE_SVC);
	go_ns(c1, MODE_SVC);
	short_on(c0, 1);
	short_on(c1, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	ck_assert_uint_eq(pa_of(c1, 0x00100000), 0x40300000);
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40400000, 0));
	c0->cp15.hcr = HCR_FB;
	mmu_context_changed(c0);
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_str_eq(mlog.op, "TLBIALLIS");
	ck_assert_uint_eq(pa_of(c1, 0x00100000), 0x40400000);
}
END_TEST

START_TEST(hyp_entry_reused_when_mmu_back_on)
{
	/* The A7 HSCTLR story: an entry filled with HSCTLR.M = 1 is used the
	 * next time HSCTLR.M = 1, even though HTTBR now points elsewhere. */
	w64(HYP_L1 + 8 * 1, ld_table(HYP_L2));
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	w64(LPAE_L1 + 8 * 1, ld_table(LPAE_L2));
	w64(LPAE_L2 + 8 * 0, ld_leaf(0x40600000, 0, 1, 3, false));
	go_ns(c0, MODE_HYP);
	c0->cp15.htcr = 1u << 31;
	c0->cp15.httbr = HYP_L1;
	c0->cp15.hmair0 = 0xff;
	c0->cp15.hsctlr |= HSCTLR_M;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40200040);
	c0->cp15.hsctlr &= ~HSCTLR_M;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40000040);
	c0->cp15.httbr = LPAE_L1;
	c0->cp15.hsctlr |= HSCTLR_M;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40200040);
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x40000040);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->regime, TLB_REGIME_HYP);
	/* PL1 operations do not touch Hyp entries. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40200040);
	mmu_tlb_maintenance(c0, TLBI_ALLNSNH, 0, false);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40200040);
	/* TLBIMVAH of another address removes nothing. */
	mmu_tlb_maintenance(c0, TLBI_MVAH, 0x40400000, false);
	ck_assert_str_eq(mlog.op, "TLBIMVAH");
	ck_assert_uint_eq(mlog.removed, 0);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40200040);
	mmu_tlb_maintenance(c0, TLBI_ALLH, 0, false);
	ck_assert_str_eq(mlog.op, "TLBIALLH");
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40600040);
	/* TLBIMVAH of the address does remove it. */
	w64(LPAE_L2 + 8 * 0, ld_leaf(0x40800000, 0, 1, 3, false));
	mmu_tlb_maintenance(c0, TLBI_MVAH, 0x40000040, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x40000040), 0x40800040);
}
END_TEST

START_TEST(hyp_broadcast_tlbiallhis)
{
	w64(HYP_L1 + 8 * 1, ld_table(HYP_L2));
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	struct cpu *cs[2] = {c0, c1};
	for (unsigned i = 0; i < 2; i++) {
		go_ns(cs[i], MODE_HYP);
		cs[i]->cp15.htcr = 1u << 31;
		cs[i]->cp15.httbr = HYP_L1;
		cs[i]->cp15.hmair0 = 0xff;
		cs[i]->cp15.hsctlr |= HSCTLR_M;
		mmu_context_changed(cs[i]);
		ck_assert_uint_eq(pa_of(cs[i], 0x40000000), 0x40200000);
	}
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40400000, 0, 1, 3, false));
	/* The local form leaves core 1 stale; the IS form from core 0
	 * reaches it. */
	mmu_tlb_maintenance(c0, TLBI_ALLH, 0, false);
	ck_assert_uint_eq(pa_of(c0, 0x40000000), 0x40400000);
	ck_assert_uint_eq(pa_of(c1, 0x40000000), 0x40200000);
	mmu_tlb_maintenance(c0, TLBI_ALLH, 0, true);
	ck_assert_str_eq(mlog.op, "TLBIALLHIS");
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c1, 0x40000000), 0x40400000);
}
END_TEST

START_TEST(asid_tagging)
{
	/* Non-global section, ASID from CONTEXTIDR. */
	w32(L1_SHORT + 4 * 0x001, sect(0x40200000, 3, 0, 1, 1, 1, false, true));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40400000, 0)); /* global */
	short_on(c0, 0);
	c0->cp15.contextidr[0] = 1;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000);
	ck_assert_uint_eq(pa_of(c0, 0x00200000), 0x40400000);
	w32(L1_SHORT + 4 * 0x001, sect(0x40300000, 3, 0, 1, 1, 1, false, true));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40500000, 0));
	/* ASID 2 misses the ASID-1 entry and walks; the global entry
	 * matches any ASID. */
	c0->cp15.contextidr[0] = 2;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	ck_assert_uint_eq(pa_of(c0, 0x00200000), 0x40400000);
	c0->cp15.contextidr[0] = 1;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000);
	/* TLBIASID 1: only the non-global entries of ASID 1. */
	mmu_tlb_maintenance(c0, TLBI_ASID, 1, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	ck_assert_uint_eq(pa_of(c0, 0x00200000), 0x40400000);
	/* TLBIMVA with ASID 7 still removes the global entry. */
	mmu_tlb_maintenance(c0, TLBI_MVA, 0x00200000 | 7, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00200000), 0x40500000);
	/* TLBIMVA with ASID 7 leaves ASID 2's non-global entry. */
	c0->cp15.contextidr[0] = 2;
	mmu_context_changed(c0);
	mmu_tlb_maintenance(c0, TLBI_MVA, 0x00100000 | 7, false);
	ck_assert_uint_eq(mlog.removed, 0);
	mmu_tlb_maintenance(c0, TLBI_MVA, 0x00100000 | 2, false);
	ck_assert_uint_eq(mlog.removed, 1);
}
END_TEST

START_TEST(security_state_and_vmid_tagging)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 0);
	short_on(c0, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000); /* Secure */
	go_ns(c0, MODE_SVC);
	c0->cp15.vttbr = (uint64_t)1 << 48;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000); /* NS, VMID 1 */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	c0->cp15.vttbr = (uint64_t)2 << 48;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000); /* VMID 2 walks */
	c0->cp15.vttbr = (uint64_t)1 << 48;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000); /* stale */
	/* Non-secure TLBIALL: only VMID 1's entries, not the Secure one. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	c0->cp15.scr = 0;
	mmu_context_changed(c0);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000); /* Secure stale */
	/* Secure TLBIALL removes only the Secure entry. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	ck_assert_uint_eq(tlb_count_valid(c0), 3); /* S, VMID 1, VMID 2 */
	/* From Hyp: TLBIALL acts on the current VMID (VTTBR), and
	 * TLBIALLNSNH on every Non-secure non-Hyp entry. */
	go_ns(c0, MODE_HYP);
	c0->cp15.vttbr = (uint64_t)2 << 48;
	mmu_context_changed(c0);
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	ck_assert_uint_eq(mlog.removed, 1);
	mmu_tlb_maintenance(c0, TLBI_ALLNSNH, 0, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(tlb_count_valid(c0), 1); /* the Secure one */
}
END_TEST

START_TEST(replacement_round_robin)
{
	/* ways + 1 sections that all index the same set: the first one
	 * filled is the one replaced, and only it walks again. */
	unsigned sets = c0->tlb.sets, ways = c0->tlb.ways;
	ck_assert_uint_gt(ways, 0);
	ck_assert_uint_eq(sets * ways, c0->tlb.n_entries);
	uint32_t stride = sets << 20; /* sections in one set */
	for (unsigned k = 0; k <= ways; k++) {
		uint32_t va = 0x00100000u + k * stride;
		w32(L1_SHORT + 4 * (va >> 20), sect_rw(0x40200000, 0));
	}
	short_on(c0, 0);
	for (unsigned k = 0; k <= ways; k++) {
		uint32_t va = 0x00100000u + k * stride;
		ck_assert_uint_eq(pa_of(c0, va), 0x40200000);
		w32(L1_SHORT + 4 * (va >> 20), sect_rw(0x40300000, 0));
	}
	ck_assert_uint_eq(tlb_count_valid(c0), ways);
	/* Entry 0 was replaced by entry `ways`: it walks (new table). */
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40300000);
	/* That refill replaced entry 1 (the round-robin pointer moved on);
	 * entries 2.. are still stale. */
	for (unsigned k = 2; k <= ways; k++)
		ck_assert_uint_eq(pa_of(c0, 0x00100000u + k * stride),
				  0x40200000);
	ck_assert_uint_eq(pa_of(c0, 0x00100000u + stride), 0x40300000);
}
END_TEST

/* A TLB operation by address finds an entry of every size through the
 * set its size gives the address (tlb.c tlbi_apply), from any address
 * the entry translates, and removes that entry alone. */
START_TEST(tlbimva_finds_every_entry_size)
{
	static const struct {
		uint8_t size_log2;
		uint32_t va;
	} ent[] = {{12, 0x00001000}, {16, 0x00020000}, {20, 0x00300000},
		   {21, 0x00800000}, {24, 0x05000000}, {25, 0x0c000000},
		   {30, 0xc0000000}}; /* sets 1, 2, 3, 4, 5, 6 and 3 */
	const unsigned n = sizeof ent / sizeof ent[0];
	struct mmu_ctx ctx;
	mmu_ctx_current(c0, 0, &ctx);
	ck_assert_uint_eq(tlb_count_valid(c0), 0);
	for (unsigned k = 0; k < n; k++) {
		struct tlb_entry e = {
			.regime = TLB_REGIME_PL10,
			.ns = ctx.regime == MMU_REGIME_NS_PL10,
			.global = true,
			.vmid = (uint8_t)(c0->cp15.vttbr >> 48),
			.size_log2 = ent[k].size_log2,
			.va = ent[k].va,
			.pa = ent[k].va,
		};
		ck_assert_int_ge(tlb_insert(c0, &e), 0);
	}
	ck_assert_uint_eq(tlb_count_valid(c0), n);
	for (unsigned k = 0; k < n; k++) {
		/* past the middle of the entry's range */
		const uint32_t va = ent[k].va + (1u << ent[k].size_log2) / 2u +
				    0x123u;
		mmu_tlb_maintenance(c0, TLBI_MVA, va & ~0xfffu, false);
		ck_assert_uint_eq(mlog.removed, 1);
		ck_assert_uint_eq(tlb_count_valid(c0), n - 1 - k);
	}
	/* a 16 GiB entry (an LPAE contiguous range of 1 GiB blocks, larger
	 * than the 32-bit address space: its set is VA >> 34, set 0) */
	struct tlb_entry big = {
		.regime = TLB_REGIME_PL10,
		.ns = ctx.regime == MMU_REGIME_NS_PL10,
		.global = true,
		.vmid = (uint8_t)(c0->cp15.vttbr >> 48),
		.size_log2 = 34,
	};
	ck_assert_int_ge(tlb_insert(c0, &big), 0);
	mmu_tlb_maintenance(c0, TLBI_MVA, 0xfedcb000u, false);
	ck_assert_uint_eq(mlog.removed, 1);
	ck_assert_uint_eq(tlb_count_valid(c0), 0);
}
END_TEST

START_TEST(dump_and_report)
{
	w32(L1_SHORT + 4 * 0x001, sect(0x40200000, 1, 7, 1, 1, 1, true, true));
	short_on(c0, 0);
	c0->cp15.contextidr[0] = 0x42;
	mmu_context_changed(c0);
	c0->icount = 1234;
	ck_assert_uint_eq(pa_of(c0, 0x00100000), 0x40200000);
	c0->icount = 5000;
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x00180000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->filled_at, 1234);
	ck_assert_uint_eq(e->asid, 0x42);
	ck_assert_uint_eq(e->domain, 7);
	ck_assert_ptr_null(tlb_lookup_for_report(c0, 0x00200000));

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tlb_dump(c0, f);
	fclose(f);
	ck_assert_msg(strstr(buf, "PL10 S  asid=42 va 00100000-001fffff -> pa "
				  "0040200000 1M pl1:rw- pl0:--- dom=7 attr=ff "
				  "filled@1234"),
		      "dump: %s", buf);
	free(buf);
	/* An empty TLB says so. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	buf = NULL;
	f = open_memstream(&buf, &len);
	tlb_dump(c0, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "TLB empty"));
	free(buf);
}
END_TEST

START_TEST(debug_translation_fills_nothing)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40400000, 0));
	short_on(c0, 0);
	struct mmu_result r;
	/* A debugger read walks but leaves the TLB empty. */
	ck_assert(mmu_translate_debug(c0, 0x00100010, MMU_READ, &r, &flt));
	ck_assert_uint_eq(r.pa, 0x40200010);
	ck_assert_uint_eq(tlb_count_valid(c0), 0);
	/* It sees the stale entry the core would use. */
	ck_assert_uint_eq(pa_of(c0, 0x00200000), 0x40400000);
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40600000, 0));
	ck_assert(mmu_translate_debug(c0, 0x00200010, MMU_READ, &r, &flt));
	ck_assert_uint_eq(r.pa, 0x40400010);
	ck_assert_uint_eq(tlb_count_valid(c0), 1);
	/* Faults are reported, not taken. */
	ck_assert(!mmu_translate_debug(c0, 0x00300000, MMU_READ, &r, &flt));
	ck_assert_int_eq(flt.type, FAULT_TRANSLATION);
	/* Stage 2 entries are not filled either. */
	go_ns(c0, MODE_SVC);
	s2_setup(c0, 1);
	c0->cp15.hcr = HCR_VM;
	mmu_context_changed(c0);
	ck_assert(mmu_translate_debug(c0, 0x40000040, MMU_READ, &r, &flt));
	ck_assert_uint_eq(r.pa, 0x40000040);
	ck_assert_uint_eq(tlb_count_valid(c0), 1);
}
END_TEST

static Suite *mmu_tlb_suite(void)
{
	Suite *s = suite_create("mmu_tlb");
	TCase *tc = tcase_create("tlb");
	tcase_add_checked_fixture(tc, machine_setup, machine_teardown);
	tcase_add_test(tc, stale_entry_survives_table_ttbr_and_mmu_changes);
	tcase_add_test(tc, stale_entry_used_by_fetch_and_write_paths);
	tcase_add_test(tc, two_cores_local_and_inner_shareable);
	tcase_add_test(tc, hyp_entry_reused_when_mmu_back_on);
	tcase_add_test(tc, hyp_broadcast_tlbiallhis);
	tcase_add_test(tc, asid_tagging);
	tcase_add_test(tc, security_state_and_vmid_tagging);
	tcase_add_test(tc, replacement_round_robin);
	tcase_add_test(tc, tlbimva_finds_every_entry_size);
	tcase_add_test(tc, dump_and_report);
	tcase_add_test(tc, debug_translation_fills_nothing);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(mmu_tlb_suite)
