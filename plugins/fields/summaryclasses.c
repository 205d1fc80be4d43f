/* fields plugin: function rows by 类 from the 收支总表's 支出 side.
 *
 * Some templates print no function table the rows can be read from in
 * full: 北京's 预算03表 lists only part of the 项目支出 and its 预算05表
 * only the 一般公共预算. Their 收支总表 still lists every fund's spending
 * by 类 ("五、教育支出 367.509754"). Those lines are the function rows at
 * 类 level when they add up to the table's 本年支出合计; a 类 printed
 * with 0.00 or nothing is left out. Read last, when no other table gives
 * function rows. */
#include "fields-private.h"

#include <string.h>

static GHashTable *classes;   /* 类 name (no spaces) → its 3-digit code */

/* The 3-digit codes of data file FILE by the name in column NAME_COL (a
 * former name maps to the current code). */
static void
load_classes (GHashTable *map, const char *file, guint name_col)
{
  g_autoptr (GPtrArray) rows = bp_data_rows (file, name_col + 1);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      if (strlen (f[0]) != 3 || f[0][0] != '2' || !bp_text_is_class_code (f[0]))
        continue;
      g_hash_table_insert (map, bp_text_strip_spaces (f[name_col]), g_strdup (f[0]));
    }
}

static gpointer
classes_load (gpointer unused)
{
  (void) unused;
  /* Kept for the life of the process (the plugin stays resident). */
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  load_classes (map, "function-codes.tsv", 1);
  load_classes (map, "function-codes-former-names.tsv", 1);
  classes = map;
  return map;
}

/* The 类 code of the item LABEL ("五、教育支出", "十九、住房保障支出"), or
 * NULL. */
static const char *
class_code_of (const char *label)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, classes_load, NULL);
  g_autofree char *name = bp_text_strip_spaces (label);
  const char *p = strstr (name, "、");
  const char *bare = p && p - name <= 12 ? p + strlen ("、") : name;
  return g_hash_table_lookup (classes, bare);
}

typedef struct {
  const char *code;
  char *name;
  bp_fen amount;
  int line;
} ClassItem;

static void
class_item_clear (gpointer p)
{
  g_free (((ClassItem *) p)->name);
}

/* The 类 items of T's rows with a figure in the cell after their label,
 * into ITEMS; the 本年支出合计 into *TOTAL. FALSE when a 类 is listed
 * twice or no 本年支出合计 is found. */
static gboolean
summary_class_items (const BpTable *t, GArray *items, bp_fen *total)
{
  gboolean have_total = FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c + 1 < r->cells->len; c++)
        {
          g_autofree char *label = bp_text_strip_spaces (fields_cell (r, (int) c));
          const char *code = class_code_of (label);
          bp_fen v;
          if (g_str_equal (label, "本年支出合计") && fields_cell_amount (t, r, (int) c + 1, &v))
            *total = v, have_total = TRUE;
          /* a 类 the department spends nothing on is no row of its own */
          if (!code || !fields_cell_amount (t, r, (int) c + 1, &v) || v == 0)
            continue;
          for (guint k = 0; k < items->len; k++)
            if (g_str_equal (g_array_index (items, ClassItem, k).code, code))
              return FALSE;
          const char *p = strstr (label, "、");
          ClassItem it = { code, g_strdup (p ? p + strlen ("、") : label), v, r->line };
          g_array_append_val (items, it);
        }
    }
  return have_total;
}

/* ---- Figures printed apart from their labels (plain text) ----------
 *
 * Plain text may print the 支出 figures of a 收支总表 on lines of their
 * own, interleaved with the 收入 items and their figures, so no figure
 * stands in the cell after its 类. They are still the function rows when
 * three things hold together: the 类 that have coded rows in the detail
 * tables (03表, 05表, 07表, 08表) are all listed in the 收支总表; exactly
 * one choice of that many figures, in print order, adds up to the
 * 本年支出合计; and dealt in order to those 类, every figure stands on or
 * after its own 类's line. Anything less gives no row. The words are read
 * from the source lines: the tables stage may join a 类 with a figure
 * into one cell ("四、公共安全支出51,785.567247") and lose the next. */

