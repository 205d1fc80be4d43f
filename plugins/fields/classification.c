/* fields plugin: classification rows.
 *
 * Function rows come from the expenditure table (支出总表 / 支出决算表, else
 * the 一般公共预算支出表) with columns 合计/基本支出/项目支出. Economic rows
 * come from the basic-expenditure table, whose groups of (code, name,
 * figures) may stand side by side: the 决算 06 table prints 人员经费 and
 * 公用经费 codes in three groups with one 决算数 column each. */
#include "fields-private.h"

#include <string.h>

typedef struct {
  int code, name;
  int cols[BP_CLASS_NCOLS];   /* total / basic|personnel / project|public */
  gboolean named;             /* rows without a plain name are misread */
  gboolean sum_repeats;       /* a code listed again adds to its row */
} Group;

/* doc->classification's codes by kind, and table T's rows by code and
 * name, for add_row: it asked both of every row by a scan of all rows
 * added, which made a table of n rows cost n² (a 2,000-row class table,
 * issue 18). Made at the start of a table's read and kept up as add_row
 * adds rows. */
typedef struct {
  GHashTable *codes;   /* BpClassRow* keyed by kind and code */
  GHashTable *rows;    /* T's rows keyed by kind, code and name -> the first such */
} RowIndex;

/* The rows themselves are the keys, compared by kind, code and name: a
 * key string made for every row added and every question asked was most
 * of the index's cost (issue 18). These are the answers the keys "K:code"
 * and "K:code\x1fname" gave: a NULL code ended such a key ("K:"), and a
 * NULL name is no "" name. */
static const char *
key_code (const BpClassRow *r)
{
  return r->code ? r->code : "";
}

static const char *
key_name (const BpClassRow *r)
{
  return r->code ? r->name : NULL;
}

static guint
code_hash (gconstpointer key)
{
  const BpClassRow *r = key;
  return g_str_hash (key_code (r)) * 2u + (r->kind == BP_CLASS_FUNCTION);
}

static gboolean
code_equal (gconstpointer a, gconstpointer b)
{
  const BpClassRow *ra = a, *rb = b;
  return (ra->kind == BP_CLASS_FUNCTION) == (rb->kind == BP_CLASS_FUNCTION)
         && strcmp (key_code (ra), key_code (rb)) == 0;
}

static guint
row_hash (gconstpointer key)
{
  const char *name = key_name (key);
  return code_hash (key) * 31u + (name ? g_str_hash (name) : 0x9E3779B9u);
}

static gboolean
row_equal (gconstpointer a, gconstpointer b)
{
  return code_equal (a, b) && g_strcmp0 (key_name (a), key_name (b)) == 0;
}

static void
row_index_add (RowIndex *x, const BpTable *t, BpClassRow *r)
{
  g_hash_table_add (x->codes, r);
  if (g_strcmp0 (r->table, t->id) != 0)
    return;
  if (!g_hash_table_contains (x->rows, r))
    g_hash_table_insert (x->rows, r, r);
}

static void
row_index_init (RowIndex *x, const BpDocument *doc, const BpTable *t)
{
  x->codes = g_hash_table_new (code_hash, code_equal);
  x->rows = g_hash_table_new (row_hash, row_equal);
  for (guint i = 0; i < doc->classification->len; i++)
    row_index_add (x, t, g_ptr_array_index (doc->classification, i));
}

static void
row_index_clear (RowIndex *x)
{
  g_clear_pointer (&x->codes, g_hash_table_unref);
  g_clear_pointer (&x->rows, g_hash_table_unref);
}

/* TRUE when a row of KIND with CODE was added already: a table the tables
 * stage left in pieces (page breaks) is read piece by piece. */
static gboolean
have_code (const RowIndex *x, BpClassKind kind, const char *code)
{
  BpClassRow probe = { .kind = kind, .code = (char *) code };
  return g_hash_table_contains (x->codes, &probe);
}

/* The row of KIND with CODE and NAME that table T added, or NULL. */
static BpClassRow *
row_of_table (const RowIndex *x, BpClassKind kind, const char *code, const char *name)
{
  BpClassRow probe = { .kind = kind, .code = (char *) code, .name = (char *) name };
  return g_hash_table_lookup (x->rows, &probe);
}

/* TRUE when CODE belongs to KIND's classification: function codes are the
 * 2xx family, so an economic table mistyped as a function table (or the
 * other way round) adds nothing. */
