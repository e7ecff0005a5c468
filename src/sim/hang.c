/* The hang detector (see hang.h).
 *
 * Rules, each chosen so that a run it stops could not have continued
 * differently:
 *  - recursive exception: an exception is taken to the vector the previous
 *    exception entered, with no exception return in between (so from
 *    inside that handler), RECURSION_LIMIT times in a row; or a
 *    synchronous exception is taken LOOP_LIMIT times in a row at the same
 *    address to the same vector with the same registers, and no interrupt
 *    can arrive;
 *  - branch to self / no-progress loop: between two scheduling rounds a
 *    core came back to a PC and register state it had at an earlier
 *    round, with no store and no device access since, while no other core
 *    runs and no interrupt can arrive — its future is then a loop through
 *    states it has already been in (checked at round boundaries, so
 *    loops whose states recur at those boundaries are found; the common
 *    `b .` and polling loops always are);
 *  - wait forever: every core waits in WFI/WFE and nothing can wake it.
 * The detector needs no per-instruction callback: it polls each core's
 * progress counters after every round and listens to exceptions, system
 * register writes and maintenance operations; the last instructions come
 * from the core's own history ring. */
#include "sim/hang.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "hyp/exception.h"
#include "mmu/dcache_model.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"
#include "sim/disasm.h"
#include "sim/machine.h"
#include "sim/virt.h"

#define SYSREG_RING 16
#define MAINT_RING 8
#define RECURSION_LIMIT 8

struct ring_sysreg {
	uint64_t icount;
	uint32_t pc;
	unsigned id;
	uint64_t old_val, new_val;
};

struct ring_maint {
	uint64_t icount;
	uint32_t pc;
	const char *op;
	uint32_t arg;
	unsigned removed;
};

#define POLL_HISTORY 16
#define LOOP_LIMIT 64

struct poll_point {
	uint32_t pc;
	uint64_t hash, stores, devices;
};

struct core_watch {
	struct cpu_observer obs;
	struct hang_detector *h;
	struct cpu *cpu;
	struct ring_sysreg sysregs[SYSREG_RING];
	unsigned sysreg_pos, sysreg_count;
	struct ring_maint maint[MAINT_RING];
	unsigned maint_pos, maint_count;
	/* recursion tracking */
	uint32_t last_vector, last_return;
	uint64_t returns_at_last, hash_at_last;
	unsigned recursion, same_place;
	struct exception_event last_exc;
	bool have_exc;
	/* no-progress tracking at round boundaries */
	struct poll_point polls[POLL_HISTORY];
	unsigned n_polls, poll_pos;
	uint64_t icount_at_poll;
};

struct hang_detector {
	struct machine *m;
	struct core_watch *w;
	enum hang_kind kind;
	unsigned cpu;
	uint32_t pc;
	char detail[256];
};

static void declare(struct hang_detector *h, struct cpu *cpu,
		    enum hang_kind kind, uint32_t pc, const char *detail)
{
	if (h->kind != HANG_NONE)
		return;
	h->kind = kind;
	h->cpu = cpu->index;
	h->pc = pc;
	snprintf(h->detail, sizeof h->detail, "%s", detail);
	h->m->stop = STOP_HANG;
	h->m->stopped_cpu = cpu->index;
}

/* Whether an interrupt could ever reach this core: the bare board has no
 * interrupt controller, so only the virtual lines in HCR can, and only
 * while the core is a Non-secure guest that does not mask them. On a board
 * with one (virt), an event still to come on the machine's clock (a timer,
 * a device) may raise an interrupt the core does not mask. */
static bool interrupt_possible(const struct cpu *cpu)
{
	const struct machine *m = cpu->board;
	if (m && m->virt && timing_next(&m->clock) != TIMING_NEVER &&
	    (!(cpu->cpsr & CPSR_I) ||
	     (cpu_mode(cpu) != MODE_HYP && (cpu->cp15.hcr & HCR_IMO))))
		return true;
	/* A pending physical asynchronous abort (a store that hit nothing)
	 * that CPSR.A and the routing let through is taken before the next
	 * instruction: the core is not hung. A masked one cannot end a loop
	 * that changes nothing (only the loop could unmask it), so it does
	 * not count. */
	if (cpu->irq_line || cpu->fiq_line || hyp_async_abort_deliverable(cpu))
		return true;
	uint32_t hcr = cpu->cp15.hcr;
	return (hcr & (HCR_VI | HCR_VF | HCR_VA)) && cpu_mode(cpu) != MODE_HYP;
}

