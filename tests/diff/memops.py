"""Random loads and stores confined to the scratch buffer by construction.

The generator knows the value of every register that forms an address:
a segment sets aside a few "address registers" (and the SP), gives them
known values (pointers into the 64 KiB buffer, or small indexes), and never
lets a load write them; writeback updates the known values. The flags are
known too (nothing in these classes sets them), so a conditional
instruction's writeback is followed only when its condition passes. Every
candidate instruction is checked: each byte it touches lies inside the
buffer, naturally aligned (the MMU is off, so memory is Strongly-ordered
and an unaligned access is an Alignment fault, A3.2.1), and a written-back
base stays inside the buffer. Candidates that fail are drawn again.
"""

from insns import (MASK, GP, LOW, BUF_SIZE, Unit, Ctx, cond_passed, ror, rn,
                   CONDS)


class MemState:
    def __init__(self, r, isa, buf, flags):
        self.buf = buf
        self.flags = flags
        lows = r.sample(LOW, 3)
        highs = r.sample([8, 9, 10, 11, 12], 2 if isa == 'a32' else 1)
        self.addr = {}
        for reg in lows + highs:
            if r.chance(0.6):
                self.addr[reg] = buf + (r.range(0x1000, 0xf000) & ~7)
            else:
                k = r.below(3)
                if k == 0:
                    v = r.range(-256, 256) * 4
                elif k == 1:
                    v = r.range(-256, 256) * 2
                else:
                    v = r.range(-255, 255)
                self.addr[reg] = v & MASK
        self.addr[13] = buf + (r.range(0x2000, 0xe000) & ~7)
        self.data = [g for g in GP if g not in self.addr]

    def init_values(self):
        return dict(self.addr)

    def in_buf(self, a, size):
        return self.buf <= a and a + size <= self.buf + BUF_SIZE

    def ok(self, ea, size, align=None):
        align = align or min(size, 4)
        return self.in_buf(ea, size) and ea % align == 0


def shifted(v, sh, n, carry):
    if sh == 'lsl':
        return (v << n) & MASK
    if sh == 'lsr':
        return v >> n if n < 32 else 0
    if sh == 'asr':
        sv = v - (1 << 32) if v & 0x80000000 else v
        return (sv >> min(n, 31)) & MASK
    if sh == 'ror':
        return ror(v, n)
    return ((carry << 31) | (v >> 1)) & MASK   # rrx


