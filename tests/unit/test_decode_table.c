/* The decoder tables (the .def files of src/cpu, decode_table.c) checked on
 * their own and against independent oracles. The interpreters decode from
 * the tables themselves since issue 14 (A32, T32, T16, and the VFP and
 * Advanced SIMD spaces: vfp.c, neon_dp.c), so each table is compared with
 * Capstone, with a list of known differences each written as a rule
 * (test_a32_against_capstone, test_t32_capstone, test_t16_capstone,
 * test_vfp_capstone, test_neon_capstone). For VFP and Advanced SIMD what
 * is compared is whether the interpreter executes the encoding: their
 * handlers make more operand values UNDEFINED than the lines express.
 *
 * How "every encoding" is covered: decode_table_partition() splits each
 * encoding space (2^32 for A32, T32, VFP and Advanced SIMD, 2^16 for the
 * 16-bit Thumb encodings) into disjoint cubes, each wholly owned by one
 * entry or by none, by splitting only on bits the winning entry fixes.
 * Everything said about the table is therefore said about every
 * encoding: which entry wins, that no two entries of the same priority
 * overlap without nesting, that no entry is dead (never wins), and how
 * much of the space is unallocated.
 *
 * The T32 and T16 interpreters are also run on samples of each cube on a
 * core (a `bare` machine, Non-secure SVC, registers pointing into RAM,
 * the Floating-point unit enabled):
 *   - every sample of an unallocated cube, or of an ENDS_UNDEF entry,
 *     must take the Undefined Instruction exception;
 *   - every entry must be executed (not UNDEFINED) by at least one of its
 *     samples, whose (0)/(1) bits are set right and whose register fields
 *     avoid SP/LR/PC in half of the samples. (An individual sample may be
 *     UNDEFINED: the UNPREDICTABLE policy turns many operand values into
 *     UNDEFINED.) The coprocessor entries (MCR, MRC, MCRR, MRRC, CDP, LDC,
 *     STC for CP0-CP9, CP12-CP15) are not executed: the coprocessor, not
 *     the decoder, decides, and a random MCR could disable the FPU.
 * Each cube gets SAMPLES samples, the 16-bit space is run exhaustively. */
#include <capstone/capstone.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "unit_machine.h"
#include "cp15/core_model.h"
#include "cpu/cpu.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
#include "sim/machine.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x00100000u
#define CODE (RAM_BASE + 0x1000u)
#define DATA (RAM_BASE + 0x8000u)
#define SAMPLES 48
#define RETRIES 4096

static struct machine tm;
static struct cpu *c;
static uint32_t fpexc0, fpscr0;

static void setup(void)
{
	unit_machine(&tm, &cortex_a15_model, 1, RAM_BASE, RAM_SIZE, ENTRY_SVC,
		     CODE);
	c = &tm.cpus[0];
	/* The Floating-point and Advanced SIMD units enabled for Non-secure
	 * PL1 (NSACR.CP10/CP11, not NSASEDIS/NSD32DIS; CPACR full access to
	 * CP10/CP11, not ASEDIS/D32DIS; FPEXC.EN), B4.1.111, B4.1.40. */
	c->cp15.nsacr = (c->cp15.nsacr | 3u << 10) & ~(3u << 14);
	c->cp15.cpacr = (c->cp15.cpacr | 0xfu << 20) & ~(3u << 30);
	c->fp.fpexc |= 1u << 30;
	fpexc0 = c->fp.fpexc;
	fpscr0 = c->fp.fpscr;
}

static void teardown(void)
{
	machine_destroy(&tm);
}

/* xorshift64*: deterministic samples */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

/* The state before the last run, for the check of the writes column. */
static uint32_t before_r[15], before_cpsr, before_fpscr;
static uint64_t before_d[32];
static enum exec_result last_result;

/* Run one encoding on a fresh state; true when it was UNDEFINED. */
static bool old_decoder_undefs(uint32_t insn, bool thumb, unsigned size)
{
	cpu_set_mode(c, MODE_SVC);
	c->cpsr = (c->cpsr & CPSR_M_MASK) | CPSR_A | CPSR_I | CPSR_F |
		  (thumb ? CPSR_T : 0);
	c->r[15] = CODE;
	for (unsigned i = 0; i < 15; i++)
		c->r[i] = DATA + 0x100 * i;
	for (unsigned i = 0; i < 32; i++)
		c->fp.d[i] = 0x0101010101010101ull * (i + 1);
	c->fp.fpexc = fpexc0;
	c->fp.fpscr = fpscr0;
	memcpy(before_r, c->r, sizeof before_r);
	memcpy(before_d, c->fp.d, sizeof before_d);
	before_cpsr = c->cpsr;
	before_fpscr = c->fp.fpscr;
	c->insn = insn;
	c->insn_size = size;
	c->pc_written = false;
	last_result = thumb ? t32_execute(c, insn, size)
			    : a32_execute(c, insn);
	return last_result == EXEC_EXCEPTION && cpu_mode(c) == MODE_UND;
}

/* The value of the field written with `letter` in e's pattern (its bits
 * in order, most significant first); -1 when the letter is absent. */
static int field(const struct decode_entry *e, uint32_t insn, char letter)
{
	int v = -1;
	unsigned bit = e->width;
	for (const char *p = e->pattern; *p && bit; bit--) {
		if (*p == '(') {
			p += 3;
			continue;
		}
		if (*p == letter)
			v = ((v < 0 ? 0 : v) << 1) | (int)((insn >> (bit - 1)) & 1u);
		p++;
	}
	return v;
}

/* After a run that was neither UNDEFINED nor an exception: did it write
 * only what e's writes column says? Returns what it wrote beyond. */
static const char *wrote_beyond(const struct decode_entry *e, uint32_t insn)
{
	uint32_t w = e->writes;
	if (last_result == EXEC_EXCEPTION)
		return NULL;
	if ((w & (W_CPSR | W_XRET)) && (c->cpsr & CPSR_M_MASK) !=
					       (before_cpsr & CPSR_M_MASK))
		return NULL; /* a mode change: other banked registers */
	uint32_t cpsr_ok = 0;
	if (w & (W_NZCV | W_NZCV_S | W_NZ_S))
		cpsr_ok |= CPSR_NZCV;
	if (w & W_Q)
		cpsr_ok |= CPSR_Q;
	if (w & W_GE)
		cpsr_ok |= CPSR_GE_MASK;
	if (w & (W_CPSR | W_XRET))
		cpsr_ok = ~0u;
	if ((c->cpsr ^ before_cpsr) & ~cpsr_ok)
		return "CPSR";
	if (!(w & W_PC) && e->ends == ENDS_NO && c->pc_written)
		return "the PC";
	if (!(w & (W_FPREG | W_SYSREG)) &&
	    memcmp(before_d, c->fp.d, sizeof before_d) != 0)
		return "an extension register";
	if (!(w & (W_FPSCR | W_SYSREG)) && c->fp.fpscr != before_fpscr)
		return "the FPSCR";
	uint32_t regs_ok = 0;
	if (w & (W_LIST | W_SYSREG))
		regs_ok = 0x7fff;
	if (w & W_LR)
		regs_ok |= 1u << 14;
	if (w & (W_SP | W_SP_BANKED))
		regs_ok |= 1u << 13;
	static const char rd_letters[] = "dthlu";
	for (unsigned i = 0; (w & W_RD) && rd_letters[i]; i++) {
		int v = field(e, insn, rd_letters[i]);
		if (v >= 0 && v < 15)
			regs_ok |= 3u << v; /* and the pair of LDRD/LDREXD */
	}
	if (w & W_WB) {
		int v = field(e, insn, 'n');
		if (v >= 0 && v < 15)
			regs_ok |= 1u << v;
		if (e->isa == DECODE_T16 && strcmp(e->name, "POP") == 0)
			regs_ok |= 1u << 13;
	}
	for (unsigned i = 0; i < 15; i++)
		if (c->r[i] != before_r[i] && !((regs_ok >> i) & 1u))
			return "a general-purpose register";
	return NULL;
}

static bool coprocessor_entry(const struct decode_entry *e)
{
	static const char *const names[] = {
		"MCR", "MRC", "MCRR", "MRRC", "CDP", "LDC", "STC",
	};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(e->name, names[i]) == 0)
			return true;
	return false;
}

/* ---- the tables on their own ---- */

