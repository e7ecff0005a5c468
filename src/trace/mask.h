/* Known-difference masks for `trace diff --mask FILE`: differences two
 * simulators are known to have, written down once with their reason, so a
 * comparison passes over them and stops only at the ones nobody explained.
 *
 * A mask file has one mask a line; `#` starts a comment, and the text after
 * ` -- ` is the reason the diff prints when the mask excuses something:
 *
 *   start REG [bits=H:L|bits=0xMASK]
 *       REG's value at the start may differ; those bits are excused until
 *       the two sides first agree on them (QEMU's reset CPSR has Z set).
 *   reg REG [bits=…] [at=PC|at=LO-HI|at=SYMBOL]
 *       REG (a core, banked or system register; a system register's write
 *       event too) may differ after an instruction in the range (anywhere
 *       without at=).
 *   after CLASS REG|Rt [bits=…] [at=…]
 *       REG may differ after an instruction of CLASS; Rt names the
 *       destination of an MRC (bits 15:12). CLASS is one of
 *         semihosting  SVC #0x123456 / SVC #0xAB (Thumb), HLT #0xF000 /
 *                      HLT #0x3C (Thumb), BKPT #0xAB (Thumb)
 *         svc, hvc, smc, mrc, mrrc, vmrs
 *         mrc=p15,OP1,CRn,CRm,OP2   one system-register read
 *         insn=VALUE/MASK           an encoding (A32, or T32 as hw1:hw2)
 *   exception FIELD [kind=NAME] [bits=…] [at=…]
 *       an exception event's FIELD (syndrome, far, vector, return) may
 *       differ, for exceptions of kind NAME (HYP_TRAP, UNDEF, …) or any.
 *
 * A register is excused on the pair after the marked instruction, as
 * either side recorded it. */
#ifndef HYPSIM_TRACE_MASK_H
#define HYPSIM_TRACE_MASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/format.h"

enum mask_kind { MASK_START, MASK_REG, MASK_AFTER, MASK_EXCEPTION };

enum mask_class {
	MC_ANY,
	MC_SEMIHOSTING,
	MC_SVC,
	MC_HVC,
	MC_SMC,
	MC_MRC,
	MC_MRRC,
	MC_VMRS,
	MC_INSN, /* (enc & mask) == value */
};

enum mask_field { MF_SYNDROME, MF_FAR, MF_VECTOR, MF_RETURN };

struct trace_mask {
	int kind;     /* enum mask_kind */
	char *reg;    /* register name; "Rt" for an MRC's destination */
	int reg_id;   /* in the diff's (A's) id space; -1 for Rt */
	uint64_t bits; /* which bits are excused */
	bool has_range;
	char *range_sym; /* unresolved at=SYMBOL */
	uint32_t lo, hi; /* PC range, inclusive */
	int cls;         /* enum mask_class */
	uint32_t ivalue, imask;
	int field;       /* enum mask_field */
	int exc_kind;    /* -1: any */
	char *reason;
	char *where;     /* "FILE:LINE" */
	uint64_t used;   /* differences it excused */
};

struct trace_masks {
	struct trace_mask *m;
	unsigned n;
};

/* Parse a mask file, appending to ms. false with "FILE:LINE: why" in err. */
bool trace_masks_load(struct trace_masks *ms, const char *path, char *err,
		      size_t errlen);
/* Resolve register names against the header of side A and symbols
 * against A's, then B's, symbols. */
bool trace_masks_resolve(struct trace_masks *ms, const struct trace_header *ha,
			 const struct trace_header *hb, char *err,
			 size_t errlen);
void trace_masks_free(struct trace_masks *ms);

/* Whether an instruction record is of the mask's class. */
bool trace_mask_class_match(const struct trace_mask *m,
			    const struct trace_record *r);

/* The bits of register id (A's id space) the masks excuse after the pair
 * whose instructions are ra and rb (either may be NULL); the mask that
 * excused most is returned in *by. */
uint64_t trace_masks_reg(struct trace_masks *ms, uint32_t id,
			 const struct trace_record *ra,
			 const struct trace_record *rb,
			 struct trace_mask **by);
/* The bits of an exception field excused for an exception of kind at pc. */
uint64_t trace_masks_exc(struct trace_masks *ms, int field, unsigned kind,
			 uint32_t pc, struct trace_mask **by);
/* The start-state bits of register id the masks excuse. */
uint64_t trace_masks_start(const struct trace_masks *ms, uint32_t id);

/* "used N times" lines for the summary. */
void trace_masks_report(const struct trace_masks *ms, FILE *out);

#endif
