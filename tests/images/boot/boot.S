@ A realistic boot flow for the HSCTLR and stale-HYP-TLB scenarios
@ (docs/history.md 1; issue 6 "Scenarios").
@
@ 1. Firmware, entered in Non-secure HYP (--entry hyp). It installs a
@    hyp-stub (Linux 6.1 decompressor ABI: HVC #0 with r0 = 0 sets HVBAR to
@    r1), then does some work in HYP from page P:
@      - I-cache scenario: with HSCTLR.I set (MMU off) it runs code in P,
@        including the boot-wrapper style holding pen the primary core
@        passes through, then clears HSCTLR.I;
@      - TLB scenario (-DSCENARIO_TLB): it copies P 2 MiB higher and runs
@        it with its own HYP MMU mapping (a 2 MiB block, VA P -> PA P+2M),
@        then turns the MMU off again - without TLBIALLH, as bootloaders do.
@    Then it drops to the kernel in SVC.
@ 2. The kernel (SVC) turns its I-cache on, writes its HYP init code over
@    page P, cleans it to PoU and does ICIALLU + ISB as Linux does, sets
@    the HYP vectors to P through the stub's HVC, builds a HYP identity map
@    (one 1 GiB block) and calls HYP init with HVC.
@ 3. HYP init (KVM <= 5.6 style): HTTBR, HTCR, HMAIR0/1, TLBIALLH + DSB ISH
@    (omitted with -DNO_TLBIALLH, as in KVM 3.10), then HSCTLR = 0x30C5187F
@    (M, A, C, I) and ISB, new HVBAR, ERET.
@
@ Variants: -DHSCTLR_VALUE=0x30c5087f (I left clear), -DHYP_ICIALLU
@ (isb; ICIALLU in HYP before the write), -DSCENARIO_TLB, -DNO_TLBIALLH.
@
@ Nothing here checks which core runs it: whether the instruction fetched
@ after the HSCTLR write is the new code or a stale copy follows from the
@ core model's I-cache policy and the TLB model alone.
	.syntax unified
	.arm
	.include "macros.inc"

#ifndef HSCTLR_VALUE
#define HSCTLR_VALUE 0x30c5187f
#endif
#define FW_PAGE     0x40100000      /* page P */
#define FW_COPY     0x40300000      /* TLB scenario: where P is copied */
#define HYP_PGD     0x40500000      /* kernel's HYP identity map */
#define FW_PGD      0x40600000      /* firmware's HYP tables */
#define HYP_STACK   0x40700000
#define FW_STACK    0x40780000
#define BLOCK_ATTRS 0x75d           /* AF, SH inner, AP[2:1]=01, AttrIndx 7, block */

@ ------------------------------------------------------------------------
@ HYP init code of the kernel: position independent, copied to page P.
	.text
	.align 5
	.global hyp_init_blob
hyp_init_blob:
	b .                             @ 0x00 not used
	b .                             @ 0x04 undefined in HYP
	b .                             @ 0x08 HVC/SVC in HYP
	b .                             @ 0x0c prefetch abort in HYP
	b .                             @ 0x10 data abort in HYP
	b hyp_do_init                   @ 0x14 HVC from the kernel
	b .                             @ 0x18 IRQ
	b .                             @ 0x1c FIQ
hyp_do_init:
	@ r0 = HYP pgd (PA), r1 = runtime HYP vectors, r2 = HYP stack
	mov sp, r2
	mov r3, #0
	mcrr p15, 4, r0, r3, c2         @ HTTBR
	ldr r3, =0x80003500             @ HTCR: T0SZ 0, inner-shareable WBWA walks
	mcr p15, 4, r3, c2, c0, 2
	ldr r3, =0xeeaa4400             @ HMAIR0: SO, NC, WT, WB
	mcr p15, 4, r3, c10, c2, 0
	ldr r3, =0xff000004             @ HMAIR1: Device, …, WB-WA at index 7
	mcr p15, 4, r3, c10, c2, 1
#ifndef NO_TLBIALLH
	mcr p15, 4, r0, c8, c7, 0       @ TLBIALLH: the bootloader may leave entries
	dsb ish
#endif
#ifdef HYP_ICIALLU
	isb
	mcr p15, 0, r0, c7, c5, 0       @ ICIALLU, issued in HYP
#endif
	isb
	ldr r3, =HSCTLR_VALUE
	.global hyp_init_hsctlr_write
hyp_init_hsctlr_write:
	mcr p15, 4, r3, c1, c0, 0       @ HSCTLR
	.global hyp_init_after_hsctlr
