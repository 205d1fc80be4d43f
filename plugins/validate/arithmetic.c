/* validate: arithmetic rules: a table disagrees with itself.
 * Sums are exact in 元 tables; in 万元 tables each printed figure may be off
 * by 50 元, so a sum of n figures gets n × 50 元 of slack (SCHEMA.md). */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

/* Columns that hold figures: every non-empty cell is a figure, the column is
 * neither the code column nor a 行次/栏次 column. Empty columns count: the
 * footnote formulas number columns as printed (栏次). */
static gpointer
figure_columns_read (gconstpointer key)
{
  const BpTable *t = key;
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));
  guint width = 0;
  for (guint i = 0; i < t->rows->len; i++)
    width = MAX (width, ((BpRow *) t->rows->pdata[i])->cells->len);
  for (guint c = 0; c < width; c++)
    {
      const char *label = validate_column_label_peek (t, c);
      if (strstr (label, "行次") || strstr (label, "栏次") || strstr (label, "编码")
          || strstr (label, "代码"))
        continue;
      gboolean figures = TRUE, any = FALSE;
      for (guint i = 0; i < t->rows->len && figures; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          bp_fen v;
          gboolean empty;
          if (c == 0 && bp_row_code (r))
            figures = FALSE;
          else if (validate_cell_money (r, c, BP_UNIT_YUAN, &v, &empty))
            any = TRUE;
          else if (!empty)
            figures = FALSE;
        }
      if (figures && (any || *label))
        g_array_append_val (cols, c);
    }
  return cols;
}

/* figure_columns_read once per table and run (four rules ask it); unref
 * it when done, do not change it. */
static GArray *
figure_columns (const BpTable *t)
{
  return g_array_ref (validate_cache_get (VALIDATE_CACHE_FIGURE_COLUMNS, t,
                                         figure_columns_read));
}

/* ---- sum.children: 类 = Σ 款, 款 = Σ 项 ---------------------------------- */

/* PARENT (row I) against the sum of its children in column COL. A
 * difference already reported as an error in another column of the row
 * (SEEN) is one defect seen twice (a sub-item missing from the 合计 and the
 * 项目支出 columns alike): info here. */
static void
check_parent_column (ValidateRun *run, const BpTable *t,
                     const ValidateTableFacts *f, guint i, guint col, BpUnit unit,
                     GArray *seen)
{
  const BpRow *parent = t->rows->pdata[i];
  GArray *kids = f->children[i];
  bp_wide_fen want = 0;
  bp_fen got, v;
  gboolean any = FALSE, empty;
  if (!validate_cell_money (parent, col, unit, &got, &empty))
    return;
  for (guint k = 0; k < kids->len; k++)
    {
      const BpRow *r = t->rows->pdata[g_array_index (kids, guint, k)];
      if (validate_cell_money (r, col, unit, &v, &empty))
        {
          want += v;
          any = TRUE;
        }
    }
  /* A parent whose children leave this column empty is not broken down here. */
  if (!any)
    return;
  /* The message's part only for a finding: most sums hold. */
  g_autofree char *what = want == got ? NULL
    : validate_what ("%s %s [%s]: sum of its %u sub-items", f->class_code[i], f->label[i],
                     validate_column_label_peek (t, col), kids->len);
  bp_wide_fen diff = got - want;
  gboolean again = FALSE;
  for (guint k = 0; k < seen->len && !again; k++)
    again = g_array_index (seen, bp_wide_fen, k) == diff;
  if (validate_compare_money (run, again ? BP_SEVERITY_INFO : BP_SEVERITY_ERROR, parent->line,
                              t->id, want, got,
                              validate_table_tolerance (run->doc, t, kids->len + 1), what)
      && !again)
    g_array_append_val (seen, diff);
}

static void
check_sum_children (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (!validate_table_is_coded (t) || t->empty)
        continue;
      BpUnit unit = validate_table_unit (run->doc, t);
      const ValidateTableFacts *f = validate_table_facts (t);
      g_autoptr (GArray) cols = figure_columns (t);
      g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (bp_wide_fen));
      for (guint i = 0; i < t->rows->len; i++)
        {
          gboolean summed = f->class_code[i] && !f->ambiguous[i] && f->child_len[i];
          g_array_set_size (seen, 0);
          for (guint k = 0; summed && k < cols->len; k++)
            check_parent_column (run, t, f, i, g_array_index (cols, guint, k), unit, seen);
        }
    }
}

/* ---- sum.total: 合计 = Σ 类 -------------------------------------------- */

/* The sum in column COL of T's leaf rows (coded rows with no sub-item),
 * their count in *N. */
static bp_wide_fen
leaf_rows_sum (const BpTable *t, const ValidateTableFacts *f, guint col, BpUnit unit,
               guint *n)
{
  bp_wide_fen sum = 0;
  bp_fen v;
  *n = 0;
  for (guint i = 0; i < t->rows->len; i++)
    if (f->class_code[i] && !f->child_len[i]
        && validate_cell_money (t->rows->pdata[i], col, unit, &v, NULL))
      sum += v, (*n)++;
  return sum;
}

/* A 合计 off the sum of the 类 beyond their rounding but equal to the sum
 * of the leaf rows within theirs (a Wuxi budget 基本支出 in 万元: 301 printed
 * 23,647.92, its 12 items 23,647.94, 合计 = the items): the totals were
 * added from rounded items, each level rounded apart. Any 类 off its own
 * items is sum.children's to report; here it is rounding. */
static gboolean
total_is_leaf_sum (ValidateRun *run, const BpTable *t, const ValidateTableFacts *f,
                   guint col, BpUnit unit, bp_wide_fen want, guint n, bp_fen got)
{
  /* Only figures converted to a larger unit (万元) are rounded level by
   * level; in 元 a 类 off the 合计 is a defect of its own. Rows printed
   * apart have their own reason (validate_downgrade_misread). */
  g_autofree char *apart = g_strconcat ("tables.", t->id, ".rows_apart", NULL);
  if (validate_table_tolerance (run->doc, t, 1) < 100
      || bp_document_get_meta (run->doc, apart)
      || validate_sum_within (want, got, validate_table_tolerance (run->doc, t, n + 1)))
    return FALSE;
  guint leaves;
  bp_wide_fen leaf_sum = leaf_rows_sum (t, f, col, unit, &leaves);
  return leaves > n
         && validate_sum_within (leaf_sum, got, validate_table_tolerance (run->doc, t, leaves + 1));
}

