#!/usr/bin/env python3
"""Error findings of real documents against what is known of them.

usage: check-wild-errors.py KNOWN_TSV SHAPE OUT_DIR [ID...]

KNOWN_TSV is tests/corpus/wild/errors.tsv: id, shape (text | layout), the
number of error findings the pipeline reports today, and why (a defect
checked by hand, or a misread not yet mended). Every document of OUT_DIR
(the default pipeline's <id>.json) not listed must have no error finding;
a listed one no more than its number. Prints one line per document over
its number and exits 1 if there is any; a document under its number is
reported so that the number can be lowered (the file only ever shrinks). IDs: only these
documents (default: every one in OUT_DIR).
"""
import glob, json, os, sys


def known(path, shape):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if cells[0] != "id" and cells[1] == shape:
                out[cells[0]] = int(cells[2])
    return out


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    allowed = known(argv[1], argv[2])
    bad = 0
    paths = ([os.path.join(argv[3], i + ".json") for i in argv[4:]]
             or sorted(glob.glob(os.path.join(argv[3], "*.json"))))
    for path in paths:
        doc = os.path.basename(path)[:-5]
        with open(path, encoding="utf-8") as f:
            findings = json.load(f).get("findings", [])
        errors = [x for x in findings if x.get("severity") == "error"]
        limit = allowed.get(doc, 0)
        if len(errors) > limit:
            bad += 1
            print("%s (%s): %d error findings, known %d" % (doc, argv[2], len(errors), limit))
            for x in errors:
                print("  line %s %s: %s" % (x.get("line"), x.get("rule"), x.get("message", "")[:160]))
        elif len(errors) < limit:
            print("%s (%s): %d error findings, fewer than the %d known: lower it"
                  % (doc, argv[2], len(errors), limit))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
