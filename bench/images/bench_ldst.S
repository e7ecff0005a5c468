@ bench_ldst: loads and stores with data-dependent branches over a 16 KiB
@ buffer. Both ways through the branch have the same length, so each
@ iteration is 14 instructions whatever the data: 14 * ITERS in the loop.
@ Prints "insns=<hex>" and exits 0. ITERS=0 is the start-up baseline.
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
	bl bench_setup                  @ caches/MMU on (bench_ldst_mmu.S)
#endif
	ldr r0, =buf
	mov r3, #0                  @ word offset
	ldr r12, =ITERS
	ldr r8, =0x9e3779b9
	mov r5, #0
	mov r6, #0
	cmp r12, #0
	beq 3f
1:	ldr r2, [r0, r3]
	add r2, r2, r8
	str r2, [r0, r3]
	ldrb r4, [r0, r3, lsr #2]
	cmp r4, #0x80
	bhi 2f
	add r5, r5, r4              @ not taken: BHI, ADD, B
	b 4f
2:	add r6, r6, r4              @ taken: BHI, ADD, STRB
	strb r6, [r0, #1]
4:	ldrh r7, [r0, #2]
	add r3, r3, #4
	bic r3, r3, #0xc000         @ wrap at 16 KiB
	eor r8, r8, r7
	subs r12, r12, #1
	bne 1b
3:	ldr r4, =(ITERS * 14)
	PRINTKV "insns", r4
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg
	.bss
	.align 12                   @ its own pages: QEMU slows down stores
	                            @ to a page that holds translated code
buf:	.space 16384
