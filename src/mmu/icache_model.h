/* L1 instruction-cache model: operations used by the fetch path, the CP15
 * maintenance operations (cache_ops.h) and reports. */
#ifndef HYPSIM_ICACHE_MODEL_H
#define HYPSIM_ICACHE_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmu/icache.h"

struct cpu;

/* Allocate from the core model's CCSIDR (CSSELR = L1 I) and reset. */
void icache_init(struct cpu *cpu);
void icache_destroy(struct cpu *cpu);

/* Whether an instruction fetch of the current regime goes through the
 * I-cache: the regime's I bit (SCTLR.I or HSCTLR.I) is set and the
 * memory is cacheable (B3.2.1 / B4.1.130). `mmu_on` and `memattr` come
 * from the translation. */
bool icache_fetch_cacheable(const struct cpu *cpu, bool mmu_on,
			    uint8_t memattr);

/* Fetch `size` (2 or 4) bytes at va/pa through the cache: a hit returns
 * the bytes captured when the line was filled (possibly stale); a miss
 * fills the line from memory first. Returns false on a bus error. */
bool icache_fetch(struct cpu *cpu, uint32_t va, uint64_t pa, unsigned size,
		  uint32_t *out);

/* What a fetch of va/pa that misses does to the cache before it reads
 * the line (the line filled from RAM into its set, the fill counted, the
 * generation moved), without the fetch: for the block engine, whose run
 * then counts the fetch as the hit that follows a fill does (a miss and
 * a hit move the tick alike: icache_hits). True when a line was filled
 * (it was not there, and pa is RAM). */
bool icache_fill_for_fetch(struct cpu *cpu, uint32_t va, uint64_t pa);

/* The same, answered from the two lines last hit when nothing was filled
 * or invalidated since and the fetch context is unchanged (the common
 * case of a loop); else icache_fetch. Defined inline for the step loop. */
static inline bool icache_fetch_fast(struct cpu *cpu, struct icache *ic,
				     uint32_t va, uint64_t pa, unsigned size,
				     uint32_t *out, unsigned mode, uint32_t scr,
				     uint64_t vttbr)
{
	if (ic->last_gen == ic->generation && ic->last_mode == mode &&
	    ic->last_scr == scr && ic->last_vttbr == vttbr) {
		uint64_t pa_line = pa >> ic->line_shift;
		uint32_t va_line = va >> ic->line_shift;
		for (unsigned i = 0; i < 2; i++) {
			struct icache_memo *mm = &ic->memo[i];
			if (mm->line && mm->pa_line == pa_line &&
			    mm->va_line == va_line) {
				const uint8_t *p = mm->line->bytes +
						   (pa & (ic->line_bytes - 1));
				if (size == 4) {
					uint32_t v;
					__builtin_memcpy(&v, p, 4);
					*out = v;
				} else {
					uint16_t v;
					__builtin_memcpy(&v, p, 2);
					*out = v;
				}
				mm->line->lru = ++ic->tick; /* exact LRU */
				if (i) { /* keep the most recent first */
					struct icache_memo t = ic->memo[0];
					ic->memo[0] = ic->memo[1];
					ic->memo[1] = t;
				}
				return true;
			}
		}
	}
	return icache_fetch(cpu, va, pa, size, out);
}

/* For reports: the line that would serve va/pa now, or NULL. */
const struct icache_line *icache_lookup_line(const struct cpu *cpu,
					     uint32_t va, uint64_t pa);
/* Whether a valid line's bytes differ from memory now (a stale line). */
bool icache_line_is_stale(const struct cpu *cpu, const struct icache_line *l);
void icache_dump(const struct cpu *cpu, FILE *out, bool only_stale);
/* Owner name for reports: "HYP", "PL1&0 NS VMID 0", … */
const char *icache_owner_name(const struct icache_line *l, char *buf,
			      unsigned len);

#endif
