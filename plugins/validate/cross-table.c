/* validate: cross_table rules: one quantity differs between two tables.
 * Only comparable figures are compared: the same fund scope (checked by the
 * tables' totals agreeing, or by the tables' definitions) and the same unit
 * (all figures are fen once read). */
#include "validate-private.h"

#include <string.h>

/* The whole table's total row (合计/总计 without a code), or NULL. */
static const BpRow *
total_row (const BpTable *t)
{
  const ValidateTableFacts *f = validate_table_facts (t);   /* labels read once per run */
  for (guint i = 0; i < t->rows->len; i++)
    if (!f->class_code[i] && (g_str_equal (f->label[i], "合计") || g_str_equal (f->label[i], "总计")))
      return t->rows->pdata[i];
  return NULL;
}

/* First figure column whose label (or its last part) contains WORD, or -1.
 * WORD "" is the first figure column. */
static int
column_named (const BpTable *t, const char *word)
{
  g_autoptr (GArray) cols = validate_amount_columns (t);
  for (guint k = 0; k < cols->len; k++)
    {
      guint c = g_array_index (cols, guint, k);
      const char *label = validate_column_label_peek (t, c);
      if (!*word || strstr (label, word))
        return (int) c;
    }
  return -1;
}

/* Each class code of T → its row; a code printed on several rows (a table
 * listing units, or figures misread as codes: plain text's 类/款/项
 * columns) → the table itself, as a mark: such rows cannot be paired.
 * Built once per comparison: 2,000-row tables are compared row by row. */
static GHashTable *
code_rows (const BpTable *t)
{
  GHashTable *rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const char *code = validate_row_class_code (r);
      /* a code seen before gets the mark (one hash for a new code) */
      if (code && !g_hash_table_insert (rows, (gpointer) code, (gpointer) r))
        g_hash_table_insert (rows, (gpointer) code, (gpointer) t);
    }
  return rows;
}

/* The row of CODE in ROWS (code_rows of T) when T prints it on one row. */
static const BpRow *
unique_code_row (GHashTable *rows, const BpTable *t, const char *code)
{
  gpointer r = g_hash_table_lookup (rows, code);
  return r == (gpointer) t ? NULL : r;
}

static gboolean
cell_of (const BpDocument *doc, const BpTable *t, const BpRow *r, int col, bp_fen *out)
{
  return r && col >= 0 && validate_cell_money (r, (guint) col, validate_table_unit (doc, t),
                                               out, NULL);
}

/* Compares one figure of table A with the same quantity in table B; the
 * finding goes to B's line (the later table). */
static void
compare_cells (ValidateRun *run, const BpTable *a, const BpRow *ra, int ca,
               const BpTable *b, const BpRow *rb, int cb, BpSeverity sev,
               const char *what)
{
  bp_fen va, vb;
  if (!cell_of (run->doc, a, ra, ca, &va) || !cell_of (run->doc, b, rb, cb, &vb))
    return;
  bp_fen tol = MAX (validate_table_tolerance (run->doc, a, 1),
                    validate_table_tolerance (run->doc, b, 1)) * 2;
  /* The message's part only for a finding: most figures agree. */
  g_autofree char *msg = va == vb ? NULL
    : validate_what ("%s: %s line %d against %s", what, a->number ? a->number : a->id,
                     ra->line, b->number ? b->number : b->id);
  validate_compare_money (run, sev, rb->line, b->id, va, vb, tol, msg);
}

/* ---- cross.class_rows: a function code's figures agree between tables --- */

/* TRUE when the two tables total the same (same fund scope); otherwise an
 * info says why they are not compared. */
static gboolean
totals_agree (ValidateRun *run, const BpTable *a, const BpTable *b)
{
  bp_fen va, vb;
  const BpRow *ta = total_row (a), *tb = total_row (b);
  if (!cell_of (run->doc, a, ta, column_named (a, ""), &va)
      || !cell_of (run->doc, b, tb, column_named (b, ""), &vb))
    return FALSE;
  if (bp_amount_within (va, vb, validate_table_tolerance (run->doc, a, 2)))
    return TRUE;
  char x[BP_AMOUNT_BUFSZ], y[BP_AMOUNT_BUFSZ];
  validate_report (run, BP_SEVERITY_INFO, tb->line, b->id,
                   "%s and %s not compared row by row: their totals differ (%s, %s), "
                   "they cover different funds", a->id, b->id,
                   bp_amount_format_buf (va, x), bp_amount_format_buf (vb, y));
  return FALSE;
}

