@ A guest that hangs, for the gdb stub's hang tests (tests/gdb/): it
@ prints a line and branches to itself with every interrupt masked, which
@ the hang detector reports as branch-to-self.
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main, hang_here
main:
	push {r4, lr}
	PRINT "about to hang\n"
	mov r4, #0x42
hang_here:
	b hang_here
