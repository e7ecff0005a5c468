@ Two users of one hyp-stub that disagree about its HVC immediate
@ (history.md 4: Linux's stub took `hvc #0xff`, Xen used 0xEA1).
@ Entered in HYP (--entry hyp): the "firmware" installs a hyp-stub whose
@ set-vectors call is `hvc #0xff` with r0 = new HVBAR, drops to SVC, and
@ two users call it:
@   user 2 (Xen-style):   hvc #0xea1, r0 = 1 (a query)      -> ?
@   user 1 (Linux-style): hvc #0xff, r0 = its vectors, then an HVC to them
@ -DSTUB_CHECKS_IMM: the stub reads HSR.ISS and refuses any other
@   immediate (r0 = HVC_STUB_ERR 0x0badca11): user 2 sees the refusal.
@ Without it the stub ignores the immediate, as the 3.x stub did: user 2's
@   r0 = 1 becomes HVBAR, and the next HVC goes to address 0x14, where
@   there is no memory: HYP takes aborts at its own vectors for ever.
	.syntax unified
	.arm
	.include "macros.inc"

	.text
	.global main
main:
	push {r4-r6, lr}
	PRINT "user 2: hvc #0xea1, r0 = 1\n"
	mov r0, #1
	hvc #0xea1
	mov r4, r0
	PRINTKV "user 2: r0", r4
	ldr r0, =0x0badca11
	cmp r4, r0
	bne 1f
	PRINT "user 2: the stub refused the call\n"
1:	PRINT "user 1: hvc #0xff, set vectors\n"
	ldr r0, =user1_vectors
	hvc #0xff
	PRINTKV "user 1: r0", r0
	hvc #0                          @ now to user 1's own vectors
	PRINTKV "user 1: its vectors answer", r0
	mov r0, #0
	pop {r4-r6, pc}
	.ltorg

@ Firmware: entered in HYP at reset.
	.section .text.fw, "ax"
	.global fw_entry
fw_entry:
	ldr r0, =stub_vectors
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	ldr r0, =_start
	msr elr_hyp, r0
	eret

	.align 5
stub_vectors:
	b .
	b .
	b .
	b .
	b .
	b stub_hvc
	b .
	b .
stub_hvc:
#ifdef STUB_CHECKS_IMM
	mrc p15, 4, r1, c5, c2, 0       @ HSR
	ubfx r2, r1, #26, #6            @ EC
	cmp r2, #0x12                   @ HVC
	bne stub_refuse
	ubfx r2, r1, #0, #16            @ ISS: the immediate
	cmp r2, #0xff
	bne stub_refuse
#endif
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR = r0
	mov r0, #0
	eret
stub_refuse:
	movw r0, #0xca11
	movt r0, #0x0bad
	eret

@ User 1's own HYP vectors: HVC returns 0x600d.
	.align 5
user1_vectors:
	b .
	b .
	b .
	b .
	b .
	b user1_hvc
	b .
	b .
user1_hvc:
	movw r0, #0x600d
	eret
	.ltorg
