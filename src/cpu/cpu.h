/* Architectural state of one ARMv7-A core with the Security and
 * Virtualization Extensions, and the services the instruction handlers use.
 *
 * Register conventions (ARM DDI 0406C, B1.3 "ARM processor modes and ARM
 * core registers"):
 *   - cpu->r[0..14] are the registers visible in the current mode; the other
 *     modes' copies of R8-R12 (FIQ), SP, LR and SPSR live in the banks and are
 *     swapped by cpu_set_mode().
 *   - cpu->r[15] holds the address of the instruction being executed. An
 *     instruction that reads the PC as an operand gets r[15] + 8 (ARM) or + 4
 *     (Thumb) through cpu_reg_read(); one that writes it calls cpu_branch*.
 *   - After a handler returns EXEC_OK without writing the PC, the step
 *     advances r[15] by the instruction's size.
 *
 * Nothing in this directory knows about a board: a core sees its bus, its
 * coprocessors (src/cp15), the exception router (src/hyp) and its caches
 * and TLB (src/mmu). */
#ifndef HYPSIM_CPU_H
#define HYPSIM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cp15/cp15.h"
#include "mmu/icache.h"
#include "mmu/tlb.h"
#include "timing/irq.h"
#include "timing/timing.h"

struct block;
struct block_insn;
struct bus;
struct core_model;
struct cpu_observer;
struct exception_event;
struct maintenance_event;
struct cpu_group;

/* CPSR.M encodings, B1.3.1 Table B1-1. */
enum cpu_mode {
	MODE_USR = 0x10,
	MODE_FIQ = 0x11,
	MODE_IRQ = 0x12,
	MODE_SVC = 0x13,
	MODE_MON = 0x16,
	MODE_ABT = 0x17,
	MODE_HYP = 0x1a,
	MODE_UND = 0x1b,
	MODE_SYS = 0x1f,
};

/* Which copy of SP/LR/SPSR a mode uses. USR and SYS share BANK_USR. */
enum cpu_bank {
	BANK_USR,
	BANK_FIQ,
	BANK_IRQ,
	BANK_SVC,
	BANK_ABT,
	BANK_UND,
	BANK_MON,
	BANK_HYP,
	BANK_COUNT
};

/* CPSR bits, B1.3.3. */
#define CPSR_N (1u << 31)
#define CPSR_Z (1u << 30)
#define CPSR_C (1u << 29)
#define CPSR_V (1u << 28)
#define CPSR_Q (1u << 27)
#define CPSR_IT_LO_SHIFT 25 /* IT[1:0] in CPSR[26:25] */
#define CPSR_IT_LO_MASK (3u << 25)
#define CPSR_J (1u << 24)
#define CPSR_GE_SHIFT 16
#define CPSR_GE_MASK (0xfu << 16)
#define CPSR_IT_HI_SHIFT 10 /* IT[7:2] in CPSR[15:10] */
#define CPSR_IT_HI_MASK (0x3fu << 10)
#define CPSR_E (1u << 9)
#define CPSR_A (1u << 8)
#define CPSR_I (1u << 7)
#define CPSR_F (1u << 6)
#define CPSR_T (1u << 5)
#define CPSR_M_MASK 0x1fu
#define CPSR_NZCV (CPSR_N | CPSR_Z | CPSR_C | CPSR_V)
#define CPSR_IT_MASK (CPSR_IT_LO_MASK | CPSR_IT_HI_MASK)

/* What an instruction handler tells the step loop. */
enum exec_result {
	EXEC_OK = 0,   /* retired; PC advanced unless the handler branched */
	EXEC_EXCEPTION, /* an exception was taken; PC is at the vector */
	EXEC_WAIT,     /* WFI/WFE: retired, the core now waits */
	EXEC_HALT,     /* the machine was asked to stop (semihosting exit…) */
};

/* Run state of a core as the scheduler sees it. */
enum cpu_run_state {
	CPU_RUNNING,
	CPU_WAIT_WFI,
	CPU_WAIT_WFE,
	CPU_POWERED_OFF,
	CPU_HALTED, /* the machine stops (exit requested or hang) */
};

/* Memory-access flags for cpu_read/cpu_write. */
enum {
	ACC_UNPRIV = 1u << 0,      /* LDRT/STRT: checked as PL0 */
	ACC_ALIGNED = 1u << 1,     /* always alignment-checked (LDM, LDREX, …) */
	ACC_EXCLUSIVE = 1u << 2,   /* exclusive access (for the abort syndrome) */
	ACC_NO_SYNDROME = 1u << 3, /* HSR.ISV=0 form (LDM/STM, LDRD, …) */
	ACC_SIGNED = 1u << 4,      /* sign-extending load, for HSR.SSE */
};
/* Transfer register of a single load/store, for the HSR ISS.SRT field
 * of a stage-2 data abort: cpu_read(cpu, va, 4, &v, ACC_RT(rt)). */
#define ACC_RT(n) (((unsigned)(n)&0xfu) << 24)

