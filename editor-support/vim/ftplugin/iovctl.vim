" FreeBSD iovctl.conf(5) (UCL)
if exists("b:did_ftplugin") | finish | endif
let b:did_ftplugin = 1
setlocal commentstring=#\ %s
setlocal comments=:#,s1:/*,mb:*,ex:*/
setlocal iskeyword+=-
setlocal noexpandtab shiftwidth=0 softtabstop=0
setlocal foldmethod=syntax
" `iovc check --format gcc` works with :make and the quickfix list. %:S quotes the file name for
" the shell: a repository's `iovctl$(cmd).conf` must not run cmd on :make.
setlocal makeprg=iovc\ check\ --format\ gcc\ %:S
setlocal errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %m
let b:undo_ftplugin = "setl cms< com< isk< et< sw< sts< fdm< mp< efm<"
