# The hang-detector images, one per kind of hang.
foreach(kind SELF POLL RECURSE REFAULT WFI BUSY)
  string(TOLOWER ${kind} lower)
  hypsim_image(hang_${lower} SOURCES ${CMAKE_CURRENT_LIST_DIR}/hangs.S
               DEFINES -DKIND_${kind})
endforeach()
