@ bench_ldst with the stage 1 MMU and the caches on (as bench_alu_mmu):
@ every load and store translates through the TLB model.
#define BENCH_SETUP
#include "bench_ldst.S"
#include "mmu_setup.inc"
