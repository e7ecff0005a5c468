/* CP15/CP14 access rules through the coprocessor path (cpu_coproc_rt /
 * cpu_coproc_rrt): PL0 and PL2 access, read-only registers, Secure and
 * Non-secure banking, RES1 bits, NSACR rules, HYP traps and their
 * syndromes (ARM DDI 0406C B3.13.6, B4.1). */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/cp15.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "hyp/exception.h"
#include "hyp/traps.h"

static struct cpu *cpu;

/* A core out of reset, then put in `mode` with SCR.NS = ns. The PC is at
 * a recognisable address; the instruction is an unconditional MRC so the
 * syndrome's COND is 0xE. */
static void setup_mode(const struct core_model *m, unsigned mode, bool ns)
{
	if (!cpu)
		cpu = calloc(1, sizeof *cpu);
	else
		cpu_destroy(cpu);
	cpu->cluster = 1;
	cpu->core_in_cluster = 2;
	cpu->cores_in_cluster = 3;
	cpu_reset(cpu, m, NULL, 0);
	cpu->cp15.hvbar = 0x80000000u;
	cpu->cp15.vbar[0] = cpu->cp15.vbar[1] = 0x10000000u;
	cpu->cp15.mvbar = 0x20000000u;
	if (ns)
		cpu->cp15.scr |= SCR_NS;
	cpu_set_mode(cpu, mode);
	cpu->r[15] = 0x40001000u;
	cpu->insn = 0xee110f10u; /* mrc p15, 0, r0, c1, c0, 0 */
	cpu->insn_size = 4;
}

static void setup(unsigned mode, bool ns)
{
	setup_mode(&cortex_a15_model, mode, ns);
}

static void teardown(void)
{
	if (cpu) {
		cpu_destroy(cpu);
		free(cpu);
		cpu = NULL;
	}
}

static enum exec_result mrc(unsigned opc1, unsigned crn, unsigned crm,
			    unsigned opc2, uint32_t *val)
{
	cpu->r[2] = 0xdeadbeefu;
	enum exec_result r = cpu_coproc_rt(cpu, 15, true, opc1, crn, crm, opc2, 2);
	if (val)
		*val = cpu->r[2];
	return r;
}

static enum exec_result mcr(unsigned opc1, unsigned crn, unsigned crm,
			    unsigned opc2, uint32_t val)
{
	cpu->r[2] = val;
	return cpu_coproc_rt(cpu, 15, false, opc1, crn, crm, opc2, 2);
}

/* The core took an Undefined Instruction exception (to PL1 Undefined
 * mode from a PL1/PL0 mode). */
static void assert_undef_pl1(enum exec_result r)
{
	ck_assert_int_eq(r, EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_UND);
}

static void assert_hyp_trap(enum exec_result r, uint32_t hsr)
{
	ck_assert_int_eq(r, EXEC_EXCEPTION);
	ck_assert_uint_eq(cpu_mode(cpu), MODE_HYP);
	ck_assert_uint_eq(cpu->cp15.hsr, hsr);
	ck_assert_uint_eq(cpu->r[15], 0x80000014u); /* Hyp Trap vector */
	ck_assert_uint_eq(cpu->elr_hyp, 0x40001000u);
}

#define HSR(ec, iss) \
	(((uint32_t)(ec) << 26) | (1u << 25) | (1u << 24) | (0xeu << 20) | (iss))

/* ---- table ---- */

