@ bench_alu as a guest behind stage 2 (s2_setup.inc): started in Hyp mode,
@ a stage-2 identity map of the guest RAM with HCR.VM, then Non-secure SVC
@ with the guest's own stage 1 MMU and the I- and D-caches on.
@ bench-hypsim: --entry hyp
@ bench-qemu-machine: virt,virtualization=on
#define BENCH_SETUP
#include "bench_alu.S"
#include "s2_setup.inc"