START_TEST(test_tables_parse)
{
	char msg[200];
	unsigned n_err = decode_table_errors(msg, sizeof msg);
	ck_assert_msg(n_err == 0, "%u malformed lines, first: %s", n_err, msg);
	static const unsigned at_least[DECODE_ISA_COUNT] = {
		[DECODE_A32] = 250, [DECODE_T32] = 250, [DECODE_T16] = 75,
		[DECODE_VFP] = 35, [DECODE_NEON] = 190,
	};
	for (unsigned i = 0; i < DECODE_ISA_COUNT; i++) {
		unsigned n;
		decode_table_entries((enum decode_isa)i, &n);
		printf("decode table %s: %u entries\n",
		       decode_isa_name((enum decode_isa)i), n);
		ck_assert_uint_ge(n, at_least[i]);
	}
}
END_TEST

/* Known encodings (as assembled by GNU as) find the manual's names. */
START_TEST(test_lookup_examples)
{
	static const struct {
		enum decode_isa isa;
		uint32_t insn;
		const char *name;
	} ex[] = {
		{ DECODE_A32, 0xe0810002u, "ADD_reg" },   /* add r0, r1, r2 */
		{ DECODE_A32, 0xe1a00001u, "MOV_reg" },   /* mov r0, r1 */
		{ DECODE_A32, 0xe1a00081u, "LSL_imm" },   /* lsl r0, r1, #1 */
		{ DECODE_A32, 0xe1a00061u, "RRX" },       /* rrx r0, r1 */
		{ DECODE_A32, 0xe28f0004u, "ADR_add" },   /* adr r0, .+12 */
		{ DECODE_A32, 0xe12fff1eu, "BX" },        /* bx lr */
		{ DECODE_A32, 0xe320f003u, "WFI" },       /* wfi */
		{ DECODE_A32, 0xe320f0f5u, "DBG" },       /* dbg #5 */
		{ DECODE_A32, 0xe1021091u, "SWP" },       /* swp r1, r1, [r2] */
		{ DECODE_A32, 0xe7f000f0u, "UDF" },       /* udf #0 */
		{ DECODE_A32, 0xf57ff04fu, "DSB" },       /* dsb sy */
		{ DECODE_A32, 0xe8bd8000u, "LDMIA" },     /* pop {pc} */
		{ DECODE_A32, 0xe4b10004u, "LDRT_imm" },  /* ldrt r0, [r1], #4 */
		{ DECODE_A32, 0xe6bf0f31u, "REV" },       /* rev r0, r1 */
		{ DECODE_A32, 0xee300a01u, "VADD_f" },    /* vadd.f32 s0, s0, s2 */
		{ DECODE_A32, 0xeef10a10u, "VMRS" },      /* vmrs r0, fpscr */
		{ DECODE_A32, 0xed910b00u, "VLDR" },      /* vldr d0, [r1] */
		{ DECODE_A32, 0xf2000802u, "VADD_int" },  /* vadd.i8 d0, d0, d2 */
		{ DECODE_A32, 0xf4210a0fu, "VLD1_multi_1010" }, /* vld1.8 {d0-d1}, [r1] */
		{ DECODE_A32, 0xee010f10u, "MCR" },       /* mcr p15, 0, r0, c1, c0, 0 */
		{ DECODE_A32, 0xf1020013u, "CPS" },       /* cps #19 */
		{ DECODE_T16, 0x4770u, "BX" },            /* bx lr */
		{ DECODE_T16, 0xbf00u, "NOP" },           /* nop */
		{ DECODE_T16, 0xbf08u, "IT" },            /* it eq */
		{ DECODE_T16, 0xb510u, "PUSH" },          /* push {r4, lr} */
		{ DECODE_T16, 0xdeffu, "UDF" },           /* udf #255 */
		{ DECODE_T16, 0x0008u, "MOV_reg_T2" },    /* movs r0, r1 */
		{ DECODE_T32, 0xf000f800u, "BL" },        /* bl .+4 */
		{ DECODE_T32, 0xeb010002u, "ADD_reg" },   /* add.w r0, r1, r2 */
		{ DECODE_T32, 0xebb10f02u, "CMP_reg" },   /* cmp.w r1, r2 */
		{ DECODE_T32, 0xf3bf8f4fu, "DSB" },       /* dsb sy */
		{ DECODE_T32, 0xf8dff004u, "LDR_lit" },   /* ldr.w pc, [pc, #4] */
		{ DECODE_T32, 0xf891f000u, "PLD_imm12" }, /* pld [r1] */
		{ DECODE_T32, 0xe8d1f012u, "TBH" },       /* tbh [r1, r2, lsl #1] */
		{ DECODE_T32, 0xfb01f002u, "MUL" },       /* mul r0, r1, r2 */
		{ DECODE_T32, 0xee300a01u, "VADD_f" },    /* vadd.f32 s0, s0, s2 */
		{ DECODE_T32, 0xef000802u, "VADD_int" },  /* vadd.i8 d0, d0, d2 */
		{ DECODE_T32, 0xf9210a0fu, "VLD1_multi_1010" },
		{ DECODE_T32, 0xf3de8f00u, "ERET" },      /* eret */
	};
	for (unsigned i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		const struct decode_entry *e =
			decode_table_lookup(ex[i].isa, ex[i].insn);
		ck_assert_msg(e && strcmp(e->name, ex[i].name) == 0,
			      "%s %08x: %s, expected %s",
			      decode_isa_name(ex[i].isa), ex[i].insn,
			      e ? e->name : "(unallocated)", ex[i].name);
	}
	/* cond = 1111 is never a conditional instruction (A5.1) */
	ck_assert_ptr_null(decode_table_lookup(DECODE_A32, 0xf0810002u));
	/* unallocated: A32 media op1 = 11001, T32 data processing op 0101 */
	ck_assert_ptr_null(decode_table_lookup(DECODE_A32, 0xe7900010u));
	ck_assert_ptr_null(decode_table_lookup(DECODE_T32, 0xeaa10002u));
}
END_TEST

/* The lookup's speed (for the switch of the interpreter to the tables):
 * printed, and bounded loosely so that a quadratic regression shows. */
START_TEST(test_lookup_speed)
{
	static const enum decode_isa isas[] = { DECODE_A32, DECODE_T32 };
	for (unsigned k = 0; k < 2; k++) {
		struct timespec t0, t1;
		unsigned found = 0, n = 1000000;
		decode_table_lookup(isas[k], 0); /* the tables built */
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (unsigned i = 0; i < n; i++) {
			uint32_t x = rnd();
			if (isas[k] == DECODE_T32)
				x |= 0xe8000000u;
			found += decode_table_lookup(isas[k], x) != NULL;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
			     (double)(t1.tv_nsec - t0.tv_nsec)) / n;
		printf("decode table %s: %.0f ns per lookup (random "
		       "encodings)\n", decode_isa_name(isas[k]), ns);
		ck_assert(ns < 20000.0 && found > 0);
	}
}
END_TEST

/* (a) Overlapping patterns: two entries of one table that match a common
 * encoding must be nested (one's fixed bits include the other's), or of
 * different priority. */
static bool nested_in(const struct decode_entry *a,
		      const struct decode_entry *b)
{
	return (a->mask & b->mask) == b->mask && a->mask != b->mask &&
	       ((a->value ^ b->value) & b->mask) == 0;
}

START_TEST(test_no_overlaps)
{
	unsigned bad = 0;
	for (unsigned t = 0; t < DECODE_ISA_COUNT; t++) {
		unsigned n;
		const struct decode_entry *es =
			decode_table_entries((enum decode_isa)t, &n);
		for (unsigned i = 0; i < n; i++)
			for (unsigned j = i + 1; j < n; j++) {
				const struct decode_entry *a = &es[i],
							  *b = &es[j];
				if ((a->value ^ b->value) & a->mask & b->mask)
					continue;
				/* the common cube is wholly excluded */
				uint32_t m = a->mask | b->mask;
				uint32_t v = (a->value & a->mask) |
					     (b->value & b->mask);
				if (a->not_mask &&
				    (a->not_mask & ~m) == 0 &&
				    (v & a->not_mask) == a->not_value)
					continue;
				if (a->prio != b->prio || nested_in(a, b) ||
				    nested_in(b, a))
					continue;
				if (bad++ < 20)
					printf("%s: %s and %s overlap without "
					       "nesting\n",
					       decode_isa_name((enum decode_isa)t),
					       a->name, b->name);
			}
	}
	ck_assert_msg(bad == 0, "%u overlapping pairs", bad);
}
END_TEST

/* The partition: every entry wins somewhere; count the unallocated space. */
struct census {
	unsigned cubes;
	uint64_t unallocated; /* encodings */
	uint64_t undefined;   /* encodings of ENDS_UNDEF entries */
	uint64_t *per_entry;
	enum decode_isa isa;
	unsigned wrong; /* cubes whose corners the lookup disagrees on */
};

