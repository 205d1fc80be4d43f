/* Plain text of a function table listed by unit whose codes are not in
 * row order (Xi'an's 表5 by unit: "125002 西安市安全生产宣传教育中心", then
 * that unit's 类 / 款 / 项 rows, the 款 printed as two digits "05"). Plain
 * pdftotext prints one cell a line; the names keep the rows' order, and
 * each row's first figure after its name is its 合计, but a row's other
 * figures may come rows later, and codes may stand after their row's name
 * or be printed at the page's end ("2210201 | 住房公积金 | 40.39 | 40.39 |
 * 2080505 | 2089901 | 第8页"). The streams rebuilds, which pair the k-th
 * code with the k-th group of figures, fail there.
 *
 * Read instead: a row per name, its 合计 the first figure after it; its
 * code the class code (or a 款's two digits under the 类 above) printed
 * last between the row before's name and its own, else the catalogue's
 * code for its name under the rows above (namecodes.c); each unit code to
 * the next row. Kept only when every sum holds: 合计 = Σ units, each unit
 * = Σ its 类, each parent = Σ its children, every code under a parent of
 * its own unit. The rows then carry their 合计 alone. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

typedef struct {
  char *name;          /* the row's name (wrapped lines joined) */
  int line;            /* the name's source line */
  gint64 total;        /* its first figure after the name */
  char *figure;        /* that figure as printed */
  char *printed;       /* the code printed for it, or NULL */
  gboolean is_total;   /* the 合计 row */
  gboolean unit;       /* a unit's row (its printed code a unit code) */
  char *code;          /* the row's code in the end */
} UnitRow;

static void
unit_row_clear (gpointer p)
{
  UnitRow *r = p;
  g_free (r->name);
  g_free (r->printed);
  g_free (r->code);
  g_free (r->figure);
}

/* "125002": six bare digits, no class code. */
static gboolean
is_unit_token (const char *t)
{
  return strlen (t) == 6 && strspn (t, "0123456789") == 6 && !token_is_code (t);
}

/* A line of Chinese words alone: a row's name or a piece of one; not
 * the page's footer ("第7页，共45页") nor the header's words printed again. */
static gboolean
line_is_name (const char *text, GPtrArray *header_lines)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  if (!*c || strpbrk (c, "0123456789*") || g_str_equal (c, "备注"))
    return FALSE;
  if (!g_unichar_isalpha (g_utf8_get_char (c)) || g_utf8_get_char (c) < 0x2E80)
    return FALSE;
  if (g_str_equal (c, "合计"))
    return TRUE;   /* the 合计 row's label, a column's heading too */
  for (guint i = 0; i < header_lines->len; i++)
    {
      g_autofree char *h_own = NULL;
      const char *h = compact_of (((const BpLine *) header_lines->pdata[i])->text, &h_own);
      if (g_str_equal (c, h))
        return FALSE;
    }
  return TRUE;
}

/* Reads LINES into rows (UnitRow). The code printed since the row
 * before's name (a unit code, a class code, or two digits made a 款
 * under the last 类 printed) is the next name's. Reading stops at a name
 * without a figure after it. */
static GArray *
unit_rows_read (GPtrArray *lines, GPtrArray *header_lines)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (UnitRow));
  g_array_set_clear_func (rows, unit_row_clear);
  g_autofree char *pending = NULL;
  char lei[4] = "";
  gboolean in_name = FALSE, want_total = FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const BpLine *l = lines->pdata[i];
      g_autofree char *t = g_strstrip (g_strdup (l->text));
      UnitRow *last = rows->len ? &g_array_index (rows, UnitRow, rows->len - 1) : NULL;
      gint64 v;
      if (line_is_name (t, header_lines))
        {
          if (in_name && last)
            {
              g_autofree char *joined = g_strconcat (last->name, t, NULL);
              g_free (last->name);
              last->name = g_steal_pointer (&joined);
              continue;
            }
          if (want_total)
            break;   /* a name without a figure: a note, or rows unread */
          UnitRow r = { g_strdup (t), l->line, 0, NULL, g_steal_pointer (&pending),
                        FALSE, FALSE, NULL };
          r.is_total = g_str_has_prefix (r.name, "合计");
          r.unit = !r.is_total && r.printed && is_unit_token (r.printed);
          g_array_append_val (rows, r);
          in_name = want_total = TRUE;
          continue;
        }
      in_name = FALSE;
      if (token_is_number (t) && strchr (t, '.') && token_amount (t, &v))
        {
          if (want_total && last)
            {
              last->total = v, want_total = FALSE;
              last->figure = g_strdup (t);
            }
        }
      else if (is_unit_token (t) || token_is_code (t))
        {
          g_free (pending);
          pending = g_strdup (t);
          if (strlen (t) == 3 && token_is_code (t))
            memcpy (lei, t, 4);
        }
      else if (token_is_two_digits (t) && *lei)
        {
          g_free (pending);
          pending = g_strconcat (lei, t, NULL);
        }
    }
  if (want_total)
    g_array_set_size (rows, rows->len - 1);   /* the sums then tell */
  return rows;
}

