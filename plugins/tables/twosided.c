/* Two-sided summary tables (收支总表, 财政拨款收支总表): income items on the
 * left, expense items on the right, in one printed line. In PDF text the
 * empty cells are gone, so each line is split at its item labels; 行次
 * numbers (决算 forms) are kept in their own cells, never read as amounts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

static GRegex *re_item_start;
static GRegex *re_two_items;

static void two_sided_confirm_plain (TableBody *tb);
static void two_sided_confirm_groups (TableBody *tb);
static gboolean body_is_spaced (const TableBody *tb);

typedef struct {
  GString *label;
  GPtrArray *nums;   /* char* (borrowed from the token array) */
  GArray *spans;     /* int[2] per figure: its columns (read by position), or NULL */
} Run;

static gboolean
label_is_expense (const char *label)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (label, &c_own);
  return strstr (c, "支出") || strstr (c, "年末") || strstr (c, "年终")
         || strstr (c, "结余分配");
}

static gboolean
is_row_number (const char *tok)
{
  return token_is_number (tok) && !strchr (tok, '.') && !strchr (tok, ',')
         && strlen (tok) <= 3;
}

static void
run_free (gpointer p)
{
  Run *r = p;
  g_string_free (r->label, TRUE);
  g_ptr_array_unref (r->nums);
  if (r->spans)
    g_array_unref (r->spans);
  g_free (r);
}

static gboolean
starts_item (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return regex_matches (&re_item_start,
                        "^(?:[一二三四五六七八九十廿]{1,3}、|\\([一二三四五六七八九十廿]{1,3}\\)|\\d+[、.]|合计|总计|小计)", c);
}

static gboolean
label_complete (const char *s)
{
  static const char *const ends[] = { "收入", "支出", "结余", "结转", "合计",
                                      "总计", "拨款", "资金", "分配" };
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_str_has_suffix (s, ends[i]))
      return TRUE;
  return FALSE;
}

/* "上年结转结余 年终结转结余": two whole items side by side, unlike a label
 * the extraction spaced out ("收 入 总 计", "一、一般公共预算 拨款收入"). */
static gboolean
two_labels (const Run *cur, const char *tok)
{
  return cur->nums->len == 0 && g_utf8_strlen (tok, -1) >= 4
         && label_complete (cur->label->str) && label_complete (tok)
         && !g_str_has_suffix (tok, "收入");
}

/* Two words of one label are at most this many spaces apart on a
 * -layout line; a wider gap between two words is the gap between the
 * sides ("四、事业单位经营收入" … "国防动员  18.00"). */
#define SIDE_GAP 6

/* A word of two characters or more after a wide gap: the start of a cell. */
static gboolean
opens_cell (const char *word, gsize len, int gap)
{
  return gap >= SIDE_GAP && g_utf8_strlen (word, len) >= 2;
}

/* The tokens of L read from its -layout source line, with CELL[i] TRUE
 * where token i opens a cell (see opens_cell); NULL when L has no single
 * source line or the source does not give the tokens of its text. */
static GPtrArray *
tokens_by_cell (const BpDocument *doc, const BpLine *l, GArray **cell)
{
  const char *src = l->line == bp_line_end_line (l) ? bp_document_source_line (doc, l->line) : NULL;
  if (!src || strchr (src, '\t'))
    return NULL;
  GPtrArray *toks = g_ptr_array_new_with_free_func (g_free);
  *cell = g_array_new (FALSE, TRUE, sizeof (gboolean));
  const char *p = src;
  while (*p)
    {
      const char *s = p;
      while (*s == ' ')
        s++;
      const char *e = s;
      while (*e && *e != '\n' && *e != '\r' && !(e[0] == ' ' && g_str_has_prefix (e, "      ")))
        e++;
      if (e == s)
        break;
      g_autofree char *segment = g_strndup (s, e - s);
      /* a text of its own: split, not cached (it would push out a line's) */
      g_autoptr (GPtrArray) part = tokens_split (segment);
      const char *first = part->len ? part->pdata[0] : "";
      gboolean open = p != src && opens_cell (first, strlen (first), (int) (s - p));
      g_ptr_array_set_free_func (part, NULL);   /* its tokens move to TOKS */
      for (guint i = 0; i < part->len; i++)
        {
          gboolean o = i == 0 && open;
          g_array_append_val (*cell, o);
          g_ptr_array_add (toks, part->pdata[i]);
        }
      p = e;
    }
  g_autofree char *a_own = NULL;
  const char *a = compact_of (l->text, &a_own);
  GString *b = g_string_new (NULL);
  for (guint i = 0; i < toks->len; i++)
    g_string_append (b, toks->pdata[i]);
  g_autofree char *bc = text_compact (b->str);   /* not cached: see above */
  g_string_free (b, TRUE);
  if (!g_str_equal (a, bc))
    {
      g_clear_pointer (&toks, g_ptr_array_unref);
      g_clear_pointer (cell, g_array_unref);
    }
  return toks;
}

/* Splits TOKS into runs: [figures] label figures label figures; a label
 * word that opens a cell (CELL, may be NULL) after a label without figures
 * starts a run of its own. */
