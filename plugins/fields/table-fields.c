/* fields plugin: canonical fields read from the typed tables.
 *
 * Tables are read by their labels, never by fixed positions: the summary
 * table by its row labels (本年收入合计, 收入总计 …, skipping 行次 columns),
 * the expenditure tables by their 合计 row and header names, the “三公” table
 * by header names (the 决算数 group in final accounts), and its figures are
 * used only when they add up, so a mangled row falls back to the text. */
#include "fields-private.h"

#include <stdlib.h>
#include <string.h>

static void
set_money_at (BpDocument *doc, const char *key, bp_fen v, const BpTable *t,
              int line)
{
  if (!bp_document_get_field (doc, key))
    bp_document_set_field (doc, key, BP_FIELD_MONEY, v, line, t->id);
}

static void
set_money (BpDocument *doc, const char *key, bp_fen v, const BpTable *t,
           const BpRow *r)
{
  set_money_at (doc, key, v, t, r->line);
}

static gboolean
is_row_number (const BpTable *t, const BpRow *r, guint col)
{
  g_autofree char *label = fields_column_label (t, col);
  if (strstr (label, "行次") || strstr (label, "栏次"))
    return TRUE;
  /* No header says so: a bare small integer before a money figure. */
  const char *s = fields_cell (r, col), *next = fields_cell (r, col + 1);
  return fields_match ("^\\s*[0-9]{1,3}\\s*$", s, NULL) && strchr (next, '.');
}

/* The figure that follows the label in cell COL, up to the next label. */
static gboolean
value_after (const BpTable *t, const BpRow *r, guint col, bp_fen *out)
{
  for (guint c = col + 1; c < r->cells->len; c++)
    {
      const char *s = g_ptr_array_index (r->cells, c);
      g_autofree char *norm = fields_norm (s);
      if (!*norm || is_row_number (t, r, c))
        continue;         /* an empty cell stands for no figure: look on */
      if (fields_match ("\\p{Han}", s, NULL))
        return FALSE;
      return fields_cell_amount (t, r, c, out);
    }
  return FALSE;
}

static char *
row_label (const char *cell)
{
  g_autofree char *s = fields_norm_label (cell);
  return bp_regex_remove (
      fields_regex ("^(?:[一二三四五六七八九十廿]+、|[(（][一二三四五六七八九十]+[)）])"),
      s);
}

static const char *
summary_key (const char *full_label, gboolean *seen_total)
{
  /* Plain text glues the column heading to a label: "收入总计预算". */
  g_autofree char *label = bp_regex_remove (fields_regex ("(?<=计)(?:预算|决算)数?$"),
                                             full_label);
  if (fields_match ("^(?:本年)?收入合计$|^(?:本年|当年)收入小计$", label, NULL))
    return "income.total";
  if (fields_match ("^(?:本年)?支出合计$|^(?:本年|当年)支出小计$", label, NULL))
    return "expense.total";
  if (fields_match ("^收入总计$", label, NULL))
    return "total.income";
  if (fields_match ("^支出总计$", label, NULL))
    return "total.expense";
  if (g_str_equal (label, "总计"))
    {
      /* Income side first, expenditure side second. */
      const char *key = *seen_total ? "total.expense" : "total.income";
      *seen_total = TRUE;
      return key;
    }
  /* Hangzhou prints the fund alone under 一、财政拨款: "一般公共预算" */
  if (fields_match ("^一般公共预算(?:(?:财政)?拨款(?:收入)?)?$", label, NULL))
    return "income.general_budget";
  return NULL;
}

/* What a summary table's labels give, before it is trusted. */
enum { SK_INCOME, SK_EXPENSE, SK_TOTAL_INCOME, SK_TOTAL_EXPENSE, SK_GENERAL, SK_N };
static const char *const sk_keys[SK_N] = {
  "income.total", "expense.total", "total.income", "total.expense",
  "income.general_budget" };

typedef struct {
  bp_fen v[SK_N];
  const BpRow *row[SK_N];   /* the row holding the label */
  gboolean has[SK_N];       /* a figure follows the label */
} SummaryRead;

static int
summary_index (const char *key)
{
  for (int k = 0; key && k < SK_N; k++)
    if (g_str_equal (key, sk_keys[k]))
      return k;
  return -1;
}

static void
summary_labels (const BpTable *t, SummaryRead *sr)
{
  memset (sr, 0, sizeof *sr);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      gboolean seen_total = FALSE;
      for (guint c = 0; c < r->cells->len; c++)
        {
          const char *cell = g_ptr_array_index (r->cells, c);
          /* every label summary_key knows holds 计 or 算: not a figure */
          if (!cell || (!strstr (cell, "计") && !strstr (cell, "算")))
            continue;
          g_autofree char *label = row_label (cell);
          int k = summary_index (*label ? summary_key (label, &seen_total) : NULL);
          if (k < 0 || sr->has[k])
            continue;     /* a later label may hold the figure */
          sr->has[k] = value_after (t, r, c, &sr->v[k]);
          if (sr->has[k] || !sr->row[k])
            sr->row[k] = r;
        }
    }
}


