@ A core that waits for an interrupt the GIC will not deliver, for the
@ hang report's interrupt diagnosis (tests/gdb/test_monitor_gic.sh). Run
@ on the virt board in Hyp mode: the physical timer (PPI 30) is enabled
@ at the distributor and fires, but GICC_PMR = 0 masks every priority
@ (IHI 0048B 3.3.2), so the core sleeps in WFI for ever.
@ hypsim-run: --board virt --entry hyp
	.syntax unified
	.arm
	.include "macros.inc"

	.equ GICD, 0x08000000
	.equ GICC, 0x08010000

	.text
	.global main, gic_wait
main:
	push {r4, lr}
	ldr r0, =GICD
	mov r1, #1
	str r1, [r0]                      @ GICD_CTLR: group 0 on
	mov r1, #(1 << 30)
	str r1, [r0, #0x100]              @ GICD_ISENABLER0: PPI 30
	ldr r0, =GICC
	mov r1, #0
	str r1, [r0, #4]                  @ GICC_PMR = 0: every priority masked
	mov r1, #1
	str r1, [r0]                      @ GICC_CTLR: group 0 on
	mov r1, #100
	mcr p15, 0, r1, c14, c2, 0        @ CNTP_TVAL: fires in 100 ticks
	mov r1, #1
	mcr p15, 0, r1, c14, c2, 1        @ CNTP_CTL: enabled, not masked
	isb
	PRINT "waiting\n"
	cpsie i
gic_wait:
	wfi
	b gic_wait