static GPtrArray *
runs_of (GPtrArray *toks, GArray *cell)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (run_free);
  Run *cur = NULL;
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      gboolean num = token_is_number (t);
      gboolean opens = cell && g_array_index (cell, gboolean, i);
      gboolean item = !num && cur && cur->label->len > 0
                      && (starts_item (t) || two_labels (cur, t) || opens);
      if (!cur || (!num && cur->nums->len > 0) || item)
        {
          cur = g_new0 (Run, 1);
          cur->label = g_string_new (NULL);
          cur->nums = g_ptr_array_new ();
          g_ptr_array_add (runs, cur);
        }
      if (num)
        g_ptr_array_add (cur->nums, (gpointer) t);
      else
        name_append (cur->label, t);
    }
  return runs;
}

/* Which run is the income side and which the expense side. A line that
 * starts with figures has an empty left item ("9 九、卫生健康支出 40 69.83":
 * 9 is the left 行次); a lone item goes where its name says. */
static void
line_sides (GPtrArray *runs, Run *side[2])
{
  side[0] = side[1] = NULL;
  if (runs->len == 0)
    return;
  Run *first = g_ptr_array_index (runs, 0);
  if (runs->len >= 2)
    {
      side[0] = first;
      side[1] = g_ptr_array_index (runs, 1);
    }
  else if (first->label->len == 0)
    side[0] = first;
  else
    side[label_is_expense (first->label->str) ? 1 : 0] = first;
}

/* Where the right side's amount columns stand on a space-aligned page:
 * the header's cells, and for each the amount column it heads (-1 for
 * none). */
typedef struct {
  GPtrArray *cells;   /* HeadCell* */
  GArray *column;     /* int, per cell */
} RightCells;

static void
right_cells_clear (RightCells *rc)
{
  g_clear_pointer (&rc->cells, g_ptr_array_unref);
  g_clear_pointer (&rc->column, g_array_unref);
}

/* The header cell of each of RCOLS, found by the first four characters of
 * its name ("国有资本经营预" is cut short): the rightmost cell naming it
 * (the income side has its own 金额), the columns left to right. Nothing
 * (RC->cells NULL) when a column is not found or there is one column. */
static void
right_cells_find (TableBody *tb, const GPtrArray *rcols, RightCells *rc)
{
  rc->cells = NULL;
  rc->column = NULL;
  if (rcols->len < 2)
    return;
  GPtrArray *cells = layout_header_cells (tb->doc, tb->header_lines);
  if (!cells)
    return;
  /* headings over the sides ("收入" / "支出") are no columns */
  for (guint i = cells->len; i-- > 0;)
    if (((HeadCell *) cells->pdata[i])->floating)
      g_ptr_array_remove_index (cells, i);
  GArray *column = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_set_size (column, cells->len);
  for (guint i = 0; i < cells->len; i++)
    g_array_index (column, int, i) = -1;
  int prev = -1;
  for (guint c = 0; c < rcols->len && prev < (int) cells->len; c++)
    {
      const char *name = g_ptr_array_index (rcols, c);
      const char *cut = g_utf8_offset_to_pointer (name, MIN (4, g_utf8_strlen (name, -1)));
      g_autofree char *key = g_strndup (name, cut - name);
      int found = -1;
      for (guint i = 0; i < cells->len; i++)
        if (strstr (((HeadCell *) cells->pdata[i])->text, key))
          found = i;
      if (found <= prev)
        prev = cells->len;   /* not found, or out of order */
      else
        g_array_index (column, int, found) = (int) c, prev = found;
    }
  if (prev >= (int) cells->len)
    {
      g_ptr_array_unref (cells);
      g_array_unref (column);
      return;
    }
  rc->cells = cells;
  rc->column = column;
}

/* The columns the K figures of a side stand under (SPANS, in figure
 * order), left to right; NULL when one stands under no amount column. */
static GArray *
side_placement_by_position (const RightCells *rc, const int *spans, guint k)
{
  if (!rc || !rc->cells || !spans)
    return NULL;
  GArray *pos = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < k; i++)
    {
      int at = spans[2 * i] < 0 ? -1 : layout_cell_of (rc->cells, spans[2 * i], spans[2 * i + 1]);
      int col = at < 0 ? -1 : g_array_index (rc->column, int, at);
      if (col < 0 || (i > 0 && col <= g_array_index (pos, int, i - 1)))
        {
          g_array_unref (pos);
          return NULL;
        }
      g_array_append_val (pos, col);
    }
  return pos;
}

/* The placement of the side's figures: where they stand (pdftotext
 * -layout: "568,051.63 568,051.63" under 合计 and 政府性基金预算, not
 * 一般公共预算) when that satisfies the identities or none does; else the
 * first that the identities allow. */
static GArray *
side_placement (const gint64 *vals, guint k, guint ncols, const GPtrArray *ids,
                const RightCells *rc, const int *spans)
{
  GArray *at = side_placement_by_position (rc, spans, k);
  if (at && (placement_holds (vals, at, ncols, ids) || !placement_fits (vals, k, ncols, ids)))
    return at;
  g_clear_pointer (&at, g_array_unref);
  g_autoptr (GPtrArray) cands = placements_for (vals, k, ncols, ids);
  return g_array_ref (g_ptr_array_index (cands, 0));
}

