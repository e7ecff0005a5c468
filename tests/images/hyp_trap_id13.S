@ HCR.TID1, TID3 and TIDCP (ARM DDI 0406C B4.1.65; HSR B3.13.6): reads of
@ the ID group 1 and 3 registers and any access to the IMPLEMENTATION
@ DEFINED space (CRn c9 CRm c0-c2/c5-c8, CRn c10 CRm c0/c1/c4/c8, CRn c11
@ CRm c0-c8/c15, any opc1/opc2, implemented or not) at Non-secure PL1 are
@ taken to Hyp mode with HSR EC 0x03 (CP15) or 0x05 (CP14), ISS = CV, COND, Opc2,
@ Opc1, CRn, Rt, CRm, Direction; ELR_hyp = the trapped instruction; the
@ destination register keeps its value. Accesses that are UNDEFINED (a
@ write to a read-only ID register, any of them from PL0) are not trapped.
@ The value printed after each access is r6 (0xdeadbeef: trapped). TIDCP
@ at PL0: UNDEFINED here (B4.1.65 leaves trap or UNDEFINED to the
@ implementation; the Cortex-A15 and A7 TRMs list the PL0 accesses as
@ UNDEFINED).
@ Expected output from the manual, not QEMU: QEMU 7.2 traps only AIDR under
@ TID1 (not TCMTR, TLBTR, REVIDR), none of the AArch32 ID_* registers under
@ TID3, and does not implement TIDCP (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TID0, 1 << 15
	.equ HCR_TID1, 1 << 16
	.equ HCR_TID2, 1 << 17
	.equ HCR_TID3, 1 << 18
	.equ HCR_TIDCP, 1 << 20
	.equ HCR_TAC, 1 << 21

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "tid1: tcmtr, tlbtr, revidr, aidr"
	SET_HCR HCR_TID1
	GUEST g_tid1, M_SVC | PSR_AIF
	TITLE "tid3: id_pfr0..id_isar5"
	SET_HCR HCR_TID3
	GUEST g_tid3, M_SVC | PSR_AIF
	TITLE "tid3: id_pfr0 write is undefined, not trapped"
	GUEST g_tid3_wr, M_SVC | PSR_AIF
	TITLE "tid3: id_pfr0 read from usr is undefined"
	GUEST g_tid3_usr, M_USR
	TITLE "tidcp: l2ctlr, l2ectlr, c9-c11 encodings"
	SET_HCR HCR_TIDCP
	GUEST g_tidcp, M_SVC | PSR_AIF
	TITLE "tidcp: thumb"
	GUEST g_tidcp_t, M_SVC | PSR_AIF
	TITLE "tidcp: from usr, undefined"
	GUEST g_tidcp_usr, M_USR
	TITLE "tidcp: pmcr (c9, c12) and c15 are not in the space"
	GUEST g_tidcp_no, M_SVC | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ ---- guests ----
g_tid0:
	TR "jidr", mrc p14, 7, r6, c0, c0, 0
	hvc #0xf00d
g_tid1:
	TR "tcmtr", mrc p15, 0, r6, c0, c0, 2
	TR "tlbtr", mrc p15, 0, r6, c0, c0, 3
	TR "revidr", mrc p15, 0, r6, c0, c0, 6
	TR "aidr", mrc p15, 1, r6, c0, c0, 7
	hvc #0xf00d
g_tid2:
	TR "ctr", mrc p15, 0, r6, c0, c0, 1
	TR "ccsidr", mrc p15, 1, r6, c0, c0, 0
	TR "clidr", mrc p15, 1, r6, c0, c0, 1
	TR "csselr", mrc p15, 2, r6, c0, c0, 0
	mov r9, #2
	T mcr p15, 2, r9, c0, c0, 0
	hvc #0xf00d
g_tid3:
	TR "id_pfr0", mrc p15, 0, r6, c0, c1, 0
	TR "id_pfr1", mrc p15, 0, r6, c0, c1, 1
	TR "id_dfr0", mrc p15, 0, r6, c0, c1, 2
	TR "id_afr0", mrc p15, 0, r6, c0, c1, 3
	TR "id_mmfr0", mrc p15, 0, r6, c0, c1, 4
	TR "id_mmfr1", mrc p15, 0, r6, c0, c1, 5
	TR "id_mmfr2", mrc p15, 0, r6, c0, c1, 6
	TR "id_mmfr3", mrc p15, 0, r6, c0, c1, 7
	TR "id_isar0", mrc p15, 0, r6, c0, c2, 0
	TR "id_isar1", mrc p15, 0, r6, c0, c2, 1
	TR "id_isar2", mrc p15, 0, r6, c0, c2, 2
	TR "id_isar3", mrc p15, 0, r6, c0, c2, 3
	TR "id_isar4", mrc p15, 0, r6, c0, c2, 4
	TR "id_isar5", mrc p15, 0, r6, c0, c2, 5
	hvc #0xf00d
g_tid3_wr:
	RESUME 2f
	T mcr p15, 0, r0, c0, c1, 0
2:	hvc #0xf00d
g_tid3_usr:
	RESUME 2f
	T mrc p15, 0, r6, c0, c1, 0
2:	svc #0xf0
g_notrap:
	ldr r6, =0xdeadbeef
	mrc p15, 0, r6, c0, c0, 0         @ MIDR = VPIDR, reset to MIDR
	mrc p15, 0, r7, c0, c0, 0
	mrc p15, 0, r8, c0, c0, 1
	mrc p15, 0, r9, c0, c1, 1
	PRINT "  read, not trapped\n"
	hvc #0xf00d
g_tac:
	TR "actlr", mrc p15, 0, r6, c1, c0, 1
	T mcr p15, 0, r11, c1, c0, 1
	hvc #0xf00d

	.thumb
	.thumb_func
g_tid2_t:
	TR "ctr", mrc p15, 0, r6, c0, c0, 1
	mov r10, #0
	T mcr p15, 2, r10, c0, c0, 0
	hvc #0xf00d
	.thumb_func
g_tac_t:
	TR "actlr", mrc p15, 0, r6, c1, c0, 1
	T mcr p15, 0, r3, c1, c0, 1
	hvc #0xf00d
	.ltorg

	.arm
g_tidcp:
	TR "l2ctlr", mrc p15, 1, r6, c9, c0, 2
	T mcr p15, 1, r5, c9, c0, 3
	T mrc p15, 0, r1, c9, c1, 0
	T mcr p15, 7, r2, c9, c8, 7
	T mrc p15, 0, r3, c10, c0, 0
	T mrc p15, 0, r3, c10, c4, 0
	T mcr p15, 3, r4, c11, c0, 0
	T mrc p15, 5, r7, c11, c15, 1
	T mcrr p15, 0, r0, r1, c9
	hvc #0xf00d
g_tidcp_usr:
	RESUME 2f
	T mrc p15, 1, r6, c9, c0, 2
2:	svc #0xf0
g_tidcp_no:
	mrc p15, 0, r6, c9, c12, 0        @ PMCR
	mrc p15, 0, r6, c10, c2, 0        @ PRRR
	PRINT "  not trapped\n"
	hvc #0xf00d
	.thumb
	.thumb_func
g_tidcp_t:
	TR "l2ctlr", mrc p15, 1, r6, c9, c0, 2
	T mcr p15, 1, r5, c9, c0, 3
	hvc #0xf00d
	.ltorg
