/* Descriptions of core models and of the register table for people:
 * `hypsim info --cpu NAME` and `hypsim sysregs`. Everything is decoded
 * from the model's ID register values (ARM DDI 0406C B4.1, each register's
 * entry, for its fields), so a new model describes itself. */
#include "cp15/describe.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/sysreg_internal.h"

static unsigned field(uint32_t v, unsigned lo, unsigned bits)
{
	return (v >> lo) & ((1u << bits) - 1u);
}

const char *sysreg_encoding_str(const struct sysreg *r, char *buf,
				size_t len)
{
	const struct sysreg_encoding *e = &r->enc;
	if (e->is64)
		snprintf(buf, len, "p%u, %u, c%u", e->coproc, e->opc1, e->crm);
	else
		snprintf(buf, len, "p%u, %u, c%u, c%u, %u", e->coproc, e->opc1,
			 e->crn, e->crm, e->opc2);
	return buf;
}

static void rw(char *out, size_t len, bool r, bool w)
{
	snprintf(out, len, "%s%s", r ? "R" : "", w ? "W" : "");
}

const char *sysreg_access_str(const struct sysreg *r, char *buf, size_t len)
{
	uint32_t a = r->access;
	char p0[4], p1[4], p2[4];
	rw(p0, sizeof p0, a & SR_PL0_R, a & SR_PL0_W);
	rw(p1, sizeof p1, a & SR_PL1_R, a & SR_PL1_W);
	rw(p2, sizeof p2, a & SR_PL2_R, a & SR_PL2_W);
	size_t n = 0;
	buf[0] = 0;
	if (p0[0])
		n += (size_t)snprintf(buf + n, len - n, "PL0 %s, ", p0);
	if (p1[0])
		n += (size_t)snprintf(buf + n, len - n, "PL1 %s", p1);
	else if (p2[0])
		n += (size_t)snprintf(buf + n, len - n, "PL2 %s", p2);
	if (n < len && (a & SR_SECURE_ONLY))
		n += (size_t)snprintf(buf + n, len - n, " Secure");
	if (n < len && (a & SR_BANKED))
		n += (size_t)snprintf(buf + n, len - n, " banked");
	if (n < len && r->check)
		snprintf(buf + n, len - n, " +rules");
	return buf;
}

static const struct {
	uint32_t bit;
	const char *name;
} trap_names[] = {
	{TRAP_TVM, "HCR.TVM(w)"},      {TRAP_TID0, "HCR.TID0"},
	{TRAP_TID1, "HCR.TID1"},       {TRAP_TID2, "HCR.TID2"},
	{TRAP_TID3, "HCR.TID3"},       {TRAP_TAC, "HCR.TAC"},
	{TRAP_TSW, "HCR.TSW"},         {TRAP_TPC, "HCR.TPC"},
	{TRAP_TPU, "HCR.TPU"},         {TRAP_TTLB, "HCR.TTLB"},
	{TRAP_TIDCP, "HCR.TIDCP"},     {TRAP_HCPTR_TCPAC, "HCPTR.TCPAC"},
	{TRAP_HDCR_TPM, "HDCR.TPM"},   {TRAP_HDCR_TPMCR, "HDCR.TPMCR"},
	{TRAP_HDCR_TDRA, "HDCR.TDRA"}, {TRAP_HDCR_TDOSA, "HDCR.TDOSA"},
	{TRAP_HDCR_TDA, "HDCR.TDA"},   {TRAP_HCPTR_TTA, "HCPTR.TTA"},
	{TRAP_CNTHCTL_PCT, "CNTHCTL.PL1PCTEN"},
	{TRAP_CNTHCTL_PC, "CNTHCTL.PL1PCEN"},
	{TRAP_HSTR_TTEE, "HSTR.TTEE"}, {TRAP_HSTR_TJDBX, "HSTR.TJDBX"},
};

/* The HCR.TIDCP space (B4.1.65), for listing. */
static bool in_tidcp_space(const struct sysreg_encoding *e)
{
	if (e->coproc != 15 || e->is64)
		return false;
	unsigned m = e->crm;
	return (e->crn == 9 && (m <= 2 || (m >= 5 && m <= 8))) ||
	       (e->crn == 10 && (m <= 1 || m == 4 || m == 8)) ||
	       (e->crn == 11 && (m <= 8 || m == 15));
}

