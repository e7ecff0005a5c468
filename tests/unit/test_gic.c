/* The GICv2 Distributor and physical CPU interface (src/devices/gic.c),
 * driven through its register frames by fake cores, its outputs watched
 * by a recorder. */
#include <check.h>
#include <stdio.h>

#include "check_main.h"
#include "gic_test.h"

/* GICD offsets */
#define CTLR 0x000
#define TYPER 0x004
#define IIDR 0x008
#define IGROUPR 0x080
#define ISENABLER 0x100
#define ICENABLER 0x180
#define ISPENDR 0x200
#define ICPENDR 0x280
#define ISACTIVER 0x300
#define ICACTIVER 0x380
#define IPRIORITYR 0x400
#define ITARGETSR 0x800
#define ICFGR 0xc00
#define SGIR 0xf00
#define CPENDSGIR 0xf10
#define SPENDSGIR 0xf20
/* GICC offsets */
#define CCTLR 0x00
#define PMR 0x04
#define BPR 0x08
#define IAR 0x0c
#define EOIR 0x10
#define RPR 0x14
#define HPPIR 0x18
#define ABPR 0x1c
#define AIAR 0x20
#define AEOIR 0x24
#define AHPPIR 0x28
#define APR0 0xd0
#define CIIDR 0xfc
#define DIR 0x1000

START_TEST(identification)
{
	gic_setup(2, 288);
	/* ITLinesNumber 8 (288 IDs), CPUNumber 1, SecurityExtn 0 */
	ck_assert_uint_eq(D(0, TYPER), 0x28);
	ck_assert_uint_eq(D(0, IIDR), 0x0200143b);
	ck_assert_uint_eq(C(1, CIIDR), 0x0202143b);
	ck_assert_uint_eq(D(0, 0xfe8), 0x2b); /* PIDR2: ArchRev 2 */
	ck_assert_uint_eq(D(0, 0xfe0), 0x90);
	ck_assert_uint_eq(D(0, 0xff0), 0x0d);
	ck_assert_uint_eq(D(0, 0xffc), 0xb1);
	/* SGIs always enabled, cannot be disabled */
	ck_assert_uint_eq(D(0, ISENABLER), 0xffff);
	DW(0, ICENABLER, ~0u);
	ck_assert_uint_eq(D(0, ICENABLER), 0xffff);
	/* binary points reset to their minimum; writes below it clamp */
	ck_assert_uint_eq(C(0, BPR), 2);
	ck_assert_uint_eq(C(0, ABPR), 3);
	CW(0, BPR, 0);
	CW(0, ABPR, 1);
	ck_assert_uint_eq(C(0, BPR), 2);
	ck_assert_uint_eq(C(0, ABPR), 3);
	/* 5 priority bits */
	wrb(&gic_dist_ops, 0, IPRIORITYR + 40, 0xff);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 0, IPRIORITYR + 40), 0xf8);
	CW(0, PMR, 0xff);
	ck_assert_uint_eq(C(0, PMR), 0xf8);
	/* IDs beyond n_irqs are RAZ/WI */
	DW(0, ISENABLER + 4 * 9, ~0u);
	ck_assert_uint_eq(D(0, ISENABLER + 4 * 9), 0);
	gic_setup(8, 1020);
	ck_assert_uint_eq(D(0, TYPER), 0x1f | (7 << 5));
	DW(0, ISENABLER + 4 * 31, ~0u);
	ck_assert_uint_eq(D(0, ISENABLER + 4 * 31), 0x0fffffff);
}
END_TEST

