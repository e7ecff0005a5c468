/* The core-register list (regmap.h) and its accessors.
 *
 * Banking follows ARM DDI 0406C B1.3.2, Figure B1-2: User and System share
 * every register; FIQ has its own R8-R12, SP, LR; IRQ, Supervisor, Abort,
 * Undefined and Monitor their own SP and LR; Hyp its own SP but the User
 * LR (ELR_hyp holds its return address); each exception mode its SPSR.
 * cpu.h keeps the current mode's copies in cpu->r[] and the other modes'
 * copies in the bank arrays, so a banked copy in use by the current mode is
 * read from cpu->r[]. */
#include "cpu/regmap.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "cpu/cpu.h"
#include "cpu/fp.h"

_Static_assert(REGMAP_COUNT <= 64, "regmap_snapshot_diff returns a 64-bit mask");

/* alias_modes bits: bit n = mode 0x10 + n. */
#define MB(m) (uint16_t)(1u << ((m) & 0xfu))
#define MODES_NOT_FIQ                                                     \
	(uint16_t)(MB(MODE_USR) | MB(MODE_IRQ) | MB(MODE_SVC) | MB(MODE_MON) | \
		   MB(MODE_ABT) | MB(MODE_HYP) | MB(MODE_UND) | MB(MODE_SYS))

#define VIEW(n, nm, gnm, gdb)                                             \
	[REG_R0 + (n)] = { nm, gnm, REGMAP_GROUP_CORE, RM_VIEW, 0, (n), gdb, 0, 0 }
#define R8_12(id, nm, gnm, bk, i, modes)                                  \
	[id] = { nm, gnm, REGMAP_GROUP_BANKED, RM_R8_12, bk, i,          \
		 REGMAP_GDB_BANKED_BASE + (id) - REG_R8_USR, modes, 8 + (i) }
#define BANKED(id, kind, nm, gnm, bk, modes, view)                        \
	[id] = { nm, gnm, REGMAP_GROUP_BANKED, kind, bk, 0,              \
		 REGMAP_GDB_BANKED_BASE + (id) - REG_R8_USR, modes, view }

