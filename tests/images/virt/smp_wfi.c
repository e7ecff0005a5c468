/* Two cores that sleep in WFI and wake each other through the virt
 * board's GIC: core 0 sends SGI 1 to core 1 and waits in WFI; core 1,
 * asleep in WFI, takes it (in Hyp, HCR.IMO set on each core) and replies
 * with SGI 2, whose IAR names core 1 as source. Then both cores sleep
 * with a Hyp timer armed on each (PPI 26, banked per core), core 1's
 * first: when every core waits, the machine's clock moves on to the next
 * timer event. The interrupts and their order are printed by core 0. */
#include "virt.h"

#define PSCI_CPU_ON 0x84000003u
#define ROUNDS 5

extern char secondary_entry[];
static u32 core1_stack[512] __attribute__((aligned(8)));
static volatile u32 nlog, logv[32], got[2], core1_ready, phase;

static u32 cpu_id(void)
{
	return MRC(0, c0, c0, 5) & 0xff;
}

static void log_add(u32 v)
{
	if (nlog < 32)
		logv[nlog] = v;
	nlog++;
	dsb();
}

void hyp_irq(void)
{
	u32 me = cpu_id();
	u32 iar = rd(GICC, GICC_IAR);
	u32 id = iar & 0x3ff;

	if (id == 26)
		CNTHP_CTL_W(3);         /* mask the Hyp timer */
	if (me == 1 && id == 1)
		wr(GICD, GICD_SGIR, (1u << 16) | 2);    /* reply to core 0 */
	/* only core 1's timer and core 0's reply are logged here; core 0
	 * logs the rest in order */
	if (id == 26 || me == 0)
		log_add((me << 16) | iar);
	got[me]++;
	wr(GICC, GICC_EOIR, iar);
}

static void gic_cpu_setup(void)
{
	set_hvbar(hyp_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	for (u32 i = 0; i < 32; i++)
		wrb(GICD, GICD_IPRIORITYR + i, 0xa0);
	wr(GICD, GICD_ISENABLER, 1u << 26);
}

/* sleep until `*count` exceeds `n`: WFI with IRQs masked, then take */
static void sleep_until(volatile u32 *count, u32 n)
{
	irq_disable();
	for (u32 i = 0; i < 1000 && *count <= n; i++) {
		wfi();
		irq_enable();
		isb();
		irq_disable();
	}
}

void secondary_main(void);
void secondary_main(void)
{
	gic_cpu_setup();
	core1_ready = 1;
	dsb();
	sleep_until(&got[1], ROUNDS - 1);       /* the SGIs */
	while (phase != 1)
		;
	CNTHP_TVAL_W(0x10000);
	CNTHP_CTL_W(1);
	isb();
	sleep_until(&got[1], ROUNDS);
	for (;;)
		wfi();
}

int main(void);
int main(void)
{
	u32 r, i;

	wr(GICD, GICD_CTLR, 1);
	gic_cpu_setup();
	kv("cpu_on", smc_call(PSCI_CPU_ON, 1, (u32)secondary_entry,
			      (u32)&core1_stack[512]));
	for (i = 0; i < 100000000 && !core1_ready; i++)
		;
	say("ping-pong\n");
	for (r = 0; r < ROUNDS; r++) {
		wr(GICD, GICD_SGIR, (2u << 16) | 1);    /* to core 1 */
		sleep_until(&got[0], r);
	}
	kv("  replies", got[0]);
	for (i = 0; i < nlog && i < 32; i++)
		kv("  log", logv[i]);
	nlog = 0;

	say("both asleep, core 1's timer first\n");
	phase = 1;
	dsb();
	CNTHP_TVAL_W(0x1000000);      /* 256 times later than core 1's */
	CNTHP_CTL_W(1);
	isb();
	sleep_until(&got[0], ROUNDS);
	kv("  core 0 interrupts", got[0]);
	kv("  core 1 interrupts", got[1]);
	for (i = 0; i < nlog && i < 32; i++)
		kv("  log", logv[i]);
	kv("  core 0 timer ctl", CNTHP_CTL_R());
	say("done\n");
	return 0;
}