static uint64_t state_hash(const struct cpu *cpu)
{
	uint64_t x = 1469598103934665603ull; /* FNV-1a over registers */
	for (unsigned i = 0; i < 16; i++) {
		x ^= cpu->r[i];
		x *= 1099511628211ull;
	}
	x ^= cpu->cpsr;
	x *= 1099511628211ull;
	return x;
}

static unsigned other_cores_running(const struct core_watch *w)
{
	const struct machine *m = w->h->m;
	unsigned n = 0;
	for (unsigned i = 0; i < m->n_cpus; i++)
		/* a core in WFE whose event register another core set
		 * (a spinlock's SEV) runs again in the next round: it may
		 * be the one this core waits for */
		if (&m->cpus[i] != w->cpu &&
		    machine_core_can_progress(&m->cpus[i]))
			n++;
	return n;
}

static bool is_asynchronous(unsigned kind)
{
	return kind == EXC_IRQ || kind == EXC_FIQ || kind == EXC_VIRQ ||
	       kind == EXC_VFIQ || kind == EXC_VABT;
}

static void on_exception(void *ctx, struct cpu *cpu,
			 const struct exception_event *ev)
{
	struct core_watch *w = ctx;
	uint64_t hash = state_hash(cpu);
	bool same_vector = w->have_exc && ev->vector == w->last_vector;
	/* from inside the previous handler: no exception return since */
	if (same_vector && cpu->exception_returns == w->returns_at_last)
		w->recursion++;
	else
		w->recursion = 1;
	/* the same synchronous exception at the same place and state */
	if (same_vector && !is_asynchronous(ev->kind) &&
	    ev->return_addr == w->last_return && hash == w->hash_at_last)
		w->same_place++;
	else
		w->same_place = 1;
	w->have_exc = true;
	w->last_vector = ev->vector;
	w->last_return = ev->return_addr;
	w->returns_at_last = cpu->exception_returns;
	w->hash_at_last = hash;
	w->last_exc = *ev;
	w->n_polls = 0;
	if (w->recursion >= RECURSION_LIMIT) {
		char d[160];
		snprintf(d, sizeof d,
			 "the exception vector at 0x%08x was entered %u times "
			 "from its own handler without returning",
			 ev->vector, w->recursion);
		declare(w->h, cpu, HANG_RECURSIVE_EXCEPTION, ev->vector, d);
	} else if (w->same_place >= LOOP_LIMIT && !interrupt_possible(cpu)) {
		char d[200];
		snprintf(d, sizeof d,
			 "the same exception (vector 0x%08x) was taken %u times at "
			 "0x%08x with the same registers: its handler returns to "
			 "an instruction that raises it again",
			 ev->vector, w->same_place, ev->return_addr);
		declare(w->h, cpu, HANG_RECURSIVE_EXCEPTION, ev->return_addr, d);
	}
}

static void on_sysreg(void *ctx, struct cpu *cpu, unsigned id, uint64_t o,
		      uint64_t n)
{
	struct core_watch *w = ctx;
	struct ring_sysreg *s = &w->sysregs[w->sysreg_pos];
	s->icount = cpu->icount;
	s->pc = cpu->r[15];
	s->id = id;
	s->old_val = o;
	s->new_val = n;
	w->sysreg_pos = (w->sysreg_pos + 1) % SYSREG_RING;
	w->sysreg_count++;
	w->n_polls = 0;
}

static void on_maint(void *ctx, struct cpu *cpu,
		     const struct maintenance_event *ev)
{
	struct core_watch *w = ctx;
	struct ring_maint *mt = &w->maint[w->maint_pos];
	mt->icount = cpu->icount;
	mt->pc = cpu->r[15];
	mt->op = ev->op;
	mt->arg = ev->arg;
	mt->removed = ev->removed;
	w->maint_pos = (w->maint_pos + 1) % MAINT_RING;
	w->maint_count++;
	w->n_polls = 0;
}

