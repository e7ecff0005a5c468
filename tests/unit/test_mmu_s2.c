/* Stage 2 translation of the Non-secure PL1&0 regime: VTTBR/VTCR walks,
 * S2AP, XN, AF, MemAttr combined with stage 1, stage-2 faults with their
 * IPA and level, stage-2 translation of stage-1 table walks (S1PTW,
 * HCR.PTW), HCR.DC, 40-bit output addresses, stale combined entries and
 * the ATS operations that cross both stages. */
#include "check_main.h"
#include "test_mmu_util.h"

static struct mmu_result res;
static struct mmu_fault flt;

static bool tr(struct cpu *cpu, uint32_t va, enum mmu_access acc)
{
	memset(&flt, 0, sizeof flt);
	return mmu_translate(cpu, va, acc, 0, &res, &flt);
}

#define OK_AT(va, acc, want)                                                 \
	do {                                                                 \
		ck_assert_msg(tr(c0, va, acc), "va %08x faulted: %d lvl %u s2 %d", \
			      (va), flt.type, flt.level, flt.stage2);        \
		ck_assert_msg(res.pa == (want), "va %08x -> %010llx", (va),  \
			      (unsigned long long)res.pa);                   \
	} while (0)
#define S2_FAULT(va, acc, ftype, flevel, fipa, fs1ptw)                       \
	do {                                                                 \
		ck_assert_msg(!tr(c0, va, acc), "va %08x did not fault", (va)); \
		ck_assert_int_eq(flt.type, ftype);                           \
		ck_assert_uint_eq(flt.level, flevel);                        \
		ck_assert(flt.stage2);                                       \
		ck_assert_uint_eq(flt.ipa, (fipa));                          \
		ck_assert_int_eq(flt.s1ptw, fs1ptw);                         \
	} while (0)

/* Non-secure SVC with stage 2 on, VMID 1, and these IPA blocks:
 *   0x40000000 -> same PA      0x40200000 -> 0x40600000
 *   0x40400000 read-only       0x40600000 XN
 *   0x40800000 -> 0xff00000000 0x40a00000 Normal NC
 *   0x40c00000 Device          0x40e00000 level-3 table, page 0 AF=0 */
static void setup_s2(void)
{
	machine_setup();
	go_ns(c0, MODE_SVC);
	s2_setup(c0, 1);
	w64(S2_L2 + 8 * 1, s2_leaf(0x40600000, 0xf, 3, false));
	w64(S2_L2 + 8 * 2, s2_leaf(0x40400000, 0xf, 1, false));
	w64(S2_L2 + 8 * 3, s2_leaf(0x40600000, 0xf, 3, false) | LD_XN);
	w64(S2_L2 + 8 * 4, s2_leaf(TOP_RAM, 0xf, 3, false));
	w64(S2_L2 + 8 * 5, s2_leaf(0x40a00000, 0x5, 3, false));
	w64(S2_L2 + 8 * 6, s2_leaf(0x40c00000, 0x1, 3, false));
	w64(S2_L2 + 8 * 7, ld_table(S2_L3));
	w64(S2_L3 + 8 * 0, s2_leaf(0x40e00000, 0xf, 3, true) & ~LD_AF);
	w64(S2_L3 + 8 * 1, s2_leaf(0x40e01000, 0xf, 3, true));
	c0->cp15.hcr = HCR_VM;
	mmu_context_changed(c0);
}

/* An address translation operation that must write PAR (no abort). */
static bool ats(struct cpu *c, enum ats_op op, uint32_t va)
{
	struct mmu_fault abort;
	return mmu_address_translate(c, op, va, &abort);
}

