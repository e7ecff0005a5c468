/* hypsim run: build a machine, load images, run, report.
 *
 * Exit codes: the guest's own exit code (semihosting SYS_EXIT*) when it
 * exits; 2 for bad host input (options, images) and for host output that
 * failed (a trace write error such as a full disk, which stops the run
 * when the sink learns of it, at its next buffer; a --hang-report file
 * that cannot be written); 3 for a hang (the report goes to stderr); 4
 * when the instruction budget ran out; 128 + the signal when a signal
 * stopped the run: 130 for Ctrl-C, 143 SIGTERM, 129 SIGHUP, 141 SIGPIPE
 * (the output was closed, as `hypsim run … | head` does). Every one of
 * these ends with a message on stderr and the trace closed with its
 * tail, readable to its last record. A guest may of course exit with 2, 3
 * or 4 itself: the message on stderr tells the cases apart. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp15/core_model.h"
#include "cp15/errata.h"
#include "gdbstub/gdbstub.h"
#include "cpu/block.h"
#include "sim/commands.h"
#include "sim/hang.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/maintcheck.h"
#include "sim/monitor.h"
#include "sim/run_options.h"
#include "trace/trace.h"

static struct machine *running_machine;
static struct trace_writer *running_trace;
/* the signal that ended the run (SIGINT, SIGTERM, SIGHUP, SIGPIPE), 0 if
 * none; trace_failed: a trace write failed and stopped the run */
static volatile sig_atomic_t stop_signal;
static bool trace_failed;

/* SIGINT, SIGTERM, SIGHUP and SIGPIPE stop the run at the end of the
 * current scheduling round, so the trace gets its tail and the user a
 * message saying how the run ended. A second signal arriving before the
 * run noticed the first (the simulator is stuck somewhere that does not
 * look) writes the trace from here and ends the process. SIGPIPE never
 * does that: writing the output after the run stopped raises it again. */
static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define N_STOP_SIGNALS (sizeof stop_signals / sizeof stop_signals[0])
/* the handlers before the run's (the console's, which restores the
 * terminal), and which of the signals the run handles */
static struct sigaction saved_sa[N_STOP_SIGNALS];
static bool handled[N_STOP_SIGNALS];

static void on_stop_signal(int sig)
{
	struct machine *m = running_machine;
	bool unnoticed = m && m->interrupt_requested;
	if (!stop_signal || sig != SIGPIPE)
		stop_signal = sig;
	trace_stop_requested = 1;
	if (m)
		m->interrupt_requested = 1;
	if (unnoticed && sig != SIGPIPE) {
		static const char msg[] = "hypsim: a second signal: the trace "
					  "is closed, the run ends here\n";
		trace_writer_close_from_signal(running_trace);
		ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
		(void)w;
		/* the handler before ours (the console's restores the
		 * terminal), else the default action */
		for (unsigned i = 0; i < N_STOP_SIGNALS; i++)
			if (stop_signals[i] == sig)
				sigaction(sig, &saved_sa[i], NULL);
		raise(sig);
		_exit(128 + sig);
	}
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	case SIGPIPE: return "SIGPIPE (the output was closed)";
	default: return "a signal";
	}
}

/* The trace writer could not write (a full disk): the run stops here;
 * the file keeps the records written before (trace_writer_on_error). */
static void on_trace_error(void *arg, const char *why)
{
	struct run_options *o = arg;
	/* the console output before it goes out first (stdout may be a
	 * pipe or file, fully buffered) */
	if (running_machine && running_machine->console)
		fflush(running_machine->console);
	fprintf(stderr, "hypsim: --trace %s: %s: the run stops here\n",
		o->trace.path, why);
	trace_failed = true;
	if (running_machine)
		running_machine->interrupt_requested = 1;
}

/* The hang report, also to --hang-report FILE: false (with a message) if
 * that file cannot be written whole. */
static bool write_hang_report(struct machine *m, const char *path)
{
	hang_report(m->hang, hang_detector_cpu(m->hang), stderr);
	if (!path)
		return true;
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "hypsim: --hang-report %s: %s\n", path,
			strerror(errno));
		return false;
	}
	hang_report(m->hang, hang_detector_cpu(m->hang), f);
	bool ok = !ferror(f);
	int saved = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok)
		fprintf(stderr, "hypsim: --hang-report %s: write error: %s\n",
			path, strerror(saved));
	return ok;
}

/* --engine-stats: one line per core, what its engines ran. The block
 * engine's counters (block.h) against the core's retired count: the
 * instructions not run in blocks were the step engine's (the first of a
 * page, IT blocks, I-cache misses the blocks could not fill, observers
 * that want every step). */
