/* Options of a run, shared by `hypsim run` and the scenario runner. */
#ifndef HYPSIM_RUN_OPTIONS_H
#define HYPSIM_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/machine.h"
#include "trace/trace.h"

#define RUN_MAX_IMAGES 8

struct run_options {
	struct machine_config machine;
	const char *kernel;
	struct {
		const char *path;
		uint64_t addr;
	} loads[RUN_MAX_IMAGES];
	unsigned n_loads;
	uint64_t max_insns;
	bool hang_detect;
	const char *hang_report_path;
	bool check_maintenance; /* --check-maintenance */
	bool final_report; /* --state-report: every core's state at the end */
	bool engine_stats; /* --engine-stats: what the engines ran, at the end */
	struct trace_options trace;
	const char *trace_from_symbol;
	/* --gdb PORT (-1: no stub), --gdb-listen ADDR, --gdb-wait, --monitor */
	int gdb_port;
	const char *gdb_listen;
	bool gdb_wait;
	bool monitor;
	/* the virt board's boot (src/sim/boot.h): --initrd, --append,
	 * --dtb, --dumpdtb, --module FILE[@ADDR] with --module-args */
	const char *initrd, *append, *dtb, *dumpdtb;
	struct {
		const char *path;
		uint64_t addr;
		bool have_addr;
		const char *args;
	} modules[RUN_MAX_IMAGES];
	unsigned n_modules;
	/* --symbols FILE[@OFFSET]: an ELF's symbols, shifted by OFFSET */
	struct {
		const char *path;
		int64_t offset;
	} symbols[RUN_MAX_IMAGES];
	unsigned n_symbols;
};

/* At most this many cores in a cluster: the Cortex-A15 and Cortex-A7
 * MPCore clusters have one to four (their TRMs, "About the processor"). */
#define RUN_MAX_CORES_PER_CLUSTER 4

/* Defaults, then argv. Returns 0 ok, 1 for --help, 2 for --errata list,
 * -1 on an error (a one-line message is printed). */
int run_options_parse(struct run_options *o, int argc, char **argv);
void run_options_defaults(struct run_options *o);

/* Option values, shared with the scenario files. Each returns false
 * with a message in err. */
bool run_parse_size(const char *s, uint64_t *out);
/* A plain number (no K/M/G): decimal, 0x hex or 0 octal, no sign. */
bool run_parse_u64(const char *s, uint64_t *out);
/* RAM of `size` bytes at `base` inside the 40-bit physical address space
 * (checked before anything is allocated). */
bool run_check_ram(uint64_t base, uint64_t size, char *err, size_t errlen);
bool run_parse_cpus(struct machine_config *mc, const char *list, char *err,
		    size_t errlen);
bool run_parse_entry(const char *s, enum entry_state *out);
/* "BASE:SIZE" for --mem-alias. */
bool run_parse_alias(const char *s, uint64_t *base, uint64_t *size);

/* Whether the file starts as an ELF (run_load_image loads others raw). */
bool run_is_elf(const char *path);
/* Load an ELF (by its own addresses) or a raw file (at addr, or at the RAM
 * base for the main image). */
bool run_load_image(struct machine *m, const char *path, uint64_t addr,
		    bool main_image, char *err, size_t errlen);
/* The virt board's boot, as a bootloader does it (src/sim/boot.c): the
 * kernel (ELF, uImage, zImage or raw), --initrd, the DTB (generated from
 * the board, or --dtb with its /chosen updated) with --append and the
 * --module list; sets the entry point and the boot registers. */
bool run_boot_virt(struct machine *m, const struct run_options *o,
		   char *err, size_t errlen);
struct trace_writer *run_open_trace(struct machine *m,
				    const struct run_options *o,
				    const char *const *images,
				    unsigned n_images, int argc, char **argv,
				    char *err, size_t errlen);

#endif
