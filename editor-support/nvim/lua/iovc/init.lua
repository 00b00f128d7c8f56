-- iovc language server for Neovim: works on 0.7 (vim.lsp.start_client) and every later release
-- (vim.lsp.start; on 0.11+ you may use lsp/iovc.lua with vim.lsp.enable("iovc") instead).
--
--   require("iovc").setup({
--     cmd = { "iovc", "lsp" },                       -- default
--     settings = { iovc = { driver = "ixl" } },      -- for files without PF.device
--     on_attach = function(client, bufnr) end,       -- optional
--   })
local M = {}

M.config = {
  cmd = { "iovc", "lsp" },
  settings = { iovc = {} },
  root_markers = { ".git" },
}

local clients = {} -- 0.7: one client per root directory

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  for _, marker in ipairs(M.config.root_markers or {}) do
    local found = vim.fn.finddir(marker, dir .. ";")
    if found == "" then found = vim.fn.findfile(marker, dir .. ";") end
    if found ~= "" then return vim.fn.fnamemodify(found, ":p:h:h") end
  end
  return dir
end

--- Starts (or reuses) the iovc client for a buffer; returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local root = root_dir(bufnr)
  local config = {
    name = "iovc",
    cmd = M.config.cmd,
    root_dir = root,
    settings = M.config.settings,
    init_options = (M.config.settings or {}).iovc,
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.lsp.start then -- 0.8+
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

--- Starts iovc for every iovctl buffer, now and later.
function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", M.config, opts or {})
  local group = vim.api.nvim_create_augroup("iovc_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "iovctl",
    callback = function(args) M.start(args.buf) end,
  })
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].filetype == "iovctl" then M.start(b) end
  end
end

return M
