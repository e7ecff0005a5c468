/* CP14 debug/DCC and Performance Monitors access rules and counting
 * through the coprocessor path (ARM DDI 0406C C11.11, C12, B4.1.66,
 * B4.1.117-B4.1.128): PL0 rules (PMUSERENR.EN, DBGDSCR.UDCCdis), HDCR.HPMN
 * partitioning, filtered lazy counting across a mode change, overflow and
 * the interrupt request, the DCC host hook, UNDEFINED trace encodings. */
#include <stdlib.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/pmu.h"
#include "cpu/cpu.h"

static struct cpu *cpu;

static void setup_mode(const struct core_model *m, unsigned mode, bool ns)
{
	if (!cpu)
		cpu = calloc(1, sizeof *cpu);
	else
		cpu_destroy(cpu);
	cpu_reset(cpu, m, NULL, 0);
	cpu->cp15.hvbar = 0x80000000u;
	cpu->cp15.vbar[0] = cpu->cp15.vbar[1] = 0x10000000u;
	if (ns)
		cpu->cp15.scr |= SCR_NS;
	cpu_set_mode(cpu, mode);
	cpu->r[15] = 0x40001000u;
	cpu->insn = 0xee110f10u;
	cpu->insn_size = 4;
}

static void teardown(void)
{
	if (cpu) {
		cpu_destroy(cpu);
		free(cpu);
		cpu = NULL;
	}
}

static enum exec_result rd(unsigned cp, unsigned o1, unsigned n, unsigned m,
			   unsigned o2, uint32_t *v)
{
	cpu->r[2] = 0xdeadbeefu;
	enum exec_result r = cpu_coproc_rt(cpu, cp, true, o1, n, m, o2, 2);
	if (v)
		*v = cpu->r[2];
	return r;
}

static enum exec_result wr(unsigned cp, unsigned o1, unsigned n, unsigned m,
			   unsigned o2, uint32_t v)
{
	cpu->r[2] = v;
	return cpu_coproc_rt(cpu, cp, false, o1, n, m, o2, 2);
}

START_TEST(pmu_pl0_needs_pmuserenr)
{
	uint32_t v;
	setup_mode(&cortex_a15_model, MODE_USR, true);
	ck_assert_int_eq(rd(15, 0, 9, 13, 0, &v), EXEC_EXCEPTION); /* PMCCNTR */
	ck_assert_uint_eq(cpu_mode(cpu), MODE_UND);
	setup_mode(&cortex_a15_model, MODE_USR, true);
	ck_assert_int_eq(rd(15, 0, 9, 14, 0, &v), EXEC_OK); /* PMUSERENR */
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(wr(15, 0, 9, 14, 0, 1), EXEC_EXCEPTION); /* PL1 only */
	setup_mode(&cortex_a15_model, MODE_USR, true);
	cpu->cp15.pmuserenr = 1;
	ck_assert_int_eq(rd(15, 0, 9, 13, 0, &v), EXEC_OK);
	/* PMINTENSET stays PL1-only */
	ck_assert_int_eq(rd(15, 0, 9, 14, 1, &v), EXEC_EXCEPTION);
}
END_TEST

