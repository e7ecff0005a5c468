/* --check-maintenance: warn when software turns on an MMU, stage 2 or an
 * I-cache, changes live translation tables, or runs code it has just
 * written, without the maintenance the architecture requires — whatever
 * the core model would forgive.
 *
 * The rules are the architecture's, not a core's (ARM DDI 0406C):
 *  - B2.2.7 "Ordering of cache and branch predictor maintenance
 *    operations": after writing instructions, before executing them:
 *    clean the data cache to PoU, invalidate the instruction cache
 *    (ICIMVAU or ICIALLU) in a way that reaches the regime that will
 *    execute them, DSB, ISB. An ICIALLU executed at Non-secure PL1 need
 *    only reach the lines of the current virtual machine (B4.2.1): code
 *    written for Hyp needs an invalidation issued in Hyp (or Secure
 *    state).
 *  - B3.10 "TLB maintenance requirements": TLB contents at reset and
 *    after earlier software are not known, and a TLB may keep any entry
 *    that was once valid until it is invalidated. Before turning an MMU
 *    on, invalidate that regime's TLB (TLBIALL for PL1&0, TLBIALLH for
 *    Hyp); before running a guest with stage 2 on (HCR.VM), the entries
 *    of the VMID in VTTBR (TLBIALLNSNH, or TLBIALL in that VMID) since
 *    reset and since that VMID's tables moved; after rewriting a descriptor a TLB entry was filled from
 *    (a live one), invalidate the entry before relying on the change.
 *    hypsim checks live stage-2 and Hyp stage-1 descriptors, the
 *    hypervisor's own: the TLB model records which descriptor each entry
 *    came from (tlb_entry.desc_pa), and the warning comes when the core
 *    holding the entry uses it (a fetch, load or store it translates)
 *    while the tables give another translation: rewriting many
 *    descriptors and invalidating once after them is correct as long as
 *    nothing uses the old entries in between.
 *  - The same for the instruction cache before setting SCTLR.I/HSCTLR.I
 *    the first time: whether the caches are invalidated at reset is
 *    IMPLEMENTATION DEFINED.
 *  - B3.15 "Synchronization of changes to system control registers": a
 *    write to SCTLR/HSCTLR that changes M, C or I takes effect for later
 *    instructions only after a context synchronization event (ISB): the
 *    ISB must come before any branch or exception, and within a few
 *    instructions.
 * Each distinct warning is printed once, to stderr, as it happens (a
 * rewritten live descriptor once per entry, the first 8 of a run). */
#include "sim/maintcheck.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "mmu/tlb.h"
#include "sim/machine.h"

#define LINE_SHIFT 5 /* track written code at 32-byte granularity */
#define WRITTEN_SLOTS 4096
#define PROBES 32
#define LIVE_PAGES 4096 /* filter of pages holding live descriptors */
#define PENDING_MAX 16
/* straight-line instructions allowed between an SCTLR/HSCTLR write and
 * its ISB */
#define ISB_WINDOW 8
#define ISB_WINDOW_TEXT "8"

/* A live descriptor that was rewritten: the entry filled from it must
 * be invalidated before the core relies on the change. */
struct pending {
	unsigned core;       /* the core whose TLB holds the entry */
	int index;           /* the entry */
	uint64_t filled_at;  /* ...as it was when the write came */
	uint64_t va;
	uint64_t desc_pa;
	uint32_t write_pc;
	unsigned writer;
	uint64_t write_icount;
};

/* Which regime an operation or a fetch belongs to. */
enum scope { SCOPE_SECURE, SCOPE_HYP, SCOPE_NS_PL1, SCOPE_COUNT };

struct written {
	uint64_t line; /* PA >> LINE_SHIFT, 0 = empty */
	uint64_t when; /* machine-wide write counter at the last write */
	uint64_t icount;
	unsigned cpu;
	unsigned mode;
	bool warned;
	/* the bytes of the line written since it was last invalidated
	 * (bit n: byte n): a fetch is judged by its own bytes, so that
	 * patching one instruction does not make its neighbours suspect
	 * (Linux's ftrace runs the function it is patching) */
	uint32_t mask;
	/* the last ICIMVAU that covered the line, in write-counter time,
	 * and the scope it was issued from (0 when none) */
	uint64_t inval_when;
	unsigned inval_scope;
};

struct maintcheck;

