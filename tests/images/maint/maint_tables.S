@ Table maintenance a hypervisor owes (ARM DDI 0406C B3.10 "TLB
@ maintenance requirements"), for --check-maintenance (issue 15). Runs in
@ Hyp mode (--entry hyp):
@   1. Hyp stage 1: VA 0x40000000 and VA 0x80000000 both map the RAM at PA
@      0x40000000 (1 GiB blocks); TLBIALLH and ICIALLU before HSCTLR.M/C/I,
@      an MRC then the ISB after it (-DLATE_ISB: a branch before the ISB);
@   2. stage 2 for VMID 1: IPA 0x40000000-0x40ffffff -> the same PA in
@      2 MiB blocks; TLBIALLNSNH before the guest runs (omitted:
@      -DNO_VM_TLBI),
@      then VTTBR switched to VMID 2 and back (with -DMOVE_S2, VMID 1 is
@      given other tables in between: its entries need a new flush);
@   3. the guest (SVC, its stage 1 off) reads IPA 0x40400000, which fills
@      a stage-2 TLB entry from the live descriptor at S2_L2 + 16, and
@      calls HVC; the hypervisor remaps that IPA to PA 0x40600000,
@      TLBIALLNSNH (omitted: -DNO_S2_TLBI), ISB, ERET; the guest reads
@      it again and calls HVC;
@   4. Hyp reads VA 0x80000010 (a TLB entry from the live descriptor at
@      HYP_L1 + 16), makes that block read-only, TLBIMVAH (omitted:
@      -DNO_HYP_TLBI), ISB, reads it again and exits 0.
@ Both remaps put an ISB (and, in Hyp, a load through another entry)
@ between the write and the TLB invalidation: correct, since nothing uses
@ the old entry there; the warning is for a use of the old entry.
@ Every variant exits 0: what differs is the maintenance, which is what
@ the scenarios check (tests/scenarios/check_maint_*_a15.ini).
	.syntax unified
	.arm
	.include "macros.inc"

	.equ HYP_L1, 0x40800000           @ Hyp stage 1, level 1 (4 entries)
	.equ S2_L1, 0x40801000            @ stage 2, level 1
	.equ S2_L2, 0x40802000            @ stage 2, level 2 for 0x40000000
	.equ S2_BLOCK, 0x7fd              @ AF, SH=11, S2AP=11, MemAttr=1111, block
	.equ HYP_BLOCK, 0x741             @ AF, SH=11, AP[2:1]=01, AttrIndx 0, block
	.equ HYP_BLOCK_RO, 0x7c1          @ the same, AP[2:1]=11: read-only
	.equ GUEST_SP, 0x40f00000

	.text
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0        @ HVBAR
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR
	isb
	ldr r0, =HYP_L1                   @ clear the three tables
	mov r1, #0
	ldr r2, =(3 * 4096) / 4
1:	str r1, [r0], #4
	subs r2, r2, #1
	bne 1b

	@ ---- 1. Hyp stage 1 ----
	ldr r0, =HYP_L1
	ldr r2, =0x40000000 | HYP_BLOCK
	mov r3, #0
	strd r2, r3, [r0, #8]             @ VA 0x40000000
	strd r2, r3, [r0, #16]            @ VA 0x80000000
	ldr r0, =0x000000ff               @ HMAIR0: attr 0 Normal WB
	mcr p15, 4, r0, c10, c2, 0
	ldr r0, =0x80003500               @ HTCR: T0SZ 0, WB walks, SH
	mcr p15, 4, r0, c2, c0, 2
	ldr r0, =HYP_L1
	mov r1, #0
	mcrr p15, 4, r0, r1, c2           @ HTTBR
	dsb
	mcr p15, 4, r0, c8, c7, 0         @ TLBIALLH
	mcr p15, 0, r0, c7, c5, 0         @ ICIALLU (in Hyp)
	dsb
	isb
	mrc p15, 4, r0, c1, c0, 0
	ldr r1, =(1 << 12) | (1 << 2) | 1 @ HSCTLR: I, C, M
	orr r0, r0, r1
	mcr p15, 4, r0, c1, c0, 0
	mrc p15, 0, r3, c0, c0, 0         @ MIDR before the ISB, as Linux does
#ifdef LATE_ISB
	b 3f                              @ a branch before the ISB is not fine
	nop
3:
#endif
	isb

	@ ---- 2. stage 2 ----
	ldr r0, =S2_L1
	ldr r2, =S2_L2 | 3
	mov r3, #0
	strd r2, r3, [r0, #8]
	ldr r0, =S2_L2
	ldr r2, =0x40000000 | S2_BLOCK
	mov r4, #8                        @ 16 MiB of 2 MiB blocks
2:	strd r2, r3, [r0], #8
	add r2, r2, #0x200000
	subs r4, r4, #1
	bne 2b
	dsb
	ldr r0, =0x80003540               @ VTCR: T0SZ 0, SL0 1, WB walks, SH
	mcr p15, 4, r0, c2, c1, 2
	ldr r0, =S2_L1
	ldr r1, =(1 << 16)                @ VMID 1
	mcrr p15, 6, r0, r1, c2           @ VTTBR
	isb
#ifndef NO_VM_TLBI
	mcr p15, 4, r0, c8, c7, 4         @ TLBIALLNSNH
	dsb
#endif
	@ Another VMID in VTTBR and back, as a hypervisor switching guests
	@ does: entries are tagged by VMID, so VMID 1 stays clean...
	ldr r0, =S2_L1 + 0x4000
	ldr r1, =(2 << 16)                @ VMID 2
	mcrr p15, 6, r0, r1, c2
#ifdef MOVE_S2
	ldr r1, =(1 << 16)                @ ...but VMID 1 with other tables
	mcrr p15, 6, r0, r1, c2           @ is not
#endif
	ldr r0, =S2_L1
	ldr r1, =(1 << 16)
	mcrr p15, 6, r0, r1, c2           @ VTTBR: VMID 1 again
	isb
	mov r0, #1
	mcr p15, 4, r0, c1, c1, 0         @ HCR.VM
	isb
	PRINT "stage 2 on\n"

	@ ---- 3. the guest ----
	ldr r0, =GUEST_SP
	msr sp_svc, r0
	ldr r0, =guest
	msr elr_hyp, r0
	mov r0, #0x1d3                    @ SVC, A, I, F masked
	msr spsr_cxsf, r0
	eret
	.ltorg

guest:
	ldr r0, =0x40400000
	ldr r1, [r0]                      @ fills the stage-2 entry
	hvc #1
	ldr r1, [r0]                      @ after the remap
	hvc #2
	b .
	.ltorg

	.align 5
hyp_vectors:
	b .
	b .
	b .
	b .
	b .
	b hyp_trap                        @ HVC from the guest
	b .
	b .
hyp_trap:
	ldr r4, =phase
	ldr r5, [r4]
	add r5, r5, #1
	str r5, [r4]
	cmp r5, #1
	bne hyp_phase2
	@ remap IPA 0x40400000 to PA 0x40600000: a live descriptor
	ldr r6, =S2_L2 + 16
	ldr r2, =0x40600000 | S2_BLOCK
	mov r3, #0
	strd r2, r3, [r6]
	dsb
	isb                               @ harmless: nothing uses the entry yet
#ifndef NO_S2_TLBI
	mcr p15, 4, r0, c8, c7, 4         @ TLBIALLNSNH
	dsb
#endif
	isb
	eret

hyp_phase2:
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR = 0
	isb
	@ ---- 4. a live Hyp stage-1 descriptor ----
	ldr r6, =0x80000010
	ldr r7, [r6]                      @ fills the Hyp entry for VA 0x80000000
	ldr r0, =HYP_L1
	ldr r2, =0x40000000 | HYP_BLOCK_RO
	mov r3, #0
	strd r2, r3, [r0, #16]
	dsb
	isb                               @ harmless: nothing uses the entry yet
	sub r8, r6, #0x40000000           @ nor does a load through another
	ldr r7, [r8]                      @ entry (VA 0x40000010)
#ifndef NO_HYP_TLBI
	ldr r0, =0x80000000
	mcr p15, 4, r0, c8, c7, 1         @ TLBIMVAH
	dsb
#endif
	isb
	ldr r7, [r6]
	PRINT "tables done\n"
	EXIT 0
	.ltorg

	.data
	.align 2
phase:
	.word 0
