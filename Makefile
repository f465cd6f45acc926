# Parallel: the two commands.
#   make run   installs what is missing, builds in release mode, serves on :3000
#   make test  installs what tests need, then lint, Rust tests (SQLite and
#              PostgreSQL) and browser tests (hydrated and without JavaScript)
# Every install step is idempotent and quiet when its tool is already there.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION     := 132
LEPTOSFMT_VERSION    := 0.1.33
# The wasm-bindgen CLI must match the crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

# Tools are built without their own fat LTO and single codegen unit: on 2 cores
# cargo-leptos then installs in about 13 minutes instead of 29 (its last crate
# alone kept one core busy for 10 minutes). They run for seconds; nothing is lost.
FAST_INSTALL := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

# REQUIRE_POSTGRES=1 turns "PostgreSQL tests skipped" into a failure (CI sets it).
REQUIRE_POSTGRES ?= 0

.PHONY: help run test setup setup-test lint fmt rust-tests e2e bench first-run soak clean-data

help:
	@echo "make run    build and serve Parallel at http://127.0.0.1:3000 (SQLite in ./data)"
	@echo "make test   lint, Rust tests on SQLite and PostgreSQL, browser tests"
	@echo "make fmt    format Rust code and view! macros"
	@echo "make bench  measure: board pages, autosave load, live fan-out, memory, the browser bundle"
	@echo "make soak   the reliability tests, longer (crash under load, more bad input, PostgreSQL stopped)"
	@echo "make first-run  time a newcomer's first make run (fresh clone, no tools; 35-45 minutes)"

# --precompress writes .br and .gz beside each file in target/site/pkg; the server
# sends those to browsers that accept them (the main WASM: 264 KiB raw, 88 KiB brotli).
run: setup
	@echo "Building Parallel (release). It will be served at http://127.0.0.1:3000"
	cargo leptos serve --release --precompress --split

test: setup setup-test lint rust-tests e2e
	@echo "All checks passed."
	@if [ -f target/.postgres-skipped ]; then \
	  echo "NOTE: PostgreSQL tests were SKIPPED (no PostgreSQL found). Set TEST_DATABASE_URL_POSTGRES to run them."; \
	fi

## Tools for building and serving ------------------------------------------------

# Each install step says which it is, about how long it takes on 2 cores the first
# time, and how long it took; a step whose tool is already there is silent.
setup:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || { echo "Step 1 of 4: the WASM target for Rust (under a minute)…"; \
	       rustup target add wasm32-unknown-unknown; }
	@cargo leptos --version 2>/dev/null | grep -qF "$(CARGO_LEPTOS_VERSION)" \
	  || { echo "Step 2 of 4: cargo-leptos $(CARGO_LEPTOS_VERSION) (about 13 minutes on 2 cores, once)…"; \
	       started=$$(date +%s); \
	       $(FAST_INSTALL) cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads; \
	       echo "cargo-leptos installed in $$(( $$(date +%s) - started )) s."; }
	@wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN_VERSION)" \
	  || { echo "Step 3 of 4: wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2-4 minutes, once)…"; \
	       started=$$(date +%s); \
	       $(FAST_INSTALL) cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION); \
	       echo "wasm-bindgen-cli installed in $$(( $$(date +%s) - started )) s."; }
	@wasm-opt --version 2>/dev/null | grep -qF "version $(BINARYEN_VERSION)" \
	  || { echo "Step 4 of 4: wasm-opt (binaryen $(BINARYEN_VERSION) from npm, under a minute)…"; \
	       npm install --global --no-audit --no-fund binaryen@$(BINARYEN_VERSION); }

## Tools for testing ------------------------------------------------------------

