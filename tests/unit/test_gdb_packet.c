/* The gdb stub's packet layer (src/gdbstub/packet.c): framing, checksums,
 * escapes, oversize and truncated packets, and a bounded fuzz run that
 * throws random bytes at the parser; then the register layer
 * (src/gdbstub/regs.c): target.xml generated from the tables and values
 * read and written by gdb number. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "cp15/core_model.h"
#include "cp15/sysreg.h"
#include "cpu/regmap.h"
#include "gdbstub/packet.h"
#include "gdbstub/regs.h"
#include "sim/machine.h"

static struct gdb_rx rx;

/* Feed a string; return the last event other than GDB_RX_NONE (NONE if
 * there was none) and count the events. */
static enum gdb_rx_event feed(const char *s, size_t n, unsigned *count)
{
	enum gdb_rx_event last = GDB_RX_NONE;
	for (size_t i = 0; i < n; i++) {
		enum gdb_rx_event e = gdb_rx_feed(&rx, (uint8_t)s[i]);
		if (e != GDB_RX_NONE) {
			last = e;
			if (count)
				(*count)++;
		}
	}
	return last;
}

#define FEED(lit) feed((lit), sizeof(lit) - 1, NULL)

START_TEST(good_packet)
{
	gdb_rx_init(&rx);
	ck_assert_int_eq(FEED("$g#67"), GDB_RX_PACKET);
	ck_assert_uint_eq(rx.len, 1);
	ck_assert_str_eq(rx.buf, "g");
	/* upper-case checksum digits are accepted */
	ck_assert_int_eq(FEED("$qC#B4"), GDB_RX_PACKET);
	ck_assert_str_eq(rx.buf, "qC");
	/* empty packet */
	ck_assert_int_eq(FEED("$#00"), GDB_RX_PACKET);
	ck_assert_uint_eq(rx.len, 0);
}
END_TEST

START_TEST(bad_checksum)
{
	gdb_rx_init(&rx);
	ck_assert_int_eq(FEED("$g#68"), GDB_RX_BAD_CHECKSUM);
	ck_assert_int_eq(FEED("$g#6z"), GDB_RX_BAD_CHECKSUM);
	ck_assert_int_eq(FEED("$g#z7"), GDB_RX_BAD_CHECKSUM);
	/* the parser is back in step afterwards */
	ck_assert_int_eq(FEED("$g#67"), GDB_RX_PACKET);
}
END_TEST

START_TEST(acks_and_interrupt)
{
	gdb_rx_init(&rx);
	ck_assert_int_eq(gdb_rx_feed(&rx, '+'), GDB_RX_ACK);
	ck_assert_int_eq(gdb_rx_feed(&rx, '-'), GDB_RX_NAK);
	ck_assert_int_eq(gdb_rx_feed(&rx, 0x03), GDB_RX_INTERRUPT);
	ck_assert_int_eq(gdb_rx_feed(&rx, 'x'), GDB_RX_NONE);
	ck_assert_int_eq(gdb_rx_feed(&rx, '\n'), GDB_RX_NONE);
	/* inside a packet, 0x03, '+' and '-' are payload */
	char pkt[] = "$a\x03+-#00";
	uint8_t sum = (uint8_t)('a' + 3 + '+' + '-');
	snprintf(pkt + 6, 3, "%02x", sum);
	ck_assert_int_eq(feed(pkt, 8, NULL), GDB_RX_PACKET);
	ck_assert_uint_eq(rx.len, 4);
	ck_assert_int_eq(rx.buf[1], 0x03);
}
END_TEST

START_TEST(truncated_then_restart)
{
	unsigned n = 0;
	gdb_rx_init(&rx);
	/* A packet cut short by a new '$' is abandoned, not merged. */
	ck_assert_int_eq(feed("$m4000$g#67", 11, &n), GDB_RX_PACKET);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rx.buf, "g");
	/* A packet cut short by the end of input completes nothing. */
	gdb_rx_init(&rx);
	n = 0;
	ck_assert_int_eq(feed("$m4000,4#", 9, &n), GDB_RX_NONE);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(feed("8", 1, &n), GDB_RX_NONE);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(oversize)
{
	static char big[GDB_PACKET_MAX + 16];
	gdb_rx_init(&rx);
	/* exactly the maximum is accepted */
	big[0] = '$';
	memset(big + 1, 'a', GDB_PACKET_MAX);
	uint8_t sum = (uint8_t)('a' * GDB_PACKET_MAX);
	snprintf(big + 1 + GDB_PACKET_MAX, 4, "#%02x", sum);
	ck_assert_int_eq(feed(big, GDB_PACKET_MAX + 4, NULL), GDB_RX_PACKET);
	ck_assert_uint_eq(rx.len, GDB_PACKET_MAX);
	/* one more byte is refused as a whole, even with a good checksum */
	memset(big + 1, 'a', GDB_PACKET_MAX + 1);
	sum = (uint8_t)('a' * (GDB_PACKET_MAX + 1));
	snprintf(big + 2 + GDB_PACKET_MAX, 4, "#%02x", sum);
	ck_assert_int_eq(feed(big, GDB_PACKET_MAX + 5, NULL), GDB_RX_OVERSIZE);
	ck_assert(rx.len <= GDB_PACKET_MAX);
	ck_assert_int_eq(FEED("$g#67"), GDB_RX_PACKET);
}
END_TEST

