/* The x86-64 code generator: the first steps of the plan in block.c
 * ("Towards an x86-64 code generator"). For a block it emits the
 * dispatch run_block's threaded loop does at run time, with what the
 * loop reads from each block_insn (kind, condition, address, handler,
 * entry) as constants:
 *
 *   plain          the handler called, or inline code for data
 *                  processing (emit_inline_dp), MUL/MLA
 *                  (emit_inline_mul), the long multiplies without S
 *                  (emit_inline_mul_long) and the extends without
 *                  accumulate (emit_inline_extend)
 *   plain, cond    the condition from CPSR.NZCV (decode_cond_pass_mask
 *                  as an immediate, one BT), then the same
 *   branch         the PC stored, the condition, the call, and the end
 *                  of the run when it wrote the PC (cpu->pc_written); a
 *                  direct branch (B, BL, T32 B<c>) writes its constant
 *                  target and ends the run
 *   load/store     the condition, then the data memo's fast path inline
 *                  (emit_inline_access, and emit_inline_multiple for
 *                  LDM/STM; the handler as its full way) or
 *                  cpu->mem_insn stored and the call, and a return when
 *                  cpu->slow_accesses moved (the access left the data
 *                  fast path: run_block does the rest)
 *   impure         a return before it: run_block's loop runs it and what
 *                  follows, with every check it makes; but the block's
 *                  last instruction (a return, a barrier, a system
 *                  register access, a hint, …), whose condition the code
 *                  checks and which block_ends_from_code runs as the
 *                  loop runs an impure instruction: a clean run the code
 *                  ends, else it returns CG_RAN and the loop makes its
 *                  checks
 *
 * so what the code does is exactly the loop's (the handlers, or inline
 * what their fast paths do), and what it returns (CG_*) lets run_block
 * finish the run as the loop would have. A clean run (every instruction,
 * or up to a branch that wrote the PC) it finishes itself, with what
 * run_end commits as constants (emit_clean_end), and then it follows the
 * block's links, on its page or to another (block.xlink, while the
 * soft-TLB generation, the mode and SCR are the ones it was made
 * under), into the next block's code (emit_chain_tail, one tail at the
 * start of the buffer that every block's clean ends jump to) while
 * block_chained's fast checks, the budget and the stop flag allow: one
 * call from run_block can run a whole loop. An end whose next PC is a
 * constant has its jump to the tail patched, once the tail has followed
 * its link on the page, into a jump to the linked block's direct entry
 * (the checks of that block alone; codegen_unlink turns it back into a
 * jump to the tail when the block's slot is built again). It runs only
 * whole blocks; a run cut short by the step budget takes the loop.
 *
 * The code is a function of the block's entries alone, which stay as
 * they were built until the slot is built again (a relinked block keeps
 * its entries, so its code): block_run has it emitted when a block has
 * been entered CODEGEN_AFTER times (block_internal.h), and a block whose slot is decoded again
 * starts without. The buffer is filled in order and, when full, forgotten
 * at once (every block's code pointer cleared, the buffer reset): code is
 * never freed block by block.
 *
 * Calling convention (System V): the generated function takes the core
 * in RDI and keeps it in RBX, the budget in RSI and keeps it in R13, and
 * the slow-access count it started with in R12 (all callee-saved, so they
 * survive the handler calls; the stack is 16-byte aligned at each call).
 * A block's code entered from another's starts after this prologue, with
 * the three as they are. */
#include "cpu/codegen_x86_64.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/block_internal.h"
#include "cpu/decode_cache.h"
#include "cpu/decode_table.h"
#include "cpu/predecode_internal.h"

#if defined(__x86_64__) && defined(__linux__)
#include <sys/mman.h>
#define CODEGEN_HOST 1
#else
#define CODEGEN_HOST 0
#endif

/* 4 MiB a core, touched as used: a block's code is about 20 to 60 bytes
 * an instruction, so the buffer holds the 4096 slots' blocks several
 * times over before it is reset. */
#define CODEGEN_BYTES (4u << 20)

/* What the generator knows of a handler, found by its address: the
 * specialised handlers it emits inline code for (handler_classes). */
enum handler_kind {
	HK_NONE,
	HK_DP_IMM, /* predecode_dp_imm_fns[op][s] */
	HK_DP_REG, /* predecode_dp_reg_fns[op][s] */
	HK_DP_SH,  /* predecode_dp_sh_fns[LSL..ROR][op][s] */
	HK_LDST,   /* predecode_ldst_fns[byte][load][reg], and
		    * predecode_ldst_wb_fns[byte][load][reg][pre] */
	HK_EXTRA,  /* predecode_ldst_extra_fn(size, load, sign, reg) */
	HK_MUL,    /* predecode_mul_fn(MUL or MLA, no S): op 1 for MLA */
	HK_MULTI,  /* predecode_ldm, predecode_stm: load for LDM */
	HK_MUL_LONG, /* predecode_mul_long_fn(): UMULL, UMLAL, SMULL, SMLAL */
	HK_EXTEND, /* predecode_extend_fn(op, no accumulate): op, size (1 B,
		    * 2 H), sign */
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
	 * blocks start at tail_end): the history push every clean end
	 * calls, the chain tails they jump to after it, for uncached and
	 * cached blocks, and the return with CG_DONE */
	const uint8_t *history_push, *tail[2], *tail_out;
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

void codegen_usage(const struct codegen *cg, uint64_t *bytes,
		   uint64_t *resets)
{
	*bytes = cg ? cg->used : 0;
	*resets = cg ? cg->resets : 0;
}

void codegen_reset(struct codegen *cg)
{
	cg->used = cg->tail_end;
	cg->resets++;
}

#if CODEGEN_HOST

static unsigned class_hash(decoded_fn fn)
{
	uintptr_t p = (uintptr_t)fn;
	return (unsigned)((p >> 4) ^ (p >> 14)) & (CLASS_SLOTS - 1);
}

static const struct handler_class *class_of(const struct codegen *cg,
					    decoded_fn fn)
{
	for (unsigned h = class_hash(fn);; h = (h + 1) & (CLASS_SLOTS - 1)) {
		if (cg->classes[h].fn == fn)
			return &cg->classes[h];
		if (!cg->classes[h].fn)
			return NULL;
	}
}

static void class_add(struct codegen *cg, struct handler_class c)
{
	unsigned h = class_hash(c.fn);
	while (cg->classes[h].fn && cg->classes[h].fn != c.fn)
		h = (h + 1) & (CLASS_SLOTS - 1);
	cg->classes[h] = c;
}

/* The table of handler classes, from the predecoders' own tables. */
static void handler_classes(struct codegen *cg)
{
	for (unsigned o = 0; o < 16; o++)
		for (unsigned f = 0; f < 2; f++) {
			struct handler_class c = {.op = (uint8_t)o,
						  .s = (uint8_t)f};
			c.kind = HK_DP_IMM;
			c.fn = predecode_dp_imm_fns[o][f];
			class_add(cg, c);
			c.kind = HK_DP_REG;
			c.fn = predecode_dp_reg_fns[o][f];
			class_add(cg, c);
			c.kind = HK_DP_SH;
			for (unsigned t = SRTYPE_LSL; t <= SRTYPE_ROR; t++) {
				c.fn = predecode_dp_sh_fns[t][o][f];
				class_add(cg, c);
			}
		}
	for (unsigned byte = 0; byte < 2; byte++)
		for (unsigned load = 0; load < 2; load++)
			for (unsigned reg = 0; reg < 2; reg++)
				class_add(cg, (struct handler_class){
						      .fn = predecode_ldst_fns
							      [byte][load][reg],
						      .kind = HK_LDST,
						      .size = byte ? 1 : 4,
						      .load = (uint8_t)load,
						      .reg = (uint8_t)reg,
					      });
	for (unsigned byte = 0; byte < 2; byte++)
		for (unsigned load = 0; load < 2; load++)
			for (unsigned reg = 0; reg < 2; reg++)
				for (unsigned pre = 0; pre < 2; pre++)
					class_add(cg, (struct handler_class){
						.fn = predecode_ldst_wb_fns
							[byte][load][reg][pre],
						.kind = HK_LDST,
						.size = byte ? 1 : 4,
						.load = (uint8_t)load,
						.reg = (uint8_t)reg,
						.wb = 1,
						.pre = (uint8_t)pre,
					});
	class_add(cg, (struct handler_class){
			      .fn = predecode_mul_fn(MUL_MUL, false),
			      .kind = HK_MUL,
		      });
	class_add(cg, (struct handler_class){
			      .fn = predecode_mul_fn(MUL_MLA, false),
			      .kind = HK_MUL,
			      .op = 1,
		      });
	static const struct {
		uint8_t op, size, sign;
	} ext[] = {{EXT_UXTB, 1, 0}, {EXT_UXTH, 2, 0}, {EXT_SXTB, 1, 1},
		   {EXT_SXTH, 2, 1}};
	for (unsigned k = 0; k < sizeof ext / sizeof ext[0]; k++)
		class_add(cg, (struct handler_class){
				      .fn = predecode_extend_fn(
					      (enum ext_op)ext[k].op, false),
				      .kind = HK_EXTEND,
				      .op = ext[k].op,
				      .size = ext[k].size,
				      .sign = ext[k].sign,
			      });
	class_add(cg, (struct handler_class){
			      .fn = predecode_mul_long_fn(),
			      .kind = HK_MUL_LONG,
		      });
	class_add(cg, (struct handler_class){
			      .fn = predecode_ldm,
			      .kind = HK_MULTI,
			      .load = 1,
		      });
	class_add(cg, (struct handler_class){
			      .fn = predecode_stm,
			      .kind = HK_MULTI,
		      });
	static const struct {
		uint8_t size, load, sign;
	} extra[] = {{2, 0, 0}, {2, 1, 0}, {2, 1, 1},
		     {1, 1, 1}, {1, 1, 0}, {1, 0, 0}};
	for (unsigned k = 0; k < sizeof extra / sizeof extra[0]; k++)
		for (unsigned reg = 0; reg < 2; reg++)
			class_add(cg, (struct handler_class){
					      .fn = predecode_ldst_extra_fn(
						      extra[k].size,
						      extra[k].load,
						      extra[k].sign, reg),
					      .kind = HK_EXTRA,
					      .size = extra[k].size,
					      .load = extra[k].load,
					      .sign = extra[k].sign,
					      .reg = (uint8_t)reg,
				      });
}

