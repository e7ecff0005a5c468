@ VFP loads, stores and register transfers (ARM state), one printed line
@ per check: VLDR/VSTR (single, double, positive and negative offsets,
@ PC-relative literal), VLDM/VSTM (IA, DB with writeback, single and
@ double lists), FLDMIAX/FSTMIAX (odd imm8, A8.8 FLDMX/FSTMX), VPUSH/VPOP,
@ VMOV core<->single, two cores<->double, two cores<->two singles, VMOV
@ core<->scalar (8/16/32-bit lanes, signed and unsigned), VDUP from a core
@ register, VMRS APSR_nzcv after VCMP; alignment: a VLDR/VLDM/VSTR to an
@ address that is not word aligned takes a Data Abort (Alignment fault,
@ DFSR 0x001) whatever SCTLR.A says (VLDR/VSTR use MemA, A8.8.332), and a
@ word-aligned VLDR.64 does not fault even with SCTLR.A = 1; big-endian
@ data (SETEND BE, A3.3.1): each word of a doubleword access is
@ byte-reversed and the lower-addressed word is D<n>[63:32] (the
@ BigEndian() case of VLDR/VSTR/VLDM/VSTM, A8.8.332, A8.8.413).
@ (CHECK prints through PRINTKV, which clobbers r0-r3: values to print
@ are kept in r4-r7.)
@ Built twice: vfp_ldst.elf (main in ARM state) and, with -DTHUMB,
@ vfp_ldst_t32.elf (main in Thumb state; fill_buf and the vectors stay
@ ARM), which prints the same (tests/CMakeLists.txt).
@ Expected output: QEMU 7.2 -cpu cortex-a15 and cortex-a7 (identical).
#include "vfp_common.inc"
	.fpu neon-vfpv4

@ CHECK "name", reg: print name=HEX
.macro CHECK name, reg
	PRINTKV "\name", \reg
.endm

	.text
#ifdef THUMB
	.thumb
	.global main
	.type main, %function
	.thumb_func
#define INST32 .inst.w
#else
	.arm
	.global main