/* Every figure of the table (行次 numbers left out). */
static GArray *
summary_figures (const BpTable *t)
{
  GArray *figs = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < r->cells->len; c++)
        {
          bp_fen v;
          const char *s = g_ptr_array_index (r->cells, c);
          if (*s && !fields_match ("\\p{Han}", s, NULL) && !is_row_number (t, r, c)
              && fields_cell_amount (t, r, c, &v))
            g_array_append_val (figs, v);
        }
    }
  return figs;
}

/* Figures of the lines after T's last row that hold figures only, up to
 * the next table (fields_table_tail): plain text may print a summary's
 * closing figures there, after its note (深圳: "注：… / - 14 - / 15,480.26 /
 * 15,480.26", 收入总计 and 支出总计). */
static void
tail_figures (const BpDocument *doc, const BpTable *t, GArray *figs)
{
  int to = fields_table_tail (doc, t);
  for (int n = t->end_line + 1; n <= to; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_auto (GStrv) toks = bp_text_split_ws (s ? s : "");
      g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (bp_fen));
      bp_fen v;
      for (guint i = 0; toks[i]; i++)
        if (bp_amount_looks_like (toks[i])
            && bp_amount_parse (toks[i], t->unit, &v) == BP_AMOUNT_OK)
          g_array_append_val (got, v);
        else
          g_array_set_size (got, 0);
      if (got->len == g_strv_length (toks))
        g_array_append_vals (figs, got->data, got->len);
    }
}

static guint
figure_count (const GArray *figs, bp_fen v)
{
  guint n = 0;
  for (guint i = 0; i < figs->len; i++)
    n += g_array_index (figs, bp_fen, i) == v;
  return n;
}

static gboolean
figure_near (const GArray *figs, bp_fen v, bp_fen tol)
{
  for (guint i = 0; i < figs->len; i++)
    if (bp_amount_within (g_array_index (figs, bp_fen, i), v, tol))
      return TRUE;
  return FALSE;
}

/* The year's own totals as the line reader looks for them (a bare 收入合计
 * may be the grand total of a table that also prints 本年收入合计). */
static gboolean
is_year_income_label (const char *compact)
{
  return fields_match ("^(?:本年|当年)收入(?:合计|小计)$", compact, NULL);
}

static gboolean
is_year_expense_label (const char *compact)
{
  return fields_match ("^(?:本年|当年)支出(?:合计|小计)$", compact, NULL);
}

/* 本年收入合计 = 收入总计 − 上年结转 when the figures are printed too far
 * from their labels to pair (深圳), but the carry-over's parts are read
 * (fields_summary_carry_from_lines): taken when the difference is itself a
 * figure of the table (or nothing was carried over) and the larger share. */
static void
income_from_carry (BpDocument *doc, const BpTable *t, const GArray *figs, bp_fen top)
{
  bp_fen carry;
  int line;
  if (bp_document_get_field (doc, sk_keys[SK_INCOME])
      || !fields_summary_carry_from_lines (doc, t, &line, &carry))
    return;
  bp_fen income = top - carry;
  if (income > 0 && income >= carry
      && (carry == 0 || figure_near (figs, income, bp_rounding_tolerance (t->unit, 2))))
    set_money_at (doc, sk_keys[SK_INCOME], income, t, line);
}

/* 本年收入合计 / 本年支出合计 the cells did not give, read from the lines
 * (fields_summary_figure_from_lines) and taken only when the table's
 * identities confirm it: with TOP the 收入总计 = 支出总计, the figure is TOP
 * (nothing carried over) or TOP less another figure of the table (上年结转,
 * 年终结转), and then the larger share (a figure printed after the label may
 * be the carry-over's: the year's own figures are the bulk of its total). */
