"""Random valid A32/T32 instructions, one generator per instruction class.

Used by gen.py. Every generator returns a Unit: one or more assembly lines
(GNU as, unified syntax) that together form one indivisible step of a random
program. A unit is never split by truncation (an IT block with its body, a
load from a literal with the branch over its data, a TBB with its table).

Instructions whose encodings are UNPREDICTABLE for the operands chosen are
never produced; tests/diff/UNPREDICTABLE.md lists every rule applied here
and the ARM DDI 0406C section it comes from. Operands never name the PC or
the SP except in the forms built for them (ADR, literals, branches, the
SP-relative loads, stores, PUSH and POP of the memory classes).
"""

import os

import deftable

MASK = 0xffffffff

CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc',
         'hi', 'ls', 'ge', 'lt', 'gt', 'le']
INV = {'eq': 'ne', 'ne': 'eq', 'cs': 'cc', 'cc': 'cs', 'mi': 'pl',
       'pl': 'mi', 'vs': 'vc', 'vc': 'vs', 'hi': 'ls', 'ls': 'hi',
       'ge': 'lt', 'lt': 'ge', 'gt': 'le', 'le': 'gt'}

GP = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]
LOW = [0, 1, 2, 3, 4, 5, 6, 7]

BUF_SIZE = 0x10000          # scratch buffer of the memory classes

# Values a register starts a segment with: mostly random, often small (shift
# amounts, divisors, saturation edges), sometimes at a sign or width edge.
SPECIAL = [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
           0xfffffffe, 0x7fff, 0x8000, 0xffff, 0x10000, 0xffff8000,
           0x7f, 0x80, 0xff, 0xffffff80, 0x7fff8000, 0x80007fff,
           0x7f7f7f7f, 0x80808080, 0x00ff00ff, 0xff00ff00, 31, 32, 33]


class Rng:
    """splitmix64: the same seed gives the same program on every Python."""

    def __init__(self, seed):
        self.s = seed & 0xffffffffffffffff

    def next64(self):
        self.s = (self.s + 0x9e3779b97f4a7c15) & 0xffffffffffffffff
        z = self.s
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & 0xffffffffffffffff
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & 0xffffffffffffffff
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def range(self, lo, hi):
        """lo..hi inclusive"""
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return self.next64() < p * 18446744073709551616.0

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def u32(self):
        return self.next64() & MASK

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(k):
            out.append(pool.pop(self.below(len(pool))))
        return out


def rand_value(r):
    k = r.below(100)
    if k < 45:
        return r.u32()
    if k < 58:
        return r.below(64)
    if k < 72:
        return r.choice(SPECIAL)
    if k < 82:
        return (r.u32() & 0xffffff00) | r.below(40)
    if k < 90:
        return (-r.range(1, 64)) & MASK
    return ((r.below(0x10000) << 16) | r.choice([0, 0x7fff, 0x8000, 0xffff]))


def ror(v, n):
    n &= 31
    return ((v >> n) | (v << (32 - n))) & MASK if n else v


def rn(n):
    return {13: 'sp', 14: 'lr', 15: 'pc'}.get(n, 'r%d' % n)


class Unit:
    """lines: assembly; targets: forward unit indices referenced as @T0@,
    @T1@... in the lines; size: upper bound of the bytes; count: how many
    random instructions of the class it holds; setup: helper instructions."""
    __slots__ = ('lines', 'targets', 'size', 'count', 'kind', 'limit')

    def __init__(self, lines, size, count=1, targets=None, kind='', limit=None):
        self.limit = limit       # most bytes a narrow branch may skip
        self.lines = lines if isinstance(lines, list) else [lines]
        self.size = size
        self.count = count
        self.targets = targets or []
        self.kind = kind


def cond_passed(cond, flags):
    n, z, c, v = ((flags >> 31) & 1, (flags >> 30) & 1,
                  (flags >> 29) & 1, (flags >> 28) & 1)
    base = {'eq': z, 'cs': c, 'mi': n, 'vs': v, 'hi': c and not z,
            'ge': n == v, 'gt': (not z) and n == v, '': True}
    if cond in base:
        return bool(base[cond])
    return not cond_passed(INV[cond], flags)


# ---------------------------------------------------------------------------
# Operand helpers


def a32_modimm(r):
    """A32 modified immediate (A5.2.4): any imm8 with any even rotation,
    including the non-canonical ones (which differ in the carry out), as
    the '#imm8, rot' syntax so the assembler keeps the encoding."""
    imm8 = r.below(256)
    rot = 2 * r.below(16)
    if r.chance(0.25):
        rot = 0
    return '#%d, %d' % (imm8, rot), ror(imm8, rot)


