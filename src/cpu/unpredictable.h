/* The UNPREDICTABLE policy list (unpredictable.def): one id per case, so
 * that a decoder can name the rule it applies, and the writer of
 * tests/diff/UNPREDICTABLE.md. */
#ifndef HYPSIM_UNPREDICTABLE_H
#define HYPSIM_UNPREDICTABLE_H

#include <stdio.h>

enum unpredictable_id {
#define SECTION(t)
#define UNPRED(id, c, r, ch, d, g) UNPRED_##id,
#define GEN(id, e, w)
#define TEXT(t)
#include "cpu/unpredictable.def"
#undef SECTION
#undef UNPRED
#undef GEN
#undef TEXT
	UNPRED_COUNT
};

/* The case of `id` and hypsim's choice for it (NULL for a bad id). */
const char *unpredictable_case(enum unpredictable_id id);
const char *unpredictable_choice(enum unpredictable_id id);

/* Write tests/diff/UNPREDICTABLE.md's contents to `f`. */
void unpredictable_write_md(FILE *f);

#endif
