#!/usr/bin/env python3
"""Prefix each line of standard input with the CLOCK_BOOTTIME second it arrived."""
import sys, time

while True:
    line = sys.stdin.buffer.readline()
    if not line:
        break
    sys.stdout.write("%.6f %s" % (time.clock_gettime(time.CLOCK_BOOTTIME),
                                  line.decode(errors="replace")))
    sys.stdout.flush()
