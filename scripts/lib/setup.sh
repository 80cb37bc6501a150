# Set-up shared by scripts/start.sh and scripts/test.sh. Source it; every step
# is idempotent and does nothing when its part is already in place.
#   ensure_node        Node 22/24 on PATH (downloads Node 22 from npm if older)
#   ensure_deps        yarn install from the committed lockfile
#   ensure_postgres    a PostgreSQL server on $POSTGRES_HOST:$POSTGRES_PORT
#   ensure_redis       a Redis server on $REDIS_HOST:$REDIS_PORT (the shared cache in tests)
#   ensure_chromium    a Chromium for the browser tests
#   ensure_python_tools  moto_server and cfn-lint in .venv, checkov in .venv-checkov
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
export REDIS_PORT="${REDIS_PORT:-6379}"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

yarn() { node "$ROOT/$(sed -n 's/^yarnPath: *//p' "$ROOT/.yarnrc.yml")" "$@"; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major="$(node_major)"
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then return; fi
  local os arch pkg
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) die "this script knows Linux and macOS; install Node 22 yourself on $(uname -s)" ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "no Node 22 package for $(uname -m); install Node 22 yourself" ;; esac
  pkg="node-$os-$arch"
  local dir="$TOOLCHAIN/$pkg"
  if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
    command -v npm >/dev/null || die "Node $major is too old (22 or 24 needed) and there is no npm to fetch Node 22 with; install Node 22 from https://nodejs.org"
    say "Node $major found; fetching Node 22 from the npm registry ($pkg) into .toolchain/"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund "$pkg@22" >/dev/null
  fi
  export PATH="$dir/node_modules/$pkg/bin:$PATH"
  # node-gyp (better-sqlite3) builds against these headers, offline.
  export npm_config_nodedir="$dir/node_modules/$pkg"
  say "using Node $(node --version) from .toolchain/"
}

ensure_deps() {
  ensure_node
  # Yarn checks the lockfile against node_modules itself; an up-to-date tree
  # takes a few seconds.
  say "installing dependencies (yarn install --immutable)"
  mkdir -p "$TOOLCHAIN"
  (cd "$ROOT" && yarn install --immutable > "$TOOLCHAIN/install.log" 2>&1) || {
    tail -40 "$TOOLCHAIN/install.log" >&2
    die "yarn install failed; the whole log is in .toolchain/install.log"
  }
}

pg_ready() { (echo > "/dev/tcp/$POSTGRES_HOST/$POSTGRES_PORT") 2>/dev/null; }

ensure_postgres() {
  pg_ready && return
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1; then
    say "starting the local PostgreSQL cluster"
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  elif is_root && command -v apt-get >/dev/null; then
    say "installing PostgreSQL from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    sed -i 's/^\(host.*\)scram-sha-256$/\1trust/; s/^\(local.*\)peer$/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 30); do pg_ready && return; sleep 1; done
  die "no PostgreSQL answers on $POSTGRES_HOST:$POSTGRES_PORT; start one (or set POSTGRES_HOST/POSTGRES_PORT/POSTGRES_USER/POSTGRES_PASSWORD to reach yours)"
}

redis_ready() { (echo > "/dev/tcp/$REDIS_HOST/$REDIS_PORT") 2>/dev/null; }

# The two-replica test shares Backstage's cache service between backends
# through Redis, as production replicas do.
ensure_redis() {
  redis_ready && return
  if ! command -v redis-server >/dev/null && is_root && command -v apt-get >/dev/null; then
    say "installing Redis from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null; }
  fi
  if command -v redis-server >/dev/null && [ "$REDIS_HOST" = 127.0.0.1 ]; then
    say "starting a local Redis on port $REDIS_PORT"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  fi
  for _ in $(seq 1 20); do redis_ready && return; sleep 0.5; done
  die "no Redis answers on $REDIS_HOST:$REDIS_PORT; start one (Debian: apt-get install redis-server) or set REDIS_HOST/REDIS_PORT"
}

ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
  if [ -z "$CHROMIUM_PATH" ]; then
    if is_root && command -v apt-get >/dev/null; then
      say "installing Chromium from Debian's packages"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
      CHROMIUM_PATH="$(command -v chromium)"
    else
      die "the browser tests need Chromium; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
    fi
  fi
}

ensure_python_tools() {
  local venv="$ROOT/.venv"
  if [ ! -x "$venv/bin/moto_server" ] || [ ! -x "$venv/bin/cfn-lint" ] ||
    [ "$ROOT/scripts/requirements-test.txt" -nt "$venv/.installed" ] ||
    [ "$ROOT/plugins/scaffolder-backend-module-aws-stacks/skeleton/requirements-cfn-lint.txt" -nt "$venv/.installed" ]; then
    command -v python3 >/dev/null || die "the AWS emulator tests need Python 3 (for moto_server)"
    say "installing moto_server and cfn-lint into .venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/requirements-test.txt"
    touch "$venv/.installed"
  fi
  # checkov pins boto3 and botocore below what moto needs, so it has a venv of its own.
  local checkov="$ROOT/.venv-checkov"
  if [ ! -x "$checkov/bin/checkov" ] || [ "$ROOT/scripts/requirements-checkov.txt" -nt "$checkov/.installed" ]; then
    say "installing checkov into .venv-checkov"
    python3 -m venv "$checkov"
    "$checkov/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/requirements-checkov.txt"
    touch "$checkov/.installed"
  fi
  export PATH="$venv/bin:$PATH"
}