static bool census_cube(void *arg, uint32_t mask, uint32_t value,
			const struct decode_entry *e)
{
	struct census *s = arg;
	uint64_t size = 1ull << (32 - __builtin_popcount(mask));
	uint32_t top = value | (~mask & (s->isa == DECODE_T16 ? 0xffffu
							      : 0xffffffffu));
	s->cubes++;
	if (decode_table_lookup_local(s->isa, value) != e ||
	    decode_table_lookup_local(s->isa, top) != e)
		s->wrong++;
	if (!e)
		s->unallocated += size;
	else {
		s->per_entry[e->index] += size;
		if (e->ends == ENDS_UNDEF)
			s->undefined += size;
	}
	return true;
}

START_TEST(test_partition)
{
	unsigned dead = 0;
	for (unsigned t = 0; t < DECODE_ISA_COUNT; t++) {
		unsigned n;
		const struct decode_entry *es =
			decode_table_entries((enum decode_isa)t, &n);
		uint64_t per[1024] = {0};
		struct census s = { 0, 0, 0, per, (enum decode_isa)t, 0 };
		ck_assert_uint_le(n, 1024);
		decode_table_partition((enum decode_isa)t, census_cube, &s);
		uint64_t total = s.unallocated;
		for (unsigned i = 0; i < n; i++)
			total += per[i];
		uint64_t space = t == DECODE_T16 ? 1ull << 16 : 1ull << 32;
		ck_assert_msg(total == space, "%s: cubes cover %llu of %llu",
			      decode_isa_name((enum decode_isa)t),
			      (unsigned long long)total,
			      (unsigned long long)space);
		printf("decode table %s: %u cubes, unallocated %.4f%%, "
		       "allocated but UNDEFINED %.4f%%\n",
		       decode_isa_name((enum decode_isa)t), s.cubes,
		       100.0 * (double)s.unallocated / (double)space,
		       100.0 * (double)s.undefined / (double)space);
		for (unsigned i = 0; i < n; i++)
			if (per[i] == 0) {
				dead++;
				printf("%s: %s never wins\n",
				       decode_isa_name((enum decode_isa)t),
				       es[i].name);
			}
		/* the partition agrees with the lookup, at each cube's
		 * lowest and highest encoding */
		ck_assert_uint_eq(s.wrong, 0);
	}
	ck_assert_msg(dead == 0, "%u dead entries", dead);
}
END_TEST

/* ---- (b) and (c): the tables against the old decoders ---- */

struct compare {
	enum decode_isa isa;   /* the table partitioned */
	enum decode_isa via;   /* the instruction set it is executed in */
	unsigned executed[1024]; /* per entry of the final table */
	unsigned sampled[1024];
	unsigned mismatches;
	unsigned overwrites; /* samples that wrote beyond their entry's column */
	unsigned samples;
};

/* The free 4-bit, nibble-aligned fields of half of the samples: a
 * register from R0-R12 (avoiding the UNPREDICTABLE SP/LR/PC uses), 0000
 * or 1111 (the usual should-be-zero/one fields, which an unallocated cube
 * does not know), or random. */
static uint32_t tame(uint32_t x, uint32_t fixed, unsigned width)
{
	for (unsigned b = 0; b < width; b += 4) {
		uint32_t nib = 0xfu << b, v;
		if (fixed & nib)
			continue;
		switch (rnd() & 3u) {
		case 0: v = rnd() % 13u; break;
		case 1: v = 0; break;
		case 2: v = 15; break;
		default: v = rnd() & 15u; break;
		}
		x = (x & ~nib) | (v << b);
	}
	return x;
}

/* From the A32 form of a VFP/Advanced SIMD encoding to T32. */
static bool to_t32(enum decode_isa table, uint32_t a, uint32_t *t)
{
	if (table == DECODE_VFP) {
		if ((a >> 28) != 0xe)
			return false;
		*t = a;
		return true;
	}
	if ((a & 0xfe000000u) == 0xf2000000u) {
		*t = (a & 0x00ffffffu) | 0xef000000u | ((a >> 24) & 1u) << 28;
		return true;
	}
	if ((a & 0xff100000u) == 0xf4000000u) {
		*t = (a & 0x00ffffffu) | 0xf9000000u;
		return true;
	}
	return false;
}

static void compare_one(struct compare *s, uint32_t x_in)
{
	enum decode_isa look = s->via;
	uint32_t x = x_in, run;
	bool thumb = s->via != DECODE_A32;
	run = x;
	unsigned size = s->via == DECODE_T16 ? 2 : 4;

	/* The condition passes (it is no part of the decode, A5.1), and a
	 * 32-bit T32 encoding starts with 111 other than 11100 (A6.1): the
	 * step loop never hands t32_execute anything else. */
	if (s->via == DECODE_A32 && (run >> 28) != 0xfu)
		run = (run & 0x0fffffffu) | 0xe0000000u;
	if (s->via == DECODE_T32 && (run >> 16) < 0xe800u)
		return;
	const struct decode_entry *e = decode_table_lookup(look, run);
	if (e && e->isa != s->isa)
		return;
	if (e && coprocessor_entry(e))
		return;
	if (e && e->ends != ENDS_UNDEF) {
		/* the (0) and (1) bits as drawn */
		uint32_t y = (run & ~(e->sbz | e->sbo)) | e->sbo;
		const struct decode_entry *f = decode_table_lookup(look, y);
		if (f == e)
			run = y;
	}
	e = decode_table_lookup(look, run);
	if (e && coprocessor_entry(e))
		return;
	bool undef = old_decoder_undefs(run, thumb, size);
	s->samples++;
	if (!e || e->ends == ENDS_UNDEF) {
		if (!undef) {
			if (s->mismatches++ < 40)
				printf("%s %08x: the table says %s, the old "
				       "decoder executes it\n",
				       decode_isa_name(s->via), run,
				       e ? e->name : "unallocated");
		}
		return;
	}
	unsigned k = e->index + (e->isa == DECODE_NEON ? 512u : 0u);
	if (k < 1024) {
		s->sampled[k]++;
		if (!undef)
			s->executed[k]++;
	}
	const char *beyond = undef ? NULL : wrote_beyond(e, run);
	if (beyond && s->overwrites++ < 40)
		printf("%s %08x (%s): wrote %s, which its writes column "
		       "does not list\n",
		       decode_isa_name(s->via), run, e->name, beyond);
}

static bool compare_cube(void *arg, uint32_t mask, uint32_t value,
			 const struct decode_entry *e)
{
	struct compare *s = arg;
	unsigned width = s->isa == DECODE_T16 ? 16 : 32;
	(void)e;
	for (unsigned i = 0; i < SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if (i & 1)
			x = (tame(x, mask, width) & ~mask) | value;
		if (width == 16)
			x &= 0xffffu;
		compare_one(s, x);
	}
	return true;
}

/* Entries none of whose samples the old decoder executed. */
static unsigned never_executed(const struct compare *s, enum decode_isa t)
{
	unsigned n, bad = 0;
	const struct decode_entry *es = decode_table_entries(t, &n);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = i + (t == DECODE_NEON ? 512u : 0u);
		if (es[i].ends == ENDS_UNDEF || es[i].ends == ENDS_DELEGATE ||
		    coprocessor_entry(&es[i]) || k >= 1024)
			continue;
		if (s->sampled[k] && s->executed[k] == 0) {
			if (bad++ < 40)
				printf("%s via %s: %s (%u samples) always "
				       "UNDEFINED in the old decoder\n",
				       decode_isa_name(t),
				       decode_isa_name(s->via), es[i].name,
				       s->sampled[k]);
		}
	}
	return bad;
}

static void run_compare(enum decode_isa table, enum decode_isa via)
{
	static struct compare s;
	struct timespec t0, t1;
	memset(&s, 0, sizeof s);
	s.isa = table;
	s.via = via;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	decode_table_partition(table, compare_cube, &s);
	/* An entry none of whose samples ran gets RETRIES more, drawn from
	 * its own pattern, before it is reported. */
	unsigned n;
	const struct decode_entry *es = decode_table_entries(table, &n);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = i + (table == DECODE_NEON ? 512u : 0u);
		if (k >= 1024 || !s.sampled[k] || s.executed[k])
			continue;
		for (unsigned j = 0; j < RETRIES && !s.executed[k]; j++) {
			uint32_t x = (rnd() & ~es[i].mask) | es[i].value;
			if (j & 1)
				x = (tame(x, es[i].mask, 32) & ~es[i].mask) |
				    es[i].value;
			compare_one(&s, x);
		}
	}
	unsigned bad = never_executed(&s, table);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("decode table %s via %s: %u samples, %u unallocated-but-"
	       "executed, %u entries never executed, %u writes beyond the "
	       "column, %.2f s\n",
	       decode_isa_name(table), decode_isa_name(via), s.samples,
	       s.mismatches, bad, s.overwrites,
	       (double)(t1.tv_sec - t0.tv_sec) +
		       1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
	ck_assert_msg(s.mismatches == 0 && bad == 0 && s.overwrites == 0,
		      "%s via %s: %u encodings the table calls UNDEFINED are "
		      "executed, %u entries are never executed, %u samples "
		      "wrote what their entry does not list",
		      decode_isa_name(table), decode_isa_name(via),
		      s.mismatches, bad, s.overwrites);
}

