@ cp15_id: read every identification and cache-identification register
@ (CP15 c0, CCSIDR for every CSSELR value, the implementation-defined
@ identification of the cluster, DBGDIDR, PMCR) and print them.
@
@ The values differ per core, so the expected output is per core:
@ cp15_id.cortex-a15.expect and cp15_id.cortex-a7.expect. They were
@ checked against qemu-system-arm 7.2 (-M virt -cpu cortex-a15/cortex-a7),
@ which agrees on every line except these, where the core's TRM wins:
@  - REVIDR: QEMU does not model it on these cores and returns MIDR (its
@    MIDR entry covers every unallocated c0,c0 opc2); the TRMs define
@    REVIDR, 0 on these revisions.
@  - CCSIDR of the A15 L2 (CSSELR 2): QEMU 0x711FE07A (2.25 MB, not a real
@    configuration); here 0x707FE07A, the 1 MB 16-way L2 of a TC2 cluster.
@  - Cortex-A7 CCSIDRs (CSSELR 0, 1, 2): QEMU 7.2 gives its A7 the A15's
@    values, contradicting its own A7 CTR (32-byte I-cache lines); here the
@    A7 TRM geometry: L1 D 32 KB 4-way 64 B (0x700FE01A), L1 I 32 KB 2-way
@    32 B (0x203FE009), L2 512 KB 8-way (0x707FE03A).
@ L2CTLR is printed as its [25:24] field (cores in the cluster - 1) only:
@ QEMU also sets bit 23, which neither model here claims.
@ QEMU must run with -M virt,secure=on,virtualization=on: without EL3/EL2
@ it hides the Security and Virtualization fields of ID_PFR1/ID_DFR0.
@ CSSELR values that select no cache give an UNKNOWN CCSIDR; both QEMU and
@ hypsim read 0 there, and CSSELR reads back as written ([3:0]).
	.syntax unified
	.arm
	.include "macros.inc"
	.text
	.global main

.macro RD name, o1, n, m, o2
	mrc p15, \o1, r4, \n, \m, \o2
	PRINTKV "\name", r4
.endm

main:
	push {r4, r5, lr}
	RD "MIDR", 0, c0, c0, 0
	RD "CTR", 0, c0, c0, 1
	RD "TCMTR", 0, c0, c0, 2
	RD "TLBTR", 0, c0, c0, 3
	RD "MIDR(opc2=4)", 0, c0, c0, 4
	RD "MPIDR", 0, c0, c0, 5
	RD "REVIDR", 0, c0, c0, 6
	RD "MIDR(opc2=7)", 0, c0, c0, 7
	RD "ID_PFR0", 0, c0, c1, 0
	RD "ID_PFR1", 0, c0, c1, 1
	RD "ID_DFR0", 0, c0, c1, 2
	RD "ID_AFR0", 0, c0, c1, 3
	RD "ID_MMFR0", 0, c0, c1, 4
	RD "ID_MMFR1", 0, c0, c1, 5
	RD "ID_MMFR2", 0, c0, c1, 6
	RD "ID_MMFR3", 0, c0, c1, 7
	RD "ID_ISAR0", 0, c0, c2, 0
	RD "ID_ISAR1", 0, c0, c2, 1
	RD "ID_ISAR2", 0, c0, c2, 2
	RD "ID_ISAR3", 0, c0, c2, 3
	RD "ID_ISAR4", 0, c0, c2, 4
	RD "ID_ISAR5", 0, c0, c2, 5
	@ the reserved ID space reads as zero
	RD "c0,c2,6", 0, c0, c2, 6
	RD "c0,c2,7", 0, c0, c2, 7
	RD "c0,c3,0", 0, c0, c3, 0
	RD "c0,c4,5", 0, c0, c4, 5
	RD "c0,c5,2", 0, c0, c5, 2
	RD "c0,c6,7", 0, c0, c6, 7
	RD "c0,c7,1", 0, c0, c7, 1
	RD "CLIDR", 1, c0, c0, 1
	RD "AIDR", 1, c0, c0, 7
	RD "CSSELR(reset)", 2, c0, c0, 0

	@ every CSSELR value: write it, read it back and read CCSIDR
	mov r5, #0
1:	mcr p15, 2, r5, c0, c0, 0
	isb
	PRINT "CSSELR="
	mrc p15, 2, r0, c0, c0, 0
	bl print_hex
	PRINT " CCSIDR="
	mrc p15, 1, r0, c0, c0, 0
	bl print_hex
	bl print_nl
	add r5, r5, #1
	cmp r5, #16
	blo 1b
	mov r0, #0
	mcr p15, 2, r0, c0, c0, 0

	@ implementation-defined identification of the cluster
	mrc p15, 1, r4, c9, c0, 2
	and r4, r4, #0x03000000
	PRINTKV "L2CTLR[25:24]", r4
	RD "L2ECTLR", 1, c9, c0, 3
	RD "CBAR", 4, c15, c0, 0
	@ performance monitors and debug identification
	RD "PMCR", 0, c9, c12, 0
	mrc p14, 0, r4, c0, c0, 0
	PRINTKV "DBGDIDR", r4
	mrc p14, 0, r4, c1, c1, 4
	PRINTKV "DBGOSLSR", r4
	mov r0, #0
	pop {r4, r5, pc}
