@ cp15_hyp: HYP trap controls of CP14/CP15 accesses and their syndromes
@ (ARM DDI 0406C B1.14 traps, B3.13.6 HSR), the PL2 registers' field
@ rules, and VPIDR as seen by Non-secure PL1. Needs Hyp entry: hypsim run
@ --entry hyp, QEMU -M virt,virtualization=on.
@ hypsim-run: --entry hyp
@ Hyp sets HVBAR and the Non-secure VBAR, then drops to Non-secure SVC.
@ There each access runs with one trap control set (set through HVC #1:
@ r0 = which register, r1 = value); a trap prints the HSR and ELR_hyp and
@ resumes after the trapped instruction, an UNDEFINED prints "undef".
@ Checked against qemu-system-arm 7.2, which agrees on every line except:
@  - "HSTR.T1 unallocated": QEMU 7.2 takes the UNDEFINED of the unallocated
@    encoding first; the HSTR trap is defined by encoding and precedes it
@    at PL1 (QEMU changed to this order in 8.0).
@  - HSCTLR/HTCR/VTCR read back after writing 0: QEMU keeps 0, the manual
@    makes the RES1 (RAO/SBOP) bits read as one (B4.1.67, B4.1.77, B4.1.159).
@  - QEMU 7.2 does not implement these traps for its ARMv7 cores and runs
@    the access: HCR.TID3, HCR.TSW, HCR.TPC, HCR.TPU, HCPTR.TCPAC and
@    HDCR.TPMCR (B4.1.65, B4.1.74, B4.1.66). Their expected HSRs use the
@    EC 0x03 ISS layout of B3.13.6, byte for byte the layout QEMU produces
@    for the traps it does implement (HSTR, TVM, TID0-2, TAC, TTLB, TPM,
@    TDA, CNTHCTL above).
	.syntax unified
	.arm
	.include "macros.inc"

	.equ STK_SVC, 0x40e00000
	.equ STK_UND, 0x40d00000

@ SET reg, value: HVC to Hyp to write a trap control (0 HCR, 1 HSTR,
@ 2 HDCR, 3 HCPTR, 4 CNTHCTL)
.macro SET which, value
	mov r0, #\which
	ldr r1, =\value
	hvc #1
.endm
.macro T name
	PRINT "\name: "
.endm

	.text
	.global main
main:
	mrs r0, cpsr
	and r0, r0, #0x1f
	cmp r0, #0x1a
	beq 1f
	PRINT "not in Hyp mode\n"
	mov r0, #1
	bx lr
1:	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0        @ HVBAR
	ldr r0, =svc_vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR (Non-secure copy)
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR
	mcr p15, 4, r0, c1, c1, 3         @ HSTR
	mcr p15, 4, r0, c1, c1, 2         @ HCPTR
	mrc p15, 4, r0, c1, c1, 1
	and r0, r0, #0x1f
	mcr p15, 4, r0, c1, c1, 1         @ HDCR: keep HPMN only
	mov r0, #3
	mcr p15, 4, r0, c14, c1, 0        @ CNTHCTL

	@ field rules of PL2 registers
	mov r0, #0
	mcr p15, 4, r0, c1, c0, 0
	mrc p15, 4, r4, c1, c0, 0
	PRINTKV "HSCTLR(0)", r4
	mov r0, #0
	mcr p15, 4, r0, c2, c0, 2
	mrc p15, 4, r4, c2, c0, 2
	PRINTKV "HTCR(0)", r4
	mov r0, #0
	mcr p15, 4, r0, c2, c1, 2
	mrc p15, 4, r4, c2, c1, 2
	PRINTKV "VTCR(0)", r4
	ldr r0, =0x0003bfef
	mcr p15, 4, r0, c1, c1, 3
	mrc p15, 4, r4, c1, c1, 3
	PRINTKV "HSTR(T*)", r4
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 3
	ldr r0, =0x11112222
	mcr p15, 4, r0, c0, c0, 0         @ VPIDR
	ldr r0, =0x80000abc
	mcr p15, 4, r0, c0, c0, 5         @ VMPIDR

	@ banked stacks, then ERET to Non-secure SVC at ns_svc
	ldr r0, =STK_SVC
	msr sp_svc, r0
	ldr r0, =STK_UND
	msr sp_und, r0
	ldr r0, =0x1d3
	msr spsr_cxsf, r0
	ldr r0, =ns_svc
	msr elr_hyp, r0
	eret

