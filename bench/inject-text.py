#!/usr/bin/env python3
"""Injected figures for plain `pdftotext` text (no -layout), run by hand.

    bench/inject-text.py TEXT_DIR DEST_DIR [--per-doc N] [--seed S]

`wildcheck inject` changes figures in -layout text only: a line that opens
with a classification code (3, 5 or 7 digits) and carries the row's figures.
Plain text breaks such a row into a line per cell, so here a row is a line
that opens with a code, its first figure on that line after the code or,
failing that, the first line within the next six that is a figure alone.
Figures under a performance table's title (绩效目标表, 绩效自评表: the
last line before the figure that is a title ending in 表 and naming a
budget word (预算, 收支, 支出, 收入, 经费, 绩效) names 绩效: "利用量数据表"
inside a form is no title) are
left alone: their 3-digit numbers (指标值 "100", "304") are no codes and
their figures no budget table's, which the readers never check.
That figure (at least 10 of its unit) is raised by 10 units, as `wildcheck
inject` does (same digit count, thousands separators kept), N changed copies
per document, and DEST_DIR/injections.json is written in wildcheck's format,
so `wildcheck flagged BASE_OUT INJ_OUT DEST_DIR/injections.json` scores it.
"""
import argparse, json, os, random, re

CODE = re.compile(r"^\s*(\d{3}|\d{5}|\d{7})(?:\s+\S.*)?$")
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d])")
ALONE = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})\s*$")
LOOKAHEAD = 6
TITLE = re.compile(r"^\s*\S.{0,58}表\s*$")
TITLE_WORDS = re.compile(r"预算|收支|支出|收入|经费|绩效")


def performance_lines(lines):
    """Indexes of the lines under a performance table's title."""
    under, out = False, set()
    for n, line in enumerate(lines):
        if TITLE.match(line) and TITLE_WORDS.search(line) and not CODE.match(line):
            under = "绩效" in line
        if under:
            out.add(n)
    return out


def bump(token_int, token_dec):
    value = int(token_int.replace(",", "")) + 10
    text = "{:,}".format(value) if "," in token_int else str(value)
    return text + "." + token_dec


def candidate(lines, n):
    """(line index, start, end, old) of the row figure for the code at N."""
    code = CODE.match(lines[n])
    m = AMOUNT.search(lines[n], code.end(1))
    if m:
        return n, m
    for j in range(n + 1, min(n + 1 + LOOKAHEAD, len(lines))):
        if CODE.match(lines[j]):
            return None
        m = ALONE.match(lines[j])
        if m:
            return j, AMOUNT.search(lines[j])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text_dir")
    ap.add_argument("dest")
    ap.add_argument("--per-doc", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.dest, exist_ok=True)
    injections = {}
    for name in sorted(os.listdir(a.text_dir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(a.text_dir, name), encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
        cands, seen = [], set()
        performance = performance_lines(lines)
        for n, line in enumerate(lines):
            if not CODE.match(line):
                continue
            c = candidate(lines, n)
            if not c or c[0] in seen or c[0] in performance:
                continue
            j, m = c
            if int(m.group(1).replace(",", "")) < 10:
                continue
            new = bump(m.group(1), m.group(2))
            if len(new) == len(m.group(0)):
                seen.add(j)
                cands.append((j, m.start(), m.end(), m.group(0), new))
        for k, (n, s, e, old, new) in enumerate(rng.sample(cands, min(a.per_doc, len(cands)))):
            changed = list(lines)
            changed[n] = lines[n][:s] + new + lines[n][e:]
            out_name = "%s~i%d" % (name[:-4], k + 1)
            with open(os.path.join(a.dest, out_name + ".txt"), "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                f.write("\n".join(changed))
            injections[out_name] = {"base": name[:-4], "line": n + 1, "old": old, "new": new}
    with open(os.path.join(a.dest, "injections.json"), "w", encoding="utf-8") as f:
        json.dump(injections, f, ensure_ascii=False, indent=1)
    print("inject-text: %d changed documents in %s" % (len(injections), a.dest))


if __name__ == "__main__":
    main()
