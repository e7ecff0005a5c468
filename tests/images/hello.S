@ Smallest image: prints a line and exits with 0.
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main
main:
	push {lr}
	PRINT "hello from hypsim\n"
	mov r0, #0x1234
	PRINTKV "r0", r0
	mov r0, #0
	pop {pc}
