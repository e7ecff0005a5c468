/* Kernel, initrd, modules and DTB loading (see boot.h).
 *
 * The layout is QEMU's for its virt board (hw/arm/boot.c), which follows
 * Linux's booting.rst: a zImage or raw image 64 KiB into RAM, the initrd
 * at RAM + min(RAM / 2, 128 MiB) so that the decompressed kernel below it
 * does not overwrite it, the DTB on the next 4 KiB boundary after the
 * initrd (at the initrd's place when there is none: booting.rst asks for
 * the DTB above the kernel's decompression area too), then Xen's
 * modules on 2 MiB boundaries above the DTB. */
#include "sim/boot.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cp15/core_model.h"
#include "devices/board.h"
#include "sim/loader.h"
#include "sim/machine.h"

#define KiB 1024ull
#define MiB (1024ull * KiB)

/* The legacy U-Boot image header (U-Boot's include/image.h): 64 bytes,
 * big-endian fields. */
#define UIMAGE_MAGIC 0x27051956u
#define UIMAGE_HEADER_SIZE 64
enum {
	UIMAGE_MAGIC_OFF = 0,
	UIMAGE_HCRC_OFF = 4,  /* CRC-32 of the header with this field 0 */
	UIMAGE_SIZE_OFF = 12, /* data bytes after the header */
	UIMAGE_LOAD_OFF = 16,
	UIMAGE_EP_OFF = 20,
	UIMAGE_DCRC_OFF = 24, /* CRC-32 of the data */
	UIMAGE_OS_OFF = 28,
	UIMAGE_ARCH_OFF = 29,
	UIMAGE_TYPE_OFF = 30,
	UIMAGE_COMP_OFF = 31,
};
#define IH_OS_LINUX 5
#define IH_ARCH_ARM 2
#define IH_TYPE_KERNEL 2
#define IH_TYPE_RAMDISK 3
/* placed wherever the bootloader likes; the entry is an offset in it */
#define IH_TYPE_KERNEL_NOLOAD 14
#define IH_COMP_NONE 0

/* The zImage header (booting.rst, "zImage"): little-endian words; the
 * endianness flag reads 0x04030201 in a little-endian kernel and
 * 0x01020304 in a big-endian one (kernels before 3.17 have code
 * there, and are taken as little-endian). */
#define ZIMAGE_MAGIC 0x016f2818u
#define ZIMAGE_MAGIC_OFF 0x24
#define ZIMAGE_START_OFF 0x28 /* absolute load address, 0 = anywhere */
#define ZIMAGE_END_OFF 0x2c   /* start + the image's size */
#define ZIMAGE_ENDIAN_OFF 0x30
#define ZIMAGE_HEADER_END 0x34
#define ZIMAGE_LE 0x04030201u
#define ZIMAGE_BE 0x01020304u

/* The DTB and initrd are placed on page boundaries, as QEMU does for
 * 32-bit kernels (booting.rst asks for 8 bytes). */
#define DTB_ALIGN (4 * KiB)
/* Xen's modules: booting.txt does not say; 2 MiB keeps them on Xen's
 * second-level mapping boundaries. */
#define MODULE_ALIGN (2 * MiB)
/* where a zImage or raw kernel goes when the board does not say */
#define DEFAULT_KERNEL_OFFSET 0x10000

struct file_data {
	uint8_t *data;
	size_t size;
};

