#!/bin/bash
# Runs inside the QEMU guest (see guest.sh) on a machine with QEMU's emulated Intel 82576
# (`-device igb`): a real NIC driver, Debian's igb for the PF and igbvf for the VFs. Drives iovc
# and checks the kernel's own view: `ip -json -details link show`, sysfs driver links and each
# VF's own netdev. Prints PASS:/FAIL:/TIME: lines and KTEST-END. Argument: run.sh's env file.
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-igb; mkdir -p $T
. "$(dirname "$0")/guest-lib.sh"

echo "== igb on $(uname -r): QEMU's 82576, Debian's igb (PF) and igbvf (VFs)"
modprobe igb && modprobe igbvf || echo "  (modprobe igb igbvf failed)"
P=$(for d in /sys/bus/pci/devices/*; do [ "$(basename "$(readlink $d/driver)")" = igb ] && basename $d; done | head -n1)
check "an igb PF is bound" test -n "$P"
D=/sys/bus/pci/devices/$P
PFN=$(ls $D/net 2>/dev/null | head -n1)
check "igb caps sriov_totalvfs at 7 (QEMU offers 8)" same "$(cat $D/sriov_totalvfs)" 7
# igb answers its VFs' mailbox (igbvf's reset asks it for the MAC) only while the PF is up; down,
# igbvf gives up ("PF still in reset state. Is the PF interface up?") and takes a random MAC
ip link set dev "$PFN" up; sleep 2
for f in a b c d e f g over; do sed "s/@PF@/$P/" $CASES/igb-$f.conf.in > $T/igb-$f.conf; done

drv() { basename "$(readlink $D/virtfn$1/driver 2>/dev/null)" 2>/dev/null || true; }
ovr() { local o; o=$(cat $D/virtfn$1/driver_override); [ "$o" = "(null)" ] && o=; echo "$o"; }
vfnet() { ls $D/virtfn$1/net 2>/dev/null | head -n1; }
# the MAC the VF's own netdev (igbvf) carries, "-" without one
netmac() { local n; n=$(vfnet $1); if [ -n "$n" ]; then cat /sys/class/net/$n/address; else echo -; fi; }
numvfs() { cat $D/sriov_numvfs; }
drivers() { local i; for i in $(seq 0 $(( $(numvfs) - 1 ))); do printf '%s ' "$(drv $i)/$(ovr $i)"; done; }
netmacs() { local i; for i in $(seq 0 $(( $(numvfs) - 1 ))); do printf '%s ' "$(netmac $i)"; done; }
vfs() { ip -j -d link show dev $PFN | jq -c '[.[0].vfinfo_list[]? | {vf, mac: .address, spoofchk, trust, vlan: (.vlan_list[0].vlan // 0)}]'; }
# everything the kernel says about the PF and its VFs, for "exactly as before"
state() {
  echo "numvfs=$(numvfs) autoprobe=$(cat $D/sriov_drivers_autoprobe)"
  ip -json -details link show dev $PFN
  local i
  for i in $(seq 0 $(( $(numvfs) - 1 ))); do
    echo "vf$i $(basename "$(readlink $D/virtfn$i)") driver=$(drv $i) override=$(ovr $i) netdev=$(vfnet $i) mac=$(netmac $i)"
  done
}
unchanged() { cmp -s $T/before $T/after && return 0; diff $T/before $T/after | sed 's/^/  | /'; return 1; }

# ---------------------------------------------------------------- a fresh apply of 7 VFs
iovc compile --apply $T/igb-a.conf
check "apply igb-a: exit 0" same "$RC" 0
check "apply igb-a: sriov_numvfs = 7" same "$(numvfs)" 7
check "apply igb-a: MACs, spoofchk, trust and VLANs in the PF's VF table" same "$(vfs)" \
  '[{"vf":0,"mac":"02:00:00:00:0a:00","spoofchk":true,"trust":false,"vlan":100},{"vf":1,"mac":"02:00:00:00:0a:01","spoofchk":true,"trust":true,"vlan":0},{"vf":2,"mac":"02:00:00:00:0a:02","spoofchk":false,"trust":false,"vlan":300},{"vf":3,"mac":"02:00:00:00:0a:03","spoofchk":true,"trust":false,"vlan":0},{"vf":4,"mac":"02:00:00:00:0a:04","spoofchk":true,"trust":false,"vlan":0},{"vf":5,"mac":"02:00:00:00:0a:05","spoofchk":true,"trust":false,"vlan":0},{"vf":6,"mac":"02:00:00:00:0a:06","spoofchk":true,"trust":false,"vlan":0}]'
check "apply igb-a: VF-3, VF-4 on vfio-pci (driver_override), the others on igbvf" same "$(drivers)" \
  "igbvf/ igbvf/ igbvf/ vfio-pci/vfio-pci vfio-pci/vfio-pci igbvf/ igbvf/ "
check "apply igb-a: each igbvf netdev carries the file's MAC" same "$(netmacs)" \
  "02:00:00:00:0a:00 02:00:00:00:0a:01 02:00:00:00:0a:02 - - 02:00:00:00:0a:05 02:00:00:00:0a:06 "
check "apply igb-a: sriov_drivers_autoprobe back to 1" same "$(cat $D/sriov_drivers_autoprobe)" 1
check "apply igb-a: vfio group device of VF-3 exists" test -e /dev/vfio/$(basename "$(readlink $D/virtfn3/iommu_group)")
check "apply igb-a: read back and verified" contains $T/out "verified: "

state > $T/before
iovc compile --apply $T/igb-a.conf
check "re-apply igb-a: exit 0" same "$RC" 0
check "re-apply igb-a: reports no changes" contains $T/out "no changes: "
state > $T/after
check "re-apply igb-a: ip -json -details, sriov_numvfs, drivers, VF netdevs unchanged" unchanged

# ---------------------------------------------------------------- refusals: nothing touched
EXPECT_RC=1 iovc compile --apply $T/igb-over.conf
check "num_vfs = 8 on igb: refused (exit 1)" same "$RC" 1
check "num_vfs = 8 on igb: the message names igb's limit" contains $T/err "supports at most 7 VFs"
state > $T/after
check "num_vfs = 8 on igb: ip -json -details, sriov_numvfs, drivers byte-identical" unchanged

EXPECT_RC=71 IOVC_INJECT_FAILURE=vf:2 iovc compile --apply $T/igb-b.conf
check "apply igb-b (7 -> 4 VFs) failing at VF-2: exit 71" same "$RC" 71
check "the failure names VF-2" contains $T/err "apply failed: VF-2 "
check "the VFs had been destroyed and recreated" contains $T/out "echo 4 > $D/sriov_numvfs"
check "rollback reported" contains $T/err "rolled back: "
state > $T/after
check "after the rollback: ip -json -details, sriov_numvfs, every VF's driver and netdev MAC byte-identical" unchanged

# ---------------------------------------------------------------- changes in place
V1=$(vfnet 1)
ip link set dev "$V1" up
iovc compile --apply $T/igb-c.conf
check "apply igb-c: exit 0" same "$RC" 0
check "apply igb-c: the PF's VF table" same "$(vfs)" \
  '[{"vf":0,"mac":"02:00:00:00:0c:00","spoofchk":true,"trust":true,"vlan":100},{"vf":1,"mac":"02:00:00:00:0c:01","spoofchk":true,"trust":true,"vlan":0},{"vf":2,"mac":"02:00:00:00:0a:02","spoofchk":true,"trust":false,"vlan":200},{"vf":3,"mac":"02:00:00:00:0a:03","spoofchk":true,"trust":false,"vlan":0},{"vf":4,"mac":"02:00:00:00:0a:04","spoofchk":true,"trust":false,"vlan":0},{"vf":5,"mac":"02:00:00:00:0a:05","spoofchk":true,"trust":false,"vlan":0},{"vf":6,"mac":"02:00:00:00:0a:06","spoofchk":true,"trust":false,"vlan":0}]'
check "apply igb-c: VF-3 back on igbvf, VF-5 on vfio-pci" same "$(drivers)" \
  "igbvf/ igbvf/ igbvf/ igbvf/ vfio-pci/vfio-pci vfio-pci/vfio-pci igbvf/ "
check "apply igb-c: VF-0's igbvf (netdev down) was re-bound and carries the new MAC" same "$(netmac 0)" 02:00:00:00:0c:00
check "apply igb-c: VF-3's igbvf netdev carries the file's MAC" same "$(netmac 3)" 02:00:00:00:0a:03
check "apply igb-c: VF-1's netdev ${V1:-(none)} is up (in use): left bound to igbvf" test -n "$V1" -a "$(vfnet 1)" = "$V1"
check "apply igb-c: iovc warns that VF-1's netdev keeps its MAC until igbvf is re-bound" contains $T/out "VF-1: its interface $V1 is in use"
check "apply igb-c: sriov_drivers_autoprobe is 1" same "$(cat $D/sriov_drivers_autoprobe)" 1

# ---------------------------------------------------------------- settings only Linux has
linux() { ip -j -d link show dev $PFN | jq -c '[.[0].vfinfo_list[]? | {vf, vlan: (.vlan_list[0].vlan // 0), qos: (.vlan_list[0].qos // 0), max: (.rate.max_tx // 0), trust}]'; }
t0=$(date +%s)
iovc compile --apply $T/igb-d.conf
check "apply igb-d: exit 0" same "$RC" 0
check "apply igb-d: vlan-qos, max-tx-rate and trust reach igb" same "$(linux)" \
  '[{"vf":0,"vlan":100,"qos":5,"max":300,"trust":true},{"vf":1,"vlan":0,"qos":0,"max":0,"trust":true},{"vf":2,"vlan":200,"qos":2,"max":0,"trust":false},{"vf":3,"vlan":0,"qos":0,"max":0,"trust":false},{"vf":4,"vlan":0,"qos":0,"max":0,"trust":false},{"vf":5,"vlan":0,"qos":0,"max":0,"trust":false},{"vf":6,"vlan":0,"qos":0,"max":100,"trust":true}]'

state > $T/before
EXPECT_RC=1 iovc compile --apply $T/igb-e.conf
check "igb-e (link-state, min-tx-rate, 802.1ad): refused (exit 1)" same "$RC" 1
check "igb-e: igb's table names link-state" contains $T/err "igb does not implement \`link-state\`"
check "igb-e: and the minimum rate" contains $T/err "igb accepts only \`min-tx-rate = 0\`"
check "igb-e: and 802.1ad" contains $T/err "igb accepts only \`vlan-proto = 802.1Q\`"
state > $T/after
check "igb-e: nothing touched (ip -json -details, sriov_numvfs, drivers byte-identical)" unchanged

EXPECT_RC=1 iovc compile --apply $T/igb-g.conf
check "igb-g (eswitch-mode = switchdev): refused (exit 1)" same "$RC" 1
check "igb-g: igb's table has no eswitch mode" contains $T/err "igb does not implement \`eswitch-mode\`"
state > $T/after
check "igb-g: nothing touched (ip -json -details, sriov_numvfs, drivers byte-identical)" unchanged

# a refusal the driver really makes halfway: no carrier, no rate (igb_ndo_set_vf_bw: EINVAL)
ip link set dev "$PFN" down; sleep 2
state > $T/before
EXPECT_RC=71 iovc compile --apply $T/igb-f.conf
check "igb-f with the PF down: exit 71" same "$RC" 71
check "igb-f: the failure names VF-6" contains $T/err "apply failed: VF-6"
check "igb-f: with igb's answer (EINVAL)" contains $T/err "Invalid argument"
check "igb-f: VF-0's VLAN had been changed before" contains $T/out "vf 0 vlan 101 qos 5"
check "igb-f: rollback reported" contains $T/err "rolled back: "
state > $T/after
check "igb-f: after the rollback ip -json -details, sriov_numvfs, drivers byte-identical" unchanged
ip link set dev "$PFN" up
echo "TIME: Linux-only settings, capability refusal, real refusal: $(( $(date +%s) - t0 )) s"

echo "KTEST-END failures=$FAILS"
