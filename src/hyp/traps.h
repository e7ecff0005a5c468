/* Trap decisions for coprocessor accesses (ARM DDI 0406C B1.14 "Traps to
 * the hypervisor"): which MCR/MRC/MCRR/MRRC/LDC/STC of CP14 and CP15 executed
 * at Non-secure PL1 or PL0 are taken to Hyp mode, and with what syndrome.
 * hyp_traps_wfx/hyp_traps_smc are declared in hyp/exception.h. */
#ifndef HYPSIM_HYP_TRAPS_H
#define HYPSIM_HYP_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct sysreg;
struct sysreg_encoding;

/* Traps that apply to an encoding whatever it holds and take priority
 * over its UNDEFINED checks: at Non-secure PL1, HSTR.Tn by the primary
 * register (CRn; CRm for MCRR/MRRC) and HCR.TIDCP over the
 * IMPLEMENTATION DEFINED space of CRn c9-c11 (B4.1.65). */
bool hyp_traps_cp_encoding(const struct cpu *cpu,
			   const struct sysreg_encoding *enc, bool is_read);

/* Traps checked once the access is known to be permitted (a PL0 access
 * that is UNDEFINED is not trapped): HSTR.Tn from PL0, then the register's
 * HCR / HCPTR / HDCR / CNTHCTL / HSTR.TTEE,TJDBX controls (r->traps). */
bool hyp_traps_sysreg(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read);

/* HSR ISS for a trapped MCR/MRC (EC 0x03, 0x05) and MCRR/MRRC (EC 0x04,
 * 0x0C), B3.13.6; CV/COND are added by hyp_trap_instruction(). */
uint32_t hyp_iss_cp_rt(const struct sysreg_encoding *enc, unsigned rt,
		       bool is_read);
uint32_t hyp_iss_cp_rrt(unsigned opc1, unsigned crm, unsigned rt,
			unsigned rt2, bool is_read);

/* HCPTR (B4.1.74) for an access to coprocessor 0-13 (cp10/cp11: VFP and
 * Advanced SIMD, is_simd for an Advanced SIMD instruction). TRAP: take a
 * Hyp Trap with EC_HCPTR and hyp_iss_hcptr(); UNDEF: the access is made
 * from Hyp mode itself and is UNDEFINED there. Checked after the CPACR and
 * NSACR controls, which take priority. */
enum hcptr_result { HCPTR_ALLOW, HCPTR_TRAP, HCPTR_UNDEF };
enum hcptr_result hyp_traps_hcptr(const struct cpu *cpu, unsigned coproc,
				  bool is_simd);
uint32_t hyp_iss_hcptr(unsigned coproc, bool is_simd);

/* HDCR.TDA trap of LDC/STC to the CP14 DCC register (EC 0x06), with the
 * ISS built from the instruction encoding (ARM, or T32 with the same bit
 * layout). Returns true and fills *iss when it traps. */
bool hyp_traps_cp14_ldc(const struct cpu *cpu, uint32_t insn, uint32_t *iss);

#endif
