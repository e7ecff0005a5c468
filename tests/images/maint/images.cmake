# The maint_tables*.S images include maint/maint_tables.inc: rebuild them
# when it changes.
file(GLOB MAINT_IMAGES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/images/maint_tables*.S)
foreach(src ${MAINT_IMAGES})
  get_filename_component(name ${src} NAME_WE)
  add_custom_command(OUTPUT ${IMAGE_DIR}/${name}.elf APPEND
                     DEPENDS ${CMAKE_CURRENT_LIST_DIR}/maint_tables.inc)
endforeach()
