/* The step: take a pending interrupt or fetch one instruction through the
 * current translation regime and the I-cache model, execute it, retire it.
 * See DESIGN.md "The way an instruction travels". */
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/block.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"
#include "cpu/observer.h"
#include "hyp/exception.h"
#include "mmu/bus.h"
#include "mmu/icache_model.h"
#include "mmu/mmu.h"

/* Whether the current regime's stage 1 MMU is enabled (for the I-cache
 * cacheability rule only; translation itself is mmu_translate's). */
static bool regime_mmu_on(const struct cpu *cpu)
{
	if (cpu_mode(cpu) == MODE_HYP)
		return cpu->cp15.hsctlr & HSCTLR_M;
	return cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1] & SCTLR_M;
}

void cpu_fetch_memo_fill(struct cpu *cpu, uint32_t va,
			 const struct mmu_result *res)
{
	/* The memo is valid while the MMU's fast path is: same soft-TLB
	 * generation, mode and SCR (mmu_translate's own key). A control
	 * register write that changes the I bit goes through
	 * mmu_context_changed(), which moves the generation. */
	struct fetch_memo *fm = &cpu->fetch_memo;
	fm->line[0] = fm->line[1] = NULL; /* another page's lines */
	fm->va_page = va >> 12;
	fm->tlb_gen = cpu->tlb.gen;
	fm->mode = (uint8_t)cpu_mode(cpu);
	fm->scr = cpu->cp15.scr;
	fm->host = res->host ? res->host - (va & 0xfffu) : NULL;
	fm->pa_page = res->pa & ~0xfffull;
	fm->cached = cpu->icache.enabled_model &&
		     icache_fetch_cacheable(cpu, regime_mmu_on(cpu),
					    res->memattr);
}

/* Slow path: translate, fill the memo, fetch. */
static bool fetch_slow(struct cpu *cpu, uint32_t va, unsigned size,
		       uint32_t *out)
{
	struct mmu_result res;
	struct mmu_fault fault;
	if (!mmu_translate(cpu, va, MMU_FETCH, 0, &res, &fault)) {
		hyp_prefetch_abort(cpu, va, &fault);
		return false;
	}
	cpu_fetch_memo_fill(cpu, va, &res);
	struct fetch_memo *fm = &cpu->fetch_memo;
	const bool cached = fm->cached;
	bool ok;
	if (cached) {
		ok = icache_fetch(cpu, va, res.pa, size, out);
	} else {
		uint64_t v = 0;
		ok = bus_read(cpu->bus, res.pa, size, &v, cpu);
		*out = (uint32_t)v;
	}
	if (!ok) {
		fm->va_page = ~0u;
		struct mmu_fault ext = {.type = FAULT_EXTERNAL,
					.long_format = cpu_regime_long_format(cpu)};
		hyp_prefetch_abort(cpu, va, &ext);
		return false;
	}
	return true;
}

static inline bool fetch_memo_valid(const struct cpu *cpu,
				    const struct fetch_memo *fm, uint32_t va)
{
	return fm->va_page == va >> 12 && fm->tlb_gen == cpu->tlb.gen &&
	       fm->mode == cpu_mode(cpu) && fm->scr == cpu->cp15.scr;
}

/* Everything but a fetch from RAM through a valid memo: through the
 * I-cache model, or translate again. Kept out of line so that the step's
 * common path stays small. */
static __attribute__((noinline)) bool fetch_other(struct cpu *cpu,
						  uint32_t va, unsigned size,
						  uint32_t *out)
{
	struct fetch_memo *fm = &cpu->fetch_memo;
	if (!fetch_memo_valid(cpu, fm, va) || !fm->cached) {
		fm->line[0] = fm->line[1] = NULL;
		return fetch_slow(cpu, va, size, out);
	}
	struct icache *ic = &cpu->icache;
	if (!icache_fetch_fast(cpu, ic, va, fm->pa_page | (va & 0xfffu), size,
			       out, fm->mode, fm->scr, cpu->cp15.vttbr)) {
		fm->line[0] = fm->line[1] = NULL;
		return false;
	}
	/* icache_fetch* leave the line they served first in their memo. A
	 * fill or invalidation since the lines were remembered forgets the
	 * older one. */
	bool keep = fm->line_gen == ic->generation &&
		    fm->line_vttbr == cpu->cp15.vttbr;
	fm->line[1] = keep ? fm->line[0] : NULL;
	fm->line_va[1] = fm->line_va[0];
	fm->line[0] = ic->memo[0].line;
	fm->line_va[0] = va >> ic->line_shift;
	fm->line_gen = ic->generation;
	fm->line_vttbr = cpu->cp15.vttbr;
	return true;
}

