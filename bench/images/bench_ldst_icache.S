@ bench_ldst with the I-cache on (SCTLR.I, MMU off): fetches go through the
@ I-cache model (compare with HYPSIM_OPTS="--icache-model off").
#define BENCH_SETUP
#include "bench_ldst.S"
	.text
bench_setup:
	mov r0, #0
	mcr p15, 0, r0, c7, c5, 0       @ ICIALLU
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #(1 << 12)          @ SCTLR.I
	mcr p15, 0, r0, c1, c0, 0
	isb
	bx lr
