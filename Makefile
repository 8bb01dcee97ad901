# tcpretrans - see README.md. POSIX make; static musl build by default.
.POSIX:

VERSION   = 0.1
PREFIX    = /usr/local
MANPREFIX = $(PREFIX)/share/man
# The target, as Debian's cross compiler names it (x86_64 here); CROSS_COMPILE
# picks musl's gcc wrapper for it (apt-get install gcc-TRIPLET musl-dev:ARCH):
#   x86_64-linux-gnu-         x86_64-linux-musl-gcc       (amd64)
#   i686-linux-gnu-           i386-linux-musl-gcc         (i386)
#   aarch64-linux-gnu-        aarch64-linux-musl-gcc      (arm64)
#   arm-linux-gnueabihf-      arm-linux-musleabihf-gcc    (armhf)
#   mipsel-linux-gnu-         mipsel-linux-musl-gcc       (mipsel)
#   mips64el-linux-gnuabi64-  mips64el-linux-musl-gcc     (mips64el)
#   powerpc64le-linux-gnu-    powerpc64le-linux-musl-gcc  (ppc64el)
#   s390x-linux-gnu-          s390x-linux-musl-gcc        (s390x)
# CC= and STRIP= override it. Whatever CC is, its C library must be musl:
# static glibc is ten times the size and links an allocator, so tcpretrans.full
# refuses a compiler that defines __GLIBC__ (glibc, uClibc).
CROSS_COMPILE = x86_64-linux-gnu-
MUSL_1    = $(CROSS_COMPILE:i686-linux-gnu-=i386-linux-musl-)
MUSL_2    = $(MUSL_1:-gnuabi64-=-musl-)
MUSL_3    = $(MUSL_2:-gnueabihf-=-musleabihf-)
MUSL      = $(MUSL_3:-gnu-=-musl-)
CC        = $(MUSL)gcc
STRIP     = $(CROSS_COMPILE)strip
NM        = $(CROSS_COMPILE)nm
CFLAGS    = -Os -Wall -Wextra -fstack-protector-strong -ffunction-sections -fdata-sections
# Always added: C needs no unwind tables (.eh_frame was 3.4 KB of the binary);
# the binary is not PIE (static PIE is not offered), so position-independent
# code only costs (i386: 6 KB of text for its GOT register).
TR_CFLAGS = -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-pie -no-pie
LDFLAGS   = -static -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none \
            -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=8 -Wl,-z,norelro \
            $(PAGE_$(CROSS_COMPILE))
# norelro: RELRO pads the file to a page boundary (4 KiB more on i386 and
# aarch64); a static non-PIE binary has no dynamic relocations for it to
# protect. common-page-size=8: the data segment follows the code in the
# file (on the next page in memory) instead of starting a page of its own:
# the file grew in 4 KiB steps (1.4 KB less for TINY=1 on x86_64).
# Debian's ppc64el kernel has 64 KiB pages: with 4 KiB alignment the
# data segment shares the text's last page and is mapped over it (no longer
# executable: tcpload crashed at once).
PAGE_powerpc64le-linux-gnu- = -Wl,-z,max-page-size=65536