static bool emit_shared_tail(struct codegen *cg);

struct codegen *codegen_create(void)
{
	struct codegen *cg = calloc(1, sizeof *cg);
	if (!cg)
		return NULL;
	/* writable and executable at once: what is written is the fixed
	 * templates below with the entries' constants, never guest bytes;
	 * a host that refuses such a mapping runs the threaded loop */
	void *p = mmap(NULL, CODEGEN_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		free(cg);
		return NULL;
	}
	cg->base = p;
	cg->size = CODEGEN_BYTES;
	handler_classes(cg);
	for (unsigned ah = 0; ah < 256; ah++) {
		const uint32_t nz = (ah >> 7 & 1u) << 31 | (ah >> 6 & 1u) << 30;
		cg->flags_of_ah[FLAGS_ADD][ah] = nz | (ah & 1u) << 29;
		cg->flags_of_ah[FLAGS_SUB][ah] = nz | (~ah & 1u) << 29;
		cg->flags_of_ah[FLAGS_NZ][ah] = nz;
	}
	if (!emit_shared_tail(cg)) {
		codegen_destroy(cg);
		return NULL;
	}
	return cg;
}

void codegen_destroy(struct codegen *cg)
{
	if (!cg)
		return;
	munmap(cg->base, cg->size);
	free(cg);
}

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
	uint8_t sink[16]; /* (bytes() writes at most 16 at a time) */
};

static uint8_t *room(struct emit *e, size_t n)
{
	if (e->full || (size_t)(e->end - e->p) < n) {
		e->full = true;
		return e->sink;
	}
	uint8_t *at = e->p;
	e->p += n;
	return at;
}
static void byte1(struct emit *e, uint8_t b)
{
	*room(e, 1) = b;
}
static void bytes(struct emit *e, const uint8_t *b, size_t n)
{
	for (; n > sizeof e->sink; n -= sizeof e->sink, b += sizeof e->sink)
		memcpy(room(e, sizeof e->sink), b, sizeof e->sink);
	memcpy(room(e, n), b, n);
}
static void imm32(struct emit *e, uint32_t v)
{
	memcpy(room(e, 4), &v, 4);
}
static void imm64(struct emit *e, uint64_t v)
{
	memcpy(room(e, 8), &v, 8);
}
/* a rel32 field to be patched: its position */
static uint8_t *rel32_hole(struct emit *e)
{
	uint8_t *at = room(e, 4);
	memset(at, 0, 4);
	return at;
}
static void patch_rel32(uint8_t *at, const uint8_t *target)
{
	int32_t rel = (int32_t)(target - (at + 4));
	memcpy(at, &rel, 4);
}

/* a rel8 field (short jumps inside one template) */
static uint8_t *rel8_hole(struct emit *e)
{
	uint8_t *at = room(e, 1);
	*at = 0;
	return at;
}
static void patch_rel8(struct emit *e, uint8_t *at, const uint8_t *target)
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
#define BLOCK_OFF(field) ((uint32_t)offsetof(struct block, field))

/* mov dword [rbx + off], imm32 */
static void store32_imm(struct emit *e, uint32_t off, uint32_t v)
{
	bytes(e, (const uint8_t[]){0xc7, 0x83}, 2);
	imm32(e, off);
	imm32(e, v);
}

/* mov rax, imm64; mov [rbx + off], rax */
static void store64_imm(struct emit *e, uint32_t off, uint64_t v)
{
	bytes(e, (const uint8_t[]){0x48, 0xb8}, 2);
	imm64(e, v);
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x83}, 3);
	imm32(e, off);
}

/* fn(cpu, d): mov rdi, rbx; mov rsi, d; mov rax, fn; call rax */
static void call_handler(struct emit *e, const struct decoded_insn *d)
{
	bytes(e, (const uint8_t[]){0x48, 0x89, 0xdf, 0x48, 0xbe}, 5);
	imm64(e, (uint64_t)(uintptr_t)d);
	bytes(e, (const uint8_t[]){0x48, 0xb8}, 2);
	imm64(e, (uint64_t)(uintptr_t)d->fn);
	bytes(e, (const uint8_t[]){0xff, 0xd0}, 2);
}

/* A load or store's handler as run_block's loop calls it (cpu->mem_insn
 * first), then cmp r12, [rbx + slow_accesses]; jne <slow>: returns the
 * jump's rel32 hole, taken when the access left the data fast path. */
static uint8_t *call_access_handler(struct emit *e,
				    const struct block_insn *bi)
{
	store64_imm(e, CPU_OFF(mem_insn), (uint64_t)(uintptr_t)bi);
	call_handler(e, &bi->d);
	bytes(e, (const uint8_t[]){0x4c, 0x3b, 0xa3}, 3);
	imm32(e, CPU_OFF(slow_accesses));
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	return rel32_hole(e);
}

/* The condition (A8.3) from CPSR[31:28]: bit NZCV of the condition's
 * pass mask (decode_cond_pass_mask, the decoders' own table). Emits
 * mov eax, [rbx + cpsr]; shr eax, 28; mov ecx, mask; bt ecx, eax;
 * jnc <failed>, and returns the jump's rel32 hole. */
static uint8_t *cond_failed_jump(struct emit *e, unsigned cond)
{
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(cpsr));
	bytes(e, (const uint8_t[]){0xc1, 0xe8, 0x1c, 0xb9}, 4);
	imm32(e, decode_cond_pass_mask[cond]);
	bytes(e, (const uint8_t[]){0x0f, 0xa3, 0xc1, 0x0f, 0x83}, 5);
	return rel32_hole(e);
}

/* ---- loads and stores: the data memo's fast path inline ----
 * For the specialised LDR/STR/LDRB/STRB with or without writeback
 * (predecode_ldst_fns, predecode_ldst_wb_fns) and LDRH/STRH/LDRSH/LDRSB
 * without (predecode_ldst_extra_fn), the code does what the handler's
 * fast path does (cpu_read_memo, cpu_write_memo: the entry for the page,
 * its context, alignment, for a store the page's code-write generation,
 * then the access and, for a store, cpu->stores, then the writeback),
 * and where the handler would leave it (before anything is written),
 * calls the handler, which makes the same checks, fails them the same
 * way and takes the full path. */
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
};

static bool inline_access_of(const struct codegen *cg,
			     const struct decoded_insn *d,
			     struct inline_access *a)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || (c->kind != HK_LDST && c->kind != HK_EXTRA))
		return false;
	if (c->kind == HK_LDST) {
		/* RRX reads C: the handler's */
		if (c->reg && d->shift_type == SRTYPE_RRX)
			return false;
		*a = (struct inline_access){
			.size = c->size,
			.load = c->load,
			.reg = c->reg,
			.subtract = c->reg && d->imm != 0,
			.shift_type = c->reg ? (enum shift_type)d->shift_type
					     : SRTYPE_LSL,
			.shift = c->reg ? d->shift_amount : 0,
			.imm = c->reg ? 0 : d->imm,
			.wb = c->wb != 0,
			.pre = c->pre != 0,
		};
		return true;
	}
	*a = (struct inline_access){
		.size = c->size,
		.load = c->load,
		.sign = c->sign,
		.reg = c->reg,
		.subtract = !d->imm_carry,
		.shift_type = SRTYPE_LSL,
		.imm = c->reg ? 0 : d->imm,
	};
	return true;
}

#define MEMO_OFF(write, field)                                                 \
	((uint32_t)(offsetof(struct cpu, data_memo) +                          \
		    (write) * sizeof(((struct cpu *)0)->data_memo[0]) +        \
		    offsetof(struct data_memo, field)))
