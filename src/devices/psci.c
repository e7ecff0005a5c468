/* PSCI 1.0 firmware (see psci.h). */
#include "devices/psci.h"

/* Which SMC or HVC is a firmware call. Over SMC every call is the
 * firmware's: the machine has no Secure software, so a call that is not
 * PSCI gets NOT_SUPPORTED in r0, as an SMC Calling Convention firmware
 * answers an unknown function (DEN 0028, "Unknown Function Identifier"),
 * instead of Monitor vectors nobody installed. Over HVC only PSCI
 * function IDs are: a hypervisor's own HVCs (a hyp-stub's) stay
 * exceptions to Hyp mode. */
static bool is_firmware_call(const struct psci *p, bool is_hvc, uint32_t fn)
{
	if (is_hvc != (p->conduit == PSCI_CONDUIT_HVC))
		return false;
	if (!is_hvc)
		return true;
	return (fn >= PSCI_FN_FIRST && fn <= PSCI_FN_LAST) ||
	       (fn >= PSCI64_FN_FIRST && fn <= PSCI64_FN_LAST);
}

/* The functions this firmware implements (PSCI_FEATURES answers 0 for
 * them). SMC64 IDs are NOT_SUPPORTED: a 32-bit caller cannot pass 64-bit
 * arguments (DEN 0022D 5.1.1). */
static bool implemented(uint32_t fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	default:
		return false;
	}
}

bool psci_call(struct psci *p, struct cpu *cpu, bool is_hvc,
	       enum exec_result *r)
{
	uint32_t fn = cpu->r[0];
	if (!is_firmware_call(p, is_hvc, fn))
		return false;
	const struct psci_platform *pl = &p->platform;
	int32_t ret = PSCI_NOT_SUPPORTED;
	*r = EXEC_OK;
	switch (fn) {
	case PSCI_VERSION:
		ret = 0x00010000; /* 1.0 */
		break;
	case PSCI_FEATURES:
		/* 0 and no feature flags (CPU_SUSPEND: original power-state
		 * format, no OS-initiated mode) */
		ret = implemented(cpu->r[1]) ? PSCI_SUCCESS
					     : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_CPU_SUSPEND:
		/* Every power state is a standby state here: the core waits
		 * as in WFI and returns SUCCESS when woken (DEN 0022D 5.4:
		 * a standby return is a normal return). */
		cpu->r[0] = PSCI_SUCCESS;
		cpu->state = CPU_WAIT_WFI; /* wakes at once if one is pending */
		*r = EXEC_WAIT;
		return true;
	case PSCI_CPU_OFF:
		/* Success never returns (DEN 0022D 5.5). */
		pl->cpu_off(pl->ctx, cpu);
		*r = EXEC_WAIT;
		return true;
	case PSCI_CPU_ON:
		ret = pl->cpu_on(pl->ctx, cpu->r[1], cpu->r[2], cpu->r[3]);
		break;
	case PSCI_AFFINITY_INFO:
		/* Only level 0 (a core) is answered; the clusters of this
		 * machine have no power state of their own. */
		ret = cpu->r[2] == 0 ? pl->affinity_info(pl->ctx, cpu->r[1])
				     : PSCI_INVALID_PARAMETERS;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS: migration not required */
		break;
	case PSCI_SYSTEM_OFF:
		*r = pl->system_off(pl->ctx, cpu);
		return true;
	case PSCI_SYSTEM_RESET:
		*r = pl->system_reset(pl->ctx, cpu);
		return true;
	default:
		break;
	}
	cpu->r[0] = (uint32_t)ret;
	return true;
}
