/* The PL011 UART (src/devices/pl011.c): transmit, flags, the receive FIFO,
 * trigger levels, interrupts through the irq line, overrun, and any
 * access at any offset without a crash. */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "devices/pl011.h"

static struct pl011 u;
static uint8_t sent[256];
static unsigned n_sent;
static unsigned irq_changes;
static bool irq_level;

static void record_tx(void *opaque, uint8_t b)
{
	ck_assert_ptr_eq(opaque, &u);
	if (n_sent < sizeof(sent))
		sent[n_sent] = b;
	n_sent++;
}

static void irq_sink(void *opaque, unsigned n, bool level)
{
	ck_assert_uint_eq(n, 33);
	irq_level = level;
	irq_changes++;
}

static uint32_t rd(uint32_t off)
{
	uint64_t v = 0xdeadbeef;
	ck_assert(pl011_ops.read(&u, off, 4, &v, NULL));
	return (uint32_t)v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert(pl011_ops.write(&u, off, 4, v, NULL));
}

static void setup(void)
{
	pl011_init(&u);
	u.tx = record_tx;
	u.tx_opaque = &u;
	irq_line_connect(&u.irq, irq_sink, NULL, 33);
	n_sent = 0;
	irq_changes = 0;
	irq_level = false;
}

/* UART on, both directions, FIFOs as asked; interrupts cleared. */
static void enable(bool fifo)
{
	wr(PL011_LCR_H, (3u << 5) | (fifo ? PL011_LCR_H_FEN : 0));
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
	wr(PL011_ICR, PL011_INT_ALL);
}

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd(PL011_CR), 0x300);
	ck_assert_uint_eq(rd(PL011_IFLS), 0x12);
	ck_assert_uint_eq(rd(PL011_FR), 0x90); /* TXFE, RXFE */
	ck_assert_uint_eq(rd(PL011_RIS), 0);
	ck_assert_uint_eq(rd(PL011_IMSC), 0);
	ck_assert(!irq_level);
}
END_TEST

START_TEST(id_registers)
{
	static const uint8_t id[8] = {0x11, 0x10, 0x14, 0x00,
				      0x0d, 0xf0, 0x05, 0xb1};
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(PL011_PERIPHID0 + 4 * i), id[i]);
	/* read-only */
	wr(PL011_PERIPHID0, 0xff);
	ck_assert_uint_eq(rd(PL011_PERIPHID0), 0x11);
}
END_TEST

START_TEST(tx_goes_out_at_once)
{
	enable(true);
	const char *msg = "hello\n";
	for (const char *p = msg; *p; p++) {
		wr(PL011_DR, (uint8_t)*p);
		ck_assert_uint_eq(rd(PL011_FR) & (PL011_FR_BUSY |
						  PL011_FR_TXFF), 0);
	}
	ck_assert_uint_eq(n_sent, 6);
	ck_assert(memcmp(sent, msg, 6) == 0);
	/* only bits 7:0 are data; an 8-bit write (earlycon) works too */
	wr(PL011_DR, 0x341);
	ck_assert(pl011_ops.write(&u, PL011_DR, 1, 'B', NULL));
	ck_assert(pl011_ops.write(&u, PL011_DR, 2, 'C', NULL));
	ck_assert_uint_eq(n_sent, 9);
	ck_assert_uint_eq(sent[6], 'A');
	ck_assert_uint_eq(sent[7], 'B');
	ck_assert_uint_eq(sent[8], 'C');
}
END_TEST

/* With the UART disabled the bytes wait in the FIFO (TRM 3.3.8), BUSY
 * and the full flags show it, and enabling sends them in order. */
START_TEST(tx_held_while_disabled)
{
	/* reset: UARTEN clear, character mode: one holding register */
	wr(PL011_DR, 'a');
	ck_assert_uint_eq(n_sent, 0);
	uint32_t fr = rd(PL011_FR);
	ck_assert(fr & PL011_FR_BUSY);
	ck_assert(fr & PL011_FR_TXFF);
	ck_assert(!(fr & PL011_FR_TXFE));
	wr(PL011_DR, 'b'); /* lost: the holding register is full */
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE);
	ck_assert_uint_eq(n_sent, 1);
	ck_assert_uint_eq(sent[0], 'a');
	ck_assert_uint_eq(rd(PL011_FR) & 0xf8, PL011_FR_TXFE |
						PL011_FR_RXFE);

	/* FIFO mode: 16 wait, the 17th is lost */
	wr(PL011_CR, 0);
	wr(PL011_LCR_H, PL011_LCR_H_FEN);
	for (unsigned i = 0; i < 17; i++) {
		ck_assert_uint_eq(!!(rd(PL011_FR) & PL011_FR_TXFF), i == 16);
		wr(PL011_DR, 'A' + i);
	}
	ck_assert(rd(PL011_FR) & PL011_FR_TXFF);
	ck_assert_uint_eq(n_sent, 1);
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE);
	ck_assert_uint_eq(n_sent, 17);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(sent[1 + i], 'A' + i);
}
END_TEST

