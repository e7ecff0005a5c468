/* The trace writer as a cpu_observer: steps are played to it the way
 * cpu_step calls observers (before_insn, the instruction's effects and
 * notifications, after_insn; an interrupt taken between instructions
 * notifies only the exception), and the file is read back. Covers register
 * changes, memory accesses, events, exception-only steps, registers changed
 * between steps, fetch aborts, the filters, ring mode, trace on/off and the
 * signal-safe close. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/cpu.h"
#include "cpu/observer.h"
#include "cpu/regmap.h"
#include "gdbstub/debug.h"
#include "hyp/exception.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/trace.h"

static struct cpu *cpu;
static char path[64];

static void setup(void)
{
	cpu = calloc(1, sizeof(*cpu));
	cpu_reset(cpu, &cortex_a15_model, NULL, 0);
	cpu_set_mode(cpu, MODE_SVC);
	cpu->r[15] = 0x40000000;
	snprintf(path, sizeof(path), "%s/hypsim_writer_XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void teardown(void)
{
	cpu_destroy(cpu);
	free(cpu);
	unlink(path);
}

static struct trace_writer *open_writer(struct trace_options *o)
{
	o->path = path;
	static const char *const models[] = { "cortex-a15" };
	struct trace_header_info info = {
		.board = "test", .n_cores = 1, .core_models = models,
		.options = "unit",
	};
	char err[256];
	struct trace_writer *w = trace_writer_open(o, &info, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	trace_writer_attach(w, cpu);
	ck_assert_uint_eq(cpu->n_obs, 1);
	return w;
}

/* One ARM instruction step: `effect` changes the state as the instruction
 * would. */
static void step(uint32_t insn, void (*effect)(void))
{
	struct cpu_observer *o = cpu->obs[0];
	if (cpu->n_obs)
		o->before_insn(o->ctx, cpu);
	cpu->insn = insn;
	cpu->insn_size = 4;
	uint32_t pc = cpu->r[15];
	cpu->pc_written = false;
	if (effect)
		effect();
	if (!cpu->pc_written)
		cpu->r[15] = pc + 4;
	cpu->icount++;
	if (cpu->n_obs)
		o->after_insn(o->ctx, cpu, EXEC_OK);
}

static void mov_r3(void)
{
	cpu->r[3] = 0x1234;
}

static void push_lr(void)
{
	cpu->r[13] -= 4;
	cpu->obs[0]->mem_access(cpu->obs[0]->ctx, cpu, cpu->r[13],
				0x80000000ull + cpu->r[13], 4, cpu->r[14], true);
}

static unsigned vbar_id;

static void write_vbar(void)
{
	cpu_notify_sysreg_write(cpu, vbar_id, 0, 0x40000200);
}

struct rec_list {
	struct trace_record r[64];
	struct trace_reg_val regs[64][512];
	struct trace_mem mem[64][4];
	struct trace_event ev[64][4];
	unsigned n;
	uint64_t dropped;
	unsigned reason;
};

static void read_back(struct rec_list *l)
{
	char err[512];
	struct trace_reader *rd = trace_reader_open(path, err, sizeof(err));
	ck_assert_msg(rd != NULL, "%s", err);
	struct trace_record r;
	int res;
	l->n = 0;
	while ((res = trace_reader_next(rd, &r)) == 1) {
		ck_assert_uint_lt(l->n, 64);
		struct trace_record *d = &l->r[l->n];
		*d = r;
		d->regs = l->regs[l->n];
		d->mem = l->mem[l->n];
		d->ev = l->ev[l->n];
		ck_assert_uint_le(r.n_regs, 512);
		if (r.n_regs)
			memcpy(d->regs, r.regs, r.n_regs * sizeof(*r.regs));
		ck_assert_uint_le(r.n_mem, 4);
		ck_assert_uint_le(r.n_ev, 4);
		if (r.n_mem)
			memcpy(d->mem, r.mem, r.n_mem * sizeof(*r.mem));
		if (r.n_ev)
			memcpy(d->ev, r.ev, r.n_ev * sizeof(*r.ev));
		l->n++;
	}
	ck_assert_msg(res == 0, "%s", trace_reader_error(rd));
	l->dropped = trace_reader_dropped(rd);
	l->reason = trace_reader_end_reason(rd);
	trace_reader_close(rd);
}