/* ---- A32 against an independent oracle: Capstone ----
 * The A32 interpreter decodes from a32.def itself, so comparing the table
 * with it proves nothing about the table. Capstone (LLVM's ARM decoder,
 * ARMv7-A without the v8 additions) says independently whether an
 * encoding is an instruction. Every cube of the A32 partition gets
 * ORACLE_SAMPLES samples (condition 1110 where the cube leaves it free,
 * the (0)/(1) bits as drawn) and a random sweep ORACLE_SWEEP more; the
 * table's answer (a line matches, DELEGATE lines excluded: vfp.def and
 * neon.def are compared below, test_vfp_capstone) must be Capstone's,
 * except in the known differences below, each a rule about the encoding
 * that the test applies (not a list of encodings), so an unexplained
 * disagreement in either direction fails. The lines that claim a region
 * the manual leaves unallocated (ENDS_UNDEF with a decode-table heading,
 * A5.x) count as unallocated. */
#define ORACLE_SAMPLES 32
#define ORACLE_SWEEP 1000000u

static bool rt_pair_bad(uint32_t insn, unsigned rt)
{
	(void)insn;
	return (rt & 1u) || rt == 14;
}

/* LDRD/STRD: odd Rt, Rt = LR (Rt2 = PC), or P = 0 with W = 1 */
static bool dual_unpredictable(uint32_t insn)
{
	return rt_pair_bad(insn, (insn >> 12) & 15u) ||
	       (!(insn & (1u << 24)) && (insn & (1u << 21)));
}

/* LDREXD: Rt = insn[15:12]; STREXD: Rt = insn[3:0] */
static bool ldrexd_unpredictable(uint32_t insn)
{
	return rt_pair_bad(insn, (insn >> 12) & 15u);
}

static bool strexd_unpredictable(uint32_t insn)
{
	return rt_pair_bad(insn, insn & 15u);
}

static bool mask_zero(uint32_t insn)
{
	return ((insn >> 16) & 15u) == 0;
}

/* the UNPREDICTABLE imod/M/A/I/F/mode combinations (B9.3.2, U16) */
static bool cps_unpredictable(uint32_t insn)
{
	unsigned imod = (insn >> 18) & 3u, mode = insn & 31u;
	bool m = insn & (1u << 17), any = (insn & 0x1c0u) != 0;
	return (mode && !m) || ((imod & 2) && !any) || (!(imod & 2) && any) ||
	       (imod == 0 && !m) || imod == 1;
}

static bool always(uint32_t insn)
{
	(void)insn;
	return true;
}

static bool list_empty(uint32_t insn)
{
	return (insn & 0xffffu) == 0;
}

static bool cond_not_al(uint32_t insn)
{
	return (insn >> 28) != 0xeu;
}

static bool coproc_101x(uint32_t insn)
{
	return ((insn >> 8) & 14u) == 10u;
}

static const struct known_difference {
	const char *entry; /* the a32.def line */
	bool (*applies)(uint32_t insn);
	const char *why;
} a32_known[] = {
	{ "LDRD_imm", dual_unpredictable,
	  "UNPREDICTABLE forms (A8.8 LDRD, U5): hypsim UNDEFINED, "
	  "Capstone rejects" },
	{ "LDRD_reg", dual_unpredictable,
	  "ditto" },
	{ "STRD_imm", dual_unpredictable,
	  "ditto (A8.8 STRD)" },
	{ "STRD_reg", dual_unpredictable,
	  "ditto" },
	{ "LDREXD", ldrexd_unpredictable,
	  "odd Rt or Rt = LR (A8.8 LDREXD, U13): hypsim UNDEFINED, "
	  "Capstone rejects" },
	{ "STREXD", strexd_unpredictable,
	  "ditto (A8.8 STREXD)" },
	{ "MSR_reg", mask_zero,
	  "mask 0000 (B9.3.12, U14): hypsim NOP, Capstone rejects" },
	{ "CPS", cps_unpredictable,
	  "UNPREDICTABLE imod/M combinations (B9.3.2, U16): hypsim "
	  "UNDEFINED, Capstone rejects" },
	{ "BKPT", cond_not_al,
	  "cond != 1110 (A8.8 BKPT, U18): hypsim executes it "
	  "conditionally, Capstone rejects" },
	{ "HVC", cond_not_al,
	  "ditto (B9.3 HVC)" },
	{ "STMDA", list_empty,
	  "an empty register list (A8.8 LDM, STM, U7): hypsim UNDEFINED, "
	  "Capstone rejects" },
	{ "LDMDA", list_empty,
	  "ditto" },
	{ "STMIA", list_empty,
	  "ditto" },
	{ "LDMIA", list_empty,
	  "ditto" },
	{ "STMDB", list_empty,
	  "ditto" },
	{ "LDMDB", list_empty,
	  "ditto" },
	{ "STMIB", list_empty,
	  "ditto" },
	{ "LDMIB", list_empty,
	  "ditto" },
	{ "STM_usr", list_empty,
	  "ditto" },
	{ "LDM_usr", list_empty,
	  "ditto" },
	{ "UDF", cond_not_al,
	  "cond != 1110: the permanently UNDEFINED space whatever the "
	  "condition in hypsim (A8.8 UDF), Capstone rejects" },
	{ "MEMHINT_imm", always,
	  "unallocated memory hints: A5.7.1 says treat as NOP, Capstone "
	  "rejects" },
	{ "MEMHINT_reg", always,
	  "ditto" },
	{ "MCRR2", coproc_101x,
	  "the \"2\" forms with coproc 101x: hypsim lists them (UNDEFINED "
	  "on these cores like every \"2\" form), Capstone rejects coproc "
	  "101x" },
	{ "MRRC2", coproc_101x,
	  "ditto" },
	{ "CDP2", coproc_101x,
	  "ditto" },
	{ "MCR2", coproc_101x,
	  "ditto" },
	{ "MRC2", coproc_101x,
	  "ditto" },
	{ "LDC2", coproc_101x,
	  "ditto" },
	{ "STC2", coproc_101x,
	  "ditto" },
};
#define N_KNOWN (sizeof a32_known / sizeof a32_known[0])

struct oracle {
	csh cs;
	unsigned compared, agree, unexplained;
	unsigned known_hits[N_KNOWN];
};

static bool capstone_valid(struct oracle *o, uint32_t insn)
{
	uint8_t b[4];
	cs_insn *ci = NULL;
	for (unsigned i = 0; i < 4; i++)
		b[i] = (uint8_t)(insn >> (8 * i));
	size_t n = cs_disasm(o->cs, b, 4, 0x1000, 1, &ci);
	if (n)
		cs_free(ci, n);
	return n == 1;
}

static void oracle_one(struct oracle *o, uint32_t x)
{
	const struct decode_entry *e = decode_table_lookup_local(DECODE_A32, x);
	if (e && e->ends == ENDS_DELEGATE)
		return;
	if (e)
		x = (x & ~(e->sbz | e->sbo)) | e->sbo;
	e = decode_table_lookup_local(DECODE_A32, x);
	if (e && e->ends == ENDS_DELEGATE)
		return;
	bool table = e && !(e->ends == ENDS_UNDEF &&
			    strncmp(e->manual, "A5", 2) == 0);
	bool cs = capstone_valid(o, x);
	o->compared++;
	if (table == cs) {
		o->agree++;
		return;
	}
	for (unsigned k = 0; table && k < N_KNOWN; k++)
		if (strcmp(e->name, a32_known[k].entry) == 0 &&
		    a32_known[k].applies(x)) {
			o->known_hits[k]++;
			return;
		}
	if (o->unexplained++ < 40)
		printf("A32 %08x: the table says %s, Capstone %s\n", x,
		       e ? e->name : "unallocated",
		       cs ? "decodes it" : "rejects it");
}

static bool oracle_cube(void *arg, uint32_t mask, uint32_t value,
			const struct decode_entry *e)
{
	struct oracle *o = arg;
	(void)e;
	for (unsigned i = 0; i < ORACLE_SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if (i & 1)
			x = (tame(x, mask, 32) & ~mask) | value;
		if ((x >> 28) != 0xfu && !(mask & 0xf0000000u))
			x = (x & 0x0fffffffu) | 0xe0000000u;
		oracle_one(o, x);
	}
	return true;
}

