/* The x86-64 code generator, one instruction at a time: what the
 * specialised handlers the generator knows (handler_classes, found by
 * their addresses) become inline, each exactly what its handler does on
 * its fast path, the handler itself being the full way. The block's
 * code around them (dispatch, conditions, ends of runs, chaining) is
 * codegen_x86_64.c's. */
#include "cpu/codegen_x86_64_internal.h"

#include "cpu/predecode_internal.h"

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
void handler_classes(struct codegen *cg)
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
	/* the classes of one handler each */
	const struct handler_class single[] = {
		{.fn = predecode_mul_long_fn(), .kind = HK_MUL_LONG},
		{.fn = predecode_movw, .kind = HK_MOVW},
		{.fn = predecode_movt, .kind = HK_MOVW, .op = 1},
		{.fn = predecode_clz_fn(), .kind = HK_CLZ},
		{.fn = predecode_dp_rsr_fn(), .kind = HK_DP_RSR},
		{.fn = predecode_rev_fn(REV_REV), .kind = HK_REV},
		{.fn = predecode_ldm, .kind = HK_MULTI, .load = 1},
		{.fn = predecode_stm, .kind = HK_MULTI},
		{.fn = predecode_bx, .kind = HK_BX},
		{.fn = predecode_ldr_pc, .kind = HK_LDR_PC},
		{.fn = predecode_nop_fn(), .kind = HK_NOP},
		{.fn = predecode_ldr_literal_fn(), .kind = HK_LDR_LIT},
	};
	for (unsigned k = 0; k < sizeof single / sizeof single[0]; k++)
		class_add(cg, single[k]);
	static const struct {
		uint8_t size, load, sign;
	} extra[] = {{2, 0, 0}, {2, 1, 0}, {2, 1, 1},
		     {1, 1, 1}, {1, 1, 0}, {1, 0, 0}};
	for (unsigned k = 0; k < sizeof extra / sizeof extra[0]; k++)
		for (unsigned reg = 0; reg < 2; reg++)
			for (unsigned wb = 0; wb < 3; wb++) {
				/* wb: 0 none, 1 post-, 2 pre-indexed */
				struct handler_class c = {
					.fn = wb ? predecode_ldst_extra_wb_fn(
							   extra[k].size,
							   extra[k].load,
							   extra[k].sign, reg,
							   wb == 2)
						 : predecode_ldst_extra_fn(
							   extra[k].size,
							   extra[k].load,
							   extra[k].sign, reg),
					.kind = HK_EXTRA,
					.size = extra[k].size,
					.load = extra[k].load,
					.sign = extra[k].sign,
					.reg = (uint8_t)reg,
					.wb = wb != 0,
					.pre = wb == 2,
				};
				class_add(cg, c);
			}
}

/* ---- loads and stores: the data memo's fast path inline ----
 * For the specialised LDR/STR/LDRB/STRB with or without writeback
 * (predecode_ldst_fns, predecode_ldst_wb_fns) and LDRH/STRH/LDRSH/LDRSB
 * with or without (predecode_ldst_extra_fn, predecode_ldst_extra_wb_fn)
 * and an A32 LDR (literal) at the address a block's copy of its entry
 * holds (predecode_ldr_literal_fn), the code does what the handler's
 * fast path does (cpu_read_memo, cpu_write_memo: the entry for the page,
 * its context and alignment, then the access and, for a store,
 * cpu->stores, then the writeback),
 * and where the handler would leave it (before anything is written),
 * calls the handler, which makes the same checks, fails them the same
 * way and takes the full path. */

bool inline_access_of(const struct codegen *cg,
		      const struct decoded_insn *d,
		      struct inline_access *a)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (c && c->kind == HK_LDR_LIT) {
		*a = (struct inline_access){.size = 4, .load = true,
					    .shift_type = SRTYPE_LSL,
					    .imm = d->imm, .literal = true};
		return true;
	}
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
		.wb = c->wb != 0,
		.pre = c->pre != 0,
	};
	return true;
}

#define MEMO_OFF(write, field)                                                 \
	((uint32_t)(offsetof(struct cpu, data_memo) +                          \
		    (write) * sizeof(((struct cpu *)0)->data_memo[0]) +        \
		    offsetof(struct data_memo, field)))
