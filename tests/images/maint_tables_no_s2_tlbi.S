@ maint_tables_no_s2_tlbi: tests/images/maint/maint_tables.inc with no
@ TLBIALLNSNH after remapping a live stage-2 block
@ (tests/scenarios/check_maint_*_a15.ini check the warnings).
@ hypsim-run: --entry hyp
#define NO_S2_TLBI
#include "maint/maint_tables.inc"
