/* Fuzz harness of the virt board's boot loader (src/sim/boot.c): the
 * kernel (zImage, uImage, ELF or raw), --initrd, --dtb, --append and
 * Xen's --module files, as `hypsim run --board virt` hands them to
 * boot_load(), into a small virt machine; then a few hundred instructions
 * of whatever was loaded, from the entry point boot_load chose.
 *
 * Input: a flags byte, then length-prefixed pieces (a 32-bit little-endian
 * length, clipped to what is left): the kernel, then — as the flags say —
 * the initrd, the DTB, the bootargs and the modules (each with a 64-bit
 * load address when flag 0x80 is set). A uImage's header and data CRCs are
 * recomputed unless flag 0x40 is set, so that mutations reach the checks
 * past them.
 *
 *   flags: bit 0 initrd, 1 dtb, 2 append, 3-4 modules (0-3), 5 entry in
 *          Hyp (else SVC), 6 keep uImage CRCs, 7 module addresses */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "fuzz_util.h"
#include "sim/boot.h"
#include "devices/board.h"
#include "sim/machine.h"

#define FUZZ_MEM_BASE 0x40000000u
#define FUZZ_MEM_SIZE (32u << 20)
#define MAX_PIECE (1u << 20)

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A uImage (magic 0x27051956 at 0): make both CRCs right (the data CRC
 * over as much of the data as the file has). */
static void fix_uimage(uint8_t *p, size_t n)
{
	if (n < 64 || be32(p) != 0x27051956u)
		return;
	uint32_t size = be32(p + 12);
	if (size > n - 64)
		size = (uint32_t)(n - 64);
	put_be32(p + 24, boot_crc32(p + 64, size));
	put_be32(p + 4, 0);
	put_be32(p + 4, boot_crc32(p, 64));
}

/* The next piece as a file in slot `slot`; NULL if the input has none. */
static const char *piece(struct fuzz_in *in, unsigned slot, const char *name,
			 bool fix)
{
	size_t len = fuzz_u32(in) % MAX_PIECE, got;
	const uint8_t *p = fuzz_bytes(in, len, &got);
	uint8_t *copy = malloc(got ? got : 1);
	if (!copy)
		return NULL;
	memcpy(copy, p, got);
	if (fix)
		fix_uimage(copy, got);
	const char *path = fuzz_tmp_file(slot, name, copy, got);
	free(copy);
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size, 0};
	unsigned flags = fuzz_u8(&in);
	bool fix = !(flags & 0x40);

	struct boot_params bp = {0};
	char append[256];
	bp.kernel = piece(&in, 0, "kernel", fix);
	if (flags & 1)
		bp.initrd = piece(&in, 1, "initrd", fix);
	if (flags & 2)
		bp.dtb_file = piece(&in, 2, "dtb", false);
	if (flags & 4) {
		size_t len = fuzz_u8(&in), got;
		const uint8_t *p = fuzz_bytes(&in, len, &got);
		memcpy(append, p, got);
		append[got] = 0;
		bp.append = append;
	}
	bp.n_modules = (flags >> 3) & 3;
	static const char *const names[] = {"mod0", "mod1", "mod2"};
	for (unsigned i = 0; i < bp.n_modules; i++) {
		struct boot_module *mod = &bp.modules[i];
		if (flags & 0x80) {
			mod->addr = fuzz_u64(&in);
			mod->have_addr = true;
		}
		mod->path = piece(&in, 3 + i, names[i], fix);
		mod->args = (i & 1) ? "console=hvc0" : NULL;
	}
	if (!bp.kernel || (flags & 1 && !bp.initrd) ||
	    (flags & 2 && !bp.dtb_file))
		return 0;
	for (unsigned i = 0; i < bp.n_modules; i++)
		if (!bp.modules[i].path)
			return 0;

	struct machine_config cfg = {
		.board = "virt",
		.n_clusters = 1,
		.mem_base = FUZZ_MEM_BASE,
		.mem_size = FUZZ_MEM_SIZE,
		.entry = (flags & 0x20) ? ENTRY_HYP : ENTRY_SVC,
		.icache_model = true,
		.cache_seed = 1,
	};
	cfg.clusters[0].model = &cortex_a15_model;
	cfg.clusters[0].count = 2;
	static struct machine m;
	char err[512];
	if (!machine_init(&m, &cfg, err, sizeof err)) {
		fprintf(stderr, "fuzz_boot: machine_init: %s\n", err);
		abort();
	}
	m.console = fuzz_devnull();
	bp.dt.board = board_find("virt");
	bp.dt.mem_base = cfg.mem_base;
	bp.dt.mem_size = cfg.mem_size;
	bp.dt.psci_method = cfg.entry == ENTRY_HYP ? "smc" : "hvc";
	struct boot_result br;
	err[0] = 0;
	if (boot_dt_cpus(&m, &bp.dt, err, sizeof err) &&
	    boot_load(&m, &bp, &br, err, sizeof err)) {
		/* what run_boot_virt does next, then a short run */
		m.entry_point = br.entry;
		m.have_entry = true;
		m.boot_regs[0] = br.r0;
		m.boot_regs[1] = br.r1;
		m.boot_regs[2] = br.r2;
		machine_reset(&m, (uint32_t)br.entry);
		machine_run(&m, 500);
	} else {
		if (getenv("FUZZ_VERBOSE")) /* how far the seeds get */
			fprintf(stderr, "fuzz_boot: %s\n", err);
		if (!err[0] || strchr(err, '\n')) {
			/* the contract: a one-line reason */
			fprintf(stderr, "fuzz_boot: bad error message: "
					"\"%s\"\n", err);
			abort();
		}
	}
	machine_destroy(&m);
	return 0;
}
