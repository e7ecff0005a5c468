#!/usr/bin/env python3
"""Generate the VFP value-table test images vfp_arith.S (A32) and
vfp_arith_t32.S (the same cases in Thumb): every VFP data-processing class
(ARM DDI 0406C A7.5) on edge values (zeros, denormals, the largest and
smallest normals, infinities, quiet and signalling NaNs) and random ones,
in the four rounding modes, with FZ and DN on and off.

Each case sets the FPSCR and d0-d2, runs one instruction and prints d0 and
the FPSCR (vfp_common.inc). The .expect files are the output of QEMU 7.2
(-cpu cortex-a15 and cortex-a7 agree), not of this script: run it, build,
run QEMU, compare with hypsim, save. Usage: vfp_gen.py [outdir]
"""
import os
import random
import sys

S_EDGE = [0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f7fffff,
          0xff7fffff, 0x00000001, 0x807fffff, 0x00800000, 0x80800000,
          0x7f800000, 0xff800000, 0x7fc00000, 0xffc00123, 0x7f800001,
          0xff812345, 0x3fffffff, 0x4b000001, 0x33800000, 0x00400000,
          0x4f000000, 0xcf000001, 0x4f800000, 0x3f000000, 0xbf000001,
          0x40490fdb, 0x0c000000, 0x72000000]
D_EDGE = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
          0xbff8000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
          0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000,
          0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
          0xfff8000000000123, 0x7ff0000000000001, 0xfff0000012345678,
          0x3fffffffffffffff, 0x4330000000000001, 0x41e0000000000000,
          0xc1e0000000200000, 0x41f0000000000000, 0x3fe0000000000000,
          0x36a0000000000000, 0x47efffffe0000000, 0x3810000000000000,
          0x380fffffffffffff, 0x400921fb54442d18]

RMODES = [0, 1 << 22, 2 << 22, 3 << 22]
FZ, DN = 1 << 24, 1 << 25


def rnd_s(r):
    k = r.random()
    if k < 0.5:
        return r.choice(S_EDGE)
    e = r.choice([0, 1, 2, 0x7e, 0x7f, 0x80, 0xfe, r.randrange(256)])
    return (r.getrandbits(1) << 31) | (e << 23) | r.getrandbits(23)


def rnd_d(r):
    k = r.random()
    if k < 0.5:
        return r.choice(D_EDGE)
    e = r.choice([0, 1, 0x3fe, 0x3ff, 0x400, 0x7fe, 0x380, 0x36a,
                  r.randrange(2048)])
    return (r.getrandbits(1) << 63) | (e << 52) | r.getrandbits(52)


# (mnemonic template, operands) ; s: single, d: double
BINARY = ["vadd", "vsub", "vmul", "vnmul", "vdiv", "vmla", "vmls", "vnmla",
          "vnmls", "vfma", "vfms", "vfnma", "vfnms"]
UNARY = ["vsqrt", "vabs", "vneg", "vmov"]