struct core_check {
	struct cpu_observer obs;
	struct maintcheck *mc;
	struct cpu *cpu;
	bool tlb_invalidated[SCOPE_COUNT];
	/* TLB entries may exist from an earlier MMU-on period: its table
	 * base, for the check that a new base comes with a TLB flush */
	bool mmu_was_on[SCOPE_COUNT];
	uint64_t base_when_on[SCOPE_COUNT];
	bool warned_base[SCOPE_COUNT];
	bool icache_invalidated[SCOPE_COUNT];
	/* in write-counter time: the last I-cache invalidate-all that
	 * reached each scope's lines on this core, and the last one issued
	 * from each scope (to name one that did not reach) */
	uint64_t reach_at[SCOPE_COUNT];
	uint64_t issued_at[SCOPE_COUNT];
	const char *pending_isb; /* a control write waiting for its ISB */
	uint32_t pending_pc;
	bool pending_armed;      /* the writing instruction has not retired */
	unsigned pending_count;  /* straight-line instructions since */
	uint32_t insn_pc;        /* PC of the instruction being executed */
	bool exec_warned;        /* reported written code since the last
				    invalidation (one report per episode) */
	uint64_t last_fetch_line;
	unsigned last_fetch_scope;
	uint64_t last_fetch_pa_line;
	uint64_t last_fetch_clock;
	bool warned_no_isb, warned_mmu[SCOPE_COUNT], warned_icache[SCOPE_COUNT];
	/* stage 2, per VMID (entries are tagged with it, so switching
	 * VMIDs needs no maintenance): whether an invalidation reached that
	 * VMID's entries since reset and since its tables last changed (a
	 * new VTTBR base with the same VMID), and that base */
	uint8_t vmid_clean[256 / 8];
	uint8_t vmid_base_known[256 / 8];
	uint8_t vmid_moved[256 / 8];
	uint64_t vmid_base[256];
	bool in_guest;          /* in Non-secure PL1&0 after the last insn */
	uint32_t vm_on_pc;      /* where HCR.VM was last set */
	uint64_t vm_on_icount;
	bool warned_s2_on;
	uint64_t last_fills;     /* tlb.fills when the filter was built */
};

struct maintcheck {
	struct machine *m;
	struct core_check *c;
	struct written *written; /* open-addressed hash of written lines */
	uint64_t clock;          /* write counter (ordering of events) */
	uint64_t last_iciallu;   /* clock of the last ICIALLU(IS), any scope */
	unsigned warnings;
	FILE *out;
	unsigned sctlr_id, hsctlr_id, hcr_id, vttbr_id;
	/* pages (hashed) that hold the descriptor of a live stage-2 or Hyp
	 * entry of some core: a write elsewhere needs no TLB scan */
	uint8_t live_pages[LIVE_PAGES / 8];
	struct pending pending[PENDING_MAX];
	unsigned n_pending;
	unsigned warned_live; /* live-descriptor warnings printed */
};

static enum scope scope_of(const struct cpu *cpu)
{
	if (cpu_is_secure(cpu))
		return SCOPE_SECURE;
	return cpu_mode(cpu) == MODE_HYP ? SCOPE_HYP : SCOPE_NS_PL1;
}

static const char *scope_name(enum scope s)
{
	return s == SCOPE_SECURE ? "Secure state" : s == SCOPE_HYP ? "HYP" :
							    "Non-secure PL1";
}

/* Whether an I-cache invalidation issued in `by` is architecturally
 * guaranteed to reach lines used by `user`. */
static bool reaches(enum scope by, enum scope user)
{
	if (by == SCOPE_SECURE)
		return true;
	if (by == SCOPE_HYP)
		return user != SCOPE_SECURE;
	return by == user;
}

static struct written *slot(struct written *tab, uint64_t line, bool insert)
{
	uint64_t h = (line * 0x9e3779b97f4a7c15ull) >> 52; /* 12 bits */
	/* A short probe: a boot writes far more lines than the table
	 * holds, and a full scan per new line would cost every store
	 * thousands of probes. */
	for (unsigned i = 0; i < PROBES; i++) {
		struct written *w = &tab[(h + i) % WRITTEN_SLOTS];
		if (w->line == line)
			return w;
		if (!w->line) {
			if (!insert)
				return NULL;
			memset(w, 0, sizeof *w);
			w->line = line;
			return w;
		}
	}
	/* Full around it: reuse the home slot (the check then forgets the
	 * write there; it never reports wrongly, it may miss a case). */
	struct written *w = &tab[h % WRITTEN_SLOTS];
	if (!insert)
		return NULL;
	memset(w, 0, sizeof *w);
	w->line = line;
	return w;
}