static void
compare_coded_tables (ValidateRun *run, const BpTable *a, const BpTable *b)
{
  static const char *const columns[] = { "", "基本支出", "项目支出", NULL };
  gboolean income = !g_strcmp0 (a->type, "income_summary")
                    || !g_strcmp0 (b->type, "income_summary");
  g_autoptr (GHashTable) rows_a = code_rows (a);
  g_autoptr (GHashTable) rows_b = code_rows (b);
  /* each column's index in A and B, found on first use: the same for every row */
  int ca[G_N_ELEMENTS (columns)], cb[G_N_ELEMENTS (columns)];
  gboolean found = FALSE;
  for (guint i = 0; i < b->rows->len; i++)
    {
      const BpRow *rb = b->rows->pdata[i];
      const char *code = validate_row_class_code (rb);
      const BpRow *ra = code && code[0] == '2' && unique_code_row (rows_b, b, code) == rb
                        ? unique_code_row (rows_a, a, code) : NULL;
      for (guint c = 0; ra && !found && columns[c]; c++)
        ca[c] = column_named (a, columns[c]), cb[c] = column_named (b, columns[c]);
      found |= ra != NULL;
      for (guint c = 0; ra && columns[c] && (c == 0 || !income); c++)
        {
          g_autofree char *what = g_strconcat (code, " ", *columns[c] ? columns[c] : "合计", NULL);
          compare_cells (run, a, ra, ca[c], b, rb, cb[c], BP_SEVERITY_ERROR, what);
        }
    }
}

static void
check_class_rows (ValidateRun *run)
{
  static const char *const types[] = { "income_summary", "expense_summary",
                                       "general_budget_expense", NULL };
  gboolean budget = !g_strcmp0 (run->doc->kind, "budget");
  /* Each table is compared with the nearest table before it of each other
   * type: a document has one of each, or a run of them (by unit, or a
   * document printed twice), and comparing every pair of a run grows with
   * its square. LAST[k]: the latest table of types[k] so far. */
  const BpTable *last[G_N_ELEMENTS (types)] = { NULL };
  for (guint j = 0; j < run->doc->tables->len; j++)
    {
      const BpTable *b = run->doc->tables->pdata[j];
      if (!b->type || !g_strv_contains (types, b->type))
        continue;
      guint kb = 0;
      while (!g_str_equal (types[kb], b->type))
        kb++;
      for (guint k = 0; types[k]; k++)
        {
          const BpTable *a = last[k];
          /* Final accounts: income by function is not spending by function. */
          gboolean income = k == 0 || kb == 0;
          if (k == kb || !a || (income && !budget))
            continue;
          /* Same fund scope only: the tables' totals agree. */
          if (totals_agree (run, a, b))
            compare_coded_tables (run, a, b);
        }
      last[kb] = b;
    }
}

/* ---- cross.summary_classes: 收支总表 支出 side ↔ the function tables ----- */

/* "一、一般公共服务支出" → "一般公共服务支出" (normalized, new string). */
static char *
strip_ordinal (const char *label)
{
  const char *p = strstr (label, "、");
  /* Only a leading ordinal: "一、", "廿一、", "（一）" is not used here. */
  if (p && p - label <= 9)
    label = p + strlen ("、");
  return validate_normalize_name (label);
}

/* The figure column right of label column LC whose header contains WORD
 * ("" = the first one), skipping 行次. */
static int
right_figure_column (const BpTable *t, const BpRow *r, int lc, const char *word)
{
  for (guint c = (guint) lc + 1; c < MAX (r->cells->len, 1u); c++)
    {
      const char *head = validate_column_label_peek (t, c);
      if (strstr (head, "行次") || strstr (head, "项目"))
        continue;
      if (!*word || strstr (head, word))
        return (int) c;
    }
  return -1;
}

