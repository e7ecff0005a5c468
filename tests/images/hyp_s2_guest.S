@ A hypervisor runs a guest behind stage 2, the guest turns on its own
@ stage 1, takes stage-2 faults, and the hypervisor maps the pages on
@ demand and returns (tests/images/hyp/s2_guest.inc says each step). Here
@ the guest RAM is below 4 GiB: IPA 0x40000000 is PA 0x40000000, the pages
@ given on demand are at PA 0x44000000. hyp_s2_guest_highmem.S is the same
@ with every physical address above 4 GiB. Compared with QEMU 7.2
@ (-M virt,virtualization=on).
@ hypsim-run: --entry hyp
#define RAM_PA_HI 0
#define RAM_PA_LO 0x40000000
#include "hyp/s2_guest.inc"
