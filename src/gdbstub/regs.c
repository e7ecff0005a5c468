/* gdb register numbering and target description (see regs.h). */
#include "gdbstub/regs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "gdbstub/debug.h"
#include "sim/machine.h"

static int model_index(const struct gdb_regs *g, const struct core_model *m)
{
	for (unsigned i = 0; i < g->n_models; i++)
		if (g->models[i] == m)
			return (int)i;
	return -1;
}

/* Registers a debugger can show: readable, not an operation, not an
 * alias of another entry, not hidden from gdb by the table. */
static bool shown(const struct sysreg *r)
{
	if (r->access & (SR_OPERATION | SR_NO_GDB | SR_ALIAS))
		return false;
	return (r->access & (SR_PL0_R | SR_PL1_R | SR_PL2_R)) != 0;
}

static int find_slot(const struct gdb_regs *g, const char *name)
{
	for (unsigned i = 0; i < g->n_slots; i++)
		if (strcmp(g->slots[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Add (or complete, for a name another model already has) the slot of
 * one view of r. */
static bool add_slot(struct gdb_regs *g, const struct sysreg *r, int mi,
		     enum gdb_sysreg_view view, size_t *cap)
{
	char name[40];
	static const char *const suffix[] = {"", "_S", "_NS"};
	if (snprintf(name, sizeof name, "%s%s", r->name, suffix[view]) >=
	    (int)sizeof name)
		return true; /* a name that long is not a register name */
	int s = find_slot(g, name);
	if (s >= 0) {
		/* Same name in another model's table: one gdb register,
		 * served by each model's own entry (a different width
		 * would make it a different register: keep the first). */
		if (g->slots[s].width == r->width && !g->slots[s].reg[mi])
			g->slots[s].reg[mi] = r;
		return true;
	}
	if (regmap_find(name) >= 0 || regmap_fp_find(name) >= 0)
		return true; /* never shadow a core or FP register's name */
	if (g->n_slots == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct gdb_sysreg_slot *n = realloc(g->slots, ncap * sizeof *n);
		if (!n)
			return false;
		g->slots = n;
		*cap = ncap;
	}
	struct gdb_sysreg_slot *sl = &g->slots[g->n_slots++];
	memset(sl, 0, sizeof *sl);
	memcpy(sl->name, name, sizeof sl->name);
	sl->width = r->width;
	sl->view = (uint8_t)view;
	sl->reg[mi] = r;
	return true;
}

/* The alias numbers follow the system registers. */
static unsigned gdb_alias_regnum(const struct gdb_regs *g, unsigned id)
{
	return GDB_SYSREG_BASE + g->n_slots + id;
}

/* The regmap id a manual-spelling alias number stands for, or -1. */
static int alias_id(const struct gdb_regs *g, unsigned regnum)
{
	unsigned base = GDB_SYSREG_BASE + g->n_slots;
	if (regnum < base || regnum - base >= REGMAP_COUNT)
		return -1;
	const struct regmap_entry *e = regmap_get(regnum - base);
	if (e->group != REGMAP_GROUP_BANKED || !strcmp(e->name, e->gdb_name))
		return -1;
	return (int)(regnum - base);
}

static bool build_xml(struct gdb_regs *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return false;
	fputs("<?xml version=\"1.0\"?>\n"
	      "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	      "<target version=\"1.0\">\n"
	      "<architecture>arm</architecture>\n"
	      "<feature name=\"org.gnu.gdb.arm.core\">\n", f);
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		const struct regmap_entry *e = regmap_get(id);
		if (e->group != REGMAP_GROUP_CORE)
			continue;
		const char *type = id == REG_SP ? "data_ptr"
				   : id == REG_PC ? "code_ptr" : "uint32";
		fprintf(f, "  <reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" "
			   "type=\"%s\" group=\"general\"/>\n",
			e->gdb_name, e->gdb_regnum, type);
	}
	/* gdb's ARM support knows this feature by name (d0-d31, fpscr)
	 * and makes s0-s31 from the D registers. The empty
	 * org.gnu.gdb.arm.neon feature follows, as gdbserver sends it
	 * (gdb 13.1 still shows no q0-q15 from it: use $d registers).
	 * FPEXC is not one of the feature's registers; it goes in a
	 * feature of ours. */
	fputs("</feature>\n<feature name=\"org.gnu.gdb.arm.vfp\">\n", f);
	for (unsigned i = 0; i < REGMAP_FP_COUNT; i++) {
		const struct regmap_fp_entry *e = regmap_fp_get(i);
		if (i == REG_FP_FPEXC)
			continue;
		fprintf(f, "  <reg name=\"%s\" bitsize=\"%u\" regnum=\"%u\" "
			   "type=\"%s\" group=\"float\"/>\n",
			e->gdb_name, e->width, e->gdb_regnum,
			e->width == 64 ? "ieee_double" : "int");
	}
	fputs("</feature>\n<feature name=\"org.gnu.gdb.arm.neon\"/>\n"
	      "<feature name=\"org.hypsim.arm.vfp-sys\">\n", f);
	{
		const struct regmap_fp_entry *e = regmap_fp_get(REG_FP_FPEXC);
		fprintf(f, "  <reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" "
			   "type=\"uint32\" group=\"float\"/>\n",
			e->gdb_name, e->gdb_regnum);
	}
	fputs("</feature>\n<feature name=\"org.hypsim.arm.banked\">\n", f);
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		const struct regmap_entry *e = regmap_get(id);
		if (e->group != REGMAP_GROUP_BANKED)
			continue;
		fprintf(f, "  <reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" "
			   "type=\"%s\" group=\"banked\"/>\n",
			e->gdb_name, e->gdb_regnum,
			id == REG_ELR_HYP ? "code_ptr" : "uint32");
	}
	/* The manual's spelling (ELR_hyp, SPSR_hyp, SP_hyp, R8_fiq…) as a
	 * second name for the same register: gdb's register names are
	 * case-sensitive, and `p $ELR_hyp` would otherwise be an empty
	 * convenience variable. In a group of their own, so that neither
	 * `info registers` nor a register save lists them twice. */
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		const struct regmap_entry *e = regmap_get(id);
		if (e->group != REGMAP_GROUP_BANKED ||
		    !strcmp(e->name, e->gdb_name))
			continue;
		fprintf(f, "  <reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" "
			   "type=\"%s\" group=\"alias\" save-restore=\"no\"/>\n",
			e->name, gdb_alias_regnum(g, id),
			id == REG_ELR_HYP ? "code_ptr" : "uint32");
	}
	fputs("</feature>\n<feature name=\"org.hypsim.arm.cp15\">\n", f);
	for (unsigned i = 0; i < g->n_slots; i++) {
		const struct gdb_sysreg_slot *s = &g->slots[i];
		fprintf(f, "  <reg name=\"%s\" bitsize=\"%u\" regnum=\"%u\" "
			   "type=\"uint%u\" group=\"system\"/>\n",
			s->name, s->width, GDB_SYSREG_BASE + i, s->width);
	}
	fputs("</feature>\n</target>\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return false;
	}
	g->xml = buf;
	g->xml_len = len;
	return true;
}

bool gdb_regs_init(struct gdb_regs *g, const struct machine *m)
{
	memset(g, 0, sizeof *g);
	for (unsigned i = 0; i < m->n_cpus; i++) {
		const struct core_model *cm = m->cpus[i].model;
		if (model_index(g, cm) < 0 && g->n_models < GDB_MAX_MODELS)
			g->models[g->n_models++] = cm;
	}
	size_t cap = 0, n = sysreg_count();
	for (unsigned id = 0; id < n; id++) {
		const struct sysreg *r = sysreg_by_id(id);
		if (!r || !shown(r))
			continue;
		for (unsigned mi = 0; mi < g->n_models; mi++) {
			if (!sysreg_in_model(r, g->models[mi]))
				continue;
			bool ok = add_slot(g, r, (int)mi, GDB_VIEW_CURRENT, &cap);
			if (ok && (r->access & SR_BANKED))
				ok = add_slot(g, r, (int)mi, GDB_VIEW_S, &cap) &&
				     add_slot(g, r, (int)mi, GDB_VIEW_NS, &cap);
			if (!ok) {
				gdb_regs_destroy(g);
				return false;
			}
		}
	}
	if (!build_xml(g)) {
		gdb_regs_destroy(g);
		return false;
	}
	return true;
}

void gdb_regs_destroy(struct gdb_regs *g)
{
	free(g->slots);
	free(g->xml);
	memset(g, 0, sizeof *g);
}

unsigned gdb_g_regnum(unsigned i)
{
	return i < 16 ? i : REGMAP_GDB_CPSR;
}

/* The regmap id with gdb number regnum, or -1. */
static int regmap_by_gdb(unsigned regnum)
{
	for (unsigned id = 0; id < REGMAP_COUNT; id++)
		if (regmap_get(id)->gdb_regnum == regnum)
			return (int)id;
	return -1;
}

/* The regmap FP id with gdb number regnum, or -1. */
static int regmap_fp_by_gdb(unsigned regnum)
{
	if (regnum < REGMAP_GDB_FP_BASE ||
	    regnum >= REGMAP_GDB_FP_BASE + REGMAP_FP_COUNT)
		return -1;
	return (int)(regnum - REGMAP_GDB_FP_BASE);
}

static void put_le(uint8_t *buf, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		buf[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *buf, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)buf[i] << (8 * i);
	return v;
}

static const struct sysreg *slot_reg(const struct gdb_regs *g,
				     const struct gdb_sysreg_slot *s,
				     const struct cpu *cpu, unsigned *bank)
{
	int mi = model_index(g, cpu->model);
	if (mi < 0)
		return NULL;
	const struct sysreg *r = s->reg[mi];
	switch (s->view) {
	case GDB_VIEW_S: *bank = 0; break;
	case GDB_VIEW_NS: *bank = 1; break;
	default: *bank = cpu_cp15_bank(cpu); break;
	}
	return r;
}

unsigned gdb_reg_get(const struct gdb_regs *g, struct cpu *cpu,
		     unsigned regnum, uint8_t *buf, bool *avail)
{
	*avail = true;
	int id = regmap_by_gdb(regnum);
	if (id < 0)
		id = alias_id(g, regnum);
	if (id >= 0) {
		put_le(buf, regmap_read(cpu, (unsigned)id), 4);
		return 4;
	}
	int fid = regmap_fp_by_gdb(regnum);
	if (fid >= 0) {
		unsigned n = regmap_fp_get((unsigned)fid)->width / 8;
		put_le(buf, regmap_fp_read(cpu, (unsigned)fid), n);
		return n;
	}
	if (regnum < GDB_SYSREG_BASE || regnum - GDB_SYSREG_BASE >= g->n_slots)
		return 0;
	const struct gdb_sysreg_slot *s = &g->slots[regnum - GDB_SYSREG_BASE];
	unsigned bank;
	const struct sysreg *r = slot_reg(g, s, cpu, &bank);
	unsigned n = s->width / 8;
	uint64_t v = 0;
	if (!r || !sysreg_peek(cpu, r, bank, &v)) {
		*avail = false;
		memset(buf, 0, n);
		return n;
	}
	put_le(buf, v, n);
	return n;
}

bool gdb_reg_set(const struct gdb_regs *g, struct cpu *cpu, unsigned regnum,
		 const uint8_t *buf, unsigned len)
{
	int id = regmap_by_gdb(regnum);
	if (id < 0)
		id = alias_id(g, regnum);
	if (id >= 0)
		return len == 4 &&
		       dbg_core_reg_write(cpu, (unsigned)id,
					  (uint32_t)get_le(buf, 4));
	int fid = regmap_fp_by_gdb(regnum);
	if (fid >= 0)
		return len == regmap_fp_get((unsigned)fid)->width / 8u &&
		       regmap_fp_write(cpu, (unsigned)fid, get_le(buf, len));
	if (regnum < GDB_SYSREG_BASE || regnum - GDB_SYSREG_BASE >= g->n_slots)
		return false;
	const struct gdb_sysreg_slot *s = &g->slots[regnum - GDB_SYSREG_BASE];
	unsigned bank;
	const struct sysreg *r = slot_reg(g, s, cpu, &bank);
	if (!r || len != s->width / 8)
		return false;
	return sysreg_poke(cpu, r, bank, get_le(buf, len));
}
