@ HDCR traps (ARM DDI 0406C B4.1.66; HSR B3.13.6) and the CP14 syndromes:
@ TPMCR traps PMCR, TPM every performance-monitor register (from PL0 too
@ when PMUSERENR lets PL0 in), TDRA the ROM and self-hosted debug address
@ registers (MRC and MRRC forms), TDOSA the OS lock and power-down
@ registers, TDA the other debug registers and LDC/STC to DBGDTRRX/TX;
@ TDE behaves as TDA, TDOSA and TDRA all set. MCR/MRC to CP14 report
@ EC 0x05, MRRC EC 0x0C, LDC/STC EC 0x06 (ISS imm8, Rn, U, AM, Dir).
@ Expected output from the manual, not QEMU: QEMU 7.2 has no HDCR.TPMCR
@ trap, no MRRC (64-bit) form of DBGDRAR/DBGDSAR and no DBGPRCR (all in
@ the v7.1 Debug architecture, C11.11), so it prints UNDEFINED there
@ (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ TPMCR, 1 << 5
	.equ TPM, 1 << 6
	.equ TDE, 1 << 8
	.equ TDA, 1 << 9
	.equ TDOSA, 1 << 10
	.equ TDRA, 1 << 11

.macro HDCR bits
	mrc p15, 4, r0, c1, c1, 1
	and r0, r0, #0x1f
	orr r0, r0, #\bits
	mcr p15, 4, r0, c1, c1, 1
	isb
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "hdcr clear"
	GUEST g_pmu, M_SVC | PSR_AIF
	GUEST g_dbg, M_SVC | PSR_AIF
	TITLE "tpmcr"
	HDCR TPMCR
	GUEST g_pmu, M_SVC | PSR_AIF
	TITLE "tpm"
	HDCR TPM
	GUEST g_pmu, M_SVC | PSR_AIF
	TITLE "tpm from usr with pmuserenr.en"
	mov r0, #1
	mcr p15, 0, r0, c9, c14, 0        @ PMUSERENR.EN
	GUEST g_pmu_usr, M_USR
	mov r0, #0
	mcr p15, 0, r0, c9, c14, 0
	TITLE "tdra"
	HDCR TDRA
	GUEST g_dbg, M_SVC | PSR_AIF
	TITLE "tdosa"
	HDCR TDOSA
	GUEST g_dbg, M_SVC | PSR_AIF
	TITLE "tda"
	HDCR TDA
	GUEST g_dbg, M_SVC | PSR_AIF
	TITLE "tde"
	HDCR TDE
	GUEST g_dbg, M_SVC | PSR_AIF
	TITLE "tda: thumb"
	HDCR TDA
	GUEST g_dbg_t, M_SVC | PSR_AIF
	HDCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_pmu:
	T mrc p15, 0, r1, c9, c12, 0     @ PMCR
	T mrc p15, 0, r1, c9, c12, 1     @ PMCNTENSET
	T mrc p15, 0, r1, c9, c12, 5     @ PMSELR
	T mrc p15, 0, r1, c9, c13, 0     @ PMCCNTR
	T mrc p15, 0, r1, c9, c14, 0     @ PMUSERENR
	T mrc p15, 0, r1, c9, c14, 1     @ PMINTENSET
	T mrrc p15, 0, r1, r2, c9        @ (no 64-bit c9 register)
	PRINT "  end\n"
	hvc #0xf00d
g_pmu_usr:
	T mrc p15, 0, r1, c9, c12, 0
	T mrc p15, 0, r1, c9, c13, 0
	T mrc p15, 0, r1, c9, c14, 0
	svc #0xf0
g_dbg:
	T mrc p14, 0, r1, c0, c0, 0      @ DBGDIDR
	T mrc p14, 0, r1, c1, c0, 0      @ DBGDRAR
	T mrc p14, 0, r1, c2, c0, 0      @ DBGDSAR
	T mrrc p14, 0, r1, r2, c1        @ DBGDRAR 64-bit
	T mrrc p14, 0, r3, r4, c2        @ DBGDSAR 64-bit
	ldr r1, =0xc5acce55
	T mcr p14, 0, r1, c1, c0, 4      @ DBGOSLAR (lock)
	T mrc p14, 0, r1, c1, c1, 4      @ DBGOSLSR
	T mrc p14, 0, r1, c1, c3, 4      @ DBGOSDLR
	T mrc p14, 0, r1, c1, c4, 4      @ DBGPRCR
	mov r1, #0
	T mcr p14, 0, r1, c1, c0, 4      @ DBGOSLAR (unlock)
	T mrc p14, 0, r1, c0, c2, 2      @ DBGDSCRext
	T mrc p14, 0, r1, c0, c0, 4      @ DBGBVR0
	T mrc p14, 0, r1, c0, c0, 5      @ DBGBCR0
	T mrc p14, 0, r1, c0, c7, 0      @ DBGVCR
	PRINT "  end\n"
	hvc #0xf00d

	.thumb
	.thumb_func
g_dbg_t:
	T mrc p14, 0, r5, c0, c2, 2
	T mrrc p14, 0, r6, r7, c1
	hvc #0xf00d
	.ltorg
