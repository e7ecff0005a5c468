@ Runtime of the bare-board test images: entry, stack, semihosting calls.
@ Entry state is the one QEMU's virt board and hypsim's `bare` board give a
@ bare ELF: MMU and caches off, A/I/F masked, SVC (or HYP with --entry hyp).
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	ldr sp, =__stack_top
	ldr r0, =__bss_start
	ldr r1, =__bss_end
	mov r2, #0
1:	cmp r0, r1
	strlo r2, [r0], #4
	blo 1b
	bl main
	b sh_exit

	.text
	.global sh_writec, sh_write0, sh_exit, print_hex, print_dec
	.global print_str, print_nl, print_kv
	.type sh_writec, %function
@ r0 = character
sh_writec:
	push {r0, r1, r7, lr}
	mov r1, sp              @ SYS_WRITEC takes a pointer to the char
	mov r0, #0x03
	svc 0x123456
	pop {r0, r1, r7, pc}

	.type sh_write0, %function
print_str:
sh_write0:
	push {r4, lr}
	mov r1, r0
	mov r0, #0x04
	svc 0x123456
	pop {r4, pc}

	.type sh_exit, %function
@ r0 = exit code: SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, code}
sh_exit:
	sub sp, sp, #8
	ldr r1, =0x20026
	str r1, [sp]
	str r0, [sp, #4]
	mov r1, sp
	mov r0, #0x20
	svc 0x123456
	@ a host without SYS_EXIT_EXTENDED: plain SYS_EXIT (code lost)
	ldr r1, =0x20026
	mov r0, #0x18
	svc 0x123456
2:	b 2b

	.type print_nl, %function
print_nl:
	mov r0, #'\n'
	b sh_writec

	.type print_hex, %function
@ r0 = value: 8 hex digits
print_hex:
	push {r4, r5, r6, lr}
	sub sp, sp, #16
	mov r4, r0
	mov r5, #28
	mov r6, sp
1:	lsr r0, r4, r5
	and r0, r0, #15
	cmp r0, #10
	addlo r0, r0, #'0'
	addhs r0, r0, #('a' - 10)
	strb r0, [r6], #1
	subs r5, r5, #4
	bpl 1b
	mov r0, #0
	strb r0, [r6]
	mov r0, sp
	bl sh_write0
	add sp, sp, #16
	pop {r4, r5, r6, pc}

	.type print_dec, %function
@ r0 = signed value
print_dec:
	push {r4, r5, r6, lr}
	sub sp, sp, #16
	add r6, sp, #15
	mov r1, #0
	strb r1, [r6]
	movs r4, r0
	rsbmi r4, r4, #0
	mov r5, r0              @ remember the sign
1:	mov r0, r4
	mov r1, #10
	udiv r2, r0, r1         @ both cores have UDIV in ARM state
	mls r3, r2, r1, r0
	add r3, r3, #'0'
	strb r3, [r6, #-1]!
	movs r4, r2
	bne 1b
	cmp r5, #0
	movlt r3, #'-'
	strblt r3, [r6, #-1]!
	mov r0, r6
	bl sh_write0
	add sp, sp, #16
	pop {r4, r5, r6, pc}

	.type print_kv, %function
@ r0 = name, r1 = value: prints "name=XXXXXXXX\n"
print_kv:
	push {r4, lr}
	mov r4, r1
	bl sh_write0
	mov r0, #'='
	bl sh_writec
	mov r0, r4
	bl print_hex
	pop {r4, lr}
	b print_nl
	.ltorg
