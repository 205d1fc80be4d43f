/* Measuring aid: runs the tables stage on documents and prints, per
 * document, the gold tables found (type + line within ±2, as the scorer
 * matches them), missed and spurious.
 *   plugins/tables/tables-vs-gold GOLD_DIR FILE...
 * Output goes to stdout; this is a tool, not a plugin. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>
#include <budgetpipe/budgetpipe.h>
#include "tests/harness.h"

typedef struct {
  guint found, gold, spurious;
} Tally;

static JsonArray *
gold_tables (JsonParser *parser, const char *gold_dir, const char *stem)
{
  g_autofree char *name = g_strconcat (stem, ".json", NULL);
  g_autofree char *path = g_build_filename (gold_dir, name, NULL);
  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_array_member (root, "tables");
}

static int
match_table (BpDocument *doc, gboolean *used, const char *type, int line)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (!used[i] && g_strcmp0 (t->type, type) == 0 && ABS (t->line - line) <= 2)
        return i;
    }
  return -1;
}

static void
compare (BpDocument *doc, JsonArray *gold, Tally *tally)
{
  g_autofree gboolean *used = g_new0 (gboolean, doc->tables->len + 1);
  for (guint g = 0; g < json_array_get_length (gold); g++)
    {
      JsonObject *gt = json_array_get_object_element (gold, g);
      const char *type = json_object_get_string_member (gt, "type");
      int line = json_object_get_int_member (gt, "line");
      int i = match_table (doc, used, type, line);
      if (i < 0)
        printf ("  MISSING   %-32s line %d\n", type, line);
      else
        {
          BpTable *t = g_ptr_array_index (doc->tables, i);
          used[i] = TRUE;
          tally->found++;
          printf ("  ok        %-32s line %d  rows %u  %s\n", type, t->line,
                  t->rows->len, t->empty ? "empty" : "");
        }
    }
  for (guint i = 0; i < doc->tables->len; i++)
    if (!used[i])
      {
        BpTable *t = g_ptr_array_index (doc->tables, i);
        printf ("  SPURIOUS  %-32s line %d\n", t->type, t->line);
        tally->spurious++;
      }
  tally->gold += json_array_get_length (gold);
}

static void
measure (const char *gold_dir, const char *file, Tally *tally)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpDocument) doc = bp_document_load (file, &error);
  static const char *const stages[] = { "tables", NULL };
  if (!doc || !bp_harness_run_stages (stages, doc, &error))
    {
      fprintf (stderr, "%s: %s\n", file, error ? error->message : "failed");
      return;
    }
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *gold = gold_tables (parser, gold_dir, doc->stem);
  printf ("%s: %u tables, %u toc entries\n", doc->stem, doc->tables->len,
          doc->toc->len);
  if (gold)
    compare (doc, gold, tally);
}

int
main (int argc, char **argv)
{
  if (argc < 3)
    {
      fprintf (stderr, "usage: %s GOLD_DIR FILE...\n", argv[0]);
      return 2;
    }
  Tally tally = { 0, 0, 0 };
  for (int i = 2; i < argc; i++)
    measure (argv[1], argv[i], &tally);
  printf ("tables found %u/%u (%.1f%%), spurious %u\n", tally.found, tally.gold,
          tally.gold ? 100.0 * tally.found / tally.gold : 0.0, tally.spurious);
  return 0;
}
