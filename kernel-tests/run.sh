#!/bin/bash
# Kernel tests for iovc's Linux backend: boots Debian's own kernel under QEMU (software
# emulation) with netdevsim (built out of tree from Debian's linux-source), QEMU's SR-IOV NVMe
# controller and QEMU's Intel 82576 (`-device igb`, Debian's igb/igbvf drivers), runs iovc (the
# distribution bin/iovc builds) inside the guest with the host's JDK over 9p, and checks the
# results from `ip -j -d link` and sysfs (guest.sh and guest-igb.sh have the scenarios; guest-ansible.sh
# runs the Ansible collection's modules with the host's ansible-core against netdevsim). The igb
# scenario runs twice: on bookworm's kernel (6.1, with the others) and on bookworm-backports' (6.12);
# QEMU with `-device igb` and the 6.12 kernel come from bookworm-backports (setup-backports.sh).
#
#   kernel-tests/run.sh          installs what it needs (apt), builds iovc, boots, asserts
#
# Exit 0 when every check passed, 1 when one failed or the guest did not finish; "SKIP:" and
# exit 0 only when this machine cannot run it at all (not Linux/x86_64, no apt, no root to
# install packages, Debian's packages unreachable). Environment:
#   IOVC_KTEST_WORK=DIR     cache for the kernel, netdevsim.ko, initramfs (default /var/tmp/iovc-kernel-tests)
#   IOVC_KTEST_TIMEOUT=S    bound on each QEMU run (default 1800: the first guest runs six scenarios)
#   IOVC_KTEST_SKIP_BUILD=1 use the existing dist/ (e.g. when .ci/run has just built it)
#   IOVC_KTEST_EXTRA=1      also run `iovc plan` and `iovc status` in the guest
#   IOVC_KTEST_VERBOSE=1    show every iovc output in the guest log
#   IOVC_KTEST_NO_IGB=1     leave the igb scenario out (both kernels)
#   IOVC_KTEST_GUEST=SCRIPT boot only bookworm's kernel and run only SCRIPT there (bench-processes.sh)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
WORK=${IOVC_KTEST_WORK:-/var/tmp/iovc-kernel-tests}
TIMEOUT=${IOVC_KTEST_TIMEOUT:-1800}
export DEBIAN_FRONTEND=noninteractive
T0=$(date +%s)
skip() { echo "SKIP: kernel tests: $*"; exit 0; }
fail() { echo "FAIL: kernel tests: $*"; exit 1; }
since() { echo $(( $(date +%s) - $1 )); }

# ---------------------------------------------------------------- can this machine do it?
[ "$(uname -s)" = Linux ] || skip "they need Linux (this is $(uname -s))"
[ "$(uname -m)" = x86_64 ] || skip "they need x86_64 to run Debian's amd64 kernel (this is $(uname -m))"
command -v apt-get >/dev/null && command -v dpkg >/dev/null || skip "they need a Debian system (apt-get) to fetch Debian's kernel and QEMU"
command -v java >/dev/null || skip "no java: the guest runs the host's JDK (17 or newer)"

PKGS="qemu-system-x86 busybox-static kmod cpio jq nvme-cli iproute2 make gcc bc ansible-core python3-jsonschema"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || skip "packages missing ($missing) and not root to install them"
  echo "kernel tests: installing$missing"
  apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed: Debian's archive is unreachable"
  # shellcheck disable=SC2086
  apt-get install -y -qq $missing >/dev/null 2>&1 || skip "cannot install$missing from Debian's archive"
fi

mkdir -p "$WORK"
exec 9>"$WORK/.lock"
if ! flock -n 9; then
  echo "kernel tests: waiting for another run (one QEMU at a time on this machine)"
  flock 9
fi

# ---------------------------------------------------------------- kernel + netdevsim (cached)
t=$(date +%s)
KVER=$(WORK=$WORK "$HERE/setup-kernel.sh" 2>"$WORK/setup.err")
rc=$?
if [ $rc = 3 ] || { [ $rc != 0 ] && [ "$(id -u)" != 0 ]; }; then
  skip "cannot get Debian's kernel: $(tail -n1 "$WORK/setup.err")"
elif [ $rc != 0 ]; then
  cat "$WORK/setup.err"; fail "building netdevsim.ko failed"
fi
KVER_BPO=
if [ -z "${IOVC_KTEST_NO_IGB:-}" ]; then
  KVER_BPO=$(WORK=$WORK "$HERE/setup-backports.sh" 2>"$WORK/setup-bpo.err")
  rc=$?
  if [ $rc = 3 ] || { [ $rc != 0 ] && [ "$(id -u)" != 0 ]; }; then
    echo "SKIP: kernel tests: igb scenario: $(tail -n1 "$WORK/setup-bpo.err")"; KVER_BPO=
  elif [ $rc != 0 ]; then
    cat "$WORK/setup-bpo.err"; fail "setting up bookworm-backports (QEMU with igb, kernel) failed"
  fi