_Static_assert(sizeof(struct data_memo) == 32,
	       "data memo entries are indexed by a shift of 5");
_Static_assert((DATA_MEMO_ENTRIES & (DATA_MEMO_ENTRIES - 1)) == 0,
	       "the data memo index is a mask");

/* op r32, [rbx + rcx + disp32] (the memo entry's field): opcode bytes,
 * then ModRM reg field `reg` with a SIB of rcx + rbx */
static void memo_operand(struct emit *e, unsigned reg, uint32_t disp)
{
	byte1(e, (uint8_t)(0x84 | reg << 3));
	byte1(e, 0x0b);
	imm32(e, disp);
}

/* ecx = ecx shifted as alu_shift shifts it (A8.4.3 Shift): LSL 0..31,
 * LSR and ASR 1..32, ROR 1..31 (RRX and ROR by 0 are not asked for). */
static void emit_shift_ecx(struct emit *e, enum shift_type t, unsigned n)
{
	if (n == 0)
		return;
	if (n == 32 && t == SRTYPE_LSR) {
		bytes(e, (const uint8_t[]){0x31, 0xc9}, 2); /* xor ecx, ecx */
		return;
	}
	if (n == 32) /* ASR #32: every bit the sign */
		n = 31;
	/* shl, shr, sar, ror ecx, n: C1 /4, /5, /7, /1 */
	static const uint8_t modrm[] = {0xe1, 0xe9, 0xf9, 0xc9};
	bytes(e, (const uint8_t[]){0xc1, modrm[t], (uint8_t)n}, 3);
}

/* The data memo's probe for an access of `size` bytes at EAX, a write
 * when w (cpu_data_memo_hit, and for a write the page's code-write
 * generation): the entry for the page, its context, the alignment; on
 * the way on, RDX the page's host copy and EAX the offset in it (the
 * byte at rdx + rax). Returns the number of rel32 holes in slow[] (three
 * or four), the jumps to the full way. Uses ECX. */
static unsigned emit_memo_probe(struct emit *e, unsigned w, unsigned size,
				uint8_t *slow[4])
{
	unsigned n = 0;
	/* edx = page, ecx = its entry's offset */
	bytes(e, (const uint8_t[]){0x89, 0xc2, 0xc1, 0xea, 0x0c, 0x89, 0xd1,
				   0x81, 0xe1},
	      9);
	imm32(e, DATA_MEMO_ENTRIES - 1);
	bytes(e, (const uint8_t[]){0xc1, 0xe1, 0x05}, 3); /* shl ecx, 5 */
	/* cmp edx, [entry.va_page]; jne slow */
	byte1(e, 0x3b);
	memo_operand(e, 2, MEMO_OFF(w, va_page));
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	slow[n++] = rel32_hole(e);
	/* mov rdx, [rbx + memo_ctx]; cmp rdx, [entry.ctx]; jne slow */
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x93}, 3);
	imm32(e, CPU_OFF(memo_ctx));
	bytes(e, (const uint8_t[]){0x48, 0x3b}, 2);
	memo_operand(e, 2, MEMO_OFF(w, ctx));
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	slow[n++] = rel32_hole(e);
	if (size > 1) {
		/* test al, size - 1; jne slow */
		bytes(e, (const uint8_t[]){0xa8, (uint8_t)(size - 1), 0x0f,
					   0x85},
		      4);
		slow[n++] = rel32_hole(e);
	}
	if (w) {
		/* mov rdx, [entry.gen]; test byte [rdx], 1; jne slow */
		bytes(e, (const uint8_t[]){0x48, 0x8b}, 2);
		memo_operand(e, 2, MEMO_OFF(w, gen));
		bytes(e, (const uint8_t[]){0xf6, 0x02, 0x01, 0x0f, 0x85}, 5);
		slow[n++] = rel32_hole(e);
	}
	/* mov rdx, [entry.host]; and eax, 0xfff: the byte at rdx + rax */
	bytes(e, (const uint8_t[]){0x48, 0x8b}, 2);
	memo_operand(e, 2, MEMO_OFF(w, host));
	bytes(e, (const uint8_t[]){0x25, 0xff, 0x0f, 0x00, 0x00}, 5);
	return n;
}

/* The access's code; *slow the rel32 holes of its jumps to the full way
 * (three or four), which return to e->p after it. */
static unsigned emit_inline_access(struct emit *e,
				   const struct decoded_insn *d,
				   const struct inline_access *a,
				   uint8_t *slow[4])
{
	const unsigned w = !a->load;
	unsigned n;
	/* eax = the address */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2); /* mov eax, [rbx+Rn] */
	imm32(e, CPU_OFF(r[d->rn]));
	if (a->reg) {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx,[Rm] */
		imm32(e, CPU_OFF(r[d->rm]));
		emit_shift_ecx(e, a->shift_type, a->shift);
		/* sub eax, ecx / add eax, ecx */
		bytes(e, (const uint8_t[]){a->subtract ? 0x29 : 0x01, 0xc8}, 2);
	} else if (a->imm) {
		byte1(e, a->subtract ? 0x2d : 0x05); /* sub/add eax, imm32 */
		imm32(e, a->imm);
	}
	if (a->wb) {
		/* mov r8d, eax: the offset address, Rn's after the access;
		 * post-indexed, the access is at Rn: mov eax, [rbx + Rn] */
		bytes(e, (const uint8_t[]){0x41, 0x89, 0xc0}, 3);
		if (!a->pre) {
			bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
			imm32(e, CPU_OFF(r[d->rn]));
		}
	}
	n = emit_memo_probe(e, w, a->size, slow);
	if (a->load) {
		if (a->size == 4)
			bytes(e, (const uint8_t[]){0x8b, 0x04, 0x02}, 3);
		else /* movzx/movsx eax, byte/word [rdx + rax] */
			bytes(e,
			      (const uint8_t[]){0x0f,
						(uint8_t)((a->sign ? 0xbe : 0xb6) |
							  (a->size == 2)),
						0x04, 0x02},
			      4);
		bytes(e, (const uint8_t[]){0x89, 0x83}, 2); /* mov [Rt], eax */
		imm32(e, CPU_OFF(r[d->rd]));
	} else {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx, [Rt] */
		imm32(e, CPU_OFF(r[d->rd]));
		if (a->size == 4)
			bytes(e, (const uint8_t[]){0x89, 0x0c, 0x02}, 3);
		else if (a->size == 2)
			bytes(e, (const uint8_t[]){0x66, 0x89, 0x0c, 0x02}, 4);
		else
			bytes(e, (const uint8_t[]){0x88, 0x0c, 0x02}, 3);
		bytes(e, (const uint8_t[]){0x48, 0xff, 0x83}, 3); /* inc */
		imm32(e, CPU_OFF(stores));
	}
	if (a->wb) {
		/* mov [rbx + Rn], r8d */
		bytes(e, (const uint8_t[]){0x44, 0x89, 0x83}, 3);
		imm32(e, CPU_OFF(r[d->rn]));
	}
	return n;
}

/* ---- LDM/STM: the handlers' page at once, inline ----
 * predecode_ldm and predecode_stm (ops_ldm, ops_stm without the User
 * registers and without the PC loaded) for a list without the PC (a
 * stored PC would read r[15], which a block run has not committed): what
 * their fast path does when all the words are in one page the data memo
 * holds (multi_start's first address and written-back base as constants
 * from the base, the memo's probe for a word at the first address, the
 * words in ascending register order at ascending addresses, a store's
 * count in cpu->stores, then the writeback), and where that path would
 * not be taken (another page, a miss), the handler, which makes the same
 * checks and takes its full way; nothing is written before. Returns the
 * number of holes in slow[] (four or five, or 0: not inline). */