static gboolean
code_fits_kind (const char *code, BpClassKind kind)
{
  return bp_text_is_class_code (code)
         && (code[0] == '2') == (kind == BP_CLASS_FUNCTION);
}

/* TRUE for a name the row can own: words without figures. A name cell
 * that is empty or holds digits means the row's cells were misaligned
 * (cells on separate lines paired wrongly), so its figures are not its own. */
static gboolean
name_is_plain (const char *name)
{
  return fields_match ("^[^0-9０-９]*\\p{Han}[^0-9０-９]*$", name, NULL);
}

/* Adds row R's figures to ROW (the same code listed again: a table by
 * unit, each unit's rows after the other's). */
static gboolean
sum_into (BpClassRow *row, const BpTable *t, const BpRow *r, const Group *g)
{
  for (int k = 0; k < BP_CLASS_NCOLS; k++)
    {
      bp_fen v;
      if (fields_cell_amount (t, r, g->cols[k], &v))
        {
          row->amount[k] = row->has[k] ? row->amount[k] + v : v;
          row->has[k] = TRUE;
        }
    }
  return TRUE;
}

static gboolean
add_row (BpDocument *doc, RowIndex *x, const BpTable *t, const BpRow *r,
         BpClassKind kind, const Group *g)
{
  g_autofree char *code = g_strstrip (g_strdup (fields_cell (r, g->code)));
  if (!code_fits_kind (code, kind))
    return FALSE;   /* most rows of a group's other columns: no name made */
  g_autofree char *name = bp_text_strip_spaces (fields_cell (r, g->name));
  if (have_code (x, kind, code))
    {
      BpClassRow *again = g->sum_repeats ? row_of_table (x, kind, code, name) : NULL;
      return again && sum_into (again, t, r, g);
    }
  if (g->named && !name_is_plain (name))
    return FALSE;
  /* A function row with no figure at all is no row of spending: its
   * figures were printed elsewhere (plain text), and its name often took
   * the next rows' ("进修及培训培训支出科学技术支出"). Economic tables list
   * every code of the catalogue, empty cells and all (决算 06表). */
  bp_fen amount[BP_CLASS_NCOLS];
  gboolean has[BP_CLASS_NCOLS], any = FALSE;
  for (int k = 0; k < BP_CLASS_NCOLS; k++)
    any |= has[k] = fields_cell_amount (t, r, g->cols[k], &amount[k]);
  if (!any && kind == BP_CLASS_FUNCTION)
    return FALSE;
  BpClassRow *row = bp_document_add_class_row (doc, kind, code, name, r->line,
                                               t->id);
  memcpy (row->amount, amount, sizeof amount);
  memcpy (row->has, has, sizeof has);
  row_index_add (x, t, row);
  return TRUE;
}

static gboolean
read_function_rows (BpDocument *doc, const BpTable *t, gboolean named,
                    gboolean sum_repeats)
{
  Group g = { .named = named, .sum_repeats = sum_repeats };
  g.code = MAX (fields_find_column (t, "编码|代码", 0), 0);
  g.name = fields_find_column (t, "名称", 0);
  if (g.name < 0)
    g.name = g.code + 1;
  g.cols[0] = fields_find_column (t, "合计", g.name + 1);
  g.cols[1] = fields_find_column (t, "基本支出", g.name + 1);
  g.cols[2] = fields_find_column (t, "项目支出", g.name + 1);
  if (g.cols[0] < 0)
    g.cols[0] = g.name + 1;
  gboolean any = FALSE;
  RowIndex x;
  row_index_init (&x, doc, t);
  for (guint i = 0; i < t->rows->len; i++)
    any |= add_row (doc, &x, t, g_ptr_array_index (t->rows, i), BP_CLASS_FUNCTION,
                    &g);
  row_index_clear (&x);
  return any;
}

/* CELL is six bare digits starting with the three of CODE ("241001"
 * under "241"): a unit's code under its department's. */
static gboolean
is_unit_code_of (const char *cell, const char *code)
{
  return strlen (cell) == 6 && strspn (cell, "0123456789") == 6
         && strlen (code) == 3 && strncmp (cell, code, 3) == 0;
}

/* TRUE when T lists units: a six-digit code under a three-digit one
 * ("241 西安市民政局" / "241001 西安市民政局"), in its code column or, when
 * plain text paired the cells wrongly, among its figures. No function
 * code has six digits. The header may not say so: its "单位编码" wrapped
 * over two lines ("单位编" / "码") is not read as one label. */
