# -*- coding: utf-8 -*-
# Copyright: the iovc developers
"""Runs ansible-test (2.14, Debian's ansible-core) without the Python package index.

ansible-test sanity runs most tests in a virtual environment per test, made with venv and filled
by pip from the index with pinned requirements (pylint 2.15.5, voluptuous 0.13.1, ...). The index
is not reachable here. This runs ansible-test's own code unchanged but for two functions: the
virtual environments are made with the system's site packages (Debian's python3-* packages:
pylint, pycodestyle, yamllint, voluptuous, jinja2, yaml) and nothing is installed into them.
The tests then run with Debian's versions of those tools instead of the pinned ones.

    python3 tests/ansible-test-offline.py sanity --local --python 3.11 [--test NAME ...]
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import sys

from ansible_test._internal import main
from ansible_test._internal import test as results
from ansible_test._internal.commands import sanity

_create = sanity.create_virtual_environment


def create_with_system_packages(args, python, path, system_site_packages=False, pip=False):
    """venv --system-site-packages, without pip."""
    return _create(args, python, path, system_site_packages=True, pip=False)


def no_pip(args, python, commands, connection):
    """Installs nothing: the system's packages are the requirements."""


_write = results.TestResult.write
VERDICT = {'SanitySuccess': 'passed', 'SanitySkipped': 'skipped', 'SanityFailure': 'FAILED'}


def write_and_tell(self, args):
    """Also one line per test saying whether it ran: a test with no files to check is skipped."""
    _write(self, args)
    verdict = VERDICT.get(type(self).__name__, type(self).__name__)
    reason = getattr(self, 'reason', None) or ('no files it applies to' if verdict == 'skipped' else '')
    sys.stderr.write('sanity verdict: %s %s%s\n' % (self.test, verdict, ' (%s)' % reason if reason else ''))


sanity.create_virtual_environment = create_with_system_packages
sanity.run_pip = no_pip
results.TestResult.write = write_and_tell

if __name__ == '__main__':
    main(sys.argv)
