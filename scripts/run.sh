#!/usr/bin/env bash
# Installs what is missing, builds, and serves Mentorwell on the embedded
# SQLite database with demo data. PORT (default 3000) picks the port;
# DATABASE_URL=postgres://… serves from PostgreSQL instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
say "building (the first build takes several minutes)"
scripts/build.sh
export LEPTOS_OUTPUT_NAME=mentorwell LEPTOS_SITE_ROOT=$ROOT/target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR=${LEPTOS_SITE_ADDR:-127.0.0.1:${PORT:-3000}}
export MENTORWELL_PUBLIC_URL=${MENTORWELL_PUBLIC_URL:-http://$LEPTOS_SITE_ADDR}
export MENTORWELL_DATA_DIR=${MENTORWELL_DATA_DIR:-$ROOT/data}
# The demo: accounts and content loaded into an empty database. The
# binary's own default is off, for real installations.
export MENTORWELL_DEMO_DATA=${MENTORWELL_DEMO_DATA:-1}
exec "$CARGO_TARGET_DIR/release/mentorwell" serve
