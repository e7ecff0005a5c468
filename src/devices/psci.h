/* PSCI firmware (ARM DEN 0022D, Power State Coordination Interface 1.0)
 * as QEMU's virt machine provides it when it has no EL3 firmware: the
 * calls a kernel or hypervisor makes over SMC (the machine starts in Hyp
 * mode) or HVC (it starts below Hyp), answered in the simulator. The
 * firmware decodes the call and its arguments; what it means for the
 * machine (powering a core on, halting) the platform does. */
#ifndef HYPSIM_PSCI_H
#define HYPSIM_PSCI_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* Function IDs, SMC32 (DEN 0022D 5.1). */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE 0x84000005u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_MIGRATE_INFO_UP_CPU 0x84000007u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_FN_FIRST 0x84000000u
#define PSCI_FN_LAST 0x8400001fu
#define PSCI64_FN_FIRST 0xc4000000u
#define PSCI64_FN_LAST 0xc400001fu

/* Return codes (DEN 0022D 5.2.2). */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)

enum psci_conduit { PSCI_CONDUIT_SMC, PSCI_CONDUIT_HVC };

struct psci_platform {
	void *ctx;
	/* Power on the core whose MPIDR affinity fields are `mpidr` at
	 * `entry` with r0 = context; a PSCI return code. */
	int32_t (*cpu_on)(void *ctx, uint32_t mpidr, uint32_t entry,
			  uint32_t context);
	/* 0 on, 1 off, 2 on pending; or INVALID_PARAMETERS */
	int32_t (*affinity_info)(void *ctx, uint32_t mpidr);
	/* the calling core powers itself off */
	void (*cpu_off)(void *ctx, struct cpu *cpu);
	/* halt or reset the machine; returns the step's result */
	enum exec_result (*system_off)(void *ctx, struct cpu *cpu);
	enum exec_result (*system_reset)(void *ctx, struct cpu *cpu);
};

struct psci {
	enum psci_conduit conduit;
	struct psci_platform platform;
};

/* The firmware call of a core (cpu->firmware_call semantics): false when
 * the call is not the firmware's. */
bool psci_call(struct psci *p, struct cpu *cpu, bool is_hvc,
	       enum exec_result *r);

#endif