# Build-time switches (README "Putting it in an image"): FEATURE_X=0 leaves a
# feature out, and its options say "not in this build". TINY=1 leaves every
# one out unless it is set to 1: the smallest build, the seed tool's options
# (both tracing paths, -l, -s, -r, the perf-tools columns), also built with
# TINY_CFLAGS (functions called once stay functions: smaller there).
#   FEATURE_OWNERS (-p)  FEATURE_DIAG (inet_diag lookups)  FEATURE_COUNT (-c)
#   FEATURE_INTERVAL (-i)  FEATURE_FILTER (-4 -6 -P -H)  FEATURE_JSON (-j)
#   FEATURE_CAUSES (-w)  FEATURE_FAILED (-e)  FEATURE_STRERROR (libc's error
#   texts; off: names, EACCES)  FEATURE_TZ (local time; off: UTC)
TINY      = 0
FEATURES  = -DTINY=$(TINY) $(FEATURE_OWNERS:%=-DFEATURE_OWNERS=%) \
            $(FEATURE_DIAG:%=-DFEATURE_DIAG=%) $(FEATURE_COUNT:%=-DFEATURE_COUNT=%) \
            $(FEATURE_INTERVAL:%=-DFEATURE_INTERVAL=%) $(FEATURE_FILTER:%=-DFEATURE_FILTER=%) \
            $(FEATURE_JSON:%=-DFEATURE_JSON=%) $(FEATURE_CAUSES:%=-DFEATURE_CAUSES=%) \
            $(FEATURE_FAILED:%=-DFEATURE_FAILED=%) $(FEATURE_STRERROR:%=-DFEATURE_STRERROR=%) \
            $(FEATURE_TZ:%=-DFEATURE_TZ=%) $(TINY_CFLAGS_$(TINY))
TINY_CFLAGS = -fno-inline-functions-called-once
TINY_CFLAGS_1 = $(TINY_CFLAGS)

all: tcpretrans

# tcpretrans.full keeps its symbols for the allocation check; tcpretrans is
# the same program stripped.
tcpretrans.full: tcpretrans.c
	@defs=$$(printf '\043include <stdio.h>\n' | $(CC) $(CPPFLAGS) $(CFLAGS) -dM -E -x c -) || \
	  { echo "FAIL: $(CC) cannot compile <stdio.h> (why: above): install gcc-TRIPLET and musl-dev:ARCH (the Makefile's CROSS_COMPILE table)"; exit 1; }; \
	  case $$defs in *__GLIBC__*) echo "FAIL: $(CC) builds against glibc or uClibc, not musl (static glibc is ten times the size and links an allocator): use CROSS_COMPILE=TRIPLET with musl-dev:ARCH, or CC=musl's gcc"; exit 1;; esac
	$(CC) $(CPPFLAGS) $(FEATURES) $(CFLAGS) $(TR_CFLAGS) $(LDFLAGS) -o $@ tcpretrans.c

tcpretrans: tcpretrans.full
	$(STRIP) -R .comment -o $@ tcpretrans.full

# The smallest build (TINY=1), beside the default one: budgets and tests.
tcpretrans-tiny.full: tcpretrans.c
	$(CC) $(CPPFLAGS) -DTINY=1 $(TINY_CFLAGS) $(CFLAGS) $(TR_CFLAGS) $(LDFLAGS) -o $@ tcpretrans.c

tcpretrans-tiny: tcpretrans-tiny.full
	$(STRIP) -R .comment -o $@ tcpretrans-tiny.full

# For the tests: AddressSanitizer and UndefinedBehaviorSanitizer (clang, libc).
ASAN_CC = clang
tcpretrans-asan: tcpretrans.c
	$(ASAN_CC) -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=undefined -o $@ tcpretrans.c

# Budgets, then every test tier (tests/run says which and why).
check: budgets
	tests/run

