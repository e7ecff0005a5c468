/* Data-cache model (--dcache-model on) and data-cache maintenance.
 *
 * What it models: the cores' data caches as one write-back, write-allocate
 * cache shared by every core of the machine, with the geometry of the L1
 * data cache of the first core's model (CCSIDR with CSSELR = 0).
 *  - One cache for all cores: the cores' data caches are coherent with each
 *    other (ACTLR.SMP, B2.2.? "coherency" — hardware keeps them so), so the
 *    only incoherence software can observe is between cacheable accesses and
 *    memory. Sharing one model gives exactly that and nothing more.
 *  - One level: the L2 is taken as part of memory, so a clean to the Point
 *    of Unification and a clean to the Point of Coherency both write the
 *    line back to memory. A program that cleans only to PoU where PoC was
 *    needed is not caught (documented limit).
 *  - Cacheable accesses are those of a regime whose C bit (SCTLR.C or
 *    HSCTLR.C) is set, to memory whose attributes are Inner Write-Back or
 *    Write-Through (B3.2.1: with the MMU off, data accesses are
 *    Strongly-ordered, so never cacheable). Write-Through writes go to
 *    memory as well. Everything else goes straight to memory and does not
 *    look at the cache: a Non-cacheable read of a dirty line's address sees
 *    memory, as on silicon.
 *  - Instruction fetches and the I-cache fill from memory, so code written
 *    through the data cache must be cleaned to PoU before it can run.
 * Without --dcache-model every access goes to memory and the maintenance
 * operations only report themselves. */
#include "mmu/dcache_model.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/cache_ops.h"
#include "mmu/mmu.h"

struct dline {
	bool valid, dirty;
	uint64_t tag; /* pa >> line_shift */
	uint64_t lru; /* 64-bit: a 32-bit age wraps after 2^32 accesses */
	uint8_t *bytes;
};

struct dcache_model {
	unsigned line_bytes, ways, sets, line_shift;
	struct dline *lines;
	uint8_t *storage;
	uint64_t tick;
	uint64_t writebacks, fills, lost_dirty;
};

struct dcache_model *dcache_model_create(const struct core_model *model)
{
	uint32_t ccsidr = model->ccsidr[CSSELR_L1D];
	if (!ccsidr)
		return NULL;
	struct dcache_model *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->line_bytes = ccsidr_line_bytes(ccsidr);
	d->ways = ccsidr_ways(ccsidr);
	d->sets = ccsidr_sets(ccsidr);
	d->line_shift = (unsigned)__builtin_ctz(d->line_bytes);
	size_t n = (size_t)d->ways * d->sets;
	d->lines = calloc(n, sizeof *d->lines);
	d->storage = calloc(n, d->line_bytes);
	if (!d->lines || !d->storage) {
		dcache_model_destroy(d);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		d->lines[i].bytes = d->storage + i * d->line_bytes;
	return d;
}

void dcache_model_destroy(struct dcache_model *d)
{
	if (!d)
		return;
	free(d->lines);
	free(d->storage);
	free(d);
}

static inline struct dline *set_of(struct dcache_model *d, uint64_t pa)
{
	return &d->lines[((pa >> d->line_shift) & (d->sets - 1)) * d->ways];
}

static struct dline *find(struct dcache_model *d, uint64_t pa)
{
	struct dline *set = set_of(d, pa);
	uint64_t tag = pa >> d->line_shift;
	for (unsigned w = 0; w < d->ways; w++)
		if (set[w].valid && set[w].tag == tag)
			return &set[w];
	return NULL;
}

static void write_back(struct dcache_model *d, struct bus *bus,
		       struct dline *l)
{
	if (!l->valid || !l->dirty)
		return;
	uint8_t *mem = bus_ram_ptr(bus, l->tag << d->line_shift, d->line_bytes);
	if (mem)
		memcpy(mem, l->bytes, d->line_bytes);
	l->dirty = false;
	d->writebacks++;
}

/* Allocate the line for pa (evicting, and writing back, the least
 * recently used way). NULL if the line is not RAM. */
static struct dline *allocate(struct dcache_model *d, struct bus *bus,
			      uint64_t pa)
{
	uint64_t line_pa = pa & ~(uint64_t)(d->line_bytes - 1);
	const uint8_t *mem = bus_ram_ptr(bus, line_pa, d->line_bytes);
	if (!mem)
		return NULL;
	struct dline *set = set_of(d, pa), *victim = &set[0];
	for (unsigned w = 0; w < d->ways; w++) {
		if (!set[w].valid) {
			victim = &set[w];
			break;
		}
		if (set[w].lru < victim->lru)
			victim = &set[w];
	}
	write_back(d, bus, victim);
	memcpy(victim->bytes, mem, d->line_bytes);
	victim->valid = true;
	victim->dirty = false;
	victim->tag = pa >> d->line_shift;
	d->fills++;
	return victim;
}

/* Whether a data access of the current regime is cacheable. */
bool dcache_access_cacheable(const struct cpu *cpu, uint8_t memattr)
{
	uint32_t ctl = cpu_mode(cpu) == MODE_HYP
			       ? cpu->cp15.hsctlr
			       : cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1];
	bool dc = !cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_HYP &&
		  (cpu->cp15.hcr & HCR_DC);
	return ((ctl & SCTLR_C) || dc) && mmu_attr_inner_cacheable(memattr);
}

