# OneStop Kiosk. `make demo` and `make test` work on a fresh Debian 12 as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug
DEMO_DIR ?= .demo

# Debian packages the build, the demo and the tests need (iproute2: the veth test line of the
# chaos run and the line tests; zbar-tools: printed QR codes read back independently; dialog:
# the baseline of `make bench`'s start figure; valgrind and binutils' strip: its instruction counts).
APT_PACKAGES := pkg-config libcups2-dev libudev-dev libsqlite3-dev \
	cups cups-daemon cups-client tmux sqlite3 umockdev libumockdev-dev \
	curl espeak-ng libqrencode-dev libfreetype-dev fonts-dejavu-core libpng-dev \
	openssl python3 python3-venv iproute2 zbar-tools \
	cage foot grim debootstrap \
	chromium chromium-driver python3-selenium \
	libp11-kit-dev p11-kit-modules softhsm2 opensc \
	libpango1.0-dev libcairo2-dev poppler-utils \
	dialog valgrind binutils
# Only for `make screenshots`.
SCREENSHOT_PACKAGES := xvfb xterm imagemagick fonts-dejavu-core

.PHONY: help install-deps check-deps build demo test test-system package bench bench-compare chaos fuzz screenshots clean

help:
	@echo "make demo     start the kiosk in this terminal (private CUPS, local intake, SQLite)"
	@echo "make test     run every test"
	@echo "make bench    print one JSON line per benchmark"
	@echo "make bench-compare BASE=REF  instruction counts against another revision"
	@echo "make package build onestop-kiosk_VERSION_amd64.deb"
	@echo "make test-system  install, upgrade and purge the .deb in a debootstrapped Debian 12"

## install-deps: install missing apt packages (idempotent; instant when all are there)
install-deps:
	@./scripts/install-deps $(APT_PACKAGES)

## check-deps: every file the build and tests use comes from a package install-deps installs
check-deps: install-deps
	@./scripts/check-deps $(APT_PACKAGES)

build: install-deps
	$(SWIFT) build $(BUILD_FLAGS)

## demo: build, start a private cupsd and onestop-intake under .demo/, run kioskd --demo here
demo: build
	@mkdir -p $(DEMO_DIR)
	$(BIN)/kioskctl demo run --dir $(DEMO_DIR)

## test: build everything, check module boundaries, validate content and profiles, run every test, a short fuzz run, the contract test and a short chaos run
test: check-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	./scripts/check-modules
	./scripts/check-scripts
	./scripts/architecture --check
	$(BIN)/kioskctl content validate Kiosk
	$(BIN)/kioskctl devices profiles --profiles Hardware/profiles > /dev/null
	# The udev rules are generated from the profiles: fail when they are stale.
	$(BIN)/kioskctl udev rules --profiles Hardware/profiles | diff -u Hardware/udev/70-onestop-kiosk.rules -
	$(BIN)/kioskctl config validate Hardware/config/kiosk.yaml
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build $(BUILD_FLAGS)
	# Hotplug: the test process runs under umockdev's preload, which plugs and unplugs mocked devices.
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) umockdev-wrapper $(SWIFT) test --skip-build $(BUILD_FLAGS) --filter HotplugTests
	./scripts/fuzz 10000
	# The intake's contract, tested by schemathesis (30 examples per operation, the seed printed).
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) ./scripts/contract-test 30
	# A short chaos run over a real veth line (root): 500 dossiers, 50 kills, outages, a slow stretch.
	$(BIN)/KioskChaos --bin $(BIN) --dossiers 500 --kills 50 $(if $(SEED),--seed $(SEED))

## package: onestop-kiosk_VERSION_amd64.deb (release build, static Swift runtime) under .build/package
package: install-deps
	./scripts/package

## test-system: the .deb in a debootstrapped Debian 12 root (cached under .build/debootstrap): install, upgrade, purge
test-system: install-deps
	./scripts/test-system

## chaos: 10,000 dossiers over simulated days, 500 kills on the commit path and of kioskd, intake
## crashes after a commit, 30% faults, 60 s link-down outages and 256 kbit/s stretches on a veth.
## Prints one line: delivered=N lost=0 duplicates=0 extra=0 mismatched=0 seed=S (rerun: make chaos SEED=S)
chaos: install-deps
	$(SWIFT) build $(BUILD_FLAGS)
	$(BIN)/KioskChaos --bin $(BIN) --dossiers 10000 --kills 500 --timeout 7200 $(if $(SEED),--seed $(SEED))

## fuzz: every libFuzzer target (CCCD, terminal input, scanners, Telex, form expressions, the intake's request decoding and answers, kiosk.yaml, content files, a drawn ticket) a million runs each
fuzz: install-deps
	./scripts/fuzz 1000000

## bench: one JSON line per figure
bench: install-deps
	./scripts/release-build $(BUILD_FLAGS)
	@./scripts/bench

## bench-compare: instruction counts of this tree against BASE (a git ref), ratios, >10 % flagged
bench-compare: install-deps
	@./scripts/bench-compare $(BASE)

screenshots: install-deps
	@./scripts/install-deps $(SCREENSHOT_PACKAGES)
	$(SWIFT) build $(BUILD_FLAGS)
	./scripts/screenshots

clean:
	rm -rf .build $(DEMO_DIR)
