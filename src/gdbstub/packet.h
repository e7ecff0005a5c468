/* gdb remote serial protocol: framing of packets (the byte level), with
 * no knowledge of what a packet means. Kept apart from the server so that
 * it can be unit-tested and fuzzed on its own (tests/unit/test_gdb_packet.c).
 *
 * Framing (gdb manual, "Overview" of Appendix E "Remote Serial Protocol"):
 *   $<payload>#<two hex digits: sum of the payload bytes modulo 256>
 * acknowledged by '+' (or '-' to ask for a retransmission) until
 * QStartNoAckMode; a lone 0x03 outside a packet is an interrupt request;
 * '}' escapes the next byte (XORed with 0x20) inside binary data; '*' is
 * run-length encoding, which only a stub's replies may use (hypsim never
 * does, so it always escapes '*'). */
#ifndef HYPSIM_GDB_PACKET_H
#define HYPSIM_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest payload accepted, and advertised to gdb as PacketSize. A packet
 * longer than this is read to its end and reported as GDB_RX_OVERSIZE. */
#define GDB_PACKET_MAX 16384

enum gdb_rx_event {
	GDB_RX_NONE,         /* byte consumed, nothing complete yet */
	GDB_RX_PACKET,       /* a packet with a good checksum: rx->buf/len */
	GDB_RX_BAD_CHECKSUM, /* a packet whose checksum does not match */
	GDB_RX_OVERSIZE,     /* a packet longer than GDB_PACKET_MAX (dropped) */
	GDB_RX_INTERRUPT,    /* 0x03 outside a packet */
	GDB_RX_ACK,          /* '+' outside a packet */
	GDB_RX_NAK,          /* '-' outside a packet */
};

struct gdb_rx {
	int state;
	size_t len;
	uint8_t sum;      /* running checksum of the payload */
	uint8_t csum_hi;  /* first checksum digit */
	bool overflow;    /* payload exceeded GDB_PACKET_MAX */
	bool bad_digit;   /* checksum digits that are not hex */
	/* payload as received (escapes not decoded: only binary packets
	 * such as X decode them, with gdb_unescape), NUL-terminated */
	char buf[GDB_PACKET_MAX + 1];
};

void gdb_rx_init(struct gdb_rx *rx);
/* Feed one received byte; returns what it completed. After GDB_RX_PACKET
 * the payload is in rx->buf[0..rx->len) until the next byte is fed. */
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t byte);

/* Decode '}'-escaped binary data (in may equal out). Returns false for a
 * dangling escape at the end. */
bool gdb_unescape(const char *in, size_t n, uint8_t *out, size_t *out_len);

/* Frame `payload` of `len` bytes as $...#cs into out (capacity cap),
 * escaping '$', '#', '}' and '*' so that any bytes may be sent (binary
 * replies such as qXfer data). Returns the framed length, or 0 when it
 * does not fit. */
size_t gdb_frame(const void *payload, size_t len, char *out, size_t cap);

/* Hex helpers. gdb_hex_val returns -1 for a non-hex character. */
int gdb_hex_val(int c);
/* Encode n bytes as 2n lower-case hex digits (no NUL added). */
void gdb_hex_encode(const uint8_t *in, size_t n, char *out);
/* Decode exactly 2n hex digits into n bytes; false on a non-hex digit. */
bool gdb_hex_decode(const char *in, size_t n, uint8_t *out);
/* Parse a hex number from *p, advancing it; false when there is no digit
 * or it overflows 64 bits. */
bool gdb_parse_hex(const char **p, uint64_t *val);

#endif
