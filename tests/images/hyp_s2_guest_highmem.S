@ hyp_s2_guest.S with all RAM above 4 GiB (ARM DDI 0406C B3.6: 40-bit
@ output addresses in the Hyp stage-1, stage-2 and walk descriptors,
@ HTTBR and VTTBR): RAM at PA 0x8_0000_0000 with a 16 MiB boot window at
@ 0x40000000 for the image (MMU off), so IPA 0x40000000 is PA 0x8_0000_0000
@ and the pages the hypervisor maps on demand are at PA 0x8_0400_0000,
@ beyond the window: a physical address cut to 32 bits reaches no memory.
@ Expected output: hyp_s2_guest.expect (QEMU-checked) with the physical
@ addresses of ATS12NSOPR (PAR, B4.1.112 long-descriptor format: PA[39:12]
@ in PAR[39:12]) moved above 4 GiB; not compared with QEMU, whose virt
@ board has no RAM at 0x8_0000_0000 and no boot window
@ (tests/diff/exclude.txt).
@ hypsim-run: --entry hyp --mem-base 0x800000000 --mem-alias 0x40000000:16M
#define RAM_PA_HI 8
#define RAM_PA_LO 0
#include "hyp/s2_guest.inc"
