-- Headless Neovim session against `iovc lsp` (Neovim 0.7.2 and later). Run by run-editors.sh:
--   IOVC_LSP_CMD="…/bin/iovc lsp" IOVC_EXPECTED=expected.txt \
--   nvim --headless -u NONE -i NONE -n -c "luafile nvim-smoke.lua" FILE
-- Opens FILE through the shipped filetype detection and Lua setup, waits for iovc's
-- diagnostics and compares them (line, code) with IOVC_EXPECTED ("LINE CODE" per line, what
-- `iovc check` says), then asks for a completion, a hover and the quick fixes. Exit 0 = pass.
local out = io.stdout
local function emit(s) out:write(s .. "\n") end -- print() goes to stderr in --headless
local failures = 0
local function check(ok, what)
  emit((ok and "ok   " or "FAIL ") .. what)
  if not ok then failures = failures + 1 end
end

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local support = vim.fn.fnamemodify(here, ":h")
vim.opt.runtimepath:prepend(support .. "/vim")
vim.opt.runtimepath:prepend(support .. "/nvim")
vim.cmd("filetype plugin on")
vim.cmd("syntax on")

local cmd = vim.split(os.getenv("IOVC_LSP_CMD") or "iovc lsp", " ", { trimempty = true })
require("iovc").setup({ cmd = cmd })

local file = vim.fn.argv()[1]
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
emit("neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))
check(vim.bo[buf].filetype == "iovctl", "filetype detected: " .. vim.bo[buf].filetype)

local got_diags = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
check(got_diags, "diagnostics received")
local got = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(got, ("%d %s"):format(d.lnum + 1, tostring(code)))
  emit(("  %s:%d:%d [%s] %s"):format(vim.fn.fnamemodify(file, ":t"), d.lnum + 1, d.col + 1, tostring(code), (d.message:gsub("\n.*", ""))))
end
table.sort(got)
local want = {}
for line in io.lines(os.getenv("IOVC_EXPECTED")) do
  if line:match("^%d+ %S+$") then table.insert(want, line) end
end
table.sort(want)
check(#want > 0 and table.concat(got, ",") == table.concat(want, ","),
  "diagnostics match iovc check: got {" .. table.concat(got, ", ") .. "} want {" .. table.concat(want, ", ") .. "}")

local client = vim.lsp.get_active_clients()[1]
check(client ~= nil and client.name == "iovc", "client iovc attached")
local uri = vim.uri_from_bufnr(buf)
local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 20000) or {}
  for _, r in pairs(res) do
    if r.result then return r.result end
  end
  return nil
end

-- completion on the empty line inside VF-0 (line 13)
local empty_line
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l == "" and i > 11 and not empty_line then empty_line = i - 1 end
end
local comp = request("textDocument/completion", { textDocument = { uri = uri }, position = { line = empty_line, character = 0 } })
local items = comp and (comp.items or comp) or {}
local labels = {}
for _, it in ipairs(items) do labels[it.label] = it end
check(labels["mac-addr"] ~= nil and labels["num-queues"] ~= nil, ("completion on line %d: %d items incl. mac-addr, num-queues"):format(empty_line + 1, #items))
local edit = labels["num-queues"] and labels["num-queues"].textEdit
check(edit ~= nil and edit.range.start.line == empty_line and edit.range.start.character == 0 and edit.range["end"].character == 0,
  "completion edit replaces exactly the (empty) prefix")
check(labels["num-queues"] ~= nil and labels["num-queues"].detail == "uint16_t, default 4", "completion detail: " .. tostring(labels["num-queues"] and labels["num-queues"].detail))

-- hover on num-queues in DEFAULT (line 8)
local hover = request("textDocument/hover", { textDocument = { uri = uri }, position = { line = 7, character = 3 } })
local text = hover and hover.contents and (hover.contents.value or hover.contents) or ""
if type(text) ~= "string" then text = vim.inspect(text) end
check(text:find("uint16_t", 1, true) ~= nil and text:find("default", 1, true) ~= nil and text:find("DEFAULT", 1, true) ~= nil,
  "hover on num-queues: " .. (text:gsub("\n.*", "")))

-- quick fix for mac-adr (line 12)
local actions = request("textDocument/codeAction", {
  textDocument = { uri = uri },
  range = { start = { line = 11, character = 2 }, ["end"] = { line = 11, character = 2 } },
  context = { diagnostics = {} },
}) or {}
local titles = {}
for _, a in ipairs(actions) do table.insert(titles, a.title) end
check(vim.tbl_contains(titles, "change to `mac-addr`"), "quick fixes: " .. table.concat(titles, "; "))

client.stop()
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
emit(failures == 0 and "PASS neovim" or ("FAIL neovim: " .. failures .. " check(s) failed"))
vim.cmd(failures == 0 and "qall!" or "cquit 1")
