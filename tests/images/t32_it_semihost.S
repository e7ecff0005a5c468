@ A semihosting SVC 0xAB inside a Thumb IT block. The SVC advances ITSTATE
@ like any SVC (TakeSVCException, ARM DDI 0406C B1.9.8; a semihosting call
@ returns to the next instruction as the SVC handler would), so the rest
@ of the block runs under its own conditions.
@
@ QEMU 7.2 is known wrong here: its semihosting path returns without
@ ITAdvance, so the instruction after the SVC runs under the SVC's
@ condition. This .expect holds the manual's result, checked by hand:
@ block 1 (Z set, ittet eq): orreq runs (bit 0), the SVC, orrne fails,
@ orreq runs (bit 3): r4 = 9 (QEMU: 5). Block 2 (Z clear, itete ne) has a
@ failing SVC: bits 0 and 1, r5 = 3 in both. Block 3 (ite ne): the SVC
@ runs and the else slot orreq fails: r5 stays 3 (QEMU: 0x13).
	.syntax unified
	.include "macros.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	blx tmain
	pop {r4-r11, pc}

	.thumb
	.thumb_func
tmain:
	push {r4-r11, lr}
	adr r1, char            @ SYS_WRITEC takes a pointer to the character
	movs r0, #3
	mov.w r4, #0
	mov.w ip, #0x40000000   @ Z set: EQ passes
	msr APSR_nzcvq, ip
	ittet eq
	orreq r4, r4, #1
	svceq 0xab              @ prints '!'
	orrne r4, r4, #4
	orreq r4, r4, #8
	bl print_nl
	PRINTKV "r4", r4
	@ which slots ran, as bits
	mov.w r5, #0
	adr r1, char
	movs r0, #3
	mov.w ip, #0            @ Z clear: NE passes
	msr APSR_nzcvq, ip
	itete ne
	orrne r5, r5, #1
	svceq 0xab              @ fails: no output
	orrne r5, r5, #2
	orreq r5, r5, #4
	adr r1, char
	movs r0, #3
	ite ne
	svcne 0xab              @ prints '!'
	orreq r5, r5, #0x10     @ fails
	bl print_nl
	PRINTKV "slots", r5
	movs r0, #0
	pop {r4-r11, pc}
	.align 2
char:	.byte '!', 0, 0, 0
	.ltorg