START_TEST(table_indexes_every_register)
{
	sysreg_init();
	ck_assert_uint_gt(sysreg_count(), 200);
	for (unsigned id = 0; id < sysreg_count(); id++) {
		const struct sysreg *r = sysreg_by_id(id);
		ck_assert_uint_eq(r->id, id);
		/* every architected register is found at its encoding */
		if (!sysreg_in_model(r, NULL))
			continue;
		ck_assert_ptr_eq(sysreg_lookup_model(&cortex_a7_model, &r->enc),
				 r);
	}
	const struct sysreg *r = sysreg_by_name("HSCTLR");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->enc.opc1, 4);
	ck_assert_uint_eq(r->enc.crn, 1);
	ck_assert_ptr_null(sysreg_by_name("NO_SUCH_REG"));
	ck_assert_ptr_eq(sysreg_by_name("MAIR1"), sysreg_by_name("NMRR"));
	/* model registers are found only for their model */
	struct sysreg_encoding l2pfr = {15, 0, 1, 15, 0, 3};
	ck_assert_ptr_nonnull(sysreg_lookup_model(&cortex_a15_model, &l2pfr));
	ck_assert_ptr_null(sysreg_lookup_model(&cortex_a7_model, &l2pfr));
}
END_TEST

START_TEST(reset_identity)
{
	uint32_t v;
	setup(MODE_SVC, false);
	ck_assert_int_eq(mrc(0, 0, 0, 5, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000102u); /* cluster 1, core 2 */
	ck_assert_uint_eq(cpu->cp15.vmpidr, 0x80000102u);
	ck_assert_uint_eq(cpu->cp15.vpidr, 0x414fc0f0u);
	ck_assert_int_eq(mrc(1, 9, 0, 2, &v), EXEC_OK); /* L2CTLR */
	ck_assert_uint_eq(v & 0x03000000u, 0x02000000u); /* 3 cores */
	ck_assert_int_eq(mrc(4, 15, 0, 0, &v), EXEC_OK); /* CBAR */
	ck_assert_uint_eq(v, 0x08000000u);
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x00c50078u);

	setup_mode(&cortex_a7_model, MODE_SVC, false);
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x00c50878u);
	ck_assert_int_eq(mrc(0, 9, 12, 0, &v), EXEC_OK); /* PMCR */
	ck_assert_uint_eq(v, 0x41072000u);
}
END_TEST

/* NS PL1 reads of MIDR/MPIDR return VPIDR/VMPIDR; HYP reads the real
 * values. */
