@ A full clean of the L1 data cache by set/way, with the loop software
@ writes from the executing core's own CCSIDR (ARM DDI 0406C B4.2.1 "Data
@ and unified cache maintenance by set/way", B4.1.19 CCSIDR, B4.1.41
@ CSSELR), must write back every dirty line of that core's L1.
@ In Hyp mode with the Hyp MMU and caches on (VA 0x40000000 Normal
@ Write-Back, VA 0x80000000 the same memory Non-cacheable), the core
@ writes one word in each of 512 consecutive 64-byte lines (32 KiB: the
@ size of the L1 of both the Cortex-A15, 2 ways x 256 sets, and the
@ Cortex-A7, 4 ways x 128 sets), cleans its L1 by set/way (DCCSW, level 1,
@ every set and way that CCSIDR gives) and counts, through the
@ Non-cacheable alias, the words memory now holds.
@ On a mixed machine (scenario dcache_setway_a7_behind_a15: an A15 in
@ cluster 0, an A7 in cluster 1) the A7 runs it while the A15 waits: the
@ A7 must decode its set/way arguments with its own geometry. A model
@ that gave it the A15 geometry cleans only half the lines.
@ Any core of cluster 0 runs it itself when no core of cluster 1 shows up
@ (the single-core image tests, and QEMU, which has no cache to clean).
@ hypsim-run: --entry hyp --dcache-model on
	.syntax unified
	.arm
	.include "macros.inc"

	.equ HYP_L1, 0x40800000           @ Hyp stage 1, level 1 (4 entries)
	.equ FLAG, 0x40810000             @ a cluster-1 core is here (MMU off)
	.equ BUF, 0x40400000              @ 32 KiB written through the cache
	.equ BUF_NC, 0x80400000           @ the same, Non-cacheable alias
	.equ LINES, 512
	.equ BLOCK_WB, 0x741              @ AF, SH=11, AP=01, AttrIndx 0
	.equ BLOCK_NC, 0x745              @ the same with AttrIndx 1

	.text
	.global main
main:
	mrc p15, 0, r0, c0, c0, 5         @ MPIDR
	ubfx r0, r0, #8, #8               @ Aff1: cluster
	cmp r0, #0
	beq 1f
	ldr r1, =FLAG
	mov r2, #1
	str r2, [r1]                      @ MMU off: to memory
	dsb
	sev
	b run
1:	ldr r1, =FLAG                     @ cluster 0: wait for a cluster 1
	ldr r3, =100000
2:	ldr r2, [r1]
	cmp r2, #0
	bne park
	subs r3, r3, #1
	bne 2b
	b run
park:	wfe
	b park

run:
	push {r4-r11, lr}
	mrs r0, cpsr
	and r0, r0, #0x1f
	cmp r0, #0x1a
	beq 1f
	PRINT "not in Hyp mode\n"
	mov r0, #1
	pop {r4-r11, pc}
	@ Hyp stage 1: two 1 GiB blocks onto the RAM at 0x40000000
1:	ldr r0, =HYP_L1
	ldr r2, =0x40000000 | BLOCK_WB
	mov r3, #0
	strd r2, r3, [r0, #8]             @ VA 0x40000000: Write-Back
	ldr r2, =0x40000000 | BLOCK_NC
	strd r2, r3, [r0, #16]            @ VA 0x80000000: Non-cacheable
	mov r2, #0
	strd r2, r3, [r0]
	strd r2, r3, [r0, #24]
	ldr r0, =0x000044ff               @ HMAIR0: 0 Normal WB, 1 Normal NC
	mcr p15, 4, r0, c10, c2, 0
	ldr r0, =0x80003500               @ HTCR: T0SZ 0, WB walks, SH
	mcr p15, 4, r0, c2, c0, 2
	ldr r0, =HYP_L1
	mov r1, #0
	mcrr p15, 4, r0, r1, c2           @ HTTBR
	dsb
	mcr p15, 4, r0, c8, c7, 0         @ TLBIALLH
	dsb
	isb
	mrc p15, 4, r0, c1, c0, 0
	ldr r1, =(1 << 12) | (1 << 2) | 1 @ HSCTLR: I, C, M
	orr r0, r0, r1
	mcr p15, 4, r0, c1, c0, 0
	isb

	@ one word per line, through the cache (registers only from here
	@ to the end of the clean)
	ldr r4, =BUF
	ldr r5, =0x5e700000
	mov r6, #LINES
2:	str r5, [r4], #64
	add r5, r5, #1
	subs r6, r6, #1
	bne 2b

	@ clean L1 by set/way with this core's CCSIDR
	mov r0, #0
	mcr p15, 2, r0, c0, c0, 0         @ CSSELR: level 1 data
	isb
	mrc p15, 1, r4, c0, c0, 0         @ CCSIDR
	and r5, r4, #7
	add r5, r5, #4                    @ L = log2(line bytes)
	ubfx r6, r4, #3, #10              @ ways - 1
	ubfx r7, r4, #13, #15             @ sets - 1
	clz r8, r6                        @ way field at bit 32 - A = clz
3:	mov r9, r6                        @ way
4:	lsl r10, r9, r8
	cmp r6, #0
	moveq r10, #0                     @ direct-mapped: no way field
	orr r10, r10, r7, lsl r5          @ | set << L, level 0
	mcr p15, 0, r10, c7, c10, 2       @ DCCSW
	subs r9, r9, #1
	bge 4b
	subs r7, r7, #1
	bge 3b
	dsb

	@ count the words memory holds, through the Non-cacheable alias
	ldr r4, =BUF_NC
	ldr r5, =0x5e700000
	mov r6, #LINES
	mov r7, #0
5:	ldr r0, [r4], #64
	cmp r0, r5
	addeq r7, r7, #1
	add r5, r5, #1
	subs r6, r6, #1
	bne 5b
	mov r0, #LINES
	PRINTKV "lines written", r0
	PRINTKV "in memory after the clean by set/way", r7
	mov r0, #0
	cmp r7, #LINES
	movne r0, #1
	pop {r4-r11, pc}
	.ltorg
