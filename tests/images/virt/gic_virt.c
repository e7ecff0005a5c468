/* A tiny hypervisor on the virt board's GICv2 virtualization extensions
 * (IHI 0048B chapter 5). Hyp mode owns the physical CPU interface (GICC)
 * and the virtual interface control (GICH); the guest, at Non-secure SVC
 * with HCR.IMO set and stage 2 off (HCR.VM clear), uses the virtual CPU
 * interface at its own physical address (GICV).
 *  1. GICH_VTR, and GICH_VMCR reflecting the guest's GICV_CTLR/PMR/BPR;
 *  2. a virtual interrupt (ID 42) injected through list register 0:
 *     pending, acknowledged from GICV_IAR (the LR turns active, GICH_APR
 *     records its priority, GICV_RPR shows it), GICV_EOIR (the LR becomes
 *     invalid and GICH_ELSR0 says so); GICV_IAR is 1023 when nothing is;
 *  3. a virtual interrupt (ID 43) taken by the guest through its own IRQ
 *     vector, with LR.EOI set: the guest's EOI raises the maintenance
 *     interrupt (PPI 25), counted in Hyp with GICH_MISR.EOI and
 *     GICH_EISR0;
 *  4. a hardware-linked LR for the virtual timer's PPI 27: Hyp
 *     acknowledges the physical interrupt and only drops its priority
 *     (GICC_CTLR.EOImode 1), the guest takes virtual 27, masks its timer
 *     and EOIs it through GICV_EOIR, which deactivates the physical
 *     interrupt (IHI 0048B 5.4.1; GICD_ISACTIVER0 bit 27 clears). */
#include "virt.h"

#define LR_HW (1u << 31)
#define LR_PENDING (1u << 28)
#define LR_ACTIVE (2u << 28)
#define LR_EOI (1u << 19)
#define LR_PRIO(p) (((p) >> 3) << 23)
#define LR_PID(id) ((id) << 10)
#define PPI_MAINT 25
#define PPI_VTIMER 27

static u32 guest_stack[2048] __attribute__((aligned(8)));
static volatile u32 g_iar, g_rpr, g_n, g_ctl;
static volatile u32 h_n, h_iar, h_misr, h_eisr, h_lr;

/* ---- guest (NS SVC) ---- */
static void guest_setup(void)
{
	wr(GICV, GICC_BPR, 3);
	wr(GICV, GICC_PMR, 0xf8);
	wr(GICV, GICC_CTLR, 1);
	guest_exit(rd(GICV, GICC_CTLR));
}

static void guest_ack(void)
{
	g_iar = rd(GICV, GICC_IAR);
	g_rpr = rd(GICV, GICC_RPR);
	guest_exit(cpsr_mode());
}

static void guest_eoi(void)
{
	wr(GICV, GICC_EOIR, g_iar);
	g_rpr = rd(GICV, GICC_RPR);
	guest_exit(rd(GICV, GICC_IAR));
}

/* The guest's IRQ handler: virtual interrupts arrive here */
void pl1_irq(void)
{
	u32 iar = rd(GICV, GICC_IAR);

	g_iar = iar;
	g_rpr = rd(GICV, GICC_RPR);
	if ((iar & 0x3ff) == PPI_VTIMER) {
		g_ctl = CNTV_CTL_R();
		CNTV_CTL_W(g_ctl | 2);  /* IMASK: the output drops */
		isb();
	}
	wr(GICV, GICC_EOIR, iar);
	g_n++;
}

static void guest_wait_irq(void)
{
	irq_enable();
	for (u32 i = 0; i < 100000 && !g_n; i++)
		;
	/* time for the maintenance interrupt to reach Hyp */
	for (volatile u32 i = 0; i < 2000; i++)
		;
	irq_disable();
	guest_exit(g_n);
}

/* ---- hypervisor ---- */
void hyp_irq(void)
{
	u32 iar = rd(GICC, GICC_IAR);

	h_iar = iar;
	if ((iar & 0x3ff) == PPI_MAINT) {
		h_misr = rd(GICH, GICH_MISR);
		h_eisr = rd(GICH, GICH_EISR0);
		h_lr = rd(GICH, GICH_LR0);
		/* the condition lasts while the LR holds EOI: empty it */
		wr(GICH, GICH_LR0, 0);
	}
	h_n++;
	wr(GICC, GICC_EOIR, iar);
}

