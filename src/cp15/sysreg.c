/* The system-register table: start-up indexing, lookup, the generic
 * access rules, peek/poke for debuggers, and reset.
 *
 * The architected registers (ARM DDI 0406C B4.1, B8, C11, C12) are split by
 * group over sysregs_*.c and cp14.c; each core model adds its
 * implementation-defined registers (core_model.impl_regs). sysreg_init()
 * copies every entry once into `regs` (so each gets its table id), and
 * builds one sorted index per core model holding the architected entries
 * and that model's, looked up by binary search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/sysreg_internal.h"
#include "mmu/mmu.h"

_Thread_local struct sr_view sr_view = {-1, false};

static const struct sysreg_group arch_groups[] = {
	{"id", sysregs_id, 0},     {"vmsa", sysregs_vmsa, 0},
	{"ops", sysregs_ops, 0},   {"hyp", sysregs_hyp, 0},
	{"timer", sysregs_timer, 0}, {"pmu", sysregs_pmu, 0},
	{"cp14", sysregs_cp14, 0},
};
#define N_GROUPS (sizeof arch_groups / sizeof arch_groups[0])

static size_t group_count(unsigned g)
{
	switch (g) {
	case 0: return sysregs_id_count;
	case 1: return sysregs_vmsa_count;
	case 2: return sysregs_ops_count;
	case 3: return sysregs_hyp_count;
	case 4: return sysregs_timer_count;
	case 5: return sysregs_pmu_count;
	default: return sysregs_cp14_count;
	}
}

struct index_entry {
	uint32_t key;
	const struct sysreg *reg;
};

struct model_index {
	const struct core_model *model; /* NULL: architected registers only */
	struct index_entry *entries;
	size_t n;
};

static struct sysreg *regs; /* every register, in id order */
static size_t n_regs, n_arch;
static struct model_index *indexes;
static size_t n_indexes;
static bool initialised;

static uint32_t enc_key(const struct sysreg_encoding *e)
{
	if (e->is64)
		return SYSREG_KEY(e->coproc, 1, e->opc1, 0, e->crm, 0);
	return SYSREG_KEY(e->coproc, 0, e->opc1, e->crn, e->crm, e->opc2);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct index_entry *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : 0;
}

/* A table bug is a simulator bug: report it and stop at start-up. The
 * table is constant data and sysreg_init runs from machine_init before
 * any core executes (the lookups below call it only for callers with no
 * machine, such as `hypsim sysregs`), so neither this nor the
 * out-of-memory exits of sysreg_init can be reached by anything a guest
 * does. */
static void table_bug(const char *what, const struct sysreg *a,
		      const struct sysreg *b)
{
	fprintf(stderr,
		"hypsim: internal error in the system-register table: %s: "
		"%s%s%s\n",
		what, a->name, b ? " and " : "", b ? b->name : "");
	abort();
}

static void check_entry(const struct sysreg *r)
{
	const struct sysreg_encoding *e = &r->enc;
	if (!r->name || (e->coproc != 14 && e->coproc != 15) || e->opc1 > 7 ||
	    e->crn > 15 || e->crm > 15 || e->opc2 > 7 ||
	    (r->width != 32 && r->width != 64) ||
	    (r->width == 64) != (e->is64 != 0))
		table_bug("malformed entry", r, NULL);
	/* Every entry is backed by a field, a hook, or is a constant
	 * (offset SIZE_MAX); offset 0 is MIDR, which is read by a hook, so
	 * an entry left at offset 0 without hooks lacks its FLD(). */
	if (r->offset == 0 && !r->read)
		table_bug("entry without storage", r, NULL);
	if (!(r->access & (SR_PL0_R | SR_PL0_W | SR_PL1_R | SR_PL1_W |
			   SR_PL2_R | SR_PL2_W)))
		table_bug("entry without access rights", r, NULL);
}

