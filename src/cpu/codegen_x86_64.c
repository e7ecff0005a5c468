/* The x86-64 code generator: the first steps of the plan in block.c
 * ("Towards an x86-64 code generator"). This file assembles a block's
 * code; what one instruction becomes inline is codegen_x86_64_insn.c's,
 * and the emitter both write through is in codegen_x86_64_internal.h.
 * For a block it emits the
 * dispatch run_block's threaded loop does at run time, with what the
 * loop reads from each block_insn (kind, condition, address, handler,
 * entry) as constants:
 *
 *   plain          the handler called, or inline code for data
 *                  processing (emit_inline_dp), MUL/MLA
 *                  (emit_inline_mul), the long multiplies without S
 *                  (emit_inline_mul_long), the extends without
 *                  accumulate (emit_inline_extend), MOVW/MOVT
 *                  (emit_inline_movw), CLZ and REV
 *                  (emit_inline_clz_rev)
 *   plain, cond    the condition from CPSR.NZCV (decode_cond_pass_mask
 *                  as an immediate, one BT), or from R15 after an inline
 *                  flag-setting addition or subtraction (enum
 *                  flags_reg), then the same; such an addition's or
 *                  subtraction's flags are written into CPSR only where
 *                  something else may read them (emit_flags_commit)
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
 *                  checks; an A32 BX Rm, POP {…, pc} or LDR PC inline
 *                  first (emit_inline_return), ending the run as a
 *                  branch does when it stays on the fast path
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
 * been entered CODEGEN_AFTER times (block_internal.h), and a block whose
 * slot is decoded again starts without. The buffer is filled in order
 * and, when full, forgotten at once (every block's code pointer cleared,
 * the buffer reset): code is never freed block by block (the code of a
 * block decoded over stays until then, its direct entry made a jump to
 * the chain tail: codegen_unlink).
 *
 * Calling convention (System V): the generated function takes the core
 * in RDI and keeps it in RBX, the budget in RSI and keeps it in R13, the
 * slow-access count it started with in R12, the generator's flag tables
 * (codegen.flags_of_ah) in R14, and in R15 the host's flags after the
 * block's last inline addition or subtraction that set CPSR's, while the
 * generator knows they are still CPSR's (enum flags_reg), for the
 * conditions after it and for CPSR where it is read next (all
 * callee-saved, so they survive the handler calls; the five pushes keep
 * the stack 16-byte aligned at each call).
 * A block's code entered from another's starts after this prologue,
 * with the registers as they are. */
#include "cpu/codegen_x86_64_internal.h"

#include <stdlib.h>

#include "cpu/predecode_internal.h"

#if CODEGEN_HOST
#include <sys/mman.h>
#endif

/* 4 MiB a core, touched as used: tens of thousands of blocks' code
 * (about 100 bytes an instruction); only blocks entered CODEGEN_AFTER
 * times get code, so a Linux boot resets it a few dozen times. */
#define CODEGEN_BYTES (4u << 20)

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

static uint32_t exit_value(unsigned i, enum codegen_exit x, bool skipped)
{
	return (uint32_t)i | (uint32_t)x << 8 | (skipped ? 1u << 16 : 0);
}

/* pop r15; pop r14; pop r13; pop r12; pop rbx; ret */
static const uint8_t epilogue[] = {0x41, 0x5f, 0x41, 0x5e, 0x41,
				   0x5d, 0x41, 0x5c, 0x5b, 0xc3};

/* push rbx; push r12; push r13; push r14; push r15; mov rbx, rdi;
 * mov r13, rsi; mov r12, [rbx + slow_accesses]; mov r14, <flag tables>:
 * the core, the budget, the slow-access count, the tables. A block
 * entered from another's code is entered after it, with the registers as
 * they are (the count cannot have moved in a clean run, the tables are
 * the generator's). */
#define PROLOGUE_BYTES 32
static const uint8_t prologue[] = {0x53, 0x41, 0x54, 0x41, 0x55, 0x41,
				   0x56, 0x41, 0x57, 0x48, 0x89, 0xfb,
				   0x49, 0x89, 0xf5, 0x4c, 0x8b, 0xa3};
