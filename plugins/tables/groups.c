/* Side-by-side groups (决算 06 基本支出明细表): each printed line holds
 * several code | name | amount items (人员经费 | 公用经费 | 资本性支出).
 * Every item becomes one row code | name | 合计 | 人员经费 | 公用经费. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

typedef struct {
  char *code;
  GString *name;
  char *amount;
} Item;

static void
item_free (gpointer p)
{
  Item *it = p;
  g_free (it->code);
  g_string_free (it->name, TRUE);
  g_free (it->amount);
  g_free (it);
}

static Item *
item_new (GPtrArray *items, const char *code)
{
  Item *it = g_new0 (Item, 1);
  it->code = g_strdup (code);
  it->name = g_string_new (NULL);
  g_ptr_array_add (items, it);
  return it;
}

/* Items of one line: a code, or a label after a figure, starts an item. */
static GPtrArray *
items_of (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_split (text);
  tokens_join_codes (toks);
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);
  Item *cur = NULL;
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      if (token_is_code (t))
        cur = item_new (items, t);
      else if (token_is_number (t))
        {
          if (!cur)
            cur = item_new (items, NULL);
          if (!cur->amount)
            cur->amount = g_strdup (t);
        }
      else
        {
          if (!cur || cur->amount)
            cur = item_new (items, NULL);
          name_append (cur->name, t);
        }
    }
  return items;
}

/* 人员经费 covers 301 and 303; the rest (302, 310, ...) is 公用经费. */
static gboolean
item_is_personnel (const Item *it)
{
  if (it->code)
    return g_str_has_prefix (it->code, "301") || g_str_has_prefix (it->code, "303");
  return strstr (it->name->str, "人员经费") != NULL;
}

static void
item_emit (BpTable *t, const BpLine *l, const Item *it)
{
  BpRow *row = bp_table_add_row (t, l->line);
  t->end_line = MAX (t->end_line, l->end_line);
  const char *amount = it->amount ? it->amount : "";
  gboolean personnel = item_is_personnel (it);
  bp_row_add_cell (row, it->code ? it->code : "");
  bp_row_add_cell (row, it->name->str);
  bp_row_add_cell (row, amount);
  bp_row_add_cell (row, personnel ? amount : "");
  bp_row_add_cell (row, personnel ? "" : amount);
}

void
rows_build_groups (TableBody *tb)
{
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  static const char *const names[] = { "科目编码", "科目名称", "合计",
                                       "人员经费", "公用经费" };
  GPtrArray *h = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (h, g_strdup (names[i]));
  bp_table_add_header_row (tb->table, h);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      g_autoptr (GPtrArray) items = items_of (l->text);
      for (guint j = 0; j < items->len; j++)
        {
          Item *it = g_ptr_array_index (items, j);
          if (it->code || it->amount)
            item_emit (tb->table, l, it);
        }
    }
}
