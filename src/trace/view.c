/* Ranges of records, per-core register state and what follows from it:
 * the translation regime, the VMID and the condition check (view.h). */
#include "trace/view.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/regmap.h"

/* ---- --from / --to ---- */

bool trace_bound_parse(const char *s, struct trace_bound *b)
{
	memset(b, 0, sizeof(*b));
	const char *num = s;
	b->kind = TB_PC;
	if (strncmp(s, "icount:", 7) == 0) {
		num = s + 7;
		b->kind = TB_ICOUNT;
	} else if (s[0] == '#') {
		num = s + 1;
		b->kind = TB_ICOUNT;
	} else if (!(s[0] >= '0' && s[0] <= '9')) {
		if (!s[0])
			return false;
		b->symbol = s;
		return true;
	}
	char *end;
	errno = 0;
	unsigned long long v = strtoull(num, &end, 0);
	if (end == num || *end || errno || num[0] == '-')
		return false;
	b->value = v;
	return true;
}

bool trace_bound_resolve(struct trace_bound *b, const struct trace_header *h,
			 char *err, size_t errlen)
{
	if (!b->symbol)
		return true;
	for (size_t i = 0; i < h->n_syms; i++) {
		if (strcmp(h->syms[i].name, b->symbol) == 0) {
			b->value = h->syms[i].addr;
			b->symbol = NULL;
			return true;
		}
	}
	snprintf(err, errlen, "'%s' is not a symbol of the trace (use an "
			      "address or icount:N)", b->symbol);
	return false;
}

bool trace_range_init(struct trace_range *r, const struct trace_bound *from,
		      const struct trace_bound *to, unsigned n_cores)
{
	memset(r, 0, sizeof(*r));
	if (from)
		r->from = *from;
	if (to)
		r->to = *to;
	r->n_cores = n_cores;
	r->state = calloc(n_cores ? n_cores : 1, 1);
	return r->state != NULL;
}

void trace_range_free(struct trace_range *r)
{
	free(r->state);
	r->state = NULL;
}

static bool bound_met(const struct trace_bound *b,
		      const struct trace_record *rec, bool at_least)
{
	if (b->kind == TB_ICOUNT)
		return at_least ? rec->icount >= b->value
				: rec->icount == b->value;
	return (rec->flags & TREC_F_NO_INSN) == 0 && rec->pc == b->value;
}

bool trace_range_keep(struct trace_range *r, const struct trace_record *rec)
{
	if (rec->kind != TREC_INSN)
		return false;
	if (rec->core >= r->n_cores)
		return false;
	uint8_t *st = &r->state[rec->core];
	if (*st == 0) {
		if (r->from.kind != TB_NONE && !bound_met(&r->from, rec, true))
			return false;
		*st = 1;
	}
	if (*st == 2)
		return false;
	/* --to icount:N keeps up to N even when N itself was an exception
	 * entry of its own (no instruction); --to PC stops after it. */
	if (r->to.kind == TB_ICOUNT && rec->icount > r->to.value) {
		*st = 2;
		return false;
	}
	if (r->to.kind != TB_NONE && bound_met(&r->to, rec, false) &&
	    !(r->to.kind == TB_ICOUNT && (rec->flags & TREC_F_NO_INSN)))
		*st = 2;
	return true;
}

/* ---- per-core state ---- */

bool trace_state_init(struct trace_state *s, const struct trace_header *h)
{
	memset(s, 0, sizeof(*s));
	s->n_cores = h->n_cores;
	s->n_regs = h->n_regs;
	s->val = calloc(h->n_cores + 1, sizeof(*s->val));
	s->known = calloc(h->n_cores + 1, sizeof(*s->known));
	if (!s->val || !s->known)
		return false;
	for (unsigned c = 0; c < h->n_cores; c++) {
		s->val[c] = calloc(h->n_regs + 1, sizeof(uint64_t));
		s->known[c] = calloc(h->n_regs + 1, 1);
		if (!s->val[c] || !s->known[c])
			return false;
	}
	s->scr = trace_header_find_reg(h, "SCR");
	s->hcr = trace_header_find_reg(h, "HCR");
	s->vttbr = trace_header_find_reg(h, "VTTBR");
	return true;
}

