"""Random VFPv4 instructions for gen.py's 'vfp' class.

What a segment of the class does: it starts from seeded D0-D31 (rich in
zeros, infinities, NaNs, denormals and values near rounding and integer
edges) and a seeded FPSCR (NZCV, QC, AHP, DN, FZ, RMode and the
cumulative flags; LEN and STRIDE stay 0, since a non-zero value makes the
short-vector capable instructions UNDEFINED on these cores, MVFR0), then
runs random instructions of these kinds:
  - data processing (ARM DDI 0406C A7.5): VADD VSUB VMUL VNMUL VDIV,
    VMLA VMLS VNMLA VNMLS, VFMA VFMS VFNMA VFNMS, VABS VNEG VSQRT, VMOV
    register and immediate, in F32 and F64;
  - compares VCMP/VCMPE (register and #0) with VMRS APSR_nzcv, FPSCR after
    them; VMRS Rt, FPSCR; VMSR FPSCR with random controls;
  - conversions: F32<->F64, to and from 32-bit integers (VCVT, VCVTR),
    to and from 16/32-bit fixed point, VCVTB/VCVTT half precision;
  - transfers (A7.8): VMOV core<->single, two cores<->double, two
    cores<->two singles, VMOV core<->scalar (8/16/32-bit lanes, signed and
    unsigned), VDUP from a core register;
  - loads and stores (A7.6) to the scratch buffer: VLDR/VSTR (single,
    double, positive and negative offsets, PC-relative literals),
    VLDM/VSTM IA and DB with and without writeback, VPUSH/VPOP, and the
    FLDMX/FSTMX forms (odd imm8, as .inst).
A third of the segments run with big-endian data (SETEND BE), which
swaps the words of a doubleword access (A3.3.1 / A8.8.332 VLDR).

Addresses: R12 is the base register of the class (never written by a
random instruction), the SP the stack of VPUSH/VPOP; the generator knows
both at every point (writeback included) and keeps every access inside
the buffer and word aligned. Operands never make an UNPREDICTABLE
encoding: VMOV to two core registers names two different ones, register
lists have 1-16 doubles or 1-32 singles and do not run past D31/S31,
no base register is the PC with writeback.

The dump after each segment adds FPSCR and D0-D31 to the line (dump_fp
below, called by gen.py's dump_state through DUMP_CALL).
"""

import struct

from insns import GP, MASK, Unit, rn

BASE = 12                       # base register of the loads and stores
FP_FIELDS = ['fpscr'] + ['d%d' % i for i in range(32)]

# FPSCR bits a segment or a VMSR may set (A2.7.3): N Z C V QC AHP DN FZ
# RMode and the cumulative flags IDC IXC UFC OFC DZC IOC.
FPSCR_RANDOM_MASK = 0xffc0009f

SPECIAL32 = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000,
             0xffc00000, 0x7f800001, 0x7fa00000, 0xffbfffff, 0x00000001,
             0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,
             0x3f800000, 0xbf800000, 0x3f000000, 0x4f000000, 0xcf000000,
             0x4effffff, 0x4f800000, 0x47000000, 0xc7000000, 0x46fffe00,
             0x3fc00000, 0x3ec00000, 0x40490fdb, 0x33800000, 0x4b000001,
             0x477fe000, 0x477ff000, 0x38800000, 0x387fc000, 0x33000000]
SPECIAL64 = [0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000,
             0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
             0x7ff0000000000001, 0x7ff4000000000000, 0x0000000000000001,
             0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
             0x3ff0000000000000, 0xbff0000000000000, 0x3fe0000000000000,
             0x41e0000000000000, 0xc1e0000000000000, 0x41dfffffffc00000,
             0x41efffffffe00000, 0x41f0000000000000, 0x3ff8000000000000,
             0x400921fb54442d18, 0x47efffffe0000000, 0x36a0000000000000,
             0x3810000000000000, 0x380fffffe0000000, 0x4330000000000001,
             0xc3e0000000000000, 0x40dfffc000000000]


