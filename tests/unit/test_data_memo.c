/* The data memo of src/cpu/memory.c (cpu_read_fast / cpu_write_fast in
 * cpu.h): it may skip only what is provably not needed. Each test fills
 * the memo with an access, changes what the memo must notice, and checks
 * the second access did not take the shortcut: an observer attached
 * later sees the access, another core's exclusive monitor is cleared by
 * a store, a big-endian access goes the full way, an unaligned one faults, and an
 * unprivileged (LDRT) access is not answered from a privileged one. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "mmu/bus.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00100000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)

static struct machine tm;

static void init(unsigned cores)
{
	unit_machine(&tm, &cortex_a15_model, cores, RAM_BASE,
		     RAM_SIZE, ENTRY_SVC, CODE);
}

static void setup1(void)
{
	init(1);
}

static void setup2(void)
{
	init(2);
}

static void poke_word(uint32_t pa, uint32_t v)
{
	uint8_t *p = bus_ram_ptr(&tm.bus, pa, 4);
	ck_assert_ptr_nonnull(p);
	memcpy(p, &v, 4);
}

/* two cores, RAM for two pages a whole store-memo page index apart */
static void setup2_big(void)
{
	unit_machine(&tm, &cortex_a15_model, 2, RAM_BASE,
		     2u * STORE_MEMO_PAGE_SLOTS * 0x1000u, ENTRY_SVC, CODE);
}

static void teardown(void)
{
	machine_destroy(&tm);
}

static unsigned seen;
static void count_access(void *ctx, struct cpu *cpu, uint32_t va,
			 uint64_t pa, unsigned size, uint64_t val,
			 bool is_write)
{
	(void)ctx, (void)cpu, (void)va, (void)pa, (void)size, (void)val,
		(void)is_write;
	seen++;
}

START_TEST(test_observer_attached_later_sees_accesses)
{
	struct cpu *c = &tm.cpus[0];
	uint32_t v;
	ck_assert(cpu_write_fast(c, DATA, 4, 0x1234, 0));
	ck_assert(cpu_read_fast(c, DATA, 4, &v, 0)); /* fills both */
	ck_assert(cpu_read_fast(c, DATA, 4, &v, 0));
	ck_assert_uint_eq(v, 0x1234);
	struct cpu_observer obs = {.mem_access = count_access};
	seen = 0;
	cpu_add_observer(c, &obs);
	ck_assert(cpu_read_fast(c, DATA + 4, 4, &v, 0));
	ck_assert(cpu_write_fast(c, DATA + 8, 4, 7, 0));
	ck_assert_uint_eq(seen, 2);
	cpu_remove_observer(c, &obs);
}
END_TEST

START_TEST(test_store_clears_other_cores_monitor)
{
	struct cpu *c0 = &tm.cpus[0], *c1 = &tm.cpus[1];
	uint64_t v;
	uint32_t status;
	/* core 1 stores twice to the page, so a write memo would be warm */
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 1, 0));
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 2, 0));
	ck_assert(cpu_load_exclusive(c0, DATA, 4, &v));
	ck_assert(cpu_write_fast(c1, DATA, 4, 3, 0));
	ck_assert(cpu_store_exclusive(c0, DATA, 4, 9, &status));
	ck_assert_msg(status == 1, "STREX succeeded after another core's store");
	/* with no monitor open, core 1's stores to the page take the memo
	 * (a machine of two cores is not slower for it) */
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 4, 0));
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 5, 0));
	uint8_t *page;
	ck_assert(cpu_write_memo_page(c1, DATA + 0x40, 4, &page));
	/* a monitor opened in the page sends every store to it the full
	 * way, even after a store elsewhere in the page moved the page's
	 * generation */
	ck_assert(cpu_load_exclusive(c0, DATA + 0x80, 4, &v));
	ck_assert(!cpu_write_memo_page(c1, DATA + 0x40, 4, &page));
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 6, 0));
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 7, 0));
	ck_assert(cpu_write_fast(c1, DATA + 0x80, 4, 8, 0));
	ck_assert(cpu_store_exclusive(c0, DATA + 0x80, 4, 9, &status));
	ck_assert_msg(status == 1, "STREX succeeded after another core's "
				   "store through the memo");
	/* closed: the page's stores take the memo again after one store */
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 10, 0));
	ck_assert(cpu_write_memo_page(c1, DATA + 0x40, 4, &page));
	/* core 0's own exclusive pair in the page, undisturbed, passes */
	ck_assert(cpu_load_exclusive(c0, DATA + 0x80, 4, &v));
	ck_assert_uint_eq(v, 8);
	ck_assert(cpu_write_fast(c1, DATA + 0x40, 4, 11, 0));
	ck_assert(cpu_store_exclusive(c0, DATA + 0x80, 4, 12, &status));
	ck_assert_uint_eq(status, 0);
}
END_TEST