def t32_modimm(r):
    """T32 modified immediate (A6.3.2, ThumbExpandImm). The patterns
    00XY00XY, XY00XY00, XYXYXYXY with XY == 0 are UNPREDICTABLE."""
    k = r.below(8)
    b = r.below(256)
    if k < 3:
        v = b
    elif k == 3:
        b = b or 1
        v = b | (b << 16)
    elif k == 4:
        b = b or 1
        v = (b << 8) | (b << 24)
    elif k == 5:
        b = b or 1
        v = b * 0x01010101
    else:
        v = ror(0x80 | (b & 0x7f), r.range(8, 31))
    return '#0x%x' % v, v


def shift_imm(r, t32=False, allow_none=True):
    """Immediate shift operand of a data-processing register form."""
    k = r.below(6)
    if k == 0 and allow_none:
        return ''
    if k == 1:
        return ', lsl #%d' % r.range(1, 31)
    if k == 2:
        return ', lsr #%d' % r.range(1, 32)
    if k == 3:
        return ', asr #%d' % r.range(1, 32)
    if k == 4:
        return ', ror #%d' % r.range(1, 31)
    return ', rrx'


class Ctx:
    """What a generator needs: the ISA, the random stream, the condition
    suffix to give (A32: random; T32: the IT slot's, or none), whether the
    instruction sits in an IT block, and which registers it may write."""

    def __init__(self, isa, r):
        self.isa = isa
        self.r = r
        self.it = False          # T32: inside an IT block
        self.c = ''              # condition suffix
        self.writable = GP
        self.cond_p = 0.25

    @property
    def t32(self):
        return self.isa == 't32'

    def new_cond(self):
        if self.isa == 'a32' and self.r.chance(self.cond_p):
            self.c = self.r.choice(CONDS)
        elif self.isa == 'a32':
            self.c = ''

    def reg(self):
        return self.r.choice(GP)

    def dst(self):
        return self.r.choice(self.writable)

    def low_dst(self):
        lows = [x for x in self.writable if x < 8]
        return self.r.choice(lows) if lows else None

    def narrow_s(self):
        """The S bit a 16-bit data-processing encoding implies here: the
        flag-setting forms outside IT blocks, the others inside."""
        return not self.it

    def m(self, mn, s, ops, w=False):
        return '%s%s%s%s %s' % (mn, 's' if s else '', self.c,
                                '.w' if w else '', ops)


def U(ctx, text, count=1, kind=''):
    return Unit([text], 4, count, kind=kind)


# ---------------------------------------------------------------------------
# Data processing

# The data-processing classes come from the decoder tables (src/cpu/*.def,
# read by deftable.py), in the tables' order: the three-operand forms, the
# moves and the compares of the modified-immediate encodings.
A32_DP3 = deftable.mnemonics('a32', r'\w+_imm', '<Rd>, <Rn>, #<const>')


def _t32_dp3():
    """The T32 three-operand forms in the A32 order (so that a seed gives
    the programs it gave before the tables existed), a T32-only one (ORN)
    right after the one that precedes it in t32.def."""
    t32 = deftable.mnemonics('t32', r'\w+_imm', '<Rd>, <Rn>, #<const>')
    out = [m for m in A32_DP3 if m in t32]
    for i, m in enumerate(t32):
        if m not in out:
            out.insert(out.index(t32[i - 1]) + 1 if i else 0, m)
    return out


T32_DP3 = _t32_dp3()
DP2 = deftable.mnemonics('a32', r'\w+_imm', '<Rd>, #<const>')
DPCMP = deftable.mnemonics('a32', r'\w+_imm', '<Rn>, #<const>')
assert set(DP2) == set(deftable.mnemonics('t32', r'\w+_imm', '<Rd>, #<const>'))
assert set(DPCMP) == set(deftable.mnemonics('t32', r'\w+_imm', '<Rn>, #<const>'))


def gen_dp_imm(x):
    r = x.r
    k = r.below(100)
    if x.t32 and k < 25:
        return t32_narrow_imm(x)
    if k < 35:
        mn = r.choice(['movw', 'movt'])
        return U(x, '%s%s %s, #0x%x' % (mn, x.c, rn(x.dst()), r.below(0x10000)))
    if k < 42:
        return gen_adr(x)
    if x.t32 and k < 52:
        mn = r.choice(['addw', 'subw'])
        return U(x, '%s%s %s, %s, #%d' % (mn, x.c, rn(x.dst()), rn(x.reg()),
                                          r.below(4096)))
    imm, _ = t32_modimm(r) if x.t32 else a32_modimm(r)
    ops = T32_DP3 if x.t32 else A32_DP3
    j = r.below(10)
    if j < 6:
        return U(x, x.m(r.choice(ops), r.chance(0.5), '%s, %s, %s' %
                        (rn(x.dst()), rn(x.reg()), imm)))
    if j < 8:
        return U(x, x.m(r.choice(DP2), r.chance(0.5), '%s, %s' % (rn(x.dst()), imm)))
    return U(x, x.m(r.choice(DPCMP), False, '%s, %s' % (rn(x.reg()), imm)))


