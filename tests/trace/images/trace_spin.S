@ Image for the trace tests that stop a run from outside (Ctrl-C, the
@ instruction budget): counts in r0 forever, making progress so the hang
@ detector leaves it alone.
	.syntax unified
	.arm
	.text
	.global main
	.type main, %function
main:
	mov r0, #0
1:	add r0, r0, #1
	str r0, [sp, #-4]
	b 1b
