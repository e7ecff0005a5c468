/* The machine (see machine.h). */
#include "sim/machine.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/errata.h"
#include "cp15/sysreg.h"
#include "cpu/decode_table.h"
#include "mmu/dcache_model.h"
#include "hyp/exception.h"
#include "mmu/mmu.h"
#include "sim/hang.h"
#include "sim/virt.h"

/* The host side of the debug communications channel (--dcc stdout): the
 * low byte of each word is one character, as DCC consoles (Linux's
 * hvc_dcc, early printk) write them, to the console semihosting uses. */
static void machine_dcc_tx(struct cpu *cpu, uint32_t word)
{
	struct machine *m = cpu->board;
	if (m && m->console)
		fputc((int)(word & 0xffu), m->console);
}

/* The running core stops after this instruction, and machine_run ends
 * the round at `when` (round_shorten) before it runs on: timing's
 * early_event (an event due then), or a core powered on in a round
 * longer than a quantum (machine_enter_core: now). */
static void round_cut(void *ctx, uint64_t when)
{
	struct machine *m = ctx;
	if (when < m->cut_at)
		m->cut_at = when;
	if (m->stop == STOP_NONE)
		m->stop = STOP_ROUND_CUT;
}

bool machine_init(struct machine *m, const struct machine_config *cfg,
		  char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	if (!m->cfg.quantum)
		m->cfg.quantum = 1000;
	m->console = stdout;
	timing_init(&m->clock, cfg->ips);
	m->clock.early_event = round_cut;
	m->clock.early_event_ctx = m;
	m->cut_at = TIMING_NEVER;
	bus_init(&m->bus);
	const char *why = NULL;
	if (!bus_add_ram(&m->bus, cfg->mem_base, cfg->mem_size, "ram", &why)) {
		snprintf(err, errlen, "RAM at 0x%llx size 0x%llx: %s",
			 (unsigned long long)cfg->mem_base,
			 (unsigned long long)cfg->mem_size, why);
		return false;
	}
	if (cfg->alias_size &&
	    !bus_add_alias(&m->bus, cfg->alias_base, cfg->mem_base,
			   cfg->alias_size, "ram-alias", &why)) {
		snprintf(err, errlen, "--mem-alias 0x%llx:0x%llx: %s",
			 (unsigned long long)cfg->alias_base,
			 (unsigned long long)cfg->alias_size, why);
		return false;
	}
	unsigned n = 0;
	for (unsigned c = 0; c < cfg->n_clusters; c++)
		n += cfg->clusters[c].count;
	if (n == 0 || n > MACHINE_MAX_CPUS) {
		snprintf(err, errlen, "between 1 and %d cores, not %u",
			 MACHINE_MAX_CPUS, n);
		return false;
	}
	/* the tables built from constant data, whose only failure (host
	 * OOM) ends the process: here, before any guest instruction */
	sysreg_init();
	decode_table_init();
	if (cfg->dcache_model) {
		m->bus.dcache = dcache_model_create(cfg->clusters[0].model);
		if (!m->bus.dcache) {
			snprintf(err, errlen, "cannot build the data-cache model");
			return false;
		}
	}
	m->n_cpus = n;
	m->cpus = calloc(n, sizeof *m->cpus);
	m->cpu_ptrs = calloc(n, sizeof *m->cpu_ptrs);
	m->global_monitor = calloc(n, sizeof *m->global_monitor);
	if (!m->cpus || !m->cpu_ptrs || !m->global_monitor) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	/* Errata per cluster model; a name no model of the machine knows is
	 * an error. */
	uint32_t errata[MACHINE_MAX_CLUSTERS] = {0}, known = 0;
	for (unsigned c = 0; c < cfg->n_clusters; c++)
		if (!errata_resolve(cfg->clusters[c].model, cfg->errata, &errata[c],
				    &known, err, errlen))
			return false;
	if (cfg->errata && *cfg->errata) {
		unsigned entries = 1;
		for (const char *p = cfg->errata; *p; p++)
			entries += *p == ',';
		for (unsigned e = 0; e < entries && e < 32; e++) {
			if (!(known & (1u << e))) {
				snprintf(err, errlen, "--errata: entry %u of '%s' names "
					 "no erratum of these cores (see --errata list)",
					 e + 1, cfg->errata);
				return false;
			}
		}
	}
	m->group.cpus = m->cpu_ptrs;
	m->group.n = n;
	m->group.global = m->global_monitor;
	unsigned i = 0;
	for (unsigned c = 0; c < cfg->n_clusters; c++) {
		for (unsigned k = 0; k < cfg->clusters[c].count; k++, i++) {
			struct cpu *cpu = &m->cpus[i];
			m->cpu_ptrs[i] = cpu;
			cpu->group = &m->group;
			cpu->cluster = c;
			cpu->core_in_cluster = k;
			cpu->cores_in_cluster = cfg->clusters[c].count;
			cpu->board = m;
			cpu->semihost_call = cfg->semihosting ? semihost_call : NULL;
			cpu->dcc_tx = cfg->dcc_console ? machine_dcc_tx : NULL;
			cpu->icache.enabled_model = cfg->icache_model;
			cpu->engine_block = cfg->engine_block;
			cpu->engine_check = cfg->engine_check;
			cpu->engine_codegen = cfg->engine_codegen;
			cpu->errata = errata[c];
			cpu->cache_seed = cfg->cache_seed;
			/* The bare board has no private peripherals; CBAR
			 * reads the QEMU virt value (cores.md 6.1). */
			cpu->cp15.periphbase = 0x08000000;
			cpu->clock = &m->clock;
			cpu_reset(cpu, cfg->clusters[c].model, &m->bus, i);
		}
	}
	if (cfg->board && !strcmp(cfg->board, "virt") &&
	    !virt_board_create(m, err, errlen))
		return false;
	return true;
}