void hang_detector_poll(struct hang_detector *h)
{
	struct machine *m = h->m;
	if (h->kind != HANG_NONE)
		return;
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct core_watch *w = &h->w[i];
		struct cpu *cpu = w->cpu;
		if (cpu->state != CPU_RUNNING || cpu->icount == w->icount_at_poll)
			continue;
		w->icount_at_poll = cpu->icount;
		/* a store by any core may be what this loop waits for
		 * (a flag another core sets): the state only repeats when
		 * no core stored since */
		uint64_t stores = 0;
		for (unsigned k = 0; k < m->n_cpus; k++)
			stores += m->cpus[k].stores;
		struct poll_point now = {cpu->r[15], state_hash(cpu), stores,
					 cpu->device_accesses};
		bool repeat = false;
		for (unsigned k = 0; k < w->n_polls && !repeat; k++) {
			const struct poll_point *p = &w->polls[k];
			repeat = p->pc == now.pc && p->hash == now.hash &&
				 p->stores == now.stores && p->devices == now.devices;
		}
		if (repeat && !interrupt_possible(cpu) && !other_cores_running(w)) {
			/* b . : the last instruction stepped branched to its
			 * own address */
			const struct cpu_history last = cpu_history_last(cpu, 1);
			if (last.pc == cpu->r[15] && !cpu_history_exception(&last))
				declare(h, cpu, HANG_BRANCH_TO_SELF, cpu->r[15],
					"the instruction branches to itself and no "
					"interrupt can reach this core");
			else
				declare(h, cpu, HANG_NO_PROGRESS_LOOP, cpu->r[15],
					"the core came back to a PC and registers it "
					"had before, with no store and no device "
					"access since: it loops for ever");
			return;
		}
		w->polls[w->poll_pos] = now;
		w->poll_pos = (w->poll_pos + 1) % POLL_HISTORY;
		if (w->n_polls < POLL_HISTORY)
			w->n_polls++;
	}
}

struct hang_detector *hang_detector_create(struct machine *m)
{
	struct hang_detector *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->m = m;
	h->w = calloc(m->n_cpus, sizeof *h->w);
	if (!h->w) {
		free(h);
		return NULL;
	}
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct core_watch *w = &h->w[i];
		w->h = h;
		w->cpu = &m->cpus[i];
		w->obs = (struct cpu_observer){
			.ctx = w,
			.exception = on_exception,
			.sysreg_write = on_sysreg,
			.maintenance = on_maint,
		};
		cpu_add_observer(&m->cpus[i], &w->obs);
	}
	m->hang = h;
	return h;
}

void hang_detector_destroy(struct hang_detector *h)
{
	if (!h)
		return;
	for (unsigned i = 0; i < h->m->n_cpus; i++)
		cpu_remove_observer(&h->m->cpus[i], &h->w[i].obs);
	if (h->m->hang == h)
		h->m->hang = NULL;
	free(h->w);
	free(h);
}

void hang_detector_rearm(struct hang_detector *h)
{
	h->kind = HANG_NONE;
	h->detail[0] = 0;
	for (unsigned i = 0; i < h->m->n_cpus; i++) {
		struct core_watch *w = &h->w[i];
		w->recursion = 0;
		w->same_place = 0;
		w->have_exc = false;
		w->n_polls = 0;
		w->icount_at_poll = 0;
	}
}

void hang_detector_all_waiting(struct hang_detector *h)
{
	struct machine *m = h->m;
	for (unsigned i = 0; i < m->n_cpus; i++)
		if (interrupt_possible(&m->cpus[i]))
			return;
	struct cpu *cpu = &m->cpus[0];
	declare(h, cpu, HANG_WAIT_FOREVER, cpu->r[15],
		"every core waits in WFI/WFE and no interrupt or event can "
		"wake any of them");
}

enum hang_kind hang_detector_kind(const struct hang_detector *h)
{
	return h->kind;
}

unsigned hang_detector_cpu(const struct hang_detector *h)
{
	return h->cpu;
}

uint32_t hang_detector_pc(const struct hang_detector *h)
{
	return h->pc;
}

const char *hang_kind_name(enum hang_kind k)
{
	switch (k) {
	case HANG_RECURSIVE_EXCEPTION: return "recursive-exception";
	case HANG_BRANCH_TO_SELF: return "branch-to-self";
	case HANG_NO_PROGRESS_LOOP: return "no-progress";
	case HANG_WAIT_FOREVER: return "wait-forever";
	default: return "none";
	}
}

/* ---- the report ---- */

static void print_location(const struct machine *m, FILE *out, uint32_t pc)
{
	const struct symbol *s = machine_find_symbol(m, pc);
	if (s)
		fprintf(out, "<%s+0x%x>", s->name, pc - s->addr);
}