/* T's 类 rows by normalized name, built once per comparison rather than
 * normalizing every row for every name asked. A name on several rows maps
 * to T itself, as a mark: a 支出总表 by 预算单位 (Shenzhen: the department,
 * then each unit's 类 rows) lists a class once per unit, and no one of
 * them is the department's. */
static GHashTable *
class_rows_by_name (const BpTable *t)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The code counts too: a unit's name wrapped into its first 类 row
   * ("…管理中心教育支出") hides that the class is printed again. */
  g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const char *code = validate_row_class_code (t->rows->pdata[i]);
      if (code && strlen (code) == 3)
        g_hash_table_insert (codes, (gpointer) code,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (codes, code)) + 1));
    }
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const char *code = validate_row_class_code (r);
      if (!code || strlen (code) != 3)
        continue;
      g_autofree char *label = validate_row_label (r);
      char *norm = validate_normalize_name (label);
      gboolean again = g_hash_table_contains (rows, norm)
                       || GPOINTER_TO_UINT (g_hash_table_lookup (codes, code)) > 1;
      g_hash_table_insert (rows, norm, again ? (gpointer) t : (gpointer) r);
    }
  return rows;
}

static void
compare_summary (ValidateRun *run, const BpTable *sum, const char *word,
                 const BpTable *coded)
{
  g_autoptr (GHashTable) classes = class_rows_by_name (coded);
  for (guint i = 0; i < sum->rows->len; i++)
    {
      const BpRow *r = sum->rows->pdata[i];
      int lc = validate_side_label_column (sum, r, "支出");
      if (lc < 0)
        continue;
      g_autofree char *name = strip_ordinal (bp_row_cell (r, lc));
      const BpRow *cr = g_hash_table_lookup (classes, name);
      if (!cr || cr == (const BpRow *) (gconstpointer) coded)
        continue;
      g_autofree char *what = g_strdup_printf ("%s", name);
      compare_cells (run, coded, cr, column_named (coded, ""), sum, r,
                     right_figure_column (sum, r, lc, word), BP_SEVERITY_ERROR, what);
    }
}

static void
check_summary_classes (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  const BpTable *all = bp_document_find_table (doc, "income_expense_summary");
  const BpTable *exp = bp_document_find_table (doc, "expense_summary");
  const BpTable *fiscal = bp_document_find_table (doc, "fiscal_summary");
  const BpTable *general = bp_document_find_table (doc, "general_budget_expense");
  /* 收支总表 lists every fund's spending by 类, as the 支出总表 does; the
   * 财政拨款收支总表's 一般公共预算 column is the 一般公共预算支出表. */
  if (all && exp && !all->empty && !exp->empty
      && !validate_table_unreadable (doc, all))
    compare_summary (run, all, "", exp);
  if (fiscal && general && !fiscal->empty && !general->empty
      && !validate_table_unreadable (doc, fiscal))
    compare_summary (run, fiscal, "一般公共预算", general);
}

/* ---- cross.basic_total: 基本支出表 total ↔ the 基本支出 column ----------- */

static void
check_basic_total (ValidateRun *run)
{
  const BpTable *basic = bp_document_find_table (run->doc, "basic_expense");
  const BpTable *general = bp_document_find_table (run->doc, "general_budget_expense");
  if (!basic || !general || basic->empty || general->empty)
    return;
  const BpRow *tb = total_row (basic), *tg = total_row (general);
  /* Both are 一般公共预算 tables: the basic table's 合计 is the other's
   * 基本支出, its 人员经费/公用经费 the other's when it splits them. */
  static const char *const pairs[][2] = {
    { "", "基本支出" }, { "人员经费", "人员经费" }, { "公用经费", "公用经费" } };
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      int cb = column_named (basic, pairs[p][0]), cg = column_named (general, pairs[p][1]);
      g_autofree char *what = g_strdup_printf ("一般公共预算 %s", pairs[p][1]);
      compare_cells (run, general, tg, cg, basic, tb, cb, BP_SEVERITY_ERROR, what);
    }
}

