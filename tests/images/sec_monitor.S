@ Monitor mode and the SCR (ARM DDI 0406C B1.5, B1.8, B4.1.129), started
@ in Secure SVC as silicon resets (--entry secure-svc):
@   - SMC from Secure SVC enters Monitor at MVBAR+0x08, LR_mon = the next
@     instruction, SPSR_mon = the caller CPSR with ITSTATE advanced past the
@     SMC (Thumb, in an IT block; TakeSMCException);
@   - the SCR.NS bank select in Monitor mode: VBAR has a Secure and a
@     Non-secure copy (B4.1.2);
@   - an exception taken from Monitor mode clears SCR.NS and enters the
@     Secure PL1 mode (every TakeXException: "if CPSR.M == Monitor then
@     SCR.NS = 0");
@   - SCR.SCD makes SMC UNDEFINED in Non-secure state; SCR.HCE = 0 makes HVC
@     UNDEFINED; with the Virtualization Extensions SCR.AW/FW no longer
@     stop Non-secure software writing CPSR.A/F (CPSRWriteByInstr:
@     "IsSecure() || SCR.AW == '1' || HaveVirtExt()"), they act on
@     masking (B1.8.6); SCR, MVBAR and NSACR writes are UNDEFINED in
@     Non-secure state, NSACR reads are allowed.
@ (SCR.EA: sec_ea.S.)
@ hypsim-run: --entry secure-svc
#include "sec_common.inc"

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	SEC_INIT

	PRINT "smc from secure svc, arm\n"
	mov r0, #0
	MARK 1f
1:	smc #0
	PRINT "smc from secure svc, thumb, in an IT block\n"
	blx t_smc_it

	PRINT "scr.ns bank select in monitor: vbar\n"
	mov r0, #3
	smc #0
	mrc p15, 0, r4, c12, c0, 0
	ldr r0, =s_vectors
	sub r4, r4, r0
	PRINTKV "  secure vbar - s_vectors", r4

	PRINT "undefined in monitor with scr.ns=1\n"
	mov r0, #4
	smc #0

	PRINT "non-secure svc, scr=ns: hvc undefined\n"
	NS ns_hvc, 0x1
	PRINT "non-secure svc, scr=ns: cpsr.a and cpsr.f writable all the same\n"
	NS ns_af, 0x1
	PRINT "non-secure svc, scr=ns|fw|aw: cpsr.a and cpsr.f clear\n"
	NS ns_af, 0x31
	PRINT "non-secure svc: secure-only registers\n"
	NS ns_regs, 0x1
	PRINT "non-secure svc, scr=ns|scd|hce: smc undefined (last: no way back)\n"
	NS ns_smc, 0x181
	PRINT "not reached\n"
	mov r0, #1
	pop {r4-r11, pc}

	.thumb
	.thumb_func
t_smc_it:
	push {r4, lr}
	movs r0, #0
	MARK 1f
	cmp r0, #0
	it eq
1:	smceq #0
	movs r0, #5
	PRINTKV "  after the IT block, r0", r0
	pop {r4, pc}
	.ltorg

@ ---- Monitor: SMC calls 3 and 4 (r0-r12, lr pushed); any other call is
@ reported by mon_smc_report ----
	.arm
mon_calls:
	cmp r0, #3
	beq mon_banks
	cmp r0, #4
	beq mon_undef
	b mon_smc_report

mon_banks:
	ldr r0, =0x1
	mcr p15, 0, r0, c1, c1, 0         @ SCR.NS = 1
	isb
	ldr r1, =0x12345600
	mcr p15, 0, r1, c12, c0, 0        @ Non-secure VBAR
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r4, c12, c0, 0        @ Secure VBAR
	ldr r0, =s_vectors
	sub r4, r4, r0
	mov r0, #1
	mcr p15, 0, r0, c1, c1, 0
	isb
	mrc p15, 0, r5, c12, c0, 0
	mov r0, #0
	mcr p15, 0, r0, c1, c1, 0
	isb
	PRINTKV "  monitor: ns=0 vbar - s_vectors", r4
	PRINTKV "  monitor: ns=1 vbar", r5
	pop {r0-r12, lr}
	movs pc, lr

mon_undef:
	mov r0, #1
	mcr p15, 0, r0, c1, c1, 0         @ SCR.NS = 1
	isb
	MARK 1f
	RESUME 2f
1:	udf #9
2:	mrc p15, 0, r4, c1, c1, 0
	PRINTKV "  monitor: scr after the exception", r4
	pop {r0-r12, lr}
	movs pc, lr

@ ---- Non-secure SVC code; each ends with SMC call 2 ----
ns_smc:
	ldr sp, =NS_SP
	mov r0, #0
	MARK 1f
	RESUME 2f
1:	smc #0
2:	PRINT "done\n"
	mov r0, #0
	bl sh_exit
ns_hvc:
	ldr sp, =NS_SP
	MARK 1f
	RESUME 2f
1:	hvc #0
2:	mov r0, #2
	smc #0
ns_af:
	ldr sp, =NS_SP
	cpsie af
	mrs r4, cpsr
	PRINTKV "  ns cpsr", r4
	cpsid af
	mov r0, #2
	smc #0
ns_regs:
	ldr sp, =NS_SP
	mrc p15, 0, r4, c1, c1, 2
	PRINTKV "  nsacr read", r4
	RESUME 2f
	MARK 1f
1:	mcr p15, 0, r4, c1, c1, 2
2:	RESUME 2f
	MARK 1f
1:	mrc p15, 0, r4, c1, c1, 0
2:	RESUME 2f
	MARK 1f
1:	mrc p15, 0, r4, c12, c0, 1
2:	mov r0, #2
	smc #0
	.ltorg

	SEC_STD_HANDLERS
	SEC_COMMON_CODE mon_calls