hyp_init_after_hsctlr:
	isb
	mcr p15, 4, r1, c12, c0, 0      @ HVBAR = runtime vectors
	mov r0, #0
	eret
	.ltorg
	.global hyp_init_end
hyp_init_end:

@ The kernel's runtime HYP vectors: HVC #0 returns HSCTLR in r0.
	.align 5
hyp_runtime_vectors:
	b .
	b .
	b .
	b .
	b .
	b hyp_runtime_hvc
	b .
	b .
hyp_runtime_hvc:
	mrc p15, 4, r0, c1, c0, 0
	eret

@ ------------------------------------------------------------------------
@ The kernel, entered in SVC at _start (tests/images/lib/rt.S) -> main.
	.global main
main:
	push {r4-r7, lr}
	PRINT "kernel: running in SVC\n"
	@ SCTLR: the kernel's I-cache and branch prediction on, MMU off. A
	@ whole value rather than read-modify-write, so the run does not
	@ depend on the cores' different reset values (the A7 resets with
	@ SCTLR.Z set, the A15 without) and A15/A7 traces stay comparable.
	ldr r0, =0x00c51878
	mcr p15, 0, r0, c1, c0, 0
	isb

	@ write the HYP init code over page P
	ldr r0, =FW_PAGE
	ldr r1, =hyp_init_blob
	ldr r2, =hyp_init_end
1:	ldr r3, [r1], #4
	str r3, [r0], #4
	cmp r1, r2
	blo 1b
	@ clean it to PoU, then invalidate the I-cache, as Linux does
	ldr r0, =FW_PAGE
	ldr r2, =hyp_init_end
	ldr r3, =hyp_init_blob
	sub r2, r2, r3
	add r2, r2, r0
