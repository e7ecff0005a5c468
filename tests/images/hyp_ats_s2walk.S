@ ATS1CPR/ATS1CUW executed by a guest at Non-secure PL1 whose stage-1
@ table walk meets a stage-2 fault (ARM DDI 0406C B4.2.6 "Address
@ translation operations"): the operation is not completed and takes a
@ Data Abort to Hyp mode, reported as a stage-2 abort on a stage-1 walk:
@ HSR EC 0x24, ISV 0, CM 1 and WnR 1 (B3.13.6: faults of cache maintenance
@ and address translation operations), S1PTW 1, DFSC the stage-2 fault;
@ HDFAR = the VA given to the operation, HPFAR = IPA[39:12] << 4 of the
@ stage-1 descriptor the walk could not read. PAR keeps its value. A
@ stage-1 fault of the same operation is reported in PAR (no abort).
@ Layout: stage 2 maps IPA 0x40000000-0x40ffffff flat (2 MiB blocks) and
@ nothing at 0x48000000; the guest short-descriptor stage 1 maps its 16 MiB
@ flat, VA 0x91000000 to IPA 0x40700000, and VA 0x90000000 through a
@ second-level table at IPA 0x48000000 (unmapped at stage 2).
@ Compared with QEMU 7.2 (-M virt,virtualization=on).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ S2_L1, 0x40800000            @ stage 2, level 1 (4 entries)
	.equ S2_L2, 0x40801000            @ stage 2, level 2 for 0x40000000
	.equ GUEST_TTB, 0x40804000        @ guest stage 1 (16 KiB)
	.equ HOLE_IPA, 0x48000000         @ not mapped at stage 2
	.equ S2_BLOCK, 0x7fd              @ AF, SH=11, S2AP=11, MemAttr=1111
	.equ SECT_WB, 0x1c0e              @ AP=11, TEX=001 C B: Normal WB

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	ldr r0, =S2_L1                    @ clear the tables
	mov r1, #0
	ldr r2, =(8 * 4096) / 4
1:	str r1, [r0], #4
	subs r2, r2, #1
	bne 1b
	@ stage 2: level 1 entry 1 -> level 2; 8 blocks of 2 MiB, flat
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
	@ guest stage 1
	ldr r0, =GUEST_TTB + (0x400 * 4)
	ldr r1, =0x40000000 | SECT_WB
	mov r2, #16
3:	str r1, [r0], #4
	add r1, r1, #0x100000
	subs r2, r2, #1
	bne 3b
	ldr r0, =GUEST_TTB + (0x900 * 4)
	ldr r1, =HOLE_IPA | 1             @ page table at an unmapped IPA
	str r1, [r0]
	ldr r0, =GUEST_TTB + (0x910 * 4)
	ldr r1, =0x40700000 | SECT_WB
	str r1, [r0]
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
	GUEST g_mmu_on, M_SVC | PSR_AIF
	TITLE "ats1cpr, mapped: par"
	GUEST g_ats_ok, M_SVC | PSR_AIF
	TITLE "ats1cpr, stage-1 fault: par"
	GUEST g_ats_s1fault, M_SVC | PSR_AIF
	TITLE "ats1cpr, stage-2 fault on the walk: abort to hyp"
	GUEST g_ats_cpr, M_SVC | PSR_AIF
	mrc p15, 4, r4, c6, c0, 4
	PRINTKV "hpfar", r4
	TITLE "ats1cuw, stage-2 fault on the walk: abort to hyp"
	GUEST g_ats_cuw, M_SVC | PSR_AIF
	mrc p15, 4, r4, c6, c0, 4
	PRINTKV "hpfar", r4
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

@ ---- the guest (Non-secure SVC) ----
g_mmu_on:
	ldr r0, =GUEST_TTB
	mcr p15, 0, r0, c2, c0, 0         @ TTBR0
	mov r0, #0
	mcr p15, 0, r0, c2, c0, 2         @ TTBCR: short descriptors, N = 0
	ldr r0, =0x55555555
	mcr p15, 0, r0, c3, c0, 0         @ DACR: client
	mov r0, #0
	mcr p15, 0, r0, c8, c7, 0         @ TLBIALL
	dsb
	isb
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #1                    @ M
	mcr p15, 0, r0, c1, c0, 0
	isb
	hvc #0xf00d

g_ats_ok:
	ldr r0, =0x91000010
	mcr p15, 0, r0, c7, c8, 0         @ ATS1CPR
	isb
	mrc p15, 0, r4, c7, c4, 0         @ PAR
	ldr r0, =0xfffff001               @ PA[31:12], F
	and r4, r4, r0
	PRINTKV "par", r4
	hvc #0xf00d

g_ats_s1fault:
	ldr r0, =0x92000000
	mcr p15, 0, r0, c7, c8, 0         @ ATS1CPR
	isb
	mrc p15, 0, r4, c7, c4, 0
	PRINTKV "par", r4
	hvc #0xf00d

g_ats_cpr:
	ldr r0, =0x90000010
	RESUME 2f
	MARK 1f
1:	mcr p15, 0, r0, c7, c8, 0         @ ATS1CPR
	isb
	mrc p15, 0, r4, c7, c4, 0
	PRINTKV "no abort, par", r4
2:	mrc p15, 0, r4, c7, c4, 0
	PRINTKV "par after", r4
	hvc #0xf00d

g_ats_cuw:
	ldr r0, =0x90000ff4
	RESUME 2f
	MARK 1f
1:	mcr p15, 0, r0, c7, c8, 3         @ ATS1CUW
	isb
	mrc p15, 0, r4, c7, c4, 0
	PRINTKV "no abort, par", r4
2:	mrc p15, 0, r4, c7, c4, 0
	PRINTKV "par after", r4
	hvc #0xf00d
	.ltorg
