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

static const int standard_order[] = { C_TOTAL, C_ABROAD, C_VEHICLE, C_PURCHASE,
                                      C_OPERATION, C_RECEPTION };

static GArray *
columns_standard (void)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_vals (cols, standard_order, G_N_ELEMENTS (standard_order));
  return cols;
}

/* Where each column word first occurs; 购置费/运行 only after the
 * 公务用车购置及运行 heading that contains them. */
static void
column_positions (const char *h, gsize pos[C_N])
{
  for (int c = 0; c < C_N; c++)
    {
      const char *from = h;
      if ((c == C_PURCHASE || c == C_OPERATION) && pos[C_VEHICLE] != G_MAXSIZE)
        from = h + pos[C_VEHICLE] + strlen (column_words[C_VEHICLE]) + 1;
      const char *p = strstr (from, c == C_OPERATION ? "运行" : column_words[c]);
      pos[c] = p ? (gsize) (p - h) : G_MAXSIZE;
    }
}

/* Columns in the order the header names them, when it reads in order (合计
 * first); else the national form's order. 机关运行经费 is printed as a
 * spanning heading but its figure comes last. */
static GArray *
values_columns (const char *header)
{
  g_autofree char *h = text_compact (header);
  gsize pos[C_N];
  for (int c = 0; c < C_N; c++)
    pos[c] = G_MAXSIZE;
  for (int c = 0; c < C_N; c++)
    if (c != C_PURCHASE && c != C_OPERATION)
      {
        const char *p = strstr (h, column_words[c]);
        pos[c] = p ? (gsize) (p - h) : G_MAXSIZE;
      }
  column_positions (h, pos);
  /* A two-row heading read row by row: "合计 因公出国 公务用车购置及运行维护
   * 费 公务接待费 / 小计 购置费 运行维护费" prints the car's sub-columns
   * under their group, before 公务接待费. */
  if (pos[C_VEHICLE] < pos[C_RECEPTION] && pos[C_RECEPTION] != G_MAXSIZE
      && pos[C_PURCHASE] != G_MAXSIZE && pos[C_OPERATION] != G_MAXSIZE
      && pos[C_RECEPTION] < MIN (pos[C_PURCHASE], pos[C_OPERATION]))
    {
      gboolean purchase_first = pos[C_PURCHASE] < pos[C_OPERATION];
      pos[C_PURCHASE] = pos[C_VEHICLE] + (purchase_first ? 1 : 2);
      pos[C_OPERATION] = pos[C_VEHICLE] + (purchase_first ? 2 : 1);
    }
  if (pos[C_RUNNING] != G_MAXSIZE)
    pos[C_RUNNING] = G_MAXSIZE - 1;
  for (int c = 0; c < C_N; c++)
    if (c != C_TOTAL && pos[c] < pos[C_TOTAL])
      return columns_standard ();
  if (pos[C_TOTAL] == G_MAXSIZE)
    return columns_standard ();
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (int));
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

/* PAIRED: every column is printed twice, 预算数 then 决算数. */
static GPtrArray *
values_identities (GArray *cols, gboolean paired)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (identity_free);
  int step = paired ? 2 : 1;
  for (int off = 0; off < step; off++)
    {
#define AT(which) (column_index (cols, (which)) < 0 ? -1 \
                   : column_index (cols, (which)) * step + off)
      int top[] = { AT (C_ABROAD), AT (C_RECEPTION), AT (C_VEHICLE) };
      identity_add (ids, AT (C_TOTAL), top, G_N_ELEMENTS (top));
      int car[] = { AT (C_PURCHASE), AT (C_OPERATION) };
      identity_add (ids, AT (C_VEHICLE), car, G_N_ELEMENTS (car));
#undef AT
    }
  return ids;
}

static guint
count_of (const char *hay, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Shanghai 决算 forms print 预算数 | 决算数 under every heading. */
static gboolean
header_paired (const char *header)
{
  g_autofree char *h = text_compact (header);
  guint b = count_of (h, "预算数"), f = count_of (h, "决算数");
  return b >= 2 && b == f;
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

/* Footnote columns are numbered; 6 or 12 of them are the national form
 * (1栏＝2＋3＋6栏, 3栏＝4＋5栏), 预算数 then 决算数. */
static char *
formula_column_name (guint c, guint n)
{
  if (n != 6 && n != 12)
    return g_strdup_printf ("%u", c + 1);
  const char *word = column_words[standard_order[c % 6]];
  return g_strconcat (word, n == 12 ? (c < 6 ? "预算数" : "决算数") : "", NULL);
}

/* Do the figures VALS (K of them) fit the columns COLS, every identity
 * holding? */
static gboolean
order_fits (GArray *cols, gboolean paired, const gint64 *vals, guint k)
{
  guint n = cols->len * (paired ? 2 : 1);
  if (k == 0 || k > n)
    return FALSE;
  g_autoptr (GPtrArray) ids = values_identities (cols, paired);
  g_autoptr (GPtrArray) cands = placements_for (vals, k, n, ids);
  return placement_holds (vals, g_ptr_array_index (cands, cands->len - 1), n, ids);
}

/* 合计, then 因公出国, 公务接待 and the car group (小计 | 购置费 | 运行费,
 * kept together) in arrangement PERM, 机关运行经费 last when RUNNING. */
static GArray *
order_make (const int perm[3], gboolean purchase_first, gboolean running)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (int));
  int total = C_TOTAL;
  g_array_append_val (cols, total);
  for (int i = 0; i < 3; i++)
    {
      int group[] = { C_VEHICLE, purchase_first ? C_PURCHASE : C_OPERATION,
                      purchase_first ? C_OPERATION : C_PURCHASE };
      if (perm[i] == C_VEHICLE)
        g_array_append_vals (cols, group, G_N_ELEMENTS (group));
      else
        g_array_append_val (cols, perm[i]);
    }
  if (running)
    {
      int r = C_RUNNING;
      g_array_append_val (cols, r);
    }
  return cols;
}

