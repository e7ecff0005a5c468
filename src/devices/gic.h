/* A GICv2 interrupt controller with the Virtualization Extensions, as a
 * GIC-400 appears on QEMU's `virt` board when that board has no EL3: the
 * Security Extensions are absent (GICD_TYPER.SecurityExtn = 0), so every
 * access is treated as a Secure one and the registers have their
 * "GICv2 without the Security Extensions" layout (ARM IHI 0048B), while
 * interrupt groups 0 and 1 still exist.
 *
 * Four register frames: the Distributor (GICD), the physical CPU
 * interface (GICC), the virtual interface control (GICH) and the virtual
 * CPU interface a guest sees (GICV). GICC, GICH and GICV are banked by
 * the accessing core (`cpu ? cpu->index : 0`).
 *
 * All state is plain data inside struct gic. Connect the output lines
 * after gic_init(): gic_init clears the whole structure. */
#ifndef HYPSIM_GIC_H
#define HYPSIM_GIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mmu/bus.h"
#include "timing/irq.h"

#define GIC_MAX_CPUS 8
#define GIC_MAX_IRQS 1020 /* IDs 1020-1023 are special (IHI 0048B 3.1.2) */
#define GIC_NR_LR 4       /* GIC-400: four list registers */
#define GIC_MAINT_PPI 25  /* the virtual maintenance interrupt's ID */

#define GIC_ID_SPURIOUS 1023
#define GIC_ID_SPURIOUS_GRP1 1022

/* Per-core state: the distributor's banked IDs 0-31, the physical CPU
 * interface and the virtual interface control registers. */
struct gic_cpu_state {
	/* distributor bank for SGIs and PPIs (bit n = ID n) */
	uint32_t enabled0, pend0, active0, level0, group0;
	uint8_t prio0[32];
	uint8_t sgi_src[16]; /* pending SGI n from source CPU bit k */

	/* GICC */
	uint32_t ctlr;
	uint8_t pmr, bpr, abpr;
	uint32_t apr; /* GICC_APR0: bit n = preemption level n active */

	/* GICH */
	uint32_t hcr, vmcr, vapr;
	uint32_t lr[GIC_NR_LR];
};

struct gic {
	uint32_t ctlr; /* GICD_CTLR */
	/* SPIs: word n holds IDs 32n..32n+31; word 0 unused (banked) */
	uint32_t enabled[32], pend[32], active[32], level[32], edge[32],
		group[32];
	uint8_t prio[1024], targets[1024];
	struct gic_cpu_state cpu[GIC_MAX_CPUS];

	unsigned n_cpus, n_irqs;
	/* outputs to each core's IRQ, FIQ, virtual IRQ and virtual FIQ
	 * inputs */
	struct irq_line irq_out[GIC_MAX_CPUS], fiq_out[GIC_MAX_CPUS],
		virq_out[GIC_MAX_CPUS], vfiq_out[GIC_MAX_CPUS];
};

/* n_cpus 1..8; n_irqs is rounded up to a multiple of 32 within 32..1020
 * (QEMU virt: 288). Clears everything, then resets. */
void gic_init(struct gic *g, unsigned n_cpus, unsigned n_irqs);
/* Reset state; keeps the line connections and drives changed outputs. */
void gic_reset(struct gic *g);
/* input lines: id 16..31 a PPI of `cpu`, id >= 32 an SPI (cpu ignored);
 * level-sensitive wire level (edge-configured inputs latch on a rising
 * level). SGI IDs and out-of-range IDs or CPUs are ignored. */
void gic_set_input(struct gic *g, unsigned cpu, unsigned id, bool level);
/* sink for struct irq_line (src/timing/irq.h): n = GIC_INPUT(cpu, id) */
#define GIC_INPUT(cpu, id) (((cpu) << 16) | (id))
void gic_input_sink(void *gic, unsigned n, bool level);

/* Register frames. Sizes 1, 2, 4 and 8 are accepted; a size or offset
 * the GIC does not allow is RAZ/WI; only an offset outside the frame
 * makes the bus abort. A read with no core (a debugger access) of
 * GICC_IAR/AIAR or GICV_IAR/AIAR returns what it would acknowledge
 * without acknowledging it. */
extern const struct bus_device_ops gic_dist_ops; /* 0x1000 bytes at GICD */
extern const struct bus_device_ops gic_cpu_ops;  /* 0x2000 at GICC */
extern const struct bus_device_ops gic_hyp_ops;  /* 0x1000 bytes at GICH */
extern const struct bus_device_ops gic_vcpu_ops; /* 0x2000 at GICV */
/* (GICC_DIR and GICV_DIR are at +0x1000) */

#define GIC_DIST_SIZE 0x1000
#define GIC_CPU_SIZE 0x2000
#define GIC_HYP_SIZE 0x1000
#define GIC_VCPU_SIZE 0x2000

/* For the monitor and hang reports: a human-readable dump of one CPU's
 * physical and virtual interface state (list registers decoded, GICH_HCR,
 * VMCR, pending/active IDs), and why a pending interrupt of that CPU is
 * not being delivered (masked by PMR/priority/running priority, group
 * disabled, GICH_HCR.En clear, ...): returns false when nothing is
 * pending. */
void gic_describe(const struct gic *g, unsigned cpu, FILE *out);
bool gic_why_not_delivered(const struct gic *g, unsigned cpu, char *buf,
			   size_t len);

/* ---- shared by gic.c and gic_virt.c only ---- */

/* Recompute every core's maintenance interrupt, IRQ/FIQ and VIRQ/VFIQ. */
void gic_update(struct gic *g);
/* Clear the active state of `id` on core c (a hardware-linked list
 * register's deactivation, IHI 0048B 5.4.1). */
void gic_deactivate_phys(struct gic *g, unsigned c, unsigned id);
/* Group priority of `prio` under binary point `bp` for a group-0 style
 * (GICC_BPR) or group-1 style (GICC_ABPR) register (IHI 0048B 3.3.3). */
uint8_t gic_group_prio(uint8_t prio, unsigned bp, bool abpr_style);
/* Running priority from an active-priorities bitmap, 0xff when idle. */
uint8_t gic_running_prio(uint32_t apr);
/* The virtual interface: the MISR value, the maintenance level, the best
 * pending list register (-1 if none) and the VIRQ/VFIQ levels. */
uint32_t gic_misr(const struct gic *g, unsigned c);
int gic_virt_best_lr(const struct gic *g, unsigned c);
void gic_virt_outputs(const struct gic *g, unsigned c, bool *virq,
		      bool *vfiq);
void gic_virt_describe(const struct gic *g, unsigned c, FILE *out);
bool gic_virt_why_not(const struct gic *g, unsigned c, char *buf,
		      size_t len);
void gic_virt_reset(struct gic *g);

#endif
