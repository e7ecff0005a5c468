# Guest-level tests of the virt board's devices (GIC, timers, PSCI, PL011):
# each image here is C on the virt_rt.S runtime, runs in Hyp mode on
# `hypsim run --board virt --entry hyp` and, unchanged, on QEMU 7.2's
# `-M virt,virtualization=on,gic-version=2,highmem=off`, and prints what it
# observes through semihosting.
#  - image/virt/NAME/CPU (label "image"): hypsim's output equals NAME.expect
#    and the exit code is 0;
#  - diff/virt/NAME/CPU (label "diff"): QEMU's output equals hypsim's line
#    by line, except the lines NAME.qemu-deviations lists, with the reason
#    QEMU deviates from the specification there.
# An image that shows a known bug of hypsim's devices gets the label
# "virt-known-bug" instead of "image" (listed in VIRT_KNOWN_BUGS).
# These images are kept out of ALL_IMAGES so that tests/diff does not run
# them on its own bare-board QEMU machine.
set(VIRT_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VIRT_IMAGES)
set(VIRT_KNOWN_BUGS)
set(VIRT_SAVED_IMAGES ${ALL_IMAGES})
# The diff tests are registered with or without QEMU: without it (or without
# its virt machine) they fail and say how to install it
# (tests/diff/need_qemu.sh), they do not leave the suite. QEMU_ARM is the
# cache entry tests/diff uses too (-DQEMU_ARM=PATH).
find_program(QEMU_ARM qemu-system-arm)
set(QEMU_ARM_VIRT ${QEMU_ARM})
function(virt_image name smp)
  # virt_image(NAME SMP [SRC file.c] [DEFINES -DX ...]); SRC: NAME.c
  cmake_parse_arguments(V "" "SRC" "DEFINES" ${ARGN})
  if(NOT V_SRC)
    set(V_SRC ${name}.c)
  endif()
  hypsim_image(virt_${name} SOURCES ${VIRT_DIR}/virt_rt.S ${VIRT_DIR}/${V_SRC}
               DEFINES -I${VIRT_DIR} ${V_DEFINES})
  set(VIRT_IMAGES ${VIRT_IMAGES} ${IMAGE_DIR}/virt_${name}.elf PARENT_SCOPE)
  set(label image)
  if(name IN_LIST VIRT_KNOWN_BUGS)
    set(label virt-known-bug)
  endif()
  foreach(cpu cortex-a15 cortex-a7)
    add_test(NAME image/virt/${name}/${cpu}
      COMMAND ${VIRT_DIR}/run_virt.sh image $<TARGET_FILE:hypsim> -
              ${IMAGE_DIR}/virt_${name}.elf ${VIRT_DIR}/${name} ${cpu} ${smp})
    set_tests_properties(image/virt/${name}/${cpu} PROPERTIES
                         LABELS ${label} TIMEOUT 120)
    add_test(NAME diff/virt/${name}/${cpu}
      COMMAND ${VIRT_DIR}/../../diff/need_qemu.sh ${QEMU_ARM_VIRT}
              --machine virt --
              ${VIRT_DIR}/run_virt.sh diff $<TARGET_FILE:hypsim>
              ${QEMU_ARM_VIRT} ${IMAGE_DIR}/virt_${name}.elf
              ${VIRT_DIR}/${name} ${cpu} ${smp})
    set_tests_properties(diff/virt/${name}/${cpu} PROPERTIES
                         LABELS diff TIMEOUT 120)
  endforeach()
endfunction()

virt_image(psci 2)
virt_image(mmio_sweep 1)
virt_image(smp_wfi 2)
virt_image(pl031 1)
virt_image(gic_virt2 1)
virt_image(gic_more 2)
virt_image(gic_virt 1)
virt_image(pl011 1)
virt_image(gic_dist 2)
virt_image(gic_irq 2)
virt_image(timers 1)
# The virtual count ahead of the physical one (CNTVOFF "negative"): the
# virtual timer still fires (its deadline wraps modulo 2^64; fixed in
# src/cp15/sysregs_timer.c timer_deadline, found by this image).
virt_image(timers_virt_ahead 1 SRC timers.c DEFINES -DVIRT_AHEAD)

set(ALL_IMAGES ${VIRT_SAVED_IMAGES})
add_custom_target(virt_images ALL DEPENDS ${VIRT_IMAGES})