static void warn(struct maintcheck *mc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(struct maintcheck *mc, const char *fmt, ...)
{
	va_list ap;
	/* The guest's console output so far goes out first, so that the
	 * warning appears where it happened when stdout is a pipe or a
	 * file (fully buffered) and the warnings go to unbuffered stderr. */
	if (mc->m && mc->m->console && mc->m->console != mc->out)
		fflush(mc->m->console);
	va_start(ap, fmt);
	fprintf(mc->out, "hypsim: check-maintenance: ");
	vfprintf(mc->out, fmt, ap);
	fputc('\n', mc->out);
	va_end(ap);
	mc->warnings++;
}

static bool bit(const uint8_t *set, unsigned i)
{
	return (set[i / 8] >> (i % 8)) & 1u;
}

static void set_bit(uint8_t *set, unsigned i)
{
	set[i / 8] |= (uint8_t)(1u << (i % 8));
}

static void clear_bit(uint8_t *set, unsigned i)
{
	set[i / 8] &= (uint8_t)~(1u << (i % 8));
}

static unsigned page_hash(uint64_t pa)
{
	return (unsigned)(((pa >> 12) * 0x9e3779b97f4a7c15ull) >> 52) %
	       LIVE_PAGES;
}

/* The descriptor of entry e that a hypervisor owns: stage 2 for S2 and
 * combined entries, stage 1 for Hyp entries; 0 for the others. */
static uint64_t watched_desc(const struct tlb_entry *e)
{
	if (!e->valid)
		return 0;
	if (e->regime == TLB_REGIME_S2 || e->regime == TLB_REGIME_HYP)
		return e->desc_pa;
	return e->s2_desc_pa;
}

/* Rebuild the page filter when some core filled its TLB since. */
static void refresh_live_pages(struct maintcheck *mc)
{
	bool changed = false;
	for (unsigned k = 0; k < mc->m->n_cpus; k++)
		changed |= mc->c[k].last_fills != mc->m->cpus[k].tlb.fills;
	if (!changed)
		return;
	memset(mc->live_pages, 0, sizeof mc->live_pages);
	for (unsigned k = 0; k < mc->m->n_cpus; k++) {
		const struct tlb *t = &mc->m->cpus[k].tlb;
		mc->c[k].last_fills = t->fills;
		for (unsigned i = 0; i < t->n_entries; i++) {
			uint64_t d = watched_desc(&t->entries[i]);
			if (d)
				set_bit(mc->live_pages, page_hash(d));
		}
	}
}

static void note_live_write(struct maintcheck *mc, struct cpu *cpu,
			    uint64_t pa, unsigned size)
{
	refresh_live_pages(mc);
	if (!bit(mc->live_pages, page_hash(pa)))
		return;
	for (unsigned k = 0; k < mc->m->n_cpus; k++) {
		const struct tlb *t = &mc->m->cpus[k].tlb;
		for (unsigned i = 0; i < t->n_entries; i++) {
			const struct tlb_entry *e = &t->entries[i];
			uint64_t d = watched_desc(e);
			if (!d || d + 8 <= pa || d >= pa + size)
				continue;
			bool dup = false;
			for (unsigned p = 0; p < mc->n_pending; p++)
				dup |= mc->pending[p].core == k &&
				       mc->pending[p].index == (int)i &&
				       mc->pending[p].filled_at == e->filled_at;
			if (dup)
				continue;
			if (mc->n_pending == PENDING_MAX) /* forget the oldest */
				memmove(mc->pending, mc->pending + 1,
					--mc->n_pending * sizeof *mc->pending);
			mc->pending[mc->n_pending++] = (struct pending){
				.core = k, .index = (int)i,
				.filled_at = e->filled_at, .va = e->va,
				.desc_pa = d, .write_pc = cpu->r[15],
				.writer = cpu->index,
				.write_icount = cpu->icount,
			};
		}
	}
}

static void drop_pending(struct maintcheck *mc, unsigned p)
{
	memmove(&mc->pending[p], &mc->pending[p + 1],
		(--mc->n_pending - p) * sizeof *mc->pending);
}

/* Whether the entry a pending record names is still the one it was. */
static bool pending_live(const struct maintcheck *mc, const struct pending *pd)
{
	const struct tlb_entry *e = &mc->m->cpus[pd->core].tlb.entries[pd->index];
	return e->valid && e->filled_at == pd->filled_at && e->va == pd->va;
}

/* After TLB maintenance: forget the entries it removed. */
static void prune_pending(struct maintcheck *mc)
{
	for (unsigned p = 0; p < mc->n_pending;) {
		if (pending_live(mc, &mc->pending[p]))
			p++;
		else
			drop_pending(mc, p);
	}
}

/* Core `cpu` accesses `va` (a fetch, a load or a store): if the TLB entry
 * that translates it is one whose live descriptor was rewritten, and the
 * tables no longer give it, the core has just used the old translation:
 * the TLB maintenance the write needed has not happened. Rewriting many
 * descriptors and invalidating once at the end is fine, as long as
 * nothing uses the old entries in between; so the warning waits for a
 * use. */
static void check_use(struct maintcheck *mc, struct cpu *cpu, uint32_t va,
		      const char *what)
{
	for (unsigned p = 0; p < mc->n_pending;) {
		struct pending *pd = &mc->pending[p];
		const struct tlb_entry *e = &cpu->tlb.entries[pd->index];
		if (pd->core != cpu->index ||
		    (uint64_t)va - e->va >= (1ull << e->size_log2)) {
			p++;
			continue;
		}
		if (!pending_live(mc, pd)) {
			drop_pending(mc, p);
			continue;
		}
		if (tlb_lookup_for_report(cpu, va) != e) {
			p++;
			continue;
		}
		char why[128], entry[256];
		if (mmu_tlb_entry_stale(cpu, e, why, sizeof why) > 0 &&
		    mc->warned_live < 8) {
			bool hyp = e->regime == TLB_REGIME_HYP;
			tlb_format_entry(e, entry, sizeof entry);
			warn(mc, "core %u: the %s descriptor at PA 0x%llx was "
				 "rewritten by core %u at 0x%08x (instruction "
				 "%llu), and the %s of VA 0x%08x at 0x%08x still "
				 "used its old TLB entry (%s: %s): after the write, "
				 "DSB, then %s, DSB, ISB before using it (B3.10 "
				 "\"TLB maintenance requirements\")",
			     cpu->index, hyp ? "Hyp stage-1" : "stage-2",
			     (unsigned long long)pd->desc_pa, pd->writer,
			     pd->write_pc,
			     (unsigned long long)pd->write_icount, what, va,
			     cpu->r[15], entry, why,
			     hyp ? "TLBIMVAH or TLBIALLH"
				 : "TLBIALLNSNH (or TLBIALL in the guest's "
				   "VMID)");
			mc->warned_live++;
		}
		drop_pending(mc, p);
	}
}

static void on_mem(void *ctx, struct cpu *cpu, uint32_t va, uint64_t pa,
		   unsigned size, uint64_t val, bool is_write)
{
	struct core_check *c = ctx;
	struct maintcheck *mc = c->mc;
	if (mc->n_pending)
		check_use(mc, cpu, va, is_write ? "store" : "load");
	if (!is_write)
		return;
	note_live_write(mc, cpu, pa, size);
	for (uint64_t line = pa >> LINE_SHIFT;
	     line <= (pa + size - 1) >> LINE_SHIFT; line++) {
		struct written *w = slot(mc->written, line + 1, true);
		/* bytes written before an invalidation that followed them
		 * are no longer suspect (an ICIALLU of any scope forgets
		 * them too: the check may miss a case, never warn wrongly) */
		if (w->inval_when > w->when || mc->last_iciallu > w->when)
			w->mask = 0;
		uint64_t lo = line << LINE_SHIFT, hi = lo + (1u << LINE_SHIFT);
		uint64_t a = pa > lo ? pa : lo, b = pa + size < hi ? pa + size : hi;
		for (uint64_t x = a; x < b; x++)
			w->mask |= 1u << (x - lo);
		w->when = ++mc->clock;
		w->icount = cpu->icount;
		w->cpu = cpu->index;
		w->mode = cpu_mode(cpu);
		w->warned = false;
	}
}

static void check_fetch(struct core_check *c, struct cpu *cpu)
{
	struct maintcheck *mc = c->mc;
	enum scope sc = scope_of(cpu);
	struct mmu_result res;
	struct mmu_fault fault;
	uint32_t pc = cpu->r[15];
	/* A line found clean is not judged again during a stretch of
	 * cacheable fetches from it: the memo is dropped by a write to that
	 * line, by a change of SCTLR/HSCTLR (on_sysreg) and by a
	 * non-cacheable fetch, so the warning names the first cacheable
	 * fetch of written bytes, not a later one (the I bit set in the
	 * middle of a line). */
	if (((uint64_t)pc >> LINE_SHIFT) == c->last_fetch_line &&
	    sc == c->last_fetch_scope) {
		const struct written *lw =
			slot(mc->written, c->last_fetch_pa_line + 1, false);
		if (!lw || lw->when <= c->last_fetch_clock)
			return;
	}
	c->last_fetch_line = UINT64_MAX;
	if (c->exec_warned || !mmu_translate_debug(cpu, pc, MMU_FETCH, &res, &fault))
		return;
	/* Only a cacheable fetch can hit a stale line: with the regime's I
	 * bit clear, fetches do not look the cache up. */
	bool mmu_on = cpu_mode(cpu) == MODE_HYP
			      ? (cpu->cp15.hsctlr & HSCTLR_M)
			      : (cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1] & SCTLR_M);
	if (!icache_fetch_cacheable(cpu, mmu_on, res.memattr))
		return;
	uint64_t line = res.pa >> LINE_SHIFT;
	struct written *w = slot(mc->written, line + 1, false);
	if (!w || w->warned || c->reach_at[sc] > w->when ||
	    (w->inval_when > w->when &&
	     reaches((enum scope)w->inval_scope, sc))) {
		c->last_fetch_line = pc >> LINE_SHIFT; /* clean: memo */
		c->last_fetch_pa_line = line;
		c->last_fetch_scope = sc;
		c->last_fetch_clock = mc->clock;
		return;
	}
	/* The line holds written bytes no invalidation covered: this fetch
	 * is the problem only if its own bytes are among them (the first
	 * halfword of a Thumb instruction, the word of an ARM one). */
	unsigned off = (unsigned)(res.pa & ((1u << LINE_SHIFT) - 1));
	unsigned n = cpu_thumb(cpu) ? 2 : 4;
	if (!(w->mask & (((1u << n) - 1) << off)))
		return;
	w->warned = true;
	c->exec_warned = true;
	char last[200] = "no I-cache invalidation since";
	for (unsigned k = 0; k < SCOPE_COUNT; k++)
		if (c->issued_at[k] > w->when && !reaches((enum scope)k, sc))
			snprintf(last, sizeof last,
				 "only an I-cache invalidation from %s since, which "
				 "need not reach %s's lines (B4.2.1)",
				 scope_name((enum scope)k), scope_name(sc));
	/* The fix where the code is written, and, for code that Hyp runs
	 * after PL1 wrote it (a hyp-stub given new vectors, KVM's init
	 * code), the one only Hyp can do: its own ICIALLU, in the handler
	 * that takes the new code, before its ERET. */
	char fix[300];
	if (sc == SCOPE_HYP && w->mode != MODE_HYP)
		snprintf(fix, sizeof fix,
			 "at PL1, DCCMVAU and DSB after writing (an ICIALLU at "
			 "PL1 need not reach HYP); in HYP, ICIALLU, DSB, ISB "
			 "before running it, e.g. ICIALLU in HYP before the ERET "
			 "of the HVC that hands it over");
	else
		snprintf(fix, sizeof fix,
			 "issue ICIALLU or ICIMVAU in %s (after DCCMVAU and DSB), "
			 "then ISB", scope_name(sc));
	warn(mc, "core %u (%s) executes 0x%08x (PA 0x%llx), written by core %u "
		 "in %s at instruction %llu, with %s: %s",
	     cpu->index, scope_name(sc), pc, (unsigned long long)res.pa, w->cpu,
	     cpu_mode_name(w->mode), (unsigned long long)w->icount, last, fix);
}

