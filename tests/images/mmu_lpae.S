@ Long-descriptor translation at Non-secure PL1 (TTBCR.EAE = 1, ARM DDI
@ 0406C B3.6): TTBR0/TTBR1 split by T0SZ, 2 MiB blocks, 4 KiB pages,
@ MAIR0 attributes, AP[2:1], AF, XN, APTable, translation faults at each
@ level, long-format DFSR/IFSR, ATS1CPR with the 64-bit PAR, and a remap
@ with DSB; TLBIMVA; DSB; ISB.
	.syntax unified
	.arm
	.include "macros.inc"

	.equ L1_0, 0x40400000     @ TTBR0 level 1 (T0SZ = 1: 2 entries)
	.equ L2_RAM, 0x40401000   @ level 2 for 0x40000000..0x7fffffff
	.equ L2_HI, 0x40402000    @ level 2 for 0x80000000..0xbfffffff
	.equ L3_A, 0x40403000
	.equ L3_B, 0x40404000
	.equ L1_1, 0x40405000     @ TTBR1 level 1 (T1SZ = 0: 4 entries)
	.equ DATA, 0x40800000
	.equ BLK_PL1, 0x701       @ block, AF, SH=11, AP=00 (PL1 RW), attr 0
	.equ BLK_RW, 0x741        @ AP=01 (RW at PL1 and PL0)
	.equ BLK_RO, 0x781        @ AP=10 (PL1 read-only)
	.equ PG_NC, 0x747         @ page, AP=01, attr 1 (Non-cacheable)
	.equ PG_RW, 0x743         @ page, AP=01, attr 0

@ store the 64-bit descriptor hi:lo at addr
.macro DESC addr, lo, hi=0
	ldr r0, =\addr
	ldr r2, =\lo
	ldr r3, =\hi
	strd r2, r3, [r0]
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR
	cps #0x17
	ldr sp, =0x40f00000
	cps #0x13

	ldr r0, =L1_0
	mov r1, #0
	mov r2, #(6 * 4096) / 4
1:	str r1, [r0], #4
	subs r2, r2, #1
	bne 1b

	@ TTBR0: 0x40000000..0x7fffffff through L2_RAM, identity for 16 MiB
	DESC L1_0 + 8, L2_RAM | 3
	ldr r0, =L2_RAM
	ldr r2, =0x40000000 | BLK_PL1
	mov r3, #0
	mov r4, #8
