#!/usr/bin/env bash
# Installs the contract tests' mock server (Steady, pinned in package.json and package-lock.json)
# from the npm registry into tests/mock-server/node_modules. Idempotent, and safe when several
# callers start at once: they take turns on a lock, and the ones after the first find the server
# installed. The contract tests run it before they start the server, so `cargo test --workspace`
# works on a fresh machine with Node.js.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to install the mock server (Node.js and npm, from the machine's packages)" >&2
  exit 1
fi
# One install at a time: two `npm ci` in the same folder remove each other's files (ENOTEMPTY).
# The lock is released when this script exits, however it exits.
exec 9>.install.lock
flock 9
wanted=$(node -p "require('./package.json').dependencies['@stdy/cli']")
# Written only after `npm ci` succeeded, so an install that was cut short is redone.
marker="node_modules/.installed-stdy-cli-$wanted"
if [ -f "$marker" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
touch "$marker"
