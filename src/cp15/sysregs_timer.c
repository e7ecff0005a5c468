/* Generic Timer registers, ARM DDI 0406C chapter B8 and B4.1.21-B4.1.35
 * (CNTFRQ … CNTV_TVAL). The counter runs on the machine's virtual time
 * (src/timing/timing.h): CNTPCT is the core's time on the machine clock
 * at the system counter frequency cpu->cp15.counter_hz (a core outside a
 * machine counts its own instructions, VIRTUAL_NS_PER_INSN ns each). Each
 * timer drives cpu->timer_out[] (cp15_timer_update), which the board wires
 * to the interrupt controller, and schedules the event at which its count
 * reaches its compare value. */
#include "cp15/sysreg_internal.h"

#define CNT_ENABLE (1u << 0)
#define CNT_IMASK (1u << 1)
#define CNT_ISTATUS (1u << 2)

/* CNTKCTL (B4.1.26) PL0 access controls. */
#define CNTKCTL_PL0PCTEN (1u << 0)
#define CNTKCTL_PL0VCTEN (1u << 1)
#define CNTKCTL_PL0VTEN (1u << 8)
#define CNTKCTL_PL0PTEN (1u << 9)

uint64_t cp15_cntpct(const struct cpu *cpu)
{
	/* The system counter runs on the machine's clock (timing.h), the
	 * same for every core; a core outside a machine counts its own
	 * instructions at one per VIRTUAL_NS_PER_INSN ns. */
	if (cpu->clock)
		return timing_to_count(cpu->clock, cpu_time(cpu),
				       cpu->cp15.counter_hz);
	unsigned __int128 ns =
		(unsigned __int128)cpu->icount * VIRTUAL_NS_PER_INSN;
	return (uint64_t)(ns * cpu->cp15.counter_hz / 1000000000u);
}

uint64_t cp15_cntvct(const struct cpu *cpu)
{
	return cp15_cntpct(cpu) - cpu->cp15.cntvoff;
}

static void timer_state(const struct cpu *cpu, enum cp15_timer t,
			uint32_t *ctl, uint64_t *cval, uint64_t *count)
{
	const struct cp15 *c = &cpu->cp15;
	switch (t) {
	case CP15_TIMER_PHYS_S:
	case CP15_TIMER_PHYS_NS:
		*ctl = c->cntp_ctl[t == CP15_TIMER_PHYS_NS];
		*cval = c->cntp_cval[t == CP15_TIMER_PHYS_NS];
		*count = cp15_cntpct(cpu);
		break;
	case CP15_TIMER_VIRT:
		*ctl = c->cntv_ctl;
		*cval = c->cntv_cval;
		*count = cp15_cntvct(cpu);
		break;
	default:
		*ctl = c->cnthp_ctl;
		*cval = c->cnthp_cval;
		*count = cp15_cntpct(cpu);
		break;
	}
}

/* B8.1.? "Timer condition": enabled and CNTxCT - CVAL >= 0, compared as
 * unsigned 64-bit values. */
bool cp15_timer_istatus(const struct cpu *cpu, enum cp15_timer t)
{
	uint32_t ctl;
	uint64_t cval, count;
	timer_state(cpu, t, &ctl, &cval, &count);
	return (ctl & CNT_ENABLE) && count >= cval;
}

bool cp15_timer_irq(const struct cpu *cpu, enum cp15_timer t)
{
	uint32_t ctl;
	uint64_t cval, count;
	timer_state(cpu, t, &ctl, &cval, &count);
	return (ctl & CNT_ENABLE) && !(ctl & CNT_IMASK) && count >= cval;
}

static void timer_event_fire(void *opaque, uint64_t now)
{
	(void)now;
	cp15_timer_update(opaque);
}

/* Machine time at which timer t's count first reaches its CVAL, or
 * TIMING_NEVER. The virtual count is CNTPCT - CNTVOFF modulo 2^64 (B8.1.1),
 * so it reaches CVAL when CNTPCT reaches CVAL + CNTVOFF modulo 2^64 — a
 * virtual count ahead of the physical one (CNTVOFF "negative") wraps the
 * sum. Called only while the condition is false: a time not after the
 * core's own would mean the counter has to wrap around 2^64 first. */
