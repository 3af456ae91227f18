#!/usr/bin/env bash
# The whole test suite from a fresh clone: Node dependencies, the Python
# virtualenvs the Django app runs in (Django 5.2 and 4.0), the build, then vitest.
# Extra arguments go to vitest (e.g. `npm test -- tests/fixtures.test.ts`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "test: installing Node dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
bash scripts/python-env.sh 5.2 .venv
bash scripts/python-env.sh 4.0 .venv-django40
# vitest's global setup builds dist/ once; the CLI tests run the built binary.
exec npx vitest run "$@"
