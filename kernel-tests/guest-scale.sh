#!/bin/bash
# Runs inside the QEMU guest after guest.sh (see run.sh): a netdevsim PF with 256 VFs (its VF limit
# raised through debugfs max_vfs). iproute2's `ip -d link show` cannot show them (it asks with
# per-VF statistics and the kernel's 16-bit VF list length wraps past ~221 VFs: "Truncated VF
# list"), so the kernel's view is read by vfinfo.py (one RTM_GETLINK without statistics). Checks that
# apply's read-back, status and diff see every VF, and that a list the kernel cannot report whole
# (400 VFs) is refused loudly, never shown with unknown VFs.
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-scale; mkdir -p $T
. "$(dirname "$0")/guest-lib.sh"
VFINFO="python3 $(dirname "$0")/vfinfo.py"
N=256

echo "== netdevsim: $N VFs read back in full"
echo "30 1" > /sys/bus/netdevsim/new_device; sleep 0.5
NS=/sys/bus/netdevsim/devices/netdevsim30
PF=$(ls $NS/net | head -n1)
echo 512 > /sys/kernel/debug/netdevsim/netdevsim30/max_vfs
# every VF a MAC and spoof check on; every 16th a VLAN
{ echo "PF { device = \"netdevsim30\"; num_vfs = $N; }"
  echo "DEFAULT { mac-anti-spoof = true; }"
  for i in $(seq 0 $((N - 1))); do
    printf 'VF-%d { mac-addr = "02:00:00:00:%02x:%02x";%s }\n' "$i" $((i >> 8)) $((i & 255)) \
      "$( [ $((i % 16)) = 0 ] && echo " vlan = $((100 + i));")"
  done; } > $T/scale.conf
expected() {
  for i in $(seq 0 $((N - 1))); do
    printf '%d 02:00:00:00:%02x:%02x %d 1\n' "$i" $((i >> 8)) $((i & 255)) "$( [ $((i % 16)) = 0 ] && echo $((100 + i)) || echo 0)"
  done
}

# The VFs get the file's settings from one `ip -batch` (one process; 529 separate `ip` runs take
# minutes under emulation), then iovc must find nothing to do: its plan and diff read all 256.
echo $N > $NS/sriov_numvfs
for i in $(seq 0 $((N - 1))); do
  printf 'link set dev %s vf %d mac 02:00:00:00:%02x:%02x\nlink set dev %s vf %d spoofchk on\n' "$PF" "$i" $((i >> 8)) $((i & 255)) "$PF" "$i"
  [ $((i % 16)) = 0 ] && printf 'link set dev %s vf %d vlan %d\n' "$PF" "$i" $((100 + i))
done > $T/batch
ip -batch $T/batch
check "$N VFs set up by ip -batch" same "$?" 0
$VFINFO "$PF" > $T/kernel
check "the kernel reports $N VFs, all $N in one answer" same "$(head -n1 $T/kernel)" "num_vf $N entries $N"
expected > $T/expected
check "every VF's MAC, VLAN and spoof check as in the file (kernel's view)" cmp -s <(tail -n +2 $T/kernel) $T/expected
ip -j -d link show dev "$PF" > /dev/null 2> $T/iperr
echo "  iproute2 on $N VFs says: $(cat $T/iperr)"

iovc diff $T/scale.conf
check "diff: all $N VFs match the file (exit 0)" same "$RC" 0

ip link set dev "$PF" vf 240 vlan 7
ip link set dev "$PF" vf 255 spoofchk off
EXPECT_RC=1 iovc diff $T/scale.conf
check "diff after changes behind iovc's back: exit 1" same "$RC" 1
check "diff names VF-240's VLAN" contains $T/out "VF-240 vlan: file 340, live 7"
check "diff names VF-255's spoof check" contains $T/out "VF-255 mac-anti-spoof"

iovc plan $T/scale.conf
check "plan: exit 0" same "$RC" 0
check "plan: $N VFs now, $N in the file" contains $T/out "VFs: $N now, $N in the file"
check "plan: exactly 2 steps (VF-240's VLAN, VF-255's spoof check)" same \
  "$(grep -E '^ +[0-9]+  ' $T/out | sed -E 's/^ +[0-9]+  //; s/ +#.*//' | tr '\n' '|')" \
  "ip link set dev $PF vf 240 vlan 340|ip link set dev $PF vf 255 spoofchk on|"

iovc compile --apply $T/scale.conf
check "apply: exit 0" same "$RC" 0
check "apply: the 2 changes, not the $N VFs" contains $T/out "applying 2 changes"
check "apply: read back and verified" contains $T/out "verified: $PF (netdevsim30) matches"
$VFINFO "$PF" > $T/kernel
check "after the apply every VF is as in the file (kernel's view)" cmp -s <(tail -n +2 $T/kernel) $T/expected

iovc status netdevsim30
check "status: exit 0" same "$RC" 0
check "status shows every VF's MAC (none unknown)" same "$(grep -cE '02:00:00:00:0[01]:[0-9a-f]{2}' $T/out)" $N

echo "== netdevsim: 400 VFs, more than one netlink answer can list"
echo 0 > $NS/sriov_numvfs; echo 400 > $NS/sriov_numvfs
check "400 VFs exist" same "$(cat $NS/sriov_numvfs)" 400
check "the kernel's list is cut (its 16-bit length wrapped)" test "$($VFINFO "$PF" | head -n1)" != "num_vf 400 entries 400"
EXPECT_RC=69 iovc status netdevsim30
check "status refuses a partial VF list: exit 69" same "$RC" 69
check "status says how many VFs netlink described" contains $T/err "reports 400 VFs on $PF but its netlink answer describes only"
echo 0 > $NS/sriov_numvfs

echo "KTEST-END failures=$FAILS"
