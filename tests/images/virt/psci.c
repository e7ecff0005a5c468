/* PSCI (ARM DEN 0022D) as the virt board's firmware answers it over SMC
 * from Hyp mode: PSCI_VERSION, PSCI_FEATURES, MIGRATE_INFO_TYPE,
 * CPU_ON of core 1 (which reports its entry state through semihosting and
 * sets a flag), AFFINITY_INFO before and after, CPU_ON of a core that is
 * already on and of one that does not exist, CPU_OFF from core 1, CPU_ON
 * of it again at a Thumb entry point, CPU_SUSPEND to standby woken by a
 * pending interrupt, then SYSTEM_OFF with core 1 still on, which ends the run with exit code 0 (the image never
 * reaches its semihosting exit). Two cores. */
#include "virt.h"

#define PSCI_VERSION 0x84000000u
#define CPU_SUSPEND 0x84000001u
#define CPU_OFF 0x84000002u
#define CPU_ON 0x84000003u
#define AFFINITY_INFO 0x84000004u
#define MIGRATE 0x84000005u
#define MIGRATE_INFO_TYPE 0x84000006u
#define SYSTEM_OFF 0x84000008u
#define SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define CPU_ON64 0xc4000003u

extern char secondary_entry[], thumb_entry[];
static volatile u32 core1_up, core1_context, core1_go_off, core1_again;

/* The second CPU_ON of core 1 enters here in Thumb state (entry address
 * bit 0 set, DEN 0022D 5.4.2): r0 is the stack, r1 the CPSR it found
 * (MRS reads the T bit as 0, DDI 0406C B9.3.8: that these Thumb
 * instructions run at all shows the state). */
asm(".pushsection .text\n"
    "\t.thumb\n\t.thumb_func\n\t.global thumb_entry\n"
    "thumb_entry:\n"
    "\tmov sp, r0\n"
    "\tmrs r1, cpsr\n"
    "\tbl core1_again_main\n"
    "1:\tb 1b\n"
    "\t.arm\n"
    "\t.popsection");

void core1_again_main(u32 sp, u32 cpsr);
void core1_again_main(u32 sp, u32 cpsr)
{
	(void)sp;
	/* the mode, and A, I and F masked (DEN 0022D 6.4.3) */
	core1_again = (cpsr & 0x1ff) | 0x80000000u;
	dsb();
	for (;;)
		wfi();
}
static u32 core1_stack[256] __attribute__((aligned(8)));

void secondary_main(u32 sp);
void secondary_main(u32 sp)
{
	u32 mpidr = MRC(0, c0, c0, 5);

	/* r0 = the context ID given to CPU_ON (DEN 0022D 5.4.3), used as
	 * the stack */
	core1_context = sp;
	say("core1: running\n");
	kv("core1 mode", cpsr_mode());
	kv("core1 mpidr", mpidr);
	kv("core1 context ok", sp == (u32)&core1_stack[256]);
	dsb();
	core1_up = 1;
	while (!core1_go_off)
		;
	say("core1: cpu_off\n");
	smc_call(CPU_OFF, 0, 0, 0);
	say("core1: cpu_off returned\n");
	for (;;)
		;
}

int main(void);
int main(void)
{
	u32 r;
	int i;

	kv("mode", cpsr_mode());
	kv("mpidr", MRC(0, c0, c0, 5));
	kv("version", smc_call(PSCI_VERSION, 0, 0, 0));
	kv("features version", smc_call(PSCI_FEATURES, PSCI_VERSION, 0, 0));
	kv("features cpu_on", smc_call(PSCI_FEATURES, CPU_ON, 0, 0));
	kv("features cpu_off", smc_call(PSCI_FEATURES, CPU_OFF, 0, 0));
	kv("features affinity_info",
	   smc_call(PSCI_FEATURES, AFFINITY_INFO, 0, 0));
	kv("features system_off", smc_call(PSCI_FEATURES, SYSTEM_OFF, 0, 0));
	kv("features features", smc_call(PSCI_FEATURES, PSCI_FEATURES, 0, 0));
	/* MIGRATE is optional and absent (DEN 0022D 5.1.8: no Trusted OS) */
	kv("features migrate", smc_call(PSCI_FEATURES, MIGRATE, 0, 0));
	/* SMC64 functions from an AArch32 caller: not supported */
	kv("features cpu_on64", smc_call(PSCI_FEATURES, CPU_ON64, 0, 0));
	kv("features unknown", smc_call(PSCI_FEATURES, 0x8400001fu, 0, 0));
	/* 2: no Trusted OS, migration not needed (DEN 0022D 5.9.1) */
	kv("migrate_info_type", smc_call(MIGRATE_INFO_TYPE, 0, 0, 0));

	kv("affinity core0", smc_call(AFFINITY_INFO, 0, 0, 0));
	kv("affinity core1 before", smc_call(AFFINITY_INFO, 1, 0, 0));
	kv("affinity core7", smc_call(AFFINITY_INFO, 7, 0, 0));
	kv("cpu_on core7", smc_call(CPU_ON, 7, (u32)secondary_entry, 0));

	r = smc_call(CPU_ON, 1, (u32)secondary_entry, (u32)&core1_stack[256]);
	/* core 1 prints first: the result waits until it is done */
	for (i = 0; i < 100000000 && !core1_up; i++)
		;
	kv("cpu_on core1", r);
	kv("core1 up", core1_up);
	kv("affinity core1 after", smc_call(AFFINITY_INFO, 1, 0, 0));
	kv("cpu_on core1 again",
	   smc_call(CPU_ON, 1, (u32)secondary_entry, (u32)&core1_stack[256]));
	kv("cpu_on core0 (self)", smc_call(CPU_ON, 0, (u32)secondary_entry, 0));

	core1_go_off = 1;
	dsb();
	/* CPU_OFF takes effect before the call would return (DEN 0022D
	 * 5.5.2); poll until the firmware reports the core off */
	for (i = 0; i < 100000000; i++) {
		r = smc_call(AFFINITY_INFO, 1, 0, 0);
		if (r == 1)
			break;
	}
	kv("affinity core1 off", r);
	kv("affinity level 1", smc_call(AFFINITY_INFO, 0, 1, 0));

	/* on again, in Thumb state */
	r = smc_call(CPU_ON, 1, (u32)thumb_entry | 1,
		     (u32)&core1_stack[256]);
	kv("cpu_on core1 thumb", r);
	for (i = 0; i < 100000000 && !core1_again; i++)
		;
	kv("core1 cpsr at thumb entry", core1_again);
	kv("affinity core1 on again", smc_call(AFFINITY_INFO, 1, 0, 0));

	/* CPU_SUSPEND to a standby state returns when an interrupt is
	 * pending (here the Hyp timer's, masked by CPSR.I: DEN 0022D 5.4.2
	 * wake-up by any interrupt) */
	kv("features cpu_suspend", smc_call(PSCI_FEATURES, CPU_SUSPEND, 0, 0));
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	wrb(GICD, GICD_IPRIORITYR + 26, 0x80);
	wr(GICD, GICD_ISENABLER, 1u << 26);
	CNTHP_TVAL_W(0x1000);
	CNTHP_CTL_W(1);
	isb();
	kv("cpu_suspend standby", smc_call(CPU_SUSPEND, 0, 0, 0));
	kv("hyp timer ctl after suspend", CNTHP_CTL_R());
	CNTHP_CTL_W(0);
	say("system_off\n");
	smc_call(SYSTEM_OFF, 0, 0, 0);
	say("system_off returned\n");
	return 1;
}
