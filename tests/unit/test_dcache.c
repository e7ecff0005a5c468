/* The data-cache model (src/mmu/dcache.c): each core's L1 has its own
 * model's geometry, set/way maintenance is local and decoded with the
 * executing core's geometry, the L1s stay coherent with each other, and
 * the walks of a core model that says so (ID_MMFR3.CohWalk) see it. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "mmu/bus.h"
#include "mmu/cache_ops.h"
#include "mmu/dcache_model.h"
#include "sim/machine.h"
#include "sim/run_options.h"

#define RAM 0x40000000u
#define WB 0xffu /* Normal, Inner/Outer Write-Back */

static struct machine m;

static void build(const char *cpus)
{
	struct machine_config cfg = {
		.board = "bare",
		.mem_base = RAM,
		.mem_size = 1 << 20,
		.entry = ENTRY_HYP,
		.dcache_model = true,
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

static uint32_t mem32(uint64_t pa)
{
	uint32_t v;
	memcpy(&v, bus_ram_ptr(&m.bus, pa, 4), 4);
	return v;
}

static void store(struct cpu *c, uint64_t pa, uint32_t v)
{
	ck_assert(dcache_write(c, pa, 4, v, WB));
}

static uint32_t load(struct cpu *c, uint64_t pa)
{
	uint64_t v = 0;
	ck_assert(dcache_read(c, pa, 4, &v, WB));
	return (uint32_t)v;
}

/* The DCCSW/DCISW argument for level 1, set `set`, way `way` of a cache
 * with `ways` ways and 64-byte lines (B4.2.1). */
static uint32_t sw(unsigned ways, unsigned set, unsigned way)
{
	unsigned a = 32 - (unsigned)__builtin_clz(ways - 1);
	return (uint32_t)way << (32 - a) | (uint32_t)set << 6;
}

/* Software's full clean by set/way of its L1 (the CCSIDR loop). */
static void clean_all_by_set_way(struct cpu *c)
{
	uint32_t ccsidr = c->model->ccsidr[CSSELR_L1D];
	for (unsigned set = 0; set < ccsidr_sets(ccsidr); set++)
		for (unsigned way = 0; way < ccsidr_ways(ccsidr); way++)
			dcache_maintain(c, DC_CSW,
					sw(ccsidr_ways(ccsidr), set, way));
}

START_TEST(a7_behind_a15_decodes_set_way_with_its_geometry)
{
	build("cortex-a15x1,cortex-a7x1");
	struct cpu *a7 = &m.cpus[1];
	ck_assert_ptr_eq(a7->model, &cortex_a7_model);
	/* Four lines 8 KiB apart (128 sets x 64 bytes): one A7 set, ways
	 * 0-3 in fill order. In a 2-way 256-set cache they would not even
	 * share a set. */
	uint64_t pa[4];
	for (unsigned i = 0; i < 4; i++) {
		pa[i] = RAM + 0x10000 + 0x40 * 5 + i * 0x2000;
		store(a7, pa[i], 0xa7000000u + i);
	}
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 4);
	/* DCCSW set 5 way 3 of the A7's cache: the fourth line only. */
	dcache_maintain(a7, DC_CSW, sw(4, 5, 3));
	ck_assert_uint_eq(mem32(pa[3]), 0xa7000003u);
	for (unsigned i = 0; i < 3; i++)
		ck_assert_uint_eq(mem32(pa[i]), 0);
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 3);
}
END_TEST

START_TEST(full_clean_by_set_way_on_each_core_shape)
{
	build("cortex-a15x1,cortex-a7x1");
	struct cpu *a15 = &m.cpus[0], *a7 = &m.cpus[1];
	/* Lines all over both caches' index ranges (16 KiB apart and
	 * offset by set), then each core cleans its own L1 with its own
	 * CCSIDR loop: nothing dirty may remain. */
	for (unsigned i = 0; i < 64; i++) {
		store(a15, RAM + 0x20000 + i * 0x1040, 0x15000000u + i);
		store(a7, RAM + 0x60000 + i * 0x1040, 0x07000000u + i);
	}
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 128);
	clean_all_by_set_way(a7);
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 64);
	for (unsigned i = 0; i < 64; i++)
		ck_assert_uint_eq(mem32(RAM + 0x60000 + i * 0x1040),
				  0x07000000u + i);
	/* Set/way is local: the A15's lines are still dirty. */
	ck_assert_uint_eq(mem32(RAM + 0x20000), 0);
	clean_all_by_set_way(a15);
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 0);
	ck_assert_uint_eq(mem32(RAM + 0x20000 + 63 * 0x1040), 0x1500003fu);
}
END_TEST

