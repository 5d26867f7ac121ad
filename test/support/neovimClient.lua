-- Headless Neovim (0.7+) as a real LSP client of dist/server.js, driven by test/lsp/neovim.test.ts.
-- Inputs (environment): SH_SERVER (path to dist/server.js), SH_ROOT (workspace folder), SH_OUT (JSON report),
-- SH_ACTION (optional: apply the first code action whose title starts with it, then save every buffer).
-- Every wait is bounded; any failure is written to the report and exits with a non-zero code.
local report = { diagnostics = {}, actions = {}, applied = nil, error = nil }

local function finish(code)
  local file = io.open(os.getenv('SH_OUT'), 'w')
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd(code == 0 and 'qa!' or 'cq!')
end

local function fail(message)
  report.error = message
  finish(1)
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'secret-hygiene',
    cmd = { 'node', os.getenv('SH_SERVER'), '--stdio' },
    root_dir = os.getenv('SH_ROOT'),
    workspace_folders = { { uri = vim.uri_from_fname(os.getenv('SH_ROOT')), name = 'root' } },
  })
  if not client_id then return fail('vim.lsp.start_client returned nil') end
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    return fail('no diagnostics from the server within 15 s')
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code })
  end

  local wanted = os.getenv('SH_ACTION')
  if wanted == nil or wanted == '' then return finish(0) end
  local client = vim.lsp.get_client_by_id(client_id)
  local lsp_diagnostics = vim.tbl_map(function(d) return d.user_data.lsp end, vim.diagnostic.get(buf))
  local first = lsp_diagnostics[1]
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = first.range,
    context = { diagnostics = lsp_diagnostics },
  }, 10000)
  if not responses then return fail('textDocument/codeAction timed out') end
  local chosen
  for _, response in pairs(responses) do
    if response.error then return fail('codeAction error: ' .. vim.inspect(response.error)) end
    for _, action in ipairs(response.result or {}) do
      table.insert(report.actions, action.title)
      if not chosen and action.title:sub(1, #wanted) == wanted then chosen = action end
    end
  end
  if not chosen then return finish(0) end -- the test reports which titles were offered
  if not chosen.edit and chosen.data then
    local resolved = client.request_sync('codeAction/resolve', chosen, 10000, buf)
    if not resolved or resolved.err then return fail('codeAction/resolve failed: ' .. vim.inspect(resolved and resolved.err)) end
    chosen = resolved.result
  end
  if not chosen.edit then return fail('the chosen code action carries no edit: ' .. chosen.title) end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  if chosen.command then
    client.request_sync('workspace/executeCommand', chosen.command, 10000, buf)
  end
  report.applied = chosen.title
  vim.cmd('silent! wall')
  finish(0)
end)
if not ok then fail(tostring(err)) end