void machine_destroy(struct machine *m)
{
	if (m->hang)
		hang_detector_destroy(m->hang);
	virt_board_destroy(m);
	for (unsigned i = 0; i < m->n_cpus; i++)
		cpu_destroy(&m->cpus[i]);
	free(m->cpus);
	free(m->cpu_ptrs);
	free(m->global_monitor);
	for (size_t i = 0; i < m->n_syms; i++)
		free(m->syms[i].name);
	free(m->syms);
	for (unsigned i = 0; i < m->n_boot_blobs; i++)
		free(m->boot_blobs[i].data);
	free(m->boot_blobs);
	dcache_model_destroy(m->bus.dcache);
	m->bus.dcache = NULL;
	bus_destroy(&m->bus);
	memset(m, 0, sizeof *m);
}

void machine_enter_core(struct machine *m, struct cpu *cpu, uint32_t entry)
{
	const struct sysreg *nsacr = sysreg_by_name("NSACR");
	cpu_reset(cpu, cpu->model, &m->bus, cpu->index);
	switch (m->cfg.entry) {
	case ENTRY_SECURE_SVC:
		break;
	case ENTRY_SVC:
	case ENTRY_HYP:
		/* What a boot-wrapper leaves (cores.md 6.2): Non-secure,
		 * HVC enabled, NS may change A and F. SCD stays clear so SMC
		 * reaches Monitor (or a HCR.TSC trap, or the board's
		 * firmware). */
		cpu->cp15.scr = SCR_NS | SCR_FW | SCR_AW | SCR_HCE;
		/* through the table, so bits the model does not implement
		 * stay as the model says */
		if (nsacr)
			sysreg_poke(cpu, nsacr, 0, 0x43fffu);
		if (m->cfg.entry == ENTRY_HYP)
			cpu_set_mode(cpu, MODE_HYP);
		break;
	}
	cpu->cpsr = (cpu->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F;
	cpu->r[15] = entry & ~1u;
	if (entry & 1)
		cpu->cpsr |= CPSR_T;
	/* the core's time continues from the machine's: a core powered on
	 * in the middle of a round has used that much of it */
	cpu->slice_icount0 = cpu->icount - (timing_now(&m->clock) -
					    m->clock.round_start);
	/* by a core in a round longer than a quantum (round_begin: it was
	 * the only one on): the round ends now, and the next interleaves
	 * the two */
	if (m->clock.cur_icount && m->round_open &&
	    m->clock.round_len > m->cfg.quantum)
		round_cut(m, timing_now(&m->clock));
	mmu_context_changed(cpu);
}

/* Keep a copy of every range the loaders filled (m->loaded), once. */
static void save_boot_blobs(struct machine *m)
{
	if (m->boot_blobs || !m->n_loaded)
		return;
	m->boot_blobs = calloc(m->n_loaded, sizeof *m->boot_blobs);
	if (!m->boot_blobs)
		return;
	for (unsigned i = 0; i < m->n_loaded; i++) {
		struct boot_blob *b = &m->boot_blobs[m->n_boot_blobs];
		uint64_t len = m->loaded[i].end - m->loaded[i].base;
		const uint8_t *ram = bus_ram_ptr(&m->bus, m->loaded[i].base, len);
		if (!ram || !(b->data = malloc(len)))
			continue;
		memcpy(b->data, ram, len);
		b->pa = m->loaded[i].base;
		b->len = len;
		m->n_boot_blobs++;
	}
}

/* A restart: the images back in RAM (the rest of RAM keeps what it held,
 * as on a warm reset), every core and device reset, the first core at the
 * entry point again. */
static void machine_reboot(struct machine *m)
{
	for (unsigned i = 0; i < m->n_boot_blobs; i++) {
		struct boot_blob *b = &m->boot_blobs[i];
		uint8_t *ram = bus_ram_ptr(&m->bus, b->pa, b->len);
		if (ram) {
			memcpy(ram, b->data, b->len);
			bus_host_written(&m->bus, ram, b->len);
		}
	}
	m->reboots++;
	machine_reset(m, (uint32_t)m->entry_point);
}

void machine_reset(struct machine *m, uint32_t entry)
{
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct cpu *cpu = &m->cpus[i];
		machine_enter_core(m, cpu, entry);
		if (m->virt) {
			/* The virt board holds every core but the first
			 * powered off until PSCI CPU_ON (as QEMU's virt
			 * does); the first enters with the Linux boot
			 * protocol's registers. */
			if (i != 0)
				cpu->state = CPU_POWERED_OFF;
			else
				for (unsigned r = 0; r < 3; r++)
					cpu->r[r] = m->boot_regs[r];
		}
	}
	if (m->virt)
		virt_board_reset(m);
	if (m->cfg.reboot)
		save_boot_blobs(m);
	m->round_open = false;
	m->stop = STOP_NONE;
}

uint64_t machine_total_icount(const struct machine *m)
{
	uint64_t t = 0;
	for (unsigned i = 0; i < m->n_cpus; i++)
		t += m->cpus[i].icount;
	return t;
}

/* Whether a core can make progress: running, or waiting with a reason to
 * wake now (B1.8.13, B1.8.14: a pending interrupt for WFI and WFE, the
 * event register for WFE). A core in WFE whose event register another
 * core set after it last ran is not stuck. */
bool machine_core_can_progress(const struct cpu *cpu)
{
	switch (cpu->state) {
	case CPU_RUNNING:
		return true;
	case CPU_WAIT_WFE:
		if (cpu->event_register)
			return true;
		/* fall through */
	case CPU_WAIT_WFI:
		return hyp_interrupt_pending(cpu);
	default:
		return false;
	}
}

static bool all_waiting(const struct machine *m)
{
	for (unsigned i = 0; i < m->n_cpus; i++)
		if (machine_core_can_progress(&m->cpus[i]))
			return false;
	return true;
}

/* A round is as long as a quantum, or up to the next event. The quantum
 * is how finely cores interleave. While only one core is on (a machine of
 * one core, or the others powered off until PSCI CPU_ON), there is no
 * other to interleave with, and nothing it runs sees how long its rounds
 * are (an event is due where it cuts the round, round_shorten; interrupts
 * take no time), while each round's end costs a return from the block
 * engine and the work between rounds (Debian's Linux boot: 7% of its
 * time with 1000-instruction rounds). Its rounds double, up to
 * 2^MACHINE_SOLO_SHIFT quanta, while it stores or touches a device in
 * each, and fall back to one quantum after a round in which it did
 * neither: the hang detector, which samples at round ends, then sees a
 * loop that stopped making progress as soon as with one-quantum rounds,
 * and a short run (a scenario's budget) is still mostly short rounds. A
 * core powered on ends the round (machine_enter_core). The console is
 * polled by the clock, not by rounds. */