START_TEST(l1s_are_coherent_and_dirty_data_stays_in_the_cache)
{
	build("cortex-a15x1,cortex-a7x1");
	struct cpu *a15 = &m.cpus[0], *a7 = &m.cpus[1];
	uint64_t pa = RAM + 0x30000;
	store(a15, pa, 0x11111111u);
	/* The A7 sees the A15's data; memory does not (no write-back on
	 * the transfer). */
	ck_assert_uint_eq(load(a7, pa), 0x11111111u);
	ck_assert_uint_eq(mem32(pa), 0);
	/* The A7's own set/way clean does not write the A15's dirty line. */
	clean_all_by_set_way(a7);
	ck_assert_uint_eq(mem32(pa), 0);
	/* A write by the A7 takes the line: the A15 reads the new value. */
	store(a7, pa, 0x22222222u);
	ck_assert_uint_eq(load(a15, pa), 0x22222222u);
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 1);
	/* Clean by MVA from the A15 (MMU off: VA = PA) reaches the A7's
	 * dirty copy. */
	dcache_maintain(a15, DC_CMVAC, (uint32_t)pa);
	ck_assert_uint_eq(mem32(pa), 0x22222222u);
	ck_assert_uint_eq(dcache_dirty_lines(m.bus.dcache), 0);
}
END_TEST

/* Code decoded from a page (its code-write generation marked, mmu/bus.h)
 * is stale once a write-back reaches its RAM, not before: the block
 * engine checks the generation, and the step engine fetches RAM. */
START_TEST(write_back_to_code_moves_its_generation)
{
	build("cortex-a15x1");
	struct cpu *c = &m.cpus[0];
	uint64_t pa = RAM + 0x40000;
	uint32_t *gen = bus_code_gen(&m.bus, bus_ram_ptr(&m.bus, pa, 4));
	ck_assert_ptr_nonnull(gen);
	uint32_t marked = bus_code_gen_mark(gen);
	store(c, pa, 0xe3a05009u);
	ck_assert_uint_eq(*gen, marked); /* still in the cache only */
	dcache_maintain(c, DC_CMVAC, (uint32_t)pa);
	ck_assert_uint_eq(mem32(pa), 0xe3a05009u);
	ck_assert_uint_ne(*gen, marked);
	ck_assert_uint_eq(*gen & 1u, 0); /* written: no code decoded since */
}
END_TEST

START_TEST(walks_see_the_cache_where_the_model_says)
{
	build("cortex-a15x1,cortex-a7x1");
	struct cpu *a15 = &m.cpus[0], *a7 = &m.cpus[1];
	uint64_t pa = RAM + 0x40000;
	store(a15, pa, 0xdeadbeefu);
	uint64_t v = 0;
	ck_assert(dcache_walk_read(a7, pa, 4, &v));
	ck_assert_uint_eq(v, 0xdeadbeefu);
	ck_assert_uint_eq(mem32(pa), 0);
	/* Every model's flag agrees with its ID_MMFR3.CohWalk. */
	for (unsigned i = 0; core_models[i]; i++) {
		const struct core_model *cm = core_models[i];
		ck_assert_msg(cm->coherent_walk ==
			      (((cm->id_mmfr[3] >> 20) & 0xfu) == 1),
			      "%s: coherent_walk disagrees with ID_MMFR3",
			      cm->name);
	}
}
END_TEST

static Suite *dcache_suite(void)
{
	Suite *s = suite_create("dcache");
	TCase *t = tcase_create("model");
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, a7_behind_a15_decodes_set_way_with_its_geometry);
	tcase_add_test(t, full_clean_by_set_way_on_each_core_shape);
	tcase_add_test(t, l1s_are_coherent_and_dirty_data_stays_in_the_cache);
	tcase_add_test(t, write_back_to_code_moves_its_generation);
	tcase_add_test(t, walks_see_the_cache_where_the_model_says);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(dcache_suite)