/* The 合计 row's code printed before it is the first unit's: plain text
 * prints the first unit's code above the 合计 label. */
static void
unit_rows_move_total_code (GArray *rows)
{
  for (guint i = 0; i + 1 < rows->len; i++)
    {
      UnitRow *r = &g_array_index (rows, UnitRow, i), *next = &g_array_index (rows, UnitRow, i + 1);
      if (r->is_total && r->printed && is_unit_token (r->printed) && !next->printed)
        {
          next->printed = g_steal_pointer (&r->printed);
          next->unit = TRUE;
        }
    }
}

/* CODE can follow LAST in a unit's rows (codes ascend): a 类, or a code
 * under LAST's 类 (a 款) or 款 (a 项). */
static gboolean
code_follows (const char *code, const char *last)
{
  gsize n = strlen (code);
  if (!token_is_code (code) || strcmp (code, last) <= 0)
    return FALSE;
  return n == 3 || (strlen (last) >= n - 2 && strncmp (code, last, n - 2) == 0);
}

/* The code another unit's row of the same name has (printed there) that
 * can follow LAST, or NULL: a 项 the catalogue lacks, printed at a page's
 * end in this unit ("其他社会保障和就业支出" 2089901). */
static const char *
code_of_namesake (GArray *rows, const UnitRow *r, const char *last)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const UnitRow *o = &g_array_index (rows, UnitRow, i);
      if (o != r && o->printed && !o->unit && g_str_equal (o->name, r->name)
          && code_follows (o->printed, last))
        return o->printed;
    }
  return NULL;
}

/* Codes for the rows of one unit (FROM: the unit's row, up to END), in
 * order: the code printed for the row when it can follow the row
 * before's (one printed late, at a page's end, cannot), else the code
 * printed for a namesake in another unit (the document's own code for
 * the name: 2089901 where the catalogue has 2089999), else the
 * catalogue's for its name there. */
static void
unit_codes (GArray *rows, guint from, guint end)
{
  const char *last = "";
  for (guint i = from + 1; i < end; i++)
    {
      UnitRow *r = &g_array_index (rows, UnitRow, i);
      const char *code = r->printed && code_follows (r->printed, last) ? r->printed : NULL;
      if (!code)
        code = code_of_namesake (rows, r, last);
      if (!code)
        code = catalogue_code_after (r->name, last);
      if (code && !code_follows (code, last))
        code = NULL;
      if (!code)
        return;   /* left uncoded: the check fails */
      r->code = g_strdup (code);
      last = r->code;
    }
}

/* TRUE when the rows FROM..END of one unit (FROM its row) are coded,
 * ascending, each under a parent among them, every parent the sum of its
 * children and the unit the sum of its 类. */