static const struct icache_line *line_for(const struct cpu *cpu, uint32_t pc)
{
	struct mmu_result res;
	struct mmu_fault fault;
	if (!cpu->icache.lines ||
	    !mmu_translate_debug((struct cpu *)cpu, pc, MMU_FETCH, &res, &fault))
		return NULL;
	return icache_lookup_line(cpu, pc, res.pa);
}

static void report_icache_line(const struct cpu *cpu, uint32_t pc,
			       const struct icache_line *l, FILE *out)
{
	char owner[32];
	bool stale = icache_line_is_stale(cpu, l);
	fprintf(out, "  I-cache line serving PC 0x%08x: PA 0x%010llx, filled "
		     "by %s at instruction %llu (VA 0x%08x)%s\n",
		pc, (unsigned long long)(l->pa_tag << cpu->icache.line_shift),
		icache_owner_name(l, owner, sizeof owner),
		(unsigned long long)l->filled_at, l->va,
		stale ? "; STALE: memory has changed since the fill" : "");
	if (!stale)
		return;
	unsigned lb = cpu->icache.line_bytes;
	const uint8_t *mem = bus_ram_ptr(cpu->bus, l->pa_tag << cpu->icache.line_shift, lb);
	fprintf(out, "    offset  cached    memory\n");
	for (unsigned o = 0; o < lb; o += 4) {
		uint32_t a, b;
		memcpy(&a, l->bytes + o, 4);
		memcpy(&b, mem + o, 4);
		fprintf(out, "    +0x%02x   %08x  %08x%s\n", o, a, b,
			a != b ? "  <" : "");
	}
}

/* The stale line an instruction of the history was fetched from, or
 * NULL: the line that holds its PC now (the current regime's
 * translation) was there before it ran, holds the very encoding that ran
 * and, at those bytes, differs from memory. A stale line whose changed
 * bytes were never fetched is no reason for anything, so only lines
 * found this way are listed as the cause. A 32-bit Thumb instruction
 * that straddles two lines is judged by its first halfword's line. */
static const struct icache_line *served_stale(const struct cpu *cpu,
					      const struct cpu_history *r,
					      uint64_t icount)
{
	unsigned size = cpu_history_size(r);
	if (!size || cpu_history_mode(r) != cpu_mode(cpu))
		return NULL;
	const struct icache_line *l = line_for(cpu, r->pc);
	if (!l || l->filled_at > icount || !icache_line_is_stale(cpu, l))
		return NULL;
	unsigned lb = cpu->icache.line_bytes;
	unsigned off = r->pc & (lb - 1);
	unsigned n = off + size <= lb ? size : 2;
	uint64_t pa = (l->pa_tag << cpu->icache.line_shift) + off;
	const uint8_t *mem = bus_ram_ptr(cpu->bus, pa, n);
	if (!mem || !memcmp(mem, l->bytes + off, n))
		return NULL;
	uint32_t enc;
	if (size == 4 && !cpu_history_thumb(r)) {
		memcpy(&enc, l->bytes + off, 4);
	} else {
		uint16_t hw[2] = {0, 0};
		memcpy(hw, l->bytes + off, n);
		enc = size == 2 ? hw[0] : (uint32_t)hw[0] << 16 | hw[1];
		if (n < size) /* second halfword in the next line */
			return (enc >> 16) == (r->insn >> 16) ? l : NULL;
	}
	return enc == r->insn ? l : NULL;
}

static void report_icache(const struct cpu *cpu, uint32_t pc, FILE *out)
{
	struct mmu_result res;
	struct mmu_fault fault;
	if (!cpu->icache.lines) {
		fprintf(out, "  I-cache model: off\n");
		return;
	}
	if (!mmu_translate_debug((struct cpu *)cpu, pc, MMU_FETCH, &res, &fault)) {
		fprintf(out, "  PC 0x%08x does not translate now\n", pc);
		return;
	}
	const struct icache_line *l = icache_lookup_line(cpu, pc, res.pa);
	if (!l) {
		fprintf(out, "  I-cache: no line holds PA 0x%010llx for the "
			     "current regime\n",
			(unsigned long long)res.pa);
		return;
	}
	report_icache_line(cpu, pc, l, out);
}

/* The translation regime the core's accesses go through (B3.1): a
 * hypervisor developer's first question is which tables were in use. */
