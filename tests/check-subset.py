#!/usr/bin/env python3
"""check-subset.py EXPECTED.json ACTUAL.json: every fact in EXPECTED must be
in ACTUAL. Objects: each expected key must be present with a matching value;
a key "NAME#len" says ACTUAL's NAME list has that many items. Lists: item i of
the expected list must match item i of the actual one (a prefix). Prints every
difference with its path; exit 1 if there is any."""
import json
import sys


def compare(exp, act, path, out):
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            out.append(f"{path}: expected an object, got {act!r}")
            return
        for k, v in exp.items():
            if k.endswith("#len"):
                name = k[:-4]
                n = len(act.get(name, []))
                if n != v:
                    out.append(f"{path}.{name}: {n} items, expected {v}")
            elif k not in act:
                out.append(f"{path}.{k}: missing (expected {v!r})")
            else:
                compare(v, act[k], f"{path}.{k}", out)
    elif isinstance(exp, list):
        if not isinstance(act, list) or len(act) < len(exp):
            out.append(f"{path}: expected at least {len(exp)} items, got {act!r}")
            return
        for i, v in enumerate(exp):
            compare(v, act[i], f"{path}[{i}]", out)
    elif exp != act:
        out.append(f"{path}: {act!r}, expected {exp!r}")


def main():
    exp, act = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
    out = []
    compare(exp, act, "", out)
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
