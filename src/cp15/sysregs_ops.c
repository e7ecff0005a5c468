/* CP15 operations: c7 cache and branch-predictor maintenance, CP15
 * barriers and address translation; c8 TLB maintenance (ARM DDI 0406C
 * B4.2.1 "Cache and branch predictor maintenance operations", B4.2.2 "TLB
 * maintenance operations", B4.2.6 "Address translation operations").
 *
 * The table only dispatches: the cache model (mmu/cache_ops.h) and the
 * TLB/MMU (mmu/mmu.h) do the work and report each operation to observers
 * themselves. What is decided here is architectural: which operation an
 * encoding is, HCR.FB (forced broadcast) and HCR.SWIO (set/way invalidate
 * as clean and invalidate) from Non-secure PL1 (B4.1.65). */
#include "cp15/sysreg_internal.h"
#include "mmu/cache_ops.h"
#include "mmu/mmu.h"

/* HCR.FB: TLB maintenance, BPIALL and ICIALLU executed at Non-secure PL1
 * are broadcast as their Inner Shareable forms. */
static bool forced_broadcast(const struct cpu *cpu)
{
	return sr_ns_below_hyp(cpu) && (cpu->cp15.hcr & HCR_FB);
}

static struct sysreg_result op_icache(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v)
{
	uint32_t arg = (uint32_t)v;
	bool is = r->enc.crm == 1;
	if (r->enc.crm == 5 && r->enc.opc2 == 1) {
		icache_invalidate_mva(cpu, arg); /* ICIMVAU */
		return sr_ok();
	}
	icache_invalidate_all(cpu, is || forced_broadcast(cpu));
	return sr_ok();
}

static struct sysreg_result op_bp(struct cpu *cpu, const struct sysreg *r,
				  uint64_t v)
{
	bool is = r->enc.crm == 1;
	bool by_mva = r->enc.opc2 == 7;
	if (!by_mva && !is && forced_broadcast(cpu))
		bp_invalidate(cpu, "BPIALLIS", (uint32_t)v, true);
	else
		bp_invalidate(cpu, r->name, (uint32_t)v, is);
	return sr_ok();
}

static struct sysreg_result op_dcache(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v)
{
	enum dcache_op op;
	switch ((r->enc.crm << 4) | r->enc.opc2) {
	case 0x61: op = DC_IMVAC; break;
	case 0x62: op = DC_ISW; break;
	case 0xa1: op = DC_CMVAC; break;
	case 0xa2: op = DC_CSW; break;
	case 0xb1: op = DC_CMVAU; break;
	case 0xe1: op = DC_CIMVAC; break;
	default: op = DC_CISW; break;
	}
	/* HCR.SWIO: DCISW at Non-secure PL1 is performed as DCCISW, so a
	 * guest cannot discard data the hypervisor wrote (B4.1.65). */
	if (op == DC_ISW && sr_ns_below_hyp(cpu) && (cpu->cp15.hcr & HCR_SWIO))
		op = DC_CISW;
	dcache_maintain(cpu, op, (uint32_t)v);
	return sr_ok();
}

/* CP15ISB/CP15DSB/CP15DMB (B4.2.? "CP15 c7, Memory barrier operations"):
 * the value written is ignored (SBZ). */
static struct sysreg_result op_barrier(struct cpu *cpu, const struct sysreg *r,
				       uint64_t v)
{
	(void)v;
	if (r->enc.crm == 5)
		cpu_barrier(cpu, BARRIER_ISB);
	else if (r->enc.opc2 == 4)
		cpu_barrier(cpu, BARRIER_DSB);
	else
		cpu_barrier(cpu, BARRIER_DMB);
	return sr_ok();
}

/* SCTLR.CP15BEN (B4.1.130): when 0 the CP15 barrier encodings are
 * UNDEFINED. HSCTLR has no such control in ARMv7 (bit 5 is RES1): in Hyp
 * mode the barriers are always enabled. */
static bool check_cp15ben(const struct cpu *cpu, const struct sysreg *r,
			  bool is_read)
{
	(void)r;
	(void)is_read;
	if (cpu_mode(cpu) == MODE_HYP)
		return true;
	return (cpu->cp15.sctlr[cpu_cp15_bank(cpu)] & SCTLR_CP15BEN) != 0;
}

/* ---- address translation (B4.2.6) ---- */
static struct sysreg_result op_ats(struct cpu *cpu, const struct sysreg *r,
				   uint64_t v)
{
	static const enum ats_op pl1_ops[8] = {
		ATS1CPR,    ATS1CPW,    ATS1CUR,    ATS1CUW,
		ATS12NSOPR, ATS12NSOPW, ATS12NSOUR, ATS12NSOUW,
	};
	enum ats_op op = r->enc.opc1 == 4 ? (r->enc.opc2 ? ATS1HW : ATS1HR)
					  : pl1_ops[r->enc.opc2 & 7];
	struct mmu_fault abort;
	if (!mmu_address_translate(cpu, op, (uint32_t)v, &abort))
		return sr_abort(&abort, (uint32_t)v);
	return sr_ok();
}

