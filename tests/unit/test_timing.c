/* Machine-wide virtual time (src/timing/timing.c, the scheduler in
 * src/sim/machine.c, the generic timers' outputs in
 * src/cp15/sysregs_timer.c): events fire in order of time and of
 * scheduling; counter conversions round the way the timers need (a count
 * is reached at the first period whose count is at least it); every core
 * reads one counter; when every core waits the clock jumps to the next
 * event, and a timer's output rises exactly at its compare value; a core
 * in WFE woken by a SEV from a later core in the same round is not stuck
 * (issue: SEV from a higher-numbered core never woke a lower one). */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "sim/hang.h"
#include "sim/machine.h"
#include "timing/irq.h"
#include "timing/timing.h"

#define RAM_BASE 0x40000000u

struct log {
	char order[16];
	unsigned n;
	uint64_t when[16];
};

static struct log lg;
static struct timing *log_clock;
static struct timing_event ev_a, ev_b, ev_c;

static void fire(void *opaque, uint64_t now)
{
	const char *name = opaque;
	lg.when[lg.n] = now;
	lg.order[lg.n++] = name[0];
	/* 'a' schedules 'c' for a time already due: it fires in this pass */
	if (name[0] == 'a')
		timing_schedule(log_clock, &ev_c, now);
}

START_TEST(events_fire_in_time_then_schedule_order)
{
	struct timing t;
	timing_init(&t, 0);
	ck_assert_uint_eq(t.ips, TIMING_DEFAULT_IPS);
	memset(&lg, 0, sizeof lg);
	log_clock = &t;
	ev_a = (struct timing_event){.fire = fire, .opaque = "a"};
	ev_b = (struct timing_event){.fire = fire, .opaque = "b"};
	ev_c = (struct timing_event){.fire = fire, .opaque = "c"};
	timing_schedule(&t, &ev_b, 200);
	timing_schedule(&t, &ev_a, 100);
	ck_assert_uint_eq(timing_next(&t), 100);
	/* moved, not duplicated; same time as b, scheduled after it */
	timing_schedule(&t, &ev_a, 200);
	ck_assert_uint_eq(timing_next(&t), 200);
	timing_run_due(&t, 199);
	ck_assert_uint_eq(lg.n, 0);
	timing_run_due(&t, 250);
	ck_assert_str_eq(lg.order, "bac");
	ck_assert_uint_eq(lg.when[0], 200);
	ck_assert_uint_eq(lg.when[2], 200);
	ck_assert_uint_eq(timing_next(&t), TIMING_NEVER);
	timing_schedule(&t, &ev_b, 300);
	timing_cancel(&t, &ev_b);
	timing_cancel(&t, &ev_b);
	ck_assert(!ev_b.scheduled);
	ck_assert_uint_eq(timing_next(&t), TIMING_NEVER);
}
END_TEST

START_TEST(counter_conversions_floor_and_ceiling)
{
	struct timing t;
	timing_init(&t, 1000000000ull);
	/* 62.5 MHz at 1e9 periods/s: one count every 16 periods */
	ck_assert_uint_eq(timing_to_count(&t, 15, 62500000), 0);
	ck_assert_uint_eq(timing_to_count(&t, 16, 62500000), 1);
	ck_assert_uint_eq(timing_from_count(&t, 1, 62500000), 16);
	ck_assert_uint_eq(timing_from_count(&t, 100, 62500000), 1600);
	/* a rate that does not divide: 3 counts per 7 periods */
	timing_init(&t, 7);
	ck_assert_uint_eq(timing_from_count(&t, 1, 3), 3); /* 3*3/7 >= 1 */
	ck_assert_uint_eq(timing_to_count(&t, 2, 3), 0);
	ck_assert_uint_eq(timing_to_count(&t, 3, 3), 1);
	ck_assert_uint_eq(timing_from_count(&t, UINT64_MAX, 3), TIMING_NEVER);
	ck_assert_uint_eq(timing_from_count(&t, 5, 0), TIMING_NEVER);
}
END_TEST

