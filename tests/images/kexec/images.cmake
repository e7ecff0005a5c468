# kexec-style HYP teardown, with and without the clean to PoC.
set(KEXEC_DIR ${CMAKE_CURRENT_LIST_DIR})
hypsim_image(kexec_teardown SOURCES ${KEXEC_DIR}/kexec.S
             LDSCRIPT ${KEXEC_DIR}/kexec.ld)
hypsim_image(kexec_teardown_clean SOURCES ${KEXEC_DIR}/kexec.S
             LDSCRIPT ${KEXEC_DIR}/kexec.ld DEFINES -DCLEAN_TO_POC)