const char *sysreg_traps_str(const struct sysreg *r, char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = 0;
	bool pl2_only = !(r->access & (SR_PL0_R | SR_PL0_W | SR_PL1_R |
				       SR_PL1_W));
	if (r->enc.coproc == 15 && !pl2_only && !(r->access & SR_SECURE_ONLY)) {
		unsigned t = r->enc.is64 ? r->enc.crm : r->enc.crn;
		if (t != 4 && t != 14)
			n += (size_t)snprintf(buf + n, len - n, "HSTR.T%u", t);
	}
	if (in_tidcp_space(&r->enc) && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%sHCR.TIDCP",
				      n ? " " : "");
	for (size_t i = 0; i < sizeof trap_names / sizeof trap_names[0]; i++)
		if ((r->traps & trap_names[i].bit) && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      n ? " " : "", trap_names[i].name);
	if (!n)
		snprintf(buf, len, "-");
	return buf;
}

/* ---- core identity ---- */

static void print_cache(FILE *out, const char *what, uint32_t ccsidr,
			const char *indexing)
{
	unsigned line = ccsidr_line_bytes(ccsidr);
	unsigned ways = ccsidr_ways(ccsidr);
	unsigned sets = ccsidr_sets(ccsidr);
	unsigned long kb = (unsigned long)line * ways * sets / 1024u;
	fprintf(out, "    %-5s %4lu KB, %2u-way, %4u sets, %2u-byte lines%s%s;",
		what, kb, ways, sets, line, indexing ? ", " : "",
		indexing ? indexing : "");
	if (ccsidr & (1u << 31))
		fprintf(out, " write-through");
	if (ccsidr & (1u << 30))
		fprintf(out, " write-back");
	if (ccsidr & (1u << 29))
		fprintf(out, " read-allocate");
	if (ccsidr & (1u << 28))
		fprintf(out, " write-allocate");
	fprintf(out, "  (CCSIDR 0x%08x)\n", ccsidr);
}

static const char *l1ip_name(uint32_t ctr)
{
	switch (field(ctr, 14, 2)) {
	case 1: return "AIVIVT";
	case 2: return "VIPT";
	case 3: return "PIPT";
	default: return "reserved L1Ip";
	}
}

static void describe_caches(FILE *out, const struct core_model *m)
{
	fprintf(out, "  caches\n");
	for (unsigned level = 1; level <= 7; level++) {
		unsigned ctype = field(m->clidr, (level - 1) * 3, 3);
		if (!ctype)
			break;
		char name[8];
		unsigned sel = (level - 1) << 1;
		if (ctype == 1 || ctype == 3) {
			snprintf(name, sizeof name, "L%u I", level);
			print_cache(out, name, m->ccsidr[sel | 1],
				    level == 1 ? l1ip_name(m->ctr) : NULL);
		}
		if (ctype == 2 || ctype == 3) {
			snprintf(name, sizeof name, "L%u D", level);
			print_cache(out, name, m->ccsidr[sel], NULL);
		}
		if (ctype == 4) {
			snprintf(name, sizeof name, "L%u", level);
			print_cache(out, name, m->ccsidr[sel], "unified");
		}
	}
	fprintf(out,
		"    CLIDR 0x%08x: LoUIS %u, LoC %u, LoUU %u\n"
		"    CTR   0x%08x: I-cache min line %u B, D-cache min line %u B, "
		"ERG %u B, CWG %u B\n",
		m->clidr, field(m->clidr, 21, 3), field(m->clidr, 24, 3),
		field(m->clidr, 27, 3), m->ctr, 4u << field(m->ctr, 0, 4),
		4u << field(m->ctr, 16, 4), 4u << field(m->ctr, 20, 4),
		4u << field(m->ctr, 24, 4));
}

