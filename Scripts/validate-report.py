#!/usr/bin/env python3
"""Validate Undertone reports against report.schema.json.

Usage: validate-report.py SCHEMA REPORT.json [REPORT.json ...]
Prints one line per invalid report (file, JSON path, reason) and exits 1 if any is invalid.
Used by the test suite; needs python3-jsonschema (Debian) or `pip install jsonschema`.
"""
import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            report = json.load(f)
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}")
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
