# OneStop Kiosk. `make demo` and `make test` work on a fresh Debian 12 as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug
DEMO_DIR ?= .demo

# Debian packages the build, the demo and the tests need.
APT_PACKAGES := pkg-config libcups2-dev libudev-dev libsqlite3-dev \
	cups cups-daemon cups-client tmux sqlite3 umockdev libumockdev-dev \
	curl espeak-ng libqrencode-dev libfreetype-dev fonts-dejavu-core libpng-dev \
	openssl python3 python3-venv libp11-kit-dev p11-kit-modules softhsm2 opensc
# Only for `make screenshots`.
SCREENSHOT_PACKAGES := xvfb xterm imagemagick fonts-dejavu-core

.PHONY: help install-deps check-deps build demo test bench chaos fuzz screenshots clean

help:
	@echo "make demo     start the kiosk in this terminal (private CUPS, local intake, SQLite)"
	@echo "make test     run every test"
	@echo "make bench    print one JSON line per benchmark"

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
	./scripts/architecture --check
	$(BIN)/kioskctl content validate Kiosk
	$(BIN)/kioskctl devices profiles --profiles Hardware/profiles > /dev/null
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build $(BUILD_FLAGS)
	# Hotplug: the test process runs under umockdev's preload, which plugs and unplugs mocked devices.
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) umockdev-wrapper $(SWIFT) test --skip-build $(BUILD_FLAGS) --filter HotplugTests
	./scripts/fuzz 10000
	# The intake's contract, tested by schemathesis (30 examples per operation, the seed printed).
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) ./scripts/contract-test 30
	$(BIN)/KioskChaos --bin $(BIN) --dossiers 500 --kills 50

## chaos: 10,000 dossiers, 500 kills of kioskd, 30% faults and a one-minute outage
chaos: install-deps
	$(SWIFT) build $(BUILD_FLAGS)
	$(BIN)/KioskChaos --bin $(BIN) --dossiers 10000 --kills 500 --timeout 7200

## fuzz: the CCCD parser under libFuzzer for a million runs
fuzz: install-deps
	./scripts/fuzz 1000000

## bench: one JSON line per figure
bench: install-deps
	$(SWIFT) build -c release $(BUILD_FLAGS)
	@./scripts/bench

screenshots: install-deps
	@./scripts/install-deps $(SCREENSHOT_PACKAGES)
	$(SWIFT) build $(BUILD_FLAGS)
	./scripts/screenshots

clean:
	rm -rf .build $(DEMO_DIR)
