/* Known-difference masks (mask.h): parsing and matching. */
#include "trace/mask.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trace/tools.h"

static bool parse_num(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (end == s || *end || errno || s[0] == '-')
		return false;
	*v = x;
	return true;
}

/* bits=H:L or bits=0xMASK */
static bool parse_bits(const char *s, uint64_t *bits)
{
	const char *colon = strchr(s, ':');
	if (!colon)
		return parse_num(s, bits) && *bits != 0;
	char hi_s[16];
	size_t n = (size_t)(colon - s);
	if (n == 0 || n >= sizeof(hi_s))
		return false;
	memcpy(hi_s, s, n);
	hi_s[n] = 0;
	uint64_t hi, lo;
	if (!parse_num(hi_s, &hi) || !parse_num(colon + 1, &lo) || hi > 63 ||
	    lo > hi)
		return false;
	uint64_t width = hi - lo + 1;
	*bits = (width == 64 ? ~0ull : ((1ull << width) - 1)) << lo;
	return true;
}

static bool parse_range(struct trace_mask *m, const char *s)
{
	m->has_range = true;
	/* a second at= on the line replaces the first (whose symbol was
	 * leaked before: found by fuzz_mask) */
	free(m->range_sym);
	m->range_sym = NULL;
	const char *dash = strchr(s, '-');
	uint64_t lo, hi;
	if (!isdigit((unsigned char)s[0])) {
		m->range_sym = strdup(s);
		return m->range_sym != NULL;
	}
	if (dash) {
		char lo_s[32];
		size_t n = (size_t)(dash - s);
		if (n == 0 || n >= sizeof(lo_s))
			return false;
		memcpy(lo_s, s, n);
		lo_s[n] = 0;
		if (!parse_num(lo_s, &lo) || !parse_num(dash + 1, &hi) ||
		    hi < lo || hi > UINT32_MAX)
			return false;
	} else {
		if (!parse_num(s, &lo) || lo > UINT32_MAX)
			return false;
		hi = lo;
	}
	m->lo = (uint32_t)lo;
	m->hi = (uint32_t)hi;
	return true;
}

static const char *const exc_names[] = {
	"RESET", "UNDEF", "SVC", "SMC", "HVC", "PABT", "DABT",
	"IRQ", "FIQ", "HYP_TRAP", "VIRQ", "VFIQ", "VABT",
};

static bool parse_class(struct trace_mask *m, const char *s)
{
	static const struct {
		const char *name;
		int cls;
	} classes[] = {
		{ "semihosting", MC_SEMIHOSTING }, { "svc", MC_SVC },
		{ "hvc", MC_HVC }, { "smc", MC_SMC }, { "mrc", MC_MRC },
		{ "mrrc", MC_MRRC }, { "vmrs", MC_VMRS },
	};
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strcasecmp(s, classes[i].name) == 0) {
			m->cls = classes[i].cls;
			return true;
		}
	}
	if (strncasecmp(s, "insn=", 5) == 0) {
		const char *slash = strchr(s, '/');
		char v[32];
		uint64_t val, mask;
		size_t n = slash ? (size_t)(slash - s - 5) : 0;
		if (!slash || n == 0 || n >= sizeof(v))
			return false;
		memcpy(v, s + 5, n);
		v[n] = 0;
		if (!parse_num(v, &val) || !parse_num(slash + 1, &mask) ||
		    val > UINT32_MAX || mask > UINT32_MAX)
			return false;
		m->cls = MC_INSN;
		m->ivalue = (uint32_t)(val & mask);
		m->imask = (uint32_t)mask;
		return true;
	}
	if (strncasecmp(s, "mrc=", 4) == 0) {
		/* p15,OP1,cN,cM,OP2 -> the A32 MRC encoding's fields
		 * (A8.8.108): opc1 [23:21], CRn [19:16], coproc [11:8], opc2
		 * [7:5], CRm [3:0]; T32 has the same fields in hw1:hw2. */
		unsigned cp, op1, crn, crm, op2;
		if (sscanf(s + 4, "p%u,%u,c%u,c%u,%u", &cp, &op1, &crn, &crm, &op2) != 5 ||
		    cp > 15 || op1 > 7 || crn > 15 || crm > 15 || op2 > 7)
			return false;
		m->cls = MC_INSN;
		m->ivalue = 0x0e100010u | op1 << 21 | crn << 16 | cp << 8 | op2 << 5 | crm;
		m->imask = 0x0fff0fffu; /* all but cond and Rt */
		return true;
	}
	return false;
}

