/* Options of a run (see run_options.h). */
#include "sim/run_options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "cp15/core_model.h"
#include "devices/board.h"
#include "sim/boot.h"
#include "sim/loader.h"

void run_options_defaults(struct run_options *o)
{
	memset(o, 0, sizeof *o);
	o->machine.board = "bare";
	o->machine.mem_base = 0x40000000ull; /* QEMU virt layout */
	o->machine.mem_size = 128ull << 20;
	o->machine.entry = ENTRY_SVC;
	o->machine.icache_model = true;
	/* The block engine by default (cpu/block.c: the same results as the
	 * step engine, which stays the reference). The default may come from
	 * the environment, so that a test suite can run every image under
	 * both engines unchanged (tests/run/engines_suite.sh); --engine
	 * overrides it. */
	const char *engine = getenv("HYPSIM_ENGINE");
	o->machine.engine_block = !(engine && !strcmp(engine, "step"));
	o->machine.engine_codegen = !(engine && (!strcmp(engine, "step") ||
						 !strcmp(engine, "threaded")));
	o->machine.semihosting = true;
	o->machine.cache_seed = 1;
	o->machine.n_clusters = 1;
	o->machine.clusters[0].model = &cortex_a15_model;
	o->machine.clusters[0].count = 1;
	o->hang_detect = true;
	o->gdb_port = -1;
}

/* A number as the user writes it: decimal, 0x… hex or 0… octal; no
 * sign, no blanks (strtoull would take "-5" as 2^64 - 5 and " 5" as 5),
 * and within 64 bits. */
bool run_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

bool run_parse_size(const char *s, uint64_t *out)
{
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	unsigned shift = 0;
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	default: break;
	}
	/* 0x40000000000001K would be 1 KiB once shifted */
	if (v > (UINT64_MAX >> shift))
		return false;
	v <<= shift;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end)
		return false;
	*out = v;
	return true;
}

bool run_parse_alias(const char *s, uint64_t *base, uint64_t *size)
{
	char buf[64];
	/* a longer text would be cut, and parse as some other number */
	if (strlen(s) >= sizeof buf)
		return false;
	snprintf(buf, sizeof buf, "%s", s);
	char *colon = strchr(buf, ':');
	if (!colon)
		return false;
	*colon = 0;
	return run_parse_size(buf, base) && run_parse_size(colon + 1, size) &&
	       *size != 0;
}

bool run_check_ram(uint64_t base, uint64_t size, char *err, size_t errlen)
{
	const uint64_t top = 1ull << PA_BITS;
	if (size == 0 || base >= top || size > top - base) {
		snprintf(err, errlen, "RAM at 0x%llx of 0x%llx bytes ends beyond "
			 "the 40-bit physical address space",
			 (unsigned long long)base, (unsigned long long)size);
		return false;
	}
	return true;
}

bool run_parse_entry(const char *s, enum entry_state *out)
{
	if (!strcmp(s, "svc"))
		*out = ENTRY_SVC;
	else if (!strcmp(s, "hyp"))
		*out = ENTRY_HYP;
	else if (!strcmp(s, "secure-svc"))
		*out = ENTRY_SECURE_SVC;
	else
		return false;
	return true;
}

/* "cortex-a15x2,cortex-a7x3": one cluster per entry. */
bool run_parse_cpus(struct machine_config *mc, const char *list, char *err,
		    size_t errlen)
{
	char *copy = strdup(list), *save = NULL;
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	mc->n_clusters = 0;
	bool ok = true;
	for (char *tok = strtok_r(copy, ",", &save); tok && ok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned count = 1;
		char *x = strrchr(tok, 'x');
		if (x && x[1] && isdigit((unsigned char)x[1])) {
			uint64_t n;
			/* 4294967297 must not wrap to one core */
			if (!run_parse_u64(x + 1, &n) || n == 0) {
				snprintf(err, errlen, "bad core count in '%s'", tok);
				ok = false;
				break;
			}
			if (n > RUN_MAX_CORES_PER_CLUSTER) {
				snprintf(err, errlen, "a cluster has 1 to %d cores, "
					 "'%s' asks for more",
					 RUN_MAX_CORES_PER_CLUSTER, list);
				ok = false;
				break;
			}
			count = (unsigned)n;
			*x = 0;
		}
		const struct core_model *model = core_model_find(tok);
		if (!model) {
			snprintf(err, errlen, "unknown core model '%s'", tok);
			ok = false;
		} else if (mc->n_clusters == MACHINE_MAX_CLUSTERS) {
			snprintf(err, errlen, "at most %d clusters",
				 MACHINE_MAX_CLUSTERS);
			ok = false;
		} else {
			mc->clusters[mc->n_clusters].model = model;
			mc->clusters[mc->n_clusters].count = count;
			mc->n_clusters++;
		}
	}
	free(copy);
	if (ok && mc->n_clusters == 0) {
		snprintf(err, errlen, "empty core list");
		ok = false;
	}
	return ok;
}

