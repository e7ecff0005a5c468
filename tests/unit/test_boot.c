/* Kernel loading as a bootloader does (src/sim/boot.c): synthetic zImage,
 * uImage, raw and ELF files in a temporary directory, loaded into a
 * 16 MiB `bare` machine; where the bytes landed, the entry, r0-r2, the DTB
 * found at r2, and each bad input's one-line error. */
#include <check.h>
#include <elf.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "unit_machine.h"
#include "devices/board.h"
#include "devices/dtb.h"
#include "mmu/bus.h"
#include "sim/boot.h"
#include "sim/machine.h"

#define RAM 0x40000000u
#define RAM_SIZE (16u << 20)
/* where a zImage/raw kernel, the initrd and (without one) the DTB go:
 * RAM + 64 KiB, RAM + min(RAM / 2, 128 MiB) */
#define KERNEL (RAM + 0x10000u)
#define INITRD (RAM + RAM_SIZE / 2)

static struct machine m;
static char dir[] = "/tmp/test_boot.XXXXXX";
/* paths handed to boot_load: m->loaded keeps pointers to them */
static char *paths[16];
static unsigned n_paths;

static void setup(void)
{
	strcpy(dir, "/tmp/test_boot.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
}

static void teardown(void)
{
	machine_destroy(&m);
	for (unsigned i = 0; i < n_paths; i++)
		free(paths[i]);
	n_paths = 0;
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *path_of(const char *name)
{
	ck_assert_uint_lt(n_paths, 16);
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	paths[n_paths++] = p;
	return p;
}

static const char *put(const char *name, const void *data, size_t size)
{
	const char *p = path_of(name);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, size, f), size);
	fclose(f);
	return p;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put_be32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (24 - 8 * i));
}

/* `size` bytes of a pattern that differs from file to file. */
static uint8_t *pattern(size_t size, unsigned seed)
{
	uint8_t *d = malloc(size);
	for (size_t i = 0; i < size; i++)
		d[i] = (uint8_t)(i * 7 + seed * 13 + (i >> 8));
	return d;
}

/* A zImage: the header words at 0x24-0x33, `size` bytes in all. */
static uint8_t *zimage(size_t size, uint32_t start, uint32_t end,
		       uint32_t endian)
{
	uint8_t *d = pattern(size, 1);
	put_le32(d + 0x24, 0x016f2818);
	put_le32(d + 0x28, start);
	put_le32(d + 0x2c, end);
	put_le32(d + 0x30, endian);
	return d;
}

/* A uImage around `payload`, with correct CRCs. */
static uint8_t *uimage(const uint8_t *payload, uint32_t size, uint32_t load,
		       uint32_t ep, uint8_t type, uint8_t comp)
{
	uint8_t *d = calloc(1, 64 + size);
	put_be32(d, 0x27051956);
	put_be32(d + 12, size);
	put_be32(d + 16, load);
	put_be32(d + 20, ep);
	memcpy(d + 64, payload, size);
	put_be32(d + 24, boot_crc32(payload, size));
	d[28] = 5; /* Linux */
	d[29] = 2; /* ARM */
	d[30] = type;
	d[31] = comp;
	strcpy((char *)d + 32, "test kernel");
	put_be32(d + 4, boot_crc32(d, 64));
	return d;
}

static void base_params(struct boot_params *p, const char *kernel)
{
	memset(p, 0, sizeof *p);
	p->kernel = kernel;
	p->dt.board = board_find("virt");
	p->dt.n_cpus = 1;
	p->dt.cpus[0] = (struct dtb_cpu){"arm,cortex-a15", 0};
	p->dt.psci_method = "smc";
}

static bool boot(const struct boot_params *p, struct boot_result *r,
		 char *err, size_t errlen)
{
	err[0] = 0;
	return boot_load(&m, p, r, err, errlen);
}

