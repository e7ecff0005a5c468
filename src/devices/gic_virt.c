/* The GICv2 Virtualization Extensions (ARM IHI 0048B chapter 5): the
 * virtual interface control registers a hypervisor programs (GICH) and
 * the virtual CPU interface a guest sees in place of GICC (GICV). Both are
 * banked by the accessing core. A guest's acknowledge, EOI and
 * deactivation act on the list registers; a hardware-linked list register
 * deactivates its physical interrupt; the maintenance interrupt is the
 * core's PPI 25 (gic_update). */
#include "devices/gic.h"

#include <string.h>

#include "cpu/cpu.h"

/* GICH_HCR (IHI 0048B 5.3.2) */
#define HCR_EN (1u << 0)
#define HCR_UIE (1u << 1)
#define HCR_LRENPIE (1u << 2)
#define HCR_NPIE (1u << 3)
#define HCR_VGRP0EIE (1u << 4)
#define HCR_VGRP0DIE (1u << 5)
#define HCR_VGRP1EIE (1u << 6)
#define HCR_VGRP1DIE (1u << 7)
#define HCR_EOICOUNT_SHIFT 27
#define HCR_MASK 0xf80000ffu

/* GICH_MISR (IHI 0048B 5.3.4) */
#define MISR_EOI (1u << 0)
#define MISR_U (1u << 1)
#define MISR_LRENP (1u << 2)
#define MISR_NP (1u << 3)
#define MISR_VGRP0E (1u << 4)
#define MISR_VGRP0D (1u << 5)
#define MISR_VGRP1E (1u << 6)
#define MISR_VGRP1D (1u << 7)

/* GICH_VMCR (IHI 0048B 5.3.3): the GICV_CTLR bits sit at their GICV_CTLR
 * positions, then VMABP [20:18], VMBP [23:21], VMPriMask [31:27]. */
#define VMCR_GRP0 (1u << 0)
#define VMCR_GRP1 (1u << 1)
#define VMCR_ACKCTL (1u << 2)
#define VMCR_FIQEN (1u << 3)
#define VMCR_CBPR (1u << 4)
#define VMCR_EOIMODE (1u << 9)
#define VMCR_CTLR_MASK 0x21fu
#define VMCR_ABP_SHIFT 18
#define VMCR_BP_SHIFT 21
#define VMCR_PMR_SHIFT 27
#define VMCR_MASK 0xf8fc021fu

/* GICH_VTR: ListRegs 4 (field 3), PREbits 5 and PRIbits 5 (fields 4), as
 * the GIC-400 (GIC-400 TRM 3.4: 0x90000003) */
#define GICH_VTR_VALUE 0x90000003u
#define VBPR_MIN 2u  /* 5 preemption bits, as GICC_BPR */
#define VABPR_MIN 3u

/* GICH_LRn (IHI 0048B 5.3.8) */
#define LR_VID(lr) ((lr) & 0x3ffu)
#define LR_PID(lr) (((lr) >> 10) & 0x3ffu) /* HW = 1 */
#define LR_CPUID(lr) (((lr) >> 10) & 7u)   /* HW = 0 */
#define LR_EOI (1u << 19)                  /* HW = 0 */
#define LR_PRIO(lr) ((uint8_t)((((lr) >> 23) & 0x1fu) << 3))
#define LR_STATE_SHIFT 28
#define LR_STATE(lr) (((lr) >> LR_STATE_SHIFT) & 3u)
#define LR_PENDING 1u
#define LR_ACTIVE 2u
#define LR_GRP1 (1u << 30)
#define LR_HW (1u << 31)
#define LR_MASK 0xff8fffffu /* bits [22:20] are reserved, RAZ/WI */

#define GICV_IIDR_GIC400 0x0202143bu

static unsigned vm_bp(uint32_t vmcr)
{
	return (vmcr >> VMCR_BP_SHIFT) & 7;
}

static unsigned vm_abp(uint32_t vmcr)
{
	return (vmcr >> VMCR_ABP_SHIFT) & 7;
}

static uint8_t vm_pmr(uint32_t vmcr)
{
	return (uint8_t)(((vmcr >> VMCR_PMR_SHIFT) & 0x1f) << 3);
}

/* Binary points below the minimum read as the minimum (IHI 0048B 4.4.3
 * for GICV_BPR; the same value is seen through GICH_VMCR). */
