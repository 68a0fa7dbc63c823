#!/usr/bin/env bash
# Installs the contract tests' mock server (Steady, pinned in package.json and package-lock.json)
# from the npm registry into tests/mock-server/node_modules. Idempotent; the contract test runs it
# when the server is missing, so `cargo test --workspace` works on a fresh machine with Node.js.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to install the mock server (Node.js and npm, from the machine's packages)" >&2
  exit 1
fi
wanted=$(node -p "require('./package.json').dependencies['@stdy/cli']")
installed=$(node -p "require('./node_modules/@stdy/cli/package.json').version" 2>/dev/null || true)
if [ "$installed" = "$wanted" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