def rand_f32(r):
    k = r.below(100)
    if k < 30:
        return r.choice(SPECIAL32)
    if k < 55:
        # a moderate exponent: sums, products and conversions stay finite
        # and exercise rounding
        e = r.range(100, 157)
        return (r.below(2) << 31) | (e << 23) | r.below(1 << 23)
    if k < 65:
        return (r.below(2) << 31) | r.below(1 << 23)        # denormal
    if k < 75:
        # integers and values near them (conversions)
        v = r.range(-70000, 70000) if r.chance(0.5) else r.range(-(1 << 31), 1 << 32)
        f = struct.unpack('<I', struct.pack('<f', float(v)))[0]
        return (f + r.range(-2, 2)) & MASK
    return r.u32()


def rand_f64(r):
    k = r.below(100)
    if k < 30:
        return r.choice(SPECIAL64)
    if k < 55:
        e = r.range(900, 1150)
        return (r.below(2) << 63) | (e << 52) | (r.next64() & ((1 << 52) - 1))
    if k < 63:
        return (r.below(2) << 63) | (r.next64() & ((1 << 52) - 1))
    if k < 75:
        v = r.range(-(1 << 33), 1 << 33)
        f = struct.unpack('<Q', struct.pack('<d', float(v) + r.choice([0, 0.5, 0.25, 0.75, -0.5])))[0]
        return f
    if k < 85:
        # a pair of singles (the S registers of this D register)
        return (rand_f32(r) << 32) | rand_f32(r)
    return r.next64()


def rand_fpscr(r):
    v = r.u32() & FPSCR_RANDOM_MASK
    if r.chance(0.5):
        v &= ~0x03000000          # FZ, DN off half of the time
    return v


class FpSegment:
    """The FP state a segment starts from, and what the generator knows
    of the base registers."""

    def __init__(self, r, buf, sp):
        self.d = [rand_f64(r) for _ in range(32)]
        self.fpscr = rand_fpscr(r)
        self.buf = buf
        self.base = buf + (r.range(0x1000, 0x7000) & ~7)
        self.sp = sp

    def init_lines(self, label):
        """Assembly that loads the state (uses r0; before the core
        registers are set)."""
        out = ['\t.pushsection .rodata', '\t.p2align 3', '%s:' % label]
        for v in self.d:
            out.append('\t.word %#x, %#x' % (v & MASK, v >> 32))
        out.append('\t.popsection')
        out.append('\tmovw r0, #:lower16:%s' % label)
        out.append('\tmovt r0, #:upper16:%s' % label)
        out.append('\tvldmia r0!, {d0-d15}')
        out.append('\tvldmia r0, {d16-d31}')
        out.append('\tmovw r0, #%#x' % (self.fpscr & 0xffff))
        out.append('\tmovt r0, #%#x' % (self.fpscr >> 16))
        out.append('\tvmsr fpscr, r0')
        return out


# ---------------------------------------------------------------------------
# Operands


def sreg(r):
    return 's%d' % r.below(32)


def dreg(r):
    return 'd%d' % r.below(32)


def reg_of(r, dbl):
    return dreg(r) if dbl else sreg(r)


def core(x):
    """A core register a random instruction may write."""
    return x.r.choice([g for g in x.writable if g != BASE])


def core_src(x):
    return x.r.choice(GP)


def vmov_imm(r):
    """VMOV immediate (A7.5.1 VFPExpandImm): +-(16..31)/16 * 2^(-3..4)."""
    m = r.range(16, 31)
    e = r.range(-3, 4)
    v = m / 16.0 * (2.0 ** e)
    return repr(-v if r.chance(0.5) else v)


# ---------------------------------------------------------------------------
# Instructions

DP3 = ['vadd', 'vsub', 'vmul', 'vnmul', 'vdiv', 'vmla', 'vmls', 'vnmla',
       'vnmls', 'vfma', 'vfms', 'vfnma', 'vfnms']
DP2 = ['vabs', 'vneg', 'vsqrt', 'vmov']


def one(x, text, size=4):
    return Unit([text], size, 1)


