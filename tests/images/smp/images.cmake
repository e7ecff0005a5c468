# Mixed-machine images (every core runs them).
set(SMP_DIR ${CMAKE_CURRENT_LIST_DIR})
hypsim_image(cpus_ids SOURCES ${SMP_DIR}/cpus.S DEFINES -DCHECK_EVERY_CPU -DKNOW_A7)
hypsim_image(cpus_check_boot_only SOURCES ${SMP_DIR}/cpus.S)
hypsim_image(cpus_check_every_a15_only SOURCES ${SMP_DIR}/cpus.S DEFINES -DCHECK_EVERY_CPU)
