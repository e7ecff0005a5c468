/* The x86-64 code generator's own declarations, shared by its two
 * files: codegen_x86_64.c assembles a block's code (the dispatch, the
 * ends of runs, the chain tail, the buffer) and codegen_x86_64_insn.c
 * writes what one guest instruction becomes inline (data processing,
 * multiplies, extends, loads and stores on the data memo's fast path),
 * recognising the specialised handlers by their addresses. Both write
 * through the emitter below, which never writes past the buffer. */
#ifndef HYPSIM_CODEGEN_X86_64_INTERNAL_H
#define HYPSIM_CODEGEN_X86_64_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cpu/alu.h"
#include "cpu/block_internal.h"
#include "cpu/codegen_x86_64.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"

#if defined(__x86_64__) && defined(__linux__)
#define CODEGEN_HOST 1
#else
#define CODEGEN_HOST 0
#endif

/* What the generator knows of a handler, found by its address: the
 * specialised handlers it emits inline code for (handler_classes). */
enum handler_kind {
	HK_NONE,
	HK_DP_IMM, /* predecode_dp_imm_fns[op][s] */
	HK_DP_REG, /* predecode_dp_reg_fns[op][s] */
	HK_DP_SH,  /* predecode_dp_sh_fns[LSL..ROR][op][s] */
	HK_DP_RSR, /* predecode_dp_rsr_fn(): op, s and the shift decoded */
	HK_LDST,   /* predecode_ldst_fns[byte][load][reg], and
		    * predecode_ldst_wb_fns[byte][load][reg][pre] */
	HK_EXTRA,  /* predecode_ldst_extra_fn(size, load, sign, reg), and
		    * predecode_ldst_extra_wb_fn(…, pre) */
	HK_MUL,    /* predecode_mul_fn(MUL or MLA, no S): op 1 for MLA */
	HK_MULTI,  /* predecode_ldm, predecode_stm: load for LDM */
	HK_MUL_LONG, /* predecode_mul_long_fn(): UMULL, UMLAL, SMULL, SMLAL */
	HK_EXTEND, /* predecode_extend_fn(op, no accumulate): op, size (1 B,
		    * 2 H), sign */
	HK_MOVW,   /* predecode_movw, predecode_movt (op 1) */
	HK_CLZ,    /* predecode_clz_fn() */
	HK_REV,    /* predecode_rev_fn(REV_REV) */
	HK_BX,     /* predecode_bx */
	HK_LDR_PC, /* predecode_ldr_pc */
	HK_NOP,    /* predecode_nop_fn(): hints and barriers */
	HK_LDR_LIT, /* predecode_ldr_literal_fn(): imm the address */
};
struct handler_class {
	decoded_fn fn; /* NULL: a free slot */
	uint8_t kind;  /* enum handler_kind */
	uint8_t op, s; /* data processing */
	uint8_t size, load, sign, reg; /* loads and stores */
	uint8_t wb, pre; /* with writeback: pre- or post-indexed */
};
#define CLASS_SLOTS 1024 /* a power of two, over twice the ~280 handlers */

struct codegen {
	uint8_t *base;
	size_t size, used;
	/* at the start of the buffer, kept through a reset (the buffer's
	 * blocks start at tail_end): the chain tails every clean end jumps
	 * to, for uncached and cached blocks, and the return with CG_DONE */
	const uint8_t *tail[2], *tail_out;
	size_t tail_end;
	uint64_t resets;
	struct handler_class classes[CLASS_SLOTS]; /* open addressing */
	/* CPSR's N, Z and C from the host's flags as LAHF leaves them in
	 * AH (SF 7, ZF 6, CF 0), after an addition (C = CF), a subtraction
	 * (C = NOT(CF)) and for N and Z alone (FLAGS_*): one load instead
	 * of taking the bits apart (emit_inline_dp) */
	uint32_t flags_of_ah[3][256];
};
enum { FLAGS_ADD, FLAGS_SUB, FLAGS_NZ };

#if CODEGEN_HOST

/* ---- the emitter ---- */

/* Code is written through room(), which never goes past `end` (the
 * buffer's): what does not fit goes to `sink` and sets `full`, and the
 * caller throws the code away (codegen_emit returns NULL: the buffer is
 * reset and the block emitted again, into a buffer far larger than any
 * block's code). So no bound on a block's code needs computing, and
 * nothing a guest's instructions make the generator write can pass the
 * buffer. */
