/* hypsim run: build a machine, load images, run, report.
 *
 * Exit codes: the guest's own exit code (semihosting SYS_EXIT*) when it
 * exits; 2 for bad host input (options, images); 3 for a hang (the report
 * goes to stderr); 4 when the instruction budget ran out; 130 when
 * interrupted by Ctrl-C. A guest may of course exit with 2, 3 or 4 itself:
 * the message on stderr tells the cases apart. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "cp15/errata.h"
#include "gdbstub/gdbstub.h"
#include "sim/commands.h"
#include "sim/hang.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/maintcheck.h"
#include "sim/monitor.h"
#include "sim/run_options.h"
#include "trace/trace.h"

static struct machine *running_machine;

static void on_sigint(int sig)
{
	(void)sig;
	trace_stop_requested = 1;
	if (running_machine)
		running_machine->interrupt_requested = 1;
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
		"  --engine step|block   run pre-decoded blocks (block, the\n"
		"                        default) or one instruction at a time\n"
		"                        (step, the reference); both give the\n"
		"                        same results. HYPSIM_ENGINE=step|block\n"
		"                        in the environment sets the default\n"
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
	if (rc != 0) {
		run_usage(stderr);
		return 2;
	}
	struct machine m;
	char err[256];
	if (!machine_init(&m, &o.machine, err, sizeof err)) {
		fprintf(stderr, "hypsim: %s\n", err);
		machine_destroy(&m);
		return 2;
	}
	if (!o.kernel) {
		fprintf(stderr, "hypsim: no image: give --kernel FILE\n");
		machine_destroy(&m);
		return 2;
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
		machine_destroy(&m);
		return 2;
	}
	for (unsigned i = 0; i < o.n_loads; i++) {
		images[n_images++] = o.loads[i].path;
		if (!run_load_image(&m, o.loads[i].path, o.loads[i].addr, false,
				    err, sizeof err)) {
			fprintf(stderr, "hypsim: %s: %s\n", o.loads[i].path, err);
			machine_destroy(&m);
			return 2;
		}
	}

	for (unsigned i = 0; i < o.n_symbols; i++) {
		if (!loader_load_symbols(&m, o.symbols[i].path,
					 o.symbols[i].offset, err, sizeof err)) {
			fprintf(stderr, "hypsim: --symbols %s: %s\n",
				o.symbols[i].path, err);
			machine_destroy(&m);
			return 2;
		}
	}
	machine_reset(&m, (uint32_t)m.entry_point);
	if (o.hang_detect)
		hang_detector_create(&m);
	struct maintcheck *mc = o.check_maintenance ? maintcheck_create(&m, stderr)
						    : NULL;

	struct trace_writer *tw = NULL;
	if (o.trace.path) {
		if (o.trace_from_symbol) {
			const struct symbol *s =
				machine_symbol_by_name(&m, o.trace_from_symbol);
			if (!s) {
				fprintf(stderr, "hypsim: --trace-from: no symbol '%s' "
						"in the images\n", o.trace_from_symbol);
				machine_destroy(&m);
				return 2;
			}
			o.trace.from_kind = TRACE_FROM_PC;
			o.trace.from_value = s->addr;
		}
		tw = run_open_trace(&m, &o, images, n_images, argc, argv, err,
				    sizeof err);
		if (!tw) {
			fprintf(stderr, "hypsim: --trace %s: %s\n", o.trace.path, err);
			machine_destroy(&m);
			return 2;
		}
	}

	running_machine = &m;
	struct sigaction sa = {0}, old_sa;
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_sa);

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

	sigaction(SIGINT, &old_sa, NULL);
	running_machine = NULL;
	fflush(m.console);

	int exit_code = session_error;
	switch (stop) {
	case STOP_EXIT:
		exit_code = m.exit_code;
		break;
	case STOP_HANG:
		exit_code = 3;
		if (m.hang) {
			hang_report(m.hang, hang_detector_cpu(m.hang), stderr);
			if (o.hang_report_path) {
				FILE *f = fopen(o.hang_report_path, "w");
				if (f) {
					hang_report(m.hang, hang_detector_cpu(m.hang), f);
					fclose(f);
				} else {
					fprintf(stderr, "hypsim: cannot write %s: %s\n",
						o.hang_report_path, strerror(errno));
				}
			}
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
	case STOP_RESET: /* handled inside machine_run */
		break;
	}
	if (mc) {
		fprintf(stderr, "hypsim: check-maintenance: %u warning%s\n",
			maintcheck_warnings(mc), maintcheck_warnings(mc) == 1 ? "" : "s");
		maintcheck_destroy(mc);
	}
	if (o.final_report && m.hang)
		for (unsigned i = 0; i < m.n_cpus; i++)
			if (stop != STOP_HANG || i != hang_detector_cpu(m.hang))
				hang_report(m.hang, i, stderr);
	if (tw && trace_writer_close(tw) != 0 && exit_code == 0)
		exit_code = 2;
	machine_destroy(&m);
	return exit_code;
}
