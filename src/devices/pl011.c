/* ARM PrimeCell UART (PL011): see pl011.h. Section numbers are those of
 * the PL011 TRM r1p5 (ARM DDI 0183G). */
#include "devices/pl011.h"

#include <string.h>

/* Peripheral and PrimeCell identification, UARTPeriphID0-3 and
 * UARTPCellID0-3 (TRM 3.3.15-3.3.22). UARTPeriphID2[7:4] is the revision,
 * and the revision tells the FIFO depth: r1p5 (revision 3) has 32-entry
 * FIFOs, the earlier revisions 16, and Linux sizes its FIFO from this
 * field (16 below revision 3). We model the 16-entry part, so we read
 * revision 1 (r1p1: 0x14), as QEMU 7.2 does; a 32-entry model must read
 * 0x34 here. The registers are otherwise those of the r1p5 TRM. */
static const uint8_t pl011_id[8] = {
	0x11, 0x10, 0x14, 0x00, /* part 0x011, designer 0x41 (ARM), rev 1 */
	0x0d, 0xf0, 0x05, 0xb1, /* the PrimeCell preamble */
};

/* UARTIFLS trigger levels in entries of the 16-entry FIFOs (TRM 3.3.9):
 * 1/8, 1/4, 1/2, 3/4, 7/8 full. Values 5-7 are reserved; they act as 1/2,
 * the reset value (our choice, the TRM leaves them undefined). */
static unsigned ifls_level(unsigned sel)
{
	static const unsigned level[5] = {2, 4, 8, 12, 14};
	return sel < 5 ? level[sel] : 8;
}

static bool fifo_enabled(const struct pl011 *u)
{
	return u->lcr_h & PL011_LCR_H_FEN;
}

/* With LCR_H.FEN clear the FIFOs are one-entry holding registers
 * (TRM 3.3.7). */
static unsigned depth(const struct pl011 *u)
{
	return fifo_enabled(u) ? PL011_FIFO_DEPTH : 1;
}

/* RXRIS is raised when the receive FIFO holds at least this many
 * characters; in character mode, when the holding register is full. */
static unsigned rx_trigger(const struct pl011 *u)
{
	return fifo_enabled(u) ? ifls_level((u->ifls >> 3) & 7) : 1;
}

/* TXRIS is raised when the transmit FIFO holds at most this many; in
 * character mode, when the holding register is empty. */
static unsigned tx_trigger(const struct pl011 *u)
{
	return fifo_enabled(u) ? ifls_level(u->ifls & 7) : 0;
}

static void update_irq(struct pl011 *u)
{
	irq_line_set(&u->irq, (u->ris & u->imsc) != 0);
}

/* The transmit interrupt after a change to the transmit side (TRM 3.4.3):
 * set when the FIFO is at or below its trigger level, cleared when it is
 * above it. */
static void tx_level_event(struct pl011 *u)
{
	if (u->tx_count <= tx_trigger(u))
		u->ris |= PL011_INT_TX;
	else
		u->ris &= ~PL011_INT_TX;
}

/* The receive and receive-timeout interrupts after a change to the
 * receive side (TRM 3.4.4, 3.4.5). `arrival` is true when something
 * happened that raises them (a character arrived or was read, or the
 * trigger level moved); the conditions that clear them are checked
 * always: RXRIS clears below the trigger level, RTRIS when the FIFO is
 * empty. The timeout is raised at once (see pl011.h). */
static void rx_level_event(struct pl011 *u, bool arrival)
{
	unsigned trig = rx_trigger(u);

	if (u->rx_count < trig)
		u->ris &= ~PL011_INT_RX;
	else if (arrival)
		u->ris |= PL011_INT_RX;
	if (u->rx_count == 0)
		u->ris &= ~PL011_INT_RT;
	else if (arrival && u->rx_count < trig)
		u->ris |= PL011_INT_RT;
}

static bool tx_enabled(const struct pl011 *u)
{
	return (u->cr & PL011_CR_UARTEN) && (u->cr & PL011_CR_TXE);
}

static bool rx_enabled(const struct pl011 *u)
{
	return (u->cr & PL011_CR_UARTEN) && (u->cr & PL011_CR_RXE);
}

static bool rx_push(struct pl011 *u, uint8_t byte);

/* Send what the transmit FIFO holds if the transmitter runs; in loopback
 * (UARTCR.LBE, TRM 3.3.8) the bytes come back to the receiver instead of
 * leaving. Transmission takes no time. */
static void tx_drain(struct pl011 *u)
{
	while (u->tx_count && tx_enabled(u)) {
		uint8_t b = u->tx_fifo[u->tx_head];

		u->tx_head = (u->tx_head + 1) % PL011_FIFO_DEPTH;
		u->tx_count--;
		if (u->cr & PL011_CR_LBE)
			rx_push(u, b);
		else if (u->tx)
			u->tx(u->tx_opaque, b);
	}
}