typedef struct {
  bp_fen amount;
  int line;
} Figure;

/* Adds to SET the 类 (3 digits) of every 7-digit function code in S: a
 * run of seven digits starting with 2 that is no part of an amount. */
static void
add_cell_classes (GHashTable *set, const char *s)
{
  for (const char *p = s; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || (p > s && (g_ascii_isdigit (p[-1]) || p[-1] == ','
                                              || p[-1] == '.')))
        continue;
      size_t n = strspn (p, "0123456789");
      if (n == 7 && p[0] == '2' && p[n] != '.' && p[n] != ',')
        {
          char cls[4] = { p[0], p[1], p[2], 0 };
          if (bp_text_is_class_code (cls))
            g_hash_table_add (set, g_strdup (cls));
        }
      p += n - 1;
    }
}

/* The 类 with coded rows in the document's function tables. */
static GHashTable *
detail_classes (const BpDocument *doc)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (guint j = 0; fields_lists_function_items (t) && j < t->rows->len; j++)
        {
          const BpRow *r = g_ptr_array_index (t->rows, j);
          for (guint c = 0; c < r->cells->len; c++)
            add_cell_classes (set, fields_cell (r, (int) c));
        }
    }
  return set;
}

/* The words of source line LINE of DOC in print order: each 类 label
 * into ITEMS (amount left 0), each non-zero figure into FIGURES once a 类
 * was seen. FALSE when a 类 is listed twice. */
static gboolean
line_labels_and_figures (const BpDocument *doc, const BpTable *t, int line,
                         GArray *items, GArray *figures)
{
  BpUnit unit = t->unit ? t->unit : BP_UNIT_YUAN;
  g_auto (GStrv) words = g_strsplit_set (bp_document_source_line (doc, line), " \t", -1);
  for (guint w = 0; words[w]; w++)
    {
      const char *code = class_code_of (words[w]);
      Figure f = { 0, line };
      if (code)
        {
          for (guint k = 0; k < items->len; k++)
            if (g_str_equal (g_array_index (items, ClassItem, k).code, code))
              return FALSE;
          const char *p = strstr (words[w], "、");
          ClassItem it = { code, g_strdup (p ? p + strlen ("、") : words[w]), 0, line };
          g_array_append_val (items, it);
        }
      else if (items->len && bp_amount_looks_like (words[w])
               && bp_amount_parse (words[w], unit, &f.amount) == BP_AMOUNT_OK && f.amount)
        g_array_append_val (figures, f);
    }
  return TRUE;
}

/* Every 类 label of T's source lines in print order into ITEMS, and every
 * figure from the first 类 to the first line that says 合计 into
 * FIGURES. FALSE when a 类 is listed twice or none is. */
static gboolean
summary_labels_and_figures (const BpDocument *doc, const BpTable *t, GArray *items,
                            GArray *figures)
{
  for (int line = t->line; line <= t->end_line; line++)
    {
      const char *text = bp_document_source_line (doc, line);
      if (!text || (items->len && strstr (text, "合计")))
        break;
      if (!line_labels_and_figures (doc, t, line, items, figures))
        return FALSE;
    }
  return items->len && figures->len;
}

/* The 本年支出合计 of T, else the document's expense.total read from a
 * table. */
static gboolean
spending_total (const BpDocument *doc, const BpTable *t, bp_fen *total)
{
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (ClassItem));
  g_array_set_clear_func (items, class_item_clear);
  if (summary_class_items (t, items, total))
    return TRUE;
  const BpField *f = bp_document_get_field (doc, "expense.total");
  if (!f || f->kind != BP_FIELD_MONEY || g_strcmp0 (f->source, "table") != 0)
    return FALSE;
  *total = f->value;
  return TRUE;
}