START_TEST(round_trip)
{
	gic_setup(2, 288);
	open_cpu(0);
	CW(0, PMR, 0xb0);
	enable_irq(0, 40, 0xa0);
	ck_assert(!out_level[0][OUT_IRQ]);
	gic_set_input(&g, 0, 40, true);
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert(!out_level[1][OUT_IRQ]); /* not targeted at core 1 */
	ck_assert_uint_eq(C(0, HPPIR), 40);
	ck_assert_uint_eq(C(0, IAR), 40);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, RPR), 0xa0);
	ck_assert_uint_eq(C(0, APR0), 1u << (0xa0 >> 3));
	ck_assert(is_active(0, 40));
	/* level input still high: active and pending, not signalled */
	ck_assert(is_pending(0, 40));
	ck_assert_uint_eq(C(0, IAR), 1023);
	gic_set_input(&g, 0, 40, false);
	ck_assert(!is_pending(0, 40));
	CW(0, EOIR, 40);
	ck_assert(!is_active(0, 40));
	ck_assert_uint_eq(C(0, RPR), 0xff);
	ck_assert_uint_eq(C(0, IAR), 1023);

	/* PMR masks: priority must be strictly higher than the mask */
	CW(0, PMR, 0xa0);
	gic_set_input(&g, 0, 40, true);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 1023);
	ck_assert_uint_eq(C(0, HPPIR), 40); /* HPPIR ignores the mask */
	CW(0, PMR, 0xa8);
	ck_assert(out_level[0][OUT_IRQ]);
	/* the distributor or the interface disabled: no signal */
	DW(0, CTLR, 0);
	ck_assert(!out_level[0][OUT_IRQ]);
	DW(0, CTLR, 1);
	ck_assert(out_level[0][OUT_IRQ]);
	CW(0, CCTLR, 0);
	ck_assert(!out_level[0][OUT_IRQ]);
	CW(0, CCTLR, 1);
	/* disable at the distributor */
	DW(0, ICENABLER + 4, 1u << 8);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(D(0, ISENABLER + 4), 0);
	/* the debugger (no core) reads IAR without acknowledging */
	DW(0, ISENABLER + 4, 1u << 8);
	uint64_t v;
	ck_assert(gic_cpu_ops.read(&g, IAR, 4, &v, NULL));
	ck_assert_uint_eq(v, 40);
	ck_assert(!is_active(0, 40));
	ck_assert(out_level[0][OUT_IRQ]);
}
END_TEST

/* Active SPI 40 (priority 0x50) acknowledged with binary point `bpr`;
 * returns whether SPI 41 (priority 0x48) preempts it. */
static bool preempts_with_bpr(unsigned bpr)
{
	gic_setup(1, 288);
	open_cpu(0);
	CW(0, BPR, bpr);
	enable_irq(0, 40, 0x50);
	enable_irq(0, 41, 0x48);
	gic_set_input(&g, 0, 40, true);
	ck_assert_uint_eq(C(0, IAR), 40);
	ck_assert(!out_level[0][OUT_IRQ]);
	gic_set_input(&g, 0, 41, true);
	return out_level[0][OUT_IRQ];
}

START_TEST(preemption_binary_point)
{
	/* BPR 2: group priority bits [7:3], 0x48 < 0x50 preempts */
	ck_assert(preempts_with_bpr(2));
	ck_assert_uint_eq(C(0, RPR), 0x50);
	ck_assert_uint_eq(C(0, IAR), 41);
	ck_assert_uint_eq(C(0, RPR), 0x48);
	ck_assert_uint_eq(C(0, APR0), (1u << 9) | (1u << 10));
	/* EOI drops the highest active priority first */
	CW(0, EOIR, 41);
	ck_assert_uint_eq(C(0, RPR), 0x50);
	CW(0, EOIR, 40);
	ck_assert_uint_eq(C(0, RPR), 0xff);

	/* BPR 4: group priority bits [7:5], both are group 0x40 */
	ck_assert(!preempts_with_bpr(4));
	ck_assert_uint_eq(C(0, RPR), 0x40);
	ck_assert_uint_eq(C(0, IAR), 1023);
	ck_assert_uint_eq(C(0, HPPIR), 41);
	gic_set_input(&g, 0, 40, false);
	CW(0, EOIR, 40);
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 41);
}
END_TEST