static inline bool write_through(uint8_t memattr)
{
	return (memattr & 0xcu) == 0x8u; /* inner 0b10RW */
}

bool dcache_read(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t *val,
		 uint8_t memattr)
{
	struct dcache_model *d = cpu->bus->dcache;
	unsigned off = (unsigned)(pa & (d->line_bytes - 1));
	if (off + size > d->line_bytes)
		return bus_read(cpu->bus, pa, size, val, cpu);
	struct dline *l = find(d, pa);
	if (!l)
		l = allocate(d, cpu->bus, pa);
	if (!l)
		return bus_read(cpu->bus, pa, size, val, cpu);
	l->lru = ++d->tick;
	uint64_t v = 0;
	memcpy(&v, l->bytes + off, size);
	*val = v;
	(void)memattr;
	return true;
}

bool dcache_write(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t val,
		  uint8_t memattr)
{
	struct dcache_model *d = cpu->bus->dcache;
	unsigned off = (unsigned)(pa & (d->line_bytes - 1));
	if (off + size > d->line_bytes)
		return bus_write(cpu->bus, pa, size, val, cpu);
	struct dline *l = find(d, pa);
	if (write_through(memattr)) {
		/* Write-Through: memory always, the line when present
		 * (no write-allocate for WT on these cores). */
		if (l)
			memcpy(l->bytes + off, &val, size);
		return bus_write(cpu->bus, pa, size, val, cpu);
	}
	if (!l)
		l = allocate(d, cpu->bus, pa);
	if (!l)
		return bus_write(cpu->bus, pa, size, val, cpu);
	l->lru = ++d->tick;
	memcpy(l->bytes + off, &val, size);
	l->dirty = true;
	return true;
}

bool dcache_debug_read(struct bus *bus, uint64_t pa, unsigned size,
		       uint64_t *val)
{
	struct dcache_model *d = bus->dcache;
	if (d) {
		unsigned off = (unsigned)(pa & (d->line_bytes - 1));
		struct dline *l = off + size <= d->line_bytes ? find(d, pa) : NULL;
		if (l) {
			uint64_t v = 0;
			memcpy(&v, l->bytes + off, size);
			*val = v;
			return true;
		}
	}
	return bus_read(bus, pa, size, val, NULL);
}

