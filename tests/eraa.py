#!/usr/bin/env python3
"""The live tier's era-A case: 4.15-5.4 trace lines (no state) made from this
kernel's real ones, fed to tcpretrans whose lookups meet the real sockets.

usage: eraa.py hold ADDR4 ADDR6 PORT SYNPORT SECONDS
         in the case's namespace: paced transfers (the namespace's rules drop
         some of their data) on ADDR4 and ADDR6 to PORT, held open afterwards;
         one more on ADDR4 reset once all it sent is acknowledged (gone: its
         rows must show -); a connect to SYNPORT whose SYNs are dropped (held
         in SYN_SENT). Prints "conn LADDR LPORT RADDR RPORT", "ready" after
         SECONDS, then holds every socket until killed (at most 300 s).
       eraa.py lines TRACE CONNS
         the tcp_retransmit_skb lines of TRACE (6.18: skbaddr, skaddr, family,
         state, err) of the connections in CONNS, as 4.15 printed them
       eraa.py feed FIFO OUT PID LINES SS1 SS2
         in the namespace: the sockets (ss) to SS1, LINES into FIFO (a fake
         root's trace_pipe, opened by tcpretrans PID), then, once OUT has a row
         per line, the sockets to SS2 and "read N fed M": the bytes PID read
         (rchar) since it opened FIFO, and the lines' own; closing FIFO ends
         the run
       eraa.py check OUT LINES SS1 SS2
         a row per line, of its tuple; the state the kernel showed before and
         after (-: the socket is gone); one summary line; exit 1 on a problem
       eraa.py nodiag COMMAND...
         COMMAND with socket(AF_NETLINK, ..., NETLINK_SOCK_DIAG) failing
         EPROTONOSUPPORT, as on a kernel without sock_diag (seccomp; x86_64)
"""
import ctypes, fcntl, os, platform, re, signal, socket, struct, subprocess, sys, threading, time

SIOCOUTQ = 0x5411


def say(*words):
    os.write(1, (" ".join(str(w) for w in words) + "\n").encode())