static void
check_total_row (ValidateRun *run, const BpTable *t, const BpRow *total,
                 GArray *cols, BpUnit unit)
{
  const ValidateTableFacts *f = validate_table_facts (t);
  for (guint i = 0; i < t->rows->len; i++)
    if (f->code_len[i] == f->top_len && f->ambiguous[i])
      return;
  for (guint k = 0; k < cols->len; k++)
    {
      guint col = g_array_index (cols, guint, k);
      bp_wide_fen want = 0;
      bp_fen got, v;
      guint n = 0;
      if (!validate_cell_money (total, col, unit, &got, NULL))
        continue;
      for (guint i = 0; i < t->rows->len; i++)
        if (f->code_len[i] == f->top_len
            && validate_cell_money (t->rows->pdata[i], col, unit, &v, NULL))
          want += v, n++;
      if (!n)
        continue;
      g_autofree char *label = want == got ? NULL : validate_row_label (total);
      g_autofree char *what = want == got ? NULL
        : validate_what ("%s [%s]: sum of the %u top-level items", label,
                         validate_column_label_peek (t, col), n);
      BpSeverity beyond = total_is_leaf_sum (run, t, f, col, unit, want, n, got)
                          ? BP_SEVERITY_INFO : BP_SEVERITY_ERROR;
      validate_compare_money (run, beyond, total->line, t->id, want,
                              got, validate_table_tolerance (run->doc, t, n + 1), what);
    }
}

static void
check_sum_total (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (!validate_table_is_coded (t))
        continue;
      const ValidateTableFacts *f = validate_table_facts (t);
      /* Only a table that lists 类 rows (3 digits) sums to its 合计. */
      if (f->top_len != 3)
        continue;
      BpUnit unit = validate_table_unit (run->doc, t);
      g_autoptr (GArray) cols = figure_columns (t);
      for (guint i = 0; i < t->rows->len; i++)
        {
          const char *label = f->label[i];
          /* Only the whole table's total: not "人员经费合计" of a group. */
          if (!f->class_code[i]
              && (g_str_equal (label, "合计") || g_str_equal (label, "总计")
                  || g_str_equal (label, "支出合计") || g_str_equal (label, "本年支出合计")))
            check_total_row (run, t, t->rows->pdata[i], cols, unit);
        }
    }
}

/* ---- columns.total: 合计 column = Σ its component columns -------------- */

/* Last part of a column label: "基本支出/小计" → "小计". */
static const char *
label_leaf (const char *label)
{
  const char *slash = strrchr (label, '/');
  return slash ? slash + 1 : label;
}

static gboolean
is_total_word (const char *s)
{
  return g_str_equal (s, "合计") || g_str_equal (s, "总计") || g_str_equal (s, "小计")
         || g_str_has_suffix (s, "合计");
}

/* An identity: column TOTAL equals the sum of PARTS (column indices). */
typedef struct {
  guint total;
  GArray *parts;
  GArray *doubtful; /* parts the header does not settle (see header_identities) */
  char *origin;   /* "header" or the footnote formula */
} ColumnIdentity;

static void
column_identity_free (gpointer p)
{
  ColumnIdentity *ci = p;
  g_array_unref (ci->parts);
  g_array_unref (ci->doubtful);
  g_free (ci->origin);
  g_free (ci);
}

static ColumnIdentity *
column_identity_new (guint total, const char *origin)
{
  ColumnIdentity *ci = g_new0 (ColumnIdentity, 1);
  ci->total = total;
  ci->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  ci->doubtful = g_array_new (FALSE, FALSE, sizeof (guint));
  ci->origin = g_strdup (origin);
  return ci;
}

/* From the header: the first figure column labelled 合计/总计 is the sum of
 * the other top-level columns; a group's 小计 is the sum of the group. A
 * column "其中…" is a part of a part and stays out. */
/* Length of the "group/" prefix every figure column's label shares
 * ("本年一般公共预算基本支出/合计", ".../人员经费"), 0 if none. */
static gsize
shared_group_prefix (const BpTable *t, GArray *cols)
{
  const char *first = validate_column_label_peek (t, g_array_index (cols, guint, 0));
  const char *slash = strchr (first, '/');
  if (!slash)
    return 0;
  gsize len = slash - first + 1;
  for (guint k = 1; k < cols->len; k++)
    {
      const char *label = validate_column_label_peek (t, g_array_index (cols, guint, k));
      if (strncmp (label, first, len) != 0)
        return 0;
    }
  return len;
}

/* A column's label without the group every figure column shares. */
static char *
figure_label (const BpTable *t, guint col, gsize shared)
{
  const char *label = validate_column_label_peek (t, col);
  return g_strdup (strlen (label) >= shared ? label + shared : label);
}

/* Figure column K is a 小计 followed by a 其中 column: the subtotal of a
 * group whose heading the header lost. The group may be a part of the
 * total (一般公共预算拨款 | 小计 | 其中：专项资金, Xi'an) or a memo across
 * it (2026年政府采购项目 | 小计 | 其中：…中小企业, Shenzhen): the figures
 * tell (settle_doubtful_parts). */
static gboolean
subtotal_of_which (const BpTable *t, GArray *cols, guint k, gsize shared)
{
  if (k + 1 >= cols->len)
    return FALSE;
  g_autofree char *label = figure_label (t, g_array_index (cols, guint, k), shared);
  g_autofree char *next = figure_label (t, g_array_index (cols, guint, k + 1), shared);
  return g_str_equal (label, "小计") && g_str_has_prefix (next, "其中");
}

/* 合计 = 基本支出 + 项目支出 is the whole of spending: columns after that
 * pair (北京 03表: 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出, under
 * a 其中 heading the header may lose) may be parts or memos of them, and
 * the figures tell (settle_doubtful_parts). */
static void
spending_memo_columns (const BpTable *t, ColumnIdentity *top, gsize shared)
{
  if (top->parts->len < 3)
    return;
  g_autofree char *basic = figure_label (t, g_array_index (top->parts, guint, 0), shared);
  g_autofree char *project = figure_label (t, g_array_index (top->parts, guint, 1), shared);
  if (!g_str_equal (basic, "基本支出") || !g_str_equal (project, "项目支出"))
    return;
  for (guint k = 2; k < top->parts->len; k++)
    g_array_append_val (top->doubtful, g_array_index (top->parts, guint, k));
}