_Static_assert(sizeof(struct data_memo) == 32,
	       "data memo entries are indexed by a shift of 5");
_Static_assert((DATA_MEMO_ENTRIES & (DATA_MEMO_ENTRIES - 1)) == 0 &&
		       DATA_MEMO_ENTRIES <= (1u << 20),
	       "the data memo index is a mask of VA bits 12 up at bit 5");

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
 * when w (cpu_data_memo_hit): the entry's tag against the key of the
 * page, the context and the misalignment in one compare; on the way on,
 * RDX the entry's addend (the byte at rdx + rax: EAX was written as 32
 * bits, so RAX is the VA zero-extended). Returns the number of rel32
 * holes in slow[] (one), the jumps to the full way. Uses ECX. */
static unsigned emit_memo_probe(struct emit *e, unsigned w, unsigned size,
				uint8_t *slow[3])
{
	unsigned n = 0;
	/* ecx = the entry's offset, ((va >> 12) & (entries - 1)) * 32:
	 * mov ecx, eax; shr ecx, 7; and ecx, (entries - 1) << 5 (RORX
	 * instead of the first two: 2% fewer host instructions on the
	 * load/store bench, no faster) */
	bytes(e, (const uint8_t[]){0x89, 0xc1, 0xc1, 0xe9, 0x07, 0x81, 0xe1},
	      7);
	imm32(e, (DATA_MEMO_ENTRIES - 1) << 5);
	/* rdx = the key: mov edx, eax; and edx, page | size - 1;
	 * or rdx, [rbx + memo_key]; cmp rdx, [entry.tag]; jne slow */
	bytes(e, (const uint8_t[]){0x89, 0xc2, 0x81, 0xe2}, 4);
	imm32(e, 0xfffff000u | (size - 1));
	bytes(e, (const uint8_t[]){0x48, 0x0b, 0x93}, 3);
	imm32(e, CPU_OFF(memo_key));
	bytes(e, (const uint8_t[]){0x48, 0x3b}, 2);
	memo_operand(e, 2, MEMO_OFF(w, tag));
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	slow[n++] = rel32_hole(e);
	/* (a store entry is never one of a page with decoded code: cpu.h
	 * cpu_code_gen_mark) mov rdx, [entry.addend] */
	bytes(e, (const uint8_t[]){0x48, 0x8b}, 2);
	memo_operand(e, 2, MEMO_OFF(w, addend));
	return n;
}

/* A PC written by a return the generator does inline (emit_inline_return)
 * from host register `reg` (0: EAX, 9: R9D): first the jump to the full
 * way for a target that is not an ARM address (bits [1:0] clear, what
 * cpu_branch_interwork does without changing CPSR.T):
 * test <reg>b, 3; jnz <full>, its rel32 hole; then, after everything else
 * the instruction writes, mov [rbx + pc], <reg> (the run ends there, and
 * pc_written is left clear for the next block: cpu.h cg_end). */
static uint8_t *emit_not_arm_target(struct emit *e, unsigned reg)
{
	if (reg >= 8)
		byte1(e, 0x41);
	bytes(e, (const uint8_t[]){0xf6, (uint8_t)(0xc0 | (reg & 7)), 0x03,
				   0x0f, 0x85},
	      5);
	return rel32_hole(e);
}
static void emit_pc_write(struct emit *e, unsigned reg)
{
	if (reg >= 8)
		byte1(e, 0x44);
	bytes(e, (const uint8_t[]){0x89, (uint8_t)(0x83 | (reg & 7) << 3)},
	      2);
	disp_rbx(e, CPU_OFF(r[15]));
}

/* The access's code; *slow the rel32 holes of its jumps to the full way
 * (one or two), which return to e->p after it. A load to the PC (only
 * from emit_inline_return) writes it last, as an ARM address, and takes
 * the full way for any other (one more hole). */
