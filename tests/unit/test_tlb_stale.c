/* Stale TLB entries (issue 15): every entry records the descriptor it was
 * filled from (tlb_entry.desc_pa, s2_desc_pa), and mmu_tlb_entry_stale()
 * re-walks an entry's translation without looking the TLB up or filling
 * it, to say whether the tables still give it: 1 stale, 0 current, -1 when
 * the registers no longer name the entry's tables (another ASID). */
#include <stdio.h>
#include <stdlib.h>

#include "check_main.h"
#include "test_mmu_util.h"

static struct mmu_result res;
static struct mmu_fault flt;

static const struct tlb_entry *entry_for(struct cpu *cpu, uint32_t va)
{
	ck_assert(mmu_translate(cpu, va, MMU_READ, 0, &res, &flt));
	const struct tlb_entry *e = tlb_lookup_for_report(cpu, va);
	ck_assert_ptr_nonnull(e);
	return e;
}

START_TEST(short_section_rewritten_is_stale)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 0);
	const struct tlb_entry *e = entry_for(c0, 0x00100000);
	ck_assert_uint_eq(e->desc_pa, L1_SHORT + 4 * 0x001);
	ck_assert_uint_eq(e->s2_desc_pa, 0);
	char why[128];
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 0);
	unsigned walks = (unsigned)c0->tlb.walks, fills = (unsigned)c0->tlb.fills;
	/* Another output address: stale, and the check filled nothing. */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 1);
	ck_assert_msg(strstr(why, "0x0040300000"), "why: %s", why);
	ck_assert_uint_eq(c0->tlb.fills, fills);
	ck_assert_uint_eq(c0->tlb.walks, walks);
	ck_assert_uint_eq(tlb_count_valid(c0), 1);
	/* Removed: the tables now fault. */
	w32(L1_SHORT + 4 * 0x001, 0);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 1);
	ck_assert_msg(strstr(why, "fault"), "why: %s", why);
	/* Permissions changed (AP=0b011 -> read-only 0b111). */
	w32(L1_SHORT + 4 * 0x001, sect(0x40200000, 7, 0, 1, 1, 1, false, true));
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 1);
	/* Back as it was: current again. */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 0);
}
END_TEST

START_TEST(other_asid_cannot_be_judged)
{
	w32(L1_SHORT + 4 * 0x001, sect(0x40200000, 3, 0, 1, 1, 1, false, true));
	short_on(c0, 0);
	c0->cp15.contextidr[0] = 1;
	mmu_context_changed(c0);
	const struct tlb_entry *e = entry_for(c0, 0x00100000);
	ck_assert(!e->global);
	w32(L1_SHORT + 4 * 0x001, sect(0x40300000, 3, 0, 1, 1, 1, false, true));
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 1);
	/* Another process now: its tables are not this entry's. */
	c0->cp15.contextidr[0] = 2;
	mmu_context_changed(c0);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), -1);
}
END_TEST

START_TEST(hyp_entry_stale_after_httbr_moves)
{
	w64(HYP_L1 + 8 * 1, ld_table(HYP_L2));
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	go_ns(c0, MODE_HYP);
	c0->cp15.htcr = 0x80000000u;
	c0->cp15.httbr = HYP_L1;
	c0->cp15.hsctlr |= HSCTLR_M;
	mmu_context_changed(c0);
	const struct tlb_entry *e = entry_for(c0, 0x40000000);
	ck_assert_uint_eq(e->regime, TLB_REGIME_HYP);
	ck_assert_uint_eq(e->desc_pa, HYP_L2);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 0);
	/* The MMU off does not make it stale; new tables in HTTBR do. */
	c0->cp15.hsctlr &= ~HSCTLR_M;
	mmu_context_changed(c0);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 0);
	w64(LPAE_L1 + 8 * 1, ld_leaf(0x40000000, 0, 1, 3, false));
	c0->cp15.httbr = LPAE_L1;
	mmu_context_changed(c0);
	char why[128];
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 1);
	ck_assert_msg(strstr(why, "(1G)"), "why: %s", why);
	/* Tables outside RAM are not read (a device read could have side
	 * effects): the entry cannot be judged. */
	c0->cp15.httbr = 0x20000000u;
	mmu_context_changed(c0);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), -1);
}
END_TEST

START_TEST(stage2_entries_record_and_judge)
{
	go_ns(c0, MODE_SVC);
	s2_setup(c0, 1);
	c0->cp15.hcr = HCR_VM;
	mmu_context_changed(c0);
	/* Stage 1 off: the S2 entry itself. */
	const struct tlb_entry *e = entry_for(c0, 0x40400010);
	ck_assert_uint_eq(e->regime, TLB_REGIME_S2);
	ck_assert_uint_eq(e->desc_pa, S2_L2 + 8 * 2);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 0);
	w64(S2_L2 + 8 * 2, s2_leaf(0x40600000, 0xf, 3, false));
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 1);
	/* Another VMID in VTTBR: not this entry's stage 2. */
	c0->cp15.vttbr = (uint64_t)2 << 48 | S2_L1;
	mmu_context_changed(c0);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), -1);

	/* Stage 1 on: the combined entry records both descriptors. */
	w64(S2_L2 + 8 * 2, s2_leaf(0x40400000, 0xf, 3, false));
	c0->cp15.vttbr = (uint64_t)1 << 48 | S2_L1;
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40400000, 0));
	short_on(c0, 1);
	e = entry_for(c0, 0x00100000);
	ck_assert_uint_eq(e->regime, TLB_REGIME_PL10);
	ck_assert_uint_eq(e->desc_pa, L1_SHORT + 4 * 0x001);
	ck_assert_uint_eq(e->s2_desc_pa, S2_L2 + 8 * 2);
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, NULL, 0), 0);
	w64(S2_L2 + 8 * 2, s2_leaf(0x40600000, 0xf, 3, false));
	char why[128];
	ck_assert_int_eq(mmu_tlb_entry_stale(c0, e, why, sizeof why), 1);
	ck_assert_msg(strstr(why, "stage 2"), "why: %s", why);
}
END_TEST

START_TEST(dump_marks_stale_entries)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40400000, 0));
	short_on(c0, 0);
	entry_for(c0, 0x00100000);
	entry_for(c0, 0x00200000);
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40300000, 0));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tlb_dump(c0, f);
	fclose(f);
	char *a = strstr(buf, "va 00100000");
	char *b = strstr(buf, "va 00200000");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	char *a_end = strchr(a, '\n'), *b_end = strchr(b, '\n');
	char *mark = strstr(a, "STALE: the tables now map it to PA 0x0040300000");
	ck_assert_msg(mark && mark < a_end, "dump: %s", buf);
	mark = strstr(b, "STALE");
	ck_assert_msg(!mark || mark > b_end, "dump: %s", buf);
	free(buf);
}
END_TEST

static Suite *tlb_stale_suite(void)
{
	Suite *s = suite_create("tlb_stale");
	TCase *tc = tcase_create("stale");
	tcase_add_checked_fixture(tc, machine_setup, machine_teardown);
	tcase_add_test(tc, short_section_rewritten_is_stale);
	tcase_add_test(tc, other_asid_cannot_be_judged);
	tcase_add_test(tc, hyp_entry_stale_after_httbr_moves);
	tcase_add_test(tc, stage2_entries_record_and_judge);
	tcase_add_test(tc, dump_marks_stale_entries);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(tlb_stale_suite)