START_TEST(level_and_edge)
{
	gic_setup(1, 288);
	open_cpu(0);
	/* fixed configurations: SGIs edge, PPIs level (GIC-400) */
	ck_assert_uint_eq(D(0, ICFGR), 0xaaaaaaaa);
	ck_assert_uint_eq(D(0, ICFGR + 4), 0x55540000);
	DW(0, ICFGR, 0);
	DW(0, ICFGR + 4, ~0u);
	ck_assert_uint_eq(D(0, ICFGR), 0xaaaaaaaa);
	ck_assert_uint_eq(D(0, ICFGR + 4), 0x55540000);
	ck_assert_uint_eq(D(0, ICFGR + 12), 0x55555555);

	/* level SPI 50: pending while high, again after EOI if still high */
	enable_irq(0, 50, 0x80);
	gic_set_input(&g, 0, 50, true);
	ck_assert_uint_eq(C(0, IAR), 50);
	CW(0, EOIR, 50);
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 50);
	CW(0, EOIR, 50);
	gic_set_input(&g, 0, 50, false);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert(!is_pending(0, 50));
	/* ICPENDR cannot clear a level interrupt whose input is high */
	gic_set_input(&g, 0, 50, true);
	DW(0, ICPENDR + 4, 1u << 18);
	ck_assert(is_pending(0, 50));
	gic_set_input(&g, 0, 50, false);
	/* ISPENDR latches a level interrupt until acknowledged */
	DW(0, ISPENDR + 4, 1u << 18);
	ck_assert(is_pending(0, 50));
	ck_assert_uint_eq(C(0, IAR), 50);
	ck_assert(!is_pending(0, 50));
	CW(0, EOIR, 50);

	/* edge SPI 51 (ICFGR3 field 3): a pulse latches */
	DW(0, ICFGR + 12, 2u << 6);
	ck_assert_uint_eq(D(0, ICFGR + 12), 0x55555555 | (2u << 6));
	enable_irq(0, 51, 0x80);
	gic_set_input(&g, 0, 51, true);
	gic_set_input(&g, 0, 51, false);
	ck_assert(is_pending(0, 51));
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 51);
	ck_assert(!is_pending(0, 51));
	CW(0, EOIR, 51);
	ck_assert(!out_level[0][OUT_IRQ]);
	/* a new rising edge latches again; held high, nothing more */
	gic_set_input(&g, 0, 51, true);
	ck_assert_uint_eq(C(0, IAR), 51);
	CW(0, EOIR, 51);
	gic_set_input(&g, 0, 51, true); /* the same level again */
	ck_assert(!is_pending(0, 51));
	ck_assert(!out_level[0][OUT_IRQ]);
	/* ICPENDR clears an edge latch */
	gic_set_input(&g, 0, 51, false);
	gic_set_input(&g, 0, 51, true);
	ck_assert(is_pending(0, 51));
	DW(0, ICPENDR + 4, 1u << 19);
	ck_assert(!is_pending(0, 51));
}
END_TEST

static uint8_t sgi_sources(unsigned c, unsigned id)
{
	return rdb(&gic_dist_ops, c, SPENDSGIR + id);
}

START_TEST(sgi_target_filters)
{
	gic_setup(4, 288);
	/* filter 0: the list (bits for absent cores 4-7 ignored) */
	DW(1, SGIR, (0u << 24) | (0xfau << 16) | 3);
	ck_assert_uint_eq(sgi_sources(0, 3), 0);
	ck_assert_uint_eq(sgi_sources(1, 3), 1u << 1);
	ck_assert_uint_eq(sgi_sources(2, 3), 0);
	ck_assert_uint_eq(sgi_sources(3, 3), 1u << 1);
	/* filter 1: all but self */
	DW(2, SGIR, (1u << 24) | 5);
	ck_assert_uint_eq(sgi_sources(0, 5), 1u << 2);
	ck_assert_uint_eq(sgi_sources(1, 5), 1u << 2);
	ck_assert_uint_eq(sgi_sources(2, 5), 0);
	ck_assert_uint_eq(sgi_sources(3, 5), 1u << 2);
	/* filter 2: self only, whatever the list says */
	DW(0, SGIR, (2u << 24) | (0x0eu << 16) | 7);
	ck_assert_uint_eq(sgi_sources(0, 7), 1u << 0);
	for (unsigned c = 1; c < 4; c++)
		ck_assert_uint_eq(sgi_sources(c, 7), 0);
	/* filter 3: reserved, nothing */
	DW(0, SGIR, (3u << 24) | (0x0fu << 16) | 8);
	for (unsigned c = 0; c < 4; c++)
		ck_assert_uint_eq(sgi_sources(c, 8), 0);
	/* ISPENDR0 shows SGI pending state but cannot set it */
	ck_assert_uint_eq(D(3, ISPENDR) & 0xffff, (1u << 3) | (1u << 5));
	DW(3, ISPENDR, 1u << 9);
	ck_assert_uint_eq(D(3, ISPENDR) & 0xffff, (1u << 3) | (1u << 5));

	/* two sources of SGI 3 on core 3: acknowledged one at a time with
	 * the source in CPUID */
	DW(0, SGIR, (1u << 3 << 16) | 3);
	open_cpu(3);
	ck_assert(out_level[3][OUT_IRQ]);
	ck_assert_uint_eq(C(3, IAR), 3 | (0u << 10));
	ck_assert_uint_eq(sgi_sources(3, 3), 1u << 1);
	CW(3, EOIR, 3 | (0u << 10));
	ck_assert(out_level[3][OUT_IRQ]);
	ck_assert_uint_eq(C(3, IAR), 3 | (1u << 10));
	CW(3, EOIR, 3 | (1u << 10));
	ck_assert_uint_eq(C(3, IAR), 5 | (2u << 10));
	CW(3, EOIR, 5 | (2u << 10));
	ck_assert(!out_level[3][OUT_IRQ]);

	/* SPENDSGIR sets per source (absent cores masked), CPENDSGIR
	 * clears */
	wrb(&gic_dist_ops, 2, SPENDSGIR + 1, 0xff);
	ck_assert_uint_eq(sgi_sources(2, 1), 0x0f);
	wrb(&gic_dist_ops, 2, CPENDSGIR + 1, 0x05);
	ck_assert_uint_eq(sgi_sources(2, 1), 0x0a);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 2, CPENDSGIR + 1), 0x0a);
	/* word access to the byte-accessible register */
	ck_assert_uint_eq(D(2, SPENDSGIR), 0x0a00);
	DW(2, CPENDSGIR, ~0u);
	ck_assert_uint_eq(D(2, SPENDSGIR), 0);
}
END_TEST

