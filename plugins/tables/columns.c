/* Amount columns of space-separated tables, their identities, and the
 * placements of a row's figures that agree with them. PDF extraction drops
 * empty cells, so "799.87 799.87" under 合计|基本支出|项目支出 must be put in
 * the columns where 合计 = 基本支出 + 项目支出 holds. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* Column names as forms print them, longest first so "事业单位经营收入" is
 * not read as "经营收入"; a name some forms word otherwise (Hangzhou:
 * 人员支出 | 日常公用支出 under 基本支出) is read as the usual one. */
static const struct { const char *text, *name; } column_vocab[] = {
  { "对附属单位补助支出", NULL }, { "专项业务经费", NULL }, { "事业单位经营支出", NULL },
  { "事业单位经营收入", NULL }, { "附属单位上缴收入", NULL }, { "上缴上级支出", NULL },
  { "财政拨款收入", NULL }, { "上级补助收入", NULL }, { "日常公用支出", "公用经费" },
  { "日常公用", "公用经费" },   /* its last word wrapped away (plain text) */
  { "基本支出", NULL }, { "项目支出", NULL }, { "人员经费", NULL }, { "公用经费", NULL },
  { "人员支出", "人员经费" }, { "经营支出", NULL }, { "事业收入", NULL },
  { "经营收入", NULL }, { "其他收入", NULL }, { "年初结转和结余", NULL },
  { "年末结转和结余", NULL }, { "小计", NULL }, { "合计", NULL },
};

static const char *const default_expense[] = {
  "合计", "基本支出", "项目支出", NULL };
static const char *const default_basic[] = {
  "合计", "人员经费", "公用经费", NULL };
static const char *const default_income[] = {
  "合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
  "附属单位上缴收入", "其他收入", NULL };

static GPtrArray *
columns_default (const char *type)
{
  const char *const *names = default_expense;
  if (g_strcmp0 (type, "basic_expense") == 0)
    names = default_basic;
  else if (g_strcmp0 (type, "income_summary") == 0)
    names = default_income;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; names[i]; i++)
    g_ptr_array_add (out, g_strdup (names[i]));
  return out;
}

typedef struct { gsize pos; const char *name; } Hit;

static gint
hit_cmp (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Known column names in HEADER (spaces removed), in reading order. */
static GArray *
columns_scan (const char *header)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree gboolean *taken = g_new0 (gboolean, strlen (header) + 1);
  for (guint v = 0; v < G_N_ELEMENTS (column_vocab); v++)
    {
      const char *text = column_vocab[v].text;
      gsize n = strlen (text);
      for (const char *p = strstr (header, text); p; p = strstr (p + n, text))
        {
          gsize pos = p - header;
          if (taken[pos])
            continue;
          memset (taken + pos, 1, n * sizeof (gboolean));
          Hit h = { pos, column_vocab[v].name ? column_vocab[v].name : text };
          g_array_append_val (hits, h);
        }
    }
  g_array_sort (hits, hit_cmp);
  return hits;
}

static gboolean columns_have (const GPtrArray *cols, const char *name);
static int column_of (const GPtrArray *cols, const char *name);

/* 基本支出 over 小计 | 人员经费 | 公用经费 (一般公共预算支出表): printed on
 * two header lines, read as 合计 | 基本支出 | 人员经费 | 公用经费 | 项目支出…. */
static void
columns_nest_basic (GPtrArray *cols)
{
  static const char *const nested[] = { "合计", "基本支出", "人员经费", "公用经费" };
  if (!columns_have (cols, "基本支出") || !columns_have (cols, "人员经费")
      || !columns_have (cols, "公用经费"))
    return;
  g_autoptr (GPtrArray) rest = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cols->len; i++)
    {
      const char *c = g_ptr_array_index (cols, i);
      gboolean skip = strcmp (c, "小计") == 0;
      for (guint j = 0; j < G_N_ELEMENTS (nested); j++)
        skip = skip || strcmp (c, nested[j]) == 0;
      if (!skip)
        g_ptr_array_add (rest, g_strdup (c));
    }
  g_ptr_array_set_size (cols, 0);
  for (guint j = 0; j < G_N_ELEMENTS (nested); j++)
    g_ptr_array_add (cols, g_strdup (nested[j]));
  for (guint i = 0; i < rest->len; i++)
    g_ptr_array_add (cols, g_strdup (g_ptr_array_index (rest, i)));
}

