/* ARM PrimeCell UART (PL011), as described by the PrimeCell UART (PL011)
 * Technical Reference Manual, r1p5 (ARM DDI 0183G), with the 16-entry
 * FIFOs and the identification of the earlier revision r1p1 (as QEMU's
 * virt board has it), and as Linux's amba-pl011 driver (and its `pl011`
 * earlycon) and Xen's pl011 driver use it.
 *
 * The line itself is not modelled: no baud rate, no frame format, no
 * modem lines. A byte the guest writes to UARTDR reaches tx() at once when
 * the UART and its transmitter are enabled, so the transmit FIFO never
 * holds anything while transmission is enabled; with UARTCR.UARTEN or
 * UARTCR.TXE clear it holds the bytes (TRM 3.3.8) until they are set. The
 * host side hands received bytes in with pl011_receive().
 *
 * Interrupts (TRM 3.3.13, 3.4): the one output `irq` is the OR of the
 * bits of UARTMIS (UARTINTR). TXRIS is set each time the transmit FIFO is
 * found at or below its trigger level after a change (a write to UARTDR,
 * the FIFO draining on enable, a change of LCR_H.FEN or UARTIFLS) and is
 * cleared by UARTICR or by the FIFO going above the level. The TRM raises
 * it only on a transition through the level (3.4.3), which a FIFO that
 * empties the instant it is written never makes; drivers that enable
 * TXIM after writing (Linux, Xen) expect the interrupt, so a write that
 * leaves the FIFO at or below the level raises it here. RXRIS follows
 * the receive FIFO reaching its trigger level. The receive timeout
 * (RTRIS) is raised at once whenever characters sit in the receive FIFO
 * below the trigger level (after a character arrives or one is read),
 * instead of after 32 bit periods without traffic: time does not pass on
 * the line in this model, and a driver reading the FIFO on either
 * interrupt sees the same thing. RTRIS clears when the FIFO is empty.
 *
 * Register accesses: a 32-bit register is read or written through its
 * word offset; a 1- or 2-byte access at the word offset reads the low bits
 * of the register (with the same side effects) or writes the value
 * zero-extended; an 8-byte access at an 8-byte boundary is the two
 * registers in turn. Other offsets and sizes, reserved registers and test
 * registers read as zero and ignore writes (RAZ/WI); an access never
 * aborts.
 *
 * The whole state is in struct pl011 (no pointers but the callbacks). */
#ifndef HYPSIM_PL011_H
#define HYPSIM_PL011_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/bus.h"
#include "timing/irq.h"

#define PL011_SIZE 0x1000u
/* 16-entry FIFOs, revision r1p1's (r1p5 has 32): see pl011_id in pl011.c */
#define PL011_FIFO_DEPTH 16u

/* Register offsets (TRM table 3-1) */
#define PL011_DR 0x000
#define PL011_RSR 0x004 /* write: UARTECR */
#define PL011_FR 0x018
#define PL011_ILPR 0x020
#define PL011_IBRD 0x024
#define PL011_FBRD 0x028
#define PL011_LCR_H 0x02c
#define PL011_CR 0x030
#define PL011_IFLS 0x034
#define PL011_IMSC 0x038
#define PL011_RIS 0x03c
#define PL011_MIS 0x040
#define PL011_ICR 0x044
#define PL011_DMACR 0x048
#define PL011_PERIPHID0 0xfe0
#define PL011_PCELLID0 0xff0

/* UARTDR read bits above the data (TRM 3.3.1) */
#define PL011_DR_FE (1u << 8)
#define PL011_DR_PE (1u << 9)
#define PL011_DR_BE (1u << 10)
#define PL011_DR_OE (1u << 11)
/* UARTRSR (TRM 3.3.2) */
#define PL011_RSR_OE (1u << 3)
/* UARTFR (TRM 3.3.3) */
#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFF (1u << 6)
#define PL011_FR_TXFE (1u << 7)
/* UARTLCR_H (TRM 3.3.7) */
#define PL011_LCR_H_FEN (1u << 4)
/* UARTCR (TRM 3.3.8) */
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_LBE (1u << 7)
#define PL011_CR_TXE (1u << 8)
#define PL011_CR_RXE (1u << 9)
/* interrupt bits of IMSC, RIS, MIS and ICR (TRM 3.3.10-3.3.13) */
#define PL011_INT_RX (1u << 4)
#define PL011_INT_TX (1u << 5)
#define PL011_INT_RT (1u << 6)
#define PL011_INT_FE (1u << 7)
#define PL011_INT_PE (1u << 8)
#define PL011_INT_BE (1u << 9)
#define PL011_INT_OE (1u << 10)
#define PL011_INT_ALL 0x7ffu

struct pl011 {
	/* receive FIFO: each entry is the data byte and its error bits
	 * (UARTDR[11:0]), oldest at rx_head */
	uint16_t rx_fifo[PL011_FIFO_DEPTH];
	unsigned rx_head, rx_count;
	/* an overrun happened: the next character written into the
	 * receive FIFO carries OE (TRM 3.3.1) */
	bool rx_overrun_pending;
	/* transmit FIFO: only holds bytes while transmission is disabled */
	uint8_t tx_fifo[PL011_FIFO_DEPTH];
	unsigned tx_head, tx_count;

	uint32_t rsr;
	uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;

	struct irq_line irq; /* UARTINTR */
	/* where transmitted bytes go (NULL: nowhere) */
	void (*tx)(void *opaque, uint8_t byte);
	void *tx_opaque;
};

/* Everything zero, then reset: leaves irq and tx unconnected. */
void pl011_init(struct pl011 *u);
/* Registers and FIFOs to their reset values (TRM table 3-1); keeps the
 * connections of irq and tx, and lowers irq. */
void pl011_reset(struct pl011 *u);

/* The registers, PL011_SIZE bytes; opaque is the struct pl011. */
extern const struct bus_device_ops pl011_ops;

/* Host to guest: one received byte. Returns false when the byte is lost:
 * the receive FIFO was full (an overrun, recorded in RSR.OE, the next
 * character's OE bit and OERIS), the receiver is disabled, or the UART
 * is in loopback (UARTCR.LBE). */
bool pl011_receive(struct pl011 *u, uint8_t byte);
/* The receiver is enabled (UARTEN and RXE), listens to the line (not in
 * loopback) and its FIFO has room. */
bool pl011_can_receive(const struct pl011 *u);

/* The same two with a void * device, for console_poll() (sim/console.h). */
bool pl011_can_receive_cb(void *u);
bool pl011_receive_cb(void *u, uint8_t byte);

/* What boot firmware leaves behind before it starts a kernel: UART and
 * both directions enabled, 8 data bits, FIFOs on. A board that starts a
 * kernel directly calls it after reset, since Linux's earlycon writes
 * UARTDR without programming UARTCR and waits for FR.BUSY to clear. */
void pl011_firmware_setup(struct pl011 *u);

#endif