static void put_code(struct machine *m, uint32_t pa, const uint32_t *code,
		     unsigned n)
{
	uint8_t *p = bus_ram_ptr(&m->bus, pa, n * 4u);
	ck_assert_ptr_nonnull(p);
	memcpy(p, code, n * 4u);
}

/* The four instructions that arm the virtual timer `counts` ahead
 * (counts < 256): mov r0, #counts; mcr p15, 0, r0, c14, c3, 0 (CNTV_TVAL);
 * mov r0, #1; mcr p15, 0, r0, c14, c3, 1 (CNTV_CTL: enable). */
#define ARM_VIRTUAL_TIMER(counts)                                              \
	0xe3a00000u | (counts), 0xee0e0f13, 0xe3a00001, 0xee0e0f33

/* A trivial interrupt controller: the virtual timer's output is the
 * core's IRQ input. */
static void timer_to_irq(void *opaque, unsigned n, bool level)
{
	(void)n;
	((struct cpu *)opaque)->irq_line = level;
}

START_TEST(waiting_core_wakes_at_timer_compare_value)
{
	static const uint32_t code[] = {
		ARM_VIRTUAL_TIMER(100),
		0xe320f003, /* wfi */
		0xec576f1e, /* mrrc p15, 1, r6, r7, c14  CNTVCT */
		0xeafffffe, /* b . */
	};
	struct machine m;
	unit_machine(&m, &cortex_a15_model, 1, RAM_BASE, 0x10000, ENTRY_SVC,
		     RAM_BASE);
	put_code(&m, RAM_BASE, code, sizeof code / 4);
	struct cpu *c = &m.cpus[0];
	ck_assert_uint_eq(c->cp15.counter_hz, 62500000);
	irq_line_connect(&c->timer_out[CP15_TIMER_VIRT], timer_to_irq, c, 0);
	ck_assert_int_eq(machine_run(&m, 5000), STOP_BUDGET);
	/* CVAL = 100 (written at count 0); the count reaches it at period
	 * 1600; the clock jumped there instead of the core spinning */
	ck_assert_uint_eq(c->r[6], 100);
	ck_assert_uint_eq(c->r[7], 0);
	ck_assert(c->irq_line);
	ck_assert_uint_ge(m.clock.round_start, 1600);
	ck_assert_uint_eq(machine_total_icount(&m), 5000);
	/* lowering the enable drops the output at once */
	uint64_t ctl_v = 0;
	const struct sysreg *ctl = sysreg_by_name("CNTV_CTL");
	ck_assert_ptr_nonnull(ctl);
	ck_assert(sysreg_write(c, ctl, ctl_v).status == SR_DONE);
	ck_assert(!c->irq_line);
	machine_destroy(&m);
}
END_TEST

/* The time and the core's count when the timer's output rose. */
static uint64_t rose_at, rose_icount;
static struct machine *rose_machine;

static void timer_rise_logged(void *opaque, unsigned n, bool level)
{
	(void)n;
	struct cpu *c = opaque;
	if (level && !c->irq_line) {
		rose_at = timing_now(&rose_machine->clock);
		rose_icount = c->icount;
	}
	c->irq_line = level;
}

START_TEST(event_scheduled_inside_a_round_fires_on_time)
{
	/* the core arms its virtual timer 10 counts (160 periods) ahead
	 * and counts on with interrupts masked: the output rises at period
	 * 160, inside the first round, not at the round's end (period 1000,
	 * or the longer round of a one-core machine), and the core has run
	 * exactly to then */
	static const uint32_t code[] = {
		ARM_VIRTUAL_TIMER(10),
		0xe2855001, /* 1: add r5, r5, #1 */
		0xeafffffd, /* b 1b */
	};
	for (unsigned cores = 1; cores <= 2; cores++) {
		struct machine m;
		unit_machine(&m, &cortex_a15_model, cores, RAM_BASE, 0x10000,
			     ENTRY_SVC, RAM_BASE);
		put_code(&m, RAM_BASE, code, sizeof code / 4);
		struct cpu *c = &m.cpus[0];
		rose_machine = &m;
		rose_at = rose_icount = 0;
		irq_line_connect(&c->timer_out[CP15_TIMER_VIRT],
				 timer_rise_logged, c, 0);
		ck_assert_int_eq(machine_run(&m, 3000), STOP_BUDGET);
		/* TVAL written at period 1 (count 0): CVAL 10, due at 160 */
		ck_assert_uint_eq(rose_at, 160);
		ck_assert_uint_eq(rose_icount, 160);
		ck_assert(c->irq_line);
		machine_destroy(&m);
	}
}
END_TEST