def gen_adr(x):
    """ADR (A8.8.12): the PC as base, its value known (same image in both
    simulators)."""
    r = x.r
    if x.t32:
        if r.chance(0.4):
            # T1: 16-bit ADD Rd, PC, #imm8*4 (low register)
            d = x.low_dst()
            if d is not None:
                return Unit(['add%s %s, pc, #%d' % (x.c, rn(d), 4 * r.below(256))], 2)
        mn = r.choice(['addw', 'subw'])
        return U(x, '%s%s %s, pc, #%d' % (mn, x.c, rn(x.dst()), r.below(4096)))
    imm, _ = a32_modimm(r)
    return U(x, '%s%s %s, pc, %s' % (r.choice(['add', 'sub']), x.c,
                                     rn(x.dst()), imm))


def t32_narrow_imm(x):
    """The 16-bit immediate forms (A6.2.1): ADDS/SUBS Rd,Rn,#imm3,
    ADDS/SUBS/MOVS Rdn,#imm8, CMP Rn,#imm8, RSBS Rd,Rn,#0 (flags only
    outside IT blocks, A6.2)."""
    r = x.r
    d = x.low_dst()
    if d is None:
        return gen_dp_imm_wide(x)
    s = x.narrow_s()
    k = r.below(6)
    if k == 0:
        return Unit([x.m(r.choice(['add', 'sub']), s, '%s, %s, #%d' %
                         (rn(d), rn(r.choice(LOW)), r.below(8)))], 2)
    if k == 1:
        return Unit([x.m(r.choice(['add', 'sub']), s, '%s, %s, #%d' %
                         (rn(d), rn(d), r.below(256)))], 2)
    if k == 2:
        return Unit([x.m('mov', s, '%s, #%d' % (rn(d), r.below(256)))], 2)
    if k == 3:
        return Unit([x.m('cmp', False, '%s, #%d' % (rn(r.choice(LOW)), r.below(256)))], 2)
    if k == 4:
        return Unit([x.m('rsb', s, '%s, %s, #0' % (rn(d), rn(r.choice(LOW))))], 2)
    return gen_dp_imm_wide(x)


def gen_dp_imm_wide(x):
    r = x.r
    imm, _ = t32_modimm(r)
    w = r.chance(0.3)
    mn = r.choice(T32_DP3)
    if mn not in ('add', 'sub', 'rsb'):
        w = False
    return U(x, x.m(mn, r.chance(0.5), '%s, %s, %s' %
                    (rn(x.dst()), rn(x.reg()), imm), w=w))


def gen_dp_reg(x):
    r = x.r
    if x.t32 and r.chance(0.35):
        return t32_narrow_reg(x)
    ops = T32_DP3 if x.t32 else A32_DP3
    if not x.t32:
        # A32 register forms may read the PC (its address + 8) as Rn or
        # Rm (A8.8.7 …; only the register-shifted forms forbid it, U1)
        def src():
            return 15 if r.chance(0.05) else x.reg()
        j = r.below(10)
        sh = shift_imm(r)
        if j < 6:
            return U(x, x.m(r.choice(ops), r.chance(0.5), '%s, %s, %s%s' %
                            (rn(x.dst()), rn(src()), rn(src()), sh)))
        if j < 8:
            mn = r.choice(DP2)
            if mn == 'mov' and sh:
                return gen_shift(x)
            return U(x, x.m(mn, r.chance(0.5), '%s, %s%s' % (rn(x.dst()), rn(src()), sh)))
        return U(x, x.m(r.choice(DPCMP), False, '%s, %s%s' % (rn(src()), rn(src()), sh)))
    j = r.below(10)
    w = x.t32 and r.chance(0.2)
    if j < 6:
        mn = r.choice(ops)
        if mn in ('orn', 'rsb', 'adc', 'sbc', 'rsc', 'bic') or not x.t32:
            w = w and mn in ('adc', 'sbc', 'bic')
        return U(x, x.m(mn, r.chance(0.5), '%s, %s, %s%s' %
                        (rn(x.dst()), rn(x.reg()), rn(x.reg()),
                         shift_imm(r, x.t32)), w=w))
    if j < 8:
        mn = r.choice(DP2)
        sh = shift_imm(r, x.t32)
        if mn == 'mov' and sh:
            # MOV with a shift is the shift instruction (A8.8.105 note)
            return gen_shift(x)
        return U(x, x.m(mn, r.chance(0.5), '%s, %s%s' % (rn(x.dst()), rn(x.reg()), sh),
                        w=w and mn == 'mvn'))
    return U(x, x.m(r.choice(DPCMP), False, '%s, %s%s' %
                    (rn(x.reg()), rn(x.reg()), shift_imm(r, x.t32))))


