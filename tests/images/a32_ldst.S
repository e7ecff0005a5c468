@ A32 single loads and stores in every addressing mode: immediate and
@ register offsets (every shift, negative offsets), pre-indexed with
@ writeback, post-indexed, literal; byte, halfword, signed, doubleword; the
@ unprivileged T forms; unaligned LDR/STR/LDRH with SCTLR.A clear (they
@ work: the image turns the MMU on with RAM as Normal memory), LDRD not word aligned (alignment fault), big-endian data with
@ SETEND; loads of the PC (interworking) and stores of the PC (PC+8).
@ Each CHECK prints r6, r8 (often the written-back base minus the buffer
@ address) and the flags. Expected output: QEMU 7.2, cortex-a15 == a7.
#include "a32_common.inc"

@ reset the 64-byte buffer to bytes 0x80..0xbf (so sign-extension shows)
.macro FILL
	bl fill_buf
.endm
@ r8 = r4 - buf
.macro BASE
	ldr r0, =buf
	sub r8, r4, r0
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors
	bl mmu_on_flat
	FILL

	@ ---- LDR immediate offsets ----
	ldr r4, =buf
	CHECK "ldr imm 0", ldr r6, [r4]
	CHECK "ldr imm +8", ldr r6, [r4, #8]
	ldr r4, =buf + 16
	CHECK "ldr imm -12", ldr r6, [r4, #-12]
	ldr r4, =buf
	ldr r6, [r4, #4]!
	BASE
	CHECK "ldr pre wb +4", nop
	ldr r6, [r4], #12
	BASE
	CHECK "ldr post +12", nop
	ldr r6, [r4, #-8]!
	BASE
	CHECK "ldr pre wb -8", nop
	ldr r6, [r4], #-4
	BASE
	CHECK "ldr post -4", nop
	POOL

	@ ---- LDR register offsets with every shift ----
	ldr r4, =buf
	mov r5, #2
	CHECK "ldr reg", ldr r6, [r4, r5, lsl #2]
	mov r5, #16
	CHECK "ldr reg lsr", ldr r6, [r4, r5, lsr #2]
	ldr r5, =0xfffffff0
	ldr r4, =buf + 32
	CHECK "ldr reg -asr", ldr r6, [r4, -r5, asr #2]
	CHECK "ldr reg asr", ldr r6, [r4, r5, asr #2]
	ldr r5, =0x00000002
	CHECK "ldr reg ror", ldr r6, [r4, r5, ror #1]
	mov r5, #8
	msr cpsr_f, #0x20000000
	CHECK "ldr reg rrx C=1", ldr r6, [r4, -r5, rrx]
	mov r5, #8
	msr cpsr_f, #0
	CHECK "ldr reg rrx C=0", ldr r6, [r4, r5, rrx]
	ldr r4, =buf + 32
	mov r5, #12
	ldr r6, [r4, -r5]!
	BASE
	CHECK "ldr reg pre wb -r5", nop
	ldr r6, [r4], r5, lsl #1
	BASE
	CHECK "ldr reg post lsl", nop
	POOL

	@ ---- bytes and halfwords ----
	ldr r4, =buf + 8
	CHECK "ldrb", ldrb r6, [r4, #3]
	CHECK "ldrsb", ldrsb r6, [r4, #3]
	CHECK "ldrh", ldrh r6, [r4, #2]
	CHECK "ldrsh", ldrsh r6, [r4, #-2]
	mov r5, #5
	CHECK "ldrb reg", ldrb r6, [r4, -r5]
	CHECK "ldrsb reg", ldrsb r6, [r4, r5]
	CHECK "ldrh reg", ldrh r6, [r4, r5]
	CHECK "ldrsh reg", ldrsh r6, [r4, -r5]
	ldrsb r6, [r4, #1]!
	BASE
	CHECK "ldrsb pre wb", nop
	ldrh r6, [r4], #-3
	BASE
	CHECK "ldrh post", nop
	mov r5, #6
	ldrsh r6, [r4, r5]!
	BASE
	CHECK "ldrsh reg pre wb", nop
	ldrb r6, [r4], -r5
	BASE
	CHECK "ldrb reg post", nop
	POOL

	@ ---- stores ----
	ldr r4, =buf
	ldr r5, =0x11223344
	str r5, [r4, #4]
	strb r5, [r4, #9]
	strh r5, [r4, #12]
	strh r5, [r4, #15]          @ unaligned halfword store
	str r5, [r4, #17]           @ unaligned word store
	ldr r6, [r4, #4]
	ldr r8, [r4, #8]
	CHECK "str strb", nop
	ldr r6, [r4, #12]
	ldr r8, [r4, #16]
	CHECK "strh unaligned str", nop
	ldr r6, [r4, #20]
	CHECK "unaligned str tail", nop
	FILL
	ldr r4, =buf + 8
	ldr r5, =0xa1b2c3d4
	strb r5, [r4], #1
	strb r5, [r4], #1
	strh r5, [r4, #2]!
	BASE
	ldr r0, =buf
	ldr r6, [r0, #8]
	CHECK "strb post strh pre", nop
	ldr r0, =buf
	ldr r6, [r0, #12]
	CHECK "strh pre wb value", nop
	FILL
	ldr r4, =buf + 40
	mov r5, #4
	ldr r7, =0xcafef00d
	str r7, [r4, -r5, lsl #1]!
	BASE
	ldr r6, [r4]
	CHECK "str reg pre wb", nop
	ldr r7, =0xcafef00d
	str r7, [r4], r5
	BASE
	ldr r0, =buf
	ldr r6, [r0, #32]
	CHECK "str reg post", nop
	POOL

	@ ---- unaligned loads (SCTLR.A = 0) ----
	FILL
	ldr r4, =buf
	CHECK "ldr unaligned +1", ldr r6, [r4, #1]
	CHECK "ldr unaligned +3", ldr r6, [r4, #3]
	CHECK "ldrh unaligned +1", ldrh r6, [r4, #1]
	CHECK "ldrsh unaligned +5", ldrsh r6, [r4, #5]
	mov r5, #2
	CHECK "ldr unaligned reg", ldr r6, [r4, r5]

	@ ---- literal loads, loads and stores of the PC ----
	b 1f
lit_word:
	.word 0x8899aabb
1:
	CHECK "ldr literal", ldr r6, lit_word
	CHECK "ldrh literal", ldrh r6, lit_word
	CHECK "ldrsb literal", ldrsb r6, lit_word + 3
	ldr r4, =buf
	str pc, [r4]
1:	ldr r6, [r4]
	ldr r7, =1b + 4
	sub r6, r6, r7
	CHECK "str pc = pc+8", nop
	adr r0, 2f
	str r0, [r4]
	ldr pc, [r4]
	mov r6, #1                  @ skipped
2:	mov r6, #2
	CHECK "ldr pc", nop
	ldr r0, =thumb_ret42 + 1
	str r0, [r4, #4]
	adr lr, 3f
	ldr pc, [r4, #4]
3:	CHECK "ldr pc to thumb", nop
	POOL

	@ ---- LDRD / STRD ----
	FILL
	ldr r4, =buf
	ldrd r6, r7, [r4, #8]
	mov r8, r7
	CHECK "ldrd imm", nop
	mov r5, #16
	ldrd r6, r7, [r4, r5]!
	BASE
	CHECK "ldrd reg pre wb", nop
	ldrd r6, r7, [r4], #-12
	BASE
	CHECK "ldrd post", mov r6, r7
	ldr r4, =buf + 4              @ word aligned, not doubleword: fine
	CHECK "ldrd +4", ldrd r6, r7, [r4]
	ldr r2, =0x01020304
	ldr r3, =0x05060708
	ldr r4, =buf + 24
	strd r2, r3, [r4, #-8]!
	BASE
	ldr r6, [r4]
	CHECK "strd pre wb", nop
	ldr r6, [r4, #4]
	CHECK "strd hi word", nop
	mov r5, #8
	strd r2, r3, [r4], -r5
	BASE
	ldr r0, =buf
	ldr r6, [r0, #16]
	CHECK "strd reg post", nop
	POOL
	@ LDRD at an address that is not word aligned: alignment fault
	@ whatever SCTLR.A says (A3.2.1), no writeback
	ldr r4, =buf + 2
	mov r6, #0
1:	ldrd r6, r7, [r4, #4]!
	EXC "ldrd unaligned", 1b, buf
	BASE
	CHECK "ldrd unaligned base", nop
	ldr r4, =buf + 1
1:	strd r2, r3, [r4]
	EXC "strd unaligned", 1b, buf

	@ ---- unprivileged forms (SVC mode, MMU off: ordinary accesses) ----
	FILL
	ldr r4, =buf
	ldrt r6, [r4], #4
	BASE
	CHECK "ldrt post", nop
	ldrbt r6, [r4], #-1
	BASE
	CHECK "ldrbt post", nop
	mov r5, #3
	ldrsbt r6, [r4], r5
	BASE
	CHECK "ldrsbt reg post", nop
	ldrht r6, [r4], #2
	BASE
	CHECK "ldrht post", nop
	ldrsht r6, [r4], -r5
	BASE
	CHECK "ldrsht reg post", nop
	ldr r5, =0x55667788
	strt r5, [r4], #4
	strbt r5, [r4], #1
	strht r5, [r4], #1
	BASE
	ldr r0, =buf
	ldr r6, [r0, #4]
	CHECK "strt strbt strht", nop
	ldr r0, =buf
	ldr r6, [r0, #8]
	CHECK "strt strbt strht 2", nop
	POOL

	@ ---- big-endian data (SETEND BE): loads and stores swap bytes ----
	FILL
	ldr r4, =buf
	setend be
	ldr r6, [r4]
	ldrh r8, [r4, #2]
	setend le
	CHECK "setend be ldr ldrh", nop
	setend be
	ldrsh r6, [r4, #4]
	ldr r8, [r4, #1]             @ unaligned, big-endian
	setend le
	CHECK "setend be ldrsh unaligned ldr", nop
	ldr r5, =0x11223344
	setend be
	str r5, [r4, #8]
	strh r5, [r4, #12]
	ldrd r6, r7, [r4, #8]
	setend le
	mov r8, r7
	CHECK "setend be str strh ldrd", nop
	ldr r6, [r4, #8]
	ldr r8, [r4, #12]
	CHECK "setend be stored bytes", nop
	mrs r6, cpsr
	and r6, r6, #0x200
	CHECK "cpsr.e after setend le", nop

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

fill_buf:
	ldr r0, =buf
	mov r1, #0x80
1:	strb r1, [r0], #1
	add r1, r1, #1
	cmp r1, #0xc0
	blo 1b
	bx lr

	.thumb
	.thumb_func
thumb_ret42:
	movs r6, #42
	bx lr
	.arm
	.ltorg

	.data
	.balign 8
buf:
	.space 64
