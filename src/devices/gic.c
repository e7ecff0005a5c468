/* GICv2 Distributor and physical CPU interface (ARM IHI 0048B chapters 3
 * and 4) as a GIC-400 without the Security Extensions presents them; the
 * virtual interface (GICH, GICV) is in gic_virt.c.
 *
 * Model: every interrupt has an enable, a pending latch, an active bit, a
 * group and a priority. IDs 0-31 are banked per core; SGIs keep one
 * pending bit per source core. A level-sensitive interrupt is pending while
 * its latch is set (a write to GICD_ISPENDR) or its input is high; an
 * edge-triggered one latches a rising input (IHI 0048B 3.2.4, 4.3.7). The
 * outputs are recomputed after every change (gic_update). */
#include "devices/gic.h"

#include <stdarg.h>
#include <string.h>

#include "cpu/cpu.h"

/* GICD_CTLR without the Security Extensions (IHI 0048B 4.3.1) */
#define GICD_CTLR_GRP0 (1u << 0)
#define GICD_CTLR_GRP1 (1u << 1)

/* GICC_CTLR, the layout of a GIC without the Security Extensions, which is
 * the Secure copy's (IHI 0048B 4.4.1, Table 4-31). */
#define GICC_CTLR_GRP0 (1u << 0)
#define GICC_CTLR_GRP1 (1u << 1)
#define GICC_CTLR_ACKCTL (1u << 2)
#define GICC_CTLR_FIQEN (1u << 3)
#define GICC_CTLR_CBPR (1u << 4)
#define GICC_CTLR_EOIMODE (1u << 9) /* EOImodeS: the one in effect */
/* Bits 5-8 (the bypass disables) and 10 (EOImodeNS) are stored as written
 * and have no effect: no legacy bypass signals are modelled, and with no
 * Security Extensions every access is Secure, so EOImodeS governs. */
#define GICC_CTLR_MASK 0x7ffu

/* GIC-400: 32 priority levels, the low three bits of a priority are RAZ/WI
 * (GIC-400 TRM 1.3: "32 priority levels"), so GICC_APR0 has one bit per
 * level and the minimum binary points are 2 (BPR) and 3 (ABPR) (IHI 0048B
 * 3.3.3, Table 3-2 footnote on the minimum value). */
#define PRIO_MASK 0xf8u
#define BPR_MIN 2u
#define ABPR_MIN 3u

#define GICD_IIDR_GIC400 0x0200143bu
#define GICC_IIDR_GIC400 0x0202143bu

#define SGI_ENABLED 0x0000ffffu /* GIC-400: SGIs always enabled (RAO/WI) */

static bool cpu_index(const struct gic *g, const struct cpu *cpu,
		      unsigned *c)
{
	*c = cpu ? cpu->index : 0;
	return *c < g->n_cpus;
}

static unsigned n_words(const struct gic *g)
{
	return (g->n_irqs + 31) / 32;
}

/* The implemented IDs of word w. */
static uint32_t word_mask(const struct gic *g, unsigned w)
{
	unsigned lo = w * 32;

	if (lo >= g->n_irqs)
		return 0;
	if (g->n_irqs - lo >= 32)
		return ~0u;
	return (1u << (g->n_irqs - lo)) - 1;
}

static uint32_t cpu_mask(const struct gic *g)
{
	return (1u << g->n_cpus) - 1;
}

static unsigned lowest_bit(uint32_t v)
{
	return (unsigned)__builtin_ctz(v);
}

/* ---- per-interrupt state ---- */

static uint32_t enabled_word(const struct gic *g, unsigned c, unsigned w)
{
	return w ? g->enabled[w] : g->cpu[c].enabled0;
}

static uint32_t active_word(const struct gic *g, unsigned c, unsigned w)
{
	return w ? g->active[w] : g->cpu[c].active0;
}

static uint32_t group_word(const struct gic *g, unsigned c, unsigned w)
{
	return w ? g->group[w] : g->cpu[c].group0;
}

/* The pending state as GICD_ISPENDR shows it. PPIs are level-sensitive on
 * the GIC-400 (GICD_ICFGR1 is read-only, see dist_icfgr). */
static uint32_t pending_word(const struct gic *g, unsigned c, unsigned w)
{
	if (w == 0) {
		const struct gic_cpu_state *s = &g->cpu[c];
		uint32_t p = (s->pend0 | s->level0) & 0xffff0000u;

		for (unsigned i = 0; i < 16; i++)
			if (s->sgi_src[i])
				p |= 1u << i;
		return p;
	}
	return (g->pend[w] | (g->level[w] & ~g->edge[w])) & word_mask(g, w);
}