static gboolean
unit_adds_up (GArray *rows, guint from, guint end)
{
  const UnitRow *unit = &g_array_index (rows, UnitRow, from);
  gint64 classes = 0;
  guint nclasses = 0;
  for (guint i = from + 1; i < end; i++)
    {
      const UnitRow *r = &g_array_index (rows, UnitRow, i);
      gsize n = r->code ? strlen (r->code) : 0;
      if (!n || !token_is_code (r->code)
          || (i > from + 1 && strcmp (r->code, g_array_index (rows, UnitRow, i - 1).code) <= 0))
        return FALSE;
      if (n == 3)
        classes += r->total, nclasses++;
      gint64 kids = 0;
      guint nkids = 0;
      gboolean parent = n == 3;
      for (guint j = from + 1; j < end; j++)
        {
          const UnitRow *o = &g_array_index (rows, UnitRow, j);
          if (!o->code)
            continue;
          gsize m = strlen (o->code);
          if (m == n + 2 && g_str_has_prefix (o->code, r->code))
            kids += o->total, nkids++;
          parent |= j < i && m + 2 == n && g_str_has_prefix (r->code, o->code);
        }
      if (!parent || (nkids && ABS (kids - r->total) > (gint64) nkids))
        return FALSE;
    }
  return nclasses > 0 && ABS (classes - unit->total) <= (gint64) nclasses;
}

/* Codes the units' rows and checks every sum; FALSE when one fails. */
static gboolean
units_code_and_check (GArray *rows)
{
  guint units = 0;
  gint64 sum = 0, grand = 0;
  gboolean has_grand = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *r = &g_array_index (rows, UnitRow, i);
      if (r->is_total)
        {
          if (has_grand || units)
            return FALSE;
          has_grand = TRUE, grand = r->total;
          continue;
        }
      if (!r->unit)
        {
          if (!units)
            return FALSE;   /* a row before the first unit */
          continue;
        }
      guint end = i + 1;
      while (end < rows->len && !g_array_index (rows, UnitRow, end).unit
             && !g_array_index (rows, UnitRow, end).is_total)
        end++;
      unit_codes (rows, i, end);
      if (!unit_adds_up (rows, i, end))
        return FALSE;
      r->code = g_strdup (r->printed);
      sum += r->total, units++;
    }
  return units >= 2 && has_grand && ABS (sum - grand) <= (gint64) units;
}

/* "125002 西安市安全生产宣传教育中心 461.80", "合计 3,643.37". */
static BpLine *
unit_row_line (const UnitRow *r)
{
  char *text = r->is_total ? g_strdup_printf ("合计 %s", r->figure)
                           : g_strdup_printf ("%s %s %s", r->code, r->name, r->figure);
  return bp_line_new_take (text, r->line, r->line);   /* its page is the name's */
}

/* The header's lines after its column numbers ("** | 1 | 2 | 3 | 4 |
 * 125001 | 合计": the first unit's code and the 合计 label, read as the
 * header's) and every line of the document from the body's first to the
 * table's end: the body leaves out lines it took for the header printed
 * again over a page ("备注 | ** | 05 | 行政事业单位离退休", a row's code and
 * name among them). Borrowed. */
static GPtrArray *
lines_to_read (TableBody *tb)
{
  GPtrArray *out = g_ptr_array_new ();
  guint after = 0;
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      g_autofree char *c_own = NULL;
      const char *c = compact_of (((BpLine *) tb->header_lines->pdata[i])->text, &c_own);
      if (g_str_equal (c, "**") || (strlen (c) <= 2 && strspn (c, "0123456789") == strlen (c)))
        after = i + 1;
    }
  for (guint i = after; i < tb->header_lines->len; i++)
    g_ptr_array_add (out, tb->header_lines->pdata[i]);
  if (!tb->body_lines->len)
    return out;
  int from = ((BpLine *) tb->body_lines->pdata[0])->line;
  for (guint i = tb->first; i < tb->end && i < bp_document_n_lines (tb->doc); i++)
    {
      BpLine *l = bp_document_line (tb->doc, i);
      if (l->line >= from)
        g_ptr_array_add (out, l);
    }
  return out;
}

GPtrArray *
class_rows_by_unit_names (TableBody *tb, const char *header_text, GPtrArray **cols_out)
{
  if (!function_rows_source (tb->table->type))
    return NULL;
  g_autoptr (GPtrArray) lines = lines_to_read (tb);
  g_autoptr (GArray) rows = unit_rows_read (lines, tb->header_lines);
  if (rows->len < 6)
    return NULL;
  unit_rows_move_total_code (rows);
  if (!units_code_and_check (rows))
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (out, unit_row_line (&g_array_index (rows, UnitRow, i)));
  *cols_out = stream_columns (tb->table->type, header_text);
  return out;
}