static void
header_identities (const BpTable *t, GArray *cols, GPtrArray *out)
{
  if (cols->len < 3)
    return;
  gsize shared = shared_group_prefix (t, cols);
  g_autofree char *first = figure_label (t, g_array_index (cols, guint, 0), shared);
  if (strchr (first, '/') || !is_total_word (first))
    return;
  ColumnIdentity *top = column_identity_new (g_array_index (cols, guint, 0), "header");
  g_ptr_array_add (out, top);
  for (guint k = 1; k < cols->len; k++)
    {
      guint c = g_array_index (cols, guint, k);
      g_autofree char *label = figure_label (t, c, shared);
      if (!*label || strstr (label, "其中"))
        continue;
      const char *slash = strchr (label, '/');
      if (!slash)
        {
          g_array_append_val (top->parts, c);
          if (subtotal_of_which (t, cols, k, shared))
            g_array_append_val (top->doubtful, c);
          continue;
        }
      /* Grouped column: the group's 小计 represents it at the top level. */
      g_autofree char *group = g_strndup (label, slash - label);
      if (is_total_word (label_leaf (label)))
        {
          g_array_append_val (top->parts, c);
          ColumnIdentity *sub = column_identity_new (c, "header");
          for (guint j = k + 1; j < cols->len; j++)
            {
              guint cj = g_array_index (cols, guint, j);
              g_autofree char *lj = figure_label (t, cj, shared);
              if (!g_str_has_prefix (lj, group) || lj[strlen (group)] != '/')
                break;
              g_array_append_val (sub->parts, cj);
              k = j;
            }
          if (sub->parts->len >= 2)
            g_ptr_array_add (out, sub);
          else
            column_identity_free (sub);
        }
      else
        g_array_append_val (top->parts, c);
    }
  if (top->parts->len < 2)
    g_ptr_array_remove (out, top);
  else
    spending_memo_columns (t, top, shared);
}

/* Footnote formulas kept by the tables stage: "col:1=2+3;row:27=1+2". */
static void
formula_column_identities (const BpDocument *doc, const BpTable *t,
                           GArray *cols, GPtrArray *out)
{
  g_autofree char *key = g_strdup_printf ("tables.%s.formulas", t->id);
  const char *formulas = bp_document_get_meta (doc, key);
  g_auto (GStrv) items = formulas ? g_strsplit (formulas, ";", -1) : NULL;
  for (guint i = 0; items && items[i]; i++)
    {
      if (!g_str_has_prefix (items[i], "col:"))
        continue;
      g_auto (GStrv) sides = g_strsplit (items[i] + 4, "=", 2);
      g_auto (GStrv) terms = sides[1] ? g_strsplit (sides[1], "+", -1) : NULL;
      guint lhs = (guint) atoi (sides[0]);
      if (!terms || lhs < 1 || lhs > cols->len)
        continue;
      g_autofree char *origin = validate_what ("footnote %s栏=%s栏", sides[0], sides[1]);
      ColumnIdentity *ci = column_identity_new (g_array_index (cols, guint, lhs - 1), origin);
      for (guint j = 0; terms[j]; j++)
        {
          guint n = (guint) atoi (terms[j]);
          if (n >= 1 && n <= cols->len)
            g_array_append_val (ci->parts, g_array_index (cols, guint, n - 1));
        }
      g_ptr_array_add (out, ci);
    }
}

/* TRUE when R, a 合计 row, is blank in column C while other rows print a
 * figure other than 0 there: the 合计's figure was lost in reading (plain
 * text printing it after the table's note: "合计 / 注：… / 202.24"), not
 * nothing spent. */
static gboolean
total_part_lost (const BpTable *t, guint ri, guint c, BpUnit unit)
{
  const BpRow *r = t->rows->pdata[ri];
  if (!validate_table_facts (t)->is_total[ri])
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *o = t->rows->pdata[i];
      bp_fen v;
      if (o != r && validate_cell_money (o, c, unit, &v, NULL) && v != 0)
        return TRUE;
    }
  return FALSE;
}

/* One row's reading of one identity (identity_row_sums). */
typedef struct {
  gboolean applies;   /* FALSE: no total figure, or nothing can be said */
  bp_wide_fen want;   /* the sum of the parts */
  bp_fen got, tol;    /* the total printed, the tolerance */
} RowSums;

/* Row RI's parts and total under CI into S; FALSE (S->applies) when the
 * row has no total figure. */
static gboolean
identity_row_sums (ValidateRun *run, const BpTable *t, guint ri,
                   const ColumnIdentity *ci, BpUnit unit, RowSums *s)
{
  const BpRow *r = t->rows->pdata[ri];
  bp_fen v;
  guint filled = 0;
  s->applies = FALSE;
  s->want = 0;
  if (!validate_cell_money (r, ci->total, unit, &s->got, NULL))
    return FALSE;
  for (guint j = 0; j < ci->parts->len; j++)
    if (validate_cell_money (r, g_array_index (ci->parts, guint, j), unit, &v, NULL))
      s->want += v, filled++;
    else if (total_part_lost (t, ri, g_array_index (ci->parts, guint, j), unit))
      return FALSE;
  /* A total with every part blank: the row's figures were not spread over
   * the columns (PDF layout), nothing can be said. */
  if (!filled && s->got != 0)
    return FALSE;
  s->tol = validate_table_tolerance (run->doc, t, ci->parts->len + 1);
  return s->applies = TRUE;
}

/* Reports row RI's sums S (applying) against CI. */
static void
identity_row_report (ValidateRun *run, const BpTable *t, guint ri,
                     const ColumnIdentity *ci, const RowSums *s)
{
  const BpRow *r = t->rows->pdata[ri];
  if (s->want == s->got)   /* holds: counted, no message to build */
    {
      validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id, s->want, s->got,
                              s->tol, NULL);
      return;
    }
  g_autofree char *label = validate_row_label (r);
  const char *column = validate_column_label_peek (t, ci->total);
  /* origin "header" is a key (see below); a footnote's is its formula */
  const char *origin = g_str_equal (ci->origin, "header") ? bp_gettext ("header") : ci->origin;
  g_autofree char *what = validate_what ("%s [%s]: sum of its %u component columns (%s)",
                                         *label ? label : bp_gettext ("row"), column,
                                         ci->parts->len, origin);
  validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id, s->want, s->got, s->tol,
                          what);
}

/* TRUE when row I is the second half of a row the PDF layout split: it has
 * neither code nor label and the row above carries only its total. */
static gboolean
split_row (const BpTable *t, guint i, const ColumnIdentity *ci, BpUnit unit)
{
  const BpRow *r = t->rows->pdata[i];
  if (i == 0 || bp_row_code (r))
    return FALSE;
  const BpRow *above = t->rows->pdata[i - 1];
  bp_fen v;
  if (!validate_cell_money (above, ci->total, unit, &v, NULL))
    return FALSE;
  for (guint j = 0; j < ci->parts->len; j++)
    if (validate_cell_money (above, g_array_index (ci->parts, guint, j), unit, &v, NULL))
      return FALSE;
  /* last: the label column parses the row's cells (the memo above is cheap) */
  return bp_row_label_column (r) < 0;
}

/* A row with neither code nor label. */
static gboolean
row_unlabelled (const BpRow *r)
{
  return bp_row_label_column (r) < 0 && !bp_row_code (r);
}