/* SPIs that may be forwarded to core c. A single CPU interface makes
 * GICD_ITARGETSR RAZ/WI and every SPI goes to it (IHI 0048B 4.3.12). */
static uint32_t targeted_word(const struct gic *g, unsigned c, unsigned w)
{
	uint32_t m = 0;

	if (w == 0 || g->n_cpus == 1)
		return ~0u;
	for (unsigned i = 0; i < 32; i++)
		if (g->targets[w * 32 + i] & (1u << c))
			m |= 1u << i;
	return m;
}

static uint8_t irq_prio(const struct gic *g, unsigned c, unsigned id)
{
	return id < 32 ? g->cpu[c].prio0[id] : g->prio[id];
}

static unsigned irq_group(const struct gic *g, unsigned c, unsigned id)
{
	return (group_word(g, c, id / 32) >> (id % 32)) & 1;
}

uint8_t gic_group_prio(uint8_t prio, unsigned bp, bool abpr_style)
{
	/* GICC_BPR = n splits the priority at bit n: the group priority is
	 * bits [7:n+1]. GICC_ABPR = n is one less: bits [7:n] (IHI 0048B
	 * 3.3.3, Table 3-2 and 4.4.3). */
	unsigned shift = abpr_style ? bp : bp + 1;

	if (shift >= 8)
		return 0;
	return (uint8_t)(prio & (0xffu << shift));
}

uint8_t gic_running_prio(uint32_t apr)
{
	if (!apr)
		return 0xff;
	return (uint8_t)(lowest_bit(apr) << 3);
}

static uint8_t phys_group_prio(const struct gic *g, unsigned c, unsigned grp,
			       uint8_t prio)
{
	const struct gic_cpu_state *s = &g->cpu[c];

	if (grp == 0 || (s->ctlr & GICC_CTLR_CBPR))
		return gic_group_prio(prio, s->bpr, false);
	return gic_group_prio(prio, s->abpr, true);
}

/* The highest-priority interrupt that is enabled, pending, not active,
 * targeted at core c and of a group in `groups` (bit 0 group 0, bit 1
 * group 1); GIC_ID_SPURIOUS if none. Equal priorities: the lowest ID wins
 * (IMPLEMENTATION DEFINED, IHI 0048B 3.3.1). An active and pending
 * interrupt waits for its deactivation. */
static unsigned best_pending(const struct gic *g, unsigned c,
			     unsigned groups, uint8_t *prio_out)
{
	unsigned best = GIC_ID_SPURIOUS, best_prio = 0x100;

	for (unsigned w = 0; w < n_words(g); w++) {
		uint32_t m = enabled_word(g, c, w) & pending_word(g, c, w) &
			     ~active_word(g, c, w);
		uint32_t grp = group_word(g, c, w);

		if (!(groups & 1))
			m &= grp;
		if (!(groups & 2))
			m &= ~grp;
		if (m && w)
			m &= targeted_word(g, c, w);
		while (m) {
			unsigned id = w * 32 + lowest_bit(m);
			unsigned p = irq_prio(g, c, id);

			m &= m - 1;
			if (p < best_prio) {
				best_prio = p;
				best = id;
			}
		}
	}
	if (prio_out)
		*prio_out = (uint8_t)(best_prio & 0xff);
	return best;
}

static unsigned phys_groups(const struct gic *g, unsigned c)
{
	return g->ctlr & g->cpu[c].ctlr & 3;
}

/* Would the best pending interrupt be signalled: above the priority mask
 * and with a group priority above the running priority (IHI 0048B 3.3.2
 * and 3.3.3)? */
static bool phys_signalled(const struct gic *g, unsigned c, unsigned id,
			   uint8_t prio)
{
	const struct gic_cpu_state *s = &g->cpu[c];

	if (id == GIC_ID_SPURIOUS || prio >= s->pmr)
		return false;
	return phys_group_prio(g, c, irq_group(g, c, id), prio) <
	       gic_running_prio(s->apr);
}