START_TEST(one_core_runs_the_same_whatever_the_round_length)
{
	/* a one-core machine has nothing to interleave with: how long its
	 * rounds are must not show. Its timer interrupts every 10 counts
	 * (160 periods); the handler counts and sums the counter it reads.
	 * Taking an interrupt is a step that retires nothing (step.c): it
	 * takes no time, so the reads do not depend on how many round ends
	 * fell between them */
	static const uint32_t code[] = {
		0xea000006, /* 00 b start */
		0xeafffffe, 0xeafffffe, 0xeafffffe, 0xeafffffe, 0xeafffffe,
		0xea000009, /* 18 b irq */
		0xeafffffe,
		0xe3a00101, /* 20 start: mov r0, #0x40000000 */
		0xee0c0f10, /* 24 mcr p15, 0, r0, c12, c0, 0  VBAR */
		ARM_VIRTUAL_TIMER(10), /* 28..34 */
		0xf1080080, /* 38 cpsie i */
		0xe2855001, /* 3c 1: add r5, r5, #1 */
		0xeafffffd, /* 40 b 1b */
		0xe2866001, /* 44 irq: add r6, r6, #1 */
		0xec598f1e, /* 48 mrrc p15, 1, r8, r9, c14  CNTVCT */
		0xe0877008, /* 4c add r7, r7, r8 */
		0xe3a0000a, /* 50 mov r0, #10 */
		0xee0e0f13, /* 54 mcr CNTV_TVAL: the next in 10 counts */
		0xe25ef004, /* 58 subs pc, lr, #4 */
	};
	static const unsigned quanta[] = {1000, 37, 5};
	uint32_t r5[3], r6[3], r7[3];
	for (unsigned q = 0; q < 3; q++) {
		struct machine m;
		unit_machine(&m, &cortex_a15_model, 1, RAM_BASE, 0x10000,
			     ENTRY_SVC, RAM_BASE);
		m.cfg.quantum = quanta[q];
		put_code(&m, RAM_BASE, code, sizeof code / 4);
		struct cpu *c = &m.cpus[0];
		irq_line_connect(&c->timer_out[CP15_TIMER_VIRT], timer_to_irq,
				 c, 0);
		ck_assert_int_eq(machine_run(&m, 30000), STOP_BUDGET);
		r5[q] = c->r[5];
		r6[q] = c->r[6];
		r7[q] = c->r[7];
		machine_destroy(&m);
	}
	/* about 30000 / 166 interrupts */
	ck_assert_uint_ge(r6[0], 150);
	for (unsigned q = 1; q < 3; q++) {
		ck_assert_uint_eq(r5[q], r5[0]);
		ck_assert_uint_eq(r6[q], r6[0]);
		ck_assert_uint_eq(r7[q], r7[0]);
	}
}
END_TEST

START_TEST(cores_read_one_counter)
{
	/* both cores: burn 3200 instructions, then read CNTPCT */
	static const uint32_t code[] = {
		0xe3a00e32, /* mov r0, #800 (0x320) */
		0xe2500001, /* 1: subs r0, r0, #1 */
		0x1afffffd, /* bne 1b */
		0xec554f0e, /* mrrc p15, 0, r4, r5, c14  CNTPCT */
		0xeafffffe, /* b . */
	};
	struct machine m;
	unit_machine(&m, &cortex_a7_model, 2, RAM_BASE, 0x10000, ENTRY_SVC,
		     RAM_BASE);
	put_code(&m, RAM_BASE, code, 5);
	ck_assert_int_eq(machine_run(&m, 10000), STOP_BUDGET);
	/* each read at its own time: 1 + 2*800 instructions in, the same
	 * for both although core 1 runs after core 0 in every round */
	ck_assert_uint_eq(m.cpus[0].r[4], m.cpus[1].r[4]);
	ck_assert_uint_eq(m.cpus[0].r[4], 1601 / 16);
	machine_destroy(&m);
}
END_TEST

