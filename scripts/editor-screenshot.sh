#!/usr/bin/env bash
# The Neovim screenshot of docs/editor.md: Neovim in a tmux pane with
# editors/neovim/awaitify.lua, on a copy of test-fixtures/editor/express-app,
# the diagnostics shown (nvim-diagnostics.png), then the hover of the
# readFileSync line open (nvim-hover.png); the pane captured with its colours
# and rendered by scripts/ansi-to-png.py (Pillow).
#   bash scripts/editor-screenshot.sh [output directory] [python with Pillow]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/docs/images}
python=${2:-python3}
work=$(mktemp -d)
session=awaitify-shot-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$repo/test-fixtures/editor/express-app" "$work/"
cat > "$work/init.lua" <<LUA
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.cmd('syntax on')
vim.cmd('filetype on')
vim.cmd('highlight NormalFloat ctermbg=237 ctermfg=252')
vim.cmd('highlight FloatBorder ctermbg=237 ctermfg=244')
dofile('$repo/editors/neovim/awaitify.lua').setup({ cmd = { 'node', '$repo/dist/cli/awaitify.js', 'lsp', '--stdio' } })
LUA
cd "$work/express-app"
tmux new-session -d -s "$session" -x 120 -y 30 "nvim -u $work/init.lua -i NONE -n src/lib/templates.js"
# Until the diagnostics are on screen (the sign column shows them).
for _ in $(seq 1 120); do
  tmux capture-pane -p -t "$session" | grep -q 'blocks the event loop' && break
  sleep 1
done
mkdir -p "$out"
shot() {
  tmux capture-pane -p -e -t "$session" > "$work/capture.txt"
  "$python" "$repo/scripts/ansi-to-png.py" "$work/capture.txt" "$out/$1" 120 "$2"
  echo "wrote $out/$1"
}
tmux send-keys -t "$session" '8G12|'
sleep 1
shot nvim-diagnostics.png 17
tmux send-keys -t "$session" ':lua vim.lsp.buf.hover()' Enter
sleep 4
shot nvim-hover.png 22
