# -*- coding: utf-8 -*-
# Copyright: the iovc developers

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from conftest import FIXTURES


def recorded(state):
    with open(os.path.join(FIXTURES, 'nsim', state, 'status.json')) as f:
        return json.load(f)['stdout']


def test_facts_are_the_pfs_of_iovc_status(host):
    r = host.run('iovc_facts', check_mode=True)
    assert not r.get('failed') and r['changed'] is False
    assert r['ansible_facts']['iovc_pfs'] == recorded('initial')['pfs']
    assert host.calls()[0]['argv'] == ['status', '--format', 'json']


def test_facts_carry_each_vf_and_its_consumer(host):
    host.run('iovc_config', path=host.path('eth0.conf'))
    r = host.run('iovc_facts', devices=['eth0'], backend='linux')
    pf = r['ansible_facts']['iovc_pfs'][0]
    assert (pf['device'], pf['num_vfs'], pf['total_vfs']) == ('eth0', 4, 8)
    assert pf['vfs'][0]['consumer'] == {'kind': 'netns', 'name': 'blue', 'pid': None, 'jid': None}
    assert pf['vfs'][3]['consumer'] == {'kind': 'vfio', 'name': 'qemu-system-x86', 'pid': 4242, 'jid': None}
    assert host.calls()[-1]['argv'] == ['status', '--format', 'json', '--backend', 'linux', 'eth0']


def test_facts_refuse_another_json_version(make_host):
    host = make_host('future')
    r = host.run('iovc_facts')
    assert r['failed'] and 'JSON version 2' in r['msg']
    assert 'ansible_facts' not in r
