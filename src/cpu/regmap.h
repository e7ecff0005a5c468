/* The core registers, described once (DESIGN.md principle 5): the trace
 * format, the gdb stub and the monitor all take their names, numbers and
 * values from this list.
 *
 * Two kinds of entry (ARM DDI 0406C B1.3.2 "ARM core registers", Figure
 * B1-2 "Organization of general-purpose registers and Program Status
 * Registers"):
 *   - the current-mode view: R0-R12, SP, LR, PC and CPSR, what an
 *     instruction in the current mode sees;
 *   - every banked copy: R8_usr-R12_usr, R8_fiq-R12_fiq, SP_<mode> and
 *     LR_<mode> of each mode that has them, SPSR_<mode> of each exception
 *     mode, ELR_hyp. A banked copy that is the one the current mode uses
 *     (SP_svc in Supervisor mode) reads the same value as its view register.
 *
 * System registers are not here: they are the table of cp15/sysreg.h; the
 * trace numbers them after these (REGMAP_COUNT + sysreg id). */
#ifndef HYPSIM_REGMAP_H
#define HYPSIM_REGMAP_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

enum regmap_id {
	REG_R0, REG_R1, REG_R2, REG_R3, REG_R4, REG_R5, REG_R6, REG_R7,
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_SP, REG_LR, REG_PC,
	REG_CPSR,
	REG_R8_USR, REG_R9_USR, REG_R10_USR, REG_R11_USR, REG_R12_USR,
	REG_R8_FIQ, REG_R9_FIQ, REG_R10_FIQ, REG_R11_FIQ, REG_R12_FIQ,
	REG_SP_USR, REG_LR_USR,
	REG_SP_FIQ, REG_LR_FIQ, REG_SPSR_FIQ,
	REG_SP_IRQ, REG_LR_IRQ, REG_SPSR_IRQ,
	REG_SP_SVC, REG_LR_SVC, REG_SPSR_SVC,
	REG_SP_ABT, REG_LR_ABT, REG_SPSR_ABT,
	REG_SP_UND, REG_LR_UND, REG_SPSR_UND,
	REG_SP_MON, REG_LR_MON, REG_SPSR_MON,
	REG_SP_HYP, REG_SPSR_HYP, REG_ELR_HYP,
	REGMAP_COUNT
};

/* Groups: which gdb feature a register belongs to. */
enum regmap_group {
	REGMAP_GROUP_CORE,   /* org.gnu.gdb.arm.core: r0-r12, sp, lr, pc, cpsr */
	REGMAP_GROUP_BANKED, /* org.hypsim.arm.banked: the banked copies */
	REGMAP_GROUP_SYSREG, /* not in this list; used by the trace for the
			      * cp15/sysreg.h registers */
	REGMAP_GROUP_FP,     /* the floating-point list below: org.gnu.gdb.arm.vfp */
};

/* gdb register numbers: gdb's ARM numbering puts cpsr at 25 (after the
 * legacy FPA f0-f7/fps slots); the floating-point list below takes 26-59
 * (d0-d31, fpscr, fpexc: REGMAP_GDB_FP_BASE), 60-63 are unused, and the
 * banked copies start at 64. */
#define REGMAP_GDB_CPSR 25
#define REGMAP_GDB_BANKED_BASE 64

/* How an entry's value is found in struct cpu. */
enum regmap_kind {
	RM_VIEW,  /* cpu->r[index] */
	RM_CPSR,
	RM_R8_12, /* R(8+index) of bank (BANK_USR or BANK_FIQ) */
	RM_SP,    /* SP of bank */
	RM_LR,    /* LR of bank */
	RM_SPSR,  /* SPSR of bank */
	RM_ELR_HYP,
};

struct regmap_entry {
	const char *name;     /* as the manual writes it: "R0", "SP_svc" */
	const char *gdb_name; /* as gdb's features name it: "r0", "sp_svc" */
	uint8_t group;        /* enum regmap_group */
	uint8_t kind;         /* enum regmap_kind */
	uint8_t bank;         /* enum cpu_bank, for the banked kinds */
	uint8_t index;        /* view register number, or 0-4 for R8-R12 */
	uint16_t gdb_regnum;
	/* The modes (bit n = mode 0x10 + n) in which this banked copy is the
	 * one the view register `alias_view` shows; 0 for the view registers,
	 * CPSR, the SPSRs and ELR_hyp. */
	uint16_t alias_modes;
	uint8_t alias_view;
};

