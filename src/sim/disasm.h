/* One-instruction disassembly with Capstone, for hang reports, the
 * monitor and trace listings. */
#ifndef HYPSIM_DISASM_H
#define HYPSIM_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* insn as the core fetched it: a 32-bit ARM word, a 16-bit Thumb
 * halfword (size 2) or hw1 << 16 | hw2 (Thumb, size 4). Writes
 * "mnemonic operands" (or ".inst 0x…" when Capstone does not know it). */
const char *disasm_one(uint32_t insn, unsigned size, bool thumb, uint32_t pc,
		       char *buf, size_t len);

#endif
