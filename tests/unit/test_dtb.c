/* The virt board's device tree (src/devices/dtb.c) read back with
 * libfdt: nodes, compatibles, reg values, interrupts and their CPU masks,
 * /chosen; /chosen updates of a DTB; malformed DTBs refused. */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "devices/board.h"
#include "devices/dtb.h"

static struct dtb_params params(unsigned n_cpus)
{
	static const uint32_t mpidr4[] = {0x000, 0x001, 0x100, 0x101};
	struct dtb_params p = {
		.board = board_find("virt"),
		.mem_base = 0x40000000,
		.mem_size = 256u << 20,
		.n_cpus = n_cpus,
		.psci_method = "hvc",
	};
	ck_assert_ptr_nonnull(p.board);
	for (unsigned i = 0; i < n_cpus; i++) {
		p.cpus[i].compatible = i < 2 ? "arm,cortex-a15"
					     : "arm,cortex-a7";
		p.cpus[i].mpidr = n_cpus == 4 ? mpidr4[i] : i;
	}
	return p;
}

static void *build(const struct dtb_params *p, size_t *size)
{
	void *blob = NULL;
	char err[200] = "";
	ck_assert_msg(dtb_build(p, &blob, size, err, sizeof err), "%s", err);
	ck_assert_int_eq(fdt_check_full(blob, *size), 0);
	ck_assert_uint_eq(fdt_totalsize(blob), *size);
	return blob;
}

static int node(const void *fdt, const char *path)
{
	int off = fdt_path_offset(fdt, path);
	ck_assert_msg(off >= 0, "%s: %s", path, fdt_strerror(off));
	return off;
}

static const char *str(const void *fdt, const char *path, const char *prop)
{
	const char *s = fdt_getprop(fdt, node(fdt, path), prop, NULL);
	ck_assert_msg(s != NULL, "%s has no %s", path, prop);
	return s;
}

/* The property's cells; its length in cells goes to *n. */
static const fdt32_t *cells(const void *fdt, const char *path,
			    const char *prop, int *n)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node(fdt, path), prop, &len);
	ck_assert_msg(v != NULL, "%s has no %s", path, prop);
	ck_assert_int_eq(len % 4, 0);
	*n = len / 4;
	return v;
}

static uint32_t cell(const void *fdt, const char *path, const char *prop)
{
	int n;
	const fdt32_t *v = cells(fdt, path, prop, &n);
	ck_assert_int_eq(n, 1);
	return fdt32_to_cpu(v[0]);
}

/* Check a property holds exactly the expected cells. */
static void expect_cells(const void *fdt, const char *path, const char *prop,
			 const uint32_t *want, int n_want)
{
	int n;
	const fdt32_t *v = cells(fdt, path, prop, &n);
	ck_assert_msg(n == n_want, "%s %s: %d cells, want %d", path, prop, n,
		      n_want);
	for (int i = 0; i < n; i++)
		ck_assert_msg(fdt32_to_cpu(v[i]) == want[i],
			      "%s %s[%d] = 0x%x, want 0x%x", path, prop, i,
			      fdt32_to_cpu(v[i]), want[i]);
}

/* A string list property equals `list` (NUL-separated, `len` bytes). */
static void expect_strlist(const void *fdt, const char *path,
			   const char *prop, const char *list, int len)
{
	int got;
	const void *v = fdt_getprop(fdt, node(fdt, path), prop, &got);
	ck_assert_msg(v != NULL, "%s has no %s", path, prop);
	ck_assert_int_eq(got, len);
	ck_assert(memcmp(v, list, (size_t)len) == 0);
}
#define EXPECT_STRLIST(fdt, path, prop, lit)                               \
	expect_strlist(fdt, path, prop, lit, (int)sizeof(lit))

