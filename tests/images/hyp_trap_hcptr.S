@ HCPTR.TCPAC (ARM DDI 0406C B4.1.74): CPACR reads and writes at
@ Non-secure PL1 are taken to Hyp mode (EC 0x03). The CP10/CP11, TASE and
@ TTA controls wait for the VFP/Advanced SIMD decoder and CP14 trace
@ registers, which this model does not have yet.
@ Expected output from the manual, not QEMU: QEMU 7.2 checks HCPTR.TCPAC
@ only for ARMv8 cores (listed in tests/diff/exclude.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "hcptr clear: cpacr read and write"
	GUEST g_cpacr, M_SVC | PSR_AIF
	TITLE "hcptr.tcpac"
	SET_HCPTR 0x80000000
	GUEST g_cpacr, M_SVC | PSR_AIF
	GUEST g_cpacr_t, M_SVC | PSR_AIF
	TITLE "hcptr.tcpac: hyp is not trapped"
	mrc p15, 0, r0, c1, c0, 2
	mcr p15, 0, r0, c1, c0, 2
	PRINT "  hyp access done\n"
	SET_HCPTR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_cpacr:
	T mrc p15, 0, r4, c1, c0, 2
	T mcr p15, 0, r4, c1, c0, 2
	PRINT "  end\n"
	hvc #0xf00d
	.thumb
	.thumb_func
g_cpacr_t:
	T mrc p15, 0, r4, c1, c0, 2
	T mcr p15, 0, r4, c1, c0, 2
	hvc #0xf00d
	.ltorg