setup-test:
	@cargo nextest --version >/dev/null 2>&1 \
	  || { echo "Installing cargo-nextest…"; cargo install cargo-nextest --locked; }
	@command -v chromium >/dev/null \
	  || { echo "Installing Chromium from Debian's packages…"; \
	       apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@leptosfmt --version 2>/dev/null | grep -qF "$(LEPTOSFMT_VERSION)" \
	  || { echo "Installing leptosfmt $(LEPTOSFMT_VERSION)…"; \
	       cargo install leptosfmt@$(LEPTOSFMT_VERSION) --locked; }
	@cd end2end && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

## Checks -----------------------------------------------------------------------

fmt:
	leptosfmt --quiet app/src
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	leptosfmt --check --quiet app/src
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

# The same suite runs against SQLite always and PostgreSQL when one can be had
# (.ci/postgres-url finds $TEST_DATABASE_URL_POSTGRES or starts the local cluster).
# nextest runs every test in its own process: Leptos keeps reactive state in
# process-wide storage, and several test servers with their own runtimes in one
# process were seen to interfere (a rare hang, a missing context). A deployed server
# is one process with one runtime.
rust-tests:
	@mkdir -p target && rm -f target/.postgres-skipped
	@pg_url="$$(.ci/postgres-url || true)"; \
	if [ -z "$$pg_url" ]; then \
	  if [ "$(REQUIRE_POSTGRES)" = 1 ]; then \
	    echo "PostgreSQL is required (REQUIRE_POSTGRES=1) but none was found or could be started." >&2; exit 1; \
	  fi; \
	  echo "*** No PostgreSQL found: the PostgreSQL tests will be SKIPPED. ***"; \
	  touch target/.postgres-skipped; \
	fi; \
	TEST_DATABASE_URL_POSTGRES="$$pg_url" PARALLEL_TEST_REQUIRE_POSTGRES="$(REQUIRE_POSTGRES)" \
	  cargo nextest run --workspace --locked --no-fail-fast

# cargo-leptos builds the release bundle, starts the server with a fresh SQLite
# database, runs Playwright (both projects) and stops the server.
e2e:
	@e2e_data="$$(mktemp -d)"; trap 'rm -rf "$$e2e_data"' EXIT; \
	env -u DATABASE_URL PARALLEL_DATA_DIR="$$e2e_data" PARALLEL_LOG=warn \
	  cargo leptos end-to-end --release --precompress --split

## Measuring ----------------------------------------------------------------------

# Figures for docs/PERFORMANCE.md. The load bench starts the release server binary
# itself (SQLite, and PostgreSQL when .ci/postgres-url finds one); the browser bench
# measures the hydrate bundle and the participant page under a 4x slower CPU.
# The browser bench goes first: `cargo bench` rebuilds target/release/server without
# the settings cargo-leptos compiles in, and that binary's pages would not hydrate.
bench: setup setup-test
	cargo leptos build --release --precompress --split
	cd end2end && npx playwright test --config bench.config.ts
	@pg_url="$$(.ci/postgres-url || true)"; \
	TEST_DATABASE_URL_POSTGRES="$$pg_url" cargo bench -p server --bench load --locked
	@echo "Issue 15's rows above: bytes to open a link, a later page and interactive times from"
	@echo "  'cd end2end && npx playwright test --config bench.config.ts'; board SSR req/s from"
	@echo "  'cargo bench -p server --bench load'. The first make run is timed on its own:"
	@echo "  'make first-run' (a fresh clone without tools; 35-45 minutes, nothing else running)."

# A newcomer's first `make run`, timed step by step (see .ci/first-run).
first-run:
	.ci/first-run --clean

# The reliability tests that `make test` runs briefly, for longer: a kill -9 after
# 20 s of autosave load, and 20 rounds of random bad input to every server function.
# Then, on its own (nothing else may use PostgreSQL meanwhile), the test that stops
# the whole PostgreSQL server mid-session and starts it again (needs root).
soak: setup-test
	@pg_url="$$(.ci/postgres-url || true)"; \
	TEST_DATABASE_URL_POSTGRES="$$pg_url" CRASH_LOAD_MS=20000 BAD_INPUT_ROUNDS=20 \
	  cargo nextest run -p server --locked --no-capture -E 'test(/^crash::/) | test(/^bad_input::/)'; \
	TEST_DATABASE_URL_POSTGRES="$$pg_url" \
	  cargo nextest run -p server --run-ignored only --locked --no-capture -E 'test(/^database_faults::/)'

clean-data:
	rm -rf data
