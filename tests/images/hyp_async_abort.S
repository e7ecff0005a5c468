@ Physical asynchronous aborts in Hyp mode and in a Non-secure guest.
@ On Cortex-A15 and Cortex-A7 an external abort on a data write is
@ asynchronous (A15 TRM, ARM DDI 0438, "External aborts"; A7 TRM, ARM DDI
@ 0464F 5.7.1): the store to a physical address with nothing behind it
@ completes, the abort is pending (ISR.A, B4.1.85) and is taken when the
@ routing and CPSR.A allow it (B1.8.6), as a Data Abort saying
@ "asynchronous external abort":
@   - guest at Non-secure PL1, HCR.AMO = 0: the guest Abort mode takes it
@     only once the guest clears CPSR.A, at VBAR + 0x10 with LR = the
@     first instruction not executed + 8 (B1.8.3 Table B1-7), DFSR =
@     0x406 (short format FS = 0b10110, B4.1.52; WnR UNKNOWN, written 0)
@     or 0x211 with TTBCR.EAE (long format 0b010001); DFAR is UNKNOWN and
@     hypsim leaves it as it was (the guest sets it to 0xdfa0dfa0 first);
@   - HCR.AMO = 1: CPSR.A does not mask it at Non-secure PL1/PL0 (it
@     masks only virtual aborts), so the next instruction is not executed:
@     Hyp Trap vector HVBAR + 0x14, HSR = EC 0x24, IL 0, ISS DFSC 0x11,
@     EA 0 (B3.13.6), ELR_hyp = the next instruction; HDFAR UNKNOWN, left
@     as it was (this image sets it to 0x4dfa4dfa);
@   - in Hyp mode (HCR.AMO = 0): taken in Hyp at HVBAR + 0x10 with EC 0x25
@     once Hyp clears CPSR.A (TakeDataAbortException: an abort taken from
@     Hyp mode stays in Hyp mode);
@   - a masked pending abort ends a WFI (B1.8.13);
@   - a load from the same address is still a synchronous abort (DFSR
@     0x008, DFAR = the address), as on the TRMs.
@ Expected output from the manual and the TRMs, not QEMU: QEMU 7.2 reports
@ every external abort synchronously (tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ AMO, 1 << 5
	.equ NOWHERE, 0x50000000

.macro SHOW_ISR
	mrc p15, 0, r4, c12, c1, 0
	PRINTKV "  isr", r4
.endm
@ DFAR (guest) and HDFAR (Hyp) get known values: an asynchronous abort
@ leaves them as they were
.macro SET_DFAR
	ldr r0, =0xdfa0dfa0
	mcr p15, 0, r0, c6, c0, 0
.endm
.macro SET_HDFAR
	ldr r0, =0x4dfa4dfa
	mcr p15, 4, r0, c6, c0, 0
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	SET_HDFAR

	TITLE "guest store, cpsr.a set: pending until the guest clears a"
	GUEST g_masked, M_SVC | PSR_AIF
	TITLE "guest store, long-descriptor dfsr (ttbcr.eae)"
	GUEST g_lpae, M_SVC | PSR_AIF
	TITLE "guest store with a clear: taken after the store"
	GUEST g_unmasked, M_SVC | PSR_I | PSR_F
	TITLE "guest load: synchronous"
	GUEST g_load, M_SVC | PSR_AIF
	TITLE "masked pending abort ends a wfi"
	GUEST g_wfi, M_SVC | PSR_AIF

	TITLE "hcr.amo: taken in hyp although the guest has cpsr.a set"
	SET_HCR AMO
	GUEST g_amo, M_SVC | PSR_AIF
	TITLE "hcr.amo: from usr, thumb"
	GUEST g_amo_usr, M_USR
	SET_HCR 0

	TITLE "hyp store, cpsr.a set: pending until hyp clears a"
	cpsid a
	ldr r5, =NOWHERE
	str r0, [r5]
	SHOW_ISR
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	cpsid a
	SHOW_ISR
	TITLE "hyp load: synchronous, in hyp"
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r5, #4]
2:	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_masked:
	SET_DFAR
	ldr r5, =NOWHERE
	str r0, [r5]
	PRINT "  store completed\n"
	SHOW_ISR
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	SHOW_ISR
	hvc #0xf00d

g_lpae:
	SET_DFAR
	mrc p15, 0, r6, c2, c0, 2
	orr r0, r6, #0x80000000
	mcr p15, 0, r0, c2, c0, 2         @ TTBCR.EAE = 1 (MMU stays off)
	isb
	ldr r5, =NOWHERE
	strb r0, [r5, #3]
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	mcr p15, 0, r6, c2, c0, 2
	isb
	hvc #0xf00d

g_unmasked:
	SET_DFAR
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
	strh r0, [r5, #2]
1:	nop
2:	SHOW_ISR
	hvc #0xf00d

g_load:
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r5, #8]
2:	SHOW_ISR
	hvc #0xf00d

g_wfi:
	SET_DFAR
	ldr r5, =NOWHERE
	str r0, [r5]
	wfi
	PRINT "  wfi completed\n"
	MARK 1f
	RESUME 2f
	cpsie a
1:	nop
2:	hvc #0xf00d

g_amo:
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
	str r0, [r5, #0x10]
1:	nop
2:	PRINT "  guest resumed\n"
	SHOW_ISR
	hvc #0xf00d

	.thumb
	.thumb_func
g_amo_usr:
	ldr r5, =NOWHERE
	MARK 1f
	RESUME 2f
	str r0, [r5, #0x14]
1:	nop
2:	svc #0xf0
	.ltorg
