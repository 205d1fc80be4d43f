#!/usr/bin/env python3
"""fielddiff: per field key, how often two outputs of the same documents
(plain pdftotext text vs -layout text) disagree, and how.

usage: fielddiff.py OUT_A OUT_B [--key KEY] [--place PFX]
  summary per key: same, only-A, only-B, different value
  --key KEY: list the documents where KEY differs (value, line, table each side)
"""
import json, os, sys, collections

def load(d, i):
    try:
        with open(os.path.join(d, i + ".json"), encoding="utf-8") as f:
            return json.load(f).get("fields", {})
    except (OSError, ValueError):
        return {}

def main():
    args = sys.argv[1:]
    key = place = None
    if "--key" in args:
        k = args.index("--key"); key = args[k + 1]; del args[k:k + 2]
    if "--place" in args:
        k = args.index("--place"); place = args[k + 1]; del args[k:k + 2]
    a, b = args
    ids = sorted(f[:-5] for f in os.listdir(a) if f.endswith(".json") and os.path.exists(os.path.join(b, f)))
    if place:
        ids = [i for i in ids if i.startswith(place)]
    stat = collections.defaultdict(collections.Counter)
    for i in ids:
        fa, fb = load(a, i), load(b, i)
        for k in set(fa) | set(fb):
            va, vb = fa.get(k), fb.get(k)
            if va and vb and va["value"] == vb["value"]:
                stat[k]["same"] += 1; continue
            kind = "onlyA" if not vb else "onlyB" if not va else "diff"
            stat[k][kind] += 1
            if key == k:
                fmt = lambda v: "-" if not v else "%s@%s%s" % (v["value"], v.get("line"), "/" + v["table"] if v.get("table") else "")
                print("%-42s %-6s A %-32s B %s" % (i, kind, fmt(va), fmt(vb)))
    if key:
        return
    tot = collections.Counter()
    print("%-34s %5s %5s %5s %5s" % ("key", "same", "onlyA", "onlyB", "diff"))
    for k, c in sorted(stat.items(), key=lambda kv: -(kv[1]["onlyA"] + kv[1]["onlyB"] + kv[1]["diff"])):
        print("%-34s %5d %5d %5d %5d" % (k, c["same"], c["onlyA"], c["onlyB"], c["diff"]))
        tot.update(c)
    print("%-34s %5d %5d %5d %5d" % ("TOTAL", tot["same"], tot["onlyA"], tot["onlyB"], tot["diff"]))

main()
