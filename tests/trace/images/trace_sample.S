@ Image for the trace tests: a little of everything a trace records —
@ ARM and Thumb (16- and 32-bit) instructions, flags, loads and stores,
@ a system-register write (VBAR), exceptions taken and returned from (SVC,
@ UNDEFINED), mode changes (CPS), and banked registers. It prints nothing
@ (semihosting calls that return values differ between simulators: the
@ semihosting specification leaves R0 "corrupted" after SYS_WRITE0) and
@ exits with code 0 through SYS_EXIT_EXTENDED, so hypsim's trace and
@ QEMU's log must agree record for record.
	.syntax unified
	.arm
	.text
	.global main
	.type main, %function
main:
	push {r4-r8, lr}
	@ exceptions go to our table (B4.1.156 VBAR, Secure copy)
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0
	isb
	@ a loop with flags
	mov r4, #0
	mov r5, #5
1:	add r4, r4, r5
	subs r5, r5, #1
	bne 1b
	@ memory: single and multiple
	ldr r6, =buffer
	str r4, [r6]
	ldr r7, [r6]
	stmia r6, {r4, r5, r7}
	ldmia r6, {r0-r2}
	strb r4, [r6, #13]
	ldrh r3, [r6, #12]
	@ Thumb, then back
	adr r0, thumb_part + 1
	blx r0
	@ an SVC taken to our handler, which adds 1 to r0
	mov r0, #41
	svc #1
	mov r8, r0
	@ an UNDEFINED instruction, skipped by its handler
	udf #7
	@ IRQ mode and its banked SP, then back
	cps #0x12
	ldr sp, =0x40f00000
	mov r1, sp
	cps #0x13
	@ flags through MSR/MRS
	mrs r2, cpsr
	msr cpsr_f, #0x80000000
	mrs r3, cpsr
	msr cpsr_f, r2
	mov r0, #0
	pop {r4-r8, pc}

	.thumb
	.type thumb_part, %function
thumb_part:
	movs r0, #3
	movw r1, #0x1234
	add.w r2, r1, r0, lsl #4
	cmp r0, #3
	ite eq
	addeq r0, r0, #1
	subne r0, r0, #1
	lsls r0, r0, #2
	bx lr

	.arm
	.align 5
vectors:
	b .             @ reset
	b und_handler   @ undefined
	b svc_handler   @ svc
	b .             @ prefetch abort
	b .             @ data abort
	b .
	b .             @ irq
	b .             @ fiq
svc_handler:
	add r0, r0, #1
	movs pc, lr
und_handler:
	mov r12, #0x55
	movs pc, lr

	.data
	.align 2
buffer:
	.space 16
