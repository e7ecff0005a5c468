/* The virt board's GICv2 Distributor (IHI 0048B 4.3) as software sees it
 * with two cores (core 1 stays off): GICD_TYPER and the IIDRs, GICD_CTLR,
 * enables of SGIs, PPIs and SPIs, priorities (a GIC-400 implements 5
 * priority bits, the low three read as zero), the read-only
 * GICD_ITARGETSR0-7 of SGIs and PPIs (each byte the reading core's own
 * bit, 4.3.12), SPI targets whose bits for absent CPUs are RAZ/WI, the
 * configuration registers (SGIs edge and read-only, bit 2F of each field
 * reserved), set/clear-pending and set/clear-active of PPIs and SPIs
 * (SGIs' pending bits only through GICD_SPENDSGIR), and the registers of
 * IDs beyond GICD_TYPER.ITLinesNumber, which are RAZ/WI. Two cores. */
#include "virt.h"

#define W(n) (4 * (n))

static void show(const char *name, u32 off)
{
	kv(name, rd(GICD, off));
}

int main(void);
int main(void)
{
	say("identification\n");
	show("typer", GICD_TYPER);
	show("iidr", GICD_IIDR);
	kv("gicc iidr", rd(GICC, GICC_IIDR));

	say("ctlr\n");
	show("ctlr reset", GICD_CTLR);
	wr(GICD, GICD_CTLR, 0xffffffff);
	show("ctlr all ones", GICD_CTLR);
	wr(GICD, GICD_CTLR, 0);

	say("enables\n");
	show("isenabler0 reset", GICD_ISENABLER);
	wr(GICD, GICD_ICENABLER, 0xffffffff);
	show("isenabler0 after clearing all", GICD_ISENABLER);
	wr(GICD, GICD_ISENABLER, 0x44000000);   /* PPIs 26, 30 */
	show("isenabler0 ppis 26 30", GICD_ISENABLER);
	show("icenabler0", GICD_ICENABLER);
	wr(GICD, GICD_ICENABLER, 0x04000000);
	show("isenabler0 ppi 26 cleared", GICD_ISENABLER);
	show("isenabler1 reset", GICD_ISENABLER + W(1));
	wr(GICD, GICD_ISENABLER + W(1), 0x00000106);    /* 33, 34, 40 */
	show("isenabler1 33 34 40", GICD_ISENABLER + W(1));
	wr(GICD, GICD_ICENABLER + W(1), 0x00000002);
	show("icenabler1 33 cleared", GICD_ICENABLER + W(1));
	wr(GICD, GICD_ISENABLER + W(8), 0xffffffff);    /* IDs 256-287 */
	show("isenabler8", GICD_ISENABLER + W(8));
	wr(GICD, GICD_ISENABLER + W(9), 0xffffffff);    /* beyond */
	show("isenabler9 beyond", GICD_ISENABLER + W(9));
	wr(GICD, GICD_ICENABLER + W(1), 0xffffffff);
	wr(GICD, GICD_ICENABLER + W(8), 0xffffffff);
	wr(GICD, GICD_ICENABLER, 0xffff0000);

	say("priorities\n");
	wrb(GICD, GICD_IPRIORITYR + 40, 0xff);
	kv("ipriority 40 ff", rdb(GICD, GICD_IPRIORITYR + 40));
	wr(GICD, GICD_IPRIORITYR + 44, 0x12345678);
	show("ipriorityr 44-47 12345678", GICD_IPRIORITYR + 44);
	wrb(GICD, GICD_IPRIORITYR + 3, 0x5c);
	show("ipriorityr 0-3", GICD_IPRIORITYR);
	wrb(GICD, GICD_IPRIORITYR + 30, 0x88);
	show("ipriorityr 28-31", GICD_IPRIORITYR + 28);
	wr(GICD, GICD_IPRIORITYR + 288, 0xffffffff);
	show("ipriorityr 288 beyond", GICD_IPRIORITYR + 288);

	say("targets\n");
	show("itargetsr0 sgi", GICD_ITARGETSR);
	show("itargetsr3 sgi", GICD_ITARGETSR + W(3));
	show("itargetsr4 ppi", GICD_ITARGETSR + W(4));
	show("itargetsr7 ppi", GICD_ITARGETSR + W(7));
	wr(GICD, GICD_ITARGETSR + W(7), 0x02020202);
	show("itargetsr7 after write", GICD_ITARGETSR + W(7));
	wrb(GICD, GICD_ITARGETSR + 40, 0x02);
	kv("itargets 40 cpu1", rdb(GICD, GICD_ITARGETSR + 40));
	wrb(GICD, GICD_ITARGETSR + 41, 0x03);
	kv("itargets 41 cpu0 cpu1", rdb(GICD, GICD_ITARGETSR + 41));
	/* CPUs 2-7 do not exist: their bits are RAZ/WI (IHI 0048B
	 * 4.3.12) */
	wrb(GICD, GICD_ITARGETSR + 42, 0xff);
	kv("itargets 42 absent cpus", rdb(GICD, GICD_ITARGETSR + 42));
	wr(GICD, GICD_ITARGETSR + 288, 0xffffffff);
	show("itargetsr 288 beyond", GICD_ITARGETSR + 288);

	say("configuration\n");
	show("icfgr0 sgi", GICD_ICFGR);
	wr(GICD, GICD_ICFGR, 0);
	show("icfgr0 after writing 0", GICD_ICFGR);
	show("icfgr1 ppi", GICD_ICFGR + W(1));
	show("icfgr2 reset", GICD_ICFGR + W(2));
	wr(GICD, GICD_ICFGR + W(2), 0xffffffff);
	show("icfgr2 all ones", GICD_ICFGR + W(2));
	wr(GICD, GICD_ICFGR + W(2), 0);

	say("pending\n");
	wr(GICD, GICD_ISPENDR, 0x0000ffff);     /* SGIs: WI here */
	show("ispendr0 sgis", GICD_ISPENDR);
	wr(GICD, GICD_ISPENDR, 0x80000000);     /* PPI 31 */
	show("ispendr0 ppi 31", GICD_ISPENDR);
	show("icpendr0", GICD_ICPENDR);
	wr(GICD, GICD_ICPENDR, 0x80000000);
	show("ispendr0 cleared", GICD_ISPENDR);
	wr(GICD, GICD_SPENDSGIR, 0x00000300);   /* SGI 1 from CPUs 0, 1 */
	show("spendsgir0", GICD_SPENDSGIR);
	show("ispendr0 sgi 1", GICD_ISPENDR);
	wr(GICD, GICD_CPENDSGIR, 0x00000100);
	show("spendsgir0 cpu0 cleared", GICD_SPENDSGIR);
	wr(GICD, GICD_CPENDSGIR, 0x00000200);
	show("ispendr0 sgi 1 cleared", GICD_ISPENDR);
	wr(GICD, GICD_ISPENDR + W(1), 0x00000300);      /* 40, 41 */
	show("ispendr1 40 41", GICD_ISPENDR + W(1));
	wr(GICD, GICD_ICPENDR + W(1), 0x00000100);
	show("icpendr1 40 cleared", GICD_ICPENDR + W(1));
	wr(GICD, GICD_ICPENDR + W(1), 0xffffffff);
	show("ispendr1 end", GICD_ISPENDR + W(1));

	say("active\n");
	wr(GICD, GICD_ISACTIVER + W(1), 0x00000400);    /* 42 */
	show("isactiver1 42", GICD_ISACTIVER + W(1));
	wr(GICD, GICD_ICACTIVER + W(1), 0x00000400);
	show("isactiver1 cleared", GICD_ISACTIVER + W(1));
	wr(GICD, GICD_ISACTIVER, 0x20000000);   /* PPI 29 */
	show("isactiver0 ppi 29", GICD_ISACTIVER);
	wr(GICD, GICD_ICACTIVER, 0xffffffff);
	show("isactiver0 cleared", GICD_ISACTIVER);

	say("groups\n");
	show("igroupr0 reset", GICD_IGROUPR);
	wr(GICD, GICD_IGROUPR + W(1), 0x00000f00);
	show("igroupr1 40-43", GICD_IGROUPR + W(1));
	wr(GICD, GICD_IGROUPR + W(1), 0);

	say("sizes\n");
	/* a halfword access to a byte-accessible register: not permitted
	 * (IHI 0048B 4.1.4) */
	*(volatile unsigned short *)(GICD + GICD_IPRIORITYR + 48) = 0xffff;
	show("ipriorityr 48 after halfword write", GICD_IPRIORITYR + 48);
	say("done\n");
	return 0;
}