static uint32_t vmcr_clamp(uint32_t vmcr)
{
	vmcr &= VMCR_MASK;
	if (vm_bp(vmcr) < VBPR_MIN)
		vmcr = (vmcr & ~(7u << VMCR_BP_SHIFT)) |
		       (VBPR_MIN << VMCR_BP_SHIFT);
	if (vm_abp(vmcr) < VABPR_MIN)
		vmcr = (vmcr & ~(7u << VMCR_ABP_SHIFT)) |
		       (VABPR_MIN << VMCR_ABP_SHIFT);
	return vmcr;
}

static uint8_t virt_group_prio(uint32_t vmcr, bool grp1, uint8_t prio)
{
	if (!grp1 || (vmcr & VMCR_CBPR))
		return gic_group_prio(prio, vm_bp(vmcr), false);
	return gic_group_prio(prio, vm_abp(vmcr), true);
}

void gic_virt_reset(struct gic *g)
{
	for (unsigned c = 0; c < GIC_MAX_CPUS; c++) {
		struct gic_cpu_state *s = &g->cpu[c];

		s->hcr = 0;
		s->vmcr = vmcr_clamp(0);
		s->vapr = 0;
		memset(s->lr, 0, sizeof s->lr);
	}
}

/* GICH_EISR0: a list register holding an EOI maintenance request: EOI
 * set, HW clear, state invalid (IHI 0048B 5.3.5). */
static uint32_t eisr(const struct gic_cpu_state *s)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < GIC_NR_LR; i++)
		if ((s->lr[i] & (3u << LR_STATE_SHIFT | LR_HW | LR_EOI)) ==
		    LR_EOI)
			v |= 1u << i;
	return v;
}

/* GICH_ELRSR0: a list register free for a new interrupt: state invalid
 * and no EOI maintenance request pending (IHI 0048B 5.3.6). */
static uint32_t elrsr(const struct gic_cpu_state *s)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < GIC_NR_LR; i++)
		if (LR_STATE(s->lr[i]) == 0 &&
		    ((s->lr[i] & LR_HW) || !(s->lr[i] & LR_EOI)))
			v |= 1u << i;
	return v;
}

uint32_t gic_misr(const struct gic *g, unsigned c)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	unsigned valid = 0, pending = 0;
	uint32_t m = 0;

	for (unsigned i = 0; i < GIC_NR_LR; i++) {
		if (LR_STATE(s->lr[i]))
			valid++;
		if (LR_STATE(s->lr[i]) == LR_PENDING)
			pending++;
	}
	if (eisr(s))
		m |= MISR_EOI;
	/* underflow: none or only one list register valid */
	if ((s->hcr & HCR_UIE) && valid <= 1)
		m |= MISR_U;
	if ((s->hcr & HCR_LRENPIE) && (s->hcr >> HCR_EOICOUNT_SHIFT))
		m |= MISR_LRENP;
	/* no pending: no list register in the pending state */
	if ((s->hcr & HCR_NPIE) && !pending)
		m |= MISR_NP;
	if ((s->hcr & HCR_VGRP0EIE) && (s->vmcr & VMCR_GRP0))
		m |= MISR_VGRP0E;
	if ((s->hcr & HCR_VGRP0DIE) && !(s->vmcr & VMCR_GRP0))
		m |= MISR_VGRP0D;
	if ((s->hcr & HCR_VGRP1EIE) && (s->vmcr & VMCR_GRP1))
		m |= MISR_VGRP1E;
	if ((s->hcr & HCR_VGRP1DIE) && !(s->vmcr & VMCR_GRP1))
		m |= MISR_VGRP1D;
	return m;
}

/* The highest-priority list register in the pending state whose group is
 * enabled in GICV_CTLR; equal priorities: the lowest-numbered list
 * register (IMPLEMENTATION DEFINED). A pending and active one is not
 * signalled before its deactivation. */
int gic_virt_best_lr(const struct gic *g, unsigned c)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	int best = -1;
	unsigned best_prio = 0x100;

	for (unsigned i = 0; i < GIC_NR_LR; i++) {
		uint32_t lr = s->lr[i];
		uint32_t en = lr & LR_GRP1 ? VMCR_GRP1 : VMCR_GRP0;

		if (LR_STATE(lr) != LR_PENDING || !(s->vmcr & en))
			continue;
		if (LR_PRIO(lr) < best_prio) {
			best_prio = LR_PRIO(lr);
			best = (int)i;
		}
	}
	return best;
}

