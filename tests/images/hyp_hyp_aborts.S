@ Data aborts taken in Hyp mode (ARM DDI 0406C B1.9, B3.13.6): an
@ external abort on a Hyp load and an alignment fault with HSCTLR.A set
@ enter HVBAR+0x10 with HSR EC 0x25, ELR_hyp = the faulting
@ instruction, HDFAR = the address, DFSC in the long-descriptor encoding
@ (0x10 external, 0x21 alignment) and WnR for stores (an external abort
@ on a store is asynchronous on these cores: tests/images/hyp_async_abort.S
@ takes one in Hyp mode). The instruction
@ syndrome is valid only for stage-2 aborts of Non-secure PL1/PL0
@ accesses (B3.13.6 ISV), so ISV, SAS, SRT and IL are 0 here.
@ Expected output from the manual, not QEMU: QEMU 7.2 reports ISV = 1 with
@ SAS/SRT (and IL = 1) for every data abort taken to Hyp mode (listed in
@ tests/diff/line-excuses.txt).
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
	TITLE "external abort in hyp, load"
	ldr r4, =NOWHERE + 0x44
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	TITLE "alignment in hyp with HSCTLR.A"
	mrc p15, 4, r0, c1, c0, 0
	orr r0, r0, #2
	mcr p15, 4, r0, c1, c0, 0
	isb
	ldr r4, =scratch + 2
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	MARK 1f
	RESUME 2f
1:	str r0, [r4, #-1]
2:	ldrh r0, [r4]                     @ aligned halfword: no fault
	blx t_align
	mrc p15, 4, r0, c1, c0, 0
	bic r0, r0, #2
	mcr p15, 4, r0, c1, c0, 0
	isb
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

	.thumb
	.thumb_func
t_align:
	push {r4, lr}
	ldr r4, =scratch + 1
	MARK 1f
	RESUME 2f
1:	ldrh r0, [r4]
2:	pop {r4, pc}
	.ltorg

	.data
	.balign 8
scratch:
	.word 0x44332211, 0x88776655