/* ---- cross.three_public_economic: a 三公 item ≥ its economic row ------- */

/* An item's column label in the 三公 table ("公务接待费", "因公出国（境）费
 * 决算数"); the vehicle parts also by their short names under 公务用车. */
static const char *const three_public_columns[] = {
  "接待", "运行", "购置(?:费)?(?:决算数?|预算数?)?$", "出国" };

/* The figure of the 三公 item KEY: its field, or 0 when the table's cell is
 * blank while the table's own sums held (the fields stage then read its
 * total): a blank is nothing spent. FALSE when the table does not say. */
static gboolean
three_public_figure (const BpDocument *doc, guint item, const char *key,
                     bp_fen *value, int *line)
{
  const BpField *f = bp_document_get_field (doc, key);
  if (f && !g_strcmp0 (f->source, "table"))
    {
      *value = f->value;
      *line = f->line;
      return TRUE;
    }
  /* The text states an amount while the cell is blank: the cell may be
   * misplaced (a PDF line that lost its empty cells); the table does not
   * say. A text saying 0 agrees with the blank. */
  if (f && f->value != 0)
    return FALSE;
  const BpField *total = bp_document_get_field (doc, "three_public.total");
  const BpTable *t = total && total->table ? bp_document_find_table_by_id (doc, total->table) : NULL;
  if (!t || g_strcmp0 (total->source, "table"))
    return FALSE;
  const char *column = three_public_columns[item];
  gboolean final = !g_strcmp0 (doc->kind, "final_accounts");
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      if (r->line != total->line)
        continue;
      for (guint c = 0; c < r->cells->len; c++)
        {
          const char *label = validate_column_label_peek (t, c);
          const char *slash = strrchr (label, '/');
          const char *own = slash ? slash + 1 : label;   /* the lowest header */
          bp_fen v;
          gboolean empty = FALSE;
          if (!bp_regex_match (column, own, NULL) || (final && !strstr (label, "决算"))
              || strstr (own, "购置及运行"))
            continue;
          if (validate_cell_money (r, c, validate_table_unit (doc, t), &v, &empty) || !empty)
            return FALSE;
          *value = 0;
          *line = r->line;
          return TRUE;
        }
    }
  return FALSE;
}

/* Half the last printed digit of the “三公” figure at LINE, from its
 * table's unit; 0 when no table holds that line. */
static bp_fen
three_public_tolerance (const BpDocument *doc, int line)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (g_strcmp0 (t->type, "three_public") == 0 && t->line <= line && line <= t->end_line)
        return validate_table_tolerance (doc, t, 1);
    }
  return 0;
}

/* The figure of the row coded CODE in TABLE was printed apart and only
 * the sums placed it, among rows they cannot tell apart
 * (tables.<id>.late_figures): it may be a sibling's. */
static gboolean
late_figure_unsure (const BpDocument *doc, const char *table, const char *code)
{
  g_autofree char *key = g_strconcat ("tables.", table, ".late_figures", NULL);
  const char *unsure = bp_document_get_meta (doc, key);
  g_autofree char *item = g_strconcat (" ", code, " ", NULL);
  return unsure && strstr (unsure, item);
}

