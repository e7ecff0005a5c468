@ T32 multiplies and divides (A6.3.16, A6.3.17): MUL/MLA/MLS, the
@ halfword and word-by-halfword forms with the Q flag, dual multiplies,
@ most-significant-word multiplies with rounding, USAD8/USADA8, the long
@ multiplies (signed/unsigned, accumulate, UMAAL, SMLALxy, SMLALD/SMLSLD)
@ and SDIV/UDIV with the edge cases (divide by zero, INT_MIN / -1).
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
.macro FL v
	mov ip, #\v
	msr APSR_nzcvqg, ip
.endm
@ long result: print lo and hi
.macro R2 name, lo, hi
	R "\name lo", \lo
	R "\name hi", \hi
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

	.thumb_func
tmain:
	push {r4-r11, lr}
	bl mul32
	bl mul_long
	bl divide
	movs r0, #0
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
mul32:
	push {r4-r11, lr}
	PRINT "-- multiplies\n"
	FL 0xf0000000           @ none of these touches NZCV
	ldr r5, =0x12345678
	ldr r6, =0x9abcdef0
	ldr r7, =0x0badcafe
	mul r4, r5, r6
	R "mul", r4
	mla r4, r5, r6, r7
	R "mla", r4
	mls r4, r5, r6, r7
	R "mls", r4
	FL 0
	ldr r5, =0x7fff8000
	ldr r6, =0x80007fff
	smulbb r4, r5, r6
	R "smulbb", r4
	smulbt r4, r5, r6
	R "smulbt", r4
	smultb r4, r5, r6
	R "smultb", r4
	smultt r4, r5, r6
	R "smultt", r4
	ldr r7, =0x7fffffff
	smlabb r4, r5, r6, r7
	R "smlabb", r4
	FL 0
	smlatt r4, r5, r6, r7
	R "smlatt", r4
	FL 0
	smlabt r4, r5, r6, r7
	R "smlabt", r4
	FL 0
	smlatb r4, r5, r6, r7
	R "smlatb", r4
	FL 0
	smulwb r4, r6, r5
	R "smulwb", r4
	smulwt r4, r6, r5
	R "smulwt", r4
	smlawb r4, r6, r5, r7
	R "smlawb", r4
	FL 0
	smlawt r4, r6, r5, r7
	R "smlawt", r4
	FL 0
	ldr r5, =0x80008000
	ldr r6, =0x80008000
	smuad r4, r5, r6        @ 2 * 2^30 = 2^31: Q
	R "smuad q", r4
	FL 0
	ldr r5, =0x00030004
	ldr r6, =0x00050006
	smuad r4, r5, r6
	R "smuad", r4
	smuadx r4, r5, r6
	R "smuadx", r4
	smusd r4, r5, r6
	R "smusd", r4
	smusdx r4, r5, r6
	R "smusdx", r4
	ldr r7, =0x100
	smlad r4, r5, r6, r7
	R "smlad", r4
	smladx r4, r5, r6, r7
	R "smladx", r4
	smlsd r4, r5, r6, r7
	R "smlsd", r4
	smlsdx r4, r5, r6, r7
	R "smlsdx", r4
	FL 0
	ldr r5, =0x40000000
	ldr r6, =0x00000006
	ldr r7, =0x80000001
	smmul r4, r5, r6
	R "smmul", r4
	ldr r6, =0x00000003
	smmul r4, r5, r6
	R "smmul 3", r4
	smmulr r4, r5, r6
	R "smmulr 3", r4
	smmla r4, r5, r6, r7
	R "smmla", r4
	smmlar r4, r5, r6, r7
	R "smmlar", r4
	smmls r4, r5, r6, r7
	R "smmls", r4
	smmlsr r4, r5, r6, r7
	R "smmlsr", r4
	ldr r5, =0x10ff2080
	ldr r6, =0x20013090
	usad8 r4, r5, r6
	R "usad8", r4
	ldr r7, =0x1000
	usada8 r4, r5, r6, r7
	R "usada8", r4
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
mul_long:
	push {r4-r11, lr}
	PRINT "-- long multiplies\n"
	FL 0xf0000000
	ldr r5, =0x87654321
	ldr r6, =0xfedcba98
	smull r3, r4, r5, r6
	R2 "smull", r3, r4
	umull r3, r4, r5, r6
	R2 "umull", r3, r4
	ldr r3, =0xffffffff
	ldr r4, =0x00000001
	smlal r3, r4, r5, r6
	R2 "smlal", r3, r4
	ldr r3, =0xffffffff
	ldr r4, =0x00000001
	umlal r3, r4, r5, r6
	R2 "umlal", r3, r4
	ldr r3, =0xffffffff
	ldr r4, =0xffffffff
	umaal r3, r4, r5, r6
	R2 "umaal", r3, r4
	ldr r3, =0xffffffff
	ldr r4, =0x7fffffff
	smlalbb r3, r4, r5, r6
	R2 "smlalbb", r3, r4
	movs r3, #0
	movs r4, #0
	smlalbt r3, r4, r5, r6
	R2 "smlalbt", r3, r4
	smlaltb r3, r4, r5, r6
	R2 "smlaltb", r3, r4
	smlaltt r3, r4, r5, r6
	R2 "smlaltt", r3, r4
	movs r3, #5
	movs r4, #0
	smlald r3, r4, r5, r6
	R2 "smlald", r3, r4
	smlaldx r3, r4, r5, r6
	R2 "smlaldx", r3, r4
	smlsld r3, r4, r5, r6
	R2 "smlsld", r3, r4
	smlsldx r3, r4, r5, r6
	R2 "smlsldx", r3, r4
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
divide:
	push {r4-r11, lr}
	PRINT "-- divide\n"
	FL 0
	ldr r5, =1000003
	movs r6, #7
	sdiv r4, r5, r6
	R "sdiv", r4
	udiv r4, r5, r6
	R "udiv", r4
	ldr r5, =-1000003
	sdiv r4, r5, r6
	R "sdiv neg", r4
	udiv r4, r5, r6
	R "udiv big", r4
	movs r6, #0
	sdiv r4, r5, r6         @ by zero: 0 (no trap on these cores)
	R "sdiv /0", r4
	udiv r4, r5, r6
	R "udiv /0", r4
	ldr r5, =0x80000000
	mov.w r6, #-1
	sdiv r4, r5, r6         @ INT_MIN / -1 = INT_MIN
	R "sdiv min/-1", r4
	udiv r4, r5, r6
	R "udiv min/max", r4
	pop {r4-r11, pc}
	.ltorg
