#!/usr/bin/env python3
"""Perturbation checks of the validate stage (issue: a changed figure must
be caught at its line; 元 → 万元 must raise no new errors).

perturb.py rows BUDGETPIPE CONF OUTDIR DOC...
    changes the first non-zero figure of every coded table row (one at a
    time: +1 in its units digit, +10 for a whole-元 figure) and reports, per row,
    whether a new error/warning appears at that line (within 3 lines, the
    scorer's tolerance) and whether one appears anywhere.
perturb.py narrative BUDGETPIPE CONF OUTDIR DOC...
    changes every amount the text states outside tables ("1538.62万元",
    "15,386,196.87元"; one at a time, +1 in its last printed digit... for
    万元 figures with two decimals, +1 万元) and reports whether a new
    error/warning appears at that line (±3); prints the rate, exits 0.
perturb.py wanyuan BUDGETPIPE CONF OUTDIR DOC...
    rewrites every 元 table of each document in 万元 (each figure rounded
    to two decimals, the unit line changed) and lists new error findings.
"""
import json, os, re, subprocess, sys

CODED = {"income_summary", "expense_summary", "general_budget_expense", "basic_expense",
         "gov_fund_expense", "state_capital_expense", "project_expense"}
# Figures as printed: with decimals, or whole 元 with thousands separators
# ("2,724,912"); a bare integer may be a code, a row number or a year.
FIGURE = re.compile(r'(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?![\d,])|(?<![\d.,])\d+\.\d{1,2}(?!\d)')
CODE = re.compile(r'[235]\d{2}(?:\d{2}){0,2}')


def run(bp, conf, out, path):
    subprocess.run([bp, 'run', '-q', '-p', conf, '-o', out, path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, os.path.basename(path).rsplit('.', 1)[0] + '.json'),
              encoding='utf-8') as f:
        return json.load(f)


def reported(doc, severities=('error', 'warning'), with_message=False):
    """(rule, line) of each finding; with its message too when a change may
    add a finding where the same rule already reported another figure."""
    return {(f['rule'], f['line']) + ((f['message'],) if with_message else ())
            for f in doc['findings'] if f['severity'] in severities}


def bump(text):
    """+1 in the units digit (whole 元 figures: +10, the tens digit, since a
    sum of n whole figures may drift by n × 0.5 元 of rounding)."""
    dec = len(text.split('.')[1]) if '.' in text else 0
    value = float(text.replace(',', '')) + (1 if dec else 10)
    return ('{:,.%df}' % dec).format(value) if ',' in text else ('%.' + str(dec) + 'f') % value


def rows(bp, conf, out, docs):
    total = at_line = anywhere = 0
    for path in docs:
        base = run(bp, conf, out, path)
        before = reported(base, with_message=True)
        lines = open(path, encoding='utf-8').read().split('\n')
        mutant = os.path.join(out, 'mutant-' + os.path.basename(path))
        for t in base['tables']:
            if t['type'] not in CODED:
                continue
            for r in t['rows']:
                if not r['cells'] or not CODE.fullmatch(r['cells'][0] or ''):
                    continue
                src = lines[r['line'] - 1]
                m = next((m for m in FIGURE.finditer(src)
                          if float(m.group(0).replace(',', '')) > 0), None)
                if not m:
                    continue
                changed = lines[:]
                changed[r['line'] - 1] = src[:m.start()] + bump(m.group(0)) + src[m.end():]
                with open(mutant, 'w', encoding='utf-8') as f:
                    f.write('\n'.join(changed))
                new = reported(run(bp, conf, out, mutant), with_message=True) - before
                total += 1
                anywhere += bool(new)
                near = any(abs(x[1] - r['line']) <= 3 for x in new)
                at_line += near
                if not near:
                    print('# %s line %d (%s %s %s): %s' % (
                        os.path.basename(path), r['line'], t['id'], t['type'], r['cells'][0],
                        'caught elsewhere: ' + ', '.join('%s@%d' % x[:2] for x in sorted(new))
                        if new else 'NOT CAUGHT'))
    print('perturbed %d coded rows: caught %d, at the line %d' % (total, anywhere, at_line))
    return total, anywhere, at_line


