/* fuzz_driver: the fuzz harness (fuzz_cpu.c) without libFuzzer.
 *
 *   fuzz_driver [-n N] [-s SEED] [-t SECONDS] [-l MAXLEN] [-v] [FILE...]
 *
 * With FILEs, runs each file as one input (to replay a crash libFuzzer
 * found). Otherwise runs N inputs (default 2000) made from SEED (default
 * 1), stopping early after SECONDS (default: no limit); the same seed gives
 * the same inputs on every host. Built by default so that CI runs it under
 * the sanitizer build (ctest label "fuzz"); a crash, a sanitizer report or
 * a hang (ctest's timeout) fails the test, and -v names the input index to
 * replay with -s SEED -n INDEX+1.
 *
 * The inputs mix uniformly random words with words built from templates of
 * the encodings that reach the exception, system-register and mode-change
 * code (MCR/MRC, MRRC/MCRR, MSR/MRS, CPS, SRS/RFE, LDM^/STM^, SUBS PC,
 * ERET, HVC, SMC, SVC, WFI, BKPT, UDF), so that those paths are exercised
 * even without coverage guidance. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* fixed bits, random bits */
static const uint32_t a32_templates[][2] = {
	{0xe0000000u, 0x01ffffffu}, /* data processing, loads, stores */
	{0xee000f10u, 0x00eff0efu}, /* MCR p15 */
	{0xee100f10u, 0x00eff0efu}, /* MRC p15 */
	{0xee000e10u, 0x00eff0efu}, /* MCR/MRC p14 */
	{0xec400f00u, 0x001fff0fu}, /* MCRR/MRRC p15 */
	{0xe120f000u, 0x004f000fu}, /* MSR register (CPSR/SPSR) */
	{0xe320f000u, 0x004f0fffu}, /* MSR immediate, hints */
	{0xe10f0000u, 0x0040f000u}, /* MRS */
	{0xe1000200u, 0x004fff0fu}, /* MRS/MSR banked */
	{0xf1000000u, 0x000e01dfu}, /* CPS */
	{0xf84d0500u, 0x01a0001fu}, /* SRS */
	{0xf8100a00u, 0x01af0000u}, /* RFE */
	{0xe8500000u, 0x01afffffu}, /* LDM^/STM^ */
	{0xe25ef000u, 0x00000fffu}, /* SUBS PC, LR, #imm */
	{0xe160006eu, 0x00000000u}, /* ERET */
	{0xe1400070u, 0x000fff0fu}, /* HVC */
	{0xe1600070u, 0x0000000fu}, /* SMC */
	{0xef000000u, 0x00ffffffu}, /* SVC */
	{0xe320f003u, 0x00000000u}, /* WFI */
	{0xe1200070u, 0x000fff0fu}, /* BKPT */
	{0xe7f000f0u, 0x000fff0fu}, /* UDF */
	{0xe12fff10u, 0x0000000fu}, /* BX */
};
static const uint32_t t32_templates[][2] = {
	{0xee000f10u, 0x00eff0efu}, /* MCR p15 */
	{0xee100f10u, 0x00eff0efu}, /* MRC p15 */
	{0xf3808000u, 0x001f0f30u}, /* MSR (register, banked) */
	{0xf3ef8000u, 0x00100f30u}, /* MRS */
	{0xf3af8000u, 0x000007ffu}, /* CPS, hints */
	{0xf3de8f00u, 0x000000ffu}, /* SUBS PC, LR, #imm8 */
	{0xf7e08000u, 0x000f0fffu}, /* HVC */
	{0xf7f08000u, 0x000f0000u}, /* SMC */
	{0xe80d0000u, 0x0190c01fu}, /* SRS */
	{0xe8100000u, 0x0190c000u}, /* RFE */
	{0xe8900000u, 0x013fffffu}, /* LDM/STM */
	{0xdf00bf30u, 0x00ff0000u}, /* WFI; SVC (two 16-bit) */
	{0xbe00bf00u, 0x00ff00ffu}, /* BKPT; IT */
};

static size_t make_input(uint8_t *buf, size_t maxlen)
{
	size_t len = 8 + (size_t)(rng_next() % (maxlen - 8 + 1));
	for (size_t i = 0; i < len && i < 8; i++)
		buf[i] = (uint8_t)rng_next();
	int thumb = (buf[0] & 2) != 0;
	for (size_t i = 8; i + 4 <= len; i += 4) {
		uint32_t w = (uint32_t)rng_next();
		uint64_t k = rng_next() % 8;
		if (k < 3) {
			size_t n = thumb ? sizeof t32_templates / sizeof t32_templates[0]
					 : sizeof a32_templates / sizeof a32_templates[0];
			const uint32_t *t = thumb ? t32_templates[rng_next() % n]
						  : a32_templates[rng_next() % n];
			w = t[0] | (w & t[1]);
			if (!thumb && (rng_next() & 3) == 0 && (w >> 28) == 0xe)
				w = (w & 0x0fffffffu) | (uint32_t)(rng_next() % 15) << 28;
			if (thumb) /* halfwords in fetch order */
				w = (w >> 16) | (w << 16);
		}
		buf[i] = (uint8_t)w;
		buf[i + 1] = (uint8_t)(w >> 8);
		buf[i + 2] = (uint8_t)(w >> 16);
		buf[i + 3] = (uint8_t)(w >> 24);
	}
	return len;
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long n = 2000, seed = 1;
	double seconds = 0;
	size_t maxlen = 1024;
	int verbose = 0, opt;
	while ((opt = getopt(argc, argv, "n:s:t:l:v")) != -1) {
		switch (opt) {
		case 'n': n = strtoull(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atof(optarg); break;
		case 'l': maxlen = strtoull(optarg, NULL, 0); break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: %s [-n N] [-s SEED] [-t SECONDS] "
				"[-l MAXLEN] [-v] [FILE...]\n", argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		int rc = 0;
		for (int i = optind; i < argc; i++)
			rc |= run_file(argv[i]);
		return rc;
	}
	if (maxlen < 8)
		maxlen = 8;
	if (maxlen > 65536)
		maxlen = 65536;
	static uint8_t buf[65536];
	rng_state = seed;
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long long i;
	for (i = 0; i < n; i++) {
		size_t len = make_input(buf, maxlen);
		if (verbose) {
			fprintf(stderr, "input %llu (%zu bytes)\n", i, len);
			fflush(stderr);
		}
		LLVMFuzzerTestOneInput(buf, len);
		if (seconds > 0 && (i & 15) == 15) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) * 1e-9 > seconds) {
				i++;
				break;
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t);
	printf("fuzz_driver: %llu inputs from seed %llu in %.1f s, no crash\n", i, seed,
	       (t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) * 1e-9);
	return 0;
}
