/* Data-cache model (--dcache-model on) and data-cache maintenance.
 *
 * What it models: each core's L1 data cache, write-back and
 * write-allocate, with the geometry of that core's own model (CCSIDR with
 * CSSELR = 0: Cortex-A15 2 ways x 256 sets, Cortex-A7 4 ways x 128 sets,
 * both with 64-byte lines), so a mixed machine has caches of both shapes.
 *  - Private to a core: its L1 lines and their replacement state, and the
 *    set/way operations (DCISW, DCCSW, DCCISW), which act on the L1 of
 *    the core that executes them only and decode their argument with that
 *    cache's geometry (ARM DDI 0406C B4.2.1: set/way operations apply to
 *    the caches of the processor that executes them).
 *  - Shared by every core: memory, and with it the L2 and the points of
 *    coherency and unification. The L2 is not modelled (it is taken as
 *    part of memory), so PoU and PoC are both memory here: a clean to PoU
 *    writes the line back to memory, and a program that cleans only to
 *    PoU where PoC was needed is not caught (documented limit).
 *  - Coherency between the L1s (hardware keeps the cores' data caches
 *    coherent when ACTLR.SMP is set; the model keeps them coherent
 *    always): every valid copy of a line holds the same bytes and at most
 *    one copy is dirty. A core that misses takes the line from another
 *    core's L1 when one holds it, clean in its own cache, while the dirty
 *    copy stays dirty where it is (as a MOESI "Owned" line: nothing is
 *    written back to memory on the way); a Write-Back write removes
 *    every other copy, and a Write-Through write updates every copy and
 *    memory. So the incoherence software can observe is only the one
 *    between the caches and memory (non-cacheable accesses, I-cache
 *    fills, a table walker that is not coherent), as on silicon.
 *  - Maintenance by MVA (DCIMVAC, DCCMVAC, DCCMVAU, DCCIMVAC) reaches the
 *    line in every core's L1: on a multiprocessor they act on every cache
 *    of the shareability domain (B4.2.1), and every core here is in the
 *    Inner Shareable domain.
 *  - Cacheable accesses are those of a regime whose C bit (SCTLR.C or
 *    HSCTLR.C) is set, to memory whose attributes are Inner Write-Back or
 *    Write-Through (B3.2.1: with the MMU off, data accesses are
 *    Strongly-ordered, so never cacheable). Everything else goes straight
 *    to memory and does not look at the cache: a Non-cacheable read of a
 *    dirty line's address sees memory, as on silicon.
 *  - Translation table walks of a core whose model says its walks are
 *    coherent with the data cache (core_model.coherent_walk) see the
 *    lines of every L1 (dcache_walk_read); other cores' walks read memory.
 *  - Instruction fetches and the I-cache fill from memory, so code written
 *    through the data cache must be cleaned to PoU before it can run.
 * A core's L1 is built at its first cacheable access (the machine makes
 * the model before the cores). Without --dcache-model every access goes
 * to memory and the maintenance operations only report themselves. */
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

/* One core's L1 data cache. */
struct dcache_l1 {
	unsigned line_bytes, ways, sets, line_shift;
	struct dline *lines;
	uint8_t *storage;
	uint64_t tick; /* 64-bit, as dline.lru */
};

struct dcache_model {
	struct dcache_l1 **l1; /* by cpu->index; NULL before its first use */
	unsigned n_l1;
	uint64_t writebacks, fills, transfers, lost_dirty;
};

static void l1_destroy(struct dcache_l1 *c)
{
	if (!c)
		return;
	free(c->lines);
	free(c->storage);
	free(c);
}

static struct dcache_l1 *l1_create(uint32_t ccsidr)
{
	if (!ccsidr)
		return NULL;
	struct dcache_l1 *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->line_bytes = ccsidr_line_bytes(ccsidr);
	c->ways = ccsidr_ways(ccsidr);
	c->sets = ccsidr_sets(ccsidr);
	c->line_shift = (unsigned)__builtin_ctz(c->line_bytes);
	size_t n = (size_t)c->ways * c->sets;
	c->lines = calloc(n, sizeof *c->lines);
	c->storage = calloc(n, c->line_bytes);
	if (!c->lines || !c->storage) {
		l1_destroy(c);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		c->lines[i].bytes = c->storage + i * c->line_bytes;
	return c;
}

struct dcache_model *dcache_model_create(const struct core_model *model)
{
	/* The caches are per core (l1_of); the model of the first core
	 * only tells whether the machine has an L1 data cache to model. */
	if (!model || !model->ccsidr[CSSELR_L1D])
		return NULL;
	return calloc(1, sizeof(struct dcache_model));
}

void dcache_model_destroy(struct dcache_model *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < d->n_l1; i++)
		l1_destroy(d->l1[i]);
	free(d->l1);
	free(d);
}

