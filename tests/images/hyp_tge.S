@ HCR.TGE (ARM DDI 0406C B4.1.65, "Routing general exceptions to
@ Hyp mode"): from Non-secure User mode, UNDEFINED (EC 0x00, IL 0), SVC
@ (EC 0x11, ISS imm16, ELR_hyp = next instruction), alignment faults and
@ synchronous external aborts (EC 0x20 / 0x24) are taken to Hyp mode
@ through HVBAR+0x14 instead of the guest PL1 modes. With TGE clear the
@ same instructions go to the guest Undefined, Supervisor and Abort modes
@ (LR = +4 ARM / +2 Thumb for UNDEFINED, the next instruction for SVC,
@ +4 and +8 for prefetch and data aborts, B1.8.3 Table B1-7).
@ Expected output from the manual, not QEMU: QEMU 7.2 reports the fault
@ status 0x3f in HSR for the aborts routed by TGE from a guest using the
@ short-descriptor format; B3.13.6 has HSR.DFSC/IFSC always in the
@ long-descriptor encoding (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TGE, 1 << 27
	.equ HCR_AMO_IMO_FMO, 0x38
	.equ NOWHERE, 0x50000000

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "tge clear: to the guest"
	GUEST g_usr, M_USR
	GUEST g_usr_t, M_USR
	TITLE "tge set: to hyp"
	SET_HCR HCR_TGE | HCR_AMO_IMO_FMO
	mrc p15, 4, r0, c1, c1, 1
	orr r0, r0, #(1 << 8)             @ HDCR.TDE, required with TGE
	mcr p15, 4, r0, c1, c1, 1
	GUEST g_usr, M_USR
	GUEST g_usr_t, M_USR
	SET_HCR 0
	mrc p15, 4, r0, c1, c1, 1
	bic r0, r0, #(1 << 8)
	mcr p15, 4, r0, c1, c1, 1
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_usr:
	RESUME 2f
	MARK 1f
1:	udf #1
2:	RESUME 2f
	MARK 1f
1:	svc #5
2:	ldr r4, =scratch + 1
	RESUME 2f
	T ldrex r0, [r4]
2:	ldr r4, =NOWHERE
	RESUME 2f
	MARK NOWHERE
	blx r4
2:	svc #0xf0

	.thumb
	.thumb_func
g_usr_t:
	RESUME 2f
	MARK 1f
1:	udf #2
2:	RESUME 2f
	MARK 1f
1:	udf.w #3
2:	RESUME 2f
	MARK 1f
1:	svc #6
2:	ldr r4, =scratch + 2
	RESUME 2f
	T ldrd r0, r1, [r4]
2:	svc #0xf0
	.ltorg

	.data
	.balign 8
scratch:
	.word 1, 2, 3, 4