/* Per-core local exclusive monitor, A3.4.1. The global monitor is shared
 * through the cpu_group. */
struct exclusive_monitor {
	bool open;
	uint64_t pa;
	unsigned size;
};

/* The machine's cores as the architecture sees them together: broadcast
 * maintenance (…IS operations) and the global exclusive monitor. */
struct cpu_group {
	struct cpu **cpus;
	unsigned n;
	/* global monitor (A3.4.2): one tagged physical range per core */
	struct exclusive_monitor *global;
};

/* Entries of each data memo (struct cpu's data_memo), a power of two:
 * 2 MiB of pages each way, 32 KiB in all. Debian's Linux boot
 * (bench/linux_boot.sh), whose decompressor reads back its window of
 * output: 512 entries 3% faster than 128, 1024 another 0.5%. */
#define DATA_MEMO_ENTRIES 512
/* Slots of the store memo's page index (struct cpu's store_memo_count),
 * a power of two: a host page's slot is its page number modulo it. */
#define STORE_MEMO_PAGE_SLOTS 4096

struct cpu {
	/* ---- architectural registers ---- */
	uint32_t r[16];
	uint32_t cpsr;
	uint32_t bank_r8_12_usr[5]; /* R8-R12 of every mode but FIQ */
	uint32_t bank_r8_12_fiq[5];
	uint32_t bank_sp[BANK_COUNT];
	uint32_t bank_lr[BANK_COUNT]; /* LR_hyp does not exist; HYP uses LR_usr */
	uint32_t bank_spsr[BANK_COUNT];
	uint32_t elr_hyp;
	/* VFP / Advanced SIMD register file (src/cpu/fp.h has the S/D/Q
	 * views and the rules): D0-D31, FPSCR, FPEXC. */
	struct cpu_fp {
		uint64_t d[32];
		uint32_t fpscr, fpexc;
	} fp;
	struct cp15 cp15;

	/* ---- implementation and machine links ---- */
	const struct core_model *model;
	struct bus *bus;
	struct cpu_group *group; /* the machine's cores, for broadcast ops */
	unsigned index;          /* position in the machine, 0-based */
	unsigned cluster, core_in_cluster, cores_in_cluster;

	/* ---- caches, TLB ---- */
	struct tlb tlb;
	struct icache icache;

	/* ---- fetch fast path (step.c): the last page fetched from ---- */
	struct fetch_memo {
		uint32_t va_page;   /* VA >> 12; ~0 when empty */
		uint32_t tlb_gen;   /* tlb.gen when filled */
		uint8_t mode;
		uint32_t scr;
		const uint8_t *host; /* RAM of the page, or NULL */
		uint64_t pa_page;
		bool cached;         /* fetches go through the I-cache model */
		/* the two I-cache lines last fetched from (cached pages),
		 * most recent first, so a loop across a line boundary stays
		 * on the fast path: valid while the I-cache generation and
		 * VTTBR are unchanged */
		struct icache_line *line[2];
		uint32_t line_va[2]; /* VA >> line_shift */
		uint32_t line_gen;
		uint64_t line_vttbr;
	} fetch_memo;
	/* ---- data fast path (memory.c): RAM pages read [0] and written
	 * [1], DATA_MEMO_ENTRIES of each direct-mapped by VA page, through
	 * the same translation key as the fetch memo; filled only where
	 * nothing but the host access remains to do (no D-cache model, no
	 * observer, no other core's monitor to clear). One entry per kind
	 * was not enough: a copy loop or a stack and a buffer on different
	 * pages missed on every access. */
	struct data_memo {
		/* cpu_memo_key when it was filled, with the VA's page base
		 * in its low word; ~0 when empty (cpu_data_memo_hit) */
		uint64_t tag;
		/* the page's RAM minus the VA's page base: the host byte of
		 * va is at addend + va */
		uintptr_t addend;
		/* (a store entry is filled only for a page whose code-write
		 * generation, mmu/bus.h, is even, and every core's store
		 * entries for a page are emptied when its generation is made
		 * odd: cpu_code_gen_mark.
		 * So a store to a page blocks were decoded from always takes
		 * cpu_write, which moves it, without a test of its own) */
	} __attribute__((aligned(32))) data_memo[2][DATA_MEMO_ENTRIES];
	/* The translation context the data memo's entries are compared
	 * with (cpu_memo_key), as it was when last brought up to date:
	 * before each instruction that is not plain (step_one, the block
	 * engine's run start and after each instruction that is not plain
	 * or a fast access) and after every access that left the fast path.
	 * Nothing else changes what it is made of (cpu_memo_key). */
	uint64_t memo_key;
	/* decoded-instruction cache (decode_cache.h); NULL runs without */
	struct decode_cache *decoded;
	/* block engine (block.h): blocks of pre-decoded instructions; NULL
	 * runs the step engine only. engine_block: --engine block (kept
	 * through a reset, like the cache models' switches). */
	struct block_cache *blocks;
	bool engine_block;
	bool engine_check; /* --engine-check (block_build.c block_check) */
	/* blocks run generated code where the host allows it (--engine
	 * block; --engine threaded: the threaded loop only) */
	bool engine_codegen;
	/* The block engine's specialised load or store being run, whose PC,
	 * icount and encoding are not yet in the core: its fast path (the
	 * data memo) reads none of them, and everything that does is
	 * reached through cpu_read/cpu_write, which write them first
	 * (block_mem_commit). NULL outside such an instruction. */
	const struct block_insn *mem_insn;
	uint64_t mem_icount0; /* the block run's first icount */
	/* Generated code going on from block to block (block.c, run_block):
	 * the block whose code runs (set before the call, moved by the code
	 * when it enters another block's), the stop flag of the block_run
	 * call, which the code reads between blocks, and the block runs the
	 * code entered that way and the clean ends' jumps it patched (added to
 * the engine's stats). */
	const struct block *cg_block;
	/* how cg_block's last run ended when it was clean: the number of
	 * its instructions run (bits 7:0) and whether the last one failed
	 * its condition (bit 8); cpu->insn, insn_size and step_writes are
	 * made from it when the code returns (block.c run_block,
	 * commit_last_insn), not at every end */
	uint32_t cg_end;
	/* (pc_written is clear whenever the code enters a block: the ends
	 * clear what a branch's handler set, and block_ends_from_code what
	 * an impure one's did) */
	const volatile int *run_stop;
	uint64_t cg_entered, cg_patched;
	uint64_t cg_full_ways; /* inline accesses that called the handler */

