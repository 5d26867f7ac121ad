-- Headless Neovim (0.7+) as a real LSP client of dist/server.js, driven by test/lsp/neovim.test.ts.
-- Inputs (environment): SH_SERVER (path to dist/server.js), SH_ROOT (workspace folder), SH_OUT (JSON report),
-- SH_ACTION (optional: apply the first code action whose title starts with it, then save every buffer).
-- Every wait is bounded; any failure is written to the report and exits with a non-zero code.
local report = { diagnostics = {}, actions = {}, messages = {}, requests = {}, applied = nil, error = nil }

-- Messages the server shows: recorded (the test checks they leak nothing; `requests` holds the ones that asked
-- for an answer, which a fix note never should). A message request is answered
-- with no choice, as a person dismissing it would; Neovim's own handler would block on a prompt.
vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(report.messages, result.message) end
vim.lsp.handlers['window/showMessageRequest'] = function(_, result)
  table.insert(report.messages, result.message)
  table.insert(report.requests, result.message)
  return vim.NIL
end

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
  -- Neovim's own quick-fix flow (vim.lsp.buf.code_action: line diagnostics as context, codeAction/resolve,
  -- apply the edit, run the command), with the menu answered by title instead of by a person.
  local first = vim.diagnostic.get(buf)[1]
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local chosen
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(report.actions, action.title)
      if not chosen and action.title:sub(1, #wanted) == wanted then chosen = item end
    end
    on_choice(chosen)
  end
  local source_before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  vim.lsp.buf.code_action()
  if not vim.wait(10000, function() return #report.actions > 0 end, 20) then return fail('no code actions within 10 s') end
  if not chosen then return finish(0) end -- the test reports which titles were offered
  local function changed() return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') ~= source_before end
  if not vim.wait(10000, changed, 20) then return fail('the chosen action did not change the buffer within 10 s') end
  chosen = chosen.action or chosen[2]
  report.applied = chosen.title
  vim.cmd('silent! wall')
  -- The fix's notes come after the edit (its command runs workspace/executeCommand): wait for them, bounded.
  vim.wait(5000, function() return #report.messages > 0 end, 20)
  finish(0)
end)
if not ok then fail(tostring(err)) end
