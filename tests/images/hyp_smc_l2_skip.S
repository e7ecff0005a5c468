@ Guest SMC for the L2 cache controller, hypervisor policy "skip"
@ (tests/images/hyp/smc_l2.inc; scenarios smc_l2_skip_a15/a7.ini).
@ hypsim-run: --entry hyp
#define POLICY_SKIP 1
#include "hyp/smc_l2.inc"