#define MACHINE_SOLO_SHIFT 6
static void round_begin(struct machine *m)
{
	struct timing *t = &m->clock;
	uint64_t len = m->cfg.quantum;
	unsigned on = 0;
	uint64_t progress = 0;
	for (unsigned i = 0; i < m->n_cpus; i++) {
		const struct cpu *cpu = &m->cpus[i];
		on += cpu->state != CPU_POWERED_OFF;
		progress += cpu->stores + cpu->device_accesses;
	}
	if (on != 1 || progress == m->solo_progress)
		m->solo_shift = 0;
	else if (m->solo_shift < MACHINE_SOLO_SHIFT)
		m->solo_shift++;
	m->solo_progress = progress;
	len <<= m->solo_shift;
	uint64_t next = timing_next(t);
	if (next != TIMING_NEVER && next > t->round_start &&
	    next - t->round_start < len)
		len = next - t->round_start;
	t->round_len = len;
	m->round_cpu = 0;
	m->round_open = true;
}

/* The instructions a core has retired in this round (its time in it). */
static inline uint64_t slice_ran(const struct cpu *cpu)
{
	return cpu->icount - cpu->slice_icount0;
}

/* The round ends at the time round_cut asked for, or where a core has
 * already run to in this round if that is later (a core's time never
 * goes back). */
static void round_shorten(struct machine *m)
{
	struct timing *t = &m->clock;
	uint64_t at = m->cut_at;
	m->cut_at = TIMING_NEVER;
	if (at >= t->round_start + t->round_len)
		return;
	uint64_t len = at > t->round_start ? at - t->round_start : 0;
	for (unsigned i = 0; i < m->n_cpus; i++)
		if (slice_ran(&m->cpus[i]) > len)
			len = slice_ran(&m->cpus[i]);
	t->round_len = len;
}

/* Every core's time becomes `now` and the events due by then fire. */
static void clock_advance(struct machine *m, uint64_t now)
{
	m->clock.round_start = now;
	for (unsigned i = 0; i < m->n_cpus; i++)
		m->cpus[i].slice_icount0 = m->cpus[i].icount;
	timing_run_due(&m->clock, now);
}

static void round_end(struct machine *m)
{
	m->round_open = false;
	clock_advance(m, m->clock.round_start + m->clock.round_len);
}

/* Nothing runs: jump the clock to the next event (DESIGN.md principle 1),
 * or let the board wait for host input. False: nothing will ever wake a
 * core. */
static bool idle(struct machine *m)
{
	uint64_t next = timing_next(&m->clock);
	if (next != TIMING_NEVER) {
		if (next > m->clock.round_start)
			clock_advance(m, next);
		else
			timing_run_due(&m->clock, m->clock.round_start);
		return true;
	}
	return m->idle_wait && m->idle_wait(m);
}

