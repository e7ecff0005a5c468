@ HCPTR (ARM DDI 0406C B4.1.74) and the HCR.TID0/TID3 traps of VMRS:
@  - TCPAC: CPACR reads and writes at Non-secure PL1 go to Hyp mode
@    (EC 0x03);
@  - TCP10/TCP11: every VFP and Advanced SIMD instruction from
@    Non-secure PL1 and PL0, ARM and Thumb, goes to Hyp mode with EC 0x07
@    (B3.13.6: TA=0 coproc=0xA for VFP, TA=1 coproc=0 for Advanced SIMD;
@    CV/COND as for other trapped instructions); in Hyp mode itself the
@    instruction is UNDEFINED;
@  - TASE: only Advanced SIMD instructions trap;
@  - the CPACR (no access, PL1-only at PL0) and FPEXC.EN=0 make the
@    instruction UNDEFINED at PL1 first: "traps are only taken if the
@    instruction would not otherwise be UNDEFINED" (CheckAdvSIMDOrVFPEnabled
@    order); VMRS FPEXC needs no FPEXC.EN but still traps;
@  - HCR.TID0 traps VMRS FPSID, HCR.TID3 VMRS MVFR0/MVFR1 from PL1 with
@    EC 0x08 (ISS as MRC p10, 7, Rt, c<reg>, c0, 0); at PL0 they are
@    UNDEFINED.
@ Expected output from the manual, not QEMU: QEMU 7.2 checks HCPTR.TCPAC
@ only for ARMv8 cores, reports no TA/coproc in the HSR (its issue 1153),
@ checks HCPTR before FPEXC.EN and does not implement TASE for AArch32
@ (those lines are excused in tests/diff/line-excuses.txt).
@ hypsim-run: --entry hyp
	.syntax unified
#include "hyp/hyp.inc"
	.fpu neon-vfpv4

	.text
	.arm
	.global main
main:
	push {r4-r11, lr}
	bl hv_setup
	TITLE "hcptr clear: cpacr read and write"
	GUEST g_cpacr, M_SVC | PSR_AIF
	TITLE "hcptr.tcpac"
	SET_HCPTR 0x80000000
	GUEST g_cpacr, M_SVC | PSR_AIF
	GUEST g_cpacr_t, M_SVC | PSR_AIF
	TITLE "hcptr.tcpac: hyp is not trapped"
	mrc p15, 0, r0, c1, c0, 2
	mcr p15, 0, r0, c1, c0, 2
	PRINT "  hyp access done\n"
	SET_HCPTR 0

	bl fp_on
	TITLE "hcptr.tcp10/tcp11: vfp and advanced simd, pl1 and pl0"
	SET_HCPTR 0xc00
	GUEST g_fp, M_SVC | PSR_AIF
	GUEST g_fp_t, M_SVC | PSR_AIF
	GUEST g_fp_usr, M_USR
	GUEST g_fp_t_usr, M_USR
	TITLE "hcptr.tase: advanced simd only"
	SET_HCPTR 0x8000
	GUEST g_fp, M_SVC | PSR_AIF
	GUEST g_fp_t_usr, M_USR
	TITLE "cpacr no access: undefined at pl1 before the trap"
	SET_HCPTR 0xc00
	mov r0, #0
	mcr p15, 0, r0, c1, c0, 2
	isb
	GUEST g_fp, M_SVC | PSR_AIF
	TITLE "cpacr pl1 only: pl0 undefined, pl1 trapped"
	mov r0, #(0x5 << 20)
	mcr p15, 0, r0, c1, c0, 2
	isb
	GUEST g_fp_usr, M_USR
	GUEST g_fp, M_SVC | PSR_AIF
	TITLE "cpacr.asedis: advanced simd undefined, vfp trapped"
	ldr r0, =0x80f00000
	mcr p15, 0, r0, c1, c0, 2
	isb
	GUEST g_fp, M_SVC | PSR_AIF
	TITLE "fpexc.en=0: vmrs fpexc traps, vadd undefined"
	SET_HCPTR 0
	mov r0, #0
	vmsr fpexc, r0
	SET_HCPTR 0xc00
	GUEST g_fpexc, M_SVC | PSR_AIF
	TITLE "hcptr.tcp10 in hyp mode: undefined"
	SET_HCPTR 0
	bl fp_on
	SET_HCPTR 0xc00
	RESUME 1f
	T vadd.f32 s0, s1, s2