static void fail(char *err, size_t errlen, const char *what,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* One line: "WHAT: reason". */
static void fail(char *err, size_t errlen, const char *what,
		 const char *fmt, ...)
{
	char why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (errlen)
		snprintf(err, errlen, "%s: %s", what, why);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

uint32_t boot_crc32(const void *data, size_t len)
{
	/* the reflected polynomial 0xedb88320, one byte at a time */
	uint32_t table[256];
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	const uint8_t *p = data;
	uint32_t crc = 0xffffffffu;
	for (size_t i = 0; i < len; i++)
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return crc ^ 0xffffffffu;
}

/* The whole of a regular, non-empty file of at most `max` bytes. */
static bool read_file(const char *path, uint64_t max, struct file_data *f,
		      char *err, size_t errlen)
{
	f->data = NULL;
	f->size = 0;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fail(err, errlen, path, "cannot open: %s", strerror(errno));
		return false;
	}
	struct stat st;
	bool ok = false;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fail(err, errlen, path, "not a regular file");
	} else if (st.st_size == 0) {
		fail(err, errlen, path, "empty file");
	} else if ((uint64_t)st.st_size > max) {
		fail(err, errlen, path,
		     "too large: %lld bytes, RAM has %llu",
		     (long long)st.st_size, (unsigned long long)max);
	} else if (!(f->data = malloc((size_t)st.st_size))) {
		fail(err, errlen, path, "out of memory");
	} else if (fread(f->data, 1, (size_t)st.st_size, fp) !=
		   (size_t)st.st_size) {
		fail(err, errlen, path, "read error");
	} else {
		f->size = (size_t)st.st_size;
		ok = true;
	}
	if (!ok) {
		free(f->data);
		f->data = NULL;
	}
	fclose(fp);
	return ok;
}

struct uimage {
	uint32_t size, load, ep;
	uint8_t os, arch, type, comp;
	const uint8_t *payload;
};

static const char *uimage_comp_name(unsigned comp)
{
	static const char *const names[] = {
		"none", "gzip", "bzip2", "lzma", "lzo", "lz4", "zstd",
	};
	return comp < sizeof names / sizeof names[0] ? names[comp] : "unknown";
}

/* Check a uImage's header and data (CRCs, size against the file, an
 * uncompressed ARM image). */
static bool uimage_parse(const char *path, const struct file_data *f,
			 struct uimage *u, char *err, size_t errlen)
{
	const uint8_t *h = f->data;
	if (f->size < UIMAGE_HEADER_SIZE) {
		fail(err, errlen, path,
		     "truncated uImage: %zu bytes, the header has 64",
		     f->size);
		return false;
	}
	uint8_t copy[UIMAGE_HEADER_SIZE];
	memcpy(copy, h, sizeof copy);
	memset(copy + UIMAGE_HCRC_OFF, 0, 4);
	uint32_t hcrc = be32(h + UIMAGE_HCRC_OFF);
	uint32_t crc = boot_crc32(copy, sizeof copy);
	if (crc != hcrc) {
		fail(err, errlen, path,
		     "bad uImage header CRC 0x%08x (computed 0x%08x)", hcrc,
		     crc);
		return false;
	}
	u->size = be32(h + UIMAGE_SIZE_OFF);
	u->load = be32(h + UIMAGE_LOAD_OFF);
	u->ep = be32(h + UIMAGE_EP_OFF);
	u->os = h[UIMAGE_OS_OFF];
	u->arch = h[UIMAGE_ARCH_OFF];
	u->type = h[UIMAGE_TYPE_OFF];
	u->comp = h[UIMAGE_COMP_OFF];
	u->payload = h + UIMAGE_HEADER_SIZE;
	if (u->size == 0 || u->size > f->size - UIMAGE_HEADER_SIZE) {
		fail(err, errlen, path,
		     "bad uImage data size: header says %u bytes, the file "
		     "has %zu after the header",
		     u->size, f->size - UIMAGE_HEADER_SIZE);
		return false;
	}
	uint32_t dcrc = be32(h + UIMAGE_DCRC_OFF);
	crc = boot_crc32(u->payload, u->size);
	if (crc != dcrc) {
		fail(err, errlen, path,
		     "bad uImage data CRC 0x%08x (computed 0x%08x)", dcrc,
		     crc);
		return false;
	}
	if (u->arch != IH_ARCH_ARM) {
		fail(err, errlen, path, "uImage is not for ARM (arch %u)",
		     u->arch);
		return false;
	}
	if (u->comp != IH_COMP_NONE) {
		fail(err, errlen, path,
		     "compressed uImage (%s): only uncompressed images are "
		     "supported", uimage_comp_name(u->comp));
		return false;
	}
	return true;
}

