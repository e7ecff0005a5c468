/* L1 instruction-cache model.
 *
 * A line holds the bytes memory had when the line was filled; data
 * writes never update it (on these cores the L1 I-cache is not coherent
 * with data stores, ARM DDI 0406C B2.2.7 "instruction cache maintenance
 * requirements"). A fetch goes through the cache while the current
 * regime's I bit (SCTLR.I or HSCTLR.I) is set and the memory is cacheable;
 * a hit returns the line's bytes, stale or not. Lines stay until a
 * maintenance operation or replacement removes them. Turning the I bit
 * off does not invalidate anything: the lines are simply not looked up
 * (B4.1.130 SCTLR.I: "instruction caches disabled" means accesses are
 * Non-cacheable, it says nothing of invalidation).
 *
 * Everything core-specific comes from the core model: geometry from the
 * L1 I CCSIDR, the index policy (PIPT or VIPT, CTR.L1Ip) and the
 * icache_policy fields that say what a line is tagged with and which
 * lines each maintenance operation reaches. */
#include "mmu/icache_model.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/errata.h"
#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/cache_ops.h"
#include "mmu/mmu.h"

/* The context a fetch is made in, and that a fill tags a line with. */
struct fetch_context {
	bool ns;
	uint8_t owner; /* enum icache_owner */
	uint8_t vmid;
};

static struct fetch_context current_context(const struct cpu *cpu)
{
	struct fetch_context c;
	c.ns = !cpu_is_secure(cpu);
	c.owner = cpu_mode(cpu) == MODE_HYP ? ICACHE_OWNER_HYP
					    : ICACHE_OWNER_PL10;
	c.vmid = (c.ns && c.owner == ICACHE_OWNER_PL10)
			 ? (uint8_t)(cpu->cp15.vttbr >> 48)
			 : 0;
	return c;
}

/* xorshift64*: a small, fixed generator so UNKNOWN contents are the same
 * on every run and machine for the same seed. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* Valid lines with random tags, random owners and random bytes, for half
 * the lines: what a cache that was not invalidated at reset may hold.
 * The tags are drawn from the first 64 KiB of RAM, where boot code is
 * loaded, so that the garbage is likely to matter to it (any tag is
 * equally possible on silicon; this choice makes the bug show). */
static void icache_fill_unknown(struct cpu *cpu)
{
	struct icache *ic = &cpu->icache;
	uint64_t st = cpu->cache_seed ^ (0x9e3779b97f4a7c15ull * (cpu->index + 1));
	if (!st)
		st = 1;
	const struct bus_region *ram = NULL;
	for (unsigned i = 0; i < cpu->bus->n_regions && !ram; i++)
		if (cpu->bus->regions[i].host)
			ram = &cpu->bus->regions[i];
	if (!ram)
		return;
	for (unsigned s = 0; s < ic->sets; s++) {
		for (unsigned w = 0; w < ic->ways; w++) {
			struct icache_line *l = &ic->lines[s * ic->ways + w];
			uint64_t r = next_random(&st);
			if (r & 1)
				continue;
			/* a line address in RAM whose index bits select set s */
			uint64_t span = ram->size < 0x10000 ? ram->size : 0x10000;
			uint64_t lines_in_ram = span >> ic->line_shift;
			if (lines_in_ram < ic->sets)
				lines_in_ram = ic->sets;
			uint64_t pick = (next_random(&st) % lines_in_ram) & ~(uint64_t)(ic->sets - 1);
			uint64_t line = (ram->base >> ic->line_shift) + pick + s;
			l->valid = true;
			l->ns = (r >> 1) & 1;
			l->owner = (r >> 2) & 1 ? ICACHE_OWNER_HYP : ICACHE_OWNER_PL10;
			l->vmid = 0;
			l->pa_tag = line;
			l->va = (uint32_t)(line << ic->line_shift);
			l->filled_at = 0;
			l->stamp = ++ic->stamp_next;
			for (unsigned b = 0; b < ic->line_bytes; b += 8) {
				uint64_t v = next_random(&st);
				memcpy(l->bytes + b, &v, 8);
			}
		}
	}
}

