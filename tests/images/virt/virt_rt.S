@ Exception plumbing of the virt board's device images (virt.h): the Hyp
@ vector table (HVBAR, DDI 0406C B1.8.1 Table B1-4), a PL1 vector table
@ for a guest (VBAR), entering a guest from Hyp and returning to the
@ hypervisor with HVC, and the secondary cores' entry point.
	.syntax unified
	.arm
	.arch_extension virt
	.arch_extension sec

	.text
	.align 5
	.global hyp_vectors
hyp_vectors:
	b hyp_bad                       @ 0x00 not used
	b hyp_bad                       @ 0x04 undefined instruction in Hyp
	b hyp_bad                       @ 0x08 HVC in Hyp
	b hyp_bad                       @ 0x0c prefetch abort in Hyp
	b hyp_dabt_entry                @ 0x10 data abort in Hyp
	b hyp_trap_entry                @ 0x14 Hyp trap (HVC from a guest...)
	b hyp_irq_entry                 @ 0x18 IRQ
	b hyp_bad                       @ 0x1c FIQ

@ An IRQ taken to Hyp: ELR_hyp and SPSR_hyp are saved on the stack so that
@ the handler may unmask IRQs and be preempted (B1.8.3: the Hyp mode IRQ
@ return address is ELR_hyp, no LR offset).
hyp_irq_entry:
	push {r0-r3, r12, lr}
	mrs r0, ELR_hyp
	mrs r1, spsr
	push {r0, r1}
	bl hyp_irq
	pop {r0, r1}
	msr ELR_hyp, r0
	msr spsr_cxsf, r1
	pop {r0-r3, r12, lr}
	eret

@ A trap to Hyp: HVC #0 from the guest returns from enter_guest with the
@ guest's r0; anything else goes to hyp_sync(HSR, ELR_hyp) and then
@ returns to the trapped instruction's successor.
hyp_trap_entry:
	push {r0-r3, r12, lr}
	mrc p15, 4, r0, c5, c2, 0       @ HSR
	lsr r1, r0, #26
	cmp r1, #0x12                   @ EC: HVC
	beq 1f
	mrs r1, ELR_hyp
	bl hyp_sync
	pop {r0-r3, r12, lr}
	eret
1:	pop {r0-r3, r12, lr}
	ldr r1, =hyp_saved_sp
	ldr sp, [r1]
	pop {r4-r11, lr}
	bx lr

@ A data abort taken in Hyp mode: hyp_dabt(HSR, ELR_hyp), which may move
@ ELR_hyp past the access; the default reports it and exits.
hyp_dabt_entry:
	push {r0-r3, r12, lr}
	mrc p15, 4, r0, c5, c2, 0       @ HSR
	mrs r1, ELR_hyp
	bl hyp_dabt
	pop {r0-r3, r12, lr}
	eret

hyp_bad:
	mrs r4, ELR_hyp
	mrc p15, 4, r5, c5, c2, 0
	ldr r0, =msg_hyp_bad
	bl sh_write0
	mov r1, r4
	ldr r0, =msg_elr
	bl print_kv
	mov r1, r5
	ldr r0, =msg_hsr
	bl print_kv
	mov r0, #3
	bl sh_exit

@ u32 enter_guest(void (*fn)(void), u32 spsr, u32 sp)
	.global enter_guest
	.type enter_guest, %function
enter_guest:
	push {r4-r11, lr}
	ldr r3, =hyp_saved_sp
	str sp, [r3]
	msr ELR_hyp, r0
	msr spsr_cxsf, r1
	msr SP_svc, r2
	sub r2, r2, #0x1000
	msr SP_irq, r2
	eret

	.global guest_exit
	.type guest_exit, %function
guest_exit:
	hvc #0
	b .

	.weak hyp_irq, hyp_sync, hyp_dabt, pl1_irq, secondary_main
hyp_dabt:
	b hyp_bad
secondary_main:
hyp_sync:
	mov r4, r0
	mov r5, r1
	ldr r0, =msg_hyp_sync
	bl sh_write0
	mov r1, r4
	ldr r0, =msg_hsr
	bl print_kv
	mov r1, r5
	ldr r0, =msg_elr
	bl print_kv
	mov r0, #3
	bl sh_exit
hyp_irq:
pl1_irq:
	ldr r0, =msg_irq
	bl sh_write0
	mov r0, #3
	bl sh_exit

	.align 5
	.global pl1_vectors
pl1_vectors:
	b pl1_bad                       @ 0x00 reset
	b pl1_bad                       @ 0x04 undefined
	b pl1_bad                       @ 0x08 SVC
	b pl1_bad                       @ 0x0c prefetch abort
	b pl1_bad                       @ 0x10 data abort
	b pl1_bad                       @ 0x14 not used
	b pl1_irq_entry                 @ 0x18 IRQ
	b pl1_bad                       @ 0x1c FIQ

@ IRQ mode entry: LR_irq = the interrupted instruction + 4 (B1.8.3).
pl1_irq_entry:
	sub lr, lr, #4
	push {r0-r3, r12, lr}
	bl pl1_irq
	ldm sp!, {r0-r3, r12, pc}^

pl1_bad:
	mov r4, lr
	mrs r5, cpsr
	ldr r0, =msg_pl1_bad
	bl sh_write0
	mov r1, r4
	ldr r0, =msg_lr
	bl print_kv
	mov r1, r5
	ldr r0, =msg_cpsr
	bl print_kv
	mov r0, #3
	bl sh_exit

@ PSCI CPU_ON entry of a secondary core: r0 (the context ID) is its stack.
	.global secondary_entry
	.type secondary_entry, %function
secondary_entry:
	mov sp, r0
	bl secondary_main
	b .

	.section .rodata
msg_hyp_bad: .asciz "unexpected exception in hyp\n"
msg_hyp_sync: .asciz "unexpected hyp trap\n"
msg_pl1_bad: .asciz "unexpected exception at pl1\n"
msg_irq: .asciz "unexpected irq\n"
msg_hsr: .asciz "hsr"
msg_elr: .asciz "elr"
msg_lr: .asciz "lr"
msg_cpsr: .asciz "cpsr"

	.bss
	.align 2
hyp_saved_sp: .space 4
