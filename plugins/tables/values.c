/* One-row tables of figures (“三公”经费): PDF text keeps only the non-empty
 * figures, so they are placed where the table's identities hold — the
 * footnote's own formulas when it has them, else the standard form's
 * (合计 = 出国 + 车辆 + 接待, 车辆 = 购置 + 运行). */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* C_N core columns found in the header by their words; then the columns a
 * wider table (Jiangsu's “三公”经费、会议费、培训费 table) prints around the
 * 三公 group: a grand 合计 first, 会议费 and 培训费 after. */
enum { C_TOTAL, C_ABROAD, C_RECEPTION, C_VEHICLE, C_PURCHASE, C_OPERATION,
       C_RUNNING, C_N, C_GRAND = C_N, C_MEETING, C_TRAINING, C_ALL };

static const char *const column_words[C_ALL] = {
  "合计", "因公出国", "公务接待", "公务用车购置及运行", "购置费", "运行费",
  "机关运行", "总计", "会议费", "培训费",
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

/* A 合计 of its own, not the group's "“三公”经费合计". */
static gboolean
header_has_grand_total (const char *h)
{
  for (const char *p = strstr (h, "合计"); p; p = strstr (p + 1, "合计"))
    {
      gsize before = (gsize) (p - h);
      if (!(before >= 6 && (memcmp (p - 6, "经费", 6) == 0
                            || memcmp (p - 6, "三公", 6) == 0)))
        return TRUE;
    }
  return FALSE;
}

/* A header naming 会议费 or 培训费 beside the 三公 group: the two items go
 * last, in the header's order. A 合计 of its own (Jiangsu) covers them all
 * (合计 = 三公 小计 + 会议费 + 培训费) and goes first; a "“三公”经费合计"
 * (Wuxi) is the group's. */
static void
columns_add_extras (GArray *cols, const char *header)
{
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
  const char *meeting = strstr (h, column_words[C_MEETING]);
  const char *training = strstr (h, column_words[C_TRAINING]);
  if (!meeting && !training)
    return;
  int grand = C_GRAND, m = C_MEETING, t = C_TRAINING;
  if (header_has_grand_total (h))
    g_array_prepend_val (cols, grand);
  if (meeting && (!training || meeting < training))
    g_array_append_val (cols, m);
  if (training)
    g_array_append_val (cols, t);
  if (meeting && training && training < meeting)
    g_array_append_val (cols, m);
}

/* The header label of column C: with a grand total the 三公 合计 is named
 * so that it is not taken for the grand one. */
static const char *
column_label (const GArray *cols, int c)
{
  gboolean grand = cols->len && g_array_index (cols, int, 0) == C_GRAND;
  if (c == C_RUNNING)
    return "机关运行经费";   /* found as 机关运行: "机关运行经 / 费预算数" wraps */
  return c == C_TOTAL && grand ? "“三公”经费合计" : column_words[c];
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
values_core_columns (const char *header)
{
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
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
  gboolean running = pos[C_RUNNING] != G_MAXSIZE;
  if (running)
    pos[C_RUNNING] = G_MAXSIZE - 1;
  gboolean in_order = pos[C_TOTAL] != G_MAXSIZE;
  for (int c = 0; c < C_N; c++)
    if (c != C_TOTAL && pos[c] < pos[C_TOTAL])
      in_order = FALSE;
  if (!in_order)
    {
      GArray *cols = columns_standard ();
      int r = C_RUNNING;
      if (running)
        g_array_append_val (cols, r);
      return cols;
    }
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

static GArray *
values_columns (const char *header)
{
  GArray *cols = values_core_columns (header);
  columns_add_extras (cols, header);
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
      int all[] = { AT (C_TOTAL), AT (C_MEETING), AT (C_TRAINING) };
      identity_add (ids, AT (C_GRAND), all, G_N_ELEMENTS (all));
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
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
  guint b = count_of (h, "预算数"), f = count_of (h, "决算数");
  return b >= 2 && b == f;
}

/* Does candidate CAND put a figure other than 0 under another item than
 * CHOSEN? SLOTS: the item of each column, the car's 购置费 and 运行费 one
 * item (which of them a lone car figure is, the right-most guess says). */
static gboolean
placement_differs (const GArray *cand, const GArray *chosen, const gint64 *vals,
                   const GArray *slots)
{
  for (guint i = 0; i < cand->len && i < chosen->len; i++)
    {
      int a = g_array_index (cand, int, i), b = g_array_index (chosen, int, i);
      if (vals[i] != 0 && a != b
          && g_array_index (slots, int, a) != g_array_index (slots, int, b))
        return TRUE;
    }
  return FALSE;
}

static void
values_emit (TableBody *tb, BpLine *l, GPtrArray *toks, guint n,
             const GPtrArray *ids, const GArray *slots)
{
  g_autofree gint64 *vals = g_new0 (gint64, toks->len + 1);
  for (guint i = 0; i < toks->len; i++)
    token_amount (g_ptr_array_index (toks, i), &vals[i]);
  g_autoptr (GPtrArray) cands = placements_for (vals, toks->len, n, ids);
  /* Several fits: the right-most keeps 运行费 before 购置费, the usual case. */
  GArray *pos = g_ptr_array_index (cands, cands->len - 1);
  for (guint c = 0; slots && slots->len == n && c + 1 < cands->len; c++)
    if (placement_differs (cands->pdata[c], pos, vals, slots))
      {
        /* 1.50 may be 因公出国 or 公务接待: the figures alone cannot say. */
        g_autofree char *key = g_strdup_printf ("tables.%s.ambiguous", tb->table->id);
        g_autofree char *why = g_strdup_printf ("line %d: its figures fit the "
                                                "columns in more than one way", l->line);
        bp_document_set_meta (tb->doc, key, why);
        break;
      }
  g_autofree const char **cells = g_new0 (const char *, n + 1);
  for (guint i = 0; i < pos->len; i++)
    cells[g_array_index (pos, int, i)] = g_ptr_array_index (toks, i);
  BpRow *row = bp_table_add_row (tb->table, l->line);
  tb->table->end_line = MAX (tb->table->end_line, bp_line_end_line (l));
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
order_make (const int perm[3], gboolean purchase_first, gboolean running,
            const char *header)
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
  columns_add_extras (cols, header);
  return cols;
}

/* The arrangements of the three items: 因公出国 before 公务接待 first. */
static const int perms[][3] = {
  { C_ABROAD, C_VEHICLE, C_RECEPTION }, { C_ABROAD, C_RECEPTION, C_VEHICLE },
  { C_VEHICLE, C_ABROAD, C_RECEPTION }, { C_RECEPTION, C_VEHICLE, C_ABROAD },
  { C_RECEPTION, C_ABROAD, C_VEHICLE }, { C_VEHICLE, C_RECEPTION, C_ABROAD } };

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
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
  const char *abroad = strstr (h, column_words[C_ABROAD]);
  const char *reception = strstr (h, column_words[C_RECEPTION]);
  gboolean abroad_first = !abroad || !reception || abroad < reception;
  gboolean running = column_index (cols, C_RUNNING) >= 0;
  for (int pass = 0; pass < 2; pass++)
    for (guint p = 0; p < G_N_ELEMENTS (perms); p++)
      {
        gboolean a_first = p < 3;
        if ((pass == 0) != (a_first == abroad_first))
          continue;
        for (int purchase_first = 1; purchase_first >= 0; purchase_first--)
          {
            GArray *alt = order_make (perms[p], purchase_first, running, header);
            if (order_fits (alt, paired, vals, k))
              return alt;
            g_array_unref (alt);
          }
      }
  return NULL;
}

/* The item each of the K figures goes under in arrangement COLS (the car's
 * 购置费 and 运行费 as one); FALSE when they do not fit it. */
static gboolean
arrangement_items (GArray *cols, gboolean paired, const gint64 *vals, guint k,
                   int *items)
{
  guint n = cols->len * (paired ? 2 : 1);
  if (!order_fits (cols, paired, vals, k))
    return FALSE;
  g_autoptr (GPtrArray) ids = values_identities (cols, paired);
  g_autoptr (GPtrArray) cands = placements_for (vals, k, n, ids);
  GArray *pos = g_ptr_array_index (cands, cands->len - 1);
  for (guint i = 0; i < k && i < pos->len; i++)
    {
      int c = g_array_index (pos, int, i);
      int item = g_array_index (cols, int, paired ? c / 2 : c);
      items[i] = (item == C_OPERATION ? C_PURCHASE : item) * 2 + (paired ? c % 2 : 0);
    }
  return TRUE;
}

/* Plain text loses where the car group's heading stands: do two
 * arrangements that keep the header's 因公出国 / 公务接待 order both fit the
 * K joined figures, with some figure other than 0 under different items? */
static gboolean
joined_ambiguous (const char *header, GArray *cols, gboolean paired,
                  const gint64 *vals, guint k)
{
  g_autofree int *first = g_new0 (int, k), *other = g_new0 (int, k);
  gboolean have = arrangement_items (cols, paired, vals, k, first);
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
  const char *abroad = strstr (h, column_words[C_ABROAD]);
  const char *reception = strstr (h, column_words[C_RECEPTION]);
  gboolean abroad_first = !abroad || !reception || abroad < reception;
  gboolean running = column_index (cols, C_RUNNING) >= 0;
  for (guint p = 0; p < G_N_ELEMENTS (perms); p++)
    for (int purchase_first = 1; (p < 3) == abroad_first && purchase_first >= 0;
         purchase_first--)
      {
        g_autoptr (GArray) alt = order_make (perms[p], purchase_first, running, header);
        if (!arrangement_items (alt, paired, vals, k, have ? other : first))
          continue;
        for (guint i = 0; have && i < k; i++)
          if (vals[i] != 0 && first[i] != other[i])
            return TRUE;
        have = TRUE;
      }
  return FALSE;
}

/* Column count and identities: the footnote formulas, else the form's
 * (arranged to fit FIRST, the first row's K figures). */
static GPtrArray *
values_layout (TableBody *tb, const char *header, const gint64 *first, guint k,
               guint *n, GArray **slots)
{
  *slots = NULL;
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
      *slots = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint i = 0; i < *n; i++)
        {
          int item = g_array_index (cols, int, paired ? i / 2 : i);
          int slot = (item == C_OPERATION ? C_PURCHASE : item) * 2
                     + (paired ? (int) (i % 2) : 0);
          g_array_append_val (*slots, slot);
        }
      for (guint i = 0; i < *n; i++)
        {
          const char *word = column_label (cols, g_array_index (cols, int, paired ? i / 2 : i));
          const char *suffix = !paired ? "" : i % 2 ? "决算数" : "预算数";
          g_ptr_array_add (hrow, g_strconcat (word, suffix, NULL));
        }
    }
  bp_table_add_header_row (tb->table, hrow);
  return ids;
}

/* Plain pdftotext prints a one-row table's figures one or two per line, in
 * column order. They are joined into one row (in FIGURES and, spanning
 * their lines, *JOINED) when the joined figures fit the form's identities;
 * rows that are rows of their own (more figures together than the form has
 * columns) are kept apart. Figures that could be one row but add up in no
 * order mark the table unreadable (tables.<id>.unreadable). */
static gboolean
figures_one_per_line (TableBody *tb, const char *header, GPtrArray *lines,
                      GPtrArray *figures, BpLine *joined)
{
  if (figures->len < 2)
    return FALSE;
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  for (guint i = 0; i < figures->len; i++)
    {
      GPtrArray *toks = figures->pdata[i];
      for (guint j = 0; j < toks->len; j++)
        g_ptr_array_add (all, toks->pdata[j]);
    }
  g_autofree gint64 *vals = g_new0 (gint64, all->len);
  for (guint i = 0; i < all->len; i++)
    token_amount (all->pdata[i], &vals[i]);
  gboolean paired = header_paired (header);
  g_autoptr (GArray) cols = values_columns (header);
  GArray *alt = values_order_fitting (header, cols, paired, vals, all->len);
  guint n = cols->len * (paired ? 2 : 1);
  if (!alt && !order_fits (cols, paired, vals, all->len))
    {
      /* No more figures than the form's columns, yet no order adds up: a
       * wrong figure, or a stray one (a page number). Either way, say so. */
      if (all->len <= n)
        {
          g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", tb->table->id);
          g_autofree char *why = g_strdup_printf (
              "its %u figures, printed apart from line %d on, add up in no order "
              "of the columns its header names", all->len,
              ((BpLine *) lines->pdata[0])->line);
          bp_document_set_meta (tb->doc, key, why);
        }
      return FALSE;
    }
  if (alt)
    g_array_unref (alt);
  if (joined_ambiguous (header, cols, paired, vals, all->len))
    {
      g_autofree char *key = g_strdup_printf ("tables.%s.ambiguous", tb->table->id);
      g_autofree char *why = g_strdup_printf ("line %d: its figures fit the columns "
                                              "in more than one order",
                                              ((BpLine *) lines->pdata[0])->line);
      bp_document_set_meta (tb->doc, key, why);
    }
  GPtrArray *one = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (one, g_strdup (all->pdata[i]));
  *joined = *(BpLine *) lines->pdata[0];
  bp_line_set_end_line (joined, bp_line_end_line (lines->pdata[lines->len - 1]));
  g_ptr_array_set_size (figures, 0);
  g_ptr_array_add (figures, one);
  return TRUE;
}

/* A row with more figures than the columns the header names (groups by
 * year or by unit the form does not know): the figures cannot be placed,
 * the table is marked unreadable (tables.<id>.unreadable) and no identity
 * or field is taken from it. */
static void
values_mark_unplaced (TableBody *tb, GPtrArray *lines, GPtrArray *figures,
                      guint n)
{
  for (guint i = 0; i < figures->len; i++)
    {
      guint k = ((GPtrArray *) figures->pdata[i])->len;
      if (n == 0 || k <= n)
        continue;
      g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", tb->table->id);
      g_autofree char *why = g_strdup_printf (
          "line %d has %u figures for the %u columns its header names",
          ((BpLine *) lines->pdata[i])->line, k, n);
      bp_document_set_meta (tb->doc, key, why);
      return;
    }
}

/* The figures of a 合计 line ("合计  873.20  846.10 421.30 …", "合 计 …"),
 * without its label; NULL for any other line. */
static GPtrArray *
total_line_figures (const char *text)
{
  GPtrArray *toks = tokens_split (text);
  guint label = 0;
  g_autofree char *first = toks->len ? text_compact (toks->pdata[0]) : g_strdup ("");
  g_autofree char *second = toks->len > 1 ? text_compact (toks->pdata[1]) : g_strdup ("");
  if (g_str_equal (first, "合计") || g_str_equal (first, "总计"))
    label = 1;
  else if (g_str_equal (first, "合") && g_str_equal (second, "计"))
    label = 2;
  if (label)
    g_ptr_array_remove_range (toks, 0, label);
  if (label && tokens_all_numbers (toks))
    return toks;
  g_ptr_array_unref (toks);
  return NULL;
}

/* The body's figure lines: its 合计 lines when it has any (a table by unit,
 * "合计 873.20 …" then a row per unit, whose wrapped names leave lines of
 * figures only), else the lines made of figures only. */
static void
values_figure_lines (TableBody *tb, GPtrArray *lines, GPtrArray *figures)
{
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      GPtrArray *toks = total_line_figures (l->text);
      if (toks)
        {
          g_ptr_array_add (lines, l);
          g_ptr_array_add (figures, toks);
        }
    }
  if (lines->len)
    return;
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
}