START_TEST(test_a32_against_capstone)
{
	static struct oracle o;
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(cs_open(CS_ARCH_ARM, CS_MODE_ARM, &o.cs), CS_ERR_OK);
	decode_table_partition(DECODE_A32, oracle_cube, &o);
	for (unsigned i = 0; i < ORACLE_SWEEP; i++) {
		uint32_t x = rnd();
		if ((x >> 28) != 0xfu && (i & 3))
			x = (x & 0x0fffffffu) | 0xe0000000u;
		oracle_one(&o, x);
	}
	cs_close(&o.cs);
	unsigned known = 0;
	for (unsigned k = 0; k < N_KNOWN; k++) {
		known += o.known_hits[k];
		if (o.known_hits[k])
			printf("A32 vs Capstone, known difference %s: %u "
			       "samples (%s)\n", a32_known[k].entry,
			       o.known_hits[k], a32_known[k].why);
	}
	printf("decode table A32 vs Capstone: %u samples, %u agree, %u known "
	       "differences, %u unexplained\n", o.compared, o.agree, known,
	       o.unexplained);
	ck_assert_uint_gt(o.compared, 1000000);
	ck_assert_msg(o.unexplained == 0,
		      "%u A32 samples where the table and Capstone disagree "
		      "outside the known differences", o.unexplained);
}
END_TEST

/* T32 (and T16 below) run through the table-driven decoder itself since
 * t32*.c dispatch from t32.def/t16.def, so these two no longer compare
 * the table with another decoder (test_t32_capstone and
 * test_t16_capstone do, against Capstone): they check that an
 * unallocated or ENDS_UNDEF encoding is UNDEFINED, that every line's
 * handler executes some of its encodings, and the writes column. */
START_TEST(test_t32_executes)
{
	run_compare(DECODE_T32, DECODE_T32);
}
END_TEST

/* Every 16-bit encoding, exhaustively (the 32-bit prefixes excluded):
 * see test_t32_executes. */
START_TEST(test_t16_exhaustive)
{
	unsigned bad = 0;
	static unsigned executed[256], sampled[256];
	memset(executed, 0, sizeof executed);
	memset(sampled, 0, sizeof sampled);
	for (uint32_t hw = 0; hw < 0xe800u; hw++) {
		const struct decode_entry *e =
			decode_table_lookup(DECODE_T16, hw);
		uint32_t run = hw;
		if (e && e->ends != ENDS_UNDEF)
			run = (hw & ~(e->sbz | e->sbo)) | e->sbo;
		if (run != hw)
			continue; /* reached as its corrected self */
		bool undef = old_decoder_undefs(run, true, 2);
		if (!e || e->ends == ENDS_UNDEF) {
			if (!undef && bad++ < 20)
				printf("T16 %04x: the table says %s, the old "
				       "decoder executes it\n",
				       hw, e ? e->name : "unallocated");
			continue;
		}
		sampled[e->index]++;
		if (!undef)
			executed[e->index]++;
		const char *beyond = undef ? NULL : wrote_beyond(e, run);
		if (beyond && bad++ < 20)
			printf("T16 %04x (%s): wrote %s, which its writes "
			       "column does not list\n", hw, e->name, beyond);
	}
	unsigned n;
	const struct decode_entry *es = decode_table_entries(DECODE_T16, &n);
	for (unsigned i = 0; i < n && i < 256; i++)
		if (es[i].ends != ENDS_UNDEF && executed[i] == 0 &&
		    bad++ < 40)
			printf("T16: %s (%u encodings) always UNDEFINED in "
			       "the old decoder\n",
			       es[i].name, sampled[i]);
	ck_assert_msg(bad == 0, "%u disagreements", bad);
}
END_TEST

/* ---- the T32 and T16 tables against an independent oracle ----
 * Capstone (4.x, Thumb mode, no v8) says whether an encoding is a valid
 * ARMv7 Thumb instruction; the tables say whether a line executes it (an
 * entry that is not ENDS_UNDEF). They are compared on every 16-bit
 * encoding and on CS_SAMPLES samples of every cube of the T32 partition
 * plus CS_RANDOM random 32-bit encodings, each with its line's (0)/(1)
 * bits set as drawn (a wrong one is the SBZ_SBO case of unpredictable.def,
 * which Capstone rejects and hypsim's T32 executes as if right). The
 * DELEGATE lines (VFP, Advanced SIMD) are left to test_vfp_capstone and
 * test_neon_capstone.
 * Every disagreement must be one of the known differences below, by line
 * and direction; any other fails the test. */

#define CS_SAMPLES 64
#define CS_RANDOM 500000

static const struct cs_known {
	enum decode_isa isa;
	const char *name;      /* the line, or "unallocated" */
	bool table_executes;   /* which side says "instruction" */
	const char *why;
} cs_known[] = {
	{ DECODE_T16, "UDF", false,
	  "UDF is permanently UNDEFINED (A8.8.247); Capstone disassembles it" },
	{ DECODE_T32, "UDF", false,
	  "UDF.W, as UDF" },
	{ DECODE_T16, "LDM", true,
	  "an empty register list (UNPREDICTABLE, executed as written)" },
	{ DECODE_T16, "STM", true,
	  "an empty register list, as LDM" },
	{ DECODE_T16, "PUSH", true,
	  "an empty register list, as LDM" },
	{ DECODE_T16, "POP", true,
	  "an empty register list, as LDM" },
	{ DECODE_T32, "LDM", true,
	  "PC and LR both, or SP, in the list (UNPREDICTABLE, executed as "
	  "written)" },
	{ DECODE_T32, "STM", true,
	  "an empty list, or SP or PC in it (UNPREDICTABLE; the handler "
	  "makes an empty list UNDEFINED)" },
	{ DECODE_T32, "STMDB", true, "as STM" },
	{ DECODE_T32, "LDMDB", true, "as LDM" },
	{ DECODE_T32, "MSR_reg", true,
	  "mask 0000 (UNPREDICTABLE: a NOP, unpredictable.def MSR_MASK_ZERO)" },
	{ DECODE_T32, "CPS", true,
	  "imod = 01, or mode bits with M = 0 (UNPREDICTABLE; the handler "
	  "makes imod 01 UNDEFINED and skips a mode part without M)" },
	{ DECODE_T32, "MEMHINT_imm12", true,
	  "unallocated memory hints execute as NOP (A6.3.8); Capstone has "
	  "no instruction for them" },
	{ DECODE_T32, "MEMHINT_neg", true, "as MEMHINT_imm12" },
	{ DECODE_T32, "MEMHINT_reg", true, "as MEMHINT_imm12" },
	{ DECODE_T32, "MEMHINT_lit", true, "as MEMHINT_imm12" },
	{ DECODE_T32, "PLD_lit_W1", true,
	  "PLD (literal) with its (0) bit hw1<5> set: executed as PLD" },
	{ DECODE_T32, "STC2", false,
	  "the \"2\" coprocessor forms are ARMv7 instructions that no "
	  "coprocessor of these cores accepts (ENDS_UNDEF)" },
	{ DECODE_T32, "LDC2", false, "as STC2" },
	{ DECODE_T32, "MCR2", false, "as STC2" },
	{ DECODE_T32, "MRC2", false, "as STC2" },
	{ DECODE_T32, "MCRR2", false, "as STC2" },
	{ DECODE_T32, "MRRC2", false, "as STC2" },
	{ DECODE_T32, "CDP2", false, "as STC2" },
};

struct cs_compare {
	csh h;
	enum decode_isa isa;
	enum decode_isa via; /* VFP/NEON: in A32 or in T32 form */
	unsigned long compared, agree, known, unknown;
	unsigned long per_known[sizeof cs_known / sizeof cs_known[0]];
};

/* wide: a 32-bit T32 encoding; arm: an A32 word. */
static bool cs_valid(csh h, uint32_t insn, bool wide, bool arm)
{
	uint8_t b[4];
	cs_insn *ins;
	if (arm) {
		for (unsigned i = 0; i < 4; i++)
			b[i] = (uint8_t)(insn >> (8 * i));
	} else if (wide) { /* hw1 first, each halfword little-endian */
		b[0] = (uint8_t)(insn >> 16);
		b[1] = (uint8_t)(insn >> 24);
		b[2] = (uint8_t)insn;
		b[3] = (uint8_t)(insn >> 8);
	} else {
		b[0] = (uint8_t)insn;
		b[1] = (uint8_t)(insn >> 8);
	}
	size_t n = cs_disasm(h, b, wide || arm ? 4 : 2, 0x1000, 1, &ins);
	if (n)
		cs_free(ins, n);
	return n == 1;
}

/* ---- the known differences of vfp.def / neon.def with Capstone ----
 * Each is a rule on the encoding (and the instruction set it is run in):
 * UNPREDICTABLE encodings the handlers make UNDEFINED (vfp.c V3-V7,
 * neon.h), which Capstone disassembles, and the ARMv8 additions Capstone
 * knows and these cores do not. Anything else fails. */
