@ HCR.TWE (ARM DDI 0406C B4.1.65, B1.14.9 "Trapping use of the WFI and
@ WFE instructions"): WFE at Non-secure PL1 and PL0 is taken to Hyp mode
@ through HVBAR+0x14 with HSR EC 0x01, TI (bit 0) = 1, CV = 1 and
@ COND = 0xE, IL from the instruction size, ELR_hyp = the trapped
@ instruction.
@ Expected output from the manual, not QEMU: QEMU 7.2 does not implement
@ HCR.TWE (its WFE is a yield that never traps), so it prints no Hyp
@ trap for WFE (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TWI, 1 << 13
	.equ HCR_TWE, 1 << 14

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup

	SET_HCR HCR_TWE
	TITLE "twe: wfe from svc, arm and thumb"
	GUEST g_wfe, M_SVC | PSR_AIF
	GUEST g_wfe_t, M_SVC | PSR_AIF
	TITLE "twe: wfe from usr, arm and thumb"
	GUEST g_wfe_usr, M_USR
	GUEST g_wfe_usr_t, M_USR
	TITLE "twe: wfe from sys, und, abt, irq, fiq"
	GUEST g_wfe, M_SYS | PSR_AIF
	GUEST g_wfe, M_UND | PSR_AIF
	GUEST g_wfe, M_ABT | PSR_AIF
	GUEST g_wfe, M_IRQ | PSR_AIF
	GUEST g_wfe, M_FIQ | PSR_AIF
	SET_HCR HCR_TWI | HCR_TWE
	TITLE "twi+twe: wfi then wfe from svc with flags set"
	GUEST g_both, M_SVC | PSR_AIF | 0x90000000
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ ---- guests ----
g_wfi:
	MARK 1f
1:	wfi
	hvc #0xf00d
g_wfe:
	MARK 1f
1:	wfe
	hvc #0xf00d
g_wfe_sev:
	sev
	MARK 1f
1:	wfe
	PRINT "wfe completed\n"
	hvc #0xf00d
g_both:
	MARK 1f
1:	wfi
	MARK 1f
1:	wfe
	hvc #0xf00d
g_wfi_usr:
	MARK 1f
1:	wfi
	svc #0xf0
g_wfe_usr:
	MARK 1f
1:	wfe
	svc #0xf0

	.thumb
	.thumb_func
g_wfi_t:
	MARK 1f
1:	wfi
	MARK 1f
1:	wfi.w
	hvc #0xf00d
	.thumb_func
g_wfe_t:
	MARK 1f
1:	wfe
	MARK 1f
1:	wfe.w
	hvc #0xf00d
	.thumb_func
g_wfi_usr_t:
	MARK 1f
1:	wfi
	MARK 1f
1:	wfi.w
	svc #0xf0
	.thumb_func
g_wfe_usr_t:
	MARK 1f
1:	wfe
	MARK 1f
1:	wfe.w
	svc #0xf0
	.ltorg
