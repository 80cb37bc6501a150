#!/usr/bin/env bash
# Runs the whole test suite: type check, API reports, lint, unit and integration tests
# (PostgreSQL, the moto_server AWS emulator), browser end-to-end tests
# (Playwright driving Chromium). Exits non-zero if any step fails.
#   scripts/test.sh            everything
#   scripts/test.sh unit e2e   only the named steps (tsc, api, lint, unit, e2e)
source "$(dirname "$0")/lib/setup.sh"
steps=("${@:-tsc api lint unit e2e}")
steps=(${steps[*]})
wants() { [[ " ${steps[*]} " == *" $1 "* ]]; }

ensure_deps
wants unit && { ensure_postgres; ensure_redis; ensure_python_tools; }
# The portal the browser tests start keeps its data in PostgreSQL and
# validates stacks with cfn-lint and checkov.
wants e2e && { ensure_postgres; ensure_python_tools; ensure_chromium; }

# Backstage's TestDatabases and our own integration tests use this server
# instead of starting containers.
pg_url="postgresql://$POSTGRES_USER${POSTGRES_PASSWORD:+:$POSTGRES_PASSWORD}@$POSTGRES_HOST:$POSTGRES_PORT"
export BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING="$pg_url"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
export PORTAL_TEST_POSTGRES_URL="$pg_url"
export PORTAL_TEST_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT"
# The browser tests' portal runs on PostgreSQL, as in production; set
# PORTAL_E2E_POSTGRES_URL= (empty) for in-memory SQLite.
export PORTAL_E2E_POSTGRES_URL="${PORTAL_E2E_POSTGRES_URL-$pg_url}"

cd "$ROOT"
failed=()
run_step() {
  local name="$1"
  shift
  wants "$name" || return 0
  say "[$name] $*"
  local start=$SECONDS
  if "$@"; then
    say "[$name] passed in $((SECONDS - start)) s"
  else
    say "[$name] FAILED after $((SECONDS - start)) s"
    failed+=("$name")
  fi
}

# From scratch: an incremental build can print an inferred type's members in
# another order than a fresh one, which the API reports would take for a change.
tsc() { rm -rf dist-types && yarn tsc; }
run_step tsc tsc
# The published surface of each package (report.api.md) must match the code:
# after an API change, run `yarn build:api-reports` and commit the reports.
# (ae-wrong-input-file-type is left out: the workspace's packages point their
# types at src/, and the message would carry this machine's absolute path.)
api() {
  wants tsc || tsc
  yarn backstage-repo-tools api-reports --ci --allow-all-warnings -o ae-wrong-input-file-type
}
run_step api api
# Lint, and each configuration the README names checked against the
# plugins' config schemas (config.d.ts), strictly; production's secrets are
# stand-ins here (its file reads them from the environment).
lint() {
  yarn backstage-cli repo lint
  yarn backstage-cli config:check --strict --config app-config.yaml
  yarn backstage-cli config:check --strict --config app-config.yaml --config app-config.emulator.yaml
  (
    export AUTH_ALB_ISSUER=https://issuer.example AUTH_ALB_REGION=us-east-1 AUTH_ALB_SIGNER=arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/portal/0
    export AUTH_OIDC_CLIENT_ID=portal AUTH_OIDC_CLIENT_SECRET=stand-in AUTH_OIDC_METADATA_URL=https://idp.example/.well-known/openid-configuration
    export AUTH_SESSION_SECRET=stand-in POSTGRES_PASSWORD=stand-in
    yarn backstage-cli config:check --strict --config app-config.yaml --config app-config.production.yaml
  )
}
run_step lint lint
unit() { CI=1 yarn backstage-cli repo test --watchAll=false; }
run_step unit unit
e2e() { CI=1 yarn playwright test; }
run_step e2e e2e

if [ ${#failed[@]} -gt 0 ]; then
  say "failed steps: ${failed[*]}"
  exit 1
fi
say "all steps passed: ${steps[*]}"
