/* The machine most unit tests run their core on: the `bare` board (RAM
 * and semihosting) with one cluster of `cores` cores of `model`, RAM of
 * `size` bytes at `base`, every core reset into `entry` at `pc`. A
 * configuration machine_init refuses fails the test with its message. */
#ifndef HYPSIM_UNIT_MACHINE_H
#define HYPSIM_UNIT_MACHINE_H

#include <check.h>
#include <stdint.h>

#include "cp15/core_model.h"
#include "sim/machine.h"

static inline void unit_machine(struct machine *m,
				const struct core_model *model,
				unsigned cores, uint64_t base, uint64_t size,
				enum entry_state entry, uint32_t pc)
{
	struct machine_config cfg = {0};
	cfg.board = "bare";
	cfg.clusters[0].model = model;
	cfg.clusters[0].count = cores;
	cfg.n_clusters = 1;
	cfg.mem_base = base;
	cfg.mem_size = size;
	cfg.entry = entry;
	char err[200];
	ck_assert_msg(machine_init(m, &cfg, err, sizeof err), "%s", err);
	machine_reset(m, pc);
}

#endif
