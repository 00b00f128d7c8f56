#!/bin/bash
# Runs inside the QEMU guest after guest.sh (see run.sh): applies killed halfway on a real kernel
# (netdevsim, a handful of VFs), then what the next iovc makes of the journal it left in
# /var/lib/iovc. Three kill points of an apply and one of a delete:
#   1. IOVC_INJECT_FAILURE=kill:2: just after the sysfs VF-count write (step 1 ran);
#      the converge is the boot unit's own command (ExecStart of the unit `iovc install` writes);
#   2. a real `kill -9` of the java process while it sets the VFs' MACs, VLANs, spoof check
#      (the step is whatever the journal says when the signal lands); `--rollback-interrupted`
#      must then give back the kernel's view from before the killed apply, byte for byte;
#   3. IOVC_INJECT_FAILURE=kill:verify: every step ran, the read-back had not; a plain apply settles it;
#   4. `iovc delete` killed after its VF-count write; `--rollback-interrupted` brings the VFs back.
# After each: the lock file names a dead pid and does not block; status/plan/diff say "interrupted
# at step N of M"; the kernel's view (`ip -j -d link show`, sysfs) is checked, never iovc's alone.
set -u
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-crash; mkdir -p $T
. "$(dirname "$0")/guest-lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd -P)
T_START=$(now)

echo "== interrupted applies: kill -9 at three points, then the journal's report and convergence"
echo "50 1" > /sys/bus/netdevsim/new_device; sleep 0.5
NS=/sys/bus/netdevsim/devices/netdevsim50
PF=$(ls $NS/net | head -n1)
J=/var/lib/iovc/netdevsim-netdevsim50.journal
LOCK=/run/iovc/netdevsim-netdevsim50.lock
cp $CASES/crash-a.conf $CASES/crash-b.conf $T/
A=$T/crash-a.conf B=$T/crash-b.conf
vfs() { ip -j -d link show dev "$PF" | jq -c '[.[0].vfinfo_list[]? | {vf, mac: .address, spoofchk, trust, vlan: (.vlan_list[0].vlan // 0)}]'; }
# everything netlink and sysfs say about the PF, for "exactly as before"
state() { echo "numvfs=$(cat $NS/sriov_numvfs)"; ip -j -d link show dev "$PF" | jq -c '.[0].vfinfo_list'; }
WANT_A='[{"vf":0,"mac":"02:00:00:00:0a:01","spoofchk":true,"trust":false,"vlan":100},{"vf":1,"mac":"02:00:00:00:0a:02","spoofchk":true,"trust":true,"vlan":0},{"vf":2,"mac":"02:00:00:00:0a:03","spoofchk":false,"trust":false,"vlan":300},{"vf":3,"mac":"02:00:00:00:0a:04","spoofchk":true,"trust":false,"vlan":0}]'
WANT_B='[{"vf":0,"mac":"02:00:00:00:0b:01","spoofchk":true,"trust":false,"vlan":10},{"vf":1,"mac":"02:00:00:00:0b:02","spoofchk":false,"trust":false,"vlan":0},{"vf":2,"mac":"02:00:00:00:0b:03","spoofchk":true,"trust":true,"vlan":0}]'
# the pid in the lock file is gone, and the journal is the only record
dead_lock() { local p; p=$(cat $LOCK 2>/dev/null); [ -n "$p" ] && ! kill -0 "$p" 2>/dev/null; }
steps_of() { sed -n 's/^steps //p' $J; }
reached() { sed -n 's/^step //p' $J | tail -n1; }

