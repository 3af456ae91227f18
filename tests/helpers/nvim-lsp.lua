-- Headless Neovim (0.7+) as a real client of `awaitify lsp`, for tests/editor-nvim.test.ts.
-- Run with the file to open as the current buffer:
--   AWAITIFY_CLI=dist/cli/awaitify.js AWAITIFY_ROOT=<project> AWAITIFY_LINE=<0-based line> AWAITIFY_OUT=<json> \
--   nvim --headless -u NONE -i NONE -n <file> -c 'luafile tests/helpers/nvim-lsp.lua'
-- It starts the server, waits for the diagnostics, asks for the code actions
-- at the line, resolves and applies "Migrate this function and its call chain", writes
-- every changed buffer and quits; AWAITIFY_OUT receives what happened.
local out = os.getenv('AWAITIFY_OUT')
local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'awaitify',
    cmd = { 'node', os.getenv('AWAITIFY_CLI'), 'lsp', '--stdio' },
    root_dir = os.getenv('AWAITIFY_ROOT'),
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local got = vim.wait(120000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 100)
  assert(got, 'no diagnostics within 120 s')
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, { lnum = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message, source = d.source })
  end
  table.sort(diagnostics, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)

  local line = tonumber(os.getenv('AWAITIFY_LINE'))
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 120000)
  assert(responses, 'no answer to textDocument/codeAction')
  local titles = {}
  local chosen
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if not chosen and action.title:find('Migrate this function and its call chain', 1, true) then
        chosen = action
      end
    end
  end
  assert(chosen, 'no "Migrate this function and its call chain" action')
  -- Neovim announces codeAction/resolve support: the server then sends the edit on resolve (as vim.lsp.buf.code_action asks for it).
  if not chosen.edit then
    local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', chosen, 120000)
    for _, response in pairs(resolved or {}) do
      if response.result then
        chosen = response.result
      end
    end
  end
  assert(chosen.edit, 'the code action has no edit, even resolved')
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  vim.cmd('silent wall')
  finish({ diagnostics = diagnostics, titles = titles })
end)
if not ok then
  finish({ error = tostring(err) })
end
