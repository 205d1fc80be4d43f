/* fields plugin: a table's 合计 row read back from its source lines.
 *
 * Plain pdftotext prints every cell on a line of its own and drops empty
 * ones, so the tables stage may give a 合计 row only its first figure (or a
 * wrong one: "28,016.26 / 25,934.65 / 合 / 计 / 2,081.61" puts two of the
 * row's figures before its label). The row's three figures 合计 | part | part
 * are then found on the lines around the label: the run of figure-only lines
 * before and after it, in print order. They are taken only when exactly one
 * three consecutive figures there add up (total = part + part) and that total
 * is the largest figure of the run (a 合计 is never less than its rows'
 * figures), so a changed figure or a misread gives nothing rather than a
 * wrong field. */
#include "fields-private.h"

#include <string.h>

/* A label piece of the total row (合计 split over two lines, 总计), or a
 * column heading plain text printed between the label and its figures
 * ("合计 / 合计 / 基本支出 / 项目支出 / 61764.88 / …"). */
static gboolean
is_total_label (const char *compact)
{
  return fields_match ("^(?:合|计|合计|总计|本年支出合计|支出合计|小计"
                       "|基本支出|项目支出|人员经费|公用经费)$", compact, NULL);
}

/* Figures of source line N appended to FIGS when the line holds only
 * figures and total-label pieces (TRUE), else FALSE; an empty line is TRUE. */
static gboolean
line_figures (const BpDocument *doc, const BpTable *t, int n, GArray *figs)
{
  const char *s = bp_document_source_line (doc, n);
  if (!s)
    return FALSE;
  g_auto (GStrv) toks = g_regex_split (fields_regex ("\\s+"), s, 0);
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  for (guint i = 0; toks[i]; i++)
    {
      g_autofree char *tok = fields_norm (toks[i]);
      bp_fen v;
      if (!*tok || is_total_label (tok))
        continue;
      if (!bp_amount_looks_like (tok) || bp_amount_parse (tok, t->unit, &v) != BP_AMOUNT_OK)
        return FALSE;
      g_array_append_val (got, v);
    }
  g_array_append_vals (figs, got->data, got->len);
  return TRUE;
}

/* The figures printed around the total label on source line LABEL, in print
 * order: the label line's own, with the figure-only lines right before and
 * after it (up to source line TO). */
static GArray *
figures_around (const BpDocument *doc, const BpTable *t, int label, int to)
{
  GArray *figs = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  int from = label;
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  while (from - 1 > t->line && line_figures (doc, t, from - 1, scratch))
    from--;
  const char *s = bp_document_source_line (doc, label);
  g_autofree char *own = s ? fields_norm (s) : NULL;
  for (int n = from; n < label; n++)
    line_figures (doc, t, n, figs);
  if (own)
    {
      /* The label line itself: "合计 44,169.36 28,016.26 16,153.10". */
      g_auto (GStrv) toks = g_regex_split (fields_regex ("\\s+"), s, 0);
      for (guint i = 0; toks[i]; i++)
        {
          g_autofree char *tok = fields_norm (toks[i]);
          bp_fen v;
          if (*tok && bp_amount_looks_like (tok)
              && bp_amount_parse (tok, t->unit, &v) == BP_AMOUNT_OK)
            g_array_append_val (figs, v);
        }
    }
  for (int n = label + 1; n <= to && line_figures (doc, t, n, figs); n++)
    ;
  return figs;
}

/* The one run of three figures around LABEL that adds up with the run's
 * largest figure first. */
static gboolean
total_run_at (const BpDocument *doc, const BpTable *t, int label, int to,
              bp_fen out[3])
{
  g_autoptr (GArray) figs = figures_around (doc, t, label, to);
  bp_fen top = 0;
  for (guint i = 0; i < figs->len; i++)
    top = MAX (top, g_array_index (figs, bp_fen, i));
  bp_fen tol = bp_rounding_tolerance (t->unit, 2);
  guint found = 0;
  const bp_fen *v = (const bp_fen *) figs->data;
  for (guint i = 0; i < figs->len; i++)
    {
      if (v[i] != top || top <= 0)
        continue;
      /* The parts follow the total, with at most one figure of another
       * row among them ("合 / 计 / 515,665.27 / 1,415.98 / 10,792.95 /
       * 504,872.32": the row above's last cell printed after the label). */
      static const guint pos[3][2] = { { 1, 2 }, { 2, 3 }, { 1, 3 } };
      for (guint p = 0; p < 3; p++)
        {
          guint j = i + pos[p][0], k = i + pos[p][1];
          if (k < figs->len && bp_amount_within (top, v[j] + v[k], tol) && found++ == 0)
            {
              out[0] = top;
              out[1] = v[j];
              out[2] = v[k];
            }
        }
    }
  return found == 1;
}

