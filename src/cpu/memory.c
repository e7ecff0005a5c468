/* Data-side memory accesses of the core: alignment (A3.2), endianness
 * (A3.3, CPSR.E), translation through the current regime, the physical
 * bus, and the exclusive monitors (A3.4). */
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/block.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "hyp/exception.h"
#include "mmu/bus.h"
#include "mmu/dcache_model.h"
#include "mmu/mmu.h"

static inline uint32_t bswap_size(uint32_t v, unsigned size)
{
	if (size == 4)
		return __builtin_bswap32(v);
	if (size == 2)
		return (uint16_t)__builtin_bswap16((uint16_t)v);
	return v;
}

/* SCTLR.A or HSCTLR.A of the regime the current mode uses. */
static bool alignment_check_enabled(const struct cpu *cpu)
{
	if (cpu_mode(cpu) == MODE_HYP)
		return cpu->cp15.hsctlr & HSCTLR_A;
	return cpu->cp15.sctlr[cpu_is_secure(cpu) ? 0 : 1] & SCTLR_A;
}

static enum exec_result raise_alignment(struct cpu *cpu, uint32_t va,
					bool is_write, unsigned size,
					unsigned flags)
{
	struct mmu_fault f = {.type = FAULT_ALIGNMENT};
	/* The FSR format is the one of the regime: long for HYP, and for
	 * PL1&0 when TTBCR.EAE is set (B3.13.3). */
	f.long_format = cpu_regime_long_format(cpu);
	return hyp_data_abort(cpu, va, &f, is_write, size, flags);
}

/* Device and Strongly-ordered memory have no unaligned accesses
 * (A3.2.1: an unaligned access to them is an alignment fault). */
static inline bool memattr_is_device(uint8_t memattr)
{
	return (memattr & 0xf0u) == 0;
}

/* A store by any core must clear the global monitor entries of the other
 * cores that it overlaps (A3.4.2), which the data memo's way does not do.
 * While an entry is open in a page of RAM, the page's code-write
 * generation is kept odd (the state "blocks were decoded from it"): the
 * memo's way never stores to such a page (cpu_write_memo_page), so every
 * store to it takes access_one, which clears the entries and marks the
 * page again while one stays open there. Blocks decoded from the page
 * compare their code again after a store, as after any store to it. (A
 * debugger's write to the page, which is not a core's store, moves it to
 * even too: a core's store after it may leave an entry open that it
 * overlaps. Stores by cores in a run without a debugger writing memory
 * are exact.) */
static void monitor_page_marked(struct cpu *cpu, const uint8_t *host)
{
	uint32_t *gen = bus_code_gen(cpu->bus, host);
	if (gen)
		cpu_code_gen_mark(cpu, gen, host);
}

/* A host page's slot in cpu.store_memo_count and store_memo_hint. */
static inline unsigned store_page_slot(uintptr_t page)
{
	return (unsigned)(page >> 12) & (STORE_MEMO_PAGE_SLOTS - 1u);
}

/* The host page a full data memo entry holds. */
static inline uintptr_t memo_entry_page(const struct data_memo *m)
{
	return m->addend + ((uint32_t)m->tag & 0xfffff000u);
}

/* Store memo entry m emptied (its page's slot counts one fewer). */
static void store_memo_empty(struct cpu *cpu, struct data_memo *m)
{
	if (m->tag == ~0ull)
		return;
	cpu->store_memo_count[store_page_slot(memo_entry_page(m))]--;
	m->tag = ~0ull;
}

/* Store memo entry m filled for the host page at `page` (its tag and
 * addend written). */
static void store_memo_entered(struct cpu *cpu, const struct data_memo *m,
			       uintptr_t page)
{
	const unsigned s = store_page_slot(page);
	cpu->store_memo_count[s]++;
	cpu->store_memo_hint[s] = (uint16_t)(m - cpu->data_memo[1]);
}

/* The store memo's entries for the RAM page that starts at host byte
 * `page` emptied: the one at its slot's hint, then, while the slot still
 * counts entries, every one (store_memo_count). A store entry holds a
 * page of one code-write generation (access_one), whose start is that
 * generation's page's (bus_code_gen_page): the entry's host page is
 * compared. */
