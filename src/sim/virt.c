/* The virt board as a machine (see virt.h). */
#include "sim/virt.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp15/sysreg.h"
#include "devices/board.h"
#include "sim/console.h"
#include "sim/machine.h"

/* A GIC output to a core's input: n = core * 4 + which. */
enum { LINE_IRQ, LINE_FIQ, LINE_VIRQ, LINE_VFIQ };

static void core_line_sink(void *opaque, unsigned n, bool level)
{
	struct machine *m = opaque;
	struct cpu *cpu = &m->cpus[n / 4];
	switch (n % 4) {
	case LINE_IRQ: cpu->irq_line = level; break;
	case LINE_FIQ: cpu->fiq_line = level; break;
	case LINE_VIRQ: cpu->virq_line = level; break;
	default: cpu->vfiq_line = level; break;
	}
}

static void uart_tx(void *opaque, uint8_t byte)
{
	struct machine *m = opaque;
	fputc(byte, m->console);
	/* line by line, so the console and hypsim's own messages on stderr
	 * come out in the order they happened even into a file or pipe */
	if (byte == '\n')
		fflush(m->console);
}

/* ---- PSCI platform: what its calls do to this machine ---- */

static struct cpu *cpu_by_affinity(struct machine *m, uint32_t mpidr)
{
	/* MPIDR Aff2..Aff0 (B4.1.106); the U and MT bits are not part of
	 * a target's identity */
	for (unsigned i = 0; i < m->n_cpus; i++)
		if (((m->cpus[i].cp15.mpidr ^ mpidr) & 0xffffffu) == 0)
			return &m->cpus[i];
	return NULL;
}

static int32_t psci_cpu_on(void *ctx, uint32_t mpidr, uint32_t entry,
			   uint32_t context)
{
	struct machine *m = ctx;
	struct cpu *cpu = cpu_by_affinity(m, mpidr);
	if (!cpu)
		return PSCI_INVALID_PARAMETERS;
	if (cpu->state != CPU_POWERED_OFF)
		return PSCI_ALREADY_ON;
	/* DEN 0022D 6.4.3: the core starts at the entry point, in the
	 * state the caller runs at (Hyp when the machine started in Hyp),
	 * with the context ID in r0 and its caches and TLBs reset. */
	machine_enter_core(m, cpu, entry);
	cpu->r[0] = context;
	return PSCI_SUCCESS;
}

static int32_t psci_affinity_info(void *ctx, uint32_t mpidr)
{
	struct machine *m = ctx;
	struct cpu *cpu = cpu_by_affinity(m, mpidr);
	if (!cpu)
		return PSCI_INVALID_PARAMETERS;
	return cpu->state == CPU_POWERED_OFF ? 1 : 0;
}

static void psci_cpu_off(void *ctx, struct cpu *cpu)
{
	(void)ctx;
	cpu->state = CPU_POWERED_OFF;
}

static enum exec_result psci_system_off(void *ctx, struct cpu *cpu)
{
	struct machine *m = ctx;
	fflush(m->console);
	fprintf(stderr, "hypsim: PSCI SYSTEM_OFF from core %u after %llu "
			"instructions: the machine is off\n",
		cpu->index, (unsigned long long)machine_total_icount(m));
	m->exit_code = 0;
	m->stop = STOP_EXIT;
	m->stopped_cpu = cpu->index;
	return EXEC_HALT;
}

static enum exec_result psci_system_reset(void *ctx, struct cpu *cpu)
{
	struct machine *m = ctx;
	fflush(m->console);
	m->stopped_cpu = cpu->index;
	if (m->cfg.reboot) {
		fprintf(stderr, "hypsim: PSCI SYSTEM_RESET from core %u after "
				"%llu instructions: the machine restarts\n",
			cpu->index,
			(unsigned long long)machine_total_icount(m));
		m->stop = STOP_RESET;
		return EXEC_HALT;
	}
	fprintf(stderr, "hypsim: PSCI SYSTEM_RESET from core %u after %llu "
			"instructions: the run ends (--reboot restarts the "
			"machine instead)\n",
		cpu->index, (unsigned long long)machine_total_icount(m));
	m->exit_code = 0;
	m->stop = STOP_EXIT;
	return EXEC_HALT;
}

static bool firmware_call(struct cpu *cpu, bool is_hvc, enum exec_result *r)
{
	struct machine *m = cpu->board;
	return psci_call(&m->virt->psci, cpu, is_hvc, r);
}

/* ---- host console ---- */

#define CONSOLE_POLL_PERIODS 64000
static void poll_console(struct machine *m)
{
	struct virt_board *vb = m->virt;
	if (!vb->console)
		return;
	/* every CONSOLE_POLL_PERIODS of machine time at most: a system
	 * call per 1000-instruction round would cost more than the round */
	if (m->clock.round_start - vb->polled_at < CONSOLE_POLL_PERIODS)
		return;
	vb->polled_at = m->clock.round_start;
	if (console_poll(vb->console, pl011_can_receive_cb, pl011_receive_cb,
			 &vb->uart))
		m->interrupt_requested = 1;
}

/* Every core waits and no event is scheduled: only typed input can wake
 * the machine. */
static bool idle_wait(struct machine *m)
{
	struct virt_board *vb = m->virt;
	if (!vb->console)
		return false;
	fflush(m->console);
	bool quit = false;
	bool woke = console_wait(vb->console, pl011_can_receive_cb, pl011_receive_cb,
				 &vb->uart, &quit);
	if (quit)
		m->interrupt_requested = 1;
	return woke;
}

