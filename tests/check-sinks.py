#!/usr/bin/env python3
"""Cross-checks the csv, sqlite and report sinks against the json sink.

usage: check-sinks.py OUTDIR

OUTDIR holds one <stem>.json per document (json sink), fields.csv, rows.csv,
findings.csv (csv sink), budget.sqlite (sqlite sink) and report/ (report
sink). Every fact in the JSON must be in each other output with the same
value: same documents, same fields (key, value, line), same findings, same
table figures, and every finding's message in the document's HTML page.
Exits 1 with one line per disagreement.
"""
import collections
import csv
import decimal
import glob
import json
import os
import re
import sqlite3
import sys
import unicodedata
import xml.etree.ElementTree as ET

FIGURE = re.compile(r"^[-+]?\d+(\.\d+)?$")
problems = []


def problem(msg):
    problems.append(msg)


def figure(text, unit):
    """Yuan with two decimals for a money cell, None when it is not one
    (independent of the C parser: NFKC, no separators, 万元 scaled)."""
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":   # accounting negative
        t = "-" + t[1:-1]
    if not FIGURE.match(t):
        return None
    value = decimal.Decimal(t) * (10000 if unit == "万元" else 1)
    return str(value.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP))


def is_code(text):
    """A functional (2xx, 5 or 7 digits) or economic (3xx, 5 digits) code."""
    t = unicodedata.normalize("NFKC", text).strip()
    return re.fullmatch(r"2(\d{2}|\d{4}|\d{6})|3(\d{2}|\d{4})", t) is not None


def column_label_parts(header, col):
    """The header cells above COL, top first; an upper row's merged cell
    spans to the right (as bp_table_column_label reads it)."""
    parts = []
    for h, hrow in enumerate(header):
        upper = h + 1 < len(header)
        c = min(col, len(hrow) - 1)
        while upper and c > 0 and not hrow[c].strip():
            c -= 1
        if 0 <= c < len(hrow) and (upper or col < len(hrow)):
            part = "".join(hrow[c].split())
            if part:
                parts.append(part)
    return parts


def is_code_column(header, col):
    parts = column_label_parts(header, col)
    return (any("编码" in p or "代码" in p for p in parts)
            or any(p in ("类", "款", "项") for p in parts))


def table_figures(doc):
    """Sorted yuan figures of every table cell except classification codes
    (the row's code, a column headed 类/款/项 or …编码)."""
    out = []
    for t in doc.get("tables", []):
        header = t.get("header") or []
        for row in t.get("rows", []):
            cells = row["cells"]
            for col, cell in enumerate(cells):
                if (col == 0 and is_code(cell)) or is_code_column(header, col):
                    continue
                f = figure(cell, t.get("unit") or "元")
                if f is not None:
                    out.append(f)
    return sorted(out)


def field_tuples(doc):
    return sorted((k, str(v["value"]), int(v["line"])) for k, v in doc.get("fields", {}).items())


def finding_tuples(doc):
    return sorted((f["rule"], f["severity"], int(f["line"]), f["message"])
                  for f in doc.get("findings", []))


