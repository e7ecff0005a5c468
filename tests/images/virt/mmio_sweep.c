/* Every register of the virt board's devices, touched at every aligned
 * offset of their frames with every access size (8, 16, 32 and 64 bits:
 * LDRB/LDRH/LDR/LDRD and the stores), reads first, then writes of all
 * zeros and all ones; the guest must get an architectural answer every
 * time (a value, or RAZ/WI), never stop the simulator. Data aborts are
 * counted (none is expected inside a frame). The PL011's data register
 * is not written (the bytes would reach the console). Afterwards the GIC
 * is reset by software and an SGI still goes through. */
#include "virt.h"

static volatile u32 n_abort, abort_hsr;

void hyp_dabt(u32 hsr, u32 elr)
{
	if (!n_abort)
		abort_hsr = hsr;
	n_abort++;
	asm volatile("msr ELR_hyp, %0" :: "r"(elr + 4));
}

static u32 sweep_read(u32 base, u32 size)
{
	u32 sum = 0;

	for (u32 o = 0; o < size; o += 1)
		sum += *(volatile unsigned char *)(base + o);
	for (u32 o = 0; o < size; o += 2)
		sum += *(volatile unsigned short *)(base + o);
	for (u32 o = 0; o < size; o += 4)
		sum += *(volatile u32 *)(base + o);
	for (u32 o = 0; o < size; o += 8) {
		u64 v;

		asm volatile("ldrd %0, %H0, [%1]" : "=&r"(v) : "r"(base + o)
			     : "memory");
		sum += (u32)v;
	}
	return sum;
}

static void sweep_write(u32 base, u32 size, u32 v, u32 skip)
{
	u64 vv = ((u64)v << 32) | v;

	for (u32 o = 0; o < size; o += 1)
		if (o >= skip)
			*(volatile unsigned char *)(base + o) = (unsigned char)v;
	for (u32 o = 0; o < size; o += 2)
		if (o >= skip)
			*(volatile unsigned short *)(base + o) =
				(unsigned short)v;
	for (u32 o = 0; o < size; o += 4)
		if (o >= skip)
			*(volatile u32 *)(base + o) = v;
	for (u32 o = 0; o < size; o += 8)
		if (o >= skip)
			asm volatile("strd %0, %H0, [%1]" :: "r"(vv),
				     "r"(base + o) : "memory");
}

static void frame(const char *name, u32 base, u32 size, u32 skip)
{
	n_abort = 0;
	(void)sweep_read(base, size);
	sweep_write(base, size, 0, skip);
	sweep_write(base, size, 0xffffffff, skip);
	(void)sweep_read(base, size);
	say(name);
	kv(" aborts", n_abort);
	if (n_abort)
		kv("  first hsr", abort_hsr);
}

int main(void);
int main(void)
{
	u32 iar;

	set_hvbar(hyp_vectors);
	frame("gicd", GICD, 0x1000, 0);
	frame("gicc", GICC, 0x2000, 0);
	frame("gich", GICH, 0x1000, 0);
	frame("gicv", GICV, 0x2000, 0);
	frame("pl011", UART, 0x1000, 4);
	frame("pl031", 0x09010000, 0x1000, 0);

	say("gic after the sweep\n");
	wr(GICD, GICD_CTLR, 0);
	for (u32 i = 0; i < 32; i++) {
		wr(GICD, GICD_ICENABLER + 4 * i, 0xffffffff);
		wr(GICD, GICD_ICPENDR + 4 * i, 0xffffffff);
		wr(GICD, GICD_ICACTIVER + 4 * i, 0xffffffff);
		wr(GICD, GICD_IGROUPR + 4 * i, 0);
	}
	for (u32 o = 0; o < 16; o += 4)
		wr(GICD, GICD_CPENDSGIR + o, 0xffffffff);
	for (u32 i = 0; i < 32; i++)
		wrb(GICD, GICD_IPRIORITYR + i, 0xa0);
	wr(GICH, GICH_HCR, 0);
	wr(GICC, GICC_CTLR, 0);
	/* drop whatever the sweep left active in the CPU interface: the
	 * active priorities (written with ones: UNPREDICTABLE, IHI 0048B
	 * 4.4.13, restored to their reset value 0), then the interrupts */
	for (u32 o = 0xd0; o < 0xf0; o += 4)
		wr(GICC, o, 0);
	for (u32 i = 0; i < 64; i++) {
		wr(GICC, GICC_EOIR, i);
		wr(GICC, GICC_DIR, i);
	}
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_BPR, 3);
	wr(GICC, GICC_CTLR, 1);
	kv("  rpr", rd(GICC, GICC_RPR));
	wr(GICD, GICD_SGIR, (2u << 24) | 7);
	iar = rd(GICC, GICC_IAR);
	kv("  iar", iar);
	wr(GICC, GICC_EOIR, iar);
	kv("  iar after", rd(GICC, GICC_IAR));
	say("done\n");
	return 0;
}
