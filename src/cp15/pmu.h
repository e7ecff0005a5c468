/* Performance Monitors (ARM DDI 0406C chapter C12, PMUv2 with the event
 * filtering of the Security and Virtualization Extensions) as the rest of
 * the simulator sees them. The registers themselves are in the table
 * (src/cp15/sysregs_pmu.c); counting is lazy, from the instruction count,
 * so the step loop does no PMU work. Two hooks keep filtered counting
 * exact: every change of mode (and so of PL and security state) that an
 * instruction or an exception makes calls one of them first. */
#ifndef HYPSIM_PMU_H
#define HYPSIM_PMU_H

#include <stdbool.h>

struct cpu;
struct exception;

/* The core's PMU overflow interrupt request (C12 "Generating overflow
 * interrupt requests"): some counter has its PMOVSR flag and its
 * PMINTENSET bit set. Level-sensitive; there is no interrupt controller
 * yet, so nothing reads it but tests and the monitor — a GIC will wire it
 * to its PPI. Counts up to now are taken into account without changing
 * the core. */
bool pmu_irq_asserted(const struct cpu *cpu);

/* Called by the exception router before it changes mode (hyp_take_exception):
 * counts EXC_TAKEN (event 0x09) and closes the counting window of the
 * state the exception is taken from. */
void pmu_exception_entry(struct cpu *cpu, const struct exception *e);

/* Called before an instruction changes CPSR.M (CPS, MSR, exception return;
 * cpu.c cpsr_write): closes the counting window of the current state with
 * the instruction itself counted in it. */
void pmu_mode_change(struct cpu *cpu, bool is_excpt_return);

#endif
