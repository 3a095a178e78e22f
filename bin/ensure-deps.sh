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
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # npm install (not ci): it honours the lockfile, and npm ci refuses lockfiles written
  # without the optional packages of other platforms, which some npm configurations produce.
  echo "passerelle: installing npm dependencies..." >&2
  npm install --no-audit --no-fund >&2
  touch "$stamp"
fi

if [ -z "${REDIS_URL:-}" ] && ! command -v "${PASSERELLE_REDIS_BINARY:-redis-server}" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "passerelle: installing redis-server with apt-get..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "passerelle: installing redis-server with sudo apt-get..." >&2
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
  else
    echo "passerelle: redis-server is missing. Install Redis >= 6.2 (package redis-server) or set REDIS_URL." >&2
    exit 1
  fi
fi
