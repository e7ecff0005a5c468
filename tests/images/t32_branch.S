@ T32 branches: B<c> (16- and 32-bit, every condition, forwards and
@ backwards), B T2/T4, BL, BLX (immediate) to ARM and back, BLX/BX
@ (register) both ways, CBZ/CBNZ (both polarities, far offsets), TBB/TBH
@ (PC-relative and register tables), and the PC writes that branch: POP
@ {PC}, LDR PC, LDM with PC, MOV PC, ADD PC (with interworking where the
@ manual has it).
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

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	blx tmain
	pop {r4-r11, pc}

@ ARM routines reached from Thumb
	.type arm_add, %function
arm_add:
	add r4, r4, #0x1000
	bx lr
	.type arm_ret_pop, %function
arm_ret_pop:
	push {lr}
	add r4, r4, #0x2000
	pop {pc}                @ LoadWritePC: back to Thumb by LR bit 0

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
	bl bcond
	bl calls
	bl cbz_tests
	bl table_branches
	bl pc_writes
	movs r0, #0
	pop {r4-r11, pc}
	.ltorg

@ B<c> under every condition for two flag values: bit i = cond i taken.
.macro BC16 c, bitv
	b\c 1f
	b 2f
1:	orr r4, r4, #\bitv
2:
.endm
.macro BC32 c, bitv
	b\c\().w 1f
	b.w 2f
1:	orr r4, r4, #\bitv
2:
.endm
.macro BCALL m, flags
	FL \flags
	mov.w r4, #0
	\m eq, 0x1
	\m ne, 0x2
	\m cs, 0x4
	\m cc, 0x8
	\m mi, 0x10
	\m pl, 0x20
	\m vs, 0x40
	\m vc, 0x80
	\m hi, 0x100
	\m ls, 0x200
	\m ge, 0x400
	\m lt, 0x800
	\m gt, 0x1000
	\m le, 0x2000
.endm

	.thumb_func
bcond:
	push {r4-r11, lr}
	PRINT "-- conditional branches\n"
	BCALL BC16, 0x60000000
	R "b16 zc", r4
	BCALL BC16, 0x90000000
	R "b16 nv", r4
	BCALL BC32, 0x20000000
	R "b32 c", r4
	BCALL BC32, 0x80000000
	R "b32 n", r4
	@ backwards conditional branches: a loop counting down
	movs r5, #10
	mov.w r4, #0
3:	adds r4, r4, #3
	subs r5, #1
	bne 3b
	R "loop b16", r4
	movs r5, #7
	mov.w r4, #0
4:	adds r4, r4, #5
	subs r5, #1
	.rept 200               @ out of reach of the 16-bit form
	nop
	.endr
	bne.w 4b
	R "loop b32", r4
	@ a far unconditional B.W (T4) forwards and back
	mov.w r4, #0
	b.w far_fwd
far_back:
	R "b.w far", r4
	pop {r4-r11, pc}
	.ltorg

@ BL, BLX to ARM, BLX/BX register, interworking returns.
	.thumb_func
calls:
	push {r4-r11, lr}
	PRINT "-- calls and interworking\n"
	mov.w r4, #0
	bl t_add                @ BL T1
	R "bl", r4
	blx arm_add             @ BLX (immediate) T2: to ARM
	R "blx arm", r4
	ldr r5, =arm_add
	blx r5                  @ BLX (register) to ARM (bit 0 clear)
	R "blx reg arm", r4
	ldr r5, =t_add
	blx r5                  @ BLX (register) to Thumb (bit 0 set)
	R "blx reg thumb", r4
	bl arm_ret_pop          @ the linker makes it BLX; back by POP {PC}
	R "arm pop pc", r4
	@ LR written by BL/BLX has bit 0 set
	bl get_lr
1:	ldr r6, =1b
	subs r5, r5, r6
	R "lr bit0", r5
	pop {r4-r11, pc}
	.ltorg

	.thumb_func
t_add:
	add r4, r4, #1
	bx lr
	.thumb_func
get_lr:
	mov r5, lr
	bx lr

@ CBZ, CBNZ.
	.thumb_func
cbz_tests:
	push {r4-r11, lr}
	PRINT "-- cbz/cbnz\n"
	mov.w r4, #0
	movs r5, #0
	movs r6, #1
	cbz r5, 1f
	orr r4, r4, #1
1:	cbnz r5, 2f
	orr r4, r4, #2
2:	cbz r6, 3f
	orr r4, r4, #4
3:	cbnz r6, 4f
	orr r4, r4, #8
