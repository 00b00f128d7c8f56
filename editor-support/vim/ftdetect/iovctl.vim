" FreeBSD iovctl.conf(5): matched by name and place, not by extension.
au BufNewFile,BufRead */etc/iov/*.conf,iovctl*.conf,*.iovctl.conf set filetype=iovctl
