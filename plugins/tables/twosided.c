/* Two-sided summary tables (收支总表, 财政拨款收支总表): income items on the
 * left, expense items on the right, in one printed line. In PDF text the
 * empty cells are gone, so each line is split at its item labels; 行次
 * numbers (决算 forms) are kept in their own cells, never read as amounts. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

static GRegex *re_item_start;

static void two_sided_confirm_plain (TableBody *tb);

typedef struct {
  GString *label;
  GPtrArray *nums;   /* char* (borrowed from the token array) */
} Run;

static gboolean
label_is_expense (const char *label)
{
  g_autofree char *c = text_compact (label);
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
  g_free (r);
}

static gboolean
starts_item (const char *text)
{
  g_autofree char *c = text_compact (text);
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
  const char *src = l->line == l->end_line ? bp_document_source_line (doc, l->line) : NULL;
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
      g_autoptr (GPtrArray) part = tokens_split (segment);
      const char *first = part->len ? part->pdata[0] : "";
      gboolean open = p != src && opens_cell (first, strlen (first), (int) (s - p));
      for (guint i = 0; i < part->len; i++)
        {
          gboolean o = i == 0 && open;
          g_array_append_val (*cell, o);
          g_ptr_array_add (toks, g_strdup (part->pdata[i]));
        }
      p = e;
    }
  g_autofree char *a = text_compact (l->text);
  GString *b = g_string_new (NULL);
  for (guint i = 0; i < toks->len; i++)
    g_string_append (b, toks->pdata[i]);
  g_autofree char *bc = text_compact (b->str);
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

static void
emit_side (BpRow *row, const Run *r, gboolean rownum, guint ncols,
           const GPtrArray *ids)
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
  g_autoptr (GPtrArray) cands = placements_for (vals, k, ncols, ids);
  GArray *pos = g_ptr_array_index (cands, 0);
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
  g_autofree char *h = text_compact (header);
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

/* Where the income side's figures end on a -layout page: the end of the
 * header's first amount heading ("预算数", "金额"), in characters; -1 when
 * the header has no positions or no such heading. */
static int
income_figures_end (const TableBody *tb)
{
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      const BpLine *h = tb->header_lines->pdata[i];
      const char *src = h->line == h->end_line ? bp_document_source_line (tb->doc, h->line) : NULL;
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
  const char *src = l->line == l->end_line ? bp_document_source_line (doc, l->line) : NULL;
  if (!src || income_end < 0)
    return FALSE;
  int col = 0;
  while (src[col] == ' ')
    col++;
  return col >= income_end;
}

static void
two_sided_line (TableBody *tb, BpLine *l, gboolean rownum,
                const GPtrArray *rcols, const GPtrArray *rids,
                const GPtrArray *lids, int income_end)
{
  g_autoptr (GArray) cell = NULL;
  g_autoptr (GPtrArray) toks = tokens_by_cell (tb->doc, l, &cell);
  if (!toks)
    toks = tokens_split (l->text);
  g_autoptr (GPtrArray) runs = runs_of (toks, cell);
  Run *side[2];
  line_sides (runs, side);
  if (side[0] && !side[1] && side[0]->label->len && lone_item_right (tb->doc, l, income_end))
    side[1] = side[0], side[0] = NULL;
  if (!side[0] && !side[1])
    return;
  BpRow *row = bp_table_add_row (tb->table, l->line);
  tb->table->end_line = MAX (tb->table->end_line, l->end_line);
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
  emit_side (row, side[0], rownum, 1, lids);
  emit_side (row, side[1], rownum, rcols->len, rids);
}

static gboolean
ends_with_label (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_split (text);
  return toks->len > 0 && !token_is_number (g_ptr_array_index (toks, toks->len - 1));
}

static gboolean
all_numbers (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_split (text);
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
  g_autofree char *c = text_compact (text);
  g_autoptr (GPtrArray) toks = tokens_split (text);
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
          cur->end_line = MAX (cur->end_line, l->end_line);
          continue;
        }
      cur = bp_line_new (l->text, l->line, l->end_line);
      g_ptr_array_add (out, cur);
    }
  return out;
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
  g_autofree char *hc = text_compact (htext->str);
  gboolean rownum = strstr (hc, "行次") || strstr (hc, "栏次");
  tb->has_row_numbers = rownum;
  g_autoptr (GPtrArray) rcols = right_columns (tb->table->type, htext->str);
  g_autoptr (GPtrArray) rids = identities_for (rcols);
  g_autoptr (GPtrArray) lids = g_ptr_array_new ();
  two_sided_header (tb, rownum, rcols);
  g_autoptr (GPtrArray) lines = logical_lines (tb->body_lines);
  int income_end = income_figures_end (tb);
  for (guint i = 0; i < lines->len; i++)
    two_sided_line (tb, g_ptr_array_index (lines, i), rownum, rcols, rids, lids, income_end);
  two_sided_confirm_plain (tb);
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
  g_autofree char *c = text_compact (label);
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
      g_autoptr (GPtrArray) toks = tokens_split (l->text);
      /* As printed: cleanup may have closed the gaps between cells. */
      const char *src = bp_document_source_line (tb->doc, l->line);
      g_autofree char *inner = g_strstrip (g_strdup (src ? src : l->text));
      single += toks->len <= 1;
      spaced += strstr (inner, "   ") != NULL;
    }
  return single * 2 > tb->body_lines->len && spaced * 10 < tb->body_lines->len;
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
