@ pmu_count: event counting with the PL / security-state filters of
@ PMXEVTYPER (ARM DDI 0406C B4.1.126, C12), the cycle counter with its
@ filter (PMSELR.SEL = 31) and PMCR.D, EXC_TAKEN / EXC_RETURN, and
@ overflow into PMOVSR.
@
@ The scenario (routine `scenario`) runs the same instructions each time:
@   Hyp:  MCR PMCNTENSET (the first counted instruction), ERET       2
@   NS SVC (PL1): 10 NOPs, MOV, MSR SPSR, LDR, MOVS PC, LR            14
@   User (PL0):    7 NOPs, SVC                                        8
@   NS SVC (PL1): the SVC vector B, HVC                               2
@   Hyp:  the Hyp Trap vector B, MVN; then MCR PMCNTENCLR (not
@         counted: a PMU access sees the instructions before it)      2
@ so INST_RETIRED counts 16 at PL1, 8 at PL0, 4 in Hyp, 28 in all, and
@ CPU_CYCLES (one per instruction) 28. Every instruction is counted in
@ the state it began in: the SVC at PL0, the HVC and MOVS PC, LR at PL1,
@ the ERET in Hyp. Two exceptions are taken (SVC from PL0, HVC from PL1)
@ and two exception returns made (ERET from Hyp, MOVS PC, LR from PL1).
@ Filters (B4.1.126): Non-secure PL1 counts when P == NSK, Non-secure PL0
@ when U == NSU, Hyp mode when NSH = 1.
@
@ Expected output from the manual and the counts above, not QEMU: QEMU
@ 7.2 counts INST_RETIRED only with -icount and CPU_CYCLES from the host
@ clock (tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
	.arm
	.include "macros.inc"

	.equ EVT_P, 1 << 31
	.equ EVT_U, 1 << 30
	.equ EVT_NSK, 1 << 29
	.equ EVT_NSU, 1 << 28
	.equ EVT_NSH, 1 << 27
	.equ INST_RETIRED, 0x08
	.equ EXC_TAKEN, 0x09
	.equ EXC_RETURN, 0x0a
	.equ CPU_CYCLES, 0x11

@ EVT n, value: PMXEVTYPER of counter n
.macro EVT n, value
	mov r0, #\n
	mcr p15, 0, r0, c9, c12, 5        @ PMSELR
	ldr r0, =\value
	mcr p15, 0, r0, c9, c13, 1        @ PMXEVTYPER
.endm
@ CNT n, "name": print counter n
.macro CNT n, name
	mov r0, #\n
	mcr p15, 0, r0, c9, c12, 5
	isb
	mrc p15, 0, r4, c9, c13, 2        @ PMXEVCNTR
	PRINTKV "\name", r4
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
	ldr r0, =guest_vectors
	mcr p15, 0, r0, c12, c0, 0        @ VBAR (Non-secure)
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR
	mcr p15, 4, r0, c1, c1, 3         @ HSTR
	mcr p15, 0, r0, c9, c14, 0        @ PMUSERENR
	mrc p15, 4, r0, c1, c1, 1
	and r0, r0, #0x1f                 @ HDCR: HPMN as reset (= PMCR.N)
	mcr p15, 4, r0, c1, c1, 1
	ldr r0, =0x40f00000
	msr sp_svc, r0
	ldr r0, =0x40ef0000
	msr sp_usr, r0
	mrc p15, 0, r4, c9, c12, 0
	lsr r4, r4, #11
	and r4, r4, #0x1f
	PRINTKV "PMCR.N", r4

	@ ---- 1: instructions by PL, cycles ----
	PRINT "by PL\n"
	EVT 0, EVT_U | INST_RETIRED                  @ NS PL1 only
	EVT 1, EVT_P | INST_RETIRED                  @ NS PL0 only
	EVT 2, EVT_P | EVT_U | EVT_NSH | INST_RETIRED @ Hyp only
	EVT 3, EVT_NSH | CPU_CYCLES                  @ everywhere
	mov r0, #31
	mcr p15, 0, r0, c9, c12, 5
	ldr r0, =EVT_NSH                             @ cycle counter filter:
	mcr p15, 0, r0, c9, c13, 1                   @ everywhere
	bl scenario
	CNT 0, "INST PL1"
	CNT 1, "INST PL0"
	CNT 2, "INST Hyp"
	CNT 3, "CYCLES all"
	mrc p15, 0, r4, c9, c13, 0
	PRINTKV "PMCCNTR all", r4

	@ ---- 2: the inverted Non-secure filters: NSK = 1 with P = 1 counts
	@ Non-secure PL1 only; NSU = 1 with U = 0 counts neither PL0; a cycle
	@ counter filtered out of Hyp counts 24 ----
	PRINT "ns filters\n"
	EVT 0, EVT_P | EVT_NSK | EVT_U | INST_RETIRED @ NS PL1 (P == NSK)
	EVT 1, EVT_NSU | EVT_P | INST_RETIRED        @ nothing
	EVT 2, EVT_U | EVT_NSU | EVT_P | INST_RETIRED @ NS PL0 (U == NSU)
	EVT 3, CPU_CYCLES                            @ all but Hyp
	mov r0, #31
	mcr p15, 0, r0, c9, c12, 5
	mov r0, #0                                   @ cycle counter: not
	mcr p15, 0, r0, c9, c13, 1                   @ in Hyp
	bl scenario
	CNT 0, "INST NS PL1"
	CNT 1, "INST none"
	CNT 2, "INST NS PL0"
	CNT 3, "CYCLES not Hyp"
	mrc p15, 0, r4, c9, c13, 0
	PRINTKV "PMCCNTR not Hyp", r4

	@ ---- 3: exceptions taken and returns ----
	PRINT "exceptions\n"
	EVT 0, EVT_NSH | EXC_TAKEN                   @ all: SVC, HVC
	EVT 1, EVT_NSH | EXC_RETURN                  @ all: ERET, MOVS
	EVT 2, EVT_P | EXC_TAKEN                     @ PL0: SVC
	EVT 3, EVT_P | EVT_U | EVT_NSH | EXC_RETURN  @ Hyp: ERET
	bl scenario
	CNT 0, "EXC_TAKEN all"
	CNT 1, "EXC_RETURN all"
	CNT 2, "EXC_TAKEN PL0"
	CNT 3, "EXC_RETURN Hyp"

	@ ---- 4: PMCR.D: one count every 64 cycles. In Hyp: MCR
	@ PMCNTENSET, LDR, then 319 x (SUBS, BNE) = 640 cycles = 10 ----
	PRINT "pmcr.d\n"
	mov r0, #31
	mcr p15, 0, r0, c9, c12, 5
	ldr r0, =EVT_NSH                             @ cycle counter: in Hyp
	mcr p15, 0, r0, c9, c13, 1
	mov r0, #(1 << 3) | (1 << 2) | 1             @ D, C (reset), E
	mcr p15, 0, r0, c9, c12, 0
	ldr r0, =0x80000000
	mcr p15, 0, r0, c9, c12, 1                   @ PMCNTENSET: C
	ldr r1, =319
2:	subs r1, r1, #1
	bne 2b
	mcr p15, 0, r0, c9, c12, 2                   @ PMCNTENCLR: C
	mrc p15, 0, r4, c9, c13, 0
	PRINTKV "PMCCNTR/64", r4

	@ ---- 5: overflow: counter 0 from 0xfffffff0 counting Hyp
	@ instructions: MCR PMCNTENSET, 20 x NOP = 21 -> 0x00000005 ----
	PRINT "overflow\n"
	mov r0, #1                                   @ E, no D
	mcr p15, 0, r0, c9, c12, 0
	mvn r0, #0
	mcr p15, 0, r0, c9, c12, 3                   @ PMOVSR: clear all
	EVT 0, EVT_NSH | INST_RETIRED
	ldr r0, =0xfffffff0
	mcr p15, 0, r0, c9, c13, 2                   @ PMXEVCNTR
	mov r0, #1
	mcr p15, 0, r0, c9, c12, 1                   @ PMCNTENSET: 0
	.rept 20
	nop
	.endr
	mcr p15, 0, r0, c9, c12, 2                   @ PMCNTENCLR: 0
	CNT 0, "counter 0"
	mrc p15, 0, r4, c9, c12, 3
	PRINTKV "PMOVSR", r4
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

@ Reset the counters (PMCR.P, C; E set), then run the scenario of the
@ header: returns here from the Hyp Trap handler with the counters
@ stopped. Preserves r4-r11.
	.type scenario, %function
scenario:
	push {r4-r11, lr}
	ldr r1, =saved_sp
	str sp, [r1]
	mov r0, #(1 << 2) | (1 << 1) | 1             @ C, P, E
	mcr p15, 0, r0, c9, c12, 0
	ldr r0, =pl1_code
	msr elr_hyp, r0
	ldr r0, =0x1d3                               @ NS SVC, A/I/F masked
	msr spsr_fsxc, r0
	ldr r0, =0x8000000f
	isb
	mcr p15, 0, r0, c9, c12, 1                   @ PMCNTENSET   Hyp 1
	eret                                         @              Hyp 2
pl1_code:
	.rept 10
	nop                                          @              PL1 1-10
	.endr
	mov r0, #0x10                                @              PL1 11
	msr spsr_fsxc, r0                            @              PL1 12
	ldr lr, =pl0_code                            @              PL1 13
	movs pc, lr                                  @              PL1 14
pl0_code:
	.rept 7
	nop                                          @              PL0 1-7
	.endr
	svc #0                                       @              PL0 8
svc_handler:
	hvc #0                                       @ (after B:    PL1 16)
hyp_trap:
	mvn r0, #0                                   @ (after B:    Hyp 4)
	mcr p15, 0, r0, c9, c12, 2                   @ PMCNTENCLR: not counted
	ldr r1, =saved_sp
	ldr sp, [r1]
	pop {r4-r11, pc}
	.ltorg

	.balign 32
guest_vectors:
	b .
	b .
	b svc_handler                                @ 0x08: PL1 15
	b .
	b .
	b .
	b .
	b .
	.balign 32
hyp_vectors:
	b .
	b .
	b .
	b .
	b .
	b hyp_trap                                   @ 0x14: Hyp 3
	b .
	b .

	.data
	.balign 4
saved_sp:
	.word 0
