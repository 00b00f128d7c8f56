#!/usr/bin/env python3
"""validate-json.py SCHEMA DOCUMENT [SCHEMA DOCUMENT ...]: checks iovc's --format json documents
against their published JSON Schemas (compiler/src/main/resources/io/iovc/ops/*.schema.json, draft
2020-12) with python3-jsonschema (Debian's package; run.sh installs it). One run for all documents:
under emulation importing jsonschema costs tens of seconds. Prints `DOCUMENT: valid` or one
`DOCUMENT: /path: message` line per violation; exit 0 all valid, 1 one is invalid or not JSON, 3
when the validator itself is missing."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(3)

bad = False
args = sys.argv[1:]
for schema_path, doc_path in zip(args[0::2], args[1::2]):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        with open(doc_path, encoding="utf-8") as f:
            doc = json.load(f)
    except ValueError as e:
        print(f"{doc_path}: not JSON: {e}")
        bad = True
        continue
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path)
    )
    for e in errors:
        print(f"{doc_path}: /" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
    if not errors:
        print(f"{doc_path}: valid")
    bad = bad or bool(errors)
sys.exit(1 if bad else 0)