static void
summary_totals_from_lines (BpDocument *doc, const BpTable *t, const GArray *figs,
                           bp_fen top)
{
  static const int keys[2] = { SK_INCOME, SK_EXPENSE };
  gboolean (*const labels[2]) (const char *) = { is_year_income_label,
                                                 is_year_expense_label };
  bp_fen tol = bp_rounding_tolerance (t->unit, 2);
  for (int i = 0; i < 2; i++)
    {
      bp_fen v;
      int line;
      if (bp_document_get_field (doc, sk_keys[keys[i]])
          || !fields_summary_figure_from_lines (doc, t, labels[i], keys[i] == SK_INCOME,
                                                &line, &v)
          || v <= 0 || v > top)
        continue;
      gboolean own = v == top || (figure_near (figs, top - v, tol) && v >= top - v);
      if (own)
        set_money_at (doc, sk_keys[keys[i]], v, t, line);
    }
  income_from_carry (doc, t, figs, top);
  /* 西安: "3,643.37 本年支出合计", the 本年收入合计 label lines away. */
  bp_fen v;
  int line;
  if (!bp_document_get_field (doc, sk_keys[SK_INCOME])
      && fields_summary_figure_before_label (doc, t, is_year_expense_label, &line, &v)
      && v > 0 && v <= top
      && (v == top || (figure_near (figs, top - v, tol) && v >= top - v)))
    set_money_at (doc, sk_keys[SK_INCOME], v, t, line);
}

/* The left label numbered 一 is 一般公共预算拨款收入: "一、一般公共预算拨款收入"
 * alone on a line of T. */
