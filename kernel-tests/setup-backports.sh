#!/bin/bash
# One-time, cached: what the igb scenario needs from bookworm-backports.
#   - an apt source for bookworm-backports, made from the machine's own bookworm entry (same
#     archive, same keyring), when there is none;
#   - qemu-system-x86 from it when the installed QEMU has no `-device igb` (bookworm's 7.2 has
#     none; QEMU 8.0 added the emulated Intel 82576);
#   - the kernel image linux-image-amd64 depends on in bookworm-backports (6.12), downloaded and
#     extracted (not installed) into $WORK/kdeb-bpo, modules uncompressed (it ships .ko.xz, which
#     busybox's modprobe cannot load) and indexed with depmod -b.
# Needs root for apt-get. Prints the backports kernel version; exits 3 when the packages cannot be
# had (no network, no backports), 1 on any other failure.
set -euo pipefail
WORK=${WORK:-/var/tmp/iovc-kernel-tests}
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$WORK"
cd "$WORK"

if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1=="deb" && $3=="bookworm"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || { echo "setup-backports: no bookworm entry in /etc/apt to derive a backports source from" >&2; exit 3; }
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
    >/etc/apt/sources.list.d/bookworm-backports.sources
  apt-get update -qq >/dev/null || { echo "setup-backports: apt-get update failed" >&2; exit 3; }
fi
# `-device igb,help` is no test: QEMU 7.2 prints "Device 'igb' not found" and exits 0
has_igb() { qemu-system-x86_64 -device help 2>/dev/null | grep -q '^name "igb"'; }
if ! has_igb; then
  apt-get install -y -qq -t bookworm-backports qemu-system-x86 >/dev/null \
    || { echo "setup-backports: cannot install qemu-system-x86 from bookworm-backports" >&2; exit 3; }
  has_igb || { echo "setup-backports: QEMU still has no igb device" >&2; exit 1; }
fi

if [ -z "${KVER_BPO:-}" ]; then
  KVER_BPO=$(apt-cache depends -t bookworm-backports linux-image-amd64 2>/dev/null \
    | sed -n 's/.*Depends: linux-image-\([0-9].*-amd64\)$/\1/p' | grep -v unsigned | head -n1)
  [ -n "$KVER_BPO" ] || { echo "setup-backports: cannot resolve bookworm-backports' linux-image-amd64" >&2; exit 3; }
fi
if [ -f "kdeb-bpo/.ok-$KVER_BPO" ]; then echo "$KVER_BPO"; exit 0; fi
rm -f linux-image-"$KVER_BPO"_*.deb
apt-get download "linux-image-$KVER_BPO" >/dev/null 2>&1 \
  || { echo "setup-backports: cannot download linux-image-$KVER_BPO" >&2; exit 3; }
rm -rf kdeb-bpo && mkdir kdeb-bpo
dpkg-deb -x linux-image-"$KVER_BPO"_*.deb kdeb-bpo
find "kdeb-bpo/lib/modules/$KVER_BPO" -name '*.ko.xz' -print0 | xargs -0 -r -P"$(nproc)" -n200 unxz
depmod -b kdeb-bpo "$KVER_BPO"
rm -f linux-image-"$KVER_BPO"_*.deb
touch "kdeb-bpo/.ok-$KVER_BPO"
echo "$KVER_BPO"
