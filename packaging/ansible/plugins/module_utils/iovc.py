# -*- coding: utf-8 -*-
# Copyright: the iovc developers
"""Runs iovc on the managed host and reads its machine output.

Every operations command prints one JSON object with "version": 1 (the contract in the
iovc repository's operations issue: status, plan, diff, compile --apply, delete); iovc check
--format json prints an array of diagnostics. Nothing here parses human output.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

JSON_VERSION = 1


class IovcError(Exception):
    """iovc could not be run, or printed something that is not its JSON."""

    def __init__(self, msg, **details):
        super(IovcError, self).__init__(msg)
        self.msg = msg
        self.details = details


def iovc_path(module):
    """The iovc option, else iovc on PATH (or in /usr/local/bin, FreeBSD's ports)."""
    if module.params.get('iovc'):
        return module.params['iovc']
    return module.get_bin_path('iovc', required=True, opt_dirs=['/usr/local/bin'])


def run(module, args):
    """Runs iovc ARGS without a shell; returns (rc, stdout, stderr)."""
    argv = [iovc_path(module)] + list(args)
    return module.run_command(argv, environ_update={'NO_COLOR': '1'})


def parse(rc, out, err, command, versioned=True):
    """The JSON iovc printed for COMMAND; IovcError when there is none or it is another version."""
    try:
        doc = json.loads(out)
    except ValueError:
        raise IovcError('iovc %s printed no JSON (exit %d): %s' % (command, rc, (err or out).strip()),
                        rc=rc, stdout=out, stderr=err)
    if versioned:
        if not isinstance(doc, dict):
            raise IovcError('iovc %s printed JSON that is not an object' % command, rc=rc, stdout=out, stderr=err)
        if doc.get('version') != JSON_VERSION:
            raise IovcError('iovc %s printed JSON version %s; this collection reads version %d'
                            % (command, doc.get('version'), JSON_VERSION), rc=rc, stdout=out, stderr=err)
    return doc


def run_json(module, command, args, ok=(0,)):
    """Runs iovc COMMAND ARGS --format json; returns (rc, document, stderr). IovcError when there
    is no document, or rc is not in OK and the document has no error of its own to tell."""
    rc, out, err = run(module, command.split() + ['--format', 'json'] + list(args))
    doc = parse(rc, out, err, command)
    if rc not in ok and not doc.get('error'):
        raise IovcError('iovc %s exited %d: %s' % (command, rc, err.strip()), rc=rc, stdout=out, stderr=err)
    return rc, doc, err


def no_answer(doc, command, key):
    """IovcError when COMMAND's document has no KEY (null) because iovc could not answer: its
    error (the PF is not there, the file has errors) says why."""
    if doc.get(key) is None:
        raise IovcError('iovc %s: %s' % (command, doc.get('error') or 'no %s in its JSON' % key), iovc_json=doc)


def diagnostics(doc):
    """The diagnostics of iovc check --format json, each reduced to what a task result needs."""
    items = doc if isinstance(doc, list) else doc.get('diagnostics', [])
    result = []
    for d in items:
        one = dict((k, d.get(k)) for k in ('file', 'line', 'column', 'severity', 'code', 'message'))
        if d.get('help'):
            one['help'] = d['help']
        result.append(one)
    return result


def summary(diags):
    """file:line:column: severity: message [code], one per line, for a task's msg."""
    return '\n'.join('%s:%s:%s: %s: %s [%s]' % (d['file'], d['line'], d['column'], d['severity'], d['message'], d['code'])
                     for d in diags)


def check(module, path, driver=None, strict=False):
    """iovc check --format json PATH; returns (rc, diagnostics, stderr). rc 0 clean, 1 errors,
    3 unreadable or no offline schema."""
    args = ['check', '--format', 'json', '--color', 'never']
    if strict:
        args.append('--strict')
    if driver:
        args += ['--driver', driver]
    rc, out, err = run(module, args + [path])
    if rc not in (0, 1, 3):
        raise IovcError('iovc check exited %d: %s' % (rc, err.strip()), rc=rc, stdout=out, stderr=err)
    if rc == 3 and not out.strip():
        return rc, [], err
    return rc, diagnostics(parse(rc, out, err, 'check', versioned=False)), err


def value(v):
    """A value of iovc's JSON as a line of text."""
    if v is None:
        return '(none)'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, float, str)):
        return str(v)
    return json.dumps(v, sort_keys=True)


def vf_label(vf):
    """VF-N for an index, the text for a name, PF for none (a parameter of the PF)."""
    if vf is None:
        return 'PF'
    if isinstance(vf, int) and not isinstance(vf, bool):
        return 'VF-%d' % vf
    return str(vf)
