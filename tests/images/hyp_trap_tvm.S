@ HCR.TVM (ARM DDI 0406C B4.1.65; HSR B3.13.6): writes to the virtual
@ memory control registers at Non-secure PL1 (SCTLR, TTBR0, TTBR1, TTBCR,
@ DACR, DFSR, IFSR, ADFSR, AIFSR, DFAR, IFAR, PRRR/MAIR0, NMRR/MAIR1,
@ AMAIR0, AMAIR1, CONTEXTIDR) are taken to Hyp mode: MCR with EC 0x03,
@ MCRR (TTBR0, TTBR1) with EC 0x04 (ISS Opc1, Rt2, Rt, CRm, Direction);
@ reads are not trapped. Each write stores the value just read, so an
@ untrapped write changes nothing.
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TVM, 1 << 26

.macro RW crn, opc1, crm, opc2
	mrc p15, \opc1, r7, \crn, \crm, \opc2
	T mcr p15, \opc1, r7, \crn, \crm, \opc2
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "tvm clear: writes go through"
	GUEST g_tvm, M_SVC | PSR_AIF
	TITLE "tvm: every register"
	SET_HCR HCR_TVM
	GUEST g_tvm, M_SVC | PSR_AIF
	TITLE "tvm: thumb"
	GUEST g_tvm_t, M_SVC | PSR_AIF
	TITLE "tvm: mcrr from und"
	GUEST g_tvm64, M_UND | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_tvm:
	RW c1, 0, c0, 0
	RW c2, 0, c0, 0
	RW c2, 0, c0, 1
	RW c2, 0, c0, 2
	RW c3, 0, c0, 0
	RW c5, 0, c0, 0
	RW c5, 0, c0, 1
	RW c5, 0, c1, 0
	RW c5, 0, c1, 1
	RW c6, 0, c0, 0
	RW c6, 0, c0, 2
	RW c10, 0, c2, 0
	RW c10, 0, c2, 1
	RW c10, 0, c3, 0
	RW c10, 0, c3, 1
	RW c13, 0, c0, 1
g_tvm64:
	mrrc p15, 0, r2, r3, c2
	T mcrr p15, 0, r2, r3, c2
	mrrc p15, 1, r10, r11, c2
	T mcrr p15, 1, r10, r11, c2
	PRINT "  end\n"
	hvc #0xf00d

	.thumb
	.thumb_func
g_tvm_t:
	RW c1, 0, c0, 0
	RW c13, 0, c0, 1
	mrrc p15, 0, r8, r9, c2
	T mcrr p15, 0, r8, r9, c2
	hvc #0xf00d
	.ltorg
