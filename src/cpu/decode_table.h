/* The decoder tables (issue 14): one line per encoding of each instruction
 * set, in the X-macro files a32.def (A32), t32.def (32-bit T32), t16.def
 * (16-bit T32), vfp.def (CP10/CP11) and neon.def (Advanced SIMD), compiled
 * here into mask/value match tables.
 *
 * A line of a .def file is
 *
 *   INSN(name, "pattern", handler, writes, ends, "syntax", "manual")
 *
 * name     the manual's instruction (a C identifier, unique in its file);
 * pattern  the encoding as ARM DDI 0406C draws it, most significant bit
 *          first (32 bits, or 16 in t16.def): 0 and 1 are fixed bits,
 *          (0) and (1) the should-be-zero / should-be-one bits the manual
 *          draws in brackets, and any letter a variable field. A (0)/(1)
 *          bit does not take part in matching: what an encoding with the
 *          other value does is a choice of the UNPREDICTABLE policy
 *          (unpredictable.def), recorded in the entry's sbz/sbo masks;
 * handler  the function that executes the encoding once the table has
 *          decoded it (one handler may serve several lines: the manual's
 *          class, such as data-processing (immediate)); the instruction
 *          set's own file builds its dispatch array from this column;
 * writes   W_* below: everything the instruction can write;
 * ends     ENDS_* below: whether it ends a block of straight-line code;
 * syntax   the manual's assembler syntax line;
 * manual   the instruction's heading and encoding (A1, T2 …) in A8.8 / B9.3,
 *          or the decode table (A5.x, A6.x, A7.x) for the lines that claim
 *          a region rather than an instruction.
 *
 * Overlaps. Two lines may match the same encoding only when one of them
 * is nested in the other (its fixed bits include the other's, with the
 * same values): the more specific one wins, as in the manual's "if imm5
 * == '00000' then SEE MOV (register)". Where the manual's rule is not a
 * nesting (the literal forms of T32 loads, "if Rn == '1111' then SEE …"),
 * the winner is written INSN_PRIO: it wins over every INSN line it
 * overlaps. Two lines of the same priority that overlap without nesting
 * are an error (test_decode_table finds them).
 *
 * The A32 letter c (cond) never matches 1111 (A5.1: that is the
 * unconditional space). A line whose ends is ENDS_UNDEF is allocated but
 * UNDEFINED on these cores (SWP, UDF, the "2" coprocessor forms, …) or
 * claims a region that is unallocated apart from the lines nested in it.
 *
 *   DELEGATE(name, "pattern", VFP | NEON, "syntax", "manual")
 *
 * hands the encodings it matches to the vfp or neon table (T32 encodings
 * translated to their A32 form first); it has INSN_PRIO's priority. */
#ifndef HYPSIM_DECODE_TABLE_H
#define HYPSIM_DECODE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

/* What an instruction can write (any of them, for some operand values). */
#define W_NONE 0u
#define W_RD (1u << 0)       /* the destination register field(s) */
#define W_WB (1u << 1)       /* the base register (writeback) */
#define W_LIST (1u << 2)     /* the registers of a register list */
#define W_LR (1u << 3)       /* R14 (branch with link) */
#define W_SP (1u << 4)       /* R13 (PUSH, POP, ADD/SUB SP) */
#define W_PC (1u << 5)       /* the PC (a branch whatever its operands) */
#define W_NZCV (1u << 6)     /* the condition flags */
#define W_NZCV_S (1u << 7)   /* the condition flags when S is set */
#define W_NZ_S (1u << 8)     /* N and Z only, when S is set (multiplies) */
#define W_Q (1u << 9)        /* the sticky overflow flag */
#define W_GE (1u << 10)      /* APSR.GE */
#define W_CPSR (1u << 11)    /* mode, A/I/F, E, T, IT: system state */
#define W_XRET (1u << 12)    /* with S and Rd = PC: exception return */
#define W_MEM (1u << 13)     /* memory */
#define W_EXCL (1u << 14)    /* the local exclusive monitor */
#define W_SYSREG (1u << 15)  /* coprocessor, banked or special registers */
#define W_SP_BANKED (1u << 16) /* another mode's banked SP (SRS) */
#define W_FPREG (1u << 17)   /* the extension registers D0-D31 */
#define W_FPSCR (1u << 18)   /* FPSCR (flags, cumulative exceptions, QC) */
#define W_EXC (1u << 19)     /* always takes an exception (SVC, HVC …) */
/* Reads memory: a load changes modelled state although it names no
 * destination in memory (a TLB fill, a D-cache line allocated, a device's
 * read side effects) and may abort, so it is among the writes. */
#define W_MEM_READ (1u << 20)

enum decode_ends {
	ENDS_NO,    /* execution continues with the next instruction */
	ENDS_IF_PC, /* ends the block when it writes the PC (a destination
		     * or list that names R15) */
	ENDS_YES,   /* always ends it: branch, exception, system state,
		     * ISB, WFI/WFE, coprocessor (the coprocessor decides) */
	ENDS_UNDEF, /* always UNDEFINED on these cores */
	ENDS_DELEGATE, /* a DELEGATE line (never returned by a lookup) */
};

enum decode_isa {
	DECODE_A32,
	DECODE_T32, /* 32-bit: hw1 << 16 | hw2 */
	DECODE_T16, /* 16-bit: the halfword */
	DECODE_VFP, /* A32 form */
	DECODE_NEON, /* A32 form */
	DECODE_ISA_COUNT,
};