void gic_update(struct gic *g)
{
	for (unsigned c = 0; c < g->n_cpus; c++) {
		struct gic_cpu_state *s = &g->cpu[c];
		bool maint = (s->hcr & 1) && gic_misr(g, c);

		/* the maintenance interrupt is core c's PPI 25 input
		 * (IHI 0048B 5.3.1, GIC-400 TRM 2.3.2) */
		if (maint)
			s->level0 |= 1u << GIC_MAINT_PPI;
		else
			s->level0 &= ~(1u << GIC_MAINT_PPI);
	}
	for (unsigned c = 0; c < g->n_cpus; c++) {
		const struct gic_cpu_state *s = &g->cpu[c];
		uint8_t prio;
		unsigned id = best_pending(g, c, phys_groups(g, c), &prio);
		bool irq = false, fiq = false, virq, vfiq;

		if (phys_signalled(g, c, id, prio)) {
			/* Group 0 is signalled as FIQ when FIQEn is set
			 * (IHI 0048B 3.5.1); Group 1 always as IRQ */
			if (irq_group(g, c, id) == 0 &&
			    (s->ctlr & GICC_CTLR_FIQEN))
				fiq = true;
			else
				irq = true;
		}
		irq_line_set(&g->irq_out[c], irq);
		irq_line_set(&g->fiq_out[c], fiq);
		gic_virt_outputs(g, c, &virq, &vfiq);
		irq_line_set(&g->virq_out[c], virq);
		irq_line_set(&g->vfiq_out[c], vfiq);
	}
}

/* ---- init, reset, inputs ---- */

void gic_init(struct gic *g, unsigned n_cpus, unsigned n_irqs)
{
	memset(g, 0, sizeof *g);
	if (n_cpus < 1)
		n_cpus = 1;
	if (n_cpus > GIC_MAX_CPUS)
		n_cpus = GIC_MAX_CPUS;
	n_irqs = (n_irqs + 31) & ~31u;
	if (n_irqs < 32)
		n_irqs = 32;
	if (n_irqs > GIC_MAX_IRQS)
		n_irqs = GIC_MAX_IRQS;
	g->n_cpus = n_cpus;
	g->n_irqs = n_irqs;
	gic_reset(g);
}

void gic_reset(struct gic *g)
{
	/* Input levels are wires driven from outside: a reset of the GIC
	 * keeps them. Everything else takes its GIC-400 reset value. */
	g->ctlr = 0;
	memset(g->enabled, 0, sizeof g->enabled);
	memset(g->pend, 0, sizeof g->pend);
	memset(g->active, 0, sizeof g->active);
	memset(g->edge, 0, sizeof g->edge);
	memset(g->group, 0, sizeof g->group);
	memset(g->prio, 0, sizeof g->prio);
	memset(g->targets, 0, sizeof g->targets);
	for (unsigned c = 0; c < GIC_MAX_CPUS; c++) {
		struct gic_cpu_state *s = &g->cpu[c];

		s->enabled0 = SGI_ENABLED;
		s->pend0 = s->active0 = s->group0 = 0;
		memset(s->prio0, 0, sizeof s->prio0);
		memset(s->sgi_src, 0, sizeof s->sgi_src);
		s->ctlr = 0;
		s->pmr = 0;
		s->bpr = BPR_MIN;
		s->abpr = ABPR_MIN;
		s->apr = 0;
	}
	gic_virt_reset(g);
	gic_update(g);
}

void gic_set_input(struct gic *g, unsigned cpu, unsigned id, bool level)
{
	if (id < 16 || id >= g->n_irqs)
		return;
	if (id < 32) {
		uint32_t bit = 1u << id;

		if (cpu >= g->n_cpus || id == GIC_MAINT_PPI)
			return; /* PPI 25 is driven by the GIC itself */
		if (level)
			g->cpu[cpu].level0 |= bit;
		else
			g->cpu[cpu].level0 &= ~bit;
	} else {
		unsigned w = id / 32;
		uint32_t bit = 1u << (id % 32);

		if (level && !(g->level[w] & bit) && (g->edge[w] & bit))
			g->pend[w] |= bit;
		if (level)
			g->level[w] |= bit;
		else
			g->level[w] &= ~bit;
	}
	gic_update(g);
}

void gic_input_sink(void *gic, unsigned n, bool level)
{
	gic_set_input(gic, n >> 16, n & 0xffff, level);
}

void gic_deactivate_phys(struct gic *g, unsigned c, unsigned id)
{
	if (id < 32)
		g->cpu[c].active0 &= ~(1u << id);
	else if (id < g->n_irqs)
		g->active[id / 32] &= ~(1u << (id % 32));
}

/* ---- Distributor (IHI 0048B 4.3) ---- */

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

/* GIC-400 peripheral and component IDs, 0xfd0-0xffc (GIC-400 TRM 3.2,
 * Table 3-2): PIDR4-7, PIDR0-3, CIDR0-3. */
static const uint8_t dist_id_regs[12] = {
	0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00,
	0x0d, 0xf0, 0x05, 0xb1,
};

