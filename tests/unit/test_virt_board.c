/* The virt board as a machine (src/sim/virt.c): PSCI's SYSTEM_RESET ends
 * the run, or with --reboot restarts the machine with its images loaded
 * again while the rest of RAM keeps what it held (a warm reset); SYSTEM_OFF
 * ends it with exit code 0; every core but the first waits powered off
 * until CPU_ON, and CPU_ON starts it at its entry with the context in r0. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "devices/psci.h"
#include "sim/loader.h"
#include "sim/machine.h"

#define ENTRY 0x40010000u
#define COUNTER 0x47000000u

/* count boots in RAM outside the image; the second boot powers off */
static const uint32_t reboot_code[] = {
	0xe3a03447, /* mov r3, #0x47000000 */
	0xe5931000, /* ldr r1, [r3] */
	0xe2811001, /* add r1, r1, #1 */
	0xe5831000, /* str r1, [r3] */
	0xe3510002, /* cmp r1, #2 */
	0xe3000009, /* movw r0, #9       SYSTEM_RESET */
	0x03000008, /* movweq r0, #8     SYSTEM_OFF */
	0xe3480400, /* movt r0, #0x8400 */
	0xe1600070, /* smc #0 */
	0xeafffffe, /* b . */
};

static void virt_machine(struct machine *m, unsigned cores, bool reboot,
			 const uint32_t *code, size_t words)
{
	struct machine_config cfg = {0};
	cfg.board = "virt";
	cfg.clusters[0].model = &cortex_a15_model;
	cfg.clusters[0].count = cores;
	cfg.n_clusters = 1;
	cfg.mem_base = 0x40000000;
	cfg.mem_size = 128u << 20;
	cfg.entry = ENTRY_HYP;
	cfg.reboot = reboot;
	char err[200];
	ck_assert_msg(machine_init(m, &cfg, err, sizeof err), "%s", err);
	ck_assert_msg(loader_load_blob(m, "code", code, words * 4, ENTRY, err,
				       sizeof err), "%s", err);
	m->entry_point = ENTRY;
	machine_reset(m, ENTRY);
}

static uint32_t ram_word(struct machine *m, uint32_t pa)
{
	uint32_t v;
	memcpy(&v, bus_ram_ptr(&m->bus, pa, 4), 4);
	return v;
}

START_TEST(system_reset_ends_the_run_without_reboot)
{
	struct machine m;
	virt_machine(&m, 1, false, reboot_code,
		     sizeof reboot_code / sizeof reboot_code[0]);
	ck_assert_int_eq(machine_run(&m, 100000), STOP_EXIT);
	ck_assert_int_eq(m.exit_code, 0);
	ck_assert_uint_eq(ram_word(&m, COUNTER), 1);
	ck_assert_uint_eq(m.reboots, 0);
	machine_destroy(&m);
}
END_TEST

START_TEST(system_reset_restarts_with_reboot)
{
	struct machine m;
	virt_machine(&m, 1, true, reboot_code,
		     sizeof reboot_code / sizeof reboot_code[0]);
	/* the guest overwrites its own first instruction: the restart must
	 * load the image again */
	ck_assert_int_eq(machine_run(&m, 5), STOP_BUDGET);
	memset(bus_ram_ptr(&m.bus, ENTRY + 4, 4), 0, 4);
	ck_assert_int_eq(machine_run(&m, 100000), STOP_EXIT);
	ck_assert_int_eq(m.exit_code, 0);
	ck_assert_uint_eq(m.reboots, 1);
	/* the counter outside the image survived the warm reset */
	ck_assert_uint_eq(ram_word(&m, COUNTER), 2);
	ck_assert_uint_eq(ram_word(&m, ENTRY + 4), reboot_code[1]);
	machine_destroy(&m);
}
END_TEST

