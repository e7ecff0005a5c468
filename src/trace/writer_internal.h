/* What the trace writer's two files share (writer.c: the observer of
 * each step, the ring, the API; writer_plan.c: the records of block runs
 * made from their blocks' plans). Not for use outside src/trace. */
#ifndef HYPSIM_TRACE_WRITER_INTERNAL_H
#define HYPSIM_TRACE_WRITER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "cpu/regmap.h"
#include "trace/format.h"
#include "trace/sink.h"
#include "trace/trace.h"

/* A block's plan (cpu_observer.plan_block): for each instruction, what
 * its records share — the register ids it can write and the record's
 * constant part (format.h trace_planned_insn) — derived once from its
 * address, encoding and decoded writes, and used while those stay the
 * same. */
#define PLAN_SLOTS 1024u
#define PLAN_MAX 64u /* instructions; longer blocks run unplanned */

struct plan_insn {
	/* what it was derived from (its PC, raw, writes): checked at every
	 * use, so a block built again from other code or another decode
	 * gets a new entry, never a stale one. key_pc is the PC, or 1 (odd:
	 * no instruction has it) for an unused entry or one writer_finish_step
	 * records (`generic`), so that one compare sends both to the slow
	 * path. */
	uint32_t key_pc, raw, writes;
	uint16_t vmask; /* view registers R0-R14 the entry can write */
	bool cpsr;      /* … and the flags */
	bool generic;   /* recorded by writer_finish_step (see plan_fill) */
	uint16_t max_bound; /* TRACE_PLANNED_BOUND of the most it can write */
	struct trace_planned_insn rec;
};

struct block_plan {
	uint32_t va;
	bool thumb, used;
	uint8_t mode;
	struct plan_insn insn[PLAN_MAX];
};

struct core_ctx {
	struct trace_writer *w;
	struct cpu *cpu;
	const struct regmap_snapshot *live; /* regmap_live(cpu) */
	struct cpu_observer obs;
	bool attached;
	bool armed;         /* a step is open */
	bool lazy;          /* …opened by an event, not by before_insn */
	bool recording;     /* the current step is being recorded */
	bool need_snapshot; /* recording (re)starts: state goes first */
	bool have_post; /* `before` holds the state the last step left */
	uint32_t ext_seen; /* cpu->ext_reg_writes when `before` was taken */
	struct regmap_snapshot before;
	uint32_t pc;
	uint8_t mode;
	bool thumb;
	uint64_t icount;
	uint32_t insn_before;
	unsigned size_before;
	struct trace_reg_val regs[REGMAP_COUNT + REGMAP_FP_COUNT];
	struct cpu_fp fp_before; /* FP registers as last recorded */
	struct trace_mem *mem;
	unsigned n_mem, cap_mem;
	struct trace_event *ev;
	unsigned n_ev, cap_ev;
	/* plans, direct-mapped by the block's address (allocated at the
	 * first planned run), and the one of the block run in progress */
	struct block_plan *plans;
	struct block_plan *plan;
	struct trace_core_state *cs; /* the sink codec's state of this core */
	/* for the plan's mode: the banked copy behind view register 8-14,
	 * and the view register in front of each banked copy */
	unsigned behind_mode;
	uint8_t behind[7];
	uint8_t view_of[REGMAP_COUNT];
};

/* --trace-last: records are kept in two generations of at most N
 * instruction records each; at the end the last N of them are written,
 * preceded by each core's state, which is found by replaying the dropped
 * part of the older generation from the state saved when it began. */
struct ring_gen {
	uint8_t *buf;
	size_t len, cap;
	uint64_t n_insn;
	uint64_t **base;  /* [core][reg]: state when the generation began */
	uint8_t **known;
};

struct trace_writer {
	struct trace_options opts;
	struct trace_sink sink;
	unsigned n_cores;
	struct core_ctx **cores;
	bool enabled;
	bool started; /* the --trace-from condition has been met */
	uint64_t n_records;
	unsigned n_regs;
	unsigned fp_base; /* trace id of D0 (after the system registers) */
	/* HYPSIM_TRACE_FULL_DIFF set: compare every register after every
	 * step, never only the ones a decoded-cache entry names; the test
	 * tests/trace/test_writes_fast_path.sh checks both give the same
	 * bytes. */
	bool full_diff;
	struct trace_reg_val *snap_regs; /* n_regs, for snapshots */
	char err[256];
	/* trace_writer_on_error: told once, at the first failure */
	void (*on_error)(void *arg, const char *why);
	void *on_error_arg;
	bool error_told;
	/* ring mode */
	bool ring;
	struct ring_gen gen[2]; /* gen[cur] fills, gen[!cur] is older */
	unsigned cur;
	uint64_t **cur_val; /* [core][reg]: state after its last record */
	uint8_t **cur_known;
	uint64_t ring_total;
};

/* Whether a 32-bit encoding is in the spaces of the instructions that
 * can write the floating-point registers: coprocessor 10/11 (VFP: A7.5,
 * A7.6, A7.8; the T32 forms have the same bits with hw1 in [31:16]) and
 * Advanced SIMD (A7.4 data processing, A7.7 element and structure
 * loads/stores). A superset is harmless (the compare then finds
 * nothing); 16-bit Thumb instructions never qualify. */
static inline bool insn_may_write_fp(uint32_t insn, unsigned size, bool thumb)
{
	if (size != 4)
		return false;
	if (!thumb) {
		if ((insn >> 28) == 0xf)
			return (insn & 0xfe000000u) == 0xf2000000u ||
			       (insn & 0xff100000u) == 0xf4000000u;
	} else {
		if ((insn & 0xef000000u) == 0xef000000u ||
		    (insn & 0xff100000u) == 0xf9000000u)
			return true;
		if ((insn >> 29) != 7)
			return false;
	}
	/* cond/111x 110x (LDC/STC/MCRR/MRRC) or 1110 (CDP/MCR/MRC) with
	 * coproc 101x */
	return ((insn & 0x0e000000u) == 0x0c000000u ||
		(insn & 0x0f000000u) == 0x0e000000u) &&
	       (insn & 0xe00u) == 0xa00u;
}

/* writer.c: a step opened (its state before taken: before_insn, or an
 * event or a planned run that found none open) and closed (its record
 * made from what changed); whether --trace-modes records CPSR.M mode. */
void writer_begin_step(struct core_ctx *c, struct cpu *cpu, bool have_before);
void writer_finish_step(struct core_ctx *c, struct cpu *cpu);
bool writer_mode_selected(const struct trace_writer *w, unsigned mode);

/* writer_plan.c: the observer's planner calls (cpu/observer.h
 * plan_block, before_planned, after_planned, after_planned_run). */
bool writer_plan_block(void *ctx, struct cpu *cpu, uint32_t va, bool thumb,
		       unsigned n);
void writer_before_planned(void *ctx, struct cpu *cpu);
void writer_after_planned(void *ctx, struct cpu *cpu, unsigned idx,
			  uint32_t pc, uint32_t raw, uint32_t writes);
void writer_after_planned_run(void *ctx, struct cpu *cpu, unsigned idx0,
			      unsigned n, uint64_t icount0,
			      const uint32_t *base_r,
			      const struct planned_step *st0);

#endif