static unsigned emit_inline_multiple(const struct codegen *cg,
				     struct emit *e,
				     const struct decoded_insn *d,
				     uint8_t *slow[5])
{
	const struct handler_class *c = class_of(cg, d->fn);
	const uint16_t list = (uint16_t)d->imm;
	if (!c || c->kind != HK_MULTI || (list >> 15) != 0)
		return 0;
	const unsigned count = (unsigned)__builtin_popcount(list);
	const bool inc = d->op & 1, before = d->op & 2, wback = d->op & 4;
	/* multi_start (ops.c) as offsets from the base */
	const int32_t nb_off = inc ? (int32_t)(4 * count)
				   : -(int32_t)(4 * count);
	const int32_t start_off = inc ? (before ? 4 : 0)
				      : nb_off + (before ? 0 : 4);
	/* mov eax, [rbx + Rn]; lea r8d, [rax + nb_off] (the written-back
	 * base); add eax, start_off */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rn]));
	if (wback) {
		bytes(e, (const uint8_t[]){0x44, 0x8d, 0x80}, 3);
		imm32(e, (uint32_t)nb_off);
	}
	if (start_off) {
		byte1(e, 0x05);
		imm32(e, (uint32_t)start_off);
	}
	/* all in one page: mov edx, eax; and edx, 0xfff;
	 * cmp edx, 0x1000 - 4 * count; ja slow */
	bytes(e, (const uint8_t[]){0x89, 0xc2, 0x81, 0xe2, 0xff, 0x0f, 0x00,
				   0x00, 0x81, 0xfa},
	      10);
	imm32(e, 0x1000u - 4 * count);
	bytes(e, (const uint8_t[]){0x0f, 0x87}, 2);
	slow[0] = rel32_hole(e);
	const unsigned n = 1 + emit_memo_probe(e, !c->load, 4, slow + 1);
	unsigned k = 0;
	for (uint32_t l = list; l; l &= l - 1, k++) {
		const unsigned r = (unsigned)__builtin_ctz(l);
		if (c->load) {
			/* mov ecx, [rdx + rax + 4k]; mov [rbx + Rr], ecx */
			bytes(e, (const uint8_t[]){0x8b, 0x8c, 0x02}, 3);
			imm32(e, 4 * k);
			bytes(e, (const uint8_t[]){0x89, 0x8b}, 2);
		} else {
			/* mov ecx, [rbx + Rr]; mov [rdx + rax + 4k], ecx */
			bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
			imm32(e, CPU_OFF(r[r]));
			bytes(e, (const uint8_t[]){0x89, 0x8c, 0x02}, 3);
			imm32(e, 4 * k);
			continue;
		}
		imm32(e, CPU_OFF(r[r]));
	}
	if (!c->load) {
		/* add qword [rbx + stores], count */
		bytes(e, (const uint8_t[]){0x48, 0x83, 0x83}, 3);
		imm32(e, CPU_OFF(stores));
		byte1(e, (uint8_t)count);
	}
	if (wback) {
		/* mov [rbx + Rn], r8d */
		bytes(e, (const uint8_t[]){0x44, 0x89, 0x83}, 3);
		imm32(e, CPU_OFF(r[d->rn]));
	}
	return n;
}

/* MUL and MLA without S (mul_plain, mla_plain: no PC operand, the
 * predecoders' rule): Rd = Rn * Rm (+ Ra), the low 32 bits, which are the
 * same signed or unsigned (A8.8.114, A8.8.100): mov eax, [Rn];
 * imul eax, [Rm]; add eax, [Ra]; mov [Rd], eax. */
static bool emit_inline_mul(const struct codegen *cg, struct emit *e,
			    const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_MUL)
		return false;
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rn]));
	bytes(e, (const uint8_t[]){0x0f, 0xaf, 0x83}, 3);
	imm32(e, CPU_OFF(r[d->rm]));
	if (c->op) {
		bytes(e, (const uint8_t[]){0x03, 0x83}, 2);
		imm32(e, CPU_OFF(r[d->ra]));
	}
	bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rd]));
	return true;
}

/* UMULL, UMLAL, SMULL, SMLAL without S (ops_mull: RdLo, RdHi = Rn * Rm
 * (+ RdHi:RdLo), A8.8.257, A8.8.256, A8.8.196, A8.8.178): mov eax, [Rn];
 * mul/imul dword [Rm] (EDX:EAX); add eax, [RdLo]; adc edx, [RdHi];
 * mov [RdLo], eax; mov [RdHi], edx (RdLo first: with RdHi == RdLo,
 * UNPREDICTABLE, RdHi wins, as ops_mull has it). */
static bool emit_inline_mul_long(const struct codegen *cg, struct emit *e,
				 const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_MUL_LONG || d->s ||
	    (d->op != MULL_UMULL && d->op != MULL_UMLAL &&
	     d->op != MULL_SMULL && d->op != MULL_SMLAL))
		return false;
	const bool sign = d->op == MULL_SMULL || d->op == MULL_SMLAL;
	const bool acc = d->op == MULL_UMLAL || d->op == MULL_SMLAL;
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rn]));
	/* F7 /4 mul, F7 /5 imul with [rbx + disp32] */
	bytes(e, (const uint8_t[]){0xf7, sign ? 0xab : 0xa3}, 2);
	imm32(e, CPU_OFF(r[d->rm]));
	if (acc) {
		bytes(e, (const uint8_t[]){0x03, 0x83}, 2);
		imm32(e, CPU_OFF(r[d->rd]));
		bytes(e, (const uint8_t[]){0x13, 0x93}, 2);
		imm32(e, CPU_OFF(r[d->ra]));
	}
	bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rd]));
	bytes(e, (const uint8_t[]){0x89, 0x93}, 2);
	imm32(e, CPU_OFF(r[d->ra]));
	return true;
}

/* UXTB, UXTH, SXTB, SXTH without accumulate (A8.8.220.., A8.8.271..;
 * uxtb_plain …: Rd = the byte or halfword of Rm rotated right by 0, 8,
 * 16 or 24, extended): mov eax, [Rm]; ror eax, n; movzx/movsx eax, al/ax;
 * mov [Rd], eax. */
static bool emit_inline_extend(const struct codegen *cg, struct emit *e,
			       const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_EXTEND)
		return false;
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rm]));
	if (d->shift_amount & 31)
		bytes(e,
		      (const uint8_t[]){0xc1, 0xc8,
					(uint8_t)(d->shift_amount & 31)},
		      3);
	/* 0F B6 movzx r32, r/m8; B7 r/m16; BE movsx r/m8; BF r/m16 */
	bytes(e,
	      (const uint8_t[]){0x0f,
				(uint8_t)((c->sign ? 0xbe : 0xb6) |
					  (c->size == 2)),
				0xc0},
	      3);
	bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
	imm32(e, CPU_OFF(r[d->rd]));
	return true;
}

/* ---- data processing inline ----
 * The specialised data-processing handlers with an immediate, a register
 * or a register shifted by an immediate but for RRX (predecode_dp_imm_fns,
 * predecode_dp_reg_fns, predecode_dp_sh_fns; A32 and T32 alike; shifted,
 * not the logical operations that set flags, whose C is the shifter's
 * carry out): the host's own operation (ADC and SBB with the host's
 * carry set from CPSR.C for ADC, SBC and RSC), and for the flags
 * (dp_finish, ops_dp_compute) N, Z, C, V from the host's SF, ZF, CF, OF
 * after an addition or a subtraction (C is the host's carry after ADD
 * and its complement, "no borrow", after SUB: A2.2.1's AddWithCarry), N
 * and Z from the result after a logical operation, with C from the
 * immediate's expansion when it was rotated (A5.2.4, a constant of the
 * entry) and else unchanged, and V unchanged. */
enum {
	X_AND = 0x21,
	X_XOR = 0x31,
	X_OR = 0x09,
	X_ADD = 0x01,
	X_SUB = 0x29,
	X_ADC = 0x11,
	X_SBB = 0x19,
};

/* The host's CF = CPSR.C (bt dword [rbx + cpsr], 29), complemented
 * (cmc) for a subtraction, whose borrow is NOT(C) (A2.2.1: SBC and RSC
 * are AddWithCarry(x, NOT(y), C), x86's SBB is x - y - CF). */
static void carry_in(struct emit *e, bool borrow)
{
	bytes(e, (const uint8_t[]){0x0f, 0xba, 0xa3}, 3);
	imm32(e, CPU_OFF(cpsr));
	byte1(e, 29);
	if (borrow)
		byte1(e, 0xf5);
}

static bool dp_entry_of(const struct codegen *cg,
			const struct decoded_insn *d, enum dp_op *op, bool *s,
			bool *imm, bool *shifted)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || (c->kind != HK_DP_IMM && c->kind != HK_DP_REG &&
		   c->kind != HK_DP_SH))
		return false;
	*op = (enum dp_op)c->op;
	*s = c->s != 0;
	*imm = c->kind == HK_DP_IMM;
	*shifted = c->kind == HK_DP_SH;
	const bool logical = *op != DP_SUB && *op != DP_RSB && *op != DP_ADD &&
			     *op != DP_CMP && *op != DP_CMN;
	/* a logical S with a shift takes the shifter's carry out: the
	 * handler's */
	if (*shifted && *s && logical)
		return false;
	return true;
}

/* eax op= the operand (the immediate, or Rm in ecx); x the register
 * form's opcode, whose immediate form is x + 4 (with EAX) */
static void dp_apply(struct emit *e, unsigned x, bool imm, uint32_t m)
{
	if (imm) {
		byte1(e, (uint8_t)(x + 4));
		imm32(e, m);
	} else {
		bytes(e, (const uint8_t[]){(uint8_t)x, 0xc8}, 2);
	}
}