void icache_init(struct cpu *cpu)
{
	struct icache *ic = &cpu->icache;
	free(ic->lines);
	free(ic->storage);
	bool enabled = ic->enabled_model;
	memset(ic, 0, sizeof *ic);
	ic->enabled_model = enabled;
	uint32_t ccsidr = cpu->model->ccsidr[CSSELR_L1I];
	if (!ccsidr) {
		ic->enabled_model = false;
		return;
	}
	ic->line_bytes = ccsidr_line_bytes(ccsidr);
	ic->ways = ccsidr_ways(ccsidr);
	ic->sets = ccsidr_sets(ccsidr);
	ic->line_shift = (unsigned)__builtin_ctz(ic->line_bytes);
	size_t n = (size_t)ic->sets * ic->ways;
	ic->lines = calloc(n, sizeof *ic->lines);
	ic->storage = calloc(n, ic->line_bytes);
	if (!ic->lines || !ic->storage) {
		/* Without memory for the model the core runs uncached:
		 * behaviour then matches a cache that always misses. */
		free(ic->lines);
		free(ic->storage);
		ic->lines = NULL;
		ic->storage = NULL;
		ic->enabled_model = false;
		return;
	}
	for (size_t i = 0; i < n; i++)
		ic->lines[i].bytes = ic->storage + i * ic->line_bytes;
	/* Reset contents: both cores invalidate their L1 caches in hardware
	 * at reset unless the L1RSTDISABLE input is held high (Cortex-A15
	 * and Cortex-A7 TRMs, "L1RSTDISABLE"); then the contents are
	 * UNKNOWN, which hypsim makes concrete and reproducible with a
	 * seeded generator. */
	if (cpu_erratum(cpu, ERRATUM_L1RSTDISABLE) ||
	    !cpu->model->icache.reset_invalidated)
		icache_fill_unknown(cpu);
}

void icache_destroy(struct cpu *cpu)
{
	free(cpu->icache.lines);
	free(cpu->icache.storage);
	cpu->icache.lines = NULL;
	cpu->icache.storage = NULL;
}

bool icache_fetch_cacheable(const struct cpu *cpu, bool mmu_on,
			    uint8_t memattr)
{
	uint32_t ctl = cpu_mode(cpu) == MODE_HYP
			       ? cpu->cp15.hsctlr
			       : cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1];
	if (!(ctl & SCTLR_I))
		return false;
	/* With the MMU off, instruction fetches are Normal memory, and
	 * cacheable when the I bit is set (B3.2.1). With it on,
	 * the page's attributes decide. */
	return !mmu_on || mmu_attr_inner_cacheable(memattr);
}

static inline unsigned set_index(const struct cpu *cpu, uint32_t va,
				 uint64_t pa)
{
	const struct icache *ic = &cpu->icache;
	uint64_t index_addr = cpu->model->icache.index == ICACHE_VIPT ? va : pa;
	return (unsigned)((index_addr >> ic->line_shift) & (ic->sets - 1));
}

/* Whether a lookup in context `c` hits line `l`: the physical tag and
 * the security state always; the owning regime and VMID only when the
 * model says the hardware keeps them in the tag. */
static inline bool line_matches(const struct cpu *cpu,
				const struct icache_line *l, uint64_t pa_line,
				const struct fetch_context *c)
{
	if (!l->valid || l->pa_tag != pa_line || l->ns != c->ns)
		return false;
	if (!cpu->model->icache.tags_regime)
		return true;
	if (l->owner != c->owner)
		return false;
	return l->owner == ICACHE_OWNER_HYP || l->vmid == c->vmid;
}

static struct icache_line *find_line(const struct cpu *cpu, uint32_t va,
				     uint64_t pa,
				     const struct fetch_context *c)
{
	const struct icache *ic = &cpu->icache;
	uint64_t pa_line = pa >> ic->line_shift;
	struct icache_line *set = &ic->lines[set_index(cpu, va, pa) * ic->ways];
	for (unsigned w = 0; w < ic->ways; w++)
		if (line_matches(cpu, &set[w], pa_line, c))
			return &set[w];
	return NULL;
}

/* A fetch's miss: the line for va/pa filled from RAM into its set, with
 * the fetch context c; NULL when pa is not RAM (not allocated into the
 * cache). The fetch's own tick is its caller's. */
static struct icache_line *fill_line(struct cpu *cpu, uint32_t va,
				     uint64_t pa, const struct fetch_context *c)
{
	struct icache *ic = &cpu->icache;
	uint64_t line_pa = pa & ~(uint64_t)(ic->line_bytes - 1);
	const uint8_t *src = bus_ram_ptr(cpu->bus, line_pa, ic->line_bytes);
	if (!src)
		return NULL;
	/* Replacement: an invalid way first, else the least recently used
	 * (deterministic; the real cores use pseudo-random or pseudo-LRU,
	 * an IMPLEMENTATION DEFINED detail no software can rely on). */
	struct icache_line *set = &ic->lines[set_index(cpu, va, pa) * ic->ways];
	struct icache_line *l = &set[0];
	for (unsigned w = 0; w < ic->ways; w++) {
		if (!set[w].valid) {
			l = &set[w];
			break;
		}
		if (set[w].lru < l->lru)
			l = &set[w];
	}
	memcpy(l->bytes, src, ic->line_bytes);
	l->valid = true;
	l->ns = c->ns;
	l->owner = c->owner;
	l->vmid = c->vmid;
	l->pa_tag = pa >> ic->line_shift;
	l->va = va & ~(uint32_t)(ic->line_bytes - 1);
	l->filled_at = cpu->icount;
	l->stamp = ++ic->stamp_next;
	ic->fills++;
	ic->generation++;
	return l;
}