START_TEST(itargets_masking)
{
	gic_setup(2, 288);
	wrb(&gic_dist_ops, 0, ITARGETSR + 40, 0xff);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 0, ITARGETSR + 40), 0x03);
	DW(1, ITARGETSR + 44, 0xfffefdfc);
	ck_assert_uint_eq(D(0, ITARGETSR + 44), 0x03020100);
	/* SGI/PPI bytes: the accessing core's own bit, read-only */
	ck_assert_uint_eq(D(0, ITARGETSR), 0x01010101);
	ck_assert_uint_eq(D(1, ITARGETSR + 28), 0x02020202);
	DW(1, ITARGETSR + 28, 0);
	ck_assert_uint_eq(D(1, ITARGETSR + 28), 0x02020202);
	/* SPI 40 targets both: goes to whichever acknowledges first */
	open_cpu(0);
	open_cpu(1);
	enable_irq(0, 40, 0x80);
	wrb(&gic_dist_ops, 0, ITARGETSR + 40, 0x03);
	gic_set_input(&g, 0, 40, true);
	ck_assert(out_level[0][OUT_IRQ] && out_level[1][OUT_IRQ]);
	ck_assert_uint_eq(C(1, IAR), 40);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 1023);
	/* a single CPU interface: ITARGETSR RAZ/WI, SPIs go to it */
	gic_setup(1, 288);
	wrb(&gic_dist_ops, 0, ITARGETSR + 40, 0x01);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 0, ITARGETSR + 40), 0);
	ck_assert_uint_eq(D(0, ITARGETSR), 0);
	open_cpu(0);
	enable_irq(0, 40, 0x80);
	gic_set_input(&g, 0, 40, true);
	ck_assert(out_level[0][OUT_IRQ]);
}
END_TEST

START_TEST(eoimode_split)
{
	gic_setup(1, 288);
	open_cpu(0);
	CW(0, CCTLR, 1 | (1u << 9));
	ck_assert_uint_eq(C(0, CCTLR), 1 | (1u << 9));
	enable_irq(0, 40, 0x80);
	enable_irq(0, 41, 0x90);
	gic_set_input(&g, 0, 40, true);
	ck_assert_uint_eq(C(0, IAR), 40);
	gic_set_input(&g, 0, 40, false);
	CW(0, EOIR, 40);
	/* priority dropped, still active */
	ck_assert_uint_eq(C(0, RPR), 0xff);
	ck_assert(is_active(0, 40));
	/* a lower-priority interrupt can now be taken */
	gic_set_input(&g, 0, 41, true);
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 41);
	CW(0, EOIR, 41);
	CW(0, DIR, 41);
	ck_assert(!is_active(0, 41));
	ck_assert(is_active(0, 40));
	/* 40 pending again while active: not signalled until DIR */
	gic_set_input(&g, 0, 41, false);
	gic_set_input(&g, 0, 40, true);
	ck_assert(!out_level[0][OUT_IRQ]);
	CW(0, DIR, 40);
	ck_assert(!is_active(0, 40));
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 40);
	/* GICC_DIR with EOImode clear is ignored */
	CW(0, CCTLR, 1);
	CW(0, DIR, 40);
	ck_assert(is_active(0, 40));
	CW(0, EOIR, 40);
	ck_assert(!is_active(0, 40));
}
END_TEST