/* The columns a wider table adds (会议费, 培训费) as its title names them
 * ("“三公”经费、会议费、培训费支出预算表"), when its header lacks them:
 * plain text prints the heading's last words among the figures
 * ("… 76.00 / 培训费 / 156.60 …"), past the header's lines. */
static void
header_add_title_words (TableBody *tb, GString *header)
{
  static const int extras[] = { C_MEETING, C_TRAINING };
  const char *title = tb->table->title;
  for (guint k = 0; title && k < G_N_ELEMENTS (extras); k++)
    {
      const char *word = column_words[extras[k]];
      g_autofree char *h_own = NULL;
      const char *h = compact_of (header->str, &h_own);
      if (strstr (title, word) && !strstr (h, word))
        g_string_append (header, word);
    }
}

/* The 三公 column a vertical table's row label names ("1、因公出国（境）
 * 费用", "其中：（1）公务用车购置费"), or -1. */
static int
vertical_column (const char *label)
{
  static const int order[] = { C_VEHICLE, C_ABROAD, C_RECEPTION, C_PURCHASE, C_OPERATION };
  static const char *const words[] = { "公务用车购置及运行", "因公出国", "公务接待",
                                       "购置", "运行" };
  g_autofree char *c_own = NULL;
  const char *c = compact_of (label, &c_own);
  const char *bare = c;
  while (*bare && (g_ascii_isdigit (*bare) || strchr ("()", *bare)))
    bare++;
  if (g_str_has_prefix (bare, "、"))
    bare += strlen ("、");
  if (g_str_equal (bare, "合计") || g_str_equal (bare, "总计"))
    return C_TOTAL;
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    if (strstr (c, words[k]))
      return order[k];
  return -1;
}

