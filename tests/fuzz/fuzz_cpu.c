/* Fuzz harness of the core: random instruction words in ARM or Thumb state,
 * in every mode (USR, FIQ, IRQ, SVC, MON, ABT, HYP, UND, SYS; Secure and
 * Non-secure), with random register values, run for a bounded number of
 * instructions. hypsim must never crash, hang or trip ASan/UBSan, whatever
 * the input (DESIGN.md principle 3: the guest can never crash the
 * simulator).
 *
 * The input is an 8-byte header (configuration, mode, length, seed of the
 * register values) followed by code bytes. The machine is the bare board of
 * src/sim/machine.c, or the virt board (src/sim/virt.c: the GIC's four
 * frames, the PL011, the PL031, PSCI behind HVC/SMC), with one core or a
 * mixed machine of a Cortex-A15 and a Cortex-A7 cluster, and two 64 KiB RAM
 * regions: one at 0 (the exception vectors, so that exceptions run random
 * code too) and one at 0x40000000 (the code, entered at 0x40000100). Both
 * are filled with the code bytes, repeated. On virt a quarter of the
 * register values are addresses in the device frames, so that random
 * loads and stores of every size reach the devices from guest code.
 * Optionally the Hyp controls are random too: HCR (stage 2, the virtual
 * interrupts, every trap), HSTR, HCPTR, HDCR, VTCR and a VTTBR whose stage
 * 2 tables are the random code. Semihosting is off: random code must not
 * open host files.
 *
 * LLVMFuzzerTestOneInput is the libFuzzer entry point (fuzz_cpu, built with
 * -DHYPSIM_FUZZ=ON and clang); fuzz_driver.c calls it for seeded random
 * inputs without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "mmu/mmu.h"
#include "sim/machine.h"

#define FUZZ_RAM_SIZE 0x10000u
#define FUZZ_CODE_BASE 0x40000000u
#define FUZZ_ENTRY (FUZZ_CODE_BASE + 0x100u)

/* The header: 8 bytes, then the code. Short inputs are padded with zeros.
 * Register values and the MMU set-up come from a PRNG seeded by the header
 * so that libFuzzer reaches code after a few bytes of input. */
enum {
	IN_CFG = 0,   /* bit 0 A7, 1 Thumb, 2 Secure, 3 MMU on, 4 CPSR.E,
		       * 5 random ITSTATE, 6 D-cache model, 7 I-cache model off */
	IN_MODE = 1,  /* bits 0-5: index into fuzz_modes; bit 6 random Hyp
		       * controls (traps, stage 2); bit 7 the virt board */
	IN_STEPS = 2, /* instructions: 16 + 8 * value */
	IN_IT = 3,    /* ITSTATE when bit 5 of cfg */
	IN_SEED = 4,  /* 4 bytes: seed of the register values */
	IN_HEADER = 8,
};

/* splitmix64 */
static uint64_t fuzz_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* The virt board's device frames (src/devices/board.c). */
static const uint32_t fuzz_frames[] = {
	0x08000000u, 0x08010000u, 0x08030000u, 0x08040000u,
	0x09000000u, 0x09010000u,
};

/* A register value: often an address in one of the RAMs, a small number
 * or an edge value, so that loads, stores and branches reach memory; on
 * virt, often an address in a device frame. */
static uint32_t fuzz_value(uint64_t *s, bool virt)
{
	uint64_t r = fuzz_rand(s);
	if (virt && (r & 0x300) == 0)
		return fuzz_frames[(r >> 12) % 6] + (uint32_t)((r >> 16) & 0xfff);
	switch (r & 7) {
	case 0:
	case 1:
		return FUZZ_CODE_BASE + (uint32_t)((r >> 8) & (FUZZ_RAM_SIZE - 1));
	case 2:
		return (uint32_t)((r >> 8) & (FUZZ_RAM_SIZE - 1));
	case 3:
		return (uint32_t)((r >> 8) & 63);
	case 4:
		return (r >> 8) & 1 ? 0x80000000u : 0xffffffffu;
	default:
		return (uint32_t)(r >> 32);
	}
}

