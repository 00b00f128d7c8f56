#!/bin/bash
# One-time, cached: Debian's own kernel (not installed into /) plus netdevsim.ko, which Debian
# does not ship (CONFIG_NETDEVSIM is unset), built out of tree from the linux-source package
# against the matching headers. Everything lands in $WORK (default /var/tmp/iovc-kernel-tests):
#   $WORK/kdeb/boot/vmlinuz-$KVER
#   $WORK/kdeb/lib/modules/$KVER/extra/netdevsim.ko   (+ depmod -b)
# Needs root for apt-get. Prints the kernel version on success; exits 3 when the packages cannot
# be had (no network, no such version), 1 when the netdevsim build fails.
set -euo pipefail
WORK=${WORK:-/var/tmp/iovc-kernel-tests}
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$WORK"
cd "$WORK"

# The kernel linux-image-amd64 currently depends on, unless pinned with KVER.
if [ -z "${KVER:-}" ]; then
  KVER=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: linux-image-\([0-9].*-amd64\)$/\1/p' | grep -v unsigned | head -n1)
  [ -n "$KVER" ] || { echo "setup-kernel: cannot resolve linux-image-amd64's kernel version (apt-cache)" >&2; exit 3; }
fi
if [ -f "kdeb/.ok-$KVER" ]; then echo "$KVER"; exit 0; fi

SRCPKG=linux-source-$(echo "$KVER" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
apt-get install -y -qq "linux-headers-$KVER" >/dev/null || { echo "setup-kernel: cannot install linux-headers-$KVER" >&2; exit 3; }
rm -f linux-image-*.deb linux-source-*.deb
apt-get download "linux-image-$KVER" "$SRCPKG" >/dev/null || { echo "setup-kernel: cannot download linux-image-$KVER and $SRCPKG" >&2; exit 3; }
rm -rf kdeb lsrc nsim-build && mkdir -p kdeb lsrc
dpkg-deb -x linux-image-"$KVER"_*.deb kdeb
dpkg-deb -x "$SRCPKG"_*.deb lsrc
tarball=$(ls lsrc/usr/src/"$SRCPKG".tar.* | head -n1)
tar -C lsrc/usr/src -xf "$tarball" "$SRCPKG/drivers/net/netdevsim"
cp -r "lsrc/usr/src/$SRCPKG/drivers/net/netdevsim" nsim-build
make -s -C "/usr/src/linux-headers-$KVER" M="$WORK/nsim-build" CONFIG_NETDEVSIM=m modules >/dev/null
mkdir -p "kdeb/lib/modules/$KVER/extra"
cp nsim-build/netdevsim.ko "kdeb/lib/modules/$KVER/extra/"
depmod -b kdeb "$KVER"
rm -rf lsrc linux-source-*.deb
touch "kdeb/.ok-$KVER"
echo "$KVER"