bool icache_fill_for_fetch(struct cpu *cpu, uint32_t va, uint64_t pa)
{
	struct fetch_context c = current_context(cpu);
	return !find_line(cpu, va, pa, &c) && fill_line(cpu, va, pa, &c);
}

bool icache_fetch(struct cpu *cpu, uint32_t va, uint64_t pa, unsigned size,
		  uint32_t *out)
{
	struct icache *ic = &cpu->icache;
	unsigned off = (unsigned)(pa & (ic->line_bytes - 1));
	struct fetch_context c = current_context(cpu);
	struct icache_line *l = find_line(cpu, va, pa, &c);
	if (!l && !(l = fill_line(cpu, va, pa, &c))) {
		/* Not RAM (a device, or a hole): fetched straight from the
		 * bus. */
		uint64_t v = 0;
		bool ok = bus_read(cpu->bus, pa, size, &v, cpu);
		*out = (uint32_t)v;
		return ok;
	}
	l->lru = ++ic->tick;
	/* Remember it for icache_fetch_fast. A new generation (a fill or
	 * an invalidation) or context forgets both lines. */
	if (ic->last_gen != ic->generation || ic->last_mode != cpu_mode(cpu) ||
	    ic->last_scr != cpu->cp15.scr || ic->last_vttbr != cpu->cp15.vttbr)
		ic->memo[1].line = NULL;
	else
		ic->memo[1] = ic->memo[0];
	ic->memo[0].line = l;
	ic->memo[0].pa_line = pa >> ic->line_shift;
	ic->memo[0].va_line = va >> ic->line_shift;
	ic->last_gen = ic->generation;
	ic->last_mode = (uint8_t)cpu_mode(cpu);
	ic->last_scr = cpu->cp15.scr;
	ic->last_vttbr = cpu->cp15.vttbr;
	uint32_t v = 0;
	memcpy(&v, l->bytes + off, size);
	*out = v;
	return true;
}

const struct icache_line *icache_lookup_line(const struct cpu *cpu,
					     uint32_t va, uint64_t pa)
{
	if (!cpu->icache.lines)
		return NULL;
	struct fetch_context c = current_context(cpu);
	return find_line(cpu, va, pa, &c);
}

bool icache_line_is_stale(const struct cpu *cpu, const struct icache_line *l)
{
	const struct icache *ic = &cpu->icache;
	if (!l->valid)
		return false;
	const uint8_t *mem = bus_ram_ptr(cpu->bus, l->pa_tag << ic->line_shift,
					 ic->line_bytes);
	return mem && memcmp(mem, l->bytes, ic->line_bytes) != 0;
}

const char *icache_owner_name(const struct icache_line *l, char *buf,
			      unsigned len)
{
	if (l->owner == ICACHE_OWNER_HYP)
		snprintf(buf, len, "HYP");
	else
		snprintf(buf, len, "PL1&0 %s VMID %u", l->ns ? "NS" : "S",
			 l->vmid);
	return buf;
}

void icache_dump(const struct cpu *cpu, FILE *out, bool only_stale)
{
	const struct icache *ic = &cpu->icache;
	if (!ic->lines) {
		fprintf(out, "I-cache model off\n");
		return;
	}
	fprintf(out, "L1 I-cache: %u sets x %u ways x %u bytes, %s; "
		     "%llu fills, %llu hits\n",
		ic->sets, ic->ways, ic->line_bytes,
		cpu->model->icache.index == ICACHE_VIPT ? "VIPT" : "PIPT",
		(unsigned long long)ic->fills,
		(unsigned long long)icache_hits(ic));
	for (unsigned s = 0; s < ic->sets; s++) {
		for (unsigned w = 0; w < ic->ways; w++) {
			const struct icache_line *l = &ic->lines[s * ic->ways + w];
			if (!l->valid)
				continue;
			bool stale = icache_line_is_stale(cpu, l);
			if (only_stale && !stale)
				continue;
			char owner[32];
			fprintf(out, "  set %3u way %u: PA 0x%010llx VA 0x%08x %-3s "
				     "%-16s filled at insn %llu%s\n",
				s, w,
				(unsigned long long)(l->pa_tag << ic->line_shift),
				l->va, l->ns ? "NS" : "S",
				icache_owner_name(l, owner, sizeof owner),
				(unsigned long long)l->filled_at,
				stale ? "  STALE (memory changed since fill)" : "");
		}
	}
}

