@ T32 system instructions with Thumb exception handlers (SCTLR.TE = 1):
@ SVC (with SRS/RFE in the handler, and inside an IT block), UDF 16/32,
@ unallocated encodings, BKPT (Prefetch Abort), alignment faults of LDRD/
@ LDREX/LDM (Data Abort), returns with ERET and SUBS PC, LR, #imm; MRS/MSR
@ (CPSR, SPSR, APSR_g, banked registers), CPS, SETEND, MCR/MRC/MCRR/MRRC,
@ UNDEFINED coprocessor forms, hints, barriers, CLREX and BXJ.
@ hypsim-run: --entry hyp
	.syntax unified
	.include "macros.inc"

.macro R name, reg
	mrs ip, apsr
	mov r1, \reg
	mov r2, ip
	.pushsection .rodata
9003:	.asciz "\name"
	.popsection
	ldr r0, =9003b
	bl show
.endm
.macro FL v
	mov ip, #\v
	msr APSR_nzcvqg, ip
.endm
@ EXC "name", label: print the record of the last exception; `label` is
@ where the handler was expected to return (printed as LR - label)
.macro EXC name, label
	.pushsection .rodata
9005:	.asciz "\name"
	.popsection
	ldr r0, =9005b
	ldr r1, =\label
	bl show_rec
.endm

	.text
	.arm
	.global main
@ The image starts in HYP (hypsim --entry hyp; QEMU -M virt,virtualization=on:
@ QEMU implements the banked MRS/MSR forms only when EL2 exists) and main
@ drops to Non-secure SVC, where the tests run.
main:
	push {r4-r11, lr}
	mrs r0, cpsr
	and r0, r0, #0x1f
	cmp r0, #0x1a
	bne 1f
	mov r1, sp
	mrs r2, cpsr
	bic r2, r2, #0x1f
	orr r2, r2, #0x13
	msr SPSR_fsxc, r2        @ SPSR_hyp: the current mode's SPSR
	adr r3, 2f
	msr ELR_hyp, r3
	eret
2:	mov sp, r1
1:	blx tmain
	pop {r4-r11, pc}

	.thumb
	.thumb_func
show:
	push {r4, r5, lr}
	mov r4, r1
	mov r5, r2
	bl sh_write0
	movs r0, #'='
	bl sh_writec
	mov r0, r4
	bl print_hex
	movs r0, #' '
	bl sh_writec
	lsrs r0, r5, #16
	bl print_hex
	bl print_nl
	pop {r4, r5, pc}

@ r0 = name, r1 = expected return label: prints count, kind, LR offset
@ from the label, SPSR (IT, E, A, I, F, T, M), the syndrome word, then
@ clears the record.
	.thumb_func
