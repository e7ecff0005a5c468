/* Device tree generation and /chosen updates (see dtb.h). The tree is
 * written with libfdt's read-write functions into a buffer that is grown
 * and the whole tree rebuilt when libfdt says it is full, then packed. */
#include "devices/dtb.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/board.h"

/* Our own errors inside a build, already written to err (not a libfdt
 * code, which are all small negative numbers). */
#define DTB_ERR_REPORTED (-1000)

/* Phandles of the nodes others point at; any distinct non-zero values
 * will do (Devicetree Specification 2.3.3). */
enum {
	PHANDLE_CLK = 1,
	PHANDLE_GIC = 2,
	PHANDLE_CPU0 = 3,
};

/* Interrupt specifier cells of the GIC binding (Linux's
 * bindings/interrupt-controller/arm,gic.yaml): class, number, flags. */
#define GIC_DT_SPI 0
#define GIC_DT_PPI 1
#define GIC_DT_LEVEL_HIGH 4
/* flags bits [15:8]: for a PPI, the cores it is wired to */
#define GIC_DT_PPI_CPUS(n) ((((1u << (n)) - 1) & 0xff) << 8)

/* PSCI function IDs of the 32-bit calling convention (ARM DEN 0022D
 * 5.1): the ids a PSCI 0.1 client reads from the node; 0.2 and later
 * clients use these same ones without reading them. */
#define PSCI_FN_CPU_SUSPEND 0x84000001u
#define PSCI_FN_CPU_OFF 0x84000002u
#define PSCI_FN_CPU_ON 0x84000003u
#define PSCI_FN_MIGRATE 0x84000005u

#define TRY(expr)                                                          \
	do {                                                               \
		int try_rc_ = (expr);                                      \
		if (try_rc_ < 0)                                           \
			return try_rc_;                                    \
	} while (0)

/* A NUL-separated string list given as one literal. */
#define SETPROP_STRLIST(fdt, node, name, lit)                              \
	fdt_setprop(fdt, node, name, lit, sizeof(lit))

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Append an (address, size) pair of 2 + 2 cells to property `name`. */
static int append_reg(void *fdt, int node, const char *name, uint64_t addr,
		      uint64_t size)
{
	fdt32_t cells[4] = {
		cpu_to_fdt32((uint32_t)(addr >> 32)),
		cpu_to_fdt32((uint32_t)addr),
		cpu_to_fdt32((uint32_t)(size >> 32)),
		cpu_to_fdt32((uint32_t)size),
	};
	return fdt_appendprop(fdt, node, name, cells, sizeof cells);
}

static int append_irq(void *fdt, int node, uint32_t class, uint32_t n,
		      uint32_t flags)
{
	fdt32_t cells[3] = {
		cpu_to_fdt32(class), cpu_to_fdt32(n), cpu_to_fdt32(flags)
	};
	return fdt_appendprop(fdt, node, "interrupts", cells, sizeof cells);
}

/* A property holding one address or size: one cell when it fits, as
 * QEMU writes linux,initrd-*; Linux and Xen read either width. */
static int set_number(void *fdt, int node, const char *name, uint64_t v)
{
	if (v >> 32)
		return fdt_setprop_u64(fdt, node, name, v);
	return fdt_setprop_u32(fdt, node, name, (uint32_t)v);
}

/* Append `v` as `cells` cells (1 or 2). */
static int append_cells(void *fdt, int node, const char *name, uint64_t v,
			int cells)
{
	if (cells == 2)
		TRY(fdt_appendprop_u32(fdt, node, name, (uint32_t)(v >> 32)));
	return fdt_appendprop_u32(fdt, node, name, (uint32_t)v);
}

/* Read a #address-cells style property of `node`, or -1 when absent. */
static int read_cells(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node, name, &len);
	if (!v || len != 4)
		return -1;
	return (int)fdt32_to_cpu(*v);
}