static bool has_reg(const struct trace_record *r, uint32_t id, uint64_t *val)
{
	for (unsigned i = 0; i < r->n_regs; i++)
		if (r->regs[i].id == id) {
			if (val)
				*val = r->regs[i].value;
			return true;
		}
	return false;
}

START_TEST(test_records)
{
	const struct sysreg *vbar = sysreg_by_name("VBAR");
	ck_assert_ptr_nonnull(vbar);
	vbar_id = vbar->id;
	struct trace_options o = { 0 };
	struct trace_writer *w = open_writer(&o);
	cpu->r[13] = 0x41000000;
	cpu->r[14] = 0x40000abc;
	step(0xe3013234, mov_r3);   /* movw r3, #0x1234 */
	step(0xe52de004, push_lr);  /* str lr, [sp, #-4]! */
	step(0xee0c0f10, write_vbar); /* mcr p15, 0, r0, c12, c0, 0 */
	ck_assert_uint_eq(trace_writer_records(w), 3);
	ck_assert_int_eq(trace_writer_close(w), 0);
	ck_assert_uint_eq(cpu->n_obs, 0);

	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 4);
	/* the state first */
	ck_assert_uint_eq(l.r[0].kind, TREC_SNAPSHOT);
	uint64_t v;
	ck_assert(has_reg(&l.r[0], REG_SP, &v) && v == 0x41000000);
	ck_assert(has_reg(&l.r[0], REG_PC, &v) && v == 0x40000000);
	ck_assert(has_reg(&l.r[0], REGMAP_COUNT + vbar_id, &v) && v == 0);
	/* movw: R3 only (PC is implied by the next record) */
	ck_assert_uint_eq(l.r[1].kind, TREC_INSN);
	ck_assert_uint_eq(l.r[1].icount, 0);
	ck_assert_uint_eq(l.r[1].pc, 0x40000000);
	ck_assert_uint_eq(l.r[1].enc, 0xe3013234);
	ck_assert_uint_eq(l.r[1].enc_size, 4);
	ck_assert_uint_eq(l.r[1].mode, MODE_SVC);
	ck_assert_uint_eq(l.r[1].n_regs, 1);
	ck_assert(has_reg(&l.r[1], REG_R3, &v) && v == 0x1234);
	/* push: SP and SP_svc, and the store */
	ck_assert_uint_eq(l.r[2].pc, 0x40000004);
	ck_assert_uint_eq(l.r[2].n_regs, 2);
	ck_assert(has_reg(&l.r[2], REG_SP, &v) && v == 0x40fffffc);
	ck_assert(has_reg(&l.r[2], REG_SP_SVC, &v) && v == 0x40fffffc);
	ck_assert_uint_eq(l.r[2].n_mem, 1);
	ck_assert_uint_eq(l.r[2].mem[0].va, 0x40fffffc);
	ck_assert(l.r[2].mem[0].pa == 0xc0fffffcull);
	ck_assert_uint_eq(l.r[2].mem[0].is_write, 1);
	ck_assert(l.r[2].mem[0].value == 0x40000abc);
	/* mcr: an event */
	ck_assert_uint_eq(l.r[3].n_regs, 0);
	ck_assert_uint_eq(l.r[3].n_ev, 1);
	ck_assert_uint_eq(l.r[3].ev[0].type, TEV_SYSREG);
	ck_assert_uint_eq(l.r[3].ev[0].u.sysreg.id, REGMAP_COUNT + vbar_id);
	ck_assert(l.r[3].ev[0].u.sysreg.new_val == 0x40000200);
}
END_TEST

