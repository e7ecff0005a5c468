/* The hypsim trace file format, version 1: its records as C structures, the
 * encoder that writes them and the decoder that reads them back.
 *
 * File layout (all integers little-endian; "varint" is unsigned LEB128,
 * "svarint" a zigzag-mapped signed value as a varint):
 *
 *   header:  "HYPSIMTR", u32 version, u32 body length, u32 CRC-32C(body),
 *            body = varint flags, varint absent-fields mask,
 *                   str producer, str board, str options,
 *                   varint n_cores, n_cores x str model,
 *                   varint n_images, per image: str path, u8 hash kind
 *                     (0 none, 1 SHA-256) [, 32 bytes],
 *                   varint n_regs, per register (its index is its id):
 *                     str name, u8 group, u8 width (32/64), u8 alias view
 *                     (id of the view register that shows this banked
 *                     copy, 0xff none), varint alias modes (bit n: mode
 *                     0x10 + n), varint gdb number,
 *                   varint n_syms, per symbol: str name, varint addr,
 *                     varint size
 *            (str = varint length + bytes)
 *   blocks:  u8 'B', u32 payload length, u32 CRC-32C(payload), payload =
 *            whole records. The last block ends with the END record and
 *            nothing follows it; a file without it was cut short.
 *
 * Records (first byte):
 *   0x00-0x7f instruction, the byte's bits say which fields follow:
 *     TENC_SEQ     pc and icount are the expected ones (the PC that
 *                  followed the previous one last time, else previous pc +
 *                  size; previous icount + 1), so no deltas follow
 *     TENC_CACHED  the encoding is the one last seen at this pc on this
 *                  core (a 4096-entry direct-mapped cache both sides keep)
 *     TENC_MEM, TENC_EVENTS  memory accesses / events follow
 *     TENC_MODE    a mode byte follows (else: the core's previous mode)
 *     TENC_CORE    a core number follows (else: the previous record's)
 *     TENC_XFLAGS  a byte of TREC_F_NO_INSN / TREC_F_NO_POST follows
 *   then [core][xflags][svarint icount delta, svarint pc delta][mode]
 *   [u8 size code (1 T16, 2 A32, 3 T32) + 2 or 4 bytes of encoding]
 *   varint n_regs, n_regs x (varint id gap, svarint delta from the previous
 *   value of that register on that core, computed in the register's width)
 *   [varint n, n x memory access][varint n, n x event]
 *   0x80 snapshot: varint core, varint icount, u8 mode, varint n, n x
 *        (varint id gap, varint value): the complete state at that point;
 *        registers it leaves out are unknown from there on.
 *   0x81 string: varint id, varint length, bytes (maintenance op names)
 *   0x82 end: varint instruction records, varint records dropped by ring
 *        mode, u8 how the writer ended (enum trace_end_reason).
 *
 * Everything is delta-encoded against state both sides keep per core, so a
 * loop iteration costs a few bytes per instruction. */
#ifndef HYPSIM_TRACE_FORMAT_H
#define HYPSIM_TRACE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trace/trace.h"

#define TRACE_MAGIC "HYPSIMTR"
#define TRACE_MAGIC_LEN 8
#define TRACE_VERSION 1
#define TRACE_FILE_HEADER_LEN 20 /* magic, version, length, CRC */
#define TRACE_BLOCK_TAG 'B'
#define TRACE_BLOCK_HEADER_LEN 9
#define TRACE_BLOCK_MAX (256u * 1024u)   /* payload, writer's choice */
#define TRACE_BLOCK_LIMIT (16u << 20)     /* reader refuses larger */

/* header flags */
enum {
	TRACE_HDR_IMPORTED = 1u << 0, /* converted from another simulator */
	TRACE_HDR_RING = 1u << 1,     /* --trace-last: only the last records */
};

/* Fields the producer could not record (header "absent" mask). trace diff
 * does not compare a field absent from either side. */
enum {
	TRACE_ABSENT_MEM = 1u << 0,
	TRACE_ABSENT_EVENTS = 1u << 1,
	TRACE_ABSENT_ENCODING = 1u << 2,
	TRACE_ABSENT_BANKED = 1u << 3,
	TRACE_ABSENT_SYSREGS = 1u << 4,  /* also system-register write events */
	TRACE_ABSENT_MAINT = 1u << 5,    /* cache/TLB maintenance events */
	TRACE_ABSENT_EXC_DETAIL = 1u << 6, /* exceptions' return and fault
					    * addresses (QEMU's -d int) */
};

