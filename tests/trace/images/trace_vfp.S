@ Image for the trace test of the floating-point registers (test_vfp.sh):
@ every kind of instruction that writes D0-D31, FPSCR or FPEXC, in ARM
@ and in Thumb, with values the test looks for in `trace show`:
@ VMSR FPEXC/FPSCR, VMOV from core registers, VFP arithmetic (which sets
@ FPSCR cumulative flags), VLDM of D16-D17, an Advanced SIMD instruction
@ (VADD.I32 Q8) and an Advanced SIMD load (VLD1). Exits with code 0.
	.syntax unified
	.fpu neon-vfpv4
	.arch armv7-a
	.text
	.arm
	.global main
	.type main, %function
main:
	push {r4-r8, lr}
	@ CPACR cp10/cp11 full access, ISB, FPEXC.EN (B4.1.40)
	mrc p15, 0, r0, c1, c0, 2
	orr r0, r0, #(0xf << 20)
	mcr p15, 0, r0, c1, c0, 2
	isb
	mov r0, #0x40000000
	vmsr fpexc, r0                  @ FPEXC=40000000
	ldr r0, =0x00c00000
	vmsr fpscr, r0                  @ FPSCR=00c00000 (round to zero)
	ldr r0, =0x11223344
	ldr r1, =0x55667788
	vmov d3, r0, r1                 @ D3=5566778811223344
	ldr r0, =0x3f800000             @ 1.0f
	vmov s0, r0                     @ D0=000000003f800000
	ldr r0, =0x3eaaaaab             @ 1/3 (rounded)
	vmov s1, r0                     @ D0=3eaaaaab3f800000
	vdiv.f32 s4, s0, s1             @ 0x403fffff (RZ), FPSCR gets IXC (bit 4)
	ldr r4, =vfp_data
	vldmia r4, {d16-d17}            @ D16, D17 from memory
	vadd.i32 q9, q8, q8             @ D18, D19 = twice D16, D17
	vld1.32 {d20}, [r4]             @ D20 = D16
	vmov r5, r6, d3                 @ reads only: no FP change
	blx thumb_part
	pop {r4-r8, lr}
	mov r0, #0
	bx lr

	.thumb
	.type thumb_part, %function
	.thumb_func
thumb_part:
	ldr r0, =0xcafef00d
	ldr r1, =0x0badc0de
	vmov d31, r0, r1                @ D31=0badc0decafef00d
	vneg.f64 d30, d31               @ D30=8badc0decafef00d
	vmov.i32 q14, #0x5a             @ D28, D29 = 0000005a0000005a
	mov r0, #0
	vmsr fpscr, r0                  @ FPSCR=00000000
	bx lr
	.ltorg

	.data
	.align 3
vfp_data:
	.word 0x01020304, 0x05060708, 0x10203040, 0x50607080