static bool before_insn(void *ctx, struct cpu *cpu)
{
	struct core_check *c = ctx;
	c->insn_pc = cpu->r[15];
	if (c->mc->n_pending)
		check_use(c->mc, cpu, cpu->r[15], "fetch");
	check_fetch(c, cpu);
	return true;
}

/* ISB, or its CP15 form (MCR p15, 0, Rt, c7, c5, 4: CP15ISB, B4.2
 * "CP15 c7, Memory barrier operations"), which Linux's decompressor
 * uses. */
static bool insn_is_isb(const struct cpu *cpu)
{
	uint32_t i = cpu->insn;
	if (!cpu_thumb(cpu))
		return (i & 0xfffffff0u) == 0xf57ff060u ||
		       (i & 0x0fff0fffu) == 0x0e070f95u;
	return (i & 0xfffffff0u) == 0xf3bf8f60u ||
	       (i & 0xffff0fffu) == 0xee070f95u;
}

/* The core enters the Non-secure PL1&0 regime (an ERET from Hyp, a
 * return from Monitor) with stage 2 on: the entries tagged with the VMID
 * in VTTBR must not be older than that VMID's tables. Checked here rather
 * than when HCR.VM is set, since a hypervisor may set it at boot, long
 * before it gives VTTBR a guest's VMID and tables (Xen does). */
