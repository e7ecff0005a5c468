@ Stage-2 execute permission (ARM DDI 0406C B3.7.1 "Access permissions",
@ stage 2 HAP[2:1]; B3.7.2 "Execute-never restrictions on instruction
@ fetching"): ARMv7 checks an instruction fetch against the stage-2
@ permissions as a read, then against XN. A guest (Non-secure SVC, its
@ MMU off) runs code copied into four 2 MiB stage-2 blocks:
@   0x40400000  HAP = 0b01 (read-only), XN = 0: runs;
@   0x40600000  HAP = 0b00 (no access), XN = 0: the fetch takes a stage-2
@               Permission fault (Prefetch Abort to Hyp, HSR EC 0x20,
@               IFSC 0x0e: level 2), HIFAR = the address;
@   0x40a00000  HAP = 0b10 (write-only), XN = 0: the same;
@   0x40c00000  HAP = 0b11, XN = 1: the same (XN).
@ A load from the no-access block is a stage-2 Data Abort as before.
@ HPFAR is not printed: B4.1.72 leaves it UNKNOWN for a stage-2
@ Permission fault that is not on a stage-1 walk.
@ Compared with QEMU 7.2 (-M virt,virtualization=on), which gives the same
@ HSR 0x8000000e for the fetch from the no-access block.
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ S2_L1, 0x40800000            @ stage 2, level 1 (4 entries)
	.equ S2_L2, 0x40801000            @ stage 2, level 2 for 0x40000000
	.equ S2_BLOCK, 0x7fd              @ AF, SH=11, S2AP=11, MemAttr=1111
	.equ HAP_MASK, 0xc0               @ S2AP = HAP[2:1], bits [7:6]
	.equ XN_HI, 1 << (54 - 32)        @ XN in the upper word
	.equ RO_BLK, 0x40400000
	.equ NA_BLK, 0x40600000
	.equ WO_BLK, 0x40a00000
	.equ XN_BLK, 0x40c00000

@ BLOCK va, hap, hi: level-2 entry of the 2 MiB block at va, flat
.macro BLOCK va, hap, hi
	ldr r0, =S2_L2 + ((\va - 0x40000000) >> 21) * 8
	ldr r2, =\va | (S2_BLOCK & ~HAP_MASK) | (\hap << 6)
	ldr r3, =\hi
	strd r2, r3, [r0]
.endm
@ STUB va: copy the guest stub (HVC #0xF00D) to va
.macro STUB va
	ldr r0, =\va
	ldr r1, =stub
	ldr r2, [r1]
	str r2, [r0]
.endm

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	ldr r0, =S2_L1                    @ clear the tables
	mov r1, #0
	ldr r2, =(2 * 4096) / 4
1:	str r1, [r0], #4
	subs r2, r2, #1
	bne 1b
	@ stage 2: level 1 entry 1 -> level 2; 8 blocks of 2 MiB, flat, RW
	ldr r0, =S2_L1 + 8
	ldr r2, =S2_L2 | 3
	mov r3, #0
	strd r2, r3, [r0]
	ldr r0, =S2_L2
	ldr r2, =0x40000000 | S2_BLOCK
	mov r4, #8
2:	strd r2, r3, [r0], #8
	add r2, r2, #0x200000
	subs r4, r4, #1
	bne 2b
	BLOCK RO_BLK, 1, 0
	BLOCK NA_BLK, 0, 0
	BLOCK WO_BLK, 2, 0
	BLOCK XN_BLK, 3, XN_HI
	STUB RO_BLK
	STUB NA_BLK
	STUB WO_BLK
	STUB XN_BLK
	dsb
	mov r0, #0
	mcr p15, 0, r0, c7, c5, 0         @ ICIALLU
	dsb
	ldr r0, =0x80003540               @ VTCR: T0SZ 0, SL0 1, WB walks, SH
	mcr p15, 4, r0, c2, c1, 2
	ldr r0, =S2_L1
	mov r1, #(1 << 16)                @ VMID 1
	mcrr p15, 6, r0, r1, c2           @ VTTBR
	isb
	mcr p15, 4, r0, c8, c7, 4         @ TLBIALLNSNH
	dsb
	SET_HCR 1                         @ HCR.VM
	TITLE "hap=01 xn=0: runs"
	MARK RO_BLK
	GUEST RO_BLK, M_SVC | PSR_AIF
	PRINT "returned\n"
	TITLE "hap=00 xn=0: fetch faults"
	RESUME g_end
	MARK NA_BLK
	GUEST NA_BLK, M_SVC | PSR_AIF
	TITLE "hap=10 xn=0: fetch faults"
	RESUME g_end
	MARK WO_BLK
	GUEST WO_BLK, M_SVC | PSR_AIF
	TITLE "hap=11 xn=1: fetch faults"
	RESUME g_end
	MARK XN_BLK
	GUEST XN_BLK, M_SVC | PSR_AIF
	TITLE "hap=00: load faults"
	GUEST g_load, M_SVC | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

@ ---- the guest (Non-secure SVC, MMU off) ----
stub:
	hvc #0xf00d
g_end:
	hvc #0xf00d

g_load:
	ldr r4, =NA_BLK
	RESUME 2f
	MARK 1f
1:	ldr r5, [r4]
2:	hvc #0xf00d
	.ltorg
