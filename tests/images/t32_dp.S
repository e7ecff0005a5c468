@ T32 data processing: every 16-bit form (A6.2.1-A6.2.3, A6.2.5 extends and
@ reverses), 32-bit modified immediates (every ThumbExpandImm pattern and
@ its carry), shifted register (every shift incl. #32 and RRX), plain binary
@ immediates (ADDW/SUBW/MOVW/MOVT/ADR/SSAT/USAT/BFI/BFC/SBFX/UBFX) and
@ register forms (shifts by register, extends, parallel add/subtract,
@ saturating add/subtract, reverses, CLZ, SEL). Each line prints the result
@ and APSR>>16 (NZCVQ in bits 15:11, GE in bits 3:0).
	.syntax unified
	.include "macros.inc"

@ R "name", reg: print "name=VALUE FLAGS" (flags read first)
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
@ FL nzcvq: set the flags (value in bits 31:27)
.macro FL v
	mov ip, #\v
	msr APSR_nzcvqg, ip
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	blx tmain               @ ARM -> Thumb, BLX (immediate)
	pop {r4-r11, pc}

	.thumb
	.thumb_func
@ r0 = name, r1 = value, r2 = APSR
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

	.thumb_func
tmain:
	push {r4-r11, lr}
	bl t16
	bl t32_imm
	bl t32_shreg
	bl t32_plain
	bl t32_reg
	movs r0, #0
	pop {r4-r11, lr}
	bx lr                   @ Thumb -> ARM, BX
	.ltorg

@ ---------------------------------------------------------------- 16-bit
	.thumb_func
t16:
	push {r4-r11, lr}
	PRINT "-- 16-bit shift/add/sub/mov/cmp\n"
	FL 0
	movs r3, #0x80
	R "movs #0x80", r3
	lsls r4, r3, #25
	R "lsls #25", r4
	lsls r4, r3, #24
	R "lsls #24", r4
	movs r4, r3             @ MOVS Rd, Rm (LSL #0): C unchanged
	R "movs rd,rm", r4
	lsrs r4, r3, #8
	R "lsrs #8", r4
	movs r5, #0
	subs r5, #1
	R "subs #1 from 0", r5
	lsrs r4, r5, #32
	R "lsrs #32", r4
	asrs r4, r5, #32
	R "asrs #32", r4
	asrs r4, r3, #3
	R "asrs #3", r4
	adds r4, r3, r5
	R "adds reg", r4
	subs r4, r3, r5
	R "subs reg", r4
	adds r4, r3, #7
	R "adds #3bit", r4
	subs r4, r3, #7
	R "subs #3bit", r4
	movs r4, #250
	adds r4, #200
	R "adds #imm8", r4
	subs r4, #255
	R "subs #imm8", r4
	cmp r4, #195
	R "cmp eq", r4
	cmp r4, #200
	R "cmp lt", r4
	ldr r6, =0x7fffffff
	adds r4, r6, #1
	R "adds ovf", r4

	PRINT "-- 16-bit data processing\n"
	FL 0
	ldr r3, =0xf0f0ff00
	ldr r5, =0x0ff00ff0
	movs r4, r3
	ands r4, r5
	R "ands", r4
	movs r4, r3
	eors r4, r5
	R "eors", r4
	movs r4, r3
	orrs r4, r5
	R "orrs", r4
	movs r4, r3
	bics r4, r5
	R "bics", r4
	mvns r4, r5
	R "mvns", r4
	tst r3, r5
	R "tst", r3
	movs r6, #0
	tst r6, r5
	R "tst zero", r6
	@ shifts by register: amounts 0, 1, 31, 32, 33, 255 and 256
	.irp amt, 0, 1, 31, 32, 33, 255
	movs r6, #\amt
	movs r4, r3
	lsls r4, r6
	R "lsls reg \amt", r4
	movs r4, r3
	lsrs r4, r6
	R "lsrs reg \amt", r4
	movs r4, r3
	asrs r4, r6
	R "asrs reg \amt", r4
	movs r4, r3
	rors r4, r6
	R "rors reg \amt", r4
	.endr
	ldr r6, =0x100          @ only Rm<7:0> counts: amount 0
	movs r4, r3
	lsls r4, r6
	R "lsls reg 256", r4
	FL 0x20000000
	movs r4, #5
	movs r6, #3
	adcs r4, r6
	R "adcs c=1", r4
	FL 0
	movs r4, #5
	adcs r4, r6
	R "adcs c=0", r4
	movs r4, #5
	sbcs r4, r6
	R "sbcs c=0", r4
	FL 0x20000000
	movs r4, #5
	sbcs r4, r6
	R "sbcs c=1", r4
	movs r6, #5
	rsbs r4, r6, #0
	R "negs", r4
	movs r6, #0
	rsbs r4, r6, #0
	R "negs 0", r4
	movs r4, #3
	cmp r4, r5
	R "cmp reg", r4
	cmn r4, r5
	R "cmn reg", r4
	ldr r4, =0x10001
	ldr r6, =0x12345
	muls r4, r6
	R "muls", r4
	movs r4, #0
	muls r4, r6
	R "muls 0", r4

	PRINT "-- 16-bit high registers\n"
	FL 0
	ldr r3, =0x11111111
	mov r8, r3
	add r8, r3
	R "add r8,r3", r8
	mov r9, r8
	add r3, r9
	R "add r3,r9", r3
	cmp r9, r3
	R "cmp r9,r3", r9
	cmp r3, r9
	R "cmp r3,r9", r3
	mov r10, #0x100
	add r10, sp             @ ADD (SP plus register) T2
	mov r6, sp
	sub r10, r10, r6
	R "add r10,sp", r10
	movs r4, #0x44
	add r4, sp, r4          @ ADD (SP plus register) T1
	mov r6, sp
	sub r4, r4, r6
	R "add r4,sp,r4", r4
	add r4, sp, #1020       @ ADD (SP plus immediate) T1
	mov r6, sp
	subs r4, r4, r6
	R "add r4,sp,#1020", r4
	sub sp, #508            @ SUB (SP minus immediate) T1
	add r4, sp, #0
	add sp, #508            @ ADD (SP plus immediate) T2
	mov r6, sp
	subs r4, r6, r4
	R "sub sp,#508", r4
1:	mov r4, pc              @ PC reads as this instruction + 4
	adr r5, 1b
	subs r4, r4, r5
	R "mov r4,pc", r4
2:	add r4, pc              @ ADD Rdn, PC
	adr r5, 2b
	subs r4, r4, r5
	R "add r4,pc", r4
	ldr r5, =0x4321
	mov r4, r5              @ low registers through the T1 MOV: no flags
	R "mov low", r4
	mov r11, r5
	mov r4, r11
	subs r4, r4, r5
	R "mov r11", r4

	PRINT "-- 16-bit extend, reverse\n"
	ldr r3, =0x8081f27f
	sxth r4, r3
	R "sxth", r4
	sxtb r4, r3
	R "sxtb", r4
	uxth r4, r3
	R "uxth", r4
	uxtb r4, r3
	R "uxtb", r4
	rev r4, r3
	R "rev", r4
	rev16 r4, r3
	R "rev16", r4
	revsh r4, r3
	R "revsh", r4
	pop {r4-r11, pc}
	.ltorg

@ ---------------------------------------------------- modified immediates
	.thumb_func
t32_imm:
	push {r4-r11, lr}
	PRINT "-- modified immediates\n"
	FL 0
	mov.w r4, #0xab
	R "imm 00", r4
	mov.w r4, #0x00ab00ab
	R "imm 01", r4
	mov.w r4, #0xab00ab00
	R "imm 10", r4
	mov.w r4, #0xabababab
	R "imm 11", r4
	movs.w r4, #0x80000000  @ rotated: C = bit 31
	R "movs rot 8", r4
	movs.w r4, #0x7f000000
	R "movs rot 9", r4
	movs.w r4, #0x100       @ '1':0000000 ror 31
	R "movs rot 31", r4
	movs.w r4, #0x1fe
	R "movs rot 31b", r4
	FL 0x20000000
	movs.w r4, #0xff        @ not rotated: C unchanged
	R "movs unrot c=1", r4
	movs.w r4, #0x00ff00ff
	R "movs repl c=1", r4
	FL 0
	mvns.w r4, #0x3fc
	R "mvns", r4
	ldr r3, =0x12345678
	ands.w r4, r3, #0xff000000
	R "ands", r4
	bics.w r4, r3, #0x0ff00000
	R "bics", r4
	orrs.w r4, r3, #0x80000000
	R "orrs", r4
	orns r4, r3, #0xff      @ ORN: Rn | NOT(imm)
	R "orns", r4
	orn r4, r3, #0xff00ff00
	R "orn", r4
	eors.w r4, r3, #0x12000000
	R "eors", r4
	tst.w r3, #0x80000000
	R "tst", r3
	teq.w r3, #0x12345678 & 0xff
	R "teq", r3
	adds.w r4, r3, #0xee000000
	R "adds", r4
	FL 0x20000000
	adcs.w r4, r3, #1
	R "adcs", r4
	sbcs.w r4, r3, #0x12000000
	R "sbcs", r4
	subs.w r4, r3, #0x12000000
	R "subs", r4
	rsbs.w r4, r3, #0x10000000
	R "rsbs", r4
	rsb.w r4, r3, #0
	R "rsb", r4
	cmp.w r3, #0x12000000
	R "cmp", r3
	cmn.w r3, #0xee000000
	R "cmn", r3
	add.w r4, sp, #0x100
	mov r5, sp
	sub.w r4, r4, r5
	R "add sp", r4
	sub.w r4, sp, #0x100
	mov r5, sp
	sub.w r4, r5, r4
	R "sub sp", r4
	pop {r4-r11, pc}
	.ltorg

@ -------------------------------------------------------- shifted register
	.thumb_func
t32_shreg:
	push {r4-r11, lr}
	PRINT "-- shifted register\n"
	FL 0
	ldr r3, =0x12345678
	ldr r5, =0x80000003
	add.w r4, r3, r5, lsl #3
	R "add lsl3", r4
	adds.w r4, r3, r5, lsr #1
	R "adds lsr1", r4
	ands.w r4, r3, r5, lsl #31
	R "ands lsl31", r4
	ands.w r4, r5, r5, lsr #32
	R "ands lsr32", r4
	asrs.w r4, r5, #32
	R "movs asr32", r4
	movs.w r4, r5, ror #1
	R "movs ror1", r4
	FL 0x20000000
	movs.w r4, r5, rrx
	R "movs rrx c=1", r4
	FL 0
	movs.w r4, r5, rrx
	R "movs rrx c=0", r4
	mvns.w r4, r5, lsl #4
	R "mvns lsl4", r4
	orr.w r4, r3, r5, ror #4
	R "orr ror4", r4
	orns.w r4, r3, r5, asr #1
	R "orns asr1", r4
	bic.w r4, r3, r5, lsl #8
	R "bic lsl8", r4
	eors.w r4, r3, r5, lsr #31
	R "eors lsr31", r4
	teq.w r3, r5, lsl #1
	R "teq", r3
	tst.w r3, r5, lsl #2
	R "tst", r3
	cmp.w r3, r5, lsr #4
	R "cmp", r3
	cmn.w r3, r5, asr #2
	R "cmn", r3
	subs.w r4, r3, r5, lsl #1
	R "subs", r4
	FL 0x20000000
	adcs.w r4, r3, r5, lsl #1
	R "adcs", r4
	sbcs.w r4, r3, r5
	R "sbcs", r4
	rsbs.w r4, r3, r5, lsr #2
	R "rsbs", r4
	mov.w r4, r5, lsl #0
	R "mov lsl0", r4
	lsl.w r4, r5, #4
	R "lsl.w imm", r4
	asrs.w r4, r5, #31
	R "asrs.w imm", r4
	pkhbt r4, r3, r5, lsl #16
	R "pkhbt lsl16", r4
	pkhbt r4, r3, r5
	R "pkhbt", r4
	pkhtb r4, r3, r5, asr #16
	R "pkhtb asr16", r4
	pkhtb r4, r3, r5, asr #32
	R "pkhtb asr32", r4
	pop {r4-r11, pc}
	.ltorg

@ --------------------------------------------------- plain binary immediate
	.thumb_func
t32_plain:
	push {r4-r11, lr}
	PRINT "-- plain binary immediates\n"
	FL 0
	ldr r3, =0x12345678
	addw r4, r3, #0xfff
	R "addw", r4
	subw r4, r3, #0xabc
	R "subw", r4
	movw r4, #0xbeef
	R "movw", r4
	movt r4, #0xdead
	R "movt", r4
	movw r4, #0
	R "movw 0", r4
1:	adr.w r4, 1b            @ ADR T2 (backwards)
	adr.w r5, 2f            @ ADR T3 (forwards)
	subs r4, r5, r4
	R "adr.w", r4
	nop
2:	addw r4, pc, #0         @ Align(PC, 4) + 0
	adr r5, 2b
	subs r4, r4, r5
	R "addw pc", r4
	ldr r5, =0x00012345
	ssat r4, #8, r5
	R "ssat 8", r4
	FL 0
	ssat r4, #32, r5, lsl #8
	R "ssat 32", r4
	ssat r4, #16, r5, asr #4
	R "ssat 16 asr4", r4
	ldr r5, =0xfff00000
	FL 0
	ssat r4, #12, r5, asr #8
	R "ssat 12 asr8", r4
	FL 0
	ssat r4, #1, r5, asr #31
	R "ssat 1", r4
	FL 0
	usat r4, #8, r5
	R "usat 8 neg", r4
	FL 0
	ldr r5, =0x000001ff
	usat r4, #8, r5, lsl #2
	R "usat 8 lsl2", r4
	FL 0
	usat r4, #31, r5
	R "usat 31", r4
	usat r4, #0, r5
	R "usat 0", r4
	FL 0
	ldr r5, =0x7fff8000
	ssat16 r4, #8, r5
	R "ssat16 8", r4
	FL 0
	ssat16 r4, #16, r5
	R "ssat16 16", r4
	usat16 r4, #8, r5
	R "usat16 8", r4
	FL 0
	usat16 r4, #15, r5
	R "usat16 15", r4
	FL 0
	ldr r5, =0xf0f0a5c3
	sbfx r4, r5, #4, #8
	R "sbfx 4,8", r4
	sbfx r4, r5, #0, #32
	R "sbfx 0,32", r4
	sbfx r4, r5, #31, #1
	R "sbfx 31,1", r4
	ubfx r4, r5, #4, #8
	R "ubfx 4,8", r4
	ubfx r4, r5, #28, #4
	R "ubfx 28,4", r4
	mov r4, r3
	bfi r4, r5, #8, #12
	R "bfi 8,12", r4
	mov r4, r3
	bfi r4, r5, #0, #32
	R "bfi 0,32", r4
	mov r4, r3
	bfc r4, #4, #20
	R "bfc 4,20", r4
	mov r4, r3
	bfc r4, #31, #1
	R "bfc 31,1", r4
	pop {r4-r11, pc}
	.ltorg

@ ------------------------------------------------------------ register
	.thumb_func
t32_reg:
	push {r4-r11, lr}
	PRINT "-- register: shifts\n"
	FL 0
	ldr r3, =0x87654321
	.irp amt, 0, 4, 32, 33, 0x120
	ldr r5, =\amt
	lsls.w r4, r3, r5
	R "lsls.w \amt", r4
	lsrs.w r4, r3, r5
	R "lsrs.w \amt", r4
	asrs.w r4, r3, r5
	R "asrs.w \amt", r4
	rors.w r4, r3, r5
	R "rors.w \amt", r4
	.endr
	mov.w r5, #4
	lsl.w r4, r3, r5
	R "lsl.w nos", r4

	PRINT "-- register: extends\n"
	ldr r3, =0x80f17f82
	ldr r5, =0x10000010
	sxth.w r4, r3
	R "sxth.w", r4
	sxth r4, r3, ror #8
	R "sxth ror8", r4
	sxtah r4, r5, r3, ror #16
	R "sxtah ror16", r4
	uxth r4, r3, ror #24
	R "uxth ror24", r4
	uxtah r4, r5, r3
	R "uxtah", r4
	sxtb.w r4, r3
	R "sxtb.w", r4
	sxtab r4, r5, r3, ror #8
	R "sxtab ror8", r4
	uxtb r4, r3, ror #16
	R "uxtb ror16", r4
	uxtab r4, r5, r3, ror #24
	R "uxtab ror24", r4
	sxtb16 r4, r3
	R "sxtb16", r4
	sxtab16 r4, r5, r3, ror #8
	R "sxtab16 ror8", r4
	uxtb16 r4, r3, ror #8
	R "uxtb16 ror8", r4
	uxtab16 r4, r5, r3
	R "uxtab16", r4

	PRINT "-- register: parallel add/subtract\n"
	ldr r3, =0x7ff0807f
	ldr r5, =0x80108181
	.irp op, sadd16, sasx, ssax, ssub16, sadd8, ssub8, qadd16, qasx, qsax, qsub16, qadd8, qsub8, shadd16, shasx, shsax, shsub16, shadd8, shsub8, uadd16, uasx, usax, usub16, uadd8, usub8, uqadd16, uqasx, uqsax, uqsub16, uqadd8, uqsub8, uhadd16, uhasx, uhsax, uhsub16, uhadd8, uhsub8
	FL 0
	\op r4, r3, r5
	R "\op", r4
	.endr
	FL 0
	usub8 r4, r3, r5        @ sets GE per byte
	sel r4, r3, r5
	R "sel", r4
	sadd16 r4, r3, r5
	sel r4, r3, r5
	R "sel 2", r4

	PRINT "-- register: misc\n"
	FL 0
	ldr r3, =0x7ffffff0
	ldr r5, =0x00000020
	qadd r4, r3, r5
	R "qadd sat", r4
	FL 0
	qadd r4, r5, r5
	R "qadd", r4
	ldr r3, =0x80000010
	qsub r4, r3, r5
	R "qsub sat", r4
	FL 0
	qsub r4, r5, r3
	R "qsub sat2", r4
	FL 0
	ldr r3, =0x40000000
	qdadd r4, r5, r3        @ 2*r3 saturates
	R "qdadd", r4
	FL 0
	qdsub r4, r5, r3
	R "qdsub", r4
	FL 0
	ldr r3, =0x0000ff01
	qdsub r4, r5, r3
	R "qdsub nosat", r4
	ldr r3, =0x12f456f8
	rev.w r4, r3
	R "rev.w", r4
	rev16.w r4, r3
	R "rev16.w", r4
	revsh.w r4, r3
	R "revsh.w", r4
	rbit r4, r3
	R "rbit", r4
	clz r4, r3
	R "clz", r4
	movs r3, #0
	clz r4, r3
	R "clz 0", r4
	movs r3, #1
	clz r4, r3
	R "clz 1", r4
	pop {r4-r11, pc}
	.ltorg
