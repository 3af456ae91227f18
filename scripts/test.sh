#!/usr/bin/env bash
# The whole test suite from a fresh clone: Node dependencies, the Python
# virtualenvs the Django app runs in (Django 5.2 and 4.0), Neovim for the editor
# test, the build, then vitest.
# Extra arguments go to vitest (e.g. `npm test -- tests/fixtures.test.ts`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "test: installing Node dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
bash scripts/python-env.sh 5.2 .venv
bash scripts/python-env.sh 4.0 .venv-django40
# tests/editor-nvim.test.ts drives a real Neovim (>= 0.7) as the language client; it fails, never skips, without it.
if ! command -v nvim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing Neovim (apt-get install neovim)"
  sudo=$([[ $(id -u) -eq 0 ]] || echo sudo)
  $sudo apt-get install -y neovim || { $sudo apt-get update && $sudo apt-get install -y neovim; }
fi
# vitest's global setup builds dist/ once; the CLI tests run the built binary.
exec npx vitest run "$@"
