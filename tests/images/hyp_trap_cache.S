@ HCR.TSW, TPC, TPU and TTLB (ARM DDI 0406C B4.1.65; HSR B3.13.6): cache
@ maintenance by set/way (TSW), to the point of coherency (TPC), to the
@ point of unification (TPU) and TLB maintenance (TTLB, in hyp_trap_tlb.S) at Non-secure PL1
@ are taken to Hyp mode with HSR EC 0x03, ISS = CV, COND, Opc2, Opc1, CRn,
@ Rt, CRm, Direction 0; each control traps only its own group. BPIALL and
@ the other branch-predictor operations are in no group.
@ Expected output from the manual, not QEMU: QEMU 7.2 implements none of
@ TSW, TPC and TPU for AArch32 (those lines are excused in tests/diff/line-excuses.txt).
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
	TITLE "tsw: dcisw, dccsw, dccisw"
	SET_HCR HCR_TSW
	GUEST g_sw, M_SVC | PSR_AIF
	TITLE "tsw: the others are not trapped"
	GUEST g_poc, M_SVC | PSR_AIF
	GUEST g_pou, M_SVC | PSR_AIF
	GUEST g_tlb, M_SVC | PSR_AIF
	TITLE "tpc: dcimvac, dccmvac, dccimvac"
	SET_HCR HCR_TPC
	GUEST g_poc, M_SVC | PSR_AIF
	TITLE "tpc: thumb"
	GUEST g_poc_t, M_SVC | PSR_AIF
	TITLE "tpu: icimvau, iciallu, iciallis, dccmvau"
	SET_HCR HCR_TPU
	GUEST g_pou, M_SVC | PSR_AIF
	TITLE "tpu: bpiall, bpimva, bpiallis are not trapped"
	GUEST g_bp, M_SVC | PSR_AIF
	TITLE "all four from abt mode"
	SET_HCR HCR_TSW | HCR_TPC | HCR_TPU | HCR_TTLB
	GUEST g_mix, M_ABT | PSR_AIF
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

@ ---- guests ----
g_sw:
	mov r1, #0
	T mcr p15, 0, r1, c7, c6, 2
	T mcr p15, 0, r1, c7, c10, 2
	T mcr p15, 0, r1, c7, c14, 2
	hvc #0xf00d
g_poc:
	ldr r2, =scratch
	T mcr p15, 0, r2, c7, c6, 1
	T mcr p15, 0, r2, c7, c10, 1
	T mcr p15, 0, r2, c7, c14, 1
	hvc #0xf00d
g_pou:
	ldr r3, =scratch
	T mcr p15, 0, r3, c7, c5, 1
	T mcr p15, 0, r0, c7, c5, 0
	T mcr p15, 0, r0, c7, c1, 0
	T mcr p15, 0, r3, c7, c11, 1
	hvc #0xf00d
g_bp:
	mov r0, #0
	mcr p15, 0, r0, c7, c5, 6
	mcr p15, 0, r0, c7, c5, 7
	mcr p15, 0, r0, c7, c1, 6
	PRINT "  not trapped\n"
	hvc #0xf00d
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
g_mix:
	ldr r5, =scratch
	T mcr p15, 0, r5, c7, c14, 2
	T mcr p15, 0, r5, c7, c14, 1
	T mcr p15, 0, r5, c7, c11, 1
	T mcr p15, 0, r5, c8, c7, 3
	hvc #0xf00d

	.thumb
	.thumb_func
g_poc_t:
	ldr r12, =scratch
	T mcr p15, 0, r12, c7, c6, 1
	T mcr p15, 0, r12, c7, c14, 1
	hvc #0xf00d
	.ltorg

	.data
	.balign 64
scratch:
	.space 64