1:	SET_HCPTR 0
	PRINT "  hyp resumed\n"
	TITLE "hcr.tid0: vmrs fpsid (ec 0x08)"
	SET_HCR 0x8000
	GUEST g_vmrs_id, M_SVC | PSR_AIF
	GUEST g_vmrs_id_t, M_SVC | PSR_AIF
	TITLE "hcr.tid3: vmrs mvfr0, mvfr1 (ec 0x08)"
	SET_HCR 0x40000
	GUEST g_vmrs_mvfr, M_SVC | PSR_AIF
	TITLE "hcr clear: mvfr0, mvfr1 read"
	SET_HCR 0
	GUEST g_vmrs_mvfr, M_SVC | PSR_AIF
	TITLE "hcr.tid0: pl0 vmrs fpsid undefined"
	SET_HCR 0x8000
	GUEST g_vmrs_usr, M_USR
	SET_HCR 0
	PRINT "done\n"
	mov r0, #0
	pop {r4-r11, pc}

g_cpacr:
	T mrc p15, 0, r4, c1, c0, 2
	T mcr p15, 0, r4, c1, c0, 2
	PRINT "  end\n"
	hvc #0xf00d
	.thumb
	.thumb_func
g_cpacr_t:
	T mrc p15, 0, r4, c1, c0, 2
	T mcr p15, 0, r4, c1, c0, 2
	hvc #0xf00d

@ CPACR cp10/cp11 full access, FPEXC.EN (from Hyp mode: CPACR does not act
@ on Hyp mode, NSACR.cp10/cp11 are set by the boot code)
	.arm
fp_on:
	mrc p15, 0, r0, c1, c0, 2
	orr r0, r0, #(0xf << 20)
	bic r0, r0, #0xc0000000
	mcr p15, 0, r0, c1, c0, 2
	isb
	mov r0, #0x40000000
	vmsr fpexc, r0
	bx lr

g_fp:
	T vadd.f32 s0, s1, s2
	T vaddne.f64 d0, d1, d2
	T vadd.i32 d0, d1, d2
	T vmov r4, s3
	T vldr d3, [sp, #-8]
	T vmrs r4, fpscr
	PRINT "  end\n"
	hvc #0xf00d

@ the same from PL0, which cannot print (semihosting is PL1 only)
g_fp_usr:
	T vadd.f32 s0, s1, s2
	T vaddne.f64 d0, d1, d2
	T vadd.i32 d0, d1, d2
	T vmrs r4, fpscr
	svc #0xf0

	.thumb
	.thumb_func
g_fp_t:
	T vmul.f64 d0, d1, d2
	T vmul.i16 q0, q1, q2
	T vld1.32 {d0}, [sp]
	T vmov.32 r4, d5[1]
	T vmov.u8 r4, d5[3]
	PRINT "  end\n"
	hvc #0xf00d

	.thumb_func
g_fp_t_usr:
	T vmul.f64 d0, d1, d2
	T vmul.i16 q0, q1, q2
	T vmov.u8 r4, d5[3]
	svc #0xf0

	.arm
g_fpexc:
	T vmrs r4, fpexc
	T vadd.f32 s0, s1, s2
	PRINT "  end\n"
	hvc #0xf00d

g_vmrs_id:
	TR "fpsid", vmrs r6, fpsid
	TR "mvfr0", vmrs r6, mvfr0
	TR "fpscr", vmrs r6, fpscr
	hvc #0xf00d

	.thumb
	.thumb_func
g_vmrs_id_t:
	TR "fpsid", vmrs r6, fpsid
	hvc #0xf00d

	.arm
g_vmrs_mvfr:
	TR "mvfr0", vmrs r6, mvfr0
	TR "mvfr1", vmrs r6, mvfr1
	hvc #0xf00d

g_vmrs_usr:
	T vmrs r6, fpsid
	svc #0xf0
	.ltorg