const struct regmap_entry *regmap_get(unsigned id);
/* Id by name, case-insensitive; also accepts R13/R14/R15 for SP/LR/PC.
 * Returns -1 if unknown. */
int regmap_find(const char *name);

/* The value of register `id` of cpu, without side effects (the monitor and
 * gdb read registers through this). */
uint32_t regmap_read(const struct cpu *cpu, unsigned id);

/* The core-register file copied as it is stored, for observers that compare
 * the state before and after an instruction (the trace writer): taking one
 * is a fixed-size copy, reading one resolves the banking. */
struct regmap_snapshot {
	uint32_t r[16];
	uint32_t cpsr;
	uint32_t r8_12_usr[5];
	uint32_t r8_12_fiq[5];
	uint32_t sp[8], lr[8], spsr[8];
	uint32_t elr_hyp;
};
void regmap_snapshot_take(const struct cpu *cpu, struct regmap_snapshot *s);
/* struct cpu keeps its core registers (r[] through elr_hyp) in exactly the
 * layout of a snapshot (checked at compile time in regmap.c): this is a
 * view of a live core as a snapshot, for comparing without copying. */
const struct regmap_snapshot *regmap_live(const struct cpu *cpu);
uint32_t regmap_snapshot_read(const struct regmap_snapshot *s, unsigned id);
/* The id of the banked copy (REG_R8_USR …) that view register n (8-14)
 * shows in `mode`: a change of the view is a change of that copy. */
unsigned regmap_behind_view(unsigned n, unsigned mode);
/* Whether two snapshots hold the same values (a fast whole compare). */
bool regmap_snapshot_equal(const struct regmap_snapshot *a,
			   const struct regmap_snapshot *b);
/* The register ids whose values differ between two snapshots, as a mask
 * (bit id). PC is reported like any other register; callers that do not
 * want it clear bit REG_PC. */
uint64_t regmap_snapshot_diff(const struct regmap_snapshot *before,
			      const struct regmap_snapshot *after);

/* ---- The floating-point registers (ARM DDI 0406C A2.6.1, A2.7.3, and
 * "FPEXC, Floating-Point Exception Control register"): D0-D31, FPSCR, FPEXC of
 * the VFPv4-D32 / Advanced SIMD unit (cpu->fp). A list of their own, numbered
 * from 0, so the core list and its 64-bit change mask stay as they are; the
 * trace numbers them after the system registers, gdb after CPSR (26-59, the
 * slots regmap.h kept free). S0-S31 and Q0-Q15 are views of the D registers
 * (fp.h): gdb derives them itself, the trace records only the D
 * registers. ---- */
enum regmap_fp_id {
	REG_FP_D0 = 0, /* D<n> is REG_FP_D0 + n */
	REG_FP_FPSCR = 32,
	REG_FP_FPEXC = 33,
	REGMAP_FP_COUNT
};
#define REGMAP_GDB_FP_BASE 26 /* d0; fpscr 58, fpexc 59 */

struct regmap_fp_entry {
	const char *name;     /* "D0", "FPSCR" */
	const char *gdb_name; /* "d0", "fpscr" */
	uint8_t width;        /* 64 for D<n>, 32 for FPSCR/FPEXC */
	uint16_t gdb_regnum;
};

const struct regmap_fp_entry *regmap_fp_get(unsigned id);
/* Id by name (case-insensitive), or -1. */
int regmap_fp_find(const char *name);
/* The value of floating-point register `id` (no side effects). */
uint64_t regmap_fp_read(const struct cpu *cpu, unsigned id);
/* A debugger's write: D<n> takes all 64 bits; FPSCR and FPEXC only their
 * writable bits (fp.h FPSCR_WRITABLE / FPEXC_WRITABLE, as VMSR would).
 * False for an unknown id. */
bool regmap_fp_write(struct cpu *cpu, unsigned id, uint64_t v);

/* Short name of a mode ("usr", "svc", "hyp", …); "???" for reserved
 * encodings. Usable without a cpu. */
const char *regmap_mode_name(unsigned mode);
/* Mode number from its short name; -1 if unknown. */
int regmap_mode_from_name(const char *name);

#endif
