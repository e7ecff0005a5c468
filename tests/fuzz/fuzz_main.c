/* fuzz_main: a seeded, deterministic mutation driver for the input
 * harnesses (fuzz_*.c), so that they run without libFuzzer: in CI under
 * the sanitizer build (ctest label "fuzz"), and anywhere gcc is the only
 * compiler.
 *
 *   fuzz_X [-n N] [-s SEED] [-t SECONDS] [-c CORPUS_DIR] [-v] [FILE...]
 *
 * With FILEs, runs each file once (to replay a crash libFuzzer found).
 * Otherwise runs every file of CORPUS_DIR as it is (the corpus holds the
 * regression inputs of past findings), then N mutated inputs (default
 * 10000) made from those seeds and SEED (default 1), stopping early after
 * SECONDS. The corpus files are taken in name order and the generator is
 * splitmix64, so the same seed gives the same inputs on every host; -v
 * names each input so that a failure can be replayed with -s SEED
 * -n INDEX+1 (and -v -w DIR writes it to DIR/crash-input).
 *
 * The mutations are those of a dumb byte fuzzer (bit flips, interesting
 * bytes and words in both byte orders, insertions, deletions,
 * duplications, splices of two seeds) plus the harness's tokens (the
 * optional fuzz_tokens(): keywords of a text format), and numbers
 * replaced by edge values: what reaches the parsers' length and range
 * checks without coverage guidance. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz_util.h"

/* Optional: a NULL-terminated list of tokens to insert. */
const char *const *fuzz_tokens(void) __attribute__((weak));

#define FUZZ_MAX_INPUT (256u * 1024u)
#define MAX_SEEDS 512

struct seed {
	uint8_t *data;
	size_t size;
};

static struct seed seeds[MAX_SEEDS];
static unsigned n_seeds;
static uint64_t rng_state;

static uint64_t rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)
{
	return n ? rng() % n : 0;
}

static bool read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return false;
	}
	uint8_t *buf = malloc(FUZZ_MAX_INPUT);
	if (!buf) {
		fclose(f);
		return false;
	}
	*size = fread(buf, 1, FUZZ_MAX_INPUT, f);
	fclose(f);
	uint8_t *fit = realloc(buf, *size ? *size : 1);
	*data = fit ? fit : buf;
	return true;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_corpus(const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, by_name);
	if (n < 0) {
		perror(dir);
		exit(2);
	}
	char path[1024];
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' && n_seeds < MAX_SEEDS) {
			snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
			struct seed *s = &seeds[n_seeds];
			if (read_file(path, &s->data, &s->size))
				n_seeds++;
		}
		free(list[i]);
	}
	free(list);
}

static const uint64_t interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
	511, 512, 1023, 1024, 4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000,
	0x7fffffff, 0x80000000u, 0xfffffffeu, 0xffffffffu, 0x100000000ull,
	0x40000000, 0x08000000, 0x09000000, 0xd00dfeed, 0x27051956,
	0x016f2818, 0x7fffffffffffffffull, 0x8000000000000000ull,
	0xffffffffffffffffull,
};
#define N_INTERESTING (sizeof interesting / sizeof interesting[0])

static const char *const numbers[] = {
	"0", "-1", "1", "-0", "4294967295", "4294967296", "0xffffffff",
	"0x100000000", "18446744073709551615", "18446744073709551616",
	"99999999999999999999", "0x8000000000000000", "-9223372036854775808",
	"9223372036854775807", "0x40000000", "1K", "1M", "1G", "16E",
	"0x40000000000001K", "0x", "0b", "1e9", "", " ", "nan",
};
#define N_NUMBERS (sizeof numbers / sizeof numbers[0])

static size_t insert(uint8_t *buf, size_t len, size_t at, const void *src,
		     size_t n)
{
	if (len + n > FUZZ_MAX_INPUT)
		n = FUZZ_MAX_INPUT - len;
	memmove(buf + at + n, buf + at, len - at);
	memcpy(buf + at, src, n);
	return len + n;
}