static gboolean
general_budget_numbered_first (const BpDocument *doc, const BpTable *t)
{
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      g_autofree char *norm = s ? fields_norm_label (s) : NULL;
      gboolean seen_total = FALSE;
      if (norm && g_str_has_prefix (norm, "一、"))
        {
          g_autofree char *label = row_label (norm);
          if (g_strcmp0 (summary_key (label, &seen_total), sk_keys[SK_GENERAL]) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* 一般公共预算拨款收入 when plain text printed every income figure on the
 * line of an expenditure item (fields_summary_left_figures): those figures
 * are the income side's when they add up to 本年收入合计, and a summary
 * whose two sides number their items alike (一、一般公共预算拨款收入 opposite
 * 一、一般公共服务支出) prints the first income item's figure on the line of
 * the first expenditure item. */
static void
general_budget_from_lines (BpDocument *doc, const BpTable *t)
{
  const BpField *income = bp_document_get_field (doc, sk_keys[SK_INCOME]);
  bp_fen sum, first;
  guint count;
  int line;
  if (bp_document_get_field (doc, sk_keys[SK_GENERAL]) || !income
      || g_strcmp0 (income->table, t->id) != 0
      || !fields_summary_left_figures (doc, t, &sum, &count, &line, &first) || !line
      || !bp_amount_within (sum, income->value, bp_rounding_tolerance (t->unit, count + 1))
      || !general_budget_numbered_first (doc, t))
    return;
  set_money_at (doc, sk_keys[SK_GENERAL], first, t, line);
}

/* The grand total 收入总计 = 支出总计: the largest figure, printed on both
 * sides (so at least twice; a label glued to its neighbour may hide one
 * side's); 0 when the table has none. */
static bp_fen
summary_top (const GArray *figs)
{
  bp_fen top = 0;
  for (guint i = 0; i < figs->len; i++)
    top = MAX (top, g_array_index (figs, bp_fen, i));
  return top > 0 && figure_count (figs, top) >= 2 ? top : 0;
}

static void
read_summary (BpDocument *doc, const BpTable *t)
{
  SummaryRead sr;
  summary_labels (t, &sr);
  for (int k = 0; k < SK_N; k++)
    if (sr.has[k])
      set_money (doc, sk_keys[k], sr.v[k], t, sr.row[k]);
  g_autoptr (GArray) figs = summary_figures (t);
  bp_fen top = summary_top (figs);
  if (top > 0)
    summary_totals_from_lines (doc, t, figs, top);
  general_budget_from_lines (doc, t);
}

/* A summary whose figures the tables stage could not pair with their labels
 * (plain text printed them apart). Only what the table's identities confirm
 * is taken: 收入总计 = 支出总计 is its largest figure, printed on both sides
 * (so at least twice; a label glued to its neighbour may hide one side's);
 * 本年收入合计 / 本年支出合计 as read when it is that total or the total
 * less another figure of the table (上年结转, 年终结转). */
static void
read_summary_confirmed (BpDocument *doc, const BpTable *t)
{
  SummaryRead sr;
  summary_labels (t, &sr);
  g_autoptr (GArray) figs = summary_figures (t);
  tail_figures (doc, t, figs);
  bp_fen top = summary_top (figs);
  if (top <= 0)
    return;
  const BpRow *grand = sr.row[SK_TOTAL_INCOME] ? sr.row[SK_TOTAL_INCOME]
                                                : sr.row[SK_TOTAL_EXPENSE];
  if (grand)
    {
      set_money (doc, sk_keys[SK_TOTAL_INCOME], top, t, grand);
      set_money (doc, sk_keys[SK_TOTAL_EXPENSE], top, t,
                 sr.row[SK_TOTAL_EXPENSE] ? sr.row[SK_TOTAL_EXPENSE] : grand);
    }
  for (int k = SK_INCOME; k <= SK_EXPENSE; k++)
    if (sr.has[k] && sr.v[k] > 0 && sr.v[k] <= top
        && (sr.v[k] == top || figure_count (figs, top - sr.v[k]) > 0))
      set_money (doc, sk_keys[k], sr.v[k], t, sr.row[k]);
  summary_totals_from_lines (doc, t, figs, top);
  general_budget_from_lines (doc, t);
}

static const BpRow *
total_row (const BpTable *t)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      if (fields_row_is_total (r))
        return r;
    }
  return NULL;
}

/* A row that holds a class code ("205", "2050803") in a cell before COL. */
static gboolean
row_has_code (const BpRow *r, int col)
{
  for (int c = 0; c < col && c < (int) r->cells->len; c++)
    if (bp_text_is_class_code (g_ptr_array_index (r->cells, c)))
      return TRUE;
  return FALSE;
}

/* A table without a 合计 row may open with the department's own row, its
 * label the unit's name (深圳 支出总表: "深圳市…局（本级） 10,692.90 …"): the
 * first row with figures, when it has no class code, its class rows follow
 * it directly and its figure in the whole's column COL is the column's
 * largest. A second unit's row after it means a table of several units,
 * whose narrative speaks of each unit: its fields stay with the summary's
 * and the narrative's figures. */
static const BpRow *
unit_total_row (const BpTable *t, int col)
{
  const BpRow *first = NULL;
  bp_fen top = 0, v;
  guint seen = 0;
  for (guint i = 0; col >= 0 && i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      if (!fields_cell_amount (t, r, col, &v))
        continue;
      if (seen++ < 2 && !row_has_code (r, col) != !first)
        return NULL;      /* a coded first row, or a second unit's row */
      if (!first)
        top = v, first = r;
      else if (v > top)
        return NULL;
    }
  return first;
}

/* WORD (a pattern) is printed in the table's source lines (title to last
 * row). */
static gboolean
source_has_word (const BpDocument *doc, const BpTable *t, const char *word)
{
  for (int n = t->line; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      if (s && fields_match (word, s, NULL))
        return TRUE;
    }
  return FALSE;
}

/* The column found for a group's whole (基本支出) is its first part's when
 * its label also names that part (杭州 支出总表: 基本支出 printed over
 * 人员支出 | 日常公用支出, and no column of its own). */
static gboolean
names_a_part (const BpTable *t, int col, const char *part_words)
{
  g_autofree char *label = col >= 0 ? fields_column_label (t, (guint) col) : NULL;
  return part_words && label && fields_match (part_words, label, NULL);
}

/* A total row's figures: KEYS[0] the 合计 (NULL: not a field of this
 * table), KEYS[1..2] its two parts under the header words WORDS[1..2]. */
typedef struct {
  const char *keys[3];
  const char *words[3];
  const char *part_words;   /* parts of WORDS[1] (NULL: none in the table) */
} TotalSplit;

/* The parts read from the table's source lines (fields_total_row_from_lines)
 * in the header's column order, the form's (part 1 first) when the header
 * lacks one; FALSE when the table does not print both header words (its
 * columns were named from the form: funding sources under 人员经费 | 公用经费).
 * Plain text prints a header's words out of order, but the row's figures
 * in column order. */
static gboolean
total_split_from_lines (BpDocument *doc, const BpTable *t, const BpRow *r,
                        const TotalSplit *ts)
{
  int a = fields_find_column (t, ts->words[1], 0), b = fields_find_column (t, ts->words[2], 0);
  gboolean swap = a >= 0 && b >= 0 && b < a;
  bp_fen v[3];
  int line;
  if (!source_has_word (doc, t, ts->words[1]) || !source_has_word (doc, t, ts->words[2])
      || !fields_total_row_from_lines (doc, t, r, &line, v))
    return FALSE;
  /* A second table of the type (财政拨款支出表 typed as a 支出总表) has
   * its own 合计: its parts are the whole's only when that 合计 is the
   * whole the summary already gave. */
  const BpField *whole = ts->keys[0] ? bp_document_get_field (doc, ts->keys[0]) : NULL;
  if (whole && !bp_amount_within (whole->value, v[0], bp_rounding_tolerance (t->unit, 2)))
    return FALSE;
  if (ts->keys[0])
    set_money_at (doc, ts->keys[0], v[0], t, line);
  set_money_at (doc, ts->keys[1], swap ? v[2] : v[1], t, line);
  set_money_at (doc, ts->keys[2], swap ? v[1] : v[2], t, line);
  return TRUE;
}

/* The total row's cells under the header words. A row the tables stage
 * read incompletely is read from its source lines when FROM_LINES; parts
 * that do not add up to their whole (a column named from the form, not
 * the header: funding sources under 人员经费 | 公用经费) give nothing; a
 * yuan is allowed for a part printed without its fen. */
static void
read_total_split (BpDocument *doc, const BpTable *t, const TotalSplit *ts,
                  const char *whole_word, gboolean from_lines)
{
  const BpRow *r = total_row (t);
  bp_fen v[3];
  gboolean has[3] = { FALSE, FALSE, FALSE };
  for (guint k = 0; r && k < 3; k++)
    has[k] = fields_cell_amount (t, r, fields_find_column (t, ts->words[k], 0), &v[k]);
  if (names_a_part (t, fields_find_column (t, ts->words[1], 0), ts->part_words))
    has[1] = from_lines = FALSE;  /* its first part's figure, not the whole's;
                                     the row's lines give the parts' too */
  if (!(has[0] && has[1] && has[2]) && from_lines
      && total_split_from_lines (doc, t, r, ts))
    return;
  if (!r && (r = unit_total_row (t, fields_find_column (t, whole_word, 0))))
    for (guint k = 0; k < 3; k++)
      has[k] = fields_cell_amount (t, r, fields_find_column (t, ts->words[k], 0), &v[k]);
  if (!r)
    return;
  bp_fen whole;
  if (has[1] && has[2]
      && fields_cell_amount (t, r, fields_find_column (t, whole_word, 0), &whole)
      && !bp_amount_within (whole, v[1] + v[2], bp_rounding_tolerance (t->unit, 2) + 100))
    has[1] = has[2] = FALSE;
  for (guint k = 0; k < 3; k++)
    if (has[k] && ts->keys[k])
      set_money (doc, ts->keys[k], v[k], t, r);
}

static void
read_expense (BpDocument *doc, const BpTable *t)
{
  static const TotalSplit ts = {
    { "expense.total", "expense.basic", "expense.project" },
    { "合计|支出总计", "基本支出", "项目支出" }, "人员|公用" };
  /* 深圳 heads the whole 支出总计. */
  read_total_split (doc, t, &ts, "合计|支出总计", TRUE);
}

static void
read_expense_parts (BpDocument *doc, const BpTable *t)
{
  static const TotalSplit ts = {
    { NULL, "expense.basic", "expense.project" },
    { "合计|支出总计", "基本支出", "项目支出" }, "人员|公用" };
  /* Its cells only: a run of figures read from the lines could be the
   * fund's and stand for the 支出总表's parts that text failed to give. */
  read_total_split (doc, t, &ts, "合计|支出总计", FALSE);
}

static void
read_basic_split (BpDocument *doc, const BpTable *t, gboolean from_lines)
{
  /* 杭州 heads the second part 日常公用支出. */
  static const TotalSplit ts = {
    { NULL, "expense.personnel", "expense.public" },
    { "合计", "人员经费", "公用经费|日常公用支出" }, NULL };

  /* 决算 06 tables close with "人员经费合计 964.80 公用经费合计 40.19". */
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < r->cells->len; c++)
        {
          const char *cell = g_ptr_array_index (r->cells, c);
          /* Normalizing only drops spaces, quotes and brackets: a cell
           * without 费 and 计 cannot read as either label (issue 18: every
           * figure cell was normalized for this test). */
          if (!cell || !strstr (cell, "计") || !strstr (cell, "费"))
            continue;
          g_autofree char *label = row_label (cell);
          bp_fen v;
          const char *key = g_str_equal (label, "人员经费合计") ? ts.keys[1]
                            : g_str_equal (label, "公用经费合计") ? ts.keys[2] : NULL;
          if (key && value_after (t, r, c, &v))
            set_money (doc, key, v, t, r);
        }
    }
  /* Within a table that also splits 基本支出 | 项目支出, the parts add up
   * to 基本支出; its three figures from the lines would be 合计 | 基本 | 项目. */
  gboolean has_basic = fields_find_column (t, "基本支出", 0) >= 0;
  read_total_split (doc, t, &ts, has_basic ? "基本支出" : "合计", from_lines);
}