START_TEST(stage1_off_stage2_on)
{
	OK_AT(0x40200123, MMU_READ, 0x40600123);
	ck_assert_uint_eq(res.memattr, 0x00); /* SO (stage 1 off) wins */
	ck_assert(res.ns);
	c0->cp15.sctlr[1] &= ~SCTLR_I;
	mmu_context_changed(c0);
	OK_AT(0x40200000, MMU_FETCH, 0x40600000);
	ck_assert_uint_eq(res.memattr, 0x44);
	OK_AT(0x40001000, MMU_WRITE, 0x40001000);
	OK_AT(0x40800010, MMU_READ, 0xff00000010ull);
	ck_assert_ptr_nonnull(res.host);
	OK_AT(0x40e01008, MMU_READ, 0x40e01008);
	/* Stage-2 entries are in the TLB, tagged with the VMID. */
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x40200000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->regime, TLB_REGIME_S2);
	ck_assert_uint_eq(e->vmid, 1);
	ck_assert_uint_eq(e->size_log2, 21);
}
END_TEST

START_TEST(stage2_faults)
{
	S2_FAULT(0x41000000, MMU_READ, FAULT_TRANSLATION, 2, 0x41000000, false);
	ck_assert_uint_eq(mmu_fault_fsc_long(&flt), 0x06);
	ck_assert(!flt.long_format); /* stage 1 is short-descriptor */
	S2_FAULT(0x80000004, MMU_READ, FAULT_TRANSLATION, 1, 0x80000004, false);
	OK_AT(0x40400000, MMU_READ, 0x40400000);
	S2_FAULT(0x40400010, MMU_WRITE, FAULT_PERMISSION, 2, 0x40400010, false);
	ck_assert_uint_eq(mmu_fault_fsc_long(&flt), 0x0e);
	OK_AT(0x40600000, MMU_READ, 0x40600000);
	S2_FAULT(0x40600000, MMU_FETCH, FAULT_PERMISSION, 2, 0x40600000, false);
	S2_FAULT(0x40e00000, MMU_READ, FAULT_ACCESS_FLAG, 3, 0x40e00000, false);
	/* A stage-2 table outside memory: external abort on the walk, as
	 * a stage-2 fault. */
	c0->cp15.vttbr = (uint64_t)3 << 48 | 0x20000000;
	mmu_context_changed(c0);
	S2_FAULT(0x40000000, MMU_READ, FAULT_EXTERNAL_WALK, 1, 0x40000000, false);
	/* Inconsistent VTCR (SL0 = 0 with a 40-bit input): level 1. */
	c0->cp15.vttbr = (uint64_t)4 << 48 | S2_L1;
	c0->cp15.vtcr = 0x8u; /* T0SZ = -8, SL0 = 0 */
	mmu_context_changed(c0);
	S2_FAULT(0x40000000, MMU_READ, FAULT_TRANSLATION, 1, 0x40000000, false);
	/* IPA beyond the input size (T0SZ = 1: 31 bits). */
	c0->cp15.vtcr = 1u << 6 | 1u;
	mmu_context_changed(c0);
	S2_FAULT(0x80000000, MMU_READ, FAULT_TRANSLATION, 1, 0x80000000, false);
	OK_AT(0x40200000, MMU_READ, 0x40600000);
}
END_TEST

START_TEST(stage1_on_combined)
{
	/* Stage-1 tables at IPA L1_SHORT (identity at stage 2). */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40a00000, 0));
	w32(L1_SHORT + 4 * 0x003, sect_rw(0x40c00000, 0));
	w32(L1_SHORT + 4 * 0x004, sect_rw(0x41000000, 0));
	w32(L1_SHORT + 4 * 0x005, sect(0x41000000, 5, 0, 1, 1, 1, false, false));
	w32(L1_SHORT + 4 * 0x006, sect(0x40200000, 3, 0, 0, 1, 0, false, false));
	short_on(c0, 1);
	OK_AT(0x00100010, MMU_READ, 0x40600010);
	ck_assert_uint_eq(res.memattr, 0xff);
	OK_AT(0x00200010, MMU_READ, 0x40a00010);
	ck_assert_uint_eq(res.memattr, 0x44); /* stage 2 Non-cacheable */
	OK_AT(0x00300010, MMU_READ, 0x40c00010);
	ck_assert_uint_eq(res.memattr, 0x04); /* stage 2 Device */
	OK_AT(0x00600010, MMU_READ, 0x40600010);
	ck_assert_uint_eq(res.memattr, 0xaa); /* stage 1 WT, stage 2 WB */
	/* Stage 2 fault on the output address: not during the walk. */
	S2_FAULT(0x00400010, MMU_READ, FAULT_TRANSLATION, 2, 0x41000010, false);
	/* A stage-1 permission fault comes first, stage 2 is not looked
	 * at. */
	ck_assert(!tr(c0, 0x00500000, MMU_WRITE));
	ck_assert_int_eq(flt.type, FAULT_PERMISSION);
	ck_assert(!flt.stage2);
	/* The combined entry has the IPA and the size of the smaller
	 * stage (2 MiB stage 2 blocks vs 1 MiB sections: 1 MiB). */
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x00100000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->regime, TLB_REGIME_PL10);
	ck_assert_uint_eq(e->ipa, 0x40200000);
	ck_assert_uint_eq(e->pa, 0x40600000);
	ck_assert_uint_eq(e->size_log2, 20);
	ck_assert_uint_eq(e->vmid, 1);
}
END_TEST

