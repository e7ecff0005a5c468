@ maint_tables_late_isb: tests/images/maint/maint_tables.inc with a branch
@ between the HSCTLR write and its ISB (tests/scenarios/check_maint_*_a15.ini
@ check the warnings).
@ hypsim-run: --entry hyp
#define LATE_ISB
#include "maint/maint_tables.inc"