struct emit {
	uint8_t *p, *start, *end;
	bool full;
	/* flags in R15D not yet in CPSR (enum flags_reg: FR_NONE when CPSR
	 * holds them): emit_flags_commit */
	unsigned flags_pending;
	uint8_t sink[16]; /* (bytes() writes at most 16 at a time) */
};

static inline uint8_t *room(struct emit *e, size_t n)
{
	if (e->full || (size_t)(e->end - e->p) < n) {
		e->full = true;
		return e->sink;
	}
	uint8_t *at = e->p;
	e->p += n;
	return at;
}
static inline void byte1(struct emit *e, uint8_t b)
{
	*room(e, 1) = b;
}
static inline void bytes(struct emit *e, const uint8_t *b, size_t n)
{
	for (; n > sizeof e->sink; n -= sizeof e->sink, b += sizeof e->sink)
		memcpy(room(e, sizeof e->sink), b, sizeof e->sink);
	memcpy(room(e, n), b, n);
}
static inline void imm32(struct emit *e, uint32_t v)
{
	memcpy(room(e, 4), &v, 4);
}
static inline void imm64(struct emit *e, uint64_t v)
{
	memcpy(room(e, 8), &v, 8);
}
/* a rel32 field to be patched: its position */
static inline uint8_t *rel32_hole(struct emit *e)
{
	uint8_t *at = room(e, 4);
	memset(at, 0, 4);
	return at;
}
static inline void patch_rel32(uint8_t *at, const uint8_t *target)
{
	int32_t rel = (int32_t)(target - (at + 4));
	memcpy(at, &rel, 4);
}

/* a rel8 field (short jumps inside one template) */
static inline uint8_t *rel8_hole(struct emit *e)
{
	uint8_t *at = room(e, 1);
	*at = 0;
	return at;
}
static inline void patch_rel8(struct emit *e, uint8_t *at,
			      const uint8_t *target)
{
	const ptrdiff_t rel = target - (at + 1);
	/* a template whose short jump does not reach: its code is thrown
	 * away as if the buffer were full (and the shared code's makes
	 * codegen_create fail: the threaded loop runs) */
	if (rel < -128 || rel > 127)
		e->full = true;
	*at = (uint8_t)(int8_t)rel;
}

#define CPU_OFF(field) ((uint32_t)offsetof(struct cpu, field))

/* The displacement of an operand [rbx + off] whose ModRM byte, the last
 * byte emitted, says [rbx + disp32] (mod 10, r/m 011): made [rbx + disp8]
 * (mod 01) when off fits in one byte, as the guest's registers and CPSR
 * at the start of struct cpu do (three bytes fewer for each operand:
 * a smaller footprint in the host's instruction cache for code that
 * names a register in nearly every instruction). */
static inline void disp_rbx(struct emit *e, uint32_t off)
{
	if (off < 0x80 && !e->full && e->p > e->start &&
	    (e->p[-1] & 0xc7) == 0x83) {
		e->p[-1] ^= 0xc0;
		byte1(e, (uint8_t)off);
		return;
	}
	imm32(e, off);
}
#define BLOCK_OFF(field) ((uint32_t)offsetof(struct block, field))

/* mov dword [rbx + off], imm32 */
static inline void store32_imm(struct emit *e, uint32_t off, uint32_t v)
{
	bytes(e, (const uint8_t[]){0xc7, 0x83}, 2);
	disp_rbx(e, off);
	imm32(e, v);
}

/* mov rax, imm64; mov [rbx + off], rax */
static inline void store64_imm(struct emit *e, uint32_t off, uint64_t v)
{
	bytes(e, (const uint8_t[]){0x48, 0xb8}, 2);
	imm64(e, v);
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x83}, 3);
	imm32(e, off);
}

/* fn(cpu, d): mov rdi, rbx; mov rsi, d; mov rax, fn; call rax */
static inline void call_handler(struct emit *e, const struct decoded_insn *d)
{
	bytes(e, (const uint8_t[]){0x48, 0x89, 0xdf, 0x48, 0xbe}, 5);
	imm64(e, (uint64_t)(uintptr_t)d);
	bytes(e, (const uint8_t[]){0x48, 0xb8}, 2);
	imm64(e, (uint64_t)(uintptr_t)d->fn);
	bytes(e, (const uint8_t[]){0xff, 0xd0}, 2);
}

/* A load or store's handler as run_block's loop calls it (cpu->mem_insn
 * first), then cmp r12, [rbx + slow_accesses]; jne <slow>: returns the
 * jump's rel32 hole, taken when the access left the data fast path;
 * where it stayed on it, cpu->mem_insn is cleared (nothing read it, and
 * the next access or impure instruction sets it again, so the end of a
 * clean run need not). */
