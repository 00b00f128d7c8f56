#!/bin/bash
# Runs inside the QEMU guest, chrooted into the host's / (read-only over 9p), as root on a real
# Debian kernel with netdevsim and QEMU's SR-IOV NVMe controller. Drives iovc and checks the
# kernel's own view: `ip -j -d link` and sysfs. Prints PASS:/FAIL:/TIME: lines and KTEST-END;
# run.sh reads them. Argument: the env file run.sh wrote (IOVC, CASES, IOVC_JAVA_OPTS, EXTRA).
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest; mkdir -p $T

. "$(dirname "$0")/guest-lib.sh"

# ---------------------------------------------------------------- netdevsim
echo "== netdevsim: ip link VF settings through rtnetlink"
echo "10 1" > /sys/bus/netdevsim/new_device; sleep 0.5
NSIM=/sys/bus/netdevsim/devices/netdevsim10
PF=$(ls $NSIM/net | head -n1)
check "netdevsim10 has netdev eth0" same "$PF" eth0
vfs() { ip -j -d link show dev eth0 | jq -c '[.[0].vfinfo_list[]? | {vf, mac: .address, spoofchk, trust, vlan: (.vlan_list[0].vlan // 0)}]'; }
# everything netlink and sysfs say about the PF, for "exactly as before"
state() { echo "numvfs=$(cat $NSIM/sriov_numvfs)"; ip -j -d link show dev eth0 | jq -c '.[0].vfinfo_list'; }

iovc compile --apply $CASES/nsim-a.conf
check "apply nsim-a: exit 0" same "$RC" 0
check "apply nsim-a: sriov_numvfs = 4" same "$(cat $NSIM/sriov_numvfs)" 4
check "apply nsim-a: MACs, spoofchk, trust and VLANs as in the file" same "$(vfs)" \
  '[{"vf":0,"mac":"02:00:00:00:00:01","spoofchk":true,"trust":false,"vlan":100},{"vf":1,"mac":"02:00:00:00:00:02","spoofchk":true,"trust":true,"vlan":0},{"vf":2,"mac":"02:00:00:00:00:03","spoofchk":false,"trust":false,"vlan":300},{"vf":3,"mac":"02:00:00:00:00:04","spoofchk":true,"trust":false,"vlan":0}]'
check "apply nsim-a: read back and verified" contains $T/out "verified: eth0 (netdevsim10) matches"

state > $T/before
iovc compile --apply $CASES/nsim-a.conf
check "re-apply nsim-a: exit 0" same "$RC" 0
check "re-apply nsim-a: reports no changes" contains $T/out "no changes: eth0 (netdevsim10) already matches"
state > $T/after
check "re-apply nsim-a: kernel state unchanged" cmp -s $T/before $T/after

ip link set dev eth0 vf 2 vlan 999
ip link set dev eth0 vf 0 trust on
EXPECT_RC=1 iovc diff $CASES/nsim-a.conf
check "diff after a change behind iovc's back: exit 1" same "$RC" 1
check "diff names VF-2's VLAN" contains $T/out "VF-2 vlan: file 300, live 999"
check "diff names VF-0's trust" contains $T/out "VF-0 allow-set-mac/allow-promisc: file trust off, live trust on"

# more state iovc does not manage, so "exactly as before" means something after VFs are recreated
ip link set dev eth0 vf 1 state disable
ip link set dev eth0 vf 3 min_tx_rate 10 max_tx_rate 100
ip link set dev eth0 vf 0 query_rss on
ip link set dev eth0 vf 1 vlan 20 qos 3 proto 802.1ad
state > $T/before
if [ -n "${EXTRA:-}" ]; then
  iovc plan $CASES/nsim-b.conf
  check "plan nsim-b: exit 0" same "$RC" 0
  check "plan nsim-b: removes the VFs first (count changes)" contains $T/out "echo 0 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"
  state > $T/after
  check "plan nsim-b: nothing changed" cmp -s $T/before $T/after
fi
EXPECT_RC=71 IOVC_INJECT_FAILURE=vf:2 iovc compile --apply $CASES/nsim-b.conf
check "apply nsim-b with a failure injected at VF-2: exit 71" same "$RC" 71
check "the failure names VF-2 and the parameter" contains $T/err "apply failed: VF-2 "
check "VF-0 and VF-1 had been configured" contains $T/out "ip link set dev eth0 vf 1 trust off"
check "rollback reported" contains $T/err "rolled back: eth0 (netdevsim10) is as it was before the apply"
state > $T/after
check "after the rollback: sriov_numvfs and every VF attribute exactly as before" cmp -s $T/before $T/after
cmp -s $T/before $T/after || diff $T/before $T/after | sed 's/^/  | /'

