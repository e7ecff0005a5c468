/* The GICv2 Virtualization Extensions (src/devices/gic_virt.c): list
 * registers through GICH, a guest's view through GICV, maintenance
 * interrupts as PPI 25 and hardware-linked deactivation. */
#include <check.h>
#include <stdio.h>

#include "check_main.h"
#include "gic_test.h"

/* GICH */
#define HCR 0x00
#define VTR 0x04
#define VMCR 0x08
#define MISR 0x10
#define EISR0 0x20
#define ELRSR0 0x30
#define HAPR 0xf0
#define LR(n) (0x100 + 4 * (n))
/* GICV */
#define VCTLR 0x00
#define VPMR 0x04
#define VBPR 0x08
#define VIAR 0x0c
#define VEOIR 0x10
#define VRPR 0x14
#define VHPPIR 0x18
#define VABPR 0x1c
#define VAIAR 0x20
#define VAPR0 0xd0
#define VIIDR 0xfc
#define VDIR 0x1000
/* GICC */
#define CCTLR 0x00
#define IAR 0x0c
#define EOIR 0x10

#define HCR_EN (1u << 0)
#define HCR_UIE (1u << 1)
#define HCR_LRENPIE (1u << 2)
#define HCR_NPIE (1u << 3)
#define HCR_VGRP0EIE (1u << 4)
#define HCR_VGRP0DIE (1u << 5)

enum { INVALID, PENDING, ACTIVE, PENDING_ACTIVE };

/* a software list register */
static uint32_t lr_sw(unsigned state, bool grp1, uint8_t prio,
		      unsigned vid, unsigned cpuid, bool eoi)
{
	return (state << 28) | ((uint32_t)grp1 << 30) |
	       ((uint32_t)(prio >> 3) << 23) | ((uint32_t)eoi << 19) |
	       (cpuid << 10) | vid;
}

/* a hardware-linked list register */
static uint32_t lr_hw(unsigned state, uint8_t prio, unsigned vid,
		      unsigned pid)
{
	return (1u << 31) | (state << 28) | ((uint32_t)(prio >> 3) << 23) |
	       (pid << 10) | vid;
}

static unsigned lr_state(unsigned c, unsigned n)
{
	return (H(c, LR(n)) >> 28) & 3;
}

/* the virtual interface of core c on, Group 0 enabled, mask open */
static void open_vcpu(unsigned c)
{
	HW(c, HCR, HCR_EN);
	VW(c, VCTLR, 1);
	VW(c, VPMR, 0xf8);
}

START_TEST(registers)
{
	gic_setup(2, 288);
	ck_assert_uint_eq(H(0, VTR), 0x90000003);
	ck_assert_uint_eq(V(0, VIIDR), 0x0202143b);
	/* GICV_CTLR/PMR/BPR/ABPR are views of GICH_VMCR */
	VW(1, VCTLR, ~0u);
	VW(1, VPMR, 0xa8);
	VW(1, VBPR, 5);
	VW(1, VABPR, 6);
	ck_assert_uint_eq(V(1, VCTLR), 0x21f);
	ck_assert_uint_eq(H(1, VMCR),
			  (0xa8u >> 3 << 27) | (5u << 21) | (6u << 18) | 0x21f);
	ck_assert_uint_eq(H(0, VMCR), (2u << 21) | (3u << 18)); /* banked */
	HW(0, VMCR, (0x10u << 27) | 1);
	ck_assert_uint_eq(V(0, VPMR), 0x80);
	ck_assert_uint_eq(V(0, VBPR), 2); /* clamped to the minimum */
	ck_assert_uint_eq(V(0, VABPR), 3);
	ck_assert_uint_eq(V(0, VCTLR), 1);
	/* LR reserved bits [22:20] RAZ/WI; absent LRs RAZ/WI */
	HW(0, LR(0), ~0u);
	ck_assert_uint_eq(H(0, LR(0)), 0xff8fffff);
	HW(0, LR(4), ~0u);
	ck_assert_uint_eq(H(0, LR(4)), 0);
	ck_assert_uint_eq(H(1, LR(0)), 0);
	HW(0, HCR, ~0u);
	ck_assert_uint_eq(H(0, HCR), 0xf80000ff);
	/* ELRSR: free list registers */
	gic_setup(2, 288);
	ck_assert_uint_eq(H(0, ELRSR0), 0xf);
	HW(0, LR(2), lr_sw(PENDING, false, 0x80, 40, 0, false));
	HW(0, LR(3), lr_sw(INVALID, false, 0x80, 40, 0, true));
	ck_assert_uint_eq(H(0, ELRSR0), 0x3);
	ck_assert_uint_eq(H(0, EISR0), 0x8);
}
END_TEST