static void
emit_side (BpRow *row, const Run *r, gboolean rownum, guint ncols,
           const GPtrArray *ids, const RightCells *rc, const int *spans)
{
  bp_row_add_cell (row, r ? r->label->str : "");
  guint from = 0;
  if (rownum)
    {
      gboolean has = r && r->nums->len > 0
                     && is_row_number (g_ptr_array_index (r->nums, 0));
      bp_row_add_cell (row, has ? g_ptr_array_index (r->nums, 0) : "");
      from = has ? 1 : 0;
    }
  guint k = r ? r->nums->len - from : 0;
  g_autofree gint64 *vals = g_new0 (gint64, k + 1);
  for (guint i = 0; i < k; i++)
    token_amount (g_ptr_array_index (r->nums, from + i), &vals[i]);
  g_autoptr (GArray) pos = side_placement (vals, k, ncols, ids, rc, spans ? spans + 2 * from : NULL);
  g_autofree const char **cells = g_new0 (const char *, ncols + 1);
  for (guint i = 0; i < pos->len; i++)
    cells[g_array_index (pos, int, i)] = g_ptr_array_index (r->nums, from + i);
  for (guint c = 0; c < ncols; c++)
    bp_row_add_cell (row, cells[c] ? cells[c] : "");
  for (guint i = pos->len; i < k; i++)
    bp_row_add_cell (row, g_ptr_array_index (r->nums, from + i));
}

static GPtrArray *
right_columns (const char *type, const char *header)
{
  GPtrArray *cols = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header, &h_own);
  if (g_strcmp0 (type, "fiscal_summary") == 0 && strstr (h, "政府性基金"))
    {
      static const char *const names[] = { "合计", "一般公共预算",
                                           "政府性基金预算", "国有资本经营预算" };
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_ptr_array_add (cols, g_strdup (names[i]));
    }
  else
    g_ptr_array_add (cols, g_strdup ("金额"));
  return cols;
}

static void
two_sided_header (TableBody *tb, gboolean rownum, const GPtrArray *rcols)
{
  GPtrArray *h = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (h, g_strdup ("收入项目"));
  if (rownum)
    g_ptr_array_add (h, g_strdup ("行次"));
  g_ptr_array_add (h, g_strdup ("金额"));
  g_ptr_array_add (h, g_strdup ("支出项目"));
  if (rownum)
    g_ptr_array_add (h, g_strdup ("行次"));
  for (guint i = 0; i < rcols->len; i++)
    g_ptr_array_add (h, g_strdup (g_ptr_array_index (rcols, i)));
  bp_table_add_header_row (tb->table, h);
}

/* "30 61": only the two sides' row numbers. */
static gboolean
row_numbers_only (Run *side[2], gboolean rownum)
{
  return rownum && side[0] && !side[1] && side[0]->label->len == 0
         && side[0]->nums->len == 2
         && is_row_number (g_ptr_array_index (side[0]->nums, 0))
         && is_row_number (g_ptr_array_index (side[0]->nums, 1));
}

/* Where each figure of run R stands on L's source lines (int[2] per
 * figure), NULL when the line has no positions. */
static int *
run_spans (TableBody *tb, const BpLine *l, GPtrArray *toks, const Run *r)
{
  if (!r || !r->nums->len)
    return NULL;
  g_autoptr (GArray) spans = layout_token_spans (tb->doc, l, toks);
  if (!spans)
    return NULL;
  int *out = g_new (int, 2 * r->nums->len);
  for (guint i = 0; i < r->nums->len; i++)
    {
      guint t = 0;
      while (t < toks->len && toks->pdata[t] != r->nums->pdata[i])
        t++;
      const int *sp = t < toks->len ? &g_array_index (spans, int, 2 * t) : NULL;
      out[2 * i] = sp ? sp[0] : -1;
      out[2 * i + 1] = sp ? sp[1] : -1;
    }
  return out;
}

/* Where the income side's figures end on a -layout page: the end of the
 * header's first amount heading ("预算数", "金额"), in characters; -1 when
 * the header has no positions or no such heading. */
static int
income_figures_end (const TableBody *tb)
{
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      const BpLine *h = tb->header_lines->pdata[i];
      const char *src = h->line == bp_line_end_line (h) ? bp_document_source_line (tb->doc, h->line) : NULL;
      if (!src || strchr (src, '\t'))
        return -1;
      static const char *const words[] = { "预算数", "金额", "决算数" };
      const char *first = NULL, *word = NULL;
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        {
          const char *at = strstr (src, words[w]);
          if (at && (!first || at < first))
            first = at, word = words[w];
        }
      if (first)
        return (int) g_utf8_strlen (src, first - src) + (int) g_utf8_strlen (word, -1);
    }
  return -1;
}

/* A line with one item and its figures, standing right of the income
 * side's figures on a -layout page, is an expense item ("技校教育
 * 24,280.26" under 职业教育, its name saying nothing of 支出). */
static gboolean
lone_item_right (const BpDocument *doc, const BpLine *l, int income_end)
{
  const char *src = l->line == bp_line_end_line (l) ? bp_document_source_line (doc, l->line) : NULL;
  if (!src || income_end < 0)
    return FALSE;
  int col = 0;
  while (src[col] == ' ')
    col++;
  return col >= income_end;
}