static void check_guest_entry(struct core_check *c, struct cpu *cpu)
{
	bool guest = !cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_HYP;
	bool entered = guest && !c->in_guest;
	c->in_guest = guest;
	if (!entered || !(cpu->cp15.hcr & HCR_VM) || c->warned_s2_on)
		return;
	unsigned vmid = (unsigned)(cpu->cp15.vttbr >> 48) & 0xffu;
	if (bit(c->vmid_clean, vmid))
		return;
	warn(c->mc, "core %u enters Non-secure %s at 0x%08x with stage 2 on "
		    "(HCR.VM, set at 0x%08x, instruction %llu) for VMID %u and "
		    "no TLBIALLNSNH, or TLBIALL in that VMID, since %s: entries "
		    "of that VMID filled before may still be used (B3.10 \"TLB "
		    "maintenance requirements\")",
	     cpu->index, cpu_mode_name(cpu_mode(cpu)), cpu->r[15],
	     c->vm_on_pc, (unsigned long long)c->vm_on_icount, vmid,
	     bit(c->vmid_moved, vmid) ? "its stage-2 tables moved (a new "
					"VTTBR base)"
				      : "reset");
	c->warned_s2_on = true;
}

static void after_insn(void *ctx, struct cpu *cpu, int result)
{
	struct core_check *c = ctx;
	check_guest_entry(c, cpu);
	if (!c->pending_isb)
		return;
	if (c->pending_armed) { /* this is the writing instruction */
		c->pending_armed = false;
		c->pending_count = 0;
		return;
	}
	/* The instruction that just retired followed the control write.
	 * Until the ISB, which setting the next instructions see is not
	 * known; straight-line code that does not care may come first
	 * (Linux's __turn_mmu_on reads MIDR between the SCTLR write and
	 * its ISB, from an identity-mapped page). A change of flow (a
	 * branch, an exception) or a long stretch before the ISB is the
	 * bug: what runs there depends on the setting. */
	if (insn_is_isb(cpu)) {
		c->pending_isb = NULL;
		return;
	}
	bool seq = cpu->r[15] == c->insn_pc + cpu->insn_size;
	if (seq && ++c->pending_count < ISB_WINDOW)
		return;
	if (!c->warned_no_isb) {
		warn(c->mc, "core %u: no ISB after the %s write at 0x%08x %s "
			    "0x%08x: the new setting is only guaranteed for "
			    "instructions after a context synchronization event "
			    "(B3.15 \"Synchronization of changes to system "
			    "control registers\")",
		     cpu->index, c->pending_isb, c->pending_pc,
		     seq ? "within " ISB_WINDOW_TEXT " instructions, up to"
			 : "before the branch or exception at",
		     c->insn_pc);
		c->warned_no_isb = true;
	}
	c->pending_isb = NULL;
}

