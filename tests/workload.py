#!/usr/bin/env python3
"""TCP workloads for the live tier, run inside a network namespace the tier made.

usage: workload.py MODE ADDR PORT ARG
  bulk   ADDR PORT SECONDS,CONNS[,HOLD]  CONNS clients send to one server for
                                  SECONDS, then keep their sockets HOLD seconds
  syn    ADDR PORT SECONDS        one connect whose SYNs are dropped, given up after SECONDS
  synack ADDR PORT SECONDS        one connect whose final ACK is dropped; kept SECONDS
  rr     ADDR PORT COUNT          COUNT small request/response exchanges

Prints one line per connection, "conn LADDR LPORT RADDR RPORT" from the client's
side, then "done". Every run is bounded in time; traffic stays on ADDR (loopback).
Bulk clients wait until all they sent is acknowledged before closing, so their
retransmits all happen in ESTABLISHED.
"""
import fcntl, os, socket, struct, sys, threading, time

SIOCOUTQ = 0x5411


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def listener(addr, port):
    s = socket.socket(family(addr))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    return s


def say(*words):
    os.write(1, (" ".join(str(w) for w in words) + "\n").encode())  # one write: threads


def show(c):
    l, r = c.getsockname(), c.getpeername()
    say("conn", l[0], l[1], r[0], r[1])


def unacked(c):
    return struct.unpack("i", fcntl.ioctl(c, SIOCOUTQ, b"\0" * 4))[0]


def bulk(addr, port, arg):
    secs, conns, hold = (arg + ",0").split(",")[:3]
    secs, conns, hold = float(secs), int(conns), float(hold)
    srv = listener(addr, port)

    def sink(c):
        while c.recv(65536):
            pass
    def client():
        c = socket.create_connection((addr, port))
        show(c)
        end, buf = time.time() + secs, b"x" * 16384
        while time.time() < end:
            c.send(buf)
        limit = time.time() + 20
        while unacked(c) and time.time() < limit:
            time.sleep(0.01)
        time.sleep(hold)
        c.close()
    def accept():
        for _ in range(conns):
            threading.Thread(target=sink, args=(srv.accept()[0],), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    ts = [threading.Thread(target=client) for _ in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def syn(addr, port, arg):
    c = socket.socket(family(addr))
    c.setblocking(False)
    c.bind((addr, 0))
    l = c.getsockname()
    say("conn", l[0], l[1], addr, port)
    try:
        c.connect((addr, port))
    except BlockingIOError:
        pass
    time.sleep(float(arg))
    c.close()


def synack(addr, port, arg):
    srv = listener(addr, port)
    c = socket.create_connection((addr, port))
    show(c)
    time.sleep(float(arg))
    c.close()
    srv.close()


def rr(addr, port, arg):
    srv = listener(addr, port)
    def echo():
        s = srv.accept()[0]
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            d = s.recv(100)
            if not d:
                break
            s.sendall(d)
    threading.Thread(target=echo, daemon=True).start()
    c = socket.create_connection((addr, port))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.settimeout(10)
    show(c)
    end = time.time() + 30
    for _ in range(int(arg)):
        if time.time() > end:
            break
        c.sendall(b"q" * 100)
        got = 0
        while got < 100:
            got += len(c.recv(100 - got))
    limit = time.time() + 20
    while unacked(c) and time.time() < limit:
        time.sleep(0.01)
    c.close()


if __name__ == "__main__":
    mode, addr, port, arg = sys.argv[1:5]
    say("pid", os.getpid())
    {"bulk": bulk, "syn": syn, "synack": synack, "rr": rr}[mode](addr, int(port), arg)
    say("done")
