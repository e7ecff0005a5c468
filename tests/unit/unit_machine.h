/* The machine most unit tests run their core on: the `bare` board (RAM
 * and semihosting) with one cluster of `cores` cores of `model`, RAM of
 * `size` bytes at `base`, every core reset into `entry` at `pc`. A
 * configuration machine_init refuses fails the test with its message. */
#ifndef HYPSIM_UNIT_MACHINE_H
#define HYPSIM_UNIT_MACHINE_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/mmu.h"
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

/* The short-descriptor translation of PL1&0 on, in both Security states'
 * registers, from the L1 table at `l1` (TTBR0, TTBCR 0), every domain a
 * client. */
static inline void unit_short_mmu_on(struct cpu *cpu, uint32_t l1)
{
	for (unsigned bank = 0; bank < 2; bank++) {
		cpu->cp15.ttbr0[bank] = l1;
		cpu->cp15.ttbcr[bank] = 0;
		cpu->cp15.dacr[bank] = 0x55555555u;
		cpu->cp15.sctlr[bank] |= SCTLR_M;
	}
	mmu_context_changed(cpu);
}

/* Two one-core Cortex-A15 machines for comparing the engines: [0] runs
 * the step engine, [1] the block engine (with generated code when
 * `codegen`, else the threaded loop alone); 1 MiB of RAM at `base`, SVC
 * entry at `pc`, the I-cache model `icache_model`, and the guest's
 * SCTLR.I (both banks) set or clear. */
static inline void unit_engine_pair(struct machine ms[2], uint64_t base,
				    uint32_t pc, bool icache_model,
				    bool icache_on_in_guest, bool codegen)
{
	for (unsigned k = 0; k < 2; k++) {
		struct machine_config cfg = {0};
		cfg.board = "bare";
		cfg.clusters[0].model = &cortex_a15_model;
		cfg.clusters[0].count = 1;
		cfg.n_clusters = 1;
		cfg.mem_base = base;
		cfg.mem_size = 1 << 20;
		cfg.entry = ENTRY_SVC;
		cfg.icache_model = icache_model;
		cfg.cache_seed = 1;
		cfg.engine_block = k == 1;
		cfg.engine_codegen = k == 1 && codegen;
		char err[200];
		ck_assert_msg(machine_init(&ms[k], &cfg, err, sizeof err),
			      "%s", err);
		machine_reset(&ms[k], pc);
		struct cpu *cpu = &ms[k].cpus[0];
		for (unsigned bank = 0; bank < 2; bank++) {
			if (icache_on_in_guest)
				cpu->cp15.sctlr[bank] |= SCTLR_I;
			else
				cpu->cp15.sctlr[bank] &= ~SCTLR_I;
		}
	}
	ck_assert(ms[1].cpus[0].blocks != NULL);
	ck_assert(ms[0].cpus[0].blocks == NULL);
}

#endif
