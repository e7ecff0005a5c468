/* The debugger's two-stage translation (gdbstub/debug_xlat.c): from Hyp
 * mode the guest's Non-secure PL1&0 stage 1 and its stage 2 give VA ->
 * IPA -> PA with each stage's attributes, or the stage and level of the
 * fault; `vmid N` is refused for a VMID VTTBR does not hold; the memory
 * views read through the chosen regime; nothing of it fills the TLB. */
#include "check_main.h"
#include "test_mmu_util.h"

#include <stdlib.h>

#include "gdbstub/debug.h"

/* Guest: short-descriptor stage 1 with VA 0x00100000 -> IPA 0x40200000
 * (1 MiB section) and VA 0x00200000 -> IPA 0x41000000 (which stage 2
 * does not map); stage 2 VMID 5 with IPA 0x40200000 -> PA 0x40600000
 * (2 MiB block). The core then sits in Hyp mode with its own MMU off. */
static void setup(void)
{
	machine_setup();
	go_ns(c0, MODE_SVC);
	s2_setup(c0, 5);
	w64(S2_L2 + 8 * 1, s2_leaf(0x40600000, 0xf, 3, false));
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40200000, 0));
	w32(L1_SHORT + 4 * 0x002, sect_rw(0x41000000, 0));
	short_on(c0, 1);
	c0->cp15.hcr = HCR_VM;
	cpu_set_mode(c0, MODE_HYP);
	mmu_context_changed(c0);
	w32(0x40600010, 0x600dcafe);
}

static unsigned valid_entries(const struct cpu *cpu)
{
	unsigned n = 0;
	for (unsigned i = 0; i < cpu->tlb.n_entries; i++)
		n += cpu->tlb.entries[i].valid;
	return n;
}

START_TEST(guest_two_stages)
{
	struct mmu_stages x;
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00100010, -1, &x));
	ck_assert(!x.faulted);
	ck_assert_str_eq(x.regime, "Non-secure PL1&0");
	ck_assert(x.s1_on && !x.s1_long && x.s2_on);
	ck_assert_uint_eq(x.vmid, 5);
	ck_assert_uint_eq(x.ipa, 0x40200010);
	ck_assert_uint_eq(x.pa, 0x40600010);
	ck_assert_uint_eq(x.s1attr, 0xff);
	ck_assert(x.s2_done);
	ck_assert_uint_eq(x.s2level, 2);
	ck_assert_uint_eq(x.s2perms, 7); /* r, w, executable */
	ck_assert_uint_eq(x.attr, 0xff);
	/* the debugger filled nothing and counted no walk */
	ck_assert_uint_eq(valid_entries(c0), 0);
	ck_assert_uint_eq(c0->tlb.walks, 0);
	ck_assert_ptr_null(tlb_lookup_for_report(c0, 0x00100010));
}
END_TEST

START_TEST(faults_by_stage)
{
	struct mmu_stages x;
	/* stage 1 maps it, stage 2 does not: level-2 Translation fault */
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00200004, -1, &x));
	ck_assert(x.faulted);
	ck_assert(x.fault.stage2 && !x.fault.s1ptw);
	ck_assert_int_eq(x.fault.type, FAULT_TRANSLATION);
	ck_assert_uint_eq(x.fault.level, 2);
	ck_assert(x.s1_done);
	ck_assert_uint_eq(x.ipa, 0x41000004);
	/* no stage-1 entry: level-1 Translation fault of stage 1 */
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00300000, -1, &x));
	ck_assert(x.faulted && !x.fault.stage2);
	ck_assert_uint_eq(x.fault.level, 1);
	ck_assert_uint_eq(valid_entries(c0), 0);
}
END_TEST

START_TEST(vmid_refused)
{
	struct mmu_stages x;
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00100010, 5, &x));
	ck_assert_uint_eq(x.pa, 0x40600010);
	ck_assert(!dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00100010, 6, &x));
	ck_assert_ptr_nonnull(strstr(x.refused, "VTTBR holds VMID 5, not 6"));
	/* Hyp's regime has no stage 2 to choose */
	ck_assert(!dbg_xlat_explain(c0, DBG_VIEW_HYP, 0x00100010, 5, &x));
	/* vmid N walks stage 2 even while HCR.VM is clear */
	c0->cp15.hcr = 0;
	mmu_context_changed(c0);
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00100010, 5, &x));
	ck_assert(x.s2_on);
	ck_assert_uint_eq(x.pa, 0x40600010);
	ck_assert(dbg_xlat_explain(c0, DBG_VIEW_GUEST, 0x00100010, -1, &x));
	ck_assert(!x.s2_on);
	ck_assert_uint_eq(x.pa, 0x40200010);
}
END_TEST

START_TEST(memory_views)
{
	uint8_t b[4] = {0};
	ck_assert_uint_eq(dbg_mem_read_view(c0, 0x00100010, b, 4,
					    DBG_VIEW_GUEST), 4);
	ck_assert_uint_eq(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24,
			  0x600dcafe);
	/* Hyp's MMU is off: VA 0x00100010 is PA 0x00100010, not RAM */
	ck_assert_uint_eq(dbg_mem_read_view(c0, 0x00100010, b, 4,
					    DBG_VIEW_CURRENT), 0);
	ck_assert_uint_eq(dbg_mem_read_view(c0, 0x00100010, b, 4,
					    DBG_VIEW_HYP), 0);
	ck_assert_uint_eq(dbg_mem_read_view(c0, 0x40600010, b, 4,
					    DBG_VIEW_PHYS), 4);
	ck_assert_uint_eq(valid_entries(c0), 0);
}
END_TEST

START_TEST(printed)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert(dbg_translate_cmd(c0, 0x00100010, "", f));
	ck_assert(dbg_translate_cmd(c0, 0x00200004, "vmid 5", f));
	ck_assert(dbg_translate_cmd(c0, 0x00100010, "vmid 9", f));
	ck_assert(!dbg_translate_cmd(c0, 0x00100010, "bogus", f));
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text,
		"  VA 0x00100010 -> IPA 0x0040200010 -> PA 0x0040600010, "
		"Normal inner WB outer WB (0xff)\n"));
	ck_assert_ptr_nonnull(strstr(text,
		"  stage 2: Translation fault at level 2 for IPA "
		"0x0041000004\n"));
	ck_assert_ptr_nonnull(strstr(text, "refused: VTTBR holds VMID 5, "
					   "not 9"));
	free(text);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dbg_xlat");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, machine_teardown);
	tcase_add_test(tc, guest_two_stages);
	tcase_add_test(tc, faults_by_stage);
	tcase_add_test(tc, vmid_refused);
	tcase_add_test(tc, memory_views);
	tcase_add_test(tc, printed);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