static void store_memo_forget(struct cpu *cpu, const uint8_t *page)
{
	const unsigned s = store_page_slot((uintptr_t)page);
	if (cpu->store_memo_count[s] == 0)
		return;
	struct data_memo *m = &cpu->data_memo[1][cpu->store_memo_hint[s]];
	if (m->tag != ~0ull && memo_entry_page(m) == (uintptr_t)page)
		store_memo_empty(cpu, m);
	for (unsigned k = 0;
	     cpu->store_memo_count[s] != 0 && k < DATA_MEMO_ENTRIES; k++) {
		m = &cpu->data_memo[1][k];
		if (m->tag != ~0ull && memo_entry_page(m) == (uintptr_t)page)
			store_memo_empty(cpu, m);
	}
}

uint32_t cpu_code_gen_mark(struct cpu *cpu, uint32_t *gen,
			   const uint8_t *host)
{
	if ((*gen & 1u) == 0) {
		const uint8_t *page = bus_code_gen_page(cpu->bus, host);
		store_memo_forget(cpu, page);
		for (unsigned i = 0; cpu->group && i < cpu->group->n; i++) {
			struct cpu *o = cpu->group->cpus[i];
			if (o && o != cpu)
				store_memo_forget(o, page);
		}
	}
	return bus_code_gen_mark(gen);
}

/* One naturally-aligned (or single-byte) physical access after
 * translation. */
static bool access_one(struct cpu *cpu, uint32_t va, unsigned size,
		       uint32_t *val, bool is_write, unsigned flags,
		       bool unaligned_parent)
{
	struct mmu_result res;
	struct mmu_fault fault;
	if (!mmu_translate(cpu, va, is_write ? MMU_WRITE : MMU_READ, flags,
			   &res, &fault)) {
		hyp_data_abort(cpu, va, &fault, is_write, size, flags);
		return false;
	}
	if (unaligned_parent && memattr_is_device(res.memattr)) {
		raise_alignment(cpu, va, is_write, size, flags);
		return false;
	}
	uint64_t v = 0;
	bool ok;
	bool cached = cpu->bus->dcache && dcache_access_cacheable(cpu, res.memattr);
	if (res.host && !cached) {
		/* RAM: straight to host memory (what bus_read/bus_write would
		 * do after finding the region). */
		/* fixed-size copies: a single load or store each */
		if (is_write) {
			uint32_t w = *val;
			if (size == 4)
				memcpy(res.host, &w, 4);
			else if (size == 2) {
				uint16_t h = (uint16_t)w;
				memcpy(res.host, &h, 2);
			} else
				*res.host = (uint8_t)w;
		} else {
			if (size == 4) {
				uint32_t r;
				memcpy(&r, res.host, 4);
				v = r;
			} else if (size == 2) {
				uint16_t h;
				memcpy(&h, res.host, 2);
				v = h;
			} else
				v = *res.host;
		}
		ok = true;
	} else if (is_write) {
		ok = cached ? dcache_write(cpu, res.pa, size, *val, res.memattr)
			    : bus_write(cpu->bus, res.pa, size, *val, cpu);
	} else {
		ok = cached ? dcache_read(cpu, res.pa, size, &v, res.memattr)
			    : bus_read(cpu->bus, res.pa, size, &v, cpu);
	}
	if (!ok) {
		/* A core that reports write errors asynchronously completes
		 * the store as a no-op with the abort left pending; a Store
		 * Exclusive waits for its response and stays synchronous. */
		if (is_write && !(flags & ACC_EXCLUSIVE) &&
		    hyp_async_store_abort(cpu))
			return true;
		struct mmu_fault ext = {.type = FAULT_EXTERNAL};
		ext.long_format = cpu_regime_long_format(cpu);
		hyp_data_abort(cpu, va, &ext, is_write, size, flags);
		return false;
	}
	if (!is_write) {
		*val = (uint32_t)v;
	} else {
		cpu->stores++;
		/* code decoded from the page is stale now (mmu/bus.h) */
		if (res.host && !cached)
			bus_host_written(cpu->bus, res.host, size);
	}
	if (!res.host)
		cpu->device_accesses++;
	/* A write to a tagged address clears the other cores' global
	 * monitor entries (A3.4.2). The local monitor is not affected by
	 * this core's own plain stores (A3.4.5 leaves it IMPLEMENTATION
	 * DEFINED; hypsim keeps it open, as the A15 and A7 TRMs describe). */
	if (is_write && cpu->group && cpu->group->global && cpu->group->n > 1) {
		bool open_in_page = false;
		for (unsigned i = 0; i < cpu->group->n; i++) {
			struct exclusive_monitor *g = &cpu->group->global[i];
			if (i != cpu->index && g->open &&
			    res.pa < g->pa + g->size && g->pa < res.pa + size)
				g->open = false;
			open_in_page |= g->open && (g->pa >> 12) == (res.pa >> 12);
		}
		/* the store above moved the page's generation to even: a
		 * monitor still open in the page keeps it odd, so that every
		 * store to it comes here (monitor_page_marked) */
		if (open_in_page && res.host)
			monitor_page_marked(cpu, res.host);
	}
	/* Remember the page for cpu_read_fast/cpu_write_fast when the host
	 * access above was all there was to do: RAM without the D-cache
	 * model, no observer wanting accesses, the translation of the
	 * current mode (not LDRT/STRT's). A store to a page in which a
	 * core's global monitor is open never takes the memo's way
	 * (monitor_page_marked), so it always comes here to clear it;
	 * except with the D-cache model, whose write-backs move a page's
	 * generation to even behind the monitors' back: there a machine of
	 * several cores never stores through the memo. */
	if (res.host && !cached && !cpu->obs_mem && !(flags & ACC_UNPRIV) &&
	    !(cpu->cpsr & CPSR_E) &&
	    !(is_write && cpu->bus->dcache && cpu->group &&
	      cpu->group->n > 1)) {
		struct data_memo *m = cpu_data_memo(cpu, is_write, va);
		uint8_t *page = res.host - (va & 0xfffu);
		if (is_write)
			store_memo_empty(cpu, m);
		m->tag = cpu_memo_key(cpu) | (va & 0xfffff000u);
		m->addend = (uintptr_t)page - (va & 0xfffff000u);
		if (is_write) {
			/* the store memo takes a page with one code-write
			 * generation (a RAM alias not on a page boundary has
			 * two), even: no blocks decoded from it, no monitor
			 * open in it (cpu_code_gen_mark) */
			const uint32_t *gen = bus_code_gen(cpu->bus, page);
			if (!gen ||
			    gen != bus_code_gen(cpu->bus, page + 0xfffu) ||
			    (*gen & 1u))
				m->tag = ~0ull;
			else
				store_memo_entered(cpu, m, (uintptr_t)page);
		}
	}
	if (cpu->obs_mem) {
		for (unsigned i = 0; i < cpu->n_obs; i++)
			if (cpu->obs[i]->mem_access)
				cpu->obs[i]->mem_access(cpu->obs[i]->ctx, cpu, va,
							res.pa, size,
							is_write ? *val : v,
							is_write);
	}
	return true;
}

