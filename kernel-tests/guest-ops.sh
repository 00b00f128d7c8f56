#!/bin/bash
# Runs inside the QEMU guest after the other scenarios (see run.sh): the operations surface of issue
# 12 on a real kernel. `iovc status --format json` must list every SR-IOV PF the kernel has (sysfs)
# and validate against the published schema (python3-jsonschema, validate-json.py); a VF bound to
# vfio-pci whose /dev/vfio/GROUP a process holds open is reported as {kind: vfio, pid}; an igbvf
# netdev moved into a named network namespace as {kind: netns, name} (only with QEMU's igb: neither
# netdevsim's nor NVMe's VFs have a netdev); `delete` refuses while a VF is in use and with --force
# goes to zero VFs; `plan` on an applied file reports "changes": false; `diff` names drift in JSON.
# Every JSON document is validated against its schema. Argument: run.sh's env file.
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-ops; mkdir -p $T
HERE=$(dirname "$0")
. "$HERE/guest-lib.sh"
SCHEMAS=$HERE/../compiler/src/main/resources/io/iovc/ops
T0=$(now)
# keep NAME SCHEMA: $T/out, a document of io/iovc/ops/SCHEMA.schema.json, validated at the end in
# one run of validate-json.py (under emulation importing jsonschema costs tens of seconds)
VALIDATE=()
keep() { mkdir -p $T/json; cp $T/out $T/json/$1.json; VALIDATE+=("$SCHEMAS/$2.schema.json" $T/json/$1.json); }
q() { jq -c "$@" $T/out; }

