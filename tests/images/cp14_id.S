@ cp14_id: every CP14 register a Cortex-A15 / Cortex-A7 kernel or
@ hypervisor may read at boot, read at Non-secure PL1 (hypsim's default
@ entry), printed as NAME=VALUE or NAME=UNDEF (Undefined Instruction taken).
@
@  - v7.1 Debug (ARM DDI 0406C C11, "CP14 debug register summary"):
@    DBGDIDR, DBGDSCRint, DBGDRAR/DBGDSAR (32 and 64-bit), DBGDSCRext,
@    DBGVCR, DBGWFAR, the breakpoint and watchpoint registers (every n up
@    to 15: n >= BRPs / WRPs from DBGDIDR is UNDEFINED), DBGBXVR of the
@    context-matching breakpoints, DBGOSLSR, DBGPRCR, DBGPRSR, DBGDEVID,
@    DBGDEVID1, DBGCLAIMCLR, DBGAUTHSTATUS.
@  - Trace, CP14 opc1 = 1: ID_DFR0[15:12] (coprocessor trace model) is 0 on
@    both cores (A15 TRM 4.3 ID_DFR0 = 0x02010555; A7 TRM 4.3 likewise):
@    the PTM of the A15 and the ETM of the A7 are reached through the
@    memory-mapped (APB) interface only, so every CP14 opc1 = 1 encoding
@    (ETMCR, ETMCCR, ETMIDR, ETMCCER in the ETMv3 CP14 mapping, TRCIDR0
@    and TRCIDR1 of the ARMv8 mapping) is UNDEFINED.
@  - ThumbEE (TEECR, TEEHBR) and trivial Jazelle (JIDR, JOSCR, JMCR;
@    A2.11, trivial Jazelle).
@ The values differ per core (DBGDIDR): one .expect per core.
@ Checked against qemu-system-arm 7.2 -M virt -cpu cortex-a15/cortex-a7,
@ which agrees on every line but these, where the TRMs win (listed in
@ tests/diff/line-excuses.txt):
@  - DBGDEVID, DBGDEVID1, DBGCLAIMCLR, DBGPRCR: UNDEFINED in QEMU 7.2; the
@    A15 TRM Table 10-1 (CP14 debug register summary) and C11.11 (v7.1
@    Debug: DBGDEVID, DBGDEVID1, claim tags and DBGPRCR are mandatory in
@    the CP14 interface) define them. DBGDEVID 0x01110F13 and DBGDEVID1
@    (0 on the A15, 1 on the A7) are the TRMs' values, which QEMU 8.0
@    adopted.
@  - DBGVCR: QEMU 7.2 leaves Rt unchanged (prints deadbeef); the register
@    exists (A15 TRM Table 10-1) and resets to 0 here.
@  - DBGBCR0, DBGWCR1 written as all ones: QEMU keeps every bit; the bits
@    C11 gives no field (UNK/SBZP) read as zero here.
#include "a32_common.inc"

@ R name, insn: run an MRC into r4 with r4 = 0xdeadbeef first, print
@ name=VALUE, or name=UNDEF when the Undefined Instruction was taken
.macro R name, insn:vararg
	ldr r4, =0xdeadbeef
	ldr r0, =exc_rec
	mov r1, #0
	str r1, [r0]
	\insn
	.pushsection .rodata
9030:	.asciz "\name"
	.popsection
	ldr r0, =9030b
	mov r1, r4
	bl print_result
.endm

@ R64 name, crm: MRRC p14, 0, r4, r5, crm; prints name=HIGH:LOW
.macro R64 name, crm
	ldr r4, =0xdeadbeef
	ldr r5, =0xdeadbeef
	ldr r0, =exc_rec
	mov r1, #0
	str r1, [r0]
	mrrc p14, 0, r4, r5, \crm
	.pushsection .rodata
9031:	.asciz "\name"
	.popsection
	ldr r0, =9031b
	mov r1, r4
	mov r2, r5
	bl print_result64
.endm