static const struct regmap_entry regmap[REGMAP_COUNT] = {
	VIEW(0, "R0", "r0", 0), VIEW(1, "R1", "r1", 1),
	VIEW(2, "R2", "r2", 2), VIEW(3, "R3", "r3", 3),
	VIEW(4, "R4", "r4", 4), VIEW(5, "R5", "r5", 5),
	VIEW(6, "R6", "r6", 6), VIEW(7, "R7", "r7", 7),
	VIEW(8, "R8", "r8", 8), VIEW(9, "R9", "r9", 9),
	VIEW(10, "R10", "r10", 10), VIEW(11, "R11", "r11", 11),
	VIEW(12, "R12", "r12", 12), VIEW(13, "SP", "sp", 13),
	VIEW(14, "LR", "lr", 14), VIEW(15, "PC", "pc", 15),
	[REG_CPSR] = { "CPSR", "cpsr", REGMAP_GROUP_CORE, RM_CPSR, 0, 0,
		       REGMAP_GDB_CPSR, 0, 0 },

	R8_12(REG_R8_USR, "R8_usr", "r8_usr", BANK_USR, 0, MODES_NOT_FIQ),
	R8_12(REG_R9_USR, "R9_usr", "r9_usr", BANK_USR, 1, MODES_NOT_FIQ),
	R8_12(REG_R10_USR, "R10_usr", "r10_usr", BANK_USR, 2, MODES_NOT_FIQ),
	R8_12(REG_R11_USR, "R11_usr", "r11_usr", BANK_USR, 3, MODES_NOT_FIQ),
	R8_12(REG_R12_USR, "R12_usr", "r12_usr", BANK_USR, 4, MODES_NOT_FIQ),
	R8_12(REG_R8_FIQ, "R8_fiq", "r8_fiq", BANK_FIQ, 0, MB(MODE_FIQ)),
	R8_12(REG_R9_FIQ, "R9_fiq", "r9_fiq", BANK_FIQ, 1, MB(MODE_FIQ)),
	R8_12(REG_R10_FIQ, "R10_fiq", "r10_fiq", BANK_FIQ, 2, MB(MODE_FIQ)),
	R8_12(REG_R11_FIQ, "R11_fiq", "r11_fiq", BANK_FIQ, 3, MB(MODE_FIQ)),
	R8_12(REG_R12_FIQ, "R12_fiq", "r12_fiq", BANK_FIQ, 4, MB(MODE_FIQ)),

	BANKED(REG_SP_USR, RM_SP, "SP_usr", "sp_usr", BANK_USR,
	       MB(MODE_USR) | MB(MODE_SYS), 13),
	/* Hyp mode uses LR_usr (B1.3.2). */
	BANKED(REG_LR_USR, RM_LR, "LR_usr", "lr_usr", BANK_USR,
	       MB(MODE_USR) | MB(MODE_SYS) | MB(MODE_HYP), 14),
	BANKED(REG_SP_FIQ, RM_SP, "SP_fiq", "sp_fiq", BANK_FIQ, MB(MODE_FIQ), 13),
	BANKED(REG_LR_FIQ, RM_LR, "LR_fiq", "lr_fiq", BANK_FIQ, MB(MODE_FIQ), 14),
	BANKED(REG_SPSR_FIQ, RM_SPSR, "SPSR_fiq", "spsr_fiq", BANK_FIQ, 0, 0),
	BANKED(REG_SP_IRQ, RM_SP, "SP_irq", "sp_irq", BANK_IRQ, MB(MODE_IRQ), 13),
	BANKED(REG_LR_IRQ, RM_LR, "LR_irq", "lr_irq", BANK_IRQ, MB(MODE_IRQ), 14),
	BANKED(REG_SPSR_IRQ, RM_SPSR, "SPSR_irq", "spsr_irq", BANK_IRQ, 0, 0),
	BANKED(REG_SP_SVC, RM_SP, "SP_svc", "sp_svc", BANK_SVC, MB(MODE_SVC), 13),
	BANKED(REG_LR_SVC, RM_LR, "LR_svc", "lr_svc", BANK_SVC, MB(MODE_SVC), 14),
	BANKED(REG_SPSR_SVC, RM_SPSR, "SPSR_svc", "spsr_svc", BANK_SVC, 0, 0),
	BANKED(REG_SP_ABT, RM_SP, "SP_abt", "sp_abt", BANK_ABT, MB(MODE_ABT), 13),
	BANKED(REG_LR_ABT, RM_LR, "LR_abt", "lr_abt", BANK_ABT, MB(MODE_ABT), 14),
	BANKED(REG_SPSR_ABT, RM_SPSR, "SPSR_abt", "spsr_abt", BANK_ABT, 0, 0),
	BANKED(REG_SP_UND, RM_SP, "SP_und", "sp_und", BANK_UND, MB(MODE_UND), 13),
	BANKED(REG_LR_UND, RM_LR, "LR_und", "lr_und", BANK_UND, MB(MODE_UND), 14),
	BANKED(REG_SPSR_UND, RM_SPSR, "SPSR_und", "spsr_und", BANK_UND, 0, 0),
	BANKED(REG_SP_MON, RM_SP, "SP_mon", "sp_mon", BANK_MON, MB(MODE_MON), 13),
	BANKED(REG_LR_MON, RM_LR, "LR_mon", "lr_mon", BANK_MON, MB(MODE_MON), 14),
	BANKED(REG_SPSR_MON, RM_SPSR, "SPSR_mon", "spsr_mon", BANK_MON, 0, 0),
	BANKED(REG_SP_HYP, RM_SP, "SP_hyp", "sp_hyp", BANK_HYP, MB(MODE_HYP), 13),
	BANKED(REG_SPSR_HYP, RM_SPSR, "SPSR_hyp", "spsr_hyp", BANK_HYP, 0, 0),
	BANKED(REG_ELR_HYP, RM_ELR_HYP, "ELR_hyp", "elr_hyp", BANK_HYP, 0, 0),
};

