# -*- coding: utf-8 -*-
# Copyright: the iovc developers
"""Runs the collection's modules as Ansible runs them, a Python process reading its arguments
on standard input, against the fake iovc (tests/unit/fake/iovc) and its recordings."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import subprocess
import sys

import pytest

UNIT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTION = os.path.dirname(os.path.dirname(UNIT))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
FIXTURES = os.path.join(UNIT, 'fixtures')
FAKE = os.path.join(UNIT, 'fake', 'iovc')


class Host(object):
    """A managed host: a directory with the configuration files, the fake iovc's state and log."""

    def __init__(self, tmp, scenario):
        self.dir = str(tmp)
        self.scenario = scenario
        for f in os.listdir(os.path.join(FIXTURES, 'files')):
            shutil.copy(os.path.join(FIXTURES, 'files', f), self.dir)
        self.log = os.path.join(self.dir, 'iovc.log')
        self.state_file = os.path.join(self.dir, 'state')
        os.mkdir(os.path.join(self.dir, 'remote_tmp'))

    def path(self, name):
        return os.path.join(self.dir, name)

    @property
    def state(self):
        if not os.path.exists(self.state_file):
            return 'initial'
        with open(self.state_file) as f:
            return f.read().strip()

    def calls(self):
        """The iovc runs so far: dicts with argv, command, path and the file's content."""
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def commands(self):
        return [c['command'] for c in self.calls()]

    def run(self, module, check_mode=False, diff=False, **args):
        args.setdefault('iovc', FAKE)
        args.update(_ansible_check_mode=check_mode, _ansible_diff=diff,
                    _ansible_remote_tmp=os.path.join(self.dir, 'remote_tmp'), _ansible_keep_remote_files=False)
        env = dict(os.environ, FAKE_IOVC_DIR=os.path.join(FIXTURES, self.scenario), FAKE_IOVC_LOG=self.log,
                   FAKE_IOVC_STATE=self.state_file,
                   PYTHONPATH=os.pathsep.join([COLLECTIONS_ROOT] + [p for p in sys.path if p]))
        p = subprocess.Popen([sys.executable, '-m', 'ansible_collections.iovc.sriov.plugins.modules.' + module],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, universal_newlines=True)
        out, err = p.communicate(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
        try:
            result = json.loads(out)
        except ValueError:
            raise AssertionError('module %s printed no JSON (exit %d):\n%s\n%s' % (module, p.returncode, out, err))
        assert (p.returncode != 0) == bool(result.get('failed')), (p.returncode, result)
        return result


@pytest.fixture
def host(tmp_path):
    return Host(tmp_path, 'nsim')


@pytest.fixture
def make_host(tmp_path):
    return lambda scenario: Host(tmp_path, scenario)
