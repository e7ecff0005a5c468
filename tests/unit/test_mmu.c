/* Stage 1 translation: MMU off, short descriptors (sections,
 * supersections with 40-bit PAs, pages, domains, AP, AFE, TEX remap,
 * XN/PXN, TTBCR.N), long descriptors at PL1 (MAIR, AP, AF, APTable,
 * XN/PXN, T0SZ/T1SZ), Hyp stage 1, fault status encodings and ATS. Page
 * tables are built in guest RAM and translated with mmu_translate(). */
#include "check_main.h"
#include "test_mmu_util.h"

static struct mmu_result res;
static struct mmu_fault flt;

static bool tr(struct cpu *cpu, uint32_t va, enum mmu_access acc,
	       unsigned flags)
{
	memset(&res, 0xa5, sizeof res);
	memset(&flt, 0, sizeof flt);
	return mmu_translate(cpu, va, acc, flags, &res, &flt);
}

/* Translate and expect success at pa. */
#define OK_AT(cpu, va, acc, flags, want)                                     \
	do {                                                                 \
		ck_assert_msg(tr(cpu, va, acc, flags),                       \
			      "va %08x faulted: type %d level %u", (va),     \
			      flt.type, flt.level);                          \
		ck_assert_msg(res.pa == (want), "va %08x -> %010llx, want %010llx", \
			      (va), (unsigned long long)res.pa,              \
			      (unsigned long long)(want));                   \
	} while (0)
/* Translate and expect a fault. */
#define FAULTS(cpu, va, acc, flags, ftype, flevel)                           \
	do {                                                                 \
		ck_assert_msg(!tr(cpu, va, acc, flags), "va %08x did not fault", \
			      (va));                                         \
		ck_assert_int_eq(flt.type, ftype);                           \
		ck_assert_uint_eq(flt.level, flevel);                        \
	} while (0)

/* ---- MMU off ---- */

/* An address translation operation that must write PAR (no abort). */
static bool ats(struct cpu *c, enum ats_op op, uint32_t va)
{
	struct mmu_fault abort;
	return mmu_address_translate(c, op, va, &abort);
}

START_TEST(mmu_off_flat_default_attributes)
{
	w32(0x40001234, 0xcafef00d);
	OK_AT(c0, 0x40001234, MMU_READ, 0, 0x40001234);
	ck_assert_uint_eq(res.memattr, 0x00); /* data: Strongly-ordered */
	ck_assert(!res.ns);                   /* Secure state at reset */
	ck_assert_ptr_nonnull(res.host);
	uint32_t v;
	memcpy(&v, res.host, 4);
	ck_assert_uint_eq(v, 0xcafef00d);
	/* Fetches are Normal: Non-cacheable with SCTLR.I = 0, Write-Through
	 * with SCTLR.I = 1 (B3.2.1). */
	c0->cp15.sctlr[0] &= ~SCTLR_I;
	mmu_context_changed(c0);
	OK_AT(c0, 0x40001000, MMU_FETCH, 0, 0x40001000);
	ck_assert_uint_eq(res.memattr, 0x44);
	c0->cp15.sctlr[0] |= SCTLR_I;
	mmu_context_changed(c0);
	OK_AT(c0, 0x40001000, MMU_FETCH, 0, 0x40001000);
	ck_assert_uint_eq(res.memattr, 0xaa);
	/* Nothing in the TLB: flat translations are not entries. */
	ck_assert_uint_eq(tlb_count_valid(c0), 0);
	/* An address with no RAM still translates; there is no host page. */
	OK_AT(c0, 0x00000010, MMU_READ, 0, 0x10);
	ck_assert_ptr_null(res.host);
}
END_TEST

/* ---- short descriptors ---- */

