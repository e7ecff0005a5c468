@ A32 exclusives: LDREX/STREX (word, byte, halfword, doubleword) that
@ succeed and store, STREX after CLREX and after a successful STREX (the
@ monitor is then closed), and unaligned LDREX/LDREXD (alignment fault
@ whatever SCTLR.A says).
@ Expected output: QEMU 7.2, cortex-a15 == a7.
#include "a32_common.inc"

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors
	ldr r4, =buf

	@ word: success, value stored
	ldr r0, =0x11111111
	str r0, [r4]
	ldrex r6, [r4]
	ldr r1, =0xaaaaaaaa
	strex r8, r1, [r4]
	CHECK "ldrex strex", nop
	ldr r6, [r4]
	CHECK "stored", nop
	@ a second STREX: the monitor was closed by the first
	ldr r1, =0xbbbbbbbb
	strex r8, r1, [r4]
	ldr r6, [r4]
	CHECK "strex again fails", nop
	@ CLREX between them
	ldrex r6, [r4]
	clrex
	strex r8, r1, [r4]
	CHECK "clrex then strex", nop
	ldr r6, [r4]
	CHECK "unchanged", nop
	POOL

	@ byte and halfword
	ldr r0, =0x44332211
	str r0, [r4, #8]
	add r5, r4, #9
	ldrexb r6, [r5]
	mov r1, #0xee
	strexb r8, r1, [r5]
	CHECK "ldrexb strexb", nop
	ldr r6, [r4, #8]
	CHECK "after strexb", nop
	add r5, r4, #10
	ldrexh r6, [r5]
	ldr r1, =0xcdef
	strexh r8, r1, [r5]
	CHECK "ldrexh strexh", nop
	ldr r6, [r4, #8]
	CHECK "after strexh", nop
	POOL

	@ doubleword
	ldr r0, =0x01234567
	ldr r1, =0x89abcdef
	strd r0, r1, [r4, #16]
	add r5, r4, #16
	ldrexd r2, r3, [r5]
	mov r6, r2
	mov r8, r3
	CHECK "ldrexd", nop
	ldr r2, =0x76543210
	ldr r3, =0xfedcba98
	strexd r9, r2, r3, [r5]
	mov r6, r9
	CHECK "strexd status", nop
	ldrd r6, r7, [r5]
	mov r8, r7
	CHECK "after strexd", nop
	strexd r9, r2, r3, [r5]
	mov r6, r9
	CHECK "strexd again fails", nop
	POOL

	@ a plain store by this core between LDREX and STREX to the same
	@ location does not matter for the local monitor's address check:
	@ not tested (IMPLEMENTATION DEFINED, A3.4.5)

	@ unaligned: alignment faults, Rd untouched
	add r5, r4, #2
	mov r8, #0x77
1:	ldrex r6, [r5]
	EXC "ldrex unaligned", 1b, buf
	@ (an unaligned STREX with the monitor closed may fail without the
	@ alignment check: IMPLEMENTATION DEFINED order in
	@ ExclusiveMonitorsPass, QEMU checks the monitor first; not tested)
	add r5, r4, #4
1:	ldrexd r2, r3, [r5]
	EXC "ldrexd not 8-aligned", 1b, buf

	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

	.data
	.balign 8
buf:
	.space 32
