-- Filetype detection for FreeBSD iovctl.conf(5) files, Neovim 0.7 and later. Files are matched
-- by name and place, not by extension: /etc/iov/*.conf, iovctl.conf, iovctl*.conf, *.iovctl.conf.
if vim.fn.has("nvim-0.8") == 1 then
  vim.filetype.add({
    filename = { ["iovctl.conf"] = "iovctl" },
    pattern = {
      [".*/etc/iov/[^/]*%.conf"] = "iovctl",
      ["iovctl[^/]*%.conf"] = "iovctl",
      ["[^/]*%.iovctl%.conf"] = "iovctl",
    },
  })
else
  -- 0.7 detects with filetype.vim; an autocmd in the filetypedetect group works there
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    pattern = { "*/etc/iov/*.conf", "iovctl*.conf", "*.iovctl.conf" },
    command = "set filetype=iovctl",
  })
end
