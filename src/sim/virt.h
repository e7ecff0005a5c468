/* The `virt` board as a machine: the devices of its table
 * (src/devices/board.c) built, mapped and wired — the GIC with its
 * virtualization frames, each core's timers on their PPIs, the PL011 on
 * the host console, the PL031 on the machine's clock — and PSCI firmware
 * behind SMC (the machine starts in Hyp mode) or HVC (it starts below). */
#ifndef HYPSIM_VIRT_H
#define HYPSIM_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "devices/gic.h"
#include "devices/pl011.h"
#include "devices/pl031.h"
#include "devices/psci.h"

struct machine;
struct console;
struct board_desc;

struct virt_board {
	const struct board_desc *desc;
	struct gic gic;
	struct pl011 uart;
	struct pl031 rtc;
	struct psci psci;
	struct console *console; /* host end of the UART; NULL: output only */
	uint64_t polled_at; /* the machine time the console was polled */
};

/* Build the board's devices on a machine whose cores exist (machine_init
 * calls it for `--board virt`). False with a one-line reason. */
bool virt_board_create(struct machine *m, char *err, size_t errlen);
void virt_board_destroy(struct machine *m);
/* Devices to their reset state (machine_reset). */
void virt_board_reset(struct machine *m);

#endif
