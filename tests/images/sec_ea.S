@ SCR.EA (ARM DDI 0406C B4.1.129; TakeDataAbortException and
@ TakePrefetchAbortException, B1.9.?): with SCR.EA set every external abort
@ goes to Monitor mode (MVBAR+0x10 / +0x0C, LR_mon = +8 / +4 in ARM and
@ Thumb, B1.8.3 Table B1-7; A, I and F set), from Secure and Non-secure
@ state alike, and the Secure DFSR/DFAR or IFSR/IFAR hold the fault (the
@ exception is taken to Secure state); SCR.NS is left as it was, since the
@ exception did not come from Monitor mode. With SCR.EA clear the same
@ abort goes to the Abort mode of the current security state. (A store to
@ nothing aborts asynchronously on these cores; SCR.EA and SCR.AW for that
@ case: tests/images/hyp_async_abort_sec.S.)
@ Expected output from the manual, not QEMU: QEMU 7.2 ignores SCR.EA for
@ synchronous external aborts on AArch32 and takes them to Abort mode
@ (listed in tests/diff/exclude.txt).
@ hypsim-run: --entry secure-svc
	.syntax unified
	.include "macros.inc"

	.equ MON_SP, 0x40f80000
	.equ UND_SP, 0x40f60000
	.equ NS_SP, 0x40f00000
	.equ NOWHERE, 0x50000000

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
@ NS label, scr: run the code at label in Non-secure SVC with this SCR
.macro NS lbl, scr
	ldr r1, =\lbl
	ldr r2, =\scr
	bl run_ns
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
	ldr r0, =UND_SP
	msr sp_und, r0
	msr sp_abt, r0
	isb

	PRINT "scr.ea: secure data and prefetch aborts to monitor\n"
	mov r0, #0x8                      @ SCR.EA
	mcr p15, 0, r0, c1, c1, 0
	isb
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	MARK NOWHERE
	RESUME 2f
	blx r4
2:	blx t_ea
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	PRINT "scr.ea clear: secure data abort to secure abort mode\n"
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	PRINT "non-secure svc, scr=ns|ea: data abort to monitor, scr.ns stays 1\n"
	NS ns_dabt, 0x9
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

	.thumb
	.thumb_func
t_ea:
	push {r4, lr}
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4, #12]
2:	pop {r4, pc}
	.ltorg
	.arm

@ r1 = Non-secure entry, r2 = SCR: enter Non-secure SVC; it returns with
@ SMC call 2
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
	.arm
	.balign 32
mon_vectors:
	b .
	b .
	b mon_smc
	b mon_pabt
	b mon_dabt
	b .
	b .
	b .

mon_smc:
	cmp r0, #1
	beq mon_enter_ns
	cmp r0, #2
	beq mon_return_secure
	push {r0-r12, lr}
	cmp r0, #3
	beq mon_banks
	cmp r0, #4
	beq mon_undef
	mrs r4, spsr
	mrc p15, 0, r5, c1, c1, 0
	ldr r0, =mark
	ldr r0, [r0]
	sub r6, lr, r0
	PRINT "M v=08"
	mrs r7, cpsr
	and r7, r7, #0x1f
	PK "m", r7
	PK "lr-m", r6
	PK "spsr", r4
	PK "scr", r5
	bl print_nl
	pop {r0-r12, lr}
	movs pc, lr

mon_enter_ns:                             @ r1 = entry, r2 = SCR
	ldr r0, =ns_vectors
	mcr p15, 0, r2, c1, c1, 0
	isb
	mcr p15, 0, r0, c12, c0, 0        @ VBAR, Non-secure copy if NS
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	mov lr, r1
	movs pc, lr

mon_return_secure:
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0         @ SCR = 0
	isb
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	ldr lr, =ns_return
	movs pc, lr