START_TEST(sev_from_later_core_wakes_earlier_core_in_wfe)
{
	static const uint32_t code[] = {
		0xe3a03101, /* 00 mov r3, #0x40000000 */
		0xe2833c01, /* 04 add r3, r3, #0x100  (the flag) */
		0xee100fb0, /* 08 mrc p15, 0, r0, c0, c0, 5  MPIDR */
		0xe2100003, /* 0c ands r0, r0, #3 */
		0x1a000007, /* 10 bne core1 (0x34) */
		0xe5932000, /* 14 loop: ldr r2, [r3] */
		0xe3520000, /* 18 cmp r2, #0 */
		0x1a000001, /* 1c bne done (0x28) */
		0xe320f002, /* 20 wfe */
		0xeafffffa, /* 24 b loop */
		0xe3a05055, /* 28 done: mov r5, #0x55 */
		0xe320f003, /* 2c wfi */
		0xeafffffd, /* 30 b 0x2c */
		0xe3a04001, /* 34 core1: mov r4, #1 */
		0xe5834000, /* 38 str r4, [r3] */
		0xf57ff04f, /* 3c dsb sy */
		0xe320f004, /* 40 sev */
		0xe320f003, /* 44 wfi */
		0xeafffffd, /* 48 b 0x44 */
	};
	struct machine m;
	unit_machine(&m, &cortex_a15_model, 2, RAM_BASE, 0x10000, ENTRY_HYP,
		     RAM_BASE);
	put_code(&m, RAM_BASE, code, sizeof code / 4);
	/* every core waits in the end: nothing can wake either */
	ck_assert_int_eq(machine_run(&m, 100000), STOP_HANG);
	ck_assert_uint_eq(m.cpus[1].r[4], 1);
	/* core 0 saw the event core 1 sent after core 0 had gone to WFE */
	ck_assert_uint_eq(m.cpus[0].r[5], 0x55);
	machine_destroy(&m);
}
END_TEST

START_TEST(split_runs_interleave_as_one)
{
	/* a run stopped by its budget and resumed gives the same state
	 * as one run: the round resumes where it stopped */
	static const uint32_t code[] = {
		0xe3a03101, /* mov r3, #0x40000000 */
		0xe2833c01, /* add r3, r3, #0x100 */
		0xee100fb0, /* mrc MPIDR -> r0 */
		0xe2000003, /* and r0, r0, #3 */
		0xe5932000, /* 1: ldr r2, [r3] */
		0xe0822000, /* add r2, r2, r0 */
		0xe2822001, /* add r2, r2, #1 */
		0xe5832000, /* str r2, [r3] */
		0xeafffffa, /* b 1b */
	};
	struct machine a, b;
	unit_machine(&a, &cortex_a15_model, 2, RAM_BASE, 0x10000, ENTRY_SVC,
		     RAM_BASE);
	unit_machine(&b, &cortex_a15_model, 2, RAM_BASE, 0x10000, ENTRY_SVC,
		     RAM_BASE);
	put_code(&a, RAM_BASE, code, 9);
	put_code(&b, RAM_BASE, code, 9);
	a.cfg.quantum = b.cfg.quantum = 100;
	ck_assert_int_eq(machine_run(&a, 2537), STOP_BUDGET);
	for (uint64_t n = 0; n < 2537;) {
		uint64_t step = 1 + n % 97;
		if (n + step > 2537)
			step = 2537 - n;
		n += step;
		ck_assert_int_eq(machine_run(&b, n), STOP_BUDGET);
	}
	uint32_t va, vb;
	memcpy(&va, bus_ram_ptr(&a.bus, RAM_BASE + 0x100, 4), 4);
	memcpy(&vb, bus_ram_ptr(&b.bus, RAM_BASE + 0x100, 4), 4);
	ck_assert_uint_eq(va, vb);
	ck_assert_uint_eq(a.cpus[0].icount, b.cpus[0].icount);
	ck_assert_uint_eq(a.cpus[1].icount, b.cpus[1].icount);
	ck_assert_uint_eq(a.clock.round_start, b.clock.round_start);
	machine_destroy(&a);
	machine_destroy(&b);
}
END_TEST

