#!/usr/bin/env bash
# Installs what Passerelle needs and is missing: Node >= 20.19 check, npm packages, and a
# redis-server binary (unless REDIS_URL points at an existing Redis). Sourced by bin/start and bin/test.
set -euo pipefail

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "passerelle: Node.js >= 20.19 is required (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

stamp=node_modules/.passerelle-install-stamp
if [ ! -d node_modules ]; then
  # A fresh clone: exactly the lockfile's versions (npm ci refuses a lock out of step with
  # package.json instead of rewriting it).
  echo "passerelle: installing npm dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
  touch "$stamp"
elif [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # An existing node_modules after a pull: bring it in line with the lockfile.
  echo "passerelle: updating npm dependencies..." >&2
  npm install --no-audit --no-fund >&2
  touch "$stamp"
fi

# apt's redis-server package also enables a system Redis service (port 6379) that the gateway
# does not use: it runs its own redis-server child. Stop and disable the service we caused.
passerelle_quiet_system_redis() {
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    ${1:-} systemctl disable --now redis-server >/dev/null 2>&1 || true
    echo "passerelle: stopped and disabled the system redis-server service apt enabled (not used)." >&2
  elif command -v service >/dev/null 2>&1; then
    ${1:-} service redis-server stop >/dev/null 2>&1 || true
    ${1:-} update-rc.d redis-server disable >/dev/null 2>&1 || true
  fi
}

if [ -z "${REDIS_URL:-}" ] && ! command -v "${PASSERELLE_REDIS_BINARY:-redis-server}" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "passerelle: installing redis-server with apt-get..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
    passerelle_quiet_system_redis
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "passerelle: installing redis-server with sudo apt-get..." >&2
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
    passerelle_quiet_system_redis sudo
  else
    echo "passerelle: redis-server is missing. Install Redis >= 6.2 (package redis-server) or set REDIS_URL." >&2
    exit 1
  fi
fi