START_TEST(short_section_and_memory_types)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(DATA, 0));
	w32(L1_SHORT + 4 * 0x002, sect(0x40200000, 3, 0, 0, 0, 0, false, false));
	w32(L1_SHORT + 4 * 0x003, sect(0x40300000, 3, 0, 0, 0, 1, false, false));
	w32(L1_SHORT + 4 * 0x004, sect(0x40400000, 3, 0, 0, 1, 0, false, false));
	w32(L1_SHORT + 4 * 0x005, sect(0x40500000, 3, 0, 5, 1, 0, false, false));
	w32(L1_SHORT + 4 * 0x006, sect(0x40600000, 3, 0, 1, 0, 0, false, false));
	short_on(c0, 0);
	OK_AT(c0, 0x00100abc, MMU_READ, 0, DATA + 0xabc);
	ck_assert_uint_eq(res.memattr, 0xff); /* TEX=001 CB=11: WB-WA */
	ck_assert(!res.ns);                   /* NS bit 0 in Secure state */
	OK_AT(c0, 0x00200004, MMU_READ, 0, 0x40200004);
	ck_assert_uint_eq(res.memattr, 0x00); /* Strongly-ordered */
	OK_AT(c0, 0x00300004, MMU_READ, 0, 0x40300004);
	ck_assert_uint_eq(res.memattr, 0x04); /* Shareable Device */
	OK_AT(c0, 0x00400004, MMU_READ, 0, 0x40400004);
	ck_assert_uint_eq(res.memattr, 0xaa); /* WT, no WA */
	OK_AT(c0, 0x00500004, MMU_READ, 0, 0x40500004);
	ck_assert_uint_eq(res.memattr, 0xfa); /* outer WB-WA, inner WT */
	OK_AT(c0, 0x00600004, MMU_READ, 0, 0x40600004);
	ck_assert_uint_eq(res.memattr, 0x44); /* Non-cacheable */
	/* NS bit (19) is honoured in the Secure regime. */
	w32(L1_SHORT + 4 * 0x007, sect_rw(0x40700000, 0) | 1u << 19);
	OK_AT(c0, 0x00700000, MMU_READ, 0, 0x40700000);
	ck_assert(res.ns);
}
END_TEST

START_TEST(short_supersection_40bit)
{
	/* PA[35:32] in bits[23:20], PA[39:36] in bits[8:5]. */
	uint32_t ss = 1u << 18 | 3u << 10 | 1u << 12 | 3u << 2 | 2u;
	for (unsigned i = 0; i < 16; i++) {
		w32(L1_SHORT + 4 * (0x010 + i), ss | 1u << 20);
		w32(L1_SHORT + 4 * (0x020 + i), ss | 0xfu << 20 | 0xfu << 5);
	}
	short_on(c0, 0);
	OK_AT(c0, 0x01034567, MMU_READ, 0, 0x100034567ull);
	w32(0x100034564ull, 0x11223344);
	ck_assert_ptr_nonnull(res.host);
	ck_assert_uint_eq(res.host[-3], 0x44);
	OK_AT(c0, 0x02012345, MMU_WRITE, 0, 0xff00012345ull);
	/* One 16 MiB entry covers the whole supersection. */
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x02fff000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->size_log2, 24);
	ck_assert_uint_eq(e->pa, 0xff00000000ull);
}
END_TEST

START_TEST(short_pages)
{
	w32(L1_SHORT + 4 * 0x003, page_table(L2_SHORT, 2, false));
	w32(L2_SHORT + 4 * 0x00, small_page(DATA + 0x5000, 3, 1, 1, 1, false, false));
	for (unsigned i = 0x10; i < 0x20; i++)
		w32(L2_SHORT + 4 * i, large_page(0x40200000, 3, false));
	short_on(c0, 0);
	OK_AT(c0, 0x00300123, MMU_READ, 0, DATA + 0x5123);
	ck_assert_uint_eq(res.memattr, 0xff);
	OK_AT(c0, 0x0031f004, MMU_WRITE, 0, 0x4020f004);
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x00310000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->size_log2, 16);
	ck_assert_uint_eq(e->domain, 2);
	/* Empty second-level entry: page Translation fault with the domain
	 * of the first-level descriptor. */
	FAULTS(c0, 0x00301000, MMU_READ, 0, FAULT_TRANSLATION, 2);
	ck_assert_uint_eq(flt.domain, 2);
	ck_assert(!flt.long_format);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x27);
	/* Empty first-level entry: section Translation fault. */
	FAULTS(c0, 0x00500000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, true), 0x805);
}
END_TEST

