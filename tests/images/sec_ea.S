@ SCR.EA (ARM DDI 0406C B4.1.129; TakeDataAbortException and
@ TakePrefetchAbortException, B1.9): with SCR.EA set every external abort
@ goes to Monitor mode (MVBAR+0x10 / +0x0C, LR_mon = +8 / +4 in ARM and
@ Thumb, B1.8.3 Table B1-7; A, I and F set), from Secure and Non-secure
@ state alike, and the Secure DFSR/DFAR or IFSR/IFAR hold the fault (the
@ exception is taken to Secure state); SCR.NS is left as it was, since the
@ exception did not come from Monitor mode. With SCR.EA clear the same
@ abort goes to the Abort mode of the current security state. (A store to
@ nothing aborts asynchronously on these cores; SCR.EA and SCR.AW for that
@ case: tests/images/hyp_async_abort_sec.S.)
@ Expected output from the manual, not QEMU: QEMU 7.2 ignores SCR.EA for
@ synchronous external aborts on AArch32 and takes them to Abort mode
@ (listed in tests/diff/exclude.txt).
@ hypsim-run: --entry secure-svc
#include "sec_common.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	SEC_INIT

	PRINT "scr.ea: secure data and prefetch aborts to monitor\n"
	mov r0, #0x8                      @ SCR.EA
	mcr p15, 0, r0, c1, c1, 0
	isb
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	MARK NOWHERE
	RESUME 2f
	blx r4
2:	blx t_ea
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	PRINT "scr.ea clear: secure data abort to secure abort mode\n"
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4]
2:	PRINT "non-secure svc, scr=ns|ea: data abort to monitor, scr.ns stays 1\n"
	NS ns_dabt, 0x9
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

	.thumb
	.thumb_func
t_ea:
	push {r4, lr}
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4, #12]
2:	pop {r4, pc}
	.ltorg
	.arm

@ ---- Non-secure SVC code; it ends with SMC call 2 ----
ns_dabt:
	ldr sp, =NS_SP
	ldr r4, =NOWHERE
	MARK 1f
	RESUME 2f
1:	ldr r0, [r4, #8]
2:	mov r0, #2
	smc #0
	.ltorg

	SEC_STD_HANDLERS
	SEC_COMMON_CODE