/* An IRQ taken between instructions: cpu_step enters it and notifies the
 * exception, without before_insn/after_insn. */
static void take_irq(void)
{
	uint32_t ret = cpu->r[15] + 4;
	uint32_t spsr = cpu->cpsr;
	cpu_set_mode(cpu, MODE_IRQ);
	cpu->bank_spsr[BANK_IRQ] = spsr;
	cpu->r[14] = ret;
	cpu->cpsr |= CPSR_I;
	uint32_t from = cpu->r[15];
	cpu->r[15] = 0x18;
	struct exception_event ev = {
		.kind = EXC_IRQ, .from_mode = MODE_SVC, .to_mode = MODE_IRQ,
		.return_addr = from, .vector = 0x18,
	};
	cpu_notify_exception(cpu, &ev);
}

START_TEST(test_interrupt_between_instructions)
{
	struct trace_options o = { 0 };
	struct trace_writer *w = open_writer(&o);
	step(0xe3013234, mov_r3);
	take_irq();
	step(0xe25ef004, NULL); /* at the vector */
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 4);
	const struct trace_record *irq = &l.r[2];
	ck_assert(irq->flags & TREC_F_NO_INSN);
	ck_assert_uint_eq(irq->icount, 1); /* not an instruction */
	ck_assert_uint_eq(irq->pc, 0x40000004);
	ck_assert_uint_eq(irq->n_ev, 1);
	ck_assert_uint_eq(irq->ev[0].u.exc.kind, EXC_IRQ);
	uint64_t v;
	ck_assert(has_reg(irq, REG_LR_IRQ, &v) && v == 0x40000008);
	ck_assert(has_reg(irq, REG_SPSR_IRQ, &v));
	ck_assert(has_reg(irq, REG_CPSR, &v) && (v & 0x1f) == MODE_IRQ);
	ck_assert(!has_reg(irq, REG_R3, NULL));
	/* the vector's instruction is the next record, same icount */
	ck_assert_uint_eq(l.r[3].pc, 0x18);
	ck_assert_uint_eq(l.r[3].icount, 1);
	ck_assert_uint_eq(l.r[3].mode, MODE_IRQ);
	ck_assert(!(l.r[3].flags & TREC_F_NO_INSN));
}
END_TEST

START_TEST(test_change_between_steps)
{
	struct trace_options o = { 0 };
	struct trace_writer *w = open_writer(&o);
	step(0xe3013234, mov_r3);
	/* as gdb and the monitor do (a direct store into cpu->r would go
	 * unseen: writers of registers between steps bump ext_reg_writes) */
	ck_assert(dbg_core_reg_write(cpu, REG_R7, 0x777));
	step(0xe1a00000, NULL);
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_uint_eq(l.r[2].kind, TREC_SNAPSHOT);
	uint64_t v;
	ck_assert(has_reg(&l.r[2], REG_R7, &v) && v == 0x777);
	ck_assert_uint_eq(l.r[3].n_regs, 0); /* the nop changed nothing */
}
END_TEST

static void prefetch_abort(void)
{
	/* the fetch faulted: cpu->insn keeps the previous encoding */
	cpu->insn = 0xe3013234;
	struct exception_event ev = {
		.kind = EXC_PABT, .from_mode = MODE_SVC, .to_mode = MODE_ABT,
		.return_addr = cpu->r[15], .vector = 0x0c, .fault_addr = cpu->r[15],
	};
	cpu_set_mode(cpu, MODE_ABT);
	cpu->r[15] = 0x0c;
	cpu->pc_written = true;
	cpu_notify_exception(cpu, &ev);
}