mon_banks:
	ldr r0, =0x1
	mcr p15, 0, r0, c1, c1, 0         @ SCR.NS = 1
	isb
	ldr r1, =0x12345600
	mcr p15, 0, r1, c12, c0, 0        @ Non-secure VBAR
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r4, c12, c0, 0        @ Secure VBAR
	ldr r0, =s_vectors
	sub r4, r4, r0
	mov r0, #1
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r5, c12, c0, 0
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	PRINTKV "  monitor: ns=0 vbar - s_vectors", r4
	PRINTKV "  monitor: ns=1 vbar", r5
	pop {r0-r12, lr}
	movs pc, lr

mon_undef:
	mov r0, #1
	mcr p15, 0, r0, c1, c1, 0         @ SCR.NS = 1
	isb
	MARK 1f
	RESUME 2f
1:	udf #9
2:	mrc p15, 0, r4, c1, c1, 0
	PRINTKV "  monitor: scr after the exception", r4
	pop {r0-r12, lr}
	movs pc, lr

mon_pabt:
	push {r0-r12, lr}
	mov r4, #0x0c
	mrc p15, 0, r6, c1, c1, 0
	bic r0, r6, #1                    @ SCR.NS = 0: the Secure copies
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r7, c5, c0, 1
	mrc p15, 0, r8, c6, c0, 2
	b mon_abt
mon_dabt:
	push {r0-r12, lr}
	mov r4, #0x10
	mrc p15, 0, r6, c1, c1, 0
	bic r0, r6, #1
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r7, c5, c0, 0
	mrc p15, 0, r8, c6, c0, 0
mon_abt:
	mcr p15, 0, r6, c1, c1, 0         @ SCR back as it was
	isb
	mrs r5, spsr
	mov r9, lr
	PRINT "M v="
	mov r0, r4
	bl print_hex
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
	b s_und
	b .
	b .
	b s_dabt
	b .
	b .
	b .
	.balign 32
ns_vectors:
	b .
	b ns_und
	b .
	b .
	b .
	b .
	b .
	b .

s_und:
	push {r0-r12, lr}
	mov r4, #0x04
	mrc p15, 0, r7, c1, c1, 0
	b pl1_report
s_dabt:
	push {r0-r12, lr}
	mov r4, #0x10
	mrc p15, 0, r7, c5, c0, 0
	b pl1_report
ns_und:
	push {r0-r12, lr}
	mov r4, #0x04
	mov r7, #0
pl1_report:
	mov r9, lr
	mrs r5, spsr
	PRINT "P v="
	mov r0, r4
	bl print_hex
	mrs r10, cpsr
	and r10, r10, #0x1f
	PK "m", r10
	ldr r0, =mark
	ldr r0, [r0]
	sub r10, r9, r0
	PK "lr-m", r10
	PK "spsr", r5
	PK "scr_or_fsr", r7
	bl print_nl
	ldr r1, =resume
	ldr lr, [r1]
	pop {r0-r12}
	add sp, sp, #4
	movs pc, lr
	.ltorg

@ ---- Non-secure SVC code; each ends with SMC call 2 ----
ns_dabt:
	ldr sp, =NS_SP
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4, #8]
2:	mov r0, #2
	smc #0
ns_hvc:
	ldr sp, =NS_SP
	MARK 1f
	RESUME 2f
1:	hvc #0
2:	mov r0, #2
	smc #0
ns_af:
	ldr sp, =NS_SP
	cpsie af
	mrs r4, cpsr
	PRINTKV "  ns cpsr", r4
	cpsid af
	mov r0, #2
	smc #0
ns_regs:
	ldr sp, =NS_SP
	mrc p15, 0, r4, c1, c1, 2
	PRINTKV "  nsacr read", r4
	RESUME 2f
	MARK 1f
1:	mcr p15, 0, r4, c1, c1, 2
2:	RESUME 2f
	MARK 1f
1:	mrc p15, 0, r4, c1, c1, 0
2:	RESUME 2f
	MARK 1f
1:	mrc p15, 0, r4, c12, c0, 1
2:	mov r0, #2
	smc #0
	.ltorg


	.data
	.balign 4
mark:	.word 0
resume:	.word 0
saved_sp:	.word 0