/* Whether v fits in `cells` 32-bit cells (1 or 2). */
static bool fits_cells(uint64_t v, int cells)
{
	return cells >= 2 || (v >> 32) == 0;
}

/* Xen's multiboot modules (docs/misc/arm/device-tree/booting.txt): one
 * /chosen/module@ADDR node each, the first the dom0 kernel, the others
 * its ramdisks; earlier multiboot modules of a user's tree are replaced.
 * The reg cells follow /chosen's #address-cells/#size-cells, set to 2
 * when /chosen has none. */
static int add_modules(void *fdt, int chosen, const struct dtb_params *p,
		       char *err, size_t errlen)
{
	int node;
again:
	fdt_for_each_subnode(node, fdt, chosen) {
		if (fdt_node_check_compatible(fdt, node, "multiboot,module") ==
		    0) {
			TRY(fdt_del_node(fdt, node));
			goto again; /* offsets after it have moved */
		}
	}
	int acells = read_cells(fdt, chosen, "#address-cells");
	int scells = read_cells(fdt, chosen, "#size-cells");
	if (acells < 0) {
		acells = 2;
		TRY(fdt_setprop_u32(fdt, chosen, "#address-cells", 2));
	}
	if (scells < 0) {
		scells = 2;
		TRY(fdt_setprop_u32(fdt, chosen, "#size-cells", 2));
	}
	if (acells < 1 || acells > 2 || scells < 1 || scells > 2) {
		set_err(err, errlen,
			"/chosen has #address-cells or #size-cells other "
			"than 1 or 2");
		return DTB_ERR_REPORTED;
	}
	/* New subnodes go in front of the existing ones: add the last
	 * module first so that the tree lists them in the given order. */
	for (unsigned i = p->n_modules; i-- > 0;) {
		const struct dtb_module *mod = &p->modules[i];
		char name[32];
		if (!fits_cells(mod->addr, acells) ||
		    !fits_cells(mod->size, scells)) {
			set_err(err, errlen,
				"a module's address or size does not fit in "
				"/chosen's #address-cells/#size-cells");
			return DTB_ERR_REPORTED;
		}
		snprintf(name, sizeof name, "module@%llx",
			 (unsigned long long)mod->addr);
		node = fdt_add_subnode(fdt, chosen, name);
		if (node == -FDT_ERR_EXISTS) {
			set_err(err, errlen, "two modules at address %s",
				name + strlen("module@"));
			return DTB_ERR_REPORTED;
		}
		TRY(node);
		if (i == 0)
			TRY(SETPROP_STRLIST(fdt, node, "compatible",
					    "multiboot,kernel\0"
					    "multiboot,module"));
		else
			TRY(SETPROP_STRLIST(fdt, node, "compatible",
					    "multiboot,ramdisk\0"
					    "multiboot,module"));
		TRY(append_cells(fdt, node, "reg", mod->addr, acells));
		TRY(append_cells(fdt, node, "reg", mod->size, scells));
		if (mod->bootargs)
			TRY(fdt_setprop_string(fdt, node, "bootargs",
					       mod->bootargs));
	}
	return 0;
}

/* What the bootloader puts in /chosen (Linux's
 * Documentation/devicetree/bindings/chosen.txt and Xen's booting.txt). */
static int fill_chosen(void *fdt, int chosen, const struct dtb_params *p,
		       char *err, size_t errlen)
{
	if (p->bootargs)
		TRY(fdt_setprop_string(fdt, chosen, "bootargs", p->bootargs));
	if (p->have_initrd) {
		TRY(set_number(fdt, chosen, "linux,initrd-start",
			       p->initrd_start));
		TRY(set_number(fdt, chosen, "linux,initrd-end",
			       p->initrd_end));
	}
	if (p->n_modules)
		TRY(add_modules(fdt, chosen, p, err, errlen));
	return 0;
}

static int add_node(void *fdt, int parent, const char *name, uint64_t addr)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s@%llx", name, (unsigned long long)addr);
	return fdt_add_subnode(fdt, parent, buf);
}