static void boot_ok(const struct boot_params *p, struct boot_result *r)
{
	char err[300];
	ck_assert_msg(boot(p, r, err, sizeof err), "%s", err);
	ck_assert_uint_eq(r->r0, 0);
	ck_assert_uint_eq(r->r1, 0xffffffff);
	ck_assert_uint_eq(r->r2, r->dtb_addr);
	ck_assert_uint_eq(r->dtb_addr % 8, 0);
	ck_assert_uint_eq(m.entry_point, r->entry);
}

/* The error names the file and says `why`. */
static void boot_fails(const struct boot_params *p, const char *file,
		       const char *why)
{
	struct boot_result r;
	char err[300];
	ck_assert_msg(!boot(p, &r, err, sizeof err), "%s loaded", file);
	ck_assert_msg(strncmp(err, file, strlen(file)) == 0 &&
			      strstr(err, why) != NULL,
		      "error \"%s\" should name %s and say \"%s\"", err, file,
		      why);
	ck_assert_ptr_null(strchr(err, '\n'));
}

static void expect_ram(uint64_t pa, const void *data, size_t size)
{
	uint8_t *p = bus_ram_ptr(&m.bus, pa, size);
	ck_assert_ptr_nonnull(p);
	ck_assert_msg(memcmp(p, data, size) == 0, "bytes at 0x%llx differ",
		      (unsigned long long)pa);
}

/* The DTB at r2, checked by libfdt. */
static const void *dtb_at(const struct boot_result *r)
{
	const void *fdt = bus_ram_ptr(&m.bus, r->r2, r->dtb_size);
	ck_assert_ptr_nonnull(fdt);
	ck_assert_int_eq(fdt_check_header(fdt), 0);
	ck_assert_uint_eq(fdt_totalsize(fdt), r->dtb_size);
	ck_assert_int_eq(fdt_check_full(fdt, r->dtb_size), 0);
	return fdt;
}

static uint64_t chosen_number(const void *fdt, const char *prop)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				       prop, &len);
	ck_assert_ptr_nonnull(v);
	if (len == 8)
		return (uint64_t)fdt32_to_cpu(v[0]) << 32 | fdt32_to_cpu(v[1]);
	ck_assert_int_eq(len, 4);
	return fdt32_to_cpu(v[0]);
}

START_TEST(crc32_known_answer)
{
	/* the CRC-32 check value of the standard's test string */
	ck_assert_uint_eq(boot_crc32("123456789", 9), 0xcbf43926);
	ck_assert_uint_eq(boot_crc32("", 0), 0);
}
END_TEST

START_TEST(zimage_with_initrd)
{
	uint8_t *k = zimage(0x2345, 0, 0x2000, 0x04030201);
	uint8_t *rd = pattern(0x3001, 2);
	struct boot_params p;
	base_params(&p, put("zImage", k, 0x2345));
	p.initrd = put("initrd", rd, 0x3001);
	p.append = "console=ttyAMA0 root=/dev/ram";
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "zImage");
	ck_assert_uint_eq(r.entry, KERNEL);
	/* the whole file, bytes past `end` included */
	expect_ram(KERNEL, k, 0x2345);
	ck_assert_uint_eq(r.initrd_start, INITRD);
	ck_assert_uint_eq(r.initrd_end, INITRD + 0x3001);
	expect_ram(INITRD, rd, 0x3001);
	/* the DTB on the next page after the initrd */
	ck_assert_uint_eq(r.dtb_addr, INITRD + 0x4000);

	const void *fdt = dtb_at(&r);
	ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				     "bootargs", NULL),
			 "console=ttyAMA0 root=/dev/ram");
	ck_assert_uint_eq(chosen_number(fdt, "linux,initrd-start"), INITRD);
	ck_assert_uint_eq(chosen_number(fdt, "linux,initrd-end"),
			  INITRD + 0x3001);
	/* /memory is the machine's RAM when the caller leaves it 0 */
	const fdt32_t *reg = fdt_getprop(
		fdt, fdt_path_offset(fdt, "/memory@40000000"), "reg", NULL);
	ck_assert_ptr_nonnull(reg);
	ck_assert_uint_eq(fdt32_to_cpu(reg[3]), RAM_SIZE);
	free(k);
	free(rd);
}
END_TEST

