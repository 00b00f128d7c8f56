#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server (VS Code's own workbench, served on
# 127.0.0.1 only, no auth) with the built .vsix installed, driven from headless Chromium by
# playwright-core (vscode-web.js). It opens an untrusted workspace holding an /etc/iov file with
# mistakes and a .vscode/settings.json whose "iovc.path" names a script of the workspace, and
# checks from the page: iovc's codes in the Problems panel, the code lens over PF, a completion, a
# hover, a quick fix, Format Document, and that the workspace's script never ran. Screenshots land
# in OUT.
#
# Usage: run-vscode-web.sh VSIX OUT      (IOVC: the iovc command, as for run-editors.sh)
# Installs, when missing: chromium and ripgrep from Debian (apt-get), code-server and
# playwright-core from npm into IOVC_EDITOR_CACHE (default ~/.cache/iovc-editor-tests), once.
# Exit status: 0 passed, or skipped with a line starting "SKIP:" that gives the command and its
# error when code-server or Chromium cannot be installed or started (IOVC_VSCODE_WEB_REQUIRED=1
# turns that skip into exit 2); 1 when a check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd -P)
vsix=${1:?usage: run-vscode-web.sh VSIX OUT}
out=${2:?usage: run-vscode-web.sh VSIX OUT}
iovc=${IOVC:?IOVC must name the iovc command}
cs_version=4.100.3       # the last code-server that runs on Node 20 (newer ones need Node 22)
pw_version=1.65.2        # drives Debian's chromium through executablePath, downloads no browser
rg_pkg_version=1.15.11   # @vscode/ripgrep in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
rg_release=v13.0.0-10    # the ripgrep-prebuilt release that version downloads from GitHub
cache=${IOVC_EDITOR_CACHE:-$HOME/.cache/iovc-editor-tests}
tools="$cache/vscode-web-cs$cs_version-pw$pw_version"
t0=$(date +%s)
mkdir -p "$out"

skip() {
	# $1 = what failed, $2 = the exact command, $3 = a log with its error
	echo "SKIP: vscode-web: $1"
	echo "SKIP: command: $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 25 "$3" | sed 's/^/SKIP: | /'
	if [ "${IOVC_VSCODE_WEB_REQUIRED:-}" = 1 ]; then exit 2; fi
	exit 0
}

# ---- Debian packages
need=()
chromium=${IOVC_CHROMIUM:-}
[ -z "$chromium" ] && for c in /usr/bin/chromium /usr/bin/chromium-browser; do [ -x "$c" ] && chromium=$c && break; done
[ -z "$chromium" ] && need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
	cmd="$sudo apt-get install -y --no-install-recommends ${need[*]}"
	echo "installing ${need[*]} from Debian"
	export DEBIAN_FRONTEND=noninteractive
	{ timeout 600 $cmd >"$out/apt.log" 2>&1 ||
		{ timeout 300 $sudo apt-get update -qq >>"$out/apt.log" 2>&1 && timeout 600 $cmd >>"$out/apt.log" 2>&1; }; } ||
		skip "cannot install ${need[*]}" "$cmd" "$out/apt.log"
	[ -z "$chromium" ] && chromium=/usr/bin/chromium
fi
rg=$(command -v rg)

# ---- code-server and playwright-core from npm, installed once into the cache
if [ ! -f "$tools/.complete" ]; then
	echo "installing code-server@$cs_version and playwright-core@$pw_version into $tools"
	rm -rf "$tools"
	mkdir -p "$tools/tmp/vscode-ripgrep-cache-$rg_pkg_version"
	# code-server's postinstall installs @vscode/ripgrep, whose own postinstall downloads rg from
	# GitHub; give it Debian's rg as the download it would have cached (same file name).
	(cd "$(dirname "$rg")" && tar czf "$tools/tmp/vscode-ripgrep-cache-$rg_pkg_version/ripgrep-$rg_release-x86_64-unknown-linux-musl.tar.gz" "$(basename "$rg")")
	echo '{"private":true}' >"$tools/package.json"
	cmd="npm install --unsafe-perm --no-audit --no-fund --no-package-lock --loglevel=error code-server@$cs_version playwright-core@$pw_version"
	if ! (cd "$tools" && TMPDIR="$tools/tmp" npm_config_yes=true timeout 900 $cmd >"$out/npm-code-server.log" 2>&1); then
		skip "npm could not install code-server (Node $(node --version))" "cd $tools && TMPDIR=$tools/tmp npm_config_yes=true $cmd" "$out/npm-code-server.log"
	fi
	rm -rf "$tools/tmp"
	touch "$tools/.complete"
fi
code_server="$tools/node_modules/.bin/code-server"
echo "code-server $("$code_server" --version 2>/dev/null | head -n 1), $("$chromium" --version 2>/dev/null)"
echo "tools ready after $(( $(date +%s) - t0 )) s"

