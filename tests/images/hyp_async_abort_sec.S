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
#include "sec_common.inc"

.macro SHOW_ISR
	mrc p15, 0, r4, c12, c1, 0
	PRINTKV "  isr", r4
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	SEC_INIT
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

@ ---- Monitor ----
	VECTORS mon_vectors, svc=mon_smc, dabt=mon_dabt
mon_dabt:
	push {r0-r12, lr}
	MON_FAULT 0, 0                    @ DFSR, DFAR
	PRINT "M v=10"
	b mon_abt_report

@ ---- Secure and Non-secure PL1 vectors ----
	VECTORS s_vectors, dabt=s_dabt
	VECTORS ns_vectors
s_dabt:
	push {r0-r12, lr}
	mov r9, lr
	mrs r5, spsr
	mrc p15, 0, r7, c5, c0, 0
	mrc p15, 0, r8, c6, c0, 0
	PRINT "P v=10"
	PK_MODE
	PK_LR r9
	PK "spsr", r5
	PK "fsr", r7
	PK "far", r8
	b exc_resume
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

	SEC_COMMON_CODE