START_TEST(zimage_big_endian_no_initrd)
{
	uint8_t *k = zimage(0x1000, 0, 0x1000, 0x01020304);
	struct boot_params p;
	base_params(&p, put("zImage-be", k, 0x1000));
	const char *dump = path_of("dump.dtb");
	p.dumpdtb = dump;
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "zImage (big-endian)");
	expect_ram(KERNEL, k, 0x1000);
	/* no initrd: the DTB goes where it would have been */
	ck_assert_uint_eq(r.initrd_start, r.initrd_end);
	ck_assert_uint_eq(r.dtb_addr, INITRD);
	const void *fdt = dtb_at(&r);
	ck_assert_ptr_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				       "bootargs", NULL));
	ck_assert_ptr_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				       "linux,initrd-start", NULL));
	/* --dumpdtb wrote the same bytes */
	FILE *f = fopen(dump, "rb");
	ck_assert_ptr_nonnull(f);
	uint8_t buf[65536];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	ck_assert_uint_eq(n, r.dtb_size);
	expect_ram(r.dtb_addr, buf, n);
	free(k);
}
END_TEST

START_TEST(zimage_bad)
{
	struct boot_params p;
	/* header says 0x2000 bytes, the file has 0x1000 */
	uint8_t *k = zimage(0x1000, 0, 0x2000, 0x04030201);
	const char *path = put("short", k, 0x1000);
	base_params(&p, path);
	boot_fails(&p, path, "truncated zImage");
	/* end before start */
	put_le32(k + 0x28, 0x1000);
	put_le32(k + 0x2c, 0x800);
	path = put("inverted", k, 0x1000);
	base_params(&p, path);
	boot_fails(&p, path, "bad zImage header");
	/* cut inside its header */
	path = put("stub", k, 0x2e);
	base_params(&p, path);
	boot_fails(&p, path, "truncated zImage");
	ck_assert_uint_eq(m.n_loaded, 0);
	free(k);
}
END_TEST

/* Xen's zImage header has no endianness flag and counts its BSS in
 * `end`: a file shorter than end - start loads, and the rest of its
 * footprint stays clear. */
START_TEST(zimage_footprint_past_file)
{
	uint8_t *k = zimage(0x1000, 0, 0x3000, 0xe1a00000 /* code */);
	uint8_t *mod = pattern(0x10, 15);
	struct boot_params p;
	base_params(&p, put("xen", k, 0x1000));
	p.n_modules = 1;
	p.modules[0] = (struct boot_module){put("in-bss", mod, 0x10),
					    KERNEL + 0x2000, true, NULL};
	boot_fails(&p, p.modules[0].path, "overlaps");

	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	p.modules[0].addr = KERNEL + 0x3000;
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "zImage");
	expect_ram(KERNEL, k, 0x1000);
	expect_ram(KERNEL + 0x3000, mod, 0x10);
	free(k);
	free(mod);
}
END_TEST

START_TEST(uimage_kernel)
{
	uint8_t *payload = pattern(0x1800, 3);
	uint8_t *u = uimage(payload, 0x1800, RAM + 0x200000, RAM + 0x200040,
			    2, 0);
	struct boot_params p;
	base_params(&p, put("uImage", u, 64 + 0x1800));
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "uImage");
	ck_assert_uint_eq(r.entry, RAM + 0x200040);
	/* the payload at the load address, not the header */
	expect_ram(RAM + 0x200000, payload, 0x1800);
	ck_assert_uint_eq(r.dtb_addr, INITRD);
	dtb_at(&r);
	free(u);
	free(payload);
}
END_TEST

