/* Shared fixture of test_gic.c and test_gic_virt.c: a GIC with its four
 * outputs per core connected to a recorder, and fake cores (only
 * cpu->index matters to the GIC) to access the frames as. */
#ifndef HYPSIM_GIC_TEST_H
#define HYPSIM_GIC_TEST_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "devices/gic.h"

enum { OUT_IRQ, OUT_FIQ, OUT_VIRQ, OUT_VFIQ };

static struct gic g;
static struct cpu *cpus; /* GIC_MAX_CPUS fake cores */
static bool out_level[GIC_MAX_CPUS][4];
static unsigned out_changes;

static void recorder(void *opaque, unsigned n, bool level)
{
	(void)opaque;
	out_level[n / 4][n % 4] = level;
	out_changes++;
}

static inline void gic_setup(unsigned n_cpus, unsigned n_irqs)
{
	if (!cpus)
		cpus = calloc(GIC_MAX_CPUS, sizeof *cpus);
	ck_assert_ptr_nonnull(cpus);
	for (unsigned i = 0; i < GIC_MAX_CPUS; i++)
		cpus[i].index = i;
	memset(out_level, 0, sizeof out_level);
	out_changes = 0;
	gic_init(&g, n_cpus, n_irqs);
	for (unsigned c = 0; c < GIC_MAX_CPUS; c++) {
		irq_line_connect(&g.irq_out[c], recorder, NULL, c * 4 + 0);
		irq_line_connect(&g.fiq_out[c], recorder, NULL, c * 4 + 1);
		irq_line_connect(&g.virq_out[c], recorder, NULL, c * 4 + 2);
		irq_line_connect(&g.vfiq_out[c], recorder, NULL, c * 4 + 3);
	}
}

static inline uint32_t rd(const struct bus_device_ops *ops, unsigned c,
			  uint64_t off)
{
	uint64_t v = 0xdeadbeef;

	ck_assert(ops->read(&g, off, 4, &v, &cpus[c]));
	return (uint32_t)v;
}

static inline uint8_t rdb(const struct bus_device_ops *ops, unsigned c,
			  uint64_t off)
{
	uint64_t v = 0xdeadbeef;

	ck_assert(ops->read(&g, off, 1, &v, &cpus[c]));
	return (uint8_t)v;
}

static inline void wr(const struct bus_device_ops *ops, unsigned c,
		      uint64_t off, uint32_t v)
{
	ck_assert(ops->write(&g, off, 4, v, &cpus[c]));
}

static inline void wrb(const struct bus_device_ops *ops, unsigned c,
		       uint64_t off, uint8_t v)
{
	ck_assert(ops->write(&g, off, 1, v, &cpus[c]));
}

#define D(c, off) rd(&gic_dist_ops, (c), (off))
#define DW(c, off, v) wr(&gic_dist_ops, (c), (off), (v))
#define C(c, off) rd(&gic_cpu_ops, (c), (off))
#define CW(c, off, v) wr(&gic_cpu_ops, (c), (off), (v))
#define H(c, off) rd(&gic_hyp_ops, (c), (off))
#define HW(c, off, v) wr(&gic_hyp_ops, (c), (off), (v))
#define V(c, off) rd(&gic_vcpu_ops, (c), (off))
#define VW(c, off, v) wr(&gic_vcpu_ops, (c), (off), (v))

/* Enable SPI/PPI `id` (as core c for a PPI) with priority `prio`,
 * targeted at core c when an SPI. */
static inline void enable_irq(unsigned c, unsigned id, uint8_t prio)
{
	wrb(&gic_dist_ops, c, 0x400 + id, prio);
	if (id >= 32)
		wrb(&gic_dist_ops, c, 0x800 + id, (uint8_t)(1u << c));
	DW(c, 0x100 + 4 * (id / 32), 1u << (id % 32));
}

/* Distributor and core c's interface on for group 0, PMR fully open. */
static inline void open_cpu(unsigned c)
{
	DW(c, 0x000, 3);
	CW(c, 0x00, 1);
	CW(c, 0x04, 0xff);
}

static inline bool is_pending(unsigned c, unsigned id)
{
	return D(c, 0x200 + 4 * (id / 32)) & (1u << (id % 32));
}

static inline bool is_active(unsigned c, unsigned id)
{
	return D(c, 0x300 + 4 * (id / 32)) & (1u << (id % 32));
}

/* Every offset and size of a frame, read and written with several
 * values, as every core and as the debugger: nothing crashes, nothing
 * aborts inside the frame; outside it the access is refused. */
static inline void sweep_frame(const struct bus_device_ops *ops,
			       uint64_t size)
{
	static const uint64_t vals[] = { 0, ~0ull, 0x5a5a5a5aa5a5a5a5ull };
	static const unsigned sizes[] = { 1, 2, 4, 8 };

	for (uint64_t off = 0; off < size; off++)
		for (unsigned s = 0; s < 4; s++)
			for (unsigned k = 0; k <= g.n_cpus; k++) {
				struct cpu *cpu = k < g.n_cpus ? &cpus[k]
							       : NULL;
				uint64_t v = 0;

				ck_assert(ops->read(&g, off, sizes[s], &v,
						    cpu));
				ck_assert(ops->write(&g, off, sizes[s],
						     vals[(off + k) % 3],
						     cpu));
			}
	for (unsigned s = 0; s < 4; s++) {
		uint64_t v;

		ck_assert(!ops->read(&g, size, sizes[s], &v, &cpus[0]));
		ck_assert(!ops->write(&g, size + 4, sizes[s], 0, &cpus[0]));
	}
}

#endif
