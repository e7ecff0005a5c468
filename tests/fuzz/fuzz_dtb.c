/* Fuzz harness of the DTB code (src/devices/dtb.c) on a user's blob
 * (--dtb FILE): dtb_check(), then dtb_update_chosen() with /chosen
 * parameters the input picks (bootargs, an initrd, up to three modules),
 * and the result checked again: whatever the user's blob, the updated one
 * must be well-formed or refused with a one-line reason.
 *
 * Input: a flags byte, a bootargs length byte and the bootargs, 64-bit
 * initrd start and end, then the blob.
 *   flags: bit 0 bootargs, 1 initrd, 2-3 modules (0-3), 4 psci "smc" */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/board.h"
#include "devices/dtb.h"
#include "fuzz_util.h"

static void one_line(const char *what, const char *err)
{
	if (!err[0] || strchr(err, '\n')) {
		fprintf(stderr, "fuzz_dtb: %s: bad error message \"%s\"\n",
			what, err);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size, 0};
	unsigned flags = fuzz_u8(&in);
	char bootargs[256];
	size_t got, len = fuzz_u8(&in);
	const uint8_t *p = fuzz_bytes(&in, len, &got);
	memcpy(bootargs, p, got);
	bootargs[got] = 0;

	struct dtb_params dt = {0};
	dt.board = board_find("virt");
	dt.mem_base = 0x40000000u;
	dt.mem_size = 0x8000000u;
	dt.n_cpus = 1;
	dt.cpus[0] = (struct dtb_cpu){"arm,cortex-a15", 0};
	dt.psci_method = (flags & 16) ? "smc" : "hvc";
	if (flags & 1)
		dt.bootargs = bootargs;
	dt.initrd_start = fuzz_u64(&in);
	dt.initrd_end = fuzz_u64(&in);
	dt.have_initrd = (flags & 2) != 0;
	dt.n_modules = (flags >> 2) & 3;
	for (unsigned i = 0; i < dt.n_modules; i++) {
		dt.modules[i].addr = 0x42000000u + 0x200000u * i;
		dt.modules[i].size = 0x1000u * (i + 1);
		dt.modules[i].bootargs = (i & 1) ? bootargs : NULL;
	}

	/* the blob: an exact-size heap copy, so that ASan catches a read
	 * past its end */
	const uint8_t *blob_in = fuzz_bytes(&in, size, &got);
	uint8_t *user = malloc(got ? got : 1);
	if (!user)
		return 0;
	memcpy(user, blob_in, got);

	char err[512] = "";
	bool ok = dtb_check(user, got, err, sizeof err);
	if (!ok)
		one_line("dtb_check", err);
	void *out = NULL;
	size_t out_size = 0;
	err[0] = 0;
	if (dtb_update_chosen(user, got, &dt, &out, &out_size, err, sizeof err)) {
		if (!ok) {
			fprintf(stderr, "fuzz_dtb: a blob dtb_check refuses "
					"was updated\n");
			abort();
		}
		err[0] = 0;
		if (!dtb_check(out, out_size, err, sizeof err)) {
			fprintf(stderr, "fuzz_dtb: the updated blob is "
					"malformed: %s\n", err);
			abort();
		}
		free(out);
	} else {
		one_line("dtb_update_chosen", err);
	}
	free(user);
	return 0;
}
