@ bench_alu_t32: the ALU loop of bench_alu in Thumb (a mix of 16- and
@ 32-bit encodings): 20 * ITERS instructions in the loop. Prints
@ "insns=<hex>" and exits 0. ITERS=0 is the start-up baseline.
	.syntax unified
	.include "macros.inc"
#ifndef ITERS
#define ITERS 5000000
#endif
	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	ldr r12, =ITERS
	blx loop
	ldr r4, =(ITERS * 20)
	PRINTKV "insns", r4
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

	.thumb
	.thumb_func
loop:
	movs r0, #1
	movs r1, #3
	movs r2, #5
	movs r3, #7
	movs r4, #11
	movs r5, #13
	cmp r12, #0
	beq 2f
1:	adds r0, r0, r1
	eors r1, r2
	orr r2, r2, r3, lsl #1
	subs r3, r3, r4
	and r4, r4, r5, lsr #2
	adds r5, r5, r0
	adc r6, r6, r1
	bics r7, r3
	mvn r8, r4
	rsb r9, r5, r6
	muls r0, r1, r0
	mla r11, r2, r3, r10
	lsls r0, r0, #1
	ror r1, r1, #7
	clz r2, r5
	rev r3, r6
	uxtb r4, r7, ror #8
	orr r5, r5, #0x10000
	subs r12, r12, #1
	bne 1b
2:	bx lr