START_TEST(pl011_firmware_setup_enables)
{
	pl011_firmware_setup(&u);
	wr(PL011_DR, 'z');
	ck_assert_uint_eq(n_sent, 1);
	ck_assert(rd(PL011_LCR_H) & PL011_LCR_H_FEN);
	ck_assert(pl011_can_receive(&u));
}
END_TEST

/* TXRIS is set after a write leaves the (always draining) FIFO at or
 * below its level; ICR clears it until the next write; the line follows
 * IMSC. */
START_TEST(tx_interrupt)
{
	enable(true);
	ck_assert_uint_eq(rd(PL011_RIS) & PL011_INT_TX, 0);
	wr(PL011_DR, 'x');
	ck_assert(rd(PL011_RIS) & PL011_INT_TX);
	ck_assert(!irq_level);
	ck_assert_uint_eq(rd(PL011_MIS), 0);
	wr(PL011_IMSC, PL011_INT_TX);
	ck_assert(irq_level);
	ck_assert_uint_eq(rd(PL011_MIS), PL011_INT_TX);
	wr(PL011_ICR, PL011_INT_TX);
	ck_assert(!irq_level);
	ck_assert_uint_eq(rd(PL011_RIS) & PL011_INT_TX, 0);
	wr(PL011_DR, 'y');
	ck_assert(irq_level);
	wr(PL011_IMSC, 0);
	ck_assert(!irq_level);

	/* disabled: above the 1/8 level (2 entries) TXRIS clears */
	wr(PL011_IFLS, 0);
	wr(PL011_CR, 0);
	wr(PL011_ICR, PL011_INT_ALL);
	wr(PL011_DR, '1');
	wr(PL011_DR, '2');
	ck_assert(rd(PL011_RIS) & PL011_INT_TX);
	wr(PL011_DR, '3');
	ck_assert_uint_eq(rd(PL011_RIS) & PL011_INT_TX, 0);
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE);
	ck_assert(rd(PL011_RIS) & PL011_INT_TX); /* drained */
}
END_TEST

START_TEST(rx_fifo_and_flags)
{
	enable(true);
	for (unsigned i = 0; i < 16; i++) {
		ck_assert(pl011_can_receive(&u));
		ck_assert(pl011_receive(&u, 'a' + i));
		ck_assert(!(rd(PL011_FR) & PL011_FR_RXFE));
	}
	ck_assert(rd(PL011_FR) & PL011_FR_RXFF);
	ck_assert(!pl011_can_receive(&u));
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(rd(PL011_DR), 'a' + i);
	uint32_t fr = rd(PL011_FR);
	ck_assert(fr & PL011_FR_RXFE);
	ck_assert(!(fr & PL011_FR_RXFF));
}
END_TEST

START_TEST(rx_holding_register_without_fifo)
{
	enable(false);
	ck_assert(pl011_receive(&u, 'q'));
	uint32_t fr = rd(PL011_FR);
	ck_assert(fr & PL011_FR_RXFF);
	ck_assert(!(fr & PL011_FR_RXFE));
	ck_assert(!pl011_can_receive(&u));
	ck_assert(!pl011_receive(&u, 'r')); /* overrun */
	ck_assert_uint_eq(rd(PL011_DR), 'q');
	ck_assert(pl011_can_receive(&u));
	/* character mode: RX interrupt at one character, no timeout */
	wr(PL011_ICR, PL011_INT_ALL);
	ck_assert(pl011_receive(&u, 's'));
	ck_assert_uint_eq(rd(PL011_RIS) & (PL011_INT_RX | PL011_INT_RT),
			  PL011_INT_RX);
}
END_TEST

START_TEST(rx_disabled_loses)
{
	/* reset: RXE set but UARTEN clear */
	ck_assert(!pl011_can_receive(&u));
	ck_assert(!pl011_receive(&u, 'a'));
	ck_assert(rd(PL011_FR) & PL011_FR_RXFE);
	ck_assert_uint_eq(rd(PL011_RSR), 0); /* not an overrun */
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE);
	ck_assert(!pl011_can_receive(&u));
}
END_TEST

