@ A32 branches and conditions: every condition code under all 16 NZCV
@ values; B forward/backward, BL (LR), BLX immediate to Thumb (both
@ halfword offsets, H bit), BLX register to Thumb and ARM, BX and BXJ
@ (BXJ is BX: trivial Jazelle), MOV PC (ALUWritePC interworks in ARM
@ state), ADD PC, POP {PC} to Thumb, conditional branches not taken.
@ Expected output: QEMU 7.2, cortex-a15 == a7.
#include "a32_common.inc"

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors

	@ ---- conditions: r6 = mask of NZCV values (bit i = NZCV == i) for
	@ which <cond> passes ----
	.irp cond, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al
	mov r6, #0
	mov r5, #0
1:	lsl r0, r5, #28
	msr cpsr_f, r0
	mov r1, #1
	mov r2, #0
	mov\cond r2, r1, lsl r5
	orr r6, r6, r2
	add r5, r5, #1
	cmp r5, #16
	blo 1b
	mov r8, #0
	CHECK "cond \cond", nop
	.endr
	POOL

	@ ---- B / BL ----
	mov r6, #0
	b 1f
	mov r6, #1
1:	add r6, r6, #2
	cmp r6, #6
	blo 1b
	CHECK "b loop", nop
	bl 2f
1:	ldr r0, =1b
	sub r6, lr, r0
	CHECK "bl lr", nop
	b 3f
2:	bx lr
3:	msr cpsr_f, #0x40000000      @ Z
	mov r6, #0
	bne 4f
	mov r6, #1
4:	mov lr, #0x55
	blne 5f                      @ not taken: LR unchanged
	mov r8, lr
	CHECK "bne not taken", nop
	mov r8, #0
	b 6f
5:	mov r6, #0xbad
	bx lr
6:
	POOL

	@ ---- BLX immediate to Thumb (word and halfword aligned targets) ----
	mov r6, #0
	blx thumb_a
	CHECK "blx imm thumb_a", nop
	blx thumb_b
	CHECK "blx imm thumb_b", nop
	@ ---- BLX register ----
	ldr r0, =thumb_a + 1
	blx r0
1:	ldr r0, =1b
	sub r8, lr, r0
	CHECK "blx reg thumb", nop
	adr r0, arm_fn
	blx r0
	CHECK "blx reg arm", nop
	@ ---- BX / BXJ ----
	ldr r0, =thumb_bx_back
	orr r0, r0, #1
	adr lr, 1f
	bx r0
1:	CHECK "bx thumb and back", nop
	ldr r0, =thumb_bx_back + 1
	adr lr, 1f
	bxj r0
1:	CHECK "bxj thumb and back", nop
	POOL

	@ ---- PC as a data-processing destination ----
	ldr r0, =thumb_a + 1
	adr lr, 1f
	mov pc, r0                   @ ALUWritePC: interworking in ARM state
1:	CHECK "mov pc to thumb", nop
	mov r6, #0
	add pc, pc, #4               @ skips two instructions
	mov r6, #1
	mov r6, #2
	add r6, r6, #3
	CHECK "add pc", nop
	mov r6, #0
	adr r1, 1f
	add pc, r1, #0
	mov r6, #9
1:	CHECK "add pc reg", nop

	@ ---- POP {PC} to Thumb ----
	ldr r0, =thumb_a + 1
	adr r1, 1f
	push {r0}
	mov lr, r1
	pop {pc}
1:	CHECK "pop pc thumb", nop
	ldr r0, =thumb_a + 1
	adr lr, 1f
	ldr pc, =thumb_a + 1
1:	CHECK "ldr pc literal thumb", nop

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

arm_fn:
	mov r6, #0x33
	bx lr

	.thumb
	.balign 4
	.thumb_func
thumb_a:
	movs r6, #0x11
	bx lr
	nop
	.thumb_func
thumb_b:                        @ at a halfword-aligned address
	movs r6, #0x22
	bx lr
	nop
	.thumb_func
thumb_bx_back:
	movs r6, #0x44
	bx lr
	.arm
