#!/usr/bin/env bash
# Real-client tests of iovc's editor support, against the built distribution:
#   1. a headless Neovim session (Debian's 0.7.2 or newer) and
#   2. an Emacs batch session with eglot
#      open a file with mistakes through the shipped filetype detection / major mode, receive
#      iovc's diagnostics (checked against `iovc check` for codes and lines), ask for a
#      completion and a hover (and, in Neovim, the quick fixes) and check the answers;
#   3. the Vim, Neovim and Emacs recipes against project-local files (local-config-test.sh);
#   4. the VS Code extension: TextMate grammar tests (vscode-tmgrammar-test), a unit test of the
#      client with a stubbed `vscode` module, a .vsix built with @vscode/vsce, and that .vsix in
#      a real VS Code: code-server driven by headless Chromium (run-vscode-web.sh; screenshots in
#      editor-support/target/vscode-web/).
# It installs what it needs: neovim, emacs-nox and elpa-eglot from Debian (apt-get; root or
# sudo), and the npm packages of editor-support/vscode/package.json into editor-support/target;
# run-vscode-web.sh adds chromium and ripgrep (Debian) and code-server and playwright-core (npm,
# cached in ~/.cache/iovc-editor-tests).
# Exit status: 0 when everything passed, 1 when a check failed, 2 when a tool is missing.
#
# Environment: IOVC (the iovc command; default bin/iovc, which builds dist/ when needed),
# IOVC_SKIP_APT=1 (use the editors already installed), IOVC_EDITOR_BUILD (build directory).
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
support=$(dirname "$here")
root=$(dirname "$support")
iovc=${IOVC:-$root/bin/iovc}
build=${IOVC_EDITOR_BUILD:-$support/target}
status=0
fail() { echo "run-editors: FAIL: $*" >&2; status=1; }

echo "== iovc"
if ! "$iovc" --version; then
	echo "run-editors: $iovc does not run (build it with: mvn -q -o install -DskipTests)" >&2
	exit 2
fi

echo "== tools"
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
ls /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || emacs --batch -Q --eval '(require (quote eglot))' >/dev/null 2>&1 || need+=(elpa-eglot)
if [ ${#need[@]} -gt 0 ] && [ "${IOVC_SKIP_APT:-}" != 1 ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
	echo "installing ${need[*]} from Debian"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y --no-install-recommends "${need[@]}" >"$build.apt.log" 2>&1 ||
		{ $sudo apt-get update -qq >>"$build.apt.log" 2>&1 && $sudo apt-get install -y --no-install-recommends "${need[@]}" >>"$build.apt.log" 2>&1; } ||
		{ cat "$build.apt.log" >&2; echo "run-editors: cannot install ${need[*]}" >&2; exit 2; }
fi
for t in nvim emacs node npm; do
	command -v $t >/dev/null 2>&1 || { echo "run-editors: $t is missing" >&2; exit 2; }
done
nvim --version | head -n 1
emacs --version | head -n 1
echo "node $(node --version)"

mkdir -p "$build"
work=$(mktemp -d "${TMPDIR:-/tmp}/iovc-editors.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/iov"
cp "$here/fixtures/etc/iov/ixl1.conf" "$work/etc/iov/ixl1.conf"
file="$work/etc/iov/ixl1.conf"
expected="$work/expected.txt"
# what `iovc check` says: the clients must show the same codes on the same lines
"$iovc" check --format gcc "$file" | sed -E -n 's/^.*:([0-9]+):[0-9]+: [a-z]+: .*\[([A-Z0-9]+)\]$/\1 \2/p' >"$expected"
echo "iovc check: $(tr '\n' ' ' <"$expected")"
[ -s "$expected" ] || { echo "run-editors: iovc check found nothing in the fixture" >&2; exit 1; }
lsp_cmd="$iovc lsp"

echo "== neovim"
(cd "$work" && IOVC_LSP_CMD="$lsp_cmd" IOVC_EXPECTED="$expected" timeout 300 \
	nvim --headless -u NONE -i NONE -n -c "luafile $here/nvim-smoke.lua" "$file") || fail "neovim session"

echo "== emacs"
(cd "$work" && IOVC_LSP_CMD="$lsp_cmd" IOVC_EXPECTED="$expected" timeout 300 \
	emacs --batch -Q -l "$here/emacs-smoke.el" "$file" 2>"$work/emacs.log") || { cat "$work/emacs.log" >&2; fail "emacs session"; }

echo "== project-local files (Vim, Neovim, Emacs)"
IOVC="$iovc" timeout 300 "$here/local-config-test.sh" || fail "a project-local file chose the program that runs"

echo "== vscode"
ext="$build/vscode"
rm -rf "$ext"
mkdir -p "$ext"
(cd "$support/vscode" && tar cf - --exclude=node_modules --exclude='*.vsix' .) | (cd "$ext" && tar xf -)
if (cd "$ext" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >"$build/npm.log" 2>&1); then
	(cd "$ext" && npx --no-install vscode-tmgrammar-test -g syntaxes/iovctl.tmLanguage.json 'test/**/*.test.conf') || fail "grammar tests"
	(cd "$ext" && node test/extension.test.js) || fail "extension client test"
	if (cd "$ext" && npx --no-install vsce package --allow-missing-repository --skip-license -o "$build/iovctl-0.1.0.vsix" >"$build/vsce.log" 2>&1); then
		echo "built $build/iovctl-0.1.0.vsix ($(wc -c <"$build/iovctl-0.1.0.vsix") bytes)"
		unzip -l "$build/iovctl-0.1.0.vsix" | grep -q 'extension/syntaxes/iovctl.tmLanguage.json' || fail "the .vsix has no grammar"
		unzip -l "$build/iovctl-0.1.0.vsix" | grep -q 'extension/node_modules/vscode-languageclient/' || fail "the .vsix has no language client"
		! unzip -l "$build/iovctl-0.1.0.vsix" | grep -q 'node_modules/@vscode/vsce/' || fail "the .vsix contains build tools"
		echo "== vscode in a browser (code-server + Chromium)"
		IOVC="$iovc" "$here/run-vscode-web.sh" "$build/iovctl-0.1.0.vsix" "$build/vscode-web" || fail "VS Code (code-server) session"
	else
		cat "$build/vsce.log" >&2
		fail "vsce package"
	fi
else
	cat "$build/npm.log" >&2
	fail "npm install"
fi

echo "== result"
if [ $status -eq 0 ]; then echo "run-editors: all passed"; else echo "run-editors: FAILED" >&2; fi
exit $status