START_TEST(test_fetch_abort_has_no_encoding)
{
	struct trace_options o = { 0 };
	struct trace_writer *w = open_writer(&o);
	step(0xe3013234, mov_r3);
	step(0xe3013234, prefetch_abort);
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_uint_eq(l.r[2].enc_size, 0);
	ck_assert(!(l.r[2].flags & TREC_F_NO_INSN)); /* it counts (step.c) */
	ck_assert_uint_eq(l.r[2].ev[0].u.exc.kind, EXC_PABT);
}
END_TEST

static uint32_t counter;

static void count(void)
{
	cpu->r[0] = ++counter;
}

START_TEST(test_ring_keeps_the_last_n)
{
	struct trace_options o = { .last_n = 10 };
	struct trace_writer *w = open_writer(&o);
	counter = 0;
	for (int i = 0; i < 100; i++)
		step(0xe2800001, count);
	ck_assert_int_eq(trace_writer_close(w), 0);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 11);
	ck_assert_uint_eq(l.dropped, 90);
	/* the state before the first kept record: r0 == 90 after step 89 */
	ck_assert_uint_eq(l.r[0].kind, TREC_SNAPSHOT);
	ck_assert_uint_eq(l.r[0].icount, 90);
	uint64_t v;
	ck_assert(has_reg(&l.r[0], REG_R0, &v));
	ck_assert_uint_eq(v, 90);
	ck_assert(has_reg(&l.r[0], REG_PC, &v) && v == 0x40000000 + 90 * 4);
	for (unsigned i = 1; i < 11; i++) {
		ck_assert_uint_eq(l.r[i].icount, 89 + i);
		ck_assert(has_reg(&l.r[i], REG_R0, &v) && v == 90 + i);
	}
}
END_TEST

START_TEST(test_ring_shorter_than_n)
{
	struct trace_options o = { .last_n = 50 };
	struct trace_writer *w = open_writer(&o);
	counter = 0;
	for (int i = 0; i < 20; i++)
		step(0xe2800001, count);
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 21);
	ck_assert_uint_eq(l.dropped, 0);
	ck_assert_uint_eq(l.r[1].icount, 0);
}
END_TEST

/* A mode change between steps, as gdb or the monitor make it (the way
 * the writer learns of it: cpu->ext_reg_writes). */
static void debugger_set_mode(unsigned mode)
{
	ck_assert(dbg_core_reg_write(cpu, REG_CPSR,
				     (cpu->cpsr & ~CPSR_M_MASK) | mode));
}

START_TEST(test_mode_filter)
{
	struct trace_options o = { 0 };
	ck_assert(trace_parse_modes("irq", &o.mode_mask));
	struct trace_writer *w = open_writer(&o);
	for (int i = 0; i < 3; i++)
		step(0xe1a00000, NULL);
	debugger_set_mode(MODE_IRQ);
	for (int i = 0; i < 2; i++)
		step(0xe3013234, mov_r3);
	debugger_set_mode(MODE_SVC);
	step(0xe1a00000, NULL);
	debugger_set_mode(MODE_IRQ);
	step(0xe1a00000, NULL);
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	/* snapshot, 2 irq records, snapshot, 1 irq record */
	ck_assert_uint_eq(l.n, 5);
	ck_assert_uint_eq(l.r[0].kind, TREC_SNAPSHOT);
	ck_assert_uint_eq(l.r[0].icount, 3);
	ck_assert_uint_eq(l.r[1].icount, 3);
	ck_assert_uint_eq(l.r[1].mode, MODE_IRQ);
	ck_assert_uint_eq(l.r[2].icount, 4);
	ck_assert_uint_eq(l.r[3].kind, TREC_SNAPSHOT);
	ck_assert_uint_eq(l.r[4].icount, 6);
}
END_TEST