static gboolean
rows_carry_unit_codes (const BpTable *t, int code)
{
  /* the departments' codes first, then each cell once: rows × cells, not
   * rows² × cells (a 2,000-row table by unit took seconds) */
  g_autoptr (GHashTable) depts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < t->rows->len; i++)
    {
      char *dept = g_strstrip (g_strdup (fields_cell (g_ptr_array_index (t->rows, i), code)));
      if (strlen (dept) == 3)
        g_hash_table_add (depts, dept);
      else
        g_free (dept);
    }
  guint width = fields_table_width (t);
  for (guint j = 0; g_hash_table_size (depts) > 0 && j < t->rows->len; j++)
    for (guint k = 0; k < width; k++)
      {
        g_autofree char *c = g_strstrip (g_strdup (fields_cell (g_ptr_array_index (t->rows, j), (int) k)));
        if (strlen (c) != 6)
          continue;
        g_autofree char *prefix = g_strndup (c, 3);
        if (g_hash_table_contains (depts, prefix) && is_unit_code_of (c, prefix))
          return TRUE;
      }
  return FALSE;
}

/* TRUE when the head of T (its lines above the first row) names a
 * project column and a unit code column ("预算单位代码 | 预算单位名称 |
 * 预算项目名称 | 金额 | 功能分类科目代码 …", Xi'an's 财政拨款结转资金支出表):
 * each row is a project, its function code the one it is paid under, its
 * amounts a project's; plain text pairs its cells apart, a unit code
 * ("125001") then reading as an amount. */
static gboolean
table_lists_projects (const BpDocument *doc, const BpTable *t)
{
  int first = t->rows->len ? ((const BpRow *) t->rows->pdata[0])->line : t->end_line;
  gboolean project = FALSE, unit = FALSE;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (l->line < t->line || l->line >= first)
        continue;
      g_autofree char *c = bp_text_compact (l->text);
      project |= strstr (c, "项目名称") != NULL;
      unit |= strstr (c, "单位代码") || strstr (c, "单位编码");
    }
  return project && unit;
}

/* A table by unit (its code column headed 单位编码) has unit codes
 * ("252 西安市生态环境局"), no function rows. */
static gboolean
read_function (BpDocument *doc, const BpTable *t)
{
  int code = fields_find_column (t, "编码|代码", 0);
  g_autofree char *label = code >= 0 ? fields_column_label (t, code) : NULL;
  if (label && strstr (label, "单位编码") && !strstr (label, "科目"))
    return FALSE;
  if (rows_carry_unit_codes (t, MAX (code, 0)) || table_lists_projects (doc, t))
    return FALSE;
  return read_function_rows (doc, t, FALSE, FALSE);
}

/* How far a 元 figure printed with fewer than two decimals ("480544221.6"
 * for 480,544,221.62: a cell too narrow for its cents) may be from the
 * value it rounds, in fen. */
static bp_fen
printed_precision_slack (const BpTable *t, const char *text)
{
  const char *dot = strchr (text, '.');
  gsize decimals = dot ? strspn (dot + 1, "0123456789") : 0;
  if (t->unit != BP_UNIT_YUAN || decimals >= 2)
    return 0;
  return decimals == 1 ? 5 : 50;
}

/* The printed 合计 of T's total row in column COL, if any; *SLACK: how far
 * it may be from the value it rounds. */
static gboolean
table_total (const BpTable *t, int col, bp_fen *out, bp_fen *slack)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      if (fields_row_is_total (r) && fields_cell_amount (t, r, col, out))
        {
          *slack = printed_precision_slack (t, bp_row_cell (r, col));
          return TRUE;
        }
    }
  return FALSE;
}

/* TRUE when the row at I (added since FROM) has no child among those
 * rows: no other code starts with its own. */
static gboolean
is_leaf (const BpDocument *doc, guint from, guint i)
{
  const BpClassRow *r = g_ptr_array_index (doc->classification, i);
  for (guint j = from; j < doc->classification->len; j++)
    {
      const BpClassRow *o = g_ptr_array_index (doc->classification, j);
      if (j != i && strlen (o->code) > strlen (r->code)
          && g_str_has_prefix (o->code, r->code))
        return FALSE;
    }
  return TRUE;
}

/* TRUE when the rows of T added since FROM that have no children among
 * them (the deepest level, or a coarser row whose parts the table did not
 * print with codes) add up to T's printed 合计. */