START_TEST(lr_states)
{
	gic_setup(2, 288);
	open_vcpu(0);
	HW(0, LR(1), lr_sw(PENDING, false, 0x10, 27, 0, false));
	ck_assert(out_level[0][OUT_VIRQ]);
	ck_assert(!out_level[1][OUT_VIRQ]);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(V(0, VHPPIR), 27);
	ck_assert_uint_eq(V(0, VIAR), 27);
	ck_assert_uint_eq(lr_state(0, 1), ACTIVE);
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(V(0, VRPR), 0x10);
	ck_assert_uint_eq(H(0, HAPR), 1u << 2);
	ck_assert_uint_eq(V(0, VAPR0), 1u << 2);
	ck_assert_uint_eq(V(0, VIAR), 1023);
	/* the hypervisor makes it pending again: pending+active is not
	 * signalled until the guest deactivates it */
	HW(0, LR(1), lr_sw(PENDING_ACTIVE, false, 0x10, 27, 0, false));
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(H(0, ELRSR0) & 2, 0);
	VW(0, VEOIR, 27);
	ck_assert_uint_eq(lr_state(0, 1), PENDING);
	ck_assert_uint_eq(V(0, VRPR), 0xff);
	ck_assert(out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(V(0, VIAR), 27);
	VW(0, VEOIR, 27);
	ck_assert_uint_eq(lr_state(0, 1), INVALID);
	ck_assert_uint_eq(H(0, ELRSR0), 0xf);
	ck_assert(!out_level[0][OUT_VIRQ]);
	/* nothing counted: every EOI found its list register */
	ck_assert_uint_eq(H(0, HCR) >> 27, 0);

	/* priorities: the best of several, and the mask */
	HW(0, LR(0), lr_sw(PENDING, false, 0x60, 33, 0, false));
	HW(0, LR(2), lr_sw(PENDING, false, 0x20, 34, 0, false));
	HW(0, LR(3), lr_sw(PENDING, false, 0x40, 35, 0, false));
	VW(0, VPMR, 0x20);
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(V(0, VIAR), 1023);
	VW(0, VPMR, 0x28);
	ck_assert_uint_eq(V(0, VIAR), 34);
	VW(0, VPMR, 0xf8);
	/* 0x40 preempts 0x20? no. After EOI, 35 then 33 */
	ck_assert(!out_level[0][OUT_VIRQ]);
	VW(0, VEOIR, 34);
	ck_assert_uint_eq(V(0, VIAR), 35);
	/* 33 (0x60) cannot preempt 35 (0x40) */
	ck_assert_uint_eq(V(0, VIAR), 1023);
	VW(0, VEOIR, 35);
	ck_assert_uint_eq(V(0, VIAR), 33);
	VW(0, VEOIR, 33);

	/* a software SGI carries its source CPUID, and the EOI must name
	 * the same source */
	HW(0, LR(0), lr_sw(PENDING, false, 0x80, 2, 3, false));
	ck_assert_uint_eq(V(0, VIAR), 2 | (3u << 10));
	VW(0, VEOIR, 2 | (1u << 10));
	ck_assert_uint_eq(lr_state(0, 0), ACTIVE);
	ck_assert_uint_eq(H(0, HCR) >> 27, 1); /* unmatched: counted */
	VW(0, VAPR0, 1u << (0x80 >> 3)); /* restore the active priority */
	VW(0, VEOIR, 2 | (3u << 10));
	ck_assert_uint_eq(lr_state(0, 0), INVALID);
}
END_TEST

START_TEST(eoi_maintenance)
{
	gic_setup(2, 288);
	open_cpu(0);
	open_cpu(1);
	enable_irq(0, 25, 0x80); /* the maintenance PPI, on core 0 only */
	enable_irq(1, 25, 0x80);
	open_vcpu(0);
	HW(0, LR(0), lr_sw(PENDING, false, 0x80, 40, 0, true));
	ck_assert_uint_eq(H(0, MISR), 0);
	ck_assert(!is_pending(0, 25));
	ck_assert_uint_eq(V(0, VIAR), 40);
	ck_assert(!is_pending(0, 25));
	VW(0, VEOIR, 40);
	/* EOI bit: the list register asks for maintenance */
	ck_assert_uint_eq(lr_state(0, 0), INVALID);
	ck_assert_uint_eq(H(0, EISR0), 1);
	ck_assert_uint_eq(H(0, ELRSR0), 0xe);
	ck_assert_uint_eq(H(0, MISR), 1); /* EOI */
	ck_assert(is_pending(0, 25));
	ck_assert(!is_pending(1, 25));
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert(!out_level[1][OUT_IRQ]);
	/* the hypervisor takes it and clears the list register */
	ck_assert_uint_eq(C(0, IAR), 25);
	HW(0, LR(0), 0);
	ck_assert(!is_pending(0, 25));
	CW(0, EOIR, 25);
	ck_assert(!out_level[0][OUT_IRQ]);
	/* with GICH_HCR.En clear there is no maintenance interrupt */
	HW(0, LR(0), lr_sw(INVALID, false, 0x80, 40, 0, true));
	ck_assert(is_pending(0, 25));
	HW(0, HCR, 0);
	ck_assert_uint_eq(H(0, MISR), 1);
	ck_assert(!is_pending(0, 25));
	/* a hardware list register never asks for EOI maintenance */
	HW(0, LR(0), lr_hw(INVALID, 0x80, 40, 40) | (1u << 19));
	ck_assert_uint_eq(H(0, EISR0), 0);
	/* an outside PPI 25 input is ignored: the GIC drives it */
	gic_set_input(&g, 0, 25, true);
	ck_assert(!is_pending(0, 25));
}
END_TEST

START_TEST(hw_deactivation)
{
	gic_setup(2, 288);
	/* the hypervisor on core 0: EOImode 1, takes SPI 45 */
	open_cpu(0);
	CW(0, CCTLR, 1 | (1u << 9));
	enable_irq(0, 45, 0x80);
	gic_set_input(&g, 0, 45, true);
	ck_assert_uint_eq(C(0, IAR), 45);
	CW(0, EOIR, 45); /* priority drop only */
	ck_assert(is_active(0, 45));
	gic_set_input(&g, 0, 45, false);
	/* it injects it as virtual 45 linked to physical 45 */
	open_vcpu(0);
	HW(0, LR(0), lr_hw(PENDING, 0x80, 45, 45));
	ck_assert_uint_eq(V(0, VIAR), 45);
	ck_assert(is_active(0, 45));
	VW(0, VEOIR, 45);
	ck_assert_uint_eq(lr_state(0, 0), INVALID);
	ck_assert(!is_active(0, 45));
	ck_assert_uint_eq(H(0, MISR), 0);

	/* guest EOImode 1: EOIR drops priority, GICV_DIR deactivates */
	VW(0, VCTLR, 1 | (1u << 9));
	gic_set_input(&g, 0, 45, true);
	ck_assert_uint_eq(C(0, IAR), 45);
	CW(0, EOIR, 45);
	gic_set_input(&g, 0, 45, false);
	HW(0, LR(0), lr_hw(PENDING, 0x80, 45, 45));
	ck_assert_uint_eq(V(0, VIAR), 45);
	VW(0, VEOIR, 45);
	ck_assert_uint_eq(lr_state(0, 0), ACTIVE);
	ck_assert_uint_eq(V(0, VRPR), 0xff);
	ck_assert(is_active(0, 45));
	VW(0, VDIR, 45);
	ck_assert_uint_eq(lr_state(0, 0), INVALID);
	ck_assert(!is_active(0, 45));

	/* a PPI (the virtual timer, 27) is deactivated on the core whose
	 * virtual interface deactivates it */
	open_cpu(1);
	CW(1, CCTLR, 1 | (1u << 9));
	enable_irq(0, 27, 0x80);
	enable_irq(1, 27, 0x80);
	gic_set_input(&g, 0, 27, true);
	gic_set_input(&g, 1, 27, true);
	ck_assert_uint_eq(C(0, IAR), 27);
	ck_assert_uint_eq(C(1, IAR), 27);
	CW(0, EOIR, 27);
	CW(1, EOIR, 27);
	open_vcpu(1);
	HW(1, LR(2), lr_hw(PENDING, 0x80, 27, 27));
	ck_assert_uint_eq(V(1, VIAR), 27);
	VW(1, VEOIR, 27);
	ck_assert(!is_active(1, 27));
	ck_assert(is_active(0, 27));
	/* the level input is still high: pending again on core 1 */
	ck_assert(out_level[1][OUT_IRQ]);
	ck_assert(!out_level[0][OUT_IRQ]);
}
END_TEST

START_TEST(hcr_en_blocks_virq)
{
	char buf[256];

	gic_setup(1, 288);
	VW(0, VCTLR, 1);
	VW(0, VPMR, 0xf8);
	HW(0, LR(0), lr_sw(PENDING, false, 0x80, 40, 0, false));
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(V(0, VIAR), 1023);
	ck_assert_uint_eq(lr_state(0, 0), PENDING);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "virtual 40 (LR0)") &&
			      strstr(buf, "GICH_HCR.En is clear"),
		      "%s", buf);
	/* nothing physical pending: no physical part */
	ck_assert_msg(!strstr(buf, ";"), "%s", buf);
	HW(0, HCR, HCR_EN);
	ck_assert(out_level[0][OUT_VIRQ]);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "signalled as VIRQ"), "%s", buf);
	/* the virtual priority mask */
	VW(0, VPMR, 0x80);
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "GICV_PMR 0x80"), "%s", buf);
	/* group disabled in GICV_CTLR */
	VW(0, VPMR, 0xf8);
	VW(0, VCTLR, 0);
	ck_assert(!out_level[0][OUT_VIRQ]);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "group 0 disabled in GICV_CTLR"), "%s",
		      buf);
	/* Group 0 with FIQEn: a virtual FIQ */
	VW(0, VCTLR, 1 | (1u << 3));
	ck_assert(out_level[0][OUT_VFIQ]);
	ck_assert(!out_level[0][OUT_VIRQ]);
	/* Group 1 is always a virtual IRQ; with AckCtl clear GICV_IAR
	 * reads 1022 and GICV_AIAR acknowledges */
	HW(0, LR(0), lr_sw(PENDING, true, 0x80, 41, 0, false));
	VW(0, VCTLR, 2 | (1u << 3));
	ck_assert(out_level[0][OUT_VIRQ]);
	ck_assert(!out_level[0][OUT_VFIQ]);
	ck_assert_uint_eq(V(0, VHPPIR), 1022);
	ck_assert_uint_eq(V(0, VIAR), 1022);
	ck_assert_uint_eq(V(0, VAIAR), 41);

	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	gic_describe(&g, 0, f);
	fclose(f);
	ck_assert_msg(strstr(text, "LR0 0x") &&
			      strstr(text, ": active vID 41 group 1"),
		      "%s", text);
	ck_assert_msg(strstr(text, "GICH_HCR 0x1 (En 1"), "%s", text);
	free(text);
}
END_TEST

