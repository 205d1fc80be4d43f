/* validate: reading tables the same way in every rule. */
#include "validate-private.h"

#include <string.h>

/* Types whose data rows are keyed by classification codes (SCHEMA.md). */
static const char *const coded_types[] = {
  "income_summary", "expense_summary", "general_budget_expense",
  "basic_expense", "gov_fund_expense", "state_capital_expense",
  "project_expense", NULL };

gboolean
validate_table_is_coded (const BpTable *t)
{
  return t->type && g_strv_contains (coded_types, t->type);
}

const char *
validate_row_class_code (const BpRow *r)
{
  const char *code = bp_row_code (r);
  /* 1xx income codes and unit codes ("108001") are not expense classes. */
  if (!code || !bp_text_is_class_code (code))
    return NULL;
  return (code[0] == '2' || code[0] == '3' || code[0] == '5') ? code : NULL;
}

char *
validate_row_label (const BpRow *r)
{
  int col = bp_row_label_column (r);
  return col < 0 ? g_strdup ("") : bp_text_strip_spaces (bp_row_cell (r, col));
}

gboolean
validate_label_is_total (const char *label)
{
  if (!label || !*label)
    return FALSE;
  if (g_str_equal (label, "合计") || g_str_equal (label, "总计")
      || g_str_equal (label, "小计"))
    return TRUE;
  /* "支出合计", "本年收入合计" but not a subject that merely contains it. */
  return (g_str_has_suffix (label, "合计") || g_str_has_suffix (label, "总计"))
         && g_utf8_strlen (label, -1) <= 8;
}

gboolean
validate_cell_money (const BpRow *r, guint col, BpUnit unit,
                     bp_fen *out, gboolean *empty)
{
  *out = 0;
  const char *cell = bp_row_cell (r, col);
  BpAmountStatus st = cell ? bp_amount_parse (cell, unit, out)
                           : BP_AMOUNT_EMPTY;
  if (empty)
    *empty = st == BP_AMOUNT_EMPTY;
  /* A label or a share ("88.51%") is not money. */
  if (st != BP_AMOUNT_OK || !bp_amount_looks_like (cell))
    {
      *out = 0;
      return FALSE;
    }
  return TRUE;
}

static GArray *amount_columns (const BpTable *t);

GArray *
validate_amount_columns (const BpTable *t)
{
  GHashTable *cache = validate_cache (VALIDATE_CACHE_COLUMNS);
  GArray *cols = cache ? g_hash_table_lookup (cache, t) : NULL;
  if (!cols)
    {
      cols = amount_columns (t);
      if (!cache)
        return cols;
      g_hash_table_insert (cache, (gpointer) t, cols);
    }
  return g_array_ref (cols);
}

static GArray *
amount_columns (const BpTable *t)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));
  guint width = 0;
  for (guint i = 0; i < t->rows->len; i++)
    width = MAX (width, ((BpRow *) t->rows->pdata[i])->cells->len);
  /* Figures in most of its filled cells: a code or name column may hold a
   * stray number ("31 本级支出项目"), an amount column never holds names. */
  for (guint c = 0; c < width; c++)
    {
      guint figures = 0, others = 0;
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          bp_fen v;
          gboolean empty;
          if (bp_row_code (r) == bp_row_cell (r, c))
            others++;
          else if (validate_cell_money (r, c, BP_UNIT_YUAN, &v, &empty))
            figures++;
          else if (!empty)
            others++;
        }
      if (figures > others)
        g_array_append_val (cols, c);
    }
  return cols;
}

char *
validate_column_label (const BpTable *t, guint col)
{
  char *label = bp_table_column_label (t, col);
  return label ? label : g_strdup ("");
}

BpUnit
validate_table_unit (const BpDocument *doc, const BpTable *t)
{
  if (t->unit != BP_UNIT_UNKNOWN)
    return t->unit;
  return doc->unit != BP_UNIT_UNKNOWN ? doc->unit : BP_UNIT_YUAN;
}

int
validate_side_label_column (const BpTable *t, const BpRow *r, const char *side)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      g_autofree char *head = validate_column_label (t, c);
      g_autofree char *cell = bp_text_strip_spaces (bp_row_cell (r, c));
      if (strstr (head, side) && !strstr (head, "行次") && *cell
          && !bp_amount_looks_like (cell))
        return (int) c;
    }
  return -1;
}