static bool fp_bad_core(uint32_t rt, bool thumb)
{
	return rt == 15 || (thumb && rt == 13);
}

/* V3: Rt (and Rt2) = PC, or SP in Thumb, of the core-register transfers
 * (VMRS APSR_nzcv, FPSCR excepted); VMOV to two core registers with Rt
 * == Rt2; two singles from S31. */
static bool fp_v3(uint32_t x, bool thumb)
{
	unsigned rt = (x >> 12) & 15u, rt2 = (x >> 16) & 15u;
	if ((x & 0x0fe00e10u) == 0x0c400a10u) { /* 64-bit transfers */
		bool dp = (x >> 8) & 1u;
		unsigned m = dp ? 0 : ((x & 15u) << 1 | ((x >> 5) & 1u));
		return fp_bad_core(rt, thumb) || fp_bad_core(rt2, thumb) ||
		       (((x >> 20) & 1u) && rt == rt2) || m == 31;
	}
	if ((x & 0x0ff00f10u) == 0x0ef00a10u && rt == 15 &&
	    ((x >> 16) & 15u) == 1u)
		return false; /* VMRS APSR_nzcv, FPSCR */
	return fp_bad_core(rt, thumb);
}

/* V4: VLDM/VSTM with no registers, more than 16 doubles, a list past
 * D31/S31, or writeback with Rn = PC (any Rn = PC in Thumb). */
static bool fp_v4(uint32_t x, bool thumb)
{
	bool dp = (x >> 8) & 1u, w = (x >> 21) & 1u;
	unsigned imm8 = x & 0xffu, regs = dp ? imm8 / 2 : imm8;
	unsigned d = dp ? (((x >> 22) & 1u) << 4 | ((x >> 12) & 15u))
			: (((x >> 12) & 15u) << 1 | ((x >> 22) & 1u));
	unsigned n = (x >> 16) & 15u;
	return regs == 0 || (dp && regs > 16) || d + regs > 32 ||
	       (n == 15 && (w || thumb));
}

/* V5: FLDMX/FSTMX (doubles with an odd imm8), which Capstone rejects. */
static bool fp_v5(uint32_t x, bool thumb)
{
	(void)thumb;
	return ((x >> 8) & 1u) && (x & 1u);
}

/* V6: VCVT (fixed point) with fbits < 0. */
static bool fp_v6(uint32_t x, bool thumb)
{
	unsigned size = (x >> 7) & 1u ? 32u : 16u;
	unsigned imm5 = (x & 15u) << 1 | ((x >> 5) & 1u);
	(void)thumb;
	return imm5 > size;
}

/* V7 (and V3): VMRS/VMSR of a register these cores do not have, VMSR to
 * MVFR0/MVFR1. */
static bool fp_v7(uint32_t x, bool thumb)
{
	unsigned reg = (x >> 16) & 15u;
	bool to_core = (x >> 20) & 1u;
	if (reg != 0 && reg != 1 && reg != 8 && (!to_core || (reg != 6 &&
							      reg != 7)))
		return true;
	return fp_v3(x, thumb);
}

/* VRINTR, VRINTZ, VRINTX (ARMv8): opc2 = 011x with opc3 = x1. */
static bool fp_vrint(uint32_t x, bool thumb)
{
	(void)thumb;
	return (x & 0x0fbe0e50u) == 0x0eb60a40u;
}

/* The last D register of a VLDn/VSTn (A7.7) past D31, or Rn = PC with
 * writeback (neon.h). */
static bool neon_ls_bad(uint32_t x, bool thumb)
{
	unsigned d = ((x >> 22) & 1u) << 4 | ((x >> 12) & 15u);
	unsigned rn = (x >> 16) & 15u, rm = x & 15u, last;
	(void)thumb;
	if (rn == 15 && rm != 15)
		return true;
	if (!((x >> 23) & 1u)) {
		static const unsigned char span[16] = {
			[0x0] = 3, [0x1] = 6, [0x2] = 3, [0x3] = 3,
			[0x4] = 2, [0x5] = 4, [0x6] = 2, [0x7] = 0,
			[0x8] = 1, [0x9] = 2, [0xa] = 1,
		};
		last = d + span[(x >> 8) & 15u];
	} else {
		unsigned size = (x >> 10) & 3u, n = ((x >> 8) & 3u) + 1;
		unsigned ia = (x >> 4) & 15u, inc = 1;
		if (size == 3) /* to all lanes: T */
			inc = n == 1 ? 1 : ((x >> 5) & 1u) + 1,
			last = d + (n == 1 ? ((x >> 5) & 1u) : (n - 1) * inc);
		else {
			if ((size == 1 && (ia & 2u)) || (size == 2 && (ia & 4u)))
				inc = 2;
			last = d + (n - 1) * inc;
		}
	}
	return last > 31;
}

/* VTBL/VTBX whose table runs past D31. */
static bool neon_vtbl_bad(uint32_t x, bool thumb)
{
	unsigned n = ((x >> 7) & 1u) << 4 | ((x >> 16) & 15u);
	(void)thumb;
	return n + ((x >> 8) & 3u) > 31;
}

static const struct fp_known {
	enum decode_isa isa;
	const char *prefix; /* the line's name starts with it */
	bool table_executes;
	bool (*applies)(uint32_t a32_form, bool thumb);
	const char *why;
} fp_known[] = {
	{ DECODE_VFP, "VMOV_core_", false, fp_v3, "Rt = PC (SP in Thumb): "
	  "UNDEFINED (vfp.c V3)" },
	{ DECODE_VFP, "VMOV_scalar_core", false, fp_v3, "as VMOV_core_" },
	{ DECODE_VFP, "VMOV_2core_", false, fp_v3, "Rt/Rt2 = PC (SP in "
	  "Thumb), Rt == Rt2 to the core, S31 pairs: UNDEFINED (V3)" },
	{ DECODE_VFP, "VDUP_core", false, fp_v3, "as VMOV_core_" },
	{ DECODE_VFP, "VMRS", false, fp_v7, "FPINST & co., Rt = PC: "
	  "UNDEFINED (V7, V3)" },
	{ DECODE_VFP, "VMSR", false, fp_v7, "as VMRS" },
	{ DECODE_VFP, "VLDM", false, fp_v4, "empty, long or past-D31 "
	  "lists, PC writeback: UNDEFINED (V4)" },
	{ DECODE_VFP, "VSTM", false, fp_v4, "as VLDM" },
	{ DECODE_VFP, "VLDM", true, fp_v5, "FLDMX (odd imm8, V5): "
	  "executed, Capstone has no FLDMX" },
	{ DECODE_VFP, "VSTM", true, fp_v5, "FSTMX, as FLDMX" },
	{ DECODE_VFP, "VCVT_fixed", false, fp_v6, "fbits < 0: UNDEFINED "
	  "(V6)" },
	{ DECODE_VFP, "unallocated", false, fp_vrint, "ARMv8 VRINT{R,Z,X}:"
	  " not on these cores, Capstone decodes v8" },
	{ DECODE_NEON, "VLD", false, neon_ls_bad, "a list past D31, Rn = "
	  "PC with writeback: UNDEFINED (neon.h)" },
	{ DECODE_NEON, "VST", false, neon_ls_bad, "as VLD" },
	{ DECODE_NEON, "VTBL", false, neon_vtbl_bad, "a table past D31: "
	  "UNDEFINED (neon.h)" },
};
static unsigned long fp_known_hits[sizeof fp_known / sizeof fp_known[0]];

/* The index of the known difference that explains `x` (A32 form), or -1. */
static int fp_known_match(enum decode_isa isa, const char *name,
			  bool table, uint32_t x, bool thumb)
{
	for (unsigned i = 0; i < sizeof fp_known / sizeof fp_known[0]; i++)
		if (fp_known[i].isa == isa &&
		    fp_known[i].table_executes == table &&
		    strncmp(name, fp_known[i].prefix,
			    strlen(fp_known[i].prefix)) == 0 &&
		    fp_known[i].applies(x, thumb))
			return (int)i;
	return -1;
}

