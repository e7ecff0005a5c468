/* The virt board's PL031 real time clock (PrimeCell RTC TRM, ARM DDI
 * 0224) from Hyp mode: identification registers, RTCCR, loading the
 * counter through RTCLR (RTCDR then counts on from that value: the host's
 * clock or the board's epoch no longer matter), the match interrupt
 * (RTCMR = RTCDR + 1: RTCRIS bit 0 a second later, RTCMIS with RTCIMSC,
 * SPI 2 = ID 34 through the GIC, woken from WFI, cleared by RTCICR), and
 * a match loaded directly by RTCLR = RTCMR. */
#include "virt.h"

#define RTC 0x09010000u
#define DR 0x000
#define MR 0x004
#define LR 0x008
#define CR 0x00c
#define IMSC 0x010
#define RIS 0x014
#define MIS 0x018
#define ICR 0x01c
#define RTC_ID 34

static volatile u32 n_irq, irq_iar, irq_mis, irq_dr;

void hyp_irq(void)
{
	u32 iar = rd(GICC, GICC_IAR);

	irq_iar = iar;
	irq_mis = rd(RTC, MIS);
	irq_dr = rd(RTC, DR);
	wr(RTC, ICR, 1);
	n_irq++;
	wr(GICC, GICC_EOIR, iar);
}

int main(void);
int main(void)
{
	u32 i, dr;

	say("identification\n");
	for (i = 0; i < 8; i++) {
		say("  id ");
		print_hex(0xfe0 + 4 * i);
		kv("", rd(RTC, 0xfe0 + 4 * i));
	}
	say("registers\n");
	kv("  cr", rd(RTC, CR));
	kv("  imsc", rd(RTC, IMSC));
	wr(RTC, LR, 0x12345678);
	dr = rd(RTC, DR);
	/* the same second or the next one */
	kv("  dr after loading 12345678", dr - 0x12345678 < 2);
	kv("  lr reads the loaded value", rd(RTC, LR) == 0x12345678);
	wr(RTC, MR, 0xabcd0000);
	kv("  mr", rd(RTC, MR));
	wr(RTC, ICR, 1);
	kv("  ris", rd(RTC, RIS));

	say("match interrupt\n");
	set_hvbar(hyp_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	wrb(GICD, GICD_IPRIORITYR + RTC_ID, 0x80);
	wrb(GICD, GICD_ITARGETSR + RTC_ID, 1);
	wr(GICD, GICD_ISENABLER + 4, 1u << (RTC_ID - 32));
	wr(RTC, LR, 1000);
	wr(RTC, MR, 1001);
	wr(RTC, IMSC, 1);
	kv("  imsc", rd(RTC, IMSC));
	kv("  mis before", rd(RTC, MIS));
	/* the match comes within a second: WFI with IRQs masked wakes on
	 * it, then it is taken */
	irq_disable();
	for (i = 0; i < 100 && !n_irq; i++) {
		wfi();
		irq_enable();
		isb();
		irq_disable();
	}
	kv("  irqs", n_irq);
	kv("  iar", irq_iar);
	kv("  mis in handler", irq_mis);
	kv("  dr in handler", irq_dr);
	kv("  ris after icr", rd(RTC, RIS));
	kv("  spi pending after", rd(GICD, GICD_ISPENDR + 4));

	say("match by loading\n");
	wr(RTC, IMSC, 0);
	wr(RTC, MR, 5000);
	wr(RTC, LR, 5000);
	kv("  ris", rd(RTC, RIS));
	kv("  mis masked", rd(RTC, MIS));
	kv("  spi pending masked", rd(GICD, GICD_ISPENDR + 4));
	wr(RTC, ICR, 1);
	kv("  ris after icr", rd(RTC, RIS));
	say("done\n");
	return 0;
}
