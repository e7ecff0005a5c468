/* The decoded-instruction cache (DESIGN.md "The way an instruction
 * travels"): what the decoder found in an encoding, kept so that the next
 * execution of the same instruction skips the decode tree and calls a
 * handler specialised for its class with its fields already extracted.
 *
 * Indexed by the physical address the instruction was fetched from,
 * validated by the encoding the fetch returned. The step fetches every
 * instruction as before (from RAM, or from the modelled I-cache, which may
 * hold a stale line) and uses an entry only when its encoding is the one
 * fetched. So the cache can never run anything but what the fetch
 * delivered: a store to code, a debugger's write, a loader, or a stale
 * I-cache line are all seen without an invalidation protocol, and the
 * cache follows the modelled I-cache by construction (a stale line decodes
 * to the stale instruction). An entry's contents depend on the encoding
 * only, never on the CPU state at decode time; handlers read the state
 * (mode, flags, registers) when they run.
 *
 * Only the common classes get specialised handlers (data processing
 * without the PC, MOVW/MOVT, B/BL, word/byte loads and stores without
 * writeback); every other encoding gets a handler that calls its decoder
 * table line's handler (found once, when the entry is filled), so
 * behaviour is that of the interpreter by construction and the
 * specialised handlers are checked against it by
 * tests/unit/test_decode_cache.c. */
#ifndef HYPSIM_DECODE_CACHE_H
#define HYPSIM_DECODE_CACHE_H

#include <stdint.h>

#include "cpu/cpu.h"

struct decoded_insn;
typedef enum exec_result (*decoded_fn)(struct cpu *cpu,
				       const struct decoded_insn *d);

/* What an entry's handler may write, for observers that compare register
 * state (the trace writer): bit n = Rn (n < 15; the PC always changes),
 * DECODE_WRITES_CPSR = the flags; DECODE_WRITES_ANY when the table line's
 * handler runs. A handler never changes the mode or a banked copy. */
#define DECODE_WRITES_CPSR (1u << 15)
#define DECODE_WRITES_ANY 0xffffffffu
#define DECODE_WRITES_R(n) (1u << (n))

struct decoded_insn {
	uint32_t insn; /* the encoding this entry was decoded from */
	uint32_t writes; /* DECODE_WRITES_* */
	uint8_t rd, rn, rm;
	uint8_t shift_type;   /* enum shift_type, after DecodeImmShift */
	uint8_t shift_amount; /* 0..32 */
	uint8_t imm_carry;    /* ARMExpandImm_C: carry out is imm32[31] */
	uint8_t ra;           /* accumulator of MLA, Rn of the extends */
	uint8_t op;           /* the class's own operation (enum mul_op, …) */
	uint8_t s;            /* S bit, or load/sign for extra loads */
	/* a load or store whose handler touches memory only through
	 * cpu_read_fast/cpu_write_fast (the block engine's BK_MEM) */
	uint8_t mem;
	/* enum decode_flow (decode_table.h): how a block treats it */
	uint8_t flow;
	uint32_t imm;         /* immediate, offset or branch displacement */
	decoded_fn fn;
};

/* 65536 entries per instruction set: 256 KiB of A32 code and 128 KiB of
 * T32 code direct-mapped (4 MiB per core). A kernel's
 * boot runs far more code than an L1 I-cache holds, and a block built
 * again (its slot taken, its lines refilled with other bytes) finds its
 * instructions decoded here (Linux boot: 1.5% less time than with 8192,
 * where the table lookups of a32_decode were 1.5% of it). */
#define DECODE_CACHE_BITS 16
#define DECODE_CACHE_ENTRIES (1u << DECODE_CACHE_BITS)

struct decode_cache {
	struct decoded_insn a32[DECODE_CACHE_ENTRIES];
	/* T32: indexed by halfword; the key is the 16-bit encoding, or
	 * hw1:hw2 for a 32-bit one (hw1 >= 0xe800, so the two never meet).
	 * Entries are used only outside IT blocks (ITSTATE = 0); inside
	 * one, and for every class without a handler, t32_execute runs. */
	struct decoded_insn t32[DECODE_CACHE_ENTRIES];
};

/* Allocate and fill with valid entries (each holds the decode of encoding
 * 0, so an entry never needs a "valid" bit). false on host out-of-memory:
 * the core then runs without the cache (cpu->decoded == NULL). */
bool decode_cache_create(struct cpu *cpu);
void decode_cache_destroy(struct cpu *cpu);

/* Fill `d` from the A32 encoding `insn`. */
void a32_predecode(struct decoded_insn *d, uint32_t insn);
/* Fill `d` from a T32 encoding: hw1 for a 16-bit one, hw1 << 16 | hw2 for
 * a 32-bit one. */
void t32_predecode(struct decoded_insn *d, uint32_t insn);

/* Whether `d` got a specialised handler (for tests). */
bool decode_is_specialised(const struct decoded_insn *d);

/* Condition check by table: bit n of cond_pass_mask[cond] says whether
 * `cond` passes when CPSR[31:28] (NZCV) == n (A8.3). Built from
 * cpu_condition_passed so both agree by construction. */
extern uint16_t decode_cond_pass_mask[16];

static inline bool decode_cond_passed(uint32_t cpsr, unsigned cond)
{
	return (decode_cond_pass_mask[cond] >> (cpsr >> 28)) & 1u;
}

#endif
