/* Classification tables listed by unit (Shenzhen's 支出总表: the
 * department's row, then each unit's row followed by its own 类, 款 and
 * 项 rows, the codes starting over in every unit) that plain pdftotext
 * printed as streams. A row whose name wraps prints its figures before
 * its code, and the rows after it follow suit ("208 | 社会保障和就业支出 |
 * 27 figures | 20801 | 2080101 | 人力资源和社会保障管 | 理事务 | 行政运行"),
 * so no code stands beside its figures; but the codes and the figure
 * groups each keep the rows' order. The rows come back by reading the two
 * streams side by side, once the groups that belong to no code (the
 * department's and the units' rows) are known: a unit starts where the
 * 类 codes start over, and the group before its first row is its total
 * when it equals the sum of the unit's 类 rows. Kept only when every
 * unit's total and code hierarchy add up and every group is used. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

typedef enum { ITEM_CODE, ITEM_NAME, ITEM_FIG } UnitItemKind;

typedef struct {
  int line;
  UnitItemKind kind;
  guint index;   /* into the stream of its kind */
} UnitItem;

static int
item_cmp (gconstpointer a, gconstpointer b)
{
  const UnitItem *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
items_add (GArray *items, GArray *lines, UnitItemKind kind)
{
  for (guint i = 0; i < lines->len; i++)
    {
      UnitItem it = { g_array_index (lines, int, i), kind, i };
      g_array_append_val (items, it);
    }
}

/* The codes, names and figures of S in print order. */
static GArray *
items_in_order (const UnitStreams *s)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (UnitItem));
  items_add (items, s->code_lines, ITEM_CODE);
  items_add (items, s->name_lines, ITEM_NAME);
  items_add (items, s->fig_lines, ITEM_FIG);
  g_array_sort (items, item_cmp);
  return items;
}

/* The figures a row holds: the commonest length of the runs of figures
 * that come after a code (names between them aside), the rows printed
 * whole beside their codes being most of them. 0 when none. */
static guint
group_size (GArray *items)
{
  g_autoptr (GHashTable) runs = g_hash_table_new (NULL, NULL);
  guint run = 0, best = 0, best_count = 0;
  gboolean after_code = FALSE;
  for (guint i = 0; i <= items->len; i++)
    {
      const UnitItem *it = i < items->len ? &g_array_index (items, UnitItem, i) : NULL;
      if (it && it->kind == ITEM_FIG)
        {
          run++;
          continue;
        }
      if (run && after_code)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (runs, GUINT_TO_POINTER (run))) + 1;
          g_hash_table_insert (runs, GUINT_TO_POINTER (run), GUINT_TO_POINTER (count));
          if (count > best_count || (count == best_count && run < best))
            best = run, best_count = count;
        }
      run = 0;
      if (it && it->kind == ITEM_CODE)
        after_code = TRUE;
      else if (it && it->kind == ITEM_FIG)
        after_code = FALSE;
    }
  return best;
}

/* The codes split where the 类 codes start over: each unit's first code
 * index, the end last. */
static GArray *
unit_starts (GPtrArray *codes)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *last_class = NULL;
  for (guint c = 0; c < codes->len; c++)
    {
      const char *code = codes->pdata[c];
      if (strlen (code) != 3)
        continue;
      if (!last_class || strcmp (code, last_class) <= 0)
        g_array_append_val (starts, c);
      last_class = code;
    }
  g_array_append_val (starts, codes->len);
  return starts;
}

typedef struct {
  GPtrArray *codes;     /* char*, the whole table's */
  const gint64 *vals;   /* group g, column k: vals[g * n + k] */
  guint n;              /* figures a group */
} UnitReading;

/* The sum of column K over the groups from G of the codes [FROM, TO)
 * whose code starts with PARENT and is two digits longer ("" and 3 for
 * the 类); *KIDS: how many. */
static gint64
children_sum (const UnitReading *r, guint from, guint to, guint g, const char *parent,
              gsize len, guint k, guint *kids)
{
  gint64 sum = 0;
  *kids = 0;
  for (guint c = from; c < to; c++)
    {
      const char *code = r->codes->pdata[c];
      if (strlen (code) == len && g_str_has_prefix (code, parent))
        {
          sum += r->vals[(g + c - from) * r->n + k];
          (*kids)++;
        }
    }
  return sum;
}

/* TRUE when the unit of codes [FROM, TO) read from group G on adds up:
 * the group before G (the unit's total) is the sum of its 类 rows in
 * every column, and nine parents' sums in ten hold (a real defect may
 * fail one). */
static gboolean
unit_holds (const UnitReading *r, guint from, guint to, guint g)
{
  guint kids, checked = 0, passed = 0;
  for (guint k = 0; k < r->n; k++)
    {
      gint64 sum = children_sum (r, from, to, g, "", 3, k, &kids);
      if (!kids || ABS (sum - r->vals[(g - 1) * r->n + k]) > (gint64) kids)
        return FALSE;
    }
  for (guint p = from; p < to; p++)
    {
      const char *pc = r->codes->pdata[p];
      for (guint k = 0; k < r->n; k++)
        {
          gint64 sum = children_sum (r, from, to, g, pc, strlen (pc) + 2, k, &kids);
          if (!kids)
            break;
          checked++;
          passed += ABS (sum - r->vals[(g + p - from) * r->n + k]) <= (gint64) kids;
        }
    }
  return passed * 10 >= checked * 9;
}

