#!/usr/bin/env python3
"""Document metadata of real documents against their hand-read index.

usage: check-wild-meta.py INDEX_TSV OUT_DIR [ID...]

INDEX_TSV is tests/corpus/wild/index.tsv (columns as in the wild corpus:
id, kind, year, city, district, department, table_unit, ...); OUT_DIR holds
the default pipeline's <id>.json. For each ID (default: every row) prints
one line per wrong or missing key and exits 1 if there is any. The unit is
checked only where the index gives one unit (元 or 万元), not "mixed".
Names compare with full-width brackets as half-width and spaces removed.
"""
import json, os, sys


def norm(v):
    if v is None:
        return ""
    return str(v).strip().translate(str.maketrans({"（": "(", "）": ")", "\u3000": "", " ": ""}))


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip() and not line.startswith("#"):
                cells = line.rstrip("\n").split("\t")
                yield dict(zip(header, cells + [""] * (len(header) - len(cells))))


def wrong_keys(doc, row):
    wrong = []
    for key, column in (("kind", "kind"), ("year", "year"), ("city", "city"),
                        ("district", "district"), ("department", "department"),
                        ("unit", "table_unit")):
        want = row[column]
        if key == "unit" and want not in ("元", "万元"):
            continue
        have = doc.get(key)
        if norm(have) != norm(want):
            wrong.append("%s: %r, index %r" % (key, have, want))
    return wrong


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    index, out, ids = argv[1], argv[2], set(argv[3:])
    bad = checked = 0
    for row in rows(index):
        if ids and row["id"] not in ids:
            continue
        checked += 1
        path = os.path.join(out, row["id"] + ".json")
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f).get("doc", {})
        except (OSError, ValueError) as e:
            print("%s: no output (%s)" % (row["id"], e))
            bad += 1
            continue
        for w in wrong_keys(doc, row):
            print("%s: %s" % (row["id"], w))
            bad += 1
    if checked == 0 or (ids and checked != len(ids)):
        print("no index row for some of the documents asked")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
