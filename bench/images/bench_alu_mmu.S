@ bench_alu with the stage 1 MMU on (short-descriptor identity map of 1 MiB
@ sections, Normal Write-Back memory) and the I- and D-caches enabled:
@ fetches and data accesses translate through the TLB model.
#define BENCH_SETUP
#include "bench_alu.S"
#include "mmu_setup.inc"