/* Where the kernel went: its extent and how to enter it. */
struct kernel_placement {
	uint64_t entry, end;
	const char *format;
};

static bool load_image_at(struct machine *m, const char *path,
			  const uint8_t *data, uint64_t size, uint64_t addr,
			  char *err, size_t errlen)
{
	char why[200];
	if (!loader_load_blob(m, path, data, size, addr, why, sizeof why)) {
		fail(err, errlen, path, "%s", why);
		return false;
	}
	return true;
}

static bool load_kernel(struct machine *m, const struct boot_params *p,
			uint64_t kernel_offset, struct kernel_placement *k,
			char *err, size_t errlen)
{
	const char *path = p->kernel;
	uint64_t ram_base = m->cfg.mem_base;
	struct file_data f;
	if (!read_file(path, m->cfg.mem_size, &f, err, errlen))
		return false;
	bool ok = false;
	if (f.size >= 4 && memcmp(f.data, "\177ELF", 4) == 0) {
		/* ELF: the segments' physical addresses and the ELF entry,
		 * through the common loader */
		char why[200];
		unsigned first = m->n_loaded;
		if (!loader_load_elf(m, path, true, why, sizeof why)) {
			fail(err, errlen, path, "%s", why);
			goto out;
		}
		k->end = 0;
		for (unsigned i = first; i < m->n_loaded; i++)
			if (m->loaded[i].end > k->end)
				k->end = m->loaded[i].end;
		k->entry = m->entry_point;
		k->format = "ELF";
	} else if (f.size >= 4 && be32(f.data) == UIMAGE_MAGIC) {
		struct uimage u;
		if (!uimage_parse(path, &f, &u, err, errlen))
			goto out;
		if (u.os != IH_OS_LINUX) {
			fail(err, errlen, path,
			     "uImage OS %u is not Linux, whose boot protocol "
			     "this is", u.os);
			goto out;
		}
		uint64_t load = u.load, entry = u.ep;
		if (u.type == IH_TYPE_KERNEL_NOLOAD) {
			load = ram_base + kernel_offset;
			entry = load + u.ep;
		} else if (u.type != IH_TYPE_KERNEL) {
			fail(err, errlen, path,
			     "uImage type %u is not a kernel", u.type);
			goto out;
		}
		if (!load_image_at(m, path, u.payload, u.size, load, err,
				   errlen))
			goto out;
		if (!bus_ram_ptr(&m->bus, entry, 4)) {
			fail(err, errlen, path,
			     "uImage entry point 0x%llx is outside RAM",
			     (unsigned long long)entry);
			goto out;
		}
		k->entry = entry;
		k->end = load + u.size;
		k->format = "uImage";
	} else if (f.size >= ZIMAGE_MAGIC_OFF + 4 &&
		   le32(f.data + ZIMAGE_MAGIC_OFF) == ZIMAGE_MAGIC) {
		if (f.size < ZIMAGE_HEADER_END) {
			fail(err, errlen, path,
			     "truncated zImage: %zu bytes, shorter than its "
			     "header", f.size);
			goto out;
		}
		uint32_t start = le32(f.data + ZIMAGE_START_OFF);
		uint32_t end = le32(f.data + ZIMAGE_END_OFF);
		uint32_t flag = le32(f.data + ZIMAGE_ENDIAN_OFF);
		if (end <= start || end - start < ZIMAGE_HEADER_END) {
			fail(err, errlen, path,
			     "bad zImage header: start 0x%x, end 0x%x", start,
			     end);
			goto out;
		}
		/* With the endianness flag the header is Linux's (3.17
		 * and later), whose `end` is the end of the file's image:
		 * a shorter file is cut. Without it `end` may count zeroed
		 * memory past the file (Xen's header counts its BSS). The
		 * whole footprint stays clear of the initrd and DTB. */
		bool linux_header = flag == ZIMAGE_LE || flag == ZIMAGE_BE;
		if (linux_header && end - start > f.size) {
			fail(err, errlen, path,
			     "truncated zImage: header says %u bytes, the "
			     "file has %zu", end - start, f.size);
			goto out;
		}
		uint64_t footprint = end - start > f.size ? end - start
							  : f.size;
		/* A non-zero start is the address the image was linked
		 * to run at (CONFIG_ZBOOT_ROM-style images); the bytes
		 * past `end` (an appended DTB) are loaded too. */
		uint64_t load = start ? start : ram_base + kernel_offset;
		if (!load_image_at(m, path, f.data, f.size, load, err, errlen))
			goto out;
		if (footprint > f.size) {
			char why[200];
			if (!loader_claim(m, path, load + f.size,
					  footprint - f.size, why,
					  sizeof why)) {
				fail(err, errlen, path, "%s", why);
				goto out;
			}
		}
		k->entry = load;
		k->end = load + footprint;
		k->format = flag == ZIMAGE_BE ? "zImage (big-endian)"
					      : "zImage";
	} else {
		uint64_t load = ram_base + kernel_offset;
		if (!load_image_at(m, path, f.data, f.size, load, err, errlen))
			goto out;
		k->entry = load;
		k->end = load + f.size;
		k->format = "raw";
	}
	ok = true;
out:
	free(f.data);
	return ok;
}

