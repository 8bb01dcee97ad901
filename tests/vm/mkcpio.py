#!/usr/bin/env python3
"""Write a newc cpio archive of DIR to OUT, plus the device nodes the guest
needs (no root needed to make them: they exist only in the archive).

usage: mkcpio.py DIR OUT
"""
import os, stat, sys

NODES = [("dev/console", 5, 1), ("dev/null", 1, 3), ("dev/ttyS0", 4, 64), ("dev/ttyS1", 4, 65)]


def entry(out, ino, name, mode, data=b"", rdev=(0, 0), nlink=1):
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
    out.write(hdr.encode() + name_b)
    out.write(b"\0" * ((4 - (110 + len(name_b)) % 4) % 4))
    out.write(data)
    out.write(b"\0" * ((4 - len(data) % 4) % 4))


def main():
    top, path = sys.argv[1:3]
    ino = 1
    with open(path, "wb") as out:
        entry(out, ino, "dev", stat.S_IFDIR | 0o755, nlink=2)
        for name, major, minor in NODES:
            ino += 1
            entry(out, ino, name, stat.S_IFCHR | 0o600, rdev=(major, minor))
        for d, dirs, files in os.walk(top):
            dirs.sort()
            for n in sorted(dirs) + sorted(files):
                p = os.path.join(d, n)
                rel = os.path.relpath(p, top)
                st = os.lstat(p)
                ino += 1
                if stat.S_ISLNK(st.st_mode):
                    entry(out, ino, rel, st.st_mode, os.readlink(p).encode())
                elif stat.S_ISDIR(st.st_mode):
                    entry(out, ino, rel, st.st_mode, nlink=2)
                else:
                    with open(p, "rb") as f:
                        entry(out, ino, rel, st.st_mode, f.read())
        entry(out, 0, "TRAILER!!!", 0)


if __name__ == "__main__":
    main()
