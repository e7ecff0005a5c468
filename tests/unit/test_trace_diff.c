/* trace diff on synthetic pairs of traces: equal, a register that parts
 * (reported with its name, mode and the instruction), a different
 * instruction stream, one side ending early, --ignore, events, --align pc
 * across an exception handler seen on one side only, imported traces
 * (fields they lack are not compared), and unreadable input (exit 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "hyp/exception.h"
#include "trace/format.h"
#include "trace/sink.h"
#include "trace/tools.h"

static char path_a[64], path_b[64];

static void mkpath(char *p)
{
	snprintf(p, 64, "%s/hypsim_diff_XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	int fd = mkstemp(p);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void setup(void)
{
	mkpath(path_a);
	mkpath(path_b);
}

static void teardown(void)
{
	unlink(path_a);
	unlink(path_b);
}

/* A tiny program, described by its records: each step is a PC, an
 * encoding and up to two register writes. */
struct step {
	uint32_t pc, enc;
	uint32_t r1;
	uint64_t v1;
	uint32_t r2;
	uint64_t v2;
	uint8_t mode;
	bool exc;     /* takes an SVC (event) */
	bool no_insn; /* an exception entry on its own */
	uint32_t r3_plus1; /* a third register, id + 1 (0: none) */
	uint64_t v3;
};
#define NONE UINT32_MAX

struct writer {
	struct trace_sink s;
	uint64_t icount;
	uint32_t regs_seen;
};

static void open_trace(struct writer *w, const char *path, uint32_t flags,
		       uint32_t absent, uint32_t start_cpsr)
{
	struct trace_header h = { 0 };
	h.flags = flags;
	h.absent = absent;
	h.producer = strdup("test");
	h.board = strdup("bare");
	h.options = strdup("");
	h.n_cores = 1;
	h.core_models = calloc(1, sizeof(char *));
	h.core_models[0] = strdup("cortex-a15");
	ck_assert(trace_header_fill_regs(&h));
	char err[256];
	ck_assert_msg(trace_sink_open(&w->s, path, &h, err, sizeof(err)), "%s", err);
	w->icount = 0;
	/* start state: R0-R15, CPSR */
	struct trace_reg_val regs[17];
	for (unsigned i = 0; i < 17; i++) {
		regs[i].id = i;
		regs[i].value = i == REG_PC ? 0x1000 : i == REG_CPSR ? start_cpsr : 0;
	}
	struct trace_record s = { .kind = TREC_SNAPSHOT, .mode = MODE_SVC,
				  .pc = 0x1000, .n_regs = 17, .regs = regs };
	ck_assert(trace_sink_put(&w->s, &s));
}

static void put_steps(struct writer *w, const struct step *st, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct trace_reg_val regs[3];
		struct trace_event ev = { .type = TEV_EXCEPTION };
		ev.u.exc.kind = EXC_SVC;
		ev.u.exc.from_mode = MODE_SVC;
		ev.u.exc.to_mode = MODE_SVC;
		ev.u.exc.vector = 0x08;
		ev.u.exc.return_addr = st[i].pc + 4;
		struct trace_record r = {
			.kind = TREC_INSN, .mode = st[i].mode ? st[i].mode : MODE_SVC,
			.icount = w->icount, .pc = st[i].pc, .enc = st[i].enc,
			.enc_size = st[i].no_insn || !st[i].enc ? 0 : 4, .regs = regs,
		};
		if (st[i].no_insn)
			r.flags |= TREC_F_NO_INSN;
		else
			w->icount++;
		if (st[i].r1 != NONE)
			regs[r.n_regs++] = (struct trace_reg_val){ .id = st[i].r1, .value = st[i].v1 };
		if (st[i].r2 != NONE)
			regs[r.n_regs++] = (struct trace_reg_val){ .id = st[i].r2, .value = st[i].v2 };
		if (st[i].r3_plus1)
			regs[r.n_regs++] = (struct trace_reg_val){ .id = st[i].r3_plus1 - 1,
								   .value = st[i].v3 };
		if (st[i].exc) {
			r.ev = &ev;
			r.n_ev = 1;
		}
		ck_assert(trace_sink_put(&w->s, &r));
	}
}

static void close_trace(struct writer *w)
{
	ck_assert(trace_sink_close(&w->s, 0));
	trace_sink_free(&w->s);
}

#define S(pc, enc, r, v) { pc, enc, r, v, NONE, 0, 0, false, false, 0, 0 }
#define S2(pc, enc, r, v, q, w) { pc, enc, r, v, q, w, 0, false, false, 0, 0 }

static const struct step prog[] = {
	S(0x1000, 0xe3a00001, REG_R0, 1),              /* mov r0, #1 */
	S(0x1004, 0xe3a01002, REG_R1, 2),              /* mov r1, #2 */
	S(0x1008, 0xe0802001, REG_R2, 3),              /* add r2, r0, r1 */
	S2(0x100c, 0xe52d2004, REG_SP, 0xffc, REG_SP_SVC, 0xffc), /* push */
	S(0x1010, 0xe1a00000, NONE, 0),                /* nop */
	S(0x1014, 0xe3530003, REG_CPSR, 0x600001d3),   /* cmp r3, #3 */
};
#define N_PROG (sizeof(prog) / sizeof(prog[0]))