# The size budget by the machine the binary is for (64 KiB; 96 KiB where code
# is less dense: MIPS, POWER, s390x); for a Debian triplet, also that it is
# that machine. Static, and no allocator (the target's own nm). The same for
# the smallest build (TINY=1): 48 KiB for x86_64 and 32-bit ARM, 56 KiB for
# i386 and aarch64, 80 KiB for MIPS, POWER, s390x.
budgets: tcpretrans tcpretrans-tiny
	@info=$$(file -b tcpretrans); sz=$$(wc -c < tcpretrans); \
	  case $$info in *x86-64*|*80386*|*aarch64*|*ARM*) b=65536;; \
	  *MIPS*|*PowerPC*|*S/390*) b=98304;; \
	  *) echo "FAIL: no size budget for a binary of this machine: $$info"; exit 1;; esac; \
	  case '$(CROSS_COMPILE)' in \
	  x86_64-*) m='64-bit LSB *x86-64';; \
	  i?86-*) m='32-bit LSB *Intel 80386';; \
	  aarch64-*) m='64-bit LSB *ARM aarch64';; \
	  arm-*) m='32-bit LSB *ARM, EABI5';; \
	  mipsel-*) m='32-bit LSB *MIPS32';; \
	  mips64el-*) m='64-bit LSB *MIPS64';; \
	  powerpc64le-*) m='64-bit LSB *64-bit PowerPC';; \
	  s390x-*) m='64-bit MSB *IBM S/390';; \
	  *) m='*';; \
	  esac; \
	  echo "size: $$sz bytes (budget $$b), $$(echo "$$info" | cut -d, -f1-2)"; \
	  test "$$sz" -le $$b || { echo "FAIL: binary over budget"; exit 1; }; \
	  case $$info in *$$m*) ;; *) echo "FAIL: tcpretrans is not $$m: $$info"; exit 1;; esac; \
	  case $$info in *'statically linked'*) ;; *) echo "FAIL: tcpretrans is not statically linked"; exit 1;; esac
	@syms=$$($(NM) tcpretrans.full) || { echo "FAIL: $(NM) cannot list the symbols"; exit 1; }; \
	  if echo "$$syms" | grep -Ew '(malloc|calloc|realloc|free)$$'; then \
	  echo "FAIL: allocator linked in"; exit 1; fi; echo "allocation: no malloc/calloc/realloc/free"
	@info=$$(file -b tcpretrans-tiny); sz=$$(wc -c < tcpretrans-tiny); \
	  case $$info in *x86-64*|*'ARM, EABI'*) b=49152;; *80386*|*aarch64*) b=57344;; \
	  *) b=81920;; esac; \
	  echo "tiny: $$sz bytes (budget $$b), TINY=1"; \
	  test "$$sz" -le $$b || { echo "FAIL: tcpretrans-tiny over budget"; exit 1; }; \
	  case $$info in *'statically linked'*) ;; *) echo "FAIL: tcpretrans-tiny is not statically linked"; exit 1;; esac; \
	  if $(NM) tcpretrans-tiny.full | grep -Ew '(malloc|calloc|realloc|free)$$'; then \
	  echo "FAIL: allocator linked in tcpretrans-tiny"; exit 1; fi
	@out=$$(mandoc -Tlint -W warning man/tcpretrans.8 2>&1); \
	  test -z "$$out" || { echo "$$out"; echo "FAIL: mandoc -Tlint"; exit 1; }; \
	  echo "man page: mandoc -Tlint clean"

install: tcpretrans
	mkdir -p $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(MANPREFIX)/man8
	cp -f tcpretrans $(DESTDIR)$(PREFIX)/sbin/tcpretrans
	chmod 755 $(DESTDIR)$(PREFIX)/sbin/tcpretrans
	cp -f man/tcpretrans.8 $(DESTDIR)$(MANPREFIX)/man8/tcpretrans.8
	chmod 644 $(DESTDIR)$(MANPREFIX)/man8/tcpretrans.8

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/sbin/tcpretrans $(DESTDIR)$(MANPREFIX)/man8/tcpretrans.8

# A release tarball, as the packages in contrib/ build from.
DIST = tcpretrans-$(VERSION)
dist:
	rm -rf $(DIST) && mkdir -p $(DIST)
	cp -R Makefile tcpretrans.c LICENSE README.md man tests bench contrib $(DIST)/
	rm -rf $(DIST)/tests/tmp $(DIST)/tests/unit
	tar -cf - $(DIST) | gzip -9 > $(DIST).tar.gz
	rm -rf $(DIST)

clean:
	rm -f tcpretrans tcpretrans.full tcpretrans-tiny tcpretrans-tiny.full tcpretrans-asan tests/unit
	rm -rf tests/tmp tcpretrans-$(VERSION) tcpretrans-$(VERSION).tar.gz

.PHONY: all check budgets install uninstall dist clean