static bool emit_inline_dp(const struct codegen *cg, struct emit *e,
			   const struct decoded_insn *d)
{
	enum dp_op op;
	bool s, imm, shifted;
	if (!dp_entry_of(cg, d, &op, &s, &imm, &shifted))
		return false;
	const bool test = op >= DP_TST && op <= DP_CMN;
	bool arith = false, borrow = false;
	if (!imm) {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx, [Rm] */
		imm32(e, CPU_OFF(r[d->rm]));
		if (shifted)
			emit_shift_ecx(e, (enum shift_type)d->shift_type,
				       d->shift_amount);
	}
	if (op != DP_MOV && op != DP_MVN) {
		bytes(e, (const uint8_t[]){0x8b, 0x83}, 2); /* mov eax, [Rn] */
		imm32(e, CPU_OFF(r[d->rn]));
	}
	switch (op) {
	case DP_AND:
	case DP_TST:
		dp_apply(e, X_AND, imm, d->imm);
		break;
	case DP_EOR:
	case DP_TEQ:
		dp_apply(e, X_XOR, imm, d->imm);
		break;
	case DP_ORR:
		dp_apply(e, X_OR, imm, d->imm);
		break;
	case DP_BIC:
		if (!imm)
			bytes(e, (const uint8_t[]){0xf7, 0xd1}, 2); /* not ecx */
		dp_apply(e, X_AND, imm, ~d->imm);
		break;
	case DP_MOV:
	case DP_MVN:
		if (imm) {
			byte1(e, 0xb8); /* mov eax, imm */
			imm32(e, op == DP_MVN ? ~d->imm : d->imm);
		} else {
			bytes(e, (const uint8_t[]){0x89, 0xc8}, 2); /* eax=ecx */
			if (op == DP_MVN)
				bytes(e, (const uint8_t[]){0xf7, 0xd0}, 2);
		}
		break;
	case DP_ADD:
	case DP_CMN:
		dp_apply(e, X_ADD, imm, d->imm);
		arith = true;
		break;
	case DP_SUB:
	case DP_CMP:
		dp_apply(e, X_SUB, imm, d->imm);
		arith = borrow = true;
		break;
	case DP_ADC:
		carry_in(e, false);
		dp_apply(e, X_ADC, imm, d->imm);
		arith = true;
		break;
	case DP_SBC:
		carry_in(e, true);
		dp_apply(e, X_SBB, imm, d->imm);
		arith = borrow = true;
		break;
	case DP_RSB:
	case DP_RSC:
		/* eax = operand - Rn (- NOT(C)): ecx = Rn, eax = operand,
		 * sub (sbb) */
		if (imm) {
			bytes(e, (const uint8_t[]){0x89, 0xc1, 0xb8}, 3);
			imm32(e, d->imm);
		} else {
			byte1(e, 0x91); /* xchg eax, ecx */
		}
		if (op == DP_RSC)
			carry_in(e, true);
		/* sub eax, ecx / sbb eax, ecx */
		bytes(e, (const uint8_t[]){op == DP_RSC ? X_SBB : X_SUB, 0xc8},
		      2);
		arith = borrow = true;
		break;
	default:
		return false;
	}
	if (!test) {
		bytes(e, (const uint8_t[]){0x89, 0x83}, 2); /* mov [Rd], eax */
		imm32(e, CPU_OFF(r[d->rd]));
	}
	if (!s && !test)
		return true;
	uint32_t keep = 0x0fffffffu; /* the CPSR bits the flags leave */
	if (arith) {
		/* lahf; seto al; movzx edx, ah; movzx ecx, al; shl ecx, 28;
		 * mov rsi, <table>; or ecx, [rsi + rdx * 4]: ecx = NZCV */
		bytes(e,
		      (const uint8_t[]){0x9f, 0x0f, 0x90, 0xc0, 0x0f, 0xb6, 0xd4,
					0x0f, 0xb6, 0xc8, 0xc1, 0xe1, 0x1c, 0x48,
					0xbe},
		      15);
		imm64(e, (uint64_t)(uintptr_t)cg->flags_of_ah[borrow ? FLAGS_SUB
								     : FLAGS_ADD]);
		bytes(e, (const uint8_t[]){0x0b, 0x0c, 0x96}, 3);
	} else {
		/* ecx = N | Z of eax: test eax, eax; lahf; movzx edx, ah;
		 * mov rsi, <table>; mov ecx, [rsi + rdx * 4] */
		bytes(e,
		      (const uint8_t[]){0x85, 0xc0, 0x9f, 0x0f, 0xb6, 0xd4, 0x48,
					0xbe},
		      8);
		imm64(e, (uint64_t)(uintptr_t)cg->flags_of_ah[FLAGS_NZ]);
		bytes(e, (const uint8_t[]){0x8b, 0x0c, 0x96}, 3);
		keep = ~(CPSR_N | CPSR_Z);
		if (imm && d->imm_carry) {
			keep &= ~CPSR_C;
			if (d->imm >> 31)
				bytes(e, (const uint8_t[]){0x81, 0xc9, 0x00, 0x00,
							   0x00, 0x20},
				      6); /* or ecx, C */
		}
	}
	/* cpsr = (cpsr & keep) | ecx */
	bytes(e, (const uint8_t[]){0x8b, 0x93}, 2);
	imm32(e, CPU_OFF(cpsr));
	bytes(e, (const uint8_t[]){0x81, 0xe2}, 2);
	imm32(e, keep);
	bytes(e, (const uint8_t[]){0x09, 0xca, 0x89, 0x93}, 4);
	imm32(e, CPU_OFF(cpsr));
	return true;
}

static uint32_t exit_value(unsigned i, enum codegen_exit x, bool skipped)
{
	return (uint32_t)i | (uint32_t)x << 8 | (skipped ? 1u << 16 : 0);
}

/* pop r13; pop r12; pop rbx; ret */
static const uint8_t epilogue[] = {0x41, 0x5d, 0x41, 0x5c, 0x5b, 0xc3};

/* push rbx; push r12; push r13; mov rbx, rdi; mov r13, rsi;
 * mov r12, [rbx + slow_accesses]: the core, the budget, the slow-access
 * count. A block entered from another's code is entered after it, with
 * the three registers as they are (the count cannot have moved in a
 * clean run). */
#define PROLOGUE_BYTES 18
static const uint8_t prologue[] = {0x53, 0x41, 0x54, 0x41, 0x55,
				   0x48, 0x89, 0xfb, 0x49, 0x89,
				   0xf5, 0x4c, 0x8b, 0xa3}; /* + disp32 */
_Static_assert(sizeof prologue + 4 == PROLOGUE_BYTES,
	       "a chained entry skips exactly the prologue");

/* ---- the end of a clean run ----
 * What run_block's end commits after a clean run of i instructions
 * (run_end: the retired count, the I-cache hits of the run's fetches,
 * the history segment, the PC after the last one unless it branched,
 * cpu->insn and what it wrote), with the block's constants; then the
 * next block's code through the links block_chained made. */

/* The part that depends on where the run ended: instruction i - 1 was
 * the last, it failed its condition (skipped) or wrote the PC (ended);
 * ran_impure: it was the block's impure last instruction run by
 * block_ends_from_code, which committed the count, the fetches and
 * the instruction's own state as the loop does before an impure one.
 * Then, with i in R8D and the block in RSI, the history push and the
 * jump to the chain tail; when the next PC is a constant (next_known:
 * the instruction after the last, a direct branch's target), R9
 * holds the address of that jump's rel32, which the tail patches to
 * the direct entry of the block it finds through the link on this page
 * (after that, the jump goes there without the tail). */
static void emit_clean_end(struct emit *e, const struct codegen *cg,
			   const struct block *b, unsigned i, bool skipped,
			   bool ended, bool ran_impure, bool next_known)
{
	const struct block_insn *last = &b->insn[i - 1];
	if (ran_impure)
		goto tail;
	if (!ended)
		store32_imm(e, CPU_OFF(r[15]), last->pc + last->size);
	store32_imm(e, CPU_OFF(insn), last->raw);
	store32_imm(e, CPU_OFF(insn_size), last->size);
	store32_imm(e, CPU_OFF(step_writes),
		    skipped && last->kind != BK_PLAIN ? 0 : last->d.writes);
	/* add qword [rbx + icount], i */
	bytes(e, (const uint8_t[]){0x48, 0x81, 0x83}, 3);
	imm32(e, CPU_OFF(icount));
	imm32(e, i);
	if (b->cached) {
		/* commit_fetches(0, i): each line the tick of its last fetch
		 * (the lines' indices read from the block: a relink moves
		 * them), then the tick and the hits */
		const unsigned upto = last->fetch0 + last->nfetch;
		/* mov rdx, [rbx + tick]; mov rcx, [rbx + lines];
		 * mov rsi, b */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x93}, 3);
		imm32(e, CPU_OFF(icache.tick));
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8b}, 3);
		imm32(e, CPU_OFF(icache.lines));
		bytes(e, (const uint8_t[]){0x48, 0xbe}, 2);
		imm64(e, (uint64_t)(uintptr_t)b);
		for (unsigned k = 0; k <= last->line_k; k++) {
			/* mov eax, [rsi + line[k]]; imul eax, eax, size;
			 * lea r8, [rdx + age]; mov [rcx + rax + lru], r8 */
			bytes(e, (const uint8_t[]){0x8b, 0x86}, 2);
			imm32(e, BLOCK_OFF(line[k]));
			bytes(e, (const uint8_t[]){0x69, 0xc0}, 2);
			imm32(e, (uint32_t)sizeof(struct icache_line));
			bytes(e, (const uint8_t[]){0x4c, 0x8d, 0x82}, 3);
			imm32(e, k < last->line_k ? b->line_last[k] : upto);
			bytes(e, (const uint8_t[]){0x4c, 0x89, 0x84, 0x01}, 4);
			imm32(e, (uint32_t)offsetof(struct icache_line, lru));
		}
		/* add qword [rbx + tick], upto; add qword [rbx + hits], n */
		bytes(e, (const uint8_t[]){0x48, 0x81, 0x83}, 3);
		imm32(e, CPU_OFF(icache.tick));
		imm32(e, upto);
		bytes(e, (const uint8_t[]){0x48, 0x81, 0x83}, 3);
		imm32(e, CPU_OFF(icache.hits));
		imm32(e, upto - b->insn[0].fetch0);
	}