START_TEST(uie_npie_lrenp)
{
	gic_setup(2, 288);
	open_cpu(1);
	enable_irq(1, 25, 0x80);
	/* underflow: none or one valid list register */
	HW(1, HCR, HCR_EN | HCR_UIE);
	ck_assert_uint_eq(H(1, MISR), 2);
	ck_assert(is_pending(1, 25));
	ck_assert(out_level[1][OUT_IRQ]);
	HW(1, LR(0), lr_sw(PENDING, false, 0x80, 40, 0, false));
	ck_assert_uint_eq(H(1, MISR), 2);
	HW(1, LR(1), lr_sw(ACTIVE, false, 0x80, 41, 0, false));
	ck_assert_uint_eq(H(1, MISR), 0);
	ck_assert(!is_pending(1, 25));
	ck_assert(!out_level[1][OUT_IRQ]);
	/* no pending: no list register in the pending state */
	HW(1, HCR, HCR_EN | HCR_NPIE);
	ck_assert_uint_eq(H(1, MISR), 0);
	HW(1, LR(0), lr_sw(PENDING_ACTIVE, false, 0x80, 40, 0, false));
	ck_assert_uint_eq(H(1, MISR), 8);
	ck_assert(is_pending(1, 25));
	ck_assert(!is_pending(0, 25));
	/* LRENP: an EOI with no list register counted in EOICount */
	HW(1, LR(0), 0);
	HW(1, LR(1), 0);
	HW(1, HCR, HCR_EN | HCR_LRENPIE);
	open_vcpu(1);
	HW(1, HCR, HCR_EN | HCR_LRENPIE);
	HW(1, LR(3), lr_sw(PENDING, false, 0x80, 50, 0, false));
	ck_assert_uint_eq(V(1, VIAR), 50);
	HW(1, LR(3), 0); /* the hypervisor moved it out */
	ck_assert_uint_eq(H(1, MISR), 0);
	VW(1, VEOIR, 50);
	ck_assert_uint_eq(H(1, HCR) >> 27, 1);
	ck_assert_uint_eq(H(1, MISR), 4);
	ck_assert(is_pending(1, 25));
	/* an EOI that drops no priority is not counted */
	VW(1, VEOIR, 50);
	ck_assert_uint_eq(H(1, HCR) >> 27, 1);
	/* group enable/disable maintenance */
	HW(1, HCR, HCR_EN | HCR_VGRP0EIE | HCR_VGRP0DIE);
	ck_assert_uint_eq(H(1, MISR), 0x10); /* Grp0 enabled in VMCR */
	VW(1, VCTLR, 0);
	ck_assert_uint_eq(H(1, MISR), 0x20);
}
END_TEST