/* The L1 of `cpu`, built from its own model at the first use. NULL when
 * the model has no L1 data cache (or memory ran out): that core's
 * accesses then go to memory. */
static struct dcache_l1 *l1_of(struct dcache_model *d, const struct cpu *cpu)
{
	unsigned i = cpu->index;
	if (i < d->n_l1 && d->l1[i])
		return d->l1[i];
	if (!cpu->model)
		return NULL;
	if (i >= d->n_l1) {
		struct dcache_l1 **t = realloc(d->l1, (i + 1) * sizeof *t);
		if (!t)
			return NULL;
		for (unsigned k = d->n_l1; k <= i; k++)
			t[k] = NULL;
		d->l1 = t;
		d->n_l1 = i + 1;
	}
	d->l1[i] = l1_create(cpu->model->ccsidr[CSSELR_L1D]);
	return d->l1[i];
}

static inline struct dline *set_of(struct dcache_l1 *c, uint64_t pa)
{
	return &c->lines[((pa >> c->line_shift) & (c->sets - 1)) * c->ways];
}

static struct dline *find(struct dcache_l1 *c, uint64_t pa)
{
	struct dline *set = set_of(c, pa);
	uint64_t tag = pa >> c->line_shift;
	for (unsigned w = 0; w < c->ways; w++)
		if (set[w].valid && set[w].tag == tag)
			return &set[w];
	return NULL;
}

/* Any valid copy of the `size` bytes at pa, in whichever L1 (all copies
 * are equal); *off is their offset in the line. */
static struct dline *find_any(struct dcache_model *d, uint64_t pa,
			      unsigned size, unsigned *off)
{
	for (unsigned i = 0; i < d->n_l1; i++) {
		struct dcache_l1 *c = d->l1[i];
		if (!c)
			continue;
		unsigned o = (unsigned)(pa & (c->line_bytes - 1));
		if (o + size > c->line_bytes)
			continue;
		struct dline *l = find(c, pa);
		if (l) {
			*off = o;
			return l;
		}
	}
	return NULL;
}

static void write_back(struct dcache_model *d, const struct dcache_l1 *c,
		       struct bus *bus, struct dline *l)
{
	if (!l->valid || !l->dirty)
		return;
	uint8_t *mem = bus_ram_ptr(bus, l->tag << c->line_shift, c->line_bytes);
	if (mem) {
		memcpy(mem, l->bytes, c->line_bytes);
		bus_host_written(bus, mem, c->line_bytes);
	}
	l->dirty = false;
	d->writebacks++;
}

/* A copy of pa's line in an L1 other than `mine` with the same line size
 * (preferring the dirty one). Lines of another size that hold pa are
 * written back and dropped, so that lines of different sizes never
 * overlap. */
static struct dline *other_copy(struct dcache_model *d,
				const struct dcache_l1 *mine, struct bus *bus,
				uint64_t pa)
{
	struct dline *found = NULL;
	for (unsigned i = 0; i < d->n_l1; i++) {
		struct dcache_l1 *o = d->l1[i];
		if (!o || o == mine)
			continue;
		struct dline *l = find(o, pa);
		if (!l)
			continue;
		if (o->line_bytes != mine->line_bytes) {
			write_back(d, o, bus, l);
			l->valid = false;
			continue;
		}
		if (!found || l->dirty)
			found = l;
	}
	return found;
}

/* A Write-Back write by `mine`: every other copy goes; the writer's copy
 * is the dirty one from now on. */
static void drop_other_copies(struct dcache_model *d,
			      const struct dcache_l1 *mine, uint64_t pa)
{
	for (unsigned i = 0; i < d->n_l1; i++) {
		struct dcache_l1 *o = d->l1[i];
		if (!o || o == mine)
			continue;
		struct dline *l = find(o, pa);
		if (l) {
			l->valid = false;
			l->dirty = false;
		}
	}
}

/* Allocate pa's line in `c` (evicting, and writing back, the least
 * recently used way), filled from another core's copy or from memory.
 * NULL if the line is not RAM. */