/* Source line N starts the total row's label: "合计", "合" of a split
 * one, after a 序号 ("1  合计  46607769.51 …"). */
static gboolean
is_label_line (const BpDocument *doc, int n)
{
  const char *s = bp_document_source_line (doc, n);
  g_autofree char *norm = s ? fields_norm (s) : NULL;
  return norm && fields_match ("^[0-9]{0,2}(?:合计|合$)", norm, NULL);
}

/* A token plain text prints among a row's figures that is none: a bare
 * number of one to three digits (款 / 项 codes "02", a 序号), or a bare
 * function or economic code of five or seven digits ("20101", "3010201",
 * "50101"); words are none either. */
static gboolean
is_money_token (const char *tok)
{
  return bp_amount_looks_like (tok)
         && !fields_match ("^(?:[0-9]{1,3}|[235][0-9]{4}|[235][0-9]{6})$", tok, NULL);
}

/* The tokens of source lines FROM..TO in print order, normalized; a
 * figure plain text split at its decimal point over two lines ("168,441" /
 * ".81", 重庆) joined again. LINES receives each token's line. */
static GPtrArray *
line_tokens (const BpDocument *doc, int from, int to, GArray *lines)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (int n = from; n <= to; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_auto (GStrv) toks = bp_text_split_ws (s ? s : "");
      for (guint i = 0; toks[i]; i++)
        {
          char *tok = fields_norm (toks[i]);
          char *prev = out->len ? g_ptr_array_index (out, out->len - 1) : NULL;
          if (prev && fields_match ("^\\.[0-9]{1,2}$", tok, NULL)
              && fields_match ("^[0-9][0-9,]*$", prev, NULL))
            {
              out->pdata[out->len - 1] = g_strconcat (prev, tok, NULL);
              g_free (prev);
              g_free (tok);
            }
          else
            {
              g_ptr_array_add (out, tok);
              g_array_append_val (lines, n);
            }
        }
    }
  return out;
}

/* The money figures of source lines FROM..TO in print order, whatever else
 * those lines hold (label pieces wrapped between a row's cells, codes). */
static GArray *
loose_figures (const BpDocument *doc, const BpTable *t, int from, int to,
               GArray *fig_lines)
{
  GArray *figs = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) toks = line_tokens (doc, from, to, lines);
  for (guint i = 0; i < toks->len; i++)
    {
      const char *tok = g_ptr_array_index (toks, i);
      bp_fen v;
      if (is_money_token (tok) && bp_amount_parse (tok, t->unit, &v) == BP_AMOUNT_OK)
        {
          g_array_append_val (figs, v);
          g_array_append_val (fig_lines, g_array_index (lines, int, i));
        }
    }
  return figs;
}

/* TRUE when figure I of V is followed by two that add up to it, or by
 * itself: a class row's total with its parts, not a part. */
static gboolean
split_follows (const bp_fen *v, guint n, guint i, bp_fen tol)
{
  return (i + 1 < n && v[i + 1] == v[i])
         || (i + 2 < n && bp_amount_within (v[i], v[i + 1] + v[i + 2], tol));
}

/* TRUE when V[FROM..N) holds a figure within TOL of X: the first such in
 * *OUT (the printed figure, not the difference of two roundings). */
static gboolean
printed_after (const bp_fen *v, guint n, guint from, bp_fen x, bp_fen tol, bp_fen *out)
{
  for (guint i = from; i < n; i++)
    if (bp_amount_within (v[i], x, tol))
      {
        *out = v[i];
        return TRUE;
      }
  return FALSE;
}

/* The 合计 TOP followed by its first part only, the second printed further
 * on (重庆, 杭州: "合计 / 82,529.89 / 67,627.51 / 工资福利支出 / …", 14,902.37
 * rows later): the part right after the 合计, and the rest of the 合计 when
 * the table prints that later. The part must not be a class row's total
 * (followed by its own parts, or by itself). How many 合计 readings fit
 * (two: ambiguous); OUT and *LINE set for the first. */
