#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: the iovc developers

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: iovc_config
short_description: Apply, delete or lint an SR-IOV configuration file with iovc
description:
  - Runs C(iovc) on the managed host for one iovctl.conf(5) file (FreeBSD's SR-IOV configuration
    format, which iovc also applies on Linux).
  - The file is always linted first with C(iovc check --format json); a file with errors fails the
    task with iovc's diagnostics (code, line, message) before the device is touched.
  - I(state=present) applies the file with C(iovc compile --apply --format json) and succeeds only
    when iovc read the device back and it matches (C(verified)). The task's C(changed) is the
    C(changed) of iovc's result, so a second run of an applied file reports no change.
  - I(state=absent) deletes the file's VFs with C(iovc delete -f --if-exists --format json).
  - I(state=checked) only lints; nothing on the host is read or changed but the file.
  - In check mode, I(state=present) runs C(iovc plan --format json) and reports its C(changes)
    as C(changed), with the steps it would take; I(state=absent) reads C(iovc status --format json).
  - In diff mode, the differences C(iovc diff --format json) finds between the device and the file
    are shown as before (the device) and after (the file).
version_added: 0.1.0
author:
  - iovc developers (@iovc)
requirements:
  - iovc 0.1.0 or newer on the managed host (its C(--format json) operations commands)
  - a Java 17 runtime on the managed host (iovc's)
options:
  path:
    description:
      - The configuration file on the managed host.
      - Exactly one of I(path) and I(content) is required.
    type: path
  content:
    description:
      - The configuration itself; the module writes it to a temporary file on the managed host.
      - Exactly one of I(path) and I(content) is required.
    type: str
  state:
    description:
      - C(present) applied and verified, C(absent) the file's VFs deleted, C(checked) linted only.
    type: str
    choices: [present, absent, checked]
    default: present
  driver:
    description:
      - The driver plugin whose schema checks the file (C(iovc --driver)), when the device name
        does not say which. Not used by I(state=absent).
    type: str
  backend:
    description:
      - C(freebsd) or C(linux); by default the host's own.
    type: str
    choices: [freebsd, linux]
  replace:
    description:
      - Delete and recreate the VFs even when their count matches (C(iovc compile --apply --replace)).
    type: bool
    default: false
  force:
    description:
      - With I(state=absent), delete VFs that a jail, VM, container or process uses (C(iovc delete --force)).
    type: bool
    default: false
  strict:
    description:
      - Fail on warnings too (C(iovc check --strict)).
    type: bool
    default: false
  iovc:
    description:
      - The iovc executable; by default C(iovc) on C(PATH) or in C(/usr/local/bin).
    type: path
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    platforms: [freebsd, linux]
notes:
  - Lint the files on the controller before any host is touched with I(state=checked),
    C(delegate_to=localhost) and C(run_once=true); see the collection's C(playbooks/sriov.yml).
seealso:
  - module: iovc.sriov.iovc_facts
'''

EXAMPLES = r'''
- name: Lint on the controller first (no host touched)
  iovc.sriov.iovc_config:
    path: files/iov/ixl0.conf
    state: checked
  delegate_to: localhost
  run_once: true

- name: Apply /etc/iov/ixl0.conf and verify it
  iovc.sriov.iovc_config:
    path: /etc/iov/ixl0.conf

- name: Apply a configuration given inline, checked with the ice plugin's schema
  iovc.sriov.iovc_config:
    content: |
      PF { device = "enp5s0f0"; num_vfs = 2; }
      VF-0 { mac-addr = "02:00:00:00:00:01"; }
    driver: ice
    backend: linux

- name: Delete the VFs of a file, even those a VM uses
  iovc.sriov.iovc_config:
    path: /etc/iov/ixl0.conf
    state: absent
    force: true
'''

RETURN = r'''
device:
  description: The PF the file configures, as iovc names it.
  returned: when iovc reached the device
  type: str
  sample: ixl0
diagnostics:
  description: What C(iovc check) found in the file (errors fail the task, warnings do not).
  returned: always
  type: list
  elements: dict
  contains:
    file:
      description: The file.
      type: str
    line:
      description: 1-based line.
      type: int
    column:
      description: 1-based column.
      type: int
    severity:
      description: error, warning or info.
      type: str
    code:
      description: iovc's diagnostic code (C(iovc explain CODE)).
      type: str
    message:
      description: What is wrong.
      type: str
    help:
      description: How to fix it, when iovc knows.
      type: str
  sample: [{"file": "/etc/iov/ixl0.conf", "line": 7, "column": 3, "severity": "error",
            "code": "IOV307", "message": "VF-4 is outside num_vfs = 4"}]
plan:
  description: The steps C(iovc plan) says an apply would take, in order (check mode).
  returned: check mode with state=present
  type: list
  elements: dict
  contains:
    vf:
      description: The VF the step serves; null for the PF.
      type: int
    parameter:
      description: The file's parameter the step serves (num_vfs, mac-addr, vlan...).
      type: str
    command:
      description: The shell command that does the same.
      type: str
    comment:
      description: Why the step is taken.
      type: str
  sample: [{"vf": null, "parameter": "num_vfs", "command": "echo 4 > /sys/class/net/eth0/device/sriov_numvfs",
            "comment": "create 4 VFs"}]
differences:
  description: What C(iovc diff) found between the device and the file (diff mode).
  returned: diff mode with state=present
  type: list
  elements: dict
  contains:
    vf:
      description: The VF; null for the PF (num_vfs).
      type: int
    parameter:
      description: The file's parameter.
      type: str
    file:
      description: What the file says.
      type: str
    live:
      description: What the kernel reports.
      type: str
  sample: [{"vf": 2, "parameter": "vlan", "file": "300", "live": "999"}]
verified:
  description: iovc read the device back after the apply or delete and it matched.
  returned: when iovc applied or deleted
  type: bool
  sample: true
rolled_back:
  description: The apply failed and iovc put the device back as it was.
  returned: when iovc applied or deleted
  type: bool
  sample: false
result:
  description: iovc's whole result record (C(compile --apply) or C(delete) with C(--format json)).
  returned: when iovc applied or deleted
  type: dict
  sample: {"version": 1, "backend": "linux", "command": "apply", "file": "/etc/iov/eth0.conf", "device": "eth0",
           "changed": true, "verified": true, "rolled_back": false, "error": null, "exit_status": 0,
           "messages": [], "log": ["verified: eth0 matches"], "file_errors": 0}
'''

import os
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.iovc.sriov.plugins.module_utils.iovc import (
    IovcError, check, run_json, summary, value, vf_label, no_answer)


def schema_args(params):
    args = []
    if params['driver']:
        args += ['--driver', params['driver']]
    return args


def backend_args(params):
    return ['--backend', params['backend']] if params['backend'] else []


def render_differences(doc, path):
    """iovc diff's differences as Ansible's before (the device) and after (the file)."""
    before, after = [], []
    for d in doc.get('differences') or []:
        who = vf_label(d.get('vf'))
        before.append('%s %s: %s\n' % (who, d.get('parameter'), value(d.get('live'))))
        after.append('%s %s: %s\n' % (who, d.get('parameter'), value(d.get('file'))))
    # nothing differs, but an apply would still take steps (drivers, autoprobe)
    for step in doc.get('pending') or []:
        after.append('pending: %s\n' % step)
    return {
        'before': ''.join(before),
        'after': ''.join(after),
        'before_header': 'device %s (live)' % doc.get('device'),
        'after_header': path,
    }


def render_vfs(pf):
    """A PF's VFs from iovc status, one line each, for the before of a delete."""
    lines = []
    for vf in pf.get('vfs') or []:
        consumer = vf.get('consumer') or {}
        lines.append('VF-%s %s driver %s%s\n' % (
            vf.get('index'), value(vf.get('pci') or vf.get('netdev')), value(vf.get('driver')),
            ' used by %s %s' % (consumer.get('kind'), value(consumer.get('name'))) if consumer.get('kind') not in (None, 'host') else ''))
    return ''.join(lines)


def find_pf(status, device):
    for pf in status.get('pfs') or []:
        if device in (pf.get('device'), pf.get('pci')):
            return pf
    return None


def present(module, path, result):
    p = module.params
    args = schema_args(p) + backend_args(p)
    replace = ['--replace'] if p['replace'] else []
    if module._diff:
        dummy, doc, err = run_json(module, 'diff', args + [path], ok=(0, 1))
        no_answer(doc, 'diff', 'in_sync')
        result['differences'] = doc.get('differences') or []
        result['diff'] = render_differences(doc, path)
        result['device'] = doc.get('device')
    if module.check_mode:
        dummy, doc, err = run_json(module, 'plan', args + replace + [path])
        no_answer(doc, 'plan', 'changes')
        result['device'] = doc.get('device')
        result['plan'] = doc.get('steps') or []
        for w in doc.get('warnings') or []:
            module.warn('iovc plan: %s' % w)
        result['changed'] = bool(doc.get('changes'))
        return
    rc, doc, err = run_json(module, 'compile --apply', args + replace + [path])
    record(module, doc, rc, err, result)


def absent(module, path, result):
    p = module.params
    if module.check_mode or module._diff:
        # which PF the file names: the plan says it without changing anything
        dummy, plan, err = run_json(module, 'plan', schema_args(p) + backend_args(p) + [path])
        device = plan.get('device')
        if device is None:
            no_answer(plan, 'plan', 'device')
        result['device'] = device
        dummy, status, err = run_json(module, 'status', backend_args(p))
        pf = find_pf(status, device)
        has_vfs = bool(pf and (pf.get('num_vfs') or pf.get('vfs')))
        if module._diff:
            result['diff'] = {'before': render_vfs(pf) if pf else '', 'after': '',
                              'before_header': 'device %s (live)' % device, 'after_header': 'no VFs'}
        if module.check_mode:
            result['changed'] = has_vfs
            return
    args = backend_args(p) + ['--if-exists'] + (['--force'] if p['force'] else [])
    rc, doc, err = run_json(module, 'delete', args + ['-f', path])
    record(module, doc, rc, err, result)


def record(module, doc, rc, err, result):
    """Reads an apply or delete result: fails unless iovc verified the device."""
    result['result'] = doc
    result['device'] = doc.get('device')
    result['verified'] = doc.get('verified')
    result['rolled_back'] = doc.get('rolled_back')
    result['changed'] = bool(doc.get('changed'))
    if doc.get('error') or rc != 0:
        result['rc'] = rc
        result['stderr'] = err
        module.fail_json(msg='iovc: %s%s' % (doc.get('error') or 'exit %d' % rc,
                                             ' (rolled back: the device is as it was)' if doc.get('rolled_back') else ''),
                         **result)
    if not doc.get('verified'):
        module.fail_json(msg='iovc: %s was not verified after the change' % doc.get('device'), **result)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path'),
            content=dict(type='str'),
            state=dict(type='str', default='present', choices=['present', 'absent', 'checked']),
            driver=dict(type='str'),
            backend=dict(type='str', choices=['freebsd', 'linux']),
            replace=dict(type='bool', default=False),
            force=dict(type='bool', default=False),
            strict=dict(type='bool', default=False),
            iovc=dict(type='path'),
        ),
        mutually_exclusive=[('path', 'content')],
        required_one_of=[('path', 'content')],
        supports_check_mode=True,
    )
    p = module.params
    path = p['path']
    if p['content'] is not None:
        fd, path = tempfile.mkstemp(suffix='.conf', prefix='iovc-', dir=module.tmpdir)
        with os.fdopen(fd, 'w') as f:
            f.write(p['content'])
    result = dict(changed=False, diagnostics=[])
    try:
        rc, diags, err = check(module, path, driver=p['driver'], strict=p['strict'])
        result['diagnostics'] = diags
        if rc == 1:
            errors = [d for d in diags if d['severity'] == 'error' or p['strict']]
            module.fail_json(msg='%s: %d problem(s); nothing was applied\n%s' % (path, len(errors), summary(errors)),
                             rc=rc, **result)
        if rc == 3:
            if p['state'] == 'checked':
                module.fail_json(msg='%s cannot be checked offline: %s' % (path, err.strip()), rc=rc, **result)
            module.warn('%s cannot be checked offline (%s); the check against the running kernel decides'
                        % (path, err.strip()))
        if p['state'] == 'present':
            present(module, path, result)
        elif p['state'] == 'absent':
            absent(module, path, result)
    except IovcError as e:
        result.update(e.details)
        module.fail_json(msg=e.msg, **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
