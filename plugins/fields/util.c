/* fields plugin: text normalization and compiled regexes (core bp_regex). */
#include "fields-private.h"

#include <string.h>

GRegex *
fields_regex (const char *pattern)
{
  GRegex *re = bp_regex (pattern);
  if (!re)
    g_error ("fields: bad pattern %s", pattern);
  return re;
}

gboolean
fields_match (const char *pattern, const char *s, GMatchInfo **info)
{
  /* A bad pattern is fatal, as it always was; a match without INFO makes
   * no GRegex (bp_regex_match), so validity is asked with the match. */
  gboolean valid;
  gboolean ok = bp_regex_match_checked (pattern, s, info, &valid);
  if (!valid)
    g_error ("fields: bad pattern %s", pattern);
  if (!ok && info)
    g_clear_pointer (info, g_match_info_free);
  return ok;
}

/* The bytes of S's character at P, NUL-terminated, in BUF (at least 8). */
static const char *
char_at (const char *p, char *buf)
{
  guint n = 0;
  do
    buf[n] = p[n];
  while (p[n] && ++n < (guint) g_utf8_skip[(guchar) *p]);
  buf[n] = '\0';
  return buf;
}

gboolean
fields_starts_with_char_in (const char *s, const char *chars)
{
  char buf[8];
  return *s && strstr (chars, char_at (s, buf)) != NULL;
}

gboolean
fields_ends_with_char_in (const char *s, gsize len, const char *chars)
{
  if (len == 0)
    return FALSE;
  const char *last = s + len - 1;
  while (last > s && ((guchar) *last & 0xC0) == 0x80)
    last--;
  /* $ also matches before a final newline (any kind, as patterns are
   * compiled): then the pattern decides. */
  gunichar c = g_utf8_get_char (last);
  if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85
      || c == 0x2028 || c == 0x2029)
    return TRUE;
  return strstr (chars, last) != NULL;
}

char *
fields_norm (const char *s)
{
  return bp_text_compact (s ? s : "");
}

char *
fields_norm_label (const char *s)
{
  g_autofree char *n = fields_norm (s);
  return bp_regex_remove (fields_regex ("[\"'“”‘’「」『』()\\[\\]【】]"), n);
}

/* ---- tables ------------------------------------------------------------ */

/* A table of spending by function, whose names are function items: no
 * income table (a misread one pairs codes with its headings: "事业收入"). */
gboolean
fields_lists_function_items (const BpTable *t)
{
  static const char *const types[] = { "expense_summary", "general_budget_expense",
                                       "gov_fund_expense", "state_capital_expense" };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (t->type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

guint
fields_table_width (const BpTable *t)
{
  guint w = 0;
  for (guint i = 0; t->header && i < t->header->len; i++)
    w = MAX (w, ((GPtrArray *) g_ptr_array_index (t->header, i))->len);
  for (guint i = 0; i < t->rows->len; i++)
    w = MAX (w, ((BpRow *) g_ptr_array_index (t->rows, i))->cells->len);
  return w;
}

char *
fields_column_label (const BpTable *t, guint col)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; t->header && i < t->header->len; i++)
    {
      GPtrArray *hr = g_ptr_array_index (t->header, i);
      if (col < hr->len)
        g_string_append (s, g_ptr_array_index (hr, col));
    }
  char *label = fields_norm_label (s->str);
  g_string_free (s, TRUE);
  return label;
}

/* The column labels of the table last asked on this thread: a table's
 * columns are looked for by one pattern after another, and each look
 * normalized every header again (issue 18). */
typedef struct {
  const BpTable *table;
  GPtrArray *labels;    /* fields_column_label of each column */
} ColumnLabels;

static void
column_labels_free (gpointer data)
{
  ColumnLabels *cl = data;
  if (cl->labels)
    g_ptr_array_unref (cl->labels);
  g_free (cl);
}

static GPrivate column_labels_key = G_PRIVATE_INIT (column_labels_free);

void
fields_column_labels_forget (void)
{
  g_private_replace (&column_labels_key, NULL);
}

static GPtrArray *
column_labels (const BpTable *t)
{
  ColumnLabels *cl = g_private_get (&column_labels_key);
  if (!cl)
    {
      cl = g_new0 (ColumnLabels, 1);
      g_private_set (&column_labels_key, cl);
    }
  if (cl->table != t || !cl->labels)
    {
      if (cl->labels)
        g_ptr_array_unref (cl->labels);
      guint w = fields_table_width (t);
      cl->labels = g_ptr_array_new_full (w, g_free);
      for (guint c = 0; c < w; c++)
        g_ptr_array_add (cl->labels, fields_column_label (t, c));
      cl->table = t;
    }
  return cl->labels;
}

int
fields_find_column (const BpTable *t, const char *pattern, int from)
{
  GPtrArray *labels = column_labels (t);
  for (guint c = MAX (from, 0); c < labels->len; c++)
    if (fields_match (pattern, g_ptr_array_index (labels, c), NULL))
      return (int) c;
  return -1;
}

const char *
fields_cell (const BpRow *r, int col)
{
  const char *s = col >= 0 ? bp_row_cell (r, col) : NULL;
  return s ? s : "";
}

gboolean
fields_cell_amount (const BpTable *t, const BpRow *r, int col, bp_fen *out)
{
  if (col < 0 || !bp_row_cell (r, col))
    return FALSE;
  return bp_table_cell_amount (t, r, col, out) == BP_AMOUNT_OK;
}

gboolean
fields_row_is_total (const BpRow *r)
{
  for (guint c = 0; c < MIN (r->cells->len, 3u); c++)
    {
      const char *cell = g_ptr_array_index (r->cells, c);
      if (!cell || !strstr (cell, "计"))
        continue;         /* every label below ends with it */
      g_autofree char *s = fields_norm (cell);
      if (fields_match ("^(?:合计|总计|本年支出合计|支出合计)$", s, NULL))
        return TRUE;
    }
  return FALSE;
}

int
fields_table_tail (const BpDocument *doc, const BpTable *t)
{
  int to = t->end_line + 12;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *u = g_ptr_array_index (doc->tables, i);
      if (u->line > t->end_line && u->line - 1 < to)
        to = u->line - 1;
    }
  return to;
}