static bool virt_signalled(const struct gic_cpu_state *s, int i)
{
	uint32_t lr;

	if (i < 0 || !(s->hcr & HCR_EN))
		return false;
	lr = s->lr[i];
	if (LR_PRIO(lr) >= vm_pmr(s->vmcr))
		return false;
	return virt_group_prio(s->vmcr, lr & LR_GRP1, LR_PRIO(lr)) <
	       gic_running_prio(s->vapr);
}

void gic_virt_outputs(const struct gic *g, unsigned c, bool *virq,
		      bool *vfiq)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	int i = gic_virt_best_lr(g, c);

	*virq = *vfiq = false;
	if (!virt_signalled(s, i))
		return;
	/* virtual Group 0 is a VFIQ when GICV_CTLR.FIQEn is set */
	if (!(s->lr[i] & LR_GRP1) && (s->vmcr & VMCR_FIQEN))
		*vfiq = true;
	else
		*virq = true;
}

/* ---- GICH (IHI 0048B 5.3) ---- */

#define GICH_HCR 0x00
#define GICH_VTR 0x04
#define GICH_VMCR 0x08
#define GICH_MISR 0x10
#define GICH_EISR0 0x20
#define GICH_EISR1 0x24
#define GICH_ELRSR0 0x30
#define GICH_ELRSR1 0x34
#define GICH_APR 0xf0
#define GICH_LR0 0x100

static bool vaccess_ok(const struct gic *g, uint64_t off, unsigned size,
		       uint64_t frame, const struct cpu *cpu, unsigned *c,
		       bool *ok)
{
	*ok = off < frame;
	if (!*ok)
		return false;
	/* word-only frames: other sizes and misaligned accesses RAZ/WI */
	if (size != 4 || (off & 3))
		return false;
	*c = cpu ? cpu->index : 0;
	return *c < g->n_cpus;
}

static uint32_t hyp_read32(const struct gic *g, unsigned c, unsigned off)
{
	const struct gic_cpu_state *s = &g->cpu[c];

	switch (off) {
	case GICH_HCR:
		return s->hcr;
	case GICH_VTR:
		return GICH_VTR_VALUE;
	case GICH_VMCR:
		return s->vmcr;
	case GICH_MISR:
		return gic_misr(g, c);
	case GICH_EISR0:
		return eisr(s);
	case GICH_ELRSR0:
		return elrsr(s);
	case GICH_APR:
		return s->vapr;
	default:
		if (off >= GICH_LR0 && off < GICH_LR0 + 4 * GIC_NR_LR)
			return s->lr[(off - GICH_LR0) / 4];
		/* EISR1/ELRSR1 (four list registers only), absent list
		 * registers and reserved offsets: RAZ */
		return 0;
	}
}

static void hyp_write32(struct gic *g, unsigned c, unsigned off, uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];

	switch (off) {
	case GICH_HCR:
		s->hcr = v & HCR_MASK;
		break;
	case GICH_VMCR:
		s->vmcr = vmcr_clamp(v);
		break;
	case GICH_APR:
		s->vapr = v;
		break;
	default:
		if (off >= GICH_LR0 && off < GICH_LR0 + 4 * GIC_NR_LR)
			s->lr[(off - GICH_LR0) / 4] = v & LR_MASK;
		/* VTR, MISR, EISRn and ELRSRn are read-only */
		break;
	}
	gic_update(g);
}

static bool gich_read(void *opaque, uint64_t off, unsigned size,
		      uint64_t *val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	*val = 0;
	if (!vaccess_ok(g, off, size, GIC_HYP_SIZE, cpu, &c, &ok))
		return ok;
	*val = hyp_read32(g, c, (unsigned)off);
	return true;
}

static bool gich_write(void *opaque, uint64_t off, unsigned size,
		       uint64_t val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	if (!vaccess_ok(g, off, size, GIC_HYP_SIZE, cpu, &c, &ok))
		return ok;
	hyp_write32(g, c, (unsigned)off, (uint32_t)val);
	return true;
}

const struct bus_device_ops gic_hyp_ops = {
	.read = gich_read,
	.write = gich_write,
};

