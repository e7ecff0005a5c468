@ A32 status registers, modes and exceptions raised by instructions:
@ MRS/MSR (CPSR and SPSR, immediate and register, field masks), MRS/MSR
@ of banked registers, CPS (interrupt masks and mode), User mode (CPS is a
@ NOP, MSR cannot change the mode or the masks, only the flags), SETEND,
@ SRS/RFE, exception returns (SUBS PC, LR / MOVS PC, LR / ERET in SVC),
@ SVC, BKPT (prefetch abort, debug event), UDF, HVC (a Hyp trap with the
@ immediate in HSR) and the hints.
@ The banked-register forms need the Virtualization Extensions, which QEMU
@ only enables with -M virt,virtualization=on, where the image starts in
@ Hyp mode; hypsim starts it in Hyp mode too. main installs a Hyp vector
@ table and a Hyp stack, then drops to Non-secure SVC mode, where the test
@ runs on both simulators.
@ hypsim-run: --entry hyp
@ Expected output: QEMU 7.2 -M virt,virtualization=on, cortex-a15 == a7.
#include "a32_common.inc"

@ r6 = CPSR without the flags
.macro PSR
	mrs r6, cpsr
	bic r6, r6, #0xf8000000
.endm

	.text
	.global main
main:
	@ from Hyp mode (QEMU with virtualization=on) to SVC, same SP and LR
	mrs r0, cpsr
	and r0, r0, #0x1f
	cmp r0, #0x1a
	bne 1f
	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0   @ HVBAR
	mov r1, sp
	ldr sp, =hyp_stack_top
	mov r2, lr                   @ LR_usr (Hyp) is not LR_svc
	ldr r0, =0x1d3
	msr spsr_fsxc, r0
	adr r0, 2f
	msr elr_hyp, r0
	eret
2:	mov sp, r1
	mov lr, r2
1:	push {r4-r11, lr}
	bl install_vectors

	@ ---- MRS / MSR CPSR ----
	msr cpsr_f, #0xf0000000
	mrs r6, cpsr
	CHECK "msr f imm / mrs", nop
	msr cpsr_f, #0x08000000
	mrs r6, cpsr
	CHECK "msr q", nop
	ldr r0, =0x000a0000
	msr cpsr_s, r0
	mrs r6, cpsr
	CHECK "msr s reg (GE)", nop
	ldr r0, =0xffffffff
	msr apsr_nzcvqg, r0
	mrs r6, cpsr
	CHECK "msr apsr_nzcvqg all ones", nop
	msr cpsr_fs, #0
	msr cpsr_x, #0x200           @ E
	mrs r6, cpsr
	msr cpsr_x, #0
	CHECK "msr x (E)", nop
	mov r1, sp
	msr cpsr_c, #0xdf            @ System mode
	mov r8, sp                   @ SP_usr
	PSR
	msr cpsr_c, #0xd3
	CHECK "msr c to sys", nop
	sub r6, sp, r1
	CHECK "back in svc, same sp", nop
	POOL

	@ ---- SPSR ----
	ldr r0, =0x80000010
	msr spsr_fsxc, r0
	mrs r6, spsr
	CHECK "msr/mrs spsr", nop
	msr spsr_f, #0x40000000
	mrs r6, spsr
	CHECK "msr spsr_f imm", nop
	ldr r0, =0x12345678
	msr spsr_c, r0
	mrs r6, spsr
	CHECK "msr spsr_c", nop

	@ ---- CPS ----
	cpsie i
	PSR
	CHECK "cpsie i", nop
	cpsid i
	PSR
	CHECK "cpsid i", nop
	cps #0x1f
	PSR
	cps #0x13
	CHECK "cps #sys", nop
	cpsie i, #0x1f
	PSR
	cpsid i, #0x13
	CHECK "cpsie i, #sys", nop
	PSR
	CHECK "cpsid i, #svc", nop
	POOL

	@ ---- banked registers ----
	cps #0x1f
	ldr sp, =0x5a000001
	ldr lr, =0x5a000002
	cps #0x12
	ldr sp, =0x5a000003
	ldr lr, =0x5a000004
	ldr r0, =0x800001d2
	msr spsr_fsxc, r0
	cps #0x11
	ldr r8, =0x5a000008
	ldr r12, =0x5a00000c
	cps #0x13
	mrs r6, sp_usr
	mrs r8, lr_usr
	CHECK "mrs sp_usr lr_usr", nop
	mrs r6, sp_irq
	mrs r8, lr_irq
	CHECK "mrs sp_irq lr_irq", nop
	mrs r6, spsr_irq
	CHECK "mrs spsr_irq", nop
	mrs r6, r8_fiq
	mrs r8, r12_fiq
	CHECK "mrs r8_fiq r12_fiq", nop
	ldr r0, =0x6b000001
	msr sp_und, r0
	ldr r0, =0x6b000002
	msr lr_abt, r0
	ldr r0, =0x300001d7
	msr spsr_abt, r0
	ldr r0, =0x6b000003
	msr r10_fiq, r0
	cps #0x1b
	mov r6, sp
	cps #0x13
	CHECK "msr sp_und", nop
	cps #0x17
	mov r6, lr
	mrs r8, spsr
	cps #0x13
	CHECK "msr lr_abt spsr_abt", nop
	cps #0x11
	mov r6, r10
	cps #0x13
	CHECK "msr r10_fiq", nop
	POOL

	@ ---- User mode: CPS is a NOP, MSR only writes the flags ----
	cps #0x10
	mrs r9, cpsr
	cpsie i
	cps #0x1f
	mrs r10, cpsr
	msr cpsr_fsxc, #0x80000013   @ only N (and nothing else) takes
	mrs r11, cpsr
