@ A32 block transfers: LDM/STM in the four modes (IA, IB, DA, DB) with and
@ without writeback, PUSH/POP, STM of the PC (PC+8), STM with the base in
@ the list (lowest: original value), LDM of the PC with interworking,
@ the User-register forms (STM^, LDM^ without PC), the exception-return
@ form (LDM^ with PC), and an unaligned LDM/STM (alignment fault whatever
@ SCTLR.A says, no writeback, no register changed).
@ Expected output: QEMU 7.2, cortex-a15 == a7.
#include "a32_common.inc"

.macro FILL
	bl fill_buf
.endm
.macro BASE
	ldr r0, =buf
	sub r8, r4, r0
.endm
@ r6 = word at buf + off
.macro WORD off
	ldr r0, =buf
	ldr r6, [r0, #\off]
.endm
@ load r1, r2, r3, r9, r10 with recognisable values
.macro REGS
	ldr r1, =0x11111111
	ldr r2, =0x22222222
	ldr r3, =0x33333333
	ldr r9, =0x99999999
	ldr r10, =0xaaaaaaaa
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors

	@ ---- STM in the four modes ----
	FILL
	REGS
	ldr r4, =buf + 16
	stmia r4, {r1, r2, r3}
	WORD 16
	CHECK "stmia", nop
	WORD 24
	CHECK "stmia last", nop
	FILL
	REGS
	ldr r4, =buf + 16
	stmib r4!, {r1, r2, r3}
	BASE
	WORD 20
	CHECK "stmib wb", nop
	WORD 28
	CHECK "stmib last", nop
	FILL
	REGS
	ldr r4, =buf + 16
	stmda r4!, {r1, r2, r3}
	BASE
	WORD 8
	CHECK "stmda wb", nop
	WORD 16
	CHECK "stmda last", nop
	FILL
	REGS
	ldr r4, =buf + 16
	stmdb r4, {r1, r2, r3}
	WORD 4
	CHECK "stmdb", nop
	WORD 12
	CHECK "stmdb last", nop
	POOL

	@ ---- LDM in the four modes ----
	FILL
	ldr r4, =buf + 16
	ldmia r4!, {r6, r8}
	CHECK "ldmia wb", nop
	BASE
	CHECK "ldmia wb base", nop
	ldr r4, =buf + 16
	ldmib r4, {r6, r8}
	CHECK "ldmib", nop
	ldr r4, =buf + 16
	ldmda r4!, {r6, r8}
	CHECK "ldmda wb", nop
	BASE
	CHECK "ldmda wb base", nop
	ldr r4, =buf + 24
	ldmdb r4!, {r1-r3, r6, r8}
	mov r9, r1
	CHECK "ldmdb wb", nop
	BASE
	mov r6, r9
	CHECK "ldmdb wb base, r1", nop
	POOL

	@ ---- PUSH/POP, sp-relative ----
	REGS
	push {r1-r3}
	pop {r6, r8}
	CHECK "push pop", nop
	pop {r6}
	CHECK "pop one", nop

	@ ---- STM of the PC stores PC+8 ----
	ldr r4, =buf
1:	stmia r4, {r1, pc}
	ldr r6, [r4, #4]
	ldr r0, =1b + 8
	sub r6, r6, r0
	CHECK "stm pc", nop

	@ ---- STM with the base as lowest register and writeback ----
	ldr r4, =buf + 8
	mov r5, #0x55
	stmia r4!, {r4, r5}
	BASE
	WORD 8
	ldr r0, =buf
	sub r6, r6, r0
	CHECK "stm base lowest wb", nop

	@ ---- LDM with the PC: interworking ----
	ldr r4, =buf
	adr r0, 2f
	str r0, [r4, #4]
	mov r1, #7
	str r1, [r4]
	mov r6, #0
	ldmia r4, {r6, pc}
	mov r6, #0                  @ skipped
2:	CHECK "ldm pc arm", nop
	ldr r0, =thumb_ret42 + 1
	str r0, [r4, #4]
	adr lr, 3f
	ldmia r4, {r8, pc}
3:	CHECK "ldm pc thumb", nop
	POOL

	@ ---- User-register forms from SVC mode ----
	ldr r4, =buf
	ldr r1, =0x5a5a0001
	ldr r2, =0x5a5a0002
	stmia r4, {r1, r2}
	ldmia r4, {sp, lr}^         @ SP_usr, LR_usr
	nop
	cps #0x1f                   @ System mode sees the User registers
	mov r6, sp
	mov r8, lr
	cps #0x13
	CHECK "ldm^ user regs", nop
	cps #0x1f
	ldr sp, =0x12340000
	ldr lr, =0x12340004
	cps #0x13
	ldr r4, =buf + 16
	stmia r4, {sp, lr}^
	WORD 16
	ldr r0, =buf
	ldr r8, [r0, #20]
	CHECK "stm^ user regs", nop
	mov r6, sp                   @ SVC SP untouched
	ldr r0, =__stack_top
	sub r6, r6, r0
	CHECK "svc sp", nop

	@ ---- LDM^ with the PC: exception return, CPSR <- SPSR ----
	ldr r0, =0xf00001d3          @ NZCV, A I F, SVC
	msr spsr_fsxc, r0
	ldr r4, =buf
	adr r0, 4f
	str r0, [r4]
	mov r6, #0
	ldmia r4, {pc}^
	mov r6, #1                   @ skipped
4:	CHECK "ldm^ pc exception return", nop
	msr cpsr_f, #0
	POOL

	@ ---- unaligned LDM/STM: alignment fault, nothing changes ----
	ldr r4, =buf + 2
	mov r6, #0x66
	mov r8, #0x88
1:	ldmia r4!, {r6, r8}
	EXC "ldm unaligned", 1b, buf
	CHECK "ldm unaligned regs", nop
	BASE
	CHECK "ldm unaligned base", nop
	ldr r4, =buf + 1
1:	stmdb r4!, {r6, r8}
	EXC "stm unaligned", 1b, buf
	BASE
	CHECK "stm unaligned base", nop

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

fill_buf:
	ldr r0, =buf
	ldr r1, =0xb0000000
1:	str r1, [r0], #4
	add r1, r1, #1
	ldr r2, =buf + 64
	cmp r0, r2
	blo 1b
	bx lr
	.ltorg

	.thumb
	.thumb_func
thumb_ret42:
	movs r6, #42
	bx lr
	.arm

	.data
	.balign 8
buf:
	.space 64
