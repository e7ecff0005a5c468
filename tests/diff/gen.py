#!/usr/bin/env python3
"""Seeded random-program differential test: hypsim against qemu-system-arm.

For each instruction class and instruction set (A32, T32) it generates a
program of random valid instructions (tests/diff/insns.py, memops.py),
assembles it with arm-none-eabi-gcc against the test-image runtime
(tests/images/lib/rt.S), runs it in QEMU and in hypsim on Cortex-A15 and
Cortex-A7, and compares the complete outputs and exit codes.

A program is a sequence of segments. A segment sets r0-r12, r14, the SP
and the APSR (NZCVQ, GE) to seeded random values, runs its random
instructions in System mode, then enters SVC mode (whose SP and LR are
banked, so nothing of the segment's state is disturbed) and prints one
line: r0-r12, SP and LR of System mode, APSR.{NZCVQ,GE} and a checksum of
the 64 KiB scratch buffer at 0x40800000 that the memory classes use. A
third of the memory classes' segments run with big-endian data (SETEND BE
after the set-up, SETEND LE before the dump).

On a difference the program is bisected: it is emitted again with the
differing segment truncated after k units (k found by binary search) and
the first unit whose inclusion makes the outputs differ is printed with
its seed, segment, assembly and encoding.

Usage (see --help): gen.py --hypsim BUILD/hypsim [--isa a32,t32]
    [--classes dp_imm,mul,...] [--count 20000] [--counts mul=50000]
    [--seed N] [--qemu-only]
    gen.py emit --isa t32 --cls it --seed 1 -o prog.S
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import insns  # noqa: E402
from insns import (Rng, Ctx, Unit, GP, rn, rand_value, INV,  # noqa: E402
                   CLASS_GEN, gen_branch, filler, BUF_SIZE)
import memops  # noqa: E402
import vfpops  # noqa: E402

SRC = os.path.dirname(os.path.dirname(HERE))
LIB = os.path.join(SRC, 'tests', 'images', 'lib')

BUF = 0x40800000       # scratch buffer: 8 MiB into RAM, far from image and stack
MODE_SVC, MODE_SYS = 0x13, 0x1f

A32_CLASSES = ['dp_imm', 'dp_reg', 'dp_rsr', 'shift', 'mul', 'div', 'sat',
               'parallel', 'pack', 'ldst', 'ldm', 'branch', 'psr', 'mix', 'vfp']
T32_CLASSES = ['dp_imm', 'dp_reg', 'shift', 'mul', 'div', 'sat',
               'parallel', 'pack', 'ldst', 'ldm', 'branch', 'it', 'psr', 'mix', 'vfp']
# classes whose dump adds FPSCR and D0-D31 (vfpops.py)
FP_CLASSES = ('vfp',)
# 'mix': every register-only class in one stream, so that the flags, Q and
# GE one class leaves are what the next one reads
MIX = {'a32': ['dp_imm', 'dp_reg', 'dp_rsr', 'shift', 'mul', 'div', 'sat',
               'parallel', 'pack', 'psr'],
       't32': ['dp_imm', 'dp_reg', 'shift', 'mul', 'div', 'sat',
               'parallel', 'pack', 'psr', 'it']}
MEM_CLASSES = ('ldst', 'ldm')
# share of value-refreshing MOVW/MOVT pairs mixed into a class's programs
REFRESH = {'div': 0.5, 'shift': 0.4, 'pack': 0.4, 'sat': 0.3, 'dp_rsr': 0.3, 'it': 0.2}
FIELDS = ['r%d' % i for i in range(13)] + ['sp', 'lr', 'apsr', 'csum']
FP_FIELDS = FIELDS + vfpops.FP_FIELDS

ARM_CFLAGS = ['-march=armv7ve', '-mfpu=vfpv4', '-mfloat-abi=soft', '-marm',
              '-ffreestanding', '-nostdlib', '-nostartfiles', '-fno-builtin',
              '-Wall', '-Werror', '-Wa,--fatal-warnings', '-I' + LIB]


def classes_of(isa):
    return A32_CLASSES if isa == 'a32' else T32_CLASSES


# ---------------------------------------------------------------------------
# Generation


class Segment:
    def __init__(self, regs, flags, units, big_endian=False):
        self.regs = regs      # {reg: value} for r0-r12, r14, r13
        self.flags = flags
        self.units = units
        self.big_endian = big_endian   # data accesses with CPSR.E = 1
        self.fp = None                 # vfpops.FpSegment: FP start state


class Program:
    def __init__(self, isa, cls, seed, segments):
        self.isa = isa
        self.cls = cls
        self.seed = seed
        self.segments = segments

    def count(self):
        return sum(u.count for s in self.segments for u in s.units)

    def total_insns(self):
        def is_insn(line):
            return not line.endswith(':') and (not line.startswith('.') or
                                               line.startswith('.inst'))
        return sum(len([l for l in u.lines if is_insn(l)])
                   for s in self.segments for u in s.units)


def rand_flags(r):
    return (r.below(32) << 27) | (r.below(16) << 16)


def gen_segment(isa, cls, r, seg_len):
    regs = {g: rand_value(r) for g in GP}
    flags = rand_flags(r)
    regs[13] = BUF + 0x8000
    x = Ctx(isa, r)
    units = []
    cnt = 0
    ms = None
    be = False
    if cls in MEM_CLASSES:
        ms = memops.MemState(r, isa, BUF, flags)
        regs.update(ms.init_values())
        x.writable = ms.data
        # a third of the memory segments run with big-endian data
        # (SETEND BE, A8.8.160): loads and stores reverse their bytes
        be = r.chance(0.3)
    fs = None
    if cls in FP_CLASSES:
        fs = vfpops.FpSegment(r, BUF, regs[13])
        regs[vfpops.BASE] = fs.base
        x.writable = [g for g in GP if g != vfpops.BASE]
        be = r.chance(0.3)
    while cnt < seg_len:
        x.c = ''
        if cls in MEM_CLASSES:
            u = memops.gen_ldst(x, ms) if cls == 'ldst' else memops.gen_ldm(x, ms)
        elif cls == 'branch':
            x.new_cond()
            if r.chance(0.45):
                u = gen_branch(x, len(units), None)
            else:
                u = filler(x)
                u.count = 0
        elif cls in FP_CLASSES:
            x.new_cond()
            u = vfpops.gen(x, fs)
        elif cls == 'mix':
            x.new_cond()
            u = CLASS_GEN[r.choice(MIX[isa])](x)
        elif r.chance(REFRESH.get(cls, 0)):
            # divisions, shifts, bitfields and saturation alone drive most
            # registers to 0 or -1 within a few dozen instructions: mix in
            # fresh random values (not counted as instructions of the class)
            d = r.choice(GP)
            v = rand_value(r)
            u = Unit(['movw %s, #%#x' % (rn(d), v & 0xffff), 'movt %s, #%#x' % (rn(d), v >> 16)],
                     8, 0)
        else:
            x.new_cond()
            u = CLASS_GEN[cls](x)
        x.c = ''
        units.append(u)
        cnt += u.count
    fix_spans(units)
    seg = Segment(regs, flags, units, be)
    seg.fp = fs
    return seg


def fix_spans(units):
    """Bring narrow branches' targets into their range: the bytes between
    the end of the branching unit and its target (an upper bound) must not
    exceed the unit's limit."""
    for i, u in enumerate(units):
        lim = getattr(u, 'limit', None)
        if lim is None:
            continue
        for ti, t in enumerate(u.targets):
            while t > i + 1 and sum(v.size for v in units[i + 1:t]) > lim:
                t -= 1
            u.targets[ti] = t


