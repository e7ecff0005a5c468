/* Import of a real QEMU log: qemu-system-arm runs tests/trace/images/
 * trace_sample.elf with -d exec,cpu,nochain -singlestep, and the imported
 * trace must hold one record per logged block with the registers each
 * instruction changed (the next block's dump minus this one's), the mode
 * from the PSR, Thumb state, encodings from the ELF, the last record
 * marked as having no state after it. Malformed logs are refused with
 * exit 2. Skipped (with a message) when qemu-system-arm is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "cpu/cpu.h"
#include "cpu/regmap.h"
#include "trace/format.h"
#include "trace/reader.h"
#include "trace/tools.h"

#define IMAGE HYPSIM_IMAGE_DIR "/trace_sample.elf"

static char dir[64];
static char log_path[128], out_path[128];
static bool have_qemu;

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hypsim_qemu_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(log_path, sizeof(log_path), "%s/qemu.log", dir);
	snprintf(out_path, sizeof(out_path), "%s/qemu.trace", dir);
	have_qemu = system("command -v qemu-system-arm >/dev/null 2>&1") == 0;
	if (!have_qemu) {
		fprintf(stderr, "SKIP: qemu-system-arm is not installed "
				"(scripts/setup.sh installs it); import not tested\n");
		return;
	}
	ck_assert_msg(access(IMAGE, R_OK) == 0, "%s is not built", IMAGE);
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "timeout 60 qemu-system-arm -M virt -cpu cortex-a15 -nographic "
		 "-semihosting -nodefaults -monitor none -serial none -kernel %s "
		 "-d exec,cpu,nochain -singlestep -D %s >/dev/null 2>&1",
		 IMAGE, log_path);
	ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static unsigned count_lines(const char *path, const char *prefix)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char line[512];
	unsigned n = 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, prefix, strlen(prefix)) == 0)
			n++;
	fclose(f);
	return n;
}

static int import(const char *log, const char *elf, char **err_text)
{
	static char *buf;
	size_t len;
	free(buf);
	buf = NULL;
	FILE *err = open_memstream(&buf, &len);
	struct trace_import_options o = { .elf = elf, .cpu = "cortex-a15" };
	int rc = trace_import_qemu(log, out_path, &o, err);
	fclose(err);
	*err_text = buf;
	return rc;
}

static bool reg_of(const struct trace_record *r, uint32_t id, uint64_t *v)
{
	for (unsigned i = 0; i < r->n_regs; i++)
		if (r->regs[i].id == id) {
			*v = r->regs[i].value;
			return true;
		}
	return false;
}

START_TEST(test_import_real_log)
{
	if (!have_qemu)
		return;
	char *err;
	ck_assert_msg(import(log_path, IMAGE, &err) == 0, "%s", err);
	char msg[512];
	struct trace_reader *rd = trace_reader_open(out_path, msg, sizeof(msg));
	ck_assert_msg(rd != NULL, "%s", msg);
	const struct trace_header *h = trace_reader_header(rd);
	ck_assert(h->flags & TRACE_HDR_IMPORTED);
	ck_assert(h->absent & TRACE_ABSENT_MEM);
	ck_assert(h->absent & TRACE_ABSENT_EVENTS);
	ck_assert(h->absent & TRACE_ABSENT_BANKED);
	ck_assert(!(h->absent & TRACE_ABSENT_ENCODING)); /* --elf given */
	ck_assert_str_eq(h->core_models[0], "cortex-a15");
	ck_assert_uint_eq(h->n_images, 1);

	unsigned blocks = count_lines(log_path, "Trace 0:");
	ck_assert_uint_gt(blocks, 50);
	struct trace_record r;
	unsigned n = 0;
	bool saw_thumb16 = false, saw_svc = false, saw_undef = false;
	bool after_svc = false, after_udf = false, last_no_post = false;
	uint64_t v;
	ck_assert_int_eq(trace_reader_next(rd, &r), 1);
	ck_assert_uint_eq(r.kind, TREC_SNAPSHOT);
	ck_assert(reg_of(&r, REG_PC, &v) && v == 0x40000000);
	ck_assert(reg_of(&r, REG_CPSR, &v) && (v & 0x1f) == MODE_SVC);
	ck_assert(!reg_of(&r, REG_SP_SVC, &v)); /* not in QEMU's dump */
	while (trace_reader_next(rd, &r) == 1) {
		ck_assert_uint_eq(r.kind, TREC_INSN);
		ck_assert_uint_eq(r.icount, n);
		if (n == 0) {
			/* _start: ldr sp, =__stack_top */
			ck_assert_uint_eq(r.pc, 0x40000000);
			ck_assert_uint_eq(r.enc_size, 4);
			ck_assert_uint_eq(r.enc & 0x0fff0000, 0x059f0000);
			ck_assert_uint_eq(r.n_regs, 1);
			ck_assert(reg_of(&r, REG_SP, &v) && v == 0x41000000);
		}
		if (after_svc) {
			/* the SVC was taken to our vector table, in SVC mode */
			ck_assert_uint_eq(r.pc & 0x1f, 0x08);
			after_svc = false;
		}
		if (after_udf) {
			ck_assert_uint_eq(r.mode, MODE_UND);
			ck_assert_uint_eq(r.pc & 0x1f, 0x04);
			after_udf = false;
		}
		if (r.enc_size == 2 && (r.flags & TREC_F_THUMB) && r.enc == 0x2003)
			saw_thumb16 = true; /* movs r0, #3 */
		if (r.enc_size == 4 && r.enc == 0xef000001) {
			saw_svc = true;
			after_svc = true;
			ck_assert(reg_of(&r, REG_LR, &v) && v == r.pc + 4);
		}
		if (r.enc_size == 4 && r.enc == 0xe7f000f7) {
			saw_undef = true;
			after_udf = true;
			ck_assert(reg_of(&r, REG_CPSR, &v) && (v & 0x1f) == MODE_UND);
		}
		ck_assert_uint_eq(r.n_mem, 0);
		ck_assert_uint_eq(r.n_ev, 0);
		last_no_post = (r.flags & TREC_F_NO_POST) != 0;
		if (last_no_post)
			ck_assert_uint_eq(r.n_regs, 0);
		n++;
	}
	ck_assert_msg(n == blocks, "%u records for %u blocks", n, blocks);
	ck_assert(saw_thumb16);
	ck_assert(saw_svc);
	ck_assert(saw_undef);
	ck_assert(last_no_post);
	trace_reader_close(rd);

	/* without the image: no encodings, and the header says so */
	ck_assert_msg(import(log_path, NULL, &err) == 0, "%s", err);
	rd = trace_reader_open(out_path, msg, sizeof(msg));
	ck_assert_ptr_nonnull(rd);
	ck_assert(trace_reader_header(rd)->absent & TRACE_ABSENT_ENCODING);
	ck_assert_int_eq(trace_reader_next(rd, &r), 1);
	ck_assert_int_eq(trace_reader_next(rd, &r), 1);
	ck_assert_uint_eq(r.enc_size, 0);
	trace_reader_close(rd);
}
END_TEST