#define INST32 .inst
#endif
main:
	push {r4-r11, lr}
	FP_ENABLE
	ldr r0, =ldst_vectors
	mcr p15, 0, r0, c12, c0, 0      @ VBAR
	isb
	bl fill_buf
	ldr r8, =ldst_buf + 0x400       @ base in the middle of the buffer

	@ ---- VLDR / VSTR ----
	vldr s3, [r8, #8]
	vmov r4, s3
	CHECK "vldr.32 +8", r4
	vldr s30, [r8, #-1020]
	vmov r4, s30
	CHECK "vldr.32 -1020", r4
	vldr d17, [r8, #-16]
	vmov r4, r5, d17
	CHECK "vldr.64 -16 lo", r4
	CHECK "vldr.64 -16 hi", r5
	vldr d2, [r8, #1016]
	vmov r4, r5, d2
	CHECK "vldr.64 +1016 lo", r4
	CHECK "vldr.64 +1016 hi", r5
	b 1f
	.p2align 3
lit_d:	.word 0xcafef00d, 0x0badc0de
lit_s:	.word 0x3fc00000
1:	vldr d5, lit_d
	vmov r4, r5, d5
	CHECK "vldr.64 literal lo", r4
	CHECK "vldr.64 literal hi", r5
	vldr s9, lit_s
	vmov r4, s9
	CHECK "vldr.32 literal", r4
	ldr r0, =0xa1b2c3d4
	ldr r1, =0x0f1e2d3c
	vmov d7, r0, r1
	vstr d7, [r8, #-8]
	ldr r4, [r8, #-8]
	ldr r5, [r8, #-4]
	CHECK "vstr.64 -8 word0", r4
	CHECK "vstr.64 -8 word1", r5
	vstr s15, [r8, #12]
	ldr r4, [r8, #12]
	CHECK "vstr.32 s15 +12", r4

	@ ---- VLDM / VSTM ----
	bl fill_buf
	mov r6, r8
	vldmia r6!, {d20-d23}
	sub r4, r6, r8
	CHECK "vldmia! d20-d23 wb", r4
	vmov r4, r5, d23
	CHECK "vldmia! d23 lo", r4
	CHECK "vldmia! d23 hi", r5
	mov r6, r8
	vldmdb r6!, {s5-s11}
	sub r4, r8, r6
	CHECK "vldmdb! s5-s11 wb", r4
	vmov r4, s5
	CHECK "vldmdb! s5", r4
	vmov r4, s11
	CHECK "vldmdb! s11", r4
	mov r6, r8
	vldmia r6, {s31}
	vmov r4, s31
	CHECK "vldmia s31", r4
	ldr r0, =0x11111111
	ldr r1, =0x22222222
	vmov d0, r0, r1
	ldr r0, =0x33333333
	ldr r1, =0x44444444
	vmov d1, r0, r1
	mov r6, r8
	vstmdb r6!, {d0-d1}
	sub r4, r8, r6
	CHECK "vstmdb! d0-d1 wb", r4
	ldr r4, [r8, #-16]
	CHECK "vstmdb! word -16", r4
	ldr r4, [r8, #-4]
	CHECK "vstmdb! word -4", r4
	mov r6, r8
	vstmia r6, {s1-s3}
	ldr r4, [r8]
	CHECK "vstmia s1-s3 word0", r4
	ldr r4, [r8, #8]
	CHECK "vstmia s1-s3 word2", r4

	@ ---- FLDMIAX / FSTMIAX: imm8 = 2n + 1 ----
	bl fill_buf
	mov r6, r8
	INST32 0xecb60b05               @ fldmiax r6!, {d0-d1}
	sub r4, r6, r8
	CHECK "fldmiax! d0-d1 wb", r4
	vmov r4, r5, d1
	CHECK "fldmiax! d1 lo", r4
	CHECK "fldmiax! d1 hi", r5
	mov r6, r8
	INST32 0xeca60b07               @ fstmiax r6!, {d0-d2}
	sub r4, r6, r8
	CHECK "fstmiax! d0-d2 wb", r4
	ldr r4, [r8, #20]
	CHECK "fstmiax! word5", r4

	@ ---- VPUSH / VPOP ----
	mov r7, sp
	ldr r0, =0x5a5a0001
	ldr r1, =0x5a5a0002
	vmov d12, r0, r1
	vmov s28, r1
	vpush {d12}
	vpush {s28}
	mov r4, sp                      @ (T32 has no SUB Rd, Rn, SP)
	sub r4, r7, r4
	CHECK "vpush sp delta", r4
	ldr r4, [sp]
	CHECK "vpush s28 at sp", r4
	ldr r4, [sp, #8]
	CHECK "vpush d12 hi", r4
	vpop {s0}
	vpop {d30}
	mov r4, sp                      @ (T32 has no SUB Rd, Rn, SP)
	sub r4, r7, r4
	CHECK "vpop sp delta", r4
	vmov r4, s0
	CHECK "vpop s0", r4
	vmov r4, r5, d30
	CHECK "vpop d30 lo", r4
	CHECK "vpop d30 hi", r5

	@ ---- transfers ----
	ldr r0, =0x80ff7f01
	vmov s13, r0
	vmov r4, s13
	CHECK "vmov s13 <-> r", r4
	vmov r4, r5, d6                 @ s13 is d6[63:32]
	CHECK "vmov d6 hi", r5
	ldr r0, =0xdeadbeef
	ldr r1, =0xfeedface
	vmov s20, s21, r0, r1
	vmov r4, r5, d10
	CHECK "vmov s20,s21 -> d10 lo", r4
	CHECK "vmov s20,s21 -> d10 hi", r5
	vmov r5, r4, s20, s21
	CHECK "vmov r5,r4 <- s20,s21 r4", r4
	ldr r0, =0x8091a2b3
	ldr r1, =0xc4d5e6f7
	vmov d25, r0, r1
	vmov.s8 r4, d25[7]
	CHECK "vmov.s8 d25[7]", r4
	vmov.u8 r4, d25[2]
	CHECK "vmov.u8 d25[2]", r4
	vmov.s16 r4, d25[1]
	CHECK "vmov.s16 d25[1]", r4
	vmov.u16 r4, d25[3]
	CHECK "vmov.u16 d25[3]", r4
	vmov.32 r4, d25[1]
	CHECK "vmov.32 d25[1]", r4
	mov r0, #0x7e
	vmov.8 d25[5], r0
	ldr r0, =0x1234abcd
	vmov.16 d25[0], r0
	vmov r4, r5, d25
	CHECK "vmov.8/.16 -> d25 lo", r4
	CHECK "vmov.8/.16 -> d25 hi", r5
	ldr r0, =0x1234abcd
	vmov.32 d25[1], r0
	vmov r4, r5, d25
	CHECK "vmov.32 -> d25[1]", r5
	ldr r0, =0x89abcdef
	vdup.8 d26, r0
	vmov r4, r5, d26
	CHECK "vdup.8 d26 lo", r4
	ldr r0, =0x89abcdef
	vdup.16 q14, r0
	vmov r4, r5, d29
	CHECK "vdup.16 q14 d29 hi", r5
	ldr r0, =0x89abcdef
	vdup.32 d27, r0
	vmov r4, r5, d27
	CHECK "vdup.32 d27 hi", r5

	@ ---- VMRS APSR_nzcv ----
	ldr r0, =0x3f800000
	ldr r1, =0x40000000
	vmov s0, s1, r0, r1
	vcmp.f32 s0, s1
	vmrs APSR_nzcv, fpscr
	mrs r4, apsr
	and r4, r4, #0xf0000000
	CHECK "vcmp 1<2 apsr", r4
	vcmp.f32 s1, s1
	vmrs APSR_nzcv, fpscr
	mrs r4, apsr
	and r4, r4, #0xf0000000
	CHECK "vcmp 2=2 apsr", r4
	ldr r0, =0x7fc00000
	vmov s2, r0
	vcmp.f32 s2, s1
	vmrs APSR_nzcv, fpscr
	mrs r4, apsr
	and r4, r4, #0xf0000000
	CHECK "vcmp nan apsr", r4
	vmrs r4, fpscr
	CHECK "fpscr after compares", r4

	@ ---- alignment ----
	add r6, r8, #2
	adr r11, 1f
	mov r10, #0
	vldr s0, [r6]                   @ SCTLR.A = 0: still an Alignment fault
1:	CHECK "vldr.32 unaligned dfsr", r10
	sub r4, r9, r8
	CHECK "vldr.32 unaligned dfar-base", r4
	adr r11, 1f
	mov r10, #0
	vstr d0, [r6, #4]
1:	CHECK "vstr.64 unaligned dfsr", r10
	adr r11, 1f
	mov r10, #0
	vldmia r6, {d0-d1}
1:	CHECK "vldmia unaligned dfsr", r10
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #2                  @ SCTLR.A
	mcr p15, 0, r0, c1, c0, 0
	isb
	adr r11, 1f
	mov r10, #0
	add r6, r8, #4
	vldr d3, [r6]                   @ word aligned: no fault
1:	CHECK "vldr.64 word-aligned A=1 dfsr", r10
	adr r11, 1f
	mov r10, #0
	sub r6, r8, #1
	vldr s3, [r6]
1:	CHECK "vldr.32 unaligned A=1 dfsr", r10
	mrc p15, 0, r0, c1, c0, 0
	bic r0, r0, #2
	mcr p15, 0, r0, c1, c0, 0
	isb

	@ ---- big-endian data ----
	bl fill_buf
	setend be
	vldr d4, [r8]
	vldr s31, [r8, #4]
	movw r0, #0x0304                @ (not ldr =: a literal load is
	movt r0, #0x0102                @ big-endian here)
	movw r1, #0x0708
	movt r1, #0x0506
	vmov d8, r0, r1
	vstr d8, [r8, #16]
	vpush {d8}
	ldr r5, [sp]                    @ BE load of the word at sp
	vpop {d9}
	setend le
	vmov r4, r6, d4
	CHECK "be vldr.64 lo", r4
	CHECK "be vldr.64 hi", r6
	vmov r4, s31
	CHECK "be vldr.32", r4
	ldr r4, [r8, #16]
	CHECK "be vstr.64 word0 (le view)", r4
	ldr r4, [r8, #20]
	CHECK "be vstr.64 word1 (le view)", r4
	CHECK "be vpush word at sp (be view)", r5
	vmov r4, r6, d9
	CHECK "be vpop lo", r4
	CHECK "be vpop hi", r6

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

	.arm
@ fill_buf: ldst_buf[i] = 0x10000 * i + 0x0100 + i (words), 0x800 bytes
	.type fill_buf, %function
fill_buf:
	ldr r0, =ldst_buf
	mov r1, #0
1:	add r2, r1, r1, lsl #16
	add r2, r2, #0x100
	str r2, [r0, r1, lsl #2]
	add r1, r1, #1
	cmp r1, #0x200
	blo 1b
	bx lr
	.ltorg

@ Vectors: a Data Abort records DFSR in r10 and DFAR in r9 and resumes at
@ r11; anything else stops the image.
	.align 5
ldst_vectors:
	b ldst_stop
	b ldst_stop
	b ldst_stop
	b ldst_stop
	b ldst_dabt
	b ldst_stop
	b ldst_stop
	b ldst_stop
ldst_dabt:
	mrc p15, 0, r10, c5, c0, 0      @ DFSR
	mrc p15, 0, r9, c6, c0, 0       @ DFAR
	mov lr, r11
	movs pc, lr
ldst_stop:
	PRINT "unexpected exception\n"
	EXIT 1
	.ltorg

	.bss
	.align 3
ldst_buf:
	.space 0x800