static gboolean
function_rows_balance (const BpDocument *doc, const BpTable *t, guint from)
{
  int col = MAX (fields_find_column (t, "合计", 0), 0);
  bp_fen total, slack;
  if (!table_total (t, col, &total, &slack))
    return FALSE;
  bp_wide_fen sum = 0;
  guint terms = 0;
  for (guint i = from; i < doc->classification->len; i++)
    {
      const BpClassRow *r = g_ptr_array_index (doc->classification, i);
      if (r->has[0] && is_leaf (doc, from, i))
        {
          sum += r->amount[0];
          terms++;
        }
    }
  return terms > 0
         && bp_wide_abs (sum - total) <= bp_rounding_tolerance (t->unit, terms + 1) + slack;
}

/* The fallback table (一般公共预算支出表) is its cells most often paired
 * wrongly when printed one cell a line: its rows are kept only when each
 * names its item and the deepest rows add up to the printed 合计. */
/* TRUE when no coded row of T has a name: the tables stage rebuilt the
 * rows from runs of codes and figures and could not pair the names (it
 * keeps such rows only when the code hierarchy confirms them), so an
 * empty name is no sign of a misread row there. */
static gboolean
coded_rows_nameless (const BpTable *t)
{
  int code = MAX (fields_find_column (t, "编码|代码", 0), 0);
  int name = fields_find_column (t, "名称", 0);
  if (name < 0)
    name = code + 1;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      g_autofree char *c = g_strstrip (g_strdup (fields_cell (r, code)));
      if (bp_text_is_class_code (c) && *fields_cell (r, name))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_function_balanced (BpDocument *doc, const BpTable *t, gboolean sum_repeats)
{
  guint from = doc->classification->len;
  if (!read_function_rows (doc, t, !coded_rows_nameless (t), sum_repeats))
    return FALSE;
  if (function_rows_balance (doc, t, from))
    return TRUE;
  g_ptr_array_remove_range (doc->classification, from,
                            doc->classification->len - from);
  return FALSE;
}

/* The rows added since FROM keep their 合计 only. */
static void
keep_totals_only (BpDocument *doc, guint from)
{
  for (guint i = from; i < doc->classification->len; i++)
    {
      BpClassRow *r = g_ptr_array_index (doc->classification, i);
      for (int k = 1; k < BP_CLASS_NCOLS; k++)
        r->has[k] = FALSE;
    }
}

/* A code listed twice is first taken once (a row printed again over a
 * page break); when the rows then fall short of the 合计, the table lists
 * its units one after another (北京 预算05表: each unit's 2080505 …) and a
 * code's row is the sum of its rows, kept when those add up. */
static gboolean
read_function_named (BpDocument *doc, const BpTable *t)
{
  if (read_function_balanced (doc, t, FALSE))
    return TRUE;
  guint from = doc->classification->len;
  if (!read_function_balanced (doc, t, TRUE))
    return FALSE;
  /* Only the 合计 of a code summed over its units: a unit's row of three
   * equal figures (合计 | 基本支出 小计 | 公用经费) fits 合计 | 项目支出 |
   * 扣除基建后 as well, and the misplaced parts still add up in the sum. */
  keep_totals_only (doc, from);
  return TRUE;
}

/* TRUE when most body rows hold a classification code in column COL: a
 * side-by-side group whose header was lost or merged. */
static gboolean
column_holds_codes (const BpTable *t, int col)
{
  guint codes = 0, filled = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      g_autofree char *cell = g_strstrip (g_strdup (fields_cell (r, col)));
      if (!*cell)
        continue;
      filled++;
      codes += bp_text_is_class_code (cell);
    }
  return filled > 0 && codes * 2 > filled;
}

static gboolean
column_holds_names (const BpTable *t, int col)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      if (fields_match ("\\p{Han}", fields_cell (r, col), NULL))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_code_column (const BpTable *t, int col, int first)
{
  g_autofree char *label = fields_column_label (t, col);
  if (col == first || fields_match ("编码|代码", label, NULL))
    return TRUE;
  return col > first + 1 && column_holds_codes (t, col);
}

/* Value columns of the group starting at CODE, up to END (exclusive). */
static void
economic_group (const BpTable *t, int code, int end, Group *g)
{
  g->code = code;
  g->named = FALSE;
  g->name = column_holds_names (t, code + 1) ? code + 1 : -1;
  for (int k = 0; k < BP_CLASS_NCOLS; k++)
    g->cols[k] = -1;
  for (int c = (g->name < 0 ? code : g->name) + 1; c < end; c++)
    {
      g_autofree char *label = fields_column_label (t, c);
      int k = strstr (label, "人员") ? 1 : strstr (label, "公用") ? 2 : 0;
      if (g->cols[k] < 0)
        g->cols[k] = c;
    }
}