/* The header names 合计 first: the amount columns are the ones it names.
 * A group heading printed on a line above the 合计 line ("基本支出" over
 * 小计 | 人员经费 | 公用经费, Wuxi) comes first in reading order but is
 * placed by columns_nest_basic (when the header names both its parts). */
static gboolean
total_first (GArray *hits)
{
  gboolean heading = FALSE, subtotal = FALSE;
  guint total = hits->len, parts = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const char *name = g_array_index (hits, Hit, i).name;
      if (strcmp (name, "合计") == 0 && total == hits->len)
        total = i;
      else if (total == hits->len)
        heading |= strcmp (name, "基本支出") == 0;
      subtotal |= strcmp (name, "小计") == 0;
      parts += strcmp (name, "人员经费") == 0 || strcmp (name, "公用经费") == 0;
    }
  if (hits->len < 2 || total == hits->len)
    return FALSE;
  /* only "本年财政拨款基本支出" over 合计 | 人员经费 | 公用经费 names a
   * 基本支出 before 合计 without a 小计 under it: not a column */
  return total == 0 || (total == 1 && heading && subtotal && parts == 2);
}

/* The header without spaces, its 总计 read as 合计 when it names no 合计
 * (Chongqing heads the total column 总计; where both are printed, 总计 is
 * the grand total over groups that have their own 合计). */
static char *
total_named (const char *header_text)
{
  char *h = text_compact (header_text ? header_text : "");
  if (strstr (h, "合计"))
    return h;
  for (char *p = strstr (h, "总计"); p; p = strstr (p, "总计"))
    memcpy (p, "合计", strlen ("合计"));
  return h;
}

GPtrArray *
columns_for (const char *type, const char *header_text)
{
  g_autofree char *h = total_named (header_text);
  g_autoptr (GArray) hits = columns_scan (h);
  if (!total_first (hits))
    return columns_default (type);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (out, g_strdup (g_array_index (hits, Hit, i).name));
  columns_nest_basic (out);
  return out;
}

/* The name of a header cell: the known column name it ends with (a
 * heading printed above it in the same cell comes first), else its own
 * words. */
/* Other names of the 基本支出 parts (Hangzhou, Shanghai, Xi'an). */
static const struct { const char *printed, *name; } column_aliases[] = {
  { "人员支出", "人员经费" }, { "日常公用支出", "公用经费" },
  { "日常公用", "公用经费" },   /* its last word wrapped away (plain text) */ { "日常公用经费", "公用经费" },
};

static char *
cell_column_name (const char *cell, gboolean total_is_grand)
{
  g_autofree char *text = g_strdup (cell);
  /* the column's number from a "1 2 3" line under the header ("人员支出2") */
  gsize n = strlen (text);
  while (n > 0 && g_ascii_isdigit (text[n - 1]))
    n--;
  if (n > 0 && n < strlen (text) && (text[n - 1] & 0x80))
    text[n] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (column_aliases); i++)
    if (g_str_has_suffix (text, column_aliases[i].printed))
      return g_strdup (column_aliases[i].name);
  if (!total_is_grand)
    for (char *p = strstr (text, "总计"); p; p = strstr (p, "总计"))
      memcpy (p, "合计", strlen ("合计"));
  g_autoptr (GArray) hits = columns_scan (text);
  if (hits->len == 0)
    return g_steal_pointer (&text);
  const Hit *last = &g_array_index (hits, Hit, hits->len - 1);
  return g_strdup (last->name);
}

/* A comparison table (the central 一般公共预算支出表: 2025年执行数 |
 * 2026年预算数: 小计 | 基本支出 | 项目支出 | 增减额 | 增减(%)) has no 合计:
 * this year's total is the one 小计, printed right before 基本支出 and
 * 项目支出. */
static void
columns_subtotal_as_total (GPtrArray *cols)
{
  int sub = column_of (cols, "小计");
  if (sub < 0 || columns_have (cols, "合计") || (guint) sub + 2 >= cols->len
      || strcmp (cols->pdata[sub + 1], "基本支出") != 0
      || strcmp (cols->pdata[sub + 2], "项目支出") != 0)
    return;
  for (guint i = sub + 1; i < cols->len; i++)
    if (strcmp (cols->pdata[i], "小计") == 0)
      return;
  g_free (cols->pdata[sub]);
  cols->pdata[sub] = g_strdup ("合计");
}

