# HYP init with all RAM above 4 GiB.
set(HIGHMEM_DIR ${CMAKE_CURRENT_LIST_DIR})
hypsim_image(highmem_hyp SOURCES ${HIGHMEM_DIR}/highmem.S
             LDSCRIPT ${HIGHMEM_DIR}/highmem.ld)
hypsim_image(highmem_hyp_alias_bug SOURCES ${HIGHMEM_DIR}/highmem.S
             LDSCRIPT ${HIGHMEM_DIR}/highmem.ld DEFINES -DVIRT_TO_PHYS_ASSUMES_ALIAS)
