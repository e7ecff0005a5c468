@ T32 IT blocks (A2.5.2, A8.8.55): every condition under every NZCV value,
@ every mask length and then/else pattern, the 16-bit flag-setting rule
@ inside and outside a block, 32-bit S forms inside a block, branches as the
@ last instruction of a block (t32_it_semihost.S has the semihosting SVC in
@ a block). Generated once by a small script; edit freely.
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
.macro FL v
	mov ip, #\v
	msr APSR_nzcvqg, ip
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =tmain
	blx r0                  @ ARM -> Thumb, BLX (register)
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
	bl conds_all
	bl masks_all
	bl flags_rule
	bl branches
	movs r0, #0
	pop {r4-r11, pc}        @ POP {PC} to ARM state
	.ltorg

@ Every condition (bit i of r4 = condition i passed) for every NZCV.
	.thumb_func
conds_all:
	push {r4-r11, lr}
	PRINT "-- conditions\n"

	FL 0x00000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0000", r4
	FL 0x10000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0001", r4
	FL 0x20000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0010", r4
	FL 0x30000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0011", r4
	FL 0x40000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0100", r4
	FL 0x50000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0101", r4
	FL 0x60000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0110", r4
	FL 0x70000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=0111", r4
	FL 0x80000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1000", r4
	FL 0x90000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1001", r4
	FL 0xa0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1010", r4
	FL 0xb0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1011", r4
	FL 0xc0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1100", r4
	FL 0xd0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1101", r4
	FL 0xe0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1110", r4
	FL 0xf0000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	it ne
	orrne r4, r4, #2
	it cs
	orrcs r4, r4, #4
	it cc
	orrcc r4, r4, #8
	it mi
	orrmi r4, r4, #16
	it pl
	orrpl r4, r4, #32
	it vs
	orrvs r4, r4, #64
	it vc
	orrvc r4, r4, #128
	it hi
	orrhi r4, r4, #256
	it ls
	orrls r4, r4, #512
	it ge
	orrge r4, r4, #1024
	it lt
	orrlt r4, r4, #2048
	it gt
	orrgt r4, r4, #4096
	it le
	orrle r4, r4, #8192
	.short 0xbfe8            @ it al (GAS refuses AL blocks)
	orr r4, r4, #16384
	R "nzcv=1111", r4
	pop {r4-r11, pc}
	.ltorg

@ Every then/else pattern of 1..4 instructions, for a passing and a failing
@ first condition; each slot ORs its own bit, so the result shows which ran.
	.thumb_func
