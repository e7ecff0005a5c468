@ Image for tests/gdb/test_vfp.sh: enables the floating-point unit, loads
@ known values into D0 and D16 and FPSCR, stops at gdb_vfp_loaded (the test
@ puts a breakpoint there, reads them and writes D1 and FPSCR), then
@ prints D1 and FPSCR as they are, so the test sees gdb's writes land in
@ the register file. Run alone it prints d1=00000000:00000000 fpscr=...
@ (no .expect: the output depends on the debugger).
	.syntax unified
	.fpu neon-vfpv4
	.include "macros.inc"
	.text
	.arm
	.global main, gdb_vfp_loaded
	.type main, %function
main:
	push {r4-r6, lr}
	@ CPACR cp10/cp11 full access, ISB, FPEXC.EN (B4.1.40)
	mrc p15, 0, r0, c1, c0, 2
	orr r0, r0, #(0xf << 20)
	mcr p15, 0, r0, c1, c0, 2
	isb
	mov r0, #0x40000000
	vmsr fpexc, r0
	@ D0 = 1.5 (double), i.e. S1:S0 = 3ff80000:00000000;
	@ D16 = 0x0123456789abcdef
	ldr r0, =0x00000000
	ldr r1, =0x3ff80000
	vmov d0, r0, r1
	ldr r0, =0x89abcdef
	ldr r1, =0x01234567
	vmov d16, r0, r1
	mov r0, #0
	vmov d1, r0, r0
	ldr r0, =0x03c00000             @ DN, FZ, RMode=RZ
	vmsr fpscr, r0
gdb_vfp_loaded:
	nop
	vmov r4, r5, d1
	vmrs r6, fpscr
	PRINT "d1="
	mov r0, r5
	bl print_hex
	PRINT ":"
	mov r0, r4
	bl print_hex
	PRINT " fpscr="
	mov r0, r6
	bl print_hex
	bl print_nl
	mov r0, #0
	pop {r4-r6, pc}
	.ltorg
