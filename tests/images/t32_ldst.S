@ T32 loads and stores: every addressing mode of the 16-bit forms
@ (register, imm5, SP-relative, literal) and of the 32-bit forms (imm12,
@ negative imm8, pre- and post-indexed with writeback, register with LSL
@ #0..3, literal with U = 0/1), every size and sign, LDRT/STRT family,
@ preload hints, LDRD/STRD (immediate, pre/post, literal), LDM/STM/PUSH/POP
@ (16- and 32-bit, IA/DB, writeback, base in the list), exclusives of every
@ size (success, failure after CLREX, status register), and ADR.
	.syntax unified
	.include "macros.inc"

.macro R name, reg
	mrs ip, apsr
	mov r1, \reg
	mov r2, ip
	.pushsection .rodata
9003:	.asciz "\name"
	.popsection
	ldr r0, =9003b
	bl show
.endm
@ RB "name", base: print reg - base (a writeback's offset)
.macro RB name, reg, base
	sub ip, \reg, \base
	mov r1, ip
	.pushsection .rodata
9004:	.asciz "\name"
	.popsection
	ldr r0, =9004b
	movs r2, #0
	bl show
.endm
@ reset the 32-byte scratch buffer at r8 to a known pattern
.macro RESET
	bl reset_buf
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	blx tmain
	pop {r4-r11, pc}

	.thumb
	.thumb_func
show:
	push {r4, r5, lr}
	mov r4, r1
	mov r5, r2
	bl sh_write0
	movs r0, #'='
	bl sh_writec
	mov r0, r4
	bl print_hex
	movs r0, #' '
	bl sh_writec
	lsrs r0, r5, #16
	bl print_hex
	bl print_nl
	pop {r4, r5, pc}

@ buf[i] = 0x80 + i*0x11 pattern: words 0x83827180... (bytes 0x80+i*17)
	.thumb_func
reset_buf:
	push {r4, r5, lr}
	ldr r8, =buf
	movs r4, #0
	movs r5, #0x80
1:	strb r5, [r8, r4]
	adds r5, #0x11
	adds r4, #1
	cmp r4, #32
	bne 1b
	pop {r4, r5, pc}

@ print the 8 words of the buffer
	.thumb_func
dump_buf:
	push {r4-r8, lr}
	ldr r8, =buf
	movs r4, #0
1:	ldr r5, [r8, r4]
	mov r1, r5
	ldr r0, =bufname
	movs r2, #0
	bl show
	adds r4, #4
	cmp r4, #32
	bne 1b
	pop {r4-r8, pc}

	.thumb_func
tmain:
	push {r4-r11, lr}
	bl ld16
	bl ld32
	bl dual
	bl multiple
	bl exclusives
	movs r0, #0
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ 16-bit
	.thumb_func
ld16:
	push {r4-r11, lr}
	PRINT "-- 16-bit loads/stores\n"
	RESET
	ldr r5, =buf
	movs r6, #4
	ldr r4, [r5, r6]
	R "ldr reg", r4
	ldrh r4, [r5, r6]
	R "ldrh reg", r4
	ldrb r4, [r5, r6]
	R "ldrb reg", r4
	movs r6, #5
	ldrsb r4, [r5, r6]
	R "ldrsb reg", r4
	movs r6, #6
	ldrsh r4, [r5, r6]
	R "ldrsh reg", r4
	@ (no unaligned accesses here: with the MMU off, data accesses are
	@ Strongly-ordered, where they are alignment faults, A3.2.1; QEMU
	@ does not model that)
	movs r6, #12
	ldr r7, =0x11223344
	str r7, [r5, r6]
	ldr r4, [r5, r6]
	R "str/ldr reg", r4
	movs r6, #16
	strh r7, [r5, r6]
	movs r6, #21
	strb r7, [r5, r6]
	ldr r4, [r5, #28]       @ imm5 forms
	R "ldr imm5", r4
	ldrh r4, [r5, #30]
	R "ldrh imm5", r4
	ldrb r4, [r5, #31]
	R "ldrb imm5", r4
	str r7, [r5, #24]
	strh r7, [r5, #2]
	strb r7, [r5, #3]
	bl dump_buf
	sub sp, #16
	ldr r3, =0xcafef00d
	str r3, [sp, #8]        @ SP-relative T2
	ldr r4, [sp, #8]
	R "ldr sp", r4
	add sp, #16
	ldr r4, lit16           @ LDR (literal) T1
	R "ldr lit", r4
	adr r5, lit16           @ ADR T1
	ldr r4, [r5]
	R "adr", r4
	pop {r4-r11, pc}
	.align 2
lit16:	.word 0x600dcafe
	.ltorg

@ ------------------------------------------------------------ 32-bit
	.thumb_func
ld32:
	push {r4-r11, lr}
	PRINT "-- 32-bit loads/stores\n"
	RESET
	ldr r8, =buf
	add r9, r8, #16
	ldr.w r4, [r8, #4]
	R "ldr imm12", r4
	ldrh.w r4, [r8, #6]
	R "ldrh imm12", r4
	ldrb.w r4, [r8, #9]
	R "ldrb imm12", r4
	ldrsh.w r4, [r8, #12]
	R "ldrsh imm12", r4
	ldrsb.w r4, [r8, #2]
	R "ldrsb imm12", r4
	ldr r4, [r9, #-4]
	R "ldr -imm8", r4
	ldrh r4, [r9, #-2]
	R "ldrh -imm8", r4
	add r10, r8, #255
	ldrb r4, [r10, #-255]
	R "ldrb -imm8 255", r4
	ldrsb r4, [r9, #-1]
	R "ldrsb -imm8", r4
	ldrsh r4, [r9, #-6]
	R "ldrsh -imm8", r4
	@ pre-indexed with writeback
	mov r5, r9
	ldr r4, [r5, #4]!
	R "ldr pre", r4
	RB "  wb", r5, r9
	mov r5, r9
	ldrh r4, [r5, #-8]!
	R "ldrh pre-", r4
	RB "  wb", r5, r9
	mov r5, r9
	ldrsb r4, [r5, #3]!
	R "ldrsb pre", r4
	RB "  wb", r5, r9
	@ post-indexed
	mov r5, r9
	ldr r4, [r5], #8
	R "ldr post", r4
	RB "  wb", r5, r9
	mov r5, r9
	ldrb r4, [r5], #-16
	R "ldrb post-", r4
	RB "  wb", r5, r9
	mov r5, r9
	ldrsh r4, [r5], #2
	R "ldrsh post", r4
	RB "  wb", r5, r9
	@ register offsets with LSL #0..3
	movs r6, #1
	ldr.w r4, [r8, r6, lsl #2]
	R "ldr lsl2", r4
	ldrh.w r4, [r8, r6, lsl #1]
	R "ldrh lsl1", r4
	ldrsb.w r4, [r8, r6, lsl #3]
	R "ldrsb lsl3", r4
	movs r6, #2
	ldrsh.w r4, [r8, r6]
	R "ldrsh lsl0", r4
	movs r6, #1
	ldrb.w r4, [r8, r6, lsl #3]
	R "ldrb lsl3", r4
	@ literal, both directions
	ldr.w r4, lit32a
	R "ldr lit+", r4
	ldrh.w r4, lit32a
	R "ldrh lit+", r4
	ldrsb.w r4, lit32a + 3
	R "ldrsb lit+", r4
	ldrsh.w r4, lit32a + 2
	R "ldrsh lit+", r4
	ldrb.w r4, lit32a + 1
	R "ldrb lit+", r4
	b 1f
	.align 2
lit32b:	.word 0x8badf00d
1:	ldr.w r4, lit32b
	R "ldr lit-", r4
	ldrb.w r4, lit32b
	R "ldrb lit-", r4
	@ unprivileged forms (SVC mode, MMU off: plain accesses)
	ldrt r4, [r8, #4]
	R "ldrt", r4
	ldrbt r4, [r8, #5]
	R "ldrbt", r4
	ldrht r4, [r8, #6]
	R "ldrht", r4
	ldrsbt r4, [r8, #7]
	R "ldrsbt", r4
	ldrsht r4, [r8, #2]
	R "ldrsht", r4
	@ preload hints never fault and change nothing
	mov.w r5, #0
	pld [r5, #-4]
	pld [r5, #4]
	pld [r5, r6, lsl #2]
	pldw [r5, #8]
	pldw [r5, #-8]
	pli [r5, #12]
	pli [r5, #-12]
	pld lit32a
	pli lit32a
	R "hints", r5
	@ stores of every form
	RESET
	ldr r3, =0xa1b2c3d4
	str.w r3, [r8, #28]
	strh.w r3, [r8, #26]
	strb.w r3, [r8, #25]
	add r9, r8, #16
	str r3, [r9, #-16]
	strh r3, [r9, #-14]
	strb r3, [r9, #-13]
	mov r5, r9
	str r3, [r5, #-4]!
	RB "str pre wb", r5, r9
	mov r5, r9
	strh r3, [r5], #-6
	RB "strh post wb", r5, r9
	mov r5, r9
	strb r3, [r5, #1]!
	RB "strb pre wb", r5, r9
	movs r6, #5
	strb.w r3, [r8, r6, lsl #2]
	movs r6, #3
	strh.w r3, [r8, r6, lsl #1]
	strt r3, [r9, #4]
	strbt r3, [r9, #10]
	strht r3, [r9, #12]
	bl dump_buf
	pop {r4-r11, pc}
	.align 2
lit32a:	.word 0xfedc8a98
	.ltorg

@ ------------------------------------------------------------ dual
	.thumb_func
dual:
	push {r4-r11, lr}
	PRINT "-- ldrd/strd\n"
	RESET
	ldr r8, =buf
	add r9, r8, #16
	ldrd r4, r5, [r8, #8]
	R "ldrd lo", r4
	R "ldrd hi", r5
	ldrd r4, r6, [r9, #-12]    @ Rt2 need not be Rt + 1 in T32
	R "ldrd - lo", r4
	R "ldrd - hi", r6
	mov r7, r9
	ldrd r4, r5, [r7, #8]!
	R "ldrd pre", r5
	RB "  wb", r7, r9
	mov r7, r9
	ldrd r4, r5, [r7], #-16
	R "ldrd post", r4
	RB "  wb", r7, r9
	ldrd r4, r5, litd
	R "ldrd lit lo", r4
	R "ldrd lit hi", r5
	ldr r4, =0x01020304
	ldr r5, =0x05060708
	strd r4, r5, [r8]
	mov r7, r9
	strd r5, r4, [r7, #-8]!
	RB "strd pre wb", r7, r9
	mov r7, r9
	strd r4, r4, [r7], #8
	RB "strd post wb", r7, r9
	strd r5, r5, [r9, #8]
	bl dump_buf
	pop {r4-r11, pc}
	.align 3
litd:	.word 0x11111111, 0x22222222
	.ltorg

@ ------------------------------------------------------------ multiple
	.thumb_func
multiple:
	push {r4-r11, lr}
	PRINT "-- ldm/stm/push/pop\n"
	RESET
	ldr r0, =buf
	ldmia r0!, {r1, r2, r4} @ LDM T1 with writeback
	ldr r3, =buf
	RB "ldm16 wb", r0, r3
	R "ldm16 r4", r4
	ldr r0, =buf + 8
	ldmia r0, {r0, r1}      @ base in the list: no writeback (T1)
	mov r4, r0
	mov r5, r1
	R "ldm16 base", r4
	R "ldm16 r1", r5
	ldr r8, =buf
	mov r9, r8
	ldmia.w r9!, {r4-r7, r10}
	RB "ldm32 wb", r9, r8
	R "ldm32 r10", r10
	add r9, r8, #32
	ldmdb r9!, {r4, r5, r11}
	RB "ldmdb wb", r9, r8
	R "ldmdb r4", r4
	R "ldmdb r11", r11
	add r9, r8, #32
	ldmdb r9, {r4, r5}
	RB "ldmdb nowb", r9, r8
	R "ldmdb r5", r5
	@ stores
	RESET
	ldr r0, =buf + 4
	movs r1, #0x11
	movs r2, #0x22
	movs r3, #0x33
	stmia r0!, {r1-r3}      @ STM T1
	ldr r1, =buf
	RB "stm16 wb", r0, r1
	ldr r0, =buf + 16
	stmia r0!, {r0, r3}     @ Rn lowest in the list: the original value
	mov r9, r8
	ldr r4, =0x44444444
	ldr r5, =0x55555555
	stmia.w r9, {r4, r5}
	add r9, r8, #32
	ldr r10, =0xaaaaaaaa
	stmdb r9!, {r4, r10}
	RB "stmdb wb", r9, r8
	ldr r0, =buf + 16
	ldr r1, [r0]
	sub r4, r1, r0
	R "stm base val", r4
	ldr r0, =buf + 16       @ an address: not printed
	movs r1, #0
	str r1, [r0]
	bl dump_buf
	@ PUSH/POP, 16- and 32-bit
	mov r9, sp
	movs r6, #1
	movs r7, #2
	push {r6, r7}
	mov r10, sp
	RB "push16", r10, r9
	ldr r11, =0xbbbbbbbb
	push.w {r6, r11}
	pop {r3, r4}
	R "pop16 r3", r3
	R "pop16 r4", r4
	pop.w {r5, r11}
	R "pop32 r5", r5
	R "pop32 r11", r11
	RB "sp back", sp, r9
	ldr r8, =0x88888888
	push.w {r8}             @ single register: STR T4 pre-indexed
	pop.w {r7}              @ LDR T4 post-indexed
	R "pop1", r7
	RB "sp back1", sp, r9
	@ PUSH {LR} / POP {PC} in a 32-bit single-register form
	bl push_pop_pc
	R "pop pc", r4
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
push_pop_pc:
	str lr, [sp, #-4]!
	ldr r4, =0x1234
	ldr pc, [sp], #4

@ ------------------------------------------------------------ exclusives
	.thumb_func
exclusives:
	push {r4-r11, lr}
	PRINT "-- exclusives\n"
	RESET
	ldr r8, =buf
	ldrex r4, [r8, #8]
	R "ldrex", r4
	ldr r5, =0x5a5a5a5a
	strex r6, r5, [r8, #8]
	R "strex ok", r6
	strex r6, r5, [r8, #12] @ no monitor open: fails
	R "strex fail", r6
	ldrex r4, [r8, #12]
	clrex
	strex r6, r5, [r8, #12] @ CLREX closed it
	R "strex clrex", r6
	add r9, r8, #17
	ldrexb r4, [r9]
	R "ldrexb", r4
	strexb r6, r5, [r9]
	R "strexb", r6
	add r9, r8, #18
	ldrexh r4, [r9]
	R "ldrexh", r4
	strexh r6, r5, [r9]
	R "strexh", r6
	add r9, r8, #24
	ldrexd r4, r7, [r9]
	R "ldrexd lo", r4
	R "ldrexd hi", r7
	ldr r4, =0x13579bdf
	ldr r7, =0x2468ace0
	strexd r6, r4, r7, [r9]
	R "strexd", r6
	strexd r6, r7, r4, [r9] @ the monitor is closed now
	R "strexd again", r6
	ldrex r4, [r8, #1020]   @ the largest offset (a stray word past buf)
	strex r6, r5, [r8, #1020]
	R "strex imm", r6
	bl dump_buf
	pop {r4-r11, pc}
	.ltorg

	.section .rodata
bufname: .asciz "  buf"
	.bss
	.align 3
buf:	.space 1024 + 8
