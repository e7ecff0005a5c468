/* The list of core models (DESIGN.md principle 4: adding a core is adding
 * one file and one line here). */
#include <string.h>

#include "cp15/core_model.h"

const struct core_model *const core_models[] = {
	&cortex_a15_model,
	&cortex_a7_model,
	NULL,
};

const struct core_model *core_model_find(const char *name)
{
	if (!name)
		return NULL;
	for (const struct core_model *const *m = core_models; *m; m++)
		if (strcmp((*m)->name, name) == 0)
			return *m;
	return NULL;
}