static void
read_basic (BpDocument *doc, const BpTable *t)
{
  read_basic_split (doc, t, TRUE);
}

static void
read_budget_basic (BpDocument *doc, const BpTable *t)
{
  read_basic_split (doc, t, FALSE);
}

/* ---- “三公” table --------------------------------------------------------- */

enum { TP_TOTAL, TP_OVERSEAS, TP_VEHICLE, TP_PURCHASE, TP_OPERATION,
       TP_RECEPTION, TP_N };
static const char *const tp_keys[TP_N] = {
  "three_public.total", "three_public.overseas", "three_public.vehicle",
  "three_public.vehicle_purchase", "three_public.vehicle_operation",
  "three_public.reception" };

static int
tp_item_of (const char *full_label)
{
  /* "公务接待决算数", "预算数合计": the group word is not the item; nor is
   * the number a 栏次 row under the headings gives ("小计3"). */
  g_autofree char *label = bp_regex_remove (
      fields_regex ("^(?:预算数?|决算数?)|(?:预算|决算)?数$|(?<=\\p{Han})[0-9]{1,2}$"),
      full_label);
  if (fields_match ("小计$|购置及运行(?:维护)?(?:费)?$", label, NULL))
    return TP_VEHICLE;
  if (fields_match ("购置(?:费)?$", label, NULL))
    return TP_PURCHASE;
  if (fields_match ("运行(?:维护)?(?:费)?$", label, NULL))
    return TP_OPERATION;
  if (strstr (label, "出国"))
    return TP_OVERSEAS;
  if (strstr (label, "接待"))
    return TP_RECEPTION;
  if (fields_match ("合计$|三公", label, NULL))
    return TP_TOTAL;
  return -1;
}

