/* The block engine (block.c): runs pre-decoded straight-line runs of
 * instructions with exactly the effects the step engine (step.c) gives
 * them, one step at a time. */
#ifndef HYPSIM_BLOCK_H
#define HYPSIM_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* Allocate the core's block cache (false on host out-of-memory: the core
 * then runs the step engine only). */
bool block_cache_create(struct cpu *cpu);
void block_cache_destroy(struct cpu *cpu);

/* Run at most `max` steps (a step is what one step_one call does: one
 * instruction retired, or an interrupt taken) from blocks at the PC, and
 * with the step engine where no block can run. Returns the number of
 * steps made (0 only without a block cache or with max 0); *r is the
 * last step's result. Stops after a step that set *stop, or whose
 * result was not EXEC_OK, for cpu_run's checks. */
uint64_t block_run(struct cpu *cpu, uint64_t max, const volatile int *stop,
		   enum exec_result *r);

/* The PC, icount and encoding of the specialised load or store a block
 * is running (cpu->mem_insn), written into the core: called by
 * cpu_read/cpu_write, the way out of the data fast path, before anything
 * can read them. Clears cpu->mem_insn. */
void block_mem_commit(struct cpu *cpu);

/* Counters for tests and benchmarks. */
struct block_stats {
	uint64_t built, entered, insns;
	uint64_t stale; /* found with changed lines or code: relinked or
			 * built again */
	/* --engine-check: block entries whose encodings differed from what
	 * the step engine's fetches return (each one a hypsim bug; the step
	 * engine ran those instructions instead) */
	uint64_t check_failures;
	/* the code generator's buffer: bytes in use, and the times it was
	 * full and forgotten */
	uint64_t code_bytes, code_resets;
	/* of the block runs (entered), those generated code went on into
	 * from the block before it without returning */
	uint64_t code_chained;
	/* clean ends' jumps patched to go straight into the next block's
	 * code (its direct entry) */
	uint64_t code_patched;
	/* loads and stores of generated code that left its inline fast
	 * path (the data memo missed: a new page, a device, a fault) and
	 * called their handler */
	uint64_t code_full_ways;
	/* of the others, those found after a clean run from the block
	 * before (block_chained) without block_at's checks */
	uint64_t followed;
};
void block_get_stats(const struct cpu *cpu, struct block_stats *s);

#endif