2:	strd r2, r3, [r0], #8
	add r2, r2, #0x200000
	subs r4, r4, #1
	bne 2b

	@ TTBR1: 0x80000000..0xbfffffff through L2_HI, nothing above
	DESC L1_1 + 16, L2_HI | 3
	DESC L2_HI + 0, DATA | BLK_RW               @ 0x80000000
	DESC L2_HI + 8, DATA | BLK_RO               @ 0x80200000
	DESC L2_HI + 16, L3_A | 3                   @ 0x80400000
	DESC L2_HI + 24, L3_B | 3, 0x20000000       @ 0x80600000, APTable[0]
	DESC L3_A + 0, (DATA + 0x1000) | PG_NC      @ 0x80400000
	DESC L3_A + 8, (DATA + 0x1000) | (PG_NC & ~0x400) @ AF = 0
	DESC L3_A + 24, DATA | PG_RW, 0x00400000    @ 0x80403000, XN
	DESC L3_B + 0, DATA | PG_RW                 @ 0x80600000

	ldr r0, =DATA
	ldr r1, =0x11111111
	str r1, [r0, #0x10]
	ldr r1, =0x22222222
	ldr r2, =DATA + 0x1020
	str r1, [r2]
	ldr r1, =0x33333333
	ldr r2, =DATA + 0x200010
	str r1, [r2]

	ldr r0, =0x000044ff               @ MAIR0: attr0 WB-WA, attr1 NC
	mcr p15, 0, r0, c10, c2, 0
	ldr r0, =0x80000001               @ TTBCR: EAE, T0SZ = 1, T1SZ = 0
	mcr p15, 0, r0, c2, c0, 2
	ldr r0, =L1_0
	mov r1, #0
	mcrr p15, 0, r0, r1, c2           @ TTBR0
	ldr r0, =L1_1
	mcrr p15, 1, r0, r1, c2           @ TTBR1
	dsb
	mcr p15, 0, r0, c8, c7, 0         @ TLBIALL
	dsb
	isb
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #1
	mcr p15, 0, r0, c1, c0, 0
	isb
	PRINT "mmu on\n"

	ldr r4, =0x80000010
	ldr r5, [r4]
	PRINTKV "block", r5
	ldr r4, =0x80200010
	ldr r5, [r4]
	PRINTKV "ro block", r5
	ldr r4, =0x80400020
	ldr r5, [r4]
	PRINTKV "page", r5
	ldr r4, =0x80600010
	ldr r5, [r4]
	PRINTKV "aptable page", r5

	PRINT "-- data aborts\n"
	ldr r4, =0x80200010
	str r5, [r4]
	bl report_dabt
	ldr r4, =0x80401000
	ldr r5, [r4]
	bl report_dabt
	ldr r4, =0x80402000
	ldr r5, [r4]
	bl report_dabt
	ldr r4, =0x80800000
	ldr r5, [r4]
	bl report_dabt
	ldr r4, =0xc0000000
	ldr r5, [r4]
	bl report_dabt
	ldr r4, =0x80600010
	ldrt r5, [r4]
	bl report_dabt
	ldr r4, =0x80000010
	ldrt r5, [r4]
	PRINTKV "ldrt ok", r5

	PRINT "-- prefetch abort\n"
	ldr r0, =fault_count
	mov r1, #0
	str r1, [r0]
	ldr r4, =0x80403000
	blx r4
pabt_resume:
	ldr r0, =fault_count
	ldr r0, [r0]
	PRINTKV "count", r0
	ldr r0, =fault_fsr
	ldr r0, [r0]
	PRINTKV "ifsr", r0
	ldr r0, =fault_far
	ldr r0, [r0]
	PRINTKV "ifar", r0

	PRINT "-- ats1cpr\n"
	ldr r4, =0x80400024
	mcr p15, 0, r4, c7, c8, 0
	isb
	mrrc p15, 0, r5, r6, c7
	PRINTKV "par lo", r5
	PRINTKV "par hi", r6
	ldr r4, =0x80200000
	mcr p15, 0, r4, c7, c8, 1         @ ATS1CPW on read-only
	isb
	mrrc p15, 0, r5, r6, c7
	PRINTKV "par lo", r5
	PRINTKV "par hi", r6

	PRINT "-- remap\n"
	DESC L2_HI + 0, (DATA + 0x200000) | BLK_RW
	dsb
	ldr r0, =0x80000000
	mcr p15, 0, r0, c8, c7, 1         @ TLBIMVA (ASID 0)
	dsb
	isb
	ldr r4, =0x80000010
	ldr r5, [r4]
	PRINTKV "remapped", r5

	mrc p15, 0, r0, c1, c0, 0
	bic r0, r0, #1
	mcr p15, 0, r0, c1, c0, 0
	isb
	PRINT "mmu off\n"
	mov r0, #0
	pop {r4-r11, pc}

report_dabt:
	push {r4, lr}
	ldr r0, =fault_count
	ldr r0, [r0]
	PRINTKV "count", r0
	ldr r0, =fault_fsr
	ldr r0, [r0]
	PRINTKV "dfsr", r0
	ldr r0, =fault_far
	ldr r0, [r0]
	PRINTKV "dfar", r0
	ldr r0, =fault_count
	mov r1, #0
	str r1, [r0]
	pop {r4, pc}

	.balign 32
vectors:
	b .
	b .
	b .
	b pabt_handler
	b dabt_handler
	b .
	b .
	b .

dabt_handler:
	push {r0, r1}
	ldr r0, =fault_fsr
	mrc p15, 0, r1, c5, c0, 0
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 0, r1, c6, c0, 0
	str r1, [r0]
	ldr r0, =fault_count
	ldr r1, [r0]
	add r1, r1, #1
	str r1, [r0]
	pop {r0, r1}
	subs pc, lr, #4

pabt_handler:
	push {r0, r1}
	ldr r0, =fault_fsr
	mrc p15, 0, r1, c5, c0, 1
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 0, r1, c6, c0, 2
	str r1, [r0]
	ldr r0, =fault_count
	ldr r1, [r0]
	add r1, r1, #1
	str r1, [r0]
	pop {r0, r1}
	ldr lr, =pabt_resume
	movs pc, lr

	.data
	.balign 4
fault_count: .word 0
fault_fsr: .word 0
fault_far: .word 0