/* A table printing 会议费 and 培训费 beside the 三公 group opens with their
 * grand 合计 (三公 + 会议费 + 培训费); the 三公 group's own total is the
 * bare 小计 after it, before the group's items (江苏 公开表九: 合计 |
 * 小计 | 因公出国 …). Its column among FROM..TO-1, or -1 (the 合计 is the
 * 三公 total). */
static int
tp_group_total (const BpTable *t, int from, int to)
{
  if (fields_find_column (t, "会议费|培训费", from) < 0)
    return -1;
  gboolean grand = FALSE;
  for (int c = from; c < to; c++)
    {
      g_autofree char *label = fields_column_label (t, (guint) c);
      int k = tp_item_of (label);
      if (grand && g_str_equal (label, "小计"))
        return c;
      if (k == TP_TOTAL && !grand)
        grand = TRUE;
      else if (k >= 0)
        return -1;        /* an item before any 小计: the 合计 is the group's */
    }
  return -1;
}

/* The period a group of columns is headed by, 0 if none: 1 the year's
 * own (当年, 本年, the fiscal year's 2026年预算数), 2 another (上年,
 * 2025年, 增减变化). */
/* Group 1 of PATTERN in S, or NULL. */
static char *
match_group (const char *pattern, const char *s)
{
  GMatchInfo *info = NULL;
  if (!fields_match (pattern, s, &info))
    return NULL;
  char *g = g_match_info_fetch (info, 1);
  g_match_info_free (info);
  return g;
}

static int
tp_period (const BpDocument *doc, const char *label)
{
  g_autofree char *year = match_group ("(上年|当年|本年|增减|20[0-9]{2}年)", label);
  if (!year)
    return 0;
  if (g_str_equal (year, "当年") || g_str_equal (year, "本年"))
    return 1;
  return doc->year > 0 && atoi (year) == doc->year ? 1 : 2;
}

/* A table printing the items once per period (上年 | 当年 | 增减变化情况;
 * 2025年预算数 | 2026年预算数), each group opening with its 合计: the
 * columns FROM..TO-1 of the year's own. FALSE when the groups name
 * periods but none the year's. One group, groups that name no period
 * or two of the year (预算数 | 决算数): the whole table. */
static gboolean
tp_year_group (const BpDocument *doc, const BpTable *t, int *from, int *to)
{
  int w = (int) fields_table_width (t), starts[8], n = 0;
  for (int c = 0; c < w && n < 8; c++)
    {
      g_autofree char *label = fields_column_label (t, (guint) c);
      if (tp_item_of (label) == TP_TOTAL)
        starts[n++] = c;
    }
  *from = 0, *to = w;
  if (n < 2)
    return TRUE;
  int owns = 0;
  gboolean named = FALSE;
  for (int g = 0; g < n; g++)
    {
      int end = g + 1 < n ? starts[g + 1] : w, period = 0;
      for (int c = starts[g]; c < end && !period; c++)
        {
          g_autofree char *label = fields_column_label (t, (guint) c);
          period = tp_period (doc, label);
        }
      named |= period > 0;
      if (period == 1)
        owns++, *from = starts[g], *to = end;
    }
  if (owns != 1)
    *from = 0, *to = w;   /* 预算数 | 决算数 of one year: tp_columns chooses */
  return owns > 0 || !named;
}

/* Column of each item among FROM..TO-1; in final accounts the 决算数
 * group, else the first. */
