/* Shared by the virt board's device images: the board's addresses (QEMU
 * virt's memory map), MMIO and coprocessor accessors, the exception
 * entry points of virt_rt.S and the printing helpers. */
#ifndef VIRT_H
#define VIRT_H

#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define GICH 0x08030000u
#define GICV 0x08040000u
#define UART 0x09000000u

/* GIC distributor (IHI 0048B 4.3) */
#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_CPENDSGIR 0xf10
#define GICD_SPENDSGIR 0xf20
/* GIC CPU interface (IHI 0048B 4.4); the GICV frame has the same layout */
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_BPR 0x008
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define GICC_RPR 0x014
#define GICC_HPPIR 0x018
#define GICC_APR0 0x0d0
#define GICC_IIDR 0x0fc
#define GICC_DIR 0x1000
/* virtual interface control (IHI 0048B 5.3) */
#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_MISR 0x010
#define GICH_EISR0 0x020
#define GICH_ELSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100

static inline u32 rd(u32 base, u32 off)
{
	return *(volatile u32 *)(base + off);
}

static inline void wr(u32 base, u32 off, u32 v)
{
	*(volatile u32 *)(base + off) = v;
}

static inline u32 rdb(u32 base, u32 off)
{
	return *(volatile unsigned char *)(base + off);
}

static inline void wrb(u32 base, u32 off, u32 v)
{
	*(volatile unsigned char *)(base + off) = (unsigned char)v;
}

#define MRC(op1, crn, crm, op2) ({ u32 __v; \
	asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
		     : "=r"(__v)); __v; })
#define MCR(op1, crn, crm, op2, v) do { u32 __v = (v); \
	asm volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
		     :: "r"(__v) : "memory"); } while (0)
#define MRRC(op1, crm) ({ u32 __lo, __hi; \
	asm volatile("mrrc p15, " #op1 ", %0, %1, " #crm \
		     : "=r"(__lo), "=r"(__hi)); \
	((u64)__hi << 32) | __lo; })
#define MCRR(op1, crm, v) do { u64 __v = (v); \
	asm volatile("mcrr p15, " #op1 ", %0, %1, " #crm \
		     :: "r"((u32)__v), "r"((u32)(__v >> 32)) : "memory"); \
	} while (0)

#define isb() asm volatile("isb" ::: "memory")
#define dsb() asm volatile("dsb" ::: "memory")
#define irq_enable() asm volatile("cpsie i" ::: "memory")
#define irq_disable() asm volatile("cpsid i" ::: "memory")
#define wfi() asm volatile("wfi" ::: "memory")

static inline u32 cpsr_mode(void)
{
	u32 v;

	asm volatile("mrs %0, cpsr" : "=r"(v));
	return v & 0x1f;
}

/* HCR (DDI 0406C B4.1.65) */
#define HCR_VM (1u << 0)
#define HCR_FMO (1u << 3)
#define HCR_IMO (1u << 4)
#define HCR_AMO (1u << 5)
#define HCR_TSC (1u << 19)

/* Generic timer registers (DDI 0406C B4.1.21-B4.1.36) */
#define CNTFRQ_R() MRC(0, c14, c0, 0)
#define CNTP_TVAL_W(v) MCR(0, c14, c2, 0, v)
#define CNTP_TVAL_R() MRC(0, c14, c2, 0)
#define CNTP_CTL_W(v) MCR(0, c14, c2, 1, v)
#define CNTP_CTL_R() MRC(0, c14, c2, 1)
#define CNTV_TVAL_W(v) MCR(0, c14, c3, 0, v)
#define CNTV_TVAL_R() MRC(0, c14, c3, 0)
#define CNTV_CTL_W(v) MCR(0, c14, c3, 1, v)
#define CNTV_CTL_R() MRC(0, c14, c3, 1)
#define CNTHP_TVAL_W(v) MCR(4, c14, c2, 0, v)
#define CNTHP_TVAL_R() MRC(4, c14, c2, 0)
#define CNTHP_CTL_W(v) MCR(4, c14, c2, 1, v)
#define CNTHP_CTL_R() MRC(4, c14, c2, 1)
#define CNTHCTL_W(v) MCR(4, c14, c1, 0, v)
#define CNTPCT_R() MRRC(0, c14)
#define CNTVCT_R() MRRC(1, c14)
#define CNTP_CVAL_W(v) MCRR(2, c14, v)
#define CNTV_CVAL_W(v) MCRR(3, c14, v)
#define CNTVOFF_W(v) MCRR(4, c14, v)
#define CNTHP_CVAL_W(v) MCRR(6, c14, v)

/* A firmware call over SMC (PSCI, SMC Calling Convention: r0-r3). */
static inline u32 smc_call(u32 fn, u32 a1, u32 a2, u32 a3)
{
	register u32 r0 asm("r0") = fn;
	register u32 r1 asm("r1") = a1;
	register u32 r2 asm("r2") = a2;
	register u32 r3 asm("r3") = a3;

	asm volatile(".arch_extension sec\n\tsmc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) :: "memory");
	return r0;
}

/* virt_rt.S: exception vectors. Hyp vectors (install with
 * set_hvbar(hyp_vectors)) call hyp_irq(), hyp_sync(hsr, elr) for traps
 * and hyp_dabt(hsr, elr) for data aborts in Hyp; PL1 vectors
 * (set_vbar(pl1_vectors)) call pl1_irq(). Weak defaults report and exit. */
extern char hyp_vectors[], pl1_vectors[];
void hyp_irq(void);
void hyp_sync(u32 hsr, u32 elr);
void hyp_dabt(u32 hsr, u32 elr);
void pl1_irq(void);
/* Drop from Hyp to the guest entry `fn` in the mode of `spsr`, with the
 * stack `sp`; the guest ends with hvc #0, which returns here with r0 = the
 * guest's r0. */
u32 enter_guest(void (*fn)(void), u32 spsr, u32 sp);
/* guest side: back to the hypervisor (hvc #0) with a value */
void guest_exit(u32 v) __attribute__((noreturn));

static inline void set_hvbar(void *v)
{
	MCR(4, c12, c0, 0, (u32)v);
	isb();
}

static inline void set_vbar(void *v)
{
	MCR(0, c12, c0, 0, (u32)v);
	isb();
}

static inline void kv(const char *name, u32 v)
{
	print_kv(name, v);
}

static inline void say(const char *s)
{
	print_str(s);
}

#endif