static u32 run(void (*fn)(void))
{
	return enter_guest(fn, 0x1d3, (u32)&guest_stack[2048]);
}

static void show_lr(void)
{
	kv("  lr0", rd(GICH, GICH_LR0));
	kv("  elsr0", rd(GICH, GICH_ELSR0));
	kv("  apr", rd(GICH, GICH_APR));
	kv("  misr", rd(GICH, GICH_MISR));
}

int main(void);
int main(void)
{
	u32 v, i;

	set_hvbar(hyp_vectors);
	set_vbar(pl1_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	wrb(GICD, GICD_IPRIORITYR + PPI_MAINT, 0x80);
	wrb(GICD, GICD_IPRIORITYR + PPI_VTIMER, 0x80);
	wr(GICD, GICD_ISENABLER, (1u << PPI_MAINT) | (1u << PPI_VTIMER));

	say("virtual interface\n");
	kv("  vtr", rd(GICH, GICH_VTR));
	kv("  hcr reset", rd(GICH, GICH_HCR));
	kv("  elsr0 reset", rd(GICH, GICH_ELSR0));
	wr(GICH, GICH_HCR, 1);
	kv("  guest gicv_ctlr", run(guest_setup));
	kv("  vmcr", rd(GICH, GICH_VMCR));

	say("list register, polled\n");
	wr(GICH, GICH_LR0, LR_PENDING | LR_PRIO(0xa0) | 42);
	show_lr();
	kv("  guest mode", run(guest_ack));
	kv("  guest iar", g_iar);
	kv("  guest rpr", g_rpr);
	show_lr();
	kv("  guest iar after eoi", run(guest_eoi));
	kv("  guest rpr after eoi", g_rpr);
	show_lr();

	say("maintenance interrupt on eoi\n");
	g_n = 0;
	wr(GICH, GICH_LR0, LR_PENDING | LR_EOI | LR_PRIO(0x90) | 43);
	kv("  guest irqs", run(guest_wait_irq));
	kv("  guest iar", g_iar);
	kv("  guest rpr", g_rpr);
	kv("  hyp irqs", h_n);
	kv("  hyp iar", h_iar);
	kv("  misr in hyp", h_misr);
	kv("  eisr0 in hyp", h_eisr);
	kv("  lr0 in hyp", h_lr);
	show_lr();

	say("hardware interrupt: virtual timer\n");
	g_n = 0;
	h_n = 0;
	wr(GICC, GICC_CTLR, 1 | (1u << 9));     /* EOImode 1 */
	CNTVOFF_W(0);
	CNTV_TVAL_W(0x100);
	CNTV_CTL_W(1);
	isb();
	/* IRQs are masked: WFI wakes when the PPI is pending (DDI 0406C
	 * B1.8.13) however long the simulator's timer takes */
	for (i = 0; i < 1000; i++) {
		if ((rd(GICC, GICC_HPPIR) & 0x3ff) == PPI_VTIMER)
			break;
		wfi();
	}
	v = rd(GICC, GICC_IAR);
	kv("  physical iar", v);
	wr(GICC, GICC_EOIR, v);         /* priority drop only */
	kv("  rpr after eoi", rd(GICC, GICC_RPR));
	kv("  isactiver0 27", (rd(GICD, GICD_ISACTIVER) >> PPI_VTIMER) & 1);
	wr(GICH, GICH_LR0, LR_HW | LR_PID(PPI_VTIMER) | LR_PENDING |
			   LR_PRIO(0xa0) | PPI_VTIMER);
	kv("  lr0", rd(GICH, GICH_LR0));
	kv("  guest irqs", run(guest_wait_irq));
	kv("  guest iar", g_iar);
	kv("  guest cntv_ctl", g_ctl);
	kv("  hyp irqs", h_n);
	kv("  isactiver0 27 after guest eoi",
	   (rd(GICD, GICD_ISACTIVER) >> PPI_VTIMER) & 1);
	kv("  ispendr0 27", (rd(GICD, GICD_ISPENDR) >> PPI_VTIMER) & 1);
	show_lr();
	CNTV_CTL_W(0);
	wr(GICC, GICC_CTLR, 1);
	say("done\n");
	return 0;
}