def gen_dp(x):
    r = x.r
    c = x.c
    dbl = r.chance(0.5)
    t = '.f64' if dbl else '.f32'
    k = r.below(100)
    if k < 60:
        return one(x, '%s%s%s %s, %s, %s' % (r.choice(DP3), c, t, reg_of(r, dbl),
                                              reg_of(r, dbl), reg_of(r, dbl)))
    if k < 85:
        return one(x, '%s%s%s %s, %s' % (r.choice(DP2), c, t, reg_of(r, dbl),
                                          reg_of(r, dbl)))
    return one(x, 'vmov%s%s %s, #%s' % (c, t, reg_of(r, dbl), vmov_imm(r)))


def gen_cmp(x):
    r = x.r
    c = x.c
    dbl = r.chance(0.5)
    t = '.f64' if dbl else '.f32'
    mn = r.choice(['vcmp', 'vcmpe'])
    op2 = '#0' if r.chance(0.2) else reg_of(r, dbl)
    lines = ['%s%s%s %s, %s' % (mn, c, t, reg_of(r, dbl), op2)]
    if r.chance(0.7):
        lines.append('vmrs%s APSR_nzcv, fpscr' % c)
        return Unit(lines, 8, 2)
    return Unit(lines, 4, 1)


def gen_cvt(x):
    r = x.r
    c = x.c
    k = r.below(9)
    if k == 0:
        return one(x, 'vcvt%s.f64.f32 %s, %s' % (c, dreg(r), sreg(r)))
    if k == 1:
        return one(x, 'vcvt%s.f32.f64 %s, %s' % (c, sreg(r), dreg(r)))
    if k in (2, 3):
        # float to integer: VCVT rounds towards zero, VCVTR with the FPSCR
        mn = r.choice(['vcvt', 'vcvtr'])
        it = r.choice(['s32', 'u32'])
        dbl = r.chance(0.5)
        return one(x, '%s%s.%s.%s %s, %s' % (mn, c, it, 'f64' if dbl else 'f32',
                                             sreg(r), reg_of(r, dbl)))
    if k == 4:
        it = r.choice(['s32', 'u32'])
        dbl = r.chance(0.5)
        return one(x, 'vcvt%s.%s.%s %s, %s' % (c, 'f64' if dbl else 'f32', it,
                                               reg_of(r, dbl), sreg(r)))
    if k in (5, 6):
        # fixed point, in place (A8.8.309): 16-bit types take 0-16 fraction
        # bits, 32-bit ones 1-32
        ft = r.choice(['s16', 'u16', 's32', 'u32'])
        fb = r.range(1, 16) if ft.endswith('16') else r.range(1, 32)
        dbl = r.chance(0.5)
        reg = reg_of(r, dbl)
        fl = 'f64' if dbl else 'f32'
        if k == 5:
            return one(x, 'vcvt%s.%s.%s %s, %s, #%d' % (c, ft, fl, reg, reg, fb))
        return one(x, 'vcvt%s.%s.%s %s, %s, #%d' % (c, fl, ft, reg, reg, fb))
    mn = r.choice(['vcvtb', 'vcvtt'])
    if r.chance(0.5):
        return one(x, '%s%s.f32.f16 %s, %s' % (mn, c, sreg(r), sreg(r)))
    return one(x, '%s%s.f16.f32 %s, %s' % (mn, c, sreg(r), sreg(r)))


