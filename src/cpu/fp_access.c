/* Reset and access control of the floating-point unit: who may execute a
 * CP10/CP11 (VFP) or Advanced SIMD instruction (ARM DDI 0406C B1.11
 * CheckAdvSIMDOrVFPEnabled, B4.1.40 CPACR, B4.1.111 NSACR, B4.1.74 HCPTR,
 * B3.13.6 HSR). See fp.h for the order of the checks.
 *
 * Choices where the manual leaves room:
 *  - CPACR.cp10 != CPACR.cp11 and NSACR.cp10 != NSACR.cp11 are
 *    UNPREDICTABLE: the cp10 field decides, as in the pseudocode.
 *    CPACR.cp10 = 10 (reserved, UNPREDICTABLE) is treated as no access,
 *    as QEMU does.
 *  - HCPTR.TCP10 != HCPTR.TCP11 is UNPREDICTABLE: either bit traps.
 *  - HSR for a trap of an Advanced SIMD instruction: TA = 1 and coproc =
 *    0000; for a VFP instruction TA = 0 and coproc = 1010 (B3.13.6; the
 *    same values ARMv8 makes architectural for AArch32 Hyp, and QEMU's
 *    issue #1153 describes). An Advanced SIMD instruction is reported with
 *    TA = 1 whether TASE or TCP10/TCP11 trapped it.
 *  - FPEXC.EN is checked before the HCPTR trap: the trap is only taken
 *    when the instruction would not be UNDEFINED at PL1 (B1.14 "Traps to
 * the hypervisor"; Linux KVM sets FPEXC.EN before entering a guest for exactly
 * this reason).
 *    QEMU 7.2 checks HCPTR first.
 *  - CPACR.D32DIS / NSACR.NSD32DIS: D16-D31 UNDEFINED (fp_d32_enabled);
 *    CPACR does not act in Hyp mode (B4.1.40), NSACR acts in Non-secure
 *    state including Hyp mode. QEMU 7.2 ignores D32DIS. */
#include "cpu/fp.h"

#include <string.h>

#include "cp15/sysreg.h"
#include "hyp/exception.h"
#include "hyp/traps.h"

#define CPACR_CP10_SHIFT 20
#define CPACR_D32DIS (1u << 30)
#define CPACR_ASEDIS (1u << 31)
#define NSACR_CP10 (1u << 10)
#define NSACR_NSD32DIS (1u << 14)
#define NSACR_NSASEDIS (1u << 15)
#define HCPTR_TCP10 (1u << 10)
#define HCPTR_TCP11 (1u << 11)
#define HCPTR_TASE (1u << 15)

void fp_reset(struct cpu *cpu)
{
	memset(&cpu->fp, 0, sizeof cpu->fp);
}

static bool undefined(struct cpu *cpu, enum exec_result *r)
{
	*r = cpu_undefined(cpu);
	return false;
}

bool fp_check_access_ex(struct cpu *cpu, bool advsimd, bool fpexc_check,
			enum exec_result *r)
{
	bool secure = cpu_is_secure(cpu);
	unsigned mode = cpu_mode(cpu);

	/* 1. NSACR (B4.1.111) */
	if (!secure) {
		uint32_t nsacr = cpu->cp15.nsacr;
		if (!(nsacr & NSACR_CP10))
			return undefined(cpu, r);
		if (advsimd && (nsacr & NSACR_NSASEDIS))
			return undefined(cpu, r);
	}
	/* 2. CPACR (B4.1.40): no effect on Hyp mode */
	if (mode != MODE_HYP) {
		uint32_t cpacr = cpu->cp15.cpacr;
		switch ((cpacr >> CPACR_CP10_SHIFT) & 3u) {
		case 1: /* PL1 only */
			if (mode == MODE_USR)
				return undefined(cpu, r);
			break;
		case 3: /* full access */
			break;
		default: /* 00 no access, 10 reserved */
			return undefined(cpu, r);
		}
		if (advsimd && (cpacr & CPACR_ASEDIS))
			return undefined(cpu, r);
	}
	/* 3. FPEXC.EN */
	if (fpexc_check && !(cpu->fp.fpexc & FPEXC_EN))
		return undefined(cpu, r);
	/* 4. HCPTR (B4.1.74) through the Hyp trap rules of src/hyp. The
	 * effective HCPTR (cp15_hcptr) has TCP10/11 set when NSACR denies
	 * them, but those cases were UNDEFINED at step 1 already. */
	if (!secure) {
		uint32_t hcptr = cp15_hcptr(cpu);
		bool tcp = (hcptr & (HCPTR_TCP10 | HCPTR_TCP11)) != 0;
		bool trapped = tcp || (advsimd && (hcptr & HCPTR_TASE));
		if (trapped) {
			/* hyp_traps_hcptr decides Hyp mode (UNDEFINED) against
			 * PL0/PL1 (trap); ask it for the coprocessor whose bit
			 * is set so that it sees the same trap. */
			unsigned cp = (hcptr & HCPTR_TCP10) ? 10u
				      : (hcptr & HCPTR_TCP11) ? 11u : 10u;
			enum hcptr_result h = hyp_traps_hcptr(cpu, cp, advsimd);
			if (h == HCPTR_UNDEF)
				return undefined(cpu, r);
			if (h == HCPTR_TRAP) {
				uint32_t iss = advsimd ? hyp_iss_hcptr(0, true)
						       : hyp_iss_hcptr(10, false);
				*r = hyp_trap_instruction(cpu, EC_HCPTR, iss);
				return false;
			}
		}
	}
	return true;
}

bool fp_d32_enabled(const struct cpu *cpu)
{
	if (!cpu_is_secure(cpu) && (cpu->cp15.nsacr & NSACR_NSD32DIS))
		return false;
	if (cpu_mode(cpu) != MODE_HYP && (cpu->cp15.cpacr & CPACR_D32DIS))
		return false;
	return true;
}
