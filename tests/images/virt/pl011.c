/* The virt board's PL011 UART (PrimeCell UART TRM, ARM DDI 0183) driven
 * from Hyp mode: identification registers, the line control and baud
 * registers, UARTFR (TXFE, TXFF, BUSY), text written through UARTDR (it
 * appears on the simulator's console, among the semihosting lines), the
 * transmit FIFO holding bytes while UARTCR.UARTEN is clear (16 entries:
 * TXFF, and a 17th byte lost) and draining when it is set, and the
 * transmit interrupt: UARTRIS.TXRIS after a write, UARTMIS with
 * UARTIMSC.TXIM, SPI 1 (ID 33) taken through the GIC and cleared by
 * UARTICR. */
#include "virt.h"

#define DR 0x000
#define FR 0x018
#define IBRD 0x024
#define FBRD 0x028
#define LCR_H 0x02c
#define CR 0x030
#define IFLS 0x034
#define IMSC 0x038
#define RIS 0x03c
#define MIS 0x040
#define ICR 0x044
#define FR_TXFF (1u << 5)
#define INT_TX (1u << 5)
#define UART_ID 33

static volatile u32 n_irq, irq_iar, irq_mis;

void hyp_irq(void)
{
	u32 iar = rd(GICC, GICC_IAR);

	irq_iar = iar;
	irq_mis = rd(UART, MIS);
	wr(UART, ICR, INT_TX);
	n_irq++;
	wr(GICC, GICC_EOIR, iar);
}

static void uart_putc(char c)
{
	/* wait while the transmit FIFO is full (only while enabled) */
	for (u32 i = 0; i < 100000 && (rd(UART, FR) & FR_TXFF); i++)
		;
	wr(UART, DR, (unsigned char)c);
}

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

int main(void);
int main(void)
{
	u32 i, fr, fr2;

	say("identification\n");
	for (i = 0; i < 8; i++) {
		say("  id ");
		print_hex(0xfe0 + 4 * i);
		kv("", rd(UART, 0xfe0 + 4 * i));
	}
	say("registers\n");
	kv("  fr", rd(UART, FR));
	kv("  ifls", rd(UART, IFLS));
	kv("  imsc", rd(UART, IMSC));
	wr(UART, LCR_H, 0x70);          /* 8 bits, FIFOs enabled */
	kv("  lcr_h", rd(UART, LCR_H));
	wr(UART, IBRD, 0x1234);
	wr(UART, FBRD, 0x3f);
	kv("  ibrd", rd(UART, IBRD));
	kv("  fbrd", rd(UART, FBRD));
	wr(UART, CR, 0x301);            /* UARTEN, TXE, RXE */
	kv("  cr", rd(UART, CR));
	wr(UART, ICR, 0x7ff);
	kv("  ris after icr", rd(UART, RIS));

	uart_puts("uart: hello from the pl011\n");
	fr = rd(UART, FR);
	/* transmitted at once: the FIFO is empty and the UART idle */
	kv("  fr after text", fr);
	kv("  ris after text", rd(UART, RIS));
	kv("  mis with imsc clear", rd(UART, MIS));

	say("transmit fifo while disabled\n");
	/* the whole console line first, the semihosting lines after it */
	uart_puts("uart fifo=");
	wr(UART, CR, 0x300);            /* UARTEN clear: nothing is sent */
	for (i = 0; i < 8; i++)
		wr(UART, DR, "01234567"[i]);
	fr = rd(UART, FR);
	for (; i < 17; i++)
		wr(UART, DR, "0123456789abcdefg"[i]);
	fr2 = rd(UART, FR);
	wr(UART, CR, 0x301);
	uart_putc('\n');
	kv("  fr disabled with 8 written", fr);
	kv("  fr disabled with 17 written", fr2);
	kv("  fr enabled", rd(UART, FR));

	say("transmit interrupt\n");
	set_hvbar(hyp_vectors);
	MCR(4, c1, c1, 0, HCR_IMO);
	isb();
	wr(GICD, GICD_CTLR, 1);
	wr(GICC, GICC_PMR, 0xf0);
	wr(GICC, GICC_CTLR, 1);
	wrb(GICD, GICD_IPRIORITYR + UART_ID, 0x80);
	wrb(GICD, GICD_ITARGETSR + UART_ID, 1);
	wr(GICD, GICD_ISENABLER + 4, 1u << (UART_ID - 32));
	wr(UART, ICR, 0x7ff);
	kv("  spi pending before", rd(GICD, GICD_ISPENDR + 4));
	wr(UART, IMSC, INT_TX);
	kv("  mis txim, no write", rd(UART, MIS));
	uart_puts("uart: with txim\n");
	kv("  mis", rd(UART, MIS));
	kv("  spi pending", rd(GICD, GICD_ISPENDR + 4));
	irq_enable();
	for (i = 0; i < 100000 && !n_irq; i++)
		;
	irq_disable();
	kv("  irqs", n_irq);
	kv("  iar", irq_iar);
	kv("  mis in handler", irq_mis);
	kv("  ris after icr", rd(UART, RIS));
	kv("  spi pending after", rd(GICD, GICD_ISPENDR + 4));
	wr(UART, IMSC, 0);
	say("done\n");
	return 0;
}
