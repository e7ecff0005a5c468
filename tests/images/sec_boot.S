@ Firmware-style boot (the way boot-wrappers do it, ARM DDI 0406C B1.5
@ Security Extensions, B4.1.129 SCR, B4.1.111 NSACR, B4.1.107 MVBAR): the
@ core starts as silicon resets, in Secure SVC with SCR = 0; the firmware
@ sets MVBAR, NSACR (CP10/CP11 and NS_SMP for the Non-secure side) and
@ issues SMC; the Monitor handler sets SCR = NS|FW|AW|HCE (0x131), makes
@ SPSR_mon a Hyp-mode PSR and returns with MOVS PC, LR into Non-secure
@ Hyp mode; Hyp installs its vectors and drops to a guest in Non-secure
@ SVC with ERET; the guest calls the hypervisor with HVC, and Hyp calls
@ the Monitor with SMC (taken to MVBAR+0x08 with SCR.NS still 1).
@ hypsim-run: --entry secure-svc
#include "sec_common.inc"

	.equ HYP_SP, 0x40f40000
	.equ GUEST_SP, 0x40f00000

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	ldr r0, =saved_sp
	str sp, [r0]
	mrs r4, cpsr
	PRINTKV "reset cpsr", r4
	mrc p15, 0, r4, c1, c1, 0
	PRINTKV "scr", r4
	mrc p15, 0, r4, c1, c1, 2
	PRINTKV "nsacr", r4
	ldr r0, =mon_vectors
	mcr p15, 0, r0, c12, c0, 1        @ MVBAR
	mrc p15, 0, r4, c12, c0, 1
	ldr r0, =mon_vectors
	sub r4, r4, r0
	PRINTKV "mvbar - mon_vectors", r4
	ldr r0, =0x00040c00               @ NSACR: CP10, CP11, NS_SMP
	mcr p15, 0, r0, c1, c1, 2
	mrc p15, 0, r4, c1, c1, 2
	PRINTKV "nsacr", r4
	ldr r0, =MON_SP
	msr sp_mon, r0
	isb
	PRINT "firmware: smc to the monitor\n"
	ldr r0, =1f
	ldr r1, =smc_addr
	str r0, [r1]
	mov r0, #1                        @ monitor call 1: enter Non-secure Hyp
1:	smc #0
	PRINT "not reached\n"
	mov r0, #1
	bl sh_exit

@ ---- Monitor ----
	VECTORS mon_vectors, svc=mon_smc

mon_smc:
	push {r0-r3, r12, lr}
	mov r4, r0
	mrs r5, cpsr
	mrs r6, spsr
	mrc p15, 0, r7, c1, c1, 0
	ldr r0, =smc_addr
	ldr r0, [r0]
	sub r8, lr, r0
	PRINT "monitor: smc"
	mov r0, #' '
	bl sh_writec
	PRINTKV "call", r4
	PRINTKV "  cpsr", r5
	PRINTKV "  spsr_mon", r6
	PRINTKV "  lr_mon - smc", r8
	PRINTKV "  scr", r7
	cmp r4, #1
	bne 2f
	@ call 1: drop to Non-secure Hyp
	ldr r0, =0x131                    @ SCR: NS, FW, AW, HCE
	mcr p15, 0, r0, c1, c1, 0
	isb
	mov r0, #0x1da                    @ Hyp, A/I/F masked
	msr spsr_cxsf, r0
	ldr lr, =hyp_entry
	add sp, sp, #6 * 4
	movs pc, lr
2:	@ call 2 (from Hyp): report and return
	pop {r0-r3, r12, lr}
	movs pc, lr

@ ---- Non-secure Hyp ----
hyp_entry:
	ldr sp, =HYP_SP
	mrs r4, cpsr
	PRINTKV "hyp: cpsr", r4
	ldr r0, =hyp_vectors
	mcr p15, 4, r0, c12, c0, 0        @ HVBAR
	ldr r0, =0x30c50878
	mcr p15, 4, r0, c1, c0, 0         @ HSCTLR
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0         @ HCR
	isb
	PRINT "hyp: scr is Secure only\n"
	ldr r0, =1f
	ldr r1, =smc_addr
	str r0, [r1]
1:	mrc p15, 0, r4, c1, c1, 0         @ UNDEFINED in Non-secure state
	ldr r0, =GUEST_SP
	msr sp_svc, r0
	ldr r0, =guest
	msr elr_hyp, r0
	mov r0, #0x1d3
	msr spsr_cxsf, r0
	eret
hyp_back:
	PRINT "hyp: smc to the monitor\n"
	ldr r0, =1f
	ldr r1, =smc_addr
	str r0, [r1]
	mov r0, #2
1:	smc #0
	mrs r4, cpsr
	PRINTKV "hyp: back from the monitor, cpsr", r4
	ldr r0, =saved_sp
	ldr sp, [r0]
	mov r0, #0
	pop {r4-r11, pc}

	VECTORS hyp_vectors, und=hyp_undef, hyp=hyp_trap

hyp_undef:
	mrs r4, elr_hyp
	mrc p15, 4, r5, c5, c2, 0
	ldr r0, =smc_addr
	ldr r0, [r0]
	sub r4, r4, r0
	PRINTKV "hyp: undefined, elr_hyp - insn", r4
	PRINTKV "  hsr", r5
	mrs r0, elr_hyp
	add r0, r0, #4
	msr elr_hyp, r0
	eret

hyp_trap:
	mrc p15, 4, r4, c5, c2, 0
	mrs r5, spsr
	PRINTKV "hyp: trap, hsr", r4
	PRINTKV "  spsr_hyp", r5
	b hyp_back
	.ltorg

@ ---- Non-secure SVC guest ----
guest:
	mrs r4, cpsr
	PRINTKV "guest: cpsr", r4
	PRINT "guest: hvc\n"
	hvc #0x42
	b .

	.data
	.balign 4
smc_addr:	.word 0
saved_sp:	.word 0