def program_seed(master, isa, cls):
    return (master * 0x100000001b3 + zlib.crc32(('%s:%s' % (isa, cls)).encode())) & (2**63 - 1)


def generate(isa, cls, seed, count, seg_len):
    r = Rng(seed)
    segs = []
    n = 0
    while n < count:
        s = gen_segment(isa, cls, r, min(seg_len, count - n))
        n += sum(u.count for u in s.units)
        segs.append(s)
    return Program(isa, cls, seed, segs)


# ---------------------------------------------------------------------------
# Emission

HEADER = r"""@ generated by tests/diff/gen.py: isa={isa} class={cls} seed={seed}
	.syntax unified
	.text
	.arm
	.global main
	.type main, %function
main:
	@ fill the scratch buffer with xorshift32
	ldr r0, ={buf:#x}
	add r1, r0, #{bufsize:#x}
	ldr r2, ={fill:#x}
1:	eor r2, r2, r2, lsl #13
	eor r2, r2, r2, lsr #17
	eor r2, r2, r2, lsl #5
	str r2, [r0], #4
	cmp r0, r1
	bne 1b
{fp_enable}
	cps #{sys:#x}
	{enter} seg_0
	.ltorg

@ dump_state: ARM, SVC mode, return address in LR_svc. Prints
@ "SSSS: r0..r12 sp_usr lr_usr apsr csum" in hex, one line.
	.type dump_state, %function
dump_state:
	stmdb sp, {{r13, r14}}^
	sub sp, sp, #8
	push {{r0-r12}}
	mrs r0, apsr
	ldr r1, =0xf80f0000       @ NZCVQ and GE only
	and r0, r0, r1
	push {{r0, lr}}           @ sp: apsr, lr_svc, r0..r12, sp_usr, lr_usr
	ldr r0, ={buf:#x}
	add r1, r0, #{bufsize:#x}
	mov r2, #0
2:	ldmia r0!, {{r3-r10}}
	eor r2, r3, r2, ror #27
	eor r2, r4, r2, ror #27
	eor r2, r5, r2, ror #27
	eor r2, r6, r2, ror #27
	eor r2, r7, r2, ror #27
	eor r2, r8, r2, ror #27
	eor r2, r9, r2, ror #27
	eor r2, r10, r2, ror #27
	cmp r0, r1
	bne 2b
	mov r11, r2               @ checksum
	ldr r4, =diff_line
	ldr r5, =diff_segno
	ldr r0, [r5]
	add r1, r0, #1
	str r1, [r5]
	mov r6, #4                @ segment number: 4 hex digits
	mov r7, #12
	bl dump_hex
	mov r0, #':'
	strb r0, [r4], #1
	mov r0, #' '
	strb r0, [r4], #1
	add r8, sp, #8            @ r0..r12, sp_usr, lr_usr
	mov r9, #15
3:	ldr r0, [r8], #4
	mov r6, #8
	mov r7, #28
	bl dump_hex
	mov r0, #' '
	strb r0, [r4], #1
	subs r9, r9, #1
	bne 3b
	ldr r0, [sp]              @ apsr
	mov r6, #8
	mov r7, #28
	bl dump_hex
	mov r0, #' '
	strb r0, [r4], #1
	mov r0, r11
	mov r6, #8
	mov r7, #28
	bl dump_hex
{dump_extra}
	mov r0, #'\n'
	strb r0, [r4], #1
	mov r0, #0
	strb r0, [r4]
	ldr r0, =diff_line
	bl sh_write0
	ldr lr, [sp, #4]
	add sp, sp, #68
	bx lr

@ r0 = value, r6 = digits, r7 = shift of the first digit, r4 = out
dump_hex:
4:	lsr r1, r0, r7
	and r1, r1, #15
	cmp r1, #10
	addlo r1, r1, #'0'
	addhs r1, r1, #('a' - 10)
	strb r1, [r4], #1
	sub r7, r7, #4
	subs r6, r6, #1
	bne 4b
	bx lr
	.ltorg

	.bss
	.align 2
diff_segno: .space 4
diff_line: .space 1024
	.text
"""


