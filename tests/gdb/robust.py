#!/usr/bin/env python3
"""Robustness of the gdb stub against a hostile or broken client, over a
raw socket: noise, bad checksums, oversize and truncated packets,
malformed commands, binary escapes in X, random bytes, abrupt disconnects
(while stopped and while running), an interrupt while running. After each
abuse the stub must still answer correctly; at the end `k` ends hypsim.

usage: robust.py PORT   (hypsim runs gdb_hang.elf with --no-hang-detect
                         --gdb-wait, so `continue` spins for ever)
"""
import random
import socket
import sys
import time

PORT = int(sys.argv[1])
RAM = 0x40100000  # unused RAM of the bare board
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def checksum(data):
    return sum(data) % 256


def frame(payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return b"$" + payload + b"#%02x" % checksum(payload)


class Conn:
    def __init__(self):
        self.s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        self.buf = b""
        self.ack = True

    def close(self):
        self.s.close()

    def raw(self, data):
        self.s.sendall(data)

    def read_byte(self):
        while not self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("connection closed by hypsim")
            self.buf += chunk
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def read_ack(self):
        b = self.read_byte()
        return b

    def read_packet(self):
        """Next packet payload (skipping acks), checksum verified."""
        while True:
            b = self.read_byte()
            if b == b"$":
                break
            if b not in b"+-":
                raise ValueError("noise from hypsim: %r" % b)
        data = b""
        while True:
            b = self.read_byte()
            if b == b"#":
                break
            data += b
        cs = self.read_byte() + self.read_byte()
        if int(cs, 16) != checksum(data):
            raise ValueError("bad checksum from hypsim")
        if self.ack:
            self.raw(b"+")
        return data

    def cmd(self, payload):
        self.raw(frame(payload))
        if self.ack:
            a = self.read_ack()
            check(a == b"+", "ack for %r (got %r)" % (payload[:20], a))
        return self.read_packet()

    def no_reply(self, wait=0.3):
        """True if hypsim sends nothing within `wait` seconds."""
        self.s.settimeout(wait)
        try:
            if self.buf:
                return False
            data = self.s.recv(1)
            if data:
                self.buf += data
                return False
            return True
        except socket.timeout:
            return True
        finally:
            self.s.settimeout(10)


def unescape(data):
    out = bytearray()
    it = iter(data)
    for c in it:
        if c == 0x7D:
            out.append(next(it) ^ 0x20)
        else:
            out.append(c)
    return bytes(out)


def escape(data):
    out = bytearray()
    for c in data:
        if c in b"$#}*":
            out += bytes([0x7D, c ^ 0x20])
        else:
            out.append(c)
    return bytes(out)


def connect():
    for _ in range(100):
        try:
            return Conn()
        except OSError:
            time.sleep(0.1)
    raise SystemExit("cannot connect to hypsim")


c = connect()

# Noise between packets is ignored; a packet after it works.
c.raw(b"hello\r\n+++")
check(c.no_reply(), "noise got a reply")
check(c.cmd("?").startswith(b"T05thread:1;"), "'?' after noise")

# Bad checksum: NAK while acknowledgments are on, nothing else.
c.raw(b"$g#00")
check(c.read_ack() == b"-", "NAK for a bad checksum")
c.raw(b"$g#zz")
check(c.read_ack() == b"-", "NAK for non-hex checksum digits")
check(c.no_reply(), "a reply to a packet with a bad checksum")

# A good 'g': r0-r15 and cpsr, 8 hex digits each.
g = c.cmd("g")
check(len(g) == 17 * 8, "g reply length %d" % len(g))

# Oversize packet: read to its end and refused.
big = b"m" + b"0" * 20000
c.raw(b"$" + big + b"#%02x" % checksum(big))
check(c.read_ack() == b"+", "ack for the oversize packet")
check(c.read_packet() == b"E01", "E01 for the oversize packet")

# Malformed commands each get an error, and unknown ones the empty reply.
for pkt, want in [
    ("m", b"E01"), ("mzz,4", b"E01"), ("m40000000", b"E01"),
    ("m40000000,", b"E01"), ("M40000000,2:zz11", b"E01"),
    ("M40000000,4:11", b"E01"), ("X40000000,4:ab", b"E01"),
    ("X40000000,1:}", b"E01"), ("Z9,0,0", b"E01"), ("Z0", b"E01"),
    ("Z2,40000000,0", b"E22"), ("p", b"E01"), ("pzz", b"E01"),
    ("p7fff", b"E22"), ("P1=zz", b"E01"), ("P1=12", b"E01"),
    ("vCont;x", b"E01"), ("vCont;c:99", b"E01"), ("vCont;s:zz", b"E01"),
    ("Hgz", b"E01"), ("Hg99", b"E01"), ("Hx1", b"E01"),
    ("G1234", b"E01"), ("qRcmd,zz", b"E01"), ("qRcmd,123", b"E01"),
    ("qXfer:features:read:foo.xml:0,10", b"E22"),
    ("qXfer:features:read:target.xml:zz", b"E01"),
    ("qThreadExtraInfo,99", b"E01"), ("T99", b"E01"), ("Tzz", b"E01"),
    ("m0,4", b"E14"), ("M0,1:00", b"E14"),
    ("Jfoo", b""), ("vMustReplyEmpty", b""), ("Qbogus", b""),
]:
    r = c.cmd(pkt)
    check(r == want, "%r -> %r, expected %r" % (pkt, r, want))

# "p-" is only the start of "p-1": a thread id cut there is malformed. The
# longer packet before it leaves ".1" behind the NUL of the short one in
# the receive buffer, which a parser stepping past the NUL would read as
# a valid thread (issue 17).
for pkt, want in [("Hgp-1.1", b"OK"), ("Hgp-", b"E01"),
                  ("Tp-1.1", b"OK"), ("Tp-", b"E01"),
                  ("vCont;s:p-1.1", None), ("vCont;c:p-", b"E01")]:
    r = c.cmd(pkt)
    if want is not None:
        check(r == want, "%r -> %r, expected %r" % (pkt, r, want))

# The target description is served in pieces, with the escapes undone.
xml, off = b"", 0
while True:
    r = c.cmd("qXfer:features:read:target.xml:%x,200" % off)
    check(r[:1] in (b"m", b"l"), "qXfer reply kind %r" % r[:1])
    part = unescape(r[1:])
    xml += part
    off += len(part)
    if r[:1] != b"m" or not part:
        break
check(xml.startswith(b"<?xml") and xml.rstrip().endswith(b"</target>"),
      "target.xml complete")
check(b'name="HSR"' in xml and b'name="elr_hyp"' in xml, "HSR, elr_hyp in xml")

# X with every byte that must be escaped, then m reads the same bytes.
data = bytes([0x23, 0x24, 0x7D, 0x2A, 0x00, 0xFF, 0x03, 0x2B])
r = c.cmd(b"X%x,%x:" % (RAM, len(data)) + escape(data))
check(r == b"OK", "X with escapes -> %r" % r)
r = c.cmd("m%x,%x" % (RAM, len(data)))
check(r == data.hex().encode(), "m after X: %r" % r)
check(c.cmd("X%x,0:" % RAM) == b"OK", "empty X (gdb's probe)")

# Switch acknowledgments off; then bad packets are dropped silently.
check(c.cmd("QStartNoAckMode") == b"OK", "QStartNoAckMode")
c.ack = False
c.raw(b"$g#00")
check(c.no_reply(), "reply to a bad checksum in no-ack mode")
check(len(c.cmd("g")) == 17 * 8, "g in no-ack mode")

# Random bytes (seeded, so the run is reproducible), then a resync.
rng = random.Random(1234)
junk = bytes(rng.choice(b"$#}*+-0123456789abcdefgmMXZzpPqQvcsk,:;\x03\x00\xff")
             for _ in range(5000))
c.raw(junk)
time.sleep(0.3)
c.close()

# Truncated packet, then an abrupt disconnect while stopped.
c = connect()
c.raw(b"$m4000")
c.close()

# The stub still listens; the machine is still stopped where it was.
c = connect()
check(c.cmd("?").startswith(b"T05thread:1;"), "'?' after reconnecting")
check(c.cmd("m%x,%x" % (RAM, len(data))) == data.hex().encode(),
      "memory kept across connections")

# Interrupt a running machine (it spins in `b .`): T02.
c.raw(frame("vCont;c"))
check(c.read_ack() == b"+", "ack for vCont;c")
check(c.no_reply(0.5), "a stop while spinning")
c.raw(b"\x03")
r = c.read_packet()
check(r.startswith(b"T02thread:1;"), "stop after the interrupt: %r" % r)

# Abrupt disconnect while running: the machine keeps running, a new
# connection stops it.
c.raw(frame("c"))
check(c.read_ack() == b"+", "ack for c")
time.sleep(0.2)
c.close()
time.sleep(0.3)
c = connect()
r = c.cmd("?")
check(r.startswith(b"T05thread:1;"), "attach stop: %r" % r)

# End the run.
c.raw(frame("k"))
c.close()
if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("robust: all checks passed")