def check_csv(outdir, docs):
    def read(name):
        with open(os.path.join(outdir, name), newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    fields, rows, findings = (collections.defaultdict(list) for _ in range(3))
    for r in read("fields.csv"):
        fields[r["document"]].append((r["key"], r["value"], int(r["line"])))
    for r in read("rows.csv"):
        f = figure(r["value"], "元")
        if f is not None:
            rows[r["document"]].append(f)
            if r["unit"] != "元" or r["text"]:
                problem(f"rows.csv {r['document']} line {r['row_line']}: a figure with unit {r['unit']!r}, text {r['text']!r}")
        elif r["value"] or not r["text"]:
            problem(f"rows.csv {r['document']} line {r['row_line']}: value {r['value']!r} is no figure, text {r['text']!r}")
    for name in ("fields.csv", "rows.csv", "findings.csv"):
        for r in read(name):
            meta = docs.get(r["document"], {}).get("doc", {})
            want = (meta.get("kind") or "", str(meta.get("year") or ""), meta.get("district") or "",
                    meta.get("department") or "")
            if (r["kind"], r["year"], r["district"], r["department"]) != want:
                problem(f"{name} {r['document']}: document columns {r['kind'], r['year'], r['district'], r['department']} differ from the JSON {want}")
                break
    for r in read("findings.csv"):
        findings[r["document"]].append((r["rule"], r["severity"], int(r["line"]), r["message"]))
    if set(fields) - set(docs):
        problem(f"fields.csv: documents not in the JSON: {sorted(set(fields) - set(docs))}")
    for stem, doc in docs.items():
        if sorted(fields[stem]) != field_tuples(doc):
            problem(f"fields.csv {stem}: {len(fields[stem])} fields differ from the JSON's {len(doc['fields'])}")
        if sorted(rows[stem]) != table_figures(doc):
            problem(f"rows.csv {stem}: figures differ from the JSON tables ({len(rows[stem])} vs {len(table_figures(doc))})")
        if sorted(findings[stem]) != finding_tuples(doc):
            problem(f"findings.csv {stem}: findings differ from the JSON")


def yuan(fen):
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def check_sqlite(outdir, docs):
    db = sqlite3.connect(os.path.join(outdir, "budget.sqlite"))
    n = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    if n != len(docs):
        problem(f"sqlite: {n} documents, {len(docs)} JSON files (duplicates?)")
    for stem, doc in docs.items():
        row = db.execute("SELECT id, kind, year, department FROM documents WHERE sha256 = ?",
                         (doc["source"]["sha256"],)).fetchall()
        if len(row) != 1:
            problem(f"sqlite {stem}: {len(row)} documents rows for its sha256")
            continue
        doc_id, kind, year, department = row[0]
        meta = doc.get("doc", {})
        if (kind, year, department) != (meta.get("kind"), meta.get("year"), meta.get("department")):
            problem(f"sqlite {stem}: metadata {(kind, year, department)} differs")
        got = sorted((k, yuan(v) if kind_ == "money" else str(v), line) for k, kind_, v, line in
                     db.execute("SELECT key, kind, value, line FROM fields WHERE document_id = ?", (doc_id,)))
        if got != field_tuples(doc):
            problem(f"sqlite {stem}: fields differ from the JSON")
        got = sorted((r, s, line, m) for r, s, line, m in db.execute(
            "SELECT rule, severity, line, message FROM findings WHERE document_id = ?", (doc_id,)))
        if got != finding_tuples(doc):
            problem(f"sqlite {stem}: findings differ from the JSON")
        counts = db.execute(
            "SELECT (SELECT count(*) FROM tables WHERE document_id = ?1),"
            " (SELECT count(*) FROM table_rows r JOIN tables t ON t.id = r.table_ref WHERE t.document_id = ?1),"
            " (SELECT count(*) FROM classification WHERE document_id = ?1)", (doc_id,)).fetchone()
        cls = doc.get("classification", {})
        want = (len(doc.get("tables", [])), sum(len(t.get("rows", [])) for t in doc.get("tables", [])),
                len(cls.get("function", [])) + len(cls.get("economic", [])))
        if counts != want:
            problem(f"sqlite {stem}: tables/rows/classification {counts}, JSON {want}")
        amounts = sorted(yuan(a) for a, col, code in db.execute(
            "SELECT c.amount, c.col, r.code FROM cells c JOIN table_rows r ON r.id = c.row_ref"
            " JOIN tables t ON t.id = r.table_ref WHERE t.document_id = ? AND c.amount IS NOT NULL",
            (doc_id,)) if not (col == 0 and code))
        if amounts != table_figures(doc):
            problem(f"sqlite {stem}: cell figures differ from the JSON tables "
                    f"({len(amounts)} vs {len(table_figures(doc))})")
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problem(f"sqlite: foreign key violations {fk[:5]}")


def text_of(path):
    tree = ET.parse(path)   # a strict XML parser: the page must be well-formed
    return "".join(tree.getroot().itertext())


def check_report(outdir, docs):
    index = text_of(os.path.join(outdir, "report", "index.html"))
    for stem, doc in docs.items():
        page = os.path.join(outdir, "report", stem + ".html")
        try:
            text = text_of(page)
        except (OSError, ET.ParseError) as e:
            problem(f"report {stem}: {e}")
            continue
        for f in doc.get("findings", []):
            if f["message"] not in text:
                problem(f"report {stem}: finding {f['rule']} line {f['line']} missing")
        department = doc.get("doc", {}).get("department")
        if department and department not in index:
            problem(f"report index: {department} missing")
        if not os.path.exists(os.path.join(outdir, "report", stem + ".md")):
            problem(f"report {stem}: no Markdown page")


def main():
    outdir = sys.argv[1]
    docs = {}
    for path in sorted(glob.glob(os.path.join(outdir, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            docs[os.path.basename(path)[:-5]] = json.load(fh)
    if not docs:
        problem(f"{outdir}: no JSON documents")
    check_csv(outdir, docs)
    check_sqlite(outdir, docs)
    check_report(outdir, docs)
    for p in problems:
        print(p, file=sys.stderr)
    n_findings = sum(len(d.get("findings", [])) for d in docs.values())
    print(f"{len(docs)} documents, {n_findings} findings: {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