def emit(prog, trunc=None):
    """Assembly of prog; trunc=(s, k) keeps segments before s whole, the
    first k units of segment s, and drops the rest."""
    t32 = prog.isa == 't32'
    out = [HEADER.format(isa=prog.isa, cls=prog.cls, seed=prog.seed, buf=BUF,
                         bufsize=BUF_SIZE, fill=(prog.seed & 0xffffffff) | 1,
                         sys=MODE_SYS, enter='blx' if t32 else 'b',
                         fp_enable=vfpops.ENABLE if prog.cls in FP_CLASSES else '',
                         dump_extra=vfpops.DUMP_CALL if prog.cls in FP_CLASSES else '')]
    if prog.cls in FP_CLASSES:
        out.append(vfpops.DUMP_FP)
    segs = prog.segments
    last = len(segs) - 1
    if trunc:
        last = trunc[0]
    out.append('\t.thumb' if t32 else '\t.arm')
    out.append('\t.align 2')
    for si in range(last + 1):
        seg = segs[si]
        units = seg.units
        if trunc and si == trunc[0]:
            units = units[:trunc[1]]
        out.append('seg_%d:' % si)
        out += emit_init(seg, si)
        end = 'u%d_end' % si
        for ui, u in enumerate(units):
            out.append('u%d_%d:' % (si, ui))
            for line in u.lines:
                for ti, t in enumerate(u.targets):
                    line = line.replace('@T%d@' % ti, 'u%d_%d' % (si, t) if t < len(units) else end)
                out.append(('\t' + line) if not line.endswith(':') else line)
        out.append(end + ':')
        if seg.big_endian:
            out.append('\tsetend le')
        out.append('\tcps #%#x' % MODE_SVC)
        out.append('\t%s dump_state' % ('blx' if t32 else 'bl'))
        if si != last:
            out.append('\tcps #%#x' % MODE_SYS)
    if t32:
        out += ['\tmovs r0, #0', '\tblx sh_exit']
    else:
        out += ['\tmov r0, #0', '\tbl sh_exit']
    return '\n'.join(out) + '\n'