static guint
total_first_part_only (const GArray *figs, const GArray *lines, bp_fen top,
                       bp_fen tol, int *line, bp_fen out[3])
{
  const bp_fen *v = (const bp_fen *) figs->data;
  guint found = 0;
  for (guint i = 0; i + 1 < figs->len; i++)
    {
      bp_fen part = v[i + 1], rest = top - v[i + 1];
      if (v[i] != top || part <= 0 || rest <= 0 || split_follows (v, figs->len, i + 1, tol)
          || !printed_after (v, figs->len, i + 2, rest, tol, &rest)
          || (found > 0 && out[1] == part))
        continue;
      out[0] = top;
      out[1] = part;
      out[2] = rest;
      *line = g_array_index (lines, int, i);
      found++;
    }
  return found;
}

/* The readings of TOP at a figure of V followed, among the next REACH
 * figures, by two positive ones that add up to it (two different pairs:
 * ambiguous); OUT and *LINE set for the first. */
static guint
total_pairs_within (const bp_fen *v, guint n, const GArray *lines, bp_fen top,
                    guint reach, bp_fen tol, int *line, bp_fen out[3])
{
  guint found = 0;
  for (guint i = 0; top > 0 && i < n; i++)
    for (guint j = i + 1; v[i] == top && j < n && j <= i + reach; j++)
      for (guint k = j + 1; k < n && k <= i + reach; k++)
        {
          if (v[j] <= 0 || v[k] <= 0 || !bp_amount_within (top, v[j] + v[k], tol)
              || (found > 0 && out[1] == v[j] && out[2] == v[k]))
            continue;
          out[0] = top;
          out[1] = v[j];
          out[2] = v[k];
          *line = g_array_index (lines, int, i);
          found++;
        }
  return found;
}

/* Plain text of a longer table prints the 合计 row's figures apart from
 * its label, with the wrapped label lines of the row above or the codes of
 * the rows below among them ("9,151.309668 / 2,074.253418 / 2080505-… /
 * 支出 / 合 / 计 / 7,077.056250"), or the label's two characters far apart
 * (重庆: "合" among the headings, its figures after "计"). The figures
 * 合计 | part | part are then the table's largest figure (only its 合计 can
 * be that) followed, among the next four figures, by two positive ones
 * that add up to it; taken only when exactly one such pair of parts is in
 * the table. Failing that (and the first part alone, below), among the
 * next twelve: the figures of rows left waiting on the last page may
 * come between the 合计 and its parts (北京 预算03表: "210,357.138928 /
 * 187.915000 / … / 23.646000 / 102,167.442645 / 108,189.696283").
 * *LINE: the 合计's line. */
static gboolean
total_run_loose (const BpDocument *doc, const BpTable *t, int to, int *line,
                 bp_fen out[3])
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) figs = loose_figures (doc, t, t->line + 1, to, lines);
  const bp_fen *v = (const bp_fen *) figs->data;
  bp_fen top = 0, tol = bp_rounding_tolerance (t->unit, 2);
  for (guint i = 0; i < figs->len; i++)
    top = MAX (top, v[i]);
  guint found = total_pairs_within (v, figs->len, lines, top, 4, tol, line, out);
  if (found == 0)
    found = total_first_part_only (figs, lines, top, tol, line, out);
  if (found == 0)
    found = total_pairs_within (v, figs->len, lines, top, 12, tol, line, out);
  return found == 1;
}


gboolean
fields_total_row_from_lines (const BpDocument *doc, const BpTable *t,
                             const BpRow *r, int *line, bp_fen out[3])
{
  int to = fields_table_tail (doc, t);
  if (r)
    {
      int at;
      *line = r->line;
      return is_label_line (doc, r->line)
             && (total_run_at (doc, t, r->line, to, out)
                 || total_run_loose (doc, t, to, &at, out));
    }
  /* No total row: the table's first label line that has its figures
   * (the first may be a column heading), else its figures printed apart. */
  int first = 0;
  for (int n = t->line + 1; n <= to; n++)
    if (is_label_line (doc, n))
      {
        first = first ? first : n;
        if (total_run_at (doc, t, n, to, out))
          {
            *line = n;
            return TRUE;
          }
      }
  return first && total_run_loose (doc, t, to, line, out);
}