/* Keeps in ITEMS only the 类 in SET; FALSE when a 类 of SET is not
 * listed. */
static gboolean
keep_detail_classes (GArray *items, GHashTable *set)
{
  for (guint k = items->len; k-- > 0;)
    if (!g_hash_table_contains (set, g_array_index (items, ClassItem, k).code))
      g_array_remove_index (items, k);
  return items->len == g_hash_table_size (set);
}

/* The one choice (a bit per figure) of K of FIGURES adding up to TOTAL,
 * or 0 when none or several. At most 20 figures are tried. */
static guint32
only_sum_of (const GArray *figures, guint k, bp_fen total, bp_fen slack)
{
  guint n = figures->len;
  guint32 found = 0;
  if (n > 20 || k == 0 || k > n)
    return 0;
  for (guint32 mask = 1; mask < (1u << n); mask++)
    {
      if ((guint) __builtin_popcount (mask) != k)
        continue;
      bp_wide_fen sum = 0;
      for (guint i = 0; i < n; i++)
        if (mask & (1u << i))
          sum += g_array_index (figures, Figure, i).amount;
      if (bp_wide_abs (sum - total) > slack)
        continue;
      if (found)
        return 0;
      found = mask;
    }
  return found;
}

/* Deals the figures of MASK in order to ITEMS; FALSE when a figure stands
 * before its 类's line (plain text prints a figure on its label's line or
 * later, never earlier). */
static gboolean
deal_in_order (GArray *items, const GArray *figures, guint32 mask)
{
  guint k = 0;
  for (guint i = 0; i < figures->len; i++)
    {
      if (!(mask & (1u << i)))
        continue;
      const Figure *f = &g_array_index (figures, Figure, i);
      ClassItem *it = &g_array_index (items, ClassItem, k);
      if (f->line < it->line)
        return FALSE;
      it->amount = f->amount;
      k++;
    }
  return TRUE;
}

static gboolean
summary_classes_apart (const BpDocument *doc, const BpTable *t, GArray *items)
{
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  g_autoptr (GHashTable) set = detail_classes (doc);
  bp_fen total = 0;
  g_array_set_size (items, 0);
  if (g_hash_table_size (set) == 0 || !spending_total (doc, t, &total)
      || !summary_labels_and_figures (doc, t, items, figures)
      || !keep_detail_classes (items, set))
    return FALSE;
  guint32 mask = only_sum_of (figures, items->len, total,
                              bp_rounding_tolerance (t->unit, items->len + 1));
  return mask && deal_in_order (items, figures, mask);
}

static gboolean
summary_classes_in_cells (const BpTable *t, GArray *items)
{
  bp_fen total = 0;
  if (!summary_class_items (t, items, &total) || items->len == 0)
    return FALSE;
  bp_wide_fen sum = 0;
  for (guint k = 0; k < items->len; k++)
    sum += g_array_index (items, ClassItem, k).amount;
  return bp_wide_abs (sum - total) <= bp_rounding_tolerance (t->unit, items->len + 1);
}

gboolean
fields_read_summary_classes (BpDocument *doc)
{
  const BpTable *t = bp_document_find_table (doc, "income_expense_summary");
  if (!t || t->empty)
    return FALSE;
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (ClassItem));
  g_array_set_clear_func (items, class_item_clear);
  if (!summary_classes_in_cells (t, items) && !summary_classes_apart (doc, t, items))
    return FALSE;
  for (guint k = 0; k < items->len; k++)
    {
      const ClassItem *it = &g_array_index (items, ClassItem, k);
      BpClassRow *row = bp_document_add_class_row (doc, BP_CLASS_FUNCTION, it->code,
                                                   it->name, it->line, t->id);
      row->amount[0] = it->amount;
      row->has[0] = TRUE;
    }
  return TRUE;
}