ns_svc:
	mrc p15, 0, r4, c0, c0, 0
	PRINTKV "MIDR(NS SVC)", r4
	mrc p15, 0, r4, c0, c0, 5
	PRINTKV "MPIDR(NS SVC)", r4
	T "HCR from NS SVC"
	mrc p15, 4, r4, c1, c1, 0

	SET 1, 0x2                        @ HSTR.T1
	T "HSTR.T1 SCTLR"
	mrc p15, 0, r3, c1, c0, 0
	T "HSTR.T1 unallocated"
	mrc p15, 0, r3, c1, c0, 7
	SET 1, 0x4                        @ HSTR.T2
	T "HSTR.T2 MRRC TTBR0"
	mrrc p15, 0, r6, r7, c2
	SET 1, 0

	SET 0, 0x04000000                 @ HCR.TVM
	mrc p15, 0, r3, c1, c0, 0
	T "TVM read"
	PRINT "no trap\n"
	T "TVM write"
	mcr p15, 0, r3, c1, c0, 0
	SET 0, 0x00008000                 @ TID0
	T "TID0 JIDR"
	mrc p14, 7, r3, c0, c0, 0
	SET 0, 0x00010000                 @ TID1
	T "TID1 AIDR"
	mrc p15, 1, r3, c0, c0, 7
	SET 0, 0x00020000                 @ TID2
	T "TID2 CTR"
	mrc p15, 0, r3, c0, c0, 1
	T "TID2 CSSELR write"
	mcr p15, 2, r3, c0, c0, 0
	SET 0, 0x00040000                 @ TID3
	T "TID3 ID_MMFR0"
	mrc p15, 0, r3, c0, c1, 4
	SET 0, 0x00200000                 @ TAC
	T "TAC ACTLR"
	mrc p15, 0, r3, c1, c0, 1
	SET 0, 0x00400000                 @ TSW
	T "TSW DCCSW"
	mcr p15, 0, r3, c7, c10, 2
	SET 0, 0x00800000                 @ TPC
	T "TPC DCCMVAC"
	mcr p15, 0, r3, c7, c10, 1
	SET 0, 0x01000000                 @ TPU
	T "TPU ICIALLU"
	mcr p15, 0, r3, c7, c5, 0
	SET 0, 0x02000000                 @ TTLB
	T "TTLB TLBIMVAIS"
	mcr p15, 0, r5, c8, c3, 1
	SET 0, 0x00002000                 @ TWI
	T "TWI WFI"
	wfi
	SET 0, 0x00080000                 @ TSC
	T "TSC SMC"
	smc #0
	SET 0, 0

	SET 3, 0x80000000                 @ HCPTR.TCPAC
	T "TCPAC CPACR"
	mrc p15, 0, r3, c1, c0, 2
	SET 3, 0
	SET 2, 0x40                       @ HDCR.TPM
	T "TPM PMCCNTR"
	mrc p15, 0, r3, c9, c13, 0
	SET 2, 0x20                       @ HDCR.TPMCR
	T "TPMCR PMCR"
	mrc p15, 0, r3, c9, c12, 0
	SET 2, 0x200                      @ HDCR.TDA
	T "TDA DBGDIDR"
	mrc p14, 0, r3, c0, c0, 0
	SET 2, 0
	SET 4, 2                          @ CNTHCTL.PL1PCTEN = 0
	T "CNTHCTL CNTPCT"
	mrrc p15, 0, r6, r7, c14
	SET 4, 1                          @ CNTHCTL.PL1PCEN = 0
	T "CNTHCTL CNTP_CTL"
	mrc p15, 0, r3, c14, c2, 1
	SET 4, 3
	PRINT "done\n"
	mov r0, #0
	bl sh_exit

@ Hyp trap handler: HVC #1 sets a control; anything else is a trap to
@ report and step over.
	.balign 32
hyp_vectors:
	b .
	b .
	b .
	b .
	b .
	b hyp_trap
	b .
	b .
hyp_trap:
	push {r0-r5, ip, lr}
	mrc p15, 4, r4, c5, c2, 0         @ HSR
	lsr r5, r4, #26
	cmp r5, #0x12                     @ HVC
	bne 2f
	ldr r2, =set_table
	ldr r2, [r2, r0, lsl #2]
	blx r2
	pop {r0-r5, ip, lr}
	eret
2:	PRINT "HSR="
	mov r0, r4
	bl print_hex
	PRINT " ELR="
	mrs r0, elr_hyp
	bl print_hex
	bl print_nl
	mrs r0, elr_hyp
	add r0, r0, #4
	msr elr_hyp, r0
	pop {r0-r5, ip, lr}
	eret

set_hcr:	mcr p15, 4, r1, c1, c1, 0
	bx lr
set_hstr:	mcr p15, 4, r1, c1, c1, 3
	bx lr
set_hdcr:	mrc p15, 4, r3, c1, c1, 1
	and r3, r3, #0x1f
	orr r1, r1, r3
	mcr p15, 4, r1, c1, c1, 1
	bx lr
set_hcptr:	mcr p15, 4, r1, c1, c1, 2
	bx lr
set_cnthctl:	mcr p15, 4, r1, c14, c1, 0
	bx lr
	.pushsection .rodata
	.balign 4
set_table:
	.word set_hcr, set_hstr, set_hdcr, set_hcptr, set_cnthctl
	.popsection

@ Non-secure PL1 vectors: only Undefined is expected.
	.balign 32
svc_vectors:
	b .
	b svc_undef
	b .
	b .
	b .
	b .
	b .
	b .
svc_undef:
	push {r0-r3, ip, lr}
	PRINT "undef\n"
	pop {r0-r3, ip, lr}
	movs pc, lr