START_TEST(uimage_noload_and_ramdisk)
{
	uint8_t *payload = pattern(0x800, 4);
	/* KERNEL_NOLOAD: placed like a zImage, entry as an offset */
	uint8_t *u = uimage(payload, 0x800, 0, 0x20, 14, 0);
	uint8_t *rdp = pattern(0x900, 5);
	uint8_t *rd = uimage(rdp, 0x900, 0, 0, 3, 0);
	struct boot_params p;
	base_params(&p, put("uImage-noload", u, 64 + 0x800));
	p.initrd = put("uInitrd", rd, 64 + 0x900);
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_uint_eq(r.entry, KERNEL + 0x20);
	expect_ram(KERNEL, payload, 0x800);
	/* the ramdisk's payload without its header */
	expect_ram(INITRD, rdp, 0x900);
	ck_assert_uint_eq(r.initrd_end, INITRD + 0x900);
	free(u);
	free(rd);
	free(payload);
	free(rdp);
}
END_TEST

START_TEST(uimage_bad)
{
	uint8_t *payload = pattern(0x400, 6);
	struct boot_params p;
	const char *path;
	uint8_t *u = uimage(payload, 0x400, RAM + 0x100000, RAM + 0x100000,
			    2, 0);

	u[40] ^= 1; /* a name byte: the header CRC no longer matches */
	path = put("hcrc", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "header CRC");
	u[40] ^= 1;

	u[64 + 9] ^= 1; /* a data byte */
	path = put("dcrc", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "data CRC");
	u[64 + 9] ^= 1;

	path = put("cut", u, 64 + 0x3ff); /* the data is one byte short */
	base_params(&p, path);
	boot_fails(&p, path, "data size");

	path = put("header-only", u, 40);
	base_params(&p, path);
	boot_fails(&p, path, "truncated uImage");
	free(u);

	u = uimage(payload, 0x400, RAM + 0x100000, RAM + 0x100000, 2, 1);
	path = put("gzip", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "compressed uImage (gzip)");
	free(u);

	u = uimage(payload, 0x400, RAM + 0x100000, RAM + 0x100000, 3, 0);
	path = put("ramdisk-as-kernel", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "not a kernel");
	free(u);

	u = uimage(payload, 0x400, RAM + 0x100000, RAM + 0x100000, 2, 0);
	u[29] = 3; /* x86 */
	put_be32(u + 4, 0);
	put_be32(u + 4, boot_crc32(u, 64));
	path = put("x86", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "not for ARM");
	free(u);

	/* loading below RAM */
	u = uimage(payload, 0x400, 0x8000, 0x8000, 2, 0);
	path = put("low", u, 64 + 0x400);
	base_params(&p, path);
	boot_fails(&p, path, "outside RAM");
	free(u);

	/* the ramdisk type is checked for an initrd too */
	u = uimage(payload, 0x400, 0, 0, 2, 0);
	uint8_t *k = zimage(0x100, 0, 0x100, 0x04030201);
	base_params(&p, put("zImage", k, 0x100));
	p.initrd = put("kernel-as-initrd", u, 64 + 0x400);
	boot_fails(&p, p.initrd, "not a ramdisk");
	free(u);
	free(k);
	free(payload);
}
END_TEST

START_TEST(raw_image)
{
	uint8_t *k = pattern(0x777, 7);
	struct boot_params p;
	base_params(&p, put("Image.raw", k, 0x777));
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "raw");
	ck_assert_uint_eq(r.entry, KERNEL);
	expect_ram(KERNEL, k, 0x777);
	free(k);
}
END_TEST

/* A minimal 32-bit ARM ELF: one PT_LOAD of `size` bytes at `paddr`. */
static const char *elf_file(const char *name, uint32_t paddr,
			    const uint8_t *data, uint32_t size)
{
	size_t total = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr) + size;
	uint8_t *f = calloc(1, total);
	Elf32_Ehdr *eh = (Elf32_Ehdr *)f;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_ARM;
	eh->e_version = EV_CURRENT;
	eh->e_entry = paddr + 8;
	eh->e_phoff = sizeof *eh;
	eh->e_ehsize = sizeof *eh;
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 1;
	Elf32_Phdr *ph = (Elf32_Phdr *)(f + sizeof *eh);
	ph->p_type = PT_LOAD;
	ph->p_offset = sizeof *eh + sizeof *ph;
	ph->p_vaddr = ph->p_paddr = paddr;
	ph->p_filesz = size;
	ph->p_memsz = size + 0x100; /* with a zeroed tail */
	ph->p_flags = PF_R | PF_X;
	memcpy(f + ph->p_offset, data, size);
	const char *path = put(name, f, total);
	free(f);
	return path;
}

