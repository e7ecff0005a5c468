/* The UNPREDICTABLE policy list compiled in (unpredictable.def), and the
 * writer of tests/diff/UNPREDICTABLE.md from it. */
#include "cpu/unpredictable.h"

struct unpred {
	const char *id, *what, *rule, *choice, *differs, *gen;
};

static const struct unpred cases[UNPRED_COUNT] = {
#define SECTION(t)
#define UNPRED(id, c, r, ch, d, g) [UNPRED_##id] = { #id, c, r, ch, d, g },
#define GEN(id, e, w)
#define TEXT(t)
#include "cpu/unpredictable.def"
#undef SECTION
#undef UNPRED
#undef GEN
#undef TEXT
};

const char *unpredictable_case(enum unpredictable_id id)
{
	return (unsigned)id < UNPRED_COUNT ? cases[id].what : NULL;
}

const char *unpredictable_choice(enum unpredictable_id id)
{
	return (unsigned)id < UNPRED_COUNT ? cases[id].choice : NULL;
}

enum row_kind { ROW_NONE, ROW_UNPRED, ROW_GEN };

static void header(FILE *f, enum row_kind *in, enum row_kind want)
{
	if (*in == want)
		return;
	if (want == ROW_UNPRED)
		fputs("| Case | Rule (ARM DDI 0406C) | hypsim, A32 and T32 | "
		      "Generator |\n| --- | --- | --- | --- |\n", f);
	else if (want == ROW_GEN)
		fputs("| Excluded | Why |\n| --- | --- |\n", f);
	*in = want;
}

void unpredictable_write_md(FILE *f)
{
	enum row_kind in = ROW_NONE;

	fputs("# UNPREDICTABLE: what hypsim decides, and what the random-program "
	      "generator never produces\n\n"
	      "<!-- Generated from src/cpu/unpredictable.def by "
	      "src/cpu/unpredictable.c: edit the .def file, then run "
	      "`HYPSIM_UPDATE_UNPREDICTABLE=1 build/tests/test_unpredictable`. "
	      "-->\n\n"
	      "Where ARM DDI 0406C leaves behaviour open (UNPREDICTABLE, "
	      "UNKNOWN, CONSTRAINED or IMPLEMENTATION DEFINED), hypsim makes "
	      "one choice, the same in A32 and T32; this is the list, each "
	      "case once, with the rule it follows. `tests/diff/gen.py` "
	      "compares hypsim with QEMU 7.2 on random programs, where the two "
	      "simulators may legitimately differ on these cases, so the "
	      "generator (`insns.py`, `memops.py`, `vfpops.py`) never emits "
	      "them; the last column says how. Where one decoder does not "
	      "follow the choice yet, the choice column says what it does "
	      "instead.\n", f);
#define SECTION(t)                                                          \
	fprintf(f, "\n## %s\n\n", t);                                       \
	in = ROW_NONE;
#define UNPRED(id, c, r, ch, d, g)                                          \
	header(f, &in, ROW_UNPRED);                                         \
	fprintf(f, "| %s | %s | %s%s%s | %s |\n", c, r, ch,                 \
		d[0] ? ". Not yet: " : "", d, g);
#define GEN(id, e, w)                                                       \
	header(f, &in, ROW_GEN);                                            \
	fprintf(f, "| %s | %s |\n", e, w);
#define TEXT(t) fprintf(f, "%s\n", t);
#include "cpu/unpredictable.def"
#undef SECTION
#undef UNPRED
#undef GEN
#undef TEXT
}
