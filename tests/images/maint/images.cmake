# Images for --check-maintenance's table rules (maint_tables.S): one with
# the maintenance done, one without each piece of it.
set(MAINT_DIR ${CMAKE_CURRENT_LIST_DIR})
hypsim_image(maint_tables SOURCES ${MAINT_DIR}/maint_tables.S)
hypsim_image(maint_tables_no_vm_tlbi SOURCES ${MAINT_DIR}/maint_tables.S
             DEFINES -DNO_VM_TLBI)
hypsim_image(maint_tables_late_isb SOURCES ${MAINT_DIR}/maint_tables.S
             DEFINES -DLATE_ISB)
hypsim_image(maint_tables_move_s2 SOURCES ${MAINT_DIR}/maint_tables.S
             DEFINES -DMOVE_S2)
hypsim_image(maint_tables_no_s2_tlbi SOURCES ${MAINT_DIR}/maint_tables.S
             DEFINES -DNO_S2_TLBI)
hypsim_image(maint_tables_no_hyp_tlbi SOURCES ${MAINT_DIR}/maint_tables.S
             DEFINES -DNO_HYP_TLBI)