static void
tp_columns (const BpTable *t, gboolean final, int from, int to, int cols[TP_N])
{
  int group = tp_group_total (t, from, to);
  for (int k = 0; k < TP_N; k++)
    cols[k] = -1;
  for (int c = from; c < to; c++)
    {
      g_autofree char *label = fields_column_label (t, (guint) c);
      int k = c == group ? TP_TOTAL : tp_item_of (label);
      if (k < 0 || (group >= 0 && c < group))
        continue;         /* the grand 合计 before the group */
      gboolean actual = strstr (label, "决算") != NULL;
      if (cols[k] < 0 || (final && (actual || !strstr (label, "预算"))))
        cols[k] = c;
    }
}

/* The year a row is labelled with ("2026年", in a 年度 column), 0 if none. */
static int
tp_row_year (const BpRow *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      g_autofree char *year = match_group ("^\\s*(20[0-9]{2})\\s*年\\s*$",
                                           g_ptr_array_index (r->cells, c));
      if (year)
        return atoi (year);
    }
  return 0;
}

/* The 合计 row, else the first row with figures; in a table of one row
 * per year (深圳: 2025年 | 2026年 | 增减变化金额), the fiscal year's, and
 * none when no row is that year's. */
static const BpRow *
tp_data_row (const BpDocument *doc, const BpTable *t)
{
  const BpRow *total = total_row (t), *first = NULL;
  gboolean years = FALSE;
  if (total)
    return total;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      int year = tp_row_year (r);
      years |= year > 0;
      if (year > 0 && year == doc->year)
        return r;
      for (guint c = 0; c < r->cells->len && !first; c++)
        if (bp_amount_looks_like (g_ptr_array_index (r->cells, c)))
          first = r;
    }
  return years ? NULL : first;
}

/* The table's own arithmetic: 合计 = 出国 + 车 + 接待, 车 = 购置 + 运行. */
static gboolean
tp_adds_up (const BpTable *t, const bp_fen v[TP_N], const gboolean has[TP_N])
{
  bp_fen tol = bp_rounding_tolerance (t->unit, 3);
  bp_fen veh = has[TP_VEHICLE] ? v[TP_VEHICLE]
               : v[TP_PURCHASE] * has[TP_PURCHASE] + v[TP_OPERATION] * has[TP_OPERATION];
  if (has[TP_VEHICLE] && (has[TP_PURCHASE] || has[TP_OPERATION])
      && !bp_amount_within (v[TP_VEHICLE], v[TP_PURCHASE] * has[TP_PURCHASE]
                            + v[TP_OPERATION] * has[TP_OPERATION], tol))
    return FALSE;
  if (has[TP_TOTAL]
      && !bp_amount_within (v[TP_TOTAL], v[TP_OVERSEAS] * has[TP_OVERSEAS] + veh
                            + v[TP_RECEPTION] * has[TP_RECEPTION], tol))
    return FALSE;
  return TRUE;
}

/* A final-accounts table prints 预算数 and 决算数 side by side. When the
 * column labels no longer say which is which, the figures cannot be told
 * apart: TRUE if the source text of the table mentions both. */
static gboolean
tp_groups_lost (const BpDocument *doc, const BpTable *t, const int cols[TP_N])
{
  for (int k = 0; k < TP_N; k++)
    if (cols[k] >= 0)
      {
        g_autofree char *label = fields_column_label (t, cols[k]);
        if (strstr (label, "决算"))
          return FALSE;
      }
  for (int n = t->line; n <= t->end_line; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      if (s && strstr (s, "决算数"))
        return TRUE;
    }
  return FALSE;
}

/* Source line S as "item label  figure" of a table printed one item a line
 * ("1、因公出国（境）费用  6.14", "其中：（1）公务用车购置费  0.00"): the
 * item in *ITEM, its figure in *V. 0: not such a line; -1: a line of an
 * item with two figures or more (预算数 | 决算数 side by side). */
static int
tp_item_line (const BpTable *t, const char *s, int *item, bp_fen *v)
{
  g_auto (GStrv) toks = bp_text_split_ws (s);
  guint n = g_strv_length (toks), figs = 0;
  while (n > 0 && bp_amount_looks_like (toks[n - 1]))
    n--, figs++;
  if (n == 0 || figs == 0)
    return 0;
  g_autoptr (GString) joined = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (joined, toks[i]);
  g_autofree char *label = row_label (joined->str);
  g_autofree char *bare = bp_regex_remove (
      fields_regex ("^(?:其中[:：]?)?(?:[0-9]{1,2}[、.]?)?"), label);
  *item = tp_item_of (bare);
  if (*item < 0)
    return 0;
  if (figs > 1)
    return -1;
  return bp_amount_parse (toks[n], t->unit, v) == BP_AMOUNT_OK ? 1 : 0;
}