# ---------------------------------------------------------------- netdevsim: eswitch mode
echo "== netdevsim: eswitch-mode through devlink (switchdev, representors, rollback)"
echo "20 1" > /sys/bus/netdevsim/new_device; sleep 0.5
N20=/sys/bus/netdevsim/devices/netdevsim20
P20=$(ls $N20/net | head -n1)
DL=netdevsim/netdevsim20
# devlink's JSON (iproute2 devlink.c): {"dev":{"HANDLE":{"mode":…}}} and
# {"port":{"HANDLE/N":{"flavour":"pcivf","vfnum":…}}}
esw() { devlink -j dev eswitch show $DL | jq -r --arg h $DL '.dev[$h].mode'; }
reps() { devlink -j port show | jq -r --arg h "$DL/" '[.port | to_entries[] | select(.key | startswith($h)) | select(.value.flavour == "pcivf") | .value.vfnum] | sort | map(tostring) | join(",")'; }
estate() { echo "numvfs=$(cat $N20/sriov_numvfs) mode=$(esw) reps=$(reps)"; ip -j -d link show dev $P20 | jq -c '.[0].vfinfo_list'; }
check "netdevsim20 starts in legacy mode" same "$(esw)" legacy

iovc compile --apply $CASES/nsim-esw-a.conf
check "apply nsim-esw-a: exit 0" same "$RC" 0
check "apply nsim-esw-a: devlink says switchdev" same "$(esw)" switchdev
check "apply nsim-esw-a: sriov_numvfs = 3" same "$(cat $N20/sriov_numvfs)" 3
check "apply nsim-esw-a: a pcivf representor port per VF" same "$(reps)" "0,1,2"
check "apply nsim-esw-a: the mode was set before the VFs were created" contains $T/out "devlink dev eswitch set netdevsim/netdevsim20 mode switchdev"
check "apply nsim-esw-a: VF settings as in the file" same "$(ip -j -d link show dev $P20 | jq -c '[.[0].vfinfo_list[] | {mac: .address, trust, vlan: (.vlan_list[0].vlan // 0)}]')" \
  '[{"mac":"02:00:00:00:20:00","trust":false,"vlan":100},{"mac":"02:00:00:00:20:01","trust":true,"vlan":0},{"mac":"00:00:00:00:00:00","trust":false,"vlan":0}]'
check "apply nsim-esw-a: read back and verified" contains $T/out "verified:"

estate > $T/before
iovc compile --apply $CASES/nsim-esw-a.conf
check "re-apply nsim-esw-a: no changes" contains $T/out "no changes:"
estate > $T/after
check "re-apply nsim-esw-a: mode, representors and VFs unchanged" cmp -s $T/before $T/after

devlink dev eswitch set $DL mode legacy
EXPECT_RC=1 iovc diff $CASES/nsim-esw-a.conf
check "diff after devlink set legacy behind iovc's back: exit 1" same "$RC" 1
check "diff names the eswitch mode" contains $T/out "eswitch-mode: file switchdev, live legacy"
devlink dev eswitch set $DL mode switchdev

estate > $T/before
EXPECT_RC=71 IOVC_INJECT_FAILURE=vf:1 iovc compile --apply $CASES/nsim-esw-b.conf
check "apply nsim-esw-b (legacy, 2 VFs) with a failure at VF-1: exit 71" same "$RC" 71
check "nsim-esw-b: rollback reported" contains $T/err "rolled back:"
check "nsim-esw-b: the rollback set switchdev again" contains $T/err "restored: devlink dev eswitch set netdevsim/netdevsim20 mode switchdev"
estate > $T/after
check "after the rollback: switchdev, 3 representors, every VF attribute exactly as before" cmp -s $T/before $T/after
cmp -s $T/before $T/after || diff $T/before $T/after | sed 's/^/  | /'
echo 0 > $N20/sriov_numvfs; echo 20 > /sys/bus/netdevsim/del_device

