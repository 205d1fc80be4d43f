/* Rows of tab-separated tables and of free-form (text) tables. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* TEXT's tab-separated cells, each stripped (as g_strstrip of each part
 * of g_strsplit at tabs: none for an empty text), one copy a cell. */
static GPtrArray *
cells_of_tabbed (const char *text)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  if (!*text)
    return cells;
  for (const char *p = text;;)
    {
      const char *tab = strchr (p, '\t');
      const char *s = p, *e = tab ? tab : p + strlen (p);
      while (s < e && g_ascii_isspace (*s))
        s++;
      while (e > s && g_ascii_isspace (e[-1]))
        e--;
      g_ptr_array_add (cells, g_strndup (s, e - s));
      if (!tab)
        return cells;
      p = tab + 1;
    }
}

static gboolean
cells_all_empty (const GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i))
      return FALSE;
  return TRUE;
}

static gboolean
cells_equal (const GPtrArray *a, const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* A header row printed again after a page break. */
static gboolean
repeats_header (const BpTable *t, const GPtrArray *cells)
{
  for (guint h = 0; h < t->header->len; h++)
    if (cells_equal (g_ptr_array_index (t->header, h), cells))
      return TRUE;
  return FALSE;
}

/* A row of L's CELLS (taken: a row takes its cells as made, not copies). */
static void
row_add_cells (BpTable *t, const BpLine *l, GPtrArray *cells)
{
  bp_table_add_row_take (t, l->line, cells);
  if (bp_line_end_line (l) > t->end_line)
    t->end_line = bp_line_end_line (l);
}

void
rows_build_tabbed (TableBody *tb)
{
  BpTable *t = tb->table;
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->header_lines, i);
      if (strchr (l->text, '\t'))
        bp_table_add_header_row (t, cells_of_tabbed (l->text));
    }
  gboolean text_shape = tb->shape == SHAPE_TEXT;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      if (!text_shape && !strchr (l->text, '\t'))
        continue; /* a repeated title or unit line inside a continued table */
      g_autoptr (GPtrArray) cells = cells_of_tabbed (l->text);
      if (cells_all_empty (cells) || repeats_header (t, cells))
        continue;
      row_add_cells (t, l, g_steal_pointer (&cells));
    }
}

static GPtrArray *
cells_of_tokens (const char *text)
{
  char **parts = bp_text_split_ws (text);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts && parts[i]; i++)
    g_ptr_array_add (cells, parts[i]);   /* taken */
  g_free (parts);
  return cells;
}

/* Forms and lists: each line's whitespace-separated words are its cells. */
void
rows_build_text (TableBody *tb)
{
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->header_lines, i);
      bp_table_add_header_row (tb->table, cells_of_tokens (l->text));
    }
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->body_lines, i);
      g_autoptr (GPtrArray) cells = cells_of_tokens (l->text);
      if (cells->len > 0)
        row_add_cells (tb->table, l, g_steal_pointer (&cells));
    }
}
