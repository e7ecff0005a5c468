@ bench_ldst as a guest behind stage 2 (as bench_alu_s2): every load and
@ store translates through stage 1 and stage 2.
@ bench-hypsim: --entry hyp
@ bench-qemu-machine: virt,virtualization=on
#define BENCH_SETUP
#include "bench_ldst.S"
#include "s2_setup.inc"
