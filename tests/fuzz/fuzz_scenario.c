/* Fuzz harness of the scenario parser (src/sim/scenario.c): the input is
 * a scenario file, written to a temporary folder that also holds the
 * images the seeds name (img.bin, initrd.bin), and parsed with
 * scenario_parse(). A refusal must be one "file:line: reason" line. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "sim/scenario.h"

const char *const *fuzz_tokens(void);
const char *const *fuzz_tokens(void)
{
	static const char *const t[] = {
		"\n[scenario]\n", "\n[expect]\n", "\nname = ", "\nimage = img.bin",
		"\nboard = virt", "\nboard = bare", "\ncpus = ", "cortex-a15x",
		"cortex-a7x", ",", "\nmem = ", "\nmem_base = ", "\nmem_alias = ",
		"\nentry = ", "hyp", "svc", "secure-svc", "\nmax_insns = ",
		"\nload = img.bin@", "\ninitrd = initrd.bin", "\nappend = ",
		"\nerrata = ", "+", "-", "\nicache_model = ", "\ndcache_model = ",
		"on", "off", "true", "false", "\ncache_seed = ", "\ndcc_console = ",
		"\nexit_code = ", "\nhang = ", "any", "\nhang_at = ", "sym+",
		"\nhang_cpu = ", "\nconsole = ", "\nconsole_absent = ",
		"\nexpect_console = ", "\nfail_console = ", "\nconsole_tail = ",
		"\ngolden_trace = ", "\ntrace_ignore = ", "\ncheck_maintenance = ",
		"\nwarning = ", "\nwarning_absent = ", "\nno_warnings = ",
		"\ndescription = ", ";", "#", "=", ":", "[", "]", "\\\n",
		"\n  continued", NULL,
	};
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool images;
	if (!images) {
		static const uint8_t img[64] = {0xfe, 0xff, 0xff, 0xea};
		if (!fuzz_tmp_file(1, "img.bin", img, sizeof img) ||
		    !fuzz_tmp_file(2, "initrd.bin", img, sizeof img))
			return 0;
		images = true;
	}
	const char *path = fuzz_tmp_file(0, "s.ini", data, size);
	if (!path)
		return 0;
	static struct scenario s;
	char err[1024] = "";
	if (!scenario_parse(&s, path, NULL, err, sizeof err) &&
	    (!err[0] || strchr(err, '\n'))) {
		fprintf(stderr, "fuzz_scenario: bad error message \"%s\"\n", err);
		abort();
	}
	return 0;
}
