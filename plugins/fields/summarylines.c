/* fields plugin: a 收支总表 label's figure read from the source lines.
 *
 * Plain pdftotext prints the two-sided summary's closing block one cell a
 * line, labels of both sides before their figures:
 *   本年收入合计 / 上年结转结余 / 44,156.64 / 本年支出合计 / 44,169.36 / …
 * so the tables stage pairs 44,156.64 with 上年结转结余. The figure that
 * follows a label here is its own when at most the carry-over labels of the
 * same block (and their 行次) stand between them; any other line (an item, a column heading,
 * a page number) means the figures were printed elsewhere and nothing is
 * read. The caller confirms the figure with the table's identities. */
#include "fields-private.h"

#include <string.h>

/* Carry-over labels of the same block printed between a total label and
 * its figure (西安: 用事业基金弥补收支 / 差额 / 上年实户资金余额 / 上年结转 /
 * 其中：财政拨款资金结转 …), or their 行次 numbers. */
static gboolean
is_carry_label (const char *compact)
{
  return fields_match ("^[^0-9]{0,12}(?:结转|结余|弥补|余额|差额)[^0-9]{0,12}$"
                       "|^其中[:：]?[^0-9]{0,12}$|^[0-9]{1,2}$", compact, NULL);
}

/* The first figure of S when S holds figures only, or starts with one and
 * LEFT: a figure printed before a label ("48,362.82 本年支出合计") is the
 * left (income) side's, on the baseline of the right side's label. */
static gboolean
leading_figure (const char *s, BpUnit unit, gboolean left, bp_fen *out)
{
  g_auto (GStrv) toks = g_regex_split (fields_regex ("\\s+"), s, 0);
  gboolean any = FALSE;
  for (guint i = 0; toks[i]; i++)
    {
      g_autofree char *tok = fields_norm (toks[i]);
      bp_fen v;
      if (!*tok)
        continue;
      if (!bp_amount_looks_like (tok) || bp_amount_parse (tok, unit, &v) != BP_AMOUNT_OK)
        return any && left;
      if (!any)
        *out = v;
      any = TRUE;
    }
  return any;
}

/* The figure after the label on source line LABEL: on the lines that
 * follow it, past at most eight carry-over lines. */
static gboolean
figure_after (const BpDocument *doc, const BpTable *t, int label, gboolean left,
              bp_fen *out)
{
  int carries = 0;
  for (int n = label + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_autofree char *compact = s ? fields_norm (s) : NULL;
      if (!compact)
        return FALSE;
      if (!*compact)
        continue;
      if (leading_figure (s, t->unit, left, out))
        return TRUE;
      if (!is_carry_label (compact) || ++carries > 8)
        return FALSE;
    }
  return FALSE;
}

gboolean
fields_summary_figure_from_lines (const BpDocument *doc, const BpTable *t,
                                  gboolean (*is_label) (const char *compact),
                                  gboolean left, int *line, bp_fen *out)
{
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_autofree char *compact = s ? fields_norm_label (s) : NULL;
      if (compact && is_label (compact) && figure_after (doc, t, n, left, out))
        {
          *line = n;
          return TRUE;
        }
    }
  return FALSE;
}

/* The line after label line N, blank lines skipped, holds figures only:
 * its first figure in *OUT. */
static gboolean
figure_right_after (const BpDocument *doc, const BpTable *t, int n, bp_fen *out)
{
  for (int m = n + 1; m <= t->end_line; m++)
    {
      const char *s = bp_document_source_line (doc, m);
      g_autofree char *compact = s ? fields_norm (s) : NULL;
      if (!compact)
        return FALSE;
      if (*compact)
        return leading_figure (s, t->unit, FALSE, out);
    }
  return FALSE;
}

gboolean
fields_summary_carry_from_lines (const BpDocument *doc, const BpTable *t,
                                 int *line, bp_fen *out)
{
  *out = 0;
  *line = 0;
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_autofree char *compact = s ? fields_norm_label (s) : NULL;
      bp_fen v;
      if (!compact || !fields_match ("^(?:[0-9]+[.、])?(?:非)?财政拨款结余、?结转$",
                                     compact, NULL))
        continue;
      if (!figure_right_after (doc, t, n, &v))
        return FALSE;     /* one part unread: the sum would be wrong */
      *out += v;
      if (!*line)
        *line = n;
    }
  return *line > 0;
}

/* "2,434,777.733486 一、一般公共服务支出": a figure and a numbered item
 * label, nothing else; *FIRST when the item is numbered 一. */
static gboolean
left_figure_line (const char *s, BpUnit unit, gboolean *first, bp_fen *out)
{
  g_auto (GStrv) toks = bp_text_split_ws (s);
  if (g_strv_length (toks) != 2 || !bp_amount_looks_like (toks[0])
      || bp_amount_parse (toks[0], unit, out) != BP_AMOUNT_OK
      || !fields_match ("^[一二三四五六七八九十]{1,3}、\\p{Han}", toks[1], NULL))
    return FALSE;
  *first = g_str_has_prefix (toks[1], "一、");
  return TRUE;
}

gboolean
fields_summary_left_figures (const BpDocument *doc, const BpTable *t, bp_fen *sum,
                             guint *count, int *first_line, bp_fen *first)
{
  *sum = 0;
  *count = 0;
  *first_line = 0;
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      gboolean is_first;
      bp_fen v;
      if (!s || !left_figure_line (s, t->unit, &is_first, &v))
        continue;
      *sum += v;
      ++*count;
      if (is_first && !*first_line)
        {
          *first = v;
          *first_line = n;
        }
    }
  return *count > 0;
}

gboolean
fields_summary_figure_before_label (const BpDocument *doc, const BpTable *t,
                                    gboolean (*is_label) (const char *compact),
                                    int *line, bp_fen *out)
{
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_auto (GStrv) toks = bp_text_split_ws (s ? s : "");
      if (g_strv_length (toks) != 2 || !bp_amount_looks_like (toks[0])
          || bp_amount_parse (toks[0], t->unit, out) != BP_AMOUNT_OK)
        continue;
      g_autofree char *label = fields_norm_label (toks[1]);
      if (is_label (label))
        {
          *line = n;
          return TRUE;
        }
    }
  return FALSE;
}
