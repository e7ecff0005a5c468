/* The boards' description tables (see board.h). */
#include "devices/board.h"

#include <stddef.h>
#include <string.h>

#define KiB 1024ull
#define MiB (1024ull * KiB)
#define GiB (1024ull * MiB)

/* QEMU's `virt` machine as run with virtualization=on, highmem=off,
 * gic-version=2: the GICv2 with its virtualization frames, one PL011 and
 * one PL031 (QEMU's memory map, hw/arm/virt.c, minus the devices hypsim
 * does not model). */
static const struct board_device virt_devices[] = {
	{BOARD_DEV_GICD, "intc", 0x08000000, 0x10000, BOARD_NO_IRQ},
	{BOARD_DEV_GICC, "intc", 0x08010000, 0x10000, BOARD_NO_IRQ},
	{BOARD_DEV_GICH, "intc", 0x08030000, 0x10000, BOARD_NO_IRQ},
	{BOARD_DEV_GICV, "intc", 0x08040000, 0x10000, BOARD_NO_IRQ},
	{BOARD_DEV_PL011, "pl011", 0x09000000, 0x1000, 1},
	{BOARD_DEV_PL031, "pl031", 0x09010000, 0x1000, 2},
};

static const struct board_desc boards[] = {
	{
		.name = "virt",
		.dt_compatible = "linux,dummy-virt",
		/* RAM from 1 GiB up to the 4 GiB boundary: without
		 * highmem there is nothing above it, so at most 3 GiB */
		.ram_base = 0x40000000,
		.ram_max = 3 * GiB,
		.devices = virt_devices,
		.n_devices = sizeof virt_devices / sizeof virt_devices[0],
		/* The PPI assignments the Server Base System Architecture
		 * recommends (ARM DEN 0029), which QEMU's virt uses */
		.ppi = {
			.maintenance = 9,
			.hyp_timer = 10,
			.virt_timer = 11,
			.sec_phys_timer = 13,
			.ns_phys_timer = 14,
		},
		/* 32 SGIs and PPIs + 256 SPIs: QEMU virt's NUM_IRQS */
		.gic_ids = 288,
		.max_cpus = 8,
		.apb_clock_hz = 24000000,
		/* QEMU's placement, 64 KiB into RAM. Linux's booting.rst
		 * allows a zImage anywhere in the first 128 MiB; its
		 * decompressor moves itself out of the way when needed */
		.kernel_offset = 0x10000,
	},
};

const struct board_desc *board_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++)
		if (strcmp(boards[i].name, name) == 0)
			return &boards[i];
	return NULL;
}

const struct board_device *board_device(const struct board_desc *b,
					enum board_dev_kind kind)
{
	for (unsigned i = 0; i < b->n_devices; i++)
		if (b->devices[i].kind == kind)
			return &b->devices[i];
	return NULL;
}
