/* The machine: a board (bus, RAM, devices), its cores and the scheduler
 * that interleaves them in fixed quanta of instructions (deterministic:
 * the same inputs give the same interleaving). */
#ifndef HYPSIM_MACHINE_H
#define HYPSIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "mmu/bus.h"

struct core_model;
struct hang_detector;
struct virt_board;

enum entry_state {
	ENTRY_SECURE_SVC, /* as silicon resets: Secure SVC */
	ENTRY_SVC,        /* Non-secure SVC, CPSR 0x1d3 */
	ENTRY_HYP,        /* Non-secure HYP, CPSR 0x1da */
};

#define MACHINE_MAX_CLUSTERS 4
#define MACHINE_MAX_CPUS 16

struct machine_config {
	/* "bare" (RAM + semihosting) or "virt" (src/sim/virt.c) */
	const char *board;
	struct {
		const struct core_model *model;
		unsigned count;
	} clusters[MACHINE_MAX_CLUSTERS];
	unsigned n_clusters;
	uint64_t mem_base, mem_size;
	/* a low window onto the start of RAM (--mem-alias BASE:SIZE), as
	 * boards whose RAM is all above 4 GiB have for booting */
	uint64_t alias_base, alias_size;
	enum entry_state entry;
	bool icache_model;
	bool engine_block; /* --engine block|threaded (cpu/block.c), else step */
	bool engine_codegen; /* --engine block: with generated code */
	bool engine_check; /* --engine-check */
	bool dcache_model; /* --dcache-model: see mmu/dcache.c */
	const char *errata; /* --errata +NAME,-NAME (cp15/errata.h) */
	uint64_t cache_seed; /* seed of UNKNOWN cache contents */
	bool semihosting;
	/* --dcc stdout: words the guest writes to the debug communications
	 * channel (DBGDTRTXint) go to the console as bytes */
	bool dcc_console;
	unsigned quantum; /* instructions per core per scheduling round */
	/* virtual instructions per second: the rate at which the machine's
	 * clock runs (--ips; 0 = TIMING_DEFAULT_IPS) */
	uint64_t ips;
	/* virt: the PL031's time at reset, seconds since 1970 (--rtc-epoch) */
	uint64_t rtc_epoch;
	/* a PSCI SYSTEM_RESET restarts the machine (--reboot) instead of
	 * ending the run */
	bool reboot;
	/* virt: standard input feeds the UART (hypsim run without
	 * --monitor); off in scenarios and tests */
	bool console_input;
};

/* Why a run stopped. */
enum stop_reason {
	STOP_NONE,
	STOP_EXIT,   /* semihosting exit: exit_code */
	STOP_HANG,   /* hang detector fired */
	STOP_BUDGET, /* --max-insns reached */
	STOP_BREAK,  /* an observer asked to stop (breakpoint, Ctrl-C) */
	/* the guest asked for a reset and the machine restarts (--reboot):
	 * handled inside machine_run, never returned */
	STOP_RESET,
	/* a core scheduled an event inside the round (timing.early_event):
	 * the round is shortened and the core runs on, inside machine_run,
	 * never returned */
	STOP_ROUND_CUT,
};

struct symbol {
	char *name;
	uint32_t addr, size;
};

struct machine {
	struct machine_config cfg;
	struct bus bus;
	struct cpu *cpus;
	struct cpu **cpu_ptrs;
	unsigned n_cpus;
	struct cpu_group group;
	struct exclusive_monitor *global_monitor;
	enum stop_reason stop;
	int exit_code;
	unsigned stopped_cpu;
	FILE *console; /* semihosting and UART output */
	struct symbol *syms;
	size_t n_syms;
	struct loaded_range {
		uint64_t base, end;
		const char *path;
	} loaded[32];
	unsigned n_loaded;
	uint64_t entry_point;
	bool have_entry;
	struct hang_detector *hang;
	volatile int interrupt_requested; /* set by SIGINT */
	/* Debugger hooks (gdb stub, monitor). round_hook runs after every
	 * scheduling round; it may set interrupt_requested or stop. The
	 * scheduler skips the cores in held_cpus (bit n = core n). */
	void (*round_hook)(struct machine *m, void *ctx);
	void *round_ctx;
	uint32_t held_cpus;
	/* Machine time (src/timing/timing.h). A round interrupted by a stop
	 * (a budget, a breakpoint) resumes where it stopped: the next run
	 * continues with core round_cpu and the rest of each core's slice,
	 * so splitting a run never changes its interleaving or its times. */
	struct timing clock;
	unsigned round_cpu;
	bool round_open;
	/* one core on: rounds are quantum << solo_shift long; the cores'
	 * stores and device accesses when the last round began
	 * (round_begin) */
	unsigned solo_shift;
	uint64_t solo_progress;
	uint64_t cut_at; /* where round_cut asked the round to end */
	/* When every core waits and no event is scheduled: the board may
	 * wait for host input (a console) and return true when it delivered
	 * some; false means nothing can ever wake the machine. NULL: none. */
	bool (*idle_wait)(struct machine *m);
	/* The virt board's devices (src/sim/virt.c), NULL on `bare`. */
	struct virt_board *virt;
	/* r0-r2 of the first core at entry (the Linux boot protocol: 0,
	 * ~0, the DTB's address), set by the virt board's loader */
	uint32_t boot_regs[3];
	/* What the loaders put in RAM, kept at the first reset so that a
	 * restart (--reboot) loads it again, as a bootloader would. */
	struct boot_blob {
		uint64_t pa;
		uint64_t len;
		uint8_t *data;
	} *boot_blobs;
	unsigned n_boot_blobs;
	unsigned reboots;
	/* Called after every scheduling round (the board's console input). */
	void (*poll_hook)(struct machine *m);
};

/* Build the machine; on failure returns false with a message in err. */
bool machine_init(struct machine *m, const struct machine_config *cfg,
		  char *err, size_t errlen);
void machine_destroy(struct machine *m);
/* Put every core in the entry state at `entry` (on `virt`, only the first
 * runs, with boot_regs in r0-r2; the others wait for PSCI CPU_ON). */
void machine_reset(struct machine *m, uint32_t entry);
/* Reset one core into the machine's entry state at `entry` (machine_reset,
 * PSCI CPU_ON). */
void machine_enter_core(struct machine *m, struct cpu *cpu, uint32_t entry);
/* Run until a stop or until every core retired max_insns in total
 * (0 = no budget). */
enum stop_reason machine_run(struct machine *m, uint64_t max_insns);
uint64_t machine_total_icount(const struct machine *m);
/* Whether a core can run now: running, or waiting with a reason to wake
 * (a pending interrupt; for WFE, its event register). */
bool machine_core_can_progress(const struct cpu *cpu);

/* Symbols (from ELF images), sorted by address. */
void machine_add_symbol(struct machine *m, const char *name, uint32_t addr,
			uint32_t size);
void machine_sort_symbols(struct machine *m);
const struct symbol *machine_find_symbol(const struct machine *m,
					 uint32_t addr);
const struct symbol *machine_symbol_by_name(const struct machine *m,
					    const char *name);

/* Semihosting handler installed on the cores of a `bare` machine. */
enum exec_result semihost_call(struct cpu *cpu);

#endif
