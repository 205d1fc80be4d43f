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

gboolean
fields_read_summary_classes (BpDocument *doc)
{
  const BpTable *t = bp_document_find_table (doc, "income_expense_summary");
  if (!t || t->empty)
    return FALSE;
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (ClassItem));
  g_array_set_clear_func (items, class_item_clear);
  bp_fen total = 0;
  if (!summary_class_items (t, items, &total) || items->len == 0)
    return FALSE;
  bp_wide_fen sum = 0;
  for (guint k = 0; k < items->len; k++)
    sum += g_array_index (items, ClassItem, k).amount;
  if (bp_wide_abs (sum - total) > bp_rounding_tolerance (t->unit, items->len + 1))
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