/* The initrd's bytes: the file, or the payload of a uImage ramdisk (as
 * U-Boot and QEMU accept). */
static bool initrd_payload(const char *path, const struct file_data *f,
			   const uint8_t **data, uint64_t *size, char *err,
			   size_t errlen)
{
	*data = f->data;
	*size = f->size;
	if (f->size < 4 || be32(f->data) != UIMAGE_MAGIC)
		return true;
	struct uimage u;
	if (!uimage_parse(path, f, &u, err, errlen))
		return false;
	if (u.type != IH_TYPE_RAMDISK) {
		fail(err, errlen, path, "uImage type %u is not a ramdisk",
		     u.type);
		return false;
	}
	*data = u.payload;
	*size = u.size;
	return true;
}

/* The lowest `align`ed address at or above `from` where `size` bytes of
 * RAM below ram_end overlap nothing loaded. */
static bool find_free(const struct machine *m, uint64_t from, uint64_t size,
		      uint64_t ram_end, uint64_t align, uint64_t *addr)
{
	uint64_t a = align_up(from, align);
	while (a < ram_end && size <= ram_end - a) {
		uint64_t next = 0;
		for (unsigned i = 0; i < m->n_loaded; i++) {
			const struct loaded_range *r = &m->loaded[i];
			if (a < r->end && r->base < a + size && r->end > next)
				next = r->end;
		}
		if (!next) {
			*addr = a;
			return true;
		}
		a = align_up(next, align);
	}
	return false;
}

/* The DTB for p's /chosen in dt: the user's updated, or the board's. */
static bool make_dtb(const struct boot_params *p, const struct file_data *user,
		     const struct dtb_params *dt, void **blob, size_t *size,
		     char *err, size_t errlen)
{
	char why[200] = "";
	bool ok = user ? dtb_update_chosen(user->data, user->size, dt, blob,
					   size, why, sizeof why)
		       : dtb_build(dt, blob, size, why, sizeof why);
	if (!ok)
		fail(err, errlen, user ? p->dtb_file : "device tree", "%s",
		     why);
	return ok;
}

static bool write_file(const char *path, const void *data, size_t size,
		       char *err, size_t errlen)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		fail(err, errlen, path, "cannot create: %s", strerror(errno));
		return false;
	}
	bool ok = fwrite(data, 1, size, f) == size;
	if (fclose(f) != 0)
		ok = false;
	if (!ok)
		fail(err, errlen, path, "write error");
	return ok;
}