START_TEST(short_permissions)
{
	w32(L1_SHORT + 4 * 0x010, sect(0x40100000, 1, 0, 1, 1, 1, false, false)); /* PL1 RW */
	w32(L1_SHORT + 4 * 0x011, sect(0x40100000, 5, 0, 1, 1, 1, false, false)); /* PL1 RO */
	w32(L1_SHORT + 4 * 0x012, sect(0x40100000, 2, 0, 1, 1, 1, false, false)); /* PL0 RO */
	w32(L1_SHORT + 4 * 0x013, sect(0x40100000, 3, 0, 1, 1, 1, true, false));  /* XN */
	w32(L1_SHORT + 4 * 0x014, sect(0x40100000, 3, 0, 1, 1, 1, false, false) | 1u); /* PXN */
	w32(L1_SHORT + 4 * 0x015, sect(0x40100000, 0, 0, 1, 1, 1, false, false)); /* none */
	short_on(c0, 0);

	OK_AT(c0, 0x01000000, MMU_WRITE, 0, 0x40100000);
	FAULTS(c0, 0x01000000, MMU_READ, ACC_UNPRIV, FAULT_PERMISSION, 1);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x0d);

	OK_AT(c0, 0x01100000, MMU_READ, 0, 0x40100000);
	FAULTS(c0, 0x01100000, MMU_WRITE, 0, FAULT_PERMISSION, 1);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, true), 0x80d);

	OK_AT(c0, 0x01200000, MMU_READ, ACC_UNPRIV, 0x40100000);
	OK_AT(c0, 0x01200000, MMU_WRITE, 0, 0x40100000);
	FAULTS(c0, 0x01200000, MMU_WRITE, ACC_UNPRIV, FAULT_PERMISSION, 1);
	/* PL0 executing from a region it can read. */
	OK_AT(c0, 0x01200000, MMU_FETCH, ACC_UNPRIV, 0x40100000);

	OK_AT(c0, 0x01300000, MMU_READ, 0, 0x40100000);
	FAULTS(c0, 0x01300000, MMU_FETCH, 0, FAULT_PERMISSION, 1);

	FAULTS(c0, 0x01400000, MMU_FETCH, 0, FAULT_PERMISSION, 1);
	OK_AT(c0, 0x01400000, MMU_FETCH, ACC_UNPRIV, 0x40100000);

	FAULTS(c0, 0x01500000, MMU_READ, 0, FAULT_PERMISSION, 1);
	FAULTS(c0, 0x01500000, MMU_FETCH, 0, FAULT_PERMISSION, 1);

	/* User mode is checked as PL0 without any flag. */
	cpu_set_mode(c0, MODE_USR);
	FAULTS(c0, 0x01000000, MMU_READ, 0, FAULT_PERMISSION, 1);
	OK_AT(c0, 0x01200000, MMU_READ, 0, 0x40100000);
	cpu_set_mode(c0, MODE_SVC);
	OK_AT(c0, 0x01000000, MMU_READ, 0, 0x40100000);
}
END_TEST

START_TEST(short_domains)
{
	w32(L1_SHORT + 4 * 0x010, sect(0x40100000, 0, 3, 1, 1, 1, true, false));
	w32(L1_SHORT + 4 * 0x011, page_table(L2_SHORT, 4, false));
	w32(L2_SHORT, small_page(DATA, 3, 1, 1, 1, false, false));
	short_on(c0, 0);
	/* Domain 3 and 4: No access. */
	c0->cp15.dacr[0] = 0x55555555u & ~(3u << 6) & ~(3u << 8);
	mmu_context_changed(c0);
	FAULTS(c0, 0x01000000, MMU_READ, 0, FAULT_DOMAIN, 1);
	ck_assert_uint_eq(flt.domain, 3);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x39);
	FAULTS(c0, 0x01100000, MMU_WRITE, 0, FAULT_DOMAIN, 2);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, true), 0x84b);
	/* In HSR form a domain fault is 0b1111LL. */
	ck_assert_uint_eq(mmu_fault_fsc_long(&flt), 0x3e);
	/* Manager: AP=000 and XN are not checked. */
	c0->cp15.dacr[0] |= 3u << 6;
	mmu_context_changed(c0);
	OK_AT(c0, 0x01000000, MMU_WRITE, 0, 0x40100000);
	OK_AT(c0, 0x01000000, MMU_FETCH, ACC_UNPRIV, 0x40100000);
	/* Client: AP=000 is no access. DACR is read at each use, not
	 * cached in the TLB. */
	c0->cp15.dacr[0] = (c0->cp15.dacr[0] & ~(3u << 6)) | 1u << 6;
	mmu_context_changed(c0);
	FAULTS(c0, 0x01000000, MMU_READ, 0, FAULT_PERMISSION, 1);
	c0->cp15.dacr[0] |= 1u << 8;
	mmu_context_changed(c0);
	OK_AT(c0, 0x01100010, MMU_READ, 0, DATA + 0x10);
}
END_TEST