/* Registers that allow byte accesses (IHI 0048B Table 4-1). */
static bool dist_byte_reg(unsigned off)
{
	return (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
	       (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16);
}

static uint8_t dist_readb(const struct gic *g, unsigned c, unsigned off)
{
	const struct gic_cpu_state *s = &g->cpu[c];

	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		unsigned id = off - GICD_IPRIORITYR;

		if (id >= g->n_irqs)
			return 0;
		return irq_prio(g, c, id);
	}
	if (off >= GICD_ITARGETSR && off < GICD_ICFGR) {
		unsigned id = off - GICD_ITARGETSR;

		if (g->n_cpus == 1 || id >= g->n_irqs)
			return 0;
		/* SGIs and PPIs: each byte reads the accessing core's own
		 * bit (IHI 0048B 4.3.12) */
		if (id < 32)
			return (uint8_t)(1u << c);
		return g->targets[id];
	}
	if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR)
		return s->sgi_src[off - GICD_CPENDSGIR];
	if (off >= GICD_SPENDSGIR && off < GICD_SPENDSGIR + 16)
		return s->sgi_src[off - GICD_SPENDSGIR];
	return 0;
}

static void dist_writeb(struct gic *g, unsigned c, unsigned off, uint8_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];

	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		unsigned id = off - GICD_IPRIORITYR;

		if (id < 32)
			s->prio0[id] = v & PRIO_MASK;
		else if (id < g->n_irqs)
			g->prio[id] = v & PRIO_MASK;
	} else if (off >= GICD_ITARGETSR && off < GICD_ICFGR) {
		unsigned id = off - GICD_ITARGETSR;

		/* SGI/PPI bytes are read-only. Bits for CPU interfaces that
		 * do not exist are RAZ/WI (IHI 0048B 4.3.12); QEMU 7.2 keeps
		 * them as written, which the specification does not allow. */
		if (id >= 32 && id < g->n_irqs && g->n_cpus > 1)
			g->targets[id] = v & cpu_mask(g);
	} else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR) {
		s->sgi_src[off - GICD_CPENDSGIR] &= ~v;
	} else if (off >= GICD_SPENDSGIR && off < GICD_SPENDSGIR + 16) {
		s->sgi_src[off - GICD_SPENDSGIR] |= v & cpu_mask(g);
	}
}

/* GICD_ICFGRn: two bits per ID, [2F+1] edge (1) or level (0), [2F] the
 * 1-N model bit. GIC-400 (TRM 3.2): SGIs fixed edge (0xaaaaaaaa), PPIs
 * fixed level with the implemented PPIs 25-31 reading 1-N (0x55540000),
 * SPIs level or edge with [2F] read-only 1. Every PPI is modelled as
 * level-sensitive; IDs 16-24 are usable PPIs here because QEMU virt wires
 * them (the PMU's PPI 23), unlike a real GIC-400. */
static uint32_t dist_icfgr(const struct gic *g, unsigned n)
{
	uint32_t v = 0;

	if (n == 0)
		return 0xaaaaaaaau;
	if (n == 1)
		return 0x55540000u;
	for (unsigned i = 0; i < 16; i++) {
		unsigned id = n * 16 + i;

		if (id >= g->n_irqs)
			break;
		v |= 1u << (2 * i);
		if (g->edge[id / 32] & (1u << (id % 32)))
			v |= 2u << (2 * i);
	}
	return v;
}

static void dist_write_icfgr(struct gic *g, unsigned n, uint32_t v)
{
	if (n < 2)
		return;
	for (unsigned i = 0; i < 16; i++) {
		unsigned id = n * 16 + i;
		uint32_t bit = 1u << (id % 32);

		if (id >= g->n_irqs)
			break;
		if (v & (2u << (2 * i)))
			g->edge[id / 32] |= bit;
		else
			g->edge[id / 32] &= ~bit;
	}
}

static uint32_t dist_read32(const struct gic *g, unsigned c, unsigned off)
{
	unsigned w = (off & 0x7f) / 4;

	if (off == GICD_CTLR)
		return g->ctlr;
	if (off == GICD_TYPER)
		/* ITLinesNumber, CPUNumber; SecurityExtn and LSPI 0 */
		return (n_words(g) - 1) | ((g->n_cpus - 1) << 5);
	if (off == GICD_IIDR)
		return GICD_IIDR_GIC400;
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		if (w >= n_words(g))
			return 0;
		switch (off & ~0x7fu) {
		case GICD_IGROUPR:
			return group_word(g, c, w) & word_mask(g, w);
		case GICD_ISENABLER:
		case GICD_ICENABLER:
			return enabled_word(g, c, w) & word_mask(g, w);
		case GICD_ISPENDR:
		case GICD_ICPENDR:
			return pending_word(g, c, w);
		default: /* ISACTIVER, ICACTIVER */
			return active_word(g, c, w) & word_mask(g, w);
		}
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100)
		return dist_icfgr(g, (off - GICD_ICFGR) / 4);
	if (off >= 0xfd0)
		return dist_id_regs[(off - 0xfd0) / 4];
	/* GICD_SGIR is write-only; the GIC-400's GICD_PPISR/SPISRn
	 * (0xd00-0xd3c) are not modelled and read as zero, as do the
	 * reserved and IMPLEMENTATION DEFINED ranges. */
	return 0;
}