START_TEST(virtual_ids)
{
	uint32_t v;
	setup(MODE_SVC, true);
	cpu->cp15.vpidr = 0x12345678u;
	cpu->cp15.vmpidr = 0x80000007u;
	ck_assert_int_eq(mrc(0, 0, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x12345678u);
	ck_assert_int_eq(mrc(0, 0, 0, 5, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000007u);
	cpu_set_mode(cpu, MODE_HYP);
	ck_assert_int_eq(mrc(0, 0, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x414fc0f0u);
	ck_assert_int_eq(mrc(0, 0, 0, 5, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000102u);
}
END_TEST

/* ---- privilege ---- */

START_TEST(pl0_access_undefined)
{
	uint32_t v;
	setup(MODE_USR, true);
	assert_undef_pl1(mrc(0, 1, 0, 0, &v)); /* SCTLR */
	setup(MODE_USR, true);
	cpu->cp15.tpidruro[1] = 0xabcd;
	ck_assert_int_eq(mrc(0, 13, 0, 3, &v), EXEC_OK); /* TPIDRURO read */
	ck_assert_uint_eq(v, 0xabcd);
	assert_undef_pl1(mcr(0, 13, 0, 3, 1)); /* TPIDRURO is RO at PL0 */
	setup(MODE_USR, true);
	ck_assert_int_eq(mcr(0, 13, 0, 2, 0x55), EXEC_OK); /* TPIDRURW */
	ck_assert_uint_eq(cpu->cp15.tpidrurw[1], 0x55);
	/* the PMU only with PMUSERENR.EN */
	assert_undef_pl1(mrc(0, 9, 13, 0, &v));
	setup(MODE_USR, true);
	cpu->cp15.pmuserenr = 1;
	ck_assert_int_eq(mrc(0, 9, 13, 0, &v), EXEC_OK);
	/* CP15 barriers only with SCTLR.CP15BEN */
	ck_assert_int_eq(mcr(0, 7, 10, 5, 0), EXEC_OK);
	cpu->cp15.sctlr[1] &= ~SCTLR_CP15BEN;
	assert_undef_pl1(mcr(0, 7, 10, 5, 0));
}
END_TEST

START_TEST(write_to_read_only_undefined)
{
	setup(MODE_SVC, false);
	assert_undef_pl1(mcr(0, 0, 0, 0, 0)); /* MIDR */
	setup(MODE_SVC, false);
	assert_undef_pl1(mcr(1, 0, 0, 1, 0)); /* CLIDR */
	setup(MODE_SVC, false);
	assert_undef_pl1(mcr(0, 12, 1, 0, 0)); /* ISR */
	setup(MODE_SVC, false);
	/* and reading a write-only operation */
	assert_undef_pl1(mrc(0, 7, 5, 0, NULL)); /* ICIALLU */
	setup(MODE_SVC, false);
	assert_undef_pl1(mrc(0, 15, 3, 3, NULL)); /* unallocated */
}
END_TEST

START_TEST(hyp_registers_undefined_outside_pl2)
{
	uint32_t v;
	setup(MODE_SVC, true);
	assert_undef_pl1(mrc(4, 1, 1, 0, &v)); /* HCR from NS SVC */
	setup(MODE_SVC, false);
	assert_undef_pl1(mrc(4, 1, 1, 0, &v)); /* from Secure SVC */
	setup(MODE_MON, false);
	assert_undef_pl1(mrc(4, 1, 1, 0, &v)); /* Monitor, SCR.NS = 0 */
	setup(MODE_MON, true);
	cpu->cp15.hcr = 0x1234;
	ck_assert_int_eq(mrc(4, 1, 1, 0, &v), EXEC_OK); /* Monitor, NS=1 */
	ck_assert_uint_eq(v, 0x1234);
	setup(MODE_HYP, true);
	ck_assert_int_eq(mcr(4, 1, 1, 0, 0xf0000019u), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.hcr, 0x19u); /* [31:28] RES0 */
	/* Secure-only registers from HYP */
	setup(MODE_HYP, true);
	ck_assert_int_eq(mrc(0, 1, 1, 0, &v), EXEC_EXCEPTION); /* SCR */
	ck_assert_uint_eq(cpu_mode(cpu), MODE_HYP);
	ck_assert_uint_eq(cpu->cp15.hsr >> 26, EC_UNKNOWN);
}
END_TEST

/* ---- banking and field rules ---- */

START_TEST(banking_by_scr_ns)
{
	uint32_t v;
	setup(MODE_MON, false);
	ck_assert_int_eq(mcr(0, 3, 0, 0, 0x1111u), EXEC_OK); /* DACR */
	ck_assert_int_eq(mcr(0, 13, 0, 4, 0xaaaau), EXEC_OK); /* TPIDRPRW */
	cpu->cp15.scr |= SCR_NS; /* Monitor: SCR.NS selects the bank */
	ck_assert_int_eq(mcr(0, 3, 0, 0, 0x2222u), EXEC_OK);
	ck_assert_int_eq(mrc(0, 13, 0, 4, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0); /* NS copy untouched */
	ck_assert_uint_eq(cpu->cp15.dacr[0], 0x1111u);
	ck_assert_uint_eq(cpu->cp15.dacr[1], 0x2222u);
	cpu->cp15.scr &= ~SCR_NS;
	ck_assert_int_eq(mrc(0, 3, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x1111u);
	ck_assert_int_eq(mrc(0, 13, 0, 4, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0xaaaau);
	/* the 32-bit TTBR0 view reaches bits [31:0] of the banked 64-bit
	 * register and leaves the rest */
	cpu->cp15.ttbr0[0] = 0x0012000080000000ull;
	ck_assert_int_eq(mcr(0, 2, 0, 0, 0x4000406au), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.ttbr0[0], 0x001200004000406aull);
	ck_assert_uint_eq(cpu->cp15.ttbr0[1], 0);
}
END_TEST

START_TEST(res1_bits_read_as_one)
{
	uint32_t v;
	setup(MODE_HYP, true);
	ck_assert_int_eq(mcr(4, 1, 0, 0, 0), EXEC_OK); /* HSCTLR = 0 */
	ck_assert_int_eq(mrc(4, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x30c50878u);
	ck_assert_int_eq(mcr(4, 1, 0, 0, 0xffffffffu), EXEC_OK);
	ck_assert_int_eq(mrc(4, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x30c50878u | HSCTLR_WRITABLE);
	/* SCTLR: bits 3,4,6,16,18,22,23 RAO; B, S, R, bit 31 RAZ */
	ck_assert_int_eq(mcr(0, 1, 0, 0, 0), EXEC_OK);
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x00c50058u);
	ck_assert_int_eq(mcr(0, 1, 0, 0, 0x80000380u), EXEC_OK);
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x00c50058u);
	/* HTCR bit 31 and HCPTR's absent coprocessors read as one */
	ck_assert_int_eq(mcr(4, 2, 0, 2, 0), EXEC_OK);
	ck_assert_int_eq(mrc(4, 2, 0, 2, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x80000000u);
	cpu->cp15.nsacr = 0xc00u; /* NS may use cp10/cp11 */
	ck_assert_int_eq(mcr(4, 1, 1, 2, 0), EXEC_OK);
	ck_assert_int_eq(mrc(4, 1, 1, 2, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x000033ffu);
	cpu->cp15.nsacr = 0; /* NSACR denies cp10/11: TCP10/11 read as one */
	ck_assert_int_eq(mrc(4, 1, 1, 2, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x00003fffu);
}
END_TEST

START_TEST(nsacr_rules)
{
	uint32_t v;
	setup(MODE_SVC, true);
	cpu->cp15.nsacr = 0x00000c00u;
	ck_assert_int_eq(mrc(0, 1, 1, 2, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0xc00u);
	assert_undef_pl1(mcr(0, 1, 1, 2, 0)); /* NS write */
	/* ACTLR.SMP from Non-secure: ignored without NSACR.NS_SMP */
	setup(MODE_SVC, true);
	ck_assert_int_eq(mcr(0, 1, 0, 1, 0x41u), EXEC_OK);
	ck_assert_int_eq(mrc(0, 1, 0, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0);
	cpu->cp15.nsacr = 1u << 18;
	ck_assert_int_eq(mcr(0, 1, 0, 1, 0x41u), EXEC_OK);
	ck_assert_int_eq(mrc(0, 1, 0, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x40u); /* only SMP */
	/* Secure writes reach every bit */
	setup(MODE_SVC, false);
	ck_assert_int_eq(mcr(0, 1, 0, 1, 0x41u), EXEC_OK);
	ck_assert_int_eq(mrc(0, 1, 0, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 0x41u);
	ck_assert_int_eq(mcr(0, 1, 1, 2, 0xffffffffu), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.nsacr, 0x000ccc00u);
}
END_TEST

/* ---- traps ---- */

START_TEST(hstr_trap_syndrome)
{
	uint32_t v;
	setup(MODE_SVC, true);
	cpu->cp15.hstr = 1u << 1;
	/* MRC p15, 0, r2, c1, c0, 0: Opc2 0, Opc1 0, CRn 1, Rt 2, CRm 0,
	 * Direction 1 (read) */
	assert_hyp_trap(mrc(0, 1, 0, 0, &v),
			HSR(EC_CP15_RT, (1u << 10) | (2u << 5) | 1u));
	ck_assert_uint_eq(v, 0xdeadbeefu); /* not executed */
	/* an MCR, with every field non-zero */
	setup(MODE_SVC, true);
	cpu->cp15.hstr = 1u << 1;
	assert_hyp_trap(mcr(0, 1, 1, 2, 5),
			HSR(EC_CP15_RT,
			    (2u << 17) | (1u << 10) | (2u << 5) | (1u << 1)));
	/* HSTR precedes the UNDEFINED of an unallocated encoding at PL1 */
	setup(MODE_SVC, true);
	cpu->cp15.hstr = 1u << 1;
	assert_hyp_trap(mrc(0, 1, 0, 7, &v),
			HSR(EC_CP15_RT,
			    (7u << 17) | (1u << 10) | (2u << 5) | 1u));
	/* MCRR/MRRC trap by CRm: TTBR0 (p15, 0, c2) with T2 */
	setup(MODE_SVC, true);
	cpu->cp15.hstr = 1u << 2;
	cpu->r[4] = 1;
	cpu->r[5] = 2;
	assert_hyp_trap(cpu_coproc_rrt(cpu, 15, true, 0, 2, 4, 5),
			HSR(EC_CP15_RRT, (5u << 10) | (4u << 5) | (2u << 1) | 1u));
	/* never from HYP or Secure state */
	setup(MODE_HYP, true);
	cpu->cp15.hstr = 1u << 1;
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	setup(MODE_SVC, false);
	cpu->cp15.hstr = 1u << 1;
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
}
END_TEST

START_TEST(hstr_pl0_after_undefined)
{
	uint32_t v;
	/* a PL0 access that is UNDEFINED is not trapped */
	setup(MODE_USR, true);
	cpu->cp15.hstr = 1u << 1;
	assert_undef_pl1(mrc(0, 1, 0, 0, &v));
	/* a permitted PL0 access is */
	setup(MODE_USR, true);
	cpu->cp15.hstr = 1u << 13;
	assert_hyp_trap(mrc(0, 13, 0, 2, &v),
			HSR(EC_CP15_RT,
			    (2u << 17) | (13u << 10) | (2u << 5) | 1u));
}
END_TEST

START_TEST(hcr_traps)
{
	uint32_t v;
	/* TVM traps writes of SCTLR, not reads */
	setup(MODE_SVC, true);
	cpu->cp15.hcr = HCR_TVM;
	ck_assert_int_eq(mrc(0, 1, 0, 0, &v), EXEC_OK);
	assert_hyp_trap(mcr(0, 1, 0, 0, 0), HSR(EC_CP15_RT, (1u << 10) | (2u << 5)));
	ck_assert_uint_eq(cpu->cp15.sctlr[1], 0x00c50078u); /* unchanged */
	/* TID3 traps ID_PFR1 reads */
	setup(MODE_SVC, true);
	cpu->cp15.hcr = HCR_TID3;
	assert_hyp_trap(mrc(0, 0, 1, 1, &v),
			HSR(EC_CP15_RT, (1u << 17) | (1u << 1) | (2u << 5) | 1u));
	/* TTLB traps TLBIALL; TPU traps ICIALLU; TAC traps ACTLR */
	setup(MODE_SVC, true);
	cpu->cp15.hcr = HCR_TTLB;
	assert_hyp_trap(mcr(0, 8, 7, 0, 0),
			HSR(EC_CP15_RT, (8u << 10) | (2u << 5) | (7u << 1)));
	setup(MODE_SVC, true);
	cpu->cp15.hcr = HCR_TAC;
	assert_hyp_trap(mrc(0, 1, 0, 1, &v),
			HSR(EC_CP15_RT, (1u << 17) | (1u << 10) | (2u << 5) | 1u));
	/* TIDCP traps the IMPLEMENTATION DEFINED space, L2CTLR included */
	setup(MODE_SVC, true);
	cpu->cp15.hcr = HCR_TIDCP;
	assert_hyp_trap(mrc(1, 9, 0, 2, &v),
			HSR(EC_CP15_RT, (2u << 17) | (1u << 14) | (9u << 10) |
						(2u << 5) | 1u));
	/* HCPTR.TCPAC traps CPACR */
	setup(MODE_SVC, true);
	cpu->cp15.hcptr = 1u << 31;
	assert_hyp_trap(mrc(0, 1, 0, 2, &v),
			HSR(EC_CP15_RT, (2u << 17) | (1u << 10) | (2u << 5) | 1u));
	/* HDCR.TPM traps the PMU, from PL0 too when PMUSERENR allows it */
	setup(MODE_USR, true);
	cpu->cp15.hdcr |= 1u << 6;
	cpu->cp15.pmuserenr = 1;
	assert_hyp_trap(mrc(0, 9, 13, 0, &v),
			HSR(EC_CP15_RT, (9u << 10) | (2u << 5) | (13u << 1) | 1u));
	/* CNTHCTL.PL1PCTEN = 0 traps CNTPCT (MRRC, EC 0x04) */
	setup(MODE_SVC, true);
	cpu->cp15.cnthctl = 2;
	assert_hyp_trap(cpu_coproc_rrt(cpu, 15, true, 0, 14, 0, 1),
			HSR(EC_CP15_RRT, (1u << 10) | (14u << 1) | 1u));
}
END_TEST

START_TEST(cp14_traps_and_values)
{
	setup(MODE_SVC, true);
	cpu->r[3] = 0;
	ck_assert_int_eq(cpu_coproc_rt(cpu, 14, true, 0, 0, 0, 0, 3), EXEC_OK);
	ck_assert_uint_eq(cpu->r[3], 0x3515f021u); /* DBGDIDR */
	/* HDCR.TDA traps it with EC 0x05 */
	cpu->cp15.hdcr |= 1u << 9;
	assert_hyp_trap(cpu_coproc_rt(cpu, 14, true, 0, 0, 0, 0, 3),
			HSR(EC_CP14_RT, (3u << 5) | 1u));
	/* TDOSA: DBGOSLSR; TDE makes it behave as set */
	setup(MODE_SVC, true);
	cpu->cp15.hdcr |= 1u << 8;
	assert_hyp_trap(cpu_coproc_rt(cpu, 14, true, 0, 1, 1, 4, 3),
			HSR(EC_CP14_RT, (4u << 17) | (1u << 10) | (3u << 5) |
						(1u << 1) | 1u));
	/* breakpoint registers exist up to DBGDIDR.BRPs */
	setup(MODE_SVC, true);
	cpu->r[3] = 0x1001u;
	ck_assert_int_eq(cpu_coproc_rt(cpu, 14, false, 0, 0, 5, 4, 3), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.dbgbvr[5], 0x1001u); /* context BVR */
	assert_undef_pl1(cpu_coproc_rt(cpu, 14, false, 0, 0, 6, 4, 3));
	/* OS Lock */
	setup(MODE_SVC, true);
	ck_assert_uint_eq(cpu->cp15.dbgoslsr, 0xau);
	cpu->r[3] = 0;
	ck_assert_int_eq(cpu_coproc_rt(cpu, 14, false, 0, 1, 0, 4, 3), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.dbgoslsr, 0x8u);
}
END_TEST

START_TEST(wfx_and_smc_traps)
{
	setup(MODE_SVC, true);
	ck_assert(!hyp_traps_wfx(cpu, false));
	cpu->cp15.hcr = HCR_TWI | HCR_TSC;
	ck_assert(hyp_traps_wfx(cpu, false));
	ck_assert(!hyp_traps_wfx(cpu, true));
	ck_assert(hyp_traps_smc(cpu));
	cpu_set_mode(cpu, MODE_USR);
	ck_assert(hyp_traps_wfx(cpu, false));
	ck_assert(!hyp_traps_smc(cpu)); /* UNDEFINED at PL0 instead */
	setup(MODE_HYP, true);
	cpu->cp15.hcr = HCR_TWI | HCR_TWE | HCR_TSC;
	ck_assert(!hyp_traps_wfx(cpu, false));
	ck_assert(!hyp_traps_smc(cpu));
	setup(MODE_SVC, false);
	cpu->cp15.hcr = HCR_TWI | HCR_TWE | HCR_TSC;
	ck_assert(!hyp_traps_wfx(cpu, true));
	ck_assert(!hyp_traps_smc(cpu));
}
END_TEST

/* ---- counters ---- */

START_TEST(counters_follow_icount)
{
	uint32_t v;
	setup(MODE_SVC, true);
	cpu->icount = 1000000; /* 1 ms of virtual time at 1 ns/insn */
	cpu->r[4] = cpu->r[5] = 0;
	ck_assert_int_eq(cpu_coproc_rrt(cpu, 15, true, 0, 14, 4, 5), EXEC_OK);
	ck_assert_uint_eq(cpu->r[4], 62500u); /* 62.5 MHz */
	ck_assert_uint_eq(cpu->r[5], 0);
	/* virtual count = physical - CNTVOFF */
	cpu->cp15.cntvoff = 500;
	ck_assert_int_eq(cpu_coproc_rrt(cpu, 15, true, 1, 14, 4, 5), EXEC_OK);
	ck_assert_uint_eq(cpu->r[4], 62000u);
	/* a virtual timer 100 ticks ahead: TVAL 100, ISTATUS once reached */
	ck_assert_int_eq(mcr(0, 14, 3, 0, 100), EXEC_OK);
	ck_assert_uint_eq(cpu->cp15.cntv_cval, 62100u);
	ck_assert_int_eq(mcr(0, 14, 3, 1, 1), EXEC_OK); /* enable */
	ck_assert_int_eq(mrc(0, 14, 3, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 1u);
	cpu->icount += 1600; /* +100 ticks */
	ck_assert_int_eq(mrc(0, 14, 3, 1, &v), EXEC_OK);
	ck_assert_uint_eq(v, 5u); /* ENABLE | ISTATUS */
	ck_assert(cp15_timer_irq(cpu, CP15_TIMER_VIRT));
	/* PMCCNTR counts one per instruction once enabled */
	ck_assert_int_eq(mcr(0, 9, 12, 1, 0x80000000u), EXEC_OK);
	ck_assert_int_eq(mcr(0, 9, 12, 0, 1 | 4), EXEC_OK); /* E, reset C */
	cpu->icount += 250;
	ck_assert_int_eq(mrc(0, 9, 13, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 250u);
	ck_assert_int_eq(mcr(0, 9, 12, 0, 0), EXEC_OK); /* stop */
	cpu->icount += 250;
	ck_assert_int_eq(mrc(0, 9, 13, 0, &v), EXEC_OK);
	ck_assert_uint_eq(v, 250u);
	/* PMCR.N reads as HDCR.HPMN from Non-secure PL1 */
	cpu->cp15.hdcr = (cpu->cp15.hdcr & ~0x1fu) | 2;
	ck_assert_int_eq(mrc(0, 9, 12, 0, &v), EXEC_OK);
	ck_assert_uint_eq((v >> 11) & 0x1f, 2);
}
END_TEST

static Suite *cp15_suite(void)
{
	Suite *s = suite_create("cp15_access");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, table_indexes_every_register);
	tcase_add_test(tc, reset_identity);
	tcase_add_test(tc, virtual_ids);
	tcase_add_test(tc, pl0_access_undefined);
	tcase_add_test(tc, write_to_read_only_undefined);
	tcase_add_test(tc, hyp_registers_undefined_outside_pl2);
	tcase_add_test(tc, banking_by_scr_ns);
	tcase_add_test(tc, res1_bits_read_as_one);
	tcase_add_test(tc, nsacr_rules);
	tcase_add_test(tc, hstr_trap_syndrome);
	tcase_add_test(tc, hstr_pl0_after_undefined);
	tcase_add_test(tc, hcr_traps);
	tcase_add_test(tc, cp14_traps_and_values);
	tcase_add_test(tc, wfx_and_smc_traps);
	tcase_add_test(tc, counters_follow_icount);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(cp15_suite)
