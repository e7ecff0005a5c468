/* More of the GICv2 virtual interface (IHI 0048B chapter 5), from a tiny
 * hypervisor in Hyp mode with its guest at Non-secure SVC (HCR.IMO set):
 *  1. two pending list registers: the guest acknowledges the higher
 *     priority one first; the other cannot preempt it until its EOI;
 *  2. the virtual priority mask: an LR at the guest's GICV_PMR is not
 *     signalled; GICH_VMCR written by Hyp changes what the guest's
 *     GICV_PMR reads and lets it through;
 *  3. maintenance conditions in GICH_MISR: underflow (GICH_HCR.UIE, at
 *     most one valid LR), no pending LR (NPIE), and an EOI of an
 *     interrupt no LR holds (GICH_HCR.EOICount, LRENPIE);
 *  4. stage 2 translation (HCR.VM, LPAE tables, DDI 0406C B3.6): the
 *     guest's "GICC" page at 0x08010000 is the GICV frame, so an
 *     unmodified guest acknowledges its virtual interrupt at the GICC
 *     address. */
#include "virt.h"

#define LR_PENDING (1u << 28)
#define LR_PRIO(p) (((p) >> 3) << 23)
#define HCR_EN (1u << 0)
#define HCR_UIE (1u << 1)
#define HCR_LRENPIE (1u << 2)
#define HCR_NPIE (1u << 3)

static u32 guest_stack[2048] __attribute__((aligned(8)));
static volatile u32 g_a, g_b, g_c, g_d;
static volatile u32 g_gicc = GICV;  /* where the guest finds its GICC */

/* stage 2 tables */
static u64 s2_l1[4] __attribute__((aligned(32)));
static u64 s2_l2[512] __attribute__((aligned(4096)));
static u64 s2_l3[512] __attribute__((aligned(4096)));

/* ---- guest ---- */
static void guest_setup(void)
{
	wr(g_gicc, GICC_PMR, 0xf0);
	wr(g_gicc, GICC_CTLR, 1);
	guest_exit(rd(g_gicc, GICC_PMR));
}

static void guest_two(void)
{
	g_a = rd(g_gicc, GICC_IAR);
	g_b = rd(g_gicc, GICC_IAR);     /* lower priority: 1023 */
	wr(g_gicc, GICC_EOIR, g_a);
	g_c = rd(g_gicc, GICC_IAR);
	wr(g_gicc, GICC_EOIR, g_c);
	guest_exit(rd(g_gicc, GICC_IAR));
}

static void guest_ack(void)
{
	g_a = rd(g_gicc, GICC_IAR);
	g_b = rd(g_gicc, GICC_PMR);
	guest_exit(g_a);
}

static void guest_eoi(void)
{
	wr(g_gicc, GICC_EOIR, g_a);
	guest_exit(rd(g_gicc, GICC_RPR));
}

static void guest_read_ctlr(void)
{
	g_d = rd(g_gicc, GICC_CTLR);
	guest_exit(rd(g_gicc, GICC_PMR));
}

/* ---- hypervisor ---- */
static u32 run(void (*fn)(void))
{
	return enter_guest(fn, 0x1d3, (u32)&guest_stack[2048]);
}

/* Stage 2 attributes (B3.6.1, B3.8.5): AF, inner shareable, HAP RW,
 * MemAttr Normal write-back or Device */
#define S2_AF (1ull << 10)
#define S2_SH_IS (3ull << 8)
#define S2_HAP_RW (3ull << 6)
#define S2_NORMAL (0xfull << 2)
#define S2_DEVICE (0x1ull << 2)

static void stage2_setup(void)
{
	u32 i;

	for (i = 0; i < 512; i++)
		s2_l2[i] = ((u64)i << 21) | S2_AF | S2_HAP_RW | S2_DEVICE | 1;
	for (i = 0; i < 512; i++)
		s2_l3[i] = (0x08000000ull + ((u64)i << 12)) | S2_AF |
			   S2_HAP_RW | S2_DEVICE | 3;
	/* the guest's GICC page pair is the GICV frame */
	s2_l3[0x10] = GICV | S2_AF | S2_HAP_RW | S2_DEVICE | 3;
	s2_l3[0x11] = (GICV + 0x1000) | S2_AF | S2_HAP_RW | S2_DEVICE | 3;
	s2_l2[0x40] = (u32)s2_l3 | 3;
	s2_l1[0] = (u32)s2_l2 | 3;
	s2_l1[1] = 0x40000000ull | S2_AF | S2_SH_IS | S2_HAP_RW | S2_NORMAL |
		   1;
	dsb();
	/* VTCR: T0SZ 0 (32-bit IPA), SL0 1 (start at level 1) */
	MCR(4, c2, c1, 2, 0x80000040);
	MCRR(6, c2, (u64)(u32)s2_l1);   /* VTTBR, VMID 0 */
	isb();
	MCR(4, c8, c7, 4, 0);           /* TLBIALLNSNH */
	dsb();
	isb();
}