/* TRUE when row I is a fragment of rows plain text printed a cell to a
 * line: unlabelled, as is a row next to it ("177,090.43 100,855.28" /
 * "0.00" / "0.00 59,306.59", gz 收入总体情况表). Which columns its
 * figures belong to is unknown. */
static gboolean
fragment_row (const BpTable *t, guint i)
{
  if (!row_unlabelled (t->rows->pdata[i]))
    return FALSE;
  return (i > 0 && row_unlabelled (t->rows->pdata[i - 1]))
         || (i + 1 < t->rows->len && row_unlabelled (t->rows->pdata[i + 1]));
}

/* TRUE when row R prints figures other than 0 under no heading and its
 * total is the sum of CI's parts and those figures: the header was read
 * with fewer columns than the row has (gz 收入总体情况表 with a heading
 * lost: 7.78 of 其他收入 under none), a part of the total among them. A
 * row whose figures under no heading are no part of its total (sz 支出总表's
 * 政府采购 memo columns) is checked as ever. */
static gboolean
total_takes_unheaded (ValidateRun *run, const BpTable *t, const BpRow *r,
                      const ColumnIdentity *ci, BpUnit unit)
{
  bp_wide_fen want = 0;
  bp_fen v, got;
  guint unheaded = 0;
  if (!validate_cell_money (r, ci->total, unit, &got, NULL))
    return FALSE;
  for (guint c = 2; c < r->cells->len; c++)
    {
      const char *label = validate_column_label_peek (t, c);
      if (!*label && validate_cell_money (r, c, unit, &v, NULL) && v != 0)
        want += v, unheaded++;
    }
  for (guint j = 0; j < ci->parts->len; j++)
    if (validate_cell_money (r, g_array_index (ci->parts, guint, j), unit, &v, NULL))
      want += v;
  bp_fen tol = validate_table_tolerance (run->doc, t, ci->parts->len + unheaded + 1);
  return unheaded > 0 && validate_sum_within (want, got, tol);
}

/* Why which columns make up row I's total is unknown (for CI), or NULL. */
static const char *
row_columns_unknown (ValidateRun *run, const BpTable *t, guint i, const ColumnIdentity *ci,
                     BpUnit unit)
{
  if (fragment_row (t, i))
    return bp_gettext ("the row is a piece of one printed a cell to a line");
  if (g_str_equal (ci->origin, "header")
      && total_takes_unheaded (run, t, t->rows->pdata[i], ci, unit))
    return bp_gettext ("the row prints figures under no heading of the header");
  return NULL;
}

/* The findings from index FROM on are kept as info: WHY they say nothing
 * of the document. They still count as failed checks of their table. */
static void
demote_findings_since (ValidateRun *run, guint from, const char *why)
{
  for (guint k = from; k < run->doc->findings->len; k++)
    {
      BpFinding *f = run->doc->findings->pdata[k];
      if (f->severity != BP_SEVERITY_ERROR)
        continue;
      f->severity = BP_SEVERITY_INFO;
      char *msg = validate_what ("%s (not reported as an error: %s)", f->message, why);
      g_free (f->message);
      f->message = msg;
    }
}

/* Rows of T that CI applies to (*ROWS) and that satisfy it (return); each
 * row's sums into SUMS (one a row of T), a split row's as not applying. */
static guint
identity_rows_holding (ValidateRun *run, const BpTable *t, const ColumnIdentity *ci,
                       BpUnit unit, guint *rows, RowSums *sums)
{
  guint ok = 0;
  *rows = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      sums[i].applies = FALSE;
      if (!split_row (t, i, ci, unit) && identity_row_sums (run, t, i, ci, unit, &sums[i]))
        (*rows)++, ok += validate_sum_within (sums[i].want, sums[i].got, sums[i].tol);
    }
  return ok;
}

/* Drops CI's doubtful parts when the identity holds on more rows without
 * them. */
static void
settle_doubtful_parts (ValidateRun *run, const BpTable *t, ColumnIdentity *ci,
                       BpUnit unit, RowSums *sums)
{
  if (!ci->doubtful->len)
    return;
  guint rows_with, rows_without;
  guint with = identity_rows_holding (run, t, ci, unit, &rows_with, sums);
  g_autoptr (GArray) all = g_array_copy (ci->parts);
  for (guint d = 0; d < ci->doubtful->len; d++)
    for (guint j = ci->parts->len; j-- > 0;)
      if (g_array_index (ci->parts, guint, j) == g_array_index (ci->doubtful, guint, d))
        g_array_remove_index (ci->parts, j);
  guint without = identity_rows_holding (run, t, ci, unit, &rows_without, sums);
  if (without <= with || ci->parts->len < 2)
    {
      g_array_set_size (ci->parts, 0);
      g_array_append_vals (ci->parts, all->data, all->len);
    }
}

/* A header-derived identity must hold on most rows before a row breaking it
 * is reported: a header can name columns that are not a partition. The
 * table's own printed formula needs no such evidence. */
static void
check_identity (ValidateRun *run, const BpTable *t, ColumnIdentity *ci,
                BpUnit unit)
{
  guint rows = 0, ok;
  g_autofree RowSums *sums = g_new (RowSums, t->rows->len);
  settle_doubtful_parts (run, t, ci, unit, sums);
  /* the sums read here, with the parts settled, are the ones reported */
  ok = identity_rows_holding (run, t, ci, unit, &rows, sums);
  gboolean printed = !g_str_equal (ci->origin, "header");
  if (!rows || (!printed && ok * 2 <= rows))
    return;
  for (guint i = 0; i < t->rows->len; i++)
    if (sums[i].applies)
      {
        guint before = run->doc->findings->len;
        identity_row_report (run, t, i, ci, &sums[i]);
        /* a row that added no finding has none to demote */
        const char *why = run->doc->findings->len > before
                          ? row_columns_unknown (run, t, i, ci, unit) : NULL;
        if (why)
          demote_findings_since (run, before, why);
      }
}

static void
check_columns (ValidateRun *run, gboolean footnotes)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      /* Performance forms and the 三公 table have rules of their own. */
      if (t->empty || (t->type && (g_str_has_prefix (t->type, "performance")
                                   || g_str_equal (t->type, "three_public"))))
        continue;
      g_autoptr (GArray) cols = figure_columns (t);
      g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (column_identity_free);
      if (footnotes)
        formula_column_identities (run->doc, t, cols, ids);
      else
        {
          g_autofree char *key = g_strdup_printf ("tables.%s.formulas", t->id);
          const char *f = bp_document_get_meta (run->doc, key);
          if (!f || !strstr (f, "col:"))   /* printed formulas take precedence */
            header_identities (t, cols, ids);
        }
      BpUnit unit = validate_table_unit (run->doc, t);
      for (guint i = 0; i < ids->len; i++)
        check_identity (run, t, ids->pdata[i], unit);
    }
}