static bool access(struct cpu *cpu, uint32_t va, unsigned size,
		   uint32_t *val, bool is_write, unsigned flags)
{
	bool big = cpu->cpsr & CPSR_E;
	if ((va & (size - 1)) == 0) {
		uint32_t v = (is_write && big) ? bswap_size(*val, size) : *val;
		if (!access_one(cpu, va, size, &v, is_write, flags, false))
			return false;
		if (!is_write)
			*val = big ? bswap_size(v, size) : v;
		return true;
	}
	if ((flags & ACC_ALIGNED) || alignment_check_enabled(cpu)) {
		raise_alignment(cpu, va, is_write, size, flags);
		return false;
	}
	/* Unaligned Normal-memory access: byte by byte, in address order
	 * (A3.2.1 permits any order of the single-copy atomic pieces). */
	uint32_t result = 0;
	for (unsigned i = 0; i < size; i++) {
		unsigned shift = big ? 8 * (size - 1 - i) : 8 * i;
		uint32_t b = is_write ? (*val >> shift) & 0xffu : 0;
		if (!access_one(cpu, va + i, 1, &b, is_write, flags, true))
			return false;
		result |= (b & 0xffu) << shift;
	}
	if (!is_write)
		*val = result;
	return true;
}

bool cpu_read(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *val,
	      unsigned flags)
{
	uint32_t v = 0;
	if (cpu->mem_insn)
		block_mem_commit(cpu);
	cpu->slow_accesses++;
	bool ok = access(cpu, va, size, &v, false, flags);
	/* the walk may have moved the soft-TLB generation, the abort the
	 * mode: the memo's context as it is now */
	cpu_memo_ctx_update(cpu);
	if (!ok)
		return false;
	*val = v;
	return true;
}