bool trace_masks_load(struct trace_masks *ms, const char *path, char *err,
		      size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned no = 0;
	bool ok = true;
	while (ok && getline(&line, &cap, f) >= 0) {
		no++;
		line[strcspn(line, "\r\n")] = 0;
		char *reason = strstr(line, " -- ");
		if (reason) {
			*reason = 0;
			reason += 4;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *save = NULL;
		char *kw = strtok_r(line, " \t", &save);
		if (!kw)
			continue;
		struct trace_mask m = { .reg_id = -1, .bits = ~0ull, .exc_kind = -1 };
		const char *why = NULL;
		if (strcmp(kw, "start") == 0)
			m.kind = MASK_START;
		else if (strcmp(kw, "reg") == 0)
			m.kind = MASK_REG;
		else if (strcmp(kw, "after") == 0)
			m.kind = MASK_AFTER;
		else if (strcmp(kw, "exception") == 0)
			m.kind = MASK_EXCEPTION;
		else
			why = "a mask is start, reg, after or exception";
		if (!why && m.kind == MASK_AFTER) {
			char *c = strtok_r(NULL, " \t", &save);
			if (!c || !parse_class(&m, c))
				why = "after needs a class (semihosting, svc, hvc, smc, "
				      "mrc, mrrc, vmrs, mrc=p15,OP1,cN,cM,OP2, "
				      "insn=VALUE/MASK)";
		}
		if (!why && m.kind == MASK_EXCEPTION) {
			char *fl = strtok_r(NULL, " \t", &save);
			if (!fl)
				why = "exception needs a field";
			else if (strcmp(fl, "syndrome") == 0)
				m.field = MF_SYNDROME;
			else if (strcmp(fl, "far") == 0)
				m.field = MF_FAR;
			else if (strcmp(fl, "vector") == 0)
				m.field = MF_VECTOR;
			else if (strcmp(fl, "return") == 0)
				m.field = MF_RETURN;
			else
				why = "exception fields: syndrome, far, vector, return";
		} else if (!why) {
			char *r = strtok_r(NULL, " \t", &save);
			if (!r || strchr(r, '='))
				why = "a register name is needed";
			else if (!(m.reg = strdup(r)))
				why = "out of memory";
		}
		for (char *t; !why && (t = strtok_r(NULL, " \t", &save));) {
			if (strncmp(t, "bits=", 5) == 0) {
				if (!parse_bits(t + 5, &m.bits))
					why = "bits=HI:LO or bits=MASK";
			} else if (strncmp(t, "at=", 3) == 0 && m.kind != MASK_START) {
				if (!parse_range(&m, t + 3))
					why = "at=PC, at=LO-HI or at=SYMBOL";
			} else if (strncmp(t, "kind=", 5) == 0 &&
				   m.kind == MASK_EXCEPTION) {
				for (size_t k = 0; k < sizeof(exc_names) / sizeof(exc_names[0]); k++)
					if (strcasecmp(t + 5, exc_names[k]) == 0)
						m.exc_kind = (int)k;
				if (m.exc_kind < 0)
					why = "unknown exception kind";
			} else {
				why = "unknown option";
			}
		}
		if (!why) {
			char where[64];
			snprintf(where, sizeof(where), "%.48s:%u",
				 strrchr(path, '/') ? strrchr(path, '/') + 1 : path, no);
			m.where = strdup(where);
			m.reason = strdup(reason ? reason : "");
			struct trace_mask *nm = realloc(ms->m, (ms->n + 1) * sizeof(*nm));
			if (!nm || !m.where || !m.reason) {
				why = "out of memory";
			} else {
				ms->m = nm;
				ms->m[ms->n++] = m;
				continue;
			}
		}
		snprintf(err, errlen, "%s:%u: %s", path, no, why);
		free(m.reg);
		free(m.range_sym);
		free(m.where);
		free(m.reason);
		ok = false;
	}
	free(line);
	fclose(f);
	return ok;
}

static const struct trace_symbol *find_sym(const struct trace_header *h,
					   const char *name)
{
	for (size_t i = 0; h && i < h->n_syms; i++)
		if (strcmp(h->syms[i].name, name) == 0)
			return &h->syms[i];
	return NULL;
}

bool trace_masks_resolve(struct trace_masks *ms, const struct trace_header *ha,
			 const struct trace_header *hb, char *err,
			 size_t errlen)
{
	for (unsigned i = 0; i < ms->n; i++) {
		struct trace_mask *m = &ms->m[i];
		if (m->reg && strcasecmp(m->reg, "Rt") != 0) {
			m->reg_id = trace_header_find_reg(ha, m->reg);
			if (m->reg_id < 0 && trace_header_find_reg(hb, m->reg) < 0) {
				snprintf(err, errlen, "%s: '%s' is not a register of "
						      "the traces", m->where, m->reg);
				return false;
			}
		}
		if (m->range_sym) {
			const struct trace_symbol *s = find_sym(ha, m->range_sym);
			if (!s)
				s = find_sym(hb, m->range_sym);
			if (!s) {
				/* a symbol of another image: never matches */
				m->lo = 1;
				m->hi = 0;
				continue;
			}
			m->lo = (uint32_t)s->addr;
			m->hi = (uint32_t)(s->addr + (s->size ? s->size - 1 : 0));
		}
	}
	return true;
}

void trace_masks_free(struct trace_masks *ms)
{
	for (unsigned i = 0; i < ms->n; i++) {
		free(ms->m[i].reg);
		free(ms->m[i].range_sym);
		free(ms->m[i].reason);
		free(ms->m[i].where);
	}
	free(ms->m);
	ms->m = NULL;
	ms->n = 0;
}

static bool in_range(const struct trace_mask *m, uint32_t pc)
{
	return !m->has_range || (pc >= m->lo && pc <= m->hi);
}

bool trace_mask_class_match(const struct trace_mask *m,
			    const struct trace_record *r)
{
	if (!r || r->kind != TREC_INSN || (r->flags & TREC_F_NO_INSN) ||
	    r->enc_size == 0)
		return false;
	uint32_t e = r->enc;
	bool t = r->flags & TREC_F_THUMB;
	bool t16 = t && r->enc_size == 2;
	switch (m->cls) {
	case MC_SEMIHOSTING:
		/* the ARM semihosting traps (IHI 0056, "The semihosting
		 * interface"): SVC 0x123456 / 0xAB, HLT 0xF000 / 0x3C, and
		 * BKPT 0xAB on M-profile-style Thumb code */
		if (t16)
			return e == 0xdfab || e == 0xbabc || e == 0xbeab;
		if (t)
			return false;
		return (e & 0x0fffffff) == 0x0f123456 ||
		       (e & 0x0fffffff) == 0x010f0070;
	case MC_SVC:
		return t16 ? (e & 0xff00) == 0xdf00 : !t && (e & 0x0f000000) == 0x0f000000;
	case MC_HVC: /* A8.8.68 / B9.3.4 */
		if (t)
			return !t16 && (e & 0xfff0f000) == 0xf7e08000;
		return (e & 0x0ff000f0) == 0x01400070;
	case MC_SMC: /* B9.3.14 */
		if (t)
			return !t16 && (e & 0xfff0f000) == 0xf7f08000;
		return (e & 0x0ff000f0) == 0x01600070;
	case MC_MRC:
		if (t)
			return !t16 && (e & 0xef100010) == 0xee100010;
		return (e & 0x0f100010) == 0x0e100010;
	case MC_MRRC:
		if (t)
			return !t16 && (e & 0xeff00000) == 0xec500000;
		return (e & 0x0ff00000) == 0x0c500000;
	case MC_VMRS:
		if (t)
			return !t16 && (e & 0xefff0fff) == 0xeef00a10;
		return (e & 0x0fff0fff) == 0x0ef00a10;
	case MC_INSN:
		if (t) {
			/* T32 coprocessor encodings carry the A32 fields in
			 * the same places, with 1110/1111 where the
			 * condition is */
			if (t16)
				return (e & m->imask) == m->ivalue;
			return ((e & 0x0fffffff) & m->imask) ==
			       (m->ivalue & 0x0fffffff & m->imask);
		}
		return (e & m->imask) == m->ivalue;
	}
	return false;
}

static int rt_of(const struct trace_record *r)
{
	return (int)((r->enc >> 12) & 0xf);
}

uint64_t trace_masks_reg(struct trace_masks *ms, uint32_t id,
			 const struct trace_record *ra,
			 const struct trace_record *rb, struct trace_mask **by)
{
	uint64_t bits = 0;
	for (unsigned i = 0; i < ms->n; i++) {
		struct trace_mask *m = &ms->m[i];
		if (m->kind != MASK_REG && m->kind != MASK_AFTER)
			continue;
		bool hit = false;
		for (int s = 0; s < 2 && !hit; s++) {
			const struct trace_record *r = s ? rb : ra;
			if (!r || !in_range(m, r->pc))
				continue;
			if (m->kind == MASK_REG) {
				hit = m->reg_id >= 0 && (uint32_t)m->reg_id == id;
				continue;
			}
			if (!trace_mask_class_match(m, r))
				continue;
			if (m->reg_id >= 0)
				hit = (uint32_t)m->reg_id == id;
			else /* Rt: a core register, id = its number */
				hit = rt_of(r) < 15 && (uint32_t)rt_of(r) == id;
		}
		if (hit && (m->bits & ~bits)) {
			bits |= m->bits;
			*by = m;
		}
	}
	return bits;
}

uint64_t trace_masks_exc(struct trace_masks *ms, int field, unsigned kind,
			 uint32_t pc, struct trace_mask **by)
{
	uint64_t bits = 0;
	for (unsigned i = 0; i < ms->n; i++) {
		struct trace_mask *m = &ms->m[i];
		if (m->kind != MASK_EXCEPTION || m->field != field ||
		    (m->exc_kind >= 0 && (unsigned)m->exc_kind != kind) ||
		    !in_range(m, pc))
			continue;
		bits |= m->bits;
		*by = m;
	}
	return bits;
}

uint64_t trace_masks_start(const struct trace_masks *ms, uint32_t id)
{
	uint64_t bits = 0;
	for (unsigned i = 0; i < ms->n; i++)
		if (ms->m[i].kind == MASK_START && ms->m[i].reg_id >= 0 &&
		    (uint32_t)ms->m[i].reg_id == id)
			bits |= ms->m[i].bits;
	return bits;
}

void trace_masks_report(const struct trace_masks *ms, FILE *out)
{
	for (unsigned i = 0; i < ms->n; i++)
		if (ms->m[i].used)
			fprintf(out, "masked: %" PRIu64 " difference%s by %s%s%s\n",
				ms->m[i].used, ms->m[i].used == 1 ? "" : "s",
				ms->m[i].where, ms->m[i].reason[0] ? ": " : "",
				ms->m[i].reason);
}