static GArray *
economic_groups (const BpTable *t)
{
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));
  int w = (int) fields_table_width (t);
  int first = MAX (fields_find_column (t, "编码|代码", 0), 0);
  int c = first;

  while (c < w)
    {
      int next = c + 1;
      while (next < w && !is_code_column (t, next, first))
        next++;
      Group g = { 0 };
      economic_group (t, c, next, &g);
      if (next < w || groups->len > 0)
        {
          /* Side-by-side groups carry one figure each: the item's total. */
          int only = MAX (MAX (g.cols[0], g.cols[1]), g.cols[2]);
          g.cols[0] = g.cols[0] >= 0 ? g.cols[0] : only;
          g.cols[1] = g.cols[2] = -1;
        }
      g_array_append_val (groups, g);
      c = next;
    }
  return groups;
}

/* A table whose figures the tables stage could not place (a second
 * column of economic codes read as figures: Xi'an's 表8 in plain text,
 * "303 对个人和家庭的补助 119.21" with 30239's figure) gives no rows: its
 * cells are not the rows' amounts. */
static gboolean
read_economic (BpDocument *doc, const BpTable *t)
{
  g_autofree char *unreadable = g_strconcat ("tables.", t->id, ".unreadable", NULL);
  if (bp_document_get_meta (doc, unreadable))
    return FALSE;
  g_autoptr (GArray) groups = economic_groups (t);
  gboolean any = FALSE;
  RowIndex x;
  row_index_init (&x, doc, t);
  for (guint i = 0; i < t->rows->len; i++)
    for (guint k = 0; k < groups->len; k++)
      any |= add_row (doc, &x, t, g_ptr_array_index (t->rows, i),
                      BP_CLASS_ECONOMIC, &g_array_index (groups, Group, k));
  row_index_clear (&x);
  return any;
}

/* Reads every non-empty table of TYPE; FALSE when no row came of it (a
 * summary by unit rather than by function, or one typed wrongly). */
static gboolean
read_tables (BpDocument *doc, const char *type,
             gboolean (*read) (BpDocument *, const BpTable *))
{
  gboolean any = FALSE;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      if (g_strcmp0 (t->type, type) == 0 && !t->empty && t->rows->len)
        any |= read (doc, t);
    }
  return any;
}

/* The one plain name the tables of spending by function print in the
 * cell after CODE, or NULL when none or several. */
static char *
name_printed_for (const BpDocument *doc, const char *code)
{
  char *found = NULL;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (guint j = 0; fields_lists_function_items (t) && j < t->rows->len; j++)
        {
          const BpRow *r = g_ptr_array_index (t->rows, j);
          g_autofree char *c = g_strstrip (g_strdup (fields_cell (r, 0)));
          g_autofree char *name = bp_text_strip_spaces (fields_cell (r, 1));
          if (!g_str_equal (c, code) || !name_is_plain (name) || strstr (name, "收入")
              || strstr (name, "合计"))
            continue;
          if (found && !g_str_equal (found, name))
            {
              g_free (found);
              return NULL;
            }
          if (!found)
            found = g_steal_pointer (&name);
        }
    }
  return found;
}

/* Plain text may print a table's names apart from its codes, so the
 * 支出总表's rows come back nameless, while another table prints the same
 * codes beside their names (the 一般公共预算支出表, a Shanghai Putuo unit budget): a nameless
 * function row takes the name printed beside its code, when only one is. */
static void
name_nameless_rows (BpDocument *doc)
{
  for (guint i = 0; i < doc->classification->len; i++)
    {
      BpClassRow *r = g_ptr_array_index (doc->classification, i);
      if (r->kind != BP_CLASS_FUNCTION || (r->name && *r->name))
        continue;
      char *name = name_printed_for (doc, r->code);
      if (!name)
        continue;
      g_free (r->name);
      r->name = name;
    }
}

void
fields_extract_classification (BpDocument *doc)
{
  if (!read_tables (doc, "expense_summary", read_function)
      && !fields_read_cross_rows (doc, "expense_summary")
      && !read_tables (doc, "general_budget_expense", read_function_named)
      && !fields_read_code_lines (doc, "expense_summary")
      && !fields_read_code_lines (doc, "general_budget_expense")
      && !fields_read_queued_cross_rows (doc, "expense_summary"))
    fields_read_summary_classes (doc);
  name_nameless_rows (doc);
  read_tables (doc, "basic_expense", read_economic);
}