static inline void load_insn(const uint8_t *p, unsigned size, uint32_t *out)
{
	if (size == 4) {
		uint32_t v;
		memcpy(&v, p, 4); /* fixed size: one load */
		*out = v;
	} else {
		uint16_t v;
		memcpy(&v, p, 2);
		*out = v;
	}
}

/* Fetch `size` bytes (2 or 4, naturally aligned) of instruction at va.
 * Instructions are little-endian whatever CPSR.E says (A3.3.1, BE-8).
 * After a successful fetch the memo describes va's page (its physical
 * address indexes the decoded-instruction cache). */
static inline __attribute__((always_inline)) bool
fetch(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *out)
{
	const struct fetch_memo *fm = &cpu->fetch_memo;
	if (__builtin_expect(fetch_memo_valid(cpu, fm, va), 1)) {
		if (fm->host != NULL && !fm->cached) {
			load_insn(fm->host + (va & 0xfffu), size, out);
			return true;
		}
		/* The I-cache lines of the last fetches: what
		 * icache_fetch_fast would answer, without its lookup. */
		struct icache *ic = &cpu->icache;
		uint32_t va_line = va >> ic->line_shift;
		if (fm->line_gen == ic->generation &&
		    fm->line_vttbr == cpu->cp15.vttbr) {
			for (unsigned i = 0; i < 2; i++) {
				struct icache_line *l = fm->line[i];
				if (!l || fm->line_va[i] != va_line)
					continue;
				load_insn(l->bytes +
						  (va & (ic->line_bytes - 1)),
					  size, out);
				l->lru = ++ic->tick; /* exact LRU */
				return true;
			}
		}
	}
	return fetch_other(cpu, va, size, out);
}

/* T32: the same outside IT blocks (the entries assume ITSTATE = 0, see
 * t32_predecode.c); inside one the full decoder handles the condition
 * and the ITSTATE advance. */
static inline __attribute__((always_inline)) enum exec_result
execute_t32(struct cpu *cpu, uint32_t pc, uint32_t insn, unsigned size)
{
	struct decode_cache *dc = cpu->decoded;
	if (__builtin_expect(dc == NULL || (cpu->cpsr & CPSR_IT_MASK) != 0, 0))
		return t32_execute(cpu, insn, size);
	uint32_t pa = (uint32_t)cpu->fetch_memo.pa_page | (pc & 0xfffu);
	struct decoded_insn *d = &dc->t32[(pa >> 1) & (DECODE_CACHE_ENTRIES - 1)];
	if (__builtin_expect(d->insn != insn, 0))
		t32_predecode(d, insn);
	cpu->step_writes = d->writes;
	return d->fn(cpu, d);
}

/* A32: look the fetched encoding up in the decoded-instruction cache
 * (decode_cache.h), decode it there if the entry holds another one, check
 * the condition and run the entry's handler. */
static inline __attribute__((always_inline)) enum exec_result
execute_a32(struct cpu *cpu, uint32_t pc, uint32_t insn)
{
	struct decode_cache *dc = cpu->decoded;
	if (__builtin_expect(dc == NULL, 0))
		return a32_execute(cpu, insn);
	uint32_t pa = (uint32_t)cpu->fetch_memo.pa_page | (pc & 0xfffu);
	struct decoded_insn *d = &dc->a32[(pa >> 2) & (DECODE_CACHE_ENTRIES - 1)];
	if (__builtin_expect(d->insn != insn, 0))
		a32_predecode(d, insn);
	unsigned cond = insn >> 28;
	if (cond < 0xe && !decode_cond_passed(cpu->cpsr, cond)) {
		cpu->step_writes = 0;
		return EXEC_OK;
	}
	cpu->step_writes = d->writes;
	return d->fn(cpu, d);
}

