#!/bin/sh
# The distribution carries no test hook (issue 10, item 8): the kernel tests' fault injection
# (IOVC_INJECT_FAILURE, read by kernel-tests/hooks, a FaultInjection provider) is never shipped, so
# the installed iovc behaves with the variable set, malformed or not, exactly as without it.
#   packaging/test/hooks-test.sh [DISTDIR]
# Checks: dist/'s launcher answers status, plan and compile --apply (Linux backend) with
# IOVC_INJECT_FAILURE=bogus, after:2, kill:1, vf:0 and verify byte for byte (stdout, stderr, exit
# status) as without it; no jar of the distribution provides io.iovc.kernel.linux.FaultInjection;
# the hook jar (iovc-test-hooks) is in none of the distribution directory, the tarball, the .deb
# and the FreeBSD port's pkg-plist.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd -P)
dist=${1:-$(ls -d "$root"/dist/iovc-*/ | head -n 1)}
dist=${dist%/}
fail() { echo "hooks-test: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iovc-hooks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
iovc=$dist/bin/iovc
ex=$dist/share/iovc/examples
[ -x "$iovc" ] || fail "$iovc is missing: the Maven build makes it"

# 1. what the installed iovc does with the variable: nothing
unset IOVC_INJECT_FAILURE
n=0
for cmd in "status --backend linux" "plan --backend linux $ex/ixl0.conf" \
	"compile --apply --backend linux $ex/ixl0.conf"; do
	n=$((n + 1))
	rc=0
	# shellcheck disable=SC2086
	"$iovc" $cmd >"$tmp/out" 2>"$tmp/err" || rc=$?
	for v in bogus after:2 kill:1 vf:0 verify; do
		rc_v=0
		# shellcheck disable=SC2086
		IOVC_INJECT_FAILURE=$v "$iovc" $cmd >"$tmp/out.v" 2>"$tmp/err.v" || rc_v=$?
		if [ "$rc_v" != "$rc" ] || ! cmp -s "$tmp/out" "$tmp/out.v" || ! cmp -s "$tmp/err" "$tmp/err.v"; then
			diff -u "$tmp/err" "$tmp/err.v" | sed 's/^/  | /' >&2 || true
			diff -u "$tmp/out" "$tmp/out.v" | sed 's/^/  | /' >&2 || true
			fail "iovc $cmd with IOVC_INJECT_FAILURE=$v: exit $rc_v (without: $rc), or its output differs: the installed iovc honours a test hook"
		fi
	done
done

# 2. nothing of the hooks in what is shipped
for j in $(find "$dist" -name '*.jar'); do
	if unzip -Z1 "$j" | grep -qx 'META-INF/services/io.iovc.kernel.linux.FaultInjection'; then
		fail "${j#"$dist"/} provides io.iovc.kernel.linux.FaultInjection: a test hook in the distribution"
	fi
done
hook=iovc-test-hooks
find "$dist" | grep -q "$hook" && fail "$hook in $dist"
for t in "$root"/dist/iovc-*.tar.gz; do
	[ -f "$t" ] || continue
	tar -tzf "$t" | grep -q "$hook" && fail "$hook in $(basename "$t")"
done
for d in "$root"/dist/iovc_*_all.deb; do
	[ -f "$d" ] || continue
	dpkg-deb -c "$d" | grep -q "$hook" && fail "$hook in $(basename "$d")"
done
grep -q "$hook" "$root/packaging/freebsd/port/pkg-plist" && fail "$hook in the FreeBSD port's pkg-plist"
echo "hooks-test: ok ($n commands x 5 values of IOVC_INJECT_FAILURE answered as without it; no hook in $(basename "$dist"), its tarball, .deb or pkg-plist)"