class MemGen:
    """Builds one load/store (or load/store multiple) unit."""

    def __init__(self, x, ms):
        self.x = x
        self.r = x.r
        self.ms = ms
        self.t32 = x.t32

    # -- helpers --
    def bases(self, low=False):
        regs = [g for g in self.ms.addr if g != 13 and (g < 8 or not low)]
        return regs

    def pointer_base(self, low=False, sp=False):
        regs = [g for g in self.bases(low)
                if self.ms.in_buf(self.ms.addr[g], 1)]
        if sp:
            regs.append(13)
        return self.r.choice(regs) if regs else None

    def data(self, low=False):
        regs = [g for g in self.ms.data if g < 8 or not low]
        return self.r.choice(regs) if regs else None

    def cond(self):
        self.x.new_cond()
        return self.x.c

    def passes(self):
        return cond_passed(self.x.c, self.ms.flags)

    def commit(self, reg, val):
        if self.passes():
            self.ms.addr[reg] = val & MASK

    def offset_for(self, base, size, lo, hi, step=1):
        """A signed offset in [lo, hi] (multiple of step) that makes
        base+offset aligned to size, or None."""
        for _ in range(8):
            off = self.r.range(lo // step, hi // step) * step
            if self.r.chance(0.6):
                off = self.r.range(max(lo, -64) // step, min(hi, 64) // step) * step
            ea = (base + off) & MASK
            if ea % min(size, 4) == 0:
                return off
        return None

    # -- single loads/stores --
    def single(self):
        r = self.r
        for _ in range(60):
            u = r.choice(self.kinds())()
            if u is not None:
                return u
        # always valid: a word load from the SP
        return Unit(['ldr %s, [sp]' % rn(self.data())], 4)

    def kinds(self):
        if self.t32:
            return [self.t16_imm, self.t16_reg, self.t16_sp, self.t32_imm12,
                    self.t32_imm8, self.t32_reg, self.t32_imm12, self.t32_imm8,
                    self.dual, self.unpriv, self.literal, self.pld, self.sp_adjust]
        return [self.a32_imm, self.a32_imm, self.a32_reg, self.a32_reg,
                self.a32_half_imm, self.a32_half_reg, self.dual, self.dual,
                self.unpriv, self.literal, self.pld, self.sp_adjust]

    def pick_op(self, sizes):
        """(mnemonic, size, is_load)"""
        ops = [('ldr', 4, True), ('str', 4, False), ('ldrb', 1, True),
               ('strb', 1, False), ('ldrh', 2, True), ('strh', 2, False),
               ('ldrsb', 1, True), ('ldrsh', 2, True)]
        ops = [o for o in ops if o[0] in sizes]
        return self.r.choice(ops)

    def rt_for(self, load, base, wback, low=False):
        if load:
            return self.data(low)
        regs = [g for g in GP if (g < 8 or not low) and not (wback and g == base)]
        return self.r.choice(regs)

    def mode_text(self, b, off_text, mode):
        if mode == 'off':
            return '[%s%s]' % (b, ', ' + off_text if off_text else '')
        if mode == 'pre':
            return '[%s, %s]!' % (b, off_text)
        return '[%s], %s' % (b, off_text)

    def apply(self, base, off, mode, size, align=None):
        """Check an access of size at base(+off) and its writeback; commit
        the writeback. Returns False if invalid."""
        bv = self.ms.addr[base]
        ea = bv if mode == 'post' else (bv + off) & MASK
        if not self.ms.ok(ea, size, align):
            return False
        if mode != 'off':
            nb = (bv + off) & MASK
            if not self.ms.in_buf(nb, 1):
                return False
            self.commit(base, nb)
        return True

    def a32_imm(self):
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb'])
        return self._imm(mn, size, load, -4095, 4095, ['off', 'pre', 'post'])

    def a32_half_imm(self):
        mn, size, load = self.pick_op(['ldrh', 'strh', 'ldrsb', 'ldrsh'])
        return self._imm(mn, size, load, -255, 255, ['off', 'pre', 'post'])

    def _imm(self, mn, size, load, lo, hi, modes, low=False, narrow=False, w=''):
        b = self.pointer_base(low)
        if b is None:
            return None
        mode = self.r.choice(modes)
        c = self.cond()
        off = self.offset_for(self.ms.addr[b], size, lo, hi)
        if off is None:
            return None
        t = self.rt_for(load, b, mode != 'off', low)
        if t is None:
            return None
        if not self.apply(b, off, mode, size):
            return None
        ot = '#%d' % off if (off or mode != 'off') else ''
        return Unit(['%s%s%s %s, %s' % (mn, c, w, rn(t), self.mode_text(rn(b), ot, mode))],
                    2 if narrow else 4)

    def a32_reg(self):
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb'])
        return self._reg(mn, size, load, True)

    def a32_half_reg(self):
        mn, size, load = self.pick_op(['ldrh', 'strh', 'ldrsb', 'ldrsh'])
        return self._reg(mn, size, load, False)

    def _reg(self, mn, size, load, shifts, modes=('off', 'pre', 'post'), unpriv=False):
        r = self.r
        b = self.pointer_base()
        if b is None:
            return None
        i = r.choice(self.bases())
        mode = 'post' if unpriv else r.choice(modes)
        neg = r.chance(0.4)
        sh, n = None, 0
        if shifts and r.chance(0.6):
            sh = r.choice(['lsl', 'lsl', 'lsr', 'asr', 'ror', 'rrx'])
            n = {'lsl': r.range(1, 4), 'lsr': r.range(1, 32), 'asr': r.range(1, 32),
                 'ror': r.range(1, 31), 'rrx': 0}[sh]
        c = self.cond()
        carry = (self.ms.flags >> 29) & 1
        v = shifted(self.ms.addr[i], sh, n, carry) if sh else self.ms.addr[i]
        off = (-v if neg else v) & MASK
        t = self.rt_for(load, b, True, False)
        if t is None:
            return None
        if not self.apply(b, off, mode, size):
            return None
        stext = ''
        if sh == 'rrx':
            stext = ', rrx'
        elif sh:
            stext = ', %s #%d' % (sh, n)
        ot = '%s%s%s' % ('-' if neg else '', rn(i), stext)
        return Unit(['%s%s %s, %s' % (mn, c, rn(t), self.mode_text(rn(b), ot, mode))], 4)

    def dual(self):
        r = self.r
        load = r.chance(0.5)
        mn = 'ldrd' if load else 'strd'
        b = self.pointer_base()
        if b is None:
            return None
        if self.t32:
            # T32 LDRD/STRD (A8.8.72): t, t2 not SP/PC; t == t2 is
            # UNPREDICTABLE for the load; no writeback base among them
            if load:
                if len(self.ms.data) < 2:
                    return None
                t, t2 = r.sample(self.ms.data, 2)
            else:
                t, t2 = r.choice(GP), r.choice(GP)
                if t == b or t2 == b:
                    return None
        else:
            # A32 (A8.8.72 A1): Rt even, not R14; t2 = t + 1
            t = r.choice([0, 2, 4, 6, 8, 10])
            t2 = t + 1
            if load and (t not in self.ms.data or t2 not in self.ms.data):
                return None
        mode = r.choice(['off', 'pre', 'post'])
        if not load and mode != 'off' and b in (t, t2):
            return None
        c = self.cond()
        if self.t32 or r.chance(0.6):
            step = 4 if self.t32 else 1
            off = self.offset_for(self.ms.addr[b], 4, -255 * step, 255 * step, step)
            if off is None:
                return None
            if not self.apply(b, off, mode, 8, 4):
                return None
            ot = '#%d' % off if (off or mode != 'off') else ''
        else:
            i = r.choice(self.bases())
            if i in (t, t2):      # A32 LDRD (register): m == t or t2
                return None
            neg = r.chance(0.4)
            off = (-self.ms.addr[i] if neg else self.ms.addr[i]) & MASK
            if not self.apply(b, off, mode, 8, 4):
                return None
            ot = '%s%s' % ('-' if neg else '', rn(i))
        return Unit(['%s%s %s, %s, %s' % (mn, c, rn(t), rn(t2), self.mode_text(rn(b), ot, mode))], 4)

    def unpriv(self):
        """LDRT and friends (A8.8.93...): at PL1 with the MMU off they
        access memory like the privileged forms."""
        r = self.r
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh',
                                       'ldrsb', 'ldrsh'])
        mn += 't'
        if self.t32:
            # T32: offset form only, 0..255, no writeback
            return self._imm(mn, size, load, 0, 255, ['off'])
        if r.chance(0.5):
            lim = 4095 if size != 2 and mn not in ('ldrsbt',) else 255
            if mn in ('ldrht', 'strht', 'ldrsbt', 'ldrsht'):
                lim = 255
            return self._imm(mn, size, load, -lim, lim, ['post'])
        return self._reg(mn, size, load, mn in ('ldrt', 'strt', 'ldrbt', 'strbt'),
                         unpriv=True)

    def literal(self):
        """A load from a literal next to the code: the unit holds its own
        data so that truncating the program never changes what is read."""
        r = self.r
        kinds = [('ldr', 4), ('ldrb', 1), ('ldrh', 2), ('ldrsb', 1), ('ldrsh', 2), ('ldrd', 8)]
        mn, size = r.choice(kinds)
        c = self.cond()
        if mn == 'ldrd':
            if self.t32:
                if len(self.ms.data) < 2:
                    return None
                t, t2 = r.sample(self.ms.data, 2)
            else:
                t = r.choice([0, 2, 4, 6, 8, 10])
                t2 = t + 1
                if t not in self.ms.data or t2 not in self.ms.data:
                    return None
            dst = '%s, %s' % (rn(t), rn(t2))
        else:
            dst = rn(self.data())
        words = ['.word 0x%08x' % r.u32() for _ in range(4)]
        pos = r.below(2 if size == 8 else 4) * 4 + (r.below(4 // min(size, 4)) * min(size, 4) if size < 4 else 0)
        w = '.w' if self.t32 and mn == 'ldr' and r.chance(0.3) else ''
        if self.t32 and c:
            c = ''
        if r.chance(0.5):
            lines = ['%s%s%s %s, 1f + %d' % (mn, c, w, dst, pos), 'b 2f', '.align 2', '1:'] + words + ['2:']
        else:
            lines = ['b 2f', '.align 2', '1:'] + words + ['2:', '%s%s%s %s, 1b + %d' % (mn, c, w, dst, pos)]
        return Unit(lines, 4 + 4 + 2 + 16, 1)

    def pld(self):
        r = self.r
        b = self.pointer_base()
        if b is None:
            return None
        mn = r.choice(['pld', 'pldw', 'pli'])
        bv = self.ms.addr[b]
        if r.chance(0.5):
            lo = -255 if self.t32 else -4095
            off = r.range(lo, 4095)
            if not self.ms.in_buf((bv + off) & MASK, 1):
                return None
            return Unit(['%s [%s, #%d]' % (mn, rn(b), off)], 4)
        i = r.choice(self.bases())
        n = r.range(0, 3)
        if self.t32:
            if not self.ms.in_buf((bv + (self.ms.addr[i] << n)) & MASK, 1):
                return None
            return Unit(['%s [%s, %s, lsl #%d]' % (mn, rn(b), rn(i), n)], 4)
        neg = r.chance(0.4)
        v = (self.ms.addr[i] << n) & MASK
        if not self.ms.in_buf((bv + (-v if neg else v)) & MASK, 1):
            return None
        return Unit(['%s [%s, %s%s, lsl #%d]' % (mn, rn(b), '-' if neg else '', rn(i), n)], 4)

    def sp_adjust(self):
        """SP-relative forms: ADD Rd, SP, #imm, ADD/SUB SP, SP, #imm, LDR/STR
        [SP, #imm], and the single-register PUSH/POP encodings."""
        r = self.r
        sp = self.ms.addr[13]
        k = r.below(5)
        if k == 0:
            d = self.data(low=self.t32)
            if d is None:
                return None
            c = '' if self.t32 else self.cond()
            return Unit(['add%s %s, sp, #%d' % (c, rn(d), 4 * r.below(256))], 4)
        if k == 1:
            c = '' if self.t32 else self.cond()
            delta = 4 * r.range(-127, 127)
            if not self.ms.in_buf(sp + delta, 1) or not delta:
                return None
            self.commit(13, sp + delta)
            mn = 'add' if delta > 0 else 'sub'
            return Unit(['%s%s sp, sp, #%d' % (mn, c, abs(delta))], 4)
        if k == 2:
            load = r.chance(0.5)
            t = self.rt_for(load, 13, False, low=self.t32)
            c = '' if self.t32 else self.cond()
            off = 4 * r.below(256)
            if t is None or not self.ms.ok(sp + off, 4):
                return None
            return Unit(['%s%s %s, [sp, #%d]' % ('ldr' if load else 'str', c, rn(t), off)], 4)
        load = r.chance(0.5)
        t = self.rt_for(load, 13, False)
        c = '' if self.t32 else self.cond()
        if load:
            if not self.ms.ok(sp, 4) or not self.ms.in_buf(sp + 4, 1):
                return None
            self.commit(13, sp + 4)
            return Unit(['pop%s {%s}' % (c, rn(t))], 4)
        if not self.ms.ok(sp - 4, 4):
            return None
        self.commit(13, sp - 4)
        return Unit(['push%s {%s}' % (c, rn(t))], 4)

    # -- T32 forms --
    def t16_imm(self):
        """16-bit LDR/STR{B,H} Rt, [Rn, #imm5*size] (A6.2.4)."""
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh'])
        b = self.pointer_base(low=True)
        if b is None:
            return None
        t = self.rt_for(load, b, False, low=True)
        if t is None:
            return None
        off = self.r.below(32) * size
        if not self.ms.ok(self.ms.addr[b] + off, size):
            return None
        return Unit(['%s %s, [%s, #%d]' % (mn, rn(t), rn(b), off)], 2)

    def t16_reg(self):
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh',
                                       'ldrsb', 'ldrsh'])
        b = self.pointer_base(low=True)
        if b is None:
            return None
        i = self.r.choice(self.bases(low=True))
        t = self.rt_for(load, b, False, low=True)
        if t is None:
            return None
        if not self.ms.ok((self.ms.addr[b] + self.ms.addr[i]) & MASK, size):
            return None
        return Unit(['%s %s, [%s, %s]' % (mn, rn(t), rn(b), rn(i))], 2)

    def t16_sp(self):
        return self.sp_adjust()

    def t32_imm12(self):
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh',
                                       'ldrsb', 'ldrsh'])
        return self._imm(mn, size, load, 0, 4095, ['off'], w='.w')

    def t32_imm8(self):
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh',
                                       'ldrsb', 'ldrsh'])
        mode = self.r.choice(['off', 'pre', 'post'])
        lo = -255
        hi = -1 if mode == 'off' else 255
        return self._imm(mn, size, load, lo, hi, [mode])

    def t32_reg(self):
        """LDR (register) T2: [Rn, Rm, LSL #0-3], no writeback."""
        r = self.r
        mn, size, load = self.pick_op(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh',
                                       'ldrsb', 'ldrsh'])
        b = self.pointer_base()
        if b is None:
            return None
        i = r.choice(self.bases())
        n = r.range(0, 3)
        t = self.rt_for(load, b, False)
        if t is None:
            return None
        ea = (self.ms.addr[b] + (self.ms.addr[i] << n)) & MASK
        if not self.ms.ok(ea, size):
            return None
        sh = ', lsl #%d' % n if n else ''
        return Unit(['%s.w %s, [%s, %s%s]' % (mn, rn(t), rn(b), rn(i), sh)], 4)

    # -- load/store multiple --
    def multiple(self):
        for _ in range(60):
            u = self._multiple()
            if u is not None:
                return u
        return Unit(['ldr %s, [sp]' % rn(self.data())], 4)

    def _multiple(self):
        r = self.r
        load = r.chance(0.5)
        k = r.below(10)
        if k < 3:
            return self._pushpop(load)
        sp_base = r.chance(0.1)
        b = 13 if sp_base else self.pointer_base()
        if b is None:
            return None
        if self.t32:
            if k < 5:
                # 16-bit LDM Rn!, / STM Rn!, (A8.8.58 T1, A8.8.199 T1)
                if b >= 8:
                    return None
                pool = [g for g in (self.ms.data if load else GP) if g < 8 and g != b]
                mode, wback, w = 'ia', True, ''
                nmin = 1
            else:
                pool = [g for g in (self.ms.data if load else GP)]
                mode = r.choice(['ia', 'db'])
                wback = r.chance(0.5)
                if wback:
                    pool = [g for g in pool if g != b]
                w = '.w' if mode == 'ia' else ''
                nmin = 2     # LDM.W/STM.W with < 2 registers: UNPREDICTABLE
        else:
            pool = [g for g in (self.ms.data if load else GP)]
            mode = r.choice(['ia', 'ib', 'da', 'db'])
            wback = r.chance(0.5)
            if wback:
                pool = [g for g in pool if g != b]
            w = ''
            nmin = 1
        if len(pool) < nmin:
            return None
        n = r.range(nmin, min(len(pool), 8))
        regs = sorted(r.sample(pool, n))
        c = '' if self.t32 else self.cond()
        bv = self.ms.addr[b]
        lo = {'ia': bv, 'ib': bv + 4, 'da': bv - 4 * n + 4, 'db': bv - 4 * n}[mode]
        if not self.ms.ok(lo & MASK, 4 * n, 4):
            return None
        if wback:
            nb = bv + 4 * n if mode in ('ia', 'ib') else bv - 4 * n
            if not self.ms.in_buf(nb, 1):
                return None
            self.commit(b, nb)
        mn = ('ldm' if load else 'stm') + mode
        return Unit(['%s%s%s %s%s, {%s}' % (mn, c, w, rn(b), '!' if wback else '',
                                             ', '.join(rn(g) for g in regs))], 4)

    def _pushpop(self, load):
        r = self.r
        pool = list(self.ms.data) if load else list(GP)
        if self.t32 and r.chance(0.5):
            # 16-bit PUSH/POP: low registers (and LR for PUSH)
            pool = [g for g in pool if g < 8 or (g == 14 and not load)]
        if not pool:
            return None
        n = r.range(1, min(len(pool), 8))
        regs = sorted(r.sample(pool, n))
        c = '' if self.t32 else self.cond()
        sp = self.ms.addr[13]
        if load:
            if not self.ms.ok(sp, 4 * n, 4):
                return None
            self.commit(13, sp + 4 * n)
        else:
            if not self.ms.ok(sp - 4 * n, 4 * n, 4):
                return None
            self.commit(13, sp - 4 * n)
        return Unit(['%s%s {%s}' % ('pop' if load else 'push', c,
                                    ', '.join(rn(g) for g in regs))], 4)


def gen_ldst(x, ms):
    return MemGen(x, ms).single()


def gen_ldm(x, ms):
    return MemGen(x, ms).multiple()