/* /cpus, one node per core, and the cpu-map of Linux's
 * bindings/cpu/cpu-topology.txt grouping them by cluster (Aff1). */
static int add_cpus(void *fdt, const struct dtb_params *p)
{
	int cpus = fdt_add_subnode(fdt, 0, "cpus");
	TRY(cpus);
	TRY(fdt_setprop_u32(fdt, cpus, "#address-cells", 1));
	TRY(fdt_setprop_u32(fdt, cpus, "#size-cells", 0));
	/* Cluster numbers in order of first appearance, cores in order
	 * inside their cluster. */
	unsigned cluster_of[DTB_MAX_CPUS], core_of[DTB_MAX_CPUS];
	unsigned n_clusters = 0;
	for (unsigned i = 0; i < p->n_cpus; i++) {
		unsigned aff1 = (p->cpus[i].mpidr >> 8) & 0xff;
		cluster_of[i] = n_clusters;
		core_of[i] = 0;
		for (unsigned j = 0; j < i; j++) {
			if (((p->cpus[j].mpidr >> 8) & 0xff) == aff1) {
				cluster_of[i] = cluster_of[j];
				core_of[i]++;
			}
		}
		if (cluster_of[i] == n_clusters)
			n_clusters++;
	}
	/* cpu-map first so that it ends up after the cpu nodes, which are
	 * added last to first: each new subnode goes in front. */
	TRY(fdt_add_subnode(fdt, cpus, "cpu-map"));
	for (unsigned i = p->n_cpus; i-- > 0;) {
		uint32_t reg = p->cpus[i].mpidr & 0xffffff;
		int cpu = add_node(fdt, cpus, "cpu", reg);
		TRY(cpu);
		TRY(fdt_setprop_string(fdt, cpu, "device_type", "cpu"));
		TRY(fdt_setprop_string(fdt, cpu, "compatible",
				       p->cpus[i].compatible));
		TRY(fdt_setprop_u32(fdt, cpu, "reg", reg));
		TRY(fdt_setprop_string(fdt, cpu, "enable-method", "psci"));
		TRY(fdt_setprop_u32(fdt, cpu, "phandle", PHANDLE_CPU0 + i));
	}
	int map = fdt_subnode_offset(fdt, cpus, "cpu-map");
	TRY(map);
	for (unsigned i = p->n_cpus; i-- > 0;) {
		char name[24];
		snprintf(name, sizeof name, "cluster%u", cluster_of[i]);
		int cl = fdt_subnode_offset(fdt, map, name);
		if (cl == -FDT_ERR_NOTFOUND)
			cl = fdt_add_subnode(fdt, map, name);
		TRY(cl);
		snprintf(name, sizeof name, "core%u", core_of[i]);
		int core = fdt_add_subnode(fdt, cl, name);
		TRY(core);
		TRY(fdt_setprop_u32(fdt, core, "cpu", PHANDLE_CPU0 + i));
	}
	return 0;
}

/* The GICv2 (bindings/interrupt-controller/arm,gic.yaml): reg lists the
 * distributor, CPU interface, and when present the virtual interface
 * control and virtual CPU interface frames, in that order. */
