/* The physical bus (see bus.h). Regions are kept sorted by base; a lookup
 * remembers the last region hit, which serves nearly every access. */
#include "mmu/bus.h"

#include <stdlib.h>
#include <string.h>

void bus_init(struct bus *bus)
{
	memset(bus, 0, sizeof *bus);
}

void bus_destroy(struct bus *bus)
{
	for (unsigned i = 0; i < bus->n_regions; i++)
		if (!bus->regions[i].alias) {
			free(bus->regions[i].host);
			free(bus->regions[i].code_gen);
		}
	free(bus->regions);
	memset(bus, 0, sizeof *bus);
}

static bool in_pa_space(uint64_t base, uint64_t size, const char **err)
{
	if (size == 0 || base + size < base || base + size > (1ull << PA_BITS)) {
		*err = "region outside the 40-bit physical address space";
		return false;
	}
	return true;
}

static bool add_region(struct bus *bus, const struct bus_region *r,
		       const char **err)
{
	if (!in_pa_space(r->base, r->size, err))
		return false;
	for (unsigned i = 0; i < bus->n_regions; i++) {
		const struct bus_region *o = &bus->regions[i];
		if (r->base < o->base + o->size && o->base < r->base + r->size) {
			*err = "region overlaps another";
			return false;
		}
	}
	struct bus_region *n = realloc(bus->regions,
				       (bus->n_regions + 1) * sizeof *n);
	if (!n) {
		*err = "out of memory";
		return false;
	}
	bus->regions = n;
	unsigned pos = 0;
	while (pos < bus->n_regions && bus->regions[pos].base < r->base)
		pos++;
	memmove(&bus->regions[pos + 1], &bus->regions[pos],
		(bus->n_regions - pos) * sizeof *n);
	bus->regions[pos] = *r;
	bus->n_regions++;
	return true;
}

bool bus_add_ram(struct bus *bus, uint64_t base, uint64_t size,
		 const char *name, const char **err)
{
	struct bus_region r = {.base = base, .size = size, .name = name};
	/* checked before the allocation: an impossible size is an error,
	 * not a request for 2^64 bytes */
	if (!in_pa_space(base, size, err))
		return false;
	r.host = calloc(1, size);
	r.code_gen = calloc((size + 0xfff) >> 12, sizeof *r.code_gen);
	if (!r.host || !r.code_gen) {
		free(r.host);
		free(r.code_gen);
		*err = "cannot allocate RAM";
		return false;
	}
	if (!add_region(bus, &r, err)) {
		free(r.host);
		free(r.code_gen);
		return false;
	}
	return true;
}

bool bus_add_alias(struct bus *bus, uint64_t base, uint64_t target,
		   uint64_t size, const char *name, const char **err)
{
	/* whole pages: each page of RAM has one code-write generation,
	 * whichever address it is reached through (bus.h) */
	if ((base | target | size) & 0xfffu) {
		*err = "alias base, target and size must be multiples of 4 KiB";
		return false;
	}
	uint8_t *host = bus_ram_ptr(bus, target, size);
	if (!host) {
		*err = "alias target is not RAM";
		return false;
	}
	struct bus_region r = {.base = base, .size = size, .name = name,
			       .host = host, .alias = true};
	return add_region(bus, &r, err);
}

bool bus_add_device(struct bus *bus, uint64_t base, uint64_t size,
		    const char *name, const struct bus_device_ops *ops,
		    void *opaque, const char **err)
{
	struct bus_region r = {.base = base, .size = size, .name = name,
			       .ops = ops, .opaque = opaque};
	return add_region(bus, &r, err);
}

const struct bus_region *bus_find(const struct bus *bus, uint64_t pa)
{
	unsigned lo = 0, hi = bus->n_regions;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct bus_region *r = &bus->regions[mid];
		if (pa < r->base)
			hi = mid;
		else if (pa - r->base >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

uint8_t *bus_ram_ptr(const struct bus *bus, uint64_t pa, uint64_t len)
{
	const struct bus_region *r = bus_find(bus, pa);
	if (!r || !r->host || pa - r->base + len > r->size)
		return NULL;
	return r->host + (pa - r->base);
}

/* The region that owns the host memory at `host`, or NULL. */
static const struct bus_region *host_owner(const struct bus *bus,
					   const uint8_t *host)
{
	for (unsigned i = 0; i < bus->n_regions; i++) {
		const struct bus_region *r = &bus->regions[i];
		if (r->code_gen && host >= r->host &&
		    (uint64_t)(host - r->host) < r->size)
			return r;
	}
	return NULL;
}

uint32_t *bus_code_gen(const struct bus *bus, const uint8_t *host)
{
	const struct bus_region *r = host_owner(bus, host);
	return r ? &r->code_gen[(uint64_t)(host - r->host) >> 12] : NULL;
}

const uint8_t *bus_code_gen_page(const struct bus *bus, const uint8_t *host)
{
	const struct bus_region *r = host_owner(bus, host);
	return r ? r->host + ((uint64_t)(host - r->host) & ~0xfffull) : NULL;
}

void bus_host_written(const struct bus *bus, const uint8_t *host,
		      uint64_t len)
{
	const struct bus_region *r = host_owner(bus, host);
	if (!r || len == 0)
		return;
	uint64_t off = (uint64_t)(host - r->host);
	uint64_t last = off + len - 1;
	if (last >= r->size)
		last = r->size - 1;
	for (uint64_t p = off >> 12; p <= last >> 12; p++)
		bus_code_gen_written(&r->code_gen[p]);
}

void bus_ram_written(const struct bus *bus, uint64_t pa, uint64_t len)
{
	while (len > 0) {
		const struct bus_region *r = bus_find(bus, pa);
		if (!r)
			return;
		uint64_t n = r->size - (pa - r->base);
		if (n > len)
			n = len;
		if (r->host)
			bus_host_written(bus, r->host + (pa - r->base), n);
		pa += n;
		len -= n;
	}
}

static inline uint64_t load_le(const uint8_t *p, unsigned size)
{
	switch (size) {
	case 1: return p[0];
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
	default: { uint64_t v; memcpy(&v, p, 8); return v; }
	}
}

static inline void store_le(uint8_t *p, unsigned size, uint64_t v)
{
	switch (size) {
	case 1: p[0] = (uint8_t)v; break;
	case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
	default: memcpy(p, &v, 8); break;
	}
}

bool bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *val,
	      struct cpu *cpu)
{
	const struct bus_region *r = bus_find(bus, pa);
	if (!r || pa - r->base + size > r->size)
		return false;
	if (r->host) {
		*val = load_le(r->host + (pa - r->base), size);
		return true;
	}
	return r->ops->read && r->ops->read(r->opaque, pa - r->base, size, val, cpu);
}

bool bus_write(struct bus *bus, uint64_t pa, unsigned size, uint64_t val,
	       struct cpu *cpu)
{
	const struct bus_region *r = bus_find(bus, pa);
	if (!r || pa - r->base + size > r->size)
		return false;
	if (r->host) {
		store_le(r->host + (pa - r->base), size, val);
		bus_host_written(bus, r->host + (pa - r->base), size);
		return true;
	}
	return r->ops->write && r->ops->write(r->opaque, pa - r->base, size, val, cpu);
}