static inline uint8_t *call_access_handler(struct emit *e,
					   const struct block_insn *bi)
{
	store64_imm(e, CPU_OFF(mem_insn), (uint64_t)(uintptr_t)bi);
	call_handler(e, &bi->d);
	bytes(e, (const uint8_t[]){0x4c, 0x3b, 0xa3}, 3);
	imm32(e, CPU_OFF(slow_accesses));
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	uint8_t *slow = rel32_hole(e);
	/* mov qword [rbx + mem_insn], 0 */
	bytes(e, (const uint8_t[]){0x48, 0xc7, 0x83}, 3);
	imm32(e, CPU_OFF(mem_insn));
	imm32(e, 0);
	return slow;
}

/* Where the flags of the code emitted so far are, besides CPSR: FR_NONE,
 * nowhere else; FR_ADD and FR_SUB, in R15D, as the host's flags after
 * the last inline addition or subtraction that set them left them (lahf;
 * seto al: OF in bit 0, CF in bit 8, ZF in 14, SF in 15), CPSR.C being
 * CF after an addition and NOT(CF) after a subtraction (emit_inline_dp).
 * (Keeping N and Z there after a logical operation too made Linux's boot
 * 1% slower, not faster.) A condition or a carry read from R15D depends
 * only on that instruction, not on a CPSR write after it: a branch that
 * depends on a compare is resolved as soon as the compare is.
 *
 * Such an addition or subtraction leaves its flags in R15D alone
 * (emit.flags_pending): they are written into CPSR only where something
 * else may read CPSR (emit_flags_commit): before a handler's call, a
 * logical operation's read-modify-write of CPSR, an end of the run, a
 * return to run_block and, out of line, the full way of an inline load
 * or store; where two ways join with different pending flags, each way
 * writes its own. A compare followed by a compare or a flag-setting
 * subtraction (a loop's counter, cmp; cmpne) writes CPSR once, not at
 * each. R15 is callee-saved, so a handler call keeps it, but a handler
 * may write the flags: the generator forgets them (FR_NONE) after every
 * handler but the full ways of inline loads and stores, and where two
 * ways with different flags join. */
enum flags_reg { FR_NONE, FR_ADD, FR_SUB };

/* cpsr = (cpsr & keep) | ecx: mov edx, [rbx + cpsr]; and edx, keep;
 * or edx, ecx; mov [rbx + cpsr], edx (one load and one store; two
 * read-modify-writes, the second's load waiting for the first's store,
 * were no faster). EDX is clobbered. */
static inline void emit_cpsr_merge_ecx(struct emit *e, uint32_t keep)
{
	bytes(e, (const uint8_t[]){0x8b, 0x93}, 2);
	disp_rbx(e, CPU_OFF(cpsr));
	bytes(e, (const uint8_t[]){0x81, 0xe2}, 2);
	imm32(e, keep);
	bytes(e, (const uint8_t[]){0x09, 0xca, 0x89, 0x93}, 4);
	disp_rbx(e, CPU_OFF(cpsr));
}

/* CPSR.NZCV = the flags in R15D (kind: FR_ADD or FR_SUB; nothing for
 * FR_NONE, CPSR holding them), the rest of CPSR kept: mov edx, r15d;
 * movzx edx, dh; movzx ecx, r15b; shl ecx, 28;
 * or ecx, [r14 + rdx * 4 + table] (N, Z, C from the bits LAHF left,
 * codegen.flags_of_ah); then emit_cpsr_merge_ecx. ECX and EDX are
 * clobbered. */
static inline void emit_flags_to_cpsr(struct emit *e, unsigned kind)
{
	if (kind == FR_NONE)
		return;
	const uint32_t table = (uint32_t)sizeof(uint32_t[256]) *
			       (kind == FR_SUB ? FLAGS_SUB : FLAGS_ADD);
	bytes(e, (const uint8_t[]){0x44, 0x89, 0xfa, 0x0f, 0xb6, 0xd6, 0x41,
				   0x0f, 0xb6, 0xcf, 0xc1, 0xe1, 0x1c, 0x41,
				   0x0b, 0x8c, 0x96},
	      17);
	imm32(e, table);
	emit_cpsr_merge_ecx(e, 0x0fffffffu);
}

/* The pending flags (emit.flags_pending) written into CPSR, if any. */
static inline void emit_flags_commit(struct emit *e)
{
	emit_flags_to_cpsr(e, e->flags_pending);
	e->flags_pending = FR_NONE;
}