void trace_state_free(struct trace_state *s)
{
	for (unsigned c = 0; c < s->n_cores; c++) {
		if (s->val)
			free(s->val[c]);
		if (s->known)
			free(s->known[c]);
	}
	free(s->val);
	free(s->known);
	memset(s, 0, sizeof(*s));
}

void trace_state_apply(struct trace_state *s, const struct trace_record *r)
{
	if (r->core >= s->n_cores)
		return;
	uint64_t *val = s->val[r->core];
	uint8_t *known = s->known[r->core];
	if (r->kind == TREC_SNAPSHOT)
		memset(known, 0, s->n_regs);
	for (unsigned i = 0; i < r->n_regs; i++) {
		if (r->regs[i].id >= s->n_regs)
			continue;
		val[r->regs[i].id] = r->regs[i].value;
		known[r->regs[i].id] = 1;
	}
	for (unsigned i = 0; i < r->n_ev; i++) {
		const struct trace_event *e = &r->ev[i];
		if (e->type == TEV_SYSREG && e->u.sysreg.id < s->n_regs) {
			val[e->u.sysreg.id] = e->u.sysreg.new_val;
			known[e->u.sysreg.id] = 1;
		}
	}
}

static bool reg_known(const struct trace_state *s, unsigned core, int id,
		      uint64_t *v)
{
	if (id < 0 || core >= s->n_cores || !s->known[core][id])
		return false;
	*v = s->val[core][id];
	return true;
}

bool trace_state_nonsecure(const struct trace_state *s, unsigned core,
			   unsigned mode)
{
	uint64_t scr;
	if (mode == MODE_HYP)
		return true;
	if (mode == MODE_MON)
		return false;
	return reg_known(s, core, s->scr, &scr) && (scr & 1);
}

void trace_state_regime(const struct trace_state *s, unsigned core,
			unsigned mode, char *buf, size_t len)
{
	uint64_t scr, hcr, vttbr;
	buf[0] = 0;
	if (mode == MODE_HYP) {
		snprintf(buf, len, "NS PL2");
		return;
	}
	if (mode == MODE_MON) {
		snprintf(buf, len, "S PL1&0");
		return;
	}
	if (!reg_known(s, core, s->scr, &scr))
		return;
	if (!(scr & 1)) {
		snprintf(buf, len, "S PL1&0");
		return;
	}
	/* Non-secure PL1&0: stage 2 when HCR.VM (bit 0) is set. */
	if (reg_known(s, core, s->hcr, &hcr) && (hcr & 1) &&
	    reg_known(s, core, s->vttbr, &vttbr))
		snprintf(buf, len, "NS PL1&0 VMID %u",
			 (unsigned)((vttbr >> 48) & 0xff));
	else
		snprintf(buf, len, "NS PL1&0");
}

/* ConditionPassed (A8.3.1) for cond against the NZCV flags of cpsr. */
static bool cond_passed(unsigned cond, uint32_t cpsr)
{
	bool n = cpsr & CPSR_N, z = cpsr & CPSR_Z, c = cpsr & CPSR_C,
	     v = cpsr & CPSR_V;
	bool r;
	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = c && !z; break;
	case 5: r = n == v; break;
	case 6: r = n == v && !z; break;
	default: return true; /* AL, and 0b1111 (unconditional) */
	}
	return (cond & 1) ? !r : r;
}

bool trace_insn_executed(uint32_t enc, unsigned enc_size, bool thumb,
			 uint32_t cpsr)
{
	if (enc_size == 0)
		return true;
	if (!thumb)
		return cond_passed(enc >> 28, cpsr);
	/* ITSTATE (A2.5.2): IT[7:2] in CPSR[15:10], IT[1:0] in CPSR[26:25] */
	unsigned it = ((cpsr >> 8) & 0xfc) | ((cpsr >> 25) & 3);
	if (it & 0xf)
		return cond_passed(it >> 4, cpsr);
	if (enc_size == 2) {
		/* B<c> T1: 1101 cccc, cond not 111x */
		if ((enc & 0xf000) == 0xd000 && ((enc >> 8) & 0xe) != 0xe)
			return cond_passed((enc >> 8) & 0xf, cpsr);
		return true;
	}
	/* B<c> T3: 11110 S cccc …, 10 J1 0 J2 …, cond not 111x */
	if ((enc & 0xf800d000) == 0xf0008000 && ((enc >> 22) & 0xe) != 0xe)
		return cond_passed((enc >> 22) & 0xf, cpsr);
	return true;
}
