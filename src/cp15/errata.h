/* Errata and quirks: behaviours of a core beyond the architecture, each
 * switchable by name (--errata +NAME,-NAME; --errata list) and documented
 * with its source in the core model's table. Code asks for an erratum by
 * id (cpu_erratum), never for a core. */
#ifndef HYPSIM_ERRATA_H
#define HYPSIM_ERRATA_H

enum erratum_id {
	/* The L1RSTDISABLE input held high: the L1 caches are not
	 * invalidated at reset and come up with UNKNOWN contents. */
	ERRATUM_L1RSTDISABLE,
	/* A quirk, not a defect: translation table walks read memory and
	 * not the data cache, as on a core whose ID_MMFR3.CohWalk is 0
	 * (core_model.coherent_walk off), so that software meant to run on
	 * such cores shows its missing cleans of table updates to PoU. */
	ERRATUM_NONCOHERENT_WALK,
	ERRATUM_COUNT
};

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct core_model;

/* Enabled errata of a model: its defaults changed by spec, a comma list of
 * +NAME / -NAME (a bare NAME means +NAME). Names the model does not know
 * are left alone and reported through *unknown_mask (bit per spec entry)
 * so that a mixed machine can accept a name any of its models knows. */
bool errata_resolve(const struct core_model *m, const char *spec,
		    uint32_t *mask, uint32_t *known_entries, char *err,
		    size_t errlen);
/* `--errata list`: every model's table. */
void errata_list(FILE *out);

#endif