/* Whether one test of R15D decides condition cond (cond_test_r15). */
static inline bool cond_one_test(unsigned cond, unsigned fr)
{
	return fr != FR_NONE &&
	       (cond < 8 || (fr == FR_SUB && (cond == 8 || cond == 9)));
}

/* The conditions one test of R15D decides: test r15d, bit; and the
 * host condition (4: Z, 5: NZ, the low nibble of jcc and cmovcc) under
 * which it fails. 0 for the others. */
static inline unsigned cond_test_r15(struct emit *e, unsigned cond,
				     unsigned fr)
{
	/* EQ NE CS CC MI PL VS VC: the bit, and whether the flag set passes */
	static const uint16_t bit[8] = {1u << 14, 1u << 14, 1u << 8, 1u << 8,
					1u << 15, 1u << 15, 1u << 0, 1u << 0};
	if (cond < 8) {
		bool set_passes = (cond & 1) == 0;
		if (cond == 2 || cond == 3) /* C: CF, or NOT(CF) */
			set_passes ^= fr == FR_SUB;
		/* test r15d, imm32; fails when zero (z) or not (nz) */
		bytes(e, (const uint8_t[]){0x41, 0xf7, 0xc7}, 3);
		imm32(e, bit[cond]);
		return set_passes ? 4 : 5;
	}
	if (fr == FR_SUB && (cond == 8 || cond == 9)) {
		/* after a subtraction C is NOT(CF): HI (C and not Z) is CF
		 * and ZF both clear: test r15d, CF | ZF; HI fails on nz, LS
		 * on z */
		bytes(e, (const uint8_t[]){0x41, 0xf7, 0xc7}, 3);
		imm32(e, 1u << 8 | 1u << 14);
		return cond == 8 ? 5 : 4;
	}
	return 0;
}

/* The condition (A8.3) from the flags in R15D (fr: enum flags_reg):
 * test r15d, bit; jz or jnz <failed> for one flag, and for HI and LS
 * after a subtraction (CF and ZF clear: HI); for the others of HI, LS,
 * GE, LT, GT and LE the host's flags restored (mov eax, r15d; add al, 0x7f: OF;
 * sahf: SF, ZF, CF; cmc after an addition, whose CF is C, so that CF is
 * NOT(C) as after a subtraction) and the host's condition that fails
 * where the ARM one does (ja is C and not Z as CF clear is C; jge is
 * N == V; jg is not Z and N == V). */
static inline uint8_t *cond_failed_jump_r15(struct emit *e, unsigned cond,
					    unsigned fr)
{
	const unsigned fails = cond_test_r15(e, cond, fr);
	if (fails) { /* jz/jnz <failed> */
		bytes(e, (const uint8_t[]){0x0f, (uint8_t)(0x80u | fails)}, 2);
		return rel32_hole(e);
	}
	/* mov eax, r15d; add al, 0x7f; sahf; [cmc] */
	bytes(e, (const uint8_t[]){0x44, 0x89, 0xf8, 0x04, 0x7f, 0x9e}, 6);
	if (fr == FR_ADD)
		byte1(e, 0xf5);
	/* HI LS GE LT GT LE fail with jbe ja jl jge jle jg */
	static const uint8_t failed[6] = {0x86, 0x87, 0x8c, 0x8d, 0x8e, 0x8f};
	bytes(e, (const uint8_t[]){0x0f, failed[cond - 8]}, 2);
	return rel32_hole(e);
}

/* The condition (A8.3) from CPSR[31:28], or from R15D when the flags are
 * there too (fr, cond_failed_jump_r15): bit NZCV of the condition's
 * pass mask (decode_cond_pass_mask, the decoders' own table). A mask that
 * is one flag set or clear (EQ, NE, CS, CC, MI, PL, VS, VC) tests that
 * flag in CPSR's top byte: test byte [rbx + cpsr + 3], flag; jz or jnz
 * <failed>; the others emit mov eax, [rbx + cpsr]; shr eax, 28;
 * mov ecx, mask; bt ecx, eax; jnc <failed>. Returns the jump's rel32
 * hole. */