int main(void);
int main(void)
{
	set_hvbar(hyp_vectors);
	set_vbar(pl1_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	wr(GICH, GICH_HCR, HCR_EN);
	kv("guest pmr", run(guest_setup));

	say("two list registers\n");
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xc0) | 51);
	wr(GICH, GICH_LR0 + 4, LR_PENDING | LR_PRIO(0x80) | 50);
	kv("  iar at the end", run(guest_two));
	kv("  first iar", g_a);
	kv("  second iar while active", g_b);
	kv("  iar after eoi", g_c);
	kv("  lr0", rd(GICH, GICH_LR0));
	kv("  lr1", rd(GICH, GICH_LR0 + 4));
	kv("  elsr0", rd(GICH, GICH_ELSR0));

	say("priority mask\n");
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xf0) | 52);
	kv("  iar at pmr", run(guest_ack));
	kv("  vmcr", rd(GICH, GICH_VMCR));
	wr(GICH, GICH_VMCR, (rd(GICH, GICH_VMCR) & 0x07ffffffu) |
			    (0x1fu << 27));
	kv("  iar with vmcr pmr f8", run(guest_ack));
	kv("  guest pmr", g_b);
	kv("  guest rpr after eoi", run(guest_eoi));

	say("maintenance conditions\n");
	wr(GICH, GICH_LR0, 0);
	wr(GICH, GICH_LR0 + 4, 0);
	kv("  misr none enabled", rd(GICH, GICH_MISR));
	wr(GICH, GICH_HCR, HCR_EN | HCR_UIE);
	kv("  misr uie, no lr", rd(GICH, GICH_MISR));
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xa0) | 53);
	kv("  misr uie, one lr", rd(GICH, GICH_MISR));
	wr(GICH, GICH_LR0 + 4, LR_PENDING | LR_PRIO(0xa0) | 54);
	kv("  misr uie, two lrs", rd(GICH, GICH_MISR));
	wr(GICH, GICH_HCR, HCR_EN | HCR_NPIE);
	kv("  misr npie, two pending", rd(GICH, GICH_MISR));
	wr(GICH, GICH_LR0, 0);
	wr(GICH, GICH_LR0 + 4, 0);
	kv("  misr npie, none pending", rd(GICH, GICH_MISR));
	/* the guest acknowledges 55, then Hyp takes the LR back: the
	 * guest's EOI finds no LR and counts in GICH_HCR.EOICount */
	wr(GICH, GICH_HCR, HCR_EN | HCR_LRENPIE);
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xa0) | 55);
	kv("  iar", run(guest_ack));
	kv("  apr", rd(GICH, GICH_APR));
	wr(GICH, GICH_LR0, 0);
	kv("  guest rpr after eoi", run(guest_eoi));
	kv("  hcr", rd(GICH, GICH_HCR));
	kv("  misr", rd(GICH, GICH_MISR));
	kv("  apr after", rd(GICH, GICH_APR));
	wr(GICH, GICH_HCR, HCR_EN);
	kv("  misr eoicount cleared", rd(GICH, GICH_MISR));

	say("stage 2: gicv at the guest's gicc address\n");
	stage2_setup();
	MCR(4, c1, c1, 0, HCR_IMO | HCR_VM);
	isb();
	g_gicc = GICC;
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xa0) | 56);
	kv("  guest pmr via gicc", run(guest_read_ctlr));
	kv("  guest ctlr via gicc", g_d);
	kv("  iar via gicc", run(guest_ack));
	kv("  guest rpr after eoi", run(guest_eoi));
	kv("  lr0", rd(GICH, GICH_LR0));
	kv("  physical gicc iar", rd(GICC, GICC_IAR));
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	say("done\n");
	return 0;
}
