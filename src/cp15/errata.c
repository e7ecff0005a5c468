/* Errata and quirks registry (see errata.h). */
#include "cp15/errata.h"

#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"

bool errata_resolve(const struct core_model *m, const char *spec,
		    uint32_t *mask, uint32_t *known_entries, char *err,
		    size_t errlen)
{
	uint32_t bits = 0;
	for (size_t i = 0; i < m->n_errata; i++)
		if (m->errata[i].default_on)
			bits |= 1u << m->errata[i].id;
	if (!spec || !*spec) {
		*mask = bits;
		return true;
	}
	char *copy = strdup(spec), *save = NULL;
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	unsigned entry = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save), entry++) {
		bool on = true;
		if (*tok == '+' || *tok == '-') {
			on = *tok == '+';
			tok++;
		}
		if (!*tok || entry >= 32) {
			snprintf(err, errlen, "bad --errata entry");
			free(copy);
			return false;
		}
		for (size_t i = 0; i < m->n_errata; i++) {
			if (strcmp(m->errata[i].name, tok))
				continue;
			if (on)
				bits |= 1u << m->errata[i].id;
			else
				bits &= ~(1u << m->errata[i].id);
			*known_entries |= 1u << entry;
		}
	}
	free(copy);
	*mask = bits;
	return true;
}

void errata_list(FILE *out)
{
	for (const struct core_model *const *m = core_models; *m; m++) {
		fprintf(out, "%s:\n", (*m)->name);
		if (!(*m)->n_errata)
			fprintf(out, "  (none)\n");
		for (size_t i = 0; i < (*m)->n_errata; i++) {
			const struct erratum *e = &(*m)->errata[i];
			fprintf(out, "  %-16s %s\n  %-16s %s\n  %-16s source: %s\n",
				e->name, e->default_on ? "[on by default]" : "[off by default]",
				"", e->summary, "", e->source);
		}
	}
}
