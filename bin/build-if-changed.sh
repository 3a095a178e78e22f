#!/usr/bin/env bash
# Sourced by bin/start: runs `npm run build` only when a source, a tsconfig or the lockfile is
# newer than the last successful build (dist/.build-stamp).
stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find src test/bench test/support bin tsconfig.json tsconfig.build.json package-lock.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "passerelle: building..." >&2
  npm run --silent build >&2
  touch "$stamp"
fi
