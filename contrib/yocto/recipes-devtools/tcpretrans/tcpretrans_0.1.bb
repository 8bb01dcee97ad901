SUMMARY = "Show TCP retransmits as they happen, using only ftrace"
DESCRIPTION = "One allocation-free binary that prints every TCP retransmit: \
time, addresses, ports, TCP state. Needs a kernel with CONFIG_FTRACE, and \
CONFIG_KPROBE_EVENTS for -K and -l."
SECTION = "console/network"
LICENSE = "MIT"
LIC_FILES_CHKSUM = "file://LICENSE;md5=fdcb83cabacc79a465963e565f2c35a0"

# The tarball of 'make dist', next to this recipe (files/) or on a mirror.
SRC_URI = "file://tcpretrans-${PV}.tar.gz"
S = "${WORKDIR}/tcpretrans-${PV}"

# Its Makefile builds against musl only (TCLIBC = "musl"): static glibc is ten
# times the size and links an allocator.
COMPATIBLE_HOST:libc-glibc = "null"

EXTRA_OEMAKE = "CC='${CC}' STRIP='${STRIP}' CFLAGS='${CFLAGS} -Wall -Wextra' LDFLAGS='${LDFLAGS} -static'"

do_compile() {
	oe_runmake tcpretrans
}

do_install() {
	install -D -m 0755 ${S}/tcpretrans ${D}${sbindir}/tcpretrans
	install -D -m 0644 ${S}/man/tcpretrans.8 ${D}${mandir}/man8/tcpretrans.8
}

# The Makefile strips what it builds (its size budget is for the stripped file).
INSANE_SKIP:${PN} += "already-stripped"