START_TEST(ppis_banked)
{
	gic_setup(2, 288);
	open_cpu(0);
	open_cpu(1);
	enable_irq(1, 27, 0x40);
	ck_assert_uint_eq(D(0, ISENABLER), 0xffff);
	ck_assert_uint_eq(D(1, ISENABLER), 0xffff | (1u << 27));
	ck_assert_uint_eq(rdb(&gic_dist_ops, 1, IPRIORITYR + 27), 0x40);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 0, IPRIORITYR + 27), 0);
	gic_set_input(&g, 1, 27, true);
	ck_assert(is_pending(1, 27));
	ck_assert(!is_pending(0, 27));
	ck_assert(out_level[1][OUT_IRQ]);
	ck_assert(!out_level[0][OUT_IRQ]);
	/* the same PPI on core 0 is disabled there */
	gic_set_input(&g, 0, 27, true);
	ck_assert(is_pending(0, 27));
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(1, IAR), 27);
	ck_assert(is_active(1, 27));
	ck_assert(!is_active(0, 27));
	enable_irq(0, 27, 0x40);
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(C(0, IAR), 27);
	CW(1, EOIR, 27);
	ck_assert(!is_active(1, 27));
	ck_assert(is_active(0, 27));
	/* IGROUPR0 is banked too */
	DW(1, IGROUPR, 1u << 27);
	ck_assert_uint_eq(D(1, IGROUPR), 1u << 27);
	ck_assert_uint_eq(D(0, IGROUPR), 0);
	/* the input of an absent core is ignored */
	gic_set_input(&g, 5, 28, true);
	gic_input_sink(&g, GIC_INPUT(1, 28), true);
	ck_assert(is_pending(1, 28));
	ck_assert(!is_pending(0, 28));
}
END_TEST

START_TEST(groups_fiq_ackctl)
{
	gic_setup(1, 288);
	DW(0, CTLR, 3);
	CW(0, PMR, 0xff);
	enable_irq(0, 40, 0x80);
	enable_irq(0, 41, 0x58);
	DW(0, IGROUPR + 4, 1u << 9); /* 41 is Group 1 */
	CW(0, ABPR, 5);
	gic_set_input(&g, 0, 40, true);
	gic_set_input(&g, 0, 41, true);
	/* only Group 0 enabled in the interface, FIQEn: 40 as FIQ */
	CW(0, CCTLR, 1 | (1u << 3));
	ck_assert(out_level[0][OUT_FIQ]);
	ck_assert(!out_level[0][OUT_IRQ]);
	/* both groups: 41 (higher priority, Group 1) as IRQ, and with
	 * AckCtl clear GICC_IAR reads 1022 */
	CW(0, CCTLR, 3 | (1u << 3));
	ck_assert(out_level[0][OUT_IRQ]);
	ck_assert(!out_level[0][OUT_FIQ]);
	ck_assert_uint_eq(C(0, HPPIR), 1022);
	ck_assert_uint_eq(C(0, IAR), 1022);
	ck_assert(!is_active(0, 41));
	ck_assert_uint_eq(C(0, AHPPIR), 41);
	ck_assert_uint_eq(C(0, AIAR), 41);
	/* Group 1 with CBPR clear uses ABPR: 0x58 at ABPR 5 -> 0x40 */
	ck_assert_uint_eq(C(0, RPR), 0x40);
	gic_set_input(&g, 0, 41, false);
	CW(0, AEOIR, 41);
	ck_assert(!is_active(0, 41));
	/* now the best is Group 0: the aliases return 1023 */
	ck_assert_uint_eq(C(0, AHPPIR), 1023);
	ck_assert_uint_eq(C(0, AIAR), 1023);
	ck_assert(out_level[0][OUT_FIQ]);
	/* AckCtl set: GICC_IAR acknowledges Group 1 too */
	CW(0, CCTLR, 3 | (1u << 2));
	gic_set_input(&g, 0, 41, true);
	ck_assert_uint_eq(C(0, HPPIR), 41);
	ck_assert_uint_eq(C(0, IAR), 41);
}
END_TEST