START_TEST(elf_kernel)
{
	uint8_t *data = pattern(0x600, 8);
	struct boot_params p;
	base_params(&p, elf_file("vmlinux", RAM + 0x8000, data, 0x600));
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_str_eq(r.kernel_format, "ELF");
	ck_assert_uint_eq(r.entry, RAM + 0x8008);
	expect_ram(RAM + 0x8000, data, 0x600);
	dtb_at(&r);
	free(data);
}
END_TEST

/* A kernel reaching past RAM / 2 pushes the initrd and DTB above it. */
START_TEST(big_kernel_pushes_initrd)
{
	uint8_t *data = pattern(0x100, 9);
	struct boot_params p;
	base_params(&p, elf_file("big", RAM + 0x7ff000, data, 0x100));
	uint8_t *rd = pattern(0x10, 10);
	p.initrd = put("initrd", rd, 0x10);
	struct boot_result r;
	boot_ok(&p, &r);
	/* the ELF ends at RAM + 0x7ff200 (its zeroed tail included),
	 * below RAM / 2: the initrd stays there */
	ck_assert_uint_eq(r.initrd_start, RAM + 0x800000);
	free(data);
	free(rd);

	/* an ELF past the half: the initrd follows on the next page */
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	data = pattern(0x100, 9);
	base_params(&p, elf_file("bigger", RAM + 0x900000, data, 0x100));
	rd = pattern(0x10, 10);
	p.initrd = put("initrd2", rd, 0x10);
	boot_ok(&p, &r);
	ck_assert_uint_eq(r.initrd_start, RAM + 0x901000);
	expect_ram(RAM + 0x901000, rd, 0x10);
	free(data);
	free(rd);
}
END_TEST

/* With 512 MiB of RAM the initrd goes at RAM + 128 MiB, not halfway. */
START_TEST(initrd_at_128m)
{
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, 512u << 20, ENTRY_SVC,
		     RAM);
	uint8_t *k = zimage(0x100, 0, 0x100, 0x04030201);
	uint8_t *rd = pattern(0x20, 16);
	struct boot_params p;
	base_params(&p, put("zImage", k, 0x100));
	p.initrd = put("initrd", rd, 0x20);
	struct boot_result r;
	boot_ok(&p, &r);
	ck_assert_uint_eq(r.initrd_start, RAM + (128u << 20));
	expect_ram(RAM + (128u << 20), rd, 0x20);
	ck_assert_uint_eq(r.dtb_addr, RAM + (128u << 20) + 0x1000);
	const void *fdt = dtb_at(&r);
	const fdt32_t *reg = fdt_getprop(
		fdt, fdt_path_offset(fdt, "/memory@40000000"), "reg", NULL);
	ck_assert_uint_eq(fdt32_to_cpu(reg[3]), 512u << 20);
	free(k);
	free(rd);
}
END_TEST

START_TEST(bad_files)
{
	struct boot_params p;
	const char *missing = path_of("missing");
	base_params(&p, missing);
	boot_fails(&p, missing, "cannot open");

	const char *empty = put("empty", "", 0);
	base_params(&p, empty);
	boot_fails(&p, empty, "empty file");

	base_params(&p, dir);
	boot_fails(&p, dir, "not a regular file");

	/* a kernel larger than RAM */
	uint8_t *big = calloc(1, RAM_SIZE + 1);
	const char *huge = put("huge", big, RAM_SIZE + 1);
	base_params(&p, huge);
	boot_fails(&p, huge, "too large");

	/* an initrd that runs past the end of RAM from RAM / 2 */
	uint8_t *k = zimage(0x100, 0, 0x100, 0x04030201);
	base_params(&p, put("zImage", k, 0x100));
	p.initrd = put("initrd-9M", big, 9u << 20);
	boot_fails(&p, p.initrd, "outside RAM");
	free(big);

	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	base_params(&p, put("zImage2", k, 0x100));
	p.initrd = path_of("no-initrd");
	boot_fails(&p, p.initrd, "cannot open");
	free(k);
}
END_TEST