def emit_init(seg, si=0):
    out = []

    def movs(reg, v):
        out.append('\tmovw %s, #%#x' % (reg, v & 0xffff))
        out.append('\tmovt %s, #%#x' % (reg, v >> 16))
    movs('r0', seg.regs[13])
    out.append('\tmov sp, r0')
    movs('r0', seg.flags)
    out.append('\tmsr APSR_nzcvqg, r0')
    if seg.fp:
        out += seg.fp.init_lines('fpinit_%d' % si)
    for g in GP:
        movs(rn(g), seg.regs[g])
    if seg.big_endian:
        out.append('\tsetend be')
    return out


# ---------------------------------------------------------------------------
# Build and run


class Tools:
    def __init__(self, args):
        self.cc = args.cc
        self.qemu = args.qemu
        self.hypsim = args.hypsim
        self.timeout = args.timeout


def build(tools, asm, path):
    src = path[:-4] + '.S'
    with open(src, 'w') as f:
        f.write(asm)
    cmd = [tools.cc] + ARM_CFLAGS + ['-T', os.path.join(LIB, 'bare.ld'), '-o', path,
                                      os.path.join(LIB, 'rt.S'), src, '-lgcc']
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise RuntimeError('assembling %s failed:\n%s' % (src, p.stdout[-4000:]))


def run_sim(tools, sim, img, cpu, max_insns):
    if sim == 'qemu':
        cmd = [tools.qemu, '-M', 'virt', '-cpu', cpu, '-nographic', '-semihosting',
               '-nodefaults', '-monitor', 'none', '-serial', 'none', '-kernel', img]
    else:
        cmd = [tools.hypsim, 'run', '--cpu', cpu, '--kernel', img,
               '--max-insns', str(max_insns)]
    # QEMU writes the semihosting console to stderr when it has no serial
    # or monitor on stdio: both streams are its output
    err_to = subprocess.STDOUT if sim == 'qemu' else subprocess.PIPE
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err_to,
                           timeout=tools.timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('latin-1')
        return -1000, out + '\n[timeout after %ds]\n' % tools.timeout
    out = p.stdout.decode('latin-1')
    err = (p.stderr or b'').decode('latin-1').strip()
    if p.returncode != 0 and err:
        out += '\n[stderr] ' + err[-2000:] + '\n'
    return p.returncode, out