static void print_engine_stats(const struct machine *m)
{
	for (unsigned i = 0; i < m->n_cpus; i++) {
		const struct cpu *cpu = &m->cpus[i];
		struct block_stats bs;
		block_get_stats(cpu, &bs);
		fprintf(stderr,
			"hypsim: engine: core %u: %llu of %llu instructions in "
			"%llu block runs, %llu blocks built, %llu stale; "
			"generated code %llu bytes in use, %llu buffer resets, "
			"%llu block runs entered from it (%llu jumps patched "
			"into the next block's code, %llu accesses off its "
			"inline fast path), %llu found from the block "
			"before\n",
			i, (unsigned long long)bs.insns,
			(unsigned long long)cpu->icount,
			(unsigned long long)bs.entered,
			(unsigned long long)bs.built,
			(unsigned long long)bs.stale,
			(unsigned long long)bs.code_bytes,
			(unsigned long long)bs.code_resets,
			(unsigned long long)bs.code_chained,
			(unsigned long long)bs.code_patched,
			(unsigned long long)bs.code_full_ways,
			(unsigned long long)bs.followed);
	}
}

static void run_usage(FILE *out)
{
	fprintf(out,
		"usage: hypsim run [options] --kernel IMAGE\n"
		"  --cpu NAME            cortex-a15 (default) or cortex-a7\n"
		"  --smp N               N cores of that model (one cluster)\n"
		"  --cpus LIST           mixed machine: cortex-a15x2,cortex-a7x3\n"
		"                        (one cluster per entry)\n"
		"  --board bare|virt     bare: RAM and semihosting (default);\n"
		"                        virt: QEMU virt's GICv2 (with the\n"
		"                        virtualization extensions), generic\n"
		"                        timers, PL011, PL031 and PSCI, secondary\n"
		"                        cores off until CPU_ON\n"
		"  --mem SIZE            RAM size (default 128M)\n"
		"  --mem-base ADDR       RAM base (default 0x40000000; 40-bit)\n"
		"  --mem-alias B:S       a window at B onto the first S bytes of RAM\n"
		"  --kernel FILE         ELF image (entry point from the ELF), or a\n"
		"                        raw binary loaded at the RAM base (on\n"
		"                        virt: see below)\n"
		"  --load FILE@ADDR      another image: ELF (ADDR ignored) or raw\n"
		"  --entry STATE         svc (default), hyp or secure-svc\n"
		"  --max-insns N         instruction budget (all cores)\n"
		"  --icache-model on|off L1 I-cache model (default on)\n"
		"  --dcache-model on|off write-back data-cache model (default off)\n"
		"  --engine step|block|threaded   run pre-decoded blocks\n"
		"                        (block, the default: with generated\n"
		"                        x86-64 code; threaded: without) or one\n"
		"                        instruction at a time (step, the\n"
		"                        reference); all give the same results.\n"
		"                        HYPSIM_ENGINE in the environment sets\n"
		"                        the default\n"
		"  --engine-check        check every block run against the step\n"
		"                        engine's fetches (slow; a difference is\n"
		"                        reported and makes the exit status 5)\n"
		"  --engine-stats        at the end, what the engines ran: block\n"
		"                        runs, instructions in blocks, blocks\n"
		"                        built, generated code (stderr)\n"
		"  --errata list | +NAME,-NAME   errata and quirks of the models\n"
		"  --cache-seed N        seed of UNKNOWN cache contents (default 1)\n"
		"  --check-maintenance   warn about missing cache/TLB maintenance\n"
		"  --no-hang-detect      do not stop on hangs\n"
		"  --hang-report FILE    also write the hang report to FILE\n"
		"  --state-report        print every core's state, TLB and the\n"
		"                        I-cache lines it used at the end\n"
		"  --trace FILE          record a trace; --trace-cores LIST,\n"
		"                        --trace-from PC|SYMBOL|icount:N,\n"
		"                        --trace-modes hyp,svc,…, --trace-last N\n"
		"  --gdb PORT            serve gdb on 127.0.0.1:PORT (0: a free port,\n"
		"                        printed); --gdb-listen ADDR to listen\n"
		"                        elsewhere, --gdb-wait to stay at reset\n"
		"                        until gdb continues\n"
		"  --monitor             start stopped in the interactive monitor\n"
		"  --dcc stdout|off      print what the guest writes to the debug\n"
		"                        channel (DBGDTRTXint); default off\n"
		"  --ips N               virtual instructions per second: the rate\n"
		"                        of the machine's clock (default 1e9)\n"
		"virt board (the kernel may be an ELF, uImage, zImage or raw image;\n"
		"a zImage or raw image goes to RAM + 0x10000, entered with r0 = 0,\n"
		"r1 = ~0, r2 = the DTB; the PL011 is the console: Ctrl-A x ends the\n"
		"run, Ctrl-A h lists the keys):\n"
		"  --append STRING       the kernel's command line (/chosen/bootargs)\n"
		"  --initrd FILE         initial ramdisk\n"
		"  --dtb FILE            use this DTB (its /chosen updated) instead\n"
		"                        of the generated one; --dumpdtb FILE\n"
		"                        writes the DTB the guest gets\n"
		"  --module FILE[@ADDR]  a multiboot module for Xen (the first the\n"
		"                        dom0 kernel, the next its ramdisk);\n"
		"                        --module-args STRING its command line\n"
		"  --symbols FILE[@OFF]  add an ELF's symbols (e.g. vmlinux)\n"
		"  --rtc-epoch SECONDS   the PL031's time at reset (default 0)\n"
		"  --reboot              PSCI SYSTEM_RESET restarts the machine (the\n"
		"                        images loaded again) instead of ending\n"
		"                        the run\n");
}

