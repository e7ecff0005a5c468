/* --check-maintenance: warn when software turns on an MMU or an I-cache,
 * or runs code it has just written, without the maintenance the
 * architecture requires — whatever the core model would forgive.
 *
 * The rules are the architecture's, not a core's (ARM DDI 0406C):
 *  - B2.2.7 / B3.11.? "Ordering of cache and branch predictor maintenance
 *    operations": after writing instructions, before executing them:
 *    clean the data cache to PoU, invalidate the instruction cache
 *    (ICIMVAU or ICIALLU) in a way that reaches the regime that will
 *    execute them, DSB, ISB. An ICIALLU executed at Non-secure PL1 need
 *    only reach the lines of the current virtual machine (B4.2.1): code
 *    written for Hyp needs an invalidation issued in Hyp (or Secure
 *    state).
 *  - B3.10.? TLB contents at reset and after earlier software are not
 *    known: before turning an MMU on, invalidate that regime's TLB
 *    (TLBIALL for PL1&0, TLBIALLH for Hyp).
 *  - The same for the instruction cache before setting SCTLR.I/HSCTLR.I
 *    the first time: whether the caches are invalidated at reset is
 *    IMPLEMENTATION DEFINED.
 *  - B3.15.? (context synchronization): a write to SCTLR/HSCTLR that
 *    changes M, C or I takes effect for later instructions only after an
 *    ISB.
 * Each distinct warning is printed once, to stderr, as it happens. */
#include "sim/maintcheck.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "sim/machine.h"

#define LINE_SHIFT 5 /* track written code at 32-byte granularity */
#define WRITTEN_SLOTS 4096

/* Which regime an operation or a fetch belongs to. */
enum scope { SCOPE_SECURE, SCOPE_HYP, SCOPE_NS_PL1, SCOPE_COUNT };

struct written {
	uint64_t line; /* PA >> LINE_SHIFT, 0 = empty */
	uint64_t when; /* machine-wide write counter at the last write */
	uint64_t icount;
	unsigned cpu;
	unsigned mode;
	bool warned;
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
	bool exec_warned;        /* reported written code since the last
				    invalidation (one report per episode) */
	uint64_t last_fetch_line;
	unsigned last_fetch_scope;
	bool warned_no_isb, warned_mmu[SCOPE_COUNT], warned_icache[SCOPE_COUNT];
};

struct maintcheck {
	struct machine *m;
	struct core_check *c;
	struct written *written; /* open-addressed hash of written lines */
	uint64_t clock;          /* write counter (ordering of events) */
	/* ICIMVAU per line: when it was last invalidated, by which scope */
	struct written *inval;
	unsigned warnings;
	FILE *out;
	unsigned sctlr_id, hsctlr_id;
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
	for (unsigned i = 0; i < WRITTEN_SLOTS; i++) {
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
	/* Full: reuse the home slot (the check then forgets the oldest
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

static void on_mem(void *ctx, struct cpu *cpu, uint32_t va, uint64_t pa,
		   unsigned size, uint64_t val, bool is_write)
{
	struct core_check *c = ctx;
	if (!is_write)
		return;
	struct maintcheck *mc = c->mc;
	for (uint64_t line = pa >> LINE_SHIFT;
	     line <= (pa + size - 1) >> LINE_SHIFT; line++) {
		struct written *w = slot(mc->written, line + 1, true);
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
	if (((uint64_t)pc >> LINE_SHIFT) == c->last_fetch_line &&
	    sc == c->last_fetch_scope)
		return;
	c->last_fetch_line = pc >> LINE_SHIFT;
	c->last_fetch_scope = sc;
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
	if (!w || w->warned)
		return;
	if (c->reach_at[sc] > w->when)
		return;
	struct written *iv = slot(mc->inval, line + 1, false);
	if (iv && iv->when > w->when && reaches((enum scope)iv->mode, sc))
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
	warn(mc, "core %u (%s) executes 0x%08x (PA 0x%llx), written by core %u "
		 "in %s at instruction %llu, with %s: issue ICIALLU or ICIMVAU "
		 "in %s (after DCCMVAU and DSB), then ISB",
	     cpu->index, scope_name(sc), pc, (unsigned long long)res.pa, w->cpu,
	     cpu_mode_name(w->mode), (unsigned long long)w->icount, last,
	     scope_name(sc));
}

static bool before_insn(void *ctx, struct cpu *cpu)
{
	struct core_check *c = ctx;
	check_fetch(c, cpu);
	return true;
}

static void after_insn(void *ctx, struct cpu *cpu, int result)
{
	struct core_check *c = ctx;
	if (!c->pending_isb)
		return;
	if (c->pending_armed) { /* this is the writing instruction */
		c->pending_armed = false;
		return;
	}
	/* The instruction that just retired followed the control write. */
	bool is_isb = !cpu_thumb(cpu) ? (cpu->insn & 0xfffffff0u) == 0xf57ff060u
				      : (cpu->insn & 0xfffffff0u) == 0xf3bf8f60u;
	if (!is_isb && !c->warned_no_isb) {
		warn(c->mc, "core %u: no ISB after the %s write at 0x%08x: the new "
			    "setting is only guaranteed for instructions after a "
			    "context synchronization event (B3.15.?)",
		     cpu->index, c->pending_isb, c->pending_pc);
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
	if (id != mc->sctlr_id && !hyp)
		return;
	enum scope sc = hyp ? SCOPE_HYP : cpu_is_secure(cpu) ? SCOPE_SECURE
							     : SCOPE_NS_PL1;
	uint64_t on = n & ~o;
	if ((on & SCTLR_M) && !c->tlb_invalidated[sc] && !c->warned_mmu[sc]) {
		warn(mc, "core %u turns the %s MMU on at 0x%08x without %s since "
			 "reset: entries left by earlier software may be used "
			 "(B3.10.?)",
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
			 "(B3.10.?)",
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
	if ((o ^ n) & (SCTLR_M | SCTLR_C | SCTLR_I)) {
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
	if (!strncmp(ev->op, "ICIALLU", 7)) {
		uint64_t t = ++mc->clock;
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
			struct written *iv = slot(mc->inval, (res.pa >> LINE_SHIFT) + 1, true);
			iv->when = ++mc->clock;
			iv->mode = sc;
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
	} else if (!strncmp(ev->op, "TLBIALL", 7)) {
		unsigned t = sc == SCOPE_HYP ? SCOPE_NS_PL1 : sc;
		for (unsigned k = 0; k < mc->m->n_cpus; k++) {
			struct core_check *o = &mc->c[k];
			if (o != c && !is)
				continue;
			o->tlb_invalidated[t] = true;
			o->mmu_was_on[t] = false;
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
	mc->inval = calloc(WRITTEN_SLOTS, sizeof *mc->inval);
	const struct sysreg *sctlr = sysreg_by_name("SCTLR");
	const struct sysreg *hsctlr = sysreg_by_name("HSCTLR");
	if (!mc->c || !mc->written || !mc->inval || !sctlr || !hsctlr) {
		maintcheck_destroy(mc);
		return NULL;
	}
	mc->sctlr_id = sctlr->id;
	mc->hsctlr_id = hsctlr->id;
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct core_check *c = &mc->c[i];
		c->mc = mc;
		c->cpu = &m->cpus[i];
		c->last_fetch_line = UINT64_MAX;
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
	free(mc->inval);
	free(mc);
}
