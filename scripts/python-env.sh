#!/usr/bin/env bash
# Creates (or refreshes) a virtualenv holding the Django toolchain that the
# Django integration test runs the sample application with.
#
#   scripts/python-env.sh [django-version] [dir]
#
#   django-version  5.2 (default) or 4.0
#   dir             virtualenv directory; relative paths are taken from the
#                   repository root. Default: .venv for 5.2, .venv-django40 for 4.0
#
# Idempotent: the requirement list and the interpreter version are written to a
# stamp file inside the venv; when they match, nothing is installed.
# Uses only PyPI (through pip as configured on the machine).
# Environment: PYTHON picks the interpreter (default python3, must be >= 3.10).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
django_version="${1:-5.2}"

# Pins per Django line. Django 4.0 needs older pytest-django (4.5.x supports
# Django 2.2-4.0) and asgiref within Django 4.0's <4 bound; markcoroutinefunction
# (used by migrated middleware) exists from asgiref 3.6, so both lines have it.
# Django REST framework (the django-sound app's API): 3.16 is the first release
# that supports Django 5.2; 3.15.1 is the last that still supports Django 4.0
# (3.15.2 and later require Django >= 4.2).
case "$django_version" in
  5.2 | 5.2.*)
    default_dir=".venv"
    requirements=(
      "Django==5.2.8"
      "asgiref==3.9.2"
      "pytest==8.4.2"
      "pytest-django==4.11.1"
      "httpx==0.28.1"
      "requests==2.32.5"
      "uvicorn==0.35.0"
      "djangorestframework==3.16.1"
    )
    ;;
  4.0 | 4.0.*)
    default_dir=".venv-django40"
    requirements=(
      "Django==4.0.10"
      "asgiref==3.8.1"
      "pytest==7.4.4"
      "pytest-django==4.5.2"
      "httpx==0.28.1"
      "requests==2.32.5"
      "uvicorn==0.35.0"
      "djangorestframework==3.15.1"
    )
    ;;
  *)
    echo "python-env: unsupported Django version '$django_version' (supported: 5.2, 4.0)" >&2
    exit 2
    ;;
esac

venv_dir="${2:-$default_dir}"
case "$venv_dir" in
  /*) ;;
  *) venv_dir="$repo_root/$venv_dir" ;;
esac

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "python-env: '$python' not found; install Python 3.10+ or set PYTHON" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "python-env: $("$python" --version 2>&1) is too old; Python 3.10+ is needed (set PYTHON)" >&2
  exit 1
fi

python_version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
stamp_file="$venv_dir/.awaitify-requirements"
wanted="$(printf 'python %s\n' "$python_version"; printf '%s\n' "${requirements[@]}")"

if [[ -x "$venv_dir/bin/python" && -f "$stamp_file" ]] && [[ "$(cat "$stamp_file")" == "$wanted" ]] \
  && "$venv_dir/bin/python" -c 'import django, pytest, pytest_django, httpx, requests, uvicorn, asgiref, rest_framework' 2>/dev/null; then
  echo "python-env: $venv_dir is up to date (Django $django_version, Python $python_version)"
  exit 0
fi

if [[ -d "$venv_dir" ]]; then
  echo "python-env: $venv_dir is missing or stale; recreating it"
else
  echo "python-env: creating $venv_dir (Django $django_version, Python $python_version)"
fi
rm -f "$stamp_file"
"$python" -m venv --clear "$venv_dir"

echo "python-env: installing ${requirements[*]}"
"$venv_dir/bin/python" -m pip install --quiet --no-input --disable-pip-version-check "${requirements[@]}"

# Written last, so an interrupted install is redone on the next call.
printf '%s\n' "$wanted" >"$stamp_file"
echo "python-env: $venv_dir ready"
