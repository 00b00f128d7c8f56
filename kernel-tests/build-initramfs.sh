#!/bin/bash
# build-initramfs.sh KVER OUT.cpio.gz [KROOT]
# A small initramfs for Debian's kernel extracted under KROOT (default $WORK/kdeb): busybox-static,
# the modules the tests need (closure from modules.dep; netdevsim.ko when the tree has it) and an
# /init that mounts the host's / read-only over 9p,
# (keeping the checkout, iovc.root=DIR, visible even when it lives under /tmp),
# chroots into it and runs the script named on the kernel command line (iovc.script=PATH, with
# iovc.env=FILE as its argument), so the
# tests use the host's bash, iproute2, jq, nvme-cli and JDK without copying them. The guest
# kernel's modules are bound over the host's /lib/modules, so the scripts can modprobe (igb).
set -euo pipefail
WORK=${WORK:-/var/tmp/iovc-kernel-tests}
KVER=$1; OUT=$2; KROOT=${3:-$WORK/kdeb}
KTREE=$KROOT/lib/modules/$KVER
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R"/{bin,sbin,proc,sys,dev,tmp,run,host,lib/modules/$KVER}
cp /bin/busybox "$R/bin/busybox"
WANT="kernel/fs/9p/9p.ko kernel/net/9p/9pnet_virtio.ko kernel/drivers/virtio/virtio_pci.ko
kernel/drivers/nvme/host/nvme.ko kernel/drivers/vfio/pci/vfio-pci.ko kernel/drivers/vfio/vfio_iommu_type1.ko
kernel/drivers/net/ethernet/intel/igb/igb.ko kernel/drivers/net/ethernet/intel/igbvf/igbvf.ko"
[ -f "$KTREE/extra/netdevsim.ko" ] && WANT="extra/netdevsim.ko $WANT"
declare -A SEEN=()
add() {
  local m=$1
  [ -n "${SEEN[$m]:-}" ] && return 0
  SEEN[$m]=1
  grep -qx "$m" "$KTREE/modules.builtin" && return 0 # built in (6.12: virtio_pci)
  [ -f "$KTREE/$m" ] || { echo "build-initramfs: missing module $m" >&2; exit 1; }
  mkdir -p "$R/lib/modules/$KVER/$(dirname "$m")"
  cp "$KTREE/$m" "$R/lib/modules/$KVER/$m"
  local d
  for d in $(grep "^$m:" "$KTREE/modules.dep" | cut -d: -f2); do add "$d"; done
}
for m in $WANT; do add "$m"; done
cp "$KTREE"/modules.* "$R/lib/modules/$KVER/"
cat > "$R/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/sbin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd # bash's <(...) in the scenarios
mount -t tmpfs tmp /tmp; mount -t debugfs none /sys/kernel/debug 2>/dev/null
nsim=; grep -q '^extra/netdevsim.ko:' /lib/modules/$(uname -r)/modules.dep && nsim=netdevsim
for m in virtio_pci 9pnet_virtio 9p $nsim nvme vfio-pci; do
  grep -q "/$m\.ko\$" /lib/modules/$(uname -r)/modules.builtin && continue # built in
  modprobe $m || echo "GUEST: modprobe $m failed"
done
script=$(sed -n 's/.*iovc\.script=\([^ ]*\).*/\1/p' /proc/cmdline)
envfile=$(sed -n 's/.*iovc\.env=\([^ ]*\).*/\1/p' /proc/cmdline)
if mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostfs /host; then
  for m in proc sys dev; do mount -o bind /$m /host/$m; done
  mkdir -p /host/dev/shm && mount -t tmpfs shm /host/dev/shm # POSIX shared memory (Ansible's workers)
  mount -o bind /lib/modules /host/lib/modules
  mount -t debugfs none /host/sys/kernel/debug 2>/dev/null
  # Writable /tmp and /run for the tests. If the checkout itself lives under one of them (a CI clone
  # in /tmp), keep it visible: bind it aside first, then back into place over the tmpfs.
  root=$(sed -n 's/.*iovc\.root=\([^ ]*\).*/\1/p' /proc/cmdline)
  mkdir -p /mnt/repo; [ -n "$root" ] && mount -o bind "/host$root" /mnt/repo
  mount -t tmpfs tmp /host/tmp; mount -t tmpfs run /host/run
  # iovc's apply journals (/var/lib/iovc, which run.sh makes on the host): writable, empty, per boot
  [ -d /host/var/lib/iovc ] && mount -t tmpfs iovc /host/var/lib/iovc
  if [ -n "$root" ] && [ ! -e "/host$root" ]; then mkdir -p "/host$root" && mount -o bind /mnt/repo "/host$root"; fi
  # iovc.script is one script or several, separated by commas, run one after the other
  for s in $(echo "$script" | tr , ' '); do
    echo "GUEST: up at $(cut -d' ' -f1 /proc/uptime)s, running $s"
    chroot /host /bin/bash "$s" "$envfile"
    echo "GUEST: exit status $?"
  done
else
  echo "GUEST: 9p mount of the host failed"
fi
echo "GUEST: done at $(cut -d' ' -f1 /proc/uptime)s"
poweroff -f
INIT
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) > "$OUT"