/* Which groups belong to no code (a gboolean by group), when every unit
 * reads with one or two such groups before it (the department's row
 * before the first) and all groups are used; NULL otherwise. */
static gboolean *
groups_without_codes (const UnitReading *r, GArray *starts, guint ng)
{
  gboolean *free_group = g_new0 (gboolean, ng + 1);
  guint g = 0;
  for (guint u = 0; u + 1 < starts->len; u++)
    {
      guint from = g_array_index (starts, guint, u), to = g_array_index (starts, guint, u + 1);
      guint lead = 1;
      while (lead <= 2 && (g + lead + to - from > ng || !unit_holds (r, from, to, g + lead)))
        lead++;
      if (lead > 2)
        {
          g_free (free_group);
          return NULL;
        }
      for (guint i = 0; i < lead; i++)
        free_group[g + i] = TRUE;
      g += lead + to - from;
    }
  if (g != ng)
    {
      g_free (free_group);
      return NULL;
    }
  return free_group;
}

static glong
name_width (const char *name)
{
  return g_utf8_strlen (name, -1);
}

/* The names LINES (indices into NAMES) make when the lines at the
 * positions JOIN (a bitmask) go on into the line after them; NULL unless
 * they are K names, none of which the catalogue names CODES otherwise
 * (when CODES). */
static GPtrArray *
names_joined (GPtrArray *names, GArray *lines, guint join, char **codes, guint k)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (cur, names->pdata[g_array_index (lines, guint, i)]);
      if (i + 1 < lines->len && (join & (1u << i)))
        continue;
      g_ptr_array_add (out, g_string_free (cur, FALSE));
      cur = g_string_new (NULL);
    }
  g_string_free (cur, TRUE);
  gboolean fits = out->len == k;
  for (guint j = 0; codes && fits && j < k; j++)
    fits = !catalogue_names_otherwise (codes[j], out->pdata[j]);
  if (!fits)
    g_clear_pointer (&out, g_ptr_array_unref);
  return out;
}

#define RUN_NAME_LINES 12

/* The K names of a run of K codes (CODES) from the name lines after it
 * (LINES: indices into NAMES), where a line as wide as WRAP (the name
 * column's width) may go on into the next: a line each; for one code,
 * its first line and the lines its wrapping carries on to; or else the
 * one way of joining wrapped lines to the next that leaves K names the
 * catalogue does not name otherwise. NULL when none or several. */
static GPtrArray *
run_names (GPtrArray *names, GArray *lines, char **codes, guint k, glong wrap)
{
  guint w = lines->len;
  if (w < k || k == 0 || w > RUN_NAME_LINES)
    return NULL;
  if (w == k)
    return names_joined (names, lines, 0, NULL, k);
  guint wide = 0;
  for (guint i = 0; i + 1 < w; i++)
    if (name_width (names->pdata[g_array_index (lines, guint, i)]) == wrap)
      wide |= 1u << i;
  if (k == 1)
    {
      guint join = 0;
      while (wide & (1u << join))
        join++;
      g_array_set_size (lines, join + 1);   /* the lines after: another column's */
      return names_joined (names, lines, (1u << join) - 1, NULL, k);
    }
  GPtrArray *found = NULL;
  for (guint join = wide; join; join = (join - 1) & wide)
    {
      if ((guint) __builtin_popcount (join) != w - k)
        continue;
      GPtrArray *got = names_joined (names, lines, join, codes, k);
      if (got && found)
        {
          g_ptr_array_unref (got);
          g_ptr_array_unref (found);
          return NULL;
        }
      if (got)
        found = got;
    }
  return found;
}

/* Gives the codes of the run ending before item END (K codes) the names
 * read after it on the run's page, up to the page's header words or a
 * line wider than the name column (WRAP: a unit's name), in NAMED (code
 * index -> name). */
static void
name_run (const UnitStreams *s, GArray *items, guint end, guint k, glong wrap, char **named)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  const UnitItem *last = &g_array_index (items, UnitItem, end - 1);
  int page = GPOINTER_TO_INT (g_hash_table_lookup (s->line_pages, GINT_TO_POINTER (last->line)));
  for (guint i = end; i < items->len; i++)
    {
      const UnitItem *it = &g_array_index (items, UnitItem, i);
      if (it->kind != ITEM_NAME
          || GPOINTER_TO_INT (g_hash_table_lookup (s->line_pages, GINT_TO_POINTER (it->line)))
             != page)
        break;
      if (s->header_like[it->index])
        break;   /* the header printed again at the page's top */
      if (name_width (s->names->pdata[it->index]) > wrap)
        break;
      g_array_append_val (lines, it->index);
    }
  g_autofree char **codes = g_new0 (char *, k + 1);
  for (guint j = 0; j < k; j++)
    codes[j] = s->codes->pdata[g_array_index (items, UnitItem, end - k + j).index];
  g_autoptr (GPtrArray) got = run_names (s->names, lines, codes, k, wrap);
  for (guint j = 0; got && j < k; j++)
    {
      guint c = g_array_index (items, UnitItem, end - k + j).index;
      named[c] = g_strdup (got->pdata[j]);
    }
}