START_TEST(why_not_pmr)
{
	char buf[256];

	gic_setup(1, 288);
	ck_assert(!gic_why_not_delivered(&g, 0, buf, sizeof buf));
	open_cpu(0);
	CW(0, PMR, 0x80);
	enable_irq(0, 40, 0xa0);
	gic_set_input(&g, 0, 40, true);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "SPI 40") && strstr(buf, "GICC_PMR 0x80"),
		      "%s", buf);
	CW(0, PMR, 0xf0);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "signalled as IRQ"), "%s", buf);
	CW(0, CCTLR, 0);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "disabled in GICC_CTLR"), "%s", buf);
	DW(0, ICENABLER + 4, 1u << 8);
	ck_assert(gic_why_not_delivered(&g, 0, buf, sizeof buf));
	ck_assert_msg(strstr(buf, "GICD_ISENABLER"), "%s", buf);
	/* a short buffer is cut, not overrun */
	char small[8];
	ck_assert(gic_why_not_delivered(&g, 0, small, sizeof small));
	ck_assert_uint_eq(strlen(small), 7);

	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	gic_describe(&g, 0, f);
	fclose(f);
	ck_assert_msg(strstr(text, "pending: 40(disabled)"), "%s", text);
	free(text);
}
END_TEST

START_TEST(reset_keeps_inputs)
{
	gic_setup(1, 288);
	open_cpu(0);
	enable_irq(0, 40, 0x80);
	gic_set_input(&g, 0, 40, true);
	ck_assert(out_level[0][OUT_IRQ]);
	gic_reset(&g);
	ck_assert(!out_level[0][OUT_IRQ]);
	ck_assert_uint_eq(D(0, ISENABLER + 4), 0);
	open_cpu(0);
	enable_irq(0, 40, 0x80);
	ck_assert(out_level[0][OUT_IRQ]); /* the wire is still high */
}
END_TEST

START_TEST(sweep_all_frames)
{
	static const unsigned cfg[][2] = { { 2, 288 }, { 8, 1020 }, { 1, 32 } };

	for (unsigned i = 0; i < 3; i++) {
		gic_setup(cfg[i][0], cfg[i][1]);
		sweep_frame(&gic_dist_ops, GIC_DIST_SIZE);
		sweep_frame(&gic_cpu_ops, GIC_CPU_SIZE);
		sweep_frame(&gic_hyp_ops, GIC_HYP_SIZE);
		sweep_frame(&gic_vcpu_ops, GIC_VCPU_SIZE);
		/* still usable afterwards */
		char buf[256];
		gic_why_not_delivered(&g, 0, buf, sizeof buf);
		gic_reset(&g);
		open_cpu(0);
		enable_irq(0, 29, 0x80);
		gic_set_input(&g, 0, 29, true);
		ck_assert(out_level[0][OUT_IRQ]);
		ck_assert_uint_eq(C(0, IAR), 29);
	}
	/* 8-byte and 2-byte accesses are RAZ/WI */
	gic_setup(2, 288);
	uint64_t v = 1;
	ck_assert(gic_dist_ops.read(&g, CTLR, 8, &v, &cpus[0]));
	ck_assert_uint_eq(v, 0);
	ck_assert(gic_dist_ops.write(&g, CTLR, 2, 3, &cpus[0]));
	ck_assert_uint_eq(D(0, CTLR), 0);
	/* a byte access to a word-only register is RAZ/WI */
	ck_assert(gic_dist_ops.write(&g, CTLR, 1, 3, &cpus[0]));
	ck_assert_uint_eq(D(0, CTLR), 0);
	DW(0, CTLR, 3);
	ck_assert_uint_eq(rdb(&gic_dist_ops, 0, CTLR), 0);
}
END_TEST

static Suite *gic_suite(void)
{
	Suite *s = suite_create("gic");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, identification);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, preemption_binary_point);
	tcase_add_test(tc, level_and_edge);
	tcase_add_test(tc, sgi_target_filters);
	tcase_add_test(tc, itargets_masking);
	tcase_add_test(tc, eoimode_split);
	tcase_add_test(tc, ppis_banked);
	tcase_add_test(tc, groups_fiq_ackctl);
	tcase_add_test(tc, why_not_pmr);
	tcase_add_test(tc, reset_keeps_inputs);
	tcase_add_test(tc, sweep_all_frames);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(gic_suite)
