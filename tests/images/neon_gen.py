#!/usr/bin/env python3
"""Generate the Advanced SIMD data-processing test images.

    python3 neon_gen.py [OUTDIR]   # writes neon_dp.S (A32) and neon_dp_t32.S
                                   # (and neon_ls*, neon_rand*); the build
                                   # runs it into BUILD/tests/images-src

Each test loads D0-D31 with the same fixed pseudo-random contents (some
registers hold saturation edge values, some small signed values that make
useful shift counts), clears FPSCR, runs one instruction, and prints

    <instruction> <hash of D0-D31> <FPSCR>

so that the output of hypsim and QEMU (-cpu cortex-a15 / cortex-a7) can be
compared line by line. An instruction that is UNDEFINED prints "UNDEF"
instead (the Undefined vector resumes after the test). The expected output
is QEMU's (checked on both cores); nothing here computes results."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def data_bytes():
    """256 bytes for D0-D31: D0-D7 and D16-D31 pseudo-random, D8-D11 edge
    values, D12-D15 small signed values (-9..9) and float-ish words."""
    out = bytearray()
    x = 0x2545F491
    for d in range(32):
        for i in range(8):
            x = (x * 1103515245 + 12345) & 0xffffffff
            b = (x >> 16) & 0xff
            if 8 <= d < 12:
                b = [0x00, 0x7f, 0x80, 0xff, 0x01, 0xfe, 0x81, 0x7e][(b + i) % 8]
            elif 12 <= d < 14:
                b = ((b % 19) - 9) & 0xff
            out.append(b)
    # D14, D15: a few single-precision values (1.5, -2.25, 0, -0,
    # denormal, inf)
    words = [0x3fc00000, 0xc0100000, 0x00000000, 0x80000000,
             0x00012345, 0x7f800000, 0x42c80000, 0xbf000000]
    for i, w in enumerate(words):
        out[14 * 8 + 4 * i:14 * 8 + 4 * i + 4] = w.to_bytes(4, 'little')
    return bytes(out)


def tests():
    t = []
    # ---- priority 2: immediates, logic, moves ----
    t += ["vmov.i32 q0, #0x12", "vmov.i32 d1, #0x1200",
          "vmov.i32 q2, #0x120000", "vmov.i32 d3, #0x12000000",
          "vmov.i16 q4, #0x34", "vmov.i16 d5, #0x3400",
          "vmov.i32 q6, #0x12ff", "vmov.i32 d7, #0x12ffff",
          "vmov.i8 q8, #0xa5", "vmov.i64 d9, #0xff00ff0000ff00ff",
          "vmov.f32 q10, #1.5", "vmov.f32 d11, #-0.125",
          "vmvn.i32 q0, #0x12", "vmvn.i32 d1, #0x1200",
          "vmvn.i32 q2, #0x120000", "vmvn.i32 d3, #0x12000000",
          "vmvn.i16 q4, #0x34", "vmvn.i16 d5, #0x3400",
          "vmvn.i32 q6, #0x12ff", "vmvn.i32 d7, #0x12ffff",
          "vorr.i32 q1, #0x12000000", "vorr.i32 d2, #0x5600",
          "vorr.i16 q3, #0x3400", "vorr.i16 d4, #0x78",
          "vbic.i32 q1, #0x12", "vbic.i32 d2, #0x5600",
          "vbic.i16 q3, #0x3400", "vbic.i16 d4, #0x78"]
    for op in ["vand", "vbic", "vorr", "vorn", "veor", "vbsl", "vbit", "vbif"]:
        t += [f"{op} d0, d1, d2", f"{op} q0, q1, q2", f"{op} q3, q3, q9"]
    t += ["vmov q0, q5", "vmov d0, d7", "vswp d0, d1", "vswp q0, q8",
          "vdup.8 d0, d1[3]", "vdup.8 q1, d31[7]", "vdup.16 q1, d2[2]",
          "vdup.16 d5, d3[0]", "vdup.32 q2, d3[1]", "vdup.32 d7, d16[0]"]
    # ---- priority 3: integer three registers of the same length ----
    sized = {
        "vadd": ["i8", "i16", "i32", "i64"], "vsub": ["i8", "i16", "i32", "i64"],
        "vhadd": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vhsub": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vrhadd": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vqadd": ["s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"],
        "vqsub": ["s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"],
        "vcgt": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vcge": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vceq": ["i8", "i16", "i32"], "vtst": ["8", "16", "32"],
        "vmax": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vmin": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vabd": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vaba": ["s8", "s16", "s32", "u8", "u16", "u32"],
        "vmul": ["i8", "i16", "i32", "p8"], "vmla": ["i8", "i16", "i32"],
        "vmls": ["i8", "i16", "i32"], "vqdmulh": ["s16", "s32"],
        "vqrdmulh": ["s16", "s32"],
    }
    for op, types in sized.items():
        for ty in types:
            t += [f"{op}.{ty} q0, q4, q5", f"{op}.{ty} d1, d8, d9",
                  f"{op}.{ty} q1, q10, q11"]
    for op in ["vpadd", "vpmax", "vpmin"]:
        types = ["i8", "i16", "i32"] if op == "vpadd" else \
            ["s8", "s16", "s32", "u8", "u16", "u32"]
        for ty in types:
            t += [f"{op}.{ty} d0, d8, d9", f"{op}.{ty} d17, d17, d20"]
    for op in ["vshl", "vqshl", "vrshl", "vqrshl"]:
        for ty in ["s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"]:
            t += [f"{op}.{ty} q0, q4, q6", f"{op}.{ty} d1, d10, d13",
                  f"{op}.{ty} q1, q9, q8"]
    # ---- priority 4: two registers, miscellaneous (integer) ----
    for ty in ["8", "16", "32"]:
        t += [f"vrev64.{ty} q0, q8", f"vrev64.{ty} d1, d9"]
    for ty in ["8", "16"]:
        t += [f"vrev32.{ty} q0, q8", f"vrev32.{ty} d1, d9"]
    t += ["vrev16.8 q0, q8", "vrev16.8 d1, d9"]
    for op in ["vpaddl", "vpadal"]:
        for ty in ["s8", "s16", "s32", "u8", "u16", "u32"]:
            t += [f"{op}.{ty} q0, q4", f"{op}.{ty} d1, d16"]
    for op, types in [("vcls", ["s8", "s16", "s32"]),
                      ("vclz", ["i8", "i16", "i32"]), ("vcnt", ["8"]),
                      ("vqabs", ["s8", "s16", "s32"]),
                      ("vqneg", ["s8", "s16", "s32"]),
                      ("vabs", ["s8", "s16", "s32"]),
                      ("vneg", ["s8", "s16", "s32"])]:
        for ty in types:
            t += [f"{op}.{ty} q0, q4", f"{op}.{ty} d1, d21", f"{op}.{ty} q1, q6"]
    t += ["vmvn q0, q4", "vmvn d1, d21"]
    for op in ["vcgt", "vcge", "vceq", "vcle", "vclt"]:
        for ty in ["s8", "s16", "s32"]:
            t += [f"{op}.{ty} q0, q6, #0", f"{op}.{ty} d1, d12, #0"]
    for op in ["vtrn", "vuzp", "vzip"]:
        for ty in ["8", "16", "32"]:
            t.append(f"{op}.{ty} q0, q8")
            if not (op != "vtrn" and ty == "32"):
                t.append(f"{op}.{ty} d1, d9")
    for ty in ["i16", "i32", "i64"]:
        t += [f"vmovn.{ty} d0, q4", f"vmovn.{ty} d1, q8"]
    for op in ["vqmovn.s", "vqmovn.u", "vqmovun.s"]:
        for sz in ["16", "32", "64"]:
            t += [f"{op}{sz} d0, q4", f"{op}{sz} d1, q8"]
    for ty in ["s8", "s16", "s32", "u8", "u16", "u32", "i8", "i16", "i32"]:
        pass
    t += ["vshll.i8 q0, d8, #8", "vshll.i16 q1, d9, #16",
          "vshll.i32 q2, d20, #32"]
    # ---- priority 5: shifts by an immediate ----
    for ty, sizes in [("s", [8, 16, 32, 64]), ("u", [8, 16, 32, 64])]:
        for sz in sizes:
            for op in ["vshr", "vsra", "vrshr", "vrsra"]:
                t += [f"{op}.{ty}{sz} q0, q4, #1", f"{op}.{ty}{sz} d1, d17, #{sz}",
                      f"{op}.{ty}{sz} q1, q10, #{sz // 2 + 1}"]
            t += [f"vqshl.{ty}{sz} q0, q4, #1", f"vqshl.{ty}{sz} d1, d17, #{sz - 1}",
                  f"vqshl.{ty}{sz} q1, q6, #{sz // 2}"]
            if ty == "s":
                t += [f"vqshlu.s{sz} q0, q4, #1", f"vqshlu.s{sz} d1, d17, #{sz - 1}",
                      f"vqshlu.s{sz} q1, q6, #{sz // 2}"]
    for sz in [8, 16, 32, 64]:
        t += [f"vshl.i{sz} q0, q4, #1", f"vshl.i{sz} d1, d17, #{sz - 1}",
              f"vsri.{sz} q0, q4, #1", f"vsri.{sz} d1, d17, #{sz}",
              f"vsri.{sz} q1, q10, #{sz // 2}",
              f"vsli.{sz} q0, q4, #0", f"vsli.{sz} d1, d17, #{sz - 1}",
              f"vsli.{sz} q1, q10, #{sz // 2}"]
    for sz in [16, 32, 64]:
        h = sz // 2
        t += [f"vshrn.i{sz} d0, q4, #1", f"vshrn.i{sz} d1, q8, #{h}",
              f"vrshrn.i{sz} d0, q4, #1", f"vrshrn.i{sz} d1, q8, #{h}"]
        for ty in ["s", "u"]:
            for op in ["vqshrn", "vqrshrn"]:
                t += [f"{op}.{ty}{sz} d0, q4, #1", f"{op}.{ty}{sz} d1, q8, #{h}",
                      f"{op}.{ty}{sz} d2, q10, #{h // 2}"]
        for op in ["vqshrun", "vqrshrun"]:
            t += [f"{op}.s{sz} d0, q4, #1", f"{op}.s{sz} d1, q8, #{h}",
                  f"{op}.s{sz} d2, q10, #{h // 2}"]
    for ty in ["s", "u"]:
        for sz in [8, 16, 32]:
            t += [f"vshll.{ty}{sz} q0, d8, #1", f"vshll.{ty}{sz} q1, d17, #{sz - 1}",
                  f"vmovl.{ty}{sz} q2, d9"]
    # ---- priority 6: long, wide, narrow; by scalar ----
    for op in ["vaddl", "vsubl", "vabal", "vabdl", "vmlal", "vmlsl", "vmull"]:
        for ty in ["s8", "s16", "s32", "u8", "u16", "u32"]:
            t += [f"{op}.{ty} q0, d8, d9", f"{op}.{ty} q1, d17, d20"]
    for op in ["vaddw", "vsubw"]:
        for ty in ["s8", "s16", "s32", "u8", "u16", "u32"]:
            t += [f"{op}.{ty} q0, q4, d9", f"{op}.{ty} q1, q9, d20"]
    for op in ["vaddhn", "vraddhn", "vsubhn", "vrsubhn"]:
        for ty in ["i16", "i32", "i64"]:
            t += [f"{op}.{ty} d0, q4, q5", f"{op}.{ty} d1, q9, q10"]
    for op in ["vqdmlal", "vqdmlsl", "vqdmull"]:
        for ty in ["s16", "s32"]:
            t += [f"{op}.{ty} q0, d8, d9", f"{op}.{ty} q1, d17, d20",
                  f"{op}.{ty} q2, d10, d10"]
    t += ["vmull.p8 q0, d8, d9", "vmull.p8 q1, d17, d20"]
    for op in ["vmla", "vmls", "vmul"]:
        t += [f"{op}.i16 q0, q4, d3[2]", f"{op}.i16 d1, d17, d7[1]",
              f"{op}.i32 q0, q4, d3[1]", f"{op}.i32 d1, d17, d15[0]"]
    for op in ["vqdmulh", "vqrdmulh"]:
        t += [f"{op}.s16 q0, q4, d3[2]", f"{op}.s16 d1, d10, d7[3]",
              f"{op}.s32 q0, q4, d11[1]", f"{op}.s32 d1, d17, d15[0]"]
    for op in ["vmlal", "vmlsl", "vmull"]:
        for ty in ["s16", "u16"]:
            t += [f"{op}.{ty} q0, d8, d3[2]", f"{op}.{ty} q1, d17, d7[1]"]
        for ty in ["s32", "u32"]:
            t += [f"{op}.{ty} q0, d8, d3[1]", f"{op}.{ty} q1, d17, d15[0]"]
    for op in ["vqdmlal", "vqdmlsl", "vqdmull"]:
        t += [f"{op}.s16 q0, d8, d3[2]", f"{op}.s16 q1, d10, d7[3]",
              f"{op}.s32 q0, d8, d11[1]", f"{op}.s32 q1, d17, d15[0]"]
    # ---- priority 7: VEXT, VTBL, VTBX ----
    t += ["vext.8 d0, d1, d2, #3", "vext.8 q0, q1, q2, #11",
          "vext.16 d3, d4, d5, #1", "vext.32 q3, q4, q5, #3",
          "vext.64 q6, q7, q8, #1", "vext.8 d7, d7, d7, #7"]
    for n in range(1, 5):
        regs = ", ".join(f"d{20 + i}" for i in range(n))
        t += [f"vtbl.8 d0, {{{regs}}}, d13", f"vtbl.8 d1, {{{regs}}}, d2",
              f"vtbx.8 d0, {{{regs}}}, d13", f"vtbx.8 d1, {{{regs}}}, d6"]
    # ---- priority 8 (and the float rows of 4-6): single precision ----
    for op in ["vadd", "vsub", "vmul", "vmla", "vmls", "vfma", "vfms", "vabd",
               "vmax", "vmin", "vceq", "vcge", "vcgt", "vacge", "vacgt",
               "vrecps", "vrsqrts"]:
        t += [f"{op}.f32 q0, q7, q1", f"{op}.f32 d1, d14, d15",
              f"{op}.f32 q2, q10, q11", f"{op}.f32 q3, q7, q7"]
    for op in ["vpadd", "vpmax", "vpmin"]:
        t += [f"{op}.f32 d0, d14, d15", f"{op}.f32 d1, d20, d21"]
    for op in ["vabs", "vneg", "vrecpe", "vrsqrte"]:
        t += [f"{op}.f32 q0, q7", f"{op}.f32 d1, d20", f"{op}.f32 q1, q11"]
    for op in ["vrecpe", "vrsqrte"]:
        t += [f"{op}.u32 q0, q7", f"{op}.u32 d1, d20", f"{op}.u32 q1, q4"]
    for op in ["vcgt", "vcge", "vceq", "vcle", "vclt"]:
        t += [f"{op}.f32 q0, q7, #0", f"{op}.f32 d1, d20, #0"]
    for ty in ["s32.f32", "u32.f32", "f32.s32", "f32.u32"]:
        t += [f"vcvt.{ty} q0, q7", f"vcvt.{ty} d1, d20", f"vcvt.{ty} q1, q4"]
        t += [f"vcvt.{ty} q0, q7, #1", f"vcvt.{ty} d1, d20, #16",
              f"vcvt.{ty} q1, q4, #32"]
    t += ["vcvt.f16.f32 d0, q7", "vcvt.f16.f32 d1, q10",
          "vcvt.f32.f16 q0, d14", "vcvt.f32.f16 q1, d21"]
    for op in ["vmla", "vmls", "vmul"]:
        t += [f"{op}.f32 q0, q7, d15[1]", f"{op}.f32 d1, d20, d14[0]",
              f"{op}.f32 q2, q10, d7[1]"]
    return t


def ls_tests():
    """(instruction, base offset from neon_mem+64, options) with options a
    string of: 'a' SCTLR.A set, 'b' big-endian data (SETEND BE)."""
    t = []
    wb = ["[r0]", "[r0]!", "[r0], r1"]
    lists = {1: "{d0}", 2: "{d0-d1}", 3: "{d0-d2}", 4: "{d0-d3}"}
    for op in ["vld1", "vst1"]:
        for sz in [8, 16, 32, 64]:
            for n, regs in lists.items():
                for w in wb:
                    t.append((f"{op}.{sz} {regs}, {w}", 0, ""))
            t.append((f"{op}.{sz} {{d30-d31}}, [r0:128]", 0, ""))
            t.append((f"{op}.{sz} {{d4-d7}}, [r0:256]!", 0, ""))
            t.append((f"{op}.{sz} {{d5}}, [r0:64], r1", 0, ""))
            # (the :256 fault at an address aligned to 16 only is in
            # tests/unit/test_neon.c: QEMU 7.2 performs that access)
            t.append((f"{op}.{sz} {{d1-d2}}, [r0:128]", 8, ""))   # fault
            t.append((f"{op}.{sz} {{d1-d3}}, [r0:64]", 4, ""))    # fault
            t.append((f"{op}.{sz} {{d0-d1}}, [r0]", 0, "b"))
            t.append((f"{op}.{sz} {{d9-d10}}, [r0]!", 0, "a"))
            if sz < 64:
                t.append((f"{op}.{sz} {{d9}}, [r0]", sz // 8, "a"))
            t.append((f"{op}.{sz} {{d9}}, [r0]", 4 if sz == 64 else 1, "a"))
        for sz in [8, 16, 32]:
            n = {"vld1": "vld2", "vst1": "vst2"}[op]
            for regs in ["{d0-d1}", "{d0, d2}", "{d0-d3}", "{d29, d31}"]:
                for w in wb:
                    t.append((f"{n}.{sz} {regs}, {w}", 0, ""))
            t.append((f"{n}.{sz} {{d0-d3}}, [r0:256]", 0, ""))
            t.append((f"{n}.{sz} {{d0-d3}}, [r0:128]", 8, ""))
            t.append((f"{n}.{sz} {{d0, d2}}, [r0]", 0, "b"))
            n3 = n.replace("2", "3")
            for regs in ["{d0-d2}", "{d0, d2, d4}", "{d27, d29, d31}"]:
                for w in wb:
                    t.append((f"{n3}.{sz} {regs}, {w}", 0, ""))
            t.append((f"{n3}.{sz} {{d0-d2}}, [r0:64]", 0, ""))
            t.append((f"{n3}.{sz} {{d0-d2}}, [r0:64]", 4, ""))
            t.append((f"{n3}.{sz} {{d0-d2}}, [r0]", 0, "b"))
            n4 = n.replace("2", "4")
            for regs in ["{d0-d3}", "{d0, d2, d4, d6}", "{d25, d27, d29, d31}"]:
                for w in wb:
                    t.append((f"{n4}.{sz} {regs}, {w}", 0, ""))
            t.append((f"{n4}.{sz} {{d0-d3}}, [r0:256]!", 0, ""))
            t.append((f"{n4}.{sz} {{d0-d3}}, [r0:128]", 16 + 8, ""))
            t.append((f"{n4}.{sz} {{d0-d3}}, [r0]", 0, "b"))
            t.append((f"{n4}.{sz} {{d0-d3}}, [r0]", 1, "a"))
        # single lane
        for sz, lane in [(8, 5), (16, 3), (32, 1)]:
            al = {8: "", 16: ":16", 32: ":32"}[sz]
            for w in wb:
                t.append((f"{op}.{sz} {{d3[{lane}]}}, {w}", 0, ""))
            t.append((f"{op}.{sz} {{d3[{lane}]}}, [r0{al}]", 0, "b"))
            if al:
                t.append((f"{op}.{sz} {{d3[{lane}]}}, [r0{al}]", 1, ""))
            t.append((f"{op}.{sz} {{d3[{lane}]}}, [r0]", 1, "a"))
            for k in [2, 3, 4]:
                nk = op.replace("1", str(k))
                for step in [1, 2]:
                    if sz == 8 and step == 2:
                        continue
                    regs = ", ".join(f"d{4 + i * step}[{lane}]" for i in range(k))
                    for w in wb:
                        t.append((f"{nk}.{sz} {{{regs}}}, {w}", 0, ""))
                    t.append((f"{nk}.{sz} {{{regs}}}, [r0]", 0, "b"))
                    if k != 3:
                        a = {(2, 8): 16, (2, 16): 32, (2, 32): 64,
                             (4, 8): 32, (4, 16): 64, (4, 32): 128}[(k, sz)]
                        t.append((f"{nk}.{sz} {{{regs}}}, [r0:{a}]", 0, ""))
                        t.append((f"{nk}.{sz} {{{regs}}}, [r0:{a}]!", 2, ""))
    # all lanes (loads only)
    for sz in [8, 16, 32]:
        al = {8: "", 16: ":16", 32: ":32"}[sz]
        for regs in ["{d3[]}", "{d3[], d4[]}"]:
            for w in wb:
                t.append((f"vld1.{sz} {regs}, {w}", 0, ""))
            t.append((f"vld1.{sz} {regs}, [r0]", 0, "b"))
            if al:
                t.append((f"vld1.{sz} {regs}, [r0{al}]", 0, ""))
                t.append((f"vld1.{sz} {regs}, [r0{al}]", 1, ""))
        for k in [2, 3, 4]:
            for step in [1, 2]:
                regs = ", ".join(f"d{4 + i * step}[]" for i in range(k))
                for w in wb:
                    t.append((f"vld{k}.{sz} {{{regs}}}, {w}", 0, ""))
                t.append((f"vld{k}.{sz} {{{regs}}}, [r0]", 0, "b"))
                t.append((f"vld{k}.{sz} {{{regs}}}, [r0]", 1, "a"))
                if k == 2:
                    t.append((f"vld2.{sz} {{{regs}}}, [r0:{2 * sz}]", 2, ""))
                if k == 4:
                    a = {8: 32, 16: 64, 32: 64}[sz]
                    t.append((f"vld4.{sz} {{{regs}}}, [r0:{a}]", 0, ""))
                    t.append((f"vld4.{sz} {{{regs}}}, [r0:{a}]", 4, ""))
    t.append(("vld4.32 {d4[], d5[], d6[], d7[]}, [r0:128]", 0, ""))
    t.append(("vld4.32 {d4[], d5[], d6[], d7[]}, [r0:128]", 8, ""))
    # (No unaligned element with SCTLR.A clear: the images run with the MMU
    # off, where data accesses are Strongly-ordered and an unaligned one is
    # an alignment fault (A3.2.1, B3.2.1) as hypsim's cpu_read makes it;
    # QEMU performs them.)
    return t


def emit_ls(thumb):
    lines = []
    w = lines.append
    w("@ Generated by neon_gen.py: Advanced SIMD element and structure "
      "loads/stores, " + ("T32" if thumb else "A32") + " encodings.")
    w("@ Each line: instruction (+offset of the base, a = SCTLR.A set, b = "
      "big-endian), hash of D0-D31, hash of the memory, base register")
    w("@ after it relative to the start; or the data abort taken.")
    w("@ Expected output: QEMU 7.2 -cpu cortex-a15 and cortex-a7 (identical).")
    w("\t.syntax unified")
    w("\t.fpu neon-vfpv4")
    w("#include \"neon_common.inc\"")
    w("\t.text")
    w("\t.thumb" if thumb else "\t.arm")
    w("\t.global main")
    w("\t.type main, %function")
    if thumb:
        w("\t.thumb_func")
    w("main:")
    w("\tpush {r4-r11, lr}")
    w("\tbl neon_enable")
    for insn, off, opts in ls_tests():
        name = insn + (f" +{off}" if off else "") + (f" {opts}" if opts else "")
        w("\tbl neon_reset")
        if "a" in opts:
            w("\tbl neon_align_on")
        w(f"\tmovw r0, #:lower16:neon_mem + 64 + {off}")
        w(f"\tmovt r0, #:upper16:neon_mem + 64 + {off}")
        w("\tmov r1, #24")
        w("\tadr r11, 2f")
        if "b" in opts:
            w("\tsetend be")
        w(f"\t{insn}")
        w("2:\tsetend le")
        if "a" in opts:
            w("\tmov r6, r0")
            w("\tbl neon_align_off")
            w("\tmov r0, r6")
        w("\tmovw r4, #:lower16:3f")
        w("\tmovt r4, #:upper16:3f")
        w("\tbl neon_dump_ls")
        w("\t.pushsection .rodata")
        w(f"3:\t.asciz \"{name}\"")
        w("\t.popsection")
    w("\tmov r0, #0")
    w("\tpop {r4-r11, pc}")
    emit_data(w)
    return "\n".join(lines) + "\n"


def rand_encodings(count_dp=8000, count_ls=3000, seed=0x5eed):
    """Seeded random A32 encodings: data processing anywhere in 1111 001x
    (UNDEFINED ones included: both sides must agree on them), loads and
    stores in 1111 0100 xxx0 with Rn = r0 and Rm one of r1, SP (the
    writeback-by-size form) or PC (no writeback)."""
    x = seed
    out = []

    def nxt():
        nonlocal x
        x = (x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        return x >> 32

    for _ in range(count_dp):
        out.append(0xf2000000 | (nxt() & 0x01ffffff))
    n_ls = 0
    while n_ls < count_ls:
        v = 0xf4000000 | (nxt() & 0x00efffff)
        v = (v & ~0x000f000f) | [1, 13, 15][nxt() % 3]
        if ls_past_d31(v):
            continue  # UNPREDICTABLE: QEMU touches registers past D31
        out.append(v)
        n_ls += 1
    return out


def ls_past_d31(v):
    """Whether a load/store encoding's register list goes past D31
    (UNPREDICTABLE in A8.8.320-A8.8.343; hypsim makes it UNDEFINED)."""
    d = (((v >> 22) & 1) << 4) | ((v >> 12) & 15)
    if not (v >> 23) & 1:
        t = (v >> 8) & 15
        shape = {7: (1, 1, 1), 10: (1, 2, 1), 6: (1, 3, 1), 2: (1, 4, 1),
                 8: (2, 1, 1), 9: (2, 1, 2), 3: (2, 2, 2), 4: (3, 1, 1),
                 5: (3, 1, 2), 0: (4, 1, 1), 1: (4, 1, 2)}.get(t)
        if shape is None:
            return False
        n, regs, inc = shape
        return d + (n - 1) * inc + regs - 1 > 31
    n = ((v >> 8) & 3) + 1
    if (v >> 10) & 3 == 3:  # all lanes: T is the spacing (VLD1: count)
        t = (v >> 5) & 1
        return d + ((n - 1) * (2 if t else 1) if n > 1 else t) > 31
    size, ia = (v >> 10) & 3, (v >> 4) & 15
    inc = 2 if (size == 1 and ia & 2) or (size == 2 and ia & 4) else 1
    return d + (n - 1) * inc > 31


def t32_of(a32):
    """The T32 encoding of an Advanced SIMD A32 encoding (A7.4, A7.7)."""
    if (a32 >> 25) == 0x79:  # 1111 001U
        u = (a32 >> 24) & 1
        return 0xef000000 | (u << 28) | (a32 & 0x00ffffff)
    return 0xf9000000 | (a32 & 0x00ffffff)  # 1111 0100 -> 1111 1001


def emit_rand(thumb):
    lines = []
    w = lines.append
    w("@ Generated by neon_gen.py: seeded random Advanced SIMD encodings, "
      + ("T32" if thumb else "A32") + " (UNDEFINED ones included).")
    w("@ Each line: encoding, hash of D0-D31 and FPSCR (or UNDEF); loads and")
    w("@ stores also the memory hash and the base register.")
    w("@ Expected output: QEMU 7.2 -cpu cortex-a15 and cortex-a7 (identical).")
    w("\t.syntax unified")
    w("\t.fpu neon-vfpv4")
    w("#include \"neon_common.inc\"")
    w("\t.text")
    w("\t.thumb" if thumb else "\t.arm")
    w("\t.global main")
    w("\t.type main, %function")
    if thumb:
        w("\t.thumb_func")
    w("main:")
    w("\tpush {r4-r11, lr}")
    w("\tbl neon_enable")
    # one macro per kind keeps the source small: TD data processing, TL
    # load/store (base r0 = neon_mem + 64, r1 = 24)
    inst = ".inst.w" if thumb else ".inst"
    for name, dump, setup in [("TD", "neon_dump", []),
                              ("TL", "neon_dump_ls",
                               ["movw r0, #:lower16:neon_mem + 64",
                                "movt r0, #:upper16:neon_mem + 64",
                                "mov r1, #24"])]:
        w(f".macro {name} enc, name")
        w("\tbl neon_reset")
        for line in setup:
            w("\t" + line)
        w("\tadr r11, 2f")
        w(f"\t{inst} \\enc")
        w("2:\tmovw r4, #:lower16:3f")
        w("\tmovt r4, #:upper16:3f")
        w(f"\tbl {dump}")
        w("\t.pushsection .rodata")
        w("3:\t.asciz \"\\name\"")
        w("\t.popsection")
        w(".endm")
    for enc in rand_encodings():
        ls = (enc >> 24) == 0xf4
        code = t32_of(enc) if thumb else enc
        w("\t%s 0x%08x, \"%08x\"" % ("TL" if ls else "TD", code, enc))
    w("\tmov r0, #0")
    w("\tpop {r4-r11, pc}")
    emit_data(w)
    return "\n".join(lines) + "\n"


def emit_data(w):
    w("\t.section .rodata")
    w("\t.align 3")
    w("neon_data:")
    data = data_bytes()
    for i in range(0, len(data), 8):
        w("\t.byte " + ", ".join(f"0x{b:02x}" for b in data[i:i + 8]))


def emit(thumb):
    lines = []
    w = lines.append
    w("@ Generated by neon_gen.py: Advanced SIMD data processing, "
      + ("T32" if thumb else "A32") + " encodings.")
    w("@ Each line: instruction, hash of D0-D31 after it, FPSCR after it.")
    w("@ Expected output: QEMU 7.2 -cpu cortex-a15 and cortex-a7 (identical).")
    w("\t.syntax unified")
    w("\t.fpu neon-vfpv4")
    w("#include \"neon_common.inc\"")
    w("\t.text")
    w("\t.thumb" if thumb else "\t.arm")
    w("\t.global main")
    w("\t.type main, %function")
    if thumb:
        w("\t.thumb_func")
    w("main:")
    w("\tpush {r4-r11, lr}")
    w("\tbl neon_enable")
    for i, insn in enumerate(tests()):
        w("\tbl neon_reset")
        w("\tadr r11, 2f")
        w(f"\t{insn}")
        w("2:\tmovw r4, #:lower16:3f")
        w("\tmovt r4, #:upper16:3f")
        w("\tbl neon_dump")
        w("\t.pushsection .rodata")
        w(f"3:\t.asciz \"{insn}\"")
        w("\t.popsection")
    w("\tmov r0, #0")
    w("\tpop {r4-r11, pc}")
    emit_data(w)
    return "\n".join(lines) + "\n"


def main():
    # the build runs it with the output folder (tests/CMakeLists.txt)
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    for name, thumb in [("neon_dp.S", False), ("neon_dp_t32.S", True)]:
        with open(os.path.join(out, name), "w") as f:
            f.write(emit(thumb))
    for name, thumb in [("neon_ls.S", False), ("neon_ls_t32.S", True)]:
        with open(os.path.join(out, name), "w") as f:
            f.write(emit_ls(thumb))
    for name, thumb in [("neon_rand.S", False), ("neon_rand_t32.S", True)]:
        with open(os.path.join(out, name), "w") as f:
            f.write(emit_rand(thumb))
    print(len(tests()), "tests", file=sys.stderr)


if __name__ == "__main__":
    main()
