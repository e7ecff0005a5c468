/* The modelled TLB (tlb.h): a set-associative cache of translations that
 * keeps every entry until a TLB maintenance operation or its own
 * replacement removes it. ARM DDI 0406C B3.10.1: "a TLB can hold any
 * translation table entry that was valid at any time since it was last
 * invalidated"; B3.10.2/B4.2.2: writes to TTBR0/TTBR1/TTBCR/HTTBR/VTTBR
 * and changes of SCTLR.M do not invalidate anything. So nothing here is
 * called on a register write; only mmu_tlb_maintenance() and replacement
 * remove entries.
 *
 * Geometry comes from the core model (cpu->model->tlb). Placement: an
 * entry of size 2^s for input address a lives in set (a >> s) % sets, in the
 * first invalid way, else in the way the set's round-robin pointer names.
 * A lookup probes, for each page size in ascending order, the set that
 * size would use; the first matching entry wins (B3.10 "TLB maintenance
 * requirements" leaves the result of two overlapping entries UNPREDICTABLE:
 * hypsim's rule is "the smallest page size, then the lowest way"). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/mmu_internal.h"
#include "mmu/tlb.h"

/* Every entry size the walkers produce: short-descriptor small/large
 * pages, sections, supersections; long-descriptor pages, blocks and their
 * 16-entry contiguous ranges. */
static const uint8_t tlb_sizes[] = {12, 16, 20, 21, 24, 25, 30, 34};
#define N_TLB_SIZES (sizeof tlb_sizes / sizeof tlb_sizes[0])

/* Default geometry when a model gives none (Cortex-A15 TRM: 512-entry
 * 4-way main TLB). */
#define TLB_DEFAULT_ENTRIES 512u
#define TLB_DEFAULT_WAYS 4u

void tlb_soft_flush(struct cpu *cpu)
{
	struct tlb *t = &cpu->tlb;
	t->gen++;
	for (unsigned a = 0; a < 3; a++)
		for (unsigned i = 0; i < SOFT_TLB_SLOTS; i++) {
			t->soft[a][i].va_page = SOFT_TLB_INVALID;
			t->soft[a][i].tlb_index = -1;
		}
}

/* Drop the soft-TLB slots that came from entry `index`. */
static void soft_drop_index(struct cpu *cpu, int index)
{
	struct tlb *t = &cpu->tlb;
	t->gen++;
	for (unsigned a = 0; a < 3; a++)
		for (unsigned i = 0; i < SOFT_TLB_SLOTS; i++)
			if (t->soft[a][i].tlb_index == index)
				t->soft[a][i].va_page = SOFT_TLB_INVALID;
}

void tlb_init(struct cpu *cpu)
{
	struct tlb *t = &cpu->tlb;
	unsigned entries = TLB_DEFAULT_ENTRIES, ways = TLB_DEFAULT_WAYS;
	if (cpu->model && cpu->model->tlb.entries && cpu->model->tlb.ways) {
		entries = cpu->model->tlb.entries;
		ways = cpu->model->tlb.ways;
	}
	if (ways > entries)
		ways = entries;
	unsigned sets = 1;
	while (sets * 2 * ways <= entries)
		sets *= 2;
	free(t->entries);
	free(t->victim);
	memset(t, 0, sizeof *t);
	t->ways = ways;
	t->sets = sets;
	t->n_entries = sets * ways;
	/* Allocation failure leaves a TLB of no entries: every lookup
	 * misses and every translation walks, which is still correct. */
	t->entries = calloc(t->n_entries, sizeof *t->entries);
	t->victim = calloc(sets, 1);
	if (!t->entries || !t->victim) {
		free(t->entries);
		free(t->victim);
		t->entries = NULL;
		t->victim = NULL;
		t->n_entries = 0;
		t->sets = 0;
	}
	tlb_soft_flush(cpu);
}

void tlb_destroy(struct cpu *cpu)
{
	struct tlb *t = &cpu->tlb;
	free(t->entries);
	free(t->victim);
	t->entries = NULL;
	t->victim = NULL;
	t->n_entries = 0;
	t->sets = 0;
	tlb_soft_flush(cpu);
}

static bool entry_in_context(const struct tlb_entry *e,
			     const struct mmu_ctx *ctx, enum tlb_regime regime)
{
	if (!e->valid || e->regime != regime)
		return false;
	switch (regime) {
	case TLB_REGIME_HYP:
		return true;
	case TLB_REGIME_S2:
		return e->vmid == ctx->vmid;
	case TLB_REGIME_PL10:
	default: {
		bool ns = ctx->regime == MMU_REGIME_NS_PL10;
		if (e->ns != ns)
			return false;
		if (ns && e->vmid != ctx->vmid)
			return false;
		return e->global || e->asid == ctx->asid;
	}
	}
}

