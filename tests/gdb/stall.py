#!/usr/bin/env python3
"""A gdb client that stops reading, and a second client.

usage: stall.py PORT stall    send many memory reads without reading the
                              replies, then stay connected (sleeps until
                              killed): the stub's sends fill the socket
       stall.py PORT second   connect while another client is attached:
                              print what the stub says, exit 0 if it said
                              it is busy and closed the connection
"""
import socket
import sys
import time

PORT = int(sys.argv[1])


def frame(payload):
    data = payload.encode()
    return b"$" + data + b"#%02x" % (sum(data) % 256)


if sys.argv[2] == "stall":
    s = socket.socket()
    # a small receive window: the stub's sends fill it at once
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", PORT))
    s.setblocking(False)
    req = frame("m40000000,800")
    sent = 0
    for _ in range(4000):
        try:
            sent += s.send(req)
        except BlockingIOError:
            break
    print("stall: sent %d bytes of requests" % sent, flush=True)
    time.sleep(600)
else:
    # it is answered on connecting, before it says anything
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    got = b""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                break
            got += d
    except socket.timeout:
        print("second: no answer, no close within 10 s")
        sys.exit(1)
    print("second: got %r" % got)
    sys.exit(0 if b"E.hypsim: another debugger is attached" in got else 1)