/* A monitor opened in a page empties the store memo entries of that page
 * only (cpu_code_gen_mark): another page's entry still answers, in the
 * core that opened it and in the others, and the page's own entries do
 * not.                                                                 */
START_TEST(test_monitor_forgets_only_its_pages_store_entries)
{
	struct cpu *c0 = &tm.cpus[0], *c1 = &tm.cpus[1];
	const uint32_t other = DATA + 0x3000u;
	uint8_t *page;
	uint64_t v;
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *c = k ? c1 : c0;
		ck_assert(cpu_write_fast(c, DATA + 0x40, 4, 1, 0));
		ck_assert(cpu_write_fast(c, DATA + 0x40, 4, 2, 0));
		ck_assert(cpu_write_fast(c, other, 4, 1, 0));
		ck_assert(cpu_write_fast(c, other, 4, 2, 0));
		ck_assert(cpu_write_memo_page(c, DATA + 0x40, 4, &page));
		ck_assert(cpu_write_memo_page(c, other, 4, &page));
	}
	ck_assert(cpu_load_exclusive(c0, DATA, 4, &v));
	for (unsigned k = 0; k < 2; k++) {
		struct cpu *c = k ? c1 : c0;
		ck_assert(!cpu_write_memo_page(c, DATA + 0x40, 4, &page));
		ck_assert(cpu_write_memo_page(c, other, 4, &page));
	}
}
END_TEST

/* Sections (short descriptors, Normal write-back, full access) mapping
 * the 32 MiB of RAM flat, and VA section `va_mb` to PA section `pa_mb`,
 * for both cores (both Security states' registers). */
static void map_sections(uint32_t va_mb, uint32_t pa_mb)
{
	const uint32_t l1 = RAM_BASE + 0x100000u;
	for (uint32_t mb = 0; mb < 32; mb++) {
		const uint32_t sec = (RAM_BASE >> 20) + mb;
		poke_word(l1 + 4 * sec, sec << 20 | 3u << 10 | 3u << 2 | 2u);
	}
	poke_word(l1 + 4 * va_mb, pa_mb << 20 | 3u << 10 | 3u << 2 | 2u);
	for (unsigned k = 0; k < 2; k++) {
		unit_short_mmu_on(&tm.cpus[k], l1);
		cpu_memo_ctx_update(&tm.cpus[k]);
	}
}

/* Stores to both pages through core 1's store memo, checked there, then
 * a monitor core 0 opens in the first: core 1's entry for it is gone
 * (its stores take the full way, and clear the monitor), and the
 * second's entry answers only when it is another page (alias: it is
 * the same page under another VA, and is gone too). */
static void forget_with_two_entries(uint32_t va1, uint32_t va2, bool alias)
{
	struct cpu *c0 = &tm.cpus[0], *c1 = &tm.cpus[1];
	uint8_t *page;
	uint64_t v;
	uint32_t status;
	/* (a memo index each: VA[20:12]) */
	ck_assert_uint_ne((va1 >> 12) % DATA_MEMO_ENTRIES,
			  (va2 >> 12) % DATA_MEMO_ENTRIES);
	for (unsigned r = 0; r < 2; r++) {
		ck_assert(cpu_write_fast(c1, va1 + 0x40, 4, r, 0));
		ck_assert(cpu_write_fast(c1, va2 + 0x40, 4, r, 0));
	}
	ck_assert(cpu_write_memo_page(c1, va1 + 0x40, 4, &page));
	ck_assert(cpu_write_memo_page(c1, va2 + 0x40, 4, &page));
	ck_assert(cpu_load_exclusive(c0, va1, 4, &v));
	ck_assert(!cpu_write_memo_page(c1, va1 + 0x40, 4, &page));
	ck_assert(cpu_write_memo_page(c1, va2 + 0x40, 4, &page) == !alias);
	ck_assert(cpu_write_fast(c1, alias ? va2 : va1, 4, 5, 0));
	ck_assert(cpu_store_exclusive(c0, va1, 4, 9, &status));
	ck_assert_msg(status == 1, "STREX succeeded after another core's "
				   "store through a forgotten entry");
}