/* ---- maintenance ---- */

/* Whether a maintenance operation issued in context `issuer` reaches
 * line `l`. Hyp and Secure state reach every line of their security
 * state and below (B4.2.1: operations from Hyp mode apply to all
 * Non-secure entries). A Non-secure PL1 operation reaches its own
 * regime's lines; whether it also reaches lines filled by Hyp or by
 * other VMIDs is the model's documented policy. */
static bool op_reaches(const struct cpu *cpu, const struct icache_line *l,
		       const struct fetch_context *issuer, bool issuer_secure)
{
	const struct icache_policy *p = &cpu->model->icache;
	if (!l->valid)
		return false;
	if (issuer_secure)
		return true; /* Secure operations reach both security states */
	if (!l->ns)
		return false;
	if (issuer->owner == ICACHE_OWNER_HYP || !p->tags_regime)
		return true;
	if (l->owner == ICACHE_OWNER_HYP)
		return p->ns_pl1_invalidate_reaches_hyp;
	return l->vmid == issuer->vmid ||
	       p->ns_pl1_invalidate_reaches_other_vmids;
}

static unsigned invalidate_where(struct cpu *target,
				 const struct fetch_context *issuer,
				 bool issuer_secure, bool by_pa,
				 uint64_t pa_line, int only_set)
{
	struct icache *ic = &target->icache;
	if (!ic->lines)
		return 0;
	unsigned removed = 0;
	unsigned s0 = only_set >= 0 ? (unsigned)only_set : 0;
	unsigned s1 = only_set >= 0 ? (unsigned)only_set + 1 : ic->sets;
	for (unsigned s = s0; s < s1; s++) {
		for (unsigned w = 0; w < ic->ways; w++) {
			struct icache_line *l = &ic->lines[s * ic->ways + w];
			if (by_pa && l->pa_tag != pa_line)
				continue;
			if (!op_reaches(target, l, issuer, issuer_secure))
				continue;
			l->valid = false;
			l->stamp = ++ic->stamp_next;
			removed++;
		}
	}
	ic->generation++;
	return removed;
}

void icache_invalidate_all(struct cpu *cpu, bool inner_shareable)
{
	struct fetch_context issuer = current_context(cpu);
	bool secure = cpu_is_secure(cpu);
	/* HCR.FB makes Non-secure PL1 ICIALLU broadcast (B4.1.65). */
	if (!secure && issuer.owner == ICACHE_OWNER_PL10 &&
	    (cpu->cp15.hcr & HCR_FB))
		inner_shareable = true;
	unsigned removed = invalidate_where(cpu, &issuer, secure, false, 0, -1);
	if (inner_shareable && cpu->group) {
		for (unsigned i = 0; i < cpu->group->n; i++) {
			struct cpu *o = cpu->group->cpus[i];
			if (o != cpu)
				invalidate_where(o, &issuer, secure, false, 0, -1);
		}
	}
	cpu_notify_maintenance(cpu, inner_shareable ? "ICIALLUIS" : "ICIALLU",
			       0, removed);
}

void icache_invalidate_mva(struct cpu *cpu, uint32_t va)
{
	struct fetch_context issuer = current_context(cpu);
	bool secure = cpu_is_secure(cpu);
	unsigned removed = 0;
	struct mmu_result res;
	struct mmu_fault fault;
	/* The MVA is translated by the current regime. A translation that
	 * faults makes the operation do nothing: hypsim does not raise an
	 * abort from ICIMVAU (B2.2.6 leaves whether such an operation
	 * faults IMPLEMENTATION DEFINED; neither A15 nor A7 TRM says it
	 * does). */
	if (cpu->icache.lines &&
	    mmu_translate(cpu, va, MMU_READ, 0, &res, &fault)) {
		uint64_t pa_line = res.pa >> cpu->icache.line_shift;
		/* A VIPT cache holds the line at the set its VA indexes;
		 * a PIPT cache at the set its PA indexes. The operation
		 * looks where the hardware would: that one set. */
		int set = (int)set_index(cpu, va, res.pa);
		removed = invalidate_where(cpu, &issuer, secure, true, pa_line,
					   set);
	}
	cpu_notify_maintenance(cpu, "ICIMVAU", va, removed);
}

void bp_invalidate(struct cpu *cpu, const char *op, uint32_t arg,
		   bool inner_shareable)
{
	(void)inner_shareable;
	cpu_notify_maintenance(cpu, op, arg, 0);
}