bool boot_dt_cpus(const struct machine *m, struct dtb_params *dt, char *err,
		  size_t errlen)
{
	/* the compatible strings of Linux's bindings/arm/cpus.yaml */
	static const struct {
		const char *model, *compatible;
	} names[] = {
		{"cortex-a15", "arm,cortex-a15"},
		{"cortex-a7", "arm,cortex-a7"},
	};
	if (m->n_cpus > DTB_MAX_CPUS) {
		fail(err, errlen, "device tree", "%u cores, at most %d",
		     m->n_cpus, DTB_MAX_CPUS);
		return false;
	}
	for (unsigned i = 0; i < m->n_cpus; i++) {
		const struct cpu *cpu = &m->cpus[i];
		const char *compatible = NULL;
		for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
			if (cpu->model &&
			    strcmp(cpu->model->name, names[j].model) == 0)
				compatible = names[j].compatible;
		if (!compatible) {
			fail(err, errlen, "device tree",
			     "no compatible string for core model %s",
			     cpu->model ? cpu->model->name : "(none)");
			return false;
		}
		dt->cpus[i].compatible = compatible;
		/* the affinity fields (ARM DDI 0406C B4.1.106) */
		dt->cpus[i].mpidr = cpu->cp15.mpidr & 0xffffff;
	}
	dt->n_cpus = m->n_cpus;
	return true;
}

bool boot_load(struct machine *m, const struct boot_params *p,
	       struct boot_result *out, char *err, size_t errlen)
{
	uint64_t ram_base = m->cfg.mem_base, ram_size = m->cfg.mem_size;
	uint64_t ram_end = ram_base + ram_size;
	const struct board_desc *b = p->dt.board;
	uint64_t kernel_offset = b ? b->kernel_offset : DEFAULT_KERNEL_OFFSET;
	struct file_data user = {0}, initrd = {0};
	struct file_data mods[BOOT_MAX_MODULES] = {{0}};
	void *blob = NULL;
	size_t blob_size = 0;
	bool ok = false;

	memset(out, 0, sizeof *out);
	if (!p->kernel) {
		fail(err, errlen, "boot", "no kernel given");
		return false;
	}
	if (p->n_modules > BOOT_MAX_MODULES) {
		fail(err, errlen, "boot", "more than %d modules",
		     BOOT_MAX_MODULES);
		return false;
	}
	struct kernel_placement k;
	if (!load_kernel(m, p, kernel_offset, &k, err, errlen))
		return false;

	struct dtb_params dt = p->dt;
	if (dt.mem_size == 0) {
		dt.mem_base = ram_base;
		dt.mem_size = ram_size;
	}
	dt.bootargs = p->append;
	dt.have_initrd = false;
	dt.n_modules = p->n_modules;

	/* The initrd above where the kernel decompresses itself (and
	 * above all of the kernel image, whatever its format). */
	uint64_t initrd_start = ram_base + (ram_size / 2 < 128 * MiB
						    ? ram_size / 2
						    : 128 * MiB);
	if (k.end > initrd_start)
		initrd_start = k.end;
	initrd_start = align_up(initrd_start, DTB_ALIGN);
	uint64_t initrd_end = initrd_start;
	if (p->initrd) {
		const uint8_t *data;
		uint64_t size;
		if (!read_file(p->initrd, ram_size, &initrd, err, errlen) ||
		    !initrd_payload(p->initrd, &initrd, &data, &size, err,
				    errlen) ||
		    !load_image_at(m, p->initrd, data, size, initrd_start, err,
				   errlen))
			goto out;
		initrd_end = initrd_start + size;
		dt.have_initrd = true;
		dt.initrd_start = initrd_start;
		dt.initrd_end = initrd_end;
	}