static uint64_t timer_deadline(const struct cpu *cpu, enum cp15_timer t,
			       uint64_t cval)
{
	uint64_t pct = cval;
	if (t == CP15_TIMER_VIRT)
		pct = cval + cpu->cp15.cntvoff;
	uint64_t when = timing_from_count(cpu->clock, pct,
					  cpu->cp15.counter_hz);
	return when <= cpu_time(cpu) ? TIMING_NEVER : when;
}

/* B8.1.? "Timer output": each timer drives its interrupt line (the GIC
 * PPI the board wires it to) at ISTATUS AND NOT IMASK, a level. Called
 * whenever a control, compare value or offset changes and when the
 * count reaches a compare value (the event scheduled here). */
void cp15_timer_update(struct cpu *cpu)
{
	for (unsigned t = 0; t < CPU_TIMERS; t++) {
		uint32_t ctl;
		uint64_t cval, count;
		timer_state(cpu, t, &ctl, &cval, &count);
		bool level = (ctl & CNT_ENABLE) && !(ctl & CNT_IMASK) &&
			     count >= cval;
		irq_line_set(&cpu->timer_out[t], level);
		if (!cpu->clock)
			continue;
		struct timing_event *ev = &cpu->timer_ev[t];
		uint64_t when = TIMING_NEVER;
		if ((ctl & CNT_ENABLE) && !(ctl & CNT_IMASK) && !level)
			when = timer_deadline(cpu, t, cval);
		if (when == TIMING_NEVER) {
			timing_cancel(cpu->clock, ev);
			continue;
		}
		ev->fire = timer_event_fire;
		ev->opaque = cpu;
		ev->name = "generic timer";
		if (!ev->scheduled || ev->when != when)
			timing_schedule(cpu->clock, ev, when);
	}
}

/* Which timer an entry belongs to: CRm c2 / MCRR opc1 2 the PL1 physical
 * timer (banked), c3 / opc1 3 the virtual timer, opc1 4 (32-bit) or 6
 * (64-bit) the Hyp timer. */
static enum cp15_timer entry_timer(const struct cpu *cpu,
				   const struct sysreg *r)
{
	unsigned sel = r->enc.is64 ? r->enc.opc1 : r->enc.crm;
	if ((!r->enc.is64 && r->enc.opc1 == 4) || (r->enc.is64 && sel == 6))
		return CP15_TIMER_HYP;
	if (sel == 3)
		return CP15_TIMER_VIRT;
	return sr_bank(cpu) ? CP15_TIMER_PHYS_NS : CP15_TIMER_PHYS_S;
}

static uint32_t *ctl_field(struct cpu *cpu, enum cp15_timer t)
{
	switch (t) {
	case CP15_TIMER_PHYS_S: return &cpu->cp15.cntp_ctl[0];
	case CP15_TIMER_PHYS_NS: return &cpu->cp15.cntp_ctl[1];
	case CP15_TIMER_VIRT: return &cpu->cp15.cntv_ctl;
	default: return &cpu->cp15.cnthp_ctl;
	}
}

static uint64_t *cval_field(struct cpu *cpu, enum cp15_timer t)
{
	switch (t) {
	case CP15_TIMER_PHYS_S: return &cpu->cp15.cntp_cval[0];
	case CP15_TIMER_PHYS_NS: return &cpu->cp15.cntp_cval[1];
	case CP15_TIMER_VIRT: return &cpu->cp15.cntv_cval;
	default: return &cpu->cp15.cnthp_cval;
	}
}

static uint64_t timer_count(const struct cpu *cpu, enum cp15_timer t)
{
	return t == CP15_TIMER_VIRT ? cp15_cntvct(cpu) : cp15_cntpct(cpu);
}

/* CNTx_CTL (B4.1.24 …): ENABLE and IMASK are read/write, ISTATUS is
 * read-only and computed. */
static struct sysreg_result read_ctl(struct cpu *cpu, const struct sysreg *r,
				     uint64_t *v)
{
	enum cp15_timer t = entry_timer(cpu, r);
	uint32_t ctl = *ctl_field(cpu, t) & (CNT_ENABLE | CNT_IMASK);
	if (cp15_timer_istatus(cpu, t))
		ctl |= CNT_ISTATUS;
	*v = ctl;
	return sr_ok();
}

