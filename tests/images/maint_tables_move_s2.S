@ maint_tables_move_s2: tests/images/maint/maint_tables.inc with VMID 1 given
@ other stage-2 tables after the TLBIALLNSNH
@ (tests/scenarios/check_maint_*_a15.ini check the warnings).
@ hypsim-run: --entry hyp
#define MOVE_S2
#include "maint/maint_tables.inc"
