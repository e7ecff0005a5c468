/* Fuzz harness of the core: random instruction words in ARM or Thumb state,
 * in every mode (USR, FIQ, IRQ, SVC, MON, ABT, HYP, UND, SYS; Secure and
 * Non-secure), with random register values, run for a bounded number of
 * instructions. hypsim must never crash, hang or trip ASan/UBSan, whatever
 * the input (DESIGN.md principle 3: the guest can never crash the
 * simulator).
 *
 * The input is a header (fuzz_input below; short inputs are padded with
 * zeros) followed by code bytes. The machine is the bare board of
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

/* The header, read byte by byte (no alignment or host-endian assumption). */
enum {
	IN_CFG = 0,   /* bit 0 A7, 1 Thumb, 2 Secure, 3 MMU on, 4 CPSR.E,
		       * 5 random ITSTATE, 6 D-cache model, 7 I-cache model off */
	IN_MODE = 1,  /* index into fuzz_modes */
	IN_STEPS = 2, /* instructions: 16 + 8 * value */
	IN_IT = 3,    /* ITSTATE when bit 5 of cfg */
	IN_REGS = 4,  /* r0-r14, 4 bytes each, little-endian */
	IN_FLAGS = IN_REGS + 15 * 4, /* NZCVQ (bits 31:27), GE (19:16) */
	IN_SCTLR = IN_FLAGS + 4,     /* extra SCTLR bits when the MMU is on */
	IN_TTBCR = IN_SCTLR + 4,
	IN_HEADER = IN_TTBCR + 4,
};

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

	/* Mode and security state: Monitor mode is Secure whatever SCR.NS
	 * says and Hyp mode exists only in Non-secure state (B1.3.1), so
	 * those two pick their state; the others take the input's. */
	/* the other modes' SP and LR: random, set before the mode switch
	 * so that the switch banks them in */
	for (unsigned b = 0; b < BANK_COUNT; b++) {
		cpu->bank_sp[b] = get32(h, IN_REGS + 4 * ((3 * b + 1) % 15));
		cpu->bank_lr[b] = get32(h, IN_REGS + 4 * ((7 * b + 2) % 15));
	}
	unsigned mode = fuzz_modes[h[IN_MODE] % (sizeof fuzz_modes / sizeof fuzz_modes[0])];
	if (mode == MODE_HYP && (cfgb & 4))
		cpu->cp15.scr |= 1u; /* SCR.NS */
	cpu_set_mode(cpu, mode);
	for (unsigned i = 0; i < 15; i++)
		cpu->r[i] = get32(h, IN_REGS + 4 * i);
	uint32_t flags = get32(h, IN_FLAGS) & (CPSR_NZCV | CPSR_Q | CPSR_GE_MASK);
	cpu->cpsr = (cpu->cpsr & ~(CPSR_NZCV | CPSR_Q | CPSR_GE_MASK)) | flags;
	/* every SPSR and ELR_hyp random too: exception returns then go
	 * anywhere, to any mode, legal or not */
	for (unsigned b = 0; b < BANK_COUNT; b++)
		cpu->bank_spsr[b] = get32(h, IN_REGS + 4 * ((5 * b + 3) % 15)) ^
				    (0x1f0u * b);
	cpu->elr_hyp = get32(h, IN_REGS + 4 * 14) ^ 0x40000000u;
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
		poke(cpu, "TTBCR", bank, get32(h, IN_TTBCR));
		poke(cpu, "DACR", bank, 0xffffffffu);
		poke(cpu, "SCTLR", bank, (get32(h, IN_SCTLR) & 0x72003887u) | 1u);
		poke(cpu, "HTTBR", 0, FUZZ_CODE_BASE);
		poke(cpu, "HTCR", 0, get32(h, IN_TTBCR) & 7u);
		poke(cpu, "HSCTLR", 0, (get32(h, IN_SCTLR) & 0x02001007u) | 1u);
		mmu_context_changed(cpu);
	}

	machine_run(&m, 16u + 8u * h[IN_STEPS]);
	machine_destroy(&m);
	return 0;
}