/* RX interrupt at/above the trigger level, timeout below it, both
 * through IMSC to the line; reading below the level clears RX, reading
 * the FIFO empty clears RT. */
START_TEST(rx_trigger_levels)
{
	static const unsigned level[5] = {2, 4, 8, 12, 14};

	for (unsigned sel = 0; sel < 5; sel++) {
		setup();
		enable(true);
		wr(PL011_IFLS, sel << 3);
		wr(PL011_IMSC, PL011_INT_RX);
		for (unsigned i = 1; i <= level[sel]; i++) {
			pl011_receive(&u, (uint8_t)i);
			bool at = i >= level[sel];
			ck_assert_uint_eq(!!(rd(PL011_RIS) & PL011_INT_RX),
					  at);
			ck_assert_uint_eq(irq_level, at);
			ck_assert(rd(PL011_RIS) & PL011_INT_RT);
		}
		rd(PL011_DR);
		ck_assert_uint_eq(rd(PL011_RIS) & PL011_INT_RX, 0);
		ck_assert(!irq_level);
	}
}
END_TEST

START_TEST(rx_timeout_interrupt)
{
	enable(true); /* RX level 1/2: 8 */
	wr(PL011_IMSC, PL011_INT_RT);
	ck_assert(!irq_level);
	pl011_receive(&u, 'a');
	ck_assert_uint_eq(rd(PL011_RIS) & (PL011_INT_RT | PL011_INT_RX),
			  PL011_INT_RT);
	ck_assert_uint_eq(rd(PL011_MIS), PL011_INT_RT);
	ck_assert(irq_level);
	/* ICR clears it, the next character raises it again */
	wr(PL011_ICR, PL011_INT_RT);
	ck_assert(!irq_level);
	pl011_receive(&u, 'b');
	ck_assert(irq_level);
	/* masked: the raw bit stays, the line falls */
	wr(PL011_IMSC, 0);
	ck_assert(!irq_level);
	ck_assert(rd(PL011_RIS) & PL011_INT_RT);
	wr(PL011_IMSC, PL011_INT_RT);
	ck_assert(irq_level);
	rd(PL011_DR);
	ck_assert(irq_level);
	rd(PL011_DR); /* empty */
	ck_assert(!irq_level);
	ck_assert_uint_eq(rd(PL011_RIS), 0);
}
END_TEST

START_TEST(overrun)
{
	enable(true);
	wr(PL011_IMSC, PL011_INT_OE);
	for (unsigned i = 0; i < 16; i++)
		ck_assert(pl011_receive(&u, 'a' + i));
	ck_assert(!irq_level);
	ck_assert(!pl011_receive(&u, 'X')); /* lost */
	ck_assert(rd(PL011_RSR) & PL011_RSR_OE);
	ck_assert(rd(PL011_RIS) & PL011_INT_OE);
	ck_assert(irq_level);
	/* the 16 in the FIFO are intact, without error bits */
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(rd(PL011_DR), 'a' + i);
	/* the next character in carries OE in UARTDR */
	ck_assert(pl011_receive(&u, 'n'));
	ck_assert_uint_eq(rd(PL011_DR), PL011_DR_OE | 'n');
	ck_assert(rd(PL011_RSR) & PL011_RSR_OE);
	ck_assert(pl011_receive(&u, 'o'));
	ck_assert_uint_eq(rd(PL011_DR), 'o');
	/* ECR (any write) clears RSR; ICR clears OEIS and the line */
	wr(PL011_RSR, 0);
	ck_assert_uint_eq(rd(PL011_RSR), 0);
	wr(PL011_ICR, PL011_INT_OE);
	ck_assert_uint_eq(rd(PL011_RIS) & PL011_INT_OE, 0);
	ck_assert(!irq_level);
}
END_TEST

START_TEST(icr_clears_only_its_bits)
{
	enable(true);
	wr(PL011_IMSC, PL011_INT_ALL);
	for (unsigned i = 0; i < 17; i++)
		pl011_receive(&u, 'a'); /* RX, RT, OE */
	wr(PL011_DR, 'x');              /* TX */
	uint32_t ris = rd(PL011_RIS);
	ck_assert_uint_eq(ris, PL011_INT_RX | PL011_INT_RT | PL011_INT_OE |
				       PL011_INT_TX);
	wr(PL011_ICR, PL011_INT_OE | PL011_INT_TX);
	ck_assert_uint_eq(rd(PL011_RIS), PL011_INT_RX | PL011_INT_RT);
	ck_assert(irq_level);
	wr(PL011_ICR, PL011_INT_RX | PL011_INT_RT);
	ck_assert_uint_eq(rd(PL011_RIS), 0);
	ck_assert(!irq_level);
	/* UARTICR reads as zero */
	ck_assert_uint_eq(rd(PL011_ICR), 0);
}
END_TEST