fi
SETUP_S=$(since $t)
echo "kernel tests: kernel $KVER with netdevsim.ko${KVER_BPO:+, QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') with igb, kernel $KVER_BPO} ready (${SETUP_S}s)"

# ---------------------------------------------------------------- iovc
t=$(date +%s)
if [ -z "${IOVC_KTEST_SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && mvn -q -B -o -DskipTests install >"$WORK/build.log" 2>&1 || mvn -q -B -DskipTests install >"$WORK/build.log" 2>&1) \
    || { tail -n 40 "$WORK/build.log"; fail "mvn install failed"; }
fi
# The source tree's bin/iovc rebuilds dist/ when it is stale; the guest then runs the
# distribution's own launcher (the installed layout, dist/iovc-0.1.0/bin/iovc), which skips
# the staleness check: a `find` over the tree that costs ~8 s per run under emulation.
"$ROOT/bin/iovc" --version >"$WORK/version.txt" 2>&1 || { cat "$WORK/version.txt"; fail "bin/iovc does not run"; }
IOVC=$ROOT/dist/iovc-0.1.0/bin/iovc
[ -x "$IOVC" ] || fail "$IOVC is missing"
# The fault injection the scenarios use (IOVC_INJECT_FAILURE) is not in the distribution: its
# provider is this jar (kernel-tests/hooks, built by the same mvn install, never shipped), which
# guest-lib.sh's iovc() hands to the runs that set the variable as -javaagent in IOVC_JAVA_OPTS.
HOOKS=$HERE/hooks/target/iovc-test-hooks.jar
[ -f "$HOOKS" ] || fail "$HOOKS is missing: mvn -DskipTests install builds it"
# Under emulation every JVM start costs tens of seconds; a class-data archive of iovc's classes
# (same host JDK, same jars) and the interpreter only (the JIT does not pay off in runs this short)
# roughly halve it.
rm -f "$WORK/iovc.jsa"
IOVC_JAVA_OPTS="-XX:ArchiveClassesAtExit=$WORK/iovc.jsa" "$IOVC" plan --driver netdevsim "$HERE/cases/nsim-a.conf" >/dev/null 2>&1 || true
JOPTS="-Xint"
[ -f "$WORK/iovc.jsa" ] && JOPTS="-XX:SharedArchiveFile=$WORK/iovc.jsa -Xint"
BUILD_S=$(since $t)

# ---------------------------------------------------------------- initramfs + guest parameters
# The guest sees the host's / read-only; iovc keeps apply journals in /var/lib/iovc, which the
# guest's init covers with a tmpfs when the directory exists here.
[ -d /var/lib/iovc ] || mkdir -p /var/lib/iovc 2>/dev/null ||
  fail "/var/lib/iovc does not exist and cannot be made: a guest apply could not keep its journal"
INITRD=$WORK/initrd-$KVER.gz
if [ ! -f "$INITRD" ] || [ "$HERE/build-initramfs.sh" -nt "$INITRD" ]; then
  WORK=$WORK "$HERE/build-initramfs.sh" "$KVER" "$INITRD" || fail "building the initramfs failed"
fi
INITRD_BPO=$WORK/initrd-$KVER_BPO.gz
if [ -n "$KVER_BPO" ] && { [ ! -f "$INITRD_BPO" ] || [ "$HERE/build-initramfs.sh" -nt "$INITRD_BPO" ]; }; then
  WORK=$WORK "$HERE/build-initramfs.sh" "$KVER_BPO" "$INITRD_BPO" "$WORK/kdeb-bpo" || fail "building the 6.12 initramfs failed"
fi
cat > "$WORK/guest.env" <<EOF
IOVC='$IOVC'
CASES='$HERE/cases'
IOVC_JAVA_OPTS='$JOPTS'
IOVC_TEST_HOOKS='$HOOKS'
EXTRA='${IOVC_KTEST_EXTRA:-}'
VERBOSE='${IOVC_KTEST_VERBOSE:-}'
ANSIBLE_COLLECTIONS='$ROOT/packaging/ansible'
EOF

# ---------------------------------------------------------------- boot
# boot LOG KERNEL INITRD SCRIPTS QEMU-ARGS...: one guest; SCRIPTS is a comma-separated list.
# Under TCG a guest now and then stops right after the firmware ("Booting from ROM...") and sits
# idle until the QEMU bound (seen once in 20-odd runs on this 2-core VM, 6.1 with -smp 2: QEMU at
# 0% CPU for 18 minutes, no kernel line). A guest that has not started its init (GUEST: up) within
# BOOT_LIMIT seconds (a normal boot takes under 15) is stopped and booted once more.
BOOT_LIMIT=${IOVC_KTEST_BOOT_LIMIT:-240}
boot() {
  local log=$1 try pid waited
  for try in 1 2; do
    qemu_run "$@" &
    pid=$!
    waited=0
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^GUEST: up' "$log" 2>/dev/null && [ "$waited" -lt "$BOOT_LIMIT" ]; do
      sleep 2; waited=$((waited + 2))
    done
    if ! kill -0 "$pid" 2>/dev/null || grep -q '^GUEST: up' "$log" 2>/dev/null; then
      wait "$pid"; return
    fi
    echo "kernel tests: the guest did not reach its init in ${BOOT_LIMIT}s (stopped after the firmware);" \
      "$([ "$try" = 1 ] && echo "booting it again" || echo "giving up")"
    pkill -f "iovc.env=$WORK/guest.env" 2>/dev/null
    wait "$pid"
  done
}
qemu_run() {
  local log=$1 kernel=$2 initrd=$3 scripts=$4; shift 4
  timeout --foreground -k 10 "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 2048 -smp 2 -nographic -no-reboot \
    -machine q35 -device intel-iommu -net none \
    -kernel "$kernel" -initrd "$initrd" \
    -append "console=ttyS0 panic=-1 quiet loglevel=3 intel_iommu=on iovc.script=$scripts iovc.env=$WORK/guest.env iovc.root=$ROOT" \
    -virtfs local,path=/,mount_tag=hostfs,security_model=none,readonly=on,id=hostfs,multidevs=remap \
    "$@" \
    </dev/null 2>&1 | sed -u 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r$//' | tee "$log" | grep --line-buffered -E '^(PASS|FAIL|TIME|GUEST|KTEST|==|  )'
}
# QEMU's Intel 82576 behind a PCIe root port (VF creation takes seconds on the root bus), its
# network a user-mode one that reaches nothing (restrict=on)
IGB=(-netdev user,id=n0,restrict=on -device pcie-root-port,id=rp0,chassis=1,slot=1
  -device igb,netdev=n0,bus=rp0,mac=52:54:00:12:34:56)
SCRIPTS=$HERE/guest.sh,$HERE/guest-crash.sh,$HERE/guest-scale.sh,$HERE/guest-ansible.sh; [ -n "$KVER_BPO" ] && SCRIPTS="$SCRIPTS,$HERE/guest-igb.sh"
SCRIPTS="$SCRIPTS,$HERE/guest-ops.sh" # last: it reads every PF the others leave behind
LOG=$WORK/guest.log
if [ -n "${IOVC_KTEST_GUEST:-}" ]; then
  SCRIPTS=$(cd "$(dirname "$IOVC_KTEST_GUEST")" && pwd -P)/$(basename "$IOVC_KTEST_GUEST")
  LOG=$WORK/$(basename "$SCRIPTS" .sh).log
fi
echo "kernel tests: booting $KVER under QEMU (TCG): netdevsim + NVMe SR-IOV${KVER_BPO:+ + igb}, host / over 9p"
t=$(date +%s)
boot "$LOG" "$WORK/kdeb/boot/vmlinuz-$KVER" "$INITRD" "$SCRIPTS" \
  -device nvme-subsys,id=subsys0 \
  -device nvme,serial=deadbeef,subsys=subsys0,sriov_max_vfs=4,sriov_vq_flexible=8,sriov_vi_flexible=4,max_ioqpairs=10,msix_qsize=6 \
  ${KVER_BPO:+"${IGB[@]}"}
QEMU_S=$(since $t)
LOGS=("$LOG"); ENDS=$(echo "$SCRIPTS" | tr , '\n' | wc -l)
if [ -n "$KVER_BPO" ] && [ -z "${IOVC_KTEST_GUEST:-}" ]; then
  echo "kernel tests: booting $KVER_BPO (bookworm-backports) under QEMU (TCG): igb"
  t=$(date +%s)
  boot "$WORK/guest-bpo.log" "$WORK/kdeb-bpo/boot/vmlinuz-$KVER_BPO" "$INITRD_BPO" "$HERE/guest-igb.sh" "${IGB[@]}"
  QEMU_S="$QEMU_S+$(since $t)"
  LOGS+=("$WORK/guest-bpo.log"); ENDS=$((ENDS + 1))
fi

# ---------------------------------------------------------------- verdict
npass=$(cat "${LOGS[@]}" | grep -c '^PASS: ')
nfail=$(cat "${LOGS[@]}" | grep -c '^FAIL: ')
njvm=$(cat "${LOGS[@]}" | grep -c '^TIME: iovc')
jvm_s=$(cat "${LOGS[@]}" | awk '/^TIME: iovc/ {s += $(NF-1)} END {printf "%.0f", s}')
echo "kernel tests: $npass passed, $nfail failed; $njvm iovc runs took ${jvm_s}s in the guests;" \
  "setup ${SETUP_S}s, build ${BUILD_S}s, QEMU ${QEMU_S}s, total $(since "$T0")s (logs: ${LOGS[*]})"
[ "$(cat "${LOGS[@]}" | grep -c '^KTEST-END')" = "$ENDS" ] \
  || fail "a guest did not finish (timeout ${TIMEOUT}s or a crash; see ${LOGS[*]})"
[ "$nfail" = 0 ] && [ "$npass" -gt 0 ] || fail "$nfail check(s) failed"
echo "OK: kernel tests passed"