START_TEST(short_access_flag_and_wxn)
{
	/* AFE: AP[0] is the Access flag; AP[2:1] the simplified model. */
	w32(L1_SHORT + 4 * 0x010, sect(0x40100000, 2, 0, 1, 1, 1, false, false));
	w32(L1_SHORT + 4 * 0x011, sect(0x40100000, 3, 0, 1, 1, 1, false, false));
	w32(L1_SHORT + 4 * 0x012, page_table(L2_SHORT, 0, false));
	w32(L2_SHORT, small_page(DATA, 6, 1, 1, 1, false, false));
	w32(L2_SHORT + 4, small_page(DATA, 7, 1, 1, 1, false, false));
	short_on(c0, 0);
	c0->cp15.sctlr[0] |= SCTLR_AFE;
	mmu_context_changed(c0);
	FAULTS(c0, 0x01000000, MMU_READ, 0, FAULT_ACCESS_FLAG, 1);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x03);
	/* AP=011 with AFE: AP[2:1]=01 full access. */
	OK_AT(c0, 0x01100000, MMU_WRITE, ACC_UNPRIV, 0x40100000);
	FAULTS(c0, 0x01200000, MMU_READ, 0, FAULT_ACCESS_FLAG, 2);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x06);
	/* AP=111 with AFE: read-only at both levels. */
	OK_AT(c0, 0x01201000, MMU_READ, ACC_UNPRIV, DATA);
	FAULTS(c0, 0x01201000, MMU_WRITE, 0, FAULT_PERMISSION, 2);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, true), 0x80f);

	/* WXN: writable is never executable. Fresh VA: entries cache the
	 * WXN of their fill. */
	w32(L1_SHORT + 4 * 0x020, sect(0x40100000, 3, 0, 1, 1, 1, false, false));
	w32(L1_SHORT + 4 * 0x021, sect(0x40100000, 7, 0, 1, 1, 1, false, false));
	c0->cp15.sctlr[0] |= SCTLR_WXN;
	mmu_context_changed(c0);
	FAULTS(c0, 0x02000000, MMU_FETCH, 0, FAULT_PERMISSION, 1);
	OK_AT(c0, 0x02100000, MMU_FETCH, 0, 0x40100000);
}
END_TEST

START_TEST(short_tex_remap)
{
	/* PRRR: TR0 Normal, TR1 Device, TR2 SO; NMRR: IR0 WB-WA, OR0 WB-noWA. */
	c0->cp15.prrr[0] = 2u | 1u << 2 | 0u << 4;
	c0->cp15.nmrr[0] = 1u | 3u << 16;
	mmu_context_changed(c0);
	w32(L1_SHORT + 4 * 0x010, sect(0x40100000, 3, 0, 0, 0, 0, false, false));
	w32(L1_SHORT + 4 * 0x011, sect(0x40100000, 3, 0, 0, 0, 1, false, false));
	w32(L1_SHORT + 4 * 0x012, sect(0x40100000, 3, 0, 0, 1, 0, false, false));
	short_on(c0, 0);
	c0->cp15.sctlr[0] |= SCTLR_TRE;
	mmu_context_changed(c0);
	OK_AT(c0, 0x01000000, MMU_READ, 0, 0x40100000);
	ck_assert_uint_eq(res.memattr, 0xef);
	OK_AT(c0, 0x01100000, MMU_READ, 0, 0x40100000);
	ck_assert_uint_eq(res.memattr, 0x04);
	OK_AT(c0, 0x01200000, MMU_READ, 0, 0x40100000);
	ck_assert_uint_eq(res.memattr, 0x00);
}
END_TEST

