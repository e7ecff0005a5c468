@ Virtual interrupts (ARM DDI 0406C "Virtual exceptions in the
@ Virtualization Extensions", B4.1.65
@ HCR.VI/VF/VA): with HCR.IMO/FMO/AMO set, a pending virtual IRQ, FIQ or
@ asynchronous abort is taken by the guest at Non-secure PL1 as soon as
@ its CPSR.I/F/A bit is clear, through its own vectors (VBAR+0x18, 0x1C,
@ 0x10), with LR = the next instruction + 4 (IRQ, FIQ) or + 8 (abort),
@ B1.8.3 Table B1-7, in ARM and Thumb state. The virtual abort reports an
@ asynchronous external abort in DFSR and clears HCR.VA when taken. Without
@ the routing bit, or in Hyp mode, nothing is taken; a masked pending one
@ still ends a WFI. (Which of several pending ones comes first is
@ IMPLEMENTATION DEFINED: tests/unit/test_hyp_exception.c.)
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ FMO, 1 << 3
	.equ IMO, 1 << 4
	.equ AMO, 1 << 5
	.equ VF, 1 << 6
	.equ VI, 1 << 7
	.equ VA, 1 << 8

.macro SHOW_HCR
	mrc p15, 4, r4, c1, c1, 0
	PRINTKV "  hcr", r4
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "vi with imo: taken when cpsr.i clears"
	SET_HCR IMO | VI
	GUEST g_irq, M_SVC | PSR_AIF
	SHOW_HCR
	TITLE "vi with imo: thumb"
	GUEST g_irq_t, M_SVC | PSR_AIF
	TITLE "vi with imo: from usr with i clear, at its first instruction"
	MARK g_usr
	GUEST g_usr, M_USR
	TITLE "vi without imo: not taken"
	SET_HCR VI
	GUEST g_irq, M_SVC | PSR_AIF
	TITLE "vi with imo: not taken in hyp"
	SET_HCR IMO | VI
	cpsie i
	nop
	cpsid i
	PRINT "  hyp not interrupted\n"
	TITLE "vf with fmo"
	SET_HCR FMO | VF
	GUEST g_fiq, M_SVC | PSR_AIF
	TITLE "vf with fmo: thumb, from abt"
	GUEST g_fiq_t, M_ABT | PSR_AIF
	TITLE "va with amo"
	SET_HCR AMO | VA
	GUEST g_abt, M_SVC | PSR_AIF
	SHOW_HCR
	TITLE "va with amo: thumb"
	SET_HCR AMO | VA
	GUEST g_abt_t, M_SVC | PSR_AIF
	SHOW_HCR
	TITLE "masked vi ends a wfi"
	SET_HCR IMO | VI
	GUEST g_wfi, M_SVC | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_irq:
	MARK 1f
	cpsie i
1:	nop
	PRINT "  not taken\n"
	hvc #0xf00d
g_fiq:
	MARK 1f
	cpsie f
1:	nop
	PRINT "  not taken\n"
	hvc #0xf00d
g_abt:
	MARK 1f
	cpsie a
1:	nop
	PRINT "  not taken\n"
	hvc #0xf00d
g_wfi:
	wfi
	PRINT "  wfi completed\n"
	hvc #0xf00d
g_usr:
	nop
	svc #0xf0

	.thumb
	.thumb_func
g_irq_t:
	MARK 1f
	cpsie i
1:	nop
	hvc #0xf00d
	.thumb_func
g_fiq_t:
	MARK 1f
	cpsie f
1:	nop
	hvc #0xf00d
	.thumb_func
g_abt_t:
	MARK 1f
	cpsie a
1:	nop
	hvc #0xf00d
	.ltorg
