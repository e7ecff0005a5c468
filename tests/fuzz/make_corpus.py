#!/usr/bin/env python3
"""Write the seed corpus of the fuzz harnesses (tests/fuzz/corpus/<input>/).

    tests/fuzz/make_corpus.py BUILD_DIR

Seeds that need hypsim or QEMU (a trace, a QEMU log, the virt board's DTB)
are made with BUILD_DIR/hypsim, the hello image of BUILD_DIR/tests/images
and qemu-system-arm; the others are written here. Regression inputs of
past findings live in the same folders under names starting with
"regress-" and are never rewritten by this script."""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def put(inp, name, data):
    d = os.path.join(HERE, "corpus", inp)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def words(*ws):
    return b"".join(struct.pack("<I", w) for w in ws)


# A kernel that counts in a loop: mov r0,#0; add r0,r0,#1; b .-4
CODE = words(0xe3a00000, 0xe2800001, 0xeafffffd) + bytes(52)


def zimage(code):
    img = bytearray(code + bytes(max(0, 0x40 - len(code))))
    struct.pack_into("<III", img, 0x24, 0x016f2818, 0, len(img))
    struct.pack_into("<I", img, 0x30, 0x04030201)
    return bytes(img)


def uimage(payload, typ, load=0x40008000):
    # a KERNEL_NOLOAD image's entry point is an offset: give load=0
    h = bytearray(64)
    struct.pack_into(">IIIIIII", h, 0, 0x27051956, 0, 0, len(payload),
                     load, load, zlib.crc32(payload))
    h[28:32] = bytes([5, 2, typ, 0])
    h[32:32 + 5] = b"fuzz\0"
    struct.pack_into(">I", h, 4, zlib.crc32(bytes(h)))
    return bytes(h) + payload


def piece(data):
    return struct.pack("<I", len(data)) + data


def boot_seed(flags, kernel, initrd=None, dtb=None, append=None,
              modules=()):
    out = bytes([flags]) + piece(kernel)
    if initrd is not None:
        out += piece(initrd)
    if dtb is not None:
        out += piece(dtb)
    if append is not None:
        out += bytes([len(append)]) + append.encode()
    for addr, data in modules:
        if flags & 0x80:
            out += struct.pack("<Q", addr)
        out += piece(data)
    return out