static void
check_three_public_economic (ValidateRun *run)
{
  /* The 三公 figure covers basic and project spending; the economic row of
   * the 基本支出表 only the basic part: part ≤ whole. */
  static const char *const pairs[][3] = {
    { "30217", "three_public.reception", "接待" },
    { "30231", "three_public.vehicle_operation", "车" },
    { "31013", "three_public.vehicle_purchase", "车" },
    { "30212", "three_public.overseas", "出国" } };
  gboolean budget = !g_strcmp0 (run->doc->kind, "budget");
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      bp_fen value;
      int line;
      if (!three_public_figure (run->doc, p, pairs[p][1], &value, &line))
        continue;
      gboolean vehicle = p == 1 || p == 2;
      for (guint i = 0; i < run->doc->classification->len; i++)
        {
          const BpClassRow *cr = run->doc->classification->pdata[i];
          /* The row must be the national item: a local scheme reuses the
           * codes (Shanghai's 302 12 机关事业单位退休人员活动费). */
          if (cr->kind != BP_CLASS_ECONOMIC || !cr->has[0]
              || !g_str_equal (cr->code, pairs[p][0])
              || !cr->name || !strstr (cr->name, pairs[p][2])
              || (cr->table && late_figure_unsure (run->doc, cr->table, cr->code)))
            continue;
          const BpTable *t = bp_document_find_table_by_id (run->doc, cr->table);
          bp_fen tol = t ? validate_table_tolerance (run->doc, t, 2) : 0;
          /* the “三公” table's own rounding too: 0.73 万元 covers 7,315 元 */
          tol += three_public_tolerance (run->doc, line);
          if (cr->amount[0] <= value + tol)
            continue;
          /* 出国 and 接待 have one scope in both tables. In final accounts
           * the vehicle rows may count cars outside the “三公” scope
           * (执法执勤): a hint only. */
          BpSeverity sev = !vehicle ? BP_SEVERITY_ERROR
                           : budget ? BP_SEVERITY_WARNING : BP_SEVERITY_INFO;
          char a[BP_AMOUNT_BUFSZ], b[BP_AMOUNT_BUFSZ];
          BpFinding *fd = validate_report (run, sev, cr->line, cr->table,
                                           "%s %s (%s) exceeds the “三公” figure %s "
                                           "(line %d) it is part of", cr->code, cr->name,
                                           bp_amount_format_buf (cr->amount[0], a),
                                           bp_amount_format_buf (value, b), line);
          bp_finding_set_values (fd, b, a);
        }
    }
}

/* ---- cross.project_total: 项目支出表 total ↔ the 项目支出 column -------- */

/* The column of the total row TP's 合计: the table's first amount column,
 * unless the row prints a figure before it. A 合计 spanning the label
 * columns (单位, 项目名称) may have its figures read one column early (hz
 * 表10: "合计 | 2,131.61 | 2,008.00 | 123.61" under 合计 | 一般公共预算 |
 * …): its first figure is then the 合计. */
static int
total_figure_column (const BpTable *t, const BpRow *tp)
{
  int first = column_named (t, "");
  for (int c = 1; tp && c < first && (guint) c < tp->cells->len; c++)
    {
      g_autofree char *cell = bp_text_strip_spaces (bp_row_cell (tp, c));
      if (*cell && bp_amount_looks_like (cell))
        return c;
    }
  return first;
}

static void
check_project_total (ValidateRun *run)
{
  const BpTable *proj = bp_document_find_table (run->doc, "project_expense");
  const BpTable *exp = bp_document_find_table (run->doc, "expense_summary");
  if (!proj || !exp || proj->empty || exp->empty)
    return;
  /* The project table's first row is its total when it has no label. */
  const BpRow *tp = total_row (proj);
  for (guint i = 0; !tp && i < proj->rows->len && i < 1; i++)
    if (bp_row_label_column (proj->rows->pdata[i]) < 0)
      tp = proj->rows->pdata[i];
  compare_cells (run, exp, total_row (exp), column_named (exp, "项目支出"), proj, tp,
                 total_figure_column (proj, tp), BP_SEVERITY_ERROR, "项目支出 合计");
}

/* ---- cross.project_forms: a project form's amount ↔ the project table --- */

static const char *const amount_labels[] = {
  "项目总投入", "项目当年预算", "当年预算合计", "本年度预算", "年度资金总额", NULL };

/* "20", "10.3万", "19.69万元" in 万元 → fen; decimals printed in *DEC. */
static gboolean
form_amount (const char *cell, bp_fen *out, int *dec)
{
  g_autofree char *s = bp_text_strip_spaces (cell);
  char *w = strstr (s, "万");
  if (w)
    *w = '\0';
  *dec = validate_decimals (s);
  return *s && bp_amount_parse (s, BP_UNIT_WANYUAN, out) == BP_AMOUNT_OK;
}