unsigned emit_inline_access(struct emit *e,
			    const struct decoded_insn *d,
			    const struct inline_access *a,
			    uint8_t *slow[3])
{
	const unsigned w = !a->load;
	unsigned n;
	/* eax = the address */
	if (a->literal) {
		byte1(e, 0xb8); /* mov eax, imm32 */
		imm32(e, a->imm);
	} else {
		bytes(e, (const uint8_t[]){0x8b, 0x83}, 2); /* [rbx+Rn] */
		disp_rbx(e, CPU_OFF(r[d->rn]));
	}
	if (a->reg) {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx,[Rm] */
		disp_rbx(e, CPU_OFF(r[d->rm]));
		emit_shift_ecx(e, a->shift_type, a->shift);
		/* sub eax, ecx / add eax, ecx */
		bytes(e, (const uint8_t[]){a->subtract ? 0x29 : 0x01, 0xc8}, 2);
	} else if (a->imm && !a->literal) {
		byte1(e, a->subtract ? 0x2d : 0x05); /* sub/add eax, imm32 */
		imm32(e, a->imm);
	}
	if (a->wb) {
		/* mov r8d, eax: the offset address, Rn's after the access;
		 * post-indexed, the access is at Rn: mov eax, [rbx + Rn] */
		bytes(e, (const uint8_t[]){0x41, 0x89, 0xc0}, 3);
		if (!a->pre) {
			bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
			disp_rbx(e, CPU_OFF(r[d->rn]));
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
		if (d->rd == 15) { /* LDR PC (emit_inline_return) */
			slow[n++] = emit_not_arm_target(e, 0);
		} else { /* mov [Rt], eax */
			bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
			disp_rbx(e, CPU_OFF(r[d->rd]));
		}
	} else {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx, [Rt] */
		disp_rbx(e, CPU_OFF(r[d->rd]));
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
		disp_rbx(e, CPU_OFF(r[d->rn]));
	}
	if (a->load && d->rd == 15)
		emit_pc_write(e, 0);
	return n;
}

/* ---- LDM/STM: the handlers' page at once, inline ----
 * predecode_ldm and predecode_stm (ops_ldm, ops_stm without the User
 * registers) for a list without the PC (a stored PC would read r[15],
 * which a block run has not committed), or with the PC loaded when
 * pc_load (an A32 block's last instruction: POP {…, pc}): what their
 * fast path does when all the words are in one page the data memo holds
 * (multi_start's first address and written-back base as constants from
 * the base, the memo's probe for a word at the first address, the words
 * in ascending register order at ascending addresses, a store's count in
 * cpu->stores, then the writeback, and last the PC as LoadWritePC writes
 * an ARM address: cpu_branch_interwork with bits [1:0] clear), and where
 * that path would not be taken (another page, a miss, a loaded PC that
 * switches to Thumb or is not word-aligned), the handler, which makes
 * the same checks and takes its full way; nothing is written before.
 * Returns the number of holes in slow[] (two to four, or 0: not
 * inline). */
unsigned emit_inline_multiple(const struct codegen *cg,
			      struct emit *e,
			      const struct decoded_insn *d, bool pc_load,
			      uint8_t *slow[4])
{
	const struct handler_class *c = class_of(cg, d->fn);
	const uint16_t list = (uint16_t)d->imm;
	const bool pc = (list >> 15) != 0;
	if (!c || c->kind != HK_MULTI || (pc && !(pc_load && c->load)))
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
	disp_rbx(e, CPU_OFF(r[d->rn]));
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
	unsigned n = 1 + emit_memo_probe(e, !c->load, 4, slow + 1);
	if (pc) {
		/* the PC's word, the last: mov r9d, [rdx + rax + 4k] */
		bytes(e, (const uint8_t[]){0x44, 0x8b, 0x8c, 0x02}, 4);
		imm32(e, 4 * (count - 1));
		slow[n++] = emit_not_arm_target(e, 9);
	}
	unsigned k = 0;
	for (uint32_t l = list & 0x7fffu; l; l &= l - 1, k++) {
		const unsigned r = (unsigned)__builtin_ctz(l);
		if (c->load) {
			/* mov ecx, [rdx + rax + 4k]; mov [rbx + Rr], ecx */
			bytes(e, (const uint8_t[]){0x8b, 0x8c, 0x02}, 3);
			imm32(e, 4 * k);
			bytes(e, (const uint8_t[]){0x89, 0x8b}, 2);
		} else {
			/* mov ecx, [rbx + Rr]; mov [rdx + rax + 4k], ecx */
			bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
			disp_rbx(e, CPU_OFF(r[r]));
			bytes(e, (const uint8_t[]){0x89, 0x8c, 0x02}, 3);
			imm32(e, 4 * k);
			continue;
		}
		disp_rbx(e, CPU_OFF(r[r]));
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
		disp_rbx(e, CPU_OFF(r[d->rn]));
	}
	if (pc)
		emit_pc_write(e, 9);
	return n;
}

unsigned emit_inline_return(const struct codegen *cg, struct emit *e,
			    const struct decoded_insn *d, uint8_t *slow[4])
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c)
		return 0;
	if (c->kind == HK_MULTI)
		return emit_inline_multiple(cg, e, d, true, slow);
	if (c->kind == HK_LDR_PC) {
		const struct inline_access a = {
			.size = 4,
			.load = true,
			.shift_type = SRTYPE_LSL,
			.imm = d->imm,
			.wb = (d->op & 2) != 0,
			.pre = (d->op & 1) != 0,
		};
		return emit_inline_access(e, d, &a, slow);
	}
	if (c->kind != HK_BX)
		return 0;
	/* BX Rm to an ARM address: mov eax, [rbx + Rm] */
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rm]));
	slow[0] = emit_not_arm_target(e, 0);
	emit_pc_write(e, 0);
	return 1;
}