/* The number of an item "三、…" / "十二、…" (1 to 99), 0 for none. */
static int
item_number (const char *label)
{
  static const gunichar digits[] = { 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94,
                                     0x516d, 0x4e03, 0x516b, 0x4e5d };  /* 一 … 九 */
  g_autofree char *c_own = NULL;
  const char *c = compact_of (label, &c_own);
  int tens = 0, units = 0;
  const char *p = c;
  for (; *p && !g_str_has_prefix (p, "、"); p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      guint d = 0;
      while (d < G_N_ELEMENTS (digits) && digits[d] != ch)
        d++;
      if (ch == 0x5341)   /* 十 */
        tens = units ? units : 1, units = 0;
      else if (d < G_N_ELEMENTS (digits))
        units = (int) d + 1;
      else
        return 0;
    }
  return *p && p != c ? tens * 10 + units : 0;
}

/* A lone item whose name says nothing of its side ("三、单位预留机动经费")
 * right under the expense side's item numbered one less ("二、项目支出",
 * the row's income side empty), the income side's last item not so
 * numbered (its 收入合计 printed), goes on with the expense side: plain
 * text prints the items apart from their row (js 财政拨款收支总表). */
static gboolean
continues_right_numbering (const BpTable *t, const char *label, gboolean rownum)
{
  int n = item_number (label);
  if (n < 2 || t->rows->len == 0)
    return FALSE;
  const BpRow *last = t->rows->pdata[t->rows->len - 1];
  const char *left = bp_row_cell (last, 0);
  const char *right = bp_row_cell (last, rownum ? 3 : 2);
  if ((left && *left) || !right || item_number (right) != n - 1)
    return FALSE;
  /* not when the income side's numbering goes on with it as well */
  for (guint i = t->rows->len; i-- > 0;)
    {
      const char *l = bp_row_cell (t->rows->pdata[i], 0);
      if (l && *l)
        return item_number (l) != n - 1;
    }
  return TRUE;
}

static void
two_sided_line (TableBody *tb, BpLine *l, gboolean rownum,
                const GPtrArray *rcols, const GPtrArray *rids,
                const GPtrArray *lids, const RightCells *rc, int income_end)
{
  g_autoptr (GArray) cell = NULL;
  g_autoptr (GPtrArray) toks = tokens_by_cell (tb->doc, l, &cell);
  if (!toks)
    toks = tokens_split (l->text);
  g_autoptr (GPtrArray) runs = runs_of (toks, cell);
  Run *side[2];
  line_sides (runs, side);
  if (side[0] && !side[1] && side[0]->label->len
      && (lone_item_right (tb->doc, l, income_end)
          || continues_right_numbering (tb->table, side[0]->label->str, rownum)))
    side[1] = side[0], side[0] = NULL;
  if (!side[0] && !side[1])
    return;
  BpRow *row = bp_table_add_row (tb->table, l->line);
  tb->table->end_line = MAX (tb->table->end_line, bp_line_end_line (l));
  if (row_numbers_only (side, rownum))
    {
      const char *cells[] = { "", g_ptr_array_index (side[0]->nums, 0), "", "",
                              g_ptr_array_index (side[0]->nums, 1) };
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        bp_row_add_cell (row, cells[i]);
      for (guint i = 0; i < rcols->len; i++)
        bp_row_add_cell (row, "");
      return;
    }
  g_autofree int *spans = rc->cells ? run_spans (tb, l, toks, side[1]) : NULL;
  emit_side (row, side[0], rownum, 1, lids, NULL, NULL);
  emit_side (row, side[1], rownum, rcols->len, rids, rc, spans);
}

static gboolean
ends_with_label (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  return toks->len > 0 && !token_is_number (g_ptr_array_index (toks, toks->len - 1));
}

static gboolean
all_numbers (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  for (guint i = 0; i < toks->len; i++)
    if (!token_is_number (g_ptr_array_index (toks, i)))
      return FALSE;
  return toks->len > 0;
}

/* PDF text breaks an item over lines ("二、政府性基金预算财政拨" + "款",
 * "一、一般公共预算财政拨款" + "2,940.05"): glue such pieces back. */
static gboolean
continues_item (const char *prev, const char *text)
{
  if (!ends_with_label (prev) || starts_item (text))
    return FALSE;
  if (all_numbers (text))
    return TRUE;
  /* A short tail without figures ("款", "出"), not a spaced-out label. */
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  for (guint i = 0; i < toks->len; i++)
    if (token_is_number (g_ptr_array_index (toks, i)))
      return FALSE;
  return g_utf8_strlen (c, -1) <= 3;
}

/* Logical lines: BpLine copies with broken items joined. */
static GPtrArray *
logical_lines (GPtrArray *lines)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  BpLine *cur = NULL;
  for (guint i = 0; i < lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (lines, i);
      if (cur && continues_item (cur->text, l->text))
        {
          GString *s = g_string_new (g_strchomp (cur->text));
          g_autofree char *piece = g_strstrip (g_strdup (l->text));
          name_append (s, piece);
          g_free (cur->text);
          cur->text = g_string_free (s, FALSE);
          bp_line_set_end_line (cur, MAX (bp_line_end_line (cur), bp_line_end_line (l)));
          continue;
        }
      cur = bp_line_new (l->text, l->line, bp_line_end_line (l));
      g_ptr_array_add (out, cur);
    }
  return out;
}