static void report_regime(const struct cpu *cpu, FILE *out)
{
	const struct cp15 *c = &cpu->cp15;
	unsigned vmid = (unsigned)(c->vttbr >> 48) & 0xffu;
	if (cpu_mode(cpu) == MODE_HYP) {
		fprintf(out, "  regime: Hyp, stage 1 %s (HSCTLR.M); VTTBR VMID "
			     "%u, stage 2 of the guest %s (HCR.VM)\n",
			c->hsctlr & HSCTLR_M ? "on" : "off", vmid,
			c->hcr & (HCR_VM | HCR_DC) ? "on" : "off");
		return;
	}
	bool secure = cpu_is_secure(cpu);
	unsigned bank = secure ? 0 : 1;
	if (secure) {
		fprintf(out, "  regime: Secure PL1&0, stage 1 %s (SCTLR.M), no "
			     "stage 2\n",
			c->sctlr[bank] & SCTLR_M ? "on" : "off");
		return;
	}
	fprintf(out, "  regime: Non-secure PL1&0, stage 1 %s (SCTLR.M%s), "
		     "stage 2 %s, VMID %u\n",
		c->sctlr[bank] & SCTLR_M && !(c->hcr & HCR_DC) ? "on" : "off",
		c->hcr & HCR_DC ? ", HCR.DC set" : "",
		c->hcr & (HCR_VM | HCR_DC) ? "on" : "off", vmid);
}

static const char *state_name(const struct cpu *cpu)
{
	static const char *const st[] = {"running", "WFI", "WFE",
					 "powered off", "halted"};
	return (unsigned)cpu->state < 5 ? st[cpu->state] : "?";
}

/* A core waiting in WFI/WFE on a board with a GIC: the interrupt that
 * could wake it, and why it does not (IHI 0048B: priority mask, running
 * priority, group enables, GICH_HCR.En for the virtual interface). */
static void report_wait(const struct machine *m, const struct cpu *cpu,
			FILE *out)
{
	if (cpu->state != CPU_WAIT_WFI && cpu->state != CPU_WAIT_WFE)
		return;
	fprintf(out, "  waits:  in %s, event register %s, CPSR.I %u CPSR.F "
		     "%u\n",
		state_name(cpu), cpu->event_register ? "set" : "clear",
		(cpu->cpsr & CPSR_I) != 0, (cpu->cpsr & CPSR_F) != 0);
	if (!m->virt) {
		fprintf(out, "  interrupts: no interrupt controller on this "
			     "board\n");
		return;
	}
	char why[384];
	if (gic_why_not_delivered(&m->virt->gic, cpu->index, why, sizeof why))
		fprintf(out, "  interrupts: %s\n", why);
	else
		fprintf(out, "  interrupts: none pending at the GIC for this "
			     "core\n");
}

/* One line per core of a multi-core machine. */
static void report_core_line(const struct machine *m, const struct cpu *cpu,
			     FILE *out)
{
	fprintf(out, "    core %u: PC 0x%08x %-4s %-11s event %s", cpu->index,
		cpu->r[15], cpu_mode_name(cpu_mode(cpu)), state_name(cpu),
		cpu->event_register ? "set  " : "clear");
	char why[384];
	if (m->virt && gic_why_not_delivered(&m->virt->gic, cpu->index, why,
					     sizeof why))
		fprintf(out, " pending: %s\n", why);
	else
		fprintf(out, " pending: %s\n", m->virt ? "none" : "-");
}