/* (+ disp32, then 49 BE imm64) */
_Static_assert(sizeof prologue + 4 + 10 == PROLOGUE_BYTES,
	       "a chained entry skips exactly the prologue");

static void emit_prologue(struct emit *e, const struct codegen *cg)
{
	bytes(e, prologue, sizeof prologue);
	imm32(e, CPU_OFF(slow_accesses));
	bytes(e, (const uint8_t[]){0x49, 0xbe}, 2);
	imm64(e, (uint64_t)(uintptr_t)cg->flags_of_ah);
}

#define SEG_OFF(field) ((uint32_t)offsetof(struct cpu_history_seg, field))
_Static_assert((CPU_HISTORY & (CPU_HISTORY - 1)) == 0 && CPU_HISTORY < 128,
	       "the history segments' index is a mask, an imm8");
_Static_assert(sizeof(struct cpu_history_seg) == 32 &&
		       offsetof(struct cpu_history_seg, exception) ==
			       SEG_OFF(n) + 1 &&
		       offsetof(struct cpu_history_seg, meta) ==
			       SEG_OFF(n) + 4,
	       "a history segment is 32 bytes, its n, exception and meta "
	       "one 64-bit word");

/* The history segment of a clean run of n instructions of block RSI
 * (commit_history's cpu_history_seg_push), at the place the count after
 * them gives (cpu.h history_seg; the end has already added them):
 * mov eax, [rbx + icount]; and eax, CPU_HISTORY - 1; shl eax, 5;
 * mov rcx, hist; mov [rbx + rax + src], rcx; then n, exception
 * (0) and meta as one word; and the budget moved: sub r13, n.
 * (cpu->mem_insn is already clear: call_access_handler.) */
