/* Fuzz harness of the monitor (src/sim/monitor.c, `hypsim run --monitor`):
 * the input is a script, one command per line, executed with
 * monitor_execute() on a two-core virt machine running a small loop, the
 * output to /dev/null, within a budget of instructions: `continue` and
 * `step N` (any N, as issue 17 asks) must end when it is spent, so a
 * script that does not end is a hang the driver's timeout reports. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "fuzz_util.h"
#include "sim/machine.h"
#include "sim/monitor.h"

#define FUZZ_MEM_BASE 0x40000000u
#define FUZZ_MEM_SIZE (16u << 20)
#define FUZZ_BUDGET 20000u

const char *const *fuzz_tokens(void);
const char *const *fuzz_tokens(void)
{
	static const char *const t[] = {
		"\ncontinue", "\nc", "\nstep ", "\nsi ", "\ncore ", "\nbreak ",
		"\nwatch ", "\nrwatch ", "\nawatch ", "\ndelete ", "\ninfo ",
		"breakpoints", "\nregs", "\nsysregs ", "HCR", "SCTLR", "\nx/",
		"x/4x ", "x/8i ", "x/s ", "16xw ", "4b ", "\nhyp", "\ntlb ",
		"\nicache ", "stale", "\ngic ", "\nhang ", "\ntrace ", "on", "off",
		"\ntranslate ", "vmid ", "\nview ", "phys", "virt", "stage1",
		"\nquit", "\nhelp", "\n", "0x40000000", "0x08000000", "0x09000000",
		"pc", "sp", "lr", "r0", "cpsr", "+", "-", "0-9223372036854775808",
		"$", NULL,
	};
	return t;
}

static const uint32_t program[] = {
	0xe3a00000u, /* mov r0, #0 */
	0xe59f1010u, /* ldr r1, [pc, #16]  (the RAM base) */
	0xe2800001u, /* loop: add r0, r0, #1 */
	0xe5810100u, /* str r0, [r1, #256] */
	0xe5912100u, /* ldr r2, [r1, #256] */
	0xeafffffbu, /* b loop */
	FUZZ_MEM_BASE,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct machine m;
	fuzz_virt_machine(&m, &cortex_a15_model, 2, true, FUZZ_MEM_SIZE,
			  program, sizeof program / 4, "fuzz_monitor");

	struct monitor *mon = monitor_create(&m, NULL, FUZZ_BUDGET,
					     fuzz_devnull());
	if (!mon)
		abort();
	size_t pos = 0;
	char line[1024];
	while (pos < size) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
		size_t keep = len < sizeof line - 1 ? len : sizeof line - 1;
		memcpy(line, data + pos, keep);
		line[keep] = 0;
		pos += len + (nl != NULL);
		if (!monitor_execute(mon, line))
			break;
	}
	monitor_destroy(mon);
	machine_destroy(&m);
	return 0;
}