START_TEST(board_table)
{
	const struct board_desc *b = board_find("virt");
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(board_find("nosuch"));
	ck_assert_uint_eq(b->ram_base, 0x40000000);
	ck_assert_uint_eq(b->ram_base + b->ram_max, 0x100000000ull);
	ck_assert_uint_eq(board_device(b, BOARD_DEV_GICH)->base, 0x08030000);
	ck_assert_int_eq(board_device(b, BOARD_DEV_PL031)->spi, 2);
	ck_assert_uint_eq(BOARD_PPI_ID(b->ppi.maintenance), 25);
	ck_assert_uint_eq(BOARD_PPI_ID(b->ppi.ns_phys_timer), 30);
	ck_assert_uint_eq(BOARD_SPI_ID(board_device(b, BOARD_DEV_PL011)->spi),
			  33);
	ck_assert_uint_eq(b->gic_ids, 288);
}
END_TEST

START_TEST(one_cpu_tree)
{
	struct dtb_params p = params(1);
	p.psci_method = "smc";
	size_t size;
	void *fdt = build(&p, &size);

	ck_assert_str_eq(str(fdt, "/", "compatible"), "linux,dummy-virt");
	ck_assert_uint_eq(cell(fdt, "/", "#address-cells"), 2);
	ck_assert_uint_eq(cell(fdt, "/", "#size-cells"), 2);
	uint32_t gic_ph = cell(fdt, "/intc@8000000", "phandle");
	ck_assert_uint_eq(cell(fdt, "/", "interrupt-parent"), gic_ph);

	const uint32_t mem[] = {0, 0x40000000, 0, 0x10000000};
	expect_cells(fdt, "/memory@40000000", "reg", mem, 4);
	ck_assert_str_eq(str(fdt, "/memory@40000000", "device_type"),
			 "memory");

	ck_assert_str_eq(str(fdt, "/cpus/cpu@0", "compatible"),
			 "arm,cortex-a15");
	ck_assert_str_eq(str(fdt, "/cpus/cpu@0", "device_type"), "cpu");
	ck_assert_str_eq(str(fdt, "/cpus/cpu@0", "enable-method"), "psci");
	ck_assert_uint_eq(cell(fdt, "/cpus/cpu@0", "reg"), 0);
	ck_assert_uint_eq(cell(fdt, "/cpus", "#address-cells"), 1);
	ck_assert_uint_eq(cell(fdt, "/cpus", "#size-cells"), 0);
	ck_assert_int_lt(fdt_path_offset(fdt, "/cpus/cpu@1"), 0);

	EXPECT_STRLIST(fdt, "/psci", "compatible",
		       "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	ck_assert_str_eq(str(fdt, "/psci", "method"), "smc");
	ck_assert_uint_eq(cell(fdt, "/psci", "cpu_on"), 0x84000003);
	ck_assert_uint_eq(cell(fdt, "/psci", "cpu_off"), 0x84000002);
	ck_assert_uint_eq(cell(fdt, "/psci", "cpu_suspend"), 0x84000001);
	ck_assert_uint_eq(cell(fdt, "/psci", "migrate"), 0x84000005);

	ck_assert_str_eq(str(fdt, "/intc@8000000", "compatible"),
			 "arm,cortex-a15-gic");
	ck_assert_uint_eq(cell(fdt, "/intc@8000000", "#interrupt-cells"), 3);
	ck_assert_ptr_nonnull(fdt_getprop(fdt, node(fdt, "/intc@8000000"),
					  "interrupt-controller", NULL));
	const uint32_t gic_reg[] = {
		0, 0x08000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000,
		0, 0x08030000, 0, 0x10000, 0, 0x08040000, 0, 0x10000,
	};
	expect_cells(fdt, "/intc@8000000", "reg", gic_reg, 16);
	const uint32_t maint[] = {1, 9, 0x104};
	expect_cells(fdt, "/intc@8000000", "interrupts", maint, 3);

	ck_assert_str_eq(str(fdt, "/timer", "compatible"), "arm,armv7-timer");
	const uint32_t timer[] = {1, 13, 0x104, 1, 14, 0x104,
				  1, 11, 0x104, 1, 10, 0x104};
	expect_cells(fdt, "/timer", "interrupts", timer, 12);
	ck_assert_ptr_nonnull(fdt_getprop(fdt, node(fdt, "/timer"),
					  "always-on", NULL));

	uint32_t clk = cell(fdt, "/apb-pclk", "phandle");
	ck_assert_str_eq(str(fdt, "/apb-pclk", "compatible"), "fixed-clock");
	ck_assert_uint_eq(cell(fdt, "/apb-pclk", "clock-frequency"), 24000000);
	ck_assert_uint_eq(cell(fdt, "/apb-pclk", "#clock-cells"), 0);
	ck_assert_uint_ne(clk, gic_ph);

	EXPECT_STRLIST(fdt, "/pl011@9000000", "compatible",
		       "arm,pl011\0arm,primecell");
	const uint32_t uart_reg[] = {0, 0x09000000, 0, 0x1000};
	expect_cells(fdt, "/pl011@9000000", "reg", uart_reg, 4);
	const uint32_t uart_irq[] = {0, 1, 4};
	expect_cells(fdt, "/pl011@9000000", "interrupts", uart_irq, 3);
	const uint32_t uart_clk[] = {clk, clk};
	expect_cells(fdt, "/pl011@9000000", "clocks", uart_clk, 2);
	EXPECT_STRLIST(fdt, "/pl011@9000000", "clock-names",
		       "uartclk\0apb_pclk");

	EXPECT_STRLIST(fdt, "/pl031@9010000", "compatible",
		       "arm,pl031\0arm,primecell");
	const uint32_t rtc_reg[] = {0, 0x09010000, 0, 0x1000};
	expect_cells(fdt, "/pl031@9010000", "reg", rtc_reg, 4);
	const uint32_t rtc_irq[] = {0, 2, 4};
	expect_cells(fdt, "/pl031@9010000", "interrupts", rtc_irq, 3);
	ck_assert_uint_eq(cell(fdt, "/pl031@9010000", "clocks"), clk);

	ck_assert_str_eq(str(fdt, "/chosen", "stdout-path"),
			 "/pl011@9000000");
	ck_assert_str_eq(str(fdt, "/aliases", "serial0"), "/pl011@9000000");
	/* nothing asked for, nothing there */
	int chosen = node(fdt, "/chosen");
	ck_assert_ptr_null(fdt_getprop(fdt, chosen, "bootargs", NULL));
	ck_assert_ptr_null(fdt_getprop(fdt, chosen, "linux,initrd-start",
				       NULL));
	ck_assert_int_lt(fdt_first_subnode(fdt, chosen), 0);
	/* what the board does not have */
	ck_assert_int_lt(fdt_path_offset(fdt, "/pcie@10000000"), 0);
	ck_assert_int_lt(fdt_node_offset_by_compatible(fdt, -1,
						       "virtio,mmio"), 0);
	free(fdt);
}
END_TEST

START_TEST(four_cpus_two_clusters)
{
	struct dtb_params p = params(4);
	p.bootargs = "console=ttyAMA0 earlycon";
	p.have_initrd = true;
	p.initrd_start = 0x48000000;
	p.initrd_end = 0x48123457;
	size_t size;
	void *fdt = build(&p, &size);

	static const char *const paths[] = {
		"/cpus/cpu@0", "/cpus/cpu@1", "/cpus/cpu@100", "/cpus/cpu@101",
	};
	static const uint32_t regs[] = {0x000, 0x001, 0x100, 0x101};
	for (int i = 0; i < 4; i++) {
		ck_assert_uint_eq(cell(fdt, paths[i], "reg"), regs[i]);
		ck_assert_str_eq(str(fdt, paths[i], "compatible"),
				 i < 2 ? "arm,cortex-a15" : "arm,cortex-a7");
	}
	/* the topology: cluster1's second core is cpu@101 */
	ck_assert_uint_eq(cell(fdt, "/cpus/cpu-map/cluster1/core1", "cpu"),
			  cell(fdt, "/cpus/cpu@101", "phandle"));
	ck_assert_uint_eq(cell(fdt, "/cpus/cpu-map/cluster0/core0", "cpu"),
			  cell(fdt, "/cpus/cpu@0", "phandle"));
	/* the first cpu node in the tree is cpu@0: nodes in core order */
	int first = fdt_first_subnode(fdt, node(fdt, "/cpus"));
	ck_assert_str_eq(fdt_get_name(fdt, first, NULL), "cpu@0");

	const uint32_t timer[] = {1, 13, 0xf04, 1, 14, 0xf04,
				  1, 11, 0xf04, 1, 10, 0xf04};
	expect_cells(fdt, "/timer", "interrupts", timer, 12);
	const uint32_t maint[] = {1, 9, 0xf04};
	expect_cells(fdt, "/intc@8000000", "interrupts", maint, 3);
	ck_assert_str_eq(str(fdt, "/psci", "method"), "hvc");

	ck_assert_str_eq(str(fdt, "/chosen", "bootargs"),
			 "console=ttyAMA0 earlycon");
	ck_assert_uint_eq(cell(fdt, "/chosen", "linux,initrd-start"),
			  0x48000000);
	ck_assert_uint_eq(cell(fdt, "/chosen", "linux,initrd-end"),
			  0x48123457);
	free(fdt);
}
END_TEST

START_TEST(eight_cpus_mask_and_limits)
{
	struct dtb_params p = params(1);
	p.n_cpus = 8;
	for (unsigned i = 0; i < 8; i++) {
		p.cpus[i].compatible = "arm,cortex-a15";
		p.cpus[i].mpidr = i;
	}
	size_t size;
	void *fdt = build(&p, &size);
	const uint32_t maint[] = {1, 9, 0xff04};
	expect_cells(fdt, "/intc@8000000", "interrupts", maint, 3);
	free(fdt);

	void *blob = NULL;
	char err[200] = "";
	p.n_cpus = 9; /* a GICv2 has 8 CPU interfaces */
	p.cpus[8] = (struct dtb_cpu){"arm,cortex-a15", 8};
	ck_assert(!dtb_build(&p, &blob, &size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "9 cores"));

	p = params(2);
	p.cpus[1].mpidr = 0;
	ck_assert(!dtb_build(&p, &blob, &size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "same MPIDR"));

	p = params(1);
	p.mem_size = 3ull << 30; /* all the board allows */
	fdt = build(&p, &size);
	const uint32_t mem[] = {0, 0x40000000, 0, 0xc0000000};
	expect_cells(fdt, "/memory@40000000", "reg", mem, 4);
	free(fdt);
	p.mem_size += 4096;
	ck_assert(!dtb_build(&p, &blob, &size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "RAM"));

	p = params(1);
	p.psci_method = "svc";
	ck_assert(!dtb_build(&p, &blob, &size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "PSCI"));
}
END_TEST

START_TEST(xen_modules)
{
	struct dtb_params p = params(2);
	p.bootargs = "dom0_mem=128M console=dtuart dtuart=serial0";
	p.n_modules = 3;
	p.modules[0] = (struct dtb_module){0x48000000, 0x500000,
					   "console=hvc0 root=/dev/ram"};
	p.modules[1] = (struct dtb_module){0x48600000, 0x12345, NULL};
	p.modules[2] = (struct dtb_module){0x48800000, 0x1000, NULL};
	size_t size;
	void *fdt = build(&p, &size);
	ck_assert_uint_eq(cell(fdt, "/chosen", "#address-cells"), 2);
	ck_assert_uint_eq(cell(fdt, "/chosen", "#size-cells"), 2);
	EXPECT_STRLIST(fdt, "/chosen/module@48000000", "compatible",
		       "multiboot,kernel\0multiboot,module");
	const uint32_t reg0[] = {0, 0x48000000, 0, 0x500000};
	expect_cells(fdt, "/chosen/module@48000000", "reg", reg0, 4);
	ck_assert_str_eq(str(fdt, "/chosen/module@48000000", "bootargs"),
			 "console=hvc0 root=/dev/ram");
	EXPECT_STRLIST(fdt, "/chosen/module@48600000", "compatible",
		       "multiboot,ramdisk\0multiboot,module");
	const uint32_t reg1[] = {0, 0x48600000, 0, 0x12345};
	expect_cells(fdt, "/chosen/module@48600000", "reg", reg1, 4);
	int mod1 = node(fdt, "/chosen/module@48600000");
	ck_assert_ptr_null(fdt_getprop(fdt, mod1, "bootargs", NULL));
	EXPECT_STRLIST(fdt, "/chosen/module@48800000", "compatible",
		       "multiboot,ramdisk\0multiboot,module");
	/* listed in the given order */
	int first = fdt_first_subnode(fdt, node(fdt, "/chosen"));
	ck_assert_str_eq(fdt_get_name(fdt, first, NULL), "module@48000000");
	free(fdt);

	/* two modules at one address cannot both be nodes */
	p.modules[2].addr = 0x48600000;
	void *blob = NULL;
	char err[200] = "";
	ck_assert(!dtb_build(&p, &blob, &size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "48600000"));
}
END_TEST

START_TEST(update_generated_chosen)
{
	struct dtb_params p = params(2);
	p.bootargs = "old args";
	p.n_modules = 2;
	p.modules[0] = (struct dtb_module){0x48000000, 0x100, NULL};
	p.modules[1] = (struct dtb_module){0x48200000, 0x100, NULL};
	size_t size;
	void *fdt = build(&p, &size);

	struct dtb_params q = params(2);
	q.bootargs = "a much longer command line than before, so the tree "
		     "has to grow: console=ttyAMA0,115200 root=/dev/vda "
		     "rootwait loglevel=8";
	q.have_initrd = true;
	q.initrd_start = 0x1c0000000ull; /* above 4 GiB: two cells */
	q.initrd_end = 0x1c0100000ull;
	q.n_modules = 1;
	q.modules[0] = (struct dtb_module){0x49000000, 0x2000, "dom0 args"};
	void *out = NULL;
	size_t out_size;
	char err[200] = "";
	ck_assert_msg(dtb_update_chosen(fdt, size, &q, &out, &out_size, err,
					sizeof err), "%s", err);
	ck_assert_int_eq(fdt_check_full(out, out_size), 0);
	ck_assert_str_eq(str(out, "/chosen", "bootargs"), q.bootargs);
	const uint32_t start[] = {1, 0xc0000000};
	expect_cells(out, "/chosen", "linux,initrd-start", start, 2);
	/* the old modules are replaced by the new one */
	ck_assert_int_lt(fdt_path_offset(out, "/chosen/module@48000000"), 0);
	ck_assert_int_lt(fdt_path_offset(out, "/chosen/module@48200000"), 0);
	ck_assert_str_eq(str(out, "/chosen/module@49000000", "bootargs"),
			 "dom0 args");
	/* the rest is kept */
	ck_assert_str_eq(str(out, "/chosen", "stdout-path"), "/pl011@9000000");
	ck_assert_uint_eq(cell(out, "/cpus/cpu@1", "reg"), 1);
	free(out);

	/* a tree without /chosen gets one; NULL bootargs leaves none */
	int chosen = node(fdt, "/chosen");
	ck_assert_int_eq(fdt_del_node(fdt, chosen), 0);
	struct dtb_params r = params(1);
	r.have_initrd = true;
	r.initrd_start = 0x44000000;
	r.initrd_end = 0x44000010;
	ck_assert_msg(dtb_update_chosen(fdt, size, &r, &out, &out_size, err,
					sizeof err), "%s", err);
	ck_assert_uint_eq(cell(out, "/chosen", "linux,initrd-end"),
			  0x44000010);
	ck_assert_ptr_null(fdt_getprop(out, node(out, "/chosen"), "bootargs",
				       NULL));
	free(out);
	free(fdt);
}
END_TEST

/* A user's /chosen with one-cell addresses: modules follow its cells. */
START_TEST(update_user_one_cell_chosen)
{
	char buf[4096];
	ck_assert_int_eq(fdt_create_empty_tree(buf, sizeof buf), 0);
	int chosen = fdt_add_subnode(buf, 0, "chosen");
	ck_assert_int_ge(chosen, 0);
	ck_assert_int_eq(fdt_setprop_u32(buf, chosen, "#address-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop_u32(buf, chosen, "#size-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop_string(buf, chosen, "bootargs", "keep"),
			 0);
	ck_assert_int_eq(fdt_pack(buf), 0);

	struct dtb_params p = {0};
	p.n_modules = 1;
	p.modules[0] = (struct dtb_module){0x48000000, 0x3000, NULL};
	void *out = NULL;
	size_t size;
	char err[200] = "";
	ck_assert_msg(dtb_update_chosen(buf, fdt_totalsize(buf), &p, &out,
					&size, err, sizeof err), "%s", err);
	const uint32_t reg[] = {0x48000000, 0x3000};
	expect_cells(out, "/chosen/module@48000000", "reg", reg, 2);
	ck_assert_str_eq(str(out, "/chosen", "bootargs"), "keep");
	free(out);

	p.modules[0].addr = 0x148000000ull; /* needs two cells */
	ck_assert(!dtb_update_chosen(buf, fdt_totalsize(buf), &p, &out, &size,
				     err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "#address-cells"));
}
END_TEST

START_TEST(malformed_rejected)
{
	struct dtb_params p = params(1);
	size_t size;
	void *fdt = build(&p, &size);
	void *out = NULL;
	size_t out_size;
	char err[200];

	/* cut short: the header's totalsize is beyond the data */
	err[0] = 0;
	ck_assert(!dtb_update_chosen(fdt, size - 1, &p, &out, &out_size, err,
				     sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "truncated"));
	/* shorter than a header */
	ck_assert(!dtb_update_chosen(fdt, 20, &p, &out, &out_size, err,
				     sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "too short"));
	ck_assert(!dtb_check(fdt, 0, err, sizeof err));

	uint8_t *copy = malloc(size);
	memcpy(copy, fdt, size);
	copy[0] ^= 0xff; /* bad magic */
	ck_assert(!dtb_update_chosen(copy, size, &p, &out, &out_size, err,
				     sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "magic"));

	/* totalsize claims more than the file has */
	memcpy(copy, fdt, size);
	fdt_set_totalsize(copy, (uint32_t)size + 64);
	ck_assert(!dtb_check(copy, size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "truncated"));

	/* the structure block runs past totalsize */
	memcpy(copy, fdt, size);
	fdt_set_size_dt_struct(copy, (uint32_t)size);
	ck_assert(!dtb_check(copy, size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "malformed"));

	/* a property's length runs past the structure block */
	memcpy(copy, fdt, size);
	int off = fdt_path_offset(copy, "/chosen");
	int len;
	const char *v = fdt_getprop(copy, off, "stdout-path", &len);
	ck_assert_ptr_nonnull(v);
	fdt32_t *lenp = (fdt32_t *)(uintptr_t)(v - 8);
	*lenp = cpu_to_fdt32(0x7fffff00);
	ck_assert(!dtb_check(copy, size, err, sizeof err));
	ck_assert(!dtb_update_chosen(copy, size, &p, &out, &out_size, err,
				     sizeof err));

	/* version 16, a property name past the strings block (libfdt
	 * checks names against the block only from version 17, and the
	 * update makes the blob 17): refused, never updated into a
	 * malformed blob (fuzz_dtb's finding) */
	memcpy(copy, fdt, size);
	fdt_set_version(copy, 16);
	fdt_set_size_dt_strings(copy, 4);
	ck_assert(!dtb_check(copy, size, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "strings block"));
	ck_assert(!dtb_update_chosen(copy, size, &p, &out, &out_size, err,
				     sizeof err));

	/* an intact copy is accepted */
	memcpy(copy, fdt, size);
	ck_assert_msg(dtb_check(copy, size, err, sizeof err), "%s", err);
	free(copy);
	free(fdt);
}
END_TEST

/* Random corruptions of a valid tree (deterministic): each is either
 * refused with a reason or gives a well-formed tree, never a crash or
 * an out-of-bounds read (run under the sanitizers). */
START_TEST(corrupted_never_crash)
{
	struct dtb_params p = params(4);
	p.bootargs = "x";
	p.n_modules = 1;
	p.modules[0] = (struct dtb_module){0x48000000, 0x100, "y"};
	size_t size;
	void *fdt = build(&p, &size);
	uint8_t *copy = malloc(size);
	uint32_t seed = 12345;
	unsigned refused = 0;
	for (int iter = 0; iter < 3000; iter++) {
		memcpy(copy, fdt, size);
		for (int k = 0; k < 1 + iter % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % size;
			seed = seed * 1103515245u + 12345u;
			copy[at] ^= (uint8_t)(1u << ((seed >> 16) % 8));
		}
		size_t len = iter % 7 == 0 ? (seed >> 4) % size : size;
		void *out = NULL;
		size_t out_size;
		char err[200] = "";
		if (dtb_update_chosen(copy, len, &p, &out, &out_size, err,
				      sizeof err)) {
			ck_assert_int_eq(fdt_check_full(out, out_size), 0);
			free(out);
		} else {
			ck_assert_msg(err[0] != 0, "refused without a reason");
			refused++;
		}
	}
	ck_assert_uint_gt(refused, 100);
	free(copy);
	free(fdt);
}
END_TEST

/* dtc reads the generated tree, writes it as a blob again, and reads
 * that back to the same source text, with no warning (a second opinion
 * on the structure and the bindings dtc knows); skipped without dtc. */
START_TEST(dtc_round_trip)
{
	if (system("command -v dtc >/dev/null 2>&1") != 0)
		return;
	struct dtb_params p = params(4);
	p.bootargs = "console=ttyAMA0";
	p.have_initrd = true;
	p.initrd_start = 0x48000000;
	p.initrd_end = 0x48001000;
	p.n_modules = 2;
	p.modules[0] = (struct dtb_module){0x49000000, 0x100, "dom0"};
	p.modules[1] = (struct dtb_module){0x49200000, 0x100, NULL};
	size_t size;
	void *fdt = build(&p, &size);
	char dir[] = "/tmp/test_dtb.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[64], cmd[512];
	snprintf(path, sizeof path, "%s/a.dtb", dir);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(fdt, 1, size, f), size);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "cd %s && dtc -I dtb -O dts -o a.dts a.dtb 2>warn && "
		 /* decompiled phandles are plain numbers, which dtc's
		  * clocks check takes for a mistake in a source file */
		 "dtc -W no-clocks_property -I dts -O dtb -o b.dtb a.dts "
		 "2>>warn && "
		 "dtc -I dtb -O dts -o b.dts b.dtb 2>>warn && "
		 "cmp -s a.dts b.dts && ! test -s warn && "
		 "grep -q 'multiboot,kernel' a.dts",
		 dir);
	int rc = system(cmd);
	if (rc != 0) {
		snprintf(cmd, sizeof cmd, "cat %s/warn >&2", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
	ck_assert_int_eq(rc, 0);
	free(fdt);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *dtb_suite(void)
{
	Suite *s = suite_create("dtb");
	TCase *tc = tcase_create("dtb");
	tcase_add_test(tc, board_table);
	tcase_add_test(tc, one_cpu_tree);
	tcase_add_test(tc, four_cpus_two_clusters);
	tcase_add_test(tc, eight_cpus_mask_and_limits);
	tcase_add_test(tc, xen_modules);
	tcase_add_test(tc, update_generated_chosen);
	tcase_add_test(tc, update_user_one_cell_chosen);
	tcase_add_test(tc, malformed_rejected);
	tcase_add_test(tc, corrupted_never_crash);
	tcase_add_test(tc, dtc_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(dtb_suite)