/* A 三公 table printed as a list, one item a line (福州, 泉州: 项目 |
 * 预算数, then 合计 | 1354.68, 1、因公出国（境）费用 | 5.38 …): its one row
 * of figures, the items as its header in their order. FALSE when a body
 * line is no "item figure" pair, an item comes twice, or there are fewer
 * than four (合计 among them). */
static gboolean
values_vertical (TableBody *tb)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) figures = g_ptr_array_new_with_free_func (g_free);
  gboolean seen[C_N] = { FALSE };
  BpLine *first = NULL, *last = NULL;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      if (toks->len < 2 || !token_is_number (toks->pdata[toks->len - 1]))
        return FALSE;
      g_autoptr (GString) label = g_string_new (NULL);
      for (guint k = 0; k + 1 < toks->len; k++)
        {
          if (token_is_number (toks->pdata[k]))
            return FALSE;
          g_string_append (label, toks->pdata[k]);
        }
      int c = vertical_column (label->str);
      if (c < 0 || seen[c])
        return FALSE;
      seen[c] = TRUE;
      g_ptr_array_add (labels, (gpointer) column_words[c]);
      g_ptr_array_add (figures, g_strdup (toks->pdata[toks->len - 1]));
      first = first ? first : l, last = l;
    }
  if (labels->len < 4 || !seen[C_TOTAL])
    return FALSE;
  GPtrArray *header = g_ptr_array_new ();
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (header, g_strdup (labels->pdata[i]));
  bp_table_add_header_row (tb->table, header);
  BpRow *row = bp_table_add_row (tb->table, first->line);
  for (guint i = 0; i < figures->len; i++)
    bp_row_add_cell (row, figures->pdata[i]);
  tb->table->end_line = MAX (tb->table->end_line, bp_line_end_line (last));
  return TRUE;
}

