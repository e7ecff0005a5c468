/* Human-readable descriptions of core models and of the register table,
 * for `hypsim info` and `hypsim sysregs` (and the monitor later). */
#ifndef HYPSIM_DESCRIBE_H
#define HYPSIM_DESCRIBE_H

#include <stddef.h>
#include <stdio.h>

struct core_model;
struct sysreg;

/* "p15, 0, c1, c0, 0" or "p15, 4, c2" (MCRR/MRRC form). */
const char *sysreg_encoding_str(const struct sysreg *r, char *buf,
				size_t len);
/* "PL1 RW", "PL0 R, PL1 RW", "PL2 RW", "PL1 RW (Secure)"…, with "banked". */
const char *sysreg_access_str(const struct sysreg *r, char *buf, size_t len);
/* Names of the HYP trap controls, "HCR.TVM HSTR.T1", or "-". HSTR.Tn by
 * the primary register is named for every CP15 register it can trap. */
const char *sysreg_traps_str(const struct sysreg *r, char *buf, size_t len);

/* Identity of a core: part, revision, caches (decoded from CLIDR/CCSIDR),
 * TLB, extensions from the ID registers, implementation-defined
 * registers, errata. */
void describe_core(FILE *out, const struct core_model *m);
/* The register table: every register of the architected table and of the
 * model's table (m == NULL: of every model), one per line, with encoding,
 * width, access, reset value and traps. */
void describe_sysregs(FILE *out, const struct core_model *m);

#endif
