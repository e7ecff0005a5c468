/* Reports for debuggers (debug.h): the HYP state decoded, the core
 * registers, the system registers. Names and values come from the
 * register tables (regmap.h, sysreg.h); the field names are the manual's.
 */
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/regmap.h"
#include "gdbstub/debug.h"
#include "sim/machine.h"
#include "sim/virt.h"

void dbg_core_name(const struct cpu *cpu, char *buf, size_t len)
{
	snprintf(buf, len, "core %u %s cluster %u", cpu->index,
		 cpu->model ? cpu->model->name : "?", cpu->cluster);
}

/* Print the names of the set bits among `bits` (name per bit). */
static void print_flags(FILE *out, uint32_t v, const char *const names[32])
{
	bool any = false;
	for (unsigned b = 0; b < 32; b++) {
		if (names[b] && (v & (1u << b))) {
			fprintf(out, "%s%s", any ? " " : "", names[b]);
			any = true;
		}
	}
	if (!any)
		fputs("-", out);
}

/* HCR fields, B4.1.65. BSU (bits 11:10) is printed apart. */
static const char *const hcr_bits[32] = {
	[0] = "VM", [1] = "SWIO", [2] = "PTW", [3] = "FMO", [4] = "IMO",
	[5] = "AMO", [6] = "VF", [7] = "VI", [8] = "VA", [9] = "FB",
	[12] = "DC", [13] = "TWI", [14] = "TWE", [15] = "TID0",
	[16] = "TID1", [17] = "TID2", [18] = "TID3", [19] = "TSC",
	[20] = "TIDCP", [21] = "TAC", [22] = "TSW", [23] = "TPC",
	[24] = "TPU", [25] = "TTLB", [26] = "TVM", [27] = "TGE",
};

/* HSCTLR fields that are not RES1/RES0, B4.1.66. */
static const char *const hsctlr_bits[32] = {
	[0] = "M", [1] = "A", [2] = "C", [12] = "I", [19] = "WXN",
	[21] = "FI", [25] = "EE", [30] = "TE",
};

static const char *const psr_bits[32] = {
	[31] = "N", [30] = "Z", [29] = "C", [28] = "V", [27] = "Q",
	[24] = "J", [9] = "E", [8] = "A", [7] = "I", [6] = "F", [5] = "T",
};

/* HSR.EC, B3.13.6 "Use of the HSR", Table B3-27. */
static const char *hsr_ec_name(unsigned ec)
{
	switch (ec) {
	case 0x00: return "unknown reason";
	case 0x01: return "WFI or WFE";
	case 0x03: return "MCR/MRC to CP15";
	case 0x04: return "MCRR/MRRC to CP15";
	case 0x05: return "MCR/MRC to CP14";
	case 0x06: return "LDC/STC to CP14";
	case 0x07: return "HCPTR-trapped access to CP0-CP13";
	case 0x08: return "MRC/VMRS to CP10 (ID registers)";
	case 0x09: return "BXJ";
	case 0x0a: return "Jazelle";
	case 0x0c: return "MRRC to CP14";
	case 0x11: return "SVC in Hyp mode";
	case 0x12: return "HVC";
	case 0x13: return "SMC";
	case 0x20: return "Prefetch Abort from a lower level";
	case 0x21: return "Prefetch Abort in Hyp mode";
	case 0x24: return "Data Abort from a lower level";
	case 0x25: return "Data Abort in Hyp mode";
	default: return "reserved";
	}
}

static void print_hsr_iss(FILE *out, uint32_t hsr)
{
	unsigned ec = hsr >> 26;
	uint32_t iss = hsr & 0x1ffffffu;
	switch (ec) {
	case 0x12: case 0x13: case 0x11:
		fprintf(out, " imm16=0x%04x", iss & 0xffffu);
		break;
	case 0x24: case 0x25: case 0x20: case 0x21:
		/* B3.13.6: ISS of aborts. ISV/SAS/SSE/SRT only for data
		 * aborts with a valid syndrome. */
		if (ec >= 0x24) {
			if (iss & (1u << 24))
				fprintf(out, " ISV SAS=%u SSE=%u SRT=r%u",
					(iss >> 22) & 3u, (iss >> 21) & 1u,
					(iss >> 16) & 15u);
			fprintf(out, " %s%s%s", (iss & (1u << 6)) ? "WnR=write" : "WnR=read",
				(iss & (1u << 7)) ? " S1PTW" : "",
				(iss & (1u << 9)) ? " EA" : "");
			fprintf(out, " DFSC=0x%02x", iss & 0x3fu);
		} else {
			fprintf(out, " IFSC=0x%02x", iss & 0x3fu);
		}
		break;
	case 0x03: case 0x05:
		/* MCR/MRC: Opc2, Opc1, CRn, Rt, CRm, Direction. */
		fprintf(out, " %s p%u, %u, r%u, c%u, c%u, %u",
			(iss & 1u) ? "MRC" : "MCR", ec == 0x03 ? 15 : 14,
			(iss >> 14) & 7u, (iss >> 5) & 15u, (iss >> 10) & 15u,
			(iss >> 1) & 15u, (iss >> 17) & 7u);
		break;
	case 0x04: case 0x0c:
		fprintf(out, " %s p%u, %u, r%u, r%u, c%u",
			(iss & 1u) ? "MRRC" : "MCRR", ec == 0x04 ? 15 : 14,
			(iss >> 16) & 15u, (iss >> 5) & 15u, (iss >> 10) & 15u,
			(iss >> 1) & 15u);
		break;
	case 0x01:
		fprintf(out, " %s", (iss & 1u) ? "WFE" : "WFI");
		break;
	default:
		break;
	}
	if (ec != 0x00 && (hsr & (1u << 25)) == 0)
		fputs(" (16-bit instruction)", out);
}

static bool get(struct cpu *cpu, const char *name, uint64_t *v)
{
	if (dbg_sysreg_value(cpu, name, v))
		return true;
	*v = 0;
	return false;
}

static void line32(FILE *out, const char *name, struct cpu *cpu, uint64_t *v)
{
	if (get(cpu, name, v))
		fprintf(out, "%-9s 0x%08" PRIx64, name, *v);
	else
		fprintf(out, "%-9s (not in this core's table)", name);
}

void dbg_print_hyp(struct cpu *cpu, FILE *out)
{
	uint64_t v;
	char name[64];
	dbg_core_name(cpu, name, sizeof name);
	fprintf(out, "%s: mode %s, %s\n", name, regmap_mode_name(cpu_mode(cpu)),
		cpu_is_secure(cpu) ? "Secure" : "Non-secure");

	line32(out, "HCR", cpu, &v);
	fputs("  ", out);
	print_flags(out, (uint32_t)v, hcr_bits);
	fprintf(out, " BSU=%u\n", (unsigned)(v >> 10) & 3u);

	line32(out, "HSCTLR", cpu, &v);
	fputs("  ", out);
	print_flags(out, (uint32_t)v, hsctlr_bits);
	fprintf(out, " (MMU %s, I-cache %s)\n", (v & 1u) ? "on" : "off",
		(v & (1u << 12)) ? "on" : "off");

	line32(out, "HVBAR", cpu, &v);
	fputc('\n', out);

	line32(out, "HSR", cpu, &v);
	fprintf(out, "  EC=0x%02x %s IL=%u", (unsigned)(v >> 26),
		hsr_ec_name((unsigned)(v >> 26)), (unsigned)(v >> 25) & 1u);
	print_hsr_iss(out, (uint32_t)v);
	fputc('\n', out);

	fprintf(out, "%-9s 0x%08x\n", "ELR_hyp", regmap_read(cpu, REG_ELR_HYP));
	uint32_t spsr = regmap_read(cpu, REG_SPSR_HYP);
	fprintf(out, "%-9s 0x%08x  mode %s ", "SPSR_hyp", spsr,
		regmap_mode_name(spsr & CPSR_M_MASK));
	print_flags(out, spsr, psr_bits);
	fputc('\n', out);

	if (get(cpu, "HTTBR", &v))
		fprintf(out, "%-9s 0x%016" PRIx64 "  BADDR=0x%010" PRIx64 "\n",
			"HTTBR", v, v & UINT64_C(0xfffffffff0));
	if (get(cpu, "VTTBR", &v))
		fprintf(out, "%-9s 0x%016" PRIx64 "  VMID=%u BADDR=0x%010" PRIx64
			"\n", "VTTBR", v, (unsigned)(v >> 48) & 0xffu,
			v & UINT64_C(0xfffffffff0));
	if (get(cpu, "HTCR", &v))
		fprintf(out, "%-9s 0x%08" PRIx64 "  T0SZ=%u\n", "HTCR", v,
			(unsigned)v & 7u);
	if (get(cpu, "VTCR", &v))
		fprintf(out, "%-9s 0x%08" PRIx64 "  T0SZ=%u S=%u SL0=%u\n", "VTCR",
			v, (unsigned)v & 15u, (unsigned)(v >> 4) & 1u,
			(unsigned)(v >> 6) & 3u);
	static const char *const more[] = {"HDFAR", "HIFAR", "HPFAR", "HCPTR",
					   "HSTR", "HDCR"};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (get(cpu, more[i], &v))
			fprintf(out, "%-9s 0x%08" PRIx64 "\n", more[i], v);
}

void dbg_print_regs(struct cpu *cpu, FILE *out)
{
	char name[64];
	dbg_core_name(cpu, name, sizeof name);
	uint32_t cpsr = cpu->cpsr;
	fprintf(out, "%s  mode %s%s  icount %" PRIu64 "\n", name,
		regmap_mode_name(cpsr & CPSR_M_MASK), cpu_thumb(cpu) ? " (Thumb)" : "",
		cpu->icount);
	/* The current view, four to a line, then CPSR. */
	for (unsigned id = REG_R0; id <= REG_PC; id++)
		fprintf(out, "%-4s 0x%08x%s", regmap_get(id)->name,
			regmap_read(cpu, id), id % 4 == 3 ? "\n" : "   ");
	fprintf(out, "CPSR 0x%08x  ", cpsr);
	print_flags(out, cpsr, psr_bits);
	fputc('\n', out);
	/* Every banked copy, one line per bank (B1.3.2, Figure B1-2). */
	static const char *const bank_names[BANK_COUNT] = {
		[BANK_USR] = "usr", [BANK_FIQ] = "fiq", [BANK_IRQ] = "irq",
		[BANK_SVC] = "svc", [BANK_ABT] = "abt", [BANK_UND] = "und",
		[BANK_MON] = "mon", [BANK_HYP] = "hyp",
	};
	for (unsigned b = 0; b < BANK_COUNT; b++) {
		fprintf(out, "%-4s", bank_names[b]);
		for (unsigned id = 0; id < REGMAP_COUNT; id++) {
			const struct regmap_entry *e = regmap_get(id);
			if (e->group == REGMAP_GROUP_BANKED && e->bank == b)
				fprintf(out, " %s 0x%08x", e->name,
					regmap_read(cpu, id));
		}
		fputc('\n', out);
	}
	fputs("-- HYP --\n", out);
	dbg_print_hyp(cpu, out);
}

static void print_one_sysreg(struct cpu *cpu, const struct sysreg *r,
			     FILE *out, bool verbose)
{
	const struct sysreg_encoding *e = &r->enc;
	char enc[40];
	if (e->is64)
		snprintf(enc, sizeof enc, "p%u, %u, c%u", e->coproc, e->opc1,
			 e->crm);
	else
		snprintf(enc, sizeof enc, "p%u, %u, c%u, c%u, %u", e->coproc,
			 e->opc1, e->crn, e->crm, e->opc2);
	uint64_t v;
	if (r->access & SR_BANKED) {
		uint64_t s = 0, ns = 0;
		bool ok_s = sysreg_peek(cpu, r, 0, &s);
		bool ok_ns = sysreg_peek(cpu, r, 1, &ns);
		fprintf(out, "%-12s %-22s", r->name, enc);
		if (ok_ns)
			fprintf(out, " NS 0x%0*" PRIx64, r->width / 4, ns);
		if (ok_s)
			fprintf(out, "  S 0x%0*" PRIx64, r->width / 4, s);
	} else if (sysreg_peek(cpu, r, cpu_cp15_bank(cpu), &v)) {
		fprintf(out, "%-12s %-22s 0x%0*" PRIx64, r->name, enc, r->width / 4,
			v);
	} else {
		fprintf(out, "%-12s %-22s (write-only)", r->name, enc);
	}
	fputc('\n', out);
	if (verbose && r->description)
		fprintf(out, "  %s\n", r->description);
}

bool dbg_print_sysregs(struct cpu *cpu, const char *name, FILE *out)
{
	if (name) {
		size_t n = sysreg_count();
		bool found = false;
		for (unsigned id = 0; id < n; id++) {
			const struct sysreg *r = sysreg_by_id(id);
			if (r && strcasecmp(r->name, name) == 0 &&
			    sysreg_in_model(r, cpu->model)) {
				print_one_sysreg(cpu, r, out, true);
				found = true;
			}
		}
		return found;
	}
	size_t n = sysreg_count();
	for (unsigned id = 0; id < n; id++) {
		const struct sysreg *r = sysreg_by_id(id);
		if (!r || (r->access & (SR_OPERATION | SR_NO_GDB | SR_ALIAS)) ||
		    !sysreg_in_model(r, cpu->model))
			continue;
		print_one_sysreg(cpu, r, out, false);
	}
	return true;
}

void dbg_print_gic(struct machine *m, unsigned core, FILE *out)
{
	if (!m->virt) {
		fputs("no interrupt controller on this board\n", out);
		return;
	}
	if (core >= m->n_cpus) {
		fprintf(out, "no core %u (0-%u)\n", core, m->n_cpus - 1);
		return;
	}
	fprintf(out, "GIC, core %u:\n", core);
	gic_describe(&m->virt->gic, core, out);
	char why[512];
	if (gic_why_not_delivered(&m->virt->gic, core, why, sizeof why))
		fprintf(out, "pending: %s\n", why);
	else
		fputs("pending: nothing\n", out);
}