static const unsigned fuzz_modes[] = {
	MODE_USR, MODE_FIQ, MODE_IRQ, MODE_SVC, MODE_MON,
	MODE_ABT, MODE_HYP, MODE_UND, MODE_SYS,
};

static uint32_t get32(const uint8_t *h, unsigned off)
{
	return (uint32_t)h[off] | (uint32_t)h[off + 1] << 8 |
	       (uint32_t)h[off + 2] << 16 | (uint32_t)h[off + 3] << 24;
}

static void fill(uint8_t *ram, const uint8_t *code, size_t n)
{
	if (n == 0) {
		memset(ram, 0, FUZZ_RAM_SIZE);
		return;
	}
	for (size_t i = 0; i < FUZZ_RAM_SIZE; i++)
		ram[i] = code[i % n];
}

static void poke(struct cpu *cpu, const char *name, unsigned bank,
		 uint64_t val)
{
	const struct sysreg *r = sysreg_by_name(name);
	if (r)
		sysreg_poke(cpu, r, bank, val);
}

/* Build the machine, set the state the input describes, run, tear down. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t h[IN_HEADER] = {0};
	if (size)
		memcpy(h, data, size < IN_HEADER ? size : IN_HEADER);
	const uint8_t *code = size > IN_HEADER ? data + IN_HEADER : NULL;
	size_t ncode = size > IN_HEADER ? size - IN_HEADER : 0;
	unsigned cfgb = h[IN_CFG];
	bool virt = (h[IN_MODE] & 0x80) != 0;
	/* a mixed machine (an A15 and an A7 cluster) for a quarter of the
	 * seeds; the second core runs the same code on bare, and waits for
	 * PSCI CPU_ON on virt */
	bool mixed = (h[IN_SEED] & 3) == 3;

	struct machine_config cfg = {
		.board = virt ? "virt" : "bare",
		.n_clusters = mixed ? 2 : 1,
		.mem_base = FUZZ_CODE_BASE,
		.mem_size = FUZZ_RAM_SIZE,
		.entry = (cfgb & 4) ? ENTRY_SECURE_SVC : ENTRY_SVC,
		.icache_model = !(cfgb & 0x80),
		.dcache_model = (cfgb & 0x40) != 0,
		.cache_seed = 1,
		.semihosting = false,
	};
	cfg.clusters[0].model = (cfgb & 1) ? &cortex_a7_model : &cortex_a15_model;
	cfg.clusters[0].count = 1;
	cfg.clusters[1].model = (cfgb & 1) ? &cortex_a15_model : &cortex_a7_model;
	cfg.clusters[1].count = 1;

	static struct machine m;
	char err[256];
	if (!machine_init(&m, &cfg, err, sizeof err)) {
		/* every configuration the header can describe is valid */
		fprintf(stderr, "fuzz_cpu: machine_init: %s\n", err);
		abort();
	}
	/* Nothing should print with semihosting off; if something does, it
	 * goes nowhere. */
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (devnull)
		m.console = devnull;
	const char *why = NULL;
	if (!bus_add_ram(&m.bus, 0, FUZZ_RAM_SIZE, "vectors", &why)) {
		fprintf(stderr, "fuzz_cpu: vectors RAM: %s\n", why);
		abort();
	}
	fill(bus_ram_ptr(&m.bus, 0, FUZZ_RAM_SIZE), code, ncode);
	fill(bus_ram_ptr(&m.bus, FUZZ_CODE_BASE, FUZZ_RAM_SIZE), code, ncode);

	machine_reset(&m, FUZZ_ENTRY | ((cfgb & 2) ? 1u : 0u));
	struct cpu *cpu = &m.cpus[0];

	uint64_t seed = get32(h, IN_SEED) ^ ((uint64_t)cfgb << 32);
	/* the other modes' SP and LR: random, set before the mode switch
	 * so that the switch banks them in */
	for (unsigned b = 0; b < BANK_COUNT; b++) {
		cpu->bank_sp[b] = fuzz_value(&seed, virt);
		cpu->bank_lr[b] = fuzz_value(&seed, virt);
	}
	/* Mode and security state: Monitor mode is Secure whatever SCR.NS
	 * says and Hyp mode exists only in Non-secure state (B1.3.1), so
	 * those two pick their state; the others take the input's. */
	unsigned mode = fuzz_modes[(h[IN_MODE] & 0x3f) %
				   (sizeof fuzz_modes / sizeof fuzz_modes[0])];
	if (mode == MODE_HYP && (cfgb & 4))
		cpu->cp15.scr |= 1u; /* SCR.NS */
	cpu_set_mode(cpu, mode);
	for (unsigned i = 0; i < 15; i++)
		cpu->r[i] = fuzz_value(&seed, virt);
	uint32_t flags = (uint32_t)fuzz_rand(&seed) & (CPSR_NZCV | CPSR_Q | CPSR_GE_MASK);
	cpu->cpsr = (cpu->cpsr & ~(CPSR_NZCV | CPSR_Q | CPSR_GE_MASK)) | flags;
	/* every SPSR and ELR_hyp random too: exception returns then go
	 * anywhere, to any mode, legal or not */
	for (unsigned b = 0; b < BANK_COUNT; b++)
		cpu->bank_spsr[b] = (uint32_t)fuzz_rand(&seed);
	cpu->elr_hyp = fuzz_value(&seed, virt);
	if (cfgb & 0x10)
		cpu->cpsr |= CPSR_E;
	if (cfgb & 0x20)
		cpu_set_itstate(cpu, h[IN_IT]);

	if (cfgb & 8) {
		/* MMU on over the random contents: translation tables at the
		 * start of the code RAM (short or long descriptors, as TTBCR
		 * says), every domain a manager, for the mode's regime. */
		unsigned bank = cpu_cp15_bank(cpu);
		poke(cpu, "TTBR0", bank, FUZZ_CODE_BASE);
		poke(cpu, "TTBR1", bank, FUZZ_CODE_BASE + 0x4000u);
		uint32_t ttbcr = (uint32_t)fuzz_rand(&seed), sctlr = (uint32_t)fuzz_rand(&seed);
		poke(cpu, "TTBCR", bank, ttbcr);
		poke(cpu, "DACR", bank, 0xffffffffu);
		poke(cpu, "SCTLR", bank, (sctlr & 0x72003887u) | 1u);
		poke(cpu, "HTTBR", 0, FUZZ_CODE_BASE);
		poke(cpu, "HTCR", 0, ttbcr & 7u);
		poke(cpu, "HSCTLR", 0, (sctlr & 0x02001007u) | 1u);
		mmu_context_changed(cpu);
	}

	if ((h[IN_MODE] & 0x40) && (cpu->cp15.scr & 1u) && mode != MODE_MON) {
		/* Non-secure: random Hyp controls. HCR: any bits (stage 2,
		 * the virtual IRQ/FIQ/abort, AMO/IMO/FMO routing, every
		 * trap); the stage 2 tables are in the code RAM, the
		 * Hyp vectors at 0 (random code too). */
		poke(cpu, "HCR", 0, (uint32_t)fuzz_rand(&seed));
		poke(cpu, "HSTR", 0, (uint32_t)fuzz_rand(&seed) & 0x3bfffu);
		poke(cpu, "HCPTR", 0, (uint32_t)fuzz_rand(&seed));
		poke(cpu, "HDCR", 0, (uint32_t)fuzz_rand(&seed));
		poke(cpu, "VTCR", 0, (uint32_t)fuzz_rand(&seed));
		poke(cpu, "VTTBR", 0, (fuzz_rand(&seed) & 0xff000000000000ull) |
				      (FUZZ_CODE_BASE + 0x8000u));
		poke(cpu, "HVBAR", 0, (fuzz_rand(&seed) & 1) ? FUZZ_CODE_BASE : 0);
		mmu_context_changed(cpu);
	}

	machine_run(&m, 16u + 8u * h[IN_STEPS]);
	machine_destroy(&m);
	return 0;
}
