@ CV and COND of trapped conditional instructions (ARM DDI 0406C B3.13.6):
@ an ARM instruction reports CV = 1 and its own condition field; a Thumb
@ instruction in an IT block reports CV = 1 and the condition of the
@ block; a conditional instruction that fails its condition does nothing
@ and is not trapped; SPSR_hyp holds the ITSTATE of the trapped
@ instruction itself (TakeHypTrapException), and the hypervisor advances
@ it when it skips the instruction. (Traps here: HCR.TWI, HCR.TVM,
@ HSTR.T1.)
@ Expected output from the manual, not QEMU: QEMU 7.2 reports COND = 0xE
@ for every trapped instruction and saves an ITSTATE other than the
@ trapped instruction's in SPSR_hyp (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TWI, 1 << 13
	.equ HCR_TVM, 1 << 26

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	SET_HCR HCR_TWI | HCR_TVM
	SET_HSTR 0x2
	TITLE "arm: wfieq, mcrne (passes), mrcgt (fails)"
	GUEST g_arm, M_SVC | PSR_AIF | 0x20000000
	TITLE "thumb: in IT blocks"
	GUEST g_thumb, M_SVC | PSR_AIF | 0x20000000
	SET_HCR 0
	SET_HSTR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_arm:
	movs r0, #0                       @ Z = 1
	T wfieq
	mrc p15, 0, r1, c2, c0, 0
	cmp r0, #1                        @ Z = 0, N = 1
	T mcrne p15, 0, r1, c2, c0, 0
	T mrcmi p15, 0, r2, c1, c0, 0
	T mrcgt p15, 0, r2, c1, c0, 0
	PRINT "  end\n"
	hvc #0xf00d

	.thumb
	.thumb_func
g_thumb:
	movs r0, #0
	MARK 1f
	it eq
1:	wfieq
	MARK 1f
	cmp r0, #1
	ite lt
1:	mrclt p15, 0, r2, c1, c0, 0
	mrcge p15, 0, r3, c1, c0, 0
	MARK 1f
	itt ne
1:	wfine
	movne r0, #7
	PRINT "  end\n"
	hvc #0xf00d
	.ltorg
