#!/usr/bin/env python3
"""Check tcpretrans rows against a workload's connections and the kernel's count.

usage: rows.py OUT CONNS PORTS STATES COUNT
  OUT     tcpretrans output, each line prefixed by its arrival time (stamp.py)
  CONNS   the workload's "conn LADDR LPORT RADDR RPORT" lines
  PORTS   comma-separated server ports of this case: rows touching them are ours
  STATES  comma-separated states a row of ours may have; the first must occur
  COUNT   the kernel's RetransSegs delta for the case: rows of ours must match

Rows on other ports are other traffic on this host: listed, not judged.
Prints one line per problem and a summary; exits 1 on any problem.
"""
import sys


def end(s):
    addr, _, port = s.rpartition(":")
    return addr.strip("[]"), port


def main():
    out, conns, ports, states, count = sys.argv[1:6]
    ports, states, count = set(ports.split(",")), states.split(","), int(count)
    tuples = set()
    for line in open(conns):
        f = line.split()
        if f and f[0] == "conn":
            tuples.add((f[1], f[2], f[3], f[4]))
            tuples.add((f[3], f[4], f[1], f[2]))
    problems, mine, seen_states, header = [], 0, set(), False
    for line in open(out):
        f = line.split()
        if len(f) >= 2 and f[1] == "TIME":
            header = True
            continue
        if len(f) != 7 or f[4] not in ("R>", "L>"):
            problems.append("not a row: " + line.strip())
            continue
        (la, lp), (ra, rp), state = end(f[3]), end(f[5]), f[6]
        if lp not in ports and rp not in ports:
            print("note: other traffic on this host:", " ".join(f[1:]))
            continue
        mine += 1
        seen_states.add(state)
        if (la, lp, ra, rp) not in tuples:
            problems.append("row not of the workload: " + " ".join(f[1:]))
        if state not in states:
            problems.append("state %s not in %s: %s" % (state, states, " ".join(f[1:])))
    if not header:
        problems.append("no header")
    if count <= 0:
        problems.append("the workload made no retransmit: nothing was tested")
    if mine != count:
        problems.append("%d rows, kernel counted %d retransmitted segments" % (mine, count))
    if count and states[0] not in seen_states:
        problems.append("no row in state " + states[0])
    for p in problems:
        print("  " + p)
    print("rows: %d of ours, RetransSegs delta %d, %d problems" % (mine, count, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