masks_all:
	push {r4-r11, lr}
	PRINT "-- masks\n"

	FL 0x40000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	R "it eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	R "itt eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	ite eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	R "ite eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	ittt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	R "ittt eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itte eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	R "itte eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itet eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	R "itet eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itee eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	R "itee eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itttt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	orreq r4, r4, #8
	R "itttt eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	ittte eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	orrne r4, r4, #8
	R "ittte eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	ittet eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	orreq r4, r4, #8
	R "ittet eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	ittee eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	orrne r4, r4, #8
	R "ittee eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itett eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	orreq r4, r4, #8
	R "itett eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	itete eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	orrne r4, r4, #8
	R "itete eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	iteet eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	orreq r4, r4, #8
	R "iteet eq f=4", r4
	FL 0x40000000
	mov.w r4, #0
	iteee eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	orrne r4, r4, #8
	R "iteee eq f=4", r4
	FL 0x00000000
	mov.w r4, #0
	it eq
	orreq r4, r4, #1
	R "it eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	R "itt eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	ite eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	R "ite eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	ittt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	R "ittt eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itte eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	R "itte eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itet eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	R "itet eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itee eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	R "itee eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itttt eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	orreq r4, r4, #8
	R "itttt eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	ittte eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orreq r4, r4, #4
	orrne r4, r4, #8
	R "ittte eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	ittet eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	orreq r4, r4, #8
	R "ittet eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	ittee eq
	orreq r4, r4, #1
	orreq r4, r4, #2
	orrne r4, r4, #4
	orrne r4, r4, #8
	R "ittee eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itett eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	orreq r4, r4, #8
	R "itett eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	itete eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orreq r4, r4, #4
	orrne r4, r4, #8
	R "itete eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	iteet eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	orreq r4, r4, #8
	R "iteet eq f=0", r4
	FL 0x00000000
	mov.w r4, #0
	iteee eq
	orreq r4, r4, #1
	orrne r4, r4, #2
	orrne r4, r4, #4
	orrne r4, r4, #8
	R "iteee eq f=0", r4
	FL 0x20000000
	mov.w r4, #0
	it hi
	orrhi r4, r4, #1
	R "it hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itt hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	R "itt hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	ite hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	R "ite hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	ittt hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrhi r4, r4, #4
	R "ittt hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itte hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrls r4, r4, #4
	R "itte hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itet hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrhi r4, r4, #4
	R "itet hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itee hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrls r4, r4, #4
	R "itee hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itttt hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrhi r4, r4, #4
	orrhi r4, r4, #8
	R "itttt hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	ittte hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrhi r4, r4, #4
	orrls r4, r4, #8
	R "ittte hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	ittet hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrls r4, r4, #4
	orrhi r4, r4, #8
	R "ittet hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	ittee hi
	orrhi r4, r4, #1
	orrhi r4, r4, #2
	orrls r4, r4, #4
	orrls r4, r4, #8
	R "ittee hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itett hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrhi r4, r4, #4
	orrhi r4, r4, #8
	R "itett hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	itete hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrhi r4, r4, #4
	orrls r4, r4, #8
	R "itete hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	iteet hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrls r4, r4, #4
	orrhi r4, r4, #8
	R "iteet hi f=2", r4
	FL 0x20000000
	mov.w r4, #0
	iteee hi
	orrhi r4, r4, #1
	orrls r4, r4, #2
	orrls r4, r4, #4
	orrls r4, r4, #8
	R "iteee hi f=2", r4
	FL 0x90000000
	mov.w r4, #0
	it ge
	orrge r4, r4, #1
	R "it ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itt ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	R "itt ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ite ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	R "ite ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittt ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	R "ittt ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itte ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	R "itte ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itet ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	R "itet ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itee ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	R "itee ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itttt ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	orrge r4, r4, #8
	R "itttt ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittte ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	orrlt r4, r4, #8
	R "ittte ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittet ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	orrge r4, r4, #8
	R "ittet ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittee ge
	orrge r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	orrlt r4, r4, #8
	R "ittee ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itett ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	orrge r4, r4, #8
	R "itett ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itete ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	orrlt r4, r4, #8
	R "itete ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	iteet ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	orrge r4, r4, #8
	R "iteet ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	iteee ge
	orrge r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	orrlt r4, r4, #8
	R "iteee ge f=9", r4
	FL 0x90000000
	mov.w r4, #0
	it lt
	orrlt r4, r4, #1
	R "it lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itt lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	R "itt lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ite lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	R "ite lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittt lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	R "ittt lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itte lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	R "itte lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itet lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	R "itet lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itee lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	R "itee lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itttt lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	orrlt r4, r4, #8
	R "itttt lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittte lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrlt r4, r4, #4
	orrge r4, r4, #8
	R "ittte lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittet lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	orrlt r4, r4, #8
	R "ittet lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	ittee lt
	orrlt r4, r4, #1
	orrlt r4, r4, #2
	orrge r4, r4, #4
	orrge r4, r4, #8
	R "ittee lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itett lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	orrlt r4, r4, #8
	R "itett lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	itete lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrlt r4, r4, #4
	orrge r4, r4, #8
	R "itete lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	iteet lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	orrlt r4, r4, #8
	R "iteet lt f=9", r4
	FL 0x90000000
	mov.w r4, #0
	iteee lt
	orrlt r4, r4, #1
	orrge r4, r4, #2
	orrge r4, r4, #4
	orrge r4, r4, #8
	R "iteee lt f=9", r4
	mov.w r4, #0
	.short 0xbfe8            @ it al
	orr r4, r4, #1
	R "it al", r4
	mov.w r4, #0
	.short 0xbfe4            @ itt al
	orr r4, r4, #1
	orr r4, r4, #2
	R "itt al", r4
	mov.w r4, #0
	.short 0xbfe2            @ ittt al
	orr r4, r4, #1
	orr r4, r4, #2
	orr r4, r4, #4
	R "ittt al", r4
	mov.w r4, #0
	.short 0xbfe1            @ itttt al
	orr r4, r4, #1
	orr r4, r4, #2
	orr r4, r4, #4
	orr r4, r4, #8
	R "itttt al", r4
	pop {r4-r11, pc}
	.ltorg