START_TEST(test_from_and_enable)
{
	struct trace_options o = { 0 };
	ck_assert_int_eq(trace_parse_from("icount:4", &o.from_kind, &o.from_value), 0);
	struct trace_writer *w = open_writer(&o);
	for (int i = 0; i < 6; i++)
		step(0xe1a00000, NULL);
	trace_writer_set_enabled(w, false);
	ck_assert_uint_eq(cpu->n_obs, 0); /* off costs nothing */
	for (int i = 0; i < 3; i++)
		step(0xe1a00000, NULL);
	trace_writer_set_enabled(w, true);
	ck_assert_uint_eq(cpu->n_obs, 1);
	step(0xe1a00000, NULL);
	trace_writer_close(w);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 5);
	ck_assert_uint_eq(l.r[0].kind, TREC_SNAPSHOT);
	ck_assert_uint_eq(l.r[1].icount, 4);
	ck_assert_uint_eq(l.r[2].icount, 5);
	ck_assert_uint_eq(l.r[3].kind, TREC_SNAPSHOT);
	ck_assert_uint_eq(l.r[4].icount, 9);
}
END_TEST

START_TEST(test_close_from_signal)
{
	struct trace_options o = { 0 };
	struct trace_writer *w = open_writer(&o);
	for (int i = 0; i < 5; i++)
		step(0xe2800001, count);
	trace_writer_close_from_signal(w);
	ck_assert_int_eq(trace_writer_close(w), 0);
	static struct rec_list l;
	read_back(&l);
	ck_assert_uint_eq(l.n, 6);
	ck_assert_uint_eq(l.reason, TRACE_END_SIGNAL);
}
END_TEST

START_TEST(test_parse_options)
{
	uint32_t m;
	ck_assert(trace_parse_cores("0,2", &m));
	ck_assert_uint_eq(m, 5);
	ck_assert(trace_parse_cores("1-3", &m));
	ck_assert_uint_eq(m, 0xe);
	ck_assert(!trace_parse_cores("", &m));
	ck_assert(!trace_parse_cores("x", &m));
	ck_assert(!trace_parse_cores("3-1", &m));
	ck_assert(trace_parse_modes("hyp,svc", &m));
	ck_assert_uint_eq(m, (1u << 0xa) | (1u << 0x3));
	ck_assert(!trace_parse_modes("hyp,bogus", &m));
	int k;
	uint64_t v;
	ck_assert_int_eq(trace_parse_from("0x40001000", &k, &v), 0);
	ck_assert_int_eq(k, TRACE_FROM_PC);
	ck_assert(v == 0x40001000);
	ck_assert_int_eq(trace_parse_from("#77", &k, &v), 0);
	ck_assert_int_eq(k, TRACE_FROM_ICOUNT);
	ck_assert(v == 77);
	ck_assert_int_eq(trace_parse_from("main", &k, &v), 1);
	ck_assert_int_eq(trace_parse_from("0x12zz", &k, &v), -1);
}
END_TEST

START_TEST(test_open_errors)
{
	struct trace_options o = { .path = "/nonexistent/dir/t.trace" };
	struct trace_header_info info = { .n_cores = 1 };
	char err[256];
	ck_assert_ptr_null(trace_writer_open(&o, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/dir/t.trace"));
	o.path = path;
	static const char *const imgs[] = { "/nonexistent/image.elf" };
	info.n_images = 1;
	info.image_paths = imgs;
	ck_assert_ptr_null(trace_writer_open(&o, &info, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "image.elf"));
}
END_TEST

static Suite *writer_suite(void)
{
	Suite *s = suite_create("trace_writer");
	TCase *tc = tcase_create("writer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_interrupt_between_instructions);
	tcase_add_test(tc, test_change_between_steps);
	tcase_add_test(tc, test_fetch_abort_has_no_encoding);
	tcase_add_test(tc, test_ring_keeps_the_last_n);
	tcase_add_test(tc, test_ring_shorter_than_n);
	tcase_add_test(tc, test_mode_filter);
	tcase_add_test(tc, test_from_and_enable);
	tcase_add_test(tc, test_close_from_signal);
	tcase_add_test(tc, test_parse_options);
	tcase_add_test(tc, test_open_errors);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(writer_suite)