enum {
	OPT_CPU = 256, OPT_SMP, OPT_CPUS, OPT_BOARD, OPT_MEM, OPT_MEM_BASE,
	OPT_KERNEL, OPT_LOAD, OPT_ENTRY, OPT_MAX_INSNS, OPT_ICACHE, OPT_ENGINE,
	OPT_ENGINE_CHECK, OPT_ENGINE_STATS,
	OPT_NO_HANG, OPT_HANG_REPORT, OPT_DCACHE, OPT_ERRATA, OPT_CACHE_SEED, OPT_CHECK_MAINT, OPT_MEM_ALIAS, OPT_TRACE, OPT_TRACE_CORES,
	OPT_TRACE_FROM, OPT_TRACE_MODES, OPT_TRACE_LAST, OPT_HELP, OPT_STATE_REPORT,
	OPT_GDB, OPT_GDB_LISTEN, OPT_GDB_WAIT, OPT_MONITOR, OPT_DCC,
	OPT_IPS, OPT_APPEND, OPT_INITRD, OPT_DTB, OPT_DUMPDTB, OPT_MODULE,
	OPT_MODULE_ARGS, OPT_SYMBOLS, OPT_RTC_EPOCH, OPT_REBOOT,
};

static const struct option run_long_options[] = {
	{"cpu", required_argument, 0, OPT_CPU},
	{"smp", required_argument, 0, OPT_SMP},
	{"cpus", required_argument, 0, OPT_CPUS},
	{"board", required_argument, 0, OPT_BOARD},
	{"mem", required_argument, 0, OPT_MEM},
	{"mem-base", required_argument, 0, OPT_MEM_BASE},
	{"mem-alias", required_argument, 0, OPT_MEM_ALIAS},
	{"kernel", required_argument, 0, OPT_KERNEL},
	{"load", required_argument, 0, OPT_LOAD},
	{"entry", required_argument, 0, OPT_ENTRY},
	{"max-insns", required_argument, 0, OPT_MAX_INSNS},
	{"icache-model", required_argument, 0, OPT_ICACHE},
	{"engine", required_argument, 0, OPT_ENGINE},
	{"engine-check", no_argument, 0, OPT_ENGINE_CHECK},
	{"engine-stats", no_argument, 0, OPT_ENGINE_STATS},
	{"dcache-model", required_argument, 0, OPT_DCACHE},
	{"errata", required_argument, 0, OPT_ERRATA},
	{"cache-seed", required_argument, 0, OPT_CACHE_SEED},
	{"check-maintenance", no_argument, 0, OPT_CHECK_MAINT},
	{"no-hang-detect", no_argument, 0, OPT_NO_HANG},
	{"hang-report", required_argument, 0, OPT_HANG_REPORT},
	{"trace", required_argument, 0, OPT_TRACE},
	{"trace-cores", required_argument, 0, OPT_TRACE_CORES},
	{"trace-from", required_argument, 0, OPT_TRACE_FROM},
	{"trace-modes", required_argument, 0, OPT_TRACE_MODES},
	{"trace-last", required_argument, 0, OPT_TRACE_LAST},
	{"help", no_argument, 0, OPT_HELP},
	{"state-report", no_argument, 0, OPT_STATE_REPORT},
	{"gdb", required_argument, 0, OPT_GDB},
	{"gdb-listen", required_argument, 0, OPT_GDB_LISTEN},
	{"gdb-wait", no_argument, 0, OPT_GDB_WAIT},
	{"monitor", no_argument, 0, OPT_MONITOR},
	{"dcc", required_argument, 0, OPT_DCC},
	{"ips", required_argument, 0, OPT_IPS},
	{"append", required_argument, 0, OPT_APPEND},
	{"initrd", required_argument, 0, OPT_INITRD},
	{"dtb", required_argument, 0, OPT_DTB},
	{"dumpdtb", required_argument, 0, OPT_DUMPDTB},
	{"module", required_argument, 0, OPT_MODULE},
	{"module-args", required_argument, 0, OPT_MODULE_ARGS},
	{"symbols", required_argument, 0, OPT_SYMBOLS},
	{"rtc-epoch", required_argument, 0, OPT_RTC_EPOCH},
	{"reboot", no_argument, 0, OPT_REBOOT},
	{0, 0, 0, 0},
};

