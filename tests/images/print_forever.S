@ Prints the same line through semihosting for ever, storing nothing to
@ memory (the loop's state repeats exactly): output is progress, not a
@ no-progress hang. Also the guest of the tests of a closed output pipe,
@ of signals and of trace write errors.
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main
main:
	ldr r4, =line
1:	mov r1, r4
	mov r0, #0x04           @ SYS_WRITE0
	svc 0x123456
	b 1b
	.pushsection .rodata
line:	.asciz "tick\n"
	.popsection
