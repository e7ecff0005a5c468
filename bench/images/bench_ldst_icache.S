@ bench_ldst with the I-cache on (SCTLR.I, MMU off): fetches go through the
@ I-cache model (icache_setup.inc).
#define BENCH_SETUP
#include "bench_ldst.S"
#include "icache_setup.inc"
