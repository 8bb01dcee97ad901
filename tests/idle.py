#!/usr/bin/env python3
"""Hold idle established TCP connections, for the scale cases (live tier, bench).

usage: idle.py ADDR PORT CONNS PROCS
  CONNS connections to ADDR:PORT (run it in a network namespace you made), made by
  PROCS client processes and accepted by PROCS server processes: 2*CONNS sockets,
  CONNS/PROCS open files per process (a process may hold 20,000 here). Prints
  "ready PID..." (the holders) once all are established, then holds them until
  killed, at most 600 s. It widens the namespace's ephemeral port range: one
  address pair has 28,232 ports by default.
"""
import os, resource, signal, socket, sys, time


def hold():
    null = os.open(os.devnull, os.O_RDWR)
    for fd in 0, 1, 2:               # the caller waits for its output to end
        os.dup2(null, fd)
    time.sleep(600)
    os._exit(0)


def main():
    addr, port, conns, procs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    each = (conns + procs - 1) // procs
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if each + 64 > hard:
        sys.exit("idle.py: %d files per process, the limit is %d: more PROCS" % (each, hard))
    if fam == socket.AF_INET:
        open("/proc/sys/net/ipv4/ip_local_port_range", "w").write("1024 65535")
    srv = socket.socket(fam)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(4096)
    pids, r, w = [], *os.pipe()
    for i in range(procs):
        n = min(each, conns - i * each)
        pid = os.fork()
        if pid == 0:                 # a server: accept n
            try:
                held = [srv.accept()[0] for _ in range(n)]
                os.write(w, b"s")
            except OSError as e:
                os.write(w, b"!"); sys.stderr.write("idle.py: accept: %s\n" % e); os._exit(1)
            hold()
        pids.append(pid)
        pid = os.fork()
        if pid == 0:                 # a client: connect n
            srv.close()
            try:
                held = [socket.create_connection((addr, port)) for _ in range(n)]
                os.write(w, b"c")
            except OSError as e:
                os.write(w, b"!"); sys.stderr.write("idle.py: connect: %s\n" % e); os._exit(1)
            hold()
        pids.append(pid)
    srv.close()
    got = b""
    signal.alarm(300)
    while len(got) < 2 * procs and b"!" not in got:
        got += os.read(r, 64)
    if b"!" in got:
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        sys.exit(1)
    print("ready", *pids, flush=True)


if __name__ == "__main__":
    main()