void hang_report(const struct hang_detector *h, unsigned cpu_index,
		 FILE *out)
{
	const struct machine *m = h->m;
	if (cpu_index >= m->n_cpus)
		return;
	const struct cpu *cpu = &m->cpus[cpu_index];
	const struct core_watch *w = &h->w[cpu_index];
	char dis[96];

	if (h->kind != HANG_NONE && cpu_index == h->cpu)
		fprintf(out, "hypsim: HANG (%s) on core %u\n",
			hang_kind_name(h->kind), cpu_index);
	else
		fprintf(out, "hypsim: state of core %u\n", cpu_index);
	fprintf(out, "  core:   %u (%s, cluster %u core %u), %llu instructions "
		     "retired\n",
		cpu_index, cpu->model->name, cpu->cluster, cpu->core_in_cluster,
		(unsigned long long)cpu->icount);
	fprintf(out, "  mode:   %s (%s), CPSR 0x%08x\n",
		cpu_mode_name(cpu_mode(cpu)),
		cpu_is_secure(cpu) ? "Secure" : "Non-secure", cpu->cpsr);
	if (h->kind != HANG_NONE && cpu_index == h->cpu)
		fprintf(out, "  reason: %s\n", h->detail);
	fprintf(out, "  PC:     0x%08x ", cpu->r[15]);
	print_location(m, out, cpu->r[15]);
	fputc('\n', out);
	report_regime(cpu, out);
	report_wait(m, cpu, out);
	if (m->n_cpus > 1 && h->kind != HANG_NONE && cpu_index == h->cpu) {
		/* a multi-core hang: where each core is and what it waits
		 * for (the state report of a single core leaves it out) */
		fprintf(out, "  every core:\n");
		for (unsigned i = 0; i < m->n_cpus; i++)
			report_core_line(m, &m->cpus[i], out);
	}

	unsigned n = cpu->icount < CPU_HISTORY ? (unsigned)cpu->icount : CPU_HISTORY;
	fprintf(out, "  last %u instructions:\n", n);
	for (unsigned i = 0; i < n; i++) {
		const struct cpu_history rh = cpu_history_last(cpu, n - i),
					 *r = &rh;
		uint64_t ic = cpu->icount - n + i;
		unsigned size = cpu_history_size(r), mode = cpu_history_mode(r);
		if (cpu_history_exception(r) && size == 0) {
			fprintf(out, "    %10llu %-3s 0x%08x  (fetch aborted)\n",
				(unsigned long long)ic, cpu_mode_name(mode), r->pc);
			continue;
		}
		disasm_one(r->insn, size, cpu_history_thumb(r), r->pc, dis, sizeof dis);
		fprintf(out, "    %10llu %-3s 0x%08x  ", (unsigned long long)ic,
			cpu_mode_name(mode), r->pc);
		fprintf(out, size == 2 ? "    %04x  %-32s " : "%08x  %-32s ",
			r->insn, dis);
		print_location(m, out, r->pc);
		if (cpu_history_exception(r))
			fprintf(out, "  -> exception");
		if (served_stale(cpu, r, ic))
			fprintf(out, "  [fetched from a STALE I-cache line]");
		fputc('\n', out);
	}

	unsigned ns = w->sysreg_count < SYSREG_RING ? w->sysreg_count : SYSREG_RING;
	fprintf(out, "  last %u system-register writes:\n", ns);
	for (unsigned i = 0; i < ns; i++) {
		const struct ring_sysreg *s =
			&w->sysregs[(w->sysreg_pos + SYSREG_RING - ns + i) % SYSREG_RING];
		const struct sysreg *reg = sysreg_by_id(s->id);
		fprintf(out, "    %10llu PC 0x%08x %-10s 0x%08llx -> 0x%08llx\n",
			(unsigned long long)s->icount, s->pc,
			reg ? reg->name : "?", (unsigned long long)s->old_val,
			(unsigned long long)s->new_val);
	}
	unsigned nm = w->maint_count < MAINT_RING ? w->maint_count : MAINT_RING;
	fprintf(out, "  last %u cache/TLB maintenance operations:\n", nm);
	for (unsigned i = 0; i < nm; i++) {
		const struct ring_maint *mt =
			&w->maint[(w->maint_pos + MAINT_RING - nm + i) % MAINT_RING];
		fprintf(out, "    %10llu PC 0x%08x %-10s 0x%08x (removed %u on "
			     "this core)\n",
			(unsigned long long)mt->icount, mt->pc, mt->op, mt->arg,
			mt->removed);
	}
	/* The stale I-cache lines the last instructions were actually
	 * fetched from (marked in the list above): a stale line is the
	 * usual reason a core runs code memory no longer holds. Otherwise
	 * the line that serves the PC. */
	const struct icache_line *seen[CPU_HISTORY];
	unsigned n_seen = 0;
	bool any_stale = false;
	for (unsigned i = 0; i < n; i++) {
		const struct cpu_history hrh = cpu_history_last(cpu, n - i),
					 *hr = &hrh;
		const struct icache_line *l =
			served_stale(cpu, hr, cpu->icount - n + i);
		bool dup = false;
		for (unsigned k = 0; k < n_seen; k++)
			dup = dup || seen[k] == l;
		if (!l || dup || n_seen == CPU_HISTORY)
			continue;
		seen[n_seen++] = l;
		any_stale = true;
		report_icache_line(cpu, hr->pc, l, out);
	}
	if (!any_stale)
		report_icache(cpu, cpu->r[15], out);
	if (cpu->bus->dcache)
		fprintf(out, "  data-cache model: %u dirty lines not yet written "
			     "back to memory\n",
			dcache_dirty_lines(cpu->bus->dcache));
	fprintf(out, "  TLB entries:\n");
	tlb_dump(cpu, out);
}
