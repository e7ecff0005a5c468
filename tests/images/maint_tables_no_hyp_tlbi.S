@ maint_tables_no_hyp_tlbi: tests/images/maint/maint_tables.inc with no
@ TLBIMVAH after changing a live Hyp block
@ (tests/scenarios/check_maint_*_a15.ini check the warnings).
@ hypsim-run: --entry hyp
#define NO_HYP_TLBI
#include "maint/maint_tables.inc"