START_TEST(user_dtb)
{
	/* a user DTB: the board's with an old command line */
	struct dtb_params dp = {0};
	dp.board = board_find("virt");
	dp.mem_base = RAM;
	dp.mem_size = RAM_SIZE;
	dp.n_cpus = 2;
	dp.cpus[0] = (struct dtb_cpu){"arm,cortex-a7", 0};
	dp.cpus[1] = (struct dtb_cpu){"arm,cortex-a7", 1};
	dp.psci_method = "hvc";
	dp.bootargs = "old";
	void *blob;
	size_t size;
	char err[200];
	ck_assert_msg(dtb_build(&dp, &blob, &size, err, sizeof err), "%s",
		      err);
	uint8_t *k = zimage(0x100, 0, 0x100, 0x04030201);
	struct boot_params p;
	base_params(&p, put("zImage", k, 0x100));
	p.dtb_file = put("user.dtb", blob, size);
	p.append = "new args";
	struct boot_result r;
	boot_ok(&p, &r);
	const void *fdt = dtb_at(&r);
	ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				     "bootargs", NULL), "new args");
	/* the user's tree, not the generated one: two cores, hvc */
	ck_assert_int_ge(fdt_path_offset(fdt, "/cpus/cpu@1"), 0);
	ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/psci"),
				     "method", NULL), "hvc");

	/* a malformed one: the header's size beyond the file */
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	base_params(&p, put("zImage2", k, 0x100));
	p.dtb_file = put("cut.dtb", blob, size - 8);
	boot_fails(&p, p.dtb_file, "truncated DTB");
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	base_params(&p, put("zImage3", k, 0x100));
	p.dtb_file = put("text.dtb", "not a device tree at all, just text",
			 35);
	boot_fails(&p, p.dtb_file, "not a DTB");
	free(blob);
	free(k);
}
END_TEST

START_TEST(xen_modules)
{
	uint8_t *k = zimage(0x1000, 0, 0x1000, 0x04030201);
	uint8_t *dom0 = pattern(0x100001, 11); /* 1 MiB + 1 */
	uint8_t *rd = pattern(0x1000, 12);
	uint8_t *fixed = pattern(0x100, 13);
	struct boot_params p;
	base_params(&p, put("xen", k, 0x1000));
	p.append = "dom0_mem=64M";
	p.n_modules = 3;
	p.modules[0] = (struct boot_module){put("dom0", dom0, 0x100001), 0,
					    false, "console=hvc0"};
	/* a module at a given address, where the next free slot would be */
	p.modules[1] = (struct boot_module){put("fixed", fixed, 0x100),
					    RAM + 0xc00000, true, NULL};
	p.modules[2] = (struct boot_module){put("dom0-rd", rd, 0x1000), 0,
					    false, NULL};
	struct boot_result r;
	boot_ok(&p, &r);
	/* DTB at RAM / 2 (no initrd); dom0 on the next 2 MiB boundary;
	 * the ramdisk after it, skipping the fixed module's slot */
	ck_assert_uint_eq(r.dtb_addr, INITRD);
	expect_ram(RAM + 0xa00000, dom0, 0x100001);
	expect_ram(RAM + 0xc00000, fixed, 0x100);
	expect_ram(RAM + 0xe00000, rd, 0x1000);

	const void *fdt = dtb_at(&r);
	int mod = fdt_path_offset(fdt, "/chosen/module@40a00000");
	ck_assert_int_ge(mod, 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, mod,
						   "multiboot,kernel"), 0);
	ck_assert_str_eq(fdt_getprop(fdt, mod, "bootargs", NULL),
			 "console=hvc0");
	const fdt32_t *reg = fdt_getprop(fdt, mod, "reg", NULL);
	ck_assert_uint_eq(fdt32_to_cpu(reg[1]), RAM + 0xa00000);
	ck_assert_uint_eq(fdt32_to_cpu(reg[3]), 0x100001);
	mod = fdt_path_offset(fdt, "/chosen/module@40c00000");
	ck_assert_int_ge(mod, 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, mod,
						   "multiboot,ramdisk"), 0);
	mod = fdt_path_offset(fdt, "/chosen/module@40e00000");
	ck_assert_int_ge(mod, 0);
	reg = fdt_getprop(fdt, mod, "reg", NULL);
	ck_assert_uint_eq(fdt32_to_cpu(reg[3]), 0x1000);
	ck_assert_str_eq(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				     "bootargs", NULL), "dom0_mem=64M");
	free(dom0);
	free(rd);
	free(fixed);

	/* a module given an address on the kernel */
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	base_params(&p, put("xen2", k, 0x1000));
	p.n_modules = 1;
	p.modules[0] = (struct boot_module){put("on-kernel", k, 0x10),
					    KERNEL + 0x800, true, NULL};
	boot_fails(&p, p.modules[0].path, "overlaps");

	/* no room left for a module */
	machine_destroy(&m);
	unit_machine(&m, &cortex_a15_model, 1, RAM, RAM_SIZE, ENTRY_SVC, RAM);
	uint8_t *big = pattern(7u << 20, 14);
	base_params(&p, put("xen3", k, 0x1000));
	p.n_modules = 1;
	p.modules[0] = (struct boot_module){put("7M", big, 7u << 20), 0,
					    false, NULL};
	boot_fails(&p, p.modules[0].path, "no room");
	free(big);
	free(k);
}
END_TEST

