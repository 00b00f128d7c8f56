#!/bin/sh
# Installs dist/iovc_VERSION_all.deb with apt-get the way a user would, runs the installed iovc
# from /usr/bin, and purges it again: then nothing of it may be left. Needs root and apt (CI runs
# as root on Debian); elsewhere it says SKIP and exits 0.
#   packaging/test/deb-test.sh [DEB]
# Checks: lintian (errors and warnings fail, but those the overrides explain); apt-get resolves the Java dependency; /usr/bin/iovc --version lists the plugins; iovc
# check on the installed examples (mistakes.conf exit 1, every other file 0, the directory 1);
# `man -w iovc`; the bash completion loads; the systemd unit is installed, valid and not enabled;
# the class-data archive: made in /var/cache/iovc by root, read from there by another user (who
# writes nothing), nothing written under /usr (dpkg --verify); after `apt-get remove --purge`
# every path the package had is gone (but directories other packages own).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd -P)
deb=${1:-$(ls "$root"/dist/iovc_*_all.deb 2>/dev/null | head -n 1)}
fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }
skip() { echo "deb-test: SKIP: $*"; exit 0; }

command -v apt-get >/dev/null && command -v dpkg >/dev/null || skip "not a Debian system (no apt-get)"
[ "$(id -u)" -eq 0 ] || skip "not root: apt-get install needs root"
[ -n "$deb" ] && [ -f "$deb" ] || fail "no dist/iovc_*_all.deb: the Maven build makes it (packaging/debian/build-deb.sh)"
case $deb in /*) ;; *) deb=$PWD/$deb ;; esac
version=$(dpkg-deb -f "$deb" Version)

# lintian: no error or warning but those packaging/debian/lintian-overrides explains
if ! command -v lintian >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null 2>&1; } ||
		fail "cannot install lintian from Debian's archive"
fi
rc=0
lint=$(lintian --fail-on error,warning --pedantic "$deb" 2>&1) || rc=$?
[ "$rc" -eq 0 ] || { echo "$lint" >&2; fail "lintian $deb exited $rc"; }
echo "deb-test: lintian --pedantic: $(echo "$lint" | grep -c '^[EWIP]:') tags beyond the overridden ones"
echo "$lint" | grep '^[EWIP]:' | sed 's/^/  | /' || true

# Never overwrite (and then delete) an iovc that apt did not install.
if dpkg -s iovc >/dev/null 2>&1; then
	echo "deb-test: purging the iovc package installed before"
	apt-get remove --purge -y -qq iovc >/dev/null
fi
[ ! -e /usr/bin/iovc ] || fail "/usr/bin/iovc exists and is not from the iovc package; not touching it"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/iovc-deb.XXXXXX")
chmod 755 "$tmp"
cleanup() {
	rm -rf "$tmp"
	if dpkg -s iovc >/dev/null 2>&1; then apt-get remove --purge -y -qq iovc >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
log=$tmp/apt.log
echo "deb-test: apt-get install $deb"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y "$deb" >"$log" 2>&1; then
	# a machine whose package lists are old or missing: once more after an update
	apt-get update -qq >>"$log" 2>&1 || true
	apt-get install -y "$deb" >>"$log" 2>&1 || { tail -n 20 "$log" >&2; fail "apt-get install $deb"; }
fi
[ "$(dpkg-query -W -f '${Status} ${Version}' iovc)" = "install ok installed $version" ] ||
	fail "dpkg does not show iovc $version installed"
dpkg -L iovc >"$tmp/files"

[ "$(command -v iovc)" = /usr/bin/iovc ] || fail "iovc on PATH is $(command -v iovc), not /usr/bin/iovc"
v=$(iovc --version) || fail "iovc --version exited $?"
echo "$v" | sed 's/^/  | /'
echo "$v" | grep -q "^iovc $version" || fail "--version: $v"
for d in ixl cxgbe mlx5; do echo "$v" | grep -q "$d" || fail "--version does not list the $d plugin"; done

ex=/usr/share/iovc/examples
for f in "$ex"/*.conf; do
	want=0
	[ "${f##*/}" = mistakes.conf ] && want=1
	rc=0
	iovc check "$f" >"$tmp/out" 2>&1 || rc=$?
	[ "$rc" -eq "$want" ] || { sed 's/^/  | /' "$tmp/out"; fail "iovc check $f exited $rc, expected $want"; }
	echo "  iovc check $f: exit $rc"