static void
check_columns_total (ValidateRun *run)
{
  check_columns (run, FALSE);
}

static void
check_formula_columns (ValidateRun *run)
{
  check_columns (run, TRUE);
}

/* ---- three_public.identity: 合计 = 出国 + 公车 + 接待, 公车 = 购置 + 运行 -- */

/* TP_GRAND: a table printing 会议费 and 培训费 beside the 三公 group has a
 * 总计 of the three (总计 = 三公 合计 + 会议费 + 培训费). */
enum { TP_TOTAL, TP_OVERSEAS, TP_VEHICLE, TP_PURCHASE, TP_OPERATION,
       TP_RECEPTION, TP_GRAND, TP_MEETING, TP_TRAINING, TP_N };

/* Which 三公 item a column label names, -1 if none. */
static int
three_public_item (const char *label)
{
  if (strstr (label, "总计"))
    return TP_GRAND;
  if (strstr (label, "会议费"))
    return TP_MEETING;
  if (strstr (label, "培训费"))
    return TP_TRAINING;
  if (strstr (label, "合计"))
    return TP_TOTAL;
  if (strstr (label, "出国"))
    return TP_OVERSEAS;
  if (strstr (label, "接待"))
    return TP_RECEPTION;
  if (strstr (label, "购置及运行") || strstr (label, "小计"))
    return TP_VEHICLE;
  if (strstr (label, "购置"))
    return TP_PURCHASE;
  if (strstr (label, "运行"))
    return TP_OPERATION;
  return -1;
}

/* Budget and actual figures sit side by side in a 决算 table: a column
 * belongs to the scope its label names (预算 / 决算 / none). */
static int
three_public_scope (const char *label)
{
  return strstr (label, "决算") ? 2 : strstr (label, "预算") ? 1 : 0;
}

/* TEXT is a bare integer of up to six digits ("2", "251", "251001"). */
static gboolean
bare_count (const char *text)
{
  g_autofree char *c = g_strstrip (g_strdup (text));
  gsize n = strlen (c);
  return n >= 1 && n <= 6 && strspn (c, "0123456789") == n;
}

/* Row R holds only bare integers where T's other rows print amounts with
 * cents: plain text's row number and unit code ("2" | "251") read into
 * the amount columns of a table by unit, no figures of the row's. */
static gboolean
row_of_counts (const BpTable *t, const BpRow *r)
{
  guint counts = 0;
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *cell = bp_row_cell (r, c);
      if (!*cell)
        continue;
      if (!bare_count (cell))
        return FALSE;
      counts++;
    }
  if (!counts)
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *o = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < o->cells->len; c++)
        if (strchr (bp_row_cell (o, c), '.'))
          return TRUE;
    }
  return FALSE;
}

static void
check_three_public_sum (ValidateRun *run, const BpTable *t, const BpRow *r,
                        const int *col, const int *items, guint n, int whole,
                        BpUnit unit)
{
  bp_wide_fen want = 0;
  bp_fen got, v;
  guint filled = 0;
  if (col[whole] < 0 || !validate_cell_money (r, col[whole], unit, &got, NULL)
      || row_of_counts (t, r))
    return;
  for (guint i = 0; i < n; i++)
    {
      if (col[items[i]] < 0)
        return;
      if (validate_cell_money (r, col[items[i]], unit, &v, NULL))
        want += v, filled++;
    }
  if (!filled && got != 0)
    return;   /* items not spread over their columns: layout, not figures */
  const char *label = validate_column_label_peek (t, col[whole]);
  g_autofree char *what = validate_what ("“三公”经费 %s: sum of its items", label);
  validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id, want, got,
                          validate_table_tolerance (run->doc, t, n + 1), what);
}

/* 总计 = 三公 合计 + 会议费 + 培训费, over the items the table prints. */
static void
check_three_public_grand (ValidateRun *run, const BpTable *t, const BpRow *r,
                          const int *col, const int *items, BpUnit unit)
{
  int present[3];
  guint n = 0;
  for (guint i = 0; i < 3; i++)
    if (col[items[i]] >= 0)
      present[n++] = items[i];
  if (n >= 2)
    check_three_public_sum (run, t, r, col, present, n, TP_GRAND, unit);
}

/* A table printing 会议费 and 培训费 beside the 三公 group may open with
 * their grand 合计 (三公 + 会议费 + 培训费) and give the 三公 group's own
 * total as the bare 小计 after it, before the group's items (江苏 公开表九:
 * 合计 | 小计 | 因公出国 …): that 合计 is the grand total, the 小计 the
 * group's. COL[TP_MEETING] or COL[TP_TRAINING] found, the labels in
 * column order, as CLS (figure columns). */
static void
three_public_group_total (const BpTable *t, GArray *cols, int col[TP_N])
{
  if (col[TP_TOTAL] < 0 || (col[TP_MEETING] < 0 && col[TP_TRAINING] < 0)
      || col[TP_GRAND] >= 0)
    return;
  for (guint k = 0; k < cols->len; k++)
    {
      int c = (int) g_array_index (cols, guint, k);
      if (c <= col[TP_TOTAL])
        continue;
      const char *label = validate_column_label_peek (t, (guint) c);
      if (g_str_equal (label, "小计"))
        {
          col[TP_GRAND] = col[TP_TOTAL];
          col[TP_TOTAL] = c;
          if (col[TP_VEHICLE] == c)
            col[TP_VEHICLE] = -1;
        }
      if (three_public_item (label) >= 0)
        return;           /* the group's first item, or its 小计 */
    }
}

/* TRUE when R's 三公 figures (总额, its items and the car group's parts)
 * fail the identities as read, yet add up in another placement: the
 * largest figure is the sum of the others, the car group's 小计 blank
 * (a Beijing 预算09表: "40.77 17.10 0.15 18.69 4.83" under headings whose
 * 公务接待费 stands between the lines, read into the 小计). The columns
 * were misread, not the figures: nothing is reported from the row. A
 * changed figure adds up in no placement and is still checked. */
static gboolean
three_public_row_fits_otherwise (const BpRow *r, const int col[TP_N], BpUnit unit)
{
  static const int items[] = { TP_TOTAL, TP_OVERSEAS, TP_VEHICLE, TP_PURCHASE,
                               TP_OPERATION, TP_RECEPTION };
  bp_fen v, top = 0, read_sum = 0, total = -1;
  bp_wide_fen all = 0;
  guint n = 0;
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    if (col[items[k]] >= 0 && validate_cell_money (r, (guint) col[items[k]], unit, &v, NULL))
      {
        all += v, n++, top = MAX (top, v);
        if (items[k] == TP_TOTAL)
          total = v;
        else if (items[k] == TP_OVERSEAS || items[k] == TP_VEHICLE || items[k] == TP_RECEPTION)
          read_sum += v;
      }
  bp_fen tol = bp_rounding_tolerance (unit, n);
  /* As read, the top identity holds: the row is not misplaced. */
  if (total >= 0 && bp_amount_within (total, read_sum, tol))
    return FALSE;
  return n >= 3 && bp_amount_within (top, (bp_fen) (all - top), tol);
}

