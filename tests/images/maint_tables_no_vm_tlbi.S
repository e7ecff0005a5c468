@ maint_tables_no_vm_tlbi: tests/images/maint/maint_tables.inc with no
@ TLBIALLNSNH before the guest runs with stage 2
@ (tests/scenarios/check_maint_*_a15.ini check the warnings).
@ hypsim-run: --entry hyp
#define NO_VM_TLBI
#include "maint/maint_tables.inc"
