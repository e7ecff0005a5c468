@ The gdb stub's test image (tests/gdb/): starts in HYP (--entry hyp, or
@ QEMU's -M virt,virtualization=on), installs HVBAR, drops to SVC with
@ ERET, and the guest comes back with HVC twice: the first returns to the
@ guest, the second ends the run from HYP.
@
@ Every core runs from the entry point; cores other than 0.0 (MPIDR.Aff1/0)
@ wait in WFE without touching memory, so core 0's stack and data are its
@ own. The labels are global so the gdb scripts can name them.
	.syntax unified
	.arm
	.include "macros.inc"

	.data
	.align 2
	.global watch_var, hvc_count, poke_area
watch_var:	.word 0
hvc_count:	.word 0
poke_area:	.word 0x11223344, 0x55667788

	.bss
	.align 3
svc_stack:	.space 1024
svc_stack_top:

	.text
	.global main, secondary_park, hvbar_set, before_eret, guest
	.global guest_store, guest_after_store, guest_after_hvc
	.global hyp_vectors, hyp_trap, hyp_finish
main:
	mrc p15, 0, r0, c0, c0, 5       @ MPIDR
	movw r1, #0xffff
	ands r0, r0, r1                 @ Aff1.Aff0: cluster and core
	bne secondary_park
	push {r4, r5, r6, lr}
	PRINT "hyp: start\n"
	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR
	isb
hvbar_set:
	ldr r0, =svc_stack_top
	msr SP_svc, r0
	ldr r0, =guest
	msr ELR_hyp, r0
	mov r0, #0x1d3                  @ SVC, A/I/F masked
	msr spsr_cxsf, r0                @ SPSR_hyp: the current mode's SPSR
before_eret:
	eret

secondary_park:
	wfe
	b secondary_park

@ The guest, in Non-secure SVC.
guest:
	PRINT "svc: in the guest\n"
	ldr r1, =watch_var
	mov r0, #0x5a
guest_store:
	str r0, [r1]
guest_after_store:
	hvc #0x42
guest_after_hvc:
	PRINT "svc: back from hvc\n"
	hvc #0x43
1:	b 1b

@ HYP vectors (B1.8.1, Hyp vector table): HVC from the guest is a Hyp
@ Trap, at offset 0x14.
	.align 5
hyp_vectors:
	b .
	b .
	b .
	b .
	b .
	b hyp_trap
	b .
	b .

hyp_trap:
	mrc p15, 4, r4, c5, c2, 0       @ HSR
	PRINTKV "HSR", r4
	ldr r1, =hvc_count
	ldr r2, [r1]
	add r2, r2, #1
	str r2, [r1]
	ubfx r0, r4, #0, #16            @ HVC immediate
	cmp r0, #0x43
	beq hyp_finish
	eret                            @ back to the guest
hyp_finish:
	PRINT "hyp: done\n"
	ldr r0, =hvc_count
	ldr r0, [r0]
	PRINTKV "hvc_count", r0
	ldr r0, =watch_var
	ldr r0, [r0]
	PRINTKV "watch_var", r0
	mov r0, #0
	bl sh_exit