/* A heading printed over several lines reads out of order (Beijing and
 * Shanghai print 因公出国 | 公务接待 | 公务用车 with the car's heading on
 * the line above): when the header's order does not fit the first row's
 * figures, the arrangement of the three items that does (因公出国 before
 * 公务接待 when the header says so). NULL when none fits. */
static GArray *
values_order_fitting (const char *header, GArray *cols, gboolean paired,
                      const gint64 *vals, guint k)
{
  if (order_fits (cols, paired, vals, k))
    return NULL;
  g_autofree char *h = text_compact (header);
  const char *abroad = strstr (h, column_words[C_ABROAD]);
  const char *reception = strstr (h, column_words[C_RECEPTION]);
  gboolean abroad_first = !abroad || !reception || abroad < reception;
  gboolean running = column_index (cols, C_RUNNING) >= 0;
  static const int perms[][3] = {
    { C_ABROAD, C_VEHICLE, C_RECEPTION }, { C_ABROAD, C_RECEPTION, C_VEHICLE },
    { C_VEHICLE, C_ABROAD, C_RECEPTION }, { C_RECEPTION, C_VEHICLE, C_ABROAD },
    { C_RECEPTION, C_ABROAD, C_VEHICLE }, { C_VEHICLE, C_RECEPTION, C_ABROAD } };
  for (int pass = 0; pass < 2; pass++)
    for (guint p = 0; p < G_N_ELEMENTS (perms); p++)
      {
        gboolean a_first = p < 3;
        if ((pass == 0) != (a_first == abroad_first))
          continue;
        for (int purchase_first = 1; purchase_first >= 0; purchase_first--)
          {
            GArray *alt = order_make (perms[p], purchase_first, running);
            if (order_fits (alt, paired, vals, k))
              return alt;
            g_array_unref (alt);
          }
      }
  return NULL;
}

/* Column count and identities: the footnote formulas, else the form's
 * (arranged to fit FIRST, the first row's K figures). */
static GPtrArray *
values_layout (TableBody *tb, const char *header, const gint64 *first, guint k,
               guint *n)
{
  g_autoptr (GString) notes = g_string_new (NULL);
  for (guint i = 0; i < tb->note_lines->len; i++)
    g_string_append (notes, ((BpLine *) g_ptr_array_index (tb->note_lines, i))->text);
  GPtrArray *ids = formulas_parse (notes->str);
  g_autoptr (GArray) cols = values_columns (header);
  GArray *fitting = ids->len ? NULL
      : values_order_fitting (header, cols, header_paired (header), first, k);
  if (fitting)
    {
      g_array_unref (cols);
      cols = fitting;
    }
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
        g_ptr_array_add (hrow, formula_column_name (c, *n));
    }
  else
    {
      gboolean paired = header_paired (header);
      g_ptr_array_unref (ids);
      ids = values_identities (cols, paired);
      *n = cols->len * (paired ? 2 : 1);
      for (guint i = 0; i < *n; i++)
        {
          const char *word = column_words[g_array_index (cols, int, paired ? i / 2 : i)];
          const char *suffix = !paired ? "" : i % 2 ? "决算数" : "预算数";
          g_ptr_array_add (hrow, g_strconcat (word, suffix, NULL));
        }
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
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  g_autoptr (GPtrArray) figures = g_ptr_array_new_with_free_func
      ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      GPtrArray *toks = tokens_split (l->text);
      if (!tokens_all_numbers (toks))
        {
          g_ptr_array_unref (toks);
          continue;
        }
      g_ptr_array_add (lines, l);
      g_ptr_array_add (figures, toks);
    }
  guint k = figures->len ? ((GPtrArray *) figures->pdata[0])->len : 0;
  g_autofree gint64 *first = g_new0 (gint64, k + 1);
  for (guint i = 0; i < k; i++)
    token_amount (g_ptr_array_index ((GPtrArray *) figures->pdata[0], i), &first[i]);
  guint n = 0;
  g_autoptr (GPtrArray) ids = values_layout (tb, header->str, first, k, &n);
  for (guint i = 0; i < lines->len; i++)
    values_emit (tb, lines->pdata[i], figures->pdata[i], MAX (n, 1), ids);
}
