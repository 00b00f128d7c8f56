#!/bin/sh
# Builds iovc_VERSION_all.deb from the unpacked distribution (dist/iovc-VERSION, which the
# packaging module's assembly has just made). The Maven build runs it at `package`; it needs
# dpkg-deb, gzip and md5sum, and nothing from the network.
#   packaging/debian/build-deb.sh VERSION DISTDIR OUTDIR WORKDIR
#
# Layout of the package:
#   /usr/bin/iovc                        the launcher, its layout block replaced by layout.sh
#   /usr/share/iovc/{lib,lib/ext,plugins} the jars, as in the distribution
#   /usr/share/iovc/examples             the examples (iovc check's training run for the archive)
#   /usr/share/iovc/bin/iovc             -> /usr/bin/iovc: the launcher passes -Diovc.home, and
#                                        iovc expects its launcher at HOME/bin/iovc
#   /usr/share/man/man8/iovc.8.gz, /usr/share/bash-completion/completions/iovc,
#   /usr/share/zsh/vendor-completions/_iovc, /usr/lib/systemd/system/iovc.service (not enabled),
#   /var/cache/iovc                      the class-data archive root's runs make (postrm empties it)
#   /usr/share/doc/iovc/{copyright,changelog.gz}
# Without dpkg-deb (not a Debian system) it says so and builds nothing; -Ddeb.skip skips it.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 VERSION DISTDIR OUTDIR WORKDIR" >&2; exit 2; }
version=$1 dist=$2 out=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd -P)
fail() { echo "build-deb: $*" >&2; exit 1; }

if ! command -v dpkg-deb >/dev/null 2>&1; then
	echo "build-deb: dpkg-deb not found (not a Debian system): no .deb built"
	exit 0
fi
[ -x "$dist/bin/iovc" ] || fail "$dist is not the unpacked distribution (no bin/iovc)"

# The changelog's first entry names the version packaged, its trailer the maintainer and date.
top=$(head -n 1 "$here/changelog")
case $top in
"iovc ($version) "*) ;;
*) fail "debian/changelog's first entry is '$top', not version $version: add an entry" ;;
esac
trailer=$(grep -m 1 '^ -- ' "$here/changelog")
maintainer=$(echo "$trailer" | sed 's/^ -- \(.*>\)  .*$/\1/')
date=$(echo "$trailer" | sed 's/^ -- .*>  //')
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$date" +%s)}
export SOURCE_DATE_EPOCH

root=$work/root
rm -rf "$work"
mkdir -p "$root/DEBIAN"
umask 022
d() { install -d -m 0755 "$root/$1"; }
f() { install -D -m "$1" "$2" "$root/$3"; }

# the launcher: everything outside its layout block as in the distribution's
awk -v layout="$here/layout.sh" -f "$dist/share/iovc/packaging/relayout.awk" "$dist/bin/iovc" >"$work/iovc" ||
	fail "$dist/bin/iovc has no single '# >>> layout' ... '# <<< layout' block"
f 0755 "$work/iovc" usr/bin/iovc
d usr/share/iovc/bin
ln -s ../../../bin/iovc "$root/usr/share/iovc/bin/iovc"

for dir in lib lib/ext plugins; do
	d "usr/share/iovc/$dir"
	for jar in "$dist/$dir"/*.jar; do f 0644 "$jar" "usr/share/iovc/$dir/${jar##*/}"; done
done
# which jar provides which driver plugin (read instead of opening every jar)
f 0644 "$dist/lib/plugins.idx" usr/share/iovc/lib/plugins.idx
for ex in "$dist"/share/iovc/examples/*.conf; do f 0644 "$ex" "usr/share/iovc/examples/${ex##*/}"; done

d usr/share/man/man8
gzip -9n <"$dist/man/man8/iovc.8" >"$root/usr/share/man/man8/iovc.8.gz"
chmod 0644 "$root/usr/share/man/man8/iovc.8.gz"
# the completion is sourced, never run: without the #! line picocli writes
d usr/share/bash-completion/completions
sed '1{/^#!/d}' "$dist/share/bash-completion/completions/iovc" >"$root/usr/share/bash-completion/completions/iovc"
chmod 0644 "$root/usr/share/bash-completion/completions/iovc"
f 0644 "$dist/share/zsh/site-functions/_iovc" usr/share/zsh/vendor-completions/_iovc
f 0644 "$dist/share/iovc/linux/iovc.service" usr/lib/systemd/system/iovc.service
d var/cache/iovc

f 0644 "$here/copyright" usr/share/doc/iovc/copyright
gzip -9n <"$here/changelog" >"$root/usr/share/doc/iovc/changelog.gz"
chmod 0644 "$root/usr/share/doc/iovc/changelog.gz"
f 0644 "$here/lintian-overrides" usr/share/lintian/overrides/iovc

# control files
f 0755 "$here/postrm" DEBIAN/postrm
size=$(du -sk --apparent-size "$root/usr" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@MAINTAINER@|$maintainer|" -e "s|@INSTALLED_SIZE@|$size|" \
	"$here/control.in" >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control"
if grep '@[A-Z_]*@' "$root/DEBIAN/control"; then fail "control.in: a placeholder is left"; fi
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

# reproducible: every file dated by the changelog, owned by root
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$out" && out=$(cd "$out" && pwd -P)
deb=$out/iovc_${version}_all.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-deb: $deb ($(wc -c <"$deb") bytes)"