	/* ---- execution bookkeeping ---- */
	uint64_t icount; /* retired instructions */
	enum cpu_run_state state;
	bool event_register; /* WFE/SEV event, B1.8.13 */
	bool pc_written;     /* the current instruction wrote the PC */
	uint32_t insn;       /* encoding of the instruction being executed */
	unsigned insn_size;  /* 2 or 4 */
	/* What the instruction may have written, from its decoded-cache
	 * entry (DECODE_WRITES_* of cpu/decode_cache.h; ANY when unknown).
	 * Valid after the step for observers (obs_step). */
	uint32_t step_writes;
	struct exclusive_monitor excl;

	/* Interrupt inputs from the interrupt controller (levels): IRQ and
	 * FIQ, and the virtual IRQ and FIQ the GIC's virtual CPU interface
	 * signals (the A15/A7 nVIRQ/nVFIQ inputs; a virtual interrupt is
	 * pending when its line or HCR.VI/VF is set, and taken only with
	 * HCR.IMO/FMO, B1.8.6). `lines` reads all four at once for the
	 * step loop's check. */
	union {
		struct {
			bool irq_line, fiq_line, virq_line, vfiq_line;
		};
		uint32_t lines;
	};
	/* ---- machine time (src/timing/timing.h) ---- */
	struct timing *clock;   /* the machine's clock; NULL: time = icount */
	uint64_t slice_icount0; /* icount when this core's time was the
				 * clock's round_start */
	/* the generic timers' interrupt outputs and the events that raise
	 * them when the count reaches CVAL, by enum cp15_timer */
#define CPU_TIMERS 4
	struct irq_line timer_out[CPU_TIMERS];
	struct timing_event timer_ev[CPU_TIMERS];
	/* A physical asynchronous abort is pending on this core (ISR.A,
	 * B4.1.85): set by an external abort the core model reports
	 * asynchronously (core_model.async_store_aborts), cleared when the
	 * abort is taken (src/hyp/exception.c). */
	bool async_abort_pending;
	/* Board-provided ARM semihosting (SVC 0x123456 in ARM state, SVC 0xAB
	 * in Thumb, from a privileged mode); NULL when the board has none. */
	enum exec_result (*semihost_call)(struct cpu *cpu);
	/* Board-provided host side of the debug communications channel
	 * (hypsim run --dcc): takes each word the guest writes to
	 * DBGDTRTXint at once. NULL: the words are discarded (cp15/cp14.c). */
	void (*dcc_tx)(struct cpu *cpu, uint32_t word);
	/* Board-provided firmware behind SMC or HVC (the virt board's PSCI,
	 * src/devices/psci.c), as QEMU provides it when the machine has no
	 * EL3 firmware of its own: asked after the HCR.TSC trap check for an
	 * SMC, and for an HVC from Non-secure PL1; returns false when the call
	 * is not the firmware's (the instruction then behaves as usual),
	 * true with the step's result in *r otherwise. NULL: no firmware. */
	bool (*firmware_call)(struct cpu *cpu, bool is_hvc,
			      enum exec_result *r);
	void *board; /* owner of this core, for the board's callbacks */
	int exit_code; /* set with EXEC_HALT */
	uint32_t errata;     /* enabled errata, bit n = enum erratum_id n */
	uint64_t cache_seed; /* seed of UNKNOWN cache contents at reset */