# ---------------------------------------------------------------- NVMe (PCI)
echo "== NVMe SR-IOV: sriov_numvfs, autoprobe, driver_override, vfio-pci"
P=$(for d in /sys/bus/pci/devices/*; do [ -e $d/sriov_totalvfs ] && [ "$(basename "$(readlink $d/driver)")" = nvme ] && basename $d; done | head -n1)
check "an SR-IOV PCI PF exists" test -n "$P"
D=/sys/bus/pci/devices/$P
CTRL=/dev/$(ls $D/nvme | head -n1)
# Give each secondary controller (VF) the queue and interrupt resources it needs to come online
# later (QEMU: flexible resources start unassigned).
for c in $(nvme list-secondary $CTRL -o json | jq -r '.["secondary-controllers"][]["secondary-controller-identifier"]' | head -n3); do
  nvme virt-mgmt $CTRL -c $c -r 0 -a 8 -n 2 >/dev/null && nvme virt-mgmt $CTRL -c $c -r 1 -a 8 -n 1 >/dev/null || echo "  (virt-mgmt assign $c failed)"
done
for f in a b; do sed "s/@PF@/$P/" $CASES/nvme-$f.conf.in > $T/nvme-$f.conf; done
drv() { basename "$(readlink $D/virtfn$1/driver 2>/dev/null)" 2>/dev/null || true; }
ovr() { local o; o=$(cat $D/virtfn$1/driver_override); [ "$o" = "(null)" ] && o=; echo "$o"; }
pstate() {
  echo "numvfs=$(cat $D/sriov_numvfs) autoprobe=$(cat $D/sriov_drivers_autoprobe)"
  for i in $(seq 0 $(( $(cat $D/sriov_numvfs) - 1 ))); do echo "vf$i $(basename $(readlink $D/virtfn$i)) driver=$(drv $i) override=$(ovr $i)"; done
}

iovc compile --apply $T/nvme-a.conf
check "apply nvme-a: exit 0" same "$RC" 0
check "apply nvme-a: sriov_numvfs = 3" same "$(cat $D/sriov_numvfs)" 3
check "apply nvme-a: passthrough VF-0 bound to vfio-pci via driver_override" same "$(drv 0)/$(ovr 0)" vfio-pci/vfio-pci
check "apply nvme-a: passthrough VF-2 bound to vfio-pci via driver_override" same "$(drv 2)/$(ovr 2)" vfio-pci/vfio-pci
check "apply nvme-a: VF-1 (passthrough = false) has no override and is not on vfio-pci" same "$(ovr 1):$( [ "$(drv 1)" != vfio-pci ] && echo ok)" ":ok"
check "apply nvme-a: sriov_drivers_autoprobe restored to 1" same "$(cat $D/sriov_drivers_autoprobe)" 1
check "apply nvme-a: vfio group device exists" test -e /dev/vfio/$(basename $(readlink $D/virtfn0/iommu_group))
echo "  VF-1 after apply: driver '$(drv 1)' (QEMU's secondary controller is offline, so nvme's probe gives up)"

pstate > $T/before
iovc compile --apply $T/nvme-a.conf
check "re-apply nvme-a: no changes" contains $T/out "no changes:"
pstate > $T/after
check "re-apply nvme-a: sysfs unchanged" cmp -s $T/before $T/after

# bring the secondary controllers online so that nvme can really drive a VF
for c in $(nvme list-secondary $CTRL -o json | jq -r '.["secondary-controllers"][]["secondary-controller-identifier"]' | head -n3); do
  nvme virt-mgmt $CTRL -c $c -a 9 >/dev/null || echo "  (virt-mgmt online $c failed)"
done

pstate > $T/before
EXPECT_RC=71 IOVC_INJECT_FAILURE=vf:1 iovc compile --apply $T/nvme-b.conf
check "apply nvme-b with a failure injected at VF-1: exit 71" same "$RC" 71
check "VF-0 had been moved to its native driver first" contains $T/out "/sys/bus/pci/drivers/vfio-pci/unbind"
check "rollback reported" contains $T/err "rolled back: $P is as it was before the apply"
pstate > $T/after
check "after the rollback: VF count, drivers, overrides, autoprobe exactly as before" cmp -s $T/before $T/after
cmp -s $T/before $T/after || diff $T/before $T/after | sed 's/^/  | /'

iovc compile --apply $T/nvme-b.conf
check "apply nvme-b: exit 0" same "$RC" 0
# nvme probes asynchronously (PROBE_PREFER_ASYNCHRONOUS): VF-0 is probed last, give it time (up
# to 60 s: under TCG on a loaded 2-core host 10 s was once not enough)
for _ in $(seq 120); do [ "$(drv 0)" = nvme ] && break; sleep 0.5; done
echo "  VF-0 after apply: driver '$(drv 0)'"
check "apply nvme-b: VF-0 (passthrough = false) bound to its native driver nvme" same "$(drv 0)/$(ovr 0)" nvme/
check "apply nvme-b: VF-1 (passthrough) bound to vfio-pci" same "$(drv 1)/$(ovr 1)" vfio-pci/vfio-pci
check "apply nvme-b: VF-2 still on vfio-pci" same "$(drv 2)" vfio-pci

if [ -n "${EXTRA:-}" ]; then
  iovc status $P
  check "status lists VF-1 on vfio-pci" contains $T/out "vfio-pci (override vfio-pci)"
  sed 's/^/  /' $T/out
fi

echo "KTEST-END failures=$FAILS"
