# sigsurvey - one Makefile. Objects go to $(B) (build/, or build-san/ for
# the sanitizer run); `make help` lists the targets.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DESTDIR ?=
B       ?= build

CC      ?= cc
PKGS     = libmicrohttpd sqlite3 yaml-0.1 libsodium libqrencode
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) \
              -Icore -Icollector -Iadmin -Ireports -Icli -I$(B) $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS        = $(PKG_LIBS) -lhpdf -lpthread -lm

CORE_SRC      = $(wildcard core/*.c) $(wildcard core/store/*.c)
COLLECTOR_SRC = $(wildcard collector/*.c)
ADMIN_SRC     = $(wildcard admin/*.c)
REPORTS_SRC   = $(wildcard reports/*.c)
CLI_SRC       = $(wildcard cli/*.c)
SCHEMA        = $(sort $(wildcard schema/*.sql))
STATIC        = $(sort $(wildcard collector/static/*) $(wildcard admin/static/*))
GEN_SRC       = $(B)/gen/schema.c $(B)/gen/static.c

LIB_OBJ = $(patsubst %.c,$(B)/%.o,$(CORE_SRC) $(COLLECTOR_SRC) $(ADMIN_SRC) $(REPORTS_SRC)) \
          $(B)/gen/schema.o $(B)/gen/static.o
CLI_OBJ = $(patsubst %.c,$(B)/%.o,$(CLI_SRC))
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
E2E      = $(sort $(wildcard tests/e2e/t[0-9]*.sh))

# Parallel by default (a -j on the command line wins); one short line per
# step (`CC core/util.o`), or every command in full with V=1.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif
ifeq ($(V),1)
Q   =
say = @:
else
Q   = @
say = @printf '  %-4s %s\n'
endif

.PHONY: all deps deps-run deps-test deps-bench test check sanitize bench run \
        install uninstall clean help fuzz
.SUFFIXES:

all: $(B)/sigsurvey

help:
	@echo "make            build $(B)/sigsurvey"
	@echo "make deps       install missing Debian and npm packages for the tests"
	@echo "make run        build and start the collector with the shipped forms"
	@echo "make test       build and run every test (unit, end-to-end, browser)"
	@echo "make sanitize   the whole suite under AddressSanitizer and UBSan"
	@echo "make bench      benchmarks (not tests); figures go in README.md"
	@echo "make install    binary, man page, forms and systemd units under"
	@echo "                \$$(DESTDIR)\$$(PREFIX); make uninstall removes them"
	@echo "V=1             print every command in full"

# Packages by purpose: run (build and run), test (adds the test tools),
# bench (adds wrk, hyperfine and nginx, installed without starting it).
deps: deps-test
deps-run deps-test deps-bench:
	@tools/deps.sh $(@:deps-%=%)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $*.o
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(say) CC tools/embed
	$(Q)$(CC) -O1 -o $@ $<

$(B)/gen/schema.c: $(B)/tools/embed $(SCHEMA)
	@mkdir -p $(dir $@)
	$(say) GEN gen/schema.c
	$(Q)$(B)/tools/embed schema_files $@ $(SCHEMA)

$(B)/gen/static.c: $(B)/tools/embed $(STATIC)
	@mkdir -p $(dir $@)
	$(say) GEN gen/static.c
	$(Q)$(B)/tools/embed static_files $@ $(STATIC)

$(B)/gen/%.o: $(B)/gen/%.c
	$(say) CC gen/$*.o
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libsigsurvey.a: $(LIB_OBJ)
	@rm -f $@
	$(say) AR libsigsurvey.a
	$(Q)ar rcs $@ $^

$(B)/sigsurvey: $(CLI_OBJ) $(B)/libsigsurvey.a
	$(say) LD sigsurvey
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libsigsurvey.a $(LIBS)
	@[ "$(B)" != build ] || ln -sf build/sigsurvey sigsurvey

$(B)/tests/%: tests/unit/%.c $(B)/libsigsurvey.a
	@mkdir -p $(dir $@)
	$(say) LD tests/$*
	$(Q)$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) $(ALL_LDFLAGS) \
		-o $@ $< $(B)/libsigsurvey.a $(LIBS) $(shell pkg-config --libs cmocka)

# Every test speaks TAP; prove runs them two at a time, one line per file,
# and prints the total. The build waits for the packages (a fresh machine
# has no headers yet), hence the sub-make.
TEST_ENV = SIGSURVEY=$(abspath $(B)/sigsurvey) TOP=$(CURDIR) \
           CMOCKA_MESSAGE_OUTPUT=TAP
test:
	@echo "test: [1/3] checking packages (tools/deps.sh test)"
	@tools/deps.sh test
	@echo "test: [2/3] building sigsurvey and $(words $(UNIT_BIN)) unit tests"
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@echo "test: [3/3] running $(words $(UNIT_BIN)) unit and $(words $(E2E)) end-to-end test files (prove -j2)"
	$(Q)$(TEST_ENV) prove -j2 --exec '' $(UNIT_BIN) $(E2E)

check: test

sanitize:
	@$(MAKE) --no-print-directory B=build-san SAN=1 test \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# A real host: the binary, the man page, the example forms, the systemd
# units (with the paths filled in) and the service's system user. Every
# file it puts is in INSTALLED, which uninstall removes.
FORMS     = $(notdir $(wildcard forms/*.yaml))
UNITS     = sigsurvey.service sigsurvey-backup.service sigsurvey-backup.timer
FORMSDIR  = $(DATADIR)/sigsurvey/forms
INSTALLED = $(BINDIR)/sigsurvey $(MANDIR)/man1/sigsurvey.1 \
            $(addprefix $(FORMSDIR)/,$(FORMS)) $(addprefix $(UNITDIR)/,$(UNITS)) \
            $(SYSUSERSDIR)/sigsurvey.conf

install: $(B)/sigsurvey
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(FORMSDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	install -m 755 $(B)/sigsurvey $(DESTDIR)$(BINDIR)/sigsurvey
	install -m 644 docs/sigsurvey.1 $(DESTDIR)$(MANDIR)/man1/sigsurvey.1
	install -m 644 $(addprefix forms/,$(FORMS)) $(DESTDIR)$(FORMSDIR)/
	for u in $(UNITS); do \
		sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@FORMSDIR@|$(FORMSDIR)|g' $$u \
			>$(DESTDIR)$(UNITDIR)/$$u.tmp && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$u.tmp && \
		mv $(DESTDIR)$(UNITDIR)/$$u.tmp $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
	install -m 644 sigsurvey.sysusers $(DESTDIR)$(SYSUSERSDIR)/sigsurvey.conf
	@echo "install: to start it (docs/deploy.md): systemd-sysusers &&" \
		"systemctl daemon-reload && systemctl enable --now sigsurvey sigsurvey-backup.timer"

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(FORMSDIR) $(DESTDIR)$(DATADIR)/sigsurvey 2>/dev/null

clean:
	rm -rf build build-san sigsurvey

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# The collector with the shipped forms and data/sigsurvey.db, reachable
# from the local network (tools/run.sh; LISTEN=127.0.0.1:8080 for this
# computer only).
run: deps-run
	@$(MAKE) --no-print-directory all
	@tools/run.sh

# Benchmarks, not tests: each tests/bench/*.sh prints its own table.
bench: deps-bench
	@$(MAKE) --no-print-directory all
	@for b in tests/bench/*.sh; do SIGSURVEY=$(abspath $(B)/sigsurvey) TOP=$(CURDIR) $$b || exit 1; done

# Fuzzing (clang's libFuzzer), not part of `make test`:
#   make fuzz FUZZ_SECONDS=60 [FUZZ_HARNESSES="fields token"]
# Each harness tests/fuzz/fuzz-NAME.c is linked with FUZZ_SRC_NAME and run
# on build-fuzz/corpus-NAME (grows) plus the seeds in tests/fuzz/corpus-NAME.
FUZZ_SECONDS   ?= 30
FUZZ_HARNESSES ?= form answer fields token escape
FUZZ_CC        ?= clang
FUZZ_CFLAGS     = -g -O1 -std=c11 -D_GNU_SOURCE \
                  -fsanitize=fuzzer,address,undefined \
                  -Icore -Icollector -Ireports -Ibuild-fuzz $(PKG_CFLAGS)
FUZZ_SRC_form   = $(wildcard core/form*.c) $(wildcard core/answer*.c) core/date.c \
                  core/crypto.c core/util.c core/buf.c
FUZZ_SRC_answer = $(FUZZ_SRC_form)
FUZZ_SRC_fields = collector/fields.c collector/http.c collector/watch.c \
                  collector/accesslog.c core/util.c core/buf.c
FUZZ_SRC_token  = collector/token.c core/crypto.c core/util.c core/buf.c
FUZZ_SRC_escape = collector/html.c reports/csv.c reports/chart-script.c \
                  core/util.c core/buf.c

define FUZZ_RULE
build-fuzz/fuzz-$(1): tests/fuzz/fuzz-$(1).c $$(FUZZ_SRC_$(1))
	@mkdir -p build-fuzz
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$^ $$(PKG_LIBS) -lm
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call FUZZ_RULE,$(h))))

fuzz: $(patsubst %,build-fuzz/fuzz-%,$(FUZZ_HARNESSES))
	for h in $(FUZZ_HARNESSES); do \
	mkdir -p build-fuzz/corpus-$$h; \
	build-fuzz/fuzz-$$h -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		build-fuzz/corpus-$$h tests/fuzz/corpus-$$h || exit 1; \
	done
