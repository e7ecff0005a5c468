/* The physical bus: 40-bit physical addresses, RAM regions backed by host
 * memory, and devices (MMIO) with read/write callbacks. Devices see only
 * the bus (DESIGN.md). */
#ifndef HYPSIM_BUS_H
#define HYPSIM_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PA_BITS 40
#define PA_MASK ((1ull << PA_BITS) - 1)

struct cpu;

struct bus_device_ops {
	/* size is 1, 2, 4 or 8; return false for an external abort */
	bool (*read)(void *opaque, uint64_t offset, unsigned size,
		     uint64_t *val, struct cpu *cpu);
	bool (*write)(void *opaque, uint64_t offset, unsigned size,
		      uint64_t val, struct cpu *cpu);
};

struct bus_region {
	uint64_t base, size;
	const char *name;
	uint8_t *host; /* RAM: host memory; NULL for a device */
	bool alias;    /* host belongs to another region */
	/* RAM that owns its host memory: the code-write generation of each
	 * 4 KiB page (bus_code_gen); NULL for an alias and a device */
	uint32_t *code_gen;
	const struct bus_device_ops *ops;
	void *opaque;
};

struct dcache_model;

struct bus {
	struct bus_region *regions;
	unsigned n_regions;
	/* The data-cache model between cacheable accesses and memory, or
	 * NULL (--dcache-model off): see mmu/dcache.c. */
	struct dcache_model *dcache;
};

void bus_init(struct bus *bus);
void bus_destroy(struct bus *bus);
/* Add RAM; returns false (with reason in *err) if it overlaps a region. */
bool bus_add_ram(struct bus *bus, uint64_t base, uint64_t size,
		 const char *name, const char **err);
/* A window at `base` onto `size` bytes of the RAM region that holds
 * `target` (a boot alias: the same memory at two physical addresses). */
bool bus_add_alias(struct bus *bus, uint64_t base, uint64_t target,
		   uint64_t size, const char *name, const char **err);
bool bus_add_device(struct bus *bus, uint64_t base, uint64_t size,
		    const char *name, const struct bus_device_ops *ops,
		    void *opaque, const char **err);
const struct bus_region *bus_find(const struct bus *bus, uint64_t pa);
/* Host pointer to `len` bytes of RAM at pa, or NULL if not all RAM. */
uint8_t *bus_ram_ptr(const struct bus *bus, uint64_t pa, uint64_t len);
/* Code-write generations. The block engine (cpu/block.c) runs code it
 * decoded earlier from RAM that no I-cache line holds; it must notice any
 * write to that RAM, by a core, a D-cache write-back, a debugger or a
 * loader. Each 4 KiB page of RAM has a generation: odd while blocks have
 * been decoded from the page since it was last written, even otherwise.
 * Every write to RAM, except the cores' data-memo stores, passes
 * through bus_ram_written, which moves an odd generation to the next
 * (even) one; the data memo stores only to pages whose generation is
 * even (its entries are emptied when one is made odd), so a write to a
 * page with decoded code always takes the way that moves it. A block is valid while its page holds the generation it
 * recorded (bus_code_gen_mark). */

/* The generation word of the page that holds `host` (a host pointer into
 * RAM), or NULL when `host` is not RAM. */
uint32_t *bus_code_gen(const struct bus *bus, const uint8_t *host);
/* The host byte at which that page starts (NULL when not RAM). */
const uint8_t *bus_code_gen_page(const struct bus *bus, const uint8_t *host);
/* Pages [host, host + len) of RAM written (any length, any alignment). */
void bus_host_written(const struct bus *bus, const uint8_t *host,
		      uint64_t len);
/* The same for physical addresses: the RAM part of [pa, pa + len). */
void bus_ram_written(const struct bus *bus, uint64_t pa, uint64_t len);
/* A generation moved to "written" (even) when it was "has code". */
static inline void bus_code_gen_written(uint32_t *gen)
{
	*gen += *gen & 1u;
}
/* Blocks decoded from the page: its generation made odd; the value a
 * block records and compares. The cores call it through
 * cpu_code_gen_mark (cpu/cpu.h), which first empties their store memos'
 * entries for the page when it had no decoded code. */
static inline uint32_t bus_code_gen_mark(uint32_t *gen)
{
	*gen |= 1u;
	return *gen;
}

/* Physical access; false = external abort (no region or device refused).
 * Little-endian value order; the CPU applies CPSR.E. */
bool bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *val,
	      struct cpu *cpu);
bool bus_write(struct bus *bus, uint64_t pa, unsigned size, uint64_t val,
	       struct cpu *cpu);

#endif
