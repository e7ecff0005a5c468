/* Address translation operations ATS1C*, ATS12NSO*, ATS1H* (ARM DDI 0406C
 * B4.2.6) and the PAR they write (B4.1.112, both formats). Which mode may
 * execute which operation (and the UNDEFINED cases) is decided by the
 * CP15 table before it calls here. The operations translate as the
 * hardware would: through the modelled TLB (so a stale entry answers
 * them too) and filling it. */
#include <string.h>

#include "cp15/cp15.h"
#include "cpu/cpu.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/mmu_internal.h"

#define PAR_F (1u << 0)
#define PAR_SS (1u << 1)
#define PAR_SH (1u << 7)
#define PAR_NS (1u << 9)
#define PAR_NOS (1u << 10)
#define PAR_LPAE (1u << 11)

/* 32-bit PAR attribute fields from a MAIR-style byte (B4.1.112):
 * Inner[6:4] 000 NC, 001 SO, 011 Device, 101 WB-WA, 110 WT, 111 WB no WA;
 * Outer[3:2] 00 NC, 01 WB-WA, 10 WT, 11 WB no WA. */
static uint32_t par32_attrs(uint8_t attr)
{
	if ((attr & 0xf0u) == 0)
		return (attr == 0 ? 1u : 3u) << 4; /* SO / Device, outer NC */
	unsigned code[2];
	for (unsigned i = 0; i < 2; i++) {
		unsigned n = i ? (attr >> 4) : (attr & 0xfu);
		if (n == 0x4)
			code[i] = 0; /* NC */
		else if ((n >> 2) == 2 || (n >> 2) == 0)
			code[i] = 2; /* WT */
		else
			code[i] = (n & 1u) ? 1 : 3; /* WB with/without WA */
	}
	unsigned inner = code[0] == 0 ? 0 : code[0] == 1 ? 5 : code[0] == 2 ? 6 : 7;
	return inner << 4 | code[1] << 2;
}

static uint64_t par_success(const struct mmu_xlat *x, bool long_par)
{
	if (long_par) {
		/* 64-bit format: PA[39:12], ATTR[63:56] (MAIR encoding),
		 * NS, SH[8:7], LPAE. */
		return (x->pa & 0xfffffff000ull) |
		       (uint64_t)x->memattr << 56 | (x->ns ? PAR_NS : 0) |
		       (uint64_t)(x->sh & 3u) << 7 | PAR_LPAE;
	}
	uint32_t v;
	if (x->supersection) {
		/* PA[31:24] in [31:24], PA[39:32] in [23:16], SS set. */
		v = ((uint32_t)x->pa & 0xff000000u) |
		    (uint32_t)((x->pa >> 32) & 0xffu) << 16 | PAR_SS;
	} else {
		v = (uint32_t)x->pa & 0xfffff000u;
	}
	v |= par32_attrs(x->memattr);
	if (x->sh)
		v |= PAR_SH;
	if (x->nos)
		v |= PAR_NOS;
	/* PAR.NS is UNKNOWN for a Non-secure regime; hypsim reports the
	 * output NS, which is 1 there. */
	if (x->ns)
		v |= PAR_NS;
	return v;
}

static uint64_t par_fault(const struct mmu_fault *f, bool is_write,
			  bool long_par)
{
	if (long_par) {
		/* F, FST[6:1], S2WLK[8], FSTAGE[9], LPAE[11]. */
		return PAR_F | (uint64_t)(mmu_fault_fsc_long(f) & 0x3fu) << 1 |
		       (f->s1ptw ? 1u << 8 : 0) | (f->stage2 ? 1u << 9 : 0) |
		       PAR_LPAE;
	}
	/* F, FS[6:1] = DFSR bits {12, 10, 3:0}. */
	uint32_t fsr = mmu_fault_fsr_short(f, is_write);
	uint32_t fs = (fsr & 0xfu) | ((fsr >> 10) & 1u) << 4 |
		      ((fsr >> 12) & 1u) << 5;
	return PAR_F | fs << 1;
}

bool mmu_address_translate(struct cpu *cpu, enum ats_op op, uint32_t va,
			   struct mmu_fault *abort)
{
	unsigned mode = cpu_mode(cpu);
	bool in_hyp = mode == MODE_HYP;
	bool secure = !in_hyp &&
		      (!(cpu->cp15.scr & SCR_NS) || mode == MODE_MON);
	bool is_write, pl0 = false, stage1_only = false, long_par;
	struct mmu_ctx ctx;

	switch (op) {
	case ATS1CUR:
	case ATS1CUW:
		pl0 = true;
		/* fall through */
	case ATS1CPR:
	case ATS1CPW:
		is_write = op == ATS1CPW || op == ATS1CUW;
		stage1_only = true;
		if (in_hyp) {
			/* From Hyp mode: stage 1 of the Non-secure PL1&0
			 * regime, always reported in the 64-bit format. */
			mmu_ctx_ns_pl10(cpu, pl0, &ctx);
			long_par = true;
		} else {
			/* The current security state's PL1&0 stage 1;
			 * TTBCR.EAE picks the PAR format. */
			mmu_ctx_current(cpu, pl0 ? ACC_UNPRIV : 0, &ctx);
			ctx.pl0 = pl0;
			long_par = ctx.lpae;
		}
		break;
	case ATS12NSOUR:
	case ATS12NSOUW:
		pl0 = true;
		/* fall through */
	case ATS12NSOPR:
	case ATS12NSOPW:
		is_write = op == ATS12NSOPW || op == ATS12NSOUW;
		/* Both stages of Non-secure PL1&0; the 64-bit format when
		 * the Non-secure TTBCR.EAE is 1 or stage 2 is enabled
		 * (HCR.VM, and HCR.DC which implies it). */
		mmu_ctx_ns_pl10(cpu, pl0, &ctx);
		long_par = ctx.lpae || ctx.s2_on;
		break;
	case ATS1HR:
	case ATS1HW:
	default:
		is_write = op == ATS1HW;
		mmu_ctx_hyp(cpu, &ctx);
		long_par = true;
		break;
	}

	struct mmu_xlat x;
	struct mmu_fault f;
	enum mmu_access acc = is_write ? MMU_WRITE : MMU_READ;
	uint64_t par;
	if (mmu_translate_ctx(cpu, &ctx, va, acc, stage1_only, &x, &f)) {
		par = par_success(&x, long_par);
	} else {
		/* B4.2.6: a stage-2 fault on a stage-1 walk of an ATS1C*
		 * executed at Non-secure PL1 is a Data Abort to Hyp mode,
		 * not a PAR result. (Stage 2 itself is not applied by an
		 * ATS1C*, so a stage-2 fault here is always one of the
		 * walk.) */
		if (stage1_only && !in_hyp && !secure && f.stage2) {
			*abort = f;
			abort->cm = true;
			return false;
		}
		par = par_fault(&f, is_write, long_par);
	}
	cpu->cp15.par[cpu_cp15_bank(cpu)] = par;
	return true;
}