enum trace_end_reason {
	TRACE_END_NORMAL = 0,
	TRACE_END_SIGNAL = 1, /* trace_writer_close_from_signal */
	/* a write failed (a full disk): the file was cut back to the last
	 * buffer written whole, and this end record follows it */
	TRACE_END_WRITE_ERROR = 2,
};

/* record bytes */
enum {
	TENC_SEQ = 1u << 0,
	TENC_CACHED = 1u << 1,
	TENC_MEM = 1u << 2,
	TENC_EVENTS = 1u << 3,
	TENC_MODE = 1u << 4,
	TENC_CORE = 1u << 5,
	TENC_XFLAGS = 1u << 6,
	TENC_SNAPSHOT = 0x80,
	TENC_STRING = 0x81,
	TENC_END = 0x82,
};

#define TRACE_ENC_CACHE_SIZE 4096u
#define TRACE_HASH_NONE 0
#define TRACE_HASH_SHA256 1

struct trace_reg_desc {
	char *name;
	uint8_t group; /* enum regmap_group */
	uint8_t width; /* 32 or 64 */
	uint8_t alias_view;   /* id of the view register showing it, 0xff none */
	uint16_t alias_modes; /* in these modes (bit n = mode 0x10 + n) */
	uint32_t gdb_regnum;
};

struct trace_image {
	char *path;
	uint8_t hash_kind;
	uint8_t hash[32];
};

/* A file's header, as read, or as a producer fills it before writing. */
struct trace_header {
	uint32_t version;
	uint32_t flags;  /* TRACE_HDR_* */
	uint32_t absent; /* TRACE_ABSENT_* */
	char *producer, *board, *options;
	unsigned n_cores;
	char **core_models;
	unsigned n_images;
	struct trace_image *images;
	unsigned n_regs;
	struct trace_reg_desc *regs;
	size_t n_syms;
	struct trace_symbol *syms; /* sorted by address */
};

void trace_header_free(struct trace_header *h);
/* Register table of this build: the core registers (regmap.h), every
 * system register (sysreg.h), then the floating-point registers D0-D31
 * (64-bit), FPSCR, FPEXC (regmap.h regmap_fp_*), ids in that order. A
 * file written before the floating-point registers were added simply has
 * none: readers take the table from the header. */
bool trace_header_fill_regs(struct trace_header *h);
/* Id of a register by name (case-insensitive; R13-R15 for SP/LR/PC), or
 * -1. */
int trace_header_find_reg(const struct trace_header *h, const char *name);
/* The symbol containing addr (or the nearest below it when sizes are 0),
 * or NULL. */
const struct trace_symbol *trace_header_symbol(const struct trace_header *h,
					       uint64_t addr);

/* ---- records ---- */

enum trace_rec_kind { TREC_INSN, TREC_SNAPSHOT };

enum {
	TREC_F_NO_INSN = 1u << 0, /* an exception taken between instructions */
	TREC_F_NO_POST = 1u << 1, /* state after the record is not known */
	TREC_F_THUMB = 1u << 2,   /* decoded: executed in Thumb state */
};

struct trace_reg_val {
	uint32_t id;
	uint64_t value;
	uint64_t old; /* filled by the decoder and the ring; not encoded */
};

struct trace_mem {
	uint32_t va;
	uint8_t size; /* 1, 2, 4, 8 */
	uint8_t is_write;
	uint64_t pa;
	uint64_t value;
};

enum trace_event_type { TEV_EXCEPTION, TEV_SYSREG, TEV_MAINT, TEV_COUNT };

struct trace_event {
	uint8_t type;
	union {
		struct {
			uint32_t kind, from_mode, to_mode;
			uint32_t return_addr, vector, syndrome, fault_addr;
		} exc;
		struct {
			uint32_t id; /* trace register id */
			uint64_t old_val, new_val;
		} sysreg;
		struct {
			const char *op;
			uint32_t arg, removed;
		} maint;
	} u;
};

struct trace_record {
	uint8_t kind;  /* enum trace_rec_kind */
	uint8_t flags; /* TREC_F_* */
	uint8_t mode;  /* CPSR.M when it started */
	uint8_t enc_size; /* 0 (none), 2 or 4 */
	unsigned core;
	uint64_t icount; /* instructions this core retired before it */
	uint32_t pc;
	uint32_t enc; /* T32 32-bit: first halfword in bits [31:16] */
	unsigned n_regs; /* changed registers; for a snapshot, all of them */
	struct trace_reg_val *regs;
	unsigned n_mem;
	struct trace_mem *mem;
	unsigned n_ev;
	struct trace_event *ev;
};

/* Upper bound of the bytes trace_encode_record can produce for r. */
size_t trace_encode_bound(const struct trace_record *r);