static void notify_after(struct cpu *cpu, enum exec_result r)
{
	for (unsigned i = 0; i < cpu->n_obs; i++)
		if (cpu->obs[i]->after_insn)
			cpu->obs[i]->after_insn(cpu->obs[i]->ctx, cpu, (int)r);
}

/* A core that is not running: wake it if it can wake (B1.8.13/B1.8.14:
 * a pending interrupt wakes WFI/WFE whatever the CPSR masks; WFE also
 * wakes on an event). */
static bool wake(struct cpu *cpu)
{
	if (cpu->state != CPU_WAIT_WFI && cpu->state != CPU_WAIT_WFE)
		return false;
	if (hyp_interrupt_pending(cpu) ||
	    (cpu->state == CPU_WAIT_WFE && cpu->event_register)) {
		if (cpu->state == CPU_WAIT_WFE)
			cpu->event_register = false;
		cpu->state = CPU_RUNNING;
		return true;
	}
	return false;
}

/* Retirement rule: cpu->icount counts every step that executed an
 * instruction, including one that raised a synchronous exception (SVC,
 * UNDEFINED, an abort); an interrupt taken between instructions does not
 * count. Virtual time follows icount. */
static inline __attribute__((always_inline)) enum exec_result
step_one(struct cpu *cpu)
{
	if (__builtin_expect(cpu->state != CPU_RUNNING, 0)) {
		if (!wake(cpu))
			return cpu->state == CPU_HALTED ||
					       cpu->state == CPU_POWERED_OFF
				       ? EXEC_HALT
				       : EXEC_WAIT;
	}
	if (__builtin_expect(cpu_interrupt_inputs(cpu), 0) &&
	    hyp_check_interrupts(cpu))
		return EXEC_EXCEPTION;

	bool observed = cpu->obs_step;
	if (__builtin_expect(observed, 0))
		for (unsigned i = 0; i < cpu->n_obs; i++)
			if (cpu->obs[i]->before_insn &&
			    !cpu->obs[i]->before_insn(cpu->obs[i]->ctx, cpu))
				return EXEC_HALT;
	if (__builtin_expect(observed, 0))
		cpu->step_writes = DECODE_WRITES_ANY; /* until an entry says */
	/* history meta: mode [7:3] and thumb [8] as they were before */
	uint32_t meta = ((cpu->cpsr & CPSR_M_MASK) << 3) |
			((cpu->cpsr & CPSR_T) << 3);

	uint32_t pc = cpu->r[15];
	enum exec_result r;
	cpu->pc_written = false;
	cpu->insn_size = 0; /* stays 0 if the fetch aborts */
	if (cpu->cpsr & CPSR_T) {
		uint32_t hw1, hw2 = 0;
		if (!fetch(cpu, pc, 2, &hw1)) {
			r = EXEC_EXCEPTION;
			goto done;
		}
		if (t32_is_32bit((uint16_t)hw1)) {
			if (!fetch(cpu, pc + 2, 2, &hw2)) {
				r = EXEC_EXCEPTION;
				goto done;
			}
			cpu->insn = (hw1 << 16) | hw2;
			cpu->insn_size = 4;
		} else {
			cpu->insn = hw1;
			cpu->insn_size = 2;
		}
		cpu_memo_ctx_update(cpu);
		r = execute_t32(cpu, pc, cpu->insn, cpu->insn_size);
	} else {
		uint32_t insn;
		if (!fetch(cpu, pc, 4, &insn)) {
			r = EXEC_EXCEPTION;
			goto done;
		}
		cpu->insn = insn;
		cpu->insn_size = 4;
		cpu_memo_ctx_update(cpu);
		r = execute_a32(cpu, pc, insn);
	}
	if (!cpu->pc_written && r != EXEC_EXCEPTION)
		cpu->r[15] = pc + cpu->insn_size;
done:;
	/* after block runs whose entries are not in the ring yet, this one
	 * waits with them (cpu_history_flush writes them in order) */
	const bool pending = cpu_history_pending(cpu);
	cpu->icount++;
	struct cpu_history *h;
	if (__builtin_expect(pending, 0)) {
		struct cpu_history_seg *g = cpu_history_seg_push(cpu, 1);
		g->src = h = &g->one;
		g->meta = 0;
		g->exception = false;
	} else {
		h = &cpu->history[cpu->history_pos];
		cpu->history_pos = (cpu->history_pos + 1) % CPU_HISTORY;
		cpu->history_icount0 = cpu->icount;
	}
	h->pc = pc;
	h->insn = cpu->insn;
	h->meta = meta | cpu->insn_size | ((uint32_t)(r == EXEC_EXCEPTION) << 9);
	if (__builtin_expect(observed, 0))
		notify_after(cpu, r);
	return r;
}