static struct dline *allocate(struct dcache_model *d, struct dcache_l1 *c,
			      struct bus *bus, uint64_t pa)
{
	uint64_t line_pa = pa & ~(uint64_t)(c->line_bytes - 1);
	const uint8_t *mem = bus_ram_ptr(bus, line_pa, c->line_bytes);
	if (!mem)
		return NULL;
	struct dline *set = set_of(c, pa), *victim = &set[0];
	for (unsigned w = 0; w < c->ways; w++) {
		if (!set[w].valid) {
			victim = &set[w];
			break;
		}
		if (set[w].lru < victim->lru)
			victim = &set[w];
	}
	write_back(d, c, bus, victim);
	const struct dline *src = other_copy(d, c, bus, pa);
	memcpy(victim->bytes, src ? src->bytes : mem, c->line_bytes);
	victim->valid = true;
	victim->dirty = false;
	victim->tag = pa >> c->line_shift;
	if (src)
		d->transfers++;
	else
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
	struct dcache_l1 *c = l1_of(d, cpu);
	(void)memattr;
	if (!c)
		return bus_read(cpu->bus, pa, size, val, cpu);
	unsigned off = (unsigned)(pa & (c->line_bytes - 1));
	if (off + size > c->line_bytes)
		return bus_read(cpu->bus, pa, size, val, cpu);
	struct dline *l = find(c, pa);
	if (!l)
		l = allocate(d, c, cpu->bus, pa);
	if (!l)
		return bus_read(cpu->bus, pa, size, val, cpu);
	l->lru = ++c->tick;
	uint64_t v = 0;
	memcpy(&v, l->bytes + off, size);
	*val = v;
	return true;
}

/* Write `size` bytes into every valid copy of pa's line. */
static void update_copies(struct dcache_model *d, uint64_t pa, unsigned size,
			  uint64_t val)
{
	for (unsigned i = 0; i < d->n_l1; i++) {
		struct dcache_l1 *o = d->l1[i];
		if (!o)
			continue;
		unsigned off = (unsigned)(pa & (o->line_bytes - 1));
		struct dline *l = off + size <= o->line_bytes ? find(o, pa)
							      : NULL;
		if (l)
			memcpy(l->bytes + off, &val, size);
	}
}

bool dcache_write(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t val,
		  uint8_t memattr)
{
	struct dcache_model *d = cpu->bus->dcache;
	struct dcache_l1 *c = l1_of(d, cpu);
	if (!c)
		return bus_write(cpu->bus, pa, size, val, cpu);
	unsigned off = (unsigned)(pa & (c->line_bytes - 1));
	if (off + size > c->line_bytes)
		return bus_write(cpu->bus, pa, size, val, cpu);
	if (write_through(memattr)) {
		/* Write-Through: memory always, and every copy present (no
		 * write-allocate for WT on these cores). */
		update_copies(d, pa, size, val);
		return bus_write(cpu->bus, pa, size, val, cpu);
	}
	struct dline *l = find(c, pa);
	if (!l)
		l = allocate(d, c, cpu->bus, pa);
	if (!l)
		return bus_write(cpu->bus, pa, size, val, cpu);
	drop_other_copies(d, c, pa);
	l->lru = ++c->tick;
	memcpy(l->bytes + off, &val, size);
	l->dirty = true;
	return true;
}

bool dcache_walk_read(struct cpu *cpu, uint64_t pa, unsigned size,
		      uint64_t *val)
{
	struct dcache_model *d = cpu->bus->dcache;
	unsigned off;
	struct dline *l = d ? find_any(d, pa, size, &off) : NULL;
	if (!l)
		return bus_read(cpu->bus, pa, size, val, cpu);
	uint64_t v = 0;
	memcpy(&v, l->bytes + off, size);
	*val = v;
	return true;
}

bool dcache_debug_read(struct bus *bus, uint64_t pa, unsigned size,
		       uint64_t *val)
{
	struct dcache_model *d = bus->dcache;
	unsigned off;
	struct dline *l = d ? find_any(d, pa, size, &off) : NULL;
	if (!l)
		return bus_read(bus, pa, size, val, NULL);
	uint64_t v = 0;
	memcpy(&v, l->bytes + off, size);
	*val = v;
	return true;
}

bool dcache_debug_write(struct bus *bus, uint64_t pa, unsigned size,
			uint64_t val)
{
	/* Every copy keeps its dirty state. */
	if (bus->dcache)
		update_copies(bus->dcache, pa, size, val);
	return bus_write(bus, pa, size, val, NULL);
}

static unsigned l1_dirty_lines(const struct dcache_l1 *c)
{
	unsigned n = 0;
	for (size_t i = 0; i < (size_t)c->sets * c->ways; i++)
		n += c->lines[i].valid && c->lines[i].dirty;
	return n;
}

unsigned dcache_dirty_lines(const struct dcache_model *d)
{
	unsigned n = 0;
	for (unsigned i = 0; i < d->n_l1; i++)
		if (d->l1[i])
			n += l1_dirty_lines(d->l1[i]);
	return n;
}