void pl011_reset(struct pl011 *u)
{
	struct irq_line irq = u->irq;
	void (*tx)(void *, uint8_t) = u->tx;
	void *tx_opaque = u->tx_opaque;

	/* TRM table 3-1: everything 0 but UARTCR (0x300: TXE, RXE) and
	 * UARTIFLS (0x12: both at 1/2); the FIFOs empty. */
	memset(u, 0, sizeof(*u));
	u->cr = PL011_CR_TXE | PL011_CR_RXE;
	u->ifls = 0x12;
	u->irq = irq;
	u->tx = tx;
	u->tx_opaque = tx_opaque;
	irq_line_set(&u->irq, false);
}

void pl011_init(struct pl011 *u)
{
	memset(u, 0, sizeof(*u));
	pl011_reset(u);
}

void pl011_firmware_setup(struct pl011 *u)
{
	/* 115200 baud from a 24 MHz UARTCLK (IBRD 13, FBRD 1, TRM 3.3.6),
	 * only so the registers read back what firmware would program */
	u->ibrd = 13;
	u->fbrd = 1;
	u->lcr_h = (3u << 5) | PL011_LCR_H_FEN; /* WLEN 8 bits, FIFOs */
	u->cr = PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE;
	tx_drain(u);
	update_irq(u);
}

bool pl011_can_receive(const struct pl011 *u)
{
	return rx_enabled(u) && !(u->cr & PL011_CR_LBE) &&
	       u->rx_count < depth(u);
}

/* A character reaching the receiver, from the line or in loopback. */
static bool rx_push(struct pl011 *u, uint8_t byte)
{
	if (!rx_enabled(u))
		return false;
	if (u->rx_count >= depth(u)) {
		/* Overrun (TRM 3.3.2, 3.4.6): the character is lost; RSR.OE
		 * and OERIS are set now, and the next character that enters
		 * the FIFO carries the OE bit in UARTDR. */
		u->rsr |= PL011_RSR_OE;
		u->ris |= PL011_INT_OE;
		u->rx_overrun_pending = true;
		update_irq(u);
		return false;
	}
	uint16_t entry = byte;
	if (u->rx_overrun_pending) {
		entry |= PL011_DR_OE;
		u->rx_overrun_pending = false;
	}
	u->rx_fifo[(u->rx_head + u->rx_count) % PL011_FIFO_DEPTH] = entry;
	u->rx_count++;
	rx_level_event(u, true);
	update_irq(u);
	return true;
}

/* In loopback the receiver hears the transmitter, not the line: what
 * arrives from the host then is lost (TRM 3.3.8, LBE). */
bool pl011_receive(struct pl011 *u, uint8_t byte)
{
	if (u->cr & PL011_CR_LBE)
		return false;
	return rx_push(u, byte);
}

bool pl011_can_receive_cb(void *u)
{
	return pl011_can_receive(u);
}

bool pl011_receive_cb(void *u, uint8_t byte)
{
	return pl011_receive(u, byte);
}

static uint32_t read_dr(struct pl011 *u)
{
	/* An empty FIFO reads 0 (the TRM leaves the value undefined). */
	if (!u->rx_count)
		return 0;
	uint16_t entry = u->rx_fifo[u->rx_head];

	u->rx_head = (u->rx_head + 1) % PL011_FIFO_DEPTH;
	u->rx_count--;
	/* UARTRSR's FE, PE and BE describe the character just read from
	 * UARTDR; OE was set when the overrun happened (TRM 3.3.2). */
	u->rsr = (u->rsr & PL011_RSR_OE) | ((entry >> 8) & 7u);
	rx_level_event(u, true);
	update_irq(u);
	return entry;
}

static void write_dr(struct pl011 *u, uint32_t val)
{
	/* A write to a full transmit FIFO is lost (it can only fill while
	 * transmission is disabled). The frame format is not modelled:
	 * the 8 bits written are the byte sent, whatever LCR_H.WLEN says. */
	if (u->tx_count < depth(u)) {
		u->tx_fifo[(u->tx_head + u->tx_count) % PL011_FIFO_DEPTH] =
			(uint8_t)val;
		u->tx_count++;
	}
	tx_drain(u);
	tx_level_event(u);
	update_irq(u);
}

static uint32_t read_fr(const struct pl011 *u)
{
	/* CTS, DSR, DCD and RI (bits 0-2, 8) are the modem status inputs,
	 * which are not connected: they read as deasserted (0). BUSY is
	 * set while the transmit FIFO holds anything (TRM 3.3.3). */
	uint32_t fr = 0;

	if (u->tx_count)
		fr |= PL011_FR_BUSY;
	if (!u->rx_count)
		fr |= PL011_FR_RXFE;
	if (u->tx_count >= depth(u))
		fr |= PL011_FR_TXFF;
	if (u->rx_count >= depth(u))
		fr |= PL011_FR_RXFF;
	if (!u->tx_count)
		fr |= PL011_FR_TXFE;
	return fr;
}