/* The page under two VAs in one core's store memo: both entries go
 * (the slot's hint names one, its count the other). */
START_TEST(test_monitor_forgets_every_va_of_its_page)
{
	map_sections(0x501, RAM_BASE >> 20);
	forget_with_two_entries(DATA, 0x50100000u | (DATA & 0xfffffu), true);
}
END_TEST

/* Two pages whose host pages share a slot of the store memo's page index
 * (STORE_MEMO_PAGE_SLOTS pages apart in RAM, one host allocation; a
 * memo index each only through the MMU): a monitor opened in the one
 * entered first is found although the slot's hint names the other, whose
 * entry stays. */
START_TEST(test_monitor_forgets_a_page_that_shares_its_slot)
{
	const uint32_t twin = DATA + STORE_MEMO_PAGE_SLOTS * 0x1000u;
	map_sections(0x501, twin >> 20);
	forget_with_two_entries(DATA, 0x50100000u | (twin & 0xfffffu), false);
}
END_TEST

START_TEST(test_big_endian_and_unaligned_take_the_full_path)
{
	struct cpu *c = &tm.cpus[0];
	uint32_t v;
	ck_assert(cpu_write_fast(c, DATA, 4, 0x11223344, 0));
	ck_assert(cpu_read_fast(c, DATA, 4, &v, 0));
	/* SETEND BE, and the next instruction's start (step_one, or the
	 * block engine after an impure instruction) */
	c->cpsr |= CPSR_E;
	cpu_memo_ctx_update(c);
	ck_assert(cpu_read_fast(c, DATA, 4, &v, 0));
	ck_assert_uint_eq(v, 0x44332211);
	ck_assert(cpu_read_fast(c, DATA, 2, &v, 0));
	ck_assert_uint_eq(v, 0x4433);
	c->cpsr &= ~CPSR_E;
}
END_TEST

/* An unaligned access on a warm page is not answered from the memo: with
 * the MMU off data accesses are Strongly-ordered (B3.2.1), where an
 * unaligned access is an alignment fault (A3.2.1). */
START_TEST(test_alignment_fault_on_warm_page)
{
	struct cpu *c = &tm.cpus[0];
	uint32_t v;
	ck_assert(cpu_read_fast(c, DATA, 4, &v, 0));
	ck_assert(cpu_read_fast(c, DATA + 4, 4, &v, 0));
	ck_assert(!cpu_read_fast(c, DATA + 2, 4, &v, 0));
	ck_assert_uint_eq(cpu_mode(c), MODE_ABT);
}
END_TEST

static Suite *data_memo_suite(void)
{
	Suite *s = suite_create("data_memo");
	TCase *one = tcase_create("one core");
	tcase_add_checked_fixture(one, setup1, teardown);
	tcase_add_test(one, test_observer_attached_later_sees_accesses);
	tcase_add_test(one, test_big_endian_and_unaligned_take_the_full_path);
	tcase_add_test(one, test_alignment_fault_on_warm_page);
	suite_add_tcase(s, one);
	TCase *two = tcase_create("two cores");
	tcase_add_checked_fixture(two, setup2, teardown);
	tcase_add_test(two, test_store_clears_other_cores_monitor);
	tcase_add_test(two, test_monitor_forgets_only_its_pages_store_entries);
	suite_add_tcase(s, two);
	TCase *big = tcase_create("two cores, 32 MiB");
	tcase_add_checked_fixture(big, setup2_big, teardown);
	tcase_add_test(big, test_monitor_forgets_every_va_of_its_page);
	tcase_add_test(big, test_monitor_forgets_a_page_that_shares_its_slot);
	suite_add_tcase(s, big);
	return s;
}

CHECK_MAIN(data_memo_suite)
