@ Hyp stage 1 and stage 2 (ARM DDI 0406C B3.6 with the Virtualization
@ Extensions). Needs Hyp entry: hypsim run --entry hyp, QEMU
@ -M virt,virtualization=on.
@ hypsim-run: --entry hyp
@   1. Hyp: HTTBR/HTCR/HMAIR0 tables, HSCTLR.M, an alias, a read-only block
@      (Data Abort taken to Hyp: HSR EC 0x25, HDFAR), an unmapped address,
@      a remap with TLBIMVAH.
@   2. Stage 2: VTTBR/VTCR, HCR.VM; a guest at Non-secure SVC with its
@      stage 1 off reads an IPA that stage 2 moves, writes a read-only IPA
@      and reads an unmapped one (Hyp Trap: HSR EC 0x24, HDFAR, HPFAR), then
@      returns with HVC.
@ HSR is printed as EC, WnR and DFSC only: the ISS instruction-syndrome
@ fields are not compared.
	.syntax unified
	.arm
	.include "macros.inc"

	.equ HL1, 0x40400000      @ Hyp level 1 (T0SZ = 0: 4 entries)
	.equ HL2_RAM, 0x40401000
	.equ HL2_HI, 0x40402000
	.equ S2L1, 0x40404000     @ stage 2 level 1 (T0SZ = 0, SL0 = 1)
	.equ S2L2, 0x40405000
	.equ DATA, 0x40800000
	.equ HBLK_RW, 0x741       @ block, AF, SH=11, AP=01, attr 0
	.equ HBLK_RO, 0x7c1       @ AP=11: read-only
	.equ S2BLK_RW, 0x7fd      @ block, AF, SH=11, S2AP=11, MemAttr=1111
	.equ S2BLK_RO, 0x77d      @ S2AP=01: read-only

.macro DESC addr, lo, hi=0
	ldr r0, =\addr
	ldr r2, =\lo
	ldr r3, =\hi
	strd r2, r3, [r0]
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	mrs r0, cpsr
	and r0, r0, #0x1f
	cmp r0, #0x1a
	beq 1f
	PRINT "not in Hyp mode\n"
	mov r0, #1
	pop {r4-r11, pc}
1:	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0        @ HVBAR

	ldr r0, =HL1
	mov r1, #0
	mov r2, #(6 * 4096) / 4
2:	str r1, [r0], #4
	subs r2, r2, #1
	bne 2b

	@ Hyp: identity 0x40000000..0x40ffffff, aliases at 0x80000000
	DESC HL1 + 8, HL2_RAM | 3
	ldr r0, =HL2_RAM
	ldr r2, =0x40000000 | HBLK_RW
	mov r3, #0
	mov r4, #8
3:	strd r2, r3, [r0], #8
	add r2, r2, #0x200000
	subs r4, r4, #1
	bne 3b
	DESC HL1 + 16, HL2_HI | 3
	DESC HL2_HI + 0, DATA | HBLK_RW       @ 0x80000000
	DESC HL2_HI + 8, DATA | HBLK_RO       @ 0x80200000

	@ Stage 2: identity for IPA 0x40000000..0x40ffffff, IPA 0x41000000
	@ -> DATA, IPA 0x41200000 read-only, IPA 0x41400000 unmapped
	DESC S2L1 + 8, S2L2 | 3
	ldr r0, =S2L2
	ldr r2, =0x40000000 | S2BLK_RW
	mov r3, #0
	mov r4, #8
