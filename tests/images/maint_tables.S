@ maint_tables: tests/images/maint/maint_tables.inc with the maintenance done
@ (tests/scenarios/check_maint_*_a15.ini check the warnings).
@ hypsim-run: --entry hyp
#include "maint/maint_tables.inc"