static int add_gic(void *fdt, const struct dtb_params *p)
{
	static const enum board_dev_kind frames[] = {
		BOARD_DEV_GICD, BOARD_DEV_GICC, BOARD_DEV_GICH, BOARD_DEV_GICV,
	};
	const struct board_desc *b = p->board;
	const struct board_device *gicd = board_device(b, BOARD_DEV_GICD);
	int gic = add_node(fdt, 0, gicd->dt_name, gicd->base);
	TRY(gic);
	TRY(fdt_setprop_string(fdt, gic, "compatible", "arm,cortex-a15-gic"));
	TRY(fdt_setprop_u32(fdt, gic, "#interrupt-cells", 3));
	TRY(fdt_setprop_empty(fdt, gic, "interrupt-controller"));
	/* the parent unit address cells of interrupt-map entries pointing
	 * here: none (Devicetree Specification 2.4.3.1) */
	TRY(fdt_setprop_u32(fdt, gic, "#address-cells", 0));
	for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++) {
		const struct board_device *d = board_device(b, frames[i]);
		if (d)
			TRY(append_reg(fdt, gic, "reg", d->base, d->size));
	}
	/* The maintenance interrupt exists with the virtualization
	 * extensions' frames. QEMU 7.2 gives it no CPU mask; the binding
	 * asks for one on a GICv2 PPI, as the timer's have. */
	if (board_device(b, BOARD_DEV_GICH))
		TRY(append_irq(fdt, gic, GIC_DT_PPI, b->ppi.maintenance,
			       GIC_DT_PPI_CPUS(p->n_cpus) | GIC_DT_LEVEL_HIGH));
	TRY(fdt_setprop_u32(fdt, gic, "phandle", PHANDLE_GIC));
	return 0;
}

/* The generic timer (bindings/timer/arm,arch_timer.yaml): secure
 * physical, non-secure physical, virtual and hypervisor PPIs in that
 * order. "always-on" as QEMU says: the simulated timer never stops in a
 * low-power state. */
static int add_timer(void *fdt, const struct dtb_params *p)
{
	const struct board_desc *b = p->board;
	const unsigned ppis[4] = {
		b->ppi.sec_phys_timer, b->ppi.ns_phys_timer,
		b->ppi.virt_timer, b->ppi.hyp_timer,
	};
	int timer = fdt_add_subnode(fdt, 0, "timer");
	TRY(timer);
	TRY(fdt_setprop_string(fdt, timer, "compatible", "arm,armv7-timer"));
	for (unsigned i = 0; i < 4; i++)
		TRY(append_irq(fdt, timer, GIC_DT_PPI, ppis[i],
			       GIC_DT_PPI_CPUS(p->n_cpus) | GIC_DT_LEVEL_HIGH));
	TRY(fdt_setprop_empty(fdt, timer, "always-on"));
	return 0;
}

/* PrimeCell devices (bindings/arm/primecell.yaml) on the APB clock. */
static int add_primecell(void *fdt, const struct board_device *d)
{
	int node = add_node(fdt, 0, d->dt_name, d->base);
	TRY(node);
	if (d->kind == BOARD_DEV_PL011) {
		TRY(SETPROP_STRLIST(fdt, node, "compatible",
				    "arm,pl011\0arm,primecell"));
		/* the reference clock and the bus clock: one clock here */
		TRY(fdt_appendprop_u32(fdt, node, "clocks", PHANDLE_CLK));
		TRY(fdt_appendprop_u32(fdt, node, "clocks", PHANDLE_CLK));
		TRY(SETPROP_STRLIST(fdt, node, "clock-names",
				    "uartclk\0apb_pclk"));
	} else {
		TRY(SETPROP_STRLIST(fdt, node, "compatible",
				    "arm,pl031\0arm,primecell"));
		TRY(fdt_setprop_u32(fdt, node, "clocks", PHANDLE_CLK));
		TRY(fdt_setprop_string(fdt, node, "clock-names", "apb_pclk"));
	}
	TRY(append_reg(fdt, node, "reg", d->base, d->size));
	if (d->spi != BOARD_NO_IRQ)
		TRY(append_irq(fdt, node, GIC_DT_SPI, (uint32_t)d->spi,
			       GIC_DT_LEVEL_HIGH));
	return 0;
}

