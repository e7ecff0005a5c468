/* Loading a kernel as a bootloader does (Linux's
 * Documentation/arm/booting.rst): the kernel image in one of the
 * formats bootloaders know (ELF, uImage, zImage, raw), an initrd, Xen's
 * multiboot modules and the device tree, placed in RAM the way QEMU's
 * virt does, and the registers to enter the kernel with. */
#ifndef HYPSIM_BOOT_H
#define HYPSIM_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/dtb.h"

struct machine;

#define BOOT_MAX_MODULES DTB_MAX_MODULES

struct boot_module {
	const char *path;
	uint64_t addr;  /* where to load it when have_addr */
	bool have_addr; /* else: the next free 2 MiB boundary above the DTB */
	const char *args; /* its bootargs, or NULL */
};

struct boot_params {
	const char *kernel;
	const char *initrd;   /* NULL: none */
	const char *dtb_file; /* NULL: generate the board's */
	const char *append;   /* /chosen/bootargs, or NULL */
	/* Xen's modules: the first the dom0 kernel, the next its ramdisks */
	struct boot_module modules[BOOT_MAX_MODULES];
	unsigned n_modules;
	/* board, mem_base/mem_size (0: the machine's RAM), cpus and psci
	 * method: filled by the caller; boot_load adds the /chosen part */
	struct dtb_params dt;
	const char *dumpdtb; /* write the final DTB here too, or NULL */
};

struct boot_result {
	uint64_t entry;
	/* Linux's ARM boot protocol: r0 = 0, r1 = machine type (~0: the
	 * device tree says), r2 = the DTB's physical address */
	uint32_t r0, r1, r2;
	uint64_t dtb_addr, dtb_size;
	uint64_t initrd_start, initrd_end; /* equal when there is none */
	const char *kernel_format; /* "ELF", "uImage", "zImage", ... */
};

/* Load everything into the machine's RAM (recorded in m->loaded, and the
 * entry in m->entry_point) and say how to enter the kernel. False with a
 * one-line reason naming the file at fault; the caller exits 2. The
 * cores' registers are left to the caller. */
bool boot_load(struct machine *m, const struct boot_params *p,
	       struct boot_result *out, char *err, size_t errlen);

/* Fill dt->n_cpus and dt->cpus from the machine's cores: "arm," and
 * the core model's name, and the MPIDR affinity the core reports. False
 * (with a reason) for a core model the device tree has no name for or
 * more cores than a DTB lists. */
bool boot_dt_cpus(const struct machine *m, struct dtb_params *dt, char *err,
		  size_t errlen);

/* The CRC-32 of IEEE 802.3 that uImage headers carry (as zlib's
 * crc32(0, data, len)). */
uint32_t boot_crc32(const void *data, size_t len);

#endif