	/* trace, gdb, hang detector (cpu/observer.h); none costs nothing */
	struct cpu_observer *obs[4];
	unsigned n_obs;
	bool obs_step; /* some observer wants before_insn/after_insn */
	bool obs_mem;  /* some observer wants mem_access */
	/* Bumped by every write to this core's registers from outside its
	 * own instructions (a debugger: dbg_core_reg_write, regmap_fp_write;
	 * anything else that sets a core's registers between steps must bump
	 * it too): an observer that keeps a copy of the registers compares
	 * this instead of the copy (the trace writer). */
	uint32_t ext_reg_writes;

	/* The last instructions stepped, for hang reports, the monitor and
	 * gdb: a ring written by every step (cheaper than an observer). */
#define CPU_HISTORY 32
	struct cpu_history {
		uint32_t pc, insn;
		/* size [2:0], mode [7:3], thumb [8], exception [9] */
		uint32_t meta;
	} history[CPU_HISTORY];
	unsigned history_pos; /* next slot */
	/* The block engine's runs not yet in history[]: each the entries a
	 * block precomputed (src[0..n-1]), with meta (mode and Thumb bits)
	 * when they differ from src's, and the exception bit on the last;
	 * while any is pending, step_one adds its entry as a segment of its
	 * own too. Read through cpu_history_last (hang detector, hang
	 * report), and written into history[] by cpu_history_flush only
	 * before the block engine decodes over a block's entries, so that
	 * one block run costs one segment, not one entry per instruction,
	 * and a cpu_run call nothing.
	 *
	 * A segment's place is the retired count at its end (icount, one
	 * per entry) modulo CPU_HISTORY: the newest ends at icount, the one
	 * before it n entries earlier, and so on back to history_icount0,
	 * where the pending ones begin (icount itself when none is). The
	 * walk back reads only segments that end within the last
	 * CPU_HISTORY entries; their ends differ by less than CPU_HISTORY,
	 * so no later one has taken the place of an earlier one. That
	 * makes a push two stores at the place icount gives, with no
	 * counter of its own to move (the generated code's block ends:
	 * codegen_x86_64.c emit_history_push). */
	struct cpu_history_seg {
		const struct cpu_history *src;
		/* n, exception and meta make one 64-bit word, which the
		 * generated code writes at once (codegen_x86_64.c) */
		uint8_t n;
		bool exception;
		uint32_t meta; /* 0: src's own */
		/* a step engine's entry between block runs: src = &one */
		struct cpu_history one;
	} __attribute__((aligned(32))) history_seg[CPU_HISTORY];
	uint64_t history_icount0;
	/* Progress counters the hang detector polls between quanta. */
	uint64_t stores;          /* data writes retired */
	/* Data accesses that left the inline fast path (cpu_read_fast,
	 * cpu_write_fast) for cpu_read/cpu_write: the block engine knows an
	 * access that did not move it touched RAM and nothing else. */
	uint64_t slow_accesses;
	uint64_t device_accesses; /* data accesses that were not to RAM */
	uint64_t exception_returns; /* ERET, RFE, SUBS PC/LDM^ returns */
	/* The host pages the store memo holds, by slot (memory.c
	 * store_page_slot): how many of its entries hold a page of the slot
	 * (kept exact at every fill and emptying), and the entry last filled
	 * with one. A page whose slot counts none has no entry; one entered
	 * once (the usual case: a page has one VA here) is found at the
	 * hint, and its slot counts none when it is emptied. Only when a
	 * slot still counts some is every entry looked at
	 * (cpu_code_gen_mark: on a machine of several cores, each exclusive
	 * that opens a monitor in a page; Debian's Linux boot on 2 cores,
	 * 0.3 M times, the 512 entries each time: 3% of its time). Last:
	 * seldom touched, away from what the engines read. */
	uint16_t store_memo_count[STORE_MEMO_PAGE_SLOTS];
	uint16_t store_memo_hint[STORE_MEMO_PAGE_SLOTS];
};

/* Whether anything may be waiting to be taken before the next
 * instruction: an interrupt input, a pending asynchronous abort, or a
 * virtual interrupt or abort HCR.VI/VF/VA holds (B1.8.6); when none, no
 * exception can be taken whatever the masks say (step_one's test before
 * each instruction, and the block engine's). */
static inline bool cpu_interrupt_inputs(const struct cpu *cpu)
{
	return cpu->lines || cpu->async_abort_pending ||
	       (cpu->cp15.hcr & (HCR_VI | HCR_VF | HCR_VA));
}

/* This core's own time on the machine's clock (timing.h): the round's
 * start plus what it has retired in this round. Without a clock (a core
 * outside any machine) time is the instruction count. */
static inline uint64_t cpu_time(const struct cpu *cpu)
{
	if (!cpu->clock)
		return cpu->icount;
	return cpu->clock->round_start + (cpu->icount - cpu->slice_icount0);
}

/* ---- lifecycle ---- */

/* Reset to the architectural reset state (B1.9.1: Secure SVC, MMU off,
 * A/I/F set, PC = reset vector), with CP15 reset from the core model. */
void cpu_reset(struct cpu *cpu, const struct core_model *model,
	       struct bus *bus, unsigned index);
void cpu_destroy(struct cpu *cpu);