static void dist_sgir(struct gic *g, unsigned c, uint32_t v)
{
	unsigned id = v & 0xf;
	uint32_t targets;

	/* TargetListFilter (IHI 0048B 4.3.15). NSATT (bit 15) selects a
	 * group only with the Security Extensions: ignored here. */
	switch ((v >> 24) & 3) {
	case 0:
		targets = (v >> 16) & 0xff;
		break;
	case 1:
		targets = cpu_mask(g) & ~(1u << c);
		break;
	case 2:
		targets = 1u << c;
		break;
	default:
		return; /* reserved */
	}
	targets &= cpu_mask(g);
	for (unsigned t = 0; t < g->n_cpus; t++)
		if (targets & (1u << t))
			g->cpu[t].sgi_src[id] |= (uint8_t)(1u << c);
}

static void dist_write32(struct gic *g, unsigned c, unsigned off,
			 uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];
	unsigned w = (off & 0x7f) / 4;

	if (off == GICD_CTLR) {
		g->ctlr = v & (GICD_CTLR_GRP0 | GICD_CTLR_GRP1);
		return;
	}
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		unsigned reg = off & ~0x7fu;

		if (w >= n_words(g))
			return;
		v &= word_mask(g, w);
		if (w == 0) {
			switch (reg) {
			case GICD_IGROUPR:
				s->group0 = v;
				break;
			case GICD_ISENABLER:
				s->enabled0 |= v;
				break;
			case GICD_ICENABLER:
				s->enabled0 &= ~v | SGI_ENABLED;
				break;
			/* SGI pending bits are set and cleared through
			 * GICD_SPENDSGIR/CPENDSGIR only (IHI 0048B 4.3.7,
			 * 4.3.8) */
			case GICD_ISPENDR:
				s->pend0 |= v & 0xffff0000u;
				break;
			case GICD_ICPENDR:
				s->pend0 &= ~(v & 0xffff0000u);
				break;
			case GICD_ISACTIVER:
				s->active0 |= v;
				break;
			default:
				s->active0 &= ~v;
				break;
			}
			return;
		}
		switch (reg) {
		case GICD_IGROUPR:
			g->group[w] = v;
			break;
		case GICD_ISENABLER:
			g->enabled[w] |= v;
			break;
		case GICD_ICENABLER:
			g->enabled[w] &= ~v;
			break;
		case GICD_ISPENDR:
			g->pend[w] |= v;
			break;
		case GICD_ICPENDR:
			/* a level interrupt whose input is high stays
			 * pending (IHI 0048B 4.3.8) */
			g->pend[w] &= ~v;
			break;
		case GICD_ISACTIVER:
			g->active[w] |= v;
			break;
		default:
			g->active[w] &= ~v;
			break;
		}
		return;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100)
		dist_write_icfgr(g, (off - GICD_ICFGR) / 4, v);
	else if (off == GICD_SGIR)
		dist_sgir(g, c, v);
}

/* Common access checks: outside the frame aborts; a size or alignment
 * the GIC does not allow (8 bytes, 2 bytes, misaligned, a byte access to
 * a word-only register) is RAZ/WI (IHI 0048B 4.1.4: "byte accesses only
 * to registers that allow them"). Returns false with *ok set when the
 * access is done. */
static bool access_ok(uint64_t off, unsigned size, uint64_t frame,
		      bool *ok)
{
	*ok = off < frame;
	if (!*ok)
		return false;
	if ((size != 1 && size != 4) || (off & (size - 1)))
		return false;
	return true;
}

static bool gicd_read(void *opaque, uint64_t off, unsigned size,
		      uint64_t *val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	*val = 0;
	if (!access_ok(off, size, GIC_DIST_SIZE, &ok) ||
	    !cpu_index(g, cpu, &c))
		return ok;
	if (size == 1) {
		if (dist_byte_reg((unsigned)off))
			*val = dist_readb(g, c, (unsigned)off);
	} else if (dist_byte_reg((unsigned)off)) {
		for (unsigned i = 0; i < 4; i++)
			*val |= (uint64_t)dist_readb(g, c, (unsigned)off + i)
				<< (8 * i);
	} else {
		*val = dist_read32(g, c, (unsigned)off);
	}
	return true;
}

