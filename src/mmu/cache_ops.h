/* Cache maintenance operations (ARM DDI 0406C B4.2.1), called by the CP15
 * table and implemented by the cache models (icache.c, dcache.c). Each
 * notifies observers itself (cpu_notify_maintenance) with the number of
 * lines it removed on the issuing core. */
#ifndef HYPSIM_CACHE_OPS_H
#define HYPSIM_CACHE_OPS_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* ICIALLU (inner_shareable=false) / ICIALLUIS (true). */
void icache_invalidate_all(struct cpu *cpu, bool inner_shareable);
/* ICIMVAU: invalidate by virtual address to PoU. */
void icache_invalidate_mva(struct cpu *cpu, uint32_t va);
/* BPIALL / BPIALLIS / BPIMVA: the branch predictor is not modelled (it
 * holds no state that can change behaviour here), but the operation is
 * reported. */
void bp_invalidate(struct cpu *cpu, const char *op, uint32_t arg,
		   bool inner_shareable);

/* Data and unified cache operations. */
enum dcache_op {
	DC_IMVAC,  /* DCIMVAC: invalidate by MVA to PoC */
	DC_ISW,    /* DCISW: invalidate by set/way */
	DC_CMVAC,  /* DCCMVAC: clean by MVA to PoC */
	DC_CSW,    /* DCCSW: clean by set/way */
	DC_CMVAU,  /* DCCMVAU: clean by MVA to PoU */
	DC_CIMVAC, /* DCCIMVAC: clean and invalidate by MVA to PoC */
	DC_CISW,   /* DCCISW: clean and invalidate by set/way */
};
void dcache_maintain(struct cpu *cpu, enum dcache_op op, uint32_t arg);

#endif
