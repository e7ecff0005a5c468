@ Exception entry to the guest PL1 modes from Non-secure SVC, Abort and
@ Undefined mode, in ARM and Thumb state (ARM DDI 0406C B1.8.3 Table B1-7,
@ B1.9): the link register holds the preferred return address plus
@ UNDEFINED +4 (ARM) / +2 (Thumb, also for a 32-bit encoding), SVC the
@ next instruction, Prefetch Abort (BKPT debug event, external abort on
@ fetch) +4, Data Abort (external, alignment with SCTLR.A, LDREX) +8;
@ SPSR holds the CPSR of the interrupted code with its IT state; DFSR/IFSR
@ and DFAR/IFAR are the Non-secure copies in the short-descriptor format
@ (IFAR is UNKNOWN for the BKPT debug event: 0 here and in QEMU). The
@ external Data Abort comes from a load: on these cores a store to nothing
@ aborts asynchronously (tests/images/hyp_async_abort.S).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ NOWHERE, 0x50000000

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "from svc, arm"
	GUEST g_arm, M_SVC | PSR_AIF
	TITLE "from svc, thumb"
	GUEST g_thumb, M_SVC | PSR_AIF
	TITLE "from abt, arm (flags set)"
	GUEST g_arm, M_ABT | PSR_AIF | 0x60000000
	TITLE "from und, thumb"
	GUEST g_thumb, M_UND | PSR_AIF
	TITLE "from sys, arm, a/i/f clear"
	GUEST g_arm, M_SYS
	TITLE "alignment with sctlr.a, from svc"
	GUEST g_align, M_SVC | PSR_AIF
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_arm:
	RESUME 2f
	MARK 1f
1:	udf #0x12
2:	RESUME 2f
	MARK 1f
1:	svc #0x77
2:	RESUME 2f
	MARK 1f
1:	bkpt #0x5
2:	ldr r4, =NOWHERE
	RESUME 2f
	MARK NOWHERE
	blx r4
2:	RESUME 2f
	MARK 1f
1:	ldr r0, [r4, #0x20]
2:	ldr r4, =scratch + 1
	RESUME 2f
	MARK 1f
1:	ldrex r0, [r4]
2:	hvc #0xf00d

	.thumb
	.thumb_func
g_thumb:
	RESUME 2f
	MARK 1f
1:	udf #0x12
2:	RESUME 2f
	MARK 1f
1:	udf.w #0x345
2:	RESUME 2f
	MARK 1f
1:	svc #0x77
2:	movs r0, #0
	cmp r0, #0
	RESUME 2f
	MARK 1f
	itt eq
1:	svceq #0x78
	moveq r0, #1
2:	RESUME 2f
	MARK 1f
1:	bkpt #0x6
2:	ldr r4, =NOWHERE
	RESUME 2f
	MARK 1f
1:	ldr r0, [r4, #0x30]
2:	RESUME 2f
	MARK 1f
1:	ldr.w r0, [r4, #0x34]
2:	ldr r4, =NOWHERE + 1              @ stays in Thumb
	RESUME 2f
	MARK NOWHERE
	blx r4
2:	hvc #0xf00d
	.ltorg

	.arm
g_align:
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #2                    @ SCTLR.A
	mcr p15, 0, r0, c1, c0, 0
	isb
	ldr r4, =scratch + 2
	RESUME 2f
	MARK 1f
1:	ldr r0, [r4]
2:	RESUME 2f
	MARK 1f
1:	str r0, [r4, #1]
2:	mrc p15, 0, r0, c1, c0, 0
	bic r0, r0, #2
	mcr p15, 0, r0, c1, c0, 0
	isb
	hvc #0xf00d

	.data
	.balign 8
scratch:
	.word 0x11111111, 0x22222222, 0x33333333
