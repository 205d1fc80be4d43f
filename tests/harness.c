/* Test library: run one uninstalled plugin on one document (harness.h). */
#include "config.h"

#include <glib/gstdio.h>
#include "harness.h"
#include "../core/pipeline.h"
#include "../core/plugin-loader.h"

char *
bp_harness_srcpath (const char *relpath)
{
  const char *src = g_getenv ("G_TEST_SRCDIR");
  return g_build_filename (src ? src : BP_TEST_SRCDIR, relpath, NULL);
}

GString *
bp_harness_random_text (GRand *rand, const char *const *pieces, gsize n_pieces,
                        int min, int max, GArray *bounds)
{
  GString *text = g_string_new (NULL);
  if (bounds)
    g_array_append_val (bounds, text->len);
  for (int k = g_rand_int_range (rand, min, max); k > 0; k--)
    {
      g_string_append (text, pieces[g_rand_int_range (rand, 0, (gint32) n_pieces)]);
      if (bounds)
        g_array_append_val (bounds, text->len);
    }
  return text;
}

BpDocument *
bp_harness_load_corpus (const char *relpath)
{
  g_autofree char *corpus = g_build_filename ("tests", "corpus", relpath, NULL);
  g_autofree char *path = bp_harness_srcpath (corpus);
  GError *e = NULL;
  BpDocument *doc = bp_document_load (path, &e);
  g_assert_no_error (e);
  return doc;
}

static gboolean
apply_options (BpStage *s, const char *const *options, GError **error)
{
  g_autoptr (GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  for (const char *const *kv = options; kv && kv[0] && kv[1]; kv += 2)
    {
      const BpOption *o = bp_stage_find_option (s, kv[0]);
      if (!o)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                       "plugin '%s' has no option '%s'", s->plugin->name, kv[0]);
          return FALSE;
        }
      if (!bp_stage_set_option (s, o, kv[1], error))
        return FALSE;
      g_hash_table_add (set, (gpointer) kv[0]);
    }
  return bp_stage_apply_defaults (s, set, error);
}

static gboolean
run_stage (BpPluginLoader *loader, const char *plugin,
           const char *const *options, BpDocument *doc,
           const char *output_dir, GError **error)
{
  BpPlugin *pl = bp_plugin_loader_load (loader, plugin, error);
  if (!pl)
    return FALSE;
  BpStage *s = bp_stage_new (plugin, pl);
  const BpPluginDescriptor *d = pl->desc;
  gboolean ok = apply_options (s, options, error);
  s->output_dir = g_strdup (output_dir);
  s->pipeline_name = "harness";
  if (ok && d->init)
    ok = d->init (s, s->state, error);
  s->initialized = ok;
  if (ok)
    ok = bp_stage_process (s, doc, error);
  if (ok && d->finish)
    ok = d->finish (s, s->state, error);
  bp_stage_free (s);
  return ok;
}

void
bp_harness_rmtree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        bp_harness_rmtree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
bp_harness_run_stage (const char *plugin, const char *const *options,
                      BpDocument *doc, const char *output_dir, GError **error)
{
  bp_log_init ();
  BpPluginLoader *loader = bp_plugin_loader_new (NULL);
  /* a scratch output directory, removed again: the suite runs thousands
   * of stages */
  g_autofree char *tmp = output_dir ? NULL : g_dir_make_tmp ("bp-harness-XXXXXX", NULL);
  gboolean ok = run_stage (loader, plugin, options, doc,
                           output_dir ? output_dir : tmp, error);
  bp_plugin_loader_free (loader);
  if (tmp)
    bp_harness_rmtree (tmp);
  return ok;
}

gboolean
bp_harness_run_stages (const char *const *plugins, BpDocument *doc,
                       GError **error)
{
  for (const char *const *p = plugins; *p; p++)
    if (!bp_harness_run_stage (*p, NULL, doc, NULL, error))
      return FALSE;
  return TRUE;
}

BpDocument *
bp_harness_corpus_through (const char *relpath, const char *const *stages,
                           const char *from, const char *to)
{
  BpDocument *doc = bp_harness_load_corpus (relpath);
  if (from)
    bp_harness_replace_text (doc, from, to);
  g_autoptr (GError) error = NULL;
  if (!bp_harness_run_stages (stages, doc, &error))
    g_error ("%s: %s", relpath, error ? error->message : "failed");
  return doc;
}

void
bp_harness_replace_text (BpDocument *doc, const char *from, const char *to)
{
  const char *at = strstr (doc->text, from);
  if (!at)
    g_error ("%s has no “%s”", doc->stem, from);
  GString *s = g_string_new_len (doc->text, at - doc->text);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));
  bp_document_set_text (doc, g_string_free (s, FALSE), "UTF-8");
  bp_document_seed_lines (doc);
}

guint
bp_harness_count_findings (const BpDocument *doc, const char *rule, int line,
                           BpSeverity min)
{
  guint n = 0;
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = doc->findings->pdata[i];
      n += g_str_equal (f->rule, rule) && (!line || f->line == line) && f->severity >= min;
    }
  return n;
}
