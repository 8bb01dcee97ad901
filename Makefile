# tcpretrans - see README.md. POSIX make; static musl build by default.
.POSIX:

VERSION   = 0.1
PREFIX    = /usr/local
MANPREFIX = $(PREFIX)/share/man
# The target: x86_64 here; CROSS_COMPILE=aarch64-linux-gnu- or
# arm-linux-gnueabihf- (Debian's cross compilers with musl-dev:arm64 or :armhf)
# pick musl's gcc wrapper for it: aarch64-linux-musl-gcc, arm-linux-musleabihf-gcc.
CROSS_COMPILE = x86_64-linux-gnu-
MUSL_1    = $(CROSS_COMPILE:-gnu-=-musl-)
MUSL      = $(MUSL_1:-gnueabihf-=-musleabihf-)
CC        = $(MUSL)gcc
STRIP     = $(CROSS_COMPILE)strip
CFLAGS    = -Os -Wall -Wextra -fstack-protector-strong -ffunction-sections -fdata-sections
# Always added: C needs no unwind tables (.eh_frame was 3.4 KB of the binary).
TR_CFLAGS = -fno-asynchronous-unwind-tables -fno-unwind-tables
LDFLAGS   = -static -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none \
            -Wl,-z,max-page-size=4096 $(PAGE_$(CROSS_COMPILE))
# Debian's ppc64el kernel has 64 KiB pages: with 4 KiB alignment the data
# segment shares the text's last page and is mapped over it (no longer
# executable: tcpload crashed at once). norelro keeps the file from padding.
PAGE_powerpc64le-linux-gnu- = -Wl,-z,norelro -Wl,-z,max-page-size=65536
BIN_MAX   = 65536

all: tcpretrans

# tcpretrans.full keeps its symbols for the allocation check; tcpretrans is
# the same program stripped.
tcpretrans.full: tcpretrans.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(TR_CFLAGS) $(LDFLAGS) -o $@ tcpretrans.c

tcpretrans: tcpretrans.full
	$(STRIP) -o $@ tcpretrans.full

# For the tests: AddressSanitizer and UndefinedBehaviorSanitizer (clang, libc).
ASAN_CC = clang
tcpretrans-asan: tcpretrans.c
	$(ASAN_CC) -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=undefined -o $@ tcpretrans.c

# Budgets, then every test tier (tests/run says which and why).
check: budgets
	tests/run

budgets: tcpretrans
	@sz=$$(wc -c < tcpretrans); echo "size: $$sz bytes (budget $(BIN_MAX))"; \
	  test "$$sz" -le $(BIN_MAX) || { echo "FAIL: binary over budget"; exit 1; }
	@file tcpretrans | grep -q 'statically linked' || \
	  { echo "FAIL: tcpretrans is not statically linked"; exit 1; }
	@if nm tcpretrans.full | grep -Ew '(malloc|calloc|realloc|free)$$'; then \
	  echo "FAIL: allocator linked in"; exit 1; fi; echo "allocation: no malloc/calloc/realloc/free"
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
	rm -f tcpretrans tcpretrans.full tcpretrans-asan tests/unit
	rm -rf tests/tmp tcpretrans-$(VERSION) tcpretrans-$(VERSION).tar.gz

.PHONY: all check budgets install uninstall dist clean