int run_options_parse(struct run_options *o, int argc, char **argv)
{
	run_options_defaults(o);
	const char *cpu_name = NULL;
	unsigned smp = 0;
	char err[160];
	/* 0, not 1: glibc's getopt then starts afresh, forgetting where it
	 * was in a short-option cluster (-xyz) that an earlier call left
	 * half read, which would otherwise be read on, from freed memory,
	 * by the next parse in the same process (found by fuzz_cmdline). */
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", run_long_options, NULL)) != -1) {
		uint64_t v;
		switch (c) {
		case OPT_CPU:
			cpu_name = optarg;
			if (!core_model_find(optarg)) {
				fprintf(stderr, "hypsim: unknown core model '%s'\n",
					optarg);
				return -1;
			}
			break;
		case OPT_SMP:
			if (!run_parse_size(optarg, &v) || v == 0 ||
			    v > RUN_MAX_CORES_PER_CLUSTER) {
				fprintf(stderr, "hypsim: --smp wants 1..%d (cores "
						"in one cluster; --cpus for more "
						"clusters)\n",
					RUN_MAX_CORES_PER_CLUSTER);
				return -1;
			}
			smp = (unsigned)v;
			break;
		case OPT_CPUS:
			if (!run_parse_cpus(&o->machine, optarg, err, sizeof err)) {
				fprintf(stderr, "hypsim: --cpus: %s\n", err);
				return -1;
			}
			break;
		case OPT_BOARD:
			if (!strcmp(optarg, "bare")) {
				o->machine.board = "bare";
			} else if (!strcmp(optarg, "virt")) {
				o->machine.board = "virt";
			} else {
				fprintf(stderr, "hypsim: unknown board '%s' "
						"(bare, virt)\n", optarg);
				return -1;
			}
			break;
		case OPT_MEM:
			if (!run_parse_size(optarg, &o->machine.mem_size) ||
			    o->machine.mem_size == 0) {
				fprintf(stderr, "hypsim: bad --mem '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_MEM_BASE:
			if (!run_parse_size(optarg, &o->machine.mem_base)) {
				fprintf(stderr, "hypsim: bad --mem-base '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_MEM_ALIAS:
			if (!run_parse_alias(optarg, &o->machine.alias_base,
					     &o->machine.alias_size)) {
				fprintf(stderr, "hypsim: --mem-alias BASE:SIZE, not "
						"'%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_KERNEL:
			o->kernel = optarg;
			break;
		case OPT_LOAD: {
			if (o->n_loads == RUN_MAX_IMAGES) {
				fprintf(stderr, "hypsim: at most %d --load\n",
					RUN_MAX_IMAGES);
				return -1;
			}
			char *at = strrchr(optarg, '@');
			uint64_t addr = 0;
			if (at) {
				*at = 0;
				if (!run_parse_size(at + 1, &addr) ||
				    addr >= 1ull << PA_BITS) {
					fprintf(stderr, "hypsim: --load %s@%s: the "
							"address is not a 40-bit "
							"physical address\n",
						optarg, at + 1);
					return -1;
				}
			}
			if (!*optarg) {
				fprintf(stderr, "hypsim: --load FILE@ADDR: no file "
						"name before the '@'\n");
				return -1;
			}
			o->loads[o->n_loads].path = optarg;
			o->loads[o->n_loads].addr = at ? addr : UINT64_MAX;
			o->n_loads++;
			break;
		}
		case OPT_ENTRY:
			if (!run_parse_entry(optarg, &o->machine.entry)) {
				fprintf(stderr, "hypsim: --entry svc|hyp|secure-svc, "
						"not '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_MAX_INSNS:
			if (!run_parse_size(optarg, &o->max_insns)) {
				fprintf(stderr, "hypsim: bad --max-insns '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_ICACHE:
			if (strcmp(optarg, "on") && strcmp(optarg, "off")) {
				fprintf(stderr, "hypsim: --icache-model on|off\n");
				return -1;
			}
			o->machine.icache_model = !strcmp(optarg, "on");
			break;
		case OPT_ENGINE:
			if (strcmp(optarg, "step") && strcmp(optarg, "block") &&
			    strcmp(optarg, "threaded")) {
				fprintf(stderr,
					"hypsim: --engine step|block|threaded\n");
				return -1;
			}
			o->machine.engine_block = strcmp(optarg, "step") != 0;
			o->machine.engine_codegen = !strcmp(optarg, "block");
			break;
		case OPT_ENGINE_CHECK:
			o->machine.engine_check = true;
			break;
		case OPT_ENGINE_STATS:
			o->engine_stats = true;
			break;
		case OPT_DCACHE:
			if (strcmp(optarg, "on") && strcmp(optarg, "off")) {
				fprintf(stderr, "hypsim: --dcache-model on|off\n");
				return -1;
			}
			o->machine.dcache_model = !strcmp(optarg, "on");
			break;
		case OPT_ERRATA:
			if (!strcmp(optarg, "list"))
				return 2;
			o->machine.errata = optarg;
			break;
		case OPT_CACHE_SEED:
			if (!run_parse_size(optarg, &o->machine.cache_seed)) {
				fprintf(stderr, "hypsim: bad --cache-seed '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_CHECK_MAINT:
			o->check_maintenance = true;
			break;
		case OPT_NO_HANG:
			o->hang_detect = false;
			break;
		case OPT_HANG_REPORT:
			o->hang_report_path = optarg;
			break;
		case OPT_TRACE:
			o->trace.path = optarg;
			break;
		case OPT_TRACE_CORES:
			if (!trace_parse_cores(optarg, &o->trace.core_mask)) {
				fprintf(stderr, "hypsim: bad --trace-cores '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_TRACE_FROM: {
			int r = trace_parse_from(optarg, &o->trace.from_kind,
						 &o->trace.from_value);
			/* the number again, with its sign and range checked */
			const char *num = !strncmp(optarg, "icount:", 7) ? optarg + 7
					  : optarg[0] == '#' ? optarg + 1 : optarg;
			if (r == 0 && (!run_parse_u64(num, &v) ||
				       (o->trace.from_kind == TRACE_FROM_PC &&
					v > UINT32_MAX)))
				r = -1;
			if (r < 0) {
				fprintf(stderr, "hypsim: bad --trace-from '%s' (a "
						"32-bit PC, a symbol or "
						"icount:N)\n", optarg);
				return -1;
			}
			if (r == 1)
				o->trace_from_symbol = optarg;
			break;
		}
		case OPT_TRACE_MODES:
			if (!trace_parse_modes(optarg, &o->trace.mode_mask)) {
				fprintf(stderr, "hypsim: bad --trace-modes '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_TRACE_LAST:
			if (!run_parse_size(optarg, &o->trace.last_n) ||
			    o->trace.last_n == 0) {
				fprintf(stderr, "hypsim: bad --trace-last '%s'\n", optarg);
				return -1;
			}
			break;
		case OPT_HELP:
			return 1;
		case OPT_GDB:
			if (!run_parse_size(optarg, &v) || v > 65535) {
				fprintf(stderr, "hypsim: --gdb wants a TCP port "
						"(0: any free port)\n");
				return -1;
			}
			o->gdb_port = (int)v;
			break;
		case OPT_GDB_LISTEN: {
			/* numeric only: no name lookup behind the user's back */
			unsigned char a[sizeof(struct in6_addr)];
			if (inet_pton(AF_INET, optarg, a) != 1 &&
			    inet_pton(AF_INET6, optarg, a) != 1) {
				fprintf(stderr, "hypsim: --gdb-listen wants a "
						"numeric address (127.0.0.1, "
						"0.0.0.0, ::1), not '%s'\n",
					optarg);
				return -1;
			}
			o->gdb_listen = optarg;
			break;
		}
		case OPT_GDB_WAIT:
			o->gdb_wait = true;
			break;
		case OPT_MONITOR:
			o->monitor = true;
			break;
		case OPT_STATE_REPORT:
			o->final_report = true;
			break;
		case OPT_DCC:
			if (strcmp(optarg, "stdout") && strcmp(optarg, "off")) {
				fprintf(stderr, "hypsim: --dcc stdout|off\n");
				return -1;
			}
			o->machine.dcc_console = !strcmp(optarg, "stdout");
			break;
		case OPT_IPS:
			if (!run_parse_size(optarg, &o->machine.ips) ||
			    o->machine.ips == 0) {
				fprintf(stderr, "hypsim: bad --ips '%s' (virtual "
						"instructions per second)\n", optarg);
				return -1;
			}
			break;
		case OPT_RTC_EPOCH:
			if (!run_parse_size(optarg, &o->machine.rtc_epoch) ||
			    o->machine.rtc_epoch > 0xffffffffu) {
				fprintf(stderr, "hypsim: bad --rtc-epoch '%s' "
						"(seconds since 1970, 32-bit)\n",
					optarg);
				return -1;
			}
			break;
		case OPT_APPEND:
			o->append = optarg;
			break;
		case OPT_REBOOT:
			o->machine.reboot = true;
			break;
		case OPT_INITRD:
			o->initrd = optarg;
			break;
		case OPT_DTB:
			o->dtb = optarg;
			break;
		case OPT_DUMPDTB:
			o->dumpdtb = optarg;
			break;
		case OPT_MODULE: {
			if (o->n_modules == RUN_MAX_IMAGES) {
				fprintf(stderr, "hypsim: at most %d --module\n",
					RUN_MAX_IMAGES);
				return -1;
			}
			char *at = strrchr(optarg, '@');
			uint64_t addr = 0;
			if (at) {
				*at = 0;
				if (!run_parse_size(at + 1, &addr) || !*optarg ||
				    addr >= 1ull << PA_BITS) {
					fprintf(stderr, "hypsim: --module FILE[@ADDR], "
							"not '%s@%s'\n", optarg, at + 1);
					return -1;
				}
			}
			o->modules[o->n_modules].path = optarg;
			o->modules[o->n_modules].addr = addr;
			o->modules[o->n_modules].have_addr = at != NULL;
			o->n_modules++;
			break;
		}
		case OPT_MODULE_ARGS:
			if (o->n_modules == 0) {
				fprintf(stderr, "hypsim: --module-args gives the "
						"command line of the --module "
						"before it\n");
				return -1;
			}
			o->modules[o->n_modules - 1].args = optarg;
			break;
		case OPT_SYMBOLS: {
			if (o->n_symbols == RUN_MAX_IMAGES) {
				fprintf(stderr, "hypsim: at most %d --symbols\n",
					RUN_MAX_IMAGES);
				return -1;
			}
			char *at = strrchr(optarg, '@');
			uint64_t off = 0;
			if (at) {
				*at = 0;
				bool neg = at[1] == '-';
				if (!run_parse_size(at + 1 + neg, &off) ||
				    off > 0xffffffffu || !*optarg) {
					fprintf(stderr, "hypsim: --symbols "
							"FILE[@OFFSET], not "
							"'%s@%s'\n", optarg, at + 1);
					return -1;
				}
				if (neg)
					off = (uint64_t)-(int64_t)off;
			}
			o->symbols[o->n_symbols].path = optarg;
			o->symbols[o->n_symbols].offset = (int64_t)off;
			o->n_symbols++;
			break;
		}
		case ':':
			fprintf(stderr, "hypsim run: %s needs a value (hypsim run "
					"--help lists the options)\n",
				argv[optind - 1]);
			return -1;
		default:
			/* getopt_long sets optopt to an unknown short option's
			 * character and to 0 for an unknown long one. Inside a
			 * cluster (-xyz) optind has not moved past the word, so
			 * argv[optind - 1] would name the one before it. */
			if (optopt > 0 && optopt < 256)
				fprintf(stderr, "hypsim run: unknown option '-%c' "
						"(hypsim run --help lists the "
						"options)\n", optopt);
			else
				fprintf(stderr, "hypsim run: unknown option '%s' "
						"(hypsim run --help lists the "
						"options)\n", argv[optind - 1]);
			return -1;
		}
	}
	if ((o->gdb_listen || o->gdb_wait) && o->gdb_port < 0) {
		fprintf(stderr, "hypsim: --gdb-listen and --gdb-wait need --gdb PORT\n");
		return -1;
	}
	if (o->monitor && o->gdb_port >= 0) {
		fprintf(stderr, "hypsim: --gdb and --monitor exclude each other\n");
		return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "hypsim run: unexpected argument '%s' (hypsim run "
				"--help lists the options)\n", argv[optind]);
		return -1;
	}
	if (!run_check_ram(o->machine.mem_base, o->machine.mem_size, err,
			   sizeof err)) {
		fprintf(stderr, "hypsim: --mem/--mem-base: %s\n", err);
		return -1;
	}
	bool virt = !strcmp(o->machine.board, "virt");
	if (!virt && (o->initrd || o->append || o->dtb || o->dumpdtb ||
		      o->n_modules)) {
		fprintf(stderr, "hypsim: --initrd, --append, --dtb, --dumpdtb "
				"and --module need --board virt\n");
		return -1;
	}
	if (virt) {
		const struct board_desc *b = board_find("virt");
		if (o->machine.mem_base != b->ram_base ||
		    o->machine.mem_size > b->ram_max) {
			fprintf(stderr, "hypsim: the virt board's RAM starts at "
					"0x%llx and holds at most %llu MiB\n",
				(unsigned long long)b->ram_base,
				(unsigned long long)(b->ram_max >> 20));
			return -1;
		}
	}
	/* the virt board's console takes standard input, but not from the
	 * monitor, which reads its commands there */
	o->machine.console_input = virt && !o->monitor;
	if (cpu_name || smp) {
		o->machine.n_clusters = 1;
		o->machine.clusters[0].model =
			cpu_name ? core_model_find(cpu_name) : &cortex_a15_model;
		o->machine.clusters[0].count = smp ? smp : 1;
	}
	unsigned n_cores = 0;
	for (unsigned i = 0; i < o->machine.n_clusters; i++)
		n_cores += o->machine.clusters[i].count;
	if (o->trace.core_mask && n_cores < 32 &&
	    (o->trace.core_mask >> n_cores) != 0) {
		fprintf(stderr, "hypsim: --trace-cores names a core the machine "
				"lacks (it has %u: 0-%u)\n", n_cores, n_cores - 1);
		return -1;
	}
	return 0;
}

static bool is_elf(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	unsigned char magic[4] = {0};
	size_t n = fread(magic, 1, 4, f);
	fclose(f);
	return n == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' &&
	       magic[3] == 'F';
}

/* An image must be a regular file with something in it: a directory
 * would read as an absurd size, /dev/zero for ever, and an empty file or
 * /dev/null would run zeros without a word. */
static bool image_file_ok(const char *path, bool may_be_empty, char *err,
			  size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "a directory, not an image");
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file (a device or a "
				      "pipe): an image is read from a file");
		return false;
	}
	if (st.st_size == 0 && !may_be_empty) {
		snprintf(err, errlen, "empty file: no image to run");
		return false;
	}
	return true;
}

bool run_is_elf(const char *path)
{
	return is_elf(path);
}

bool run_load_image(struct machine *m, const char *path, uint64_t addr,
		    bool main_image, char *err, size_t errlen)
{
	if (!image_file_ok(path, false, err, errlen))
		return false;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return false;
	}
	fclose(f);
	if (is_elf(path))
		return loader_load_elf(m, path, main_image, err, errlen);
	if (addr == UINT64_MAX || (main_image && addr == 0))
		addr = m->cfg.mem_base;
	if (!loader_load_raw(m, path, addr, err, errlen))
		return false;
	if (main_image) {
		m->entry_point = addr;
		m->have_entry = true;
	}
	return true;
}

bool run_boot_virt(struct machine *m, const struct run_options *o,
		   char *err, size_t errlen)
{
	/* boot_load's reasons name their file: so do these */
	char why[160];
	const char *files[3 + RUN_MAX_IMAGES] = {o->kernel, o->initrd, o->dtb};
	for (unsigned i = 0; i < o->n_modules; i++)
		files[3 + i] = o->modules[i].path;
	for (unsigned i = 0; i < 3 + o->n_modules; i++) {
		if (files[i] && !image_file_ok(files[i], i == 1, why,
					       sizeof why)) {
			snprintf(err, errlen, "%s: %s", files[i], why);
			return false;
		}
	}
	struct boot_params bp = {0};
	bp.kernel = o->kernel;
	bp.initrd = o->initrd;
	bp.dtb_file = o->dtb;
	bp.append = o->append;
	bp.dumpdtb = o->dumpdtb;
	bp.n_modules = o->n_modules;
	for (unsigned i = 0; i < o->n_modules; i++)
		bp.modules[i] = (struct boot_module){
			o->modules[i].path, o->modules[i].addr,
			o->modules[i].have_addr, o->modules[i].args};
	bp.dt.board = board_find("virt");
	bp.dt.mem_base = m->cfg.mem_base;
	bp.dt.mem_size = m->cfg.mem_size;
	/* the conduit the board's PSCI answers on (src/sim/virt.c) */
	bp.dt.psci_method = m->cfg.entry == ENTRY_HYP ? "smc" : "hvc";
	if (!boot_dt_cpus(m, &bp.dt, err, errlen))
		return false;
	struct boot_result br;
	/* boot_load sets the entry point; the registers are the caller's */
	if (!boot_load(m, &bp, &br, err, errlen))
		return false;
	if (br.kernel_format && strcmp(br.kernel_format, "raw") == 0)
		fprintf(stderr, "hypsim: %s is not an ELF, uImage or zImage: "
				"loading it raw at 0x%llx, entry there\n",
			o->kernel, (unsigned long long)br.entry);
	m->boot_regs[0] = br.r0;
	m->boot_regs[1] = br.r1;
	m->boot_regs[2] = br.r2;
	return true;
}

struct trace_writer *run_open_trace(struct machine *m,
				    const struct run_options *o,
				    const char *const *images,
				    unsigned n_images, int argc, char **argv,
				    char *err, size_t errlen)
{
	const char *models[MACHINE_MAX_CPUS];
	for (unsigned i = 0; i < m->n_cpus; i++)
		models[i] = m->cpus[i].model->name;
	struct trace_symbol *syms = calloc(m->n_syms ? m->n_syms : 1, sizeof *syms);
	if (!syms) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < m->n_syms; i++)
		syms[i] = (struct trace_symbol){m->syms[i].name, m->syms[i].addr,
						m->syms[i].size};
	/* The options, as given, for the record (argv[0] is "run"). */
	char opts[1024] = "";
	size_t used = 0;
	for (int i = 1; i < argc && used < sizeof opts - 2; i++)
		used += (size_t)snprintf(opts + used, sizeof opts - used, "%s%s",
					 i > 1 ? " " : "", argv[i]);
	struct trace_header_info info = {
		.board = m->cfg.board,
		.n_cores = m->n_cpus,
		.core_models = models,
		.options = opts,
		.n_images = n_images,
		.image_paths = images,
		.syms = syms,
		.n_syms = m->n_syms,
	};
	struct trace_writer *w = trace_writer_open(&o->trace, &info, err, errlen);
	free(syms);
	if (!w)
		return NULL;
	for (unsigned i = 0; i < m->n_cpus; i++)
		trace_writer_attach(w, &m->cpus[i]);
	return w;
}