int cmd_run(int argc, char **argv)
{
	struct run_options o;
	int rc = run_options_parse(&o, argc, argv);
	if (rc == 1) {
		run_usage(stdout);
		return 0;
	}
	if (rc == 2) {
		errata_list(stdout);
		return 0;
	}
	if (rc != 0)
		return 2; /* its one line is printed: no usage to bury it */
	if (!o.kernel) {
		fprintf(stderr, "hypsim: no image: give --kernel FILE\n");
		return 2;
	}
	struct machine m;
	char err[256];
	struct maintcheck *mc = NULL;
	struct trace_writer *tw = NULL;
	int exit_code = 2;
	if (!machine_init(&m, &o.machine, err, sizeof err)) {
		fprintf(stderr, "hypsim: %s\n", err);
		goto out;
	}
	const char *images[RUN_MAX_IMAGES + 1];
	unsigned n_images = 0;
	images[n_images++] = o.kernel;
	bool virt = m.virt != NULL;
	bool ok = virt ? run_boot_virt(&m, &o, err, sizeof err)
		       : run_load_image(&m, o.kernel, 0, true, err, sizeof err);
	if (!ok) {
		/* boot_load's reasons name their file */
		if (virt)
			fprintf(stderr, "hypsim: %s\n", err);
		else
			fprintf(stderr, "hypsim: %s: %s\n", o.kernel, err);
		goto out;
	}
	for (unsigned i = 0; i < o.n_loads; i++) {
		images[n_images++] = o.loads[i].path;
		if (!run_load_image(&m, o.loads[i].path, o.loads[i].addr, false,
				    err, sizeof err)) {
			fprintf(stderr, "hypsim: %s: %s\n", o.loads[i].path, err);
			goto out;
		}
	}

	for (unsigned i = 0; i < o.n_symbols; i++) {
		if (!loader_load_symbols(&m, o.symbols[i].path,
					 o.symbols[i].offset, err, sizeof err)) {
			fprintf(stderr, "hypsim: --symbols %s: %s\n",
				o.symbols[i].path, err);
			goto out;
		}
	}
	/* Say where a file that is not an ELF went (a truncated or mistyped
	 * ELF would otherwise run as instructions without a word), once
	 * everything loaded: a load error stays the one line printed. The
	 * virt board's boot_load says it for its kernel itself. */
	for (unsigned i = virt ? 1 : 0; i < n_images; i++) {
		if (run_is_elf(images[i]))
			continue;
		for (unsigned r = 0; r < m.n_loaded; r++)
			if (strcmp(m.loaded[r].path, images[i]) == 0)
				fprintf(stderr, "hypsim: %s is not an ELF: loading "
						"it raw at 0x%llx%s\n",
					images[i],
					(unsigned long long)m.loaded[r].base,
					i == 0 ? ", entry there" : "");
	}
	machine_reset(&m, (uint32_t)m.entry_point);
	if (o.hang_detect)
		hang_detector_create(&m);

	if (o.trace.path) {
		if (o.trace_from_symbol) {
			const struct symbol *s =
				machine_symbol_by_name(&m, o.trace_from_symbol);
			if (!s) {
				fprintf(stderr, "hypsim: --trace-from: no symbol '%s' "
						"in the images\n", o.trace_from_symbol);
				goto out;
			}
			o.trace.from_kind = TRACE_FROM_PC;
			o.trace.from_value = s->addr;
		}
		tw = run_open_trace(&m, &o, images, n_images, argc, argv, err,
				    sizeof err);
		if (!tw) {
			fprintf(stderr, "hypsim: --trace %s: %s\n", o.trace.path, err);
			goto out;
		}
		trace_writer_on_error(tw, on_trace_error, &o);
	}
	/* after every error exit above: nothing of it to leak */
	if (o.check_maintenance)
		mc = maintcheck_create(&m, stderr);

	running_machine = &m;
	running_trace = tw;
	struct sigaction sa = {0};
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < N_STOP_SIGNALS; i++) {
		/* an ignored SIGHUP stays ignored (nohup); the others are
		 * taken even when ignored: a shell starts background jobs
		 * with SIGINT ignored, and `kill -INT` must still stop them */
		handled[i] = sigaction(stop_signals[i], NULL, &saved_sa[i]) == 0 &&
			     (stop_signals[i] != SIGHUP ||
			      saved_sa[i].sa_handler != SIG_IGN);
		if (handled[i])
			sigaction(stop_signals[i], &sa, NULL);
	}

	enum stop_reason stop;
	int session_error = 0;
	if (o.gdb_port >= 0) {
		struct gdb_stub_config gc = {o.gdb_listen, o.gdb_port, o.gdb_wait};
		if (!gdb_stub_run(&m, &gc, tw, o.max_insns, &stop)) {
			stop = STOP_NONE;
			session_error = 2;
		}
	} else if (o.monitor) {
		stop = monitor_run(&m, tw, o.max_insns);
	} else {
		stop = machine_run(&m, o.max_insns);
	}

	/* Output to a closed pipe from here on fails with EPIPE instead of
	 * killing hypsim before the trace is closed. */
	signal(SIGPIPE, SIG_IGN);
	for (unsigned i = 0; i < N_STOP_SIGNALS; i++)
		if (handled[i] && stop_signals[i] != SIGPIPE)
			sigaction(stop_signals[i], &saved_sa[i], NULL);
	running_machine = NULL;
	running_trace = NULL;
	fflush(m.console);

	exit_code = session_error;
	if (trace_failed && stop == STOP_BREAK) {
		exit_code = 2;
		fprintf(stderr, "hypsim: stopped after %llu instructions by the "
				"trace write error; %s keeps the records written "
				"before it\n",
			(unsigned long long)machine_total_icount(&m), o.trace.path);
		stop = STOP_NONE;
	} else if (stop_signal && stop_signal != SIGINT &&
		   (stop == STOP_BREAK || stop == STOP_NONE)) {
		exit_code = 128 + stop_signal;
		fprintf(stderr, "hypsim: stopped by %s after %llu instructions%s\n",
			signal_name(stop_signal),
			(unsigned long long)machine_total_icount(&m),
			tw ? "; the trace is complete up to there" : "");
		stop = STOP_NONE;
	}
	switch (stop) {
	case STOP_EXIT:
		exit_code = m.exit_code;
		break;
	case STOP_HANG:
		exit_code = 3;
		if (m.hang) {
			if (!write_hang_report(&m, o.hang_report_path))
				exit_code = 2;
		} else {
			fprintf(stderr, "hypsim: every core waits and nothing can "
					"wake them\n");
		}
		break;
	case STOP_BUDGET:
		exit_code = 4;
		fprintf(stderr, "hypsim: instruction budget of %llu exhausted; "
				"core %u at PC 0x%08x\n",
			(unsigned long long)o.max_insns, m.stopped_cpu,
			m.cpus[m.stopped_cpu].r[15]);
		break;
	case STOP_BREAK:
		exit_code = 130;
		fprintf(stderr, "hypsim: interrupted after %llu instructions\n",
			(unsigned long long)machine_total_icount(&m));
		break;
	case STOP_NONE:
	case STOP_RESET: /* these two are handled inside machine_run */
	case STOP_ROUND_CUT:
		break;
	}
	if (o.machine.engine_check) {
		uint64_t failures = 0, entered = 0;
		for (unsigned i = 0; i < m.n_cpus; i++) {
			struct block_stats bs;
			block_get_stats(&m.cpus[i], &bs);
			failures += bs.check_failures;
			entered += bs.entered;
		}
		if (failures) {
			fprintf(stderr, "hypsim: engine check: %llu block "
					"entries differed from the fetches (a "
					"hypsim bug: please report it)\n",
				(unsigned long long)failures);
			exit_code = 5;
		} else {
			fprintf(stderr, "hypsim: engine check: %llu block runs "
					"matched the fetches\n",
				(unsigned long long)entered);
		}
	}
	if (o.engine_stats)
		print_engine_stats(&m);
	if (o.final_report && m.hang)
		for (unsigned i = 0; i < m.n_cpus; i++)
			if (stop != STOP_HANG || i != hang_detector_cpu(m.hang))
				hang_report(m.hang, i, stderr);
out:
	if (mc) {
		fprintf(stderr, "hypsim: check-maintenance: %u warning%s\n",
			maintcheck_warnings(mc), maintcheck_warnings(mc) == 1 ? "" : "s");
		maintcheck_destroy(mc);
	}
	if (tw && trace_writer_close(tw) != 0 && exit_code == 0)
		exit_code = 2;
	if (tw && trace_failed)
		exit_code = 2;
	machine_destroy(&m);
	return exit_code;
}
