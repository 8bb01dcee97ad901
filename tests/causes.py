#!/usr/bin/env python3
"""Check tcpretrans -w rows against the kernel's own counters of why it retransmitted.

usage: causes.py OUT BEFORE AFTER NEED
  OUT     tcpretrans -w -P PORT output, each line prefixed by its arrival time (stamp.py)
  BEFORE, AFTER  the namespace's counters, "NAME=VALUE ..." (RetransSegs, TCPTimeouts,
          TCPFastRetrans, TCPSlowStartRetrans, TCPSynRetrans, TCPLossProbes)
  NEED    the cause this workload is for (RTO, FAST, LOSS, TLP, SYNACK): at least one row

What each counter counts (6.18 source, checked by these cases):
  TCPTimeouts       tcp_retransmit_timer() firings (one RTO retransmit each, SYN_SENT
                    too) and SYN-ACK timer firings (one SYN-ACK retransmit each, while
                    the request lives): RTO rows + SYNACK rows
  TCPFastRetrans    segments tcp_xmit_retransmit_queue() sent outside the Loss state: FAST
  TCPSlowStartRetrans  the same in the Loss state (after an RTO): LOSS
  TCPSynRetrans     SYN and SYN-ACK retransmits (measured): the RTO rows in SYN_SENT
                    and the SYNACK rows
  TCPLossProbes     every tail loss probe, also those that send new data: no counter
                    counts only the probes that retransmit, so TLP rows are checked
                    against RetransSegs less every other kind (all it counts that is
                    neither timer- nor ACK-driven), and must not exceed TCPLossProbes.
One segment per packet (gso_max_segs 1): one row is one counted segment.
The kernel does not record a stack under every event (measured on 6.18: some events
raised in softirq on the idle task have none): such a row says "-", the kernel did
not say. So each cause's rows may fall short of its counter, by exactly the "-" rows
in all, and every "-" row must have no stack under it (OUT is from -w -s).
Prints the per-cause rows and counters; exits 1 on any mismatch.
"""
import sys


def counters(s):
    return {k: int(v) for k, v in (w.split("=") for w in s.split())}


def main():
    out, before, after, need = sys.argv[1:5]
    b, a = counters(before), counters(after)
    d = {k: a[k] - b[k] for k in a}
    rows = {}
    syn_sent = syn_unknown = stacked = 0
    last = None
    for line in open(out):
        f = line.split()
        if len(f) >= 8 and f[4] == "R>":
            rows[f[7]] = rows.get(f[7], 0) + 1
            syn_sent += f[7] == "RTO" and f[6] == "SYN_SENT"
            syn_unknown += f[7] == "-" and f[6] == "SYN_SENT"
            last = f[7]
        elif len(f) >= 2 and f[1] == "=>" and last == "-":
            stacked += 1
            last = None
    n = lambda c: rows.get(c, 0)
    want = {
        "RTO": d["TCPTimeouts"] - n("SYNACK"),
        "FAST": d["TCPFastRetrans"],
        "LOSS": d["TCPSlowStartRetrans"],
        "TLP": d["RetransSegs"] - d["TCPTimeouts"] - d["TCPFastRetrans"] - d["TCPSlowStartRetrans"],
    }
    bad = []
    short = 0
    for c, w in want.items():
        if not 0 <= w - n(c) <= n("-"):
            bad.append("%s rows %d, counters say %d" % (c, n(c), w))
        short += w - n(c)
    if short != n("-"):
        bad.append("%d rows say -, the causes are %d rows short" % (n("-"), short))
    if stacked:
        bad.append("%d rows say - with a stack under them" % stacked)
    if sum(rows.values()) != d["RetransSegs"]:    # so SYNACK rows are right too
        bad.append("%d rows, RetransSegs %d" % (sum(rows.values()), d["RetransSegs"]))
    # a SYN_SENT row without a stack (-) may be one of the SYN retransmits
    if not 0 <= d["TCPSynRetrans"] - syn_sent - n("SYNACK") <= syn_unknown:
        bad.append("RTO rows in SYN_SENT %d (and %d saying -) and SYNACK rows %d, TCPSynRetrans %d"
                   % (syn_sent, syn_unknown, n("SYNACK"), d["TCPSynRetrans"]))
    if n("TLP") > d["TCPLossProbes"]:
        bad.append("TLP rows %d > TCPLossProbes %d" % (n("TLP"), d["TCPLossProbes"]))
    for c in rows:
        if c not in want and c not in ("SYNACK", "-"):
            bad.append("%d rows say %s" % (rows[c], c))
    if not n(need) and not (n("-") and n("-") == sum(rows.values())):
        bad.append("no %s row: the workload missed its cause" % need)
    elif not n(need):    # every row without a stack: nothing wrong, nothing shown
        print("note: every row says - (no stack under any): %s not seen" % need)
    for m in bad:
        print(m)
    print("rows %s; deltas %s" % (" ".join("%s=%d" % (c, n(c)) for c in list(want) + ["SYNACK", "-"]),
          " ".join("%s=%d" % kv for kv in sorted(d.items()))))
    sys.exit(1 if bad else 0)


main()
