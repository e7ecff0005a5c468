/* Observers of a core's execution: trace writer, gdb stub, hang detector.
 * Each costs nothing when absent (cpu->n_obs == 0 skips every call). */
#ifndef HYPSIM_OBSERVER_H
#define HYPSIM_OBSERVER_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* An exception as it was taken, for observers. */
struct exception_event {
	unsigned kind;        /* enum exception_kind (hyp/exception.h) */
	unsigned from_mode, to_mode;
	uint32_t return_addr; /* preferred return address (ELR/LR basis) */
	uint32_t vector;      /* address of the vector entered */
	uint32_t syndrome;    /* HSR when taken to HYP, else FSR or 0 */
	uint32_t fault_addr;
};

/* A cache or TLB maintenance operation. */
struct maintenance_event {
	const char *op;   /* "ICIALLU", "TLBIALLH", … */
	uint32_t arg;     /* Rt value */
	unsigned removed; /* entries/lines it removed on this core */
};

/* One pure instruction of a batch (cpu_observer.after_planned_run): the
 * core's state after it, as after_planned would have read it from the
 * core, and what after_planned is given. */
struct planned_step {
	/* R0-R14 as cpu->r, only those in writes (bits 0-14: all of them
	 * for DECODE_WRITES_ANY), the others left unset. (The next PC is
	 * the next step's pc, or cpu->r[15] after the last: only the last
	 * can write the PC.) */
	uint32_t r[15];
	uint32_t cpsr;
	uint32_t pc, raw, writes; /* after_planned's pc, raw and writes */
	uint32_t step_writes; /* cpu->step_writes: 0 when its condition failed */
};

/* The most instructions a batch holds (a block's length bounds it). */
#define PLANNED_BATCH_MAX 64u

struct cpu_observer {
	void *ctx;
	/* The observer follows block runs: its before_insn never returns
	 * false, and its callbacks read only what step_one gives them (the
	 * registers, r[15] and icount before the instruction and
	 * cpu->insn/insn_size as the previous step left them in
	 * before_insn; after it the next PC, icount + 1, cpu->insn,
	 * insn_size and step_writes). When every observer with
	 * before_insn/after_insn says so (the trace writer), the block
	 * engine runs with them attached and calls both around each
	 * instruction it runs, with that state (block.c run_block_traced);
	 * otherwise (gdb, breakpoints, the maintenance checker) the core
	 * runs the step engine. */
	bool follows_blocks;
	/* Optional, for an observer that follows blocks and records from
	 * per-block plans (the trace writer), used when no other observer
	 * has before_insn or after_insn. At the start of a block run: the block's first
	 * address, its instruction set and its length; true when the run's
	 * pure instructions (registers and flags only: no memory access, no
	 * event, no mode change; block.c BK_PLAIN/BK_CPLAIN/BK_BRANCH) may
	 * be reported by after_planned alone. false: every instruction of
	 * the run gets before_insn/after_insn as usual. */
	bool (*plan_block)(void *ctx, struct cpu *cpu, uint32_t va, bool thumb,
			   unsigned n);
	/* Instead of before_insn + after_insn, after pure instruction idx of
	 * that block run: its address, encoding (block_insn.raw: A32 word,
	 * T32 hw1 or hw1 << 16 | hw2) and the registers its entry can write
	 * (decoded_insn.writes). The core's state is what after_insn would
	 * see; the observer derives what is constant from these arguments
	 * once and keeps it while they stay the same. */
	void (*after_planned)(void *ctx, struct cpu *cpu, unsigned idx,
			      uint32_t pc, uint32_t raw, uint32_t writes);
	/* Instead of before_insn, before a specialised load or store of
	 * such a run (BK_MEM), with before_insn's state; after_planned
	 * follows it as for a pure instruction. Memory accesses and events
	 * (a fault's exception) arrive in between as usual. */
	void (*before_planned)(void *ctx, struct cpu *cpu);
	/* Optional, instead of after_planned for consecutive pure
	 * instructions idx0 .. idx0 + n - 1 (n <= PLANNED_BATCH_MAX) of the
	 * block run, called once after the last of them (and before
	 * anything else is reported): icount0 is the first one's icount
	 * (before it), base_r R0-R14 before it, st[k] what instruction
	 * idx0 + k wrote (so the state after it is base_r with st[0..k]'s
	 * registers applied in turn, and st[k]'s PC and flags). The core
	 * itself is in the state after the last of them (cpu->insn,
	 * insn_size and step_writes the last one's). Nothing but registers
	 * and flags changes in between, so the observer sees what n
	 * after_planned calls would see; a trace write error it reports is
	 * seen by the core after the batch (block.c run_block_traced stops
	 * the run there), and every record up to the failure is in the file
	 * exactly once. */
	void (*after_planned_run)(void *ctx, struct cpu *cpu, unsigned idx0,
				  unsigned n, uint64_t icount0,
				  const uint32_t *base_r,
				  const struct planned_step *st);
	/* before each instruction; return false to stop before executing it
	 * (breakpoint) */
	bool (*before_insn)(void *ctx, struct cpu *cpu);
	/* after each retired instruction (or taken exception) */
	void (*after_insn)(void *ctx, struct cpu *cpu, int result);
	void (*exception)(void *ctx, struct cpu *cpu,
			  const struct exception_event *ev);
	/* sysreg_id indexes the register table (cp15/sysreg.h) */
	void (*sysreg_write)(void *ctx, struct cpu *cpu, unsigned sysreg_id,
			     uint64_t old_val, uint64_t new_val);
	void (*maintenance)(void *ctx, struct cpu *cpu,
			    const struct maintenance_event *ev);
	/* data memory access (va, pa, size, value, is_write) */
	void (*mem_access)(void *ctx, struct cpu *cpu, uint32_t va, uint64_t pa,
			   unsigned size, uint64_t val, bool is_write);
};

#endif