/* ---- GICV: the virtual CPU interface (IHI 0048B 5.4) ---- */

#define GICV_CTLR 0x00
#define GICV_PMR 0x04
#define GICV_BPR 0x08
#define GICV_IAR 0x0c
#define GICV_EOIR 0x10
#define GICV_RPR 0x14
#define GICV_HPPIR 0x18
#define GICV_ABPR 0x1c
#define GICV_AIAR 0x20
#define GICV_AEOIR 0x24
#define GICV_AHPPIR 0x28
#define GICV_APR0 0xd0
#define GICV_IIDR 0xfc
#define GICV_DIR 0x1000

static uint32_t lr_iar_value(uint32_t lr)
{
	/* a software SGI carries its source CPU (IHI 0048B 5.4.1) */
	if (!(lr & LR_HW) && LR_VID(lr) < 16)
		return LR_VID(lr) | (LR_CPUID(lr) << 10);
	return LR_VID(lr);
}

/* GICV_HPPIR / AHPPIR value, with the same Group 1 / AckCtl rules as the
 * physical interface (GICV_CTLR.AckCtl). */
static uint32_t virt_hppi(const struct gic_cpu_state *s, int i, bool alias)
{
	bool grp1;

	if (i < 0)
		return GIC_ID_SPURIOUS;
	grp1 = s->lr[i] & LR_GRP1;
	if (alias && !grp1)
		return GIC_ID_SPURIOUS;
	if (!alias && grp1 && !(s->vmcr & VMCR_ACKCTL))
		return GIC_ID_SPURIOUS_GRP1;
	return lr_iar_value(s->lr[i]);
}

static uint32_t virt_acknowledge(struct gic *g, unsigned c, bool alias,
				 bool peek)
{
	struct gic_cpu_state *s = &g->cpu[c];
	int i = gic_virt_best_lr(g, c);
	uint32_t v;
	uint8_t gp;

	/* with GICH_HCR.En clear the virtual interface signals nothing */
	if (!(s->hcr & HCR_EN))
		return GIC_ID_SPURIOUS;
	v = virt_hppi(s, i, alias);
	if (v >= GIC_ID_SPURIOUS_GRP1 && v <= GIC_ID_SPURIOUS)
		return v;
	if (!virt_signalled(s, i))
		return GIC_ID_SPURIOUS;
	if (peek)
		return v;
	s->lr[i] = (s->lr[i] & ~(3u << LR_STATE_SHIFT)) |
		   (LR_ACTIVE << LR_STATE_SHIFT);
	gp = virt_group_prio(s->vmcr, s->lr[i] & LR_GRP1, LR_PRIO(s->lr[i]));
	s->vapr |= 1u << (gp >> 3);
	gic_update(g);
	return v;
}

/* Deactivate the virtual interrupt `v` names (IHI 0048B 5.4.2): the
 * active list register with that virtual ID (and source CPU for a
 * software SGI) loses its active state; a hardware one deactivates its
 * physical interrupt on this core. With no such list register
 * GICH_HCR.EOICount counts the EOI, if `count` allows. */
static void virt_deactivate(struct gic *g, unsigned c, uint32_t v,
			    bool count)
{
	struct gic_cpu_state *s = &g->cpu[c];
	unsigned id = v & 0x3ff;

	for (unsigned i = 0; i < GIC_NR_LR; i++) {
		uint32_t lr = s->lr[i];

		if (!(LR_STATE(lr) & LR_ACTIVE) || LR_VID(lr) != id)
			continue;
		if (!(lr & LR_HW) && id < 16 &&
		    LR_CPUID(lr) != ((v >> 10) & 7))
			continue;
		s->lr[i] = lr & ~(LR_ACTIVE << LR_STATE_SHIFT);
		/* a physical SGI cannot be hardware-linked
		 * (UNPREDICTABLE): only PPIs and SPIs are deactivated */
		if ((lr & LR_HW) && LR_PID(lr) >= 16)
			gic_deactivate_phys(g, c, LR_PID(lr));
		return;
	}
	if (count) {
		uint32_t n = (s->hcr >> HCR_EOICOUNT_SHIFT) + 1;

		s->hcr = (s->hcr & ~(0x1fu << HCR_EOICOUNT_SHIFT)) |
			 ((n & 0x1f) << HCR_EOICOUNT_SHIFT);
	}
}