static void
check_three_public (ValidateRun *run)
{
  static const int top[] = { TP_OVERSEAS, TP_VEHICLE, TP_RECEPTION };
  static const int car[] = { TP_PURCHASE, TP_OPERATION };
  static const int grand[] = { TP_TOTAL, TP_MEETING, TP_TRAINING };
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (t->empty || !t->type || !g_str_equal (t->type, "three_public"))
        continue;
      int col[3][TP_N];
      memset (col, -1, sizeof col);
      g_autoptr (GArray) cols = figure_columns (t);
      for (guint k = 0; k < cols->len; k++)
        {
          guint c = g_array_index (cols, guint, k);
          const char *label = validate_column_label_peek (t, c);
          int item = three_public_item (label);
          if (item >= 0 && col[three_public_scope (label)][item] < 0)
            col[three_public_scope (label)][item] = (int) c;
        }
      three_public_group_total (t, cols, col[0]);
      BpUnit unit = validate_table_unit (run->doc, t);
      for (guint i = 0; i < t->rows->len; i++)
        for (int s = 0; s < 3 && !three_public_row_fits_otherwise (t->rows->pdata[i], col[0], unit); s++)
          {
            check_three_public_sum (run, t, t->rows->pdata[i], col[s], top, 3, TP_TOTAL, unit);
            check_three_public_sum (run, t, t->rows->pdata[i], col[s], car, 2, TP_VEHICLE, unit);
            check_three_public_grand (run, t, t->rows->pdata[i], col[s], grand, unit);
          }
    }
}

/* ---- two-sided summaries: 收入总计 = 支出总计, 行次 formulas ------------- */

/* The side a figure of R labelled by column LC (bp_row_labels) belongs to:
 * 1 income, 2 expense, 0 unknown; its label in *LABEL (borrowed). */
static int
figure_side (const BpTable *t, const BpRow *r, int lc, const char **label)
{
  *label = lc >= 0 ? bp_row_cell (r, lc) : NULL;
  if (lc < 0)
    return 0;
  const char *head = validate_column_label_peek (t, lc);
  if (strstr (head, "支出"))
    return 2;
  if (strstr (head, "收入"))
    return 1;
  return 0;
}

/* A two-sided summary whose pairing the tables stage could confirm. */
static gboolean
is_two_sided (const ValidateRun *run, const BpTable *t)
{
  return t->type && (g_str_equal (t->type, "income_expense_summary")
                     || g_str_equal (t->type, "fiscal_summary"))
         && !validate_table_unreadable (run->doc, t);
}

static void
check_balance (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (t->empty || !is_two_sided (run, t))
        continue;
      BpUnit unit = validate_table_unit (run->doc, t);
      bp_fen total[3] = { 0 };
      int line[3] = { 0 };
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          g_autofree int *labels = bp_row_labels (r);
          for (guint c = 0; c < r->cells->len; c++)
            {
              const char *label;
              bp_fen v;
              const char *head = validate_column_label_peek (t, c);
              if (strstr (head, "行次"))
                continue;
              int side = figure_side (t, r, labels[c], &label);
              /* stripping spaces adds no 计: most labels are not copied */
              if (!side || line[side] || !label || !strstr (label, "计"))
                continue;
              g_autofree char *l = bp_text_strip_spaces (label);
              /* The first figure after the 总计 label: its 合计 column. */
              if (g_str_has_suffix (l, "总计") && validate_cell_money (r, c, unit, &v, NULL))
                total[side] = v, line[side] = r->line;
            }
        }
      if (line[1] && line[2])
        validate_compare_money (run, BP_SEVERITY_ERROR, line[2], t->id, total[1],
                                total[2], validate_table_tolerance (run->doc, t, 2),
                                bp_gettext ("支出总计 against 收入总计"));
    }
}

/* "一、…", "十二、…", "廿一、…": a numbered item of a summary side. */
static gboolean
is_numbered_item (const char *label)
{
  const char *p = label;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_utf8_strchr ("一二三四五六七八九十廿", -1, c))
        break;
      p = g_utf8_next_char (p);
    }
  return p != label && g_str_has_prefix (p, "、");
}

/* Figure columns of one side of a two-sided summary: from the side's first
 * column to the other side's, without label and 行次 columns. */
static GArray *
side_figure_columns (const BpTable *t, gboolean expense)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));
  guint width = 0, split = G_MAXUINT;
  for (guint i = 0; i < t->rows->len; i++)
    width = MAX (width, ((BpRow *) t->rows->pdata[i])->cells->len);
  for (guint c = 0; c < width && split == G_MAXUINT; c++)
    {
      const char *head = validate_column_label_peek (t, c);
      if (strstr (head, "支出"))
        split = c;
    }
  for (guint c = expense ? split : 0; c < width && c < (expense ? width : split); c++)
    {
      const char *head = validate_column_label_peek (t, c);
      if (*head && !strstr (head, "项目") && !strstr (head, "行次"))
        g_array_append_val (cols, c);
    }
  return cols;
}

/* A row's label on one side of a two-sided summary, the same for each of
 * the side's columns: read on first use, kept for the others. */
typedef struct {
  gboolean known;
  int column;        /* validate_side_label_column, -1 if none */
  char *label;       /* its cell without spaces, when COLUMN >= 0 */
  gboolean numbered; /* is_numbered_item (LABEL) */
} SideLabel;

static const SideLabel *
side_label (const BpTable *t, guint i, const char *side, SideLabel *labels)
{
  SideLabel *l = &labels[i];
  if (!l->known)
    {
      const BpRow *r = t->rows->pdata[i];
      l->known = TRUE;
      l->column = validate_side_label_column (t, r, side);
      l->label = l->column >= 0 ? bp_text_strip_spaces (bp_row_cell (r, l->column)) : NULL;
      l->numbered = l->label && is_numbered_item (l->label);
    }
  return l;
}