/* ATS12NSO* (B4.2.6): available in Hyp mode and in Secure PL1 modes with
 * SCR.NS = 0; UNDEFINED elsewhere. (In Monitor mode with SCR.NS = 1 they
 * are UNPREDICTABLE; this model makes them UNDEFINED there.) */
static bool check_ats12nso(const struct cpu *cpu, const struct sysreg *r,
			   bool is_read)
{
	(void)r;
	(void)is_read;
	if (cpu_mode(cpu) == MODE_HYP)
		return true;
	return cpu_is_secure(cpu) && !(cpu->cp15.scr & SCR_NS);
}

/* ---- TLB maintenance (B4.2.2) ---- */
static struct sysreg_result op_tlbi(struct cpu *cpu, const struct sysreg *r,
				    uint64_t v)
{
	bool is = r->enc.crm == 3;
	enum tlbi_op op;
	if (r->enc.opc1 == 4) {
		op = r->enc.opc2 == 0 ? TLBI_ALLH
		     : r->enc.opc2 == 1 ? TLBI_MVAH : TLBI_ALLNSNH;
	} else {
		static const enum tlbi_op ops[4] = {TLBI_ALL, TLBI_MVA,
						    TLBI_ASID, TLBI_MVAA};
		op = ops[r->enc.opc2 & 3];
		if (forced_broadcast(cpu))
			is = true;
	}
	mmu_tlb_maintenance(cpu, op, (uint32_t)v, is);
	return sr_ok();
}

#define OP(nm, o1, n, m, o2, acc, tr, fn, desc)                              \
	{.name = nm, CP15(o1, n, m, o2), .access = (acc), .traps = (tr),     \
	 NOFLD, .write = fn, .description = desc}
#define BARRIER(nm, m, o2, desc)                                            \
	{.name = nm, CP15(0, 7, m, o2),                                     \
	 .access = SR_PL0_W | SR_PL1_W | SR_OPERATION | SR_NO_GDB, NOFLD,   \
	 .write = op_barrier, .check = check_cp15ben, .description = desc}

