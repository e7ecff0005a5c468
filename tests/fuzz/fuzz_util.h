/* Helpers shared by the input harnesses (fuzz_*.c): host inputs that the
 * code under test reads from a path are written to a private temporary
 * folder first, and output nobody reads goes to /dev/null. */
#ifndef HYPSIM_FUZZ_UTIL_H
#define HYPSIM_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* libFuzzer's entry point, which every harness defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write `size` bytes to NAME in the process's temporary folder (made on
 * first use under $TMPDIR or /tmp, removed at exit) and return its path
 * (static storage, one per name slot: slot 0..7). NULL when the write
 * fails, which the harnesses treat as "skip this input". */
const char *fuzz_tmp_file(unsigned slot, const char *name, const void *data,
			  size_t size);
/* The path NAME would have in the temporary folder (not created). */
const char *fuzz_tmp_path(unsigned slot, const char *name);

/* A shared /dev/null stream (never NULL: falls back to a tmpfile). */
FILE *fuzz_devnull(void);

struct machine;
struct core_model;

/* The virt board with `cores` cores of `model` and `mem_size` bytes of
 * RAM at 0x40000000, entered in HYP (`hyp`) or SVC, I-cache model on,
 * the console to /dev/null, the `words` of `program` at the RAM base and
 * every core reset there. A machine that cannot be built is the
 * harness's bug, not an input's: reported as `who` and aborted. */
void fuzz_virt_machine(struct machine *m, const struct core_model *model,
		       unsigned cores, bool hyp, uint32_t mem_size,
		       const uint32_t *program, size_t words,
		       const char *who);

/* A little-endian reader over the input that yields zeros at its end,
 * so that short inputs still describe a complete case. */
struct fuzz_in {
	const uint8_t *p;
	size_t n, pos;
};
uint8_t fuzz_u8(struct fuzz_in *in);
uint32_t fuzz_u32(struct fuzz_in *in);
uint64_t fuzz_u64(struct fuzz_in *in);
/* The next `len` bytes (fewer at the end); *got says how many. */
const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t len, size_t *got);

#endif
