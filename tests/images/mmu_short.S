@ Short-descriptor translation at Non-secure PL1 (ARM DDI 0406C B3.5):
@ sections, small and large pages, AP, domains, XN, LDRT, an unmapped
@ section and page, ATS1CPR, and a remap done with the maintenance the
@ architecture asks for (DSB; TLBIMVA; DSB; ISB). Faults are caught by
@ the image's own abort handlers, which record DFSR/DFAR or IFSR/IFAR.
@ PAR is printed masked to PA, NS and F: QEMU leaves the attribute bits
@ of the 32-bit PAR at 0 where hypsim fills them (B4.1.112).
	.syntax unified
	.arm
	.include "macros.inc"

	.equ TT, 0x40400000       @ first-level table, 16 KiB aligned
	.equ L2T, 0x40404000      @ a second-level table
	.equ DATA, 0x40800000     @ the data the aliases point at
	.equ SECT_RW, 0x1c0e      @ section, TEX=001 C=1 B=1 (WB-WA), AP=011
	.equ SECT_RO, 0x940e      @ AP=101: PL1 read-only
	.equ SECT_P1, 0x140e      @ AP=001: PL1 only
	.equ SMALL_RW, 0x7e       @ small page, WB-WA, AP=011
	.equ LARGE_RW, 0x103d     @ large page, WB-WA, AP=011

	.text
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR
	cps #0x17                         @ Abort mode stack
	ldr sp, =0x40f00000
	cps #0x13

	@ clear the tables
	ldr r0, =TT
	mov r1, #0
	mov r2, #(16384 + 1024) / 4
1:	str r1, [r0], #4
	subs r2, r2, #1
	bne 1b

	@ identity sections for 0x40000000..0x40ffffff (image, tables, stack)
	ldr r0, =TT + 4 * 0x400
	ldr r1, =0x40000000 | SECT_RW
	mov r2, #16
2:	str r1, [r0], #4
	add r1, r1, #0x100000
	subs r2, r2, #1
	bne 2b

	ldr r0, =TT + 4 * 0x800
	ldr r1, =DATA | SECT_RW
	str r1, [r0, #4 * 0]          @ 0x80000000 -> DATA
	ldr r1, =DATA | SECT_RO
	str r1, [r0, #4 * 1]          @ 0x80100000 -> DATA, read-only
	ldr r1, =DATA | SECT_RW | (1 << 5)
	str r1, [r0, #4 * 2]          @ 0x80200000 -> DATA, domain 1
	ldr r1, =L2T | 1
	str r1, [r0, #4 * 3]          @ 0x80300000 -> page table
	ldr r1, =DATA | SECT_RW | (1 << 4)
	str r1, [r0, #4 * 4]          @ 0x80400000 -> DATA, XN
	ldr r1, =DATA | SECT_P1
	str r1, [r0, #4 * 5]          @ 0x80500000 -> DATA, PL1 only

	ldr r0, =L2T
	ldr r1, =(DATA + 0x1000) | SMALL_RW
	str r1, [r0]                      @ 0x80300000 -> DATA + 0x1000
	ldr r1, =(DATA + 0x10000) | LARGE_RW
	add r2, r0, #4 * 0x10
	mov r3, #16
3:	str r1, [r2], #4                  @ 0x80310000 -> DATA + 0x10000 (64K)
	subs r3, r3, #1
	bne 3b

	@ data the aliases will read
	ldr r0, =DATA
	ldr r1, =0x11111111
	str r1, [r0, #0x10]
	ldr r1, =0x22222222
	ldr r2, =DATA + 0x1020
	str r1, [r2]
	ldr r1, =0x33333333
	ldr r2, =DATA + 0x10040
	str r1, [r2]
	ldr r1, =0x44444444
	ldr r2, =DATA + 0x100010
	str r1, [r2]

	@ TTBCR = 0 (TTBR0 only), DACR: domain 0 client, domain 1 no access
	mov r0, #0
	mcr p15, 0, r0, c2, c0, 2
	ldr r0, =TT
	mcr p15, 0, r0, c2, c0, 0
	mov r0, #1
	mcr p15, 0, r0, c3, c0, 0
	dsb
	mov r0, #0
	mcr p15, 0, r0, c8, c7, 0         @ TLBIALL
	dsb
	isb
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #1                    @ SCTLR.M
	mcr p15, 0, r0, c1, c0, 0
	isb
	PRINT "mmu on\n"

	ldr r4, =0x80000010
	ldr r5, [r4]
	PRINTKV "section", r5
	ldr r4, =0x80100010
	ldr r5, [r4]
	PRINTKV "ro section", r5
	ldr r4, =0x80300020
	ldr r5, [r4]
	PRINTKV "small page", r5
	ldr r4, =0x80310040
	ldr r5, [r4]
	PRINTKV "large page", r5
	ldr r4, =0x80500010
	ldr r5, [r4]
	PRINTKV "pl1 section", r5

	@ a write through the alias shows at the physical address
	ldr r4, =0x80000014
	ldr r5, =0x55555555
	str r5, [r4]
	ldr r4, =DATA + 0x14
	ldr r5, [r4]
	PRINTKV "via pa", r5

	PRINT "-- data aborts\n"
	ldr r4, =0x80100010
	str r5, [r4]                      @ write to read-only
	bl report_dabt
	ldr r4, =0x80200000
	ldr r5, [r4]                      @ domain no access
	bl report_dabt
	ldr r4, =0x80301000
	ldr r5, [r4]                      @ empty second-level entry
	bl report_dabt
	ldr r4, =0x90000004
	ldr r5, [r4]                      @ empty first-level entry
	bl report_dabt
	ldr r4, =0x80500010
	ldrt r5, [r4]                     @ PL0 access to a PL1-only section
	bl report_dabt

	PRINT "-- prefetch abort\n"
	ldr r0, =fault_count
	mov r1, #0
	str r1, [r0]
	ldr r4, =0x80400000
	blx r4                            @ execute-never
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
	ldr r4, =0x80310044
	mcr p15, 0, r4, c7, c8, 0         @ ATS1CPR
	isb
	mrc p15, 0, r5, c7, c4, 0         @ PAR
	ldr r0, =0xfffff201
	and r5, r5, r0
	PRINTKV "par", r5
	ldr r4, =0x90000000
	mcr p15, 0, r4, c7, c8, 0
	isb
	mrc p15, 0, r5, c7, c4, 0
	PRINTKV "par fault", r5

	PRINT "-- remap\n"
	ldr r0, =TT + 4 * 0x800
	ldr r1, =(DATA + 0x100000) | SECT_RW
	str r1, [r0]
	dsb
	ldr r0, =0x80000000
	mcr p15, 0, r0, c8, c7, 1         @ TLBIMVA
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

@ print and clear what the data abort handler recorded
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
	b .                               @ reset
	b .                               @ undefined
	b .                               @ SVC (semihosting is intercepted)
	b pabt_handler
	b dabt_handler
	b .
	b .
	b .

dabt_handler:
	push {r0, r1}
	ldr r0, =fault_fsr
	mrc p15, 0, r1, c5, c0, 0         @ DFSR
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 0, r1, c6, c0, 0         @ DFAR
	str r1, [r0]
	ldr r0, =fault_count
	ldr r1, [r0]
	add r1, r1, #1
	str r1, [r0]
	pop {r0, r1}
	subs pc, lr, #4                   @ skip the faulting instruction

pabt_handler:
	push {r0, r1}
	ldr r0, =fault_fsr
	mrc p15, 0, r1, c5, c0, 1         @ IFSR
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 0, r1, c6, c0, 2         @ IFAR
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