START_TEST(short_ttbcr_n_split)
{
	/* N = 2: TTBR0 (a 4 KiB table) below 1 GiB, TTBR1 above. */
	w32(L1_SHORT + 4 * 0x001, sect_rw(0x40100000, 0));
	w32(L1_SHORT_B + 4 * 0x801, sect_rw(0x40300000, 0));
	w32(L1_SHORT_B + 4 * 0x001, sect_rw(0x40500000, 0));
	short_on(c0, 0);
	c0->cp15.ttbcr[0] = 2;
	c0->cp15.ttbr1[0] = L1_SHORT_B;
	mmu_context_changed(c0);
	OK_AT(c0, 0x00100010, MMU_READ, 0, 0x40100010);
	OK_AT(c0, 0x80100010, MMU_READ, 0, 0x40300010);
	/* PD1: no walk for TTBR1 addresses. */
	c0->cp15.ttbcr[0] |= 1u << 5;
	mmu_context_changed(c0);
	FAULTS(c0, 0x80200000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	/* PD0 likewise for TTBR0. */
	c0->cp15.ttbcr[0] = 2u | 1u << 4;
	mmu_context_changed(c0);
	FAULTS(c0, 0x00200000, MMU_READ, 0, FAULT_TRANSLATION, 1);
}
END_TEST

START_TEST(short_nonsecure_bank_and_walk_abort)
{
	/* The Non-secure PL1&0 regime uses the Non-secure registers. */
	w32(L1_SHORT_B + 4 * 0x001, sect_rw(0x40300000, 0));
	go_ns(c0, MODE_SVC);
	c0->cp15.ttbr0[1] = L1_SHORT_B;
	c0->cp15.dacr[1] = 0x55555555u;
	c0->cp15.sctlr[1] |= SCTLR_M;
	mmu_context_changed(c0);
	OK_AT(c0, 0x00100010, MMU_READ, 0, 0x40300010);
	ck_assert(res.ns);
	/* A first-level table outside any memory: external abort on the
	 * walk. */
	c0->cp15.ttbr0[1] = 0x20000000;
	mmu_context_changed(c0);
	FAULTS(c0, 0x00200000, MMU_READ, 0, FAULT_EXTERNAL_WALK, 1);
	ck_assert_uint_eq(mmu_fault_fsr_short(&flt, false), 0x0c);
}
END_TEST

/* ---- long descriptors at PL1 ---- */

static void lpae_on(struct cpu *cpu, unsigned bank, uint32_t ttbcr)
{
	cpu->cp15.ttbcr[bank] = 1u << 31 | ttbcr;
	cpu->cp15.ttbr0[bank] = (uint64_t)5 << 48 | LPAE_L1;
	cpu->cp15.prrr[bank] = 0x000004ffu; /* MAIR0: 0xff, 0x04, 0x00, 0x00 */
	cpu->cp15.nmrr[bank] = 0x00000044u; /* MAIR1: 0x44 */
	cpu->cp15.sctlr[bank] |= SCTLR_M;
	mmu_context_changed(cpu);
}

START_TEST(long_pl1_blocks_pages_attrs)
{
	w64(LPAE_L1 + 8 * 0, ld_leaf(HIGH_RAM, 1, 1, 0, false)); /* 1 GiB */
	w64(LPAE_L1 + 8 * 1, ld_table(LPAE_L2));
	w64(LPAE_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	w64(LPAE_L2 + 8 * 1, ld_table(LPAE_L3));
	w64(LPAE_L3 + 8 * 2, ld_leaf(DATA, 4, 1, 3, true) | LD_NG);
	w64(LPAE_L3 + 8 * 3, ld_leaf(DATA, 4, 1, 3, true) & ~LD_AF);
	lpae_on(c0, 0, 0);
	OK_AT(c0, 0x40012345, MMU_READ, 0, 0x40212345);
	ck_assert_uint_eq(res.memattr, 0xff);
	OK_AT(c0, 0x40202010, MMU_WRITE, ACC_UNPRIV, DATA + 0x10);
	ck_assert_uint_eq(res.memattr, 0x44);
	OK_AT(c0, 0x00012345, MMU_READ, 0, HIGH_RAM + 0x12345);
	ck_assert_uint_eq(res.memattr, 0x04);
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x00012000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->size_log2, 30);
	ck_assert(e->global);
	e = tlb_lookup_for_report(c0, 0x40202000);
	ck_assert_ptr_nonnull(e);
	ck_assert(!e->global);
	ck_assert_uint_eq(e->asid, 5); /* TTBR0.ASID (TTBCR.A1 = 0) */

	FAULTS(c0, 0x40203000, MMU_READ, 0, FAULT_ACCESS_FLAG, 3);
	ck_assert(flt.long_format);
	ck_assert_uint_eq(mmu_fault_fsr_long(&flt, false), 0x20b);
	FAULTS(c0, 0x40204000, MMU_READ, 0, FAULT_TRANSLATION, 3);
	ck_assert_uint_eq(mmu_fault_fsr_long(&flt, true), 0xa07);
	FAULTS(c0, 0x40400000, MMU_READ, 0, FAULT_TRANSLATION, 2);
	FAULTS(c0, 0x80000000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	ck_assert_uint_eq(mmu_fault_fsc_long(&flt), 0x05);
}
END_TEST

START_TEST(long_pl1_permissions)
{
	w64(LPAE_L1 + 8 * 1, ld_table(LPAE_L2));
	w64(LPAE_L1 + 8 * 2, ld_table(LPAE_L2B) | 1ull << 61 | 1ull << 60);
	w64(LPAE_L2 + 8 * 0, ld_leaf(0x40200000, 0, 2, 0, false)); /* PL1 RO */
	w64(LPAE_L2 + 8 * 1, ld_leaf(0x40200000, 0, 3, 0, false)); /* RO all */
	w64(LPAE_L2 + 8 * 2, ld_leaf(0x40200000, 0, 1, 0, false) | LD_XN);
	w64(LPAE_L2 + 8 * 3, ld_leaf(0x40200000, 0, 1, 0, false) | LD_PXN);
	w64(LPAE_L2 + 8 * 4, ld_leaf(0x40200000, 0, 0, 0, false)); /* PL1 RW */
	w64(LPAE_L2B + 8 * 0, ld_leaf(0x40200000, 0, 1, 0, false));
	lpae_on(c0, 0, 0);
	OK_AT(c0, 0x40000000, MMU_READ, 0, 0x40200000);
	FAULTS(c0, 0x40000000, MMU_WRITE, 0, FAULT_PERMISSION, 2);
	ck_assert_uint_eq(mmu_fault_fsr_long(&flt, true), 0xa0e);
	FAULTS(c0, 0x40000000, MMU_READ, ACC_UNPRIV, FAULT_PERMISSION, 2);
	OK_AT(c0, 0x40200000, MMU_READ, ACC_UNPRIV, 0x40200000);
	FAULTS(c0, 0x40200000, MMU_WRITE, 0, FAULT_PERMISSION, 2);
	FAULTS(c0, 0x40400000, MMU_FETCH, 0, FAULT_PERMISSION, 2);
	FAULTS(c0, 0x40400000, MMU_FETCH, ACC_UNPRIV, FAULT_PERMISSION, 2);
	FAULTS(c0, 0x40600000, MMU_FETCH, 0, FAULT_PERMISSION, 2);
	OK_AT(c0, 0x40600000, MMU_FETCH, ACC_UNPRIV, 0x40200000);
	OK_AT(c0, 0x40800000, MMU_WRITE, 0, 0x40200000);
	FAULTS(c0, 0x40800000, MMU_READ, ACC_UNPRIV, FAULT_PERMISSION, 2);
	/* APTable[0] (no PL0) and XNTable from the level-1 table entry. */
	OK_AT(c0, 0x80000000, MMU_WRITE, 0, 0x40200000);
	FAULTS(c0, 0x80000000, MMU_READ, ACC_UNPRIV, FAULT_PERMISSION, 2);
	FAULTS(c0, 0x80000000, MMU_FETCH, 0, FAULT_PERMISSION, 2);
	/* APTable[1]: read-only below. */
	w64(LPAE_L1 + 8 * 3, ld_table(LPAE_L2B) | 1ull << 62);
	FAULTS(c0, 0xc0000000, MMU_WRITE, 0, FAULT_PERMISSION, 2);
	OK_AT(c0, 0xc0000000, MMU_READ, ACC_UNPRIV, 0x40200000);
}
END_TEST

START_TEST(long_pl1_ttbr_split)
{
	/* T0SZ = T1SZ = 2: TTBR0 below 1 GiB, TTBR1 from 3 GiB, a gap
	 * between. Both start at level 2. */
	w64(LPAE_L2 + 8 * 3, ld_leaf(0x40200000, 0, 1, 0, false));
	w64(LPAE_L2B + 8 * 511, ld_leaf(0x40400000, 0, 1, 0, false));
	lpae_on(c0, 0, 2u | 2u << 16);
	c0->cp15.ttbr0[0] = LPAE_L2;
	c0->cp15.ttbr1[0] = (uint64_t)9 << 48 | LPAE_L2B;
	mmu_context_changed(c0);
	OK_AT(c0, 0x00600010, MMU_READ, 0, 0x40200010);
	OK_AT(c0, 0xffe00010, MMU_READ, 0, 0x40400010);
	FAULTS(c0, 0x40000000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	/* EPD1: no walks for TTBR1. */
	c0->cp15.ttbcr[0] |= 1u << 23;
	mmu_context_changed(c0);
	FAULTS(c0, 0xffc00000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	/* T0SZ = 1, T1SZ = 0: TTBR1 covers the upper 2 GiB from level 1. */
	w64(LPAE_L1 + 8 * 3, ld_leaf(0x40000000, 0, 1, 0, false));
	c0->cp15.ttbcr[0] = 1u << 31 | 1u;
	c0->cp15.ttbr1[0] = LPAE_L1;
	mmu_context_changed(c0);
	OK_AT(c0, 0xc0000040, MMU_READ, 0, 0x40000040);
}
END_TEST

START_TEST(long_contiguous_hint)
{
	/* 16 level-3 entries marked contiguous become one 64 KiB entry. */
	w64(LPAE_L1 + 8 * 1, ld_table(LPAE_L2));
	w64(LPAE_L2 + 8 * 0, ld_table(LPAE_L3));
	for (unsigned i = 0; i < 16; i++)
		w64(LPAE_L3 + 8 * i,
		    ld_leaf(0x40200000 + i * 0x1000u, 0, 1, 0, true) | LD_CONTIG);
	lpae_on(c0, 0, 0);
	OK_AT(c0, 0x40003010, MMU_READ, 0, 0x40203010);
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x4000f000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->size_log2, 16);
	OK_AT(c0, 0x4000f010, MMU_READ, 0, 0x4020f010);
}
END_TEST

/* ---- Hyp stage 1 ---- */

static void hyp_on(struct cpu *cpu)
{
	go_ns(cpu, MODE_HYP);
	cpu->cp15.htcr = 1u << 31;
	cpu->cp15.httbr = HYP_L1;
	cpu->cp15.hmair0 = 0xffu | 0x04u << 8;
	cpu->cp15.hsctlr |= HSCTLR_M;
	mmu_context_changed(cpu);
}

START_TEST(hyp_stage1)
{
	w64(HYP_L1 + 8 * 1, ld_table(HYP_L2));
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	w64(HYP_L2 + 8 * 1, ld_leaf(0x40400000, 1, 3, 0, false)); /* RO */
	w64(HYP_L2 + 8 * 2, ld_leaf(0x40400000, 0, 1, 0, false) | LD_XN);
	w64(HYP_L2 + 8 * 3, ld_table(HYP_L3));
	w64(HYP_L3 + 8 * 0, ld_leaf(DATA, 0, 1, 0, true) & ~LD_AF);
	hyp_on(c0);
	OK_AT(c0, 0x40000010, MMU_WRITE, 0, 0x40200010);
	ck_assert_uint_eq(res.memattr, 0xff);
	ck_assert(res.ns);
	OK_AT(c0, 0x40000010, MMU_FETCH, 0, 0x40200010);
	/* ACC_UNPRIV in Hyp mode is checked as a Hyp access. */
	OK_AT(c0, 0x40000010, MMU_READ, ACC_UNPRIV, 0x40200010);
	OK_AT(c0, 0x40200000, MMU_READ, 0, 0x40400000);
	ck_assert_uint_eq(res.memattr, 0x04);
	FAULTS(c0, 0x40200000, MMU_WRITE, 0, FAULT_PERMISSION, 2);
	ck_assert(flt.long_format);
	ck_assert(!flt.stage2);
	ck_assert_uint_eq(mmu_fault_fsc_long(&flt), 0x0e);
	FAULTS(c0, 0x40400000, MMU_FETCH, 0, FAULT_PERMISSION, 2);
	FAULTS(c0, 0x40600000, MMU_READ, 0, FAULT_ACCESS_FLAG, 3);
	FAULTS(c0, 0x00000000, MMU_READ, 0, FAULT_TRANSLATION, 1);
	/* HSCTLR.WXN, on a fresh entry. */
	w64(HYP_L2 + 8 * 4, ld_leaf(0x40400000, 0, 1, 0, false));
	c0->cp15.hsctlr |= HSCTLR_WXN;
	mmu_context_changed(c0);
	FAULTS(c0, 0x40800000, MMU_FETCH, 0, FAULT_PERMISSION, 2);
	/* The entry is tagged HYP: the PL1&0 regime does not see it. */
	const struct tlb_entry *e = tlb_lookup_for_report(c0, 0x40000000);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->regime, TLB_REGIME_HYP);
	cpu_set_mode(c0, MODE_SVC);
	ck_assert_ptr_null(tlb_lookup_for_report(c0, 0x40000000));
	/* HSCTLR.M = 0: flat, default attributes. */
	cpu_set_mode(c0, MODE_HYP);
	c0->cp15.hsctlr &= ~HSCTLR_M;
	mmu_context_changed(c0);
	OK_AT(c0, 0x40200000, MMU_WRITE, 0, 0x40200000);
	ck_assert_uint_eq(res.memattr, 0x00);
}
END_TEST

/* ---- fault encodings ---- */

START_TEST(fault_encodings)
{
	struct mmu_fault f = {.type = FAULT_TRANSLATION, .level = 2,
			      .domain = 5};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x57);
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, true), 0x857);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x06);
	ck_assert_uint_eq(mmu_fault_fsr_long(&f, true), 0xa06);
	f = (struct mmu_fault){.type = FAULT_ALIGNMENT};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x01);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x21);
	ck_assert_uint_eq(mmu_fault_fsr_long(&f, false), 0x221);
	f = (struct mmu_fault){.type = FAULT_EXTERNAL, .ea_ext = true};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x1008);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x10);
	f = (struct mmu_fault){.type = FAULT_EXTERNAL_WALK, .level = 2};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x0e);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x16);
	f = (struct mmu_fault){.type = FAULT_ACCESS_FLAG, .level = 1};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x03);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x09);
	f = (struct mmu_fault){.type = FAULT_PERMISSION, .level = 3};
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x0f);
	f = (struct mmu_fault){.type = FAULT_DOMAIN, .level = 1};
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x3d);
	f = (struct mmu_fault){.type = FAULT_DEBUG};
	ck_assert_uint_eq(mmu_fault_fsr_short(&f, false), 0x02);
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x22);
	f = (struct mmu_fault){.type = FAULT_ADDRESS_SIZE, .level = 1};
	ck_assert_uint_eq(mmu_fault_fsc_long(&f), 0x01);
}
END_TEST