static void on_sysreg(void *ctx, struct cpu *cpu, unsigned id, uint64_t o,
		      uint64_t n)
{
	struct core_check *c = ctx;
	struct maintcheck *mc = c->mc;
	bool hyp = id == mc->hsctlr_id;
	if (id == mc->vttbr_id) {
		unsigned v = (unsigned)(n >> 48) & 0xffu;
		uint64_t base = n & 0xffffffffffull;
		if (bit(c->vmid_base_known, v) && c->vmid_base[v] != base) {
			clear_bit(c->vmid_clean, v);
			set_bit(c->vmid_moved, v);
		}
		set_bit(c->vmid_base_known, v);
		c->vmid_base[v] = base;
	}
	if (id == mc->hcr_id && (n & ~o & HCR_VM)) {
		c->vm_on_pc = cpu->r[15];
		c->vm_on_icount = cpu->icount;
	}
	if (id != mc->sctlr_id && !hyp)
		return;
	c->last_fetch_line = UINT64_MAX; /* cacheability may change */
	enum scope sc = hyp ? SCOPE_HYP : cpu_is_secure(cpu) ? SCOPE_SECURE
							     : SCOPE_NS_PL1;
	uint64_t on = n & ~o;
	if ((on & SCTLR_M) && !c->tlb_invalidated[sc] && !c->warned_mmu[sc]) {
		warn(mc, "core %u turns the %s MMU on at 0x%08x without %s since "
			 "reset: entries left by earlier software may be used "
			 "(B3.10 \"TLB maintenance requirements\")",
		     cpu->index, scope_name(sc), cpu->r[15],
		     hyp ? "TLBIALLH" : "TLBIALL");
		c->warned_mmu[sc] = true;
	}
	uint64_t base = hyp ? cpu->cp15.httbr
			    : cpu->cp15.ttbr0[sc == SCOPE_SECURE ? 0 : 1];
	if ((on & SCTLR_M) && c->mmu_was_on[sc] && base != c->base_when_on[sc] &&
	    !c->warned_base[sc]) {
		warn(mc, "core %u turns the %s MMU on at 0x%08x with new tables "
			 "(%s 0x%llx, was 0x%llx when the MMU was last on) and no "
			 "%s since: entries of the old tables may still be used "
			 "(B3.10 \"TLB maintenance requirements\")",
		     cpu->index, scope_name(sc), cpu->r[15], hyp ? "HTTBR" : "TTBR0",
		     (unsigned long long)base,
		     (unsigned long long)c->base_when_on[sc],
		     hyp ? "TLBIALLH" : "TLBIALL");
		c->warned_base[sc] = true;
	}
	if (on & SCTLR_M) {
		c->mmu_was_on[sc] = true;
		c->base_when_on[sc] = base;
	}
	if ((on & SCTLR_I) && !c->icache_invalidated[sc] && !c->warned_icache[sc]) {
		warn(mc, "core %u turns the %s I-cache on at 0x%08x with no "
			 "I-cache invalidation reaching it since reset: whether "
			 "reset invalidates it is IMPLEMENTATION DEFINED",
		     cpu->index, scope_name(sc), cpu->r[15]);
		c->warned_icache[sc] = true;
	}
	/* Only a write to the running regime's own control register
	 * concerns the instructions that follow: Hyp writing a guest's
	 * SCTLR (a context switch) has until its ERET, itself a context
	 * synchronization event. */
	bool own = hyp == (cpu_mode(cpu) == MODE_HYP);
	if (own && ((o ^ n) & (SCTLR_M | SCTLR_C | SCTLR_I))) {
		c->pending_isb = hyp ? "HSCTLR" : "SCTLR";
		c->pending_pc = cpu->r[15];
		c->pending_armed = true;
	}
}

