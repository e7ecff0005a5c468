/* The decoder tables compiled into match tables (decode_table.h). The
 * .def files are included here as static data; the first lookup parses
 * the patterns, orders each table so that the first match is the winner
 * (INSN_PRIO and DELEGATE lines first, then the more fixed bits first: a
 * nested line has strictly more fixed bits than the line it is nested in)
 * and builds a bucket index on a few decode bits of each instruction set,
 * so that a lookup tries only the lines whose fixed bits agree with them. */
#include "cpu/decode_table.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct def_line {
	const char *name, *pattern, *handler, *syntax, *manual;
	uint32_t writes;
	enum decode_ends ends;
	uint8_t prio;
	enum decode_isa target;
};

#define INSN(n, p, h, w, e, s, m) \
	{ #n, p, #h, s, m, (w), (e), 0, DECODE_ISA_COUNT },
#define INSN_PRIO(n, p, h, w, e, s, m) \
	{ #n, p, #h, s, m, (w), (e), 1, DECODE_ISA_COUNT },
#define DELEGATE(n, p, t, s, m) \
	{ #n, p, NULL, s, m, 0, ENDS_DELEGATE, 1, DECODE_##t },

static const struct def_line a32_lines[] = {
#include "cpu/a32.def"
};
static const struct def_line t32_lines[] = {
#include "cpu/t32.def"
};
static const struct def_line t16_lines[] = {
#include "cpu/t16.def"
};
static const struct def_line vfp_lines[] = {
#include "cpu/vfp.def"
};
static const struct def_line neon_lines[] = {
#include "cpu/neon.def"
};

#undef INSN
#undef INSN_PRIO
#undef DELEGATE

#define N_LINES(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const struct def_line *lines;
	unsigned n;
	unsigned width;
	uint32_t key_mask; /* the bits the bucket index looks at */
} sources[DECODE_ISA_COUNT] = {
	[DECODE_A32] = { a32_lines, N_LINES(a32_lines), 32, 0x0ff000f0u },
	[DECODE_T32] = { t32_lines, N_LINES(t32_lines), 32, 0xfff00000u },
	[DECODE_T16] = { t16_lines, N_LINES(t16_lines), 16, 0x0000ffc0u },
	[DECODE_VFP] = { vfp_lines, N_LINES(vfp_lines), 32, 0x00f00ff0u },
	[DECODE_NEON] = { neon_lines, N_LINES(neon_lines), 32, 0x01f00f10u },
};

#define MAX_KEY_BITS 12

struct table {
	struct decode_entry *entries; /* .def order */
	unsigned n;
	const struct decode_entry **sorted; /* priority order */
	unsigned n_sorted;
	uint32_t key_mask;
	unsigned key_bits;
	/* key_mask as runs of contiguous bits: the key is the OR over the
	 * runs of (v >> shift) & mask (the runs packed from bit 0 up) */
	unsigned n_runs;
	struct {
		uint8_t shift;
		uint32_t mask;
	} run[MAX_KEY_BITS];
	/* bucket k: sorted[] positions bucket_list[bucket_start[k] ..
	 * bucket_start[k + 1]) */
	uint32_t *bucket_start;
	uint16_t *bucket_list;
};

static struct table tables[DECODE_ISA_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned n_errors;
static char first_error[200];

/* The tables are built from constant data once, by machine_init
 * (decode_table_init) before any core exists, or by a unit test's first
 * lookup: what is built does not depend on any guest instruction,
 * register or page table, so no guest can make it fail. Running out of
 * host memory there is a host error, said clearly, with hypsim's exit
 * status for host errors. */
static void out_of_memory(void)
{
	fprintf(stderr, "hypsim: out of memory building the decoder tables\n");
	exit(2);
}

static void error(const char *fmt, const char *a, const char *b)
{
	if (n_errors++ == 0)
		snprintf(first_error, sizeof first_error, fmt, a, b);
}

/* "cccc0010100Snnnn…(0)(1)…": fixed bits, (0)/(1) bits, width. */
static bool parse(const char *p, unsigned width, struct decode_entry *e)
{
	unsigned bit = width;
	e->mask = e->value = e->sbz = e->sbo = 0;
	while (*p) {
		if (bit == 0)
			return false;
		uint32_t b = 1u << (bit - 1);
		if (*p == '(' && (p[1] == '0' || p[1] == '1') && p[2] == ')') {
			if (p[1] == '0')
				e->sbz |= b;
			else
				e->sbo |= b;
			p += 3;
		} else if (*p == '0' || *p == '1') {
			e->mask |= b;
			if (*p == '1')
				e->value |= b;
			p++;
		} else if ((*p >= 'a' && *p <= 'z') ||
			   (*p >= 'A' && *p <= 'Z')) {
			p++;
		} else {
			return false;
		}
		bit--;
	}
	return bit == 0;
}

static unsigned popcount(uint32_t v)
{
	return (unsigned)__builtin_popcount(v);
}

/* Priority order: prio first, then the more fixed bits, then .def order. */
static int cmp_entries(const void *pa, const void *pb)
{
	const struct decode_entry *a = *(const struct decode_entry *const *)pa;
	const struct decode_entry *b = *(const struct decode_entry *const *)pb;
	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	unsigned ca = popcount(a->mask | a->not_mask);
	unsigned cb = popcount(b->mask | b->not_mask);
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return (int)a->index - (int)b->index;
}

/* The key bits of `v` packed into an integer (a run of contiguous key
 * bits at a time: this is on the path of every lookup). */
static inline uint32_t key_of(const struct table *t, uint32_t v)
{
	uint32_t k = 0;
	for (unsigned r = 0; r < t->n_runs; r++)
		k |= (v >> t->run[r].shift) & t->run[r].mask;
	return k;
}

/* key_mask split into runs for key_of. */
static void key_runs(struct table *t)
{
	uint32_t m = t->key_mask;
	unsigned i = 0; /* key bits placed so far */
	t->n_runs = 0;
	while (m) {
		unsigned b = (unsigned)__builtin_ctz(m);
		unsigned w = (unsigned)__builtin_ctz(~(m >> b));
		t->run[t->n_runs].shift = (uint8_t)(b - i);
		t->run[t->n_runs].mask = (w >= 32 ? ~0u : (1u << w) - 1u) << i;
		t->n_runs++;
		i += w;
		m &= w >= 32 ? 0 : ~(((1u << w) - 1u) << b);
	}
}

/* The bits of `pattern` drawn with the letter c. */
static uint32_t letter_mask(const char *p, unsigned width, char c)
{
	uint32_t m = 0;
	unsigned bit = width;
	while (*p && bit > 0) {
		if (*p == '(') {
			p += 3;
		} else {
			if (*p == c)
				m |= 1u << (bit - 1);
			p++;
		}
		bit--;
	}
	return m;
}

/* decode_entry.pc_dest/pc_list_bit of an ENDS_IF_PC line (decode_table.h
 * letters: d Rd, t Rt, r a register list, p the P bit of POP and T32
 * LDM); false when the pattern names none of them. */
static bool pc_fields(struct decode_entry *e)
{
	e->pc_dest[0] = letter_mask(e->pattern, e->width, 'd');
	e->pc_dest[1] = letter_mask(e->pattern, e->width, 't');
	uint32_t list = letter_mask(e->pattern, e->width, 'r');
	e->pc_list_bit = letter_mask(e->pattern, e->width, 'p');
	if (!e->pc_list_bit && popcount(list) == 16)
		e->pc_list_bit = 1u << (31 - __builtin_clz(list));
	for (unsigned k = 0; k < 2; k++)
		if (e->pc_dest[k] && popcount(e->pc_dest[k]) != 4)
			return false;
	return e->pc_dest[0] || e->pc_dest[1] || e->pc_list_bit;
}

static void build(enum decode_isa isa)
{
	struct table *t = &tables[isa];
	unsigned n = sources[isa].n;

	t->entries = calloc(n ? n : 1, sizeof *t->entries);
	t->sorted = calloc(n ? n : 1, sizeof *t->sorted);
	if (!t->entries || !t->sorted)
		out_of_memory();
	for (unsigned i = 0; i < n; i++) {
		const struct def_line *l = &sources[isa].lines[i];
		struct decode_entry *e = &t->entries[t->n];
		e->name = l->name;
		e->pattern = l->pattern;
		e->handler = l->handler;
		e->syntax = l->syntax;
		e->manual = l->manual;
		e->writes = l->writes;
		e->ends = l->ends;
		e->prio = l->prio;
		e->target = l->target;
		e->isa = isa;
		e->width = (uint8_t)sources[isa].width;
		e->index = (uint16_t)i;
		if (!parse(l->pattern, e->width, e)) {
			error("%s: malformed pattern %s", l->name, l->pattern);
			continue;
		}
		if (e->ends == ENDS_IF_PC && !pc_fields(e))
			error("%s: ENDS_IF_PC but no 4-bit Rd/Rt field, 16-bit "
			      "list or P bit in %s", l->name, l->pattern);
		/* A5.1: cond = 1111 is the unconditional space. */
		if ((isa == DECODE_A32 || isa == DECODE_VFP) &&
		    strncmp(l->pattern, "cccc", 4) == 0) {
			e->not_mask = 0xf0000000u;
			e->not_value = 0xf0000000u;
		}
		for (unsigned j = 0; j < t->n; j++)
			if (strcmp(t->entries[j].name, e->name) == 0)
				error("%s: duplicate name (%s)", e->name,
				      decode_isa_name(isa));
		t->sorted[t->n] = e;
		t->n++;
	}
	t->n_sorted = t->n;
	qsort(t->sorted, t->n_sorted, sizeof *t->sorted, cmp_entries);

	t->key_mask = sources[isa].key_mask;
	t->key_bits = popcount(t->key_mask);
	key_runs(t);
	unsigned nb = 1u << t->key_bits;
	t->bucket_start = calloc(nb + 1, sizeof *t->bucket_start);
	if (!t->bucket_start)
		out_of_memory();
	/* two passes over the entries in priority order, each entry added
	 * to the buckets whose key bits agree with its fixed ones (its free
	 * key bits take every value): count, then fill, so that each
	 * bucket's list keeps the priority order */
	uint32_t all = nb - 1;
	for (unsigned pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			size_t total = 0;
			for (unsigned k = 0; k < nb; k++) {
				uint32_t c = t->bucket_start[k];
				t->bucket_start[k] = (uint32_t)total;
				total += c;
			}
			t->bucket_start[nb] = (uint32_t)total;
			t->bucket_list = calloc(total ? total : 1,
						sizeof *t->bucket_list);
			if (!t->bucket_list)
				out_of_memory();
		}
		uint32_t *fill = pass == 1 ? calloc(nb, sizeof *fill) : NULL;
		if (pass == 1 && !fill)
			out_of_memory();
		for (unsigned j = 0; j < t->n_sorted; j++) {
			const struct decode_entry *e = t->sorted[j];
			uint32_t fixed = key_of(t, e->mask & t->key_mask);
			uint32_t val = key_of(t, e->value & e->mask) & fixed;
			uint32_t free_bits = all & ~fixed, sub = 0;
			do {
				uint32_t k = val | sub;
				if (pass == 0)
					t->bucket_start[k]++;
				else
					t->bucket_list[t->bucket_start[k] +
						       fill[k]++] = (uint16_t)j;
				sub = (sub - free_bits) & free_bits;
			} while (sub != 0);
		}
		free(fill);
	}
}

static void build_all(void)
{
	for (unsigned i = 0; i < DECODE_ISA_COUNT; i++)
		build((enum decode_isa)i);
}

static void init(void)
{
	pthread_once(&once, build_all);
}

void decode_table_init(void)
{
	init();
}

const struct decode_entry *decode_table_lookup_local(enum decode_isa isa,
						     uint32_t insn)
{
	init();
	if ((unsigned)isa >= DECODE_ISA_COUNT)
		return NULL;
	const struct table *t = &tables[isa];
	uint32_t k = key_of(t, insn);
	for (uint32_t i = t->bucket_start[k]; i < t->bucket_start[k + 1]; i++) {
		const struct decode_entry *e = t->sorted[t->bucket_list[i]];
		if (decode_entry_matches(e, insn))
			return e;
	}
	return NULL;
}

uint32_t decode_table_translate(enum decode_isa isa, uint32_t insn,
				const struct decode_entry *d)
{
	if (isa != DECODE_T32 || d->target != DECODE_NEON)
		return insn; /* A32, and T32 CP10/CP11 (cond = 1110) */
	if ((insn & 0xff100000u) == 0xf9000000u)
		/* A7.7: T32 1111 1001 is A32 1111 0100 */
		return (insn & 0x00ffffffu) | 0xf4000000u;
	/* A7.4: T32 111U 1111 is A32 1111 001U */
	return (insn & 0x00ffffffu) | 0xf2000000u |
	       ((insn >> 28) & 1u) << 24;
}

const struct decode_entry *decode_table_lookup(enum decode_isa isa,
					       uint32_t insn)
{
	const struct decode_entry *e = decode_table_lookup_local(isa, insn);
	if (e && e->ends == ENDS_DELEGATE)
		return decode_table_lookup_local(
			e->target, decode_table_translate(isa, insn, e));
	return e;
}

const struct decode_entry *decode_table_entries(enum decode_isa isa,
						unsigned *count)
{
	init();
	if ((unsigned)isa >= DECODE_ISA_COUNT) {
		*count = 0;
		return NULL;
	}
	*count = tables[isa].n;
	return tables[isa].entries;
}

unsigned decode_table_errors(char *msg, unsigned size)
{
	init();
	if (msg && size)
		snprintf(msg, size, "%s", first_error);
	return n_errors;
}

bool decode_entry_writes_pc(const struct decode_entry *e, uint32_t insn)
{
	if (e->writes & W_PC)
		return true;
	if (e->ends != ENDS_IF_PC)
		return false;
	for (unsigned k = 0; k < 2; k++)
		if (e->pc_dest[k] && (insn & e->pc_dest[k]) == e->pc_dest[k])
			return true;
	return (insn & e->pc_list_bit) != 0;
}

/* What a line may write besides general-purpose registers, the flags and
 * the PC: what makes an instruction not plain. */
#define W_NOT_PLAIN (W_MEM | W_MEM_READ | W_EXCL | W_SYSREG | W_SP_BANKED | \
		     W_FPREG | W_FPSCR | W_EXC)

enum decode_flow decode_flow_of(const struct decode_entry *e, uint32_t insn,
				bool specialised, bool fast_mem)
{
	if (!e || e->ends == ENDS_UNDEF || e->ends == ENDS_DELEGATE)
		return FLOW_ENDS;
	if (specialised && fast_mem)
		return FLOW_MEM;
	if (specialised && !(e->writes & W_NOT_PLAIN)) {
		/* a branch that may change CPSR.T (BX): ended as an impure
		 * instruction is, which checks the T bit after it */
		if (e->writes & W_PC)
			return (e->writes & W_CPSR) ? FLOW_ENDS_PC : FLOW_BRANCH;
		/* a register or flags write, unless this one names the PC
		 * (the 16-bit ADD/MOV to the PC: a branch by its handler's
		 * own rule, after which the block ends) */
		return decode_entry_writes_pc(e, insn) ? FLOW_ENDS : FLOW_PLAIN;
	}
	if (decode_entry_writes_pc(e, insn) &&
	    !(e->writes & (W_XRET | W_EXCL | W_SYSREG | W_SP_BANKED |
			   W_FPREG | W_FPSCR | W_EXC)))
		return FLOW_ENDS_PC;
	if (e->ends == ENDS_YES || decode_entry_writes_pc(e, insn) ||
	    !(e->writes & (W_MEM | W_MEM_READ)) ||
	    (e->writes & (W_EXCL | W_SP_BANKED | W_SYSREG | W_EXC)))
		return FLOW_ENDS;
	return FLOW_CONTINUES;
}

const char *decode_isa_name(enum decode_isa isa)
{
	static const char *const names[DECODE_ISA_COUNT] = {
		"A32", "T32", "T16", "VFP", "NEON",
	};
	return (unsigned)isa < DECODE_ISA_COUNT ? names[isa] : "?";
}

/* ---- the partition of an encoding space ---- */

struct part {
	const struct table *t;
	decode_cube_fn fn;
	void *arg;
	bool stop;
};

/* Does entry `e` match some encoding of the cube (mask, value)? */
static bool intersects(const struct decode_entry *e, uint32_t mask,
		       uint32_t value)
{
	if ((e->value ^ value) & e->mask & mask)
		return false;
	/* wholly inside the excluded cube? */
	if (e->not_mask && (e->not_mask & ~mask) == 0 &&
	    (value & e->not_mask) == e->not_value)
		return false;
	return true;
}

/* Does `e` match every encoding of the cube? */
static bool covers(const struct decode_entry *e, uint32_t mask,
		   uint32_t value)
{
	if ((e->mask & ~mask) || ((e->value ^ value) & e->mask))
		return false;
	/* the excluded cube must be disjoint from this one */
	return !e->not_mask ||
	       ((value ^ e->not_value) & e->not_mask & mask) != 0;
}

static void partition(struct part *p, uint32_t mask, uint32_t value,
		      const uint16_t *cand, unsigned n_cand, unsigned depth)
{
	uint16_t local[1024];
	unsigned n = 0;

	if (p->stop)
		return;
	for (unsigned i = 0; i < n_cand && n < 1024; i++)
		if (intersects(p->t->sorted[cand[i]], mask, value))
			local[n++] = cand[i];
	if (n == 0) {
		p->stop = !p->fn(p->arg, mask, value, NULL);
		return;
	}
	const struct decode_entry *first = p->t->sorted[local[0]];
	if (covers(first, mask, value) || depth >= 32) {
		p->stop = !p->fn(p->arg, mask, value, first);
		return;
	}
	uint32_t free_bits = (first->mask | first->not_mask) & ~mask;
	unsigned b = 31u - (unsigned)__builtin_clz(free_bits);
	uint32_t bit = 1u << b;
	partition(p, mask | bit, value, local, n, depth + 1);
	partition(p, mask | bit, value | bit, local, n, depth + 1);
}

bool decode_table_partition(enum decode_isa isa, decode_cube_fn fn,
			    void *arg)
{
	init();
	if ((unsigned)isa >= DECODE_ISA_COUNT)
		return true;
	const struct table *t = &tables[isa];
	struct part p = { t, fn, arg, false };
	/* (not out_of_memory: the T32 index calls this on the first Thumb
	 * instruction a guest runs, and does without on failure) */
	uint16_t *all = calloc(t->n_sorted ? t->n_sorted : 1, sizeof *all);
	if (!all)
		return false;
	for (unsigned i = 0; i < t->n_sorted; i++)
		all[i] = (uint16_t)i;
	/* a 16-bit space: the upper half is fixed at zero */
	uint32_t mask = t->entries && t->n && t->entries[0].width == 16
				? 0xffff0000u
				: 0;
	partition(&p, mask, 0, all, t->n_sorted, 0);
	free(all);
	return true;
}
