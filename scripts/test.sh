#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting, clippy on both
# builds, Rust unit and database tests (SQLite and PostgreSQL), then the
# release build served on each database with the HTTP and browser tests.
# Ends with "N passed, N failed" and a non-zero exit if anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

passed=0
failed=0
failures=()
logs=$(mktemp -d)

# Adds a step's counts to the totals. Cargo and node report how many tests
# ran; a step that reports none (a build, clippy) counts as one.
tally() {
  local name=$1 status=$2 log=$3 p f
  p=$( { grep -hoE 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | cut -d' ' -f1; \
         grep -hoE '^# pass [0-9]+' "$log" | cut -d' ' -f3; } | paste -sd+ | bc)
  f=$( { grep -hoE '; [0-9]+ failed' "$log" | grep -oE '[0-9]+'; \
         grep -hoE '^# fail [0-9]+' "$log" | cut -d' ' -f3; } | paste -sd+ | bc)
  p=${p:-0}; f=${f:-0}
  if [ "$p" = 0 ] && [ "$f" = 0 ]; then
    if [ "$status" = 0 ]; then p=1; else f=1; fi
  elif [ "$status" != 0 ] && [ "$f" = 0 ]; then
    f=1 # it ran tests but then broke (a crash or a compile error)
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" != 0 ]; then failures+=("$name"); fi
  printf '    %s: %s passed, %s failed\n' "$name" "$p" "$f"
}

# Runs one step, tallies it and notes its wall time for the summary.
times=()
step() {
  local name=$1; shift
  local log=$logs/$(echo "$name" | tr -c 'a-zA-Z0-9' '_').log started=$SECONDS
  say "$name"
  "$@" 2>&1 | tee "$log"
  tally "$name" "${PIPESTATUS[0]}" "$log"
  times+=("$(printf '%6d s  %s' $((SECONDS - started)) "$name")")
}

install_build_tools || exit 1
install_format_tools || exit 1
install_browser || exit 1
install_postgres || exit 1
python3 -c 'import aiosmtpd' 2>/dev/null || apt_install python3-aiosmtpd || exit 1
command -v bc >/dev/null || apt_install bc || exit 1
# The TLS tests make their own certificates.
command -v openssl >/dev/null || apt_install openssl || exit 1
tools_done=$SECONDS

PG_PORT=${MENTORWELL_TEST_PG_PORT:-55432}
if [ -z "${MENTORWELL_TEST_POSTGRES:-}" ]; then
  MENTORWELL_TEST_POSTGRES=$("$ROOT/scripts/postgres.sh" start "$PG_PORT") || exit 1
  trap '"$ROOT/scripts/postgres.sh" stop "$PG_PORT"' EXIT
fi
export MENTORWELL_TEST_POSTGRES MENTORWELL_REQUIRE_POSTGRES=1

step "rustfmt" cargo fmt --all --check
step "leptosfmt" leptosfmt --check app/src
step "clippy (server build)" cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
step "clippy (browser build)" cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
step "unit and database tests (server build)" cargo test -p app --features ssr
step "server tests" cargo test -p server
step "unit tests (browser build)" cargo test -p app --features hydrate --lib
step "release build" scripts/build.sh

export MENTORWELL_BIN=$CARGO_TARGET_DIR/release/mentorwell
export LEPTOS_OUTPUT_NAME=mentorwell LEPTOS_SITE_ROOT=$ROOT/target/site LEPTOS_SITE_PKG_DIR=pkg

# One shared server per database for the browser tests; the HTTP tests
# start their own (they restart, kill and reconfigure servers).
serve_for_tests() {
  local backend=$1 port=$2 data=$logs/data-$1
  if [ "$backend" = postgres ]; then
    local db="mw_browser_$$"
    psql -q "$MENTORWELL_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" || return 1
    export DATABASE_URL=${MENTORWELL_TEST_POSTGRES%/*}/$db
  else
    unset DATABASE_URL
    export MENTORWELL_DATA_DIR=$data
  fi
  LEPTOS_SITE_ADDR=127.0.0.1:$port MENTORWELL_DEMO_DATA=1 "$MENTORWELL_BIN" >"$logs/server-$backend.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && return 0
    sleep 0.2
  done
  echo "server did not start:"; cat "$logs/server-$backend.log"; return 1
}

# The browser files that check how pages look and behave in the browser
# (axe, layout, keyboard, CSP, offline reading, throttling's
# message, the sign-up form's errors, who may open what) read the same HTML
# from either engine, and the HTTP tests check the stored side of each on
# both. They run on SQLite only; every journey that stores and reads back
# runs on both. This halves the PostgreSQL browser run, a quarter of CI.
PAGE_CHECKS=" accessibility layout keyboard csp offline access throttle register-errors "
browser_files() {
  local file name
  for file in end2end/browser/*.test.mjs; do
    name=$(basename "$file" .test.mjs)
    if [ "$1" = sqlite ] || [[ "$PAGE_CHECKS" != *" $name "* ]]; then echo "$file"; fi
  done
}

for backend in sqlite postgres; do
  port=$((3300 + RANDOM % 500))
  if serve_for_tests "$backend" "$port"; then
    export MENTORWELL_URL=http://127.0.0.1:$port MENTORWELL_BACKEND=$backend
    step "HTTP tests ($backend)" node --test --test-concurrency=1 --test-reporter=tap end2end/http/
    # shellcheck disable=SC2046 # one word per file
    step "browser tests ($backend)" node --test --test-concurrency=1 --test-reporter=tap $(browser_files "$backend")
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
  else
    failed=$((failed + 1)); failures+=("server start ($backend)")
  fi
  unset DATABASE_URL MENTORWELL_DATA_DIR
done

echo
printf '%6d s  installing tools\n' "$tools_done"
printf '%s\n' "${times[@]}"
printf '%6d s  in all\n' "$SECONDS"
for name in "${failures[@]}"; do echo "FAILED: $name"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
