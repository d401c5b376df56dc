# capa — plain GNU Makefile.  `make help` lists the targets.
# SPDX-License-Identifier: GPL-3.0-or-later

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
DESTDIR    ?=
BUILD      ?= build
CC         ?= cc
PKG_CONFIG ?= pkg-config

# Libraries, one pkg-config module each.
PKGS        := libgphoto2 ncursesw libsixel lcms2 libudev libexif libjpeg libcrypto json-c libseccomp
SIMCAM_PKGS := libjpeg libexif lcms2
TEST_PKGS   := cmocka vterm umockdev-1.0
ALL_PKGS    := $(sort $(PKGS) $(SIMCAM_PKGS) $(TEST_PKGS))

WARN := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
        -Wformat=2 -Wwrite-strings -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

OPT      ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -DCAPA_VERSION='"$(VERSION)"' \
            -DCAPA_DATADIR='"$(DATADIR)/capa"' -Isrc
CFLAGS   += -std=c11 $(OPT) $(WARN) $(SANFLAGS) -MMD -MP -pthread
LDFLAGS  += $(SANFLAGS) -pthread

# pkg-config is asked lazily so that `make deps` works before anything is installed.
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

# Quiet rules; V=1 shows the full commands.
ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-8s %s\n' $(1) $(2)
endif

CAPA_SRCS   := $(sort $(wildcard src/*.c))
SIMCAM_SRCS := $(sort $(wildcard src/simcam/*.c))
UNIT_SRCS   := $(sort $(wildcard tests/unit/test-*.c))
TOOL_SRCS   := $(sort $(wildcard tests/tools/*.c))

CAPA_OBJS   := $(CAPA_SRCS:%.c=$(BUILD)/obj/%.o)
LIB_OBJS    := $(filter-out $(BUILD)/obj/src/main.o,$(CAPA_OBJS))
SIMCAM_OBJS := $(SIMCAM_SRCS:%.c=$(BUILD)/obj/%.o)
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BINS   := $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/tools/%)
PROGRAMS    := $(BUILD)/capa $(if $(SIMCAM_SRCS),$(BUILD)/capa-simcam)

.PHONY: all check sanitize bench deps demo install uninstall clean help \
        need-deps programs tests fuzz
.DEFAULT_GOAL := all
.SECONDARY:

all: programs
programs: $(PROGRAMS)
tests: $(UNIT_BINS) $(TOOL_BINS)

$(BUILD)/obj/src/simcam/%.o: src/simcam/%.c
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(call pc_cflags,$(SIMCAM_PKGS)) -c -o $@ $<

$(BUILD)/obj/src/%.o: src/%.c
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(call pc_cflags,$(PKGS)) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(call pc_cflags,$(PKGS) $(TEST_PKGS)) -c -o $@ $<

# src/cam-gplog.c replaces libgphoto2's gp_log_data, src/cam-namecut.c
# glibc's __strcpy_chk: export them so the
# libraries' calls bind to them.
$(BUILD)/capa: $(CAPA_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -Wl,--export-dynamic-symbol=gp_log_data \
	  -Wl,--export-dynamic-symbol=__strcpy_chk -o $@ $^ \
	  $(call pc_libs,$(PKGS)) -lm

$(BUILD)/capa-simcam: $(SIMCAM_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(SIMCAM_PKGS)) -lm

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB_OBJS)
	$(call msg,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(PKGS) cmocka) -lm

$(BUILD)/tests/tools/%: $(BUILD)/obj/tests/tools/%.o $(LIB_OBJS)
	$(call msg,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(PKGS) $(TEST_PKGS)) -lm

# Install missing Debian packages when a pkg-config module is missing.
need-deps:
	@$(PKG_CONFIG) --exists $(ALL_PKGS) 2>/dev/null && command -v gphoto2 >/dev/null \
	  || $(MAKE) --no-print-directory deps

# Debian packages for building, testing and benchmarking.
DEB_PKGS := make gcc clang libclang-rt-14-dev pkg-config libgphoto2-dev \
            libncurses-dev libsixel-dev liblcms2-dev libudev-dev libexif-dev \
            libjpeg62-turbo-dev libjson-c-dev libseccomp-dev libcmocka-dev libvterm-dev libumockdev-dev umockdev \
            gphoto2 liblcms2-utils libsixel-bin chafa libjpeg-turbo-progs exif jq procps time valgrind libssl-dev \
            man-db groff-base \
            xvfb xfonts-base xterm mlterm xdotool imagemagick \
            libimage-exiftool-perl lomiri-wallpapers-16.04 lomiri-wallpapers-20.04

deps:
	@missing=$$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(DEB_PKGS) 2>/dev/null \
	    | awk '$$1=="ii"{print $$2}' | sort > /tmp/.capa-have.$$$$; \
	    for p in $(DEB_PKGS); do grep -qx "$$p" /tmp/.capa-have.$$$$ || echo $$p; done; \
	    rm -f /tmp/.capa-have.$$$$); \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps: installing $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $$missing; \
	else echo "deps: missing packages; run as root:"; \
	  echo "  apt-get install --no-install-recommends $$missing"; exit 1; fi

check: need-deps
	@$(MAKE) --no-print-directory programs tests
	@BUILD=$(BUILD) sh tests/run-tests

sanitize: need-deps
	@$(MAKE) --no-print-directory BUILD=build-san SANITIZE=address,undefined \
	  OPT='-O1 -g' check

bench: need-deps
	@$(MAKE) --no-print-directory programs tests
	@BUILD=$(BUILD) sh tests/run-bench

# Fuzz every parser of untrusted bytes (libFuzzer, clang): each target for
# FUZZ_TIME seconds (default 60); fails when one finds anything.
fuzz: need-deps tests
	@BUILD=$(BUILD) sh tests/fuzz/run.sh $(FUZZ_TIME)

demo: need-deps programs
	@if [ -x $(BUILD)/capa-simcam ]; then $(BUILD)/capa --demo; \
	 else echo "make demo: $(BUILD)/capa-simcam was not built (src/simcam/ is missing)"; exit 1; fi

install: programs
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/capa/themes
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(wildcard doc/*.1) $(DESTDIR)$(MANDIR)/man1/
	$(if $(wildcard themes/*.theme),install -m 644 $(wildcard themes/*.theme) $(DESTDIR)$(DATADIR)/capa/themes/)

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGRAMS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard doc/*.1)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/capa/themes/,$(notdir $(wildcard themes/*.theme)))
	-rmdir $(DESTDIR)$(DATADIR)/capa/themes $(DESTDIR)$(DATADIR)/capa 2>/dev/null

clean:
	rm -rf build build-san

help:
	@echo "targets: all check sanitize bench fuzz deps demo install uninstall clean"
	@echo "variables: PREFIX DESTDIR BUILD V=1 WERROR=1 SANITIZE=address,undefined FUZZ_TIME=60"

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