def max_insns_for(prog, trunc=None):
    nseg = len(prog.segments) if not trunc else trunc[0] + 1
    return 400000 + nseg * 200000


def first_diff(a, b):
    """(line index, [differing field names]) of the first difference of two
    outputs, or None."""
    la, lb = a.splitlines(), b.splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else '<missing>'
        y = lb[i] if i < len(lb) else '<missing>'
        if x != y:
            fa, fb = x.split(), y.split()
            names = []
            if len(fa) == len(fb) and len(fa) in (18, len(FP_FIELDS) + 1):
                fl = FIELDS if len(fa) == 18 else FP_FIELDS
                names = [fl[j] for j in range(len(fl)) if fa[j + 1] != fb[j + 1]]
            return i, names
    return None


def parse_line(line):
    f = line.split()
    if len(f) not in (18, len(FP_FIELDS) + 1):
        return None
    return dict(zip(FIELDS if len(f) == 18 else FP_FIELDS, f[1:]))


class Task:
    def __init__(self, isa, cls, seed, count, seg_len):
        self.isa, self.cls, self.seed = isa, cls, seed
        self.count, self.seg_len = count, seg_len
        self.lines = []
        self.failed = False

    def log(self, s):
        self.lines.append(s)


def symbol_addr(tools, img, name):
    nm = tools.cc.replace('gcc', 'nm')
    p = subprocess.run([nm, img], stdout=subprocess.PIPE, text=True)
    for line in p.stdout.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    return None


def disassemble(tools, img, start, stop, t32):
    od = tools.cc.replace('gcc', 'objdump')
    p = subprocess.run([od, '-d', '--start-address=%#x' % start, '--stop-address=%#x' % stop,
                        img], stdout=subprocess.PIPE, text=True)
    out = []
    for line in p.stdout.splitlines():
        if re.match(r'^\s*[0-9a-f]+:\s', line):
            out.append(line.strip())
    return out


def run_task(tools, t, cpus, workdir, bisect, qemu_only):
    t0 = time.time()
    prog = generate(t.isa, t.cls, t.seed, t.count, t.seg_len)
    t.prog = prog
    name = '%s_%s' % (t.isa, t.cls)
    img = os.path.join(workdir, name + '.elf')
    build(tools, emit(prog), img)
    mi = max_insns_for(prog)
    jobs = [('qemu', c) for c in cpus] + ([] if qemu_only else [('hypsim', c) for c in cpus])
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as ex:
        res = dict(zip(jobs, ex.map(lambda j: run_sim(tools, j[0], img, j[1], mi), jobs)))
    head = '%s %-8s seed=%#x count=%d insns=%d segments=%d' % (
        t.isa, t.cls, t.seed, prog.count(), prog.total_insns(), len(prog.segments))
    status = []
    q0 = res[('qemu', cpus[0])]
    nseg = len(prog.segments)
    if q0[0] != 0 or len(q0[1].splitlines()) != nseg:
        t.failed = True
        t.log('%s\n  QEMU on %s did not run the program to its end (rc=%d, %d of %d lines):\n%s'
              % (head, cpus[0], q0[0], len(q0[1].splitlines()), nseg, q0[1][-1500:]))
        return t
    for c in cpus[1:]:
        q = res[('qemu', c)]
        if q != q0:
            t.failed = True
            status.append('QEMU %s != QEMU %s' % (c, cpus[0]))
    if not qemu_only:
        for c in cpus:
            h = res[('hypsim', c)]
            q = res[('qemu', c)]
            if h == q:
                status.append('%s ok' % c)
                continue
            t.failed = True
            d = first_diff(q[1], h[1])
            if d is None:
                status.append('%s: exit code %d, QEMU %d' % (c, h[0], q[0]))
                continue
            status.append('%s DIFFERS' % c)
            t.log(describe_diff(t, tools, prog, img, c, d, q[1], h[1], workdir, bisect))
    t.log('%s: %s (%.1fs)' % (head, ', '.join(status) or 'QEMU ok', time.time() - t0))
    return t