done
rc=0
iovc check "$ex" >"$tmp/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "iovc check $ex exited $rc, expected 1 (mistakes.conf)"
grep -q 'IOV307' "$tmp/out" || fail "iovc check $ex does not report mistakes.conf's IOV307"
echo "  iovc check $ex: exit 1, $(tail -n 1 "$tmp/out")"

if command -v man >/dev/null; then
	m=$(man -w iovc) || fail "man -w iovc"
	[ "$m" = /usr/share/man/man8/iovc.8.gz ] || fail "man -w iovc is $m"
else
	[ -f /usr/share/man/man8/iovc.8.gz ] || fail "no /usr/share/man/man8/iovc.8.gz"
fi
gzip -dc /usr/share/man/man8/iovc.8.gz | grep -q '^\.Dt IOVC 8' || fail "the man page is not iovc(8)"
bash -c '. /usr/share/bash-completion/completions/iovc && complete -p iovc' | grep -q _complete_iovc ||
	fail "the bash completion does not define iovc's completion"
[ -f /usr/share/zsh/vendor-completions/_iovc ] || fail "no zsh completion"

unit=/usr/lib/systemd/system/iovc.service
grep -q '^ExecStart=.* compile --apply .* iovc.service "/usr/bin/iovc"$' $unit || fail "$unit does not run /usr/bin/iovc"
if ls /etc/systemd/system/*.wants/iovc.service >/dev/null 2>&1; then fail "iovc.service is enabled"; fi
# without options: the unit's Documentation= is man:iovc(8), which the package ships
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify $unit >"$tmp/verify" 2>&1 || { cat "$tmp/verify" >&2; fail "systemd-analyze verify $unit"; }
fi

# The class-data archive: root's runs above made it in /var/cache/iovc, never under /usr/share.
jsa=$(ls /var/cache/iovc/iovc-jdk*.jsa /var/cache/iovc/iovc-jdk*.aot 2>/dev/null | grep -v -- -lsp\. | head -n 1)
[ -n "$jsa" ] || fail "no class-data archive in /var/cache/iovc after root ran iovc"
extra=$(find /usr/share/iovc ! -type d | grep -v -x -F -f "$tmp/files" || true)
[ -z "$extra" ] || fail "iovc wrote under /usr/share/iovc: $extra"
dpkg --verify iovc || fail "dpkg --verify iovc: the package's files changed"
echo "  class-data archive: $jsa; /usr untouched (dpkg --verify)"
# another user reads it (-XX:+PrintSharedArchiveAndExit exits 0 only when it maps and matches)
# and writes nothing in its home
mkdir "$tmp/home" && chown nobody "$tmp/home"
runuser -u nobody -- env HOME="$tmp/home" IOVC_JAVA_OPTS=-XX:+PrintSharedArchiveAndExit \
	iovc check "$ex/ixl0.conf" >"$tmp/out" 2>&1 || { tail -n 5 "$tmp/out" >&2; fail "user nobody cannot use $jsa"; }
grep -q "^Dynamic archive name: $jsa" "$tmp/out" || { tail -n 5 "$tmp/out" >&2; fail "user nobody's JVM did not map $jsa"; }
rc=0
runuser -u nobody -- env HOME="$tmp/home" iovc check "$ex/ixl0.conf" >"$tmp/out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { cat "$tmp/out" >&2; fail "iovc check as nobody exited $rc"; }
[ ! -e "$tmp/home/.cache" ] || fail "user nobody made a cache of its own: $(ls -R "$tmp/home/.cache")"
echo "  user nobody: used $jsa, wrote nothing"

echo "deb-test: apt-get remove --purge iovc"
apt-get remove --purge -y iovc >>"$log" 2>&1 || { tail -n 20 "$log" >&2; fail "apt-get remove --purge iovc"; }
if dpkg -s iovc >/dev/null 2>&1; then fail "dpkg still knows iovc after the purge"; fi
left=
while IFS= read -r p; do
	[ "$p" = /. ] && continue
	if [ -e "$p" ] || [ -h "$p" ]; then
		# a directory another package also owns stays
		if [ -d "$p" ] && [ ! -h "$p" ] && dpkg -S "$p" >/dev/null 2>&1; then continue; fi
		left="$left $p"
	fi
done <"$tmp/files"
[ -z "$left" ] || fail "left after the purge:$left"
[ ! -e /var/cache/iovc ] || fail "/var/cache/iovc is left after the purge"
echo "deb-test: ok ($(basename "$deb") installed with apt-get, ran from /usr/bin/iovc, purged: nothing left)"