/* A “三公” table printed one item a line, 合计 first (福州, 泉州: "合计 9.14 /
 * 1、因公出国（境）费用 6.14 / 2、公务接待费 1.00 / …"), which the tables
 * stage read as one row of columns: its items from the source lines up to
 * the next table (fields_table_tail), taken only when each item is printed
 * once with one figure and they add up (合计 = 出国 + 车 + 接待, 车 = 购置 +
 * 运行). */
static void
read_three_public_lines (BpDocument *doc, const BpTable *t)
{
  bp_fen v[TP_N] = { 0 };
  gboolean has[TP_N] = { FALSE };
  int lines[TP_N] = { 0 };
  int to = fields_table_tail (doc, t);
  guint items = 0;
  for (int n = t->line + 1; n <= to; n++)
    {
      const char *s = bp_document_source_line (doc, n);
      int k;
      bp_fen x;
      int got = s ? tp_item_line (t, s, &k, &x) : 0;
      if (got < 0 || (got > 0 && has[k]))
        return;           /* two groups of figures, or an item twice */
      if (got > 0)
        {
          v[k] = x, has[k] = TRUE, lines[k] = n;
          items++;
        }
    }
  if (!has[TP_TOTAL] || items < 3 || !tp_adds_up (t, v, has))
    return;
  for (int k = 0; k < TP_N; k++)
    if (has[k])
      set_money_at (doc, tp_keys[k], v[k], t, lines[k]);
}

static void
read_three_public (BpDocument *doc, const BpTable *t)
{
  gboolean final = doc->kind && g_str_equal (doc->kind, "final_accounts");
  int cols[TP_N];
  bp_fen v[TP_N] = { 0 };
  gboolean has[TP_N] = { FALSE };
  const BpRow *r = tp_data_row (doc, t);
  int from, to;

  g_autofree char *unreadable = g_strconcat ("tables.", t->id, ".unreadable", NULL);
  g_autofree char *ambiguous = g_strconcat ("tables.", t->id, ".ambiguous", NULL);
  if (!r || bp_document_get_meta (doc, unreadable) || bp_document_get_meta (doc, ambiguous))
    return;               /* figures the tables stage could not place for sure */
  if (!tp_year_group (doc, t, &from, &to))
    return;               /* which period is the year's? the narrative says */
  tp_columns (t, final, from, to, cols);
  if (final && tp_groups_lost (doc, t, cols))
    return;               /* budget or actual? the narrative says */
  for (int k = 0; k < TP_N; k++)
    has[k] = fields_cell_amount (t, r, cols[k], &v[k]);
  if (!tp_adds_up (t, v, has))
    {
      read_three_public_lines (doc, t);
      return;             /* cells out of place: the narrative decides */
    }
  for (int k = 0; k < TP_N; k++)
    if (has[k])
      set_money (doc, tp_keys[k], v[k], t, r);
}

static void
read_procurement (BpDocument *doc, const BpTable *t)
{
  const BpRow *r = total_row (t);
  int col = fields_find_column (t, "采购金额.*合计|合计.*采购金额", 0);
  bp_fen v;
  if (col < 0)
    col = fields_find_column (t, "^(?!.*(?:中小|小微|单价)).*(?:采购金额|采购预算)", 0);
  if (r && fields_cell_amount (t, r, col, &v))
    set_money (doc, "procurement.total", v, t, r);
}

/* Why the tables stage could not confirm how T's figures pair with their
 * labels, or NULL. */
static const char *
table_doubt (const BpDocument *doc, const BpTable *t)
{
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  return bp_document_get_meta (doc, key);
}

/* READ each table of TYPE; a doubtful one (see table_doubt) gives only what
 * READ_DOUBTFUL confirms, or nothing rather than a wrong field. */
static void
each_table (BpDocument *doc, const char *type,
            void (*read) (BpDocument *, const BpTable *),
            void (*read_doubtful) (BpDocument *, const BpTable *))
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      if (g_strcmp0 (t->type, type) != 0 || t->empty)
        continue;
      if (!table_doubt (doc, t))
        read (doc, t);
      else if (read_doubtful)
        read_doubtful (doc, t);
    }
}

void
fields_extract_tables (BpDocument *doc)
{
  each_table (doc, "income_expense_summary", read_summary, read_summary_confirmed);
  each_table (doc, "expense_summary", read_expense, NULL);
  /* 一般公共预算 is one fund of the 本年支出: its 合计 stands for the
   * whole only in a document without a 支出总表 (read, or misread). */
  each_table (doc, "general_budget_expense",
              bp_document_find_table (doc, "expense_summary") ? read_expense_parts
                                                              : read_expense, NULL);
  each_table (doc, "basic_expense", read_basic, NULL);
  each_table (doc, "general_budget_expense", read_budget_basic, NULL);
  each_table (doc, "three_public", read_three_public, NULL);
  each_table (doc, "procurement", read_procurement, NULL);
}
