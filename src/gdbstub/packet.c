/* gdb remote serial protocol framing (see packet.h). */
#include "gdbstub/packet.h"

#include <string.h>

enum {
	RX_IDLE,  /* between packets: acks, interrupts and noise */
	RX_DATA,  /* after '$' */
	RX_CSUM1, /* after '#' */
	RX_CSUM2, /* after the first checksum digit */
};

void gdb_rx_init(struct gdb_rx *rx)
{
	rx->state = RX_IDLE;
	rx->len = 0;
	rx->sum = 0;
	rx->csum_hi = 0;
	rx->overflow = false;
	rx->bad_digit = false;
	rx->buf[0] = 0;
}

int gdb_hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void start_packet(struct gdb_rx *rx)
{
	rx->state = RX_DATA;
	rx->len = 0;
	rx->sum = 0;
	rx->overflow = false;
	rx->bad_digit = false;
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t byte)
{
	switch (rx->state) {
	case RX_IDLE:
		switch (byte) {
		case '$':
			start_packet(rx);
			return GDB_RX_NONE;
		case 0x03:
			return GDB_RX_INTERRUPT;
		case '+':
			return GDB_RX_ACK;
		case '-':
			return GDB_RX_NAK;
		default:
			/* Noise between packets (a telnet user's newline, a
			 * resync): ignored, as gdb itself ignores it. */
			return GDB_RX_NONE;
		}
	case RX_DATA:
		if (byte == '#') {
			rx->state = RX_CSUM1;
			return GDB_RX_NONE;
		}
		if (byte == '$') {
			/* An unescaped '$' cannot be part of a payload: the
			 * sender gave up on the previous packet and starts a
			 * new one. */
			start_packet(rx);
			return GDB_RX_NONE;
		}
		rx->sum = (uint8_t)(rx->sum + byte);
		if (rx->len < GDB_PACKET_MAX)
			rx->buf[rx->len++] = (char)byte;
		else
			rx->overflow = true;
		return GDB_RX_NONE;
	case RX_CSUM1:
		if (gdb_hex_val(byte) < 0)
			rx->bad_digit = true;
		rx->csum_hi = byte;
		rx->state = RX_CSUM2;
		return GDB_RX_NONE;
	case RX_CSUM2:
	default: {
		rx->state = RX_IDLE;
		rx->buf[rx->len] = 0;
		int hi = gdb_hex_val(rx->csum_hi), lo = gdb_hex_val(byte);
		if (rx->overflow)
			return GDB_RX_OVERSIZE;
		if (rx->bad_digit || lo < 0 || hi < 0 ||
		    (uint8_t)(hi << 4 | lo) != rx->sum)
			return GDB_RX_BAD_CHECKSUM;
		return GDB_RX_PACKET;
	}
	}
}

bool gdb_unescape(const char *in, size_t n, uint8_t *out, size_t *out_len)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)in[i];
		if (c == '}') {
			if (++i >= n)
				return false;
			c = (uint8_t)in[i] ^ 0x20;
		}
		out[o++] = c;
	}
	*out_len = o;
	return true;
}

static bool needs_escape(uint8_t c)
{
	return c == '$' || c == '#' || c == '}' || c == '*';
}

size_t gdb_frame(const void *payload, size_t len, char *out, size_t cap)
{
	const uint8_t *p = payload;
	size_t o = 0;
	uint8_t sum = 0;
	if (cap < 4)
		return 0;
	out[o++] = '$';
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];
		if (needs_escape(c)) {
			if (o + 2 > cap - 3)
				return 0;
			out[o++] = '}';
			sum = (uint8_t)(sum + '}');
			c ^= 0x20;
		} else if (o + 1 > cap - 3) {
			return 0;
		}
		out[o++] = (char)c;
		sum = (uint8_t)(sum + c);
	}
	static const char digits[] = "0123456789abcdef";
	out[o++] = '#';
	out[o++] = digits[sum >> 4];
	out[o++] = digits[sum & 15];
	return o;
}

void gdb_hex_encode(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
}

bool gdb_hex_decode(const char *in, size_t n, uint8_t *out)
{
	for (size_t i = 0; i < n; i++) {
		int hi = gdb_hex_val((unsigned char)in[2 * i]);
		int lo = hi < 0 ? -1 : gdb_hex_val((unsigned char)in[2 * i + 1]);
		if (lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool gdb_parse_hex(const char **p, uint64_t *val)
{
	const char *s = *p;
	uint64_t v = 0;
	int d;
	if (gdb_hex_val((unsigned char)*s) < 0)
		return false;
	while ((d = gdb_hex_val((unsigned char)*s)) >= 0) {
		if (v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
		s++;
	}
	*val = v;
	*p = s;
	return true;
}