def cases(r):
    out = []
    for op in BINARY:
        for _ in range(40):
            for dp in (False, True):
                fp = r.choice(RMODES) | r.choice([0, FZ, DN, FZ | DN])
                if dp:
                    out.append((fp, rnd_d(r), rnd_d(r), rnd_d(r),
                                f"{op}.f64 d0, d1, d2"))
                else:
                    out.append((fp, rnd_s(r) | (rnd_s(r) << 32),
                                rnd_s(r), rnd_s(r),
                                f"{op}.f32 s0, s2, s4"))
    for op in UNARY:
        for _ in range(25):
            for dp in (False, True):
                fp = r.choice(RMODES) | r.choice([0, FZ, DN, FZ | DN])
                if dp:
                    out.append((fp, 0, rnd_d(r), 0, f"{op}.f64 d0, d1"))
                else:
                    out.append((fp, 0, rnd_s(r), 0, f"{op}.f32 s0, s2"))
    for e in ("", "e"):
        for _ in range(30):
            for dp in (False, True):
                fp = r.choice([0, FZ])
                if dp:
                    out.append((fp, 0, rnd_d(r), rnd_d(r),
                                f"vcmp{e}.f64 d1, d2; vmrs APSR_nzcv, fpscr; mrs r0, apsr; vmov s1, r0"))
                    out.append((fp, 0, rnd_d(r), 0, f"vcmp{e}.f64 d1, #0"))
                else:
                    out.append((fp, 0, rnd_s(r), rnd_s(r),
                                f"vcmp{e}.f32 s2, s4"))
                    out.append((fp, 0, rnd_s(r), 0, f"vcmp{e}.f32 s2, #0"))
    # conversions
    for _ in range(30):
        fp = r.choice(RMODES) | r.choice([0, FZ, DN, FZ | DN])
        out.append((fp, 0, rnd_d(r), 0, "vcvt.f32.f64 s0, d1"))
        out.append((fp, 0, rnd_s(r), 0, "vcvt.f64.f32 d0, s2"))
        for t in ("s32", "u32"):
            out.append((fp, 0, rnd_s(r), 0, f"vcvt.{t}.f32 s0, s2"))
            out.append((fp, 0, rnd_s(r), 0, f"vcvtr.{t}.f32 s0, s2"))
            out.append((fp, 0, rnd_d(r), 0, f"vcvt.{t}.f64 s0, d1"))
            out.append((fp, 0, rnd_d(r), 0, f"vcvtr.{t}.f64 s0, d1"))
            iv = r.choice([0, 1, 0x7fffffff, 0x80000000, 0xffffffff,
                           0x01000001, r.getrandbits(32)])
            out.append((fp, 0, iv, 0, f"vcvt.f32.{t} s0, s2"))
            out.append((fp, 0, iv, 0, f"vcvt.f64.{t} d0, s2"))
        ahp = r.choice([0, 1 << 26])
        out.append((fp | ahp, rnd_s(r) << 32 | r.getrandbits(32), rnd_s(r),
                    0, "vcvtb.f16.f32 s0, s2"))
        out.append((fp | ahp, r.getrandbits(32), rnd_s(r), 0,
                    "vcvtt.f16.f32 s0, s2"))
        h = r.choice([0x7c00, 0xfc01, 0x7e00, 0x7d00, 0x0001, 0x8200,
                      0x3c00, 0x7bff, r.getrandbits(16)])
        h2 = r.getrandbits(16)
        out.append((fp | ahp, 0, h | (h2 << 16), 0, "vcvtb.f32.f16 s0, s2"))
        out.append((fp | ahp, 0, h2 | (h << 16), 0, "vcvtt.f32.f16 s0, s2"))
        for t, size in (("s16", 16), ("u16", 16), ("s32", 32), ("u32", 32)):
            fb = r.randrange(0, size + 1) if size == 16 else r.randrange(1, 33)
            if fb == 0:
                fb = 1
            out.append((fp, rnd_s(r), 0, 0, f"vcvt.{t}.f32 s0, s0, #{fb}"))
            out.append((fp, rnd_d(r), 0, 0, f"vcvt.{t}.f64 d0, d0, #{fb}"))
            iv = r.getrandbits(32) if r.random() < 0.7 else r.choice(
                [0x8000, 0x7fff, 0xffff8000, 0x80000000, 0xffffffff])
            out.append((fp, iv | (r.getrandbits(32) << 32), 0, 0,
                        f"vcvt.f32.{t} s0, s0, #{fb}"))
            out.append((fp, iv | (r.getrandbits(32) << 32), 0, 0,
                        f"vcvt.f64.{t} d0, d0, #{fb}"))
    for imm in ("1.0", "-2.0", "0.125", "31.0", "-1.9375", "0.5", "16.0"):
        out.append((0, 0xffffffffffffffff, 0, 0, f"vmov.f32 s0, #{imm}"))
        out.append((0, 0xffffffffffffffff, 0, 0, f"vmov.f64 d0, #{imm}"))
    return out


def emit(path, thumb, seed):
    r = random.Random(seed)
    lines = [f"@ Generated by vfp_gen.py (seed {seed}): VFP data processing"
             f" in {'Thumb' if thumb else 'ARM'} state.\n",
             "@ Expected output: QEMU 7.2 -cpu cortex-a15 and cortex-a7"
             " (identical).\n",
             '#include "vfp_common.inc"\n', "\t.text\n"]
    if thumb:
        lines += ["\t.thumb\n", "\t.global main\n", "\t.thumb_func\n"]
    else:
        lines += ["\t.arm\n", "\t.global main\n"]
    lines += ["main:\n", "\tpush {r4-r11, lr}\n", "\tFP_ENABLE\n"]
    for i, (fp, v0, v1, v2, insn) in enumerate(cases(r)):
        def lohi(v):
            return f"{v & 0xffffffff:#x}, {v >> 32:#x}"
        lines.append(f"\tFPSET {fp:#x}, {lohi(v0)}, {lohi(v1)}, {lohi(v2)}\n")
        *pre, last = [x.strip() for x in insn.split(";")]
        first = pre[0] if pre else last
        label = f"{first} [{fp >> 22:x} {v0:x} {v1:x} {v2:x}]"
        if pre:
            lines.append(f"\t{pre[0]}\n")
            for x in pre[1:]:
                lines.append(f"\t{x}\n")
            lines.append(f'\tFPCHECK "{label}", {last}\n')
        else:
            lines.append(f'\tFPCHECK "{label}", {last}\n')
        if i % 8 == 7:
            lines.append("\tPOOL\n")
    lines += ["\tPOOL\n", "\tmov r0, #0\n", "\tpop {r4-r11, pc}\n"]
    with open(path, "w") as f:
        f.write("".join(lines))


if __name__ == "__main__":
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    emit(os.path.join(outdir, "vfp_arith.S"), False, 1)
    emit(os.path.join(outdir, "vfp_arith_t32.S"), True, 2)
