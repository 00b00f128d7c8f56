#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: the iovc developers

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: iovc_facts
short_description: SR-IOV physical and virtual functions, and who uses each VF, as facts
description:
  - Runs C(iovc status --format json) on the managed host and sets the fact C(iovc_pfs), every
    SR-IOV physical function (or those named in I(devices)) with its VFs, and for each VF its
    C(consumer), the jail, bhyve VM, network namespace, vfio user or host that has it.
  - Reads only; it changes nothing on the host.
version_added: 0.1.0
author:
  - iovc developers (@iovc)
requirements:
  - iovc 0.1.0 or newer on the managed host (C(iovc status --format json))
options:
  devices:
    description:
      - The PFs to report (names or PCI addresses as C(iovc status) takes them); by default all.
    type: list
    elements: str
    default: []
  backend:
    description:
      - C(freebsd) or C(linux); by default the host's own.
    type: str
    choices: [freebsd, linux]
  iovc:
    description:
      - The iovc executable; by default C(iovc) on C(PATH) or in C(/usr/local/bin).
    type: path
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.facts
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  facts:
    support: full
  platform:
    platforms: [freebsd, linux]
seealso:
  - module: iovc.sriov.iovc_config
'''

EXAMPLES = r'''
- name: Read the SR-IOV state
  iovc.sriov.iovc_facts:

- name: Which VFs of ixl0 a bhyve VM holds
  ansible.builtin.debug:
    msg: "{{ item.index }} {{ item.consumer.name }}"
  loop: "{{ (ansible_facts.iovc_pfs | selectattr('device', 'eq', 'ixl0') | first).vfs }}"
  when: item.consumer.kind == 'bhyve'
'''

RETURN = r'''
ansible_facts:
  description: The facts set.
  returned: always
  type: dict
  contains:
    iovc_pfs:
      description:
        - The PFs as C(iovc status --format json) prints them (its C(pfs)), each with C(device),
          C(pci), C(driver), C(num_vfs), C(total_vfs) and C(vfs).
        - Each VF has C(index), C(pci), C(driver), C(netdev), C(mac), C(vlan), C(spoofchk),
          C(trust) and C(consumer) (C(kind) host, netns, vfio, jail or bhyve, C(name), C(pid)).
      type: list
      elements: dict
      sample: [{"device": "ixl0", "pci": "pci0:1:0:0", "driver": "ixl", "num_vfs": 2, "total_vfs": 64,
                "vfs": [{"index": 0, "pci": "pci0:1:0:16", "driver": "iavf0", "netdev": "iavf0",
                         "mac": "02:00:00:0a:00:01", "vlan": null, "spoofchk": true, "trust": false,
                         "consumer": {"kind": "jail", "name": "desk", "pid": null}}]}]
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.iovc.sriov.plugins.module_utils.iovc import IovcError, run_json


def main():
    module = AnsibleModule(
        argument_spec=dict(
            devices=dict(type='list', elements='str', default=[]),
            backend=dict(type='str', choices=['freebsd', 'linux']),
            iovc=dict(type='path'),
        ),
        supports_check_mode=True,
    )
    args = ['--backend', module.params['backend']] if module.params['backend'] else []
    try:
        dummy, doc, err = run_json(module, 'status', args + module.params['devices'])
    except IovcError as e:
        module.fail_json(msg=e.msg, **e.details)
    if doc.get('error'):
        module.fail_json(msg='iovc status: %s' % doc['error'], result=doc)
    module.exit_json(changed=False, ansible_facts=dict(iovc_pfs=doc.get('pfs') or []))


if __name__ == '__main__':
    main()