START_TEST(secondaries_wait_for_cpu_on)
{
	/* core 0: CPU_ON core 1 at 0x40010100 with context 0x1234, then
	 * AFFINITY_INFO(core 1) until on, then wait; core 1: r5 = r0 */
	static const uint32_t code[] = {
		0xe3000003, /* 00 movw r0, #3 */
		0xe3480400, /* 04 movt r0, #0x8400   CPU_ON */
		0xe3a01001, /* 08 mov r1, #1         MPIDR aff 1 */
		0xe3a02101, /* 0c mov r2, #0x40000000 */
		0xe2822801, /* 10 add r2, r2, #0x10000 */
		0xe2822c01, /* 14 add r2, r2, #0x100 */
		0xe3013234, /* 18 movw r3, #0x1234 */
		0xe1600070, /* 1c smc #0 */
		0xe1a04000, /* 20 mov r4, r0 (CPU_ON's result) */
		0xe320f003, /* 24 wfi */
		0xeafffffd, /* 28 b 0x24 */
	};
	uint32_t image[0x104 / 4 + 2] = {0};
	memcpy(image, code, sizeof code);
	image[0x100 / 4] = 0xe1a05000;     /* mov r5, r0 */
	image[0x104 / 4] = 0xeafffffe;     /* b . */
	struct machine m;
	virt_machine(&m, 2, false, image, sizeof image / 4);
	ck_assert_int_eq(m.cpus[1].state, CPU_POWERED_OFF);
	ck_assert_int_eq(machine_run(&m, 20000), STOP_BUDGET);
	ck_assert_int_eq((int32_t)m.cpus[0].r[4], PSCI_SUCCESS);
	ck_assert_uint_eq(m.cpus[1].r[5], 0x1234);
	ck_assert_uint_eq(m.cpus[1].r[15], ENTRY + 0x104);
	/* the core came up in the machine's entry state: Hyp */
	ck_assert_uint_eq(m.cpus[1].cpsr & 0x1f, 0x1a);
	machine_destroy(&m);
}
END_TEST

START_TEST(cpu_on_ends_a_long_round)
{
	/* core 0, alone, stores in a loop (its rounds grow to 64 quanta:
	 * machine.c round_begin), then powers core 1 on and counts in
	 * memory. Core 1 reads the count first thing: powering a core on
	 * ends the long round, so core 1 runs after one quantum of core 0
	 * (about 333 counts), not after what is left of a 64000-instruction
	 * round */
	static const uint32_t code[] = {
		0xe3a07101, /* 00 mov r7, #0x40000000 */
		0xe2877902, /* 04 add r7, r7, #0x8000  (the count) */
		0xe3a08802, /* 08 mov r8, #0x20000 */
		0xe5878004, /* 0c 1: str r8, [r7, #4] */
		0xe2588001, /* 10 subs r8, r8, #1 */
		0x1afffffc, /* 14 bne 1b */
		0xe3000003, /* 18 movw r0, #3 */
		0xe3480400, /* 1c movt r0, #0x8400   CPU_ON */
		0xe3a01001, /* 20 mov r1, #1 */
		0xe3a02101, /* 24 mov r2, #0x40000000 */
		0xe2822801, /* 28 add r2, r2, #0x10000 */
		0xe2822c01, /* 2c add r2, r2, #0x100 */
		0xe3a03000, /* 30 mov r3, #0 */
		0xe1600070, /* 34 smc #0 */
		0xe3a06000, /* 38 mov r6, #0 */
		0xe2866001, /* 3c 2: add r6, r6, #1 */
		0xe5876000, /* 40 str r6, [r7] */
		0xeafffffc, /* 44 b 2b */
	};
	uint32_t image[0x10c / 4 + 1] = {0};
	memcpy(image, code, sizeof code);
	image[0x100 / 4] = 0xe3a07101; /* mov r7, #0x40000000 */
	image[0x104 / 4] = 0xe2877902; /* add r7, r7, #0x8000 */
	image[0x108 / 4] = 0xe5975000; /* ldr r5, [r7] */
	image[0x10c / 4] = 0xeafffffe; /* b . */
	struct machine m;
	virt_machine(&m, 2, false, image, sizeof image / 4);
	ck_assert_int_eq(machine_run(&m, 3 * 0x20000 + 20000), STOP_BUDGET);
	ck_assert_uint_eq(m.cpus[1].r[15], ENTRY + 0x10c);
	ck_assert_uint_gt(m.cpus[1].r[5], 0);
	ck_assert_uint_lt(m.cpus[1].r[5], 400);
	machine_destroy(&m);
}
END_TEST

static Suite *virt_suite(void)
{
	Suite *s = suite_create("virt_board");
	TCase *tc = tcase_create("psci");
	tcase_add_test(tc, system_reset_ends_the_run_without_reboot);
	tcase_add_test(tc, system_reset_restarts_with_reboot);
	tcase_add_test(tc, secondaries_wait_for_cpu_on);
	tcase_add_test(tc, cpu_on_ends_a_long_round);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(virt_suite)