START_TEST(loopback)
{
	enable(true);
	wr(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE |
			     PL011_CR_LBE);
	wr(PL011_DR, 'L');
	ck_assert_uint_eq(n_sent, 0);
	/* the line is not heard in loopback */
	ck_assert(!pl011_can_receive(&u));
	ck_assert(!pl011_receive(&u, 'h'));
	ck_assert_uint_eq(rd(PL011_DR), 'L');
	ck_assert(rd(PL011_FR) & PL011_FR_RXFE);
}
END_TEST

START_TEST(register_masks)
{
	wr(PL011_IBRD, 0xffffffff);
	ck_assert_uint_eq(rd(PL011_IBRD), 0xffff);
	wr(PL011_FBRD, 0xffffffff);
	ck_assert_uint_eq(rd(PL011_FBRD), 0x3f);
	wr(PL011_IFLS, 0xffffffff);
	ck_assert_uint_eq(rd(PL011_IFLS), 0x3f);
	wr(PL011_IMSC, 0xffffffff);
	ck_assert_uint_eq(rd(PL011_IMSC), 0x7ff);
	wr(PL011_CR, 0xffffffff);
	ck_assert_uint_eq(rd(PL011_CR), 0xff87);
	/* a 16-bit read at a word offset gives the low half */
	uint64_t v;
	ck_assert(pl011_ops.read(&u, PL011_CR, 2, &v, NULL));
	ck_assert_uint_eq(v, 0xff87);
	ck_assert(pl011_ops.read(&u, PL011_CR, 1, &v, NULL));
	ck_assert_uint_eq(v, 0x87);
	pl011_reset(&u);
	ck_assert_uint_eq(rd(PL011_CR), 0x300);
	ck_assert_uint_eq(rd(PL011_IMSC), 0);
}
END_TEST

/* Every offset with every size, read and write, including values that
 * turn everything on: nothing crashes, every access completes, reserved
 * space reads zero. */
START_TEST(sweep_every_offset_and_size)
{
	static const unsigned sizes[] = {1, 2, 3, 4, 5, 8, 16, 0};
	static const uint64_t vals[] = {0, ~0ull, 0x5a5a5a5a5a5a5a5aull};

	enable(true);
	for (unsigned off = 0; off < PL011_SIZE + 16; off++) {
		for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]);
		     s++) {
			uint64_t v = 0x1234;
			ck_assert(pl011_ops.read(&u, off, sizes[s], &v, NULL));
			if ((off >= 0x4c && off < 0xfe0) ||
			    off >= PL011_SIZE || (off & 3))
				ck_assert_uint_eq(v, 0);
			for (unsigned k = 0; k < 3; k++)
				ck_assert(pl011_ops.write(&u, off, sizes[s],
							  vals[k], NULL));
			pl011_receive(&u, (uint8_t)off);
		}
	}
	/* a huge offset from a buggy board mapping */
	uint64_t v = 1;
	ck_assert(pl011_ops.read(&u, ~0ull, 4, &v, NULL));
	ck_assert_uint_eq(v, 0);
	ck_assert(pl011_ops.write(&u, ~0ull - 3, 8, ~0ull, NULL));
	/* the ID registers survived */
	ck_assert_uint_eq(rd(PL011_PCELLID0 + 12), 0xb1);
}
END_TEST

static Suite *pl011_suite(void)
{
	Suite *s = suite_create("pl011");
	TCase *tc = tcase_create("pl011");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, id_registers);
	tcase_add_test(tc, tx_goes_out_at_once);
	tcase_add_test(tc, tx_held_while_disabled);
	tcase_add_test(tc, pl011_firmware_setup_enables);
	tcase_add_test(tc, tx_interrupt);
	tcase_add_test(tc, rx_fifo_and_flags);
	tcase_add_test(tc, rx_holding_register_without_fifo);
	tcase_add_test(tc, rx_disabled_loses);
	tcase_add_test(tc, rx_trigger_levels);
	tcase_add_test(tc, rx_timeout_interrupt);
	tcase_add_test(tc, overrun);
	tcase_add_test(tc, icr_clears_only_its_bits);
	tcase_add_test(tc, loopback);
	tcase_add_test(tc, register_masks);
	tcase_add_test(tc, sweep_every_offset_and_size);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pl011_suite)