/* ---- encoder/decoder shared state (one per file) ---- */

struct trace_enc_cache_entry {
	uint32_t pc, enc;
	uint32_t succ;    /* the PC that followed this one last time */
	uint8_t code;     /* size code; 0 = empty */
	uint8_t has_succ;
};

struct trace_core_state {
	uint64_t next_icount;
	uint32_t next_pc; /* predicted PC of the next record */
	uint32_t prev_pc; /* PC of the previous instruction record … */
	bool prev_valid;  /* … if the successor can be learnt from it */
	/* encoder: prev_pc's encoding-cache entry */
	struct trace_enc_cache_entry *prev_ce;
	uint32_t last_mem_va;
	uint8_t mode;
	uint64_t *values; /* n_regs: last value of each register */
	uint8_t *known;   /* n_regs: value is known */
	struct trace_enc_cache_entry *cache;
};

struct trace_codec {
	unsigned n_cores, n_regs;
	const uint8_t *widths; /* n_regs */
	uint8_t *width_buf;
	struct trace_core_state *cores;
	unsigned cur_core;
	/* strings: encoder interns op names, decoder stores them */
	struct trace_string { const char *s; char *owned; } *strings;
	unsigned n_strings, cap_strings;
};

/* After an instruction record (both sides call it with the same values):
 * learn it as the successor of the previous one, and predict the next PC
 * — the successor seen last time at this PC, else the next instruction.
 * A loop then costs no PC deltas at all. */
void trace_codec_after_insn(struct trace_core_state *cs,
			    const struct trace_record *r);

bool trace_codec_init(struct trace_codec *c, const struct trace_header *h);
void trace_codec_free(struct trace_codec *c);

/* Encode r at out (at least trace_encode_bound(r) bytes, plus 4 KiB+16 for
 * a string record when r carries a maintenance op not seen before).
 * Returns the bytes written. The codec's per-core state advances. */
size_t trace_encode_record(struct trace_codec *c, const struct trace_record *r,
			   uint8_t *out);
size_t trace_encode_end(uint8_t *out, uint64_t n_insn, uint64_t dropped,
			unsigned reason);

/* ---- primitives ---- */

uint32_t trace_crc32c(uint32_t crc, const void *buf, size_t len);
/* The table-driven version, whatever the host has (for tests). */
uint32_t trace_crc32c_sw(uint32_t crc, const void *buf, size_t len);
void trace_sha256(const void *data, size_t len, uint8_t out[32]);