START_TEST(stage1_walk_through_stage2)
{
	short_on(c0, 1);
	/* Level-1 table at an IPA stage 2 does not map: S1PTW. */
	c0->cp15.ttbr0[1] = 0x41004000;
	mmu_context_changed(c0);
	S2_FAULT(0x00500000, MMU_READ, FAULT_TRANSLATION, 2, 0x41004014, true);
	/* Level-1 table in stage-2 Device memory: fine without HCR.PTW,
	 * a stage-2 Permission fault with it. */
	w32(0x40c04000 + 4 * 0x001, sect_rw(0x40000000, 0));
	w32(0x40c04000 + 4 * 0x002, sect_rw(0x40000000, 0));
	c0->cp15.ttbr0[1] = 0x40c04000;
	mmu_context_changed(c0);
	OK_AT(0x00100040, MMU_READ, 0x40000040);
	c0->cp15.hcr |= HCR_PTW;
	mmu_context_changed(c0);
	S2_FAULT(0x00200040, MMU_READ, FAULT_PERMISSION, 2, 0x40c04008, true);
	/* A stage-1 table whose stage-2 page is not readable. */
	c0->cp15.hcr &= ~HCR_PTW;
	mmu_context_changed(c0);
	w64(S2_L2 + 8 * 2, s2_leaf(0x40400000, 0xf, 2, false)); /* write-only */
	c0->cp15.ttbr0[1] = 0x40404000;
	mmu_context_changed(c0);
	S2_FAULT(0x00300000, MMU_READ, FAULT_PERMISSION, 2, 0x4040400c, true);
}
END_TEST

START_TEST(hcr_dc)
{
	short_on(c0, 1); /* SCTLR.M = 1 but DC disables stage 1 */
	c0->cp15.hcr = HCR_DC;
	mmu_context_changed(c0);
	OK_AT(0x40200040, MMU_READ, 0x40600040);
	ck_assert_uint_eq(res.memattr, 0xff); /* Normal WB by default */
	OK_AT(0x40a00040, MMU_READ, 0x40a00040);
	ck_assert_uint_eq(res.memattr, 0x44);
}
END_TEST

