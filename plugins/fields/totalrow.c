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

/* The money figures of source lines FROM..TO in print order, whatever else
 * those lines hold (label pieces wrapped between a row's cells, codes). */
static GArray *
loose_figures (const BpDocument *doc, const BpTable *t, int from, int to)
{
  GArray *figs = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  for (int n = from; n <= to; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_auto (GStrv) toks = s ? g_regex_split (fields_regex ("\\s+"), s, 0) : NULL;
      for (guint i = 0; toks && toks[i]; i++)
        {
          g_autofree char *tok = fields_norm (toks[i]);
          bp_fen v;
          if (is_money_token (tok) && bp_amount_parse (tok, t->unit, &v) == BP_AMOUNT_OK)
            g_array_append_val (figs, v);
        }
    }
  return figs;
}

/* Plain text of a longer table prints the 合计 row's figures apart, with
 * the wrapped label lines of the row above or the codes of the rows below
 * among them ("9,151.309668 / 2,074.253418 / 2080505-… / 支出 / 合 / 计 /
 * 7,077.056250"). Near LABEL (within 30 lines), the figures 合计 | part |
 * part are then the table's largest figure (only its 合计 can be that)
 * followed, among the next four figures, by two positive ones that add up
 * to it; taken only when exactly one such pair of parts is there. */
static gboolean
total_run_loose (const BpDocument *doc, const BpTable *t, int label, int to,
                 bp_fen out[3])
{
  g_autoptr (GArray) all = loose_figures (doc, t, t->line + 1, to);
  g_autoptr (GArray) figs = loose_figures (doc, t, MAX (t->line + 1, label - 30),
                                           MIN (to, label + 30));
  const bp_fen *v = (const bp_fen *) figs->data;
  bp_fen top = 0, tol = bp_rounding_tolerance (t->unit, 2);
  guint found = 0;
  for (guint i = 0; i < all->len; i++)
    top = MAX (top, g_array_index (all, bp_fen, i));
  for (guint i = 0; top > 0 && i < figs->len; i++)
    for (guint j = i + 1; v[i] == top && j < figs->len && j <= i + 4; j++)
      for (guint k = j + 1; k < figs->len && k <= i + 4; k++)
        {
          if (v[j] <= 0 || v[k] <= 0 || !bp_amount_within (top, v[j] + v[k], tol)
              || (found > 0 && out[1] == v[j] && out[2] == v[k]))
            continue;
          out[0] = top;
          out[1] = v[j];
          out[2] = v[k];
          found++;
        }
  return found == 1;
}

/* The row's figures around label line N: printed together, else apart. */
static gboolean
total_run_near (const BpDocument *doc, const BpTable *t, int n, int to,
                gboolean loose, bp_fen out[3])
{
  return loose ? total_run_loose (doc, t, n, to, out) : total_run_at (doc, t, n, to, out);
}

gboolean
fields_total_row_from_lines (const BpDocument *doc, const BpTable *t,
                             const BpRow *r, int *line, bp_fen out[3])
{
  int to = fields_table_tail (doc, t);
  if (r)
    {
      *line = r->line;
      return is_label_line (doc, r->line)
             && (total_run_at (doc, t, r->line, to, out)
                 || total_run_loose (doc, t, r->line, to, out));
    }
  /* No total row: the table's first label line that has its figures
   * (the first may be a column heading), printed together before apart. */
  for (int loose = 0; loose < 2; loose++)
    for (int n = t->line + 1; n <= to; n++)
      if (is_label_line (doc, n) && total_run_near (doc, t, n, to, loose, out))
        {
          *line = n;
          return TRUE;
        }
  return FALSE;
}