enum stop_reason machine_run(struct machine *m, uint64_t max_insns)
{
	m->stop = STOP_NONE;
	uint64_t done = machine_total_icount(m);
	struct timing *t = &m->clock;
	while (m->stop == STOP_NONE) {
		if (!m->round_open)
			round_begin(m);
		for (; m->round_cpu < m->n_cpus; m->round_cpu++) {
			unsigned i = m->round_cpu;
			if (m->held_cpus & (1u << i))
				continue;
			struct cpu *cpu = &m->cpus[i];
		slice:;
			uint64_t ran = slice_ran(cpu);
			if (ran >= t->round_len)
				continue;
			uint64_t q = t->round_len - ran;
			if (max_insns && max_insns - done < q)
				q = max_insns - done;
			_Static_assert(sizeof m->stop == sizeof(int),
				       "cpu_run watches m->stop as an int");
			t->cur_icount = &cpu->icount;
			t->cur_icount0 = cpu->slice_icount0;
			done += cpu_run(cpu, q, (const volatile int *)&m->stop);
			t->cur_icount = NULL;
			if (m->stop == STOP_ROUND_CUT) {
				m->stop = STOP_NONE;
				round_shorten(m);
			}
			/* the rest of its slice, unless the budget is spent
			 * or it waits: cpu_run's count of steps includes the
			 * interrupts taken, which take no time (step.c's
			 * retirement rule), so a slice is round_len retired
			 * instructions whatever it took (a core's time would
			 * otherwise jump at the round's end by the interrupts
			 * it took, and what it reads of the clock depend on
			 * where rounds end) */
			if (m->stop == STOP_NONE && cpu->state == CPU_RUNNING &&
			    !(max_insns && done >= max_insns))
				goto slice;
			if (m->stop != STOP_NONE)
				m->stopped_cpu = i;
			if (m->stop == STOP_NONE && max_insns && done >= max_insns) {
				m->stop = STOP_BUDGET;
				m->stopped_cpu = i;
			}
			if (m->stop != STOP_NONE)
				break;
		}
		if (m->stop == STOP_RESET) {
			machine_reboot(m);
			continue;
		}
		if (m->stop != STOP_NONE) {
			/* a core that finished its slice lets the next one
			 * go first when the run resumes */
			struct cpu *cpu = &m->cpus[m->round_cpu];
			if (slice_ran(cpu) >= t->round_len ||
			    cpu->state != CPU_RUNNING)
				m->round_cpu++;
			if (m->round_cpu >= m->n_cpus)
				round_end(m);
			break;
		}
		round_end(m);
		if (m->poll_hook)
			m->poll_hook(m);
		if (m->stop == STOP_NONE && m->round_hook)
			m->round_hook(m, m->round_ctx);
		if (m->stop == STOP_NONE && m->hang)
			hang_detector_poll(m->hang);
		if (m->stop == STOP_NONE && m->interrupt_requested) {
			m->interrupt_requested = 0;
			m->stop = STOP_BREAK;
		}
		if (m->stop == STOP_NONE && all_waiting(m) && !idle(m)) {
			/* Every core waits, no event is scheduled and no host
			 * input can come: no core can ever wake. */
			if (m->hang)
				hang_detector_all_waiting(m->hang);
			else
				m->stop = STOP_HANG;
		}
	}
	return m->stop;
}

/* ---- symbols ---- */

void machine_add_symbol(struct machine *m, const char *name, uint32_t addr,
			uint32_t size)
{
	struct symbol *n = realloc(m->syms, (m->n_syms + 1) * sizeof *n);
	if (!n)
		return;
	m->syms = n;
	m->syms[m->n_syms].name = strdup(name);
	m->syms[m->n_syms].addr = addr;
	m->syms[m->n_syms].size = size;
	if (m->syms[m->n_syms].name)
		m->n_syms++;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Prefer sized (function) symbols over labels at the same place. */
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

void machine_sort_symbols(struct machine *m)
{
	if (m->n_syms)
		qsort(m->syms, m->n_syms, sizeof *m->syms, sym_cmp);
}

const struct symbol *machine_find_symbol(const struct machine *m,
					 uint32_t addr)
{
	const struct symbol *best = NULL;
	size_t lo = 0, hi = m->n_syms;
	while (lo < hi) { /* last symbol with addr <= target */
		size_t mid = (lo + hi) / 2;
		if (m->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	best = &m->syms[lo - 1];
	/* step back to the first of equal addresses (the preferred one) */
	while (best > m->syms && best[-1].addr == best->addr)
		best--;
	if (best->size && addr - best->addr >= best->size) {
		/* past a sized symbol: a following label may still cover it */
		return addr - best->addr < 0x10000 ? best : NULL;
	}
	return best;
}

const struct symbol *machine_symbol_by_name(const struct machine *m,
					    const char *name)
{
	for (size_t i = 0; i < m->n_syms; i++)
		if (strcmp(m->syms[i].name, name) == 0)
			return &m->syms[i];
	return NULL;
}
