-- Drives Neovim's built-in LSP client (0.7+) against dockerlint, headless.
-- Env: DOCKERLINT_CMD (JSON list), DOCKERFILE (path), RESULT (path for the JSON report), FIX_CODE.
local cmd = vim.fn.json_decode(os.getenv("DOCKERLINT_CMD"))
local path = os.getenv("DOCKERFILE")
local out = os.getenv("RESULT")
local fix_code = os.getenv("FIX_CODE")
local report = { diagnostics = {}, fixed = false }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(path))
vim.bo.filetype = "dockerfile"
local started = vim.loop.hrtime()
local id = vim.lsp.start_client({ name = "dockerlint", cmd = cmd, root_dir = vim.fn.fnamemodify(path, ":h") })
vim.lsp.buf_attach_client(0, id)

local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 10)
report.first_diagnostics_ms = (vim.loop.hrtime() - started) / 1e6
if not got then
  report.error = "no diagnostics within 20 s"
  return finish()
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(report.diagnostics, { code = d.code, line = d.lnum, col = d.col, message = d.message,
                                      source = d.source })
end

local client = vim.lsp.get_client_by_id(id)
for _, d in ipairs(vim.diagnostic.get(0)) do
  if d.code == fix_code then
    local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
    -- Neovim 0.7 keeps only the LSP fields it has no slot for in user_data.lsp; rebuild the diagnostic.
    local extra = (d.user_data and d.user_data.lsp) or {}
    local lsp_diag = { range = range, message = d.message, code = d.code, source = d.source,
                       severity = d.severity, data = extra.data }
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(0) },
      range = range,
      context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
    }
    local response = client.request_sync("textDocument/codeAction", params, 10000, 0)
    for _, action in ipairs((response and response.result) or {}) do
      if action.edit and action.title and not action.title:match("^Ignore") then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        report.fixed = true
        report.action = action.title
        break
      end
    end
    break
  end
end
vim.cmd("silent write")
finish()