tail:
	byte1(e, 0x41); /* mov r8d, i */
	byte1(e, 0xb8);
	imm32(e, i);
	bytes(e, (const uint8_t[]){0x48, 0xbe}, 2); /* mov rsi, b */
	imm64(e, (uint64_t)(uintptr_t)b);
	byte1(e, 0xe8); /* call <history push> */
	patch_rel32(rel32_hole(e), cg->history_push);
	if (next_known) /* lea r9, [rip + 1]: the jump's rel32 */
		bytes(e, (const uint8_t[]){0x4c, 0x8d, 0x0d, 1, 0, 0, 0}, 7);
	else /* xor r9d, r9d */
		bytes(e, (const uint8_t[]){0x45, 0x31, 0xc9}, 3);
	byte1(e, 0xe9); /* jmp <tail> */
	patch_rel32(rel32_hole(e), cg->tail[b->cached]);
}

#define SEG_OFF(field) ((uint32_t)offsetof(struct cpu_history_seg, field))
_Static_assert((CPU_HISTORY & (CPU_HISTORY - 1)) == 0 && CPU_HISTORY < 128,
	       "the history segments' index is a mask, compared as an imm8");

/* What every clean end shares, once in the buffer. The history push, a
 * subroutine (RSI the block, R8D the instructions run): commit_history's
 * segment (cpu_history_seg_push), cpu->mem_insn cleared and the budget
 * moved. The chain tail: block_chained's fast way from b (RSI): the link
 * for the PC, its serial, then what emit_enter_checks checks of the
 * linked block and --engine-check; if all hold, a jump into that
 * block's code, else a return with CG_DONE (tail_out). The links are
 * block_chained's: two on b's page, and the one to another page,
 * followed under the fetch memo's rule (the soft-TLB generation, SCR and
 * the mode as when it was made). A link on b's page followed from an
 * end whose next PC is a constant (R9: its jump's rel32) is made that
 * end's jump to the linked block's direct entry: the PC it reaches
 * there is the link's, the block there keeps the serial it had (its
 * direct entry is unlinked when its slot is built again:
 * codegen_unlink), and the rest is checked by the direct entry. */

/* mov ecx, [rbx + core_off]; cmp ecx, [rsi + block_off]; jne: the
 * jump's rel32 hole */
static uint8_t *cmp_core_block_jne(struct emit *e, uint32_t core_off,
				   uint32_t block_off)
{
	bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
	imm32(e, core_off);
	bytes(e, (const uint8_t[]){0x3b, 0x8e}, 2);
	imm32(e, block_off);
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	return rel32_hole(e);
}

static void emit_history_push(struct emit *e)
{
	uint8_t *full, *have;
	/* mov eax, [rbx + segs]; cmp eax, CPU_HISTORY; jae full */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(history_segs));
	bytes(e, (const uint8_t[]){0x83, 0xf8, CPU_HISTORY, 0x73}, 4);
	full = rel8_hole(e);
	/* ecx = (first + segs++) % CPU_HISTORY: mov ecx, [rbx + first];
	 * add ecx, eax; and ecx, mask; inc eax; mov [rbx + segs], eax;
	 * jmp have */
	bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
	imm32(e, CPU_OFF(history_seg_first));
	bytes(e, (const uint8_t[]){0x01, 0xc1, 0x83, 0xe1, CPU_HISTORY - 1,
				   0xff, 0xc0, 0x89, 0x83},
	      9);
	imm32(e, CPU_OFF(history_segs));
	byte1(e, 0xeb);
	have = rel8_hole(e);
	patch_rel8(e, full, e->p);
	/* all taken: the oldest let go. mov ecx, [rbx + first];
	 * lea eax, [rcx + 1]; and eax, mask; mov [rbx + first], eax;
	 * imul edx, ecx, size; movzx eax, byte [rbx + rdx + seg.n];
	 * add [rbx + dropped], eax */
	bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
	imm32(e, CPU_OFF(history_seg_first));
	bytes(e, (const uint8_t[]){0x8d, 0x41, 0x01, 0x83, 0xe0,
				   CPU_HISTORY - 1, 0x89, 0x83},
	      8);
	imm32(e, CPU_OFF(history_seg_first));
	bytes(e, (const uint8_t[]){0x69, 0xd1}, 2);
	imm32(e, (uint32_t)sizeof(struct cpu_history_seg));
	bytes(e, (const uint8_t[]){0x0f, 0xb6, 0x84, 0x13}, 4);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(n));
	bytes(e, (const uint8_t[]){0x01, 0x83}, 2);
	imm32(e, CPU_OFF(history_seg_dropped));
	patch_rel8(e, have, e->p);
	/* the segment at ecx: imul ecx, ecx, size; lea rax, [rsi + hist];
	 * mov [rbx + rcx + src], rax; mov [rbx + rcx + n], r8b;
	 * mov byte [rbx + rcx + exception], 0 */
	bytes(e, (const uint8_t[]){0x69, 0xc9}, 2);
	imm32(e, (uint32_t)sizeof(struct cpu_history_seg));
	bytes(e, (const uint8_t[]){0x48, 0x8d, 0x86}, 3);
	imm32(e, BLOCK_OFF(hist));
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x84, 0x0b}, 4);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(src));
	bytes(e, (const uint8_t[]){0x44, 0x88, 0x84, 0x0b}, 4);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(n));
	bytes(e, (const uint8_t[]){0xc6, 0x84, 0x0b}, 3);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(exception));
	byte1(e, 0);
	/* meta: run_begin's, 0 when the block's own. mov eax, [rbx+cpsr];
	 * and eax, M | T; shl eax, 3; xor edx, edx;
	 * cmp eax, [rsi + hist_meta]; cmove eax, edx;
	 * mov [rbx + rcx + meta], eax */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(cpsr));
	byte1(e, 0x25);
	imm32(e, CPSR_M_MASK | CPSR_T);
	bytes(e, (const uint8_t[]){0xc1, 0xe0, 0x03, 0x31, 0xd2, 0x3b, 0x86},
	      7);
	imm32(e, BLOCK_OFF(hist_meta));
	bytes(e, (const uint8_t[]){0x0f, 0x44, 0xc2, 0x89, 0x84, 0x0b}, 6);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(meta));
	/* mov qword [rbx + mem_insn], 0; sub r13, r8; ret */
	bytes(e, (const uint8_t[]){0x48, 0xc7, 0x83}, 3);
	imm32(e, CPU_OFF(mem_insn));
	imm32(e, 0);
	bytes(e, (const uint8_t[]){0x4d, 0x29, 0xc5, 0xc3}, 4);
}

/* jne <out> */
static void jne_to(struct emit *e, const uint8_t *out)
{
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	patch_rel32(rel32_hole(e), out);
}

/* What entering the code of block RDX (cached or not) needs, each a
 * jump to `out` when it fails: the block valid (the I-cache lines
 * unchanged since it was last seen so, or its page's code-write
 * generation unmoved), its length within the budget (n_known: the
 * block's n, else read from it), the stop flag clear; then run_begin's
 * writes for a chained run. */
