# One hyp-stub, two users with different HVC immediates.
set(HYPSTUB_DIR ${CMAKE_CURRENT_LIST_DIR})
hypsim_image(hypstub_ignores_imm SOURCES ${HYPSTUB_DIR}/hypstub.S
             LDSCRIPT ${HYPSTUB_DIR}/hypstub.ld)
hypsim_image(hypstub_checks_imm SOURCES ${HYPSTUB_DIR}/hypstub.S
             LDSCRIPT ${HYPSTUB_DIR}/hypstub.ld DEFINES -DSTUB_CHECKS_IMM)
