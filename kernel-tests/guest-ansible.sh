#!/bin/bash
# The Ansible collection (packaging/ansible, iovc.sriov) against a real kernel: runs inside the
# QEMU guest, chrooted into the host's / like guest.sh, so the host's Debian ansible-core is used
# with `ansible localhost -c local`. It makes its own netdevsim device and checks the kernel's
# view (sysfs, `ip -j -d link`), never the module's word alone:
#   - check mode changes nothing, and says changed;
#   - apply: changed true, the VFs as in the file; apply again: changed false, kernel unchanged;
#   - a VLAN changed behind iovc's back: --check --diff shows it (before: the device, after: the file);
#   - a file with errors fails with iovc's diagnostics before the device is touched;
#   - iovc_facts reports the PF and its VFs;
#   - state=absent deletes the VFs (changed true), a second time changed false.
# Prints PASS:/FAIL:/TIME: lines and KTEST-END like guest.sh.
#
# run.sh runs it after guest.sh and guest-scale.sh in the first guest (bookworm's kernel), with
# ANSIBLE_COLLECTIONS='$ROOT/packaging/ansible' in guest.env (the guest sees the host's tree
# read-only, so the collection is copied to /tmp below); run.sh installs ansible-core on the host.
# Alone: IOVC_KTEST_GUEST=kernel-tests/guest-ansible.sh IOVC_KTEST_NO_IGB=1 kernel-tests/run.sh
# Budget: 9 module runs, each starting iovc one to three times (check first, then plan/diff/apply),
# plus Ansible's own start under TCG (see the TIME: lines).
#   Argument: the env file run.sh writes (IOVC, IOVC_JAVA_OPTS, ANSIBLE_COLLECTIONS).
set -u
# shellcheck disable=SC1090
. "$1"
export IOVC_JAVA_OPTS PATH=/usr/sbin:/usr/bin:/sbin:/bin
FAILS=0
T=/tmp/ktest-ansible
mkdir -p $T/home $T/collections/ansible_collections/iovc
export HOME=$T/home ANSIBLE_COLLECTIONS_PATH=$T/collections ANSIBLE_NOCOLOR=1 \
	ANSIBLE_LOAD_CALLBACK_PLUGINS=1 ANSIBLE_STDOUT_CALLBACK=json ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
	ANSIBLE_REMOTE_TMP=$T/remote-tmp ANSIBLE_LOCAL_TEMP=$T/local-tmp # root's ~ is the host's: read-only here
cp -r "${ANSIBLE_COLLECTIONS:?}" $T/collections/ansible_collections/iovc/sriov

now() { cut -d' ' -f1 /proc/uptime; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
same() { [ "$1" = "$2" ] && return 0; echo "  expected: $2"; echo "  actual:   $1"; return 1; }
# module NAME ARGS [ansible options...]: runs one module on localhost; its result is in $T/result
module() {
	local name=$1 args=$2 s e
	shift 2
	s=$(now)
	ansible localhost -c local -m "iovc.sriov.$name" -a "$args iovc=$IOVC" "$@" >$T/out 2>$T/err
	e=$(now)
	echo "TIME: ansible $name $* -> $(awk "BEGIN{printf \"%.1f\", $e - $s}") s"
	# an empty stdout is no answer either (jq reads it as no input and succeeds)
	if ! [ -s $T/out ] || ! jq -e '.plays[0].tasks[0].hosts.localhost' $T/out >$T/result 2>/dev/null; then
		sed 's/^/  | /' $T/out $T/err | head -n 40
		echo null >$T/result
	fi
}
r() { jq -r "$1" $T/result; }

echo "== Ansible: iovc.sriov against netdevsim"
echo "40 1" >/sys/bus/netdevsim/new_device
sleep 0.5
NSIM=/sys/bus/netdevsim/devices/netdevsim40
PF=$(ls $NSIM/net | head -n1)
check "netdevsim40 has a netdev" test -n "$PF"
CONF=$T/nsim.conf
BROKEN=$T/broken.conf
# the kernel tests' four-VF file, for this PF, with the plugin named so that it lints offline
{ echo '# iovc: driver=netdevsim'; sed "s/\"eth0\"/\"$PF\"/" "$(dirname "$0")/cases/nsim-a.conf"; } >$CONF
{ echo '# iovc: driver=netdevsim'; printf 'PF {\n\tdevice = "%s";\n\tnum_vfs = 2;\t// two\n}\n' "$PF"; } >$BROKEN
state() { echo "numvfs=$(cat $NSIM/sriov_numvfs)"; ip -j -d link show dev "$PF" | jq -c '.[0].vfinfo_list'; }

state >$T/before
module iovc_config "path=$CONF" --check
check "check mode: not failed" same "$(r .failed)" null
check "check mode: changed (the plan has steps)" same "$(r .changed)" true
state >$T/after
check "check mode: the kernel is unchanged" cmp -s $T/before $T/after

module iovc_config "path=$BROKEN"
check "a file with errors fails" same "$(r .failed)" true
check "its diagnostics name IOV201 at line 4" same "$(r '[.diagnostics[] | select(.severity == "error")][0] | "\(.code) \(.line)"')" "IOV201 4"
state >$T/after
check "a file with errors: the kernel is unchanged" cmp -s $T/before $T/after

module iovc_config "path=$CONF"
check "apply: changed" same "$(r .changed)" true
check "apply: verified" same "$(r .verified)" true
check "apply: sriov_numvfs = 4" same "$(cat $NSIM/sriov_numvfs)" 4
check "apply: VF-2's VLAN is 300" same "$(ip -j -d link show dev "$PF" | jq '.[0].vfinfo_list[2].vlan_list[0].vlan')" 300

state >$T/before
module iovc_config "path=$CONF"
check "apply again: not changed" same "$(r .changed)" false
state >$T/after
check "apply again: the kernel is unchanged" cmp -s $T/before $T/after

ip link set dev "$PF" vf 2 vlan 999
module iovc_config "path=$CONF" --check --diff
check "drift, check mode: changed" same "$(r .changed)" true
check "drift, diff mode: before has the device's VLAN" grep -q '999' <(r .diff.before)
check "drift, diff mode: after has the file's VLAN" grep -q '300' <(r .diff.after)
check "drift, check mode: VF-2's VLAN is still 999" same "$(ip -j -d link show dev "$PF" | jq '.[0].vfinfo_list[2].vlan_list[0].vlan')" 999

module iovc_facts ""
FACT="[.ansible_facts.iovc_pfs[] | select(.device == \"$PF\")][0]"
check "facts: the PF has 4 VFs" same "$(r "$FACT.num_vfs")" 4
check "facts: its 4 VFs with the kernel's VLANs (VF-2's drifted 999)" same "$(r "[$FACT.vfs[] | (.vlan // 0)] | map(tostring) | join(\" \")")" "100 0 999 0"

module iovc_config "path=$CONF state=absent" --check
check "absent, check mode: changed" same "$(r .changed)" true
check "absent, check mode: VFs still there" same "$(cat $NSIM/sriov_numvfs)" 4
module iovc_config "path=$CONF state=absent"
check "absent: changed" same "$(r .changed)" true
check "absent: sriov_numvfs = 0" same "$(cat $NSIM/sriov_numvfs)" 0
module iovc_config "path=$CONF state=absent"
check "absent again: not changed" same "$(r .changed)" false

echo "KTEST-END failures=$FAILS"