START_TEST(escapes)
{
	uint8_t out[16];
	size_t n;
	/* '}' escapes the next byte XOR 0x20: }\x03 = '#', }\x04 = '$',
	 * }] = '}', }\x0a = '*' */
	const char in[] = "a}\x03}\x04}]}\x0a" "b";
	ck_assert(gdb_unescape(in, sizeof in - 1, out, &n));
	ck_assert_uint_eq(n, 6);
	ck_assert_mem_eq(out, "a#$}*b", 6);
	/* a dangling escape is an error */
	ck_assert(!gdb_unescape("ab}", 3, out, &n));
	/* in place */
	char buf[] = "}\x03x";
	ck_assert(gdb_unescape(buf, 3, (uint8_t *)buf, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_mem_eq(buf, "#x", 2);
}
END_TEST

START_TEST(frame_roundtrip)
{
	uint8_t payload[256];
	for (unsigned i = 0; i < 256; i++)
		payload[i] = (uint8_t)i;
	static char framed[1024];
	size_t n = gdb_frame(payload, sizeof payload, framed, sizeof framed);
	ck_assert_uint_gt(n, 256 + 4);
	/* no raw '$', '#', '*' inside the payload part */
	for (size_t i = 1; i < n - 3; i++)
		ck_assert(framed[i] != '$' && framed[i] != '#' && framed[i] != '*');
	gdb_rx_init(&rx);
	ck_assert_int_eq(feed(framed, n, NULL), GDB_RX_PACKET);
	uint8_t back[256];
	size_t m;
	ck_assert(gdb_unescape(rx.buf, rx.len, back, &m));
	ck_assert_uint_eq(m, 256);
	ck_assert_mem_eq(back, payload, 256);
	/* too small an output buffer: refused, not overrun */
	ck_assert_uint_eq(gdb_frame(payload, sizeof payload, framed, 100), 0);
	ck_assert_uint_eq(gdb_frame("OK", 2, framed, 6), 6);
	ck_assert_mem_eq(framed, "$OK#9a", 6);
	ck_assert_uint_eq(gdb_frame("OK", 2, framed, 5), 0);
}
END_TEST

START_TEST(hex_helpers)
{
	const char *p = "40001000,4";
	uint64_t v;
	ck_assert(gdb_parse_hex(&p, &v));
	ck_assert_uint_eq(v, 0x40001000u);
	ck_assert_int_eq(*p, ',');
	p = "zz";
	ck_assert(!gdb_parse_hex(&p, &v));
	p = "11112222333344445"; /* 17 digits: overflows 64 bits */
	ck_assert(!gdb_parse_hex(&p, &v));
	uint8_t b[4];
	ck_assert(gdb_hex_decode("deadBEEF", 4, b));
	ck_assert_mem_eq(b, "\xde\xad\xbe\xef", 4);
	ck_assert(!gdb_hex_decode("de?d", 2, b));
	ck_assert(!gdb_hex_decode("d", 1, b)); /* odd: stops at the NUL */
	char hex[9] = {0};
	gdb_hex_encode((const uint8_t *)"\x01\xab", 2, hex);
	ck_assert_str_eq(hex, "01ab");
}
END_TEST

/* Random bytes for a bounded time: the parser never overruns its buffer,
 * every packet it accepts has the checksum it claims, and a clean packet
 * parses afterwards. Seeded: a failure reproduces. */
START_TEST(fuzz_random_bytes)
{
	static const char alphabet[] = "$#}*+-\x03\x00" "0123456789abcdefABCDEFgmMX";
	uint64_t x = 0x9e3779b97f4a7c15ull;
	clock_t end = clock() + CLOCKS_PER_SEC; /* one second of CPU at most */
	unsigned long bytes = 0, packets = 0;
	gdb_rx_init(&rx);
	while (bytes < 20000000ul && (bytes & 0xffff || clock() < end)) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* mostly protocol characters, sometimes any byte */
		uint8_t c = (x & 0x300) ? (uint8_t)alphabet[(x >> 16) % (sizeof alphabet - 1)]
					: (uint8_t)(x >> 24);
		enum gdb_rx_event e = gdb_rx_feed(&rx, c);
		bytes++;
		ck_assert(rx.len <= GDB_PACKET_MAX);
		if (e == GDB_RX_PACKET) {
			packets++;
			ck_assert_uint_eq(strlen(rx.buf) <= rx.len, 1);
			uint8_t out[GDB_PACKET_MAX];
			size_t n;
			(void)gdb_unescape(rx.buf, rx.len, out, &n);
			ck_assert(n <= rx.len);
			const char *p = rx.buf;
			uint64_t v;
			(void)gdb_parse_hex(&p, &v);
			ck_assert(p >= rx.buf && p <= rx.buf + rx.len);
		}
	}
	ck_assert_uint_gt(bytes, 100000);
	ck_assert_uint_gt(packets, 0); /* the alphabet makes some */
	ck_assert_int_eq(FEED("#00$g#67"), GDB_RX_PACKET);
	ck_assert_str_eq(rx.buf, "g");
}
END_TEST

/* ---- target description and register values ---- */

static struct machine m;
static struct gdb_regs g;

static void machine_setup(void)
{
	struct machine_config cfg = {0};
	cfg.board = "bare";
	cfg.clusters[0].model = &cortex_a15_model;
	cfg.clusters[0].count = 1;
	cfg.clusters[1].model = &cortex_a7_model;
	cfg.clusters[1].count = 1;
	cfg.n_clusters = 2;
	cfg.mem_base = 0x40000000;
	cfg.mem_size = 1 << 20;
	char err[128];
	ck_assert_msg(machine_init(&m, &cfg, err, sizeof err), "%s", err);
	ck_assert(gdb_regs_init(&g, &m));
}

static void machine_teardown(void)
{
	gdb_regs_destroy(&g);
	machine_destroy(&m);
}

/* The slot number of a cp15 register in the description, or -1. */
static int slot_of(const char *name)
{
	for (unsigned i = 0; i < g.n_slots; i++)
		if (!strcmp(g.slots[i].name, name))
			return (int)i;
	return -1;
}

START_TEST(xml_from_tables)
{
	const char *x = g.xml;
	ck_assert_uint_eq(strlen(x), g.xml_len);
	ck_assert_ptr_nonnull(strstr(x, "<feature name=\"org.gnu.gdb.arm.core\">"));
	ck_assert_ptr_nonnull(strstr(x, "<reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\""));
	ck_assert_ptr_nonnull(strstr(x, "<reg name=\"pc\" bitsize=\"32\" regnum=\"15\""));
	/* every banked register of the regmap table, by its gdb name */
	for (unsigned id = 0; id < REGMAP_COUNT; id++) {
		const struct regmap_entry *e = regmap_get(id);
		char want[64];
		snprintf(want, sizeof want, "<reg name=\"%s\" bitsize=\"32\" regnum=\"%u\"",
			 e->gdb_name, e->gdb_regnum);
		ck_assert_msg(strstr(x, want), "missing %s", want);
	}
	/* the cp15 feature: HYP registers, 64-bit ones as 64-bit, banked
	 * ones three times */
	ck_assert_int_ge(slot_of("HSR"), 0);
	ck_assert_int_eq(slot_of("ELR_hyp"), -1); /* a core register, not cp15 */
	int httbr = slot_of("HTTBR");
	ck_assert_int_ge(httbr, 0);
	ck_assert_uint_eq(g.slots[httbr].width, 64);
	char want[96];
	snprintf(want, sizeof want, "<reg name=\"HTTBR\" bitsize=\"64\" regnum=\"%u\"",
		 GDB_SYSREG_BASE + (unsigned)httbr);
	ck_assert_ptr_nonnull(strstr(x, want));
	ck_assert_int_ge(slot_of("SCTLR"), 0);
	ck_assert_int_ge(slot_of("SCTLR_S"), 0);
	ck_assert_int_ge(slot_of("SCTLR_NS"), 0);
	/* every readable register the table shows to gdb is there */
	size_t n = sysreg_count();
	for (unsigned id = 0; id < n; id++) {
		const struct sysreg *r = sysreg_by_id(id);
		if ((r->access & (SR_OPERATION | SR_NO_GDB | SR_ALIAS)) ||
		    !(r->access & (SR_PL0_R | SR_PL1_R | SR_PL2_R)))
			continue;
		if (!sysreg_in_model(r, &cortex_a15_model) &&
		    !sysreg_in_model(r, &cortex_a7_model))
			continue;
		ck_assert_msg(slot_of(r->name) >= 0, "%s not in target.xml", r->name);
	}
	/* names are unique */
	for (unsigned i = 0; i < g.n_slots; i++)
		for (unsigned j = i + 1; j < g.n_slots; j++)
			ck_assert_str_ne(g.slots[i].name, g.slots[j].name);
	ck_assert_ptr_nonnull(strstr(x, "</target>"));
}
END_TEST

START_TEST(register_values)
{
	struct cpu *c0 = &m.cpus[0], *c1 = &m.cpus[1];
	uint8_t v[8];
	bool avail;
	/* MPIDR differs per core: cluster 1 on the second */
	int mpidr = slot_of("MPIDR");
	ck_assert_int_ge(mpidr, 0);
	unsigned num = GDB_SYSREG_BASE + (unsigned)mpidr;
	ck_assert_uint_eq(gdb_reg_get(&g, c0, num, v, &avail), 4);
	ck_assert(avail);
	ck_assert_uint_eq(v[1], 0x00);
	ck_assert_uint_eq(gdb_reg_get(&g, c1, num, v, &avail), 4);
	ck_assert_uint_eq(v[1], 0x01); /* Aff1 = cluster 1 */
	/* write HVBAR through gdb, read it through the table */
	unsigned hvbar = GDB_SYSREG_BASE + (unsigned)slot_of("HVBAR");
	const uint8_t w[4] = {0x20, 0x01, 0x00, 0x40};
	ck_assert(gdb_reg_set(&g, c0, hvbar, w, 4));
	uint64_t val;
	ck_assert(sysreg_peek(c0, sysreg_by_name("HVBAR"), 1, &val));
	ck_assert_uint_eq(val, 0x40000120u);
	ck_assert(!gdb_reg_set(&g, c0, hvbar, w, 8)); /* wrong size */
	/* core registers: r7 and a banked SP, cpsr mode changes */
	const uint8_t r7[4] = {0x78, 0x56, 0x34, 0x12};
	ck_assert(gdb_reg_set(&g, c0, 7, r7, 4));
	ck_assert_uint_eq(c0->r[7], 0x12345678u);
	unsigned sp_irq = regmap_get(REG_SP_IRQ)->gdb_regnum;
	const uint8_t sp[4] = {0x00, 0x10, 0x00, 0x40};
	ck_assert(gdb_reg_set(&g, c0, sp_irq, sp, 4));
	ck_assert_uint_eq(regmap_read(c0, REG_SP_IRQ), 0x40001000u);
	/* switching to IRQ mode puts SP_irq in view */
	uint8_t cpsr[4];
	ck_assert_uint_eq(gdb_reg_get(&g, c0, 25, cpsr, &avail), 4);
	cpsr[0] = (uint8_t)((cpsr[0] & ~0x1fu) | MODE_IRQ);
	ck_assert(gdb_reg_set(&g, c0, 25, cpsr, 4));
	ck_assert_uint_eq(c0->r[13], 0x40001000u);
	/* a reserved mode encoding is refused */
	cpsr[0] = (uint8_t)((cpsr[0] & ~0x1fu) | 0x14);
	ck_assert(!gdb_reg_set(&g, c0, 25, cpsr, 4));
	ck_assert_uint_eq(cpu_mode(c0), MODE_IRQ);
	/* unknown numbers */
	ck_assert_uint_eq(gdb_reg_get(&g, c0, 20, v, &avail), 0);
	ck_assert_uint_eq(gdb_reg_get(&g, c0, GDB_SYSREG_BASE + g.n_slots, v, &avail), 0);
}
END_TEST

static Suite *gdb_suite(void)
{
	Suite *s = suite_create("gdb_packet");
	TCase *t = tcase_create("framing");
	tcase_add_test(t, good_packet);
	tcase_add_test(t, bad_checksum);
	tcase_add_test(t, acks_and_interrupt);
	tcase_add_test(t, truncated_then_restart);
	tcase_add_test(t, oversize);
	tcase_add_test(t, escapes);
	tcase_add_test(t, frame_roundtrip);
	tcase_add_test(t, hex_helpers);
	suite_add_tcase(s, t);
	TCase *f = tcase_create("fuzz");
	tcase_set_timeout(f, 30);
	tcase_add_test(f, fuzz_random_bytes);
	suite_add_tcase(s, f);
	TCase *r = tcase_create("registers");
	tcase_add_checked_fixture(r, machine_setup, machine_teardown);
	tcase_add_test(r, xml_from_tables);
	tcase_add_test(r, register_values);
	suite_add_tcase(s, r);
	return s;
}

CHECK_MAIN(gdb_suite)
