#!/bin/sh
# What can be checked of the FreeBSD port (packaging/freebsd/port) without FreeBSD: pkg-plist is
# what make-plist.sh makes of the distribution (a new jar cannot leave the port behind), every
# entry comes from a file of the distribution, and the launcher with the port's layout block
# (files/layout.sh.in through relayout.awk, as do-install makes it) runs from a staged PREFIX:
# --version, the examples from DATADIR, the class-data archive in the cache directory and
# nothing written under DATADIR. The port's Makefile itself is not run here.
#   packaging/test/port-test.sh [DISTDIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist=${1:-$(ls -d "$root"/dist/iovc-*/ | head -n 1)}
dist=${dist%/}
port=$root/packaging/freebsd/port
fail() { echo "port-test: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iovc-port.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$port/make-plist.sh" "$dist" >"$tmp/plist"
diff -u "$port/pkg-plist" "$tmp/plist" >&2 ||
	fail "pkg-plist is not what make-plist.sh makes of $dist: run packaging/freebsd/port/make-plist.sh $dist > packaging/freebsd/port/pkg-plist"

prefix=$tmp/usr/local
datadir=$prefix/share/iovc
cache=$tmp/var/cache/iovc
java_home=$(dirname "$(dirname "$(realpath "$(command -v java)")")")
mkdir -p "$cache" "$tmp/home"
sed -e "s|%%DATADIR%%|$datadir|g" -e "s|%%PREFIX%%|$prefix|g" -e "s|%%JAVA_HOME%%|$java_home|g" \
	-e "s|/var/cache/iovc|$cache|g" "$port/files/layout.sh.in" >"$tmp/layout.sh"
grep -q '%%' "$tmp/layout.sh" && fail "files/layout.sh.in has a %%VAR%% the port's SUB_LIST does not set"
mkdir -p "$prefix/bin"
awk -v layout="$tmp/layout.sh" -f "$dist/share/iovc/packaging/relayout.awk" "$dist/bin/iovc" >"$prefix/bin/iovc" ||
	fail "relayout.awk found no single layout block in $dist/bin/iovc"
chmod 755 "$prefix/bin/iovc"

# stage every plist entry from the distribution, as do-install does
while IFS= read -r e; do
	case $e in @*) continue ;; esac
	p=$(echo "$e" | sed "s|^%%DATADIR%%|share/iovc|")
	to=$prefix/$p
	mkdir -p "$(dirname "$to")"
	case $e in
	bin/iovc) ;;
	etc/rc.d/iovc) cp "$dist/share/iovc/freebsd/rc.d/iovc" "$to" ;;
	%%DATADIR%%/bin/iovc) ln -s ../../../bin/iovc "$to" ;;
	%%DATADIR%%/examples/*) cp "$dist/share/iovc/examples/${e##*/}" "$to" ;;
	%%DATADIR%%/lib/* | %%DATADIR%%/plugins/*) cp "$dist/${e#%%DATADIR%%/}" "$to" ;;
	share/man/man8/iovc.8.gz) gzip -9n <"$dist/man/man8/iovc.8" >"$to" ;;
	share/bash-completion/* | share/zsh/*) cp "$dist/$p" "$to" ;;
	*) fail "pkg-plist entry $e: the test does not know where do-install takes it from" ;;
	esac
done <"$port/pkg-plist"

iovc=$prefix/bin/iovc
v=$(HOME=$tmp/home "$iovc" --version) || fail "the port's launcher: --version exited $?"
echo "$v" | grep -q '^iovc ' || fail "--version: $v"
HOME=$tmp/home "$iovc" check "$datadir/examples/ixl0.conf" >/dev/null || fail "check of ixl0.conf from DATADIR"
rc=0
HOME=$tmp/home "$iovc" check "$datadir/examples" >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "check of DATADIR/examples exited $rc, expected 1"
ls "$cache"/iovc-jdk*.* >/dev/null 2>&1 || fail "no class-data archive in the port's cache directory"
[ ! -e "$tmp/home/.cache" ] || fail "the archive went to ~/.cache, not the port's cache directory"
extra=$(cd "$prefix" && find . ! -type d | sed 's|^\./||; s|^share/iovc/|%%DATADIR%%/|' | LC_ALL=C sort |
	grep -v -x -F -f "$port/pkg-plist" || true)
[ -z "$extra" ] || fail "files under PREFIX that pkg-plist does not list: $extra"
echo "port-test: ok (pkg-plist matches $(basename "$dist"); the port's launcher ran from a staged PREFIX)"