static bool gicd_write(void *opaque, uint64_t off, unsigned size,
		       uint64_t val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	if (!access_ok(off, size, GIC_DIST_SIZE, &ok) ||
	    !cpu_index(g, cpu, &c))
		return ok;
	if (size == 1) {
		if (!dist_byte_reg((unsigned)off))
			return true;
		dist_writeb(g, c, (unsigned)off, (uint8_t)val);
	} else if (dist_byte_reg((unsigned)off)) {
		for (unsigned i = 0; i < 4; i++)
			dist_writeb(g, c, (unsigned)off + i,
				    (uint8_t)(val >> (8 * i)));
	} else {
		dist_write32(g, c, (unsigned)off, (uint32_t)val);
	}
	gic_update(g);
	return true;
}

const struct bus_device_ops gic_dist_ops = {
	.read = gicd_read,
	.write = gicd_write,
};

/* ---- physical CPU interface (IHI 0048B 4.4) ---- */

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_RPR 0x14
#define GICC_HPPIR 0x18
#define GICC_ABPR 0x1c
#define GICC_AIAR 0x20
#define GICC_AEOIR 0x24
#define GICC_AHPPIR 0x28
#define GICC_APR0 0xd0
#define GICC_IIDR 0xfc
#define GICC_DIR 0x1000

/* The ID (with the source CPU for an SGI) GICC_HPPIR/IAR would return.
 * `alias` selects the GICC_A* behaviour: only Group 1, 1023 when the
 * best interrupt is Group 0. Without it, a Group 1 interrupt with AckCtl
 * clear reads as 1022 (IHI 0048B 4.4.4, 4.4.8, Table 4-33). */
static unsigned cpu_hppi(const struct gic *g, unsigned c, bool alias,
			 uint8_t *prio, unsigned *src)
{
	unsigned id = best_pending(g, c, phys_groups(g, c), prio);
	unsigned grp;

	*src = 0;
	if (id == GIC_ID_SPURIOUS)
		return id;
	grp = irq_group(g, c, id);
	if (alias && grp == 0)
		return GIC_ID_SPURIOUS;
	if (!alias && grp == 1 && !(g->cpu[c].ctlr & GICC_CTLR_ACKCTL))
		return GIC_ID_SPURIOUS_GRP1;
	if (id < 16)
		*src = lowest_bit(g->cpu[c].sgi_src[id]);
	return id;
}

/* GICC_IAR / GICC_AIAR: acknowledge. The interrupt must have sufficient
 * priority to be signalled, otherwise 1023 (IHI 0048B 3.2.4). */
static uint32_t cpu_acknowledge(struct gic *g, unsigned c, bool alias,
				bool peek)
{
	struct gic_cpu_state *s = &g->cpu[c];
	uint8_t prio;
	unsigned src;
	unsigned id = cpu_hppi(g, c, alias, &prio, &src);
	uint8_t gp;

	if (id >= GIC_ID_SPURIOUS_GRP1)
		return id;
	if (!phys_signalled(g, c, id, prio))
		return GIC_ID_SPURIOUS;
	if (peek)
		return id | (src << 10);
	if (id < 16) {
		s->sgi_src[id] &= (uint8_t)~(1u << src);
		s->active0 |= 1u << id;
	} else if (id < 32) {
		s->pend0 &= ~(1u << id);
		s->active0 |= 1u << id;
	} else {
		g->pend[id / 32] &= ~(1u << (id % 32));
		g->active[id / 32] |= 1u << (id % 32);
	}
	gp = phys_group_prio(g, c, irq_group(g, c, id), prio);
	s->apr |= 1u << (gp >> 3);
	gic_update(g);
	return id | (src << 10);
}

/* GICC_EOIR / AEOIR: priority drop, and deactivation unless EOImode
 * (IHI 0048B 3.2.1, 4.4.5). The drop clears the highest-priority active
 * level (IHI 0048B 3.3.4). Without the Security Extensions AEOIR acts as
 * EOIR for the Group 1 interrupt it names. */
static void cpu_eoi(struct gic *g, unsigned c, uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];
	unsigned id = v & 0x3ff;

	if (id >= g->n_irqs)
		return; /* a spurious or absent ID: ignored */
	s->apr &= s->apr - 1;
	if (!(s->ctlr & GICC_CTLR_EOIMODE))
		gic_deactivate_phys(g, c, id);
	gic_update(g);
}