def t32_narrow_reg(x):
    """16-bit register forms (A6.2.1, A6.2.2, A6.2.3)."""
    r = x.r
    k = r.below(7)
    d = x.low_dst()
    s = x.narrow_s()
    if k == 0 and d is not None:
        mn = r.choice(['and', 'eor', 'adc', 'sbc', 'orr', 'bic'])
        return Unit([x.m(mn, s, '%s, %s, %s' % (rn(d), rn(d), rn(r.choice(LOW))))], 2)
    if k == 1 and d is not None:
        return Unit([x.m(r.choice(['add', 'sub']), s, '%s, %s, %s' %
                         (rn(d), rn(r.choice(LOW)), rn(r.choice(LOW))))], 2)
    # the 16-bit high-register ADD and MOV may read the PC (its address
    # + 4, A8.8.6 T2, A8.8.103 T1)
    m = 15 if r.chance(0.1) else x.reg()
    if k == 2:
        # ADD Rdn, Rm (T2): no flags anywhere
        dd = x.dst()
        return Unit([x.m('add', False, '%s, %s' % (rn(dd), rn(m)))], 2)
    if k == 3:
        # MOV Rd, Rm (T1), any destination but SP/PC here
        return Unit([x.m('mov', False, '%s, %s' % (rn(x.dst()), rn(m)))], 2)
    if k == 4:
        mn = r.choice(['tst', 'cmp', 'cmn'])
        return Unit([x.m(mn, False, '%s, %s' % (rn(r.choice(LOW)), rn(r.choice(LOW))))], 2)
    if k == 5:
        # CMP (register) T2 with at least one high register: both low is
        # UNPREDICTABLE (A8.8.38); the assembler takes T1 for those.
        return Unit([x.m('cmp', False, '%s, %s' % (rn(x.reg()), rn(x.reg())))], 2)
    if d is not None:
        if not x.it and r.chance(0.3):
            # MOVS Rd, Rm (T2, = LSLS #0) is UNPREDICTABLE in an IT block
            return Unit(['movs %s, %s' % (rn(d), rn(r.choice(LOW)))], 2)
        return Unit([x.m('mvn', s, '%s, %s' % (rn(d), rn(r.choice(LOW))))], 2)
    return gen_dp_reg(x)


def gen_dp_rsr(x):
    """Register-shifted register (A5.2.2), A32 only."""
    r = x.r
    sh = r.choice(['lsl', 'lsr', 'asr', 'ror'])
    j = r.below(10)
    if j < 6:
        return U(x, x.m(r.choice(A32_DP3), r.chance(0.5), '%s, %s, %s, %s %s' %
                        (rn(x.dst()), rn(x.reg()), rn(x.reg()), sh, rn(x.reg()))))
    if j < 8:
        return U(x, x.m('mvn', r.chance(0.5), '%s, %s, %s %s' %
                        (rn(x.dst()), rn(x.reg()), sh, rn(x.reg()))))
    return U(x, x.m(r.choice(DPCMP), False, '%s, %s, %s %s' %
                    (rn(x.reg()), rn(x.reg()), sh, rn(x.reg()))))


def gen_shift(x):
    r = x.r
    sh = r.choice(['lsl', 'lsr', 'asr', 'ror', 'rrx', 'reg', 'reg'])
    s = r.chance(0.5)
    if x.t32 and r.chance(0.4):
        d = x.low_dst()
        if d is not None:
            s = x.narrow_s()
            if sh == 'reg':
                return Unit([x.m(r.choice(['lsl', 'lsr', 'asr', 'ror']), s, '%s, %s, %s' %
                                 (rn(d), rn(d), rn(r.choice(LOW))))], 2)
            if sh in ('lsl', 'lsr', 'asr'):
                # LSL #0 in 16 bits is MOVS (T2), UNPREDICTABLE in an IT
                # block; keep the amount >= 1 for all three
                n = r.range(1, 31 if sh == 'lsl' else 32)
                return Unit([x.m(sh, s, '%s, %s, #%d' % (rn(d), rn(r.choice(LOW)), n))], 2)
    d, m = x.dst(), x.reg()
    if sh == 'reg':
        mn = r.choice(['lsl', 'lsr', 'asr', 'ror'])
        return U(x, x.m(mn, s, '%s, %s, %s' % (rn(d), rn(m), rn(x.reg())), w=x.t32 and r.chance(0.3)))
    if sh == 'rrx':
        return U(x, x.m('rrx', s, '%s, %s' % (rn(d), rn(m))))
    lim = {'lsl': (0, 31), 'lsr': (1, 32), 'asr': (1, 32), 'ror': (1, 31)}[sh]
    n = r.range(*lim)
    if sh == 'lsl' and n == 0 and x.t32 and x.it:
        n = 1
    return U(x, x.m(sh, s, '%s, %s, #%d' % (rn(d), rn(m), n), w=x.t32 and r.chance(0.3)))


# ---------------------------------------------------------------------------
# Multiplies, divides, saturation, parallel, packing


def two_dst(x):
    """RdLo, RdHi of a long multiply: equal is UNPREDICTABLE (A8.8.189...)."""
    lo = x.dst()
    hi = x.dst()
    while hi == lo:
        hi = x.dst()
    return lo, hi


