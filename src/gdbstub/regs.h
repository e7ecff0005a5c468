/* gdb's view of the registers: numbers, the target description XML and
 * the value encoding, all generated from the register tables
 * (cpu/regmap.h for the core and banked registers, cp15/sysreg.h for the
 * system registers) — DESIGN.md principle 5: nothing here lists a
 * register by hand.
 *
 * Numbering (the "regnum" of the target description, which gdb's p/P
 * packets use):
 *   0-15, 25   org.gnu.gdb.arm.core: r0-r12, sp, lr, pc, cpsr
 *              (regmap gdb_regnum; 16-24 are gdb's old FPA slots)
 *   26-58      org.gnu.gdb.arm.vfp: d0-d31 (64-bit), fpscr (gdb derives
 *              s0-s31 from them); then an empty org.gnu.gdb.arm.neon
 *   59         org.hypsim.arm.vfp-sys: fpexc
 *   64-…       org.hypsim.arm.banked: every banked copy and ELR_hyp
 *              (regmap gdb_regnum)
 *   GDB_SYSREG_BASE-…  org.hypsim.arm.cp15: every readable register of
 *              the tables for the core models of this machine, in table
 *              order. A register with Secure and Non-secure copies
 *              (SR_BANKED) appears three times: NAME is the copy the
 *              core's current security state uses, NAME_S and NAME_NS the
 *              two copies. 64-bit registers are 64 bits wide.
 *   then       the banked registers again under the manual's spelling
 *              (ELR_hyp, SPSR_hyp, SP_hyp…) where it differs from gdb's
 *              lowercase name: GDB_SYSREG_BASE + n_slots + regmap id
 * On a mixed machine a register of one model only reads as unavailable
 * ('x' bytes) on the cores of the other model. */
#ifndef HYPSIM_GDB_REGS_H
#define HYPSIM_GDB_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;
struct machine;
struct sysreg;
struct core_model;

#define GDB_SYSREG_BASE 128
#define GDB_MAX_MODELS 4

enum gdb_sysreg_view {
	GDB_VIEW_CURRENT, /* the copy of the current security state */
	GDB_VIEW_S,       /* Secure copy */
	GDB_VIEW_NS,      /* Non-secure copy */
};

struct gdb_sysreg_slot {
	char name[40];
	uint8_t width; /* 32 or 64 */
	uint8_t view;  /* enum gdb_sysreg_view */
	/* the table entry for each model of gdb_regs.models (NULL: the
	 * model has no such register) */
	const struct sysreg *reg[GDB_MAX_MODELS];
};

struct gdb_regs {
	const struct core_model *models[GDB_MAX_MODELS];
	unsigned n_models;
	struct gdb_sysreg_slot *slots;
	unsigned n_slots;
	char *xml; /* target.xml */
	size_t xml_len;
};

/* Build the register list and target.xml for machine m. */
bool gdb_regs_init(struct gdb_regs *g, const struct machine *m);
void gdb_regs_destroy(struct gdb_regs *g);

/* Value of register `regnum` of cpu in target byte order (little-endian)
 * into buf (8 bytes at least). Returns its size in bytes, 0 if gdb has no
 * such register. *avail is false when the value cannot be given (then
 * the stub answers 'x' digits). */
unsigned gdb_reg_get(const struct gdb_regs *g, struct cpu *cpu,
		     unsigned regnum, uint8_t *buf, bool *avail);
/* Write register `regnum` from len bytes (little-endian). False when the
 * register does not exist, has another size, or refuses the value. */
bool gdb_reg_set(const struct gdb_regs *g, struct cpu *cpu, unsigned regnum,
		 const uint8_t *buf, unsigned len);

/* The 'g' packet's registers, in order: r0-r15 then cpsr (the registers
 * of org.gnu.gdb.arm.core, in regnum order; gdb fetches the others with
 * 'p'). */
#define GDB_G_REGS 17
unsigned gdb_g_regnum(unsigned i);

#endif