static size_t mutate_once(uint8_t *buf, size_t len)
{
	const char *const *tokens = fuzz_tokens ? fuzz_tokens() : NULL;
	size_t at = below(len + 1);
	switch (below(12)) {
	case 0: /* bit flip */
		if (len)
			buf[at % len] ^= (uint8_t)(1u << below(8));
		break;
	case 1: /* random byte */
		if (len)
			buf[at % len] = (uint8_t)rng();
		break;
	case 2: { /* interesting word, 1/2/4/8 bytes, either byte order */
		unsigned w = 1u << below(4);
		uint64_t v = interesting[below(N_INTERESTING)];
		if (rng() & 1)
			v = -v;
		bool be = rng() & 1;
		if (len < w)
			break;
		at = below(len - w + 1);
		for (unsigned i = 0; i < w; i++)
			buf[at + i] = (uint8_t)(v >> 8 * (be ? w - 1 - i : i));
		break;
	}
	case 3: { /* insert random bytes */
		uint8_t tmp[32];
		size_t n = 1 + below(sizeof tmp);
		for (size_t i = 0; i < n; i++)
			tmp[i] = (uint8_t)rng();
		len = insert(buf, len, at, tmp, n);
		break;
	}
	case 4: { /* delete a range */
		if (!len)
			break;
		at %= len;
		size_t n = 1 + below(len - at < 64 ? len - at : 64);
		memmove(buf + at, buf + at + n, len - at - n);
		len -= n;
		break;
	}
	case 5: { /* duplicate a range */
		if (!len)
			break;
		size_t from = below(len), n = 1 + below(len - from);
		if (n > 4096)
			n = 4096;
		uint8_t *tmp = malloc(n);
		if (!tmp)
			break;
		memcpy(tmp, buf + from, n);
		len = insert(buf, len, at, tmp, n);
		free(tmp);
		break;
	}
	case 6: { /* splice: a piece of another seed */
		if (!n_seeds)
			break;
		const struct seed *s = &seeds[below(n_seeds)];
		if (!s->size)
			break;
		size_t from = below(s->size), n = 1 + below(s->size - from);
		if (rng() & 1) { /* overwrite */
			if (at + n > len)
				n = len - at;
			memcpy(buf + at, s->data + from, n);
		} else {
			len = insert(buf, len, at, s->data + from, n);
		}
		break;
	}
	case 7: /* truncate */
		len = at;
		break;
	case 8: /* a token of the format */
	case 9:
		if (tokens && tokens[0]) {
			size_t nt = 0;
			while (tokens[nt])
				nt++;
			const char *t = tokens[below(nt)];
			len = insert(buf, len, at, t, strlen(t));
		}
		break;
	case 10: { /* a decimal or hex number replaced by an edge value */
		size_t i = at;
		while (i < len && !(buf[i] >= '0' && buf[i] <= '9'))
			i++;
		if (i >= len)
			break;
		size_t j = i;
		while (j < len && ((buf[j] >= '0' && buf[j] <= '9') ||
				   (buf[j] | 0x20) == 'x' ||
				   ((buf[j] | 0x20) >= 'a' && (buf[j] | 0x20) <= 'f')))
			j++;
		memmove(buf + i, buf + j, len - j);
		len -= j - i;
		const char *num = numbers[below(N_NUMBERS)];
		len = insert(buf, len, i, num, strlen(num));
		break;
	}
	default: { /* swap two bytes */
		if (len < 2)
			break;
		size_t a = below(len), b = below(len);
		uint8_t t = buf[a];
		buf[a] = buf[b];
		buf[b] = t;
		break;
	}
	}
	return len;
}

static size_t make_input(uint8_t *buf)
{
	size_t len = 0;
	if (n_seeds) {
		const struct seed *s = &seeds[below(n_seeds)];
		len = s->size;
		memcpy(buf, s->data, len);
	} else {
		len = below(256);
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rng();
	}
	/* mostly few mutations (inputs near a valid seed get deep into the
	 * code), sometimes many */
	unsigned k = (rng() & 3) ? 1 + (unsigned)below(4) : 1 + (unsigned)below(64);
	for (unsigned i = 0; i < k; i++)
		len = mutate_once(buf, len);
	return len;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void save(const char *dir, const uint8_t *buf, size_t len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/crash-input", dir);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	unsigned long long n = 10000, seed = 1;
	double seconds = 0;
	const char *corpus = NULL, *save_dir = NULL;
	int verbose = 0, opt;
	while ((opt = getopt(argc, argv, "n:s:t:c:w:v")) != -1) {
		switch (opt) {
		case 'n': n = strtoull(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atof(optarg); break;
		case 'c': corpus = optarg; break;
		case 'w': save_dir = optarg; break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: %s [-n N] [-s SEED] [-t SECONDS] "
				"[-c CORPUS_DIR] [-w DIR] [-v] [FILE...]\n",
				argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			uint8_t *data;
			size_t size;
			if (!read_file(argv[i], &data, &size))
				return 1;
			fprintf(stderr, "%s: %s (%zu bytes)\n", argv[0], argv[i], size);
			LLVMFuzzerTestOneInput(data, size);
			free(data);
		}
		return 0;
	}
	if (corpus)
		load_corpus(corpus);
	static uint8_t buf[FUZZ_MAX_INPUT];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned i = 0; i < n_seeds; i++) {
		if (verbose)
			fprintf(stderr, "seed %u (%zu bytes)\n", i, seeds[i].size);
		/* a private copy: the harness may not write its input, and
		 * ASan then sees an overrun past its exact size */
		uint8_t *copy = malloc(seeds[i].size ? seeds[i].size : 1);
		if (!copy)
			return 1;
		memcpy(copy, seeds[i].data, seeds[i].size);
		LLVMFuzzerTestOneInput(copy, seeds[i].size);
		free(copy);
	}
	rng_state = seed;
	unsigned long long i;
	for (i = 0; i < n; i++) {
		size_t len = make_input(buf);
		if (verbose) {
			fprintf(stderr, "input %llu (%zu bytes)\n", i, len);
			if (save_dir)
				save(save_dir, buf, len);
		}
		/* exactly len bytes on the heap, so that ASan sees a read
		 * past the input's end */
		uint8_t *copy = malloc(len ? len : 1);
		if (!copy)
			return 1;
		memcpy(copy, buf, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		if (seconds > 0 && elapsed(&t0) > seconds) {
			i++;
			break;
		}
	}
	printf("%s: %u seeds, then %llu inputs from seed %llu in %.1f s, "
	       "no crash\n", argv[0], n_seeds, i, seed, elapsed(&t0));
	return 0;
}
