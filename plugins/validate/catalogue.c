/* validate: the national classification catalogue (the data directory, see
 * data/SOURCES.md), loaded once per process and shared by every thread. */
#include "validate-private.h"

#include <string.h>

static GHashTable *catalogue;   /* code → CatalogueEntry* */

static void
load_names (GHashTable *map, const char *file)
{
  g_autofree char *path = bp_data_path (file);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_warning ("classification catalogue %s not found: code checks are off", path);
      return;
    }
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i]; i++)   /* line 0 is the header */
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 2 || !*f[0])
        continue;
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
  g_autofree char *path = bp_data_path ("codes-evidence.tsv");
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      CatalogueEntry *e = g_strv_length (f) >= 3 ? g_hash_table_lookup (map, f[1]) : NULL;
      if (e && *f[2])
        e->confidence = f[2][0];
    }
}

/* former names: code, former_name, used_until_edition, current_name. */
static void
load_former (GHashTable *map)
{
  g_autofree char *path = bp_data_path ("function-codes-former-names.tsv");
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      CatalogueEntry *e = g_strv_length (f) >= 2 ? g_hash_table_lookup (map, f[0]) : NULL;
      if (e && !e->former)
        e->former = g_strdup (f[1]);
    }
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
  load_former (map);
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

gboolean
validate_catalogue_loaded (void)
{
  validate_catalogue_lookup (NULL);
  return g_hash_table_size (catalogue) > 0;
}

char *
validate_normalize_name (const char *name)
{
  g_autofree char *ascii = bp_text_fullwidth_to_ascii (name ? name : "");
  g_autofree char *compact = bp_text_strip_spaces (ascii);
  GString *out = g_string_new (NULL);
  for (const char *p = compact; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Quotes and brackets vary between editions and typesetters. */
      if (c == 0x201C || c == 0x201D || c == '"' || c == 0x3001)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