	for (unsigned i = 0; i < p->n_modules; i++) {
		const struct boot_module *mod = &p->modules[i];
		if (!mod->path) {
			fail(err, errlen, "boot", "module %u has no file", i);
			goto out;
		}
		if (!read_file(mod->path, ram_size, &mods[i], err, errlen))
			goto out;
		/* a stand-in address until the modules are placed: the
		 * top of RAM has as many digits as any address in it,
		 * so the final tree is no bigger */
		dt.modules[i].addr = mod->have_addr ? mod->addr
						    : ram_end - 1 - i;
		dt.modules[i].size = mods[i].size;
		dt.modules[i].bootargs = mod->args;
	}

	if (p->dtb_file) {
		/* the tree can be at most what is left of RAM */
		if (!read_file(p->dtb_file, ram_size, &user, err, errlen))
			goto out;
	}
	/* First tree: its size reserves the DTB's place. */
	if (!make_dtb(p, p->dtb_file ? &user : NULL, &dt, &blob, &blob_size,
		      err, errlen))
		goto out;
	uint64_t dtb_addr = align_up(initrd_end, DTB_ALIGN);
	uint64_t dtb_room = blob_size;
	char why[200];
	const char *dtb_name = p->dtb_file ? p->dtb_file : "device tree";
	if (dtb_addr + dtb_room > 0x100000000ull) {
		fail(err, errlen, dtb_name,
		     "at 0x%llx, above what r2 can address",
		     (unsigned long long)dtb_addr);
		goto out;
	}
	if (!loader_claim(m, dtb_name, dtb_addr, dtb_room, why, sizeof why)) {
		fail(err, errlen, dtb_name, "%s", why);
		goto out;
	}

	/* Modules at given addresses first, the others in the free RAM
	 * above the DTB, in order. */
	for (unsigned pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < p->n_modules; i++) {
			const struct boot_module *mod = &p->modules[i];
			uint64_t addr = mod->addr;
			if (mod->have_addr != (pass == 0))
				continue;
			if (!mod->have_addr &&
			    !find_free(m, dtb_addr + dtb_room, mods[i].size,
				       ram_end, MODULE_ALIGN, &addr)) {
				fail(err, errlen, mod->path,
				     "no room in RAM for %zu bytes above the "
				     "device tree", mods[i].size);
				goto out;
			}
			if (!load_image_at(m, mod->path, mods[i].data,
					   mods[i].size, addr, err, errlen))
				goto out;
			dt.modules[i].addr = addr;
		}
	}
	if (p->n_modules) {
		free(blob);
		blob = NULL;
		if (!make_dtb(p, p->dtb_file ? &user : NULL, &dt, &blob,
			      &blob_size, err, errlen))
			goto out;
		if (blob_size > dtb_room) {
			/* the stand-in addresses were meant to prevent it */
			fail(err, errlen, dtb_name,
			     "grew from %llu to %zu bytes once the modules "
			     "were placed", (unsigned long long)dtb_room,
			     blob_size);
			goto out;
		}
	}
	memcpy(bus_ram_ptr(&m->bus, dtb_addr, blob_size), blob, blob_size);
	if (p->dumpdtb && !write_file(p->dumpdtb, blob, blob_size, err, errlen))
		goto out;

	m->entry_point = k.entry;
	m->have_entry = true;
	out->entry = k.entry;
	out->r0 = 0;
	out->r1 = 0xffffffffu; /* booting.rst: ~0 when a DTB is passed */
	out->r2 = (uint32_t)dtb_addr;
	out->dtb_addr = dtb_addr;
	out->dtb_size = blob_size;
	out->initrd_start = initrd_start;
	out->initrd_end = initrd_end;
	out->kernel_format = k.format;
	ok = true;
out:
	free(blob);
	free(user.data);
	free(initrd.data);
	for (unsigned i = 0; i < BOOT_MAX_MODULES; i++)
		free(mods[i].data);
	return ok;
}