static int build_tree(void *fdt, int bufsize, const struct dtb_params *p,
		      char *err, size_t errlen)
{
	const struct board_desc *b = p->board;
	char path[64];
	TRY(fdt_create_empty_tree(fdt, bufsize));
	TRY(fdt_setprop_string(fdt, 0, "compatible", b->dt_compatible));
	TRY(fdt_setprop_string(fdt, 0, "model", b->dt_compatible));
	TRY(fdt_setprop_u32(fdt, 0, "#address-cells", 2));
	TRY(fdt_setprop_u32(fdt, 0, "#size-cells", 2));
	TRY(fdt_setprop_u32(fdt, 0, "interrupt-parent", PHANDLE_GIC));

	/* Each subnode is inserted in front of its siblings: the nodes are
	 * added from the last one the tree shows to the first. */
	for (unsigned i = b->n_devices; i-- > 0;) {
		const struct board_device *d = &b->devices[i];
		if (d->kind == BOARD_DEV_PL011 || d->kind == BOARD_DEV_PL031)
			TRY(add_primecell(fdt, d));
	}
	TRY(add_gic(fdt, p));

	int clk = fdt_add_subnode(fdt, 0, "apb-pclk");
	TRY(clk);
	TRY(fdt_setprop_string(fdt, clk, "compatible", "fixed-clock"));
	TRY(fdt_setprop_u32(fdt, clk, "#clock-cells", 0));
	TRY(fdt_setprop_u32(fdt, clk, "clock-frequency", b->apb_clock_hz));
	TRY(fdt_setprop_string(fdt, clk, "clock-output-names", "clk24mhz"));
	TRY(fdt_setprop_u32(fdt, clk, "phandle", PHANDLE_CLK));

	TRY(add_timer(fdt, p));

	/* PSCI (bindings/arm/psci.yaml) */
	int psci = fdt_add_subnode(fdt, 0, "psci");
	TRY(psci);
	TRY(SETPROP_STRLIST(fdt, psci, "compatible",
			    "arm,psci-1.0\0arm,psci-0.2\0arm,psci"));
	TRY(fdt_setprop_string(fdt, psci, "method", p->psci_method));
	TRY(fdt_setprop_u32(fdt, psci, "cpu_suspend", PSCI_FN_CPU_SUSPEND));
	TRY(fdt_setprop_u32(fdt, psci, "cpu_off", PSCI_FN_CPU_OFF));
	TRY(fdt_setprop_u32(fdt, psci, "cpu_on", PSCI_FN_CPU_ON));
	TRY(fdt_setprop_u32(fdt, psci, "migrate", PSCI_FN_MIGRATE));

	TRY(add_cpus(fdt, p));

	int mem = add_node(fdt, 0, "memory", p->mem_base);
	TRY(mem);
	TRY(fdt_setprop_string(fdt, mem, "device_type", "memory"));
	TRY(append_reg(fdt, mem, "reg", p->mem_base, p->mem_size));

	/* serialN aliases in table order; the console is the first UART.
	 * /aliases is complete before /chosen goes in front of it (adding
	 * to a node moves the offsets of the nodes after it). */
	int aliases = fdt_add_subnode(fdt, 0, "aliases");
	TRY(aliases);
	const struct board_device *console = NULL;
	unsigned n_uarts = 0;
	for (unsigned i = 0; i < b->n_devices; i++) {
		const struct board_device *d = &b->devices[i];
		char alias[16];
		if (d->kind != BOARD_DEV_PL011)
			continue;
		if (!console)
			console = d;
		snprintf(path, sizeof path, "/%s@%llx", d->dt_name,
			 (unsigned long long)d->base);
		snprintf(alias, sizeof alias, "serial%u", n_uarts++);
		TRY(fdt_setprop_string(fdt, aliases, alias, path));
	}
	int chosen = fdt_add_subnode(fdt, 0, "chosen");
	TRY(chosen);
	if (console) {
		snprintf(path, sizeof path, "/%s@%llx", console->dt_name,
			 (unsigned long long)console->base);
		TRY(fdt_setprop_string(fdt, chosen, "stdout-path", path));
	}
	return fill_chosen(fdt, chosen, p, err, errlen);
}

/* Upper bound of the strings p adds, to size the first buffer. */
static size_t strings_size(const struct dtb_params *p)
{
	size_t n = p->bootargs ? strlen(p->bootargs) : 0;
	for (unsigned i = 0; i < p->n_modules && i < DTB_MAX_MODULES; i++)
		if (p->modules[i].bootargs)
			n += strlen(p->modules[i].bootargs) + 64;
	return n;
}

