#!/usr/bin/env bash
# Tests of the iovc.sriov collection with Debian's ansible-core and python3-* packages only (the
# Python package index is not reachable here), against the fake iovc that prints recorded JSON:
#   1. the modules' unit tests (pytest, tests/unit);
#   2. ansible-test sanity, every test ansible-test 2.14 has for a collection, through
#      tests/ansible-test-offline.py (Debian's pylint, pycodestyle, yamllint, voluptuous);
#   3. the example playbook playbooks/sriov.yml with ansible-playbook on two local "hosts":
#      --check --diff changes nothing; a broken file fails the lint on the controller before any
#      host is touched; the files are linted once, then host 1 is done before host 2 starts;
#      a second run reports no change.
#   packaging/ansible/tests/run.sh
# As root it installs what is missing from Debian; otherwise it says SKIP and exits 0.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd -P)
fail() { echo "ansible tests: FAIL: $*" >&2; exit 1; }
skip() { echo "ansible tests: SKIP: $*"; exit 0; }

# Debian's python3 has Debian's ansible-core; a python3 earlier on PATH (pyenv) would not.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin
PY=/usr/bin/python3
pkgs="ansible-core python3-pytest pylint python3-pycodestyle python3-voluptuous yamllint shellcheck"
missing=
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
	command -v apt-get >/dev/null || skip "not a Debian system and$missing missing"
	[ "$(id -u)" -eq 0 ] || skip "$missing missing and not root to install them"
	echo "ansible tests: installing$missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1; } ||
		fail "cannot install$missing from Debian's archive"
fi
pyver=$($PY -c 'import sys; print("%d.%d" % sys.version_info[:2])')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/iovc-ansible.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export HOME=$tmp/home ANSIBLE_COLLECTIONS_PATH=$tmp ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
mkdir -p "$HOME"
# ansible-test wants the collection at ansible_collections/NAMESPACE/NAME
coll=$tmp/ansible_collections/iovc/sriov
mkdir -p "$coll"
(cd "$src" && tar -cf - --exclude=tests/output --exclude=__pycache__ --exclude='*.pyc' .) | (cd "$coll" && tar -xf -)
fake=$coll/tests/unit/fake/iovc

echo "== unit tests (pytest, Python $pyver)"
(cd "$coll" && $PY -m pytest -p no:cacheprovider -q tests/unit) || fail "unit tests"

echo "== ansible-test sanity --local --python $pyver (offline)"
if ! (cd "$coll" && $PY tests/ansible-test-offline.py sanity --local --python "$pyver" --color no) >"$tmp/sanity.log" 2>&1; then
	grep -v '^Running sanity test' "$tmp/sanity.log" >&2
	fail "ansible-test sanity"
fi
grep '^sanity verdict:' "$tmp/sanity.log" | sed 's/^sanity verdict: /  /'
ran=$(grep -c '^sanity verdict: .* passed' "$tmp/sanity.log")
skipped=$(grep -c '^sanity verdict: .* skipped' "$tmp/sanity.log")
[ "$ran" -ge 20 ] || fail "only $ran sanity tests ran"
echo "  sanity: $ran tests passed, $skipped had no files to check, none failed"