/* MUL and MLA without S (mul_plain, mla_plain: no PC operand, the
 * predecoders' rule): Rd = Rn * Rm (+ Ra), the low 32 bits, which are the
 * same signed or unsigned (A8.8.114, A8.8.100): mov eax, [Rn];
 * imul eax, [Rm]; add eax, [Ra]; mov [Rd], eax. */
bool emit_inline_mul(const struct codegen *cg, struct emit *e,
		     const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_MUL)
		return false;
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rn]));
	bytes(e, (const uint8_t[]){0x0f, 0xaf, 0x83}, 3);
	disp_rbx(e, CPU_OFF(r[d->rm]));
	if (c->op) {
		bytes(e, (const uint8_t[]){0x03, 0x83}, 2);
		disp_rbx(e, CPU_OFF(r[d->ra]));
	}
	bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rd]));
	return true;
}

/* UMULL, UMLAL, SMULL, SMLAL without S (ops_mull: RdLo, RdHi = Rn * Rm
 * (+ RdHi:RdLo), A8.8.257, A8.8.256, A8.8.196, A8.8.178): mov eax, [Rn];
 * mul/imul dword [Rm] (EDX:EAX); add eax, [RdLo]; adc edx, [RdHi];
 * mov [RdLo], eax; mov [RdHi], edx (RdLo first: with RdHi == RdLo,
 * UNPREDICTABLE, RdHi wins, as ops_mull has it). */
bool emit_inline_mul_long(const struct codegen *cg, struct emit *e,
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
	disp_rbx(e, CPU_OFF(r[d->rn]));
	/* F7 /4 mul, F7 /5 imul with [rbx + disp32] */
	bytes(e, (const uint8_t[]){0xf7, sign ? 0xab : 0xa3}, 2);
	disp_rbx(e, CPU_OFF(r[d->rm]));
	if (acc) {
		bytes(e, (const uint8_t[]){0x03, 0x83}, 2);
		disp_rbx(e, CPU_OFF(r[d->rd]));
		bytes(e, (const uint8_t[]){0x13, 0x93}, 2);
		disp_rbx(e, CPU_OFF(r[d->ra]));
	}
	bytes(e, (const uint8_t[]){0x89, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rd]));
	bytes(e, (const uint8_t[]){0x89, 0x93}, 2);
	disp_rbx(e, CPU_OFF(r[d->ra]));
	return true;
}

