/* The block engine's x86-64 code generator (codegen_x86_64.c): for a
 * block of pre-decoded instructions (block_internal.h), host code that
 * does what run_block's threaded loop does for the whole block, with each
 * instruction's kind, condition, address and handler as constants. */
#ifndef HYPSIM_CODEGEN_X86_64_H
#define HYPSIM_CODEGEN_X86_64_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

struct block;
struct codegen;

/* A block's generated code: runs the block's instructions from the first
 * on, as run_block's loop would for a run of the whole block, and
 * returns what it did (CG_*). A clean run (only plain instructions,
 * branches and loads and stores that stayed on the data fast path) it
 * finishes itself, committing what run_block's end would, and then goes
 * on into the code of the block block_chained would find through the
 * run's links, while that block is valid by its fast checks, has code,
 * fits in `budget` (the instructions left, this block's included):
 * cpu->cg_block says which block ran last. It does not look at
 * *cpu->run_stop between blocks: a clean run cannot set it (run_block
 * gives a run entered with it set a budget of one block). */
typedef uint32_t (*block_code_fn)(struct cpu *cpu, uint64_t budget);

/* Why generated code returned (CG_EXIT of its result), about the run of
 * cpu->cg_block. */
enum codegen_exit {
	CG_DONE,   /* it ran clean and was committed as run_block's end
		    * commits a clean run */
	CG_SLOW,   /* instruction i - 1, a load or store, left the data
		    * fast path; CG_RES is its handler's result */
	CG_IMPURE, /* instruction i is impure: run_block's loop runs it */
	/* instruction i - 1, the last, impure (a return, a barrier, a
	 * system register access, …), ran with the state run_block gives
	 * an impure instruction (block_ends_from_code) and left the run
	 * unclean:
	 * CG_RES is its handler's result, and the loop makes the checks
	 * it makes after an impure instruction */
	CG_RAN,
};
#define CG_I(x) ((unsigned)(x) & 0xffu)          /* instructions run */
#define CG_EXIT(x) ((enum codegen_exit)(((x) >> 8) & 0xffu))
#define CG_SKIPPED(x) ((((x) >> 16) & 1u) != 0) /* the last one failed its
						  * condition */
#define CG_RES(x) ((enum exec_result)((x) >> 24))

/* A code buffer for one core's blocks; NULL when the host is not x86-64
 * Linux or has no executable memory to give (the threaded loop then runs
 * every block). */
struct codegen *codegen_create(void);
void codegen_destroy(struct codegen *cg);

/* Code for block b (built, n > 0), or NULL when the buffer is full (the
 * caller then forgets every block's code and calls codegen_reset). In
 * *direct, the code's direct entry: where a block's clean end whose next
 * PC is a constant jumps once the link to b has been followed from it
 * (the end's jump is patched then): it checks what the chain tail checks
 * of a block reached through a link but the link itself (b's validity,
 * the budget, the stop flag) and goes into b's code. */
block_code_fn codegen_emit(struct codegen *cg, const struct block *b,
			   const void **direct);
void codegen_reset(struct codegen *cg);

/* The code of a block whose slot is built again (still in the buffer
 * until it is reset): its direct entry is made to go to the chain tail
 * instead, which follows the links of the block whose end jumped there
 * and patches that end's jump again, so no patched jump ever runs code
 * whose block is gone. `cached` is the block's. */
void codegen_unlink(struct codegen *cg, const void *direct, bool cached);

/* Bytes of code emitted since the buffer was last reset, and resets. */
void codegen_usage(const struct codegen *cg, uint64_t *bytes,
		   uint64_t *resets);

#endif
