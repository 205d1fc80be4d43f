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

/* "01 办公费": two digits, then a space or the end. */
static gboolean
is_two_digits_prefix (const char *s)
{
  return g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1])
         && (s[2] == ' ' || s[2] == '\t' || s[2] == '\0');
}

/* "301 08 229.67": an economic 类 and its 款 digits printed apart, also
 * when a figure follows (tokens_join_codes only joins a code followed by
 * its name). A 3-digit code is never followed directly by a two-digit
 * amount in these tables. */
static void
join_split_codes (GPtrArray *toks)
{
  for (guint i = 0; i + 1 < toks->len; i++)
    {
      const char *t = toks->pdata[i];
      if (strlen (t) != 3 || !token_is_code (t) || !token_is_two_digits (toks->pdata[i + 1]))
        continue;
      char *code = g_strconcat (t, toks->pdata[i + 1], NULL);
      g_ptr_array_remove_index (toks, i + 1);
      g_free (toks->pdata[i]);
      toks->pdata[i] = code;
    }
}

/* Items of one line: a code, or a label after a figure, starts an item. */
static GPtrArray *
items_of (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_split (text);
  tokens_join_codes (toks);
  join_split_codes (toks);
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

static BpRow *
item_emit (BpTable *t, const BpLine *l, const Item *it)
{
  BpRow *row = bp_table_add_row (t, l->line);
  t->end_line = MAX (t->end_line, bp_line_end_line (l));
  const char *amount = it->amount ? it->amount : "";
  gboolean personnel = item_is_personnel (it);
  bp_row_add_cell (row, it->code ? it->code : "");
  bp_row_add_cell (row, it->name->str);
  bp_row_add_cell (row, amount);
  bp_row_add_cell (row, personnel ? amount : "");
  bp_row_add_cell (row, personnel ? "" : amount);
  return row;
}

/* Items are printed over several lines in three ways, all seen in Shanghai
 * 决算 基本支出决算表:
 * - a code ends its line without its amount ("30108" alone; its name
 *   "机关事业单位基本养老保" / "险缴费" and "446.11" on the lines after):
 *   the item stays pending until its amount;
 * - a name is centred around its code line ("机关事业单位基本养" / "30108
 *   518.69 30206 电费 26.23" / "老保险缴费"): the line above starts the name
 *   of the line's nameless code, the line below ends it;
 * - a 类 code and its 款 digits on two lines ("302" / "01 办公费 21.21"). */
typedef struct {
  Item *item;           /* the pending item, or NULL */
  const BpLine *line;
  gboolean wants_tail;  /* its code stood alone: the next name line is its */
  GPtrArray *prefixes;  /* char*: name parts printed above their codes */
  guint prefixes_used;
  GPtrArray *nameless;  /* BpRow*: rows of the last line whose code had no name */
  GPtrArray *last_rows; /* BpRow*: every row of the last line */
} PendingItem;

static void
pending_flush (BpTable *t, PendingItem *p)
{
  if (!p->item)
    return;
  item_emit (t, p->line, p->item);
  item_free (p->item);
  p->item = NULL;
}

/* TRUE when IT (no code of its own) was taken into the pending item. */
static gboolean
pending_continue (BpTable *t, PendingItem *p, const BpLine *l, Item *it)
{
  if (!p->item || it->code || strstr (it->name->str, "合计")
      || strstr (it->name->str, "总计"))
    return FALSE;   /* the footer "人员经费合计 2,152.26" is no item's name */
  name_append (p->item->name, it->name->str);
  p->wants_tail = FALSE;
  t->end_line = MAX (t->end_line, bp_line_end_line (l));
  if (it->amount)
    {
      if (!p->item->code)
        p->line = l;    /* a footer's row is its figure's line */
      p->item->amount = g_steal_pointer (&it->amount);
      pending_flush (t, p);
    }
  return TRUE;
}

/* "302" then "01 办公费 21.21": the 款 digits starting the next line
 * complete a pending 类 code that has no name yet. */
static char *
line_text_after_pending (const PendingItem *p, const BpLine *l)
{
  const char *s = l->text;
  while (*s == ' ')
    s++;
  if (p->item && p->item->code && p->item->name->len == 0
      && strlen (p->item->code) % 2 == 1 && is_two_digits_prefix (s))
    return g_strconcat (p->item->code, " ", s, NULL);
  return NULL;
}

/* How many codes of TEXT have no name of their own ("31007", "30108
 * 518.69 30206 电费 26.23": one). */
static guint
nameless_codes (const char *text)
{
  g_autoptr (GPtrArray) items = items_of (text);
  guint n = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const Item *it = items->pdata[i];
      n += it->code && it->name->len == 0;
    }
  return n;
}

