/* Making blocks (block.c says what a block is and how it runs): decoding
 * one from the bytes the step engine's fetches would return
 * (block_build), taking a cached block's refilled lines when they hold
 * the same bytes (block_relink), and --engine-check's comparison of a
 * block with those fetches (block_check). */
#include <string.h>

#include "cpu/block_internal.h"
#include "cpu/decode_table.h"
#include "cpu/predecode_internal.h"
#include "mmu/bus.h"
#include "mmu/icache_model.h"

/* Whether bi is a direct branch taken whatever the flags (B, BL): what
 * follows it in the block could never run from this entry. */
static bool always_branches(const struct block_insn *bi, bool thumb)
{
	struct direct_branch db;
	if (bi->kind != BK_BRANCH || bi->cond < 14)
		return false;
	return thumb ? t32_predecode_direct_branch(&bi->d, bi->pc, &db) &&
			       db.cond >= 14
		     : a32_predecode_direct_branch(&bi->d, bi->pc, &db);
}

/* The I-cache line the last fetch of a block hit, which the next fetches
 * in the same line hit too (nothing changes the cache while a block is
 * decoded or compared, and within a page and a context the line's
 * address decides its set and its tag). */
struct peek_line {
	uint64_t pa_line;
	const struct icache_line *l;
};

/* One fetch as the step engine would see it, without its effects: the
 * bytes, and for a cached page the line that serves them (NULL: a miss,
 * which only the step engine may take); `last` (or NULL) the line of
 * the fetch before in the same block. */
static bool peek(const struct cpu *cpu, bool cached, uint32_t va,
		 uint64_t pa, unsigned size, uint32_t *out, uint32_t *line,
		 uint64_t *stamp, struct peek_line *last)
{
	const uint8_t *p;
	if (cached) {
		const struct icache *ic = &cpu->icache;
		const uint64_t pa_line = pa >> ic->line_shift;
		const struct icache_line *l;
		if (last && last->l && last->pa_line == pa_line) {
			l = last->l;
		} else {
			l = icache_lookup_line(cpu, va, pa);
			if (!l)
				return false;
			if (last)
				*last = (struct peek_line){pa_line, l};
		}
		*line = (uint32_t)(l - ic->lines);
		*stamp = l->stamp;
		p = l->bytes + (pa & (ic->line_bytes - 1));
	} else {
		p = cpu->fetch_memo.host + (va & 0xfffu);
	}
	if (size == 4) {
		uint32_t v;
		memcpy(&v, p, 4);
		*out = v;
	} else {
		uint16_t v;
		memcpy(&v, p, 2);
		*out = v;
	}
	return true;
}

/* The predecoded entry of encoding w fetched from physical address pa:
 * the decoded-instruction cache's (the step engine's, which an entry
 * holds for the encoding it was decoded from wherever it is) when it
 * holds w, else decoded now and left there for the step engine too. The
 * block cache exists only with a decoded-instruction cache. */
static void predecode_at(struct cpu *cpu, struct decoded_insn *out,
			 uint64_t pa, uint32_t w, bool thumb)
{
	struct decode_cache *dc = cpu->decoded;
	struct decoded_insn *d =
		thumb ? &dc->t32[(pa >> 1) & (DECODE_CACHE_ENTRIES - 1)]
		      : &dc->a32[(pa >> 2) & (DECODE_CACHE_ENTRIES - 1)];
	if (d->insn != w) {
		if (thumb)
			t32_predecode(d, w);
		else
			a32_predecode(d, w);
	}
	*out = *d;
}

