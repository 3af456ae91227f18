-- awaitify in Neovim 0.7+ without nvim-lspconfig: one `awaitify lsp` client,
-- attached to every Python, JavaScript and TypeScript buffer. In init.lua:
--   dofile('/path/to/awaitify/editors/neovim/awaitify.lua').setup()
-- or, with options:
--   ...setup({ cmd = { 'npx', 'awaitify-codemod', 'lsp', '--stdio' } })
-- The server finds each file's project root itself (as `awaitify migrate` does).
local M = {}

function M.setup(opts)
  opts = opts or {}
  local client_id
  local group = vim.api.nvim_create_augroup('awaitify', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = { 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact' },
    callback = function(args)
      if not client_id or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client({
          name = 'awaitify',
          cmd = opts.cmd or { 'awaitify', 'lsp', '--stdio' },
          root_dir = opts.root_dir or vim.fn.getcwd(),
        })
      end
      if client_id then
        vim.lsp.buf_attach_client(args.buf, client_id)
      end
    end,
  })
end

return M