def gen_move(x):
    r = x.r
    c = x.c
    k = r.below(11)
    if k == 0:
        return one(x, 'vmov%s %s, %s' % (c, sreg(r), rn(core_src(x))))
    if k == 1:
        return one(x, 'vmov%s %s, %s' % (c, rn(core(x)), sreg(r)))
    if k == 2:
        return one(x, 'vmov%s %s, %s, %s' % (c, dreg(r), rn(core_src(x)), rn(core_src(x))))
    if k == 3:
        # VMOV Rt, Rt2, Dm with Rt == Rt2 is UNPREDICTABLE (A8.8.345)
        a = core(x)
        b = r.choice([g for g in x.writable if g not in (a, BASE)])
        return one(x, 'vmov%s %s, %s, %s' % (c, rn(a), rn(b), dreg(r)))
    if k == 4:
        n = r.below(31)
        return one(x, 'vmov%s s%d, s%d, %s, %s' % (c, n, n + 1, rn(core_src(x)), rn(core_src(x))))
    if k == 5:
        n = r.below(31)
        a = core(x)
        b = r.choice([g for g in x.writable if g not in (a, BASE)])
        return one(x, 'vmov%s %s, %s, s%d, s%d' % (c, rn(a), rn(b), n, n + 1))
    if k == 6:
        # core to scalar (A8.8.341)
        sz = r.choice([8, 16, 32])
        lane = r.below(64 // sz)
        return one(x, 'vmov%s.%d %s[%d], %s' % (c, sz, dreg(r), lane, rn(core_src(x))))
    if k == 7:
        # scalar to core (A8.8.342), signed or unsigned for 8/16 bits
        sz = r.choice([8, 16, 32])
        lane = r.below(64 // sz)
        t = '32' if sz == 32 else r.choice(['s', 'u']) + str(sz)
        if sz != 32:
            c = ''   # GNU as refuses a condition on the .s/.u forms
        return one(x, 'vmov%s.%s %s, %s[%d]' % (c, t, rn(core(x)), dreg(r), lane))
    if k == 8:
        # VDUP from a core register (A8.8.322), D or Q destination
        sz = r.choice([8, 16, 32])
        dst = dreg(r) if r.chance(0.5) else 'q%d' % r.below(16)
        return one(x, 'vdup%s.%d %s, %s' % (c, sz, dst, rn(core_src(x))))
    if k == 9:
        return one(x, 'vmrs%s %s, fpscr' % (c, rn(core(x))))
    # VMSR FPSCR with random controls (LEN/STRIDE stay 0, see the top)
    v = r.u32() & FPSCR_RANDOM_MASK
    t = core(x)
    return Unit(['movw %s, #%#x' % (rn(t), v & 0xffff),
                 'movt %s, #%#x' % (rn(t), v >> 16),
                 'vmsr%s fpscr, %s' % (c, rn(t))], 12, 1)


def reglist(r, dbl):
    """A register list: 1-16 doubles or 1-32 singles, not past the last."""
    if dbl:
        n = r.range(1, 16)
        first = r.below(33 - n)
        return n, n * 8, '{d%d-d%d}' % (first, first + n - 1) if n > 1 else '{d%d}' % first
    n = r.range(1, 32) if r.chance(0.3) else r.range(1, 8)
    first = r.below(33 - n)
    return n, n * 4, '{s%d-s%d}' % (first, first + n - 1) if n > 1 else '{s%d}' % first


def gen_mem(x, fs):
    """A load or store; those that write back their base register are
    unconditional (the flags are not known after a VMRS APSR_nzcv)."""
    r = x.r
    c = x.c
    k = r.below(100)
    b = fs.base - fs.buf
    if k < 35:
        # VLDR/VSTR, offsets +-0..1020 in words
        dbl = r.chance(0.5)
        off = r.range(-255, 255) * 4
        if not (0 <= b + off and b + off + 8 <= 0x10000):
            off = 0
        mn = r.choice(['vldr', 'vstr'])
        return one(x, '%s%s %s, [%s, #%d]' % (mn, c, reg_of(r, dbl), rn(BASE), off))
    if k < 45:
        # PC-relative literal (VLDR Rn = PC; Thumb: Align(PC, 4))
        dbl = r.chance(0.5)
        v = rand_f64(r)
        return Unit(['b 9f', '.p2align 2', '8: .word %#x, %#x' % (v & MASK, v >> 32),
                     '9: vldr%s %s, 8b' % (c, reg_of(r, dbl))], 20, 1)
    if k < 80:
        dbl = r.chance(0.5)
        n, size, lst = reglist(r, dbl)
        mode = r.choice(['ia', 'ia!', 'db!'])
        ld = r.chance(0.5)
        if mode == 'db!':
            nb = b - size
        elif mode == 'ia!':
            nb = b + size
        else:
            nb = b
        lo, hi = min(b, nb), max(b, nb) + (size if mode == 'ia' else 0)
        if lo < 0x400 or hi > 0xfc00:
            mode, nb = 'ia', b
        fs.base = fs.buf + nb
        if nb != b:
            c = ''   # the flags are not known here: a writeback always happens
        return one(x, '%s%s%s %s%s, %s' % ('vldm' if ld else 'vstm', mode[:2], c,
                                          rn(BASE), '!' if mode.endswith('!') else '', lst))
    if k < 92:
        c = ''       # unconditional: the generator follows the SP
        dbl = r.chance(0.5)
        n, size, lst = reglist(r, dbl)
        sp = fs.sp - fs.buf
        if r.chance(0.5) and sp - size >= 0x400:
            fs.sp -= size
            return one(x, 'vpush%s %s' % (c, lst))
        if sp + size <= 0xfc00:
            fs.sp += size
            return one(x, 'vpop%s %s' % (c, lst))
        fs.sp -= size
        return one(x, 'vpush%s %s' % (c, lst))
    # FLDMX/FSTMX (A8.8 "FLDMX, FSTMX"): VLDM/VSTM of doubles with an odd
    # imm8 = 2n+1, written as the encoding: cond 110P UDWL Rn Vd 1011 imm8
    n = r.range(1, 16)
    first = r.below(33 - n)
    ld = r.chance(0.5)
    wb = r.chance(0.5)
    nb = b + 8 * n + 4 if wb else b
    if nb + 8 * n > 0xfc00:
        wb, nb = False, b
    fs.base = fs.buf + nb
    if wb:
        c = ''
    enc = (0x0c800b00 | (1 << 20 if ld else 0) | (1 << 21 if wb else 0) |
           (BASE << 16) | ((first >> 4) << 22) | ((first & 15) << 12) | (2 * n + 1))
    if x.t32:
        return one(x, '.inst.w %#x' % (0xe0000000 | enc))
    cond = {'': 14, 'eq': 0, 'ne': 1, 'cs': 2, 'cc': 3, 'mi': 4, 'pl': 5, 'vs': 6,
            'vc': 7, 'hi': 8, 'ls': 9, 'ge': 10, 'lt': 11, 'gt': 12, 'le': 13}[c]
    return one(x, '.inst %#x' % ((cond << 28) | enc))


def gen(x, fs):
    """One unit of the vfp class."""
    k = x.r.below(100)
    if k < 38:
        return gen_dp(x)
    if k < 50:
        return gen_cmp(x)
    if k < 66:
        return gen_cvt(x)
    if k < 82:
        return gen_move(x)
    return gen_mem(x, fs)


# The program's additions (gen.py formats them into its HEADER).
ENABLE = """	.fpu neon-vfpv4
	@ CPACR cp10/cp11 full access, ISB, FPEXC.EN (B4.1.40)
	mrc p15, 0, r0, c1, c0, 2
	orr r0, r0, #(0xf << 20)
	mcr p15, 0, r0, c1, c0, 2
	isb
	mov r0, #0x40000000
	vmsr fpexc, r0"""

DUMP_CALL = '\tbl dump_fp'

# dump_fp: ARM, from dump_state (r4 = output pointer, r0-r3, r5-r10 free;
# dump_hex clobbers r0, r1, r4, r6, r7). Appends " FPSCR D0 ... D31".
DUMP_FP = r"""
	.type dump_fp, %function
dump_fp:
	push {r8-r10, lr}
	mov r0, #' '
	strb r0, [r4], #1
	vmrs r0, fpscr
	mov r6, #8
	mov r7, #28
	bl dump_hex
	vpush {d16-d31}
	vpush {d0-d15}                  @ sp: D0, D1, ... D31
	mov r8, sp
	mov r9, #32
5:	mov r0, #' '
	strb r0, [r4], #1
	ldr r0, [r8, #4]
	mov r6, #8
	mov r7, #28
	bl dump_hex
	ldr r0, [r8], #8
	mov r6, #8
	mov r7, #28
	bl dump_hex
	subs r9, r9, #1
	bne 5b
	add sp, sp, #256
	pop {r8-r10, pc}
"""