bool block_build(struct cpu *cpu, struct block *b, uint32_t pc, uint64_t pa,
		 bool thumb)
{
	const struct fetch_memo *fm = &cpu->fetch_memo;
	bool cached = fm->cached;
	/* a first fetch that would miss (a line not filled yet, which a
	 * fetch fills: the step engine's, or block.c fill_first_line before
	 * this): no block here now, and the slot keeps the block it holds */
	struct peek_line last = {0, NULL};
	if (cached && cpu->icache.lines) {
		last.l = icache_lookup_line(cpu, pc, pa);
		if (!last.l)
			return false;
		last.pa_line = pa >> cpu->icache.line_shift;
	}
	b->n = 0;
	b->serial = ++cpu->blocks->serial;
	b->link[0] = b->link[1] = NULL;
	b->xlink = NULL;
	/* jumps patched into the old block's code go to the tail now */
	if (b->host_code)
		codegen_unlink(cpu->blocks->cg, b->host_direct, b->cached);
	b->host_code = NULL;
	b->entries = 0;
	if (cached ? cpu->icache.lines == NULL : fm->host == NULL)
		return false;
	b->va = pc;
	b->pa = pa;
	b->thumb = thumb;
	b->cached = cached;
	b->mode = (uint8_t)cpu_mode(cpu);
	b->scr = cpu->cp15.scr;
	b->vttbr = cpu->cp15.vttbr;
	b->nlines = 0;
	b->ends_at_miss = false;
	/* the lines peeked below are the ones there now */
	b->valid_at = cpu->icache.stamp_next;
	memset(b->code, 0, BLOCK_CODE_BYTES);
	/* uncached: the page's generation, marked before the bytes are
	 * read (a RAM alias is page-aligned: one generation per page) */
	b->host = cached ? NULL : fm->host;
	b->gen = cached ? NULL : bus_code_gen(cpu->bus, fm->host);
	if (!cached && !b->gen)
		return false;
	if (b->gen)
		b->gen_val = cpu_code_gen_mark(cpu, b->gen, fm->host);
	uint32_t off = pc & 0xfffu;
	unsigned n = 0, fetches = 0;
	/* (an instruction adds at most two lines) */
	while (n < BLOCK_MAX && off < 0x1000u &&
	       b->nlines + 2u <= BLOCK_LINES_MAX) {
		struct block_insn *bi = &b->insn[n];
		uint32_t va = (pc & ~0xfffu) | off;
		uint64_t ipa = (pa & ~0xfffull) | off;
		uint32_t w, line[2] = {0, 0};
		uint64_t stamp[2] = {0, 0};
		if (!peek(cpu, cached, va, ipa, thumb ? 2 : 4, &w,
			  &line[0], &stamp[0], &last)) {
			b->ends_at_miss = cached;
			break;
		}
		bi->nfetch = 1;
		bi->size = thumb ? 2 : 4;
		if (thumb && t32_is_32bit((uint16_t)w)) {
			uint32_t hw2;
			if (off + 2 >= 0x1000u)
				break;
			if (!peek(cpu, cached, va + 2, ipa + 2, 2, &hw2,
				  &line[1], &stamp[1], &last)) {
				b->ends_at_miss = cached;
				break;
			}
			w = (w << 16) | hw2;
			bi->nfetch = 2;
			bi->size = 4;
		}
		bi->raw = w;
		bi->off = (uint16_t)(off - (pc & 0xfffu));
		bi->pc = pc + bi->off;
		bi->fetch0 = (uint16_t)fetches;
		bi->idx = (uint8_t)n;
		fetches += bi->nfetch;
		predecode_at(cpu, &bi->d, ipa, w, thumb);
		/* a literal load's address is known here, in the block's
		 * copy: a fast access instead of an impure instruction */
		if (!thumb)
			(void)a32_predecode_literal(&bi->d, bi->pc);
		/* the kind from the decoder table's line (decode_flow_of) */
		bi->cond = thumb ? 14 : (uint8_t)(w >> 28);
		switch ((enum decode_flow)bi->d.flow) {
		case FLOW_PLAIN:
			bi->kind = bi->cond < 14 ? BK_CPLAIN : BK_PLAIN;
			break;
		case FLOW_BRANCH:
			bi->kind = BK_BRANCH;
			break;
		case FLOW_MEM:
			bi->kind = BK_MEM;
			break;
		default:
			bi->kind = BK_IMPURE;
			break;
		}
		/* the bytes as fetched (instruction fetches are little-
		 * endian, A3.3.1: a T32 32-bit one is hw1 then hw2) */
		if (bi->nfetch == 2) {
			const uint16_t hw[2] = {(uint16_t)(w >> 16), (uint16_t)w};
			memcpy((uint8_t *)b->code + bi->off, hw, 4);
		} else if (bi->size == 4) {
			memcpy((uint8_t *)b->code + bi->off, &w, 4);
		} else {
			const uint16_t hw = (uint16_t)w;
			memcpy((uint8_t *)b->code + bi->off, &hw, 2);
		}
		if (cached) {
			for (unsigned f = 0; f < bi->nfetch; f++) {
				unsigned k = b->nlines;
				uint16_t num = (uint16_t)(bi->fetch0 + f + 1);
				struct icache_line *l =
					&cpu->icache.lines[line[f]];
				if (k > 0 && b->line[k - 1] == l) {
					b->line_last[k - 1] = num;
					continue;
				}
				b->line[k] = l;
				b->stamp[k] = stamp[f];
				b->line_last[k] = num;
				b->nlines++;
			}
			bi->line_k = (uint8_t)(b->nlines - 1);
		}
		n++;
		off += bi->size;
		if (bi->d.flow == FLOW_ENDS || bi->d.flow == FLOW_ENDS_PC ||
		    always_branches(bi, thumb))
			break;
	}
	b->n = (uint8_t)n;
	for (unsigned k = n; k-- > 0;)
		b->insn[k].plain_run =
			b->insn[k].kind != BK_PLAIN ? 0
			: k + 1 < n ? (uint8_t)(b->insn[k + 1].plain_run + 1)
				    : 1;
	b->hist_meta = ((cpu->cpsr & CPSR_M_MASK) << 3) |
		       ((cpu->cpsr & CPSR_T) << 3);
	for (unsigned k = 0; k < n; k++) {
		b->hist[k].pc = pc + b->insn[k].off;
		b->hist[k].insn = b->insn[k].raw;
		b->hist[k].meta = b->hist_meta | b->insn[k].size;
	}
	b->code_len = (uint8_t)(off - (pc & 0xfffu));
	if (n == 0)
		return false;
	cpu->blocks->stats.built++;
	return true;
}