GPtrArray *
columns_for_cells (GPtrArray *cells, guint first, const char *header_text)
{
  g_autofree char *h_own = NULL;
  const char *h = compact_of (header_text ? header_text : "", &h_own);
  gboolean total_is_grand = strstr (h, "合计") != NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = first; i < cells->len; i++)
    g_ptr_array_add (out, cell_column_name (((HeadCell *) cells->pdata[i])->text,
                                            total_is_grand));
  /* 基本支出 over 小计 | 人员经费 | 公用经费: its 小计 is the 基本支出 */
  int sub = column_of (out, "小计");
  if (sub >= 0 && strstr (h, "基本支出") && !columns_have (out, "基本支出")
      && column_of (out, "人员经费") > sub && column_of (out, "公用经费") > sub)
    {
      g_free (out->pdata[sub]);
      out->pdata[sub] = g_strdup ("基本支出");
    }
  columns_subtotal_as_total (out);
  return out;
}

void
identity_free (gpointer p)
{
  ColumnIdentity *id = p;
  if (!id)
    return;
  g_array_unref (id->parts);
  g_free (id);
}

static gboolean
columns_have (const GPtrArray *cols, const char *name)
{
  for (guint i = 0; i < cols->len; i++)
    if (strcmp (g_ptr_array_index (cols, i), name) == 0)
      return TRUE;
  return FALSE;
}

static int
column_of (const GPtrArray *cols, const char *name)
{
  for (guint i = 0; i < cols->len; i++)
    if (strcmp (g_ptr_array_index (cols, i), name) == 0)
      return i;
  return -1;
}

static ColumnIdentity *
identity_new (int total)
{
  ColumnIdentity *id = g_new0 (ColumnIdentity, 1);
  id->total = total;
  id->parts = g_array_new (FALSE, FALSE, sizeof (int));
  return id;
}

/* A column "其中…" is a part of the column before it, not of the total. */
static gboolean
column_of_which (const GPtrArray *columns, guint c)
{
  return g_str_has_prefix (g_ptr_array_index (columns, c), "其中");
}

/* A 小计 whose group's other columns are not known: the group's parts
 * printed after it may or may not be parts of the total. One followed by
 * 其中 columns only ("一般公共预算拨款" over 小计 | 其中：专项资金, Xi'an)
 * stands for its group. */
static gboolean
columns_have_bare_subtotal (const GPtrArray *columns)
{
  for (guint c = 0; c < columns->len; c++)
    if (strcmp (g_ptr_array_index (columns, c), "小计") == 0
        && (c + 1 >= columns->len || !column_of_which (columns, c + 1)))
      return TRUE;
  return FALSE;
}

/* A column that compares or restates figures rather than breaking the
 * total down: a change (增减额, 增减(%)), another period (执行数),
 * the total less a part (扣除中央基建投资后预算数). */
static gboolean
column_is_comparison (const char *name)
{
  static const char *const words[] = { "增减", "增长", "变动", "执行数", "扣除",
                                       "%", "比", NULL };
  for (guint i = 0; words[i]; i++)
    if (strstr (name, words[i]))
      return TRUE;
  return FALSE;
}

/* 合计 = the columns after it (a column before it, such as last year's
 * budget printed beside this year's, is no part; nor is a 其中 column
 * or a comparison column), 人员经费 and 公用经费 counted inside 基本支出
 * when it is there. No identity when the columns are not parts of a total
 * (a bare 小计, carry-over columns). */
GPtrArray *
identities_for (const GPtrArray *columns)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (identity_free);
  int first = column_of (columns, "合计");
  if (columns->len < 2 || first < 0
      || columns_have_bare_subtotal (columns) || columns_have (columns, "年初结转和结余"))
    return ids;
  int basic = column_of (columns, "基本支出");
  int pers = column_of (columns, "人员经费"), pub = column_of (columns, "公用经费");
  gboolean nested = basic > first && pers > first && pub > first;
  ColumnIdentity *total = identity_new (first);
  for (int c = first + 1; c < (int) columns->len; c++)
    if ((!nested || (c != pers && c != pub)) && !column_of_which (columns, c)
        && !column_is_comparison (g_ptr_array_index (columns, c)))
      g_array_append_val (total->parts, c);
  g_ptr_array_add (ids, total);
  if (nested)
    {
      ColumnIdentity *b = identity_new (basic);
      g_array_append_val (b->parts, pers);
      g_array_append_val (b->parts, pub);
      g_ptr_array_add (ids, b);
    }
  return ids;
}