static void
check_side_column (ValidateRun *run, const BpTable *t, const char *side, guint col,
                   SideLabel *labels)
{
  bp_wide_fen sum = 0;
  bp_fen v;
  guint n = 0, extra = 0, filled = 0;
  BpUnit unit = validate_table_unit (run->doc, t);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const SideLabel *sl = side_label (t, i, side, labels);
      if (sl->column < 0 || (guint) sl->column >= col)
        continue;
      const char *label = sl->label;
      if (sl->numbered)
        {
          /* "一、本年支出 9,151.31" then "一、一般公共服务支出 …": the
           * numbering starts again, one level down; which items make the
           * total is not said by the numbers alone. */
          if (n && g_str_has_prefix (label, "一、"))
            return;
          if (validate_cell_money (r, col, unit, &v, NULL))
            sum += v, filled++;
          n++;
          continue;
        }
      gboolean grand = g_str_has_suffix (label, "总计");
      if (!g_str_has_suffix (label, "合计") && !grand)
        {
          /* 上年结转 and the like: the 总计 then is more than the items. */
          extra += validate_cell_money (r, col, unit, &v, NULL) && v != 0;
          continue;
        }
      if (grand && extra)
        return;
      /* No numbered item prints a figure ("一、部门预算" over "1、财政拨款
       * 3,643.37", Xi'an): they are headings, the figures are their
       * parts'; nothing is said about the total. */
      if (!filled)
        return;
      if (n && validate_cell_money (r, col, unit, &v, NULL))
        {
          g_autofree char *what = validate_what ("%s: sum of the %u numbered %s items",
                                                   label, n, side);
          validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id, sum, v,
                                  validate_table_tolerance (run->doc, t, n + 1), what);
        }
      return;
    }
}

static void
check_summary_sides (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (t->empty || !is_two_sided (run, t))
        continue;
      for (int s = 0; s < 2; s++)
        {
          g_autoptr (GArray) cols = side_figure_columns (t, s == 1);
          SideLabel *labels = g_new0 (SideLabel, t->rows->len);
          for (guint k = 0; k < cols->len; k++)
            check_side_column (run, t, s ? "支出" : "收入", g_array_index (cols, guint, k),
                               labels);
          for (guint i = 0; i < t->rows->len; i++)
            g_free (labels[i].label);
          g_free (labels);
        }
    }
}

typedef struct {
  bp_fen value;
  int line;
} NumberedFigure;

/* TRUE when one of the table's 行次 columns is empty in R: the PDF layout
 * may then have moved that number into a figure column. */
static gboolean
row_lacks_numbers (const BpTable *t, const BpRow *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *head = validate_column_label_peek (t, c);
      const char *cell = bp_row_cell (r, c);
      if (strstr (head, "行次") && (!cell || !*cell))
        return TRUE;
    }
  return FALSE;
}

/* 行次 number → the figure printed right of it. */
static GHashTable *
numbered_figures (const BpTable *t, BpUnit unit)
{
  GHashTable *map = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      for (guint c = 0; c + 1 < r->cells->len; c++)
        {
          const char *head = validate_column_label_peek (t, c);
          const char *cell = bp_row_cell (r, c);
          if (!strstr (head, "行次") || !cell || !g_ascii_isdigit (cell[0]))
            continue;
          NumberedFigure *f = g_new0 (NumberedFigure, 1);
          f->line = r->line;
          gboolean empty;
          if (!validate_cell_money (r, c + 1, unit, &f->value, &empty) && !empty)
            f->line = 0;   /* not a figure: unknown */
          if (!empty && !strchr (bp_row_cell (r, c + 1), '.') && row_lacks_numbers (t, r))
            f->line = 0;   /* a bare integer where the other side's 行次 went missing */
          g_hash_table_replace (map, GINT_TO_POINTER (atoi (cell)), f);
        }
    }
  return map;
}

static void
check_row_formula (ValidateRun *run, const BpTable *t, GHashTable *fig,
                   const char *formula, BpUnit unit)
{
  g_auto (GStrv) sides = g_strsplit (formula, "=", 2);
  g_auto (GStrv) terms = sides[1] ? g_strsplit (sides[1], "+", -1) : NULL;
  NumberedFigure *lhs = g_hash_table_lookup (fig, GINT_TO_POINTER (atoi (sides[0])));
  if (!terms || !lhs || !lhs->line)
    return;
  bp_wide_fen want = 0;
  guint n = 0;
  for (guint j = 0; terms[j]; j++, n++)
    {
      NumberedFigure *f = g_hash_table_lookup (fig, GINT_TO_POINTER (atoi (terms[j])));
      if (!f || !f->line)
        return;   /* a row the formula names is missing or unreadable */
      want += f->value;
    }
  g_autofree char *what = validate_what ("行次 %s: footnote formula %s行=%s行",
                                           sides[0], sides[0], sides[1]);
  validate_compare_money (run, BP_SEVERITY_ERROR, lhs->line, t->id, want,
                          lhs->value, validate_table_tolerance (run->doc, t, n + 1), what);
}

static void
check_formula_rows (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      g_autofree char *key = g_strdup_printf ("tables.%s.formulas", t->id);
      const char *formulas = bp_document_get_meta (run->doc, key);
      if (t->empty || !formulas || !strstr (formulas, "row:"))
        continue;
      BpUnit unit = validate_table_unit (run->doc, t);
      g_autoptr (GHashTable) fig = numbered_figures (t, unit);
      g_auto (GStrv) items = g_strsplit (formulas, ";", -1);
      for (guint i = 0; items[i]; i++)
        if (g_str_has_prefix (items[i], "row:"))
          check_row_formula (run, t, fig, items[i] + 4, unit);
    }
}

/* ---- performance.share: 占比 = amount / 合计 in performance forms ------- */

typedef struct {
  bp_fen amount;
  int amount_dec;
  bp_pct100 pct;
  int pct_dec;
  int line;
} ShareCell;

/* The first "figure, share%" pair of R; FALSE when it has none. */
static gboolean
row_share (const BpRow *r, ShareCell *out)
{
  for (guint c = 1; c < r->cells->len; c++)
    {
      const char *pct = bp_row_cell (r, c), *fig = bp_row_cell (r, c - 1);
      if (!g_str_has_suffix (pct, "%") || !bp_percent_parse (pct, &out->pct)
          || bp_amount_parse (fig, BP_UNIT_YUAN, &out->amount) != BP_AMOUNT_OK)
        continue;
      out->amount_dec = validate_decimals (fig);
      out->pct_dec = validate_decimals (pct);
      out->line = r->line;
      return TRUE;
    }
  return FALSE;
}

static gboolean
row_is_total (const BpRow *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *cell = bp_row_cell (r, c);
      if (!cell || !strstr (cell, "计"))   /* stripping spaces adds no 计 */
        continue;
      g_autofree char *s = bp_text_strip_spaces (cell);
      if (g_str_equal (s, "合计") || g_str_equal (s, "总计"))
        return TRUE;
    }
  return FALSE;
}

