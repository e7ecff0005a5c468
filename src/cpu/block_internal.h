/* The block engine's blocks (block.c), shared with the x86-64 code
 * generator (codegen_x86_64.c), which reads a block's instructions to
 * emit code for them. Private to those two files. */
#ifndef HYPSIM_BLOCK_INTERNAL_H
#define HYPSIM_BLOCK_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/block.h"
#include "cpu/codegen_x86_64.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"

#define BLOCK_MAX 32
/* The distinct I-cache lines a block is decoded from, at most: 32 A32
 * instructions (128 bytes) touch at most 5 lines of 32 bytes (the A7's;
 * the A15's are 64), and a block ends before an instruction that could
 * need a ninth (block_build), which is always exact. */
#define BLOCK_LINES_MAX 8
/* per core: 88 MiB allocated, touched as used. Debian's Linux 6.1 boot
 * built 0.82 M blocks with 16384 slots, 0.54 M with these (and took 2%
 * less time; 65536 built 0.21 M and took no less) */
#define BLOCK_SLOTS 32768
/* A block gets generated code on its CODEGEN_AFTER-th entry from
 * block_run (a block whose code was forgotten with a full buffer, on its
 * next). Most blocks a kernel builds run a few times and are decoded
 * again when their slot or their I-cache lines are taken: code for them
 * is written, thrown away and fills the buffer. Measured on Debian's
 * Linux 6.1 boot (bench/linux_boot.sh): 2 emitted 0.88 M blocks' code
 * with 176 buffer resets, 16 a fraction of that with 25, and the boot
 * took 10% less time; 32 changed nothing more. */
#define CODEGEN_AFTER 16

/* How run_block treats an instruction (block_insn.kind). */
enum block_kind {
	BK_PLAIN,  /* pure, not a branch, unconditional: just the handler */
	BK_CPLAIN, /* the same, A32 with a condition: checked first */
	BK_BRANCH, /* pure, may write the PC: the PC is set before it */
	BK_MEM,    /* a load or store with a specialised handler: the state
		    * a fault needs before it; the checks after it only when
		    * it left the fast path (cpu->slow_accesses moved) */
	BK_IMPURE, /* everything else: the step engine's state before it,
		    * the checks after it */
};

struct block_insn {
	struct decoded_insn d;
	uint32_t raw;     /* A32 word, T32 hw1 or hw1 << 16 | hw2 */
	uint16_t off;     /* from the block's first instruction */
	uint8_t size;     /* 2 or 4 */
	uint8_t nfetch;   /* fetches the step engine makes: 1, or 2 (T32) */
	uint8_t kind;     /* enum block_kind */
	uint8_t cond;     /* A32 condition field; 14 for T32 */
	/* I-cache fetches of the block before this instruction's first:
	 * its fetches are the block's tick + fetch0 + 1 (and + 2) */
	uint16_t fetch0;
	uint8_t idx;      /* its index in the block */
	uint32_t pc;      /* its address: the block's va + off */
	/* cached: the block's line (block.line[]) of its last fetch */
	uint8_t line_k;
	/* BK_PLAIN instructions from this one on without another kind
	 * between (0 when this one is not plain): run_block calls their
	 * handlers in a row */
	uint8_t plain_run;
};