/* Execute one instruction (or take a pending interrupt). */
enum exec_result cpu_step(struct cpu *cpu);
/* Step up to `max` times, stopping early when a step waits or halts or
 * when *stop becomes non-zero (set by an observer or a device during a
 * step). The scheduler's quantum loop, with the step inlined. Returns the
 * instructions retired. */
uint64_t cpu_run(struct cpu *cpu, uint64_t max, const volatile int *stop);
/* The fetch memo (above) for va's page from its translation, as a fetch
 * that translated it leaves it, the previous page's I-cache lines
 * forgotten (step.c; the block engine's too). */
struct mmu_result;
void cpu_fetch_memo_fill(struct cpu *cpu, uint32_t va,
			 const struct mmu_result *res);

/* ---- modes and registers ---- */

static inline unsigned cpu_mode(const struct cpu *cpu)
{
	return cpu->cpsr & CPSR_M_MASK;
}
static inline bool cpu_thumb(const struct cpu *cpu)
{
	return (cpu->cpsr & CPSR_T) != 0;
}
bool cpu_mode_valid(const struct cpu *cpu, unsigned mode);
enum cpu_bank cpu_bank_of(unsigned mode);
const char *cpu_mode_name(unsigned mode);

/* Secure state: SCR.NS == 0, or Monitor mode (B1.5.1). */
bool cpu_is_secure(const struct cpu *cpu);
/* Privilege level of the current mode: 0 (User), 1, 2 (Hyp). */
unsigned cpu_current_pl(const struct cpu *cpu);
/* 0 = Secure copy, 1 = Non-secure copy of a banked CP15 register, chosen by
 * SCR.NS except in Monitor mode where SCR.NS selects too (B4.1.2). */
static inline unsigned cpu_cp15_bank(const struct cpu *cpu)
{
	return (cpu->cp15.scr & 1u) ? 1u : 0u;
}

/* Change mode, swapping banked registers. Does not check validity. */
void cpu_set_mode(struct cpu *cpu, unsigned mode);
/* Write CPSR from MSR/CPS: bytes in `mask` (bit 0..3 = c,x,s,f fields)
 * follow the rules of B1.3.3 / B9.3.11 for the current mode. */
void cpu_write_cpsr_by_instr(struct cpu *cpu, uint32_t val, unsigned mask);
/* Exception return: CPSR <- spsr (with the illegal-return rules of
 * B1.8 "Exception return"), PC <- addr. */
void cpu_exception_return(struct cpu *cpu, uint32_t addr, uint32_t spsr);

/* Read register n as an operand: the PC reads as this instruction + 8/+4. */
static inline uint32_t cpu_reg_read(const struct cpu *cpu, unsigned n)
{
	if (n == 15)
		return cpu->r[15] + ((cpu->cpsr & CPSR_T) ? 4 : 8);
	return cpu->r[n];
}
/* Branch without changing instruction set. */
static inline void cpu_branch(struct cpu *cpu, uint32_t addr)
{
	cpu->r[15] = addr & ((cpu->cpsr & CPSR_T) ? ~1u : ~3u);
	cpu->pc_written = true;
}
/* BX-style interworking branch: bit 0 selects Thumb. */
void cpu_branch_interwork(struct cpu *cpu, uint32_t addr);
/* Write register n from a data-processing result; writing the PC is
 * ALUWritePC (interworking in ARM state, A2.3.2). */
void cpu_write_reg_alu(struct cpu *cpu, unsigned n, uint32_t val);
/* Write register n from a load; the PC is LoadWritePC (interworking). */
void cpu_write_reg_load(struct cpu *cpu, unsigned n, uint32_t val);

/* Access another mode's register (MRS/MSR banked, B9.3.9): SYSm/R
 * encoding. Returns false when the access is UNPREDICTABLE/UNDEFINED for
 * the current mode; caller raises UNDEFINED. */
bool cpu_banked_read(struct cpu *cpu, unsigned r, unsigned sysm,
		     uint32_t *val);
bool cpu_banked_write(struct cpu *cpu, unsigned r, unsigned sysm,
		      uint32_t val);
/* User-mode register n (for LDM/STM user-bank forms). */
uint32_t cpu_user_reg_read(const struct cpu *cpu, unsigned n);
void cpu_user_reg_write(struct cpu *cpu, unsigned n, uint32_t val);
/* SPSR of the current mode; false in User/System (no SPSR). */
bool cpu_spsr_read(const struct cpu *cpu, uint32_t *val);
bool cpu_spsr_write(struct cpu *cpu, uint32_t val, unsigned mask);

/* IT state helpers (A2.5.2). */
static inline unsigned cpu_itstate(const struct cpu *cpu)
{
	return ((cpu->cpsr >> CPSR_IT_LO_SHIFT) & 3u) |
	       (((cpu->cpsr >> CPSR_IT_HI_SHIFT) & 0x3fu) << 2);
}
void cpu_set_itstate(struct cpu *cpu, unsigned it);
/* Condition check for condition code `cond` on the current flags. */
bool cpu_condition_passed(const struct cpu *cpu, unsigned cond);

