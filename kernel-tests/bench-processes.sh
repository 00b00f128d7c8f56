#!/bin/bash
# Process-count benchmark of a Linux apply: boots bookworm's kernel under QEMU as run.sh does
# (same cache, same prerequisites, root) and runs guest-bench.sh there: `iovc compile --apply`
# of 7 VFs on igb and of 64 VFs on netdevsim (its VF limit raised through debugfs), each VF with
# MAC, VLAN, spoof check and trust, from no VFs. Prints, per target, the processes spawned
# (successful execve calls under `strace -f`, by program) and the apply's wall time in the guest
# (software emulation: compare figures from the same machine only).
#
#   kernel-tests/bench-processes.sh           builds iovc first, like run.sh
#   IOVC_KTEST_SKIP_BUILD=1 kernel-tests/bench-processes.sh
#   BENCH_NSIM_VFS=128 ...                    another netdevsim VF count
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd -P)
WORK=${IOVC_KTEST_WORK:-/var/tmp/iovc-kernel-tests}
if ! command -v strace >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "SKIP: bench: strace is missing and not root to install it"; exit 0; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace >/dev/null 2>&1 || { echo "SKIP: bench: cannot install strace"; exit 0; }
fi
mkdir -p "$WORK"
echo "BENCH_NSIM_VFS='${BENCH_NSIM_VFS:-64}'" >"$WORK/bench.env"
IOVC_KTEST_GUEST=$HERE/guest-bench.sh "$HERE/run.sh"
rc=$?
echo "--- $(cd "$HERE/.." && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
grep -a '^BENCH:' "$WORK/guest-bench.log"
exit $rc
