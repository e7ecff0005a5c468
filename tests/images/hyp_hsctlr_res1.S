@ HSCTLR bits 3-6, 11, 16, 18, 22, 23, 28, 29 read as one whatever is
@ written (ARM DDI 0406C B4.1.67: RES1 / UNK/SBOP, value 0x30C50878; the
@ value the Cortex-A7 of history.md section 1 read before the write), and
@ the writable bits keep what is written.
@ Expected output from the manual, not QEMU: QEMU 7.2 stores HSCTLR as
@ written, its RES1 bits included (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "hsctlr res1 bits"
	mov r0, #0
	mcr p15, 4, r0, c1, c0, 0
	isb
	mrc p15, 4, r4, c1, c0, 0
	PRINTKV "  wrote 0, read", r4
	ldr r0, =0x42280000               @ TE, EE, FI, WXN
	mcr p15, 4, r0, c1, c0, 0
	isb
	mrc p15, 4, r4, c1, c0, 0
	PRINTKV "  wrote te|ee|fi|wxn, read", r4
	ldr r0, =0x30c50878
	mcr p15, 4, r0, c1, c0, 0
	isb

	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}