static void
check_share_group (ValidateRun *run, const BpTable *t, GArray *parts,
                   const ShareCell *whole)
{
  for (guint i = 0; i < parts->len; i++)
    {
      const ShareCell *p = &g_array_index (parts, ShareCell, i);
      if (validate_share_consistent (p->amount, p->amount_dec, whole->amount,
                                     whole->amount_dec, p->pct, p->pct_dec))
        continue;
      bp_pct100 want = 0;
      bp_percent_of (p->amount, whole->amount, &want);
      char a[BP_AMOUNT_BUFSZ], w[BP_AMOUNT_BUFSZ];
      g_autofree char *e = g_strdup_printf ("%.*f%%", 2, want / 100.0);
      g_autofree char *g = g_strdup_printf ("%.*f%%", p->pct_dec, p->pct / 100.0);
      BpFinding *f = validate_report (run, BP_SEVERITY_ERROR, p->line, t->id,
                                      "share of %s in %s (line %d) is %s, printed %s",
                                      bp_amount_format_buf (p->amount, a),
                                      bp_amount_format_buf (whole->amount, w),
                                      whole->line, e, g);
      bp_finding_set_values (f, e, g);
    }
}

static void
check_performance_share (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (!t->type || !g_str_has_prefix (t->type, "performance"))
        continue;
      g_autoptr (GArray) parts = g_array_new (FALSE, FALSE, sizeof (ShareCell));
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          ShareCell sc;
          if (!row_share (r, &sc))
            continue;
          if (!row_is_total (r))
            {
              g_array_append_val (parts, sc);
              continue;
            }
          check_share_group (run, t, parts, &sc);
          g_array_set_size (parts, 0);
        }
    }
}

/* ---- performance.total: a 合计 row = Σ the rows just above it ---------- */

/* Performance forms are free layouts whose 合计 row is often shifted a
 * column against its parts ("合计 | | 1483.56" under "| | 基本支出 |
 * 1424.06"), so figures are matched by their order in the row, not by
 * column. Percentages hold a place but are performance.share's business. */
typedef struct {
  bp_fen value;
  int decimals;
  gboolean pct;
} OrderedFigure;

static GArray *
row_ordered_figures (const BpRow *r)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (OrderedFigure));
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *cell = bp_row_cell (r, c);
      OrderedFigure f = { 0, validate_decimals (cell), FALSE };
      bp_pct100 pct;
      if (g_str_has_suffix (cell, "%") && bp_percent_parse (cell, &pct))
        f.pct = TRUE;
      else if (!*cell || bp_amount_parse (cell, BP_UNIT_YUAN, &f.value) != BP_AMOUNT_OK)
        continue;
      g_array_append_val (out, f);
    }
  return out;
}

static gboolean
same_figure_layout (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, OrderedFigure, i).pct != g_array_index (b, OrderedFigure, i).pct)
      return FALSE;
  return TRUE;
}

/* The parts of the 合计 row at index TOTAL: the rows above it laid out like
 * it, up to the previous total or a row laid out otherwise. Rows without
 * figures (an empty 其他资金) are passed over; 其中 rows are inside a part. */
static GPtrArray *
total_parts (const BpTable *t, guint total, GArray *want)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = total; i-- > 0;)
    {
      const BpRow *r = t->rows->pdata[i];
      if (row_is_total (r))
        break;
      GArray *figs = row_ordered_figures (r);
      g_autofree char *label = validate_row_label (r);
      if (!figs->len || (label && strstr (label, "其中")))
        {
          g_array_unref (figs);
          continue;
        }
      if (!same_figure_layout (figs, want))
        {
          g_array_unref (figs);
          break;
        }
      g_ptr_array_add (parts, figs);
    }
  return parts;
}

static void
check_performance_total_row (ValidateRun *run, const BpTable *t, guint total)
{
  const BpRow *r = t->rows->pdata[total];
  g_autoptr (GArray) want = row_ordered_figures (r);
  g_autoptr (GPtrArray) parts = total_parts (t, total, want);
  if (!parts->len)
    return;
  for (guint k = 0; k < want->len; k++)
    {
      const OrderedFigure *w = &g_array_index (want, OrderedFigure, k);
      if (w->pct)
        continue;
      bp_wide_fen sum = 0;
      bp_fen tol = validate_half_digit (BP_UNIT_YUAN, w->decimals);
      for (guint p = 0; p < parts->len; p++)
        {
          const OrderedFigure *f = &g_array_index ((GArray *) parts->pdata[p],
                                                   OrderedFigure, k);
          sum += f->value;
          tol += validate_half_digit (BP_UNIT_YUAN, f->decimals);
        }
      g_autofree char *what = validate_what ("合计 figure %u = sum of the %u rows "
                                               "above (as printed)", k + 1, parts->len);
      validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id, sum,
                              w->value, tol, what);
    }
}

static void
check_performance_total (ValidateRun *run)
{
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (!t->type || !g_str_has_prefix (t->type, "performance"))
        continue;
      for (guint i = 0; i < t->rows->len; i++)
        if (row_is_total (t->rows->pdata[i]))
          check_performance_total_row (run, t, i);
    }
}

const ValidateRule validate_arithmetic_rules[] = {
  { "sum.children", "arithmetic",
    "A classification row equals the sum of its sub-items (类 = Σ款, 款 = Σ项)",
    check_sum_children },
  { "sum.total", "arithmetic",
    "A coded table's 合计 row equals the sum of its 类 rows", check_sum_total },
  { "columns.total", "arithmetic",
    "A 合计 column equals the sum of its component columns (from the header)",
    check_columns_total },
  { "formula.columns", "arithmetic",
    "The table's printed column formulas (“1栏＝2栏＋3栏”) hold on every row",
    check_formula_columns },
  { "formula.rows", "arithmetic",
    "The table's printed row formulas (“27行＝1＋2＋…＋8行”) hold",
    check_formula_rows },
  { "summary.balance", "arithmetic",
    "A two-sided summary's 收入总计 equals its 支出总计", check_balance },
  { "summary.sides", "arithmetic",
    "Each side of a two-sided summary: its 合计 (or 总计 when nothing else "
    "is added) = Σ its numbered items",
    check_summary_sides },
  { "three_public.identity", "arithmetic",
    "“三公” 合计 = 出国 + 公车 + 接待 and 公车 = 购置 + 运行, budget and actual",
    check_three_public },
  { "performance.share", "arithmetic",
    "Shares (占比) in performance forms equal amount / 合计", check_performance_share },
  { "performance.total", "arithmetic",
    "A 合计 row of a performance form equals the rows above it, figure by "
    "figure in order (its cells are often shifted a column)",
    check_performance_total },
  /* Last: it reads what the rules above found. */
  { "table.unreadable", "arithmetic",
    "A table whose arithmetic checks mostly fail was misread: one warning "
    "saying where and how, its findings kept as info",
    validate_check_unreadable },
  { NULL, NULL, NULL, NULL }
};
