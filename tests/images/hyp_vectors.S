@ The Hyp vector table (ARM DDI 0406C B1.8.1 "Exception vectors and
@ exception base addresses",
@ B3.13.6 HSR): HVC from Non-secure PL1 enters HVBAR+0x14 (Hyp Trap,
@ EC 0x12, ELR_hyp = the next instruction); exceptions taken in Hyp mode
@ itself use HVBAR+0x04 (UNDEFINED, EC 0x00), +0x08 (HVC EC 0x12, SVC
@ EC 0x11), +0x0C (Prefetch Abort, EC 0x21, HIFAR), +0x10 (Data Abort,
@ EC 0x25, HDFAR), with ELR_hyp the preferred return address of B1.8.3
@ Table B1-6 (no offset added); HVC from User mode is UNDEFINED and goes
@ to the guest Undefined mode with LR = +4 (ARM) / +2 (Thumb).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ NOWHERE, 0x50000000          @ no memory there (RAM is 128M)

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup

	TITLE "hvc from svc, arm"
	GUEST g_hvc_arm, M_SVC | PSR_AIF
	TITLE "hvc from svc, thumb"
	GUEST g_hvc_thumb, M_SVC | PSR_AIF
	TITLE "hvc from svc with flags and masks clear"
	GUEST g_hvc_arm, M_SVC | 0xf0000000
	TITLE "hvc from usr, arm: undefined"
	GUEST g_hvc_usr_arm, M_USR
	TITLE "hvc from usr, thumb: undefined"
	GUEST g_hvc_usr_thumb, M_USR
	TITLE "hvc from sys"
	GUEST g_hvc_arm, M_SYS | PSR_AIF
	TITLE "hvc from und, abt, irq, fiq"
	GUEST g_hvc_arm, M_UND | PSR_AIF
	GUEST g_hvc_arm, M_ABT | PSR_AIF
	GUEST g_hvc_arm, M_IRQ | PSR_AIF
	GUEST g_hvc_arm, M_FIQ | PSR_AIF

	TITLE "hvc in hyp, arm"
	MARK 1f
	RESUME 2f
1:	hvc #0x5a5a
2:	TITLE "svc in hyp, arm"
	MARK 1f
	RESUME 2f
1:	svc #0x42
2:	TITLE "undefined in hyp, arm"
	MARK 1f
	RESUME 2f
1:	udf #7
2:	TITLE "thumb in hyp"
	blx t_hyp
	TITLE "prefetch abort in hyp"
	ldr r0, =NOWHERE
	MARK NOWHERE
	RESUME 2f
	blx r0
2:	TITLE "alignment in hyp: ldrex, ldm"
	ldr r4, =scratch + 1
	MARK 1f
	RESUME 2f
1:	ldrex r0, [r4]
2:	ldr r4, =scratch + 4
	MARK 1f
	RESUME 2f
1:	ldm r4, {r0, r1}                  @ aligned: no fault
	ldr r4, =scratch + 2
	ldm r4, {r0, r1}
2:	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ ---- Thumb code run in Hyp mode ----
	.thumb
	.thumb_func
t_hyp:
	push {r4, lr}
	MARK 1f
	RESUME 2f
1:	hvc #0xbeef
2:	MARK 1f
	RESUME 2f
1:	svc #0x42
2:	MARK 1f
	RESUME 2f
1:	udf #3
2:	MARK 1f
	RESUME 2f
1:	udf.w #0x123
2:	pop {r4, pc}
	.ltorg

@ ---- guests ----
	.arm
g_hvc_arm:
	MARK 1f
	RESUME 2f
1:	hvc #0x1234
2:	hvc #0xf00d

	.thumb
	.thumb_func
g_hvc_thumb:
	MARK 1f
	RESUME 2f
1:	hvc #0xfedc
2:	hvc #0xf00d
	.ltorg

	.arm
g_hvc_usr_arm:
	MARK 1f
	RESUME 2f
1:	hvc #0x1
2:	svc #0xf0

	.thumb
	.thumb_func
g_hvc_usr_thumb:
	MARK 1f
	RESUME 2f
1:	hvc #0x2
2:	svc #0xf0
	.ltorg

	.data
	.balign 8
scratch:
	.word 0x44332211, 0x88776655, 0xccbbaa99
