/* More of the virt board's GICv2 (IHI 0048B) with two cores:
 *  - the banked registers of core 1 (GICD_ITARGETSR0-7 read its own bit,
 *    its GICC), SGIs by target list and by "all but self" (filter 0b01),
 *    received by core 1 with core 0 as source;
 *  - SPIs: software-pending SPI 40 acknowledged by the core it targets
 *    (pending clears, active sets), not by the other; edge configuration;
 *  - the Distributor or the CPU interface disabled: nothing is forwarded;
 *  - interrupt groups: a Group 1 interrupt acknowledged through GICC_IAR
 *    reads 1022 unless GICC_CTLR.AckCtl (4.4.4), through GICC_AIAR it is
 *    acknowledged; GICC_CTLR.FIQEn signals Group 0 as FIQ (ISR.F) and
 *    Group 1 as IRQ (ISR.I);
 *  - binary points and active priorities (IMPLEMENTATION DEFINED parts
 *    are compared with QEMU only where they agree). */
#include "virt.h"

#define PSCI_CPU_ON 0x84000003u
#define SGIR_TO(list) ((list) << 16)
#define SGIR_OTHERS (1u << 24)
#define ISR_R() MRC(0, c12, c1, 0)

extern char secondary_entry[];
static u32 core1_stack[256] __attribute__((aligned(8)));
/* core 1's mailbox: cmd 1 = read IAR and EOI it, 2 = read registers,
 * 3 = clear its pending SGIs */
static volatile u32 c1_cmd, c1_done, c1_iar, c1_targets0, c1_targets7,
	c1_ispendr0;

void secondary_main(void);
void secondary_main(void)
{
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	for (;;) {
		u32 cmd = c1_cmd;

		if (!cmd)
			continue;
		if (cmd == 1) {
			c1_iar = rd(GICC, GICC_IAR);
			if ((c1_iar & 0x3ff) < 1020)
				wr(GICC, GICC_EOIR, c1_iar);
		} else if (cmd == 3) {
			for (u32 o = 0; o < 16; o += 4)
				wr(GICD, GICD_CPENDSGIR + o, 0xffffffff);
		} else if (cmd == 2) {
			c1_targets0 = rd(GICD, GICD_ITARGETSR);
			c1_targets7 = rd(GICD, GICD_ITARGETSR + 28);
			c1_ispendr0 = rd(GICD, GICD_ISPENDR);
		}
		c1_cmd = 0;
		dsb();
		c1_done++;
	}
}

static void core1(u32 cmd)
{
	u32 done = c1_done;

	c1_cmd = cmd;
	dsb();
	for (u32 i = 0; i < 100000000 && c1_done == done; i++)
		;
}

