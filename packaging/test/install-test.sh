#!/bin/sh
# Installs dist/iovc-VERSION.tar.gz into a temporary prefix the way README.install says, and checks
# that the installed iovc runs from there: layout, --version with the plugins, check, compile -n,
# a symlinked launcher, the class-data archive (on every JDK found in /usr/lib/jvm), the man page and the completion script,
# and that no shipped jar is signed.
#   packaging/test/install-test.sh [TARBALL]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd -P)
tarball=${1:-$(ls "$root"/dist/iovc-*.tar.gz | head -n 1)}
prefix=$(mktemp -d "${TMPDIR:-/tmp}/iovc-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install-test: FAIL: $*" >&2; exit 1; }

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/home"
tar -xzf "$tarball" -C "$prefix/lib"
home=$(ls -d "$prefix"/lib/iovc-*)
ln -s "$home/bin/iovc" "$prefix/bin/iovc"
export HOME="$prefix/home"
iovc="$prefix/bin/iovc"
ex="$home/share/iovc/examples"

for f in bin/iovc lib/iovc-compiler-*.jar lib/iovc-plugin-api-*.jar plugins/iovc-driver-bundle-*.jar man/man8/iovc.8 \
	share/bash-completion/completions/iovc share/zsh/site-functions/_iovc \
	share/iovc/freebsd/rc.d/iovc share/iovc/linux/iovc.service README.install; do
	ls "$home"/$f >/dev/null 2>&1 || fail "missing $f"
done

# No signed jar: the JVM verifies a signed jar's signatures as its classes load and keeps them out of
# the class-data archive (lsp4j's made the language server's first diagnostics take 560 ms, not 300)
entries() { if command -v unzip >/dev/null 2>&1; then unzip -Z1 "$1"; else jar tf "$1"; fi; }
for j in "$home"/lib/*.jar "$home"/lib/ext/*.jar "$home"/plugins/*.jar; do
	if entries "$j" | grep -Eq '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$'; then fail "signed jar shipped: $j"; fi
done

v=$("$iovc" --version) || fail "--version exited $?"
echo "$v" | grep -q '^iovc ' || fail "--version: $v"
for d in ixl cxgbe mlx5; do echo "$v" | grep -q "$d" || fail "--version does not list the $d plugin: $v"; done

"$iovc" check "$ex/ixl0.conf" >/dev/null || fail "check of a clean example exited $?"
set +e
"$iovc" check "$ex/mistakes.conf" >/dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "check of examples/mistakes.conf exited $rc, expected 1"
"$iovc" compile -n "$ex/ixl0.conf" | head -n 1 | grep -q "^Would enable SR-IOV on device '/dev/iov/ixl0'" ||
	fail "compile -n does not print iovctl's listing"
"$iovc" compile -o "$prefix/ixl0.nvl" "$ex/ixl0.conf" >/dev/null
"$iovc" dump "$prefix/ixl0.nvl" | grep -q 'num_vfs (NUMBER): 4' || fail "dump of the compiled file"
ls "$home"/lib/iovc-jdk*.* >/dev/null 2>&1 || ls "$HOME"/.cache/iovc/iovc-jdk*.* >/dev/null 2>&1 ||
	fail "no class-data archive was made"
IOVC_CDS=0 "$iovc" check "$ex/ixl0.conf" >/dev/null || fail "check without the archive"
# Every other JDK on the machine (JDK 25+ takes the AOT-cache branch): the first run makes its
# archive, the second uses it; both must lint.
for jdk in /usr/lib/jvm/*/; do
	[ -x "$jdk/bin/java" ] && [ -r "$jdk/release" ] || continue
	for run in making using; do
		out=$(JAVA_HOME=${jdk%/} "$iovc" check "$ex/mistakes.conf" 2>&1) && rc=0 || rc=$?
		[ "$rc" -eq 1 ] && echo "$out" | grep -q 'IOV307' ||
			fail "check with JAVA_HOME=$jdk ($run the archive) exited $rc: $(echo "$out" | head -n 3)"
	done
done
grep -q '^\.Dt IOVC 8' "$home/man/man8/iovc.8" || fail "man page"
grep -q '_complete_iovc' "$home/share/bash-completion/completions/iovc" || fail "bash completion"
echo "install-test: ok ($tarball installed in a temporary prefix; iovc ran from there)"
