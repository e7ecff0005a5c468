@ HCR.TID0, TID2 and TAC (ARM DDI 0406C B4.1.65; HSR B3.13.6): reads of
@ the ID group 0 and 2 registers (TID2 also traps CSSELR writes) and ACTLR
@ accesses at Non-secure PL1 are taken to Hyp mode with HSR EC 0x03 (CP15) or 0x05 (CP14), ISS = CV, COND, Opc2,
@ Opc1, CRn, Rt, CRm, Direction; ELR_hyp = the trapped instruction; the
@ destination register keeps its value. Accesses that are UNDEFINED (a
@ write to a read-only ID register, any of them from PL0) are not trapped.
@ The value printed after each access is r6 (0xdeadbeef: trapped).
@ (TID1, TID3 and TIDCP: hyp_trap_id13.S.)
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
	TITLE "tid0: jidr"
	SET_HCR HCR_TID0
	GUEST g_tid0, M_SVC | PSR_AIF
	TITLE "tid2: ctr, ccsidr, clidr, csselr read and write"
	SET_HCR HCR_TID2
	GUEST g_tid2, M_SVC | PSR_AIF
	TITLE "tid2: thumb"
	GUEST g_tid2_t, M_SVC | PSR_AIF
	TITLE "tid0..3 clear: midr, ctr, id_pfr1 read"
	SET_HCR HCR_TAC
	GUEST g_notrap, M_SVC | PSR_AIF
	TITLE "tac: actlr read and write"
	GUEST g_tac, M_SVC | PSR_AIF
	TITLE "tac: actlr from thumb"
	GUEST g_tac_t, M_SVC | PSR_AIF
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