static void describe_extensions(FILE *out, const struct core_model *m)
{
	fprintf(out, "  extensions\n");
	uint32_t pfr0 = m->id_pfr0, pfr1 = m->id_pfr1;
	fprintf(out, "    instruction sets:%s%s%s%s  (ID_PFR0 0x%08x)\n",
		field(pfr0, 0, 4) ? " ARM" : "",
		field(pfr0, 4, 4) >= 3 ? " Thumb-2"
		: field(pfr0, 4, 4)    ? " Thumb"
				       : "",
		field(pfr0, 8, 4) ? " Jazelle" : "",
		field(pfr0, 12, 4) ? " ThumbEE" : "", pfr0);
	fprintf(out, "   %s%s%s  (ID_PFR1 0x%08x)\n",
		field(pfr1, 4, 4) ? " Security Extensions," : "",
		field(pfr1, 12, 4) ? " Virtualization Extensions," : "",
		field(pfr1, 16, 4) ? " Generic Timer" : "", pfr1);
	unsigned vmsa = field(m->id_mmfr[0], 0, 4);
	static const char *const pa[] = {"32", "36", "40"};
	unsigned cmemsz = field(m->id_mmfr[3], 24, 4);
	fprintf(out, "    VMSAv7%s; %s-bit physical addresses  (ID_MMFR0 0x%08x)\n",
		vmsa >= 5 ? " with PXN and LPAE (long descriptors)"
		: vmsa >= 4 ? " with PXN"
			    : "",
		cmemsz < 3 ? pa[cmemsz] : "?", m->id_mmfr[0]);
	unsigned div = field(m->id_isar[0], 24, 4);
	fprintf(out, "    hardware divide: %s  (ID_ISAR0 0x%08x)\n",
		div >= 2 ? "ARM and Thumb" : div ? "Thumb only" : "none",
		m->id_isar[0]);
	unsigned simd_regs = field(m->mvfr0, 0, 4);
	bool fma = field(m->mvfr1, 28, 4) != 0;
	bool neon = field(m->mvfr1, 8, 12) != 0;
	fprintf(out,
		"    floating point: VFPv%s-D%s%s  (FPSID 0x%08x, MVFR0 0x%08x, "
		"MVFR1 0x%08x)\n",
		fma ? "4" : "3", simd_regs == 2 ? "32" : "16",
		neon ? ", Advanced SIMD" : "", m->fpsid, m->mvfr0, m->mvfr1);
	unsigned dbg = field(m->id_dfr0, 0, 4);
	unsigned pmu = field(m->id_dfr0, 24, 4);
	fprintf(out,
		"    debug: %s, %u breakpoints (%u with context matching), "
		"%u watchpoints  (ID_DFR0 0x%08x, DBGDIDR 0x%08x)\n",
		dbg == 5 ? "v7.1 Debug" : dbg == 4 ? "v7 Debug" : "other",
		field(m->dbgdidr, 24, 4) + 1, field(m->dbgdidr, 20, 4) + 1,
		field(m->dbgdidr, 28, 4) + 1, m->id_dfr0, m->dbgdidr);
	fprintf(out, "    performance monitors: PMUv%u, %u event counters "
		     "and a cycle counter  (PMCR reset 0x%08x)\n",
		pmu, field(m->pmcr_reset, 11, 5), m->pmcr_reset);
	fprintf(out, "    generic timer counter: %u Hz at reset\n",
		m->cntfrq_reset);
}

