#!/usr/bin/env bash
# Starts the portal: frontend on http://localhost:3000, backend on
# http://localhost:7007, SQLite under .data/, guest sign-in, demo catalog.
source "$(dirname "$0")/lib/setup.sh"
ensure_deps
if curl -sf http://localhost:7007/.backstage/health/v1/liveness >/dev/null 2>&1; then
  say "a backend already answers on :7007; stop it first (or open http://localhost:3000)"
  exit 0
fi
mkdir -p "$ROOT/.data/sqlite"
cd "$ROOT"
say "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec node "$ROOT/$(sed -n 's/^yarnPath: *//p' "$ROOT/.yarnrc.yml")" start
