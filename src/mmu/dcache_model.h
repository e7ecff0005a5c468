/* Data-cache model (see dcache.c). */
#ifndef HYPSIM_DCACHE_MODEL_H
#define HYPSIM_DCACHE_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct bus;
struct cpu;
struct core_model;
struct dcache_model;

/* The model of a machine whose first core is of `model` (NULL if that
 * model has no L1 data cache). Each core gets an L1 of its own model's
 * geometry at its first cacheable access (see dcache.c). */
struct dcache_model *dcache_model_create(const struct core_model *model);
void dcache_model_destroy(struct dcache_model *d);
/* Whether a data access with these attributes goes through the cache in
 * the current regime. */
bool dcache_access_cacheable(const struct cpu *cpu, uint8_t memattr);
bool dcache_read(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t *val,
		 uint8_t memattr);
bool dcache_write(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t val,
		  uint8_t memattr);
/* A translation table walk's read of a core whose walks are coherent
 * with the data cache (core_model.coherent_walk): the line of whichever
 * core's L1 holds it, else memory. Nothing is allocated or changed. */
bool dcache_walk_read(struct cpu *cpu, uint64_t pa, unsigned size,
		      uint64_t *val);
/* The view a debugger or semihosting has: the cached copy of a line when
 * the model holds one, else memory (no allocation, no state change). */
bool dcache_debug_read(struct bus *bus, uint64_t pa, unsigned size,
		       uint64_t *val);
bool dcache_debug_write(struct bus *bus, uint64_t pa, unsigned size,
			uint64_t val);
unsigned dcache_dirty_lines(const struct dcache_model *d);
void dcache_dump(const struct dcache_model *d, FILE *out);

#endif