static gboolean
identities_hold (const gint64 *cells, const gboolean *filled,
                 const GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (ids, i);
      bp_wide_fen sum = 0;   /* figures may reach int64's limits */
      gboolean any = FALSE;
      for (guint j = 0; j < id->parts->len; j++)
        {
          int c = g_array_index (id->parts, int, j);
          sum += filled[c] ? cells[c] : 0;
          any = any || filled[c];
        }
      bp_wide_fen tot = filled[id->total] ? cells[id->total] : 0;
      if (!filled[id->total] && !any)
        continue;
      if (ABS (tot - sum) > (bp_wide_fen) id->parts->len)
        return FALSE;
    }
  return TRUE;
}

/* A search for placements: the columns chosen so far (POS, DEPTH of
 * them) and the cells they fill, kept as the search goes rather than
 * rebuilt at every leaf (issue 18). */
typedef struct {
  const gint64 *values;
  guint k, n, limit;
  const GPtrArray *ids;
  GPtrArray *out;
  int pos[64];
  guint depth;
  gint64 cells[64];
  gboolean filled[64];
} PlacementSearch;

/* Tries every order-keeping placement of K values in N columns, until
 * LIMIT of them hold. */
static void
placements_enumerate (PlacementSearch *ps, guint start)
{
  if (ps->out->len >= ps->limit)
    return;
  if (ps->depth == ps->k)
    {
      if (identities_hold (ps->cells, ps->filled, ps->ids))
        g_ptr_array_add (ps->out, g_array_append_vals (g_array_sized_new (FALSE, FALSE,
                                                                          sizeof (int), ps->k),
                                                       ps->pos, ps->k));
      return;
    }
  for (guint c = start; c + (ps->k - ps->depth) <= ps->n; c++)
    {
      ps->cells[c] = ps->values[ps->depth];
      ps->filled[c] = TRUE;
      ps->pos[ps->depth++] = (int) c;
      placements_enumerate (ps, c + 1);
      ps->depth--;
      ps->filled[c] = FALSE;
      ps->cells[c] = 0;
    }
}

/* Placements of the K VALUES in N columns (N <= 16) that hold, LIMIT at
 * most, into OUT. */
static void
placements_search (const gint64 *values, guint k, guint n, const GPtrArray *identities,
                   GPtrArray *out, guint limit)
{
  PlacementSearch ps = { .values = values, .k = k, .n = n, .limit = limit,
                         .ids = identities, .out = out };
  placements_enumerate (&ps, 0);
}

static GArray *
placement_left (guint k)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < (int) k; i++)
    g_array_append_val (a, i);
  return a;
}

gboolean
placement_holds (const gint64 *values, const GArray *pos, guint n,
                 const GPtrArray *identities)
{
  gint64 cells[64] = { 0 };
  gboolean filled[64] = { FALSE };
  if (n > 64 || identities->len == 0)
    return FALSE;
  for (guint i = 0; i < pos->len; i++)
    {
      int c = g_array_index (pos, int, i);
      if (c < 0 || (guint) c >= n)
        return FALSE;
      cells[c] = values[i];
      filled[c] = TRUE;
    }
  return identities_hold (cells, filled, identities);
}

GPtrArray *
placements_for (const gint64 *values, guint k, guint n,
                const GPtrArray *identities)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (k >= n || n > 16 || identities->len == 0 || k == 0)
    {
      g_ptr_array_add (out, placement_left (MIN (k, n)));
      return out;
    }
  placements_search (values, k, n, identities, out, 64);
  if (out->len == 0)
    g_ptr_array_add (out, placement_left (k));
  return out;
}

gboolean
placement_fits (const gint64 *values, guint k, guint n, const GPtrArray *identities)
{
  if (k == 0 || k > n || n > 16 || identities->len == 0)
    return FALSE;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  /* one placement that holds is enough: the streams search asks this
   * again and again */
  placements_search (values, k, n, identities, out, 1);
  return out->len > 0;
}