def gen_mul(x):
    r = x.r
    k = r.below(16)
    R = lambda: rn(x.reg())
    s_ok = not x.t32           # T32 has no flag-setting 32-bit multiplies
    if k == 0:
        if x.t32 and r.chance(0.5):
            d = x.low_dst()
            if d is not None:
                # MULS Rdm, Rn, Rdm (16-bit, A8.8.114 T1)
                return Unit([x.m('mul', x.narrow_s(), '%s, %s, %s' %
                                 (rn(d), rn(r.choice(LOW)), rn(d)))], 2)
        return U(x, x.m('mul', s_ok and r.chance(0.5), '%s, %s, %s' % (rn(x.dst()), R(), R())))
    if k == 1:
        return U(x, x.m('mla', s_ok and r.chance(0.5), '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))
    if k == 2:
        return U(x, x.m('mls', False, '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))
    if k <= 4:
        lo, hi = two_dst(x)
        mn = r.choice(['umull', 'umlal', 'smull', 'smlal'])
        return U(x, x.m(mn, s_ok and r.chance(0.5), '%s, %s, %s, %s' % (rn(lo), rn(hi), R(), R())))
    if k == 5:
        lo, hi = two_dst(x)
        return U(x, x.m('umaal', False, '%s, %s, %s, %s' % (rn(lo), rn(hi), R(), R())))
    xy = r.choice(['bb', 'bt', 'tb', 'tt'])
    if k == 6:
        return U(x, x.m('smul' + xy, False, '%s, %s, %s' % (rn(x.dst()), R(), R())))
    if k == 7:
        return U(x, x.m('smla' + xy, False, '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))
    if k == 8:
        y = r.choice('bt')
        if r.chance(0.5):
            return U(x, x.m('smulw' + y, False, '%s, %s, %s' % (rn(x.dst()), R(), R())))
        return U(x, x.m('smlaw' + y, False, '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))
    if k == 9:
        lo, hi = two_dst(x)
        return U(x, x.m('smlal' + xy, False, '%s, %s, %s, %s' % (rn(lo), rn(hi), R(), R())))
    xx = r.choice(['', 'x'])
    if k == 10:
        mn = r.choice(['smuad', 'smusd']) + xx
        return U(x, x.m(mn, False, '%s, %s, %s' % (rn(x.dst()), R(), R())))
    if k == 11:
        mn = r.choice(['smlad', 'smlsd']) + xx
        return U(x, x.m(mn, False, '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))
    if k == 12:
        lo, hi = two_dst(x)
        mn = r.choice(['smlald', 'smlsld']) + xx
        return U(x, x.m(mn, False, '%s, %s, %s, %s' % (rn(lo), rn(hi), R(), R())))
    rr = r.choice(['', 'r'])
    if k == 13:
        return U(x, x.m('smmul' + rr, False, '%s, %s, %s' % (rn(x.dst()), R(), R())))
    mn = r.choice(['smmla', 'smmls']) + rr
    return U(x, x.m(mn, False, '%s, %s, %s, %s' % (rn(x.dst()), R(), R(), R())))


def gen_div(x):
    r = x.r
    return U(x, x.m(r.choice(['sdiv', 'udiv']), False, '%s, %s, %s' %
                    (rn(x.dst()), rn(x.reg()), rn(x.reg()))))


def gen_sat(x):
    r = x.r
    k = r.below(6)
    d, n = rn(x.dst()), rn(x.reg())
    if k <= 1:
        sh = ''
        j = r.below(3)
        if j == 1:
            sh = ', lsl #%d' % r.range(1, 31)
        elif j == 2:
            # ASR #32 exists only in A32 (T32 sh=1 imm=0 is SSAT16)
            sh = ', asr #%d' % r.range(1, 31 if x.t32 else 32)
        if k == 0:
            return U(x, x.m('ssat', False, '%s, #%d, %s%s' % (d, r.range(1, 32), n, sh)))
        return U(x, x.m('usat', False, '%s, #%d, %s%s' % (d, r.range(0, 31), n, sh)))
    if k == 2:
        if r.chance(0.5):
            return U(x, x.m('ssat16', False, '%s, #%d, %s' % (d, r.range(1, 16), n)))
        return U(x, x.m('usat16', False, '%s, #%d, %s' % (d, r.range(0, 15), n)))
    mn = r.choice(['qadd', 'qsub', 'qdadd', 'qdsub'])
    return U(x, x.m(mn, False, '%s, %s, %s' % (d, n, rn(x.reg()))))


def _parallel_classes():
    """Prefixes and operations of the parallel add/subtract instructions
    (A5.4.1, A5.4.2) from a32.def: the entries of the space
    cccc 0110 0ppp .... .... .... ooo1 ...., whose names are prefix (by p)
    then operation (by o)."""
    by_p, by_o = {}, {}
    for e in deftable.entries('a32'):
        pat = e.pattern.replace('(1)', '1').replace('(0)', '0')
        if not pat.startswith('cccc01100'):
            continue
        by_p.setdefault(pat[9:12], []).append(e.name)
        by_o.setdefault(pat[24:27], []).append(e.name)
    pfx = [os.path.commonprefix(n).lower() for n in by_p.values()]
    ops = [os.path.commonprefix([x[::-1] for x in n])[::-1].lower()
           for n in by_o.values()]
    return pfx, ops


PAR_PFX, PAR_OPS = _parallel_classes()
assert len(PAR_PFX) == 6 and len(PAR_OPS) == 6, (PAR_PFX, PAR_OPS)


def gen_parallel(x):
    r = x.r
    k = r.below(10)
    d, n, m = rn(x.dst()), rn(x.reg()), rn(x.reg())
    if k < 7:
        return U(x, x.m(r.choice(PAR_PFX) + r.choice(PAR_OPS), False, '%s, %s, %s' % (d, n, m)))
    if k == 7:
        return U(x, x.m('usad8', False, '%s, %s, %s' % (d, n, m)))
    if k == 8:
        return U(x, x.m('usada8', False, '%s, %s, %s, %s' % (d, n, m, rn(x.reg()))))
    return U(x, x.m('sel', False, '%s, %s, %s' % (d, n, m)))


def gen_pack(x):
    r = x.r
    k = r.below(12)
    d, n, m = x.dst(), x.reg(), x.reg()
    if k == 0:
        sh = ', lsl #%d' % r.range(1, 31) if r.chance(0.7) else ''
        return U(x, x.m('pkhbt', False, '%s, %s, %s%s' % (rn(d), rn(n), rn(m), sh)))
    if k == 1:
        return U(x, x.m('pkhtb', False, '%s, %s, %s, asr #%d' % (rn(d), rn(n), rn(m), r.range(1, 32))))
    if k <= 3:
        mn = r.choice(['sxtb', 'sxth', 'uxtb', 'uxth', 'sxtb16', 'uxtb16'])
        rot = r.choice(['', ', ror #8', ', ror #16', ', ror #24'])
        if x.t32 and mn in ('sxtb', 'sxth', 'uxtb', 'uxth') and r.chance(0.5):
            dl = x.low_dst()
            if dl is not None:
                return Unit([x.m(mn, False, '%s, %s' % (rn(dl), rn(r.choice(LOW))))], 2)
        return U(x, x.m(mn, False, '%s, %s%s' % (rn(d), rn(m), rot)))
    if k <= 5:
        mn = r.choice(['sxtab', 'sxtah', 'uxtab', 'uxtah', 'sxtab16', 'uxtab16'])
        rot = r.choice(['', ', ror #8', ', ror #16', ', ror #24'])
        return U(x, x.m(mn, False, '%s, %s, %s%s' % (rn(d), rn(n), rn(m), rot)))
    if k <= 7:
        mn = r.choice(['rev', 'rev16', 'revsh', 'rbit', 'clz'])
        if x.t32 and mn in ('rev', 'rev16', 'revsh') and r.chance(0.5):
            dl = x.low_dst()
            if dl is not None:
                return Unit([x.m(mn, False, '%s, %s' % (rn(dl), rn(r.choice(LOW))))], 2)
        return U(x, x.m(mn, False, '%s, %s' % (rn(d), rn(m))))
    # bitfields: msb >= lsb, lsb + width <= 32 (A8.8.15, A8.8.16, A8.8.164)
    lsb = r.range(0, 31)
    width = r.range(1, 32 - lsb)
    if k == 8:
        return U(x, x.m('bfc', False, '%s, #%d, #%d' % (rn(d), lsb, width)))
    if k == 9:
        return U(x, x.m('bfi', False, '%s, %s, #%d, #%d' % (rn(d), rn(n), lsb, width)))
    return U(x, x.m(r.choice(['sbfx', 'ubfx']), False, '%s, %s, #%d, #%d' %
                    (rn(d), rn(n), lsb, width)))


def gen_psr(x):
    """MRS/MSR of the APSR (A8.8.109, A8.8.111, A8.8.112), mixed with
    instructions that set and read NZCV, Q and GE."""
    r = x.r
    k = r.below(12)
    if k < 3:
        return U(x, x.m('mrs', False, '%s, apsr' % rn(x.dst())), kind='psr')
    if k < 7:
        f = r.choice(['APSR_nzcvq', 'APSR_g', 'APSR_nzcvqg'])
        if not x.t32 and k == 6 and f != 'APSR_nzcvqg':
            # MSR (immediate) exists only in A32
            _, v = a32_modimm(r)
            return U(x, x.m('msr', False, '%s, #%#x' % (f, v)), kind='psr')
        return U(x, x.m('msr', False, '%s, %s' % (f, rn(x.reg()))), kind='psr')
    if k == 7:
        return U(x, x.m(r.choice(['qadd', 'qsub', 'qdadd']), False, '%s, %s, %s' %
                        (rn(x.dst()), rn(x.reg()), rn(x.reg()))))
    if k == 8:
        return U(x, x.m(r.choice(['s', 'u']) + r.choice(PAR_OPS), False, '%s, %s, %s' %
                        (rn(x.dst()), rn(x.reg()), rn(x.reg()))))
    if k == 9:
        return U(x, x.m('sel', False, '%s, %s, %s' % (rn(x.dst()), rn(x.reg()), rn(x.reg()))))
    if k == 10:
        return U(x, x.m(r.choice(['adc', 'sbc', 'add', 'sub']), True, '%s, %s, %s' %
                        (rn(x.dst()), rn(x.reg()), rn(x.reg()))))
    return gen_sat(x)


# ---------------------------------------------------------------------------
# IT blocks (T32)

IT_BODY = [gen_dp_imm, gen_dp_reg, gen_shift, gen_mul, gen_div, gen_sat,
           gen_parallel, gen_pack, gen_psr]


def gen_it(x):
    """IT (A8.8.55) with 1-4 instructions. firstcond AL only with all-T
    masks (BitCount(mask) != 1 is UNPREDICTABLE then); no IT, CBZ, branch
    or PC-writing instruction in the body."""
    r = x.r
    n = r.range(1, 4)
    al = r.chance(0.07)
    cond = 'al' if al else r.choice(CONDS)
    pattern = ''.join('t' if al or r.chance(0.5) else 'e' for _ in range(n - 1))
    if al:
        # the assembler refuses IT AL blocks: the IT is written as data
        # (1011 1111 1110 mask, mask = 1000 >> (n - 1) for all-T) and the
        # body without a condition
        lines = ['.inst.n 0x%04x  @ it%s al' % (0xbfe0 | (8 >> (n - 1)), pattern)]
    else:
        lines = ['it%s %s' % (pattern, cond)]
    size = 2
    x.it = True
    for i in range(n):
        slot = cond if i == 0 or pattern[i - 1] == 't' else INV[cond]
        x.c = '' if slot == 'al' else slot
        g = r.choice(IT_BODY)
        u = g(x)
        lines += u.lines
        size += u.size
    x.it = False
    x.c = ''
    return Unit(lines, size, 1 + n)


# ---------------------------------------------------------------------------
# Branches (forward only)


def filler(x):
    g = x.r.choice([gen_dp_imm, gen_dp_reg, gen_shift])
    return g(x)


def gen_branch(x, idx, sizes_after):
    """One branch unit at unit index idx; sizes_after(j) is an upper bound
    of the bytes between the end of this unit and unit j."""
    r = x.r
    dist = r.range(1, 6)
    tgt = idx + dist
    if x.t32:
        if r.chance(0.15):
            return pc_load_branch(x, tgt)
        return t32_branch(x, tgt, sizes_after)
    if r.chance(0.15):
        return pc_load_branch(x, tgt)
    k = r.below(10)
    if k < 4:
        return Unit(['b%s @T0@' % x.c], 4, 1, [tgt])
    if k < 6:
        return Unit(['bl%s @T0@' % x.c], 4, 1, [tgt])
    if k < 8:
        rr = x.dst()
        mn = r.choice(['bx', 'blx'])
        if mn == 'blx' and rr == 14:
            pass  # BLX LR is defined: the target is read before LR is written
        return Unit(['adr %s, @T0@' % rn(rr), '%s%s %s' % (mn, x.c, rn(rr))], 8, 1, [tgt])
    # BLX (immediate) A32 -> T32 and back: interworking both ways
    body = ['blx 1f', '.thumb', '1:']
    size = 12
    for _ in range(r.range(0, 2)):
        y = Ctx('t32', r)
        u = filler(y)
        body += u.lines
        size += u.size
    if r.chance(0.5):
        body += ['blx 2f', '.arm', '.align 2', '2:']
    else:
        rr = x.dst()
        body += ['adr.w %s, 2f' % rn(rr), 'bx %s' % rn(rr), '.arm', '.align 2', '2:']
        size += 8
    return Unit(body, size + 4, 2)


def pc_load_branch(x, tgt):
    """Branches by writing the PC from a load or a data-processing result:
    POP {..., PC} / LDR PC (LoadWritePC, interworking: bit 0 of the value
    selects the state, A2.3.2) and MOV PC, Rm (A32: ALUWritePC, which
    interworks in ARMv7; T32: BranchWritePC). The target address is put
    in a register with ADR (plus 1 for a Thumb target) and, for the loads,
    pushed just before on the stack (the SP points into the scratch
    buffer and comes back to where it was)."""
    r = x.r
    t32 = x.t32
    rr = x.dst()
    # POP {LR, PC} is UNPREDICTABLE in T32 (A8.8.131 T2)
    other = r.choice([g for g in GP if g != rr and not (t32 and g == 14)])
    lines = ['adr%s %s, @T0@' % ('.w' if t32 else '', rn(rr))]
    if t32:
        lines.append('add.w %s, %s, #1' % (rn(rr), rn(rr)))
    k = r.below(4)
    if k == 0:
        lines += ['push {%s}' % rn(rr), 'pop {pc}']
    elif k == 1:
        # two registers: the target is the higher address, loaded into PC
        lines += ['str %s, [sp, #-4]!' % rn(rr), 'str %s, [sp, #-4]!' % rn(other),
                  'pop {%s, pc}' % rn(other)]
    elif k == 2:
        lines += ['str %s, [sp, #-8]!' % rn(rr), 'ldr%s pc, [sp], #8' % ('.w' if t32 else '')]
    else:
        if t32:
            lines[-1] = 'add.w %s, %s, #0' % (rn(rr), rn(rr))   # BranchWritePC ignores bit 0
        lines.append('mov pc, %s' % rn(rr))
    return Unit(lines, 4 * len(lines), 1, [tgt])


def t32_branch(x, tgt, sizes_after):
    r = x.r
    k = r.below(13)
    if k < 3:
        c = r.choice(CONDS + [''])
        if r.chance(0.6):
            # B<c>.N reaches 254 bytes ahead, B.N 2046 (A8.8.18 T1, T2)
            return Unit(['b%s.n @T0@' % c], 2, 1, [tgt], limit=240)
        return Unit(['b%s.w @T0@' % c], 4, 1, [tgt])
    if k < 4:
        return Unit(['b.w @T0@' if r.chance(0.5) else 'b @T0@'], 4, 1, [tgt])
    if k < 5:
        return Unit(['bl @T0@'], 4, 1, [tgt])
    if k < 7:
        # CBZ/CBNZ reach 126 bytes ahead (A8.8.29)
        return Unit(['%s %s, @T0@' % (r.choice(['cbz', 'cbnz']), rn(r.choice(LOW)))], 2, 1,
                    [tgt], limit=120)
    if k < 8:
        # a branch as the last instruction of an IT block (A8.8.55)
        cond = r.choice(CONDS)
        n = r.range(0, 2)
        pat = ''.join(r.choice('te') for _ in range(n))
        lines = ['it%s %s' % (pat, cond)]
        x.it = True
        size = 2
        rr = x.dst()
        saved = x.writable
        x.writable = [g for g in saved if g != rr]   # keep the target
        for i in range(n):
            slot = cond if i == 0 or pat[i - 1] == 't' else INV[cond]
            x.c = slot
            u = filler(x)
            lines += u.lines
            size += u.size
        slot = cond if n == 0 or pat[n - 1] == 't' else INV[cond]
        x.c = ''
        x.it = False
        x.writable = saved
        if r.chance(0.5):
            lines.append('b%s @T0@' % slot)
            size += 4
        else:
            lines = ['adr.w %s, @T0@' % rn(rr), 'add.w %s, %s, #1' % (rn(rr), rn(rr))] + lines
            lines.append('%s%s %s' % (r.choice(['bx', 'blx']), slot, rn(rr)))
            size += 10
        return Unit(lines, size, 2 + n, [tgt])
    if k < 9:
        rr = x.dst()
        mn = r.choice(['bx', 'blx'])
        return Unit(['adr.w %s, @T0@' % rn(rr), 'add.w %s, %s, #1' % (rn(rr), rn(rr)),
                     '%s %s' % (mn, rn(rr))], 10, 1, [tgt])
    if k < 11:
        # TBB/TBH (A8.8.235): index set just before, table just after
        tgts = [tgt + r.range(0, 3) for _ in range(r.range(1, 6))]
        i = r.below(len(tgts))
        rr = x.dst()
        lines = ['movw %s, #%d' % (rn(rr), i)]
        if r.chance(0.5):
            lines.append('tbb [pc, %s]' % rn(rr))
            lines.append('1:')
            for j in range(len(tgts)):
                lines.append('.byte (@T%d@ - 1b) / 2' % j)
        else:
            lines.append('tbh [pc, %s, lsl #1]' % rn(rr))
            lines.append('1:')
            for j in range(len(tgts)):
                lines.append('.short (@T%d@ - 1b) / 2' % j)
        lines.append('.align 1')
        return Unit(lines, 8 + 2 * len(tgts) + 2, 1, tgts)
    # BLX (immediate) T32 -> A32 and back
    body = ['blx 1f', '.arm', '.align 2', '1:']
    size = 10
    for _ in range(r.range(0, 2)):
        y = Ctx('a32', r)
        y.new_cond()
        u = filler(y)
        body += u.lines
        size += u.size
    if r.chance(0.5):
        body += ['blx 2f', '.thumb', '2:']
    else:
        rr = x.dst()
        body += ['adr %s, 2f + 1' % rn(rr), 'bx %s' % rn(rr), '.thumb', '2:']
        size += 8
    return Unit(body, size + 4, 2)


CLASS_GEN = {
    'dp_imm': gen_dp_imm,
    'dp_reg': gen_dp_reg,
    'dp_rsr': gen_dp_rsr,
    'shift': gen_shift,
    'mul': gen_mul,
    'div': gen_div,
    'sat': gen_sat,
    'parallel': gen_parallel,
    'pack': gen_pack,
    'psr': gen_psr,
    'it': gen_it,
}
