/* Data-cache maintenance. Without --dcache-model (not implemented yet)
 * data accesses go straight to memory, so the caches hold nothing that
 * maintenance could clean or invalidate: the operations are reported to
 * observers (trace, hang report) and have no other effect. */
#include "cpu/cpu.h"
#include "mmu/cache_ops.h"

void dcache_maintain(struct cpu *cpu, enum dcache_op op, uint32_t arg)
{
	static const char *const names[] = {
		[DC_IMVAC] = "DCIMVAC", [DC_ISW] = "DCISW",
		[DC_CMVAC] = "DCCMVAC", [DC_CSW] = "DCCSW",
		[DC_CMVAU] = "DCCMVAU", [DC_CIMVAC] = "DCCIMVAC",
		[DC_CISW] = "DCCISW",
	};
	cpu_notify_maintenance(cpu, names[op], arg, 0);
}
