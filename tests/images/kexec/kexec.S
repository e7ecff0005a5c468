@ kexec-style HYP teardown (docs/history.md 5; issue 9).
@ hypsim-run: --entry hyp --dcache-model on
@
@ HYP runs with its MMU and caches on (identity map, Write-Back memory) and
@ copies a new image to NEW_IMAGE, where memory still holds the previous
@ one (a branch to itself). To reboot into it, HYP is put back as it was at
@ boot: HVBAR moves to a physical trampoline, the caches go off (HSCTLR.I,
@ C, A clear), then the MMU (HSCTLR restored to its boot value),
@ TLBIALLH, and a branch to the new image with everything off.
@
@ With -DCLEAN_TO_POC the copy is cleaned to the Point of Coherency first
@ (DCCIMVAC per line, DSB) and the new image runs. Without it the copy is
@ still in dirty data-cache lines when the caches go off: the fetch reads
@ memory and finds the old image. Only visible with --dcache-model on.
	.syntax unified
	.arm
	.include "macros.inc"

#define HYP_PGD     0x40500000
#define NEW_IMAGE   0x40600000
#define HSCTLR_BOOT 0x30c50878
#define HSCTLR_ON   0x30c5187d      /* M, C, I */
#define BLOCK_ATTRS 0x75d           /* AF, SH inner, AP 01, AttrIndx 7 (WB) */

	.text
	.global main
main:
	@ HYP identity map: one 1 GiB block at 0x40000000, Write-Back
	ldr r0, =HYP_PGD
	mov r2, #0
	mov r3, #0
	strd r2, r3, [r0]
	strd r2, r3, [r0, #16]
	strd r2, r3, [r0, #24]
	ldr r2, =0x40000000 + BLOCK_ATTRS
	strd r2, r3, [r0, #8]
	dsb ish
	mov r1, #0
	mcrr p15, 4, r0, r1, c2         @ HTTBR
	ldr r0, =0x80003500
	mcr p15, 4, r0, c2, c0, 2       @ HTCR
	ldr r0, =0xeeaa4400
	mcr p15, 4, r0, c10, c2, 0      @ HMAIR0
	ldr r0, =0xff000004
	mcr p15, 4, r0, c10, c2, 1      @ HMAIR1: index 7 = Write-Back
	mcr p15, 4, r0, c8, c7, 0       @ TLBIALLH
	dsb ish
	ldr r0, =HSCTLR_ON
	mcr p15, 4, r0, c1, c0, 0
	isb
	PRINT "kexec: HYP MMU and caches on, loading the new image\n"

	@ copy the new image over the old one (through the data cache)
	ldr r0, =NEW_IMAGE
	ldr r1, =new_image_start
	ldr r2, =new_image_end
1:	ldr r3, [r1], #4
	str r3, [r0], #4
	cmp r1, r2
	blo 1b

#ifdef CLEAN_TO_POC
	ldr r0, =NEW_IMAGE
	ldr r2, =NEW_IMAGE + 256
2:	mcr p15, 0, r0, c7, c14, 1      @ DCCIMVAC: clean and invalidate to PoC
	add r0, r0, #64
	cmp r0, r2
	blo 2b
	dsb ish
#endif
	@ teardown: physical trampoline vectors, caches off, MMU off
	ldr r0, =trampoline_vectors
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR
	mrc p15, 4, r0, c1, c0, 0
	bic r0, r0, #(1 << 12)          @ I
	bic r0, r0, #(1 << 2) | (1 << 1) @ C, A
	mcr p15, 4, r0, c1, c0, 0
	isb
	ldr r0, =HSCTLR_BOOT            @ MMU off: HSCTLR as at boot
	mcr p15, 4, r0, c1, c0, 0
	mcr p15, 4, r0, c8, c7, 0       @ TLBIALLH
	dsb ish
	isb
	ldr r0, =NEW_IMAGE
	bx r0
	.ltorg

	.align 5
trampoline_vectors:
	b .
	b .
	b .
	b .
	b .
	b .
	b .
	b .

@ The new image: position independent, copied to NEW_IMAGE.
	.align 2
new_image_start:
	adr r0, new_msg
	mov r1, r0
	mov r0, #0x04                   @ SYS_WRITE0
	svc 0x123456
	mov r0, #0x18                   @ SYS_EXIT, ADP_Stopped_ApplicationExit
	ldr r1, =0x20026
	svc 0x123456
	b .
	.ltorg
new_msg:
	.asciz "kexec: new image running\n"
	.align 2
new_image_end:

@ What memory holds at NEW_IMAGE before the copy: the previous image, here
@ a branch to itself.
	.section .old_image, "ax"
	.rept 64
	b .
	.endr