static gboolean
row_amount (const BpRow *r, bp_fen *out, int *dec)
{
  for (guint c = 0; c + 1 < r->cells->len; c++)
    {
      g_autofree char *label = bp_text_strip_spaces (bp_row_cell (r, c));
      if (!*label || !g_strv_contains (amount_labels, label))
        continue;
      for (guint k = c + 1; k < r->cells->len; k++)
        if (form_amount (bp_row_cell (r, k), out, dec))
          return TRUE;
    }
  return FALSE;
}

/* The project table's row whose name (after a "类别-" prefix) contains NAME
 * or is contained in it. */
static const BpRow *
project_row (const BpTable *proj, const char *name)
{
  for (guint i = 0; i < proj->rows->len; i++)
    {
      const BpRow *r = proj->rows->pdata[i];
      /* The name is not always the first label: a project code precedes it. */
      for (guint c = 0; c < r->cells->len; c++)
        {
          g_autofree char *label = validate_normalize_name (bp_row_cell (r, c));
          const char *dash = strrchr (label, '-');
          const char *n = dash ? dash + 1 : label;
          if (g_utf8_strlen (n, -1) >= 4 && !bp_amount_looks_like (n)
              && (strstr (n, name) || strstr (name, n)))
            return r;
        }
    }
  return NULL;
}

static void
check_form_against (ValidateRun *run, const BpTable *form, const BpRow *amount_row,
                    bp_fen value, int dec, const char *name, const BpTable *proj)
{
  const BpRow *pr = project_row (proj, name);
  bp_fen table_value;
  if (!pr || !cell_of (run->doc, proj, pr, column_named (proj, ""), &table_value))
    return;
  bp_fen half = 500000;   /* half of one 万元 digit, in fen, for 0 decimals */
  for (int d = 0; d < dec && half > 1; d++)
    half /= 10;
  if (bp_amount_within (value, table_value, half))
    return;
  char a[BP_AMOUNT_BUFSZ], e[BP_AMOUNT_BUFSZ];
  BpFinding *f = validate_report (run, BP_SEVERITY_ERROR, amount_row->line, form->id,
                                  "project “%s”: the form states %s元, the project "
                                  "table (line %d) %s元", name,
                                  bp_amount_format_buf (value, a), pr->line,
                                  bp_amount_format_buf (table_value, e));
  bp_finding_set_values (f, e, a);
}

static void
check_project_forms (ValidateRun *run)
{
  const BpTable *proj = bp_document_find_table (run->doc, "project_expense");
  if (!proj || proj->empty)
    return;
  for (guint ti = 0; ti < run->doc->tables->len; ti++)
    {
      const BpTable *t = run->doc->tables->pdata[ti];
      if (g_strcmp0 (t->type, "performance_project"))
        continue;
      g_autofree char *name = NULL;
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          g_autofree char *first = bp_text_strip_spaces (bp_row_cell (r, 0));
          bp_fen v;
          int dec;
          if (!g_strcmp0 (first, "项目名称") && r->cells->len > 1)
            {
              g_free (name);
              name = validate_normalize_name (bp_row_cell (r, 1));
            }
          else if (name && *name && row_amount (r, &v, &dec))
            {
              check_form_against (run, t, r, v, dec, name, proj);
              g_clear_pointer (&name, g_free);   /* one amount per form */
            }
        }
    }
}

const ValidateRule validate_cross_table_rules[] = {
  { "cross.class_rows", "cross_table",
    "A function code's figures agree between tables of the same fund scope",
    check_class_rows },
  { "cross.summary_classes", "cross_table",
    "The 收支总表's 类 figures agree with the 支出总表 (and the 财政拨款收支总表's "
    "with the 一般公共预算支出表)", check_summary_classes },
  { "cross.basic_total", "cross_table",
    "The 基本支出表 total is the 一般公共预算支出表's 基本支出", check_basic_total },
  { "cross.three_public_economic", "cross_table",
    "A 基本支出 economic row (30217, 30231, 31013, 30212) does not exceed its “三公” item",
    check_three_public_economic },
  { "cross.project_total", "cross_table",
    "The 项目支出表 total is the 支出总表's 项目支出", check_project_total },
  { "cross.project_forms", "cross_table",
    "A project form's amount is the project table's", check_project_forms },
  { NULL, NULL, NULL, NULL }
};