START_TEST(virtual_preemption)
{
	gic_setup(1, 288);
	open_vcpu(0);
	VW(0, VBPR, 4); /* group priority bits [7:5] */
	HW(0, LR(0), lr_sw(PENDING, false, 0x50, 40, 0, false));
	ck_assert_uint_eq(V(0, VIAR), 40);
	ck_assert_uint_eq(V(0, VRPR), 0x40);
	HW(0, LR(1), lr_sw(PENDING, false, 0x48, 41, 0, false));
	ck_assert(!out_level[0][OUT_VIRQ]);
	HW(0, LR(1), lr_sw(PENDING, false, 0x38, 41, 0, false));
	ck_assert(out_level[0][OUT_VIRQ]);
	ck_assert_uint_eq(V(0, VIAR), 41);
	ck_assert_uint_eq(V(0, VAPR0),
			  (1u << (0x40 >> 3)) | (1u << (0x20 >> 3)));
}
END_TEST

static Suite *gic_virt_suite(void)
{
	Suite *s = suite_create("gic_virt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, registers);
	tcase_add_test(tc, lr_states);
	tcase_add_test(tc, eoi_maintenance);
	tcase_add_test(tc, hw_deactivation);
	tcase_add_test(tc, hcr_en_blocks_virq);
	tcase_add_test(tc, uie_npie_lrenp);
	tcase_add_test(tc, virtual_preemption);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(gic_virt_suite)