/* ---- memory, through translation and the data side ---- */

/* Load/store size bytes (1, 2, 4) at virtual address va. On a fault the
 * abort is taken and false is returned: the handler then returns
 * EXEC_EXCEPTION. Big-endian data when CPSR.E (or HSCTLR.EE on entry). */
bool cpu_read(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *val,
	      unsigned flags);
bool cpu_write(struct cpu *cpu, uint32_t va, unsigned size, uint32_t val,
	       unsigned flags);

/* cpu_read/cpu_write with the data memo's common case inline: an aligned,
 * little-endian, privileged-as-the-mode access to the RAM page last
 * accessed the same way. Same semantics; an entry holds for the
 * cpu_memo_key it was filled in: the soft-TLB generation (which every
 * translation-affecting write, TLB maintenance and soft-TLB eviction
 * moves), CPSR.M, SCR.NS (of SCR, only the security state decides a
 * translation regime; its other bits route exceptions and fetches) and
 * CPSR.E. */
static inline struct data_memo *cpu_data_memo(struct cpu *cpu, bool write,
					      uint32_t va)
{
	return &cpu->data_memo[write][(va >> 12) & (DATA_MEMO_ENTRIES - 1)];
}
static inline void cpu_data_memo_clear_kind(struct cpu *cpu, bool write)
{
	for (unsigned k = 0; k < DATA_MEMO_ENTRIES; k++)
		cpu->data_memo[write][k].tag = ~0ull;
	if (write)
		memset(cpu->store_memo_count, 0, sizeof cpu->store_memo_count);
}
static inline void cpu_data_memo_clear(struct cpu *cpu)
{
	cpu_data_memo_clear_kind(cpu, false);
	cpu_data_memo_clear_kind(cpu, true);
}
/* A page's code-write generation made odd (mmu/bus.h
 * bus_code_gen_mark: blocks decoded from it, or an exclusive monitor
 * opened in it), returning its value; host is a byte of the page's RAM.
 * When it was even, every core's store memo entry for the page is
 * emptied first: no core then stores to the page without taking
 * cpu_write, which moves it to even again (in exchange, a store on the
 * memo's way tests nothing more). Only the page's entries: a machine of
 * several cores opens a monitor at each lock it takes. */
uint32_t cpu_code_gen_mark(struct cpu *cpu, uint32_t *gen,
			   const uint8_t *host);
/* What a data memo entry is valid for, in one word whose low 12 bits a
 * page base leaves free: the soft-TLB generation (every
 * translation-affecting write, TLB maintenance, an eviction) in the high
 * word, the mode and the security state (the translation regime and the
 * privilege of the access) and CPSR.E (entries are filled only
 * little-endian, so a big-endian core never hits) in bits 4-10. Only an
 * impure instruction, an exception or an access that left the fast path
 * can change any of them. Bits 0-1 stay clear for an access's
 * misalignment, and bits 2-3 too, so an empty entry (~0) never matches:
 * one compare checks the page, the context and the alignment (the
 * generated code makes the same one). */
static inline uint64_t cpu_memo_key(const struct cpu *cpu)
{
	return (uint64_t)cpu->tlb.gen << 32 |
	       (uint64_t)(cpu->cpsr & CPSR_M_MASK) << 4 |
	       (cpu->cpsr & CPSR_E) | (uint64_t)(cpu->cp15.scr & SCR_NS) << 10;
}
_Static_assert(CPSR_M_MASK == 0x1f && CPSR_E == 1u << 9 && SCR_NS == 1,
	       "cpu_memo_key's bits 4-10");
static inline void cpu_memo_ctx_update(struct cpu *cpu)
{
	cpu->memo_key = cpu_memo_key(cpu);
}
static inline bool cpu_data_memo_hit(const struct cpu *cpu,
				     const struct data_memo *m, uint32_t va,
				     unsigned size)
{
	return m->tag ==
	       (cpu->memo_key | (va & (0xfffff000u | (size - 1))));
}
/* The host copy of the page an entry that hit holds, at va's page base */
static inline uint8_t *cpu_data_memo_page(const struct data_memo *m,
					  uint32_t va)
{
	return (uint8_t *)(m->addend + (va & 0xfffff000u));
}
/* The data memo's half of cpu_read_fast/cpu_write_fast: true when the
 * access was made from the memo, false when it must go the full way
 * (cpu_read/cpu_write, which the caller then makes; the specialised
 * handlers make it out of line, so that their fast path needs no stack
 * frame). Privileged-as-the-mode accesses only (not LDRT/STRT). */
/* The data memo's host copy of the page of va (*page), for a read (or a
 * write: not a page code was decoded from) of `size` bytes at va,
 * aligned, in the current context; false when the access must go the
 * full way. Every aligned access of that size to the same page is then
 * in the memo too. */