svc_ff:	svc #0xff                    @ back to SVC (handler)
	bic r6, r9, #0xf8000000
	CHECK "user mode cpsr", nop
	bic r6, r10, #0xf8000000
	CHECK "user cps nop", nop
	mov r6, r11
	CHECK "user msr", nop
	EXC "svc #0xff", svc_ff
	PSR
	CHECK "back in svc", nop
	POOL

	@ ---- SETEND ----
	setend be
	PSR
	setend le
	CHECK "setend be", nop
	PSR
	CHECK "setend le", nop

	@ ---- SRS / RFE ----
	ldr r0, =0x900001d3
	msr spsr_fsxc, r0
	adr lr, 1f
	mov r4, sp
	srsdb sp!, #0x13
	sub r8, r4, sp
	ldr r6, [sp, #4]
	CHECK "srsdb sp!, #svc", nop
	msr cpsr_f, #0
	rfeia sp!
	mov r6, #0xbad
1:	mrs r6, cpsr
	sub r8, r4, sp
	CHECK "rfeia sp!", nop
	msr cpsr_f, #0
	ldr r0, =buf + 16
	msr sp_irq, r0
	ldr r0, =0x400001d3
	msr spsr_fsxc, r0
	adr lr, 2f
	srsia sp, #0x12              @ to the IRQ stack, no writeback
	mrs r8, sp_irq
	ldr r0, =buf
	sub r8, r8, r0
	ldr r6, [r0, #20]
	CHECK "srsia sp, #irq", nop
	ldr r4, =buf + 24
	rfedb r4!                    @ loads buf+16, buf+20
	mov r6, #0xbad
2:	mrs r6, cpsr
	ldr r0, =buf
	sub r8, r4, r0
	CHECK "rfedb r4!", nop
	msr cpsr_f, #0
	POOL

	@ ---- exception returns with the SPSR ----
	ldr r0, =0x600001d3
	msr spsr_fsxc, r0
	adr lr, 1f + 4
	subs pc, lr, #4
1:	mrs r6, cpsr
	CHECK "subs pc, lr, #4", nop
	ldr r0, =0x100001d3
	msr spsr_fsxc, r0
	adr lr, 1f
	movs pc, lr
1:	mrs r6, cpsr
	CHECK "movs pc, lr", nop
	ldr r0, =0xa00001d3
	msr spsr_fsxc, r0
	adr lr, 1f
	eret                         @ SUBS PC, LR, #0 outside Hyp mode
1:	mrs r6, cpsr
	CHECK "eret in svc", nop
	ldr r0, =0x000001f3          @ to Thumb
	msr spsr_fsxc, r0
	ldr lr, =thumb_ret42
	adr r5, 1f
	movs pc, lr
1:	mrs r8, cpsr
	CHECK "movs pc, lr to thumb", nop
	POOL

	@ ---- exceptions from instructions ----
	mov r8, #0
1:	svc #0x42
	EXC "svc", 1b
1:	bkpt #0x12
	EXC "bkpt", 1b
1:	udf #0x1234
	EXC "udf", 1b

1:	hvc #0x1234
	ldr r0, =exc_rec
	ldr r6, [r0, #8]             @ HSR: EC 0x12, IL, imm16
	ldr r8, [r0, #20]            @ ELR_hyp relative to the HVC
	ldr r1, =1b
	sub r8, r8, r1
	CHECK "hvc hsr elr", nop
	EXC "hvc", 1b

	@ ---- hints: no effect (SEV sets the event WFE then consumes) ----
	mov r6, #0
	nop
	yield
	sev
	wfe
	dbg #5
	.inst 0xe320f005             @ SEVL (ARMv8): unallocated hint, NOP
	.inst 0xe320f0ff             @ hint 0xff
	.inst 0xe320ff00             @ NOP with (0)(0)(0)(0) bits set
	add r6, r6, #1
	CHECK "hints", nop

	@ ---- barriers, CLREX and preloads: no effect, no fault ----
	mov r6, #0
	ldr r4, =0xfffff000          @ nothing there
	mov r5, #0x40
	dmb
	dmb ish
	dsb
	dsb nsh
	isb
	clrex
	pld [r4]
	pld [r4, #-0x80]
	pldw [r4, #0x10]
	pli [r4]
	pld [r4, r5, lsl #2]
	pli [r4, -r5]
	pldw [r4, r5]
	pld [pc, #-4]
	@ (the unallocated memory hints, A5.7.1 "treat as NOP", are UNDEFINED
	@ in QEMU 7.2: checked in tests/unit/test_a32_decode.c instead)
	add r6, r6, #2
	CHECK "barriers preloads", nop
	EXC "no exception from them", 0

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

@ Hyp vectors: the Hyp trap entry (HVC from SVC) records kind 5, HSR and
@ ELR_hyp in exc_rec (lr field = ELR_hyp, spsr field = HSR) and returns.
	.balign 32
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
	push {r0, r1}
	ldr r0, =exc_rec
	mov r1, #5
	str r1, [r0]
	mrs r1, elr_hyp
	str r1, [r0, #4]
	str r1, [r0, #20]
	mrc p15, 4, r1, c5, c2, 0    @ HSR
	str r1, [r0, #8]
	pop {r0, r1}
	eret
	.ltorg

	.thumb
	.thumb_func
thumb_ret42:
	movs r6, #42
	bx r5
	.arm

	.data
	.balign 8
buf:
	.space 32
	.balign 8
hyp_stack:
	.space 256
hyp_stack_top:
