-- Drives `unstuck lsp` from Neovim's own LSP client (0.7+), headless:
-- opens a guide, waits for a diagnostic, jumps to a definition, renames an
-- id. Writes what happened, one `key=value` a line, to $UNSTUCK_OUT.
-- Run: nvim --headless -u NONE -c 'luafile neovim.lua'
local out = {}
local function finish()
  local file = io.open(vim.env.UNSTUCK_OUT, 'w')
  for _, line in ipairs(out) do file:write(line .. '\n') end
  file:close()
  vim.cmd('qall!')
end
local function say(key, value) table.insert(out, key .. '=' .. tostring(value)) end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.UNSTUCK_GUIDE))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'unstuck',
    cmd = { vim.env.UNSTUCK_BIN, 'lsp', '--guides', vim.env.UNSTUCK_GUIDES },
    root_dir = vim.env.UNSTUCK_GUIDES,
  })
  vim.lsp.buf_attach_client(buf, client_id)

  -- A diagnostic, as `unstuck check` reports it.
  vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local diagnostics = vim.diagnostic.get(buf)
  say('diagnostics', #diagnostics)
  if diagnostics[1] then
    local lsp = diagnostics[1].user_data and diagnostics[1].user_data.lsp or {}
    say('code', lsp.code or diagnostics[1].code)
    say('diagnostic_line', diagnostics[1].lnum + 1)
  end

  -- Go to definition from a use of `check-battery`.
  local line = vim.fn.search('(#check-battery)', 'w')
  local column = vim.fn.col('.') + 2
  vim.api.nvim_win_set_cursor(0, { line, column })
  vim.lsp.buf.definition()
  vim.wait(5000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= line end, 50)
  say('definition_line', vim.api.nvim_win_get_cursor(0)[1])
  say('definition_text', vim.api.nvim_get_current_line())

  -- Rename it from there: every use changes.
  vim.lsp.buf.rename('battery-check')
  vim.wait(5000, function()
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    return not text:find('check-battery', 1, true)
  end, 50)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  local _, renamed = text:gsub('battery%-check', '')
  local _, left = text:gsub('check%-battery', '')
  say('renamed', renamed)
  say('left', left)
end)
if not ok then say('error', err) end
finish()
