@ HCR.TTLB (ARM DDI 0406C B4.1.65; HSR B3.13.6): every TLB maintenance
@ operation at Non-secure PL1 is taken to Hyp mode with HSR EC 0x03, ISS =
@ CV, COND, Opc2, Opc1, CRn, Rt, CRm, Direction 0. (TSW, TPC, TPU:
@ hyp_trap_cache.S.)
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.equ HCR_TSW, 1 << 22
	.equ HCR_TPC, 1 << 23
	.equ HCR_TPU, 1 << 24
	.equ HCR_TTLB, 1 << 25

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "ttlb: every tlb operation"
	SET_HCR HCR_TTLB
	GUEST g_tlb, M_SVC | PSR_AIF
	TITLE "ttlb: from abt and und"
	GUEST g_tlb2, M_ABT | PSR_AIF
	GUEST g_tlb2, M_UND | PSR_AIF
	TITLE "ttlb: thumb"
	GUEST g_tlb_t, M_SVC | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ ---- guests ----
g_tlb:
	mov r4, #0
	T mcr p15, 0, r4, c8, c3, 0
	T mcr p15, 0, r4, c8, c3, 1
	T mcr p15, 0, r4, c8, c3, 2
	T mcr p15, 0, r4, c8, c3, 3
	T mcr p15, 0, r4, c8, c5, 0
	T mcr p15, 0, r4, c8, c5, 1
	T mcr p15, 0, r4, c8, c5, 2
	T mcr p15, 0, r4, c8, c6, 0
	T mcr p15, 0, r4, c8, c6, 1
	T mcr p15, 0, r4, c8, c6, 2
	T mcr p15, 0, r4, c8, c7, 0
	T mcr p15, 0, r4, c8, c7, 1
	T mcr p15, 0, r4, c8, c7, 2
	T mcr p15, 0, r4, c8, c7, 3
	hvc #0xf00d
g_tlb2:
	mov r9, #0
	T mcr p15, 0, r9, c8, c7, 0
	hvc #0xf00d

	.thumb
	.thumb_func
g_tlb_t:
	mov r11, #0
	T mcr p15, 0, r11, c8, c7, 0
	T mcr p15, 0, r11, c8, c3, 3
	hvc #0xf00d
	.ltorg