static void cs_one(struct cs_compare *s, uint32_t x)
{
	bool fp = s->isa == DECODE_VFP || s->isa == DECODE_NEON;
	bool wide = s->isa == DECODE_T32 || (fp && s->via == DECODE_T32);
	bool arm = fp && s->via == DECODE_A32;
	if (s->isa == DECODE_T32 && (x >> 16) < 0xe800u)
		return; /* a 16-bit encoding's halfword */
	if (s->isa == DECODE_VFP && s->via == DECODE_T32)
		x = (x & 0x0fffffffu) | 0xe0000000u; /* T32: cond = 1110 */
	if (fp) { /* only what the A32 (and T32) table hands over */
		const struct decode_entry *d =
			decode_table_lookup_local(DECODE_A32, x);
		if (!d || d->ends != ENDS_DELEGATE || d->target != s->isa)
			return;
	}
	const struct decode_entry *e = decode_table_lookup_local(s->isa, x);
	if (e && e->ends == ENDS_DELEGATE)
		return;
	if (e) { /* the (0) and (1) bits as drawn */
		uint32_t y = (x & ~(e->sbz | e->sbo)) | e->sbo;
		if (decode_table_lookup_local(s->isa, y) == e)
			x = y;
	}
	bool table = e && e->ends != ENDS_UNDEF;
	uint32_t ox = x;
	if (fp && s->via == DECODE_T32 && !to_t32(s->isa, x, &ox))
		return;
	/* The VFP and Advanced SIMD handlers make more encodings UNDEFINED
	 * than their lines (a Q operand with an odd register, a list past
	 * D31, the scalar size 10, …), as Capstone does: what is compared
	 * is whether the interpreter executes the encoding (condition
	 * 1110, registers pointing at RAM). */
	if (fp && table)
		table = !old_decoder_undefs(
			arm ? (ox & 0x0fffffffu) | 0xe0000000u | (ox >> 28 ==
			      0xfu ? 0xf0000000u : 0) : ox,
			!arm, 4);
	bool oracle = cs_valid(s->h, ox, wide, arm);
	s->compared++;
	if (table == oracle) {
		s->agree++;
		return;
	}
	const char *name = e ? e->name : "unallocated";
	if (fp) {
		int k = fp_known_match(s->isa, name, table, x, !arm);
		if (k >= 0) {
			s->known++;
			fp_known_hits[k]++;
			return;
		}
	}
	for (unsigned i = 0; i < sizeof cs_known / sizeof cs_known[0]; i++)
		if (cs_known[i].isa == s->isa &&
		    cs_known[i].table_executes == table &&
		    strcmp(cs_known[i].name, name) == 0) {
			s->known++;
			s->per_known[i]++;
			return;
		}
	if (s->unknown++ < 40)
		printf("%s%s%s %0*x: the table %s (%s), Capstone %s\n",
		       decode_isa_name(s->isa), fp ? " via " : "",
		       fp ? decode_isa_name(s->via) : "", wide || arm ? 8 : 4,
		       ox,
		       table ? "executes it" : "says UNDEFINED", name,
		       oracle ? "decodes it" : "rejects it");
}

static bool cs_cube(void *arg, uint32_t mask, uint32_t value,
		    const struct decode_entry *e)
{
	struct cs_compare *s = arg;
	(void)e;
	for (unsigned i = 0; i < CS_SAMPLES; i++) {
		uint32_t x = (rnd() & ~mask) | value;
		if (i & 1)
			x = (tame(x, mask, 32) & ~mask) | value;
		cs_one(s, x);
	}
	return true;
}

static void cs_report(const struct cs_compare *s)
{
	printf("decode table %s via %s against Capstone: %lu encodings, %lu "
	       "agree, %lu known differences, %lu unknown\n",
	       decode_isa_name(s->isa), decode_isa_name(s->via), s->compared,
	       s->agree, s->known, s->unknown);
	for (unsigned i = 0; i < sizeof cs_known / sizeof cs_known[0]; i++)
		if (s->per_known[i])
			printf("  %s %s: %lu (%s)\n",
			       decode_isa_name(cs_known[i].isa),
			       cs_known[i].name, s->per_known[i],
			       cs_known[i].why);
}

static void cs_start(struct cs_compare *s, enum decode_isa isa,
		     enum decode_isa via)
{
	memset(s, 0, sizeof *s);
	s->isa = isa;
	s->via = via;
	ck_assert_int_eq(cs_open(CS_ARCH_ARM,
				 via == DECODE_A32 ? CS_MODE_ARM
						   : CS_MODE_THUMB,
				 &s->h),
			 CS_ERR_OK);
}

START_TEST(test_t16_capstone)
{
	static struct cs_compare s;
	cs_start(&s, DECODE_T16, DECODE_T16);
	for (uint32_t hw = 0; hw < 0xe800u; hw++)
		cs_one(&s, hw);
	cs_close(&s.h);
	cs_report(&s);
	ck_assert_uint_eq(s.compared, 0xe800u);
	ck_assert_msg(s.unknown == 0, "%lu disagreements with Capstone",
		      s.unknown);
}
END_TEST

START_TEST(test_t32_capstone)
{
	static struct cs_compare s;
	cs_start(&s, DECODE_T32, DECODE_T32);
	decode_table_partition(DECODE_T32, cs_cube, &s);
	for (unsigned i = 0; i < CS_RANDOM; i++)
		cs_one(&s, rnd() | 0xe0000000u);
	cs_close(&s.h);
	cs_report(&s);
	ck_assert_uint_gt(s.agree, 200000);
	ck_assert_msg(s.unknown == 0, "%lu disagreements with Capstone",
		      s.unknown);
}
END_TEST

/* vfp.def and neon.def against Capstone, in A32 and in T32 form: the
 * interpreter dispatches from these tables, so only an independent
 * decoder can find a wrong line. Samples of every cube of the partition
 * and CS_RANDOM random encodings of the delegated spaces. */
static void cs_fp(enum decode_isa isa, enum decode_isa via)
{
	static struct cs_compare s;
	cs_start(&s, isa, via);
	decode_table_partition(isa, cs_cube, &s);
	for (unsigned i = 0; i < CS_RANDOM; i++) {
		uint32_t x = rnd();
		if (isa == DECODE_VFP)
			x = (x & 0xf1fff1ffu) | 0x0c000a00u; /* 11xx 101x */
		else if (i & 1)
			x = (x & 0x01ffffffu) | 0xf2000000u;
		else
			x = (x & 0x00efffffu) | 0xf4000000u;
		cs_one(&s, x);
	}
	cs_close(&s.h);
	cs_report(&s);
	for (unsigned i = 0; i < sizeof fp_known / sizeof fp_known[0]; i++)
		if (fp_known_hits[i])
			printf("  %s %s%s: %lu (%s)\n",
			       decode_isa_name(fp_known[i].isa),
			       fp_known[i].prefix,
			       fp_known[i].table_executes ? " executed"
							  : " UNDEFINED",
			       fp_known_hits[i], fp_known[i].why);
	memset(fp_known_hits, 0, sizeof fp_known_hits);
	ck_assert_uint_gt(s.agree, 100000);
	ck_assert_msg(s.unknown == 0, "%lu disagreements with Capstone",
		      s.unknown);
}

START_TEST(test_vfp_capstone)
{
	cs_fp(DECODE_VFP, DECODE_A32);
	cs_fp(DECODE_VFP, DECODE_T32);
}
END_TEST

START_TEST(test_neon_capstone)
{
	cs_fp(DECODE_NEON, DECODE_A32);
	cs_fp(DECODE_NEON, DECODE_T32);
}
END_TEST

/* The SBZ_SBO policy (unpredictable.def): an encoding whose (0)/(1) bits
 * have the other value is UNDEFINED. A32 follows it, except the hint space
 * of MSR (immediate), whose insn[11:8] it ignores; T32 does not yet (its
 * count is printed, not checked). Each entry with such bits gets samples
 * with exactly one of them flipped. */
static unsigned sbz_violations(enum decode_isa table, enum decode_isa via,
			       bool print)
{
	unsigned n, executed = 0, entries_hit = 0;
	const struct decode_entry *es = decode_table_entries(table, &n);
	bool thumb = via != DECODE_A32;
	for (unsigned i = 0; i < n; i++) {
		const struct decode_entry *e = &es[i];
		uint32_t sb = e->sbz | e->sbo;
		unsigned hit = 0;
		/* U2: the hint space of MSR (immediate) ignores insn[11:8],
		 * T32's hint space its (0)/(1) bits */
		bool hint = (table == DECODE_A32 &&
			     strncmp(e->pattern, "cccc001100100000", 16) == 0) ||
			    (table == DECODE_T32 &&
			     strncmp(e->pattern, "111100111010", 12) == 0);
		if (!sb || e->ends == ENDS_UNDEF || coprocessor_entry(e))
			continue;
		for (unsigned j = 0; j < 256; j++) {
			uint32_t x = (rnd() & ~e->mask) | e->value;
			x = (tame(x, e->mask, 32) & ~e->mask) | e->value;
			x = (x & ~sb) | e->sbo;
			if (table != DECODE_T32 && (x >> 28) != 0xfu)
				x = (x & 0x0fffffffu) | 0xe0000000u;
			uint32_t run = x;
			if (via == DECODE_T32 && table != DECODE_T32 &&
			    !to_t32(table, x, &run))
				continue;
			if (decode_table_lookup(via, run) != e)
				continue;
			/* flip one (0)/(1) bit */
			uint32_t bits[32];
			unsigned nb = 0;
			for (unsigned b = 0; b < 32; b++)
				if ((sb >> b) & 1u)
					bits[nb++] = 1u << b;
			uint32_t flip = bits[rnd() % nb];
			uint32_t bad = run ^ flip;
			if (bad == run)
				continue;
			if (decode_table_lookup(via, bad) != e)
				continue; /* another entry fixes that bit */
			if (!old_decoder_undefs(bad, thumb,
						table == DECODE_T16 ? 2 : 4)) {
				executed++;
				if (hit++ == 0 && print && !hint)
					printf("%s: %s %08x (a (0)/(1) bit "
					       "flipped) is executed\n",
					       decode_isa_name(via), e->name,
					       bad);
			}
		}
		entries_hit += hit != 0 && !hint;
	}
	printf("decode table %s via %s: %u samples with a wrong (0)/(1) bit "
	       "executed, in %u entries (not counting the A32 hints)\n",
	       decode_isa_name(table), decode_isa_name(via), executed,
	       entries_hit);
	return entries_hit;
}

