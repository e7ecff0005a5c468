@ Hyp-mode state (ARM DDI 0406C B4.1.67 HSCTLR, B1.7 Hyp mode, B4.1
@ VPIDR/VMPIDR):
@   - HSCTLR.TE: exceptions taken to Hyp mode enter the vectors in Thumb
@     state (the Thumb handler runs; MRS reads CPSR.T as 0); HSCTLR.EE: CPSR.E is set on entry, Hyp data accesses are
@     big-endian; ERET restores the guest state from SPSR_hyp;
@   - (HSCTLR RES1 bits: hyp_hsctlr_res1.S);
@   - HTPIDR holds what Hyp writes; ELR_hyp through MRS/MSR (banked);
@   - Non-secure PL1 reads of MIDR and MPIDR return VPIDR and VMPIDR, which
@     reset to MIDR and MPIDR; Hyp mode reads the real registers.
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup

	TITLE "htpidr and elr_hyp"
	ldr r0, =0xcafef00d
	mcr p15, 4, r0, c13, c0, 2
	mrc p15, 4, r4, c13, c0, 2
	PRINTKV "  htpidr", r4
	ldr r0, =0x40123456
	msr elr_hyp, r0
	mrs r4, elr_hyp
	PRINTKV "  elr_hyp", r4

	TITLE "vpidr and vmpidr at reset, as the guest sees them"
	mrc p15, 0, r0, c0, c0, 0
	mrc p15, 4, r1, c0, c0, 0
	cmp r0, r1
	PRINT "  vpidr == midr: "
	bl yesno
	mrc p15, 0, r0, c0, c0, 5
	mrc p15, 4, r1, c0, c0, 5
	cmp r0, r1
	PRINT "  vmpidr == mpidr: "
	bl yesno
	mrc p15, 4, r0, c0, c0, 0         @ what the guest must see
	ldr r1, =real_midr
	str r0, [r1]
	mrc p15, 4, r0, c0, c0, 5
	str r0, [r1, #4]
	GUEST g_ids_reset, M_SVC | PSR_AIF
	ldr r0, =0x11223344
	mcr p15, 4, r0, c0, c0, 0         @ VPIDR
	ldr r0, =0x80000a05
	mcr p15, 4, r0, c0, c0, 5         @ VMPIDR
	isb
	TITLE "vpidr and vmpidr written"
	GUEST g_ids, M_SVC | PSR_AIF
	mrc p15, 0, r0, c0, c0, 0
	ldr r1, =0x11223344
	cmp r0, r1
	PRINT "  hyp midr is the real one: "
	movne r0, #0                      @ (ne: not the VPIDR value)
	moveq r0, #1
	cmp r0, #0
	bl yesno

	TITLE "hsctlr.te: hvc enters the vectors in thumb"
	ldr r0, =t_vectors + 1
	bic r0, r0, #1
	mcr p15, 4, r0, c12, c0, 0
	mrc p15, 4, r0, c1, c0, 0
	orr r0, r0, #(1 << 30)
	mcr p15, 4, r0, c1, c0, 0
	isb
	GUEST g_hvc, M_SVC | PSR_AIF
	mrc p15, 4, r0, c1, c0, 0
	bic r0, r0, #(1 << 30)
	mcr p15, 4, r0, c1, c0, 0
	TITLE "hsctlr.ee: big-endian hyp"
	ldr r0, =e_vectors
	mcr p15, 4, r0, c12, c0, 0
	mrc p15, 4, r0, c1, c0, 0
	orr r0, r0, #(1 << 25)
	mcr p15, 4, r0, c1, c0, 0
	isb
	GUEST g_hvc, M_SVC | PSR_AIF
	mrc p15, 4, r0, c1, c0, 0
	bic r0, r0, #(1 << 25)
	mcr p15, 4, r0, c1, c0, 0
	ldr r0, =hv_vectors
	mcr p15, 4, r0, c12, c0, 0
	isb
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ prints "yes" if Z is set, else "no"
yesno:
	push {r4, lr}
	ldreq r0, =s_yes
	ldrne r0, =s_no
	bl sh_write0
	pop {r4, pc}

g_ids_reset:
	ldr r6, =real_midr
	mrc p15, 0, r4, c0, c0, 0
	ldr r0, [r6]
	cmp r4, r0
	PRINT "  guest midr is vpidr (= midr): "
	bl yesno
	mrc p15, 0, r4, c0, c0, 5
	ldr r0, [r6, #4]
	cmp r4, r0
	PRINT "  guest mpidr is vmpidr (= mpidr): "
	bl yesno
	hvc #0xf00d
g_ids:
	mrc p15, 0, r4, c0, c0, 0
	mrc p15, 0, r5, c0, c0, 5
	PRINTKV "  guest midr", r4
	PRINTKV "  guest mpidr", r5
	hvc #0xf00d
g_ids_end:

g_hvc:
	mov r0, #1
	hvc #1
	PRINTKV "  guest back, r0", r0
	mrs r4, cpsr
	PRINTKV "  guest cpsr", r4
	hvc #0xf00d

@ Hyp vectors in Thumb (HSCTLR.TE): the trap entry reports and returns
	.thumb
	.balign 32
t_vectors:
	b.w .
	b.w .
	b.w .
	b.w .
	b.w .
	b.w t_trap
	b.w .
	b.w .
	.thumb_func
t_trap:
	mrc p15, 4, r4, c5, c2, 0
	uxth r4, r4
	cmp r4, #1
	beq 1f
	ldr r4, =hv_common_from_thumb
	bx r4
1:	mrs r4, cpsr
	PRINTKV "  hyp entry in thumb, cpsr (T reads as 0)", r4
	movs r0, #2
	eret
	.ltorg

@ Hyp vectors for the big-endian test
	.arm
	.balign 32
e_vectors:
	b .
	b .
	b .
	b .
	b .
	b e_trap
	b .
	b .
e_trap:
	mrc p15, 4, r4, c5, c2, 0
	and r4, r4, #0xff
	cmp r4, #1
	beq 1f
	setend le
	b hv_common_from_thumb
1:
	mrs r4, cpsr
	movw r0, #:lower16:be_word        @ (no literal pool: it would be read
	movt r0, #:upper16:be_word        @ big-endian too)
	ldr r5, [r0]
	ldrh r6, [r0]
	ldrb r7, [r0]
	setend le                         @ semihosting blocks are little-endian
	PRINTKV "  hyp entry cpsr", r4
	PRINTKV "  word read big-endian", r5
	PRINTKV "  halfword read big-endian", r6
	PRINTKV "  byte read", r7
	mov r0, #3
	eret

@ any other trap while the special vectors are in place: back to the
@ driver through the common handler (ends the guest run)
hv_common_from_thumb:
	b hv_drv_return
	.ltorg

	.section .rodata
s_yes:	.asciz "yes\n"
s_no:	.asciz "no\n"
	.data
	.balign 4
be_word:	.word 0x11223344
real_midr:	.word 0, 0
