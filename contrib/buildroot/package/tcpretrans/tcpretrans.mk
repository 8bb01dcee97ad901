################################################################################
#
# tcpretrans
#
################################################################################

TCPRETRANS_VERSION = 0.1
# The tarball of 'make dist'; put it (or a mirror of it) where Buildroot looks:
# BR2_PRIMARY_SITE, or set TCPRETRANS_SITE from the command line.
TCPRETRANS_SITE ?= file://$(TOPDIR)/../tcpretrans
TCPRETRANS_LICENSE = MIT
TCPRETRANS_LICENSE_FILES = LICENSE

define TCPRETRANS_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) CC="$(TARGET_CC)" \
		STRIP="$(TARGET_STRIP)" CFLAGS="$(TARGET_CFLAGS) -Wall -Wextra" \
		LDFLAGS="$(TARGET_LDFLAGS) -static" \
		$(if $(BR2_PACKAGE_TCPRETRANS_TINY),TINY=1) tcpretrans
endef

define TCPRETRANS_INSTALL_TARGET_CMDS
	$(INSTALL) -D -m 0755 $(@D)/tcpretrans $(TARGET_DIR)/usr/sbin/tcpretrans
endef

$(eval $(generic-package))
