/* The debugger core shared by the gdb stub (gdbstub.h) and the readline
 * monitor (sim/monitor.h): breakpoints, watchpoints, run control, and
 * access to registers and memory that leaves the modelled state alone.
 *
 * Run control is single-threaded: the caller runs the machine through
 * dbg_continue()/dbg_step() on its own thread; whatever must interrupt a
 * run (gdb's 0x03, a new connection, Ctrl-C) sets
 * machine->interrupt_requested, from machine->round_hook (called once per
 * scheduling round) or a signal handler.
 *
 * Breakpoints never modify memory: a breakpoint is a check of the PC
 * before each instruction (a cpu_observer), so "software" (Z0) and
 * "hardware" (Z1) breakpoints behave alike and neither disturbs the
 * I-cache model or the decoded-instruction cache. They match the
 * virtual address of the instruction on every core.
 *
 * Watchpoints match the virtual address of data accesses (the observer's
 * mem_access hook, called when an access has been made). The machine
 * stops after the instruction that made the access has retired: the
 * accessed memory holds the new value and the PC is past the instruction,
 * as a debugger expects of a "steppable" watchpoint. */
#ifndef HYPSIM_GDB_DEBUG_H
#define HYPSIM_GDB_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "mmu/mmu.h"

struct machine;
struct trace_writer;
struct sysreg;

enum dbg_bp_kind { DBG_BP_SW, DBG_BP_HW };

enum dbg_watch_type {
	DBG_WATCH_WRITE = 1,
	DBG_WATCH_READ = 2,
	DBG_WATCH_ACCESS = 3,
};

/* Why a run under the debugger stopped. */
enum dbg_event {
	DBG_EV_NONE,
	DBG_EV_STEP,      /* a single step completed */
	DBG_EV_BREAK,     /* a breakpoint (bp_kind says which kind) */
	DBG_EV_WATCH,     /* a watchpoint (watch_type, watch_addr) */
	DBG_EV_INTERRUPT, /* Ctrl-C, gdb's interrupt, a new connection */
	DBG_EV_HANG,      /* the hang detector fired */
	DBG_EV_EXIT,      /* the guest exited (exit_code) */
	DBG_EV_BUDGET,    /* --max-insns ran out */
};

struct dbg_stop {
	enum dbg_event ev;
	unsigned cpu;        /* the core that stopped (or ran last) */
	uint8_t bp_kind;     /* enum dbg_bp_kind */
	uint8_t watch_type;  /* enum dbg_watch_type */
	uint32_t watch_addr; /* an address inside both the access and the
				watched range */
	int exit_code;
};

#define DBG_MAX_BREAKPOINTS 64
#define DBG_MAX_WATCHPOINTS 32

struct dbg_breakpoint {
	bool used;
	uint8_t kind;
	uint32_t addr;
};

struct dbg_watchpoint {
	bool used;
	uint8_t type;
	uint32_t addr, len;
};

struct dbg_core {
	struct cpu_observer obs;
	struct debugger *d;
	/* resume from a breakpoint: the first instruction at skip_pc does
	 * not stop again */
	bool skip_once;
	uint32_t skip_pc;
	/* a watchpoint matched during the current instruction */
	bool watch_hit;
	uint8_t watch_type;
	uint32_t watch_addr;
};

struct debugger {
	struct machine *m;
	struct trace_writer *trace; /* NULL without --trace */
	uint64_t max_insns;         /* the run's budget (0: none) */
	struct dbg_breakpoint bp[DBG_MAX_BREAKPOINTS];
	struct dbg_watchpoint wp[DBG_MAX_WATCHPOINTS];
	unsigned n_bp, n_wp; /* in use */
	struct dbg_core *cores;
	bool stepping;
	/* set by the observer when it stopped the machine */
	struct dbg_stop pending;
	bool exited; /* the guest exited: nothing can run any more */
	int exit_code;
};

struct debugger *dbg_create(struct machine *m, struct trace_writer *trace,
			    uint64_t max_insns);
void dbg_destroy(struct debugger *d);

/* Breakpoints: returns the slot number (the monitor shows it), or -1 when
 * every slot is in use. Adding an existing (addr, kind) returns its slot. */
int dbg_break_add(struct debugger *d, uint32_t addr, enum dbg_bp_kind kind);
bool dbg_break_remove(struct debugger *d, uint32_t addr, enum dbg_bp_kind kind);
bool dbg_break_delete(struct debugger *d, unsigned slot);
void dbg_break_clear(struct debugger *d);

int dbg_watch_add(struct debugger *d, uint32_t addr, uint32_t len,
		  enum dbg_watch_type type);
bool dbg_watch_remove(struct debugger *d, uint32_t addr, uint32_t len,
		      enum dbg_watch_type type);
void dbg_watch_clear(struct debugger *d);

/* Run every core not in hold_mask (bit n = core n) until something stops
 * the machine. The cores in hold_mask keep their state. */
void dbg_continue(struct debugger *d, uint32_t hold_mask, struct dbg_stop *st);
/* Execute one instruction on core `cpu` alone, the others held (or take
 * a pending interrupt, which is what the core would do next). A
 * breakpoint at the PC does not stop the step: the step executes it. */
void dbg_step(struct debugger *d, unsigned cpu, struct dbg_stop *st);

/* ---- registers (debug_regs.c) ---- */