static struct model_index build_index(const struct core_model *m,
				      size_t first_model_reg, size_t n_model)
{
	struct model_index ix = {m, NULL, 0};
	ix.entries = calloc(n_arch + n_model, sizeof *ix.entries);
	if (!ix.entries) {
		fprintf(stderr, "hypsim: out of memory\n");
		exit(2);
	}
	for (size_t i = 0; i < n_arch; i++)
		ix.entries[ix.n++] = (struct index_entry){enc_key(&regs[i].enc),
							  &regs[i]};
	for (size_t i = 0; i < n_model; i++) {
		const struct sysreg *r = &regs[first_model_reg + i];
		ix.entries[ix.n++] = (struct index_entry){enc_key(&r->enc), r};
	}
	qsort(ix.entries, ix.n, sizeof *ix.entries, cmp_entry);
	/* Duplicate encodings: within the architected table, within a
	 * model's table, or a model redefining an architected register. */
	for (size_t i = 1; i < ix.n; i++)
		if (ix.entries[i].key == ix.entries[i - 1].key)
			table_bug("duplicate encoding", ix.entries[i - 1].reg,
				  ix.entries[i].reg);
	return ix;
}

void sysreg_init(void)
{
	if (initialised)
		return;
	size_t total = 0;
	for (unsigned g = 0; g < N_GROUPS; g++)
		total += group_count(g);
	n_arch = total;
	size_t n_models = 0;
	for (const struct core_model *const *m = core_models; *m; m++) {
		total += (*m)->n_impl_regs;
		n_models++;
	}
	regs = calloc(total, sizeof *regs);
	indexes = calloc(n_models + 1, sizeof *indexes);
	if (!regs || !indexes) {
		fprintf(stderr, "hypsim: out of memory\n");
		exit(2);
	}
	for (unsigned g = 0; g < N_GROUPS; g++)
		for (size_t i = 0; i < group_count(g); i++)
			regs[n_regs++] = arch_groups[g].regs[i];
	size_t first[16] = {0};
	size_t mi = 0;
	for (const struct core_model *const *m = core_models; *m; m++, mi++) {
		first[mi < 16 ? mi : 15] = n_regs;
		for (size_t i = 0; i < (*m)->n_impl_regs; i++)
			regs[n_regs++] = (*m)->impl_regs[i];
	}
	for (size_t i = 0; i < n_regs; i++) {
		regs[i].id = (unsigned)i;
		check_entry(&regs[i]);
	}
	indexes[n_indexes++] = build_index(NULL, 0, 0);
	mi = 0;
	for (const struct core_model *const *m = core_models; *m; m++, mi++)
		indexes[n_indexes++] =
			build_index(*m, first[mi], (*m)->n_impl_regs);
	initialised = true;
}

static const struct sysreg *lookup_in(const struct model_index *ix,
				      const struct sysreg_encoding *enc);

static const struct model_index *index_for(const struct core_model *m)
{
	if (!initialised)
		sysreg_init();
	for (size_t i = 1; i < n_indexes; i++)
		if (indexes[i].model == m)
			return &indexes[i];
	return &indexes[0];
}

const struct sysreg *sysreg_lookup(const struct cpu *cpu,
				   const struct sysreg_encoding *enc)
{
	return lookup_in(index_for(cpu ? cpu->model : NULL), enc);
}

size_t sysreg_count(void)
{
	if (!initialised)
		sysreg_init();
	return n_regs;
}

const struct sysreg *sysreg_by_id(unsigned id)
{
	if (!initialised)
		sysreg_init();
	return id < n_regs ? &regs[id] : NULL;
}

/* Second names of registers that share an encoding (B4.1.97 MAIR0/1 are
 * PRRR/NMRR when TTBCR.EAE is 1). */
static const char *const name_aliases[][2] = {
	{"MAIR0", "PRRR"},
	{"MAIR1", "NMRR"},
};

const struct sysreg *sysreg_by_name(const char *name)
{
	if (!initialised)
		sysreg_init();
	for (size_t i = 0; i < sizeof name_aliases / sizeof name_aliases[0];
	     i++)
		if (strcmp(name, name_aliases[i][0]) == 0)
			name = name_aliases[i][1];
	for (size_t i = 0; i < n_regs; i++)
		if (strcmp(regs[i].name, name) == 0)
			return &regs[i];
	return NULL;
}

