@ hyp_s2_guest with the data-cache model on: the hypervisor writes its
@ stage-2 tables (and, from the abort handler, the level-3 entries it
@ fills on demand) with HSCTLR.C set and cleans nothing. The walks of
@ these cores are coherent with the data cache (ID_MMFR3.CohWalk = 1, ARM
@ DDI 0406C B4.1.92: table updates need no clean to PoU), so the guest
@ runs exactly as in hyp_s2_guest; a walker that read memory past the
@ dirty lines would take a stage-2 Translation fault on the guest entry.
@ The Hyp MMU stays on to the end (S2_KEEP_HYP_MMU): this image cleans
@ nothing, so its exit must not read memory behind dirty lines.
@ Compared with QEMU 7.2 (-M virt,virtualization=on), which models no
@ cache: the output is hyp_s2_guest's.
@ hypsim-run: --entry hyp --dcache-model on
#define RAM_PA_HI 0
#define RAM_PA_LO 0x40000000
#define S2_KEEP_HYP_MMU 1
#include "hyp/s2_guest.inc"