/* GICV_EOIR / AEOIR: priority drop (the highest active level of
 * GICH_APR), then deactivation unless GICV_CTLR.EOImode. An EOI that
 * drops no priority does not count in EOICount (IHI 0048B 5.3.2). */
static void virt_eoi(struct gic *g, unsigned c, uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];
	bool dropped = s->vapr != 0;

	if ((v & 0x3ff) >= GIC_MAX_IRQS)
		return; /* spurious IDs: ignored */
	s->vapr &= s->vapr - 1;
	if (!(s->vmcr & VMCR_EOIMODE))
		virt_deactivate(g, c, v, dropped);
}

static uint32_t vcpu_read32(struct gic *g, unsigned c, unsigned off,
			    bool peek)
{
	const struct gic_cpu_state *s = &g->cpu[c];

	switch (off) {
	case GICV_CTLR:
		return s->vmcr & VMCR_CTLR_MASK;
	case GICV_PMR:
		return vm_pmr(s->vmcr);
	case GICV_BPR:
		return vm_bp(s->vmcr);
	case GICV_ABPR:
		return vm_abp(s->vmcr);
	case GICV_IAR:
		return virt_acknowledge(g, c, false, peek);
	case GICV_AIAR:
		return virt_acknowledge(g, c, true, peek);
	case GICV_RPR:
		return gic_running_prio(s->vapr);
	case GICV_HPPIR:
	case GICV_AHPPIR:
		return virt_hppi(s, gic_virt_best_lr(g, c),
				 off == GICV_AHPPIR);
	case GICV_APR0:
		return s->vapr;
	case GICV_IIDR:
		return GICV_IIDR_GIC400;
	default:
		return 0; /* APR1-3, NSAPRn, write-only, reserved */
	}
}

static void vcpu_write32(struct gic *g, unsigned c, unsigned off,
			 uint32_t v)
{
	struct gic_cpu_state *s = &g->cpu[c];

	switch (off) {
	case GICV_CTLR:
		s->vmcr = (s->vmcr & ~VMCR_CTLR_MASK) | (v & VMCR_CTLR_MASK);
		break;
	case GICV_PMR:
		s->vmcr = (s->vmcr & ~(0x1fu << VMCR_PMR_SHIFT)) |
			  (((v >> 3) & 0x1f) << VMCR_PMR_SHIFT);
		break;
	case GICV_BPR:
		s->vmcr = vmcr_clamp((s->vmcr & ~(7u << VMCR_BP_SHIFT)) |
				     ((v & 7) << VMCR_BP_SHIFT));
		break;
	case GICV_ABPR:
		s->vmcr = vmcr_clamp((s->vmcr & ~(7u << VMCR_ABP_SHIFT)) |
				     ((v & 7) << VMCR_ABP_SHIFT));
		break;
	case GICV_EOIR:
	case GICV_AEOIR:
		virt_eoi(g, c, v);
		break;
	case GICV_APR0:
		s->vapr = v;
		break;
	case GICV_DIR:
		/* with EOImode clear, GICV_DIR is UNPREDICTABLE: ignored */
		if (s->vmcr & VMCR_EOIMODE)
			virt_deactivate(g, c, v, true);
		break;
	default:
		break;
	}
	gic_update(g);
}

static bool gicv_read(void *opaque, uint64_t off, unsigned size,
		      uint64_t *val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	*val = 0;
	if (!vaccess_ok(g, off, size, GIC_VCPU_SIZE, cpu, &c, &ok))
		return ok;
	/* a debugger access (no core) must not acknowledge anything */
	*val = vcpu_read32(g, c, (unsigned)off, cpu == NULL);
	return true;
}

static bool gicv_write(void *opaque, uint64_t off, unsigned size,
		       uint64_t val, struct cpu *cpu)
{
	struct gic *g = opaque;
	unsigned c;
	bool ok;

	if (!vaccess_ok(g, off, size, GIC_VCPU_SIZE, cpu, &c, &ok))
		return ok;
	vcpu_write32(g, c, (unsigned)off, (uint32_t)val);
	return true;
}

const struct bus_device_ops gic_vcpu_ops = {
	.read = gicv_read,
	.write = gicv_write,
};

/* ---- reports ---- */

static const char *const lr_state_name[4] = {
	"invalid", "pending", "active", "pending+active",
};