static char *out_buf, *err_buf;
static size_t out_len, err_len;

static int run_diff(enum trace_align align, const char *ignore)
{
	free(out_buf);
	free(err_buf);
	FILE *out = open_memstream(&out_buf, &out_len);
	FILE *err = open_memstream(&err_buf, &err_len);
	struct trace_diff_options o = { .align = align, .ignore = ignore,
					.context = 2, .window = 1000 };
	int rc = trace_diff(path_a, path_b, &o, out, err);
	fclose(out);
	fclose(err);
	return rc;
}

#define EXPECT_RC(rc, align, ignore)                                      \
	do {                                                              \
		int got_ = run_diff(align, ignore);                       \
		ck_assert_msg(got_ == (rc), "diff exited %d, expected %d:\n%s%s", \
			      got_, rc, out_buf, err_buf);                \
	} while (0)

static void expect_out(const char *s)
{
	ck_assert_msg(strstr(out_buf, s) != NULL, "expected \"%s\" in:\n%s", s, out_buf);
}

static void write_pair(const struct step *a, unsigned na, const struct step *b,
		       unsigned nb)
{
	struct writer w;
	open_trace(&w, path_a, 0, 0, 0x1d3);
	put_steps(&w, a, na);
	close_trace(&w);
	open_trace(&w, path_b, 0, 0, 0x1d3);
	put_steps(&w, b, nb);
	close_trace(&w);
}

START_TEST(test_equal)
{
	write_pair(prog, N_PROG, prog, N_PROG);
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("equal: 6 instructions agreed on 1 core");
	EXPECT_RC(0, TRACE_ALIGN_PC, NULL);
}
END_TEST

START_TEST(test_register_parts)
{
	struct step b[N_PROG];
	memcpy(b, prog, sizeof(b));
	b[2].v1 = 4; /* add gives 4 on B */
	write_pair(prog, N_PROG, b, N_PROG);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("traces differ after 3 instructions agreed");
	expect_out("first difference: R2 = 00000003 in A, 00000004 in B");
	expect_out("first register to part: R2 in svc mode");
	/* the instruction responsible, with its disassembly, on both sides */
	expect_out("A:         2 c0 svc 00001008");
	expect_out("add r2, r0, r1");
	expect_out("B:         2 c0 svc 00001008");
	/* context: the records around it */
	expect_out(">         2 c0 svc 00001008");
	expect_out("mov r1, #2");
	/* ignoring R2 makes them equal */
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, "R2");
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, "r2,MIDR");
}
END_TEST

START_TEST(test_last_instruction_parts)
{
	struct step b[N_PROG];
	memcpy(b, prog, sizeof(b));
	b[N_PROG - 1].v1 = 0x200001d3;
	write_pair(prog, N_PROG, b, N_PROG);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("first difference: CPSR = 600001d3 in A, 200001d3 in B");
}
END_TEST

START_TEST(test_stream_parts)
{
	struct step b[N_PROG];
	memcpy(b, prog, sizeof(b));
	b[4].pc = 0x2000;
	write_pair(prog, N_PROG, b, N_PROG);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("instruction streams part: A at 00001010, B at 00002000");
	expect_out("first difference in: the instruction stream (PC)");
	/* and the encoding at the same PC */
	memcpy(b, prog, sizeof(b));
	b[4].enc = 0xe320f000;
	write_pair(prog, N_PROG, b, N_PROG);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("encoding at 00001010");
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, "encoding");
}
END_TEST

START_TEST(test_one_ends_early)
{
	write_pair(prog, N_PROG, prog, N_PROG - 2);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("B ends; A goes on");
	expect_out("4 instructions agreed");
}
END_TEST

START_TEST(test_events_compared)
{
	struct step a[N_PROG], b[N_PROG];
	memcpy(a, prog, sizeof(a));
	memcpy(b, prog, sizeof(b));
	a[4].exc = true;
	write_pair(a, N_PROG, b, N_PROG);
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("first difference: event 0 exists only in A");
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, "events");
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, "exception");
	b[4].exc = true;
	write_pair(a, N_PROG, b, N_PROG);
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, NULL);
}
END_TEST

START_TEST(test_start_state_is_a_note)
{
	struct writer w;
	open_trace(&w, path_a, 0, 0, 0x1d3);
	put_steps(&w, prog, N_PROG);
	close_trace(&w);
	open_trace(&w, path_b, 0, 0, 0x400001d3); /* Z set out of reset */
	put_steps(&w, prog, N_PROG);
	close_trace(&w);
	EXPECT_RC(0, TRACE_ALIGN_ICOUNT, NULL);
	expect_out("note: core 0 start state: CPSR = 000001d3 in A, 400001d3 in B");
}
END_TEST