/* libfdt offsets are ints: a tree bigger than this is refused. */
#define DTB_MAX_SIZE (64u << 20)

/* Build the board's tree (user NULL) or update the user's /chosen in a
 * buffer of `cap` bytes, starting again in one twice as big while libfdt
 * says it is full; then pack the tree and hand it out. */
static bool grow_and_build(size_t cap, const void *user,
			   const struct dtb_params *p, void **blob,
			   size_t *size, char *err, size_t errlen)
{
	for (;;) {
		void *buf = calloc(1, cap);
		if (!buf) {
			set_err(err, errlen, "out of memory");
			return false;
		}
		int rc;
		if (user) {
			rc = fdt_open_into(user, buf, (int)cap);
			int chosen = rc;
			if (rc >= 0) {
				chosen = fdt_path_offset(buf, "/chosen");
				if (chosen == -FDT_ERR_NOTFOUND)
					chosen = fdt_add_subnode(buf, 0,
								 "chosen");
			}
			rc = chosen < 0 ? chosen
					: fill_chosen(buf, chosen, p, err,
						      errlen);
		} else {
			rc = build_tree(buf, (int)cap, p, err, errlen);
		}
		if (rc == -FDT_ERR_NOSPACE && cap < DTB_MAX_SIZE) {
			free(buf);
			cap *= 2;
			continue;
		}
		if (rc >= 0)
			rc = fdt_pack(buf);
		if (rc < 0) {
			if (rc != DTB_ERR_REPORTED)
				set_err(err, errlen, "device tree: %s",
					fdt_strerror(rc));
			free(buf);
			return false;
		}
		*size = fdt_totalsize(buf);
		void *shrunk = realloc(buf, *size);
		*blob = shrunk ? shrunk : buf;
		return true;
	}
}

/* What both entry points check of p's /chosen part. */
static bool check_chosen_params(const struct dtb_params *p, char *err,
				size_t errlen)
{
	if (p->n_modules > DTB_MAX_MODULES) {
		set_err(err, errlen, "more than 8 modules");
		return false;
	}
	if (p->have_initrd && p->initrd_end < p->initrd_start) {
		set_err(err, errlen, "initrd ends before it starts");
		return false;
	}
	return true;
}

bool dtb_build(const struct dtb_params *p, void **blob, size_t *size,
	       char *err, size_t errlen)
{
	const struct board_desc *b = p->board;
	if (!b || !board_device(b, BOARD_DEV_GICD) ||
	    !board_device(b, BOARD_DEV_GICC)) {
		set_err(err, errlen, "no board with a GIC to describe");
		return false;
	}
	if (p->n_cpus == 0 || p->n_cpus > b->max_cpus ||
	    p->n_cpus > DTB_MAX_CPUS) {
		set_err(err, errlen, "%u cores (the %s board has 1 to %u)",
			p->n_cpus, b->name, b->max_cpus);
		return false;
	}
	for (unsigned i = 0; i < p->n_cpus; i++) {
		if (!p->cpus[i].compatible) {
			set_err(err, errlen, "a core has no compatible");
			return false;
		}
		for (unsigned j = 0; j < i; j++) {
			if (((p->cpus[i].mpidr ^ p->cpus[j].mpidr) &
			     0xffffff) == 0) {
				set_err(err, errlen,
					"two cores with the same MPIDR");
				return false;
			}
		}
	}
	if (p->mem_size == 0 || p->mem_base < b->ram_base ||
	    p->mem_base - b->ram_base > b->ram_max ||
	    p->mem_size > b->ram_max - (p->mem_base - b->ram_base)) {
		set_err(err, errlen, "RAM outside what the %s board allows",
			b->name);
		return false;
	}
	if (!p->psci_method || (strcmp(p->psci_method, "smc") != 0 &&
				strcmp(p->psci_method, "hvc") != 0)) {
		set_err(err, errlen, "PSCI method is not smc or hvc");
		return false;
	}
	if (!check_chosen_params(p, err, errlen))
		return false;
	return grow_and_build(8192 + strings_size(p), NULL, p, blob, size,
			      err, errlen);
}

