# The hyp_*.S images include hyp.inc and smc_l2.inc from this folder
# (#include "hyp/..."): rebuild them when those files change.
file(GLOB HYP_INCLUDES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.inc)
file(GLOB HYP_IMAGES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/images/hyp_*.S)
foreach(src ${HYP_IMAGES})
  get_filename_component(name ${src} NAME_WE)
  add_custom_command(OUTPUT ${IMAGE_DIR}/${name}.elf APPEND
                     DEPENDS ${HYP_INCLUDES})
endforeach()
