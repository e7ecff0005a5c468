@ HYP init on a board whose RAM is all above 4 GiB (history.md 4,
@ Keystone): RAM at PA 0x8_0000_0000, and a 16 MiB boot window onto its
@ start at PA 0x8000_0000 (hypsim run --mem-base 0x800000000
@ --mem-alias 0x80000000:16M --entry hyp). The image runs from the window
@ with the MMU off, then HYP maps VA 0x80000000 (1 GiB) and turns its MMU
@ on and uses memory beyond the window (its stack at VA 0x82000000).
@ -DVIRT_TO_PHYS_ASSUMES_ALIAS: the tables take the window's address for
@ the physical one (the 32-bit virt_to_phys assumption): beyond the
@ window there is no memory and HYP takes a data abort. Without it the
@ tables give the 40-bit physical address and HYP runs.
	.syntax unified
	.arm
	.include "macros.inc"

#define HYP_PGD      0x80500000     /* in the boot window (MMU-off writes) */
#define HYP_PGD_PA   0x800500000    /* the same table, by its real PA */
#define HYP_STACK_VA 0x82000000     /* beyond the 16 MiB window */
#define BLOCK_ATTRS  0x75d

	.text
	.global main
main:
	push {r4-r6, lr}
	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR (VA = window address)
	@ level 1: entry 2 (VA 0x80000000-0xbfffffff) = 1 GiB block
	ldr r0, =HYP_PGD
	mov r2, #0
	mov r3, #0
	strd r2, r3, [r0]
	strd r2, r3, [r0, #8]
	strd r2, r3, [r0, #24]
#ifdef VIRT_TO_PHYS_ASSUMES_ALIAS
	ldr r2, =0x80000000 + BLOCK_ATTRS
	mov r3, #0
#else
	ldr r2, =0x00000000 + BLOCK_ATTRS
	mov r3, #0x8                    @ output address bits [39:32]
#endif
	strd r2, r3, [r0, #16]
	dsb ish
#ifdef VIRT_TO_PHYS_ASSUMES_ALIAS
	ldr r0, =HYP_PGD
	mov r1, #0
#else
	ldr r0, =HYP_PGD_PA & 0xffffffff
	mov r1, #(HYP_PGD_PA >> 32)
#endif
	mcrr p15, 4, r0, r1, c2         @ HTTBR (40-bit)
	ldr r0, =0x80003500
	mcr p15, 4, r0, c2, c0, 2       @ HTCR
	ldr r0, =0xeeaa4400
	mcr p15, 4, r0, c10, c2, 0
	ldr r0, =0xff000004
	mcr p15, 4, r0, c10, c2, 1
	mcr p15, 4, r0, c8, c7, 0       @ TLBIALLH
	dsb ish
	ldr r0, =0x30c5187d             @ HSCTLR: M, C, I
	mcr p15, 4, r0, c1, c0, 0
	isb
	PRINT "highmem: HYP MMU on\n"
	ldr r1, =HYP_STACK_VA
	ldr r0, =0x12345678
	str r0, [r1]
	ldr r4, [r1]
	PRINTKV "highmem: HYP stack beyond the window reads", r4
	mov r0, #0
	pop {r4-r6, pc}
	.ltorg

	.align 5
hyp_vectors:
	b .
	b .
	b .
	b .
	.global hyp_dabt
hyp_dabt:
	b hyp_dabt                      @ data abort taken in HYP
	b .
	b .
	b .