static void on_maint(void *ctx, struct cpu *cpu,
		     const struct maintenance_event *ev)
{
	struct core_check *c = ctx;
	struct maintcheck *mc = c->mc;
	enum scope sc = scope_of(cpu);
	bool is = strstr(ev->op, "IS") != NULL;
	if (!strncmp(ev->op, "TLBI", 4))
		prune_pending(mc);
	if (!strncmp(ev->op, "ICIALLU", 7)) {
		uint64_t t = ++mc->clock;
		mc->last_iciallu = t;
		for (unsigned k = 0; k < mc->m->n_cpus; k++) {
			struct core_check *o = &mc->c[k];
			if (o != c && !is)
				continue;
			o->issued_at[sc] = t;
			o->exec_warned = false;
			for (unsigned s = 0; s < SCOPE_COUNT; s++) {
				if (reaches(sc, (enum scope)s)) {
					o->reach_at[s] = t;
					o->icache_invalidated[s] = true;
				}
			}
		}
	} else if (!strcmp(ev->op, "ICIMVAU")) {
		struct mmu_result res;
		struct mmu_fault fault;
		if (mmu_translate_debug(cpu, ev->arg, MMU_READ, &res, &fault)) {
			/* The operation invalidates the whole I-cache line
			 * holding the address: at least CTR.IminLine's
			 * smallest line (4 << IminLine bytes: 64 on the A15,
			 * 32 on the A7), which may span several of the
			 * 32-byte lines tracked here. The record goes with
			 * the written line's own (a line written but not
			 * tracked any more is not reported either). */
			unsigned ctr = cpu->model ? cpu->model->ctr : 0;
			uint64_t bytes = 4ull << (ctr & 0xfu);
			uint64_t first = (res.pa & ~(bytes - 1)) >> LINE_SHIFT;
			uint64_t last = (res.pa | (bytes - 1)) >> LINE_SHIFT;
			uint64_t t = ++mc->clock;
			for (uint64_t l = first; l <= last; l++) {
				struct written *w = slot(mc->written, l + 1, false);
				if (w) {
					w->inval_when = t;
					w->inval_scope = sc;
				}
			}
			c->exec_warned = false;
		}
	} else if (!strcmp(ev->op, "TLBIALLH") || !strcmp(ev->op, "TLBIALLHIS")) {
		for (unsigned k = 0; k < mc->m->n_cpus; k++) {
			struct core_check *o = &mc->c[k];
			if (o != c && !is)
				continue;
			o->tlb_invalidated[SCOPE_HYP] = true;
			o->mmu_was_on[SCOPE_HYP] = false;
		}
	} else if (!strncmp(ev->op, "TLBIALLNSNH", 11)) {
		for (unsigned k = 0; k < mc->m->n_cpus; k++) {
			struct core_check *o = &mc->c[k];
			if (o != c && !is)
				continue;
			memset(o->vmid_clean, 0xff, sizeof o->vmid_clean);
			o->tlb_invalidated[SCOPE_NS_PL1] = true;
			o->mmu_was_on[SCOPE_NS_PL1] = false;
		}
	} else if (!strncmp(ev->op, "TLBIALL", 7)) {
		unsigned t = sc == SCOPE_HYP ? SCOPE_NS_PL1 : sc;
		for (unsigned k = 0; k < mc->m->n_cpus; k++) {
			struct core_check *o = &mc->c[k];
			if (o != c && !is)
				continue;
			o->tlb_invalidated[t] = true;
			o->mmu_was_on[t] = false;
			/* from Hyp or Non-secure PL1: the entries of the
			 * VMID in the issuer's VTTBR, on every core the
			 * operation reaches */
			if (t == SCOPE_NS_PL1)
				set_bit(o->vmid_clean,
					(unsigned)(cpu->cp15.vttbr >> 48) & 0xffu);
		}
	}
}

