/* Fuzz harness of the core: random instruction words in ARM or Thumb state,
 * in every mode (USR, FIQ, IRQ, SVC, MON, ABT, HYP, UND, SYS; Secure and
 * Non-secure), with random register values, run for a bounded number of
 * instructions. hypsim must never crash, hang or trip ASan/UBSan, whatever
 * the input (DESIGN.md principle 3: the guest can never crash the
 * simulator).
 *
 * The input is an 8-byte header (configuration, mode, length, seed of the
 * register values) followed by code bytes. The machine is the bare board of
 * src/sim/machine.c with two 64 KiB RAM regions: one at 0 (the exception
 * vectors, so that exceptions run random code too) and one at 0x40000000
 * (the code, entered at 0x40000100). Both are filled with the code bytes,
 * repeated. Semihosting is off: random code must not open host files.
 *
 * LLVMFuzzerTestOneInput is the libFuzzer entry point (fuzz_cpu, built with
 * -DHYPSIM_FUZZ=ON and clang); fuzz_driver.c calls it for seeded random
 * inputs without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
	IN_MODE = 1,  /* index into fuzz_modes */
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

/* A register value: often an address in one of the RAMs, a small number
 * or an edge value, so that loads, stores and branches reach memory. */
static uint32_t fuzz_value(uint64_t *s)
{
	uint64_t r = fuzz_rand(s);
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

	struct machine_config cfg = {
		.board = "bare",
		.n_clusters = 1,
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

	static struct machine m;
	char err[256];
	if (!machine_init(&m, &cfg, err, sizeof err)) {
		fprintf(stderr, "fuzz_cpu: machine_init: %s\n", err);
		machine_destroy(&m);
		return 0;
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
		machine_destroy(&m);
		return 0;
	}
	fill(bus_ram_ptr(&m.bus, 0, FUZZ_RAM_SIZE), code, ncode);
	fill(bus_ram_ptr(&m.bus, FUZZ_CODE_BASE, FUZZ_RAM_SIZE), code, ncode);

	machine_reset(&m, FUZZ_ENTRY | ((cfgb & 2) ? 1u : 0u));
	struct cpu *cpu = &m.cpus[0];

	uint64_t seed = get32(h, IN_SEED) ^ ((uint64_t)cfgb << 32);
	/* the other modes' SP and LR: random, set before the mode switch
	 * so that the switch banks them in */
	for (unsigned b = 0; b < BANK_COUNT; b++) {
		cpu->bank_sp[b] = fuzz_value(&seed);
		cpu->bank_lr[b] = fuzz_value(&seed);
	}
	/* Mode and security state: Monitor mode is Secure whatever SCR.NS
	 * says and Hyp mode exists only in Non-secure state (B1.3.1), so
	 * those two pick their state; the others take the input's. */
	unsigned mode = fuzz_modes[h[IN_MODE] % (sizeof fuzz_modes / sizeof fuzz_modes[0])];
	if (mode == MODE_HYP && (cfgb & 4))
		cpu->cp15.scr |= 1u; /* SCR.NS */
	cpu_set_mode(cpu, mode);
	for (unsigned i = 0; i < 15; i++)
		cpu->r[i] = fuzz_value(&seed);
	uint32_t flags = (uint32_t)fuzz_rand(&seed) & (CPSR_NZCV | CPSR_Q | CPSR_GE_MASK);
	cpu->cpsr = (cpu->cpsr & ~(CPSR_NZCV | CPSR_Q | CPSR_GE_MASK)) | flags;
	/* every SPSR and ELR_hyp random too: exception returns then go
	 * anywhere, to any mode, legal or not */
	for (unsigned b = 0; b < BANK_COUNT; b++)
		cpu->bank_spsr[b] = (uint32_t)fuzz_rand(&seed);
	cpu->elr_hyp = fuzz_value(&seed);
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

	machine_run(&m, 16u + 8u * h[IN_STEPS]);
	machine_destroy(&m);
	return 0;
}