static void emit_enter_checks(struct emit *e, bool cached, int n_known,
			      const uint8_t *out)
{
	if (cached) {
		/* mov rcx, [rbx + stamp_next]; cmp rcx, [rdx + valid_at] */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8b}, 3);
		imm32(e, CPU_OFF(icache.stamp_next));
		bytes(e, (const uint8_t[]){0x48, 0x3b, 0x8a}, 3);
		imm32(e, BLOCK_OFF(valid_at));
	} else {
		/* mov rcx, [rdx + gen]; mov ecx, [rcx];
		 * cmp ecx, [rdx + gen_val] */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8a}, 3);
		imm32(e, BLOCK_OFF(gen));
		bytes(e, (const uint8_t[]){0x8b, 0x09, 0x3b, 0x8a}, 4);
		imm32(e, BLOCK_OFF(gen_val));
	}
	jne_to(e, out);
	if (n_known >= 0) {
		/* cmp r13, n */
		bytes(e, (const uint8_t[]){0x49, 0x81, 0xfd}, 3);
		imm32(e, (uint32_t)n_known);
	} else {
		/* movzx ecx, byte [rdx + n]; cmp r13, rcx */
		bytes(e, (const uint8_t[]){0x0f, 0xb6, 0x8a}, 3);
		imm32(e, BLOCK_OFF(n));
		bytes(e, (const uint8_t[]){0x49, 0x39, 0xcd}, 3);
	}
	bytes(e, (const uint8_t[]){0x0f, 0x82}, 2); /* jb out */
	patch_rel32(rel32_hole(e), out);
	/* mov rcx, [rbx + run_stop]; cmp dword [rcx], 0; jne out */
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8b}, 3);
	imm32(e, CPU_OFF(run_stop));
	bytes(e, (const uint8_t[]){0x83, 0x39, 0x00}, 3);
	jne_to(e, out);
	/* mov [rbx + cg_block], rdx; add qword [rbx + cg_entered], 1;
	 * mov byte [rbx + pc_written], 0; mov rcx, [rbx + icount];
	 * mov [rbx + mem_icount0], rcx */
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x93}, 3);
	imm32(e, CPU_OFF(cg_block));
	bytes(e, (const uint8_t[]){0x48, 0x83, 0x83}, 3);
	imm32(e, CPU_OFF(cg_entered));
	byte1(e, 1);
	bytes(e, (const uint8_t[]){0xc6, 0x83}, 2);
	imm32(e, CPU_OFF(pc_written));
	byte1(e, 0);
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8b}, 3);
	imm32(e, CPU_OFF(icount));
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x8b}, 3);
	imm32(e, CPU_OFF(mem_icount0));
}

static void emit_chain_tail(struct emit *e, bool cached, const uint8_t *out)
{
	uint8_t *try1, *tryx = NULL, *found[2], *enter;
	/* cmp byte [rbx + engine_check], 0; jne out */
	bytes(e, (const uint8_t[]){0x80, 0xbb}, 2);
	imm32(e, CPU_OFF(engine_check));
	byte1(e, 0x00);
	jne_to(e, out);
	/* the link for the PC: mov eax, [rbx + pc];
	 * cmp eax, [rsi + link_va[0]]; jne try1 */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(r[15]));
	bytes(e, (const uint8_t[]){0x3b, 0x86}, 2);
	imm32(e, BLOCK_OFF(link_va[0]));
	byte1(e, 0x75);
	try1 = rel8_hole(e);
	for (unsigned j = 0; j < 2; j++) {
		if (j == 1) {
			patch_rel8(e, try1, e->p);
			/* cmp eax, [rsi + link_va[1]]; jne tryx */
			bytes(e, (const uint8_t[]){0x3b, 0x86}, 2);
			imm32(e, BLOCK_OFF(link_va[1]));
			byte1(e, 0x75);
			tryx = rel8_hole(e);
		}
		/* mov rdx, [rsi + link[j]]; mov rcx, [rsi + link_serial[j]];
		 * jmp found */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x96}, 3);
		imm32(e, BLOCK_OFF(link[j]));
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8e}, 3);
		imm32(e, BLOCK_OFF(link_serial[j]));
		byte1(e, 0xeb);
		found[j] = rel8_hole(e);
	}
	/* the block on another page (block_chained's xlink), while the
	 * fetch memo's validity then holds: cmp eax, [rsi + xlink_va];
	 * jne out; then the soft-TLB generation, SCR and the mode, each
	 * mov ecx, [rbx + now]; cmp ecx, [rsi + then]; jne out (the mode
	 * as and ecx, M; cmp cl, byte [rsi + xlink_mode]) */
	patch_rel8(e, tryx, e->p);
	bytes(e, (const uint8_t[]){0x3b, 0x86}, 2);
	imm32(e, BLOCK_OFF(xlink_va));
	jne_to(e, out);
	patch_rel32(cmp_core_block_jne(e, CPU_OFF(tlb.gen),
				       BLOCK_OFF(xlink_tlb_gen)),
		    out);
	patch_rel32(cmp_core_block_jne(e, CPU_OFF(cp15.scr),
				       BLOCK_OFF(xlink_scr)),
		    out);
	bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
	imm32(e, CPU_OFF(cpsr));
	bytes(e, (const uint8_t[]){0x83, 0xe1, CPSR_M_MASK, 0x3a, 0x8e}, 5);
	imm32(e, BLOCK_OFF(xlink_mode));
	jne_to(e, out);
	/* (a jump to another page is never patched: the translation may
	 * change under it) xor r9d, r9d; mov rdx, [rsi + xlink];
	 * mov rcx, [rsi + xlink_serial] */
	bytes(e, (const uint8_t[]){0x45, 0x31, 0xc9, 0x48, 0x8b, 0x96}, 6);
	imm32(e, BLOCK_OFF(xlink));
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8e}, 3);
	imm32(e, BLOCK_OFF(xlink_serial));
	patch_rel8(e, found[0], e->p);
	patch_rel8(e, found[1], e->p);
	/* test rdx, rdx; jz out; cmp rcx, [rdx + serial]; jne out */
	bytes(e, (const uint8_t[]){0x48, 0x85, 0xd2, 0x0f, 0x84}, 5);
	patch_rel32(rel32_hole(e), out);
	bytes(e, (const uint8_t[]){0x48, 0x3b, 0x8a}, 3);
	imm32(e, BLOCK_OFF(serial));
	jne_to(e, out);
	/* mov rax, [rdx + host_code]; test rax, rax; jz out */
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x82}, 3);
	imm32(e, BLOCK_OFF(host_code));
	bytes(e, (const uint8_t[]){0x48, 0x85, 0xc0, 0x0f, 0x84}, 5);
	patch_rel32(rel32_hole(e), out);
	emit_enter_checks(e, cached, -1, out);
	/* the end's jump, when its next PC is a constant, made a jump to
	 * the direct entry: test r9, r9; jz enter;
	 * mov rcx, [rdx + host_direct]; sub rcx, r9; sub rcx, 4;
	 * mov [r9], ecx; add qword [rbx + cg_patched], 1 */
	bytes(e, (const uint8_t[]){0x4d, 0x85, 0xc9, 0x74}, 4);
	enter = rel8_hole(e);
	bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8a}, 3);
	imm32(e, BLOCK_OFF(host_direct));
	bytes(e, (const uint8_t[]){0x4c, 0x29, 0xc9, 0x48, 0x83, 0xe9, 0x04,
				   0x41, 0x89, 0x09, 0x48, 0x83, 0x83},
	      13);
	imm32(e, CPU_OFF(cg_patched));
	byte1(e, 1);
	patch_rel8(e, enter, e->p);
	/* into it: add rax, PROLOGUE_BYTES; jmp rax */
	bytes(e, (const uint8_t[]){0x48, 0x83, 0xc0, PROLOGUE_BYTES, 0xff,
				   0xe0},
	      6);
}

/* The shared code at the start of the buffer, which a reset keeps;
 * false when it did not fit. */
static bool emit_shared_tail(struct codegen *cg)
{
	struct emit e = {.p = cg->base, .start = cg->base,
			 .end = cg->base + cg->size};
	cg->history_push = e.p;
	emit_history_push(&e);
	/* out: mov eax, CG_DONE; the epilogue */
	cg->tail_out = e.p;
	byte1(&e, 0xb8);
	imm32(&e, exit_value(0, CG_DONE, false));
	bytes(&e, epilogue, sizeof epilogue);
	for (unsigned cached = 0; cached < 2; cached++) {
		e.p = cg->base + ((e.p - cg->base + 15) & ~(ptrdiff_t)15);
		cg->tail[cached] = e.p;
		emit_chain_tail(&e, cached, cg->tail_out);
	}
	cg->used = cg->tail_end = (size_t)(e.p - cg->base);
	return !e.full;
}

void codegen_unlink(struct codegen *cg, const void *direct, bool cached)
{
	/* jmp <tail>: the end that jumped here left R9 and RSI for it */
	struct emit e = {.p = (uint8_t *)(uintptr_t)direct,
			 .start = cg->base, .end = cg->base + cg->size};
	byte1(&e, 0xe9);
	patch_rel32(rel32_hole(&e), cg->tail[cached]);
}