void cpu_history_flush(struct cpu *cpu)
{
	/* the ring ends where one entry per instruction would have left it;
	 * the last CPU_HISTORY entries are written backwards from there,
	 * from the newest segment back (cpu.h history_seg) */
	const uint64_t pending = cpu->icount - cpu->history_icount0;
	const unsigned end =
		(unsigned)((cpu->history_pos + pending) % CPU_HISTORY);
	unsigned p = end, written = 0;
	uint64_t at = cpu->icount;
	const struct cpu_history_seg *g;
	while (written < CPU_HISTORY &&
	       (g = cpu_history_seg_older(cpu, &at)) != NULL) {
		for (unsigned e = g->n; e-- > 0 && written < CPU_HISTORY;) {
			p = (p + CPU_HISTORY - 1) % CPU_HISTORY;
			struct cpu_history *h = &cpu->history[p];
			*h = g->src[e];
			if (g->meta)
				h->meta = g->meta | (h->meta & 7u);
			if (g->exception && e + 1 == g->n)
				h->meta |= 1u << 9;
			written++;
		}
	}
	cpu->history_pos = end;
	cpu->history_icount0 = cpu->icount;
}

struct cpu_history cpu_history_last(const struct cpu *cpu, unsigned k)
{
	/* the pending segments, newest first (all the last CPU_HISTORY
	 * entries when there are that many), then the ring */
	uint64_t at = cpu->icount;
	for (const struct cpu_history_seg *g;
	     (g = cpu_history_seg_older(cpu, &at)) != NULL;) {
		if (k > g->n) {
			k -= g->n;
			continue;
		}
		struct cpu_history h = g->src[g->n - k];
		if (g->meta)
			h.meta = g->meta | (h.meta & 7u);
		if (g->exception && k == 1)
			h.meta |= 1u << 9;
		return h;
	}
	return cpu->history[(cpu->history_pos + CPU_HISTORY - k % CPU_HISTORY) %
			    CPU_HISTORY];
}

enum exec_result cpu_step(struct cpu *cpu)
{
	return step_one(cpu);
}

/* The run loop: `max` steps at most. With --engine block each step is
 * made by a block where one can run (block.c: the same steps, the same
 * effects), else by step_one; a block never makes more steps than are
 * left. */
uint64_t cpu_run(struct cpu *cpu, uint64_t max, const volatile int *stop)
{
	uint64_t before = cpu->icount;
	bool blocks = cpu->engine_block && cpu->blocks;
	for (uint64_t k = 0; k < max;) {
		enum exec_result r;
		uint64_t n = blocks ? block_run(cpu, max - k, stop, &r) : 0;
		if (n) {
			k += n;
		} else {
			r = step_one(cpu);
			k++;
		}
		if (__builtin_expect(*stop != 0, 0))
			break;
		if (__builtin_expect(r == EXEC_WAIT || r == EXEC_HALT, 0))
			break;
	}
	return cpu->icount - before;
}