static const struct sysreg *lookup_in(const struct model_index *ix,
				      const struct sysreg_encoding *enc)
{
	uint32_t key = enc_key(enc);
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t k = ix->entries[mid].key;
		if (k == key)
			return ix->entries[mid].reg;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct sysreg *sysreg_lookup_model(const struct core_model *m,
					 const struct sysreg_encoding *enc)
{
	return lookup_in(index_for(m), enc);
}

bool sysreg_in_model(const struct sysreg *r, const struct core_model *m)
{
	if (!initialised)
		sysreg_init();
	if (r->id < n_arch)
		return true;
	return m && sysreg_lookup_model(m, &r->enc) == r;
}

/* ---- fields ---- */

uint64_t sr_field_get(const struct cpu *cpu, const struct sysreg *r,
		      unsigned bank)
{
	const void *p = sr_field_ptr((struct cpu *)cpu, r, bank);
	if (r->width == 64)
		return *(const uint64_t *)p;
	return *(const uint32_t *)p;
}

void sr_field_set(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		  uint64_t v)
{
	void *p = sr_field_ptr(cpu, r, bank);
	if (r->width == 64)
		*(uint64_t *)p = v;
	else
		*(uint32_t *)p = (uint32_t)v;
}

uint64_t sr_apply_masks(const struct sysreg *r, uint64_t old, uint64_t val)
{
	uint64_t v = (old & r->ro_mask) | (val & ~r->ro_mask);
	v = (v & ~r->res0) | r->res1;
	if (r->width == 32)
		v &= 0xffffffffu;
	return v;
}

/* ---- access rules (B3.17, B4.1 "Usage constraints") ---- */

bool sysreg_access_ok(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read)
{
	uint32_t a = r->access;
	bool secure = cpu_is_secure(cpu);
	unsigned mode = cpu_mode(cpu);
	if ((a & SR_SECURE_ONLY) && !secure)
		return false;
	if ((a & SR_MON_ONLY) && mode != MODE_MON)
		return false;
	uint32_t need_pl0 = is_read ? SR_PL0_R : SR_PL0_W;
	uint32_t need_pl1 = is_read ? SR_PL1_R : SR_PL1_W;
	uint32_t need_pl2 = is_read ? SR_PL2_R : SR_PL2_W;
	bool ok;
	if (mode == MODE_USR)
		ok = (a & need_pl0) != 0;
	else if (mode == MODE_HYP)
		ok = (a & (need_pl1 | need_pl2)) != 0;
	else if (mode == MODE_MON && (cpu->cp15.scr & SCR_NS))
		/* PL2 registers are accessible in Monitor mode when SCR.NS
		 * is 1 (B4.1, e.g. B4.1.65 HCR usage constraints). */
		ok = (a & (need_pl1 | need_pl2)) != 0;
	else
		ok = (a & need_pl1) != 0;
	if (!ok)
		return false;
	return r->check ? r->check(cpu, r, is_read) : true;
}

/* ---- reading and writing ---- */

static struct sysreg_result do_read(struct cpu *cpu, const struct sysreg *r,
				    uint64_t *val)
{
	if (r->read)
		return r->read(cpu, r, val);
	if (r->offset == SIZE_MAX) {
		*val = r->reset; /* constant (RAZ, or a fixed value) */
		return sr_ok();
	}
	*val = sr_field_get(cpu, r, sr_bank(cpu));
	return sr_ok();
}

static struct sysreg_result do_write(struct cpu *cpu, const struct sysreg *r,
				     uint64_t val)
{
	if (r->write)
		return r->write(cpu, r, val);
	if (r->offset == SIZE_MAX)
		return sr_ok(); /* writes ignored (WI) */
	unsigned bank = sr_bank(cpu);
	uint64_t old = sr_field_get(cpu, r, bank);
	sr_field_set(cpu, r, bank, sr_apply_masks(r, old, val));
	return sr_ok();
}

struct sysreg_result sysreg_read(struct cpu *cpu, const struct sysreg *r)
{
	uint64_t v = 0;
	struct sysreg_result res = do_read(cpu, r, &v);
	if (res.status == SR_DONE)
		res.value = v;
	return res;
}

/* The value an observer is told about: the register as stored, for the
 * bank the write went to, without substitutions. */
static uint64_t observed_value(struct cpu *cpu, const struct sysreg *r)
{
	struct sr_view saved = sr_view;
	sr_view.bank = (int)cpu_cp15_bank(cpu);
	sr_view.raw = true;
	uint64_t v = 0;
	if (do_read(cpu, r, &v).status != SR_DONE)
		v = 0;
	sr_view = saved;
	return v;
}

struct sysreg_result sysreg_write(struct cpu *cpu, const struct sysreg *r,
				  uint64_t val)
{
	bool is_op = (r->access & SR_OPERATION) != 0;
	bool observe = cpu->n_obs != 0 && !is_op;
	uint64_t old = observe ? observed_value(cpu, r) : 0;
	struct sysreg_result res = do_write(cpu, r, val);
	if (res.status != SR_DONE)
		return res;
	if (observe)
		cpu_notify_sysreg_write(cpu, r->id, old,
					observed_value(cpu, r));
	if (r->access & SR_MMU_CTX)
		mmu_context_changed(cpu);
	return res;
}

/* The debugger's view: an access that does not simply happen (UNDEFINED,
 * a trap, an abort) is refused; peek and poke never raise exceptions (the
 * hooks see sr_raw() and take none). */
bool sysreg_peek(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		 uint64_t *val)
{
	if ((r->access & SR_OPERATION) ||
	    !(r->access & (SR_PL0_R | SR_PL1_R | SR_PL2_R)))
		return false;
	struct sr_view saved = sr_view;
	sr_view.bank = bank ? 1 : 0;
	sr_view.raw = true;
	bool ok = do_read(cpu, r, val).status == SR_DONE;
	sr_view = saved;
	return ok;
}

bool sysreg_poke(struct cpu *cpu, const struct sysreg *r, unsigned bank,
		 uint64_t val)
{
	if ((r->access & SR_OPERATION) ||
	    !(r->access & (SR_PL0_W | SR_PL1_W | SR_PL2_W)))
		return false;
	struct sr_view saved = sr_view;
	sr_view.bank = bank ? 1 : 0;
	sr_view.raw = true;
	bool ok = do_write(cpu, r, val).status == SR_DONE;
	sr_view = saved;
	if (ok && (r->access & SR_MMU_CTX))
		mmu_context_changed(cpu);
	return ok;
}

/* ---- reset ---- */

static void reset_entry(struct cpu *cpu, const struct sysreg *r)
{
	if (r->offset == SIZE_MAX || (r->access & (SR_ALIAS | SR_OPERATION)))
		return;
	if (r->offset == 0 && r->read)
		return; /* hook-only entry */
	sr_field_set(cpu, r, 0, r->reset);
	if (r->access & SR_BANKED)
		sr_field_set(cpu, r, 1, r->reset);
}

void cp15_reset(struct cpu *cpu)
{
	const struct core_model *m = cpu->model;
	struct cp15 *c = &cpu->cp15;
	uint64_t periphbase = c->periphbase, counter_hz = c->counter_hz;
	if (!initialised)
		sysreg_init();
	memset(c, 0, sizeof *c);
	/* Kept across reset: inputs of the board. The virt board's private
	 * peripherals (GIC) are at 0x08000000 (cores.md 6.1). */
	c->periphbase = periphbase ? periphbase : 0x08000000u;
	c->counter_hz = counter_hz ? counter_hz
		       : (m && m->cntfrq_reset ? m->cntfrq_reset : 62500000u);

	const struct model_index *ix = index_for(m);
	for (size_t i = 0; i < ix->n; i++)
		reset_entry(cpu, ix->entries[i].reg);

	/* Identification (B4.1.105 MIDR, B4.1.106 MPIDR): multiprocessor
	 * format (bit 31), U = 0 (part of a cluster), MT = 0, Aff1 =
	 * cluster, Aff0 = core within the cluster. VPIDR/VMPIDR reset to
	 * the physical values (what NS PL1 then reads, B4.1 "VPIDR" and
	 * "VMPIDR"). */
	c->midr = m ? m->midr : 0;
	c->mpidr = 0x80000000u | ((cpu->cluster & 0xffu) << 8) |
		   (cpu->core_in_cluster & 0xffu);
	c->vpidr = c->midr;
	c->vmpidr = c->mpidr;
	if (m) {
		c->sctlr[0] = c->sctlr[1] = m->sctlr_reset;
		c->actlr[0] = c->actlr[1] = m->actlr_reset;
		c->pmcr = m->pmcr_reset;
	}
	/* CNTFRQ's reset value is UNKNOWN (B4.1.21): it starts out telling
	 * the counter's real frequency, as QEMU's does. */
	c->cntfrq = (uint32_t)c->counter_hz;
	/* HDCR.HPMN resets to PMCR.N (B4.1 "HDCR, Hyp Debug Configuration
	 * Register"); the other fields are
	 * UNKNOWN at reset and reset to 0 here. */
	c->hdcr = (c->pmcr >> 11) & 0x1fu;
	pmu_reset(cpu);
	cp14_reset(cpu);
}
