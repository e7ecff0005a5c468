/* The L1 I-cache model: fills capture memory, data writes leave lines
 * stale, and which lines each maintenance operation reaches follows the
 * core model's policy (src/mmu/icache.c, cortex_a15.c, cortex_a7.c). */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "mmu/bus.h"
#include "mmu/cache_ops.h"
#include "mmu/icache_model.h"
#include "sim/machine.h"
#include "sim/run_options.h"

#define RAM 0x40000000u

static struct machine m;

static void build(const char *cpus, enum entry_state entry)
{
	struct machine_config cfg = {
		.board = "bare",
		.mem_base = RAM,
		.mem_size = 1 << 20,
		.entry = entry,
		.icache_model = true,
		.cache_seed = 1,
	};
	char err[160];
	ck_assert_msg(run_parse_cpus(&cfg, cpus, err, sizeof err), "%s", err);
	ck_assert_msg(machine_init(&m, &cfg, err, sizeof err), "%s", err);
	machine_reset(&m, RAM);
}

static void teardown(void)
{
	machine_destroy(&m);
}

static void poke(uint32_t pa, uint32_t v)
{
	uint8_t *p = bus_ram_ptr(&m.bus, pa, 4);
	memcpy(p, &v, 4);
}

static uint32_t fetch(struct cpu *cpu, uint32_t addr)
{
	uint32_t v = 0;
	ck_assert(icache_fetch(cpu, addr, addr, 4, &v));
	return v;
}

/* HYP fills a line; SVC then writes new code and does ICIALLU at NS PL1;
 * HYP fetches again. Returns what HYP sees. */
static uint32_t hyp_line_after_ns_pl1_iciallu(struct cpu *cpu)
{
	poke(RAM + 0x100, 0x11111111);
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x100), 0x11111111);
	poke(RAM + 0x100, 0x22222222); /* a data write: the line keeps 1s */
	ck_assert_uint_eq(fetch(cpu, RAM + 0x100), 0x11111111);
	cpu_set_mode(cpu, MODE_SVC);
	icache_invalidate_all(cpu, false);
	cpu_set_mode(cpu, MODE_HYP);
	return fetch(cpu, RAM + 0x100);
}

START_TEST(a15_ns_pl1_iciallu_reaches_hyp_lines)
{
	build("cortex-a15", ENTRY_HYP);
	ck_assert_uint_eq(hyp_line_after_ns_pl1_iciallu(&m.cpus[0]), 0x22222222);
}
END_TEST

START_TEST(a7_ns_pl1_iciallu_leaves_hyp_lines)
{
	build("cortex-a7", ENTRY_HYP);
	ck_assert_uint_eq(hyp_line_after_ns_pl1_iciallu(&m.cpus[0]), 0x11111111);
	/* and an ICIALLU issued in HYP reaches them */
	icache_invalidate_all(&m.cpus[0], false);
	ck_assert_uint_eq(fetch(&m.cpus[0], RAM + 0x100), 0x22222222);
}
END_TEST

START_TEST(a7_lines_are_per_regime)
{
	/* A PL1&0 fill does not serve HYP on the A7 (regime-tagged lines). */
	build("cortex-a7", ENTRY_HYP);
	struct cpu *cpu = &m.cpus[0];
	poke(RAM + 0x200, 0xaaaaaaaa);
	cpu_set_mode(cpu, MODE_SVC);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x200), 0xaaaaaaaa);
	poke(RAM + 0x200, 0xbbbbbbbb);
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x200), 0xbbbbbbbb); /* a miss */
	cpu_set_mode(cpu, MODE_SVC);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x200), 0xaaaaaaaa); /* its own line */
}
END_TEST

START_TEST(a15_lines_are_shared_by_regimes)
{
	build("cortex-a15", ENTRY_HYP);
	struct cpu *cpu = &m.cpus[0];
	poke(RAM + 0x200, 0xaaaaaaaa);
	cpu_set_mode(cpu, MODE_SVC);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x200), 0xaaaaaaaa);
	poke(RAM + 0x200, 0xbbbbbbbb);
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_uint_eq(fetch(cpu, RAM + 0x200), 0xaaaaaaaa); /* PIPT hit */
}
END_TEST