static inline bool cpu_read_memo_page(struct cpu *cpu, uint32_t va,
				      unsigned size, const uint8_t **page)
{
	const struct data_memo *m = cpu_data_memo(cpu, false, va);
	if (__builtin_expect(!cpu_data_memo_hit(cpu, m, va, size), 0))
		return false;
	*page = cpu_data_memo_page(m, va);
	return true;
}
static inline bool cpu_write_memo_page(struct cpu *cpu, uint32_t va,
				       unsigned size, uint8_t **page)
{
	const struct data_memo *m = cpu_data_memo(cpu, true, va);
	if (__builtin_expect(!cpu_data_memo_hit(cpu, m, va, size), 0))
		return false;
	*page = cpu_data_memo_page(m, va);
	return true;
}
static inline bool cpu_read_memo(struct cpu *cpu, uint32_t va, unsigned size,
				 uint32_t *val)
{
	const uint8_t *page;
	if (!cpu_read_memo_page(cpu, va, size, &page))
		return false;
	const uint8_t *p = page + (va & 0xfffu);
	if (size == 4) {
		uint32_t v;
		__builtin_memcpy(&v, p, 4);
		*val = v;
	} else if (size == 2) {
		uint16_t v;
		__builtin_memcpy(&v, p, 2);
		*val = v;
	} else {
		*val = *p;
	}
	return true;
}
static inline bool cpu_write_memo(struct cpu *cpu, uint32_t va, unsigned size,
				  uint32_t val)
{
	uint8_t *page;
	if (!cpu_write_memo_page(cpu, va, size, &page))
		return false;
	uint8_t *p = page + (va & 0xfffu);
	if (size == 4) {
		__builtin_memcpy(p, &val, 4);
	} else if (size == 2) {
		uint16_t v = (uint16_t)val;
		__builtin_memcpy(p, &v, 2);
	} else {
		*p = (uint8_t)val;
	}
	cpu->stores++;
	return true;
}
static inline bool cpu_read_fast(struct cpu *cpu, uint32_t va, unsigned size,
				 uint32_t *val, unsigned flags)
{
	if (__builtin_expect(!(flags & ACC_UNPRIV), 1) &&
	    cpu_read_memo(cpu, va, size, val))
		return true;
	return cpu_read(cpu, va, size, val, flags);
}
static inline bool cpu_write_fast(struct cpu *cpu, uint32_t va, unsigned size,
				  uint32_t val, unsigned flags)
{
	if (__builtin_expect(!(flags & ACC_UNPRIV), 1) &&
	    cpu_write_memo(cpu, va, size, val))
		return true;
	return cpu_write(cpu, va, size, val, flags);
}
/* Write the block engine's pending history segments into history[]
 * (before a block's entries are decoded over). */
void cpu_history_flush(struct cpu *cpu);
/* The entry of the k-th last instruction (k = 1: the last one; k <=
 * CPU_HISTORY and <= icount), from the pending segments or the ring:
 * history[] itself is complete only after cpu_history_flush, which the
 * block engine leaves until a block's entries are decoded over, so this
 * is how the history is read. */
struct cpu_history cpu_history_last(const struct cpu *cpu, unsigned k);

/* Whether block runs' history segments are pending (cpu.h history_seg).
 * Between instructions: inside a block run the count may be an
 * instruction's of the run before its segment is pushed. */
static inline bool cpu_history_pending(const struct cpu *cpu)
{
	return cpu->icount != cpu->history_icount0;
}

/* The pending segments newest first: the one that ends at *at (start
 * with cpu->icount), *at moved to where the one before it ends; NULL
 * when no pending one ends there. Callers stop once they have the last
 * CPU_HISTORY entries: older segments may have lost their places. */
static inline const struct cpu_history_seg *
cpu_history_seg_older(const struct cpu *cpu, uint64_t *at)
{
	if (*at <= cpu->history_icount0)
		return NULL;
	const struct cpu_history_seg *g = &cpu->history_seg[*at % CPU_HISTORY];
	/* (never: each push holds one or more entries, within the pending
	 * ones) */
	if (g->n == 0 || g->n > *at - cpu->history_icount0)
		return NULL;
	*at -= g->n;
	return g;
}

/* A new pending history segment of the last n instructions (n >= 1),
 * cpu->icount being the count after them: in the place of the one that
 * ended CPU_HISTORY entries earlier, which the last CPU_HISTORY entries
 * no longer need. */
static inline struct cpu_history_seg *cpu_history_seg_push(struct cpu *cpu,
							   unsigned n)
{
	struct cpu_history_seg *g =
		&cpu->history_seg[cpu->icount % CPU_HISTORY];
	g->n = (uint8_t)n;
	return g;
}

/* 64-bit access as two word accesses, the lower address first
 * (LDRD/STRD/LDREXD/STREXD): a fault on the second word can leave the
 * first one written when the words are on different pages (memory.c). */
bool cpu_read64(struct cpu *cpu, uint32_t va, uint64_t *val, unsigned flags);
bool cpu_write64(struct cpu *cpu, uint32_t va, uint64_t val, unsigned flags);

/* Exclusives (A3.4): a load-exclusive opens the local monitor and this
 * core's entry of the global one (cpu_group.global) for exactly the bytes
 * it read; a store-exclusive performs the store only if both still hold
 * that address and size, and closes them either way. */