@ BPS n: the four breakpoint/watchpoint registers of comparator n
.macro BPS n
	R "DBGBVR\n", mrc p14, 0, r4, c0, c\n, 4
	R "DBGBCR\n", mrc p14, 0, r4, c0, c\n, 5
	R "DBGWVR\n", mrc p14, 0, r4, c0, c\n, 6
	R "DBGWCR\n", mrc p14, 0, r4, c0, c\n, 7
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors
	@ ---- Debug: identification and status ----
	R "DBGDIDR", mrc p14, 0, r4, c0, c0, 0
	R "DBGDRAR", mrc p14, 0, r4, c1, c0, 0
	R "DBGDSAR", mrc p14, 0, r4, c2, c0, 0
	R64 "DBGDRAR64", c1
	R64 "DBGDSAR64", c2
	@ DBGDSCRint: only the DCC flags and UDCCdis are compared (NS and the
	@ other status bits depend on where QEMU starts the image)
	mrc p14, 0, r4, c0, c1, 0
	ldr r0, =0x60001000
	and r4, r4, r0
	PRINTKV "DBGDSCRint&RXfull,TXfull,UDCCdis", r4
	R "DBGVCR", mrc p14, 0, r4, c0, c7, 0
	R "DBGDEVID", mrc p14, 0, r4, c7, c2, 7
	R "DBGDEVID1", mrc p14, 0, r4, c7, c1, 7
	R "DBGCLAIMCLR", mrc p14, 0, r4, c7, c9, 6
	@ ---- OS Lock and powerdown ----
	R "DBGOSLSR", mrc p14, 0, r4, c1, c1, 4
	R "DBGPRCR", mrc p14, 0, r4, c1, c4, 4
	@ unlock, read the status again, lock again
	mov r0, #0
	mcr p14, 0, r0, c1, c0, 4
	isb
	R "DBGOSLSR(unlocked)", mrc p14, 0, r4, c1, c1, 4
	@ ---- breakpoints and watchpoints: write a value, read it back ----
	ldr r0, =0x12345678
	mcr p14, 0, r0, c0, c0, 4
	ldr r0, =0xffffffff
	mcr p14, 0, r0, c0, c0, 5
	mcr p14, 0, r0, c0, c1, 6
	mcr p14, 0, r0, c0, c1, 7
	isb
	BPS 0
	BPS 1
	BPS 2
	BPS 3
	BPS 4
	BPS 5
	BPS 6
	BPS 7
	BPS 15
	@ ---- trace (CP14 opc1 = 1): UNDEFINED on both cores ----
	R "ETMCR", mrc p14, 1, r4, c0, c0, 0
	R "ETMCCR", mrc p14, 1, r4, c0, c1, 0
	R "ETMIDR", mrc p14, 1, r4, c0, c9, 7
	R "ETMCCER", mrc p14, 1, r4, c0, c10, 7
	R "TRCIDR0", mrc p14, 1, r4, c0, c8, 7
	R "TRCIDR1", mrc p14, 1, r4, c0, c9, 7
	@ ---- ThumbEE and Jazelle ----
	R "TEECR", mrc p14, 6, r4, c0, c0, 0
	R "TEEHBR", mrc p14, 6, r4, c1, c0, 0
	R "JIDR", mrc p14, 7, r4, c0, c0, 0
	R "JOSCR", mrc p14, 7, r4, c1, c0, 0
	R "JMCR", mrc p14, 7, r4, c2, c0, 0
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

@ r0 = name, r1 = value
	.type print_result, %function
print_result:
	push {r4, r5, r6, lr}
	mov r5, r1
	bl sh_write0
	mov r0, #'='
	bl sh_writec
	ldr r4, =exc_rec
	ldr r6, [r4]
	cmp r6, #1
	beq 1f
	mov r0, r5
	bl print_hex
	b 2f
1:	PRINT "UNDEF"
2:	bl print_nl
	pop {r4, r5, r6, pc}

@ r0 = name, r1 = low word, r2 = high word
	.type print_result64, %function
print_result64:
	push {r4, r5, r6, lr}
	mov r5, r1
	mov r6, r2
	bl sh_write0
	mov r0, #'='
	bl sh_writec
	ldr r4, =exc_rec
	ldr r4, [r4]
	cmp r4, #1
	beq 1f
	mov r0, r6
	bl print_hex
	mov r0, #':'
	bl sh_writec
	mov r0, r5
	bl print_hex
	b 2f
1:	PRINT "UNDEF"
2:	bl print_nl
	pop {r4, r5, r6, pc}
	.ltorg
