/* Image loading: ELF through libelf (segments, entry, symbols), raw
 * binaries at an address. Errors name the file and the problem. */
#ifndef HYPSIM_LOADER_H
#define HYPSIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;

/* Load an ELF into the machine's RAM; sets the entry point when `main`
 * is true. Returns false with a one-line reason (without the file name)
 * in err. */
bool loader_load_elf(struct machine *m, const char *path, bool main_image,
		     char *err, size_t errlen);
/* Load a raw file at a physical address. */
bool loader_load_raw(struct machine *m, const char *path, uint64_t addr,
		     char *err, size_t errlen);
/* Record [base, base+size) as holding `what` (a string that outlives the
 * machine), refusing a range outside RAM or overlapping one already
 * loaded, as the two loaders above do. */
bool loader_claim(struct machine *m, const char *what, uint64_t base,
		  uint64_t size, char *err, size_t errlen);
/* Copy `size` bytes of `data` into RAM at `addr`, claimed for `what`. */
bool loader_load_blob(struct machine *m, const char *what, const void *data,
		      uint64_t size, uint64_t addr, char *err, size_t errlen);

/* Add an ELF's symbols (not its contents), each address + offset, to
 * traces, hang reports, the monitor and gdb: for example Debian's vmlinux
 * (from the -dbg package) next to the zImage that runs. */
bool loader_load_symbols(struct machine *m, const char *path, int64_t offset,
			 char *err, size_t errlen);

#endif
