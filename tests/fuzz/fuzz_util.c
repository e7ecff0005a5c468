/* See fuzz_util.h. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmu/bus.h"
#include "sim/machine.h"

#define FUZZ_SLOTS 8

static char tmp_dir[256];
static char paths[FUZZ_SLOTS][320];

static void remove_tmp_dir(void)
{
	DIR *d = opendir(tmp_dir);
	if (d) {
		struct dirent *e;
		char p[600];
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof p, "%s/%s", tmp_dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(tmp_dir);
}

static const char *dir(void)
{
	if (tmp_dir[0])
		return tmp_dir;
	const char *t = getenv("TMPDIR");
	snprintf(tmp_dir, sizeof tmp_dir, "%s/hypsim-fuzz-XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(tmp_dir)) {
		perror("fuzz: mkdtemp");
		exit(1);
	}
	atexit(remove_tmp_dir);
	return tmp_dir;
}

const char *fuzz_tmp_path(unsigned slot, const char *name)
{
	slot %= FUZZ_SLOTS;
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir(), name);
	return paths[slot];
}

const char *fuzz_tmp_file(unsigned slot, const char *name, const void *data,
			  size_t size)
{
	const char *p = fuzz_tmp_path(slot, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		return NULL;
	bool ok = fwrite(data, 1, size, f) == size;
	if (fclose(f) != 0 || !ok)
		return NULL;
	return p;
}

FILE *fuzz_devnull(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		f = tmpfile();
	if (!f)
		abort();
	return f;
}

uint8_t fuzz_u8(struct fuzz_in *in)
{
	return in->pos < in->n ? in->p[in->pos++] : 0;
}

uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < 4; i++)
		v |= (uint32_t)fuzz_u8(in) << (8 * i);
	return v;
}

uint64_t fuzz_u64(struct fuzz_in *in)
{
	uint64_t lo = fuzz_u32(in);
	return lo | (uint64_t)fuzz_u32(in) << 32;
}

const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t len, size_t *got)
{
	size_t left = in->n - in->pos;
	if (len > left)
		len = left;
	const uint8_t *p = in->p + in->pos;
	in->pos += len;
	*got = len;
	return p;
}

void fuzz_virt_machine(struct machine *m, const struct core_model *model,
		       unsigned cores, bool hyp, uint32_t mem_size,
		       const uint32_t *program, size_t words, const char *who)
{
	const uint32_t base = 0x40000000u;
	struct machine_config cfg = {
		.board = "virt",
		.n_clusters = 1,
		.mem_base = base,
		.mem_size = mem_size,
		.entry = hyp ? ENTRY_HYP : ENTRY_SVC,
		.icache_model = true,
		.cache_seed = 1,
	};
	cfg.clusters[0].model = model;
	cfg.clusters[0].count = cores;
	char err[256];
	if (!machine_init(m, &cfg, err, sizeof err)) {
		fprintf(stderr, "%s: machine_init: %s\n", who, err);
		abort();
	}
	m->console = fuzz_devnull();
	uint8_t *ram = bus_ram_ptr(&m->bus, base, 4 * words);
	for (size_t i = 0; i < words; i++)
		for (unsigned b = 0; b < 4; b++)
			ram[4 * i + b] = (uint8_t)(program[i] >> 8 * b);
	machine_reset(m, base);
}
