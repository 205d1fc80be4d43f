#!/usr/bin/env python3
"""Checks budgetpipe JSON files against SCHEMA.md's structure.

usage: check-schema.py FILE.json...   (exit 0 when every file conforms)
"""
import json, re, sys

MONEY = re.compile(r"^-?\d+\.\d\d$")
KINDS = {"budget", "final_accounts"}
UNITS = {"元", "万元"}
CATEGORIES = {"arithmetic", "cross_table", "narrative", "classification",
              "completeness", "metadata", "text"}
SEVERITIES = {"error", "warning", "info"}
COUNT_KEYS = {"staffing.authorized", "staffing.actual", "staffing.retired",
              "vehicles.count"}
TABLE_TYPES = {"income_expense_summary", "income_summary", "expense_summary",
               "fiscal_summary", "general_budget_expense",
               "general_budget_expense_by_unit", "basic_expense", "three_public",
               "gov_fund_expense", "state_capital_expense", "project_expense",
               "procurement", "purchased_services", "asset_allocation",
               "performance_overall", "performance_project", "other"}


def need(cond, msg, errs):
    if not cond:
        errs.append(msg)


def check_doc(d, errs):
    need(d.get("schema") == "budgetpipe.document/1", "schema id", errs)
    src = d.get("source", {})
    for k, t in (("path", str), ("bytes", int), ("sha256", str)):
        need(isinstance(src.get(k), t), "source.%s" % k, errs)
    need(len(src.get("sha256", "")) == 64, "source.sha256 length", errs)
    p = d.get("pipeline", {})
    need(isinstance(p.get("name"), str) and isinstance(p.get("stages"), list),
         "pipeline name/stages", errs)
    doc = d.get("doc", {})
    need(isinstance(doc, dict), "doc object", errs)
    need(doc.get("kind", "budget") in KINDS, "doc.kind value", errs)
    need(isinstance(doc.get("year", 0), int), "doc.year int", errs)
    need(doc.get("unit", "元") in UNITS, "doc.unit value", errs)


def check_fields(fields, errs):
    for k, f in fields.items():
        v = f.get("value")
        if k in COUNT_KEYS:
            need(isinstance(v, int), "fields.%s count is int" % k, errs)
        else:
            need(isinstance(v, str) and MONEY.match(v), "fields.%s money %r" % (k, v), errs)
        need(isinstance(f.get("line"), int) and f["line"] > 0, "fields.%s line" % k, errs)


def check_tables(tables, errs):
    for t in tables:
        tid = t.get("id", "?")
        need(t.get("type") in TABLE_TYPES, "table %s type %r" % (tid, t.get("type")), errs)
        need(isinstance(t.get("line"), int) and t.get("end_line", 0) >= t.get("line", 0),
             "table %s lines" % tid, errs)
        need(isinstance(t.get("header"), list), "table %s header" % tid, errs)
        need(isinstance(t.get("empty"), bool), "table %s empty" % tid, errs)
        for r in t.get("rows", []):
            need(isinstance(r.get("line"), int) and isinstance(r.get("cells"), list),
                 "table %s row" % tid, errs)


def check_classification(c, errs):
    for kind, cols in (("function", ("total", "basic", "project")),
                       ("economic", ("total", "personnel", "public"))):
        for r in c.get(kind, []):
            need(isinstance(r.get("code"), str) and isinstance(r.get("line"), int),
                 "classification %s code/line" % kind, errs)
            for col in cols:
                if col in r:
                    need(MONEY.match(r[col]), "classification %s %s" % (kind, col), errs)


def check_findings(findings, errs):
    for f in findings:
        need(f.get("category") in CATEGORIES, "finding category %r" % f.get("category"), errs)
        need(f.get("severity") in SEVERITIES, "finding severity", errs)
        need(isinstance(f.get("rule"), str) and isinstance(f.get("message"), str),
             "finding rule/message", errs)
        need(isinstance(f.get("line"), int), "finding line", errs)


def main(paths):
    bad = 0
    for path in paths:
        errs = []
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
        check_doc(d, errs)
        check_fields(d.get("fields", {}), errs)
        check_tables(d.get("tables", []), errs)
        check_classification(d.get("classification", {}), errs)
        check_findings(d.get("findings", []), errs)
        for e in errs:
            print("%s: %s" % (path, e))
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
