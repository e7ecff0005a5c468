@ Boot code that turns its I-cache on. With -DINVALIDATE_FIRST it does
@ ICIALLU before setting SCTLR.I, as boot code must when the caches may
@ come out of reset holding UNKNOWN contents (the l1rstdisable quirk):
@ tests/scenarios/icache_reset_*.ini. With caches invalidated at reset
@ (the default) both variants run.
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main
main:
	push {r4-r6, lr}
#ifdef INVALIDATE_FIRST
	mov r0, #0
	mcr p15, 0, r0, c7, c5, 0       @ ICIALLU
	isb
#endif
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #(1 << 12)          @ SCTLR.I
	mcr p15, 0, r0, c1, c0, 0
	isb
	@ some work from the first kilobytes of RAM, through the I-cache
	mov r4, #0
	mov r5, #200
1:	add r4, r4, r5
	subs r5, r5, #1
	bne 1b
	PRINTKV "sum", r4
	mov r0, #0
	pop {r4-r6, pc}