def describe_diff(t, tools, prog, img, cpu, d, qout, hout, workdir, bisect):
    seg, names = d
    out = ['DIFF %s %s seed=%#x cpu=%s: first differing segment %d (fields %s)' %
           (t.isa, t.cls, t.seed, cpu, seg, ','.join(names) or '?')]
    ql = qout.splitlines()
    hl = hout.splitlines()
    out.append('  qemu:   ' + (ql[seg] if seg < len(ql) else '<missing>'))
    out.append('  hypsim: ' + (hl[seg] if seg < len(hl) else '<missing>'))
    if seg >= len(prog.segments):
        out.append('  (extra output: %s)' % hout[-800:])
        return '\n'.join(out)
    if not bisect:
        return '\n'.join(out)
    units = prog.segments[seg].units

    def differs(k):
        path = os.path.join(workdir, '%s_%s_s%d_k%d.elf' % (t.isa, t.cls, seg, k))
        build(tools, emit(prog, (seg, k)), path)
        mi = max_insns_for(prog, (seg, k))
        a = run_sim(tools, 'qemu', path, cpu, mi)
        b = run_sim(tools, 'hypsim', path, cpu, mi)
        return a != b, a, b, path

    dk0 = differs(0)
    if dk0[0]:
        out.append('  differs with no random instruction: the segment set-up or the dump'
                   ' (cps, stm^, mrs, msr, movw/movt) differs')
        dd = first_diff(dk0[1][1], dk0[2][1])
        if dd:
            ql, hl = dk0[1][1].splitlines(), dk0[2][1].splitlines()
            out.append('  qemu:   ' + (ql[dd[0]] if dd[0] < len(ql) else '<missing>'))
            out.append('  hypsim: ' + (hl[dd[0]] if dd[0] < len(hl) else '<missing>'))
        return '\n'.join(out)
    lo, hi = 0, len(units)
    best = None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        res = differs(mid)
        if res[0]:
            hi, best = mid, res
        else:
            lo = mid
    if best is None:
        best = differs(hi)
    u = units[hi - 1]
    t.first_unit = '\n'.join(u.lines)
    path = best[3]
    a0 = symbol_addr(tools, path, 'u%d_%d' % (seg, hi - 1))
    a1 = symbol_addr(tools, path, 'u%d_end' % seg)
    out.append('  first differing unit: segment %d unit %d of %d (class %s, %s)'
               % (seg, hi - 1, len(units), t.cls, t.isa))
    out.append('  reproduce: gen.py emit --isa %s --cls %s --seed %d --count %d --seg-len %d'
               ' --trunc %d,%d' % (t.isa, t.cls, t.seed, t.count, t.seg_len, seg, hi))
    for line in u.lines:
        out.append('    | ' + line)
    if a0 is not None and a1 is not None:
        for line in disassemble(tools, path, a0, a1, t.isa == 't32'):
            out.append('    > ' + line)
    prev = differs(hi - 1)
    pq = prev[1][1].splitlines()
    if len(pq) > seg:
        out.append('  state before: ' + pq[seg])
    bq, bh = best[1][1].splitlines(), best[2][1].splitlines()
    if len(bq) > seg:
        out.append('  after, qemu:   ' + bq[seg])
    out.append('  after, hypsim: ' + (bh[seg] if len(bh) > seg else '<missing> ' + best[2][1][-500:]))
    pa, pb = parse_line(bq[seg]) if len(bq) > seg else None, parse_line(bh[seg]) if len(bh) > seg else None
    if pa and pb:
        out.append('  differing: ' + ', '.join('%s qemu=%s hypsim=%s' % (f, pa[f], pb.get(f))
                                              for f in pa if pa[f] != pb.get(f)))
    return '\n'.join(out)


# ---------------------------------------------------------------------------
# Command line