static uint32_t cpu_read32(struct gic *g, unsigned c, unsigned off,
			   bool peek)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	uint8_t prio;
	unsigned src, id;

	switch (off) {
	case GICC_CTLR:
		return s->ctlr;
	case GICC_PMR:
		return s->pmr;
	case GICC_BPR:
		return s->bpr;
	case GICC_IAR:
		return cpu_acknowledge(g, c, false, peek);
	case GICC_AIAR:
		return cpu_acknowledge(g, c, true, peek);
	case GICC_RPR:
		return gic_running_prio(s->apr);
	case GICC_HPPIR:
	case GICC_AHPPIR:
		id = cpu_hppi(g, c, off == GICC_AHPPIR, &prio, &src);
		return id | (src << 10);
	case GICC_ABPR:
		return s->abpr;
	case GICC_APR0:
		return s->apr;
	case GICC_IIDR:
		return GICC_IIDR_GIC400;
	default:
		/* GICC_APR1-3 (only 32 levels), GICC_NSAPRn (they hold
		 * Non-secure state, absent without the Security
		 * Extensions), write-only and reserved: RAZ */
		return 0;
	}
}

static void cpu_write32(struct gic *g, unsigned c, unsigned off, uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];

	switch (off) {
	case GICC_CTLR:
		s->ctlr = v & GICC_CTLR_MASK;
		break;
	case GICC_PMR:
		s->pmr = v & PRIO_MASK;
		break;
	case GICC_BPR:
		/* below the minimum: set to the minimum (IHI 0048B 4.4.3) */
		s->bpr = (v & 7) < BPR_MIN ? BPR_MIN : (v & 7);
		break;
	case GICC_ABPR:
		s->abpr = (v & 7) < ABPR_MIN ? ABPR_MIN : (v & 7);
		break;
	case GICC_EOIR:
	case GICC_AEOIR:
		cpu_eoi(g, c, v);
		break;
	case GICC_APR0:
		s->apr = v;
		break;
	case GICC_DIR:
		/* writing GICC_DIR with EOImode clear is UNPREDICTABLE
		 * (IHI 0048B 4.4.15): ignored */
		if ((s->ctlr & GICC_CTLR_EOIMODE) && (v & 0x3ff) < g->n_irqs)
			gic_deactivate_phys(g, c, v & 0x3ff);
		break;
	default:
		break;
	}
	gic_update(g);
}

static bool gicc_read(void *opaque, uint64_t off, unsigned size,
		      uint64_t *val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	*val = 0;
	if (!access_ok(off, size, GIC_CPU_SIZE, &ok) || size != 4 ||
	    !cpu_index(g, cpu, &c))
		return ok;
	/* a debugger access (no core) must not acknowledge anything */
	*val = cpu_read32(g, c, (unsigned)off, cpu == NULL);
	return true;
}

static bool gicc_write(void *opaque, uint64_t off, unsigned size,
		       uint64_t val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	if (!access_ok(off, size, GIC_CPU_SIZE, &ok) || size != 4 ||
	    !cpu_index(g, cpu, &c))
		return ok;
	cpu_write32(g, c, (unsigned)off, (uint32_t)val);
	return true;
}

const struct bus_device_ops gic_cpu_ops = {
	.read = gicc_read,
	.write = gicc_write,
};

/* ---- reports ---- */

struct sbuf {
	char *buf;
	size_t len, pos;
};

static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->pos >= b->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->pos, b->len - b->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->pos += (size_t)n;
	if (b->pos >= b->len)
		b->pos = b->len - 1;
}

static const char *id_kind(unsigned id)
{
	return id < 16 ? "SGI" : id < 32 ? "PPI" : "SPI";
}

static void list_ids(const struct gic *g, unsigned c, FILE *out,
		     const char *what, bool active)
{
	bool any = false;

	fprintf(out, "  %s:", what);
	for (unsigned w = 0; w < n_words(g); w++) {
		uint32_t m = active ? active_word(g, c, w) & word_mask(g, w)
				    : pending_word(g, c, w);

		if (!active && w)
			m &= targeted_word(g, c, w);
		for (; m; m &= m - 1) {
			unsigned id = w * 32 + lowest_bit(m);

			fprintf(out, " %u%s", id,
				enabled_word(g, c, w) & (1u << (id % 32))
					? ""
					: "(disabled)");
			any = true;
		}
	}
	fprintf(out, "%s\n", any ? "" : " none");
}

