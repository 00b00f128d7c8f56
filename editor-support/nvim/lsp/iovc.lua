-- Neovim 0.11+: put this directory on 'runtimepath' and call vim.lsp.enable("iovc").
return {
  cmd = { "iovc", "lsp" },
  filetypes = { "iovctl" },
  root_markers = { ".git" },
  settings = { iovc = {} },
}
