# The boot-flow scenario images (boot.S), one per variant.
set(BOOT_DIR ${CMAKE_CURRENT_LIST_DIR})
function(boot_variant name)
  hypsim_image(${name} SOURCES ${BOOT_DIR}/boot.S
               LDSCRIPT ${BOOT_DIR}/boot.ld DEFINES ${ARGN})
  set(ALL_IMAGES ${ALL_IMAGES} PARENT_SCOPE)
endfunction()
boot_variant(hsctlr_boot)
boot_variant(hsctlr_boot_iclear -DHSCTLR_VALUE=0x30c5087f)
boot_variant(hsctlr_boot_hyp_iciallu -DHYP_ICIALLU)
boot_variant(stale_tlb_boot -DSCENARIO_TLB -DNO_TLBIALLH)
boot_variant(stale_tlb_boot_tlbiallh -DSCENARIO_TLB)
# Boot code that turns the I-cache on after ICIALLU (icache_boot.S is the
# variant without it, built from tests/images/ directly).
hypsim_image(icache_boot_invalidate
             SOURCES ${CMAKE_CURRENT_LIST_DIR}/../icache_boot.S
             DEFINES -DINVALIDATE_FIRST)