static struct sysreg_result write_ctl(struct cpu *cpu, const struct sysreg *r,
				      uint64_t v)
{
	*ctl_field(cpu, entry_timer(cpu, r)) =
		(uint32_t)v & (CNT_ENABLE | CNT_IMASK);
	cp15_timer_update(cpu);
	return sr_ok();
}

/* CNTx_TVAL (B8.1.?): a signed 32-bit view of CVAL - count; writing sets
 * CVAL = count + SignExtend(value). */
static struct sysreg_result read_tval(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	enum cp15_timer t = entry_timer(cpu, r);
	*v = (uint32_t)(*cval_field(cpu, t) - timer_count(cpu, t));
	return sr_ok();
}

static struct sysreg_result write_tval(struct cpu *cpu, const struct sysreg *r,
				       uint64_t v)
{
	enum cp15_timer t = entry_timer(cpu, r);
	*cval_field(cpu, t) =
		timer_count(cpu, t) + (uint64_t)(int64_t)(int32_t)(uint32_t)v;
	cp15_timer_update(cpu);
	return sr_ok();
}

static struct sysreg_result read_cval(struct cpu *cpu, const struct sysreg *r,
				      uint64_t *v)
{
	*v = *cval_field(cpu, entry_timer(cpu, r));
	return sr_ok();
}

static struct sysreg_result write_cval(struct cpu *cpu, const struct sysreg *r,
				       uint64_t v)
{
	*cval_field(cpu, entry_timer(cpu, r)) = v;
	cp15_timer_update(cpu);
	return sr_ok();
}

/* CNTVOFF moves the virtual count, and with it when the virtual timer
 * fires. */
static struct sysreg_result write_cntvoff(struct cpu *cpu,
					  const struct sysreg *r, uint64_t v)
{
	(void)r;
	cpu->cp15.cntvoff = v;
	cp15_timer_update(cpu);
	return sr_ok();
}

static struct sysreg_result read_cntpct(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	(void)r;
	*v = cp15_cntpct(cpu);
	return sr_ok();
}

static struct sysreg_result read_cntvct(struct cpu *cpu, const struct sysreg *r,
					uint64_t *v)
{
	(void)r;
	*v = cp15_cntvct(cpu);
	return sr_ok();
}

/* ---- PL0 access (B8.1.? and CNTKCTL, B4.1.26) ---- */
static bool pl0_allowed(const struct cpu *cpu, uint32_t bits)
{
	return cpu_mode(cpu) != MODE_USR || (cpu->cp15.cntkctl & bits) != 0;
}

/* CNTFRQ (B4.1.21): readable at PL0 when CNTKCTL.PL0PCTEN or PL0VCTEN is
 * set; writable only at the highest implemented PL, which with the
 * Security Extensions is Secure PL1: writes from Hyp mode and Non-secure
 * PL1 are UNDEFINED. */
static bool check_cntfrq(const struct cpu *cpu, const struct sysreg *r,
			 bool is_read)
{
	(void)r;
	if (!is_read)
		return cpu_is_secure(cpu) && cpu_mode(cpu) != MODE_USR;
	return pl0_allowed(cpu, CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN);
}

static bool check_pct(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read)
{
	(void)r;
	(void)is_read;
	return pl0_allowed(cpu, CNTKCTL_PL0PCTEN);
}

static bool check_vct(const struct cpu *cpu, const struct sysreg *r,
		      bool is_read)
{
	(void)r;
	(void)is_read;
	return pl0_allowed(cpu, CNTKCTL_PL0VCTEN);
}

static bool check_ptimer(const struct cpu *cpu, const struct sysreg *r,
			 bool is_read)
{
	(void)r;
	(void)is_read;
	return pl0_allowed(cpu, CNTKCTL_PL0PTEN);
}

static bool check_vtimer(const struct cpu *cpu, const struct sysreg *r,
			 bool is_read)
{
	(void)r;
	(void)is_read;
	return pl0_allowed(cpu, CNTKCTL_PL0VTEN);
}

#define PL0_TIMER (A_PL0_RW)