static void
row_append_name (BpTable *t, BpRow *row, const char *part, const BpLine *l)
{
  char **cell = (char **) &g_ptr_array_index (row->cells, 1);
  char *joined = g_strconcat (*cell, part, NULL);
  g_free (*cell);
  *cell = joined;
  t->end_line = MAX (t->end_line, bp_line_end_line (l));
}

/* Name parts above a line with M nameless codes: one part each; one part
 * more is the tail of the last line's first (left-hand) item ("费 因公出国
 * （境）费" between "301 11 公务员医疗补助缴 0.00 …" and "… 302 12 0.00"). */
static void
name_parts_before (BpTable *t, PendingItem *p, char **parts, guint m,
                   const BpLine *l)
{
  guint n = g_strv_length (parts), k = 0;
  if (n == m + 1 && p->last_rows->len)
    row_append_name (t, p->last_rows->pdata[0], parts[k++], l);
  if (n - k == m)
    for (; k < n; k++)
      g_ptr_array_add (p->prefixes, g_strdup (parts[k]));
  else
    g_ptr_array_add (p->prefixes, g_strjoinv ("", parts + k));
}

/* Name parts below a line with nameless codes: one part each, in order. */
static void
name_parts_after (BpTable *t, PendingItem *p, char **parts, const BpLine *l)
{
  guint n = g_strv_length (parts);
  if (n == p->nameless->len)
    for (guint k = 0; k < n; k++)
      row_append_name (t, p->nameless->pdata[k], parts[k], l);
  else
    {
      g_autofree char *all = g_strjoinv ("", parts);
      row_append_name (t, p->nameless->pdata[0], all, l);
    }
  g_ptr_array_set_size (p->nameless, 0);
}

/* A line holding only a name: the pending item's next part, the start of
 * the next line's nameless codes, or the end of the last line's. */
static gboolean
name_line (BpTable *t, PendingItem *p, GPtrArray *items, const BpLine *l,
           const BpLine *next)
{
  Item *it = items->len == 1 ? items->pdata[0] : NULL;
  if (!it || it->code || it->amount || strstr (it->name->str, "合计"))
    return FALSE;
  guint m = next ? nameless_codes (next->text) : 0;
  if (p->item && (p->wants_tail || !m) && pending_continue (t, p, l, it))
    return TRUE;
  g_auto (GStrv) parts = bp_text_split_ws (l->text);
  if (m)
    {
      pending_flush (t, p);
      name_parts_before (t, p, parts, m, l);
      return TRUE;
    }
  if (!p->nameless->len)
    return FALSE;
  name_parts_after (t, p, parts, l);
  return TRUE;
}

static void
group_item (BpTable *t, PendingItem *p, GPtrArray *items, guint j, const BpLine *l)
{
  Item *it = items->pdata[j];
  pending_flush (t, p);
  gboolean nameless = it->code && it->name->len == 0;
  if (nameless && p->prefixes_used < p->prefixes->len)
    g_string_prepend (it->name, p->prefixes->pdata[p->prefixes_used++]);
  /* A code, or the footer's "人员经费合计", ending the line without its
   * amount. */
  gboolean footer = !it->code && strstr (it->name->str, "合计");
  if ((it->code || footer) && !it->amount && j + 1 == items->len)
    {
      p->wants_tail = nameless && items->len == 1;
      p->item = g_ptr_array_steal_index (items, j);
      p->line = l;
      return;
    }
  if (!it->code && !it->amount)
    return;
  BpRow *row = item_emit (t, l, it);
  g_ptr_array_add (p->last_rows, row);
  if (nameless)
    g_ptr_array_add (p->nameless, row);
}

static void
group_line (BpTable *t, const BpLine *l, const BpLine *next, PendingItem *p)
{
  g_autofree char *joined = line_text_after_pending (p, l);
  if (joined)
    {
      item_free (p->item);
      p->item = NULL;
    }
  g_autoptr (GPtrArray) items = items_of (joined ? joined : l->text);
  if (name_line (t, p, items, l, next))
    return;
  g_ptr_array_set_size (p->nameless, 0);
  g_ptr_array_set_size (p->last_rows, 0);
  for (guint j = 0; j < items->len; j++)
    if (!pending_continue (t, p, l, items->pdata[j]))
      group_item (t, p, items, j, l);   /* may take the last item */
  g_ptr_array_set_size (p->prefixes, 0);
  p->prefixes_used = 0;
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
  PendingItem pending = { .prefixes = g_ptr_array_new_with_free_func (g_free),
                          .nameless = g_ptr_array_new (),
                          .last_rows = g_ptr_array_new () };
  GPtrArray *lines = tb->body_lines;
  for (guint i = 0; i < lines->len; i++)
    group_line (tb->table, lines->pdata[i],
                i + 1 < lines->len ? lines->pdata[i + 1] : NULL, &pending);
  pending_flush (tb->table, &pending);
  g_ptr_array_unref (pending.prefixes);
  g_ptr_array_unref (pending.nameless);
  g_ptr_array_unref (pending.last_rows);
}
