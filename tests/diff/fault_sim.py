#!/usr/bin/env python3
"""A deliberately wrong simulator for the self-test of gen.py.

Called like hypsim (`fault_sim.py run --cpu CPU --kernel IMG --max-insns N`),
it runs QEMU on a copy of IMG in which every A32 SMULBB has been turned into
SMULTB (bit 5 set: the top half of Rn is used), as a decoder that mixed up
the x bit would do. gen.py must then report a difference and bisect it to
the first SMULBB of the program (ctest diff/selftest).
"""

import os
import struct
import subprocess
import sys
import tempfile


def patch(data):
    data = bytearray(data)
    shoff, = struct.unpack_from('<I', data, 0x20)
    shentsize, shnum = struct.unpack_from('<HH', data, 0x2e)
    for i in range(shnum):
        base = shoff + i * shentsize
        _, sh_type, flags, _, off, size = struct.unpack_from('<IIIIII', data, base)
        if sh_type != 1 or not flags & 0x4:       # PROGBITS, SHF_EXECINSTR
            continue
        for p in range(off, off + size - 3, 4):
            w, = struct.unpack_from('<I', data, p)
            # SMULBB: cccc 0001 0110 dddd 0000 mmmm 1000 nnnn (A8.8.176)
            if (w & 0x0ff0f0f0) == 0x01600080 and (w >> 28) != 0xf:
                struct.pack_into('<I', data, p, w | 0x20)
    return bytes(data)


def main():
    args = sys.argv[1:]
    cpu = args[args.index('--cpu') + 1]
    img = args[args.index('--kernel') + 1]
    with open(img, 'rb') as f:
        data = patch(f.read())
    fd, path = tempfile.mkstemp(suffix='.elf')
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
        p = subprocess.run(['qemu-system-arm', '-M', 'virt', '-cpu', cpu, '-nographic',
                            '-semihosting', '-nodefaults', '-monitor', 'none', '-serial',
                            'none', '-kernel', path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sys.stdout.buffer.write(p.stdout)
        return p.returncode
    finally:
        os.unlink(path)


if __name__ == '__main__':
    sys.exit(main())
