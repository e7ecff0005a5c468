@ A32 encodings that are UNDEFINED on the Cortex-A15 and Cortex-A7: each
@ must take the Undefined Instruction exception with LR = the instruction
@ + 4 (kind 1 in the report, LR offset 4). The ARMv8 additions (HLT,
@ CRC32, LDA/STL) are not part of ARMv7; the coprocessor "2" forms reach
@ no coprocessor on these cores; the rest is unallocated space of A5.
@ Expected output: QEMU 7.2, cortex-a15 == a7.
@ SWP and SWPB are UNDEFINED on these cores too (ID_ISAR0.Swap_instrs = 0;
@ A8.8.229), but QEMU 7.2 executes them, so they are checked in
@ tests/unit/test_a32_decode.c rather than here, where the image is also
@ compared with QEMU (tests/diff).
#include "a32_common.inc"

.macro UND word
1:	.inst \word
	EXC "undef \word", 1b
.endm

	.text
	.global main
main:
	push {r4-r11, lr}
	bl install_vectors
	ldr r2, =buf
	UND 0xe7f000f0          @ UDF #0
	UND 0xe7f123f4          @ UDF #0x1234
	UND 0xe0500091          @ UMAAL with S = 1
	UND 0xe0700091          @ MLS with S = 1
	UND 0xe1000070          @ HLT #0 (ARMv8)
	UND 0xe1010042          @ CRC32B (ARMv8)
	UND 0xe1920c9f          @ LDA r0, [r2] (ARMv8)
	UND 0xe182fc91          @ STL r1, [r2] (ARMv8)
	UND 0xe6000f10          @ parallel add/sub, op1 = 000
	UND 0xe6400f10          @ parallel add/sub, op1 = 100
	UND 0xe6100fb0          @ SADD op2 = 101
	UND 0xe6500fd0          @ UADD op2 = 110
	UND 0xe6900f30          @ pack/saturate/reverse op1 = 001
	UND 0xe7200010          @ signed multiply op1 = 010
	UND 0xe7600010          @ signed multiply op1 = 110
	UND 0xe7500090          @ SMMLA op2 = 100
	UND 0xe7900010          @ media op1 = 11001
	UND 0xf8000000          @ unconditional 100xxxxx, not SRS/RFE
	UND 0xec000000          @ coprocessor op1 = 00000x
	UND 0xfe100f10          @ MRC2 p15, 0, r0, c0, c0, 0 (MIDR via MRC2)
	UND 0xfe000f10          @ MCR2 p15
	UND 0xfc500f00          @ MRRC2 p15
	UND 0xfd920e00          @ LDC2 p14, c0, [r2]
	UND 0xfe000e00          @ CDP2 p14
	UND 0xe1200010          @ misc op2 = 001 op = 00
	UND 0xe1400030          @ misc op2 = 011 op = 10
	UND 0xe1200060          @ misc op2 = 110 op = 01
	UND 0xe1000060          @ misc op2 = 110 op = 00
	mov r0, #0
	pop {r4-r11, pc}
	.ltorg

	.data
	.balign 8
buf:
	.space 16