/* The cpus of a two-cluster machine: A15s in cluster 0, A7s in 1. */
START_TEST(dt_cpus_from_machine)
{
	machine_destroy(&m);
	struct machine_config cfg = {0};
	cfg.board = "bare";
	cfg.clusters[0].model = &cortex_a15_model;
	cfg.clusters[0].count = 2;
	cfg.clusters[1].model = &cortex_a7_model;
	cfg.clusters[1].count = 3;
	cfg.n_clusters = 2;
	cfg.mem_base = RAM;
	cfg.mem_size = RAM_SIZE;
	char err[200];
	ck_assert_msg(machine_init(&m, &cfg, err, sizeof err), "%s", err);
	machine_reset(&m, RAM);
	struct dtb_params dt = {0};
	ck_assert_msg(boot_dt_cpus(&m, &dt, err, sizeof err), "%s", err);
	ck_assert_uint_eq(dt.n_cpus, 5);
	static const uint32_t mpidr[] = {0x000, 0x001, 0x100, 0x101, 0x102};
	for (unsigned i = 0; i < 5; i++) {
		ck_assert_uint_eq(dt.cpus[i].mpidr, mpidr[i]);
		ck_assert_str_eq(dt.cpus[i].compatible,
				 i < 2 ? "arm,cortex-a15" : "arm,cortex-a7");
	}
}
END_TEST

static Suite *boot_suite(void)
{
	Suite *s = suite_create("boot");
	TCase *tc = tcase_create("boot");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, crc32_known_answer);
	tcase_add_test(tc, zimage_with_initrd);
	tcase_add_test(tc, zimage_big_endian_no_initrd);
	tcase_add_test(tc, zimage_bad);
	tcase_add_test(tc, zimage_footprint_past_file);
	tcase_add_test(tc, uimage_kernel);
	tcase_add_test(tc, uimage_noload_and_ramdisk);
	tcase_add_test(tc, uimage_bad);
	tcase_add_test(tc, raw_image);
	tcase_add_test(tc, elf_kernel);
	tcase_add_test(tc, big_kernel_pushes_initrd);
	tcase_add_test(tc, initrd_at_128m);
	tcase_add_test(tc, bad_files);
	tcase_add_test(tc, user_dtb);
	tcase_add_test(tc, xen_modules);
	tcase_add_test(tc, dt_cpus_from_machine);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(boot_suite)