static inline uint8_t *cond_failed_jump(struct emit *e, unsigned cond,
					unsigned fr)
{
	if (fr != FR_NONE && cond < 14)
		return cond_failed_jump_r15(e, cond, fr);
	const uint16_t mask = decode_cond_pass_mask[cond];
	for (unsigned f = 0; f < 4; f++) {
		/* the NZCV values (0..15) with flag bit f set */
		uint16_t set = 0;
		for (unsigned v = 0; v < 16; v++)
			if (v >> f & 1)
				set |= (uint16_t)(1u << v);
		const uint16_t clear = (uint16_t)(set ^ 0xffffu);
		if (mask != set && mask != clear)
			continue;
		bytes(e, (const uint8_t[]){0xf6, 0x83}, 2);
		disp_rbx(e, CPU_OFF(cpsr) + 3);
		byte1(e, (uint8_t)(0x10u << f));
		/* failed: the flag clear when the mask wants it set (jz),
		 * set when it wants it clear (jnz) */
		bytes(e, (const uint8_t[]){0x0f, mask == set ? 0x84 : 0x85}, 2);
		return rel32_hole(e);
	}
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	disp_rbx(e, CPU_OFF(cpsr));
	bytes(e, (const uint8_t[]){0xc1, 0xe8, 0x1c, 0xb9}, 4);
	imm32(e, mask);
	bytes(e, (const uint8_t[]){0x0f, 0xa3, 0xc1, 0x0f, 0x83}, 5);
	return rel32_hole(e);
}

/* ---- codegen_x86_64_insn.c: one instruction inline ---- */

/* The handler classes: which specialised handlers have inline code. */
void handler_classes(struct codegen *cg);

/* A load or store the data memo's fast path can do inline. */
struct inline_access {
	unsigned size; /* 1, 2, 4 */
	bool load, sign;
	bool reg;      /* offset Rm shifted, else imm */
	bool subtract; /* Rn - offset */
	enum shift_type shift_type; /* LSL, LSR, ASR or ROR */
	unsigned shift; /* 0..32 (DecodeImmShift's) */
	uint32_t imm;
	/* writeback (Rn = the offset address after the access; the
	 * predecoder leaves Rt = Rn to the decoder): the access at the
	 * offset address (pre) or at Rn (post-indexed) */
	bool wb, pre;
	bool literal; /* at imm, no base register */
};
bool inline_access_of(const struct codegen *cg, const struct decoded_insn *d,
		      struct inline_access *a);
/* The inline access of d (a from inline_access_of), and the holes of
 * its jumps to the full way (the handler), which the caller patches;
 * returns how many. */
unsigned emit_inline_access(struct emit *e, const struct decoded_insn *d,
			    const struct inline_access *a, uint8_t *slow[3]);
/* LDM/STM inline (0: not one the generator does), likewise; with the
 * PC in a load's list only when pc_load. */
unsigned emit_inline_multiple(const struct codegen *cg, struct emit *e,
			      const struct decoded_insn *d, bool pc_load,
			      uint8_t *slow[4]);
/* An A32 block's last instruction when it is a return the generator
 * does inline (BX Rm, POP {…, pc}, LDR PC): the PC written as an ARM address and
 * pc_written set; the holes of its jumps to the full way (a Thumb or
 * misaligned target, an access off the fast path) in slow[], and how
 * many (0: not one of them). */
unsigned emit_inline_return(const struct codegen *cg, struct emit *e,
			    const struct decoded_insn *d, uint8_t *slow[4]);
/* Plain instructions inline: false when d is not one of them. A data
 * processing one reads and leaves *fr (enum flags_reg) as its flags do. */
bool emit_inline_dp(const struct codegen *cg, struct emit *e,
		    const struct decoded_insn *d, unsigned *fr);
bool emit_inline_mul(const struct codegen *cg, struct emit *e,
		      const struct decoded_insn *d);
bool emit_inline_mul_long(const struct codegen *cg, struct emit *e,
			   const struct decoded_insn *d);
bool emit_inline_extend(const struct codegen *cg, struct emit *e,
			 const struct decoded_insn *d);
/* An A32 data-processing instruction without S (not a test) whose
 * condition one test of the flags in R15D decides (fr, cond_one_test):
 * its result computed, and written to Rd through a conditional move of
 * Rd's old value where the condition fails, with no branch (which a
 * condition on data, a carry out of a multiple-precision subtraction,
 * would mispredict half the time). False when d is not one. */
bool emit_predicated_dp(const struct codegen *cg, struct emit *e,
			const struct decoded_insn *d, unsigned cond,
			unsigned fr);
bool emit_inline_movw(const struct codegen *cg, struct emit *e,
		      const struct decoded_insn *d);
/* The hints and barriers that change nothing (HK_NOP): no code at all
 * (true: the instruction is done). */
bool emit_inline_nop(const struct codegen *cg, const struct decoded_insn *d);
bool emit_inline_clz_rev(const struct codegen *cg, struct emit *e,
			 const struct decoded_insn *d);

#endif /* CODEGEN_HOST */

#endif
