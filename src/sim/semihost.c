/* ARM semihosting for the bare board (ARM "Semihosting for AArch32 and
 * AArch64", operations 0x03, 0x04, 0x05, 0x10, 0x11, 0x13, 0x16, 0x18,
 * 0x20). Parameter blocks are at virtual addresses of the caller and are
 * read through its current translation without raising aborts: a bad
 * pointer makes the call fail with r0 = -1. */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "mmu/dcache_model.h"
#include "mmu/mmu.h"
#include "sim/machine.h"

enum {
	SYS_WRITEC = 0x03,
	SYS_WRITE0 = 0x04,
	SYS_WRITE = 0x05,
	SYS_CLOCK = 0x10,
	SYS_TIME = 0x11,
	SYS_ERRNO = 0x13,
	SYS_HEAPINFO = 0x16,
	SYS_EXIT = 0x18, /* also SYS_REPORTEXCEPTION */
	SYS_EXIT_EXTENDED = 0x20,
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static bool peek(struct cpu *cpu, uint32_t va, unsigned size, uint32_t *val)
{
	struct mmu_result res;
	struct mmu_fault fault;
	uint64_t v = 0;
	if (!mmu_translate_debug(cpu, va, MMU_READ, &res, &fault) ||
	    !dcache_debug_read(cpu->bus, res.pa, size, &v))
		return false;
	*val = (uint32_t)v;
	return true;
}

static bool poke32(struct cpu *cpu, uint32_t va, uint32_t val)
{
	struct mmu_result res;
	struct mmu_fault fault;
	return mmu_translate_debug(cpu, va, MMU_WRITE, &res, &fault) &&
	       dcache_debug_write(cpu->bus, res.pa, 4, val);
}

static enum exec_result stop_with(struct cpu *cpu, int code)
{
	struct machine *m = cpu->board;
	m->exit_code = code;
	m->stop = STOP_EXIT;
	m->stopped_cpu = cpu->index;
	cpu->exit_code = code;
	return EXEC_HALT;
}

enum exec_result semihost_call(struct cpu *cpu)
{
	struct machine *m = cpu->board;
	uint32_t op = cpu->r[0], arg = cpu->r[1];
	uint32_t ret = (uint32_t)-1;
	/* Output and the clock reach the world outside the core, as a
	 * device access does: a guest that prints in a loop, or polls the
	 * clock until it moves, makes progress, even when its registers and
	 * memory repeat (the hang detector's no-progress rule, hang.c). */
	if (op == SYS_WRITEC || op == SYS_WRITE0 || op == SYS_WRITE ||
	    op == SYS_CLOCK)
		cpu->device_accesses++;
	switch (op) {
	case SYS_WRITEC: {
		uint32_t c;
		if (peek(cpu, arg, 1, &c)) {
			fputc((int)c, m->console);
			ret = 0;
		}
		break;
	}
	case SYS_WRITE0: {
		uint32_t c;
		for (uint32_t a = arg; peek(cpu, a, 1, &c) && c; a++)
			fputc((int)c, m->console);
		ret = 0;
		break;
	}
	case SYS_WRITE: {
		uint32_t fd, buf, len, c;
		if (!peek(cpu, arg, 4, &fd) || !peek(cpu, arg + 4, 4, &buf) ||
		    !peek(cpu, arg + 8, 4, &len))
			break;
		uint32_t i = 0;
		for (; i < len && peek(cpu, buf + i, 1, &c); i++)
			fputc((int)c, m->console);
		ret = len - i; /* bytes not written */
		break;
	}
	case SYS_CLOCK:
		/* centiseconds of virtual time (1 ns per instruction) */
		ret = (uint32_t)(cpu->icount / 10000000u);
		break;
	case SYS_TIME:
		ret = 0; /* no host clock: deterministic (DESIGN.md principle 1) */
		break;
	case SYS_ERRNO:
		ret = 0;
		break;
	case SYS_HEAPINFO: {
		/* {heap base, heap limit, stack base, stack limit}: report
		 * zeros, which newlib treats as "use your own defaults". */
		bool ok = true;
		for (unsigned i = 0; i < 4; i++)
			ok = ok && poke32(cpu, arg + 4 * i, 0);
		ret = ok ? 0 : (uint32_t)-1;
		break;
	}
	case SYS_EXIT:
		/* 32-bit: r1 is the reason itself. */
		return stop_with(cpu, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
	case SYS_EXIT_EXTENDED: {
		uint32_t reason, code;
		if (!peek(cpu, arg, 4, &reason) || !peek(cpu, arg + 4, 4, &code))
			return stop_with(cpu, 1);
		return stop_with(cpu, reason == ADP_STOPPED_APPLICATION_EXIT
					      ? (int)code : 1);
	}
	default:
		break;
	}
	cpu->r[0] = ret;
	return EXEC_OK;
}