4:	cbz r5, 5f              @ the furthest offset: 126 bytes
	.rept 62
	nop
	.endr
	orr r4, r4, #0x10
5:	R "cbz", r4
	FL 0x40000000           @ CBZ does not touch the flags
	cbnz r6, 6f
	nop
6:	R "cbz flags", r6
	pop {r4-r11, pc}
	.ltorg

@ TBB/TBH: tables after the instruction (Rn = PC) and elsewhere.
	.thumb_func
table_branches:
	push {r4-r11, lr}
	PRINT "-- tbb/tbh\n"
	mov.w r4, #0
	movs r5, #0
10:	tbb [pc, r5]
tbb_table:
	.byte (tb0 - tbb_table) / 2
	.byte (tb1 - tbb_table) / 2
	.byte (tb2 - tbb_table) / 2
	.byte (tb3 - tbb_table) / 2
tb0:	orr r4, r4, #1
	b 11f
tb1:	orr r4, r4, #0x10
	b 11f
tb2:	orr r4, r4, #0x100
	b 11f
tb3:	orr r4, r4, #0x1000
11:	adds r5, #1
	cmp r5, #4
	bne 10b
	R "tbb pc", r4
	mov.w r4, #0
	movs r5, #0
20:	tbh [pc, r5, lsl #1]
tbh_table:
	.short (th0 - tbh_table) / 2
	.short (th1 - tbh_table) / 2
	.short (th2 - tbh_table) / 2
th0:	orr r4, r4, #2
	b 21f
	.rept 300               @ beyond the reach of a byte table
	nop
	.endr
th1:	orr r4, r4, #0x20
	b 21f
th2:	orr r4, r4, #0x200
21:	adds r5, #1
	cmp r5, #3
	bne 20b
	R "tbh pc", r4
	@ TBB with the table in data: offsets relative to the PC (+4)
	ldr r6, =data_tbb
	mov.w r4, #0
	movs r5, #1
	tbb [r6, r5]
30:	orr r4, r4, #1
	orr r4, r4, #2
	orr r4, r4, #4
	R "tbb reg", r4
	ldr r6, =data_tbh
	mov.w r4, #0
	movs r5, #1
	tbh [r6, r5, lsl #1]
31:	orr r4, r4, #1
	orr r4, r4, #2
	orr r4, r4, #4
	R "tbh reg", r4
	pop {r4-r11, pc}
	.ltorg

@ Branching writes of the PC.
	.thumb_func
pc_writes:
	push {r4-r11, lr}
	PRINT "-- pc writes\n"
	mov.w r4, #0
	adr r5, 1f + 1
	mov pc, r5              @ MOV PC, Rm (BranchWritePC; bit 0 ignored)
	orr r4, r4, #1
	.align 2
1:	movs r6, #4
	add pc, r6              @ ADD PC, Rm: to (this + 4) + 4
	nop
	orr.w r4, r4, #2        @ skipped
	R "mov/add pc", r4
	@ LDR PC with interworking: to ARM and back to Thumb
	mov.w r4, #0
	ldr r5, =arm_add
	ldr r6, =3f + 1
	push {r5}
	mov lr, r6
	ldr pc, [sp], #4        @ LoadWritePC to ARM; returns by BX LR
3:	R "ldr pc arm", r4
	ldr r5, =4f + 1
	push {r5}
	ldr pc, [sp], #4        @ LoadWritePC, Thumb target
	orr r4, r4, #1
4:	R "ldr pc thumb", r4
	@ LDMIA with the PC (T2)
	movs r5, #0x55
	ldr r6, =5f + 1
	push {r5, r6}
	mov r8, sp
	ldmia.w r8!, {r7, pc}
	orr r4, r4, #1
5:	add sp, #8
	mov r5, sp
	subs r5, r8, r5
	R "ldm pc", r7
	R "ldm wb", r5
	@ POP {PC} to ARM (arm_add, which returns by BX LR)
	ldr r5, =arm_add
	ldr lr, =6f + 1
	push {r5}
	pop {pc}
6:	R "pop pc arm", r4
	@ BX to ARM code that comes back with BX LR
	ldr r5, =arm_add
	ldr lr, =7f + 1
	bx r5
7:	R "bx arm", r4
	pop {r4-r11, pc}
	.ltorg

	.rept 2048              @ puts far_fwd > 4 KiB from its caller
	nop
	.endr
	.thumb_func
far_fwd:
	add r4, r4, #0x77
	b.w far_back

	.data
data_tbb:
	.byte 0, 2, 4, 6        @ entry 1: skip one 32-bit orr
	.align 1
data_tbh:
	.short 0, 4, 6          @ entry 1: skip two