const struct sysreg sysregs_timer[] = {
	{.name = "CNTFRQ", CP15(0, 14, 0, 0), .access = A_PL0_R | SR_PL1_W,
	 FLD(cntfrq), .check = check_cntfrq,
	 .description = "Counter Frequency"},
	{.name = "CNTKCTL", CP15(0, 14, 1, 0), .access = A_PL1_RW,
	 FLD(cntkctl), .res0 = ~0x3ffull,
	 .description = "Timer PL1 Control"},
	{.name = "CNTP_TVAL", CP15(0, 14, 2, 0),
	 .access = PL0_TIMER | SR_BANKED | SR_NO_GDB,
	 .traps = TRAP_CNTHCTL_PC, NOFLD, .read = read_tval,
	 .write = write_tval, .check = check_ptimer,
	 .description = "PL1 Physical TimerValue"},
	{.name = "CNTP_CTL", CP15(0, 14, 2, 1), .access = PL0_TIMER | SR_BANKED,
	 .traps = TRAP_CNTHCTL_PC, FLD(cntp_ctl), .read = read_ctl,
	 .write = write_ctl, .check = check_ptimer,
	 .description = "PL1 Physical Timer Control"},
	{.name = "CNTV_TVAL", CP15(0, 14, 3, 0),
	 .access = PL0_TIMER | SR_NO_GDB, NOFLD, .read = read_tval,
	 .write = write_tval, .check = check_vtimer,
	 .description = "Virtual TimerValue"},
	{.name = "CNTV_CTL", CP15(0, 14, 3, 1), .access = PL0_TIMER,
	 FLD(cntv_ctl), .read = read_ctl, .write = write_ctl,
	 .check = check_vtimer, .description = "Virtual Timer Control"},
	{.name = "CNTPCT", CP15_64(0, 14), .access = A_PL0_R | SR_NO_GDB,
	 .traps = TRAP_CNTHCTL_PCT, NOFLD, .read = read_cntpct,
	 .check = check_pct, .description = "Physical Count"},
	{.name = "CNTVCT", CP15_64(1, 14), .access = A_PL0_R | SR_NO_GDB,
	 NOFLD, .read = read_cntvct, .check = check_vct,
	 .description = "Virtual Count"},
	{.name = "CNTP_CVAL", CP15_64(2, 14), .access = PL0_TIMER | SR_BANKED,
	 .traps = TRAP_CNTHCTL_PC, FLD(cntp_cval), .read = read_cval,
	 .write = write_cval, .check = check_ptimer,
	 .description = "PL1 Physical Timer CompareValue"},
	{.name = "CNTV_CVAL", CP15_64(3, 14), .access = PL0_TIMER,
	 FLD(cntv_cval), .read = read_cval, .write = write_cval,
	 .check = check_vtimer, .description = "Virtual Timer CompareValue"},
	{.name = "CNTVOFF", CP15_64(4, 14), .access = A_PL2_RW, FLD(cntvoff),
	 .write = write_cntvoff,
	 .description = "Virtual Offset"},
	/* CNTHCTL (B4.1.26): PL1PCTEN and PL1PCEN reset to 1 in ARMv7, so
	 * Non-secure PL1 sees the physical counter and timer until a
	 * hypervisor takes them away. */
	{.name = "CNTHCTL", CP15(4, 14, 1, 0), .access = A_PL2_RW,
	 FLD(cnthctl), .reset = 3, .res0 = ~0xffull,
	 .description = "Timer PL2 Control"},
	{.name = "CNTHP_TVAL", CP15(4, 14, 2, 0),
	 .access = A_PL2_RW | SR_NO_GDB, NOFLD, .read = read_tval,
	 .write = write_tval, .description = "PL2 Physical TimerValue"},
	{.name = "CNTHP_CTL", CP15(4, 14, 2, 1), .access = A_PL2_RW,
	 FLD(cnthp_ctl), .read = read_ctl, .write = write_ctl,
	 .description = "PL2 Physical Timer Control"},
	{.name = "CNTHP_CVAL", CP15_64(6, 14), .access = A_PL2_RW,
	 FLD(cnthp_cval), .read = read_cval, .write = write_cval,
	 .description = "PL2 Physical Timer CompareValue"},
};
const size_t sysregs_timer_count =
	sizeof sysregs_timer / sizeof sysregs_timer[0];