NARRATIVE_AMOUNT = re.compile(r'(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?=\s*(?:万元|元))')


def in_tables(doc, n):
    return any(t['line'] <= n <= max(t['end_line'], t['line']) for t in doc['tables'])


def narrative(bp, conf, out, docs):
    total = at_line = 0
    for path in docs:
        base = run(bp, conf, out, path)
        before = reported(base, with_message=True)
        lines = open(path, encoding='utf-8').read().split('\n')
        mutant = os.path.join(out, 'narr-' + os.path.basename(path))
        for n, src in enumerate(lines, 1):
            if '\t' in src or in_tables(base, n):
                continue
            for m in NARRATIVE_AMOUNT.finditer(src):
                if float(m.group(1).replace(',', '')) == 0:
                    continue
                changed = lines[:]
                changed[n - 1] = src[:m.start(1)] + bump_narrative(m.group(1)) + src[m.end(1):]
                with open(mutant, 'w', encoding='utf-8') as f:
                    f.write('\n'.join(changed))
                new = reported(run(bp, conf, out, mutant), with_message=True) - before
                total += 1
                hit = any(abs(x[1] - n) <= 3 for x in new)
                at_line += hit
                if not hit:
                    print('# %s line %d: %s -> not caught' % (os.path.basename(path), n, m.group(1)))
    print('perturbed %d narrative amounts: caught at the line %d (%.0f%%)'
          % (total, at_line, 100.0 * at_line / max(total, 1)))
    return total, at_line


def bump_narrative(text):
    """+1 in the units digit: a visible change, beyond any rounding."""
    dec = len(text.split('.')[1]) if '.' in text else 0
    value = float(text.replace(',', '')) + 1
    return ('{:,.%df}' % dec).format(value) if ',' in text else ('%.' + str(dec) + 'f') % value


WAN_UNIT = re.compile(r'(单位\s*[:：]\s*)元')


def wanyuan(bp, conf, out, docs):
    new_errors = 0
    for path in docs:
        base = run(bp, conf, out, path)
        lines = open(path, encoding='utf-8').read().split('\n')
        for t in base['tables']:
            if t.get('unit') != '元':
                continue
            for n in range(t['line'], t['end_line'] + 1):
                lines[n - 1] = WAN_UNIT.sub(r'\g<1>万元', lines[n - 1])
            for r in t['rows']:
                lines[r['line'] - 1] = FIGURE.sub(
                    lambda m: '%.2f' % round(float(m.group(0).replace(',', '')) / 10000, 2),
                    lines[r['line'] - 1])
        mutant = os.path.join(out, 'wan-' + os.path.basename(path))
        with open(mutant, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
        after = run(bp, conf, out, mutant)
        # A line the original already reported (a published difference
        # beyond rounding, a warning) may become an error of another rule
        # once the table prints the text's digit (narrative.same_figure):
        # that is the defect it had, not one the rewrite made.
        flagged = {line for _, line in reported(base)}
        errors = {(rule, line) for rule, line in reported(after, ('error',))
                  if line not in flagged}
        for rule, line in sorted(errors):
            print('# %s: new error %s at line %d' % (os.path.basename(path), rule, line))
        new_errors += len(errors)
    print('new errors after 元 → 万元: %d' % new_errors)
    return new_errors


if __name__ == '__main__':
    mode, bp, conf, out, docs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    os.makedirs(out, exist_ok=True)
    if mode == 'rows':
        total, anywhere, at_line = rows(bp, conf, out, docs)
        # Every changed figure is caught; at its line (±3) in at least 80 %:
        # a side-by-side 决算 table row only has its parent's sum to break.
        sys.exit(0 if total and anywhere == total and at_line * 5 >= total * 4 else 1)
    if mode == 'narrative':
        narrative(bp, conf, out, docs)
        sys.exit(0)
    sys.exit(1 if wanyuan(bp, conf, out, docs) else 0)
