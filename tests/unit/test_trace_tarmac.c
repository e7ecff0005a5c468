/* The pieces under Tarmac export and the diff between simulators: the
 * condition check behind IT/IS, the translation regime and VMID derived
 * from SCR/HCR/VTTBR, --from/--to bounds and ranges, and mask files
 * (parsing, instruction classes, which bits they excuse). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "hyp/exception.h"
#include "trace/format.h"
#include "trace/mask.h"
#include "trace/view.h"

START_TEST(test_condition_check)
{
	uint32_t z = CPSR_Z, none = 0;
	/* ARM: BEQ passes with Z, fails without; AL always */
	ck_assert(trace_insn_executed(0x0afffffd, 4, false, z));
	ck_assert(!trace_insn_executed(0x0afffffd, 4, false, none));
	ck_assert(trace_insn_executed(0x1afffffd, 4, false, none)); /* BNE */
	ck_assert(!trace_insn_executed(0x1afffffd, 4, false, z));
	ck_assert(trace_insn_executed(0xe3a00001, 4, false, none));
	/* GT: Z clear and N == V */
	ck_assert(trace_insn_executed(0xca000000, 4, false, CPSR_N | CPSR_V));
	ck_assert(!trace_insn_executed(0xca000000, 4, false, CPSR_N));
	/* Thumb B<c> T1 (BEQ 0xd0xx) and T3 (BNE.W) */
	ck_assert(!trace_insn_executed(0xd0fe, 2, true, none));
	ck_assert(trace_insn_executed(0xd0fe, 2, true, z));
	ck_assert(trace_insn_executed(0xf47faffe, 4, true, none)); /* bne.w */
	ck_assert(!trace_insn_executed(0xf47faffe, 4, true, z));
	/* inside an IT block: ITSTATE = EQ, first of one (0x08) */
	uint32_t it_eq = (0x08u >> 2) << 10 | (0x08u & 3) << 25;
	it_eq |= 0u << 14; /* IT[7:4] = 0000 = EQ */
	ck_assert(!trace_insn_executed(0x2001, 2, true, it_eq));
	ck_assert(trace_insn_executed(0x2001, 2, true, it_eq | z));
	/* an unknown encoding is executed */
	ck_assert(trace_insn_executed(0, 0, false, none));
}
END_TEST

static void header(struct trace_header *h, unsigned n_cores)
{
	memset(h, 0, sizeof(*h));
	h->producer = strdup("t");
	h->board = strdup("");
	h->options = strdup("");
	h->n_cores = n_cores;
	h->core_models = calloc(n_cores, sizeof(char *));
	for (unsigned i = 0; i < n_cores; i++)
		h->core_models[i] = strdup("");
	ck_assert(trace_header_fill_regs(h));
}