/* UXTB, UXTH, SXTB, SXTH without accumulate (A8.8.220.., A8.8.271..;
 * uxtb_plain …: Rd = the byte or halfword of Rm rotated right by 0, 8,
 * 16 or 24, extended): mov eax, [Rm]; ror eax, n; movzx/movsx eax, al/ax;
 * mov [Rd], eax. */
bool emit_inline_extend(const struct codegen *cg, struct emit *e,
			const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_EXTEND)
		return false;
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rm]));
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
	disp_rbx(e, CPU_OFF(r[d->rd]));
	return true;
}

/* MOVW Rd, #imm16 (A8.8.102, T3/A2): mov dword [rbx + Rd], imm; MOVT
 * Rd, #imm16 (A8.8.106), which keeps Rd[15:0]: mov word [rbx + Rd + 2],
 * imm (the register file is little-endian on the host). Rd = PC is the
 * handler's (UNPREDICTABLE: what the step engine does). */
bool emit_inline_movw(const struct codegen *cg, struct emit *e,
		      const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || c->kind != HK_MOVW || d->rd == 15)
		return false;
	if (c->op) {
		bytes(e, (const uint8_t[]){0x66, 0xc7, 0x83}, 3);
		disp_rbx(e, CPU_OFF(r[d->rd]) + 2);
		bytes(e, (const uint8_t[]){(uint8_t)d->imm,
					   (uint8_t)(d->imm >> 8)},
		      2);
	} else {
		bytes(e, (const uint8_t[]){0xc7, 0x83}, 2);
		disp_rbx(e, CPU_OFF(r[d->rd]));
		imm32(e, d->imm);
	}
	return true;
}

bool emit_inline_nop(const struct codegen *cg, const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	return c && c->kind == HK_NOP;
}

/* CLZ (A8.8.33; clz_plain: Rd = the leading zeros of Rm, 32 for 0):
 * mov ecx, -1; bsr eax, [Rm]; cmovz eax, ecx (BSR leaves its destination
 * undefined for 0: the index -1 then); mov edx, 31; sub edx, eax;
 * mov [Rd], edx. REV (A8.8.145; rev_plain): mov eax, [Rm]; bswap eax;
 * mov [Rd], eax. Neither reads or writes the PC (the predecoder gives
 * these handlers to Rd and Rm other than the PC only). */
bool emit_inline_clz_rev(const struct codegen *cg, struct emit *e,
			 const struct decoded_insn *d)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || (c->kind != HK_CLZ && c->kind != HK_REV) || d->rd == 15 ||
	    d->rm == 15)
		return false;
	if (c->kind == HK_CLZ) {
		bytes(e, (const uint8_t[]){0xb9, 0xff, 0xff, 0xff, 0xff, 0x0f,
					   0xbd, 0x83},
		      8);
		disp_rbx(e, CPU_OFF(r[d->rm]));
		bytes(e, (const uint8_t[]){0x0f, 0x44, 0xc1, 0xba, 31, 0, 0, 0,
					   0x29, 0xc2, 0x89, 0x93},
		      12);
		disp_rbx(e, CPU_OFF(r[d->rd]));
		return true;
	}
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	disp_rbx(e, CPU_OFF(r[d->rm]));
	bytes(e, (const uint8_t[]){0x0f, 0xc8, 0x89, 0x83}, 4);
	disp_rbx(e, CPU_OFF(r[d->rd]));
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

/* The host's CF = CPSR.C (bt dword [rbx + cpsr], 29, or from R15D when
 * the flags are there: bt r15d, 8, whose CF is C after an addition and
 * NOT(C) after a subtraction), complemented (cmc) for a subtraction,
 * whose borrow is NOT(C) (A2.2.1: SBC and RSC are AddWithCarry(x, NOT(y),
 * C), x86's SBB is x - y - CF). */
static void carry_in(struct emit *e, bool borrow, unsigned fr)
{
	bool complement = borrow;
	if (fr != FR_NONE) {
		bytes(e, (const uint8_t[]){0x41, 0x0f, 0xba, 0xe7, 8}, 5);
		complement ^= fr == FR_SUB;
	} else {
		bytes(e, (const uint8_t[]){0x0f, 0xba, 0xa3}, 3);
		disp_rbx(e, CPU_OFF(cpsr));
		byte1(e, 29);
	}
	if (complement)
		byte1(e, 0xf5);
}