/* A cached block whose lines changed (refilled, or invalidated and
 * filled again): when every fetch of it would hit a line holding the
 * bytes it was decoded from, the block is valid again with the lines'
 * new stamps, without decoding anything. Refills of unchanged code are
 * the common case in a kernel whose code does not fit the I-cache.
 * The fetches cover the block's bytes (code[], code_len) without a gap,
 * and each line's part of them holds at least one fetch's first byte
 * (4-byte fetches are aligned, T32's are 2 bytes), so the lines its
 * fetches hit are the ones serving its bytes, line by line: compared
 * from code[] (one or two of the host's cache lines) rather than from
 * each instruction's entry.
 *
 * lines_present: b's lines looked up from its first, each compared with
 * b's bytes, into line[] and stamp[]: how many are there with b's bytes
 * before the first that is not there, or -1 when one holds other bytes
 * (or b's bytes would take more lines than it has). */
static int lines_present(struct cpu *cpu, const struct block *b,
			 struct icache_line **line, uint64_t *stamp)
{
	/* code[] is in the slot's body, away from the slots and seldom in
	 * the host's caches (Linux boot: three quarters of the compare's
	 * time was that miss): asked for before the lines are looked up */
	__builtin_prefetch(b->code);
	__builtin_prefetch((const uint8_t *)b->code + 64);
	const struct icache *ic = &cpu->icache;
	const uint32_t lb = ic->line_bytes;
	int nl = 0;
	for (uint32_t off = 0, len; off < b->code_len; off += len) {
		const uint64_t pa = b->pa + off;
		const uint32_t at = (uint32_t)(pa & (lb - 1));
		len = lb - at < b->code_len - off ? lb - at
						  : b->code_len - off;
		if (nl == b->nlines)
			return -1;
		const struct icache_line *l =
			icache_lookup_line(cpu, b->va + off, pa);
		if (!l)
			break;
		if (memcmp(l->bytes + at, (const uint8_t *)b->code + off,
			   len) != 0)
			return -1;
		line[nl] = &cpu->icache.lines[l - ic->lines];
		stamp[nl] = l->stamp;
		nl++;
	}
	return nl;
}

bool block_relink(struct cpu *cpu, struct block *b)
{
	struct icache_line *line[BLOCK_LINES_MAX];
	uint64_t stamp[BLOCK_LINES_MAX];
	/* all hit with the same bytes, in the same lines in the same order
	 * (so line_last and line_k hold): take their stamps now */
	const int nl = lines_present(cpu, b, line, stamp);
	if (nl != b->nlines)
		return false;
	memcpy(b->line, line, (unsigned)nl * sizeof line[0]);
	memcpy(b->stamp, stamp, (unsigned)nl * sizeof stamp[0]);
	b->valid_at = cpu->icache.stamp_next;
	return true;
}

unsigned block_relink_prefix(struct cpu *cpu, struct block *b)
{
	struct icache_line *line[BLOCK_LINES_MAX];
	uint64_t stamp[BLOCK_LINES_MAX];
	const int nl = lines_present(cpu, b, line, stamp);
	if (nl <= 0 || nl >= b->nlines)
		return 0;
	/* the instructions whose fetches all hit lines [0, nl) (line_k: the
	 * last line an instruction's fetches hit; lines in address order) */
	unsigned n = 0;
	while (n < b->n && b->insn[n].line_k < nl)
		n++;
	if (n == 0)
		return 0;
	memcpy(b->line, line, (unsigned)nl * sizeof line[0]);
	memcpy(b->stamp, stamp, (unsigned)nl * sizeof stamp[0]);
	return n;
}

/* --engine-check: whether every instruction of b is what a fetch of the
 * step engine would return now (peek: the present I-cache line, or RAM),
 * independently of the stamps and the code-write generations that make
 * the block valid. A difference is reported (the first few) and counted,
 * and the block is not run. */
bool block_check(struct cpu *cpu, struct block *b)
{
	for (unsigned k = 0; k < b->n; k++) {
		const struct block_insn *bi = &b->insn[k];
		uint32_t va = b->va + bi->off, w = 0, hw2, line;
		uint64_t pa = b->pa + bi->off, stamp;
		bool ok = peek(cpu, b->cached, va, pa, b->thumb ? 2 : 4, &w,
			       &line, &stamp, NULL);
		if (ok && bi->nfetch == 2) {
			ok = peek(cpu, b->cached, va + 2, pa + 2, 2, &hw2, &line,
				  &stamp, NULL);
			w = (w << 16) | hw2;
		}
		if (ok && w == bi->raw)
			continue;
		if (cpu->blocks->stats.check_failures++ < 10)
			fprintf(stderr,
				"hypsim: engine check: core %u block at 0x%08x "
				"(PA 0x%llx): instruction %u at 0x%08x was "
				"decoded from 0x%08x but a fetch %s\n",
				cpu->index, b->va, (unsigned long long)b->pa, k,
				va, bi->raw,
				ok ? "returns another encoding"
				   : "misses the I-cache");
		b->n = 0;
		b->serial = ++cpu->blocks->serial;
		return false;
	}
	return true;
}