struct maintcheck *maintcheck_create(struct machine *m, FILE *out)
{
	struct maintcheck *mc = calloc(1, sizeof *mc);
	if (!mc)
		return NULL;
	mc->m = m;
	mc->out = out;
	mc->c = calloc(m->n_cpus, sizeof *mc->c);
	mc->written = calloc(WRITTEN_SLOTS, sizeof *mc->written);
	const struct sysreg *sctlr = sysreg_by_name("SCTLR");
	const struct sysreg *hsctlr = sysreg_by_name("HSCTLR");
	const struct sysreg *hcr = sysreg_by_name("HCR");
	const struct sysreg *vttbr = sysreg_by_name("VTTBR");
	if (!mc->c || !mc->written || !sctlr || !hsctlr ||
	    !hcr || !vttbr) {
		maintcheck_destroy(mc);
		return NULL;
	}
	mc->sctlr_id = sctlr->id;
	mc->hsctlr_id = hsctlr->id;
	mc->hcr_id = hcr->id;
	mc->vttbr_id = vttbr->id;
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct core_check *c = &mc->c[i];
		c->mc = mc;
		c->cpu = &m->cpus[i];
		c->last_fetch_line = UINT64_MAX;
		c->last_fills = UINT64_MAX;
		c->in_guest = !cpu_is_secure(&m->cpus[i]) &&
			      cpu_mode(&m->cpus[i]) != MODE_HYP;
		c->obs = (struct cpu_observer){
			.ctx = c,
			.before_insn = before_insn,
			.after_insn = after_insn,
			.sysreg_write = on_sysreg,
			.maintenance = on_maint,
			.mem_access = on_mem,
		};
		cpu_add_observer(&m->cpus[i], &c->obs);
	}
	return mc;
}

unsigned maintcheck_warnings(const struct maintcheck *mc)
{
	return mc ? mc->warnings : 0;
}

void maintcheck_destroy(struct maintcheck *mc)
{
	if (!mc)
		return;
	if (mc->c)
		for (unsigned i = 0; i < mc->m->n_cpus; i++)
			cpu_remove_observer(&mc->m->cpus[i], &mc->c[i].obs);
	free(mc->c);
	free(mc->written);
	free(mc);
}
