@ dcc_hello: write a string through the debug communications channel
@ (DDI 0406C "DCC and ITR access modes", C11 DBGDTRTXint): for each byte,
@ wait for
@ DBGDSCRint.TXfull (bit 29) to be clear, then write the byte to
@ DBGDTRTXint with MCR p14, 0, Rt, c0, c5, 0; the last line goes through
@ LDC p14, c5 (one word per instruction) with post-indexed and offset
@ addressing. Then it checks from User mode (PL0 may use the DCC unless
@ DBGDSCR.UDCCdis) and prints the flags through semihosting.
@ `hypsim run --dcc stdout` (the hypsim-run line below, so the image test
@ runs it that way) interleaves the DCC text with the semihosting lines;
@ without the option the words are discarded and only the semihosting
@ lines appear (tests/unit/test_cp14_pmu.c checks the discarding). Not
@ compared with QEMU, which has no host side for the DCC.
@ hypsim-run: --dcc stdout
	.syntax unified
	.arm
	.include "macros.inc"

	.text
	.global main
main:
	push {r4-r6, lr}
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0       @ VBAR: the SVC below comes back
	isb
	ldr r4, =msg
1:	ldrb r0, [r4], #1
	cmp r0, #0
	beq 3f
2:	mrc p14, 0, r1, c0, c1, 0        @ DBGDSCRint
	tst r1, #(1 << 29)               @ TXfull
	bne 2b
	mcr p14, 0, r0, c0, c5, 0        @ DBGDTRTXint
	b 1b
3:	@ LDC: post-indexed through words, then one with an offset
	ldr r4, =words
	ldc p14, c5, [r4], #4            @ 'L'
	ldc p14, c5, [r4], #4            @ 'D'
	ldc p14, c5, [r4], #4            @ 'C'
	ldc p14, c5, [r4, #4]            @ '\n' (words + 16), no writeback
	ldr r5, =words + 12
	sub r5, r4, r5
	PRINTKV "LDC writeback", r5
	@ User mode: the DCC is usable at PL0 (DBGDSCR.UDCCdis = 0)
	cps #0x10
	mov r0, #'U'
	mcr p14, 0, r0, c0, c5, 0
	mov r0, #'\n'
	mcr p14, 0, r0, c0, c5, 0
	mrc p14, 0, r6, c0, c1, 0
	svc #0xfe                        @ back to SVC mode, at 4:
4:	ldr r0, =0x60000000              @ RXfull, TXfull
	and r6, r6, r0
	PRINTKV "DBGDSCRint flags", r6
	mov r0, #0
	pop {r4-r6, pc}
	.ltorg

	.balign 32
vectors:
	.rept 2
	b .
	.endr
	b 4b                             @ SVC: continue in SVC mode
	.rept 5
	b .
	.endr

	.data
msg:
	.asciz "hello from the DCC\n"
	.balign 4
words:
	.word 'L', 'D', 'C', 0x21, '\n'