START_TEST(pmu_hpmn_partition)
{
	uint32_t v;
	setup_mode(&cortex_a7_model, MODE_SVC, true);
	cpu->cp15.hdcr = 2; /* HPMN = 2 of the A7's 4 */
	ck_assert_int_eq(rd(15, 0, 9, 12, 0, &v), EXEC_OK);
	ck_assert_uint_eq((v >> 11) & 0x1f, 2);
	ck_assert_int_eq(wr(15, 0, 9, 12, 1, 0xffffffffu), EXEC_OK);
	ck_assert_int_eq(rd(15, 0, 9, 12, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000003u);
	ck_assert_uint_eq(cpu->cp15.pmcnten, 0x80000003u);
	/* Hyp sees all four */
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_int_eq(rd(15, 0, 9, 12, 0, &v), EXEC_OK);
	ck_assert_uint_eq((v >> 11) & 0x1f, 4);
}
END_TEST

/* INST_RETIRED at PL1 only: instructions retired in SVC count, those
 * after a mode change to User do not; the change goes through
 * cpu_write_cpsr_by_instr (CPS/MSR), which calls the PMU hook first, so
 * the count read from User mode is exact (without the hook the whole
 * window would be filtered as User: 0). */
START_TEST(pmu_filter_across_mode_change)
{
	uint32_t v;
	setup_mode(&cortex_a15_model, MODE_SVC, true);
	cpu->cp15.pmuserenr = 1; /* the read below is made from User mode */
	ck_assert_int_eq(wr(15, 0, 9, 12, 5, 0), EXEC_OK);          /* PMSELR */
	ck_assert_int_eq(wr(15, 0, 9, 13, 1, 0x40000008u), EXEC_OK); /* U */
	ck_assert_int_eq(wr(15, 0, 9, 12, 0, 1), EXEC_OK);          /* E */
	ck_assert_int_eq(wr(15, 0, 9, 12, 1, 1), EXEC_OK);          /* cnt 0 */
	cpu->icount += 10; /* the MCR and nine more SVC instructions */
	cpu_write_cpsr_by_instr(cpu, MODE_USR, 1); /* CPS: the 11th, at PL1 */
	cpu->icount += 1;
	cpu->icount += 5; /* five User instructions */
	ck_assert_uint_eq(cpu_mode(cpu), MODE_USR);
	ck_assert_int_eq(rd(15, 0, 9, 13, 2, &v), EXEC_OK); /* PMXEVCNTR */
	ck_assert_uint_eq(v, 11);
	/* an exception taken from User (SVC) is a mode change too: the SVC
	 * itself counts at PL0 (filtered out), the handler at PL1 */
	cpu->icount += 2;
	cpu_svc(cpu, 0);
	cpu->icount += 1; /* the SVC retires */
	cpu->icount += 3; /* three handler instructions */
	ck_assert_uint_eq(cpu_mode(cpu), MODE_SVC);
	ck_assert_int_eq(rd(15, 0, 9, 13, 2, &v), EXEC_OK);
	ck_assert_uint_eq(v, 14);
}
END_TEST

START_TEST(pmu_overflow_irq)
{
	uint32_t v;
	setup_mode(&cortex_a15_model, MODE_SVC, true);
	ck_assert_int_eq(wr(15, 0, 9, 13, 0, 0xfffffffeu), EXEC_OK); /* CCNT */
	ck_assert_int_eq(wr(15, 0, 9, 14, 1, 0x80000000u), EXEC_OK); /* INTEN */
	ck_assert_int_eq(rd(15, 0, 9, 12, 5, &v), EXEC_OK);
	cpu->cp15.pmccfiltr = 0; /* count in every PL1/PL0 state */
	ck_assert_int_eq(wr(15, 0, 9, 12, 0, 1), EXEC_OK);
	ck_assert_int_eq(wr(15, 0, 9, 12, 1, 0x80000000u), EXEC_OK);
	ck_assert(!pmu_irq_asserted(cpu));
	cpu->icount += 2;
	ck_assert(pmu_irq_asserted(cpu)); /* seen before any register read */
	ck_assert_int_eq(rd(15, 0, 9, 12, 3, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000000u);
	ck_assert_int_eq(rd(15, 0, 9, 13, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(wr(15, 0, 9, 12, 3, 0x80000000u), EXEC_OK); /* clear */
	ck_assert(!pmu_irq_asserted(cpu));
}
END_TEST

static uint32_t dcc_seen[8];
static unsigned dcc_n;
static void dcc_hook(struct cpu *c, uint32_t w)
{
	(void)c;
	if (dcc_n < 8)
		dcc_seen[dcc_n++] = w;
}

START_TEST(dcc_rules_and_host)
{
	uint32_t v;
	setup_mode(&cortex_a15_model, MODE_USR, true);
	/* default: no host, TX accepted and dropped, TXfull stays 0 */
	ck_assert_int_eq(wr(14, 0, 0, 5, 0, 'a'), EXEC_OK);
	ck_assert_int_eq(rd(14, 0, 0, 1, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v & 0x60000000u, 0);
	cpu->dcc_tx = dcc_hook;
	dcc_n = 0;
	ck_assert_int_eq(wr(14, 0, 0, 5, 0, 'h'), EXEC_OK);
	ck_assert_int_eq(wr(14, 0, 0, 5, 0, 'i'), EXEC_OK);
	ck_assert_uint_eq(dcc_n, 2);
	ck_assert_uint_eq(dcc_seen[1], 'i');
	/* UDCCdis makes the DCC UNDEFINED at PL0 */
	cpu->cp15.dbgdscr |= 1u << 12;
	ck_assert_int_eq(wr(14, 0, 0, 5, 0, 'x'), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_UND);
	ck_assert_uint_eq(dcc_n, 2);
	/* HDCR.TDA traps it from Non-secure PL1 (EC 0x05) */
	setup_mode(&cortex_a15_model, MODE_SVC, true);
	cpu->cp15.hdcr |= 1u << 9;
	ck_assert_int_eq(wr(14, 0, 0, 5, 0, 'y'), EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_HYP);
	ck_assert_uint_eq(cpu->cp15.hsr >> 26, 0x05);
}
END_TEST

START_TEST(trace_and_devid)
{
	uint32_t v;
	/* no CP14 trace interface (ID_DFR0[15:12] = 0): UNDEFINED */
	setup_mode(&cortex_a15_model, MODE_SVC, true);
	ck_assert_int_eq(rd(14, 1, 0, 9, 7, &v), EXEC_EXCEPTION); /* ETMIDR */
	ck_assert_uint_eq(cpu_mode(cpu), MODE_UND);
	setup_mode(&cortex_a7_model, MODE_SVC, true);
	ck_assert_int_eq(rd(14, 0, 7, 2, 7, &v), EXEC_OK); /* DBGDEVID */
	ck_assert_uint_eq(v, 0x01110f13u);
	ck_assert_int_eq(rd(14, 0, 7, 1, 7, &v), EXEC_OK); /* DBGDEVID1 */
	ck_assert_uint_eq(v, 1);
}
END_TEST

static Suite *cp14_pmu_suite(void)
{
	Suite *s = suite_create("cp14_pmu");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, pmu_pl0_needs_pmuserenr);
	tcase_add_test(tc, pmu_hpmn_partition);
	tcase_add_test(tc, pmu_filter_across_mode_change);
	tcase_add_test(tc, pmu_overflow_irq);
	tcase_add_test(tc, dcc_rules_and_host);
	tcase_add_test(tc, trace_and_devid);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(cp14_pmu_suite)