bool cpu_load_exclusive(struct cpu *cpu, uint32_t va, unsigned size,
			uint64_t *val);
/* Returns false if an abort was taken; *status = 0 on success, 1 if the
 * monitors failed the store. */
bool cpu_store_exclusive(struct cpu *cpu, uint32_t va, unsigned size,
			 uint64_t val, uint32_t *status);
void cpu_clear_exclusive(struct cpu *cpu);

/* ---- exceptions raised by instructions ---- */

/* UNDEFINED instruction (routed by src/hyp: PL1 Undefined mode, or HYP for
 * HCR.TGE from PL0, or HYP's own vector when executed in HYP). */
enum exec_result cpu_undefined(struct cpu *cpu);
enum exec_result cpu_svc(struct cpu *cpu, uint32_t imm);
enum exec_result cpu_hvc(struct cpu *cpu, uint32_t imm16);
enum exec_result cpu_smc(struct cpu *cpu);
enum exec_result cpu_bkpt(struct cpu *cpu, uint32_t imm16);
enum exec_result cpu_wfi(struct cpu *cpu);
enum exec_result cpu_wfe(struct cpu *cpu);
void cpu_sev(struct cpu *cpu);
/* ERET (B9.3.3): from HYP PC=ELR_hyp, CPSR=SPSR_hyp; elsewhere
 * SUBS PC, LR, #0. */
enum exec_result cpu_eret(struct cpu *cpu);
/* Barriers: DSB/DMB/ISB. ISB is a context synchronization event. */
void cpu_barrier(struct cpu *cpu, unsigned kind);
enum { BARRIER_DSB, BARRIER_DMB, BARRIER_ISB };

/* ---- coprocessors (CP14, CP15; CP10/11 when VFP lands) ---- */

/* MCR/MRC: the coprocessor decides; UNDEFINED or a HYP trap is taken
 * inside. `is_read` = MRC. The trapped instruction's encoding is in
 * cpu->insn for the HSR. */
enum exec_result cpu_coproc_rt(struct cpu *cpu, unsigned coproc, bool is_read,
			       unsigned opc1, unsigned crn, unsigned crm,
			       unsigned opc2, unsigned rt);
enum exec_result cpu_coproc_rrt(struct cpu *cpu, unsigned coproc,
				bool is_read, unsigned opc1, unsigned crm,
				unsigned rt, unsigned rt2);
/* LDC/STC/CDP that no decoder claimed: LDC/STC to CP14 DBGDTR (the DCC),
 * a Hyp trap of other CP14 LDC/STC (HDCR), UNDEFINED otherwise. CP10/11
 * (VFP and Advanced SIMD) never come here: their decoders handle them. */
enum exec_result cpu_coproc_other(struct cpu *cpu, unsigned coproc);

/* Fields of a history entry. */
static inline unsigned cpu_history_size(const struct cpu_history *h)
{
	return h->meta & 7u;
}
static inline unsigned cpu_history_mode(const struct cpu_history *h)
{
	return (h->meta >> 3) & 0x1fu;
}
static inline bool cpu_history_thumb(const struct cpu_history *h)
{
	return (h->meta >> 8) & 1u;
}
static inline bool cpu_history_exception(const struct cpu_history *h)
{
	return (h->meta >> 9) & 1u;
}

/* Whether the current translation regime reports faults in the
 * long-descriptor format (HYP, or PL1&0 with TTBCR.EAE): the FSR format
 * of faults that do not come from a table walk (B3.13.3). */
static inline bool cpu_regime_long_format(const struct cpu *cpu)
{
	return cpu_mode(cpu) == MODE_HYP ||
	       (cpu->cp15.ttbcr[cpu_is_secure(cpu) ? 0 : 1] >> 31);
}

/* Whether an erratum or quirk (cp15/errata.h) is enabled on this core. */
static inline bool cpu_erratum(const struct cpu *cpu, unsigned id)
{
	return (cpu->errata >> id) & 1u;
}

/* ---- observers ---- */
void cpu_add_observer(struct cpu *cpu, struct cpu_observer *obs);
void cpu_remove_observer(struct cpu *cpu, struct cpu_observer *obs);
void cpu_notify_exception(struct cpu *cpu, const struct exception_event *ev);
void cpu_notify_sysreg_write(struct cpu *cpu, unsigned sysreg_id,
			     uint64_t old_val, uint64_t new_val);
void cpu_notify_maintenance(struct cpu *cpu, const char *op, uint32_t arg,
			    unsigned removed);

/* ---- decoders (a32.c, t32.c) ---- */
enum exec_result a32_execute(struct cpu *cpu, uint32_t insn);
enum exec_result t32_execute(struct cpu *cpu, uint32_t insn, unsigned size);
/* For the T32 fetch: is this halfword the first of a 32-bit encoding? */
static inline bool t32_is_32bit(uint16_t hw)
{
	return (hw >> 11) >= 0x1d;
}

#endif
