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

#endif