4:	strd r2, r3, [r0], #8
	add r2, r2, #0x200000
	subs r4, r4, #1
	bne 4b
	DESC S2L2 + 64, DATA | S2BLK_RW       @ IPA 0x41000000
	DESC S2L2 + 72, DATA | S2BLK_RO       @ IPA 0x41200000

	ldr r0, =DATA
	ldr r1, =0x11111111
	str r1, [r0, #0x10]
	ldr r1, =0x22222222
	ldr r2, =DATA + 0x200010
	str r1, [r2]

	ldr r0, =0x000044ff
	mcr p15, 4, r0, c10, c2, 0        @ HMAIR0
	ldr r0, =0x80000000
	mcr p15, 4, r0, c2, c0, 2         @ HTCR: T0SZ = 0
	ldr r0, =HL1
	mov r1, #0
	mcrr p15, 4, r0, r1, c2           @ HTTBR
	dsb
	mcr p15, 4, r0, c8, c7, 0         @ TLBIALLH
	dsb
	isb
	mrc p15, 4, r0, c1, c0, 0
	orr r0, r0, #1
	mcr p15, 4, r0, c1, c0, 0         @ HSCTLR.M
	isb
	PRINT "hyp mmu on\n"

	ldr r4, =0x80000010
	ldr r5, [r4]
	PRINTKV "alias", r5
	ldr r4, =0x80200010
	ldr r5, [r4]
	PRINTKV "ro alias", r5
	str r5, [r4]
	bl report
	ldr r4, =0x80400000
	ldr r5, [r4]
	bl report

	DESC HL2_HI + 0, (DATA + 0x200000) | HBLK_RW
	dsb
	ldr r0, =0x80000000
	mcr p15, 4, r0, c8, c7, 1         @ TLBIMVAH
	dsb
	isb
	ldr r4, =0x80000010
	ldr r5, [r4]
	PRINTKV "remapped", r5

	PRINT "-- stage 2\n"
	ldr r0, =0x80000040               @ VTCR: T0SZ = 0, SL0 = 1
	mcr p15, 4, r0, c2, c1, 2
	ldr r0, =S2L1
	mov r1, #(1 << 16)                @ VMID 1
	mcrr p15, 6, r0, r1, c2           @ VTTBR
	dsb
	mcr p15, 4, r0, c8, c7, 4         @ TLBIALLNSNH
	dsb
	mov r0, #1
	mcr p15, 4, r0, c1, c1, 0         @ HCR.VM
	isb
	ldr r0, =saved_sp
	str sp, [r0]
	ldr r0, =0x40e00000
	msr sp_svc, r0
	ldr r0, =guest
	msr elr_hyp, r0
	mov r0, #0x1d3                    @ SVC, A/I/F masked
	msr spsr_cxsf, r0
	eret

hyp_after_guest:
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR = 0
	mrc p15, 4, r0, c1, c0, 0
	bic r0, r0, #1
	mcr p15, 4, r0, c1, c0, 0         @ HSCTLR.M off
	isb
	PRINT "back in hyp\n"
	mov r0, #0
	pop {r4-r11, pc}

@ the guest: Non-secure SVC, stage 1 off (VA = IPA)
guest:
	ldr r4, =0x41000010
	ldr r5, [r4]
	PRINTKV "guest ipa", r5
	ldr r4, =0x41200010
	ldr r5, [r4]
	PRINTKV "guest ro", r5
	str r5, [r4]
	bl report
	ldr r4, =0x41400020
	ldr r5, [r4]
	bl report
	hvc #0
	b .

@ print and clear what the Hyp handlers recorded
report:
	push {r4, lr}
	ldr r0, =fault_count
	ldr r0, [r0]
	PRINTKV "count", r0
	ldr r0, =fault_hsr
	ldr r0, [r0]
	ldr r1, =0xfc00007f               @ EC, WnR, DFSC
	and r0, r0, r1
	PRINTKV "hsr", r0
	ldr r0, =fault_far
	ldr r0, [r0]
	PRINTKV "hdfar", r0
	ldr r0, =fault_hpfar
	ldr r0, [r0]
	PRINTKV "hpfar", r0
	ldr r0, =fault_count
	mov r1, #0
	str r1, [r0]
	ldr r0, =fault_hpfar
	str r1, [r0]
	pop {r4, pc}

	.balign 32
hyp_vectors:
	b .                               @ reserved
	b .                               @ Undefined in Hyp
	b .                               @ HVC/SVC in Hyp (semihosting intercepted)
	b .                               @ Prefetch Abort in Hyp
	b hyp_dabt                        @ Data Abort in Hyp
	b hyp_trap                        @ Hyp Trap
	b .
	b .

hyp_dabt:
	push {r0, r1}
	ldr r0, =fault_hsr
	mrc p15, 4, r1, c5, c2, 0         @ HSR
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 4, r1, c6, c0, 0         @ HDFAR
	str r1, [r0]
	ldr r0, =fault_count
	ldr r1, [r0]
	add r1, r1, #1
	str r1, [r0]
	mrs r0, elr_hyp
	add r0, r0, #4
	msr elr_hyp, r0
	pop {r0, r1}
	eret

hyp_trap:
	push {r0, r1}
	mrc p15, 4, r1, c5, c2, 0         @ HSR
	lsr r0, r1, #26
	cmp r0, #0x12                     @ HVC: the guest is done
	beq 1f
	ldr r0, =fault_hsr
	str r1, [r0]
	ldr r0, =fault_far
	mrc p15, 4, r1, c6, c0, 0         @ HDFAR
	str r1, [r0]
	ldr r0, =fault_hpfar
	mrc p15, 4, r1, c6, c0, 4         @ HPFAR
	str r1, [r0]
	ldr r0, =fault_count
	ldr r1, [r0]
	add r1, r1, #1
	str r1, [r0]
	mrs r0, elr_hyp
	add r0, r0, #4
	msr elr_hyp, r0
	pop {r0, r1}
	eret
1:	ldr r0, =saved_sp
	ldr sp, [r0]
	b hyp_after_guest

	.data
	.balign 4
fault_count: .word 0
fault_hsr: .word 0
fault_far: .word 0
fault_hpfar: .word 0
saved_sp: .word 0