int main(void);
int main(void)
{
	u32 iar;

	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	for (u32 i = 0; i < 16; i++)
		wrb(GICD, GICD_IPRIORITYR + i, 0xa0);
	kv("cpu_on", smc_call(PSCI_CPU_ON, 1, (u32)secondary_entry,
			      (u32)&core1_stack[256]));

	say("core 1's bank\n");
	core1(2);
	kv("  itargetsr0 on core 1", c1_targets0);
	kv("  itargetsr7 on core 1", c1_targets7);
	kv("  itargetsr0 on core 0", rd(GICD, GICD_ITARGETSR));

	say("sgi to core 1 by list\n");
	wr(GICD, GICD_SGIR, SGIR_TO(2u) | 4);
	kv("  core 0 ispendr0", rd(GICD, GICD_ISPENDR));
	core1(2);
	kv("  core 1 ispendr0", c1_ispendr0);
	core1(1);
	kv("  core 1 iar", c1_iar);
	say("sgi to all but self\n");
	wr(GICD, GICD_SGIR, SGIR_OTHERS | 13);
	kv("  core 0 iar", rd(GICC, GICC_IAR));
	core1(1);
	kv("  core 1 iar", c1_iar);
	core1(1);
	kv("  core 1 iar again", c1_iar);
	say("sgi with filter 0b11 (reserved)\n");
	wr(GICD, GICD_SGIR, (3u << 24) | SGIR_TO(3u) | 2);
	kv("  core 0 ispendr0 after 0b11", rd(GICD, GICD_ISPENDR));
	core1(2);
	kv("  core 1 ispendr0 after 0b11", c1_ispendr0);
	/* whatever it did, no SGI stays pending on either core */
	for (u32 o = 0; o < 16; o += 4)
		wr(GICD, GICD_CPENDSGIR + o, 0xffffffff);
	core1(3);

	say("spi 40\n");
	wrb(GICD, GICD_IPRIORITYR + 40, 0x80);
	wrb(GICD, GICD_ITARGETSR + 40, 2);      /* core 1 */
	wr(GICD, GICD_ISENABLER + 4, 1u << 8);
	wr(GICD, GICD_ISPENDR + 4, 1u << 8);
	kv("  core 0 iar (targets core 1)", rd(GICC, GICC_IAR));
	core1(1);
	kv("  core 1 iar", c1_iar);
	kv("  ispendr1 after", rd(GICD, GICD_ISPENDR + 4));
	wrb(GICD, GICD_ITARGETSR + 40, 1);      /* core 0 */
	wr(GICD, GICD_ICFGR + 8, 2u << 16);     /* ID 40 edge */
	kv("  icfgr2", rd(GICD, GICD_ICFGR + 8) & (3u << 16));
	wr(GICD, GICD_ISPENDR + 4, 1u << 8);
	kv("  hppir", rd(GICC, GICC_HPPIR));
	iar = rd(GICC, GICC_IAR);
	kv("  core 0 iar", iar);
	kv("  ispendr1 after ack", rd(GICD, GICD_ISPENDR + 4));
	kv("  isactiver1 after ack", rd(GICD, GICD_ISACTIVER + 4));
	wr(GICC, GICC_EOIR, iar);
	kv("  isactiver1 after eoi", rd(GICD, GICD_ISACTIVER + 4));

	say("disabled distributor or cpu interface\n");
	wr(GICD, GICD_ISPENDR + 4, 1u << 8);
	wr(GICD, GICD_CTLR, 0);
	kv("  iar gicd disabled", rd(GICC, GICC_IAR));
	kv("  hppir gicd disabled", rd(GICC, GICC_HPPIR));
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_CTLR, 0);
	kv("  iar gicc disabled", rd(GICC, GICC_IAR));
	kv("  isr gicc disabled", ISR_R());
	wr(GICC, GICC_CTLR, 1);
	kv("  isr enabled", ISR_R());
	iar = rd(GICC, GICC_IAR);
	kv("  iar enabled", iar);
	wr(GICC, GICC_EOIR, iar);
	wr(GICD, GICD_ICENABLER + 4, 1u << 8);

	say("groups\n");
	wr(GICD, GICD_CTLR, 3);
	wr(GICD, GICD_IGROUPR, 1u << 5);        /* SGI 5: Group 1 */
	wr(GICC, GICC_CTLR, 3);
	wr(GICD, GICD_SGIR, (2u << 24) | 5);
	kv("  isr group 1 pending", ISR_R());
	kv("  hppir", rd(GICC, GICC_HPPIR));
	kv("  iar without ackctl", rd(GICC, GICC_IAR));
	kv("  ahppir", rd(GICC, 0x28));
	iar = rd(GICC, 0x20);                   /* GICC_AIAR */
	kv("  aiar", iar);
	kv("  rpr after aiar", rd(GICC, GICC_RPR));
	wr(GICC, 0x24, iar);                    /* GICC_AEOIR */
	kv("  rpr after aeoir", rd(GICC, GICC_RPR));
	wr(GICC, GICC_CTLR, 3 | 4);             /* AckCtl */
	wr(GICD, GICD_SGIR, (2u << 24) | 5);
	iar = rd(GICC, GICC_IAR);
	kv("  iar with ackctl", iar);
	wr(GICC, GICC_EOIR, iar);
	kv("  isactiver0 after eoir", rd(GICD, GICD_ISACTIVER));
	wr(GICC, GICC_CTLR, 3 | 8);             /* FIQEn */
	wr(GICD, GICD_SGIR, (2u << 24) | 6);    /* Group 0 */
	kv("  isr group 0 with fiqen", ISR_R());
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	wr(GICC, GICC_EOIR, iar);
	kv("  isr after", ISR_R());
	wr(GICD, GICD_SGIR, (2u << 24) | 5);    /* Group 1 */
	kv("  isr group 1 with fiqen", ISR_R());
	wr(GICD, GICD_CPENDSGIR + 4, 0xff00);   /* clear SGI 5 */
	kv("  isr after clearing", ISR_R());
	wr(GICD, GICD_IGROUPR, 0);
	wr(GICC, GICC_CTLR, 1);
	wr(GICD, GICD_CTLR, 1);

	say("binary point, active priorities\n");
	wr(GICC, GICC_BPR, 7);
	kv("  bpr 7", rd(GICC, GICC_BPR));
	wr(GICC, GICC_BPR, 0);
	kv("  bpr 0", rd(GICC, GICC_BPR));
	wr(GICC, 0x1c, 7);                      /* GICC_ABPR */
	kv("  abpr 7", rd(GICC, 0x1c));
	wr(GICC, GICC_BPR, 3);
	wr(GICD, GICD_SGIR, (2u << 24) | 7);
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	kv("  apr0", rd(GICC, GICC_APR0));
	kv("  rpr", rd(GICC, GICC_RPR));
	wr(GICC, GICC_EOIR, iar);
	kv("  apr0 after eoi", rd(GICC, GICC_APR0));
	say("done\n");
	return 0;
}
