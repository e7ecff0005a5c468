/* Fuzz harness of `hypsim trace import-qemu` (src/trace/qemu_import.c):
 * the input is a QEMU log (-d exec,cpu,nochain as the importer reads
 * it); it is imported to a trace, and a trace the importer wrote must
 * then read back cleanly with `trace show` (exit 0): the importer never
 * writes a file hypsim's own reader refuses. The core model named in the
 * header comes from the input's length (none, cortex-a15, cortex-a7). */
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
		"\nTrace 0: 0x7f0000000000 [00000000/40000000/00000000/ff200000] ",
		"\nIN: \n", "\n----------------\n", "\nR00=", " R01=", " R02=",
		" R03=", "\nR04=", " R05=", " R06=", " R07=", "\nR08=", " R09=",
		" R10=", " R11=", "\nR12=", " R13=", " R14=", " R15=",
		"\nPSR=", " -Z-- A ", " NZCV ", "hyp32\n", "svc32\n", "usr32\n",
		"\nCPU#1\n", "CPU#63\n", "CPU#5000\n", "0x40000000:  e3a00001  mov r0, #1\n",
		"\nLinking TBs ", "\nTaking exception ", "[IRQ]", "[HVC]",
		"\n...from ", "\nException return from AArch32 hyp to svc PC ",
		"ffffffff", "00000000", "40000000", NULL,
	};
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *log = fuzz_tmp_file(0, "qemu.log", data, size);
	if (!log)
		return 0;
	const char *out = fuzz_tmp_path(1, "imported.trace");
	FILE *null = fuzz_devnull();
	static const char *const cpus[] = {NULL, "cortex-a15", "cortex-a7"};
	struct trace_import_options o = {.elf = NULL, .cpu = cpus[size % 3]};
	remove(out);
	int rc = trace_import_qemu(log, out, &o, null);
	if (rc == 0) {
		int show = trace_show(out, TRACE_SHOW_TEXT, null, null);
		if (show != 0) {
			fprintf(stderr, "fuzz_qemu_import: the imported trace "
					"does not read back (trace show: %d)\n",
				show);
			abort();
		}
		trace_show(out, TRACE_SHOW_QEMU, null, null);
	}
	return 0;
}