/* Whether op is an addition or a subtraction, whose C is the adder's
 * (AddWithCarry) and whose flags are all the host's, not a logical
 * operation's (N and Z of the result, C the shifter's, V kept). */
static bool dp_arith(enum dp_op op)
{
	return op == DP_SUB || op == DP_RSB || op == DP_ADD || op == DP_CMP ||
	       op == DP_CMN || op == DP_ADC || op == DP_SBC || op == DP_RSC;
}

static bool dp_entry_of(const struct codegen *cg,
			const struct decoded_insn *d, enum dp_op *op, bool *s,
			bool *imm, bool *shifted, bool *by_reg)
{
	const struct handler_class *c = class_of(cg, d->fn);
	if (!c || (c->kind != HK_DP_IMM && c->kind != HK_DP_REG &&
		   c->kind != HK_DP_SH && c->kind != HK_DP_RSR))
		return false;
	*by_reg = c->kind == HK_DP_RSR;
	/* (the register-shifted register handler is one for all: the
	 * entry's own operation and S) */
	*op = (enum dp_op)(*by_reg ? d->op : c->op);
	*s = (*by_reg ? d->s : c->s) != 0;
	*imm = c->kind == HK_DP_IMM;
	*shifted = c->kind == HK_DP_SH;
	/* a logical S with a shift takes the shifter's carry out: the
	 * handler's */
	if ((*shifted || *by_reg) && *s && !dp_arith(*op))
		return false;
	return true;
}

/* ecx = Rm shifted by Rs[7:0] as Shift (A8.4.3) shifts it by a register
 * amount (A8.8 "(register-shifted register)"): LSL and LSR by 32 or more
 * give 0, ASR by 32 or more the sign, ROR by the amount modulo 32; x86
 * shifts by CL modulo 32, so LSL and LSR keep 0 for amounts of 32 up
 * (cmp; cmovae) and ASR shifts by at most 31. Uses EDX and R8D. */