struct block {
	/* What entering a block reads (block_at, block_chained, and the
	 * generated code's chain tail and entry checks) comes first, in one
	 * cache line, the links a clean end follows in the next: a block
	 * entered is often not in the host's caches, and each line touched
	 * is a miss (Linux boot, when the slots held their bodies: 2% less
	 * time than with these fields spread over four lines). */
	/* a number no other build of any slot had: a link (below) holds
	 * while its block keeps the number it had when linked */
	uint64_t serial;
	/* the block's generated code (codegen_x86_64.h), or NULL, and the
	 * times it was entered without (block_run: code from the second) */
	block_code_fn host_code;
	const void *host_direct; /* its direct entry (codegen_emit) */
	/* cached: the I-cache's stamp_next when the lines were last seen
	 * unchanged: while no line has been filled or invalidated since
	 * (stamps come from that counter), they all still are */
	uint64_t valid_at;
	/* uncached: the code-write generation of the block's RAM page
	 * (mmu/bus.h) and the value it had when code[] was last compared
	 * with RAM from the first instruction on */
	uint32_t *gen;
	uint32_t gen_val;
	uint32_t va;
	/* the history entries the instructions leave (step_one's), for
	 * CPSR.M = hist_mode; the exception bit is added when one is taken */
	uint32_t hist_meta;
	uint32_t xlink_va; /* (with xlink_mode: xlink's, below) */
	uint8_t n; /* 0: empty slot */
	bool thumb, cached;
	uint8_t mode;
	uint8_t entries;
	/* cached: the distinct I-cache lines the block was decoded from */
	uint8_t nlines;
	uint8_t code_len; /* bytes of code[] */
	uint8_t xlink_mode;
	/* the blocks that followed clean runs of this one in its page
	 * (block_chained), by the PC they start at */
	struct block *link[2];
	uint64_t link_serial[2];
	uint32_t link_va[2];
	/* the block block_at found on another page after a clean run of
	 * this one (a return to a caller, a call) at xlink_va, and the fetch
	 * memo's validity then: the soft-TLB generation, SCR and the mode
	 * (xlink_mode; block_chained follows it while they are unchanged) */
	struct block *xlink;
	uint64_t xlink_serial;
	uint32_t xlink_tlb_gen, xlink_scr;
	uint32_t scr;
	/* the block ends where a fetch would miss the I-cache (and not at
	 * a branch, the page's end or BLOCK_MAX): built again before its
	 * code is generated (block_run), when the line may be there */
	bool ends_at_miss;
	uint64_t pa;
	uint64_t vttbr;
	/* uncached: its page's RAM, which code_unchanged compares code[]
	 * with (not the fetch memo's page: generated code and links go on
	 * into blocks on other pages without moving the memo) */
	const uint8_t *host;
	/* cached: the I-cache lines its fetches hit, in address order (the
	 * model's lines stay where they are while the block cache lives:
	 * both go with the core's reset), which a clean end's generated
	 * code writes the ages of without an index to scale */
	struct icache_line *line[BLOCK_LINES_MAX];
	/* the last of the block's fetches (numbered from 1) that hit
	 * line[k]: fetches run in address order, so each line serves a
	 * contiguous range, ending there */
	uint16_t line_last[BLOCK_LINES_MAX];
	uint64_t stamp[BLOCK_LINES_MAX];
	/* the slot's block_body (below), which block_cache_create gives
	 * it: what only a build, a relink, a run without code, a handler
	 * or the history reads, away from the slots (a table of 4 MiB
	 * instead of 44, whose bodies are touched only as blocks are
	 * built) */
	/* the encodings' bytes (BLOCK_CODE_BYTES): what an uncached block
	 * compares with RAM, a cached one with its lines (block_relink) */
	uint64_t *code;
	struct cpu_history *hist; /* BLOCK_MAX */
	struct block_insn *insn;  /* BLOCK_MAX */
} __attribute__((aligned(64)));

/* the encodings of the longest block: BLOCK_MAX instructions of at most
 * 4 bytes each */
#define BLOCK_CODE_BYTES (BLOCK_MAX * 4)
struct block_body {
	uint64_t code[BLOCK_CODE_BYTES / 8];
	struct cpu_history hist[BLOCK_MAX];
	struct block_insn insn[BLOCK_MAX];
};
_Static_assert(offsetof(struct block, xlink_mode) < 64 &&
		       offsetof(struct block, xlink_scr) < 128,
	       "a block's entry fields in its first cache line, its links in "
	       "the second");

/* A core's blocks: a direct-mapped table indexed by the PC (block.c). */
struct block_cache {
	struct block slot[BLOCK_SLOTS];
	struct block_body body[BLOCK_SLOTS]; /* slot[k]'s is body[k] */
	struct block_stats stats;
	uint64_t serial; /* the last block.serial given */
	struct codegen *cg; /* NULL: the threaded loop only */
	/* the slots given code since the buffer was last reset, which a
	 * reset visits (not all the slots) */
	uint64_t coded[BLOCK_SLOTS / 64];
};

/* block_build.c. Decode the block at pc (physical address pa, Thumb or
 * not) into slot b, from what the step engine's fetches would return
 * now (the fetch memo's page: its I-cache lines or its RAM); false when
 * not even one instruction can be (an I-cache miss, a page with no
 * RAM), the slot left as it was when the first fetch would miss and
 * emptied otherwise. */
bool block_build(struct cpu *cpu, struct block *b, uint32_t pc, uint64_t pa,
		 bool thumb);
/* A cached block whose lines changed: valid again with their new stamps
 * when every fetch would hit a line holding its bytes. */
bool block_relink(struct cpu *cpu, struct block *b);
/* The same for the lines before the first one that is not there (the
 * others evicted or invalidated: the block stays stale): the number of
 * the instructions, from the first, whose fetches all hit those lines
 * with the block's bytes (their stamps then taken), which a run of the
 * block may make as a run cut short makes them; 0 when there are none,
 * when a line holds other bytes, or when every line is there (then
 * block_relink answers). */
unsigned block_relink_prefix(struct cpu *cpu, struct block *b);
/* --engine-check: whether every instruction of b is what a fetch would
 * return now (a difference is reported and the block emptied). */
bool block_check(struct cpu *cpu, struct block *b);

/* For generated code: run bi, the last instruction of its block, an
 * impure one that ends it (FLOW_ENDS: a barrier, a system register
 * access, a hint, …; FLOW_ENDS_PC: BX, POP {..., pc}, LDR pc), after a
 * clean run of the instructions before it, as run_block's loop runs an
 * impure instruction. Returns 0 when the run stays clean
 * (impure_kept_clean; the code then ends it as a clean run, cpu->icount
 * already counting bi and the PC the next one's, and takes the
 * slow-access count again: bi's accesses may have left the data fast
 * path), else the code's exit value (CG_RAN). */
uint32_t block_ends_from_code(struct cpu *cpu, const struct block_insn *bi);

#endif