START_TEST(iciallu_is_local_icialluis_broadcast)
{
	build("cortex-a15x2", ENTRY_SVC);
	struct cpu *c0 = &m.cpus[0], *c1 = &m.cpus[1];
	poke(RAM + 0x300, 0x1);
	ck_assert_uint_eq(fetch(c1, RAM + 0x300), 0x1);
	poke(RAM + 0x300, 0x2);
	icache_invalidate_all(c0, false);
	ck_assert_uint_eq(fetch(c1, RAM + 0x300), 0x1); /* not reached */
	icache_invalidate_all(c0, true);
	ck_assert_uint_eq(fetch(c1, RAM + 0x300), 0x2);
}
END_TEST

START_TEST(hcr_fb_makes_iciallu_broadcast)
{
	build("cortex-a15x2", ENTRY_SVC);
	struct cpu *c0 = &m.cpus[0], *c1 = &m.cpus[1];
	poke(RAM + 0x300, 0x1);
	ck_assert_uint_eq(fetch(c1, RAM + 0x300), 0x1);
	poke(RAM + 0x300, 0x2);
	c0->cp15.hcr |= HCR_FB;
	icache_invalidate_all(c0, false);
	ck_assert_uint_eq(fetch(c1, RAM + 0x300), 0x2);
}
END_TEST

START_TEST(vipt_icimvau_misses_an_alias)
{
	/* A7 way size 16 KiB > 4 KiB pages: VA bits [13:12] index. A line
	 * filled through VA X is not found by ICIMVAU through an alias VA Y
	 * of the same PA with other index bits. With the MMU off VA = PA,
	 * so fill at PA (index from PA) and invalidate by the same VA: it
	 * is removed; the set index is what the VA selects. */
	build("cortex-a7", ENTRY_SVC);
	struct cpu *cpu = &m.cpus[0];
	poke(RAM + 0x1000, 0x5);
	uint32_t v = 0;
	/* fill through "VA" 0x40003000 for PA 0x40001000 */
	ck_assert(icache_fetch(cpu, RAM + 0x3000, RAM + 0x1000, 4, &v));
	ck_assert_uint_eq(v, 0x5);
	poke(RAM + 0x1000, 0x6);
	icache_invalidate_mva(cpu, RAM + 0x1000); /* VA = PA: another set */
	ck_assert(icache_fetch(cpu, RAM + 0x3000, RAM + 0x1000, 4, &v));
	ck_assert_uint_eq(v, 0x5); /* the alias line survived */
}
END_TEST

START_TEST(i_bit_clear_means_no_lookup)
{
	build("cortex-a15", ENTRY_SVC);
	struct cpu *cpu = &m.cpus[0];
	cpu->cp15.sctlr[1] &= ~SCTLR_I;
	ck_assert(!icache_fetch_cacheable(cpu, false, 0xaa));
	cpu->cp15.sctlr[1] |= SCTLR_I;
	ck_assert(icache_fetch_cacheable(cpu, false, 0xaa));
	/* MMU on: the page attributes decide */
	ck_assert(!icache_fetch_cacheable(cpu, true, 0x44));
	ck_assert(icache_fetch_cacheable(cpu, true, 0xff));
}
END_TEST

static Suite *icache_suite(void)
{
	Suite *s = suite_create("icache");
	TCase *t = tcase_create("policy");
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, a15_ns_pl1_iciallu_reaches_hyp_lines);
	tcase_add_test(t, a7_ns_pl1_iciallu_leaves_hyp_lines);
	tcase_add_test(t, a7_lines_are_per_regime);
	tcase_add_test(t, a15_lines_are_shared_by_regimes);
	tcase_add_test(t, iciallu_is_local_icialluis_broadcast);
	tcase_add_test(t, hcr_fb_makes_iciallu_broadcast);
	tcase_add_test(t, vipt_icimvau_misses_an_alias);
	tcase_add_test(t, i_bit_clear_means_no_lookup);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(icache_suite)