@ 16-bit data processing sets the flags only outside an IT block; the
@ compares and the 32-bit S forms always do. GAS refuses IT AL blocks, so
@ they are written as .short, followed by the 16-bit encodings (which GAS
@ spells with S outside a block).
	.thumb_func
flags_rule:
	push {r4-r11, lr}
	PRINT "-- flag setting\n"
	FL 0xf0000000
	movs r4, #0
	R "movs outside", r4
	FL 0xf0000000
	mov.w r5, #0
	mov.w r6, #3
	.short 0xbfe1           @ itttt al
	movs r4, #0             @ MOV (immediate) T1
	adds r4, r4, r6         @ ADD (register) T1
	subs r4, #3             @ SUB (immediate) T2
	lsls r4, r6, #31        @ LSL (immediate) T1
	R "16-bit in IT", r4
	FL 0xf0000000
	.short 0xbfe2           @ ittt al
	ands r4, r5             @ AND T1
	muls r4, r5, r4         @ MUL T1
	mvns r4, r5             @ MVN T1
	R "logic in IT", r4
	FL 0xf0000000
	.short 0xbfe2           @ ittt al
	rsbs r4, r5, #0         @ NEG
	adcs r4, r5             @ ADC: C in, no flags out
	movs r4, r5             @ LSL #0 form (MOVS Rd, Rm T2) in IT
	R "neg/adc/movs in IT", r4
	FL 0x00000000
	.short 0xbfe8           @ it al
	cmp r5, #0              @ CMP always sets the flags
	R "cmp in IT", r5
	FL 0x00000000
	.short 0xbfe8           @ it al
	tst r5, r5
	R "tst in IT", r5
	FL 0x00000000
	.short 0xbfe8           @ it al
	adds.w r4, r5, #0       @ 32-bit S form in IT sets the flags
	R "adds.w in IT", r4
	FL 0x00000000
	.short 0xbfe4           @ itt al
	lsls r4, r6, #1
	asrs r4, r6, #1
	R "shifts in IT", r4
	FL 0x00000000
	movs r4, r5             @ MOVS Rd, Rm outside: flags
	R "movs rd,rm", r4
	FL 0x00000000
	ite eq                  @ Z=0: first fails, second runs
	addeq r4, r4, #1
	addne r4, r4, #2
	R "ite eq z=0", r4
	FL 0x40000000
	itet eq
	moveq r4, #1
	movne r4, #2
	cmpeq r4, #1            @ compare in the block changes later slots' flags only
	R "itet cmp", r4
	@ a compare inside a block decides the remaining slots
	FL 0x40000000
	mov.w r4, #0
	itte eq
	moveq r6, #5
	cmpeq r6, #6            @ clears Z
	orrne r4, r4, #1        @ runs: the condition is tested on the new flags
	R "cmp in block", r4
	pop {r4-r11, pc}
	.ltorg

@ Branches as the last instruction of a block, a branch over a block, BL
@ inside a block.
	.thumb_func
branches:
	push {r4-r11, lr}
	PRINT "-- branches in IT\n"
	mov.w r4, #0
	FL 0x40000000
	ite eq
	orreq r4, r4, #1
	bne 1f                  @ B T2 as last instruction: not taken
	orr r4, r4, #2
1:	FL 0x00000000
	ite eq
	orreq r4, r4, #4
	bne.w 2f                @ B T4 in IT, taken
	orr r4, r4, #8
2:	R "b in IT", r4
	mov.w r4, #0
	FL 0x40000000
	itt eq
	moveq r4, #7
	bleq sub1               @ BL as last instruction
	R "bl in IT", r4
	FL 0x00000000
	itt eq
	moveq r4, #9
	bleq sub1               @ not taken
	R "bl not taken", r4
	ldr r5, =sub1
	FL 0x40000000
	it eq
	blxeq r5                @ BLX (register) last in block
	R "blx in IT", r4
	adr r5, 3f
	adds r5, #1             @ Thumb bit
	mov.w r4, #0
	FL 0x40000000
	itt eq
	orreq r4, r4, #1
	bxeq r5                 @ BX last in block
	orr r4, r4, #2
3:	R "bx in IT", r4
	@ an instruction whose condition fails inside a block is a NOP, even
	@ a load from an address that would fault
	mov.w r5, #0
	FL 0x00000000
	it eq
	ldreq r4, [r5, #-4]
	R "ldr skipped", r5
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
sub1:
	add r4, r4, #0x100
	bx lr
