/* Fuzz harness of `hypsim trace import-tarmac` (src/trace/tarmac.c): the
 * input is a Tarmac trace (Fast Models, an FVP, gem5 or hypsim's own
 * export); it is imported, and a trace the importer wrote must then read
 * back with `trace show` (exit 0) and export again as Tarmac. The core
 * model named in the header comes from the input's length. */
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
		"\n0 clk cpu0 IT (0) 40000000 e3a00001 A svc_n : mov r0, #1\n",
		"\n1 clk cpu1 IS (1) 40000004 1afffffc A hyp_n : bne\n",
		"\n2000 ps IT (2) 00008010 4770 T svc_s : BX lr\n",
		" clk ", " ps ", " cpu0 ", " cpu1 ", " cpu63 ", " cpu5000 ",
		" IT ", " IS ", " ES ", "(", ")", " A ", " T ", " O ", "_s", "_n",
		" : ", "\n1 clk cpu0 R r0 00000001\n", "\n2 clk cpu0 R cpsr 600001da\n",
		" R r13_svc ", " R spsr_hyp ", " R ELR_hyp ", " R HCR ", " R VBAR ",
		"\n3 clk cpu0 MW4 40000100:000040000100 00000001\n", " MR4 ",
		" MW1 ", " MR8 ", "\n4 clk cpu0 E 400001ac 00000002 CoreEvent_SVC "
		"vector=40000208 return=400001b0 from=svc to=svc\n",
		"CoreEvent_Reset", "CoreEvent_IRQ", "CoreEvent_HYP_TRAP",
		"\n0 ps CADI E simulation_stopped\n",
		"\n0 ps CACHE MAINTENANCE Instruction cache Invalidate All\n",
		" R OP ", ":removed", "ffffffff", "00000000", "40000000",
		"ffffffffffffffff", NULL,
	};
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = fuzz_tmp_file(0, "t.tarmac", data, size);
	if (!in)
		return 0;
	const char *out = fuzz_tmp_path(1, "imported.trace");
	FILE *null = fuzz_devnull();
	static const char *const cpus[] = {NULL, "cortex-a15", "cortex-a7"};
	struct trace_import_options o = {.elf = NULL, .cpu = cpus[size % 3]};
	remove(out);
	if (trace_import_tarmac(in, out, &o, null) == 0) {
		int show = trace_show(out, TRACE_SHOW_TEXT, null, null);
		if (show != 0) {
			fprintf(stderr, "fuzz_tarmac: the imported trace does "
					"not read back (trace show: %d)\n", show);
			abort();
		}
		trace_export_tarmac(out, NULL, NULL, null, null);
	}
	return 0;
}
