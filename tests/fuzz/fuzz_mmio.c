/* Fuzz harness of the virt board's devices from the bus side: random
 * sequences of reads and writes of every size (1, 2, 4, 8 bytes, aligned
 * or not) to the GIC's four frames (distributor, CPU interface, virtual
 * interface control, virtual CPU interface), the PL011 and the PL031, as
 * any of the machine's cores or the debugger (cpu NULL), mixed with
 * interrupt lines raised and lowered, bytes received by the UART and
 * short runs of the cores (which move machine time: the PL031's count,
 * the timers, interrupt delivery). Whatever the order, no access may
 * crash or trip ASan/UBSan, and every access to a mapped frame must
 * complete or abort cleanly.
 *
 * Input: a byte of machine shape (cores 1-4, A15/A7), then 12-byte
 * operations:
 *   [0] target: 0-3 GIC frames, 4 PL011, 5 PL031, 6 anywhere in
 *       0x08000000-0x0901ffff, 7 an event (see below)
 *   [1] bits 0-1 size 1/2/4/8, bit 2 keep the offset's low bits
 *       (unaligned), else aligned to the size
 *   [2] bit 0 write, bits 1-3 core (n_cpus and above: NULL)
 *   [3] spare
 *   [4-5] offset, [6-11] value (zero-extended)
 *   events: [1] % 4: 0 an interrupt line (id [4-5], level [6]),
 *           1 a byte into the UART, 2 run the cores [4] instructions,
 *           3 machine_reset */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp15/core_model.h"
#include "fuzz_util.h"
#include "sim/machine.h"
#include "sim/virt.h"

#define FUZZ_MEM_BASE 0x40000000u
#define FUZZ_MEM_SIZE (1u << 20)

static const struct {
	uint64_t base, size;
} frames[] = {
	{0x08000000u, 0x10000u}, /* GICD */
	{0x08010000u, 0x10000u}, /* GICC */
	{0x08030000u, 0x10000u}, /* GICH */
	{0x08040000u, 0x10000u}, /* GICV */
	{0x09000000u, 0x1000u},  /* PL011 */
	{0x09010000u, 0x1000u},  /* PL031 */
	{0x08000000u, 0x1020000u}, /* the device window */
};

/* Code for the short runs: a counter loop that enables the CPU interface
 * and unmasks interrupts, so that delivery runs too. */
static const uint32_t program[] = {
	0xe3a00000u, /* mov r0, #0 */
	0xf1080080u, /* cpsie i */
	0xe2800001u, /* loop: add r0, r0, #1 */
	0xe320f003u, /* wfi */
	0xeafffffcu, /* b loop */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size, 0};
	unsigned shape = fuzz_u8(&in);
	static struct machine m;
	fuzz_virt_machine(&m, (shape & 4) ? &cortex_a7_model
					   : &cortex_a15_model,
			  1 + (shape & 3), !(shape & 8), FUZZ_MEM_SIZE, program,
			  sizeof program / 4, "fuzz_mmio");

	while (in.pos < in.n) {
		unsigned target = fuzz_u8(&in) & 7;
		unsigned sz = fuzz_u8(&in);
		unsigned who = fuzz_u8(&in);
		(void)fuzz_u8(&in);
		uint64_t off = fuzz_u8(&in);
		off |= (uint64_t)fuzz_u8(&in) << 8;
		uint64_t val = fuzz_u32(&in);
		val |= (uint64_t)fuzz_u8(&in) << 32;
		val |= (uint64_t)fuzz_u8(&in) << 40;
		if (target == 7) {
			switch (sz & 3) {
			case 0:
				gic_set_input(&m.virt->gic,
					      (who >> 1) % m.n_cpus,
					      (unsigned)(off % 1024),
					      (val & 1) != 0);
				break;
			case 1:
				pl011_receive(&m.virt->uart, (uint8_t)off);
				break;
			case 2:
				machine_run(&m, machine_total_icount(&m) + 1 +
						(off & 0xff));
				break;
			default:
				machine_reset(&m, FUZZ_MEM_BASE);
				break;
			}
			continue;
		}
		unsigned bytes = 1u << (sz & 3);
		if (target == 6)
			off = (off | (uint64_t)(val >> 40 & 0xff) << 16) %
			      frames[6].size;
		else
			off %= frames[target].size;
		if (!(sz & 4))
			off &= ~(uint64_t)(bytes - 1);
		uint64_t pa = frames[target].base + off;
		unsigned core = (who >> 1) & 7;
		struct cpu *cpu = core < m.n_cpus ? &m.cpus[core] : NULL;
		if (bytes < 8)
			val &= (1ull << (8 * bytes)) - 1;
		if (who & 1) {
			bus_write(&m.bus, pa, bytes, val, cpu);
		} else {
			uint64_t got = 0xdeadbeefcafef00dull;
			if (bus_read(&m.bus, pa, bytes, &got, cpu) && bytes < 8 &&
			    got >> (8 * bytes)) {
				fprintf(stderr, "fuzz_mmio: a %u-byte read at "
						"0x%llx gave 0x%llx\n", bytes,
					(unsigned long long)pa,
					(unsigned long long)got);
				abort();
			}
		}
	}
	machine_destroy(&m);
	return 0;
}
