@ One image per kind of hang the detector knows (tests/scenarios/hang_*):
@   -DKIND_SELF      a branch to itself with interrupts masked
@   -DKIND_POLL      a loop polling memory nothing will ever write
@   -DKIND_RECURSE   an UNDEFINED instruction in the Undefined vector itself
@   -DKIND_REFAULT   a data abort whose handler returns to the faulting
@                    instruction without fixing anything
@   -DKIND_WFI       WFI with no interrupt source
@   -DKIND_BUSY      a long loop that does finish (must not be reported)
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main
main:
	push {r4-r6, lr}
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0      @ VBAR
	PRINT "hangs: start\n"
#ifdef KIND_SELF
	.global hang_here
hang_here:
	b hang_here
#endif
#ifdef KIND_POLL
	ldr r1, =flag
	.global hang_here
hang_here:
	ldr r0, [r1]
	cmp r0, #0
	beq hang_here
#endif
#ifdef KIND_RECURSE
	.word 0xe7f000f0                @ UDF: to the Undefined vector
#endif
#ifdef KIND_REFAULT
	ldr r1, =0x00001000             @ no RAM there: external abort
	.global hang_here
hang_here:
	ldr r0, [r1]
#endif
#ifdef KIND_WFI
	.global hang_here
hang_here:
	wfi
	b hang_here
#endif
#ifdef KIND_BUSY
	ldr r4, =3000000
1:	subs r4, r4, #1
	bne 1b
#endif
	PRINT "hangs: done\n"
	mov r0, #0
	pop {r4-r6, pc}
	.ltorg

	.align 5
vectors:
	b .                             @ reset
	.global undef_vector
undef_vector:
	.word 0xe7f000f0                @ UNDEFINED again, from the handler
	b .                             @ SVC
	b .                             @ prefetch abort
	subs pc, lr, #8                 @ data abort: retry the access
	b .
	b .                             @ IRQ
	b .                             @ FIQ

	.data
	.align 2
flag:	.word 0
