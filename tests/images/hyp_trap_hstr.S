@ HSTR (ARM DDI 0406C B4.1.76; HSR B3.13.6): HSTR.Tn traps Non-secure PL1
@ MCR/MRC accesses whose CRn is n, and MCRR/MRRC accesses whose CRm is n,
@ whether or not the register exists (EC 0x03 / 0x04); from PL0 only
@ accesses that PL0 may make are trapped (TPIDRURW, TPIDRURO with T13),
@ others stay UNDEFINED. T4 and T14 do not exist. Hyp mode is not
@ trapped.
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "hstr=0: nothing trapped"
	GUEST g_all, M_SVC | PSR_AIF
	TITLE "hstr=0xbfef (T0-T3, T5-T13, T15)"
	SET_HSTR 0xbfef
	GUEST g_all, M_SVC | PSR_AIF
	TITLE "hstr: hyp mode is not trapped"
	mrc p15, 0, r0, c1, c0, 0
	mrc p15, 4, r0, c1, c0, 0
	PRINT "  hyp reads done\n"
	TITLE "hstr=T1: sctlr only"
	SET_HSTR 0x2
	GUEST g_all, M_SVC | PSR_AIF
	TITLE "hstr=T2: mcrr ttbr0 and ttbcr"
	SET_HSTR 0x4
	GUEST g_all, M_SVC | PSR_AIF
	TITLE "hstr=T13: from usr, tpidrurw and tpidruro; tpidrprw undefined"
	SET_HSTR 0x2000
	GUEST g_usr, M_USR
	TITLE "hstr=T13: thumb from svc"
	GUEST g_t13_t, M_SVC | PSR_AIF
	TITLE "hstr=T4|T14: no trap bits"
	SET_HSTR 0x4010
	GUEST g_all, M_SVC | PSR_AIF
	SET_HSTR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_all:
	T mrc p15, 0, r1, c0, c0, 0      @ MIDR
	T mrc p15, 0, r1, c1, c0, 0      @ SCTLR
	T mrc p15, 0, r1, c2, c0, 2      @ TTBCR
	T mrc p15, 0, r1, c3, c0, 0      @ DACR
	T mrc p15, 0, r1, c5, c0, 0      @ DFSR
	T mrc p15, 0, r1, c6, c0, 0      @ DFAR
	T mrc p15, 0, r1, c7, c4, 0      @ PAR
	mov r2, #0
	T mcr p15, 0, r2, c8, c7, 0      @ TLBIALL
	T mrc p15, 0, r1, c9, c12, 0     @ PMCR
	T mrc p15, 0, r1, c10, c2, 0     @ PRRR
	T mrc p15, 0, r1, c12, c0, 0     @ VBAR
	T mrc p15, 0, r1, c13, c0, 1     @ CONTEXTIDR
	T mrrc p15, 0, r2, r3, c2        @ TTBR0
	T mrrc p15, 0, r4, r5, c7        @ PAR (64-bit)
	T mrc p15, 0, r1, c14, c0, 0     @ CNTFRQ
	PRINT "  end\n"
	hvc #0xf00d

g_usr:
	T mrc p15, 0, r1, c13, c0, 2     @ TPIDRURW
	T mcr p15, 0, r1, c13, c0, 2
	T mrc p15, 0, r1, c13, c0, 3     @ TPIDRURO
	RESUME 2f
	T mrc p15, 0, r1, c13, c0, 4     @ TPIDRPRW: undefined at PL0
2:	RESUME 2f
	T mcr p15, 0, r1, c13, c0, 3     @ TPIDRURO write: undefined at PL0
2:	svc #0xf0

	.thumb
	.thumb_func
g_t13_t:
	T mrc p15, 0, r1, c13, c0, 4
	T mcr p15, 0, r1, c13, c0, 4
	hvc #0xf00d
	.ltorg