/* Whether every property's name lies in the strings block with its NUL
 * (fdt_check_full has passed: the walk is safe). libfdt bounds names by
 * size_dt_strings only from version 17 (for 16, by the blob's end), and
 * fdt_open_into makes every blob it copies version 17, so a version 16
 * blob whose names reach past the block would come out of
 * dtb_update_chosen malformed (found by fuzz_dtb). */
static bool names_in_strings_block(const void *blob)
{
	const uint32_t ssize = fdt_size_dt_strings(blob);
	const char *strs = (const char *)blob + fdt_off_dt_strings(blob);
	int off = 0, next = 0;
	uint32_t tag;
	while ((tag = fdt_next_tag(blob, off, &next)) != FDT_END) {
		if (next < 0)
			return false;
		if (tag == FDT_PROP) {
			/* (the structure block may be at any offset: no
			 * struct access, the field copied out) */
			const char *pr = fdt_offset_ptr(
				blob, off, sizeof(struct fdt_property));
			if (!pr)
				return false;
			fdt32_t raw;
			memcpy(&raw, pr + offsetof(struct fdt_property, nameoff),
			       sizeof raw);
			uint32_t name = fdt32_to_cpu(raw);
			if (name >= ssize || !memchr(strs + name, 0, ssize - name))
				return false;
		}
		off = next;
	}
	return next >= 0;
}

bool dtb_check(const void *blob, size_t size, char *err, size_t errlen)
{
	if (size >= 4 && fdt_magic(blob) != FDT_MAGIC) {
		set_err(err, errlen, "not a DTB (magic 0x%08x)",
			fdt_magic(blob));
		return false;
	}
	if (size < sizeof(struct fdt_header)) {
		set_err(err, errlen, "too short for a DTB (%zu bytes)", size);
		return false;
	}
	if (fdt_totalsize(blob) > size) {
		set_err(err, errlen,
			"truncated DTB: header says %u bytes, there are %zu",
			fdt_totalsize(blob), size);
		return false;
	}
	int rc = fdt_check_header(blob);
	/* Versions before 16 name nodes by their full path, and libfdt
	 * 1.6.1's fdt_check_full then dereferences the NULL name
	 * fdt_get_name returns for a root without a '/' (a segfault, found
	 * by fuzz_dtb). The Devicetree Specification (v0.4, 5.2) has
	 * version 17, backwards compatible with 16; nothing writes older
	 * ones, so they are refused before libfdt walks them. */
	if (rc == 0 && fdt_version(blob) < 16) {
		set_err(err, errlen, "DTB version %u: 16 or later is needed",
			fdt_version(blob));
		return false;
	}
	if (rc == 0)
		rc = fdt_check_full(blob, fdt_totalsize(blob));
	if (rc != 0) {
		set_err(err, errlen, "malformed DTB: %s", fdt_strerror(rc));
		return false;
	}
	if (!names_in_strings_block(blob)) {
		set_err(err, errlen, "malformed DTB: a property name lies "
				     "outside the strings block");
		return false;
	}
	return true;
}

bool dtb_update_chosen(const void *user, size_t user_size,
		       const struct dtb_params *p, void **blob, size_t *size,
		       char *err, size_t errlen)
{
	if (!dtb_check(user, user_size, err, errlen) ||
	    !check_chosen_params(p, err, errlen))
		return false;
	if (fdt_totalsize(user) > DTB_MAX_SIZE / 2) {
		set_err(err, errlen, "DTB larger than 32 MiB");
		return false;
	}
	return grow_and_build(fdt_totalsize(user) + 4096 + strings_size(p),
			      user, p, blob, size, err, errlen);
}