bool cpu_write(struct cpu *cpu, uint32_t va, unsigned size, uint32_t val,
	       unsigned flags)
{
	if (cpu->mem_insn)
		block_mem_commit(cpu);
	cpu->slow_accesses++;
	bool ok = access(cpu, va, size, &val, true, flags);
	cpu_memo_ctx_update(cpu);
	return ok;
}

/* Doubleword accesses are two word accesses, the lower address first
 * (A3.5.3: LDRD/STRD are single-copy atomic only as two words, unless
 * LPAE and 64-bit aligned, where hypsim's two words in a row on one core
 * are indistinguishable). Both words of an aligned doubleword are on the
 * same page, so the second cannot fault once the first passed; across
 * pages the first word may be written before the second faults, as the
 * architecture permits. */
bool cpu_read64(struct cpu *cpu, uint32_t va, uint64_t *val, unsigned flags)
{
	uint32_t lo, hi;
	if (!cpu_read_fast(cpu, va, 4, &lo, flags) ||
	    !cpu_read_fast(cpu, va + 4, 4, &hi, flags))
		return false;
	/* Big-endian: the word at the lower address is the most
	 * significant for LDREXD/64-bit values; LDRD's callers pick words
	 * by address, so the value here is always lo = [va], hi = [va+4]. */
	*val = ((uint64_t)hi << 32) | lo;
	return true;
}

bool cpu_write64(struct cpu *cpu, uint32_t va, uint64_t val, unsigned flags)
{
	return cpu_write_fast(cpu, va, 4, (uint32_t)val, flags) &&
	       cpu_write_fast(cpu, va + 4, 4, (uint32_t)(val >> 32), flags);
}

/* ---- exclusives (A3.4) ---- */

bool cpu_load_exclusive(struct cpu *cpu, uint32_t va, unsigned size,
			uint64_t *val)
{
	unsigned flags = ACC_ALIGNED | ACC_EXCLUSIVE | ACC_NO_SYNDROME;
	struct mmu_result res;
	struct mmu_fault fault;
	if (va & (size - 1)) {
		raise_alignment(cpu, va, false, size, flags);
		return false;
	}
	if (!mmu_translate(cpu, va, MMU_READ, 0, &res, &fault)) {
		hyp_data_abort(cpu, va, &fault, false, size, flags);
		return false;
	}
	if (size == 8) {
		if (!cpu_read64(cpu, va, val, flags))
			return false;
	} else {
		uint32_t v;
		if (!cpu_read(cpu, va, size, &v, flags))
			return false;
		*val = v;
	}
	/* The monitors tag at least the accessed bytes; hypsim tags exactly
	 * the access (the Exclusives Reservation Granule is the access
	 * size, an IMPLEMENTATION DEFINED choice within A3.4.5). */
	cpu->excl.open = true;
	cpu->excl.pa = res.pa;
	cpu->excl.size = size;
	if (cpu->group && cpu->group->global) {
		cpu->group->global[cpu->index] = cpu->excl;
		if (cpu->group->n > 1 && res.host)
			monitor_page_marked(cpu, res.host);
	}
	return true;
}

bool cpu_store_exclusive(struct cpu *cpu, uint32_t va, unsigned size,
			 uint64_t val, uint32_t *status)
{
	unsigned flags = ACC_ALIGNED | ACC_EXCLUSIVE | ACC_NO_SYNDROME;
	struct mmu_result res;
	struct mmu_fault fault;
	if (va & (size - 1)) {
		raise_alignment(cpu, va, true, size, flags);
		return false;
	}
	/* A3.4.5: the translation and permission check happen whether or
	 * not the store is performed, so a faulting STREX aborts. */
	if (!mmu_translate(cpu, va, MMU_WRITE, 0, &res, &fault)) {
		hyp_data_abort(cpu, va, &fault, true, size, flags);
		return false;
	}
	bool pass = cpu->excl.open && cpu->excl.pa == res.pa &&
		    cpu->excl.size == size;
	if (pass && cpu->group && cpu->group->global)
		pass = cpu->group->global[cpu->index].open;
	if (pass) {
		bool ok = size == 8 ? cpu_write64(cpu, va, val, flags)
				    : cpu_write(cpu, va, size, (uint32_t)val, flags);
		if (!ok)
			return false;
	}
	cpu_clear_exclusive(cpu);
	*status = pass ? 0 : 1;
	return true;
}

void cpu_clear_exclusive(struct cpu *cpu)
{
	cpu->excl.open = false;
	if (cpu->group && cpu->group->global)
		cpu->group->global[cpu->index].open = false;
}