def hold(a4, a6, port, synport, secs):
    secs, held = float(secs), []

    srv = {}
    for addr in a4, a6:
        srv[addr] = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
        srv[addr].setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv[addr].bind((addr, port))
        srv[addr].listen(8)

    def transfer(addr, reset):
        c = socket.create_connection((addr, port))
        s = srv[addr].accept()[0]       # this one's or another's: all sink
        held.extend((c, s))
        l, r = c.getsockname(), c.getpeername()
        say("conn", l[0], l[1], r[0], r[1])
        def sink():
            try:
                while s.recv(65536):
                    pass
            except OSError:
                pass
        threading.Thread(target=sink, daemon=True).start()
        end = time.time() + secs
        while time.time() < end:        # ~1,600 segments a second: a few
            c.send(b"x" * 16384)        # dozen retransmits, not a storm
            time.sleep(0.01)
        limit = time.time() + 20
        while struct.unpack("i", fcntl.ioctl(c, SIOCOUTQ, b"\0" * 4))[0] and time.time() < limit:
            time.sleep(0.01)
        if reset:                       # an RST: no TIME_WAIT, gone at once
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            c.close()

    syn = socket.socket(socket.AF_INET)
    syn.setblocking(False)
    syn.bind((a4, 0))
    held.append(syn)
    say("conn", a4, syn.getsockname()[1], a4, synport)
    try:
        syn.connect((a4, synport))
    except BlockingIOError:
        pass
    ts = [threading.Thread(target=transfer, args=a) for a in ((a4, False), (a6, False), (a4, True))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    say("ready")
    null = os.open(os.devnull, os.O_RDWR)
    for fd in 0, 1, 2:                  # the caller waits for its output to end
        os.dup2(null, fd)
    time.sleep(300)


def tuple_of(line):
    f = dict(re.findall(r"(\w+)=(\S+)", line.split("tcp_retransmit_skb:", 1)[1]))
    v4 = f["saddrv6"].startswith("::ffff:")
    return (f["saddr"] if v4 else f["saddrv6"], f["sport"], f["daddr"] if v4 else f["daddrv6"], f["dport"])


def lines(trace, conns):
    want = {tuple(l.split()[1:5]) for l in open(conns) if l.startswith("conn ")}
    for line in open(trace):
        if "tcp_retransmit_skb: " not in line or tuple_of(line) not in want:
            continue
        line = re.sub(r"skbaddr=\S+ skaddr=\S+ family=\S+ ", "", line.rstrip("\n"))
        sys.stdout.write(re.sub(r" state=\S+ err=\S+$", "", line) + "\n")


def sockets(path):
    names = {"ESTAB": "ESTABLISHED", "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECV",
             "FIN-WAIT-1": "FIN_WAIT1", "FIN-WAIT-2": "FIN_WAIT2", "TIME-WAIT": "TIME_WAIT",
             "CLOSE-WAIT": "CLOSE_WAIT", "LAST-ACK": "LAST_ACK", "CLOSING": "CLOSING",
             "LISTEN": "LISTEN", "UNCONN": "CLOSE"}
    with open(path, "w") as f:
        for l in subprocess.run(["ss", "-Htan"], capture_output=True, text=True, check=True).stdout.splitlines():
            st, _, _, local, peer = l.split()[:5]
            la, _, lp = local.rpartition(":")
            ra, _, rp = peer.rpartition(":")
            f.write("%s %s %s %s %s\n" % (la.strip("[]"), lp, ra.strip("[]"), rp, names.get(st, st)))


def rows(out):
    try:
        return [l.split() for l in open(out) if " R> " in l or " L> " in l]
    except FileNotFoundError:
        return []


def rchar(pid):
    return [int(l.split()[1]) for l in open("/proc/%s/io" % pid) if l.startswith("rchar:")][0]


def feed(fifo, out, pid, trace, ss1, ss2):
    signal.alarm(20)
    while not os.path.exists(fifo):     # made by the run's shell
        time.sleep(0.02)
    fd = os.open(fifo, os.O_WRONLY)     # once tcpretrans has opened it
    rchar0 = rchar(pid)                 # what its PID read before: ip, sh
    data = open(trace, "rb").read()
    n = data.count(b"\n")
    sockets(ss1)
    os.write(fd, data)
    end = time.time() + 15
    while len(rows(out)) < n and time.time() < end:
        time.sleep(0.05)
    sockets(ss2)
    say("read", rchar(pid) - rchar0, "fed", len(data))
    os.close(fd)


def end(s):
    a, _, p = s.rpartition(":")
    return a.strip("[]"), p


def check(out, trace, ss1, ss2):
    def table(p):
        return {tuple(l.split()[:4]): l.split()[4] for l in open(p)}
    before, after, problems, tally, right = table(ss1), table(ss2), [], {}, 0
    want = [tuple_of(l) for l in open(trace)]
    got = rows(out)
    if len(got) != len(want):
        problems.append("%d rows for %d lines" % (len(got), len(want)))
    for t, r in zip(want, got):
        if len(r) != 6 or (end(r[2]) + end(r[4])) != t:
            problems.append("line %s, row %s" % (" ".join(t), " ".join(r)))
            continue
        # the state the kernel showed before the lines and after the rows
        # (one of the two, had it changed); - only for a socket gone
        states = {before.get(t, "-"), after.get(t, "-")}
        if r[5] in states:
            right += 1
        else:
            problems.append("wrong state %s, the kernel's %s: %s" % (r[5], "/".join(sorted(states)), " ".join(r)))
        tally[r[5]] = tally.get(r[5], 0) + 1
    for p in problems[:20]:
        print(p)
    need = {"ESTABLISHED", "SYN_SENT", "-"} - set(tally)
    if need:
        problems.append("no %s row: the workload missed it" % " or ".join(sorted(need)))
        print(problems[-1])
    if not any(":" in t[0] for t in want):
        problems.append("no IPv6 line")
        print(problems[-1])
    print("%d lines, %d rows, %d right (%s)" % (len(want), len(got), right,
          ", ".join("%s %d" % kv for kv in sorted(tally.items()))))
    sys.exit(1 if problems else 0)


def nodiag(argv):
    if platform.machine() != "x86_64":
        sys.exit("eraa.py nodiag: the filter is written for x86_64")
    ok, no = 0x7fff0000, 0x00050000 | 93          # SECCOMP_RET_ALLOW, _ERRNO|EPROTONOSUPPORT
    prog = [(0x20, 0, 0, 4), (0x15, 1, 0, 0xc000003e), (0x06, 0, 0, ok),  # arch x86_64
            (0x20, 0, 0, 0), (0x15, 0, 4, 41),                             # socket(2)
            (0x20, 0, 0, 16), (0x15, 0, 2, 16),                            # AF_NETLINK
            (0x20, 0, 0, 32), (0x15, 1, 0, 4),                             # NETLINK_SOCK_DIAG
            (0x06, 0, 0, ok), (0x06, 0, 0, no)]
    buf = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *i) for i in prog))
    class Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
    fp = Fprog(len(prog), ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) or libc.prctl(22, 2, ctypes.byref(fp), 0, 0):  # NO_NEW_PRIVS, SECCOMP
        sys.exit("eraa.py nodiag: prctl: %s" % os.strerror(ctypes.get_errno()))
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "hold":
        hold(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif cmd == "lines":
        lines(*args)
    elif cmd == "feed":
        feed(*args)
    elif cmd == "check":
        check(*args)
    elif cmd == "nodiag":
        nodiag(args)
    else:
        sys.exit(__doc__)