# ---------------------------------------------------------------- 1. after the VF-count write
echo "-- 1. killed (IOVC_INJECT_FAILURE=kill:2) right after the sysfs VF-count write; the boot unit converges"
EXPECT_RC=137 IOVC_INJECT_FAILURE=kill:2 iovc compile --apply $A
check "1: the apply died (exit 137)" same "$RC" 137
check "1: step 1 had run: sriov_numvfs = 4" same "$(cat $NS/sriov_numvfs)" 4
check "1: the VFs have none of the file's settings yet" same "$(vfs | grep -c 02:00:00:00:0a)" 0
check "1: the journal stayed" test -f $J
M=$(steps_of)
check "1: the journal says step 2 (of the plan's $M)" same "$(reached)" 2
check "1: the lock file names a dead pid" dead_lock
iovc status netdevsim50
check "1: status: exit 0" same "$RC" 0
check "1: status says the apply was interrupted at step 2 of $M" contains $T/out "note: an apply of $A was interrupted at step 2 of $M at "
iovc plan $A
check "1: plan says it too" contains $T/out "note: an apply of $A was interrupted at step 2 of $M at "
# the boot unit's own command: ExecStart of the unit `iovc install` writes, run by sh as systemd
# would ($$ is systemd's $), with /etc/iov/ moved to a directory of ours (the guest's /etc is the
# host's, read-only)
iovc install --root $T/root --iovc "$IOVC"
check "1: iovc install wrote the unit" same "$RC" 0
mkdir -p $T/etc-iov && cp $A $T/etc-iov/
EXEC=$(sed -n 's/^ExecStart=//p' $T/root/etc/systemd/system/iovc.service | sed 's/\$\$/$/g; s#/etc/iov/#'$T'/etc-iov/#g')
s=$(now)
eval "$EXEC" > $T/out 2> $T/err; RC=$?
echo "TIME: iovc (boot unit's ExecStart) -> exit $RC in $(awk "BEGIN{printf \"%.1f\", $(now) - $s}") s"
[ "$RC" = 0 ] || sed 's/^/  | /' $T/out $T/err
check "1: the unit's command: exit 0" same "$RC" 0
check "1: the unit's apply reported the interrupted one" contains $T/out "an apply of $A was interrupted at step 2 of $M"
check "1: the unit's apply was not held up by the dead pid's lock" test "$(grep -c 'waiting for another iovc' $T/out)" = 0
check "1: the unit's apply converged and read back" contains $T/out "verified: $PF (netdevsim50) matches"
check "1: kernel: every VF as in crash-a.conf" same "$(vfs)" "$WANT_A"
check "1: the journal is gone" test ! -e $J

# ---------------------------------------------------------------- 2. a real kill -9 mid-VF
echo "-- 2. kill -9 of the java process while it sets the VFs; --rollback-interrupted"
# more state than iovc manages, so "exactly as before" means something after VFs are recreated
ip link set dev "$PF" vf 1 state disable
ip link set dev "$PF" vf 3 min_tx_rate 10 max_tx_rate 100
ip link set dev "$PF" vf 0 query_rss on
ip link set dev "$PF" vf 1 vlan 20 qos 3 proto 802.1ad
state > $T/before2
s=$(now)
"$IOVC" compile --apply $B > $T/out 2> $T/err & JPID=$!
# wait until the journal shows the apply past the VF count (4 -> 0 -> 3: steps 1-4) and on the VFs'
# settings; those run as one `ip -batch`, whose journal line names the batch's last step before it starts
for _ in $(seq 1200); do grep -qxE 'step ([5-9]|[1-9][0-9]+)' $J 2>/dev/null && break; kill -0 $JPID 2>/dev/null || break; sleep 0.05; done
kill -9 $JPID; wait $JPID; RC=$?
echo "TIME: iovc compile --apply $B (killed) -> exit $RC in $(awk "BEGIN{printf \"%.1f\", $(now) - $s}") s"
check "2: the java process died of SIGKILL (exit 137)" same "$RC" 137
N=$(reached); M=$(steps_of)
echo "  killed at step $N of $M; the last step it printed: $(grep -E '^ +[0-9]+  ' $T/out | tail -n1 | sed 's/^ *//')"
check "2: killed among the per-VF settings (step 5..$M of $M, before the read-back)" test "${N:-0}" -ge 5 -a "${N:-0}" -le "${M:-0}" -a "$(grep -cx verify $J)" = 0
check "2: the VFs were recreated: sriov_numvfs = 3" same "$(cat $NS/sriov_numvfs)" 3
check "2: the lock file names a dead pid" dead_lock
EXPECT_RC=1 iovc diff $B
# 1 if the signal landed before `ip -batch` (which the kill does not stop) had run its lines, else 0
check "2: diff answers (exit 0 or 1, not an error)" test "$RC" -le 1
check "2: diff says the apply was interrupted at step $N of $M" contains $T/out "note: an apply of $B was interrupted at step $N of $M at "
iovc compile --apply --rollback-interrupted $B
check "2: --rollback-interrupted: exit 0" same "$RC" 0
check "2: it reported the interrupted apply" contains $T/out "an apply of $B was interrupted at step $N of $M"
check "2: it says rolled back" contains $T/err "rolled back: $PF (netdevsim50) is as it was before the interrupted apply of $B"
state > $T/after2
check "2: kernel: sriov_numvfs and every VF attribute exactly as before the killed apply" cmp -s $T/before2 $T/after2
cmp -s $T/before2 $T/after2 || diff $T/before2 $T/after2 | sed 's/^/  | /'
check "2: the journal is gone" test ! -e $J