/* B takes an interrupt A does not: an exception entry on its own, three
 * handler instructions, and the return to where A goes on. */
START_TEST(test_align_pc_skips_a_handler)
{
	struct step b[N_PROG + 4];
	memcpy(b, prog, 3 * sizeof(*b));
	/* as the writer records them: the views and the banked copies */
	b[3] = (struct step){ 0x100c, 0, REG_LR, 0x1010, REG_CPSR, 0x1d2,
			      MODE_SVC, false, true, REG_LR_IRQ + 1, 0x1010 };
	b[4] = (struct step){ 0x18, 0xe24ee004, REG_LR, 0x100c, REG_LR_IRQ, 0x100c,
			      MODE_IRQ, false, false, 0, 0 };
	b[5] = (struct step){ 0x1c, 0xe3a0c055, REG_R12, 0x55, NONE, 0, MODE_IRQ,
			      false, false, 0, 0 };
	b[6] = (struct step){ 0x20, 0xe1b0f00e, REG_LR, 0, REG_CPSR, 0x1d3,
			      MODE_IRQ, false, false, 0, 0 };
	memcpy(&b[7], &prog[3], 3 * sizeof(*b));
	write_pair(prog, N_PROG, b, N_PROG + 4);
	/* by icount they differ at once (the handler takes B's counts) */
	EXPECT_RC(1, TRACE_ALIGN_ICOUNT, NULL);
	/* by PC the handler is recognised, but R12 was left changed */
	EXPECT_RC(1, TRACE_ALIGN_PC, NULL);
	expect_out("first difference: R12 = 00000000 in A, 00000055 in B");
	EXPECT_RC(0, TRACE_ALIGN_PC, "R12");
	expect_out("records only in A, 4 only in B");
	/* without an exception entry, extra records are not explicable */
	struct step c[N_PROG + 1];
	memcpy(c, prog, 3 * sizeof(*c));
	c[3] = (struct step)S(0x3000, 0xe1a00000, NONE, 0);
	memcpy(&c[4], &prog[3], 3 * sizeof(*c));
	write_pair(prog, N_PROG, c, N_PROG + 1);
	EXPECT_RC(1, TRACE_ALIGN_PC, NULL);
	expect_out("instruction streams part: A at 0000100c, B at 00003000");
}
END_TEST

START_TEST(test_imported_side_lacks_fields)
{
	/* A as hypsim writes it: banked registers, an event; B imported:
	 * view registers only, no events, no encodings */
	struct step a[N_PROG], b[N_PROG];
	memcpy(a, prog, sizeof(a));
	memcpy(b, prog, sizeof(b));
	a[4].exc = true;
	for (unsigned i = 0; i < N_PROG; i++) {
		b[i].enc = 0;
		if (b[i].r2 == REG_SP_SVC)
			b[i].r2 = NONE;
	}
	struct writer w;
	open_trace(&w, path_a, 0, 0, 0x1d3);
	put_steps(&w, a, N_PROG);
	close_trace(&w);
	open_trace(&w, path_b, TRACE_HDR_IMPORTED,
		   TRACE_ABSENT_MEM | TRACE_ABSENT_EVENTS | TRACE_ABSENT_BANKED |
			   TRACE_ABSENT_SYSREGS | TRACE_ABSENT_ENCODING,
		   0x1d3);
	put_steps(&w, b, N_PROG);
	close_trace(&w);
	EXPECT_RC(0, TRACE_ALIGN_PC, NULL);
	expect_out("equal: 6 instructions agreed");
}
END_TEST

START_TEST(test_errors_exit_2)
{
	write_pair(prog, N_PROG, prog, N_PROG);
	EXPECT_RC(2, TRACE_ALIGN_ICOUNT, "NOSUCHREG");
	ck_assert_msg(strstr(err_buf, "NOSUCHREG") != NULL, "%s", err_buf);
	/* truncate B */
	FILE *f = fopen(path_b, "r+b");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	ck_assert_int_eq(truncate(path_b, n - 5), 0);
	EXPECT_RC(2, TRACE_ALIGN_ICOUNT, NULL);
	ck_assert_msg(strstr(err_buf, "truncated") != NULL, "%s", err_buf);
	unlink(path_b);
	EXPECT_RC(2, TRACE_ALIGN_ICOUNT, NULL);
}
END_TEST

static Suite *diff_suite(void)
{
	Suite *s = suite_create("trace_diff");
	TCase *tc = tcase_create("diff");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_register_parts);
	tcase_add_test(tc, test_last_instruction_parts);
	tcase_add_test(tc, test_stream_parts);
	tcase_add_test(tc, test_one_ends_early);
	tcase_add_test(tc, test_events_compared);
	tcase_add_test(tc, test_start_state_is_a_note);
	tcase_add_test(tc, test_align_pc_skips_a_handler);
	tcase_add_test(tc, test_imported_side_lacks_fields);
	tcase_add_test(tc, test_errors_exit_2);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(diff_suite)