static void emit_history_push(struct emit *e, bool cached,
			      const struct cpu_history *hist, unsigned n)
{
	bytes(e, (const uint8_t[]){0x8b, 0x83}, 2);
	imm32(e, CPU_OFF(icount));
	bytes(e, (const uint8_t[]){0x83, 0xe0, CPU_HISTORY - 1, 0xc1, 0xe0,
				   0x05, 0x48, 0xb9},
	      8);
	imm64(e, (uint64_t)(uintptr_t)hist);
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x8c, 0x03}, 4);
	imm32(e, CPU_OFF(history_seg) + SEG_OFF(src));
	/* meta: run_begin's, 0 when the block's own, which a cached
	 * block's always is (its key holds CPSR.M and T):
	 * mov qword [rbx + rax + n], n; else mov ecx, [rbx + cpsr];
	 * and ecx, M | T; shl ecx, 3; xor edx, edx;
	 * cmp ecx, [rsi + hist_meta]; cmove ecx, edx; shl rcx, 32;
	 * or rcx, n; mov [rbx + rax + n], rcx */
	if (cached) {
		bytes(e, (const uint8_t[]){0x48, 0xc7, 0x84, 0x03}, 4);
		imm32(e, CPU_OFF(history_seg) + SEG_OFF(n));
		imm32(e, n);
	} else {
		bytes(e, (const uint8_t[]){0x8b, 0x8b}, 2);
		disp_rbx(e, CPU_OFF(cpsr));
		bytes(e, (const uint8_t[]){0x81, 0xe1}, 2);
		imm32(e, CPSR_M_MASK | CPSR_T);
		bytes(e, (const uint8_t[]){0xc1, 0xe1, 0x03, 0x31, 0xd2, 0x3b,
					   0x8e},
		      7);
		imm32(e, BLOCK_OFF(hist_meta));
		bytes(e, (const uint8_t[]){0x0f, 0x44, 0xca, 0x48, 0xc1, 0xe1,
					   0x20, 0x48, 0x81, 0xc9},
		      10);
		imm32(e, n);
		bytes(e, (const uint8_t[]){0x48, 0x89, 0x8c, 0x03}, 4);
		imm32(e, CPU_OFF(history_seg) + SEG_OFF(n));
	}
	/* sub r13, n */
	bytes(e, (const uint8_t[]){0x49, 0x81, 0xed}, 3);
	imm32(e, n);
}

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
 * Then, with the block in RSI, the history push (emit_history_push) and
 * the jump to the chain tail; when the next PC is a constant (next_known:
 * the instruction after the last, a direct branch's target), R9
 * holds the address of that jump's rel32, which the tail patches to
 * the direct entry of the block it finds through the link on this page
 * (after that, the jump goes there without the tail). */
static void emit_clean_end(struct emit *e, const struct codegen *cg,
			   const struct block *b, unsigned i, bool skipped,
			   bool ended, bool ran_impure, bool next_known)
{
	const struct block_insn *last = &b->insn[i - 1];
	/* RSI = b: the I-cache commits load it, else the end itself */
	const bool rsi_loaded = !ran_impure && b->cached;
	if (ran_impure)
		goto history;
	if (!ended)
		store32_imm(e, CPU_OFF(r[15]), last->pc + last->size);
	/* (cpu->insn, insn_size and step_writes from it on return) */
	store32_imm(e, CPU_OFF(cg_end), i | (skipped ? 1u << 8 : 0));
	/* add qword [rbx + icount], i */
	bytes(e, (const uint8_t[]){0x48, 0x81, 0x83}, 3);
	imm32(e, CPU_OFF(icount));
	imm32(e, i);
	if (b->cached) {
		/* commit_fetches(0, i): each line the tick of its last fetch
		 * (the lines read from the block: a relink moves them), then
		 * the tick and the hits */
		const unsigned upto = last->fetch0 + last->nfetch;
		/* mov rdx, [rbx + tick]; mov rsi, b */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x93}, 3);
		imm32(e, CPU_OFF(icache.tick));
		bytes(e, (const uint8_t[]){0x48, 0xbe}, 2);
		imm64(e, (uint64_t)(uintptr_t)b);
		for (unsigned k = 0; k <= last->line_k; k++) {
			/* mov rax, [rsi + line[k]]; lea r8, [rdx + age];
			 * mov [rax + lru], r8 */
			bytes(e, (const uint8_t[]){0x48, 0x8b, 0x86}, 3);
			imm32(e, BLOCK_OFF(line[k]));
			bytes(e, (const uint8_t[]){0x4c, 0x8d, 0x82}, 3);
			imm32(e, k < last->line_k ? b->line_last[k] : upto);
			bytes(e, (const uint8_t[]){0x4c, 0x89, 0x80}, 3);
			imm32(e, (uint32_t)offsetof(struct icache_line, lru));
		}
		/* add qword [rbx + tick], upto (the hits with it:
		 * icache_hits) */
		bytes(e, (const uint8_t[]){0x48, 0x81, 0x83}, 3);
		imm32(e, CPU_OFF(icache.tick));
		imm32(e, upto);
	}
history:
	if (!rsi_loaded) {
		bytes(e, (const uint8_t[]){0x48, 0xbe}, 2); /* mov rsi, b */
		imm64(e, (uint64_t)(uintptr_t)b);
	}
	emit_history_push(e, b->cached, b->hist, i);
	if (next_known) /* lea r9, [rip + 1]: the jump's rel32 */
		bytes(e, (const uint8_t[]){0x4c, 0x8d, 0x0d, 1, 0, 0, 0}, 7);
	else /* xor r9d, r9d */
		bytes(e, (const uint8_t[]){0x45, 0x31, 0xc9}, 3);
	byte1(e, 0xe9); /* jmp <tail> */
	patch_rel32(rel32_hole(e), cg->tail[b->cached]);
}

/* What every clean end shares, once in the buffer, one for cached and
 * one for uncached blocks: the chain tail, block_chained's fast way
 * from b (RSI): the link for the PC, its serial, then what
 * emit_enter_checks checks of the linked block and --engine-check; if
 * all hold, a jump into that block's code, else a return with CG_DONE
 * (tail_out). The links are
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

/* jne <out> */
static void jne_to(struct emit *e, const uint8_t *out)
{
	bytes(e, (const uint8_t[]){0x0f, 0x85}, 2);
	patch_rel32(rel32_hole(e), out);
}

/* What entering the code of block RDX (cached or not) needs, each a
 * jump to `out` when it fails: the block valid (the I-cache lines
 * unchanged since it was last seen so, or its page's code-write
 * generation unmoved) and its length within the budget (n_known: the
 * block's n, else read from it); then run_begin's writes for a chained
 * run. */