/* Write a core register by its regmap.h id. CPSR writes change mode (and
 * so the banked registers in view); a CPSR with a reserved mode encoding
 * is refused (false), as the state could not be explained. */
bool dbg_core_reg_write(struct cpu *cpu, unsigned id, uint32_t val);
/* The table entry `name` has for this core's model (architected ones, or
 * the model's implementation-defined one of that name), or NULL. */
const struct sysreg *dbg_sysreg_for(const struct cpu *cpu, const char *name);
/* A system register's value as a debugger sees it (the copy the core's
 * current security state uses for banked ones). */
bool dbg_sysreg_value(struct cpu *cpu, const char *name, uint64_t *val);

/* ---- memory (debug_mem.c) ---- */

/* Read/write len bytes at a virtual address through the current regime
 * of `cpu`, or at a physical address. Return how many bytes were done
 * (stopping at the first untranslatable or non-RAM byte).
 *
 * Side effects, chosen so that attaching a debugger never changes what a
 * run does (DESIGN.md principle 1):
 *   - translation looks up the modelled TLB like a data read of the
 *     current mode (a stale entry gives the address the core would use)
 *     and walks the tables on a miss, but fills nothing
 *     (mmu_translate_debug): a real debugger's access through the core
 *     could allocate TLB entries, and such an entry could later hide a
 *     missing TLB invalidation — attaching gdb must not make a hang go
 *     away;
 *   - no fault is ever taken: an untranslatable address ends the access;
 *   - only RAM is accessed: a device register's read can have effects (a
 *     FIFO pops), so device addresses end the access;
 *   - with the data-cache model on, reads see (and writes update) a
 *     line the model holds, as the core's own loads would, without
 *     allocating or cleaning anything (dcache_debug_read/write);
 *   - writes go to memory and not to the I-cache model, as a write by an
 *     external debugger that does no cache maintenance of its own; writes
 *     need the address to be readable in the current mode, not writable,
 *     so that code in read-only pages can be patched.
 */
size_t dbg_mem_read(struct cpu *cpu, uint64_t addr, uint8_t *buf, size_t len,
		    bool phys);
size_t dbg_mem_write(struct cpu *cpu, uint64_t addr, const uint8_t *buf,
		     size_t len, bool phys);
/* Translate one virtual address as dbg_mem_read does. */
bool dbg_translate(struct cpu *cpu, uint32_t va, uint64_t *pa);

/* ---- views and two-stage translation (debug_xlat.c) ---- */

/* Which translation a debugger's memory access goes through. */
enum dbg_view {
	DBG_VIEW_CURRENT, /* the core's current regime (a load would) */
	DBG_VIEW_GUEST,   /* Non-secure PL1&0 stage 1 as the guest left its
			     registers, then stage 2 when HCR.VM/DC */
	DBG_VIEW_HYP,     /* Hyp's own stage 1 (HTTBR/HTCR/HSCTLR) */
	DBG_VIEW_PHYS,    /* no translation */
};
const char *dbg_view_name(enum dbg_view v);
/* Translate va as a PL1 (or Hyp) read of view v, without filling any
 * TLB entry or touching a cache model. */
bool dbg_translate_view(struct cpu *cpu, enum dbg_view v, uint32_t va,
			uint64_t *pa);
size_t dbg_mem_read_view(struct cpu *cpu, uint64_t addr, uint8_t *buf,
			 size_t len, enum dbg_view v);
size_t dbg_mem_write_view(struct cpu *cpu, uint64_t addr, const uint8_t *buf,
			  size_t len, enum dbg_view v);

/* vmid < 0: the regime's own stage 2. vmid >= 0: walk stage 2 for that
 * VMID (even with HCR.VM clear); refused (false, x->refused says why)
 * when VTTBR holds another VMID, since the model knows only the current
 * VTTBR, or when the view is not the Non-secure PL1&0 regime. */
bool dbg_xlat_explain(struct cpu *cpu, enum dbg_view v, uint32_t va,
		      int vmid, struct mmu_stages *x);
void dbg_xlat_print(const struct cpu *cpu, const struct mmu_stages *x,
		    FILE *out);
/* `translate VA [vmid N] [hyp|guest|current]`: the options after the VA
 * (default: the guest's view from Hyp mode, else the current regime).
 * False for options it does not know (the caller prints its usage). */
bool dbg_translate_cmd(struct cpu *cpu, uint32_t va, const char *opts,
		       FILE *out);
/* `gic [CORE]`: the interrupt controller's state for core `core`, and
 * why a pending interrupt is not delivered. */
void dbg_print_gic(struct machine *m, unsigned core, FILE *out);

/* ---- reports (debug_info.c) ---- */

/* HYP state: HCR, HSCTLR, HVBAR, HSR, ELR_hyp, SPSR_hyp, HTTBR, VTTBR and
 * the HYP fault registers, each decoded. */
void dbg_print_hyp(struct cpu *cpu, FILE *out);
/* Core registers: the current view, every banked copy, and the HYP
 * registers. */
void dbg_print_regs(struct cpu *cpu, FILE *out);
/* Every system register of the core's model (name = NULL) or one, with
 * its encoding and description. Returns false for an unknown name. */
bool dbg_print_sysregs(struct cpu *cpu, const char *name, FILE *out);
/* One line: "core 0 cortex-a15 cluster 0". */
void dbg_core_name(const struct cpu *cpu, char *buf, size_t len);

#endif
