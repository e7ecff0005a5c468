/* Image loading (see loader.h). */
#include "sim/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/machine.h"

/* Record [base, base+size) as loaded from path, refusing overlaps and
 * addresses outside RAM. */
static bool claim_range(struct machine *m, const char *path, uint64_t base,
			uint64_t size, char *err, size_t errlen)
{
	if (size == 0)
		return true;
	if (!bus_ram_ptr(&m->bus, base, size)) {
		snprintf(err, errlen,
			 "load address 0x%llx-0x%llx is outside RAM",
			 (unsigned long long)base,
			 (unsigned long long)(base + size - 1));
		return false;
	}
	for (unsigned i = 0; i < m->n_loaded; i++) {
		const struct loaded_range *r = &m->loaded[i];
		if (base < r->end && r->base < base + size) {
			snprintf(err, errlen,
				 "0x%llx-0x%llx overlaps %s (0x%llx-0x%llx)",
				 (unsigned long long)base,
				 (unsigned long long)(base + size - 1), r->path,
				 (unsigned long long)r->base,
				 (unsigned long long)(r->end - 1));
			return false;
		}
	}
	if (m->n_loaded == sizeof m->loaded / sizeof m->loaded[0]) {
		snprintf(err, errlen, "too many image segments");
		return false;
	}
	m->loaded[m->n_loaded++] = (struct loaded_range){base, base + size, path};
	/* the caller writes the range next: no code decoded from it before
	 * stays valid (mmu/bus.h) */
	bus_ram_written(&m->bus, base, size);
	return true;
}

static void load_symbols(struct machine *m, Elf *elf, uint32_t offset)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		if (!data || sh.sh_entsize == 0)
			continue;
		size_t n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(data, (int)i, &sym))
				continue;
			unsigned type = GELF_ST_TYPE(sym.st_info);
			if (type != STT_FUNC && type != STT_OBJECT &&
			    type != STT_NOTYPE)
				continue;
			if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
				continue;
			const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
			/* $a/$t/$d mapping symbols and local labels are not
			 * names a user looks for. */
			if (!name || !name[0] || name[0] == '$' || name[0] == '.')
				continue;
			machine_add_symbol(m, name,
					   ((uint32_t)sym.st_value & ~1u) + offset,
					   (uint32_t)sym.st_size);
		}
	}
	machine_sort_symbols(m);
}

bool loader_load_elf(struct machine *m, const char *path, bool main_image,
		     char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		close(fd);
		return false;
	}
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	bool ok = false;
	GElf_Ehdr eh;
	size_t nph = 0;
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		snprintf(err, errlen, "not an ELF file");
		goto out;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM) {
		snprintf(err, errlen, "not a 32-bit ARM ELF (machine %u)",
			 (unsigned)eh.e_machine);
		goto out;
	}
	if (elf_getphdrnum(elf, &nph) != 0 || nph == 0) {
		snprintf(err, errlen, "no program headers");
		goto out;
	}
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			snprintf(err, errlen, "bad program header %zu", i);
			goto out;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz ||
		    ph.p_offset + ph.p_filesz > (uint64_t)st.st_size ||
		    ph.p_offset + ph.p_filesz < ph.p_offset) {
			snprintf(err, errlen,
				 "truncated: segment %zu extends past the end "
				 "of the file", i);
			goto out;
		}
		/* Physical addresses place the image, as QEMU's loader does
		 * for bare ELF kernels. */
		if (!claim_range(m, path, ph.p_paddr, ph.p_memsz, err, errlen))
			goto out;
		uint8_t *dst = bus_ram_ptr(&m->bus, ph.p_paddr, ph.p_memsz);
		if (ph.p_filesz) {
			if (pread(fd, dst, ph.p_filesz, (off_t)ph.p_offset) !=
			    (ssize_t)ph.p_filesz) {
				snprintf(err, errlen, "truncated: cannot read "
						      "segment %zu", i);
				goto out;
			}
		}
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
	}
	if (main_image) {
		m->entry_point = eh.e_entry;
		m->have_entry = true;
	}
	load_symbols(m, elf, 0);
	ok = true;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ok;
}

bool loader_load_raw(struct machine *m, const char *path, uint64_t addr,
		     char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return false;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	bool ok = false;
	if (size < 0) {
		snprintf(err, errlen, "cannot size the file");
	} else if (claim_range(m, path, addr, (uint64_t)size, err, errlen)) {
		uint8_t *dst = bus_ram_ptr(&m->bus, addr, (uint64_t)size);
		ok = fread(dst, 1, (size_t)size, f) == (size_t)size;
		if (!ok)
			snprintf(err, errlen, "read error");
	}
	fclose(f);
	return ok;
}

bool loader_claim(struct machine *m, const char *what, uint64_t base,
		  uint64_t size, char *err, size_t errlen)
{
	return claim_range(m, what, base, size, err, errlen);
}

bool loader_load_blob(struct machine *m, const char *what, const void *data,
		      uint64_t size, uint64_t addr, char *err, size_t errlen)
{
	if (!claim_range(m, what, addr, size, err, errlen))
		return false;
	if (size)
		memcpy(bus_ram_ptr(&m->bus, addr, size), data, size);
	return true;
}

bool loader_load_symbols(struct machine *m, const char *path, int64_t offset,
			 char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return false;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		close(fd);
		snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
		return false;
	}
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	bool ok = elf && elf_kind(elf) == ELF_K_ELF && gelf_getehdr(elf, &eh) &&
		  eh.e_ident[EI_CLASS] == ELFCLASS32 && eh.e_machine == EM_ARM;
	if (!ok) {
		snprintf(err, errlen, "not a 32-bit ARM ELF file");
	} else {
		size_t before = m->n_syms;
		load_symbols(m, elf, (uint32_t)offset);
		if (m->n_syms == before) {
			snprintf(err, errlen, "no symbols (a stripped file?)");
			ok = false;
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return ok;
}
