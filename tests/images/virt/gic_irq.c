/* Interrupts through the virt board's GICv2 (IHI 0048B), taken for real:
 *  - in Hyp mode (HCR.IMO set): an SGI to self seen pending in
 *    GICD_ISPENDR/GICD_SPENDSGIR and GICC_HPPIR, acknowledged by GICC_IAR
 *    with its source CPU, running priority in GICC_RPR, active state,
 *    priority drop and deactivation by GICC_EOIR;
 *  - preemption inside a handler: a higher-priority SGI interrupts the
 *    handler of a lower one, a lower-priority one waits for the EOI and
 *    then preempts the outer handler by group priority (GICC_BPR 3);
 *  - GICC_CTLR.EOImode 1: GICC_EOIR only drops the priority, the
 *    interrupt stays active (not signalled again) until GICC_DIR;
 *  - the spurious ID 1023 when nothing is pending, and when GICC_PMR
 *    masks what is;
 *  - an SGI from core 1 (started by PSCI CPU_ON), whose IAR names CPU 1;
 *  - at PL1: a Non-secure SVC guest with HCR.IMO clear takes an SGI
 *    through its own vectors (VBAR + 0x18).
 * Two cores. */
#include "virt.h"

#define PSCI_CPU_ON 0x84000003u
#define SGIR_SELF (2u << 24)        /* TargetListFilter 0b10 */
#define SGIR_TO(list) ((list) << 16) /* TargetListFilter 0b00 */

static volatile u32 nlog, logv[32];
static volatile u32 core1_sent;
static u32 core1_stack[256] __attribute__((aligned(8)));
static u32 guest_stack[2048] __attribute__((aligned(8)));
extern char secondary_entry[];

static void log_add(u32 v)
{
	if (nlog < 32)
		logv[nlog] = v;
	nlog++;
}

static void spin(u32 n)
{
	for (volatile u32 i = 0; i < n; i++)
		;
}

static void prio(u32 id, u32 p)
{
	wrb(GICD, GICD_IPRIORITYR + id, p);
}

static void sgi_self(u32 id)
{
	wr(GICD, GICD_SGIR, SGIR_SELF | id);
	dsb();
}

/* Handler of the Hyp-mode and PL1 tests: logs 0x1000 | IAR on entry with
 * the running priority, and 0x2000 | ID at its exit. SGI 6 sends the
 * higher-priority SGI 7 and unmasks IRQs; SGI 7 sends the lower-priority
 * SGI 8 and unmasks IRQs: 8 must wait for 7's EOI. */
static void handle(void)
{
	u32 iar = rd(GICC, GICC_IAR);
	u32 id = iar & 0x3ff;

	log_add(0x1000 | iar);
	log_add(0x3000 | rd(GICC, GICC_RPR));
	if (id == 1023)
		return;
	if (id == 6 || id == 7) {
		sgi_self(id == 6 ? 7 : 8);
		irq_enable();
		spin(2000);
		irq_disable();
	}
	wr(GICC, GICC_EOIR, iar);
	log_add(0x2000 | id);
}

void hyp_irq(void)
{
	handle();
}

void pl1_irq(void)
{
	handle();
}

static void show_log(void)
{
	for (u32 i = 0; i < nlog && i < 32; i++)
		kv("  log", logv[i]);
	nlog = 0;
}

void secondary_main(void);
void secondary_main(void)
{
	/* SGI 12 to core 0 only */
	wr(GICD, GICD_SGIR, SGIR_TO(1u) | 12);
	dsb();
	core1_sent = 1;
	for (;;)
		wfi();
}

static void guest(void)
{
	kv("guest mode", cpsr_mode());
	irq_enable();
	sgi_self(11);
	spin(2000);
	irq_disable();
	guest_exit(nlog);
}

