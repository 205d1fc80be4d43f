/* validate: the national classification catalogue (the data directory, see
 * data/SOURCES.md), loaded once per process and shared by every thread. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

static GHashTable *catalogue;   /* code → CatalogueEntry* */

static void
load_names (GHashTable *map, const char *file)
{
  g_autoptr (GPtrArray) rows = bp_data_rows (file, 2);
  if (!rows)
    {
      g_warning ("classification catalogue %s not found: code checks are off", file);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      CatalogueEntry *e = g_new0 (CatalogueEntry, 1);
      e->name = g_strdup (f[1]);
      e->confidence = 'H';
      g_hash_table_replace (map, g_strdup (f[0]), e);
    }
}

/* codes-evidence.tsv: file, code, confidence (H/M). */
static void
load_confidence (GHashTable *map)
{
  g_autoptr (GPtrArray) rows = bp_data_rows ("codes-evidence.tsv", 3);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      CatalogueEntry *e = g_hash_table_lookup (map, f[1]);
      if (e && *f[2])
        e->confidence = f[2][0];
    }
}

static GPtrArray *former_codes;   /* char*: codes with a former name */

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* former names: code, former_name, used_until_edition, current_name,
 * confidence. */
static void
load_former (GHashTable *map)
{
  g_autoptr (GPtrArray) rows = bp_data_rows ("function-codes-former-names.tsv", 2);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      CatalogueEntry *e = g_hash_table_lookup (map, f[0]);
      if (e && !e->former)
        {
          e->former = g_strdup (f[1]);
          /* "2018", or "2020(approx.)" for a date only believed. */
          guint n = g_strv_length (f);
          e->former_until = n > 2 ? atoi (f[2]) : 0;
          e->former_confidence = n > 4 && *f[4] ? f[4][0] : 'M';
          g_ptr_array_add (former_codes, g_strdup (f[0]));
        }
    }
  g_ptr_array_sort (former_codes, compare_codes);
}

static gpointer
catalogue_load (gpointer unused)
{
  (void) unused;
  /* Kept for the life of the process (the plugin stays resident). */
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);
  load_names (map, "function-codes.tsv");
  load_names (map, "economic-codes.tsv");
  load_confidence (map);
  former_codes = g_ptr_array_new_with_free_func (g_free);
  load_former (map);
  GHashTableIter it;
  gpointer code, entry;
  g_hash_table_iter_init (&it, map);
  while (g_hash_table_iter_next (&it, &code, &entry))
    {
      CatalogueEntry *e = entry;
      e->name_normal = validate_normalize_name (e->name);
      e->former_normal = e->former ? validate_normalize_name (e->former) : NULL;
    }
  catalogue = map;
  return map;
}

const CatalogueEntry *
validate_catalogue_lookup (const char *code)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, catalogue_load, NULL);
  return code ? g_hash_table_lookup (catalogue, code) : NULL;
}

const GPtrArray *
validate_catalogue_former_codes (void)
{
  validate_catalogue_lookup (NULL);
  return former_codes;
}

gboolean
validate_catalogue_loaded (void)
{
  validate_catalogue_lookup (NULL);
  return g_hash_table_size (catalogue) > 0;
}

/* validate_normalize_name's text in a GString (free it): NAME folded to
 * ASCII and without spaces (bp_text_compact_append, one pass, where a copy
 * was made for each step), then without quotes and 、, dropped in place. */
static GString *
normalized_name (const char *name)
{
  name = name ? name : "";
  GString *out = g_string_sized_new (strlen (name));
  bp_text_compact_append (out, name);
  char *o = out->str;
  for (const char *p = out->str; *p;)
    {
      /* Quotes and brackets vary between editions and typesetters: ASCII
       * '"', “ (E2 80 9C), ” (E2 80 9D) and 、 (E3 80 81). In UTF-8 a lead
       * byte is never inside another character: these bytes are them. */
      const guchar *u = (const guchar *) p;
      gsize drop = u[0] == '"' ? 1
        : u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D) ? 3
        : u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81 ? 3 : 0;
      if (drop)
        p += drop;
      else
        *o++ = *p++;
    }
  g_string_truncate (out, (gsize) (o - out->str));
  return out;
}

/* TRUE when NAME is its own normalized form: printable ASCII but '"' and
 * ideographs U+4000..U+9FFF (three bytes led by E4..E9), which neither the
 * fold nor the drops change. Most names are such, and need no pass. */
static gboolean
name_is_normal (const char *name)
{
  const guchar *u = (const guchar *) name;
  while (*u)
    if (*u > ' ' && *u < 0x7F && *u != '"')
      u++;
    else if (*u >= 0xE4 && *u <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
      u += 3;
    else
      return FALSE;
  return TRUE;
}

char *
validate_normalize_name (const char *name)
{
  if (name && name_is_normal (name))
    return g_strdup (name);
  GString *out = normalized_name (name);
  /* exactly sized: a GString keeps at least 128 bytes, and a rule keeps a
   * name per coded row of every table (issue 18) */
  char *normal = g_strndup (out->str, out->len);
  g_string_free (out, TRUE);
  return normal;
}

char *
validate_normalize_name_if_changed (const char *name)
{
  if (name && name_is_normal (name))
    return NULL;
  GString *out = normalized_name (name);
  char *normal = name && g_str_equal (out->str, name) ? NULL : g_strndup (out->str, out->len);
  g_string_free (out, TRUE);
  return normal;
}