/* The set an entry of 2^size_log2 bytes that translates va is in: its
 * ways' first index. (64-bit: an entry can be larger than the 32-bit
 * address space.) */
static unsigned set_first(const struct tlb *t, uint64_t va,
			  unsigned size_log2)
{
	return (unsigned)((va >> size_log2) & (t->sets - 1)) * t->ways;
}

int tlb_find(const struct cpu *cpu, const struct mmu_ctx *ctx,
	     enum tlb_regime regime, uint64_t va)
{
	const struct tlb *t = &cpu->tlb;
	if (!t->n_entries || ctx->no_lookup)
		return -1;
	for (unsigned s = 0; s < N_TLB_SIZES; s++) {
		unsigned size = tlb_sizes[s];
		uint64_t page = va >> size;
		const unsigned first = set_first(t, va, size);
		for (unsigned w = 0; w < t->ways; w++) {
			const struct tlb_entry *e = &t->entries[first + w];
			if (e->size_log2 == size && (e->va >> size) == page &&
			    entry_in_context(e, ctx, regime))
				return (int)(first + w);
		}
	}
	return -1;
}

int tlb_insert(struct cpu *cpu, const struct tlb_entry *e)
{
	struct tlb *t = &cpu->tlb;
	if (!t->n_entries)
		return -1;
	const unsigned first = set_first(t, e->va, e->size_log2);
	const unsigned set = first / t->ways;
	struct tlb_entry *row = &t->entries[first];
	unsigned way = t->ways;
	for (unsigned w = 0; w < t->ways; w++)
		if (!row[w].valid) {
			way = w;
			break;
		}
	if (way == t->ways) {
		way = t->victim[set] % t->ways;
		t->victim[set] = (uint8_t)((way + 1) % t->ways);
	}
	int index = (int)(first + way);
	if (row[way].valid)
		soft_drop_index(cpu, index);
	row[way] = *e;
	row[way].valid = true;
	row[way].filled_at = cpu->icount;
	t->fills++;
	return index;
}

unsigned tlb_count_valid(const struct cpu *cpu)
{
	unsigned n = 0;
	for (unsigned i = 0; i < cpu->tlb.n_entries; i++)
		n += cpu->tlb.entries[i].valid;
	return n;
}

/* ---- maintenance (B4.2.2, B3.10.6 "TLB maintenance operations and the
 * Virtualization Extensions") ---- */

/* Which entries one operation removes, decided on the issuing core and
 * applied on every core it reaches. */
struct tlbi_match {
	bool pl10;        /* PL1&0 entries (stage 1, or stage 1+2 combined) */
	bool pl10_ns;     /* ... of this security state */
	bool s2;          /* stage-2 entries */
	bool hyp;         /* Hyp entries */
	bool check_vmid;  /* only the VMID below (NS PL1&0 and stage 2) */
	uint8_t vmid;
	bool by_va;       /* only entries that translate va */
	uint32_t va;
	bool check_asid;  /* only global entries or this ASID */
	bool nonglobal;   /* only non-global entries of this ASID */
	uint8_t asid;
};

static bool tlbi_hits(const struct tlbi_match *m, const struct tlb_entry *e)
{
	if (!e->valid)
		return false;
	switch (e->regime) {
	case TLB_REGIME_HYP:
		if (!m->hyp)
			return false;
		break;
	case TLB_REGIME_S2:
		if (!m->s2 || (m->check_vmid && e->vmid != m->vmid))
			return false;
		return true; /* no operation selects stage 2 by address */
	case TLB_REGIME_PL10:
	default:
		if (!m->pl10 || e->ns != m->pl10_ns)
			return false;
		if (e->ns && m->check_vmid && e->vmid != m->vmid)
			return false;
		if (m->nonglobal && (e->global || e->asid != m->asid))
			return false;
		if (m->check_asid && !e->global && e->asid != m->asid)
			return false;
		break;
	}
	if (m->by_va) {
		uint64_t size = 1ull << e->size_log2;
		if (m->va < e->va || m->va - e->va >= size)
			return false;
	}
	return true;
}

static unsigned tlbi_apply(struct cpu *cpu, const struct tlbi_match *m)
{
	struct tlb *t = &cpu->tlb;
	unsigned removed = 0;
	if (m->by_va && !m->s2) {
		/* an entry that translates va is in the set its size puts va
		 * in (tlb_insert): those sets only, one per size (an
		 * operation by address that also removes stage-2 entries
		 * removes them wherever they are) */
		for (unsigned s = 0; s < N_TLB_SIZES && t->n_entries; s++) {
			struct tlb_entry *row =
				&t->entries[set_first(t, m->va, tlb_sizes[s])];
			for (unsigned w = 0; w < t->ways; w++)
				if (row[w].size_log2 == tlb_sizes[s] &&
				    tlbi_hits(m, &row[w])) {
					row[w].valid = false;
					removed++;
				}
		}
	} else {
		for (unsigned i = 0; i < t->n_entries; i++)
			if (tlbi_hits(m, &t->entries[i])) {
				t->entries[i].valid = false;
				removed++;
			}
	}
	if (removed)
		tlb_soft_flush(cpu);
	return removed;
}

