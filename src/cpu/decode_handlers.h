/* The handler column of a decoder table (decode_table.h) read by C, for
 * the files that dispatch from it. Include it with
 *
 *   DECODE_DEF       the .def file, a string ("cpu/a32.def");
 *   DECODE_PROTO     (optional) the handlers' parameter list: then each
 *                    line's handler is declared;
 *   DECODE_DELEGATE  (optional) name -> the function of a DELEGATE line.
 *
 * Without DECODE_PROTO it expands to the initialiser of the dispatch
 * array: one element per line, in the .def's order (decode_entry.index),
 * the line's handler or, for a DELEGATE line, DECODE_DELEGATE(name)
 * (NULL without it). With DECODE_PROTO, a DELEGATE line declares
 * DECODE_DELEGATE(name) when it is defined. The three macros are
 * undefined at the end: no include guard, one inclusion per use. */
#ifdef DECODE_PROTO
#define INSN(n, p, h, w, e, s, m) enum exec_result h(DECODE_PROTO);
#ifdef DECODE_DELEGATE
#define DELEGATE(n, p, t, s, m) \
	enum exec_result DECODE_DELEGATE(n)(DECODE_PROTO);
#else
#define DELEGATE(n, p, t, s, m)
#endif
#else
#define INSN(n, p, h, w, e, s, m) h,
#ifdef DECODE_DELEGATE
#define DELEGATE(n, p, t, s, m) DECODE_DELEGATE(n),
#else
#define DELEGATE(n, p, t, s, m) NULL,
#endif
#endif
#define INSN_PRIO INSN
#include DECODE_DEF
#undef INSN
#undef INSN_PRIO
#undef DELEGATE
#undef DECODE_DEF
#undef DECODE_PROTO
#undef DECODE_DELEGATE