static inline size_t trace_put_varint(uint8_t *p, uint64_t v)
{
	if (v < 0x80) {
		p[0] = (uint8_t)v;
		return 1;
	}
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

static inline uint64_t trace_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t trace_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static inline void trace_put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline uint32_t trace_get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Serialize a header body into a malloc'd buffer; NULL on failure. */
uint8_t *trace_header_serialize(const struct trace_header *h, size_t *len);

/* The difference of two values in a register of `width` bits, sign
 * extended, and its inverse. */
static inline int64_t trace_reg_delta(uint64_t new_v, uint64_t old_v,
				      unsigned width)
{
	if (width == 32)
		return (int64_t)(int32_t)(uint32_t)(new_v - old_v);
	return (int64_t)(new_v - old_v);
}
static inline uint64_t trace_reg_apply(uint64_t old_v, int64_t d,
				       unsigned width)
{
	uint64_t v = old_v + (uint64_t)d;
	return width == 32 ? (uint32_t)v : v;
}

/* ---- planned records ---- */

/* What is constant in the records of one instruction at one address: a
 * writer's per-block plan holds one for each instruction of a block
 * (writer.c), filled by trace_plan_insn once per block build. */
struct trace_planned_insn {
	uint32_t pc;
	uint32_t enc;       /* as trace_record.enc */
	uint16_t cache_idx; /* its entry of the encoding cache */
	uint8_t code;       /* size code: 1 T16, 2 A32, 3 T32 */
	uint8_t code_byte;  /* the byte before the encoding: code | thumb << 2 */
	uint8_t size;       /* 2 or 4: the next PC when nothing is learnt */
};
_Static_assert(offsetof(struct trace_planned_insn, enc) == 4 &&
		       offsetof(struct trace_enc_cache_entry, pc) == 0 &&
		       offsetof(struct trace_enc_cache_entry, enc) == 4,
	       "trace_planned_head compares pc and enc as 8 bytes");
void trace_plan_insn(struct trace_planned_insn *pi, uint32_t pc, uint32_t enc,
		     unsigned size, bool thumb);
/* The bytes trace_encode_record writes for an instruction record of
 * pi's instruction on `core` without flags other than TREC_F_THUMB (pi's
 * instruction set), memory accesses or events, whose changed registers
 * are the core registers ids[0..n) (increasing) with values vals[], with
 * the same changes to the codec's state; at most
 * TRACE_PLANNED_BOUND(n) bytes. */
size_t trace_encode_planned(struct trace_codec *c,
			    const struct trace_planned_insn *pi, unsigned core,
			    uint64_t icount, unsigned mode, const uint8_t *ids,
			    const uint32_t *vals, unsigned n, uint8_t *out);
/* trace_encode_bound of such a record: the sink closes its blocks by it,
 * so both must agree for the files to be the same; a memory access adds
 * TRACE_MEM_BOUND. */
#define TRACE_PLANNED_BOUND(n) (64u + (size_t)(n) * 16u)
#define TRACE_MEM_BOUND 32u

/* The memory accesses of an instruction record (after its registers;
 * the record's header byte gets TENC_MEM), with the codec's last
 * address moving along: trace_encode_record's and the planned records'
 * one encoder. */
static inline uint8_t *trace_encode_mems(struct trace_core_state *cs,
					 const struct trace_mem *m, unsigned n,
					 uint8_t *p)
{
	p += trace_put_varint(p, n);
	for (unsigned i = 0; i < n; i++, m++) {
		bool same = m->pa == m->va;
		unsigned code = m->size == 1 ? 0 : m->size == 2 ? 1
					   : m->size == 8 ? 3 : 2;
		*p++ = (uint8_t)(code | (m->is_write ? 4u : 0u) |
				 (same ? 8u : 0u));
		p += trace_put_varint(p, trace_zigzag((int32_t)(m->va -
							     cs->last_mem_va)));
		cs->last_mem_va = m->va;
		if (!same)
			p += trace_put_varint(p, m->pa);
		p += trace_put_varint(p, m->value);
	}
	return p;
}

/* A planned record's encoding: TENC_CACHED in *hdr when the encoding
 * cache's entry holds it (pc and enc lead both structures: one 8-byte
 * compare), else its code byte and encoding, and the entry updated. */
static inline __attribute__((always_inline)) uint8_t *
trace_planned_encoding(struct trace_enc_cache_entry *ce,
		       const struct trace_planned_insn *pi, uint32_t pc,
		       uint8_t *p, unsigned *hdr)
{
	if (__builtin_expect(memcmp(ce, pi, 8) == 0 && ce->code == pi->code,
			     1)) {
		*hdr |= TENC_CACHED;
	} else {
		*p++ = pi->code_byte;
		if (pi->code == 1) {
			p[0] = (uint8_t)pi->enc;
			p[1] = (uint8_t)(pi->enc >> 8);
			p += 2;
		} else {
			trace_put_u32(p, pi->enc);
			p += 4;
		}
		ce->pc = pc;
		ce->enc = pi->enc;
		ce->code = pi->code;
		ce->has_succ = 0;
	}
	return p;
}

/* trace_encode_planned in pieces, for a writer that encodes the registers
 * itself: the header byte and the fields before the register count
 * (returns where the count goes; the header byte is complete), then per
 * register trace_planned_reg, then trace_planned_end; cs is the codec's
 * state of core, ce its encoding-cache entry for pi (cache_idx). */
static inline __attribute__((always_inline)) uint8_t *
trace_planned_head(struct trace_codec *c, struct trace_core_state *cs,
		   struct trace_enc_cache_entry *ce,
		   const struct trace_planned_insn *pi, unsigned core,
		   uint64_t icount, unsigned mode, uint8_t *out)
{
	const uint32_t pc = pi->pc;
	uint8_t *p = out + 1;
	unsigned hdr = 0;
	if (__builtin_expect(core != c->cur_core, 0)) {
		hdr |= TENC_CORE;
		p += trace_put_varint(p, core);
		c->cur_core = core;
	}
	if (__builtin_expect(icount == cs->next_icount && pc == cs->next_pc, 1)) {
		hdr |= TENC_SEQ;
	} else {
		p += trace_put_varint(p, trace_zigzag((int64_t)(icount -
								cs->next_icount)));
		p += trace_put_varint(p, trace_zigzag((int32_t)(pc - cs->next_pc)));
	}
	if (__builtin_expect(mode != cs->mode, 0)) {
		hdr |= TENC_MODE;
		*p++ = (uint8_t)mode;
		cs->mode = (uint8_t)mode;
	}
	p = trace_planned_encoding(ce, pi, pc, p, &hdr);
	out[0] = (uint8_t)hdr;
	return p;
}

/* trace_planned_head for a record that follows one trace_planned_head
 * and trace_planned_end just made on the same core in the same mode, with
 * the next icount (a batch of records, writer.c): the same bytes, without
 * the tests those make certain. */
static inline __attribute__((always_inline)) uint8_t *
trace_planned_head_next(struct trace_core_state *cs,
			struct trace_enc_cache_entry *ce,
			const struct trace_planned_insn *pi, uint8_t *out)
{
	const uint32_t pc = pi->pc;
	uint8_t *p = out + 1;
	unsigned hdr = 0;
	if (__builtin_expect(pc == cs->next_pc, 1)) {
		hdr |= TENC_SEQ;
	} else {
		*p++ = 0; /* the icount delta */
		p += trace_put_varint(p, trace_zigzag((int32_t)(pc - cs->next_pc)));
	}
	p = trace_planned_encoding(ce, pi, pc, p, &hdr);
	out[0] = (uint8_t)hdr;
	return p;
}

/* trace_put_varint of a value below 2^32, the same bytes, without a loop:
 * the five 7-bit groups spread to bytes, the continuation bits of all but
 * the last, one 8-byte store. It writes up to 3 bytes past the varint, so
 * the caller's buffer must have them (a planned record's bound leaves
 * more than that). */
static inline uint8_t *trace_put_varint32(uint8_t *p, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* by the number of leading zeros: the varint's length, and its
	 * continuation bits */
	static const uint8_t len[32] = {
		5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3,
		3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
	};
	static const uint32_t cont[6] = {
		0, 0, 0x80u, 0x8080u, 0x808080u, 0x80808080u,
	};
	unsigned z = (unsigned)__builtin_clz(v | 1u);
	uint64_t x = (uint64_t)(v & 0x7fu) | (uint64_t)(v & 0x3f80u) << 1 |
		     (uint64_t)(v & 0x1fc000u) << 2 |
		     (uint64_t)(v & 0xfe00000u) << 3 |
		     (uint64_t)(v & 0xf0000000u) << 4;
	x |= cont[len[z]];
	memcpy(p, &x, 8);
	return p + len[z];
#else
	return p + trace_put_varint(p, v);
#endif
}

/* One changed core register (32 bits): id after the previous one's
 * (*prev: the previous id + 1, 0 before the first), its new value v.
 * The delta is an int32_t, so its zigzag fits 32 bits. */
static inline __attribute__((always_inline)) uint8_t *
trace_planned_reg(struct trace_core_state *cs, uint8_t *p, unsigned id,
		  uint32_t v, unsigned *prev)
{
	*p++ = (uint8_t)(id - *prev); /* < REGMAP_COUNT < 128: one byte */
	uint32_t d = v - (uint32_t)cs->values[id];
	p = trace_put_varint32(p, (d << 1) ^ (uint32_t)((int32_t)d >> 31));
	cs->values[id] = v;
	*prev = id + 1;
	return p;
}

/* trace_planned_end after trace_planned_head_next: the previous record,
 * just made, left prev_valid set. */
static inline __attribute__((always_inline)) void
trace_planned_end_next(struct trace_core_state *cs,
		       struct trace_enc_cache_entry *ce,
		       const struct trace_planned_insn *pi, uint64_t icount)
{
	const uint32_t pc = pi->pc;
	struct trace_enc_cache_entry *pe = cs->prev_ce;
	cs->next_icount = icount + 1;
	if (pe->code && pe->pc == cs->prev_pc) {
		pe->succ = pc;
		pe->has_succ = 1;
	}
	cs->next_pc = ce->has_succ ? ce->succ : pc + pi->size;
	cs->prev_pc = pc;
	cs->prev_ce = ce;
}

/* trace_codec_after_insn for it. */
static inline __attribute__((always_inline)) void
trace_planned_end(struct trace_core_state *cs,
		  struct trace_enc_cache_entry *ce,
		  const struct trace_planned_insn *pi, uint64_t icount)
{
	const uint32_t pc = pi->pc;
	cs->next_icount = icount + 1;
	if (cs->prev_valid) {
		struct trace_enc_cache_entry *pe = cs->prev_ce;
		if (pe->code && pe->pc == cs->prev_pc) {
			pe->succ = pc;
			pe->has_succ = 1;
		}
	}
	/* ce holds this instruction now (found or stored) */
	cs->next_pc = ce->has_succ ? ce->succ : pc + pi->size;
	cs->prev_pc = pc;
	cs->prev_ce = ce;
	cs->prev_valid = true;
}

#endif
