/* Footnote formulas: "1栏各行＝（2＋3）栏各行", "27 行＝（1＋2＋…＋8）行".
 * Parsed into column identities (for placing figures) and into a
 * machine-readable list for the validation stage. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

static GRegex *formula_re;

static GRegex *
formula_regex (void)
{
  return regex_cached (&formula_re,
      "(\\d{1,3})(栏|行)(?:各行)?=\\(?((?:\\d{1,3}|…|\\.{2,3})(?:\\+(?:\\d{1,3}|…|\\.{2,3}))+)\\)?(?:栏|行)");
}

/* "32+33+…+57" → 32..57; "1+2+3" → 1,2,3. */
static GArray *
terms_of (const char *expr)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto (GStrv) parts = g_strsplit (expr, "+", -1);
  for (guint i = 0; parts[i]; i++)
    {
      if (!g_ascii_isdigit (parts[i][0]))
        {
          int prev = out->len ? g_array_index (out, int, out->len - 1) : 0;
          int next = parts[i + 1] ? atoi (parts[i + 1]) : prev;
          for (int v = prev + 1; v < next && v - prev < 200; v++)
            g_array_append_val (out, v);
          continue;
        }
      int v = atoi (parts[i]);
      g_array_append_val (out, v);
    }
  return out;
}

typedef void (*FormulaFunc) (gboolean column, int lhs, GArray *terms,
                             gpointer data);

static void
formulas_foreach (const char *text, FormulaFunc fn, gpointer data)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  GMatchInfo *mi = NULL;
  g_regex_match (formula_regex (), c, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *lhs = g_match_info_fetch (mi, 1);
      g_autofree char *kind = g_match_info_fetch (mi, 2);
      g_autofree char *expr = g_match_info_fetch (mi, 3);
      g_autoptr (GArray) terms = terms_of (expr);
      fn (strcmp (kind, "栏") == 0, atoi (lhs), terms, data);
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
}

static void
add_identity (gboolean column, int lhs, GArray *terms, gpointer data)
{
  if (!column || lhs < 1)
    return;
  ColumnIdentity *id = g_new0 (ColumnIdentity, 1);
  id->total = lhs - 1;
  id->parts = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < terms->len; i++)
    {
      int c = g_array_index (terms, int, i) - 1;
      if (c >= 0)
        g_array_append_val (id->parts, c);
    }
  g_ptr_array_add (data, id);
}

GPtrArray *
formulas_parse (const char *text)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (identity_free);
  formulas_foreach (text, add_identity, ids);
  return ids;
}

static void
describe_one (gboolean column, int lhs, GArray *terms, gpointer data)
{
  GString *s = data;
  if (s->len)
    g_string_append_c (s, ';');
  g_string_append_printf (s, "%s:%d=", column ? "col" : "row", lhs);
  for (guint i = 0; i < terms->len; i++)
    g_string_append_printf (s, "%s%d", i ? "+" : "", g_array_index (terms, int, i));
}

/* "col:1=2+3;row:27=1+2+3": every formula in TEXT, or NULL if none. */
char *
formulas_describe (const char *text)
{
  GString *s = g_string_new (NULL);
  formulas_foreach (text, describe_one, s);
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}
