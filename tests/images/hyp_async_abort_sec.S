@ Physical asynchronous aborts and the Security Extensions: SCR.EA and
@ SCR.AW (ARM DDI 0406C B4.1.129 SCR, B1.8.6 "Asynchronous exception
@ masking", B1.9 TakeDataAbortException). A store to a physical address
@ with nothing behind it aborts asynchronously on Cortex-A15 and A7 (A15
@ TRM, ARM DDI 0438, "External aborts"; A7 TRM, ARM DDI 0464F 5.7.1): the
@ abort is pending (ISR.A, B4.1.85) until it can be taken.
@   - Secure state, SCR.EA = 1: to Monitor mode (MVBAR + 0x10), masked by
@     CPSR.A; LR_mon = the first instruction not executed + 8 (B1.8.3
@     Table B1-7); the Secure DFSR says asynchronous external abort
@     (0x406: short format FS = 0b10110, WnR UNKNOWN and written 0); DFAR
@     is UNKNOWN and hypsim leaves it as it was (set to 0x5dfa5dfa here).
@   - Secure state, SCR.EA = 0: to Secure Abort mode, masked by CPSR.A.
@   - Non-secure state, SCR.EA = 1, SCR.AW = 0: CPSR.A cannot mask it: it
@     is taken to Monitor right after the store, with SCR.NS left at 1.
@   - Non-secure state, SCR.EA = 1, SCR.AW = 1: CPSR.A masks it until the
@     Non-secure side clears A.
@   - a load from the same address is a synchronous abort (DFSR 0x008,
@     DFAR = the address), to Monitor with SCR.EA = 1.
@ Expected output from the manual and the TRMs, not QEMU: QEMU 7.2 reports
@ every external abort synchronously and ignores SCR.EA for them
@ (tests/diff/exclude.txt).
@ hypsim-run: --entry secure-svc
	.syntax unified
	.include "macros.inc"

	.equ MON_SP, 0x40f80000
	.equ ABT_SP, 0x40f60000
	.equ NS_SP, 0x40f00000
	.equ NOWHERE, 0x50000000
	.equ SCR_NS, 1 << 0
	.equ SCR_EA, 1 << 3
	.equ SCR_AW, 1 << 5

.macro MARK lbl
	push {r0, r1}
	ldr r0, =\lbl
	bic r0, r0, #1
	ldr r1, =mark
	str r0, [r1]
	pop {r0, r1}
.endm
.macro RESUME lbl
	push {r0, r1}
	ldr r0, =\lbl
	ldr r1, =resume
	str r0, [r1]
	pop {r0, r1}
.endm
.macro SET_SCR val
	ldr r0, =\val
	mcr p15, 0, r0, c1, c1, 0
	isb
.endm
@ NS label, scr: run the code at label in Non-secure SVC (A, I, F set)
@ with this SCR; it comes back with SMC call 2
.macro NS lbl, scr
	ldr r1, =\lbl
	ldr r2, =\scr
	bl run_ns
.endm
.macro SHOW_ISR
	mrc p15, 0, r4, c12, c1, 0
	PRINTKV "  isr", r4
.endm
@ PK "name", reg: " name=HEX"
.macro PK name, reg
	.pushsection .rodata
9010:	.asciz " \name="
	.popsection
	ldr r0, =9010b
	bl sh_write0
	mov r0, \reg
	bl print_hex
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =mon_vectors
	mcr p15, 0, r0, c12, c0, 1        @ MVBAR
	ldr r0, =s_vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR (Secure)
	ldr r0, =MON_SP
	msr sp_mon, r0
	ldr r0, =ABT_SP
	msr sp_abt, r0
	ldr r0, =0x5dfa5dfa
	mcr p15, 0, r0, c6, c0, 0         @ Secure DFAR: left unchanged
	isb
	ldr r5, =NOWHERE

	PRINT "secure, scr.ea: pending while cpsr.a is set, then to monitor\n"
	SET_SCR SCR_EA
	cpsid a
	str r0, [r5]
	SHOW_ISR
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	cpsid a
	SHOW_ISR

	PRINT "secure, scr.ea clear: to secure abort mode\n"
	SET_SCR 0
	str r0, [r5, #4]
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	cpsid a

	PRINT "secure load, scr.ea: synchronous, to monitor\n"
	SET_SCR SCR_EA
	MARK 1f
	RESUME 2f
1:	ldr r0, [r5, #8]
2:	SET_SCR 0

	PRINT "non-secure, scr=ns|ea, aw=0: cpsr.a cannot mask it\n"
	NS ns_store, SCR_NS | SCR_EA
	PRINT "non-secure, scr=ns|ea|aw: masked by cpsr.a until cleared\n"
	NS ns_store_aw, SCR_NS | SCR_EA | SCR_AW
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ r1 = Non-secure entry, r2 = SCR
run_ns:
	push {r4-r11, lr}
	ldr r0, =saved_sp
	str sp, [r0]
	mov r0, #1
	smc #0
ns_return:
	ldr r0, =saved_sp
	ldr sp, [r0]
	pop {r4-r11, pc}

@ ---- Monitor ----
	.balign 32
mon_vectors:
	b .
	b .
	b mon_smc
	b .
	b mon_dabt
	b .
	b .
	b .

mon_smc:
	cmp r0, #1
	beq mon_enter_ns
	mov r0, #0                        @ call 2: back to Secure SVC
	mcr p15, 0, r0, c1, c1, 0
	isb
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	ldr lr, =ns_return
	movs pc, lr
mon_enter_ns:                             @ r1 = entry, r2 = SCR
	mcr p15, 0, r2, c1, c1, 0
	isb
	ldr r0, =ns_vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR, Non-secure copy
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	mov lr, r1
	movs pc, lr

mon_dabt:
	push {r0-r12, lr}
	mrc p15, 0, r6, c1, c1, 0
	bic r0, r6, #1                    @ SCR.NS = 0: the Secure copies
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r7, c5, c0, 0
	mrc p15, 0, r8, c6, c0, 0
	mcr p15, 0, r6, c1, c1, 0         @ SCR back as it was
	isb
	mrs r5, spsr
	mov r9, lr
	PRINT "M v=10"
	ldr r0, =mark
	ldr r0, [r0]
	sub r10, r9, r0
	PK "lr-m", r10
	PK "spsr", r5
	PK "fsr", r7
	PK "far", r8
	PK "scr", r6
	bl print_nl
	ldr r1, =resume
	ldr lr, [r1]
	pop {r0-r12}
	add sp, sp, #4
	movs pc, lr

@ ---- Secure and Non-secure PL1 vectors ----
	.balign 32
s_vectors:
	b .
	b .
	b .
	b .
	b s_dabt
	b .
	b .
	b .
	.balign 32
ns_vectors:
	b .
	b .
	b .
	b .
	b .
	b .
	b .
	b .

s_dabt:
	push {r0-r12, lr}
	mov r9, lr
	mrs r5, spsr
	mrc p15, 0, r7, c5, c0, 0
	mrc p15, 0, r8, c6, c0, 0
	PRINT "P v=10"
	mrs r10, cpsr
	and r10, r10, #0x1f
	PK "m", r10
	ldr r0, =mark
	ldr r0, [r0]
	sub r10, r9, r0
	PK "lr-m", r10
	PK "spsr", r5
	PK "fsr", r7
	PK "far", r8
	bl print_nl
	ldr r1, =resume
	ldr lr, [r1]
	pop {r0-r12}
	add sp, sp, #4
	movs pc, lr
	.ltorg

@ ---- Non-secure SVC code; each ends with SMC call 2 ----
ns_store:
	ldr sp, =NS_SP
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
	str r0, [r5, #0x10]
1:	nop
2:	mov r0, #2
	smc #0

ns_store_aw:
	ldr sp, =NS_SP
	ldr r5, =NOWHERE
	str r0, [r5, #0x14]
	SHOW_ISR
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	SHOW_ISR
	mov r0, #2
	smc #0
	.ltorg

	.data
	.balign 4
mark:	.word 0
resume:	.word 0
saved_sp:	.word 0