void dcache_dump(const struct dcache_model *d, FILE *out)
{
	fprintf(out, "D-cache model: one L1 per core, %u dirty lines; "
		     "%llu fills, %llu transfers between cores, "
		     "%llu write-backs, %llu dirty lines discarded\n",
		dcache_dirty_lines(d), (unsigned long long)d->fills,
		(unsigned long long)d->transfers,
		(unsigned long long)d->writebacks,
		(unsigned long long)d->lost_dirty);
	for (unsigned k = 0; k < d->n_l1; k++) {
		const struct dcache_l1 *c = d->l1[k];
		if (!c)
			continue;
		fprintf(out, " core %u L1: %u sets x %u ways x %u bytes, "
			     "%u dirty\n",
			k, c->sets, c->ways, c->line_bytes, l1_dirty_lines(c));
		for (size_t i = 0; i < (size_t)c->sets * c->ways; i++) {
			const struct dline *l = &c->lines[i];
			if (l->valid && l->dirty)
				fprintf(out, "  set %4zu way %zu: PA 0x%010llx "
					     "dirty\n",
					i / c->ways, i % c->ways,
					(unsigned long long)(l->tag
							     << c->line_shift));
		}
	}
}

/* ---- maintenance (B4.2.1) ---- */

static const char *const op_names[] = {
	[DC_IMVAC] = "DCIMVAC", [DC_ISW] = "DCISW",
	[DC_CMVAC] = "DCCMVAC", [DC_CSW] = "DCCSW",
	[DC_CMVAU] = "DCCMVAU", [DC_CIMVAC] = "DCCIMVAC",
	[DC_CISW] = "DCCISW",
};

static unsigned apply(struct dcache_model *d, const struct dcache_l1 *c,
		      struct bus *bus, struct dline *l, bool clean,
		      bool invalidate)
{
	if (!l || !l->valid)
		return 0;
	if (clean)
		write_back(d, c, bus, l);
	if (invalidate) {
		if (l->dirty)
			d->lost_dirty++; /* DCIMVAC/DCISW discard dirty data */
		l->valid = false;
		l->dirty = false;
		return 1;
	}
	return 0;
}

/* Set/way format (B4.2.1): level in [3:1], set in [L+S-1:L], way in
 * [31:32-A], with L = log2(line bytes), S = log2(sets), A =
 * ceil(log2(ways)) of the cache at that level of the executing core. */
static struct dline *set_way_line(const struct dcache_l1 *c, uint32_t arg)
{
	unsigned a = c->ways > 1 ? 32 - (unsigned)__builtin_clz(c->ways - 1)
				 : 0;
	unsigned way = a ? arg >> (32 - a) : 0;
	unsigned set = (arg >> c->line_shift) & (c->sets - 1);
	return way < c->ways ? &c->lines[set * c->ways + way] : NULL;
}

void dcache_maintain(struct cpu *cpu, enum dcache_op op, uint32_t arg)
{
	struct dcache_model *d = cpu->bus->dcache;
	unsigned removed = 0;
	bool clean = op != DC_IMVAC && op != DC_ISW;
	bool invalidate = op == DC_IMVAC || op == DC_ISW || op == DC_CIMVAC ||
			  op == DC_CISW;
	if (d && (op == DC_ISW || op == DC_CSW || op == DC_CISW)) {
		/* Only level 1 (the modelled cache) is affected; level 2 is
		 * part of memory here. Only this core's L1. */
		struct dcache_l1 *c = l1_of(d, cpu);
		if (c && ((arg >> 1) & 7) == 0)
			removed = apply(d, c, cpu->bus, set_way_line(c, arg),
					clean, invalidate);
	} else if (d) {
		/* By MVA: translated by the current regime; every L1's copy
		 * of the line. A translation that faults makes the
		 * operation do nothing (hypsim raises no abort from cache
		 * maintenance; B2.2.6 permits both). */
		struct mmu_result res;
		struct mmu_fault fault;
		if (mmu_translate(cpu, arg, MMU_READ, 0, &res, &fault)) {
			const struct dcache_l1 *own = l1_of(d, cpu);
			for (unsigned i = 0; i < d->n_l1; i++) {
				struct dcache_l1 *c = d->l1[i];
				if (!c)
					continue;
				unsigned n = apply(d, c, cpu->bus,
						   find(c, res.pa), clean,
						   invalidate);
				if (c == own) /* observers count this core's */
					removed += n;
			}
		}
	}
	cpu_notify_maintenance(cpu, op_names[op], arg, removed);
}
