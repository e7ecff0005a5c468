/* Capstone disassembly (see disasm.h). Two handles, created on first use
 * and kept for the process (creating one per call costs more than the
 * disassembly). hypsim runs every core, device and report on one thread,
 * so first use needs no lock. */
#include "sim/disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

static csh handles[2];
static bool handle_ok[2];
static bool opened;

static void open_handles(void)
{
	handle_ok[0] = cs_open(CS_ARCH_ARM, CS_MODE_ARM, &handles[0]) == CS_ERR_OK;
	handle_ok[1] = cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &handles[1]) == CS_ERR_OK;
}

const char *disasm_one(uint32_t insn, unsigned size, bool thumb, uint32_t pc,
		       char *buf, size_t len)
{
	if (!opened) {
		open_handles();
		opened = true;
	}
	uint8_t bytes[4];
	if (thumb && size == 4) {
		bytes[0] = (uint8_t)(insn >> 16);
		bytes[1] = (uint8_t)(insn >> 24);
		bytes[2] = (uint8_t)insn;
		bytes[3] = (uint8_t)(insn >> 8);
	} else {
		for (unsigned i = 0; i < 4; i++)
			bytes[i] = (uint8_t)(insn >> (8 * i));
	}
	cs_insn *ci = NULL;
	unsigned h = thumb ? 1 : 0;
	size_t n = handle_ok[h] ? cs_disasm(handles[h], bytes, size, pc, 1, &ci) : 0;
	if (n == 1) {
		snprintf(buf, len, "%s%s%s", ci->mnemonic, ci->op_str[0] ? " " : "",
			 ci->op_str);
		cs_free(ci, n);
	} else {
		snprintf(buf, len, size == 2 ? ".inst.n 0x%04x" : ".inst 0x%08x",
			 insn);
	}
	return buf;
}