void gic_virt_describe(const struct gic *g, unsigned c, FILE *out)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	uint32_t h = s->hcr, m = s->vmcr;

	fprintf(out,
		"  GICH_HCR %#x (En %u UIE %u LRENPIE %u NPIE %u "
		"VGrp0EIE %u VGrp0DIE %u VGrp1EIE %u VGrp1DIE %u "
		"EOICount %u)\n"
		"  GICH_VMCR %#x (Grp0 %u Grp1 %u AckCtl %u FIQEn %u CBPR %u "
		"EOImode %u BP %u ABP %u PMR %#04x)\n"
		"  GICH_MISR %#x EISR0 %#x ELRSR0 %#x APR %#x "
		"(virtual RPR %#04x)\n",
		h, h & 1, (h >> 1) & 1, (h >> 2) & 1, (h >> 3) & 1,
		(h >> 4) & 1, (h >> 5) & 1, (h >> 6) & 1, (h >> 7) & 1,
		h >> HCR_EOICOUNT_SHIFT, m, m & 1, (m >> 1) & 1, (m >> 2) & 1,
		(m >> 3) & 1, (m >> 4) & 1, (m >> 9) & 1, vm_bp(m), vm_abp(m),
		vm_pmr(m), gic_misr(g, c), eisr(s), elrsr(s), s->vapr,
		gic_running_prio(s->vapr));
	for (unsigned i = 0; i < GIC_NR_LR; i++) {
		uint32_t lr = s->lr[i];

		fprintf(out, "  LR%u %#010x: %s", i, lr,
			lr_state_name[LR_STATE(lr)]);
		if (!LR_STATE(lr) && !(lr & LR_EOI)) {
			fprintf(out, "\n");
			continue;
		}
		fprintf(out, " vID %u group %u priority %#04x", LR_VID(lr),
			!!(lr & LR_GRP1), LR_PRIO(lr));
		if (lr & LR_HW)
			fprintf(out, " HW pID %u\n", LR_PID(lr));
		else
			fprintf(out, " CPUID %u%s\n", LR_CPUID(lr),
				lr & LR_EOI ? " EOI" : "");
	}
}

bool gic_virt_why_not(const struct gic *g, unsigned c, char *buf,
		      size_t len)
{
	const struct gic_cpu_state *s = &g->cpu[c];
	int i = gic_virt_best_lr(g, c), any = -1;
	uint32_t lr;
	uint8_t gp;

	if (!len)
		return false;
	buf[0] = 0;
	for (unsigned k = 0; k < GIC_NR_LR; k++)
		if (LR_STATE(s->lr[k]) == LR_PENDING) {
			any = (int)k;
			break;
		}
	if (any < 0)
		return false;
	if (i < 0) {
		lr = s->lr[any];
		snprintf(buf, len,
			 "virtual %u (LR%d) pending but group %u disabled "
			 "in GICV_CTLR (GICH_VMCR %#x)",
			 LR_VID(lr), any, !!(lr & LR_GRP1), s->vmcr);
		return true;
	}
	lr = s->lr[i];
	gp = virt_group_prio(s->vmcr, lr & LR_GRP1, LR_PRIO(lr));
	if (!(s->hcr & HCR_EN))
		snprintf(buf, len,
			 "virtual %u (LR%d) pending but GICH_HCR.En is "
			 "clear",
			 LR_VID(lr), i);
	else if (LR_PRIO(lr) >= vm_pmr(s->vmcr))
		snprintf(buf, len,
			 "virtual %u (LR%d, priority %#04x) masked by "
			 "GICV_PMR %#04x (GICH_VMCR.VMPriMask)",
			 LR_VID(lr), i, LR_PRIO(lr), vm_pmr(s->vmcr));
	else if (gp >= gic_running_prio(s->vapr))
		snprintf(buf, len,
			 "virtual %u (LR%d) does not preempt: group "
			 "priority %#04x, virtual running priority %#04x "
			 "(GICH_APR %#x)",
			 LR_VID(lr), i, gp, gic_running_prio(s->vapr),
			 s->vapr);
	else
		snprintf(buf, len, "virtual %u (LR%d) is signalled as %s",
			 LR_VID(lr), i,
			 !(lr & LR_GRP1) && (s->vmcr & VMCR_FIQEN) ? "VFIQ"
								  : "VIRQ");
	return true;
}
