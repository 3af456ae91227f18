#!/usr/bin/env bash
# Sets up awaitify and runs it on the bundled Express example app: a dry run
# that prints the unified diff (stdout) and the summary (stderr). Nothing is written.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund >&2
fi
npx tsc -p tsconfig.json
cd test-fixtures/apps/express-shop
exec node ../../../dist/cli/awaitify.js migrate . "$@"