const struct sysreg sysregs_ops[] = {
	/* c7 cache and branch predictor maintenance */
	OP("ICIALLUIS", 0, 7, 1, 0, A_OP_PL1, TRAP_TPU, op_icache,
	   "invalidate all I-caches to PoU, Inner Shareable"),
	OP("BPIALLIS", 0, 7, 1, 6, A_OP_PL1, TRAP_NONE, op_bp,
	   "invalidate all branch predictors, Inner Shareable"),
	OP("ICIALLU", 0, 7, 5, 0, A_OP_PL1, TRAP_TPU, op_icache,
	   "invalidate all I-caches to PoU"),
	OP("ICIMVAU", 0, 7, 5, 1, A_OP_PL1, TRAP_TPU, op_icache,
	   "invalidate I-cache by MVA to PoU"),
	BARRIER("CP15ISB", 5, 4, "Instruction Synchronization Barrier"),
	OP("BPIALL", 0, 7, 5, 6, A_OP_PL1, TRAP_NONE, op_bp,
	   "invalidate all branch predictors"),
	OP("BPIMVA", 0, 7, 5, 7, A_OP_PL1, TRAP_NONE, op_bp,
	   "invalidate branch predictor by MVA"),
	OP("DCIMVAC", 0, 7, 6, 1, A_OP_PL1, TRAP_TPC, op_dcache,
	   "invalidate D-cache line by MVA to PoC"),
	OP("DCISW", 0, 7, 6, 2, A_OP_PL1, TRAP_TSW, op_dcache,
	   "invalidate D-cache line by set/way"),
	OP("DCCMVAC", 0, 7, 10, 1, A_OP_PL1, TRAP_TPC, op_dcache,
	   "clean D-cache line by MVA to PoC"),
	OP("DCCSW", 0, 7, 10, 2, A_OP_PL1, TRAP_TSW, op_dcache,
	   "clean D-cache line by set/way"),
	BARRIER("CP15DSB", 10, 4, "Data Synchronization Barrier"),
	BARRIER("CP15DMB", 10, 5, "Data Memory Barrier"),
	OP("DCCMVAU", 0, 7, 11, 1, A_OP_PL1, TRAP_TPU, op_dcache,
	   "clean D-cache line by MVA to PoU"),
	OP("DCCIMVAC", 0, 7, 14, 1, A_OP_PL1, TRAP_TPC, op_dcache,
	   "clean and invalidate D-cache line by MVA to PoC"),
	OP("DCCISW", 0, 7, 14, 2, A_OP_PL1, TRAP_TSW, op_dcache,
	   "clean and invalidate D-cache line by set/way"),

	/* c7 address translation */
	OP("ATS1CPR", 0, 7, 8, 0, A_OP_PL1, TRAP_NONE, op_ats,
	   "stage 1 current state PL1 read"),
	OP("ATS1CPW", 0, 7, 8, 1, A_OP_PL1, TRAP_NONE, op_ats,
	   "stage 1 current state PL1 write"),
	OP("ATS1CUR", 0, 7, 8, 2, A_OP_PL1, TRAP_NONE, op_ats,
	   "stage 1 current state PL0 read"),
	OP("ATS1CUW", 0, 7, 8, 3, A_OP_PL1, TRAP_NONE, op_ats,
	   "stage 1 current state PL0 write"),
	{.name = "ATS12NSOPR", CP15(0, 7, 8, 4), .access = A_OP_PL1, NOFLD,
	 .write = op_ats, .check = check_ats12nso,
	 .description = "stages 1 and 2 Non-secure PL1 read"},
	{.name = "ATS12NSOPW", CP15(0, 7, 8, 5), .access = A_OP_PL1, NOFLD,
	 .write = op_ats, .check = check_ats12nso,
	 .description = "stages 1 and 2 Non-secure PL1 write"},
	{.name = "ATS12NSOUR", CP15(0, 7, 8, 6), .access = A_OP_PL1, NOFLD,
	 .write = op_ats, .check = check_ats12nso,
	 .description = "stages 1 and 2 Non-secure PL0 read"},
	{.name = "ATS12NSOUW", CP15(0, 7, 8, 7), .access = A_OP_PL1, NOFLD,
	 .write = op_ats, .check = check_ats12nso,
	 .description = "stages 1 and 2 Non-secure PL0 write"},
	OP("ATS1HR", 4, 7, 8, 0, A_OP_PL2, TRAP_NONE, op_ats,
	   "stage 1 Hyp mode read"),
	OP("ATS1HW", 4, 7, 8, 1, A_OP_PL2, TRAP_NONE, op_ats,
	   "stage 1 Hyp mode write"),

	/* c8 TLB maintenance, PL1 */
	OP("TLBIALLIS", 0, 8, 3, 0, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate entire TLB, Inner Shareable"),
	OP("TLBIMVAIS", 0, 8, 3, 1, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate TLB by MVA and ASID, Inner Shareable"),
	OP("TLBIASIDIS", 0, 8, 3, 2, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate TLB by ASID, Inner Shareable"),
	OP("TLBIMVAAIS", 0, 8, 3, 3, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate TLB by MVA all ASIDs, Inner Shareable"),
	OP("ITLBIALL", 0, 8, 5, 0, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate instruction TLB"),
	OP("ITLBIMVA", 0, 8, 5, 1, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate instruction TLB by MVA and ASID"),
	OP("ITLBIASID", 0, 8, 5, 2, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate instruction TLB by ASID"),
	OP("DTLBIALL", 0, 8, 6, 0, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate data TLB"),
	OP("DTLBIMVA", 0, 8, 6, 1, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate data TLB by MVA and ASID"),
	OP("DTLBIASID", 0, 8, 6, 2, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate data TLB by ASID"),
	OP("TLBIALL", 0, 8, 7, 0, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate entire unified TLB"),
	OP("TLBIMVA", 0, 8, 7, 1, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate unified TLB by MVA and ASID"),
	OP("TLBIASID", 0, 8, 7, 2, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate unified TLB by ASID"),
	OP("TLBIMVAA", 0, 8, 7, 3, A_OP_PL1, TRAP_TTLB, op_tlbi,
	   "invalidate unified TLB by MVA, all ASIDs"),

	/* c8 TLB maintenance, PL2 (B4.2.2 "Hyp mode TLB maintenance") */
	OP("TLBIALLHIS", 4, 8, 3, 0, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate entire Hyp TLB, Inner Shareable"),
	OP("TLBIMVAHIS", 4, 8, 3, 1, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate Hyp TLB by MVA, Inner Shareable"),
	OP("TLBIALLNSNHIS", 4, 8, 3, 4, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate entire Non-secure non-Hyp TLB, Inner Shareable"),
	OP("TLBIALLH", 4, 8, 7, 0, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate entire Hyp TLB"),
	OP("TLBIMVAH", 4, 8, 7, 1, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate Hyp TLB by MVA"),
	OP("TLBIALLNSNH", 4, 8, 7, 4, A_OP_PL2, TRAP_NONE, op_tlbi,
	   "invalidate entire Non-secure non-Hyp TLB"),
};
const size_t sysregs_ops_count = sizeof sysregs_ops / sizeof sysregs_ops[0];