def main():
    build = sys.argv[1]
    hypsim = os.path.join(build, "hypsim")
    hello = os.path.join(build, "tests", "images", "hello.elf")
    tmp = tempfile.mkdtemp()
    try:
        dtb_path = os.path.join(tmp, "virt.dtb")
        subprocess.run([hypsim, "run", "--board", "virt", "--kernel", hello,
                        "--entry", "hyp", "--max-insns", "10",
                        "--dumpdtb", dtb_path], capture_output=True)
        dtb = open(dtb_path, "rb").read()
        elf = open(hello, "rb").read()
        for name, n in (("small", 20), ("hello", 0)):
            t = os.path.join(tmp, name + ".trace")
            args = [hypsim, "run", "--kernel", hello, "--trace", t]
            if n:
                args += ["--max-insns", str(n)]
            subprocess.run(args, capture_output=True)
            put("trace", name + ".trace", open(t, "rb").read())
        t = os.path.join(tmp, "smp.trace")
        subprocess.run([hypsim, "run", "--kernel", hello, "--smp", "2",
                        "--max-insns", "40", "--trace", t],
                       capture_output=True)
        put("trace", "smp.trace", open(t, "rb").read())
        log = os.path.join(tmp, "q.log")
        subprocess.run(["timeout", "20", "qemu-system-arm", "-M", "virt",
                        "-cpu", "cortex-a15", "-nographic", "-semihosting",
                        "-nodefaults", "-monitor", "none", "-serial", "none",
                        "-kernel", hello, "-d", "exec,cpu,nochain",
                        "-singlestep", "-D", log], capture_output=True)
        lines = open(log).read().splitlines(True)
        put("qemu_import", "hello.log", "".join(lines[:6 * 40]))
        put("qemu_import", "short.log", "".join(lines[:6 * 4]))
        two = []
        for i, l in enumerate(lines[:6 * 12]):
            if l.startswith("Trace 0:") and (i // 6) % 2:
                l = "Trace 1:" + l[len("Trace 0:"):]
            two.append(l)
        put("qemu_import", "two_cpus.log", "".join(two))
        for name in ("small", "smp"):
            t = os.path.join(HERE, "corpus", "trace", name + ".trace")
            r = subprocess.run([hypsim, "trace", "show", t, "--format",
                                "tarmac"], capture_output=True)
            put("tarmac", name + ".tarmac", r.stdout)
    finally:
        shutil.rmtree(tmp)

    # Tarmac: an FVP-style trace (ps, no core tag, lines the importer
    # skips) and two cores tagged
    put("tarmac", "fvp.tarmac",
        "0 ps R cpsr 000001da\n"
        "0 ps E 00000000 00000001 CoreEvent_Reset\n"
        "500 ps IT (1) 40000000 e3a00003 A hyp_n : MOV r0,#3\n"
        "500 ps R r0 00000003\n"
        "1000 ps IT (2) 40000004 e2500001 A hyp_n : SUBS r0,r0,#1\n"
        "1000 ps R cpsr 200001da\n"
        "1500 ps IS (3) 40000008 0afffffd A hyp_n : BEQ {pc}-4\n"
        "2000 ps IT (4) 4000000c e52d0004 A hyp_n : PUSH {r0}\n"
        "2000 ps MW4 4007fffc:00004007fffc 00000002\n"
        "2000 ps R r13_hyp 4007fffc\n"
        "2500 ps IT (5) 40000010 4770 T hyp_n : BX lr\n"
        "3000 ps CACHE MAINTENANCE Data cache clean all 00000000\n"
        "3000 ps CADI E simulation_stopped\n")
    put("tarmac", "two_cores.tarmac",
        "0 clk cpu1 R cpsr 000001d3\n"
        "0 clk cpu0 IT (0) 40000000 e3a00001 A svc_s : mov r0, #1\n"
        "0 clk cpu0 R r0 00000001\n"
        "0 clk cpu1 IT (0) 40001000 e5901000 A svc_s : ldr r1, [r0]\n"
        "0 clk cpu1 MR4 40000000:000040000000 e3a00001\n"
        "0 clk cpu1 R r1 e3a00001\n"
        "1 clk cpu0 IT (1) 40000004 ef123456 A svc_s : svc #0x123456\n"
        "1 clk cpu0 E 40000004 00000002 CoreEvent_SVC vector=00000008 "
        "return=40000008 from=svc to=svc\n")

    # diff masks: the project's QEMU mask and every kind of line
    put("mask", "qemu-7.2.mask",
        open(os.path.join(ROOT, "tests", "trace", "masks",
                          "qemu-7.2.mask")).read())
    put("mask", "kinds.mask",
        "# every kind\n"
        "start CPSR bits=31:28 -- flags\n"
        "reg R0 at=0x40000000-0x40000100 -- a range\n"
        "reg R1 bits=0xff at=main -- a symbol\n"
        "after semihosting R0 -- semihosting\n"
        "after mrc=p15,0,c0,c0,5 Rt -- MPIDR\n"
        "after insn=0xe3a00000/0xfff00000 R0\n"
        "after svc CPSR bits=0x0600fc00\n"
        "exception syndrome kind=HYP_TRAP -- HSR\n"
        "exception far at=0x40000010\n"
        "exception return\n")

    # boot: raw, zImage, uImage, ELF; initrd, DTB, bootargs, modules
    put("boot", "raw", boot_seed(0x00, CODE))
    put("boot", "zimage_initrd_append",
        boot_seed(0x05, zimage(CODE), initrd=bytes(range(64)),
                  append="console=ttyAMA0 earlycon"))
    put("boot", "uimage_hyp", boot_seed(0x20, uimage(CODE, 2)))
    put("boot", "uimage_ramdisk",
        boot_seed(0x01, uimage(CODE, 14, load=0), initrd=uimage(bytes(256), 3)))
    put("boot", "elf_dtb", boot_seed(0x02, elf, dtb=dtb))
    put("boot", "xen_modules",
        boot_seed(0x20 | 0x10 | 0x04, zimage(CODE), append="dom0_mem=64M",
                  modules=((0, zimage(CODE)), (0, bytes(128)))))
    put("boot", "module_addrs",
        boot_seed(0x80 | 0x08, CODE, modules=((0x41800000, bytes(64)),)))

    # dtb: flags, bootargs, initrd start/end, the blob
    def dtb_seed(flags, bootargs, start, end, blob):
        return (bytes([flags, len(bootargs)]) + bootargs.encode() +
                struct.pack("<QQ", start, end) + blob)
    put("dtb", "virt", dtb_seed(0x01, "console=ttyAMA0", 0, 0, dtb))
    put("dtb", "virt_initrd",
        dtb_seed(0x03, "root=/dev/ram", 0x48000000, 0x48100000, dtb))
    put("dtb", "virt_modules", dtb_seed(0x1c, "dom0", 0, 0, dtb))

    # scenario files (images: img.bin and initrd.bin, which the harness
    # writes next to them)
    src = os.path.join(ROOT, "tests", "scenarios")
    for name in ("hang_wfi.ini", "hang_refault.ini", "stale_tlb_a7.ini",
                 "console_dcc_hello.ini", "console_order_hsctlr_a15.ini"):
        p = os.path.join(src, name)
        if not os.path.exists(p):
            continue
        text = []
        for l in open(p).read().splitlines(True):
            if l.startswith("image"):
                l = "image = img.bin\n"
            text.append(l)
        put("scenario", name, "".join(text))
    put("scenario", "virt.ini",
        "[scenario]\nname = virt\nboard = virt\ncpus = cortex-a15x2\n"
        "mem = 64M\nentry = hyp\nimage = img.bin\ninitrd = initrd.bin\n"
        "append = console=ttyAMA0\nload = img.bin@0x41000000\n"
        "max_insns = 1000\nerrata = +a15_hsctlr\n\n[expect]\nhang = any\n"
        "hang_at = 0x40000000..0x40000010\nhang_cpu = 1\n"
        "expect_console = hello\nfail_console = panic\n"
        "warning = x\nno_warnings = false\n")

    # gdb: a session, payloads separated by newlines (mode 0), and the
    # same as a raw stream (mode 1)
    hexcmd = lambda s: s.encode().hex()
    session = "\n".join([
        "qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=arm",
        "vMustReplyEmpty", "QStartNoAckMode", "Hg0", "qXfer:features:read:"
        "target.xml:0,ffb", "qfThreadInfo", "qsThreadInfo", "?", "qC", "g",
        "p19", "P0=78563412", "m40000000,40", "M40000100,4:01020304",
        "X40000104,2:ab", "Z0,40000008,4", "vCont?", "vCont;c", "z0,40000008,4",
        "Z2,40000100,4", "c", "z2,40000100,4", "s", "vCont;s:2;c", "Hg2",
        "T2", "qRcmd," + hexcmd("regs"), "qRcmd," + hexcmd("gic"),
        "qRcmd," + hexcmd("translate 0x40000000"), "qRcmd," + hexcmd("phys"),
        "m40000000,8", "qRcmd," + hexcmd("hyp"), "qRcmd," + hexcmd("tlb"),
        "qAttached", "D"])
    put("gdb", "session", b"\x00" + session.encode())
    raw = b""
    for pkt in session.split("\n")[:12]:
        raw += b"$" + pkt.encode() + b"#%02x" % (sum(pkt.encode()) & 0xff)
        raw += b"+"
    put("gdb", "raw_stream", b"\x01" + raw + b"\x03$k#6b")
    put("gdb", "noack", b"\x04" + b"\n".join([b"g", b"G" + b"00" * 68,
                                             b"s", b"k"]))

    # monitor scripts
    put("monitor", "session",
        "regs\nstep 3\nx/8x 0x40000000\nx/4i pc\nbreak 0x40000008\n"
        "continue\ninfo breakpoints\ndelete 1\ncore 1\nsysregs HCR\n"
        "hyp\ntlb 0\nicache 0\ngic 0\nhang\ntranslate 0x40000000\n"
        "view phys\nwatch 0x40000100\nc\ntrace\nhelp\nquit\n")
    put("monitor", "expr", "x/x 0-9223372036854775808\nx/2x r1+256\n"
        "x/s sp-4\nbreak lr\nstep\n\n\nsi 2\n")

    # command lines: arguments separated by NULs
    def cl(*args):
        return "\0".join(args)
    put("cmdline", "virt", cl("--board", "virt", "--cpus",
                              "cortex-a15x2,cortex-a7x2", "--mem", "64M",
                              "--entry", "hyp", "--kernel", "k", "--initrd",
                              "i", "--append", "console=ttyAMA0", "--module",
                              "m@0x48000000", "--module-args", "x"))
    put("cmdline", "bare", cl("--cpu", "cortex-a7", "--smp", "2",
                              "--max-insns", "1000", "--load",
                              "f@0x41000000", "--kernel", "k", "--errata",
                              "+a15_hsctlr", "--icache-model", "off",
                              "--dcache-model", "on", "--cache-seed", "7"))
    put("cmdline", "trace", cl("--kernel", "k", "--trace", "t.trace",
                               "--trace-cores", "0", "--trace-from", "main",
                               "--trace-modes", "hyp,svc", "--trace-last",
                               "100", "--mem-base", "0x80000000",
                               "--mem-alias", "0:0x100000", "--gdb", "0",
                               "--gdb-listen", "127.0.0.1", "--ips",
                               "1000000", "--rtc-epoch", "0", "--dcc",
                               "stdout", "--symbols", "s.elf@0x1000"))

    # MMIO: shape byte, then 12-byte operations (see fuzz_mmio.c)
    def op(target, size, write, core, off, val):
        return struct.pack("<BBBBHIH", target, size, (core << 1) | write, 0,
                           off, val & 0xffffffff, val >> 32)
    seq = [op(0, 2, 1, 0, 0x000, 3),           # GICD_CTLR
           op(0, 2, 1, 0, 0x100, 0xffffffff),  # ISENABLER0
           op(0, 2, 1, 0, 0x104, 0xffffffff),  # ISENABLER1
           op(0, 0, 1, 0, 0x420, 0x80),        # IPRIORITYR, a byte
           op(0, 0, 1, 0, 0x821, 0x01),        # ITARGETSR, a byte
           op(0, 2, 1, 1, 0xf00, 0x00010001),  # SGIR
           op(1, 2, 1, 0, 0x000, 1),           # GICC_CTLR
           op(1, 2, 1, 0, 0x004, 0xf0),        # GICC_PMR
           op(1, 2, 0, 0, 0x00c, 0),           # GICC_IAR
           op(1, 2, 1, 0, 0x010, 0),           # GICC_EOIR
           op(2, 2, 1, 0, 0x000, 1),           # GICH_HCR
           op(2, 2, 1, 0, 0x100, 0x9000001e),  # GICH_LR0
           op(3, 2, 1, 0, 0x000, 1),           # GICV_CTLR
           op(3, 2, 0, 0, 0x00c, 0),           # GICV_IAR
           op(4, 2, 1, 0, 0x030, 0x301),       # UARTCR
           op(4, 0, 1, 0, 0x000, 0x41),        # UARTDR
           op(4, 2, 1, 0, 0x038, 0x10),        # UARTIMSC
           op(7, 1, 0, 0, 0x42, 0),            # a byte received
           op(4, 2, 0, 0, 0x000, 0),           # UARTDR read
           op(5, 2, 0, 0, 0x000, 0),           # RTCDR
           op(5, 2, 1, 0, 0x004, 5),           # RTCMR
           op(5, 2, 1, 0, 0x010, 1),           # RTCIMSC
           op(7, 2, 0, 0, 200, 0),             # run
           op(7, 0, 0, 0, 33, 1),              # SPI 1 high
           op(5, 3, 0, 0, 0x000, 0),           # 8-byte read
           op(0, 5, 0, 0, 0x801, 0),           # unaligned halfword
           op(6, 2, 0, 7, 0x0020, 0x020000000000)]  # gap in the window
    put("mmio", "gic_uart_rtc", bytes([0x01]) + b"".join(seq))
    put("mmio", "a7x4_svc", bytes([0x0f]) + b"".join(seq[:12]))


if __name__ == "__main__":
    main()
