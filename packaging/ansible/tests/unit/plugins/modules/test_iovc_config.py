# -*- coding: utf-8 -*-
# Copyright: the iovc developers

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

DEVICE_COMMANDS = {'plan', 'diff', 'apply', 'delete', 'status'}


def test_checked_clean_file_changes_nothing_and_touches_no_device(host):
    r = host.run('iovc_config', path=host.path('eth0.conf'), state='checked')
    assert not r.get('failed') and r['changed'] is False
    assert r['diagnostics'] == []
    assert host.commands() == ['check']
    assert host.calls()[0]['argv'][:5] == ['check', '--format', 'json', '--color', 'never']


def test_checked_broken_file_fails_with_code_line_and_message(host):
    r = host.run('iovc_config', path=host.path('mistakes.conf'), state='checked')
    assert r['failed']
    errors = [d for d in r['diagnostics'] if d['severity'] == 'error']
    assert {'code': 'IOV201', 'line': 6, 'column': 19} == dict((k, errors[0][k]) for k in ('code', 'line', 'column'))
    assert '`//` does not start a comment' in errors[0]['message']
    assert 'nothing was applied' in r['msg'] and ':6:19: error:' in r['msg'] and '[IOV201]' in r['msg']
    # the warning (num_vfs = 2.9) is reported, but is not one of the problems that failed the task
    assert any(d['code'] == 'IOV220' and d['severity'] == 'warning' for d in r['diagnostics'])
    assert '[IOV220]' not in r['msg']


def test_broken_file_fails_before_the_device_is_touched(host):
    for check_mode in (False, True):
        r = host.run('iovc_config', path=host.path('mistakes.conf'), check_mode=check_mode, diff=True)
        assert r['failed'] and r['rc'] == 1
    assert host.commands() == ['check', 'check']
    assert host.state == 'initial'


def test_check_mode_reports_the_plan_and_changes_nothing(host):
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True)
    assert not r.get('failed')
    assert r['changed'] is True
    assert r['device'] == 'eth0'
    assert r['plan'][0] == {'vf': None, 'parameter': 'num_vfs', 'comment': 'create 4 VFs',
                            'command': 'echo 4 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs'}
    assert r['plan'][1]['command'] == 'ip link set dev eth0 vf 0 mac 02:00:00:00:00:01' and len(r['plan']) == 15
    assert host.commands() == ['check', 'plan']
    assert host.state == 'initial'


def test_diff_mode_shows_the_device_before_and_the_file_after(host):
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True, diff=True)
    assert r['diff']['before'] == 'PF num_vfs: 0\n'
    assert r['diff']['after'] == 'PF num_vfs: 4\n'
    assert r['diff']['before_header'] == 'device eth0 (live)'
    assert r['diff']['after_header'] == host.path('eth0.conf')
    assert r['differences'] == [{'vf': None, 'parameter': 'num_vfs', 'file': '4', 'live': '0'}]
    assert set(host.commands()) == {'check', 'diff', 'plan'}
    assert host.state == 'initial'


def test_apply_then_apply_again_is_changed_then_not(host):
    first = host.run('iovc_config', path=host.path('eth0.conf'), diff=True)
    assert not first.get('failed')
    assert first['changed'] is True and first['verified'] is True and first['rolled_back'] is False
    assert first['result']['device'] == 'eth0' and first['result']['command'] == 'apply'
    assert first['diff']['after'] != first['diff']['before']
    assert host.state == 'applied'
    second = host.run('iovc_config', path=host.path('eth0.conf'), diff=True)
    assert not second.get('failed')
    assert second['changed'] is False and second['verified'] is True
    assert second['diff']['before'] == second['diff']['after'] == ''
    planned = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True)
    assert planned['changed'] is False and planned['plan'] == []
    applies = [c for c in host.calls() if c['command'] == 'apply']
    assert len(applies) == 2
    assert applies[0]['argv'][:4] == ['compile', '--apply', '--format', 'json']


def test_failed_apply_fails_the_task_and_says_it_was_rolled_back(make_host):
    host = make_host('failing')
    r = host.run('iovc_config', path=host.path('eth0.conf'))
    assert r['failed']
    assert r['rolled_back'] is True and r['verified'] is False and r['changed'] is False
    assert 'VF-2 spoofchk' in r['msg'] and 'rolled back' in r['msg']
    assert r['rc'] == 71


def test_another_json_version_is_refused(make_host):
    host = make_host('future')
    r = host.run('iovc_config', path=host.path('eth0.conf'))
    assert r['failed'] and 'JSON version 2' in r['msg'] and 'reads version 1' in r['msg']
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True)
    assert r['failed'] and 'JSON version 2' in r['msg']