static const char *tlbi_name(enum tlbi_op op, bool is)
{
	static const char *const names[][2] = {
		[TLBI_ALL] = {"TLBIALL", "TLBIALLIS"},
		[TLBI_MVA] = {"TLBIMVA", "TLBIMVAIS"},
		[TLBI_ASID] = {"TLBIASID", "TLBIASIDIS"},
		[TLBI_MVAA] = {"TLBIMVAA", "TLBIMVAAIS"},
		[TLBI_ALLH] = {"TLBIALLH", "TLBIALLHIS"},
		[TLBI_MVAH] = {"TLBIMVAH", "TLBIMVAHIS"},
		[TLBI_ALLNSNH] = {"TLBIALLNSNH", "TLBIALLNSNHIS"},
		[TLBI_IPAS2] = {"TLBIIPAS2", "TLBIIPAS2IS"},
	};
	if ((unsigned)op >= sizeof names / sizeof names[0])
		return "TLBI?";
	return names[op][is ? 1 : 0];
}

void mmu_tlb_maintenance(struct cpu *cpu, enum tlbi_op op, uint32_t arg,
			 bool inner_shareable)
{
	struct mmu_ctx ctx;
	mmu_ctx_current(cpu, 0, &ctx);
	bool secure = ctx.regime == MMU_REGIME_S_PL10;
	struct tlbi_match m = {0};

	/* The PL1&0 operations act on the regime of the current security
	 * state; at Non-secure PL1 and in Hyp mode only on entries of the
	 * current VMID (VTTBR.VMID), and TLBIALL there also removes the
	 * stage-2 entries of that VMID (ARMv8 ARM G8.2.137 states the same
	 * for AArch32 TLBIALL executed at EL2). Secure entries have no
	 * VMID. */
	m.pl10_ns = !secure;
	m.check_vmid = !secure;
	/* In Hyp mode too the current VMID is VTTBR.VMID. */
	m.vmid = (uint8_t)(cpu->cp15.vttbr >> 48);
	switch (op) {
	case TLBI_ALL:
		m.pl10 = true;
		m.s2 = !secure;
		break;
	case TLBI_MVA:
		m.pl10 = true;
		m.by_va = true;
		m.va = arg & ~0xfffu;
		m.check_asid = true;
		m.asid = (uint8_t)arg;
		break;
	case TLBI_ASID:
		m.pl10 = true;
		m.nonglobal = true;
		m.asid = (uint8_t)arg;
		break;
	case TLBI_MVAA:
		m.pl10 = true;
		m.by_va = true;
		m.va = arg & ~0xfffu;
		break;
	case TLBI_ALLH:
		m.hyp = true;
		m.pl10 = false;
		break;
	case TLBI_MVAH:
		m.hyp = true;
		m.by_va = true;
		m.va = arg & ~0xfffu;
		break;
	case TLBI_ALLNSNH:
		/* Every Non-secure non-Hyp entry, any VMID, stage 1 and 2. */
		m.pl10 = true;
		m.pl10_ns = true;
		m.s2 = true;
		m.check_vmid = false;
		break;
	case TLBI_IPAS2:
	default:
		/* Not an ARMv7 operation: nothing to remove. */
		break;
	}

	/* HCR.FB (B4.1.65): a TLB operation executed at Non-secure PL1 is
	 * broadcast as its Inner Shareable form. */
	if (!secure && cpu_mode(cpu) != MODE_HYP && (cpu->cp15.hcr & HCR_FB))
		inner_shareable = true;

	unsigned removed = tlbi_apply(cpu, &m);
	if (inner_shareable && cpu->group) {
		for (unsigned i = 0; i < cpu->group->n; i++) {
			struct cpu *o = cpu->group->cpus[i];
			if (o && o != cpu)
				tlbi_apply(o, &m);
		}
	}
	cpu_notify_maintenance(cpu, tlbi_name(op, inner_shareable), arg,
			       removed);
}

/* ---- reports ---- */

const struct tlb_entry *tlb_lookup_for_report(const struct cpu *cpu,
					      uint32_t va)
{
	struct mmu_ctx ctx;
	mmu_ctx_current(cpu, 0, &ctx);
	int idx = -1;
	if (ctx.s1_on)
		idx = tlb_find(cpu, &ctx, ctx.regime == MMU_REGIME_HYP
					      ? TLB_REGIME_HYP
					      : TLB_REGIME_PL10, va);
	else if (ctx.s2_on)
		idx = tlb_find(cpu, &ctx, TLB_REGIME_S2, va);
	return idx < 0 ? NULL : &cpu->tlb.entries[idx];
}