/* Rewrite the log line by line through `edit` into a new file. */
static void edit_log(const char *to, char *(*edit)(char *line, unsigned n))
{
	FILE *in = fopen(log_path, "r"), *out = fopen(to, "w");
	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(out);
	char line[512];
	unsigned n = 0;
	while (fgets(line, sizeof(line), in)) {
		char *l = edit(line, n++);
		if (l)
			fputs(l, out);
	}
	fclose(in);
	fclose(out);
}

static char *no_singlestep(char *line, unsigned n)
{
	char *p = strstr(line, "/ff000201]");
	if (p && n > 30)
		memcpy(p, "/ff000205]", 10); /* a block of 5 instructions */
	return line;
}

static char *chained(char *line, unsigned n)
{
	char *p = strstr(line, "/ff000201]");
	if (p)
		memcpy(p, "/ff000001]", 10);
	return line;
}

static char *drop_psr(char *line, unsigned n)
{
	return n == 59 ? NULL : line; /* the PSR line of the tenth block */
}

static char *no_dumps(char *line, unsigned n)
{
	return strncmp(line, "Trace", 5) == 0 ? line : NULL;
}

static char *prose(char *line, unsigned n)
{
	return n == 0 ? "this is not a QEMU log\n" : NULL;
}

START_TEST(test_malformed_logs)
{
	if (!have_qemu)
		return;
	char bad[160], *err;
	snprintf(bad, sizeof(bad), "%s/bad.log", dir);
	struct {
		char *(*edit)(char *, unsigned);
		const char *says;
	} cases[] = {
		{ no_singlestep, "-singlestep" },
		{ chained, "nochain" },
		{ drop_psr, "PSR" },
		{ no_dumps, "-d exec,cpu" },
		{ prose, "no \"Trace\" lines" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unlink(out_path);
		edit_log(bad, cases[i].edit);
		ck_assert_int_eq(import(bad, NULL, &err), 2);
		ck_assert_msg(strstr(err, cases[i].says) != NULL, "case %zu: %s", i, err);
		ck_assert_msg(strchr(err, '\n') == err + strlen(err) - 1,
			      "case %zu: not one line: %s", i, err);
		/* no half-written trace is left behind */
		ck_assert_int_ne(access(out_path, F_OK), 0);
	}
	ck_assert_int_eq(import("/nonexistent.log", NULL, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent.log"));
}
END_TEST

static Suite *qemu_suite(void)
{
	Suite *s = suite_create("trace_qemu");
	TCase *tc = tcase_create("import");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_import_real_log);
	tcase_add_test(tc, test_malformed_logs);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(qemu_suite)
