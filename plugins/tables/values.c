/* One-row tables of figures (“三公”经费): PDF text keeps only the non-empty
 * figures, so they are placed where the table's identities hold — the
 * footnote's own formulas when it has them, else the standard form's
 * (合计 = 出国 + 车辆 + 接待, 车辆 = 购置 + 运行). */
#include "config.h"

#include <string.h>
#include "tables-private.h"

enum { C_TOTAL, C_ABROAD, C_RECEPTION, C_VEHICLE, C_PURCHASE, C_OPERATION,
       C_RUNNING, C_N };

static const char *const column_words[C_N] = {
  "合计", "因公出国", "公务接待", "公务用车购置及运行", "购置费", "运行费",
  "机关运行经费",
};

/* Columns in the order the header names them; 机关运行经费 is printed as a
 * spanning heading but its figure comes last. */
static GArray *
values_columns (const char *header)
{
  g_autofree char *h = text_compact (header);
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (int));
  gsize pos[C_N];
  for (int c = 0; c < C_N; c++)
    {
      const char *p = strstr (h, column_words[c]);
      pos[c] = p ? (gsize) (p - h) : G_MAXSIZE;
    }
  pos[C_RUNNING] = pos[C_RUNNING] == G_MAXSIZE ? G_MAXSIZE : G_MAXSIZE - 1;
  if (pos[C_TOTAL] == G_MAXSIZE)
    pos[C_TOTAL] = 0;
  for (int n = 0; n < C_N; n++)
    {
      int best = -1;
      for (int c = 0; c < C_N; c++)
        if (pos[c] != G_MAXSIZE && (best < 0 || pos[c] < pos[best]))
          best = c;
      if (best < 0)
        break;
      g_array_append_val (cols, best);
      pos[best] = G_MAXSIZE;
    }
  return cols;
}

static int
column_index (GArray *cols, int which)
{
  for (guint i = 0; i < cols->len; i++)
    if (g_array_index (cols, int, i) == which)
      return i;
  return -1;
}

static void
identity_add (GPtrArray *ids, int total, const int *parts, guint n)
{
  if (total < 0)
    return;
  ColumnIdentity *id = g_new0 (ColumnIdentity, 1);
  id->total = total;
  id->parts = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < n; i++)
    if (parts[i] >= 0)
      g_array_append_val (id->parts, parts[i]);
  g_ptr_array_add (ids, id);
}

static GPtrArray *
values_identities (GArray *cols)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (identity_free);
  int top[] = { column_index (cols, C_ABROAD), column_index (cols, C_RECEPTION),
                column_index (cols, C_VEHICLE) };
  identity_add (ids, column_index (cols, C_TOTAL), top, G_N_ELEMENTS (top));
  int car[] = { column_index (cols, C_PURCHASE), column_index (cols, C_OPERATION) };
  identity_add (ids, column_index (cols, C_VEHICLE), car, G_N_ELEMENTS (car));
  return ids;
}

static void
values_emit (TableBody *tb, BpLine *l, GPtrArray *toks, guint n,
             const GPtrArray *ids)
{
  g_autofree gint64 *vals = g_new0 (gint64, toks->len + 1);
  for (guint i = 0; i < toks->len; i++)
    token_amount (g_ptr_array_index (toks, i), &vals[i]);
  g_autoptr (GPtrArray) cands = placements_for (vals, toks->len, n, ids);
  /* Several fits: the right-most keeps 运行费 before 购置费, the usual case. */
  GArray *pos = g_ptr_array_index (cands, cands->len - 1);
  g_autofree const char **cells = g_new0 (const char *, n + 1);
  for (guint i = 0; i < pos->len; i++)
    cells[g_array_index (pos, int, i)] = g_ptr_array_index (toks, i);
  BpRow *row = bp_table_add_row (tb->table, l->line);
  tb->table->end_line = MAX (tb->table->end_line, l->end_line);
  for (guint c = 0; c < n; c++)
    bp_row_add_cell (row, cells[c] ? cells[c] : "");
  for (guint i = pos->len; i < toks->len; i++)
    bp_row_add_cell (row, g_ptr_array_index (toks, i));
}

static gboolean
tokens_all_numbers (GPtrArray *toks)
{
  for (guint i = 0; i < toks->len; i++)
    if (!token_is_number (g_ptr_array_index (toks, i)))
      return FALSE;
  return toks->len > 0;
}

/* Column count and identities: the footnote formulas, else the form's. */
static GPtrArray *
values_layout (TableBody *tb, const char *header, guint *n)
{
  g_autoptr (GString) notes = g_string_new (NULL);
  for (guint i = 0; i < tb->note_lines->len; i++)
    g_string_append (notes, ((BpLine *) g_ptr_array_index (tb->note_lines, i))->text);
  GPtrArray *ids = formulas_parse (notes->str);
  g_autoptr (GArray) cols = values_columns (header);
  GPtrArray *hrow = g_ptr_array_new_with_free_func (g_free);
  *n = cols->len;
  if (ids->len > 0)
    {
      int maxc = 0;
      for (guint i = 0; i < ids->len; i++)
        {
          ColumnIdentity *id = g_ptr_array_index (ids, i);
          maxc = MAX (maxc, id->total);
          for (guint j = 0; j < id->parts->len; j++)
            maxc = MAX (maxc, g_array_index (id->parts, int, j));
        }
      *n = maxc + 1;
      for (guint c = 0; c < *n; c++)
        g_ptr_array_add (hrow, g_strdup_printf ("%u", c + 1));
    }
  else
    {
      g_ptr_array_unref (ids);
      ids = values_identities (cols);
      for (guint i = 0; i < cols->len; i++)
        g_ptr_array_add (hrow, g_strdup (column_words[g_array_index (cols, int, i)]));
    }
  bp_table_add_header_row (tb->table, hrow);
  return ids;
}

void
rows_build_values (TableBody *tb)
{
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  g_autoptr (GString) header = g_string_new (NULL);
  for (guint i = 0; i < tb->header_lines->len; i++)
    g_string_append (header, ((BpLine *) g_ptr_array_index (tb->header_lines, i))->text);
  guint n = 0;
  g_autoptr (GPtrArray) ids = values_layout (tb, header->str, &n);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      g_autoptr (GPtrArray) toks = tokens_split (l->text);
      if (tokens_all_numbers (toks))
        values_emit (tb, l, toks, MAX (n, 1), ids);
    }
}