/* ---- address translation operations ---- */

START_TEST(ats_short_and_hyp)
{
	w32(L1_SHORT + 4 * 0x001, sect_rw(DATA, 0) | 1u << 16 /* S */);
	w32(L1_SHORT + 4 * 0x010, sect(0x40100000, 1, 0, 1, 1, 1, false, false));
	short_on(c0, 0);
	ck_assert(ats(c0, ATS1CPR, 0x00100abc));
	/* PA[31:12], SH, Inner WB-WA (101), Outer WB-WA (01), NS=0, F=0. */
	ck_assert_uint_eq(c0->cp15.par[0], DATA | 0x80u | 0x50u | 0x04u);
	ck_assert(ats(c0, ATS1CUR, 0x01000000));
	/* F=1, FS = 0b01101 (section permission). */
	ck_assert_uint_eq(c0->cp15.par[0], 1u | 0x0du << 1);
	ck_assert(ats(c0, ATS1CPW, 0x00500000));
	ck_assert_uint_eq(c0->cp15.par[0], 1u | 0x05u << 1);

	/* Hyp: 64-bit PAR. */
	w64(HYP_L1 + 8 * 1, ld_table(HYP_L2));
	w64(HYP_L2 + 8 * 0, ld_leaf(0x40200000, 0, 1, 3, false));
	w64(HYP_L2 + 8 * 1, ld_leaf(0x40400000, 1, 3, 0, false));
	hyp_on(c0);
	ck_assert(ats(c0, ATS1HR, 0x40000010));
	ck_assert_uint_eq(c0->cp15.par[1], 0xff00000040200000ull | 1u << 11 |
						   1u << 9 | 3u << 7);
	ck_assert(ats(c0, ATS1HW, 0x40200000));
	ck_assert_uint_eq(c0->cp15.par[1], 1u | 0x0eu << 1 | 1u << 11);
	/* ATS1C* from Hyp: the Non-secure PL1&0 stage 1 (MMU off: flat),
	 * 64-bit format. */
	ck_assert(ats(c0, ATS1CPR, 0x40000010));
	ck_assert_uint_eq(c0->cp15.par[1] & 0xfffffff000ull, 0x40000000);
	ck_assert(c0->cp15.par[1] & (1u << 11));
	ck_assert_uint_eq(c0->cp15.par[1] >> 56, 0x00);
}
END_TEST

