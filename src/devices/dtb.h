/* The flattened device tree a bootloader hands the kernel: generated from
 * a board's table (devices/board.h) with the nodes QEMU's virt gives for
 * the devices hypsim models, or a user's DTB with /chosen filled in.
 * Bindings: the Devicetree Specification v0.4, Linux's
 * Documentation/devicetree/bindings (arm/gic, arm/arch_timer, arm/psci,
 * serial/pl011, rtc/pl031) and Xen's docs/misc/arm/device-tree/booting.txt
 * for the multiboot modules. */
#ifndef HYPSIM_DTB_H
#define HYPSIM_DTB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct board_desc;

#define DTB_MAX_CPUS 16
#define DTB_MAX_MODULES 8

struct dtb_cpu {
	const char *compatible; /* "arm,cortex-a15", "arm,cortex-a7" */
	uint32_t mpidr;         /* cluster in Aff1, core in Aff0 */
};

struct dtb_module {
	uint64_t addr, size;
	const char *bootargs; /* NULL: no bootargs property */
};

struct dtb_params {
	const struct board_desc *board;
	uint64_t mem_base, mem_size;
	unsigned n_cpus;
	struct dtb_cpu cpus[DTB_MAX_CPUS];
	const char *bootargs; /* NULL: no /chosen/bootargs */
	bool have_initrd;
	uint64_t initrd_start, initrd_end; /* end is exclusive */
	const char *psci_method; /* "smc" or "hvc" */
	/* Xen's multiboot modules: the first is the dom0 kernel, the next
	 * ones its ramdisks */
	unsigned n_modules;
	struct dtb_module modules[DTB_MAX_MODULES];
};

/* Build the board's DTB into a malloc'd blob; false with a one-line
 * reason in err. */
bool dtb_build(const struct dtb_params *p, void **blob, size_t *size,
	       char *err, size_t errlen);
/* A user's DTB (--dtb FILE) with /chosen updated as p says (bootargs
 * when not NULL, the initrd when have_initrd, the modules when any; the
 * rest of the user's tree is kept). `user` is checked first: a malformed
 * blob is refused with a one-line reason. */
bool dtb_update_chosen(const void *user, size_t user_size,
		       const struct dtb_params *p, void **blob, size_t *size,
		       char *err, size_t errlen);
/* Whether `blob` of `size` bytes is a well-formed DTB that fits in it;
 * false with a one-line reason. */
bool dtb_check(const void *blob, size_t size, char *err, size_t errlen);

#endif