# ---- a fresh code-server: its own user data, extensions, workspace; 127.0.0.1 on a free port
work=$(mktemp -d "${TMPDIR:-/tmp}/iovc-vscode-web.XXXXXX")
cs_pid=""
drv_pid=""
cleanup() {
	# the driver (node + the Chromium playwright started) runs in its own process group too
	if [ -n "$drv_pid" ]; then
		kill -TERM -- -"$drv_pid" 2>/dev/null
		sleep 0.5
		kill -KILL -- -"$drv_pid" 2>/dev/null
	fi
	# code-server runs in its own process group (setsid): end it and its children (extension
	# host, iovc lsp).
	if [ -n "$cs_pid" ]; then
		kill -TERM -- -"$cs_pid" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- -"$cs_pid" 2>/dev/null || break; sleep 0.3; done
		kill -KILL -- -"$cs_pid" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ud="$work/user-data"
ed="$work/extensions"
mkdir -p "$ud/User" "$ud/Machine" "$ed"
cmd="$code_server --user-data-dir $ud --extensions-dir $ed --install-extension $vsix"
timeout 120 $cmd >"$out/install-extension.log" 2>&1 || skip "code-server cannot install the .vsix" "$cmd" "$out/install-extension.log"
ls "$ed" | grep -q '^iovc\.iovctl-' || { cat "$out/install-extension.log"; echo "run-vscode-web: the extension is not in $ed" >&2; exit 1; }

# iovc.path is a machine setting: the user's (and, in code-server, the remote machine's) value.
settings=$(node -e '
	process.stdout.write(JSON.stringify({
		"iovc.path": process.argv[1],
		"security.workspace.trust.enabled": true,
		"security.workspace.trust.startupPrompt": "never",
		"security.workspace.trust.banner": "never",
		"workbench.startupEditor": "none",
		"workbench.tips.enabled": false,
		"workbench.enableExperiments": false,
		"workbench.welcomePage.walkthroughs.openOnInstall": false,
		"telemetry.telemetryLevel": "off",
		"extensions.autoCheckUpdates": false,
		"extensions.autoUpdate": false,
		"extensions.ignoreRecommendations": true,
		"update.mode": "none",
		"chat.commandCenter.enabled": false,
		"editor.hover.delay": 200,
		"editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
		"files.autoSave": "off",
		"window.restoreWindows": "none"
	}, null, 2));' "$iovc")
echo "$settings" >"$ud/User/settings.json"
echo "$settings" >"$ud/Machine/settings.json"

# The workspace: an /etc/iov file with mistakes, and a repository-level setting that tries to run
# its own script, which would leave a marker and then start the real iovc (so only the marker
# tells whether it ran).
ws="$work/untrusted-repo"
marker="$work/x.sh-ran"
mkdir -p "$ws/etc/iov" "$ws/tools" "$ws/.vscode"
cp "$here/fixtures/etc/iov/ixl1.conf" "$ws/etc/iov/ixl1.conf"
printf '#!/bin/sh\necho "$0 $*" >>%s\nexec %s "$@"\n' "$marker" "$iovc" >"$ws/tools/x.sh"
chmod +x "$ws/tools/x.sh"
printf '{\n\t"iovc.path": "./tools/x.sh"\n}\n' >"$ws/.vscode/settings.json"
"$iovc" check --format gcc "$ws/etc/iov/ixl1.conf" | sed -E -n 's/^.*:([0-9]+):[0-9]+: [a-z]+: .*\[([A-Z0-9]+)\]$/\1 \2/p' >"$work/expected.txt"
[ -s "$work/expected.txt" ] || { echo "run-vscode-web: iovc check found nothing in the fixture" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
cmd="$code_server --bind-addr 127.0.0.1:$port --auth none --user-data-dir $ud --extensions-dir $ed --disable-telemetry --disable-update-check --disable-getting-started-override --ignore-last-opened $ws"
setsid $cmd >"$out/code-server.log" 2>&1 </dev/null &
cs_pid=$!
up=""
for _ in $(seq 1 120); do
	kill -0 "$cs_pid" 2>/dev/null || break
	if node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode<500?0:1)).on("error",()=>process.exit(1))' "http://127.0.0.1:$port/healthz" 2>/dev/null; then up=1; break; fi
	sleep 0.5
done
[ -n "$up" ] || skip "code-server did not start on 127.0.0.1:$port" "$cmd" "$out/code-server.log"
echo "code-server up on 127.0.0.1:$port after $(( $(date +%s) - t0 )) s"

NODE_PATH="$tools/node_modules" setsid timeout -k 5 360 node "$here/vscode-web.js" \
	--url "http://127.0.0.1:$port/?folder=$ws" --chromium "$chromium" --workspace "$ws" \
	--file "$ws/etc/iov/ixl1.conf" --expected "$work/expected.txt" --marker "$marker" \
	--iovc "$iovc" --out "$out" &
drv_pid=$!
wait "$drv_pid"
st=$?
if [ $st -eq 3 ]; then
	skip "Chromium could not be started" "$chromium (through playwright-core)" "$out/vscode-web.log"
fi
echo "vscode-web: $(( $(date +%s) - t0 )) s in all"
[ $st -eq 0 ] || { echo "run-vscode-web: FAIL (code-server log: $out/code-server.log, screenshots in $out)" >&2; exit 1; }
exit 0