static void emit_shift_by_register(struct emit *e,
				   const struct decoded_insn *d)
{
	/* mov edx, [Rm]; movzx ecx, byte [Rs] (the register's low byte) */
	bytes(e, (const uint8_t[]){0x8b, 0x93}, 2);
	disp_rbx(e, CPU_OFF(r[d->rm]));
	bytes(e, (const uint8_t[]){0x0f, 0xb6, 0x8b}, 3);
	disp_rbx(e, CPU_OFF(r[d->ra]));
	switch ((enum shift_type)d->shift_type) {
	case SRTYPE_LSL:
	case SRTYPE_LSR:
		/* shl/shr edx, cl; xor r8d, r8d; cmp ecx, 32;
		 * cmovae edx, r8d */
		bytes(e, (const uint8_t[]){0xd3,
					   d->shift_type == SRTYPE_LSL ? 0xe2
								       : 0xea,
					   0x45, 0x31, 0xc0, 0x83, 0xf9, 0x20,
					   0x41, 0x0f, 0x43, 0xd0},
		      12);
		break;
	case SRTYPE_ASR:
		/* mov r8d, 31; cmp ecx, 31; cmova ecx, r8d; sar edx, cl */
		bytes(e, (const uint8_t[]){0x41, 0xb8, 31, 0, 0, 0, 0x83, 0xf9,
					   31, 0x41, 0x0f, 0x47, 0xc8, 0xd3,
					   0xfa},
		      15);
		break;
	default: /* ror edx, cl */
		bytes(e, (const uint8_t[]){0xd3, 0xca}, 2);
		break;
	}
	bytes(e, (const uint8_t[]){0x89, 0xd1}, 2); /* mov ecx, edx */
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

/* emit_inline_dp, or with pred < 14 emit_predicated_dp */
static bool emit_dp(const struct codegen *cg, struct emit *e,
		    const struct decoded_insn *d, unsigned *fr, unsigned pred)
{
	enum dp_op op;
	bool s, imm, shifted, by_reg;
	if (!dp_entry_of(cg, d, &op, &s, &imm, &shifted, &by_reg))
		return false;
	const bool test = op >= DP_TST && op <= DP_CMN;
	if (pred < 14 && (s || test || !cond_one_test(pred, *fr)))
		return false;
	bool arith = false, borrow = false;
	/* a logical operation that sets N and Z (and C) keeps V from CPSR:
	 * the pending flags there first */
	if ((s || test) && !dp_arith(op))
		emit_flags_commit(e);
	if (by_reg) {
		emit_shift_by_register(e, d);
	} else if (!imm) {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2); /* mov ecx, [Rm] */
		disp_rbx(e, CPU_OFF(r[d->rm]));
		if (shifted)
			emit_shift_ecx(e, (enum shift_type)d->shift_type,
				       d->shift_amount);
	}
	if (op != DP_MOV && op != DP_MVN) {
		bytes(e, (const uint8_t[]){0x8b, 0x83}, 2); /* mov eax, [Rn] */
		disp_rbx(e, CPU_OFF(r[d->rn]));
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
		carry_in(e, false, *fr);
		dp_apply(e, X_ADC, imm, d->imm);
		arith = true;
		break;
	case DP_SBC:
		carry_in(e, true, *fr);
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
			carry_in(e, true, *fr);
		/* sub eax, ecx / sbb eax, ecx */
		bytes(e, (const uint8_t[]){op == DP_RSC ? X_SBB : X_SUB, 0xc8},
		      2);
		arith = borrow = true;
		break;
	default:
		return false;
	}
	if (pred < 14) {
		/* mov ecx, [Rd]; the test; cmov<failed> eax, ecx */
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
		disp_rbx(e, CPU_OFF(r[d->rd]));
		const unsigned fails = cond_test_r15(e, pred, *fr);
		bytes(e, (const uint8_t[]){0x0f, (uint8_t)(0x40u | fails), 0xc1},
		      3);
	}
	if (!test) {
		bytes(e, (const uint8_t[]){0x89, 0x83}, 2); /* mov [Rd], eax */
		disp_rbx(e, CPU_OFF(r[d->rd]));
	}
	if (!s && !test)
		return true;
	if (arith) {
		/* lahf; seto al; mov r15d, eax: the flags kept (enum
		 * flags_reg), and written into CPSR where something may read
		 * them there (emit_flags_commit) */
		bytes(e, (const uint8_t[]){0x9f, 0x0f, 0x90, 0xc0, 0x41, 0x89,
					   0xc7},
		      7);
		*fr = e->flags_pending = borrow ? FR_SUB : FR_ADD;
		return true;
	}
	/* ecx = N | Z of eax: test eax, eax; lahf; movzx edx, ah;
	 * mov ecx, [r14 + rdx * 4 + table] (the table's offset from R14:
	 * codegen.flags_of_ah, the prologue) */
	bytes(e,
	      (const uint8_t[]){0x85, 0xc0, 0x9f, 0x0f, 0xb6, 0xd4, 0x41, 0x8b,
				0x8c, 0x96},
	      10);
	*fr = FR_NONE;
	imm32(e, (uint32_t)sizeof cg->flags_of_ah[0] * FLAGS_NZ);
	/* the CPSR bits the flags leave */
	uint32_t keep = ~(CPSR_N | CPSR_Z);
	if (imm && d->imm_carry) {
		keep &= ~CPSR_C;
		if (d->imm >> 31)
			bytes(e, (const uint8_t[]){0x81, 0xc9, 0x00, 0x00, 0x00,
						   0x20},
			      6); /* or ecx, C */
	}
	emit_cpsr_merge_ecx(e, keep);
	return true;
}

bool emit_inline_dp(const struct codegen *cg, struct emit *e,
		    const struct decoded_insn *d, unsigned *fr)
{
	return emit_dp(cg, e, d, fr, 14);
}

bool emit_predicated_dp(const struct codegen *cg, struct emit *e,
			const struct decoded_insn *d, unsigned cond,
			unsigned fr)
{
	/* (cond_one_test: no condition is one test of flags not in R15D) */
	return cond < 14 && emit_dp(cg, e, d, &fr, cond);
}

#endif /* CODEGEN_HOST */