# ---------------------------------------------------------------- 3. just before the read-back
echo "-- 3. killed (IOVC_INJECT_FAILURE=kill:verify) after the last step, before the read-back"
EXPECT_RC=137 IOVC_INJECT_FAILURE=kill:verify iovc compile --apply $B
check "3: the apply died (exit 137)" same "$RC" 137
M=$(steps_of)
check "3: the journal says every step started, and the read-back" same "$(reached)/$M $(grep -cx verify $J)" "$M/$M 1"
check "3: kernel: every VF already as in crash-b.conf" same "$(vfs)" "$WANT_B"
check "3: the lock file names a dead pid" dead_lock
iovc status netdevsim50
check "3: status says so" contains $T/out "note: an apply of $B was interrupted at step $M of $M (every step had run; during its read-back) at "
iovc compile --apply $B
check "3: plain apply: exit 0" same "$RC" 0
check "3: it reported the interrupted apply" contains $T/out "an apply of $B was interrupted at step $M of $M"
check "3: nothing left to change" contains $T/out "no changes: $PF (netdevsim50) already matches"
check "3: the interrupted apply is settled" contains $T/err "the interrupted apply is settled"
check "3: the journal is gone" test ! -e $J
check "3: kernel: every VF as in crash-b.conf" same "$(vfs)" "$WANT_B"

# ---------------------------------------------------------------- 4. delete
echo "-- 4. iovc delete killed (kill:verify) after its VF-count write; --rollback-interrupted"
state > $T/before4
EXPECT_RC=137 IOVC_INJECT_FAILURE=kill:verify iovc delete -d netdevsim50
check "4: the delete died (exit 137)" same "$RC" 137
check "4: its write had run: sriov_numvfs = 0" same "$(cat $NS/sriov_numvfs)" 0
check "4: the delete left a journal" test -f $J
iovc status netdevsim50
check "4: status says the delete was interrupted" contains $T/out "note: a delete of the VFs of netdevsim50 was interrupted at step 1 of 1 (every step had run; during its read-back)"
iovc compile --apply --rollback-interrupted $B
check "4: --rollback-interrupted: exit 0" same "$RC" 0
check "4: it says rolled back" contains $T/err "is as it was before the interrupted delete of the VFs of netdevsim50"
state > $T/after4
check "4: kernel: the 3 VFs and their settings are back" cmp -s $T/before4 $T/after4
cmp -s $T/before4 $T/after4 || diff $T/before4 $T/after4 | sed 's/^/  | /'
check "4: the journal is gone" test ! -e $J
echo 0 > $NS/sriov_numvfs

echo "TIME: guest-crash.sh took $(awk "BEGIN{printf \"%.0f\", $(now) - $T_START}") s"
echo "KTEST-END failures=$FAILS"