START_TEST(ats_long_pl1)
{
	w64(LPAE_L1 + 8 * 1, ld_table(LPAE_L2));
	w64(LPAE_L2 + 8 * 0, ld_leaf(0x40200000, 4, 2, 2, false));
	lpae_on(c0, 0, 0);
	ck_assert(ats(c0, ATS1CPR, 0x40000123));
	ck_assert_uint_eq(c0->cp15.par[0], 0x4400000040200000ull | 1u << 11 |
						   2u << 7);
	ck_assert(ats(c0, ATS1CPW, 0x40000123));
	ck_assert_uint_eq(c0->cp15.par[0], 1u | 0x0eu << 1 | 1u << 11);
	ck_assert(ats(c0, ATS1CUR, 0x40000123));
	ck_assert_uint_eq(c0->cp15.par[0], 1u | 0x0eu << 1 | 1u << 11);
}
END_TEST

static Suite *mmu_suite(void)
{
	Suite *s = suite_create("mmu");
	TCase *tc = tcase_create("stage1");
	tcase_add_checked_fixture(tc, machine_setup, machine_teardown);
	tcase_add_test(tc, mmu_off_flat_default_attributes);
	tcase_add_test(tc, short_section_and_memory_types);
	tcase_add_test(tc, short_supersection_40bit);
	tcase_add_test(tc, short_pages);
	tcase_add_test(tc, short_permissions);
	tcase_add_test(tc, short_domains);
	tcase_add_test(tc, short_access_flag_and_wxn);
	tcase_add_test(tc, short_tex_remap);
	tcase_add_test(tc, short_ttbcr_n_split);
	tcase_add_test(tc, short_nonsecure_bank_and_walk_abort);
	tcase_add_test(tc, long_pl1_blocks_pages_attrs);
	tcase_add_test(tc, long_pl1_permissions);
	tcase_add_test(tc, long_pl1_ttbr_split);
	tcase_add_test(tc, long_contiguous_hint);
	tcase_add_test(tc, hyp_stage1);
	tcase_add_test(tc, fault_encodings);
	tcase_add_test(tc, ats_short_and_hyp);
	tcase_add_test(tc, ats_long_pl1);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(mmu_suite)