bool virt_board_create(struct machine *m, char *err, size_t errlen)
{
	const struct board_desc *d = board_find("virt");
	struct virt_board *vb = calloc(1, sizeof *vb);
	if (!d || !vb) {
		free(vb);
		snprintf(err, errlen, "cannot build the virt board");
		return false;
	}
	m->virt = vb;
	vb->desc = d;
	if (m->n_cpus > GIC_MAX_CPUS || m->n_cpus > d->max_cpus) {
		snprintf(err, errlen, "the virt board's GIC serves at most %d "
			 "cores, not %u", GIC_MAX_CPUS, m->n_cpus);
		return false;
	}
	gic_init(&vb->gic, m->n_cpus, d->gic_ids);
	pl011_init(&vb->uart);
	pl031_init(&vb->rtc, &m->clock, m->cfg.rtc_epoch);
	/* each device of the table on the bus */
	for (unsigned k = 0; k < d->n_devices; k++) {
		const struct board_device *bd = &d->devices[k];
		const struct bus_device_ops *ops = NULL;
		void *opaque = &vb->gic;
		switch (bd->kind) {
		case BOARD_DEV_GICD: ops = &gic_dist_ops; break;
		case BOARD_DEV_GICC: ops = &gic_cpu_ops; break;
		case BOARD_DEV_GICH: ops = &gic_hyp_ops; break;
		case BOARD_DEV_GICV: ops = &gic_vcpu_ops; break;
		case BOARD_DEV_PL011: ops = &pl011_ops; opaque = &vb->uart; break;
		case BOARD_DEV_PL031: ops = &pl031_ops; opaque = &vb->rtc; break;
		}
		const char *why = NULL;
		if (!bus_add_device(&m->bus, bd->base, bd->size, bd->dt_name,
				    ops, opaque, &why)) {
			snprintf(err, errlen, "virt board: %s at 0x%llx: %s",
				 bd->dt_name, (unsigned long long)bd->base, why);
			return false;
		}
	}
	/* wires: GIC outputs to the cores, the cores' timers to their PPIs
	 * (ARM's recommended PPI assignment, which QEMU's virt uses), the
	 * UART and RTC to their SPIs */
	unsigned timer_ppi[CPU_TIMERS];
	timer_ppi[CP15_TIMER_PHYS_S] = BOARD_PPI_ID(d->ppi.sec_phys_timer);
	timer_ppi[CP15_TIMER_PHYS_NS] = BOARD_PPI_ID(d->ppi.ns_phys_timer);
	timer_ppi[CP15_TIMER_VIRT] = BOARD_PPI_ID(d->ppi.virt_timer);
	timer_ppi[CP15_TIMER_HYP] = BOARD_PPI_ID(d->ppi.hyp_timer);
	for (unsigned i = 0; i < m->n_cpus; i++) {
		struct cpu *cpu = &m->cpus[i];
		irq_line_connect(&vb->gic.irq_out[i], core_line_sink, m,
				 i * 4 + LINE_IRQ);
		irq_line_connect(&vb->gic.fiq_out[i], core_line_sink, m,
				 i * 4 + LINE_FIQ);
		irq_line_connect(&vb->gic.virq_out[i], core_line_sink, m,
				 i * 4 + LINE_VIRQ);
		irq_line_connect(&vb->gic.vfiq_out[i], core_line_sink, m,
				 i * 4 + LINE_VFIQ);
		for (unsigned t = 0; t < CPU_TIMERS; t++)
			irq_line_connect(&cpu->timer_out[t], gic_input_sink,
					 &vb->gic, GIC_INPUT(i, timer_ppi[t]));
		cpu->firmware_call = firmware_call;
	}
	irq_line_connect(&vb->uart.irq, gic_input_sink, &vb->gic,
			 GIC_INPUT(0, BOARD_SPI_ID(board_device(d,
					BOARD_DEV_PL011)->spi)));
	irq_line_connect(&vb->rtc.irq, gic_input_sink, &vb->gic,
			 GIC_INPUT(0, BOARD_SPI_ID(board_device(d,
					BOARD_DEV_PL031)->spi)));
	vb->uart.tx = uart_tx;
	vb->uart.tx_opaque = m;
	/* PSCI over SMC when the machine starts in Hyp mode (no EL3, as
	 * QEMU's virt with virtualization=on), over HVC otherwise */
	vb->psci.conduit = m->cfg.entry == ENTRY_HYP ? PSCI_CONDUIT_SMC
						     : PSCI_CONDUIT_HVC;
	vb->psci.platform = (struct psci_platform){
		.ctx = m,
		.cpu_on = psci_cpu_on,
		.affinity_info = psci_affinity_info,
		.cpu_off = psci_cpu_off,
		.system_off = psci_system_off,
		.system_reset = psci_system_reset,
	};
	if (m->cfg.console_input) {
		vb->console = console_open(m->console, STDIN_FILENO, err,
					   errlen);
		if (!vb->console)
			return false;
	}
	m->poll_hook = poll_console;
	m->idle_wait = idle_wait;
	return true;
}

void virt_board_reset(struct machine *m)
{
	struct virt_board *vb = m->virt;
	gic_reset(&vb->gic);
	pl011_reset(&vb->uart);
	/* A kernel entered directly finds its console UART enabled, as
	 * firmware leaves it (earlycon writes without enabling it). */
	pl011_firmware_setup(&vb->uart);
	for (unsigned i = 0; i < m->n_cpus; i++)
		cp15_timer_update(&m->cpus[i]);
}

void virt_board_destroy(struct machine *m)
{
	struct virt_board *vb = m->virt;
	if (!vb)
		return;
	if (vb->console)
		console_close(vb->console);
	timing_cancel(&m->clock, &vb->rtc.match_ev);
	free(vb);
	m->virt = NULL;
}