void describe_core(FILE *out, const struct core_model *m)
{
	uint32_t midr = m->midr;
	fprintf(out, "%s: %s\n", m->name, m->part);
	fprintf(out,
		"  MIDR   0x%08x: implementer 0x%02x%s, variant %u, "
		"architecture 0x%x, part 0x%03x, revision %u (r%up%u)\n",
		midr, field(midr, 24, 8), field(midr, 24, 8) == 0x41 ? " (ARM)" : "",
		field(midr, 20, 4), field(midr, 16, 4), field(midr, 4, 12),
		field(midr, 0, 4), field(midr, 20, 4), field(midr, 0, 4));
	fprintf(out, "  REVIDR 0x%08x, AIDR 0x%08x\n", m->revidr, m->aidr);
	fprintf(out,
		"  MPIDR  0x80000000 | cluster << 8 | core in cluster "
		"(multiprocessor format, U = 0, MT = 0)\n");
	describe_caches(out, m);
	fprintf(out, "  TLB    %u-entry %u-way main TLB\n", m->tlb.entries,
		m->tlb.ways);
	describe_extensions(out, m);
	fprintf(out, "  SCTLR reset 0x%08x\n", m->sctlr_reset);
	fprintf(out, "  implementation-defined registers\n");
	for (size_t i = 0; i < m->n_impl_regs; i++) {
		char enc[32];
		const struct sysreg *r = &m->impl_regs[i];
		fprintf(out, "    %-10s %-22s %s\n", r->name,
			sysreg_encoding_str(r, enc, sizeof enc),
			r->description ? r->description : "");
	}
	fprintf(out, "  errata: %s\n", m->n_errata ? "" : "none modelled");
	for (size_t i = 0; i < m->n_errata; i++)
		fprintf(out, "    %s%s: %s (%s)\n", m->errata[i].name,
			m->errata[i].default_on ? " [on]" : "",
			m->errata[i].summary, m->errata[i].source);
}

/* ---- the register table ---- */

/* A core fresh out of reset, to read reset values from (cp15 only). */
static struct cpu *reset_core(const struct core_model *m)
{
	struct cpu *cpu = calloc(1, sizeof *cpu);
	if (!cpu)
		return NULL;
	cpu->model = m;
	cpu->cores_in_cluster = 1;
	cpu->cpsr = MODE_SVC;
	cp15_reset(cpu);
	return cpu;
}

static bool reset_value(struct cpu *cpu, const struct sysreg *r,
			uint64_t *v)
{
	if (!cpu || (r->access & SR_OPERATION) ||
	    !(r->access & (SR_PL0_R | SR_PL1_R | SR_PL2_R)))
		return false;
	return sysreg_peek(cpu, r, 0, v);
}

static void format_value(char *buf, size_t len, const struct sysreg *r,
			 uint64_t v)
{
	if (r->width == 64)
		snprintf(buf, len, "0x%016llx", (unsigned long long)v);
	else
		snprintf(buf, len, "0x%08llx", (unsigned long long)v);
}

void describe_sysregs(FILE *out, const struct core_model *m)
{
	struct cpu *cores[8] = {0};
	size_t n_models = 0;
	for (const struct core_model *const *p = core_models; *p && n_models < 8;
	     p++)
		if (!m || *p == m)
			cores[n_models++] = reset_core(*p);
	fprintf(out, "%-14s %-22s %-3s %-28s %-18s %s\n", "name", "encoding",
		"bit", "access", m ? "reset" : "reset (all cores)", "traps");
	for (unsigned id = 0; id < sysreg_count(); id++) {
		const struct sysreg *r = sysreg_by_id(id);
		if (m && !sysreg_in_model(r, m))
			continue;
		char enc[32], acc[64], traps[160], reset[40];
		snprintf(reset, sizeof reset, "-");
		bool first = true, differ = false;
		uint64_t v0 = 0;
		for (size_t i = 0; i < n_models; i++) {
			uint64_t v;
			if (!sysreg_in_model(r, cores[i] ? cores[i]->model : NULL) ||
			    !reset_value(cores[i], r, &v))
				continue;
			if (first) {
				v0 = v;
				first = false;
				format_value(reset, sizeof reset, r, v);
			} else if (v != v0) {
				differ = true;
			}
		}
		if (differ)
			snprintf(reset, sizeof reset, "(per core)");
		/* Listing every model: name the model a register belongs
		 * to when it is not architected. */
		const char *owner = NULL;
		if (!m && !sysreg_in_model(r, NULL))
			for (const struct core_model *const *p = core_models;
			     *p; p++)
				if (sysreg_in_model(r, *p))
					owner = (*p)->name;
		fprintf(out, "%-14s %-22s %-3u %-28s %-18s %s%s%s%s\n", r->name,
			sysreg_encoding_str(r, enc, sizeof enc), r->width,
			sysreg_access_str(r, acc, sizeof acc), reset,
			sysreg_traps_str(r, traps, sizeof traps),
			owner ? "  [" : "", owner ? owner : "", owner ? "]" : "");
	}
	for (size_t i = 0; i < n_models; i++)
		free(cores[i]);
}