/* ---- -layout text: each side by position ---------------------------------
 *
 * Read token by token, a line whose item has no left counterpart puts its
 * right item on the left ("          三、单位预留机动经费   1,886.02"), and a
 * right item's figures printed on the line of a left item without figures
 * go to that left item. In -layout text every word keeps its column: the
 * right side starts where the right items' labels start, and each word
 * belongs to the side it stands on. */

/* The words of each body line (GArray of LayoutWord, NULL for a line
 * without positions), read once for the two passes below. */
static void
words_free (gpointer words)
{
  if (words)
    g_array_unref (words);
}

static GPtrArray *
body_words (const TableBody *tb)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (words_free);
  for (guint i = 0; i < tb->body_lines->len; i++)
    g_ptr_array_add (lines, layout_line_words (tb->doc, tb->body_lines->pdata[i]));
  return lines;
}

/* The column of the first item label standing right of a figure on the
 * line ("一、一般公共预算  13,297.11 一、基本支出": the 一、基本支出's), or
 * -1; *MORE when a further item label follows it (a third group of
 * columns: Jiangsu's 收支总表 lists spending by function and by use). */
static int
right_item_column (GArray *words, gboolean *more)
{
  gboolean after_figure = FALSE;
  guint labels_after_figures = 0;
  int col = -1;
  for (guint i = 0; i < words->len; i++)
    {
      const LayoutWord *w = &g_array_index (words, LayoutWord, i);
      gboolean figure = token_is_number (w->text);
      if (!figure && after_figure)
        {
          labels_after_figures++;
          if (col < 0 && starts_item (w->text))
            col = w->start;
        }
      after_figure = figure;
    }
  /* label figures label figures label…: a third group. */
  *more |= labels_after_figures >= 2;
  return col;
}

static gint
int_cmp (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* Where the right items start: the leftmost column at which two lines or
 * more start one after a figure (one line's may be indented further), or
 * the one line's that does; -1 when no line does, or a line has a third
 * group of items (not a two-sided table then). */
static int
right_side_column (GPtrArray *lines)
{
  g_autoptr (GArray) cols = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean more = FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      GArray *words = lines->pdata[i];
      int c = words ? right_item_column (words, &more) : -1;
      if (c >= 0)
        g_array_append_val (cols, c);
    }
  if (more || cols->len == 0)
    return -1;
  g_array_sort (cols, int_cmp);
  for (guint i = 0; i + 1 < cols->len; i++)
    if (g_array_index (cols, int, i + 1) - g_array_index (cols, int, i) <= 1)
      return g_array_index (cols, int, i);
  return cols->len == 1 ? g_array_index (cols, int, 0) : -1;
}

/* Index of the one label word standing right of a figure ("本年收入合计
 * 3,944.08 本年支出合计 3,944.08": 本年支出合计's), where the line itself
 * shows where its right side starts; -1 when none or several. */
static int
line_right_start (GArray *words)
{
  int at = -1;
  gboolean after_figure = FALSE;
  for (guint i = 0; i < words->len; i++)
    {
      gboolean figure = token_is_number (g_array_index (words, LayoutWord, i).text);
      if (!figure && after_figure)
        {
          if (at >= 0)
            return -1;
          at = (int) i;
        }
      after_figure = figure;
    }
  return at;
}

/* Does word W start the right side, whose items start near column RIGHT?
 * -layout columns drift by a few characters after wide text, so a label
 * counts from halfway there; a figure only a little before it (the left
 * figure printed just left of the right item: "13,297.11 一、基本支出"). */
static gboolean
starts_right_side (const LayoutWord *w, int right)
{
  return token_is_number (w->text) ? w->start >= right - 4 : w->start >= right / 2;
}

/* The item of side S (0 left, 1 right) of the line's WORDS, the right side
 * starting at word FROM (-1: by position, near column RIGHT): its label
 * words and its figures; NULL when the side is empty. */
static Run *
side_run (GArray *words, int from, int right, int s)
{
  Run *r = g_new0 (Run, 1);
  r->label = g_string_new (NULL);
  r->nums = g_ptr_array_new_with_free_func (g_free);
  r->spans = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  int side = 0;
  for (guint i = 0; i < words->len; i++)
    {
      const LayoutWord *w = &g_array_index (words, LayoutWord, i);
      side = side || (from >= 0 ? (int) i >= from : starts_right_side (w, right));
      if (side != s)
        continue;
      if (token_is_number (w->text))
        {
          int sp[2] = { w->start, w->end };
          g_ptr_array_add (r->nums, g_strdup (w->text));
          g_array_append_val (r->spans, sp);
        }
      else
        name_append (r->label, w->text);
    }
  if (r->label->len || r->nums->len)
    return r;
  run_free (r);
  return NULL;
}

typedef struct {
  BpLine *line;
  Run *side[2];
} SideRow;

static void
side_row_free (gpointer p)
{
  SideRow *r = p;
  for (int s = 0; s < 2; s++)
    if (r->side[s])
      run_free (r->side[s]);
  g_free (r);
}

/* The last row whose side S has a label and no figure yet, if it is one
 * of the last two rows (an item wrapped around its figures' line). */
static Run *
side_awaiting_figures (GPtrArray *rows, int s)
{
  for (guint k = rows->len; k-- > 0 && k + 2 >= rows->len;)
    {
      Run *r = ((SideRow *) rows->pdata[k])->side[s];
      if (r && r->label->len && !r->nums->len)
        return r;
    }
  return NULL;
}

/* Side S of line L into ROWS: a short tail ("出"; not a page's "表1")
 * ends the last label of that side, figures without a label go to a label above still waiting
 * for them; anything else is a new item. TRUE when it started a row. */
static gboolean
side_place (GPtrArray *rows, Run *run, int s, SideRow *row)
{
  if (!run)
    return FALSE;
  Run *above = NULL;
  if (!run->nums->len && !starts_item (run->label->str)
      && g_utf8_strlen (run->label->str, -1) <= 3 && !strpbrk (run->label->str, "0123456789"))
    for (guint k = rows->len; k-- > 0 && !above;)
      above = ((SideRow *) rows->pdata[k])->side[s];
  else if (!run->label->len)
    above = side_awaiting_figures (rows, s);
  if (!above || (run->label->len && !above->label->len))
    {
      row->side[s] = run;
      return TRUE;
    }
  g_string_append (above->label, run->label->str);
  for (guint i = 0; i < run->nums->len; i++)
    g_ptr_array_add (above->nums, g_strdup (run->nums->pdata[i]));
  g_array_append_vals (above->spans, run->spans->data, run->spans->len);
  run_free (run);
  return FALSE;
}

/* The rows of a -layout two-sided table whose right items start at column
 * RIGHT (LINES: body_words), or NULL when a line has no positions (then the table is read
 * token by token). */
static GPtrArray *
side_rows_by_position (const TableBody *tb, GPtrArray *lines, int right)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (side_row_free);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      GArray *words = lines->pdata[i];
      if (!words)
        {
          g_ptr_array_unref (rows);
          return NULL;
        }
      /* A line that shows its split moves the column (a page printed
       * further right); the others are split by position. */
      int from = line_right_start (words);
      if (from >= 0)
        right = g_array_index (words, LayoutWord, from).start;
      SideRow *row = g_new0 (SideRow, 1);
      row->line = l;
      gboolean l_new = side_place (rows, side_run (words, from, right, 0), 0, row);
      gboolean r_new = side_place (rows, side_run (words, from, right, 1), 1, row);
      if (l_new || r_new)
        g_ptr_array_add (rows, row);
      else
        side_row_free (row);
    }
  return rows;
}