void
rows_build_values (TableBody *tb)
{
  if (values_vertical (tb))
    return;
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  g_autoptr (GString) header = g_string_new (NULL);
  for (guint i = 0; i < tb->header_lines->len; i++)
    g_string_append (header, ((BpLine *) g_ptr_array_index (tb->header_lines, i))->text);
  header_add_title_words (tb, header);
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  g_autoptr (GPtrArray) figures = g_ptr_array_new_with_free_func
      ((GDestroyNotify) g_ptr_array_unref);
  values_figure_lines (tb, lines, figures);
  BpLine joined;
  if (figures_one_per_line (tb, header->str, lines, figures, &joined))
    {
      g_ptr_array_set_size (lines, 1);
      lines->pdata[0] = &joined;
    }
  guint k = figures->len ? ((GPtrArray *) figures->pdata[0])->len : 0;
  g_autofree gint64 *first = g_new0 (gint64, k + 1);
  for (guint i = 0; i < k; i++)
    token_amount (g_ptr_array_index ((GPtrArray *) figures->pdata[0], i), &first[i]);
  guint n = 0;
  g_autoptr (GArray) slots = NULL;
  g_autoptr (GPtrArray) ids = values_layout (tb, header->str, first, k, &n, &slots);
  for (guint i = 0; i < lines->len; i++)
    values_emit (tb, lines->pdata[i], figures->pdata[i], MAX (n, 1), ids, slots);
  values_mark_unplaced (tb, lines, figures, n);
}