START_TEST(test_sbz_policy)
{
	unsigned bad = 0;
	bad += sbz_violations(DECODE_A32, DECODE_A32, true);
	bad += sbz_violations(DECODE_VFP, DECODE_A32, true);
	bad += sbz_violations(DECODE_NEON, DECODE_A32, true);
	ck_assert_msg(bad == 0, "%u A32 entries execute a wrong (0)/(1) bit",
		      bad);
	/* one policy: T32 and T16 too (unpredictable.def SBZ_SBO) */
	bad = sbz_violations(DECODE_T32, DECODE_T32, true);
	bad += sbz_violations(DECODE_T16, DECODE_T16, true);
	ck_assert_msg(bad == 0, "%u T32/T16 entries execute a wrong (0)/(1) "
		      "bit", bad);
}
END_TEST

/* The block engine's classes come from the table (decode_flow_of): one
 * example of each rule, in each instruction set. A wrong writes or ends
 * column, a missing W_MEM_READ or a PC destination not seen would move
 * one of these. */
START_TEST(test_block_flow_examples)
{
	static const struct {
		bool thumb;
		uint32_t insn;
		enum decode_flow flow;
		const char *what;
	} ex[] = {
		{ false, 0xe0810002, FLOW_PLAIN, "ADD r0, r1, r2" },
		{ false, 0x10810002, FLOW_PLAIN, "ADDNE r0, r1, r2" },
		{ false, 0xe1a0f00e, FLOW_ENDS, "MOV pc, lr (a PC Rd)" },
		{ false, 0xeafffffe, FLOW_BRANCH, "B ." },
		{ false, 0xeb000000, FLOW_BRANCH, "BL" },
		{ false, 0xe5900004, FLOW_MEM, "LDR r0, [r0, #4]" },
		{ false, 0xe59ff004, FLOW_ENDS_PC, "LDR pc, [pc, #4] (a PC Rt)" },
		{ false, 0xe8bd8010, FLOW_ENDS_PC, "POP {r4, pc} (the list's PC)" },
		{ false, 0xe12fff1e, FLOW_ENDS_PC, "BX lr" },
		{ false, 0xe160006e, FLOW_ENDS_PC, "ERET" },
		{ false, 0xe1b0f00e, FLOW_ENDS, "MOVS pc, lr (W_XRET line)" },
		{ false, 0xe1c020d0, FLOW_MEM, "LDRD r2, r3, [r0]" },
		{ false, 0xe1cf00d8, FLOW_CONTINUES,
		  "LDRD r0, r1, [pc, #8] (literal: not specialised)" },
		{ false, 0xe8dd0003, FLOW_CONTINUES, "LDM sp, {r0, r1}^" },
		{ false, 0xe1902f9f, FLOW_ENDS, "LDREX (exclusive monitor)" },
		{ false, 0xee110f10, FLOW_ENDS, "MRC p15 (system register)" },
		{ false, 0xf57ff04f, FLOW_PLAIN, "DSB (changes no modelled state)" },
		{ false, 0xf57ff05b, FLOW_PLAIN, "DMB ISH" },
		{ false, 0xf57ff06f, FLOW_ENDS, "ISB (context synchronization)" },
		{ false, 0xe320f000, FLOW_PLAIN, "NOP" },
		{ false, 0xe320f003, FLOW_ENDS, "WFI" },
		{ false, 0xe320f004, FLOW_ENDS, "SEV" },
		{ false, 0xf5d0f000, FLOW_PLAIN, "PLD (a hint: no access)" },
		{ false, 0xf51ff000, FLOW_ENDS, "PLDW (literal): UNPREDICTABLE" },
		{ false, 0xe10f7000, FLOW_PLAIN, "MRS r7, APSR" },
		{ false, 0xe14f7000, FLOW_ENDS, "MRS r7, SPSR (UNDEFINED in User)" },
		{ false, 0xe7f000f0, FLOW_ENDS, "UDF" },
		{ false, 0xed900a00, FLOW_CONTINUES, "VLDR s0 (delegated)" },
		{ false, 0xf4200a0f, FLOW_CONTINUES, "VLD1 (delegated)" },
		{ false, 0xee300a01, FLOW_ENDS, "VADD.F32 (extension regs)" },
		{ false, 0x01b001b0, FLOW_ENDS, "LDRH with a wrong (0) bit" },
		{ true, 0x4400, FLOW_PLAIN, "ADD r0, r0 (16-bit)" },
		{ true, 0x4487, FLOW_ENDS_PC, "ADD pc, r0 (D:Rdn = 15)" },
		{ true, 0x46f7, FLOW_ENDS_PC, "MOV pc, lr" },
		{ true, 0xbc10, FLOW_MEM, "POP {r4}" },
		{ true, 0xbd10, FLOW_ENDS_PC, "POP {r4, pc} (the P bit)" },
		{ true, 0xe7fe, FLOW_BRANCH, "B ." },
		{ true, 0xd0fe, FLOW_BRANCH, "BEQ ." },
		{ true, 0xdf00, FLOW_ENDS, "SVC" },
		{ true, 0xf000f800, FLOW_BRANCH, "BL" },
		{ true, 0xe8bd4010, FLOW_CONTINUES, "POP.W {r4, lr}" },
		{ true, 0xe8bd8010, FLOW_ENDS_PC, "POP.W {r4, pc} (the P bit)" },
		{ true, 0xf8d0f004, FLOW_ENDS_PC, "LDR.W pc, [r0, #4]" },
		{ true, 0xe9d02300, FLOW_CONTINUES, "LDRD r2, r3, [r0]" },
		{ true, 0xe8d0f000, FLOW_ENDS_PC, "TBB (writes the PC)" },
		{ true, 0x4770, FLOW_ENDS_PC, "BX lr" },
		{ true, 0xe8500f00, FLOW_ENDS, "LDREX" },
		{ true, 0xbf00, FLOW_ENDS, "NOP (a hint)" },
		{ true, 0xe92d4010, FLOW_CONTINUES, "PUSH.W {r4, lr}" },
		{ true, 0xf8500b04, FLOW_CONTINUES, "LDR r0, [r0], #4" },
	};
	for (unsigned i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		struct decoded_insn d;
		if (ex[i].thumb)
			t32_predecode(&d, ex[i].insn);
		else
			a32_predecode(&d, ex[i].insn);
		ck_assert_msg(d.flow == ex[i].flow,
			      "%s %08x %s: flow %u, expected %u",
			      ex[i].thumb ? "T32" : "A32", ex[i].insn,
			      ex[i].what, d.flow, ex[i].flow);
	}
}
END_TEST

static Suite *decode_table_suite(void)
{
	Suite *s = suite_create("decode_table");
	TCase *tc = tcase_create("table");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_tables_parse);
	tcase_add_test(tc, test_lookup_examples);
	tcase_add_test(tc, test_lookup_speed);
	tcase_add_test(tc, test_no_overlaps);
	tcase_add_test(tc, test_partition);
	tcase_add_test(tc, test_t16_exhaustive);
	tcase_add_test(tc, test_a32_against_capstone);
	tcase_add_test(tc, test_t32_executes);
	tcase_add_test(tc, test_t16_capstone);
	tcase_add_test(tc, test_t32_capstone);
	tcase_add_test(tc, test_vfp_capstone);
	tcase_add_test(tc, test_neon_capstone);
	tcase_add_test(tc, test_sbz_policy);
	tcase_add_test(tc, test_block_flow_examples);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(decode_table_suite)