2:	mcr p15, 0, r0, c7, c11, 1      @ DCCMVAU
	add r0, r0, #32
	cmp r0, r2
	blo 2b
	dsb ish
	mcr p15, 0, r0, c7, c5, 0       @ ICIALLU (Non-secure PL1)
	dsb ish
	isb

	@ hyp-stub: HVC_SET_VECTORS (r0 = 0, r1 = vectors)
	mov r0, #0
	ldr r1, =FW_PAGE
	hvc #0
	cmp r0, #0
	bne stub_failed

	@ HYP identity map: level 1, entry 1 = 1 GiB block at 0x40000000
	ldr r0, =HYP_PGD
	mov r2, #0
	mov r3, #0
	strd r2, r3, [r0]
	strd r2, r3, [r0, #16]
	strd r2, r3, [r0, #24]
	ldr r2, =0x40000000 + BLOCK_ATTRS
	strd r2, r3, [r0, #8]
	dsb ish

	PRINT "kernel: calling HYP init\n"
	ldr r0, =HYP_PGD
	ldr r1, =hyp_runtime_vectors
	ldr r2, =HYP_STACK
	hvc #0
	cmp r0, #0
	bne init_failed
	mov r0, #0
	hvc #0                          @ runtime call: HSCTLR
	mov r4, r0
	PRINTKV "kernel: HYP is up, HSCTLR", r4
	mov r0, #0
	pop {r4-r7, pc}
stub_failed:
	PRINT "kernel: hyp-stub refused HVC_SET_VECTORS\n"
	mov r0, #1
	pop {r4-r7, pc}
init_failed:
	PRINT "kernel: HYP init failed\n"
	mov r0, #1
	pop {r4-r7, pc}
	.ltorg

@ ------------------------------------------------------------------------
@ Firmware.
	.section .fw.start, "ax"
	.global fw_entry
fw_entry:
	ldr sp, =FW_STACK
	ldr r0, =fw_stub_vectors
	mcr p15, 4, r0, c12, c0, 0      @ HVBAR = the firmware's hyp-stub
	mov r0, #0
	mcr p15, 4, r0, c1, c1, 0       @ HCR = 0
	mcr p15, 4, r0, c1, c1, 3       @ HSTR = 0
#ifdef SCENARIO_TLB
	bl fw_relocated_run
#else
	mrc p15, 4, r0, c1, c0, 0       @ HSCTLR.I on while the firmware works
	orr r0, r0, #(1 << 12)
	mcr p15, 4, r0, c1, c0, 0
	isb
	bl fw_page_work
	mrc p15, 4, r0, c1, c0, 0       @ and off before handing over
	bic r0, r0, #(1 << 12)
	mcr p15, 4, r0, c1, c0, 0
	isb
#endif
	mov r0, #0x1d3                  @ SVC, A/I/F masked
	msr spsr_cxsf, r0
	ldr r0, =_start
	msr elr_hyp, r0
	eret

#ifdef SCENARIO_TLB
@ Copy page P 2 MiB higher and run it through a HYP mapping of the 2 MiB
@ block at VA 0x40000000 to PA 0x40200000 (the copy sits at the same
@ offset), then turn the MMU off again without invalidating the TLB.
fw_relocated_run:
	push {r4-r6, lr}
	ldr r0, =FW_COPY
	ldr r1, =FW_PAGE
	add r2, r1, #4096
1:	ldr r3, [r1], #4
	str r3, [r0], #4
	cmp r1, r2
	blo 1b
	ldr r0, =FW_PGD                 @ level 1: entry 1 -> level 2 table
	mov r2, #0
	mov r3, #0
	strd r2, r3, [r0]
	strd r2, r3, [r0, #16]
	strd r2, r3, [r0, #24]
	ldr r2, =FW_PGD + 0x1000 + 3
	strd r2, r3, [r0, #8]
	ldr r0, =FW_PGD + 0x1000        @ level 2 entry 0: VA 0x40000000 -> PA 0x40200000
	ldr r2, =0x40200000 + BLOCK_ATTRS
	strd r2, r3, [r0]
	mov r2, #0
	dsb ish
	ldr r0, =FW_PGD
	mcrr p15, 4, r0, r2, c2         @ HTTBR
	ldr r0, =0x80003500
	mcr p15, 4, r0, c2, c0, 2       @ HTCR
	ldr r0, =0xeeaa4400
	mcr p15, 4, r0, c10, c2, 0
	ldr r0, =0xff000004
	mcr p15, 4, r0, c10, c2, 1
	mcr p15, 4, r0, c8, c7, 0       @ TLBIALLH before its own MMU on
	dsb ish
	isb
	bl fw_page_mmu_work             @ in P: turns the MMU on and off again
	pop {r4-r6, pc}
#endif

fw_after_pen:
	ldr r1, =fw_mailbox             @ the pen's mailbox is consumed
	mov r0, #0
	str r0, [r1]
	pop {r4, pc}
	.ltorg

	.align 5
fw_stub_vectors:
	b .
	b .
	b .
	b .
	b .
	b fw_stub_hvc
	b .
	b .
fw_stub_hvc:
	cmp r0, #0                      @ HVC_SET_VECTORS
	mcreq p15, 4, r1, c12, c0, 0
	moveq r0, #0
	movwne r0, #0xca11              @ HVC_STUB_ERR = 0x0badca11
	movtne r0, #0x0bad
	eret

	.data
	.align 2
	.global fw_mailbox
fw_mailbox:
	.word 0

@ ------------------------------------------------------------------------
@ Page P as the firmware leaves it.
	.section .fw_page, "ax"
	.global fw_page_work
fw_page_work:
	b fw_page_work_body
#ifdef SCENARIO_TLB
fw_page_mmu_work:
	b fw_page_mmu_work_body
#endif

@ Boot-wrapper style holding pen. It sits where the HYP init code will have
@ the instruction that follows its HSCTLR write: any stale firmware line
@ there would make the init go astray; the pen makes it a clean hang (WFE
@ with nothing to wake it) instead of a crash somewhere later.
	.org (hyp_init_after_hsctlr - hyp_init_blob)
fw_pen:
	movw r1, #:lower16:fw_mailbox
	movt r1, #:upper16:fw_mailbox
1:	ldr r0, [r1]
	cmp r0, #0
	wfeeq
	beq 1b
	bx r0

fw_page_work_body:
	@ some firmware work (a checksum of the kernel's first kilobyte)
	push {r4, lr}
	ldr r1, =main
	mov r2, #256
	mov r0, #0
1:	ldr r3, [r1], #4
	add r0, r0, r3
	subs r2, r2, #1
	bne 1b
	@ the primary core passes through the holding pen: its mailbox is
	@ already set, so it leaves at once
	ldr r1, =fw_mailbox
	ldr r0, =fw_after_pen
	str r0, [r1]
	b fw_pen

#ifdef SCENARIO_TLB
@ Runs at VA P with the MMU mapping P to its copy: leaf code, no data
@ accesses while the MMU is on.
fw_page_mmu_work_body:
	ldr r0, =0x30c50879             @ HSCTLR: M only
	mcr p15, 4, r0, c1, c0, 0
	isb
	nop                             @ fetched through the 2 MiB block entry
	nop
	ldr r0, =0x30c50878             @ MMU off; the TLB keeps its entry
	mcr p15, 4, r0, c1, c0, 0
	isb
	bx lr
#endif
	.ltorg