bool dcache_debug_write(struct bus *bus, uint64_t pa, unsigned size,
			uint64_t val)
{
	struct dcache_model *d = bus->dcache;
	if (d) {
		unsigned off = (unsigned)(pa & (d->line_bytes - 1));
		struct dline *l = off + size <= d->line_bytes ? find(d, pa) : NULL;
		if (l)
			memcpy(l->bytes + off, &val, size); /* keeps its dirty state */
	}
	return bus_write(bus, pa, size, val, NULL);
}

unsigned dcache_dirty_lines(const struct dcache_model *d)
{
	unsigned n = 0;
	for (size_t i = 0; i < (size_t)d->sets * d->ways; i++)
		n += d->lines[i].valid && d->lines[i].dirty;
	return n;
}

void dcache_dump(const struct dcache_model *d, FILE *out)
{
	fprintf(out, "D-cache model: %u sets x %u ways x %u bytes, %u dirty; "
		     "%llu fills, %llu write-backs, %llu dirty lines discarded\n",
		d->sets, d->ways, d->line_bytes, dcache_dirty_lines(d),
		(unsigned long long)d->fills, (unsigned long long)d->writebacks,
		(unsigned long long)d->lost_dirty);
	for (size_t i = 0; i < (size_t)d->sets * d->ways; i++) {
		const struct dline *l = &d->lines[i];
		if (l->valid && l->dirty)
			fprintf(out, "  set %4zu way %zu: PA 0x%010llx dirty\n",
				i / d->ways, i % d->ways,
				(unsigned long long)(l->tag << d->line_shift));
	}
}

/* ---- maintenance (B4.2.1) ---- */

static const char *const op_names[] = {
	[DC_IMVAC] = "DCIMVAC", [DC_ISW] = "DCISW",
	[DC_CMVAC] = "DCCMVAC", [DC_CSW] = "DCCSW",
	[DC_CMVAU] = "DCCMVAU", [DC_CIMVAC] = "DCCIMVAC",
	[DC_CISW] = "DCCISW",
};

static unsigned apply(struct dcache_model *d, struct bus *bus, struct dline *l,
		      bool clean, bool invalidate)
{
	if (!l || !l->valid)
		return 0;
	if (clean)
		write_back(d, bus, l);
	if (invalidate) {
		if (l->dirty)
			d->lost_dirty++; /* DCIMVAC/DCISW discard dirty data */
		l->valid = false;
		l->dirty = false;
		return 1;
	}
	return 0;
}

void dcache_maintain(struct cpu *cpu, enum dcache_op op, uint32_t arg)
{
	struct dcache_model *d = cpu->bus->dcache;
	unsigned removed = 0;
	bool clean = op != DC_IMVAC && op != DC_ISW;
	bool invalidate = op == DC_IMVAC || op == DC_ISW || op == DC_CIMVAC ||
			  op == DC_CISW;
	if (d && (op == DC_ISW || op == DC_CSW || op == DC_CISW)) {
		/* Set/way format (B4.2.1): level in [3:1], set in
		 * [L+S-1:L], way in [31:32-A]. Only level 1 (the modelled
		 * cache) is affected; level 2 is part of memory here. */
		unsigned level = (arg >> 1) & 7;
		if (level == 0) {
			unsigned a = d->ways > 1 ? 32 - (unsigned)__builtin_clz(d->ways - 1) : 0;
			unsigned way = a ? arg >> (32 - a) : 0;
			unsigned set = (arg >> d->line_shift) & (d->sets - 1);
			if (way < d->ways)
				removed = apply(d, cpu->bus,
						&d->lines[set * d->ways + way], clean,
						invalidate);
		}
	} else if (d) {
		/* By MVA: translated by the current regime. A translation
		 * that faults makes the operation do nothing (hypsim raises
		 * no abort from cache maintenance; B2.2.6 permits both). */
		struct mmu_result res;
		struct mmu_fault fault;
		if (mmu_translate(cpu, arg, MMU_READ, 0, &res, &fault))
			removed = apply(d, cpu->bus, find(d, res.pa), clean,
					invalidate);
	}
	cpu_notify_maintenance(cpu, op_names[op], arg, removed);
}
