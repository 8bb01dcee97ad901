#!/usr/bin/env python3
"""A socket closed by an RST whose tuple a new connection of another process
takes at once (tests/live, inet_diag lookups). Run inside a network namespace
with nftables table inet t, chain in; argv[1]: tcpretrans's pid, stopped
meanwhile so that its lookup comes after the reuse. Prints "old PID" and
"new PID" (the owners of the two sockets) and the local port."""
import os, signal, socket, struct, subprocess, sys, time

tr, port, lport = int(sys.argv[1]), 5021, 40021
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(8)
os.kill(tr, signal.SIGSTOP)
try:
    a = socket.socket()
    a.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    a.bind(("127.0.0.1", lport))
    a.connect(("127.0.0.1", port))
    sa, _ = srv.accept()
    subprocess.run(["nft", "add", "rule", "inet", "t", "in", "tcp", "dport", str(port), "drop"], check=True)
    a.send(b"x" * 1000)
    time.sleep(0.8)                     # retransmits at ~200 and ~600 ms
    subprocess.run(["nft", "flush", "chain", "inet", "t", "in"], check=True)
    a.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    a.close()                           # an RST, no TIME_WAIT
    time.sleep(0.1)
    r, w = os.pipe()
    child = os.fork()
    if child == 0:                      # another process takes the tuple
        b = socket.socket()
        b.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        b.bind(("127.0.0.1", lport))
        b.connect(("127.0.0.1", port))
        os.write(w, b"1")
        time.sleep(3)
        os._exit(0)
    os.read(r, 1)
    sb, _ = srv.accept()
    print("old %d" % os.getpid())
    print("new %d" % child)
    print("lport %d" % lport)
    sys.stdout.flush()
finally:
    os.kill(tr, signal.SIGCONT)
time.sleep(1.5)
os.kill(child, signal.SIGKILL)
os.waitpid(child, 0)