static void emit_enter_checks(struct emit *e, bool cached, int n_known,
			      const uint8_t *out)
{
	if (cached) {
		/* mov rcx, [rbx + stamp_next]; cmp rcx, [rdx + valid_at];
		 * je valid */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8b}, 3);
		imm32(e, CPU_OFF(icache.stamp_next));
		bytes(e, (const uint8_t[]){0x48, 0x3b, 0x8a}, 3);
		imm32(e, BLOCK_OFF(valid_at));
		byte1(e, 0x74);
		uint8_t *valid = rel8_hole(e);
		/* a line was filled or invalidated since: each of the
		 * block's lines compared with its stamp (block.c
		 * lines_valid), here rather than after a return, as after
		 * every fill each block's next entry would return:
		 * movzx r10d, byte [rdx + nlines]; xor r8d, r8d;
		 * next: cmp r8d, r10d; jae same;
		 * mov rdi, [rdx + r8 * 8 + line]; mov rdi, [rdi + stamp];
		 * cmp rdi, [rdx + r8 * 8 + stamp]; jne out; inc r8d;
		 * jmp next; same: mov [rdx + valid_at], rcx */
		bytes(e, (const uint8_t[]){0x44, 0x0f, 0xb6, 0x92}, 4);
		imm32(e, BLOCK_OFF(nlines));
		bytes(e, (const uint8_t[]){0x45, 0x31, 0xc0}, 3);
		uint8_t *next = e->p;
		bytes(e, (const uint8_t[]){0x45, 0x39, 0xd0, 0x73}, 4);
		uint8_t *same = rel8_hole(e);
		bytes(e, (const uint8_t[]){0x4a, 0x8b, 0xbc, 0xc2}, 4);
		imm32(e, BLOCK_OFF(line));
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0xbf}, 3);
		imm32(e, (uint32_t)offsetof(struct icache_line, stamp));
		bytes(e, (const uint8_t[]){0x4a, 0x3b, 0xbc, 0xc2}, 4);
		imm32(e, BLOCK_OFF(stamp));
		jne_to(e, out);
		bytes(e, (const uint8_t[]){0x41, 0xff, 0xc0, 0xeb}, 4);
		patch_rel8(e, rel8_hole(e), next);
		patch_rel8(e, same, e->p);
		bytes(e, (const uint8_t[]){0x48, 0x89, 0x8a}, 3);
		imm32(e, BLOCK_OFF(valid_at));
		patch_rel8(e, valid, e->p);
	} else {
		/* mov rcx, [rdx + gen]; mov ecx, [rcx];
		 * cmp ecx, [rdx + gen_val] */
		bytes(e, (const uint8_t[]){0x48, 0x8b, 0x8a}, 3);
		imm32(e, BLOCK_OFF(gen));
		bytes(e, (const uint8_t[]){0x8b, 0x09, 0x3b, 0x8a}, 4);
		imm32(e, BLOCK_OFF(gen_val));
		jne_to(e, out);
	}
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
	/* (no test of the stop flag: a clean run, the only kind that goes
	 * on into another block, cannot have set it, as only an impure
	 * instruction or an access off the fast path can, and those run
	 * block_ends_from_code's checks or return; signals and debuggers
	 * ask between rounds, machine.interrupt_requested; a flag already
	 * set when the code is entered gets it a budget of one block,
	 * run_block) */
	/* mov [rbx + cg_block], rdx; add qword [rbx + cg_entered], 1;
	 * mov rcx, [rbx + icount]; mov [rbx + mem_icount0], rcx
	 * (pc_written is clear: cpu.h cg_end) */
	bytes(e, (const uint8_t[]){0x48, 0x89, 0x93}, 3);
	imm32(e, CPU_OFF(cg_block));
	bytes(e, (const uint8_t[]){0x48, 0x83, 0x83}, 3);
	imm32(e, CPU_OFF(cg_entered));
	byte1(e, 1);
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
	disp_rbx(e, CPU_OFF(r[15]));
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
	disp_rbx(e, CPU_OFF(cpsr));
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
		/* a branch's handler wrote the PC: pc_written cleared */
		bool handler_branched;
		/* a clean end's pending flags (emit.flags_pending) */
		unsigned flags;
	} stubs[2 * BLOCK_MAX];
	unsigned nstubs = 0;
	/* the full ways of inline loads and stores, emitted after the body:
	 * the handler as the loop calls it, then back after the access */
	struct full_way {
		uint8_t *holes[4];
		unsigned n, i;
		const struct block_insn *bi;
		uint8_t *resume;
		unsigned flags; /* pending there (emit.flags_pending) */
	} fulls[BLOCK_MAX];
	unsigned nfulls = 0;
	/* condition-failed jumps to the next instruction */
	uint8_t *to_next = NULL;
	/* where the flags are besides CPSR (enum flags_reg): nowhere at the
	 * block's entry; fr_skip, where they are on the way of to_next, and
	 * flags_skip, the flags pending there (emit.flags_pending) */
	unsigned fr = FR_NONE, fr_skip = FR_NONE, flags_skip = FR_NONE;

	emit_prologue(&e, cg);

	unsigned i;
	for (i = 0; i < b->n; i++) {
		const struct block_insn *bi = &b->insn[i];
		const bool last = i + 1 == b->n;
		if (to_next) {
			if (e.flags_pending != flags_skip) {
				/* each way writes its own pending flags
				 * into CPSR: this one's, a jump over the
				 * other's, which to_next reaches */
				emit_flags_commit(&e);
				byte1(&e, 0xeb); /* jmp <join> */
				uint8_t *over = rel8_hole(&e);
				patch_rel32(to_next, e.p);
				emit_flags_to_cpsr(&e, flags_skip);
				patch_rel8(&e, over, e.p);
			} else {
				patch_rel32(to_next, e.p);
			}
			to_next = NULL;
			/* the ways join: the flags stay in R15D only when
			 * both left them there, from the same kind of
			 * operation (the skipped one's were there before) */
			if (fr != fr_skip)
				fr = FR_NONE;
		}
		/* an impure instruction returns before it, but the block's
		 * last (a return, a barrier, a system register access, …),
		 * which block_ends_from_code runs below */
		const bool ends_impure = bi->kind == BK_IMPURE && last;
		if (bi->kind == BK_IMPURE && !ends_impure) {
			emit_flags_commit(&e);
			break;
		}
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
		/* a conditional data-processing one, not the last (whose
		 * end says whether it was skipped), on flags in R15D */
		if (bi->kind == BK_CPLAIN && !last &&
		    emit_predicated_dp(cg, &e, &bi->d, bi->cond, fr))
			continue;
		/* the A32 condition (a failed one is a skipped instruction),
		 * or a T32 B<c>'s own (a branch not taken) */
		const unsigned cond = bi->cond < 14 ? bi->cond
				      : direct    ? db.cond
						  : 14;
		if (cond < 14) {
			uint8_t *hole = cond_failed_jump(&e, cond, fr);
			if (last)
				stubs[nstubs++] = (struct stub){
					.hole = hole,
					.clean = true,
					.i = b->n,
					.skipped = bi->cond < 14,
					.flags = e.flags_pending,
				};
			else
				to_next = hole;
			fr_skip = fr;
			flags_skip = e.flags_pending;
		}
		if (direct) {
			/* cpu_branch's writes (and BL's LR), then the end */
			if (db.link)
				store32_imm(&e, CPU_OFF(r[14]), db.lr);
			store32_imm(&e, CPU_OFF(r[15]), db.target);
			/* (the way on, a branch not taken, has the flags
			 * as they were) */
			const unsigned pending = e.flags_pending;
			emit_flags_commit(&e);
			emit_clean_end(&e, cg, b, i + 1, false, true, false,
				       true);
			e.flags_pending = pending;
			continue;
		}
		if (ends_impure) {
			/* an A32 BX Rm, POP {…, pc} or LDR PC (on the data
			 * memo's fast path) to an ARM address: a branch to a
			 * target read or loaded, ended as a direct branch
			 * ends (what block_ends_from_code would find: the
			 * data fast path, the CPSR and the rest unchanged); else,
			 * and for every other impure end, the call below */
			emit_flags_commit(&e);
			uint8_t *full[4];
			const unsigned nfull =
				b->thumb ? 0
					 : emit_inline_return(cg, &e, &bi->d,
							      full);
			if (nfull) {
				emit_clean_end(&e, cg, b, i + 1, false, true,
					       false, false);
				for (unsigned h = 0; h < nfull; h++)
					patch_rel32(full[h], e.p);
			}
			/* eax = block_ends_from_code(cpu, bi):
			 * mov rdi, rbx; mov rsi, bi; mov rax, fn; call rax;
			 * test eax, eax; jnz <return eax>; else the clean end
			 * it committed, with the slow-access count taken
			 * again (bi's accesses may have moved it):
			 * mov r12, [rbx + slow_accesses] */
			bytes(&e, (const uint8_t[]){0x48, 0x89, 0xdf, 0x48, 0xbe},
			      5);
			imm64(&e, (uint64_t)(uintptr_t)bi);
			bytes(&e, (const uint8_t[]){0x48, 0xb8}, 2);
			imm64(&e, (uint64_t)(uintptr_t)block_ends_from_code);
			bytes(&e, (const uint8_t[]){0xff, 0xd0, 0x85, 0xc0, 0x0f,
						    0x85},
			      6);
			stubs[nstubs++] = (struct stub){.hole = rel32_hole(&e),
							.raw = true};
			bytes(&e, (const uint8_t[]){0x4c, 0x8b, 0xa3}, 3);
			imm32(&e, CPU_OFF(slow_accesses));
			/* (the PC it left: its own write, or the next
			 * instruction's) */
			emit_clean_end(&e, cg, b, i + 1, false, true, true,
				       bi->d.flow != FLOW_ENDS_PC);
			i++;
			break;
		}
		if ((bi->kind == BK_PLAIN || bi->kind == BK_CPLAIN) &&
		    (emit_inline_nop(cg, &bi->d) ||
		     emit_inline_dp(cg, &e, &bi->d, &fr) ||
		     emit_inline_mul(cg, &e, &bi->d) ||
		     emit_inline_mul_long(cg, &e, &bi->d) ||
		     emit_inline_extend(cg, &e, &bi->d) ||
		     emit_inline_movw(cg, &e, &bi->d) ||
		     emit_inline_clz_rev(cg, &e, &bi->d)))
			continue;
		struct inline_access a;
		if (bi->kind == BK_MEM && inline_access_of(cg, &bi->d, &a)) {
			struct full_way *f = &fulls[nfulls++];
			f->flags = e.flags_pending;
			f->n = emit_inline_access(&e, &bi->d, &a, f->holes);
			f->bi = bi;
			f->i = i;
			f->resume = e.p;
			continue;
		}
		if (bi->kind == BK_MEM) {
			struct full_way *f = &fulls[nfulls];
			f->flags = e.flags_pending;
			f->n = emit_inline_multiple(cg, &e, &bi->d, false,
						    f->holes);
			if (f->n) {
				nfulls++;
				f->bi = bi;
				f->i = i;
				f->resume = e.p;
				continue;
			}
		}
		/* a handler: it may read and write the flags */
		emit_flags_commit(&e);
		fr = FR_NONE;
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
				.handler_branched = true,
			};
		}
	}
	/* the end: every instruction ran (a clean end), or a return before
	 * the impure one with mov eax, <value> and the epilogue */
	uint8_t *epi = NULL;
	if (i == b->n) {
		emit_flags_commit(&e);
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
		emit_flags_to_cpsr(&e, f->flags);
		/* add qword [rbx + cg_full_ways], 1 */
		bytes(&e, (const uint8_t[]){0x48, 0x83, 0x83}, 3);
		imm32(&e, CPU_OFF(cg_full_ways));
		byte1(&e, 1);
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
			if (st->handler_branched) {
				/* mov byte [rbx + pc_written], 0 */
				bytes(&e, (const uint8_t[]){0xc6, 0x83}, 2);
				imm32(&e, CPU_OFF(pc_written));
				byte1(&e, 0);
			}
			emit_flags_to_cpsr(&e, st->flags);
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