const struct regmap_entry *regmap_get(unsigned id)
{
	return id < REGMAP_COUNT ? &regmap[id] : NULL;
}

int regmap_find(const char *name)
{
	static const struct {
		const char *alias;
		int id;
	} aliases[] = { { "R13", REG_SP }, { "R14", REG_LR }, { "R15", REG_PC } };
	for (unsigned i = 0; i < REGMAP_COUNT; i++)
		if (strcasecmp(name, regmap[i].name) == 0)
			return (int)i;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(name, aliases[i].alias) == 0)
			return aliases[i].id;
	return -1;
}

/* The SP/SPSR bank a mode uses (cpu_bank_of: a reserved mode encoding
 * reads as using the User bank, which keeps the accessor total). */
static unsigned mode_bank(unsigned mode)
{
	return cpu_bank_of(mode & CPSR_M_MASK);
}

/* The LR bank: as mode_bank except that Hyp uses LR_usr (B1.3.2). */
static unsigned lr_bank(unsigned mode)
{
	unsigned b = mode_bank(mode);
	return b == BANK_HYP ? BANK_USR : b;
}

/* The layout regmap_live relies on. */
#define SAME_OFFSET(cf, sf)                                                   \
	_Static_assert(offsetof(struct cpu, cf) - offsetof(struct cpu, r) ==  \
			       offsetof(struct regmap_snapshot, sf),             \
		       "struct cpu core registers must match regmap_snapshot: " #cf)
SAME_OFFSET(cpsr, cpsr);
SAME_OFFSET(bank_r8_12_usr, r8_12_usr);
SAME_OFFSET(bank_r8_12_fiq, r8_12_fiq);
SAME_OFFSET(bank_sp, sp);
SAME_OFFSET(bank_lr, lr);
SAME_OFFSET(bank_spsr, spsr);
SAME_OFFSET(elr_hyp, elr_hyp);
_Static_assert(BANK_COUNT == 8, "struct regmap_snapshot holds 8 banks");

const struct regmap_snapshot *regmap_live(const struct cpu *cpu)
{
	/* the build uses -fno-strict-aliasing; the layout is asserted above */
	return (const struct regmap_snapshot *)(const void *)cpu->r;
}

void regmap_snapshot_take(const struct cpu *cpu, struct regmap_snapshot *s)
{
	memcpy(s, regmap_live(cpu), sizeof(*s));
}

uint32_t regmap_snapshot_read(const struct regmap_snapshot *s, unsigned id)
{
	if (id >= REGMAP_COUNT)
		return 0;
	const struct regmap_entry *e = &regmap[id];
	unsigned mode = s->cpsr & CPSR_M_MASK;
	switch (e->kind) {
	case RM_VIEW:
		return s->r[e->index];
	case RM_CPSR:
		return s->cpsr;
	case RM_R8_12: {
		bool in_fiq = mode == MODE_FIQ;
		if (e->bank == BANK_FIQ)
			return in_fiq ? s->r[8 + e->index] : s->r8_12_fiq[e->index];
		return in_fiq ? s->r8_12_usr[e->index] : s->r[8 + e->index];
	}
	case RM_SP:
		return mode_bank(mode) == e->bank ? s->r[13] : s->sp[e->bank];
	case RM_LR:
		return lr_bank(mode) == e->bank ? s->r[14] : s->lr[e->bank];
	case RM_SPSR:
		return s->spsr[e->bank];
	case RM_ELR_HYP:
		return s->elr_hyp;
	}
	return 0;
}

uint32_t regmap_read(const struct cpu *cpu, unsigned id)
{
	/* Same rules as a snapshot; building one is a few cache lines. */
	struct regmap_snapshot s;
	regmap_snapshot_take(cpu, &s);
	return regmap_snapshot_read(&s, id);
}

/* Id of the banked copy behind view register n (8-14) in `mode`. */
static unsigned banked_behind_view(unsigned n, unsigned mode)
{
	if (n <= 12)
		return (mode == MODE_FIQ ? REG_R8_FIQ : REG_R8_USR) + (n - 8);
	static const uint8_t sp_id[BANK_COUNT] = {
		[BANK_USR] = REG_SP_USR, [BANK_FIQ] = REG_SP_FIQ,
		[BANK_IRQ] = REG_SP_IRQ, [BANK_SVC] = REG_SP_SVC,
		[BANK_ABT] = REG_SP_ABT, [BANK_UND] = REG_SP_UND,
		[BANK_MON] = REG_SP_MON, [BANK_HYP] = REG_SP_HYP,
	};
	if (n == 13)
		return sp_id[mode_bank(mode)];
	return sp_id[lr_bank(mode)] + 1; /* LR_x follows SP_x in the list */
}

/* behind[mode & 0xf][n - 8], built once. */
static uint8_t behind[16][7];
static bool behind_ready;

static void behind_init(void)
{
	for (unsigned m = 0; m < 16; m++)
		for (unsigned n = 8; n <= 14; n++)
			behind[m][n - 8] = (uint8_t)banked_behind_view(n, 0x10 | m);
	behind_ready = true;
}

/* Four words at a time, with GCC/Clang vector extensions (plain SIMD on
 * any host). */
typedef uint32_t v4u __attribute__((vector_size(16)));

static inline v4u load4(const uint32_t *p)
{
	v4u v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static inline bool any4(v4u v)
{
	uint64_t lo, hi;
	memcpy(&lo, &v, 8);
	memcpy(&hi, (const char *)&v + 8, 8);
	return (lo | hi) != 0;
}

unsigned regmap_behind_view(unsigned n, unsigned mode)
{
	if (!behind_ready)
		behind_init();
	return behind[mode & 0xfu][n - 8];
}

_Static_assert(sizeof(struct regmap_snapshot) == 52 * 4,
	       "regmap_snapshot_diff compares 52 words");

bool regmap_snapshot_equal(const struct regmap_snapshot *a,
			   const struct regmap_snapshot *b)
{
	const uint32_t *x = a->r, *y = b->r;
	v4u acc = { 0, 0, 0, 0 };
#pragma GCC unroll 13
	for (unsigned k = 0; k < 13; k++)
		acc |= load4(x + 4 * k) ^ load4(y + 4 * k);
	return !any4(acc);
}

uint64_t regmap_snapshot_diff(const struct regmap_snapshot *a,
			      const struct regmap_snapshot *b)
{
	/* The common case — same mode, bank arrays untouched — is decided
	 * with vector compares; the bank arrays only change on MSR/MRS
	 * banked, SPSR writes, LDM (user registers) and exception entry.
	 * Words 0-15 are R0-PC, 16 CPSR, 17-51 the banks. */
	const uint32_t *x = a->r, *y = b->r;
	const v4u lane_bit = { 1, 2, 4, 8 };
	uint32_t vm = 0;
#pragma GCC unroll 4
	for (unsigned k = 0; k < 4; k++) {
		v4u d = load4(x + 4 * k) ^ load4(y + 4 * k);
		v4u bits = (v4u)(d != 0) & lane_bit;
		/* fold the four lane bits: lanes 0,2 land in the low halves of
		 * the two 64-bit halves, lanes 1,3 in the high halves */
		uint64_t lo, hi;
		memcpy(&lo, &bits, 8);
		memcpy(&hi, (const char *)&bits + 8, 8);
		lo |= hi;
		vm |= ((uint32_t)lo | (uint32_t)(lo >> 32)) << (4 * k);
	}
	if (a->cpsr != b->cpsr)
		vm |= 1u << REG_CPSR;
	v4u acc = { x[17] ^ y[17], x[18] ^ y[18], x[19] ^ y[19], 0 };
#pragma GCC unroll 8
	for (unsigned k = 5; k < 13; k++)
		acc |= load4(x + 4 * k) ^ load4(y + 4 * k);
	if (!any4(acc) && ((a->cpsr ^ b->cpsr) & CPSR_M_MASK) == 0) {
		if (!behind_ready)
			behind_init();
		uint64_t mask = vm;
		uint32_t banked = vm & 0x7f00u;
		const uint8_t *row = behind[a->cpsr & 0xfu];
		while (banked) {
			unsigned n = (unsigned)__builtin_ctz(banked);
			banked &= banked - 1;
			mask |= 1ull << row[n - 8];
		}
		return mask;
	}
	/* A mode change re-maps the views, a bank write changes a copy:
	 * compare every register. */
	uint64_t mask = 0;
	for (unsigned id = 0; id < REGMAP_COUNT; id++)
		if (regmap_snapshot_read(a, id) != regmap_snapshot_read(b, id))
			mask |= 1ull << id;
	return mask;
}

/* ---- floating-point registers ---- */

#define FPD(n) [REG_FP_D0 + (n)] = { "D" #n, "d" #n, 64, REGMAP_GDB_FP_BASE + (n) }
static const struct regmap_fp_entry regmap_fp[REGMAP_FP_COUNT] = {
	FPD(0), FPD(1), FPD(2), FPD(3), FPD(4), FPD(5), FPD(6), FPD(7),
	FPD(8), FPD(9), FPD(10), FPD(11), FPD(12), FPD(13), FPD(14), FPD(15),
	FPD(16), FPD(17), FPD(18), FPD(19), FPD(20), FPD(21), FPD(22), FPD(23),
	FPD(24), FPD(25), FPD(26), FPD(27), FPD(28), FPD(29), FPD(30), FPD(31),
	[REG_FP_FPSCR] = { "FPSCR", "fpscr", 32, REGMAP_GDB_FP_BASE + 32 },
	[REG_FP_FPEXC] = { "FPEXC", "fpexc", 32, REGMAP_GDB_FP_BASE + 33 },
};
_Static_assert(REGMAP_GDB_FP_BASE + REGMAP_FP_COUNT <= REGMAP_GDB_BANKED_BASE,
	       "gdb numbers of the FP registers run into the banked ones");

const struct regmap_fp_entry *regmap_fp_get(unsigned id)
{
	return id < REGMAP_FP_COUNT ? &regmap_fp[id] : NULL;
}

int regmap_fp_find(const char *name)
{
	for (unsigned i = 0; i < REGMAP_FP_COUNT; i++)
		if (strcasecmp(name, regmap_fp[i].name) == 0)
			return (int)i;
	return -1;
}

uint64_t regmap_fp_read(const struct cpu *cpu, unsigned id)
{
	if (id < 32)
		return fp_d_read(cpu, id);
	if (id == REG_FP_FPSCR)
		return cpu->fp.fpscr;
	if (id == REG_FP_FPEXC)
		return cpu->fp.fpexc;
	return 0;
}

bool regmap_fp_write(struct cpu *cpu, unsigned id, uint64_t v)
{
	cpu->ext_reg_writes++; /* only debuggers write through here */
	if (id < 32) {
		fp_d_write(cpu, id, v);
		return true;
	}
	/* Only the bits VMSR could set: the others are RAZ/WI or
	 * reserved (fp.h), and a debugger must not make them read back
	 * otherwise. */
	if (id == REG_FP_FPSCR) {
		cpu->fp.fpscr = (uint32_t)v & FPSCR_WRITABLE;
		return true;
	}
	if (id == REG_FP_FPEXC) {
		cpu->fp.fpexc = (uint32_t)v & FPEXC_WRITABLE;
		return true;
	}
	return false;
}

static const char *const mode_names[16] = {
	"usr", "fiq", "irq", "svc", "???", "???", "mon", "abt",
	"???", "???", "hyp", "und", "???", "???", "???", "sys",
};

const char *regmap_mode_name(unsigned mode)
{
	if ((mode & 0x10u) == 0)
		return "???";
	return mode_names[mode & 0xfu];
}

int regmap_mode_from_name(const char *name)
{
	for (unsigned i = 0; i < 16; i++)
		if (strcmp(mode_names[i], "???") != 0 &&
		    strcasecmp(name, mode_names[i]) == 0)
			return (int)(0x10 + i);
	return -1;
}