START_TEST(polling_core_not_hung_while_a_woken_core_will_run)
{
	/* core 0 polls a flag (no store: a no-progress loop on its own);
	 * core 1 waits in WFE and stores the flag when woken; core 2
	 * counts, then SEVs and waits. In the round of the SEV no core is
	 * running, but core 1 will: the hang detector must not declare
	 * core 0 hung (Xen's stop_machine_run waiting for cores in a
	 * spinlock's WFE did), nor in the next round, where core 1 stores
	 * the flag after core 0 has run: a store by any core is progress
	 * for a core that polls. */
	static const uint32_t code[] = {
		0xe3a03101, /* 00 mov r3, #0x40000000 */
		0xe2833c01, /* 04 add r3, r3, #0x100 */
		0xee100fb0, /* 08 mrc MPIDR -> r0 */
		0xe2000003, /* 0c and r0, r0, #3 */
		0xe3500001, /* 10 cmp r0, #1 */
		0x0a000007, /* 14 beq core1 (0x38) */
		0xe3500002, /* 18 cmp r0, #2 */
		0x0a00000a, /* 1c beq core2 (0x4c) */
		0xe5932000, /* 20 core0: ldr r2, [r3] */
		0xe3520000, /* 24 cmp r2, #0 */
		0x0afffffc, /* 28 beq 0x20 */
		0xe3a05055, /* 2c mov r5, #0x55 */
		0xe320f003, /* 30 wfi */
		0xeafffffd, /* 34 b 0x30 */
		0xe320f002, /* 38 core1: wfe */
		0xe3a04001, /* 3c mov r4, #1 */
		0xe5834000, /* 40 str r4, [r3] */
		0xe320f003, /* 44 wfi */
		0xeafffffd, /* 48 b 0x44 */
		0xe3a06801, /* 4c core2: mov r6, #0x10000 */
		0xe2566001, /* 50 subs r6, r6, #1 */
		0x1afffffd, /* 54 bne 0x50 */
		0xe320f004, /* 58 sev */
		0xe320f003, /* 5c wfi */
		0xeafffffd, /* 60 b 0x5c */
	};
	struct machine m;
	unit_machine(&m, &cortex_a15_model, 3, RAM_BASE, 0x10000, ENTRY_HYP,
		     RAM_BASE);
	put_code(&m, RAM_BASE, code, sizeof code / 4);
	ck_assert_ptr_nonnull(hang_detector_create(&m));
	ck_assert_int_eq(machine_run(&m, 2000000), STOP_HANG);
	/* the run ends only when every core waits for good */
	ck_assert_int_eq(hang_detector_kind(m.hang), HANG_WAIT_FOREVER);
	ck_assert_uint_eq(m.cpus[0].r[5], 0x55);
	machine_destroy(&m);
}
END_TEST

static Suite *timing_suite(void)
{
	Suite *s = suite_create("timing");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, events_fire_in_time_then_schedule_order);
	tcase_add_test(tc, counter_conversions_floor_and_ceiling);
	tcase_add_test(tc, waiting_core_wakes_at_timer_compare_value);
	tcase_add_test(tc, event_scheduled_inside_a_round_fires_on_time);
	tcase_add_test(tc, one_core_runs_the_same_whatever_the_round_length);
	tcase_add_test(tc, cores_read_one_counter);
	tcase_add_test(tc, sev_from_later_core_wakes_earlier_core_in_wfe);
	tcase_add_test(tc, split_runs_interleave_as_one);
	tcase_add_test(tc, polling_core_not_hung_while_a_woken_core_will_run);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(timing_suite)