/* -layout prints a figure too wide for its cell around its row's line:
 * its start above, its last digits below, under its end ("24995.9" /
 * "本年收入合计 24995.94 本年支出合计" / "4", a Fuzhou 收支预算总表). Read
 * line by line, the start went to an item above still waiting for a
 * figure and the row's item took the digits. The pieces (two decimals
 * between them, the digits under the start's end) are joined onto the
 * middle line, right of its last word, a label. */
static void
lines_join_wrapped_figures (GPtrArray *lines)
{
  for (guint i = 0; i + 2 < lines->len; i++)
    {
      GArray *top = lines->pdata[i], *mid = lines->pdata[i + 1], *bot = lines->pdata[i + 2];
      if (!top || !mid || !bot || top->len != 1 || bot->len != 1 || mid->len == 0)
        continue;
      LayoutWord *f = &g_array_index (top, LayoutWord, 0);
      LayoutWord *t = &g_array_index (bot, LayoutWord, 0);
      const LayoutWord *last = &g_array_index (mid, LayoutWord, mid->len - 1);
      const char *dot = strchr (f->text, '.');
      gsize tn = strlen (t->text);
      if (!dot || !token_is_number (f->text) || tn == 0 || strspn (t->text, "0123456789") != tn
          || strlen (dot + 1) + tn != 2 || token_is_number (last->text)
          || last->end > f->start || t->start < f->start || t->start > f->end + 2)
        continue;
      LayoutWord w = { f->start, MAX (f->end, t->end), g_strconcat (f->text, t->text, NULL) };
      g_array_append_val (mid, w);
      g_array_set_size (top, 0);
      g_array_set_size (bot, 0);
    }
}

/* -layout text: TRUE when the rows were read by position. */
static gboolean
two_sided_by_position (TableBody *tb, gboolean rownum, const GPtrArray *rcols,
                       const GPtrArray *rids, const GPtrArray *lids, const RightCells *rc)
{
  if (tb->tabbed || !body_is_spaced (tb))
    return FALSE;
  g_autoptr (GPtrArray) lines = body_words (tb);
  lines_join_wrapped_figures (lines);
  int right = right_side_column (lines);
  g_autoptr (GPtrArray) rows = right > 0 ? side_rows_by_position (tb, lines, right) : NULL;
  if (!rows)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      SideRow *sr = rows->pdata[i];
      BpRow *row = bp_table_add_row (tb->table, sr->line->line);
      tb->table->end_line = MAX (tb->table->end_line, bp_line_end_line (sr->line));
      const Run *r = sr->side[1];
      emit_side (row, sr->side[0], rownum, 1, lids, NULL, NULL);
      emit_side (row, r, rownum, rcols->len, rids, rc,
                 r && rc->cells ? (const int *) r->spans->data : NULL);
    }
  return TRUE;
}

