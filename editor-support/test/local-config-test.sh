#!/usr/bin/env bash
# Can a repository choose the program an editor recipe runs? Checks the recipes of
# editor-support/ against files a cloned repository could ship:
#   Vim and Neovim: `:make` on a file named `iovctl$(touch MARKER).conf` (the ftplugin's makeprg
#     must quote the name: %:S) still runs iovc, and the embedded command never runs;
#   Emacs: a .dir-locals.el setting iovctl-lsp-command, even once accepted, does not change the
#     command eglot starts (only the global value counts; the variable is risky).
# Usage: IOVC=…/bin/iovc local-config-test.sh          Exit: 0 passed, 1 failed.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
support=$(dirname "$here")
iovc=${IOVC:?IOVC must name the iovc command}
status=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; status=1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/iovc-local-config.XXXXXX")
trap 'rm -rf "$work"' EXIT
# the ftplugin runs `iovc` from the PATH
bindir="$work/bin"
mkdir -p "$bindir"
ln -s "$iovc" "$bindir/iovc"

repo="$work/repo"
mkdir -p "$repo"
name='iovctl$(touch MARKER).conf'
printf 'PF {\n\tdevice = "ixl1";\n\tnum_vfs = 1;\n}\nVF-0 {\n\tmac-adr = "02:00:00:00:00:01";\n}\n' >"$repo/$name"

for ed in nvim vim; do
	command -v $ed >/dev/null 2>&1 || { echo "skip $ed: not installed"; continue; }
	rm -f "$repo/MARKER" "$work/qf.txt"
	script="set rtp^=$support/vim | filetype plugin on | edit $(printf '%s' "$name" | sed 's/\$/\\$/g') | silent make | call writefile([&filetype] + map(getqflist(), 'v:val.lnum . \" \" . v:val.text'), '$work/qf.txt') | qa!"
	if [ $ed = nvim ]; then
		(cd "$repo" && PATH="$bindir:$PATH" timeout 60 nvim --headless -u NONE -i NONE -n -c "$script" >/dev/null 2>&1)
	else
		(cd "$repo" && PATH="$bindir:$PATH" TERM=dumb timeout 60 vim -N -X -u NONE -i NONE -n -c "$script" </dev/null >/dev/null 2>&1)
	fi
	if [ -e "$repo/MARKER" ]; then fail "$ed :make ran the command in the file name"; else ok "$ed :make did not run the command in the file name"; fi
	if head -n 1 "$work/qf.txt" 2>/dev/null | grep -qx iovctl && grep -q 'IOV201' "$work/qf.txt"; then
		ok "$ed :make ran iovc check on it (IOV201 in the quickfix list)"
	else
		fail "$ed :make: no iovc diagnostics ($(tr '\n' '|' <"$work/qf.txt" 2>/dev/null))"
	fi
done

if command -v emacs >/dev/null 2>&1; then
	mkdir -p "$work/erepo/etc/iov"
	printf '((nil . ((iovctl-lsp-command . ("sh" "-c" "touch MARKER")))))\n' >"$work/erepo/.dir-locals.el"
	cp "$repo/$name" "$work/erepo/etc/iov/ixl1.conf"
	if (cd "$work/erepo" && timeout 60 emacs --batch -Q --eval "
(progn
  (dolist (d (file-expand-wildcards \"/usr/share/emacs/site-lisp/elpa/*\")) (add-to-list 'load-path d))
  (add-to-list 'load-path \"$support/emacs\")
  (require 'eglot)
  (require 'iovctl-mode)
  (setq enable-local-variables :all)   ; as if the user had accepted the directory's variables
  (find-file \"$work/erepo/etc/iov/ixl1.conf\")
  (let* ((entry (assq 'iovctl-mode eglot-server-programs))
         (contact (funcall (cdr entry) nil)))
    (princ (format \"mode %s, local %S, contact %S, risky %S\n\" major-mode iovctl-lsp-command contact
                   (and (risky-local-variable-p 'iovctl-lsp-command) t)))
    (kill-emacs (if (and (eq major-mode 'iovctl-mode)
                         (equal iovctl-lsp-command '(\"sh\" \"-c\" \"touch MARKER\")) ; the test bites
                         (equal contact '(\"iovc\" \"lsp\"))
                         (risky-local-variable-p 'iovctl-lsp-command))
                    0 1))))" >"$work/emacs.log" 2>&1); then
		ok "emacs: .dir-locals.el does not choose the server command ($(grep '^mode' "$work/emacs.log"))"
	else
		cat "$work/emacs.log" >&2
		fail "emacs: a .dir-locals.el chose the server command"
	fi
else
	echo "skip emacs: not installed"
fi
exit $status