# ---------------------------------------------------------------- the PFs
echo "== operations: status, plan, diff, delete on every PF; consumers (vfio, netns)"
echo "60 1" > /sys/bus/netdevsim/new_device; sleep 0.5
NS=/sys/bus/netdevsim/devices/netdevsim60
NPF=$(ls $NS/net | head -n1)
P=$(for d in /sys/bus/pci/devices/*; do [ -e $d/sriov_totalvfs ] && [ "$(basename "$(readlink $d/driver)")" = nvme ] && basename $d; done | head -n1)
check "an NVMe SR-IOV PF exists" test -n "$P"
D=/sys/bus/pci/devices/$P
sed "s/@PF@/$P/" $CASES/nvme-a.conf.in > $T/nvme-a.conf
{ echo "PF { device = \"$NPF\"; num_vfs = 2; }"
  echo "DEFAULT { mac-anti-spoof = true; }"
  echo 'VF-0 { mac-addr = "02:00:00:00:40:00"; }'
  echo 'VF-1 { mac-addr = "02:00:00:00:40:01"; vlan = 401; }'; } > $T/nsim.conf

# ---------------------------------------------------------------- plan on an applied file, diff drift
iovc compile --apply $T/nvme-a.conf
check "apply nvme-a: exit 0" same "$RC" 0
iovc plan --format json $T/nvme-a.conf
check "plan --format json on the applied file: exit 0" same "$RC" 0
keep plan-applied plan
check "plan --format json on the applied file: \"changes\": false, no steps" same "$(q '[.changes, (.steps | length)]')" '[false,0]'

iovc compile --apply $T/nsim.conf
check "apply the netdevsim file: exit 0" same "$RC" 0
ip link set dev "$NPF" vf 1 vlan 7
EXPECT_RC=1 iovc diff --format json $T/nsim.conf
check "diff --format json after a change behind iovc's back: exit 1" same "$RC" 1
keep diff-drift diff
check "diff --format json: in_sync false, the one difference is VF-1's vlan, file 401, live 7" \
  same "$(q '[.in_sync, .differences]')" '[false,[{"vf":1,"parameter":"vlan","file":"401","live":"7"}]]'

# ---------------------------------------------------------------- consumers
# vfio: NVMe VF-0 is on vfio-pci (nvme-a); a process holds its group open, as a VM would
G=$(basename "$(readlink $D/virtfn0/iommu_group)")
sleep 3600 3<>/dev/vfio/$G &
HOLD=$!
sleep 0.5
check "a process holds /dev/vfio/$G (NVMe VF-0's group) open" same "$(readlink /proc/$HOLD/fd/3)" /dev/vfio/$G

# netns: an igbvf netdev (QEMU's igb, when run.sh gave the guest one) moved into a named namespace
modprobe igb 2>/dev/null && modprobe igbvf 2>/dev/null && sleep 1
I=$(for d in /sys/bus/pci/devices/*; do [ -e $d/sriov_totalvfs ] && [ "$(basename "$(readlink $d/driver 2>/dev/null)")" = igb ] && basename $d; done | head -n1)
VN= VI=
if [ -n "$I" ]; then
  DI=/sys/bus/pci/devices/$I
  ip link set dev "$(ls $DI/net | head -n1)" up; sleep 1
  vfnetdev() { local v; for v in $DI/virtfn*; do [ -d $v/net ] && { echo "${v##*virtfn} $(ls $v/net | head -n1)"; return; }; done; }
  if [ -z "$(vfnetdev)" ]; then echo 0 > $DI/sriov_numvfs; echo 2 > $DI/sriov_numvfs; fi
  for _ in $(seq 60); do [ -n "$(vfnetdev)" ] && break; sleep 0.5; done
  read -r VI VN <<< "$(vfnetdev)"
  check "igb: VF-$VI has an igbvf netdev ($VN)" test -n "$VN"
  ip netns add iovcops && ip link set dev "$VN" netns iovcops
  check "igb: $VN moved into the network namespace iovcops" ip -n iovcops link show dev "$VN"
else
  echo "  SKIP: netns consumer: this guest has no igb PF (IOVC_KTEST_NO_IGB or no QEMU with -device igb);" \
    "netdevsim's and NVMe's VFs have no netdev to move into a namespace"
fi

# ---------------------------------------------------------------- status of every PF
expected_pci=$(for d in /sys/bus/pci/devices/*; do [ -e $d/sriov_totalvfs ] && basename $d; done | sort | tr '\n' ' ')
expected_nsim=$(for d in /sys/bus/netdevsim/devices/*; do [ -e $d/sriov_numvfs ] && echo; done | wc -l)
iovc status --format json
check "status --format json: exit 0" same "$RC" 0
keep status-all status
check "status --format json: every SR-IOV PCI PF in sysfs" same "$(q -r '[.pfs[].pci | select(. != null)] | sort | .[]' | tr '\n' ' ')" "$expected_pci"
check "status --format json: every netdevsim PF" same "$(q '[.pfs[] | select(.pci == null)] | length')" "$expected_nsim"
check "status --format json: every PF's num_vfs as sysfs says, with that many VFs" same \
  "$(q -r '.pfs[] | select(.pci != null) | "\(.pci) \(.num_vfs) \(.vfs | length)"' | sort | tr '\n' ' ')" \
  "$(for b in $expected_pci; do n=$(cat /sys/bus/pci/devices/$b/sriov_numvfs); printf '%s %s %s ' $b $n $n; done)"
check "status: NVMe VF-0 on vfio-pci, consumer {kind: vfio, pid: $HOLD}" same \
  "$(q --arg p "$P" '.pfs[] | select(.pci == $p) | .vfs[0] | [.driver, .consumer.kind, .consumer.pid]')" "[\"vfio-pci\",\"vfio\",$HOLD]"
if [ -n "$VN" ]; then
  check "status: igb VF-$VI, consumer {kind: netns, name: iovcops}, netdev $VN" same \
    "$(q --arg p "$I" --argjson i "$VI" '.pfs[] | select(.pci == $p) | .vfs[$i] | [.netdev, .consumer.kind, .consumer.name]')" "[\"$VN\",\"netns\",\"iovcops\"]"
fi
cp $T/out $T/status.json
iovc status
check "status (human): exit 0" same "$RC" 0
check "status (human): names the vfio holder" contains $T/out "$HOLD"
echo "  iovc status in the guest:"
sed 's/^/  > /' $T/out

# ---------------------------------------------------------------- delete
EXPECT_RC=75 iovc delete --format json -d $P
check "delete while VF-0's group is held: refused (exit 75)" same "$RC" 75
keep delete-refused result
check "delete --format json (refused): changed false, the error names VF-0" same "$(q '[.changed, (.error | test("VF-0"))]')" '[false,true]'
check "delete refused: the VFs are still there" same "$(cat $D/sriov_numvfs)" 3
iovc delete --format json --force -d $P
check "delete --force: exit 0" same "$RC" 0
keep delete-force result
check "delete --force --format json: changed true, verified" same "$(q '[.changed, .verified]')" '[true,true]'
check "delete --force: sriov_numvfs = 0" same "$(cat $D/sriov_numvfs)" 0

kill $HOLD 2>/dev/null; wait $HOLD 2>/dev/null
[ -n "$VN" ] && ip netns del iovcops

# ---------------------------------------------------------------- every JSON document, its schema
s=$(now)
python3 "$HERE/validate-json.py" "${VALIDATE[@]}" > $T/valid 2>&1
echo "TIME: validate-json.py on ${#VALIDATE[@]} files took $(awk "BEGIN{printf \"%.1f\", $(now) - $s}") s"
for ((k = 1; k < ${#VALIDATE[@]}; k += 2)); do
  doc=${VALIDATE[k]}
  if grep -qxF "$doc: valid" $T/valid; then pass "$(basename $doc .json): valid against $(basename ${VALIDATE[k-1]})"
  else fail "$(basename $doc .json): valid against $(basename ${VALIDATE[k-1]})"; grep -F "$doc" $T/valid | sed 's/^/  | /'; fi
done
grep -q '^python3-jsonschema is not installed' $T/valid && fail "$(cat $T/valid)"
echo "TIME: operations scenario $(awk "BEGIN{printf \"%.0f\", $(now) - $T0}") s"
echo "KTEST-END failures=$FAILS"