void
rows_build_two_sided (TableBody *tb)
{
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  g_autoptr (GString) htext = g_string_new (NULL);
  for (guint i = 0; i < tb->header_lines->len; i++)
    g_string_append (htext, ((BpLine *) g_ptr_array_index (tb->header_lines, i))->text);
  g_autofree char *hc_own = NULL;
  const char *hc = compact_of (htext->str, &hc_own);
  gboolean rownum = strstr (hc, "行次") || strstr (hc, "栏次");
  tb->has_row_numbers = rownum;
  g_autoptr (GPtrArray) rcols = right_columns (tb->table->type, htext->str);
  g_autoptr (GPtrArray) rids = identities_for (rcols);
  g_autoptr (GPtrArray) lids = g_ptr_array_new ();
  two_sided_header (tb, rownum, rcols);
  RightCells rc;
  right_cells_find (tb, rcols, &rc);
  if (two_sided_by_position (tb, rownum, rcols, rids, lids, &rc))
    {
      right_cells_clear (&rc);
      two_sided_confirm_groups (tb);
      return;
    }
  g_autoptr (GPtrArray) lines = logical_lines (tb->body_lines);
  int income_end = income_figures_end (tb);
  for (guint i = 0; i < lines->len; i++)
    two_sided_line (tb, g_ptr_array_index (lines, i), rownum, rcols, rids, lids, &rc,
                    income_end);
  right_cells_clear (&rc);
  two_sided_confirm_plain (tb);
  two_sided_confirm_groups (tb);
}

/* ---- Plain text: is the label–figure pairing confirmed? -----------------
 *
 * Plain pdftotext prints a summary's cells on lines of their own and often
 * a page's figures apart from their labels, in an order of its own (a
 * column's figures after all the labels). Rows read line by line then pair
 * figures with the wrong items. A figure printed on no label's line (an
 * orphan) shows the pairing is not the printed one; such a reading is kept
 * only when the table's identities confirm it: each side's numbered items
 * add up to its 合计 (or 总计) and 收入总计 = 支出总计. Otherwise the table
 * is marked unreadable (meta "tables.<id>.unreadable": why), and later
 * stages take no fields and report no summary arithmetic from it. */

typedef struct {
  gint64 items, total, grand;
  guint n;
  gboolean has_total, has_grand, extra, checked, failed;
} SideSums;

static gboolean
label_is_numbered (const char *compact)
{
  const char *p = compact;
  while (*p && g_utf8_strchr ("一二三四五六七八九十廿", -1, g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p != compact && g_str_has_prefix (p, "、");
}

/* Rounding of N printed figures: half a unit of the last digit each. */
static gboolean
sums_agree (gint64 a, gint64 b, guint n)
{
  return ABS (a - b) <= (gint64) n + 1;
}

static void
side_take (SideSums *s, const char *label, const char *fig)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (label, &c_own);
  gint64 v = 0;
  gboolean has = fig && *fig && token_amount (fig, &v);
  if (!*c)
    return;
  if (g_str_has_suffix (c, "总计") && !s->has_grand)
    {
      s->has_grand = has, s->grand = v;
      /* 总计 = Σ items only when nothing (上年结转 …) was added. */
      if (has && !s->has_total && s->n && !s->extra && !s->checked)
        s->checked = TRUE, s->failed = !sums_agree (s->items, v, s->n);
    }
  else if (g_str_has_suffix (c, "合计") && !s->has_total)
    {
      s->has_total = has, s->total = v;
      if (has && s->n && !s->checked)
        s->checked = TRUE, s->failed = !sums_agree (s->items, v, s->n);
    }
  else if (label_is_numbered (c) && !s->has_total && !s->has_grand)
    s->items += v, s->n++;
  else if (has && v != 0 && !s->has_total)
    s->extra = TRUE;
}

static gboolean
row_side_orphan (const BpRow *r, guint label_col, guint fig_col)
{
  return !*bp_row_cell (r, label_col) && *bp_row_cell (r, fig_col);
}

/* Most body lines hold one cell and none is spaced into columns: plain
 * pdftotext, not -layout text (whose lines of one cell still sit in
 * columns several spaces apart from the others' cells). */
static gboolean
body_is_plain (const TableBody *tb)
{
  guint single = 0, spaced = 0;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (tb->body_lines, i);
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      /* As printed: cleanup may have closed the gaps between cells. */
      const char *src = bp_document_source_line (tb->doc, l->line);
      g_autofree char *inner = g_strstrip (g_strdup (src ? src : l->text));
      single += toks->len <= 1;
      spaced += strstr (inner, "   ") != NULL;
    }
  return single * 2 > tb->body_lines->len && spaced * 10 < tb->body_lines->len;
}

/* Most lines of several cells hold them spaced into columns: -layout
 * text, whose words' columns say which side they are on (text with one
 * space between cells says nothing). */