def parse_counts(s):
    out = {}
    for item in filter(None, (s or '').split(',')):
        k, v = item.split('=')
        out[k.strip()] = int(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('mode', nargs='?', default='run', choices=['run', 'emit', 'list'])
    ap.add_argument('--hypsim', help='hypsim binary')
    ap.add_argument('--qemu', default='qemu-system-arm')
    ap.add_argument('--cc', default='arm-none-eabi-gcc')
    ap.add_argument('--qemu-only', action='store_true',
                    help='only check that the programs run in QEMU with the same output on every cpu')
    ap.add_argument('--cpus', default='cortex-a15,cortex-a7')
    ap.add_argument('--isa', default='a32,t32')
    ap.add_argument('--classes', default='all', help='comma list, or all')
    ap.add_argument('--cls', help='emit: the class')
    ap.add_argument('--count', type=int, default=20000,
                    help='random instructions per class and instruction set (default 20000)')
    ap.add_argument('--counts', default='', help='per-class counts: mul=50000,ldst=30000')
    ap.add_argument('--seg-len', type=int, default=200, help='instructions per segment')
    ap.add_argument('--seed', type=lambda s: int(s, 0), default=1)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--workdir')
    ap.add_argument('--timeout', type=int, default=120)
    ap.add_argument('--no-bisect', action='store_true')
    ap.add_argument('--trunc', help='emit: SEG,K truncation')
    ap.add_argument('--expect-diff', metavar='TEXT',
                    help='self-test: succeed only if every program differs and its bisection '
                         'ends on a unit containing TEXT')
    ap.add_argument('-o', '--output')
    args = ap.parse_args()

    if args.mode == 'list':
        for isa in ('a32', 't32'):
            print(isa, ' '.join(classes_of(isa)))
        return 0
    if args.mode == 'emit':
        isa = args.isa
        if args.cls is None or isa not in ('a32', 't32'):
            ap.error('emit needs --isa a32|t32 and --cls CLASS')
        seed = args.seed
        prog = generate(isa, args.cls, seed, args.count, args.seg_len)
        trunc = tuple(int(v) for v in args.trunc.split(',')) if args.trunc else None
        text = emit(prog, trunc)
        if args.output:
            with open(args.output, 'w') as f:
                f.write(text)
        else:
            sys.stdout.write(text)
        return 0

    if not args.qemu_only and not args.hypsim:
        ap.error('--hypsim PATH is needed (or --qemu-only)')
    for tool in ([args.cc, args.qemu] + ([] if args.qemu_only else [args.hypsim])):
        if shutil.which(tool) is None and not os.path.exists(tool):
            print('gen.py: %s not found' % tool)
            return 2
    tools = Tools(args)
    counts = parse_counts(args.counts)
    cpus = args.cpus.split(',')
    tasks = []
    for isa in args.isa.split(','):
        cl = classes_of(isa) if args.classes == 'all' else \
            [c for c in args.classes.split(',') if c in classes_of(isa)]
        for cls in cl:
            seed = program_seed(args.seed, isa, cls)
            tasks.append(Task(isa, cls, seed, counts.get(cls, args.count), args.seg_len))
    if not tasks:
        print('gen.py: no class selected')
        return 2
    workdir = args.workdir or tempfile.mkdtemp(prefix='hypsim-diff-')
    os.makedirs(workdir, exist_ok=True)
    t0 = time.time()
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs // 2) if not args.qemu_only
                                               else args.jobs) as ex:
        futs = [ex.submit(run_task, tools, t, cpus, workdir, not args.no_bisect,
                          args.qemu_only) for t in tasks]
        for f in futs:
            try:
                t = f.result()
            except Exception as e:  # a build failure is a generator bug
                print('ERROR: %s' % e)
                failed += 1
                continue
            for line in t.lines:
                print(line)
            sys.stdout.flush()
            failed += t.failed
    total = sum(getattr(t, 'prog', None).count() for t in tasks if getattr(t, 'prog', None))
    print('%d programs, %d random instructions, %d with differences, %.1fs (work dir %s)'
          % (len(tasks), total, failed, time.time() - t0, workdir))
    if args.expect_diff:
        found = [t for t in tasks if args.expect_diff in getattr(t, 'first_unit', '')]
        print('self-test: %d of %d programs bisected to a unit with %r'
              % (len(found), len(tasks), args.expect_diff))
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        return 0 if len(found) == len(tasks) else 1
    if not args.workdir and failed == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