void gic_describe(const struct gic *g, unsigned cpu, FILE *out)
{
	const struct gic_cpu_state *s;
	uint8_t prio;
	unsigned src, hp;

	if (cpu >= g->n_cpus) {
		fprintf(out, "gic: no CPU interface %u\n", cpu);
		return;
	}
	s = &g->cpu[cpu];
	hp = cpu_hppi(g, cpu, false, &prio, &src);
	fprintf(out,
		"gic cpu%u: GICD_CTLR %#x (Grp0 %s, Grp1 %s)\n"
		"  GICC_CTLR %#x (Grp0 %s, Grp1 %s, AckCtl %u, FIQEn %u, "
		"CBPR %u, EOImode %u)\n"
		"  PMR %#04x BPR %u ABPR %u APR0 %#x RPR %#04x HPPIR %u\n"
		"  outputs: IRQ %u FIQ %u VIRQ %u VFIQ %u\n",
		cpu, g->ctlr, g->ctlr & 1 ? "on" : "off",
		g->ctlr & 2 ? "on" : "off", s->ctlr,
		s->ctlr & GICC_CTLR_GRP0 ? "on" : "off",
		s->ctlr & GICC_CTLR_GRP1 ? "on" : "off",
		!!(s->ctlr & GICC_CTLR_ACKCTL), !!(s->ctlr & GICC_CTLR_FIQEN),
		!!(s->ctlr & GICC_CTLR_CBPR), !!(s->ctlr & GICC_CTLR_EOIMODE),
		s->pmr, s->bpr, s->abpr, s->apr, gic_running_prio(s->apr),
		hp, g->irq_out[cpu].level, g->fiq_out[cpu].level,
		g->virq_out[cpu].level, g->vfiq_out[cpu].level);
	list_ids(g, cpu, out, "pending", false);
	list_ids(g, cpu, out, "active", true);
	gic_virt_describe(g, cpu, out);
}

/* The physical side of gic_why_not_delivered. */
static bool phys_why_not(const struct gic *g, unsigned c, struct sbuf *b)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	uint8_t prio;
	unsigned id = best_pending(g, c, phys_groups(g, c), &prio);

	if (id != GIC_ID_SPURIOUS) {
		unsigned grp = irq_group(g, c, id);
		uint8_t gp = phys_group_prio(g, c, grp, prio);

		sbuf_printf(b, "%s %u (group %u, priority %#04x) ",
			    id_kind(id), id, grp, prio);
		if (prio >= s->pmr)
			sbuf_printf(b, "masked by GICC_PMR %#04x", s->pmr);
		else if (gp >= gic_running_prio(s->apr))
			sbuf_printf(b,
				    "does not preempt: group priority %#04x, "
				    "running priority %#04x (GICC_APR0 %#x)",
				    gp, gic_running_prio(s->apr), s->apr);
		else
			sbuf_printf(b, "is signalled as %s",
				    grp == 0 && (s->ctlr & GICC_CTLR_FIQEN)
					    ? "FIQ"
					    : "IRQ");
		return true;
	}
	/* nothing deliverable: the best pending interrupt of any state */
	id = best_pending(g, c, 3, &prio);
	if (id != GIC_ID_SPURIOUS) {
		unsigned grp = irq_group(g, c, id);

		sbuf_printf(b, "%s %u (group %u) pending but ", id_kind(id),
			    id, grp);
		if (!(g->ctlr & (1u << grp)))
			sbuf_printf(b, "group %u disabled in GICD_CTLR", grp);
		else
			sbuf_printf(b, "group %u disabled in GICC_CTLR", grp);
		return true;
	}
	for (unsigned w = 0; w < n_words(g); w++) {
		uint32_t p = pending_word(g, c, w);

		if (w)
			p &= targeted_word(g, c, w);
		if (!p)
			continue;
		id = w * 32 + lowest_bit(p);
		if (active_word(g, c, w) & (1u << (id % 32)))
			sbuf_printf(b, "%s %u pending and active: waits for "
				       "its deactivation", id_kind(id), id);
		else
			sbuf_printf(b, "%s %u pending but disabled "
				       "(GICD_ISENABLER)", id_kind(id), id);
		return true;
	}
	return false;
}

bool gic_why_not_delivered(const struct gic *g, unsigned cpu, char *buf,
			   size_t len)
{
	struct sbuf b = { buf, len, 0 };
	bool phys, virt;
	size_t mark;

	if (!len)
		return false;
	buf[0] = 0;
	if (cpu >= g->n_cpus)
		return false;
	phys = phys_why_not(g, cpu, &b);
	mark = b.pos;
	if (phys)
		sbuf_printf(&b, "; ");
	virt = gic_virt_why_not(g, cpu, b.buf + b.pos, b.len - b.pos);
	if (!virt)
		buf[mark] = 0; /* no separator without a second part */
	return phys || virt;
}
