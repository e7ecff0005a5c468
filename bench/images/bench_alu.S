@ bench_alu: ALU-only loop. ITERS iterations of 18 data-processing
@ instructions and the loop's SUBS/BNE: 20 * ITERS instructions in the loop
@ (the runtime's start-up and the print add a few hundred). Prints
@ "insns=<hex>" (the loop's count, from the same constants) and exits 0.
@ ITERS=0 is the start-up baseline bench/run.sh subtracts.
	.syntax unified
	.arm
	.include "macros.inc"
#ifndef ITERS
#define ITERS 5000000
#endif
	.text
	.global main
main:
	push {r4-r11, lr}
#ifdef BENCH_SETUP
	bl bench_setup                  @ caches/MMU on (bench_alu_*.S)
#endif
	ldr r12, =ITERS
	mov r0, #1
	mov r1, #3
	mov r2, #5
	mov r3, #7
	mov r4, #11
	mov r5, #13
	cmp r12, #0
	beq 2f
1:	add r0, r0, r1
	eor r1, r1, r2, ror #3
	orr r2, r2, r3, lsl #1
	sub r3, r3, r4
	and r4, r4, r5, lsr #2
	adds r5, r5, r0
	adc r6, r6, r1
	bic r7, r2, r3
	mvn r8, r4
	rsb r9, r5, r6
	mul r10, r0, r1
	mla r11, r2, r3, r10
	lsl r0, r0, #1
	ror r1, r1, #7
	clz r2, r5
	rev r3, r6
	uxtb r4, r7, ror #8
	orr r5, r5, #0x10000
	subs r12, r12, #1
	bne 1b
2:	ldr r4, =(ITERS * 20)
	PRINTKV "insns", r4
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg
