/* `hypsim trace import-qemu`: a log of
 *     qemu-system-arm … -d exec,cpu,nochain -singlestep -D LOG
 * turned into a hypsim trace, so `trace diff --align pc` can compare the
 * two simulators.
 *
 * QEMU 7.2 writes, for each translation block it runs, a line
 *     Trace <cpu>: <host ptr> [<cs_base>/<pc>/<flags>/<cflags>] <symbol>
 * followed by the registers as they are before the block:
 *     R00=… R01=… R02=… R03=…   (four lines, R00-R15)
 *     PSR=<cpsr> NZCV A|T <mode>32
 * With -singlestep a block is one instruction (cflags' instruction count
 * is 1), and with nochain every block is logged (no direct jumps between
 * translated blocks that would skip the Trace line); both are checked.
 *
 * So the state after instruction n is the dump before instruction n+1 of
 * the same core; the last instruction of each core has no state after it
 * (its record is marked TREC_F_NO_POST).
 *
 * With -d int QEMU also writes, after the block that took it,
 *     Taking exception <n> [<name>] on CPU <c>
 *     ...from EL<x> to EL<y>
 *     ...with ESR 0x<ec>/0x<syndrome>
 *     ...with DFSR 0x… DFAR 0x…   (aborts taken to Abort mode)
 * which become exception events: the kind from the name, the modes from
 * the dumps before and after, the vector from the next block's PC, the
 * syndrome (HSR) when it is taken to Hyp mode (hypsim's events carry one
 * only then). A synchronous exception belongs to the instruction before
 * it; an interrupt (IRQ, FIQ, their virtual forms, a virtual abort) is a
 * record of its own between instructions, as hypsim records it, and the
 * instruction before it has no state of its own after it (the next dump
 * already shows the entry). Semihosting calls and PSCI calls QEMU
 * handles itself are not exceptions (nor are they in hypsim).
 * With -d in_asm the log has the encodings QEMU fetched from memory
 * ("0x<pc>:  <hex> …" lines); they are used for instructions --elf does
 * not cover (code copied or written at run time), and an instruction
 * whose encoding neither gives is "encoding unknown", never a fetch that
 * aborted.
 *
 * What the log cannot give, and the header's `absent` mask records (trace
 * diff ignores these when either side lacks them):
 *   - memory accesses (TRACE_ABSENT_MEM);
 *   - events (TRACE_ABSENT_EVENTS) without -d int; with it, system-
 *     register writes (TRACE_ABSENT_SYSREGS), cache and TLB maintenance
 *     (TRACE_ABSENT_MAINT), and the return and fault addresses of the
 *     exceptions (TRACE_ABSENT_EXC_DETAIL: ELR_hyp is not in the dump);
 *   - the banked copies (R8_fiq, SP_svc, SPSR_*, ELR_hyp…): the dump is the
 *     current mode's view (TRACE_ABSENT_BANKED);
 *   - system registers (TRACE_ABSENT_SYSREGS);
 *   - instruction encodings (TRACE_ABSENT_ENCODING), unless --elf names
 *     the image: then they are read from its loadable segments at the
 *     block's PC (right unless the code was modified at run time);
 *   - the instruction count: a block's icount is its position in that
 *     core's log, which matches hypsim's when both start at the same
 *     instruction (QEMU logs no block for an exception entry, hypsim's
 *     interrupt entries do not count either). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "hyp/exception.h"
#include "trace/sink.h"
#include "trace/tools.h"
#include "trace/view.h"

/* QEMU 7.2 include/exec/exec-all.h: CF_COUNT_MASK and CF_NO_GOTO_TB. */
#define QEMU_CF_COUNT_MASK 0x1ffu
#define QEMU_CF_NO_GOTO_TB 0x200u

#define IMPORT_MAX_CORES 64

/* ---- image: encodings from an ELF's loadable segments ---- */

struct seg {
	uint32_t vaddr, filesz;
	const uint8_t *data;
};

struct image {
	uint8_t *file;
	size_t size;
	struct seg segs[32];
	unsigned n_segs;
	struct trace_symbol *syms; /* names point into `file`… copied later */
	size_t n_syms;
};

static uint32_t rd32(const uint8_t *p)
{
	return trace_get_u32(p);
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The function and label symbols of the ELF's .symtab, for `trace show`
 * (ARM mapping symbols $a/$t/$d are left out; a Thumb function's address
 * loses its bit 0). Best effort: a malformed table gives no symbols. */
static void image_symbols(struct image *im)
{
	const uint8_t *e = im->file;
	uint32_t shoff = rd32(e + 32);
	unsigned shentsize = rd16(e + 46), shnum = rd16(e + 48);
	if (shentsize < 40 || (uint64_t)shoff + (uint64_t)shnum * shentsize > im->size)
		return;
	for (unsigned i = 0; i < shnum; i++) {
		const uint8_t *sh = e + shoff + (size_t)i * shentsize;
		if (rd32(sh + 4) != 2 /* SHT_SYMTAB */)
			continue;
		uint32_t off = rd32(sh + 16), size = rd32(sh + 20), link = rd32(sh + 24);
		if (link >= shnum || (uint64_t)off + size > im->size)
			return;
		const uint8_t *strh = e + shoff + (size_t)link * shentsize;
		uint32_t stroff = rd32(strh + 16), strsize = rd32(strh + 20);
		if ((uint64_t)stroff + strsize > im->size)
			return;
		size_t n = size / 16;
		im->syms = calloc(n ? n : 1, sizeof(*im->syms));
		if (!im->syms)
			return;
		for (size_t k = 0; k < n; k++) {
			const uint8_t *st = e + off + k * 16;
			uint32_t name = rd32(st), value = rd32(st + 4);
			uint32_t ssize = rd32(st + 8);
			unsigned type = st[12] & 0xf, shndx = rd16(st + 14);
			if ((type != 0 /* NOTYPE */ && type != 2 /* FUNC */) ||
			    shndx == 0 || name == 0 || name >= strsize)
				continue;
			const char *nm = (const char *)e + stroff + name;
			if (!memchr(nm, 0, strsize - name) || nm[0] == '$' || nm[0] == 0)
				continue;
			if (type == 2)
				value &= ~1u;
			im->syms[im->n_syms++] = (struct trace_symbol){ nm, value, ssize };
		}
		return;
	}
}

static bool image_load(struct image *im, const char *path, char *err,
		       size_t errlen)
{
	memset(im, 0, sizeof(*im));
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (sz < 52) {
		fclose(f);
		snprintf(err, errlen, "%s: not an ELF image", path);
		return false;
	}
	im->size = (size_t)sz;
	im->file = malloc(im->size);
	if (!im->file || fread(im->file, 1, im->size, f) != im->size) {
		fclose(f);
		snprintf(err, errlen, "%s: cannot read", path);
		return false;
	}
	fclose(f);
	const uint8_t *e = im->file;
	/* ELF32, little-endian, EM_ARM (40) */
	if (memcmp(e, "\177ELF", 4) != 0 || e[4] != 1 || e[5] != 1 ||
	    rd16(e + 18) != 40) {
		snprintf(err, errlen, "%s: not a 32-bit little-endian ARM ELF image", path);
		return false;
	}
	uint32_t phoff = rd32(e + 28);
	unsigned phentsize = rd16(e + 42), phnum = rd16(e + 44);
	for (unsigned i = 0; i < phnum; i++) {
		uint64_t off = (uint64_t)phoff + (uint64_t)i * phentsize;
		if (phentsize < 32 || off + 32 > im->size)
			break;
		const uint8_t *ph = e + off;
		uint32_t p_offset = rd32(ph + 4), vaddr = rd32(ph + 8);
		uint32_t filesz = rd32(ph + 16);
		if (rd32(ph) != 1 /* PT_LOAD */ || filesz == 0 ||
		    (uint64_t)p_offset + filesz > im->size)
			continue;
		if (im->n_segs < 32)
			im->segs[im->n_segs++] =
				(struct seg){ vaddr, filesz, e + p_offset };
	}
	image_symbols(im);
	return true;
}

static bool image_read16(const struct image *im, uint32_t va, uint16_t *v)
{
	for (unsigned i = 0; i < im->n_segs; i++) {
		const struct seg *s = &im->segs[i];
		if (va - s->vaddr < s->filesz && va - s->vaddr + 2 <= s->filesz) {
			*v = rd16(s->data + (va - s->vaddr));
			return true;
		}
	}
	return false;
}

/* Encoding at pc as hypsim's fetch forms it (step.c): an ARM word, a
 * Thumb halfword, or hw1 << 16 | hw2. */
static unsigned image_encoding(const struct image *im, uint32_t pc, bool thumb,
			       uint32_t *enc)
{
	uint16_t a, b;
	if (!im->file || !image_read16(im, pc, &a))
		return 0;
	if (thumb) {
		if (!t32_is_32bit(a)) {
			*enc = a;
			return 2;
		}
		if (!image_read16(im, pc + 2, &b))
			return 0;
		*enc = (uint32_t)a << 16 | b;
		return 4;
	}
	if (!image_read16(im, pc + 2, &b))
		return 0;
	*enc = (uint32_t)b << 16 | a;
	return 4;
}

/* ---- log parsing ---- */

struct dump {
	uint32_t r[16];
	uint32_t psr;
};

struct pending {
	bool have;
	uint32_t pc;
	struct dump before;
	uint64_t icount;
	bool started; /* snapshot written */
	bool resume;  /* records were left out (--from/--to): snapshot again */
	bool seen;    /* a block of this core was read */
	/* an exception QEMU reported after this instruction (-d int) */
	bool exc;
	bool exc_async;
	unsigned exc_kind;
	uint32_t exc_syndrome, exc_far;
};

/* -d in_asm encodings by PC: a direct-mapped cache of the latest one */
#define ASM_CACHE 65536u
struct asm_entry {
	uint32_t pc, enc;
	uint8_t size; /* 0 empty, 2 or 4 */
};

struct parser {
	FILE *f;
	const char *path;
	uint64_t line_no;
	char *line;
	size_t cap;
	/* the first pass of a log that cannot be read twice (a pipe, a FIFO,
	 * standard input) keeps a copy here for the second */
	FILE *spool;
	bool spool_failed;
};

static bool next_line(struct parser *p)
{
	ssize_t n = getline(&p->line, &p->cap, p->f);
	if (n < 0)
		return false;
	p->line_no++;
	if (p->spool && !p->spool_failed &&
	    fwrite(p->line, 1, (size_t)n, p->spool) != (size_t)n)
		p->spool_failed = true;
	while (n > 0 && (p->line[n - 1] == '\n' || p->line[n - 1] == '\r'))
		p->line[--n] = 0;
	return true;
}

/* At most 60 characters of a log line for an error message, with control
 * and non-ASCII bytes as \xNN: a damaged log must not write escape
 * sequences to the user's terminal. */
static const char *shown(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	for (unsigned i = 0; s[i] && i < 60 && o + 5 < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = 0;
	return buf;
}

/* "Trace N: 0x… [cs_base/pc/flags/cflags] …" */
static bool parse_trace_line(const char *s, unsigned *cpu, uint32_t *pc,
			     uint32_t *cflags)
{
	unsigned c;
	unsigned long long base, ppc, flags, cf;
	int n = 0;
	if (sscanf(s, "Trace %u: %*s [%llx/%llx/%llx/%llx]%n", &c, &base, &ppc,
		   &flags, &cf, &n) != 5 || n == 0)
		return false;
	if (ppc > UINT32_MAX)
		return false;
	*cpu = c;
	*pc = (uint32_t)ppc;
	*cflags = (uint32_t)cf;
	return true;
}

/* A Trace line, checked the same way in both passes: the second pass
 * indexes the cores the header was written for (n_cores), so a log that
 * changed between the passes (QEMU still appending to it, a file replaced)
 * is an error, never an index past them. */
static bool check_trace_line(const struct parser *p, unsigned n_cores,
			     bool second_pass, unsigned *cpu, uint32_t *pc,
			     char *err, size_t errlen)
{
	uint32_t cflags;
	char buf[320];
	if (!parse_trace_line(p->line, cpu, pc, &cflags)) {
		snprintf(err, errlen, "%s:%" PRIu64 ": malformed Trace line \"%s\"",
			 p->path, p->line_no, shown(p->line, buf, sizeof(buf)));
		return false;
	}
	if (*cpu >= n_cores) {
		if (second_pass)
			snprintf(err, errlen, "%s:%" PRIu64 ": cpu %u was not in "
					      "the log when it was first read: "
					      "it changed while being imported",
				 p->path, p->line_no, *cpu);
		else
			snprintf(err, errlen, "%s:%" PRIu64 ": cpu %u (at most %u "
					      "supported)",
				 p->path, p->line_no, *cpu, n_cores);
		return false;
	}
	if ((cflags & QEMU_CF_COUNT_MASK) != 1) {
		snprintf(err, errlen, "%s:%" PRIu64 ": a block of more than one "
				      "instruction: run QEMU with -singlestep",
			 p->path, p->line_no);
		return false;
	}
	if (!(cflags & QEMU_CF_NO_GOTO_TB)) {
		snprintf(err, errlen, "%s:%" PRIu64 ": blocks may be chained "
				      "unlogged: run QEMU with -d exec,cpu,nochain",
			 p->path, p->line_no);
		return false;
	}
	return true;
}

/* The four R lines and the PSR line that follow a Trace line. */
static int parse_dump(struct parser *p, struct dump *d, char *err, size_t errlen)
{
	for (unsigned row = 0; row < 4; row++) {
		if (!next_line(p)) {
			snprintf(err, errlen, "%s:%" PRIu64 ": log ends inside a register dump",
				 p->path, p->line_no);
			return -1;
		}
		unsigned idx[4];
		unsigned long v[4];
		if (sscanf(p->line, "R%u=%lx R%u=%lx R%u=%lx R%u=%lx", &idx[0], &v[0],
			   &idx[1], &v[1], &idx[2], &v[2], &idx[3], &v[3]) != 8) {
			if (row == 0 && strncmp(p->line, "Trace ", 6) == 0)
				return 0; /* no dump: the log lacks -d cpu */
			char buf[320];
			snprintf(err, errlen, "%s:%" PRIu64 ": expected a register line "
					      "(R%02u=…), found \"%s\"",
				 p->path, p->line_no, row * 4,
				 shown(p->line, buf, sizeof(buf)));
			return -1;
		}
		for (unsigned k = 0; k < 4; k++) {
			if (idx[k] != row * 4 + k || v[k] > UINT32_MAX) {
				snprintf(err, errlen, "%s:%" PRIu64 ": malformed register line",
					 p->path, p->line_no);
				return -1;
			}
			d->r[row * 4 + k] = (uint32_t)v[k];
		}
	}
	unsigned long psr;
	if (!next_line(p) || sscanf(p->line, "PSR=%lx", &psr) != 1 ||
	    psr > UINT32_MAX) {
		snprintf(err, errlen, "%s:%" PRIu64 ": expected the PSR line", p->path,
			 p->line_no);
		return -1;
	}
	d->psr = (uint32_t)psr;
	return 1;
}

/* ---- conversion ---- */

struct importer {
	struct trace_sink sink;
	struct image img;
	struct pending cores[IMPORT_MAX_CORES];
	struct trace_reg_val regs[REGMAP_COUNT];
	struct asm_entry *asm_cache;
	struct trace_range range;
	int cur_exc_core; /* the core of the last "Taking exception", or -1 */
};

/* QEMU's names of its exceptions (target/arm/internals.h excnames) to
 * hypsim's kinds; -1 not an exception of the architecture (semihosting,
 * QEMU-internal exits). */
static int qemu_exception_kind(const char *name, bool *async)
{
	static const struct {
		const char *name;
		int kind;
		bool async;
	} map[] = {
		{ "Undefined Instruction", EXC_UNDEF, false },
		{ "SVC", EXC_SVC, false },
		{ "Prefetch Abort", EXC_PABT, false },
		{ "Data Abort", EXC_DABT, false },
		{ "IRQ", EXC_IRQ, true },
		{ "FIQ", EXC_FIQ, true },
		/* a BKPT is a Prefetch Abort debug event (B1.8.4) */
		{ "Breakpoint", EXC_PABT, false },
		{ "Hypervisor Call", EXC_HVC, false },
		{ "Hypervisor Trap", EXC_HYP_TRAP, false },
		{ "Secure Monitor Call", EXC_SMC, false },
		{ "Virtual IRQ", EXC_VIRQ, true },
		{ "Virtual FIQ", EXC_VFIQ, true },
		{ "Virtual SERR", EXC_VABT, true },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(name, map[i].name) == 0) {
			*async = map[i].async;
			return map[i].kind;
		}
	}
	return -1;
}

/* "0x40000000:  e59fd01c  ldr …" (A32 or T32 as one word), "0x…:  4770 …"
 * (T16) or "0x…:  f000 f800 …" (T32 halfwords). */
static void parse_asm_line(struct importer *im, const char *s)
{
	unsigned long long pc;
	int n = 0;
	if (!im->asm_cache || sscanf(s, "0x%llx:%n", &pc, &n) != 1 || n == 0 ||
	    pc > UINT32_MAX)
		return;
	const char *p = s + n;
	char w1[16] = "", w2[16] = "";
	int got = sscanf(p, " %15s %15s", w1, w2);
	if (got < 1)
		return;
	size_t l1 = strlen(w1), l2 = got == 2 ? strlen(w2) : 0;
	if (strspn(w1, "0123456789abcdef") != l1)
		return;
	struct asm_entry e = { .pc = (uint32_t)pc };
	if (l1 == 8) {
		e.enc = (uint32_t)strtoul(w1, NULL, 16);
		e.size = 4;
	} else if (l1 == 4) {
		uint32_t hw1 = (uint32_t)strtoul(w1, NULL, 16);
		if (t32_is_32bit((uint16_t)hw1)) {
			if (l2 != 4 || strspn(w2, "0123456789abcdef") != 4)
				return;
			e.enc = hw1 << 16 | (uint32_t)strtoul(w2, NULL, 16);
			e.size = 4;
		} else {
			e.enc = hw1;
			e.size = 2;
		}
	} else {
		return;
	}
	im->asm_cache[(e.pc >> 1) % ASM_CACHE] = e;
}

static void emit_snapshot(struct importer *im, unsigned core, uint64_t icount,
			  uint32_t pc, const struct dump *d)
{
	unsigned n = 0;
	for (unsigned i = 0; i < 16; i++) {
		im->regs[n].id = REG_R0 + i;
		im->regs[n].value = i == 15 ? pc : d->r[i];
		n++;
	}
	im->regs[n].id = REG_CPSR;
	im->regs[n].value = d->psr;
	n++;
	struct trace_record s = {
		.kind = TREC_SNAPSHOT, .core = core, .icount = icount,
		.mode = (uint8_t)(d->psr & CPSR_M_MASK), .pc = pc,
		.n_regs = n, .regs = im->regs,
	};
	trace_sink_put(&im->sink, &s);
}

/* The registers that differ between two dumps, into im->regs. */
static unsigned dump_changes(struct importer *im, const struct dump *before,
			     const struct dump *after)
{
	unsigned n = 0;
	/* R15 is not recorded: the next record's PC says it */
	for (unsigned i = 0; i < 15; i++) {
		if (after->r[i] != before->r[i]) {
			im->regs[n].id = REG_R0 + i;
			im->regs[n].value = after->r[i];
			n++;
		}
	}
	if (after->psr != before->psr) {
		im->regs[n].id = REG_CPSR;
		im->regs[n].value = after->psr;
		n++;
	}
	return n;
}

/* Whether a record is kept (--from/--to); the first one kept on a core,
 * and the first after records left out, are preceded by the state. */
static bool keep_record(struct importer *im, const struct trace_record *r,
			const struct dump *state)
{
	struct pending *p = &im->cores[r->core];
	if (!trace_range_keep(&im->range, r)) {
		p->resume = p->started;
		return false;
	}
	if (!p->started || p->resume) {
		emit_snapshot(im, r->core, r->icount, r->pc, state);
		p->started = true;
		p->resume = false;
	}
	return true;
}

/* The pending instruction of a core, with `after` its state after (NULL:
 * unknown, the log ended). */
static void emit_insn(struct importer *im, unsigned core, const struct dump *after)
{
	struct pending *p = &im->cores[core];
	bool thumb = (p->before.psr & CPSR_T) != 0;
	struct trace_record r = {
		.kind = TREC_INSN, .core = core, .icount = p->icount,
		.pc = p->pc, .mode = (uint8_t)(p->before.psr & CPSR_M_MASK),
		.regs = im->regs,
	};
	if (thumb)
		r.flags |= TREC_F_THUMB;
	r.enc_size = (uint8_t)image_encoding(&im->img, p->pc, thumb, &r.enc);
	if (!r.enc_size && im->asm_cache) {
		const struct asm_entry *e = &im->asm_cache[(p->pc >> 1) % ASM_CACHE];
		if (e->size && e->pc == p->pc && (e->size == 4 || thumb)) {
			r.enc = e->enc;
			r.enc_size = e->size;
		}
	}
	p->have = false;
	if (!keep_record(im, &r, &p->before)) {
		p->exc = false;
		return;
	}
	struct trace_event ev = { .type = TEV_EXCEPTION };
	if (p->exc && after) {
		ev.u.exc.kind = p->exc_kind;
		ev.u.exc.from_mode = p->before.psr & CPSR_M_MASK;
		ev.u.exc.to_mode = after->psr & CPSR_M_MASK;
		ev.u.exc.vector = after->r[15];
		ev.u.exc.fault_addr = p->exc_far;
		/* hypsim's events carry a syndrome only when the exception
		 * is taken to Hyp mode (HSR, B3.13.6) */
		if (ev.u.exc.to_mode == MODE_HYP)
			ev.u.exc.syndrome = p->exc_syndrome;
	}
	if (p->exc && p->exc_async && after) {
		/* The instruction completed; the interrupt was taken after
		 * it, in a record of its own. The dump after shows both. */
		p->exc = false;
		r.flags |= TREC_F_NO_POST;
		trace_sink_put(&im->sink, &r);
		struct trace_record x = {
			.kind = TREC_INSN, .flags = TREC_F_NO_INSN, .core = core,
			.icount = p->icount + 1, .mode = r.mode,
			.regs = im->regs, .ev = &ev, .n_ev = 1,
		};
		if (thumb)
			x.flags |= TREC_F_THUMB;
		/* its PC is the preferred return address: LR - 4 for an
		 * interrupt (B1.8.3); Hyp keeps it in ELR_hyp, which the
		 * dump does not show */
		x.pc = ev.u.exc.to_mode == MODE_HYP ? 0 : after->r[14] - 4;
		x.n_regs = dump_changes(im, &p->before, after);
		trace_sink_put(&im->sink, &x);
		return;
	}
	if (p->exc && after) {
		r.ev = &ev;
		r.n_ev = 1;
	}
	p->exc = false;
	if (after) {
		r.n_regs = dump_changes(im, &p->before, after);
	} else {
		r.flags |= TREC_F_NO_POST;
	}
	trace_sink_put(&im->sink, &r);
}

/* "Taking exception 4 [Data Abort] on CPU 0" (-d int): remembered on the
 * core's pending instruction until the next block shows where it went. */
static void parse_exception(struct importer *im, const char *s, unsigned n_cores)
{
	unsigned num, cpu = 0;
	char name[64];
	im->cur_exc_core = -1;
	if (sscanf(s, "Taking exception %u [%63[^]]] on CPU %u", &num, name,
		   &cpu) < 2 || cpu >= n_cores)
		return;
	bool async = false;
	int kind = qemu_exception_kind(name, &async);
	struct pending *p = &im->cores[cpu];
	if (kind < 0 || !p->have)
		return;
	p->exc = true;
	p->exc_async = async;
	p->exc_kind = (unsigned)kind;
	p->exc_syndrome = 0;
	p->exc_far = 0;
	im->cur_exc_core = (int)cpu;
}

/* The "...with ESR 0x<ec>/0x<syndrome>" and "...with DFSR 0x… DFAR 0x…"
 * lines after it; "...handled as PSCI call" and "...handling as
 * semihosting call" say it was no exception after all. */
static void parse_exception_detail(struct importer *im, const char *s)
{
	if (im->cur_exc_core < 0)
		return;
	struct pending *p = &im->cores[im->cur_exc_core];
	unsigned ec, syn;
	const char *far;
	if (sscanf(s, "...with ESR 0x%x/0x%x", &ec, &syn) == 2)
		p->exc_syndrome = syn;
	else if ((far = strstr(s, "FAR 0x")) != NULL)
		p->exc_far = (uint32_t)strtoul(far + 6, NULL, 16);
	else if (strstr(s, "PSCI call") || strstr(s, "semihosting call"))
		p->exc = false;
}

/* First pass: how many cores, and is it the right kind of log. */
static int scan(struct parser *p, unsigned *n_cores, uint64_t *n_lines,
		bool *has_int, bool *has_asm, char *err, size_t errlen)
{
	*has_int = *has_asm = false;
	unsigned max = 0;
	uint64_t blocks = 0;
	while (next_line(p)) {
		unsigned cpu;
		uint32_t pc;
		if (strncmp(p->line, "Taking exception ", 17) == 0)
			*has_int = true;
		if (strncmp(p->line, "0x", 2) == 0 && strstr(p->line, ":  "))
			*has_asm = true;
		if (strncmp(p->line, "Trace ", 6) != 0)
			continue;
		if (!check_trace_line(p, IMPORT_MAX_CORES, false, &cpu, &pc, err,
				      errlen))
			return -1;
		if (cpu + 1 > max)
			max = cpu + 1;
		blocks++;
	}
	if (ferror(p->f)) {
		snprintf(err, errlen, "%s: read error: %s", p->path,
			 strerror(errno));
		return -1;
	}
	if (p->spool && (p->spool_failed || fflush(p->spool) != 0)) {
		snprintf(err, errlen, "%s: cannot keep a temporary copy of the "
				      "log (it can be read only once): %s",
			 p->path, strerror(errno));
		return -1;
	}
	if (blocks == 0) {
		snprintf(err, errlen, "%s: no \"Trace\" lines: not a log of "
				      "qemu-system-arm -d exec,cpu", p->path);
		return -1;
	}
	*n_cores = max;
	*n_lines = p->line_no;
	return 0;
}

/* The log, opened for the two passes: a regular file is read again from
 * its start; anything else (a pipe, a FIFO, "-" for standard input) is
 * copied to a temporary file during the first pass. */
static bool open_log(struct parser *p, const char *path, char *err,
		     size_t errlen)
{
	memset(p, 0, sizeof(*p));
	p->path = strcmp(path, "-") ? path : "(standard input)";
	p->f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!p->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fileno(p->f), &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: a directory, not a QEMU log", path);
		return false;
	}
	if (!S_ISREG(st.st_mode) && !(p->spool = tmpfile())) {
		snprintf(err, errlen, "%s can be read only once, and no temporary "
				      "copy can be made: %s", path, strerror(errno));
		return false;
	}
	return true;
}

static void close_log(struct parser *p)
{
	if (p->f && p->f != stdin)
		fclose(p->f);
	if (p->spool)
		fclose(p->spool);
	free(p->line);
	p->f = p->spool = NULL;
	p->line = NULL;
}

/* Back to the first line for the second pass. */
static bool rewind_log(struct parser *p, char *err, size_t errlen)
{
	if (p->spool) {
		if (p->f != stdin)
			fclose(p->f);
		p->f = p->spool;
		p->spool = NULL;
	}
	if (fseek(p->f, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s: cannot read it again: %s", p->path,
			 strerror(errno));
		return false;
	}
	clearerr(p->f);
	p->line_no = 0;
	return true;
}

int trace_import_qemu(const char *log_path, const char *out_path,
		      const struct trace_import_options *o, FILE *errf)
{
	char err[512];
	unsigned n_cores;
	uint64_t n_lines;
	bool has_int, has_asm;
	struct parser p;
	if (!open_log(&p, log_path, err, sizeof(err)) ||
	    scan(&p, &n_cores, &n_lines, &has_int, &has_asm, err,
		 sizeof(err)) < 0 ||
	    !rewind_log(&p, err, sizeof(err))) {
		fprintf(errf, "hypsim trace import-qemu: %s\n", err);
		close_log(&p);
		return 2;
	}
	struct importer *im = calloc(1, sizeof(*im));
	if (!im) {
		fprintf(errf, "hypsim trace import-qemu: out of memory\n");
		close_log(&p);
		return 2;
	}
	im->sink.fd = -1;
	im->cur_exc_core = -1;
	struct trace_header h = { 0 };
	h.flags = TRACE_HDR_IMPORTED;
	h.absent = TRACE_ABSENT_MEM | TRACE_ABSENT_BANKED | TRACE_ABSENT_SYSREGS |
		   TRACE_ABSENT_MAINT | TRACE_ABSENT_EXC_DETAIL;
	if (!has_int)
		h.absent |= TRACE_ABSENT_EVENTS;
	if (!o->elf && !has_asm)
		h.absent |= TRACE_ABSENT_ENCODING;
	if (has_asm && !(im->asm_cache = calloc(ASM_CACHE, sizeof(*im->asm_cache)))) {
		fprintf(errf, "hypsim trace import-qemu: out of memory\n");
		free(im);
		close_log(&p);
		return 2;
	}
	size_t plen = strlen(p.path) + 64;
	h.producer = malloc(plen);
	if (h.producer)
		snprintf(h.producer, plen, "qemu-system-arm -d exec,cpu (%s)", p.path);
	h.board = strdup("qemu");
	h.options = strdup("");
	h.n_cores = n_cores;
	h.core_models = calloc(n_cores, sizeof(char *));
	int rc = 2;
	bool header_ok = h.producer && h.board && h.options && h.core_models;
	for (unsigned i = 0; header_ok && i < n_cores; i++)
		header_ok = (h.core_models[i] = strdup(o->cpu ? o->cpu : "")) != NULL;
	if (header_ok && o->elf) {
		if (!image_load(&im->img, o->elf, err, sizeof(err))) {
			fprintf(errf, "hypsim trace import-qemu: %s\n", err);
			trace_header_free(&h);
			goto out;
		}
		h.images = calloc(1, sizeof(*h.images));
		header_ok = h.images && (h.images[0].path = strdup(o->elf));
		if (header_ok) {
			h.n_images = 1;
			h.images[0].hash_kind = TRACE_HASH_SHA256;
			trace_sha256(im->img.file, im->img.size, h.images[0].hash);
		}
		h.syms = calloc(im->img.n_syms ? im->img.n_syms : 1, sizeof(*h.syms));
		header_ok = header_ok && h.syms;
		for (size_t i = 0; header_ok && i < im->img.n_syms; i++) {
			h.syms[i] = im->img.syms[i];
			header_ok = (h.syms[i].name = strdup(im->img.syms[i].name)) != NULL;
			h.n_syms = i + 1;
		}
	}
	if (!header_ok || !trace_header_fill_regs(&h)) {
		fprintf(errf, "hypsim trace import-qemu: out of memory\n");
		trace_header_free(&h);
		goto out;
	}
	struct trace_bound from = o->from, to = o->to;
	if (!trace_bound_resolve(&from, &h, err, sizeof(err)) ||
	    !trace_bound_resolve(&to, &h, err, sizeof(err)) ||
	    !trace_range_init(&im->range, &from, &to, n_cores)) {
		fprintf(errf, "hypsim trace import-qemu: %s%s\n", err,
			o->elf ? "" : " (symbols come from --elf)");
		trace_header_free(&h);
		goto out;
	}
	if (!trace_sink_open(&im->sink, out_path, &h, err, sizeof(err))) {
		fprintf(errf, "hypsim trace import-qemu: %s\n", err);
		goto out;
	}

	/* Only the lines the first pass saw: what QEMU appended since is
	 * left out, and every line is checked again against the header. */
	bool ok = true;
	while (ok && p.line_no < n_lines && next_line(&p)) {
		unsigned cpu;
		uint32_t pc;
		if (strncmp(p.line, "Taking exception ", 17) == 0) {
			parse_exception(im, p.line, n_cores);
			continue;
		}
		if (strncmp(p.line, "...", 3) == 0) {
			parse_exception_detail(im, p.line);
			continue;
		}
		if (strncmp(p.line, "0x", 2) == 0) {
			parse_asm_line(im, p.line);
			continue;
		}
		if (strncmp(p.line, "Trace ", 6) != 0)
			continue; /* other -d output (guest_errors…) */
		/* Checked again, not trusted from the first pass: the file
		 * may have changed in between, and a core number indexes
		 * cores[]. */
		if (!check_trace_line(&p, n_cores, true, &cpu, &pc, err,
				      sizeof(err))) {
			fprintf(errf, "hypsim trace import-qemu: %s\n", err);
			ok = false;
			break;
		}
		im->cur_exc_core = -1;
		struct dump d;
		int dr = parse_dump(&p, &d, err, sizeof(err));
		if (dr == 0) {
			snprintf(err, sizeof(err), "%s:%" PRIu64 ": no register dump after "
						   "a Trace line: run QEMU with -d exec,cpu",
				 p.path, p.line_no);
			dr = -1;
		}
		if (dr < 0) {
			fprintf(errf, "hypsim trace import-qemu: %s\n", err);
			ok = false;
			break;
		}
		if (d.r[15] != pc) {
			fprintf(errf, "hypsim trace import-qemu: %s:%" PRIu64 ": R15=%08x "
				      "but the block is at %08x\n",
				p.path, p.line_no, d.r[15], pc);
			ok = false;
			break;
		}
		struct pending *pd = &im->cores[cpu];
		uint64_t icount = 0;
		if (pd->have) {
			icount = pd->icount + 1;
			emit_insn(im, cpu, &d);
		} else if (pd->seen) {
			icount = pd->icount + 1;
		}
		pd->seen = true;
		pd->have = true;
		pd->pc = pc;
		pd->before = d;
		pd->icount = icount;
	}
	if (ok && p.line_no < n_lines) {
		fprintf(errf, "hypsim trace import-qemu: %s: %s after line %" PRIu64
			      " of %" PRIu64 ": it changed while being imported\n",
			p.path, ferror(p.f) ? "read error" : "the log ends",
			p.line_no, n_lines);
		ok = false;
	}
	if (ok) {
		for (unsigned c = 0; c < n_cores; c++)
			if (im->cores[c].have)
				emit_insn(im, c, NULL);
		if (trace_sink_close(&im->sink, 0))
			rc = 0;
		else
			fprintf(errf, "hypsim trace import-qemu: %s: %s\n", out_path,
				im->sink.err);
	} else {
		/* leave no half-written file that looks like a trace */
		trace_sink_free(&im->sink);
		remove(out_path);
	}
out:
	close_log(&p);
	trace_sink_free(&im->sink);
	trace_range_free(&im->range);
	free(im->asm_cache);
	free(im->img.syms);
	free(im->img.file);
	free(im);
	return rc;
}