START_TEST(test_regime_and_vmid)
{
	struct trace_header h;
	header(&h, 2);
	struct trace_state st;
	ck_assert(trace_state_init(&st, &h));
	char buf[48];
	int scr = trace_header_find_reg(&h, "SCR");
	int hcr = trace_header_find_reg(&h, "HCR");
	int vttbr = trace_header_find_reg(&h, "VTTBR");
	ck_assert(scr >= 0 && hcr >= 0 && vttbr >= 0);
	/* nothing recorded: Hyp is known, SVC is not */
	trace_state_regime(&st, 0, MODE_HYP, buf, sizeof(buf));
	ck_assert_str_eq(buf, "NS PL2");
	trace_state_regime(&st, 0, MODE_SVC, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	/* a snapshot with SCR.NS = 0 */
	struct trace_reg_val regs[3] = {
		{ .id = (uint32_t)scr, .value = 0 },
		{ .id = (uint32_t)hcr, .value = 0 },
		{ .id = (uint32_t)vttbr, .value = 0 },
	};
	struct trace_record snap = { .kind = TREC_SNAPSHOT, .core = 0,
				     .n_regs = 3, .regs = regs };
	trace_state_apply(&st, &snap);
	trace_state_regime(&st, 0, MODE_SVC, buf, sizeof(buf));
	ck_assert_str_eq(buf, "S PL1&0");
	/* system-register write events: SCR.NS, then VTTBR, then HCR.VM */
	struct trace_event ev[3] = {
		{ .type = TEV_SYSREG, .u.sysreg = { (uint32_t)scr, 0, 1 } },
		{ .type = TEV_SYSREG, .u.sysreg = { (uint32_t)vttbr, 0,
						   0x0005000040000000ull } },
		{ .type = TEV_SYSREG, .u.sysreg = { (uint32_t)hcr, 0, 1 } },
	};
	struct trace_record r = { .kind = TREC_INSN, .core = 0, .n_ev = 2,
				  .ev = ev };
	trace_state_apply(&st, &r);
	trace_state_regime(&st, 0, MODE_SVC, buf, sizeof(buf));
	ck_assert_str_eq(buf, "NS PL1&0"); /* stage 2 still off */
	ck_assert(trace_state_nonsecure(&st, 0, MODE_SVC));
	ck_assert(!trace_state_nonsecure(&st, 0, MODE_MON));
	r.n_ev = 1;
	r.ev = &ev[2];
	trace_state_apply(&st, &r);
	trace_state_regime(&st, 0, MODE_SVC, buf, sizeof(buf));
	ck_assert_str_eq(buf, "NS PL1&0 VMID 5");
	/* the other core is untouched */
	trace_state_regime(&st, 1, MODE_SVC, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	trace_state_free(&st);
	trace_header_free(&h);
}
END_TEST

START_TEST(test_bounds_and_ranges)
{
	struct trace_bound b;
	ck_assert(trace_bound_parse("icount:12", &b));
	ck_assert_int_eq(b.kind, TB_ICOUNT);
	ck_assert_uint_eq(b.value, 12);
	ck_assert(trace_bound_parse("#7", &b) && b.kind == TB_ICOUNT && b.value == 7);
	ck_assert(trace_bound_parse("0x40000100", &b));
	ck_assert_int_eq(b.kind, TB_PC);
	ck_assert_uint_eq(b.value, 0x40000100);
	ck_assert(trace_bound_parse("main", &b) && b.symbol);
	ck_assert(!trace_bound_parse("icount:x", &b));
	ck_assert(!trace_bound_parse("0x12g", &b));

	struct trace_header h;
	header(&h, 2);
	struct trace_symbol sym = { "main", 0x2000, 16 };
	h.syms = calloc(1, sizeof(sym));
	h.syms[0] = sym;
	h.syms[0].name = strdup("main");
	h.n_syms = 1;
	char err[128];
	ck_assert(trace_bound_parse("main", &b));
	ck_assert(trace_bound_resolve(&b, &h, err, sizeof(err)));
	ck_assert_uint_eq(b.value, 0x2000);
	ck_assert(trace_bound_parse("nope", &b));
	ck_assert(!trace_bound_resolve(&b, &h, err, sizeof(err)));
	ck_assert(strstr(err, "'nope' is not a symbol"));

	/* --from 0x2000 --to icount:5, per core */
	struct trace_bound from, to;
	ck_assert(trace_bound_parse("0x2000", &from));
	ck_assert(trace_bound_parse("icount:5", &to));
	struct trace_range rg;
	ck_assert(trace_range_init(&rg, &from, &to, 2));
	struct trace_record r = { .kind = TREC_INSN };
	const struct {
		unsigned core;
		uint64_t icount;
		uint32_t pc;
		bool keep;
	} seq[] = {
		{ 0, 0, 0x1000, false }, { 1, 0, 0x2000, true }, /* core 1 starts */
		{ 0, 1, 0x2000, true },  { 0, 2, 0x1000, true },
		{ 1, 5, 0x2004, true },  { 1, 6, 0x2008, false }, /* past --to */
		{ 0, 5, 0x2000, true },  { 0, 6, 0x2000, false },
	};
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		r.core = seq[i].core;
		r.icount = seq[i].icount;
		r.pc = seq[i].pc;
		ck_assert_msg(trace_range_keep(&rg, &r) == seq[i].keep, "step %zu", i);
	}
	trace_range_free(&rg);
	trace_header_free(&h);
}
END_TEST

static char mpath[64];

static void write_mask(const char *text)
{
	snprintf(mpath, sizeof(mpath), "/tmp/hypsim_mask_XXXXXX");
	int fd = mkstemp(mpath);
	ck_assert_int_ge(fd, 0);
	ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

START_TEST(test_masks)
{
	struct trace_header h;
	header(&h, 1);
	write_mask("# known\n"
		   "start CPSR bits=31:28 -- flags\n"
		   "after semihosting R0 -- host\n"
		   "after mrc=p15,0,c0,c0,6 Rt -- revidr\n"
		   "reg HSCTLR bits=0x30c50818 at=0x1000-0x10ff\n"
		   "exception syndrome kind=HYP_TRAP bits=24:20\n");
	struct trace_masks ms = { 0 };
	char err[256];
	ck_assert_msg(trace_masks_load(&ms, mpath, err, sizeof(err)), "%s", err);
	unlink(mpath);
	ck_assert_uint_eq(ms.n, 5);
	ck_assert(trace_masks_resolve(&ms, &h, &h, err, sizeof(err)));
	ck_assert_uint_eq(trace_masks_start(&ms, REG_CPSR), 0xf0000000u);
	ck_assert_uint_eq(trace_masks_start(&ms, REG_R0), 0);

	struct trace_mask *by = NULL;
	struct trace_record svc = { .kind = TREC_INSN, .pc = 0x8000,
				    .enc = 0xef123456, .enc_size = 4 };
	struct trace_record svc1 = svc;
	svc1.enc = 0xef000001; /* an ordinary SVC */
	struct trace_record tsvc = { .kind = TREC_INSN, .flags = TREC_F_THUMB,
				     .pc = 0x8000, .enc = 0xdfab, .enc_size = 2 };
	struct trace_record hlt = svc;
	hlt.enc = 0xe10f0070; /* HLT #0xF000 */
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R0, &svc, NULL, &by), ~0ull);
	ck_assert_str_eq(by->reason, "host");
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R0, NULL, &tsvc, &by), ~0ull);
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R0, &hlt, NULL, &by), ~0ull);
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R0, &svc1, &svc1, &by), 0);
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R1, &svc, &svc, &by), 0);

	/* MRC p15,0,r4,c0,c0,6 (REVIDR): its Rt, R4, only */
	struct trace_record mrc = { .kind = TREC_INSN, .pc = 0x8000,
				    .enc = 0xee104fd0, .enc_size = 4 };
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R4, &mrc, NULL, &by), ~0ull);
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R0, &mrc, NULL, &by), 0);
	struct trace_record midr = mrc;
	midr.enc = 0xee104f10; /* MRC p15,0,r4,c0,c0,0: MIDR, not masked */
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R4, &midr, NULL, &by), 0);
	struct trace_record tmrc = mrc; /* the T32 encoding of the same */
	tmrc.flags = TREC_F_THUMB;
	tmrc.enc = 0xee104fd0;
	ck_assert_uint_eq(trace_masks_reg(&ms, REG_R4, &tmrc, NULL, &by), ~0ull);

	/* a register in a PC range */
	int hsctlr = trace_header_find_reg(&h, "HSCTLR");
	struct trace_record in = { .kind = TREC_INSN, .pc = 0x1010 };
	struct trace_record out = { .kind = TREC_INSN, .pc = 0x1100 };
	ck_assert_uint_eq(trace_masks_reg(&ms, (uint32_t)hsctlr, &in, NULL, &by),
			  0x30c50818u);
	ck_assert_uint_eq(trace_masks_reg(&ms, (uint32_t)hsctlr, &out, &out, &by), 0);

	/* exception fields by kind */
	ck_assert_uint_eq(trace_masks_exc(&ms, MF_SYNDROME, EXC_HYP_TRAP, 0, &by),
			  0x01f00000u);
	ck_assert_uint_eq(trace_masks_exc(&ms, MF_SYNDROME, EXC_UNDEF, 0, &by), 0);
	ck_assert_uint_eq(trace_masks_exc(&ms, MF_FAR, EXC_HYP_TRAP, 0, &by), 0);
	trace_masks_free(&ms);

	/* errors name the file and line */
	const char *bad[] = {
		"\nfoo R0\n",
		"\nafter nothing R0\n",
		"\nreg R0 bits=40:50\n",
		"\nexception cause\n",
		"\nreg R0 kind=IRQ\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_mask(bad[i]);
		struct trace_masks m2 = { 0 };
		ck_assert_msg(!trace_masks_load(&m2, mpath, err, sizeof(err)),
			      "accepted: %s", bad[i]);
		char want[80];
		snprintf(want, sizeof(want), "%s:2: ", mpath);
		ck_assert_msg(strstr(err, want), "%s", err);
		unlink(mpath);
		trace_masks_free(&m2);
	}
	/* an unknown register is refused when resolved */
	write_mask("reg NOSUCH\n");
	ck_assert(trace_masks_load(&ms, mpath, err, sizeof(err)));
	unlink(mpath);
	ck_assert(!trace_masks_resolve(&ms, &h, &h, err, sizeof(err)));
	ck_assert(strstr(err, "'NOSUCH' is not a register"));
	trace_masks_free(&ms);
	trace_header_free(&h);
}
END_TEST

static Suite *tarmac_suite(void)
{
	Suite *s = suite_create("trace_tarmac");
	TCase *tc = tcase_create("tarmac");
	tcase_add_test(tc, test_condition_check);
	tcase_add_test(tc, test_regime_and_vmid);
	tcase_add_test(tc, test_bounds_and_ranges);
	tcase_add_test(tc, test_masks);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(tarmac_suite)
