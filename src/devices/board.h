/* Board descriptions: one constant table per board says where RAM may
 * be, which devices sit where on the bus and which interrupts they use.
 * The machine is built from it and the device tree handed to the guest
 * is generated from it (devices/dtb.c), so the two cannot disagree. A new
 * board (Versatile Express TC2 later) is one more table in board.c. */
#ifndef HYPSIM_BOARD_H
#define HYPSIM_BOARD_H

#include <stdint.h>

/* GIC interrupt IDs (IHI 0048B 2.2.1): SGIs are 0-15, PPIs 16-31, SPIs
 * from 32. The device tree names a PPI or SPI by its number inside its
 * class, the GIC's registers by ID. */
#define BOARD_PPI_ID(n) (16u + (n))
#define BOARD_SPI_ID(n) (32u + (n))

enum board_dev_kind {
	BOARD_DEV_GICD,  /* GIC Distributor (IHI 0048B 4.1) */
	BOARD_DEV_GICC,  /* GIC CPU interface */
	BOARD_DEV_GICH,  /* virtual interface control (IHI 0048B 5.3) */
	BOARD_DEV_GICV,  /* virtual CPU interface */
	BOARD_DEV_PL011, /* UART (ARM DDI 0183G) */
	BOARD_DEV_PL031, /* real-time clock (ARM DDI 0224C) */
};

#define BOARD_NO_IRQ (-1)

struct board_device {
	enum board_dev_kind kind;
	/* the device tree node's name before the '@' ("pl011") */
	const char *dt_name;
	uint64_t base, size;
	int spi; /* SPI number (GIC ID BOARD_SPI_ID(spi)), or BOARD_NO_IRQ */
};

struct board_desc {
	const char *name;
	/* root node compatible and model strings */
	const char *dt_compatible;
	/* RAM starts at ram_base and may extend to ram_base + ram_max */
	uint64_t ram_base, ram_max;
	const struct board_device *devices;
	unsigned n_devices;
	/* PPI numbers (GIC ID BOARD_PPI_ID(n)) of the GIC's maintenance
	 * interrupt and of the generic timer's four outputs, which the
	 * architecture wires to each core's own PPIs (ARM DDI 0406C
	 * B8.1.1) */
	struct {
		unsigned maintenance, hyp_timer, virt_timer;
		unsigned sec_phys_timer, ns_phys_timer;
	} ppi;
	unsigned gic_ids; /* interrupt IDs the GIC implements (SGI+PPI+SPI) */
	/* GICv2 targets at most 8 CPU interfaces (IHI 0048B 1.1); the
	 * device tree's PPI CPU mask has 8 bits for the same reason */
	unsigned max_cpus;
	/* the UARTs' reference and bus clock (the "apb-pclk" fixed clock) */
	uint32_t apb_clock_hz;
	/* where a zImage or raw kernel is placed above ram_base */
	uint64_t kernel_offset;
};

/* The board called `name`, or NULL. */
const struct board_desc *board_find(const char *name);
/* The first device of `kind` on the board, or NULL. */
const struct board_device *board_device(const struct board_desc *b,
					enum board_dev_kind kind);

#endif