static gboolean
body_is_spaced (const TableBody *tb)
{
  guint several = 0, spaced = 0;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (tb->body_lines, i);
      const char *src = bp_document_source_line (tb->doc, l->line);
      g_autofree char *inner = g_strstrip (g_strdup (src ? src : l->text));
      g_autoptr (GPtrArray) toks = tokens_split (inner);   /* a copy: not cached */
      several += toks->len > 1;
      spaced += toks->len > 1 && strstr (inner, "   ") != NULL;
    }
  return several > 0 && spaced * 2 >= several;
}

static const char *
pairing_doubt (const TableBody *tb)
{
  const BpTable *t = tb->table;
  guint step = tb->has_row_numbers ? 2 : 1;
  guint lfig = step, rlab = lfig + 1, rfig = rlab + step;
  SideSums side[2] = { { 0 } };
  guint orphans = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      orphans += row_side_orphan (r, 0, lfig) + row_side_orphan (r, rlab, rfig);
      side_take (&side[0], bp_row_cell (r, 0), bp_row_cell (r, lfig));
      side_take (&side[1], bp_row_cell (r, rlab), bp_row_cell (r, rfig));
    }
  if (!orphans)
    return NULL;
  if (side[0].failed || side[1].failed)
    return "figures printed apart from their items do not add up to the sides' totals";
  if (side[0].has_grand && side[1].has_grand
      && !sums_agree (side[0].grand, side[1].grand, 1))
    return "figures printed apart from their items give 收入总计 ≠ 支出总计";
  if (!side[0].checked && !side[1].checked
      && !(side[0].has_grand && side[1].has_grand))
    return "figures printed apart from their items, and no total confirms their pairing";
  return NULL;
}

static void
two_sided_confirm_plain (TableBody *tb)
{
  if (tb->tabbed || !tb->table->rows->len || !body_is_plain (tb))
    return;
  const char *why = pairing_doubt (tb);
  if (!why)
    return;
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", tb->table->id);
  bp_document_set_meta (tb->doc, key, why);
}

/* ---- Three groups read as two: is every label one item? -----------------
 *
 * A summary whose 支出 side prints two classifications next to each other
 * (Jiangsu: 功能分类 and 支出用途, each numbered 一、二、…) has three groups
 * of columns; read as two sides, the two labels of a line are glued into
 * one cell ("一、一般公共服务支出一、基本支出") and the two groups' figures
 * share one column, so every side sum counts both classifications. */

/* Whether U is one of the numerals re_two_items counts items with. */
static gboolean
is_item_numeral (gunichar u)
{
  return g_utf8_strchr ("一二三四五六七八九十廿", -1, u) != NULL;
}

static gboolean
label_holds_two_items (const char *cell)
{
  /* A match holds two 、 (compacting keeps them) after a numeral leading
   * the compact text: most cells (figures) are answered here, without a
   * compact text (issue 18). */
  const char *first = strstr (cell, "、");
  gunichar head = compact_head_char (cell);
  if (!first || !strstr (first + strlen ("、"), "、") || (head && !is_item_numeral (head)))
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (cell, &c_own);
  return regex_matches (&re_two_items,
                        "^[一二三四五六七八九十廿]+、.*[^一二三四五六七八九十廿、]"
                        "[一二三四五六七八九十廿]+、", c);
}

/* A cell that is a bare count (a 序号 or 行次: "7", "37"), or -1. */
static int
row_count_cell (const char *cell)
{
  gsize n = cell ? strlen (cell) : 0;
  if (n == 0 || n > 3 || strspn (cell, "0123456789") != n)
    return -1;
  return atoi (cell);
}

/* Column C of T counts its rows (1, 2, 3, … on five rows running): a 序号
 * printed before the items (Xi'an 表4, four groups of columns), read as a
 * column of the sides, shifts each item off its figure. Row numbers the
 * reading kept as such (行次, has_row_numbers) are not asked about. */
static gboolean
column_counts_rows (const BpTable *t, guint c)
{
  int prev = -1;
  guint run = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      int v = c < r->cells->len ? row_count_cell (bp_row_cell (r, c)) : -1;
      run = v >= 0 && prev >= 0 && v == prev + 1 ? run + 1 : 0;
      if (run >= 4)
        return TRUE;
      prev = v;
    }
  return FALSE;
}

static const char *
groups_doubt (const TableBody *tb)
{
  const BpTable *t = tb->table;
  guint width = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      width = MAX (width, r->cells->len);
      for (guint c = 0; c < r->cells->len; c++)
        if (label_holds_two_items (bp_row_cell (r, c)))
          return "two columns of numbered items were read as one "
                 "(a side printed in two groups)";
    }
  for (guint c = 0; c < width && !tb->has_row_numbers; c++)
    if (column_counts_rows (t, c))
      return "a column of row numbers (序号) was read among the sides' cells";
  return NULL;
}

static void
two_sided_confirm_groups (TableBody *tb)
{
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", tb->table->id);
  const char *why = bp_document_get_meta (tb->doc, key) ? NULL : groups_doubt (tb);
  if (why)
    bp_document_set_meta (tb->doc, key, why);
}