START_TEST(stale_combined_and_stage2_entries)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	short_on(c0, 1);
	OK_AT(0x00100000, MMU_READ, 0x40600000);
	/* Change stage 2 only: the combined entry stays. */
	w64(S2_L2 + 8 * 1, s2_leaf(0x40800000, 0xf, 3, false));
	OK_AT(0x00100000, MMU_READ, 0x40600000);
	/* TLBIMVA removes the combined entry; the stage-2 entry for IPA
	 * 0x40200000 (filled on the first walk) is not removed by it, so the
	 * new walk still uses the stale stage-2 translation. */
	mmu_tlb_maintenance(c0, TLBI_MVA, 0x00100000, false);
	ck_assert_uint_eq(mlog.removed, 1);
	OK_AT(0x00100000, MMU_READ, 0x40600000);
	/* TLBIALL at Non-secure PL1 removes the stage-2 entries of the
	 * current VMID too. */
	mmu_tlb_maintenance(c0, TLBI_ALL, 0, false);
	OK_AT(0x00100000, MMU_READ, 0x40800000);
	/* Another VMID does not see VMID 1's entries. */
	c0->cp15.vttbr = (uint64_t)2 << 48 | S2_L1;
	mmu_context_changed(c0);
	w64(S2_L2 + 8 * 1, s2_leaf(0x40a00000, 0xf, 3, false));
	OK_AT(0x00100000, MMU_READ, 0x40a00000);
	c0->cp15.vttbr = (uint64_t)1 << 48 | S2_L1;
	mmu_context_changed(c0);
	OK_AT(0x00100000, MMU_READ, 0x40800000);
	/* TLBIALLNSNH from Hyp removes every VMID's. */
	go_ns(c0, MODE_HYP);
	mmu_tlb_maintenance(c0, TLBI_ALLNSNH, 0, false);
	ck_assert_uint_ge(mlog.removed, 4);
	go_ns(c0, MODE_SVC);
	OK_AT(0x00100000, MMU_READ, 0x40a00000);
}
END_TEST

START_TEST(ats_both_stages)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x40400000, 0));
	short_on(c0, 1);
	go_ns(c0, MODE_HYP);
	/* ATS12NSOPR: VA -> PA through both stages, 64-bit PAR because
	 * HCR.VM = 1. */
	ck_assert(ats(c0, ATS12NSOPR, 0x00100123));
	ck_assert_uint_eq(c0->cp15.par[1] & 0xfffffff000ull, 0x40600000);
	ck_assert(c0->cp15.par[1] & (1u << 11));
	ck_assert_uint_eq(c0->cp15.par[1] >> 56, 0xff);
	ck_assert(!(c0->cp15.par[1] & 1u));
	/* ATS1CPR from Hyp: stage 1 only, the IPA. */
	ck_assert(ats(c0, ATS1CPR, 0x00100123));
	ck_assert_uint_eq(c0->cp15.par[1] & 0xfffffff000ull, 0x40200000);
	/* A stage-2 permission fault: FSTAGE set, FST = permission L2. */
	ck_assert(ats(c0, ATS12NSOPW, 0x00200000));
	ck_assert_uint_eq(c0->cp15.par[1],
			  1u | 0x0eu << 1 | 1u << 9 | 1u << 11);
	/* From Non-secure PL1 a stage-2 fault on the stage-1 walk of an
	 * ATS1C* is a Data Abort to Hyp, not a PAR value. */
	go_ns(c0, MODE_SVC);
	c0->cp15.ttbr0[1] = 0x41004000;
	c0->cp15.par[1] = 0x1234;
	struct mmu_fault ab;
	ck_assert(!mmu_address_translate(c0, ATS1CPR, 0x00300000, &ab));
	ck_assert(ab.stage2);
	ck_assert(ab.s1ptw);
	ck_assert(ab.cm);
	ck_assert_uint_eq(ab.ipa, 0x4100400c);
	ck_assert_uint_eq(c0->cp15.par[1], 0x1234);
	/* Short-format PAR for a stage-1 fault at NS PL1. */
	c0->cp15.ttbr0[1] = L1_SHORT;
	mmu_context_changed(c0);
	ck_assert(mmu_address_translate(c0, ATS1CPR, 0x00700000, &ab));
	ck_assert_uint_eq(c0->cp15.par[1], 1u | 0x05u << 1);
}
END_TEST

static Suite *mmu_s2_suite(void)
{
	Suite *s = suite_create("mmu_s2");
	TCase *tc = tcase_create("stage2");
	tcase_add_checked_fixture(tc, setup_s2, machine_teardown);
	tcase_add_test(tc, stage1_off_stage2_on);
	tcase_add_test(tc, stage2_faults);
	tcase_add_test(tc, stage1_on_combined);
	tcase_add_test(tc, stage1_walk_through_stage2);
	tcase_add_test(tc, hcr_dc);
	tcase_add_test(tc, stale_combined_and_stage2_entries);
	tcase_add_test(tc, ats_both_stages);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(mmu_s2_suite)