/* The name column's width: the widest name printed on one line between
 * its code and its figures ("20801 | 就业管理事务 | 522.62"); 0 when none. */
static glong
name_column_width (const UnitStreams *s, GArray *items)
{
  glong wrap = 0;
  for (guint i = 0; i + 2 < items->len; i++)
    {
      const UnitItem *it = &g_array_index (items, UnitItem, i);
      if (it[0].kind == ITEM_CODE && it[1].kind == ITEM_NAME && it[2].kind == ITEM_FIG
          && !s->header_like[it[1].index])
        wrap = MAX (wrap, name_width (s->names->pdata[it[1].index]));
    }
  return wrap;
}

static void
names_free (char **named, guint nc)
{
  for (guint c = 0; c < nc; c++)
    g_free (named[c]);
  g_free (named);
}

/* Each code's name ( array by code index), read after its
 * run of codes, or else the name the same code took in another unit;
 * NULL when a code is left without one (the rows then go nameless, as
 * other stream rebuilds leave them). */
static char **
codes_named (const UnitStreams *s, GArray *items)
{
  guint nc = s->codes->len;
  char **named = g_new0 (char *, nc + 1);
  glong wrap = name_column_width (s, items);
  for (guint i = 0; i < items->len;)
    {
      guint k = 0;
      while (i < items->len && g_array_index (items, UnitItem, i).kind == ITEM_CODE)
        i++, k++;
      if (k)
        name_run (s, items, i, k, wrap, named);
      else
        i++;
    }
  g_autoptr (GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < nc; c++)
    if (named[c] && !g_hash_table_contains (by_code, s->codes->pdata[c]))
      g_hash_table_insert (by_code, s->codes->pdata[c], named[c]);
  for (guint c = 0; c < nc; c++)
    {
      const char *other = g_hash_table_lookup (by_code, s->codes->pdata[c]);
      if (!named[c] && other)
        named[c] = g_strdup (other);
      if (!named[c])
        {
          g_debug ("streams by unit: code %s at line %d has no name", (char *) s->codes->pdata[c],
                   g_array_index (s->code_lines, int, c));
          names_free (named, nc);
          return NULL;
        }
    }
  return named;
}

static BpLine *
group_line (const char *code, const char *name, GPtrArray *figs, guint from, guint n, int line)
{
  GString *t = g_string_new (code);
  if (name && *name)
    g_string_append_printf (t, *code ? " %s" : "%s", name);
  for (guint i = from; i < from + n; i++)
    g_string_append_printf (t, " %s", (const char *) g_ptr_array_index (figs, i));
  return bp_line_new_take (g_string_free (t, FALSE), line, line);
}

static GPtrArray *
rows_from_units (const UnitStreams *s, const gboolean *free_group, guint ng, guint n,
                 char **named)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  for (guint g = 0, c = 0; g < ng; g++)
    {
      int line = g_array_index (s->fig_lines, int, g * n);
      if (free_group[g])
        g_ptr_array_add (out, group_line ("", NULL, s->figs, g * n, n, line));
      else
        {
          g_ptr_array_add (out, group_line (s->codes->pdata[c], named ? named[c] : NULL,
                                            s->figs, g * n, n,
                                            g_array_index (s->code_lines, int, c)));
          c++;
        }
    }
  return out;
}

GPtrArray *
stream_rows_by_units (const UnitStreams *s)
{
  guint nc = s->codes->len, nf = s->figs->len;
  if (nc < 4)
    return NULL;
  g_autoptr (GArray) starts = unit_starts (s->codes);
  if (starts->len < 3 || g_array_index (starts, guint, 0) != 0)
    return NULL;   /* a table of one unit, or codes before the first 类 */
  g_autoptr (GArray) items = items_in_order (s);
  guint n = group_size (items);
  if (n < 2 || nf % n != 0 || nf / n <= nc)
    return NULL;
  guint ng = nf / n;
  g_autofree gint64 *vals = g_new0 (gint64, nf);
  for (guint i = 0; i < nf; i++)
    if (!token_amount (s->figs->pdata[i], &vals[i]))
      return NULL;
  UnitReading r = { s->codes, vals, n };
  g_autofree gboolean *free_group = groups_without_codes (&r, starts, ng);
  if (!free_group)
    return NULL;
  char **named = codes_named (s, items);
  g_debug ("streams by unit: %u codes, %u units, %u figures a row%s", nc, starts->len - 1, n,
           named ? "" : ", no names");
  GPtrArray *rows = rows_from_units (s, free_group, ng, n, named);
  if (named)
    names_free (named, nc);
  return rows;
}
