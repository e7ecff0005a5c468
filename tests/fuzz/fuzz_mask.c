/* Fuzz harness of the known-difference masks (`trace diff --mask FILE`,
 * src/trace/mask.c): the input is a mask file; `trace diff` compares two
 * different traces of the corpus (corpus/trace/small.trace, a one-core
 * run, and smp.trace, a two-core one) with it, its output to /dev/null.
 * It must exit 0, 1 or 2, never crash. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "trace/tools.h"

const char *const *fuzz_tokens(void);
const char *const *fuzz_tokens(void)
{
	static const char *const t[] = {
		"\nstart ", "\nreg ", "\nafter ", "\nexception ", " -- ", "#",
		"bits=", "31:0", "0:31", "64:0", "0xffffffff", "at=", "-",
		"0x40000000", "0x40000000-0x40000100", "main", "hello",
		"semihosting", "svc", "hvc", "smc", "mrc", "mrrc", "vmrs",
		"mrc=p15,0,c0,c0,0", "mrc=p15,7,c15,c15,7", "insn=",
		"0xe3a00000/0xffffffff", "syndrome", "far", "vector", "return",
		"kind=", "HYP_TRAP", "UNDEF", "IRQ", "R0", "Rt", "CPSR",
		"SP_svc", "ELR_hyp", "MIDR", "HCR", NULL,
	};
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tmp_file(0, "m.mask", data, size);
	if (!path)
		return 0;
	FILE *null = fuzz_devnull();
	const char *masks[2] = {path, path};
	struct trace_diff_options o = {
		.align = (size & 1) ? TRACE_ALIGN_PC : TRACE_ALIGN_ICOUNT,
		.context = 1,
		.window = 64,
		.masks = masks,
		.n_masks = 1 + (size & 2) / 2,
		.max_diffs = 1 + size % 5,
	};
	int rc = trace_diff(FUZZ_TRACE_DIR "/small.trace",
			    FUZZ_TRACE_DIR "/smp.trace", &o, null, null);
	if (rc < 0 || rc > 2)
		abort();
	return 0;
}