struct decode_entry {
	const char *name;
	const char *pattern;
	const char *handler; /* NULL for a DELEGATE line */
	const char *syntax;
	const char *manual;
	uint32_t writes;          /* W_* */
	enum decode_ends ends;
	uint32_t mask, value;     /* the fixed bits */
	uint32_t sbz, sbo;        /* the (0) and (1) bits */
	uint32_t not_mask, not_value; /* never matches these (A32 cond 1111) */
	enum decode_isa isa;      /* the table the entry is in */
	enum decode_isa target;   /* DELEGATE: the table it hands over to */
	uint8_t prio;             /* 1: INSN_PRIO or DELEGATE */
	uint8_t width;            /* 32, or 16 for DECODE_T16 */
	uint16_t index;           /* position in its .def file */
	/* ENDS_IF_PC: the encoding writes the PC when every bit of one of
	 * the destination fields (Rd, Rt: 15 is all ones) is set, or the
	 * list's PC bit (bit 15 of a 16-bit list, the P of POP and T32 LDM) */
	uint32_t pc_dest[2], pc_list_bit;
};

/* Whether `insn` writes the PC as a destination of its line `e`: always
 * for W_PC, for an ENDS_IF_PC line when a destination or the list names
 * R15 (a PC destination of an ENDS_NO line is UNDEFINED under the
 * UNPREDICTABLE policy, unpredictable.def, so it never writes it). */
bool decode_entry_writes_pc(const struct decode_entry *e, uint32_t insn);

/* How the block engine (block.c) treats an instruction: from its table
 * line (NULL: unallocated), its encoding, and what its predecoder gave
 * it: a specialised handler (decode_is_specialised) and, for a load or
 * store, the data fast path (decoded_insn.mem). */
enum decode_flow {
	/* specialised, and its line writes general-purpose registers and
	 * the flags only (no memory, exclusive monitor, system or banked
	 * register, extension register or FPSCR, no exception): a
	 * specialised handler never takes the Rd = PC forms (ALUWritePC,
	 * interworking), so such a line's W_CPSR never applies to it */
	FLOW_PLAIN,
	/* the same, and the line writes the PC but not the CPSR (B, BL; a
	 * specialised BX, which may change CPSR.T, is FLOW_ENDS_PC) */
	FLOW_BRANCH,
	FLOW_MEM,       /* a load or store on the data fast path */
	/* the line's handler, and the block may go on after it: a load or
	 * store that writes neither the PC (W_PC, a PC destination) nor
	 * the exclusive monitor nor another mode's SP (SRS) */
	FLOW_CONTINUES,
	FLOW_ENDS,      /* the line's handler, and the block ends after it */
	/* the same, for an instruction that writes the PC and otherwise
	 * only general-purpose registers, the CPSR and memory (BX, BLX,
	 * POP/LDM/LDR to the PC, ERET, RFE): no system register, exclusive
	 * monitor, banked SP, extension register or exception, and not the
	 * data-processing forms (their lines carry W_XRET). After it the
	 * run counts as clean (block.c, run_block) when the core shows that
	 * nothing changed but registers, flags and the PC. */
	FLOW_ENDS_PC,
};
enum decode_flow decode_flow_of(const struct decode_entry *e, uint32_t insn,
				bool specialised, bool fast_mem);

/* "A32", "T32", "T16", "VFP", "NEON". */
const char *decode_isa_name(enum decode_isa isa);

/* Whether `insn` matches `e`'s pattern (without looking at priorities). */
static inline bool decode_entry_matches(const struct decode_entry *e,
					uint32_t insn)
{
	return (insn & e->mask) == e->value &&
	       !(e->not_mask && (insn & e->not_mask) == e->not_value);
}

/* The entry the table of `isa` gives `insn`, delegations followed (T32 to
 * the A32 form of the VFP and Advanced SIMD spaces); NULL when no entry
 * matches (unallocated: UNDEFINED). */
const struct decode_entry *decode_table_lookup(enum decode_isa isa,
					       uint32_t insn);

/* The entry of the table of `isa` itself (a DELEGATE line is returned as
 * such, not followed). */
const struct decode_entry *decode_table_lookup_local(enum decode_isa isa,
						     uint32_t insn);

/* The encoding a DELEGATE entry of `isa` hands to its target table. */
uint32_t decode_table_translate(enum decode_isa isa, uint32_t insn,
				const struct decode_entry *delegate);

/* The entries of the table of `isa`, in their .def order. */
const struct decode_entry *decode_table_entries(enum decode_isa isa,
						unsigned *count);

/* Build every table now (machine start: the only place building them
 * can end the process, on host OOM); lookups build them on first use
 * otherwise. */
void decode_table_init(void);

/* Malformed lines (a pattern of the wrong length, an unknown character,
 * a duplicate name): their number, and the first message in `msg`. The
 * tables still work without the malformed lines. */
unsigned decode_table_errors(char *msg, unsigned size);

/* Enumerate `isa`'s encoding space (2^32, or 2^16 for DECODE_T16) as
 * disjoint cubes (`mask` bits fixed to `value`, the rest free), each with
 * the one entry every encoding in it gets from decode_table_lookup_local
 * (NULL: unallocated). The cubes cover every encoding exactly once. The
 * callback returns false to stop. False when it could not run (no host
 * memory for its work list): no cube was given. */
typedef bool (*decode_cube_fn)(void *arg, uint32_t mask, uint32_t value,
			       const struct decode_entry *e);
bool decode_table_partition(enum decode_isa isa, decode_cube_fn fn,
			    void *arg);

#endif
