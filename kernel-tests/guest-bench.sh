#!/bin/bash
# Runs inside the QEMU guest (see bench-processes.sh): how many processes one `iovc compile
# --apply` spawns and how long it takes, for 7 VFs on igb and 64 VFs on netdevsim, each from no
# VFs to the file's (every VF gets MAC, VLAN, spoof check and trust). Each apply runs twice from
# the same start: under `strace -f -e trace=execve` for the count (successful execve calls: the
# launcher script's own commands, the JVM, and every iproute2 run), then without strace for the
# wall time. Prints BENCH: lines, PASS:/FAIL: for the sanity checks, and KTEST-END.
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-bench; mkdir -p $T
. "$(dirname "$0")/guest-lib.sh"
[ -f "$(dirname "$1")/bench.env" ] && . "$(dirname "$1")/bench.env"
NSIM_VFS=${BENCH_NSIM_VFS:-64}

# conf PF N FILE: N VFs, each with a MAC, a VLAN, spoof check and trust
conf() {
  local i
  { echo "PF { device = \"$1\"; num_vfs = $2; }"
    echo "DEFAULT { mac-anti-spoof = true; allow-set-mac = true; allow-promisc = true; }"
    for i in $(seq 0 $(($2 - 1))); do
      printf 'VF-%d { mac-addr = "02:00:00:%02x:%02x:%02x"; vlan = %d; }\n' "$i" $((i >> 16)) $(((i >> 8) & 255)) $((i & 255)) $((100 + i))
    done; } >"$3"
}
# bench LABEL RESET-COMMAND CONF: the count under strace, then the wall time, both from RESET
bench() {
  local label=$1 reset=$2 file=$3 s e n
  eval "$reset"
  strace -f -qq -e trace=execve -e signal=none -o $T/trace "$IOVC" compile --apply "$file" >$T/out 2>$T/err
  check "$label: apply under strace exit 0" same "$?" 0
  n=$(grep -c ' = 0$' $T/trace)
  grep ' = 0$' $T/trace | sed 's/.*execve("\([^"]*\)".*/\1/' | sort | uniq -c | sort -rn | sed 's/^/  execve /'
  eval "$reset"
  s=$(now)
  "$IOVC" compile --apply "$file" >$T/out 2>$T/err
  e=$(now)
  check "$label: apply exit 0" same "$?" 0
  check "$label: verified" contains $T/out "verified: "
  echo "BENCH: $label: $n processes (execve), apply wall $(awk "BEGIN{printf \"%.1f\", $e - $s}") s"
}

echo "== process count: netdevsim, $NSIM_VFS VFs"
echo "20 1" > /sys/bus/netdevsim/new_device; sleep 0.5
NS=/sys/bus/netdevsim/devices/netdevsim20
echo "$NSIM_VFS" > /sys/kernel/debug/netdevsim/netdevsim20/max_vfs
check "netdevsim VF limit raised through debugfs to $NSIM_VFS" same "$(cat /sys/kernel/debug/netdevsim/netdevsim20/max_vfs)" "$NSIM_VFS"
conf netdevsim20 "$NSIM_VFS" $T/nsim.conf
bench "netdevsim $NSIM_VFS VFs" "echo 0 > $NS/sriov_numvfs" $T/nsim.conf

echo "== process count: igb, 7 VFs"
modprobe igb && modprobe igbvf
P=$(for d in /sys/bus/pci/devices/*; do [ "$(basename "$(readlink $d/driver)")" = igb ] && basename $d; done | head -n1)
D=/sys/bus/pci/devices/$P
ip link set dev "$(ls $D/net | head -n1)" up; sleep 2
conf "$P" 7 $T/igb.conf
bench "igb 7 VFs" "echo 0 > $D/sriov_numvfs" $T/igb.conf

echo "KTEST-END failures=$FAILS"