static const char *size_name(unsigned log2)
{
	switch (log2) {
	case 12: return "4K";
	case 16: return "64K";
	case 20: return "1M";
	case 21: return "2M";
	case 24: return "16M";
	case 25: return "32M";
	case 30: return "1G";
	case 34: return "16G";
	default: return "?";
	}
}

static void perm_string(char out[4], uint16_t perms, unsigned r, unsigned w,
			unsigned x)
{
	out[0] = (perms & r) ? 'r' : '-';
	out[1] = (perms & w) ? 'w' : '-';
	out[2] = (perms & x) ? 'x' : '-';
	out[3] = 0;
}

/* Append to buf at *pos, never past len. */
static void appendf(char *buf, unsigned len, unsigned *pos, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));
static void appendf(char *buf, unsigned len, unsigned *pos, const char *fmt,
		    ...)
{
	if (*pos >= len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos = (*pos + (unsigned)n < len) ? *pos + (unsigned)n : len;
}

void tlb_format_entry(const struct tlb_entry *e, char *buf, unsigned len)
{
	static const char *const regimes[] = {"PL10", "HYP", "S2"};
	unsigned pos = 0;
	if (!len)
		return;
	buf[0] = 0;
	uint64_t last = e->va + (1ull << e->size_log2) - 1;
	char s2[4];
	perm_string(s2, (uint16_t)e->aux, TLB_AUX_S2_R, TLB_AUX_S2_W,
		    TLB_AUX_S2_X);
	if (e->regime == TLB_REGIME_S2) {
		appendf(buf, len, &pos,
			"S2   NS vmid=%02x ipa %010" PRIx64 "-%010" PRIx64
			" -> pa %010" PRIx64 " %s s2:%s attr=%02x",
			e->vmid, e->va, last, e->pa, size_name(e->size_log2),
			s2, e->memattr);
	} else {
		char pl1[4], pl0[4];
		perm_string(pl1, e->perms, TLB_PERM_PL1_R, TLB_PERM_PL1_W,
			    TLB_PERM_PL1_X);
		perm_string(pl0, e->perms, TLB_PERM_PL0_R, TLB_PERM_PL0_W,
			    TLB_PERM_PL0_X);
		appendf(buf, len, &pos, "%-4s %s", regimes[e->regime % 3],
			e->ns ? "NS" : "S ");
		if (e->regime == TLB_REGIME_PL10 && e->ns)
			appendf(buf, len, &pos, " vmid=%02x", e->vmid);
		if (e->regime == TLB_REGIME_PL10 && !e->global)
			appendf(buf, len, &pos, " asid=%02x", e->asid);
		else
			appendf(buf, len, &pos, " G");
		appendf(buf, len, &pos,
			" va %08" PRIx64 "-%08" PRIx64 " -> pa %010" PRIx64
			"%s %s",
			e->va, last, e->pa,
			(e->aux & TLB_AUX_OUT_NS) ? "(NS)" : "",
			size_name(e->size_log2));
		if (e->regime == TLB_REGIME_HYP)
			appendf(buf, len, &pos, " hyp:%s", pl1);
		else
			appendf(buf, len, &pos, " pl1:%s pl0:%s", pl1, pl0);
		if (e->aux & TLB_AUX_HAS_S2)
			appendf(buf, len, &pos, " s2:%s ipa=%010" PRIx64, s2,
				e->ipa);
		if (e->aux & TLB_AUX_SHORT)
			appendf(buf, len, &pos, " dom=%u", e->domain);
		appendf(buf, len, &pos, " attr=%02x", e->memattr);
	}
	appendf(buf, len, &pos, " filled@%" PRIu64, e->filled_at);
}

void tlb_dump(const struct cpu *cpu, FILE *out)
{
	const struct tlb *t = &cpu->tlb;
	unsigned n = 0;
	for (unsigned i = 0; i < t->n_entries; i++) {
		const struct tlb_entry *e = &t->entries[i];
		if (!e->valid)
			continue;
		char line[256], why[128];
		tlb_format_entry(e, line, sizeof line);
		/* Marked as the I-cache dump marks its lines: an entry the
		 * tables no longer give is why a core can run on after its
		 * mapping changed. The re-walk changes nothing in the core. */
		bool stale = mmu_tlb_entry_stale((struct cpu *)cpu, e, why,
						 sizeof why) > 0;
		fprintf(out, "[%3u.%u] %s%s%s\n", i / t->ways, i % t->ways,
			line, stale ? "  STALE: " : "", stale ? why : "");
		n++;
	}
	if (n == 0)
		fprintf(out, "(TLB empty: %u entries, %u-way)\n", t->n_entries,
			t->ways);
}
