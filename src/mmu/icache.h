/* L1 instruction-cache model (see icache.c). */
#ifndef HYPSIM_ICACHE_H
#define HYPSIM_ICACHE_H

#include <stdbool.h>
#include <stdint.h>

/* Which translation regime filled a line: the tag a core model may keep. */
enum icache_owner {
	ICACHE_OWNER_PL10 = 0,
	ICACHE_OWNER_HYP = 1,
};

struct icache_line {
	bool valid;
	bool ns;          /* filled in Non-secure state */
	uint8_t owner;    /* enum icache_owner, kept when the model tags it */
	uint8_t vmid;     /* VMID of a PL1&0 Non-secure fill, when tagged */
	uint64_t pa_tag;  /* physical address of the line */
	uint32_t va;      /* virtual address at fill (for reports) */
	uint64_t filled_at; /* icount at fill */
	/* replacement age: 64-bit, a 32-bit one wraps after 2^32 fetches
	 * (minutes of a Linux boot) and then evicts the newest line */
	uint64_t lru;
	/* Changed by every fill and every invalidation of this line, never
	 * by a hit, and unique over the cache's life: a block (cpu/block.c)
	 * decoded from this line stays valid while it is unchanged. */
	uint64_t stamp;
	uint8_t *bytes;   /* line_bytes captured at fill time */
};

struct icache {
	bool enabled_model;   /* --icache-model on (default) */
	unsigned line_bytes, ways, sets;
	unsigned line_shift;
	struct icache_line *lines; /* sets * ways */
	uint8_t *storage;
	/* fetches that hit or filled a line (the RAM ones), the last one's
	 * icache_line.lru: the hits are tick - fills (icache_hits) */
	uint64_t tick;
	uint64_t stamp_next; /* last icache_line.stamp given */
	uint64_t fills;
	/* one-line lookup memo for sequential fetch: the last line hit,
	 * valid while `generation` (bumped by every fill and invalidate)
	 * and the fetch context (CPSR.M, SCR, VTTBR) stay the same */
	struct icache_memo {
		struct icache_line *line;
		uint64_t pa_line;
		uint32_t va_line;
	} memo[2]; /* the two lines last hit, most recent first */
	uint32_t last_gen;
	uint8_t last_mode;
	uint32_t last_scr;
	uint64_t last_vttbr;
	uint32_t generation;
};

/* Fetches that hit a line: every fetch from RAM moves the tick once,
 * and those that missed filled a line (so the block engine's ends add
 * to the tick alone). */
static inline uint64_t icache_hits(const struct icache *ic)
{
	return ic->tick - ic->fills;
}

#endif
