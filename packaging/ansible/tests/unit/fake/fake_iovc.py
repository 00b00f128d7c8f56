# -*- coding: utf-8 -*-
"""A stand-in for iovc that prints recorded JSON, for the collection's tests.

It answers the commands the modules run (check, plan, diff, compile --apply, delete, status)
from a scenario directory ($FAKE_IOVC_DIR): check/<file name>.json for iovc check (none: a clean
file), <state>/<command>.json for the others, each {"rc": N, "stdout": JSON, "stderr": "...",
"next": "<state after it>"}. The device's state is a word kept in .fake-iovc-state beside the
configuration file (none: "initial"), so an apply moves it on and a second apply reads the
recording of the applied state ($FAKE_IOVC_STATE names another file, e.g. for status, which
has no file). Every run is appended to $FAKE_IOVC_LOG as one JSON line
(the arguments and the file's content), so that tests can tell which commands ran.
It insists on --format json: a module that forgot it fails.
"""

import json
import os
import sys


def main(argv):
    words = [a for a in argv if not a.startswith('-')]
    command = words[0] if words else ''
    if command == 'compile' and '--apply' in argv:
        command = 'apply'
    if command == 'delete':
        path = argv[argv.index('-f') + 1] if '-f' in argv else None
    elif command == 'status':
        path = None
    else:
        path = argv[-1]
    content = None
    if path is not None:
        try:
            with open(path) as f:
                content = f.read()
        except IOError as e:
            sys.stderr.write('iovc: %s: %s\n' % (path, e.strerror))
            return 3
    log = os.environ.get('FAKE_IOVC_LOG')
    if log:
        with open(log, 'a') as f:
            f.write(json.dumps({'argv': argv, 'command': command, 'path': path, 'content': content}) + '\n')
    fmt = argv[argv.index('--format') + 1] if '--format' in argv[:-1] else None
    if fmt != 'json':
        sys.stderr.write('fake iovc: %s without --format json\n' % command)
        return 2
    scenario = os.environ['FAKE_IOVC_DIR']
    if command == 'check':
        rec = os.path.join(scenario, 'check', os.path.basename(path) + '.json')
        if not os.path.exists(rec):
            sys.stdout.write('[]\n')
            return 0
        state_file = None
    else:
        state_file = os.environ.get('FAKE_IOVC_STATE')
        if state_file is None and path is not None:
            state_file = os.path.join(os.path.dirname(os.path.abspath(path)), '.fake-iovc-state')
        state = 'initial'
        if state_file and os.path.exists(state_file):
            with open(state_file) as f:
                state = f.read().strip()
        rec = os.path.join(scenario, state, command + '.json')
        if not os.path.exists(rec):
            sys.stderr.write('fake iovc: no recording %s\n' % rec)
            return 70
    with open(rec) as f:
        r = json.load(f)
    if r.get('stdout') is not None:
        sys.stdout.write(json.dumps(r['stdout'], indent=2) + '\n')
    sys.stderr.write(r.get('stderr', ''))
    if r.get('next') and state_file:
        with open(state_file, 'w') as f:
            f.write(r['next'])
    return r.get('rc', 0)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