static uint32_t reg_read(struct pl011 *u, uint64_t off)
{
	if (off >= PL011_PERIPHID0 && off < PL011_SIZE)
		return pl011_id[(off - PL011_PERIPHID0) / 4];
	switch (off) {
	case PL011_DR:
		return read_dr(u);
	case PL011_RSR:
		return u->rsr;
	case PL011_FR:
		return read_fr(u);
	case PL011_ILPR:
		return u->ilpr;
	case PL011_IBRD:
		return u->ibrd;
	case PL011_FBRD:
		return u->fbrd;
	case PL011_LCR_H:
		return u->lcr_h;
	case PL011_CR:
		return u->cr;
	case PL011_IFLS:
		return u->ifls;
	case PL011_IMSC:
		return u->imsc;
	case PL011_RIS:
		return u->ris;
	case PL011_MIS:
		return u->ris & u->imsc;
	case PL011_DMACR:
		return u->dmacr;
	default:
		/* UARTICR is write-only; reserved and test registers
		 * (0x008-0x014, 0x01c, 0x04c-0xfdc) read as zero. */
		return 0;
	}
}

static void reg_write(struct pl011 *u, uint64_t off, uint32_t val)
{
	switch (off) {
	case PL011_DR:
		write_dr(u, val);
		break;
	case PL011_RSR:
		/* UARTECR: any write clears the error bits (TRM 3.3.2) */
		u->rsr = 0;
		break;
	case PL011_ILPR:
		u->ilpr = val & 0xff;
		break;
	case PL011_IBRD:
		u->ibrd = val & 0xffff;
		break;
	case PL011_FBRD:
		u->fbrd = val & 0x3f;
		break;
	case PL011_LCR_H:
		/* Changing FEN keeps what the FIFOs hold (the TRM does not
		 * say they are flushed; QEMU 7.2 empties the receive FIFO).
		 * The trigger levels move, so both sides are re-evaluated. */
		u->lcr_h = val & 0xff;
		tx_level_event(u);
		rx_level_event(u, true);
		break;
	case PL011_CR:
		/* bits 6:3 are reserved (TRM 3.3.8) */
		u->cr = val & 0xff87;
		tx_drain(u);
		tx_level_event(u);
		break;
	case PL011_IFLS:
		u->ifls = val & 0x3f;
		tx_level_event(u);
		rx_level_event(u, true);
		break;
	case PL011_IMSC:
		u->imsc = val & PL011_INT_ALL;
		break;
	case PL011_ICR:
		u->ris &= ~(val & PL011_INT_ALL);
		break;
	case PL011_DMACR:
		/* stored; DMA requests are not modelled */
		u->dmacr = val & 7;
		break;
	default:
		/* UARTFR, UARTRIS, UARTMIS and the ID registers are read-only;
		 * reserved and test registers ignore writes. */
		return;
	}
	update_irq(u);
}

/* One bus access. A 32-bit register is reached by any access of 1, 2 or
 * 4 bytes at its word offset (Linux uses 16-bit accesses, its earlycon
 * 8-bit writes to UARTDR); an 8-byte access is the two words in turn.
 * Anything else is RAZ/WI: the APB register interface has no byte lanes
 * (TRM 3.2), so what a misaligned access does is our choice. */
static bool pl011_read(void *opaque, uint64_t offset, unsigned size,
		       uint64_t *val, struct cpu *cpu)
{
	struct pl011 *u = opaque;

	*val = 0;
	if (offset >= PL011_SIZE)
		return true;
	if (size == 8) {
		if (offset & 7)
			return true;
		uint64_t lo = reg_read(u, offset);
		*val = lo | (uint64_t)reg_read(u, offset + 4) << 32;
		return true;
	}
	if ((size != 1 && size != 2 && size != 4) || (offset & 3))
		return true;
	uint32_t v = reg_read(u, offset);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return true;
}

static bool pl011_write(void *opaque, uint64_t offset, unsigned size,
			uint64_t val, struct cpu *cpu)
{
	struct pl011 *u = opaque;

	if (offset >= PL011_SIZE)
		return true;
	if (size == 8) {
		if (offset & 7)
			return true;
		reg_write(u, offset, (uint32_t)val);
		reg_write(u, offset + 4, (uint32_t)(val >> 32));
		return true;
	}
	if ((size != 1 && size != 2 && size != 4) || (offset & 3))
		return true;
	if (size < 4)
		val &= (1u << (8 * size)) - 1;
	reg_write(u, offset, (uint32_t)val);
	return true;
}

const struct bus_device_ops pl011_ops = {
	.read = pl011_read,
	.write = pl011_write,
};