int main(void);
int main(void)
{
	u32 iar, i;

	set_hvbar(hyp_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_BPR, 3);
	wr(GICC, GICC_CTLR, 1);
	for (i = 0; i < 16; i++)
		prio(i, 0xa0);
	prio(6, 0xc0);
	prio(7, 0x40);
	prio(8, 0x80);

	say("sgi to self, polled\n");
	kv("  iar idle", rd(GICC, GICC_IAR));
	kv("  rpr idle", rd(GICC, GICC_RPR));
	sgi_self(3);
	kv("  ispendr0", rd(GICD, GICD_ISPENDR));
	kv("  spendsgir0", rd(GICD, GICD_SPENDSGIR));
	kv("  hppir", rd(GICC, GICC_HPPIR));
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	kv("  rpr", rd(GICC, GICC_RPR));
	kv("  isactiver0", rd(GICD, GICD_ISACTIVER));
	kv("  ispendr0 after ack", rd(GICD, GICD_ISPENDR));
	kv("  iar while active", rd(GICC, GICC_IAR));
	wr(GICC, GICC_EOIR, iar);
	kv("  rpr after eoi", rd(GICC, GICC_RPR));
	kv("  isactiver0 after eoi", rd(GICD, GICD_ISACTIVER));

	say("sgi taken in hyp\n");
	sgi_self(5);
	irq_enable();
	spin(2000);
	irq_disable();
	show_log();

	say("preemption\n");
	sgi_self(6);
	irq_enable();
	spin(2000);
	irq_disable();
	show_log();
	kv("  rpr after", rd(GICC, GICC_RPR));

	say("eoimode 1\n");
	wr(GICC, GICC_CTLR, 1 | (1u << 9));
	kv("  ctlr", rd(GICC, GICC_CTLR));
	sgi_self(9);
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	wr(GICC, GICC_EOIR, iar);
	kv("  rpr after eoi", rd(GICC, GICC_RPR));
	kv("  isactiver0 after eoi", rd(GICD, GICD_ISACTIVER));
	sgi_self(9);
	/* pending again but still active: not signalled */
	kv("  ispendr0", rd(GICD, GICD_ISPENDR));
	kv("  iar while active and pending", rd(GICC, GICC_IAR));
	wr(GICC, GICC_DIR, iar);
	kv("  isactiver0 after dir", rd(GICD, GICD_ISACTIVER));
	iar = rd(GICC, GICC_IAR);
	kv("  iar after dir", iar);
	wr(GICC, GICC_EOIR, iar);
	wr(GICC, GICC_DIR, iar);
	kv("  isactiver0 at end", rd(GICD, GICD_ISACTIVER));
	wr(GICC, GICC_CTLR, 1);

	say("spurious\n");
	kv("  iar nothing pending", rd(GICC, GICC_IAR));
	wr(GICC, GICC_PMR, 0xa0);       /* SGI 10 at 0xa0 is not above it */
	sgi_self(10);
	kv("  iar masked by pmr", rd(GICC, GICC_IAR));
	wr(GICC, GICC_PMR, 0xa8);
	iar = rd(GICC, GICC_IAR);
	kv("  iar pmr above", iar);
	wr(GICC, GICC_EOIR, iar);
	wr(GICC, GICC_PMR, 0xf0);

	say("sgi from core 1\n");
	kv("  cpu_on", smc_call(PSCI_CPU_ON, 1, (u32)secondary_entry,
				(u32)&core1_stack[256]));
	for (i = 0; i < 100000000 && !core1_sent; i++)
		;
	kv("  sent", core1_sent);
	kv("  spendsgir3", rd(GICD, GICD_SPENDSGIR + 12));
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	wr(GICC, GICC_EOIR, iar);

	say("sgi taken at pl1\n");
	MCR(4, c1, c1, 0, 0);           /* HCR.IMO clear: IRQs to PL1 */
	isb();
	set_vbar(pl1_vectors);
	/* NS SVC with A, I, F masked */
	kv("  guest log entries", enter_guest(guest, 0x1d3,
					      (u32)&guest_stack[2048]));
	show_log();
	say("done\n");
	return 0;
}
