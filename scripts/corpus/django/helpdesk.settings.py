# Appended to the serving settings by django-run.sh: the helpdesk package lives in src/
# (upstream installs it with `uv sync`); the copy's own src/ goes first on the path, so the
# migrated code is what runs, never an installed copy.
import os as _os
import sys as _sys
_sys.path.insert(0, _os.path.abspath("src"))