show_rec:
	push {r4-r7, lr}
	mov r6, r1
	bl sh_write0
	ldr r7, =rec
	ldr r0, [r7, #0]
	bl print_hex            @ count
	movs r0, #' '
	bl sh_writec
	ldr r0, [r7, #4]
	bl print_hex            @ kind
	movs r0, #' '
	bl sh_writec
	ldr r0, [r7, #8]
	bic r6, r6, #1
	subs r0, r0, r6
	bl print_hex            @ return address - label
	movs r0, #' '
	bl sh_writec
	ldr r0, [r7, #12]
	ldr r1, =0x0600ffff
	ands r0, r1
	bl print_hex            @ SPSR
	movs r0, #' '
	bl sh_writec
	ldr r0, [r7, #16]
	bl print_hex            @ FSR or SVC number
	bl print_nl
	movs r0, #0
	str r0, [r7, #0]
	str r0, [r7, #4]
	str r0, [r7, #8]
	str r0, [r7, #12]
	str r0, [r7, #16]
	pop {r4-r7, pc}
	.ltorg

@ ---------------------------------------------------------------- vectors
@ With SCTLR.TE set the vectors are Thumb code.
	.align 5
vectors:
	b.w .                   @ reset
	b.w und_handler
	b.w svc_handler
	b.w pabt_handler
	b.w dabt_handler
	b.w .
	b.w .                   @ IRQ
	b.w .                   @ FIQ

@ common recorder: r0 = kind, r1 = return address, r2 = syndrome
	.thumb_func
record:
	push {r3, r4}
	ldr r3, =rec
	ldr r4, [r3]
	adds r4, #1
	str r4, [r3]
	str r0, [r3, #4]
	str r1, [r3, #8]
	mrs r4, spsr
	str r4, [r3, #12]
	str r2, [r3, #16]
	pop {r3, r4}
	bx lr

	.thumb_func
und_handler:
	push {r0-r2, lr}
	@ UNDEFINED from Thumb: LR = the instruction + 2 whatever its size
	@ (B1.8.3), so a 32-bit one is skipped by adding 2 more
	ldrh r1, [lr, #-2]
	cmp.w r1, #0xe800
	it hs
	addhs lr, lr, #2
	str lr, [sp, #12]
	movs r0, #1
	mov r1, lr
	movs r2, #0
	bl record
	pop {r0-r2, lr}
	subs pc, lr, #0         @ = ERET's encoding; CPSR from SPSR_und

	.thumb_func
svc_handler:
	srsdb sp!, #0x13        @ LR_svc and SPSR_svc onto the SVC stack
	push {r0-r2, lr}
	movs r0, #2
	mov r1, lr
	ldrb r2, [lr, #-2]      @ the SVC's imm8
	bl record
	pop {r0-r2, lr}
	rfeia sp!

	.thumb_func
pabt_handler:
	push {r0-r2, lr}
	movs r0, #3
	sub r1, lr, #2          @ BKPT (16-bit): resume after it
	mrc p15, 0, r2, c5, c0, 1       @ IFSR
	bl record
	pop {r0-r2, lr}
	subs pc, lr, #2

	.thumb_func
dabt_handler:
	push {r0-r2, lr}
	movs r0, #4
	sub r1, lr, #4          @ the faulting 32-bit instruction + 4
	mrc p15, 0, r2, c5, c0, 0       @ DFSR
	mrc p15, 0, r3, c6, c0, 0       @ DFAR
	ldr r0, =rec
	str r3, [r0, #20]
	movs r0, #4
	bl record
	pop {r0-r2, lr}
	subs pc, lr, #4

	.thumb_func
tmain:
	push {r4-r11, lr}
	@ stacks for UND and ABT, set through MSR (banked register)
	ldr r5, =und_stack_top
	msr SP_und, r5
	ldr r5, =abt_stack_top
	msr SP_abt, r5
	mrs r6, SP_und
	subs r6, r6, r5
	R "sp_und-sp_abt", r6
	@ VBAR and SCTLR.TE
	ldr r5, =vectors
	mcr p15, 0, r5, c12, c0, 0
	isb
	mrc p15, 0, r6, c12, c0, 0
	subs r6, r6, r5
	R "vbar", r6
	mrc p15, 0, r5, c1, c0, 0
	orr r5, r5, #(1 << 30)
	mcr p15, 0, r5, c1, c0, 0
	isb
	bl exceptions
	bl psr
	bl copro
	bl misc
	movs r0, #0
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ exceptions
	.thumb_func
exceptions:
	push {r4-r11, lr}
	PRINT "-- exceptions\n"
	svc #5
1:	EXC "svc ", 1b
	svc #0xff
2:	EXC "svc2 ", 2b
	udf #0x12
3:	EXC "udf ", 3b
	udf.w #0x1234
4:	EXC "udf.w ", 4b
	@ SVC in an IT block: the handler's SPSR has ITSTATE advanced past it
	mov.w r4, #0
	FL 0x40000000
	ittet eq
	orreq r4, r4, #1
	svceq #7
5:	orrne r4, r4, #4
	orreq r4, r4, #8
	R "svc in IT", r4
	EXC "  svc in IT ", 5b
	@ UNDEFINED in an IT block: SPSR keeps the faulting instruction's
	@ ITSTATE (written as .short: GAS does not allow UDF there)
	mov.w r4, #0
	FL 0x40000000
	.short 0xbf04           @ itt eq
	.short 0xde01           @ udfeq #1
6:	orr r4, r4, #1          @ second slot of the block
	R "udf in IT", r4
	EXC "  udf in IT ", 6b
	@ unallocated encodings
	.short 0xf0a0, 0x0000   @ modified immediate, op 0101
7:	EXC "dp op0101 ", 7b
	.short 0xba80           @ REV-space op 10 (HLT in ARMv8)
8:	EXC "rev op10 ", 8b
	.short 0xb700           @ miscellaneous 0111xxx
9:	EXC "misc 0111 ", 9b
	.short 0xf8f0, 0x0000   @ load/store single with size 11
10:	EXC "ldst size3 ", 10b
	.short 0xfb80, 0xf0f0   @ long multiply op1 000 op2 1111
11:	EXC "mull op ", 11b
	.short 0xe8c0, 0x0f8f   @ STREX* op3 1000
12:	EXC "strex op3 ", 12b
	.short 0xf3bf, 0x8f3f   @ misc control op 0011
13:	EXC "misc ctl ", 13b
	@ BKPT: Prefetch Abort, IFSR = debug event
	bkpt #0x17
14:	EXC "bkpt ", 14b
	@ Data Aborts: alignment of LDRD, LDREX, LDM, STRD
	ldr r5, =buf + 2
	ldrd r6, r7, [r5]
15:	EXC "ldrd align ", 15b
	ldrex r6, [r5]
16:	EXC "ldrex align ", 16b
	ldmia.w r5, {r6, r7}
17:	EXC "ldm align ", 17b
	strd r6, r7, [r5, #4]
18:	EXC "strd align ", 18b
	ldr r6, =buf
	ldr r5, =rec + 20
	ldr r5, [r5]
	subs r5, r5, r6
	R "dfar-buf", r5
	@ the aborted LDM with writeback left its base alone
	ldr r5, =buf + 2
	mov r6, r5
	ldmia.w r5!, {r7, r8}
19:	subs r5, r5, r6
	R "ldm wb after abort", r5
	EXC "  ", 19b
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ PSRs
	.thumb_func
psr:
	push {r4-r11, lr}
	PRINT "-- psr\n"
	mrs r4, cpsr
	ldr r5, =0x1ff
	ands r4, r5
	R "cpsr", r4
	cps #0x1f               @ to System (no stack there: no call)
	mrs r4, cpsr
	cps #0x13
	ands r4, r5
	R "cps sys", r4
	cps #0x13
	mrs r4, cpsr
	ands r4, r5
	R "cps svc", r4
	cpsie a
	mrs r4, cpsr
	ands r4, r5
	R "cpsie a", r4
	cpsid a
	cpsid if
	mrs r4, cpsr
	ands r4, r5
	R "cpsid aif", r4
	cpsie.w a, #0x1f        @ CPS T2: A and mode together
	mrs r4, cpsr
	cpsid.w a, #0x13
	mrs r6, cpsr
	ands r4, r5
	R "cpsie.w a sys", r4
	ands r6, r5
	R "cpsid.w a svc", r6
	mrs r6, cpsr            @ MSR CPSR_c to change mode
	bic r7, r6, #0x1f
	orr r7, r7, #0x1b
	msr CPSR_c, r7
	mrs r4, cpsr
	ands r4, r5
	msr CPSR_c, r6
	R "msr cpsr_c und", r4
	ldr r6, =0xa80f0000     @ N, C, Q and GE
	msr APSR_nzcvqg, r6
	mrs r4, apsr
	ldr r7, =0xf80f0000
	ands r4, r7
	R "msr apsr_nzcvqg", r4
	mov.w r6, #0x00050000
	msr APSR_g, r6          @ GE only
	mrs r4, apsr
	ands r4, r7
	R "msr apsr_g", r4
	ldr r6, =0x800f01d3
	msr SPSR_fsxc, r6
	mrs r4, spsr
	R "spsr", r4
	ldr r6, =0x40000000
	msr SPSR_f, r6
	mrs r4, spsr
	R "spsr_f", r4
	@ banked registers of other modes
	ldr r6, =0x12340000
	msr LR_und, r6
	mrs r4, LR_und
	R "lr_und", r4
	ldr r6, =0xf00001d0
	msr SPSR_und, r6
	mrs r4, SPSR_und
	R "spsr_und", r4
	mov.w r8, #0x800
	ldr r6, =0x88888888
	msr R8_fiq, r6
	mrs r4, R8_fiq
	R "r8_fiq", r4
	R "r8 (svc)", r8
	ldr r6, =0x55aa55aa
	msr LR_usr, r6
	cps #0x1f
	mov r4, lr
	cps #0x13
	R "lr_usr via sys", r4
	@ SETEND
	ldr r5, =word
	setend be
	ldr r4, [r5]
	ldrh r6, [r5, #2]
	mrs r7, cpsr
	setend le
	R "be ldr", r4
	R "be ldrh", r6
	and r7, r7, #0x200
	R "cpsr.e", r7
	ldr r4, [r5]
	R "le ldr", r4
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ coprocessor
	.thumb_func
copro:
	push {r4-r11, lr}
	PRINT "-- coprocessor\n"
	ldr r5, =0xfeedf00d
	mcr p15, 0, r5, c13, c0, 2      @ TPIDRURW
	mrc p15, 0, r4, c13, c0, 2
	R "tpidrurw", r4
	ldr r5, =0x0badf00d
	mcr p15, 0, r5, c13, c0, 4      @ TPIDRPRW
	mrc p15, 0, r4, c13, c0, 4
	R "tpidrprw", r4
	ldr r5, =0x12345000
	ldr r6, =0x000000ab
	mcrr p15, 0, r5, r6, c2         @ TTBR0, 64-bit
	mrrc p15, 0, r3, r4, c2
	R "ttbr0 lo", r3
	R "ttbr0 hi", r4
	movs r5, #0
	mcrr p15, 0, r5, r5, c2
	mrc p15, 0, r4, c2, c0, 0
	R "ttbr0 32", r4
	mrc p7, 0, r4, c0, c0, 0        @ no coprocessor 7
1:	EXC "mrc p7 ", 1b
	mcr p7, 0, r4, c0, c0, 0
2:	EXC "mcr p7 ", 2b
	cdp p7, 0, c0, c0, c0, 0
3:	EXC "cdp p7 ", 3b
	ldc p7, c0, [r5]
4:	EXC "ldc p7 ", 4b
	mcr2 p15, 0, r4, c13, c0, 2     @ no "2" forms on CP15
5:	EXC "mcr2 p15 ", 5b
	mrrc p7, 0, r3, r4, c0
6:	EXC "mrrc p7 ", 6b
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ misc
	.thumb_func
misc:
	push {r4-r11, lr}
	PRINT "-- hints and barriers\n"
	mov.w r4, #0
	nop
	nop.w
	yield
	yield.w
	sev
	wfe                     @ the event register is set: no wait
	sev.w
	wfe.w
	dbg #5
	dsb sy
	dsb ish
	dsb st
	dmb sy
	dmb ishst
	isb sy
	clrex
	.short 0xbf50           @ unallocated 16-bit hint: NOP
	.short 0xf3af, 0x8021   @ unallocated 32-bit hint: NOP
	R "hints", r4
	EXC "no exception ", 0
	ldr r5, =1f + 1
	bxj r5                  @ BX with the trivial Jazelle
	orr r4, r4, #1
1:	R "bxj", r4
	pop {r4-r11, pc}
	.ltorg

	.data
	.align 2
word:	.word 0x11223344
	.bss
	.align 3
rec:	.space 32
buf:	.space 64
	.space 256
und_stack_top:
	.space 256
abt_stack_top:
