/* Two machines, [0] on the step engine and [1] on the block engine, each
 * with a trace writer, for the tests that the block engine's traces are
 * the step engine's byte for byte (test_block_trace.c, test_trace_plan.c).
 * Included once per test program: the state is the file's own. */
#ifndef HYPSIM_UNIT_TRACE_PAIR_H
#define HYPSIM_UNIT_TRACE_PAIR_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit_machine.h"
#include "mmu/bus.h"
#include "sim/machine.h"
#include "trace/trace.h"

static struct machine ms[2]; /* [0] step engine, [1] block engine */
static struct trace_writer *tw[2];
static char path[2][64];
static const volatile int no_stop;

/* A write to both machines' RAM from outside the cores, as the loader
 * makes one (the code-write generation told, mmu/bus.h). */
static void poke(uint32_t pa, uint32_t v)
{
	for (unsigned k = 0; k < 2; k++) {
		memcpy(bus_ram_ptr(&ms[k].bus, pa, 4), &v, 4);
		bus_ram_written(&ms[k].bus, pa, 4);
	}
}

/* A trace writer with `opts` (its path a fresh temporary file) on each
 * machine's core 0. */
static void trace_pair_open(const struct trace_options *opts)
{
	static const char *const models[] = { "cortex-a15" };
	struct trace_header_info info = {
		.board = "bare", .n_cores = 1, .core_models = models,
		.options = "unit",
	};
	for (unsigned k = 0; k < 2; k++) {
		snprintf(path[k], sizeof path[k], "%s/hypsim_tpair_XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		int fd = mkstemp(path[k]);
		ck_assert_int_ge(fd, 0);
		close(fd);
		struct trace_options o = *opts;
		o.path = path[k];
		char err[256];
		tw[k] = trace_writer_open(&o, &info, err, sizeof err);
		ck_assert_msg(tw[k] != NULL, "%s", err);
		trace_writer_attach(tw[k], &ms[k].cpus[0]);
	}
}

static void teardown(void)
{
	for (unsigned k = 0; k < 2; k++) {
		if (tw[k])
			trace_writer_close(tw[k]);
		tw[k] = NULL;
		if (path[k][0])
			unlink(path[k]);
		path[k][0] = 0;
		machine_destroy(&ms[k]);
	}
}

static uint8_t *slurp(const char *p, size_t *len)
{
	FILE *f = fopen(p, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	ck_assert_int_gt(n, 0);
	uint8_t *buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Both machines run `total` steps in cpu_run calls of `chunk` steps (a
 * budget that cuts blocks) and end with the same registers, CPSR and
 * retired count. */
static void trace_pair_run(uint64_t total, uint64_t chunk)
{
	for (unsigned k = 0; k < 2; k++)
		for (uint64_t done = 0; done < total; done += chunk)
			ck_assert_uint_eq(cpu_run(&ms[k].cpus[0], chunk,
						  &no_stop),
					  chunk);
	const struct cpu *a = &ms[0].cpus[0], *b = &ms[1].cpus[0];
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(a->r[i], b->r[i]);
	ck_assert_uint_eq(a->cpsr, b->cpsr);
	ck_assert_uint_eq(a->icount, b->icount);
}

/* Both writers closed, and their files equal byte for byte. */
static void trace_pair_close_and_compare(void)
{
	for (unsigned k = 0; k < 2; k++) {
		ck_assert_int_eq(trace_writer_close(tw[k]), 0);
		tw[k] = NULL;
	}
	size_t la, lb;
	uint8_t *fa = slurp(path[0], &la), *fb = slurp(path[1], &lb);
	size_t diff = 0;
	while (diff < la && diff < lb && fa[diff] == fb[diff])
		diff++;
	ck_assert_msg(la == lb && diff == la,
		      "traces differ at byte %zu of %zu/%zu", diff, la, lb);
	free(fa);
	free(fb);
}

#endif