def test_absent_deletes_once_then_reports_no_change(host):
    host.run('iovc_config', path=host.path('eth0.conf'))
    assert host.state == 'applied'
    planned = host.run('iovc_config', path=host.path('eth0.conf'), state='absent', check_mode=True, diff=True)
    assert planned['changed'] is True and host.state == 'applied'
    assert host.commands()[2:] == ['check', 'plan', 'status']
    assert planned['diff']['before'].startswith('VF-0 eth0v0 driver (none) used by netns blue\nVF-1 eth0v1 driver (none)\n')
    assert 'VF-3 eth0v3 driver (none) used by vfio qemu-system-x86\n' in planned['diff']['before']
    assert planned['diff']['after'] == ''
    deleted = host.run('iovc_config', path=host.path('eth0.conf'), state='absent', force=True)
    assert deleted['changed'] is True and deleted['verified'] is True and host.state == 'initial'
    delete = [c for c in host.calls() if c['command'] == 'delete'][0]
    assert '--if-exists' in delete['argv'] and '--force' in delete['argv']
    assert delete['argv'][-2:] == ['-f', host.path('eth0.conf')]
    again = host.run('iovc_config', path=host.path('eth0.conf'), state='absent')
    assert again['changed'] is False
    planned = host.run('iovc_config', path=host.path('eth0.conf'), state='absent', check_mode=True)
    assert planned['changed'] is False


def test_inline_content_is_checked_and_applied_from_a_temporary_file(host):
    with open(host.path('eth0.conf')) as f:
        content = f.read()
    r = host.run('iovc_config', content=content, driver='netdevsim', backend='linux')
    assert not r.get('failed') and r['changed'] is True
    calls = host.calls()
    assert [c['command'] for c in calls] == ['check', 'apply']
    assert calls[0]['content'] == content and calls[1]['content'] == content
    assert calls[0]['path'].endswith('.conf') and calls[0]['path'] == calls[1]['path']
    assert ['--driver', 'netdevsim'] == calls[0]['argv'][5:7]
    assert '--backend' in calls[1]['argv'] and 'linux' in calls[1]['argv']
    assert not os.path.exists(calls[0]['path'])


def test_path_and_content_are_exclusive(host):
    r = host.run('iovc_config', path=host.path('eth0.conf'), content='PF {}')
    assert r['failed'] and 'mutually exclusive' in r['msg']
    assert host.calls() == []


def test_warnings_pass_unless_strict(host):
    r = host.run('iovc_config', path=host.path('warn.conf'), state='checked')
    assert not r.get('failed') and r['diagnostics'][0]['code'] == 'IOV220'
    assert '--strict' not in host.calls()[0]['argv']
    r = host.run('iovc_config', path=host.path('warn.conf'), state='checked', strict=True)
    assert '--strict' in host.calls()[1]['argv']


def test_a_file_no_plugin_can_check_fails_checked_and_warns_for_present(host):
    r = host.run('iovc_config', path=host.path('nsim-a.conf'), state='checked')
    assert r['failed'] and 'cannot be checked offline' in r['msg'] and r['rc'] == 3
    assert r['diagnostics'][0]['code'] == 'IOV005'
    r = host.run('iovc_config', path=host.path('nsim-a.conf'))
    assert not r.get('failed') and r['changed'] is True
    assert any('the check against the running kernel decides' in w for w in r['warnings'])


def test_a_missing_iovc_fails_clearly(host):
    r = host.run('iovc_config', path=host.path('eth0.conf'), iovc=host.path('no-such-iovc'))
    assert r['failed']
    assert 'no-such-iovc' in r['msg']


def test_a_plan_without_an_answer_fails_with_its_error(make_host):
    host = make_host('nopf')
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True)
    assert r['failed'] and r['msg'] == 'iovc plan: there is no network interface or PCI device called `eth0` on this host'
    assert r['iovc_json']['changes'] is None
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True, diff=True)
    assert r['failed'] and r['msg'] == 'iovc diff: there is no network interface or PCI device called `eth0` on this host'
    assert host.state == 'initial'


def test_pending_steps_are_shown_after_the_file(make_host):
    host = make_host('pending')
    r = host.run('iovc_config', path=host.path('eth0.conf'), check_mode=True, diff=True)
    assert not r.get('failed') and r['changed'] is True
    assert r['diff']['before'] == ''
    assert r['diff']['after'] == 'pending: echo 0000:00:03.1 > /sys/bus/pci/drivers/vfio-pci/bind\n'
