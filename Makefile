# OneStop Kiosk. `make demo` and `make test` work on a fresh Debian 12 as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug
DEMO_DIR ?= .demo

# Debian packages the build, the demo and the tests need.
APT_PACKAGES := pkg-config libcups2-dev libudev-dev libsqlite3-dev \
	cups-daemon cups-client tmux sqlite3 umockdev libumockdev-dev \
	curl espeak-ng libqrencode-dev libfreetype-dev fonts-dejavu-core libpng-dev
# Only for `make screenshots`.
SCREENSHOT_PACKAGES := xvfb xterm imagemagick fonts-dejavu-core

.PHONY: help install-deps build demo test bench screenshots clean

help:
	@echo "make demo     start the kiosk in this terminal (private CUPS, local intake, SQLite)"
	@echo "make test     run every test"
	@echo "make bench    print one JSON line per benchmark"

## install-deps: install missing apt packages (idempotent; instant when all are there)
install-deps:
	@./scripts/install-deps $(APT_PACKAGES)

build: install-deps
	$(SWIFT) build $(BUILD_FLAGS)

## demo: build, start a private cupsd and onestop-intake under .demo/, run kioskd --demo here
demo: build
	@mkdir -p $(DEMO_DIR)
	$(BIN)/kioskctl demo run --dir $(DEMO_DIR)

## test: build everything, validate content, run all tests
test: install-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(BIN)/kioskctl content validate Kiosk
	KIOSK_BIN_DIR=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build $(BUILD_FLAGS)

## bench: one JSON line per figure
bench: install-deps
	$(SWIFT) build -c release --product KioskBench $(BUILD_FLAGS)
	@./scripts/bench

screenshots: install-deps
	@./scripts/install-deps $(SCREENSHOT_PACKAGES)
	$(SWIFT) build $(BUILD_FLAGS)
	./scripts/screenshots

clean:
	rm -rf .build $(DEMO_DIR)
