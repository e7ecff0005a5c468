@ Every core of the machine runs this (the bare board releases all of them
@ at the entry point). Each prints its MIDR and MPIDR under a spinlock,
@ then the CPU-compatibility check of KVM's history (history.md 1):
@   -DCHECK_EVERY_CPU   each core checks its own MIDR (the fix); without
@                       it only the boot core checks and the others are
@                       assumed to be the same (the 2013 bug)
@   -DKNOW_A7           the Cortex-A7 part number is in the known list
@                       (else only the Cortex-A15, as KVM had in 2013)
@ The boot core (MPIDR affinity 0) waits for the others and prints the
@ verdict. Output order is fixed: the scheduler interleaves cores
@ deterministically.
	.syntax unified
	.arm
	.include "macros.inc"

#define PART_A15 0xc0f
#define PART_A7  0xc07

	.text
	.global main
main:
	@ every core but the first has no stack of its own from rt.S: give
	@ each 4 KiB below __stack_top by its arrival number
	ldr r1, =arrived
1:	ldrex r2, [r1]
	add r3, r2, #1
	strex r4, r3, [r1]
	cmp r4, #0
	bne 1b
	dmb ish
	ldr r0, =__stack_top
	sub sp, r0, r2, lsl #12
	mov r11, r2                     @ arrival number

	mrc p15, 0, r5, c0, c0, 5       @ MPIDR
	mrc p15, 0, r6, c0, c0, 0       @ MIDR
	ubfx r7, r6, #4, #12            @ part number

	@ the check
	mov r8, #1                      @ supported?
#ifndef CHECK_EVERY_CPU
	ubfx r0, r5, #0, #16            @ only the boot core looks
	cmp r0, #0
	movne r8, #2                    @ the others are assumed to match
	bne 3f
#endif
	ldr r0, =PART_A15
	cmp r7, r0
	beq 3f
#ifdef KNOW_A7
	ldr r0, =PART_A7
	cmp r7, r0
	beq 3f
#endif
	mov r8, #0
	ldr r1, =unsupported
2:	ldrex r2, [r1]
	add r2, r2, #1
	strex r3, r2, [r1]
	cmp r3, #0
	bne 2b
3:
	bl lock
	PRINTKV "MPIDR", r5
	PRINTKV "MIDR", r6
	cmp r8, #0
	beq 4f
	cmp r8, #2
	beq 9f
	PRINT "  part known\n"
	b 5f
9:	PRINT "  not checked: assumed to be like the boot CPU\n"
	b 5f
4:	PRINT "  part UNKNOWN\n"
5:	ldr r1, =checked
	ldr r2, [r1]
	add r2, r2, #1
	str r2, [r1]
	bl unlock

	ubfx r0, r5, #0, #16
	cmp r0, #0
	bne park
	@ the boot core: give the others time to arrive (a boot-wrapper
	@ style timeout), then wait until every core that arrived reported
	ldr r0, =20000
8:	subs r0, r0, #1
	bne 8b
	ldr r1, =checked
	ldr r2, =arrived
6:	dmb ish
	ldr r3, [r1]
	ldr r4, [r2]
	cmp r3, r4
	bne 6b
	ldr r1, =unsupported
	ldr r0, [r1]
	cmp r0, #0
	bne 7f
	PRINTKV "kvm: enabled, CPUs checked", r4
	mov r0, #0
	bl sh_exit
7:	PRINTKV "kvm: disabled, unsupported CPUs", r0
	mov r0, #0
	bl sh_exit

park:
	wfe
	b park

lock:
	ldr r1, =print_lock
	mov r2, #1
1:	ldrex r0, [r1]
	cmp r0, #0
	wfene
	bne 1b
	strex r0, r2, [r1]
	cmp r0, #0
	bne 1b
	dmb ish
	bx lr

unlock:
	dmb ish
	ldr r1, =print_lock
	mov r0, #0
	str r0, [r1]
	dsb ish
	sev
	bx lr
	.ltorg

	.data
	.align 2
arrived:	.word 0
checked:	.word 0
unsupported:	.word 0
print_lock:	.word 0