block_code_fn codegen_emit(struct codegen *cg, const struct block *b,
			   const void **direct_entry)
{
	size_t at = (cg->used + 15) & ~(size_t)15;
	if (at >= cg->size)
		return NULL;
	struct emit e = {.p = cg->base + at, .start = cg->base + at,
			 .end = cg->base + cg->size};
	/* the exits taken from the middle, emitted after the body: returns
	 * (a value for run_block) or clean ends */
	struct stub {
		uint8_t *hole;
		uint32_t value;
		bool with_res; /* the handler's result in bits 24.. */
		bool raw;      /* the value is in EAX already */
		bool clean;    /* a clean end after instruction i - 1 */
		unsigned i;
		bool skipped, ended;
	} stubs[2 * BLOCK_MAX];
	unsigned nstubs = 0;
	/* the full ways of inline loads and stores, emitted after the body:
	 * the handler as the loop calls it, then back after the access */
	struct full_way {
		uint8_t *holes[5];
		unsigned n, i;
		const struct block_insn *bi;
		uint8_t *resume;
	} fulls[BLOCK_MAX];
	unsigned nfulls = 0;
	/* condition-failed jumps to the next instruction */
	uint8_t *to_next = NULL;

	bytes(&e, prologue, sizeof prologue);
	imm32(&e, CPU_OFF(slow_accesses));

	unsigned i;
	for (i = 0; i < b->n; i++) {
		const struct block_insn *bi = &b->insn[i];
		const bool last = i + 1 == b->n;
		if (to_next) {
			patch_rel32(to_next, e.p);
			to_next = NULL;
		}
		/* an impure instruction returns before it, but the block's
		 * last (a return, a barrier, a system register access, …),
		 * which block_ends_from_code runs below */
		const bool ends_impure = bi->kind == BK_IMPURE && last;
		if (bi->kind == BK_IMPURE && !ends_impure)
			break;
		struct direct_branch db;
		const bool direct =
			bi->kind == BK_BRANCH &&
			(b->thumb ? t32_predecode_direct_branch(&bi->d, bi->pc,
								&db)
				  : a32_predecode_direct_branch(&bi->d, bi->pc,
								&db));
		/* the PC a branch reads (dead when a direct branch is always
		 * taken: it writes its own) */
		if (bi->kind == BK_BRANCH &&
		    !(direct && bi->cond >= 14 && db.cond >= 14))
			store32_imm(&e, CPU_OFF(r[15]), bi->pc);
		/* the A32 condition (a failed one is a skipped instruction),
		 * or a T32 B<c>'s own (a branch not taken) */
		const unsigned cond = bi->cond < 14 ? bi->cond
				      : direct    ? db.cond
						  : 14;
		if (cond < 14) {
			uint8_t *hole = cond_failed_jump(&e, cond);
			if (last)
				stubs[nstubs++] = (struct stub){
					.hole = hole,
					.clean = true,
					.i = b->n,
					.skipped = bi->cond < 14,
				};
			else
				to_next = hole;
		}
		if (direct) {
			/* cpu_branch's writes (and BL's LR), then the end */
			if (db.link)
				store32_imm(&e, CPU_OFF(r[14]), db.lr);
			store32_imm(&e, CPU_OFF(r[15]), db.target);
			bytes(&e, (const uint8_t[]){0xc6, 0x83}, 2);
			imm32(&e, CPU_OFF(pc_written));
			byte1(&e, 1); /* mov byte [rbx + pc_written], 1 */
			emit_clean_end(&e, cg, b, i + 1, false, true, false,
				       true);
			continue;
		}
		if (ends_impure) {
			/* eax = block_ends_from_code(cpu, bi, r12):
			 * mov rdi, rbx; mov rsi, bi; mov rdx, r12;
			 * mov rax, fn; call rax; test eax, eax; jnz <return
			 * eax>; else the clean end it committed */
			bytes(&e, (const uint8_t[]){0x48, 0x89, 0xdf, 0x48, 0xbe},
			      5);
			imm64(&e, (uint64_t)(uintptr_t)bi);
			bytes(&e, (const uint8_t[]){0x4c, 0x89, 0xe2, 0x48, 0xb8},
			      5);
			imm64(&e, (uint64_t)(uintptr_t)block_ends_from_code);
			bytes(&e, (const uint8_t[]){0xff, 0xd0, 0x85, 0xc0, 0x0f,
						    0x85},
			      6);
			stubs[nstubs++] = (struct stub){.hole = rel32_hole(&e),
							.raw = true};
			/* (the PC it left: its own write, or the next
			 * instruction's) */
			emit_clean_end(&e, cg, b, i + 1, false, true, true,
				       bi->d.flow != FLOW_ENDS_PC);
			i++;
			break;
		}
		if ((bi->kind == BK_PLAIN || bi->kind == BK_CPLAIN) &&
		    (emit_inline_dp(cg, &e, &bi->d) ||
		     emit_inline_mul(cg, &e, &bi->d) ||
		     emit_inline_mul_long(cg, &e, &bi->d) ||
		     emit_inline_extend(cg, &e, &bi->d)))
			continue;
		struct inline_access a;
		if (bi->kind == BK_MEM && inline_access_of(cg, &bi->d, &a)) {
			struct full_way *f = &fulls[nfulls++];
			f->n = emit_inline_access(&e, &bi->d, &a, f->holes);
			f->bi = bi;
			f->i = i;
			f->resume = e.p;
			continue;
		}
		if (bi->kind == BK_MEM) {
			struct full_way *f = &fulls[nfulls];
			f->n = emit_inline_multiple(cg, &e, &bi->d, f->holes);
			if (f->n) {
				nfulls++;
				f->bi = bi;
				f->i = i;
				f->resume = e.p;
				continue;
			}
		}
		if (bi->kind == BK_MEM) {
			stubs[nstubs++] = (struct stub){
				.hole = call_access_handler(&e, bi),
				.value = exit_value(i + 1, CG_SLOW, false),
				.with_res = true,
			};
			continue;
		}
		call_handler(&e, &bi->d);
		if (bi->kind == BK_BRANCH) {
			/* cmp byte [rbx + pc_written], 0; jne <branched> */
			bytes(&e, (const uint8_t[]){0x80, 0xbb}, 2);
			imm32(&e, CPU_OFF(pc_written));
			bytes(&e, (const uint8_t[]){0x00, 0x0f, 0x85}, 3);
			stubs[nstubs++] = (struct stub){
				.hole = rel32_hole(&e),
				.clean = true,
				.i = i + 1,
				.ended = true,
			};
		}
	}
	/* the end: every instruction ran (a clean end), or a return before
	 * the impure one with mov eax, <value> and the epilogue */
	uint8_t *epi = NULL;
	if (i == b->n) {
		if (b->insn[i - 1].kind != BK_IMPURE)
			emit_clean_end(&e, cg, b, b->n, false, false, false,
				       true);
	} else {
		byte1(&e, 0xb8);
		imm32(&e, exit_value(i, CG_IMPURE, false));
		epi = e.p;
		bytes(&e, epilogue, sizeof epilogue);
	}
	for (unsigned k = 0; k < nfulls; k++) {
		const struct full_way *f = &fulls[k];
		for (unsigned h = 0; h < f->n; h++)
			patch_rel32(f->holes[h], e.p);
		stubs[nstubs++] = (struct stub){
			.hole = call_access_handler(&e, f->bi),
			.value = exit_value(f->i + 1, CG_SLOW, false),
			.with_res = true,
		};
		byte1(&e, 0xe9); /* jmp <resume> */
		patch_rel32(rel32_hole(&e), f->resume);
	}
	for (unsigned k = 0; k < nstubs; k++) {
		const struct stub *st = &stubs[k];
		patch_rel32(st->hole, e.p);
		if (st->clean) {
			/* (a branch that ended it wrote a PC of its own) */
			emit_clean_end(&e, cg, b, st->i, st->skipped,
				       st->ended, false, !st->ended);
			continue;
		}
		if (st->with_res) {
			/* shl eax, 24; or eax, <value> */
			bytes(&e, (const uint8_t[]){0xc1, 0xe0, 0x18, 0x0d}, 4);
			imm32(&e, st->value);
		} else if (!st->raw) {
			byte1(&e, 0xb8); /* mov eax, <value> */
			imm32(&e, st->value);
		}
		if (epi) {
			byte1(&e, 0xe9); /* jmp <epilogue> */
			patch_rel32(rel32_hole(&e), epi);
		} else {
			epi = e.p;
			bytes(&e, epilogue, sizeof epilogue);
		}
	}
	/* the direct entry: mov rdx, b; the checks; jmp <after the
	 * prologue> */
	*direct_entry = e.p;
	bytes(&e, (const uint8_t[]){0x48, 0xba}, 2);
	imm64(&e, (uint64_t)(uintptr_t)b);
	emit_enter_checks(&e, b->cached, b->n, cg->tail_out);
	byte1(&e, 0xe9);
	patch_rel32(rel32_hole(&e), e.start + PROLOGUE_BYTES);
	if (e.full) /* it did not fit: the buffer is full */
		return NULL;
	cg->used = (size_t)(e.p - cg->base);
	return (block_code_fn)(void *)e.start;
}

#else /* not an x86-64 Linux host: no code, the threaded loop runs */

struct codegen *codegen_create(void)
{
	return NULL;
}

void codegen_destroy(struct codegen *cg)
{
	(void)cg;
}

block_code_fn codegen_emit(struct codegen *cg, const struct block *b,
			   const void **direct)
{
	(void)cg;
	(void)b;
	*direct = NULL;
	return NULL;
}

void codegen_unlink(struct codegen *cg, const void *direct, bool cached)
{
	(void)cg;
	(void)direct;
	(void)cached;
}

#endif