echo "== the example playbook against two local hosts (fake iovc)"
play=$coll/playbooks/sriov.yml
files=$tmp/iov_files
mkdir -p "$files/h1" "$files/h2" "$tmp/h1/etc/iov" "$tmp/h2/etc/iov"
cp "$coll/tests/unit/fixtures/files/eth0.conf" "$files/h1/eth0.conf"
cp "$coll/tests/unit/fixtures/files/eth0.conf" "$files/h2/eth0.conf"
cat >"$tmp/inventory" <<EOF
[sriov]
h1 iov_dir=$tmp/h1/etc/iov
h2 iov_dir=$tmp/h2/etc/iov
[sriov:vars]
ansible_connection=local
ansible_python_interpreter=$PY
iovc=$fake
iovc_controller=$fake
EOF
export FAKE_IOVC_DIR=$coll/tests/unit/fixtures/nsim FAKE_IOVC_LOG=$tmp/iovc.log
# playbook NAME ARGS...: runs the playbook with the JSON callback into $tmp/NAME.json; status in $rc
playbook() {
	local name=$1
	shift
	: >"$FAKE_IOVC_LOG"
	rc=0
	ANSIBLE_STDOUT_CALLBACK=json ansible-playbook -i "$tmp/inventory" -e "iov_files=$files" "$@" "$play" \
		>"$tmp/$name.json" 2>"$tmp/$name.err" || rc=$?
}
# report NAME: per host, per task: changed/failed, and the fake iovc's log as host:command lines
report() {
	$PY - "$tmp/$1.json" "$FAKE_IOVC_LOG" "$tmp" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for play in doc['plays']:
    for task in play['tasks']:
        for host, r in sorted(task['hosts'].items()):
            state = 'failed' if r.get('failed') else 'changed' if r.get('changed') else 'ok'
            print('task %s %s %s' % (host, task['task']['name'], state))
for host, s in sorted(doc['stats'].items()):
    print('stats %s changed=%d failures=%d' % (host, s['changed'], s['failures']))
tmp = sys.argv[3]
for line in open(sys.argv[2]):
    c = json.loads(line)
    p = c['path'] or ''
    where = 'h1' if p.startswith(tmp + '/h1/') else 'h2' if p.startswith(tmp + '/h2/') else \
        'controller' if p.startswith(tmp + '/iov_files/') else 'tmp'
    print('iovc %s %s' % (where, c['command']))
EOF
}
expect() { grep -qxF -- "$2" "$tmp/$1.report" || { sed 's/^/  | /' "$tmp/$1.report" >&2; fail "$1: expected '$2'"; }; }

playbook check --check --diff
report check >"$tmp/check.report"
[ "$rc" -eq 0 ] || { cat "$tmp/check.err" >&2; fail "--check --diff exited $rc"; }
expect check "task h1 Apply each file and verify it changed"
expect check "task h2 Apply each file and verify it changed"
if grep -q '^iovc .* apply$' "$tmp/check.report"; then fail "--check ran an apply"; fi
[ -z "$(find "$tmp/h1/etc/iov" "$tmp/h2/etc/iov" -type f)" ] || fail "--check installed files"
grep -q '"after": "PF num_vfs: 4' "$tmp/check.json" || fail "--diff shows no before/after of iovc diff"
echo "  --check --diff: plan says changed on h1 and h2, nothing applied or installed"

cp "$coll/tests/unit/fixtures/files/mistakes.conf" "$files/h2/"
playbook broken
report broken >"$tmp/broken.report"
[ "$rc" -ne 0 ] || fail "a broken file on h2 did not fail the run"
expect broken "task h1 Lint each file (state=checked), before any host is touched failed"
if grep -qv '^iovc controller check$' <(grep '^iovc' "$tmp/broken.report"); then fail "iovc ran on a host: $(grep '^iovc' "$tmp/broken.report")"; fi
[ -z "$(find "$tmp/h1/etc/iov" "$tmp/h2/etc/iov" -type f)" ] || fail "files were installed although the lint failed"
grep -q 'IOV201' "$tmp/broken.json" || fail "the failure does not carry iovc's diagnostics"
rm "$files/h2/mistakes.conf"
echo "  broken file on h2: the lint on the controller failed with IOV201, no host touched"

playbook apply
report apply >"$tmp/apply.report"
[ "$rc" -eq 0 ] || { cat "$tmp/apply.json" "$tmp/apply.err" >&2; fail "the apply run exited $rc"; }
expect apply "task h1 Apply each file and verify it changed"
expect apply "task h2 Apply each file and verify it changed"
order=$(grep '^iovc' "$tmp/apply.report" | tr '\n' ' ')
[ "$order" = "iovc controller check iovc controller check iovc h1 check iovc h1 apply iovc tmp status iovc h2 check iovc h2 apply iovc tmp status " ] ||
	fail "not linted first, then h1, then h2: $order"
cmp -s "$files/h1/eth0.conf" "$tmp/h1/etc/iov/eth0.conf" || fail "h1's file was not installed"
echo "  apply: linted on the controller, then h1 (install, apply), then h2: changed on both"

playbook again
report again >"$tmp/again.report"
[ "$rc" -eq 0 ] || { cat "$tmp/again.err" >&2; fail "the second run exited $rc"; }
expect again "stats h1 changed=0 failures=0"
expect again "stats h2 changed=0 failures=0"
echo "  second run: changed=0 on h1 and h2"
echo "ansible tests: ok"
